//! CFG rules: `templates/_config_helpers.yaml.tpl` as a Mako template (§1.1.6.4).
//!
//! Every rule reads the file twice over: as a Mako template ([`crate::mako`]: substitutions,
//! control lines, name uses and their guards) and through its static YAML view
//! ([`crate::chart::config_helpers`]: top-level keys, `dependencies`, `data_template`).

use crate::chart::config_helpers::{ConfigHelpers, Kind};
use crate::chart::Chart;
use crate::mako::{self, ExprKind, PostfixKind, Use};

pub mod cfg_001;
pub mod cfg_002;
pub mod cfg_003;
pub mod cfg_004;
pub mod cfg_005;
pub mod cfg_006;
pub mod cfg_007;
pub mod cfg_008;
pub mod cfg_009;
pub mod cfg_010;
pub mod cfg_011;

/// `_config_helpers.yaml.tpl` of a chart, read both ways (once per chart: [`Chart::config_helpers`]).
pub(crate) struct Source<'a> {
    pub ch: &'a ConfigHelpers,
    pub parsed: &'a mako::Parsed,
    /// Every product named in `dependencies`, with how.
    declared: Vec<(String, Kind)>,
}

/// The chart's `_config_helpers.yaml.tpl`; `None` when it is absent or not UTF-8 (CFG-001 says so).
pub(crate) fn read<'a>(chart: &'a Chart) -> Option<Source<'a>> {
    let ch = chart.config_helpers()?;
    let declared = ch
        .declared()
        .iter()
        .map(|d| (d.id.to_string(), d.kind))
        .collect();
    Some(Source {
        ch,
        parsed: &ch.mako,
        declared,
    })
}

impl Source<'_> {
    pub fn path(&self) -> &str {
        &self.ch.path
    }
    pub fn uses(&self) -> Vec<Use<'_>> {
        self.parsed.template.uses()
    }
    /// How `product` is declared in `dependencies`, the strongest first: a service, a member of
    /// a parallel group, an exclusion.
    pub fn declared(&self, product: &str) -> Option<Kind> {
        [Kind::Service, Kind::Parallel, Kind::Exclusion]
            .into_iter()
            .find(|k| {
                self.declared
                    .iter()
                    .any(|(id, kind)| id == product && kind == k)
            })
    }
    /// The other products of the `parallel_services` group(s) that hold `product`.
    pub fn parallel_partners(&self, product: &str) -> Vec<String> {
        let mut out = Vec::new();
        for g in self.ch.parallel_groups() {
            if g.products.iter().any(|d| d.id == product) {
                for d in &g.products {
                    if d.id != product && !out.iter().any(|o| o == d.id) {
                        out.push(d.id.to_string());
                    }
                }
            }
        }
        out
    }
}

/// Methods of Python's `dict`, `str` and `list` (a call of anything else is CFG-003's finding).
pub(crate) const PYTHON_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "copy",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "lower",
    "upper",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "splitlines",
    "join",
    "replace",
    "startswith",
    "endswith",
    "format",
    "title",
    "capitalize",
    "casefold",
    "count",
    "index",
    "find",
    "rfind",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "isdigit",
    "isalpha",
    "isalnum",
    "islower",
    "isupper",
    "isspace",
    "encode",
    "partition",
    "rpartition",
    "swapcase",
    "expandtabs",
    "append",
    "extend",
    "insert",
    "remove",
    "reverse",
    "sort",
    "clear",
];

/// Names Mako itself defines in a template's namespace.
pub(crate) const MAKO_NAMES: &[&str] = &["context", "UNDEFINED", "loop", "caller", "capture"];

/// Whether a bare name cannot be a product ID: product IDs are lowercase words joined by `-`
/// (CHART-001), so a name with `_` or a capital letter is neither a product nor a function.
pub(crate) fn cannot_be_product(name: &str) -> bool {
    !mako::is_function(name)
        && !MAKO_NAMES.contains(&name)
        && name.chars().any(|c| c == '_' || c.is_uppercase())
}

/// A bare name that looks like a misspelt template function (CFG-003 reports it; CFG-006 then
/// leaves it alone).
pub(crate) fn misspelt_function(name: &str) -> Option<&'static str> {
    if mako::is_function(name) {
        return None;
    }
    crate::suggest::nearest(name, mako::FUNCTIONS)
}

