//! The priority merge of §1.1.6.4, provenance of every leaf, and the diff against values.yaml.
//!
//! Two merges happen, as on the platform:
//! - the platform merges its layers (rendered data_template ← config CRD ← topology ← license
//!   config ← custom_config) into the product's configuration: maps merge key by key, anything
//!   else (scalars, lists, `null`) replaces ([`overlay`]);
//! - Helm then applies that configuration over the chart's values.yaml ([`coalesce`]): the same,
//!   except that a `null` deletes the key from values.yaml (Helm's `coalesceValues`).

use super::tree::{KeyIndex, Kind, Tree};
use super::{DiffEntry, DiffKind, Layer, Provenance};

/// Lay `top` over `base`: maps merge key by key, anything else replaces.
pub fn overlay(base: &mut Tree, top: &Tree) {
    if let (Kind::Map(b), Kind::Map(t)) = (&mut base.kind, &top.kind) {
        let mut index = KeyIndex::of(b);
        for (k, tv) in t {
            match index.find(b, k) {
                Some(i) => overlay(&mut b[i].1, tv),
                None => index.push(b, k.clone(), tv.clone()),
            }
        }
    } else {
        *base = top.clone();
    }
}

/// Apply the platform's configuration `top` over values.yaml `base` as Helm does: like
/// [`overlay`], but a `null` in `top` removes the key from `base`.
pub fn coalesce(base: &mut Tree, top: &Tree) {
    if let (Kind::Map(b), Kind::Map(t)) = (&mut base.kind, &top.kind) {
        let mut index = KeyIndex::of(b);
        let mut removed = vec![false; b.len()];
        for (k, tv) in t {
            match index.find(b, k) {
                Some(i) if tv.is_null() => removed[i] = true,
                Some(i) => coalesce(&mut b[i].1, tv),
                None => {
                    index.push(b, k.clone(), tv.clone());
                    removed.push(false);
                }
            }
        }
        // Removed at the end, in one pass: removing one at a time would shift the index.
        let mut position = 0;
        b.retain(|_| {
            position += 1;
            !removed[position - 1]
        });
    } else {
        *base = top.clone();
    }
}

/// A path as people write it: `pod.replicas.api`; a key that would be ambiguous there is
/// quoted in brackets: `annotations["kubernetes.io/ingress.class"]`.
pub fn path_of(keys: &[String]) -> String {
    let mut out = String::new();
    for k in keys {
        let plain = !k.is_empty()
            && k.chars()
                .all(|c| !matches!(c, '.' | '[' | ']' | '"' | '\'') && !c.is_whitespace());
        if plain {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(k);
        } else {
            out.push('[');
            out.push_str(&serde_json::to_string(k).unwrap_or_default());
            out.push(']');
        }
    }
    out
}

/// Leaves: scalars, lists (replaced whole, so one leaf) and empty maps.
fn is_leaf(t: &Tree) -> bool {
    match &t.kind {
        Kind::Map(m) => m.is_empty(),
        _ => true,
    }
}

/// Every leaf of `tree`, in document order, with its keys. Iterative: depth costs no stack.
pub fn leaves<'t>(tree: &'t Tree, mut f: impl FnMut(&[String], &'t Tree)) {
    let Kind::Map(root) = &tree.kind else {
        f(&[], tree);
        return;
    };
    let mut keys: Vec<String> = Vec::new();
    let mut stack: Vec<std::slice::Iter<'t, (String, Tree)>> = vec![root.iter()];
    while let Some(it) = stack.last_mut() {
        match it.next() {
            Some((k, child)) => {
                keys.push(k.clone());
                match &child.kind {
                    Kind::Map(m) if !m.is_empty() => stack.push(m.iter()),
                    _ => {
                        f(&keys, child);
                        keys.pop();
                    }
                }
            }
            None => {
                stack.pop();
                keys.pop();
            }
        }
    }
}

