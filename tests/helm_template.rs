//! `ecplint template` against `helm template`: every case of `tests/helm/template-cases.json`
//! (made by `scripts/helm-oracle/template.py` from the real helm v3.17.3: tiny charts covering Go
//! template semantics, every Sprig and Helm function, `toYaml`, the values model, `--set`, the
//! built-in objects, output order and errors) is rendered with `ecplint template`, without helm.
//!
//! A case agrees when
//! - helm rendered it: ecplint exits 0 and prints exactly helm's stdout;
//! - helm failed: ecplint exits non-zero, its stderr names the template helm's error names (as
//!   `templates/…` or `c/templates/…`) and holds helm's message (the error's end, without
//!   helm's `template: …: executing … at <…>:` locations), and names the first place helm's
//!   error names (`templates/x.yaml:3` or `templates/x.yaml:3:7`).
//!
//! The renderer is young, so this is a ratchet: `tests/helm/template-known-differences.txt`
//! lists the cases that do not agree yet, each with how far it gets (its status). The test
//! fails when a case that is not listed does not agree, when a listed case now agrees (take it
//! off the list), or when a listed case gets worse. `ECPLINT_UPDATE_KNOWN=1 cargo test --test
//! helm_template` rewrites the list from the current results. The agreement figure is printed
//! (`-- --nocapture` shows it when the test passes).

use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TABLE: &str = include_str!("helm/template-cases.json");
const KNOWN: &str = "tests/helm/template-known-differences.txt";
/// A case that takes longer than this is stopped and counts as `timeout` (generous: a debug
/// build generating an RSA key takes seconds, more on a busy machine).
const CASE_TIMEOUT: Duration = Duration::from_secs(90);

/// How far ecplint gets on a case, from worst to best. `Agree` is the goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// ecplint did not finish within CASE_TIMEOUT.
    Timeout,
    /// helm rendered the case; ecplint failed.
    Fails,
    /// helm rendered the case; ecplint printed something else.
    Stdout,
    /// helm failed; ecplint exited 0.
    Passes,
    /// helm failed, ecplint too, but its errors do not name the template helm names.
    Template,
    /// helm failed, ecplint too, at the same template, but without helm's message.
    Text,
    /// helm failed, ecplint too, with helm's message, but not at helm's line (and column).
    Position,
    Agree,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Timeout => "timeout",
            Status::Fails => "fails",
            Status::Stdout => "stdout",
            Status::Passes => "passes",
            Status::Template => "template",
            Status::Text => "text",
            Status::Position => "position",
            Status::Agree => "agree",
        }
    }

    fn parse(name: &str) -> Option<Status> {
        [
            Status::Timeout,
            Status::Fails,
            Status::Stdout,
            Status::Passes,
            Status::Template,
            Status::Text,
            Status::Position,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }
}

struct Outcome {
    name: String,
    group: String,
    status: Status,
    /// A one-line reason for the known-differences list.
    reason: String,
    /// What to print when the case is a new difference.
    details: String,
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn write_file(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs ecplint on the case written under `root`, stopping it after CASE_TIMEOUT.
fn run_ecplint(root: &Path, args: &[String]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecplint"))
        .arg("template")
        .arg("c")
        .args(["--release-name", "rel", "--namespace", "ns"])
        .args(args)
        .current_dir(root)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ecplint runs");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > CASE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Run {
        code,
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned(),
    }
}

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let mut short: String = line.chars().take(140).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

/// A line diff of helm's and ecplint's output (`-` helm, `+` ecplint), from the longest
/// common subsequence of lines; long outputs are cut.
fn diff(helm: &str, ours: &str) -> String {
    let a: Vec<&str> = helm.split_inclusive('\n').collect();
    let b: Vec<&str> = ours.split_inclusive('\n').collect();
    if a.len() * b.len() > 4_000_000 {
        return format!("--- helm\n{helm}\n+++ ecplint\n{ours}\n");
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let show = |l: &str| format!("{:?}", l.strip_suffix('\n').unwrap_or(l));
    let mut lines = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(format!("   {}", show(a[i])));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            lines.push(format!("  +{}", show(b[j])));
            j += 1;
        } else {
            lines.push(format!("  -{}", show(a[i])));
            i += 1;
        }
    }
    if lines.len() > 60 {
        lines.truncate(60);
        lines.push("  …".into());
    }
    lines.join("\n")
}

