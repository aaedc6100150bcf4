//! Helpers shared by the subcommands. Subcommand modules import from here,
//! from [`super::io`] and from the argument types in [`super`], never from
//! each other.

use super::io::{self, Input};
use super::{ConfigArgs, InputArgs};
use anyhow::{bail, Context as _, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rinse::{Cleaned, Cleaner};
use std::io::Write;
use std::path::PathBuf;

/// Build the rayon pool for `-j`.
pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        anyhow::ensure!(j > 0, "-j must be at least 1");
        b = b.num_threads(j);
    }
    Ok(b.build()?)
}

/// English share of a cleaned document, when the language pass measured it.
pub fn english_fraction(c: &Cleaned) -> Option<f64> {
    c.report.language.as_ref()?.get("english_fraction")?.as_f64()
}

/// Inputs with the path each one gets under --output-dir.
pub fn expand_with_base(paths: &[PathBuf], glob: Option<&str>) -> Result<Vec<(Input, PathBuf)>> {
    let mut out = Vec::new();
    if paths.is_empty() {
        return Ok(vec![(Input::Stdin, PathBuf::from("stdin.txt"))]);
    }
    for p in paths {
        for input in io::expand(std::slice::from_ref(p), glob)? {
            let rel = match &input {
                Input::Stdin => PathBuf::from("stdin.txt"),
                Input::File(f) if p.is_dir() => f.strip_prefix(p).unwrap_or(f).to_path_buf(),
                Input::File(f) => PathBuf::from(f.file_name().context("input has no file name")?),
            };
            out.push((input, rel));
        }
    }
    Ok(out)
}

/// Under --output-dir, two inputs must not land on the same output file.
pub fn ensure_distinct_outputs(inputs: &[(Input, PathBuf)]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for (_, rel) in inputs {
        if !seen.insert(rel) {
            bail!("two inputs map to the same output path `{}` under --output-dir; pass their folder instead", rel.display());
        }
    }
    Ok(())
}

/// Pretty JSON for one document, one line per document when there are several.
///
/// serde_json writes token by token; through a buffer here those are
/// inlined copies, and `sink` (often a `Box<dyn Write>`) sees a few 64 KiB
/// writes instead of one call per token (that was half the cost of
/// `--report`).
pub fn write_json<T: serde::Serialize>(sink: &mut impl Write, value: &T, one_line: bool) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut *sink);
    if one_line {
        serde_json::to_writer(&mut w, value)?;
    } else {
        serde_json::to_writer_pretty(&mut w, value)?;
    }
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// A report as JSON (pretty for one document, one line in a corpus report),
/// with `before` fields ahead of its own (a corpus record's `path`), then a
/// line ending. Same bytes as [`write_json`], written several times faster
/// ([`rinse::Report::write_json`]).
pub fn write_report(sink: &mut impl Write, report: &rinse::Report, one_line: bool, before: &[rinse::report::Extra]) -> Result<()> {
    report.write_json(&mut *sink, !one_line, before, &[])?;
    sink.write_all(b"\n")?;
    Ok(())
}

/// Totals for the end-of-batch summary.
#[derive(Default)]
pub struct Summary {
    pub documents: usize,
    pub changed: usize,
    pub skipped: usize,
    pub bytes_in: usize,
    pub bytes_out: usize,
    pub by_family: std::collections::BTreeMap<char, usize>,
}

impl Summary {
    pub fn add(&mut self, c: &Cleaned) {
        self.documents += 1;
        self.changed += usize::from(c.edit_count > 0);
        self.bytes_in += c.report.input_bytes;
        self.bytes_out += c.report.output_bytes;
        for (code, n) in &c.report.counts {
            *self.by_family.entry(code.chars().next().unwrap_or('?')).or_default() += n;
        }
    }

    pub fn render(&self, errors: usize, elapsed: std::time::Duration) -> String {
        let fam: Vec<String> = self.by_family.iter().map(|(f, n)| format!("{f} {n}")).collect();
        let secs = elapsed.as_secs_f64().max(1e-9);
        format!(
            "{} documents ({} changed, {} skipped, {} errors), {:.1} MB in, {:.1} MB out, {:.1} MB/s; edits by family: {}",
            self.documents,
            self.changed,
            self.skipped,
            errors,
            self.bytes_in as f64 / 1e6,
            self.bytes_out as f64 / 1e6,
            self.bytes_in as f64 / 1e6 / secs,
            if fam.is_empty() { "none".to_string() } else { fam.join(", ") }
        )
    }
}

