//! YAML read into template values as Helm reads values files (`values.yaml`, `-f` files) and
//! `fromYaml`: through sigs.k8s.io/yaml, which turns go-yaml v2's tree into JSON and reads that
//! back, so every number is a float64, every key a string (`1:` is `"1"`, `true:` is `"true"`,
//! `1e6:` is `"1e+06"`), timestamps stay strings, `!!binary` is its decoded text, and anchors,
//! aliases and `<<` merges are resolved. The YAML itself is read by [`crate::yaml`], which is
//! checked against helm3 case by case (tests/helm_values_yaml.rs); this module only turns its
//! tree into [`gotmpl::Value`]s and refuses what Helm refuses.

use crate::yaml::{self, helm, Kind, Node, Problem, Yaml, YamlLimits};
use gotmpl::{Map, Value};
use std::fmt;

/// Why a values text cannot be read, and where (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValuesError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ValuesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ValuesError {}

/// Values files nest deeper than the linter's YAML limit allows; go-yaml has no limit of its
/// own worth matching, this one only keeps hostile input bounded.
const LIMITS: YamlLimits = YamlLimits {
    max_depth: 1000,
    max_nodes: 1_000_000,
};

/// A values file as Helm reads it: an empty (or `null`, or comments only) file is an empty map;
/// a root that is not a map, a syntax error, null/list/map keys and `.inf`/`.nan` are refused.
/// The error's message is Helm's reason, as it follows "cannot load values.yaml: " or
/// "failed to parse FILE: " (`error converting YAML to JSON: yaml: line 1: …`).
pub fn values_from_yaml(text: &str) -> Result<Map, ValuesError> {
    values_of(&yaml::parse(text, LIMITS), text)
}

/// [`values_from_yaml`] of a text parsed already (the linter's chart model parses values.yaml
/// too); `None` when that parse hit a limit the values reader does not have (then read `text`
/// again with [`values_from_yaml`]).
pub fn values_from_parsed(parsed: &Yaml, text: &str) -> Option<Result<Map, ValuesError>> {
    let limited = parsed.problems.iter().any(|p| {
        matches!(
            p,
            Problem::TooDeep { .. } | Problem::TooManyNodes { .. } | Problem::BudgetSpent { .. }
        )
    });
    (!limited).then(|| values_of(parsed, text))
}

fn values_of(parsed: &Yaml, text: &str) -> Result<Map, ValuesError> {
    let (root, line, column) = match document_of(parsed, text) {
        Ok(found) => found,
        Err(e) => {
            return Err(ValuesError {
                message: format!("error converting YAML to JSON: {}", e.message),
                ..e
            })
        }
    };
    match root {
        Value::Map(map) => Ok(map),
        Value::Nil => Ok(Map::new()),
        other => Err(ValuesError {
            message: unmarshal_error(&other, "map[string]interface {}"),
            line,
            column,
        }),
    }
}

/// Any YAML document as `fromYaml`/`fromYamlArray` get it (the caller checks the type): the
/// first document, `Nil` for an empty text. `Err` holds the reason as Helm words it after
/// "error converting YAML to JSON: " (`json: unsupported value: +Inf`, `yaml: line 2: …`; the
/// syntax messages are the YAML reader's, not always go-yaml's words).
pub fn from_yaml(text: &str) -> Result<Value, String> {
    document_of(&yaml::parse(text, LIMITS), text)
        .map(|(root, ..)| root)
        .map_err(|e| e.message)
}

/// sigs.k8s.io/yaml's error when the JSON of a YAML document does not fit the Go type
/// (`map[string]interface {}`, `[]interface {}`).
pub fn unmarshal_error(value: &Value, go_type: &str) -> String {
    format!(
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type {go_type}",
        json_kind(value)
    )
}

/// How `encoding/json` names the JSON kind of a value in "cannot unmarshal X into …".
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Nil => "null",
        Value::Bool(_) => "bool",
        Value::Int(..) | Value::Float(_) => "number",
        Value::String(_) | Value::Bytes(_) => "string",
        Value::List(_) => "array",
        Value::Map(_) | Value::Object(_) => "object",
    }
}

