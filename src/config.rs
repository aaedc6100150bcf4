//! Configuration: which rules run, how sure they must be, pass options.
//!
//! Built in code ([`Config::default`] and the `with_*` builders) or read from a
//! `rinse.toml` with [`Config::from_toml`]. Unknown keys are errors.
//!
//! ```toml
//! select = ["W", "M", "P1"]     # codes or prefixes; empty = every default rule
//! ignore = ["C101"]
//! apply = "review"              # lowest confidence applied: safe | review | suggest
//! normalize = "nfc"             # nfc | nfkc | none
//! keep_crlf = false
//!
//! [whitespace]
//! max_blank_lines = 1
//! ```

use crate::edit::Confidence;
use crate::error::{Error, Result};
use crate::passes::{PassOptions, Setup};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use crate::passes::{CjkPolicy, Normalize};

/// Everything that shapes a [`crate::Cleaner`]: plain data. Which codes exist
/// is the rule registry's business ([`crate::rules`]).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Config {
    /// Rule codes or prefixes to run (empty: every rule enabled by default).
    /// Selecting a rule explicitly also enables rules that are off by default.
    pub select: Vec<String>,
    /// Rule codes or prefixes never to run.
    pub ignore: Vec<String>,
    /// The lowest confidence applied: `safe`, `review` (default) or
    /// `suggest`. Edits below it are not applied; `suggest` edits among them
    /// are listed in the report's `suggestions`.
    pub apply: Confidence,
    /// Apply only edits whose confidence is `safe` (the same as
    /// `apply = "safe"`, kept for old configurations).
    pub only_safe: bool,
    /// Unicode normalization.
    pub normalize: Normalize,
    /// Keep CRLF line endings instead of converting them to LF.
    pub keep_crlf: bool,
    /// Policy for untranslated Chinese.
    pub cjk: CjkPolicy,
    /// Options of each pass: the `[whitespace]`, `[boilerplate]`, … tables.
    #[serde(flatten)]
    pub passes: PassOptions,
}

/// Top-level keys of rinse.toml besides the pass tables.
const TOP_KEYS: &[&str] = &["select", "ignore", "apply", "only_safe", "normalize", "keep_crlf", "cjk"];

impl Config {
    /// Builder: run only these rule codes or prefixes.
    ///
    /// ```
    /// let cfg = rinse::Config::default().with_select(["W", "M"]).with_only_safe(true);
    /// assert!(cfg.is_enabled("W101") && !cfg.is_enabled("P101"));
    /// ```
    pub fn with_select<S: Into<String>>(mut self, codes: impl IntoIterator<Item = S>) -> Self {
        self.select = codes.into_iter().map(Into::into).collect();
        self
    }

    /// Builder: never run these rule codes or prefixes.
    pub fn with_ignore<S: Into<String>>(mut self, codes: impl IntoIterator<Item = S>) -> Self {
        self.ignore = codes.into_iter().map(Into::into).collect();
        self
    }

    /// Builder: apply only `safe` edits (`with_apply(Confidence::Safe)`).
    pub fn with_only_safe(mut self, yes: bool) -> Self {
        self.only_safe = yes;
        self
    }

    /// Builder: the lowest confidence applied.
    ///
    /// ```
    /// use rinse::{Config, Confidence};
    /// let cfg = Config::default().with_apply(Confidence::Suggest);
    /// assert_eq!(cfg.min_confidence(), Confidence::Suggest);
    /// assert_eq!(Config::default().min_confidence(), Confidence::Review);
    /// let old = rinse::Config::from_toml("only_safe = true").unwrap();
    /// assert_eq!(old.min_confidence(), Confidence::Safe);
    /// ```
    pub fn with_apply(mut self, level: Confidence) -> Self {
        self.apply = level;
        self
    }

    /// The lowest confidence applied: `apply`, or `safe` under `only_safe`.
    pub fn min_confidence(&self) -> Confidence {
        if self.only_safe {
            Confidence::Safe
        } else {
            self.apply
        }
    }

    /// Builder: Unicode normalization form.
    pub fn with_normalize(mut self, form: Normalize) -> Self {
        self.normalize = form;
        self
    }

    /// Builder: keep CRLF line endings.
    pub fn with_keep_crlf(mut self, yes: bool) -> Self {
        self.keep_crlf = yes;
        self
    }

    /// Builder: policy for untranslated Chinese.
    pub fn with_cjk(mut self, policy: CjkPolicy) -> Self {
        self.cjk = policy;
        self
    }

