use super::{to_html, Lang};

#[test]
fn headings_one_level_down_and_inline_markup() {
    let html = to_html(
        " ## What it does\n Checks `version` is **SemVer**, *strictly*.\n",
        Lang::En,
    );
    assert_eq!(
        html,
        "<h3 class=\"md-h\">What it does</h3>\n<p>Checks <code>version</code> is <strong>SemVer</strong>, <em>strictly</em>.</p>\n"
    );
}

#[test]
fn a_doc_example_is_a_figure_with_its_file() {
    let html = to_html(
        "```yaml,fail,file=Chart.yaml\nversion: 1.0\n```\n```sh\nmake\n```\n",
        Lang::En,
    );
    assert_eq!(
        html,
        "<figure class=\"md-example fail\"><figcaption><span class=\"md-example-kind\" data-kind=\"fail\"></span>\
         <span class=\"md-example-file\">Chart.yaml</span><span class=\"md-example-lang\">yaml</span></figcaption>\
         <pre class=\"md-code\"><code>version: 1.0\n</code></pre></figure>\n\
         <pre class=\"md-code\"><code>make\n</code></pre>\n"
    );
    let deleted = to_html("```yaml,pass,delete=values.yaml\n```\n", Lang::En);
    assert!(
        deleted.contains("<span class=\"md-example-file\">values.yaml</span>"),
        "{deleted}"
    );
}

#[test]
fn raw_html_stays_text() {
    let hostile = "## <img src=x onerror=\"window.pwned=1\">\n\nText <script>window.pwned=2</script> `<b>code</b>` and <role>.\n\n\
                   <div onclick=\"x()\">block</div>\n\n- item <i>x</i>\n\n```yaml,fail,file=<svg onload=alert(1)>\n<svg onload=alert(1)>\n```\n\
                   [a link](javascript:alert(1) \"t\") ![pic](x.png)\n";
    let html = to_html(hostile, Lang::En);
    for tag in [
        "<img",
        "<script",
        "<b>",
        "<role",
        "<div onclick",
        "<i>",
        "<svg",
        "<a ",
        "href",
    ] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    assert!(
        html.contains("<h3 class=\"md-h\">&lt;img src=x onerror=\"window.pwned=1\"&gt;</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<p>&lt;div onclick=\"x()\"&gt;block&lt;/div&gt;\n</p>"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;window.pwned=2&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<code>&lt;b&gt;code&lt;/b&gt;</code>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"md-link\" title=\"javascript:alert(1)\">a link</span>"),
        "{html}"
    );
    assert!(html.contains(" pic"), "an image is its alt text: {html}");
}

#[test]
fn tables_without_style_attributes() {
    let html = to_html("| a | b |\n|:--|--:|\n| `x` | y |\n", Lang::En);
    assert_eq!(
        html,
        "<div class=\"md-table-wrap\"><table class=\"md-table\"><thead><tr><th>a</th><th>b</th></tr></thead>\
         <tbody><tr><td><code>x</code></td><td>y</td></tr></tbody></table></div>\n"
    );
}

#[test]
fn chinese_section_first_in_chinese() {
    let md = "## What it does\nEnglish.\n```text\n## 中文 in a code block\n```\n## 中文\n中文说明。\n## Example\nx\n";
    let en = to_html(md, Lang::En);
    let zh = to_html(md, Lang::Zh);
    let order = |html: &str| {
        ["What it does", "<h3 class=\"md-h\">中文", "Example"].map(|s| html.find(s).unwrap())
    };
    let [what, chinese, example] = order(&en);
    assert!(what < chinese && chinese < example, "{en}");
    let [what, chinese, example] = order(&zh);
    assert!(chinese < what && what < example, "{zh}");
    assert!(
        zh.contains("<code>## 中文 in a code block\n</code>"),
        "the fence stays where it was: {zh}"
    );
    // a doc without a Chinese section is the same in both
    assert_eq!(
        to_html("## A\nb\n", Lang::Zh),
        to_html("## A\nb\n", Lang::En)
    );
}

#[test]
fn code_keeps_its_indentation_after_the_doc_comment_space() {
    let html = to_html(" ```yaml\n a:\n   b: 1\n ```\n", Lang::En);
    assert!(html.contains("<code>a:\n  b: 1\n</code>"), "{html}");
}

#[test]
fn a_line_break_between_chinese_characters_is_no_space() {
    let html = to_html(
        "预发布数字部分\n有前导零的 `1.2.3-01`，\n`helm lint`\nEnglish\nwords\n",
        Lang::En,
    );
    assert_eq!(html, "<p>预发布数字部分有前导零的 <code>1.2.3-01</code>，\n<code>helm lint</code>\nEnglish\nwords</p>\n");
}

