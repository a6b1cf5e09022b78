//! Executor semantics, with expectations observed with helm v3.17.3 (`helm template` on a tiny
//! chart) unless a comment says otherwise.

use std::rc::Rc;

use gotmpl::{Call, ErrorKind, Funcs, Limits, Map, MissingKey, Options, Templates, Value};

/// Helm's `include`, `tpl` and a few Sprig-like helpers, enough for the tests.
fn funcs() -> Funcs {
    fn arg(args: &[Value], i: usize) -> Value {
        args.get(i).cloned().unwrap_or(Value::Nil)
    }
    let mut f = Funcs::new();
    f.insert(
        "include",
        Rc::new(|call: &mut Call<'_>, args: &[Value]| {
            let name = arg(args, 0).as_str().unwrap_or_default().to_string();
            call.include(&name, &arg(args, 1))
        }),
    );
    f.insert(
        "tpl",
        Rc::new(|call: &mut Call<'_>, args: &[Value]| {
            let text = arg(args, 0).as_str().unwrap_or_default().to_string();
            call.tpl(&text, &arg(args, 1)).map_err(|e| {
                format!(
                    "error during tpl function execution for {}: {e}",
                    gotmpl::fmt::sprintf("%q", &[arg(args, 0)])
                )
            })
        }),
    );
    f.add("list", |args| Ok(Value::list(args.to_vec())));
    f.add("dict", |args| {
        let map = Map::new();
        for pair in args.chunks(2) {
            map.insert(
                pair[0].as_str().unwrap_or_default(),
                pair.get(1).cloned().unwrap_or(Value::Nil),
            );
        }
        Ok(Value::Map(map))
    });
    f.add("nindent", |args| {
        let n = match arg(args, 0) {
            Value::Int(n, _) => n.clamp(0, 100) as usize,
            _ => 0,
        };
        let pad = " ".repeat(n);
        let text = arg(args, 1).as_str().unwrap_or_default().to_string();
        Ok(Value::from(format!(
            "\n{pad}{}",
            text.replace('\n', &format!("\n{pad}"))
        )))
    });
    f.add("fail", |args| {
        Err(arg(args, 0).as_str().unwrap_or_default().to_string())
    });
    f.add("upper", |args| match arg(args, 0) {
        Value::String(s) => Ok(Value::from(s.to_uppercase())),
        _ => Err(gotmpl::bad_arg(0, "string")),
    });
    // As Sprig's `repeat` must: refuse before building a string over the limit.
    f.insert(
        "repeat",
        Rc::new(|call: &mut Call<'_>, args: &[Value]| {
            let n = match arg(args, 0) {
                Value::Int(n, _) => n.max(0) as usize,
                _ => 0,
            };
            let s = arg(args, 1).as_str().unwrap_or_default().to_string();
            if n.saturating_mul(s.len()) > call.limits().max_string {
                return Err(gotmpl::limit_exceeded(&format!(
                    "repeat would build a string of {} bytes",
                    n.saturating_mul(s.len())
                )));
            }
            call.charge(n as u64)?;
            Ok(Value::from(s.repeat(n)))
        }),
    );
    f
}

fn values() -> Value {
    let values = Map::new();
    values.insert("name", Value::str("web"));
    values.insert("replicas", Value::Float(1000000.0));
    values.insert("port", Value::Float(80.0));
    values.insert("empty", Value::str(""));
    values.insert("nothing", Value::Nil);
    values.insert("list", Value::list(vec![Value::str("a"), Value::str("b")]));
    let nested = Map::new();
    nested.insert("b", Value::int(2));
    nested.insert("a", Value::int(1));
    values.insert("map", Value::Map(nested));
    let top = Map::new();
    top.insert("Values", Value::Map(values));
    Value::Map(top)
}

fn run_with(text: &str, options: &Options) -> Result<String, gotmpl::Error> {
    let mut set = Templates::new();
    set.declare_funcs(&funcs());
    set.parse("c/templates/x.yaml", text, &options.limits)?;
    set.execute("c/templates/x.yaml", &values(), &funcs(), options)
        .map(|o| o.text)
}

fn helm_options() -> Options {
    Options {
        missing_key: MissingKey::Zero,
        ..Options::default()
    }
}

fn run(text: &str) -> String {
    run_with(text, &helm_options()).unwrap_or_else(|e| panic!("{text:?}: {}", e.go_message()))
}

