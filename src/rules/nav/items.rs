//! Walking the items of `templates/_navigation.yaml` (§1.1.6.7), for the NAV rules, the POL/WIZ
//! rules and the navigation previews.
//!
//! The file is a map: `category`, `name`, `nav` (the left navigation: a map from item key to
//! item), optional `top_nav` (the top navigation, items as in `nav`); any item may hold a
//! `sub_nav` (a second level, items as in `nav`). [`groups`] gives each map of items (one
//! "level": `nav`, `top_nav`, one item's `sub_nav`) with its key node, and [`items`] every item
//! in document order (a `nav` item, then its `sub_nav` items, then the next `nav` item; then
//! `top_nav` the same way). Items whose value is not a map are included: their field accessors
//! return `None` (NAV-002 reports them).
//!
//! Public for other modules: `navigation(chart)` gives the parsed file and its root map only when
//! it parsed (no syntax error) and its top level is a map.

use crate::chart::{Chart, YamlFile};
use crate::yaml::{Entry, Node};

/// Which list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// `nav`: the left navigation.
    Nav,
    /// `sub_nav` of an item: the left navigation's second level.
    SubNav,
    /// `top_nav`: the top navigation.
    TopNav,
}

impl Level {
    /// The YAML key of the list (`nav`, `sub_nav`, `top_nav`).
    pub fn key(self) -> &'static str {
        match self {
            Level::Nav => "nav",
            Level::SubNav => "sub_nav",
            Level::TopNav => "top_nav",
        }
    }
}

/// One navigation item: its key and value node, where it sits.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub level: Level,
    /// For a `sub_nav` item, the item holding the `sub_nav`.
    pub parent: Option<&'a Entry>,
    /// The item's key (`overview:`) and value (the item's map).
    pub entry: &'a Entry,
}

impl<'a> Item<'a> {
    /// The item's key, as Helm names it.
    pub fn key(&self) -> String {
        self.entry.key.key_string()
    }
    /// The item's value node (a map when well formed).
    pub fn node(&self) -> &'a Node {
        &self.entry.value
    }
    /// A field of the item.
    pub fn get(&self, field: &str) -> Option<&'a Node> {
        self.entry.value.get(field)
    }
    /// A field of the item with its key node.
    pub fn field(&self, field: &str) -> Option<&'a Entry> {
        self.entry.value.entry(field)
    }
    /// A field that is a string.
    pub fn str(&self, field: &str) -> Option<&'a str> {
        self.get(field)?.as_str()
    }
    /// `proId` when it is a string.
    pub fn pro_id(&self) -> Option<&'a str> {
        self.str("proId")
    }
    /// `url` when it is a string.
    pub fn url(&self) -> Option<&'a str> {
        self.str("url")
    }
    /// `order` when it is an integer.
    pub fn order(&self) -> Option<i64> {
        match self.get("order")?.as_scalar()?.value {
            crate::yaml::Value::Int(i) => Some(i),
            _ => None,
        }
    }
    /// `available`/`wizard` and other boolean fields, when booleans.
    pub fn bool(&self, field: &str) -> Option<bool> {
        match self.get(field)?.as_scalar()?.value {
            crate::yaml::Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    /// `name.<lang>` (`en`, `zh-cn`) when a string.
    pub fn name(&self, lang: &str) -> Option<&'a str> {
        self.get("name")?.get(lang)?.as_str()
    }
    /// The item's `sub_nav` entry, if any.
    pub fn sub_nav(&self) -> Option<&'a Entry> {
        self.field("sub_nav")
    }
    /// A dotted path for messages: `nav.overview`, `nav.overview.sub_nav.detail`, `top_nav.home`.
    pub fn path(&self) -> String {
        match (self.level, self.parent) {
            (Level::SubNav, Some(p)) => {
                // The parent may itself be a top_nav item; its level is not kept, the key is enough.
                format!("{}.sub_nav.{}", p.key.key_string(), self.key())
            }
            (level, _) => format!("{}.{}", level.key(), self.key()),
        }
    }
}

/// The items of one level: `nav`, `top_nav`, or one item's `sub_nav`.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub level: Level,
    /// For a `sub_nav`, the item holding it.
    pub parent: Option<&'a Entry>,
    /// The `nav:` / `top_nav:` / `sub_nav:` entry itself (its value is a map when well formed).
    pub entry: &'a Entry,
    pub items: Vec<Item<'a>>,
}

