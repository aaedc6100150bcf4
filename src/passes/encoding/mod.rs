//! Encoding damage left in decoded text (family E2xx): mojibake, where UTF-8
//! bytes were read in a single-byte code page (`Ã©` for `é`, `â€™` for `’`,
//! `ä¸­` for `中`, `вЂ“` for `–`, `g√¢teaux`, `╨┐`), possibly several
//! times over, and C1 control characters that are Windows-1252 characters
//! read as Latin-1.
//!
//! Finding: mojibake characters are all encoded with a lead byte in
//! 0xC2..=0xD3, 0xE2 or 0xEF, so a vectorized scan skips everything else
//! (ASCII and CJK text); a hit is looked at only when it is a UTF-8 lead
//! byte in some code page followed by a continuation byte in the same one.
//!
//! Judging: each run of characters that re-encodes, in one code page, to
//! valid UTF-8 is decoded (and decoded again while it still improves), and
//! kept only when the `badness` measure of the result is lower than that
//! of the original in the same context. See `codepages` for the pages.

mod badness;
mod codepages;

use crate::edit::{
    Confidence::{Review, Safe},
    Edit,
};
use crate::error::Result;
use crate::passes::kit::{Context, Pass, Setup};
use badness::{badness, is_rare};
use codepages::{maybe_paged, CodePage, PAGES, ROLES};
use std::sync::LazyLock;

crate::declare_rules! { pass = "encoding";
    /// ## What it fixes
    /// Mojibake: text whose UTF-8 bytes were decoded in a single-byte code
    /// page, so each character became two to four accented letters or
    /// symbols, possibly several times over. The pages: Windows-1252 and
    /// Latin-1, Windows-1251, -1250, -1253, -1254, -1257, ISO-8859-2,
    /// MacRoman and CP437, with the bytes a page leaves undefined kept. The
    /// sequence is re-encoded in that page and decoded as UTF-8 (CESU-8
    /// surrogate pairs included).
    ///
    /// ## Example
    /// ```text
    /// the cafÃ© said â€˜helloâ€™ to ä¸­å›½, Tip 2 вЂ“ Email, g√¢teaux
    /// ```
    /// Becomes:
    /// ```text
    /// the café said ‘hello’ to 中国, Tip 2 – Email, gâteaux
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// café, naïve, São Paulo, Ångström, Charlotte Brontë…”, NICIODATĂ™, √π
    /// ```
    ///
    /// ## Why safe
    /// The edit is made only when the whole sequence re-encodes to valid
    /// UTF-8 of ordinary characters and the result scores lower on a
    /// mojibake measure (unlikely neighbours such as `Ã©`, `â€`, `вЂ`) than
    /// the original in the same context; a single two-character sequence
    /// must also sit in a word or beside other repairs on its line, and a
    /// line that stays mostly mojibake is left alone.
    E201 = ("mojibake", Safe, true, "UTF-8 read in a single-byte code page (mojibake) re-decoded");
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
    /// ## What it fixes
    /// Mojibake whose byte 0xA0 (the second byte of `à`, of a no-break space
    /// and of many other characters) was turned into a plain space after the
    /// misreading, so the sequence no longer re-decodes as it stands. The
    /// space is read as 0xA0 again.
    ///
    /// ## Example
    /// ```text
    /// voilÃ le travail, jusqu'Ã nos jours
    /// ```
    /// Becomes:
    /// ```text
    /// voilà le travail, jusqu'à nos jours
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// C O N C L U S Ã O
    /// ```
    ///
    /// ## Why review
    /// A lone `Ã` before a space is taken for `à` only after a lowercase
    /// letter or before a lowercase word; the guess is right in every case
    /// seen but rests on one character.
    E203 = ("mojibake-lost-a0", Review, true, "mojibake whose no-break-space byte became a space re-decoded");
    /// ## What it fixes
    /// Mojibake in which some bytes were already lost: replaced by `�` or
    /// `?` when the misread text was converted again (`â€�` for `”`). The
    /// character cannot be recovered; the whole sequence becomes one `�`
    /// instead of two or three junk characters.
    ///
    /// ## Example
    /// ```text
    /// lossy decodingâ€�
    /// ```
    /// Becomes:
    /// ```text
    /// lossy decoding�
    /// ```
    ///
    /// ## Why safe
    /// Only complete UTF-8 sequences are replaced, judged as mojibake by the
    /// same measure as E201.
    E204 = ("mojibake-lossy", Safe, true, "mojibake with lost bytes replaced with one U+FFFD");
    /// ## What it fixes
    /// Chinese text in GBK whose bytes were read as Latin-1/Windows-1252:
    /// every Chinese character became two accented letters or symbols. The
    /// run is re-encoded and decoded as GBK.
    ///
    /// ## Example
    /// ```text
    /// ÖÐÎÄ and ¹ú¼Ò
    /// ```
    /// Becomes:
    /// ```text
    /// 中文 and 国家
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// MÄ£ÄM ÌÑÌ, Ôôô VIDA MINHA
    /// ```
    ///
    /// ## Why safe
    /// Only runs of at least two characters are repaired whose bytes re-decode
    /// exactly, each pair a character of GB2312's first level (the 3,755
    /// commonest Han characters) or its punctuation: accented Latin text
    /// almost never pairs up so.
    E205 = ("gbk-read-as-latin1", Safe, true, "GBK read as Latin-1 (Chinese mojibake) re-decoded");
    /// ## What it fixes
    /// The full-width space U+3000 that Chinese pages indent and pad with
    /// is the byte pair A1 A1 in GB2312/GBK. Read as Latin-1 or
    /// Windows-1252 each pair shows as `¡¡`; read as Mac Roman, as `°°`.
    /// Such runs become the full-width spaces they were (the whitespace
    /// pass then treats them as indentation or padding).
    ///
    /// ## Example
    /// ```text
    /// ¡¡ ¡¡ ¡¡ (100 million yuan)
    /// °°°°Laypersons may not be aware of it.
    /// ```
    /// Becomes (full-width spaces, which the whitespace pass then removes
    /// as indentation):
    /// ```text
    /// 　 　 　 (100 million yuan)
    /// 　　Laypersons may not be aware of it.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// ¡¡Hola, amigos!! It was 30°° in the shade, or 40° at noon.
    /// ```
    ///
    /// ## Why safe
    /// Only whole runs of an even number of `¡` standing alone between
    /// spaces or line edges (Spanish `¡¡Hola` is followed by its word), and
    /// runs of an even number of `°` at the start of a line or after a space
    /// and not before a digit (a degree sign follows a number). Neither
    /// doubled sign is written so in text.
    E206 = ("gbk-space-read-as-single-byte", Safe, true, "GBK full-width spaces read in a single-byte code page restored");
}

