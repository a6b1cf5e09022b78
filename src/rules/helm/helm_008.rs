use crate::chart::Chart;
use crate::declare_rule;
use crate::render::tree::folder_ignore;
use crate::rules::Findings;
use crate::text;

/// The extensions `helm lint` accepts under `templates/` (compared as written: `.YAML` is not).
const LINTED: &[&str] = &[".yaml", ".yml", ".tpl", ".txt"];

declare_rule! {
    /// ## What it does
    /// Reports a file under `templates/` (at any depth) whose extension is not `.yaml`, `.yml`,
    /// `.tpl` or `.txt` — compared as written, so `.YAML` and a file without extension are
    /// reported too — at the file. Files the chart's `.helmignore` leaves out, and hidden files
    /// directly under `templates/` (Helm leaves those out of a chart folder by default), are
    /// not: Helm never sees them.
    ///
    /// ## Why
    /// `helm lint` stops with "file extension '.sh' not valid. Valid extensions are .yaml,
    /// .yml, .tpl, or .txt" (helm 3.17 and 4.1), and the guide's Makefile runs `helm lint`
    /// before packaging (§1.1.6.9), so the build fails. `helm template`/`install` would render
    /// the file all the same, as a manifest. The guide's own Ingress examples (§1.1.6.2) are
    /// named `*.sh`; copied as printed, they break the build.
    ///
    /// ## 中文
    /// `templates/` 下（任意层级）扩展名不是 `.yaml`、`.yml`、`.tpl`、`.txt` 的文件（按原样比较，`.YAML`
    /// 和无扩展名的文件也报告）。`helm lint` 会报错（"file extension '.sh' not valid"），而指南的 Makefile
    /// 在打包前运行 `helm lint`，构建失败。指南中的 Ingress 示例就命名为 `*.sh`。被 `.helmignore`
    /// 排除的文件和 `templates/` 下直接的隐藏文件不报告（Helm 看不到它们）。
    ///
    /// ## Example
    /// ```yaml,fail,file=templates/ingress.sh
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: mycloud-product
    /// ```
    /// ```yaml,pass,file=templates/ingress.yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: mycloud-product
    /// ```
    RULE = "HELM-008", Helm, Error, "§1.1.6.2",
    "Template file extension helm lint refuses", "helm lint 不接受的模板文件扩展名", Chart(check)
}

fn check(chart: &Chart, out: &mut Findings) {
    let helmignore = chart
        .file(".helmignore")
        .map(|f| String::from_utf8_lossy(&f.data).into_owned())
        .unwrap_or_default();
    let ignore = folder_ignore(&helmignore);
    for file in chart.templates() {
        let rel = chart.rel(&file.path);
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if ignore.ignored(rel) {
            continue;
        }
        let extension = name.rfind('.').map_or("", |dot| &name[dot..]);
        if LINTED.contains(&extension) {
            continue;
        }
        let stem = match name.strip_suffix(extension).unwrap_or(name) {
            "" => name.trim_start_matches('.'),
            stem => stem,
        };
        out.report(
            &file.path,
            None,
            text!(
                "`helm lint` refuses `{rel}`: file extension '{extension}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt",
                "`helm lint` 不接受 `{rel}`：扩展名 '{extension}' 无效，只能是 .yaml、.yml、.tpl 或 .txt"
            ),
        )
        .help(text!(
            "rename it to `{stem}.yaml` (a manifest) or `{stem}.tpl` (helpers), or move it out of `templates/`",
            "改名为 `{stem}.yaml`（清单）或 `{stem}.tpl`（辅助模板），或移出 `templates/`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{with, Tester};

    const INGRESS: &str = "apiVersion: networking.k8s.io/v1\nkind: Ingress\n";

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .pass([
                with("templates/ingress.yml", INGRESS),
                with("templates/NOTES.txt", "hi"),
                with("templates/.gitkeep", ""),
                with(".helmignore", "*.sh\n").with("templates/ingress.sh", INGRESS),
            ])
            .fail([
                with("templates/ingress.sh", INGRESS),
                with("templates/sub/.hidden", INGRESS),
                with("templates/ingress.YAML", INGRESS),
                with("templates/README", "x"),
                with("templates/dash.json", "{}"),
            ])
            .test_and_snapshot();
    }
}
