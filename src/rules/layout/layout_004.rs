use crate::chart::{decode, Chart};
use crate::declare_rule;
use crate::diagnostic::{Pos, Range};
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a template that defines a `Service` but is not named `service-<function>.yaml`,
    /// and one that defines an `Ingress` but is not named `ingress-<function>.yaml`. The finding
    /// points at the `kind:` line and, where the object's `metadata.name` is written literally,
    /// suggests a file name from it.
    ///
    /// Templates are Go templates, so they are not parsed as YAML: each `---`-separated
    /// document is scanned for a top-level `kind: Service` / `kind: Ingress` line (quotes and a
    /// trailing comment allowed). Partials (`_*.tpl`, `_*.yaml`) render nothing and are skipped.
    ///
    /// ## Why
    /// §1.1.6.7: a product may expose several Services and Ingresses, "可采用 service-[功能].yaml /
    /// ingress-[功能].yaml 的命名方式来进行区分" — one file per function, named after it; the
    /// guide's layout (§1.1.6.1) shows `service-api.yaml` and `ingress-api.yaml`. The guide says
    /// "may", so this is a warning, not an error. Choices where the guide is silent:
    /// - `service.yaml` / `ingress.yaml` (what `helm create` makes) has no function and is
    ///   reported: the convention exists so that the second Service has an obvious place.
    /// - Several Services in one `service-<function>.yaml` pass (one function, several ports or
    ///   a headless twin are common). A file that is misnamed is reported once per kind, at its
    ///   first such document, with the count.
    /// - A file that defines both a Service and an Ingress (`api.yaml` holding the whole
    ///   component) is reported for each kind its name does not match: split it in two.
    /// - `.yml` is accepted in place of `.yaml` (the convention is about the function).
    /// - The guide's own examples are titled `ingress-product-dashboard.sh`; that is a typo, a
    ///   `.sh` file in `templates/` would be rendered as a manifest all the same.
    ///
    /// ## 中文
    /// 定义 `Service` 的模板文件应命名为 `service-<功能>.yaml`，定义 `Ingress` 的应命名为
    /// `ingress-<功能>.yaml`（§1.1.6.7）。模板按 Go 模板处理，不做 YAML 解析，而是按 `---` 分隔的
    /// 文档逐行查找顶层 `kind:`。`service.yaml` 这种不带功能名的文件也会报告；同一文件中的多个
    /// Service 只报告一次；同时定义 Service 与 Ingress 的文件按不匹配的类型分别报告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/service.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: dashboard
    /// spec:
    ///   type: ClusterIP
    ///   ports:
    ///     - name: http-dashboard
    ///       port: 80
    ///   selector:
    ///     app: dashboard
    /// ```
    /// ```yaml,pass,file=templates/service-dashboard.yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: dashboard
    /// spec:
    ///   type: ClusterIP
    ///   ports:
    ///     - name: http-dashboard
    ///       port: 80
    ///   selector:
    ///     app: dashboard
    /// ```
    RULE = "LAYOUT-004", Layout, Warning, "§1.1.6.7",
    "Service or Ingress template not named after its function", "Service/Ingress 模板未按功能命名", Chart(check)
}

/// The first top-level `kind:` of one `---` document, and the literal `metadata.name` if any.
struct Doc {
    kind: String,
    /// 1-based line and the columns of the kind value.
    line: usize,
    start: usize,
    end: usize,
    name: Option<String>,
}

