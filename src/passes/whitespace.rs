//! Whitespace and Unicode normalization (family W).
//!
//! One forward scan over the lines: exotic spaces, zero-width characters,
//! control characters, indentation, trailing spaces, runs of spaces, blank
//! lines, CRLF; then Unicode normalization (NFC by default) of the few
//! characters that are not already normalized.

use crate::config::{Config, Normalize};
use crate::edit::{Confidence::Safe, Edit};
use crate::error::Result;
use crate::passes::{Context, Pass};
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

crate::declare_rules! { pass = "whitespace";
    /// ## What it fixes
    /// A no-break space (U+00A0) or another exotic space (U+2000–U+200A,
    /// U+202F, U+205F, U+1680) inside a line becomes a plain space.
    ///
    /// ## Example
    /// ```text
    /// the first working day of the year
    /// ```
    /// Becomes:
    /// ```text
    /// the first working day of the year
    /// ```
    ///
    /// ## Why safe
    /// Scraped HTML turns `&nbsp;` into U+00A0; in running text it only
    /// breaks search and tokenizers. Runs mixing them collapse to one space.
    W101 = ("exotic-space", Safe, true, "exotic space becomes a plain space");
    /// ## What it fixes
    /// Invisible characters: zero-width space (U+200B), word joiner (U+2060),
    /// a byte order mark inside the text (U+FEFF), soft hyphen (U+00AD).
    ///
    /// ## Why safe
    /// They carry no visible text. Zero-width joiners (U+200D, used by emoji)
    /// are kept.
    W102 = ("zero-width-character", Safe, true, "invisible character removed");
    /// ## What it fixes
    /// Spaces or tabs at the end of a line, and whitespace-only lines.
    ///
    /// ## Example
    /// ```text
    /// The meeting ended.   
    /// ```
    /// Becomes:
    /// ```text
    /// The meeting ended.
    /// ```
    ///
    /// ## Why safe
    /// Trailing whitespace is invisible in plain text.
    W103 = ("trailing-whitespace", Safe, true, "trailing whitespace removed");
    /// ## What it fixes
    /// Paragraph indentation: spaces, tabs, no-break or ideographic spaces
    /// (U+3000) at the start of a line.
    ///
    /// ## Example
    /// ```text
    ///   On February 18, the meeting was held.
    /// ```
    /// Becomes:
    /// ```text
    /// On February 18, the meeting was held.
    /// ```
    ///
    /// ## Why safe
    /// Scraped articles indent paragraphs with spaces copied from the page's
    /// layout; plain-text paragraphs are separated by blank lines instead.
    W104 = ("paragraph-indentation", Safe, true, "paragraph indentation removed");
    /// ## What it fixes
    /// A tab inside a line becomes one space.
    ///
    /// ## Example
    /// ```text
    /// Editor:	Zhang
    /// ```
    /// Becomes:
    /// ```text
    /// Editor: Zhang
    /// ```
    ///
    /// ## Why safe
    /// Tabs in scraped prose are layout leftovers, not tables.
    W105 = ("tab-in-line", Safe, true, "tab becomes a space");
    /// ## What it fixes
    /// Two or more spaces inside a line become one.
    ///
    /// ## Example
    /// ```text
    /// the  province   held
    /// ```
    /// Becomes:
    /// ```text
    /// the province held
    /// ```
    ///
    /// ## Why safe
    /// Runs of spaces come from removed markup; they carry no meaning in prose.
    W106 = ("space-run", Safe, true, "run of spaces becomes one space");
    /// ## What it fixes
    /// Two or more blank lines in a row become one blank line.
    ///
    /// ## Example
    /// ```text
    /// First paragraph.
    ///
    ///
    /// Second paragraph.
    /// ```
    /// Becomes:
    /// ```text
    /// First paragraph.
    ///
    /// Second paragraph.
    /// ```
    ///
    /// ## Why safe
    /// One blank line separates paragraphs; more is layout debris.
    W107 = ("blank-line-run", Safe, true, "extra blank lines removed");
    /// ## What it fixes
    /// CRLF (and lone CR) line endings become LF (`keep_crlf = true` keeps CRLF).
    ///
    /// ## Why safe
    /// Only the line-ending convention changes.
    W108 = ("crlf-line-ending", Safe, true, "line ending normalized to LF");
    /// ## What it fixes
    /// Blank lines at the start of the document, and more than one newline at
    /// its end.
    ///
    /// ## Why safe
    /// They are invisible; a text file ends with a single newline.
    W109 = ("document-edge-blank-lines", Safe, true, "blank lines at the document edge removed");
    /// ## What it fixes
    /// Control characters (C0 other than tab, LF and CR; DEL; C1) are removed.
    ///
    /// ## Why safe
    /// They never belong in article text; they come from broken conversions.
    W110 = ("control-character", Safe, true, "control character removed");
    /// ## What it fixes
    /// Unicode normalization: NFC by default (`normalize = "nfkc"` folds
    /// full-width Latin letters and digits too; CJK full-width punctuation is
    /// never folded here, the punctuation pass decides it by context).
    ///
    /// ## Example
    /// ```text
    /// café
    /// ```
    /// Becomes:
    /// ```text
    /// café
    /// ```
    ///
    /// ## Why safe
    /// NFC changes no visible character, only how it is encoded.
    W111 = ("unicode-normalization", Safe, true, "Unicode normalization");
}

