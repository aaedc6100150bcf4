//! `rinse check`: exit 1 if cleaning would change anything (like `black --check`).

use super::ConfigArgs;
use anyhow::Result;
use clap::Args;
use rinse::report::diff as render;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories (none or `-`: stdin).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only the per-file verdicts, not each edit.
    #[arg(short, long)]
    pub quiet: bool,
    /// In directories, only files whose name matches this glob.
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
    /// Inputs are JSON Lines: check one field of each record.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: the field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// With --jsonl: the field naming each record.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let cleaner = args.config.cleaner()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut dirty, mut total) = (0usize, 0usize);
    let jsonl = args.jsonl.then_some((args.field.as_str(), args.id_field.as_str()));
    super::diff::for_each_doc(&args.paths, args.glob.as_deref(), jsonl, &args.config, &cleaner, |doc| {
        total += 1;
        if !doc.cleaned.report.edits.is_empty() {
            dirty += 1;
            if !args.quiet {
                out.write_all(render::annotated(&doc.original, &doc.cleaned.report, &doc.name).as_bytes())?;
            }
            writeln!(out, "{}: would change ({})", doc.name, doc.cleaned.report.summary())?;
        }
        Ok(())
    })?;
    writeln!(out, "{dirty} of {total} document{} would change", if total == 1 { "" } else { "s" })?;
    out.flush()?;
    Ok(if dirty > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
