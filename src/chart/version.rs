//! Versions: strict SemVer 2 (what chart repositories and the platform compare), Helm's lenient
//! reading, and SemVer precedence.
//!
//! The platform writes versions as `6.0.1` and `6.0.1-alpha.0` (§1.1.6.4) and compares them
//! as SemVer: `6.0.1-alpha.0` < `6.0.1` < `6.0.2` < `6.10.0`; build metadata (`+…`) is ignored.

use crate::yaml::{Node, Value};
use std::cmp::Ordering;

/// A numeric identifier: `0` or digits without a leading zero.
fn is_numeric(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
}

/// Dot-separated, non-empty identifiers of `[0-9A-Za-z-]`.
fn is_identifiers(s: &str) -> bool {
    s.split('.')
        .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// Split `v` into core, pre-release and build parts (`1.2.3-rc.1+b` → `1.2.3`, `rc.1`, `b`).
fn split(v: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, build) = match v.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    (core, pre, build)
}

/// SemVer 2.0.0 exactly: `MAJOR.MINOR.PATCH[-prerelease][+build]` (semver.org grammar).
pub fn is_strict_semver(v: &str) -> bool {
    let (core, pre, build) = split(v);
    if build.is_some_and(|b| !is_identifiers(b)) {
        return false;
    }
    if let Some(pre) = pre {
        // Numeric pre-release identifiers may not have leading zeros.
        if !is_identifiers(pre)
            || pre
                .split('.')
                .any(|id| id.bytes().all(|b| b.is_ascii_digit()) && !is_numeric(id))
        {
            return false;
        }
    }
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| is_numeric(p))
}

/// What Helm 3 accepts as a chart version (measured with helm v3.17.3,
/// `tests/helm/chart-yaml.json`): `v?N(.N)?(.N)?(-ids)?(+ids)?` where each `N` is digits that fit
/// an unsigned 64-bit number (`18446744073709551616.0.0` is refused) and no numeric pre-release
/// identifier has a leading zero (`1.2.3-01`, `1.2.3-alpha.01` are refused; `1.2.3-0a` and
/// build metadata `+01` are not numeric identifiers and pass). Leading zeros in the core
/// (`01.2.3`) pass.
pub fn helm_accepts(v: &str) -> bool {
    let v = v.strip_prefix('v').unwrap_or(v);
    let (core, pre, build) = split(v);
    if build.is_some_and(|b| !is_identifiers(b)) || pre.is_some_and(|p| !is_identifiers(p)) {
        return false;
    }
    if pre.is_some_and(|p| {
        p.split('.')
            .any(|id| id.bytes().all(|b| b.is_ascii_digit()) && !is_numeric(id))
    }) {
        return false;
    }
    let parts: Vec<&str> = core.split('.').collect();
    (1..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u64>().is_ok()
        })
}

/// The strict SemVer 2 form of a loose version: no `v`, leading zeros dropped, missing parts
/// `0`. `None` when `v` is not a loose version.
pub fn semver_fix(v: &str) -> Option<String> {
    if !helm_accepts(v) {
        return None;
    }
    let v = v.strip_prefix('v').unwrap_or(v);
    let split = v.find(['-', '+']).unwrap_or(v.len());
    let (core, tail) = v.split_at(split);
    let mut parts: Vec<String> = core
        .split('.')
        .map(|p| {
            let t = p.trim_start_matches('0');
            if t.is_empty() {
                "0".to_string()
            } else {
                t.to_string()
            }
        })
        .collect();
    while parts.len() < 3 {
        parts.push("0".to_string());
    }
    let fixed = format!("{}{tail}", parts.join("."));
    is_strict_semver(&fixed).then_some(fixed)
}

