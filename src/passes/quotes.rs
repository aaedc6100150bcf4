//! Quotes glued to words (family P, rule P201).
//!
//! Machine translation drops the spaces around quoted titles:
//! `day"The first meeting of the new year"All`. Quotes are paired line by
//! line (straight quotes in order, curly quotes by direction) so the outside
//! of each quote is known; only the outside gets a space. Lines whose quotes
//! do not pair cleanly are left alone. Apostrophes (`Guangdong's`) are never
//! treated as quotes.

use crate::edit::{Confidence::Safe, Edit};
use crate::error::Result;
use crate::passes::kit::{Context, Pass, Setup};

crate::declare_rules! { pass = "quotes";
    /// ## What it fixes
    /// A straight or curly double quote glued to a word on its outside gets a
    /// space: the opening quote after a word (or after `,` `;` `:` that
    /// follow a word), the closing quote before one.
    ///
    /// ## Example
    /// ```text
    /// provinces were held on this day"The first meeting of the new year"All localities have gathered
    /// ```
    /// Becomes:
    /// ```text
    /// provinces were held on this day "The first meeting of the new year" All localities have gathered
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He called it “the first meeting of the new year” and said, “We will work hard.”
    /// “The Party Central Committee has always insisted on ‘two unwavering’ and ‘three unchanged’.”
    /// Guangdong's "first meeting" and the 21" screen and 5" 6" sizes
    /// 不断增强高质量发展“硬实力”。
    /// ```
    ///
    /// ## Why safe
    /// Straight quotes are paired in order on a line and the line is skipped
    /// unless there is an even number of them and every pair hugs its text
    /// (no space just inside); curly quotes must alternate `“ ”` on the line.
    /// A space is inserted only between the quote and an ASCII letter or
    /// digit, so Chinese quotation (`发展“硬实力”`) is untouched.
    P201 = ("glued-quote", Safe, true, "space inserted outside a quote glued to a word");
}

const R_GLUED: &str = "space inserted outside a quote glued to a word";

/// Options of the quotes pass (`[quotes]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The quotes pass.
pub struct Quotes {}

impl Quotes {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        Ok(Quotes {})
    }
}

const LDQ: &str = "\u{201c}";
const RDQ: &str = "\u{201d}";

impl Pass for Quotes {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        // Curly quote edits come after all straight ones, as they always have.
        let mut curly_edits = Vec::new();
        // One scan for straight quotes, line ends and the lead byte of the
        // curly double quotes (U+201C / U+201D are E2 80 9C / E2 80 9D).
        let mut straight: Vec<usize> = Vec::new();
        let mut curly: Vec<(usize, bool)> = Vec::new();
        for i in memchr::memchr3_iter(b'"', b'\n', 0xe2, b) {
            match b[i] {
                b'\n' => {
                    straight_line(b, &straight, &mut edits);
                    straight.clear();
                    curly_line(text, &curly, &mut curly_edits);
                    curly.clear();
                }
                b'"' => straight.push(i),
                _ => match (b.get(i + 1), b.get(i + 2)) {
                    (Some(0x80), Some(0x9c)) => curly.push((i, true)),
                    (Some(0x80), Some(0x9d)) => curly.push((i, false)),
                    _ => {}
                },
            }
        }
        straight_line(b, &straight, &mut edits);
        curly_line(text, &curly, &mut curly_edits);
        edits.append(&mut curly_edits);
        edits
    }
}

fn word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_space(c: u8) -> bool {
    c.is_ascii_whitespace()
}

/// Does an opening quote at `o` need a space before it: after a word, or
/// after `,` `;` `:` that follow a word (`sky,"Kunlong"`)?
fn opens_after(b: &[u8], o: usize) -> bool {
    let p = b[o - 1];
    word_byte(p) || (matches!(p, b',' | b';' | b':') && o >= 2 && word_byte(b[o - 2]))
}

