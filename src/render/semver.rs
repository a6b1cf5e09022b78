//! Versions and version constraints as Helm reads them (Masterminds semver v3, from its
//! documentation): lenient versions (`v1.2`, `1`), and constraints such as `>=1.20.0-0`,
//! `~1.2`, `^2`, `1.2.x`, `1.2 - 1.4`, `>=1 <2`, `a || b`. Used for Chart.yaml's `kubeVersion`
//! and the version ranges of dependencies.

use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: String,
}

impl Version {
    /// A version, leniently: an optional `v`, one to three numbers, `-pre`, `+build`.
    pub fn parse(text: &str) -> Option<Version> {
        let (parts, _) = parse_parts(text)?;
        let [major, minor, patch] = parts.nums;
        Some(Version {
            major: major.unwrap_or(0),
            minor: minor.unwrap_or(0),
            patch: patch.unwrap_or(0),
            pre: parts.pre,
        })
    }

    pub fn precedence(&self, other: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| compare_pre(&self.pre, &other.pre))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre)?;
        }
        Ok(())
    }
}

/// SemVer precedence of pre-releases: none is highest; numeric identifiers compare as numbers
/// and sort before alphanumeric ones.
fn compare_pre(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let mut ia = a.split('.');
    let mut ib = b.split('.');
    loop {
        match (ia.next(), ib.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(n), Ok(m)) => n.cmp(&m),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    _ => x.cmp(y),
                };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
        }
    }
}

/// A version as written in a constraint: each number may be missing or a wildcard (`None`).
struct Parts {
    nums: [Option<u64>; 3],
    pre: String,
}

