//! `rinse rules` and `rinse explain CODE` (like `ruff rule`).

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The rule code, e.g. P101.
    pub code: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

// Written with `writeln!`, never `println!` (which panics when stdout is a
// closed pipe: `rinse rules | head -c1`); a broken pipe ends quietly.

pub fn run_rules(args: RulesArgs) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == Format::Json {
        let all: Vec<_> = rinse::rules::all().collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut pass = "";
    for r in rinse::rules::all() {
        if r.pass != pass {
            pass = r.pass;
            writeln!(out, "{pass}:")?;
        }
        writeln!(
            out,

            "  {}  {:<32} {:<6} {}{}",
            r.code,
            r.name,
            r.confidence,
            r.summary,
            if r.default_enabled { "" } else { "  (off by default)" }
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_explain(args: ExplainArgs) -> Result<ExitCode> {
    let Some(r) = rinse::rules::get(&args.code) else {
        bail!("unknown rule code `{}` (see `rinse rules`)", args.code);
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            let mut v = serde_json::to_value(r)?;
            v["explanation"] = r.explanation().into();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        Format::Text => {
            writeln!(out, "# {} ({})\n", r.code, r.name)?;
            writeln!(
                out,
                "Pass: {}. Confidence: {}.{}\n",
                r.pass,
                r.confidence,
                if r.default_enabled { "" } else { " Off by default: enable with --select." }
            )?;
            write!(out, "{}", r.explanation())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
