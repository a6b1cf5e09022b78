use crate::chart::resources::quantity::{parse_milli, QuantityError};
use crate::chart::resources::QuantityAt;
use crate::chart::Chart;
use crate::declare_rule;
use crate::rules::Findings;
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a `cpu` or `memory` value in values.yaml that is not a valid Kubernetes quantity,
    /// at the value: `500mb`, `1.5 Gi`, `1GB`, `-1`, `true`, a list. It looks at every
    /// `requests` and `limits` map under a `resources` key (`jobs` included: the value is still
    /// wrong there) and at `requests` maps outside one (RES-007).
    ///
    /// A quantity is a number (`0.5`, `2.5`, `1e9`, a plain count of bytes) with an optional
    /// suffix: `m` (thousandths), `k M G T P E` (powers of 1000) or `Ki Mi Gi Ti Pi Ei` (powers of
    /// 1024), with no space. YAML numbers (`cpu: 1`, `cpu: 0.5`) are fine; a null is taken as
    /// absent (Helm drops it), not as an error.
    ///
    /// ## Why
    /// §1.1.6.3: the platform sums these values to get the requirement; a value it cannot read
    /// is counted as 0 here, and Kubernetes rejects the Pod ("quantities must match the regular
    /// expression"), so the install fails. The help suggests the likely meant quantity (`500mb` →
    /// `500Mi`: a `b` suffix is almost always meant as a binary unit).
    ///
    /// ## 中文
    /// values.yaml 中 `requests`/`limits` 的 `cpu` 或 `memory` 不是合法的 Kubernetes 数量（如
    /// `500mb`、`1.5 Gi`、`1GB`、`-1`）。这样的值在计算资源需求时按 0 计，Kubernetes 也会拒绝
    /// 该 Pod。帮助中给出可能想写的值（如 `500mb` → `500Mi`）。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "500mb"
    ///         cpu: "500m"
    ///       limits:
    ///         memory: "1.5 Gi"
    ///         cpu: "-1"
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// pod:
    ///   resources:
    ///     backend_api:
    ///       requests:
    ///         memory: "500Mi"
    ///         cpu: "500m"
    ///       limits:
    ///         memory: "1.5Gi"
    ///         cpu: "1"
    /// ```
    RULE = "RES-003", Res, Error, "§1.1.6.3",
    "Quantity does not parse", "资源数量无法解析", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let c = chart.resources();
    let Some(file) = &c.values_file else { return };
    for b in &c.blocks {
        for (map_key, map) in [("requests", &b.requests), ("limits", &b.limits)] {
            let Some(map) = map else { continue };
            for (name, q) in [("cpu", &map.cpu), ("memory", &map.memory)] {
                if let Some(q) = q {
                    report(file, &format!("{map_key}.{name}"), name == "memory", q, out);
                }
            }
        }
    }
}

fn report(file: &str, key: &str, memory: bool, q: &QuantityAt, out: &mut Findings) {
    let Err(e) = &q.milli else { return };
    let text = &q.text;
    let (why_en, why_zh) = (e.en(), e.zh());
    let d = out.report(
        file,
        Some(q.range),
        text!(
            "`{key}` value `{text}` is {why_en}",
            "`{key}` 的值 `{text}` {why_zh}"
        ),
    );
    let fix = suggest(text, memory, e);
    match (fix, e, memory) {
        (Some(fix), _, _) => d.help(text!("did you mean `{fix}`?", "是否应为 `{fix}`？")),
        (None, QuantityError::Negative, _) => d.help(text!(
            "a request or limit cannot be negative: use 0 or a positive quantity, or remove it",
            "requests 或 limits 不能为负数：请使用 0 或正数，或删除该项"
        )),
        (None, _, false) => d.help(text!(
            "write cpu as millicores (`500m`) or cores (`0.5`, `1`, `2.5`)",
            "CPU 请写成毫核（`500m`）或核数（`0.5`、`1`、`2.5`）"
        )),
        (None, _, true) => d.help(text!(
            "write memory with a binary suffix (`512Mi`, `1Gi`) or as plain bytes, with no space and no `B`",
            "内存请使用二进制单位（`512Mi`、`1Gi`）或直接写字节数，数字和单位之间不要有空格，不要写 `B`"
        )),
    };
}

