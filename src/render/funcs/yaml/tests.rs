//! `toYaml` and `toJson` against what helm3 (v3.17.3) printed for the same values: each case's
//! input was given to `helm template` as a values file (JSON, so every number is a float64) and
//! the chart printed `toYaml`/`toJson` of it (base64-encoded, to keep every byte). The tables
//! are made by `scripts/helm-oracle/to-yaml.py toYaml` and `… toYamlPretty`.

use super::super::json;
use gotmpl::{Map, Value};

/// JSON text as Helm's values: numbers are float64.
fn value_of(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(items) => Value::list(items.iter().map(value_of).collect()),
        serde_json::Value::Object(entries) => Value::Map(Map::from_entries(
            entries.iter().map(|(k, v)| (k.clone(), value_of(v))),
        )),
    }
}

/// Helm's `toYaml`: the text without its final newline, empty on error.
fn to_yaml(value: &Value) -> String {
    super::marshal(value)
        .map(|t| t.strip_suffix('\n').unwrap_or(&t).to_string())
        .unwrap_or_default()
}

#[test]
fn to_yaml_as_helm() {
    let mut wrong = Vec::new();
    for (name, input, yaml, _) in CASES {
        let value = value_of(&serde_json::from_str(input).unwrap());
        let ours = to_yaml(&value);
        if ours != *yaml {
            wrong.push(format!("{name}:\n--- helm\n{yaml}\n--- ours\n{ours}\n"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        CASES.len(),
        wrong.join("\n")
    );
}

#[test]
fn to_yaml_pretty_as_helm() {
    let mut wrong = Vec::new();
    for (name, input, yaml, _) in PRETTY_CASES {
        let value = value_of(&serde_json::from_str(input).unwrap());
        let ours = super::marshal_pretty(&value)
            .map(|t| t.strip_suffix('\n').unwrap_or(&t).to_string())
            .unwrap_or_default();
        if ours != *yaml {
            wrong.push(format!("{name}:\n--- helm\n{yaml}\n--- ours\n{ours}\n"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        PRETTY_CASES.len(),
        wrong.join("\n")
    );
}

#[test]
fn to_json_as_helm() {
    for (name, input, _, want) in CASES {
        let value = value_of(&serde_json::from_str(input).unwrap());
        assert_eq!(json::marshal_text(&value).unwrap(), *want, "{name}");
    }
}

#[test]
fn natural_key_order() {
    let mut entries: Vec<(String, super::Node)> = [
        "b10", "a01", "a1", "a00", "a0", "_x", "", "B", "10", "9", "1",
    ]
    .iter()
    .map(|k| (k.to_string(), super::Node::Null))
    .collect();
    super::sort_keys(&mut entries);
    let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["", "_x", "1", "9", "10", "B", "a0", "a00", "a1", "a01", "b10"]
    );
}

#[test]
fn key_order_is_a_merge_sort_even_where_the_order_is_not_transitive() {
    // go-yaml's key order is not transitive here (`1a` < `01` < `002` < `9` < `10` < `10a` <
    // `1a`): Helm's output then varies from run to run; ours is the merge sort's, whatever
    // the input order. The reference: the merge as first written (split, sort, merge).
    fn reference(mut items: Vec<Vec<char>>) -> Vec<Vec<char>> {
        if items.len() < 2 {
            return items;
        }
        let right = reference(items.split_off(items.len() / 2));
        let left = reference(items);
        let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
        let mut out = Vec::new();
        while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
            out.extend(if super::less(b, a) {
                r.next()
            } else {
                l.next()
            });
        }
        out.extend(l);
        out.extend(r);
        out
    }
    let keys = [
        "1a", "01", "002", "9", "10", "10a", "a", "_", "B", "a1", "a01",
    ];
    for rotation in 0..keys.len() {
        for reversed in [false, true] {
            let mut input: Vec<&str> = keys.to_vec();
            input.rotate_left(rotation);
            if reversed {
                input.reverse();
            }
            let mut entries: Vec<(String, super::Node)> = input
                .iter()
                .map(|k| (k.to_string(), super::Node::Null))
                .collect();
            super::sort_keys(&mut entries);
            let ours: Vec<String> = entries.into_iter().map(|(k, _)| k).collect();
            let want: Vec<String> = reference(input.iter().map(|k| k.chars().collect()).collect())
                .into_iter()
                .map(|k| k.into_iter().collect())
                .collect();
            assert_eq!(ours, want, "{input:?}");
        }
    }
}

#[test]
fn timestamps_and_sexagesimal() {
    for s in [
        "2020-01-01",
        "2020-1-1",
        "2020-02-29",
        "2020-01-01T10:00:00Z",
        "2020-01-01 10:00:00.5",
        "2020-01-01t1:2:3+08:00",
    ] {
        assert!(super::is_timestamp(s), "{s}");
    }
    for s in [
        "2020-13-01",
        "2019-02-29",
        "2020-01-01T10:00:00",
        "2020-01-01T24:00:00Z",
        "20200-01-01",
        "2020-01-01 ",
    ] {
        assert!(!super::is_timestamp(s), "{s}");
    }
    assert!(super::is_base60_float("1:30"));
    assert!(super::is_base60_float("-190:20:30.15"));
    assert!(!super::is_base60_float("1:60"));
    assert!(!super::is_base60_float("1:"));
}

// Generated from helm3 v3.17.3 `toYaml`/`toJson` output (each case: input as JSON, toYaml, toJson).
pub(super) const CASES: &[(&str, &str, &str, &str)] = &[
    ("long_plain", "\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"", "this is a long string with many words that goes on and on past the eighty column limit\n  of the emitter for sure yes", "\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\""),
    ("emoji", "\"\u{1f600} emoji\"", "\"\\U0001F600 emoji\"", "\"\u{1f600} emoji\""),
    ("tab", "\"tab\\there\"", "\"tab\\there\"", "\"tab\\there\""),
    ("resolving", "[\"1:30\", \"<<\", \"2020-13-01\", \"2020-1-1\", \"2020-02-30\", \"2020-01-01T10:00:00Z\", \"2020-01-01 10:00:00\", \"1_000\", \".5\", \"0b101\", \"0x1F\", \"+1\", \"-\", \"~\", \"0o17\", \"1e5\", \"1.\", \".\", \"-.inf\", \".Inf\", \"2020-02-29\", \"2019-02-29\", \"2020-01-01t10:00:00+08:00\", \"2020-01-01T10:00:00.5Z\", \"2020-01-01 10:00:00.123\", \"2020-01-01T25:00:00Z\", \"2020-01-01T10:00:00\", \"2020-1-1 1:2:3\", \"12:30:45\", \"-1:30\", \"1:60\", \"190:20:30.15\", \"yes\", \"Yes\", \"yEs\", \"y\", \"Y\", \"n\", \"NO\", \"off\", \"On\", \"true\", \"TRUE\", \"tRUE\", \"null\", \"NULL\", \"nulL\", \"08\", \"0\", \"-0\", \"1e400\", \"._5\", \"0B11\", \"-0b11\", \"+\", \"+.inf\", \"1__0\", \"_1\", \".e1\", \"1.2.3\", \"0x\", \"1e\", \"+.5\", \"-.5e3\"]", "- \"1:30\"\n- <<\n- 2020-13-01\n- \"2020-1-1\"\n- 2020-02-30\n- \"2020-01-01T10:00:00Z\"\n- \"2020-01-01 10:00:00\"\n- \"1_000\"\n- \".5\"\n- \"0b101\"\n- \"0x1F\"\n- \"+1\"\n- '-'\n- \"~\"\n- \"0o17\"\n- \"1e5\"\n- \"1.\"\n- .\n- \"-.inf\"\n- \".Inf\"\n- \"2020-02-29\"\n- 2019-02-29\n- \"2020-01-01t10:00:00+08:00\"\n- \"2020-01-01T10:00:00.5Z\"\n- \"2020-01-01 10:00:00.123\"\n- 2020-01-01T25:00:00Z\n- 2020-01-01T10:00:00\n- \"2020-1-1 1:2:3\"\n- \"12:30:45\"\n- \"-1:30\"\n- 1:60\n- \"190:20:30.15\"\n- \"yes\"\n- \"Yes\"\n- yEs\n- \"y\"\n- \"Y\"\n- \"n\"\n- \"NO\"\n- \"off\"\n- \"On\"\n- \"true\"\n- \"TRUE\"\n- tRUE\n- \"null\"\n- \"NULL\"\n- nulL\n- \"08\"\n- \"0\"\n- \"-0\"\n- 1e400\n- ._5\n- \"0B11\"\n- \"-0b11\"\n- +\n- \"+.inf\"\n- \"1__0\"\n- _1\n- .e1\n- 1.2.3\n- 0x\n- 1e\n- \"+.5\"\n- \"-.5e3\"", "[\"1:30\",\"\\u003c\\u003c\",\"2020-13-01\",\"2020-1-1\",\"2020-02-30\",\"2020-01-01T10:00:00Z\",\"2020-01-01 10:00:00\",\"1_000\",\".5\",\"0b101\",\"0x1F\",\"+1\",\"-\",\"~\",\"0o17\",\"1e5\",\"1.\",\".\",\"-.inf\",\".Inf\",\"2020-02-29\",\"2019-02-29\",\"2020-01-01t10:00:00+08:00\",\"2020-01-01T10:00:00.5Z\",\"2020-01-01 10:00:00.123\",\"2020-01-01T25:00:00Z\",\"2020-01-01T10:00:00\",\"2020-1-1 1:2:3\",\"12:30:45\",\"-1:30\",\"1:60\",\"190:20:30.15\",\"yes\",\"Yes\",\"yEs\",\"y\",\"Y\",\"n\",\"NO\",\"off\",\"On\",\"true\",\"TRUE\",\"tRUE\",\"null\",\"NULL\",\"nulL\",\"08\",\"0\",\"-0\",\"1e400\",\"._5\",\"0B11\",\"-0b11\",\"+\",\"+.inf\",\"1__0\",\"_1\",\".e1\",\"1.2.3\",\"0x\",\"1e\",\"+.5\",\"-.5e3\"]"),
    ("breaks", "[\"\\n\", \"a\\n\\n\", \"  a\\nb\", \"a \\nb\", \"a\\nb \", \"a\\rb\", \"\\ta\\nb\", \"x\u{85}y\", \"a\u{2028}b\", \"\u{a0}a\", \"\u{feff}a\", \"a\\u0007b\", \"\\u0000\", \"a\u{2028}\", \"\u{2029}\", \"a\u{2028}\u{2028}b\"]", "- |2+\n\n- |+\n  a\n\n- |2-\n    a\n  b\n- \"a \\nb\"\n- \"a\\nb \"\n- \"a\\rb\"\n- \"\\ta\\nb\"\n- x y\n- 'a\u{2028}  b'\n- \u{a0}a\n- \"\\uFEFF\\x61\"\n- \"a\\ab\"\n- \"\\0\"\n- 'a\u{2028}'\n- '\u{2029}'\n- 'a\u{2028}\u{2028}  b'", "[\"\\n\",\"a\\n\\n\",\"  a\\nb\",\"a \\nb\",\"a\\nb \",\"a\\rb\",\"\\ta\\nb\",\"x\u{85}y\",\"a\\u2028b\",\"\u{a0}a\",\"\u{feff}a\",\"a\\u0007b\",\"\\u0000\",\"a\\u2028\",\"\\u2029\",\"a\\u2028\\u2028b\"]"),
    ("keys", "{\"b10\": 1, \"b9\": 2, \"B\": 3, \"a\": 4, \"_x\": 5, \"1\": 6, \"10\": 7, \"9\": 8, \"a0\": 9, \"a00\": 10, \"a01\": 11, \"a1\": 12, \"é\": 13, \"-\": 14, \"z\": 15, \"\": 16, \"a10b\": 17, \"a9c\": 18, \"A1\": 26, \"a-b\": 27, \"a_b\": 28, \"a.b\": 29, \"中\": 30, \"ab\": 31, \"aB\": 32, \"Ab\": 33, \"a 1\": 34, \"a  1\": 35, \"0\": 36, \"00\": 37, \"01\": 38, \"002\": 39, \"1.5\": 40}", "\"\": 16\n'-': 14\n_x: 5\n\"0\": 36\n\"00\": 37\n\"1\": 6\n\"1.5\": 40\n\"01\": 38\n\"002\": 39\n\"9\": 8\n\"10\": 7\nA1: 26\nAb: 33\nB: 3\na: 4\na  1: 35\na 1: 34\na-b: 27\na.b: 29\na_b: 28\na0: 9\na00: 10\na1: 12\na01: 11\na9c: 18\na10b: 17\naB: 32\nab: 31\nb9: 2\nb10: 1\nz: 15\né: 13\n中: 30", "{\"\":16,\"-\":14,\"0\":36,\"00\":37,\"002\":39,\"01\":38,\"1\":6,\"1.5\":40,\"10\":7,\"9\":8,\"A1\":26,\"Ab\":33,\"B\":3,\"_x\":5,\"a\":4,\"a  1\":35,\"a 1\":34,\"a-b\":27,\"a.b\":29,\"a0\":9,\"a00\":10,\"a01\":11,\"a1\":12,\"a10b\":17,\"a9c\":18,\"aB\":32,\"a_b\":28,\"ab\":31,\"b10\":1,\"b9\":2,\"z\":15,\"é\":13,\"中\":30}"),
    ("floats", "[1.0, 1.5, 1e+21, 1e+20, 1e-07, 0.0001, 1e-05, 12345678.9, 123456, 1e+19, 1.8446744073709552e+19, -0.0, 1e+23, -1.5, 0.1, 123456.7, 1234567.0, 999999.9, -1e-05, 3.14159]", "- 1\n- 1.5\n- 1e+21\n- 1e+20\n- 1e-07\n- 0.0001\n- 1e-05\n- 1.23456789e+07\n- 123456\n- 10000000000000000000\n- 1.8446744073709552e+19\n- 0\n- 1e+23\n- -1.5\n- 0.1\n- 123456.7\n- 1234567\n- 999999.9\n- -1e-05\n- 3.14159", "[1,1.5,1e+21,100000000000000000000,1e-7,0.0001,0.00001,12345678.9,123456,10000000000000000000,18446744073709552000,-0,1e+23,-1.5,0.1,123456.7,1234567,999999.9,-0.00001,3.14159]"),
    ("nested", "[[], {}, [[]], [{}], {\"a\": []}, {\"a\": [1, {\"b\": [2]}]}, [[1, [2, [3]]]], {\"a\": {\"b\": {\"c\": [{\"d\": \"e\", \"f\": [\"g\"]}]}}}]", "- []\n- {}\n- - []\n- - {}\n- a: []\n- a:\n  - 1\n  - b:\n    - 2\n- - - 1\n    - - 2\n      - - 3\n- a:\n    b:\n      c:\n      - d: e\n        f:\n        - g", "[[],{},[[]],[{}],{\"a\":[]},{\"a\":[1,{\"b\":[2]}]},[[1,[2,[3]]]],{\"a\":{\"b\":{\"c\":[{\"d\":\"e\",\"f\":[\"g\"]}]}}}]"),
    ("html", "\"<>&\u{2028}\\b\\f\\u0001\"", "\"<>&\\L\\b\\f\\x01\"", "\"\\u003c\\u003e\\u0026\\u2028\\b\\f\\u0001\""),
    ("complex_keys", "{\"multi\\nline key\": 1, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 2, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 3, \"中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中\": 4, \"k\u{2028}x\": 5, \"long\": {\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\": {\"x\": [1, 2]}, \"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\": [1, 2], \"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\": \"v\"}}", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 3\n? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n: 2\n? 'k\u{2028}  x'\n: 5\nlong:\n  ? bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n  : x:\n    - 1\n    - 2\n  ? cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n  : - 1\n    - 2\n  ? dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\n  : v\n? |-\n  multi\n  line key\n: 1\n? 中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中\n: 4", "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":3,\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":2,\"k\\u2028x\":5,\"long\":{\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\":{\"x\":[1,2]},\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\":[1,2],\"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\":\"v\"},\"multi\\nline key\":1,\"中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中\":4}"),
    ("indicators", "[\"- a\", \"? x\", \"a: b\", \"a #b\", \"#a\", \"a#b\", \"[a\", \"a]\", \"a,b\", \"---\", \"--- a\", \"...x\", \"a:\", \"a:b\", \"%a\", \"!a\", \"&a\", \"*a\", \"|a\", \">a\", \"'a\", \"\\\"a\", \"@a\", \"`a\", \" a\", \"a \", \"a  b\", \":a\", \"?a\", \"-a\", \"?\", \"-\", \":\", \"a\\t#b\", \"a\u{a0}#b\", \"...\", \"--\", \"a'b\", \"it's\", \"x: \", \"\\\\\", \"a\\\\b\", \"\\\"\", \"'\"]", "- '- a'\n- '? x'\n- 'a: b'\n- 'a #b'\n- '#a'\n- a#b\n- '[a'\n- a]\n- a,b\n- '---'\n- '--- a'\n- '...x'\n- 'a:'\n- a:b\n- '%a'\n- '!a'\n- '&a'\n- '*a'\n- '|a'\n- '>a'\n- '''a'\n- '\"a'\n- '@a'\n- '`a'\n- ' a'\n- 'a '\n- a  b\n- :a\n- ?a\n- -a\n- '?'\n- '-'\n- ':'\n- \"a\\t#b\"\n- a\u{a0}#b\n- '...'\n- --\n- a'b\n- it's\n- 'x: '\n- \\\n- a\\b\n- '\"'\n- ''''", "[\"- a\",\"? x\",\"a: b\",\"a #b\",\"#a\",\"a#b\",\"[a\",\"a]\",\"a,b\",\"---\",\"--- a\",\"...x\",\"a:\",\"a:b\",\"%a\",\"!a\",\"\\u0026a\",\"*a\",\"|a\",\"\\u003ea\",\"'a\",\"\\\"a\",\"@a\",\"`a\",\" a\",\"a \",\"a  b\",\":a\",\"?a\",\"-a\",\"?\",\"-\",\":\",\"a\\t#b\",\"a\u{a0}#b\",\"...\",\"--\",\"a'b\",\"it's\",\"x: \",\"\\\\\",\"a\\\\b\",\"\\\"\",\"'\"]"),
    ("null", "null", "null", "null"),
    ("str", "\"x\"", "x", "\"x\""),
    ("literal_long", "\"line one\\nline two is long long long long long long long long long long long long long long long long long\\n\"", "|\n  line one\n  line two is long long long long long long long long long long long long long long long long long", "\"line one\\nline two is long long long long long long long long long long long long long long long long long\\n\""),
    ("quoted_long", "[\"'quoted' with a long tail that must be beyond the eighty column limit of the emitter ok\\r yes\", \"double\\tquoted string with a long tail that must be beyond the eighty column limit of the emitter ok  two spaces\", \"- single quoted because of the dash and a long tail beyond the eighty column limit of it all ok\"]", "- \"'quoted' with a long tail that must be beyond the eighty column limit of the emitter\n  ok\\r yes\"\n- \"double\\tquoted string with a long tail that must be beyond the eighty column limit\n  of the emitter ok  two spaces\"\n- '- single quoted because of the dash and a long tail beyond the eighty column limit\n  of it all ok'", "[\"'quoted' with a long tail that must be beyond the eighty column limit of the emitter ok\\r yes\",\"double\\tquoted string with a long tail that must be beyond the eighty column limit of the emitter ok  two spaces\",\"- single quoted because of the dash and a long tail beyond the eighty column limit of it all ok\"]"),
    ("short_words", "\"short words a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z\"", "short words a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i\n  j k l m n o p q r s t u v w x y z", "\"short words a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z\""),
    ("bom", "[\"\u{feff}ab\", \"a\u{feff}bc\", \"\u{feff} a é\"]", "- \"\\uFEFF\\x61\\x62\"\n- \"a\\uFEFFbc\"\n- \"\\uFEFF\\x20\\x61\\x20\\xE9\"", "[\"\u{feff}ab\",\"a\u{feff}bc\",\"\u{feff} a é\"]"),
    ("nel", "[\"a  \u{85}  b\", \"a\u{85}\u{85}b\", \"a \u{85} \u{85} \u{85}b\", \"\u{85}\", \"a\u{85}\", \" \u{85} \", \"a\u{85} b\u{85}\u{85} c\"]", "- a b\n- |-\n  a\n  b\n- |-\n  a\n\n  b\n- ' '\n- 'a '\n- ' '\n- |-\n  a b\n  c", "[\"a  \u{85}  b\",\"a\u{85}\u{85}b\",\"a \u{85} \u{85} \u{85}b\",\"\u{85}\",\"a\u{85}\",\" \u{85} \",\"a\u{85} b\u{85}\u{85} c\"]"),
    ("unicode", "[\"é中\", \"퟿�\"]", "- é中\n- ퟿�", "[\"é中\",\"퟿�\"]"),
    ("bad_control", "[\"x\u{7f}y\"]", "", "[\"x\u{7f}y\"]"),
    ("bad_fffe", "\"a\u{fffe}b\"", "", "\"a\u{fffe}b\""),
    ("bad_c1", "\"a\u{80}b\"", "", "\"a\u{80}b\""),
    ("nbsp", "\"\u{a0}\"", "\u{a0}", "\"\u{a0}\""),
    ("literals", "[\"\\n\\na\", \"a\\n b\\n\\tc\\n\", \"a\\nb\\n\\n\\n\", \"a\\n\\n\", {\"k\": \"a\\n\\n\"}, \"a\\n\", \"a\\nb\", \" a\\nb\\n\", \"\\na\", \"a\\n  b\\n    c\", \"a\\r\\nb\", \"a\\né\u{2028}x\", \"a\\n\u{1f600}\"]", "- |2-\n\n\n  a\n- \"a\\n b\\n\\tc\\n\"\n- |+\n  a\n  b\n\n\n- |+\n  a\n\n- k: |+\n    a\n\n- |\n  a\n- |-\n  a\n  b\n- |2\n   a\n  b\n- |2-\n\n  a\n- |-\n  a\n    b\n      c\n- \"a\\r\\nb\"\n- |-\n  a\n  é\u{2028}  x\n- \"a\\n\\U0001F600\"", "[\"\\n\\na\",\"a\\n b\\n\\tc\\n\",\"a\\nb\\n\\n\\n\",\"a\\n\\n\",{\"k\":\"a\\n\\n\"},\"a\\n\",\"a\\nb\",\" a\\nb\\n\",\"\\na\",\"a\\n  b\\n    c\",\"a\\r\\nb\",\"a\\né\\u2028x\",\"a\\n\u{1f600}\"]"),
    ("nested_long", "{\"a\": {\"b\": {\"c\": \"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\", \"d\": [\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\", [\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"]], \"e\": \"x\\ny\"}}}", "a:\n  b:\n    c: this is a long string with many words that goes on and on past the eighty column\n      limit of the emitter for sure yes\n    d:\n    - this is a long string with many words that goes on and on past the eighty column\n      limit of the emitter for sure yes\n    - - this is a long string with many words that goes on and on past the eighty\n        column limit of the emitter for sure yes\n    e: |-\n      x\n      y", "{\"a\":{\"b\":{\"c\":\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\",\"d\":[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\",[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"]],\"e\":\"x\\ny\"}}}"),
    ("top_list", "[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\", \"- x\", {\"k\": \"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"}]", "- this is a long string with many words that goes on and on past the eighty column\n  limit of the emitter for sure yes\n- '- x'\n- k: this is a long string with many words that goes on and on past the eighty column\n    limit of the emitter for sure yes", "[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\",\"- x\",{\"k\":\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"}]"),
    ("empty", "\"\"", "\"\"", "\"\""),
    ("empty_map", "{}", "{}", "{}"),
    ("empty_list", "[]", "[]", "[]"),
    ("bool", "true", "true", "true"),
    ("int_like", "42", "42", "42"),
    ("big", "1e+300", "1e+300", "1e+300"),
    ("empty_key", "{\"\": \"\", \" \": \" \"}", "\"\": \"\"\n' ': ' '", "{\"\":\"\",\" \":\" \"}"),
    ("quote_keys", "{\"yes\": 1, \"null\": 2, \"1\": 3, \"a: b\": 4, \"#\": 5, \"- x\": 6, \"'\": 7, \"\\t\": 8, \"2020-01-01\": 9}", "\"\\t\": 8\n'#': 5\n'''': 7\n'- x': 6\n\"1\": 3\n\"2020-01-01\": 9\n'a: b': 4\n\"null\": 2\n\"yes\": 1", "{\"\\t\":8,\"#\":5,\"'\":7,\"- x\":6,\"1\":3,\"2020-01-01\":9,\"a: b\":4,\"null\":2,\"yes\":1}"),
    ("long_quoted_key", "{\"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \": 1}", "? 'x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x\n  x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x '\n: 1", "{\"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \":1}"),
    ("space_runs", "[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\", \"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c\"]", "- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\n  c\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  b\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  b\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  b\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\n- 'x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x\n  x x x x x x x x x x x x x x x x x x x x '\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n  c", "[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\",\"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c\"]"),
    ("dq_fold", "[\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c d\", \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\", \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa    b\", \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \"]", "- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  b c d\"\n- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  \\ b\"\n- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  \\   b\"\n- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \"", "[\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c d\",\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\",\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa    b\",\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \"]"),
    ("sq_fold", "[\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\", \"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\", \"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\", \"# aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x\"]", "- '#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  b c'\n- '#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  b c'\n- '#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\n  c'\n- '# aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n  x'", "[\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\",\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\",\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\",\"# aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x\"]"),
    ("deep_list", "{\"a\": [{\"b\": [{\"c\": \"d\"}]}]}", "a:\n- b:\n  - c: d", "{\"a\":[{\"b\":[{\"c\":\"d\"}]}]}"),
];

