//! Edits: the only way a pass may change text.
//!
//! A pass never returns a rewritten string. It returns [`Edit`]s: a byte range
//! of its input, the replacement, the rule code that asked for it, a
//! [`Confidence`] and a short reason. The pipeline applies them and composes
//! them into a report against the original text (see [`crate::Report`]).

use crate::rules::Code;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// How sure a rule is that its edit is right.
///
/// Ordered like ruff's `Applicability`: `Suggest < Review < Safe`, so "at
/// least review" is `confidence >= Confidence::Review`. The configuration's
/// `apply` level (default `review`) is the lowest confidence applied; edits
/// below it are not applied, and `suggest` edits among them are listed in
/// the report's `suggestions` (display-only fixes, as ruff's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// One of several readings, with nothing in the document to decide
    /// between them: reported as a suggestion, applied only under
    /// `apply = "suggest"` (`--apply suggest`).
    Suggest,
    /// Plausible but not certain (more than one reading exists): an editor
    /// should look at it. Skipped by `--apply safe` (`--only-safe`).
    #[default]
    Review,
    /// The edit has one reading; applying it cannot harm correct text.
    Safe,
}

impl Confidence {
    /// `"safe"`, `"review"` or `"suggest"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Suggest => "suggest",
            Confidence::Review => "review",
            Confidence::Safe => "safe",
        }
    }
}

impl std::fmt::Display for Confidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One change proposed by a pass, against the pass's own input text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range replaced (start..end); empty for an insertion.
    pub range: Range<usize>,
    /// The new text for `range`; empty for a deletion.
    pub replacement: Cow<'static, str>,
    /// The rule that asked for it (typed: a mistyped code does not compile).
    pub code: Code,
    /// How sure the rule is.
    pub confidence: Confidence,
    /// Short human reason shown in reports.
    pub reason: Cow<'static, str>,
}

impl Edit {
    /// Replace `range` with `replacement`.
    pub fn replacement(
        range: Range<usize>,
        replacement: impl Into<Cow<'static, str>>,
        code: Code,
        confidence: Confidence,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Edit { range, replacement: replacement.into(), code, confidence, reason: reason.into() }
    }

    /// Delete `range`.
    pub fn deletion(
        range: Range<usize>,
        code: Code,
        confidence: Confidence,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::replacement(range, "", code, confidence, reason)
    }

    /// Insert `text` at byte offset `at`.
    pub fn insertion(
        at: usize,
        text: impl Into<Cow<'static, str>>,
        code: Code,
        confidence: Confidence,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::replacement(at..at, text, code, confidence, reason)
    }

    /// Does applying this edit change nothing?
    pub fn is_noop(&self, text: &str) -> bool {
        // Lengths first: most edits change the length, and then the text
        // need not be read.
        self.range.len() == self.replacement.len() && text.get(self.range.clone()) == Some(&*self.replacement)
    }
}

impl PartialOrd for Edit {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by (start, end, replacement, code), as ruff orders its edits.
impl Ord for Edit {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.range.start, self.range.end, &self.replacement, self.code)
            .cmp(&(other.range.start, other.range.end, &other.replacement, other.code))
    }
}

/// Apply sorted, non-overlapping edits to `text` in one forward sweep.
///
/// Edits that overlap an earlier one are returned in the second value instead
/// of being applied (never dropped silently).
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let mut out = String::new();
    let skipped = apply_edits_into(text, edits, &mut out);
    (out, skipped)
}

/// [`apply_edits`] for edits that each keep their range's length (a case
/// change), done in place: no copy of the text. Returns the skipped edits.
pub(crate) fn apply_same_length_in_place(text: &mut String, edits: &[Edit]) -> Vec<Edit> {
    let mut skipped = Vec::new();
    let mut last = 0usize;
    for e in edits {
        let ok = e.range.start >= last
            && e.range.len() == e.replacement.len()
            && e.range.end <= text.len()
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end);
        if !ok {
            skipped.push(e.clone());
            continue;
        }
        text.replace_range(e.range.clone(), &e.replacement);
        last = e.range.end;
    }
    skipped
}

/// [`apply_edits`] writing into `out` (cleared first), so a caller applying
/// edits again and again can reuse one buffer. Returns the skipped edits.
pub(crate) fn apply_edits_into(text: &str, edits: &[Edit], out: &mut String) -> Vec<Edit> {
    out.clear();
    out.reserve(text.len() + 16);
    let mut skipped = Vec::new();
    let mut last = 0usize;
    let mut last_was_insert_at = usize::MAX;
    for e in edits {
        let overlaps = e.range.start < last
            || (e.range.is_empty() && e.range.start == last_was_insert_at);
        if overlaps || e.range.start > e.range.end || e.range.end > text.len() || !text.is_char_boundary(e.range.start) || !text.is_char_boundary(e.range.end) {
            skipped.push(e.clone());
            continue;
        }
        out.push_str(&text[last..e.range.start]);
        out.push_str(&e.replacement);
        last = e.range.end;
        last_was_insert_at = if e.range.is_empty() { e.range.start } else { usize::MAX };
    }
    out.push_str(&text[last..]);
    skipped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(r: Range<usize>, s: &'static str) -> Edit {
        Edit::replacement(r, s, crate::passes::clause_case::C101, Confidence::Safe, "test")
    }

    #[test]
    fn same_length_edits_apply_in_place_like_a_copy() {
        let text = "growth, It is. Then, Build a plan";
        let edits = [e(8..10, "it"), e(9..11, "XX"), e(21..22, "b")];
        let (copied, skipped_copy) = apply_edits(text, &edits);
        let mut in_place = text.to_string();
        let skipped = apply_same_length_in_place(&mut in_place, &edits);
        assert_eq!(in_place, "growth, it is. Then, build a plan");
        assert_eq!(in_place, copied);
        assert_eq!(skipped, vec![edits[1].clone()]);
        assert_eq!(skipped, skipped_copy);
    }

    #[test]
    fn in_place_skips_edits_off_char_boundaries_or_changing_length() {
        let mut text = "é, It".to_string();
        let skipped = apply_same_length_in_place(&mut text, &[e(1..2, "x"), e(4..5, "ab")]);
        assert_eq!(text, "é, It");
        assert_eq!(skipped.len(), 2);
    }
}