/// The provenance of the leaves of the final values, the first `limit` of them; and how many
/// leaves there are.
pub fn provenance(
    tree: &Tree,
    file_of: &dyn Fn(Layer) -> Option<String>,
    limit: usize,
) -> (Vec<Provenance>, usize) {
    let mut out = Vec::new();
    let mut total = 0;
    leaves(tree, |keys, leaf| {
        total += 1;
        if out.len() >= limit {
            return;
        }
        out.push(Provenance {
            path: path_of(keys),
            keys: keys.to_vec(),
            layer: leaf.origin.layer,
            file: file_of(leaf.origin.layer),
            line: (leaf.origin.line > 0).then_some(leaf.origin.line),
        })
    });
    (out, total)
}

/// The final values against values.yaml, leaf by leaf: the first `limit` entries, and how many
/// there are.
pub fn diff(old: &Tree, new: &Tree, limit: usize) -> (Vec<DiffEntry>, usize) {
    let mut out = Listed {
        entries: Vec::new(),
        total: 0,
        limit,
    };
    let mut keys = Vec::new();
    diff_at(&mut keys, Some(old), Some(new), &mut out);
    (out.entries, out.total)
}

/// Diff entries kept up to a limit, and counted past it.
struct Listed {
    entries: Vec<DiffEntry>,
    total: usize,
    limit: usize,
}

impl Listed {
    fn push(&mut self, entry: impl FnOnce() -> DiffEntry) {
        self.total += 1;
        if self.entries.len() < self.limit {
            self.entries.push(entry());
        }
    }
}

fn diff_at(keys: &mut Vec<String>, old: Option<&Tree>, new: Option<&Tree>, out: &mut Listed) {
    match (old, new) {
        (Some(o), Some(n)) => match (&o.kind, &n.kind) {
            (Kind::Map(om), Kind::Map(nm)) if !(om.is_empty() && nm.is_empty()) => {
                let (old_index, new_index) = (KeyIndex::of(om), KeyIndex::of(nm));
                for (k, nv) in nm {
                    keys.push(k.clone());
                    let ov = old_index.find(om, k).map(|i| &om[i].1);
                    diff_at(keys, ov, Some(nv), out);
                    keys.pop();
                }
                for (k, ov) in om {
                    if new_index.find(nm, k).is_none() {
                        keys.push(k.clone());
                        diff_at(keys, Some(ov), None, out);
                        keys.pop();
                    }
                }
            }
            _ => {
                out.push(|| {
                    let same = o.same_value(n);
                    DiffEntry {
                        path: path_of(keys),
                        keys: keys.clone(),
                        kind: if same {
                            DiffKind::Unchanged
                        } else {
                            DiffKind::Changed
                        },
                        old: (!same).then(|| o.clone()),
                        new: Some(n.clone()),
                        layer: Some(n.origin.layer),
                    }
                });
            }
        },
        (None, Some(n)) => each_leaf(keys, n, &mut |keys, leaf| {
            out.push(|| DiffEntry {
                path: path_of(keys),
                keys: keys.to_vec(),
                kind: DiffKind::Added,
                old: None,
                new: Some(leaf.clone()),
                layer: Some(leaf.origin.layer),
            })
        }),
        (Some(o), None) => each_leaf(keys, o, &mut |keys, leaf| {
            out.push(|| DiffEntry {
                path: path_of(keys),
                keys: keys.to_vec(),
                kind: DiffKind::Removed,
                old: Some(leaf.clone()),
                new: None,
                layer: None,
            })
        }),
        (None, None) => {}
    }
}

