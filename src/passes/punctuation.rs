//! The punctuation pass (family P). Not implemented yet: declares no rules and
//! proposes no edits.

use crate::config::Config;
use crate::edit::Edit;
use crate::error::Result;
use crate::passes::{Context, Pass};

crate::declare_rules! { pass = "punctuation"; }

/// Options of the punctuation pass (`[punctuation]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The punctuation pass.
pub struct Punctuation {}

impl Punctuation {
    /// Build the pass for `config`.
    pub fn new(_config: &Config) -> Result<Self> {
        Ok(Punctuation {})
    }
}

impl Pass for Punctuation {
    fn name(&self) -> &'static str {
        "punctuation"
    }

    fn run(&self, _text: &str, _cx: &mut Context) -> Vec<Edit> {
        Vec::new()
    }
}
