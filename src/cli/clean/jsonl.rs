//! `rinse clean --jsonl`: clean one string field of each record, streaming,
//! in parallel, in input order, with every other byte of the record kept as
//! it was. Part of `clean` (it takes [`CleanArgs`]); what it shares with
//! other subcommands comes from [`crate::cli::common`].

use super::{CleanArgs, OnError};
use crate::cli::common::{english_fraction, ensure_distinct_outputs, parse_record, progress_bar, thread_pool, Summary};
use crate::cli::io::{self, Input, Sink};
use crate::cli::record::{split_ending, splice_field};
use anyhow::{bail, Result};
use indicatif::ProgressBar;
use rinse::{Cleaned, Cleaner};
use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::time::Instant;

/// Records cleaned per parallel batch (bounds memory: a batch is at most
/// this many records or [`BATCH_BYTES`]).
const BATCH_RECORDS: usize = 1024;
const BATCH_BYTES: usize = 8 << 20;

enum Outcome {
    /// The output record, the document's counts, and the cleaned document
    /// itself when the writer needs more of it (a report, extracts).
    Cleaned(Vec<u8>, Counts, Option<Box<Cleaned>>),
    Skipped(f64),
    Bad(String),
}

/// What the summary needs of a cleaned record. The worker that cleaned it
/// keeps the rest (and frees it on its own thread, where it was allocated)
/// unless a report or extracts are written.
struct Counts {
    edits: usize,
    bytes_in: usize,
    bytes_out: usize,
    counts: std::collections::BTreeMap<String, usize>,
}

pub fn clean(args: &CleanArgs, cleaner: &Cleaner, inputs: Vec<(Input, std::path::PathBuf)>) -> Result<ExitCode> {
    if args.output_dir.is_some() {
        ensure_distinct_outputs(&inputs)?;
    }
    args.ensure_distinct_files(&inputs)?;
    if args.in_place && inputs.iter().any(|(i, _)| *i == Input::Stdin) {
        bail!("--in-place needs files, not stdin");
    }
    if args.output_dir.is_some() && inputs.iter().any(|(i, _)| *i == Input::Stdin) {
        bail!("--output-dir needs files, not stdin (use -o)");
    }
    let to_stdout = |p: Option<&std::path::Path>| p.is_some_and(|p| p.as_os_str() == "-");
    let text_to_stdout = !args.in_place && args.output_dir.is_none() && (args.output.is_none() || to_stdout(args.output.as_deref()));
    if text_to_stdout && (to_stdout(args.report.as_deref()) || to_stdout(args.extract.as_deref())) {
        bail!("--report - / --extract - write to stdout: send the records elsewhere with -o FILE, --in-place or --output-dir");
    }
    let pool = thread_pool(args.jobs)?;
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut bad = 0usize;
    let shared_out = if args.in_place || args.output_dir.is_some() { None } else { Some(Sink::open(args.output.as_deref())?) };
    let mut shared_out = shared_out;
    let mut report_sink = args.report.as_deref().map(|p| Sink::open(Some(p))).transpose()?;
    let mut extract_sink = args.extract.as_deref().map(|p| Sink::open(Some(p))).transpose()?;
    for (input, rel) in &inputs {
        let mut own_out = match (input, &args.output_dir) {
            (Input::File(p), _) if args.in_place => Some(Sink::File(io::AtomicFile::create(p)?)),
            (Input::File(_), Some(dir)) => Some(Sink::File(io::AtomicFile::create(&io::output_dir_target(dir, rel)?)?)),
            _ => None,
        };
        let total = input.path().and_then(|p| std::fs::metadata(p).ok()).map(|m| m.len()).unwrap_or(0);
        let pb = progress_bar(args.chatty(), total, "bytes");
        let mut reader = io::open_reader(input)?;
        let out: &mut Sink = match own_out.as_mut() {
            Some(s) => s,
            None => shared_out.as_mut().expect("a shared output"),
        };
        let mut writer = Writer {
            out,
            report: report_sink.as_mut(),
            extract: extract_sink.as_mut(),
            summary: &mut summary,
            bad: &mut bad,
            args,
            name: input.name(),
            pb: &pb,
        };
        // Pipelined: while the workers clean batch N, this thread writes
        // batch N-1 and reads batch N+1. Memory holds at most three batches.
        // Line buffers of written batches, reused for the next reads.
        let mut spare: Vec<Vec<u8>> = Vec::new();
        let mut current = read_batch(&mut reader, &input.name(), 1, &mut spare)?;
        let mut pending: Option<Batch> = None;
        loop {
            let Some((lines, bytes, eof, first_line)) = current.take() else {
                if let Some(b) = pending.take() {
                    writer.write(b, &mut spare)?;
                }
                break;
            };
            let next_first = first_line + lines.len();
            let (io_result, outcomes) = pool.install(|| {
                rayon::join(
                    || -> Result<Option<RawBatch>> {
                        if let Some(b) = pending.take() {
                            writer.write(b, &mut spare)?;
                        }
                        if eof {
                            Ok(None)
                        } else {
                            read_batch(&mut reader, &input.name(), next_first, &mut spare)
                        }
                    },
                    || {
                        use rayon::prelude::*;
                        lines.par_iter().map(|line| process(line, args, cleaner)).collect::<Vec<Outcome>>()
                    },
                )
            });
            current = io_result?;
            pending = Some(Batch { lines, outcomes, first_line, bytes, last: eof || current.is_none() });
        }
        pb.finish_and_clear();
        if let Some(o) = own_out {
            o.finish()?;
        }
    }
    for sink in [shared_out, report_sink, extract_sink].into_iter().flatten() {
        sink.finish()?;
    }
    if args.chatty() {
        let _ = writeln!(std::io::stderr(), "{}; {bad} bad records", summary.render(0, started.elapsed()));
    } else if bad > 0 {
        io::warn(format_args!("{bad} bad record(s)"));
    }
    Ok(ExitCode::SUCCESS)
}

