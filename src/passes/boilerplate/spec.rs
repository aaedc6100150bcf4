//! The rule file format of the boilerplate pass (`rules/boilerplate.toml`).

use crate::edit::Confidence;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Where in a document a furniture line must sit for a rule to remove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// Before the first paragraph of prose.
    Header,
    /// After the last paragraph of prose.
    Footer,
    /// Header or footer.
    Edges,
    /// Anywhere, body included.
    #[default]
    Anywhere,
}

impl Zone {
    /// Does a rule of this zone apply to a line in `at`?
    pub fn admits(self, at: Zone) -> bool {
        match self {
            Zone::Anywhere => true,
            Zone::Edges => matches!(at, Zone::Header | Zone::Footer),
            z => z == at,
        }
    }

    /// `"header"`, `"footer"`, `"edges"` or `"anywhere"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Header => "header",
            Zone::Footer => "footer",
            Zone::Edges => "edges",
            Zone::Anywhere => "anywhere",
        }
    }
}

/// How a rule recognises a furniture line (see the head of
/// `rules/boilerplate.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `pattern` (a regex) matches the trimmed line.
    #[default]
    Pattern,
    /// The trimmed line equals one of `words`.
    Exact,
    /// A "Label: value" metadata line; `words` are the labels.
    Labels,
    /// A breadcrumb opened by one of `words` and a colon.
    Location,
    /// A breadcrumb by shape (segments joined by `>`); `words` are home names.
    Path,
    /// Menu items joined by a spaced `|`.
    Navbar,
    /// A date-only line; `words` may stand beside the date.
    Date,
    /// An image file name; `words` are the extensions.
    Image,
    /// A section label alone on its line.
    Section,
    /// Only page actions (`words`) and punctuation.
    Actions,
    /// `pattern` matches at the start of the first line; only the match goes.
    Prefix,
}

/// One `[[rule]]` of a boilerplate rules file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The B rule code it reports under (must be a declared B rule).
    pub code: String,
    /// How the line is recognised.
    #[serde(default)]
    pub kind: Kind,
    /// Where the line must sit.
    #[serde(default)]
    pub zone: Zone,
    /// The metadata field its value goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Word list (labels, home names, extensions, … depending on `kind`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// Literals (case-insensitive), one of which must occur before `pattern` is tried.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
    /// The regex of `pattern` and `prefix` rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Confidence of its edits (default safe).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Learned rules: in how many documents the line was seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// Lines it must remove.
    #[serde(default, rename = "match", skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<String>,
    /// Lines it must not remove.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_match: Vec<String>,
}

/// A rules file: a list of `[[rule]]` tables.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// The rules, in file order.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

impl RulesFile {
    /// Parse a rules file; `name` names it in errors.
    pub fn parse(name: &str, text: &str) -> Result<Self> {
        toml::from_str(text).map_err(|e| Error::Rules { name: name.to_string(), message: crate::error::toml_error(text, &e) })
    }

    /// Render as TOML (the format [`RulesFile::parse`] reads).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}
