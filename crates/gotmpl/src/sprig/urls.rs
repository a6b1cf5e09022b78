//! `urlParse` and `urlJoin` (Go's `net/url`), and `getHostByName`.
//!
//! `getHostByName` does no network lookup here: it gives "", which is also what helm 3.17.3
//! printed for every name in our sandbox (no resolver), so a chart using it renders as there.

use super::{arity, map_arg, string_arg, Plain};
use crate::value::{Map, Value};

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("urlParse", |a| {
        arity("urlParse", a, 1)?;
        let url = parse(&string_arg(a, 0)?)?;
        Ok(Value::Map(Map::from_entries([
            ("scheme".to_string(), Value::from(url.scheme)),
            ("host".to_string(), Value::from(url.host.clone())),
            ("hostname".to_string(), Value::from(hostname(&url.host))),
            ("path".to_string(), Value::from(url.path)),
            ("query".to_string(), Value::from(url.query)),
            ("opaque".to_string(), Value::from(url.opaque)),
            ("fragment".to_string(), Value::from(url.fragment)),
            (
                "userinfo".to_string(),
                Value::from(
                    url.userinfo
                        .map(|u| escape_userinfo(&u))
                        .unwrap_or_default(),
                ),
            ),
        ])))
    });
    funcs.add("urlJoin", |a| {
        arity("urlJoin", a, 1)?;
        let map = map_arg(a, 0)?;
        let field = |key: &str| -> Result<String, String> {
            match map.as_ref().and_then(|m| m.get(key)) {
                None => Ok(String::new()),
                Some(Value::String(s)) => Ok(s.to_string()),
                Some(other) => Err(format!(
                    "unable to parse {key} key, must be of type string, but {} found",
                    other.type_name()
                )),
            }
        };
        let userinfo = field("userinfo")?;
        let url = Url {
            scheme: field("scheme")?,
            opaque: field("opaque")?,
            userinfo: (!userinfo.is_empty()).then_some(userinfo),
            host: field("host")?,
            path: field("path")?,
            query: field("query")?,
            fragment: field("fragment")?,
        };
        Ok(Value::from(url.to_string()))
    });
    funcs.add("getHostByName", |a| {
        arity("getHostByName", a, 1)?;
        string_arg(a, 0)?;
        Ok(Value::str(""))
    });
}

#[derive(Debug, Default)]
struct Url {
    scheme: String,
    opaque: String,
    /// `user` or `user:password`, unescaped.
    userinfo: Option<String>,
    host: String,
    /// Unescaped.
    path: String,
    /// As written (escaped).
    query: String,
    /// Unescaped.
    fragment: String,
}

fn parse_error(raw: &str, why: &str) -> String {
    format!(
        "unable to parse url: parse {}: {why}",
        crate::fmt::quote_go(raw, false)
    )
}

/// Go's `url.Parse`.
fn parse(raw: &str) -> Result<Url, String> {
    let mut url = Url::default();
    let (rest, fragment) = match raw.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (raw, None),
    };
    if let Some(f) = fragment {
        url.fragment = unescape(f).map_err(|e| parse_error(raw, &e))?;
    }
    if rest.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err(parse_error(
            raw,
            "net/url: invalid control character in URL",
        ));
    }
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, q),
        None => (rest, ""),
    };
    url.query = query.to_string();
    let mut rest = rest;
    if let Some(colon) = rest.find(':') {
        let scheme = &rest[..colon];
        let valid = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if valid {
            url.scheme = scheme.to_ascii_lowercase();
            rest = &rest[colon + 1..];
        } else if colon == 0 {
            return Err(parse_error(raw, "missing protocol scheme"));
        }
    }
    if !url.scheme.is_empty() && !rest.starts_with('/') {
        url.opaque = rest.to_string();
        return Ok(url);
    }
    if url.scheme.is_empty() && rest.split('/').next().is_some_and(|seg| seg.contains(':')) {
        return Err(parse_error(
            raw,
            "first path segment in URL cannot contain colon",
        ));
    }
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        let authority = &after[..end];
        rest = &after[end..];
        let host = match authority.rfind('@') {
            Some(at) => {
                url.userinfo = Some(unescape(&authority[..at]).map_err(|e| parse_error(raw, &e))?);
                &authority[at + 1..]
            }
            None => authority,
        };
        url.host = unescape(host).map_err(|e| parse_error(raw, &e))?;
    }
    url.path = unescape(rest).map_err(|e| parse_error(raw, &e))?;
    Ok(url)
}

