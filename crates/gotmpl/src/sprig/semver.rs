//! `semver` and `semverCompare` with Masterminds/semver v3.3 semantics (what Helm 3.17.3
//! links): lenient versions (`v` prefix, `1.2` for 1.2.0, leading zeros in the numbers),
//! constraints joined by `||` (any group) and by spaces or commas (every constraint of a
//! group), operators `= != > < >= => <= =< ~ ~> ^`, hyphen ranges `1.2 - 1.4.5`, wildcards
//! (`1.2.x`, `*`; a missing part is a wildcard too, so `>1.2` means above every 1.2.x).
//!
//! Prereleases: a version with a prerelease satisfies a constraint only if that constraint's
//! own version has a prerelease (`>=1.19-0` lets `1.20.5-gke.100` in, `<2.0.0` does not), except
//! a plain `!=`; then versions compare by SemVer precedence (build metadata ignored).

use std::cmp::Ordering;
use std::rc::Rc;

use super::{arity, string_arg, Plain};
use crate::value::{Object, Value};

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("semver", |a| {
        arity("semver", a, 1)?;
        Ok(Value::Object(Rc::new(Version::parse(&string_arg(a, 0)?)?)))
    });
    funcs.add("semverCompare", |a| {
        arity("semverCompare", a, 2)?;
        let constraint = Constraints::parse(&string_arg(a, 0)?)?;
        let version = Version::parse(&string_arg(a, 1)?)?;
        Ok(Value::Bool(constraint.check(&version)))
    });
}

/// A parsed version (`*semver.Version`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub prerelease: String,
    pub metadata: String,
    pub original: String,
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn dotted_idents(s: &str) -> bool {
    s.split('.').all(is_ident)
}

/// Splits `[v]1[.2[.3]][-pre][+meta]` into its parts; numbers are whatever `digit_ok` accepts
/// (digits, or wildcards in constraints). `None` when it does not have that shape.
fn split_version(s: &str, digit_ok: fn(&str) -> bool) -> Option<(Vec<&str>, &str, &str)> {
    let body = s.strip_prefix('v').unwrap_or(s);
    let (body, meta) = match body.split_once('+') {
        Some((b, m)) => (b, Some(m)),
        None => (body, None),
    };
    // The prerelease starts at the first `-` after the numbers.
    let num_end = body.find('-').unwrap_or(body.len());
    let (nums, pre) = (&body[..num_end], body.get(num_end + 1..));
    if body.len() > num_end && pre.is_none_or(|p| !dotted_idents(p)) {
        return None;
    }
    if meta.is_some_and(|m| !dotted_idents(m)) {
        return None;
    }
    let parts: Vec<&str> = nums.split('.').collect();
    if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| digit_ok(p)) {
        return None;
    }
    Some((parts, pre.unwrap_or(""), meta.unwrap_or("")))
}

impl Version {
    /// `semver.NewVersion`.
    pub fn parse(s: &str) -> Result<Version, String> {
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let (parts, pre, meta) = split_version(s, digits).ok_or("Invalid Semantic Version")?;
        let mut nums = [0u64; 3];
        for (slot, part) in nums.iter_mut().zip(&parts) {
            *slot = part.parse::<u64>().map_err(|_| {
                format!("Error parsing version segment: strconv.ParseUint: parsing {part:?}: value out of range")
            })?;
        }
        if pre
            .split('.')
            .any(|id| id.len() > 1 && id.starts_with('0') && id.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err("Version segment starts with 0".into());
        }
        Ok(Version {
            major: nums[0],
            minor: nums[1],
            patch: nums[2],
            prerelease: pre.to_string(),
            metadata: meta.to_string(),
            original: s.to_string(),
        })
    }

    fn core(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
            prerelease: String::new(),
            metadata: String::new(),
            original: String::new(),
        }
    }

    /// SemVer precedence (metadata ignored).
    pub fn compare(&self, other: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| compare_prerelease(&self.prerelease, &other.prerelease))
    }
}

impl std::fmt::Display for Version {
    /// `Version.String()`: the normalized form.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.prerelease.is_empty() {
            write!(f, "-{}", self.prerelease)?;
        }
        if !self.metadata.is_empty() {
            write!(f, "+{}", self.metadata)?;
        }
        Ok(())
    }
}

/// No prerelease ranks above any; identifiers compare numerically when both are numbers, a
/// number below a word, words by bytes; a shorter list first when it is a prefix.
fn compare_prerelease(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let (xs, ys): (Vec<&str>, Vec<&str>) = (a.split('.').collect(), b.split('.').collect());
    for (x, y) in xs.iter().zip(&ys) {
        let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(p), Ok(q)) => p.cmp(&q),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            _ => x.cmp(y),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    xs.len().cmp(&ys.len())
}

