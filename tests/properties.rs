//! Properties of the default pipeline on generated text:
//! replay (`report.apply(input) == output`), idempotence (cleaning the output
//! makes no edit), any subset of edits applies, report edits are sorted,
//! non-overlapping and quote the input, and no bytes make it panic.

use proptest::prelude::*;
use rinse::report::apply_report_edits;
use rinse::{Cleaner, Config, ReportEdit};
use std::sync::LazyLock;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(|| Cleaner::new(Config::default()).unwrap());

/// The seeds, for slicing.
static SEEDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()).collect()
});

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("RINSE_PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of scraped, machine-translated text and its usual defects.
const TOKENS: &[&str] = &[
    "the",
    "Prices",
    "rose",
    "sharply",
    "R",
    "D",
    "and",
    "It",
    "is",
    "Shanghai",
    "x",
    "中",
    "文",
    "上海",
    "发展",
    "经济",
    "。",
    "，",
    "；",
    "：",
    "、",
    "！",
    "？",
    "（",
    "）",
    "《",
    "》",
    "\"",
    "'",
    "\u{201c}",
    "\u{201d}",
    "\u{2018}",
    "\u{2019}",
    "1.5",
    "1,000",
    "3.14",
    "2,5",
    "12",
    "0.",
    ",3",
    "2025-02-06",
    " ",
    " ",
    " ",
    "  ",
    "\u{a0}",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\n\n\n",
    "\r",
    "\r\n",
    "\u{3000}",
    "\u{2009}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "\u{7}",
    "\u{7f}",
    "**",
    "__",
    "*",
    "_",
    "&amp;",
    "&nbsp;",
    "&#8220;",
    "&#x201D;",
    "&bogus;",
    "&",
    "<p>",
    "</strong>",
    "<br/>",
    "<",
    ">",
    "e\u{301}",
    "\u{301}",
    "A\u{30a}",
    "\u{ff21}",
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "-",
    "%",
];

/// Text made of [`TOKENS`].
fn scraped_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|v| v.concat())
}

/// A slice of a seed, cut at character boundaries.
fn seed_slice() -> impl Strategy<Value = String> {
    (0..SEEDS.len(), any::<prop::sample::Index>(), 0usize..3000).prop_map(|(i, start, len)| {
        let s = &SEEDS[i];
        let mut a = start.index(s.len() + 1);
        while !s.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (a + len).min(s.len());
        while !s.is_char_boundary(b) {
            b -= 1;
        }
        s[a..b].to_string()
    })
}

/// Report edits are sorted, non-overlapping, inside the input, quote it
/// exactly, and their line/column point at their start.
fn check_edits(input: &str, edits: &[ReportEdit]) -> Result<(), TestCaseError> {
    let mut last_end = 0usize;
    let mut last_insert_at = None;
    for e in edits {
        prop_assert!(e.start <= e.end, "inverted edit {e:?}");
        prop_assert!(e.start >= last_end, "edit {e:?} overlaps or is out of order");
        if e.start == e.end {
            prop_assert!(last_insert_at != Some(e.start), "two insertions at {}", e.start);
            last_insert_at = Some(e.start);
        }
        prop_assert_eq!(input.get(e.start..e.end), Some(e.before.as_str()), "before of {:?}", e);
        prop_assert!(e.before != e.after, "no-op edit {e:?}");
        prop_assert!(!e.codes.is_empty() && !e.reasons.is_empty(), "edit without code or reason {e:?}");
        let head = &input[..e.start];
        let line = head.matches('\n').count() + 1;
        let col = head.rsplit('\n').next().unwrap().chars().count() + 1;
        prop_assert_eq!((e.line, e.column), (line, col), "position of {:?}", e);
        last_end = e.end;
    }
    Ok(())
}

