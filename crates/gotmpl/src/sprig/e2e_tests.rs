//! Sprig through the engine: templates parsed and executed with [`super::funcs`], compared with
//! what helm 3.17.3 printed for the same template over the values below (generated from
//! `helm template` runs, not written by hand).

use crate::{ErrorKind, Limits, Map, Options, Templates, Value};

/// The chart's values as Helm reads them (numbers are float64).
fn values() -> Value {
    let m = |entries: Vec<(&str, Value)>| {
        Value::Map(Map::from_entries(
            entries.into_iter().map(|(k, v)| (k.to_string(), v)),
        ))
    };
    let values = m(vec![
        ("f", Value::Float(1.5)),
        ("big", Value::Float(1_000_000.0)),
        ("s", Value::str("hello")),
        (
            "l",
            Value::list(vec![Value::Float(1.0), Value::str("a"), Value::Float(2.5)]),
        ),
        (
            "m",
            m(vec![("a", Value::Float(1.0)), ("b", Value::str("x"))]),
        ),
    ]);
    m(vec![("Values", values)])
}

fn render(text: &str, options: &Options) -> Result<String, crate::Error> {
    let mut templates = Templates::new();
    templates.parse("t", text, &options.limits)?;
    templates
        .execute("t", &values(), &super::funcs(), options)
        .map(|o| o.text)
}

/// (template, what helm printed).
const CASES: &[(&str, &str)] = &[
    ("{{ until 5 }}|{{ untilStep 1 10 3 }}|{{ seq 3 }}|{{ repeat 3 \"ab\" }}|{{ range $i := until 3 }}{{ $i }}{{ end }}", "[0 1 2 3 4]|[1 4 7]|1 2 3|ababab|012"),
    ("{{ .Values.f | int }}|{{ .Values.f | int64 | typeOf }}|{{ add .Values.f 1 }}|{{ mul .Values.big 2 }}|{{ .Values.big | int }}|{{ .Values.big }}|{{ float64 .Values.big }}", "1|int64|2|2000000|1000000|1e+06|1e+06"),
    ("{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $_ := unset $d \"a\" }}{{ $d }}|{{ $m := .Values.m }}{{ $_ := set $m \"z\" 9 }}{{ .Values.m }}", "map[b:2]|map[a:1 b:x z:9]"),
    ("{{ list 1 2 3 | join \",\" }}|{{ .Values.l | toStrings }}|{{ .Values.l | last }}|{{ .Values.l | len }}|{{ index .Values.l 1 | upper }}", "1,2,3|[1 a 2.5]|2.5|3|A"),
    ("{{ \"hello\" | upper | trunc 3 | quote }}|{{ \"a-b_c d\" | snakecase }}|{{ .Values.s | title | nindent 2 }}", "\"HEL\"|a_b_c_d|\n  Hello"),
    ("{{ default \"x\" .Values.nope }}|{{ default \"x\" .Values.s }}|{{ empty .Values.m }}|{{ coalesce .Values.nope .Values.s }}|{{ ternary \"y\" \"n\" (eq .Values.s \"hello\") }}", "x|hello|false|hello|y"),
    ("{{ semverCompare \">=1.19-0\" \"v1.28.3\" }}|{{ (semver \"1.2.3\").Minor }}|{{ semver \"1.2.3\" }}", "true|2|1.2.3"),
    ("{{ toDate \"2006-01-02\" \"2020-05-06\" | date \"Jan 2, 2006\" }}|{{ toDate \"2006-01-02\" \"2020-05-06\" | unixEpoch }}|{{ (toDate \"2006-01-02\" \"2020-05-06\").Year }}|{{ date \"2006-01-02\" (toDate \"2006-01-02\" \"2020-05-06\") }}", "May 6, 2020|1588723200|2020|2020-05-06"),
    ("{{ regexReplaceAll \"[^a-z0-9-]\" \"My_App.Name\" \"-\" | lower }}|{{ regexFind \"[0-9]+\" \"abc123def\" }}|{{ regexSplit \":\" \"a:b:c\" -1 }}", "-y--pp--ame|123|[a b c]"),
    ("{{ printf \"%v %T\" (randAlphaNum 8 | len) (randInt 1 2) }}|{{ uuidv4 | len }}|{{ typeOf now }}|{{ now | date \"2006\" | len }}", "8 int|36|time.Time|4"),
    ("{{ b64enc \"user:pass\" }}|{{ b64dec \"dXNlcjpwYXNz\" }}|{{ base \"/a/b.txt\" }}|{{ ext \"x.tar.gz\" }}|{{ urlParse \"https://h:8080/p\" | pluck \"host\" | first }}", "dXNlcjpwYXNz|user:pass|b.txt|.gz|h:8080"),
    ("{{ $x := merge (dict \"a\" (dict \"b\" 1)) (dict \"a\" (dict \"c\" 2)) }}{{ $x }}|{{ keys .Values.m | sortAlpha }}|{{ pick .Values.m \"a\" }}|{{ dig \"m\" \"a\" \"none\" (dict \"m\" .Values.m) }}", "map[a:map[b:1 c:2]]|[a b]|map[a:1]|1"),
    ("{{ tuple 1 \"a\" | len }}|{{ has 2.5 .Values.l }}|{{ without .Values.l 1.0 }}|{{ .Values.l | reverse }}|{{ uniq (list 1 1 2) }}|{{ compact (list \"\" \"a\") }}|{{ chunk 2 (list 1 2 3) }}", "2|true|[a 2.5]|[2.5 a 1]|[1 2]|[a]|[[1 2] [3]]"),
    ("{{ max 1 .Values.f 3 }}|{{ min .Values.f 5 }}|{{ round .Values.f 0 }}|{{ ceil .Values.f }}|{{ floor .Values.f }}|{{ addf .Values.f 1.1 }}|{{ div 10 3 }}|{{ mod 10 3 }}|{{ sub 1 .Values.f }}", "3|1|2|2|1|2.6|3|1|0"),
];

