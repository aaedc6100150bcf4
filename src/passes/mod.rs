//! The passes, in the fixed order the pipeline runs them.
//!
//! | order | module | family | what it does |
//! |---|---|---|---|
//! | 1 | [`encoding`] | E | mojibake and decoding damage |
//! | 2 | [`markup`] | M | HTML entities, leftover tags, markdown remnants |
//! | 3 | [`whitespace`] | W | exotic spaces, indentation, blank lines, normalization |
//! | 4 | [`boilerplate`] | B | site furniture, metadata extraction |
//! | 5 | [`numbers`] | N | numbers broken by the 万/亿 conversion |
//! | 6 | [`language`] | L | untranslated Chinese, English/Chinese boundaries |
//! | 7 | [`punctuation`] | P | CJK punctuation in English, glued punctuation |
//! | 8 | [`quotes`] | P | quotes glued to words |
//! | 9 | [`glued_words`] | P | words glued across HTML spans (`yearJune`) |
//! | 10 | [`clause_case`] | C | capitals after a comma or semicolon |
//! | 11 | [`sentence_case`] | C | lowercase paragraph starts |
//!
//! Each pass is one module that declares its rules with `declare_rules!` and
//! implements [`Pass`]; it is built from its own `Options` and the shared
//! [`Setup`]. A pass sees the output of the passes before it and returns
//! edits against that text; the pipeline composes them into edits against
//! the original.
//!
//! Adding a pass: write `src/passes/NAME.rs` (rules with `declare_rules!
//! { pass = "NAME"; … }`, a `pub struct Options`, a type with
//! `fn new(&Options, &Setup) -> Result<Self>` implementing [`Pass`], tests at
//! the bottom) and add one row `NAME => Type` to the registry below.

pub mod kit;

pub use kit::{CjkPolicy, Context, Normalize, Pass, Setup};

use crate::error::Result;
use crate::rules::Rule;

/// The registry: one row per pass, in run order. A row names the pass (its
/// `[table]` in rinse.toml and its `declare_rules!` name), its module and the
/// type that implements [`Pass`]. The macro derives from it the options of
/// every pass ([`PassOptions`]), the rule tables and the constructor, so
/// adding a pass is one file plus one row.
macro_rules! registry {
    ($( $(#[doc = $doc:literal])* $name:ident => $ty:ident ),* $(,)?) => {
        $( pub mod $name; )*

        /// Options of every pass: one field per pass, the `[name]` tables of
        /// rinse.toml.
        #[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
        #[serde(default)]
        #[non_exhaustive]
        pub struct PassOptions {
            $( $(#[doc = $doc])* pub $name: $name::Options, )*
        }

        /// Pass names, in run order.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Rule tables of all passes, in pipeline order (decoding first).
        pub(crate) const RULE_TABLES: &[&[&Rule]] = &[crate::decode::RULES, $($name::RULES),*];

        /// Build every pass whose rules may run, in pipeline order (regexes
        /// and rule data are compiled here, once). A pass none of whose rules
        /// is enabled is not built.
        pub fn build(options: &PassOptions, setup: &Setup) -> Result<Vec<Registered>> {
            let mut out = Vec::new();
            $(
                if $name::RULES.iter().any(|r| setup.is_enabled_str(r.code)) {
                    out.push(Registered {
                        name: stringify!($name),
                        pass: Box::new($name::$ty::new(&options.$name, setup)?),
                    });
                }
            )*
            Ok(out)
        }
    };
}

registry! {
    /// `[encoding]`: mojibake and decoding damage (E).
    encoding => Encoding,
    /// `[markup]`: HTML entities, leftover tags, markdown remnants (M).
    markup => Markup,
    /// `[whitespace]`: exotic spaces, indentation, blank lines, normalization (W).
    whitespace => Whitespace,
    /// `[boilerplate]`: site furniture, metadata extraction (B).
    boilerplate => Boilerplate,
    /// `[numbers]`: numbers broken by the 万/亿 conversion (N).
    numbers => Numbers,
    /// `[language]`: untranslated Chinese, English/Chinese boundaries (L).
    language => Language,
    /// `[punctuation]`: CJK punctuation in English, glued punctuation (P).
    punctuation => Punctuation,
    /// `[quotes]`: quotes glued to words (P2).
    quotes => Quotes,
    /// `[glued_words]`: words glued across HTML spans (P3).
    glued_words => GluedWords,
    /// `[clause_case]`: capitals after a comma or semicolon (C1).
    clause_case => ClauseCase,
    /// `[sentence_case]`: lowercase paragraph starts (C2).
    sentence_case => SentenceCase,
}

/// A built pass with its registry name.
pub struct Registered {
    /// The registry name, e.g. `"punctuation"`.
    pub name: &'static str,
    /// The pass.
    pub pass: Box<dyn Pass>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_match_the_rule_tables() {
        for (name, table) in NAMES.iter().zip(&RULE_TABLES[1..]) {
            assert!(!table.is_empty(), "{name} declares no rule");
            for r in *table {
                assert_eq!(r.pass, *name, "rule {} is declared under another pass name", r.code);
            }
        }
    }

    /// Passes are leaves: a file under src/passes imports `edit`, `rules`,
    /// `text`, `error` and the kit, never the configuration or another pass.
    #[test]
    fn passes_import_no_config_and_no_other_pass() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/passes");
        let mut files = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("src/passes") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        assert!(files.len() >= 12, "found {} pass files", files.len());
        let mut bad = Vec::new();
        for f in &files {
            let rel = f.strip_prefix(&root).expect("under src/passes");
            if rel.ends_with("tests.rs") {
                continue; // whole-pipeline tests of a pass
            }
            let own = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("").trim_end_matches(".rs").to_string();
            let src = std::fs::read_to_string(f).expect("read");
            // The pass's code: its tests (whole-pipeline fixtures) may build a Cleaner.
            let code = src.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                for bad_path in ["crate::config", "crate::Config", "crate::cli", "crate::learn", "crate::pipeline"] {
                    if line.contains(bad_path) && !line.trim_start().starts_with("//") && rel != std::path::Path::new("kit.rs") && rel != std::path::Path::new("mod.rs") {
                        bad.push(format!("{}:{}: {}", rel.display(), n + 1, line.trim()));
                    }
                }
                if let Some(at) = line.find("crate::passes::") {
                    let rest = &line[at + "crate::passes::".len()..];
                    let target: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if target != "kit" && target != own && !(own == "mod" && NAMES.contains(&target.as_str())) {
                        bad.push(format!("{}:{}: {}", rel.display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(bad.is_empty(), "passes must be leaves:\n{}", bad.join("\n"));
    }
}