/// Replay, idempotence, edit shape and subsets, for one input.
fn check_all(input: &str, mask: &[bool]) -> Result<(), TestCaseError> {
    let cleaned = CLEANER.clean(input);
    let report = &cleaned.report;
    // (a) replay
    prop_assert_eq!(report.apply(input).unwrap(), cleaned.text.clone());
    prop_assert_eq!(report.input_bytes, input.len());
    prop_assert_eq!(report.output_bytes, cleaned.text.len());
    // (e) shape
    check_edits(input, &report.edits)?;
    let codes: usize = report.edits.iter().map(|e| e.codes.len()).sum();
    prop_assert_eq!(report.counts.values().sum::<usize>(), codes);
    // (f) the diff renders (plain and colored) and is empty exactly when
    // nothing changed.
    for color in [false, true] {
        let diff = rinse::report::diff::unified(input, &cleaned.text, "doc", report, color);
        prop_assert_eq!(diff.is_empty(), input == cleaned.text);
    }
    // (b) idempotence
    let again = CLEANER.clean(&cleaned.text);
    prop_assert!(
        again.report.edits.is_empty(),
        "not idempotent: {:?} -> {:?}: {:?}",
        input,
        cleaned.text,
        again.report.edits
    );
    prop_assert_eq!(&again.text, &cleaned.text);
    // (c) subsets: every other edit, the rest, a random mask, none.
    let every_other: Vec<ReportEdit> = report.edits.iter().step_by(2).cloned().collect();
    let rest: Vec<ReportEdit> = report.edits.iter().skip(1).step_by(2).cloned().collect();
    let masked: Vec<ReportEdit> =
        report.edits.iter().zip(mask.iter().cycle()).filter(|(_, &keep)| keep).map(|(e, _)| e.clone()).collect();
    for subset in [&every_other, &rest, &masked] {
        let out = apply_report_edits(input, subset);
        prop_assert!(out.is_ok(), "subset failed: {:?}", out);
    }
    prop_assert_eq!(apply_report_edits(input, &[]).unwrap(), input);
    // Order in the file does not matter.
    let mut reversed = report.edits.clone();
    reversed.reverse();
    prop_assert_eq!(apply_report_edits(input, &reversed).unwrap(), cleaned.text.clone());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn scraped_text_properties(input in scraped_text(), mask in prop::collection::vec(any::<bool>(), 1..16)) {
        check_all(&input, &mask)?;
    }

    #[test]
    fn arbitrary_string_properties(input in any::<String>(), mask in prop::collection::vec(any::<bool>(), 1..16)) {
        check_all(&input, &mask)?;
    }

    #[test]
    fn seed_slice_properties(input in seed_slice(), mask in prop::collection::vec(any::<bool>(), 1..16)) {
        check_all(&input, &mask)?;
    }

    /// (d) Any bytes: no panic, the report replays on the decoded text.
    #[test]
    fn arbitrary_bytes_do_not_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let cleaned = CLEANER.clean_bytes(&bytes);
        let (decoded, info) = rinse::decode::decode(&bytes, None);
        prop_assert_eq!(&cleaned.report.decode, &info);
        prop_assert_eq!(cleaned.report.apply(&decoded).unwrap(), cleaned.text.clone());
        check_edits(&decoded, &cleaned.report.edits)?;
        for &off in &info.replacements {
            prop_assert!(off < bytes.len());
        }
    }

    /// Scraped text encoded badly: mostly UTF-8 with stray bytes.
    #[test]
    fn broken_utf8_does_not_panic(input in scraped_text(), junk in prop::collection::vec((any::<prop::sample::Index>(), 0x80u8..=0xff), 0..4)) {
        let mut bytes = input.into_bytes();
        for (at, b) in junk {
            let i = at.index(bytes.len() + 1);
            bytes.insert(i, b);
        }
        let cleaned = CLEANER.clean_bytes(&bytes);
        let (decoded, _) = rinse::decode::decode(&bytes, None);
        prop_assert_eq!(cleaned.report.apply(&decoded).unwrap(), cleaned.text.clone());
        prop_assert!(CLEANER.clean(&cleaned.text).report.edits.is_empty());
    }
}

/// The whole seeds hold the properties too.
#[test]
fn whole_seeds_replay_and_are_idempotent() {
    for seed in SEEDS.iter() {
        check_all(seed, &[true, false, false]).unwrap();
    }
}

/// The generator is not vacuous: most texts need edits, and some edits of
/// different passes merge (the composition the properties exercise).
#[test]
fn generated_text_exercises_the_pipeline() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = scraped_text();
    let (mut with_edits, mut merged, mut skipped) = (0, 0, 0);
    for _ in 0..300 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let report = CLEANER.clean(&text).report;
        with_edits += usize::from(!report.edits.is_empty());
        merged += usize::from(report.edits.iter().any(|e| e.codes.len() > 1));
        skipped += usize::from(!report.skipped.is_empty());
    }
    eprintln!("with edits {with_edits}/300, merged {merged}, skipped {skipped}");
    assert!(with_edits > 200, "only {with_edits} of 300 texts had edits");
    assert!(merged > 10, "only {merged} of 300 texts merged edits of several rules");
}

/// Non-default configurations that change what the passes do.
static VARIANTS: LazyLock<Vec<Cleaner>> = LazyLock::new(|| {
    [
        "keep_crlf = true",
        "normalize = \"nfkc\"",
        "normalize = \"none\"",
        "select = [\"W\"]",
        "select = [\"M\"]",
        "ignore = [\"W106\", \"W104\"]",
        "only_safe = true",
    ]
    .iter()
    .map(|t| Cleaner::new(Config::from_toml(t).unwrap()).unwrap())
    .collect()
});

proptest! {
    #![proptest_config(config())]

    #[test]
    fn configured_cleaners_replay_and_are_idempotent(input in scraped_text(), which in 0usize..7) {
        let cleaner = &VARIANTS[which];
        let cleaned = cleaner.clean(&input);
        prop_assert_eq!(cleaned.report.apply(&input).unwrap(), cleaned.text.clone());
        check_edits(&input, &cleaned.report.edits)?;
        let again = cleaner.clean(&cleaned.text);
        prop_assert!(again.report.edits.is_empty(), "config {} not idempotent: {:?} -> {:?}: {:?}", which, input, cleaned.text, again.report.edits);
    }
}
