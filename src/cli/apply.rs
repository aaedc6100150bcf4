//! `rinse apply`: replay a JSON report (or a hand-trimmed copy) on its input.

use super::io::{self, Input, Sink};
use anyhow::{bail, Context as _, Result};
use clap::Args;
use rinse::Report;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// The JSON report written by `rinse clean --report` (edits may be removed by hand).
    #[arg(value_name = "REPORT")]
    pub report: PathBuf,
    /// The original input (default: the report's `input` path; `-`: stdin).
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Write the result here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Apply even if the input's SHA-256 differs from the report's.
    #[arg(long)]
    pub force: bool,
    /// Also apply the report's `suggestions` (edits overlapping one give way to it).
    #[arg(long)]
    pub suggestions: bool,
}

pub fn run(args: ApplyArgs) -> Result<ExitCode> {
    // A report may be several times its document's size; never unbounded.
    let raw = io::read_capped(&args.report, io::max_document_bytes().saturating_mul(8), "report")?;
    let text = String::from_utf8(raw).map_err(|e| anyhow::anyhow!("{}: not a rinse JSON report (invalid UTF-8 at byte {})", args.report.display(), e.utf8_error().valid_up_to()))?;
    let report: Report = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a rinse JSON report (one report per file)", args.report.display()))?;
    let input = match (&args.input, &report.input) {
        (Some(p), _) if p.as_os_str() == "-" => Input::Stdin,
        (Some(p), _) => Input::File(p.clone()),
        (None, Some(p)) => Input::File(PathBuf::from(p)),
        (None, None) => bail!("the report names no input file: give INPUT"),
    };
    let bytes = io::read_all(&input)?;
    let encoding = rinse::decode::encoding_for_label(&report.decode.encoding);
    let (decoded, _) = rinse::decode::decode(&bytes, encoding);
    let sha = rinse::report::sha256_hex(&decoded);
    if sha != report.input_sha256 && !args.force {
        bail!("{}: input differs from the one the report was made from (SHA-256 {sha} ≠ {}); use --force to apply anyway", input.name(), report.input_sha256);
    }
    let out = if args.suggestions { report.apply_with_suggestions(&decoded) } else { report.apply(&decoded) };
    let out = out.with_context(|| input.name())?;
    let mut sink = Sink::open(args.output.as_deref())?;
    sink.write_all(out.as_bytes())?;
    sink.finish()?;
    Ok(ExitCode::SUCCESS)
}
