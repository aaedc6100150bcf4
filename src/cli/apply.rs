//! `rinse apply`: replay a report (or a trimmed copy) on its input.
//!
//! A report is one JSON document (`rinse clean FILE --report R`), or a
//! corpus report: JSON Lines, one report per document, as `clean --report`
//! writes for a batch (each record names its document: `input` and `path`
//! for files, `file` and `line` for JSONL records) and as `rinse review`
//! downloads. A corpus report replays over the same files, directory or
//! JSONL corpus; a document whose input hash differs from its record's is
//! left unchanged and counted (`--force` applies it anyway). The hash is
//! `input_hash` (`xxh3-128:…`), or `input_sha256` in reports written
//! before it, which still apply.

use super::common::expand_with_base;
use super::io::{self, Input, Sink};
use crate::cli::record::{parse_record, splice_field, split_ending};
use anyhow::{bail, Context as _, Result};
use clap::Args;
use rinse::Report;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// The report written by `rinse clean --report` or downloaded from
    /// `rinse review` (edits may be removed by hand); `-`: stdin.
    #[arg(value_name = "REPORT")]
    pub report: PathBuf,
    /// The original inputs: a file, `-` (stdin), the batch's files or
    /// directories, or the JSONL corpus (default: the paths the report names).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write the result here instead of stdout (a batch of files: their texts one after another).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A corpus report over files: write each document under DIR, keeping relative paths.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub output_dir: Option<PathBuf>,
    /// Apply even if an input's hash differs from the report's.
    #[arg(long)]
    pub force: bool,
    /// Also apply the report's `suggestions` (edits overlapping one give way to it).
    #[arg(long)]
    pub suggestions: bool,
    /// With a JSONL corpus: the field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// No summary on stderr (warnings about skipped documents still show).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Counts for the end-of-run summary.
#[derive(Default)]
struct Tally {
    applied: usize,
    edits: usize,
    /// Input hash differs from the record's: left unchanged.
    differs: Vec<String>,
    /// No record for this document: left unchanged.
    unreported: usize,
}

