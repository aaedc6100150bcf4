//! The segmenter: splits a line into sentences and each sentence into script
//! runs, then labels every sentence english, chinese, mixed or other.
//!
//! 1. Sentences come from Unicode sentence boundaries (UAX #29 exactly as
//!    `unicode-segmentation` finds them, by a faster splitter that runs its
//!    state machine only near terminators and falls back to it for rare
//!    scripts), which break after `.!?` and after `。！？`.
//! 2. Inside a sentence, characters form runs by script: a CJK run (Han,
//!    kana, Hangul) or a Latin run (every other letter). Spaces and
//!    punctuation join the run before them; a digit sequence joins the run of
//!    the letter that touches it on the right (`era10年`: `10年` is CJK).
//! 3. A sentence that opens with an English clause of three or more words
//!    ending in a lower-case word (not a name, not a comma) and continues in
//!    Chinese, or a Chinese sentence that ends (without a comma) with an
//!    English clause starting with a capital and holding lower-case words,
//!    was glued without punctuation by machine translation: it is split
//!    there (`glued = true` on the second part).
//! 4. Labels: no CJK letters: english (or other, for non-Latin letters);
//!    CJK letters weighing (in UTF-8 bytes) at least as much as the Latin
//!    ones: chinese, or mixed when it holds Latin words (a name), or other
//!    when kana or Hangul show it is Japanese or Korean; otherwise english,
//!    with its CJK runs being untranslated fragments (labels, clauses).

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The language label of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// Latin-script text (possibly with CJK fragments inside).
    English,
    /// CJK text without Latin words.
    Chinese,
    /// CJK text with Latin words inside (`…主席Xi Jinping参加…`).
    Mixed,
    /// Japanese or Korean, non-Latin letters, or a Latin language that is
    /// reliably not English.
    Other,
    /// No letters at all (numbers, symbols).
    Neutral,
}

impl Label {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Label::English => "english",
            Label::Chinese => "chinese",
            Label::Mixed => "mixed",
            Label::Other => "other",
            Label::Neutral => "neutral",
        }
    }
}

/// The script class of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunKind {
    Cjk,
    Latin,
}

/// A stretch of one script inside a sentence. Byte offsets are absolute
/// (in the text the line came from).
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub kind: RunKind,
    /// Whole run, trailing spaces and punctuation included.
    pub range: Range<usize>,
    /// End of its last letter, digit or CJK punctuation mark.
    pub core_end: usize,
    /// Han characters.
    pub han: usize,
    /// Kana and Hangul characters.
    pub kana_hangul: usize,
    /// UTF-8 bytes of CJK letters.
    pub cjk_bytes: usize,
    /// Bytes of Latin letters.
    pub latin_bytes: usize,
    /// Bytes of other letters (Cyrillic, Greek, Arabic, ...).
    pub other_bytes: usize,
    /// Latin words.
    pub words: usize,
    /// Does the run's first letter stand in upper case?
    pub upper_start: bool,
    /// Does its last word start with a capital (a name: `…主席Xi Jinping`)?
    pub upper_end: bool,
    /// Words starting in lower case (a sentence has some; a name none).
    pub lower_words: usize,
}

impl Run {
    fn new(kind: RunKind, start: usize) -> Self {
        Run {
            kind,
            range: start..start,
            core_end: start,
            han: 0,
            kana_hangul: 0,
            cjk_bytes: 0,
            latin_bytes: 0,
            other_bytes: 0,
            words: 0,
            upper_start: false,
            upper_end: false,
            lower_words: 0,
        }
    }
}

/// One sentence of a line.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Trimmed of surrounding whitespace; absolute offsets.
    pub range: Range<usize>,
    pub label: Label,
    /// Split from the previous sentence at a script change with no
    /// punctuation (machine translation glued them).
    pub glued: bool,
    /// CJK letters weigh at least as much as Latin ones: untranslated.
    pub cjk_dominant: bool,
    pub runs: Vec<Run>,
}

impl Sentence {
    pub(crate) fn han(&self) -> usize {
        self.runs.iter().map(|r| r.han).sum()
    }

    pub(crate) fn has_cjk(&self) -> bool {
        self.runs.iter().any(|r| r.cjk_bytes > 0)
    }
}

/// Segmenter settings.
#[derive(Debug, Clone, Default)]
pub(crate) struct SegmentOptions {
    /// CJK characters treated as neutral punctuation (allowed under drop).
    pub allow: Vec<char>,
}

