//! HTML of a console view. Every string from a chart goes through [`esc`]; chart URLs are shown
//! as text (never `href`/`src`); icons are glyphs chosen by name from a fixed table; pictures are
//! only ever `data:image/…` URIs built here from the archive's bytes, or `blob:` URLs the caller
//! made from them. The document carries a CSP that forbids scripts and any load but data:/blob:
//! images, so even a mistake here cannot run script or reach the network.

use super::{ConsoleView, Hidden, Role, ShownItem, View, WizardEntry};
use crate::diagnostic::Lang;
use std::fmt::Write;

/// The stylesheet of the preview (`scripts/build.sh` copies it beside the page as `www/preview.css`).
pub const CSS: &str = include_str!("preview.css");

/// The CSP of a preview document.
pub const CSP: &str =
    "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline' 'self'; base-uri 'none'; form-action 'none'";

/// How the document gets its stylesheet.
#[derive(Debug, Clone, Copy)]
pub enum Styles<'a> {
    /// An inline `<style>` (the CLI's standalone file).
    Inline,
    /// `<link rel="stylesheet" href=…>` with a relative path (the page, whose CSP forbids inline
    /// styles in the frame it inherits into).
    Link(&'a str),
}

/// Turns a wizard picture (input index, file path in the input) into an image source: a
/// `data:image/…` URI or a `blob:` URL; anything else is dropped and a placeholder shown.
pub type Pictures<'a> = &'a dyn Fn(usize, &str) -> Option<String>;

/// Escape text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    esc_into(&mut out, s);
    out
}

fn esc_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // control characters (but tab/newline) would only confuse: show a replacement.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A `data:` URI of a raster picture (PNG, JPEG, GIF, WebP, BMP, ICO by their magic bytes);
/// `None` for anything else (SVG included: no markup from a chart reaches the page).
pub fn data_uri(bytes: &[u8]) -> Option<String> {
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        "image/jpeg"
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        "image/gif"
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else if bytes.starts_with(b"BM") {
        "image/bmp"
    } else if bytes.starts_with(b"\0\0\x01\0") {
        "image/x-icon"
    } else {
        return None;
    };
    Some(format!("data:{mime};base64,{}", base64(bytes)))
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Whether an image source is one we made: base64 `data:image/` of a raster type, or `blob:`
/// (of the page's own origin: the browser enforces that).
fn safe_src(src: &str) -> bool {
    let raster = [
        "data:image/png;base64,",
        "data:image/jpeg;base64,",
        "data:image/gif;base64,",
        "data:image/webp;base64,",
        "data:image/bmp;base64,",
        "data:image/x-icon;base64,",
    ];
    let base64_body = |b: &str| {
        b.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'=')
    };
    if let Some(rest) = src.strip_prefix("blob:") {
        return !rest.is_empty() && !rest.contains(['"', '\'', '<', '>', ' ', '\\']);
    }
    raster
        .iter()
        .any(|p| src.strip_prefix(p).is_some_and(base64_body))
}

/// A glyph per known icon name (the console's icon font is not ours to ship); anything else
/// gets the neutral square.
fn glyph(icon: Option<&str>) -> &'static str {
    let name = icon.unwrap_or("").to_ascii_lowercase();
    let table: &[(&[&str], &str)] = &[
        (
            &["role", "user", "users", "member", "account", "identity"],
            "◉",
        ),
        (&["policy", "security", "shield", "iam", "permission"], "⚿"),
        (&["application", "app", "apps", "applications"], "▦"),
        (&["network", "vpc", "subnet", "router", "loadbalancer"], "⇄"),
        (&["compute", "server", "instance", "vm", "host"], "▣"),
        (&["storage", "volume", "disk", "backup", "snapshot"], "⛁"),
        (
            &[
                "monitor",
                "monitoring",
                "alarm",
                "metrics",
                "dashboard",
                "overview",
            ],
            "◔",
        ),
        (
            &["setting", "settings", "config", "configuration", "system"],
            "⚙",
        ),
        (&["database", "db", "rds"], "⛃"),
        (&["container", "kubernetes", "k8s", "cluster"], "⎈"),
        (&["log", "logs", "audit", "event", "events"], "☰"),
    ];
    table
        .iter()
        .find(|(names, _)| names.contains(&name.as_str()))
        .map_or("◻", |(_, g)| g)
}

