//! Capitals after a comma or semicolon (family C, rules C101–C102).
//!
//! Machine translation joins clauses with a comma and keeps the capital of
//! the second one: `forces,It is emphasized`, `; Build a corpus`. A
//! capitalized word after `,` or `;` is lowercased when it is a common word:
//! either listed in `rules/common_words.txt`, or (Review) seen lowercase
//! mid-sentence in the same document and never capitalized mid-sentence there.
//! Proper nouns (`, Guangdong`, `, Xi Jinping`, `, BYD`) and `I` keep their
//! case; unknown words are left alone.

use crate::config::Config;
use crate::edit::{
    Confidence::{Review, Safe},
    Edit,
};
use crate::error::{Error, Result};
use crate::passes::glued_words::has_ascii_upper;
use crate::passes::punctuation::{letters_back, letters_fwd};
use crate::passes::{Context, Pass};
use crate::fasthash::{FxHashMap as HashMap, FxHashSet as HashSet};

crate::declare_rules! { pass = "clause_case";
    /// ## What it fixes
    /// A capitalized common word right after a comma or semicolon (glued or
    /// spaced) is lowercased: pronouns, articles, determiners, conjunctions,
    /// prepositions and the verbs that open imperative clauses in machine
    /// translation.
    ///
    /// ## Example
    /// ```text
    /// put forward a new theory of productive forces, It is emphasized that developing
    /// ```
    /// Becomes:
    /// ```text
    /// put forward a new theory of productive forces, it is emphasized that developing
    /// ```
    ///
    /// ## Example
    /// ```text
    /// back to Guangdong; Traffic from the bridge arrives, Build a corpus, Continue to deepen
    /// ```
    /// Becomes:
    /// ```text
    /// back to Guangdong; traffic from the bridge arrives, build a corpus, continue to deepen
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Delegates came from Guangdong, Shenzhen, Hong Kong-Zhuhai-Macao and Midea, Huawei and BYD.
    /// As I said, I think we should go, and I will.
    /// He said, "We will work hard." and she replied, “We agree.”
    /// Guizhou Suanli Technology Co., Ltd. and The Times, The Guardian and The Hague agreed.
    /// He visited in May, May 5 was the day.
    /// The five questions are Who, What, Where, When and Why.
    /// ```
    ///
    /// ## Why safe
    /// Listed words are not names in running English, and the word after must
    /// be lowercase or a number (so `, The Hague`, `, The Times` keep their
    /// case); `I`, all-capital words and words after a quote mark are never
    /// touched, nor is any line in title case. Open-class listed words (verbs)
    /// are skipped when the document capitalizes them mid-sentence elsewhere.
    ///
    /// ## Data
    /// `rules/common_words.txt` (sections `[function]` and `[open]`).
    C101 = ("clause-capital-common-word", Safe, true, "capital of a common word after a comma lowercased");
    /// ## What it fixes
    /// A capitalized word after a comma or semicolon that the same document
    /// uses lowercase mid-sentence (at least twice) and never capitalizes
    /// mid-sentence is lowercased; so is `The` before a capitalized word when
    /// the document also writes `the` + that word mid-sentence
    /// (`, The General Secretary` next to `the General Secretary`). After a
    /// capitalized name (`Huang Kunming, Secretary of`) nothing is lowercased
    /// on evidence alone: that is an appositive title.
    ///
    /// ## Example
    /// ```text
    /// the innovation chain and innovation drives growth, Innovation leads reform.
    /// ```
    /// Becomes:
    /// ```text
    /// the innovation chain and innovation drives growth, innovation leads reform.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// the party members and party cadres of the Party met, Party members spoke.
    /// the secretary and the secretary met Huang Kunming, Secretary of the committee.
    /// The Hague hosted it, The Hague said.
    /// ```
    ///
    /// ## Why review
    /// The evidence is statistical: a word the document uses as a common
    /// noun may still start a name here (a company called "Sixteen ...").
    C102 = ("clause-capital-by-evidence", Review, true, "capital after a comma lowercased (word is lowercase elsewhere in the document)");
}

const R_LISTED: &str = "capital of a common word after a comma lowercased";
const R_EVIDENCE: &str = "capital after a comma lowercased (word is lowercase elsewhere in the document)";

