//! The picture of the hot-split problem: time per call of `leaf` at every depth `d` of
//! `benches/programs/hot_split_sweep.go`, for each stack strategy.
//!
//! ```text
//! cargo bench --bench sweep [-- --out DIR] [--calls N] [--runs R] [--max-d D]
//!                                [--go-csv FILE]
//! ```
//!
//! `--none-calls M` uses M calls per point for `segmented/none` (default N), whose hot
//! depths cost a mapping per call. `--go-csv FILE` adds a line for the Go toolchain, from the output of
//! `go run benches/go/sweep_timing.go N D R` (`d,go` then one `d,ns` line per depth).
//!
//! For each strategy and each `d` in `0..=max-d` it times `descend(d, N)` (the sweep
//! program's function: `d` frames of 32 words, then `N` calls of a leaf with a 64-word
//! frame) through the library, `R` times, and keeps the median divided by `N`. On a
//! fixed stack the curve is flat; on segments, the depths where the leaf call crosses a
//! segment boundary pay a split and an unsplit per call: with `--segment-cache none`
//! a mapping and an unmapping each time. Writes `DIR/hot_split_sweep.csv` and
//! `DIR/hot_split_sweep.svg` (default DIR: `docs/`), and prints a summary.

use morestack::{compile, CompileOptions, Compiled, SegmentCache, StackConfig, Strategy};
use std::fmt::Write as _;
use std::time::Instant;

fn arg<T: std::str::FromStr>(name: &str, default: T) -> T {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Median seconds of `runs` runs of `descend(d, calls)` under `cfg`.
fn time(prog: &Compiled, cfg: &StackConfig, d: i64, calls: i64, runs: usize) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let t0 = Instant::now();
            prog.call("descend", &[d, calls], cfg, &mut std::io::sink())
                .expect("descend");
            t0.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[runs / 2]
}

