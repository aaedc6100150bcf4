//! Capitals after a comma or semicolon (family C, rules C101–C103).
//!
//! Machine translation joins clauses with a comma and keeps the capital of
//! the second one: `forces,It is emphasized`, `; Build a corpus`. A
//! capitalized word after `,` or `;` is lowercased when it is a common word:
//! either listed in `rules/common_words.txt`, or (Review) seen lowercase
//! mid-sentence in the same document and never capitalized mid-sentence there.
//! Proper nouns (`, Guangdong`, `, Xi Jinping`, `, BYD`) and `I` keep their
//! case; unknown words are left alone.

use crate::edit::{
    Confidence::{Review, Safe},
    Edit,
};
use crate::error::Result;
use crate::text::lexicon::{self, Lexicon};
use crate::text::scan::{in_range as high_bits_in, Capitals, HIGH as H};
use crate::text::words::{code_near, has_code, letters_back, letters_fwd, lower_letter};
use crate::passes::kit::{Context, Pass, Setup};
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
    /// Their `-ed` and `-ing` forms (`, Completed in that year`, `, Adhering
    /// to`) are lowercased too, as `review` edits: a participle may also
    /// start a name (`, Limited`).
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
    /// ## What it fixes
    /// Machine translation that worked clause by clause capitalizes every
    /// clause after a Chinese comma. When a document shows that habit (at
    /// least three capitals after a comma that C101 or C102 lowercase or
    /// that are dictionary words never capitalized mid-sentence), a
    /// capitalized dictionary word after a comma that the document never
    /// capitalizes mid-sentence is lowercased too, even with no lowercase
    /// use to go by.
    ///
    /// ## Example
    /// ```text
    /// The market grew for many years, The prices rose, The shops opened, However trade slowed, Businessmen from afar came to trade.
    /// ```
    /// Becomes:
    /// ```text
    /// The market grew for many years, The prices rose, The shops opened, However trade slowed, businessmen from afar came to trade.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// We visited Beijing, Shanghai and Guangzhou, Businessmen from afar came to trade.
    /// It grew for years, The prices rose, The shops opened, However trade slowed, in a strong manufacturing, quality, Internet and digital country.
    /// The market grew, The prices rose, The shops opened, However trade slowed, Turkey sold more, and Turkey bought less.
    /// ```
    ///
    /// ## Why review
    /// The habit is the document's, the word is only in the dictionary: a
    /// name that is also a common word (`Turkey`, `Apple`) and appears once
    /// would be lowercased.
    C103 = ("clause-capital-segmented", Review, true, "capital after a comma lowercased (the document capitalizes clauses after commas)");
    /// ## What it fixes
    /// A closed-class word (`The`, `To`, `And`, `Of`, …) capitalized in
    /// the middle of a sentence, between another closed-class word and a
    /// lowercase content word: a sentence start that machine translation
    /// kept after joining two clauses. Written twice, the second time with
    /// its capital (`Now, we We are`), the second is removed.
    ///
    /// ## Example
    /// ```text
    /// The paper reported that The city opened the park, tightly around The theme of safety. Now, we We are rushing.
    /// ```
    /// Becomes:
    /// ```text
    /// The paper reported that the city opened the park, tightly around the theme of safety. Now, we are rushing.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// They sang Over the Rainbow and read The Times; Wang An said so, in May this year, and Plan A works. The Road To Success is a book.
    /// It grew year after year To maintain business, in additive manufacturing The combination of technologies.
    /// ```
    ///
    /// ## Why review
    /// Only listed words that are no pinyin syllable, month or modal verb;
    /// the word before must be a closed-class word (after a content word a
    /// sentence may start there, its period lost) and the word after no
    /// verb (`and From will be`) and a
    /// lowercase dictionary word that is no closed-class word, so a title
    /// in title case (`Over the Rainbow`, `The Road To Success`) stays;
    /// not after a word that introduces quoted words (`print`, `said`,
    /// `called`) or an article (`the From trait`), nor near code. A
    /// title written with only its first word capitalized (`the film The
    /// wandering earth`) would still be changed.
    C104 = ("mid-sentence-capital-function-word", Review, true, "closed-class word capitalized mid-sentence lowercased");
    /// ## What it fixes
    /// Sentences run together without their period, as a page that lost
    /// its `。` shows: a capitalized sentence opener (`The`, `According`,
    /// `On`, `More`, …) after a lowercase word or a number, mid-line, gets
    /// the period and space it lost.
    ///
    /// ## Example
    /// ```text
    /// Source: as of October 27, 100 companies have lost their certificates, far more than 81 last year More than two months remain before the end of 2015, hurry to keep your certificate! Most of them are herbal medicine enterprises, accounting for 63% of the total On April 3, the State Administration held a teleconference on herbal pieces The meeting called for more checks.
    /// ```
    /// Becomes:
    /// ```text
    /// Source: as of October 27, 100 companies have lost their certificates, far more than 81 last year. More than two months remain before the end of 2015, hurry to keep your certificate! Most of them are herbal medicine enterprises, accounting for 63% of the total. On April 3, the State Administration held a teleconference on herbal pieces. The meeting called for more checks.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// We read The Times on it last year, and the meeting In Beijing was held on the day after the vote, with the staff of the office and many guests from abroad. We met the team. We met again on the day after.
    /// ```
    ///
    /// ## Why review
    /// Only where the line (200 bytes or more) holds two such run-ons or
    /// more and no more sentence ends (`. The`) than run-ons: one capital
    /// alone mid-sentence is more often a capital too many (C104). Not
    /// after a closed-class word (`that The city`), nor in a document
    /// holding code. A title cited in sentence case would still be split.
    C105 = ("run-on-sentence-without-period", Review, true, "period restored between two sentences run together");
}

