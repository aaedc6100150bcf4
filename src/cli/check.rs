//! `rinse check`: exit 1 if cleaning would change anything (like `black --check`).

use super::common::for_each_doc;
use super::{ConfigArgs, InputArgs};
use anyhow::Result;
use clap::Args;
use rinse::report::diff as render;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Only the per-file verdicts, not each edit.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let cleaner = args.config.cleaner()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut dirty, mut total) = (0usize, 0usize);
    let jsonl = args.input.jsonl_fields();
    for_each_doc(&args.input.paths, args.input.glob.as_deref(), jsonl, &args.config, &cleaner, |doc| {
        total += 1;
        if !doc.cleaned.report.edits.is_empty() {
            dirty += 1;
            if !args.quiet {
                out.write_all(render::annotated(&doc.original, &doc.cleaned.report, &doc.name).as_bytes())?;
            }
            writeln!(out, "{}: would change ({})", doc.name, doc.cleaned.summary())?;
        }
        Ok(())
    })?;
    writeln!(out, "{dirty} of {total} document{} would change", if total == 1 { "" } else { "s" })?;
    out.flush()?;
    Ok(if dirty > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
