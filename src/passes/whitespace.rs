//! Whitespace and Unicode normalization (family W).
//!
//! One forward scan over the lines: exotic spaces, zero-width characters,
//! control characters, indentation, trailing spaces, runs of spaces, blank
//! lines, CRLF; then Unicode normalization (NFC by default) of the few
//! characters that are not already normalized.

use crate::passes::kit::Normalize;
use crate::edit::{Confidence::Safe, Edit};
use crate::error::Result;
use crate::passes::kit::{Context, Pass, Setup};
use crate::text::scan::{read_u64, BLOCK, HIGH, LOW};
use crate::text::script::is_ideograph_lead;
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
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Blank lines kept between paragraphs (at least 1; default 1): longer
    /// runs are cut to this many (rule W107).
    pub max_blank_lines: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_blank_lines: 1 }
    }
}

/// The whitespace pass.
pub struct Whitespace {
    normalize: Normalize,
    keep_crlf: bool,
    max_blank_lines: usize,
}

impl Whitespace {
    /// Build the pass for `config`.
    pub fn new(options: &Options, setup: &Setup) -> Result<Self> {
        Ok(Whitespace { normalize: setup.normalize, keep_crlf: setup.keep_crlf, max_blank_lines: options.max_blank_lines.max(1) })
    }
}

