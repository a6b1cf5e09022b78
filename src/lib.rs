//! ecplint: a validator for EasyStack ECP cloud product charts.
//!
//! The core knows nothing of wasm or the command line: give a [`Workspace`] the inputs
//! ([`input::Source`]s), ask it for a [`report::Report`] or a preview. The wasm crate
//! (`crates/ecplint-wasm`) and the CLI (`src/bin/ecplint`) are thin layers over it.
//!
//! Layers, each importing only from those below it (`tests/layers.rs` checks):
//! `diagnostic`, `suggest` → `yaml`, `input`, `mako`, `makefile` → `chart`, `pack` → `config`,
//! `navigation`, `render`, `share` → `rules` → `report`, `output`, `workspace`.

// Rule docs tag their examples ```yaml,fail,file=…: test-harness attributes, not rustdoc's.
#![allow(rustdoc::invalid_codeblock_attributes)]

pub mod baseline;
pub mod chart;
pub mod config;
pub mod diagnostic;
pub mod input;
pub mod makefile;
pub mod mako;
pub mod navigation;
pub mod output;
pub mod pack;
pub mod render;
pub mod report;
pub mod rules;
pub mod share;
pub mod suggest;
#[cfg(test)]
mod testing;
pub mod work;
pub mod workspace;
pub mod yaml;

pub use workspace::{Options, Workspace};

/// Check every source and build one report.
pub fn check(sources: Vec<input::Source>, options: &Options) -> report::Report {
    let mut workspace = Workspace::new(options.clone());
    for source in sources {
        workspace.add(source);
    }
    workspace.check()
}

/// Check one input that has been read into files, with default options.
pub fn check_input(input: &input::Input) -> report::InputReport {
    check_input_with(input, &Options::default())
}

/// Check one input that has been read into files, on its own (no config previews).
pub fn check_input_with(input: &input::Input, options: &Options) -> report::InputReport {
    let mut workspace = Workspace::new(Options {
        config_previews: false,
        ..options.clone()
    });
    workspace.add_input(input.clone());
    workspace.check().inputs.remove(0)
}
