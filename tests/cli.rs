//! The `rinse` binary end to end: every subcommand, exit codes (0 clean /
//! success, 1 `check` found changes, 2 error), stdin/stdout, files, atomic
//! in-place writes, reports and `apply`, encodings and compressed files.
//!
//! Exact-output assertions use only whitespace and markup defects (W, M),
//! whose passes are finished; seed-wide tests assert properties.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn encoding_fixture(name: &str) -> PathBuf {
    root().join("fixtures/encodings").join(name)
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

/// Files in `dir` whose name looks like one of rinse's temporary files.
fn temp_leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rinse-") || n.ends_with(".tmp"))
        .collect()
}

/// A document with only whitespace and markup defects, and its cleaned form.
const DIRTY: &str = "  Prices rose\u{a0}sharply.\n\n\n\nR&amp;D spending **grew** again.\n";
const CLEANED: &str = "Prices rose sharply.\n\nR&D spending grew again.\n";
const CLEAN: &str = "Prices rose sharply.\n\nR&D spending grew again.\n";

/// Exact-output tests on fragments (single words, CJK) select the finished
/// passes only, so later passes cannot change what they check.
const W_M: &str = "W,M,E";

// ---------------------------------------------------------------- help

#[test]
fn help_lists_every_subcommand_and_exit_codes() {
    let help = stdout_of(rinse().arg("--help"));
    for sub in ["clean", "diff", "check", "apply", "rules", "explain", "learn"] {
        assert!(help.contains(sub), "--help lacks {sub}");
        let sub_help = stdout_of(rinse().args([sub, "--help"]));
        assert!(sub_help.contains(&format!("Usage: rinse {sub}")), "{sub} --help:\n{sub_help}");
    }
    assert!(help.contains("Exit codes"));
}

#[test]
fn version_is_printed() {
    rinse().arg("--version").assert().success().stdout(contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn unknown_option_exits_2() {
    rinse().args(["clean", "--no-such-flag"]).write_stdin("x\n").assert().code(2).stderr(contains("--no-such-flag"));
    rinse().arg("frobnicate").assert().code(2);
}

#[test]
fn learn_without_paths_exits_2() {
    rinse().arg("learn").assert().code(2).stderr(contains("PATH"));
}

// ---------------------------------------------------------------- clean

#[test]
fn clean_reads_stdin_and_writes_stdout() {
    rinse()
        .arg("clean")
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(CLEANED)
        .stderr(contains("<stdin>").and(contains("W101")));
}

#[test]
fn clean_dash_is_stdin_and_quiet_silences_stderr() {
    rinse().args(["clean", "-q", "-"]).write_stdin(DIRTY).assert().success().stdout(CLEANED).stderr("");
}

#[test]
fn clean_leaves_clean_text_unchanged() {
    rinse().arg("clean").write_stdin(CLEAN).assert().success().stdout(CLEAN).stderr(contains("no edits"));
}

#[test]
fn select_and_ignore_limit_the_rules() {
    // Whitespace only: the markup stays.
    rinse()
        .args(["clean", "--select", "W"])
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout("Prices rose sharply.\n\nR&amp;D spending **grew** again.\n");
    // Markup only: the whitespace stays.
    rinse()
        .args(["clean", "--select", "M"])
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout("  Prices rose\u{a0}sharply.\n\n\n\nR&D spending grew again.\n");
    // Everything but the NBSP rule.
    rinse()
        .args(["clean", "--select", "W,M", "--ignore", "W101"])
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout("Prices rose\u{a0}sharply.\n\nR&D spending grew again.\n");
}

#[test]
fn output_flag_writes_a_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sub/out.txt");
    rinse().args(["clean", "-q", "-o"]).arg(&out).write_stdin(DIRTY).assert().success().stdout("");
    assert_eq!(fs::read_to_string(&out).unwrap(), CLEANED);
    assert!(temp_leftovers(out.parent().unwrap()).is_empty());
}

#[test]
fn missing_input_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-article.txt");
    for sub in ["clean", "diff", "check"] {
        rinse().arg(sub).arg(&missing).assert().code(2).stderr(contains("no-such-article.txt"));
    }
}

#[test]
fn zero_jobs_and_bad_encoding_are_errors() {
    rinse().args(["clean", "-j", "0"]).write_stdin("x\n").assert().code(2).stderr(contains("-j"));
    rinse().args(["clean", "--encoding", "klingon"]).write_stdin("x\n").assert().code(2).stderr(contains("klingon"));
}

#[cfg(unix)]
#[test]
fn in_place_rewrites_atomically_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("article.txt");
    fs::write(&file, DIRTY).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    rinse().args(["clean", "-q", "--in-place"]).arg(&file).assert().success().stdout("");
    assert_eq!(fs::read_to_string(&file).unwrap(), CLEANED);
    assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(temp_leftovers(dir.path()), Vec::<String>::new());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn in_place_on_a_clean_file_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clean.txt");
    fs::write(&file, CLEAN).unwrap();
    rinse().args(["clean", "-q", "--in-place"]).arg(&file).assert().success();
    assert_eq!(fs::read_to_string(&file).unwrap(), CLEAN);
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn in_place_leaves_files_untouched_when_an_input_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, DIRTY).unwrap();
    rinse()
        .args(["clean", "--in-place"])
        .arg(&good)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2)
        .stderr(contains("missing.txt"));
    assert_eq!(fs::read_to_string(&good).unwrap(), DIRTY);
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn in_place_leaves_an_unreadable_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Not a gzip stream: decompression fails while reading.
    let bad = dir.path().join("broken.txt.gz");
    fs::write(&bad, "  this is not gzip\u{a0}data\n").unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, DIRTY).unwrap();
    rinse().args(["clean", "--in-place"]).arg(&bad).arg(&good).assert().code(2).stderr(contains("broken.txt.gz"));
    assert_eq!(fs::read_to_string(&bad).unwrap(), "  this is not gzip\u{a0}data\n");
    // The readable file of the batch is still cleaned.
    assert_eq!(fs::read_to_string(&good).unwrap(), CLEANED);
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn in_place_refuses_stdin() {
    rinse().args(["clean", "--in-place"]).write_stdin(DIRTY).assert().code(2).stderr(contains("stdin"));
}

