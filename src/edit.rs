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
    // Room for the result at once: growing a document-sized buffer midway
    // copies it and touches fresh pages.
    let grows: usize = edits.iter().map(|e| e.replacement.len().saturating_sub(e.range.len())).sum();
    out.reserve(text.len() + grows);
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

/// [`apply_edits_into`] done in `text` itself, for edits that change
/// lengths: the result is the same, and no second document-sized buffer is
/// held (a 200 MB document then needs one copy of its current text, not
/// two). Returns the skipped edits, chosen by the same rules.
pub(crate) fn apply_edits_in_place(text: &mut String, edits: &[Edit]) -> Vec<Edit> {
    // Which edits apply, one bit each (millions of edits on a hostile text
    // must not cost a list of their own).
    let mut take = vec![0u64; edits.len().div_ceil(64)];
    let mut skipped = Vec::new();
    let (mut last, mut last_was_insert_at) = (0usize, usize::MAX);
    let mut new_len = text.len() as isize;
    for (k, e) in edits.iter().enumerate() {
        let overlaps = e.range.start < last || (e.range.is_empty() && e.range.start == last_was_insert_at);
        if overlaps || e.range.start > e.range.end || e.range.end > text.len() || !text.is_char_boundary(e.range.start) || !text.is_char_boundary(e.range.end) {
            skipped.push(e.clone());
            continue;
        }
        take[k / 64] |= 1 << (k % 64);
        new_len += e.replacement.len() as isize - e.range.len() as isize;
        last = e.range.end;
        last_was_insert_at = if e.range.is_empty() { e.range.start } else { usize::MAX };
    }
    let is_taken = |k: usize| take[k / 64] >> (k % 64) & 1 == 1;
    let taken = || edits.iter().enumerate().filter(|(k, _)| is_taken(*k)).map(|(_, e)| e);
    let delta = |e: &Edit| e.replacement.len() as isize - e.range.len() as isize;
    let (old_len, new_len) = (text.len(), new_len as usize);
    let mut buf = std::mem::take(text).into_bytes();
    buf.resize(old_len.max(new_len), 0);
    // The unchanged stretches between edits move by the length change of
    // the edits before them. Those moving right go first, last to first;
    // then those moving left, first to last: neither overwrites a stretch
    // still to move. The replacements go last, into the gaps.
    let mut shift = new_len as isize - old_len as isize;
    let mut end = old_len;
    for e in edits.iter().enumerate().rev().filter(|(k, _)| is_taken(*k)).map(|(_, e)| e) {
        if shift > 0 {
            buf.copy_within(e.range.end..end, (e.range.end as isize + shift) as usize);
        }
        end = e.range.start;
        shift -= delta(e);
    }
    let (mut shift, mut start) = (0isize, 0usize);
    for e in taken() {
        if shift < 0 {
            buf.copy_within(start..e.range.start, (start as isize + shift) as usize);
        }
        shift += delta(e);
        start = e.range.end;
    }
    if shift < 0 {
        buf.copy_within(start..old_len, (start as isize + shift) as usize);
    }
    let mut shift = 0isize;
    for e in taken() {
        let at = (e.range.start as isize + shift) as usize;
        buf[at..at + e.replacement.len()].copy_from_slice(e.replacement.as_bytes());
        shift += delta(e);
    }
    buf.truncate(new_len);
    *text = String::from_utf8(buf).expect("edits on char boundaries keep the text UTF-8");
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

    /// Edits applied in place give the text and the skipped edits of a
    /// copy, on random texts and random (overlapping, growing, shrinking,
    /// off-boundary) edits.
    #[test]
    fn edits_applied_in_place_match_a_copy() {
        let mut next = crate::passes::kit::testing::xorshift(0x9e37_79b9_u64);
        let pieces = ["a", "b", "é", "。", "\n", " "];
        let reps: [&'static str; 7] = ["", "x", "yy", ". ", "。", "long replacement", "é"];
        for _ in 0..5000 {
            let text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let mut edits: Vec<Edit> = (0..next(8))
                .map(|_| {
                    let a = next(text.len() + 1);
                    let b = (a + next(4)).min(text.len() + usize::from(next(20) == 0));
                    e(a..b, reps[next(reps.len())])
                })
                .collect();
            edits.sort();
            let (copied, skipped_copy) = apply_edits(&text, &edits);
            let mut in_place = text.clone();
            let skipped = apply_edits_in_place(&mut in_place, &edits);
            assert_eq!(in_place, copied, "{text:?} {edits:?}");
            assert_eq!(skipped, skipped_copy);
        }
    }

    #[test]
    fn in_place_skips_edits_off_char_boundaries_or_changing_length() {
        let mut text = "é, It".to_string();
        let skipped = apply_same_length_in_place(&mut text, &[e(1..2, "x"), e(4..5, "ab")]);
        assert_eq!(text, "é, It");
        assert_eq!(skipped.len(), 2);
    }
}
