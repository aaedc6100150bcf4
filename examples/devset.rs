//! Score rinse on the development set (fixtures/pages/): fix rate per half
//! (build, holdout and the blind halves), keeps kept, and every miss.
//!
//!     cargo run --release --example devset            # table and misses
//!     cargo run --release --example devset -- --half build
//!     cargo run --release --example devset -- --half blind   # misses of the blind pages only
//!     cargo run --release --example devset -- --page 211   # one page's output

#[path = "../tests/devset/mod.rs"]
mod devset;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let pages = devset::pages();
    let cleaner = rinse::Cleaner::new(rinse::Config::default()).expect("default config");
    if let Some(prefix) = arg("--page") {
        for p in pages.iter().filter(|p| p.name.starts_with(&prefix)) {
            println!("== {} ({})\n{}", p.name, p.gold.url, cleaner.clean(&p.text).text);
        }
        return;
    }
    let scores = devset::score(&pages, |t| cleaner.clean(t).text);
    let half = arg("--half");
    for m in scores.misses.iter().filter(|m| half.as_deref().is_none_or(|h| h == m.half)) {
        println!("{:<8} {:<7} {:<40} {:<9} {}", m.what, m.half, m.page, m.kind, m.case);
    }
    let sites: std::collections::BTreeSet<&str> = pages.iter().map(|p| p.gold.site.as_str()).collect();
    println!("\n{} pages, {} sites", pages.len(), sites.len());
    for name in devset::HALVES {
        let n = pages.iter().filter(|p| p.gold.half == name).count();
        if n == 0 {
            continue;
        }
        let t = scores.half(name);
        println!(
            "{name:<8} fixed {:>3}/{:<3} = {:5.1}%   kept {:>3}/{:<3}   ({n} pages)",
            t.fixed,
            t.fixes,
            t.rate() * 100.0,
            t.kept,
            t.keeps
        );
    }
}