#[test]
fn output_dir_keeps_relative_paths() {
    let src = tempfile::tempdir().unwrap();
    let dst = tempfile::tempdir().unwrap();
    fs::create_dir_all(src.path().join("a/b")).unwrap();
    fs::write(src.path().join("top.txt"), "  top\n").unwrap();
    fs::write(src.path().join("a/mid.txt"), "mid\u{a0}dle\n").unwrap();
    fs::write(src.path().join("a/b/deep.txt"), "**deep**\n").unwrap();
    rinse()
        .args(["clean", "-q", "--select", W_M, "--output-dir"])
        .arg(dst.path())
        .arg(src.path())
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(dst.path().join("top.txt")).unwrap(), "top\n");
    assert_eq!(fs::read_to_string(dst.path().join("a/mid.txt")).unwrap(), "mid dle\n");
    assert_eq!(fs::read_to_string(dst.path().join("a/b/deep.txt")).unwrap(), "deep\n");
    // Sources untouched.
    assert_eq!(fs::read_to_string(src.path().join("top.txt")).unwrap(), "  top\n");
}

#[test]
fn glob_selects_files_in_directories() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("one.txt"), "  one\n").unwrap();
    fs::write(dir.path().join("sub/two.txt"), "  two\n").unwrap();
    fs::write(dir.path().join("sub/three.md"), "  three\n").unwrap();
    fs::write(dir.path().join(".hidden.txt"), "  hidden\n").unwrap();
    let all = stdout_of(rinse().args(["clean", "-q", "--select", W_M]).arg(dir.path()));
    // Sorted by path; hidden files skipped.
    assert_eq!(all, "one\nthree\ntwo\n");
    let txt = stdout_of(rinse().args(["clean", "-q", "--select", W_M, "--glob", "*.txt"]).arg(dir.path()));
    assert_eq!(txt, "one\ntwo\n");
    let md = stdout_of(rinse().args(["clean", "-q", "--select", W_M, "--glob", "t?ree.*"]).arg(dir.path()));
    assert_eq!(md, "three\n");
}

#[test]
fn batch_summary_counts_documents() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "  dirty\n").unwrap();
    fs::write(dir.path().join("b.txt"), "clean\n").unwrap();
    rinse().arg("clean").arg(dir.path()).assert().success().stderr(contains("2 documents (1 changed"));
}

#[test]
fn parallel_jobs_give_identical_output_over_the_seeds() {
    let seeds = root().join("seeds");
    let one = rinse().args(["clean", "-q", "-j", "1"]).arg(&seeds).assert().success().get_output().stdout.clone();
    let two = rinse().args(["clean", "-q", "-j", "2"]).arg(&seeds).assert().success().get_output().stdout.clone();
    assert!(!one.is_empty());
    assert!(one == two, "-j 1 and -j 2 differ");
    // And equal to cleaning each seed on its own, in sorted order.
    let mut names: Vec<PathBuf> = fs::read_dir(&seeds).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert_eq!(names.len(), 5);
    let mut each = Vec::new();
    for n in names {
        each.extend(rinse().args(["clean", "-q"]).arg(n).assert().success().get_output().stdout.clone());
    }
    assert!(one == each, "batch output differs from per-file output");
}

// ---------------------------------------------------------------- reports and apply

/// Clean `DIRTY` from a file in `dir`, writing the text and the report.
fn clean_with_report(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let input = dir.join("in.txt");
    let output = dir.join("out.txt");
    let report = dir.join("report.json");
    fs::write(&input, DIRTY).unwrap();
    rinse().args(["clean", "-q", "--report"]).arg(&report).arg("-o").arg(&output).arg(&input).assert().success();
    (input, output, report)
}

#[test]
fn report_is_json_and_apply_reproduces_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output, report) = clean_with_report(dir.path());
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["input"], input.display().to_string());
    assert_eq!(v["decode"]["encoding"], "UTF-8");
    assert_eq!(v["input_bytes"], DIRTY.len());
    assert_eq!(v["output_bytes"], CLEANED.len());
    let edits = v["edits"].as_array().unwrap();
    assert!(edits.len() >= 5, "{edits:?}");
    assert!(edits.iter().all(|e| e["confidence"] == "safe"));
    assert_eq!(v["counts"]["W101"], 1);
    // `apply REPORT` finds the input through the report and writes to stdout.
    let replay = rinse().arg("apply").arg(&report).assert().success().get_output().stdout.clone();
    assert!(replay == fs::read(&output).unwrap(), "apply differs from clean's output");
    // Explicit input and -o.
    let replay_file = dir.path().join("replay.txt");
    rinse().arg("apply").arg(&report).arg(&input).arg("-o").arg(&replay_file).assert().success().stdout("");
    assert_eq!(fs::read(&replay_file).unwrap(), fs::read(&output).unwrap());
    // Input from stdin.
    rinse().arg("apply").arg(&report).arg("-").write_stdin(DIRTY).assert().success().stdout(CLEANED);
}

#[test]
fn hand_trimmed_report_applies_the_remaining_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (input, _, report) = clean_with_report(dir.path());
    let mut v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    // An editor rejects the NBSP fix and the markdown fixes.
    v["edits"]
        .as_array_mut()
        .unwrap()
        .retain(|e| !e["codes"].as_array().unwrap().iter().any(|c| c == "W101" || c == "M103"));
    let trimmed = dir.path().join("trimmed.json");
    fs::write(&trimmed, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    rinse()
        .arg("apply")
        .arg(&trimmed)
        .arg(&input)
        .assert()
        .success()
        .stdout("Prices rose\u{a0}sharply.\n\nR&D spending **grew** again.\n");
    // No edits at all gives the input back.
    v["edits"] = serde_json::json!([]);
    fs::write(&trimmed, v.to_string()).unwrap();
    rinse().arg("apply").arg(&trimmed).arg(&input).assert().success().stdout(DIRTY);
}

