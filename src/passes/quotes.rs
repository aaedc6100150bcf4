//! The quotes pass (family P). Not implemented yet: declares no rules and
//! proposes no edits.

use crate::config::Config;
use crate::edit::Edit;
use crate::error::Result;
use crate::passes::{Context, Pass};

crate::declare_rules! { pass = "quotes"; }

/// Options of the quotes pass (`[quotes]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The quotes pass.
pub struct Quotes {}

impl Quotes {
    /// Build the pass for `config`.
    pub fn new(_config: &Config) -> Result<Self> {
        Ok(Quotes {})
    }
}

impl Pass for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn run(&self, _text: &str, _cx: &mut Context) -> Vec<Edit> {
        Vec::new()
    }
}
