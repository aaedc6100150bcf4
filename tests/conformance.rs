//! ftfy's own test cases (by Robyn Speer, Apache-2.0; read from
//! `../shared/conformance/ftfy/`, never copied here) run through rinse's
//! encoding rules (E). Precision first: every "negative" case (text that looks
//! like mojibake but is not) must come out unchanged. Recall is measured and
//! held above a floor so it cannot silently regress.

use rinse::{Cleaner, Config};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Case {
    label: String,
    original: String,
    fixed: String,
    #[serde(rename = "fixed-encoding")]
    fixed_encoding: Option<String>,
}

fn load(name: &str) -> Option<Vec<Case>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/ftfy").join(name);
    let text = std::fs::read_to_string(&path).ok()?;
    Some(serde_json::from_str(&text).expect("valid ftfy case file"))
}

fn cleaner() -> Cleaner {
    Cleaner::new(Config::default().with_select(["E"])).unwrap()
}

#[test]
fn negative_cases_are_left_alone() {
    let Some(cases) = load("negative.json") else {
        eprintln!("../shared/conformance/ftfy not found: skipped");
        return;
    };
    let c = cleaner();
    let changed: Vec<String> = cases
        .iter()
        // "Sort of negative" cases are ambiguous (ftfy declines them; rinse may
        // repair them): only the plain negatives are asserted.
        .filter(|k| k.original == k.fixed && !k.label.starts_with("Sort of"))
        .filter(|k| c.clean(&k.original).text != k.original)
        .map(|k| format!("{}: {:?}", k.label, k.original))
        .collect();
    assert!(changed.is_empty(), "rinse changed correct text:\n{}", changed.join("\n"));
}

#[test]
fn mojibake_recall_holds() {
    let (Some(wild), Some(synth)) = (load("in-the-wild.json"), load("synthetic.json")) else {
        eprintln!("../shared/conformance/ftfy not found: skipped");
        return;
    };
    let c = cleaner();
    let mut fixed = 0;
    let mut total = 0;
    for k in wild.iter().chain(&synth).filter(|k| k.original != k.fixed) {
        total += 1;
        let out = c.clean(&k.original).text;
        // Encoding repair only: ftfy's `fixed-encoding` when given, else `fixed`.
        let want = k.fixed_encoding.as_deref().unwrap_or(&k.fixed);
        if out == want || out == k.fixed {
            fixed += 1;
        }
    }
    eprintln!("ftfy conformance: {fixed} of {total} mojibake cases repaired exactly");
    assert!(total > 50, "expected the ftfy case files to hold many cases");
    assert!(fixed >= FLOOR, "mojibake recall fell to {fixed} of {total} (floor {FLOOR})");
}

/// Measured when the encoding pass was written; raise it when recall improves.
const FLOOR: usize = 35;