/// A progress bar on stderr when it is a terminal and `show`, else hidden.
pub fn progress_bar(show: bool, total: u64, unit: &str) -> ProgressBar {
    use std::io::IsTerminal;
    if !show || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let template = if unit == "bytes" {
        "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}"
    } else {
        "{bar:30} {pos}/{len} docs {per_sec} ETA {eta} {msg}"
    };
    pb.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    pb
}

pub use super::record::parse_record;

/// One document to compare: its display name, decoded text, cleaned result,
/// and where it is (for corpus reports).
pub struct Doc {
    pub name: String,
    pub original: String,
    pub cleaned: Cleaned,
    /// Path relative to the folder (or file) named on the command line.
    pub rel: PathBuf,
    /// The JSONL file and 1-based line, for a record.
    pub record: Option<(String, usize)>,
}

impl Doc {
    /// This document's line of a corpus report: the report plus `path`
    /// (files) or `file` and `line` (JSONL records), as `clean --report`
    /// writes for a batch and `rinse apply` reads.
    pub fn corpus_record(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(&self.cleaned.report).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            match &self.record {
                Some((file, line)) => {
                    o.insert("line".into(), (*line).into());
                    o.insert("file".into(), file.clone().into());
                }
                None => {
                    o.insert("path".into(), self.rel.to_string_lossy().into_owned().into());
                }
            }
        }
        v
    }
}

/// A document read but not yet cleaned.
struct Raw {
    name: String,
    text: String,
    decode: rinse::decode::DecodeInfo,
    input: Option<String>,
    rel: PathBuf,
    record: Option<(String, usize)>,
}

/// Documents cleaned per parallel chunk (bounds memory).
const CHUNK_DOCS: usize = 64;
const CHUNK_BYTES: usize = 16 << 20;

/// Clean every input (from [`expand_with_base`]) or every JSONL record,
/// calling `each` in input order; with a `pool`, documents are cleaned in
/// parallel a chunk at a time.
pub fn for_each_doc(
    inputs: Vec<(Input, PathBuf)>,
    jsonl: Option<(&str, &str)>,
    config: &ConfigArgs,
    cleaner: &Cleaner,
    pool: Option<&rayon::ThreadPool>,
    mut each: impl FnMut(Doc) -> Result<()>,
) -> Result<()> {
    let encoding = config.encoding()?;
    let mut chunk: Vec<Raw> = Vec::new();
    let mut bytes = 0usize;
    let mut flush = |chunk: &mut Vec<Raw>, bytes: &mut usize| -> Result<()> {
        *bytes = 0;
        let clean = |raw: &Raw| {
            let mut cleaned = cleaner.clean_decoded(&raw.text, raw.decode.clone());
            cleaned.report.input = raw.input.clone();
            cleaned
        };
        let cleaned: Vec<Cleaned> = match pool {
            Some(pool) if chunk.len() > 1 => pool.install(|| {
                use rayon::prelude::*;
                chunk.par_iter().map(clean).collect()
            }),
            _ => chunk.iter().map(clean).collect(),
        };
        for (raw, cleaned) in chunk.drain(..).zip(cleaned) {
            each(Doc { name: raw.name, original: raw.text, cleaned, rel: raw.rel, record: raw.record })?;
        }
        Ok(())
    };
    for (input, rel) in inputs {
        if let Some((field, id_field)) = jsonl {
            let mut reader = io::open_reader(&input)?;
            let mut raw = Vec::new();
            let mut n = 0;
            while io::read_line(reader.as_mut(), &mut raw, &input.name(), n + 1)? {
                n += 1;
                let ended = raw.ends_with(b"\n");
                let content = raw.strip_suffix(b"\n").map(|c| c.strip_suffix(b"\r").unwrap_or(c)).unwrap_or(&raw);
                let parsed = match std::str::from_utf8(content) {
                    Ok(line) => parse_record(line, field, id_field),
                    Err(_) => Err("not valid UTF-8".to_string()),
                };
                match parsed {
                    Ok(rec) => {
                        let name = match &rec.id {
                            Some(id) => format!("{}:{n} ({id_field}={id})", input.name()),
                            None => format!("{}:{n}", input.name()),
                        };
                        bytes += rec.text.len();
                        chunk.push(Raw {
                            name,
                            text: rec.text,
                            decode: Default::default(),
                            input: rec.id,
                            rel: rel.clone(),
                            record: Some((input.name(), n)),
                        });
                        if chunk.len() >= CHUNK_DOCS || bytes >= CHUNK_BYTES {
                            flush(&mut chunk, &mut bytes)?;
                        }
                    }
                    // The last line, unended and not a record: cut short.
                    Err(why) if !ended => {
                        io::problem(format_args!("{}:{n}: the last line is cut short ({why}): the file looks truncated", input.name()))
                    }
                    Err(why) => io::warn(format_args!("{}:{n}: {why} (skipped)", input.name())),
                }
            }
            continue;
        }
        let raw = io::read_all(&input)?;
        let (text, decode) = rinse::decode::decode(&raw, encoding);
        bytes += text.len();
        chunk.push(Raw {
            name: input.name(),
            text: text.into_owned(),
            decode,
            input: input.path().map(|p| p.display().to_string()),
            rel,
            record: None,
        });
        if chunk.len() >= CHUNK_DOCS || bytes >= CHUNK_BYTES {
            flush(&mut chunk, &mut bytes)?;
        }
    }
    flush(&mut chunk, &mut bytes)
}

