//! `rinse learn`: propose boilerplate rules from lines recurring across documents.

use super::io::{self, Sink};
use anyhow::{bail, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct LearnArgs {
    /// Files or directories of scraped documents from one site.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the proposed rules (TOML, for `--rules FILE` or `[boilerplate] rules_file`) here (`-`: stdout).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
    /// A line must recur in at least this many documents.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_docs: usize,
    /// In directories, only files whose name matches this glob.
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: LearnArgs) -> Result<ExitCode> {
    let inputs = io::expand(&args.paths, args.glob.as_deref())?;
    if inputs.len() < 2 {
        bail!("learn needs several documents (got {}): give a directory or many files", inputs.len());
    }
    let mut texts = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let bytes = io::read_all(input)?;
        texts.push(rinse::decode::decode(&bytes, None).0.into_owned());
    }
    let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let rules = rinse::learn::learn(&docs, args.min_docs);
    let mut sink = Sink::open(Some(&args.output))?;
    sink.write_all(rinse::learn::to_toml(&rules).as_bytes())?;
    sink.finish()?;
    if !args.quiet {
        eprintln!(
            "{} documents read, {} recurring furniture line{} proposed (review them before use)",
            docs.len(),
            rules.len(),
            if rules.len() == 1 { "" } else { "s" }
        );
    }
    Ok(ExitCode::SUCCESS)
}
