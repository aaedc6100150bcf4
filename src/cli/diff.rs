//! `rinse diff`: what `clean` would change, as a unified diff (hunks annotated
//! with rule codes), one line per edit, or JSON reports.

use super::common::{expand_with_base, for_each_doc, thread_pool, write_json};
use super::{ColorChoice, ConfigArgs, InputArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use rinse::report::diff as render;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "unified")]
    pub format: DiffFormat,
    /// Color (word-level emphasis on changed lines).
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No summary on stderr (data warnings still show).
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// How `diff` shows changes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    /// Unified diff; each hunk header lists the rule codes inside it.
    Unified,
    /// One line per edit: `file:line:col CODE before → after  (confidence) reason`.
    Annotated,
    /// The JSON report (a corpus report, one per line, when there are
    /// several documents: `rinse apply` replays it).
    Json,
}

pub fn run(args: DiffArgs) -> Result<ExitCode> {
    crate::cli::io::set_max_document_bytes(args.input.max_size);
    let cleaner = args.config.cleaner()?;
    let color = args.color.enabled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let several = args.input.paths.len() > 1 || args.input.jsonl || args.input.paths.iter().any(|p| p.is_dir());
    let jsonl = args.input.jsonl_fields();
    let pool = thread_pool(args.jobs)?;
    let (mut total, mut changed, mut edits) = (0usize, 0usize, 0usize);
    for_each_doc(expand_with_base(&args.input.paths, args.input.glob.as_deref())?, jsonl, &args.config, &cleaner, Some(&pool), |doc| {
        total += 1;
        changed += usize::from(doc.cleaned.edit_count > 0);
        edits += doc.cleaned.edit_count;
        match args.format {
            DiffFormat::Unified => {
                out.write_all(render::unified(&doc.original, &doc.cleaned.text, &doc.name, &doc.cleaned.report, color).as_bytes())?
            }
            DiffFormat::Annotated => out.write_all(render::annotated_color(&doc.original, &doc.cleaned.report, &doc.name, color).as_bytes())?,
            DiffFormat::Json if several => write_json(&mut out, &doc.corpus_record(), true)?,
            DiffFormat::Json => write_json(&mut out, &doc.cleaned.report, false)?,
        }
        Ok(())
    })?;
    out.flush()?;
    if !args.quiet && several {
        let _ = writeln!(std::io::stderr(), "rinse: {changed} of {total} documents would change ({edits} edits)");
    }
    Ok(ExitCode::SUCCESS)
}