impl Object for Version {
    fn type_name(&self) -> &str {
        "*semver.Version"
    }

    fn member(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let other = || -> Result<Version, String> {
            arity(name, args, 1)?;
            match &args[0] {
                Value::Object(o) if o.type_name() == "*semver.Version" => {
                    Version::parse(&o.format())
                }
                v => Err(format!(
                    "wrong type for value; expected *semver.Version; got {}",
                    v.type_name()
                )),
            }
        };
        let no_args = || arity(name, args, 0);
        let bump = |v: Version| {
            Value::Object(Rc::new(Version {
                original: v.to_string(),
                ..v
            }))
        };
        Ok(Some(match name {
            "Major" => no_args().map(|_| Value::int64(self.major as i64))?,
            "Minor" => no_args().map(|_| Value::int64(self.minor as i64))?,
            "Patch" => no_args().map(|_| Value::int64(self.patch as i64))?,
            "Prerelease" => no_args().map(|_| Value::from(self.prerelease.as_str()))?,
            "Metadata" => no_args().map(|_| Value::from(self.metadata.as_str()))?,
            "Original" => no_args().map(|_| Value::from(self.original.as_str()))?,
            "String" => no_args().map(|_| Value::from(self.to_string()))?,
            "Compare" => Value::int(self.compare(&other()?) as i64),
            "LessThan" => Value::Bool(self.compare(&other()?) == Ordering::Less),
            "GreaterThan" => Value::Bool(self.compare(&other()?) == Ordering::Greater),
            "Equal" => Value::Bool(self.compare(&other()?) == Ordering::Equal),
            "IncMajor" => no_args().map(|_| bump(Version::core(self.major + 1, 0, 0)))?,
            "IncMinor" => no_args().map(|_| bump(Version::core(self.major, self.minor + 1, 0)))?,
            "IncPatch" => no_args().map(|_| {
                // A prerelease is dropped first: 1.2.3-a → 1.2.3.
                let patch = if self.prerelease.is_empty() {
                    self.patch + 1
                } else {
                    self.patch
                };
                bump(Version::core(self.major, self.minor, patch))
            })?,
            _ => return Ok(None),
        }))
    }

    fn is_method(&self, name: &str) -> bool {
        matches!(name, "Compare" | "LessThan" | "GreaterThan" | "Equal")
    }

    fn format(&self) -> String {
        self.to_string()
    }

    fn to_data(&self) -> Value {
        Value::from(self.to_string())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Tilde,
    Caret,
}

/// One constraint: an operator and a version whose missing or `x` parts are wildcards.
#[derive(Debug)]
struct Constraint {
    op: Op,
    version: Version,
    /// The major is a wildcard (`*`, `x`): any version.
    any: bool,
    minor_dirty: bool,
    patch_dirty: bool,
}

impl Constraint {
    fn dirty(&self) -> bool {
        self.any || self.minor_dirty || self.patch_dirty
    }

    fn check(&self, v: &Version) -> bool {
        let c = &self.version;
        // The prerelease rule (a plain `!=` is exempt).
        let exempt = self.op == Op::Ne && !self.dirty();
        if !exempt && !v.prerelease.is_empty() && c.prerelease.is_empty() {
            return false;
        }
        let ord = v.compare(c);
        match self.op {
            Op::Eq if !self.dirty() => ord == Ordering::Equal,
            Op::Eq | Op::Tilde => self.tilde(v, ord),
            Op::Ne if !self.dirty() => ord != Ordering::Equal,
            Op::Ne => {
                if v.major != c.major {
                    true
                } else if self.minor_dirty {
                    false
                } else if v.minor != c.minor {
                    true
                } else if self.patch_dirty {
                    (!v.prerelease.is_empty() || !c.prerelease.is_empty())
                        && compare_prerelease(&v.prerelease, &c.prerelease) != Ordering::Equal
                } else {
                    v.patch != c.patch
                }
            }
            Op::Gt if self.any => false,
            Op::Gt if self.minor_dirty => v.major > c.major,
            Op::Gt if self.patch_dirty => (v.major, v.minor) > (c.major, c.minor),
            Op::Gt => ord == Ordering::Greater,
            Op::Lt => ord == Ordering::Less,
            Op::Ge => ord != Ordering::Less,
            Op::Le if self.any => true,
            Op::Le if self.minor_dirty => v.major <= c.major,
            Op::Le if self.patch_dirty => (v.major, v.minor) <= (c.major, c.minor),
            Op::Le => ord != Ordering::Greater,
            Op::Caret => {
                if ord == Ordering::Less {
                    false
                } else if self.any {
                    true
                } else if c.major > 0 || self.minor_dirty {
                    v.major == c.major
                } else if c.minor > 0 || self.patch_dirty {
                    v.major == 0 && v.minor == c.minor
                } else {
                    v.major == 0 && v.minor == 0 && v.patch == c.patch
                }
            }
        }
    }

