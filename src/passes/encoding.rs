//! Encoding damage left in decoded text (family E2xx): mojibake, where UTF-8
//! bytes were read as Windows-1252/Latin-1 (`Ã©` for `é`, `â€™` for `’`,
//! `ä¸­` for `中`), and C1 control characters that are Windows-1252
//! characters read as Latin-1.
//!
//! Every mojibake sequence starts with a character encoded with lead byte
//! 0xC2 or 0xC3, so the pass only looks where `memchr2` finds those bytes.

use crate::edit::{Confidence::Safe, Edit};
use crate::error::Result;
use crate::passes::kit::{Context, Pass, Setup};

crate::declare_rules! { pass = "encoding";
    /// ## What it fixes
    /// Mojibake: text whose UTF-8 bytes were decoded as Windows-1252 or
    /// Latin-1, so each character became two to four accented letters or
    /// symbols. The sequence is re-encoded as Windows-1252 bytes and decoded
    /// as UTF-8.
    ///
    /// ## Example
    /// ```text
    /// the cafÃ© said â€˜helloâ€™ to ä¸­å›½
    /// ```
    /// Becomes:
    /// ```text
    /// the café said ‘hello’ to 中国
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// café, naïve, São Paulo, Ångström
    /// ```
    ///
    /// ## Why safe
    /// The edit is made only when the whole sequence re-encodes to valid
    /// multi-byte UTF-8; correctly written accented text (`café`) never forms
    /// such a sequence.
    E201 = ("mojibake", Safe, true, "UTF-8 read as Windows-1252 (mojibake) re-decoded");
    /// ## What it fixes
    /// A C1 control character (U+0080–U+009F) in text: a Windows-1252
    /// character (`…`, `’`, `“`, `€`) that was decoded as Latin-1. It becomes
    /// the Windows-1252 character.
    ///
    /// ## Example
    /// ```text
    /// opportunities and more
    /// ```
    /// Becomes:
    /// ```text
    /// opportunities… and more
    /// ```
    ///
    /// ## Why safe
    /// C1 controls have no use in article text; Windows-1252 is the only
    /// common source of them.
    E202 = ("c1-control-as-cp1252", Safe, true, "C1 control is a Windows-1252 character");
}

const R_MOJIBAKE: &str = "UTF-8 read as Windows-1252 (mojibake) re-decoded";

/// Options of the encoding pass (`[encoding]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The encoding pass.
pub struct Encoding {}

impl Encoding {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        Ok(Encoding {})
    }
}

/// The Windows-1252 byte of `c` (C1 controls and Latin-1 map to themselves).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// The Windows-1252 character for a C1 control, if it has one.
fn c1_to_cp1252(c: char) -> Option<char> {
    let u = c as u32;
    if !(0x80..=0x9F).contains(&u) {
        return None;
    }
    let byte = [u as u8];
    let (s, _, bad) = encoding_rs::WINDOWS_1252.decode(&byte);
    let ch = s.chars().next()?;
    (!bad && ch != c).then_some(ch)
}

impl Pass for Encoding {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let mut edits = Vec::new();
        let mut skip_to = 0usize;
        for i in memchr::memchr2_iter(0xC2, 0xC3, text.as_bytes()) {
            if i < skip_to {
                continue;
            }
            if let Some((end, fixed)) = mojibake_at(text, i) {
                edits.push(Edit::replacement(i..end, fixed, E201, Safe, R_MOJIBAKE));
                skip_to = end;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if let Some(ch) = c1_to_cp1252(c) {
                edits.push(Edit::replacement(i..i + 2, ch.to_string(), E202, Safe, "C1 control is a Windows-1252 character"));
            }
        }
        edits
    }
}

