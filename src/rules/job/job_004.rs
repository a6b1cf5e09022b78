use crate::chart::decode;
use crate::declare_rule;
use crate::render::image::ImageRef;
use crate::render::manifests::{place, Object};
use crate::rules::img::img_002::BUILD_PLACEHOLDER;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports a Job whose name is fixed and one of whose containers runs an image tagged with
    /// the build placeholder `5.0.1`, at that image. A name is not fixed when it carries a
    /// version (`db-init-6.2.1`: digits, a dot, digits) or a timestamp (8 digits or more), or
    /// when the template line that writes it uses something that changes per release or build
    /// (`.Release.Time`, as the guide's check Job does, `.Release.Revision`, `.Chart.Version`,
    /// `now`, `rand…`, `uuid…`), directly or through a variable set from it. A Job is also left alone when Kubernetes
    /// or Helm removes it before the next upgrade: a `ttlSecondsAfterFinished`, or a Helm hook
    /// whose delete policy is Helm's default (`before-hook-creation`) or includes
    /// `before-hook-creation` or `hook-succeeded`.
    ///
    /// ## Why
    /// §1.1.6.11 (已知问题): the build replaces `5.0.1` with each build's version, so every
    /// upgrade changes the Job's image; a Job's pod template cannot be changed, and "会导致后续
    /// 每次升级都失败" — every later upgrade fails until someone deletes the Job by hand.
    /// Renaming it once (`db-init-6.2.1`) only moves the problem to the next build; a name that
    /// changes with the version or a Job deleted after it ran does not.
    ///
    /// ## 中文
    /// 名称固定的 Job 运行了 tag 为构建占位符 `5.0.1` 的镜像。构建会把 `5.0.1` 替换为每次构建的版本，
    /// 而 Job 的 pod 模板不允许修改，按 §1.1.6.11 的已知问题，之后每次升级都会失败。名称带版本号
    /// （如 `db-init-6.2.1`）或时间戳、设置了 `ttlSecondsAfterFinished`、或是会在下次创建前删除的
    /// Helm hook（默认或含 `before-hook-creation`/`hook-succeeded` 的删除策略）的 Job 不报告。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/job-db-init.yaml
    /// apiVersion: batch/v1
    /// kind: Job
    /// metadata:
    ///   name: db-init
    /// spec:
    ///   template:
    ///     spec:
    ///       restartPolicy: OnFailure
    ///       containers:
    ///         - name: init
    ///           image: hub.easystack.io/production/mycloud-product-api:5.0.1
    /// ```
    /// ```yaml,pass,file=templates/job-db-init.yaml
    /// apiVersion: batch/v1
    /// kind: Job
    /// metadata:
    ///   name: db-init-{{ .Chart.Version }}
    /// spec:
    ///   template:
    ///     spec:
    ///       restartPolicy: OnFailure
    ///       containers:
    ///         - name: init
    ///           image: hub.easystack.io/production/mycloud-product-api:5.0.1
    /// ```
    RULE = "JOB-004", Job, Warning, "§1.1.6.11",
    "Fixed-name Job runs a 5.0.1 image", "固定名称的 Job 使用 5.0.1 镜像",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    for job in scope.of_kind(&["Job"]) {
        if !has_fixed_name(job.name())
            || name_varies_per_release(scope, &job)
            || removed_before_next_upgrade(&job)
        {
            continue;
        }
        for (container, _) in job.containers() {
            let Some(node) = container.get("image") else {
                continue;
            };
            let Some(image) = node.as_str() else { continue };
            if ImageRef::parse(image).tag != BUILD_PLACEHOLDER {
                continue;
            }
            let name = job.name();
            scope
                .report(
                    out,
                    &job,
                    node.range,
                    text!(
                        "Job `{name}` keeps its name while its image `{image}` changes with every build: every later upgrade fails (a Job's pod template cannot change)",
                        "Job `{name}` 名称固定，而镜像 `{image}` 每次构建都会变化：之后每次升级都会失败（Job 的 pod 模板不允许修改）"
                    ),
                )
                .help(text!(
                    "put the version in the name (`{name}-{{{{ .Chart.Version }}}}`), or let it be removed after it ran (`ttlSecondsAfterFinished`, or a Helm hook with `helm.sh/hook-delete-policy: before-hook-creation`)",
                    "在名称中加入版本（`{name}-{{{{ .Chart.Version }}}}`），或让它运行后被删除（`ttlSecondsAfterFinished`，或带 `helm.sh/hook-delete-policy: before-hook-creation` 的 Helm hook）"
                ));
            break;
        }
    }
}

