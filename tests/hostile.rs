//! Hostile input, faults and files (issue 18), end to end on the binary:
//! no file lost or overwritten, exit codes that hold when a pipe closes,
//! bounded reads, data warnings under `-q`, temp files removed on signals.
//! Nothing here is timed: waits are for a file to appear, never a duration.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::{Path, PathBuf};

fn rinse() -> Command {
    Command::cargo_bin("rinse").unwrap()
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("rinse")
}

/// A document every default pass changes the same way (whitespace, markup).
const DIRTY: &str = "  Prices rose\u{a0}sharply.\n\n\n\nR&amp;D spending **grew** again.\n";
const CLEANED: &str = "Prices rose sharply.\n\nR&D spending grew again.\n";

fn temp_leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rinse-"))
        .collect()
}

fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo failed");
}

// ------------------------------------------------------- files never lost

#[test]
fn report_naming_the_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, DIRTY).unwrap();
    rinse()
        .args(["clean", "-o", "/dev/null", "--report"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(contains("same file"));
    assert_eq!(fs::read_to_string(&input).unwrap(), DIRTY);
}

#[test]
fn two_outputs_naming_one_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, DIRTY).unwrap();
    let x = dir.path().join("x");
    rinse().args(["clean", "-o"]).arg(&x).arg("--report").arg(&x).arg(&input).assert().code(2).stderr(contains("--report"));
    assert!(!x.exists());
    // The output is the input through a hard link: refused too.
    let link = dir.path().join("link.txt");
    fs::hard_link(&input, &link).unwrap();
    rinse().args(["clean", "-o"]).arg(&link).arg(&input).assert().code(2).stderr(contains("same file"));
    assert_eq!(fs::read_to_string(&input).unwrap(), DIRTY);
    // Two outputs to /dev/null are fine.
    rinse().args(["clean", "-q", "-o", "/dev/null", "--report", "/dev/null"]).arg(&input).assert().success();
}

#[test]
fn a_failed_input_leaves_no_partial_output() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    fs::write(&a, DIRTY).unwrap();
    let broken = dir.path().join("b.txt.gz");
    fs::write(&broken, b"\x1f\x8b\x08\x00not really gzip").unwrap();
    let out = dir.path().join("out.txt");
    fs::write(&out, "previous contents\n").unwrap();
    rinse().args(["clean", "-o"]).arg(&out).arg(&a).arg(&broken).assert().code(2).stderr(contains("not written"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous contents\n");
    let fresh = dir.path().join("fresh.txt");
    rinse().args(["clean", "-o"]).arg(&fresh).arg(&a).arg(&broken).assert().code(2);
    assert!(!fresh.exists());
    assert!(temp_leftovers(dir.path()).is_empty());
}

#[test]
fn walks_skip_binary_files_with_a_warning_even_under_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR  spaces  here";
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0  text  like";
    let nul = b"some  text\0\0\0with  nuls\0";
    fs::write(d.join("a.png"), png).unwrap();
    fs::write(d.join("tool"), elf).unwrap();
    fs::write(d.join("blob.txt"), nul).unwrap();
    fs::write(d.join("doc.txt"), DIRTY).unwrap();
    // UTF-16 with a byte order mark has NULs and is text.
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("Hello  world.\n".encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(d.join("wide.txt"), &utf16).unwrap();
    rinse()
        .args(["clean", "-q", "--in-place"])
        .arg(d)
        .assert()
        .success()
        .stderr(contains("a.png: skipped: a PNG image").and(contains("tool: skipped")).and(contains("blob.txt: skipped")));
    assert_eq!(fs::read(d.join("a.png")).unwrap(), png);
    assert_eq!(fs::read(d.join("tool")).unwrap(), elf);
    assert_eq!(fs::read(d.join("blob.txt")).unwrap(), nul);
    assert_eq!(fs::read_to_string(d.join("doc.txt")).unwrap(), CLEANED);
    assert_eq!(fs::read_to_string(d.join("wide.txt")).unwrap(), "Hello world.\n");
    // --silent hides data warnings.
    rinse().args(["clean", "--silent", "--in-place"]).arg(d).assert().success().stderr("");
}

#[cfg(unix)]
#[test]
fn in_place_keeps_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.txt");
    fs::write(&f, DIRTY).unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
    let root = fs::metadata(dir.path()).unwrap().uid() == 0 && std::os::unix::fs::chown(&f, Some(4321), Some(4322)).is_ok();
    rinse().args(["clean", "-q", "--in-place"]).arg(&f).assert().success();
    let meta = fs::metadata(&f).unwrap();
    assert_eq!(fs::read_to_string(&f).unwrap(), CLEANED);
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322), "owner and group kept");
    }
}

