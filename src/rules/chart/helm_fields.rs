//! How Helm 3 judges the text of some Chart.yaml fields, written from its observed behaviour
//! (helm v3.17.3; every case is in `tests/helm/chart-yaml.json`): the URLs of `icon` and
//! `sources`, a maintainer's `url` and `email`, and `kubeVersion` constraints.

/// `icon` and `sources` items: an absolute URL with a scheme (`https://…`, `mailto:…`), whose
/// host, port, user info and `%` escapes are well formed. A path alone (`/icon.png`), a
/// relative name (`icon.png`) or a fragment (`#x`) is refused; the query is not checked.
pub fn is_request_url(s: &str) -> bool {
    if s.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return false;
    }
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    let rest = &s[colon + 1..];
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    let Some(after) = rest.strip_prefix("//") else {
        // `mailto:x`, `x:` (opaque) or `scheme:/path`.
        return escapes_ok(rest);
    };
    let (authority, path) = after.find('/').map_or((after, ""), |i| after.split_at(i));
    let host = match authority.rfind('@') {
        Some(i) => {
            let user = &authority[..i];
            if !user
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._:~!$&'()*+,;=%@".contains(c))
            {
                return false;
            }
            &authority[i + 1..]
        }
        None => authority,
    };
    host_ok(host) && escapes_ok(path)
}

fn host_ok(host: &str) -> bool {
    let (name, port) = if let Some(inner) = host.strip_prefix('[') {
        let Some(end) = inner.rfind(']') else {
            return false;
        };
        (&inner[..end], &inner[end + 1..])
    } else {
        match host.rfind(':') {
            Some(i) => (&host[..i], &host[i..]),
            None => (host, ""),
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
    port_ok
        && escapes_ok(name)
        && name.chars().all(|c| {
            !c.is_ascii() || c.is_ascii_alphanumeric() || "-_.~!$&'()*+,;=:[]<>\"%".contains(c)
        })
}

/// Every `%` starts an escape of two hex digits.
fn escapes_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if !b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                || !b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// A label of a host name: letters (any script), digits and inner `-`.
fn label_ok(l: &str) -> bool {
    !l.is_empty()
        && !l.starts_with('-')
        && !l.ends_with('-')
        && l.chars().all(|c| {
            c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
        })
}

/// A maintainer's `url`: `[scheme://][user@]host[:port][/path]` with no white space, the
/// scheme one of `http`, `https`, `ftp`, `tcp`, `udp`, `ws`, `wss` in lowercase or none
/// (`example.com/x` passes), a host name of letters, digits and inner `-` (no `_`), an IPv4
/// address or a bracketed IPv6 one, and
/// well-formed `%` escapes. `x:` (no host), `http://` and `/team` are refused.
pub fn is_maintainer_url(s: &str) -> bool {
    if s.chars().count() >= 2083 || s.len() <= 3 || s.starts_with('.') {
        return false;
    }
    if s.chars().any(char::is_whitespace) || !escapes_ok(s) {
        return false;
    }
    // Lowercase only: `HTTP://A.B` is refused.
    let rest = [
        "https://", "http://", "ftp://", "tcp://", "udp://", "wss://", "ws://",
    ]
    .iter()
    .find_map(|scheme| s.strip_prefix(scheme))
    .unwrap_or(s);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority
        .rfind('@')
        .map_or(authority, |i| &authority[i + 1..]);
    if let Some(inner) = host_port.strip_prefix('[') {
        // An IPv6 address: `[::1]`, `[::1]:8080`.
        let Some((addr, port)) = inner.split_once(']') else {
            return false;
        };
        let port_ok = port.is_empty()
            || port.strip_prefix(':').is_some_and(|p| {
                !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
            });
        return port_ok
            && addr.contains(':')
            && addr
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    let (host, port) = match host_port.rfind(':') {
        Some(i) => (&host_port[..i], Some(&host_port[i + 1..])),
        None => (host_port, None),
    };
    if port.is_some_and(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() == 4
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return labels
            .iter()
            .all(|l| l.parse::<u16>().is_ok_and(|n| n <= 255));
    }
    if !labels.iter().all(|l| label_ok(l)) {
        return false;
    }
    // The top-level label of a dotted name is letters only.
    labels.len() == 1
        || labels
            .last()
            .is_some_and(|t| t.chars().all(|c| c.is_alphabetic()))
}

/// A maintainer's `email`: `local@domain` with no white space; the local part dot-separated
/// atoms (letters, digits, ``!#$%&'*+/=?^_`{|}~-``), the domain at least two labels of letters,
/// digits, `-` and `_` (and an optional final `.`), the last letters only. `a@b`, `A <a@b.c>`,
/// `a..b@c.de`, `a@1.2.3.4`, `a@b.c1` are refused.
pub fn is_email(s: &str) -> bool {
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let atom_ok = |a: &str| {
        !a.is_empty()
            && a.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || "!#$%&'*+/=?^_`{|}~-".contains(c)
                    || (!c.is_ascii() && c.is_alphanumeric())
            })
    };
    if !local.split('.').all(atom_ok) {
        return false;
    }
    // One trailing dot (the DNS root) is allowed: `a@b.c.`.
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || c == '-'
                        || c == '_'
                        || (!c.is_ascii() && c.is_alphanumeric())
                })
        })
        && labels
            .last()
            .is_some_and(|t| t.chars().all(char::is_alphabetic))
}