    /// Parse a `rinse.toml` document. Unknown keys are errors.
    ///
    /// ```
    /// let cfg = rinse::Config::from_toml("ignore = [\"W106\"]\nonly_safe = true").unwrap();
    /// assert!(cfg.only_safe && !cfg.is_enabled("W106"));
    /// assert!(rinse::Config::from_toml("colour = 1").is_err());
    /// assert!(rinse::Config::from_toml("select = [\"Z9\"]").is_err());
    /// ```
    pub fn from_toml(text: &str) -> Result<Self> {
        let cfg = parse(text).map_err(|message| Error::Config { path: None, message })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Read and parse a `rinse.toml` file (at most [`MAX_CONFIG_BYTES`]).
    /// A relative `rules_file` in it is relative to the file's folder.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = read_small_file(path)?;
        let mut cfg = parse(&text).map_err(|message| Error::Config { path: Some(path.to_owned()), message })?;
        if let Some(rules) = cfg.passes.boilerplate.rules_file.as_mut() {
            if rules.is_relative() {
                if let Some(dir) = path.parent() {
                    *rules = dir.join(&*rules);
                }
            }
        }
        cfg.validate().map_err(|e| match e {
            Error::Config { message, .. } => Error::Config { path: Some(path.to_owned()), message },
            other => other,
        })?;
        Ok(cfg)
    }

    /// Check that every selected or ignored code names a rule.
    pub fn validate(&self) -> Result<()> {
        for p in self.select.iter().chain(&self.ignore) {
            if !crate::rules::matches_any(p) {
                return Err(Error::UnknownCode(p.clone()));
            }
        }
        Ok(())
    }

    /// The plain settings the passes are built from.
    pub fn setup(&self) -> Setup {
        let enabled = crate::rules::all().filter(|r| self.is_enabled(r.code)).map(|r| r.code);
        Setup::new(self.normalize, self.keep_crlf, self.cjk, enabled)
    }

    /// Is `code` enabled under this configuration?
    pub fn is_enabled(&self, code: &str) -> bool {
        let rule_on = crate::rules::get(code).map(|r| r.default_enabled).unwrap_or(true);
        let selected = if self.select.is_empty() {
            rule_on
        } else {
            self.select.iter().any(|p| {
                crate::rules::prefix_matches(p, code) && (rule_on || p.len() == code.len())
            })
        };
        selected && !self.ignore.iter().any(|p| crate::rules::prefix_matches(p, code))
    }
}

pub use crate::error::MAX_CONFIG_BYTES;
use crate::error::{hide_quoted, read_small_file, toml_error};

/// Parse rinse.toml text: unknown top-level keys and unknown keys inside a
/// pass table are errors (each pass's `Options` denies unknown fields).
fn parse(text: &str) -> std::result::Result<Config, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    for key in table.keys() {
        if !TOP_KEYS.contains(&key.as_str()) && !crate::passes::NAMES.contains(&key.as_str()) {
            return Err(format!(
                "unknown key `{key}`: expected one of {}, or a pass table [{}]",
                TOP_KEYS.join(", "),
                crate::passes::NAMES.join("], [")
            ));
        }
    }
    Config::deserialize(toml::Value::Table(table)).map_err(|e| hide_quoted(e.message().trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ```toml block in the config docs, the README and docs/ parses.
    #[test]
    fn documented_config_examples_parse() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = vec![
            ("src/config.rs", include_str!("config.rs").lines().map(|l| l.trim_start().trim_start_matches("//!").trim_start_matches("///")).map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")),
        ];
        for name in ["README.md", "docs/config.md"] {
            if let Ok(t) = std::fs::read_to_string(root.join(name)) {
                sources.push((name, t));
            }
        }
        let mut n = 0;
        for (name, text) in &sources {
            let mut block: Option<String> = None;
            for line in text.lines() {
                let t = line.trim();
                match &mut block {
                    None if t == "```toml" => block = Some(String::new()),
                    Some(b) if t == "```" && b.contains("[dependencies]") => block = None, // a Cargo.toml
                    Some(b) if t == "```" => {
                        Config::from_toml(b).unwrap_or_else(|e| panic!("{name}: example does not parse: {e}\n{b}"));
                        n += 1;
                        block = None;
                    }
                    Some(b) => {
                        b.push_str(line);
                        b.push('\n');
                    }
                    None => {}
                }
            }
        }
        assert!(n >= 1, "no toml example found");
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(Config::from_toml("colour = 1").is_err());
        assert!(Config::from_toml("[whitespace]\nnope = 1").is_err());
        assert!(Config::from_toml("[nopass]\nx = 1").is_err());
        let c = Config::from_toml("[whitespace]\nmax_blank_lines = 1\n[boilerplate]\n").unwrap();
        assert_eq!(c.passes.whitespace.max_blank_lines, 1);
    }

    #[test]
    fn apply_levels_parse() {
        for (t, want) in [("apply = \"safe\"", Confidence::Safe), ("apply = \"review\"", Confidence::Review), ("apply = \"suggest\"", Confidence::Suggest), ("", Confidence::Review)] {
            assert_eq!(Config::from_toml(t).unwrap().min_confidence(), want, "{t}");
        }
        assert!(Config::from_toml("apply = \"all\"").is_err());
        assert_eq!(Config::from_toml("apply = \"suggest\"\nonly_safe = true").unwrap().min_confidence(), Confidence::Safe);
    }
}
