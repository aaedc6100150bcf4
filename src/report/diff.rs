//! Diffs for people: unified (files, CI), inline word emphasis (terminals),
//! and one line per edit (annotated). Diffs only render; the edit list in the
//! [`Report`] is the truth.

use super::{Report, ReportEdit};
use similar::TextDiff;
use std::borrow::Cow;
use std::fmt::Write;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD_RED: &str = "\x1b[1;4;31m";
const BOLD_GREEN: &str = "\x1b[1;4;32m";
const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";

/// A unified diff of `original` vs `fixed` with one hunk per paragraph
/// (lines between blank lines) that the report's edits touch, or per run of
/// paragraphs joined by an edit; each hunk header lists the rule codes of its
/// edits. Built from the edits, so it shows exactly what the report says.
/// `color` adds ANSI colors, and on every changed line emphasizes the words
/// the edits touch (a scraped paragraph is one long line: only that
/// emphasis shows what changed in it).
pub fn unified(original: &str, fixed: &str, name: &str, report: &Report, color: bool) -> String {
    let mut out = String::new();
    if original == fixed {
        return out;
    }
    let name = term_safe(name);
    let _ = writeln!(out, "--- {name}\n+++ {name} (rinse)");
    // Edits that do not replay (a report of another text) fall back to one
    // hunk over the whole text.
    let mut edits: Vec<&ReportEdit> = report.edits.iter().collect();
    edits.sort_by_key(|e| (e.start, e.end));
    if edits.is_empty() || super::apply_report_edits(original, &report.edits).ok().as_deref() != Some(fixed) {
        let whole = ReportEdit {
            start: 0,
            end: original.len(),
            line: 1,
            column: 1,
            before: original.to_string(),
            after: fixed.to_string(),
            codes: report.counts.keys().cloned().collect(),
            confidence: crate::Confidence::Review,
            reasons: Vec::new(),
            parts: None,
        };
        write_hunks(&mut out, original, &[&whole], color);
        return out;
    }
    write_hunks(&mut out, original, &edits, color);
    out
}

/// Start of each line of `text` (lines end after `\n`), then `text.len()`.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1).filter(|&i| i < text.len()));
    starts.push(text.len());
    starts
}

fn write_hunks(out: &mut String, original: &str, edits: &[&ReportEdit], color: bool) {
    let starts = line_starts(original);
    let nlines = starts.len() - 1;
    let line = |l: usize| &original[starts[l]..starts[l + 1]];
    let blank = |l: usize| l >= nlines || line(l).trim().is_empty();
    let line_of = |off: usize| starts[..nlines.max(1)].partition_point(|&s| s <= off).saturating_sub(1);
    // Hunks: line spans (inclusive) with the edits inside.
    let mut hunks: Vec<(usize, usize, Vec<&ReportEdit>)> = Vec::new();
    for &e in edits {
        let mut l0 = line_of(e.start);
        let mut l1 = if e.end > e.start { line_of(e.end - 1) } else { l0 };
        if nlines > 0 {
            while l0 > 0 && !blank(l0) && !blank(l0 - 1) {
                l0 -= 1;
            }
            while l1 + 1 < nlines && !blank(l1) && !blank(l1 + 1) {
                l1 += 1;
            }
        }
        match hunks.last_mut() {
            Some(h) if l0 <= h.1 => {
                h.1 = h.1.max(l1);
                h.2.push(e);
            }
            _ => hunks.push((l0, l1, vec![e])),
        }
    }
    // Lines gained before the current hunk.
    let mut delta: isize = 0;
    for (l0, l1, hunk_edits) in hunks {
        let (old_start, old_end) = if nlines == 0 { (0, 0) } else { (starts[l0], starts[l1 + 1]) };
        let old = &original[old_start..old_end];
        // The hunk's new text, and where each edit's parts sit in old and new.
        let mut new = String::with_capacity(old.len());
        let mut old_marks = Vec::new();
        let mut new_marks = Vec::new();
        let mut at = old_start;
        for e in &hunk_edits {
            new.push_str(&original[at..e.start]);
            new_marks.push(new.len()..new.len() + e.after.len());
            old_marks.push(e.start - old_start..e.end - old_start);
            new.push_str(&e.after);
            at = e.end;
        }
        new.push_str(&original[at..old_end]);
        let codes = {
            let mut codes: Vec<&str> = Vec::new();
            for e in &hunk_edits {
                for c in &e.codes {
                    if !codes.contains(&c.as_str()) {
                        codes.push(c);
                    }
                }
            }
            codes.join(" ")
        };
        let old_count = if nlines == 0 { 0 } else { l1 + 1 - l0 };
        let new_count = new.split_inclusive('\n').count();
        let new_l0 = (l0 as isize + delta).max(0) as usize;
        let header = format!(
            "@@ -{},{} +{},{} @@ {}",
            if old_count == 0 { l0 } else { l0 + 1 },
            old_count,
            if new_count == 0 { new_l0 } else { new_l0 + 1 },
            new_count,
            codes
        );
        delta += new_count as isize - old_count as isize;
        if color {
            let _ = writeln!(out, "{CYAN}{}{RESET}", header.trim_end());
        } else {
            let _ = writeln!(out, "{}", header.trim_end());
        }
        // Lines end at `\n` only, as the header counts them (a lone `\r`
        // stays inside its line, shown escaped).
        let old_parts: Vec<&str> = old.split_inclusive('\n').collect();
        let new_parts: Vec<&str> = new.split_inclusive('\n').collect();
        let diff = TextDiff::configure().timeout(std::time::Duration::from_millis(500)).diff_slices(&old_parts, &new_parts);
        let old_lines = line_spans(&old_parts);
        let new_lines = line_spans(&new_parts);
        for op in diff.ops() {
            let (o, n) = (op.old_range(), op.new_range());
            match op.tag() {
                similar::DiffTag::Equal => {
                    for r in &old_lines[o] {
                        write_line(out, ' ', &old[r.clone()], &[], color);
                    }
                }
                _ => {
                    for r in &old_lines[o] {
                        write_line(out, '-', &old[r.clone()], &marks_in(old, r, &old_marks), color);
                    }
                    for r in &new_lines[n] {
                        write_line(out, '+', &new[r.clone()], &marks_in(&new, r, &new_marks), color);
                    }
                }
            }
        }
    }
}

