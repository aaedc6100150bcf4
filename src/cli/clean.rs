//! `rinse clean`: write cleaned text, reports and metadata.

use super::common::{english_fraction, ensure_distinct_outputs, expand_with_base, learn_from_batch, progress_bar, thread_pool, write_json, write_report, LearnArgs, Summary};
use super::io::{self, Input, Sink};
use super::{ConfigArgs, InputArgs};
use anyhow::{bail, Result};
use clap::Args;
use rinse::{Cleaned, Cleaner};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod jsonl;

#[derive(Args, Debug)]
pub struct CleanArgs {
    /// Write the cleaned text here (`-`: stdout) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Rewrite each input file in place (atomically: temp file + rename).
    #[arg(long, conflicts_with_all = ["output", "output_dir"])]
    pub in_place: bool,
    /// Write each cleaned file under DIR, keeping relative paths.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub output_dir: Option<PathBuf>,
    /// Write the JSON report here (`-`: stdout; the text then needs -o, --in-place or --output-dir).
    /// Several inputs give a corpus report: one JSON report per line, each
    /// also naming its document (`path`), which `rinse apply` replays.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Write the extracted article metadata (JSON) here (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// Write sentences removed by `--cjk extract` here, one JSON object per line.
    #[arg(long, value_name = "FILE")]
    pub extract: Option<PathBuf>,
    /// Skip documents whose share of English is below this fraction (0–1); skipped documents are listed.
    #[arg(long, value_name = "FRACTION")]
    pub min_english: Option<f64>,
    /// With --jsonl: add this field (default `rinse`; `--annotate=NAME` to rename) to each record
    /// with edit counts per rule and metadata.
    #[arg(long, value_name = "NAME", num_args = 0..=1, require_equals = true, default_missing_value = "rinse")]
    pub annotate: Option<String>,
    /// With --jsonl: what to do with a record that is not valid JSON or lacks the field.
    #[arg(long, value_enum, default_value = "pass", value_name = "ACTION")]
    pub on_error: OnError,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub learn: LearnArgs,
    /// No summary or progress on stderr (data warnings still show); `-qq`: no warnings either.
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub quiet: u8,
    /// Nothing on stderr but errors (the same as `-qq`).
    #[arg(long)]
    pub silent: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// What to do with a bad JSONL record.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Write the line unchanged (and count it).
    Pass,
    /// Leave the line out (and count it).
    Skip,
    /// Stop with exit code 2.
    Fail,
}

impl CleanArgs {
    /// Summaries and progress on stderr (not under `-q`).
    pub fn chatty(&self) -> bool {
        self.quiet == 0 && !self.silent
    }

    /// Every output file this run may write, by option (stdout left out).
    pub fn output_files(&self) -> Vec<(&'static str, &Path)> {
        let named = [("-o", &self.output), ("--report", &self.report), ("--metadata", &self.metadata), ("--extract", &self.extract)];
        named.into_iter().filter_map(|(what, p)| p.as_deref().filter(|p| p.as_os_str() != "-").map(|p| (what, p))).collect()
    }

    /// Refuse two roles naming one file (input and output, two outputs).
    pub fn ensure_distinct_files(&self, inputs: &[(Input, PathBuf)]) -> Result<()> {
        let only: Vec<Input> = inputs.iter().map(|(i, _)| i.clone()).collect();
        let mut outputs = self.output_files();
        let targets: Vec<PathBuf> = match &self.output_dir {
            Some(dir) => inputs.iter().map(|(_, rel)| dir.join(rel)).collect(),
            None => Vec::new(),
        };
        outputs.extend(targets.iter().map(|t| ("--output-dir", t.as_path())));
        io::ensure_distinct_files(&only, &outputs)?;
        if self.in_place {
            // Refused before reading (a FIFO would block the read).
            for p in only.iter().filter_map(|i| i.path()) {
                if !std::fs::metadata(p).is_ok_and(|m| m.is_file()) {
                    bail!("{}: not a regular file; --in-place rewrites only regular files", p.display());
                }
            }
            // The inputs are outputs too: no other output may be one of them.
            io::ensure_distinct_files(&[], &only.iter().filter_map(|i| i.path()).map(|p| ("--in-place", p)).chain(self.output_files()).collect::<Vec<_>>())?;
        }
        Ok(())
    }
}