/// The first document as a value (`Nil` when there is none) and where its root starts; `Err`
/// with the reason after "error converting YAML to JSON: ".
fn document_of(parsed: &Yaml, text: &str) -> Result<(Value, usize, usize), ValuesError> {
    if let Some(problem) = first_refusal(&parsed.problems) {
        let message = if problem.message.contains(UNKNOWN_ALIAS)
            || problem.message.contains("unknown anchor")
        {
            let alias = alias_name(text, problem.line, problem.column);
            format!("yaml: unknown anchor '{alias}' referenced")
        } else {
            go_yaml_error(&problem)
        };
        return Err(ValuesError { message, ..problem });
    }
    let Some(root) = parsed.root() else {
        return Ok((Value::Nil, 1, 1));
    };
    // What the JSON round trip refuses: keys and floats (the root's type is the caller's).
    if let Some(refusal) = helm::values_refusal(Some(&wrapped(root))) {
        return Err(ValuesError {
            message: refusal.helm,
            line: refusal.range.start.line,
            column: refusal.range.start.column,
        });
    }
    Ok((
        to_value(root),
        root.range.start.line,
        root.range.start.column,
    ))
}

/// `root` as the only value of a map, so that `values_refusal` checks keys and floats only.
fn wrapped(root: &Node) -> Node {
    let key = Node {
        kind: Kind::Scalar(yaml::Scalar {
            text: "k".into(),
            style: yaml::Style::Plain,
            value: yaml::Value::Str,
        }),
        range: root.range,
    };
    Node {
        kind: Kind::Map(vec![yaml::Entry {
            key,
            value: root.clone(),
        }]),
        range: root.range,
    }
}

/// A syntax error worded as go-yaml words it: `yaml: line N: problem`, where N is the 0-based
/// line of the problem for the parser's errors (`did not find expected …`) and the 1-based line
/// for the scanner's, and there is no line when the 0-based line is 0.
fn go_yaml_error(problem: &ValuesError) -> String {
    let message = match problem.message.split_once(", ") {
        Some((context, rest)) if context.starts_with("while ") => rest,
        _ => &problem.message,
    };
    // The YAML reader's words for what go-yaml words otherwise (checked against helm3).
    let message = if message.starts_with("expected ',' or ") {
        format!("did not find {message}")
    } else if message.starts_with("unexpected character: ")
        || message.starts_with("tabs disallowed within this context")
    {
        "found character that cannot start any token".to_string()
    } else {
        message.to_string()
    };
    let zero_based = problem.line.saturating_sub(1);
    if zero_based == 0 {
        return format!("yaml: {message}");
    }
    let line = if message.starts_with("did not find expected") {
        zero_based
    } else {
        problem.line
    };
    format!("yaml: line {line}: {message}")
}

const UNKNOWN_ALIAS: &str = "unknown anchor referenced";

/// The name of the alias (`*name`) at a 1-based line and column of `text`.
fn alias_name(text: &str, line: usize, column: usize) -> String {
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let rest: String = line_text.chars().skip(column.saturating_sub(1)).collect();
    rest.trim_start_matches('*')
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .collect()
}

/// The first problem go-yaml would refuse the text for (a repeated key is not one: the last
/// wins; a broken later document is never read).
fn first_refusal(problems: &[Problem]) -> Option<ValuesError> {
    let problem = problems.iter().find(|p| {
        !matches!(
            p,
            Problem::DuplicateKey { .. } | Problem::LaterDocument { .. }
        )
    })?;
    let message = match problem {
        Problem::Syntax { message, .. } => message.clone(),
        Problem::UnknownAlias { .. } => UNKNOWN_ALIAS.to_string(),
        Problem::TooDeep { limit, .. } => format!("nested deeper than {limit} levels"),
        Problem::TooManyNodes { limit, .. } => {
            format!("more than {limit} nodes after expanding aliases")
        }
        Problem::BudgetSpent { .. } => "the run's work budget is spent".to_string(),
        Problem::DuplicateKey { .. } | Problem::LaterDocument { .. } => unreachable!(),
    };
    let at = problem.range().start;
    Some(ValuesError {
        message,
        line: at.line,
        column: at.column,
    })
}

