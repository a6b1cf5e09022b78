//! The navigation preview (issue 4, guide §1.1.6.7): what the ECP console shows of one or more
//! products, per role and language, read from `_navigation.yaml`, `_category.yaml`,
//! `_navigation_policy.yaml` and `_wizard.yaml`.
//!
//! [`Console::add_chart`] reads a chart into the model (never failing: what is missing or of the
//! wrong type is left out, the NAV/POL/WIZ rules say why); [`Console::view`] filters it for one
//! [`View`]; [`render`] turns that into escaped HTML (a chart is untrusted: every string it gives
//! is escaped, no URL of it becomes a live link, nothing external is loaded). `charts[].navigation`
//! of the report is [`NavigationReport`].

pub mod render;
#[cfg(test)]
mod tests;

use crate::chart::Chart;
use crate::diagnostic::Lang;
use crate::input::Input;
use crate::yaml::{Node, Value};
use serde::Serialize;
use std::collections::BTreeMap;

pub use render::{render_document, render_fragment, Pictures, Styles};

/// The four roles of the guide, in the order the console lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    CloudAdmin,
    DomainAdmin,
    Admin,
    Member,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::CloudAdmin,
        Role::DomainAdmin,
        Role::Admin,
        Role::Member,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::CloudAdmin => "cloud_admin",
            Role::DomainAdmin => "domain_admin",
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }
    /// A role name as written in a policy or wizard file. The guide's prose spells
    /// `domian_admin`: the platform knows no such role, so the preview grants it nothing (POL-001
    /// reports it, with "did you mean domain_admin").
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "cloud_admin" => Some(Role::CloudAdmin),
            "domain_admin" => Some(Role::DomainAdmin),
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            _ => None,
        }
    }
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::CloudAdmin, Lang::En) => "Cloud admin",
            (Role::CloudAdmin, Lang::Zh) => "云管理员",
            (Role::DomainAdmin, Lang::En) => "Domain admin",
            (Role::DomainAdmin, Lang::Zh) => "部门管理员",
            (Role::Admin, Lang::En) => "Project admin",
            (Role::Admin, Lang::Zh) => "项目管理员",
            (Role::Member, Lang::En) => "Member",
            (Role::Member, Lang::Zh) => "普通用户",
        }
    }
}

/// What the preview shows: the console of one role, or the author's view of every item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Role(Role),
    Author,
}

impl View {
    pub fn parse(s: &str) -> Option<View> {
        match s.trim() {
            "author" | "all" => Some(View::Author),
            other => Role::parse(other).map(View::Role),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            View::Role(r) => r.as_str(),
            View::Author => "author",
        }
    }
}

/// An `{en, zh-cn}` text; either may be missing (I18N-001 says so).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct I18n {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(rename = "zh-cn", skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

impl I18n {
    fn read(node: Option<&Node>) -> I18n {
        let get = |k: &str| node.and_then(|n| n.get(k)).and_then(scalar_text);
        I18n {
            en: get("en"),
            zh: get("zh-cn").or_else(|| get("zh_cn")).or_else(|| get("zh")),
        }
    }
    /// The text in `lang`, else the other language's.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let (first, second) = match lang {
            Lang::En => (&self.en, &self.zh),
            Lang::Zh => (&self.zh, &self.en),
        };
        first.as_deref().or(second.as_deref())
    }
}

/// A scalar's text whatever its resolved type (a name `1.0` or `true` is still shown).
fn scalar_text(node: &Node) -> Option<String> {
    let s = node.as_scalar()?;
    (s.value != Value::Null).then(|| s.text.clone())
}

fn int(node: Option<&Node>) -> Option<i64> {
    match node?.as_scalar()?.value {
        Value::Int(i) => Some(i),
        Value::Float(f) if f.is_finite() => Some(f as i64),
        Value::Str => node?.as_str()?.trim().parse().ok(),
        _ => None,
    }
}