fn fail(text: &str) -> gotmpl::Error {
    match run_with(text, &helm_options()) {
        Ok(out) => panic!("{text:?} rendered {out:?}"),
        Err(e) => e,
    }
}

#[test]
fn values_print_as_go_prints_them() {
    assert_eq!(run("{{ .Values.name }} {{ .Values.replicas }} {{ .Values.port }} {{ .Values.list }} {{ .Values.map }}"), "web 1e+06 80 [a b] map[a:1 b:2]");
    assert_eq!(
        run("a{{ .Values.nope }}b{{ .Values.nothing }}"),
        "a<no value>b<no value>"
    );
    assert_eq!(run("{{ printf \"%v\" .Values.nope }}"), "<nil>");
}

#[test]
fn control_structures() {
    assert_eq!(
        run("{{ if .Values.empty }}1{{ else if .Values.name }}2{{ else }}3{{ end }}"),
        "2"
    );
    assert_eq!(
        run("{{ with .Values.nope }}x{{ else with .Values.name }}{{ . }}{{ end }}"),
        "web"
    );
    assert_eq!(
        run("{{ range $i, $e := .Values.list }}{{ $i }}={{ $e }};{{ end }}"),
        "0=a;1=b;"
    );
    assert_eq!(
        run("{{ range $k, $v := .Values.map }}{{ $k }}{{ $v }}{{ end }}"),
        "a1b2"
    );
    assert_eq!(
        run("{{ range .Values.nope }}x{{ else }}empty{{ end }}"),
        "empty"
    );
    assert_eq!(run("{{ range .Values.list }}{{ if eq . \"a\" }}{{ continue }}{{ end }}{{ . }}{{ break }}{{ end }}"), "b");
    assert_eq!(
        run("{{- $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}"),
        "2"
    );
    assert_eq!(
        run("{{ if false }}{{ else if $v := 3 }}{{ $v }}{{ end }}|{{ eq nil nil }}"),
        "3|true"
    );
    assert_eq!(
        run("{{ $ := 5 }}{{ range .Values.list }}{{ $ }}{{ end }}"),
        "55"
    );
    assert_eq!(run("{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ and 1 2 }} {{ or 0 false }} {{ not .Values.empty }}"), "0 x 2 false true");
    // `and` does not evaluate what it does not need (the `fail` never runs).
    assert_eq!(run("{{ and false (fail \"boom\") }}"), "false");
    assert_eq!(run("{{ .Values.name | printf \"%s-%s\" \"x\" }}"), "x-web");
    assert_eq!(run("{{ (dict \"a\" (dict \"b\" 7)).a.b }}"), "7");
    assert_eq!(run("{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" .Values.name }}{{ block \"b\" 1 }}B{{ . }}{{ end }}"), "[web]B1");
}

