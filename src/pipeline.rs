//! Runs the passes and composes their edits into edits against the original.
//!
//! Each pass returns edits against its own input. The pipeline filters them
//! (selection, the `apply` level), sorts them, skips (and records) any that
//! overlap one already taken, applies them in one forward sweep, and composes
//! them with the edits of earlier passes: an edit that touches text produced
//! by an earlier edit merges with it into one edit against the original,
//! carrying both rule codes. Rounds repeat until a round changes nothing
//! (at most [`MAX_ROUNDS`]), so cleaning the output again is a no-op.
//!
//! Edits of confidence `suggest` below the `apply` level are not applied:
//! each becomes a [`Suggestion`] against the original (widened over any
//! applied edit it touches), listed in the report.

use crate::edit::{apply_edits_in_place, apply_edits_into, apply_same_length_in_place, Confidence, Edit};
use crate::passes::{Context, Registered};
use crate::fasthash::FxHashMap;
use crate::rules::Code;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// The most rounds of all passes the pipeline runs on one document. Nearly
/// every document settles in two or three; a chain where each round unlocks
/// one more edit (`e、、、…`, `or.Ar.At.Ar…`, a header of repeated dates)
/// needs one round per link. Rounds cost linear time each, so this bound
/// keeps the worst case linear; text still changing after the last round is
/// reported in [`crate::Report::warnings`] (the CLI shows it even under
/// `-q`).
pub const MAX_ROUNDS: usize = 32;

/// A timing hook ([`crate::Cleaner::with_timing_hook`]): called with what
/// was timed (`"round 0 punctuation (1234 edits)"`, `"  compose"`,
/// `"pipeline"`, …) and how long it took. The library never prints; the CLI
/// installs a hook that prints under `RINSE_TIMINGS=1`.
pub type TimingHook = std::sync::Arc<dyn Fn(&str, std::time::Duration) + Send + Sync>;

/// Report to `hook` that `what` took since `t0`, and restart `t0`.
pub(crate) fn lap(hook: Option<&TimingHook>, t0: &mut Option<std::time::Instant>, what: &str) {
    if let (Some(h), Some(t)) = (hook, t0.as_mut()) {
        h(what, t.elapsed());
        *t = std::time::Instant::now();
    }
}

/// An edit against the original text, with where its result sits now.
#[derive(Debug, Clone)]
pub(crate) struct Composite {
    pub orig: Range<usize>,
    pub cur: Range<usize>,
    pub confidence: Confidence,
    /// Index of its codes and reasons in [`Outcome::tags`] (kept out of
    /// line: composites are moved on every pass, tags rarely change).
    pub tag: u32,
}

/// Texts of this size or more are edited in place (one document-sized
/// buffer); smaller ones are copied between two buffers, which is faster.
const IN_PLACE_ABOVE: usize = 64 << 20;

/// An edit a pass proposed that the pipeline did not apply.
#[derive(Debug, Clone)]
pub(crate) struct Skipped {
    pub pass: &'static str,
    pub round: usize,
    pub edit: Edit,
}

/// A `suggest` edit that was not applied, against the original text.
#[derive(Debug, Clone)]
pub(crate) struct Suggestion {
    pub orig: Range<usize>,
    pub after: String,
    pub code: Code,
    pub reason: Cow<'static, str>,
}

pub(crate) struct Outcome {
    pub text: String,
    pub composites: Vec<Composite>,
    pub tags: Vec<Tags>,
    pub skipped: Vec<Skipped>,
    pub suggestions: Vec<Suggestion>,
    /// The rule-by-rule parts of merged composites, by tag index (only
    /// when `run` was asked to track them).
    pub parts: FxHashMap<u32, Vec<Part>>,
}

/// One rule's change inside a merged composite: the text of the
/// composite's original range after this change and every earlier one.
/// Part `i` applies on top of parts `0..i` (it depends on part `i - 1`).
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub codes: Vec<&'static str>,
    pub reasons: Vec<Cow<'static, str>>,
    pub confidence: Confidence,
    pub state: String,
}

/// The most bytes of states kept for one composite's parts: a bigger
/// chain (thousands of edits merged over a long run) is one part.
const MAX_PART_BYTES: usize = 64 << 10;

/// What the pipeline keeps to split merged composites into parts (under
/// `ReportDetail::Full` only): the text of every composite when it was
/// made, by tag index, and the parts of merged ones.
#[derive(Default)]
pub(crate) struct Tracker {
    contents: Vec<String>,
    parts: FxHashMap<u32, Vec<Part>>,
}

impl Outcome {
    /// The codes and reasons of `c`.
    pub fn tags(&self, c: &Composite) -> &Tags {
        &self.tags[c.tag as usize]
    }
}