fn judge(case: &Json, run: &Run) -> (Status, String, String) {
    let helm = &case["helm"];
    let helm_exit = helm["exit"].as_i64().unwrap();
    let helm_stdout = helm["stdout"].as_str().unwrap();
    let Some(code) = run.code else {
        return (
            Status::Timeout,
            "no answer within 90 s".into(),
            String::new(),
        );
    };
    if helm_exit == 0 {
        if code != 0 {
            let reason = format!("ecplint fails: {}", first_line(&run.stderr));
            let details = format!("  helm renders it; ecplint exits {code}:\n{}", run.stderr);
            return (Status::Fails, reason, details);
        }
        if run.stdout != helm_stdout {
            let reason = match helm_stdout
                .lines()
                .zip(run.stdout.lines())
                .find(|(a, b)| a != b)
            {
                Some((a, b)) => format!("helm {a:?}, ecplint {b:?}"),
                None => "output length differs".into(),
            };
            let reason: String = reason.chars().take(160).collect();
            return (Status::Stdout, reason, diff(helm_stdout, &run.stdout));
        }
        return (Status::Agree, String::new(), String::new());
    }
    let error = helm["error"].as_str().unwrap();
    let message = helm["message"].as_str().unwrap();
    if code == 0 {
        let reason = format!("helm: {}", first_line(message));
        let details = format!("  helm fails: {error}\n  ecplint exits 0");
        return (Status::Passes, reason, details);
    }
    let templates: Vec<&str> = helm["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    // Helm names `c/templates/x.yaml`; ecplint may leave out the chart's folder.
    if let Some(first) = templates.first() {
        let without_chart = first.strip_prefix("c/").unwrap_or(first);
        if !run.stderr.contains(without_chart) {
            let reason = format!("helm fails at {first}: {}", first_line(message));
            let details = format!("  helm: {error}\n  ecplint:\n{}", run.stderr);
            return (Status::Template, reason, details);
        }
    }
    if !run.stderr.contains(message) {
        let reason = format!("helm: {}", first_line(message));
        let details = format!("  helm: {error}\n  ecplint:\n{}", run.stderr);
        return (Status::Text, reason, details);
    }
    if let Some(location) = helm["location"].as_str() {
        let without_chart = location.strip_prefix("c/").unwrap_or(location);
        if !names_location(&run.stderr, without_chart) {
            let reason = format!("helm fails at {location}");
            let details = format!("  helm: {error}\n  ecplint:\n{}", run.stderr);
            return (Status::Position, reason, details);
        }
    }
    (Status::Agree, String::new(), String::new())
}

/// Whether `text` names `location` (`path:line` or `path:line:column`): `t.yaml:1` is not
/// named by `t.yaml:12`.
fn names_location(text: &str, location: &str) -> bool {
    text.match_indices(location).any(|(at, _)| {
        !text[at + location.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

fn run_case(case: &Json, scratch: &Path, index: usize) -> Outcome {
    let root = scratch.join(index.to_string());
    for (path, text) in case["files"].as_object().unwrap() {
        write_file(&root.join("c").join(path), text.as_str().unwrap());
    }
    for (path, data) in case["binary"].as_object().unwrap() {
        let bytes = base64_decode(data.as_str().unwrap());
        std::fs::create_dir_all(root.join("c").join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join("c").join(path), bytes).unwrap();
    }
    for (path, text) in case["outside"].as_object().unwrap() {
        write_file(&root.join(path), text.as_str().unwrap());
    }
    let args: Vec<String> = case["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let run = run_ecplint(&root, &args);
    let _ = std::fs::remove_dir_all(&root);
    let (status, reason, details) = judge(case, &run);
    Outcome {
        name: case["name"].as_str().unwrap().to_string(),
        group: case["group"].as_str().unwrap().to_string(),
        status,
        reason,
        details,
    }
}

/// Standard base64 with padding, as the generator writes chart archives.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for chunk in text.as_bytes().chunks(4) {
        let digits: Vec<u8> = chunk
            .iter()
            .take_while(|&&c| c != b'=')
            .map(|&c| value(c))
            .collect();
        let bits = digits
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | (u32::from(d) << (18 - 6 * i)));
        let bytes = bits.to_be_bytes();
        out.extend_from_slice(&bytes[1..digits.len().max(1)]);
    }
    out
}

/// The known-differences list: case name → (status, reason).
fn read_known(path: &Path) -> BTreeMap<String, (Status, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut known = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, char::is_whitespace);
        let name = parts.next().unwrap().to_string();
        let status = parts.next().map(str::trim).unwrap_or("");
        let status = Status::parse(status).unwrap_or_else(|| {
            panic!("{KNOWN}:{}: unknown status {status:?} (timeout, fails, stdout, passes, template, text, position)", n + 1)
        });
        let reason = parts.next().unwrap_or("").trim().to_string();
        known.insert(name, (status, reason));
    }
    known
}

fn write_known(path: &Path, outcomes: &[Outcome]) {
    let mut text = String::from(
        "# Cases of tests/helm/template-cases.json where `ecplint template` does not agree with\n\
         # `helm template` yet (tests/helm_template.rs). One case a line: name, status, reason.\n\
         # Status, from worst to best: timeout; helm renders it and ecplint fails / prints\n\
         # something else (fails, stdout); helm fails and ecplint passes / fails without naming\n\
         # helm's template / without helm's message / not at helm's line and column (passes,\n\
         # template, text, position).\n\
         # Regenerate: ECPLINT_UPDATE_KNOWN=1 cargo test --test helm_template\n",
    );
    for o in outcomes.iter().filter(|o| o.status != Status::Agree) {
        let reason = o.reason.replace(['\n', '\r'], " ");
        text.push_str(&format!("{} {} {}\n", o.name, o.status.name(), reason).replace(" \n", "\n"));
    }
    std::fs::write(path, text).unwrap();
}

fn summary(outcomes: &[Outcome]) -> String {
    let agree = outcomes
        .iter()
        .filter(|o| o.status == Status::Agree)
        .count();
    let mut out = format!(
        "ecplint template agrees with helm template on {agree}/{} cases ({:.1}%)\n",
        outcomes.len(),
        100.0 * agree as f64 / outcomes.len().max(1) as f64
    );
    let mut groups: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut statuses: BTreeMap<Status, usize> = BTreeMap::new();
    for o in outcomes {
        let g = groups.entry(&o.group).or_default();
        g.1 += 1;
        if o.status == Status::Agree {
            g.0 += 1;
        }
        *statuses.entry(o.status).or_default() += 1;
    }
    let groups: Vec<String> = groups
        .iter()
        .map(|(g, (a, n))| format!("{g} {a}/{n}"))
        .collect();
    out.push_str(&format!("  by group: {}\n", groups.join(", ")));
    let statuses: Vec<String> = statuses
        .iter()
        .map(|(s, n)| format!("{} {n}", s.name()))
        .collect();
    out.push_str(&format!("  by status: {}\n", statuses.join(", ")));
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| o.status != Status::Agree) {
        *reasons
            .entry(format!("{}: {}", o.status.name(), reason_kind(&o.reason)))
            .or_default() += 1;
    }
    let mut reasons: Vec<(String, usize)> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.push_str("  most frequent differences:\n");
    for (reason, n) in reasons.iter().take(15) {
        out.push_str(&format!("    {n:4} {reason}\n"));
    }
    out
}