/// Compare two numeric identifiers without leading zeros, of any length.
fn cmp_numeric(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// SemVer 2 precedence of two strict versions (§11 of semver.org): core numerically, a
/// pre-release below its release, pre-release identifiers one by one (numeric < alphanumeric),
/// build metadata ignored. `None` when either is not strict SemVer.
pub fn compare(a: &str, b: &str) -> Option<Ordering> {
    if !is_strict_semver(a) || !is_strict_semver(b) {
        return None;
    }
    let (ca, pa, _) = split(a);
    let (cb, pb, _) = split(b);
    for (x, y) in ca.split('.').zip(cb.split('.')) {
        match cmp_numeric(x, y) {
            Ordering::Equal => {}
            o => return Some(o),
        }
    }
    Some(match (pa, pb) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(pa), Some(pb)) => {
            let mut ia = pa.split('.');
            let mut ib = pb.split('.');
            loop {
                match (ia.next(), ib.next()) {
                    (None, None) => break Ordering::Equal,
                    (None, Some(_)) => break Ordering::Less,
                    (Some(_), None) => break Ordering::Greater,
                    (Some(x), Some(y)) => {
                        let nx = x.bytes().all(|c| c.is_ascii_digit());
                        let ny = y.bytes().all(|c| c.is_ascii_digit());
                        let o = match (nx, ny) {
                            (true, true) => cmp_numeric(x, y),
                            (true, false) => Ordering::Less,
                            (false, true) => Ordering::Greater,
                            (false, false) => x.cmp(y),
                        };
                        if o != Ordering::Equal {
                            break o;
                        }
                    }
                }
            }
        }
    })
}

