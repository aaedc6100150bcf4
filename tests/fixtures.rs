//! Table-driven cases: every `fixtures/cases/*.toml` file holds `[[fix]]`
//! (input → output) and `[[keep]]` (input must not change) cases, in the same
//! format as `../shared/spec/cases.toml`, each with a `note`. All are cleaned
//! with the default configuration (a case may set `config` to a rinse.toml
//! snippet).

use rinse::{Cleaner, Config};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    input: String,
    output: Option<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    source: String,
    config: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    fix: Vec<Case>,
    #[serde(default)]
    keep: Vec<Case>,
}

#[test]
fn fixture_cases_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases");
    let default = Cleaner::new(Config::default()).unwrap();
    let mut failures = Vec::new();
    let mut total = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for (kind, cases) in [("fix", &file.fix), ("keep", &file.keep)] {
            for case in cases {
                total += 1;
                let _ = (&case.note, &case.source);
                let custom;
                let cleaner = match &case.config {
                    Some(c) => {
                        custom = Cleaner::new(Config::from_toml(c).unwrap()).unwrap();
                        &custom
                    }
                    None => &default,
                };
                let want = match kind {
                    "fix" => case.output.clone().unwrap_or_else(|| panic!("{name}: fix case {} has no output", case.id)),
                    _ => case.input.clone(),
                };
                let input = format!("{}\n", case.input);
                let out = cleaner.clean(&input);
                if out.text.trim_end_matches('\n') != want.trim_end_matches('\n') {
                    failures.push(format!(
                        "{name} {kind}/{}:\n  input: {:?}\n  want:  {:?}\n  got:   {:?}\n  edits: {:?}",
                        case.id,
                        case.input,
                        want,
                        out.text,
                        out.report.edits.iter().map(|e| format!("{}:{:?}->{:?}", e.codes.join("+"), e.before, e.after)).collect::<Vec<_>>()
                    ));
                }
                // Replay must reproduce the output exactly, and a second run must change nothing.
                assert_eq!(out.report.apply(&input).unwrap(), out.text, "{name} {}: replay", case.id);
                let again = cleaner.clean(&out.text);
                assert_eq!(again.text, out.text, "{name} {}: not idempotent", case.id);
            }
        }
    }
    assert!(total > 0, "no fixture cases found");
    assert!(failures.is_empty(), "{} of {total} fixture cases failed:\n{}", failures.len(), failures.join("\n"));
}
