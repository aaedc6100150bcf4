//! Command-line interface: argument parsing and dispatch. Each subcommand is
//! its own file returning `anyhow::Result<ExitCode>`.

mod apply;
mod check;
mod clean;
mod common;
mod diff;
mod io;
mod learn;
mod record;
mod review;
mod rules;
mod stats;

use anyhow::{Context as _, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write as _;
use rinse::{CjkPolicy, Config, Normalize};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (for `check`: nothing would change)
  1  `check` only: at least one input would change (even if stdout was closed)
  2  error: bad arguments or configuration, unreadable input, unwritable output,
     an input over --max-size, a folder or glob with no files, a truncated JSONL file
  130  interrupted (SIGINT/SIGTERM): temp files removed, no output replaced

Input may be any encoding (detected); output is always UTF-8.
Paths: none or `-` read stdin. Directories are searched recursively (see --glob).
Compressed files (.gz, .zst) are read and written transparently.";

/// Repair machine-translated articles scraped from Chinese websites, and show every change.
#[derive(Parser, Debug)]
#[command(name = "rinse", version, about, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Clean text: write the repaired text (stdout, -o, --in-place or --output-dir).
    ///
    /// A document over 32 MiB is cleaned in blocks of at most 8 MiB (cut at line breaks where
    /// it has them), each as a document of its own, so memory follows the block, not the
    /// document; what is weighed over a whole document (language statistics, recurring
    /// furniture, the header) is then weighed per block. One document going to stdout or -o is
    /// written a block at a time.
    #[command(after_help = EXIT_CODES)]
    Clean(clean::CleanArgs),
    /// Show what `clean` would change, as a diff (unified, annotated or JSON).
    #[command(after_help = EXIT_CODES)]
    Diff(diff::DiffArgs),
    /// Exit 1 if `clean` would change any input, 0 if all are clean (for CI).
    #[command(after_help = EXIT_CODES)]
    Check(check::CheckArgs),
    /// Replay a JSON report (possibly hand-trimmed) on its input.
    #[command(after_help = EXIT_CODES)]
    Apply(apply::ApplyArgs),
    /// Write one self-contained HTML page to review every edit: accept or
    /// reject edits and rules, then download the trimmed report for `apply`.
    #[command(after_help = EXIT_CODES)]
    Review(review::ReviewArgs),
    /// Statistics over a batch: edits per rule, documents touched, bytes
    /// removed, language shares, metadata fields (table or JSON).
    #[command(after_help = EXIT_CODES)]
    Stats(stats::StatsArgs),
    /// List every rule: code, name, confidence, summary.
    Rules(rules::RulesArgs),
    /// Print the documentation of one rule (e.g. `rinse explain P101`).
    Explain(rules::ExplainArgs),
    /// Propose boilerplate rules from lines that recur across many documents.
    Learn(learn::LearnArgs),
}

/// Which inputs to read: shared by `clean`, `diff` and `check`.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories (none or `-`: stdin).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// In directories, only files whose name matches this glob (e.g. '*.txt').
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
    /// Inputs are JSON Lines: work on one string field of each record, keep everything else.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: the field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub field: String,
    /// With --jsonl: the field that names a record in messages and hunk headers.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// The largest document (a file after decompression, or one JSONL line)
    /// read: larger ones are an error. K, M, G suffixes (binary).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = io::parse_size)]
    pub max_size: u64,
}

impl InputArgs {
    /// `(field, id_field)` when the inputs are JSON Lines.
    pub fn jsonl_fields(&self) -> Option<(&str, &str)> {
        self.jsonl.then_some((self.field.as_str(), self.id_field.as_str()))
    }
}

/// Options shared by every command that cleans.
#[derive(Args, Debug, Clone)]
pub struct ConfigArgs {
    /// Read settings from this rinse.toml (flags below override it).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Rule codes or prefixes to run (comma-separated), e.g. `W,M,P101`.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Rule codes or prefixes never to run (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// The lowest confidence applied: `safe`, `review` (default) or `suggest`
    /// (suggestions are otherwise only listed in the report).
    #[arg(long, value_enum, value_name = "LEVEL")]
    apply: Option<ApplyArg>,
    /// Apply only edits whose confidence is `safe` (the same as `--apply safe`).
    #[arg(long, conflicts_with = "apply")]
    only_safe: bool,
    /// Unicode normalization.
    #[arg(long, value_enum, value_name = "FORM")]
    normalize: Option<NormalizeArg>,
    /// Keep CRLF line endings.
    #[arg(long)]
    keep_crlf: bool,
    /// Policy for untranslated Chinese sentences.
    #[arg(long, value_enum, value_name = "POLICY")]
    cjk: Option<CjkArg>,
    /// Decode input as this encoding instead of detecting it (utf-8, gbk, gb18030, big5, windows-1252, utf-16le...).
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Extra boilerplate rules file (same format as rules/boilerplate.toml).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
}

impl ConfigArgs {
    /// The configuration: file first, then flags on top.
    pub fn config(&self) -> Result<Config> {
        let mut cfg = match &self.config {
            Some(p) => Config::from_file(p)?,
            None => Config::default(),
        };
        // Resolved by the library against the config file's folder; a
        // `--rules` path is relative to the current directory.
        if !self.select.is_empty() {
            cfg.select = self.select.clone();
        }
        cfg.ignore.extend(self.ignore.iter().cloned());
        if let Some(a) = self.apply {
            cfg.apply = a.into();
            cfg.only_safe = false;
        }
        cfg.only_safe |= self.only_safe;
        if let Some(n) = self.normalize {
            cfg.normalize = n.into();
        }
        cfg.keep_crlf |= self.keep_crlf;
        if let Some(c) = self.cjk {
            cfg.cjk = c.into();
        }
        if let Some(r) = &self.rules {
            anyhow::ensure!(r.is_file(), "{}: rules file not found", r.display());
            set_rules_file(&mut cfg, r.clone());
        }
        cfg.validate()?;
        Ok(cfg)
    }

