//! Chart.yaml as the CHART rules read it: the file when it parsed, and its `keywords` items
//! split once into `key:value` the way ECP reads them (§1.1.6.2).
//!
//! Every item gets a [`Form`]: the well-formed `key:value` string, the spacing mistakes
//! (CHART-002), bare words (`foundation`) and things that are no keyword at all (CHART-009).
//! Malformed items still carry the key and value the author meant (trimmed), so that the other
//! rules (required, creator, duplicates, catalog) judge the intent and one mistake is reported
//! once, by CHART-002.

use crate::chart::{Chart, YamlFile};
use crate::diagnostic::{Pos, Range};
use crate::yaml::{Entry, Kind, Node, Style, Value};

/// Keys ECP reads from `keywords` items.
pub const KNOWN_KEYS: &[&str] = &["creator", "zh_CN", "en", "name_zh_CN", "name_en", "catalog"];
/// Keys every cloud product must declare, in the guide's order of presentation.
pub const REQUIRED_KEYS: &[&str] = &["creator", "name_zh_CN", "name_en", "zh_CN", "en"];
/// The one bare keyword ECP knows: a foundation product (no resource check, §1.1.6.3).
pub const FOUNDATION: &str = "foundation";

/// Chart.yaml of a chart as the CHART rules read it.
pub struct ChartYaml<'a> {
    pub file: &'a YamlFile,
    /// The root map; `None` for an empty file or a root that is not a map (then every key is
    /// missing).
    pub root: Option<&'a Node>,
    /// Only part of Chart.yaml could be read: a syntax error (HELM-001) cut it, and `root` is
    /// what stands complete before the error, or its root is not a map (CHART-012). Rules
    /// judge the values they see and never report a key as missing.
    pub partial: bool,
}

impl<'a> ChartYaml<'a> {
    /// The top-level entry `key`, if present. When a key is repeated, the last one: Helm 3
    /// keeps the last value (HELM-003 reports the repetition).
    pub fn entry(&self, key: &str) -> Option<&'a Entry> {
        self.root?.entry(key)
    }
    /// Where to report something missing from the whole file: line 1.
    pub fn top(&self) -> Range {
        self.file.line_range(1)
    }
}

/// Chart.yaml of `chart`, or `None` when it is absent, or has a syntax error before which
/// nothing reads.
pub fn chart_yaml<'a>(chart: &'a Chart) -> Option<ChartYaml<'a>> {
    let file = chart.chart_yaml.as_ref()?;
    if file.yaml.syntax_error().is_some() {
        let root = chart.chart_yaml_before_error()?;
        return Some(ChartYaml {
            file,
            root: root.as_map().is_some().then_some(root),
            partial: true,
        });
    }
    let root = file.root();
    let partial = root.is_some_and(|r| r.as_map().is_none() && !r.is_null());
    Some(ChartYaml {
        file,
        root: root.filter(|r| r.as_map().is_some()),
        partial,
    })
}

/// How a `keywords` item is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `key:value`, as the guide writes it.
    Pair,
    /// A string with a space before or after its colon: `creator :x`, `"creator: x"`.
    Spaced,
    /// YAML read the item as a map: `creator: x`, or `creator:` at the end of the line.
    Map,
    /// YAML read the item as a map because its value holds `: `: `en:Note: read this`.
    ColonInValue,
    /// A full-width colon `：` instead of `:`: `creator：x`.
    FullWidthColon,
    /// A string without a colon, such as `foundation`.
    Word,
    /// A number, boolean, null or list: no `key:value` string at all.
    NotString,
}

/// One `keywords` item (or one entry of an item YAML read as a map).
#[derive(Debug, Clone)]
pub struct Keyword<'a> {
    pub node: &'a Node,
    pub form: Form,
    /// The key as meant (trimmed); the word itself for [`Form::Word`]; empty for
    /// [`Form::NotString`].
    pub key: String,
    /// The value as meant (trimmed); empty for words.
    pub value: String,
    /// The item as it reads in the file, for messages (`creator: x`).
    pub written: String,
    /// The whole item in the file.
    pub range: Range,
}

impl Keyword<'_> {
    /// Whether the item names a key (well-formed or not).
    pub fn has_key(&self) -> bool {
        self.form == Form::Pair || self.is_malformed()
    }
    /// Whether CHART-002 reports this item (its colon is written wrong).
    pub fn is_malformed(&self) -> bool {
        matches!(
            self.form,
            Form::Spaced | Form::Map | Form::ColonInValue | Form::FullWidthColon
        )
    }
    /// The value's own range when it can be located exactly (a one-line `key:value` string
    /// without escapes), else the whole item.
    pub fn value_range(&self) -> Range {
        self.part_range(true)
    }
    /// The key's own range when it can be located exactly, else the whole item.
    pub fn key_range(&self) -> Range {
        self.part_range(false)
    }

    fn part_range(&self, value: bool) -> Range {
        let whole = self.range;
        let Some(s) = self.node.as_scalar() else {
            return whole;
        };
        if self.form != Form::Pair || whole.start.line != whole.end.line {
            return whole;
        }
        let quote = match s.style {
            Style::Plain => 0,
            Style::SingleQuoted | Style::DoubleQuoted => 1,
            _ => return whole,
        };
        let width = whole.end.column.saturating_sub(whole.start.column);
        // An escape or a folded quote would shift columns: only map text that is 1:1 with the file.
        if width != s.text.chars().count() + 2 * quote {
            return whole;
        }
        let key_chars = self.key.chars().count();
        let first = whole.start.column + quote;
        let at = |column| Pos {
            line: whole.start.line,
            column,
        };
        if value {
            Range {
                start: at(first + key_chars + 1),
                end: at(whole.end.column - quote),
            }
        } else {
            Range {
                start: at(first),
                end: at(first + key_chars),
            }
        }
    }
}

