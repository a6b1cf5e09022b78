//! The rules' documentation (Markdown, from each rule's doc comment) rendered to HTML with
//! pulldown-cmark, at build time: `scripts/build.sh` writes every rule's HTML in both languages to
//! `www/pkg/rule-docs.json`, which the page's docs dialog fetches when it first opens.
//!
//! The HTML holds only the tags and classes the page styles: a doc's `##` is an `h3` (the dialog
//! has its `h2`), a fenced example tagged `yaml,fail,file=Chart.yaml` (src/rules/doc_examples.rs)
//! a `figure.md-example`, a link a `span.md-link` whose title is the address (the dialog opens
//! no link). Raw HTML in a doc is shown as text, never passed on.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    En,
    /// The doc's `## 中文` section comes first.
    Zh,
}

/// One rule's docs as HTML for the page.
pub fn to_html(markdown: &str, lang: Lang) -> String {
    render(markdown, lang, &Target::Dialog)
}

/// Where a doc's HTML goes.
enum Target<'a> {
    /// The page's docs dialog: `##` is an `h3`, examples are static figures, links inert spans.
    Dialog,
    /// A page of the rules site (`www/rules/`): `##` is an `h2`, each example a live
    /// `<ecplint-example>` filtered to the rule and written over the good project, links links.
    Site { rule: &'a str, lang: Lang },
}

/// One rule's docs as the body of its page on the rules site ([`site`]).
pub fn to_site_html(markdown: &str, lang: Lang, rule: &str) -> String {
    render(markdown, lang, &Target::Site { rule, lang })
}

fn render(markdown: &str, lang: Lang, target: &Target) -> String {
    let text = dedent(markdown);
    let events: Vec<Event> = Parser::new_ext(&text, Options::ENABLE_TABLES).collect();
    let events = match lang {
        Lang::En => events,
        Lang::Zh => chinese_first(events),
    };
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(
        &mut html,
        for_the_page(join_chinese_lines(events), target).into_iter(),
    );
    html
}

/// Doc comments keep the space after `///`: take away the indent all lines share, or a code
/// block's lines would start with it.
fn dedent(markdown: &str) -> String {
    let indent = markdown
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        out.push_str(
            line.get(indent..)
                .unwrap_or_else(|| line.trim_start_matches(' ')),
        );
        out.push('\n');
    }
    out
}

/// The `## 中文` section moved to the top; the parser's own headings, so a `## ` inside a code
/// block or a list is never taken for one.
fn chinese_first(events: Vec<Event>) -> Vec<Event> {
    // top-level `##` headings cut the doc into sections (sections[0]: what comes before them)
    let mut sections: Vec<Vec<Event>> = vec![Vec::new()];
    let mut depth = 0usize;
    for event in events {
        if depth == 0
            && matches!(
                event,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                })
            )
        {
            sections.push(Vec::new());
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        sections
            .last_mut()
            .expect("one section at least")
            .push(event);
    }
    let chinese = sections
        .iter()
        .skip(1)
        .position(|s| heading_text(s).trim_start().starts_with("中文"));
    if let Some(i) = chinese {
        let section = sections.remove(i + 1);
        sections.insert(0, section);
    }
    sections.into_iter().flatten().collect()
}

/// The text of the heading a section starts with.
fn heading_text(section: &[Event]) -> String {
    let mut text = String::new();
    for event in section.iter().skip(1) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    text
}

/// A line break inside a paragraph between two Chinese characters is dropped: the browser would
/// show it as a space, which Chinese text does not have between words.
fn join_chinese_lines(events: Vec<Event>) -> Vec<Event> {
    let chinese = |c: Option<char>| {
        c.is_some_and(|c| matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}'))
    };
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut events = events.into_iter().peekable();
    while let Some(event) = events.next() {
        if matches!(event, Event::SoftBreak) {
            let before = matches!(out.last(), Some(Event::Text(t)) if chinese(t.chars().last()));
            let after = matches!(events.peek(), Some(Event::Text(t)) if chinese(t.chars().next()));
            if before && after {
                continue;
            }
        }
        out.push(event);
    }
    out
}

