//! Engine tests: parse positions, evaluation, rendering, line maps, and hostile input.

use super::*;
use crate::diagnostic::Pos;
use std::time::{Duration, Instant};

const GUIDE: &str = include_str!("../../tests/fixtures/mako/guide_example.yaml.tpl");

fn short(src: &str) -> String {
    src.chars().take(200).collect()
}

fn ok(src: &str) -> Template {
    let p = parse(src);
    assert!(
        p.errors.is_empty(),
        "{:?}: {:?}",
        short(src),
        p.errors.first()
    );
    p.template
}

fn out(src: &str, platform: &Platform) -> Rendered {
    render(&ok(src), platform)
}

fn text(src: &str) -> String {
    let r = out(src, &Platform::default());
    assert!(
        r.errors.is_empty(),
        "{:?}: {:?}",
        short(src),
        r.errors.first()
    );
    r.text
}

fn err_at(src: &str) -> (Pos, String) {
    let p = parse(src);
    assert!(!p.errors.is_empty(), "{src:?} parsed");
    (p.errors[0].range.start, p.errors[0].message.en.clone())
}

fn pos(line: usize, column: usize) -> Pos {
    Pos { line, column }
}

fn yaml_value(s: &str) -> Value {
    let y = crate::yaml::parse(s, crate::yaml::YamlLimits::default());
    Value::from_yaml(y.root().unwrap())
}

// ---- parsing --------------------------------------------------------------------------------

#[test]
fn substitution_and_control_positions() {
    let t = ok("a: ${x['k']}\n  % if p:\nb\n  % endif\n");
    match &t.nodes[1] {
        Node::Subst { range, .. } => {
            assert_eq!(range.start, pos(1, 4));
            assert_eq!(range.end, pos(1, 13));
        }
        n => panic!("{n:?}"),
    }
    match &t.nodes[3] {
        Node::If {
            range, branches, ..
        } => {
            assert_eq!(range.start, pos(2, 3));
            assert_eq!(*branches, 2, "the absent else counts");
        }
        n => panic!("{n:?}"),
    }
    assert_eq!(t.lines, 4);
}

#[test]
fn multi_line_expression_positions() {
    let t = ok("k: ${f(1,\n  'x')} tail\n");
    let (e, r) = t.substitutions().next().unwrap();
    assert_eq!(r.start, pos(1, 4));
    assert_eq!(r.end, pos(2, 8));
    let ExprKind::Postfix { ops, .. } = &e.kind else {
        panic!()
    };
    let PostfixKind::Call(args) = &ops[0].kind else {
        panic!()
    };
    assert_eq!(args[1].value.range.start, pos(2, 3));
    assert_eq!(text("k: ${str(1 +\n 2)} tail\n"), "k: 3 tail\n");
}

#[test]
fn syntax_errors_at_their_place() {
    for (src, at, what) in [
        ("a: ${x\nb: 1\n", pos(1, 4), "unterminated `${`"),
        ("a: ${'x}\n", pos(1, 4), "unterminated"),
        ("a\n% endif\n", pos(2, 3), "`% endif` without"),
        ("% elif x:\n", pos(1, 3), "`% elif` without"),
        (
            "% if a:\n% else:\n% elif b:\n% endif\n",
            pos(3, 3),
            "after `% else`",
        ),
        (
            "% if a:\n% else:\n% else:\n% endif\n",
            pos(3, 3),
            "after `% else`",
        ),
        ("x\n  % if a:\ny\n", pos(2, 5), "never closed"),
        ("% if a\n% endif\n", pos(1, 7), "needs a `:`"),
        ("% if a:\n% endif x\n", pos(2, 9), "unexpected `x`"),
        ("% iff a:\n", pos(1, 3), "unknown control line"),
        ("% for x in y:\n% endfor\n", pos(1, 3), "not supported"),
        ("%\n", pos(1, 1), "no keyword"),
        ("a: <% x = 1 %>\n", pos(1, 4), "Mako tags"),
        ("a: ${x | h}\n", pos(1, 8), "filters"),
        ("a: ${}\n", pos(1, 4), "empty"),
        ("a: ${p['a'][1:2]}\n", pos(1, 14), "slices"),
        ("a: ${x = 1}\n", pos(1, 8), "assignment"),
        ("a: ${a b}\n", pos(1, 8), "unexpected `b`"),
        ("a: ${a ? b}\n", pos(1, 8), "unexpected character"),
        ("% if (a:\n% endif\n", pos(1, 8), "unexpected `:`"),
    ] {
        let (p, m) = err_at(src);
        assert!(m.contains(what), "{src:?}: {m}");
        assert_eq!(p, at, "{src:?}: {m}");
    }
    let p = parse("% iff a:\n");
    assert!(p.errors[0].help.as_ref().unwrap().en.contains("`% if`"));
}

