//! Rendering a chart's templates as `helm template` does (issue 9): Helm's value model, its
//! template functions, chart composition (values, subcharts, built-in objects) and the output in
//! Helm's order, over the Go template engine of `crates/gotmpl`.
//!
//! `values`: YAML read into template values as Helm reads values files; `funcs`: Helm's own
//! template functions (`toYaml`, `include`, `tpl`, `required`, …).

pub mod funcs;
pub mod values;
