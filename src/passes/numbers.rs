//! The numbers pass (family N). Not implemented yet: declares no rules and
//! proposes no edits.

use crate::config::Config;
use crate::edit::Edit;
use crate::error::Result;
use crate::passes::{Context, Pass};

crate::declare_rules! { pass = "numbers"; }

/// Options of the numbers pass (`[numbers]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The numbers pass.
pub struct Numbers {}

impl Numbers {
    /// Build the pass for `config`.
    pub fn new(_config: &Config) -> Result<Self> {
        Ok(Numbers {})
    }
}

impl Pass for Numbers {
    fn name(&self) -> &'static str {
        "numbers"
    }

    fn run(&self, _text: &str, _cx: &mut Context) -> Vec<Edit> {
        Vec::new()
    }
}