#[test]
fn apply_refuses_a_different_input_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = clean_with_report(dir.path());
    // Same beginning (every edit still matches), different end.
    let other = dir.path().join("other.txt");
    fs::write(&other, format!("{DIRTY}One more line.\n")).unwrap();
    rinse()
        .arg("apply")
        .arg(&report)
        .arg(&other)
        .assert()
        .code(2)
        .stderr(contains("other.txt").and(contains("--force")));
    rinse()
        .args(["apply", "--force"])
        .arg(&report)
        .arg(&other)
        .assert()
        .success()
        .stdout(format!("{CLEANED}One more line.\n"));
    // A text the edits do not fit fails even with --force, naming the file.
    let wrong = dir.path().join("wrong.txt");
    fs::write(&wrong, "Something else entirely, long enough to hold the offsets.\n").unwrap();
    rinse().args(["apply", "--force"]).arg(&report).arg(&wrong).assert().code(2).stderr(contains("wrong.txt"));
}

/// Reports written before `input_hash` carry `input_sha256`: they still
/// apply, and still refuse another input; an unknown hash algorithm is an error.
#[test]
fn old_sha256_reports_still_apply() {
    use sha2::Digest;
    let dir = tempfile::tempdir().unwrap();
    let (input, output, report) = clean_with_report(dir.path());
    let mut v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert!(v["input_hash"].as_str().unwrap().starts_with("xxh3-128:"));
    let sha = |t: &str| sha2::Sha256::digest(t.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let o = v.as_object_mut().unwrap();
    o.remove("input_hash");
    o.remove("output_hash");
    o.insert("input_sha256".into(), sha(DIRTY).into());
    o.insert("output_sha256".into(), sha(&fs::read_to_string(&output).unwrap()).into());
    let old = dir.path().join("old.json");
    fs::write(&old, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    rinse().arg("apply").arg(&old).arg(&input).assert().success().stdout(CLEANED);
    let other = dir.path().join("other.txt");
    fs::write(&other, format!("{DIRTY}One more line.\n")).unwrap();
    rinse().arg("apply").arg(&old).arg(&other).assert().code(2).stderr(contains("SHA-256").and(contains("--force")));
    // As a corpus report line too (JSON Lines over a folder).
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), DIRTY).unwrap();
    v["path"] = "a.txt".into();
    let lines = dir.path().join("old.jsonl");
    fs::write(&lines, format!("{v}\n{v}\n")).unwrap();
    let out = dir.path().join("out");
    rinse().args(["apply", "-q"]).arg(&lines).arg(&corpus).arg("--output-dir").arg(&out).assert().success();
    assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), CLEANED);
    // An algorithm this rinse does not know.
    let mut v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    v["input_hash"] = "blake9:00".into();
    fs::write(&old, v.to_string()).unwrap();
    rinse().arg("apply").arg(&old).arg(&input).assert().code(2).stderr(contains("blake9"));
}

#[test]
fn apply_rejects_bad_reports() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.json");
    fs::write(&junk, "{\"not\": \"a report\"}").unwrap();
    rinse().arg("apply").arg(&junk).arg("-").write_stdin("x").assert().code(2).stderr(contains("junk.json"));
    rinse().arg("apply").arg(dir.path().join("absent.json")).assert().code(2).stderr(contains("absent.json"));
    // A report made from stdin names no input file.
    let from_stdin = dir.path().join("stdin.json");
    rinse()
        .args(["clean", "-q", "-o"])
        .arg(dir.path().join("o.txt"))
        .arg("--report")
        .arg(&from_stdin)
        .write_stdin(DIRTY)
        .assert()
        .success();
    rinse().arg("apply").arg(&from_stdin).assert().code(2).stderr(contains("INPUT"));
}

#[test]
fn report_to_stdout_needs_the_text_elsewhere() {
    rinse()
        .args(["clean", "--report", "-"])
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("--report -").and(contains("-o")));
    for flag in ["--metadata", "--extract"] {
        rinse().args(["clean", flag, "-"]).write_stdin(DIRTY).assert().code(2).stdout("").stderr(contains(flag));
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.txt");
    let json = stdout_of(rinse().args(["clean", "-q", "--report", "-", "-o"]).arg(&out).write_stdin(DIRTY));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["output_hash"].as_str().unwrap().len(), "xxh3-128:".len() + 32);
    assert!(v.get("output_sha256").is_none());
    assert_eq!(fs::read_to_string(&out).unwrap(), CLEANED);
}

#[test]
fn several_inputs_give_one_report_per_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "  a\n").unwrap();
    fs::write(dir.path().join("b.txt"), "b\u{a0}b\n").unwrap();
    let report = dir.path().join("r.jsonl");
    rinse()
        .args(["clean", "-q", "-o"])
        .arg(dir.path().join("o.txt"))
        .arg("--report")
        .arg(&report)
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .assert()
        .success();
    let text = fs::read_to_string(&report).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["input"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(lines[1]["counts"]["W101"], 1);
}

// ---------------------------------------------------------------- check

#[test]
fn check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    let dirty = dir.path().join("dirty.txt");
    fs::write(&clean, CLEAN).unwrap();
    fs::write(&dirty, DIRTY).unwrap();
    rinse().arg("check").arg(&clean).assert().code(0).stdout(contains("0 of 1 document would change"));
    rinse()
        .arg("check")
        .arg(&dirty)
        .assert()
        .code(1)
        .stdout(contains("dirty.txt:1:1 W104").and(contains("would change")));
    rinse()
        .args(["check", "-q"])
        .arg(&dirty)
        .assert()
        .code(1)
        .stdout(contains("dirty.txt:1:1").not().and(contains("would change")));
    rinse().arg("check").arg(&clean).arg(&dirty).assert().code(1).stdout(contains("1 of 2 documents would change"));
    rinse().arg("check").arg(dir.path().join("gone.txt")).assert().code(2).stderr(contains("gone.txt"));
    rinse().arg("check").write_stdin(CLEAN).assert().code(0);
    rinse().arg("check").write_stdin(DIRTY).assert().code(1);
    // Checking never writes anything.
    assert_eq!(fs::read_to_string(&dirty).unwrap(), DIRTY);
}

// ---------------------------------------------------------------- configuration

#[test]
fn unknown_rule_code_is_an_error() {
    rinse()
        .args(["clean", "--select", "W,ZZ9"])
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("ZZ9").and(contains("unknown rule code")));
    rinse().args(["check", "--ignore", "Q"]).write_stdin(DIRTY).assert().code(2).stderr(contains("`Q`"));
}

