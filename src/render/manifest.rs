//! From rendered template texts to Helm's output: each text split into documents at `---` lines
//! as Helm splits them (a `---` at the start or after a newline, the whitespace around it
//! eaten), each document trimmed, empty ones dropped, read for its kind, name, namespace and
//! hook annotation, then ordered as Helm installs: hooks last, otherwise by kind (Helm's
//! install order; other kinds after, by name), stable (template path, then place in it).

use crate::yaml::{self, YamlLimits};
use gotmpl::Origin;
use std::collections::HashMap;

/// One rendered document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The template it came from, as `# Source:` names it (`app/templates/x.yaml`).
    pub source: String,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub namespace: String,
    /// The `helm.sh/hook` annotation, when it is a hook.
    pub hook: Option<String>,
    /// The document's text, trimmed (no `---`, no `# Source:` line, no final newline).
    pub text: String,
    /// Where each line of `text` came from (one per line; fewer when unknown).
    pub lines: Vec<Origin>,
    /// A file of `crds/` (`--include-crds`), output as it is.
    pub crd: bool,
    /// The document as parsed when its head was read (a map, read whole), for
    /// [`super::Manifests`] to take instead of parsing it again; `None` when not kept.
    pub parsed: Option<yaml::Node>,
}

/// Helm's install order of kinds (helm3 v3.17.3, observed).
const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// The byte ranges of the documents of `text`, as Helm splits a template's output (the
/// separator `(?:^|\s*\n)---\s*`), each trimmed; empty documents left out.
pub fn split_documents(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    let mut search = 0;
    let skip_space = |mut i: usize| {
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        i
    };
    if text.starts_with("---") {
        piece_start = skip_space(3);
        search = piece_start;
    }
    while let Some(found) = text[search..].find("\n---") {
        let newline = search + found;
        let mut start = newline;
        while start > search && is_space(bytes[start - 1]) {
            start -= 1;
        }
        pieces.push((piece_start, start));
        piece_start = skip_space(newline + 4);
        search = piece_start;
    }
    pieces.push((piece_start, bytes.len()));
    pieces
        .into_iter()
        .filter_map(|(a, b)| {
            let piece = &text[a..b];
            let trimmed = piece.trim_start();
            let start = a + (piece.len() - trimmed.len());
            let end = start + trimmed.trim_end().len();
            (end > start).then_some((start, end))
        })
        .collect()
}

/// What Helm reads of a document before installing it (or why it cannot), kept by text:
/// rendering again (other values in the page's Manifests tab) mostly gives the same documents,
/// and parsing them is a render's largest single cost.
#[derive(Debug, Default)]
pub struct Heads {
    /// By a cheap fingerprint of the text (see [`fingerprint`]), then the text itself.
    by_text: HashMap<u64, Vec<(Box<str>, Result<Head, InvalidYaml>)>>,
    bytes: usize,
}

/// The length and 64 bytes spread over the text: hashing a whole document (megabytes for CRDs)
/// cost more than comparing it with the one remembered.
fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let bytes = text.as_bytes();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.len().hash(&mut hasher);
    let step = (bytes.len() / 64).max(1);
    for b in bytes.iter().step_by(step).take(64) {
        b.hash(&mut hasher);
    }
    hasher.finish()
}

/// At most this much document text is remembered; past it, the memory starts again.
const MAX_REMEMBERED: usize = 32 << 20;

impl Heads {
    /// The head of `text`, and its parse when it was parsed now (not remembered).
    fn of(&mut self, text: &str) -> (Result<Head, InvalidYaml>, Option<yaml::Node>) {
        let key = fingerprint(text);
        if let Some((_, head)) = self
            .by_text
            .get(&key)
            .and_then(|same| same.iter().find(|(t, _)| **t == *text))
        {
            return (head.clone(), None);
        }
        let (head, parsed) = read_head(text);
        if self.bytes + text.len() > MAX_REMEMBERED {
            self.by_text.clear();
            self.bytes = 0;
        }
        self.bytes += text.len();
        self.by_text
            .entry(key)
            .or_default()
            .push((Box::from(text), head.clone()));
        (head, parsed)
    }
}