#[test]
fn errors_are_worded_and_placed_as_go_does() {
    let e = fail("{{ .Values.foo.bar }}");
    assert_eq!(e.go_text, "template: c/templates/x.yaml:1:10: executing \"c/templates/x.yaml\" at <.Values.foo.bar>: nil pointer evaluating interface {}.bar");
    assert_eq!((e.at.line, e.at.col), (1, 11));
    let e = fail("{{ template \"nope\" . }}");
    assert_eq!(e.go_text, "template: c/templates/x.yaml:1:12: executing \"c/templates/x.yaml\" at <{{template \"nope\" .}}>: template \"nope\" not defined");
    let e = fail("{{ include \"nope\" . }}");
    assert_eq!(e.go_text, "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <include \"nope\" .>: error calling include: template: no template \"nope\" associated with template \"gotpl\"");
    let cases = [
        ("{{ range 3 }}{{ . }}{{ end }}", "template: c/templates/x.yaml:1:9: executing \"c/templates/x.yaml\" at <3>: range can't iterate over 3"),
        ("{{ eq 1 1.0 }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <eq 1 1.0>: error calling eq: incompatible types for comparison"),
        ("{{ index (list 1 2) 5 }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <index (list 1 2) 5>: error calling index: index out of range: 5"),
        ("{{ .Values.name.y }}", "template: c/templates/x.yaml:1:10: executing \"c/templates/x.yaml\" at <.Values.name.y>: can't evaluate field y in type interface {}"),
        ("{{ $x := 1 }}{{ $x.a }}", "template: c/templates/x.yaml:1:18: executing \"c/templates/x.yaml\" at <$x.a>: can't evaluate field a in type int"),
        ("{{ 3 | .x }}", "template: c/templates/x.yaml:1:7: executing \"c/templates/x.yaml\" at <.x>: x is not a method but has arguments"),
        ("{{ 1 2 }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <1>: can't give argument to non-function 1"),
        ("{{ nil }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <nil>: nil is not a command"),
        ("{{ not }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <not>: wrong number of args for not: want 1 got 0"),
        ("{{ and }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <and>: wrong number of args for and: want at least 1 got 0"),
        ("{{ len 3 }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <len 3>: error calling len: len of type int"),
        ("{{ 18446744073709551615 }}", "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <18446744073709551615>: 18446744073709551615 overflows int"),
        ("{{ $x := 1 }}{{ $x = 2 }}{{ $y = 3 }}", "template: c/templates/x.yaml:1:33: executing \"c/templates/x.yaml\" at <3>: undefined variable: $y"),
    ];
    for (text, want) in cases {
        assert_eq!(fail(text).go_text, want, "{text}");
    }
    // Arguments of the wrong type, worded after the argument's node (helm's texts).
    let messages = [
        ("# {{ upper 1 }}", "<1>: expected string; found 1"),
        ("# {{ upper nil }}", "<nil>: cannot assign nil to string"),
        ("# {{ upper .Values.port }}", "<.Values.port>: wrong type for value; expected string; got float64"),
        ("# {{ .Values.nope | upper }}", "<upper>: invalid value; expected string"),
        ("# [{{ upper .Values.nope }}]", "x.yaml:1:19: executing \"c/templates/x.yaml\" at <.Values.nope>: wrong type for value; expected string; got interface {}"),
        ("# {{ upper (list 1) }}", "x.yaml:1:17: executing \"c/templates/x.yaml\" at <1>: wrong type for value; expected string; got []interface {}"),
        ("# {{ printf 1 }}", "<1>: expected string; found 1"),
        ("# {{ call .Values.port }}", "<call .Values.port>: error calling call: non-function .Values.port of type float64"),
        ("# {{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}", "<{{template \"r\" .}}>: exceeded maximum template depth (100000)"),
    ];
    for (text, want) in messages {
        let e = fail(text);
        assert!(e.go_text.ends_with(want), "{text}: {}", e.go_text);
    }
    assert_eq!(run("{{ js \"é\u{2028}\" }}"), "é\\u2028");
}

#[test]
fn errors_inside_includes_keep_their_place_and_the_chain() {
    on_small_stack(errors_inside_includes);
}