#[test]
fn recovery_keeps_reading_after_an_error() {
    let p = parse("a: ${x\nb: ${y}\n% endif\nc: ${'z}\n");
    assert_eq!(p.errors.len(), 3, "{:?}", p.errors);
    assert!(p
        .template
        .substitutions()
        .any(|(e, _)| e.as_name() == Some("y")));
}

#[test]
fn comments_escapes_and_continuations() {
    assert_eq!(
        text("a: 1\n## mako comment\n  ## another\nb: 2\n"),
        "a: 1\nb: 2\n"
    );
    assert_eq!(text("%% literal\n  %%x ${1}\n"), "% literal\n  %x 1\n");
    assert_eq!(text("a: x\\\ny\n"), "a: xy\n");
    assert_eq!(text("a: 50%\n# ${'c'}\n"), "a: 50%\n# c\n");
    assert_eq!(text("a: $x {y} $ {z}\n"), "a: $x {y} $ {z}\n");
    assert_eq!(text("a: ${'}'}\n"), "a: }\n");
    assert_eq!(text("a: ${ {'k': 1}['k'] }\n"), "a: 1\n");
    assert_eq!(text("a: ${1 # comment }\n}\n"), "a: 1\n");
    assert_eq!(text("a\r\n% if True:\r\nb\r\n% endif\r\n"), "a\r\nb\r\n");
}

// ---- evaluation -----------------------------------------------------------------------------

#[test]
fn python_values_print_like_str() {
    for (expr, want) in [
        ("None", "None"),
        ("True", "True"),
        ("1 == 1.0", "True"),
        ("3", "3"),
        ("2.50", "2.5"),
        ("-7 + 2 * 3", "-1"),
        ("'a' + \"b\" 'c'", "abc"),
        ("'ab' * 2", "abab"),
        ("[1, 'x', None]", "[1, 'x', None]"),
        ("{'a': {'b': [True]}}", "{'a': {'b': [True]}}"),
        ("('t',)", "['t']"),
        ("1 < 2 < 3", "True"),
        ("1 < 3 < 2", "False"),
        ("'b' in 'abc'", "True"),
        ("'k' not in {'k': 1}", "False"),
        ("None is None", "True"),
        ("[] or 'd'", "d"),
        ("0 and x", "0"),
        ("not ''", "True"),
        ("'y' if 0 else 'n'", "n"),
        ("{'a': 1}.get('b', 2)", "2"),
        ("{'a': 1}.get('b')", "None"),
        ("{'a': 1, 'b': 2}.keys()", "['a', 'b']"),
        ("' X '.strip().lower()", "x"),
        ("str(3) + str(int('4') * 0) + 'x'", "30x"),
        ("len([1, 2]) + int(2.9)", "4"),
        ("float('1.5')", "1.5"),
        ("[1, 2][-1]", "2"),
        ("'abc'[1]", "b"),
        ("{'a': 1, 'a': 2}", "{'a': 2}"),
    ] {
        assert_eq!(text(&format!("${{{expr}}}")), want, "{expr}");
    }
}