pub(crate) use crate::text::script::{class, is_cjk_letter, is_han, Class};

/// The first index at or after `i` whose byte is `0xE3` or above (a
/// possible CJK lead byte), or `b.len()`.
#[inline]
fn skip_below_e3(b: &[u8], i: usize) -> usize {
    crate::text::scan::find_byte(b, i, |x| x >= 0xe3)
}

/// Does `line` hold a CJK letter?
#[cfg(test)]
pub(crate) fn has_cjk_letter(line: &str) -> bool {
    next_cjk_line(line, 0).is_some()
}

/// The first line (its range, without the newline) at or after `pos` (the
/// start of a line) that holds a CJK letter.
pub(crate) fn next_cjk_line(text: &str, pos: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut i = pos;
    while i < b.len() {
        if b[i] < 0xe3 {
            i = skip_below_e3(b, i);
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_cjk_letter(c) {
            let start = memchr::memrchr(b'\n', &b[pos..i]).map_or(pos, |j| pos + j + 1);
            let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |j| i + j);
            return Some(start..end);
        }
        i += c.len_utf8();
    }
    None
}

/// Split `view` (a line starting at absolute offset `base`, with markers
/// blanked out, same length) into labelled sentences.
pub(crate) fn segment_line(view: &str, base: usize, opts: &SegmentOptions) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut breaks = Vec::new();
    sentence_breaks(view, &mut breaks);
    let mut i = 0;
    for end in breaks.into_iter().chain(std::iter::once(view.len())) {
        let s = &view[i..end];
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        let start = base + i + lead;
        i = end;
        if trimmed.is_empty() {
            continue;
        }
        let runs = runs(trimmed, start, opts);
        split_glued(runs, trimmed, start, &mut out);
    }
    out
}

/// Where the sentences of `s` after the first start: exactly the
/// boundaries of `unicode_segmentation`'s `split_sentence_bound_indices`
/// (UAX #29 as that crate implements it), without its start and end.
/// Replaces `out`'s contents.
pub(crate) fn sentence_breaks(s: &str, out: &mut Vec<usize>) {
    out.clear();
    if !fast_sentence_breaks(s, out) {
        out.clear();
        out.extend(s.split_sentence_bound_indices().skip(1).map(|(i, _)| i));
    }
}

/// `Sentence_Break` values (UAX #29), as `unicode_segmentation` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SCat {
    ATerm,
    Any,
    CR,
    Close,
    Extend,
    Format,
    LF,
    Lower,
    Numeric,
    OLetter,
    SContinue,
    STerm,
    Sep,
    Sp,
    Upper,
}

/// `Sentence_Break` of the ASCII characters.
const ASCII_SCAT: [SCat; 128] = {
    let mut t = [SCat::Any; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = match c {
            b'\t' | 0x0b | 0x0c | b' ' => SCat::Sp,
            b'\n' => SCat::LF,
            b'\r' => SCat::CR,
            b'!' | b'?' => SCat::STerm,
            b'.' => SCat::ATerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => SCat::Close,
            b',' | b'-' | b':' | b';' => SCat::SContinue,
            b'0'..=b'9' => SCat::Numeric,
            b'A'..=b'Z' => SCat::Upper,
            b'a'..=b'z' => SCat::Lower,
            _ => SCat::Any,
        };
        i += 1;
    }
    t
};

