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
        "wrong type for value; expected string; got int"
    );
    assert_eq!(
        from_yaml(&[Value::Nil]).unwrap_err(),
        "invalid value; expected string"
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