/// A rendered text Helm does not take as YAML: Helm's message, and the line (0-based in the
/// text) where the YAML parser stopped, when it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidYaml {
    pub message: String,
    pub line: Option<usize>,
}

/// apiVersion, kind, metadata.name/namespace and the hook annotation.
#[derive(Clone, Debug, Default)]
struct Head {
    api_version: String,
    kind: String,
    name: String,
    namespace: String,
    hook: Option<String>,
}

/// The documents of one template's output `text` (with the origins of its lines), or Helm's
/// error for the first document that is not YAML.
pub fn documents(
    source: &str,
    text: &str,
    origins: &[Origin],
    heads: &mut Heads,
) -> Result<Vec<Document>, InvalidYaml> {
    let mut out = Vec::new();
    // Lines before the document, counted on from the previous one's start.
    let (mut first_line, mut counted_to) = (0, 0);
    for (start, end) in split_documents(text) {
        first_line += text[counted_to..start]
            .bytes()
            .filter(|&b| b == b'\n')
            .count();
        counted_to = start;
        let body = &text[start..end];
        let count = body.bytes().filter(|&b| b == b'\n').count() + 1;
        let lines = origins
            .iter()
            .skip(first_line)
            .take(count)
            .cloned()
            .collect();
        let (head, parsed) = heads.of(body);
        let head = head.map_err(|e| InvalidYaml {
            message: format!("YAML parse error on {source}: {}", e.message),
            line: e.line.map(|l| first_line + l),
        })?;
        let doc = Document {
            source: source.to_string(),
            api_version: head.api_version,
            kind: head.kind,
            name: head.name,
            namespace: head.namespace,
            hook: head.hook,
            text: body.to_string(),
            lines,
            crd: false,
            parsed,
        };
        out.push(doc);
    }
    Ok(out)
}

/// Reads apiVersion, kind, metadata.name/namespace and the hook annotation, or Helm's error;
/// and the document parsed, when it is a map read whole (the manifest rules read it).
fn read_head(text: &str) -> (Result<Head, InvalidYaml>, Option<yaml::Node>) {
    let mut parsed = yaml::parse(text, YamlLimits::default());
    let head = head_of(&parsed);
    // A document the run's work budget cut is not kept half-read.
    let cut = parsed
        .problems
        .iter()
        .any(|p| matches!(p, yaml::Problem::BudgetSpent { .. }));
    let root = match parsed.docs.drain(..).next() {
        Some(root) if head.is_ok() && !cut && root.as_map().is_some() => Some(root),
        _ => None,
    };
    (head, root)
}

fn head_of(parsed: &yaml::Yaml) -> Result<Head, InvalidYaml> {
    if let Some(yaml::Problem::Syntax { range, message }) = parsed
        .problems
        .iter()
        .find(|p| matches!(p, yaml::Problem::Syntax { .. }))
    {
        return Err(InvalidYaml {
            message: format!(
                "error converting YAML to JSON: yaml: line {}: {message}",
                range.start.line
            ),
            line: Some(range.start.line.saturating_sub(1)),
        });
    }
    let Some(root) = parsed.root() else {
        return Ok(Head::default());
    };
    // Helm reads the head into a struct: the document must be a map (or empty).
    let json_type = match &root.kind {
        yaml::Kind::Map(_) => None,
        yaml::Kind::Seq(_) => Some("array"),
        yaml::Kind::Scalar(s) => match s.value {
            yaml::Value::Null => return Ok(Head::default()),
            yaml::Value::Bool(_) => Some("bool"),
            yaml::Value::Int(_) | yaml::Value::Float(_) => Some("number"),
            yaml::Value::Str => Some("string"),
        },
    };
    if let Some(json_type) = json_type {
        return Err(InvalidYaml {
            message: format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {json_type} into Go value of type releaseutil.SimpleHead"
            ),
            line: None,
        });
    }
    let text = |node: Option<&yaml::Node>| {
        node.and_then(|n| n.as_scalar())
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    Ok(Head {
        api_version: text(root.get("apiVersion")),
        kind: text(root.get("kind")),
        name: text(root.get_path(&["metadata", "name"])),
        namespace: text(root.get_path(&["metadata", "namespace"])),
        hook: root
            .get_path(&["metadata", "annotations", "helm.sh/hook"])
            .and_then(|n| n.as_scalar())
            .map(|s| s.text.clone()),
    })
}

