//! WIZ rules: `templates/_wizard.yaml`, the product's first-visit wizard per role (§1.1.6.7):
//! `nav.<role>.<key>` → `order`, `proId`, `title.{en,zh-cn}`,
//! `wizard: [{content.{en,zh-cn}, pics.{en,zh-cn}}]`.
pub mod wiz_001;
pub mod wiz_002;
pub mod wiz_003;
pub mod wiz_004;
pub mod wiz_005;

use crate::chart::{Chart, YamlFile};
use crate::yaml::Entry;

/// The wizard file and the entries of its `nav` map (the roles), when it has that shape
/// (otherwise WIZ-001 speaks).
pub(crate) fn roles<'c>(chart: &'c Chart) -> Option<(&'c YamlFile, &'c [Entry])> {
    let file = chart.wizard.as_ref()?;
    let roles = file.root()?.get("nav")?.as_map()?;
    Some((file, roles))
}

/// One wizard entry: `nav.<role>.<key>`, when both the role and the entry are maps.
pub(crate) struct WizEntry<'a> {
    pub role: &'a Entry,
    pub entry: &'a Entry,
}

/// Every well-shaped wizard entry, role by role, in file order.
pub(crate) fn entries(roles: &[Entry]) -> Vec<WizEntry<'_>> {
    roles
        .iter()
        .flat_map(|role| {
            role.value
                .as_map()
                .unwrap_or_default()
                .iter()
                .filter(|e| e.value.as_map().is_some())
                .map(move |entry| WizEntry { role, entry })
        })
        .collect()
}
