//! Every rule's documented examples are run as tests (as biome does), by the rule tester
//! ([`super::tester`]).
//!
//! A fenced block in a rule's docs whose info string reads `<lang>,fail,file=<path>` or
//! `<lang>,pass,file=<path>` is written over `<path>` (relative to the chart root) of the good
//! fixture project (`tests/fixtures/good-project`); `delete=<path>` removes that file instead.
//! A `fail` example must make the rule report; a `pass` example must not.

use super::tester::{examples, good_project, run, Tester};
use super::ALL;

#[test]
fn every_checked_rule_has_a_failing_and_a_passing_example() {
    for rule in ALL {
        let ex = examples(rule);
        assert!(
            ex.iter().any(|(fail, _)| *fail),
            "{}: no failing example in its docs",
            rule.id
        );
        assert!(
            ex.iter().any(|(fail, _)| !*fail),
            "{}: no passing example in its docs",
            rule.id
        );
    }
}

#[test]
fn documented_examples_behave_as_documented() {
    let failures: Vec<String> = ALL
        .iter()
        .flat_map(|rule| Tester::new(rule).examples().problems())
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_docs_in_both_languages() {
    for rule in ALL {
        assert!(rule.docs.contains("## What it does"), "{}", rule.id);
        assert!(rule.docs.contains("## 中文"), "{}", rule.id);
        assert!(
            !rule.title_zh.is_empty() && !rule.title_en.is_empty(),
            "{}",
            rule.id
        );
    }
}

#[test]
fn the_good_project_has_no_errors_or_warnings() {
    let bad: Vec<_> = run(&good_project(), &Default::default())
        .iter()
        .filter(|d| d.severity != crate::diagnostic::Severity::Info)
        .map(|d| {
            format!(
                "{} {:?}:{:?} {}",
                d.rule,
                d.file,
                d.range.map(|r| r.start.line),
                d.message.en
            )
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}