/// Raw lines read (with their endings), their bytes, whether the input
/// ended, number of the first line.
type RawBatch = (Vec<Vec<u8>>, usize, bool, usize);

/// Read up to one batch of lines (into buffers from `spare` when it has
/// some); `None` at the end of the input.
fn read_batch(reader: &mut Box<dyn BufRead + Send>, name: &str, first_line: usize, spare: &mut Vec<Vec<u8>>) -> Result<Option<RawBatch>> {
    let mut lines: Vec<Vec<u8>> = Vec::with_capacity(BATCH_RECORDS.min(spare.len().max(64)));
    let mut bytes = 0usize;
    let mut eof = false;
    while lines.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
        let mut buf = spare.pop().unwrap_or_default();
        if !io::read_line(reader.as_mut(), &mut buf, name, first_line + lines.len())? {
            spare.push(buf);
            eof = true;
            break;
        }
        bytes += buf.len();
        // Kept raw, with its own line ending: bytes outside the cleaned field
        // (even invalid UTF-8, even `\r\n`) are written back unchanged.
        lines.push(buf);
    }
    Ok((!lines.is_empty()).then_some((lines, bytes, eof, first_line)))
}

/// A cleaned batch waiting to be written.
struct Batch {
    lines: Vec<Vec<u8>>,
    outcomes: Vec<Outcome>,
    first_line: usize,
    bytes: usize,
    /// The input's last batch.
    last: bool,
}

/// The writing side of `clean --jsonl`: output records, reports, extracts, counts.
struct Writer<'a> {
    out: &'a mut Sink,
    report: Option<&'a mut Sink>,
    extract: Option<&'a mut Sink>,
    summary: &'a mut Summary,
    bad: &'a mut usize,
    args: &'a CleanArgs,
    name: String,
    pb: &'a ProgressBar,
}

