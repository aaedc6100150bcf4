//! Bytes in, UTF-8 out: encoding detection and decoding (rule family E1xx).
//!
//! Input may be UTF-8 (with or without BOM), UTF-16 with a BOM, GBK/GB18030,
//! Big5, Windows-1252 or anything else [`chardetng`] can guess. Decoding never
//! fails: invalid sequences become U+FFFD and each one is listed in the report
//! (rule E101). Output is always UTF-8. Report offsets refer to the *decoded*
//! text, which for UTF-8 input without BOM is the input itself.

use encoding_rs::{DecoderResult, Encoding, UTF_8};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

crate::declare_rules! { pass = "decode";
    /// ## What it fixes
    /// A byte sequence that is invalid in the input's encoding. It becomes
    /// U+FFFD (�) in the text, and its byte offset in the raw input is listed
    /// under `decode.replacements` in the report.
    ///
    /// ## Why safe
    /// The bytes carry no text in that encoding; the replacement only makes the
    /// damage visible instead of failing the whole document.
    E101 = ("invalid-byte-sequence", Safe, true, "invalid byte sequence replaced with U+FFFD");
}

/// How the input was decoded (the report's `decode` object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodeInfo {
    /// The encoding's WHATWG name, e.g. `"UTF-8"`, `"GBK"`, `"Big5"`
    /// (`"UTF-32LE"`/`"UTF-32BE"` for UTF-32, which WHATWG lacks).
    pub encoding: String,
    /// Whether a byte order mark was found (and removed).
    pub bom: bool,
    /// Whether the encoding was guessed rather than certain.
    pub guessed: bool,
    /// Byte offsets in the raw input of sequences replaced with U+FFFD (E101).
    pub replacements: Vec<usize>,
    /// Doubts about the decoding for the user: a weak guess (naming the
    /// alternatives and `--encoding`), a document of control characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Default for DecodeInfo {
    fn default() -> Self {
        DecodeInfo { encoding: "UTF-8".into(), bom: false, guessed: false, replacements: Vec::new(), warnings: Vec::new() }
    }
}

/// Look up an encoding label (`utf-8`, `gbk`, `gb18030`, `big5`, `windows-1252`, `utf-16le`...).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode `bytes` to UTF-8. `forced` skips detection.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> (Cow<'a, str>, DecodeInfo) {
    let (text, mut info) = detect_and_decode(bytes, forced);
    warn_on_controls(&text, &mut info);
    (text, info)
}

fn detect_and_decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> (Cow<'a, str>, DecodeInfo) {
    if let Some(enc) = forced {
        let (bom_enc, bom_len) = Encoding::for_bom(bytes).unwrap_or((enc, 0));
        let bom = bom_len > 0 && bom_enc == enc;
        let body = if bom { &bytes[bom_len..] } else { bytes };
        return decode_with(body, enc, bom, false, if bom { bom_len } else { 0 });
    }
    // UTF-32 first: its little-endian BOM starts like UTF-16LE's.
    if let Some(be) = utf32_bom(bytes) {
        return decode_utf32(&bytes[4..], be, true, false, 4);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], enc, true, false, bom_len);
    }
    // UTF-16/32 without a BOM is told by where its NUL bytes fall (ASCII
    // text in UTF-16 is also valid UTF-8, so this comes before that test).
    if memchr::memchr(0, bytes).is_some() {
        match wide_by_nuls(bytes) {
            Some(Wide::Utf32 { be }) => return decode_utf32(bytes, be, false, true, 0),
            Some(Wide::Utf16(enc)) => return decode_with(bytes, enc, false, true, 0),
            None => {}
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), DecodeInfo::default());
    }
    if mostly_utf8(bytes) {
        return decode_with(bytes, UTF_8, false, true, 0);
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(None, false);
    let (enc, warning) = choose_legacy(bytes, guess);
    let (text, mut info) = decode_with(bytes, enc, false, true, 0);
    info.warnings.extend(warning);
    (text, info)
}

fn utf32_bom(b: &[u8]) -> Option<bool> {
    match b.get(..4)? {
        [0xFF, 0xFE, 0, 0] => Some(false),
        [0, 0, 0xFE, 0xFF] => Some(true),
        _ => None,
    }
}