#[test]
fn config_file_is_read_and_bad_ones_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good-rinse.toml");
    fs::write(&good, "select = [\"M\"]\n").unwrap();
    rinse()
        .args(["clean", "--config"])
        .arg(&good)
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout("  Prices rose\u{a0}sharply.\n\n\n\nR&D spending grew again.\n");
    // Flags override the file.
    rinse()
        .args(["clean", "--select", "W", "--config"])
        .arg(&good)
        .write_stdin("  **x**\n")
        .assert()
        .success()
        .stdout("**x**\n");

    let unknown = dir.path().join("unknown-key.toml");
    fs::write(&unknown, "selekt = [\"W\"]\n").unwrap();
    rinse()
        .args(["clean", "--config"])
        .arg(&unknown)
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stderr(contains("unknown-key.toml").and(contains("selekt")));
    let bad_toml = dir.path().join("bad-toml.toml");
    fs::write(&bad_toml, "select = [\n").unwrap();
    rinse()
        .args(["clean", "--config"])
        .arg(&bad_toml)
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stderr(contains("bad-toml.toml"));
    let bad_code = dir.path().join("bad-code.toml");
    fs::write(&bad_code, "ignore = [\"X999\"]\n").unwrap();
    rinse().args(["check", "--config"]).arg(&bad_code).write_stdin(DIRTY).assert().code(2).stderr(contains("X999"));
    rinse()
        .args(["clean", "--config"])
        .arg(dir.path().join("absent.toml"))
        .write_stdin(DIRTY)
        .assert()
        .code(2)
        .stderr(contains("absent.toml"));
}

// ---------------------------------------------------------------- rules and explain

#[test]
fn rules_lists_every_code() {
    let text = stdout_of(rinse().arg("rules"));
    for code in ["E101", "M101", "M102", "M103", "W101", "W104", "W107", "W111"] {
        assert!(text.contains(code), "rules lacks {code}");
    }
    assert!(text.contains("whitespace:") && text.contains("exotic-space"));
}

#[test]
fn rules_json_parses() {
    let json = stdout_of(rinse().args(["rules", "--format", "json"]));
    let v: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(v.len() >= 15, "only {} rules", v.len());
    let mut codes: Vec<&str> = v.iter().map(|r| r["code"].as_str().unwrap()).collect();
    for r in &v {
        for key in ["name", "pass", "summary"] {
            assert!(r[key].as_str().is_some_and(|s| !s.is_empty()), "{r} lacks {key}");
        }
        assert!(r["confidence"] == "safe" || r["confidence"] == "review");
        assert!(r["default_enabled"].is_boolean());
    }
    let n = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "duplicate codes");
    assert!(codes.contains(&"W101"));
}

#[test]
fn explain_prints_the_rule_doc() {
    let text = stdout_of(rinse().args(["explain", "W101"]));
    assert!(text.starts_with("# W101 (exotic-space)"), "{text}");
    assert!(text.contains("## What it fixes") && text.contains("no-break space") && text.contains("## Why safe"));
    // Codes are case-insensitive.
    assert_eq!(stdout_of(rinse().args(["explain", "w101"])), text);
    let json = stdout_of(rinse().args(["explain", "M103", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["code"], "M103");
    assert!(v["explanation"].as_str().unwrap().contains("## What it fixes"));
}

#[test]
fn explain_unknown_code_exits_2() {
    rinse().args(["explain", "ZZZ"]).assert().code(2).stdout("").stderr(contains("ZZZ"));
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_unified_shows_hunks_with_rule_codes() {
    let out = stdout_of(rinse().args(["diff", "--color", "never"]).write_stdin(DIRTY));
    assert!(out.starts_with("--- <stdin>\n+++ <stdin> (rinse)\n"), "{out}");
    // One hunk per paragraph, each naming its rules.
    let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("@@")).collect();
    assert_eq!(headers, ["@@ -1,1 +1,1 @@ W104 W101", "@@ -3,2 +2,0 @@ W107", "@@ -5,1 +3,1 @@ M101 M103"], "{out}");
    assert!(out.contains("\n-  Prices rose\u{a0}sharply.\n"));
    assert!(out.contains("\n+Prices rose sharply.\n"));
    assert!(out.contains("\n+R&D spending grew again.\n"));
    // Same as the default format.
    assert_eq!(stdout_of(rinse().args(["diff", "--format", "unified", "--color", "never"]).write_stdin(DIRTY)), out);
}

#[test]
fn diff_of_clean_text_is_empty() {
    rinse().args(["diff", "--color", "never"]).write_stdin(CLEAN).assert().success().stdout("");
    rinse().args(["diff", "--format", "annotated"]).write_stdin(CLEAN).assert().success().stdout("");
}

#[test]
fn diff_annotated_has_one_line_per_edit() {
    let out = stdout_of(rinse().args(["diff", "--format", "annotated"]).write_stdin(DIRTY));
    let lines: Vec<&str> = out.lines().collect();
    // Short edits are shown with a few characters of context.
    assert_eq!(lines[0], "<stdin>:1:1 W104 \"  Prices r\" → \"Prices r\"  (safe) paragraph indentation removed");
    assert!(
        lines.contains(&"<stdin>:1:14 W101 \"ces rose\\u{a0}sharply.\" → \"ces rose sharply.\"  (safe) exotic space becomes a plain space"),
        "{out}"
    );
    assert!(lines.iter().any(|l| l.starts_with("<stdin>:5:2 M101 \"&amp;\" → \"&\"")), "{out}");
    // One line per report edit.
    let json = stdout_of(rinse().args(["diff", "--format", "json"]).write_stdin(DIRTY));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["edits"].as_array().unwrap().len(), lines.len());
}

#[test]
fn diff_json_replays() {
    let json = stdout_of(rinse().args(["diff", "--format", "json"]).write_stdin(DIRTY));
    let report: rinse::Report = serde_json::from_str(&json).unwrap();
    assert_eq!(report.apply(DIRTY).unwrap(), CLEANED);
    assert_eq!(report.input, None);
}

#[test]
fn diff_color_always_has_ansi_codes_and_never_has_none() {
    let colored = stdout_of(rinse().args(["diff", "--color", "always"]).write_stdin(DIRTY));
    assert!(colored.contains("\x1b[31m") && colored.contains("\x1b[32m") && colored.contains("\x1b[0m"));
    let plain = stdout_of(rinse().args(["diff", "--color", "never"]).write_stdin(DIRTY));
    assert!(!plain.contains('\x1b'));
    // Piped output under `auto` is not a terminal: no color.
    let auto = stdout_of(rinse().args(["diff", "--color", "auto"]).write_stdin(DIRTY));
    assert_eq!(auto, plain);
}

#[test]
fn diff_of_several_files_names_each() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "  a\n").unwrap();
    fs::write(dir.path().join("b.txt"), "b\u{a0}b\n").unwrap();
    let out = stdout_of(rinse().args(["diff", "--format", "annotated"]).arg(dir.path()));
    assert!(out.contains("a.txt:1:1 W104"), "{out}");
    assert!(out.contains("b.txt:1:2 W101"), "{out}");
    let json = stdout_of(rinse().args(["diff", "--format", "json"]).arg(dir.path()));
    assert_eq!(json.lines().count(), 2);
}