fn main() {
    let out = std::path::PathBuf::from(arg("--out", "docs".to_string()));
    let calls: i64 = arg("--calls", 24_000);
    // segmented/none pays a mapping per call where it splits: fewer calls keep it short.
    let none_calls: i64 = arg("--none-calls", calls);
    let runs: usize = arg("--runs", 3);
    let max_d: i64 = arg("--max-d", 200);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(root.join("benches/programs/hot_split_sweep.go")).unwrap();
    let compiled = |s: Strategy| {
        compile("hot_split_sweep.go", &src, &CompileOptions::for_strategy(s)).unwrap()
    };
    let (plain, relocatable) = (compiled(Strategy::Fixed), compiled(Strategy::Copying));
    let max = 1 << 30;
    let strategies = [
        ("fixed", StackConfig::fixed(max), &plain),
        (
            "segmented/keep",
            StackConfig::segmented(8 << 10, SegmentCache::Keep, max),
            &plain,
        ),
        (
            "segmented/none",
            StackConfig::segmented(8 << 10, SegmentCache::None, max),
            &plain,
        ),
        (
            "copying",
            StackConfig::copying(8 << 10, max, false),
            &relocatable,
        ),
    ];
    // ns per call, [line][d]
    let mut ns: Vec<Vec<f64>> = vec![Vec::new(); strategies.len()];
    // Interleave strategies at each depth so that machine noise hits them alike.
    for d in 0..=max_d {
        for (i, (name, cfg, prog)) in strategies.iter().enumerate() {
            let n = if *name == "segmented/none" {
                none_calls
            } else {
                calls
            };
            ns[i].push(time(prog, cfg, d, n, runs) * 1e9 / n as f64);
        }
    }
    let mut names: Vec<String> = strategies.iter().map(|(n, _, _)| n.to_string()).collect();
    let go_csv: String = arg("--go-csv", String::new());
    {
        let path = go_csv.as_str();
        if !path.is_empty() {
            let text = std::fs::read_to_string(path).expect("--go-csv");
            let go: Vec<f64> = text
                .lines()
                .skip(1)
                .map(|l| l.split(',').nth(1).unwrap().trim().parse().unwrap())
                .take(ns[0].len())
                .collect();
            assert_eq!(
                go.len(),
                ns[0].len(),
                "--go-csv: one line per depth 0..=max-d"
            );
            names.push("go".to_string());
            ns.push(go);
        }
    }
    std::fs::create_dir_all(&out).unwrap();
    let mut csv = String::from("d");
    for name in &names {
        write!(csv, ",{name}").unwrap();
    }
    csv.push('\n');
    for d in 0..=max_d as usize {
        write!(csv, "{d}").unwrap();
        for s in &ns {
            write!(csv, ",{:.2}", s[d]).unwrap();
        }
        csv.push('\n');
    }
    std::fs::write(out.join("hot_split_sweep.csv"), &csv).unwrap();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    std::fs::write(
        out.join("hot_split_sweep.svg"),
        svg(&names, &ns, calls, none_calls, runs),
    )
    .unwrap();
    println!("hot_split_sweep: ns per leaf call, {calls} calls per depth, median of {runs}");
    for (i, name) in names.iter().enumerate() {
        let total: f64 = ns[i].iter().sum();
        let worst = ns[i].iter().cloned().fold(0.0, f64::max);
        let median = {
            let mut v = ns[i].clone();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        println!(
            "  {name:15} whole sweep {:8.1} ns/call avg, ratio to fixed {:6.2}, median {median:6.2}, worst depth {worst:9.1}",
            total / ns[i].len() as f64,
            total / ns[0].iter().sum::<f64>()
        );
    }
    println!("wrote {}/hot_split_sweep.{{csv,svg}}", out.display());
}

/// A line plot with a logarithmic y axis, one polyline per strategy.
fn svg(names: &[&str], ns: &[Vec<f64>], calls: i64, none_calls: i64, runs: usize) -> String {
    let (w, h, left, right, top, bottom) = (900.0, 480.0, 70.0, 20.0, 40.0, 50.0);
    let n = ns[0].len();
    let lo = ns
        .iter()
        .flatten()
        .cloned()
        .fold(f64::MAX, f64::min)
        .max(0.1);
    let hi = ns.iter().flatten().cloned().fold(0.0, f64::max);
    let (l0, l1) = (
        lo.log10().floor(),
        hi.log10().ceil().max(lo.log10().floor() + 1.0),
    );
    let x = |d: usize| left + (w - left - right) * d as f64 / (n - 1).max(1) as f64;
    let y = |v: f64| top + (h - top - bottom) * (l1 - v.max(0.1).log10()) / (l1 - l0);
    let colors = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e"];
    let mut s = String::new();
    writeln!(s, r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">"#).unwrap();
    writeln!(s, r#"<rect width="{w}" height="{h}" fill="white"/>"#).unwrap();
    writeln!(s, r#"<text x="{}" y="18" text-anchor="middle" font-size="14">hot_split_sweep.go: time per leaf call by depth d, 8 KiB segments</text><text x="{}" y="33" text-anchor="middle" font-size="11">{calls} calls per point ({none_calls} for segmented/none), median of {runs}</text>"#, w / 2.0, w / 2.0).unwrap();
    // Axes and grid.
    let mut e = l0;
    while e <= l1 {
        let v = 10f64.powf(e);
        let (yy, label) = (
            y(v),
            if v >= 1.0 {
                format!("{v:.0} ns")
            } else {
                format!("{v} ns")
            },
        );
        writeln!(
            s,
            r##"<line x1="{left}" x2="{x2}" y1="{yy}" y2="{yy}" stroke="#ddd"/><text x="{tx}" y="{ty}" text-anchor="end">{label}</text>"##,
            x2 = w - right,
            tx = left - 6.0,
            ty = yy + 4.0,
        )
        .unwrap();
        e += 1.0;
    }
    for d in (0..n).step_by(20) {
        writeln!(s, r##"<line x1="{0}" x2="{0}" y1="{top}" y2="{1}" stroke="#eee"/><text x="{0}" y="{2}" text-anchor="middle">{d}</text>"##,
            x(d), h - bottom, h - bottom + 16.0).unwrap();
    }
    writeln!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">depth d</text>"#,
        (w + left) / 2.0,
        h - 10.0
    )
    .unwrap();
    writeln!(s, r##"<line x1="{left}" x2="{left}" y1="{top}" y2="{0}" stroke="black"/><line x1="{left}" x2="{1}" y1="{0}" y2="{0}" stroke="black"/>"##, h - bottom, w - right).unwrap();
    for (i, (name, v)) in names.iter().zip(ns).enumerate() {
        let pts: Vec<String> = v
            .iter()
            .enumerate()
            .map(|(d, &t)| format!("{:.1},{:.1}", x(d), y(t)))
            .collect();
        let c = colors[i % colors.len()];
        writeln!(
            s,
            r#"<polyline fill="none" stroke="{c}" stroke-width="1.5" points="{}"/>"#,
            pts.join(" ")
        )
        .unwrap();
        writeln!(s, r#"<rect x="{}" y="{}" width="14" height="3" fill="{c}"/><text x="{}" y="{}">{name}</text>"#,
            left + 15.0, top + 12.0 + 16.0 * i as f64, left + 34.0, top + 16.0 + 16.0 * i as f64).unwrap();
    }
    s.push_str("</svg>\n");
    s
}
