//! The report: every edit against the original, and what was learned.
//!
//! The JSON schema is documented in `docs/report.md`. Replaying the edits on
//! the (decoded) input gives the output byte for byte ([`Report::apply`]);
//! edits never overlap, so any subset of them applies too.

pub mod diff;
mod json;

pub use json::Extra;

use crate::decode::DecodeInfo;
use crate::edit::Confidence;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// One edit against the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEdit {
    /// Byte offset in the original (decoded, UTF-8) text where the edit starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// 1-based line of `start` in the original.
    pub line: usize,
    /// 1-based column (in characters) of `start` in the original.
    pub column: usize,
    /// The original text of `start..end`.
    pub before: String,
    /// What replaces it.
    pub after: String,
    /// Every rule code involved (more than one when edits of several passes merged).
    pub codes: Vec<String>,
    /// The lowest confidence among the merged edits.
    pub confidence: Confidence,
    /// Why, one reason per merged edit.
    pub reasons: Vec<String>,
    /// For an edit merged from several rules' changes: each change on its
    /// own, in the order they were made. Part `n` replaces `before` with its
    /// `after` (the text after parts `0..=n`) and depends on part `n - 1`;
    /// the last part's `after` is the edit's. A trimmed report may drop a
    /// suffix of the parts (the edit then gives the last kept part's
    /// `after`; an empty list leaves the text as it was). `None` (absent in
    /// JSON) for an edit of one change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<EditPart>>,
}

/// One rule's change inside a merged [`ReportEdit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditPart {
    /// Its place in the chain: part `n` depends on part `n - 1`.
    pub n: usize,
    /// The rule code (several when a chain was too long to split).
    pub codes: Vec<String>,
    /// Its confidence.
    pub confidence: Confidence,
    /// Why.
    pub reasons: Vec<String>,
    /// The edit's `before` text after this part and every earlier one.
    pub after: String,
}

impl ReportEdit {
    /// What replaces `before`: `after`, or with trimmed parts, the last
    /// kept part's `after` (`None` when every part was dropped). An error
    /// when the parts kept are not a prefix of the chain (a part kept
    /// without the part it depends on).
    pub fn replacement(&self) -> Result<Option<&str>> {
        let Some(parts) = &self.parts else { return Ok(Some(&self.after)) };
        if let Some((i, p)) = parts.iter().enumerate().find(|(i, p)| p.n != *i) {
            return Err(Error::Apply(format!(
                "edit at {}:{}: part {} ({}) is kept without part {} it depends on",
                self.line,
                self.column,
                p.n,
                p.codes.join("+"),
                i
            )));
        }
        Ok(parts.last().map(|p| p.after.as_str()))
    }
}

/// An edit a pass proposed that was not applied because it overlapped
/// another one. Offsets refer to that pass's input, not the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedEdit {
    /// The pass that proposed it.
    pub pass: String,
    /// The pipeline round (0-based).
    pub round: usize,
    /// The rule code.
    pub code: String,
    /// Start in the pass's input.
    pub start: usize,
    /// End in the pass's input.
    pub end: usize,
    /// The proposed replacement.
    pub replacement: String,
    /// The rule's reason.
    pub reason: String,
}