/// A YAML node as the value Helm's JSON round trip gives it.
pub fn to_value(node: &Node) -> Value {
    match &node.kind {
        Kind::Scalar(s) => match s.value {
            yaml::Value::Null => Value::Nil,
            yaml::Value::Bool(b) => Value::Bool(b),
            yaml::Value::Int(i) => Value::Float(i as f64),
            yaml::Value::Float(f) => Value::Float(f),
            yaml::Value::Str => Value::str(&s.text),
        },
        Kind::Seq(items) => Value::list(items.iter().map(to_value).collect()),
        Kind::Map(entries) => {
            // Later entries win: Helm 3 keeps the last of a repeated key.
            let map = Map::new();
            for e in entries {
                map.insert(e.key.key_string(), to_value(&e.value));
            }
            Value::Map(map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chart model's parse, read as values, gives what reading the text gives; a parse cut
    /// short by a limit the values reader does not have is read again.
    #[test]
    fn values_from_a_parse_made_already() {
        let lint = YamlLimits::default();
        for text in [
            "a: 1\nb: {c: [x, 2.5]}\n",
            "",
            "- a\n",
            "a: 1\nb: .inf\n",
            "a: [\n",
            "a: *nope\n",
            "base: &b {x: 1}\nc:\n  <<: *b\n",
        ] {
            let read = |r: Result<Map, ValuesError>| {
                r.map(|m| format!("{:?}", Value::Map(m)))
                    .map_err(|e| (e.message, e.line, e.column))
            };
            let parsed = yaml::parse(text, lint);
            let from_parse = values_from_parsed(&parsed, text).expect("no limit hit");
            assert_eq!(read(from_parse), read(values_from_yaml(text)), "{text:?}");
        }
        let deep = format!("a: {}1{}", "{a: ".repeat(200), "}".repeat(200));
        let parsed = yaml::parse(&deep, lint);
        assert!(values_from_parsed(&parsed, &deep).is_none());
        assert!(values_from_yaml(&deep).is_ok());
    }

    fn get(map: &Map, key: &str) -> Value {
        map.get(key)
            .unwrap_or_else(|| panic!("no key {key:?} in {:?}", map.keys()))
    }

    fn float(v: &Value) -> f64 {
        match v {
            Value::Float(f) => *f,
            other => panic!("not a float: {other:?}"),
        }
    }

    #[test]
    fn numbers_are_floats_and_keys_strings() {
        let m = values_from_yaml(
            "a: 1\nb: 1.5\nc: 0x1F\n1: x\n1.5: v\ntrue: z\n1e6: w\nd: 18446744073709551615\n",
        )
        .unwrap();
        assert_eq!(float(&get(&m, "a")), 1.0);
        assert_eq!(float(&get(&m, "b")), 1.5);
        assert_eq!(float(&get(&m, "c")), 31.0);
        assert_eq!(float(&get(&m, "d")), 18446744073709551615.0);
        assert_eq!(get(&m, "1").as_str(), Some("x"));
        assert_eq!(get(&m, "1.5").as_str(), Some("v"));
        assert_eq!(get(&m, "true").as_str(), Some("z"));
        assert_eq!(get(&m, "1e+06").as_str(), Some("w"));
    }

    #[test]
    fn yaml_1_1_scalars_as_helm() {
        // Observed with helm3: `n:` as a key is the boolean false, `yes` is true, dates stay text.
        let m = values_from_yaml(
            "f: yes\nn: []\no: 2020-01-01\nr: ~\ne: \"yes\"\nb: !!binary aGVsbG8=\n",
        )
        .unwrap();
        assert!(matches!(get(&m, "f"), Value::Bool(true)));
        assert!(matches!(get(&m, "false"), Value::List(_)));
        assert_eq!(get(&m, "o").as_str(), Some("2020-01-01"));
        assert!(get(&m, "r").is_nil());
        assert_eq!(get(&m, "e").as_str(), Some("yes"));
        assert_eq!(get(&m, "b").as_str(), Some("hello"));
    }

    #[test]
    fn anchors_merges_and_repeats() {
        let m =
            values_from_yaml("base: &b {x: 1, q: 2}\nc:\n  <<: *b\n  q: 3\nd: 1\nd: 2\n").unwrap();
        let Value::Map(c) = get(&m, "c") else {
            panic!()
        };
        assert_eq!(float(&get(&c, "x")), 1.0);
        assert_eq!(float(&get(&c, "q")), 3.0);
        assert_eq!(float(&get(&m, "d")), 2.0);
    }

    #[test]
    fn empty_and_null_files_are_empty_maps() {
        for text in ["", "\n", "# only a comment\n", "~\n", "null"] {
            assert!(values_from_yaml(text).unwrap().is_empty(), "{text:?}");
        }
    }

    #[test]
    fn refusals() {
        let e = values_from_yaml("- a\n").unwrap_err();
        assert_eq!(
            e.message,
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
        );
        assert_eq!((e.line, e.column), (1, 1));
        let e = values_from_yaml("a: 1\nb: .inf\n").unwrap_err();
        // Observed with helm3 (values/inf-nan-value, values/values-yaml-error).
        assert_eq!(
            e.message,
            "error converting YAML to JSON: json: unsupported value: +Inf"
        );
        assert_eq!(e.line, 2);
        assert_eq!(
            values_from_yaml("a: [\n").unwrap_err().message,
            "error converting YAML to JSON: yaml: line 1: did not find expected node content"
        );
        assert!(values_from_yaml("a: *nope\n").is_err());
        // A broken second document is never read.
        assert!(values_from_yaml("a: 1\n---\nb: [\n").is_ok());
    }

    #[test]
    fn block_scalar_at_the_end() {
        // Observed with helm3 `fromYaml`: no final line break when the text ends in the block,
        // one when a document marker ends the text (bitnami/redis includes such a text).
        let text_of = |yaml: &str| match from_yaml(yaml) {
            Ok(Value::Map(m)) => m.get("a").unwrap().as_str().unwrap().to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(text_of("a: |\n  x"), "x");
        assert_eq!(text_of("a: |\n  x\n"), "x\n");
        assert_eq!(text_of("a: |\n  x\n---"), "x\n");
        assert_eq!(text_of("a: |\n  x\nb: 1"), "x\n");
    }

    #[test]
    fn from_yaml_any_root() {
        assert!(matches!(from_yaml("- 1\n- 2\n"), Ok(Value::List(l)) if l.items().len() == 2));
        assert!(matches!(from_yaml(""), Ok(Value::Nil)));
        assert!(matches!(from_yaml("x"), Ok(Value::String(_))));
        assert!(from_yaml("- .nan\n").is_err());
        assert!(from_yaml("{[1]: 2}\n").is_err());
        assert_eq!(
            from_yaml("a: *x\n").unwrap_err(),
            "yaml: unknown anchor 'x' referenced"
        );
        assert_eq!(
            from_yaml("a: .inf").unwrap_err(),
            "json: unsupported value: +Inf"
        );
        // Observed with helm3 `fromYaml`.
        assert_eq!(
            from_yaml("a: 1\nb: [").unwrap_err(),
            "yaml: line 2: did not find expected node content"
        );
        assert_eq!(
            from_yaml("a: [").unwrap_err(),
            "yaml: line 1: did not find expected node content"
        );
        assert_eq!(
            from_yaml("a: 1\n  b: 2").unwrap_err(),
            "yaml: line 2: mapping values are not allowed in this context"
        );
        assert_eq!(
            from_yaml("a: b: c").unwrap_err(),
            "yaml: mapping values are not allowed in this context"
        );
        for (text, go_yaml) in [
            ("a: [1, 2", "yaml: line 1: did not find expected ',' or ']'"),
            ("a: @x", "yaml: found character that cannot start any token"),
            (
                "a:\n\tb: 1",
                "yaml: line 2: found character that cannot start any token",
            ),
            ("a: {b: 1", "yaml: line 1: did not find expected ',' or '}'"),
            ("a: 'x", "yaml: found unexpected end of stream"),
            (
                "- a\nb: 1",
                "yaml: line 1: did not find expected '-' indicator",
            ),
            ("a:\n  b:\n c: 1", "yaml: line 2: did not find expected key"),
        ] {
            assert_eq!(from_yaml(text).unwrap_err(), go_yaml, "{text:?}");
        }
    }
}
