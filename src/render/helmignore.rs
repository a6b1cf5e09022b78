//! `.helmignore` as Helm documents it: one pattern a line, `#` comments, `!` negates, a
//! trailing `/` matches directories only, a pattern without `/` matches a file or directory
//! name at any depth, one with `/` matches the path from the chart root (a leading `/` is
//! dropped); `*`, `?` and `[…]` as in shell globs (not across `/`). Helm always keeps
//! `templates/` and Chart.yaml in practice; we apply the rules to every file but those.
//! Also the glob matcher of `.Files.Glob` (`**` crosses `/`).

#[derive(Clone, Debug, Default)]
pub struct Ignore {
    rules: Vec<Rule>,
}

#[derive(Clone, Debug)]
struct Rule {
    pattern: String,
    negate: bool,
    dir_only: bool,
    /// The pattern has a `/`: it matches whole paths from the chart root.
    anchored: bool,
}

impl Ignore {
    pub fn parse(text: &str) -> Ignore {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (negate, line) = match line.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (dir_only, line) = match line.strip_suffix('/') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let line = line.strip_prefix('/').unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            rules.push(Rule {
                anchored: line.contains('/'),
                pattern: line.to_string(),
                negate,
                dir_only,
            });
        }
        Ignore { rules }
    }

    /// Whether the file `path` (relative to the chart root) is ignored: it, or a directory
    /// above it, matches the last rule that matches it, and that rule does not negate.
    pub fn ignored(&self, path: &str) -> bool {
        if self.rules.is_empty() || path == "Chart.yaml" {
            return false;
        }
        // Every directory above the file, then the file itself.
        let mut candidates: Vec<(&str, bool)> = path
            .match_indices('/')
            .map(|(i, _)| (&path[..i], true))
            .collect();
        candidates.push((path, false));
        candidates.iter().any(|&(candidate, is_dir)| {
            let mut verdict = None;
            for rule in &self.rules {
                if rule.dir_only && !is_dir {
                    continue;
                }
                let subject = if rule.anchored {
                    candidate
                } else {
                    candidate.rsplit('/').next().unwrap_or(candidate)
                };
                if glob_match(&rule.pattern, subject, false) {
                    verdict = Some(!rule.negate);
                }
            }
            verdict == Some(true)
        })
    }
}

/// Shell-style glob: `*` any run of characters but `/` (with `double_star`, `**` any run at
/// all), `?` one character but `/`, `[abc]`, `[a-z]`, `[!a]`/`[^a]`, `\x` a literal `x`.
pub fn glob_match(pattern: &str, text: &str, double_star: bool) -> bool {
    // `.Files.Glob` (gobwas/glob) also takes `{a,b}` alternatives.
    if double_star {
        if let Some(alternatives) = expand_braces(pattern) {
            return alternatives.iter().any(|p| glob_match(p, text, true));
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    matches_at(&p, &t, double_star)
}

fn matches_at(p: &[char], t: &[char], double_star: bool) -> bool {
    // Iterative with backtracking over the last star (one star level; `**` its own level).
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize, bool)> = None; // (pattern index after star, text index, crosses '/')
    while ti < t.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    let crosses = double_star && p.get(pi + 1) == Some(&'*');
                    let next = if crosses { pi + 2 } else { pi + 1 };
                    star = Some((next, ti, crosses));
                    pi = next;
                    continue;
                }
                '?' if t[ti] != '/' => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                '[' => {
                    if let Some((ok, len)) = class(&p[pi..], t[ti]) {
                        if ok {
                            pi += len;
                            ti += 1;
                            continue;
                        }
                    }
                }
                '\\' if pi + 1 < p.len() && p[pi + 1] == t[ti] => {
                    pi += 2;
                    ti += 1;
                    continue;
                }
                c if c != '?' && c == t[ti] => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                _ => {}
            }
        }
        // Backtrack: let the last star take one more character.
        match star {
            Some((after, start, crosses)) if crosses || t[start] != '/' => {
                star = Some((after, start + 1, crosses));
                pi = after;
                ti = start + 1;
            }
            _ => return false,
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// The patterns `{a,b}` (the first group, not nested) stands for, or `None` without one.
fn expand_braces(pattern: &str) -> Option<Vec<String>> {
    let open = pattern.find('{')?;
    let close = open + pattern[open..].find('}')?;
    let (head, tail) = (&pattern[..open], &pattern[close + 1..]);
    Some(
        pattern[open + 1..close]
            .split(',')
            .map(|alt| format!("{head}{alt}{tail}"))
            .collect(),
    )
}

/// A `[…]` class at the start of `p`: whether `c` is in it, and the class's length.
fn class(p: &[char], c: char) -> Option<(bool, usize)> {
    let mut i = 1;
    let negate = matches!(p.get(i), Some('!') | Some('^'));
    if negate {
        i += 1;
    }
    let mut found = false;
    let mut first = true;
    while i < p.len() {
        if p[i] == ']' && !first {
            return Some((found != negate && c != '/', i + 1));
        }
        first = false;
        let lo = p[i];
        if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|&h| h != ']') {
            if lo <= c && c <= p[i + 2] {
                found = true;
            }
            i += 3;
        } else {
            if lo == c {
                found = true;
            }
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let ig = Ignore::parse("# c\n*.md\n.git/\nci/\n/docs/*.txt\n!keep.md\n*.tgz\n");
        assert!(ig.ignored("README.md"));
        assert!(ig.ignored("sub/NOTES.md"));
        assert!(!ig.ignored("keep.md"));
        assert!(ig.ignored(".git/config"));
        assert!(ig.ignored("ci/values.yaml"));
        assert!(ig.ignored("docs/a.txt"));
        assert!(!ig.ignored("docs/x/a.txt"));
        assert!(!ig.ignored("values.yaml"));
        assert!(!ig.ignored("Chart.yaml"));
    }

    #[test]
    fn globs() {
        assert!(glob_match("files/*", "files/a.txt", true));
        assert!(!glob_match("files/*", "files/x/a.txt", true));
        assert!(glob_match("files/**", "files/x/a.txt", true));
        assert!(glob_match("**.conf", "a/b.conf", true));
        assert!(glob_match("conf/[a-c]?.yaml", "conf/b1.yaml", true));
        assert!(!glob_match("conf/[!a-c]?.yaml", "conf/b1.yaml", true));
        assert!(glob_match("*.json", "x.json", false));
        // helm3: .Files.Glob "f/[ab].{txt,md}" matches f/a.txt and f/b.md, not f/c.txt.
        assert!(glob_match("f/[ab].{txt,md}", "f/b.md", true));
        assert!(!glob_match("f/[ab].{txt,md}", "f/c.txt", true));
    }
}