const R_LISTED: &str = "capital of a common word after a comma lowercased";
const R_EVIDENCE: &str = "capital after a comma lowercased (word is lowercase elsewhere in the document)";

const R_SEGMENTED: &str =
    "capital after a comma lowercased (the document capitalizes clauses after commas, never this word mid-sentence)";
const R_THE: &str = "capital of `The` after a comma lowercased (the document writes `the` before the same word)";


/// Options of the clause_case pass (`[clause_case]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The clause_case pass.
pub struct ClauseCase {
    /// `rules/common_words.txt` and `rules/connectives.txt`.
    lex: &'static Lexicon,
}

impl ClauseCase {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        Ok(ClauseCase { lex: lexicon::lexicon()? })
    }

    /// Is the lowercase `w` a listed open-class word with `-ed` or `-ing`
    /// (`completed`, `adhering`, `promoting`, `planned`)? Tried as the
    /// stem, the stem with `e` back, and the stem with a doubled consonant
    /// undone.
    fn inflected_open(&self, w: &str) -> bool {
        let Some(stem) = w.strip_suffix("ing").or_else(|| w.strip_suffix("ed")) else { return false };
        if stem.len() < 3 {
            return false;
        }
        let open = |x: &str| self.lex.open.contains(x);
        let mut buf = [0u8; 32];
        let with_e = stem.len() < 31 && {
            buf[..stem.len()].copy_from_slice(stem.as_bytes());
            buf[stem.len()] = b'e';
            std::str::from_utf8(&buf[..=stem.len()]).is_ok_and(open)
        };
        let b = stem.as_bytes();
        let undoubled = b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2] && open(&stem[..stem.len() - 1]);
        open(stem) || with_e || undoubled
    }
}


#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Function,
    Open,
    /// A listed open-class verb with `-ed` or `-ing` (`Completed`, `Adhering`).
    Inflected,
    Unknown,
    /// `The` before a capitalized word the document writes as `the Word`.
    TheBeforeName,
}

struct Candidate {
    /// Byte offset of the capital letter.
    at: usize,
    /// The capital letter.
    capital: u8,
    len: usize,
    kind: Kind,
    /// Index of its lowercase word in the pass's `Word` table (unused for
    /// `TheBeforeName`).
    word: usize,
    /// Does a one-word list item come before the mark (`, quality, Internet`)?
    list: bool,
    /// Is the line holding it running prose (`is_prose`)?
    prose: bool,
}

/// A lowercase word some candidate spells capitalized, with its counts of
/// mid-sentence uses in the document.
struct Word {
    lower: Vec<u8>,
    kind: Kind,
    /// Lowercase uses (counted only up to what decides, see `run`).
    lo: u32,
    /// Capitalized uses in prose.
    cap: u32,
}

/// Does a title in title case follow `at` in the same clause (no `,` `;`
/// `.` `:` between): among the next six words, at least two capitalized
/// ones, one of them a capitalized function word (`There Would Be No`)?
/// Names (`the General Secretary`, `Greater Bay Area`) do not capitalize
/// function words; titles of songs, books and slogans do.
fn title_run_after(b: &[u8], at: usize, lex: &Lexicon) -> bool {
    let mut i = at;
    let (mut words, mut caps, mut function_caps) = (0, 0, 0);
    let mut lower = [0u8; 16];
    while words < 6 && i < b.len() {
        match b[i] {
            b' ' => i += 1,
            b',' | b';' | b'.' | b':' | b'!' | b'?' | b'\n' => break,
            c => {
                let n = letters_fwd(b, i);
                words += 1;
                if c.is_ascii_uppercase() {
                    caps += 1;
                    if (2..=lower.len()).contains(&n) {
                        for (d, s) in lower.iter_mut().zip(&b[i..i + n]) {
                            *d = s.to_ascii_lowercase();
                        }
                        let w = std::str::from_utf8(&lower[..n]).unwrap_or("");
                        function_caps += usize::from(lex.function.contains(w));
                    }
                }
                i += n.max(1);
                while i < b.len() && !matches!(b[i], b' ' | b',' | b';' | b'.' | b':' | b'!' | b'?' | b'\n') {
                    i += 1;
                }
            }
        }
    }
    caps >= 2 && function_caps >= 1
}