struct Labels {
    wizard: &'static str,
    step: &'static str,
    outer: &'static str,
    missing: &'static str,
    not_picture: &'static str,
    no_picture: &'static str,
    empty: &'static str,
    derived: &'static str,
    seen_by: &'static str,
    nobody: &'static str,
    no_wizard: &'static str,
    author: &'static str,
    preview_of: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            wizard: "Wizard",
            step: "Step",
            outer: "opens in a new tab",
            missing: "picture missing from the archive",
            not_picture: "not a picture ecplint shows",
            no_picture: "no picture",
            empty: "This view shows no page of these products.",
            derived: "top navigation derived from nav (no top_nav)",
            seen_by: "seen by",
            nobody: "no role sees it",
            no_wizard: "No wizard for this view.",
            author: "Author view: every item",
            preview_of: "Navigation preview",
        },
        Lang::Zh => Labels {
            wizard: "使用向导",
            step: "步骤",
            outer: "在新标签页打开",
            missing: "归档中缺少此图片",
            not_picture: "不是 ecplint 可显示的图片",
            no_picture: "无图片",
            empty: "此视图下看不到这些云产品的任何页面。",
            derived: "上导航由 nav 生成（未设置 top_nav）",
            seen_by: "可见角色",
            nobody: "所有角色均不可见",
            no_wizard: "此视图没有使用向导。",
            author: "开发者视图：全部导航",
            preview_of: "导航预览",
        },
    }
}

fn view_label(view: View, lang: Lang) -> &'static str {
    match view {
        View::Role(r) => r.label(lang),
        View::Author => labels(lang).author,
    }
}

/// The console view as an HTML fragment (one `<div class="ecp">`).
pub fn render_fragment(v: &ConsoleView, lang: Lang, pictures: Pictures) -> String {
    let l = labels(lang);
    let mut o = String::with_capacity(8 * 1024);
    let lang_attr = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-cn",
    };
    let _ = writeln!(
        o,
        "<div class=\"ecp\" data-view=\"{}\" data-lang=\"{lang_attr}\">",
        v.view.as_str()
    );
    // Top bar
    o.push_str("<header class=\"ecp-top\"><span class=\"ecp-logo\">ECP</span>");
    o.push_str("<nav class=\"ecp-topnav\" aria-label=\"top\"><ul>");
    for item in &v.top {
        o.push_str("<li");
        item_attrs(&mut o, item);
        if item.product.top_nav.is_empty() {
            let _ = write!(o, " data-derived=\"\" title=\"{}\"", l.derived);
        }
        o.push('>');
        item_label(&mut o, item, lang, &l);
        o.push_str("</li>");
    }
    let _ = writeln!(
        o,
        "</ul></nav><span class=\"ecp-user\" data-role=\"{}\">{}</span></header>",
        v.view.as_str(),
        view_label(v.view, lang)
    );
    // Left navigation
    o.push_str("<div class=\"ecp-body\">\n<aside class=\"ecp-left\">\n");
    if v.left.is_empty() {
        let _ = writeln!(o, "<p class=\"ecp-empty\">{}</p>", l.empty);
    }
    for cat in &v.left {
        o.push_str("<section class=\"ecp-cat\" data-category=\"");
        esc_into(&mut o, &cat.category.id);
        o.push_str("\"><h3 class=\"ecp-cat-name\">");
        icon(&mut o, cat.category.icon.as_deref());
        esc_into(
            &mut o,
            cat.category.name.get(lang).unwrap_or(&cat.category.id),
        );
        o.push_str("</h3><ul>\n");
        for item in &cat.items {
            left_item(&mut o, item, lang, &l, v.view);
        }
        o.push_str("</ul></section>\n");
    }
    o.push_str("</aside>\n<main class=\"ecp-main\">\n");
    let _ = writeln!(
        o,
        "<h2 class=\"ecp-title\">{} · {}</h2>",
        l.preview_of,
        view_label(v.view, lang)
    );
    // Wizard
    let _ = writeln!(o, "<section class=\"ecp-wizard\"><h3>{}</h3>", l.wizard);
    if v.wizard.is_empty() {
        let _ = writeln!(o, "<p class=\"ecp-empty\">{}</p>", l.no_wizard);
    }
    for (product, role, entry) in &v.wizard {
        wizard_entry(&mut o, product, *role, entry, lang, &l, v.view, pictures);
    }
    o.push_str("</section>\n</main>\n</div>\n</div>\n");
    o
}