/// A code block's info string as the doc examples write it: `yaml,fail,file=Chart.yaml`.
struct FenceInfo<'a> {
    lang: &'a str,
    kind: Option<&'a str>,
    file: Option<&'a str>,
    /// `delete=`: the example removes `file`.
    deleted: bool,
}

fn fence_info(info: &str) -> FenceInfo<'_> {
    let mut parts = info.split([',', ' ', '\t']).filter(|p| !p.is_empty());
    let mut out = FenceInfo {
        lang: parts.next().unwrap_or(""),
        kind: None,
        file: None,
        deleted: false,
    };
    for part in parts {
        match part {
            "fail" | "pass" => out.kind = Some(part),
            _ => {
                if let Some(file) = part.strip_prefix("file=") {
                    out.file = Some(file);
                } else if let Some(file) = part.strip_prefix("delete=") {
                    out.file = Some(file);
                    out.deleted = true;
                }
            }
        }
    }
    out
}

/// Escaped for HTML text and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

fn heading_tag(level: HeadingLevel, target: &Target) -> usize {
    match target {
        Target::Dialog => (level as usize + 1).min(6), // a doc's `##` is the dialog's h3
        Target::Site { .. } => level as usize,         // the site's page has the h1
    }
}

/// A live example of the rules site: the doc example's file inline in an `<ecplint-example>`.
fn site_example(info: &FenceInfo, code: &str, rule: &str, lang: Lang) -> String {
    let (lang_attr, reported, passes) = match lang {
        Lang::En => ("en", "reported", "passes"),
        Lang::Zh => ("zh-CN", "会报告", "通过"),
    };
    let kind = info.kind.unwrap_or("pass");
    let label = if kind == "fail" {
        format!("✗ {reported}")
    } else {
        format!("✓ {passes}")
    };
    let file = escape(info.file.unwrap_or(""));
    let attr = if info.deleted {
        "data-delete"
    } else {
        "data-file"
    };
    // A <script type="text/plain"> holds its text raw (no escapes): fine unless the text could
    // close it; then a <template>, whose text is escaped HTML.
    let body = if code.to_ascii_lowercase().contains("</script") {
        format!("<template {attr}=\"{file}\">{}</template>", escape(code))
    } else {
        format!("<script type=\"text/plain\" {attr}=\"{file}\">\n{code}</script>")
    };
    format!(
        "<figure class=\"example {kind}\"><figcaption class=\"example-kind\">{label}</figcaption>\
         <ecplint-example lang=\"{lang_attr}\" rules=\"{rule}\" base=\"../good-project.json\">{body}</ecplint-example>\
         </figure>\n",
        rule = escape(rule)
    )
}