    /// `~1.2.3`: at least the version, same major and (unless only the major was given) minor.
    fn tilde(&self, v: &Version, ord: Ordering) -> bool {
        let c = &self.version;
        if ord == Ordering::Less {
            return false;
        }
        if self.any {
            return true;
        }
        v.major == c.major && (self.minor_dirty || v.minor == c.minor)
    }
}

/// `semver.NewConstraint`: groups joined by `||`.
struct Constraints(Vec<Vec<Constraint>>);

impl Constraints {
    fn parse(text: &str) -> Result<Constraints, String> {
        let mut groups = Vec::new();
        for group in text.split("||") {
            let improper = || format!("improper constraint: {group}");
            let tokens = tokenize(group).ok_or_else(improper)?;
            if tokens.is_empty() {
                return Err(improper());
            }
            let mut constraints = Vec::new();
            let mut i = 0;
            while i < tokens.len() {
                // A hyphen range: `A - B`.
                if tokens
                    .get(i + 1)
                    .is_some_and(|(op, v)| op.is_empty() && v == "-")
                {
                    let (lo, hi) = (&tokens[i], tokens.get(i + 2).ok_or_else(improper)?);
                    if !lo.0.is_empty() || !hi.0.is_empty() {
                        return Err(improper());
                    }
                    constraints.push(constraint(">=", &lo.1).ok_or_else(improper)?);
                    constraints.push(constraint("<=", &hi.1).ok_or_else(improper)?);
                    i += 3;
                    continue;
                }
                let (op, version) = &tokens[i];
                constraints.push(constraint(op, version).ok_or_else(improper)?);
                i += 1;
            }
            groups.push(constraints);
        }
        Ok(Constraints(groups))
    }