// ---------------------------------------------------------------- encodings

/// A fixture cleaned with `--report`: stdout, the report (parsed) and its file.
struct Cleaned {
    out: String,
    report: serde_json::Value,
    report_path: PathBuf,
    _dir: tempfile::TempDir,
}

fn clean_fixture(name: &str, extra: &[&str]) -> Cleaned {
    let dir = tempfile::tempdir().unwrap();
    let report_path = dir.path().join("r.json");
    let out = stdout_of(
        rinse()
            .args(["clean", "-q", "--select", W_M, "--report"])
            .arg(&report_path)
            .args(extra)
            .arg(encoding_fixture(name)),
    );
    let report = serde_json::from_str(&fs::read_to_string(&report_path).unwrap()).unwrap();
    Cleaned { out, report, report_path, _dir: dir }
}

#[test]
fn legacy_encodings_are_detected_and_decoded() {
    let cases = [
        ("gbk.txt", "GBK", "国务院新闻办公室今天举行发布会，介绍经济发展情况。\n\nThe State Council"),
        ("big5.txt", "Big5", "臺灣的經濟發展與國際貿易關係密切，政府發布新的報告。\n\nTaiwan released"),
        (
            "windows-1252.txt",
            "windows-1252",
            "The café served a naïve résumé — “quoted” prices rose to €5.\n\nSecond paragraph, señor.\n",
        ),
    ];
    for (file, encoding, expected) in cases {
        let c = clean_fixture(file, &[]);
        let (out, v) = (&c.out, &c.report);
        assert!(out.starts_with(expected), "{file}: {out:?}");
        assert_eq!(v["decode"]["encoding"], encoding, "{file}");
        assert_eq!(v["decode"]["guessed"], true, "{file}");
        assert_eq!(v["decode"]["bom"], false, "{file}");
        assert!(!out.contains('\u{FFFD}'), "{file}");
        // The report replays on the decoded input.
        let replay = stdout_of(rinse().arg("apply").arg(&c.report_path));
        assert_eq!(&replay, out, "{file}: apply");
    }
}

#[test]
fn byte_order_marks_are_honoured_and_removed() {
    let c = clean_fixture("utf-16le-bom.txt", &[]);
    let (out, v) = (c.out.clone(), c.report.clone());
    assert_eq!(out, "中文和English混合的文本，上海。 Prices rose.\n\nEnd.\n");
    assert_eq!(v["decode"]["encoding"], "UTF-16LE");
    assert_eq!(v["decode"]["bom"], true);
    assert_eq!(v["decode"]["guessed"], false);
    rinse().arg("apply").arg(&c.report_path).assert().success().stdout(out.clone());

    let Cleaned { out, report: v, .. } = clean_fixture("utf-8-bom.txt", &[]);
    assert_eq!(out, "上海市 Shanghai city news R&D.\n");
    assert!(!out.starts_with('\u{feff}'));
    assert_eq!(v["decode"]["encoding"], "UTF-8");
    assert_eq!(v["decode"]["bom"], true);
}

#[test]
fn in_place_rewrites_a_legacy_file_as_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gbk.txt");
    fs::copy(encoding_fixture("gbk.txt"), &file).unwrap();
    rinse().args(["clean", "-q", "--in-place"]).arg(&file).assert().success();
    let text = String::from_utf8(fs::read(&file).unwrap()).expect("rewritten as UTF-8");
    assert!(text.starts_with("国务院新闻办公室"));
}

#[test]
fn forced_encoding_overrides_detection() {
    // Too short to detect reliably; forced, it decodes exactly.
    let (bytes, _, _) = encoding_rs::GBK.encode("  中文新闻\n");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    rinse()
        .args(["clean", "-q", "--select", W_M, "--encoding", "gbk", "--report"])
        .arg(&report)
        .write_stdin(bytes.into_owned())
        .assert()
        .success()
        .stdout("中文新闻\n");
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["decode"]["encoding"], "GBK");
    assert_eq!(v["decode"]["guessed"], false);
    // Forcing a wrong encoding really forces it.
    let Cleaned { out, report: v, .. } = clean_fixture("windows-1252.txt", &["--encoding", "utf-8"]);
    assert!(out.contains('\u{FFFD}') && !out.contains("café"));
    assert_eq!(v["decode"]["encoding"], "UTF-8");
}

#[test]
fn invalid_utf8_becomes_replacement_characters_listed_in_the_report() {
    let Cleaned { out, report: v, .. } = clean_fixture("invalid-utf-8.txt", &[]);
    assert_eq!(out, "上海市人民政府新闻办公室 text \u{FFFD} more words 中文.\n");
    assert_eq!(v["decode"]["encoding"], "UTF-8");
    let raw = fs::read(encoding_fixture("invalid-utf-8.txt")).unwrap();
    let offsets: Vec<usize> =
        v["decode"]["replacements"].as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect();
    assert_eq!(offsets.len(), 1);
    assert_eq!(raw[offsets[0]], 0xFF, "offset points at the bad byte");
    assert_eq!(v["counts"]["E101"], 1);
}

// ---------------------------------------------------------------- compression

