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
    /// The encoding's WHATWG name, e.g. `"UTF-8"`, `"GBK"`, `"Big5"`.
    pub encoding: String,
    /// Whether a byte order mark was found (and removed).
    pub bom: bool,
    /// Whether the encoding was guessed (chardetng) rather than certain.
    pub guessed: bool,
    /// Byte offsets in the raw input of sequences replaced with U+FFFD (E101).
    pub replacements: Vec<usize>,
}

impl Default for DecodeInfo {
    fn default() -> Self {
        DecodeInfo { encoding: "UTF-8".into(), bom: false, guessed: false, replacements: Vec::new() }
    }
}

/// Look up an encoding label (`utf-8`, `gbk`, `gb18030`, `big5`, `windows-1252`, `utf-16le`...).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode `bytes` to UTF-8. `forced` skips detection.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> (Cow<'a, str>, DecodeInfo) {
    if let Some(enc) = forced {
        let (bom_enc, bom_len) = Encoding::for_bom(bytes).unwrap_or((enc, 0));
        let bom = bom_len > 0 && bom_enc == enc;
        let body = if bom { &bytes[bom_len..] } else { bytes };
        return decode_with(body, enc, bom, false, if bom { bom_len } else { 0 });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], enc, true, false, bom_len);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), DecodeInfo::default());
    }
    if mostly_utf8(bytes) {
        return decode_with(bytes, UTF_8, false, true, 0);
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, false);
    decode_with(bytes, enc, false, true, 0)
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
    let mut info = DecodeInfo { encoding: enc.name().to_string(), bom, guessed, replacements: Vec::new() };
    if enc == UTF_8 {
        if let Ok(s) = std::str::from_utf8(body) {
            return (Cow::Borrowed(s), info);
        }
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length_without_replacement(body.len()).unwrap_or(body.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let mut pos = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&body[pos..], &mut out, true);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                out.reserve(body.len() - pos + 64);
            }
            DecoderResult::Malformed(bad, after) => {
                let end = pos + read - after as usize;
                info.replacements.push(offset + end - bad as usize);
                out.push('\u{FFFD}');
            }
        }
        pos += read;
    }
    (Cow::Owned(out), info)
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
}
