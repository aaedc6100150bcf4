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
//! implements [`Pass`]. A pass sees the output of the passes before it and
//! returns edits against that text; the pipeline composes them into edits
//! against the original.

use crate::config::Config;
use crate::edit::Edit;
use crate::error::Result;
use crate::rules::Rule;

pub mod boilerplate;
pub mod clause_case;
pub mod encoding;
pub mod glued_words;
pub mod language;
pub mod markup;
pub mod numbers;
pub mod punctuation;
pub mod quotes;
pub(crate) mod scan;
pub mod sentence_case;
pub mod whitespace;

/// Per-document state a pass may read and fill while it runs.
#[derive(Debug, Default)]
pub struct Context {
    /// Extracted article metadata (date, source, editor, ...), `report.metadata`.
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Language statistics of the document, `report.language`.
    pub language: Option<serde_json::Value>,
    /// Sentences removed by `--cjk extract`, one JSON object each.
    pub extracted: Vec<serde_json::Value>,
    /// Warnings for the user (printed on stderr, kept in the report).
    pub warnings: Vec<String>,
    /// Which round of the pipeline this is (0 = first).
    pub round: usize,
}

/// A repair pass: looks at text, proposes edits. As small as harper's `Linter`.
pub trait Pass: Send + Sync {
    /// The module name, e.g. `"whitespace"`.
    fn name(&self) -> &'static str;
    /// Propose edits against `text`. Edits may overlap; the pipeline skips
    /// (and reports) any that overlap one it already took.
    fn run(&self, text: &str, cx: &mut Context) -> Vec<Edit>;
}

/// Rule tables of all passes, in pipeline order.
pub(crate) const RULE_TABLES: &[&[&Rule]] = &[
    crate::decode::RULES,
    encoding::RULES,
    markup::RULES,
    whitespace::RULES,
    boilerplate::RULES,
    numbers::RULES,
    language::RULES,
    punctuation::RULES,
    quotes::RULES,
    glued_words::RULES,
    clause_case::RULES,
    sentence_case::RULES,
];

/// Build every pass for `config`, in pipeline order (regexes and rule data
/// are compiled here, once).
pub(crate) fn build(config: &Config) -> Result<Vec<Box<dyn Pass>>> {
    Ok(vec![
        Box::new(encoding::Encoding::new(config)?),
        Box::new(markup::Markup::new(config)?),
        Box::new(whitespace::Whitespace::new(config)?),
        Box::new(boilerplate::Boilerplate::new(config)?),
        Box::new(numbers::Numbers::new(config)?),
        Box::new(language::Language::new(config)?),
        Box::new(punctuation::Punctuation::new(config)?),
        Box::new(quotes::Quotes::new(config)?),
        Box::new(glued_words::GluedWords::new(config)?),
        Box::new(clause_case::ClauseCase::new(config)?),
        Box::new(sentence_case::SentenceCase::new(config)?),
    ])
}

/// Test helpers shared by the pass modules (harper's `assert_suggestion_result`).
#[cfg(test)]
pub(crate) mod testing {
    use crate::config::Config;
    use crate::Cleaner;

    /// Clean `input` with only `codes` selected and compare.
    pub fn assert_fixes_with(codes: &[&str], input: &str, expected: &str) {
        let cfg = Config { select: codes.iter().map(|s| s.to_string()).collect(), ..Config::default() };
        let out = Cleaner::new(cfg).expect("config").clean(input);
        assert_eq!(out.text, expected, "input: {input:?}\nedits: {:#?}", out.report.edits);
    }

    /// Clean `input` with the default configuration and compare.
    pub fn assert_fixes(input: &str, expected: &str) {
        let out = Cleaner::new(Config::default()).expect("config").clean(input);
        assert_eq!(out.text, expected, "input: {input:?}\nedits: {:#?}", out.report.edits);
    }

    /// The default pipeline leaves `input` unchanged.
    pub fn assert_no_edits(input: &str) {
        assert_fixes(input, input);
    }

    /// Number of report edits carrying `code` when cleaning `input` by default.
    pub fn edit_count(input: &str, code: &str) -> usize {
        let out = Cleaner::new(Config::default()).expect("config").clean(input);
        out.report.edits.iter().filter(|e| e.codes.iter().any(|c| c == code)).count()
    }
}