/// Straight quotes of one line, at byte offsets `qs`.
fn straight_line(b: &[u8], qs: &[usize], edits: &mut Vec<Edit>) {
    if qs.is_empty() || qs.len() % 2 != 0 {
        return;
    }
    // Every pair must hug its text, or the pairing is not trusted.
    for pair in qs.chunks(2) {
        let (o, c) = (pair[0], pair[1]);
        if c == o + 1 || is_space(b[o + 1]) || is_space(b[c - 1]) {
            return;
        }
        // A digit before a quote may be inches (`21"`): not a quote at all.
        if b[c - 1].is_ascii_digit() && o > 0 && b[o - 1].is_ascii_digit() {
            return;
        }
    }
    for pair in qs.chunks(2) {
        let (o, c) = (pair[0], pair[1]);
        if o > 0 && opens_after(b, o) {
            edits.push(Edit::insertion(o, " ", P201, Safe, R_GLUED));
        }
        if b.get(c + 1).is_some_and(|&x| word_byte(x)) {
            edits.push(Edit::insertion(c + 1, " ", P201, Safe, R_GLUED));
        }
    }
}

/// Curly double quotes of one line: `(offset, is_opening)`.
fn curly_line(text: &str, qs: &[(usize, bool)], edits: &mut Vec<Edit>) {
    if qs.is_empty() || qs.len() % 2 != 0 {
        return;
    }
    if !qs.chunks(2).all(|p| p[0].1 && !p[1].1) {
        return;
    }
    let b = text.as_bytes();
    for pair in qs.chunks(2) {
        let (o, c) = (pair[0].0, pair[1].0);
        let inner = &text[o + LDQ.len()..c];
        if inner.is_empty() || inner.starts_with(char::is_whitespace) || inner.ends_with(char::is_whitespace) {
            continue;
        }
        if o > 0 && opens_after(b, o) {
            edits.push(Edit::insertion(o, " ", P201, Safe, R_GLUED));
        }
        let after = c + RDQ.len();
        if b.get(after).is_some_and(|&x| word_byte(x)) {
            edits.push(Edit::insertion(after, " ", P201, Safe, R_GLUED));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::passes::kit::testing::{assert_fixes, assert_fixes_with, assert_no_edits};

    #[test]
    fn spaces_glued_straight_quotes_in_real_line() {
        assert_fixes(
            "Guangdong, Shandong, Liaoning, Gansu and other provinces were held on this day\"The first meeting of the new year\"All localities have gathered new consensus.",
            "Guangdong, Shandong, Liaoning, Gansu and other provinces were held on this day \"The first meeting of the new year\" All localities have gathered new consensus.",
        );
        assert_fixes_with(
            &["P201"],
            "held a meeting in Shenzhen\"2024 Guangdong Provincial High-quality Development Conference\"He said",
            "held a meeting in Shenzhen \"2024 Guangdong Provincial High-quality Development Conference\" He said",
        );
    }

    #[test]
    fn spaces_quote_opened_after_comma() {
        assert_fixes_with(&["P201"], "Explore the sky,\"Kunlong\" flies", "Explore the sky, \"Kunlong\" flies");
        assert_fixes_with(&["P201"], "He said:\u{201c}We will\u{201d}", "He said: \u{201c}We will\u{201d}");
    }

    #[test]
    fn spaces_glued_curly_quotes() {
        assert_fixes_with(&["P201"], "the so-called\u{201c}toilet revolution\u{201d}forward", "the so-called \u{201c}toilet revolution\u{201d} forward");
    }

    #[test]
    fn keeps_unbalanced_and_chinese_quotes() {
        assert_no_edits("He said \"a\"b and \"c");
        assert_no_edits("不断增强高质量发展\u{201c}硬实力\u{201d}。");
        assert_no_edits("Guangdong's \"first meeting\" and the 21\" screen and 5\" 6\" sizes");
        assert_no_edits("\u{201c}The Party has always insisted on \u{2018}two unwavering\u{2019} and \u{2018}three unchanged\u{2019}.\u{201d} General Secretary Xi Jinping said.");
    }

    #[test]
    fn leaves_misdirected_curly_quotes() {
        assert_no_edits("word\u{201d}Open and close\u{201c}word");
    }
}
