//! Atomic edits: a merged edit (`P105+C101 "today,The" → "today, the"`)
//! lists each rule's change as a part that depends on the one before.
//! Trimmed reports that keep, for every edit, a prefix of its parts apply,
//! and give exactly those changes; a part kept without its dependency is an
//! error. Checked on real reports (the seeds and, when `../shared` is
//! there, the real-world samples).

use proptest::prelude::*;
use rinse::{Cleaner, Config, Report, ReportEdit};
use std::sync::LazyLock;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(|| Cleaner::new(Config::default()).unwrap());

/// Real documents and their reports.
static DOCS: LazyLock<Vec<(String, Report, String)>> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = Vec::new();
    for dir in [root.join("seeds"), root.join("../shared/realworld")] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            paths.extend(entries.map(|e| e.unwrap().path()));
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            let cleaned = CLEANER.clean(&text);
            (text, cleaned.report, cleaned.text)
        })
        .collect()
});

/// The text with each edit replaced by the state chosen for it
/// (`keep[i]` parts of a split edit; 0 or 1 for a whole edit), spliced here
/// without `Report::apply`.
fn expected(text: &str, edits: &[ReportEdit], keep: &[usize]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (e, &k) in edits.iter().zip(keep) {
        out.push_str(&text[at..e.start]);
        match (&e.parts, k) {
            (_, 0) => out.push_str(&e.before),
            (Some(parts), k) => out.push_str(&parts[k - 1].after),
            (None, _) => out.push_str(&e.after),
        }
        at = e.end;
    }
    out.push_str(&text[at..]);
    out
}

fn trimmed(edits: &[ReportEdit], keep: &[usize]) -> Vec<ReportEdit> {
    edits
        .iter()
        .zip(keep)
        .filter(|(_, &k)| k > 0)
        .map(|(e, &k)| {
            let mut e = e.clone();
            if let Some(p) = e.parts.as_mut() {
                p.truncate(k);
            }
            e
        })
        .collect()
}

#[test]
fn merged_edits_are_split_into_parts_that_rebuild_them() {
    let (mut split, mut merged) = (0, 0);
    for (text, report, _) in DOCS.iter() {
        for e in &report.edits {
            merged += usize::from(e.codes.len() > 1);
            let Some(parts) = &e.parts else { continue };
            split += 1;
            assert!(parts.len() >= 2);
            assert_eq!(parts.last().unwrap().after, e.after, "the chain ends at the edit's result");
            let mut prev = e.before.as_str();
            for (n, p) in parts.iter().enumerate() {
                assert_eq!(p.n, n);
                assert_ne!(p.after, prev, "part {n} of {e:?} changes nothing");
                // A case rule's part changes letter case only: the rule
                // codes are on the right changes.
                if p.codes.iter().all(|c| c.starts_with('C')) {
                    assert_eq!(p.after.to_lowercase(), prev.to_lowercase(), "{} changed more than case: {prev:?} → {:?}", p.codes.join("+"), p.after);
                }
                prev = &p.after;
            }
            // Every code of the edit is in some part.
            for c in &e.codes {
                assert!(parts.iter().any(|p| p.codes.contains(c)), "{c} in no part of {e:?}");
            }
            assert_eq!(&text[e.start..e.end], e.before);
        }
    }
    assert!(split >= 20 && split * 10 >= merged * 9, "{split} of {merged} merged edits split");
}

#[test]
fn the_example_of_the_issue_splits_a_space_from_a_lowered_capital() {
    let input = "Output rose today,The rise was big.";
    let cleaned = CLEANER.clean(input);
    let e = cleaned.report.edits.iter().find(|e| e.codes == ["P105", "C101"]).expect("a P105+C101 edit");
    let parts = e.parts.as_ref().unwrap();
    assert_eq!((parts[0].codes.as_slice(), parts[1].codes.as_slice()), (&["P105".to_string()][..], &["C101".to_string()][..]));
    // Reject the lowered capital, keep the space.
    let mut report = cleaned.report.clone();
    report.edits.iter_mut().for_each(|e| {
        if let Some(p) = e.parts.as_mut() {
            p.truncate(1);
        }
    });
    assert_eq!(report.apply(input).unwrap(), "Output rose today, The rise was big.");
    // A capital lowered without the space it depends on is refused.
    report.edits.iter_mut().for_each(|e| {
        if let Some(p) = e.parts.as_mut() {
            *p = vec![parts[1].clone()];
        }
    });
    let err = report.apply(input).unwrap_err().to_string();
    assert!(err.contains("depends on"), "{err}");
    // The composed view is unchanged for display, and summary reports list nothing.
    assert_eq!(e.after, " t");
}

#[test]
fn summary_reports_build_no_parts_and_the_same_text() {
    let summary = Cleaner::new(Config::default()).unwrap().with_report_detail(rinse::ReportDetail::Summary);
    for (text, _, cleaned) in DOCS.iter() {
        assert_eq!(&summary.clean(text).text, cleaned);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any choice of a prefix of parts per edit applies and gives exactly
    /// those changes.
    #[test]
    fn closed_subsets_of_a_real_report_apply(doc in 0..64usize, seed in any::<u64>()) {
        let (text, report, cleaned) = &DOCS[doc % DOCS.len()];
        let mut rng = seed;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % (n as u64 + 1)) as usize
        };
        let keep: Vec<usize> = report.edits.iter().map(|e| next(e.parts.as_ref().map_or(1, Vec::len))).collect();
        let mut r = report.clone();
        r.edits = trimmed(&report.edits, &keep);
        prop_assert_eq!(r.apply(text).unwrap(), expected(text, &report.edits, &keep));
        // All of every chain is the cleaned text; none is the input.
        let all: Vec<usize> = report.edits.iter().map(|e| e.parts.as_ref().map_or(1, Vec::len)).collect();
        r.edits = trimmed(&report.edits, &all);
        prop_assert_eq!(&r.apply(text).unwrap(), cleaned);
        // The report survives JSON (what `rinse apply` reads).
        let back: Report = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        prop_assert_eq!(&back.apply(text).unwrap(), cleaned);
    }
}
