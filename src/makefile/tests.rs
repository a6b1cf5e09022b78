use super::{Kind, Makefile, Problem};

/// What GNU make prints for a problem (None: make reads on without a word).
fn make_says(p: &Problem, code: &str) -> Option<String> {
    let shut = if code.starts_with("${") { '}' } else { ')' };
    Some(match p {
        Problem::MissingSeparator | Problem::SpacesRecipe { as_rule: false } => {
            "missing separator".into()
        }
        Problem::SpacesRecipe { as_rule: true } => return None,
        Problem::RecipeBeforeFirstTarget => "recipe commences before first target".into(),
        Problem::Unterminated {
            function: Some(f), ..
        } => format!("unterminated call to function '{f}': missing '{shut}'"),
        Problem::Unterminated { function: None, .. } => "unterminated variable reference".into(),
        Problem::Arity {
            function, given, ..
        } => format!("insufficient number of arguments ({given}) to function '{function}'"),
        Problem::MissingEndif => "missing 'endif'".into(),
        Problem::Extraneous(word) => format!("extraneous '{word}'"),
        Problem::MissingEndef => "missing 'endef', unterminated 'define'".into(),
    })
}

/// The cases of `tests/makefile-oracle/cases.mk`, by name.
fn cases() -> Vec<(String, String)> {
    let text = include_str!("../../tests/makefile-oracle/cases.mk");
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("### ") {
            out.push((name.trim().to_string(), String::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
        }
    }
    out
}

/// Every case against what GNU make said of it (`scripts/makefile-oracle.sh` wrote
/// `expected.txt`): the first problem that stops make, its line and its words; nothing for a
/// case make reads. A missing `endif` make reports at the end of the file, we at the `if`.
#[test]
fn reads_like_gnu_make() {
    let expected = include_str!("../../tests/makefile-oracle/expected.txt");
    let cases = cases();
    assert!(cases.len() > 50);
    let mut wrong = Vec::new();
    for (name, text) in &cases {
        let want = expected
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| {
                panic!("{name}: not in expected.txt; run scripts/makefile-oracle.sh")
            });
        let m = Makefile::parse(text);
        let got = m.problems.iter().find_map(|p| {
            let says = make_says(&p.problem, &text[p.start..])?;
            Some((m.pos(p.start).line, says, &p.problem))
        });
        let got = match got {
            None => "ok".to_string(),
            Some((_, says, Problem::MissingEndif)) => {
                format!("{}: {says}", want.split(':').next().unwrap())
            }
            // make adds a hint for 8 spaces.
            Some((line, says, _)) if want.contains("(did you mean TAB") => {
                format!("{line}: {says} (did you mean TAB instead of 8 spaces?)")
            }
            Some((line, says, _)) => format!("{line}: {says}"),
        };
        if got != want {
            wrong.push(format!("{name}: make says `{want}`, we say `{got}`"));
        }
        if name.starts_with("ok-") {
            let silent: Vec<_> = m
                .problems
                .iter()
                .filter(|p| make_says(&p.problem, &text[p.start..]).is_some())
                .collect();
            assert!(silent.is_empty(), "{name}: {silent:?}");
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn lines_and_places() {
    let m =
        Makefile::parse("X := a \\\n  b # c\nall: x ; echo $@\n\techo \\\n  more\n  # note\n\n");
    let kinds: Vec<Kind> = m.lines.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Assignment,
            Kind::Rule,
            Kind::Recipe { spaces: false },
            Kind::Blank,
            Kind::Blank
        ]
    );
    assert_eq!(m.variable("X"), Some("a \\\n  b"));
    assert_eq!(&m.text[m.lines[1].body..m.lines[1].end], " echo $@");
    assert_eq!(&m.text[m.lines[2].body..m.lines[2].end], "echo \\\n  more");
    let p = m.pos(m.lines[2].end);
    assert_eq!((p.line, p.column), (5, 7));
}

#[test]
fn the_guides_broken_line_is_joined_to_find_the_short_patsubst() {
    let m = Makefile::parse(
        "CHARTS := $(filter-out $(EXCLUDES), $(patsubst chart/%/./, $(wildcard\nchart/*/.)))\n\nall: $(CHARTS)\n",
    );
    let found: Vec<_> = m
        .problems
        .iter()
        .map(|p| (p.problem.clone(), m.pos(p.start), m.pos(p.end)))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0].0,
        Problem::Unterminated {
            function: Some("filter-out"),
            broken_line: true
        }
    );
    assert_eq!((found[0].1.line, found[0].1.column), (1, 11));
    assert_eq!((found[0].2.line, found[0].2.column), (1, 23));
    assert_eq!(
        found[1].0,
        Problem::Arity {
            function: "patsubst",
            given: 2,
            min: 3
        }
    );
    assert_eq!((found[1].1.line, found[1].1.column), (1, 37));
    assert_eq!((found[1].2.line, found[1].2.column), (2, 12));
    assert_eq!(m.lines[1].kind, Kind::Blank);
    assert_eq!(m.lines[2].kind, Kind::Rule);
}

#[test]
fn spaces_recipe_points_at_the_indentation() {
    let m = Makefile::parse("all:\n\t@echo a\n    @echo b\n    echo c: d\nX = 1\n    Y = 2\n");
    let found: Vec<_> = m
        .problems
        .iter()
        .map(|p| (p.problem.clone(), m.pos(p.start).line, m.pos(p.end).column))
        .collect();
    assert_eq!(
        found,
        [
            (Problem::SpacesRecipe { as_rule: false }, 3, 5),
            (Problem::SpacesRecipe { as_rule: true }, 4, 5)
        ]
    );
    assert_eq!(m.lines[2].kind, Kind::Recipe { spaces: true });
    assert_eq!(m.lines[5].kind, Kind::Assignment);
}
