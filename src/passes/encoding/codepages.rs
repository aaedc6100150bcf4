//! The single-byte code pages UTF-8 text is commonly misread as, "sloppy":
//! a byte the code page leaves undefined decodes to the Latin-1 character
//! of the same value (as browsers and many converters do), so no byte is lost
//! and every misread character maps back to exactly one byte.
//!
//! The tables come from `encoding_rs` (the WHATWG single-byte indexes);
//! CP437, which the WHATWG standard lacks, is IBM's published table.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// A code page: its 128 high characters and the way back to bytes.
pub struct CodePage {
    /// Reason of an E201 edit that undoes a misreading in this page.
    pub reason: &'static str,
    /// Character of each byte 0x80..=0xFF.
    pub high: [char; 128],
    back: FxHashMap<char, u8>,
}

impl CodePage {
    /// The byte `c` is in this code page (ASCII is itself).
    #[inline]
    pub fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            Some(c as u8)
        } else {
            self.back.get(&c).copied()
        }
    }
}

/// IBM code page 437 (the DOS console), bytes 0x80..=0xFF.
const CP437: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

fn from_encoding(reason: &'static str, enc: &'static encoding_rs::Encoding, c1_too: bool) -> CodePage {
    let mut high = ['\0'; 128];
    for (i, slot) in high.iter_mut().enumerate() {
        let b = [0x80 + i as u8];
        let (s, bad) = enc.decode_without_bom_handling(&b);
        *slot = match s.chars().next() {
            Some(c) if !bad && s.chars().count() == 1 => c,
            _ => char::from(b[0]),
        };
    }
    let mut back: FxHashMap<char, u8> = high.iter().enumerate().map(|(i, &c)| (c, 0x80 + i as u8)).collect();
    if c1_too {
        // Latin-1 misreads leave C1 controls where Windows-1252 has letters:
        // both are accepted as the byte of the same value.
        for b in 0x80u8..=0x9F {
            back.entry(char::from(b)).or_insert(b);
        }
    }
    CodePage { reason, high, back }
}

fn from_table(reason: &'static str, table: &str) -> CodePage {
    let mut high = ['\0'; 128];
    for (slot, c) in high.iter_mut().zip(table.chars()) {
        *slot = c;
    }
    let back = high.iter().enumerate().map(|(i, &c)| (c, 0x80 + i as u8)).collect();
    CodePage { reason, high, back }
}

/// Every code page, most likely first: when two readings fit equally, the
/// earlier one wins.
pub static PAGES: LazyLock<Vec<CodePage>> = LazyLock::new(|| {
    use encoding_rs::*;
    vec![
        from_encoding("UTF-8 read as Windows-1252 (mojibake) re-decoded", WINDOWS_1252, true),
        from_encoding("UTF-8 read as Windows-1251 (mojibake) re-decoded", WINDOWS_1251, false),
        from_encoding("UTF-8 read as Windows-1250 (mojibake) re-decoded", WINDOWS_1250, false),
        from_encoding("UTF-8 read as Windows-1253 (mojibake) re-decoded", WINDOWS_1253, false),
        from_encoding("UTF-8 read as Windows-1254 (mojibake) re-decoded", WINDOWS_1254, false),
        from_encoding("UTF-8 read as Windows-1257 (mojibake) re-decoded", WINDOWS_1257, false),
        from_encoding("UTF-8 read as ISO-8859-2 (mojibake) re-decoded", ISO_8859_2, false),
        from_encoding("UTF-8 read as MacRoman (mojibake) re-decoded", MACINTOSH, false),
        // MACROMAN is the index of the page above.
        from_table("UTF-8 read as CP437 (mojibake) re-decoded", CP437),
    ]
});

/// Bit `k` set: the character is byte of a UTF-8 lead (0xC2..=0xF4) in page `k`.
pub struct Roles {
    /// Pages where the character is a UTF-8 lead byte.
    pub lead: u16,
    /// Pages where it is a UTF-8 continuation byte (0x80..=0xBF).
    pub cont: u16,
    /// Pages where it is a lead whose 0xA0 continuation may have become a
    /// space (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE0..=0xE3, 0xF0), never
    /// in MacRoman, where that reading would take every `– ` for mojibake.
    pub a0_lead: u16,
}

/// Index of MacRoman in [`PAGES`].
pub const MACROMAN: usize = 7;

/// May a space stand for byte 0xA0 after lead `lead` in page `page`?
pub fn a0_lead(page: usize, lead: u8) -> bool {
    page != MACROMAN && matches!(lead, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9 | 0xE0..=0xE3 | 0xF0)
}

/// The roles of every non-ASCII character some page holds.
pub static ROLES: LazyLock<FxHashMap<char, Roles>> = LazyLock::new(|| {
    let mut m: FxHashMap<char, Roles> = FxHashMap::default();
    for (k, page) in PAGES.iter().enumerate() {
        for b in 0x80u8..=0xFF {
            let c = page.high[usize::from(b - 0x80)];
            let r = m.entry(c).or_insert(Roles { lead: 0, cont: 0, a0_lead: 0 });
            if (0xC2..=0xF4).contains(&b) {
                r.lead |= 1 << k;
            }
            if a0_lead(k, b) {
                r.a0_lead |= 1 << k;
            }
            if b <= 0xBF {
                r.cont |= 1 << k;
            }
        }
        if k == 0 {
            for b in 0x80u8..=0x9F {
                m.entry(char::from(b)).or_insert(Roles { lead: 0, cont: 0, a0_lead: 0 }).cont |= 1;
            }
        }
    }
    m
});

/// Could `c` be a misread byte of any page? A cheap range test first: no page
/// holds a character from U+2600 up, except these four.
#[inline]
pub fn maybe_paged(c: char) -> bool {
    let u = c as u32;
    (0x80..0x2600).contains(&u) || matches!(u, 0xF8FF | 0xFB01 | 0xFB02)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_round_trips_every_high_byte() {
        for page in PAGES.iter() {
            for b in 0x80u8..=0xFF {
                let c = page.high[usize::from(b - 0x80)];
                assert_eq!(page.byte(c), Some(b), "{} byte {b:#x} ({c:?})", page.reason);
                assert!(maybe_paged(c), "{} byte {b:#x} ({c:?}) escapes the range test", page.reason);
            }
        }
    }

    #[test]
    fn sloppy_pages_keep_undefined_bytes() {
        let cp1252 = &PAGES[0];
        assert_eq!(cp1252.high[0x81 - 0x80], '\u{81}');
        assert_eq!(cp1252.byte('\u{9d}'), Some(0x9D));
        // Latin-1's C1 control for a byte Windows-1252 defines.
        assert_eq!(cp1252.byte('\u{93}'), Some(0x93));
        assert_eq!(cp1252.byte('“'), Some(0x93));
        let cp1251 = &PAGES[1];
        assert_eq!(cp1251.high[0x98 - 0x80], '\u{98}');
        assert_eq!(cp1251.byte('Р'), Some(0xD0));
    }

    #[test]
    fn macroman_index_is_right() {
        assert!(PAGES[MACROMAN].reason.contains("MacRoman"));
    }

    #[test]
    fn cp437_is_the_dos_table() {
        let cp437 = PAGES.iter().find(|p| p.reason.contains("CP437")).unwrap();
        assert_eq!(cp437.byte('╨'), Some(0xD0));
        assert_eq!(cp437.byte('Ç'), Some(0x80));
        assert_eq!(cp437.high.iter().collect::<rustc_hash::FxHashSet<_>>().len(), 128);
    }
}