impl Pass for ClauseCase {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut cands = Vec::new();
        // `, The Word` candidates waiting for the document-wide `the Word` check.
        let mut pending_the: Vec<Candidate> = Vec::new();
        // The words of the candidates, and their index in `words`.
        let mut words: Vec<Word> = Vec::new();
        let mut ids: HashMap<Vec<u8>, usize> = HashMap::default();
        // Capitals mid-sentence (after a space after a word or number): the
        // document's evidence, looked at once the candidates' words are known.
        let mut mid: Vec<Mid> = Vec::new();
        // Which of them (index in `mid`) come right after ` the `.
        let mut after_the: Vec<usize> = Vec::new();
        let mut lower = [0u8; 32];
        // C104 edits, found on the way.
        let mut extra: Vec<Edit> = Vec::new();
        // C105 candidates: sentence openers glued to the sentence before
        // without its period.
        let mut run_ons: Vec<usize> = Vec::new();
        // The line holding the current mark: start, and end (its `\n` or
        // EOF), and whether it is prose once that is asked.
        let (mut ls, mut le) = (0usize, 0usize);
        let mut line_prose: Option<bool> = None;
        let mut first = true;
        // One walk over the capitals finds both the candidates (a capital one
        // to three bytes after `,` or `;`, only spaces between) and the
        // mid-sentence capitals.
        for j in Capitals::new(b) {
            if j < 1 {
                continue;
            }
            if b[j - 1] == b' ' && j >= 2 && b[j - 2].is_ascii_alphanumeric() {
                if b[j - 2] == b'e' && j >= 5 && b[j - 5..j - 1] == *b" the" {
                    after_the.push(mid.len());
                }
                mid.push(Mid { at: j, head: head8(b, j) });
                if b[j - 2].is_ascii_lowercase() {
                    self.mid_capital(b, j, &mut extra, &mut run_ons);
                }
                continue;
            }
            // The mark: the first non-space within two bytes before `j`.
            let mut i = j - 1;
            for _ in 0..2 {
                if b[i] == b' ' && i > 0 {
                    i -= 1;
                }
            }
            if !matches!(b[i], b',' | b';') || i == 0 {
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
            let kind = if self.lex.function.contains(word) {
                Kind::Function
            } else if self.lex.open.contains(word) {
                Kind::Open
            } else if self.inflected_open(word) {
                Kind::Inflected
            } else {
                Kind::Unknown
            };
            // What follows the word: a lowercase word or a number (after the
            // rest of a hyphenated word: `; New-generation technology`).
            let mut a = j + len;
            if b.get(a) == Some(&b'-') && b.get(a + 1).is_some_and(u8::is_ascii_lowercase) {
                a += 1 + letters_fwd(b, a + 1);
            }
            let follows_ok = match (b.get(a), b.get(a + 1)) {
                (Some(b' '), Some(&n)) => n.is_ascii_lowercase() || n.is_ascii_digit(),
                (Some(b','), Some(b' ')) => kind == Kind::Function && self.lex.connectives.iter().any(|c| c == word),
                _ => false,
            };
            let the_name = !follows_ok
                && word == "the"
                && b.get(a) == Some(&b' ')
                && b.get(a + 1).is_some_and(|c| c.is_ascii_uppercase());
            if !follows_ok && !the_name {
                continue;
            }
            // `Among them, Without the Communist Party There Would Be No New
            // China, …`: a run of capitalized words follows, so the capital
            // starts a title (a song, a book, a slogan), not a clause.
            if title_run_after(b, a, self.lex) {
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
                line_prose = None;
            }
            let prose = *line_prose.get_or_insert_with(|| is_prose(&b[ls..le]));
            let list = p.is_ascii_alphabetic() && {
                let mut k = i - letters_back(b, i);
                while k > 0 && b[k - 1] == b' ' {
                    k -= 1;
                }
                k > 0 && b[k - 1] == b','
            };
            if the_name {
                pending_the.push(Candidate { at: j, capital: b[j], len, kind: Kind::TheBeforeName, word: usize::MAX, list, prose });
            } else {
                let word = match ids.get(&lower[..len]) {
                    Some(&id) => id,
                    None => {
                        ids.insert(lower[..len].to_vec(), words.len());
                        words.push(Word { lower: lower[..len].to_vec(), kind, lo: 0, cap: 0 });
                        words.len() - 1
                    }
                };
                cands.push(Candidate { at: j, capital: b[j], len, kind, word, list, prose });
            }
        }
        if cands.is_empty() && pending_the.is_empty() {
            return finish(text, Vec::new(), extra, &run_ons);
        }
        count_mid_sentence(b, &mid, &after_the, &ids, &mut words, &mut pending_the);
        cands.extend(pending_the);
        if cands.is_empty() {
            return finish(text, Vec::new(), extra, &run_ons);
        }
        // Lowercase uses matter only where the decision needs them, and
        // only up to the count that decides: an unlisted word needs two,
        // a function word one more than its capitalized uses.
        let limits: Vec<(usize, u32)> = (words.iter().enumerate())
            .filter_map(|(id, w)| match w.kind {
                Kind::Unknown if w.cap == 0 => Some((id, 2)),
                Kind::Function if w.cap >= 2 => Some((id, w.cap + 1)),
                _ => None,
            })
            .collect();
        count_lowercase(b, &limits, &mut words);
        let decide = |c: &Candidate| {
            let (lo, cap) = words.get(c.word).map_or((0, 0), |w| (w.lo, w.cap));
            match c.kind {
                _ if !c.prose => None,
                // A function word the document capitalizes mid-sentence more
                // often than not is a defined term (`You` in a licence).
                Kind::Function if cap >= 2 && cap > lo => None,
                Kind::Function => Some((C101, Safe, R_LISTED)),
                Kind::Open if cap == 0 => Some((C101, Safe, R_LISTED)),
                Kind::Inflected if cap == 0 => Some((C101, Review, R_LISTED)),
                Kind::Unknown if cap == 0 && lo >= 2 => Some((C102, Review, R_EVIDENCE)),
                Kind::TheBeforeName => Some((C102, Review, R_THE)),
                _ => None,
            }
        };
        // Clause-by-clause translation: enough capitals after commas that
        // the rules above lowercase (see C103).
        let plain = |c: &Candidate| {
            words.get(c.word).is_some_and(|w| {
                c.prose && c.kind == Kind::Unknown && w.cap == 0 && std::str::from_utf8(&w.lower).is_ok_and(|l| self.lex.is_word(l))
            })
        };
        let segmented = cands.iter().filter(|c| c.kind != Kind::TheBeforeName && (decide(c).is_some() || plain(c))).count() >= SEGMENTED_MIN;
        let mut edits = Vec::with_capacity(cands.len());
        for c in cands.iter() {
            // A list item is not a clause: `quality, Internet and digital`.
            let decided = decide(c).or_else(|| (segmented && plain(c) && !c.list).then_some((C103, Review, R_SEGMENTED)));
            let Some((code, confidence, reason)) = decided else { continue };
            edits.push(Edit::replacement(c.at..c.at + 1, lower_letter(c.capital), code, confidence, reason));
        }
        finish(text, edits, extra, &run_ons)
    }
}