#[test]
fn on_the_site_an_example_is_a_live_ecplint_example() {
    let html = super::to_site_html(
        "## Example\n```yaml,fail,file=Chart.yaml\nname: <x> & y\n```\n```text,fail,delete=../../Makefile\n```\n[guide](https://example.com/a?b=1&c) [local](x.md)\n",
        Lang::Zh,
        "CHART-005",
    );
    assert!(
        html.starts_with("<h2 class=\"md-h\">Example</h2>"),
        "{html}"
    );
    // the file's text raw inside <script type="text/plain"> (no escapes: it is not HTML there)
    assert!(
        html.contains("<ecplint-example lang=\"zh-CN\" rules=\"CHART-005\" base=\"../good-project.json\">\
                       <script type=\"text/plain\" data-file=\"Chart.yaml\">\nname: <x> & y\n</script></ecplint-example>"),
        "{html}"
    );
    assert!(
        html.contains("<script type=\"text/plain\" data-delete=\"../../Makefile\">\n</script>"),
        "{html}"
    );
    assert!(html.contains("<figure class=\"example fail\"><figcaption class=\"example-kind\">✗ 会报告</figcaption>"), "{html}");
    assert!(html.contains("<a class=\"md-link\" href=\"https://example.com/a?b=1&amp;c\" rel=\"noopener noreferrer\">guide</a>"), "{html}");
    assert!(
        html.contains("<span class=\"md-link\" title=\"x.md\">local</span>"),
        "{html}"
    );
}

#[test]
fn a_text_that_could_close_its_script_goes_into_a_template() {
    let html = super::to_site_html(
        "```yaml,pass,file=a.yaml\nx: </script><b>\n```\n",
        Lang::En,
        "X-1",
    );
    assert!(
        html.contains("<template data-file=\"a.yaml\">x: &lt;/script&gt;&lt;b&gt;\n</template>"),
        "{html}"
    );
    assert!(!html.contains("</script><b>"), "{html}");
}

#[test]
fn the_site_has_a_page_per_rule_and_language_and_an_index() {
    use super::site::{pages, Project, Rule};
    let rule = Rule {
        id: "CHART-005",
        group: "CHART",
        severity: "warning",
        severities: vec!["warning", "error"],
        title_en: "Keyword `x` repeated",
        title_zh: "keywords 项重复",
        section: "§1.1.6.2",
        docs: "## What it does\nReports.\n## 中文\n报告。\n## Example\n```yaml,fail,file=Chart.yaml\na: 1\n```\n",
    };
    let project = Project {
        name: "good-project".into(),
        chart: "chart/mycloud-product".into(),
        files: vec![("Makefile".into(), "all:\n".into())],
    };
    let site = pages(&[rule], &project, "0.1.0");
    let names: Vec<&str> = site.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "rules.css",
            "icon.svg",
            "good-project.json",
            "index.html",
            "en/index.html",
            "en/CHART-005.html",
            "zh/index.html",
            "zh/CHART-005.html"
        ]
    );
    let page = |name: &str| &site.iter().find(|(p, _)| p == name).unwrap().1;
    let en = page("en/CHART-005.html");
    assert!(
        en.contains("<html lang=\"en\">")
            && en.contains("<title>CHART-005 Keyword x repeated · ecplint rules</title>"),
        "{en}"
    );
    assert!(
        en.contains(
            "<h1><span class=\"rule-id\">CHART-005</span> Keyword <code>x</code> repeated</h1>"
        ),
        "{en}"
    );
    assert!(
        en.contains("(by case: warning/error)") && en.contains("href=\"../zh/CHART-005.html\""),
        "{en}"
    );
    assert!(
        en.contains(
            "<script type=\"module\" src=\"../../ecplint-example/ecplint-example.js\"></script>"
        ),
        "{en}"
    );
    assert!(
        !en.contains("style="),
        "no inline style: the pages hold under a strict CSP"
    );
    let zh = page("zh/CHART-005.html");
    assert!(
        zh.contains("<html lang=\"zh-CN\">") && zh.find("报告。") < zh.find("Reports."),
        "{zh}"
    );
    assert!(page("zh/index.html").contains("<a href=\"CHART-005.html\">"));
    assert_eq!(
        page("good-project.json"),
        r#"{"chart":"chart/mycloud-product","files":{"Makefile":"all:\n"},"name":"good-project"}"#
    );
}
