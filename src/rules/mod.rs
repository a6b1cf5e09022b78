//! The rule registry: one file per rule, grouped by the guide's sections.
//!
//! A rule file declares itself with [`declare_rule!`]: its doc comment *is* its documentation
//! (what the page, `ecplint rule ID` and the README show), and its `check` function reads one
//! chart and reports findings. The table [`ALL`] lists every rule once.

pub mod acl;
pub mod cat;
pub mod cfg;
pub mod chart;
pub mod dep;
pub mod helm;
pub mod hook;
pub mod i18n;
pub mod input;
pub mod layout;
pub mod nav;
pub mod pol;
pub mod res;
pub mod wiz;

#[cfg(test)]
mod doc_examples;

use crate::chart::Chart;
use crate::diagnostic::{Diagnostic, Range, Severity, Text};

/// The guide's sections, as rule groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Input,
    Layout,
    Chart,
    Acl,
    Res,
    Cfg,
    Dep,
    Hook,
    Nav,
    Cat,
    Pol,
    Wiz,
    I18n,
    Helm,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Input => "INPUT",
            Group::Layout => "LAYOUT",
            Group::Chart => "CHART",
            Group::Acl => "ACL",
            Group::Res => "RES",
            Group::Cfg => "CFG",
            Group::Dep => "DEP",
            Group::Hook => "HOOK",
            Group::Nav => "NAV",
            Group::Cat => "CAT",
            Group::Pol => "POL",
            Group::Wiz => "WIZ",
            Group::I18n => "I18N",
            Group::Helm => "HELM",
        }
    }
}

/// What a rule is, independent of any chart.
pub struct Rule {
    pub id: &'static str,
    pub group: Group,
    pub severity: Severity,
    pub title_en: &'static str,
    pub title_zh: &'static str,
    /// Markdown, from the rule file's doc comment.
    pub docs: &'static str,
    /// The guide section (`§1.1.6.2`).
    pub section: &'static str,
    /// Reads one chart. `None` for rules raised elsewhere (input reading, chart discovery).
    pub check: Option<fn(&Chart, &mut Findings)>,
}

/// Declare a rule: `declare_rule! { /// docs... RULE = "ID", Group, Severity, "§", "title", "标题", check }`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $id:literal, $group:ident, $severity:ident, $section:literal,
        $title_en:literal, $title_zh:literal, $check:expr $(,)?
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            group: $crate::rules::Group::$group,
            severity: $crate::diagnostic::Severity::$severity,
            title_en: $title_en,
            title_zh: $title_zh,
            // Kept out of the wasm (size): the page reads the docs from `pkg/rules.json`, which
            // the build writes with `ecplint rules --format json`.
            docs: if cfg!(target_arch = "wasm32") { "" } else { concat!($($doc, "\n"),*) },
            section: $section,
            check: $check,
        };
    };
}

/// Every rule, in catalog order.
pub static ALL: &[&Rule] = &[
    &input::input_001::RULE,
    &layout::layout_001::RULE,
    &layout::layout_002::RULE,
    &layout::layout_003::RULE,
    &layout::layout_004::RULE,
    &layout::layout_005::RULE,
    &layout::layout_006::RULE,
    &chart::chart_001::RULE,
    &chart::chart_002::RULE,
    &chart::chart_003::RULE,
    &chart::chart_004::RULE,
    &chart::chart_005::RULE,
    &chart::chart_006::RULE,
    &chart::chart_007::RULE,
    &chart::chart_008::RULE,
    &chart::chart_009::RULE,
    &acl::acl_001::RULE,
    &acl::acl_002::RULE,
    &acl::acl_003::RULE,
    &acl::acl_004::RULE,
    &acl::acl_005::RULE,
    &acl::acl_006::RULE,
    &acl::acl_007::RULE,
    &res::res_001::RULE,
    &res::res_002::RULE,
    &res::res_003::RULE,
    &res::res_004::RULE,
    &res::res_005::RULE,
    &res::res_006::RULE,
    &res::res_007::RULE,
    &res::res_008::RULE,
    &dep::dep_001::RULE,
    &dep::dep_002::RULE,
    &dep::dep_003::RULE,
    &dep::dep_004::RULE,
    &dep::dep_005::RULE,
    &dep::dep_006::RULE,
    &dep::dep_007::RULE,
    &dep::dep_008::RULE,
    &hook::hook_001::RULE,
    &hook::hook_002::RULE,
    &hook::hook_003::RULE,
    &hook::hook_004::RULE,
    &hook::hook_005::RULE,
    &hook::hook_006::RULE,
    &hook::hook_007::RULE,
    &hook::hook_008::RULE,
    &nav::nav_001::RULE,
    &nav::nav_002::RULE,
    &nav::nav_003::RULE,
    &nav::nav_004::RULE,
    &nav::nav_005::RULE,
    &nav::nav_006::RULE,
    &nav::nav_007::RULE,
    &nav::nav_008::RULE,
    &cat::cat_001::RULE,
    &i18n::i18n_001::RULE,
    &i18n::i18n_002::RULE,
    &pol::pol_001::RULE,
    &pol::pol_002::RULE,
    &pol::pol_003::RULE,
    &pol::pol_004::RULE,
    &wiz::wiz_001::RULE,
    &wiz::wiz_002::RULE,
    &wiz::wiz_003::RULE,
    &wiz::wiz_004::RULE,
    &wiz::wiz_005::RULE,
    &cfg::cfg_001::RULE,
    &cfg::cfg_002::RULE,
    &cfg::cfg_003::RULE,
    &cfg::cfg_004::RULE,
    &cfg::cfg_005::RULE,
    &cfg::cfg_006::RULE,
    &cfg::cfg_007::RULE,
    &cfg::cfg_008::RULE,
    &cfg::cfg_009::RULE,
    &helm::helm_001::RULE,
    &helm::helm_003::RULE,
    &helm::helm_004::RULE,
];

/// Look a rule up by ID, case-insensitively.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id.eq_ignore_ascii_case(id))
}

/// Where one rule puts its findings while it checks one chart.
pub struct Findings {
    rule: &'static Rule,
    chart: Option<String>,
    pub(crate) out: Vec<Diagnostic>,
}

impl Findings {
    pub fn new(rule: &'static Rule, chart: Option<String>) -> Findings {
        Findings {
            rule,
            chart,
            out: Vec::new(),
        }
    }

    /// Report a finding in `file` at `range`, with the rule's default severity.
    pub fn report(&mut self, file: &str, range: Option<Range>, message: Text) -> &mut Diagnostic {
        let mut d = Diagnostic::new(self.rule.id, self.rule.severity, message).in_file(file);
        d.range = range;
        d.chart = self.chart.clone();
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}

impl Diagnostic {
    /// Set the help text of a finding being reported.
    pub fn help(&mut self, help: Text) -> &mut Diagnostic {
        self.help = Some(help);
        self
    }
    /// Override the rule's default severity for this finding.
    pub fn severity(&mut self, severity: Severity) -> &mut Diagnostic {
        self.severity = severity;
        self
    }
}

/// The known word nearest to `word` (Levenshtein distance ≤ 1/3 of its length, at least 2),
/// for "did you mean" suggestions.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let budget = (word.chars().count() / 3).max(2);
    known
        .iter()
        .map(|k| {
            (
                strsim::levenshtein(&word.to_lowercase(), &k.to_lowercase()),
                *k,
            )
        })
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
