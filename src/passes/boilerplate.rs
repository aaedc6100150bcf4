//! The boilerplate pass (family B). Not implemented yet: declares no rules and
//! proposes no edits.

use crate::config::Config;
use crate::edit::Edit;
use crate::error::Result;
use crate::passes::{Context, Pass};

crate::declare_rules! { pass = "boilerplate"; }

/// Options of the boilerplate pass (`[boilerplate]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The boilerplate pass.
pub struct Boilerplate {}

impl Boilerplate {
    /// Build the pass for `config`.
    pub fn new(_config: &Config) -> Result<Self> {
        Ok(Boilerplate {})
    }
}

impl Pass for Boilerplate {
    fn name(&self) -> &'static str {
        "boilerplate"
    }

    fn run(&self, _text: &str, _cx: &mut Context) -> Vec<Edit> {
        Vec::new()
    }
}
