//! `rinse apply` with arbitrary JSON: a report that parses either applies
//! to the text or returns an error; it never panics, and what it returns is
//! valid UTF-8. Input: the text, a NUL byte, the JSON report.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, json) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b""[..], data),
    };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let Ok(report) = serde_json::from_slice::<rinse::Report>(json) else { return };
    for out in [report.apply(text), report.apply_with_suggestions(text)].into_iter().flatten() {
        assert!(std::str::from_utf8(out.as_bytes()).is_ok());
    }
});
