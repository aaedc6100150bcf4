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
    let mut unreadable = 0;
    if inputs.len() < 2 {
        bail!("learn needs several documents (got {}): give a directory or many files", inputs.len());
    }
    let mut texts = Vec::with_capacity(inputs.len());
    for input in &inputs {
        // One unreadable file is reported and left out, not the end of a
        // whole site's walk.
        match io::read_all(input) {
            Ok(bytes) => texts.push(rinse::decode::decode(&bytes, None).0.into_owned()),
            Err(e) => {
                unreadable += 1;
                io::problem(format_args!("{e:#}"));
            }
        }
    }
    if unreadable > 0 && texts.len() < 2 {
        bail!("learn needs several readable documents (got {})", texts.len());
    }
    let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let rules = loadable(rinse::learn::learn(&docs, args.min_docs));
    let mut sink = Sink::open(Some(&args.output))?;
    sink.write_all(rinse::learn::to_toml(&rules).as_bytes())?;
    sink.finish()?;
    if !args.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "{} documents read, {} recurring furniture line{} proposed (review them before use)",
            docs.len(),
            rules.len(),
            if rules.len() == 1 { "" } else { "s" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The learned rules that `clean --rules` will load: each is tried alone
/// and with those kept before it; one that fails (its example not removed
/// once the others are in, a pattern the pass refuses) is left out with a
/// warning, so the written file always loads.
fn loadable(rules: Vec<rinse::learn::LearnedRule>) -> Vec<rinse::learn::LearnedRule> {
    let loads = |specs: Vec<rinse::passes::boilerplate::RuleSpec>| {
        let mut cfg = rinse::Config::default();
        cfg.passes.boilerplate.extra_rules = specs;
        rinse::Cleaner::new(cfg).map(|_| ()).map_err(|e| e.to_string())
    };
    let all: Vec<_> = rules.iter().map(|r| r.to_spec()).collect();
    if loads(all).is_ok() {
        return rules;
    }
    let mut kept: Vec<rinse::learn::LearnedRule> = Vec::new();
    for r in rules {
        let mut specs: Vec<_> = kept.iter().map(|k| k.to_spec()).collect();
        specs.push(r.to_spec());
        match loads(specs) {
            Ok(()) => kept.push(r),
            Err(why) => io::warn(format_args!("learned line {:?} left out: {why}", r.example)),
        }
    }
    kept
}