const R_THE: &str = "capital of `The` after a comma lowercased (the document writes `the` before the same word)";

pub(crate) const COMMON_WORDS: &str = include_str!("../../rules/common_words.txt");

/// Options of the clause_case pass (`[clause_case]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The clause_case pass.
pub struct ClauseCase {
    function: HashSet<String>,
    open: HashSet<String>,
}

/// The two sections of `rules/common_words.txt`.
pub(crate) fn parse_common_words(text: &str) -> Result<(HashSet<String>, HashSet<String>)> {
    let err = |n: usize, m: &str| Error::Rules { name: "common_words.txt".into(), message: format!("line {}: {m}", n + 1) };
    let (mut function, mut open) = (HashSet::default(), HashSet::default());
    let mut section: Option<bool> = None; // Some(true) = function
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        match line {
            "[function]" => section = Some(true),
            "[open]" => section = Some(false),
            w if w.bytes().all(|b| b.is_ascii_lowercase()) => match section {
                Some(true) => {
                    function.insert(w.to_string());
                }
                Some(false) => {
                    open.insert(w.to_string());
                }
                None => return Err(err(n, "word before any [function] or [open] section")),
            },
            w => return Err(err(n, &format!("`{w}` is not one lower-case word or a section"))),
        }
    }
    if function.is_empty() || open.is_empty() {
        return Err(err(0, "both [function] and [open] must list words"));
    }
    Ok((function, open))
}

impl ClauseCase {
    /// Build the pass for `config`.
    pub fn new(_config: &Config) -> Result<Self> {
        let (function, open) = parse_common_words(COMMON_WORDS)?;
        Ok(ClauseCase { function, open })
    }
}

/// Listed words that may be followed by their own comma (`; However, we`).
/// Others followed by a comma are list items (`Who, What, Where`).
const CONNECTIVES: &[&str] = &[
    "however", "therefore", "moreover", "meanwhile", "furthermore", "besides", "otherwise", "hence", "thus",
    "instead", "then", "also", "still", "accordingly", "consequently", "additionally", "finally", "firstly",
    "secondly", "thirdly", "lastly", "specifically", "namely", "now",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Function,
    Open,
    Unknown,
    /// `The` before a capitalized word the document writes as `the Word`.
    TheBeforeName,
}

struct Candidate {
    /// Byte offset of the capital letter.
    at: usize,
    len: usize,
    kind: Kind,
    /// The line holding it: start, end.
    line: (usize, usize),
}

/// Counts of a word's mid-sentence uses: (lowercase, capitalized in prose).
type Evidence = HashMap<Vec<u8>, (u32, u32)>;