/// The pass's edits: those of C101–C103 (`edits`), then C105's periods
/// where a line holds enough run-on sentences (none in a document holding
/// code), then C104's (`extra`) where no period went and no code is near.
fn finish(text: &str, mut edits: Vec<Edit>, extra: Vec<Edit>, run_ons: &[usize]) -> Vec<Edit> {
    if extra.is_empty() && run_ons.len() < RUN_ON_MIN {
        return edits;
    }
    let b = text.as_bytes();
    let mut periods: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < run_ons.len() {
        // The run-ons of one line.
        let j = run_ons[k];
        let ls = memchr::memrchr(b'\n', &b[..j]).map_or(0, |x| x + 1);
        let le = memchr::memchr(b'\n', &b[j..]).map_or(b.len(), |x| j + x);
        let mut m = k;
        while m < run_ons.len() && run_ons[m] < le {
            m += 1;
        }
        let here = m - k;
        // Sentence ends the line does show (`. The`, `! We`, `? As`).
        let ends = memchr::memchr3_iter(b'.', b'!', b'?', &b[ls..le])
            .filter(|&x| b.get(ls + x + 1) == Some(&b' ') && b.get(ls + x + 2).is_some_and(u8::is_ascii_uppercase))
            .count();
        if here >= RUN_ON_MIN && le - ls >= RUN_ON_LINE && ends <= here {
            periods.extend_from_slice(&run_ons[k..m]);
        }
        k = m;
    }
    if !periods.is_empty() && has_code(text) {
        periods.clear();
    }
    for &j in &periods {
        edits.push(Edit::replacement(j - 1..j, ". ", C105, Review, R_RUN_ON));
    }
    edits.extend(extra.into_iter().filter(|e| periods.binary_search(&e.range.start).is_err() && !code_near(b, e.range.start, e.range.end)));
    edits.sort_by_key(|e| e.range.start);
    edits.dedup_by_key(|e| e.range.start);
    edits
}