const R_GBK: &str = "GBK read as Latin-1 (Chinese mojibake) re-decoded";
const R_GBK_QUOTE: &str = "GBK quotation mark read as Latin-1 (`¡¯`) restored";
const R_PAD: &str = "GBK full-width spaces read as `¡¡` (Latin-1) or `°°` (Mac Roman) restored";
const R_C1: &str = "C1 control is a Windows-1252 character";
const R_A0: &str = "mojibake whose no-break-space byte became a space re-decoded";
const R_LOSSY: &str = "mojibake whose bytes were already lost replaced with one U+FFFD";

/// Options of the encoding pass (`[encoding]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The encoding pass.
pub struct Encoding {}

impl Encoding {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        // Build the tables now, not inside the first document.
        LazyLock::force(&ROLES);
        Ok(Encoding {})
    }
}

/// The Windows-1252 character for a C1 control, if it has one.
fn c1_to_cp1252(c: char) -> Option<char> {
    let u = c as u32;
    if !(0x80..=0x9F).contains(&u) {
        return None;
    }
    let ch = PAGES[0].high[(u - 0x80) as usize];
    (ch != c).then_some(ch)
}

/// Bytes that may start a suspicious character: the UTF-8 leads of every
/// character some code page holds (Latin-1 to Cyrillic, general punctuation,
/// box drawing, `ﬁ`, `�`). CJK text (0xE3..=0xED leads) is skipped whole.
#[inline(always)]
fn may_start(b: u8) -> bool {
    (0xC2..=0xD3).contains(&b) | (b == 0xE2) | (b == 0xEF)
}