fn errors_inside_includes() {
    let e =
        fail("{{ define \"t\" }}{{ .Values.a.b }}{{ end }}x\n{{ include \"t\" . | nindent 2 }}");
    assert_eq!(e.go_text, "template: c/templates/x.yaml:2:3: executing \"c/templates/x.yaml\" at <include \"t\" .>: error calling include: template: c/templates/x.yaml:1:26: executing \"t\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
    assert_eq!((e.at.line, e.at.col), (1, 27));
    assert_eq!(e.chain.len(), 1);
    assert_eq!((e.chain[0].line, e.chain[0].col), (2, 4));
    let e = fail("{{ tpl \"{{ .nope.x }}\" . }}");
    assert_eq!(e.go_text, "template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <tpl \"{{ .nope.x }}\" .>: error calling tpl: error during tpl function execution for \"{{ .nope.x }}\": template: gotpl:1:8: executing \"gotpl\" at <.nope.x>: nil pointer evaluating interface {}.x");
    assert_eq!(&*e.at.template, "gotpl");
    assert_eq!(e.chain[0].line, 1);
}

#[test]
fn include_and_tpl() {
    on_small_stack(include_and_tpl_body);
}

fn include_and_tpl_body() {
    assert_eq!(run("{{ define \"u\" }}g{{ .Values.nope }}h{{ end }}{{ include \"u\" . }} {{ tpl \"c{{ .Values.name }}d\" . }}"), "g<no value>h cwebd");
    assert_eq!(
        run("{{ tpl \"{{ define \\\"zz\\\" }}Z{{ end }}{{ include \\\"zz\\\" . }}\" . }}"),
        "Z"
    );
    let e = fail("{{ define \"t\" }}{{ include \"t\" . }}{{ end }}{{ include \"t\" . }}");
    assert!(e.go_text.ends_with("error calling include: rendering template has a nested reference name: t: unable to execute template"), "{}", &e.go_text[e.go_text.len() - 200..]);
}

#[test]
fn missing_keys_by_mode() {
    let default = Options::default();
    assert_eq!(
        run_with("{{ .Values.foo.bar }}", &default).unwrap(),
        "<no value>"
    );
    let strict = Options {
        missing_key: MissingKey::Error,
        ..Options::default()
    };
    let e = run_with("{{ .Values.foo }}", &strict).unwrap_err();
    assert_eq!(e.message, "map has no entry for key \"foo\"");
}

#[test]
fn source_map_points_at_the_writer_of_each_line() {
    let mut set = Templates::new();
    let text = "a: 1\n{{- define \"t\" -}}\nx: {{ .Values.name }}\ny: 2\n{{- end }}\nb:\n{{- include \"t\" . | nindent 2 }}\nc: {{ .Values.port }}\n";
    set.parse("c/templates/x.yaml", text, &Limits::default())
        .unwrap();
    let out = set
        .execute("c/templates/x.yaml", &values(), &funcs(), &helm_options())
        .unwrap();
    assert_eq!(out.text, "a: 1\nb:\n  x: web\n  y: 2\nc: 80\n");
    let lines: Vec<(u32, usize)> = out
        .lines
        .iter()
        .map(|o| (o.at.line, o.chain.len()))
        .collect();
    // a: (line 1), b: (line 6), x: and y: from the define (lines 3, 4) via the include, c: (line 8).
    assert_eq!(&lines[..5], &[(1, 0), (6, 0), (3, 1), (4, 1), (8, 0)]);
    assert_eq!(out.lines[2].chain[0].line, 7);
}

#[test]
fn an_include_printed_as_it_came_or_changed_gives_its_lines_the_same_origins() {
    // An include printed as it came, and the same include with its text changed by `nindent 0`
    // (its lines then matched one by one): each line gets the same origin either way.
    let define = "{{- define \"t\" }}x: {{ .Values.name }}\n\n  y: 2\n\t\nz\n{{ end -}}\n";
    let origins = |print: &str| {
        let mut set = Templates::new();
        let text = format!("{define}{print}");
        set.parse("c/templates/x.yaml", &text, &Limits::default())
            .unwrap();
        let out = set
            .execute("c/templates/x.yaml", &values(), &funcs(), &helm_options())
            .unwrap();
        let at: Vec<(u32, u32, Vec<u32>)> = out
            .lines
            .iter()
            .map(|o| {
                (
                    o.at.line,
                    o.at.col,
                    o.chain.iter().map(|f| f.line).collect(),
                )
            })
            .collect();
        (out.text, at)
    };
    let (text, as_it_came) = origins("{{ include \"t\" . }}");
    let (indented, matched) = origins("{{ include \"t\" . | nindent 0 }}");
    assert_eq!(text, "x: web\n\n  y: 2\n\t\nz\n");
    assert_eq!(indented, format!("\n{text}"));
    assert_eq!(as_it_came, matched[1..], "{as_it_came:?}");
    // x:, y: and z come from the define's lines 1, 3 and 5; blank lines from the action (7).
    let lines: Vec<u32> = as_it_came.iter().map(|o| o.0).collect();
    assert_eq!(lines[..5], [1, 7, 3, 7, 5]);
}

#[test]
fn text_lines_are_placed_at_their_first_non_blank_byte() {
    // Text after an action on its line, blank lines, leading spaces and tabs, a multi-byte
    // character: each output line's origin is the line and byte column it was written from
    // (the first line's is the action's, at its pipeline).
    let text = "{{ 1 }} k: v\n\n  a: é\n\t b: 2\n   \nc: {{ 2 }}\n  d";
    let mut set = Templates::new();
    set.parse("t", text, &Limits::default()).unwrap();
    let out = set
        .execute("t", &values(), &funcs(), &helm_options())
        .unwrap();
    assert_eq!(out.text, "1 k: v\n\n  a: é\n\t b: 2\n   \nc: 2\n  d");
    let at: Vec<(u32, u32)> = out.lines.iter().map(|o| (o.at.line, o.at.col)).collect();
    assert_eq!(
        at,
        [(1, 4), (2, 1), (3, 3), (4, 3), (5, 1), (6, 1), (7, 3)],
        "{:?}",
        out.lines
    );
}

#[test]
fn a_parse_cache_gives_the_same_templates_and_notices_changed_text() {
    let mut cache = gotmpl::ParseCache::default();
    let limits = Limits::default();
    let render = |text: &str, cache: &mut gotmpl::ParseCache| {
        let mut set = Templates::new();
        set.declare_funcs(&funcs());
        set.parse_cached(
            "c/templates/_h.tpl",
            "{{ define \"h\" }}h={{ . }}{{ end }}",
            &limits,
            cache,
        )
        .unwrap();
        set.parse_cached("c/templates/x.yaml", text, &limits, cache)?;
        set.execute(
            "c/templates/x.yaml",
            &Value::int(1),
            &funcs(),
            &helm_options(),
        )
        .map(|o| o.text)
    };
    let first = "a: {{ include \"h\" . }}";
    assert_eq!(render(first, &mut cache).unwrap(), "a: h=1");
    assert_eq!(render(first, &mut cache).unwrap(), "a: h=1");
    // The same name with other text is parsed again, errors included.
    assert_eq!(render("b: {{ . }}", &mut cache).unwrap(), "b: 1");
    let error = render("{{ nosuchfunc }}", &mut cache).unwrap_err();
    assert_eq!(error, render("{{ nosuchfunc }}", &mut cache).unwrap_err());
    assert!(
        error.go_message().contains("\"nosuchfunc\" not defined"),
        "{}",
        error.go_message()
    );
}

#[test]
fn hostile_templates_end_in_limit_errors_quickly() {
    on_small_stack(hostile);
}

/// CPU seconds this thread has used (Linux; elsewhere 0): the machines that run the tests are
/// shared, so wall-clock time says little.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: f64 = fields
        .get(11)
        .and_then(|u| u.parse::<f64>().ok())
        .unwrap_or(0.0)
        + fields
            .get(12)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0);
    ticks / 100.0
}