fn item_attrs(o: &mut String, item: &ShownItem) {
    o.push_str(" class=\"ecp-item");
    if item.hidden.is_some() {
        o.push_str(" ecp-hidden");
    }
    if item.item.outer {
        o.push_str(" ecp-outer");
    }
    o.push_str("\" data-key=\"");
    esc_into(o, &item.item.key);
    o.push_str("\" data-product=\"");
    esc_into(o, &item.product.chart);
    o.push('"');
    if let Some(url) = item.url {
        o.push_str(" data-url=\"");
        esc_into(o, url);
        o.push('"');
    }
}

fn icon(o: &mut String, name: Option<&str>) {
    o.push_str("<span class=\"ecp-icon\" aria-hidden=\"true\"");
    if let Some(n) = name {
        o.push_str(" title=\"");
        esc_into(o, n);
        o.push('"');
    }
    o.push('>');
    o.push_str(glyph(name));
    o.push_str("</span>");
}

fn item_label(o: &mut String, item: &ShownItem, lang: Lang, l: &Labels) {
    icon(o, item.item.icon.as_deref());
    o.push_str("<span class=\"ecp-name\">");
    esc_into(o, item.item.name.get(lang).unwrap_or(&item.item.key));
    o.push_str("</span>");
    if item.item.outer {
        let _ = write!(
            o,
            "<span class=\"ecp-badge ecp-newtab\" title=\"{0}\">↗ {0}</span>",
            l.outer
        );
    }
    if let Some(layout) = &item.item.layout {
        o.push_str("<span class=\"ecp-badge\">layout: ");
        esc_into(o, layout);
        o.push_str("</span>");
    }
}

fn left_item(o: &mut String, item: &ShownItem, lang: Lang, l: &Labels, view: View) {
    o.push_str("<li");
    item_attrs(o, item);
    o.push_str("><div class=\"ecp-row\">");
    item_label(o, item, lang, l);
    o.push_str("</div>");
    if let Some(url) = item.url {
        // Shown as text, never a link: a chart's URL must not take the reader anywhere.
        o.push_str("<code class=\"ecp-url\">");
        esc_into(o, url);
        o.push_str("</code>");
    }
    if view == View::Author {
        author_note(o, item, lang, l);
    }
    if !item.sub.is_empty() {
        o.push_str("<ul class=\"ecp-sub\">");
        for s in &item.sub {
            left_item(o, s, lang, l, view);
        }
        o.push_str("</ul>");
    }
    o.push_str("</li>\n");
}

fn author_note(o: &mut String, item: &ShownItem, lang: Lang, l: &Labels) {
    match item.hidden {
        Some(h) => {
            let _ = write!(
                o,
                "<div class=\"ecp-why\" data-reason=\"{}\">{} — {}</div>",
                reason_id(h),
                l.nobody,
                h.text(lang)
            );
        }
        None => {
            let _ = write!(o, "<div class=\"ecp-roles\">{}:", l.seen_by);
            for r in Role::ALL {
                if item.roles.contains(&r) {
                    let _ = write!(
                        o,
                        " <span class=\"ecp-chip\" data-role=\"{}\">{}</span>",
                        r.as_str(),
                        r.label(lang)
                    );
                }
            }
            o.push_str("</div>");
        }
    }
}

fn reason_id(h: Hidden) -> &'static str {
    match h {
        Hidden::NotAvailable => "not_available",
        Hidden::NoUrl => "no_url",
        Hidden::NoPolicy => "no_policy",
        Hidden::NoKnownRole => "no_known_role",
        Hidden::ParentHidden => "parent_hidden",
    }
}

