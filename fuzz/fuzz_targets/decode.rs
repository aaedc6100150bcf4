//! Decoding any bytes with every `--encoding` rinse names, and with
//! detection: never panics, always UTF-8, and a forced encoding is reported.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LABELS: &[&str] = &[
    "utf-8", "gbk", "gb18030", "big5", "windows-1252", "utf-16le", "utf-16be", "shift_jis", "euc-kr", "euc-jp",
    "iso-2022-jp", "iso-8859-1", "koi8-r", "windows-1251", "x-user-defined",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let (text, _) = rinse::decode::decode(bytes, None);
    assert!(std::str::from_utf8(text.as_bytes()).is_ok());
    let label = LABELS[pick as usize % LABELS.len()];
    let enc = rinse::decode::encoding_for_label(label).expect("known label");
    let (text, info) = rinse::decode::decode(bytes, Some(enc));
    assert!(std::str::from_utf8(text.as_bytes()).is_ok());
    assert!(!info.encoding.is_empty());
});
