//! The encoding pass (family E). Not implemented yet: declares no rules and
//! proposes no edits.

use crate::config::Config;
use crate::edit::Edit;
use crate::error::Result;
use crate::passes::{Context, Pass};

crate::declare_rules! { pass = "encoding"; }

/// Options of the encoding pass (`[encoding]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The encoding pass.
pub struct Encoding {}

impl Encoding {
    /// Build the pass for `config`.
    pub fn new(_config: &Config) -> Result<Self> {
        Ok(Encoding {})
    }
}

impl Pass for Encoding {
    fn name(&self) -> &'static str {
        "encoding"
    }

    fn run(&self, _text: &str, _cx: &mut Context) -> Vec<Edit> {
        Vec::new()
    }
}