/// A reason without what varies from case to case (positions, `at <…>`), so that the same
/// difference is counted once across cases.
fn reason_kind(reason: &str) -> String {
    let mut kind = String::new();
    let mut rest = reason;
    while let Some(at) = rest.find(" at <") {
        kind.push_str(&rest[..at]);
        rest = rest[at..]
            .find(">: ")
            .map_or("", |end| &rest[at + end + 1..]);
    }
    kind.push_str(rest);
    let kind: String = kind
        .split(' ')
        .filter(|w| !w.starts_with("c/templates/") && !w.starts_with("template:"))
        .collect::<Vec<_>>()
        .join(" ");
    kind.chars().take(110).collect()
}

#[test]
fn ecplint_template_agrees_with_helm_template() {
    let table: Json = serde_json::from_str(TABLE).unwrap();
    let cases = table["cases"].as_array().unwrap();
    let scratch =
        std::env::temp_dir().join(format!("ecplint-helm-template-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let outcome = run_case(case, &scratch, i);
                results.lock().unwrap().push((i, outcome));
            });
        }
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    let outcomes: Vec<Outcome> = results.into_iter().map(|(_, o)| o).collect();

    let known_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(KNOWN);
    eprint!("{}", summary(&outcomes));
    if std::env::var_os("ECPLINT_UPDATE_KNOWN").is_some_and(|v| v != "0" && !v.is_empty()) {
        write_known(&known_path, &outcomes);
        eprintln!("wrote {KNOWN}");
        return;
    }
    let known = read_known(&known_path);
    let mut problems = Vec::new();
    let mut improved = Vec::new();
    for o in &outcomes {
        match (known.get(&o.name), o.status) {
            (None, Status::Agree) => {}
            (Some(_), Status::Agree) => problems.push(format!(
                "{}: agrees with helm now; take it off {KNOWN}",
                o.name
            )),
            (None, status) => problems.push(format!(
                "{}: {} (not in {KNOWN}): {}\n{}",
                o.name,
                status.name(),
                o.reason,
                o.details
            )),
            (Some((was, _)), status) if status < *was => problems.push(format!(
                "{}: worse than {KNOWN} says ({} → {}): {}\n{}",
                o.name,
                was.name(),
                status.name(),
                o.reason,
                o.details
            )),
            (Some((was, _)), status) if status > *was => {
                improved.push(format!("{} ({} → {})", o.name, was.name(), status.name()))
            }
            _ => {}
        }
    }
    let names: std::collections::HashSet<&str> = outcomes.iter().map(|o| o.name.as_str()).collect();
    for name in known.keys() {
        if !names.contains(name.as_str()) {
            problems.push(format!("{name}: listed in {KNOWN} but no such case"));
        }
    }
    if !improved.is_empty() {
        eprintln!(
            "closer to helm than {KNOWN} says (rerun with ECPLINT_UPDATE_KNOWN=1): {}",
            improved.join(", ")
        );
    }
    for p in &problems {
        eprintln!("\n{p}");
    }
    assert!(
        problems.is_empty(),
        "{} cases changed against {KNOWN} (see above; when the changes are right, rerun with \
         ECPLINT_UPDATE_KNOWN=1)\n{}",
        problems.len(),
        summary(&outcomes)
    );
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGk="), b"hi");
    assert_eq!(base64_decode("YWJj"), b"abc");
    assert_eq!(base64_decode("/w=="), [0xff]);
    assert_eq!(base64_decode(""), b"");
}

/// The table is what the generator writes: enough cases, every verdict complete, names unique.
#[test]
fn the_table_is_complete() {
    let table: Json = serde_json::from_str(TABLE).unwrap();
    assert!(table["helm"].as_str().unwrap().starts_with("v3.17.3"));
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 400, "{} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        assert!(names.insert(name), "duplicate case {name}");
        assert!(!name.contains(char::is_whitespace), "{name}");
        assert!(
            case["files"]["templates/t.yaml"].is_string()
                || case["files"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .any(|k| k.contains("templates/")),
            "{name}: no template"
        );
        for (path, data) in case["binary"].as_object().unwrap() {
            let bytes = base64_decode(data.as_str().unwrap());
            assert_eq!(
                bytes[..2],
                [0x1f, 0x8b],
                "{name}: {path} is no gzip archive"
            );
        }
        let helm = &case["helm"];
        assert!(helm["stdout"].is_string(), "{name}");
        if helm["exit"].as_i64().unwrap() != 0 {
            assert!(
                helm["error"].is_string() && helm["message"].is_string(),
                "{name}"
            );
            assert!(helm["templates"].is_array(), "{name}");
        }
    }
}
