//! Time of each pass alone on one file, best of N runs (more stable than
//! whole-process timings on a busy machine): on the input text (about the
//! pass's first-round cost) and on the cleaned text (its second-round cost,
//! where it should find nothing).
//!
//! ```text
//! cargo run --release --example pass_timing -- bench/out/corpus20.txt [RUNS] [PASS]
//! ```

use rinse::passes::{self, Context, Pass};
use rinse::{Cleaner, Config};
use std::time::Instant;

fn best(runs: usize, pass: &dyn Pass, text: &str) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..runs {
        let mut cx = Context::default();
        let t = Instant::now();
        n = pass.run(text, &mut cx).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best * 1e3, n)
}

fn main() -> rinse::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: pass_timing FILE [RUNS] [PASS]");
    let runs: usize = args.next().map_or(10, |r| r.parse().expect("RUNS is a number"));
    let only = args.next();
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let cleaned = Cleaner::new(Config::default())?.clean(&text).text;
    let c = Config::default();
    let all = passes::build(&c.passes, &c.setup())?;
    let (mut sum_in, mut sum_out) = (0.0, 0.0);
    println!("{:<14} {:>10} {:>8} {:>12} {:>8}", "pass", "input ms", "edits", "cleaned ms", "edits");
    for p in &all {
        if only.as_deref().is_some_and(|o| o != p.name) {
            continue;
        }
        let (a, na) = best(runs, p.pass.as_ref(), &text);
        let (b, nb) = best(runs, p.pass.as_ref(), &cleaned);
        sum_in += a;
        sum_out += b;
        println!("{:<14} {a:>10.2} {na:>8} {b:>12.2} {nb:>8}", p.name);
    }
    println!("{:<14} {sum_in:>10.2} {:>8} {sum_out:>12.2}", "sum", "");
    Ok(())
}