fn hostile() {
    let start = cpu_seconds();
    // Deep nesting in the parser.
    let deep = "{{ if 1 }}".repeat(10_000) + &"{{ end }}".repeat(10_000);
    assert_eq!(
        run_with(&deep, &helm_options()).unwrap_err().kind,
        ErrorKind::Limit
    );
    // Huge output.
    let small = Options {
        limits: Limits {
            max_output: 1 << 20,
            ..Limits::default()
        },
        ..helm_options()
    };
    let e = run_with("{{ range $i, $e := (list 1 2 3 4 5 6 7 8 9 10) }}{{ range (list 1 2 3 4 5 6 7 8 9 10) }}{{ repeat 100000 \"x\" }}{{ end }}{{ end }}", &small).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Limit);
    // A huge string.
    let e = run_with(
        "{{ repeat 100000000 \"xx\" | len }}",
        &Options {
            limits: Limits {
                max_string: 1 << 20,
                ..Limits::default()
            },
            ..helm_options()
        },
    );
    assert_eq!(e.unwrap_err().kind, ErrorKind::Limit);
    // Many steps.
    let steps = Options {
        limits: Limits {
            max_steps: 100_000,
            ..Limits::default()
        },
        ..helm_options()
    };
    let e = run_with("{{ define \"t\" }}{{ range (list 1 2 3 4 5 6 7 8 9 10) }}{{ include \"u\" . }}{{ end }}{{ end }}{{ define \"u\" }}{{ range (list 1 2 3 4 5 6 7 8 9 10) }}{{ range (list 1 2 3 4 5 6 7 8 9 10) }}{{ range (list 1 2 3 4 5 6 7 8 9 10) }}x{{ end }}{{ end }}{{ end }}{{ end }}{{ range (list 1 2 3 4 5 6 7 8 9 10) }}{{ include \"t\" . }}{{ end }}", &steps);
    assert_eq!(e.unwrap_err().kind, ErrorKind::Limit);
    // Debug builds are many times slower; the bound is for what ships.
    if !cfg!(debug_assertions) {
        assert!(cpu_seconds() - start < 1.0, "{} s", cpu_seconds() - start);
    }
}

