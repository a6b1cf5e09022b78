//! The rule registry: one file per rule, grouped by the guide's sections.
//!
//! A rule file declares itself with [`declare_rule!`]: its doc comment *is* its documentation
//! (what the page, `ecplint rule ID` and the README show), and its `check` function reads one
//! [`Scope`] — an input, a project, a chart, the catalog of a run, or two versions of a product —
//! and reports findings. The table [`ALL`] lists every rule once; [`run`] runs them.

pub mod acl;
pub mod cat;
pub mod cfg;
pub mod chart;
pub mod dep;
pub mod ha;
pub mod helm;
pub mod hook;
pub mod i18n;
pub mod img;
pub mod ing;
pub mod input;
pub mod job;
pub mod k8s;
pub mod layout;
pub mod nav;
pub mod pol;
pub mod pvc;
pub mod res;
pub mod svc;
pub mod wiz;

#[cfg(test)]
mod doc_examples;
#[cfg(test)]
mod helm_oracle;
pub mod project_config;
pub mod run;
mod scope;
pub mod suppress;
#[cfg(test)]
pub(crate) mod tester;

pub use scope::{InputScope, ManifestScope, ProjectScope, Scope, UpgradeScope};

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
    Ha,
    Pvc,
    Svc,
    Ing,
    Job,
    Img,
    K8s,
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
            Group::Ha => "HA",
            Group::Pvc => "PVC",
            Group::Svc => "SVC",
            Group::Ing => "ING",
            Group::Job => "JOB",
            Group::Img => "IMG",
            Group::K8s => "K8S",
        }
    }
}

/// What a rule is, independent of any chart.
pub struct Rule {
    pub id: &'static str,
    pub group: Group,
    /// The default severity: what a finding gets unless the rule says otherwise for its case.
    pub severity: Severity,
    /// Every severity the rule's findings can have, the default first; a rule whose severity
    /// depends on the case declares them all (`Warning | Error` in [`declare_rule!`]) and its
    /// documentation says which case gets which. The tests check that no finding leaves this list.
    pub severities: &'static [Severity],
    pub title_en: &'static str,
    pub title_zh: &'static str,
    /// Markdown, from the rule file's doc comment.
    pub docs: &'static str,
    /// The guide section (`§1.1.6.2`).
    pub section: &'static str,
    /// What the rule reads, and its check.
    pub check: Check,
}

impl Rule {
    pub fn scope(&self) -> Scope {
        self.check.scope()
    }

    /// Every severity the rule's findings can have, strongest first (`[Error, Warning, Info]`).
    pub fn severities_by_strength(&self) -> Vec<Severity> {
        let mut all: Vec<Severity> = self.severities.to_vec();
        all.push(self.severity);
        slim_sort::sort(&mut all);
        all.dedup();
        all
    }

    /// True when the severity depends on the case (more than one severity is possible).
    pub fn severity_varies(&self) -> bool {
        self.severities_by_strength().len() > 1
    }
}

/// A rule's check, by the scope it reads. Findings go to the input the scope belongs to (for an
/// upgrade, the new version's input; for the catalog, `out[i]` is input `i`'s).
#[derive(Clone, Copy)]
pub enum Check {
    /// One input: what was read and every chart found in it.
    Input(fn(&InputScope, &mut Findings)),
    /// One ECP project (`Makefile`, `chart/*/`, `hook/`), once, whatever number of charts it holds.
    Project(fn(&ProjectScope, &mut Findings)),
    /// One chart.
    Chart(fn(&Chart, &mut Findings)),
    /// One chart's rendered manifests (with the chart's own files).
    Manifests(fn(&ManifestScope, &mut Findings)),
    /// Every input of a run together (a catalog of products).
    Catalog(fn(&[InputScope], &mut [Findings])),
    /// Two versions of one product: the one installed and its upgrade.
    Upgrade(fn(&UpgradeScope, &mut Findings)),
}

impl Check {
    /// The check of a chart-scope rule (benchmarks time rules one chart at a time).
    pub fn chart(self) -> Option<fn(&Chart, &mut Findings)> {
        match self {
            Check::Chart(check) => Some(check),
            _ => None,
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Check::Input(_) => Scope::Input,
            Check::Project(_) => Scope::Project,
            Check::Chart(_) => Scope::Chart,
            Check::Manifests(_) => Scope::Manifests,
            Check::Catalog(_) => Scope::Catalog,
            Check::Upgrade(_) => Scope::Upgrade,
        }
    }
}