fn check(chart: &Chart, out: &mut Findings) {
    let product = chart.name();
    for file in chart.templates() {
        let rel = chart.rel(&file.path);
        let base = rel.rsplit('/').next().unwrap_or(rel);
        if base.starts_with('_') {
            continue;
        }
        let Some(text) = decode(file) else { continue };
        let docs = scan(text);
        for (kind, prefix) in [("Service", "service"), ("Ingress", "ingress")] {
            let hits: Vec<&Doc> = docs.iter().filter(|d| d.kind == kind).collect();
            let Some(first) = hits.first() else { continue };
            if named_for(base, prefix) {
                continue;
            }
            let count = hits.len();
            let what_en = if count == 1 {
                let article = if kind.starts_with(['A', 'E', 'I', 'O', 'U']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} `{kind}`")
            } else {
                format!("{count} `{kind}`s")
            };
            let what_zh = if count == 1 {
                format!("`{kind}`")
            } else {
                format!("{count} 个 `{kind}`")
            };
            let function = first.name.as_deref().map(|n| function_of(n, &product));
            let suggestion = match function {
                Some(f) if !f.is_empty() => format!("{prefix}-{f}.yaml"),
                _ => format!("{prefix}-<function>.yaml"),
            };
            let range = Range {
                start: Pos {
                    line: first.line,
                    column: first.start,
                },
                end: Pos {
                    line: first.line,
                    column: first.end,
                },
            };
            let d = out.report(
                &file.path,
                Some(range),
                text!(
                    "`{base}` defines {what_en} but is not named `{prefix}-<function>.yaml`",
                    "`{base}` 定义了 {what_zh}，但文件名不是 `{prefix}-<功能>.yaml`"
                ),
            );
            let mixed = docs.iter().any(|d| d.kind == "Service")
                && docs.iter().any(|d| d.kind == "Ingress");
            if mixed {
                d.help(text!(
                    "move the {kind} into its own file named after the function it exposes, e.g. `{suggestion}`",
                    "将 {kind} 移到单独的文件中，并按所暴露的功能命名，例如 `{suggestion}`"
                ));
            } else {
                d.help(text!(
                    "name the file after the function it exposes, e.g. `{suggestion}`",
                    "按所暴露的功能命名文件，例如 `{suggestion}`"
                ));
            }
        }
    }
}

/// `service-<function>.yaml` (or `.yml`) with a non-empty function.
fn named_for(base: &str, prefix: &str) -> bool {
    let Some(stem) = base
        .strip_suffix(".yaml")
        .or_else(|| base.strip_suffix(".yml"))
    else {
        return false;
    };
    let Some(function) = stem.strip_prefix(prefix).and_then(|s| s.strip_prefix('-')) else {
        return false;
    };
    !function.is_empty() && !function.starts_with('-')
}

/// A function name from an object name: the product ID prefix is dropped
/// (`mycloud-product-api` → `api`).
fn function_of(name: &str, product: &str) -> String {
    let f = name
        .strip_prefix(product)
        .and_then(|s| s.strip_prefix('-'))
        .unwrap_or(name);
    f.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// A scalar as written on one line: comment dropped, quotes removed.
fn bare_value(v: &str) -> &str {
    let v = match v.find(" #") {
        Some(i) => &v[..i],
        None => v,
    };
    let v = v.trim();
    v.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(v)
}

/// Scan a Go template for each `---` document's first top-level `kind:` line.
fn scan(text: &str) -> Vec<Doc> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut docs = Vec::new();
    let mut start = 0;
    for end in 0..=lines.len() {
        if end == lines.len() || lines[end].starts_with("---") {
            docs.extend(scan_doc(&lines[start..end], start));
            start = end + 1;
        }
    }
    docs
}

/// One document (`lines`, whose first line is 0-based line `first` of the file).
fn scan_doc(lines: &[&str], first: usize) -> Option<Doc> {
    let (i, line, value) = lines.iter().enumerate().find_map(|(i, l)| {
        let v = bare_value(l.strip_prefix("kind:")?);
        (!v.is_empty() && !v.contains("{{")).then_some((i, *l, v))
    })?;
    let byte = 5 + line[5..].find(value)?;
    let start = line[..byte].chars().count() + 1;
    Some(Doc {
        kind: value.to_string(),
        line: first + i + 1,
        start,
        end: start + value.chars().count(),
        name: metadata_name(lines),
    })
}