/// The quantity the author likely meant, when a small fix makes it parse.
fn suggest(text: &str, memory: bool, e: &QuantityError) -> Option<String> {
    if !matches!(e, QuantityError::Format) {
        return None;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact != text && parse_milli(&compact).is_ok() {
        return Some(compact);
    }
    let split = compact.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+'))?;
    let (number, unit) = compact.split_at(split);
    if number.is_empty() || parse_milli(number).is_err() {
        return None;
    }
    let lower = unit.to_ascii_lowercase();
    let fixed = if memory {
        let prefix = lower.trim_end_matches('b').trim_end_matches('i');
        match prefix {
            "k" => "Ki",
            "m" => "Mi",
            "g" => "Gi",
            "t" => "Ti",
            "p" => "Pi",
            "e" => "Ei",
            "" if lower == "b" => "",
            _ => return None,
        }
    } else {
        match lower.as_str() {
            "c" | "core" | "cores" | "cpu" | "cpus" | "vcpu" | "vcpus" => "",
            "mc" | "mcore" | "mcores" | "millicore" | "millicores" | "millicpu" => "m",
            _ => return None,
        }
    };
    let fix = format!("{number}{fixed}");
    parse_milli(&fix).is_ok().then_some(fix)
}

#[cfg(test)]
mod tests {
    use super::suggest;
    use crate::chart::resources::quantity::QuantityError;
    use crate::chart::VALUES_YAML;
    use crate::rules::tester::{help, starts, Tester};

    fn tester() -> Tester {
        Tester::new(&super::RULE).file(VALUES_YAML)
    }

    #[test]
    fn bad_values_at_their_place() {
        let d = tester().findings(
            "pod:\n  resources:\n    api:\n      requests:\n        memory: \"500mb\"\n        cpu: 1.5 c\n      limits:\n        memory: 1.5 Gi\n        cpu: -1\n",
        );
        assert_eq!(starts(&d), vec![(5, 17), (6, 14), (8, 17), (9, 14)]);
        assert!(d[0]
            .message
            .en
            .contains("`requests.memory` value `500mb` is not a Kubernetes quantity"));
        assert_eq!(help(&d[0]), "did you mean `500Mi`?");
        assert_eq!(help(&d[1]), "did you mean `1.5`?");
        assert_eq!(help(&d[2]), "did you mean `1.5Gi`?");
        assert!(d[3].message.en.contains("negative"));
        assert!(help(&d[3]).contains("cannot be negative"));
    }

    #[test]
    fn types_that_are_not_quantities() {
        let d = tester().findings("resources:\n  requests:\n    cpu: true\n    memory: [1Gi]\n");
        assert_eq!(starts(&d), vec![(3, 10), (4, 13)]);
        assert!(d[0].message.en.contains("a boolean, not a quantity"));
        assert!(d[1].message.en.contains("a list, not a quantity"));
    }

    #[test]
    fn jobs_and_orphans_are_checked_too() {
        let d = tester().findings("resources:\n  jobs:\n    x:\n      requests: {cpu: 1x}\nother:\n  requests: {memory: 1 G}\n");
        assert_eq!(starts(&d), vec![(4, 23), (6, 22)]);
    }

    #[test]
    fn suggestions() {
        let f = QuantityError::Format;
        assert_eq!(suggest("500mb", true, &f).as_deref(), Some("500Mi"));
        assert_eq!(suggest("1GB", true, &f).as_deref(), Some("1Gi"));
        assert_eq!(suggest("1gi", true, &f).as_deref(), Some("1Gi"));
        assert_eq!(suggest("2 Gi", true, &f).as_deref(), Some("2Gi"));
        assert_eq!(suggest("100b", true, &f).as_deref(), Some("100"));
        assert_eq!(suggest("2cores", false, &f).as_deref(), Some("2"));
        assert_eq!(suggest("500mc", false, &f).as_deref(), Some("500m"));
        assert_eq!(suggest("lots", true, &f), None);
        assert_eq!(suggest("1x", false, &f), None);
    }

    #[test]
    fn pass_and_fail() {
        tester()
            .pass(["resources:\n  a:\n    requests: {cpu: 0.5, memory: 1e9}\n    limits: {cpu: \"2\", memory: 1073741824}\n  b:\n    requests: {cpu: ~, memory: 512Mi}\nconf:\n  limits: {cpu: lots}\n"])
            .test_and_snapshot();
    }
}
