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
