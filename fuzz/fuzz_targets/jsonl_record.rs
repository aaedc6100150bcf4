//! One JSON Lines record, as `clean --jsonl` handles it (the same source
//! file as the CLI's): a record that parses is written back as valid JSON
//! whose field holds the cleaned text, every other byte kept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "../../src/cli/record.rs"]
#[allow(dead_code)]
mod record;

fn cleaner() -> &'static rinse::Cleaner {
    static C: OnceLock<rinse::Cleaner> = OnceLock::new();
    C.get_or_init(|| rinse::Cleaner::new(rinse::Config::default()).expect("default config"))
}

fuzz_target!(|data: &[u8]| {
    let (content, _ending) = record::split_ending(data);
    let Ok(line) = std::str::from_utf8(content) else { return };
    let Ok(rec) = record::parse_record(line, "text", "id") else { return };
    let cleaned = cleaner().clean(&rec.text);
    let mut out = Vec::new();
    record::splice_field(&mut out, line, &rec, &cleaned.text).expect("a string always encodes");
    out.extend_from_slice(&line.as_bytes()[rec.span.end..]);
    let out = String::from_utf8(out).expect("UTF-8 in, UTF-8 out");
    let again = record::parse_record(&out, "text", "id").expect("the written record parses");
    assert_eq!(again.text, cleaned.text, "the field holds the cleaned text");
    assert_eq!(&out[..again.span.start], &line[..rec.span.start], "bytes before the field kept");
    assert_eq!(&out[again.span.end..], &line[rec.span.end..], "bytes after the field kept");
});