/// C105: run-on sentences a line must hold, and the line's least length.
const RUN_ON_MIN: usize = 2;
const RUN_ON_LINE: usize = 200;

/// C105: capitalized words that open a sentence (and rarely stand
/// capitalized mid-sentence), lower case.
const OPENERS: [u64; 24] = [
    pack(b"the"), pack(b"more"), pack(b"on"), pack(b"in"), pack(b"what"), pack(b"according"), pack(b"this"), pack(b"these"), pack(b"it"),
    pack(b"we"), pack(b"they"), pack(b"there"), pack(b"however"), pack(b"meanwhile"), pack(b"at"), pack(b"after"), pack(b"since"),
    pack(b"during"), pack(b"moreover"), pack(b"besides"), pack(b"therefore"), pack(b"among"), pack(b"our"), pack(b"its"),
];

const R_RUN_ON: &str = "period restored between two sentences run together";

/// A lowercase word of one to eight ASCII letters as one number.
const fn pack(w: &[u8]) -> u64 {
    let mut x = 0u64;
    let mut k = 0;
    while k < w.len() && k < 8 {
        x |= (w[k] as u64) << (8 * k);
        k += 1;
    }
    x
}

/// C104: the closed-class words that, capitalized between two lowercase
/// words, can only be damage (`reported that The city`). No pinyin
/// syllable (`An`), month or modal verb (`May`, `Will`) among them.
const MID_FUNCTION: [u64; 16] = [
    pack(b"the"), pack(b"to"), pack(b"and"), pack(b"of"), pack(b"for"), pack(b"with"), pack(b"in"), pack(b"on"), pack(b"at"), pack(b"by"),
    pack(b"from"), pack(b"or"), pack(b"but"), pack(b"into"), pack(b"its"), pack(b"their"),
];

/// C104: closed-class words whose doubling with a capital (`we We are`)
/// is a sentence start joined on: the second is removed.
const DOUBLED: [u64; 2] = [pack(b"we"), pack(b"the")];

/// C104: words after which a capital opens quoted words or a title.
const QUOTING: [&[u8]; 20] = [
    b"print", b"prints", b"printed", b"output", b"outputs", b"display", b"displays", b"show", b"shows", b"says", b"said", b"read", b"reads", b"type", b"typed",
    b"called", b"named", b"titled", b"entitled", b"word",
];

impl ClauseCase {
    /// C104 and C105 at the capital `j`, after a space after a lowercase
    /// letter: a closed-class word capitalized mid-sentence (C104), or a
    /// sentence opener run on without its period (a C105 candidate).
    fn mid_capital(&self, b: &[u8], j: usize, edits: &mut Vec<Edit>, run_ons: &mut Vec<usize>) {
        let n = letters_fwd(b, j);
        // (`According` and `Meanwhile` have nine letters: packed by eight.)
        if !(2..=9).contains(&n) || b.get(j + n) != Some(&b' ') || !b[j + 1..j + n].iter().all(u8::is_ascii_lowercase) {
            return;
        }
        let mut w = [0u8; 9];
        for (d, c) in w.iter_mut().zip(&b[j..j + n]) {
            *d = c.to_ascii_lowercase();
        }
        // (The bytes after the word are zero: the same number as `pack`.)
        let key = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let opener = OPENERS.contains(&key) && (n <= 8 || &w[..n] == b"according" || &w[..n] == b"meanwhile");
        let function = n <= 5 && MID_FUNCTION.contains(&key);
        let doubled = n <= 3 && DOUBLED.contains(&key);
        if !(opener || function || doubled) {
            return;
        }
        // The word before: wholly lowercase, two letters or more, no part
        // of an address or identifier.
        let l = letters_back(b, j - 1);
        let ps = j - 1 - l;
        let prev = &b[ps..j - 1];
        if l < 2 || !prev.iter().all(u8::is_ascii_lowercase) || ps > 0 && (b[ps - 1].is_ascii_alphanumeric() || matches!(b[ps - 1], b'.' | b'/' | b'@' | b'_' | b'-' | b'#' | b'<' | b'=')) {
            return;
        }
        // `we We are`: the word written twice, the second one removed.
        if doubled && prev == &w[..n] {
            edits.push(Edit::deletion(j - 1..j + n, C104, Review, R_MID_DOUBLED));
            return;
        }
        let prev_function = std::str::from_utf8(prev).is_ok_and(|p| self.lex.function.contains(p));
        let a = j + n + 1;
        let m = letters_fwd(b, a);
        if opener && !prev_function {
            // C105: before a lowercase word, a number or a month.
            let next_ok = match b.get(a) {
                Some(c) if c.is_ascii_lowercase() => m >= 2 && b[a..a + m].iter().all(u8::is_ascii_lowercase),
                Some(c) if c.is_ascii_digit() => true,
                Some(c) if c.is_ascii_uppercase() => std::str::from_utf8(&b[a..a + m]).is_ok_and(|x| self.lex.is_month(&x.to_ascii_lowercase())),
                _ => false,
            };
            if next_ok {
                run_ons.push(j);
            }
            return;
        }
        // C104: not after a word that introduces quoted words or a title
        // (`will print The value`, `a book called The`), nor after an
        // article (`the From trait` names something); and only after a
        // closed-class word (`that The city`, `around The theme`): after a
        // content word a sentence may start there, its period lost
        // (`additive manufacturing The combination`, C105's case).
        if !function || !prev_function || QUOTING.iter().any(|q| prev.eq_ignore_ascii_case(q)) || matches!(prev, b"the" | b"a" | b"an") {
            return;
        }
        // The word after: lowercase, three letters or more, a dictionary
        // word and no closed-class one (`the song Over the Rainbow`).
        if !(3..=20).contains(&m) || !b[a..a + m].iter().all(u8::is_ascii_lowercase) || b.get(a + m).is_some_and(|c| matches!(c, b'_' | b'(' | b'=' | b'.' if b.get(a + m + 1).is_some_and(u8::is_ascii_alphanumeric))) {
            return;
        }
        let Ok(next) = std::str::from_utf8(&b[a..a + m]) else { return };
        // Nor a verb (`and From will be`: a name is the subject).
        const VERBS: [&str; 16] = ["will", "can", "may", "must", "should", "would", "could", "is", "are", "was", "were", "has", "have", "had", "does", "did"];
        if self.lex.function.contains(next) || VERBS.contains(&next) || !self.lex.is_word(next) {
            return;
        }
        edits.push(Edit::replacement(j..j + 1, lower_letter(b[j]), C104, Review, R_MID_FUNCTION));
    }
}