/// `metadata.name` of a document when it is written literally (no template action).
fn metadata_name(lines: &[&str]) -> Option<String> {
    let mut in_metadata = false;
    let mut indent = None;
    for l in lines {
        if l.starts_with("metadata:") {
            in_metadata = true;
            continue;
        }
        let t = l.trim_start();
        if !in_metadata || t.is_empty() || t.starts_with("{{") || t.starts_with('#') {
            continue;
        }
        let ind = l.len() - t.len();
        if ind == 0 {
            in_metadata = false;
            continue;
        }
        if ind == *indent.get_or_insert(ind) {
            if let Some(rest) = t.strip_prefix("name:") {
                let v = bare_value(rest);
                return (!v.is_empty() && !v.contains("{{")).then(|| v.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::scan;
    use crate::diagnostic::Pos;
    use crate::rules::tester::{help, with, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE)
    }

    const SVC: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: mycloud-product-dashboard\nspec:\n  ports: []\n";
    const ING: &str =
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec: {}\n";

    #[test]
    fn service_yaml_without_function() {
        let d = tester().one(with("templates/service.yaml", SVC));
        let r = d.range.unwrap();
        assert_eq!(r.start, Pos { line: 2, column: 7 });
        assert_eq!(
            r.end,
            Pos {
                line: 2,
                column: 14
            }
        );
        assert!(
            help(&d).contains("`service-dashboard.yaml`"),
            "{:?}",
            d.help
        );
    }

    #[test]
    fn service_in_an_ingress_file_and_both_kinds_in_one_file() {
        let d = tester().one(with(
            "templates/ingress-web.yaml",
            format!("{ING}---\n{SVC}"),
        ));
        assert!(d.message.en.contains("`Service`"));
        assert_eq!(d.range.unwrap().start, Pos { line: 8, column: 7 });

        let d = tester().findings(with("templates/web.yaml", format!("{ING}---\n{SVC}")));
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].range.unwrap().start.line, 2);
        assert!(d.iter().all(|x| x.help.is_some()), "{d:?}");
        assert!(d.iter().any(|x| help(x).contains("`ingress-web.yaml`")));
    }

    #[test]
    fn several_services_reported_once_with_count() {
        let body = format!("{SVC}---\n{SVC}---\n# comment\n{SVC}");
        let d = tester().one(with("templates/services.yaml", &body));
        assert!(d.message.en.contains("3 `Service`s"));
        assert!(tester()
            .findings(with("templates/service-dashboard.yaml", &body))
            .is_empty());
    }

    #[test]
    fn quoted_kind_with_comment_and_templated_name() {
        let body = "{{- if .Values.manifests.service }}\napiVersion: v1\nkind: \"Service\" # the api\nmetadata:\n  name: {{ .Values.name }}\n{{- end }}\n";
        let d = tester().one(with("templates/svc.yml", body));
        assert_eq!(d.range.unwrap().start, Pos { line: 3, column: 8 });
        assert!(help(&d).contains("`service-<function>.yaml`"));
    }

    #[test]
    fn scan_takes_the_name_after_the_kind_or_before_it() {
        let docs = scan("metadata:\n  labels:\n    a: b\n  name: early\nkind: Service\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].name.as_deref(), Some("early"));
        let docs = scan(SVC);
        assert_eq!(docs[0].name.as_deref(), Some("mycloud-product-dashboard"));
    }

    #[test]
    fn passing_names_and_skipped_files() {
        tester()
            .pass([
                with("templates/service-api.yml", SVC),
                with("templates/ingress-product-dashboard.yaml", ING),
                // Partials render nothing; nested kinds are not top-level.
                with("templates/_service.tpl", SVC),
                with(
                    "templates/list.yaml",
                    "kind: List\nitems:\n  - kind: Service\n",
                ),
            ])
            .test();
        // `service-.yaml` has an empty function.
        assert_eq!(
            tester()
                .findings(with("templates/service-.yaml", SVC))
                .len(),
            1
        );
    }

    #[test]
    fn pass_and_fail() {
        tester().test_and_snapshot();
    }
}