const OPERATORS: &[&str] = &["!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^"];

/// One version of a constraint: `v?` then one to three parts of digits (fitting 64 bits) or
/// `x`/`X`/`*`, then an optional `-pre-release` and `+build`.
fn constraint_version_ok(v: &str) -> bool {
    let v = v.strip_prefix('v').unwrap_or(v);
    let (rest, build) = match v.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let ids_ok = |s: &str| {
        s.split('.')
            .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    if pre.is_some_and(|p| !ids_ok(p)) || build.is_some_and(|b| !ids_ok(b)) {
        return false;
    }
    let parts: Vec<&str> = core.split('.').collect();
    (1..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            matches!(*p, "x" | "X" | "*")
                || (!p.is_empty()
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.parse::<u64>().is_ok())
        })
}

/// A `kubeVersion` constraint Helm can read: alternatives joined by `||`, each a hyphen range
/// (`1.20 - 1.40`) or constraints separated by `,` or spaces, each an optional operator (`=`,
/// `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`) and a version (`1.20`, `v1.20.0`,
/// `1.x`, `*`, `1.20.0-0`).
pub fn is_constraint(s: &str) -> bool {
    s.split("||").all(|alt| {
        let alt = alt.trim();
        if alt.is_empty() {
            return false;
        }
        if let Some((a, b)) = alt.split_once(" - ") {
            return constraint_version_ok(a.trim()) && constraint_version_ok(b.trim());
        }
        alt.split(',').all(|group| {
            let tokens: Vec<&str> = group.split_whitespace().collect();
            if tokens.is_empty() {
                return false;
            }
            let mut i = 0;
            while i < tokens.len() {
                let t = tokens[i];
                let op = OPERATORS.iter().find(|o| t.starts_with(**o));
                let version = match op {
                    Some(op) if t.len() == op.len() => {
                        i += 1;
                        match tokens.get(i) {
                            Some(v) => *v,
                            None => return false,
                        }
                    }
                    Some(op) => &t[op.len()..],
                    None => t,
                };
                if !constraint_version_ok(version) {
                    return false;
                }
                i += 1;
            }
            true
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_urls() {
        for u in [
            "https://a.b/i.png",
            "mailto:a@b.c",
            "x:",
            "http://",
            "http://a/b c.png",
            "https://例子.com/i.png",
            "https://a.b/?q=a b",
            "http://[::1]:80/x",
        ] {
            assert!(is_request_url(u), "{u}");
        }
        for u in [
            "/icon.png",
            "icon.png",
            "#x",
            "1http://a",
            "http://a b/i",
            "http://[::1/i",
            "http://a/%zz",
            "http://a:xx/",
            "http://a{b}/",
            "https://us er@a.b/",
            "not a url",
            "",
        ] {
            assert!(!is_request_url(u), "{u}");
        }
    }

    #[test]
    fn maintainer_urls() {
        for u in [
            "https://example.com",
            "a.b/c",
            "mailto:a@b.c",
            "https://localhost",
            "ftp://a.b/x",
            "https://a.b:99999/",
            "https://例子.中国/",
            "https://[::1]/",
        ] {
            assert!(is_maintainer_url(u), "{u}");
        }
        for u in [
            "x:",
            "http://",
            "/team",
            "not a url",
            "https://a.b/c d",
            "https://a.b/%zz",
            "https://a_b.c/",
            "https://a.b/#x y",
            "HTTP://A.B",
            "git://a.b",
        ] {
            assert!(!is_maintainer_url(u), "{u}");
        }
    }

    #[test]
    fn emails() {
        for e in [
            "a@example.com",
            "a@b.c.",
            "a@b.c",
            "a.b+c@d-e.example.com",
            "张@例子.中国",
            "a@b_c.de",
            "a!#$%&'*/=?^_`{|}~-@b.de",
        ] {
            assert!(is_email(e), "{e}");
        }
        for e in [
            "not-an-email",
            "A <a@b.c>",
            "a@b",
            "a@",
            "@b.c",
            "a b@c.d",
            "\"a b\"@c.d",
            "a..b@c.de",
            ".a@c.de",
            "a@b-.de",
            "a@1.2.3.4",
            "a@b.12",
            "a@b.c1",
            "a@b.1c",
        ] {
            assert!(!is_email(e), "{e}");
        }
    }

    #[test]
    fn constraints() {
        for c in [
            ">=1.20.0-0",
            ">= 1.20, < 2.0",
            "~1.20 || ^1.22",
            "1.x",
            "1.20 - 1.40",
            "!=1.20.0",
            ">=v1.20.0",
            "~>1.20",
            "*",
            "1",
            "=>1.20",
            ">=1.20.0 <1.21.0",
        ] {
            assert!(is_constraint(c), "{c}");
        }
        for c in [
            "bogus",
            ">=1.2.3.4",
            ">=a",
            ">=1.20 ||",
            ">=1.20,,<2",
            ">=99999999999999999999",
            ">=",
        ] {
            assert!(!is_constraint(c), "{c}");
        }
    }
}