/// Parses `[v]N[.N[.N]][-pre][+build]` where a number may be `x`, `X` or `*` (a wildcard).
/// Returns the parts and whether any number was a wildcard or missing.
fn parse_parts(text: &str) -> Option<(Parts, bool)> {
    let text = text.trim();
    let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
    let text = text.split_once('+').map_or(text, |(t, _)| t);
    let (core, pre) = match text.split_once('-') {
        Some((c, p)) => (c, p.to_string()),
        None => (text, String::new()),
    };
    if core.is_empty() {
        return None;
    }
    let mut nums = [None; 3];
    let mut loose = false;
    let pieces: Vec<&str> = core.split('.').collect();
    if pieces.len() > 3 {
        return None;
    }
    for (i, piece) in pieces.iter().enumerate() {
        if matches!(*piece, "x" | "X" | "*") {
            loose = true;
            continue;
        }
        if piece.is_empty() || !piece.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        nums[i] = Some(piece.parse().ok()?);
    }
    if pieces.len() < 3 {
        loose = true;
    }
    // After a wildcard, later numbers are wildcards too.
    if let Some(first) = nums.iter().position(Option::is_none) {
        for n in &mut nums[first..] {
            *n = None;
        }
    }
    if !pre.is_empty()
        && (pre.split('.').any(str::is_empty)
            || !pre
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
    {
        return None;
    }
    Some((Parts { nums, pre }, loose))
}

/// One comparison: a bound on versions.
#[derive(Debug)]
struct Bound {
    op: Op,
    version: Version,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

/// A constraint: alternatives (`||`), each a conjunction of bounds.
#[derive(Debug)]
pub struct Constraint {
    any_of: Vec<Vec<Bound>>,
    /// Whether a bound names a pre-release (then pre-releases may match, as Masterminds allows).
    text: String,
}

fn v(major: u64, minor: u64, patch: u64, pre: &str) -> Version {
    Version {
        major,
        minor,
        patch,
        pre: pre.into(),
    }
}

impl Constraint {
    pub fn parse(text: &str) -> Option<Constraint> {
        let mut any_of = Vec::new();
        for alternative in text.split("||") {
            let mut all = Vec::new();
            let words = split_words(alternative)?;
            for word in words {
                all.extend(bounds_of(&word)?);
            }
            if all.is_empty() {
                return None;
            }
            any_of.push(all);
        }
        Some(Constraint {
            any_of,
            text: text.to_string(),
        })
    }

    pub fn allows(&self, version: &Version) -> bool {
        self.any_of.iter().any(|all| {
            // A pre-release only matches a group whose bounds name a pre-release of the
            // same major.minor.patch… Masterminds v3 lets it match when any bound carries one.
            if !version.pre.is_empty() && !all.iter().any(|b| !b.version.pre.is_empty()) {
                return false;
            }
            all.iter().all(|b| {
                let ord = version.precedence(&b.version);
                match b.op {
                    Op::Eq => ord == Ordering::Equal,
                    Op::Ne => ord != Ordering::Equal,
                    Op::Gt => ord == Ordering::Greater,
                    Op::Ge => ord != Ordering::Less,
                    Op::Lt => ord == Ordering::Less,
                    Op::Le => ord != Ordering::Greater,
                }
            })
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Whether `version` satisfies `constraint` (Helm's `IsCompatibleRange`: false when either
/// does not parse).
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    match (Constraint::parse(constraint), Version::parse(version)) {
        (Some(c), Some(v)) => c.allows(&v),
        _ => false,
    }
}

/// The words of a conjunction: split at commas and spaces, keeping `1.2 - 1.4` together and an
/// operator with the version after it (`>= 1.2`).
fn split_words(text: &str) -> Option<Vec<String>> {
    let tokens: Vec<&str> = text
        .split([',', ' ', '\t'])
        .filter(|t| !t.is_empty())
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if tokens.get(i + 1) == Some(&"-") && i + 2 < tokens.len() {
            words.push(format!("{t} - {}", tokens[i + 2]));
            i += 3;
            continue;
        }
        if t.chars().all(|c| "<>=!~^".contains(c)) && i + 1 < tokens.len() {
            words.push(format!("{t}{}", tokens[i + 1]));
            i += 2;
            continue;
        }
        words.push(t.to_string());
        i += 1;
    }
    Some(words)
}

/// The bounds one word means.
fn bounds_of(word: &str) -> Option<Vec<Bound>> {
    if let Some((low, high)) = word.split_once(" - ") {
        let (lo, _) = parse_parts(low)?;
        let (hi, hi_loose) = parse_parts(high)?;
        let mut out = vec![Bound {
            op: Op::Ge,
            version: floor(&lo),
        }];
        out.push(if hi_loose {
            upper_of(&hi)
        } else {
            Bound {
                op: Op::Le,
                version: floor(&hi),
            }
        });
        return Some(out);
    }
    let ops = ["!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^"];
    let (op, rest) = ops
        .iter()
        .find_map(|op| word.strip_prefix(op).map(|rest| (*op, rest)))
        .unwrap_or(("", word));
    let (parts, loose) = parse_parts(rest)?;
    let low = floor(&parts);
    let [major, minor, patch] = parts.nums;
    Some(match op {
        "" | "=" if loose => {
            if major.is_none() {
                vec![Bound {
                    op: Op::Ge,
                    version: v(0, 0, 0, ""),
                }]
            } else {
                vec![
                    Bound {
                        op: Op::Ge,
                        version: low,
                    },
                    upper_of(&parts),
                ]
            }
        }
        "" | "=" => vec![Bound {
            op: Op::Eq,
            version: low,
        }],
        "!=" => vec![Bound {
            op: Op::Ne,
            version: low,
        }],
        ">" if loose => match (major, minor) {
            (None, _) => vec![Bound {
                op: Op::Lt,
                version: v(0, 0, 0, ""),
            }],
            (Some(m), None) => vec![Bound {
                op: Op::Ge,
                version: v(m + 1, 0, 0, ""),
            }],
            (Some(m), Some(n)) => vec![Bound {
                op: Op::Ge,
                version: v(m, n + 1, 0, ""),
            }],
        },
        ">" => vec![Bound {
            op: Op::Gt,
            version: low,
        }],
        ">=" | "=>" => vec![Bound {
            op: Op::Ge,
            version: low,
        }],
        "<" => vec![Bound {
            op: Op::Lt,
            version: low,
        }],
        "<=" | "=<" if loose => {
            if major.is_none() {
                vec![Bound {
                    op: Op::Ge,
                    version: v(0, 0, 0, ""),
                }]
            } else {
                vec![upper_of(&parts)]
            }
        }
        "<=" | "=<" => vec![Bound {
            op: Op::Le,
            version: low,
        }],
        "~" | "~>" => {
            let m = major.unwrap_or(0);
            let high = match minor {
                None => v(m + 1, 0, 0, ""),
                Some(n) => v(m, n + 1, 0, ""),
            };
            let _ = patch;
            vec![
                Bound {
                    op: Op::Ge,
                    version: low,
                },
                Bound {
                    op: Op::Lt,
                    version: high,
                },
            ]
        }
        "^" => {
            let high = match (major.unwrap_or(0), minor, patch) {
                (0, None, _) => v(1, 0, 0, ""),
                (0, Some(0), None) => v(0, 1, 0, ""),
                (0, Some(0), Some(p)) => v(0, 0, p + 1, ""),
                (0, Some(n), _) => v(0, n + 1, 0, ""),
                (m, _, _) => v(m + 1, 0, 0, ""),
            };
            vec![
                Bound {
                    op: Op::Ge,
                    version: low,
                },
                Bound {
                    op: Op::Lt,
                    version: high,
                },
            ]
        }
        _ => return None,
    })
}

/// The lowest version the parts allow (wildcards as 0).
fn floor(parts: &Parts) -> Version {
    let [a, b, c] = parts.nums;
    v(a.unwrap_or(0), b.unwrap_or(0), c.unwrap_or(0), &parts.pre)
}

/// `< next` for parts with wildcards: `1.2.x` → `<1.3.0`, `1.x` → `<2.0.0`.
fn upper_of(parts: &Parts) -> Bound {
    let [a, b, c] = parts.nums;
    let version = match (a, b, c) {
        (Some(m), None, _) => v(m + 1, 0, 0, ""),
        (Some(m), Some(n), None) => v(m, n + 1, 0, ""),
        (Some(m), Some(n), Some(p)) => v(m, n, p + 1, ""),
        (None, _, _) => v(u64::MAX, 0, 0, ""),
    };
    Bound {
        op: Op::Lt,
        version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(Version::parse("v1.29").unwrap().to_string(), "1.29.0");
        assert_eq!(
            Version::parse("1.2.3-rc.1+b").unwrap().to_string(),
            "1.2.3-rc.1"
        );
        assert!(Version::parse("1.2.3.4").is_none());
        assert!(Version::parse("abc").is_none());
        assert!(Version::parse("1.2.3-rc.2")
            .unwrap()
            .precedence(&Version::parse("1.2.3-rc.10").unwrap())
            .is_lt());
    }

    #[test]
    fn constraints() {
        let ok = |c: &str, v: &str| is_compatible_range(c, v);
        assert!(ok(">=1.20.0-0", "v1.29.0"));
        assert!(ok(">=1.20.0-0", "1.29.0-gke.1"));
        assert!(!ok(">=1.20.0", "1.29.0-gke.1"));
        assert!(!ok(">=1.30", "1.29.0"));
        assert!(ok("~1.2", "1.2.9"));
        assert!(!ok("~1.2", "1.3.0"));
        assert!(ok("^1.2.3", "1.9.0"));
        assert!(!ok("^0.2.3", "0.3.0"));
        assert!(ok("1.2.x", "1.2.7"));
        assert!(ok("*", "3.0.0"));
        assert!(ok("1.2 - 1.4", "1.4.0"));
        assert!(ok(">=1 <2", "1.5.0"));
        assert!(ok(">= 1.16.0, < 2", "1.29.0"));
        assert!(ok("<1.10 || >=1.20", "1.22.0"));
        assert!(!ok("<1.10 || >=1.30", "1.22.0"));
        assert!(ok("0.1.0", "0.1.0"));
        assert!(!ok("0.1.0", "0.1.1"));
        assert!(ok("~0.1.0", "0.1.5"));
        assert!(ok("x.x.x", "0.1.5"));
        assert!(!ok("nonsense", "1.0.0"));
    }
}