#[test]
fn template_functions() {
    let mut platform = Platform {
        default_product_replicas: 5,
        label_enabled: "on".into(),
        ..Platform::default()
    };
    platform.products.insert(
        "proton".into(),
        yaml_value("endpoints:\n  admin:\n    password: s3cret\n"),
    );
    platform
        .products
        .insert("neutron".into(), yaml_value("other: 1\n"));
    let r = out(
        "${replicas_by_modality} ${cloud_product_label} ${label_enabled}\n\
         ${safe_render('proton', '/endpoints/admin/password', 'd')}\n\
         ${safe_render('mariadb', '/endpoints/admin/password', 'd')}\n\
         ${safe_render('proton', '/endpoints/nope', {'x': 1})}\n\
         ${safe_render_multi(['neutron', 'proton'], '/endpoints/admin/password', 'd')}\n\
         ${safe_render_multi(['neutron'], '/endpoints/admin/password', 'd')}\n\
         ${safe_render('proton', '/', 0)}\n",
        &platform,
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(
        r.text,
        "5 cloud-product on\ns3cret\nd\n{'x': 1}\ns3cret\nd\n{'endpoints': {'admin': {'password': 's3cret'}}}\n"
    );
}

#[test]
fn random_password_is_stable_per_tag() {
    let r = text(
        "${random_password('db', 12)} ${random_password('db', 12)} ${random_password('other', 12)}",
    );
    let parts: Vec<&str> = r.split(' ').collect();
    assert_eq!(parts[0], parts[1]);
    assert_ne!(parts[0], parts[2]);
    assert_eq!(parts[0].chars().count(), 12);
    assert!(parts[0].chars().all(|c| c.is_ascii_alphanumeric()));
    // Short passwords never read as YAML booleans or nulls.
    for tag in (0..500).map(|i| format!("t{i}")) {
        for n in 1..=5 {
            let pw = eval::placeholder_password(&tag, n);
            let v = crate::yaml::resolve_plain(&pw);
            assert_eq!(v, crate::yaml::Value::Str, "{pw}");
        }
    }
    let r = out(
        "${random_password('x', 0)}${random_password(1, 8)}${random_password('x', '8')}",
        &Platform::default(),
    );
    assert_eq!(r.errors.len(), 3, "{:?}", r.errors);
}

#[test]
fn other_products_and_their_errors() {
    let mut platform = Platform::default();
    platform.products.insert(
        "mariadb".into(),
        yaml_value("endpoints:\n  admin:\n    password: pw\n"),
    );
    let src = "a: ${mariadb['endpoints']['admin']['password']}\n\
               b: ${mariadb['endpoints'].get('admin', {}).get('password', '12345')}\n\
               c: ${mariadb['endpoints'].get('oslo', {}).get('password', '12345')}\n\
               d: ${mariadb['endpoints']['oslo']['password']}\n\
               e: ${neutron['endpoints']}\n\
               f: ${neutron.get('endpoints', {})}\n\
               g: ${neutron}\n\
               h: ${neutron or 'none'}\n";
    let r = out(src, &platform);
    assert_eq!(
        r.text,
        "a: pw\nb: pw\nc: 12345\nd: <unresolved>\ne: <unresolved>\nf: <unresolved>\ng: <unresolved>\nh: none\n"
    );
    let errs: Vec<(Pos, &str)> = r
        .errors
        .iter()
        .map(|e| (e.range.start, e.message.en.as_str()))
        .collect();
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert_eq!(errs[0].0, pos(4, 26), "the missing key's subscript");
    assert!(errs[0].1.contains("KeyError: 'oslo'"));
    assert_eq!(errs[1].0, pos(5, 13), "the read of the absent product");
    assert!(errs[1].1.contains("`neutron` is not installed"));
    assert_eq!(errs[2].0, pos(6, 13));
    assert_eq!(errs[3].0, pos(7, 6));
    assert!(r.errors[0]
        .help
        .as_ref()
        .unwrap()
        .en
        .contains(".get('oslo', default)"));
}

#[test]
fn if_chains_render_the_branch_taken() {
    let src = "% if neutron:\nn ${neutron['v']}\n% elif proton:\np ${proton['v']}\n% else:\nd\n% endif\nend\n";
    let t = ok(src);
    let mut platform = Platform::default();
    assert_eq!(render(&t, &platform).text, "d\nend\n");
    platform
        .products
        .insert("proton".into(), Value::dict([("v", Value::Int(2))]));
    assert_eq!(render(&t, &platform).text, "p 2\nend\n");
    platform
        .products
        .insert("neutron".into(), Value::dict([("v", Value::Int(1))]));
    assert_eq!(render(&t, &platform).text, "n 1\nend\n");
    // An installed product with an empty config is falsy, as in Python.
    platform
        .products
        .insert("neutron".into(), Value::Dict(vec![]));
    assert_eq!(render(&t, &platform).text, "p 2\nend\n");
}

#[test]
fn nested_ifs_and_elif_chains() {
    let src = "% if a:\n% if b:\nab\n% else:\na\n% endif\n% elif c:\nc\n% elif d:\nd\n% endif\n";
    let t = ok(src);
    let with = |names: &[&str]| {
        let mut p = Platform::default();
        for n in names {
            p.products.insert(n.to_string(), Value::Int(1));
        }
        render(&t, &p).text
    };
    assert_eq!(with(&["a", "b"]), "ab\n");
    assert_eq!(with(&["a"]), "a\n");
    assert_eq!(with(&["c", "d"]), "c\n");
    assert_eq!(with(&["d"]), "d\n");
    assert_eq!(with(&[]), "");
}

#[test]
fn forced_rendering_covers_every_branch() {
    let t = ok("% if a:\nA\n% elif b:\nB\n% else:\nC\n% endif\n% if x:\nX\n% endif\n");
    assert_eq!(t.branch_count(), 3);
    let texts: Vec<String> = (0..t.branch_count())
        .map(|k| render_forced(&t, &Platform::default(), k).text)
        .collect();
    assert_eq!(texts, ["A\nX\n", "B\n", "C\nX\n"]);
}

// ---- line maps ------------------------------------------------------------------------------

#[test]
fn line_map_points_at_template_lines() {
    let src = "a: 1\n% if True:\nb: ${'x'}\n## note\nc: ${'multi\\nline'}\n% endif\nd: ${f(1,\n2)} tail\ne: 1\n";
    let p = parse(src);
    // `f` is unknown: a render error, but the text still renders.
    let r = render(&p.template, &Platform::default());
    assert_eq!(
        r.text,
        "a: 1\nb: x\nc: multi\nline\nd: <unresolved> tail\ne: 1\n"
    );
    assert_eq!(r.line_map, vec![1, 3, 5, 5, 7, 9]);
    assert_eq!(r.template_line(5), 7);
    assert_eq!(r.template_line(99), 9);
}

#[test]
fn a_yaml_error_after_rendering_maps_back() {
    // A value with `: ` breaks the YAML only once rendered.
    let src = "a:\n  b: 1\n% if True:\n  c: ${'x: y'}\n% endif\n";
    let r = out(src, &Platform::default());
    let y = crate::yaml::parse(&r.text, crate::yaml::YamlLimits::default());
    let line = y.syntax_error().unwrap().range().start.line;
    assert_eq!(line, 3);
    assert_eq!(r.template_line(line), 4);
}

#[test]
fn guide_example_renders_to_yaml() {
    let p = parse(GUIDE);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let mut platform = Platform::default();
    platform.products.insert(
        "mariadb".into(),
        yaml_value("endpoints:\n  oslo_db:\n    auth:\n      admin:\n        password: maria-pw\n"),
    );
    platform.products.insert(
        "proton".into(),
        yaml_value("endpoints:\n  admin:\n    password: proton-admin\n  oslo_db:\n    auth:\n      user:\n        password: proton-user\n"),
    );
    let r = render(&p.template, &platform);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let y = crate::yaml::parse(&r.text, crate::yaml::YamlLimits::default());
    assert!(y.problems.is_empty(), "{:?}\n{}", y.problems, r.text);
    let v = Value::from_yaml(y.root().unwrap());
    let dt = v.get("data_template").unwrap();
    let auth = dt
        .get("endpoints")
        .and_then(|e| e.get("maria_db"))
        .and_then(|e| e.get("auth"))
        .and_then(|e| e.get("admin"))
        .unwrap();
    assert_eq!(auth.get("password"), Some(&Value::str("maria-pw")));
    assert_eq!(
        auth.get("neutron").and_then(|n| n.get("password")),
        Some(&Value::str("default"))
    );
    assert_eq!(auth.get("password1"), Some(&Value::str("proton-admin")));
    assert_eq!(auth.get("password2"), Some(&Value::str("proton-user")));
    let p3 = auth.get("password3").unwrap().to_python_str();
    assert_eq!(p3.len(), 8);
    assert_eq!(
        dt.get("pod")
            .and_then(|p| p.get("replicas"))
            .and_then(|r| r.get("devops_dashboard_api")),
        Some(&Value::Int(3))
    );
    assert_eq!(
        dt.get("labels").and_then(|l| l.get("node_selector_value")),
        Some(&Value::str("enabled"))
    );
    // Without mariadb, its direct read fails (CFG-006's point) and the text still renders.
    let r = render(&p.template, &Platform::default());
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors[0].range.start, pos(7, 22));
}