/// `_navigation.yaml` and its root map, when the file parsed and its top level is a map.
pub fn navigation<'c>(chart: &'c Chart) -> Option<(&'c YamlFile, &'c Node)> {
    let file = chart.navigation.as_ref()?;
    if file.yaml.syntax_error().is_some() {
        return None;
    }
    let root = file.root()?;
    root.as_map()?;
    Some((file, root))
}

fn group<'a>(level: Level, parent: Option<&'a Entry>, entry: &'a Entry) -> Group<'a> {
    let items = entry
        .value
        .as_map()
        .unwrap_or_default()
        .iter()
        .map(|e| Item {
            level,
            parent,
            entry: e,
        })
        .collect();
    Group {
        level,
        parent,
        entry,
        items,
    }
}

/// Every level of items, in document order: `nav`, the `sub_nav`s of its items, `top_nav`, the
/// `sub_nav`s of its items. A level whose value is not a map has no items.
pub fn groups(root: &Node) -> Vec<Group<'_>> {
    let mut out = Vec::new();
    for (level, key) in [(Level::Nav, "nav"), (Level::TopNav, "top_nav")] {
        let Some(entry) = root.entry(key) else {
            continue;
        };
        let g = group(level, None, entry);
        let subs: Vec<Group> = g
            .items
            .iter()
            .filter_map(|i| Some(group(Level::SubNav, Some(i.entry), i.sub_nav()?)))
            .collect();
        out.push(g);
        out.extend(subs);
    }
    out
}

/// Every item, in document order (`nav` items each followed by their `sub_nav` items, then
/// `top_nav` the same way).
pub fn items(root: &Node) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for key in ["nav", "top_nav"] {
        let level = if key == "nav" {
            Level::Nav
        } else {
            Level::TopNav
        };
        let Some(entry) = root.entry(key) else {
            continue;
        };
        for item in group(level, None, entry).items {
            out.push(item);
            if let Some(sub) = item.sub_nav() {
                out.extend(group(Level::SubNav, Some(item.entry), sub).items);
            }
        }
    }
    out
}

/// Every item of a chart's `_navigation.yaml` (empty when it does not parse).
pub fn chart_items<'c>(chart: &'c Chart) -> Vec<Item<'c>> {
    navigation(chart)
        .map(|(_, root)| items(root))
        .unwrap_or_default()
}

/// Test support for the NAV, CAT and I18N rules (the shared helper, under its local name).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, YamlLimits};

    const NAV: &str = "\
category: c
name: {en: A, zh-cn: 甲}
nav:
  a:
    proId: a
    sub_nav:
      a1: {proId: a1}
      a2: {proId: a2}
  b: {proId: b}
top_nav:
  t: {proId: t}
";

    #[test]
    fn items_in_document_order() {
        let y = parse(NAV, YamlLimits::default());
        let root = y.root().unwrap();
        let all: Vec<(Level, String, String)> = items(root)
            .iter()
            .map(|i| (i.level, i.key(), i.path()))
            .collect();
        assert_eq!(
            all,
            vec![
                (Level::Nav, "a".into(), "nav.a".into()),
                (Level::SubNav, "a1".into(), "a.sub_nav.a1".into()),
                (Level::SubNav, "a2".into(), "a.sub_nav.a2".into()),
                (Level::Nav, "b".into(), "nav.b".into()),
                (Level::TopNav, "t".into(), "top_nav.t".into()),
            ]
        );
        assert_eq!(items(root)[1].parent.unwrap().key.key_string(), "a");
        assert_eq!(items(root)[4].pro_id(), Some("t"));
    }

    #[test]
    fn groups_per_level() {
        let y = parse(NAV, YamlLimits::default());
        let g = groups(y.root().unwrap());
        let shape: Vec<(Level, usize)> = g.iter().map(|g| (g.level, g.items.len())).collect();
        assert_eq!(
            shape,
            vec![(Level::Nav, 2), (Level::SubNav, 2), (Level::TopNav, 1)]
        );
    }

    #[test]
    fn not_maps_have_no_items() {
        let y = parse("nav: [a, b]\ntop_nav:\n", YamlLimits::default());
        assert!(items(y.root().unwrap()).is_empty());
    }
}
