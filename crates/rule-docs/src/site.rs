//! The rules site (`www/rules/`): one static page per rule and language, from the rule's own docs,
//! whose examples are live `<ecplint-example>`s (www/ecplint-example/), and an index per language.
//!
//! ```text
//! rules/index.html            the two languages
//! rules/en/index.html         every rule by group;  rules/zh/index.html
//! rules/en/CHART-005.html     one rule;             rules/zh/CHART-005.html
//! rules/rules.css             the site's only stylesheet (no inline style: the pages hold under
//!                             `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`)
//! rules/icon.svg            the pages' icon (a data: icon would break that CSP's img rule)
//! rules/good-project.json     tests/fixtures/good-project, which each example is written over
//! ```

use crate::{escape, to_site_html, Lang};

/// What the site shows of a rule (a line of `ecplint rules --format json`).
pub struct Rule<'a> {
    pub id: &'a str,
    pub group: &'a str,
    pub severity: &'a str,
    pub severities: Vec<&'a str>,
    pub title_en: &'a str,
    pub title_zh: &'a str,
    pub section: &'a str,
    pub docs: &'a str,
}

/// The project the examples are written over: its folder name, the chart's folder in it, and its
/// files (path relative to the project, text).
pub struct Project {
    pub name: String,
    pub chart: String,
    pub files: Vec<(String, String)>,
}

/// Every file of the site: (path relative to `www/rules/`, content).
pub fn pages(rules: &[Rule], project: &Project, version: &str) -> Vec<(String, String)> {
    let mut out = vec![
        ("rules.css".to_string(), CSS.to_string()),
        ("icon.svg".to_string(), ICON.to_string()),
        ("good-project.json".to_string(), project_json(project)),
        ("index.html".to_string(), languages_page(version)),
    ];
    for lang in [Lang::En, Lang::Zh] {
        let dir = dir_of(lang);
        out.push((
            format!("{dir}/index.html"),
            index_page(rules, lang, version),
        ));
        for (i, rule) in rules.iter().enumerate() {
            let prev = i.checked_sub(1).map(|i| &rules[i]);
            let next = rules.get(i + 1);
            out.push((
                format!("{dir}/{}.html", rule.id),
                rule_page(rule, prev, next, lang, version),
            ));
        }
    }
    out
}

fn dir_of(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

struct Words {
    html_lang: &'static str,
    site: &'static str,
    other_lang: &'static str,
    other_name: &'static str,
    page: &'static str,
    intro: &'static str,
    severity: &'static str,
    by_case: &'static str,
    guide: &'static str,
    prev: &'static str,
    next: &'static str,
    all: &'static str,
    examples_note: &'static str,
    nav_site: &'static str,
    nav_pager: &'static str,
    sev: fn(&str) -> &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            html_lang: "en",
            site: "ecplint rules",
            other_lang: "zh",
            other_name: "中文",
            page: "Check a chart",
            intro: "Every rule ecplint checks EasyStack ECP cloud product charts against, with its documentation and live examples.",
            severity: "Default severity",
            by_case: "by case",
            guide: "Guide",
            prev: "Previous",
            next: "Next",
            all: "All rules",
            examples_note: "The examples below are live: edit them and ecplint checks them again as you type (the rest of the project is a correct one).",
            nav_site: "Language and tool",
            nav_pager: "Other rules",
            sev: |s| match s {
                "error" => "error",
                "warning" => "warning",
                _ => "info",
            },
        },
        Lang::Zh => Words {
            html_lang: "zh-CN",
            site: "ecplint 规则",
            other_lang: "en",
            other_name: "English",
            page: "检查 chart",
            intro: "ecplint 检查易捷行云 ECP 云产品 chart 所依据的全部规则，附文档与可编辑的示例。",
            severity: "默认级别",
            by_case: "视情况而定",
            guide: "指南",
            prev: "上一条",
            next: "下一条",
            all: "全部规则",
            examples_note: "下方示例可直接编辑：输入时 ecplint 会重新检查（项目其余部分是一个正确的项目）。",
            nav_site: "语言与工具",
            nav_pager: "其他规则",
            sev: |s| match s {
                "error" => "错误",
                "warning" => "警告",
                _ => "提示",
            },
        },
    }
}

/// A title with `code` spans, escaped.
fn rich(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

fn title<'a>(rule: &Rule<'a>, lang: Lang) -> (&'a str, &'a str) {
    match lang {
        Lang::En => (rule.title_en, rule.title_zh),
        Lang::Zh => (rule.title_zh, rule.title_en),
    }
}

fn head(lang: Lang, title: &str, other_href: &str, with_component: bool) -> String {
    let w = words(lang);
    let other_hreflang = match lang {
        Lang::En => "zh-CN",
        Lang::Zh => "en",
    };
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"icon\" href=\"../icon.svg\">\n<link rel=\"stylesheet\" href=\"../rules.css\">\n\
         <link rel=\"alternate\" hreflang=\"{other_hreflang}\" href=\"{other_href}\">\n{}</head>\n",
        w.html_lang,
        escape(title),
        if with_component {
            "<script type=\"module\" src=\"../../ecplint-example/ecplint-example.js\"></script>\n"
        } else {
            ""
        },
    )
}

fn site_header(lang: Lang, other_href: &str) -> String {
    let w = words(lang);
    let other = match lang {
        Lang::En => "zh-CN",
        Lang::Zh => "en",
    };
    format!(
        "<header class=\"site\"><a class=\"site-name\" href=\"index.html\">{}</a>\
         <nav aria-label=\"{}\"><a href=\"{other_href}\" lang=\"{other}\" hreflang=\"{other}\">{}</a>\
         <a href=\"../../index.html\">{}</a></nav></header>\n",
        w.site, w.nav_site, w.other_name, w.page
    )
}

