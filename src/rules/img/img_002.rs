use crate::declare_rule;
use crate::render::image::ImageRef;
use crate::rules::img::report_images;
use crate::rules::{Findings, ManifestScope};
use crate::text;

/// The tag the build replaces with the product's build version (§1.1.6.11).
pub const BUILD_PLACEHOLDER: &str = "5.0.1";

declare_rule! {
    /// ## What it does
    /// Reports an image of the product's own components — its repository names the product
    /// ID, as `production/mycloud-product-api` does for `mycloud-product` — whose tag is not
    /// the build placeholder `5.0.1`: a concrete tag, a digest, `latest` or none. It reads the
    /// same images as IMG-001: values.yaml's `images.tags` (at the values line) and the rendered
    /// workloads' containers (at the template line). Only ECP products (charts with
    /// `_acl_helpers.yaml.tpl`) are checked: elsewhere `5.0.1` means nothing.
    ///
    /// ## Why
    /// §1.1.6.11 (Job 镜像使用规范): "需要将 values.yaml 中的 image tag 写为 5.0.1 标识" — the
    /// CD build replaces `5.0.1` with the product's current build version, so every build ships
    /// the images built with it. A concrete tag is never replaced: the product keeps running the
    /// image of the day the tag was written.
    ///
    /// ## 中文
    /// 云产品自身组件的镜像（仓库名含云产品标识，如 `mycloud-product` 的
    /// `production/mycloud-product-api`）的 tag 不是构建占位符 `5.0.1`（而是具体版本、digest、
    /// `latest` 或没有 tag）。按 §1.1.6.11，构建时 CD 会把 `5.0.1` 替换为当前构建版本；写死的 tag
    /// 不会被替换，产品将一直使用旧镜像。只检查 ECP 云产品（含 `_acl_helpers.yaml.tpl` 的 chart）。
    ///
    /// ## Example
    /// ```yaml,fail,file=values.yaml
    /// images:
    ///   tags:
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:1.36.1
    ///     dep_check: hub.easystack.io/production/kubernetes-entrypoint:v0.2.1
    ///     backend_api: hub.easystack.io/production/mycloud-product-api:6.2.1
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// images:
    ///   tags:
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:1.36.1
    ///     dep_check: hub.easystack.io/production/kubernetes-entrypoint:v0.2.1
    ///     backend_api: hub.easystack.io/production/mycloud-product-api:5.0.1
    /// ```
    RULE = "IMG-002", Img, Warning, "§1.1.6.11",
    "Own image without the 5.0.1 placeholder", "自身组件镜像未使用 5.0.1 占位 tag",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    if scope.chart.acl.is_none() {
        return;
    }
    let product = scope.chart.name();
    report_images(scope, out, |image| {
        let r = ImageRef::parse(image);
        let own = !product.is_empty() && r.repository.contains(product.as_str());
        if !own || (r.tag == BUILD_PLACEHOLDER && r.digest.is_empty()) {
            return None;
        }
        let (carries, carries_zh) = match (r.tag, r.digest) {
            (_, digest) if !digest.is_empty() => {
                let d = format!("digest `{digest}`");
                (d.clone(), d)
            }
            ("", _) => ("no tag".to_string(), "没有 tag".to_string()),
            (tag, _) => (format!("tag `{tag}`"), format!("tag `{tag}`")),
        };
        let message = text!(
            "image `{image}` of the product's own component carries {carries}, not the build placeholder `{BUILD_PLACEHOLDER}`: the build will not replace it with the build version",
            "云产品自身组件的镜像 `{image}` 使用的是 {carries_zh}，而不是构建占位 tag `{BUILD_PLACEHOLDER}`：构建时不会被替换为当前构建版本"
        );
        Some((message, help as fn(&str) -> _))
    });
}

fn help(key: &str) -> crate::diagnostic::Text {
    text!(
        "give `{key}` the tag `{BUILD_PLACEHOLDER}` (e.g. `…/mycloud-product-api:{BUILD_PLACEHOLDER}`)",
        "将 `{key}` 的 tag 写为 `{BUILD_PLACEHOLDER}`（如 `…/mycloud-product-api:{BUILD_PLACEHOLDER}`）"
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::{starts, Tester};

    const POD: &str = "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: ";

    #[test]
    fn at_the_values_line() {
        let t = Tester::new(&super::RULE).file("values.yaml");
        let d = t.findings(
            "images:\n  tags:\n    api: hub.easystack.io/production/mycloud-product-api:1.0\n",
        );
        assert_eq!(starts(&d), vec![(3, 10)]);
    }

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/pod-check.yaml")
            .pass([
                format!("{POD}hub.easystack.io/production/mycloud-product-api:5.0.1\n"),
                // Not the product's own image: IMG-001's.
                format!("{POD}busybox:1.36.1\n"),
            ])
            .fail([
                format!("{POD}hub.easystack.io/production/mycloud-product-api:6.2.1\n"),
                format!("{POD}mycloud-product-web\n"),
                format!("{POD}mycloud-product-web:5.0.1@sha256:0123\n"),
            ])
            .test_and_snapshot();
    }

    #[test]
    fn only_ecp_products() {
        Tester::new(&super::RULE)
            .file("templates/pod-check.yaml")
            .pass([crate::rules::tester::with(
                "templates/pod-check.yaml",
                format!("{POD}hub.easystack.io/production/mycloud-product-api:6.2.1\n"),
            )
            .without("templates/_acl_helpers.yaml.tpl")])
            .test();
    }
}
