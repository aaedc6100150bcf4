//! The rule registry: one table of every rule code, its pass and its docs.
//!
//! Each pass module declares its rules with [`declare_rules!`](crate::declare_rules), so the `///`
//! doc comment of a rule is both its rustdoc and the text `rinse explain CODE`
//! prints (one source, as ruff's `ViolationMetadata` derive does).

use crate::edit::Confidence;
use serde::Serialize;

/// Static description of one rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    /// The code, e.g. `"P101"`: family letter + number.
    pub code: &'static str,
    /// kebab-case name, e.g. `"fullwidth-comma-in-english"`.
    pub name: &'static str,
    /// The pass (module) that implements the rule.
    pub pass: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// The confidence its edits usually carry.
    pub confidence: Confidence,
    /// Whether the rule runs without being selected explicitly.
    pub default_enabled: bool,
    /// The rule's full doc comment (markdown).
    #[serde(skip)]
    pub doc: &'static str,
}

impl Rule {
    /// The doc comment with the one leading space of each `///` line removed.
    pub fn explanation(&self) -> String {
        let mut s = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            s.push_str(line.strip_prefix(' ').unwrap_or(line));
            s.push('\n');
        }
        s
    }

    /// `(before, after)` pairs from the doc's `## Example` blocks: a
    /// ```` ```text ```` block followed by "Becomes:" and another block.
    /// A lone block under `## Keeps` is returned with `before == after`.
    pub fn examples(&self) -> Vec<(String, String)> {
        let text = self.explanation();
        let mut blocks: Vec<(String, String)> = Vec::new(); // (heading, body)
        let mut heading = String::new();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if let Some(h) = line.strip_prefix("## ") {
                heading = h.trim().to_string();
            } else if line.trim() == "Becomes:" {
                heading.push_str("/becomes");
            } else if line.starts_with("```") {
                let mut body = String::new();
                for l in lines.by_ref() {
                    if l.starts_with("```") {
                        break;
                    }
                    if !body.is_empty() {
                        body.push('\n');
                    }
                    body.push_str(l);
                }
                blocks.push((heading.clone(), body));
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < blocks.len() {
            let (h, b) = &blocks[i];
            if h.starts_with("Example") && !h.ends_with("/becomes") {
                if let Some((h2, b2)) = blocks.get(i + 1) {
                    if h2.ends_with("/becomes") {
                        out.push((b.clone(), b2.clone()));
                        i += 2;
                        continue;
                    }
                }
            } else if h.starts_with("Keeps") {
                for l in b.lines() {
                    out.push((l.to_string(), l.to_string()));
                }
            }
            i += 1;
        }
        out
    }
}

/// A typed rule code: what an [`Edit`](crate::Edit) carries. Each rule a pass
/// declares is a `pub const` of this type (`punctuation::P101`), so a
/// mistyped code is a compile error, not an edit the pipeline drops.
///
/// Compares, orders and prints as its code string (`"P101"`).
#[derive(Clone, Copy)]
pub struct Code(pub &'static Rule);

impl Code {
    /// The rule this code names.
    pub const fn rule(self) -> &'static Rule {
        self.0
    }

    /// The code string, e.g. `"P101"`.
    pub const fn as_str(self) -> &'static str {
        self.0.code
    }
}

impl std::ops::Deref for Code {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        self.0
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.0.code == other.0.code
    }
}
impl Eq for Code {}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.code.cmp(other.0.code)
    }
}
impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.code.hash(state);
    }
}
impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.code)
    }
}
impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.0.code)
    }
}
impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.code)
    }
}
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0.code == other
    }
}
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0.code == *other
    }
}

/// Declare a pass's rules: each becomes a `pub const CODE: Code` carrying its
/// doc comment, and `RULES` lists them in order.
///
/// ```ignore
/// declare_rules! { pass = "whitespace";
///     /// ## What it fixes
///     /// ...
///     W101 = ("exotic-space", Safe, true, "NBSP and other exotic spaces become a space");
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! declare_rules {
    (pass = $pass:literal; $( $(#[doc = $doc:literal])* $code:ident = ($name:literal, $conf:ident, $on:literal, $summary:literal); )* ) => {
        $(
            $(#[doc = $doc])*
            pub const $code: $crate::rules::Code = $crate::rules::Code(&$crate::rules::Rule {
                code: stringify!($code),
                name: $name,
                pass: $pass,
                summary: $summary,
                confidence: $crate::edit::Confidence::$conf,
                default_enabled: $on,
                doc: concat!($($doc, "\n"),*),
            });
        )*
        /// Every rule this pass declares, in code order.
        pub const RULES: &[&$crate::rules::Rule] = &[$($code.rule()),*];
    };
}

/// Every rule of every pass, in pipeline order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    crate::passes::RULE_TABLES.iter().flat_map(|t| t.iter().copied())
}

/// Look a rule up by its code (case-insensitive).
pub fn get(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Does `pattern` (a code or a code prefix like `P` or `P1`) name any rule?
pub fn matches_any(pattern: &str) -> bool {
    all().any(|r| prefix_matches(pattern, r.code))
}

pub(crate) fn prefix_matches(pattern: &str, code: &str) -> bool {
    pattern.eq_ignore_ascii_case("ALL")
        || (code.len() >= pattern.len() && code[..pattern.len()].eq_ignore_ascii_case(pattern))
}