enum Wide {
    Utf16(&'static Encoding),
    Utf32 { be: bool },
}

/// UTF-16 or UTF-32 without a BOM, told by its NUL bytes: in UTF-16LE the
/// high byte of every ASCII character (odd offsets) is NUL and low bytes
/// almost never are; UTF-32 has two NULs in (nearly) every 4 bytes.
fn wide_by_nuls(b: &[u8]) -> Option<Wide> {
    let sample = &b[..b.len().min(1 << 16) & !3];
    if sample.len() >= 8 && b.len().is_multiple_of(4) {
        let quads = sample.len() / 4;
        let le = sample.chunks_exact(4).filter(|q| q[3] == 0 && q[2] <= 0x10).count();
        let be = sample.chunks_exact(4).filter(|q| q[0] == 0 && q[1] <= 0x10).count();
        let nul_le = sample.chunks_exact(4).filter(|q| q[2] == 0 && q[3] == 0 && q[0] != 0).count();
        let nul_be = sample.chunks_exact(4).filter(|q| q[0] == 0 && q[1] == 0 && q[3] != 0).count();
        if le == quads && nul_le * 2 >= quads {
            return Some(Wide::Utf32 { be: false });
        }
        if be == quads && nul_be * 2 >= quads {
            return Some(Wide::Utf32 { be: true });
        }
    }
    let sample = &b[..b.len().min(1 << 16) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for p in sample.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    let enc = if odd * 10 >= pairs && even * 10 <= odd {
        encoding_rs::UTF_16LE
    } else if even * 10 >= pairs && odd * 10 <= even {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    // It must decode cleanly (no lone surrogates).
    let (_, bad) = enc.decode_without_bom_handling(sample);
    (!bad).then_some(Wide::Utf16(enc))
}

fn decode_utf32<'a>(body: &'a [u8], be: bool, bom: bool, guessed: bool, offset: usize) -> (Cow<'a, str>, DecodeInfo) {
    let name = if be { "UTF-32BE" } else { "UTF-32LE" };
    let mut info = DecodeInfo { encoding: name.into(), bom, guessed, ..DecodeInfo::default() };
    let mut out = String::with_capacity(body.len() / 4 + 16);
    for (k, q) in body.chunks(4).enumerate() {
        let v = match *q {
            [a, b, c, d] if be => u32::from_be_bytes([a, b, c, d]),
            [a, b, c, d] => u32::from_le_bytes([a, b, c, d]),
            _ => u32::MAX,
        };
        match char::from_u32(v) {
            Some(c) => out.push(c),
            None => {
                info.replacements.push(offset + 4 * k);
                out.push('\u{FFFD}');
            }
        }
    }
    (Cow::Owned(out), info)
}

/// Encodings a non-UTF-8 input may be in, most likely first for rinse's
/// input (pages from Chinese sites).
const CANDIDATES: [&Encoding; 7] = [
    encoding_rs::GBK,
    encoding_rs::BIG5,
    encoding_rs::WINDOWS_1252,
    encoding_rs::EUC_KR,
    encoding_rs::SHIFT_JIS,
    encoding_rs::WINDOWS_1251,
    encoding_rs::EUC_JP,
];

/// Inputs with fewer non-ASCII bytes than this are decided by how plausible
/// each candidate's reading is (chardetng's statistics need more).
const FEW_NON_ASCII: usize = 400;

/// Choose among the candidate encodings: chardetng's `guess` for inputs with
/// much non-ASCII text; for the rest, the reading that is most plausible in
/// context (punctuation between Latin words, Han between Han), with a
/// warning when the choice is weak.
fn choose_legacy(bytes: &[u8], guess: &'static Encoding) -> (&'static Encoding, Option<String>) {
    let non_ascii = bytes.iter().filter(|&&b| b >= 0x80).count();
    if non_ascii >= FEW_NON_ASCII {
        return (guess, None);
    }
    let mut scored: Vec<(i64, &'static Encoding, String)> = Vec::new();
    let mut order: Vec<&'static Encoding> = vec![guess];
    order.extend(CANDIDATES.iter().copied().filter(|&e| e != guess));
    for enc in order {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let s = plausibility(&text);
        if scored.iter().any(|(_, _, t)| *t == text) {
            continue;
        }
        scored.push((s, enc, text.into_owned()));
    }
    // Stable: on a tie the earlier (chardetng's guess, then the list) wins.
    scored.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    let (best_score, best, _) = &scored[0];
    let runner = scored.get(1).map(|(s, _, _)| *s);
    let weak = runner.is_some_and(|r| best_score - r < 6) || *best_score <= 0;
    let warning = weak.then(|| {
        let alts: Vec<&str> = scored[1..].iter().filter(|(s, _, _)| *s > i64::MIN / 2).take(3).map(|(_, e, _)| e.name()).collect();
        format!(
            "encoding guessed as {} from few non-ASCII bytes; it could also be {}: pass --encoding to choose",
            best.name(),
            if alts.is_empty() { "another encoding".to_string() } else { alts.join(", ") }
        )
    });
    (best, warning)
}

/// How plausible a decoding is: each non-ASCII character scored by what it
/// is and what stands beside it.
fn plausibility(text: &str) -> i64 {
    let chars: Vec<char> = text.chars().collect();
    let mut score = 0i64;
    let han = |c: char| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF);
    let cjk_punct = |c: char| matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF5E);
    let run_len = |i: usize, f: &dyn Fn(char) -> bool| {
        let mut a = i;
        while a > 0 && f(chars[a - 1]) {
            a -= 1;
        }
        let mut b = i;
        while b < chars.len() && f(chars[b]) {
            b += 1;
        }
        b - a
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let cjk_near = prev.is_some_and(|p| han(p) || cjk_punct(p)) || next.is_some_and(|n| han(n) || cjk_punct(n));
        score += match c {
            '\u{FFFD}' => -20,
            '’' | '‘' | '“' | '”' | '–' | '—' | '…' | '·' | '•' | '°' | '©' | '®' | '™' | '€' | '£' | '¥' | '\u{a0}' => 3,
            _ if han(c) => {
                if cjk_near {
                    2
                } else if run_len(i, &han) >= 2 {
                    1
                } else {
                    -2
                }
            }
            _ if cjk_punct(c) => {
                if cjk_near {
                    3
                } else {
                    1
                }
            }
            _ if matches!(c, '\u{c0}'..='\u{ff}') && c.is_alphabetic() => {
                if prev.is_some_and(|p| p.is_ascii_alphabetic()) || next.is_some_and(|n| n.is_ascii_alphabetic()) {
                    1
                } else {
                    -1
                }
            }
            // Kana or Hangul: only in runs (a language of its own), not alone.
            _ if matches!(c as u32, 0xAC00..=0xD7A3 | 0x3040..=0x30FF) => {
                let kana_hangul = |c: char| matches!(c as u32, 0xAC00..=0xD7A3 | 0x3040..=0x30FF);
                -3 * i64::from(run_len(i, &kana_hangul) < 3)
            }
            _ if c.is_control() => -10,
            _ => -3,
        };
    }
    score
}

/// A document that decodes to many control characters or a run of NULs is
/// binary or misread: say so instead of letting whitespace rules delete them.
/// Counted on bytes (C0 controls but the line-format ones 0x09..=0x0D, and
/// DEL) with a vectorized skip over text that has none.
fn warn_on_controls(text: &str, info: &mut DecodeInfo) {
    let b = text.as_bytes();
    let is_ctl = |x: u8| x < 0x09 || (0x0E..0x20).contains(&x) || x == 0x7F;
    let mut ctl = 0usize;
    let mut at = crate::text::scan::find_byte(b, 0, is_ctl);
    while at < b.len() {
        ctl += 1;
        at = crate::text::scan::find_byte(b, at + 1, is_ctl);
    }
    if ctl == 0 {
        return;
    }
    let mut longest = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr(0, &b[i..]) {
        let start = i + p;
        let end = b[start..].iter().position(|&x| x != 0).map_or(b.len(), |q| start + q);
        longest = longest.max(end - start);
        i = end;
    }
    let total = text.chars().count();
    if (ctl >= 16 && ctl * 20 >= total) || longest >= 8 {
        info.warnings.push(format!(
            "the input decodes as {} to {ctl} control characters of {total} (longest NUL run {longest}): it may be binary or in another encoding; pass --encoding to choose one",
            info.encoding
        ));
    }
}

/// UTF-8 with a few broken sequences (a truncated page, one bad byte) is still
/// UTF-8: guessing a legacy encoding would garble every other character.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid_multibyte > 0 && invalid * 2 <= valid_multibyte
}

