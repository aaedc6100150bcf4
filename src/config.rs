//! Configuration: which rules run, how sure they must be, pass options.
//!
//! Built in code ([`Config::default`], struct update syntax) or read from a
//! `rinse.toml` with [`Config::from_toml`]. Unknown keys are errors.
//!
//! ```toml
//! select = ["W", "M", "P1"]     # codes or prefixes; empty = every default rule
//! ignore = ["C101"]
//! only_safe = false             # true: apply only `safe` edits
//! normalize = "nfc"             # nfc | nfkc | none
//! keep_crlf = false
//!
//! [whitespace]
//! max_blank_lines = 1
//! ```

use crate::error::{Error, Result};
use crate::passes;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Unicode normalization applied by the whitespace pass (rule W111).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Normalize {
    /// Canonical composition (default): changes no visible character.
    #[default]
    Nfc,
    /// Compatibility composition: full-width Latin letters and digits become
    /// ASCII; CJK full-width punctuation is left to the punctuation pass.
    Nfkc,
    /// No normalization.
    None,
}

/// What to do with untranslated Chinese text (the language pass).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CjkPolicy {
    /// Chinese text stays, punctuated as Chinese (default).
    #[default]
    Keep,
    /// Untranslated sentences are removed (each removal is in the report).
    Drop,
    /// Untranslated sentences are wrapped in markers (`[zh]…[/zh]`).
    Mark,
    /// Like drop, and the removed sentences are collected for translation.
    Extract,
}

/// Everything that shapes a [`crate::Cleaner`].
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Config {
    /// Rule codes or prefixes to run (empty: every rule enabled by default).
    /// Selecting a rule explicitly also enables rules that are off by default.
    pub select: Vec<String>,
    /// Rule codes or prefixes never to run.
    pub ignore: Vec<String>,
    /// Apply only edits whose confidence is `safe`.
    pub only_safe: bool,
    /// Unicode normalization.
    pub normalize: Normalize,
    /// Keep CRLF line endings instead of converting them to LF.
    pub keep_crlf: bool,
    /// Policy for untranslated Chinese.
    pub cjk: CjkPolicy,
    /// Options of the whitespace pass.
    pub whitespace: passes::whitespace::Options,
    /// Options of the markup pass.
    pub markup: passes::markup::Options,
    /// Options of the encoding pass.
    pub encoding: passes::encoding::Options,
    /// Options of the boilerplate pass.
    pub boilerplate: passes::boilerplate::Options,
    /// Options of the numbers pass.
    pub numbers: passes::numbers::Options,
    /// Options of the language pass.
    pub language: passes::language::Options,
    /// Options of the punctuation pass.
    pub punctuation: passes::punctuation::Options,
    /// Options of the quotes pass.
    pub quotes: passes::quotes::Options,
    /// Options of the glued-words pass.
    pub glued_words: passes::glued_words::Options,
    /// Options of the clause-case pass.
    pub clause_case: passes::clause_case::Options,
    /// Options of the sentence-case pass.
    pub sentence_case: passes::sentence_case::Options,
}

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

    /// Builder: apply only `safe` edits.
    pub fn with_only_safe(mut self, yes: bool) -> Self {
        self.only_safe = yes;
        self
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
        let cfg: Config = toml::from_str(text).map_err(|e| Error::Config { path: None, message: e.to_string() })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Read and parse a `rinse.toml` file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        let cfg: Config = toml::from_str(&text)
            .map_err(|e| Error::Config { path: Some(path.to_owned()), message: e.to_string() })?;
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
