//! The script of a character: the one answer to "is this Chinese?".
//!
//! Every pass asks these functions; none keeps its own ranges, so two passes
//! never disagree on whether a stretch is a Chinese run. Tested against the
//! Unicode block boundaries below.
//!
//! | function | what it accepts |
//! |---|---|
//! | [`is_han`] | Han ideographs: unified, extension A, compatibility, the supplementary planes (B–H), `々` `〇` |
//! | [`is_kana_hangul`] | Hiragana, Katakana (with phonetic extensions and half-width forms), Hangul |
//! | [`is_cjk_letter`] | either of the above: a letter of CJK text |
//! | [`is_cjk_punct`] | CJK punctuation: ideographic space and marks (U+3000–303F less `々` `〇`), vertical forms, full-width ASCII punctuation |
//! | [`is_fullwidth_form`] | the whole Halfwidth and Fullwidth Forms block (U+FF00–FFEF): punctuation, digits and letters |
//! | [`is_cjk`] | a CJK letter or CJK punctuation |
//! | [`may_lead_cjk`] | a UTF-8 lead byte that may start a CJK letter |

/// A Han ideograph: CJK Unified Ideographs and extension A, compatibility
/// ideographs, the supplementary ideographic planes, `々` (U+3005) and `〇`
/// (U+3007).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{3005}' | '\u{3007}' | '\u{20000}'..='\u{3134f}')
}

/// Kana (Hiragana, Katakana, their extensions and half-width forms) or
/// Hangul (syllables, jamo, compatibility jamo).
#[inline]
pub fn is_kana_hangul(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}'
        | '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// A letter of CJK text: Han, kana or Hangul.
#[inline]
pub fn is_cjk_letter(c: char) -> bool {
    is_han(c) || is_kana_hangul(c)
}

/// CJK punctuation: the CJK Symbols and Punctuation block (U+3000–303F)
/// except the two letters `々` `〇`, the vertical forms (U+FE30–FE4F) and the
/// full-width ASCII punctuation (`！` … `／`, `：` … `＠`, `［` … `｀`, `｛` … `･`).
/// Not the curly quotes English shares (`“` `”` `‘` `’`).
#[inline]
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{3004}' | '\u{3006}' | '\u{3008}'..='\u{303f}' | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}')
}

/// Any character of the Halfwidth and Fullwidth Forms block (U+FF00–FFEF):
/// full-width punctuation, digits `０`–`９` and letters `Ａ`–`ｚ`, half-width
/// kana.
#[inline]
pub fn is_fullwidth_form(c: char) -> bool {
    matches!(c, '\u{ff00}'..='\u{ffef}')
}

/// A CJK letter or CJK punctuation.
#[inline]
pub fn is_cjk(c: char) -> bool {
    is_cjk_letter(c) || is_cjk_punct(c)
}

/// Could `b` be the first byte of the UTF-8 encoding of a CJK letter or CJK
/// punctuation ([`is_cjk`]: lead bytes `E1` for the Hangul jamo, `E3`–`ED`,
/// `EF`, `F0`)? A cheap filter: a `false` is certain, a `true` must be
/// decoded.
#[inline]
pub fn may_lead_cjk(b: u8) -> bool {
    (0xe3..=0xed).contains(&b) || b == 0xe1 || b == 0xef || b == 0xf0
}

/// Is `b` the lead byte of a 3-byte character in U+4000–U+9FFF (`E4`–`E9`):
/// Han ideographs and the Yijing hexagram symbols, none of them whitespace
/// and none changed by NFC or NFKC? Scans hop over such a character whole.
#[inline]
pub fn is_ideograph_lead(b: u8) -> bool {
    (0xe4..=0xe9).contains(&b)
}

/// Character classes the language pass's segmenter distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// [`is_han`].
    Han,
    /// [`is_kana_hangul`].
    KanaHangul,
    /// ASCII letters, Latin letters with diacritics, full-width Latin letters.
    Latin,
    /// Letters of other scripts (Greek, Cyrillic, …).
    OtherLetter,
    /// ASCII and full-width digits.
    Digit,
    /// [`is_cjk_punct`].
    CjkPunct,
    /// Everything else: spaces, ASCII punctuation, symbols.
    Neutral,
}