/// Learning recurring furniture from a batch (rule B118), shared by
/// `clean`, `review` and `stats` so they see the same edits.
#[derive(clap::Args, Debug, Clone)]
pub struct LearnArgs {
    /// With many documents (a directory, several files, a JSONL file): do not
    /// learn the lines recurring in their headers and footers first (rule B118).
    #[arg(long)]
    pub no_learn: bool,
    /// Learning: a line is furniture when it recurs in this many sampled documents.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub learn_min_docs: usize,
    /// Learning: how many documents (at most 64 MB) are sampled from the start of the batch.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub learn_sample: usize,
}

/// The documents a batch starts with: at most `--learn-sample` of them and
/// 64 MB, read (and decoded) once more before cleaning, so memory stays
/// bounded whatever the batch's size. Stdin is never sampled (it cannot be
/// read twice).
pub fn learn_from_batch(
    args: &LearnArgs,
    input: &InputArgs,
    inputs: &[(Input, PathBuf)],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<rinse::passes::boilerplate::RuleSpec>> {
    const MAX_SAMPLE_BYTES: usize = 64 << 20;
    if args.no_learn || args.learn_sample < 2 {
        return Ok(Vec::new());
    }
    let mut docs: Vec<String> = Vec::new();
    let mut bytes = 0usize;
    if let Some((field, id_field)) = input.jsonl_fields() {
        for (input, _) in inputs.iter().filter(|(i, _)| *i != Input::Stdin) {
            let mut reader = io::open_reader(input)?;
            let mut raw = Vec::new();
            while let Ok(true) = io::read_line(reader.as_mut(), &mut raw, &input.name(), 0) {
                if docs.len() >= args.learn_sample || bytes >= MAX_SAMPLE_BYTES {
                    break;
                }
                let Ok(line) = std::str::from_utf8(&raw) else { continue };
                if let Ok(rec) = parse_record(line.trim_end_matches(['\n', '\r']), field, id_field) {
                    bytes += rec.text.len();
                    docs.push(rec.text);
                }
            }
        }
    } else {
        if inputs.len() < 2 || inputs.iter().any(|(i, _)| *i == Input::Stdin) {
            return Ok(Vec::new());
        }
        for (input, _) in inputs.iter().take(args.learn_sample) {
            if bytes >= MAX_SAMPLE_BYTES {
                break;
            }
            let Ok(raw) = io::read_all(input) else { continue };
            let (text, _) = rinse::decode::decode(&raw, encoding);
            bytes += text.len();
            docs.push(text.into_owned());
        }
    }
    let min_docs = args.learn_min_docs.max(2);
    if docs.len() < min_docs.max(4) {
        return Ok(Vec::new());
    }
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    Ok(rinse::learn::learn(&refs, min_docs).iter().map(rinse::learn::LearnedRule::to_batch_spec).collect())
}


/// The cleaner for a batch: the configuration plus the furniture learned
/// from the batch (as `clean` does), with a note on stderr when `chatty`.
pub fn batch_cleaner(config: &ConfigArgs, learn: &LearnArgs, input: &InputArgs, inputs: &[(Input, PathBuf)], chatty: bool) -> Result<Cleaner> {
    let mut cfg = config.config()?;
    let learned = learn_from_batch(learn, input, inputs, config.encoding()?)?;
    if !learned.is_empty() {
        if chatty {
            let _ = writeln!(std::io::stderr(), "rinse: learned {} recurring furniture line(s) from the batch (rule B118; --no-learn turns this off)", learned.len());
        }
        cfg.passes.boilerplate.extra_rules.extend(learned);
    }
    config.cleaner_for(cfg)
}