/// The run of non-blank lines starting at `pos`: where it ends, and whether
/// its indentation is structure rather than paragraph indentation (W104
/// then keeps it, and W106 the runs of spaces that align its columns).
/// Structure: two different depths of indentation (a listing, a terminal
/// session, YAML), a line indented deeper than one ending in `{ ( [ , = \`
/// (a call's arguments), or a box-drawing tree. A paragraph's first-line
/// indent, every line indented alike, a flush title over indented
/// paragraphs, or a value indented under its `Label:` is not structure,
/// nor are lines of prose indented at random (a sloppy page).
fn indent_structure(text: &str, pos: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let (mut at, mut depths, mut structural) = (pos, [0usize; 2], false);
    let (mut prev_opens, mut prev_depth) = (false, 0);
    let mut first = true;
    while at < b.len() {
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i);
        let line = text[at..end].trim_end_matches('\r');
        let content = line.trim_start_matches(is_hspace);
        if content.trim_end_matches(|c| is_hspace(c) || is_invisible(c)).is_empty() {
            break;
        }
        if !structural {
            let depth = line.len() - content.len();
            if depth > 0 {
                if !depths.contains(&depth) {
                    if depths[0] == 0 {
                        depths[0] = depth;
                    } else {
                        structural = true;
                    }
                }
                // Not the first line: deeper after an opener.
                structural |= !first && prev_opens && depth > prev_depth;
            }
            prev_depth = depth;
            structural |= content.starts_with(|c: char| ('\u{2500}'..='\u{257f}').contains(&c));
            prev_opens = content.trim_end().ends_with(['{', '(', '[', ',', '=', '\\']);
            first = false;
        }
        at = end + 1;
    }
    let end = at.min(b.len());
    // Prose among the lines: a page's sloppy indentation (looked for only
    // in a run that shows structure: reading every paragraph's words cost
    // the pass nine times its time).
    let prose = structural && text[pos..end].lines().any(|l| crate::text::code::prose(l.trim_start_matches(is_hspace)));
    (end, structural && !prose)
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
        // The run of non-blank lines the current line is in: where it ends,
        // and whether its indentation is structure (kept).
        let (mut run_end, mut structural) = (0, false);
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
                if seen_content && count < self.max_blank_lines {
                    // The first blank lines of a run are kept (as empty lines).
                    if !line.is_empty() {
                        edits.push(Edit::deletion(pos..content_end, W103, Safe, "whitespace-only line emptied"));
                    }
                    if has_cr && !self.keep_crlf {
                        edits.push(Edit::replacement(content_end..line_end + 1, "\n", W108, Safe, "CRLF becomes LF"));
                    }
                }
                pos = next;
                continue;
            }
            if let Some((start, count)) = blank_run.take() {
                if !seen_content {
                    edits.push(Edit::deletion(start..pos, W109, Safe, "blank lines at document start removed"));
                } else if count > self.max_blank_lines {
                    // Keep the first blank lines, delete the rest.
                    let kept_end = memchr::memchr_iter(b'\n', &bytes[start..pos])
                        .nth(self.max_blank_lines - 1)
                        .map_or(pos, |i| start + i + 1);
                    edits.push(Edit::deletion(kept_end..pos, W107, Safe, "extra blank lines removed"));
                }
            }
            seen_content = true;
            if pos >= run_end {
                (run_end, structural) = indent_structure(text, pos);
            }
            self.line(text, pos, content_end, structural, edits);
            if has_cr && !self.keep_crlf {
                edits.push(Edit::replacement(content_end..line_end + 1, "\n", W108, Safe, "CRLF becomes LF"));
            }
            pos = next;
        }
        if let Some((start, _)) = blank_run {
            // Trailing blank lines: the last content line keeps its newline.
            let from = if seen_content { start } else { 0 };
            if from < bytes.len() {
                edits.retain(|e| e.range.start < from);
                edits.push(Edit::deletion(from..bytes.len(), W109, Safe, "blank lines at document end removed"));
            }
        }
    }

    /// Edits inside one line `start..end` (without its line ending).
    fn line(&self, text: &str, start: usize, end: usize, keep_indent: bool, edits: &mut Vec<Edit>) {
        let line = &text[start..end];
        let b = line.as_bytes();
        let content_start = line.char_indices().find(|&(_, c)| !is_hspace(c)).map(|(i, _)| i).unwrap_or(line.len());
        let content_end = line
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_hspace(c))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(content_start);
        if content_start > 0 && !keep_indent {
            edits.push(Edit::deletion(start..start + content_start, W104, Safe, "paragraph indentation removed"));
        }
        if content_end < line.len() {
            edits.push(Edit::deletion(start + content_end..end, W103, Safe, "trailing whitespace removed"));
        }
        // Byte scan: only bytes that may start something to fix are decoded.
        let mut i = content_start;
        while i < content_end {
            if i + BLOCK < content_end && !block_is_special(&b[i..i + BLOCK + 1]) {
                i += BLOCK;
                continue;
            }
            if i + 8 <= content_end {
                let m = special_mask(read_u64(b, i));
                if m == 0 {
                    i += 7; // overlap one byte so a space pair across words is seen
                    continue;
                }
                // The first flagged byte is a real one (borrows only run upward).
                i += (m.trailing_zeros() / 8) as usize;
            }
            let byte = b[i];
            if is_ideograph_lead(byte) {
                i += 3; // CJK ideographs: never whitespace
                continue;
            }
            if !INTERESTING[byte as usize] {
                i += 1;
                continue;
            }
            if byte == b' ' && !matches!(b.get(i + 1), Some(b' ' | b'\t' | 0xC2 | 0xE1 | 0xE2 | 0xE3)) {
                i += 1;
                continue;
            }
            let c = line[i..].chars().next().unwrap_or(' ');
            if is_hspace(c) {
                let (s, mut j) = (i, i);
                let (mut exotic, mut tab) = (false, false);
                while j < content_end {
                    let c = line[j..].chars().next().unwrap_or('x');
                    if !is_hspace(c) {
                        break;
                    }
                    exotic |= !matches!(c, ' ' | '\t');
                    tab |= c == '\t';
                    j += c.len_utf8();
                }
                // A run of plain spaces in structure aligns columns.
                if &line[s..j] != " " && !(keep_indent && !exotic && !tab) {
                    let (code, reason) = if exotic {
                        (W101, R_EXOTIC)
                    } else if tab {
                        (W105, R_TAB)
                    } else {
                        (W106, R_RUN)
                    };
                    edits.push(Edit::replacement(start + s..start + j, " ", code, Safe, reason));
                }
                i = j;
                continue;
            }
            let range = start + i..start + i + c.len_utf8();
            if is_invisible(c) {
                edits.push(Edit::deletion(range, W102, Safe, "invisible character removed"));
            } else if c == '\r' {
                if !self.keep_crlf {
                    edits.push(Edit::replacement(range, "\n", W108, Safe, "lone CR becomes LF"));
                }
            } else if is_bad_control(c) {
                edits.push(Edit::deletion(range, W110, Safe, "control character removed"));
            }
            i += c.len_utf8();
        }
    }

    fn normalize(&self, text: &str, edits: &mut Vec<Edit>) {
        let nfkc = match self.normalize {
            Normalize::None => return,
            Normalize::Nfc => false,
            Normalize::Nfkc => true,
        };
        let b = text.as_bytes();
        let mut last_end = 0usize;
        let mut i = 0usize;
        while i < b.len() {
            // ASCII is always normalized.
            if i + BLOCK <= b.len() && b[i..i + BLOCK].iter().fold(0u8, |a, &c| a | c) < 0x80 {
                i += BLOCK;
                continue;
            }
            if i + 8 <= b.len() {
                let m = read_u64(b, i) & HIGH;
                if m == 0 {
                    i += 8;
                    continue;
                }
                i += (m.trailing_zeros() / 8) as usize;
            }
            // ASCII, Latin-1 and the CJK ideograph block (lead bytes E4–E9) are always normalized.
            let lead = b[i];
            if is_ideograph_lead(lead) {
                i += 3;
                continue;
            }
            if lead < 0xCC || (0x80..0xC0).contains(&lead) {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let len = c.len_utf8();
            let suspicious = if nfkc {
                !nfkc_exempt(c) && is_nfkc_quick(std::iter::once(c)) != IsNormalized::Yes
            } else {
                is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
            } || unicode_normalization::char::canonical_combining_class(c) != 0;
            if !suspicious {
                i += len;
                continue;
            }
            // The segment: back to the previous starter, on over combining marks.
            let mut s = i;
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                while let Some(p) = text[..s].chars().next_back() {
                    s -= p.len_utf8();
                    if unicode_normalization::char::canonical_combining_class(p) == 0 {
                        break;
                    }
                }
            }
            let mut e = i + len;
            while let Some(n) = text[e..].chars().next() {
                if unicode_normalization::char::canonical_combining_class(n) == 0 {
                    break;
                }
                e += n.len_utf8();
            }
            i = e;
            if s < last_end {
                continue;
            }
            last_end = e;
            let seg = &text[s..e];
            let norm: String = if nfkc {
                seg.chars().map(|c| if nfkc_exempt(c) { c.to_string() } else { c.to_string().nfkc().collect() }).collect::<String>().nfc().collect()
            } else {
                seg.nfc().collect()
            };
            if norm != seg {
                let reason = if nfkc { "NFKC normalization" } else { "NFC normalization" };
                edits.push(Edit::replacement(s..e, norm, W111, Safe, reason));
            }
        }
    }
}


