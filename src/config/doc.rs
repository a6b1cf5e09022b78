//! One YAML text the user gives a preview (a license, a config CRD, a custom_config, product
//! configs): its name, its size limit, and reading it as YAML under the limits.

use super::{ConfigError, InputKind};
use crate::diagnostic::Severity;
use crate::text;
use crate::yaml::{self, Node, Problem, Yaml, YamlLimits};

/// Largest text read for one input (Helm's own limit on a chart file).
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;

/// YAML limits for user inputs: as for chart files, with fewer nodes.
pub const LIMITS: YamlLimits = YamlLimits {
    max_depth: 128,
    max_nodes: 200_000,
};

/// One text the user gave, and the name to show for it (a file name, or `license` when pasted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub name: String,
    pub text: String,
}

impl Doc {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Doc {
        Doc {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// A YAML text read under the limits.
#[derive(Debug)]
pub struct Parsed {
    pub name: String,
    pub yaml: Yaml,
}

impl Parsed {
    /// The first document that is not empty.
    pub fn first(&self) -> Option<&Node> {
        self.yaml.docs.iter().find(|d| !d.is_null())
    }
}

/// Read `doc` as YAML; its problems become errors. `None` when there is nothing to read (empty,
/// too large, or not even a partial document).
pub fn parse_doc(doc: &Doc, input: InputKind, errors: &mut Vec<ConfigError>) -> Option<Parsed> {
    let file = Some(doc.name.as_str());
    if doc.text.len() > MAX_INPUT_BYTES {
        let (size, max) = (doc.text.len(), MAX_INPUT_BYTES);
        errors.push(ConfigError::new(
            Severity::Error,
            input,
            file,
            None,
            text!(
                "`{}` is {size} bytes, over the limit of {max}: not read",
                "`{}` 大小为 {size} 字节，超过 {max} 字节的上限：未读取",
                doc.name
            ),
        ));
        return None;
    }
    let text = doc.text.strip_prefix('\u{feff}').unwrap_or(&doc.text);
    if text.trim().is_empty() {
        return None;
    }
    let yaml = yaml::parse(text, LIMITS);
    yaml_problems(&yaml, input, &doc.name, errors);
    let parsed = Parsed {
        name: doc.name.clone(),
        yaml,
    };
    parsed.first()?;
    Some(parsed)
}

/// YAML problems of an input as errors (a duplicate key is a warning: the last one is used).
pub fn yaml_problems(yaml: &Yaml, input: InputKind, file: &str, errors: &mut Vec<ConfigError>) {
    for p in &yaml.problems {
        let (severity, message) = match p {
            Problem::Syntax { message, .. } | Problem::LaterDocument { message, .. } => (
                Severity::Error,
                text!("YAML syntax error: {message}", "YAML 语法错误：{message}"),
            ),
            Problem::DuplicateKey { key, first, .. } => {
                let line = first.start.line;
                (
                    Severity::Warning,
                    text!(
                        "key `{key}` repeats the one on line {line}: the last one is used",
                        "键 `{key}` 与第 {line} 行的重复：使用后一个"
                    ),
                )
            }
            Problem::TooDeep { limit, .. } => (
                Severity::Error,
                text!(
                    "nested deeper than {limit} levels: the deeper part is not read",
                    "嵌套超过 {limit} 层：更深的部分未读取"
                ),
            ),
            Problem::TooManyNodes { limit, .. } => (
                Severity::Error,
                text!(
                    "more than {limit} values (aliases expanded): the rest is not read",
                    "值超过 {limit} 个（展开别名后）：其余部分未读取"
                ),
            ),
            Problem::BudgetSpent { total_nodes, .. } => (
                Severity::Error,
                text!(
                    "the run's budget of {total_nodes} YAML nodes is spent: the rest is not read",
                    "本次运行的 {total_nodes} 个 YAML 节点预算已用完：其余部分未读取"
                ),
            ),
            Problem::UnknownAlias { .. } => (
                Severity::Error,
                text!(
                    "an alias names no anchor defined before it",
                    "别名引用了此前未定义的锚点"
                ),
            ),
        };
        errors.push(ConfigError::new(
            severity,
            input,
            Some(file),
            Some(p.range()),
            message,
        ));
    }
}