impl Tally {
    fn finish(&self, quiet: bool) -> Result<ExitCode> {
        if !self.differs.is_empty() {
            let shown: Vec<&str> = self.differs.iter().take(5).map(String::as_str).collect();
            io::warn(format_args!(
                "{} document(s) left unchanged: input differs from the one the report was made from (its hash), e.g. {}; --force applies anyway",
                self.differs.len(),
                shown.join(", ")
            ));
        }
        if !quiet {
            let _ = writeln!(
                std::io::stderr(),
                "rinse: applied {} edit(s) to {} document(s); {} skipped (input differs), {} without a report record",
                self.edits,
                self.applied,
                self.differs.len(),
                self.unreported
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// The report's reader: a file (maybe compressed) or stdin.
fn open_report(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let input = if path.as_os_str() == "-" { Input::Stdin } else { Input::File(path.to_path_buf()) };
    if let Input::File(p) = &input {
        anyhow::ensure!(p.is_file() || p.exists(), "{}: cannot read report: no such file", p.display());
    }
    io::open_reader(&input)
}

fn report_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

pub fn run(args: ApplyArgs) -> Result<ExitCode> {
    let name = report_name(&args.report);
    if args.report.as_os_str() == "-" && args.inputs.iter().any(|p| p.as_os_str() == "-") {
        bail!("the report and the input cannot both be stdin");
    }
    let mut reader = open_report(&args.report)?;
    // A report may be several times its document's size; never unbounded.
    let cap = io::max_document_bytes().saturating_mul(8);
    let mut first = Vec::new();
    io::read_line(reader.as_mut(), &mut first, &name, 1).with_context(|| format!("{name}: cannot read report"))?;
    let first_record: Option<serde_json::Value> =
        serde_json::from_slice::<serde_json::Value>(&first).ok().filter(|v| v.is_object());
    let Some(first_record) = first_record else {
        // One pretty-printed report.
        let mut raw = first;
        std::io::Read::read_to_end(&mut std::io::Read::take(reader, cap), &mut raw)
            .with_context(|| format!("{name}: cannot read report"))?;
        let text = String::from_utf8(raw)
            .map_err(|e| anyhow::anyhow!("{name}: not a rinse JSON report (invalid UTF-8 at byte {})", e.utf8_error().valid_up_to()))?;
        let report: Report = serde_json::from_str(&text)
            .with_context(|| format!("{name}: not a rinse JSON report (one JSON report, or JSON Lines with one report per document)"))?;
        return apply_single(&args, report);
    };
    let mut second = Vec::new();
    let more = io::read_line(reader.as_mut(), &mut second, &name, 2)?;
    let jsonl_corpus = first_record.get("line").is_some_and(|l| l.is_u64());
    if !more && !jsonl_corpus && args.inputs.len() <= 1 && !args.inputs.iter().any(|p| p.is_dir()) && args.output_dir.is_none() {
        let report: Report = parse_report(first_record, &name, 1)?;
        return apply_single(&args, report);
    }
    // Records one at a time: the first two are read already.
    let pending = [Some(first), more.then_some(second)];
    let records = Records { reader, pending: pending.into_iter().flatten().collect(), name: name.clone(), n: 0 };
    if jsonl_corpus {
        apply_jsonl(&args, records)
    } else {
        apply_files(&args, records)
    }
}

fn parse_report(v: serde_json::Value, name: &str, n: usize) -> Result<Report> {
    serde_json::from_value(v).with_context(|| format!("{name}:{n}: not a rinse JSON report"))
}

/// The records of a corpus report, streamed.
struct Records {
    reader: Box<dyn BufRead + Send>,
    pending: std::collections::VecDeque<Vec<u8>>,
    name: String,
    n: usize,
}

impl Records {
    /// The next record (blank lines skipped), with its line number.
    fn next_raw(&mut self) -> Result<Option<(usize, Vec<u8>)>> {
        loop {
            let buf = match self.pending.pop_front() {
                Some(b) => b,
                None => {
                    let mut b = Vec::new();
                    if !io::read_line(self.reader.as_mut(), &mut b, &self.name, self.n + 1)? {
                        return Ok(None);
                    }
                    b
                }
            };
            self.n += 1;
            if !buf.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some((self.n, buf)));
            }
        }
    }

    fn next(&mut self) -> Result<Option<Record>> {
        let Some((n, raw)) = self.next_raw()? else { return Ok(None) };
        let rec: Record = serde_json::from_slice(&raw)
            .with_context(|| format!("{}:{n}: not a rinse JSON report (one report per line)", self.name))?;
        Ok(Some(rec))
    }
}

/// One line of a corpus report: the report and where its document is.
#[derive(serde::Deserialize)]
struct Record {
    /// Path relative to the folder or file named on the command line.
    #[serde(default)]
    path: Option<String>,
    /// The JSONL file and line of the record.
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    line: Option<usize>,
    #[serde(flatten)]
    report: Report,
}

/// Apply `report` to `decoded`, or `None` when the hash differs (and not forced).
fn replay(report: &Report, decoded: &str, args: &ApplyArgs, name: &str, tally: &mut Tally) -> Result<Option<String>> {
    if !args.force && !report.input_matches(decoded).with_context(|| name.to_string())? {
        tally.differs.push(name.to_string());
        return Ok(None);
    }
    let out = if args.suggestions { report.apply_with_suggestions(decoded) } else { report.apply(decoded) };
    let out = out.with_context(|| name.to_string())?;
    tally.applied += 1;
    tally.edits += report.edits.len() + if args.suggestions { report.suggestions.len() } else { 0 };
    Ok(Some(out))
}

/// One report, one input: an error when the input differs.
fn apply_single(args: &ApplyArgs, report: Report) -> Result<ExitCode> {
    anyhow::ensure!(args.output_dir.is_none(), "--output-dir needs a corpus report (one report per line)");
    let input = match (args.inputs.first(), &report.input) {
        (Some(p), _) if p.as_os_str() == "-" => Input::Stdin,
        (Some(p), _) => Input::File(p.clone()),
        (None, Some(p)) => Input::File(PathBuf::from(p)),
        (None, None) => bail!("the report names no input file: give INPUT"),
    };
    let bytes = io::read_all(&input)?;
    let encoding = rinse::decode::encoding_for_label(&report.decode.encoding);
    let (decoded, _) = rinse::decode::decode(&bytes, encoding);
    if !args.force && !report.input_matches(&decoded).with_context(|| input.name())? {
        let (recorded, now) = match report.input_hash.is_empty() {
            true => (report.input_sha256.clone(), format!("SHA-256 {}", rinse::report::sha256_hex(&decoded))),
            false => (report.input_hash.clone(), rinse::report::text_hash(&decoded)),
        };
        bail!("{}: input differs from the one the report was made from ({now} ≠ {recorded}); use --force to apply anyway", input.name());
    }
    let out = if args.suggestions { report.apply_with_suggestions(&decoded) } else { report.apply(&decoded) };
    let out = out.with_context(|| input.name())?;
    let mut sink = Sink::open(args.output.as_deref())?;
    sink.write_all(out.as_bytes())?;
    sink.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// A corpus report over files: each record names its file (`input`, and
/// `path` relative to the folder given to `clean`).
fn apply_files(args: &ApplyArgs, mut records: Records) -> Result<ExitCode> {
    let mut all: Vec<Record> = Vec::new();
    while let Some(r) = records.next()? {
        all.push(r);
    }
    // The documents to rebuild: the inputs given (matched to records by
    // relative path, then by the path as written), or the report's own.
    let docs: Vec<(Input, PathBuf, Option<usize>)> = if args.inputs.is_empty() {
        all.iter()
            .enumerate()
            .map(|(i, r)| {
                let p = r.report.input.clone().with_context(|| format!("{}: record {} names no input file: give INPUT", records.name, i + 1))?;
                let rel = r.path.clone().map(PathBuf::from).unwrap_or_else(|| PathBuf::from(&p).file_name().map(PathBuf::from).unwrap_or_default());
                Ok((Input::File(PathBuf::from(p)), rel, Some(i)))
            })
            .collect::<Result<_>>()?
    } else {
        let mut by_path: HashMap<&str, usize> = HashMap::new();
        let mut by_input: HashMap<&str, usize> = HashMap::new();
        for (i, r) in all.iter().enumerate() {
            if let Some(p) = &r.path {
                by_path.entry(p.as_str()).or_insert(i);
            }
            if let Some(p) = &r.report.input {
                by_input.entry(p.as_str()).or_insert(i);
            }
        }
        let single = all.len() == 1;
        expand_with_base(&args.inputs, None)?
            .into_iter()
            .map(|(input, rel)| {
                let rel_s = rel.to_string_lossy();
                let found = by_path
                    .get(rel_s.as_ref())
                    .or_else(|| by_input.get(input.name().as_str()))
                    .copied()
                    .or(single.then_some(0));
                (input, rel, found)
            })
            .collect()
    };
    if args.output_dir.is_some() && docs.iter().any(|(i, _, _)| *i == Input::Stdin) {
        bail!("--output-dir needs files, not stdin (use -o)");
    }
    let mut sink = match &args.output_dir {
        Some(_) => None,
        None => Some(Sink::open(args.output.as_deref())?),
    };
    let mut tally = Tally::default();
    for (input, rel, rec) in docs {
        let bytes = io::read_all(&input)?;
        let report = rec.map(|i| &all[i].report);
        let encoding = report.and_then(|r| rinse::decode::encoding_for_label(&r.decode.encoding));
        let (decoded, _) = rinse::decode::decode(&bytes, encoding);
        let out = match report {
            Some(r) => replay(r, &decoded, args, &input.name(), &mut tally)?,
            None => {
                tally.unreported += 1;
                None
            }
        };
        let text = out.as_deref().unwrap_or(&decoded);
        match (&mut sink, &args.output_dir) {
            (Some(s), _) => s.write_all(text.as_bytes())?,
            (None, Some(dir)) => io::write_atomic(&io::output_dir_target(dir, &rel)?, text.as_bytes())?,
            (None, None) => unreachable!("a sink or an output folder"),
        }
    }
    if let Some(s) = sink {
        s.finish()?;
    }
    tally.finish(args.quiet)
}

/// A corpus report over a JSONL corpus: records carry `file` and `line`;
/// the corpus is streamed in step with the report, every other line and
/// every other byte of a record kept.
fn apply_jsonl(args: &ApplyArgs, mut records: Records) -> Result<ExitCode> {
    anyhow::ensure!(args.output_dir.is_none(), "--output-dir is for corpus reports over files; a JSONL corpus gives one JSONL output (-o)");
    let mut next = records.next()?;
    let inputs: Vec<Input> = if args.inputs.is_empty() {
        let file = next.as_ref().and_then(|r| r.file.clone()).context("the report names no JSONL file: give INPUT")?;
        vec![Input::File(PathBuf::from(file))]
    } else {
        io::expand(&args.inputs, None)?
    };
    let several = inputs.len() > 1;
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut tally = Tally::default();
    let mut out = Vec::new();
    for input in &inputs {
        let name = input.name();
        let mut reader = io::open_reader(input)?;
        let mut raw = Vec::new();
        let mut n = 0usize;
        // Records of another file (several inputs) wait for theirs.
        let belongs = |r: &Record| !several || r.file.as_deref() == Some(name.as_str());
        while io::read_line(reader.as_mut(), &mut raw, &name, n + 1)? {
            n += 1;
            // Records for lines already passed (out of order) are errors.
            if let Some(r) = next.as_ref().filter(|r| belongs(r)) {
                if r.line.unwrap_or(0) < n {
                    bail!("{}: the record for line {} comes after line {n}: records must be in line order", records.name, r.line.unwrap_or(0));
                }
            }
            let rec = match next.take() {
                Some(r) if belongs(&r) && r.line == Some(n) => {
                    next = records.next()?;
                    Some(r)
                }
                other => {
                    next = other;
                    None
                }
            };
            let Some(rec) = rec else {
                sink.write_all(&raw)?;
                continue;
            };
            let (content, ending) = split_ending(&raw);
            let where_ = format!("{name}:{n}");
            let line = std::str::from_utf8(content).map_err(|_| anyhow::anyhow!("{where_}: not valid UTF-8"))?;
            let parsed = parse_record(line, &args.field, "id").map_err(|why| anyhow::anyhow!("{where_}: {why}"))?;
            match replay(&rec.report, &parsed.text, args, &where_, &mut tally)? {
                Some(text) => {
                    out.clear();
                    splice_field(&mut out, line, &parsed, &text).map_err(|why| anyhow::anyhow!("{where_}: {why}"))?;
                    out.extend_from_slice(&line.as_bytes()[parsed.span.end..]);
                    out.extend_from_slice(if ending.is_empty() { b"\n" } else { ending });
                    sink.write_all(&out)?;
                }
                None => sink.write_all(&raw)?,
            }
        }
    }
    if let Some(r) = next {
        bail!("{}: a record for {}:{} has no such line in the input", records.name, r.file.unwrap_or_default(), r.line.unwrap_or(0));
    }
    sink.finish()?;
    tally.finish(args.quiet)
}