/// How a YAML node reads as a platform version (`platform_version`, `base_version`,
/// `services`/`parallel_services` values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionValue<'a> {
    /// A strict SemVer string: `6.0.1`, `6.0.1-alpha.0`.
    Valid(&'a str),
    /// A string that is not strict SemVer; the fix when it is a loose version (`v6.0.1`,
    /// `6.0`).
    Invalid { text: &'a str, fix: Option<String> },
    /// A YAML number (`6.0` is a float, `6` an integer): the platform gets a number, not a
    /// version. `text` is as written; `fix` the SemVer string it was meant to be.
    Number { text: &'a str, fix: Option<String> },
    /// Empty or null.
    Missing,
    /// A boolean, list or map.
    NotScalar,
}

/// Read `node` as a version (see [`VersionValue`]).
pub fn read(node: &Node) -> VersionValue<'_> {
    if node.is_null() {
        return VersionValue::Missing;
    }
    let Some(s) = node.as_scalar() else {
        return VersionValue::NotScalar;
    };
    match s.value {
        Value::Str if s.text.trim().is_empty() => VersionValue::Missing,
        Value::Str if is_strict_semver(&s.text) => VersionValue::Valid(&s.text),
        Value::Str => VersionValue::Invalid {
            text: &s.text,
            fix: semver_fix(s.text.trim()),
        },
        Value::Int(_) | Value::Float(_) => VersionValue::Number {
            text: &s.text,
            fix: semver_fix(&s.text),
        },
        _ => VersionValue::NotScalar,
    }
}

impl VersionValue<'_> {
    /// The strict SemVer version the value plainly means, for comparisons: itself when valid,
    /// else its fix (`6.0` written as a number or as `"6.0"` means `6.0.0`, `v6.0.1` means
    /// `6.0.1`). `None` when its meaning is not plain (`latest`, `true`, empty).
    pub fn meant(&self) -> Option<String> {
        match self {
            VersionValue::Valid(v) => Some((*v).to_string()),
            VersionValue::Invalid { fix, .. } | VersionValue::Number { fix, .. } => fix.clone(),
            VersionValue::Missing | VersionValue::NotScalar => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, YamlLimits};

    #[test]
    fn strict_semver() {
        for v in [
            "1.0.0",
            "0.0.0",
            "10.20.30",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-0.3.7",
            "1.0.0-x-y.z",
            "1.0.0+20130313144700",
            "1.0.0-beta+exp.sha.5114f85",
            "1.0.0-rc.1+build.1",
            "6.0.1-alpha.0",
        ] {
            assert!(is_strict_semver(v), "{v}");
        }
        for v in [
            "1.0",
            "1",
            "v1.0.0",
            "01.0.0",
            "1.00.0",
            "1.0.0-",
            "1.0.0-01",
            "1.0.0+",
            "1.0.0-a..b",
            "1.0.0.0",
            "1.0.0-a_b",
            "a.b.c",
            "",
        ] {
            assert!(!is_strict_semver(v), "{v}");
        }
    }

    #[test]
    fn helm_lenient_parse() {
        for v in [
            "1",
            "1.0",
            "v1.0.0",
            "01.0.0",
            "1.2-beta",
            "1.2.3-0a",
            "1.2.3+build.01",
            "18446744073709551615.0.0",
            "1.2.3-99999999999999999999",
        ] {
            assert!(helm_accepts(v), "{v}");
        }
        for v in [
            "1.0.0.0",
            "latest",
            "1.0.0-",
            "",
            "v",
            "1..0",
            "1.0.0-01",
            "1.2.3-alpha.01",
            "18446744073709551616.0.0",
            "1.99999999999999999999.0",
        ] {
            assert!(!helm_accepts(v), "{v}");
        }
    }

    #[test]
    fn fixes() {
        assert_eq!(semver_fix("1.0").as_deref(), Some("1.0.0"));
        assert_eq!(semver_fix("1").as_deref(), Some("1.0.0"));
        assert_eq!(semver_fix("v2.01.3-rc.1").as_deref(), Some("2.1.3-rc.1"));
        assert_eq!(semver_fix("1.10").as_deref(), Some("1.10.0"));
        assert_eq!(semver_fix("1.0.0-01"), None);
        assert_eq!(semver_fix("latest"), None);
    }

    #[test]
    fn precedence() {
        // semver.org §11's own chain, plus the platform's forms.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "2.1.0",
            "2.1.1",
            "6.0.1-alpha.0",
            "6.0.1",
            "6.2.1",
            "6.10.0",
            "99999999999999999999999.0.0",
        ];
        for w in chain.windows(2) {
            assert_eq!(compare(w[0], w[1]), Some(Ordering::Less), "{w:?}");
            assert_eq!(compare(w[1], w[0]), Some(Ordering::Greater), "{w:?}");
        }
        assert_eq!(compare("6.0.1+a", "6.0.1+b"), Some(Ordering::Equal));
        assert_eq!(compare("6.0", "6.0.1"), None);
    }

    #[test]
    fn yaml_values() {
        let y = parse(
            "a: 6.0.1\nb: 6.0\nc: 6\nd: \"6.0\"\ne:\nf: [1]\ng: true\nh: v6.0.1-rc.1\ni: 6.10\n",
            YamlLimits::default(),
        );
        let r = y.root().unwrap();
        let v = |k: &str| read(r.get(k).unwrap());
        assert_eq!(v("a"), VersionValue::Valid("6.0.1"));
        assert_eq!(
            v("b"),
            VersionValue::Number {
                text: "6.0",
                fix: Some("6.0.0".into())
            }
        );
        assert!(matches!(v("c"), VersionValue::Number { .. }));
        assert_eq!(
            v("d"),
            VersionValue::Invalid {
                text: "6.0",
                fix: Some("6.0.0".into())
            }
        );
        assert_eq!(v("e"), VersionValue::Missing);
        assert_eq!(v("f"), VersionValue::NotScalar);
        assert_eq!(v("g"), VersionValue::NotScalar);
        assert_eq!(
            v("h"),
            VersionValue::Invalid {
                text: "v6.0.1-rc.1",
                fix: Some("6.0.1-rc.1".into())
            }
        );
        assert_eq!(v("b").meant().as_deref(), Some("6.0.0"));
        assert_eq!(v("h").meant().as_deref(), Some("6.0.1-rc.1"));
        assert_eq!(v("a").meant().as_deref(), Some("6.0.1"));
        assert_eq!(v("g").meant(), None);
        // As written, not as the float reads back (6.1).
        assert_eq!(
            v("i"),
            VersionValue::Number {
                text: "6.10",
                fix: Some("6.10.0".into())
            }
        );
    }
}
