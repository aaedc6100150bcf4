//! Paragraph starts in lowercase (family C2xx): machine translation of a
//! Chinese paragraph that began with a date or a clause often yields
//! `approved by the National Bureau of statistics data show that …`.
//!
//! Only the first word of a paragraph is looked at (a line after a blank line
//! or at the start of the document), and only when the line is English prose.

use crate::edit::{
    Confidence::{Review, Safe},
    Edit,
};
use crate::error::Result;
use crate::text::lexicon::{self, Lexicon};
use crate::text::script::is_han;
use crate::passes::kit::{Context, Pass, Setup};

crate::declare_rules! { pass = "sentence_case";
    /// ## What it fixes
    /// An English prose paragraph that starts with a lowercase word gets a
    /// capital.
    ///
    /// ## Example
    /// ```text
    /// The economy grew.
    ///
    /// according to the Bureau of the relevant person in charge, production grew steadily this year.
    /// ```
    /// Becomes:
    /// ```text
    /// The economy grew.
    ///
    /// According to the Bureau of the relevant person in charge, production grew steadily this year.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// iPhone sales in the province rose by a fifth in the first quarter of the year.
    /// simdjson parses the statistics bureau's files faster than any other library, they say.
    /// www.example.gov.cn publishes the full text of the report and its annexes.
    /// e.g. the province and the city both reported growth in the first quarter.
    /// ```
    ///
    /// Off by default (select it with `--select C201`): a fragment cleaned on
    /// its own (one sentence cut from an article) legitimately starts in
    /// lowercase.
    ///
    /// ## Why safe
    /// An English paragraph never starts in lowercase. Words with inner
    /// capitals (`iPhone`), followed by `.`/`:`/`/`/`@` (`e.g.`, URLs,
    /// handles), first words that are neither common English words nor
    /// inflected (`pyenv`, `simdjson`), and short lines (titles, labels,
    /// list items) are left alone. When the paragraph before does not end a sentence, the blank
    /// line may split one sentence, and the edit is `review`.
    C201 = ("paragraph-start-lowercase", Safe, false, "capital at the start of a lowercase paragraph");
}

const R_START: &str = "capital at the start of a lowercase paragraph";
const R_START_REVIEW: &str = "capital at the start of a lowercase paragraph (review: the paragraph before does not end a sentence)";

/// Words a prose line must have.
const MIN_WORDS: usize = 8;

/// Options of the sentence_case pass (`[sentence_case]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The sentence_case pass.
pub struct SentenceCase {
    /// Common English words (`rules/common_words.txt`): a paragraph may be
    /// capitalized only when its first word is one of them or has a common
    /// English ending, so lowercase product names (`pyenv`) stay.
    /// (`rules/word_endings.txt` lists the endings.)
    lex: &'static Lexicon,
}

impl SentenceCase {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        Ok(SentenceCase { lex: lexicon::lexicon()? })
    }

    fn english_word(&self, w: &str) -> bool {
        self.lex.is_common(w) || (w.len() >= 5 && self.lex.word_endings.iter().any(|e| w.ends_with(e.as_str())))
    }
}

impl Pass for SentenceCase {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        // The last non-blank line before the current paragraph: did it end a sentence?
        let mut prev_ends_sentence = true;
        let mut prev_blank = true;
        let mut pos = 0;
        while pos < b.len() {
            let end = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k);
            let line = &text[pos..end];
            let blank = line.trim().is_empty();
            if !blank {
                if prev_blank && b[pos].is_ascii_lowercase() {
                    if let Some(e) = start_edit(line, pos, prev_ends_sentence).filter(|_| {
                        let w = line.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
                        self.english_word(w)
                    }) {
                        edits.push(e);
                    }
                }
                prev_ends_sentence = ends_sentence(line);
            }
            prev_blank = blank;
            pos = end + 1;
        }
        edits
    }
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{3002}', '\u{ff01}', '\u{ff1f}', ')'])
}

/// The capitalizing edit for a lowercase paragraph start at `pos`, if safe.
fn start_edit(line: &str, pos: usize, prev_ends_sentence: bool) -> Option<Edit> {
    let b = line.as_bytes();
    let word_len = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if word_len == 0 || !b[..word_len].iter().all(u8::is_ascii_lowercase) {
        return None; // iPhone, eBay
    }
    if matches!(b.get(word_len), Some(b'.' | b':' | b'/' | b'@' | b'_' | b'-' | b'\'' | b'(') | Some(b'0'..=b'9')) {
        return None; // e.g., www.…, handles, identifiers
    }
    // Tables and code: tabs, identifiers, braces, assignments.
    if line.contains(['\t', '_', '{', '}', '=', '<', '>']) || line.contains("::") {
        return None;
    }
    let words = line.split_ascii_whitespace().count();
    if words < MIN_WORDS || !line.contains([',', '.', ';']) || !line.is_ascii() && line.chars().any(is_han) {
        return None;
    }
    let upper = (b[0].to_ascii_uppercase() as char).to_string();
    Some(if prev_ends_sentence {
        Edit::replacement(pos..pos + 1, upper, C201, Safe, R_START)
    } else {
        Edit::replacement(pos..pos + 1, upper, C201, Review, R_START_REVIEW)
    })
}


#[cfg(test)]
mod tests {
    use crate::passes::kit::testing::assert_fixes_with;

    fn assert_fixes(input: &str, expected: &str) {
        assert_fixes_with(&["C201"], input, expected);
    }

    fn assert_no_edits(input: &str) {
        assert_fixes_with(&["C201"], input, input);
    }

    #[test]
    fn capitalizes_lowercase_paragraph_from_real_release() {
        // realworld/008 (52shlf.net).
        assert_fixes(
            "A quarter of steady growth.\n\napproved by the National Bureau of statistics data show that in the first quarter, the province grew.\n",
            "A quarter of steady growth.\n\nApproved by the National Bureau of statistics data show that in the first quarter, the province grew.\n",
        );
    }

    #[test]
    fn keeps_continuation_lines_and_short_lines() {
        assert_no_edits("The report said that the province\nand the city grew in the first quarter of the year, officials said.\n");
        assert_no_edits("Title\n\nmore news\n");
    }

    #[test]
    fn review_when_previous_paragraph_is_unfinished() {
        let out = crate::Cleaner::new(crate::Config::default().with_select(["C201"]).with_only_safe(true))
            .unwrap()
            .clean("The overall stable structure of the economy in the first\n\napril saw the province hold a press conference on the economy, officials said.\n");
        assert!(out.text.contains("\napril saw"), "{}", out.text);
    }
}