fn boolean(node: Option<&Node>) -> Option<bool> {
    match node?.as_scalar()?.value {
        Value::Bool(b) => Some(b),
        Value::Str => match node?.as_str()?.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Where an item sits in `_navigation.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Nav,
    SubNav,
    TopNav,
}

/// One navigation item (`nav.<key>`, `nav.<key>.sub_nav.<key>` or `top_nav.<key>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub key: String,
    pub pro_id: Option<String>,
    pub name: I18n,
    pub url: Option<String>,
    pub icon: Option<String>,
    pub order: Option<i64>,
    /// `available: false` hides the item everywhere (absent counts as available).
    pub available: bool,
    pub wizard: bool,
    /// The item's own `category`, else the file's.
    pub category: String,
    /// `layout: outer`: the console opens the page in a new tab.
    pub outer: bool,
    /// Any other `layout` value, shown as written.
    pub layout: Option<String>,
    pub sub: Vec<Item>,
}

/// A category of the left navigation (`_category.yaml`, or known to the platform).
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub name: I18n,
    pub icon: Option<String>,
    pub order: Option<i64>,
}

/// One page of a wizard entry.
#[derive(Debug, Clone, PartialEq)]
pub struct WizardStep {
    pub content: I18n,
    /// Picture paths as written, per language.
    pub pics: I18n,
    /// The archive file each picture resolves to (the first whose path ends with it).
    pub pic_files: (Option<String>, Option<String>),
}

impl WizardStep {
    /// The picture path as written and the input file it resolves to, in `lang`.
    pub fn picture(&self, lang: Lang) -> (Option<&str>, Option<&str>) {
        let (written, file) = match lang {
            Lang::En => (&self.pics.en, &self.pic_files.0),
            Lang::Zh => (&self.pics.zh, &self.pic_files.1),
        };
        (written.as_deref(), file.as_deref())
    }
}

/// `nav.<role>.<key>` of `_wizard.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct WizardEntry {
    pub key: String,
    pub order: Option<i64>,
    pub pro_id: Option<String>,
    pub title: I18n,
    pub steps: Vec<WizardStep>,
}

/// One product (chart) of the console.
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// Chart name (product ID).
    pub chart: String,
    /// Which input of the run it comes from (for picture bytes).
    pub input: usize,
    pub name: I18n,
    pub category: String,
    pub nav: Vec<Item>,
    /// `top_nav` as written; empty when absent.
    pub top_nav: Vec<Item>,
    /// URL → the roles `_navigation_policy.yaml` grants it (unknown role names dropped).
    pub policy: BTreeMap<String, Vec<Role>>,
    pub has_policy_file: bool,
    pub wizard: BTreeMap<Role, Vec<WizardEntry>>,
}

/// Categories the platform is known to have (the guide names these two in §1.1.6.7); a chart's
/// `_category.yaml` overrides them.
const PLATFORM_CATEGORIES: &[(&str, &str, &str)] = &[
    ("security", "Identity & Access Management", "身份与访问管理"),
    ("network", "Network", "网络"),
];

/// Every product of a run: one console.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Console {
    pub products: Vec<Product>,
    pub categories: Vec<Category>,
}

