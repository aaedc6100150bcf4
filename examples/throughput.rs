//! In-process throughput of the default pipeline on one file (no process
//! start, no file I/O): the best of N runs of `Cleaner::clean`, single
//! thread, with the full report and with the summary the CLI builds when no
//! `--report` is asked for.
//!
//! ```text
//! cargo run --release --example throughput -- bench/out/corpus20.txt [RUNS]
//! ```

use rinse::{Cleaner, Config, ReportDetail};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc; // as in the CLI

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE [RUNS]");
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("RUNS is a number"));
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let mb = text.len() as f64 / 1e6;
    for (name, detail) in [("summary", ReportDetail::Summary), ("full report", ReportDetail::Full)] {
        let cleaner = Cleaner::new(Config::default()).expect("default config").with_report_detail(detail);
        let mut best = f64::INFINITY;
        let mut edits = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let out = cleaner.clean(&text);
            best = best.min(t.elapsed().as_secs_f64());
            edits = out.edit_count;
        }
        println!("{name:<12} {mb:6.1} MB  best of {runs}: {:7.1} ms  {:6.1} MB/s  ({edits} edits)", best * 1e3, mb / best);
    }
}
