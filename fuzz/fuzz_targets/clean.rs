//! The whole clean on any bytes: the report replays exactly on the input,
//! cleaning the output again changes nothing (unless the report says the
//! edits did not settle), `check` (edits listed) agrees with whether the
//! text changed, the diff renders, and the output is valid UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn cleaner() -> &'static rinse::Cleaner {
    static C: OnceLock<rinse::Cleaner> = OnceLock::new();
    C.get_or_init(|| rinse::Cleaner::new(rinse::Config::default()).expect("default config").with_report_detail(rinse::ReportDetail::Full))
}

fuzz_target!(|data: &[u8]| {
    let c = cleaner();
    let (original, info) = rinse::decode::decode(data, None);
    let cleaned = c.clean_decoded(&original, info);
    // Valid UTF-8 all the way out (a String is; its bytes must round-trip).
    assert!(std::str::from_utf8(cleaned.text.as_bytes()).is_ok());
    // The report replays on the input exactly.
    let replayed = cleaned.report.apply(&original).expect("report applies to its own input");
    assert_eq!(replayed, cleaned.text, "replay mismatch");
    // The diff renders without panicking, empty exactly when nothing changed.
    let diff = rinse::report::diff::unified(&original, &cleaned.text, "doc", &cleaned.report, true);
    assert_eq!(diff.is_empty(), cleaned.text == *original, "diff disagrees with clean");
    // `check` says "would change" exactly when the text changes.
    assert_eq!(cleaned.report.edits.is_empty(), cleaned.text == *original, "check disagrees with clean");
    // Idempotent once settled.
    let settled = !cleaned.report.warnings.iter().any(|w| w.contains("had not settled"));
    if settled {
        let again = c.clean(&cleaned.text);
        assert_eq!(again.text, cleaned.text, "cleaning twice changed the text again");
    }
});
