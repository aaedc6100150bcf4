//! Large documents cleaned in blocks (issues 17 and 18).
//!
//! The pipeline holds, besides the text, a few dozen bytes for every edit
//! it makes (the pass's edit list, the composites, the changed spans): on
//! edit-dense text (`。a` repeated, one edit every four bytes) that is about
//! forty times the text. A document longer than [`SPLIT_ABOVE`] (32 MiB) is
//! therefore cut into blocks of about [`BLOCK_BYTES`] (8 MiB), at line
//! breaks where it has them ([`cut`]; the whitespace at a cut is written as
//! it is, in neither block, so no block has whitespace at an edge that a
//! pass would trim as at a document's), and each block is cleaned as a
//! document of its own; the outputs are concatenated and the reports joined, their edits
//! moved to the block's place in the whole (so a report still replays
//! exactly). Memory then grows with the block, not the document, and the
//! CLI writes each block's text as soon as it is clean.
//!
//! The trade-off: what the passes weigh over a whole document (language
//! statistics, recurring boilerplate lines, the article header found at
//! the top) is weighed per block. The report's `language` sums the blocks'
//! counts and averages their shares by block size, `metadata` keeps the
//! first value found for each key, `warnings` list each distinct warning
//! once. Documents up to 32 MiB (nearly all) are one block, cleaned exactly
//! as before.

use crate::report::{Report, ReportEdit};
use serde_json::Value;

/// Documents longer than this many bytes are cleaned in blocks.
pub const SPLIT_ABOVE: usize = 32 << 20;

/// The most bytes of one block (when a document is split).
pub const BLOCK_BYTES: usize = 8 << 20;

/// Where the block of `text` that starts at `start` ends, and where the next
/// one starts: `(text.len(), text.len())` when the rest fits in `size`
/// bytes, else a cut in the second half of the next `size` bytes. The
/// whitespace between the two blocks (`end..next`) belongs to neither: it is
/// written as it is, so no block begins or ends with whitespace a pass would
/// trim there as at the edge of a document. By preference the cut is at a
/// line break or blank line between lines of prose (three of 80 bytes or
/// more on each side: not near short lines a pass would take for a
/// document's header or footer), then at any line break, at a space (in one huge line), after a `。` or `，` (nothing
/// between the blocks then), and at worst at a character boundary. The
/// block is never empty and both ends are character boundaries.
pub fn cut(text: &str, start: usize, size: usize) -> (usize, usize) {
    let size = size.max(16);
    if text.len() - start <= size {
        return (text.len(), text.len());
    }
    let b = text.as_bytes();
    let hi = text.floor_char_boundary(start + size);
    let lo = text.ceil_char_boundary(start + size / 2).min(hi);
    // The whitespace run around `p`, `(s, e)`; for a run with line breaks,
    // from its first to its last: spaces ending a line stay with the block
    // before (trimmed there as at any line end), indentation with the block
    // after (trimmed as at any line start).
    let run = |p: usize| {
        let mut s = p;
        while s > start && b[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        let mut e = p + 1;
        while e < b.len() && b[e].is_ascii_whitespace() {
            e += 1;
        }
        if let (Some(first), Some(last)) = (memchr::memchr(b'\n', &b[s..e]), memchr::memrchr(b'\n', &b[s..e])) {
            if s + first > start {
                return (s + first, s + last + 1);
            }
        }
        (s, e)
    };
    // Three lines of prose on each side (a header or footer a pass finds at
    // the edge of a document is short lines), and between them one line
    // break or one blank line (more, a pass would make one).
    const PROSE: usize = 80;
    let prose_before = |mut s: usize| {
        for _ in 0..3 {
            let from = memchr::memrchr(b'\n', &b[start..s]).map_or(start, |k| start + k + 1);
            if s - from < PROSE || from == start {
                return false;
            }
            s = from - 1;
            if s > start && b[s - 1] == b'\n' {
                s -= 1;
            }
        }
        true
    };
    let prose_after = |mut e: usize| {
        for _ in 0..3 {
            let to = memchr::memchr(b'\n', &b[e..]).map_or(b.len(), |k| e + k);
            if to - e < PROSE || to == b.len() {
                return false;
            }
            e = to + 1;
            if b.get(e) == Some(&b'\n') {
                e += 1;
            }
        }
        true
    };
    let mut any_line: Option<(usize, usize)> = None;
    let mut i = hi;
    while let Some(k) = memchr::memrchr(b'\n', &b[lo..i]) {
        let (s, e) = run(lo + k);
        if s > start {
            if matches!(&b[s..e], b"\n" | b"\n\n") && prose_before(s) && prose_after(e) {
                return (s, e);
            }
            any_line.get_or_insert((s, e));
        }
        i = s.max(lo);
    }
    if let Some(c) = any_line {
        return c;
    }
    // One long line: at a space.
    if let Some(k) = memchr::memrchr(b' ', &b[lo..hi]) {
        let (s, e) = run(lo + k);
        if s > start {
            return (s, e);
        }
    }
    // After `。` or `，` (E3 80 82, EF BC 8C): a block starting with one
    // would keep it (nothing before it to read it by), one ending with
    // it converts it as at the end of a sentence.
    let mut i = hi - lo;
    while let Some(k) = memchr::memrchr2(0xE3, 0xEF, &b[lo..lo + i]) {
        let at = lo + k;
        if at + 3 <= hi && (b[at..].starts_with("。".as_bytes()) || b[at..].starts_with("，".as_bytes())) {
            return (at + 3, at + 3);
        }
        i = k;
    }
    (hi, hi)
}

/// Where a block starts in the whole document: its byte offset in the
/// input and in the output, and its line and column (the column counts
/// the characters of its first line before it, 0 at a line start).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct At {
    pub input: usize,
    pub output: usize,
    pub lines: usize,
    pub column: usize,
}

