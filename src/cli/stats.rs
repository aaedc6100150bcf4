//! `rinse stats`: what cleaning a batch would do, in numbers: edits and
//! documents touched per rule, bytes removed, language shares and the
//! metadata fields found. Cleans with the summary report only (no edit
//! list), so it costs about what `clean` does.

use super::common::{batch_cleaner, expand_with_base, for_each_doc, thread_pool, LearnArgs};
use super::io;
use super::{ConfigArgs, InputArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatsFormat,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No note on stderr about learned furniture.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub learn: LearnArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// How `stats` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    /// Aligned tables for people.
    Table,
    /// One JSON object.
    Json,
}

/// One rule's numbers.
#[derive(Serialize, Default, Debug, PartialEq)]
pub struct RuleStats {
    /// Edits carrying the rule's code.
    pub edits: usize,
    /// Documents with at least one such edit.
    pub documents: usize,
}

/// The numbers for a batch.
#[derive(Serialize, Default, Debug)]
pub struct Stats {
    pub documents: usize,
    /// Documents with at least one edit.
    pub documents_changed: usize,
    pub edits: usize,
    pub input_bytes: usize,
    pub output_bytes: usize,
    /// `input_bytes - output_bytes` (negative if cleaning added bytes).
    pub removed_bytes: i64,
    pub rules: BTreeMap<String, RuleStats>,
    /// Documents by share of English (`english_fraction`), in tenths:
    /// `"0.9-1.0"` and so on.
    pub english_share: BTreeMap<String, usize>,
    /// Mean English share over the documents measured.
    pub english_share_mean: Option<f64>,
    /// Documents whose guessed language is this (`eng`, `cmn`, ...).
    pub languages: BTreeMap<String, usize>,
    /// Documents in which each metadata field was found.
    pub metadata_fields: BTreeMap<String, usize>,
    /// Documents with warnings.
    pub documents_with_warnings: usize,
}

impl Stats {
    /// Add one cleaned document.
    pub fn add(&mut self, c: &rinse::Cleaned) {
        let r = &c.report;
        self.documents += 1;
        self.documents_changed += usize::from(c.edit_count > 0);
        self.edits += c.edit_count;
        self.input_bytes += r.input_bytes;
        self.output_bytes += r.output_bytes;
        self.removed_bytes = self.input_bytes as i64 - self.output_bytes as i64;
        for (code, n) in &r.counts {
            let s = self.rules.entry(code.clone()).or_default();
            s.edits += n;
            s.documents += 1;
        }
        let lang = r.language.as_ref();
        if let Some(f) = lang.and_then(|l| l.get("english_fraction")).and_then(|f| f.as_f64()) {
            let tenth = ((f * 10.0).floor() as usize).min(9);
            *self.english_share.entry(format!("{:.1}-{:.1}", tenth as f64 / 10.0, (tenth + 1) as f64 / 10.0)).or_default() += 1;
            let n = self.english_share.values().sum::<usize>() as f64;
            self.english_share_mean = Some(self.english_share_mean.unwrap_or(0.0) + (f - self.english_share_mean.unwrap_or(0.0)) / n);
        }
        if let Some(g) = lang.and_then(|l| l.pointer("/guess/lang")).and_then(|g| g.as_str()) {
            *self.languages.entry(g.to_string()).or_default() += 1;
        }
        for key in r.metadata.keys() {
            *self.metadata_fields.entry(key.clone()).or_default() += 1;
        }
        self.documents_with_warnings += usize::from(!r.warnings.is_empty());
    }

    /// Aligned tables.
    pub fn table(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let pct = |n: usize, of: usize| if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 };
        let _ = writeln!(out, "documents         {:>10}", self.documents);
        let _ = writeln!(out, "  changed         {:>10}  ({:.1}%)", self.documents_changed, pct(self.documents_changed, self.documents));
        let _ = writeln!(out, "  with warnings   {:>10}", self.documents_with_warnings);
        let _ = writeln!(out, "edits             {:>10}", self.edits);
        let _ = writeln!(out, "bytes in          {:>10}", self.input_bytes);
        let _ = writeln!(out, "bytes out         {:>10}", self.output_bytes);
        let _ = writeln!(out, "bytes removed     {:>10}  ({:.1}%)", self.removed_bytes, 100.0 * self.removed_bytes as f64 / self.input_bytes.max(1) as f64);
        let _ = writeln!(out, "\nrule   name                              edits  documents");
        let mut rules: Vec<(&String, &RuleStats)> = self.rules.iter().collect();
        rules.sort_by(|a, b| b.1.edits.cmp(&a.1.edits).then(a.0.cmp(b.0)));
        for (code, s) in rules {
            let name = rinse::rules::get(code).map_or("", |r| r.name);
            let _ = writeln!(out, "{code:<6} {name:<32} {:>7}  {:>9}", s.edits, s.documents);
        }
        if !self.english_share.is_empty() {
            let _ = writeln!(out, "\nEnglish share  documents");
            for (bucket, n) in self.english_share.iter().rev() {
                let _ = writeln!(out, "{bucket:<14} {n:>9}");
            }
            if let Some(m) = self.english_share_mean {
                let _ = writeln!(out, "mean           {m:>9.3}");
            }
        }
        if !self.languages.is_empty() {
            let _ = writeln!(out, "\nlanguage  documents");
            for (l, n) in &self.languages {
                let _ = writeln!(out, "{l:<9} {n:>10}");
            }
        }
        if !self.metadata_fields.is_empty() {
            let _ = writeln!(out, "\nmetadata field  documents");
            let mut fields: Vec<(&String, &usize)> = self.metadata_fields.iter().collect();
            fields.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (f, n) in fields {
                let _ = writeln!(out, "{f:<15} {n:>9}");
            }
        }
        out
    }
}

pub fn run(args: StatsArgs) -> Result<ExitCode> {
    io::set_max_document_bytes(args.input.max_size);
    // The same edits as `clean` of this batch: furniture is learned first.
    let inputs = expand_with_base(&args.input.paths, args.input.glob.as_deref())?;
    let cleaner = batch_cleaner(&args.config, &args.learn, &args.input, &inputs, !args.quiet)?.with_report_detail(rinse::ReportDetail::Summary);
    let pool = thread_pool(args.jobs)?;
    let mut stats = Stats::default();
    let jsonl = args.input.jsonl_fields();
    for_each_doc(inputs, jsonl, &args.config, &cleaner, Some(&pool), |doc| {
        stats.add(&doc.cleaned);
        Ok(())
    })?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stats)?;
            out.write_all(b"\n")?;
        }
        StatsFormat::Table => out.write_all(stats.table().as_bytes())?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
