//! The development set of real pages (fixtures/pages/, see tests/devset):
//! every keep case kept (hard), and the fix rate of each half above a floor.
//! Both apply to `build` and `holdout` only: the `blind` pages (labelled
//! before rinse ever ran on them) are measured by the example, not held here.
//! `cargo run --release --example devset` prints the table and every miss.

mod devset;

/// Floors: the rates measured when the set was last worked on, rounded down.
const BUILD_FLOOR: f64 = 0.90;
const HOLDOUT_FLOOR: f64 = 0.80;

#[test]
fn devset_gold_is_consistent() {
    let pages = devset::pages();
    assert!(pages.len() >= 40, "{} pages", pages.len());
    let sites: std::collections::BTreeSet<&str> = pages.iter().map(|p| p.gold.site.as_str()).collect();
    assert!(sites.len() >= 30, "{} sites", sites.len());
    for p in &pages {
        assert!(devset::HALVES.contains(&p.gold.half.as_str()), "{}: half", p.name);
        assert!(p.gold.url.starts_with("http"), "{}: url", p.name);
        for f in &p.gold.fix {
            assert!(p.text.contains(&f.before), "{}: fix before not in page: {:?}", p.name, f.before);
        }
        for k in &p.gold.keep {
            assert!(p.text.contains(&k.text), "{}: keep not in page: {:?}", p.name, k.text);
        }
        for r in &p.gold.remove {
            assert!(p.text.lines().any(|l| l.trim() == r.text.trim()), "{}: remove is not a line: {:?}", p.name, r.text);
        }
    }
    // Halves are per site: no site in both.
    for s in &sites {
        let halves: std::collections::BTreeSet<&str> =
            pages.iter().filter(|p| p.gold.site == *s).map(|p| p.gold.half.as_str()).collect();
        assert_eq!(halves.len(), 1, "site {s} is in both halves");
    }
}

#[test]
fn devset_keeps_every_keep_and_fixes_above_the_floor() {
    let pages = devset::pages();
    let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap();
    let scores = devset::score(&pages, |t| cleaner.clean(t).text);
    let (build, holdout, misses) = (scores.half("build"), scores.half("holdout"), &scores.misses);
    let broken: Vec<_> = misses.iter().filter(|m| m.what == "keep" && !m.half.starts_with("blind")).collect();
    assert!(broken.is_empty(), "correct text changed:\n{broken:#?}");
    assert!(build.rate() >= BUILD_FLOOR, "build half: {:.1}% < {:.1}%", build.rate() * 100.0, BUILD_FLOOR * 100.0);
    assert!(holdout.rate() >= HOLDOUT_FLOOR, "holdout half: {:.1}% < {:.1}%", holdout.rate() * 100.0, HOLDOUT_FLOOR * 100.0);
}