/// The keys of a read chain when every step is a literal key: `p['a'].get('b', {})['c']` →
/// `["a", "b", "c"]`. `None` when a step is not a literal string key or `.get`.
pub(crate) fn literal_keys(u: &Use) -> Option<Vec<String>> {
    let mut keys = Vec::new();
    let mut i = 0;
    while i < u.ops.len() {
        match &u.ops[i].kind {
            PostfixKind::Index(k) => keys.push(k.as_str()?.to_string()),
            PostfixKind::Attr { name, .. } if name == "get" => {
                let PostfixKind::Call(args) = &u.ops.get(i + 1)?.kind else {
                    return None;
                };
                keys.push(args.first()?.value.as_str()?.to_string());
                i += 1;
            }
            _ => return None,
        }
        i += 1;
    }
    (!keys.is_empty()).then_some(keys)
}

/// `safe_render('p', '/a/b', default)` for a read chain with literal keys.
pub(crate) fn safe_render_for(u: &Use) -> Option<String> {
    let keys = literal_keys(u)?;
    Some(format!(
        "safe_render('{}', '/{}', default)",
        u.name,
        keys.join("/")
    ))
}

/// The chain rewritten with `.get(key, {})` steps: `p.get('a', {}).get('b', default)`.
pub(crate) fn get_chain_for(u: &Use) -> Option<String> {
    let keys = literal_keys(u)?;
    let mut s = u.name.to_string();
    for (i, k) in keys.iter().enumerate() {
        let default = if i + 1 == keys.len() { "default" } else { "{}" };
        s.push_str(&format!(".get({}, {default})", quote(k)));
    }
    Some(s)
}

/// A Python string literal for `s`.
pub(crate) fn quote(s: &str) -> String {
    mako::Value::str(s).repr()
}

/// Whether an expression is a bare name (another product's config, never a string).
pub(crate) fn is_bare_name(e: &mako::Expr) -> bool {
    matches!(e.kind, ExprKind::Name(_))
}

#[cfg(test)]
mod fixture {
    use crate::rules::tester::{fixture, fixture_places, run};

    /// `tests/fixtures/cfg-mistakes`: three charts that between them trip every CFG rule.
    #[test]
    fn the_cfg_mistakes_fixture() {
        let found = run(&fixture("cfg-mistakes", ""), &Default::default());
        let got = fixture_places("cfg-mistakes", |d| {
            d.severity != crate::diagnostic::Severity::Info
        });
        assert_eq!(
            got,
            [
                "CFG-008 warning cfg-mistakes/_config:3:5",
                "CFG-003 error cfg-mistakes/_config:6:26",
                "CFG-004 error cfg-mistakes/_config:7:41",
                "CFG-006 error cfg-mistakes/_config:10:19",
                "CFG-007 warning cfg-mistakes/_config:10:26",
                // `safe_render` (6.1.1) with `platform_version: 6.0.1`.
                "DEP-010 warning cfg-mistakes/_config:11:15",
                "CFG-004 error cfg-mistakes/_config:11:38",
                "CFG-006 warning cfg-mistakes/_config:13:19",
                "CFG-005 error cfg-mistakes/_config:16:57",
                "CFG-003 error cfg-mistakes/_config:17:14",
                "CFG-002 error cfg-mistakes/_config:21:13",
                "CFG-009 error cfg-mistakes/_config:24:1",
                "CFG-001 error cfg-render/_config:11:18",
                "DEP-010 warning cfg-render/_config:11:20",
                "CFG-008 warning cfg-render/_config:22:7",
                "CFG-001 error cfg-unparsed/_config:3:1",
            ]
        );
        // CFG-010 and CFG-011 are tripped in `tests/fixtures/cfg-mistakes-2`.
        let more = run(&fixture("cfg-mistakes-2", ""), &Default::default());
        let rules: std::collections::BTreeSet<&str> =
            found.iter().chain(&more).map(|d| d.rule).collect();
        for r in crate::rules::ALL
            .iter()
            .filter(|r| r.id.starts_with("CFG-"))
        {
            assert!(rules.contains(r.id), "{} not tripped", r.id);
        }
    }
}