/// Hook events Helm 3 knows; a hook annotation naming another is skipped with its document
/// (helm3: `info: skipping unknown hook: "crd-install"`).
const HOOK_EVENTS: &[&str] = &[
    "pre-install",
    "post-install",
    "pre-delete",
    "post-delete",
    "pre-upgrade",
    "post-upgrade",
    "pre-rollback",
    "post-rollback",
    "test",
    "test-success",
];

/// Whether a `helm.sh/hook` value names only events Helm knows.
pub fn known_hook(value: &str) -> bool {
    value
        .split(',')
        .all(|e| HOOK_EVENTS.contains(&e.trim().to_ascii_lowercase().as_str()))
}

/// Helm's order: documents not hooks, by kind (stable), then hooks by kind (stable).
/// `docs` must come in template path order.
pub fn sort(docs: &mut [Document]) {
    slim_sort::sort_by(docs, |a, b| {
        a.hook
            .is_some()
            .cmp(&b.hook.is_some())
            .then_with(|| kind_rank(&a.kind).cmp(&kind_rank(&b.kind)))
    });
}

fn kind_rank(kind: &str) -> (usize, &str) {
    match INSTALL_ORDER.iter().position(|k| *k == kind) {
        Some(i) => (i, ""),
        None => (INSTALL_ORDER.len(), kind),
    }
}

