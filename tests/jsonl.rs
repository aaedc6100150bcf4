//! `--jsonl`: one string field of each record is cleaned, every other byte of
//! the record is kept; bad records follow `--on-error`; output keeps input
//! order whatever `-j` is.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::Path;

/// Every `clean` below selects only the finished passes (W, M): the records
/// are fragments, and the tests are about JSONL handling, not the passes.
fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// A record whose other fields use escapes and number formats serde would
/// not reproduce (`1.50`, `\u00e9`), so any re-serialization shows.
const RECORD: &str = r#"{"id":"a","n":1.50,"text":"  x\u00a0y","z":[1,{"q":"\u00e9"}]}"#;
const RECORD_CLEANED: &str = r#"{"id":"a","n":1.50,"text":"x y","z":[1,{"q":"\u00e9"}]}"#;

/// Good and bad records: line 2 is not JSON, line 3 lacks `text`, line 4's
/// `text` is not a string.
const MIXED: &str = concat!(
    r#"{"id":"a","n":1.50,"text":"  x\u00a0y","z":[1,{"q":"\u00e9"}]}"#,
    "\n",
    "not json at all\n",
    r#"{"id":"b","body":"  no text field"}"#,
    "\n",
    r#"{"id":"c","text":5}"#,
    "\n",
    r#"{"id":"d","text":"R&amp;D **rose**"}"#,
    "\n",
);

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn only_the_text_value_changes() {
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "-q"])
        .write_stdin(format!("{RECORD}\n"))
        .assert()
        .success()
        .stdout(format!("{RECORD_CLEANED}\n"));
}

#[test]
fn escapes_inside_the_text_are_encoded_back() {
    let input = r#"{"text":"  a \"quoted\"\u00a0word\n\n\n\nand\ta tab","id":7}"#;
    let out = stdout_of(rinse().args(["clean", "--select", "W,M", "--jsonl", "-q"]).write_stdin(format!("{input}\n")));
    assert_eq!(out, "{\"text\":\"a \\\"quoted\\\" word\\n\\nand a tab\",\"id\":7}\n");
}

#[test]
fn unchanged_records_are_byte_identical() {
    // Nothing to clean: even the text field keeps its escapes.
    let input = concat!(r#"{"id":"e","text":"caf\u00e9 \/ ok"}"#, "\n", r#"{"text":"plain","id":1}"#, "\n");
    rinse().args(["clean", "--select", "W,M", "--jsonl", "-q"]).write_stdin(input).assert().success().stdout(input);
}

#[test]
fn record_order_is_kept() {
    let input: String = (0..50).map(|i| format!("{{\"id\":{i},\"text\":\"  rec\u{a0}{i}\"}}\n")).collect();
    let out = stdout_of(rinse().args(["clean", "--select", "W,M", "--jsonl", "-q"]).write_stdin(input));
    let want: String = (0..50).map(|i| format!("{{\"id\":{i},\"text\":\"rec {i}\"}}\n")).collect();
    assert_eq!(out, want);
}

#[test]
fn field_option_picks_the_text_field() {
    let input = r#"{"body":"  hi\n\n\n\nthere","text":"  keep"}"#;
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "-q", "--field", "body"])
        .write_stdin(format!("{input}\n"))
        .assert()
        .success()
        .stdout("{\"body\":\"hi\\n\\nthere\",\"text\":\"  keep\"}\n");
}

