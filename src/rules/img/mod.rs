//! IMG — images (§1.1.6.11).

pub mod img_001;
pub mod img_002;

use crate::diagnostic::Text;
use crate::render::manifests::POD_KINDS;
use crate::rules::{Findings, ManifestScope};

/// Reports each image `flag` returns a finding for, with the key to fix in the hint: those
/// values.yaml sets under `images.tags` (the helm-toolkit convention the guide follows, at the
/// values line — found even when the templates do not render), then every container's and init
/// container's image in the rendered workloads that does not come from there (at the template
/// line). `flag` gives the message and the hint for a key (`images.tags.api`, `image`).
pub fn report_images(
    scope: &ManifestScope,
    out: &mut Findings,
    flag: impl Fn(&str) -> Option<(Text, fn(&str) -> Text)>,
) {
    let mut from_values: Vec<&str> = Vec::new();
    if let Some(values) = &scope.chart.values {
        let tags = values.root().and_then(|r| r.get_path(&["images", "tags"]));
        for entry in tags.and_then(|t| t.as_map()).unwrap_or_default() {
            let Some(image) = entry.value.as_str() else {
                continue;
            };
            from_values.push(image);
            if let Some((message, help)) = flag(image) {
                let key = entry.key.key_string();
                out.report(&values.path, Some(entry.value.range), message)
                    .help(help(&format!("images.tags.{key}")));
            }
        }
    }
    for object in scope.of_kind(POD_KINDS) {
        for (container, _) in object.containers() {
            let Some(node) = container.get("image") else {
                continue;
            };
            let Some(image) = node.as_str() else { continue };
            if from_values.contains(&image) {
                continue;
            }
            if let Some((message, help)) = flag(image) {
                scope
                    .report(out, &object, node.range, message)
                    .help(help("image"));
            }
        }
    }
}
