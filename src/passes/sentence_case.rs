//! Paragraph and sentence starts in lowercase (family C2xx): machine translation of a
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
    /// ## What it fixes
    /// A sentence inside an English paragraph that starts with a lowercase
    /// function word after a full stop (`the company. the company deputy
    /// general manager`), as machine translation leaves when it joins
    /// segments, gets a capital.
    ///
    /// ## Example
    /// ```text
    /// He thanked the staff for their work on the development of the company. the company deputy general manager spoke next.
    /// ```
    /// Becomes:
    /// ```text
    /// He thanked the staff for their work on the development of the company. The company deputy general manager spoke next.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The tests ran on many machines and drives, e.g. the ones in the lab, approx. the same as before, etc. the rest.
    /// He met them in room no. 5 and at 5 p.m. the staff of the lab had gone home for the day.
    /// ```
    ///
    /// ## Why review
    /// The word before the full stop is a dictionary word, not an
    /// abbreviation from `rules/abbreviations.txt`, and the word after it a
    /// closed-class word; still, an unlisted abbreviation would end in a
    /// full stop too.
    C202 = ("sentence-start-lowercase", Review, true, "capital at the start of a lowercase sentence after a full stop");
    /// ## What it fixes
    /// A month name written in lowercase before a day or a year gets its
    /// capital: `On april 6` → `On April 6`, `between october 2013`.
    ///
    /// ## Example
    /// ```text
    /// On april 6, nine students left, and between october 2013 and february 12-27, 2017 they met.
    /// ```
    /// Becomes:
    /// ```text
    /// On April 6, nine students left, and between October 2013 and February 12-27, 2017 they met.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// They may 5 times a year march 10 km; see april.6 and the_june 5 file, or augusta 2013 and Junes 5.
    /// ```
    ///
    /// ## Why review
    /// `may` and `march` are common words and never taken; the others are
    /// months only, and a day (one or two digits, then no digit or letter
    /// but an ordinal ending) or a year (four digits from 1900) must follow
    /// after one space. Text written all in lowercase on purpose would still
    /// be changed.
    C203 = ("lowercase-month", Review, true, "month name capitalized before a day or year");
}

const R_MONTH: &str = "month name capitalized before a day or year";

/// Month names that are no other English word, lower case.
const MONTHS: [&str; 10] = ["january", "february", "april", "june", "july", "august", "september", "october", "november", "december"];

/// C203 on `text`: a lowercase month name before a day or a year.
fn lowercase_months(text: &str, edits: &mut Vec<Edit>) {
    let b = text.as_bytes();
    // Candidates are the digits after a space (found a block at a time);
    // the word before the space must be a month.
    let mut i = 0;
    while i < b.len() {
        let d0 = crate::text::scan::find_byte(b, i, |x| x.wrapping_sub(b'0') < 10);
        if d0 >= b.len() {
            break;
        }
        let d = b[d0..].iter().take_while(|c| c.is_ascii_digit()).count();
        i = d0 + d;
        if d0 < 2 || b[d0 - 1] != b' ' {
            continue;
        }
        let e = d0 - 1;
        let s = e - b[..e].iter().rev().take(10).take_while(|c| c.is_ascii_lowercase()).count();
        if !MONTHS.iter().any(|m| m.as_bytes() == &b[s..e]) {
            continue;
        }
        if s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'_' | b'.' | b'/' | b'-' | b'@')) {
            continue;
        }
        let rest = &b[d0 + d..];
        let end_ok = |r: &[u8]| r.first().is_none_or(|c| !c.is_ascii_alphanumeric());
        let ordinal = |r: &[u8]| [&b"st"[..], b"nd", b"rd", b"th"].iter().any(|o| r.starts_with(o) && end_ok(&r[2..]));
        let day = (1..=2).contains(&d) && (end_ok(rest) || ordinal(rest));
        let year = d == 4 && matches!(&b[d0..d0 + 2], b"19" | b"20") && end_ok(rest);
        if day || year {
            edits.push(Edit::replacement(s..s + 1, text[s..s + 1].to_ascii_uppercase(), C203, Review, R_MONTH));
        }
    }
}

const R_SENTENCE: &str = "capital at the start of a lowercase sentence after a full stop";

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
                if line.len() >= 40 {
                    self.sentence_starts(line, pos, &mut edits);
                }
                prev_ends_sentence = ends_sentence(line);
            }
            prev_blank = blank;
            pos = end + 1;
        }
        lowercase_months(text, &mut edits);
        edits.sort_by_key(|e| e.range.start);
        edits
    }
}

