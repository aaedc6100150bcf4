//! Words glued across removed HTML spans (family P3xx): `This yearJune`,
//! `was formulatedThe plan`. A lowercase English word runs straight into a
//! capitalized common word; a space goes between them.
//!
//! Candidates are the byte pattern lowercase–uppercase–lowercase; the words
//! on both sides are then checked against `rules/common_words.txt` and the
//! month names, and anything that looks like an identifier, brand or URL
//! (`iPhone`, `YouTube`, `getThe()`, `a.bTc`) is left alone.

use crate::edit::{Confidence::Safe, Edit};
use crate::error::Result;
use crate::fasthash::FxHashSet as HashSet;
use crate::text::lexicon;
use crate::passes::kit::{Context, Pass, Setup};

crate::declare_rules! { pass = "glued_words";
    /// ## What it fixes
    /// A lowercase word glued to a capitalized common word or month name, as
    /// left behind when a scraper joins text from two HTML elements.
    ///
    /// ## Example
    /// ```text
    /// This yearJune is the 22nd national safety month, and the plan was formulatedThe working group met.
    /// ```
    /// Becomes:
    /// ```text
    /// This year June is the 22nd national safety month, and the plan was formulated The working group met.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He bought an iPhone, watched YouTube and PowerPoint slides on WeChat and eBay.
    /// The function getThe(x) and the file data.inThe stay, as does McDonald and macOS.
    /// ```
    ///
    /// ## Why safe
    /// The right-hand word must be a closed-class word (`The`, `This`, `At`,
    /// ...) or a month, and the left-hand word a run of three or more
    /// lowercase letters standing alone (not after `.`, `_`, `/`, `@`,
    /// digits or a capital). Brand and identifier spellings (`iPhone`,
    /// `YouTube`, `WeChat`) fail those tests.
    ///
    /// ## Data
    /// `rules/common_words.txt` (`[function]` section) and the month names.
    P301 = ("glued-words", Safe, true, "space between words glued across an HTML boundary");
}

const R_GLUED: &str = "space between words glued across an HTML boundary";


/// Options of the glued_words pass (`[glued_words]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The glued_words pass.
pub struct GluedWords {
    right: HashSet<String>,
}

impl GluedWords {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        let lex = lexicon::lexicon()?;
        let mut right: HashSet<String> = lex.function.iter().filter(|w| w.len() >= 2).cloned().collect();
        right.extend(lex.months.iter().cloned());
        Ok(GluedWords { right })
    }
}

impl Pass for GluedWords {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        let mut lower = [0u8; 16];
        let mut i = 0;
        // Starts below `tested` lie in a block known to hold the pattern.
        let mut tested = 0;
        while i + 2 < b.len() {
            // The pattern is rare: skip 64 starts at a time while there is none.
            if i >= tested && i + 66 <= b.len() {
                if !any_lower_upper_lower(&b[i..i + 66]) {
                    i += 64;
                    continue;
                }
                tested = i + 64;
            }
            if !(b[i].is_ascii_lowercase() && b[i + 1].is_ascii_uppercase() && b[i + 2].is_ascii_lowercase()) {
                i += 1;
                continue;
            }
            let at = i + 1;
            i += 2;
            // Left word: three or more lowercase letters, standing alone.
            let mut s = at;
            while s > 0 && b[s - 1].is_ascii_alphabetic() {
                s -= 1;
            }
            if at - s < 3 || !b[s..at].iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            if s > 0 && (b[s - 1].is_ascii_digit() || matches!(b[s - 1], b'.' | b'_' | b'/' | b'@' | b'#' | b'$' | b'-' | b'\\')) {
                continue;
            }
            // Right word: Capital + lowercase letters, then not an identifier continuation.
            let mut e = at + 1;
            while e < b.len() && b[e].is_ascii_lowercase() {
                e += 1;
            }
            if e < b.len() && (b[e].is_ascii_alphanumeric() || matches!(b[e], b'(' | b'_' | b'.' | b'@' | b'/')) && !(b[e] == b'.' && b.get(e + 1).is_none_or(|c| !c.is_ascii_alphanumeric())) {
                continue;
            }
            let len = e - at;
            if len > lower.len() {
                continue;
            }
            for (d, c) in lower.iter_mut().zip(&b[at..e]) {
                *d = c.to_ascii_lowercase();
            }
            let word = std::str::from_utf8(&lower[..len]).unwrap_or("");
            if self.right.contains(word) {
                edits.push(Edit::insertion(at, " ", P301, Safe, R_GLUED));
            }
            i = e;
        }
        edits
    }
}

/// Does any of the 64 byte triples starting at `w[0..64]` read lowercase,
/// capital, lowercase (ASCII)? `w` holds 66 bytes. Branch-free, so the
/// compiler vectorizes it.
#[inline]
fn any_lower_upper_lower(w: &[u8]) -> bool {
    // A triple matches when the largest of its three offsets from `a`, `A`,
    // `a` is below 26: one max per byte, a min over the block.
    let (x, y, z) = (&w[..64], &w[1..65], &w[2..66]);
    let min = x.iter().zip(y).zip(z).fold(u8::MAX, |m, ((&x, &y), &z)| {
        m.min(x.wrapping_sub(b'a').max(y.wrapping_sub(b'A')).max(z.wrapping_sub(b'a')))
    });
    min < 26
}

#[cfg(test)]
mod tests {
    use crate::passes::kit::testing::{assert_fixes, assert_no_edits};

    #[test]
    fn splits_words_glued_across_spans_in_real_line() {
        // realworld/018 (en.707zy.cn): text of two <span>s joined.
        assert_fixes(
            "This yearJune is the 22nd national \"safety production month\"",
            "This year June is the 22nd national \"safety production month\"",
        );
    }

    #[test]
    fn keeps_brands_and_identifiers() {
        assert_no_edits("Use iPhone, YouTube, LinkedIn, JavaScript, McDonald and the getThe() helper.\n");
        assert_no_edits("See example.com/aboutThe page and user_nameThe field.\n");
    }

    #[test]
    fn keeps_unknown_right_words() {
        assert_no_edits("The dataFrame and the openStack were merged.\n");
    }
}