const R_MID_DOUBLED: &str = "closed-class word written twice, the second capitalized, removed";
const R_MID_FUNCTION: &str = "closed-class word capitalized mid-sentence lowercased";

/// How many clause capitals after commas make a document clause-segmented (C103).
const SEGMENTED_MIN: usize = 3;

/// A capital mid-sentence: its offset and the 8 bytes from there (zero past
/// the end of the text), so that most can be told apart from the words
/// that matter without going back to the text.
#[derive(Clone, Copy)]
struct Mid {
    at: usize,
    head: u64,
}

/// The 8 bytes of `b` from `at` as a little-endian number, zero past the end.
fn head8(b: &[u8], at: usize) -> u64 {
    let mut head = [0u8; 8];
    let n = (b.len() - at).min(8);
    head[..n].copy_from_slice(&b[at..at + n]);
    u64::from_le_bytes(head)
}

/// The first `len` (at most 8) bytes of `head`.
fn head_prefix(head: u64, len: usize) -> u64 {
    if len >= 8 {
        head
    } else {
        head & ((1 << (8 * len)) - 1)
    }
}

/// From the mid-sentence capitals `mid` (after a space after a word or
/// number), count the capitalized prose uses of `words` (their index in
/// `ids`); from those after ` the ` (`after_the`), keep the `, The Word`
/// candidates whose `Word` the document also writes after a lowercase `the`.
fn count_mid_sentence(
    b: &[u8],
    mid: &[Mid],
    after_the: &[usize],
    ids: &HashMap<Vec<u8>, usize>,
    words: &mut [Word],
    pending_the: &mut Vec<Candidate>,
) {
    if !pending_the.is_empty() {
        let word_at = |c: &Candidate| {
            let w = c.at + c.len + 1;
            &b[w..w + letters_fwd(b, w)]
        };
        let wanted: HashSet<&[u8]> = pending_the.iter().map(word_at).filter(|w| w.len() >= 2).collect();
        // Their first 8 bytes (zero-padded): most words after ` the ` differ
        // there, and those are at hand without going back to the text.
        let heads: HashSet<u64> = wanted.iter().map(|w| head8(w, 0)).collect();
        let mut seen: HashSet<&[u8]> = HashSet::default();
        for m in after_the.iter().map(|&x| mid[x]) {
            // The letters of the head: all 8, or a shorter word.
            let letters = high_bits_in(m.head | 0x2020_2020_2020_2020, b'a', b'z');
            let key = match (!letters & H).trailing_zeros() as usize / 8 {
                8 => m.head,
                n => head_prefix(m.head, n),
            };
            if heads.contains(&key) && the_found(b, m.at - 5) {
                let word = &b[m.at..m.at + letters_fwd(b, m.at)];
                if wanted.contains(word) {
                    seen.insert(word);
                }
            }
        }
        pending_the.retain(|c| seen.contains(word_at(c)));
    }
    if words.is_empty() {
        return;
    }
    // Which second letters follow each first letter among `words` (bit 26:
    // a one-letter word): most capitals are rejected on these two bytes.
    let mut second = [0u32; 26];
    // Words of up to 7 letters by their bytes (little-endian, zero-padded),
    // and how many longer words still to count start with each 8 bytes.
    let mut short: HashMap<u64, usize> = HashMap::default();
    let mut long: HashMap<u64, u32> = HashMap::default();
    for (id, w) in words.iter().enumerate() {
        let c1 = w.lower.get(1).map_or(26, |c| c - b'a');
        second[usize::from(w.lower[0] - b'a')] |= 1 << c1;
        if w.lower.len() < 8 {
            short.insert(head8(&w.lower, 0), id);
        } else {
            *long.entry(head8(&w.lower, 0)).or_default() += 1;
        }
    }
    let mut lower = [0u8; 32];
    // The line of the last use looked at: start, end, is it prose.
    let mut line: Option<(usize, usize, bool)> = None;
    for m in mid {
        let (k, head) = (m.at, m.head);
        let c1 = match (head >> 8) as u8 {
            c if c.is_ascii_lowercase() => c - b'a',
            c if c.is_ascii_alphabetic() => continue,
            _ => 26,
        };
        if second[usize::from(head as u8 - b'A')] & 1 << c1 == 0 {
            continue;
        }
        // The word: the capital and the lowercase letters after it.
        let not_lower = !high_bits_in(head, b'a', b'z') & H & !0x80;
        let id = if not_lower != 0 {
            let len = not_lower.trailing_zeros() as usize / 8;
            if ((head >> (8 * len)) as u8).is_ascii_alphabetic() {
                continue;
            }
            let key = head_prefix(head, len) | 0x20;
            match short.get(&key) {
                Some(&id) => id,
                None => continue,
            }
        } else {
            if long.get(&(head | 0x20)).is_none_or(|&n| n == 0) {
                continue;
            }
            let len = letters_fwd(b, k);
            if len > lower.len() || !b[k + 1..k + len].iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            for (d, c) in lower.iter_mut().zip(&b[k..k + len]) {
                *d = c.to_ascii_lowercase();
            }
            match ids.get(&lower[..len]) {
                Some(&id) => id,
                None => continue,
            }
        };
        // Only a function word's count matters beyond the first use.
        if words[id].cap > 0 && words[id].kind != Kind::Function {
            continue;
        }
        let prose = match line {
            Some((_, e, p)) if k < e => p,
            _ => {
                // Uses come in order: the line starts after the last line's end.
                let from = line.map_or(0, |(_, e, _)| e);
                let ls = memchr::memrchr(b'\n', &b[from..k]).map_or(from, |x| from + x + 1);
                let le = memchr::memchr(b'\n', &b[k..]).map_or(b.len(), |x| k + x);
                let p = is_prose(&b[ls..le]);
                line = Some((ls, le, p));
                p
            }
        };
        if prose {
            words[id].cap += 1;
            if words[id].kind != Kind::Function && words[id].lower.len() >= 8 {
                if let Some(n) = long.get_mut(&(head | 0x20)) {
                    *n -= 1;
                }
            }
        }
    }
}