#[test]
fn templates_render_as_helm_renders_them() {
    let mut wrong = Vec::new();
    for (template, want) in CASES {
        match render(template, &Options::default()) {
            Ok(got) if got == *want => {}
            Ok(got) => wrong.push(format!(
                "{template}\n  helm:    {want:?}\n  ecplint: {got:?}"
            )),
            Err(e) => wrong.push(format!(
                "{template}\n  helm:    {want:?}\n  error:   {}",
                e.go_message()
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn huge_counts_fail_fast_with_a_limit_error() {
    let start = std::time::Instant::now();
    for template in [
        "{{ until 1000000000 }}",
        "{{ untilStep 0 2000000000 1 }}",
        "{{ seq 1 1000000000 }}",
        "{{ repeat 1000000000 \"abc\" }}",
        "{{ randAlphaNum 1000000000 }}",
        "{{ $s := repeat 1000 \"x\" }}{{ range until 100000 }}{{ $s = repeat 1000 $s }}{{ end }}",
    ] {
        let err = render(template, &Options::default()).expect_err(template);
        assert_eq!(
            err.kind,
            ErrorKind::Limit,
            "{template}: {}",
            err.go_message()
        );
    }
    assert!(
        start.elapsed().as_secs() < 5,
        "limits took {:?}",
        start.elapsed()
    );
    // A smaller string limit is honoured.
    let options = Options {
        limits: Limits {
            max_string: 10,
            ..Limits::default()
        },
        ..Options::default()
    };
    assert_eq!(
        render("{{ repeat 5 \"ab\" }}", &options).unwrap(),
        "ababababab"
    );
    assert_eq!(
        render("{{ repeat 6 \"ab\" }}", &options).unwrap_err().kind,
        ErrorKind::Limit
    );
}

#[test]
fn deep_data_does_not_exhaust_the_stack() {
    let template = "{{ $d := dict }}{{ range until 2000 }}{{ $d = dict \"a\" $d }}{{ end }}\
        {{ deepEqual $d (deepCopy $d) }} {{ $m := merge (deepCopy $d) $d }}{{ len $m }} {{ uniq (list $d $d) | len }}";
    let big = Options {
        limits: Limits {
            max_steps: u64::MAX,
            ..Limits::default()
        },
        ..Options::default()
    };
    assert_eq!(render(template, &big).unwrap(), "true 1 1");
}

#[test]
fn seeds_and_clock_come_from_the_options() {
    let at = |seed: u64| Options {
        seed,
        now_unix_nanos: 1_588_723_200_123_456_789,
        ..Options::default()
    };
    let template = "{{ randAlphaNum 12 }} {{ uuidv4 }} {{ randInt 0 1000 }}";
    assert_eq!(
        render(template, &at(7)).unwrap(),
        render(template, &at(7)).unwrap()
    );
    assert_ne!(
        render(template, &at(7)).unwrap(),
        render(template, &at(8)).unwrap()
    );
    assert_eq!(
        render("{{ now }}", &at(1)).unwrap(),
        "2020-05-06 00:00:00.123456789 +0000 UTC"
    );
    assert_eq!(
        render(
            "{{ now | date \"2006-01-02\" }} {{ now | unixEpoch }}",
            &at(1)
        )
        .unwrap(),
        "2020-05-06 1588723200"
    );
    assert_eq!(
        render("{{ htmlDateInZone now \"Asia/Shanghai\" }}", &at(1)).unwrap(),
        "2020-05-06"
    );
    assert_eq!(
        render("{{ ago now }} {{ now | dateModify \"-1h\" | ago }}", &at(1)).unwrap(),
        "0s 1h0m0s"
    );
}

#[test]
fn argument_errors_are_gos() {
    // Observed with helm 3.17.3 (the message after "executing \"t\" at <…>: ").
    let cases = [
        ("{{ upper 3 }}", "expected string; found 3"),
        ("{{ trunc (add 1 2) \"abcd\" }}", "wrong type for value; expected int; got int64"),
        ("{{ trunc nil \"abc\" }}", "cannot assign nil to int"),
        ("{{ upper \"a\" \"b\" }}", "wrong number of args for upper: want 1 got 2"),
        ("{{ ternary 1 2 \"x\" }}", "expected bool; found \"x\""),
        ("{{ first 3 }}", "error calling first: Cannot find first on type int"),
        ("{{ regexFindAll \"(\" \"abc\" -1 }}", "error calling regexFindAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"),
    ];
    for (template, want) in cases {
        let err = render(template, &Options::default()).unwrap_err();
        assert!(
            err.go_message().ends_with(want),
            "{template}: {}",
            err.go_message()
        );
    }
}