    fn check(&self, v: &Version) -> bool {
        self.0.iter().any(|group| group.iter().all(|c| c.check(v)))
    }
}

/// Splits a group into (operator, version) pairs; spaces may separate an operator from its
/// version, commas and spaces separate constraints. `-` alone is a token (hyphen ranges).
fn tokenize(group: &str) -> Option<Vec<(String, String)>> {
    let chars: Vec<char> = group.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < chars.len() && (chars[*i] == ' ' || chars[*i] == ',') {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        if i >= chars.len() {
            return Some(tokens);
        }
        let mut op = String::new();
        while i < chars.len() && "=!<>~^".contains(chars[i]) {
            op.push(chars[i]);
            i += 1;
        }
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let mut version = String::new();
        while i < chars.len() && chars[i] != ' ' && chars[i] != ',' {
            version.push(chars[i]);
            i += 1;
        }
        if version.is_empty() {
            return None;
        }
        tokens.push((op, version));
    }
}

fn constraint(op: &str, version: &str) -> Option<Constraint> {
    let op = match op {
        "" | "=" => Op::Eq,
        "!=" => Op::Ne,
        ">" => Op::Gt,
        "<" => Op::Lt,
        ">=" | "=>" => Op::Ge,
        "<=" | "=<" => Op::Le,
        "~" | "~>" => Op::Tilde,
        "^" => Op::Caret,
        _ => return None,
    };
    let wild = |p: &str| matches!(p, "x" | "X" | "*");
    let part_ok = |p: &str| {
        matches!(p, "x" | "X" | "*") || (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let (parts, pre, meta) = split_version(version, part_ok)?;
    let mut nums = [0u64; 3];
    let mut dirty_from = parts.len();
    for (k, part) in parts.iter().enumerate() {
        if wild(part) {
            dirty_from = dirty_from.min(k);
        } else if k < dirty_from {
            nums[k] = part.parse().ok()?;
        }
    }
    Some(Constraint {
        op,
        version: Version {
            major: nums[0],
            minor: nums[1],
            patch: nums[2],
            prerelease: pre.to_string(),
            metadata: meta.to_string(),
            original: version.to_string(),
        },
        any: dirty_from == 0,
        minor_dirty: dirty_from <= 1,
        patch_dirty: dirty_from <= 2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprig::test_util::*;

    const VERSIONS: &[&str] = &[
        "1.2.3",
        "1.2.4",
        "1.3.0",
        "1.2.0",
        "2.0.0",
        "0.2.5",
        "0.3.0",
        "0.0.3",
        "0.0.4",
        "0.1.0",
        "1.2.3-beta.2",
        "1.2.3-beta.10",
        "1.2.4-alpha",
        "v1.20.0",
        "1.20.5-gke.100",
        "3.0.0",
        "1.4.5",
        "1.4.6",
        "2.5.0",
        "1.0.0",
        "0.9.9",
        "1.2",
        "1",
        "1.2.3+build",
        "v1.24.0-eks-abc",
        "01.2.3",
        "1.2.3-rc.1+x",
        "1.19.0-0",
    ];

    /// `semverCompare CONSTRAINT VERSION` for each of [`VERSIONS`], 1 true 0 false: observed
    /// with helm 3.17.3.
    const TABLE: &[(&str, &str)] = &[
        (">=1.19-0", "0000100000000111001000001001"),
        (">=1.19", "0000100000000101001000000000"),
        ("1.2.3", "1000000000000000000000010100"),
        ("=1.2.3", "1000000000000000000000010100"),
        ("!=1.2.3", "0111111111111111111111101011"),
        (">1.2.3", "0110100000000101111000000000"),
        ("<1.2.3", "0001011111000000000111100000"),
        ("<=1.2.3", "1001011111000000000111110100"),
        ("~1.2.3", "1100000000000000000000010100"),
        ("~1.2", "1101000000000000000001010100"),
        ("~1", "1111000000000100110101110100"),
        ("^1.2.3", "1110000000000100110000010100"),
        ("^0.2.3", "0000010000000000000000000000"),
        ("^0.0.3", "0000000100000000000000000000"),
        ("^0.0", "0000000110000000000000000000"),
        ("^0", "0000011111000000000010000000"),
        ("1.2.x", "1101000000000000000001010100"),
        ("1.x", "1111000000000100110101110100"),
        ("*", "1111111111000101111111110100"),
        (">= 1.2.x", "1111100000000101111001010100"),
        ("<= 2.x", "1111111111000100111111110100"),
        (">2.x", "0000000000000001000000000000"),
        ("<1.x", "0000011111000000000010000000"),
        ("1.2 - 1.4.5", "1111000000000000100001010100"),
        ("1.2.3 - 2", "1110100000000100111000010100"),
        (">=1.0.0 <2.0.0", "1111000000000100110101110100"),
        (">=1.0.0, <2.0.0", "1111000000000100110101110100"),
        ("<1.0.0 || >=3.0.0", "0000011111000001000010000000"),
        ("^1.2.3-beta.2", "1110000000111110110000011111"),
        (">=1.2.3-alpha", "1110100000111111111000011111"),
        ("~1.2.3-0", "1100000000111000000000010110"),
        ("v1.2.3", "1000000000000000000000010100"),
        (">= 1.2.3", "1110100000000101111000010100"),
        ("!=1.2.x", "0010111111000101111110100000"),
        ("~1.2.x", "1101000000000000000001010100"),
        ("^1.x", "1111000000000100110101110100"),
        ("=1.2", "1101000000000000000001010100"),
        ("1.2", "1101000000000000000001010100"),
        ("x", "1111111111000101111111110100"),
        (">1.2", "0010100000000101111000000000"),
        ("<1.2", "0000011111000000000110100000"),
        ("<=1.2", "1101011111000000000111110100"),
        ("~0", "0000011111000000000010000000"),
        ("^1.2.x", "1111000000000100110001010100"),
        (">=1.19.0-0 <1.25.0-0", "0000000000000110000000001001"),
        ("~> 1.2", "1101000000000000000001010100"),
        ("=> 1.2", "1111100000000101111001010100"),
        ("=< 1.2", "1101011111000000000111110100"),
        (">=01.2", "1111100000000101111001010100"),
        ("~2.x-0", "0000100000000000001000000000"),
        ("!=1.2.3-beta", "1111111111111111111111111111"),
    ];

    #[test]
    fn constraint_table_matches_helm() {
        let mut wrong = Vec::new();
        for (constraint, row) in TABLE {
            let parsed = Constraints::parse(constraint).unwrap();
            for (version, want) in VERSIONS.iter().zip(row.chars()) {
                let got = parsed.check(&Version::parse(version).unwrap());
                if got != (want == '1') {
                    wrong.push(format!("{constraint} {version}: want {want}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn more_cases_and_errors() {
        let t = |c: &str, v: &str| call("semverCompare", vec![s(c), s(v)]);
        // Observed with helm 3.17.3.
        assert_eq!(t(">=1.19-0 <2.0.0", "1.20.5-gke.100"), "false");
        assert_eq!(t(">=1.19-0 || <1.0.0", "1.20.5-gke.100"), "true");
        assert_eq!(t("=1.2.3-beta.2", "1.2.3-beta.2"), "true");
        assert_eq!(t(">1.2.3-beta.2", "1.2.3-beta.10"), "true");
        assert_eq!(t("<1.2.3-beta", "1.2.3-alpha"), "true");
        assert_eq!(t("^0.0", "0.0.3-alpha"), "false");
        assert_eq!(t("!=1.2.x-0", "1.2.3-beta"), "true");
        assert_eq!(t("!=1.2.3", "1.2.3-beta"), "true");
        assert_eq!(t("!=*", "1.2.3"), "true");
        assert_eq!(t(">=1.2.3-beta.2 <=1.2.3", "1.2.3-beta.3"), "false");
        assert_eq!(t("1.2.3-beta.2 - 1.2.3", "1.2.3-beta.3"), "false");
        assert_eq!(t(">1.2-0", "1.2.5"), "false");
        assert_eq!(t(">1.2-0", "1.3.0-a"), "true");
        assert_eq!(t("~1.2.3-beta", "1.2.3-alpha"), "false");
        assert_eq!(t("1.2.3-alpha.1", "1.2.3-alpha.1+meta"), "true");
        assert_eq!(t("1.2.3+meta", "1.2.3"), "true");
        assert_eq!(t("  >=1.0  ", "1.2.3"), "true");
        assert_eq!(t(">= 1.0,<2", "1.2.3"), "true");
        assert_eq!(t(">=1.0 , <2", "1.2.3"), "true");
        assert_eq!(t(">= x", "1.2.3"), "true");
        assert_eq!(t("", "1.0.0"), "ERR improper constraint: ");
        assert_eq!(t("foo", "1.0.0"), "ERR improper constraint: foo");
        assert_eq!(t("1.2.3.4", "1.0.0"), "ERR improper constraint: 1.2.3.4");
        assert_eq!(t("1.2.3 || ", "1.2.3"), "ERR improper constraint:  ");
        assert_eq!(t("~", "1.2.3"), "ERR improper constraint: ~");
        assert_eq!(t("1.2.3 - ", "1.2.3"), "ERR improper constraint: 1.2.3 - ");
        assert_eq!(t("*", "1.2.3-01"), "ERR Version segment starts with 0");
        assert_eq!(t("*", "junk"), "ERR Invalid Semantic Version");
        assert_eq!(t(">=1.2.3", ""), "ERR Invalid Semantic Version");
        assert_eq!(
            call("semver", vec![s("99999999999999999999")]),
            "ERR Error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range"
        );
    }

    #[test]
    fn version_objects() {
        let v = Version::parse("1.2.3-alpha.1+123").unwrap();
        assert_eq!(v.format(), "1.2.3-alpha.1+123");
        let v12 = Version::parse("v1.2").unwrap();
        assert_eq!(v12.format(), "1.2.0");
        assert_eq!(
            show(Ok(v12.member("Original", &[]).unwrap().unwrap())),
            "v1.2"
        );
        assert_eq!(show(Ok(v.member("Major", &[]).unwrap().unwrap())), "1");
        assert_eq!(
            show(Ok(v.member("Prerelease", &[]).unwrap().unwrap())),
            "alpha.1"
        );
        assert_eq!(show(Ok(v.member("Metadata", &[]).unwrap().unwrap())), "123");
        let a = Value::Object(Rc::new(Version::parse("1.4.3").unwrap()));
        let base = Version::parse("1.2.3").unwrap();
        assert_eq!(
            show(Ok(base
                .member("Compare", std::slice::from_ref(&a))
                .unwrap()
                .unwrap())),
            "-1"
        );
        assert_eq!(
            show(Ok(base.member("LessThan", &[a]).unwrap().unwrap())),
            "true"
        );
        assert_eq!(
            show(Ok(base.member("IncMinor", &[]).unwrap().unwrap())),
            "1.3.0"
        );
        assert_eq!(show(Ok(base.to_data())), "1.2.3");
        assert!(base.member("Nope", &[]).unwrap().is_none());
        assert_eq!(
            call("typeOf", vec![Value::Object(Rc::new(base))]),
            "*semver.Version"
        );
    }
}