#[test]
fn gzip_input_and_output_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("article.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(fs::File::create(&input).unwrap(), flate2::Compression::fast());
    enc.write_all(DIRTY.as_bytes()).unwrap();
    enc.finish().unwrap();
    // Compressed in, plain out.
    rinse().args(["clean", "-q"]).arg(&input).assert().success().stdout(CLEANED);
    // Compressed in, compressed out.
    let output = dir.path().join("clean.txt.gz");
    rinse().args(["clean", "-q", "-o"]).arg(&output).arg(&input).assert().success().stdout("");
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(fs::File::open(&output).unwrap()).read_to_string(&mut text).unwrap();
    assert_eq!(text, CLEANED);
    // In place keeps it compressed.
    rinse().args(["clean", "-q", "--in-place"]).arg(&input).assert().success();
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(fs::File::open(&input).unwrap()).read_to_string(&mut text).unwrap();
    assert_eq!(text, CLEANED);
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn zstd_input_and_output_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("article.txt.zst");
    fs::write(&input, zstd::encode_all(DIRTY.as_bytes(), 3).unwrap()).unwrap();
    let output = dir.path().join("out.txt.zst");
    rinse().args(["clean", "-q", "-o"]).arg(&output).arg(&input).assert().success();
    let text = zstd::decode_all(fs::File::open(&output).unwrap()).unwrap();
    assert_eq!(String::from_utf8(text).unwrap(), CLEANED);
    // A report of a compressed input replays on it.
    let report = dir.path().join("r.json");
    rinse().args(["clean", "-q", "-o", "/dev/null", "--report"]).arg(&report).arg(&input).assert().success();
    rinse().arg("apply").arg(&report).assert().success().stdout(CLEANED);
    // diff and check read compressed inputs too.
    rinse().arg("check").arg(&input).assert().code(1);
    rinse().args(["diff", "--format", "annotated"]).arg(&input).assert().success().stdout(contains("W101"));
}

#[test]
fn in_place_on_a_directory_skips_hidden_folders() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(".git")).unwrap();
    fs::create_dir_all(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join(".git/object"), "x  y\n").unwrap();
    fs::write(dir.path().join("sub/a.txt"), "a  b\n").unwrap();
    rinse().args(["clean", "-q", "--in-place"]).arg(dir.path()).assert().success();
    assert_eq!(fs::read_to_string(dir.path().join(".git/object")).unwrap(), "x  y\n");
    assert_eq!(fs::read_to_string(dir.path().join("sub/a.txt")).unwrap(), "a b\n");
}

#[test]
fn output_dir_refuses_two_inputs_with_one_name() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("x.txt"), "text\n").unwrap();
    }
    rinse()
        .args(["clean", "-q", "--output-dir"])
        .arg(dir.path().join("out"))
        .arg(dir.path().join("a/x.txt"))
        .arg(dir.path().join("b/x.txt"))
        .assert()
        .code(2)
        .stderr(contains("same output path"));
    assert!(!dir.path().join("out/x.txt").exists());
}

#[cfg(unix)]
#[test]
fn in_place_writes_through_a_symlink_and_new_files_are_0644() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    fs::write(&real, "a  b\n").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    rinse().args(["clean", "-q", "--in-place"]).arg(&link).assert().success();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link must stay a link");
    assert_eq!(fs::read_to_string(&real).unwrap(), "a b\n");
    let out = dir.path().join("new.txt");
    rinse().args(["clean", "-q", "-o"]).arg(&out).arg(&real).assert().success();
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
}

/// Many documents: lines recurring in their footers are learned from the
/// batch first and removed (B118), without a separate `learn` step.
#[test]
fn clean_learns_recurring_furniture_from_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let stories = ["the port", "a new bridge over the river", "the harvest in the north", "the school on the hill", "the market"];
    for (i, s) in stories.iter().enumerate() {
        let text = format!(
            "The story of {s} was told on Monday, and it ended well for everyone involved.\n\nShare to friends circle\nEditor-on-duty hotline 8888\n"
        );
        fs::write(dir.path().join(format!("d{i}.txt")), text).unwrap();
    }
    let out = dir.path().join("out");
    let report = dir.path().join("r.jsonl");
    rinse()
        .args(["clean", "--output-dir"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .arg(dir.path().join("d0.txt"))
        .args((1..5).map(|i| dir.path().join(format!("d{i}.txt"))))
        .assert()
        .success()
        .stderr(contains("learned 2 recurring furniture line(s)"));
    let cleaned = fs::read_to_string(out.join("d0.txt")).unwrap();
    assert_eq!(cleaned, "The story of the port was told on Monday, and it ended well for everyone involved.\n");
    assert!(fs::read_to_string(&report).unwrap().contains("\"B118\""));
    // --no-learn keeps them.
    rinse()
        .args(["clean", "--no-learn", "-q", "--output-dir"])
        .arg(&out)
        .args((0..5).map(|i| dir.path().join(format!("d{i}.txt"))))
        .assert()
        .success();
    assert!(fs::read_to_string(out.join("d0.txt")).unwrap().contains("Share to friends circle"));
}

/// `--apply suggest` applies the suggestions a default run only lists;
/// `--apply safe` and `--only-safe` are the same; the report's suggestions
/// are against the input and `apply` still replays the output.
#[test]
fn apply_levels_and_suggestions() {
    let input = "Sales rose 1.2.7 million units.\n";
    let default = stdout_of(rinse().arg("clean").write_stdin(input));
    assert_eq!(default, input);
    let all = stdout_of(rinse().args(["clean", "--apply", "suggest"]).write_stdin(input));
    assert_eq!(all, "Sales rose 1.27 million units.\n");
    let dir = tempfile::tempdir().unwrap();
    let (inp, rep) = (dir.path().join("in.txt"), dir.path().join("r.json"));
    fs::write(&inp, input).unwrap();
    rinse().args(["clean", "-q", "-o"]).arg(dir.path().join("out.txt")).arg("--report").arg(&rep).arg(&inp).assert().success();
    let report: serde_json::Value = serde_json::from_str(&fs::read_to_string(&rep).unwrap()).unwrap();
    let s = &report["suggestions"][0];
    assert_eq!((s["start"].as_u64(), s["end"].as_u64()), (Some(11), Some(24)), "{report}");
    assert_eq!((s["before"].as_str(), s["after"].as_str(), s["confidence"].as_str()), (Some("1.2.7 million"), Some("1.27 million"), Some("suggest")));
    assert_eq!(s["codes"][0], "N101");
    let replayed = stdout_of(rinse().arg("apply").arg(&rep).arg(&inp));
    assert_eq!(replayed, input);
    let accepted = stdout_of(rinse().args(["apply", "--suggestions"]).arg(&rep).arg(&inp));
    assert_eq!(accepted, all);
    let annotated = stdout_of(rinse().args(["diff", "--format", "annotated"]).arg(&inp));
    assert!(annotated.contains("N101") && annotated.contains("(suggest)"), "{annotated}");
    let safe = "a  b 1.2.7 billion, growth4.8%\n";
    let a = stdout_of(rinse().args(["clean", "--apply", "safe"]).write_stdin(safe));
    let b = stdout_of(rinse().args(["clean", "--only-safe"]).write_stdin(safe));
    assert_eq!(a, b);
    rinse().args(["clean", "--apply", "all"]).write_stdin(safe).assert().code(2);
}

// ---------------------------------------------------------------- corpus reports

/// A copy of the seed documents (and a sub-folder of the real-world
/// samples when `../shared` is there) in a temp folder.
fn seed_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(corpus.join("sub")).unwrap();
    for e in fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    fs::write(corpus.join("sub/dirty.txt"), DIRTY).unwrap();
    corpus
}