/// `Sentence_Break` of `c`, for the blocks this pass meets (ASCII, Latin
/// letters up to U+02FF, combining marks, general punctuation, CJK symbols,
/// kana, Han, Hangul syllables, half- and full-width forms); `None` for
/// the rest (the caller falls back to `unicode_segmentation`). The tests
/// check every character this answers for against `unicode_segmentation`.
fn scat(c: char) -> Option<SCat> {
    use SCat::*;
    let u = c as u32;
    Some(match u {
        0..=0x7f => ASCII_SCAT[u as usize],
        0x80..=0x2ff => match u {
            0x85 => Sep,
            0xa0 => Sp,
            0xab | 0xbb => Close,
            0xad => Format,
            // Titlecase digraphs (`ǅ`) count as upper case.
            0x1c5 | 0x1c8 | 0x1cb | 0x1f2 => Upper,
            _ if c.is_uppercase() => Upper,
            _ if c.is_lowercase() => Lower,
            _ if c.is_alphabetic() => OLetter,
            _ => Any,
        },
        0x300..=0x36f => Extend,
        0x2000..=0x206f => match u {
            0x2000..=0x200a | 0x202f | 0x205f => Sp,
            0x200b | 0x200e | 0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f => Format,
            0x200c | 0x200d => Extend,
            0x2013 | 0x2014 => SContinue,
            0x2018..=0x201f | 0x2039 | 0x203a | 0x2045 | 0x2046 => Close,
            0x2024 => ATerm,
            0x2028 | 0x2029 => Sep,
            0x203c | 0x203d | 0x2047..=0x2049 => STerm,
            _ => Any,
        },
        0x3000..=0x30ff => match u {
            0x3000 => Sp,
            0x3001 => SContinue,
            0x3002 => STerm,
            0x3008..=0x3011 | 0x3014..=0x301b | 0x301d..=0x301f => Close,
            0x302a..=0x302f | 0x3099 | 0x309a => Extend,
            0x3005..=0x3007
            | 0x3021..=0x3029
            | 0x3031..=0x3035
            | 0x3038..=0x303c
            | 0x3041..=0x3096
            | 0x309d..=0x309f
            | 0x30a1..=0x30fa
            | 0x30fc..=0x30ff => OLetter,
            _ => Any,
        },
        0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7a3 => OLetter,
        0x4dc0..=0x4dff => Any,
        0xff00..=0xffff => match u {
            0xff01 | 0xff1f | 0xff61 => STerm,
            0xff0e => ATerm,
            0xff08 | 0xff09 | 0xff3b | 0xff3d | 0xff5b | 0xff5d | 0xff5f | 0xff60 | 0xff62 | 0xff63 => Close,
            0xff0c | 0xff0d | 0xff1a | 0xff1b | 0xff64 => SContinue,
            0xff10..=0xff19 => Numeric,
            0xff21..=0xff3a => Upper,
            0xff41..=0xff5a => Lower,
            0xff9e | 0xff9f => Extend,
            0xff66..=0xff9d | 0xffa0..=0xffbe | 0xffc2..=0xffc7 | 0xffca..=0xffcf | 0xffd2..=0xffd7 | 0xffda..=0xffdc => {
                OLetter
            }
            0xfff9..=0xfffb => Format,
            _ => Any,
        },
        _ => return None,
    })
}

/// What the sentence-break state machine remembers of a character
/// (`unicode_segmentation`'s `StatePart`; `Eot` is never needed here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    CR,
    LF,
    Sep,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

impl Part {
    fn of(cat: SCat) -> Part {
        match cat {
            SCat::CR => Part::CR,
            SCat::LF => Part::LF,
            SCat::Sep => Part::Sep,
            SCat::ATerm => Part::ATerm,
            SCat::Upper | SCat::Lower => Part::UpperLower,
            SCat::Close => Part::ClosePlus,
            SCat::Sp => Part::SpPlus,
            SCat::STerm => Part::STerm,
            _ => Part::Other,
        }
    }

    fn is_term(self) -> bool {
        matches!(self, Part::STerm | Part::ATerm)
    }
}

/// The last four parts, newest last (runs of `Close` and of `Sp` collapse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SbState([Part; 4]);

impl SbState {
    fn next(self, cat: SCat) -> SbState {
        let p = self.0;
        match (p[3], cat) {
            (Part::ClosePlus, SCat::Close) | (Part::SpPlus, SCat::Sp) => self,
            _ => SbState([p[1], p[2], p[3], Part::of(cat)]),
        }
    }

    /// SB8a's left side: `SATerm Close* Sp*` (a run counts once).
    fn sb8a(self) -> bool {
        let p = self.0;
        let mut i = if p[3] == Part::SpPlus { 2 } else { 3 };
        if p[i] == Part::ClosePlus {
            i -= 1;
        }
        p[i].is_term()
    }

    /// SB9's left side: `SATerm Close*`.
    fn sb9(self) -> bool {
        let p = self.0;
        p[if p[3] == Part::ClosePlus { 2 } else { 3 }].is_term()
    }

    /// SB11's left side: `SATerm Close* Sp* ParaSep?`.
    fn sb11(self) -> bool {
        let p = self.0;
        let mut i = if matches!(p[3], Part::Sep | Part::CR | Part::LF) { 2 } else { 3 };
        if p[i] == Part::SpPlus {
            i -= 1;
        }
        if p[i] == Part::ClosePlus {
            i -= 1;
        }
        p[i].is_term()
    }