#[test]
fn annotate_adds_a_field_with_counts() {
    let out = stdout_of(
        rinse().args(["clean", "--select", "W,M", "--jsonl", "-q", "--annotate"]).write_stdin(format!("{RECORD}\n")),
    );
    assert!(out.starts_with(r#"{"id":"a","n":1.50,"text":"x y","z":[1,{"q":"\u00e9"}],"rinse":{"#), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rinse"]["edits"], 2);
    assert_eq!(v["rinse"]["counts"]["W101"], 1);
    assert_eq!(v["rinse"]["counts"]["W104"], 1);
    // A custom name.
    let out = stdout_of(
        rinse()
            .args(["clean", "--select", "W,M", "--jsonl", "-q", "--annotate=cleaning"])
            .write_stdin(format!("{RECORD}\n")),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cleaning"]["edits"], 2);
    assert!(v.get("rinse").is_none());
}

#[test]
fn annotate_before_a_path_does_not_swallow_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "in.jsonl", &format!("{RECORD}\n"));
    let out =
        stdout_of(rinse().args(["clean", "--select", "W,M", "--jsonl", "-q", "--annotate"]).arg(&file).write_stdin(""));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rinse"]["edits"], 2);
}

#[test]
fn bad_records_pass_through_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "mixed.jsonl", MIXED);
    let assert = rinse().args(["clean", "--select", "W,M", "--jsonl"]).arg(&file).assert().success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0], RECORD_CLEANED);
    assert_eq!(lines[1], "not json at all");
    assert_eq!(lines[2], r#"{"id":"b","body":"  no text field"}"#);
    assert_eq!(lines[3], r#"{"id":"c","text":5}"#);
    assert_eq!(lines[4], r#"{"id":"d","text":"R&D rose"}"#);
    for n in [":2:", ":3:", ":4:"] {
        assert!(err.contains(&format!("mixed.jsonl{n}")), "stderr lacks {n}: {err}");
    }
    assert!(err.contains("3 bad records"), "{err}");
    assert!(err.contains("2 documents"), "{err}");
}

#[test]
fn bad_records_are_skipped_on_request() {
    let out = stdout_of(rinse().args(["clean", "--select", "W,M", "--jsonl", "--on-error", "skip"]).write_stdin(MIXED));
    assert_eq!(out, format!("{RECORD_CLEANED}\n{}\n", r#"{"id":"d","text":"R&D rose"}"#));
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "--on-error", "skip"])
        .write_stdin(MIXED)
        .assert()
        .stderr(contains("3 bad records").and(contains("(skipped)")));
}

#[test]
fn bad_record_fails_with_its_line_number() {
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "--on-error", "fail"])
        .write_stdin(MIXED)
        .assert()
        .code(2)
        .stderr(contains("<stdin>:2:").and(contains("not a JSON object")));
    // A missing field is reported too.
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "--on-error", "fail"])
        .write_stdin("{\"id\":1,\"text\":\"ok\"}\n{\"id\":2}\n")
        .assert()
        .code(2)
        .stderr(contains("<stdin>:2:").and(contains("no field `text`")));
}

#[test]
fn parallel_jobs_give_identical_output() {
    // A few thousand records, more than one parallel batch.
    let mut input = String::new();
    for i in 0..3000 {
        match i % 4 {
            0 => {
                input.push_str(&format!("{{\"id\":{i},\"text\":\"  Rec\u{a0}{i}.\\n\\n\\n\\nNext **para** {i}.\"}}\n"))
            }
            1 => input.push_str(&format!("{{\"id\":{i},\"text\":\"clean {i}\",\"x\":1.0}}\n")),
            2 => input.push_str(&format!("{{\"text\":\"R&amp;D {i}\\t \\t up\",\"id\":{i}}}\n")),
            _ => input.push_str(&format!("bad line {i}\n")),
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "many.jsonl", &input);
    let run = |jobs: &str| {
        rinse()
            .args(["clean", "--select", "W,M", "--jsonl", "-q", "-j", jobs])
            .arg(&file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let (one, two) = (run("1"), run("2"));
    assert!(one == two, "-j 1 and -j 2 differ");
    let text = String::from_utf8(one).unwrap();
    assert_eq!(text.lines().count(), 3000);
    // Order kept: line i is record i (or the bad line i).
    for (i, line) in text.lines().enumerate() {
        if i % 4 == 3 {
            assert_eq!(line, format!("bad line {i}"));
        } else {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["id"], i, "line {i}");
        }
    }
    assert!(text.contains("\"text\":\"Rec 0.\\n\\nNext para 0.\""));
    assert!(text.contains("\"text\":\"R&D 2 up\""));
}

#[test]
fn report_has_one_json_object_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "mixed.jsonl", MIXED);
    let report = dir.path().join("report.jsonl");
    let out =
        stdout_of(rinse().args(["clean", "--select", "W,M", "--jsonl", "-q", "--report"]).arg(&report).arg(&file));
    let reports: Vec<serde_json::Value> =
        fs::read_to_string(&report).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // One per good record, in order, with its line number.
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["line"], 1);
    assert_eq!(reports[1]["line"], 5);
    // Each replays on its record's original text.
    let originals = ["  x\u{a0}y", "R&amp;D **rose**"];
    let cleaned = ["x y", "R&D rose"];
    for ((r, orig), want) in reports.iter().zip(originals).zip(cleaned) {
        let report: rinse::Report = serde_json::from_value(r.clone()).unwrap();
        assert_eq!(report.apply(orig).unwrap(), want);
    }
    assert!(out.contains(RECORD_CLEANED));
}

