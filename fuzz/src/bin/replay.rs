//! `replay TARGET FILE|DIR...`: run a target on saved inputs without AFL (plain build), printing
//! the slowest inputs' times. For reproducing a crash or a hang with a backtrace, and for timing
//! a corpus.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((target, paths)) = args.split_first() else {
        eprintln!("usage: replay TARGET FILE|DIR...");
        std::process::exit(2);
    };
    let Some((_, run)) = ecplint_fuzz::TARGETS.iter().find(|(n, _)| n == target) else {
        eprintln!("unknown target {target}");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for p in paths {
        let p = PathBuf::from(p);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .expect("readable folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    let mut times = Vec::new();
    for f in &files {
        let data = std::fs::read(f).expect("readable file");
        eprintln!("{}", f.display());
        let t = Instant::now();
        run(&data);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        times.push((ms, f.display().to_string()));
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = times.iter().map(|t| t.0).sum();
    for (ms, f) in times.iter().rev().take(5).rev() {
        println!("{ms:10.2} ms  {f}");
    }
    println!("{} inputs, {total:.1} ms in all", times.len());
}