/// Declare a rule: `declare_rule! { /// docs... RULE = "ID", Group, Severity, "§", "title", "标题", Scope(check) }`,
/// where `Scope` is `Input`, `Project`, `Chart`, `Manifests`, `Catalog` or `Upgrade` (see [`Check`]). A rule
/// whose findings can have other severities than the default lists them after it, the default
/// first: `RULE = "HELM-003", Helm, Warning | Error, "§…", …` (see [`Rule::severities`]).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $id:literal, $group:ident, $severity:ident $(| $also:ident)*, $section:literal,
        $title_en:literal, $title_zh:literal, $scope:ident($check:expr) $(,)?
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            group: $crate::rules::Group::$group,
            severity: $crate::diagnostic::Severity::$severity,
            severities: &[
                $crate::diagnostic::Severity::$severity
                $(, $crate::diagnostic::Severity::$also)*
            ],
            title_en: $title_en,
            title_zh: $title_zh,
            // Kept out of the wasm (size): the build writes them with `ecplint rules --format
            // json` to `pkg/rules.json`, and as HTML to `pkg/rule-docs.json`, which the page reads.
            docs: if cfg!(target_arch = "wasm32") { "" } else { concat!($($doc, "\n"),*) },
            section: $section,
            check: $crate::rules::Check::$scope($check),
        };
    };
}

/// Every rule, in catalog order.
pub static ALL: &[&Rule] = &[
    &input::input_001::RULE,
    &input::input_002::RULE,
    &input::input_003::RULE,
    &layout::layout_001::RULE,
    &layout::layout_002::RULE,
    &layout::layout_003::RULE,
    &layout::layout_004::RULE,
    &layout::layout_005::RULE,
    &layout::layout_006::RULE,
    &layout::layout_007::RULE,
    &layout::layout_008::RULE,
    &layout::layout_009::RULE,
    &chart::chart_001::RULE,
    &chart::chart_002::RULE,
    &chart::chart_003::RULE,
    &chart::chart_004::RULE,
    &chart::chart_005::RULE,
    &chart::chart_006::RULE,
    &chart::chart_007::RULE,
    &chart::chart_008::RULE,
    &chart::chart_009::RULE,
    &chart::chart_010::RULE,
    &chart::chart_011::RULE,
    &chart::chart_012::RULE,
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
    &res::res_009::RULE,
    &dep::dep_001::RULE,
    &dep::dep_002::RULE,
    &dep::dep_003::RULE,
    &dep::dep_004::RULE,
    &dep::dep_005::RULE,
    &dep::dep_006::RULE,
    &dep::dep_007::RULE,
    &dep::dep_008::RULE,
    &dep::dep_009::RULE,
    &dep::dep_010::RULE,
    &hook::hook_001::RULE,
    &hook::hook_002::RULE,
    &hook::hook_003::RULE,
    &hook::hook_004::RULE,
    &hook::hook_005::RULE,
    &hook::hook_006::RULE,
    &hook::hook_007::RULE,
    &hook::hook_008::RULE,
    &hook::hook_009::RULE,
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
    &i18n::i18n_003::RULE,
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
    &cfg::cfg_010::RULE,
    &cfg::cfg_011::RULE,
    &ha::ha_001::RULE,
    &ha::ha_002::RULE,
    &ha::ha_003::RULE,
    &ha::ha_004::RULE,
    &pvc::pvc_001::RULE,
    &pvc::pvc_002::RULE,
    &pvc::pvc_003::RULE,
    &svc::svc_001::RULE,
    &svc::svc_002::RULE,
    &ing::ing_001::RULE,
    &ing::ing_002::RULE,
    &ing::ing_003::RULE,
    &ing::ing_004::RULE,
    &job::job_001::RULE,
    &job::job_002::RULE,
    &job::job_003::RULE,
    &job::job_004::RULE,
    &job::job_005::RULE,
    &img::img_001::RULE,
    &img::img_002::RULE,
    &helm::helm_001::RULE,
    &helm::helm_002::RULE,
    &helm::helm_003::RULE,
    &helm::helm_004::RULE,
    &helm::helm_005::RULE,
    &helm::helm_006::RULE,
    &helm::helm_007::RULE,
    &helm::helm_008::RULE,
    &helm::helm_009::RULE,
    &helm::helm_010::RULE,
    &helm::helm_011::RULE,
    &k8s::k8s_001::RULE,
    &k8s::k8s_002::RULE,
    &k8s::k8s_003::RULE,
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

    /// The chart findings are about from now on (`None`: the input or the run as a whole).
    pub fn set_chart(&mut self, chart: Option<String>) {
        self.chart = chart;
    }

    /// Report a finding in `file` at `range`, with the rule's default severity.
    pub fn report(&mut self, file: &str, range: Option<Range>, message: Text) -> &mut Diagnostic {
        let mut d = Diagnostic::new(self.rule.id, self.rule.severity, message).in_file(file);
        d.range = range;
        d.chart = self.chart.clone();
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    /// Report a finding about the input as a whole (no file).
    pub fn report_input(&mut self, message: Text) -> &mut Diagnostic {
        let mut d = Diagnostic::new(self.rule.id, self.rule.severity, message);
        d.chart = self.chart.clone();
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    /// Pass on a finding made elsewhere (by the input reader).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
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

/// The CLI names rules and commands with it too.
pub use crate::suggest::nearest;
