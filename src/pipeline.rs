//! Runs the passes and composes their edits into edits against the original.
//!
//! Each pass returns edits against its own input. The pipeline filters them
//! (selection, `--only-safe`), sorts them, skips (and records) any that
//! overlap one already taken, applies them in one forward sweep, and composes
//! them with the edits of earlier passes: an edit that touches text produced
//! by an earlier edit merges with it into one edit against the original,
//! carrying both rule codes. Rounds repeat until a round changes nothing
//! (at most [`MAX_ROUNDS`]), so cleaning the output again is a no-op.

use crate::edit::{apply_edits_into, Confidence, Edit};
use crate::passes::{Context, Pass};
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// The most rounds of all passes the pipeline runs on one document.
pub const MAX_ROUNDS: usize = 8;

/// An edit against the original text, with where its result sits now.
#[derive(Debug, Clone)]
pub(crate) struct Composite {
    pub orig: Range<usize>,
    pub cur: Range<usize>,
    pub codes: Vec<&'static str>,
    pub confidence: Confidence,
    pub reasons: Vec<Cow<'static, str>>,
}

/// An edit a pass proposed that the pipeline did not apply.
#[derive(Debug, Clone)]
pub(crate) struct Skipped {
    pub pass: &'static str,
    pub round: usize,
    pub edit: Edit,
}

pub(crate) struct Outcome {
    pub text: String,
    pub composites: Vec<Composite>,
    pub skipped: Vec<Skipped>,
}

pub(crate) fn run(
    original: &str,
    passes: &[Box<dyn Pass>],
    enabled: &HashSet<&'static str>,
    only_safe: bool,
    cx: &mut Context,
) -> Outcome {
    // The current text is `original` until a pass changes it, then `cur`;
    // edits are applied into `spare`, and the two buffers swap (no fresh
    // allocation of a document-sized string per applied pass).
    let mut cur = String::new();
    let mut spare = String::new();
    let mut owned = false;
    let mut composites: Vec<Composite> = Vec::new();
    let mut skipped = Vec::new();
    for round in 0..MAX_ROUNDS {
        cx.round = round;
        let mut changed = false;
        for pass in passes {
            let text: &str = if owned { &cur } else { original };
            let mut edits = pass.run(text, cx);
            if edits.is_empty() {
                continue;
            }
            // Edits of a pass mostly share a few codes: look each up once.
            let mut last: Option<(&'static str, bool)> = None;
            let mut is_enabled = |code: &'static str| match last {
                Some((c, on)) if c == code => on,
                _ => {
                    let on = enabled.contains(code);
                    last = Some((code, on));
                    on
                }
            };
            edits.retain(|e| {
                is_enabled(e.code)
                    && !(only_safe && e.confidence < Confidence::Safe)
                    && !e.is_noop(text)
            });
            if edits.is_empty() {
                continue;
            }
            edits.sort();
            edits.dedup_by(|b, a| a.range == b.range && a.replacement == b.replacement);
            let rejected = apply_edits_into(text, &edits, &mut spare);
            if !rejected.is_empty() {
                edits.retain(|e| !rejected.contains(e));
                skipped.extend(rejected.into_iter().map(|edit| Skipped { pass: pass.name(), round, edit }));
            }
            if edits.is_empty() {
                continue;
            }
            std::mem::swap(&mut cur, &mut spare);
            owned = true;
            composites = compose(original, composites, &edits, &cur);
            changed = true;
        }
        if !changed {
            break;
        }
        if round + 1 == MAX_ROUNDS {
            cx.warnings.push(format!(
                "edits had not settled after {MAX_ROUNDS} rounds: cleaning the output again may change it further"
            ));
        }
    }
    let text = if owned { cur } else { original.to_string() };
    Outcome { text, composites, skipped }
}

enum Item<'a> {
    Old(Composite),
    New(&'a Edit),
}

impl Item<'_> {
    fn range(&self) -> Range<usize> {
        match self {
            Item::Old(c) => c.cur.clone(),
            Item::New(e) => e.range.clone(),
        }
    }
}