pub fn run(args: CleanArgs) -> Result<ExitCode> {
    io::set_silent(args.quiet >= 2 || args.silent);
    io::set_max_document_bytes(args.input.max_size);
    // The edit list and hashes only matter in a written report.
    let detail = if args.report.is_some() { rinse::ReportDetail::Full } else { rinse::ReportDetail::Summary };
    let encoding = args.config.encoding()?;
    let mut config = args.config.config()?;
    // Expanded once: a walk's warnings (binary files skipped) show once.
    let inputs = expand_with_base(&args.input.paths, args.input.glob.as_deref())?;
    let learned = learn_from_batch(&args.learn, &args.input, &inputs, encoding)?;
    if !learned.is_empty() {
        if args.chatty() {
            let _ = writeln!(std::io::stderr(), "rinse: learned {} recurring furniture line(s) from the batch (rule B118; --no-learn turns this off)", learned.len());
        }
        config.passes.boilerplate.extra_rules.extend(learned);
    }
    let cleaner = args.config.cleaner_for(config)?.with_report_detail(detail);
    if args.input.jsonl {
        return jsonl::clean(&args, &cleaner, inputs);
    }
    if let Some(f) = args.min_english {
        anyhow::ensure!((0.0..=1.0).contains(&f), "--min-english takes a fraction from 0 to 1");
    }
    if args.output_dir.is_some() {
        ensure_distinct_outputs(&inputs)?;
    }
    args.ensure_distinct_files(&inputs)?;
    let report_to_stdout = args.report.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let meta_to_stdout = args.metadata.as_deref().is_some_and(|p| p.as_os_str() == "-")
        || args.extract.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let text_to_stdout = !args.in_place
        && args.output_dir.is_none()
        && args.output.as_deref().is_none_or(|p| p.as_os_str() == "-");
    if (report_to_stdout || meta_to_stdout) && text_to_stdout {
        bail!("--report - / --metadata - / --extract - write to stdout: send the text elsewhere with -o FILE, --in-place or --output-dir");
    }
    if args.in_place && inputs.iter().any(|(i, _)| *i == Input::Stdin) {
        bail!("--in-place needs files, not stdin");
    }
    if args.output_dir.is_some() && inputs.iter().any(|(i, _)| *i == Input::Stdin) {
        bail!("--output-dir needs files, not stdin (use -o)");
    }
    let pool = thread_pool(args.jobs)?;
    let started = Instant::now();
    let progress = progress_bar(args.chatty() && inputs.len() > 1, inputs.len() as u64, "docs");

    let mut text_sink = if text_to_stdout || args.output.is_some() { Some(Sink::open(args.output.as_deref())?) } else { None };
    let mut report_sink = args.report.as_deref().map(|p| Sink::open(Some(p))).transpose()?;
    let mut meta_sink = args.metadata.as_deref().map(|p| Sink::open(Some(p))).transpose()?;
    let mut extract_sink = args.extract.as_deref().map(|p| Sink::open(Some(p))).transpose()?;
    let several = inputs.len() > 1;
    let mut summary = Summary::default();
    let mut errors = 0usize;

    // One document going to -o or stdout (nothing weighing it whole before
    // it is written) streams: its text is written a block at a time as it
    // is cleaned, never held whole (a document over 32 MiB is cleaned in
    // blocks; see `rinse::blocks`).
    let stream = !several && text_sink.is_some() && args.min_english.is_none();
    // Clean in parallel, a chunk at a time, and write in input order.
    for chunk in inputs.chunks(64) {
        let results: Vec<Result<Cleaned>> = if let Some(sink) = text_sink.as_mut().filter(|_| stream) {
            chunk.iter().map(|(input, _)| clean_streaming(&cleaner, encoding, input, sink)).collect()
        } else {
            pool.install(|| {
            use rayon::prelude::*;
            chunk
                .par_iter()
                .map(|(input, rel)| {
                    let r = clean_one(&cleaner, encoding, input, rel, &args);
                    progress.inc(1);
                    r
                })
                .collect()
            })
        };
        for ((input, rel), result) in chunk.iter().zip(results) {
            let cleaned = match result {
                Ok(c) => c,
                Err(e) => {
                    progress.suspend(|| {
                        let _ = writeln!(std::io::stderr(), "rinse: error: {e:#}");
                    });
                    errors += 1;
                    continue;
                }
            };
            let skipped = args.min_english.is_some_and(|min| english_fraction(&cleaned).is_some_and(|f| f < min));
            if skipped {
                summary.skipped += 1;
                if args.chatty() {
                    progress.suspend(|| {
                        let _ = writeln!(
                            std::io::stderr(),
                            "{}: skipped, English share {:.2} is below --min-english",
                            input.name(),
                            english_fraction(&cleaned).unwrap_or(0.0)
                        );
                    });
                }
            } else if let Some(sink) = text_sink.as_mut().filter(|_| !stream) {
                sink.write_all(cleaned.text.as_bytes())?;
            }
            if let Some(sink) = report_sink.as_mut() {
                if several {
                    // A corpus report: each record also names its document
                    // relative to the folder given, for `rinse apply REPORT DIR`.
                    let path = serde_json::Value::from(rel.to_string_lossy());
                    write_report(sink, &cleaned.report, true, &[("path", &path)])?;
                } else {
                    write_report(sink, &cleaned.report, false, &[])?;
                }
            }
            if let Some(sink) = meta_sink.as_mut() {
                let v = serde_json::json!({ "input": cleaned.report.input, "metadata": cleaned.report.metadata });
                write_json(sink, if several { &v } else { &v["metadata"] }, several)?;
            }
            if let Some(sink) = extract_sink.as_mut() {
                for item in &cleaned.extracted {
                    let mut item = item.clone();
                    if let Some(o) = item.as_object_mut() {
                        o.insert("source".into(), serde_json::Value::from(input.name()));
                    }
                    serde_json::to_writer(&mut *sink, &item)?;
                    sink.write_all(b"\n")?;
                }
            }
            // Data warnings (unsettled text, a weak encoding guess) show
            // even under -q; only -qq / --silent hides them.
            for w in &cleaned.report.warnings {
                progress.suspend(|| io::warn(format_args!("{}: {w}", input.name())));
            }
            if args.chatty() && !several {
                let _ = writeln!(std::io::stderr(), "{}: {}", input.name(), cleaned.summary());
            }
            summary.add(&cleaned);
        }
    }
    progress.finish_and_clear();
    let sinks = [text_sink, report_sink, meta_sink, extract_sink].into_iter().flatten();
    if errors > 0 {
        // An input failed: no output file holds a partial result.
        for sink in sinks {
            if let Some(p) = sink.abandon() {
                let _ = writeln!(std::io::stderr(), "rinse: {}: not written ({errors} input(s) failed)", p.display());
            }
        }
    } else {
        for sink in sinks {
            sink.finish()?;
        }
    }
    if several && args.chatty() {
        let _ = writeln!(std::io::stderr(), "{}", summary.render(errors, started.elapsed()));
    }
    Ok(if errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Clean one document, writing its text to `sink` as it is cleaned (the
/// returned text is empty).
fn clean_streaming(cleaner: &Cleaner, encoding: Option<&'static encoding_rs::Encoding>, input: &Input, sink: &mut Sink) -> Result<Cleaned> {
    let bytes = io::read_all(input)?;
    let (text, info) = rinse::decode::decode(&bytes, encoding);
    let mut cleaned = cleaner.clean_decoded_into(&text, info, |t| sink.write_all(t.as_bytes()))?;
    cleaned.report.input = input.path().map(|p| p.display().to_string());
    Ok(cleaned)
}

fn clean_one(
    cleaner: &Cleaner,
    encoding: Option<&'static encoding_rs::Encoding>,
    input: &Input,
    rel: &Path,
    args: &CleanArgs,
) -> Result<Cleaned> {
    let bytes = io::read_all(input)?;
    let mut cleaned = cleaner.clean_bytes_as(&bytes, encoding);
    cleaned.report.input = input.path().map(|p| p.display().to_string());
    let skip = args.min_english.is_some_and(|min| english_fraction(&cleaned).is_some_and(|f| f < min));
    if skip {
        return Ok(cleaned);
    }
    if args.in_place {
        if let Input::File(p) = input {
            if cleaned.edit_count > 0 || cleaned.report.decode.encoding != "UTF-8" || cleaned.report.decode.bom {
                io::write_atomic(p, cleaned.text.as_bytes())?;
            }
        }
    } else if let Some(dir) = &args.output_dir {
        io::write_atomic(&io::output_dir_target(dir, rel)?, cleaned.text.as_bytes())?;
    }
    Ok(cleaned)
}