    /// SB8: `ATerm Close* Sp*` followed by `(¬(OLetter | Upper | Lower |
    /// ParaSep | SATerm))* Lower` in `ahead` (which starts with the next
    /// character). `None` for a character [`scat`] does not know.
    fn sb8(self, ahead: &str) -> Option<bool> {
        let p = self.0;
        let mut i = if p[3] == Part::SpPlus { 2 } else { 3 };
        if p[i] == Part::ClosePlus {
            i -= 1;
        }
        if p[i] != Part::ATerm {
            return Some(false);
        }
        for c in ahead.chars() {
            match scat(c)? {
                SCat::Lower => return Some(true),
                SCat::OLetter | SCat::Upper | SCat::Sep | SCat::CR | SCat::LF | SCat::STerm | SCat::ATerm => {
                    return Some(false)
                }
                _ => {}
            }
        }
        Some(false)
    }
}

/// One step of the state machine (`SentenceBreaks::next` of
/// `unicode_segmentation`, rule by rule and in its order): is there a
/// boundary before the character of class `cat` that starts `ahead`, given
/// the state `before` it? `st` is the state after it. `None` when the SB8
/// look-ahead meets a character [`scat`] does not know.
fn sb_step(before: SbState, st: &mut SbState, cat: SCat, ahead: &str) -> Option<bool> {
    use SCat::*;
    let top = before.0[3];
    *st = before.next(cat);
    if top == Part::Sot {
        return Some(true); // SB1
    }
    if cat == LF && top == Part::CR {
        return Some(false); // SB3
    }
    if matches!(top, Part::Sep | Part::CR | Part::LF) {
        return Some(true); // SB4
    }
    if matches!(cat, Extend | Format) {
        *st = before; // SB5
        return Some(false);
    }
    if cat == Numeric && top == Part::ATerm {
        return Some(false); // SB6
    }
    if cat == Upper && top == Part::ATerm && before.0[2] == Part::UpperLower {
        return Some(false); // SB7
    }
    if before.sb8(ahead)? {
        return Some(false);
    }
    if matches!(cat, SContinue | STerm | ATerm) && before.sb8a() {
        return Some(false);
    }
    if matches!(cat, Close | Sp | Sep | CR | LF) && before.sb9() {
        return Some(false);
    }
    if matches!(cat, Sp | Sep | CR | LF) && before.sb8a() {
        return Some(false); // SB10
    }
    Some(before.sb11()) // SB11, else SB998
}

// What a character does in a calm stretch (see `fast_sentence_breaks`):
// `CALM_T` for those that need the state machine (terminators, paragraph
// separators), else the newest part it leaves.
const CALM_T: u8 = 0;
const CALM_OTHER: u8 = 1;
const CALM_UPPER_LOWER: u8 = 2;
const CALM_CLOSE: u8 = 3;
const CALM_SP: u8 = 4;

/// The calm code (`CALM_*`) of each ASCII character.
const ASCII_CALM: [u8; 128] = {
    let mut t = [CALM_OTHER; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = match ASCII_SCAT[i] {
            SCat::ATerm | SCat::STerm | SCat::CR | SCat::LF | SCat::Sep => CALM_T,
            SCat::Upper | SCat::Lower => CALM_UPPER_LOWER,
            SCat::Close => CALM_CLOSE,
            SCat::Sp => CALM_SP,
            _ => CALM_OTHER,
        };
        i += 1;
    }
    t
};

