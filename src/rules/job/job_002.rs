use crate::chart::Chart;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `dependencies.posthook.services[]` entry of values.yaml whose `service` has no
    /// `endpoints.<service>.hosts` (error), or whose `endpoint` is not `internal` or `public`
    /// (warning).
    ///
    /// ## Why
    /// §1.1.6.8: the check Job waits for each listed Service by the host helm-toolkit looks up
    /// under `endpoints.<service>.hosts`; without it the snippet fails to render or waits for
    /// nothing. `endpoint` picks which host (`internal` → `hosts.default`, `public` →
    /// `hosts.public`); another word finds none.
    ///
    /// ## 中文
    /// values.yaml 的 `dependencies.posthook.services[]` 中，`service` 在 `endpoints.<service>.hosts`
    /// 下没有定义（错误），或 `endpoint` 不是 `internal`/`public`（警告）。检查 Job 依据这些主机名
    /// 等待 Service 就绪（§1.1.6.8）。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// dependencies:
    ///   posthook:
    ///     services:
    ///       - service: backend_api
    ///         endpoint: internal
    /// endpoints:
    ///   backend-api:
    ///     hosts:
    ///       default: backend-api
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// dependencies:
    ///   posthook:
    ///     services:
    ///       - service: backend_api
    ///         endpoint: internal
    /// endpoints:
    ///   backend_api:
    ///     hosts:
    ///       default: backend-api
    /// ```
    RULE = "JOB-002", Job, Error | Warning, "§1.1.6.8",
    "Check Job service without its endpoint", "检查 Job 的服务缺少 endpoint 定义",
    Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let Some(values) = &chart.values else { return };
    let Some(root) = values.root() else { return };
    let services = root
        .get_path(&["dependencies", "posthook", "services"])
        .and_then(|s| s.as_seq());
    let endpoints = root.get("endpoints");
    for item in services.unwrap_or_default() {
        let Some(service) = item.get("service") else {
            continue;
        };
        let Some(name) = service.as_str() else {
            continue;
        };
        let hosts = endpoints
            .and_then(|e| e.get(name))
            .and_then(|e| e.get("hosts"));
        if hosts.is_none_or(|h| h.is_null()) {
            let known: Vec<String> = endpoints
                .and_then(|e| e.as_map())
                .unwrap_or_default()
                .iter()
                .map(|e| e.key.key_string())
                .collect();
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let found = out.report(
                &values.path,
                Some(service.range),
                text!(
                    "the check Job waits for `{name}`, but `endpoints.{name}.hosts` is not defined",
                    "检查 Job 等待 `{name}`，但未定义 `endpoints.{name}.hosts`"
                ),
            );
            match crate::suggest::nearest(name, &known) {
                Some(near) => found.help(text!(
                    "did you mean `{near}`? (`endpoints.{near}`)",
                    "是否应为 `{near}`？（`endpoints.{near}`）"
                )),
                None => found.help(text!(
                    "add `endpoints.{name}.hosts.default: <service name>`",
                    "添加 `endpoints.{name}.hosts.default: <service 名称>`"
                )),
            };
        }
        if let Some(endpoint) = item.get("endpoint") {
            let word = endpoint.as_str().unwrap_or_default();
            if !matches!(word, "internal" | "public") {
                out.report(
                    &values.path,
                    Some(endpoint.range),
                    text!(
                        "`endpoint: {word}` is neither `internal` nor `public`",
                        "`endpoint: {word}` 既不是 `internal` 也不是 `public`"
                    ),
                )
                .severity(Severity::Warning);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE).test_and_snapshot();
    }

    #[test]
    fn another_endpoint_word_is_a_warning() {
        let d = Tester::new(&super::RULE).file("values.yaml").one(
            "dependencies:\n  posthook:\n    services:\n      - service: a\n        endpoint: admin\nendpoints:\n  a:\n    hosts:\n      default: a\n",
        );
        assert_eq!(d.severity, Severity::Warning);
    }
}