pub(crate) fn run(
    original: &str,
    passes: &[Registered],
    enabled: &HashSet<&'static str>,
    min_confidence: Confidence,
    cx: &mut Context,
    timings: Option<&TimingHook>,
    track_parts: bool,
) -> Outcome {
    let mut tracker = track_parts.then(Tracker::default);
    let mut shared = (!track_parts).then(SharedTags::default);
    // The current text is `original` until a pass changes it, then `cur`:
    // the first change copies the original into `cur`, later ones copy
    // between `cur` and `spare_text` or, for a text of IN_PLACE_ABOVE or
    // more, edit `cur` in place (then one document-sized buffer besides the
    // original); no fresh allocation of one per applied pass.
    let mut cur = String::new();
    let mut spare_text = String::new();
    let mut owned = false;
    let mut composites: Vec<Composite> = Vec::new();
    let mut spare_composites: Vec<Composite> = Vec::new();
    let mut tags: Vec<Tags> = Vec::new();
    let mut skipped = Vec::new();
    let mut suggestions: Vec<Suggestion> = Vec::new();
    let mut taken = Taken::default();
    let mut held: Vec<Edit> = Vec::new();
    // Where the text changed and when; the step at which each pass last ran.
    let mut changes = Changes::default();
    let mut last_run: Vec<u32> = vec![0; passes.len()];
    let mut step: u32 = 0;
    for round in 0..MAX_ROUNDS {
        cx.round = round;
        let mut changed = false;
        let mut guard: Option<crate::text::spans::Guard> = None;
        for (p, pass) in passes.iter().enumerate() {
            let text: &str = if owned { &cur } else { original };
            step += 1;
            // After the first round a pass looks again only where the text
            // changed since it last ran (its own edits included: a pass's
            // edit can make another for it, as a lowercased capital is
            // evidence for C102); where nothing did, it would find nothing
            // new.
            cx.dirty = None;
            if round > 0 {
                let dirty = changes.since(last_run[p], text);
                if dirty.is_empty() {
                    continue;
                }
                cx.dirty = Some(dirty);
            }
            last_run[p] = step;
            let t0 = timings.map(|_| std::time::Instant::now());
            let mut edits = pass.pass.run(text, cx);
            if let (Some(h), Some(t0)) = (timings, t0) {
                let looked = cx.dirty.as_ref().map_or(text.len(), |d| d.iter().map(|r| r.len()).sum());
                h(&format!("round {round} {:<14} {:>7} edits {:>9} bytes", pass.name, edits.len(), looked), t0.elapsed());
            }
            if edits.is_empty() {
                continue;
            }
            // Edits of a pass mostly share a few codes: look each up once.
            let mut last: Option<(&'static str, bool)> = None;
            let mut is_enabled = |code: Code| match last {
                Some((c, on)) if std::ptr::eq(c, code.as_str()) || c == code.as_str() => on,
                _ => {
                    let on = enabled.contains(code.as_str());
                    last = Some((code.as_str(), on));
                    on
                }
            };
            held.clear();
            // Code, templates, URLs and paths are edited whole or not at all.
            // The guard is found once a round and moved through each pass's
            // edits (a scan of the text per pass was a tenth of the time).
            let spans: &crate::text::spans::Guard = guard.get_or_insert_with(|| crate::text::spans::Guard::new(text));
            edits.retain(|e| {
                if !is_enabled(e.code) || e.is_noop(text) || !spans.allows(&e.range, e.code.as_str()) {
                    return false;
                }
                if e.confidence < min_confidence {
                    if e.confidence == Confidence::Suggest {
                        held.push(e.clone());
                    }
                    return false;
                }
                true
            });
            if !held.is_empty() {
                held.sort();
                suggest(original, text, &composites, &held, &mut suggestions, &mut taken);
            }
            if edits.is_empty() {
                continue;
            }
            let mut t1 = timings.map(|_| std::time::Instant::now());
            edits.sort();
            edits.dedup_by(|b, a| a.range == b.range && a.replacement == b.replacement);
            lap(timings, &mut t1, "  filter+sort");
            // Edits that keep every length (case changes) are applied in
            // place by the simplest route.
            let same_length = owned && edits.iter().all(|e| e.range.len() == e.replacement.len());
            let rejected = if same_length {
                apply_same_length_in_place(&mut cur, &edits)
            } else if owned && cur.len() >= IN_PLACE_ABOVE {
                apply_edits_in_place(&mut cur, &edits)
            } else if owned {
                // Below the size where a second buffer matters, a copy into
                // the spare buffer is cheaper than moving in place (which
                // checks the UTF-8 of the result again).
                let rejected = apply_edits_into(&cur, &edits, &mut spare_text);
                std::mem::swap(&mut cur, &mut spare_text);
                rejected
            } else {
                apply_edits_into(original, &edits, &mut cur)
            };
            lap(timings, &mut t1, "  apply");
            if !rejected.is_empty() {
                edits.retain(|e| !rejected.contains(e));
                skipped.extend(rejected.into_iter().map(|edit| Skipped { pass: pass.name, round, edit }));
            }
            if edits.is_empty() {
                continue;
            }
            if let Some(g) = guard.take() {
                guard = Some(g.through(&edits));
            }
            changes.through(&edits, step);
            owned = true;
            compose(original, &mut composites, &mut tags, &edits, &cur, &mut spare_composites, tracker.as_mut(), shared.as_mut());
            std::mem::swap(&mut composites, &mut spare_composites);
            lap(timings, &mut t1, "  compose");
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
    suggestions.sort_by_key(|s| (s.orig.start, s.orig.end));
    let parts = tracker.map(|t| t.parts).unwrap_or_default();
    Outcome { text, composites, tags, skipped, suggestions, parts }
}

/// Where the text changed, and at which step (pass run) each part last did:
/// sorted, disjoint ranges of the current text, kept in 12 bytes each (a
/// text of millions of edits has millions of them). A text past 4 GiB
/// counts as changed everywhere at the last step that changed it.
#[derive(Debug, Default)]
struct Changes {
    spans: Vec<Span>,
    spare: Vec<Span>,
    /// Set once a position did not fit `u32`: the last step that changed
    /// the text (the spans are then unused).
    whole: Option<u32>,
}

/// A changed range of the current text and the step it last changed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
    step: u32,
}

impl Span {
    fn new(r: Range<usize>, step: u32) -> Option<Span> {
        Some(Span { start: u32::try_from(r.start).ok()?, end: u32::try_from(r.end).ok()?, step })
    }

    fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Changes {
    /// The text changed by `edits` (sorted, non-overlapping, against the
    /// current text) at `step`: old spans move with the text, and the
    /// replacements join as spans of `step` (merged with what they touch).
    fn through(&mut self, edits: &[Edit], step: u32) {
        if self.whole.is_some() || self.through_spans(edits, step).is_none() {
            self.whole = Some(step);
            self.spans = Vec::new();
            self.spare = Vec::new();
        }
    }

    /// [`Changes::through`]; `None` when a position does not fit `u32`.
    fn through_spans(&mut self, edits: &[Edit], step: u32) -> Option<()> {
        let out = &mut self.spare;
        out.clear();
        out.reserve(self.spans.len() + edits.len());
        let push = |out: &mut Vec<Span>, r: Range<usize>, s: u32| -> Option<()> {
            match out.last_mut() {
                Some(last) if r.start <= last.end as usize => {
                    last.end = last.end.max(u32::try_from(r.end).ok()?);
                    last.step = last.step.max(s);
                }
                _ => out.push(Span::new(r, s)?),
            }
            Some(())
        };
        let (mut i, mut shift) = (0usize, 0isize);
        let at = |x: u32, by: isize| (x as isize + by) as usize;
        for e in edits {
            // Old spans ending before the edit only move.
            while i < self.spans.len() && (self.spans[i].end as usize) < e.range.start {
                let sp = self.spans[i];
                push(out, at(sp.start, shift)..at(sp.end, shift), sp.step)?;
                i += 1;
            }
            let mut start = (e.range.start as isize + shift) as usize;
            // Old spans touching the edit join its span.
            while i < self.spans.len() && self.spans[i].start as usize <= e.range.end {
                start = start.min(at(self.spans[i].start, shift));
                i += 1;
            }
            let end = (e.range.start as isize + shift) as usize + e.replacement.len();
            shift += e.replacement.len() as isize - e.range.len() as isize;
            // The last old span joined may reach past the edit.
            let end = match i.checked_sub(1).map(|k| self.spans[k].range()) {
                Some(r) if r.end > e.range.end && r.start <= e.range.end => end.max((r.end as isize + shift) as usize),
                _ => end,
            };
            push(out, start..end, step)?;
        }
        for sp in &self.spans[i..] {
            push(out, at(sp.start, shift)..at(sp.end, shift), sp.step)?;
        }
        std::mem::swap(&mut self.spans, &mut self.spare);
        Some(())
    }

    /// The parts of `text` changed at `step` or later, as whole lines,
    /// sorted and merged.
    fn since(&self, step: u32, text: &str) -> Vec<Range<usize>> {
        if let Some(last) = self.whole {
            return if last >= step { std::iter::once(0..text.len()).collect() } else { Vec::new() };
        }
        let b = text.as_bytes();
        // Each scan starts where the last merged range ends, so a text of
        // many changes on one long line is still read once (a scan from the
        // start of the text per change was quadratic).
        let line_start = |lo: usize, x: usize| memchr::memrchr(b'\n', &b[lo..x]).map_or(lo, |k| lo + k + 1);
        let line_end = |x: usize| memchr::memchr(b'\n', &b[x..]).map_or(b.len(), |k| x + k + 1);
        let mut out: Vec<Range<usize>> = Vec::new();
        for r in self.spans.iter().filter(|sp| sp.step >= step).map(Span::range) {
            let (a, z) = (r.start.min(b.len()), r.end.min(b.len()));
            match out.last_mut() {
                Some(last) if a <= last.end => {
                    if z >= last.end {
                        last.end = line_end(z);
                    }
                }
                last => {
                    let lo = last.map_or(0, |l| l.end);
                    let a = line_start(lo, a);
                    match out.last_mut() {
                        Some(last) if a <= last.end => last.end = last.end.max(line_end(z)),
                        _ => out.push(a..line_end(z)),
                    }
                }
            }
        }
        out
    }
}

/// Map `held` (sorted `suggest` edits against `text`, which is `original`
/// with `composites` applied) to edits against the original and add those
/// that overlap no earlier suggestion to `out`. A suggestion touching an
/// applied edit is widened over it: its `after` keeps that edit's result.
fn suggest(original: &str, text: &str, composites: &[Composite], held: &[Edit], out: &mut Vec<Suggestion>, taken: &mut Taken) {
    let delta = |c: &Composite| c.cur.len() as isize - c.orig.len() as isize;
    let (mut i, mut shift) = (0usize, 0isize);
    for e in held {
        while i < composites.len() && composites[i].cur.end < e.range.start {
            shift += delta(&composites[i]);
            i += 1;
        }
        let (mut a, mut b) = (e.range.start, e.range.end);
        let mut orig_a = (a as isize - shift) as usize;
        let mut sh = shift;
        let mut j = i;
        while j < composites.len() && composites[j].cur.start <= b {
            let c = &composites[j];
            if c.cur.start <= a {
                a = c.cur.start;
                orig_a = c.orig.start;
            }
            b = b.max(c.cur.end);
            sh += delta(c);
            j += 1;
        }
        let orig_b = (b as isize - sh) as usize;
        let (Some(pre), Some(post), Some(before)) = (text.get(a..e.range.start), text.get(e.range.end..b), original.get(orig_a..orig_b)) else {
            continue;
        };
        let after = format!("{pre}{}{post}", e.replacement);
        if after == before || taken.overlaps(orig_a..orig_b) {
            continue;
        }
        taken.insert(orig_a..orig_b);
        out.push(Suggestion { orig: orig_a..orig_b, after, code: e.code, reason: e.reason.clone() });
    }
}

/// The original ranges of the suggestions taken so far, each counted at
/// least one byte long (an insertion occupies its position), so they are
/// disjoint: whether a new one overlaps any is one ordered-map lookup (a scan
/// of every earlier suggestion was quadratic on text of many suggestions).
#[derive(Debug, Default)]
pub(crate) struct Taken {
    by_start: std::collections::BTreeMap<usize, usize>,
}

impl Taken {
    /// `r` widened to at least one byte.
    fn span(r: &Range<usize>) -> (usize, usize) {
        (r.start, r.end.max(r.start + 1))
    }

    /// Does `r` overlap a range taken (both counted at least one byte long)?
    fn overlaps(&self, r: Range<usize>) -> bool {
        let (a, b) = Self::span(&r);
        // The taken ranges are disjoint, so the one starting last before
        // `b` also ends last among those.
        self.by_start.range(..b).next_back().is_some_and(|(_, &end)| end > a)
    }

    fn insert(&mut self, r: Range<usize>) {
        let (a, b) = Self::span(&r);
        self.by_start.insert(a, b);
    }
}

/// The rule codes and reasons of a composite: one of each for most edits,
/// a list when edits of several rules merged.
#[derive(Debug, Clone)]
pub(crate) enum Tags {
    One(&'static str, Cow<'static, str>),
    Many(Box<(Vec<&'static str>, Vec<Cow<'static, str>>)>),
}

impl Tags {
    /// The rule codes, in the order they joined, without repeats.
    pub fn codes(&self) -> &[&'static str] {
        match self {
            Tags::One(c, _) => std::slice::from_ref(c),
            Tags::Many(m) => &m.0,
        }
    }

    /// The reasons, in the order they joined, without repeats.
    pub fn reasons(&self) -> &[Cow<'static, str>] {
        match self {
            Tags::One(_, r) => std::slice::from_ref(r),
            Tags::Many(m) => &m.1,
        }
    }
}

impl Composite {
    fn shifted(mut self, by: isize) -> Self {
        self.cur = (self.cur.start as isize + by) as usize..(self.cur.end as isize + by) as usize;
        self
    }
}

enum Item<'a> {
    Old(&'a Composite),
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

/// Old composites and new edits merged into one sequence ordered by start
/// (old first on ties), without materializing it.
struct Merge<'a> {
    old: &'a [Composite],
    new: &'a [Edit],
    i: usize,
    j: usize,
}

impl<'a> Merge<'a> {
    #[inline]
    fn take_old(&self) -> Option<bool> {
        match (self.old.get(self.i), self.new.get(self.j)) {
            (Some(o), Some(n)) => Some((o.cur.start, o.cur.end) <= (n.range.start, n.range.end)),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => None,
        }
    }

    #[inline]
    fn next(&mut self) -> Option<Item<'a>> {
        Some(if self.take_old()? {
            self.i += 1;
            Item::Old(&self.old[self.i - 1])
        } else {
            self.j += 1;
            Item::New(&self.new[self.j - 1])
        })
    }

    #[inline]
    fn peek_start(&self) -> Option<usize> {
        Some(if self.take_old()? { self.old[self.i].cur.start } else { self.new[self.j].range.start })
    }
}

/// Compose `edits` (sorted, non-overlapping, against the current text, which
/// is `original` with `old` applied) with `old` into `out` (cleared first;
/// `old` is left empty); `new_text` is the result. With `shared`, a
/// composite of one edit shares an equal tag (no parts are tracked then).
#[allow(clippy::too_many_arguments)]
fn compose(
    original: &str,
    old: &mut Vec<Composite>,
    tags: &mut Vec<Tags>,
    edits: &[Edit],
    new_text: &str,
    out: &mut Vec<Composite>,
    mut tracker: Option<&mut Tracker>,
    mut shared: Option<&mut SharedTags>,
) {
    out.clear();
    out.reserve(old.len() + edits.len());
    let mut items = Merge { old, new: edits, i: 0, j: 0 };
    let mut old_shift: isize = 0; // cur - orig, after the old composites passed
    let mut new_shift: isize = 0; // new - cur, after the new edits passed
    let mut group_old: Vec<&Composite> = Vec::new();
    let mut group_new: Vec<&Edit> = Vec::new();
    while let Some(first) = items.next() {
        // Fast path: an old composite no new edit touches only shifts.
        let first = match first {
            Item::Old(c) if items.peek_start().is_none_or(|s| s > c.cur.end) => {
                old_shift += c.cur.len() as isize - c.orig.len() as isize;
                out.push(c.clone().shifted(new_shift));
                continue;
            }
            // Fast path: a new edit touching nothing else. It changes the
            // text (no-op edits were filtered out) and the text around it is
            // the original's, so it cannot undo anything: no comparison.
            Item::New(e) if items.peek_start().is_none_or(|s| s > e.range.end) => {
                let (a, b) = (e.range.start, e.range.end);
                let orig = (a as isize - old_shift) as usize..(b as isize - old_shift) as usize;
                let new_a = (a as isize + new_shift) as usize;
                new_shift += e.replacement.len() as isize - e.range.len() as isize;
                let Some(index) = one_tag(tags, shared.as_deref_mut(), e) else {
                    continue; // 4 billion edits: cannot be listed (never seen)
                };
                if let Some(t) = tracker.as_deref_mut() {
                    t.contents.push(e.replacement.to_string());
                }
                out.push(Composite { orig, cur: new_a..new_a + e.replacement.len(), confidence: e.confidence, tag: index });
                continue;
            }
            other => other,
        };
        let r = first.range();
        let (a, mut b) = (r.start, r.end);
        let orig_a = match &first {
            Item::Old(c) => c.orig.start,
            Item::New(_) => (a as isize - old_shift) as usize,
        };
        let new_a = (a as isize + new_shift) as usize;
        group_old.clear();
        group_new.clear();
        let shift_before_group = new_shift;
        let mut item = first;
        loop {
            match item {
                Item::Old(c) => {
                    old_shift += c.cur.len() as isize - c.orig.len() as isize;
                    group_old.push(c);
                }
                Item::New(e) => {
                    new_shift += e.replacement.len() as isize - e.range.len() as isize;
                    group_new.push(e);
                }
            }
            if items.peek_start().is_none_or(|s| s > b) {
                break;
            }
            item = items.next().expect("peeked");
            b = b.max(item.range().end);
        }
        if group_new.is_empty() {
            out.extend(group_old.drain(..).map(|c| c.clone().shifted(shift_before_group)));
            continue;
        }
        let orig_b = (b as isize - old_shift) as usize;
        let new_b = (b as isize + new_shift) as usize;
        if new_text[new_a..new_b] == original[orig_a..orig_b] {
            continue; // a later pass undid an earlier one: nothing to report
        }
        let mut confidence = Confidence::Safe;
        let tag = if let (None, [], [e]) = (&tracker, group_old.as_slice(), group_new.as_slice()) {
            // No parts to split later: the tag may be shared.
            let Some(index) = one_tag(tags, shared.as_deref_mut(), e) else {
                continue;
            };
            out.push(Composite { orig: orig_a..orig_b, cur: new_a..new_b, confidence: e.confidence, tag: index });
            continue;
        } else if let ([], [e]) = (group_old.as_slice(), group_new.as_slice()) {
            confidence = e.confidence;
            Tags::One(e.code.as_str(), e.reason.clone())
        } else {
            let mut codes: Vec<&'static str> = Vec::new();
            let mut reasons: Vec<Cow<'static, str>> = Vec::new();
            for c in &group_old {
                for code in tags[c.tag as usize].codes() {
                    if !codes.contains(code) {
                        codes.push(code);
                    }
                }
                for r in tags[c.tag as usize].reasons() {
                    if !reasons.contains(r) {
                        reasons.push(r.clone());
                    }
                }
                confidence = confidence.min(c.confidence);
            }
            for e in &group_new {
                if !codes.contains(&e.code.as_str()) {
                    codes.push(e.code.as_str());
                }
                if !reasons.contains(&e.reason) {
                    reasons.push(e.reason.clone());
                }
                confidence = confidence.min(e.confidence);
            }
            Tags::Many(Box::new((codes, reasons)))
        };
        let Ok(index) = u32::try_from(tags.len()) else {
            continue; // 4 billion edits: cannot be listed (never seen)
        };
        if let Some(t) = tracker.as_deref_mut() {
            let parts = split_parts(original, orig_a..orig_b, a, &group_old, &group_new, tags, t, &tag, confidence, &new_text[new_a..new_b]);
            debug_assert_eq!(parts.last().map(|p| p.state.as_str()), Some(&new_text[new_a..new_b]));
            t.parts.insert(index, parts);
            t.contents.push(new_text[new_a..new_b].to_string());
        }
        tags.push(tag);
        out.push(Composite { orig: orig_a..orig_b, cur: new_a..new_b, confidence, tag: index });
    }
    old.clear();
}

/// Composites of one code and reason share one [`Tags`] entry when no
/// parts are tracked (nothing then needs a composite's own tag index): a
/// document of millions of like edits (`。a` repeated) kept a 40-byte entry
/// each. A small cache by (code, reason) finds the entry to share.
pub(crate) struct SharedTags {
    slots: [Option<u32>; 64],
}

impl Default for SharedTags {
    fn default() -> Self {
        SharedTags { slots: [None; 64] }
    }
}

/// The tag index for a composite made of `e` alone: a new [`Tags::One`], or
/// (with `shared`) an equal one already in `tags`. `None` past `u32::MAX`.
fn one_tag(tags: &mut Vec<Tags>, shared: Option<&mut SharedTags>, e: &Edit) -> Option<u32> {
    let code = e.code.as_str();
    let slot = shared.map(|cache| {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        code.hash(&mut h);
        e.reason.hash(&mut h);
        let k = h.finish();
        &mut cache.slots[((k >> 32) ^ k) as usize % 64]
    });
    if let Some(Some(i)) = slot.as_deref() {
        if let Some(Tags::One(c, r)) = tags.get(*i as usize) {
            if *c == code && *r == e.reason {
                return Some(*i);
            }
        }
    }
    let index = u32::try_from(tags.len()).ok()?;
    tags.push(Tags::One(code, e.reason.clone()));
    if let Some(slot) = slot {
        *slot = Some(index);
    }
    Some(index)
}

/// The parts of a composite merged from `group_old` (composites, by
/// position) and `group_new` (one pass's edits against the current text,
/// whose region starts at `cur_a`): each old composite's parts in turn,
/// then each new edit, every state spanning the original range `orig`.
/// Past [`MAX_PART_BYTES`] the composite is one part with all its tags,
/// whose state is `last` (the composite's text now); the parts stop being
/// built there (building them all first was quadratic in time and memory
/// on a run of thousands of merged edits, `&amp;` repeated).
#[allow(clippy::too_many_arguments)]
fn split_parts(
    original: &str,
    orig: Range<usize>,
    cur_a: usize,
    group_old: &[&Composite],
    group_new: &[&Edit],
    tags: &[Tags],
    t: &Tracker,
    merged: &Tags,
    confidence: Confidence,
    last: &str,
) -> Vec<Part> {
    let one = || vec![Part { codes: merged.codes().to_vec(), reasons: merged.reasons().to_vec(), confidence, state: last.to_string() }];
    let mut running = original[orig.clone()].to_string();
    let mut parts: Vec<Part> = Vec::new();
    let mut bytes = 0usize;
    // Old composites are disjoint: each one's slot still holds original
    // text when its parts are laid in.
    let mut delta: isize = 0;
    for c in group_old {
        let slot = ((c.orig.start - orig.start) as isize + delta) as usize;
        let mut len = c.orig.len();
        let single;
        let chain: &[Part] = match t.parts.get(&c.tag) {
            Some(p) => p,
            None => {
                let tg = &tags[c.tag as usize];
                single = [Part {
                    codes: tg.codes().to_vec(),
                    reasons: tg.reasons().to_vec(),
                    confidence: c.confidence,
                    state: t.contents[c.tag as usize].clone(),
                }];
                &single
            }
        };
        // A composite's part states span its own original range.
        for p in chain {
            running.replace_range(slot..slot + len, &p.state);
            len = p.state.len();
            bytes += running.len();
            if bytes > MAX_PART_BYTES {
                return one();
            }
            parts.push(Part { state: running.clone(), ..p.clone() });
        }
        delta += len as isize - c.orig.len() as isize;
    }
    let mut shift: isize = 0;
    for e in group_new {
        let s = (e.range.start as isize - cur_a as isize + shift) as usize;
        running.replace_range(s..s + e.range.len(), &e.replacement);
        shift += e.replacement.len() as isize - e.range.len() as isize;
        bytes += running.len();
        if bytes > MAX_PART_BYTES {
            return one();
        }
        parts.push(Part { codes: vec![e.code.as_str()], reasons: vec![e.reason.clone()], confidence: e.confidence, state: running.clone() });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_edits;

    fn comp(original: &str, mut old: Vec<Composite>, edits: &[Edit], new_text: &str) -> Vec<Composite> {
        TAGS.with_borrow_mut(|tags| {
            let mut out = Vec::new();
            compose(original, &mut old, tags, edits, new_text, &mut out, None, None);
            assert!(old.is_empty());
            out
        })
    }

    thread_local! {
        static TAGS: std::cell::RefCell<Vec<Tags>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// An edit under a made-up code (composition does not care which).
    fn e(r: Range<usize>, s: &'static str, code: &'static str) -> Edit {
        let rule = Box::leak(Box::new(crate::rules::Rule {
            code,
            name: "test",
            pass: "test",
            summary: "",
            confidence: Confidence::Safe,
            default_enabled: true,
            doc: "",
        }));
        Edit::replacement(r, s, Code(rule), Confidence::Safe, "test")
    }

    /// The records kept per edit stay small: a document of millions of
    /// edits holds millions of each (issue 18: 100 MB of `'。a'` is 25
    /// million edits).
    #[test]
    fn per_edit_records_stay_small() {
        use std::mem::size_of;
        assert!(size_of::<Edit>() <= 80, "Edit: {} bytes", size_of::<Edit>());
        assert!(size_of::<Composite>() <= 40, "Composite: {} bytes", size_of::<Composite>());
        assert!(size_of::<Tags>() <= 40, "Tags: {} bytes", size_of::<Tags>());
        assert_eq!(size_of::<Span>(), 12);
    }

    /// Without parts to track, composites of one code and reason share one
    /// tag entry; with them, each has its own.
    #[test]
    fn like_composites_share_a_tag_unless_parts_are_tracked() {
        let original = "a。b。c。d";
        let edits: Vec<Edit> = original.match_indices('\u{3002}').map(|(i, _)| e(i..i + 3, ". ", "P1")).collect();
        let (text, _) = apply_edits(original, &edits);
        for (shared, want) in [(true, 1), (false, 3)] {
            let (mut tags, mut out) = (Vec::new(), Vec::new());
            let mut cache = SharedTags::default();
            let mut tracker = Tracker::default();
            let (t, s) = if shared { (None, Some(&mut cache)) } else { (Some(&mut tracker), None) };
            compose(original, &mut Vec::new(), &mut tags, &edits, &text, &mut out, t, s);
            assert_eq!(out.len(), 3);
            assert_eq!(tags.len(), want);
            assert!(out.iter().all(|c| tags[c.tag as usize].codes() == ["P1"]));
        }
    }

    /// Whether a suggestion overlaps one taken (each counted at least one
    /// byte long), against a scan of them all.
    #[test]
    fn taken_suggestions_overlap_like_a_scan() {
        let mut next = crate::passes::kit::testing::xorshift(0x1234_5678_u64);
        for _ in 0..500 {
            let (mut taken, mut list): (Taken, Vec<Range<usize>>) = (Taken::default(), Vec::new());
            for _ in 0..30 {
                let a = next(60);
                let r = a..a + next(4);
                let scan = list.iter().any(|s| s.start < r.end.max(r.start + 1) && r.start < s.end.max(s.start + 1));
                assert_eq!(taken.overlaps(r.clone()), scan, "{r:?} {list:?}");
                if !scan {
                    taken.insert(r.clone());
                    list.push(r);
                }
            }
        }
    }

    /// `Changes::since` against the plain definition (each changed span
    /// widened to whole lines, then merged), on random texts and spans.
    #[test]
    fn changes_since_is_whole_lines_merged() {
        let mut next = crate::passes::kit::testing::xorshift(0x2545_f491_u64);
        for _ in 0..2000 {
            let len = 1 + next(40);
            let text: String = (0..len).map(|_| if next(5) == 0 { '\n' } else { 'a' }).collect();
            let b = text.as_bytes();
            let mut spans = Vec::new();
            let mut x = 0;
            while x < len {
                let a = x + next(6);
                let z = (a + next(4)).min(len);
                if a > len {
                    break;
                }
                spans.push((a..z, next(3) as u32));
                x = z + 1;
            }
            let changes = Changes { spans: spans.iter().map(|(r, s)| Span::new(r.clone(), *s).unwrap()).collect(), ..Changes::default() };
            let mut want: Vec<Range<usize>> = Vec::new();
            for (r, _) in spans.iter().filter(|(_, s)| *s >= 1) {
                let a = b[..r.start].iter().rposition(|&c| c == b'\n').map_or(0, |k| k + 1);
                let z = b[r.end..].iter().position(|&c| c == b'\n').map_or(len, |k| r.end + k + 1);
                match want.last_mut() {
                    Some(last) if a <= last.end => last.end = last.end.max(z),
                    _ => want.push(a..z),
                }
            }
            assert_eq!(changes.since(1, &text), want, "{text:?} {spans:?}");
        }
    }

    #[test]
    fn second_edit_on_produced_text_merges() {
        let original = "a**b  c";
        let step1 = [e(1..3, "", "M103")];
        let (t1, _) = apply_edits(original, &step1);
        let c1 = comp(original, vec![], &step1, &t1);
        assert_eq!(t1, "ab  c");
        let step2 = [e(1..1, " ", "P999"), e(2..4, " ", "W106")];
        let (t2, _) = apply_edits(&t1, &step2);
        let c2 = comp(original, c1, &step2, &t2);
        assert_eq!(t2, "a b c");
        assert_eq!(c2.len(), 2);
        assert_eq!(c2[0].orig, 1..3);
        assert_eq!(TAGS.with_borrow(|t| t[c2[0].tag as usize].codes().to_vec()), ["M103", "P999"]);
        assert_eq!(&t2[c2[0].cur.clone()], " ");
        assert_eq!(c2[1].orig, 4..6);
    }

    #[test]
    fn undoing_an_edit_drops_it() {
        let original = "x,y";
        let s1 = [e(1..2, "，", "P1")];
        let (t1, _) = apply_edits(original, &s1);
        let c1 = comp(original, vec![], &s1, &t1);
        let s2 = [e(1..4, ",", "P2")];
        let (t2, _) = apply_edits(&t1, &s2);
        let c2 = comp(original, c1, &s2, &t2);
        assert_eq!(t2, original);
        assert!(c2.is_empty());
    }

    #[test]
    fn untouched_old_edits_shift() {
        let original = "aaa bbb ccc";
        let s1 = [e(8..11, "C", "X1")];
        let (t1, _) = apply_edits(original, &s1);
        let c1 = comp(original, vec![], &s1, &t1);
        let s2 = [e(0..3, "", "X2")];
        let (t2, _) = apply_edits(&t1, &s2);
        let c2 = comp(original, c1, &s2, &t2);
        assert_eq!(t2, " bbb C");
        assert_eq!(c2.len(), 2);
        assert_eq!(c2[1].orig, 8..11);
        assert_eq!(&t2[c2[1].cur.clone()], "C");
    }
}
