//! The development set (`fixtures/pages/`): real pages from sites the team
//! had not seen, each with hand-made gold. Shared by `tests/pages.rs` (floors)
//! and `examples/devset.rs` (the score table and every miss).
//!
//! A page is `NNN_slug.txt` (the text exactly as returned) plus
//! `NNN_slug.toml`: `url`, `site`, `kind`, `half` (`build` | `holdout` |
//! `blind`, per site), and gold cases. `blind` pages (3NN) were labelled before
//! rinse was ever run on them; they are scored as their own row and carry no
//! floor (tests/pages.rs holds floors and keeps for build and holdout only).
//! Gold cases:
//! - `[[fix]] before/after`: fixed when the output contains `after` and
//!   (unless `after` contains `before`) holds `before` fewer times than the input;
//! - `[[remove]] text`: a furniture line, fixed when fewer output lines than
//!   input lines are it (compared without whitespace, full-width `：，；` as
//!   ASCII: a line only respaced or re-punctuated is still there);
//! - `[[keep]] text`: must come out byte-identical (the output contains it).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[derive(Debug, serde::Deserialize)]
pub struct Gold {
    pub url: String,
    pub site: String,
    pub kind: String,
    pub half: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub fix: Vec<Fix>,
    #[serde(default)]
    pub remove: Vec<Remove>,
    #[serde(default)]
    pub keep: Vec<Keep>,
}

#[derive(Debug, serde::Deserialize)]
pub struct Fix {
    pub before: String,
    pub after: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct Remove {
    pub text: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct Keep {
    pub text: String,
    #[serde(default)]
    pub note: String,
}

pub struct Page {
    pub name: String,
    pub text: String,
    pub gold: Gold,
}

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages")
}

/// Every page, sorted by name.
pub fn pages() -> Vec<Page> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("fixtures/pages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    for toml_path in names {
        let gold: Gold = toml::from_str(&std::fs::read_to_string(&toml_path).expect("read toml"))
            .unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
        let text = std::fs::read_to_string(toml_path.with_extension("txt")).expect("page text beside its gold");
        let name = toml_path.file_stem().unwrap().to_string_lossy().into_owned();
        out.push(Page { name, text, gold });
    }
    out
}

/// One gold case's outcome.
#[derive(Debug)]
pub struct Miss {
    pub page: String,
    pub half: String,
    pub what: &'static str,
    pub kind: String,
    pub case: String,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub fixes: usize,
    pub fixed: usize,
    pub keeps: usize,
    pub kept: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.fixes == 0 {
            1.0
        } else {
            self.fixed as f64 / self.fixes as f64
        }
    }
}

/// A line as furniture: no whitespace, full-width `：，；` as ASCII. A remove
/// case is fixed only when the line is gone, not when rinse merely respaced or
/// re-punctuated it (`Position:Home > News` -> `Position: Home > News`).
fn furniture_key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '：' => ':',
            '，' => ',',
            '；' => ';',
            c => c,
        })
        .collect()
}

fn lines_equal(text: &str, line: &str) -> usize {
    let key = furniture_key(line);
    text.lines().filter(|l| furniture_key(l) == key).count()
}

/// The halves, in table order.
pub const HALVES: [&str; 20] = ["build", "holdout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18"];

/// A tally per half and every missed case.
#[derive(Debug, Default)]
pub struct Scores {
    /// One tally per half, in [`HALVES`] order.
    pub halves: [Tally; HALVES.len()],
    pub misses: Vec<Miss>,
}

/// The index in [`HALVES`] of `half` (an unknown half counts as `build`).
fn half_index(half: &str) -> usize {
    HALVES.iter().position(|h| *h == half).unwrap_or(0)
}

impl Scores {
    pub fn half(&self, half: &str) -> Tally {
        self.halves[half_index(half)]
    }
}

/// Score `clean` (input text → output text) on `pages`: a tally per half
/// ([`HALVES`]; any other half counts as `build`, as before)
/// and every missed case.
pub fn score(pages: &[Page], clean: impl Fn(&str) -> String) -> Scores {
    let mut s = Scores::default();
    let Scores { halves, misses } = &mut s;
    for p in pages {
        let out = clean(&p.text);
        let t = &mut halves[half_index(&p.gold.half)];
        let mut miss = |what: &'static str, kind: &str, case: String| {
            misses.push(Miss { page: p.name.clone(), half: p.gold.half.clone(), what, kind: kind.to_string(), case })
        };
        for f in &p.gold.fix {
            t.fixes += 1;
            let gone = f.after.contains(&f.before) || out.matches(&f.before).count() < p.text.matches(&f.before).count();
            if out.contains(&f.after) && gone {
                t.fixed += 1;
            } else {
                miss("fix", &f.kind, format!("{:?} -> {:?}", f.before, f.after));
            }
        }
        for r in &p.gold.remove {
            t.fixes += 1;
            let line = r.text.trim();
            if lines_equal(&out, line) < lines_equal(&p.text, line).max(1) {
                t.fixed += 1;
            } else {
                miss("remove", "furniture", format!("{line:?}"));
            }
        }
        for k in &p.gold.keep {
            t.keeps += 1;
            if out.contains(&k.text) {
                t.kept += 1;
            } else {
                miss("keep", "keep", format!("{:?}", k.text));
            }
        }
    }
    s
}