/// A run of mojibake starting at byte `i`: (end, repaired text).
fn mojibake_at(text: &str, i: usize) -> Option<(usize, String)> {
    let mut out = String::new();
    let mut pos = i;
    let mut chars = text[i..].char_indices().map(|(o, c)| (i + o, c)).peekable();
    let mut bytes = [0u8; 4];
    while let Some(&(start, lead_c)) = chars.peek() {
        let Some(lead) = cp1252_byte(lead_c) else { break };
        let need = match lead {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => break,
        };
        // Look ahead without consuming until the sequence proves valid.
        let mut look = chars.clone();
        look.next();
        bytes[0] = lead;
        let mut end = start + lead_c.len_utf8();
        let mut ok = true;
        for slot in &mut bytes[1..=need] {
            match look.next() {
                Some((o, c)) => match cp1252_byte(c) {
                    Some(b @ 0x80..=0xBF) => {
                        *slot = b;
                        end = o + c.len_utf8();
                    }
                    _ => {
                        ok = false;
                        break;
                    }
                },
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            break;
        }
        let Ok(s) = std::str::from_utf8(&bytes[..=need]) else { break };
        if !s.chars().all(|c| plausible_in_run(c) || c1_to_cp1252(c).is_some()) {
            break;
        }
        for ch in s.chars() {
            // Double mojibake: a C1 control here was a Windows-1252 byte.
            out.push(c1_to_cp1252(ch).unwrap_or(ch));
        }
        chars = look;
        pos = end;
    }
    // One decoded character is accepted only from the ranges mojibake of
    // real text produces; a run of two or more is strong evidence by itself.
    let n = out.chars().count();
    let ok = n >= 2 || out.chars().all(plausible);
    (pos > i && ok).then_some((pos, out))
}

/// Characters whose UTF-8 bytes, read as Windows-1252, are typical mojibake
/// even alone: Latin-1 letters and symbols, general punctuation (`’ “ ” – —
/// …`), arrows, maths, dingbats, CJK.
fn plausible(c: char) -> bool {
    matches!(c as u32,
        0xA0..=0xFF
        | 0x2010..=0x2027 | 0x2030..=0x203A | 0x20AC | 0x2122
        | 0x2190..=0x22FF | 0x2500..=0x27BF
        | 0x3000..=0x303F | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF)
}

/// Letters that count as repaired only in a run of two or more (one alone,
/// like `Ä£` for `ģ`, is as likely to be intended text): Latin Extended-A,
/// Greek, Cyrillic, Hebrew and Arabic letters.
fn plausible_in_run(c: char) -> bool {
    plausible(c) || matches!(c as u32, 0x100..=0x17F | 0x391..=0x3C9 | 0x401..=0x45F | 0x5D0..=0x5EA | 0x620..=0x64A)
}

#[cfg(test)]
mod tests {
    use super::{Encoding, Options};
    use crate::passes::kit::testing::{assert_fixes, assert_fixes_with, assert_pass_fixes, assert_pass_keeps};
    use crate::passes::kit::Setup;

    fn pass() -> Encoding {
        Encoding::new(&Options::default(), &Setup::default()).unwrap()
    }

    /// ../shared/realworld/014_mojibake_small_cities_blog.txt, line 10 (end).
    const BLOG_LINE: &str = "If they don\u{2019}t get the Hukou, they are called farmer workers, with no health insurance, no education opportunities\u{c2}\u{2026}\n";

    #[test]
    fn fixes_double_encoded_ellipsis_from_real_blog() {
        // "opportunitiesÂ…" (cp1252 → latin-1 → UTF-8 → cp1252); the correct `’` stays.
        assert_pass_fixes(&pass(), BLOG_LINE, &BLOG_LINE.replace("\u{c2}\u{2026}", "\u{2026}"));
        assert_pass_fixes(&pass(), "smaller cities with opportunitiesÂ… I think", "smaller cities with opportunities… I think");
    }

    #[test]
    fn fixes_double_encoded_ellipsis_whole_pipeline() {
        assert_fixes_with(&["E"], "smaller cities with opportunitiesÂ… I think", "smaller cities with opportunities… I think");
    }

    #[test]
    fn keeps_real_blog_line_with_correct_apostrophe() {
        // ../shared/realworld/014_mojibake_small_cities_blog.txt, line 10 (start).
        assert_pass_keeps(
            &pass(),
            "China is still at the stage of urbanization. It remains a dream for the 0.6 billion population in country-side to move into cities. If they don\u{2019}t get the Hukou, they are called farmer workers.\n",
        );
    }

    #[test]
    fn fixes_cjk_mojibake() {
        assert_pass_fixes(&pass(), "ä¸\u{AD}å›½ is China", "中国 is China");
    }

    #[test]
    fn fixes_cjk_mojibake_whole_pipeline() {
        // The whitespace pass would delete the soft hyphen (U+00AD) inside
        // `ä¸­` if it got there first.
        assert_fixes("ä¸\u{AD}å›½ is China", "中国 is China");
    }

    #[test]
    fn c1_control_becomes_cp1252_character() {
        assert_pass_fixes(&pass(), "opportunities\u{85} and more", "opportunities\u{2026} and more");
    }

    #[test]
    fn c1_control_becomes_cp1252_character_whole_pipeline() {
        // The whitespace pass removes control characters (W110): the encoding
        // pass must get the C1 control first.
        assert_fixes("opportunities\u{85} and more", "opportunities\u{2026} and more");
    }

    #[test]
    fn keeps_accented_latin_text() {
        assert_pass_keeps(&pass(), "Café au lait, naïve façade, São Paulo, Ångström, Zürich.\n");
    }

    #[test]
    fn keeps_lone_a_circumflex() {
        assert_pass_keeps(&pass(), "Â is a letter and so is Ã.\n");
    }
}