impl Pass for ClauseCase {
    fn name(&self) -> &'static str {
        "clause_case"
    }

    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut cands = Vec::new();
        // `, The Word` candidates waiting for the document-wide `the Word` check.
        let mut pending_the: Vec<Candidate> = Vec::new();
        let mut lower = [0u8; 32];
        // The line holding the current mark: start, and end (its `\n` or EOF).
        let (mut ls, mut le) = (0usize, 0usize);
        let mut first = true;
        for i in memchr::memchr2_iter(b',', b';', b) {
            let mut j = i + 1;
            while j < b.len() && j <= i + 2 && b[j] == b' ' {
                j += 1;
            }
            if j >= b.len() || !b[j].is_ascii_uppercase() || i == 0 {
                continue;
            }
            let len = letters_fwd(b, j);
            if len < 1 || len > lower.len() || !b[j + 1..j + len].iter().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            if len == 1 && b[j] == b'I' {
                continue;
            }
            // What precedes the mark: a word, number or closing quote/bracket.
            let p = b[i - 1];
            let p_ok = p.is_ascii_alphanumeric()
                || matches!(p, b')' | b'"' | b'\'' | b'%')
                || text[..i].ends_with('\u{201d}')
                || text[..i].ends_with('\u{2019}');
            if !p_ok {
                continue;
            }
            if b[i] == b';' && p.is_ascii_alphanumeric() {
                let w = letters_back(b, i);
                if i > w && matches!(b[i - w - 1], b'&' | b'#') {
                    continue;
                }
            }
            for (k, c) in b[j..j + len].iter().enumerate() {
                lower[k] = c.to_ascii_lowercase();
            }
            let word = std::str::from_utf8(&lower[..len]).unwrap_or("");
            let kind = if self.function.contains(word) {
                Kind::Function
            } else if self.open.contains(word) {
                Kind::Open
            } else {
                Kind::Unknown
            };
            // What follows the word: a lowercase word or a number.
            let a = j + len;
            let follows_ok = match (b.get(a), b.get(a + 1)) {
                (Some(b' '), Some(&n)) => n.is_ascii_lowercase() || n.is_ascii_digit(),
                (Some(b','), Some(b' ')) => kind == Kind::Function && CONNECTIVES.contains(&word),
                _ => false,
            };
            let the_name = !follows_ok
                && word == "the"
                && b.get(a) == Some(&b' ')
                && b.get(a + 1).is_some_and(|c| c.is_ascii_uppercase());
            if !follows_ok && !the_name {
                continue;
            }
            // After a capitalized name (`Kunming, Secretary of`) an unlisted
            // word is an appositive title: evidence is not enough.
            let name_before = p.is_ascii_alphabetic() && b[i - letters_back(b, i)].is_ascii_uppercase();
            if kind == Kind::Unknown && name_before {
                continue;
            }
            // `Who, What, Where, When and Why`: the element before the mark is
            // itself one capitalized word after a comma, so this is a list.
            if name_before {
                let mut k = i - letters_back(b, i);
                while k > 0 && b[k - 1] == b' ' {
                    k -= 1;
                }
                if k > 0 && matches!(b[k - 1], b',' | b';') {
                    continue;
                }
            }
            if first || i > le {
                ls = if first { 0 } else { le + 1 };
                if let Some(k) = memchr::memrchr(b'\n', &b[ls..i]) {
                    ls += k + 1;
                }
                le = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
                first = false;
            }
            if the_name {
                pending_the.push(Candidate { at: j, len, kind: Kind::TheBeforeName, line: (ls, le) });
            } else {
                cands.push(Candidate { at: j, len, kind, line: (ls, le) });
            }
        }
        if !pending_the.is_empty() {
            resolve_the(b, &mut pending_the);
            cands.extend(pending_the);
        }
        if cands.is_empty() {
            return Vec::new();
        }
        let mut evidence: Evidence = HashMap::default();
        for c in cands.iter().filter(|c| matches!(c.kind, Kind::Function | Kind::Open | Kind::Unknown)) {
            evidence.entry(b[c.at..c.at + c.len].to_ascii_lowercase()).or_default();
        }
        if !evidence.is_empty() {
            count_capitalized(b, &mut evidence);
            // Lowercase uses matter only where the decision needs them, and
            // only up to the count that decides: an unlisted word needs two,
            // a function word one more than its capitalized uses.
            let mut limits: Vec<(Vec<u8>, u32)> = Vec::new();
            for c in &cands {
                let key = b[c.at..c.at + c.len].to_ascii_lowercase();
                let cap = evidence.get(&key).map_or(0, |e| e.1);
                let limit = match c.kind {
                    Kind::Unknown if cap == 0 => 2,
                    Kind::Function if cap >= 2 => cap + 1,
                    _ => continue,
                };
                if !limits.iter().any(|(k, _)| *k == key) {
                    limits.push((key, limit));
                }
            }
            for (key, limit) in limits {
                let lo = count_lowercase(b, &key, limit);
                if let Some(e) = evidence.get_mut(&key) {
                    e.0 = lo;
                }
            }
        }
        let mut edits = Vec::new();
        let mut prose_cache: Option<(usize, bool)> = None;
        for c in cands {
            let prose = match prose_cache {
                Some((s, p)) if s == c.line.0 => p,
                _ => {
                    let p = is_prose(&b[c.line.0..c.line.1]);
                    prose_cache = Some((c.line.0, p));
                    p
                }
            };
            if !prose {
                continue;
            }
            let (lo, cap) = match c.kind {
                Kind::Function | Kind::Open | Kind::Unknown => {
                    evidence.get(&b[c.at..c.at + c.len].to_ascii_lowercase()).copied().unwrap_or((0, 0))
                }
                _ => (0, 0),
            };
            let (code, confidence, reason) = match c.kind {
                // A function word the document capitalizes mid-sentence more
                // often than not is a defined term (`You` in a licence).
                Kind::Function if cap >= 2 && cap > lo => continue,
                Kind::Function => ("C101", Safe, R_LISTED),
                Kind::Open if cap == 0 => ("C101", Safe, R_LISTED),
                Kind::Unknown if cap == 0 && lo >= 2 => ("C102", Review, R_EVIDENCE),
                Kind::TheBeforeName => ("C102", Review, R_THE),
                _ => continue,
            };
            let lc = (b[c.at].to_ascii_lowercase() as char).to_string();
            edits.push(Edit::replacement(c.at..c.at + 1, lc, code, confidence, reason));
        }
        edits
    }
}