/// Is the character at `i` (a non-ASCII character) the start of something
/// worth a closer look: a C1 control, or a character that is a UTF-8 lead
/// byte in some code page followed by one that continues it there (or by a
/// space, `?` or `�` standing for a lost byte)?
fn suspicious_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    // The common case, decided on bytes: a character followed by an ASCII
    // byte that cannot stand for a lost one (`’s`, `” `).
    let len = if b[i] >= 0xE0 { 3 } else { 2 };
    if let Some(&n) = b.get(i + len) {
        if n < 0x80 && n != b' ' && n != b'?' {
            return ('\u{80}'..='\u{9f}').contains(&text[i..].chars().next().unwrap_or(' '));
        }
    }
    let mut it = text[i..].chars();
    let Some(c) = it.next() else { return false };
    if ('\u{80}'..='\u{9f}').contains(&c) {
        return true;
    }
    // `¡¡` or `°°`: maybe GBK full-width spaces (E206); `¡¯`: a GBK
    // quotation mark (E205).
    if matches!(c, '\u{a1}' | '\u{b0}') && text[i + len..].starts_with(c) {
        return true;
    }
    if c == '\u{a1}' && text[i + len..].starts_with(['®', '¯', '°', '±']) {
        return true;
    }
    if !maybe_paged(c) {
        return false;
    }
    let Some(r) = ROLES.get(&c) else { return false };
    if r.lead == 0 {
        return false;
    }
    match it.next() {
        Some(' ') => r.a0_lead != 0,
        Some('?' | '\u{fffd}') => true,
        // Two Latin-1 letters or symbols: maybe GBK read as Latin-1.
        Some(n) if matches!(c, '\u{a1}'..='\u{ff}') && matches!(n, '\u{a1}'..='\u{ff}') => true,
        Some(n) if !n.is_ascii() => ROLES.get(&n).is_some_and(|rn| rn.cont & r.lead != 0),
        _ => false,
    }
}

impl Pass for Encoding {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        let mut i = 0;
        // End of the last segment looked at: segments never overlap.
        let mut done = 0;
        while i < b.len() {
            i = crate::text::scan::find_byte(b, i, may_start);
            if i >= b.len() {
                break;
            }
            if !suspicious_at(text, i) {
                i += 1;
                continue;
            }
            let (start, end) = segment_around(text, i);
            repair_segment(text, start.max(done), end, &mut edits);
            done = end;
            i = end.max(i + 1);
        }
        edits
    }
}

/// Most characters of context a segment takes on each side of a hit.
const SEGMENT_REACH: usize = 2048;

/// The line around byte `i`, at most [`SEGMENT_REACH`] bytes each side.
fn segment_around(text: &str, i: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let lo = i.saturating_sub(SEGMENT_REACH);
    let mut start = memchr::memrchr(b'\n', &b[lo..i]).map_or(lo, |p| lo + p + 1);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let hi = (i + SEGMENT_REACH).min(b.len());
    let mut end = memchr::memchr(b'\n', &b[i..hi]).map_or(hi, |p| i + p);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start, end)
}

/// One decoded UTF-8 sequence: characters `start..end` of the segment.
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    text: String,
    /// Bytes in the sequence.
    len: usize,
    /// A byte was already lost (`�` or `?` in its place): decodes to `�`.
    lossy: bool,
    /// A space stood for byte 0xA0.
    a0: bool,
}

/// A run of adjacent units read in one code page, and what it decodes to.
#[derive(Debug, Clone)]
struct Span {
    page: usize,
    start: usize,
    end: usize,
    units: Vec<Unit>,
}

/// Byte of `c` in `page`, `�` standing for a lost byte (0x1A).
fn byte_in(page: &CodePage, c: char) -> Option<u8> {
    if c == '\u{fffd}' {
        Some(0x1A)
    } else {
        page.byte(c)
    }
}

