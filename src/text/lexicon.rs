//! Every word list in `rules/`, built once per process, lazily, and shared
//! by the passes that read it. Nothing language-specific is written in Rust:
//! the lists are data.
//!
//! The lists are sectioned text files: `[section]` lines, then one lower-case
//! word per line; `#` starts a comment. `build.rs` parses them at compile
//! time (with [`wordset::parse_sections`], the same parser) into static
//! arrays and the fingerprint tables of the dictionary and the stopwords, so
//! start-up parses, hashes and zeroes nothing (it was a third of the start-up
//! instructions); a bad list fails the build, with its file and line. A test
//! parses each embedded file at run time and checks the tables match.

use crate::error::{Error, Result};
use rustc_hash::FxHashSet as HashSet;
use crate::text::wordset::{self, WordSet};
use std::sync::OnceLock;

// The lists as text, for the test that parses them at run time.
#[cfg(test)]
const COMMON_WORDS: &str = include_str!("../../rules/common_words.txt");
#[cfg(test)]
const CALENDAR: &str = include_str!("../../rules/calendar.txt");
#[cfg(test)]
const CONNECTIVES: &str = include_str!("../../rules/connectives.txt");
#[cfg(test)]
const CLAUSE_VERBS: &str = include_str!("../../rules/clause_verbs.txt");
#[cfg(test)]
const WORD_ENDINGS: &str = include_str!("../../rules/word_endings.txt");
#[cfg(test)]
const DICTIONARY: &str = include_str!("../../rules/dictionary.txt");
#[cfg(test)]
const ABBREVIATIONS: &str = include_str!("../../rules/abbreviations.txt");
#[cfg(test)]
const FILE_SUFFIXES: &str = include_str!("../../rules/file_suffixes.txt");
#[cfg(test)]
const STOPWORDS: &str = include_str!("../../rules/stopwords.txt");
#[cfg(test)]
const FURNITURE_WORDS: &str = include_str!("../../rules/furniture_words.txt");
#[cfg(test)]
const COMPOUNDS: &str = include_str!("../../rules/compounds.txt");

/// The parsed word lists.
#[derive(Debug)]
pub struct Lexicon {
    /// `common_words.txt` `[function]`: closed-class words (pronouns,
    /// articles, prepositions, auxiliaries, common adverbs).
    pub function: HashSet<String>,
    /// `common_words.txt` `[open]`: verbs and other open-class words that
    /// open clauses in machine-translated English.
    pub open: HashSet<String>,
    /// `calendar.txt` `[months]`, in calendar order.
    pub months: Vec<String>,
    /// `calendar.txt` `[month_abbreviations]`.
    pub month_abbreviations: Vec<String>,
    /// `calendar.txt` `[weekdays]`.
    pub weekdays: Vec<String>,
    /// `calendar.txt` `[weekday_abbreviations]`.
    pub weekday_abbreviations: Vec<String>,
    /// `connectives.txt`.
    pub connectives: Vec<String>,
    /// `clause_verbs.txt`.
    pub clause_verbs: Vec<String>,
    /// `word_endings.txt`.
    pub word_endings: Vec<String>,
    /// `abbreviations.txt`: abbreviations that end in a period and may be
    /// followed directly by a number (`No.5`), without the period.
    pub abbreviations: HashSet<String>,
    /// `file_suffixes.txt`: file-name extensions and domain suffixes.
    pub file_suffixes: HashSet<String>,
    /// `stopwords.txt`: English stopwords, whose share tells prose from
    /// furniture.
    pub stopwords: WordSet,
    /// `furniture_words.txt` `[nav]`: menu and section words.
    pub nav_words: HashSet<String>,
    /// `furniture_words.txt` `[widget]`: page-widget words.
    pub widget_words: HashSet<String>,
    /// `furniture_words.txt` `[language]`: language-switcher words.
    pub language_names: HashSet<String>,
    /// `furniture_words.txt` `[label]`: last words of metadata labels.
    pub label_words: HashSet<String>,
    /// `dictionary.txt`: common English words, for splitting lowercase words
    /// glued together (`tothe`); every word of the other lists is in it too,
    /// and the closed compounds of `compounds.txt` (`online`).
    pub dictionary: WordSet,
}

impl Lexicon {
    /// Is `w` (lower case) a common word of either `common_words.txt` section?
    pub fn is_common(&self, w: &str) -> bool {
        self.function.contains(w) || self.open.contains(w)
    }

    /// Is `w` (lower case) a month name?
    pub fn is_month(&self, w: &str) -> bool {
        self.months.iter().any(|m| m == w)
    }

    /// The share of English stopwords among the ASCII words of `t` (0 when
    /// it has none), and the number of such words.
    pub fn stopword_density(&self, t: &str) -> (f64, usize) {
        let mut buf = [0u8; 16];
        let (mut words, mut stop) = (0usize, 0usize);
        for w in t.split(|c: char| !c.is_ascii_alphabetic() && c != '\'').filter(|w| !w.is_empty()) {
            words += 1;
            if w.len() <= buf.len() {
                for (d, s) in buf.iter_mut().zip(w.bytes()) {
                    *d = s.to_ascii_lowercase();
                }
                if std::str::from_utf8(&buf[..w.len()]).is_ok_and(|lw| self.stopwords.contains(lw)) {
                    stop += 1;
                }
            }
        }
        (if words == 0 { 0.0 } else { stop as f64 / words as f64 }, words)
    }