#[test]
fn corpus_report_replays_over_its_folder_and_names_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seed_corpus(dir.path());
    let (report, cleaned) = (dir.path().join("r.jsonl"), dir.path().join("clean.txt"));
    rinse().args(["clean", "-q", "--report"]).arg(&report).arg("-o").arg(&cleaned).arg(&corpus).assert().success();
    let text = fs::read_to_string(&report).unwrap();
    let records: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(records.len() >= 6, "{} records", records.len());
    assert!(records.iter().any(|r| r["path"] == "sub/dirty.txt"));
    assert!(records.iter().all(|r| r["input_hash"].as_str().unwrap().starts_with("xxh3-128:")));
    let expected = fs::read(&cleaned).unwrap();
    // Over the folder, from the report's own paths, and from stdin.
    let over_dir = rinse().arg("apply").arg(&report).arg(&corpus).assert().success().get_output().stdout.clone();
    assert_eq!(over_dir, expected);
    let own_paths = rinse().arg("apply").arg("-q").arg(&report).assert().success().get_output().stdout.clone();
    assert_eq!(own_paths, expected);
    rinse()
        .args(["apply", "-", "--output-dir"])
        .arg(dir.path().join("out"))
        .arg(&corpus)
        .write_stdin(text.clone())
        .assert()
        .success()
        .stderr(contains("0 skipped"));
    assert_eq!(fs::read_to_string(dir.path().join("out/sub/dirty.txt")).unwrap(), CLEANED);
}

#[test]
fn corpus_apply_skips_and_counts_documents_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seed_corpus(dir.path());
    let report = dir.path().join("r.jsonl");
    rinse().args(["clean", "-q", "-o", "/dev/null", "--report"]).arg(&report).arg(&corpus).assert().success();
    fs::write(corpus.join("sub/dirty.txt"), format!("{DIRTY}more\n")).unwrap();
    fs::write(corpus.join("sub/new.txt"), "  new\n").unwrap();
    rinse()
        .args(["apply", "--output-dir"])
        .arg(dir.path().join("out"))
        .arg(&report)
        .arg(&corpus)
        .assert()
        .success()
        .stderr(contains("1 document(s) left unchanged").and(contains("1 skipped (input differs), 1 without a report record")));
    // Left unchanged, not half-applied.
    assert_eq!(fs::read_to_string(dir.path().join("out/sub/dirty.txt")).unwrap(), format!("{DIRTY}more\n"));
    assert_eq!(fs::read_to_string(dir.path().join("out/sub/new.txt")).unwrap(), "  new\n");
    // --force applies anyway (here: the edits still match the start of the file).
    rinse().args(["apply", "--force", "-o"]).arg(dir.path().join("f.txt")).arg(&report).arg(&corpus).assert().success();
}

#[test]
fn jsonl_corpus_report_replays_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    let bad = r#"{"id":"bad"}"#;
    let mut lines = vec![bad.to_string()];
    for (i, e) in fs::read_dir(root().join("seeds")).unwrap().enumerate() {
        let text = fs::read_to_string(e.unwrap().path()).unwrap();
        lines.push(serde_json::json!({ "id": i, "text": text, "keep": [1.50] }).to_string().replace("[1.5]", "[1.50]"));
    }
    lines.push(serde_json::json!({ "id": "d", "text": DIRTY }).to_string());
    fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let (report, cleaned) = (dir.path().join("r.jsonl"), dir.path().join("clean.jsonl"));
    rinse().args(["clean", "-q", "--jsonl", "--report"]).arg(&report).arg("-o").arg(&cleaned).arg(&corpus).assert().success();
    let expected = fs::read_to_string(&cleaned).unwrap();
    assert!(expected.contains("[1.50]") && expected.starts_with(bad));
    let replayed = stdout_of(rinse().arg("apply").arg(&report).arg(&corpus));
    assert_eq!(replayed, expected);
    // A trimmed report (drop every edit of the last record) leaves that record as it was.
    let mut recs: Vec<serde_json::Value> = fs::read_to_string(&report).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    recs.last_mut().unwrap()["edits"] = serde_json::json!([]);
    let trimmed: String = recs.iter().map(|r| r.to_string() + "\n").collect();
    let out = stdout_of(rinse().args(["apply", "-"]).arg(&corpus).write_stdin(trimmed));
    assert_eq!(out.lines().last().unwrap(), lines.last().unwrap());
    // A changed record is left as it is and counted.
    let changed = fs::read_to_string(&corpus).unwrap().replace("Prices rose", "Prices fell");
    fs::write(&corpus, changed).unwrap();
    let out = rinse().arg("apply").arg(&report).arg(&corpus).assert().success().stderr(contains("1 skipped")).get_output().stdout.clone();
    assert!(String::from_utf8(out).unwrap().contains("  Prices fell"));
}

