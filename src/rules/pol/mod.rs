//! POL rules: `templates/_navigation_policy.yaml`, a map from navigation URL to the roles that
//! may see it (§1.1.6.7). Also the helpers the WIZ rules share: the four roles and a small walker
//! over the navigation items (the NAV rules' walker).
pub mod pol_001;
pub mod pol_002;
pub mod pol_003;
pub mod pol_004;

use crate::chart::{Chart, YamlFile};
use crate::yaml::{Entry, Node};

/// The four roles the platform knows (§1.1.6.7). The guide's prose spells the second one
/// `domian_admin`; its policy example and the platform write `domain_admin`.
pub(crate) const ROLES: &[&str] = &["cloud_admin", "domain_admin", "admin", "member"];

/// Help for a role that is not one of [`ROLES`]: the nearest role, and the four.
pub(crate) fn role_help(name: &str) -> crate::diagnostic::Text {
    match crate::suggest::nearest(name, ROLES) {
        Some(near) => crate::text!(
            "did you mean `{near}`? The roles are `cloud_admin`, `domain_admin`, `admin` and `member`",
            "是否应为 `{near}`？角色只能是 `cloud_admin`、`domain_admin`、`admin`、`member`"
        ),
        None => crate::text!(
            "the roles are `cloud_admin`, `domain_admin`, `admin` and `member`",
            "角色只能是 `cloud_admin`、`domain_admin`、`admin`、`member`"
        ),
    }
}

/// One navigation item of `_navigation.yaml`: in `nav`, `top_nav`, or an item's `sub_nav`.
pub(crate) struct NavItem<'a> {
    /// `nav`, `sub_nav` or `top_nav`.
    pub level: &'static str,
    /// The item's key and its value (a map, when well formed).
    pub entry: &'a Entry,
}

impl<'a> NavItem<'a> {
    /// The item's `url`, when a string, with its node.
    pub fn url(&self) -> Option<(&'a str, &'a Node)> {
        let node = self.entry.value.get("url")?;
        Some((node.as_str()?, node))
    }
    /// The item's `proId` when a string, else its key.
    pub fn pro_id(&self) -> String {
        self.entry
            .value
            .get("proId")
            .and_then(Node::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| self.entry.key.key_string())
    }
}

/// Every navigation item (`nav.*`, `top_nav.*` and their `sub_nav.*`), from the shared walker
/// [`crate::rules::nav::items`].
pub(crate) fn nav_items(navigation: &YamlFile) -> Vec<NavItem<'_>> {
    let Some(root) = navigation.root() else {
        return Vec::new();
    };
    crate::rules::nav::items::items(root)
        .into_iter()
        .map(|i| NavItem {
            level: i.level.key(),
            entry: i.entry,
        })
        .collect()
}

/// The navigation file, when it parsed to a map (otherwise NAV-001 speaks).
pub(crate) fn navigation<'c>(chart: &'c Chart) -> Option<&'c YamlFile> {
    crate::rules::nav::items::navigation(chart).map(|(file, _)| file)
}

/// The known URL or ID nearest to `url`: at most 2 edits, or one in ten characters for long
/// ones (URLs and IDs share long prefixes, so the general `nearest` budget would suggest
/// unrelated pages: `mycloud_product_apps` → `mycloud_product_2`).
pub(crate) fn near_url<'k>(url: &str, known: &[&'k str]) -> Option<&'k str> {
    let budget = (url.chars().count() / 10).max(2);
    crate::suggest::nearest_by(url, known, budget, |k| strsim::levenshtein(url, k))
}

/// The policy file and its entries, when it parsed to a map.
pub(crate) fn policy<'c>(chart: &'c Chart) -> Option<(&'c YamlFile, &'c [Entry])> {
    let pol = chart.navigation_policy.as_ref()?;
    let entries = pol.root()?.as_map()?;
    Some((pol, entries))
}

#[cfg(test)]
mod fixture {
    use crate::rules::tester::{fixture, good_project, run};
    use crate::rules::Rule;

    /// The POL and WIZ rules.
    const RULES: [&Rule; 9] = [
        &super::pol_001::RULE,
        &super::pol_002::RULE,
        &super::pol_003::RULE,
        &super::pol_004::RULE,
        &crate::rules::wiz::wiz_001::RULE,
        &crate::rules::wiz::wiz_002::RULE,
        &crate::rules::wiz::wiz_003::RULE,
        &crate::rules::wiz::wiz_004::RULE,
        &crate::rules::wiz::wiz_005::RULE,
    ];

    /// Every POL and WIZ rule reports on the mistakes fixture.
    #[test]
    fn mistakes_fixture_trips_every_rule() {
        let input = fixture("pol-wiz-mistakes", "pol-wiz-mistakes/");
        let found = run(&input, &Default::default());
        for rule in RULES {
            assert!(
                found.iter().any(|d| d.rule == rule.id),
                "{} does not report on tests/fixtures/pol-wiz-mistakes",
                rule.id
            );
        }
    }

    /// The good project is clean for every POL and WIZ rule.
    #[test]
    fn good_project_is_clean() {
        let found = run(&good_project(), &Default::default());
        for rule in RULES {
            let d: Vec<_> = found.iter().filter(|d| d.rule == rule.id).collect();
            assert!(d.is_empty(), "{}: {d:?}", rule.id);
        }
    }
}