/// The documents as `helm template` prints them: the release manifest (CRDs and documents),
/// trimmed, a newline, then the hooks. With `--show-only` (`selected`), each chosen document.
pub fn to_yaml_stream(docs: &[Document], selected: bool) -> String {
    let one = |out: &mut String, doc: &Document| {
        out.push_str("---\n# Source: ");
        out.push_str(&doc.source);
        out.push('\n');
        out.push_str(&doc.text);
        out.push('\n');
    };
    let mut out = String::new();
    if selected {
        for doc in docs {
            one(&mut out, doc);
        }
        return out;
    }
    for doc in docs.iter().filter(|d| d.hook.is_none()) {
        one(&mut out, doc);
    }
    let mut out = out.trim().to_string();
    out.push('\n');
    for doc in docs.iter().filter(|d| d.hook.is_some()) {
        one(&mut out, doc);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_documents(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn splits_as_helm() {
        // helm3: "  kind: B\n  x: 1\n" is read as "kind: B\n  x: 1" (trimmed), "---foo: 1" starts a
        // document "foo: 1", a `---` at the start opens one.
        assert_eq!(
            texts("  kind: B\n  x: 1\n\n---\nkind: C\nx: 2 \n---foo: 1\n"),
            vec!["kind: B\n  x: 1", "kind: C\nx: 2", "foo: 1"]
        );
        assert_eq!(
            texts("---\n# Source: fake\nkind: D\n"),
            vec!["# Source: fake\nkind: D"]
        );
        assert_eq!(texts("kind: E\n  \n   "), vec!["kind: E"]);
        // helm3 prints these "---" documents too: a `---` right after a separator is text.
        assert_eq!(texts("\n   \n---\n\n---\nkind: A\n"), vec!["---\nkind: A"]);
        assert_eq!(
            texts("a: 1\n---\n---\n---\nb: 1\n"),
            vec!["a: 1", "---", "b: 1"]
        );
        assert_eq!(texts("\n  \n---\n"), Vec::<&str>::new());
        assert_eq!(
            texts("a: |\n  x\n  ---\nb: 1"),
            vec!["a: |\n  x\n  ---\nb: 1"]
        );
        assert_eq!(texts("a: 1\n---   \n  b: 2"), vec!["a: 1", "b: 2"]);
    }

    fn doc(kind: &str, hook: bool) -> Document {
        Document {
            source: String::new(),
            api_version: String::new(),
            kind: kind.into(),
            name: String::new(),
            namespace: String::new(),
            hook: hook.then(|| "pre-install".to_string()),
            text: String::new(),
            lines: Vec::new(),
            crd: false,
            parsed: None,
        }
    }

    #[test]
    fn unknown_hooks() {
        // helm3 keeps "PRE-INSTALL" and "test-success", skips "crd-install" and
        // "crd-install,pre-install".
        assert!(
            known_hook("PRE-INSTALL")
                && known_hook("test-success")
                && known_hook("pre-install, post-install")
        );
        assert!(!known_hook("crd-install") && !known_hook("crd-install,pre-install"));
    }

    #[test]
    fn sorts_as_helm() {
        let mut docs = vec![
            doc("Service", false),
            doc("Foo", false),
            doc("", false),
            doc("ConfigMap", true),
            doc("Namespace", false),
            doc("Bar", false),
        ];
        sort(&mut docs);
        let kinds: Vec<&str> = docs.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(
            kinds,
            vec!["Namespace", "Service", "", "Bar", "Foo", "ConfigMap"]
        );
    }

    #[test]
    fn texts_that_share_a_fingerprint_keep_their_own_heads() {
        let text = |kind: char| format!("kind: {kind}\n#{}\n", "x".repeat(1000));
        let (a, b) = (text('A'), text('B'));
        assert_eq!(fingerprint(&a), fingerprint(&b), "byte 6 is not sampled");
        let mut heads = Heads::default();
        for _ in 0..2 {
            assert_eq!(heads.of(&a).0.unwrap().kind, "A");
            assert_eq!(heads.of(&b).0.unwrap().kind, "B");
        }
    }

    #[test]
    fn reads_heads_and_refuses_bad_yaml() {
        // Twice over one memory of heads: the second time from it, with the same results.
        let mut heads = Heads::default();
        for _ in 0..2 {
            let docs = documents(
                "c/templates/a.yaml",
                "kind: Service\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook: test\n",
                &[],
                &mut heads,
            )
            .unwrap();
            assert_eq!(docs[0].kind, "Service");
            assert_eq!(docs[0].name, "x");
            assert_eq!(docs[0].hook.as_deref(), Some("test"));
            let err = documents("c/templates/a.yaml", "kind: B\n  x: 1\n", &[], &mut heads)
                .unwrap_err()
                .message;
            assert!(err.starts_with("YAML parse error on c/templates/a.yaml: error converting YAML to JSON: yaml: line 2"), "{err}");
            // The line where it broke, counted in the whole text (for HELM-007's place).
            let second = documents(
                "c/templates/a.yaml",
                "a: 1\n---\nb: 1\n  c: 2\n",
                &[],
                &mut heads,
            );
            assert_eq!(second.unwrap_err().line, Some(3));
            // helm3's words for a document that is not a map.
            let err = documents("c/templates/t.yaml", "- a\n- b\n", &[], &mut heads)
                .unwrap_err()
                .message;
            assert_eq!(err, "YAML parse error on c/templates/t.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type releaseutil.SimpleHead");
            let err = documents("c/templates/t.yaml", "just text\n", &[], &mut heads)
                .unwrap_err()
                .message;
            assert!(
                err.ends_with(
                    "cannot unmarshal string into Go value of type releaseutil.SimpleHead"
                ),
                "{err}"
            );
            assert!(documents("c/templates/t.yaml", "# only a comment\n", &[], &mut heads).is_ok());
        }
        // A remembered error names the template that wrote the text this time.
        let err = documents("c/templates/b.yaml", "kind: B\n  x: 1\n", &[], &mut heads)
            .unwrap_err()
            .message;
        assert!(
            err.starts_with("YAML parse error on c/templates/b.yaml:"),
            "{err}"
        );
    }
}
