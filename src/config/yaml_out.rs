//! The final values as YAML, each leaf followed by a comment naming the layer that set it:
//!
//! ```yaml
//! pod:
//!   replicas:
//!     api: 2  # data_template (chart/p/templates/_config_helpers.yaml.tpl:4)
//!     dashboard: 3  # license (license.yaml:12)
//!     db: 1  # values (chart/p/values.yaml:5)
//! ```
//!
//! Strings are quoted whenever a YAML 1.1 reader (Helm, PyYAML) would read them as something
//! else, so the output reads back as the same values.

use super::tree::{Kind, Tree};
use super::ConfigReport;
use crate::yaml::{resolve_plain, Value};
use std::fmt::Write;

/// The report's final values as commented YAML, after a header naming the layers.
pub fn render(r: &ConfigReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# ecplint config preview: {}", one_line(&r.product));
    let names: Vec<&str> = r.layers.iter().map(|l| l.as_str()).collect();
    let _ = writeln!(
        out,
        "# layers, lowest priority first: {}",
        names.join(" < ")
    );
    for s in &r.sources {
        let at =
            s.at.as_deref()
                .map(|a| format!(" at {a}"))
                .unwrap_or_default();
        let _ = writeln!(
            out,
            "#   {}: {}{}",
            s.layer.as_str(),
            one_line(&s.file),
            one_line(&at)
        );
    }
    let _ = writeln!(
        out,
        "# replicas_by_modality: {} ({})",
        r.replicas_by_modality,
        if r.replicas_from_license {
            "license values.default_product_replicas"
        } else {
            "default"
        }
    );
    let note = |t: &Tree| -> String {
        let layer = t.origin.layer;
        let file = r
            .sources
            .iter()
            .find(|s| s.layer == layer)
            .map(|s| s.file.as_str());
        // the header names each layer's file in full; a comment names it short
        let file = file.map(|f| f.rsplit('/').next().unwrap_or(f));
        match (file, t.origin.line) {
            (Some(f), l) if l > 0 => format!("{} ({}:{l})", layer.as_str(), one_line(f)),
            (Some(f), _) => format!("{} ({})", layer.as_str(), one_line(f)),
            _ => layer.as_str().to_string(),
        }
    };
    match &r.values.kind {
        Kind::Map(m) if m.is_empty() => out.push_str("{}\n"),
        Kind::Map(m) => map(&mut out, m, 0, &note),
        _ => {
            let _ = writeln!(out, "{}  # {}", scalar(&r.values), note(&r.values));
        }
    }
    out
}

/// Map entries at `indent`, with a provenance comment on each leaf.
fn map(
    out: &mut String,
    entries: &[(String, Tree)],
    indent: usize,
    note: &dyn Fn(&Tree) -> String,
) {
    let pad = " ".repeat(indent);
    for (k, v) in entries {
        let key = string(k);
        match &v.kind {
            Kind::Map(m) if !m.is_empty() => {
                let _ = writeln!(out, "{pad}{key}:");
                map(out, m, indent + 2, note);
            }
            Kind::List(items) if !items.is_empty() => {
                let _ = writeln!(out, "{pad}{key}:  # {}", note(v));
                block(out, v, indent + 2);
            }
            _ => {
                let _ = writeln!(out, "{pad}{key}: {}  # {}", scalar(v), note(v));
            }
        }
    }
}

/// A value in block style at `indent` (no comments: inside a list, the list's comment holds).
fn block(out: &mut String, v: &Tree, indent: usize) {
    let pad = " ".repeat(indent);
    match &v.kind {
        Kind::Map(m) if !m.is_empty() => {
            for (k, item) in m {
                let key = string(k);
                if is_block(item) {
                    let _ = writeln!(out, "{pad}{key}:");
                    block(out, item, indent + 2);
                } else {
                    let _ = writeln!(out, "{pad}{key}: {}", scalar(item));
                }
            }
        }
        Kind::List(items) if !items.is_empty() => {
            for item in items {
                if is_block(item) {
                    // `- ` then the item's first line; the rest indented under it
                    let mut inner = String::new();
                    block(&mut inner, item, indent + 2);
                    let _ = write!(out, "{pad}- {}", &inner[indent + 2..]);
                } else {
                    let _ = writeln!(out, "{pad}- {}", scalar(item));
                }
            }
        }
        _ => {
            let _ = writeln!(out, "{pad}{}", scalar(v));
        }
    }
}