// ---- hostile input --------------------------------------------------------------------------

/// Run `f` and check it is quick (debug builds included).
fn quick<T>(what: &str, budget_ms: u64, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(
        took < Duration::from_millis(budget_ms),
        "{what} took {took:?}"
    );
    out
}

fn everything(src: &str) {
    let p = parse(src);
    let platform = Platform::default();
    let _ = render(&p.template, &platform);
    for k in 0..p.template.branch_count().min(4) {
        let _ = render_forced(&p.template, &platform, k);
    }
    let _ = p.template.uses();
}

#[test]
fn ten_thousand_nested_ifs() {
    let n = 10_000;
    let mut src = String::new();
    for i in 0..n {
        src.push_str(&format!("% if p{}:\n${{p{}['k']}}\n", i % 7, i % 5));
    }
    for _ in 0..n {
        src.push_str("% endif\n");
    }
    quick("10k nested ifs", 10_000, || {
        let p = parse(&src);
        assert!(p.errors.is_empty());
        let mut platform = Platform::default();
        for i in 0..7 {
            platform
                .products
                .insert(format!("p{i}"), Value::dict([("k", Value::Int(i))]));
        }
        let r = render(&p.template, &platform);
        assert!(r.errors.is_empty());
        assert_eq!(r.line_map.len(), n);
        let uses = p.template.uses();
        assert_eq!(uses.len(), 2 * n);
        assert!(uses.iter().filter(|u| !u.in_condition).all(|u| u.guarded));
        let _ = render_forced(&p.template, &platform, 1);
    });
    // Unclosed: one error per open block, each at its `% if`, and still quick.
    let open: String = (0..n).map(|_| "% if x:\n").collect();
    quick("10k unclosed ifs", 10_000, || {
        let p = parse(&open);
        assert_eq!(p.errors.len(), n);
        everything(&open);
    });
    let stray: String = (0..n).map(|_| "% endif\n% else:\n% elif x:\n").collect();
    quick("30k stray control lines", 10_000, || {
        assert_eq!(parse(&stray).errors.len(), 3 * n);
    });
}

