//! `ecplint check`: read every PATH into one workspace, check it (each input, then the config
//! previews that see every chart of the run), and render the report.

use crate::args::{use_color, Flags, Format, Usage};
use crate::emit;
use ecplint::baseline::Baseline;
use ecplint::input::fs::read_path;
use ecplint::input::Limits;
use ecplint::output::{self, InputView};
use ecplint::render::RenderOptions;
use ecplint::workspace::Event;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(flags: &Flags) -> Result<ExitCode, Usage> {
    let format = match flags.format {
        None | Some(Format::Text) => Format::Text,
        Some(Format::Json) => Format::Json,
        Some(Format::Sarif) => Format::Sarif,
        Some(Format::Junit) => Format::Junit,
        Some(Format::Github) => Format::Github,
        Some(Format::Markdown) => {
            return Err(Usage(
                "`check` writes --format text, json, sarif, junit or github".into(),
            ))
        }
    };
    if flags.positional.is_empty() {
        return Err(Usage("`check` needs at least one PATH".into()));
    }
    if flags.baseline.is_some() && flags.write_baseline.is_some() {
        return Err(Usage(
            "`--baseline` and `--write-baseline` do not go together: write it, then use it".into(),
        ));
    }
    let baseline = match &flags.baseline {
        None => None,
        Some(path) => match read_baseline(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: {}: {}",
                    output::sanitize(path),
                    output::sanitize(message.get(flags.lang))
                );
                return Ok(ExitCode::from(2));
            }
        },
    };
    let mut render = flags.render.clone();
    let checked = crate::template::read_values(&mut render, &flags.values)
        .and_then(|()| ecplint::render::check_call(&render).map_err(|f| f.message));
    if let Err(message) = checked {
        let _ = writeln!(
            std::io::stderr(),
            "error: {}",
            output::sanitize(message.get(flags.lang))
        );
        return Ok(ExitCode::from(2));
    }
    Ok(check(&flags.positional, format, flags, render, baseline))
}

fn read_baseline(path: &str) -> Result<Baseline, ecplint::diagnostic::Text> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ecplint::text!("cannot read the baseline: {e}", "无法读取基线文件：{e}"))?;
    Baseline::parse(&text)
}

fn check(
    paths: &[OsString],
    format: Format,
    flags: &Flags,
    render: RenderOptions,
    baseline: Option<Baseline>,
) -> ExitCode {
    let limits = Limits::default();
    let mut workspace = ecplint::Workspace::new(ecplint::Options {
        known_categories: flags.categories.clone(),
        render,
        inline_suppressions: !flags.no_inline_suppressions,
        ..Default::default()
    });
    let mut displays = Vec::with_capacity(paths.len());
    let mut read_times = Vec::with_capacity(paths.len());
    for p in paths {
        let t0 = Instant::now();
        let l = read_path(&PathBuf::from(p), &limits);
        read_times.push(t0.elapsed());
        displays.push(l.display);
        workspace.add_input(l.input);
    }
    let report = workspace.check_with(|event| {
        if flags.timings {
            let line = match event {
                Event::Checked {
                    index,
                    name,
                    files,
                    load,
                    check,
                } => format!(
                    "timing: {}: read+load {:.2} ms, check {:.2} ms, {files} files",
                    output::sanitize(name),
                    (read_times[index] + load).as_secs_f64() * 1e3,
                    check.as_secs_f64() * 1e3,
                ),
                Event::Catalog { time } => format!(
                    "timing: catalog (config previews) {:.2} ms",
                    time.as_secs_f64() * 1e3
                ),
                Event::Input { .. } => return Ok(()),
            };
            let _ = writeln!(std::io::stderr(), "{line}");
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok(mut report) = report;
    let files: Vec<&[ecplint::input::File]> = (0..workspace.len())
        .map(|i| workspace.input(i).map_or(&[][..], |input| &input.files[..]))
        .collect();
    let baseline = match &flags.write_baseline {
        None => baseline,
        Some(path) => {
            // Written, then applied: the output is what `--baseline F` gives from now on.
            let written = Baseline::of(&report, &files);
            if let Err(e) = std::fs::write(path, written.to_json()) {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: {}: {}",
                    output::sanitize(path),
                    ecplint::text!("cannot write the baseline: {e}", "无法写入基线文件：{e}")
                        .get(flags.lang)
                );
                return ExitCode::from(2);
            }
            Some(written)
        }
    };
    if let Some(baseline) = &baseline {
        let found = baseline.apply(&mut report, &files);
        // Recorded findings no longer found were fixed: the file can shrink.
        let gone = baseline.len() - found;
        if gone > 0 {
            let note = ecplint::text!(
                "note: {gone} finding(s) of the baseline are gone: --write-baseline to drop them",
                "注：基线中有 {gone} 个问题已不存在：可用 --write-baseline 重新生成以去掉它们"
            );
            let _ = writeln!(std::io::stderr(), "{}", note.get(flags.lang));
        }
    }
    let views: Vec<InputView> = (0..workspace.len())
        .map(|i| InputView {
            files: workspace.input(i).map_or(&[][..], |input| &input.files),
            display: displays[i].as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
        })
        .collect();
    let out = match format {
        Format::Json => report.to_json() + "\n",
        Format::Sarif => output::sarif::render(&report, &views, flags.lang) + "\n",
        Format::Junit => output::junit::render(&report, &views, flags.lang, flags.fail_on),
        Format::Github => output::github::render(&report, &views, flags.lang),
        _ => output::text::render(
            &report,
            &views,
            &output::text::TextOptions {
                lang: flags.lang,
                color: use_color(flags.color),
            },
        ),
    };
    emit(&out);
    ExitCode::from(report.exit_code_at(flags.fail_on) as u8)
}