/// Everything rinse did to one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Version of rinse that wrote the report.
    pub rinse_version: String,
    /// The input path (`null` for stdin or library use).
    pub input: Option<String>,
    /// How the input bytes were decoded.
    pub decode: DecodeInfo,
    /// Hash of the decoded input text, the text edit offsets refer to, named
    /// by its algorithm: `xxh3-128:` and 32 hex digits ([`text_hash`]). It
    /// guards replay against the wrong input (not against tampering).
    #[serde(default)]
    pub input_hash: String,
    /// Hash of the output text, as `input_hash`.
    #[serde(default)]
    pub output_hash: String,
    /// SHA-256 (hex) of the decoded input, in reports written before
    /// `input_hash` (still read and checked; never written now).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub input_sha256: String,
    /// SHA-256 (hex) of the output, in reports written before `output_hash`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub output_sha256: String,
    /// Length in bytes of the decoded input text.
    pub input_bytes: usize,
    /// Length in bytes of the output text.
    pub output_bytes: usize,
    /// Edits against the original, sorted, non-overlapping.
    pub edits: Vec<ReportEdit>,
    /// Edits proposed but not applied (overlaps), never dropped silently.
    #[serde(default)]
    pub skipped: Vec<SkippedEdit>,
    /// Edits of confidence `suggest` that were not applied (the `apply`
    /// level is above `suggest`), against the original like `edits`, sorted
    /// and non-overlapping. See [`Report::apply_with_suggestions`].
    #[serde(default)]
    pub suggestions: Vec<ReportEdit>,
    /// Number of report edits per rule code.
    pub counts: BTreeMap<String, usize>,
    /// Extracted article metadata (date, source, editor, ...).
    #[serde(default)]
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Language statistics, when the language pass ran.
    #[serde(default)]
    pub language: Option<serde_json::Value>,
    /// Warnings about the document.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// The algorithm of [`text_hash`], as it prefixes the hex digits.
pub const HASH_ALGORITHM: &str = "xxh3-128";