#[test]
fn a_one_megabyte_expression() {
    let flat = format!("${{{}}}\nafter: ${{1}}\n", vec!["a"; 250_000].join(" or "));
    assert!(flat.len() > 1_000_000);
    quick("1 MB flat expression", 10_000, || {
        let p = parse(&flat);
        assert!(
            p.errors[0].message.en.contains("too long"),
            "{:?}",
            p.errors
        );
        assert_eq!(p.errors.len(), 1);
        everything(&flat);
    });
    let list = format!("${{[{}]}}\n", vec!["'x'"; 200_000].join(", "));
    quick("1 MB list literal", 10_000, || everything(&list));
    let deep = format!("${{{}1{}}}\n", "[".repeat(500_000), "]".repeat(500_000));
    quick("1 MB of nesting", 10_000, || {
        let p = parse(&deep);
        assert!(!p.errors.is_empty());
        everything(&deep);
    });
    let nots = format!("${{{}x}}\n", "not ".repeat(250_000));
    quick("250k nots", 10_000, || everything(&nots));
    let chain = format!("${{p{}}}\n", ".get('a', {})".repeat(1_000));
    quick("long .get chain", 10_000, || {
        let p = parse(&chain);
        assert!(p.errors.is_empty());
        let mut platform = Platform::default();
        platform.products.insert("p".into(), Value::Dict(vec![]));
        let r = render(&p.template, &platform);
        assert!(r.errors.is_empty());
        assert_eq!(r.text, "{}\n");
    });
    let dict = format!(
        "${{ {{{}}} }}\n",
        (0..4_000)
            .map(|i| format!("'k{}': {i}", i % 500))
            .collect::<Vec<_>>()
            .join(", ")
    );
    quick("dict literal with repeated keys", 10_000, || {
        let r = out(&dict, &Platform::default());
        assert!(r.errors.is_empty());
    });
}