// Generated from helm3 v3.17.3 `toYamlPretty`/`toJson` output (each case: input as JSON, toYaml, toJson).
pub(super) const PRETTY_CASES: &[(&str, &str, &str, &str)] = &[
    ("long_plain", "\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"", "this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes", "\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\""),
    ("emoji", "\"\u{1f600} emoji\"", "\"\\U0001F600 emoji\"", "\"\u{1f600} emoji\""),
    ("tab", "\"tab\\there\"", "\"tab\\there\"", "\"tab\\there\""),
    ("resolving", "[\"1:30\", \"<<\", \"2020-13-01\", \"2020-1-1\", \"2020-02-30\", \"2020-01-01T10:00:00Z\", \"2020-01-01 10:00:00\", \"1_000\", \".5\", \"0b101\", \"0x1F\", \"+1\", \"-\", \"~\", \"0o17\", \"1e5\", \"1.\", \".\", \"-.inf\", \".Inf\", \"2020-02-29\", \"2019-02-29\", \"2020-01-01t10:00:00+08:00\", \"2020-01-01T10:00:00.5Z\", \"2020-01-01 10:00:00.123\", \"2020-01-01T25:00:00Z\", \"2020-01-01T10:00:00\", \"2020-1-1 1:2:3\", \"12:30:45\", \"-1:30\", \"1:60\", \"190:20:30.15\", \"yes\", \"Yes\", \"yEs\", \"y\", \"Y\", \"n\", \"NO\", \"off\", \"On\", \"true\", \"TRUE\", \"tRUE\", \"null\", \"NULL\", \"nulL\", \"08\", \"0\", \"-0\", \"1e400\", \"._5\", \"0B11\", \"-0b11\", \"+\", \"+.inf\", \"1__0\", \"_1\", \".e1\", \"1.2.3\", \"0x\", \"1e\", \"+.5\", \"-.5e3\"]", "- \"1:30\"\n- <<\n- 2020-13-01\n- \"2020-1-1\"\n- 2020-02-30\n- \"2020-01-01T10:00:00Z\"\n- \"2020-01-01 10:00:00\"\n- \"1_000\"\n- \".5\"\n- \"0b101\"\n- \"0x1F\"\n- \"+1\"\n- '-'\n- \"~\"\n- \"0o17\"\n- \"1e5\"\n- \"1.\"\n- .\n- \"-.inf\"\n- \".Inf\"\n- \"2020-02-29\"\n- 2019-02-29\n- \"2020-01-01t10:00:00+08:00\"\n- \"2020-01-01T10:00:00.5Z\"\n- \"2020-01-01 10:00:00.123\"\n- 2020-01-01T25:00:00Z\n- 2020-01-01T10:00:00\n- \"2020-1-1 1:2:3\"\n- \"12:30:45\"\n- \"-1:30\"\n- 1:60\n- \"190:20:30.15\"\n- \"yes\"\n- \"Yes\"\n- yEs\n- \"y\"\n- \"Y\"\n- \"n\"\n- \"NO\"\n- \"off\"\n- \"On\"\n- \"true\"\n- \"TRUE\"\n- tRUE\n- \"null\"\n- \"NULL\"\n- nulL\n- \"08\"\n- \"0\"\n- \"-0\"\n- 1e400\n- ._5\n- \"0B11\"\n- \"-0b11\"\n- +\n- \"+.inf\"\n- \"1__0\"\n- _1\n- .e1\n- 1.2.3\n- 0x\n- 1e\n- \"+.5\"\n- \"-.5e3\"", "[\"1:30\",\"\\u003c\\u003c\",\"2020-13-01\",\"2020-1-1\",\"2020-02-30\",\"2020-01-01T10:00:00Z\",\"2020-01-01 10:00:00\",\"1_000\",\".5\",\"0b101\",\"0x1F\",\"+1\",\"-\",\"~\",\"0o17\",\"1e5\",\"1.\",\".\",\"-.inf\",\".Inf\",\"2020-02-29\",\"2019-02-29\",\"2020-01-01t10:00:00+08:00\",\"2020-01-01T10:00:00.5Z\",\"2020-01-01 10:00:00.123\",\"2020-01-01T25:00:00Z\",\"2020-01-01T10:00:00\",\"2020-1-1 1:2:3\",\"12:30:45\",\"-1:30\",\"1:60\",\"190:20:30.15\",\"yes\",\"Yes\",\"yEs\",\"y\",\"Y\",\"n\",\"NO\",\"off\",\"On\",\"true\",\"TRUE\",\"tRUE\",\"null\",\"NULL\",\"nulL\",\"08\",\"0\",\"-0\",\"1e400\",\"._5\",\"0B11\",\"-0b11\",\"+\",\"+.inf\",\"1__0\",\"_1\",\".e1\",\"1.2.3\",\"0x\",\"1e\",\"+.5\",\"-.5e3\"]"),
    ("breaks", "[\"\\n\", \"a\\n\\n\", \"  a\\nb\", \"a \\nb\", \"a\\nb \", \"a\\rb\", \"\\ta\\nb\", \"x\u{85}y\", \"a\u{2028}b\", \"\u{a0}a\", \"\u{feff}a\", \"a\\u0007b\", \"\\u0000\", \"a\u{2028}\", \"\u{2029}\", \"a\u{2028}\u{2028}b\"]", "- |2+\n\n- |+\n  a\n\n- |2-\n    a\n  b\n- \"a \\nb\"\n- \"a\\nb \"\n- \"a\\rb\"\n- |-\n  \ta\n  b\n- \"x\\Ny\"\n- 'a\u{2028}  b'\n- \u{a0}a\n- \"\\uFEFF\\x61\"\n- \"a\\ab\"\n- \"\\0\"\n- 'a\u{2028}'\n- '\u{2029}'\n- 'a\u{2028}\u{2028}  b'", "[\"\\n\",\"a\\n\\n\",\"  a\\nb\",\"a \\nb\",\"a\\nb \",\"a\\rb\",\"\\ta\\nb\",\"x\u{85}y\",\"a\\u2028b\",\"\u{a0}a\",\"\u{feff}a\",\"a\\u0007b\",\"\\u0000\",\"a\\u2028\",\"\\u2029\",\"a\\u2028\\u2028b\"]"),
    ("keys", "{\"b10\": 1, \"b9\": 2, \"B\": 3, \"a\": 4, \"_x\": 5, \"1\": 6, \"10\": 7, \"9\": 8, \"a0\": 9, \"a00\": 10, \"a01\": 11, \"a1\": 12, \"é\": 13, \"-\": 14, \"z\": 15, \"\": 16, \"a10b\": 17, \"a9c\": 18, \"A1\": 26, \"a-b\": 27, \"a_b\": 28, \"a.b\": 29, \"中\": 30, \"ab\": 31, \"aB\": 32, \"Ab\": 33, \"a 1\": 34, \"a  1\": 35, \"0\": 36, \"00\": 37, \"01\": 38, \"002\": 39, \"1.5\": 40}", "\"\": 16\n'-': 14\n_x: 5\n\"0\": 36\n\"00\": 37\n\"1\": 6\n\"1.5\": 40\n\"01\": 38\n\"002\": 39\n\"9\": 8\n\"10\": 7\nA1: 26\nAb: 33\nB: 3\na: 4\na  1: 35\na 1: 34\na-b: 27\na.b: 29\na_b: 28\na0: 9\na00: 10\na1: 12\na01: 11\na9c: 18\na10b: 17\naB: 32\nab: 31\nb9: 2\nb10: 1\nz: 15\né: 13\n中: 30", "{\"\":16,\"-\":14,\"0\":36,\"00\":37,\"002\":39,\"01\":38,\"1\":6,\"1.5\":40,\"10\":7,\"9\":8,\"A1\":26,\"Ab\":33,\"B\":3,\"_x\":5,\"a\":4,\"a  1\":35,\"a 1\":34,\"a-b\":27,\"a.b\":29,\"a0\":9,\"a00\":10,\"a01\":11,\"a1\":12,\"a10b\":17,\"a9c\":18,\"aB\":32,\"a_b\":28,\"ab\":31,\"b10\":1,\"b9\":2,\"z\":15,\"é\":13,\"中\":30}"),
    ("floats", "[1.0, 1.5, 1e+21, 1e+20, 1e-07, 0.0001, 1e-05, 12345678.9, 123456, 1e+19, 1.8446744073709552e+19, -0.0, 1e+23, -1.5, 0.1, 123456.7, 1234567.0, 999999.9, -1e-05, 3.14159]", "- 1\n- 1.5\n- 1e+21\n- 1e+20\n- 1e-07\n- 0.0001\n- 1e-05\n- 1.23456789e+07\n- 123456\n- 1e+19\n- 1.8446744073709552e+19\n- -0\n- 1e+23\n- -1.5\n- 0.1\n- 123456.7\n- 1.234567e+06\n- 999999.9\n- -1e-05\n- 3.14159", "[1,1.5,1e+21,100000000000000000000,1e-7,0.0001,0.00001,12345678.9,123456,10000000000000000000,18446744073709552000,-0,1e+23,-1.5,0.1,123456.7,1234567,999999.9,-0.00001,3.14159]"),
    ("nested", "[[], {}, [[]], [{}], {\"a\": []}, {\"a\": [1, {\"b\": [2]}]}, [[1, [2, [3]]]], {\"a\": {\"b\": {\"c\": [{\"d\": \"e\", \"f\": [\"g\"]}]}}}]", "- []\n- {}\n- - []\n- - {}\n- a: []\n- a:\n    - 1\n    - b:\n        - 2\n- - - 1\n    - - 2\n      - - 3\n- a:\n    b:\n      c:\n        - d: e\n          f:\n            - g", "[[],{},[[]],[{}],{\"a\":[]},{\"a\":[1,{\"b\":[2]}]},[[1,[2,[3]]]],{\"a\":{\"b\":{\"c\":[{\"d\":\"e\",\"f\":[\"g\"]}]}}}]"),
    ("html", "\"<>&\u{2028}\\b\\f\\u0001\"", "\"<>&\\L\\b\\f\\x01\"", "\"\\u003c\\u003e\\u0026\\u2028\\b\\f\\u0001\""),
    ("complex_keys", "{\"multi\\nline key\": 1, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 2, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 3, \"中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中\": 4, \"k\u{2028}x\": 5, \"long\": {\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\": {\"x\": [1, 2]}, \"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\": [1, 2], \"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\": \"v\"}}", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 3\n? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n: 2\n? 'k\u{2028}  x'\n: 5\nlong:\n  ? bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n  : x:\n      - 1\n      - 2\n  ? cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n  : - 1\n    - 2\n  ? dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\n  : v\n? |-\n  multi\n  line key\n: 1\n? 中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中\n: 4", "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":3,\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":2,\"k\\u2028x\":5,\"long\":{\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\":{\"x\":[1,2]},\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\":[1,2],\"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\":\"v\"},\"multi\\nline key\":1,\"中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中\":4}"),
    ("indicators", "[\"- a\", \"? x\", \"a: b\", \"a #b\", \"#a\", \"a#b\", \"[a\", \"a]\", \"a,b\", \"---\", \"--- a\", \"...x\", \"a:\", \"a:b\", \"%a\", \"!a\", \"&a\", \"*a\", \"|a\", \">a\", \"'a\", \"\\\"a\", \"@a\", \"`a\", \" a\", \"a \", \"a  b\", \":a\", \"?a\", \"-a\", \"?\", \"-\", \":\", \"a\\t#b\", \"a\u{a0}#b\", \"...\", \"--\", \"a'b\", \"it's\", \"x: \", \"\\\\\", \"a\\\\b\", \"\\\"\", \"'\"]", "- '- a'\n- '? x'\n- 'a: b'\n- 'a #b'\n- '#a'\n- a#b\n- '[a'\n- a]\n- a,b\n- '---'\n- '--- a'\n- '...x'\n- 'a:'\n- a:b\n- '%a'\n- '!a'\n- '&a'\n- '*a'\n- '|a'\n- '>a'\n- '''a'\n- '\"a'\n- '@a'\n- '`a'\n- ' a'\n- 'a '\n- a  b\n- :a\n- ?a\n- -a\n- '?'\n- '-'\n- ':'\n- \"a\\t#b\"\n- a\u{a0}#b\n- '...'\n- --\n- a'b\n- it's\n- 'x: '\n- \\\n- a\\b\n- '\"'\n- ''''", "[\"- a\",\"? x\",\"a: b\",\"a #b\",\"#a\",\"a#b\",\"[a\",\"a]\",\"a,b\",\"---\",\"--- a\",\"...x\",\"a:\",\"a:b\",\"%a\",\"!a\",\"\\u0026a\",\"*a\",\"|a\",\"\\u003ea\",\"'a\",\"\\\"a\",\"@a\",\"`a\",\" a\",\"a \",\"a  b\",\":a\",\"?a\",\"-a\",\"?\",\"-\",\":\",\"a\\t#b\",\"a\u{a0}#b\",\"...\",\"--\",\"a'b\",\"it's\",\"x: \",\"\\\\\",\"a\\\\b\",\"\\\"\",\"'\"]"),
    ("null", "null", "null", "null"),
    ("str", "\"x\"", "x", "\"x\""),
    ("literal_long", "\"line one\\nline two is long long long long long long long long long long long long long long long long long\\n\"", "|\n  line one\n  line two is long long long long long long long long long long long long long long long long long", "\"line one\\nline two is long long long long long long long long long long long long long long long long long\\n\""),
    ("quoted_long", "[\"'quoted' with a long tail that must be beyond the eighty column limit of the emitter ok\\r yes\", \"double\\tquoted string with a long tail that must be beyond the eighty column limit of the emitter ok  two spaces\", \"- single quoted because of the dash and a long tail beyond the eighty column limit of it all ok\"]", "- \"'quoted' with a long tail that must be beyond the eighty column limit of the emitter ok\\r yes\"\n- \"double\\tquoted string with a long tail that must be beyond the eighty column limit of the emitter ok  two spaces\"\n- '- single quoted because of the dash and a long tail beyond the eighty column limit of it all ok'", "[\"'quoted' with a long tail that must be beyond the eighty column limit of the emitter ok\\r yes\",\"double\\tquoted string with a long tail that must be beyond the eighty column limit of the emitter ok  two spaces\",\"- single quoted because of the dash and a long tail beyond the eighty column limit of it all ok\"]"),
    ("short_words", "\"short words a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z\"", "short words a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z", "\"short words a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z\""),
    ("bom", "[\"\u{feff}ab\", \"a\u{feff}bc\", \"\u{feff} a é\"]", "- \"\\uFEFF\\x61\\x62\"\n- \"a\\uFEFFbc\"\n- \"\\uFEFF\\x20\\x61\\x20\\xE9\"", "[\"\u{feff}ab\",\"a\u{feff}bc\",\"\u{feff} a é\"]"),
    ("nel", "[\"a  \u{85}  b\", \"a\u{85}\u{85}b\", \"a \u{85} \u{85} \u{85}b\", \"\u{85}\", \"a\u{85}\", \" \u{85} \", \"a\u{85} b\u{85}\u{85} c\"]", "- \"a  \\N  b\"\n- \"a\\N\\Nb\"\n- \"a \\N \\N \\Nb\"\n- \"\\N\"\n- \"a\\N\"\n- \" \\N \"\n- \"a\\N b\\N\\N c\"", "[\"a  \u{85}  b\",\"a\u{85}\u{85}b\",\"a \u{85} \u{85} \u{85}b\",\"\u{85}\",\"a\u{85}\",\" \u{85} \",\"a\u{85} b\u{85}\u{85} c\"]"),
    ("unicode", "[\"é中\", \"퟿�\"]", "- é中\n- ퟿�", "[\"é中\",\"퟿�\"]"),
    ("bad_control", "[\"x\u{7f}y\"]", "- \"x\\x7Fy\"", "[\"x\u{7f}y\"]"),
    ("bad_fffe", "\"a\u{fffe}b\"", "\"a\\uFFFEb\"", "\"a\u{fffe}b\""),
    ("bad_c1", "\"a\u{80}b\"", "\"a\\x80b\"", "\"a\u{80}b\""),
    ("nbsp", "\"\u{a0}\"", "\u{a0}", "\"\u{a0}\""),
    ("literals", "[\"\\n\\na\", \"a\\n b\\n\\tc\\n\", \"a\\nb\\n\\n\\n\", \"a\\n\\n\", {\"k\": \"a\\n\\n\"}, \"a\\n\", \"a\\nb\", \" a\\nb\\n\", \"\\na\", \"a\\n  b\\n    c\", \"a\\r\\nb\", \"a\\né\u{2028}x\", \"a\\n\u{1f600}\"]", "- |2-\n\n\n  a\n- |\n  a\n   b\n  \tc\n- |+\n  a\n  b\n\n\n- |+\n  a\n\n- k: |+\n    a\n\n- |\n  a\n- |-\n  a\n  b\n- |2\n   a\n  b\n- |2-\n\n  a\n- |-\n  a\n    b\n      c\n- \"a\\r\\nb\"\n- |-\n  a\n  é\u{2028}  x\n- \"a\\n\\U0001F600\"", "[\"\\n\\na\",\"a\\n b\\n\\tc\\n\",\"a\\nb\\n\\n\\n\",\"a\\n\\n\",{\"k\":\"a\\n\\n\"},\"a\\n\",\"a\\nb\",\" a\\nb\\n\",\"\\na\",\"a\\n  b\\n    c\",\"a\\r\\nb\",\"a\\né\\u2028x\",\"a\\n\u{1f600}\"]"),
    ("nested_long", "{\"a\": {\"b\": {\"c\": \"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\", \"d\": [\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\", [\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"]], \"e\": \"x\\ny\"}}}", "a:\n  b:\n    c: this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\n    d:\n      - this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\n      - - this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\n    e: |-\n      x\n      y", "{\"a\":{\"b\":{\"c\":\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\",\"d\":[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\",[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"]],\"e\":\"x\\ny\"}}}"),
    ("top_list", "[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\", \"- x\", {\"k\": \"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"}]", "- this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\n- '- x'\n- k: this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes", "[\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\",\"- x\",{\"k\":\"this is a long string with many words that goes on and on past the eighty column limit of the emitter for sure yes\"}]"),
    ("empty", "\"\"", "\"\"", "\"\""),
    ("empty_map", "{}", "{}", "{}"),
    ("empty_list", "[]", "[]", "[]"),
    ("bool", "true", "true", "true"),
    ("int_like", "42", "42", "42"),
    ("big", "1e+300", "1e+300", "1e+300"),
    ("empty_key", "{\"\": \"\", \" \": \" \"}", "\"\": \"\"\n' ': ' '", "{\"\":\"\",\" \":\" \"}"),
    ("quote_keys", "{\"yes\": 1, \"null\": 2, \"1\": 3, \"a: b\": 4, \"#\": 5, \"- x\": 6, \"'\": 7, \"\\t\": 8, \"2020-01-01\": 9}", "\"\\t\": 8\n'#': 5\n'''': 7\n'- x': 6\n\"1\": 3\n\"2020-01-01\": 9\n'a: b': 4\n\"null\": 2\n\"yes\": 1", "{\"\\t\":8,\"#\":5,\"'\":7,\"- x\":6,\"1\":3,\"2020-01-01\":9,\"a: b\":4,\"null\":2,\"yes\":1}"),
    ("long_quoted_key", "{\"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \": 1}", "? 'x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x '\n: 1", "{\"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \":1}"),
    ("space_runs", "[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\", \"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c\"]", "- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\n- 'x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x '\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n- aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c", "[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\",\"x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x \",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c\"]"),
    ("dq_fold", "[\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c d\", \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\", \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa    b\", \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \"]", "- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c d\"\n- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\"\n- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa    b\"\n- \"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \"", "[\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c d\",\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\",\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa    b\",\"\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \"]"),
    ("sq_fold", "[\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\", \"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\", \"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\", \"# aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x\"]", "- '#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c'\n- '#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c'\n- '#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c'\n- '# aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x'", "[\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\",\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c\",\"#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c\",\"# aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x\"]"),
    ("deep_list", "{\"a\": [{\"b\": [{\"c\": \"d\"}]}]}", "a:\n  - b:\n      - c: d", "{\"a\":[{\"b\":[{\"c\":\"d\"}]}]}"),
];