#[test]
fn compressed_jsonl_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl.zst");
    fs::write(&input, zstd::encode_all(MIXED.as_bytes(), 3).unwrap()).unwrap();
    let output = dir.path().join("out.jsonl.zst");
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "-q", "-o"])
        .arg(&output)
        .arg(&input)
        .assert()
        .success()
        .stdout("");
    let out = String::from_utf8(zstd::decode_all(fs::File::open(&output).unwrap()).unwrap()).unwrap();
    assert!(out.starts_with(&format!("{RECORD_CLEANED}\nnot json at all\n")), "{out}");
    assert_eq!(out.lines().count(), 5);
    // gzip too, in place.
    let gz = dir.path().join("in.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, format!("{RECORD}\n").as_bytes()).unwrap();
    enc.finish().unwrap();
    rinse().args(["clean", "--select", "W,M", "--jsonl", "-q", "--in-place"]).arg(&gz).assert().success();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::MultiGzDecoder::new(fs::File::open(&gz).unwrap()), &mut text)
        .unwrap();
    assert_eq!(text, format!("{RECORD_CLEANED}\n"));
}

#[test]
fn diff_and_check_name_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "recs.jsonl", MIXED);
    let out = stdout_of(rinse().args(["diff", "--jsonl", "--color", "never"]).arg(&file));
    assert!(out.contains("recs.jsonl:1 (id=a)\n"), "{out}");
    assert!(out.contains("recs.jsonl:5 (id=d) (rinse)\n"), "{out}");
    assert!(out.contains("@@ -1,1 +1,1 @@ W104 W101"), "{out}");
    let annotated = stdout_of(rinse().args(["diff", "--jsonl", "--format", "annotated"]).arg(&file));
    assert!(annotated.contains("recs.jsonl:5 (id=d):1:2 M101"), "{annotated}");
    rinse()
        .args(["check", "--jsonl"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(contains("recs.jsonl:1 (id=a): would change").and(contains("2 of 2 documents would change")));
    // A custom id field.
    let out = stdout_of(rinse().args(["diff", "--jsonl", "--color", "never", "--id-field", "n"]).arg(&file));
    assert!(out.contains("recs.jsonl:1 (n=1.50)"), "{out}");
    // All records clean: exit 0.
    rinse().args(["check", "--jsonl"]).write_stdin("{\"id\":1,\"text\":\"fine\"}\n").assert().code(0);
}

#[test]
fn output_dir_keeps_relative_paths_of_jsonl_files() {
    let src = tempfile::tempdir().unwrap();
    let dst = tempfile::tempdir().unwrap();
    fs::create_dir_all(src.path().join("a")).unwrap();
    fs::create_dir_all(src.path().join("b")).unwrap();
    // Same file name in two folders: neither may overwrite the other.
    write(&src.path().join("a"), "x.jsonl", "{\"text\":\"  a\"}\n");
    write(&src.path().join("b"), "x.jsonl", "{\"text\":\"  b\"}\n");
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "-q", "--output-dir"])
        .arg(dst.path())
        .arg(src.path())
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(dst.path().join("a/x.jsonl")).unwrap(), "{\"text\":\"a\"}\n");
    assert_eq!(fs::read_to_string(dst.path().join("b/x.jsonl")).unwrap(), "{\"text\":\"b\"}\n");
    assert!(!dst.path().join("x.jsonl").exists());
}

