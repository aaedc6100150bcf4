//! Words glued across removed HTML spans (family P3xx): `This yearJune`,
//! `was formulatedThe plan`. A lowercase English word runs straight into a
//! capitalized common word; a space goes between them.
//!
//! Candidates are the byte pattern lowercase–uppercase–lowercase; the words
//! on both sides are then checked against `rules/common_words.txt` and the
//! month names, and anything that looks like an identifier, brand or URL
//! (`iPhone`, `YouTube`, `getThe()`, `a.bTc`) is left alone.

use crate::config::Config;
use crate::edit::{Confidence::Safe, Edit};
use crate::error::Result;
use crate::fasthash::FxHashSet as HashSet;
use crate::passes::clause_case::{parse_common_words, COMMON_WORDS};
use crate::passes::{Context, Pass};

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

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];

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
    pub fn new(_config: &Config) -> Result<Self> {
        let (function, _) = parse_common_words(COMMON_WORDS)?;
        let mut right: HashSet<String> = function.into_iter().filter(|w| w.len() >= 2).collect();
        right.extend(MONTHS.iter().map(|m| m.to_string()));
        Ok(GluedWords { right })
    }
}

impl Pass for GluedWords {
    fn name(&self) -> &'static str {
        "glued_words"
    }

    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        let mut lower = [0u8; 16];
        let mut i = 0;
        while i + 2 < b.len() {
            // Capitals are rare: skip 8 bytes at a time while there is none.
            if i + 9 <= b.len() && !has_ascii_upper(u64::from_le_bytes(b[i + 1..i + 9].try_into().unwrap_or([0; 8]))) {
                i += 8;
                continue;
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
                edits.push(Edit::insertion(at, " ", "P301", Safe, R_GLUED));
            }
            i = e;
        }
        edits
    }
}

/// Does any of the 8 bytes hold an ASCII capital `A`–`Z`? (SWAR, exact.)
#[inline]
pub(crate) fn has_ascii_upper(w: u64) -> bool {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = 0x8080_8080_8080_8080;
    let t = w & !H; // low 7 bits of each byte: no carries below
    let ge_a = t.wrapping_add((0x80 - b'A' as u64) * L);
    let gt_z = t.wrapping_add((0x80 - b'Z' as u64 - 1) * L);
    (ge_a & !gt_z & !w & H) != 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn swar_capital_check_is_exact() {
        for byte in 0u8..=255 {
            let w = u64::from_le_bytes([b'a', byte, b'z', 0xE4, b'0', b' ', 0x80, b'q']);
            assert_eq!(super::has_ascii_upper(w), byte.is_ascii_uppercase(), "byte {byte:#x}");
        }
    }

    use crate::passes::testing::{assert_fixes, assert_no_edits};

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