/// The parser's events with the page's markup: our own tags for headings, code blocks, tables
/// and links (`Event::Html` below is only ever ours, escaped where it holds doc text); raw HTML
/// of the doc as text.
fn for_the_page<'e>(events: Vec<Event<'e>>, target: &Target) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_table_head = false;
    let mut in_example = false;
    // on the site, an example's info and text, gathered until its end
    let mut site_example_at: Option<(String, String)> = None;
    let mut links: Vec<bool> = Vec::new(); // open links: an <a> (true) or a <span>
    for event in events {
        if let Some((info, code)) = &mut site_example_at {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if let Target::Site { rule, lang } = target {
                        out.push(Event::Html(
                            site_example(&fence_info(info), code, rule, *lang).into(),
                        ));
                    }
                    site_example_at = None;
                }
                _ => {}
            }
            continue;
        }
        let ours = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                out.push(Event::Text(raw));
                continue;
            }
            Event::Start(Tag::HtmlBlock) => {
                out.push(Event::Start(Tag::Paragraph));
                continue;
            }
            Event::End(TagEnd::HtmlBlock) => {
                out.push(Event::End(TagEnd::Paragraph));
                continue;
            }
            Event::Start(Tag::Heading { level, .. }) => {
                format!("<h{} class=\"md-h\">", heading_tag(level, target))
            }
            Event::End(TagEnd::Heading(level)) => {
                format!("</h{}>\n", heading_tag(level, target))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => fence_info(info),
                    CodeBlockKind::Indented => fence_info(""),
                };
                if matches!(target, Target::Site { .. })
                    && info.kind.is_some()
                    && info.file.is_some()
                {
                    if let CodeBlockKind::Fenced(raw) = &kind {
                        site_example_at = Some((raw.to_string(), String::new()));
                    }
                    continue;
                }
                in_example = info.kind.is_some() || info.file.is_some();
                let mut html = String::new();
                if in_example {
                    // the kind's words ("✗ reported") are the page's (www/i18n.js), in the page's language
                    html.push_str(&format!(
                        "<figure class=\"md-example{}\"><figcaption>",
                        info.kind.map(|k| format!(" {k}")).unwrap_or_default()
                    ));
                    if let Some(kind) = info.kind {
                        html.push_str(&format!(
                            "<span class=\"md-example-kind\" data-kind=\"{kind}\"></span>"
                        ));
                    }
                    if let Some(file) = info.file {
                        html.push_str(&format!(
                            "<span class=\"md-example-file\">{}</span>",
                            escape(file)
                        ));
                    }
                    if !info.lang.is_empty() {
                        html.push_str(&format!(
                            "<span class=\"md-example-lang\">{}</span>",
                            escape(info.lang)
                        ));
                    }
                    html.push_str("</figcaption>");
                }
                html.push_str("<pre class=\"md-code\"><code>");
                html
            }
            Event::End(TagEnd::CodeBlock) => {
                let end = if in_example {
                    "</code></pre></figure>\n"
                } else {
                    "</code></pre>\n"
                };
                in_example = false;
                end.to_string()
            }
            Event::Start(Tag::Table(_)) => {
                "<div class=\"md-table-wrap\"><table class=\"md-table\">".to_string()
            }
            Event::End(TagEnd::Table) => "</tbody></table></div>\n".to_string(),
            Event::Start(Tag::TableHead) => {
                in_table_head = true;
                "<thead><tr>".to_string()
            }
            Event::End(TagEnd::TableHead) => {
                in_table_head = false;
                "</tr></thead><tbody>".to_string()
            }
            Event::Start(Tag::TableRow) => "<tr>".to_string(),
            Event::End(TagEnd::TableRow) => "</tr>".to_string(),
            // no alignment: pulldown-cmark writes it as a style attribute, which the page's CSP refuses
            Event::Start(Tag::TableCell) => {
                (if in_table_head { "<th>" } else { "<td>" }).to_string()
            }
            Event::End(TagEnd::TableCell) => {
                (if in_table_head { "</th>" } else { "</td>" }).to_string()
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                // on the site, an http(s) address is a link; anything else stays inert
                let web = dest_url.starts_with("https://") || dest_url.starts_with("http://");
                let anchor = web && matches!(target, Target::Site { .. });
                links.push(anchor);
                if anchor {
                    format!(
                        "<a class=\"md-link\" href=\"{}\" rel=\"noopener noreferrer\">",
                        escape(&dest_url)
                    )
                } else {
                    format!("<span class=\"md-link\" title=\"{}\">", escape(&dest_url))
                }
            }
            Event::End(TagEnd::Link) => (if links.pop() == Some(true) {
                "</a>"
            } else {
                "</span>"
            })
            .to_string(),
            // an image: its alt text only (the events between)
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => continue,
            other => {
                out.push(other);
                continue;
            }
        };
        out.push(Event::Html(ours.into()));
    }
    out
}

pub mod site;

#[cfg(test)]
mod tests;