#[test]
fn stdout_conflicts_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "--output-dir"])
        .arg(dir.path())
        .write_stdin(format!("{RECORD}\n"))
        .assert()
        .code(2)
        .stderr(contains("--output-dir needs files"));
    // Records and reports would interleave on stdout.
    rinse()
        .args(["clean", "--select", "W,M", "--jsonl", "--report", "-"])
        .write_stdin(format!("{RECORD}\n"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("-o"));
    let out = dir.path().join("out.jsonl");
    let reports = stdout_of(
        rinse()
            .args(["clean", "--select", "W,M", "--jsonl", "-q", "--report", "-", "-o"])
            .arg(&out)
            .write_stdin(format!("{RECORD}\n")),
    );
    let v: serde_json::Value = serde_json::from_str(reports.trim_end()).unwrap();
    assert_eq!(v["line"], 1);
    assert_eq!(fs::read_to_string(&out).unwrap(), format!("{RECORD_CLEANED}\n"));
}

#[test]
fn crlf_endings_and_invalid_bytes_outside_the_text_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    let mut data = b"{\"text\":\"a  b\"}\r\n{\"text\":\"c  d\",\"x\":\"".to_vec();
    data.extend_from_slice(b"\xfe\"}\r\n");
    fs::write(&path, &data).unwrap();
    let out = rinse().args(["clean", "-q", "--jsonl"]).arg(&path).output().unwrap();
    assert!(out.status.success());
    // First record cleaned, CRLF kept; second (not UTF-8) passed through byte for byte.
    let mut want = b"{\"text\":\"a b\"}\r\n".to_vec();
    want.extend_from_slice(&data[17..]);
    assert_eq!(out.stdout, want);
}

#[test]
fn in_place_min_english_never_drops_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    let zh = "以习近平同志为核心的党中央把推进中国式现代化作为新时代最大的政治。把坚持高质量发展作为新时代的硬道理。";
    fs::write(&path, format!("{{\"text\":\"{zh}\"}}\n{{\"text\":\"Plain  English text here.\"}}\n")).unwrap();
    rinse().args(["clean", "-q", "--jsonl", "--in-place", "--min-english", "0.5"]).arg(&path).assert().success();
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(after.lines().count(), 2, "{after}");
    assert!(after.contains(zh) && after.contains("Plain English text here."), "{after}");
}

/// Several batches (more records than one batch holds), two threads: the
/// records come out in input order, the same as on one thread, the summary
/// counts the same with and without a report, and the corpus report replays.
#[test]
fn batches_on_two_threads_keep_order_summary_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..2500 {
        match i % 5 {
            0 => text.push_str(&format!("{{\"id\":{i},\"text\":\"  Rec {i}。It rose,It fell\\u00a0here.\"}}\n")),
            1 => text.push_str("not json\n"),
            _ => text.push_str(&format!("{{\"id\":{i},\"text\":\"Clean record {i}.\"}}\n")),
        }
    }
    let file = write(dir.path(), "many.jsonl", &text);
    let run = |jobs: &str, report: Option<&Path>| {
        let mut cmd = rinse();
        cmd.args(["clean", "--jsonl", "-j", jobs]).arg(&file);
        if let Some(r) = report {
            cmd.arg("--report").arg(r);
        }
        let out = cmd.assert().success().get_output().clone();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (one, err_one) = run("1", None);
    let report = dir.path().join("r.jsonl");
    let (two, err_two) = run("2", Some(&report));
    assert_eq!(one, two);
    let ids: Vec<u64> = two.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?["id"].as_u64()).collect();
    assert_eq!(ids.len(), 2000);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "records out of order");
    // The summary line (after the bad-record warnings) is the same.
    let summary = |e: &str| {
        e.lines()
            .filter(|l| l.contains("documents"))
            .map(|l| {
                // Everything but the MB/s figure.
                let (counts, rest) = l.split_once(" MB out, ").unwrap();
                format!("{counts} | {}", rest.split_once("; ").unwrap().1)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&err_one), summary(&err_two));
    assert!(err_two.contains("2000 documents"), "{err_two}");
    let lines: Vec<serde_json::Value> =
        fs::read_to_string(&report).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2000);
    assert_eq!((lines[1]["line"].as_u64(), lines[1]["file"].as_str().map(|f| f.ends_with("many.jsonl"))), (Some(3), Some(true)));
    let replayed = stdout_of(rinse().args(["apply", "-q"]).arg(&report).arg(&file));
    // Bad records have no report record: passed through, as `clean` did.
    assert_eq!(replayed, one);
}