/// Neither a version (`6.2.1`) nor a timestamp (8 digits or more) in the name.
fn has_fixed_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let versioned = bytes
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    let longest_digits = name
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    !versioned && longest_digits < 8
}

/// What makes a name differ from one release or build to the next (the check renders with a
/// fixed clock, so a timestamp does not show in the rendered name).
const VARYING: &[&str] = &[
    ".Release.Time",
    ".Release.Revision",
    ".Chart.Version",
    ".Chart.AppVersion",
    "now",
    "rand",
    "uuid",
];

/// Whether the template line that wrote the name uses something [`VARYING`], directly or
/// through a variable the template sets from it (`{{- $releaseTime := .Release.Time.Seconds }}`
/// … `name: x-{{ $releaseTime }}`, as the guide's check Job does).
fn name_varies_per_release(scope: &ManifestScope, job: &Object) -> bool {
    let Some(name) = job.root.get_path(&["metadata", "name"]) else {
        return false;
    };
    let place = place(scope.chart, job, name.range);
    let file = scope
        .chart
        .input
        .files
        .iter()
        .find(|f| f.path == place.file);
    let (Some(text), Some(range)) = (file.and_then(decode), place.range) else {
        return false;
    };
    let Some(line) = text.lines().nth(range.start.line.saturating_sub(1)) else {
        return false;
    };
    let varies = |text: &str| VARYING.iter().any(|v| text.contains(v));
    let set_from_varying = |var: &str| {
        let assignment = format!("{var} :=");
        text.lines().any(|l| l.contains(&assignment) && varies(l))
    };
    varies(line)
        || line.match_indices('$').any(|(at, _)| {
            let var: String = line[at..]
                .chars()
                .take_while(|&c| c == '$' || c.is_alphanumeric() || c == '_')
                .collect();
            var.len() > 1 && set_from_varying(&var)
        })
}

/// Kubernetes deletes it after it finished, or Helm before it creates it again.
fn removed_before_next_upgrade(job: &Object) -> bool {
    if job
        .root
        .get_path(&["spec", "ttlSecondsAfterFinished"])
        .is_some()
    {
        return true;
    }
    if job.doc.hook.is_none() {
        return false;
    }
    let policy = job
        .root
        .get_path(&["metadata", "annotations", "helm.sh/hook-delete-policy"])
        .and_then(|p| p.as_str())
        .unwrap_or("");
    policy.trim().is_empty()
        || policy
            .split(',')
            .any(|p| matches!(p.trim(), "before-hook-creation" | "hook-succeeded"))
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{starts, Tester};

    fn job(name: &str, extra_meta: &str, image: &str) -> String {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\n{extra_meta}spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: {image}\n"
        )
    }

    const OWN: &str = "hub.easystack.io/production/mycloud-product-api:5.0.1";

    #[test]
    fn at_the_image() {
        let d = Tester::new(&super::RULE)
            .file("templates/job-x.yaml")
            .findings(job("db-init", "", OWN));
        assert_eq!(starts(&d), vec![(10, 18)]);
    }

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/job-x.yaml")
            .pass([
                job("db-init-6.2.1", "", OWN),
                job("r-ecpbackendcheck-1712345678", "", OWN),
                job("r-{{ now | unixEpoch }}", "", OWN),
                format!("{{{{- $t := .Release.Time.Seconds }}}}\n{}", job("r-{{ $t }}", "", OWN)),
                job("db-init", "", "busybox:1.36.1"),
                job("db-init", "  annotations:\n    helm.sh/hook: post-install\n", OWN),
                job(
                    "db-init",
                    "  annotations:\n    helm.sh/hook: post-upgrade\n    helm.sh/hook-delete-policy: hook-succeeded\n",
                    OWN,
                ),
                job("db-init", "", OWN).replace("spec:\n  template", "spec:\n  ttlSecondsAfterFinished: 600\n  template"),
            ])
            .fail([
                job("db-init", "", OWN),
                job("db-init-v2", "", "busybox:5.0.1"),
                job(
                    "db-init",
                    "  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-delete-policy: hook-failed\n",
                    OWN,
                ),
            ])
            .test_and_snapshot();
    }
}
