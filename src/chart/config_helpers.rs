//! `templates/_config_helpers.yaml.tpl` (§1.1.6.4): the product's configuration template and
//! its dependencies, read statically.
//!
//! The file is Mako-templated YAML. Its *static view* is the text with every Mako control line
//! (`% if …`, `% elif …`, `% else:`, `% endif`, `%%` escapes: any line whose first non-blank
//! character is `%`) and every Mako comment line (`##`, possibly after blanks) replaced by an
//! empty line, so that line numbers and columns stay those of the original text. `${…}`
//! substitutions are left in place: YAML reads them as plain scalars. All branches of an
//! `% if` are kept, so the static view is the union of what any rendering could give; the
//! Mako engine (`crate::mako`) renders the real thing.
//!
//! The file's top-level keys (RULES.md, CFG): `data_template`, `dependencies`, `base_version`,
//! `trial_days`, `license_expired`, `trial_values`. `dependencies` holds `arch` (a list of
//! `x86`/`arm`), `services` (product ID → minimum version), `parallel_services` (a list of
//! groups, each a map product ID → minimum version, of which one must be met), `exclusion` (a
//! list of product IDs that may not be installed alongside) and `platform_version`.

use crate::chart::{decode, Chart, CONFIG_HELPERS};
use crate::diagnostic::Range;
use crate::yaml::{self, Entry, Node, Yaml, YamlLimits};

/// The top-level keys the platform reads (RULES.md, CFG-009).
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "data_template",
    "dependencies",
    "base_version",
    "trial_days",
    "license_expired",
    "trial_values",
];

/// The keys of `dependencies` (§1.1.6.4).
pub const DEPENDENCY_KEYS: &[&str] = &[
    "arch",
    "services",
    "parallel_services",
    "exclusion",
    "platform_version",
];

/// `_config_helpers.yaml.tpl` of a chart: the original text and its static YAML view.
#[derive(Debug)]
pub struct ConfigHelpers {
    /// Path inside the input.
    pub path: String,
    /// The original text (BOM dropped).
    pub text: String,
    /// The static view: the text with Mako control and comment lines blanked (same lines).
    pub static_text: String,
    /// `static_text` parsed as YAML.
    pub yaml: Yaml,
    /// The text parsed as a Mako template (the CFG rules read it).
    pub mako: crate::mako::Parsed,
}

/// How a product is named in `dependencies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A key of `dependencies.services` (or an item, when written as a list).
    Service,
    /// A key of one of the `dependencies.parallel_services` groups.
    Parallel,
    /// An item of `dependencies.exclusion`.
    Exclusion,
}

/// One product named in `dependencies`, with its nodes.
#[derive(Debug, Clone, Copy)]
pub struct Declared<'a> {
    /// The product ID as written (a string, or a number's text).
    pub id: &'a str,
    /// The node naming the product: a map key, or a list item.
    pub node: &'a Node,
    /// The minimum version (`services` and `parallel_services` values); `None` for
    /// exclusions and for products written as bare list items.
    pub version: Option<&'a Node>,
    pub kind: Kind,
    /// For [`Kind::Parallel`]: the index of its group in `parallel_services`.
    pub group: Option<usize>,
}

/// One `parallel_services` group: the list item and its products.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub index: usize,
    /// The list item (normally a map product ID → version).
    pub node: &'a Node,
    pub products: Vec<Declared<'a>>,
}

/// Whether a line is Mako-only: a control line (`%…`) or a comment line (`##…`).
pub fn is_mako_line(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    t.starts_with('%') || t.starts_with("##")
}

/// The static view of a Mako-templated YAML text: Mako control and comment lines emptied, all
/// other lines (and line ends) kept as they are.
pub fn static_view(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => match b.strip_suffix('\r') {
                Some(b2) => (b2, "\r\n"),
                None => (b, "\n"),
            },
            None => (line, ""),
        };
        if !is_mako_line(body) {
            out.push_str(body);
        }
        out.push_str(end);
    }
    out
}

/// Read `templates/_config_helpers.yaml.tpl` of `chart`; `None` when it is absent or not
/// UTF-8 text.
pub fn read(chart: &Chart) -> Option<ConfigHelpers> {
    let file = chart.file(CONFIG_HELPERS)?;
    let text = decode(file)?.to_string();
    Some(ConfigHelpers::parse(file.path.clone(), text))
}

impl ConfigHelpers {
    /// Build the static view of `text` (the file at `path`) and parse it.
    pub fn parse(path: String, text: String) -> ConfigHelpers {
        let static_text = static_view(&text);
        let yaml = yaml::parse(&static_text, YamlLimits::default());
        let mako = crate::mako::parse(&text);
        ConfigHelpers {
            path,
            text,
            static_text,
            yaml,
            mako,
        }
    }

    /// The root node of the static view, when it parsed to something.
    pub fn root(&self) -> Option<&Node> {
        self.yaml.root()
    }