#[cfg(unix)]
#[test]
fn in_place_refuses_read_only_files_hard_links_and_fifos() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.txt");
    fs::write(&ro, DIRTY).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    rinse().args(["clean", "--in-place"]).arg(&ro).assert().code(2).stderr(contains("read-only"));
    assert_eq!(fs::read_to_string(&ro).unwrap(), DIRTY);

    let linked = dir.path().join("linked.txt");
    fs::write(&linked, DIRTY).unwrap();
    fs::hard_link(&linked, dir.path().join("other-name.txt")).unwrap();
    rinse().args(["clean", "--in-place"]).arg(&linked).assert().code(2).stderr(contains("hard links"));
    assert_eq!(fs::read_to_string(dir.path().join("other-name.txt")).unwrap(), DIRTY);

    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    rinse().args(["clean", "--in-place"]).arg(&fifo).assert().code(2).stderr(contains("not a regular file"));
    assert!(temp_leftovers(dir.path()).is_empty());
}

/// SIGINT and SIGTERM while an output is open: the temp file is removed and
/// the target never appears. The input is a FIFO nobody writes to, so rinse
/// is sure to be waiting with its temp file open when the signal comes.
#[cfg(unix)]
#[test]
fn signals_remove_temp_files() {
    for signal in ["-INT", "-TERM"] {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("in.fifo");
        mkfifo(&fifo);
        let out = dir.path().join("out.txt");
        let mut child = std::process::Command::new(bin())
            .args(["clean", "-q", "-o"])
            .arg(&out)
            .arg(&fifo)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the temp file (no deadline: the test harness has one).
        while temp_leftovers(dir.path()).is_empty() {
            assert!(child.try_wait().unwrap().is_none(), "rinse ended before opening its output");
            std::thread::yield_now();
        }
        let killed = std::process::Command::new("kill").arg(signal).arg(child.id().to_string()).status().unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "{signal}: {status:?}");
        assert!(temp_leftovers(dir.path()).is_empty(), "{signal}: temp file left behind");
        assert!(!out.exists());
    }
}

#[cfg(unix)]
#[test]
fn output_dir_never_writes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let outd = dir.path().join("out");
    fs::create_dir_all(&src).unwrap();
    fs::create_dir_all(&outd).unwrap();
    fs::write(src.join("a.txt"), DIRTY).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&victim, outd.join("a.txt")).unwrap();
    rinse().args(["clean", "-q", "--output-dir"]).arg(&outd).arg(&src).assert().code(2).stderr(contains("symbolic link"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me\n");
}

#[test]
fn a_config_resolves_rules_file_against_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("conf");
    fs::create_dir_all(&conf).unwrap();
    fs::write(
        conf.join("site.toml"),
        "[[rule]]\ncode = \"B114\"\nkind = \"pattern\"\nzone = \"footer\"\npattern = '^Zebra\\s+Widgets\\s+newsroom\\s+footer$'\ntriggers = [\"newsroom\"]\nmatch = [\"Zebra Widgets newsroom footer\"]\n",
    )
    .unwrap();
    fs::write(conf.join("rinse.toml"), "[boilerplate]\nrules_file = \"site.toml\"\n").unwrap();
    let doc = dir.path().join("doc.txt");
    fs::write(&doc, "The plant opened in May after a long delay, the company said.\n\nZebra Widgets newsroom footer\n").unwrap();
    // Run from another folder: the path is the config's, not the cwd's.
    let out = rinse()
        .current_dir(std::env::temp_dir())
        .args(["clean", "-q", "--config"])
        .arg(conf.join("rinse.toml"))
        .arg(&doc)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8(out).unwrap().contains("Zebra"));
}