impl Writer<'_> {
    fn write(&mut self, batch: Batch, spare: &mut Vec<Vec<u8>>) -> Result<()> {
        self.write_records(&batch)?;
        self.pb.inc(batch.bytes as u64);
        // At most one batch of buffers is kept (a batch ends at
        // BATCH_RECORDS lines or BATCH_BYTES bytes).
        if spare.len() < BATCH_RECORDS {
            spare.extend(batch.lines);
        }
        Ok(())
    }

    fn write_records(&mut self, batch: &Batch) -> Result<()> {
        let (args, name) = (self.args, self.name.as_str());
        for (i, (line, outcome)) in batch.lines.iter().zip(&batch.outcomes).enumerate() {
            let n = batch.first_line + i;
            match outcome {
                Outcome::Cleaned(bytes, counts, cleaned) => {
                    self.out.write_all(bytes)?;
                    self.summary.documents += 1;
                    self.summary.changed += usize::from(counts.edits > 0);
                    self.summary.bytes_in += counts.bytes_in;
                    self.summary.bytes_out += counts.bytes_out;
                    for (code, n) in &counts.counts {
                        *self.summary.by_family.entry(code.chars().next().unwrap_or('?')).or_default() += n;
                    }
                    let Some(cleaned) = cleaned else { continue };
                    if let Some(sink) = self.report.as_deref_mut() {
                        // The record's report, then where it is (no
                        // intermediate JSON value: written straight out).
                        let (line, file) = (serde_json::Value::from(n), serde_json::Value::from(name));
                        cleaned.report.write_json(&mut *sink, false, &[], &[("line", &line), ("file", &file)])?;
                        sink.write_all(b"\n")?;
                    }
                    if let Some(sink) = self.extract.as_deref_mut() {
                        for item in &cleaned.extracted {
                            let mut item = item.clone();
                            if let Some(o) = item.as_object_mut() {
                                o.insert("source".into(), format!("{name}:{n}").into());
                            }
                            serde_json::to_writer(&mut *sink, &item)?;
                            sink.write_all(b"\n")?;
                        }
                    }
                }
                &Outcome::Skipped(f) => {
                    self.summary.skipped += 1;
                    if args.chatty() {
                        self.pb.suspend(|| {
                            let _ = writeln!(std::io::stderr(), "{name}:{n}: skipped, English share {f:.2} is below --min-english");
                        });
                    }
                    // In place, a skipped record stays in the file unchanged:
                    // --min-english filters copies, it never deletes data.
                    if args.in_place {
                        self.out.write_all(line)?;
                    }
                }
                Outcome::Bad(why) => {
                    *self.bad += 1;
                    // The input's last line, with no line ending and not a
                    // record: the file was cut short (a failed download, a
                    // full disk). Never a silent success.
                    let truncated = batch.last && i + 1 == batch.lines.len() && !line.ends_with(b"\n");
                    if truncated {
                        self.pb.suspend(|| io::problem(format_args!("{name}:{n}: the last line is cut short ({why}): the file looks truncated")));
                    }
                    if args.on_error == OnError::Fail {
                        bail!("{name}:{n}: {why}");
                    }
                    if *self.bad <= 20 && !truncated {
                        let what = if args.on_error == OnError::Pass { "passed through" } else { "skipped" };
                        self.pb.suspend(|| io::warn(format_args!("{name}:{n}: {why} ({what})")));
                    }
                    if args.on_error == OnError::Pass {
                        self.out.write_all(line)?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn process(raw: &[u8], args: &CleanArgs, cleaner: &Cleaner) -> Outcome {
    let (content, ending) = split_ending(raw);
    let Ok(line) = std::str::from_utf8(content) else {
        return Outcome::Bad("not valid UTF-8".into());
    };
    if line.trim().is_empty() {
        return Outcome::Bad("empty line".into());
    }
    let rec = match parse_record(line, &args.input.field, &args.input.id_field) {
        Ok(r) => r,
        Err(e) => return Outcome::Bad(e),
    };
    let mut cleaned = cleaner.clean(&rec.text);
    cleaned.report.input = rec.id.clone();
    if let (Some(min), Some(f)) = (args.min_english, english_fraction(&cleaned)) {
        if f < min {
            return Outcome::Skipped(f);
        }
    }
    let mut out = Vec::with_capacity(line.len() + 64);
    if let Err(why) = splice_field(&mut out, line, &rec, &cleaned.text) {
        return Outcome::Bad(why);
    }
    let rest = &line[rec.span.end..];
    if let Some(name) = &args.annotate {
        // Insert the annotation before the record's closing brace.
        let close = rest.rfind('}').unwrap_or(rest.len());
        out.extend_from_slice(&rest.as_bytes()[..close]);
        let note = serde_json::json!({
            "edits": cleaned.edit_count,
            "counts": cleaned.report.counts,
            "metadata": cleaned.report.metadata,
        });
        let _ = write!(out, ",{}:{}", serde_json::Value::from(name.as_str()), note);
        out.extend_from_slice(&rest.as_bytes()[close..]);
    } else {
        out.extend_from_slice(rest.as_bytes());
    }
    out.extend_from_slice(if ending.is_empty() { b"\n" } else { ending });
    let counts = Counts {
        edits: cleaned.edit_count,
        bytes_in: cleaned.report.input_bytes,
        bytes_out: cleaned.report.output_bytes,
        counts: std::mem::take(&mut cleaned.report.counts),
    };
    let keep = args.report.is_some() || args.extract.is_some();
    if keep {
        // The report's counts, as they were.
        cleaned.report.counts = counts.counts.clone();
    }
    Outcome::Cleaned(out, counts, keep.then(|| Box::new(cleaned)))
}