/// Keep the `, The Word` candidates whose `Word` the document also writes
/// after a lowercase `the` (one scan of the text for ` the `).
fn resolve_the(b: &[u8], pending: &mut Vec<Candidate>) {
    let word_at = |c: &Candidate| {
        let w = c.at + c.len + 1;
        &b[w..w + letters_fwd(b, w)]
    };
    let wanted: HashSet<&[u8]> = pending.iter().map(word_at).filter(|w| w.len() >= 2).collect();
    let mut seen: HashSet<&[u8]> = HashSet::default();
    for k in memchr::memmem::find_iter(b, b" the ") {
        let w = k + 5;
        if !b.get(w).is_some_and(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let word = &b[w..w + letters_fwd(b, w)];
        if wanted.contains(word) {
            seen.insert(word);
        }
    }
    pending.retain(|c| seen.contains(word_at(c)));
}

/// Small words a title-case heading leaves lowercase.
const TITLE_SMALL: &[&[u8]] = &[
    b"and", b"the", b"for", b"nor", b"but", b"yet", b"with", b"from", b"into", b"onto", b"over", b"upon",
    b"off", b"out", b"per", b"via", b"than", b"that",
];

/// Is this line running prose (not a title-case heading)? It needs a
/// lowercase word of three or more letters that a heading would capitalize.
fn is_prose(line: &[u8]) -> bool {
    let mut k = 0;
    while k < line.len() {
        if line[k].is_ascii_alphabetic() && (k == 0 || !line[k - 1].is_ascii_alphabetic()) {
            let n = letters_fwd(line, k);
            let w = &line[k..k + n];
            if n >= 3 && w[0].is_ascii_lowercase() && !TITLE_SMALL.contains(&w) {
                return true;
            }
            k += n;
        } else {
            k += 1;
        }
    }
    false
}

/// Count capitalized mid-sentence uses (after a space that follows a word
/// or number, on prose lines) of the words in `evidence`. Capitals are rare,
/// so the scan skips 8 bytes at a time while there is none.
fn count_capitalized(b: &[u8], evidence: &mut Evidence) {
    let mut lower = [0u8; 32];
    let mut prose_cache: Option<(usize, bool)> = None;
    let mut k = 2;
    while k < b.len() {
        if k + 8 <= b.len() && !has_ascii_upper(u64::from_le_bytes(b[k..k + 8].try_into().unwrap_or([0; 8]))) {
            k += 8;
            continue;
        }
        if !(b[k].is_ascii_uppercase() && b[k - 1] == b' ' && b[k - 2].is_ascii_alphanumeric()) {
            k += 1;
            continue;
        }
        let len = letters_fwd(b, k);
        let at = k;
        k += len.max(1);
        if len > lower.len() || !b[at + 1..at + len].iter().all(u8::is_ascii_lowercase) {
            continue;
        }
        for (d, c) in lower.iter_mut().zip(&b[at..at + len]) {
            *d = c.to_ascii_lowercase();
        }
        let Some(counts) = evidence.get_mut(&lower[..len]) else { continue };
        let ls = memchr::memrchr(b'\n', &b[..at]).map_or(0, |x| x + 1);
        let prose = match prose_cache {
            Some((s, p)) if s == ls => p,
            _ => {
                let le = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |x| at + x);
                let p = is_prose(&b[ls..le]);
                prose_cache = Some((ls, p));
                p
            }
        };
        if prose {
            counts.1 += 1;
        }
    }
}