/// The UTF-8 sequence whose lead is character `j` of `chars`, read in `page`.
fn unit_at(chars: &[char], j: usize, page_ix: usize) -> Option<Unit> {
    let page = &PAGES[page_ix];
    let lead = page.byte(chars[j])?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let (mut lossy, mut a0) = (false, false);
    for t in 1..=need {
        let c = *chars.get(j + t)?;
        match byte_in(page, c)? {
            b @ 0x80..=0xBF => bytes.push(b),
            0x1A => {
                lossy = true;
                bytes.push(0x80);
            }
            b'?' if need >= 2 || matches!(lead, 0xC2 | 0xC3) => {
                lossy = true;
                bytes.push(0x80);
            }
            b' ' if codepages::a0_lead(page_ix, lead) => {
                a0 = true;
                bytes.push(0xA0);
            }
            _ => return None,
        }
    }
    let mut end = j + 1 + need;
    let text = if lossy {
        if a0 {
            return None;
        }
        "\u{fffd}".to_string()
    } else if lead == 0xED && (0xA0..=0xAF).contains(&bytes[1]) {
        // CESU-8: a UTF-16 surrogate pair encoded as two 3-byte sequences.
        let next = unit_bytes(chars, end, page, 3)?;
        if next[0] != 0xED || !(0xB0..=0xBF).contains(&next[1]) {
            return None;
        }
        let half = |b: &[u8]| 0xD000 | (u32::from(b[1] & 0x3F) << 6) | u32::from(b[2] & 0x3F);
        let cp = 0x10000 + ((half(&bytes) - 0xD800) << 10) + (half(&next) - 0xDC00);
        end += 3;
        char::from_u32(cp)?.to_string()
    } else {
        // Windows-1252 mojibake of mojibake: a C1 control here was a
        // Windows-1252 byte read as Latin-1 (`Â…` is `…`).
        let s = std::str::from_utf8(&bytes).ok()?;
        let windows_1252 = std::ptr::eq(page, &PAGES[0]);
        s.chars().map(|c| if windows_1252 { c1_to_cp1252(c).unwrap_or(c) } else { c }).collect()
    };
    // `voilÃ le`: the space was both the lost 0xA0 and a word space.
    if a0 && need == 1 && lead == 0xC3 && chars.get(end) != Some(&' ') {
        end -= 1;
    }
    Some(Unit { start: j, end, text, len: if lossy { need + 1 } else { bytes.len() }, lossy, a0 })
}

/// `n` plain bytes (no stand-ins) of characters from `at` in `page`.
fn unit_bytes(chars: &[char], at: usize, page: &CodePage, n: usize) -> Option<Vec<u8>> {
    chars.get(at..at + n)?.iter().map(|&c| page.byte(c)).collect()
}

/// Every maximal run of units in `page`.
fn spans_in(chars: &[char], page_ix: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut j = 0;
    while j < chars.len() {
        let Some(u) = (!chars[j].is_ascii()).then(|| unit_at(chars, j, page_ix)).flatten() else {
            j += 1;
            continue;
        };
        j = u.end.max(j + 1);
        match out.last_mut() {
            Some(s) if s.end == u.start => {
                s.end = u.end;
                s.units.push(u);
            }
            _ => out.push(Span { page: page_ix, start: u.start, end: u.end, units: vec![u] }),
        }
    }
    out
}

/// How deep mojibake of mojibake is undone.
const MAX_LAYERS: usize = 4;

/// Repaired text of `chars` (one segment) as accepted spans: (char range,
/// replacement, page, kind of repair).
fn repair_chars(chars: &[char], depth: usize) -> Vec<(usize, usize, String, usize, Repair)> {
    let mut cands: Vec<Span> = (0..PAGES.len()).flat_map(|k| spans_in(chars, k)).collect();
    // Where two pages read the same characters, the page that reads more of
    // the segment wins (`ĂĄ` is `á` in ISO-8859-2 beside `Ĺ\u{99}`, `å` in
    // Windows-1250).
    let mut coverage = [0usize; 16];
    for s in &cands {
        coverage[s.page] += s.end - s.start;
    }
    cands.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), std::cmp::Reverse(coverage[s.page]), s.page));
    let mut taken: Vec<(usize, usize, String, usize, Repair)> = Vec::new();
    let mut weak: Vec<(Span, String, Repair)> = Vec::new();
    for s in cands {
        if taken.iter().any(|t| t.0 < s.end && s.start < t.1) {
            continue;
        }
        let Some((end, fixed, verdict)) = judge(chars, &s, depth) else { continue };
        let s = Span { end, ..s };
        match verdict {
            Verdict::Take(kind) => taken.push((s.start, s.end, fixed, s.page, kind)),
            Verdict::IfOthers(kind) => weak.push((s, fixed, kind)),
        }
    }
    // Weak repairs (one short sequence, no word around it) stand only beside
    // strong ones in the same segment.
    if !taken.is_empty() {
        for (s, fixed, kind) in weak {
            if !taken.iter().any(|t| t.0 < s.end && s.start < t.1) {
                taken.push((s.start, s.end, fixed, s.page, kind));
            }
        }
    }
    taken.sort_by_key(|t| t.0);
    // Repairs into three or more scripts at once are not one misreading
    // but noise read as bytes (`ã†â€™ãƒâ€ ã¢â‚¬â„¢…`): none is taken.
    let mut scripts = 0u16;
    for t in &taken {
        for c in t.2.chars().filter(|c| c.is_alphabetic()) {
            scripts |= 1 << script_of(c);
        }
    }
    if scripts.count_ones() >= 3 {
        taken.clear();
    }
    taken
}