    pub fn encoding(&self) -> Result<Option<&'static encoding_rs::Encoding>> {
        match &self.encoding {
            None => Ok(None),
            Some(l) => rinse::decode::encoding_for_label(l)
                .map(Some)
                .with_context(|| format!("unknown encoding `{l}` (try utf-8, gbk, gb18030, big5, windows-1252, utf-16le)")),
        }
    }

    /// The cleaner for these arguments. Under `RINSE_TIMINGS=1` it prints
    /// each pass's time per round on stderr (see "Tests and benchmarks" in
    /// the README); the library itself never prints.
    pub fn cleaner(&self) -> Result<rinse::Cleaner> {
        self.cleaner_for(self.config()?)
    }

    /// [`ConfigArgs::cleaner`] for a configuration built from these arguments.
    pub fn cleaner_for(&self, config: Config) -> Result<rinse::Cleaner> {
        let cleaner = rinse::Cleaner::new(config)?;
        Ok(if std::env::var_os("RINSE_TIMINGS").is_some() {
            cleaner.with_timing_hook(std::sync::Arc::new(|what: &str, took: std::time::Duration| {
                eprintln!("timing {what:<30} {:>8.2} ms", took.as_secs_f64() * 1e3);
            }))
        } else {
            cleaner
        })
    }
}

/// `--apply`: the CLI's face of [`rinse::Confidence`] as an apply level.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplyArg {
    /// Only edits with one reading.
    Safe,
    /// Safe and review edits (default).
    Review,
    /// Every edit, suggestions too.
    Suggest,
}

impl From<ApplyArg> for rinse::Confidence {
    fn from(a: ApplyArg) -> Self {
        match a {
            ApplyArg::Safe => rinse::Confidence::Safe,
            ApplyArg::Review => rinse::Confidence::Review,
            ApplyArg::Suggest => rinse::Confidence::Suggest,
        }
    }
}

/// `--normalize`: the CLI's face of [`rinse::Normalize`] (the library has no
/// clap types). Doc comments are the help text; keep them as in the library.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NormalizeArg {
    /// Canonical composition (default): changes no visible character.
    Nfc,
    /// Compatibility composition: full-width Latin letters and digits become
    /// ASCII; CJK full-width punctuation is left to the punctuation pass.
    Nfkc,
    /// No normalization.
    None,
}

impl From<NormalizeArg> for Normalize {
    fn from(a: NormalizeArg) -> Self {
        match a {
            NormalizeArg::Nfc => Normalize::Nfc,
            NormalizeArg::Nfkc => Normalize::Nfkc,
            NormalizeArg::None => Normalize::None,
        }
    }
}

/// `--cjk`: the CLI's face of [`rinse::CjkPolicy`].
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CjkArg {
    /// Chinese text stays, punctuated as Chinese (default).
    Keep,
    /// Untranslated sentences are removed (each removal is in the report).
    Drop,
    /// Untranslated sentences are wrapped in markers (`[zh]…[/zh]`).
    Mark,
    /// Like drop, and the removed sentences are collected for translation.
    Extract,
}

impl From<CjkArg> for CjkPolicy {
    fn from(a: CjkArg) -> Self {
        match a {
            CjkArg::Keep => CjkPolicy::Keep,
            CjkArg::Drop => CjkPolicy::Drop,
            CjkArg::Mark => CjkPolicy::Mark,
            CjkArg::Extract => CjkPolicy::Extract,
        }
    }
}

/// When to color output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// Color when stdout is a terminal.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

impl ColorChoice {
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    io::install_signal_cleanup();
    let result = match cli.command {
        Command::Clean(a) => clean::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Check(a) => check::run(a),
        Command::Apply(a) => apply::run(a),
        Command::Review(a) => review::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Rules(a) => rules::run_rules(a),
        Command::Explain(a) => rules::run_explain(a),
        Command::Learn(a) => learn::run(a),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            // A closed stdout (`rinse clean x | head`) ends the output
            // quietly. `check` never gets here for it: its verdict is the exit
            // code whatever happens to stdout.
            if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)) {
                return if io::problems() > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS };
            }
            let _ = writeln!(std::io::stderr(), "rinse: error: {e:#}");
            ExitCode::from(2)
        }
    };
    // Problems that did not stop the run (an unreadable sub-folder, a folder
    // with no files, a truncated JSONL file) make it fail at the end.
    if io::problems() > 0 && code != ExitCode::from(2) {
        return ExitCode::from(2);
    }
    code
}

/// Point the boilerplate pass at a user rules file.
fn set_rules_file(cfg: &mut Config, path: PathBuf) {
    cfg.passes.boilerplate.rules_file = Some(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLI names of the mirror enums are the library's `rinse.toml` names.
    #[test]
    fn mirror_enums_match_the_library() {
        for v in NormalizeArg::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(serde_json::to_value(Normalize::from(*v)).unwrap(), name);
        }
        for v in CjkArg::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(serde_json::to_value(CjkPolicy::from(*v)).unwrap(), name);
        }
    }
}