fn decode_with<'a>(
    body: &'a [u8],
    enc: &'static Encoding,
    bom: bool,
    guessed: bool,
    offset: usize,
) -> (Cow<'a, str>, DecodeInfo) {
    let mut info = DecodeInfo { encoding: enc.name().to_string(), bom, guessed, ..DecodeInfo::default() };
    if enc == UTF_8 {
        if let Ok(s) = std::str::from_utf8(body) {
            return (Cow::Borrowed(s), info);
        }
    }
    // One pass with replacement (linear however many sequences are
    // malformed); the offsets of the malformed ones are found afterwards only
    // when there are any.
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        info.replacements = malformed_offsets(body, enc, offset);
    }
    (Cow::Owned(text.into_owned()), info)
}

/// Offsets (plus `offset`) of the malformed sequences of `body` in `enc`,
/// decoding into a fixed scratch buffer so each call costs what it reads.
fn malformed_offsets(body: &[u8], enc: &'static Encoding, offset: usize) -> Vec<usize> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut scratch = [0u8; 4096];
    let mut out = Vec::new();
    let mut pos = 0usize;
    loop {
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(&body[pos..], &mut scratch, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                out.push(offset + pos - after as usize - bad as usize);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed() {
        let (s, info) = decode("中文 text".as_bytes(), None);
        assert!(matches!(s, Cow::Borrowed(_)));
        assert_eq!(info.encoding, "UTF-8");
        assert!(!info.bom);
    }

    #[test]
    fn utf8_bom_is_removed() {
        let (s, info) = decode(b"\xEF\xBB\xBFhello", None);
        assert_eq!(s, "hello");
        assert!(info.bom);
    }

    #[test]
    fn utf16le_with_bom() {
        let (s, info) = decode(b"\xFF\xFEh\0i\0", None);
        assert_eq!(s, "hi");
        assert_eq!(info.encoding, "UTF-16LE");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("中华人民共和国国务院新闻办公室发布会今天举行，主要内容是经济发展。");
        let (s, info) = decode(&bytes, None);
        assert_eq!(s, "中华人民共和国国务院新闻办公室发布会今天举行，主要内容是经济发展。");
        assert_eq!(info.encoding, "GBK");
        assert!(info.guessed);
    }

    #[test]
    fn broken_utf8_keeps_utf8_and_reports_offsets() {
        let mut bytes = "中文中文中文 text ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(" more".as_bytes());
        let (s, info) = decode(&bytes, None);
        assert_eq!(info.encoding, "UTF-8");
        assert_eq!(info.replacements, vec![24]);
        assert!(s.contains("text \u{FFFD} more"));
    }

    #[test]
    fn forced_encoding_wins() {
        let (s, info) = decode(b"caf\xE9", Some(encoding_for_label("windows-1252").unwrap()));
        assert_eq!(s, "café");
        assert_eq!(info.encoding, "windows-1252");
    }

    fn utf16(text: &str, be: bool) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    }

    #[test]
    fn utf16_without_bom_is_told_by_its_nuls() {
        let text = "In the spring。On the 18th, 中文 and English text.\n";
        for be in [false, true] {
            let bytes = utf16(text, be);
            let (s, info) = decode(&bytes, None);
            assert_eq!(s, text);
            assert_eq!(info.encoding, if be { "UTF-16BE" } else { "UTF-16LE" });
            assert!(info.guessed);
            assert!(info.warnings.is_empty(), "{:?}", info.warnings);
        }
    }

    #[test]
    fn utf32_with_and_without_bom() {
        let text = "Plain text 中文 😀\n";
        let le: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let be: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        assert_eq!(decode(&le, None).0, text);
        assert_eq!(decode(&be, None).1.encoding, "UTF-32BE");
        let with_bom = [&[0xFF, 0xFE, 0, 0][..], &le].concat();
        let (s, info) = decode(&with_bom, None);
        assert_eq!((s.as_ref(), info.encoding.as_str(), info.bom), (text, "UTF-32LE", true));
    }

    #[test]
    fn document_of_nuls_gets_a_warning() {
        let mut bytes = b"header ".to_vec();
        bytes.extend([0u8; 64]);
        bytes.extend(b" trailer");
        let (_, info) = decode(&bytes, None);
        assert!(info.warnings.iter().any(|w| w.contains("control characters") && w.contains("--encoding")), "{:?}", info.warnings);
        let (_, clean) = decode(b"an ordinary line\n", None);
        assert!(clean.warnings.is_empty());
    }

    #[test]
    fn english_with_few_non_ascii_bytes_is_read_by_plausibility_with_a_warning() {
        let text = "The country\u{2019}s output rose \u{2013} by 5% \u{2014} in \u{201c}the first quarter\u{201d}, officials said.";
        for enc in [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5] {
            let (bytes, _, bad) = enc.encode(text);
            assert!(!bad);
            let (s, info) = decode(&bytes, None);
            assert_eq!(s, text, "{}", enc.name());
            assert!(info.guessed);
        }
        let (bytes, _, _) = encoding_rs::GBK.encode("Only one dash \u{2014} here.");
        let (s, info) = decode(&bytes, None);
        assert_eq!(s, "Only one dash \u{2014} here.");
        assert!(info.warnings.iter().any(|w| w.contains("--encoding") && w.contains("GBK")), "{:?}", info.warnings);
    }

    #[test]
    fn short_gbk_is_not_read_as_euc_kr() {
        for t in ["附件", "附件：通知", "发布时间：2024年"] {
            let (bytes, _, _) = encoding_rs::GBK.encode(t);
            let (s, info) = decode(&bytes, None);
            assert_eq!(s, t, "read as {}", info.encoding);
        }
    }

    #[test]
    fn many_malformed_sequences_are_all_reported() {
        let bytes = b"ab\xff\xff".repeat(1000);
        let (s, info) = decode(&bytes, Some(encoding_rs::GBK));
        assert_eq!(info.replacements.len(), 2000);
        assert_eq!(&info.replacements[..3], &[2, 3, 6]);
        assert_eq!(s.matches('\u{FFFD}').count(), 2000);
    }
}