/// Runs `f` on a thread with wasm's stack (1 MB) in release builds; debug builds use far bigger
/// frames, so they get more (the release figure is the one that matters).
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let size = if cfg!(debug_assertions) {
        2 << 20
    } else {
        1 << 20
    };
    std::thread::Builder::new()
        .stack_size(size)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_include_chain_fits_the_stack() {
    on_small_stack(|| {
        // 1000 distinct defines, each including the next.
        let mut text = String::new();
        for i in 0..1000 {
            text.push_str(&format!(
                "{{{{ define \"d{i}\" }}}}{{{{ include \"d{}\" . }}}}{{{{ end }}}}",
                i + 1
            ));
        }
        text.push_str("{{ define \"d1000\" }}bottom{{ end }}{{ include \"d0\" . }}");
        match run_with(&text, &helm_options()) {
            Ok(out) => assert_eq!(out, "bottom"),
            Err(e) => assert_eq!(e.kind, ErrorKind::Limit, "{}", e.message),
        }
        let e = fail("{{ define \"t\" }}{{ include \"t\" . }}{{ end }}{{ include \"t\" . }}");
        assert!(e.go_text.ends_with("unable to execute template"));
    });
}

#[test]
fn ten_megabyte_template_parses_and_runs_quickly() {
    // 10 MB of text and actions, as a hostile (or generated) template may be.
    let line = "key-{{ .Values.name }}: {{ printf \"%d\" 42 | quote }} {{- if .Values.list }} yes{{ end }}\n";
    let text = line.repeat(10 * 1024 * 1024 / line.len());
    let mut funcs = funcs();
    funcs.add("quote", |args| {
        Ok(Value::from(format!("\"{}\"", gotmpl::fmt::sprint(args))))
    });
    let start = cpu_seconds();
    let mut set = Templates::new();
    set.parse("big", &text, &Limits::default()).unwrap();
    let out = set
        .execute("big", &values(), &funcs, &helm_options())
        .unwrap();
    assert!(out.text.starts_with("key-web: \"42\" yes\nkey-web"));
    assert_eq!(out.lines.len(), text.lines().count() + 1);
    drop(set);
    if !cfg!(debug_assertions) {
        assert!(cpu_seconds() - start < 1.0, "{} s", cpu_seconds() - start);
    }
}

/// Random token soup through the parser and the executor: errors are fine, panics are not.
#[test]
fn random_templates_never_panic() {
    const PIECES: &[&str] = &[
        "{{",
        "}}",
        "{{- ",
        " -}}",
        "{{/*",
        "*/}}",
        " ",
        "\n",
        "if ",
        "else ",
        "end",
        "range ",
        "with ",
        "define ",
        "template ",
        "block ",
        "break",
        "continue",
        ".",
        ".Values",
        ".name",
        ".list",
        "$",
        "$x",
        ":=",
        "=",
        "|",
        "(",
        ")",
        ",",
        "\"s\"",
        "`r`",
        "'c'",
        "'é'",
        "1",
        "-2",
        "0x1F",
        "1.5e3",
        "nil",
        "true",
        "printf ",
        "\"%v %d\" ",
        "include ",
        "\"t\" ",
        "tpl ",
        "len ",
        "index ",
        "eq ",
        "and ",
        "or ",
        "not ",
        "slice ",
        "é",
        "中",
        "\\",
        "\"",
        "}",
        "{",
        "-",
        "x",
        "{{ define \"t\" }}",
        "{{ end }}",
        "{{ $x := 1 }}",
    ];
    on_small_stack(|| {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let funcs = funcs();
        let limits = Limits {
            max_steps: 10_000,
            ..Limits::default()
        };
        let options = Options {
            limits: limits.clone(),
            ..helm_options()
        };
        let mut parsed = 0;
        for round in 0..30_000 {
            let len = (next() % 24) as usize;
            let mut text = String::new();
            for _ in 0..len {
                // Half the rounds build whole actions, which parse more often.
                if round % 2 == 0 && next() % 3 == 0 {
                    text.push_str("{{ ");
                    for _ in 0..1 + next() % 4 {
                        text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                        text.push(' ');
                    }
                    text.push_str("}}");
                } else {
                    text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                }
            }
            let mut set = Templates::new();
            if set.parse("t", &text, &limits).is_ok() {
                parsed += 1;
                let _ = set.execute("t", &values(), &funcs, &options);
            }
        }
        assert!(parsed > 1000, "{parsed} parsed");
    });
}
