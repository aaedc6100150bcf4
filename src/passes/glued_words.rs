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
                edits.push(Edit::insertion(at, " ", "P301", Safe, R_GLUED));
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

/// Offsets of the ASCII capitals `A`–`Z` of a text, in order. Capitals are
/// rare: 32-byte blocks without one are skipped in a branch-free
/// (vectorized) test, and a block with some becomes a bit mask (SWAR), so
/// no byte is looked at twice.
pub(crate) struct Capitals<'a> {
    b: &'a [u8],
    /// Start of the next block to load.
    next: usize,
    /// Start of the block `mask` describes.
    base: usize,
    /// Bit `k`: a capital at `base + k` not yet returned.
    mask: u32,
}

impl<'a> Capitals<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        Capitals { b, next: 0, base: 0, mask: 0 }
    }
}

impl Iterator for Capitals<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let b = self.b;
            let mut i = self.next;
            while i + 32 <= b.len() && !b[i..i + 32].iter().fold(false, |a, &x| a | (x.wrapping_sub(b'A') < 26)) {
                i += 32;
            }
            if i >= b.len() {
                self.next = i;
                return None;
            }
            let end = (i + 32).min(b.len());
            self.mask = if end - i == 32 {
                (0..4).fold(0, |m, q| {
                    let w = u64::from_le_bytes(b[i + 8 * q..i + 8 * q + 8].try_into().unwrap_or([0; 8]));
                    m | upper_bits(w) << (8 * q)
                })
            } else {
                b[i..end].iter().enumerate().fold(0, |m, (k, c)| m | (u32::from(c.is_ascii_uppercase()) << k))
            };
            self.base = i;
            self.next = end;
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + k)
    }
}

/// The ASCII capitals among 8 bytes as 8 bits, bit `k` for byte `k` (SWAR).
#[inline]
fn upper_bits(w: u64) -> u32 {
    // The high bit of each capital byte, gathered into the top byte.
    let hi = upper_high_bits(w) >> 7;
    (hi.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// The high bit of each byte of `w` that is an ASCII capital (SWAR, exact).
#[inline]
fn upper_high_bits(w: u64) -> u64 {
    high_bits_in(w, b'A', b'Z')
}

/// The high bit of each byte of `w` in `lo..=hi` (ASCII bounds; SWAR, exact).
#[inline]
pub(crate) fn high_bits_in(w: u64, lo: u8, hi: u8) -> u64 {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = 0x8080_8080_8080_8080;
    let t = w & !H; // low 7 bits of each byte: no carries below
    let ge_lo = t.wrapping_add((0x80 - lo as u64) * L);
    let gt_hi = t.wrapping_add((0x80 - hi as u64 - 1) * L);
    ge_lo & !gt_hi & !w & H
}

#[cfg(test)]
mod tests {
    #[test]
    fn swar_capital_check_is_exact() {
        for byte in 0u8..=255 {
            let w = u64::from_le_bytes([b'a', byte, b'z', 0xE4, b'0', b' ', 0x80, b'q']);
            assert_eq!(super::upper_high_bits(w) != 0, byte.is_ascii_uppercase(), "byte {byte:#x}");
            assert_eq!(super::upper_bits(w), u32::from(byte.is_ascii_uppercase()) << 1, "byte {byte:#x}");
            assert_eq!(super::high_bits_in(w, b'a', b'z') & 0xff00, u64::from(byte.is_ascii_lowercase()) << 15, "byte {byte:#x}");
        }
    }

    #[test]
    fn capitals_iterator_is_exact() {
        let mut text: Vec<u8> = (0..200u8).map(|k| [b'a', b'Z', b' ', b'A', 0xC3, b'@', b'[', b'M'][k as usize % 8]).collect();
        text.extend((0u8..=255).chain(0u8..=255));
        for n in [0, 1, 31, 32, 33, 64, 100, text.len()] {
            let t = &text[..n];
            let want: Vec<usize> = (0..n).filter(|&k| t[k].is_ascii_uppercase()).collect();
            assert_eq!(super::Capitals::new(t).collect::<Vec<_>>(), want, "length {n}");
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