/// The hash a report records of a text: `xxh3-128:` and the 32 hex digits
/// of its XXH3 128-bit hash. XXH3 is a fast non-cryptographic hash (tens
/// of GB/s; SHA-256 cost a tenth of `clean --report`): it tells a changed
/// or different input from the one a report was made from, which is all a
/// replay needs, but it is no defence against a forged input.
pub fn text_hash(text: &str) -> String {
    format!("{HASH_ALGORITHM}:{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// Whether `hash` (a report's `input_hash` or `output_hash`) is the hash of
/// `text`; `None` when it names an algorithm this version does not know.
pub fn hash_matches(hash: &str, text: &str) -> Option<bool> {
    match hash.split_once(':') {
        Some((HASH_ALGORITHM, _)) => Some(text_hash(text) == hash),
        Some(("sha256", hex)) => Some(sha256_hex(text) == hex),
        _ => None,
    }
}

/// Hex SHA-256 of `text` (reports written before `input_hash` carry it).
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}

impl Report {
    /// Apply this report's edits (all of them, or a hand-trimmed subset) to
    /// `input`, the decoded original text. Every edit's `before` must match
    /// the input at its offsets.
    ///
    /// ```
    /// let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap();
    /// let input = "  One\u{a0}two  three\n";
    /// let mut cleaned = cleaner.clean(input);
    /// assert_eq!(cleaned.report.apply(input).unwrap(), cleaned.text);
    /// // Any subset applies: keep only the first edit.
    /// cleaned.report.edits.truncate(1);
    /// assert_eq!(cleaned.report.apply(input).unwrap(), "One\u{a0}two  three\n");
    /// ```
    pub fn apply(&self, input: &str) -> Result<String> {
        apply_report_edits(input, &self.edits)
    }

    /// Apply the edits and the suggestions to `input`: the text a human who
    /// accepts every suggestion gets. A suggestion may cover applied edits
    /// (it was widened over them and its `after` keeps their result): edits
    /// overlapping a suggestion give way to it.
    ///
    /// ```
    /// let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap();
    /// let input = "Sales rose 1.2.7 million units.";
    /// let cleaned = cleaner.clean(input);
    /// assert_eq!(cleaned.text, input);
    /// assert_eq!(cleaned.report.suggestions[0].confidence, rinse::Confidence::Suggest);
    /// let accepted = cleaned.report.apply_with_suggestions(input).unwrap();
    /// assert_ne!(accepted, input);
    /// ```
    pub fn apply_with_suggestions(&self, input: &str) -> Result<String> {
        let overlaps = |e: &ReportEdit, s: &ReportEdit| {
            // An insertion at either end of a suggestion was widened into it
            // when the suggestion's text holds it there (an insertion of the
            // same pass as the suggestion was not: `7.53,000growth`).
            let widened = (e.start == s.start && s.after.starts_with(e.after.as_str()))
                || (e.start == s.end && s.after.ends_with(e.after.as_str()));
            (e.start < s.end && s.start < e.end) || (e.start == e.end && s.start < e.start && e.start < s.end) || (e.start == e.end && widened)
        };
        let mut all: Vec<ReportEdit> =
            self.edits.iter().filter(|e| !self.suggestions.iter().any(|s| overlaps(e, s))).cloned().collect();
        all.extend(self.suggestions.iter().cloned());
        apply_report_edits(input, &all)
    }

    /// Is `input` the text this report was made from? By `input_hash`, or by
    /// `input_sha256` in a report written before it; `false` when it
    /// carries neither. An error when the hash names an unknown algorithm.
    pub fn input_matches(&self, input: &str) -> Result<bool> {
        if !self.input_hash.is_empty() {
            return hash_matches(&self.input_hash, input)
                .ok_or_else(|| Error::Apply(format!("unknown input_hash algorithm in `{}` (this rinse knows {HASH_ALGORITHM} and sha256)", self.input_hash)));
        }
        if !self.input_sha256.is_empty() {
            return Ok(sha256_hex(input) == self.input_sha256);
        }
        Ok(false)
    }

    /// Number of edits whose codes start with `prefix`.
    pub fn count_prefix(&self, prefix: &str) -> usize {
        self.edits.iter().filter(|e| e.codes.iter().any(|c| c.starts_with(prefix))).count()
    }

    /// One line: `N edits, by rule: W104 ×3, P101 ×2`.
    pub fn summary(&self) -> String {
        summary_line(self.edits.len(), &self.counts)
    }
}

/// `N edits, by rule: …` for `n` edits with these counts per rule.
pub(crate) fn summary_line(n: usize, counts: &BTreeMap<String, usize>) -> String {
    if n == 0 {
        return "no edits".to_string();
    }
    let mut by: Vec<(&String, &usize)> = counts.iter().collect();
    by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let list: Vec<String> = by.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
    format!("{n} edit{}, by rule: {}", if n == 1 { "" } else { "s" }, list.join(", "))
}

/// Apply report edits to `input` (sorted here; overlaps and mismatches are errors).
pub fn apply_report_edits(input: &str, edits: &[ReportEdit]) -> Result<String> {
    let mut sorted: Vec<&ReportEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(input.len());
    let mut last = 0;
    for e in sorted {
        if e.start < last || e.end < e.start {
            return Err(Error::Apply(format!("edit at {}:{} overlaps the previous edit", e.line, e.column)));
        }
        let before = input.get(e.start..e.end).ok_or_else(|| {
            Error::Apply(format!("edit at {}:{} (bytes {}..{}) is outside the input or splits a character", e.line, e.column, e.start, e.end))
        })?;
        if before != e.before {
            return Err(Error::Apply(format!(
                "edit at {}:{} expects {:?} but the input has {:?} (wrong input file?)",
                e.line, e.column, e.before, before
            )));
        }
        out.push_str(&input[last..e.start]);
        match e.replacement()? {
            Some(after) => out.push_str(after),
            None => out.push_str(before),
        }
        last = e.end;
    }
    out.push_str(&input[last..]);
    Ok(out)
}

/// 1-based (line, column in chars) for each of the sorted byte offsets.
pub(crate) fn line_cols(text: &str, offsets: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut line, mut pos) = (1usize, 0usize);
    // Column of `pos` (counted incrementally so many edits on one long line stay linear).
    let mut col = 1usize;
    let mut out = Vec::new();
    for off in offsets {
        let mut off = off.min(bytes.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        if off >= pos {
            let chunk = &text[pos..off];
            match memchr::memrchr(b'\n', chunk.as_bytes()) {
                Some(last_nl) => {
                    line += memchr::memchr_iter(b'\n', chunk.as_bytes()).count();
                    col = 1 + chunk[last_nl + 1..].chars().count();
                }
                None => col += chunk.chars().count(),
            }
            pos = off;
        }
        out.push((line, col));
    }
    out
}