impl SentenceCase {
    /// C202: `word. the` inside an English prose line.
    fn sentence_starts(&self, line: &str, pos: usize, edits: &mut Vec<Edit>) {
        let b = line.as_bytes();
        let mut prose: Option<bool> = None;
        for dot in memchr::memmem::find_iter(b, ". ") {
            let mut j = dot + 2;
            if b.get(j) == Some(&b' ') {
                j += 1;
            }
            let wl = b[j..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if wl == 0 || b.get(j + wl) != Some(&b' ') {
                continue;
            }
            let next = &line[j..j + wl];
            if !self.lex.function.contains(next) {
                continue;
            }
            let pl = b[..dot].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
            let prev = &line[dot - pl..dot];
            let standalone = dot - pl == 0 || b[dot - pl - 1] == b' ';
            if pl < 3 || !standalone || !prev.bytes().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            if self.lex.abbreviations.contains(prev) || !self.lex.is_word(prev) {
                continue;
            }
            let is_prose = *prose.get_or_insert_with(|| {
                !line.contains(['\t', '_', '{', '}', '=', '<', '>'])
                    && line.split_ascii_whitespace().count() >= MIN_WORDS
                    && !line.chars().any(is_han)
            });
            if !is_prose {
                return;
            }
            let upper = (b[j].to_ascii_uppercase() as char).to_string();
            edits.push(Edit::replacement(pos + j..pos + j + 1, upper, C202, Review, R_SENTENCE));
        }
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
    use super::{Options, SentenceCase, C201};
    use crate::edit::Confidence;
    use crate::passes::kit::testing::{assert_fixes_with, assert_pass_fixes, assert_pass_keeps};
    use crate::passes::kit::{Context, Pass, Setup};

    /// The pass alone applies C201 although it is off by default: the
    /// pipeline, not the pass, filters rules by the selection.
    fn pass() -> SentenceCase {
        SentenceCase::new(&Options::default(), &Setup::default()).unwrap()
    }

    #[test]
    fn capitalizes_a_lowercase_month_before_a_day_or_year() {
        assert_pass_fixes(&pass(), "Word one two. On april 6, the team met in october 2013 and on june 1st.", "Word one two. On April 6, the team met in October 2013 and on June 1st.");
        for t in ["They may 5 times a year march 10 km.", "see april.6 and the_june 5 file", "augusta 2013 and Junes 5 and july 123 and july 5a and july 1850"] {
            assert_pass_keeps(&pass(), t);
        }
    }

    /// ../shared/realworld/008_province_q1_economy.txt, lines 3-5.
    const RELEASE: &str = "April 18th, the province held a quarter of the province’s economic operation press conference. It is reported that this year, continue to increase in the downtown pressure on the economy under the situation of our province, around the \"four comprehensive\" strategic layout, focus on the supply side structural reforms, a quarter of the province’s economy showed generally stable, steady progress, good posture and structure.\n\napproved by the National Bureau of statistics data show that in the first quarter, the province’s GDP 45 billion 651 million yuan, calculated at comparable prices, an increase of 8.3% over the same period last year. Sub industry, the first industrial added value of 1 billion 670 million yuan, an increase of 4.3%; the added value of the second industry of 19 billion 424 million yuan, an increase of 8.1%; the value added value of the third industry, an increase of 8.8%.\n";

    /// fixtures/pages/205_ningguoshizx_printing.txt, lines 3-5: the paragraph
    /// before does not end a sentence.
    const PRINTING: &str = "The group restructured its printing business to build a lithium carbonate project with an annual output of 20000 tons in Chaerhan Salt Lake, but did not announce the number of layoffs\n\nthe group under media tycoon Mei Shi announced in Australia that a major restructuring plan would merge the printing and electronic businesses, and therefore need layoffs. With the strong support of the state, the future business development should cooperate with the new electronic world, and the group reorganized 19 business units to 5 #65377; Group Chief Executive\n";

    #[test]
    fn capitalizes_lowercase_paragraph_from_real_release() {
        assert_pass_fixes(&pass(), RELEASE, &RELEASE.replacen("\n\napproved by", "\n\nApproved by", 1));
    }

    #[test]
    fn capitalizes_lowercase_paragraph_from_real_release_whole_pipeline() {
        // realworld/008 (52shlf.net), with C201 selected.
        assert_fixes_with(
            &["C201"],
            "A quarter of steady growth.\n\napproved by the National Bureau of statistics data show that in the first quarter, the province grew.\n",
            "A quarter of steady growth.\n\nApproved by the National Bureau of statistics data show that in the first quarter, the province grew.\n",
        );
    }

    #[test]
    fn keeps_real_lowercase_labels_and_identifiers() {
        // fixtures/pages/104_xianning_chebu_kinship.txt line 3, 215_chinadaily_expos.txt
        // line 3, 225_caixin_developers.txt line 14.
        assert_pass_keeps(&pass(), "source:咸宁日报 2007-01-19 [ font size:Large Medium Small]\n\nxi's moments\n\nloadingImg\n");
    }

    #[test]
    fn keeps_continuation_lines_and_short_lines() {
        assert_pass_keeps(&pass(), "The report said that the province\nand the city grew in the first quarter of the year, officials said.\n");
        assert_pass_keeps(&pass(), "Title\n\nmore news\n");
    }

    #[test]
    fn review_when_previous_paragraph_is_unfinished() {
        let edits = pass().run(PRINTING, &mut Context::default());
        assert_eq!(edits.len(), 1, "{edits:#?}");
        assert_eq!((edits[0].code, edits[0].confidence), (C201, Confidence::Review));
        assert_pass_fixes(&pass(), PRINTING, &PRINTING.replacen("\n\nthe group", "\n\nThe group", 1));
    }

    #[test]
    fn review_edit_is_left_out_with_only_safe_whole_pipeline() {
        let out = crate::Cleaner::new(crate::Config::default().with_select(["C201"]).with_only_safe(true))
            .unwrap()
            .clean("The overall stable structure of the economy in the first\n\napril saw the province hold a press conference on the economy, officials said.\n");
        assert!(out.text.contains("\napril saw"), "{}", out.text);
    }
}