/// Non-zero if the 8 bytes hold something the line scan must look at: a
/// control byte, DEL, a non-ASCII byte, or two spaces in a row. (SWAR: may
/// flag a harmless byte, never misses one.)
#[inline]
fn special_mask(w: u64) -> u64 {
    let control = w.wrapping_sub(LOW * 0x20) & !w & HIGH;
    let y = w ^ (LOW * 0x7f);
    let del = y.wrapping_sub(LOW) & !y & HIGH;
    let z = w ^ (LOW * 0x20);
    let spaces = z.wrapping_sub(LOW) & !z & HIGH;
    control | (w & HIGH) | del | (spaces & (spaces >> 8))
}


/// Does `block` (`BLOCK + 1` bytes) hold, in its first `BLOCK` bytes, a
/// control byte, DEL, a non-ASCII byte, or a space followed by a space (the
/// last byte is only looked at as the follower)? Exact, like [`special_mask`]
/// without its false alarms.
#[inline]
fn block_is_special(block: &[u8]) -> bool {
    let (cur, next) = (&block[..BLOCK], &block[1..=BLOCK]);
    let mut any = false;
    for (&c, &n) in cur.iter().zip(next) {
        // `c - 0x20 >= 0x5f`: below 0x20 (wraps) or from 0x7f on.
        any |= (c.wrapping_sub(0x20) >= 0x5f) | ((c == b' ') & (n == b' '));
    }
    any
}