/// Is the ` the ` at `q` one that a left-to-right search for
/// non-overlapping ` the ` reports? Occurrences overlap in their spaces
/// (` the the `): of a chain of them every other one is reported, from the
/// first on.
fn the_found(b: &[u8], q: usize) -> bool {
    let mut before = 0;
    let mut p = q;
    while p >= 4 && &b[p - 4..p + 1] == b" the " {
        before += 1;
        p -= 4;
    }
    before % 2 == 0
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

/// Count the lowercase mid-sentence uses (after a space that follows a
/// word, number or comma) of the words `limits` names, each up to its limit
/// (`Word::lo`). One multi-pattern (Teddy) scan for ` word`, dropping words
/// as they reach their limit; a substring scan per word where no packed
/// searcher can be built.
fn count_lowercase(b: &[u8], limits: &[(usize, u32)], words: &mut [Word]) {
    let mut active: Vec<(usize, u32)> = limits.to_vec();
    let mut from = 0;
    while !active.is_empty() {
        let pats: Vec<Vec<u8>> = active.iter().map(|&(id, _)| [b" ", &words[id].lower[..]].concat()).collect();
        let searcher = (active.len() <= 64)
            .then(|| {
                aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostLongest)
                    .builder()
                    .extend(&pats)
                    .build()
            })
            .flatten();
        let Some(searcher) = searcher else {
            for (&(id, limit), pat) in active.iter().zip(&pats) {
                words[id].lo += count_lowercase_from(b, pat, from, limit - words[id].lo);
            }
            return;
        };
        // Scan until a word reaches its limit (then search again without it).
        let mut done = false;
        while let Some(m) = searcher.find_in(b, aho_corasick::Span::from(from..b.len())) {
            from = m.end();
            if lowercase_use(b, m.start(), m.end()) {
                let (id, limit) = active[m.pattern().as_usize()];
                words[id].lo += 1;
                if words[id].lo >= limit {
                    done = true;
                    break;
                }
            }
        }
        if !done {
            return;
        }
        active.retain(|&(id, limit)| words[id].lo < limit);
    }
}

