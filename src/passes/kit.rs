//! The pass kit: what every pass is built from and may import (with
//! [`crate::edit`], [`crate::rules`] and [`crate::text`]). A pass never
//! imports the configuration or another pass: its options reach it as plain
//! values ([`Setup`] and its own `Options`) when it is built.

use crate::edit::Edit;
use crate::rules::Code;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// Per-document state a pass may read and fill while it runs.
#[derive(Debug, Default)]
pub struct Context {
    /// Extracted article metadata (date, source, editor, ...), `report.metadata`.
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Language statistics of the document, `report.language`.
    pub language: Option<serde_json::Value>,
    /// Sentences removed by `--cjk extract`, one JSON object each.
    pub extracted: Vec<serde_json::Value>,
    /// Warnings for the user (printed on stderr, kept in the report).
    pub warnings: Vec<String>,
    /// Which round of the pipeline this is (0 = first).
    pub round: usize,
    /// In a later round, the only parts of the text that changed since this
    /// pass last ran (sorted, disjoint, whole lines); `None` for the whole
    /// text. A pass whose decisions on a
    /// line depend on that line alone (and on document facts no edit there
    /// changes) may look only here: elsewhere it would find what it found
    /// last time. Passes that weigh the whole document ignore it.
    pub dirty: Option<Vec<std::ops::Range<usize>>>,
    /// Strings a pass noted on this document for its later rounds, by pass
    /// name (glued_words keeps the tokens whose decision weighs the text
    /// around them, so a later round rechecks only those away from a change).
    pub memo: crate::fasthash::FxHashMap<&'static str, Vec<String>>,
    /// Anything else a pass keeps on this document between its rounds, by
    /// pass name, of a type only that pass knows (boilerplate keeps the
    /// classification of each short line it saw, so a later round
    /// classifies only the lines that changed).
    pub scratch: Scratch,
}

/// The per-pass [`Context::scratch`] store.
#[derive(Default)]
pub struct Scratch(crate::fasthash::FxHashMap<&'static str, Box<dyn std::any::Any + Send>>);

impl Scratch {
    /// The value `pass` keeps, made with `Default` on first use (and made
    /// anew if another type was kept under the same name).
    pub fn get<T: Default + Send + 'static>(&mut self, pass: &'static str) -> &mut T {
        let slot = self.0.entry(pass).or_insert_with(|| Box::new(T::default()));
        if !slot.is::<T>() {
            *slot = Box::new(T::default());
        }
        slot.downcast_mut::<T>().expect("the type was just checked")
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

impl Context {
    /// The byte ranges of `text` this pass should look at: the changed
    /// lines ([`Context::dirty`]) or the whole text.
    pub fn ranges(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        match &self.dirty {
            Some(d) => d.clone(),
            None => std::iter::once(0..text.len()).collect(),
        }
    }
}

/// A repair pass: looks at text, proposes edits. As small as harper's `Linter`.
pub trait Pass: Send + Sync {
    /// Propose edits against `text`. Edits may overlap; the pipeline skips
    /// (and reports) any that overlap one it already took.
    fn run(&self, text: &str, cx: &mut Context) -> Vec<Edit>;
}

/// Unicode normalization applied by the whitespace pass (rule W111).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Normalize {
    /// Canonical composition (default): changes no visible character.
    #[default]
    Nfc,
    /// Compatibility composition: full-width Latin letters and digits become
    /// ASCII; CJK full-width punctuation is left to the punctuation pass.
    Nfkc,
    /// No normalization.
    None,
}

/// What to do with untranslated Chinese text (the language pass).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CjkPolicy {
    /// Chinese text stays, punctuated as Chinese (default).
    #[default]
    Keep,
    /// Untranslated sentences are removed (each removal is in the report).
    Drop,
    /// Untranslated sentences are wrapped in markers (`[zh]…[/zh]`).
    Mark,
    /// Like drop, and the removed sentences are collected for translation.
    Extract,
}