#[test]
fn unterminated_and_pathological_strings() {
    for src in [
        "${",
        "${'",
        "${\"\"\"",
        "a: ${x\n",
        "a: ${'''never\n\n\n",
        "${${${${",
        "}}}}}}",
        "${}}}",
        "${ {{{{ }",
        "${'\\",
        "${'\\x4'}",
        "${'\\N{DASH}'}",
        "${'\\u12'}",
        "${r'\\'}",
        "${\"\\\"}",
        "${'\u{0}'}\u{0}",
        "% if '\u{10ffff}' and 'é':\n𝄞 ${'𝄞'}\n% endif",
        "\r\r\r% if\r${\r}",
        "%",
        "%%",
        "##",
        "\\",
        "\\\n",
        "$",
        "${1e999}",
        "${0x}",
        "${1_}",
        "${.}",
        "${(}",
        "${[}",
        "${a[}",
        "${a.b.c.d()}",
        "${f(a=1, 2)}",
        "${f(**k)}",
        "${-'x'}",
        "${[] < {}}",
        "${'a' * 99999999999}",
        "${[1] * 99999999999}",
        "${9223372036854775807 + 1}",
        "${-9223372036854775807 - 2}",
        "${random_password('x', 99999999)}",
        "${'x' in 3}",
        "${{}['a']}",
        "${[][0]}",
        "${None()}",
        "${safe_render()}",
        "${safe_render_multi(1, 2, 3)}",
        "${int('x')}${float([])}${len(3)}",
        "<%",
        "</%",
        "% if x:\n% elif\n% else\n% endif :\n",
    ] {
        everything(src);
    }
    let quotes = "${'".repeat(100_000);
    quick("100k unterminated substitutions", 10_000, || {
        // Mako stops at the first; past a linear scanning budget, `${` is read as text.
        let p = parse(&quotes);
        assert!(
            !p.errors.is_empty() && p.errors.len() < 10,
            "{}",
            p.errors.len()
        );
        everything(&quotes);
    });
    let lines = "${(\n".repeat(100_000);
    quick("100k lines of unclosed substitutions", 10_000, || {
        everything(&lines)
    });
    let long_string = format!("${{'{}'}}\n", "\\n\\x41é".repeat(100_000));
    quick("long escaped string", 10_000, || everything(&long_string));
}