impl At {
    /// Past `block` (of the input) whose output was `out_len` bytes.
    pub fn advance(&mut self, block: &str, out_len: usize) {
        let b = block.as_bytes();
        match memchr::memrchr(b'\n', b) {
            Some(last) => {
                self.lines += memchr::memchr_iter(b'\n', b).count();
                self.column = block[last + 1..].chars().count();
            }
            None => self.column += block.chars().count(),
        }
        self.input += block.len();
        self.output += out_len;
    }

    fn edit(&self, e: &mut ReportEdit) {
        e.start += self.input;
        e.end += self.input;
        if e.line == 1 {
            e.column += self.column;
        }
        e.line += self.lines;
    }
}

/// Join the report of a block at `at` onto `into`, the report of the blocks
/// before it. Hashes and byte counts are the caller's.
pub(crate) fn join(into: &mut Report, mut block: Report, at: &At, input_before: usize) {
    for e in block.edits.iter_mut().chain(block.suggestions.iter_mut()) {
        at.edit(e);
    }
    for s in &mut block.skipped {
        // Against the text the pass saw: moved by the block's input offset.
        s.start += at.input;
        s.end += at.input;
    }
    into.edits.append(&mut block.edits);
    into.suggestions.append(&mut block.suggestions);
    into.skipped.append(&mut block.skipped);
    for (code, n) in block.counts {
        *into.counts.entry(code).or_default() += n;
    }
    for (k, v) in block.metadata {
        into.metadata.entry(k).or_insert(v);
    }
    for w in block.warnings {
        if !into.warnings.contains(&w) {
            into.warnings.push(w);
        }
    }
    match (&mut into.language, block.language) {
        (Some(a), Some(b)) => join_stats(a, b, input_before, block.input_bytes),
        (a @ None, b) => *a = b,
        _ => {}
    }
}

/// Language statistics of two spans of `wa` and `wb` bytes: counts summed,
/// shares averaged by size, anything else (the language guess) kept from
/// the first.
fn join_stats(a: &mut Value, b: Value, wa: usize, wb: usize) {
    let (Value::Object(a), Value::Object(b)) = (a, b) else {
        return;
    };
    for (k, vb) in b {
        let Some(va) = a.get_mut(&k) else {
            a.insert(k, vb);
            continue;
        };
        match (&*va, &vb) {
            (Value::Number(x), Value::Number(y)) => {
                if let (Some(x), Some(y)) = (x.as_u64(), y.as_u64()) {
                    *va = Value::from(x.saturating_add(y));
                } else if let (Some(x), Some(y)) = (x.as_f64(), y.as_f64()) {
                    let w = (wa + wb).max(1) as f64;
                    let mean = (x * wa as f64 + y * wb as f64) / w;
                    *va = Value::from((mean * 1e4).round() / 1e4);
                }
            }
            (Value::Object(_), Value::Object(_)) if k != "guess" => join_stats(va, vb, wa, wb),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_are_char_boundaries_past_the_start() {
        let texts = ["。a".repeat(100), "word ".repeat(100), "line one\nline two\n\n".repeat(30), "é".repeat(200), "x".repeat(300), " \n".repeat(200)];
        for t in &texts {
            for size in [1, 16, 17, 40, 64, 1000] {
                let mut start = 0;
                while start < t.len() {
                    let (end, next) = cut(t, start, size);
                    assert!(end > start && end <= next && next <= t.len(), "{t:?} {size} {start} {end} {next}");
                    assert!(t.is_char_boundary(end) && t.is_char_boundary(next));
                    assert!(t[end..next].bytes().all(|c| c.is_ascii_whitespace()));
                    assert!(end - start <= size.max(16), "{size} {start} {end}");
                    start = next;
                }
            }
        }
    }

    #[test]
    fn cuts_prefer_prose_lines_then_any_line_then_a_space_then_after_a_cjk_mark() {
        let long = "word ".repeat(20);
        let paragraphs = |n: usize| vec![long.as_str(); n].join("\n\n");
        let t = format!("{long}\n\nDate\n\n{}\nshort", paragraphs(7));
        let (end, next) = cut(&t, 0, 700);
        assert_eq!((&t[..end], &t[end..next]), (format!("{long}\n\nDate\n\n{}", paragraphs(4)).as_str(), "\n\n"));
        let t = format!("{long}  \n \n\t{long}");
        let (end, next) = cut(&t, 0, 150);
        assert_eq!((&t[..end], &t[end..next]), (format!("{long}  ").as_str(), "\n \n"));
        let t = "aaaa\n\nbbbb\ncccc dddd eeee ffff";
        assert_eq!(cut(t, 0, 16), (10, 11));
        let t = "one two three four five six";
        assert_eq!(cut(t, 0, 16), (13, 14));
        let t = "。a".repeat(20);
        let (end, next) = cut(&t, 0, 32);
        assert!(t[..end].ends_with('。') && end == next && end > 16, "{end}");
    }
}