/// Leaves under `t`, whose keys are `prefix`.
fn each_leaf(prefix: &mut Vec<String>, t: &Tree, f: &mut dyn FnMut(&[String], &Tree)) {
    if is_leaf(t) {
        f(prefix, t);
        return;
    }
    let base = prefix.len();
    leaves(t, |keys, leaf| {
        prefix.truncate(base);
        prefix.extend_from_slice(keys);
        f(prefix, leaf);
    });
    prefix.truncate(base);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, YamlLimits};

    fn tree(text: &str, layer: Layer) -> Tree {
        let y = parse(text, YamlLimits::default());
        Tree::from_yaml(y.root().unwrap(), layer, &|l| l)
    }

    fn json(t: &Tree) -> String {
        serde_json::to_string(t).unwrap()
    }

    #[test]
    fn maps_merge_scalars_and_lists_replace() {
        let mut base = tree("a: {x: 1, q: [1, 2]}\nb: 1\n", Layer::DataTemplate);
        overlay(
            &mut base,
            &tree("a: {q: [3], z: 2}\nb: {c: 1}\n", Layer::License),
        );
        assert_eq!(json(&base), r#"{"a":{"x":1,"q":[3],"z":2},"b":{"c":1}}"#);
        // a scalar over a map replaces it too
        overlay(&mut base, &tree("a: 0\n", Layer::CustomConfig));
        assert_eq!(json(&base), r#"{"a":0,"b":{"c":1}}"#);
    }

    #[test]
    fn null_replaces_in_the_platform_and_deletes_in_helm() {
        let mut p = tree("a: 1\nb: 2\n", Layer::DataTemplate);
        overlay(&mut p, &tree("a: null\n", Layer::CustomConfig));
        assert_eq!(json(&p), r#"{"a":null,"b":2}"#);
        let mut v = tree("a: 5\nc: {d: 1, e: 2}\n", Layer::Values);
        coalesce(
            &mut v,
            &tree("a: null\nc: {d: ~}\nm: null\n", Layer::CustomConfig),
        );
        assert_eq!(json(&v), r#"{"c":{"e":2},"m":null}"#);
    }

    #[test]
    fn leaves_in_order_with_paths() {
        let t = tree(
            "pod:\n  replicas: {api: 1}\n  empty: {}\nlist: [1]\n\"a.b\": {c d: 1}\n",
            Layer::Values,
        );
        let (p, total) = provenance(&t, &|_| Some("values.yaml".into()), 10);
        assert_eq!(total, 4);
        let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "pod.replicas.api",
                "pod.empty",
                "list",
                "[\"a.b\"][\"c d\"]"
            ]
        );
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[3].keys, ["a.b", "c d"]);
    }

    #[test]
    fn lists_stop_at_their_limit_and_count_the_rest() {
        let old = tree("a: 1\nb: 2\nc: 3\n", Layer::Values);
        let new = tree("a: 1\nb: 3\nd: 4\n", Layer::License);
        let (p, total) = provenance(&new, &|_| None, 2);
        assert_eq!((p.len(), total), (2, 3));
        let (d, total) = diff(&old, &new, 1);
        assert_eq!((d.len(), total), (1, 4));
        assert_eq!(d[0].path, "a");
    }

    #[test]
    fn deep_trees_walk_without_recursion_limits() {
        let mut t = Tree::new(
            Kind::Int(1),
            super::super::tree::Origin {
                layer: Layer::Values,
                line: 1,
            },
        );
        for i in 0..10_000 {
            t = Tree::new(Kind::Map(vec![(format!("k{i}"), t)]), t_origin());
        }
        let mut n = 0;
        leaves(&t, |keys, _| {
            n += 1;
            assert_eq!(keys.len(), 10_000);
        });
        assert_eq!(n, 1);
        std::mem::forget(t); // dropping a 10k-deep tree recursively is not what is tested here
    }

    fn t_origin() -> super::super::tree::Origin {
        super::super::tree::Origin {
            layer: Layer::Values,
            line: 0,
        }
    }

    #[test]
    fn diff_kinds() {
        let old = tree("a: 1\nb: {c: 1, d: 2}\ne: [1]\n", Layer::Values);
        let mut new = old.clone();
        coalesce(
            &mut new,
            &tree("a: 2\nb: {d: null, f: 3}\n", Layer::License),
        );
        let (d, total) = diff(&old, &new, 10);
        assert_eq!(total, 5);
        let got: Vec<(String, DiffKind)> = d.iter().map(|e| (e.path.clone(), e.kind)).collect();
        assert_eq!(
            got,
            [
                ("a".to_string(), DiffKind::Changed),
                ("b.c".to_string(), DiffKind::Unchanged),
                ("b.f".to_string(), DiffKind::Added),
                ("b.d".to_string(), DiffKind::Removed),
                ("e".to_string(), DiffKind::Unchanged),
            ]
        );
        assert_eq!(json(d[0].old.as_ref().unwrap()), "1");
        assert_eq!(json(d[0].new.as_ref().unwrap()), "2");
        assert_eq!(d[0].layer, Some(Layer::License));
    }
}