#[test]
fn pseudo_random_templates_never_panic() {
    const PIECES: &[&str] = &[
        "${",
        "}",
        "% if ",
        "% elif ",
        "% else:",
        "% endif",
        "\n",
        "  ",
        "'",
        "\"",
        "[",
        "]",
        "{",
        "(",
        ")",
        ",",
        ":",
        "p",
        "['k']",
        ".get(",
        "not ",
        " and ",
        " or ",
        "1",
        "2.5",
        "None",
        "##",
        "%%",
        "\\",
        "\r",
        "é",
        "random_password(",
        "safe_render(",
        "==",
        " in ",
        "'''",
        "#",
        "<%",
        "x if y else z",
        "-",
        "*",
        "+",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    quick("2000 random templates", 10_000, || {
        for _ in 0..2000 {
            let n = (next() % 60) as usize;
            let src: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            everything(&src);
        }
    });
}

#[test]
fn deep_product_configs_are_safe() {
    // A product config nested as deep as YAML allows, printed whole.
    let deep = "a:\n".to_string()
        + &(1..120)
            .map(|i| format!("{}a:\n", "  ".repeat(i)))
            .collect::<String>();
    let mut platform = Platform::default();
    platform.products.insert("p".into(), yaml_value(&deep));
    let r = out("${p}\n${p == p}\n", &platform);
    assert!(r.errors.is_empty());
    assert!(r.text.ends_with("True\n"));
}

#[test]
fn output_is_bounded() {
    let mut platform = Platform::default();
    platform
        .products
        .insert("big".into(), Value::str("x".repeat(1 << 20)));
    let src = "a: 1\n".to_string() + &"${big}\n".repeat(40);
    let r = quick("40 MiB of output", 10_000, || out(&src, &platform));
    assert!(r.text.len() <= 32 << 20);
    assert_eq!(
        r.errors.len(),
        1,
        "{:?}",
        r.errors.first().map(|e| &e.message)
    );
    assert!(r.errors[0].message.en.contains("larger than 32 MiB"));
    assert_eq!(r.errors[0].range.start.line, 33);
}

/// Issue 8, found by fuzzing: values a template builds are bounded by their deep size, not
/// their length: `[[1] * 5000] * 5000` held 25 million values (7.7 s, 877 MB), `[s] * n`
/// copies `s` n times, `str()` of such a value printed hundreds of MB.
#[test]
fn built_values_are_bounded_by_their_deep_size() {
    for src in [
        "${[[1] * 5000] * 5000}\n",
        "${['x' * 1000000] * 1000000}\n",
        "${str([['x' * 1000] * 1000] * 100)}\n",
        "${[['x' * 600000], ['y' * 600000]]}\n",
        "${[['x' * 600000]] + [['y' * 600000]]}\n",
        "${{'a': 'x' * 600000, 'b': 'y' * 600000}}\n",
    ] {
        let r = quick(src, 2_000, || out(src, &Platform::default()));
        assert_eq!(r.errors.len(), 1, "{src}: {:?}", r.errors);
        assert!(
            r.errors[0].message.en.contains("too large"),
            "{src}: {}",
            r.errors[0].message.en
        );
    }
    // Within the bound, as Python prints them.
    assert_eq!(text("${[1, [2]] * 2}\n"), "[1, [2], 1, [2]]\n");
    assert_eq!(text("${[1] + [[2, 3]]}\n"), "[1, [2, 3]]\n");
    assert_eq!(text("${[0] * 0}\n"), "[]\n");
    assert_eq!(text("${len(['x' * 1000] * 1000)}\n"), "1000\n");
    assert_eq!(text("${len([[1] * 1000] * 1000)}\n"), "1000\n");
}

#[test]
fn license_data_is_an_empty_object() {
    assert_eq!(
        text("a: ${license.get('values', {}).get('x', 1)}\n% if license:\nb\n% endif\n"),
        "a: 1\n"
    );
    assert!(!out("${license['values']}", &Platform::default())
        .errors
        .is_empty());
}