    /// Is `w` (lower case) an English word rinse knows?
    #[inline]
    pub fn is_word(&self, w: &str) -> bool {
        // The dictionary holds every common word too.
        self.dictionary.contains(w)
    }
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> Result<&'static Lexicon> {
    static LEXICON: OnceLock<std::result::Result<Lexicon, (String, String)>> = OnceLock::new();
    match LEXICON.get_or_init(build) {
        Ok(l) => Ok(l),
        Err((name, message)) => Err(Error::Rules { name: name.clone(), message: message.clone() }),
    }
}

/// The lexicon, for code that cannot return an error (shape tests deep in a
/// pass). Passes call [`lexicon`] in their constructor first, so a bad list
/// fails building the [`crate::Cleaner`]; after that this is the same value.
/// (If the lists were invalid it would be empty, never a panic.)
pub fn get() -> &'static Lexicon {
    static EMPTY: OnceLock<Lexicon> = OnceLock::new();
    lexicon().unwrap_or_else(|_| EMPTY.get_or_init(Lexicon::empty))
}

impl Lexicon {
    fn empty() -> Self {
        Lexicon {
            function: HashSet::default(),
            open: HashSet::default(),
            months: Vec::new(),
            month_abbreviations: Vec::new(),
            weekdays: Vec::new(),
            weekday_abbreviations: Vec::new(),
            connectives: Vec::new(),
            clause_verbs: Vec::new(),
            word_endings: Vec::new(),
            abbreviations: HashSet::default(),
            file_suffixes: HashSet::default(),
            stopwords: WordSet::default(),
            nav_words: HashSet::default(),
            widget_words: HashSet::default(),
            language_names: HashSet::default(),
            label_words: HashSet::default(),
            dictionary: WordSet::default(),
        }
    }
}

/// The tables `build.rs` makes from the lists above (parsed at compile time).
mod tables {
    include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));
}

fn build() -> std::result::Result<Lexicon, (String, String)> {
    use tables::*;
    let set = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<HashSet<String>>();
    let list = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<String>>();
    Ok(Lexicon {
        function: set(COMMON_WORDS_FUNCTION),
        open: set(COMMON_WORDS_OPEN),
        months: list(CALENDAR_MONTHS),
        month_abbreviations: list(CALENDAR_MONTH_ABBREVIATIONS),
        weekdays: list(CALENDAR_WEEKDAYS),
        weekday_abbreviations: list(CALENDAR_WEEKDAY_ABBREVIATIONS),
        connectives: list(CONNECTIVES_CONNECTIVES),
        clause_verbs: list(CLAUSE_VERBS_VERBS),
        word_endings: list(WORD_ENDINGS_ENDINGS),
        abbreviations: set(ABBREVIATIONS_ABBREVIATIONS),
        file_suffixes: set(FILE_SUFFIXES_SUFFIXES),
        stopwords: WordSet::from_static(&STOPWORDS_SLOTS, STOPWORDS_LEN),
        nav_words: set(FURNITURE_WORDS_NAV),
        widget_words: set(FURNITURE_WORDS_WIDGET),
        language_names: set(FURNITURE_WORDS_LANGUAGE),
        label_words: set(FURNITURE_WORDS_LABEL),
        dictionary: WordSet::from_static(&DICTIONARY_SLOTS, DICTIONARY_LEN),
    })
}

/// The lexicon as the run-time parser reads the embedded lists: what
/// `build.rs` precompiles, built the slow way (tests compare the two).
#[cfg(test)]
fn parse_at_run_time() -> std::result::Result<Lexicon, (String, String)> {
    let common = parse_sections("common_words.txt", COMMON_WORDS, &["function", "open"])?;
    let calendar = parse_sections(
        "calendar.txt",
        CALENDAR,
        &["months", "month_abbreviations", "weekdays", "weekday_abbreviations"],
    )?;
    let mut it = common.into_iter();
    let (function, open) = (it.next().unwrap_or_default(), it.next().unwrap_or_default());
    let mut cal = calendar.into_iter();
    let mut next = || cal.next().unwrap_or_default();
    let (months, month_abbreviations, weekdays, weekday_abbreviations) = (next(), next(), next(), next());
    let one = |name: &str, text: &str, section: &str| {
        parse_sections(name, text, &[section]).map(|mut v| v.pop().unwrap_or_default())
    };
    let furniture = parse_sections("furniture_words.txt", FURNITURE_WORDS, &["nav", "widget", "language", "label"])?;
    let mut furniture = furniture.into_iter().map(|v| v.into_iter().collect::<HashSet<String>>());
    let mut next_set = || furniture.next().unwrap_or_default();
    let (nav_words, widget_words, language_names, label_words) = (next_set(), next_set(), next_set(), next_set());
    let words = wordset::parse_sections("dictionary.txt", DICTIONARY, &["words"])?.pop().unwrap_or_default();
    let compounds = one("compounds.txt", COMPOUNDS, "compounds")?;
    let dictionary = WordSet::new(
        words
            .iter()
            .copied()
            .chain([&function, &open, &months, &weekdays, &compounds].into_iter().flatten().map(String::as_str)),
    );
    Ok(Lexicon {
        function: function.into_iter().collect(),
        open: open.into_iter().collect(),
        months,
        month_abbreviations,
        weekdays,
        weekday_abbreviations,
        connectives: one("connectives.txt", CONNECTIVES, "connectives")?,
        clause_verbs: one("clause_verbs.txt", CLAUSE_VERBS, "verbs")?,
        word_endings: one("word_endings.txt", WORD_ENDINGS, "endings")?,
        abbreviations: one("abbreviations.txt", ABBREVIATIONS, "abbreviations")?.into_iter().collect(),
        file_suffixes: one("file_suffixes.txt", FILE_SUFFIXES, "suffixes")?.into_iter().collect(),
        stopwords: WordSet::new(one("stopwords.txt", STOPWORDS, "stopwords")?.iter().map(String::as_str)),
        nav_words,
        widget_words,
        language_names,
        label_words,
        dictionary,
    })
}