/// The Chinese name of a node's type, for messages (`Node::type_name` gives the English one).
pub fn type_name_zh(node: &Node) -> &'static str {
    match node.type_name() {
        "map" => "映射",
        "list" => "列表",
        "null" => "空值",
        "boolean" => "布尔值",
        "integer" => "整数",
        "float" => "浮点数",
        _ => "字符串",
    }
}

/// The `keywords` entry of Chart.yaml, if present.
pub fn keywords_entry<'a>(cy: &ChartYaml<'a>) -> Option<&'a Entry> {
    cy.entry("keywords")
}

/// Every `keywords` item, in file order. Empty when `keywords` is absent or not a list.
pub fn keywords<'a>(cy: &ChartYaml<'a>) -> Vec<Keyword<'a>> {
    let Some(items) = keywords_entry(cy).and_then(|e| e.value.as_seq()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for node in items {
        read_item(node, &mut out);
    }
    out
}

fn read_item<'a>(node: &'a Node, out: &mut Vec<Keyword<'a>>) {
    match &node.kind {
        Kind::Scalar(s) if s.value == Value::Str => out.push(read_string(node, &s.text)),
        Kind::Scalar(s) => out.push(Keyword {
            node,
            form: Form::NotString,
            key: String::new(),
            value: String::new(),
            written: s.text.clone(),
            range: node.range,
        }),
        Kind::Seq(_) => out.push(Keyword {
            node,
            form: Form::NotString,
            key: String::new(),
            value: String::new(),
            written: "[...]".to_string(),
            range: node.range,
        }),
        Kind::Map(entries) => {
            for e in entries {
                let key = scalar_text(&e.key);
                let value = scalar_text(&e.value);
                let end = if e.value.is_null() && value.is_empty() {
                    // `creator:` — the value is empty: end after the colon.
                    Pos {
                        line: e.key.range.end.line,
                        column: e.key.range.end.column + 1,
                    }
                } else {
                    e.value.range.end
                };
                let written = if value.is_empty() {
                    format!("{key}:")
                } else {
                    format!("{key}: {value}")
                };
                let (form, key, value) = match key.split_once(':') {
                    // `en:Note: x` — the first colon is the keyword's, `: ` is in the value.
                    Some((k, _)) if !k.ends_with(char::is_whitespace) => {
                        let (k, v) = written.split_once(':').unwrap_or((k, ""));
                        (Form::ColonInValue, k.to_string(), v.to_string())
                    }
                    _ => (Form::Map, key.trim().to_string(), value.trim().to_string()),
                };
                out.push(Keyword {
                    node,
                    form,
                    key,
                    value,
                    written,
                    range: Range {
                        start: e.key.range.start,
                        end,
                    },
                });
            }
        }
    }
}

fn scalar_text(node: &Node) -> String {
    match &node.kind {
        Kind::Scalar(s) if s.value == Value::Null => String::new(),
        Kind::Scalar(s) => s.text.clone(),
        Kind::Seq(_) => "[...]".to_string(),
        Kind::Map(_) => "{...}".to_string(),
    }
}

fn read_string<'a>(node: &'a Node, text: &str) -> Keyword<'a> {
    let make = |form, key: &str, value: &str| Keyword {
        node,
        form,
        key: key.to_string(),
        value: value.to_string(),
        written: text.to_string(),
        range: node.range,
    };
    if let Some((key, value)) = text.split_once(':') {
        let spaced = key.ends_with(char::is_whitespace) || value.starts_with(char::is_whitespace);
        if spaced {
            make(Form::Spaced, key.trim(), value.trim())
        } else {
            make(Form::Pair, key, value)
        }
    } else if let Some((key, value)) = text.split_once('：') {
        make(Form::FullWidthColon, key.trim(), value.trim())
    } else {
        make(Form::Word, text.trim(), "")
    }
}

