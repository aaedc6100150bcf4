//! `rinse learn`: propose boilerplate rules from lines recurring across documents.

use anyhow::{bail, Result};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct LearnArgs {
    /// Files or directories of scraped documents from one site.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the proposed rules (TOML) here (`-`: stdout).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
    /// A line must recur in at least this many documents.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_docs: usize,
    /// In directories, only files whose name matches this glob.
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
}

pub fn run(_args: LearnArgs) -> Result<ExitCode> {
    bail!("`rinse learn` is not available in this build yet")
}