/// Parse a sectioned word list: the words of each of `sections`, in order.
/// Every section must be present and non-empty; a word outside a section, an
/// unknown section or a word that is not lower-case ASCII is an error.
pub fn parse_sections(name: &str, text: &str, sections: &[&str]) -> std::result::Result<Vec<Vec<String>>, (String, String)> {
    Ok(wordset::parse_sections(name, text, sections)?.into_iter().map(|v| v.into_iter().map(str::to_string).collect()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_parse() {
        let l = lexicon().expect("embedded word lists are valid");
        assert!(l.function.contains("it") && l.open.contains("promote"));
        assert_eq!(l.months.len(), 12);
        assert_eq!(l.months[2], "march");
        assert!(l.weekdays.contains(&"monday".to_string()));
        assert!(l.connectives.contains(&"however".to_string()));
        assert!(l.clause_verbs.contains(&"said".to_string()));
        assert!(l.word_endings.contains(&"ing".to_string()));
        assert!(l.is_word("the") && l.is_word("project") && l.is_word("progress"));
        assert!(l.abbreviations.contains("no") && l.file_suffixes.contains("png"));
        let (d, n) = l.stopword_density("The meeting was held in the city on Monday.");
        assert_eq!(n, 9);
        assert!((d - 5.0 / 9.0).abs() < 1e-9, "{d}");
        assert_eq!(l.stopword_density("Home | News | Contact Us").0, 0.0);
        assert!(l.nav_words.contains("home") && l.widget_words.contains("share") && l.language_names.contains("english"));
        assert!(!l.is_word("tothe") && !l.is_word("projectprogress"));
        assert!(l.is_word("online") && l.is_word("blockchain"));
    }

    #[test]
    fn compile_time_tables_match_the_lists() {
        let (built, parsed) = (lexicon().unwrap(), parse_at_run_time().unwrap());
        assert_eq!(built.dictionary.slots(), parsed.dictionary.slots());
        assert_eq!(built.dictionary.len(), parsed.dictionary.len());
        assert!(built.dictionary.len() > 30_000);
        assert_eq!(built.stopwords.slots(), parsed.stopwords.slots());
        assert_eq!(built.stopwords.len(), parsed.stopwords.len());
        assert_eq!((&built.function, &built.open), (&parsed.function, &parsed.open));
        assert_eq!((&built.months, &built.month_abbreviations), (&parsed.months, &parsed.month_abbreviations));
        assert_eq!((&built.weekdays, &built.weekday_abbreviations), (&parsed.weekdays, &parsed.weekday_abbreviations));
        assert_eq!((&built.connectives, &built.clause_verbs, &built.word_endings), (&parsed.connectives, &parsed.clause_verbs, &parsed.word_endings));
        assert_eq!((&built.abbreviations, &built.file_suffixes), (&parsed.abbreviations, &parsed.file_suffixes));
        assert_eq!((&built.nav_words, &built.widget_words), (&parsed.nav_words, &parsed.widget_words));
        assert_eq!((&built.language_names, &built.label_words), (&parsed.language_names, &parsed.label_words));
    }

    #[test]
    fn bad_lists_are_errors() {
        assert!(parse_sections("x", "it\n", &["function"]).is_err());
        assert!(parse_sections("x", "[function]\nIt\n", &["function"]).is_err());
        assert!(parse_sections("x", "[function]\nTwo Words\n", &["function"]).is_err());
        assert!(parse_sections("x", "[other]\nit\n", &["function"]).is_err());
        assert!(parse_sections("x", "[a]\nit\n", &["a", "b"]).is_err());
        let ok = parse_sections("x", "# c\n[b]\nto\n[a]\nit # note\n", &["a", "b"]).unwrap();
        assert_eq!(ok, vec![vec!["it".to_string()], vec!["to".to_string()]]);
    }
}
