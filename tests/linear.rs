//! Linear time on pathological shapes (issue 18): each shape at 20k and
//! 200k repetitions, and the larger may take at most 30 times as long as the
//! smaller (linear is 10×, the quadratic loops this guards against were
//! 70–100×). A benchmark, not a unit test: it measures time, so it is
//! ignored by default. Run it with
//! `cargo test --release --test linear -- --ignored --nocapture`.

use std::time::{Duration, Instant};

/// A shape's name and how to make it with `n` repetitions.
type Shape = (&'static str, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        ("。×N", |n| "\u{3002}".repeat(n)),
        ("'。 '×N", |n| "\u{3002} ".repeat(n)),
        ("б。×N", |n| "\u{431}\u{3002}".repeat(n)),
        ("б？×N", |n| "\u{431}\u{ff1f}".repeat(n)),
        ("words + 。×N + 中", |n| format!("one two three four five {}中", "\u{3002}".repeat(n))),
        ("。a×N", |n| "\u{3002}a".repeat(n)),
        ("a，×N", |n| "a\u{ff0c}".repeat(n)),
        ("x + '. 。'×N", |n| format!("x{}", ". \u{3002}".repeat(n))),
        ("a\"×N", |n| "a\"".repeat(n)),
        ("'1.2.7 billion '×N", |n| "1.2.7 billion ".repeat(n / 10)),
        ("&amp;×N", |n| "&amp;".repeat(n)),
        ("(e + 、×40 + \\n)×N/40", |n| format!("e{}\n", "\u{3001}".repeat(40)).repeat(n / 40)),
        ("',It'×N", |n| ",It".repeat(n)),
        // Every sentence a suggestion (two readings, nothing to decide):
        // checking each against all earlier ones was quadratic.
        ("suggestion sentence×N/4", |n| "Sales reached 1.2.7 billion yuan, up 10% over the year. ".repeat(n / 4)),
    ]
}

fn best_of_5(cleaner: &rinse::Cleaner, text: &str) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(cleaner.clean(text));
            t.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
#[ignore = "benchmark: compares run times; run with --ignored"]
fn pathological_shapes_clean_in_linear_time() {
    let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap();
    let mut bad = Vec::new();
    for (name, make) in shapes() {
        let small = best_of_5(&cleaner, &make(20_000));
        let large = best_of_5(&cleaner, &make(200_000));
        // A floor of 2 ms keeps timer noise on tiny runs out of the ratio.
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.002);
        println!("{name:<28} 20k {:>8.1} ms  200k {:>8.1} ms  ratio {ratio:>5.1}", small.as_secs_f64() * 1e3, large.as_secs_f64() * 1e3);
        if ratio > 30.0 {
            bad.push(format!("{name}: ×{ratio:.0}"));
        }
    }
    assert!(bad.is_empty(), "superlinear: {bad:?}");
}
