//! The clause_case pass (family C). Not implemented yet: declares no rules and
//! proposes no edits.

use crate::config::Config;
use crate::edit::Edit;
use crate::error::Result;
use crate::passes::{Context, Pass};

crate::declare_rules! { pass = "clause_case"; }

/// Options of the clause_case pass (`[clause_case]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The clause_case pass.
pub struct ClauseCase {}

impl ClauseCase {
    /// Build the pass for `config`.
    pub fn new(_config: &Config) -> Result<Self> {
        Ok(ClauseCase {})
    }
}

impl Pass for ClauseCase {
    fn name(&self) -> &'static str {
        "clause_case"
    }

    fn run(&self, _text: &str, _cx: &mut Context) -> Vec<Edit> {
        Vec::new()
    }
}