/// Is the ` word` at `sp..end` (its leading space at `sp`) a whole word
/// after a word, number or comma?
fn lowercase_use(b: &[u8], sp: usize, end: usize) -> bool {
    let k = sp + 1;
    if k < 2 || b.get(end).is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    b[k - 2].is_ascii_alphanumeric() || b[k - 2] == b','
}

/// Lowercase mid-sentence uses of ` word` (`pat`, its leading space
/// included) starting at or after `from`, counted up to `limit`: one SIMD
/// substring scan.
fn count_lowercase_from(b: &[u8], pat: &[u8], from: usize, limit: u32) -> u32 {
    let mut n = 0;
    if limit == 0 {
        return 0;
    }
    for sp in memchr::memmem::find_iter(&b[from..], pat) {
        if lowercase_use(b, from + sp, from + sp + pat.len()) {
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
    use crate::passes::kit::testing::{assert_fixes, assert_fixes_with, assert_no_edits, edit_count};

    #[test]
    fn keeps_defined_term_capitalized_throughout_document() {
        // Licences capitalize a defined `You`; after a comma it stays.
        assert_no_edits(
            "If You distribute the Work, You must give notice. The rights granted to You end when You sue.\n",
        );
    }

    #[test]
    fn keeps_title_case_titles_after_a_comma() {
        // fixtures/pages/122 (txchina.com): song titles listed after `Among them,`.
        assert_no_edits("Among them, Without the Communist Party There Would Be No New China, Unity is Strength and other songs were sung.\n");
        assert_fixes("forces,It is emphasized that the Party Congress opened", "forces, it is emphasized that the Party Congress opened");
    }

    #[test]
    fn embedded_word_list_keeps_names_and_months_out() {
        let l = crate::text::lexicon::lexicon().unwrap();
        assert!(l.function.contains("it") && l.function.contains("the") && l.open.contains("build"));
        assert!(!l.function.contains("may") && !l.open.contains("will") && !l.function.contains("i"));
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
        assert_fixes_with(&["C101"], "implemented in the same year, Completed in that year", "implemented in the same year, completed in that year");
        assert_fixes_with(&["C101"], "the county government, Adhering to the people first", "the county government, adhering to the people first");
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
    fn evidence_for_words_longer_than_eight_letters() {
        let text = "the internationalization effort and internationalization plans grew, Internationalization leads.";
        assert_eq!(edit_count(text, "C102"), 1);
        let text = "It met the internationalization effort, internationalization plans and Internationalization Fund grew, Internationalization leads.";
        assert_eq!(edit_count(text, "C102"), 0);
    }

    #[test]
    fn hyphenated_word_after_semicolon_is_lowercased_by_evidence() {
        assert_fixes(
            "Exports grew in the new year, with new-generation products leading. Textiles made 3.2 billion yuan, up 11.7%; New-generation devices made 8.3 billion yuan, up 17.5%; Hi-tech equipment made 1.1 billion yuan, up 22.2%; New energy cars made 2.0 billion yuan.",
            "Exports grew in the new year, with new-generation products leading. Textiles made 3.2 billion yuan, up 11.7%; new-generation devices made 8.3 billion yuan, up 17.5%; hi-tech equipment made 1.1 billion yuan, up 22.2%; new energy cars made 2.0 billion yuan.",
        );
    }

    #[test]
    fn the_word_evidence_counts_non_overlapping_the() {
        // ` the ` is found left to right without overlap: in `the the General`
        // the second `the` is not seen, in `the the the General` the third is.
        // (P306 would take the doubled `the` off first: only C102 here.)
        let s = "He met the the General Secretary. In spring, when flowers blossomed, The General Secretary visited.";
        assert_fixes_with(&["C102"], s, s);
        assert_fixes_with(
            &["C102"],
            "He met the the the General Secretary. In spring, when flowers blossomed, The General Secretary visited.",
            "He met the the the General Secretary. In spring, when flowers blossomed, the General Secretary visited.",
        );
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