fn is_block(t: &Tree) -> bool {
    match &t.kind {
        Kind::Map(m) => !m.is_empty(),
        Kind::List(l) => !l.is_empty(),
        _ => false,
    }
}

/// A scalar (or an empty collection) in flow style.
fn scalar(t: &Tree) -> String {
    match &t.kind {
        Kind::Null => "null".into(),
        Kind::Bool(b) => b.to_string(),
        Kind::Int(i) => i.to_string(),
        Kind::Float(f) => float(*f),
        Kind::Str(s) => string(s),
        Kind::List(_) => "[]".into(),
        Kind::Map(_) => "{}".into(),
    }
}

fn float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    // YAML 1.1 floats need a dot, and a sign after the exponent.
    let s = format!("{f:?}");
    match s.split_once('e') {
        Some((m, e)) => {
            let m = if m.contains('.') {
                m.to_string()
            } else {
                format!("{m}.0")
            };
            let e = if e.starts_with('-') {
                e.to_string()
            } else {
                format!("+{e}")
            };
            format!("{m}e{e}")
        }
        None => s,
    }
}

/// A string, plain when a YAML 1.1 reader reads it back as this string, else double-quoted.
fn string(s: &str) -> String {
    let plain = !s.is_empty()
        && resolve_plain(s) == Value::Str
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !s.ends_with(|c: char| c == ':' || c.is_whitespace())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(needs_escape);
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters never written raw: controls, and those that reorder or hide text in a terminal
/// (bidi controls, zero-width marks, BOM, line/paragraph separators).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// Text for a comment: on one line, nothing that reorders the terminal.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if needs_escape(c) { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Layer;
    use crate::yaml::{parse, YamlLimits};

    fn tree(text: &str) -> Tree {
        let y = parse(text, YamlLimits::default());
        Tree::from_yaml(y.root().unwrap(), Layer::Values, &|l| l)
    }

    #[test]
    fn strings_read_back_as_strings() {
        for s in [
            "yes",
            "1",
            "1.5",
            "null",
            "",
            " a",
            "a: b",
            "a #b",
            "- x",
            "x\ny",
            "on",
            "0777",
            "~",
            "#",
            "é",
            "ok",
            "q\"\\",
            "\u{1b}[31m",
            "a\u{202e}b",
            "\t",
            "a\u{85}",
        ] {
            let out = string(s);
            let back = tree(&format!("k: {out}\n"));
            let v = back.get("k").unwrap();
            assert!(
                matches!(&v.kind, Kind::Str(t) if t == s),
                "{s:?} → {out} → {v:?}"
            );
        }
        assert_eq!(string("plain-text_1"), "plain-text_1");
    }

    #[test]
    fn floats_read_back_as_floats() {
        for f in [1.0, 0.5, 1e100, -2.5e-10, f64::INFINITY] {
            let back = tree(&format!("k: {}\n", float(f)));
            assert!(
                matches!(back.get("k").unwrap().kind, Kind::Float(g) if g == f),
                "{f}"
            );
        }
    }

    #[test]
    fn nested_lists_and_maps_round_trip() {
        let text = "a:\n  b: [1, {c: [x, {d: e}], f: []}, [2, 3]]\n  g: {}\nh: null\n";
        let t = tree(text);
        let mut out = String::new();
        map(&mut out, t.as_map().unwrap(), 0, &|_| "values".into());
        let back = tree(&out);
        assert!(back.same_value(&t), "{out}");
        assert!(out.contains("g: {}  # values"), "{out}");
    }
}
