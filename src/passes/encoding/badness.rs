//! How much a piece of text looks like mojibake: a count of character
//! juxtapositions that written text almost never has but misread UTF-8
//! produces all the time (`Ã©`, `â€™`, `Ð¿`, `вЂ“`, `╨┐`).
//!
//! Every character that some code page holds gets a [`Kind`]; a table of
//! kind pairs says which neighbours are unlikely. A re-decoding is better
//! when it scores lower than the text it replaces (in the same context).

use super::codepages::PAGES;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// What a character is, for the purpose of spotting mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// ASCII letter.
    Ascii,
    /// Anything else nothing below names: digits, spaces, ASCII punctuation,
    /// CJK, emoji, letters of scripts no code page holds.
    Neutral,
    /// C1 control character (U+0080–U+009F).
    C1,
    /// Lowercase accented Latin letter, `ß`, `œ`, ligatures.
    LowAcc,
    /// Uppercase accented Latin letter.
    UpAcc,
    /// Greek or Cyrillic letter, lowercase.
    LowScript,
    /// Greek or Cyrillic letter, uppercase.
    UpScript,
    /// A symbol that running text almost never uses (`¤ ¦ ¨ ¬ ¯ ¸ ˆ ˇ † ‰ ◊ �`).
    Odd,
    /// Punctuation that opens (`¡ ¿ « ‘ ‚ “ „ • ‹ ©`).
    Open,
    /// Punctuation that closes (`® » ” › ™`).
    Close,
    /// Currency (`¢ £ ¥ €`).
    Money,
    /// Numeric and legal signs (`² ³ ¹ ± ¼ ½ ¾ × ÷ µ ° § ¶ √ ∞ ≤ ≥`).
    Numeric,
    /// Box drawing and block elements.
    Box,
    /// Common punctuation that may sit anywhere (no-break space, soft hyphen,
    /// `· ´ – — ― … ’`).
    Plain,
}

use Kind::*;

/// The [`Kind`] of `c`.
pub fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() { Ascii } else { Neutral };
    }
    match c {
        '\u{80}'..='\u{9f}' => C1,
        '¤' | '¦' | '¨' | '¬' | '¯' | '¸' | 'ƒ' | 'ˆ' | 'ˇ' | '˘' | '˙' | '˚' | '˛' | '˜' | '˝' | '†' | '‡' | '‰' | '◊' | '⌐'
        | '⌠' | '⌡' | '∂' | '∆' | '∏' | '∑' | '∫' | '≈' | '≠' | '≡' | '∙' | 'ⁿ' | '■' | '\u{f8ff}' | '\u{fffd}' | 'ª' | 'º'
        | '₧' => Odd,
        '¡' | '¿' | '«' | '‘' | '‚' | '“' | '„' | '•' | '‹' | '©' => Open,
        '®' | '»' | '”' | '›' | '™' => Close,
        '¢' | '£' | '¥' | '€' => Money,
        '²' | '³' | '¹' | '±' | '¼' | '½' | '¾' | '×' | '÷' | 'µ' | '°' | '§' | '¶' | '√' | '∞' | '∩' | '≤' | '≥' | '№' => {
            Numeric
        }
        '\u{a0}' | '\u{ad}' | '·' | '´' | '–' | '—' | '―' | '…' | '’' => Plain,
        '\u{2500}'..='\u{259f}' => Box,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{fb00}'..='\u{fb06}' if c.is_alphabetic() => {
            if c.is_uppercase() {
                UpAcc
            } else {
                LowAcc
            }
        }
        '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{4ff}' if c.is_alphabetic() => {
            if c.is_uppercase() {
                UpScript
            } else {
                LowScript
            }
        }
        _ => Neutral,
    }
}

fn is_moji(k: Kind) -> bool {
    matches!(k, Odd | Open | Close | Money | Numeric | Box)
}

fn is_accented(k: Kind) -> bool {
    matches!(k, LowAcc | UpAcc)
}

