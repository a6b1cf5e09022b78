use crate::declare_rule;
use crate::render::image::ImageRef;
use crate::rules::img::report_images;
use crate::rules::{Findings, ManifestScope};
use crate::text;

declare_rule! {
    /// ## What it does
    /// Reports an external image without a fixed version: no tag, or `latest` (a digest counts
    /// as fixed). It reads the images values.yaml sets under `images.tags` (the helm-toolkit
    /// convention the guide follows, at the values line — so it works when the templates do not
    /// render) and every container and init container of the rendered workloads whose image
    /// does not come from there (at the template line). Images of the product's own components
    /// — their repository names the product ID — are left to IMG-002.
    ///
    /// ## Why
    /// §1.1.6.11: products install offline from the platform's registry, where an image is
    /// synchronised by tag; `latest` names whatever was pushed last, so two installs of one
    /// product version can run different code, and an upgrade may silently change a hook's
    /// image. The guide's own check Job uses `busybox:latest`.
    ///
    /// ## 中文
    /// 外部镜像没有固定版本（无 tag 或 `latest`；digest 视为固定）。检查 values.yaml 的
    /// `images.tags` 下的镜像（位置为 values 行，模板无法渲染时也能检查）以及渲染出的容器、
    /// init 容器中不来自 `images.tags` 的镜像（位置为模板行）。云产品自身组件的镜像（仓库名含产品
    /// ID）由 IMG-002 检查。指南的检查 Job 示例使用了 `busybox:latest`。
    ///
    /// ## Example
    /// As the guide's example sets it:
    /// ```yaml,fail,file=values.yaml
    /// images:
    ///   tags:
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:latest
    ///     dep_check: hub.easystack.io/production/kubernetes-entrypoint:v0.2.1
    /// ```
    /// ```yaml,pass,file=values.yaml
    /// images:
    ///   tags:
    ///     hook: hub.easystack.io/production/escloud-linux-source-busybox:1.36.1
    ///     dep_check: hub.easystack.io/production/kubernetes-entrypoint:v0.2.1
    /// ```
    RULE = "IMG-001", Img, Error, "§1.1.6.11",
    "External image without a fixed tag", "外部镜像未固定版本",
    Manifests(check)
}

fn check(scope: &ManifestScope, out: &mut Findings) {
    let product = scope.chart.name();
    report_images(scope, out, |image| {
        let r = ImageRef::parse(image);
        // An empty image (a value not set) is a broken object, not an unpinned image.
        let unpinned =
            !r.repository.is_empty() && !r.is_pinned() && !r.repository.contains(product.as_str());
        unpinned.then(|| (message(image), help as fn(&str) -> _))
    });
}

fn message(image: &str) -> crate::diagnostic::Text {
    text!(
        "image `{image}` has no fixed version (no tag, or `latest`)",
        "镜像 `{image}` 没有固定版本（无 tag 或为 `latest`）"
    )
}

fn help(key: &str) -> crate::diagnostic::Text {
    text!(
        "give `{key}` a fixed tag (`busybox:1.36.1`) or a digest",
        "为 `{key}` 指定固定的 tag（如 `busybox:1.36.1`）或 digest"
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::tester::Tester;

    #[test]
    fn pass_and_fail() {
        Tester::new(&super::RULE)
            .file("templates/pod-check.yaml")
            .pass([
                // The product's own image, and a pinned one by digest.
                "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: hub.easystack.io/production/mycloud-product-api:latest\n    - image: busybox@sha256:0123\n",
            ])
            .fail([
                "kind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - image: busybox\n",
                "kind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - image: {{ \"alpine:latest\" }}\n",
            ])
            .test_and_snapshot();
    }
}
