//! Diffs for people: unified (files, CI), inline word emphasis (terminals),
//! and one line per edit (annotated). Diffs only render; the edit list in the
//! [`Report`] is the truth.

use super::{Report, ReportEdit};
use similar::{ChangeTag, TextDiff};
use std::borrow::Cow;
use std::fmt::Write;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD_RED: &str = "\x1b[1;4;31m";
const BOLD_GREEN: &str = "\x1b[1;4;32m";
const RESET: &str = "\x1b[0m";

/// Codes of the report edits that start on original lines `lines` (0-based, half-open).
fn codes_in(edits: &[ReportEdit], lines: std::ops::Range<usize>) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for e in edits {
        let l = e.line - 1;
        if l >= lines.start && (l < lines.end || (lines.is_empty() && l == lines.start)) {
            for c in &e.codes {
                if !codes.contains(&c.as_str()) {
                    codes.push(c);
                }
            }
        }
    }
    codes.join(" ")
}

/// A unified diff of `original` vs `fixed`, each hunk header followed by the
/// rule codes of the edits inside it. `color` adds ANSI colors with word-level
/// emphasis (a scraped paragraph is one long line: only word emphasis shows
/// what changed in it).
pub fn unified(original: &str, fixed: &str, name: &str, report: &Report, color: bool) -> String {
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(500))
        .diff_lines(original, fixed);
    let mut out = String::new();
    if diff.ratio() == 1.0 && original == fixed {
        return out;
    }
    let name = term_safe(name);
    let _ = writeln!(out, "--- {name}\n+++ {name} (rinse)");
    for group in diff.grouped_ops(2) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else { continue };
        let old = first.old_range().start..last.old_range().end;
        let new = first.new_range().start..last.new_range().end;
        let codes = codes_in(&report.edits, old.clone());
        let header = format!(
            "@@ -{},{} +{},{} @@ {}",
            old.start + 1,
            old.len(),
            new.start + 1,
            new.len(),
            codes
        );
        if color {
            let _ = writeln!(out, "{CYAN}{}{RESET}", header.trim_end());
        } else {
            let _ = writeln!(out, "{}", header.trim_end());
        }
        for op in &group {
            for change in diff.iter_inline_changes(op) {
                let (sign, base, strong) = match change.tag() {
                    ChangeTag::Delete => ("-", RED, BOLD_RED),
                    ChangeTag::Insert => ("+", GREEN, BOLD_GREEN),
                    ChangeTag::Equal => (" ", "", ""),
                };
                if color && change.tag() != ChangeTag::Equal {
                    let _ = write!(out, "{base}{sign}");
                    for (emph, value) in change.iter_strings_lossy() {
                        let value = term_safe(value.trim_end_matches('\n'));
                        if emph {
                            let _ = write!(out, "{strong}{value}{RESET}{base}");
                        } else {
                            let _ = write!(out, "{value}");
                        }
                    }
                    let _ = writeln!(out, "{RESET}");
                } else {
                    out.push_str(sign);
                    for (_, value) in change.iter_strings_lossy() {
                        out.push_str(&term_safe(&value));
                    }
                    if !out.ends_with('\n') {
                        out.push_str("\n\\ No newline at end of file\n");
                    }
                }
            }
        }
    }
    out
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
    const MAX: usize = 60;
    let mut out = String::with_capacity(s.len().min(MAX * 4) + 2);
    out.push('"');
    for (n, ch) in s.chars().enumerate() {
        if n == MAX {
            out.push('…');
            break;
        }
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{a0}' => out.push_str("\\u{a0}"),
            c if c.is_control() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}' | '\u{ad}') => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
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
        let _ = writeln!(
            out,
            "{name}:{}:{} {} {} → {}  ({}) {}",
            e.line,
            e.column,
            e.codes.join("+"),
            show(&format!("{pre}{}{post}", e.before)),
            show(&format!("{pre}{}{post}", e.after)),
            e.confidence,
            e.reasons.join("; ")
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
}
