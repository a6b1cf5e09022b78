//! Paths: `base`, `dir`, `clean`, `ext`, `isAbs` (Go's `path`, slash-separated) and the `os…`
//! forms (Go's `path/filepath`, which on Linux, where Helm runs, is the same).

use super::{arity, string_arg, Plain, Res};
use crate::value::Value;

pub(super) fn register(funcs: &mut Plain) {
    funcs.add("base", |a| path_fn("base", a, base));
    funcs.add("osBase", |a| path_fn("osBase", a, base));
    funcs.add("dir", |a| path_fn("dir", a, dir));
    funcs.add("osDir", |a| path_fn("osDir", a, dir));
    funcs.add("clean", |a| path_fn("clean", a, clean));
    funcs.add("osClean", |a| path_fn("osClean", a, clean));
    funcs.add("ext", |a| path_fn("ext", a, |p| ext(p).to_string()));
    funcs.add("osExt", |a| path_fn("osExt", a, |p| ext(p).to_string()));
    funcs.add("isAbs", |a| {
        arity("isAbs", a, 1)?;
        Ok(Value::Bool(string_arg(a, 0)?.starts_with('/')))
    });
    funcs.add("osIsAbs", |a| {
        arity("osIsAbs", a, 1)?;
        Ok(Value::Bool(string_arg(a, 0)?.starts_with('/')))
    });
}

fn path_fn(name: &str, args: &[Value], f: impl Fn(&str) -> String) -> Res {
    arity(name, args, 1)?;
    Ok(Value::from(f(&string_arg(args, 0)?)))
}

/// `path.Base`: the last element, trailing slashes dropped; "." for "", "/" for slashes only.
fn base(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
}

/// `path.Dir`: everything before the last element, cleaned.
fn dir(p: &str) -> String {
    let cut = p.rfind('/').map(|i| i + 1).unwrap_or(0);
    clean(&p[..cut])
}

/// `path.Ext`: from the last dot of the last element.
fn ext(p: &str) -> &str {
    for (i, b) in p.bytes().enumerate().rev() {
        match b {
            b'/' => return "",
            b'.' => return &p[i..],
            _ => {}
        }
    }
    ""
}

/// `path.Clean`: one slash between elements, no `.`, `..` resolved lexically.
pub(crate) fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|&l| l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

#[cfg(test)]
mod tests {
    use crate::sprig::test_util::*;

    // Observed with helm 3.17.3.
    #[test]
    fn paths() {
        let cases = [
            ("base", "a/b/c.txt", "c.txt"),
            ("base", "", "."),
            ("base", "/", "/"),
            ("base", "a/b/", "b"),
            ("dir", "a/b/c", "a/b"),
            ("dir", "c", "."),
            ("dir", "/a", "/"),
            ("dir", "", "."),
            ("clean", "a//b/../c/.", "a/c"),
            ("clean", "", "."),
            ("clean", "/../a", "/a"),
            ("clean", "../../a/..", "../.."),
            ("ext", "a.tar.gz", ".gz"),
            ("ext", "a", ""),
            ("ext", "a.b/c", ""),
            ("isAbs", "/a", "true"),
            ("isAbs", "a", "false"),
            ("osBase", "a/b", "b"),
            ("osDir", "a/b", "a"),
            ("osExt", "a.b", ".b"),
            ("osClean", "a/../b", "b"),
            ("osIsAbs", "/x", "true"),
        ];
        for (name, input, want) in cases {
            assert_eq!(call(name, vec![s(input)]), want, "{name} {input:?}");
        }
    }
}
