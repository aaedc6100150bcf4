//! ftfy's own test cases (by Robyn Speer, Apache-2.0; read from
//! `../shared/conformance/ftfy/`, never copied here) run through rinse's
//! encoding rules only (`--select E`), scored as ftfy's own tests score
//! `fix_encoding`: the case's `fixed-encoding` when given, else `fixed`.
//!
//! Precision first: every negative case (a case whose target is its
//! original: text that looks like mojibake but is not) of every file must
//! come out unchanged, and no case may come out worse than it went in.
//! Recall is measured over all 161 cases and held at a floor so it cannot
//! silently regress. `RINSE_CONFORMANCE_VERBOSE=1` lists every miss.

use rinse::{Cleaner, Config};
use serde::Deserialize;
use std::path::PathBuf;

const FILES: &[&str] = &["in-the-wild.json", "known-failures.json", "language-names.json", "negative.json", "synthetic.json"];

#[derive(Deserialize)]
struct Case {
    label: String,
    original: String,
    fixed: String,
    #[serde(rename = "fixed-encoding")]
    fixed_encoding: Option<String>,
}

impl Case {
    fn target(&self) -> &str {
        self.fixed_encoding.as_deref().unwrap_or(&self.fixed)
    }
}

/// Every case of every file, with its file name; `None` when the data is absent.
fn load_all() -> Option<Vec<(&'static str, Case)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/ftfy");
    let mut all = Vec::new();
    for name in FILES {
        let text = std::fs::read_to_string(dir.join(name)).ok()?;
        let cases: Vec<Case> = serde_json::from_str(&text).expect("valid ftfy case file");
        all.extend(cases.into_iter().map(|c| (*name, c)));
    }
    Some(all)
}

/// Levenshtein distance in characters (the cases are short).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

struct Score {
    total: usize,
    correct: usize,
    worse: Vec<String>,
    negatives: usize,
    negatives_changed: Vec<String>,
    missed: Vec<String>,
}

fn score() -> Option<Score> {
    let cases = load_all()?;
    let c = Cleaner::new(Config::default().with_select(["E"])).unwrap();
    let mut s = Score { total: 0, correct: 0, worse: vec![], negatives: 0, negatives_changed: vec![], missed: vec![] };
    for (file, k) in &cases {
        s.total += 1;
        let out = c.clean(&k.original).text;
        let want = k.target();
        let line = format!("{file} {}: {:?} -> {:?} (want {:?})", k.label, k.original, out, want);
        if k.original == want {
            s.negatives += 1;
            if out != k.original {
                s.negatives_changed.push(line.clone());
            }
        }
        if out == want {
            s.correct += 1;
            continue;
        }
        if out != k.original && distance(&out, want) > distance(&k.original, want) {
            s.worse.push(line.clone());
        }
        s.missed.push(line);
    }
    if std::env::var_os("RINSE_CONFORMANCE_VERBOSE").is_some() {
        eprintln!("missed:\n{}", s.missed.join("\n"));
    }
    Some(s)
}

#[test]
fn ftfy_cases_negatives_unchanged_none_worse_and_recall_at_floor() {
    let Some(s) = score() else {
        eprintln!("../shared/conformance/ftfy not found: skipped");
        return;
    };
    eprintln!("worse:\n{}", s.worse.join("\n"));
    eprintln!(
        "ftfy conformance (encoding rules only): {} of {} correct, {} worse, {} of {} negatives changed",
        s.correct,
        s.total,
        s.worse.len(),
        s.negatives_changed.len(),
        s.negatives
    );
    assert_eq!(s.total, 161, "ftfy case files changed");
    assert_eq!(s.negatives, 49, "ftfy case files changed");
    assert!(s.negatives_changed.is_empty(), "rinse changed correct text:\n{}", s.negatives_changed.join("\n"));
    assert!(s.worse.is_empty(), "rinse made cases worse:\n{}", s.worse.join("\n"));
    assert!(s.correct >= FLOOR, "ftfy conformance fell to {} of {} (floor {FLOOR})", s.correct, s.total);
}

#[test]
fn distance_counts_character_edits() {
    assert_eq!(distance("cafÃ©", "café"), 2);
    assert_eq!(distance("same", "same"), 0);
    assert_eq!(distance("", "ab"), 2);
}

/// What rinse reaches today; raise it when recall improves.
const FLOOR: usize = 155;

/// Chinese lines of the development pages, seeds and realworld pages (trimmed, at most 80
/// characters each), the first `n`.
fn chinese_lines(n: usize) -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<String> = Vec::new();
    for dir in ["fixtures/pages", "../shared/seeds", "../shared/realworld"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        paths.sort();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(&p) else { continue };
            for line in text.lines() {
                let line: String = line.trim().chars().take(80).collect();
                if line.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count() >= 2 && !out.contains(&line) {
                    out.push(line);
                }
            }
        }
    }
    out.truncate(n);
    out
}

/// Chinese mojibake (GBK read as Windows-1252, UTF-8 read as GBK) is
/// repaired exactly or left alone: never made worse.
#[test]
fn chinese_mojibake_is_repaired_exactly_or_left_alone() {
    let lines = chinese_lines(60);
    if lines.len() < 20 {
        eprintln!("pages not found: skipped");
        return;
    }
    let c = Cleaner::new(Config::default().with_select(["E"])).unwrap();
    for (name, garble) in [
        ("GBK read as Windows-1252", (|t: &str| {
            let (b, _, bad) = encoding_rs::GBK.encode(t);
            (!bad).then(|| encoding_rs::WINDOWS_1252.decode_without_bom_handling(&b).0.into_owned())
        }) as fn(&str) -> Option<String>),
        ("UTF-8 read as GBK", |t: &str| {
            let (s, bad) = encoding_rs::GBK.decode_without_bom_handling(t.as_bytes());
            (!bad).then(|| s.into_owned())
        }),
    ] {
        let (mut repaired, mut left, mut worse) = (0, 0, Vec::new());
        for line in &lines {
            let Some(m) = garble(line) else { continue };
            let out = c.clean(&m).text;
            if out == *line {
                repaired += 1;
            } else if out == m {
                left += 1;
            } else {
                worse.push(format!("{line:?}: {m:?} -> {out:?}"));
            }
        }
        eprintln!("{name}: {repaired} repaired, {left} left alone, {} made worse", worse.len());
        assert!(worse.is_empty(), "{name} made worse:\n{}", worse.join("\n"));
    }
}