impl Console {
    /// Every wizard picture that resolves to a file: `(input index, path)`, each once.
    pub fn picture_files(&self) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for p in &self.products {
            for step in p.wizard.values().flatten().flat_map(|e| &e.steps) {
                for f in [&step.pic_files.0, &step.pic_files.1].into_iter().flatten() {
                    if !out.iter().any(|(i, o)| *i == p.input && o == f) {
                        out.push((p.input, f.clone()));
                    }
                }
            }
        }
        out
    }

    /// The console of the given charts (`(input index, chart)`).
    pub fn of<'a, 'c: 'a>(charts: impl IntoIterator<Item = (usize, &'a Chart<'c>)>) -> Console {
        let mut console = Console::default();
        for (i, c) in charts {
            console.add_chart(i, c);
        }
        console
    }

    /// Add a chart's navigation, if it has a `_navigation.yaml` (and its categories).
    pub fn add_chart(&mut self, input: usize, chart: &Chart) {
        if let Some(root) = chart.category.as_ref().and_then(|f| f.root()) {
            for e in root.as_map().unwrap_or_default() {
                let id = e.key.key_string();
                let cat = Category {
                    id: id.clone(),
                    name: I18n::read(e.value.get("name")),
                    icon: e.value.get("icon").and_then(scalar_text),
                    order: int(e.value.get("dynamicNumber")),
                };
                match self.categories.iter_mut().find(|c| c.id == id) {
                    Some(c) => *c = cat,
                    None => self.categories.push(cat),
                }
            }
        }
        if let Some(p) = Product::read(input, chart) {
            self.products.push(p);
        }
    }

    /// A category by id: from a chart, else known to the platform, else its id alone.
    pub fn category(&self, id: &str) -> Category {
        if let Some(c) = self.categories.iter().find(|c| c.id == id) {
            return c.clone();
        }
        let name = PLATFORM_CATEGORIES
            .iter()
            .find(|(k, _, _)| *k == id)
            .map(|(_, en, zh)| I18n {
                en: Some(en.to_string()),
                zh: Some(zh.to_string()),
            })
            .unwrap_or_default();
        Category {
            id: id.to_string(),
            name,
            icon: None,
            order: None,
        }
    }
}

fn read_items(node: Option<&Node>, default_category: &str, sub_level: bool) -> Vec<Item> {
    let Some(entries) = node.and_then(Node::as_map) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| e.value.as_map().is_some())
        .map(|e| {
            let v = &e.value;
            let category = v
                .get("category")
                .and_then(scalar_text)
                .unwrap_or_else(|| default_category.to_string());
            let layout = v.get("layout").and_then(scalar_text);
            Item {
                key: e.key.key_string(),
                pro_id: v.get("proId").and_then(scalar_text),
                name: I18n::read(v.get("name")),
                url: v.get("url").and_then(scalar_text),
                icon: v.get("icon").and_then(scalar_text),
                order: int(v.get("order")),
                available: boolean(v.get("available")) != Some(false),
                wizard: boolean(v.get("wizard")) == Some(true),
                outer: layout.as_deref() == Some("outer"),
                layout: layout.filter(|l| l != "outer"),
                sub: if sub_level {
                    Vec::new()
                } else {
                    read_items(v.get("sub_nav"), &category, true)
                },
                category,
            }
        })
        .collect()
}