/// Bytes that may start an edit inside a line.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b' ' as usize] = true;
    t[0x7f] = true;
    t[0xC2] = true; // U+0080–U+00BF: NBSP, soft hyphen, C1 controls
    t[0xE1] = true; // U+1680, U+180E
    t[0xE2] = true; // U+2000–U+206F: spaces, zero-width, word joiner
    t[0xE3] = true; // U+3000 ideographic space
    t[0xEF] = true; // U+FEFF
    t
};

#[cfg(test)]
mod tests {
    use super::{Options, Whitespace};
    use crate::passes::kit::testing::{assert_fixes, assert_pass_fixes, assert_pass_keeps, edit_count};
    use crate::passes::kit::{Context, Normalize, Pass, Setup};

    fn pass() -> Whitespace {
        Whitespace::new(&Options::default(), &Setup::default()).unwrap()
    }

    fn pass_with(edit: impl FnOnce(&mut Setup)) -> Whitespace {
        let mut setup = Setup::default();
        edit(&mut setup);
        Whitespace::new(&Options::default(), &setup).unwrap()
    }

    #[test]
    fn block_check_is_exact() {
        use super::BLOCK;
        let naive = |b: &[u8]| (0..BLOCK).any(|k| b[k] < 0x20 || b[k] >= 0x7f || (b[k] == b' ' && b[k + 1] == b' '));
        let base = *b"The quick brown fox jumps over a lazy dog";
        for pos in 0..=BLOCK {
            for byte in [0u8, b'\t', b'\n', b' ', 0x7f, 0x80, 0xe3, b'x'] {
                let mut block = [0u8; BLOCK + 1];
                block.copy_from_slice(&base[..=BLOCK]);
                block[pos] = byte;
                assert_eq!(super::block_is_special(&block), naive(&block), "{byte:#x} at {pos}");
                if pos > 0 {
                    block[pos - 1] = b' ';
                    assert_eq!(super::block_is_special(&block), naive(&block), "space, {byte:#x} at {pos}");
                }
            }
        }
    }

    #[test]
    fn fixes_indentation_space_run_and_trailing_spaces_in_real_line() {
        // fixtures/pages/109_zzhkgq_project_signing.txt, line 3 (the page's meta line).
        assert_pass_fixes(&pass(), "    Source:this site  Date:4/6/2022  \n", "Source:this site Date:4/6/2022\n");
        // ../shared/realworld/012_clean_domestic_tourism_chinadaily.txt, line 7.
        assert_pass_fixes(&pass(), "Updated: Feb 23,2018 7:13 AM     China Daily\n", "Updated: Feb 23,2018 7:13 AM China Daily\n");
    }

    #[test]
    fn keeps_clean_real_paragraphs() {
        // ../shared/realworld/012_clean_domestic_tourism_chinadaily.txt, lines 4 and 11.
        assert_pass_keeps(
            &pass(),
            "Domestic tourism thrives, revenues up\n\nRevenue generated during the holiday reached 475 billion yuan ($75 billion), 12.6 percent above the 2017 mark, the report said.\n",
        );
    }

    #[test]
    fn removes_indentation_and_nbsp_from_real_line() {
        assert_pass_fixes(
            &pass(),
            "  On February 18, the first working day\u{a0}of the year, the meeting was held.",
            "On February 18, the first working day of the year, the meeting was held.",
        );
    }