/// How unlikely `a` directly followed by `b` is in written text (0 or 1).
fn pair(a: char, ka: Kind, b: char, kb: Kind) -> u32 {
    let hit = match (ka, kb) {
        (Odd, x) | (x, Odd) => is_moji(x) || is_accented(x) || matches!(x, LowScript | UpScript | Plain),
        (LowAcc | LowScript | Close | Money | Numeric | Box, UpAcc) => true,
        (Close | Money | Numeric | Box, LowAcc) => true,
        (LowAcc | Close | Box, Money) => true,
        (UpAcc | Box, Numeric) => true,
        (Money | Numeric | Box, Open) => true,
        (Box, Close | Box) => false,
        (LowAcc | UpAcc | Money | Numeric | Close | Open, Box) => true,
        (Numeric, Numeric) => a != '°' && b != '°',
        _ => false,
    };
    let hit = hit
        || (matches!(a, 'Œ' | 'œ') && !b.is_alphabetic())
        || (is_accented(ka) && matches!(b, 'Š' | 'Œ' | 'Ž' | 'Ÿ' | 'š' | 'œ' | 'ž'))
        || (ka == UpAcc && b == '°')
        // MacRoman's reading of lead byte 0xC3 before anything but a Greek
        // letter (`√π` is maths).
        || (a == '√' && !b.is_ascii() && kb != LowScript && kb != UpScript)
        || (LEADS.contains(&a) && follows_misread_lead(b, kb) && !(a == 'Ă' && matches!(b, '™' | '\u{a0}')))
        || PUNCT_LEADS.contains(&(a, b));
    u32::from(hit)
}

/// Capital letters that are the common lead bytes 0xC2, 0xC3 (Latin-1),
/// 0xCE, 0xCF (Greek), 0xD0, 0xD1 (Cyrillic), 0xD8, 0xD9 (Arabic) read as
/// Windows-1252 (and 0xC3 read as Windows-1250 `Ă` and Windows-1251 `Г`):
/// followed by a symbol they are almost surely mojibake.
const LEADS: &[char] = &['Â', 'Ã', 'Î', 'Ï', 'Ð', 'Ñ', 'Ø', 'Ù', 'Ă', 'Г'];

fn follows_misread_lead(b: char, kb: Kind) -> bool {
    match b {
        // `’` follows capitals in real text (`Ã’s`); `å` is `Ã¥` but so is
        // a name spelled that way on purpose.
        '’' | '¥' => false,
        'Š' | 'š' | 'Ž' | 'ž' | 'Ÿ' | 'œ' | 'Œ' | 'ƒ' | 'ˆ' | '˜' => true,
        _ => matches!(kb, Plain | Open | Close | Money | Odd | Numeric | C1),
    }
}

/// Each page's reading of the bytes 0xE2 0x80, 0xE2 0x82, 0xE2 0x84 (the UTF-8
/// lead of general punctuation, currency and letterlike symbols): `â€`,
/// `вЂ`, `β€`, `ā€`, `‚Ä`. Written text never has these pairs.
static PUNCT_LEADS: LazyLock<FxHashSet<(char, char)>> = LazyLock::new(|| {
    let mut s = FxHashSet::default();
    for p in PAGES.iter() {
        let lead = p.high[0xE2 - 0x80];
        for b in [0x80usize, 0x82, 0x84] {
            s.insert((lead, p.high[b - 0x80]));
        }
    }
    s
});

/// The mojibake score of `s` between the characters `prev` and `next`:
/// pairs and triples counted where at least one character is in `s`.
pub fn badness(prev: Option<char>, s: &str, next: Option<char>) -> u32 {
    let chars: Vec<char> = prev.into_iter().chain(s.chars()).chain(next).collect();
    let kinds: Vec<Kind> = chars.iter().map(|&c| kind(c)).collect();
    let first = usize::from(prev.is_some());
    let last = chars.len() - usize::from(next.is_some()); // exclusive end of `s`
    let mut n = 0;
    for i in 0..chars.len() {
        let inside = i >= first && i < last;
        if inside && kinds[i] == C1 {
            n += 1;
        }
        if i + 1 < chars.len() && (inside || i + 1 >= first && i + 1 < last) {
            n += pair(chars[i], kinds[i], chars[i + 1], kinds[i + 1]);
        }
        // The triple i, i+1, i+2 touches `s` (first..last).
        if i + 2 < chars.len() && i + 2 >= first && i < last {
            n += triple([chars[i], chars[i + 1], chars[i + 2]], [kinds[i], kinds[i + 1], kinds[i + 2]]);
        }
    }
    n
}