impl Product {
    fn read(input: usize, chart: &Chart) -> Option<Product> {
        let root = chart.navigation.as_ref()?.root()?;
        root.as_map()?;
        let category = root
            .get("category")
            .and_then(scalar_text)
            .unwrap_or_default();
        let mut policy: BTreeMap<String, Vec<Role>> = BTreeMap::new();
        let policy_root = chart.navigation_policy.as_ref().and_then(|f| f.root());
        for e in policy_root.and_then(Node::as_map).unwrap_or_default() {
            let roles = policy.entry(e.key.key_string()).or_default();
            for r in e.value.as_seq().unwrap_or_default() {
                if let Some(role) = r.as_str().and_then(Role::parse) {
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
            }
        }
        let mut wizard: BTreeMap<Role, Vec<WizardEntry>> = BTreeMap::new();
        let wiz_nav = chart
            .wizard
            .as_ref()
            .and_then(|f| f.root())
            .and_then(|r| r.get("nav"));
        for role_entry in wiz_nav.and_then(Node::as_map).unwrap_or_default() {
            let Some(role) = role_entry.key.as_str().and_then(Role::parse) else {
                continue;
            };
            let entries = wizard.entry(role).or_default();
            for e in role_entry.value.as_map().unwrap_or_default() {
                let v = &e.value;
                let steps = v
                    .get("wizard")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .map(|s| {
                        let pics = I18n::read(s.get("pics"));
                        let pic_files = (
                            pics.en.as_deref().and_then(|p| find_picture(chart, p)),
                            pics.zh.as_deref().and_then(|p| find_picture(chart, p)),
                        );
                        WizardStep {
                            content: I18n::read(s.get("content")),
                            pics,
                            pic_files,
                        }
                    })
                    .collect();
                entries.push(WizardEntry {
                    key: e.key.key_string(),
                    order: int(v.get("order")),
                    pro_id: v.get("proId").and_then(scalar_text),
                    title: I18n::read(v.get("title")),
                    steps,
                });
            }
            slim_sort::sort_by_key(entries, |w| (w.order.unwrap_or(i64::MAX), w.key.clone()));
        }
        Some(Product {
            chart: chart.name(),
            input,
            name: I18n::read(root.get("name")),
            nav: read_items(root.get("nav"), &category, false),
            top_nav: read_items(root.get("top_nav"), &category, true),
            category,
            policy,
            has_policy_file: chart.navigation_policy.is_some(),
            wizard,
        })
    }

    /// Why `url` is not shown to anyone, if it is not (for the author view).
    fn roles_of(&self, url: Option<&str>) -> &[Role] {
        url.and_then(|u| self.policy.get(u))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// The file a wizard picture path names: a chart file ending with it (at a `/`), else any file
/// of the input. Paths with `..` or a scheme (`http:`, `data:`) resolve to nothing.
fn find_picture(chart: &Chart, written: &str) -> Option<String> {
    let p = written
        .trim()
        .trim_start_matches("./")
        .trim_start_matches('/');
    if p.is_empty() || p.contains("..") || p.contains(':') || p.contains('\\') {
        return None;
    }
    let matches = |path: &str| {
        path == p
            || path
                .strip_suffix(p)
                .is_some_and(|head| head.is_empty() || head.ends_with('/'))
    };
    chart
        .files
        .iter()
        .map(|f| f.path.as_str())
        .find(|path| matches(path))
        .or_else(|| {
            chart
                .input
                .files
                .iter()
                .map(|f| f.path.as_str())
                .find(|path| matches(path))
        })
        .map(str::to_string)
}

// ---------------------------------------------------------------------------------------------
// One view of the console.

/// Why the author view marks an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hidden {
    /// `available: false`.
    NotAvailable,
    /// The item has no `url`.
    NoUrl,
    /// No `_navigation_policy.yaml` entry for its URL: no role sees it (POL-002).
    NoPolicy,
    /// A policy entry that names none of the four roles.
    NoKnownRole,
    /// Its parent (`nav` item of a `sub_nav`) is hidden.
    ParentHidden,
}

impl Hidden {
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Hidden::NotAvailable, Lang::En) => "available: false — hidden for everyone",
            (Hidden::NotAvailable, Lang::Zh) => "available: false —— 对所有人隐藏",
            (Hidden::NoUrl, Lang::En) => "no url",
            (Hidden::NoUrl, Lang::Zh) => "没有 url",
            (Hidden::NoPolicy, Lang::En) => {
                "no entry in _navigation_policy.yaml — no role can see it"
            }
            (Hidden::NoPolicy, Lang::Zh) => {
                "_navigation_policy.yaml 中没有此 url —— 所有角色均不可见"
            }
            (Hidden::NoKnownRole, Lang::En) => "its policy names none of the four roles",
            (Hidden::NoKnownRole, Lang::Zh) => "其访问策略未列出四种角色中的任何一种",
            (Hidden::ParentHidden, Lang::En) => "its parent item is hidden",
            (Hidden::ParentHidden, Lang::Zh) => "其上级导航不可见",
        }
    }
}

/// An item as one view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownItem<'a> {
    pub item: &'a Item,
    pub product: &'a Product,
    /// The URL shown (a derived top item with `sub_nav` shows its first sub item's URL).
    pub url: Option<&'a str>,
    /// Roles that see it.
    pub roles: &'a [Role],
    /// In the author view: why no role sees it.
    pub hidden: Option<Hidden>,
    pub sub: Vec<ShownItem<'a>>,
}

/// A category of the left navigation with its items, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownCategory<'a> {
    pub category: Category,
    pub items: Vec<ShownItem<'a>>,
}

/// What one view of the console shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleView<'a> {
    pub view: View,
    pub top: Vec<ShownItem<'a>>,
    /// Whether the top navigation is `top_nav` as written (else derived from `nav`).
    pub top_derived: bool,
    pub left: Vec<ShownCategory<'a>>,
    /// Wizard entries per product for this view (author: every role's, tagged).
    pub wizard: Vec<(&'a Product, Role, &'a WizardEntry)>,
}

