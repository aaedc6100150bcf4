//! `rinse check`: exit 1 if cleaning would change anything (like `black --check`).

use super::common::{expand_with_base, for_each_doc, thread_pool};
use super::{ConfigArgs, InputArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use rinse::report::diff as render;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Only the per-file verdicts, not each edit.
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format: verdicts as text, or one JSON object (documents,
    /// changed, and each changed document's edit counts per rule).
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// How `check` reports.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// The edits (unless -q) and a verdict per changed document.
    Text,
    /// `{"documents", "changed", "files": [{"name", "edits", "counts"}]}`.
    Json,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    crate::cli::io::set_max_document_bytes(args.input.max_size);
    let cleaner = args.config.cleaner()?;
    // The verdict is the exit code, whatever happens to stdout: a closed
    // pipe (`rinse check x | head -c1`) stops the listing, never the check.
    let mut out = Verdicts { out: std::io::BufWriter::new(std::io::stdout().lock()), closed: false };
    let (mut dirty, mut total) = (0usize, 0usize);
    let jsonl = args.input.jsonl_fields();
    let pool = thread_pool(args.jobs)?;
    let json = args.format == CheckFormat::Json;
    let mut files = Vec::new();
    for_each_doc(expand_with_base(&args.input.paths, args.input.glob.as_deref())?, jsonl, &args.config, &cleaner, Some(&pool), |doc| {
        total += 1;
        if !doc.cleaned.report.edits.is_empty() {
            dirty += 1;
            if json {
                files.push(serde_json::json!({
                    "name": doc.name,
                    "edits": doc.cleaned.edit_count,
                    "counts": doc.cleaned.report.counts,
                }));
                return Ok(());
            }
            if !args.quiet && !out.closed {
                out.put(render::annotated(&doc.original, &doc.cleaned.report, &doc.name).as_bytes())?;
            }
            out.put(format!("{}: would change ({})\n", doc.name, doc.cleaned.summary()).as_bytes())?;
        }
        Ok(())
    })?;
    if json {
        let v = serde_json::json!({ "documents": total, "changed": dirty, "files": files });
        out.put(format!("{}\n", serde_json::to_string_pretty(&v)?).as_bytes())?;
    } else {
        out.put(format!("{dirty} of {total} document{} would change\n", if total == 1 { "" } else { "s" }).as_bytes())?;
    }
    if !out.closed {
        if let Err(e) = out.out.flush() {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(e.into());
            }
        }
    }
    Ok(if dirty > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Stdout for verdicts: after a broken pipe, further output is dropped.
struct Verdicts<W: Write> {
    out: W,
    closed: bool,
}

impl<W: Write> Verdicts<W> {
    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.out.write_all(bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => Ok(other?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader went away.
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_pipe_stops_output_not_the_check() {
        let mut v = Verdicts { out: Closed, closed: false };
        assert!(v.put(b"x").is_ok());
        assert!(v.closed);
        assert!(v.put(b"y").is_ok());
    }
}