#[test]
fn rule_and_config_errors_never_echo_file_contents() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("shadow");
    fs::write(&secret, "root:$6$SECRETHASH:19000:0:99999:7:::\n").unwrap();
    let doc = dir.path().join("doc.txt");
    fs::write(&doc, DIRTY).unwrap();
    for flag in ["--rules", "--config"] {
        rinse()
            .args(["clean", flag])
            .arg(&secret)
            .arg(&doc)
            .assert()
            .code(2)
            .stderr(contains("line 1").and(contains("SECRETHASH").not()));
    }
    let conf = dir.path().join("rinse.toml");
    fs::write(&conf, "select = \"hunter2\"\n").unwrap();
    rinse().args(["clean", "--config"]).arg(&conf).arg(&doc).assert().code(2).stderr(contains("hunter2").not());
}

/// `rinse diff --color never -` on `input`: its standard output.
fn plain_diff(input: &str) -> String {
    let out = rinse().args(["diff", "--color", "never", "-"]).write_stdin(input).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn unified_diff_escapes_terminal_controls() {
    let out = plain_diff("Title\x1b]0;owned\x07  here.\n");
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    assert!(out.contains("\\u{1b}"), "{out}");
}

/// Indented lines: each edit that removes a line's indent starts where the
/// line before ends. The diff once sliced past that line and panicked.
#[test]
fn unified_diff_of_indented_lines() {
    let out = plain_diff("a\n    b\n    c\n");
    assert!(out.contains("-    b\n-    c\n+b\n+c\n"), "{out}");
}

/// A lone `\r` stays inside its line (shown escaped), and the header counts
/// the lines the hunk shows.
#[test]
fn unified_diff_of_a_lone_carriage_return() {
    let out = plain_diff("ab\rcd\n");
    assert!(out.contains("@@ -1,1 +1,2 @@"), "{out}");
    assert!(out.contains("-ab\\u{d}cd\n+ab\n+cd\n"), "{out}");
    assert!(!out.contains("No newline"), "{out}");
}

#[test]
fn a_full_disk_names_the_output() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    rinse().args(["clean", "-q", "-o", "/dev/full", "-"]).write_stdin(DIRTY).assert().code(2).stderr(contains("/dev/full"));
}

// ------------------------------------------------------------ exit codes