#[allow(clippy::too_many_arguments)]
fn wizard_entry(
    o: &mut String,
    product: &super::Product,
    role: Role,
    entry: &WizardEntry,
    lang: Lang,
    l: &Labels,
    view: View,
    pictures: Pictures,
) {
    o.push_str("<article class=\"ecp-wiz\" data-key=\"");
    esc_into(o, &entry.key);
    o.push_str("\" data-product=\"");
    esc_into(o, &product.chart);
    let _ = write!(o, "\" data-role=\"{}\"><h4>", role.as_str());
    esc_into(o, entry.title.get(lang).unwrap_or(&entry.key));
    if view == View::Author {
        let _ = write!(
            o,
            " <span class=\"ecp-chip\" data-role=\"{}\">{}</span>",
            role.as_str(),
            role.label(lang)
        );
    }
    o.push_str("</h4><ol class=\"ecp-steps\">\n");
    for (i, step) in entry.steps.iter().enumerate() {
        let _ = write!(
            o,
            "<li><details class=\"ecp-step\"><summary><span class=\"ecp-step-n\">{} {}</span> ",
            l.step,
            i + 1
        );
        esc_into(o, step.content.get(lang).unwrap_or(""));
        o.push_str("</summary>");
        let (written, file) = step.picture(lang);
        let src = file
            .and_then(|f| pictures(product.input, f))
            .filter(|s| safe_src(s));
        o.push_str("<figure class=\"ecp-pic\">");
        match (written, src) {
            (Some(w), Some(src)) => {
                o.push_str("<img src=\"");
                esc_into(o, &src);
                o.push_str("\" alt=\"");
                esc_into(o, w);
                o.push_str("\">");
            }
            (Some(_), None) => {
                let why = if file.is_some() {
                    l.not_picture
                } else {
                    l.missing
                };
                let _ = write!(
                    o,
                    "<div class=\"ecp-pic-missing\" role=\"img\">▨ {why}</div>"
                );
            }
            (None, _) => {
                let _ = write!(
                    o,
                    "<div class=\"ecp-pic-missing\" role=\"img\">{}</div>",
                    l.no_picture
                );
            }
        }
        if let Some(w) = written {
            o.push_str("<figcaption><code>");
            esc_into(o, w);
            o.push_str("</code></figcaption>");
        }
        o.push_str("</figure></details></li>\n");
    }
    o.push_str("</ol></article>\n");
}

/// A whole HTML document: the fragment with its CSP and stylesheet.
pub fn render_document(v: &ConsoleView, lang: Lang, pictures: Pictures, styles: Styles) -> String {
    let l = labels(lang);
    let html_lang = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    let mut o = String::with_capacity(16 * 1024);
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>ecplint · {} · {}</title>\n",
        l.preview_of,
        view_label(v.view, lang)
    );
    match styles {
        Styles::Inline => {
            o.push_str("<style>\n");
            o.push_str(CSS);
            o.push_str("</style>\n");
        }
        Styles::Link(href) => {
            o.push_str("<link rel=\"stylesheet\" href=\"");
            // Our own relative path: no scheme allowed.
            if !href.contains(':') {
                esc_into(&mut o, href);
            }
            o.push_str("\">\n");
        }
    }
    o.push_str("</head>\n<body>\n");
    o.push_str(&render_fragment(v, lang, pictures));
    o.push_str("</body>\n</html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(
            esc("\"><script>alert('x')</script>&"),
            "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        );
        assert_eq!(esc("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn only_our_image_sources_pass() {
        assert!(safe_src("data:image/png;base64,AAAA"));
        assert!(safe_src("blob:http://127.0.0.1:8000/1234-abcd"));
        assert!(!safe_src("http://evil/x.png"));
        assert!(!safe_src("javascript:alert(1)"));
        assert!(!safe_src("data:image/svg+xml;base64,AAAA"));
        assert!(!safe_src("data:image/png;base64,AA\"onerror=\"x"));
        assert!(!safe_src("blob:x\" onerror=\"y"));
        assert_eq!(data_uri(b"<svg onload=alert(1)>"), None);
        assert!(data_uri(b"\x89PNG\r\n\x1a\nxx")
            .unwrap()
            .starts_with("data:image/png;base64,"));
    }
}