fn severity_text(rule: &Rule, w: &Words) -> String {
    let mut s = format!("{}: {}", w.severity, (w.sev)(rule.severity));
    if rule.severities.len() > 1 {
        let all: Vec<&str> = rule.severities.iter().map(|s| (w.sev)(s)).collect();
        s.push_str(&format!(" ({}: {})", w.by_case, all.join("/")));
    }
    s
}

fn rule_page(
    rule: &Rule,
    prev: Option<&Rule>,
    next: Option<&Rule>,
    lang: Lang,
    version: &str,
) -> String {
    let w = words(lang);
    let (main_title, other_title) = title(rule, lang);
    let other_href = format!("../{}/{}.html", w.other_lang, rule.id);
    let mut html = head(
        lang,
        &format!("{} {} · {}", rule.id, main_title.replace('`', ""), w.site),
        &other_href,
        true,
    );
    html.push_str("<body>\n");
    html.push_str(&site_header(lang, &other_href));
    html.push_str("<main>\n<p class=\"badges\">");
    html.push_str(&format!(
        "<span class=\"badge sev-{}\">{}</span><span class=\"badge\">{}</span>",
        escape(rule.severity),
        escape(&severity_text(rule, &w)),
        escape(rule.group)
    ));
    if !rule.section.is_empty() {
        html.push_str(&format!(
            "<span class=\"badge\">{} {}</span>",
            w.guide,
            escape(rule.section)
        ));
    }
    html.push_str("</p>\n");
    html.push_str(&format!(
        "<h1><span class=\"rule-id\">{}</span> {}</h1>\n<p class=\"alt-title\">{}</p>\n",
        escape(rule.id),
        rich(main_title),
        rich(other_title)
    ));
    if rule.docs.contains(",fail,") || rule.docs.contains(",pass,") {
        html.push_str(&format!("<p class=\"note\">{}</p>\n", w.examples_note));
    }
    html.push_str("<article class=\"doc\">\n");
    html.push_str(&to_site_html(rule.docs, lang, rule.id));
    html.push_str(&format!(
        "</article>\n</main>\n<nav class=\"pager\" aria-label=\"{}\">",
        w.nav_pager
    ));
    let link = |r: &Rule, label: &str, class: &str| {
        format!(
            "<a class=\"{class}\" href=\"{id}.html\"><span>{label}</span> {id}</a>",
            id = escape(r.id)
        )
    };
    if let Some(p) = prev {
        html.push_str(&link(p, w.prev, "prev"));
    }
    html.push_str(&format!(
        "<a class=\"all\" href=\"index.html\">{}</a>",
        w.all
    ));
    if let Some(n) = next {
        html.push_str(&link(n, w.next, "next"));
    }
    html.push_str(&format!(
        "</nav>\n<footer>ecplint {}</footer>\n</body>\n</html>\n",
        escape(version)
    ));
    html
}

fn index_page(rules: &[Rule], lang: Lang, version: &str) -> String {
    let w = words(lang);
    let other_href = format!("../{}/index.html", w.other_lang);
    let mut html = head(lang, w.site, &other_href, false);
    html.push_str("<body>\n");
    html.push_str(&site_header(lang, &other_href));
    html.push_str(&format!(
        "<main>\n<h1>{}</h1>\n<p>{}</p>\n",
        w.site, w.intro
    ));
    let mut group = "";
    for rule in rules {
        if rule.group != group {
            if !group.is_empty() {
                html.push_str("</ul>\n");
            }
            group = rule.group;
            html.push_str(&format!(
                "<h2 id=\"{g}\">{g}</h2>\n<ul class=\"rule-list\">\n",
                g = escape(group)
            ));
        }
        html.push_str(&format!(
            "<li><a href=\"{id}.html\"><span class=\"rule-id\">{id}</span> {}</a> <span class=\"badge sev-{sev}\">{}</span></li>\n",
            rich(title(rule, lang).0),
            (w.sev)(rule.severity),
            id = escape(rule.id),
            sev = escape(rule.severity),
        ));
    }
    if !group.is_empty() {
        html.push_str("</ul>\n");
    }
    html.push_str(&format!(
        "</main>\n<footer>ecplint {}</footer>\n</body>\n</html>\n",
        escape(version)
    ));
    html
}

fn languages_page(version: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>ecplint rules · ecplint 规则</title>\n<link rel=\"icon\" href=\"icon.svg\">\n\
         <link rel=\"stylesheet\" href=\"rules.css\">\n</head>\n<body>\n<main>\n\
         <h1>ecplint rules · <span lang=\"zh-CN\">ecplint 规则</span></h1>\n\
         <ul class=\"rule-list\"><li><a href=\"en/index.html\">English</a></li>\
         <li><a href=\"zh/index.html\" lang=\"zh-CN\">中文</a></li></ul>\n</main>\n\
         <footer>ecplint {}</footer>\n</body>\n</html>\n",
        escape(version)
    )
}

/// `{"name": …, "chart": …, "files": {path: text}}`, what `<ecplint-example base=…>` reads.
fn project_json(project: &Project) -> String {
    let files: serde_json::Map<String, serde_json::Value> = project
        .files
        .iter()
        .map(|(p, t)| (p.clone(), serde_json::Value::String(t.clone())))
        .collect();
    serde_json::json!({ "name": project.name, "chart": project.chart, "files": files }).to_string()
}

const CSS: &str = include_str!("site.css");
const ICON: &str = include_str!("icon.svg");