    /// Whether the static view has a YAML syntax error (CFG-001 reports it).
    pub fn has_syntax_error(&self) -> bool {
        self.yaml.syntax_error().is_some()
    }

    /// The root's entries (key and value), in file order; empty when the root is not a map.
    pub fn top_level_keys(&self) -> &[Entry] {
        self.root().and_then(Node::as_map).unwrap_or(&[])
    }

    /// The top-level entry `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.root()?.entry(key)
    }

    /// The value of the top-level key `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.root()?.get(key)
    }

    /// The `dependencies` entry (key and value).
    pub fn dependencies_entry(&self) -> Option<&Entry> {
        self.entry("dependencies")
    }

    /// The `dependencies` node (normally a map).
    pub fn dependencies(&self) -> Option<&Node> {
        self.get("dependencies")
    }

    /// `dependencies.<key>` (key and value).
    pub fn dependency(&self, key: &str) -> Option<&Entry> {
        self.dependencies()?.entry(key)
    }

    /// The `data_template` node.
    pub fn data_template(&self) -> Option<&Node> {
        self.get("data_template")
    }

    /// The range of 1-based line `line` of the text.
    pub fn line_range(&self, line: usize) -> Range {
        let chars = self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .map_or(1, |l| l.chars().count());
        Range::line(line, chars)
    }

    /// Where to report something missing from the whole file: its first key, else line 1.
    pub fn top(&self) -> Range {
        match self.top_level_keys().first() {
            Some(e) => e.key.range,
            None => self.line_range(1),
        }
    }

    /// The products of `dependencies.services`: map keys with their versions; a list is
    /// read leniently (`- nova`, `- nova: 6.0.1`), and so is a single ID (`services: nova`).
    pub fn services(&self) -> Vec<Declared<'_>> {
        let mut out = Vec::new();
        if let Some(e) = self.dependency("services") {
            collect_products(&e.value, Kind::Service, None, &mut out);
        }
        out
    }

    /// The groups of `dependencies.parallel_services` (a list of maps). A single map instead of
    /// a list is read as one group.
    pub fn parallel_groups(&self) -> Vec<Group<'_>> {
        let Some(e) = self.dependency("parallel_services") else {
            return Vec::new();
        };
        let items: Vec<&Node> = match (e.value.as_seq(), e.value.as_map()) {
            (Some(items), _) => items.iter().collect(),
            (None, Some(_)) => vec![&e.value],
            _ => Vec::new(),
        };
        items
            .into_iter()
            .enumerate()
            .map(|(index, node)| {
                let mut products = Vec::new();
                collect_products(node, Kind::Parallel, Some(index), &mut products);
                Group {
                    index,
                    node,
                    products,
                }
            })
            .collect()
    }

    /// The products of `dependencies.exclusion` (a list of IDs; map keys are read too, and a
    /// single ID written without a list).
    pub fn exclusions(&self) -> Vec<Declared<'_>> {
        let mut out = Vec::new();
        if let Some(e) = self.dependency("exclusion") {
            collect_products(&e.value, Kind::Exclusion, None, &mut out);
        }
        out
    }

    /// Every product named in `dependencies`, in the order services, parallel groups,
    /// exclusion.
    pub fn declared(&self) -> Vec<Declared<'_>> {
        let mut out = self.services();
        for g in self.parallel_groups() {
            out.extend(g.products);
        }
        out.extend(self.exclusions());
        out
    }

    /// Every product named in `dependencies`: ID, where it is named, how.
    pub fn declared_products(&self) -> Vec<(String, Range, Kind)> {
        self.declared()
            .into_iter()
            .map(|d| (d.id.to_string(), d.node.range, d.kind))
            .collect()
    }

    /// Whether `product` is declared as a dependency (in `services` or a `parallel_services`
    /// group), so that reading its config cannot fail for want of the product.
    pub fn requires(&self, product: &str) -> bool {
        self.services().iter().any(|d| d.id == product)
            || self
                .parallel_groups()
                .iter()
                .any(|g| g.products.iter().any(|d| d.id == product))
    }
}

/// The product ID a node names: a string, or the text of another scalar (`123`).
fn product_id(node: &Node) -> Option<&str> {
    let s = node.as_scalar()?;
    if node.is_null() || s.text.is_empty() {
        return None;
    }
    Some(s.text.as_str())
}