/// A pipe whose reader is already gone: every write gets EPIPE.
#[cfg(unix)]
fn closed_pipe(fifo: &Path) -> fs::File {
    use std::os::unix::fs::OpenOptionsExt;
    mkfifo(fifo);
    const O_NONBLOCK: i32 = 0o4000;
    let reader = fs::OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(fifo).unwrap();
    let writer = fs::OpenOptions::new().write(true).open(fifo).unwrap();
    drop(reader);
    writer
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_never_makes_check_pass_nor_panics() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = dir.path().join("dirty.txt");
    fs::write(&dirty, DIRTY.repeat(50)).unwrap();
    let mut n = 0;
    let mut run = |args: &[&str]| {
        n += 1;
        let out = std::process::Command::new(bin())
            .args(args)
            .stdout(closed_pipe(&dir.path().join(format!("closed{n}"))))
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = run(&["check", dirty.to_str().unwrap()]);
    assert_eq!(code, Some(1), "check on a dirty file with stdout closed: {err}");
    let (code, err) = run(&["check", "-q", dirty.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    for args in [&["rules"][..], &["rules", "--format", "json"], &["explain", "P101"], &["explain", "--format", "json", "P101"]] {
        let (code, err) = run(args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_glob_matching_nothing_or_an_empty_folder_fails() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), DIRTY).unwrap();
    rinse().args(["clean", "--glob", "*.txt"]).arg(dir.path()).assert().code(2).stderr(contains("no files matching `*.txt`"));
    rinse().args(["check", "--glob", "*.txt"]).arg(dir.path()).assert().code(2);
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    rinse().args(["clean"]).arg(&empty).assert().code(2).stderr(contains("no text files"));
}

#[test]
fn a_truncated_last_jsonl_line_is_an_error_even_under_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("recs.jsonl");
    fs::write(&f, "{\"id\":1,\"text\":\"Good  text.\"}\n{\"id\":2,\"text\":\"cut sh").unwrap();
    rinse().args(["clean", "-q", "--jsonl"]).arg(&f).assert().code(2).stderr(contains("truncated")).stdout(contains("Good text."));
    rinse().args(["check", "--jsonl"]).arg(&f).assert().code(2).stderr(contains("truncated"));
    // A bad record in the middle is a warning that -q still shows.
    fs::write(&f, "{\"id\":1,\"text\":\"Good  text.\"}\nnot json\n").unwrap();
    rinse().args(["clean", "-q", "--jsonl"]).arg(&f).assert().success().stderr(contains("recs.jsonl:2"));
    rinse().args(["clean", "--silent", "--jsonl"]).arg(&f).assert().success().stderr("");
}

#[test]
fn unsettled_text_warns_even_under_quiet() {
    // One more mark per round: longer than the pipeline's rounds.
    let chain = format!("e{}", "\u{3001}".repeat(100));
    rinse().args(["clean", "-q", "-"]).write_stdin(chain.clone()).assert().success().stderr(contains("had not settled"));
    rinse().args(["clean", "--silent", "-"]).write_stdin(chain).assert().success().stderr("");
}

// ---------------------------------------------------------- bounded reads

#[cfg(unix)]
#[test]
fn endless_inputs_stop_with_a_clear_error() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    rinse().args(["clean", "--max-size", "1M", "/dev/zero"]).assert().code(2).stderr(contains("maximum document size"));
    rinse().args(["clean", "--max-size", "1M", "--jsonl", "/dev/zero"]).assert().code(2).stderr(contains("maximum document size"));
    rinse().args(["clean", "--config", "/dev/zero", "-"]).write_stdin("x").assert().code(2).stderr(contains("16 MiB"));
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("rinse.toml");
    fs::write(&conf, "[boilerplate]\nrules_file = \"/dev/zero\"\n").unwrap();
    rinse().args(["clean", "--config"]).arg(&conf).arg("-").write_stdin("x").assert().code(2).stderr(contains("16 MiB"));
    rinse().args(["clean", "--max-size", "lots", "-"]).assert().code(2);
}

#[test]
fn documents_over_max_size_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, "word ".repeat(1000)).unwrap();
    rinse().args(["clean", "--max-size", "1K"]).arg(&big).assert().code(2).stderr(contains("big.txt"));
    rinse().args(["clean", "-q", "--max-size", "1M"]).arg(&big).assert().success();
}

// ------------------------------------------------------------------ learn

/// A generated site: furniture lines sharing words (`announcements`,
/// `Acme`), learned and then used as `--rules`.
#[test]
fn learned_rules_always_load_in_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir(&site).unwrap();
    let bodies = [
        "The plant opened in May after a long delay, the company said on Monday.",
        "Sales rose by a fifth in the first quarter, driven by exports to Europe.",
        "The board met on Monday to discuss the new factory and its first orders.",
        "Workers at the port loaded a record number of containers last month.",
        "A new research centre will open next year with two hundred engineers.",
        "The city approved a plan for a second bridge over the river this spring.",
    ];
    for (i, body) in bodies.iter().enumerate() {
        fs::write(
            site.join(format!("doc{i}.txt")),
            format!(
                "Acme announcements and news\n\nHome > Acme announcements\n\n{body}\n\nIt was the {i}th report this year from the team.\n\nAcme announcements archive, page {i}\n\nContact the Acme announcements desk\n"
            ),
        )
        .unwrap();
    }
    let rules = dir.path().join("learned.toml");
    rinse().args(["learn", "-q", "-o"]).arg(&rules).arg(&site).assert().success();
    assert!(fs::read_to_string(&rules).unwrap().contains("[[rule]]"), "nothing learned");
    rinse().args(["clean", "-q", "--rules"]).arg(&rules).arg(site.join("doc0.txt")).assert().success().stdout(contains("The plant opened"));
}