/// `%XX` decoding; Go's error for a bad escape.
fn unescape(s: &str) -> Result<String, String> {
    if !s.contains('%') {
        return Ok(s.to_string());
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()));
            match hex {
                Some(h) => {
                    out.push(u8::from_str_radix(h, 16).unwrap_or(0));
                    i += 3;
                }
                None => {
                    let bad: String = s[i..].chars().take(3).collect();
                    return Err(format!(
                        "invalid URL escape {}",
                        crate::fmt::quote_go(&bad, false)
                    ));
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The host without port and IPv6 brackets.
fn hostname(host: &str) -> String {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("").to_string();
    }
    match host.rfind(':') {
        Some(i) if host[i + 1..].bytes().all(|b| b.is_ascii_digit()) => host[..i].to_string(),
        _ => host.to_string(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Path,
    Userinfo,
    Fragment,
}

/// Percent-encodes what Go escapes in each part of a URL.
fn escape(s: &str, part: Part) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || match part {
                Part::Path => matches!(
                    b,
                    b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'@'
                ),
                Part::Userinfo => matches!(
                    b,
                    b'$' | b'&' | b'+' | b',' | b';' | b'=' | b'!' | b'\'' | b'(' | b')' | b'*'
                ),
                Part::Fragment => matches!(
                    b,
                    b'$' | b'&'
                        | b'+'
                        | b','
                        | b'/'
                        | b':'
                        | b';'
                        | b'='
                        | b'?'
                        | b'@'
                        | b'!'
                        | b'('
                        | b')'
                        | b'*'
                ),
            };
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `url.Userinfo.String()`: user, then `:password` if any, escaped.
fn escape_userinfo(userinfo: &str) -> String {
    match userinfo.split_once(':') {
        Some((user, password)) => format!(
            "{}:{}",
            escape(user, Part::Userinfo),
            escape(password, Part::Userinfo)
        ),
        None => escape(userinfo, Part::Userinfo),
    }
}

impl std::fmt::Display for Url {
    /// `url.URL.String()`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        if !self.scheme.is_empty() {
            out.push_str(&self.scheme);
            out.push(':');
        }
        if !self.opaque.is_empty() {
            out.push_str(&self.opaque);
        } else {
            if !self.scheme.is_empty() || !self.host.is_empty() || self.userinfo.is_some() {
                if !self.host.is_empty() || !self.path.is_empty() || self.userinfo.is_some() {
                    out.push_str("//");
                }
                if let Some(u) = &self.userinfo {
                    out.push_str(&escape_userinfo(u));
                    out.push('@');
                }
                out.push_str(&self.host);
            }
            let path = escape(&self.path, Part::Path);
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                out.push('/');
            }
            if out.is_empty() && path.split('/').next().is_some_and(|seg| seg.contains(':')) {
                out.push_str("./");
            }
            out.push_str(&path);
        }
        if !self.query.is_empty() {
            out.push('?');
            out.push_str(&self.query);
        }
        if !self.fragment.is_empty() {
            out.push('#');
            out.push_str(&escape(&self.fragment, Part::Fragment));
        }
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;

    // Observed with helm 3.17.3.
    #[test]
    fn parsing() {
        let cases = [
            (
                "https://user:pw@example.com:8080/a/b?x=1&y=2#frag",
                "map[fragment:frag host:example.com:8080 hostname:example.com opaque: path:/a/b query:x=1&y=2 scheme:https userinfo:user:pw]",
            ),
            (
                "mailto:joe@example.com",
                "map[fragment: host: hostname: opaque:joe@example.com path: query: scheme:mailto userinfo:]",
            ),
            ("/rel/path", "map[fragment: host: hostname: opaque: path:/rel/path query: scheme: userinfo:]"),
            (
                "http://[::1]:80/x",
                "map[fragment: host:[::1]:80 hostname:::1 opaque: path:/x query: scheme:http userinfo:]",
            ),
            (
                "http://h/a%20b?q=a%20b",
                "map[fragment: host:h hostname:h opaque: path:/a b query:q=a%20b scheme:http userinfo:]",
            ),
            ("http://u@h", "map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:u]"),
            ("", "map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]"),
            (
                "http://h/%zz",
                "ERR unable to parse url: parse \"http://h/%zz\": invalid URL escape \"%zz\"",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(call("urlParse", vec![s(input)]), want, "{input}");
        }
    }

    #[test]
    fn joining() {
        let join = |entries: &[(&str, &str)]| {
            let entries: Vec<(&str, crate::value::Value)> =
                entries.iter().map(|(k, v)| (*k, s(v))).collect();
            call("urlJoin", vec![m(&entries)])
        };
        assert_eq!(
            join(&[
                ("scheme", "https"),
                ("host", "h:1"),
                ("path", "/p"),
                ("query", "a=1"),
                ("fragment", "f"),
                ("userinfo", "u:p")
            ]),
            "https://u:p@h:1/p?a=1#f"
        );
        assert_eq!(join(&[("host", "h")]), "//h");
        assert_eq!(
            join(&[("scheme", "http"), ("host", "h"), ("path", "a b")]),
            "http://h/a%20b"
        );
        assert_eq!(
            join(&[("opaque", "joe@x"), ("scheme", "mailto")]),
            "mailto:joe@x"
        );
        assert_eq!(join(&[("userinfo", "u")]), "//u@");
        assert_eq!(join(&[("path", "p"), ("userinfo", "user")]), "//user@p");
        assert_eq!(
            join(&[("scheme", "http"), ("host", "h"), ("path", "p")]),
            "http://h/p"
        );
        assert_eq!(
            call("urlJoin", vec![m(&[("host", i(3))])]),
            "ERR unable to parse host key, must be of type string, but int found"
        );
        assert_eq!(call("getHostByName", vec![s("localhost")]), "");
    }
}