fn collect_products<'a>(
    node: &'a Node,
    kind: Kind,
    group: Option<usize>,
    out: &mut Vec<Declared<'a>>,
) {
    let mut push = |key: &'a Node, version: Option<&'a Node>| {
        if let Some(id) = product_id(key) {
            out.push(Declared {
                id,
                node: key,
                version: version.filter(|_| kind != Kind::Exclusion),
                kind,
                group,
            });
        }
    };
    if let Some(entries) = node.as_map() {
        for e in entries {
            push(&e.key, Some(&e.value));
        }
    } else if let Some(items) = node.as_seq() {
        for item in items {
            if let Some(entries) = item.as_map() {
                for e in entries {
                    push(&e.key, Some(&e.value));
                }
            } else if item.as_scalar().is_some() {
                push(item, None);
            }
        }
    } else if node.as_scalar().is_some() {
        // `exclusion: nova`: one product written without its list.
        push(node, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    fn ch(text: &str) -> ConfigHelpers {
        ConfigHelpers::parse("t".into(), text.into())
    }

    /// The guide's example (§1.1.6.4), with the indentation a page break lost restored.
    const GUIDE: &str = "\
dependencies:
  platform_version: 6.0.1
  arch:
    - x86
    - arm
  services:
    horizon: 6.0.1-alpha.0
    nova: 6.0.1-alpha.0
  exclusion:
    - nova
    - cinder
  parallel_services:
    - iam: 6.0.1
      schedule: 6.0.1
    - return: 6.0.1
      proton: 6.0.1

base_version: 6.2.1

trial_days: 180

license_expired:
  feature:
    disable: true
";

    #[test]
    fn static_view_blanks_mako_lines_and_keeps_positions() {
        let text = "data_template:\n  a: |-\n    % if neutron:\n    ${neutron['x']}\n    % else:\n    x\n    % endif\n## a comment\n  b: ${label_enabled}\r\n%% escaped\n";
        let v = static_view(text);
        assert_eq!(
            v,
            "data_template:\n  a: |-\n\n    ${neutron['x']}\n\n    x\n\n\n  b: ${label_enabled}\r\n\n"
        );
        assert_eq!(v.lines().count(), text.lines().count());
        let c = ch(text);
        assert!(!c.has_syntax_error(), "{:?}", c.yaml.problems);
        let b = c.data_template().unwrap().entry("b").unwrap();
        assert_eq!(b.value.range.start, Pos { line: 9, column: 6 });
        assert_eq!(b.value.as_str(), Some("${label_enabled}"));
        assert_eq!(c.text, text);
    }

    #[test]
    fn reads_the_guide_example() {
        let c = ch(GUIDE);
        let keys: Vec<String> = c
            .top_level_keys()
            .iter()
            .map(|e| e.key.key_string())
            .collect();
        assert_eq!(
            keys,
            [
                "dependencies",
                "base_version",
                "trial_days",
                "license_expired"
            ]
        );
        assert!(c.dependencies().unwrap().as_map().is_some());
        let products = c.declared_products();
        let ids: Vec<(&str, Kind)> = products.iter().map(|(p, _, k)| (p.as_str(), *k)).collect();
        assert_eq!(
            ids,
            [
                ("horizon", Kind::Service),
                ("nova", Kind::Service),
                ("iam", Kind::Parallel),
                ("schedule", Kind::Parallel),
                ("return", Kind::Parallel),
                ("proton", Kind::Parallel),
                ("nova", Kind::Exclusion),
                ("cinder", Kind::Exclusion),
            ]
        );
        assert_eq!(products[0].1.start, Pos { line: 7, column: 5 });
        assert_eq!(
            products[6].1.start,
            Pos {
                line: 10,
                column: 7
            }
        );
        let groups = c.parallel_groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].products[1].id, "proton");
        assert_eq!(groups[1].products[1].group, Some(1));
        assert_eq!(
            groups[1].products[1].version.unwrap().as_str(),
            Some("6.0.1")
        );
        assert!(c.requires("nova") && c.requires("iam") && !c.requires("cinder"));
    }

    #[test]
    fn lenient_shapes() {
        let c = ch("dependencies:\n  services:\n    - nova\n    - glance: 6.0.1\n  exclusion: {cinder: x}\n");
        let ids: Vec<(String, Kind)> = c
            .declared_products()
            .into_iter()
            .map(|(p, _, k)| (p, k))
            .collect();
        assert_eq!(
            ids,
            [
                ("nova".to_string(), Kind::Service),
                ("glance".to_string(), Kind::Service),
                ("cinder".to_string(), Kind::Exclusion),
            ]
        );
        let s = c.services();
        assert!(s[0].version.is_none());
        assert!(c.exclusions()[0].version.is_none());
    }

    #[test]
    fn odd_files_do_not_panic() {
        for t in [
            "",
            "- a\n- b\n",
            "just text\n",
            "dependencies: 3\n",
            "dependencies:\n  services: x\n  parallel_services: [1, [2], {a: 1}]\n  exclusion: [[a], {b: c}, ~]\n",
            "% if x:\n% endif\n",
            "dependencies: {services: {: 1, ~: 2}}\n",
            "dependencies:\n  parallel_services:\n    iam: 6.0.1\n",
        ] {
            let c = ch(t);
            let _ = (c.declared_products(), c.top_level_keys(), c.top());
            let _ = c.parallel_groups();
        }
        let c = ch("dependencies:\n  parallel_services:\n    iam: 6.0.1\n");
        assert_eq!(c.parallel_groups().len(), 1);
    }
}