/// Byte spans of consecutive `lines` (each with its line end).
fn line_spans(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut at = 0;
    lines
        .iter()
        .map(|l| {
            at += l.len();
            at - l.len()..at
        })
        .collect()
}

/// The parts of `line` (a span of `text`) to emphasize: the edits' parts
/// inside it, widened to whole words (an inserted space emphasizes the
/// words beside it), relative to the line.
fn marks_in(text: &str, line: &std::ops::Range<usize>, marks: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let s = &text[line.clone()];
    let content_end = s.trim_end_matches(['\n', '\r']).len();
    let word = |c: char| c.is_alphanumeric();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for m in marks {
        // A mark belongs to the lines it touches; one that starts where the
        // line ends (after its `\n`) belongs to the next line, unless no
        // line follows.
        let before = m.end < line.start || m.end == line.start && !m.is_empty();
        let after = m.start > line.end || m.start == line.end && line.end < text.len();
        if before || after {
            continue;
        }
        // Both ends inside the line's content: a mark that starts on the
        // line's newline (a removal running into the next line) must not
        // slice past it.
        let mut a = (m.start.max(line.start) - line.start).min(content_end);
        let mut b = (m.end.min(line.end) - line.start).min(content_end).max(a);
        // Widen to whole words.
        while let Some(c) = s[..a].chars().next_back().filter(|&c| word(c)) {
            a -= c.len_utf8();
        }
        while let Some(c) = s[b..content_end].chars().next().filter(|&c| word(c)) {
            b += c.len_utf8();
        }
        if a == b {
            continue;
        }
        match out.last_mut() {
            Some(prev) if a <= prev.end => prev.end = prev.end.max(b),
            _ => out.push(a..b),
        }
    }
    out
}

/// One diff line: sign, text (terminal-safe), emphasis on `marks`.
fn write_line(out: &mut String, sign: char, line: &str, marks: &[std::ops::Range<usize>], color: bool) {
    let (base, strong) = match sign {
        '-' => (RED, BOLD_RED),
        '+' => (GREEN, BOLD_GREEN),
        _ => ("", ""),
    };
    let ended = line.ends_with('\n');
    let content = line.strip_suffix('\n').unwrap_or(line);
    if color && sign != ' ' {
        out.push_str(base);
        out.push(sign);
        let mut at = 0;
        for m in marks {
            out.push_str(&term_safe(&content[at..m.start]));
            let _ = write!(out, "{strong}{}{RESET}{base}", term_safe(&content[m.clone()]));
            at = m.end;
        }
        out.push_str(&term_safe(&content[at..]));
        let _ = writeln!(out, "{RESET}");
    } else {
        out.push(sign);
        out.push_str(&term_safe(content));
        out.push('\n');
    }
    if !ended {
        out.push_str("\\ No newline at end of file\n");
    }
}