const R_EXOTIC: &str = "exotic space becomes a plain space";
const R_TAB: &str = "tab becomes a space";
const R_RUN: &str = "run of spaces becomes one space";

/// Options of the whitespace pass (`[whitespace]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The whitespace pass.
pub struct Whitespace {
    normalize: Normalize,
    keep_crlf: bool,
}

impl Whitespace {
    /// Build the pass for `config`.
    pub fn new(config: &Config) -> Result<Self> {
        Ok(Whitespace { normalize: config.normalize, keep_crlf: config.keep_crlf })
    }
}

/// Horizontal whitespace that the pass normalizes.
fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{180e}')
}

fn is_bad_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// CJK full-width punctuation and the ideographic space: left alone by NFKC here.
fn nfkc_exempt(c: char) -> bool {
    matches!(c, '\u{3000}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}')
}

impl Pass for Whitespace {
    fn name(&self) -> &'static str {
        "whitespace"
    }

    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let mut edits = Vec::new();
        self.lines(text, &mut edits);
        self.normalize(text, &mut edits);
        edits
    }
}

impl Whitespace {
    fn lines(&self, text: &str, edits: &mut Vec<Edit>) {
        let bytes = text.as_bytes();
        let mut pos = 0;
        // Blank lines seen since the last content line: (start of first, count).
        let mut blank_run: Option<(usize, usize)> = None;
        let mut seen_content = false;
        while pos < bytes.len() {
            let nl = memchr::memchr(b'\n', &bytes[pos..]).map(|i| pos + i);
            let line_end = nl.unwrap_or(bytes.len());
            let has_cr = nl.is_some() && line_end > pos && bytes[line_end - 1] == b'\r';
            let content_end = if has_cr { line_end - 1 } else { line_end };
            let line = &text[pos..content_end];
            let next = nl.map(|n| n + 1).unwrap_or(bytes.len());
            let blank = line.chars().all(|c| is_hspace(c) || is_invisible(c));
            if blank {
                let (start, count) = blank_run.unwrap_or((pos, 0));
                blank_run = Some((start, count + 1));
                if seen_content && count == 0 {
                    // The first blank line of a run is kept (as an empty line).
                    if !line.is_empty() {
                        edits.push(Edit::deletion(pos..content_end, "W103", Safe, "whitespace-only line emptied"));
                    }
                    if has_cr && !self.keep_crlf {
                        edits.push(Edit::replacement(content_end..line_end + 1, "\n", "W108", Safe, "CRLF becomes LF"));
                    }
                }
                pos = next;
                continue;
            }
            if let Some((start, count)) = blank_run.take() {
                if !seen_content {
                    edits.push(Edit::deletion(start..pos, "W109", Safe, "blank lines at document start removed"));
                } else if count > 1 {
                    // Keep the first blank line, delete the rest.
                    let first_end = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i + 1).unwrap_or(pos);
                    edits.push(Edit::deletion(first_end..pos, "W107", Safe, "extra blank lines removed"));
                }
            }
            seen_content = true;
            self.line(text, pos, content_end, edits);
            if has_cr && !self.keep_crlf {
                edits.push(Edit::replacement(content_end..line_end + 1, "\n", "W108", Safe, "CRLF becomes LF"));
            }
            pos = next;
        }
        if let Some((start, _)) = blank_run {
            // Trailing blank lines: the last content line keeps its newline.
            let from = if seen_content { start } else { 0 };
            if from < bytes.len() {
                edits.retain(|e| e.range.start < from);
                edits.push(Edit::deletion(from..bytes.len(), "W109", Safe, "blank lines at document end removed"));
            }
        }
    }

    /// Edits inside one line `start..end` (without its line ending).
    fn line(&self, text: &str, start: usize, end: usize, edits: &mut Vec<Edit>) {
        let line = &text[start..end];
        // Fast path: plain printable ASCII with single inner spaces.
        let b = line.as_bytes();
        if b.first() != Some(&b' ')
            && b.last() != Some(&b' ')
            && !b.iter().any(|&c| c >= 0x7f || c < 0x20)
            && memchr::memmem::find(b, b"  ").is_none()
        {
            return;
        }
        let content_start = line.char_indices().find(|&(_, c)| !is_hspace(c)).map(|(i, _)| i).unwrap_or(line.len());
        let content_end = line
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_hspace(c))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(content_start);
        if content_start > 0 {
            edits.push(Edit::deletion(start..start + content_start, "W104", Safe, "paragraph indentation removed"));
        }
        if content_end < line.len() {
            edits.push(Edit::deletion(start + content_end..end, "W103", Safe, "trailing whitespace removed"));
        }
        let mut run: Option<(usize, usize, bool, bool)> = None; // (start, end, exotic, tab)
        let flush = |run: &mut Option<(usize, usize, bool, bool)>, edits: &mut Vec<Edit>| {
            if let Some((s, e, exotic, tab)) = run.take() {
                if &line[s..e] != " " {
                    let (code, reason) = if exotic {
                        ("W101", R_EXOTIC)
                    } else if tab {
                        ("W105", R_TAB)
                    } else {
                        ("W106", R_RUN)
                    };
                    edits.push(Edit::replacement(start + s..start + e, " ", code, Safe, reason));
                }
            }
        };
        for (i, c) in line[content_start..content_end].char_indices() {
            let i = i + content_start;
            if is_hspace(c) {
                let r = run.get_or_insert((i, i, false, false));
                r.1 = i + c.len_utf8();
                r.2 |= !matches!(c, ' ' | '\t');
                r.3 |= c == '\t';
                continue;
            }
            flush(&mut run, edits);
            if is_invisible(c) {
                edits.push(Edit::deletion(start + i..start + i + c.len_utf8(), "W102", Safe, "invisible character removed"));
            } else if c == '\r' {
                if !self.keep_crlf {
                    edits.push(Edit::replacement(start + i..start + i + 1, "\n", "W108", Safe, "lone CR becomes LF"));
                }
            } else if is_bad_control(c) {
                edits.push(Edit::deletion(start + i..start + i + c.len_utf8(), "W110", Safe, "control character removed"));
            }
        }
        flush(&mut run, edits);
    }

    fn normalize(&self, text: &str, edits: &mut Vec<Edit>) {
        let quick = match self.normalize {
            Normalize::None => return,
            Normalize::Nfc => is_nfc_quick(text.chars()),
            Normalize::Nfkc => is_nfkc_quick(text.chars().filter(|&c| !nfkc_exempt(c))),
        };
        if quick == IsNormalized::Yes {
            return;
        }
        // Segments: a starter followed by its combining marks.
        let mut seg_start: Option<usize> = None;
        let emit = |s: usize, e: usize, edits: &mut Vec<Edit>| {
            let seg = &text[s..e];
            if seg.is_ascii() || (seg.chars().count() == 1 && self.normalize == Normalize::Nfkc && seg.chars().all(nfkc_exempt)) {
                return;
            }
            let norm: String = match self.normalize {
                Normalize::Nfc => seg.nfc().collect(),
                _ => seg.nfkc().collect(),
            };
            if norm != seg {
                let reason = if self.normalize == Normalize::Nfc { "NFC normalization" } else { "NFKC normalization" };
                edits.push(Edit::replacement(s..e, norm, "W111", Safe, reason));
            }
        };
        for (i, c) in text.char_indices() {
            let starter = unicode_normalization::char::canonical_combining_class(c) == 0;
            if starter {
                if let Some(s) = seg_start {
                    emit(s, i, edits);
                }
                seg_start = Some(i);
            } else if seg_start.is_none() {
                seg_start = Some(i);
            }
        }
        if let Some(s) = seg_start {
            emit(s, text.len(), edits);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::passes::testing::{assert_fixes, assert_fixes_with, assert_no_edits, edit_count};

    #[test]
    fn removes_indentation_and_nbsp_from_real_line() {
        assert_fixes(
            "  On February 18, the first working day\u{a0}of the year, the meeting was held.",
            "On February 18, the first working day of the year, the meeting was held.",
        );
    }

    #[test]
    fn collapses_blank_line_runs_and_edges() {
        assert_fixes("\n\nA.\n\n\n\nB.\n\n\n", "A.\n\nB.\n");
        assert_eq!(edit_count("A.\n\n\n\nB.\n", "W107"), 1);
    }

    #[test]
    fn empties_whitespace_only_lines() {
        assert_fixes("A.\n   \nB.\n", "A.\n\nB.\n");
    }

    #[test]
    fn converts_crlf_unless_kept() {
        assert_fixes("A.\r\n\r\nB.\r\n", "A.\n\nB.\n");
        let cfg = crate::Config { keep_crlf: true, ..Default::default() };
        let out = crate::Cleaner::new(cfg).unwrap().clean("A.\r\nB.\r\n");
        assert_eq!(out.text, "A.\r\nB.\r\n");
    }

    #[test]
    fn removes_zero_width_and_controls() {
        assert_fixes("a\u{200b}b\u{7}c\u{feff}", "abc");
    }

    #[test]
    fn keeps_single_spaces_and_zwj() {
        assert_no_edits("One space only.\n");
        assert_no_edits("family 👨\u{200d}👩\u{200d}👧 emoji\n");
    }

    #[test]
    fn nfc_composes_decomposed_letters() {
        assert_fixes_with(&["W111"], "cafe\u{301} au lait", "caf\u{e9} au lait");
    }

    #[test]
    fn nfkc_keeps_cjk_fullwidth_punctuation() {
        let cfg = crate::Config { normalize: crate::Normalize::Nfkc, select: vec!["W111".into()], ..Default::default() };
        let out = crate::Cleaner::new(cfg).unwrap().clean("中文，标点：ＡＢＣ１２３（注）");
        assert_eq!(out.text, "中文，标点：ABC123（注）");
    }
}