#[test]
fn an_invalid_rules_file_is_named_with_its_own_rule_number() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    fs::write(
        &rules,
        "[[rule]]\ncode = \"B114\"\nkind = \"pattern\"\nzone = \"footer\"\npattern = '^Zebra$'\ntriggers = [\"zebra\"]\nmatch = [\"Not zebra at all\"]\n",
    )
    .unwrap();
    rinse()
        .args(["clean", "--rules"])
        .arg(&rules)
        .arg("-")
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(contains("mine.toml").and(contains("rule 1 (B114)")));
}

// ------------------------------------------------------- settle every input

/// Inputs saved from coverage-guided fuzzing (`fixtures/fuzz/`, raw bytes as
/// the fuzzer fed them): each once came out different when cleaned a second
/// time. `clean-p303-evidence-reach.bin`: a mojibake `ï¼‰` fixed in a later
/// round made the token before it a P303 candidate, which is evidence for
/// glued tokens on the line above; that round looked at the fixed line only,
/// so they split on a second clean. `clean-c102-own-evidence.bin`: a
/// capital clause_case lowercased is evidence for C102 elsewhere, so
/// clause_case must look again where it changed the text itself.
#[test]
fn fuzz_reproductions_are_idempotent() {
    let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let (original, info) = rinse::decode::decode(&bytes, None);
        let once = cleaner.clean_decoded(&original, info);
        assert_eq!(once.report.apply(&original).unwrap(), once.text, "{}: replay", path.display());
        let twice = cleaner.clean(&once.text);
        assert_eq!(twice.text, once.text, "{} is not idempotent", path.display());
        n += 1;
    }
    assert!(n >= 1, "no fuzz reproductions in {}", dir.display());
}

/// Reproductions from the attack run: each round unlocked one more edit and
/// the pipeline stopped before the end. Cleaning the output again must
/// change nothing, with no "had not settled" warning.
#[test]
fn chains_settle_and_cleaning_twice_is_a_no_op() {
    let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap();
    let cases = [
        format!("e{}", "\u{3001}".repeat(9)),
        "or.Ar.At.Ar.At.Ar.At.Ar.At.Ar".to_string(),
        format!("{}Body text.\n", "date 2025-02-06 ".repeat(9)),
        // Fuzzing (clean target): splitting `exhibitionBy` on line 1 made
        // `total exhibition` a pair written apart, which splits the token
        // on line 2 — a later round looked at line 1 alone.
        "total exhibitionBy\ntotalexhibition".to_string(),
        format!("total exhibitionBy\n{}\ntotalexhibition", "filler line.\n".repeat(200)),
        // Fuzzing (clean target, a slow unit): a pile of `。` after English
        // and before a CJK symbol went one mark per round, past the cap.
        format!("abc{}\u{3003}def", "\u{3002}".repeat(100)),
        format!("respectively.{}\u{3003}{}x", "\u{3002}".repeat(60), "\u{3002}".repeat(40)),
    ];
    for input in &cases {
        let once = cleaner.clean(input);
        assert!(!once.report.warnings.iter().any(|w| w.contains("had not settled")), "{input:?}: {:?}", once.report.warnings);
        let twice = cleaner.clean(&once.text);
        assert_eq!(twice.text, once.text, "{input:?} is not idempotent");
        assert_eq!(once.report.apply(input).unwrap(), once.text, "{input:?}: replay");
    }
}