/// The [`Class`] of `c`.
#[inline]
pub fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Latin
        } else if c.is_ascii_digit() {
            Class::Digit
        } else {
            Class::Neutral
        };
    }
    if is_han(c) {
        Class::Han
    } else if is_kana_hangul(c) {
        Class::KanaHangul
    } else if is_cjk_punct(c) {
        Class::CjkPunct
    } else if matches!(c, '\u{ff10}'..='\u{ff19}') {
        Class::Digit
    } else if matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}')
        && c.is_alphabetic()
    {
        Class::Latin
    } else if c.is_alphabetic() {
        Class::OtherLetter
    } else {
        Class::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_edges() {
        for c in ['\u{3400}', '\u{4dbf}', '\u{4e00}', '中', '\u{9fff}', '\u{f900}', '\u{faff}', '\u{20000}', '\u{2a6df}', '\u{2b740}', '\u{2f800}', '\u{30000}', '\u{3134f}', '々', '〇'] {
            assert!(is_han(c), "{c:?} is Han");
            assert!(is_cjk_letter(c) && is_cjk(c) && !is_cjk_punct(c));
        }
        for c in ['\u{33ff}', '\u{4dc0}', '\u{a000}', '\u{f8ff}', '\u{fb00}', '\u{1ffff}', '\u{31350}', 'a', 'é', '1', '。'] {
            assert!(!is_han(c), "{c:?} is not Han");
        }
        for c in ['あ', 'ア', 'ｱ', '한', 'ㄱ', '\u{1100}'] {
            assert!(is_kana_hangul(c) && is_cjk_letter(c) && !is_han(c), "{c:?}");
        }
        for c in ['。', '，', '、', '：', '；', '！', '？', '（', '）', '【', '】', '《', '》', '「', '」', '\u{3000}', '〆', '﹁', '･', '～'] {
            assert!(is_cjk_punct(c) && is_cjk(c) && !is_cjk_letter(c), "{c:?} is CJK punctuation");
        }
        for c in ['“', '”', '‘', '’', '.', ',', '々', '０', 'Ａ', 'ｚ'] {
            assert!(!is_cjk_punct(c), "{c:?} is not CJK punctuation");
        }
        for c in ['\u{ff00}', '，', '０', '９', 'Ａ', 'ｚ', '％', '．', '\u{ffef}'] {
            assert!(is_fullwidth_form(c), "{c:?} is a full-width form");
        }
        assert!(!is_fullwidth_form('\u{fefe}') && !is_fullwidth_form('\u{fff0}'));
    }

    #[test]
    fn lead_bytes_cover_every_cjk_char() {
        // Every char the predicates accept starts with a byte may_lead_cjk accepts.
        for u in 0x80u32..0x32000 {
            let Some(c) = char::from_u32(u) else { continue };
            if is_cjk(c) {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_lead_cjk(lead), "{c:?} U+{u:04X} lead {lead:#x}");
            }
        }
        for b in (0u8..0xe1).chain([0xe2, 0xee, 0xf1, 0xff]) {
            assert!(!may_lead_cjk(b), "{b:#x}");
        }
        // E4–E9 leads are exactly U+4000–U+9FFF.
        for u in 0x3000u32..0xb000 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert_eq!(is_ideograph_lead(lead), (0x4000..=0x9fff).contains(&u), "U+{u:04X}");
            if is_ideograph_lead(lead) {
                assert!(!c.is_whitespace());
            }
        }
    }

    #[test]
    fn classes() {
        assert_eq!(class('a'), Class::Latin);
        assert_eq!(class('é'), Class::Latin);
        assert_eq!(class('Ａ'), Class::Latin);
        assert_eq!(class('中'), Class::Han);
        assert_eq!(class('あ'), Class::KanaHangul);
        assert_eq!(class('。'), Class::CjkPunct);
        assert_eq!(class('1'), Class::Digit);
        assert_eq!(class('５'), Class::Digit);
        assert_eq!(class('Ж'), Class::OtherLetter);
        assert_eq!(class('—'), Class::Neutral);
    }
}