/// Text for a terminal: control characters (ESC, BEL, C1, a lone CR) and
/// bidirectional overrides escaped as `\u{1b}`, like [`show`] does; tabs,
/// line feeds and a CR before a line feed stay.
pub fn term_safe(s: &str) -> Cow<'_, str> {
    let risky = |c: char| (c.is_control() && c != '\n' && c != '\t' && c != '\r') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let lone_cr = |s: &str| s.match_indices('\r').any(|(i, _)| s.as_bytes().get(i + 1) != Some(&b'\n'));
    if !s.chars().any(risky) && !lone_cr(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if risky(c) || (c == '\r' && chars.peek() != Some(&'\n')) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Show a fragment on one line: newlines and tabs escaped, long text cut.
pub fn show(s: &str) -> String {
    show_parts("", s, "", None)
}

/// Escape `s` into `out` for one line, at most `*budget` characters.
fn escape_into(out: &mut String, s: &str, budget: &mut usize) -> bool {
    for ch in s.chars() {
        if *budget == 0 {
            out.push('…');
            return false;
        }
        *budget -= 1;
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{a0}' => out.push_str("\\u{a0}"),
            c if c.is_control()
                || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}' | '\u{ad}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    true
}

/// `"pre`mid`post"` on one line (escaped, cut at 60 characters), `mid`
/// emphasized with the color `strong` (an ANSI sequence) when given.
fn show_parts(pre: &str, mid: &str, post: &str, strong: Option<&str>) -> String {
    const MAX: usize = 60;
    let mut budget = MAX;
    let mut out = String::with_capacity(pre.len() + mid.len() + post.len() + 16);
    out.push('"');
    if escape_into(&mut out, pre, &mut budget) {
        if let Some(c) = strong {
            out.push_str(c);
        }
        let more = escape_into(&mut out, mid, &mut budget);
        if strong.is_some() {
            out.push_str(RESET);
        }
        if more {
            escape_into(&mut out, post, &mut budget);
        }
    }
    out.push('"');
    out
}

/// Up to `n` characters of `text` before `at` (or after, with `forward`),
/// not crossing a line break.
fn context(text: &str, at: usize, n: usize, forward: bool) -> &str {
    if forward {
        let rest = &text[at..];
        let end = rest.char_indices().take_while(|&(_, c)| c != '\n').take(n).last().map_or(0, |(i, c)| i + c.len_utf8());
        &rest[..end]
    } else {
        let head = &text[..at];
        let start = head.char_indices().rev().take_while(|&(_, c)| c != '\n').take(n).last().map_or(at, |(i, _)| i);
        &head[start..]
    }
}

/// One line per edit: `file:line:col CODE before → after  (confidence) reason`.
/// Short edits (an inserted space, one mark) are shown with a few characters
/// of the surrounding original text, so `"s.Ma" → "s. Ma"` reads at a glance.
/// Suggestions (not applied) are listed among the edits, marked `(suggest)`.
pub fn annotated(original: &str, report: &Report, name: &str) -> String {
    annotated_color(original, report, name, false)
}

/// [`annotated`], with ANSI colors when `color`: the place in cyan, the
/// codes in bold, the removed text in red and the inserted text in green
/// (the context around them plain).
pub fn annotated_color(original: &str, report: &Report, name: &str, color: bool) -> String {
    const SHORT: usize = 3;
    const AROUND: usize = 8;
    let mut out = String::new();
    let mut all: Vec<&ReportEdit> = report.edits.iter().chain(&report.suggestions).collect();
    all.sort_by_key(|e| (e.start, e.end));
    for e in all {
        let (pre, post) = match original.get(e.start..e.end) {
            Some(_) if e.before.chars().count() <= SHORT && e.after.chars().count() <= SHORT && !e.before.contains('\n') => {
                (context(original, e.start, AROUND, false), context(original, e.end, AROUND, true))
            }
            _ => ("", ""),
        };
        let (red, green) = if color { (Some(BOLD_RED), Some(BOLD_GREEN)) } else { (None, None) };
        let place = format!("{name}:{}:{}", e.line, e.column);
        let codes = e.codes.join("+");
        let (place, codes) = if color { (format!("{CYAN}{place}{RESET}"), format!("{BOLD}{codes}{RESET}")) } else { (place, codes) };
        let _ = writeln!(
            out,
            "{place} {codes} {} → {}  ({}) {}",
            show_parts(pre, &e.before, post, red),
            show_parts(pre, &e.after, post, green),
            e.confidence,
            term_safe(&e.reasons.join("; "))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_safe_escapes_terminal_controls_only() {
        assert_eq!(term_safe("a\tb\r\n"), "a\tb\r\n");
        assert_eq!(term_safe("x\x1b]0;pwned\x07y"), "x\\u{1b}]0;pwned\\u{7}y");
        assert_eq!(term_safe("over\rwrite"), "over\\u{d}write");
        assert_eq!(term_safe("\u{9b}31m\u{202e}"), "\\u{9b}31m\\u{202e}");
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn marks_starting_on_a_newline_stay_inside_the_line() {
        // A mark that begins at the line's `\n` and runs into the next
        // line once sliced past the content and panicked.
        let text = "ab\ncd\n";
        assert_eq!(marks_in(text, &(0..3), &[3..5]), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(marks_in(text, &(0..3), &[2..5]), vec![0..2]);
        assert_eq!(marks_in(text, &(3..6), &[2..5]), vec![0..2]);
    }
}