/// [`sentence_breaks`] without the fallback: `false` when `s` holds a
/// character [`scat`] does not know.
///
/// It runs `unicode_segmentation`'s state machine, but only from a
/// terminator (`SATerm`) or paragraph separator until the newest part is
/// `Other` or `UpperLower` again ("calm"). In a calm state no rule can
/// break before a character that is not a terminator or separator: every
/// rule but SB1/SB4 needs an `SATerm` reachable from the newest part
/// through at most `Sep`, `Sp*` and `Close*`, and since the calm part only
/// `Close`, `Sp` and other calm parts came. So calm stretches (almost all
/// the text) are skipped, tracking only the newest part; at the next
/// terminator the state `[Other, Other, Other, newest]` acts exactly as the
/// real one: the parts below the newest are read only through such a walk
/// (which stops at the calm part, or at `Other`) or by SB7 right after the
/// terminator (which reads the newest part).
pub(crate) fn fast_sentence_breaks(s: &str, out: &mut Vec<usize>) -> bool {
    let b = s.as_bytes();
    let mut st = SbState([Part::Sot; 4]);
    let mut i = 0;
    loop {
        // The state machine, until calm.
        while i < b.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            let Some(cat) = scat(c) else { return false };
            let before = st;
            match sb_step(before, &mut st, cat, &s[i..]) {
                None => return false,
                Some(true) if i > 0 => out.push(i),
                Some(_) => {}
            }
            i += c.len_utf8();
            if matches!(st.0[3], Part::Other | Part::UpperLower) {
                break;
            }
        }
        // Calm: skip to the next terminator or separator.
        let mut newest = match st.0[3] {
            Part::UpperLower => CALM_UPPER_LOWER,
            _ => CALM_OTHER,
        };
        loop {
            let Some(&x) = b.get(i) else { return true };
            if x < 0x80 {
                let k = ASCII_CALM[x as usize];
                if k == CALM_T {
                    break;
                }
                newest = k;
                i += 1;
            } else if (0xe4..=0xe9).contains(&x) {
                // U+4000..U+9FFF: Han (OLetter) and hexagram symbols (Any).
                newest = CALM_OTHER;
                i += 3;
            } else {
                let c = s[i..].chars().next().unwrap_or(' ');
                match scat(c) {
                    None => return false,
                    Some(SCat::ATerm | SCat::STerm | SCat::CR | SCat::LF | SCat::Sep) => break,
                    Some(SCat::Extend | SCat::Format) => {}
                    Some(SCat::Upper | SCat::Lower) => newest = CALM_UPPER_LOWER,
                    Some(SCat::Close) => newest = CALM_CLOSE,
                    Some(SCat::Sp) => newest = CALM_SP,
                    Some(_) => newest = CALM_OTHER,
                }
                i += c.len_utf8();
            }
        }
        let newest = match newest {
            CALM_UPPER_LOWER => Part::UpperLower,
            CALM_CLOSE => Part::ClosePlus,
            CALM_SP => Part::SpPlus,
            _ => Part::Other,
        };
        st = SbState([Part::Other, Part::Other, Part::Other, newest]);
    }
}

/// CJK letters closer than this (bytes) share a window.
const WINDOW_GAP: usize = 240;

/// The parts of `line` worth segmenting (relative ranges, sorted, disjoint):
/// around each cluster of CJK letters, from the start of the sentence
/// before it to the end of the sentence after it. Segmenting costs time per
/// character; the rest of a long English paragraph is skipped.
pub(crate) fn windows(line: &str) -> Vec<Range<usize>> {
    let b = line.as_bytes();
    let mut zones: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] >= 0xe3 {
            let c = line[i..].chars().next().unwrap_or(' ');
            let end = i + c.len_utf8();
            if is_cjk_letter(c) {
                match zones.last_mut() {
                    Some(z) if i < z.end + WINDOW_GAP => z.end = end,
                    _ => zones.push(i..end),
                }
            }
            i = end;
        } else {
            i = skip_below_e3(b, i);
        }
    }
    let mut out: Vec<Range<usize>> = Vec::with_capacity(zones.len());
    for z in zones {
        let w = sentence_start_before(line, z.start, 2)..sentence_end_after(line, z.end, 2);
        match out.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => out.push(w),
        }
    }
    out
}