fn hidden_reason(product: &Product, item: &Item, url: Option<&str>) -> Option<Hidden> {
    if !item.available {
        return Some(Hidden::NotAvailable);
    }
    let Some(url) = url else {
        return Some(Hidden::NoUrl);
    };
    match product.policy.get(url) {
        None => Some(Hidden::NoPolicy),
        Some(r) if r.is_empty() => Some(Hidden::NoKnownRole),
        Some(_) => None,
    }
}

/// The item filtered for `view`: `None` when that role does not see it.
fn show<'a>(
    product: &'a Product,
    item: &'a Item,
    url: Option<&'a str>,
    view: View,
    parent_hidden: bool,
) -> Option<ShownItem<'a>> {
    let mut hidden = hidden_reason(product, item, url);
    if hidden.is_none() && parent_hidden {
        hidden = Some(Hidden::ParentHidden);
    }
    let roles = product.roles_of(url);
    let visible = match view {
        View::Author => true,
        View::Role(r) => hidden.is_none() && roles.contains(&r),
    };
    if !visible {
        return None;
    }
    let mut sub: Vec<ShownItem> = item
        .sub
        .iter()
        .filter_map(|s| show(product, s, s.url.as_deref(), view, hidden.is_some()))
        .collect();
    slim_sort::sort_by(&mut sub, item_order);
    Some(ShownItem {
        item,
        product,
        url,
        roles,
        hidden,
        sub,
    })
}

fn item_order(a: &ShownItem, b: &ShownItem) -> std::cmp::Ordering {
    (
        a.item.order.unwrap_or(i64::MAX),
        &a.product.chart,
        &a.item.key,
    )
        .cmp(&(
            b.item.order.unwrap_or(i64::MAX),
            &b.product.chart,
            &b.item.key,
        ))
}

impl Console {
    /// What `view` shows: the top navigation, the left navigation by category, the wizard.
    pub fn view(&self, view: View) -> ConsoleView<'_> {
        let mut top = Vec::new();
        let mut top_derived = false;
        let mut by_category: Vec<(String, Vec<ShownItem>)> = Vec::new();
        let mut wizard = Vec::new();
        for p in &self.products {
            if p.top_nav.is_empty() {
                // Guide: without `top_nav`, every `nav` item shows on top; one with `sub_nav`
                // shows its first sub item's URL.
                top_derived = true;
                for item in &p.nav {
                    let url = item
                        .sub
                        .first()
                        .and_then(|s| s.url.as_deref())
                        .or(item.url.as_deref());
                    if let Some(mut s) = show(p, item, url, view, false) {
                        s.sub.clear();
                        top.push(s);
                    }
                }
            } else {
                for item in &p.top_nav {
                    top.extend(show(p, item, item.url.as_deref(), view, false));
                }
            }
            for item in &p.nav {
                if let Some(s) = show(p, item, item.url.as_deref(), view, false) {
                    match by_category.iter_mut().find(|(c, _)| *c == item.category) {
                        Some((_, items)) => items.push(s),
                        None => by_category.push((item.category.clone(), vec![s])),
                    }
                }
            }
            for (role, entries) in &p.wizard {
                if view == View::Author || view == View::Role(*role) {
                    wizard.extend(entries.iter().map(|e| (p, *role, e)));
                }
            }
        }
        slim_sort::sort_by(&mut top, item_order);
        let mut left: Vec<ShownCategory> = by_category
            .into_iter()
            .map(|(id, mut items)| {
                slim_sort::sort_by(&mut items, item_order);
                ShownCategory {
                    category: self.category(&id),
                    items,
                }
            })
            .collect();
        slim_sort::sort_by(&mut left, |a, b| {
            (a.category.order.unwrap_or(i64::MAX), &a.category.id)
                .cmp(&(b.category.order.unwrap_or(i64::MAX), &b.category.id))
        });
        ConsoleView {
            view,
            top,
            top_derived,
            left,
            wizard,
        }
    }
}