/// A coarse script number for the three-scripts test.
fn script_of(c: char) -> u32 {
    match c as u32 {
        0..=0x24F | 0x1E00..=0x1EFF | 0xFB00..=0xFB06 => 0,
        0x370..=0x3FF => 1,
        0x400..=0x52F => 2,
        0x590..=0x5FF => 3,
        0x600..=0x6FF => 4,
        0x900..=0xDFF => 5,
        0xE00..=0xE7F => 6,
        0x3040..=0x30FF => 7,
        0xAC00..=0xD7A3 => 8,
        0x3400..=0x9FFF => 9,
        _ => 10,
    }
}

/// Which rule a repair is reported under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repair {
    Mojibake,
    LostA0,
    Lossy,
}

enum Verdict {
    Take(Repair),
    IfOthers(Repair),
}

/// Undo further layers of mojibake in `s`.
fn deeper(s: String, depth: usize) -> String {
    if depth + 1 >= MAX_LAYERS || s.is_ascii() {
        return s;
    }
    let chars: Vec<char> = s.chars().collect();
    let reps = repair_chars(&chars, depth + 1);
    if reps.is_empty() {
        return s;
    }
    apply_char_repairs(&chars, &reps)
}

fn apply_char_repairs(chars: &[char], reps: &[(usize, usize, String, usize, Repair)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in reps {
        out.extend(&chars[at..r.0]);
        out.push_str(&r.2);
        at = r.1;
    }
    out.extend(&chars[at..]);
    out
}

/// Portuguese contractions of `à`: `Ã s` is `às`, not `à s`.
const A_CONTRACTIONS: &[&str] = &["s", "quele", "queles", "quela", "quelas", "quilo"];

/// Decide whether span `s` of `chars` is mojibake: its repair, and how sure.
/// At `depth` > 0 the span is inside text already judged mojibake.
fn judge(chars: &[char], s: &Span, depth: usize) -> Option<(usize, String, Verdict)> {
    let decoded: String = s.units.iter().map(|u| u.text.as_str()).collect();
    let fixed = deeper(decoded, depth);
    if fixed.chars().any(is_rare) {
        return None;
    }
    let prev = s.start.checked_sub(1).map(|p| chars[p]);
    let mut end = s.end;
    let next = chars.get(s.end).copied();
    let orig: String = chars[s.start..s.end].iter().collect();
    let kind = if s.units.iter().any(|u| u.lossy) {
        Repair::Lossy
    } else if s.units.iter().any(|u| u.a0) {
        Repair::LostA0
    } else {
        Repair::Mojibake
    };
    let sure = |k| if depth > 0 { Verdict::Take(k) } else { Verdict::IfOthers(k) };
    // `à` whose 0xA0 byte became a space or stayed a no-break space
    // (`voilÃ le`, `Ã l’ouest`, `CÃ\u{a0}nan`): the commonest French word,
    // judged by its neighbours.
    if fixed == "à" && matches!(chars.get(s.start + 1), Some(' ' | '\u{a0}')) {
        let word_at = |i: usize| -> String { chars[i.min(chars.len())..].iter().take_while(|c| c.is_alphabetic()).collect() };
        let after = (s.start + 2..chars.len()).find(|&i| chars[i] != ' ').unwrap_or(chars.len());
        let next_word = word_at(after);
        let after_lower = prev.is_some_and(|p| p.is_ascii_lowercase() || p == '\'' || p == '’');
        let in_word = prev.is_some_and(char::is_alphabetic) && chars.get(s.start + 2).is_some_and(|c| c.is_alphabetic());
        let word_before = prev.is_none_or(|p| p == ' ');
        let next_lower = next_word.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if !(after_lower || in_word || (word_before && next_lower)) {
            return None;
        }
        let after_word = chars.get(after + next_word.chars().count()).copied();
        let word_ends = after_word.is_none_or(|c| !c.is_alphanumeric() && c != '\'' && c != '’');
        if chars[s.start + 1] == ' ' && end == s.start + 1 && word_ends && A_CONTRACTIONS.contains(&next_word.as_str()) {
            end = s.start + 2; // the space was the 0xA0: `às`
        }
        let verdict = if PAGES[s.page].high[0xC3 - 0x80] == 'Ã' { Verdict::Take(kind) } else { sure(kind) };
        return Some((end, fixed, verdict));
    }
    // A no-break space after a capital is as likely a name: `MISUTÂ AJIKKO`.
    if fixed.starts_with('\u{a0}') && prev.is_some_and(char::is_uppercase) {
        return None;
    }
    let neutral = |t: &str| t.replace('\u{fffd}', "#");
    let before = badness(prev, &orig, next);
    let after = badness(prev, &neutral(&fixed), next);
    let strong = s.units.len() > 1 || s.units[0].len > 2;
    if after > before || (after == before && !(depth > 0 && strong)) {
        // No better by the measure: taken only inside a word, beside other
        // repairs, when the result is letters and scores zero.
        let in_word = prev.is_some_and(char::is_alphabetic) || next.is_some_and(char::is_alphabetic);
        if after == 0 && in_word && fixed.chars().all(char::is_alphabetic) {
            return Some((end, fixed, sure(kind)));
        }
        if after == 0 && kind == Repair::LostA0 {
            return Some((end, fixed, sure(kind)));
        }
        return None;
    }
    if !strong && kind == Repair::Mojibake {
        let f = fixed.chars().next().unwrap_or(' ');
        let by = |f: fn(&char) -> bool| prev.as_ref().is_some_and(f) || next.as_ref().is_some_and(f);
        if f.is_alphabetic() && !by(|c| c.is_alphabetic()) || !f.is_alphabetic() && !by(|c| c.is_alphanumeric()) {
            return Some((end, fixed, sure(kind)));
        }
    }
    // CJK glued to a Latin letter (`Brontë…”` is not `Bront녔`).
    let cjk = |c: char| crate::text::script::is_cjk_letter(c);
    if fixed.chars().next().is_some_and(cjk) && prev.is_some_and(|p| p.is_ascii_alphabetic())
        || fixed.chars().last().is_some_and(cjk) && next.is_some_and(|n| n.is_ascii_alphabetic())
    {
        return None;
    }
    Some((end, fixed, Verdict::Take(kind)))
}

/// Runs (start, end) of `chars` (at byte offsets `offs` in `text`) that are
/// GBK full-width spaces (A1 A1) read in a single-byte code page: an even
/// number of `¡` (Latin-1) between spaces or line edges, or of `°` (Mac
/// Roman) at a line start or after a space and not before a digit.
fn padding_runs(text: &str, offs: &[usize], chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut j = 0;
    while j < chars.len() {
        let c = chars[j];
        if c != '\u{a1}' && c != '\u{b0}' {
            j += 1;
            continue;
        }
        let a = j;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        if (j - a) % 2 != 0 {
            continue;
        }
        let prev = text[..offs[a]].chars().next_back();
        let next = text[offs[j]..].chars().next();
        let space = |x: Option<char>| x.is_none_or(|x| x.is_whitespace());
        let ok = if c == '\u{a1}' { space(prev) && space(next) } else { space(prev) && !next.is_some_and(|n| n.is_ascii_digit()) };
        if ok {
            out.push((a, j));
        }
    }
    out
}

/// Runs of `chars` that are GBK text read as Latin-1/Windows-1252:
/// (start, end, Chinese text). A run is every character that is a high byte
/// in Windows-1252; it must pair up whole into GB2312 characters. A run of
/// at least two Han characters of GB2312's first level (the 3,755 commonest)
/// and its punctuation is evidence; given evidence in the segment, shorter
/// runs and second-level characters are taken too (`2024Äê` is `2024年`).
fn gbk_runs(chars: &[char]) -> Vec<(usize, usize, String)> {
    let page = &PAGES[0];
    let mut found = Vec::new();
    let mut evidence = false;
    let mut j = 0;
    while j < chars.len() {
        let start = j;
        let mut bytes = Vec::new();
        while let Some(b) = chars.get(j).and_then(|&c| page.byte(c)).filter(|&b| b >= 0xA1 && b != 0xFF) {
            bytes.push(b);
            j += 1;
        }
        if j == start {
            j += 1;
            continue;
        }
        if bytes.len() % 2 != 0 {
            continue;
        }
        let pairs: Vec<&[u8]> = bytes.chunks(2).collect();
        let punct = |p: &[u8]| matches!(p[0], 0xA1..=0xA3);
        let level1 = |p: &[u8]| matches!(p[0], 0xB0..=0xD6) || (p[0] == 0xD7 && p[1] <= 0xF9);
        let level2 = |p: &[u8]| matches!(p[0], 0xD8..=0xF7);
        if !pairs.iter().all(|p| punct(p) || level1(p) || level2(p)) {
            continue;
        }
        let (text, bad) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
        if bad || text.chars().count() != pairs.len() {
            continue;
        }
        // UTF-8 mojibake of accented letters (`Ã©` is C3 A9) pairs up into
        // GB2312 too: only bytes that are not UTF-8 count as evidence.
        evidence |= pairs.iter().filter(|p| level1(p)).count() >= 2
            && pairs.iter().all(|p| punct(p) || level1(p))
            && std::str::from_utf8(&bytes).is_err();
        found.push((start, j, text.into_owned()));
    }
    if !evidence {
        found.clear();
    }
    found
}

/// Find and push the repairs of the segment `start..end` of `text`.
fn repair_segment(text: &str, start: usize, end: usize, edits: &mut Vec<Edit>) {
    let seg = &text[start..end];
    let offs: Vec<usize> = seg.char_indices().map(|(o, _)| start + o).chain([end]).collect();
    let chars: Vec<char> = seg.chars().collect();
    let mut reps = repair_chars(&chars, 0);
    // A segment that stays mostly mojibake after the repairs is noise read
    // as bytes, not one misreading: better left as it is.
    if !reps.is_empty() {
        let left = badness(None, &apply_char_repairs(&chars, &reps).replace('\u{fffd}', "#"), None);
        if left >= 3 && left * 2 > badness(None, seg, None) {
            reps.clear();
        }
    }
    let mut covered = vec![false; chars.len()];
    for (a, b) in padding_runs(text, &offs, &chars) {
        covered[a..b].iter_mut().for_each(|x| *x = true);
        reps.retain(|r| r.1 <= a || r.0 >= b);
        edits.push(Edit::replacement(offs[a]..offs[b], "\u{3000}".repeat((b - a) / 2), E206, Safe, R_PAD));
    }
    let gbk = gbk_runs(&chars);
    if !gbk.is_empty() {
        // A line of GBK read as Latin-1 holds no UTF-8 mojibake: the
        // readings in code pages are accidents of its bytes.
        reps.clear();
    }
    for (a, b, fixed) in gbk {
        if covered[a..b].iter().any(|&x| x) {
            continue;
        }
        covered[a..b].iter_mut().for_each(|x| *x = true);
        edits.push(Edit::replacement(offs[a]..offs[b], fixed, E205, Safe, R_GBK));
    }
    // A GBK quotation mark alone in text read as Latin-1 (`students¡¯`,
    // `¡°yes¡±`): the bytes A1 AE–B1 are ‘ ’ “ ”; as Latin-1 pairs they are
    // never text.
    for a in 0..chars.len().saturating_sub(1) {
        let quote = match (chars[a], chars[a + 1]) {
            ('\u{a1}', '®') => "\u{2018}",
            ('\u{a1}', '¯') => "\u{2019}",
            ('\u{a1}', '°') => "\u{201c}",
            ('\u{a1}', '±') => "\u{201d}",
            _ => continue,
        };
        if covered[a] || covered[a + 1] {
            continue;
        }
        reps.retain(|r| r.1 <= a || r.0 >= a + 2);
        covered[a] = true;
        covered[a + 1] = true;
        edits.push(Edit::replacement(offs[a]..offs[a + 2], quote, E205, Safe, R_GBK_QUOTE));
    }
    for (a, b, fixed, page, kind) in reps {
        covered[a..b].iter_mut().for_each(|x| *x = true);
        let (code, conf, reason) = match kind {
            Repair::Mojibake => (E201, Safe, PAGES[page].reason),
            Repair::LostA0 => (E203, Review, R_A0),
            Repair::Lossy => (E204, Safe, R_LOSSY),
        };
        edits.push(Edit::replacement(offs[a]..offs[b], fixed, code, conf, reason));
    }
    for (j, &c) in chars.iter().enumerate() {
        if covered[j] {
            continue;
        }
        if let Some(ch) = c1_to_cp1252(c) {
            edits.push(Edit::replacement(offs[j]..offs[j + 1], ch.to_string(), E202, Safe, R_C1));
        }
    }
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

    #[test]
    fn fixes_other_code_pages() {
        // Windows-1251, MacRoman, CP437, ISO-8859-2 misreads.
        assert_pass_fixes(&pass(), "Blog Traffic Tip 2 вЂ“ Broadcast", "Blog Traffic Tip 2 – Broadcast");
        assert_pass_fixes(&pass(), "conseille g√¢teaux et baies", "conseille gâteaux et baies");
        assert_pass_fixes(&pass(), "#╨┐╤Ç╨░╨▓╨╕╨╗╤î╨╜╨╛╨╡", "#правильное");
        assert_pass_fixes(&pass(), "MĂĄm dost tĹ\u{99}etĂ\u{ad}ho", "Mám dost třetího");
    }

    #[test]
    fn fixes_lone_a_grave_whose_byte_became_a_space() {
        assert_pass_fixes(&pass(), "voilÃ le travail", "voilà le travail");
        assert_pass_fixes(&pass(), "com especial atenÃ§Ã£o Ã s crianÃ§as", "com especial atenção às crianças");
        assert_pass_keeps(&pass(), "C O N C L U S Ã O");
    }

    #[test]
    fn lossy_sequences_become_one_replacement_character() {
        assert_pass_fixes(&pass(), "â€œlossy decodingâ€\u{fffd}", "“lossy decoding\u{fffd}");
    }

    #[test]
    fn fixes_cesu8_emoji() {
        assert_pass_fixes(&pass(), "Hi guys í\u{a0}½í¸\u{8d}", "Hi guys 😍");
    }

    #[test]
    fn fixes_layers_of_mojibake() {
        assert_pass_fixes(&pass(), "The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have", "The Mona Lisa doesn’t have");
    }

    #[test]
    fn keeps_text_that_only_looks_like_mojibake() {
        for s in ["I'm not such a fan of Charlotte Brontë…”", "There are a lot of Ã’s in mojibake text", "NICIODATĂ™", "MISUTÂ\u{a0}AJIKKO", "( o¬ô )", "√π and ∆°"] {
            assert_pass_keeps(&pass(), s);
        }
    }

    #[test]
    fn reasons_name_their_code_page() {
        let reasons: std::collections::BTreeSet<&str> = super::PAGES.iter().map(|p| p.reason).collect();
        assert_eq!(reasons.len(), super::PAGES.len());
    }

    #[test]
    fn fixes_gbk_read_as_latin1() {
        // fixtures/pages: `Home>>English[英文版]`, `2024年3月5日,中共中央…`.
        assert_pass_fixes(&pass(), "Home>>English[Ó¢ÎÄ°æ]>>Investment", "Home>>English[英文版]>>Investment");
        assert_pass_fixes(&pass(), "2024Äê3ÔÂ5ÈÕ,ÖÐ¹²ÖÐÑë", "2024年3月5日,中共中央");
        // One character alone is no evidence.
        assert_pass_keeps(&pass(), "2024Äê only\n");
    }

    #[test]
    fn gbk_full_width_spaces_read_as_single_byte_become_spaces_again() {
        // fixtures/pages 111 (`¡¡`, Latin-1) and 200 (`°°`, Mac Roman).
        assert_pass_fixes(&pass(), "¡¡ ¡¡ (100 million yuan)", "\u{3000} \u{3000} (100 million yuan)");
        assert_pass_fixes(&pass(), "°°°°There is demand.", "\u{3000}\u{3000}There is demand.");
        assert_pass_fixes(&pass(), "x\n¡¡¡¡\n", "x\n\u{3000}\u{3000}\n");
        // Spanish, degrees, odd runs.
        assert_pass_keeps(&pass(), "¡¡Hola!! 30°° or ° °°°");
        assert_pass_fixes(&pass(), "foreign students¡¯ views of today¡¯s China, ¡°new¡± and ¡®old¡¯", "foreign students\u{2019} views of today\u{2019}s China, \u{201c}new\u{201d} and \u{2018}old\u{2019}");
        assert_pass_keeps(&pass(), "a ¡¡¡ b; °°5");
    }

    #[test]
    fn long_lines_of_mojibake_are_repaired_segment_by_segment() {
        // Longer than a segment (2 × 2048 bytes) and without a newline:
        // segments never overlap, every sequence is repaired once.
        let line = "cafÃ© ".repeat(3000);
        assert_pass_fixes(&pass(), &line, &"café ".repeat(3000));
    }
}