    #[test]
    fn keeps_indentation_that_is_structure() {
        // Two depths (a terminal session, YAML), a box-drawing tree.
        for t in [
            "$ cargo run\n   Compiling loops v0.1.0\n    Finished `dev` profile\n",
            "jobs:\n  build:\n    docker: x\n",
            "├── src\n│   └── main.rs\n└── tests\n    ├── my_test.rs\n",
        ] {
            assert_pass_keeps(&pass(), t);
        }
        // A first-line indent, every line alike, a flush title over indented
        // paragraphs, a label over one indented value: paragraph indentation.
        assert_pass_fixes(&pass(), "    First line of a paragraph,\nthen the rest of it.\n", "First line of a paragraph,\nthen the rest of it.\n");
        assert_pass_fixes(&pass(), "\u{3000}\u{3000}One.\n\u{3000}\u{3000}Two,\n\u{3000}\u{3000}three.\n", "One.\nTwo,\nthree.\n");
        assert_pass_fixes(&pass(), "Title\n    One.\n    Two.\n", "Title\nOne.\nTwo.\n");
        assert_pass_fixes(&pass(), "Contact:\n    Tel: 0571-1234567\n", "Contact:\nTel: 0571-1234567\n");
    }

    #[test]
    fn collapses_blank_line_runs_and_edges() {
        assert_pass_fixes(&pass(), "\n\nA.\n\n\n\nB.\n\n\n", "A.\n\nB.\n");
        let edits = pass().run("A.\n\n\n\nB.\n", &mut Context::default());
        assert_eq!(edits.iter().filter(|e| e.code.as_str() == "W107").count(), 1, "{edits:#?}");
    }

    #[test]
    fn blank_line_run_is_one_report_edit_whole_pipeline() {
        assert_eq!(edit_count("A.\n\n\n\nB.\n", "W107"), 1);
    }

    #[test]
    fn empties_whitespace_only_lines() {
        assert_pass_fixes(&pass(), "A.\n   \nB.\n", "A.\n\nB.\n");
    }

    #[test]
    fn converts_crlf_unless_kept() {
        assert_pass_fixes(&pass(), "A.\r\n\r\nB.\r\n", "A.\n\nB.\n");
        assert_pass_keeps(&pass_with(|s| s.keep_crlf = true), "A.\r\nB.\r\n");
    }

    #[test]
    fn keep_crlf_config_reaches_the_pass_whole_pipeline() {
        assert_fixes("A.\r\n\r\nB.\r\n", "A.\n\nB.\n");
        let cfg = crate::Config { keep_crlf: true, ..Default::default() };
        let out = crate::Cleaner::new(cfg).unwrap().clean("A.\r\nB.\r\n");
        assert_eq!(out.text, "A.\r\nB.\r\n");
    }

    #[test]
    fn removes_zero_width_and_controls() {
        assert_pass_fixes(&pass(), "a\u{200b}b\u{7}c\u{feff}", "abc");
    }

    #[test]
    fn keeps_single_spaces_and_zwj() {
        assert_pass_keeps(&pass(), "One space only.\n");
        assert_pass_keeps(&pass(), "family 👨\u{200d}👩\u{200d}👧 emoji\n");
    }

    #[test]
    fn nfc_composes_decomposed_letters() {
        assert_pass_fixes(&pass(), "cafe\u{301} au lait", "caf\u{e9} au lait");
    }

    #[test]
    fn nfkc_keeps_cjk_fullwidth_punctuation() {
        let nfkc = pass_with(|s| s.normalize = Normalize::Nfkc);
        assert_pass_fixes(&nfkc, "中文，标点：ＡＢＣ１２３（注）", "中文，标点：ABC123（注）");
        // NFC (the default) leaves full-width Latin alone.
        assert_pass_keeps(&pass(), "中文，标点：ＡＢＣ１２３（注）");
    }

    #[test]
    fn nfkc_config_reaches_the_pass_whole_pipeline() {
        let cfg = crate::Config { normalize: crate::Normalize::Nfkc, select: vec!["W111".into()], ..Default::default() };
        let out = crate::Cleaner::new(cfg).unwrap().clean("中文，标点：ＡＢＣ１２３（注）");
        assert_eq!(out.text, "中文，标点：ABC123（注）");
    }
}