/// Pictures as `data:` URIs of the inputs' own bytes (the CLI's standalone file).
pub fn embedded_pictures<'a>(
    inputs: &'a [&'a Input],
) -> impl Fn(usize, &str) -> Option<String> + 'a {
    move |i, path| {
        let file = inputs.get(i)?.files.iter().find(|f| f.path == path)?;
        render::data_uri(&file.data)
    }
}

// ---------------------------------------------------------------------------------------------
// `charts[].navigation` of the report.

/// One item a role sees (`charts[].navigation.roles.<role>[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportItem {
    pub level: Level,
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub name: I18n,
    pub category: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// `layout: outer`: opens in a new tab.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outer: bool,
    /// For a `sub_nav` item: its parent's key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// An item no role sees, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HiddenItem {
    pub level: Level,
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub reason: Hidden,
}

/// `charts[].navigation` (additive to REPORT.md): the items each role sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NavigationReport {
    pub name: I18n,
    pub category: String,
    /// Whether the top navigation is derived from `nav` (no `top_nav`).
    pub top_nav_derived: bool,
    /// Role → the items it sees (`nav`, `sub_nav` and `top_nav`), in order.
    pub roles: BTreeMap<&'static str, Vec<ReportItem>>,
    /// Items no role sees.
    pub hidden: Vec<HiddenItem>,
    /// Role → the wizard entries (keys) it is shown, in order.
    pub wizard: BTreeMap<&'static str, Vec<String>>,
}

/// `charts[].navigation` for a chart with a `_navigation.yaml`.
pub fn report(chart: &Chart) -> Option<NavigationReport> {
    let mut console = Console::default();
    console.add_chart(0, chart);
    let product = console.products.first()?;
    let mut roles = BTreeMap::new();
    let mut wizard = BTreeMap::new();
    for role in Role::ALL {
        let view = View::Role(role);
        let mut items = Vec::new();
        for item in &product.nav {
            if let Some(s) = show(product, item, item.url.as_deref(), view, false) {
                items.push(report_item(Level::Nav, item, None));
                let mut subs = s.sub;
                slim_sort::sort_by(&mut subs, item_order);
                items.extend(
                    subs.iter()
                        .map(|c| report_item(Level::SubNav, c.item, Some(&item.key))),
                );
            }
        }
        for item in &product.top_nav {
            if show(product, item, item.url.as_deref(), view, false).is_some() {
                items.push(report_item(Level::TopNav, item, None));
            }
        }
        slim_sort::sort_by_key(&mut items, |i| (i.level as u8, i.order.unwrap_or(i64::MAX)));
        roles.insert(role.as_str(), items);
        wizard.insert(
            role.as_str(),
            product
                .wizard
                .get(&role)
                .map(|es| es.iter().map(|e| e.key.clone()).collect())
                .unwrap_or_default(),
        );
    }
    let mut hidden = Vec::new();
    let mut mark = |level, item: &Item, parent_hidden: bool| {
        let reason = hidden_reason(product, item, item.url.as_deref())
            .or(parent_hidden.then_some(Hidden::ParentHidden));
        if let Some(reason) = reason {
            hidden.push(HiddenItem {
                level,
                key: item.key.clone(),
                url: item.url.clone(),
                reason,
            });
        }
        reason.is_some()
    };
    for item in &product.nav {
        let h = mark(Level::Nav, item, false);
        for s in &item.sub {
            mark(Level::SubNav, s, h);
        }
    }
    for item in &product.top_nav {
        mark(Level::TopNav, item, false);
    }
    Some(NavigationReport {
        name: product.name.clone(),
        category: product.category.clone(),
        top_nav_derived: product.top_nav.is_empty(),
        roles,
        hidden,
        wizard,
    })
}

fn report_item(level: Level, item: &Item, parent: Option<&str>) -> ReportItem {
    ReportItem {
        level,
        key: item.key.clone(),
        url: item.url.clone(),
        name: item.name.clone(),
        category: item.category.clone(),
        order: item.order,
        outer: item.outer,
        parent: parent.map(str::to_string),
    }
}