/// Can byte `b` end the text before a sentence boundary: the last byte of
/// a terminator or closing mark (`.!?"')`, `。！？”’）」』`)?
const ENDS_TERM: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = [b'.', b'!', b'?', b'"', b'\'', b')', 0x81, 0x82, 0x89, 0x8d, 0x8f, 0x99, 0x9d, 0x9f];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Is there a likely sentence boundary at byte `i` of `line` (after a
/// terminator)? `。！？` always end a sentence; `.!?` when a space follows.
fn boundary_at(line: &str, i: usize) -> bool {
    let b = line.as_bytes();
    // Quick reject: a boundary needs a terminator or a closing mark just
    // before `i`: `.!?"')` or `。！？”’）」』` (whose last UTF-8 bytes are
    // 82 81 9F 9D 99 89 8D 8F).
    if i == 0 || !ENDS_TERM[usize::from(b[i - 1])] {
        return false;
    }
    if b[i - 1] >= 0x80
        && !(i >= 3
            && matches!(
                b[i - 3..i],
                [0xe3, 0x80, 0x82 | 0x8d | 0x8f] | [0xef, 0xbc, 0x81 | 0x9f | 0x89] | [0xe2, 0x80, 0x9d | 0x99]
            ))
    {
        return false;
    }
    if line[i..].starts_with(['"', '\'', '”', '’', ')', '）', '」', '』']) {
        return false;
    }
    let before = line[..i].trim_end_matches(['"', '\'', '”', '’', ')', '）', '」', '』']);
    match before.chars().next_back() {
        Some('。' | '！' | '？') => true,
        Some('.' | '!' | '?') => line.as_bytes().get(i).is_some_and(|&c| c == b' ' || c == b'\t'),
        _ => false,
    }
}

/// Start of the `k`-th sentence boundary at or before `p` (0 if none).
/// (A boundary follows a whole terminator or closing mark, so always
/// falls on a character boundary.)
fn sentence_start_before(line: &str, p: usize, k: usize) -> usize {
    let b = line.as_bytes();
    let mut seen = 0;
    // `j` is the byte before the candidate `j + 1`.
    let mut j = p;
    while j > 0 {
        j -= 1;
        if ENDS_TERM[usize::from(b[j])] && boundary_at(line, j + 1) {
            seen += 1;
            if seen == k {
                return j + 1;
            }
        }
    }
    0
}

/// End of the `k`-th sentence boundary at or after `p` (the line end if
/// none; a boundary at the line end itself does not count).
fn sentence_end_after(line: &str, p: usize, k: usize) -> usize {
    let b = line.as_bytes();
    let mut seen = 0;
    // `j` is the byte before the candidate `j + 1`.
    let mut j = p.saturating_sub(1);
    while j + 1 < b.len() {
        if ENDS_TERM[usize::from(b[j])] && j + 1 >= p && boundary_at(line, j + 1) {
            seen += 1;
            if seen == k {
                return j + 1;
            }
        }
        j += 1;
    }
    line.len()
}

/// Script runs of one sentence `s` starting at absolute offset `start`.
fn runs(s: &str, start: usize, opts: &SegmentOptions) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    // A digit sequence not yet followed by a letter: (its start, core end of
    // the current run before it).
    let mut digits: Option<(usize, usize)> = None;
    let mut prev_latin = false;
    let b = s.as_bytes();
    // Han characters may take the fast path below unless some are allowed.
    let han_fast = !opts.allow.iter().any(|&c| is_han(c));
    let ascii_fast = !opts.allow.iter().any(char::is_ascii);
    let mut i = 0;
    while i < b.len() {
        // Fast path: a stretch of Han characters (U+3400..U+9FFF but the
        // hexagrams U+4DC0..U+4DFF) extending a CJK run.
        if han_fast && runs.last().is_some_and(|r| r.kind == RunKind::Cjk) {
            let mut j = i;
            while j + 3 <= b.len() && matches!((b[j], b[j + 1]), (0xe5..=0xe9, _) | (0xe4, 0x80..=0xb6 | 0xb8..) | (0xe3, 0x90..)) {
                j += 3;
            }
            if j > i {
                let r = runs.last_mut().unwrap();
                r.han += (j - i) / 3;
                r.cjk_bytes += j - i;
                r.range.end = start + j;
                r.core_end = start + j;
                digits = None;
                prev_latin = false;
                i = j;
                continue;
            }
        }
        // Fast path: ASCII extending a Latin run (letters stay in it;
        // digits and punctuation join it), as the general step below does.
        if ascii_fast && b[i] < 0x80 && runs.last().is_some_and(|r| r.kind == RunKind::Latin) {
            let r = runs.last_mut().unwrap();
            let mut j = i;
            while let Some(&x) = b.get(j).filter(|&&x| x < 0x80) {
                let at = start + j;
                if x.is_ascii_alphabetic() {
                    // `Node.js`, `ASP.NET`: letters after a dot inside a
                    // token continue its word.
                    let dotted = j >= 2 && b[j - 1] == b'.' && b[j - 2].is_ascii_alphanumeric();
                    if !prev_latin && !dotted {
                        if r.words == 0 {
                            r.upper_start = x.is_ascii_uppercase();
                        }
                        r.upper_end = x.is_ascii_uppercase();
                        r.lower_words += usize::from(x.is_ascii_lowercase());
                        r.words += 1;
                    }
                    // The rest of the word.
                    let mut k = j + 1;
                    while k < b.len() && b[k].is_ascii_alphabetic() {
                        k += 1;
                    }
                    r.latin_bytes += k - j;
                    r.core_end = start + k;
                    digits = None;
                    prev_latin = true;
                    j = k;
                    continue;
                } else if x.is_ascii_digit() {
                    if digits.is_none() {
                        digits = Some((at, r.core_end));
                    }
                    r.core_end = at + 1;
                    prev_latin = false;
                } else {
                    if !(digits.is_some() && matches!(x, b'.' | b',' | b'-' | b'/' | b':')) {
                        digits = None;
                    }
                    prev_latin = false;
                }
                j += 1;
            }
            r.range.end = start + j;
            i = j;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        let at = start + i;
        i += c.len_utf8();
        let end = start + i;
        let mut cls = class(c);
        if cls != Class::Neutral && cls != Class::Digit && opts.allow.contains(&c) {
            cls = Class::Neutral;
        }
        let kind = match cls {
            Class::Han | Class::KanaHangul => Some(RunKind::Cjk),
            Class::Latin | Class::OtherLetter => Some(RunKind::Latin),
            _ => None,
        };
        match kind {
            Some(kind) => {
                let same = runs.last().is_some_and(|r| r.kind == kind);
                if !same {
                    let mut run_start = if runs.is_empty() { start } else { at };
                    if let (Some((d, core_before)), Some(last)) = (digits, runs.last_mut()) {
                        // The digits touching this letter belong to its run.
                        if d > last.range.start {
                            last.range.end = d;
                            last.core_end = core_before.min(d);
                            run_start = d;
                        }
                    }
                    if let Some(last) = runs.last_mut() {
                        last.range.end = run_start;
                    }
                    runs.push(Run::new(kind, run_start));
                }
                let r = runs.last_mut().unwrap();
                match cls {
                    Class::Han => {
                        r.han += 1;
                        r.cjk_bytes += c.len_utf8();
                    }
                    Class::KanaHangul => {
                        r.kana_hangul += 1;
                        r.cjk_bytes += c.len_utf8();
                    }
                    Class::Latin => {
                        let k = at - start;
                        let dotted = c.is_ascii_alphabetic() && k >= 2 && b[k - 1] == b'.' && b[k - 2].is_ascii_alphanumeric();
                        if !prev_latin && !dotted {
                            if r.words == 0 {
                                r.upper_start = c.is_uppercase();
                            }
                            r.upper_end = c.is_uppercase();
                            r.lower_words += usize::from(c.is_lowercase());
                            r.words += 1;
                        }
                        r.latin_bytes += c.len_utf8();
                    }
                    _ => r.other_bytes += c.len_utf8(),
                }
                r.range.end = end;
                r.core_end = end;
                digits = None;
            }
            None => {
                if runs.is_empty() {
                    // Leading digits and punctuation: the first run starts here.
                    if cls == Class::Digit && digits.is_none() {
                        digits = Some((at, at));
                    }
                    prev_latin = false;
                    continue;
                }
                let r = runs.last_mut().unwrap();
                if cls == Class::Digit {
                    if digits.is_none() {
                        digits = Some((at, r.core_end));
                    }
                } else if !(digits.is_some() && matches!(c, '.' | ',' | '-' | '/' | ':')) {
                    // A number (`3.5`, `2024-06-03`) stays one token.
                    digits = None;
                }
                r.range.end = end;
                if matches!(cls, Class::Digit | Class::CjkPunct) {
                    r.core_end = end;
                }
            }
        }
        prev_latin = cls == Class::Latin;
    }
    if let Some(first) = runs.first_mut() {
        first.range.start = start;
    }
    if let Some(last) = runs.last_mut() {
        last.range.end = start + s.len();
    }
    runs
}

#[derive(Default)]
struct Weights {
    cjk: usize,
    latin: usize,
    other: usize,
    han: usize,
    kana_hangul: usize,
}

fn weigh(runs: &[Run]) -> Weights {
    let mut w = Weights::default();
    for r in runs {
        w.cjk += r.cjk_bytes;
        w.latin += r.latin_bytes;
        w.other += r.other_bytes;
        w.han += r.han;
        w.kana_hangul += r.kana_hangul;
    }
    w
}

/// CJK letters weigh (in UTF-8 bytes) at least as much as the others, and
/// no Latin run is a clause of its own (a name is short; five or more words
/// make the sentence English with a CJK fragment).
fn cjk_dominant(runs: &[Run]) -> bool {
    let w = weigh(runs);
    w.cjk > 0
        && w.cjk >= w.latin + w.other
        && !runs.iter().any(|r| r.kind == RunKind::Latin && r.words >= MAX_NAME_WORDS)
}

/// Does `run`'s text end with a comma-like mark (`,`, `;`, `、`, ...) or an
/// opening bracket or quote? Then what follows continues the clause: not a
/// glued sentence boundary.
fn ends_with_clause_mark(s: &str, start: usize, run: &Run) -> bool {
    let t = s[run.range.start - start..run.range.end - start].trim_end();
    t.ends_with([',', ';', '，', '；', '、', '(', '（', '"', '“', '‘', '《', '「', '[', '【'])
}

/// Fewest Latin words for a clause to count as an English sentence glued to
/// a Chinese one.
const GLUE_MIN_WORDS: usize = 3;
/// Latin words that make a run a clause rather than a name.
const MAX_NAME_WORDS: usize = 5;
/// Fewest CJK characters on the Chinese side of a glued boundary.
const GLUE_MIN_CJK: usize = 6;

/// Split a sentence (`s`, at absolute offset `start`) at glued
/// English/Chinese boundaries and push the labelled parts.
fn split_glued(mut runs: Vec<Run>, s: &str, start: usize, out: &mut Vec<Sentence>) {
    let n = runs.len();
    let cjk_chars = |r: &Run| r.han + r.kana_hangul;
    // English clause, then Chinese: `…in the new era10年辛苦不寻常，…。`
    let head = n >= 2
        && runs[0].kind == RunKind::Latin
        && runs[0].words >= GLUE_MIN_WORDS
        && !runs[0].upper_end
        && cjk_chars(&runs[1]) >= GLUE_MIN_CJK
        && !ends_with_clause_mark(s, start, &runs[0])
        && cjk_dominant(&runs[1..]);
    let from = usize::from(head);
    // Chinese, then an English clause to the end: `…审议The meeting was…`
    let tail = n >= from + 2
        && runs[n - 1].kind == RunKind::Latin
        && runs[n - 1].words >= GLUE_MIN_WORDS
        && runs[n - 1].upper_start
        && runs[n - 1].lower_words > 0
        && cjk_chars(&runs[n - 2]) >= GLUE_MIN_CJK
        && !ends_with_clause_mark(s, start, &runs[n - 2])
        && !(runs[from].kind == RunKind::Latin && runs[from].words >= GLUE_MIN_WORDS)
        && cjk_dominant(&runs[from..n - 1]);
    let tail_runs = if tail { runs.split_off(n - 1) } else { Vec::new() };
    let body = if head { runs.split_off(1) } else { std::mem::take(&mut runs) };
    let push = |part: Vec<Run>, glued: bool, out: &mut Vec<Sentence>| {
        let (a, b) = match (part.first(), part.last()) {
            (Some(f), Some(l)) => (f.range.start, l.range.end),
            _ => (start, start + s.len()),
        };
        let piece = &s[a - start..b - start];
        let lead = piece.len() - piece.trim_start().len();
        let range = a + lead..a + piece.trim_end().len();
        out.push(label(part, range, glued));
    };
    if head {
        push(runs, false, out);
    }
    push(body, head, out);
    if tail {
        push(tail_runs, true, out);
    }
}

fn label(runs: Vec<Run>, range: Range<usize>, glued: bool) -> Sentence {
    let w = weigh(&runs);
    let cjk_dominant = cjk_dominant(&runs);
    let label = if w.cjk == 0 {
        if w.latin == 0 && w.other == 0 {
            Label::Neutral
        } else if w.other > w.latin {
            Label::Other
        } else {
            Label::English
        }
    } else if cjk_dominant {
        // Japanese writes kana in most sentences, Korean is Hangul.
        if w.kana_hangul * 5 > w.han + w.kana_hangul {
            Label::Other
        } else if w.latin + w.other == 0 {
            Label::Chinese
        } else {
            Label::Mixed
        }
    } else {
        Label::English
    };
    Sentence { range, label, glued, cjk_dominant, runs }
}