#[test]
fn diff_hunks_are_per_paragraph_and_apply_as_a_patch() {
    let seed = root().join("seeds/000_aa6c14fb6a052b5f.txt");
    let out = stdout_of(rinse().args(["diff", "--color", "never"]).arg(&seed));
    let hunks = out.lines().filter(|l| l.starts_with("@@")).count();
    assert!(hunks >= 10, "{hunks} hunks");
    // Every changed line is inside a hunk no larger than its paragraph run.
    let original = fs::read_to_string(&seed).unwrap();
    assert!(out.lines().filter(|l| l.starts_with('-') && !l.starts_with("---")).count() < original.lines().count());
    if std::process::Command::new("patch").arg("--version").output().is_ok() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("x.txt");
        fs::write(&copy, &original).unwrap();
        let status = std::process::Command::new("patch")
            .arg("-s")
            .arg(&copy)
            .stdin(std::process::Stdio::from(fs::File::open({
                let p = dir.path().join("p.diff");
                fs::write(&p, &out).unwrap();
                p
            }).unwrap()))
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(fs::read_to_string(&copy).unwrap(), stdout_of(rinse().args(["clean", "-q"]).arg(&seed)));
    }
}

#[test]
fn colored_diffs_emphasize_every_changed_line() {
    let seed = root().join("seeds/000_aa6c14fb6a052b5f.txt");
    let out = stdout_of(rinse().args(["diff", "--color", "always"]).arg(&seed));
    let changed: Vec<&str> = out.lines().filter(|l| l.starts_with("\x1b[31m-") || l.starts_with("\x1b[32m+")).collect();
    assert!(changed.len() > 20);
    // Every changed line with text has an emphasized part (blank lines may not).
    for l in changed.iter().filter(|l| l.len() > 12) {
        assert!(l.contains("\x1b[1;4;3"), "no emphasis: {l:?}");
    }
    let annotated = stdout_of(rinse().args(["diff", "--format", "annotated", "--color", "always"]).write_stdin("growth,It is\n"));
    assert!(annotated.contains("\x1b[1;4;32m") && annotated.contains("\x1b[36m<stdin>:1:"), "{annotated:?}");
    let plain = stdout_of(rinse().args(["diff", "--format", "annotated", "--color", "never"]).write_stdin("growth,It is\n"));
    assert!(!plain.contains('\x1b'));
}

#[test]
fn diff_and_check_take_jobs_and_quiet() {
    let seeds = root().join("seeds");
    let one = rinse().args(["diff", "-j1", "--color", "never"]).arg(&seeds).assert().success().get_output().clone();
    let two = rinse().args(["diff", "-j2", "-q", "--color", "never"]).arg(&seeds).assert().success().get_output().clone();
    assert_eq!(one.stdout, two.stdout);
    assert!(String::from_utf8_lossy(&one.stderr).contains("documents would change"));
    assert!(two.stderr.is_empty());
    rinse().args(["check", "-q", "-j2"]).arg(&seeds).assert().code(1);
}

#[test]
fn check_json_lists_changed_documents() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("clean.txt"), CLEAN).unwrap();
    fs::write(dir.path().join("dirty.txt"), DIRTY).unwrap();
    let out = rinse().args(["check", "--format", "json"]).arg(dir.path()).assert().code(1).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((v["documents"].as_u64(), v["changed"].as_u64()), (Some(2), Some(1)));
    assert!(v["files"][0]["name"].as_str().unwrap().ends_with("dirty.txt"));
    assert_eq!(v["files"][0]["counts"]["W107"], 1);
    let out = rinse().args(["check", "--format", "json"]).arg(dir.path().join("clean.txt")).assert().code(0).get_output().stdout.clone();
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out).unwrap()["changed"], 0);
}

// ---------------------------------------------------------------- stats

#[test]
fn stats_counts_rules_documents_bytes_and_metadata() {
    let seeds = root().join("seeds");
    let out = stdout_of(rinse().args(["stats", "--format", "json"]).arg(&seeds));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let n = fs::read_dir(&seeds).unwrap().count() as u64;
    assert_eq!(v["documents"].as_u64(), Some(n));
    // The per-rule edits add up to the edits per document of the reports.
    // The same edits as `clean` of the batch (furniture learned from it too).
    let report = stdout_of(rinse().args(["clean", "-q", "-o", "/dev/null", "--report", "-"]).arg(&seeds));
    let (mut p101, mut docs_p101, mut removed) = (0, 0, 0i64);
    for line in report.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        let k = r["counts"]["P101"].as_u64().unwrap_or(0);
        p101 += k;
        docs_p101 += u64::from(k > 0);
        removed += r["input_bytes"].as_i64().unwrap() - r["output_bytes"].as_i64().unwrap();
    }
    assert_eq!(v["rules"]["P101"]["edits"].as_u64(), Some(p101));
    assert_eq!(v["rules"]["P101"]["documents"].as_u64(), Some(docs_p101));
    assert_eq!(v["removed_bytes"].as_i64(), Some(removed));
    assert!(v["metadata_fields"]["date"].as_u64().unwrap() >= 1);
    assert_eq!(v["english_share"].as_object().unwrap().values().map(|x| x.as_u64().unwrap()).sum::<u64>(), n);
    let table = stdout_of(rinse().arg("stats").arg(&seeds));
    assert!(table.contains("P101   fullwidth-punctuation-in-english") && table.contains("metadata field"), "{table}");
}

// ---------------------------------------------------------------- review

#[test]
fn review_page_is_self_contained_and_escapes_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.txt");
    fs::write(&input, "growth,It is </script><script>alert(1)</script> \u{202e}here。\n").unwrap();
    let page = dir.path().join("page.html");
    rinse().args(["review", "-q", "-o"]).arg(&page).arg(&input).assert().success();
    let html = fs::read_to_string(&page).unwrap();
    // Two script elements (the data and the page's own code), no other.
    assert_eq!(html.matches("<script").count(), 2, "{}", &html[..200]);
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("\u{202e}"));
    let start = html.find("id=\"rinse-data\">").unwrap() + "id=\"rinse-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    // No network: the page's own markup, style and code load nothing (the
    // data may quote URLs as text), and the CSP allows nothing else.
    let code = format!("{}{}", &html[..start], &html[end..]);
    for bad in ["http://", "https://", "src=", "<link", "@import", "url(", "fetch(", "XMLHttpRequest"] {
        assert!(!code.contains(bad), "{bad}");
    }
    assert!(html.contains("default-src 'none'; script-src 'sha256-"));
    // The data round-trips: the document text and its edits are there.
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(data["docs"][0]["text"], fs::read_to_string(&input).unwrap());
    assert!(data["docs"][0]["edits"].as_array().unwrap().len() >= 3);
    assert!(data["rules"]["P101"]["explain"].as_str().unwrap().contains("What it fixes"));
}