/// Lowercase mid-sentence uses of `word` (after a space that follows a word,
/// number or comma), counted up to `limit`: one SIMD substring scan.
fn count_lowercase(b: &[u8], word: &[u8], limit: u32) -> u32 {
    let mut pat = Vec::with_capacity(word.len() + 1);
    pat.push(b' ');
    pat.extend_from_slice(word);
    let mut n = 0;
    for sp in memchr::memmem::find_iter(b, &pat) {
        let (k, end) = (sp + 1, sp + pat.len());
        if k < 2 || b.get(end).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        if b[k - 2].is_ascii_alphanumeric() || b[k - 2] == b',' {
            n += 1;
            if n >= limit {
                break;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::testing::{assert_fixes, assert_fixes_with, assert_no_edits, edit_count};

    #[test]
    fn keeps_defined_term_capitalized_throughout_document() {
        // Licences capitalize a defined `You`; after a comma it stays.
        assert_no_edits(
            "If You distribute the Work, You must give notice. The rights granted to You end when You sue.\n",
        );
    }

    #[test]
    fn embedded_word_list_parses() {
        let (f, o) = parse_common_words(COMMON_WORDS).unwrap();
        assert!(f.contains("it") && f.contains("the") && o.contains("build"));
        assert!(!f.contains("may") && !o.contains("will") && !f.contains("i"));
        assert!(parse_common_words("it\n").is_err());
        assert!(parse_common_words("[function]\nIt\n").is_err());
    }

    #[test]
    fn lowercases_glued_clause_in_real_line() {
        assert_fixes(
            "The General Secretary creatively put forward a new theory of productive forces,It is emphasized that developing new quality productive forces is an inherent requirement",
            "The General Secretary creatively put forward a new theory of productive forces, it is emphasized that developing new quality productive forces is an inherent requirement",
        );
    }

    #[test]
    fn lowercases_listed_words_after_comma_and_semicolon() {
        assert_fixes_with(&["C101"], "held today, The content is good", "held today, the content is good");
        assert_fixes_with(&["C101"], "Guangdong; Traffic from the bridge", "Guangdong; traffic from the bridge");
        assert_fixes_with(&["C101"], "very clear, Very strong and firm", "very clear, very strong and firm");
        assert_fixes_with(&["C101"], "the size; However, we will", "the size; however, we will");
    }

    #[test]
    fn keeps_names_pronoun_i_and_quotes() {
        assert_no_edits("Delegates came from Guangdong, Shenzhen, Hong Kong-Zhuhai-Macao and Midea, Huawei and BYD.");
        assert_no_edits("As I said, I think we should go, and I will.");
        assert_no_edits("He said, \"We will work hard.\" Then, “We agree,” she said.");
        assert_no_edits("The Times, The Guardian and The Hague agreed, Xi Jinping said.");
        assert_no_edits("He visited in May, May 5 was the day.");
        assert_no_edits("The five questions are Who, What, Where, When and Why.");
    }

    #[test]
    fn keeps_title_case_lines() {
        assert_no_edits("Speech At The Provincial Conference, Build a Strong Nation Together");
    }

    #[test]
    fn open_word_capitalized_in_document_is_a_name() {
        let text = "the new Build program started. It was big, Build teams met.";
        assert_eq!(edit_count(text, "C101"), 0);
    }

    #[test]
    fn evidence_lowercases_with_review() {
        let text = "the innovation chain and innovation drives growth, Innovation leads reform.";
        let out = crate::Cleaner::new(crate::Config::default()).unwrap().clean(text);
        assert_eq!(out.text, "the innovation chain and innovation drives growth, innovation leads reform.");
        assert_eq!(out.report.edits[0].confidence, crate::Confidence::Review);
        assert_no_edits("the party members and party cadres of the Party met, Party members spoke.");
        assert_no_edits("the secretary and the secretary met Huang Kunming, Secretary of the committee.");
    }

    #[test]
    fn the_before_name_lowercased_when_document_says_the() {
        assert_fixes(
            "He met the General Secretary. In spring, when flowers blossomed, The General Secretary visited.",
            "He met the General Secretary. In spring, when flowers blossomed, the General Secretary visited.",
        );
        assert_no_edits("The Hague hosted it in spring, The Hague said.");
    }
}