/// Chart.yaml texts for the CHART rules' tests.
#[cfg(test)]
pub(crate) mod cases {
    /// A valid Chart.yaml whose `keywords` list is `keywords` (each line an item, unindented).
    pub fn with_keywords(keywords: &str) -> String {
        let mut text =
            String::from("apiVersion: v1\nname: mycloud-product\nversion: 1.0.0\nkeywords:\n");
        for line in keywords.lines() {
            text.push_str("  ");
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// The good project's keywords and then `extra` (its first item on line 10).
    pub fn with_more_keywords(extra: &str) -> String {
        with_keywords(&format!("{GOOD_KEYWORDS}{extra}"))
    }

    /// The good project's keywords, for building variations.
    pub const GOOD_KEYWORDS: &str = "- creator:ems_service_chart\n- zh_CN:我的云产品描述\n- en:description of mycloud-product\n- name_zh_CN:我的云产品\n- name_en:mycloud-product\n";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, YamlLimits};

    fn items(text: &str) -> Vec<(Form, String, String, Range)> {
        let y = parse(text, YamlLimits::default());
        let root = y.root().unwrap();
        let mut out = Vec::new();
        for node in root.get("keywords").unwrap().as_seq().unwrap() {
            read_item(node, &mut out);
        }
        out.into_iter()
            .map(|k| (k.form, k.key, k.value, k.range))
            .collect()
    }

    fn r(line: usize, c1: usize, c2: usize) -> Range {
        Range {
            start: Pos { line, column: c1 },
            end: Pos { line, column: c2 },
        }
    }

    #[test]
    fn forms() {
        let got = items(
            "keywords:\n  - creator:ems_service_chart\n  - creator :x\n  - creator: x\n  - creator:\n  - foundation\n  - creator：x\n  - 123\n  - \"en: y\"\n",
        );
        assert_eq!(
            got[0],
            (
                Form::Pair,
                "creator".into(),
                "ems_service_chart".into(),
                r(2, 5, 30)
            )
        );
        assert_eq!(
            got[1],
            (Form::Spaced, "creator".into(), "x".into(), r(3, 5, 15))
        );
        assert_eq!(
            got[2],
            (Form::Map, "creator".into(), "x".into(), r(4, 5, 15))
        );
        assert_eq!(
            got[3],
            (Form::Map, "creator".into(), "".into(), r(5, 5, 13))
        );
        assert_eq!(
            got[4],
            (Form::Word, "foundation".into(), "".into(), r(6, 5, 15))
        );
        assert_eq!(
            got[5],
            (
                Form::FullWidthColon,
                "creator".into(),
                "x".into(),
                r(7, 5, 14)
            )
        );
        assert_eq!(got[6].0, Form::NotString);
        assert_eq!(got[7], (Form::Spaced, "en".into(), "y".into(), r(9, 5, 12)));
    }

    #[test]
    fn a_map_item_with_two_entries_gives_two_keywords() {
        let got = items("keywords:\n  - creator: x\n    en: y\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], (Form::Map, "en".into(), "y".into(), r(3, 5, 10)));
    }

    #[test]
    fn colon_space_inside_the_value() {
        let got = items("keywords:\n  - en:Note: read this\n");
        assert_eq!(
            got[0],
            (
                Form::ColonInValue,
                "en".into(),
                "Note: read this".into(),
                r(2, 5, 23)
            )
        );
    }

    #[test]
    fn value_and_key_ranges() {
        let y = parse(
            "keywords:\n  - creator:abc\n  - 'en:x'\n  - \"en:\\u0041\"\n",
            YamlLimits::default(),
        );
        let mut out = Vec::new();
        for node in y.root().unwrap().get("keywords").unwrap().as_seq().unwrap() {
            read_item(node, &mut out);
        }
        assert_eq!(out[0].key_range(), r(2, 5, 12));
        assert_eq!(out[0].value_range(), r(2, 13, 16));
        assert_eq!(out[1].value_range(), r(3, 9, 10));
        // An escape: columns do not map 1:1, the whole item is used.
        assert_eq!(out[2].value_range(), out[2].range);
    }
}

#[cfg(test)]
mod odd_shapes {
    use crate::chart::CHART_YAML;
    use crate::rules::tester::{run, with};

    /// Whatever Chart.yaml holds, the CHART rules (and every other) report or stay quiet; they
    /// never panic.
    #[test]
    fn odd_chart_yaml_shapes_do_not_panic() {
        let texts = [
            "",
            "---\n",
            "- a\n- b\n",
            "just a string\n",
            "name: [a, b]\nversion: {a: 1}\napiVersion: [v1]\nkeywords: {creator: x}\n",
            "keywords:\n  - {creator: x, en: y}\n  - [[a]]\n  - !!str 123\n  - &a creator:x\n  - *a\n",
            "keywords:\n  - |\n    creator:multi\n    line\n  - >-\n    en:folded\n",
            "keywords:\n  - ? [a]\n    : b\n  - ：\n  - ':'\n  - 'en:'\n  - \"\\t:\\t\"\n",
            "name: 名字\nversion: \"１.０.０\"\napiVersion: ｖ1\n",
            "keywords: &k\n  - creator:x\nother: *k\n",
        ];
        for text in texts {
            let _ = run(&with(CHART_YAML, text).input(), &Default::default());
        }
    }
}