/// Compose `edits` (sorted, non-overlapping, against the current text, which
/// is `original` with `old` applied) with `old`; `new_text` is the result.
fn compose<'e>(original: &str, old: Vec<Composite>, edits: &'e [Edit], new_text: &str) -> Vec<Composite> {
    // Merge both sorted lists into one sequence ordered by start.
    let mut items: Vec<Item<'e>> = Vec::with_capacity(old.len() + edits.len());
    {
        let mut old_it = old.into_iter().peekable();
        let mut new_it = edits.iter().peekable();
        loop {
            let take_old = match (old_it.peek(), new_it.peek()) {
                (Some(o), Some(n)) => (o.cur.start, o.cur.end) <= (n.range.start, n.range.end),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_old {
                items.push(Item::Old(old_it.next().unwrap()));
            } else {
                items.push(Item::New(new_it.next().unwrap()));
            }
        }
    }

    let mut out = Vec::with_capacity(items.len());
    let mut old_shift: isize = 0; // cur - orig, after the old composites passed
    let mut new_shift: isize = 0; // new - cur, after the new edits passed
    let mut items = items.into_iter().peekable();
    let mut group_old: Vec<Composite> = Vec::new();
    let mut group_new: Vec<&'e Edit> = Vec::new();
    while let Some(first) = items.next() {
        // Fast path: an old composite no new edit touches only shifts.
        if let Item::Old(c) = &first {
            if items.peek().is_none_or(|n| n.range().start > c.cur.end) {
                let Item::Old(mut c) = first else { unreachable!() };
                old_shift += c.cur.len() as isize - c.orig.len() as isize;
                c.cur = (c.cur.start as isize + new_shift) as usize..(c.cur.end as isize + new_shift) as usize;
                out.push(c);
                continue;
            }
        }
        let r = first.range();
        let (a, mut b) = (r.start, r.end);
        let orig_a = match &first {
            Item::Old(c) => c.orig.start,
            Item::New(_) => (a as isize - old_shift) as usize,
        };
        let new_a = (a as isize + new_shift) as usize;
        group_old.clear();
        group_new.clear();
        let mut push = |item: Item<'e>, old_shift: &mut isize, new_shift: &mut isize| match item {
            Item::Old(c) => {
                *old_shift += c.cur.len() as isize - c.orig.len() as isize;
                group_old.push(c);
            }
            Item::New(e) => {
                *new_shift += e.replacement.len() as isize - e.range.len() as isize;
                group_new.push(e);
            }
        };
        let shift_before_group = new_shift;
        push(first, &mut old_shift, &mut new_shift);
        while let Some(next) = items.peek() {
            let nr = next.range();
            if nr.start > b {
                break;
            }
            b = b.max(nr.end);
            let item = items.next().unwrap();
            push(item, &mut old_shift, &mut new_shift);
        }
        if group_new.is_empty() {
            for mut c in group_old.drain(..) {
                c.cur = (c.cur.start as isize + shift_before_group) as usize
                    ..(c.cur.end as isize + shift_before_group) as usize;
                out.push(c);
            }
            continue;
        }
        let orig_b = (b as isize - old_shift) as usize;
        let new_b = (b as isize + new_shift) as usize;
        if new_text[new_a..new_b] == original[orig_a..orig_b] {
            continue; // a later pass undid an earlier one: nothing to report
        }
        let mut codes: Vec<&'static str> = Vec::new();
        let mut reasons: Vec<Cow<'static, str>> = Vec::new();
        let mut confidence = Confidence::Safe;
        for c in &group_old {
            for code in &c.codes {
                if !codes.contains(code) {
                    codes.push(code);
                }
            }
            for r in &c.reasons {
                if !reasons.contains(r) {
                    reasons.push(r.clone());
                }
            }
            confidence = confidence.min(c.confidence);
        }
        for e in &group_new {
            if !codes.contains(&e.code) {
                codes.push(e.code);
            }
            if !reasons.contains(&e.reason) {
                reasons.push(e.reason.clone());
            }
            confidence = confidence.min(e.confidence);
        }
        out.push(Composite { orig: orig_a..orig_b, cur: new_a..new_b, codes, confidence, reasons });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_edits;

    fn e(r: Range<usize>, s: &'static str, code: &'static str) -> Edit {
        Edit::replacement(r, s, code, Confidence::Safe, "test")
    }

    #[test]
    fn second_edit_on_produced_text_merges() {
        let original = "a**b  c";
        let step1 = [e(1..3, "", "M103")];
        let (t1, _) = apply_edits(original, &step1);
        let c1 = compose(original, vec![], &step1, &t1);
        assert_eq!(t1, "ab  c");
        let step2 = [e(1..1, " ", "P999"), e(2..4, " ", "W106")];
        let (t2, _) = apply_edits(&t1, &step2);
        let c2 = compose(original, c1, &step2, &t2);
        assert_eq!(t2, "a b c");
        assert_eq!(c2.len(), 2);
        assert_eq!(c2[0].orig, 1..3);
        assert_eq!(c2[0].codes, vec!["M103", "P999"]);
        assert_eq!(&t2[c2[0].cur.clone()], " ");
        assert_eq!(c2[1].orig, 4..6);
    }

    #[test]
    fn undoing_an_edit_drops_it() {
        let original = "x,y";
        let s1 = [e(1..2, "，", "P1")];
        let (t1, _) = apply_edits(original, &s1);
        let c1 = compose(original, vec![], &s1, &t1);
        let s2 = [e(1..4, ",", "P2")];
        let (t2, _) = apply_edits(&t1, &s2);
        let c2 = compose(original, c1, &s2, &t2);
        assert_eq!(t2, original);
        assert!(c2.is_empty());
    }

    #[test]
    fn untouched_old_edits_shift() {
        let original = "aaa bbb ccc";
        let s1 = [e(8..11, "C", "X1")];
        let (t1, _) = apply_edits(original, &s1);
        let c1 = compose(original, vec![], &s1, &t1);
        let s2 = [e(0..3, "", "X2")];
        let (t2, _) = apply_edits(&t1, &s2);
        let c2 = compose(original, c1, &s2, &t2);
        assert_eq!(t2, " bbb C");
        assert_eq!(c2.len(), 2);
        assert_eq!(c2[1].orig, 8..11);
        assert_eq!(&t2[c2[1].cur.clone()], "C");
    }
}