/// The settings every pass may read when it is built: plain values, decided
/// by the configuration before any pass exists.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Unicode normalization (whitespace pass).
    pub normalize: Normalize,
    /// Keep CRLF line endings (whitespace pass).
    pub keep_crlf: bool,
    /// Policy for untranslated Chinese (language pass).
    pub cjk: CjkPolicy,
    /// Codes of the rules that run.
    enabled: FxHashSet<&'static str>,
}

impl Setup {
    /// Settings with exactly the rules in `enabled` running.
    pub fn new(normalize: Normalize, keep_crlf: bool, cjk: CjkPolicy, enabled: impl IntoIterator<Item = &'static str>) -> Self {
        Setup { normalize, keep_crlf, cjk, enabled: enabled.into_iter().collect() }
    }

    /// Does rule `code` run?
    pub fn is_enabled(&self, code: Code) -> bool {
        self.enabled.contains(code.as_str())
    }

    /// Does the rule with code string `code` run?
    pub fn is_enabled_str(&self, code: &str) -> bool {
        self.enabled.contains(code)
    }
}

impl Default for Setup {
    /// Default settings with every rule that is on by default running.
    fn default() -> Self {
        let on = crate::rules::all().filter(|r| r.default_enabled).map(|r| r.code);
        Setup::new(Normalize::default(), false, CjkPolicy::default(), on)
    }
}

/// Test helpers shared by the pass modules (harper's `assert_suggestion_result`).
#[cfg(test)]
pub(crate) mod testing {
    /// A deterministic xorshift source for randomized unit tests: each call
    /// gives a number below `n`.
    pub fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    use super::{Context, Pass};
    use crate::edit::apply_edits;

    /// Run `pass` alone until it settles (as the pipeline's rounds do, at
    /// most 8 times) and compare: a punctuation test cannot fail because of
    /// whitespace.
    pub fn assert_pass_fixes(pass: &dyn Pass, input: &str, expected: &str) {
        assert_eq!(apply_pass(pass, input), expected, "input: {input:?}");
    }

    /// `input` after `pass` alone has settled (at most 8 rounds).
    pub fn apply_pass(pass: &dyn Pass, input: &str) -> String {
        let mut text = input.to_string();
        for round in 0..8 {
            let mut cx = Context { round, ..Context::default() };
            let mut edits = pass.run(&text, &mut cx);
            edits.retain(|e| !e.is_noop(&text));
            if edits.is_empty() {
                break;
            }
            edits.sort();
            edits.dedup_by(|b, a| a.range == b.range && a.replacement == b.replacement);
            text = apply_edits(&text, &edits).0;
        }
        text
    }

    /// `pass` alone proposes no edit on `input`.
    pub fn assert_pass_keeps(pass: &dyn Pass, input: &str) {
        assert_pass_fixes(pass, input, input);
    }

    /// Clean `input` with only `codes` selected and compare (whole pipeline).
    pub fn assert_fixes_with(codes: &[&str], input: &str, expected: &str) {
        let cfg = crate::Config::default().with_select(codes.iter().copied());
        let out = crate::Cleaner::new(cfg).expect("config").clean(input);
        assert_eq!(out.text, expected, "input: {input:?}\nedits: {:#?}", out.report.edits);
    }

    /// Clean `input` with the default configuration and compare (whole pipeline).
    pub fn assert_fixes(input: &str, expected: &str) {
        let out = crate::Cleaner::new(crate::Config::default()).expect("config").clean(input);
        assert_eq!(out.text, expected, "input: {input:?}\nedits: {:#?}", out.report.edits);
    }

    /// The default pipeline leaves `input` unchanged.
    pub fn assert_no_edits(input: &str) {
        assert_fixes(input, input);
    }

    /// Number of report edits carrying `code` when cleaning `input` by default.
    pub fn edit_count(input: &str, code: &str) -> usize {
        let out = crate::Cleaner::new(crate::Config::default()).expect("config").clean(input);
        out.report.edits.iter().filter(|e| e.codes.iter().any(|c| c == code)).count()
    }
}