fn triple(c: [char; 3], k: [Kind; 3]) -> u32 {
    let cyr = |x: char| matches!(x, 'В' | 'Г' | 'Р' | 'С');
    let greek = |x: char| matches!(x, 'Β' | 'Γ' | 'Ξ' | 'Ο');
    let odd_mid = matches!(k[1], C1 | Odd | Open | Close | Money) || matches!(c[1], '°' | 'µ');
    let hit = (cyr(c[0]) && cyr(c[2]) && odd_mid)
        || (greek(c[0]) && greek(c[2]) && odd_mid)
        || (matches!(k[0], LowAcc | UpAcc | Money | Numeric | Box) && k[1] == Close && k[2] == Open)
        || (matches!(k[0], LowAcc | UpAcc) && matches!(k[1], Open | Close) && c[2].is_alphanumeric())
        // A lone `Ã`/`Â` after a lowercase letter, before a space: `voilÃ le`.
        || (c[0].is_ascii_lowercase() && matches!(c[1], 'Ã' | 'Â') && c[2] == ' ')
        // An accented capital inside a lowercase word, before a symbol or
        // another capital: `mĂĄm`, `pagrÄŻstai`, `baÅ†`.
        || (c[0].is_ascii_lowercase()
            && k[1] == UpAcc
            && !c[2].is_ascii()
            && !c[2].is_lowercase()
            && !matches!(c[2], '’' | '…' | '¥'))
        // Windows-1251 misreads alternate `Р`/`С` with another character.
        || (matches!(c[0], 'Р' | 'С') && matches!(c[2], 'Р' | 'С') && !c[1].is_ascii());
    u32::from(hit)
}

/// Characters a re-decoding should not produce. A misread of ordinary
/// text decodes to letters of the common alphabets, punctuation, symbols,
/// CJK and emoji; everything else (controls, IPA, rare extensions,
/// Mongolian, Han extension A, private use) means the bytes were not UTF-8.
pub fn is_rare(c: char) -> bool {
    let u = c as u32;
    let common = matches!(u,
        0x09 | 0x0A | 0x20..=0x7E | 0xA0..=0x17F
        | 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x218..=0x21B
        | 0x2BC | 0x2C6..=0x2DD | 0x300..=0x36F
        | 0x386..=0x3CE | 0x400..=0x45F | 0x490 | 0x491
        | 0x5D0..=0x5EA | 0x5F0..=0x5F4 | 0x600..=0x6FF
        | 0x900..=0xDFF | 0xE00..=0xE7F | 0x10A0..=0x10FF
        | 0x1E00..=0x1EFF | 0x2000..=0x206F | 0x2070..=0x209F | 0x20A0..=0x20CF
        | 0x2100..=0x2BFF | 0x3000..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3
        | 0xFB01 | 0xFB02 | 0xFE00..=0xFE0F | 0xFF00..=0xFFEF | 0xFFFD | 0x1F000..=0x1FAFF);
    !common
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_scores_above_its_repair() {
        for (bad, good) in [
            ("cafÃ©", "café"),
            ("â€œquotedâ€\u{9d}", "“quoted”"),
            ("вЂ“", "–"),
            ("╨┐╤Ç╨░", "пра"),
            ("g√¢teaux", "gâteaux"),
            ("Ä°stanbul", "İstanbul"),
        ] {
            assert!(badness(None, bad, None) > badness(None, good, None), "{bad} vs {good}");
        }
    }

    #[test]
    fn written_text_scores_zero() {
        for s in ["Café au lait, naïve São Paulo", "“Quoted” – text… it’s fine", "Ελληνικά и русский", "├┤a┼┐a", "5×£35", "√π"] {
            assert_eq!(badness(None, s, None), 0, "{s}");
        }
    }

    #[test]
    fn context_counts_only_pairs_touching_the_span() {
        assert_eq!(badness(Some('Ã'), "x", None), 0);
        assert_eq!(badness(Some('Ã'), "©", None), 1);
    }

    #[test]
    fn rare_characters() {
        assert!(is_rare('ɡ'));
        assert!(is_rare('\u{85}'));
        assert!(!is_rare('é'));
        assert!(!is_rare('中'));
        assert!(!is_rare('\u{301}'));
        assert!(is_rare('\u{1813}'));
        assert!(is_rare('\u{3880}'));
    }
}
