//! Helm's functions called directly, with what helm3 printed for the same calls
//! (tests/helm/template-cases.json and observations in /tmp charts).

use super::*;

fn s(text: &str) -> Value {
    Value::str(text)
}

fn map_of(value: &Value) -> Map {
    match value {
        Value::Map(m) => m.clone(),
        other => panic!("not a map: {other:?}"),
    }
}

fn items(value: &Value) -> Vec<Value> {
    match value {
        Value::List(l) => l.items().to_vec(),
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn from_yaml_maps_and_errors() {
    let m = map_of(&from_yaml(&[s("a: 1\nb: [x]")]).unwrap());
    assert!(matches!(m.get("a"), Some(Value::Float(f)) if f == 1.0));
    assert_eq!(items(&m.get("b").unwrap())[0].as_str(), Some("x"));
    let error = |text: &str| {
        map_of(&from_yaml(&[s(text)]).unwrap())
            .get("Error")
            .and_then(|e| e.as_str().map(String::from))
    };
    assert_eq!(
        error("- a\n- b").as_deref(),
        Some("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")
    );
    assert_eq!(
        error("hello").as_deref(),
        Some("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}")
    );
    assert_eq!(
        error("1").as_deref(),
        Some("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}")
    );
    assert_eq!(
        error("a: .inf").as_deref(),
        Some("error converting YAML to JSON: json: unsupported value: +Inf")
    );
    assert!(error("a: [")
        .unwrap()
        .starts_with("error converting YAML to JSON: yaml: "));
    assert_eq!(error(""), None);
    assert_eq!(error("~"), None);
    // Only the first document; a repeated key keeps the last value.
    let m = map_of(&from_yaml(&[s("a: 1\na: 2\n---\nb: [")]).unwrap());
    assert!(matches!(m.get("a"), Some(Value::Float(f)) if f == 2.0));
    assert_eq!(
        from_yaml(&[]).unwrap_err(),
        "wrong number of args for fromYaml: want 1 got 0"
    );
    assert_eq!(
        from_yaml(&[Value::int(1)]).unwrap_err(),
        gotmpl::bad_arg(0, "string")
    );
    assert_eq!(
        from_yaml(&[Value::Nil]).unwrap_err(),
        gotmpl::bad_arg(0, "string")
    );
}

#[test]
fn from_yaml_array() {
    let l = items(&super::from_yaml_array(&[s("- a\n- 1")]).unwrap());
    assert_eq!(l.len(), 2);
    assert!(items(&super::from_yaml_array(&[s("")]).unwrap()).is_empty());
    let l = items(&super::from_yaml_array(&[s("a: 1")]).unwrap());
    assert_eq!(
        l[0].as_str(),
        Some("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}")
    );
    let l = items(&super::from_yaml_array(&[s("x")]).unwrap());
    assert_eq!(
        l[0].as_str(),
        Some("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type []interface {}")
    );
}

#[test]
fn from_json_as_helm() {
    let error = |text: &str| {
        map_of(&from_json(&[s(text)]).unwrap())
            .get("Error")
            .and_then(|e| e.as_str().map(String::from))
    };
    assert_eq!(
        error("{\"a\":1").as_deref(),
        Some("unexpected end of JSON input")
    );
    assert_eq!(
        error("[1]").as_deref(),
        Some("json: cannot unmarshal array into Go value of type map[string]interface {}")
    );
    assert_eq!(error("null"), None);
    // A number beyond float64: the error and what was decoded, side by side.
    let m = map_of(&from_json(&[s("{\"a\":1e400,\"b\":\"x\"}")]).unwrap());
    assert!(m.get("a").unwrap().is_nil());
    assert_eq!(m.get("b").unwrap().as_str(), Some("x"));
    assert_eq!(
        m.get("Error").unwrap().as_str(),
        Some("json: cannot unmarshal number 1e400 into Go value of type float64")
    );
    let l = items(&from_json_array(&[s("{}")]).unwrap());
    assert_eq!(
        l[0].as_str(),
        Some("json: cannot unmarshal object into Go value of type []interface {}")
    );
    let l = items(&from_json_array(&[s("[1.5,true,null,\"x\",{}]")]).unwrap());
    assert_eq!(l.len(), 5);
    assert!(items(&from_json_array(&[s("null")]).unwrap()).is_empty());
    // A top-level value of the wrong kind is skipped: its error is the only one.
    let l = items(&from_json_array(&[s("{\"a\":1e400}")]).unwrap());
    assert_eq!(
        l[0].as_str(),
        Some("json: cannot unmarshal object into Go value of type []interface {}")
    );
    let m = map_of(&from_json(&[s("[1e400]")]).unwrap());
    assert_eq!(
        m.get("Error").unwrap().as_str(),
        Some("json: cannot unmarshal array into Go value of type map[string]interface {}")
    );
    let l = items(&from_json_array(&[s("[1, 1e400]")]).unwrap());
    assert_eq!(
        l[0].as_str(),
        Some("json: cannot unmarshal number 1e400 into Go value of type float64")
    );
}

#[test]
fn to_yaml_and_to_json() {
    // helm-func/toYaml-scalar: `toYaml "s"`, `toYaml 1`, `toYaml true`, `toYaml nil`.
    assert_eq!(to_yaml(&[s("s")]).unwrap().as_str(), Some("s"));
    assert_eq!(to_yaml(&[Value::int(1)]).unwrap().as_str(), Some("1"));
    assert_eq!(
        to_yaml(&[Value::Bool(true)]).unwrap().as_str(),
        Some("true")
    );
    assert_eq!(to_yaml(&[Value::Nil]).unwrap().as_str(), Some("null"));
    // NaN: Go's json.Marshal fails and Helm prints nothing.
    assert_eq!(
        to_yaml(&[Value::Float(f64::NAN)]).unwrap().as_str(),
        Some("")
    );
    assert_eq!(
        to_json(&[Value::Float(f64::NAN)]).unwrap().as_str(),
        Some("")
    );
    let values =
        crate::render::values::values_from_yaml("b: 1\na: {d: [x, y], c: null}\n").unwrap();
    assert_eq!(
        to_yaml(&[Value::Map(values.clone())]).unwrap().as_str(),
        Some("a:\n  c: null\n  d:\n  - x\n  - true\nb: 1")
    );
    let values = crate::render::values::values_from_yaml("a: {b: [1, x]}\n").unwrap();
    assert_eq!(
        to_json(&[Value::Map(values)]).unwrap().as_str(),
        Some("{\"a\":{\"b\":[1,\"x\"]}}")
    );
}

#[test]
fn to_yaml_pretty_and_to_toml() {
    // helm-func/toYamlPretty and helm-func/toToml of tests/helm/template-cases.json.
    let values = crate::render::values::values_from_yaml("a: {b: [1, 2]}\nc: []\n").unwrap();
    assert_eq!(
        to_yaml_pretty(&[Value::Map(values)]).unwrap().as_str(),
        Some("a:\n  b:\n    - 1\n    - 2\nc: []")
    );
    let values =
        crate::render::values::values_from_yaml("a: 1\nb: {c: x, d: [1, 2]}\ne: str\n").unwrap();
    assert_eq!(
        to_toml(&[Value::Map(values)]).unwrap().as_str(),
        Some("a = 1.0\ne = \"str\"\n\n[b]\n  c = \"x\"\n  d = [1.0, 2.0]\n")
    );
    assert_eq!(to_toml(&[s("x")]).unwrap().as_str(), Some("\"x\""));
}

#[test]
fn required_as_helm() {
    assert_eq!(required(&[s("need a"), Value::Nil]).unwrap_err(), "need a");
    assert_eq!(required(&[s("need a"), s("")]).unwrap_err(), "need a");
    assert!(matches!(
        required(&[s("need a"), Value::Bool(false)]),
        Ok(Value::Bool(false))
    ));
    assert!(matches!(
        required(&[s("need a"), Value::Float(0.0)]),
        Ok(Value::Float(_))
    ));
    assert_eq!(
        required(&[s("x")]).unwrap_err(),
        "wrong number of args for required: want 2 got 1"
    );
}

#[test]
fn lookup_finds_nothing() {
    let m = map_of(&lookup(&[s("v1"), s("Secret"), s("ns"), s("name")]).unwrap());
    assert!(m.is_empty());
    assert_eq!(
        lookup(&[]).unwrap_err(),
        "wrong number of args for lookup: want 4 got 0"
    );
}

#[test]
fn go_quote_as_strconv() {
    assert_eq!(go_quote("{{ nope }}"), "\"{{ nope }}\"");
    assert_eq!(
        go_quote("a\"b\\\n\té\u{7f}\u{200b}"),
        "\"a\\\"b\\\\\\n\\té\\x7f\\u200b\""
    );
}

#[test]
fn from_toml_as_helm() {
    /// `fromToml TEXT | toJson` as helm3 printed it.
    const CASES: &[(&str, &str)] = &[
        ("a = 1", "{\"a\":1}"),
        ("a = ", "{\"Error\":\"toml: line 0 (last key \\\"a\\\"): unexpected EOF; expected value\"}"),
        ("a = 1.5\nb = \"x\"\nc = true\nd = 1979-05-27T07:32:00Z", "{\"a\":1.5,\"b\":\"x\",\"c\":true,\"d\":\"1979-05-27T07:32:00Z\"}"),
        ("a = 1\na = 2", "{\"Error\":\"toml: line 2 (last key \\\"a\\\"): Key 'a' has already been defined.\"}"),
        ("[t]\nx = 1\n[t]\ny = 2", "{\"Error\":\"toml: line 3: Key 't' has already been defined.\"}"),
        ("a = [1, 2, \"x\"]", "{\"a\":[1,2,\"x\"]}"),
        ("a = {b = 1, c = \"d\"}", "{\"a\":{\"b\":1,\"c\":\"d\"}}"),
        ("[[arr]]\nx = 1\n[[arr]]\nx = 2", "{\"arr\":[{\"x\":1},{\"x\":2}]}"),
        ("a.b.c = 1", "{\"a\":{\"b\":{\"c\":1}}}"),
        ("\"quoted key\" = 1", "{\"quoted key\":1}"),
        ("s = 'literal\\n'", "{\"s\":\"literal\\\\n\"}"),
        ("s = \"\"\"\nmulti\nline\"\"\"", "{\"s\":\"multi\\nline\"}"),
        ("s = '''\nraw\\n'''", "{\"s\":\"raw\\\\n\"}"),
        ("x = 0x1F\ny = 0o17\nz = 0b11\nw = 1_000\nv = +inf\nu = nan\nt = -0.0\nq = 1e3", ""),
        ("d1 = 1979-05-27\nd2 = 07:32:00\nd3 = 1979-05-27T07:32:00\nd4 = 1979-05-27T07:32:00.5-07:00", "{\"d1\":\"1979-05-27T00:00:00Z\",\"d2\":\"0000-01-01T07:32:00Z\",\"d3\":\"1979-05-27T07:32:00Z\",\"d4\":\"1979-05-27T07:32:00.5-07:00\"}"),
        ("= 1", "{\"Error\":\"toml: line 1: unexpected '=': key name appears blank\"}"),
        ("a = \"unterminated", "{\"Error\":\"toml: line 0 (last key \\\"a\\\"): unexpected EOF; expected '\\\"'\"}"),
        ("a = 1 b = 2", "{\"Error\":\"toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got 'b' instead\"}"),
        ("[t", "{\"Error\":\"toml: line 0: expected '.' or ']' to end table name, but got '\\\\x00' instead\"}"),
        ("a = [1,", "{\"Error\":\"toml: line 0 (last key \\\"a\\\"): unexpected EOF; expected value\"}"),
        ("a = tru", "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): expected value but found \\\"tru\\\" instead\"}"),
        ("a = 01", "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid integer \\\"01\\\": cannot have leading zeroes\"}"),
        ("a = 9223372036854775808", "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): 9223372036854775808 is out of range for int64\"}"),
        ("a = \"\\q\"", "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): invalid escape in string '\\\\q'\"}"),
        ("# comment only\n", "{}"),
        ("", "{}"),
        ("a = 1\n[a]\nb = 2", "{\"Error\":\"toml: line 2: Key 'a' has already been defined.\"}"),
        ("a = {b = 1}\na.c = 2", "{\"a\":{\"b\":1,\"c\":2}}"),
        ("k = \"é\\u00e9\\U0001F600\"", "{\"k\":\"éé😀\"}"),
        ("a = [[1], [\"x\"]]", "{\"a\":[[1],[\"x\"]]}"),
        ("a = []", "{\"a\":[]}"),
        ("x = 1\n\n\n y = ", "{\"Error\":\"toml: line 3 (last key \\\"y\\\"): unexpected EOF; expected value\"}"),
        ("a = 1.", "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid float \\\"1.\\\": '.' must be followed by one or more digits\"}"),
        ("a = .5", "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): floats must start with a digit, not '.'\"}"),
        ("a = 1e", "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid float value: \\\"1e\\\"\"}"),
        ("bare-key_1 = 1", "{\"bare-key_1\":1}"),
        ("a = \"x\" # c", "{\"a\":\"x\"}"),
    ];
    let mut wrong = Vec::new();
    for (text, want) in CASES {
        let got = to_json(&[from_toml(&[s(text)]).unwrap()]).unwrap();
        if got.as_str() != Some(want) {
            wrong.push(format!(
                "{text:?}\n  helm: {want}\n  ours: {}",
                got.as_str().unwrap_or_default()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        CASES.len(),
        wrong.join("\n")
    );
}

/// Runs `text` as the template `t.yaml` (with `helpers` as `_helpers.tpl`) through the engine
/// with Sprig's and Helm's functions, over `values` as `.Values`: the output or Go's error.
fn render(text: &str, helpers: &str, values: &str) -> Result<String, String> {
    render_with(text, helpers, values, gotmpl::Options::default())
}

fn render_with(
    text: &str,
    helpers: &str,
    values: &str,
    options: gotmpl::Options,
) -> Result<String, String> {
    let mut funcs = gotmpl_sprig::funcs();
    funcs.extend(&helm_funcs());
    let mut templates = gotmpl::Templates::new();
    templates.declare_funcs(&funcs);
    templates
        .parse("_helpers.tpl", helpers, &options.limits)
        .map_err(|e| e.go_message())?;
    templates
        .parse("t.yaml", text, &options.limits)
        .map_err(|e| e.go_message())?;
    let top = Map::new();
    top.insert(
        "Values",
        Value::Map(crate::render::values::values_from_yaml(values).unwrap()),
    );
    templates
        .execute("t.yaml", &Value::Map(top), &funcs, &options)
        .map(|out| out.text)
        .map_err(|e| e.go_message())
}

#[test]
fn through_the_engine() {
    let values = "b: 1\na: {d: [x, y], c: null}\nname: nm\nt: '{{ .Values.name | upper }}'\n";
    // `y` in a values file is YAML 1.1's true, as Helm reads it.
    assert_eq!(
        render("v:\n  {{- toYaml .Values.a | nindent 2 }}", "", values).unwrap(),
        "v:\n  c: null\n  d:\n  - x\n  - true"
    );
    assert_eq!(
        render("{{ toJson .Values.a }}", "", values).unwrap(),
        "{\"c\":null,\"d\":[\"x\",true]}"
    );
    assert_eq!(render("{{ tpl .Values.t . }}", "", values).unwrap(), "NM");
    // tpl drops `<no value>` from its output, as Helm does.
    assert_eq!(
        render("[{{ tpl \"{{ .Values.nope }}\" . }}]", "", values).unwrap(),
        "[]"
    );
    assert_eq!(
        render(
            "{{ tpl \"{{ define \\\"t1\\\" }}T{{ end }}{{ include \\\"t1\\\" . }}\" . }}",
            "",
            values
        )
        .unwrap(),
        "T"
    );
    assert_eq!(
        render(
            "{{ include \"h\" (dict \"a\" 1) | quote }}",
            "{{ define \"h\" }}a={{ .a }}{{ end }}",
            values
        )
        .unwrap(),
        "\"a=1\""
    );
    assert_eq!(
        render("{{ (fromYaml \"a: [x]\").a }}", "", values).unwrap(),
        "[x]"
    );
    assert_eq!(
        render("{{ (fromJson \"{\\\"a\\\":1}\").a }}", "", values).unwrap(),
        "1"
    );
    assert_eq!(
        render("{{ required \"need b\" .Values.b }}", "", values).unwrap(),
        "1"
    );
    assert_eq!(
        render("{{ len (lookup \"v1\" \"Pod\" \"\" \"\") }}", "", values).unwrap(),
        "0"
    );
    let e = render("{{ required \"need x\" .Values.x }}", "", values).unwrap_err();
    assert!(e.ends_with("error calling required: need x"), "{e}");
    let e = render("{{ include \"nope\" . }}", "", values).unwrap_err();
    assert!(
        e.ends_with("error calling include: template: no template \"nope\" associated with template \"gotpl\""),
        "{e}"
    );
    // helm-func/tpl-parse-error.
    let e = render("{{ tpl \"{{ nope }}\" . }}", "", values).unwrap_err();
    assert!(
        e.ends_with("error calling tpl: cannot parse template \"{{ nope }}\": template: gotpl:1: function \"nope\" not defined"),
        "{e}"
    );
    // Arguments of the wrong type, worded by the executor as Go (error/required-non-string-message,
    // error/include-non-string-name, error/tpl-non-string).
    for (text, want) in [
        ("{{ required 1 .Values.b }}", "expected string; found 1"),
        ("{{ include 1 . }}", "expected string; found 1"),
        ("{{ tpl 1 . }}", "expected string; found 1"),
        (
            "{{ fromYaml .Values.nope }}",
            "invalid value; expected string",
        ),
        (
            "{{ fromYaml .Values.b }}",
            "wrong type for value; expected string; got float64",
        ),
        (
            "{{ tpl \"x\" .Values.name }}",
            "wrong type for value; expected chartutil.Values; got string",
        ),
    ] {
        let e = render(text, "", values).unwrap_err();
        assert!(e.ends_with(want), "{text}: {e}");
    }
    let e = render("{{ toYaml }}", "", values).unwrap_err();
    assert!(
        e.ends_with("wrong number of args for toYaml: want 1 got 0"),
        "{e}"
    );
}

#[test]
fn conversions_spend_the_work_budget() {
    let mut options = gotmpl::Options::default();
    options.limits.max_steps = 100_000;
    let values = format!("big: \"{}\"\n", "x".repeat(100_000));
    // One call fits; a thousand do not, and end in a limit error rather than running on.
    assert!(render_with("{{ len (toYaml .Values) }}", "", &values, options.clone()).is_ok());
    let e = render_with(
        "{{ range until 1000 }}{{ $_ := toJson $.Values }}{{ end }}",
        "",
        &values,
        options,
    )
    .unwrap_err();
    assert!(e.contains("too much work"), "{e}");
}
