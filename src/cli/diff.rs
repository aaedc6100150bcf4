//! `rinse diff`: what `clean` would change, as a unified diff (hunks annotated
//! with rule codes), one line per edit, or JSON reports.

use super::io::{self, Input};
use super::{ColorChoice, ConfigArgs, InputArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use rinse::report::diff as render;
use rinse::{Cleaned, Cleaner};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "unified")]
    pub format: DiffFormat,
    /// Color (word-level emphasis on changed lines).
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
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
    /// The JSON report (one per line when there are several documents).
    Json,
}

/// One document to compare: its display name, decoded text, cleaned result.
pub struct Doc {
    pub name: String,
    pub original: String,
    pub cleaned: Cleaned,
}

/// Clean every input (or every JSONL record), calling `each` in order.
pub fn for_each_doc(
    paths: &[PathBuf],
    glob: Option<&str>,
    jsonl: Option<(&str, &str)>,
    config: &ConfigArgs,
    cleaner: &Cleaner,
    mut each: impl FnMut(Doc) -> Result<()>,
) -> Result<()> {
    let encoding = config.encoding()?;
    for input in io::expand(paths, glob)? {
        if let Some((field, id_field)) = jsonl {
            use std::io::BufRead;
            let reader = io::open_reader(&input)?;
            for (i, line) in reader.lines().enumerate() {
                let line = line?;
                let n = i + 1;
                match super::jsonl::parse_record(&line, field, id_field) {
                    Ok(rec) => {
                        let name = match &rec.id {
                            Some(id) => format!("{}:{n} ({id_field}={id})", input.name()),
                            None => format!("{}:{n}", input.name()),
                        };
                        let cleaned = cleaner.clean(&rec.text);
                        each(Doc { name, original: rec.text, cleaned })?;
                    }
                    Err(why) => eprintln!("{}:{n}: {why} (skipped)", input.name()),
                }
            }
            continue;
        }
        let bytes = io::read_all(&input)?;
        let (text, info) = rinse::decode::decode(&bytes, encoding);
        let mut cleaned = cleaner.clean_decoded(&text, info);
        cleaned.report.input = match &input {
            Input::Stdin => None,
            Input::File(p) => Some(p.display().to_string()),
        };
        each(Doc { name: input.name(), original: text.into_owned(), cleaned })?;
    }
    Ok(())
}

pub fn run(args: DiffArgs) -> Result<ExitCode> {
    let cleaner = args.config.cleaner()?;
    let color = args.color.enabled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let several = args.input.paths.len() > 1 || args.input.jsonl || args.input.paths.iter().any(|p| p.is_dir());
    let jsonl = args.input.jsonl_fields();
    for_each_doc(&args.input.paths, args.input.glob.as_deref(), jsonl, &args.config, &cleaner, |doc| {
        match args.format {
            DiffFormat::Unified => {
                out.write_all(render::unified(&doc.original, &doc.cleaned.text, &doc.name, &doc.cleaned.report, color).as_bytes())?
            }
            DiffFormat::Annotated => out.write_all(render::annotated(&doc.original, &doc.cleaned.report, &doc.name).as_bytes())?,
            DiffFormat::Json => super::clean::write_json(&mut out, &doc.cleaned.report, several)?,
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
