//! `rinse rules` and `rinse explain CODE` (like `ruff rule`).

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
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

pub fn run_rules(args: RulesArgs) -> Result<ExitCode> {
    if args.format == Format::Json {
        let all: Vec<_> = rinse::rules::all().collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut pass = "";
    for r in rinse::rules::all() {
        if r.pass != pass {
            pass = r.pass;
            println!("{pass}:");
        }
        println!(
            "  {}  {:<32} {:<6} {}{}",
            r.code,
            r.name,
            r.confidence,
            r.summary,
            if r.default_enabled { "" } else { "  (off by default)" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_explain(args: ExplainArgs) -> Result<ExitCode> {
    let Some(r) = rinse::rules::get(&args.code) else {
        bail!("unknown rule code `{}` (see `rinse rules`)", args.code);
    };
    match args.format {
        Format::Json => {
            let mut v = serde_json::to_value(r)?;
            v["explanation"] = r.explanation().into();
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            println!("# {} ({})\n", r.code, r.name);
            println!(
                "Pass: {}. Confidence: {}.{}\n",
                r.pass,
                r.confidence,
                if r.default_enabled { "" } else { " Off by default: enable with --select." }
            );
            print!("{}", r.explanation());
        }
    }
    Ok(ExitCode::SUCCESS)
}
