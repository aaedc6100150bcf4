//! Quotes glued to words (family P, rules P201–P203), possessives that
//! lost their apostrophe (P204), apostrophes cut off by a space (P205) and
//! curly quotes typed twice (P210).
//!
//! Machine translation drops the spaces around quoted titles:
//! `day"The first meeting of the new year"All`. Quotes are paired line by
//! line (straight quotes in order, curly quotes by direction) so the outside
//! of each quote is known; only the outside gets a space. Lines whose quotes
//! do not pair cleanly are left alone. Apostrophes (`Guangdong's`) are never
//! treated as quotes.

use crate::edit::{
    Confidence::{Review, Safe},
    Edit,
};
use crate::error::Result;
use crate::passes::kit::{Context, Pass, Setup};

crate::declare_rules! { pass = "quotes";
    /// ## What it fixes
    /// A straight or curly double quote glued to a word on its outside gets a
    /// space: the opening quote after a word (or after `,` `;` `:` that
    /// follow a word or a closing quote), the closing quote before one.
    ///
    /// ## Example
    /// ```text
    /// provinces were held on this day"The first meeting of the new year"All localities have gathered
    /// ```
    /// Becomes:
    /// ```text
    /// provinces were held on this day "The first meeting of the new year" All localities have gathered
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He called it “the first meeting of the new year” and said, “We will work hard.”
    /// “The Party Central Committee has always insisted on ‘two unwavering’ and ‘three unchanged’.”
    /// Guangdong's "first meeting" and the 21" screen and 5" 6" sizes
    /// 不断增强高质量发展“硬实力”。
    /// ```
    ///
    /// ## Why safe
    /// Straight quotes are paired in order on a line and the line is skipped
    /// unless there is an even number of them and every pair hugs its text
    /// (no space just inside); curly quotes must alternate `“ ”` on the line.
    /// A space is inserted only between the quote and an ASCII letter or
    /// digit, so Chinese quotation (`发展“硬实力”`) is untouched.
    P201 = ("glued-quote", Safe, true, "space inserted outside a quote glued to a word");
    /// ## What it fixes
    /// A curly double quote pointing the wrong way: a closing quote `”` that
    /// opens a quotation (at a line start, after a space, or glued to the
    /// word or comma before it: `this”bowl”`, `,”profiteers”`, before a word;
    /// or, reading the line's quotes in order, where none is open, glued
    /// after a sentence's end before a capital: `83%.”The 24 projects …
    /// projects.”Zhenjiang`) becomes `“`, and a closing quote between a word and `s`
    /// (`company”s`) is the apostrophe `’` it was meant to be.
    ///
    /// ## Example
    /// ```text
    /// ”The Chinese market is too important” “This is an opportunity”, the exhibitors said.
    /// ```
    /// Becomes:
    /// ```text
    /// “The Chinese market is too important” “This is an opportunity”, the exhibitors said.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// He inquired about the company”s operation and “future plans”.
    /// Projects took 83%.”The 24 projects are mature,” Wang said.
    /// It grows chili peppers, tomatoes, etc., “said Shao Shiyou, the manager.
    /// ```
    /// Becomes:
    /// ```text
    /// He inquired about the company’s operation and “future plans”.
    /// Projects took 83%. “The 24 projects are mature,” Wang said.
    /// It grows chili peppers, tomatoes, etc.,” said Shao Shiyou, the manager.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// They asked: “Does she need to stay at home?””Do I need a test?” Party members answered.
    /// They offer “micro services”. It covered the village.”Long at all levels, the staff work.
    /// ```
    /// Becomes:
    /// ```text
    /// They asked: “Does she need to stay at home?” “Do I need a test?” Party members answered.
    /// They offer “micro services”. It covered the village. “Long at all levels, the staff work.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He said “yes” and ”no and “maybe”.
    /// the “Gold Company”s plan stays.
    /// ```
    ///
    /// ## Why safe
    /// The line's curly double quotes must pair as `“ ”` once the quote is
    /// turned (or, for `”s`, once it is read as an apostrophe); otherwise the
    /// line is left alone; but an opening quote that ends the line's quotes
    /// between `, ` and a quoting verb (`said`, `added`, …) closes one. Read in order, the last quotation may stay open
    /// (it runs on into the next paragraph) only when two quotes or more
    /// were turned on the line, or one, the line's last, after an opening
    /// quote (so the line did not begin inside a quotation). Two closing
    /// quotes in a row are a quotation closed and the next opened when the
    /// line then reads in order to its end (`home?” “Do`); otherwise one
    /// of them was typed twice (P210). A turned quote glued after a sentence gets
    /// its space, and a closing one glued to the next word too (P201).
    P202 = ("misdirected-curly-quote", Safe, true, "curly quote turned the right way");
    /// ## What it fixes
    /// A space just inside a quotation on one side: `the "safety week "
    /// campaign` → `the "safety week" campaign`.
    ///
    /// ## Example
    /// ```text
    /// the "safety week " campaign and the “ green city” plan
    /// from “ Made in China” to smart manufacturing” since then
    /// ```
    /// Becomes:
    /// ```text
    /// the "safety week" campaign and the “green city” plan
    /// from “Made in China” to smart manufacturing” since then
    /// ```
    ///
    /// ## Example
    /// ```text
    /// the construction of “ priority discipline fast year ” action is
    /// ```
    /// Becomes:
    /// ```text
    /// the construction of “priority discipline fast year” action is
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He said " . and " then left.
    /// Sizes 5" and 6 " here.
    /// ```
    ///
    /// ## Why safe
    /// Straight quotes must pair on the line, every pair hugging its text on
    /// at least one side, with a word just inside and a space, sentence mark
    /// or line end just outside the loose side; curly quotes must alternate
    /// `“ ”`, or (on a line where they do not) an opening `“` and a space
    /// must be followed by a word and, as the next quote, a closing `”`
    /// glued to a word. A quotation with spaces on both sides loses both
    /// only when it is short (one to eight words, no Chinese) and stands
    /// between boundaries: a curly pair, whose direction is certain, or a
    /// straight pair that is the line's only one and names something (a
    /// capital or digit first).
    P203 = ("space-inside-quote", Safe, true, "space just inside a quotation removed");
    /// ## What it fixes
    /// A possessive whose apostrophe was dropped: a place name with a bare
    /// `s` before another word (`East Chinas Shanghai`), a phrase that is
    /// never right without one (`this years Spring Festival`), or a noun in
    /// consonant + `y` with a bare `s` (`the companys plan`).
    ///
    /// ## Example
    /// ```text
    /// Travel for this years Spring Festival peaked in East Chinas Shanghai and Hong Kongs airport, the companys plan.
    /// ```
    /// Becomes:
    /// ```text
    /// Travel for this year's Spring Festival peaked in East China's Shanghai and Hong Kong's airport, the company's plan.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// In these years Guangdong's exports grew; the Americas and the two Chinas, and Chinas; the days were good, and the companys.
    /// ```
    ///
    /// ## Why review
    /// The names (`rules/possessives.txt`) are ones whose form with a bare `s`
    /// is not a word, and a function word must not follow (`the two Chinas
    /// and`); still, `the two Chinas met` is a plural. A `-ys` word must be
    /// no dictionary word, its stem one (`company`), with a consonant before
    /// the `y` (`days` is a plural). An editor should look.
    ///
    /// ## Data
    /// `rules/possessives.txt`.
    P204 = ("lost-possessive-apostrophe", Review, true, "apostrophe of a possessive restored");
    /// ## What it fixes
    /// An apostrophe cut off from its word by a space: a possessive `'s`
    /// after a space (`Xi Jinping ’s speech`, `McIlvaine 'sPumps`, a noun
    /// after a determiner: `the nation ’s cities`) or before
    /// one (`the city' s plan`), and the syllable mark of a pinyin place
    /// name (`Xi 'an`, `Yan ‘an`, a left quote turned into `’`); and the
    /// apostrophe of a plural possessive glued to the next word, which gets
    /// its space (`Teachers'group` → `Teachers' group`), as does a
    /// possessive glued to a capitalized word (`China'sJiangsu`); and a
    /// left quote written for a possessive's apostrophe (`people‘s dream`);
    /// and a negative contraction split after its auxiliary (`Do n’t`).
    ///
    /// ## Example
    /// ```text
    /// Xi Jinping ’s speech on the city' s plan in Xi 'an and Yan ‘an, and McIlvaine 'sPumps report.
    /// The Teachers'group heard student representatives'speeches in east China'sJiangsu Province.
    /// It became one of the nation ’s civilized cities. Most people‘s dream. From 7 o ‘clock to 9 o' clock in De‘wang Library.
    /// Do n’t forget: it is n't over, we ca n't stop.
    /// ```
    /// Becomes:
    /// ```text
    /// Xi Jinping’s speech on the city's plan in Xi'an and Yan’an, and McIlvaine's Pumps report.
    /// The Teachers' group heard student representatives' speeches in east China's Jiangsu Province.
    /// It became one of the nation’s civilized cities. Most people’s dream. From 7 o’clock to 9 o'clock in De’wang Library.
    /// Don’t forget: it isn't over, we can't stop.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// the suffix 'ship' and the letter 's' and rock 'n' roll; the 'same' plan; Xi 'is' here; ' s and 's
    /// the 'new class'rule and the 'blues'dance' and chess'set
    /// the tools by cloning ’s items and the word 's' here and the ‘s’ key
    /// ```
    ///
    /// ## Why review
    /// `'s` standing alone is never English, but a single-quoted word could
    /// start with `s` (`'s'`), so only a space, a sentence mark or a
    /// capitalized word may follow the `s`; a syllable mark needs a pinyin
    /// syllable on both sides. An editor should still look.
    P205 = ("loose-apostrophe", Review, true, "space around an apostrophe removed");
    /// ## What it fixes
    /// A negative contraction whose apostrophe was lost (a scraper or an
    /// encoding step dropped it): `couldnt` → `couldn't`, `dont` → `don't`.
    ///
    /// ## Example
    /// ```text
    /// We couldnt enjoy the trip, and they dont comment; it isnt over.
    /// ```
    /// Becomes:
    /// ```text
    /// We couldn't enjoy the trip, and they don't comment; it isn't over.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He cant speak; the wont of the town; a dont_care flag and www.dont.com and Dontsova.
    /// ```
    ///
    /// ## Why review
    /// Only the `n't` forms that are no other word are taken (not `cant`,
    /// `wont`), written in lowercase or with a capital first letter, as a
    /// whole word (not inside an identifier, an address or a longer word).
    /// A name could still be spelt so.
    P206 = ("lost-contraction-apostrophe", Review, true, "apostrophe of a negative contraction restored");
    /// ## What it fixes
    /// An apostrophe written twice inside a word, as a database escapes it
    /// (`''` in SQL) and a scraper keeps it: `company''s` → `company's`,
    /// `don''t` → `don't`.
    ///
    /// ## Example
    /// ```text
    /// The company''s leaders said they don''t expect delays to the teachers'' homes.
    /// ```
    /// Becomes:
    /// ```text
    /// The company's leaders said they don't expect delays to the teachers' homes.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He wrote ''quoted'' words, the 5'' pipe, a''b and it''salright.
    /// ```
    ///
    /// ## Why safe
    /// Only two straight apostrophes between a letter and the end of a
    /// contraction or possessive (`s`, `t`, `ll`, `re`, `ve`, `d`, `m`,
    /// then no letter), or after the `s` of a plural before a lowercase word
    /// on a line without TeX or wiki quotes: English never doubles an
    /// apostrophe there.
    P207 = ("doubled-apostrophe", Safe, true, "apostrophe escaped twice made single");
    /// ## What it fixes
    /// A straight double quote written for an apostrophe, between a word
    /// and the end of a possessive or contraction (`Jiangsu"s future`,
    /// `Let"s go`, `don"t`), where it pairs with no other quote; an acute
    /// accent between two letters (`Xi´an`, `company´s`).
    ///
    /// ## Example
    /// ```text
    /// At this year"s summit, Let"s look at Jiangsu"s "future plans" in Xi´an.
    /// ```
    /// Becomes:
    /// ```text
    /// At this year's summit, Let's look at Jiangsu's "future plans" in Xi'an.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He praised "Made in China"s rise, and the 21"s screen.
    /// ```
    ///
    /// ## Why safe
    /// Only a quote between a letter and `s`, `t`, `ll`, `re`, `ve`, `d` or
    /// `m` with no letter after, and only when the line's other straight
    /// quotes pair up without it: read as a quote, it would leave one
    /// unpaired. An acute accent stands between two letters in no English
    /// word.
    P208 = ("quote-for-apostrophe", Safe, true, "double quote written for an apostrophe");
    /// ## What it fixes
    /// A quotation that ends in a period before its attribution: the period
    /// becomes a comma (`stories.” said Li` → `stories,” said Li`).
    ///
    /// ## Example
    /// ```text
    /// “We will tell their stories.” said Rong, and "It works." he added.
    /// ```
    /// Becomes:
    /// ```text
    /// “We will tell their stories,” said Rong, and "It works," he added.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// “We will go.” Said to be the first, it was. No: “Go.” She said so, in the “U.S.” said Li.
    /// ```
    ///
    /// ## Why review
    /// Only a period right before a closing quote that a lowercase
    /// attribution follows (`said`, `says`, `added`, `noted`, ... alone or
    /// after `he`, `she`, `they`, `it`), which English punctuates with a
    /// comma. An abbreviation ending the quotation (`U.S.`) is left alone.
    P209 = ("period-before-attribution", Review, true, "period before a quotation's attribution becomes a comma");
    /// ## What it fixes
    /// A curly double quote typed twice in English text (`of ““Remain
    /// True`, `repaired.””Ms.`): one is removed (the spaces the quotation
    /// needs come from P201 on the next round).
    ///
    /// ## Example
    /// ```text
    /// the speech competition of ““Remain True to Our Original Aspiration” was held.
    /// ```
    /// Becomes:
    /// ```text
    /// the speech competition of “Remain True to Our Original Aspiration” was held.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 他说““硬实力””很重要。
    /// He said “yes” “no”.
    /// ```
    ///
    /// ## Why safe
    /// Two identical curly quotes side by side never open or close two
    /// quotations at once; the pair is touched only with ASCII text on both
    /// sides, so Chinese typography is left alone.
    P210 = ("doubled-curly-quote", Safe, true, "curly quote typed twice made single");
}

const R_DOUBLED_QUOTE: &str = "curly quote typed twice made single";

const R_CONTRACTION: &str = "apostrophe of a negative contraction restored";

/// Negative contractions without their apostrophe that are no English word.
const CONTRACTIONS: [&str; 15] = [
    "dont", "doesnt", "didnt", "couldnt", "wouldnt", "shouldnt", "isnt", "wasnt", "arent", "werent", "hasnt", "havent",
    "hadnt", "mustnt", "neednt",
];

/// P206 in `range`: candidates are the `nt` pairs ending a word.
fn lost_contractions(text: &str, range: std::ops::Range<usize>, edits: &mut Vec<Edit>) {
    let b = text.as_bytes();
    for k in memchr::memmem::find_iter(&b[range.clone()], b"nt") {
        let e = range.start + k + 2;
        if b.get(e).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'\'' | b'@' | b'/' | 0xE2))
            || b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            continue;
        }
        let n = b[..e].iter().rev().take(9).take_while(|c| c.is_ascii_alphabetic()).count();
        let s = e - n;
        if !(4..=8).contains(&n) || s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'_' | b'.' | b'/' | b'@' | b'-' | b'\'')) {
            continue;
        }
        let w = &b[s..e];
        let lower = w[0].to_ascii_lowercase();
        if !w[1..].iter().all(u8::is_ascii_lowercase) {
            continue;
        }
        let matches = CONTRACTIONS.iter().any(|c| {
            let c = c.as_bytes();
            c.len() == n && c[0] == lower && c[1..] == w[1..]
        });
        if matches {
            edits.push(Edit::insertion(e - 1, "'", P206, Review, R_CONTRACTION));
        }
    }
}

const R_DOUBLED: &str = "apostrophe escaped twice made single";

/// Is the `''` at `i` a plural's possessive escaped twice (`teachers''
/// humor`): after `s` ending a word of four letters or more, before a space
/// and a lowercase word, on a line with no TeX or wiki quotes (`` ``x'' ``,
/// ` ''x''`)?
fn plural_possessive(b: &[u8], i: usize) -> bool {
    if b[i - 1] != b's' || b.get(i + 2) != Some(&b' ') || !b.get(i + 3).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    if b[..i].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count() < 4 {
        return false;
    }
    let ls = memchr::memrchr(b'\n', &b[..i]).map_or(0, |k| k + 1);
    let le = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
    let line = &b[ls..le];
    let opened = memchr::memmem::find_iter(line, b"''").any(|k| k == 0 || !line[k - 1].is_ascii_alphabetic());
    !opened && memchr::memmem::find(line, b"``").is_none()
}

/// P207 in `range`: `''` after a letter and before the end of a
/// contraction or possessive.
fn doubled_apostrophes(text: &str, range: std::ops::Range<usize>, edits: &mut Vec<Edit>) {
    let b = text.as_bytes();
    for k in memchr::memmem::find_iter(&b[range.clone()], b"''") {
        let i = range.start + k;
        if i == 0 || !b[i - 1].is_ascii_alphabetic() || b.get(i + 2) == Some(&b'\'') {
            continue;
        }
        if contraction(&b[i + 2..]) || plural_possessive(b, i) {
            edits.push(Edit::deletion(i..i + 1, P207, Safe, R_DOUBLED));
        }
    }
}

const R_LOOSE: &str = "space around an apostrophe removed";
const R_LEFT_APOSTROPHE: &str = "left quote written for the apostrophe of a possessive";
const R_POSSESSIVE_GLUED: &str = "space inserted after a possessive glued to the capitalized word after it";
const R_PLURAL_GLUED: &str = "space inserted after the apostrophe of a plural possessive glued to the next word";

/// Words that open a noun phrase: a lowercase word after one of them, then
/// ` ’s `, is a possessive that lost its place (`the nation ’s`).
const DETERMINERS: [&str; 11] = ["the", "our", "this", "that", "its", "their", "his", "her", "each", "every", "whole"];

/// After a possessive `'s`: a space, a sentence mark or the end.
fn ends_possessive(c: Option<&u8>) -> bool {
    c.is_none_or(|c| matches!(c, b' ' | b',' | b'.' | b';' | b':' | b'!' | b'?' | b')' | b'\n' | b'\r'))
}

/// P205 on the apostrophes (`'`, `’`) in `range` of `text`.
fn loose_apostrophes(text: &str, range: std::ops::Range<usize>, function: &crate::fasthash::FxHashSet<String>, edits: &mut Vec<Edit>) {
    let b = text.as_bytes();
    let letters_before = |k: usize| b[..k].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
    for i in memchr::memchr3_iter(b'\'', 0x99, 0x98, &b[range.clone()]).map(|i| range.start + i) {
        let (a, n) = match b[i] {
            b'\'' => (i, 1),
            _ if i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => (i - 2, 3),
            _ => continue,
        };
        // A left single quote (`Xi ‘an`) can only be a syllable mark here.
        let left = b[i] == 0x98;
        let after = a + n;
        // `from 7 o ‘clock`: the apostrophe of `o’clock` cut off by a space
        // or turned.
        let o_at = if a >= 1 && b[a - 1] == b' ' { a - 1 } else { a };
        let o_word = o_at >= 1 && b[o_at - 1] == b'o' && (o_at == 1 || !b[o_at - 2].is_ascii_alphanumeric());
        let clock = if b.get(after) == Some(&b' ') { after + 1 } else { after };
        if o_word && b[clock..].starts_with(b"clock") && b.get(clock + 5).is_none_or(|c| !c.is_ascii_alphanumeric()) {
            if o_at < a || clock > after || left {
                let mark = if n == 1 { "'" } else { "\u{2019}" };
                edits.push(Edit::replacement(o_at..clock, mark, P205, Review, R_LOOSE));
            }
            continue;
        }
        // `Do n’t forget`: a negative contraction split as a tokenizer
        // splits it, after an auxiliary (`ca n't`, `wo n't` too).
        if a >= 3 && b[a - 1] == b'n' && b[a - 2] == b' ' && b.get(after) == Some(&b't') && b.get(after + 1).is_none_or(|c| !c.is_ascii_alphanumeric()) {
            let l = letters_before(a - 2);
            let s = a - 2 - l;
            let aux = (s == 0 || !b[s - 1].is_ascii_alphanumeric())
                && matches!(
                    text[s..a - 2].to_ascii_lowercase().as_str(),
                    "do" | "does" | "did" | "is" | "are" | "was" | "were" | "has" | "have" | "had" | "ca" | "wo" | "could" | "would" | "should" | "must" | "need"
                );
            if aux {
                edits.push(Edit::deletion(a - 2..a - 1, P205, Review, R_LOOSE));
                continue;
            }
        }
        // `people‘s biggest dream`: a left quote between a word and a lone
        // `s` is the apostrophe of a possessive or contraction (nothing
        // opens a quotation glued to the word before it).
        if left && a >= 2 && b[a - 1].is_ascii_lowercase() && b[a - 2].is_ascii_alphabetic() && b.get(after) == Some(&b's') && b.get(after + 1) == Some(&b' ') {
            edits.push(Edit::replacement(a..after, "\u{2019}", P205, Review, R_LEFT_APOSTROPHE));
            continue;
        }
        // `De‘wang Library`: inside a name, between two pinyin syllables
        // (no single quote closes right after, as in a glued `the‘new’`).
        let l = letters_before(a);
        if left && (2..=6).contains(&l) && b[a - l].is_ascii_uppercase() && b[a - l + 1..a].iter().all(u8::is_ascii_lowercase) && (a == l || !b[a - l - 1].is_ascii_alphanumeric()) {
            let n = b[after..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            let closed = b[after + n..].starts_with("\u{2019}".as_bytes()) || b[after + n..].starts_with(b"'");
            let syllables = std::str::from_utf8(&b[a - l..a]).is_ok_and(|w| crate::text::words::is_pinyin_syllable(&w.to_ascii_lowercase()))
                && std::str::from_utf8(&b[after..after + n]).is_ok_and(crate::text::words::is_pinyin);
            if n >= 2 && !closed && syllables {
                edits.push(Edit::replacement(a..after, "\u{2019}", P205, Review, R_LEFT_APOSTROPHE));
                continue;
            }
        }
        // `word 's`: a word, a space, the apostrophe, then `s`.
        // (Not after a closed-class word: `and 's` is no possessive.)
        let noun_before = |k: usize| {
            let l = letters_before(k);
            l >= 2 && !function.contains(text[k - l..k].to_ascii_lowercase().as_str())
        };
        // Before a space, only after a name (`Macau ’s`): a verb or
        // preposition there (`by cloning ’s items`) means a word was lost.
        let name_before = |k: usize| noun_before(k) && b[k - letters_before(k)].is_ascii_uppercase();
        // Or after a lowercase noun that a determiner opens (`the nation
        // ’s civilized cities`): `the`, `our`, `this` … stand before a noun.
        let determined = |k: usize| {
            let l = letters_before(k);
            let s = k - l;
            l >= 3 && noun_before(k) && s >= 2 && b[s - 1] == b' ' && {
                let d = letters_before(s - 1);
                let w = &b[s - 1 - d..s - 1];
                (s - 1 - d == 0 || !b[s - 2 - d].is_ascii_alphanumeric())
                    && DETERMINERS.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
            }
        };
        if !left && a >= 2 && b[a - 1] == b' ' && b.get(after) == Some(&b's') && (name_before(a - 1) || ends_possessive(b.get(after + 1)) && b.get(after + 1) == Some(&b' ') && determined(a - 1)) {
            let next = b.get(after + 1);
            if ends_possessive(next) {
                edits.push(Edit::deletion(a - 1..a, P205, Review, R_LOOSE));
            } else if next.is_some_and(u8::is_ascii_uppercase) && b.get(after + 2).is_some_and(u8::is_ascii_lowercase) {
                // `McIlvaine 'sPumps`: the space moves after the `s`.
                let mut rep = String::with_capacity(n + 2);
                rep.push_str(&text[a..after + 1]);
                rep.push(' ');
                edits.push(Edit::replacement(a - 1..after + 1, rep, P205, Review, R_LOOSE));
            }
            continue;
        }
        // `city' s`: a word, the apostrophe, a space, then a lone `s`.
        if !left && a >= 2 && noun_before(a) && b.get(after) == Some(&b' ') && b.get(after + 1) == Some(&b's') && ends_possessive(b.get(after + 2)) {
            // Not a closing quote: no opening quote earlier on the line.
            let line = memchr::memrchr(b'\n', &b[..a]).map_or(0, |k| k + 1);
            let opened = if n == 1 {
                memchr::memchr_iter(b'\'', &b[line..a]).any(|k| k == 0 || !b[line + k - 1].is_ascii_alphanumeric())
            } else {
                memchr::memmem::find(&b[line..a], "‘".as_bytes()).is_some()
            };
            if !opened {
                edits.push(Edit::deletion(after..after + 1, P205, Review, R_LOOSE));
            }
            continue;
        }
        // `employees 'awareness`: the apostrophe of a plural possessive cut
        // off from its `s` and glued to the next word, when no quote on the
        // rest of the line could close it as a quotation.
        if !left && n == 1 && a >= 5 && b[a - 1] == b' ' && b[a - 2] == b's' && b.get(after).is_some_and(u8::is_ascii_lowercase) {
            let l = letters_before(a - 1);
            let r = b[after..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            let line_end = memchr::memchr(b'\n', &b[after..]).map_or(b.len(), |k| after + k);
            // A closer: any quote within 40 bytes (a quoted term is short),
            // or one further on that is no plural possessive (`s' word`).
            let closes_later = memchr::memchr_iter(b'\'', &b[after..line_end]).map(|k| after + k).any(|q| {
                let possessive = b[q - 1] == b's' && b.get(q + 1) == Some(&b' ') && b.get(q + 2).is_some_and(u8::is_ascii_lowercase);
                q - after <= 40 || !possessive
            }) || memchr::memmem::find(&b[after..line_end], "\u{2019}".as_bytes()).is_some();
            let word = &text[a - 1 - l..a - 1];
            if l >= 4
                && r >= 3
                && word.bytes().all(|c| c.is_ascii_lowercase())
                && !word.ends_with("ss")
                && !function.contains(word)
                && b.get(after + r).is_none_or(|c| !c.is_ascii_alphanumeric())
                && !closes_later
            {
                edits.push(Edit::replacement(a - 1..after, "' ", P205, Review, R_LOOSE));
                continue;
            }
        }
        // `China'sJiangsu`: a possessive glued to the capitalized word
        // after it.
        if !left
            && a >= 2
            && b[a - 1].is_ascii_alphabetic()
            && b.get(after) == Some(&b's')
            && b.get(after + 1).is_some_and(u8::is_ascii_uppercase)
            && b.get(after + 2).is_some_and(u8::is_ascii_lowercase)
            && letters_before(a) >= 2
        {
            let line = memchr::memrchr(b'\n', &b[..a]).map_or(0, |k| k + 1);
            let line_end = memchr::memchr(b'\n', &b[after..]).map_or(b.len(), |k| after + k);
            if !b[line..line_end].iter().any(|c| matches!(c, b'=' | b'{' | b'}' | b'<' | b'>' | b'_')) {
                edits.push(Edit::insertion(after + 1, " ", P205, Review, R_POSSESSIVE_GLUED));
                continue;
            }
        }
        // `Teachers'group`: the apostrophe of a plural possessive glued to
        // the next word (a plural of four letters or more, not `ss`; no
        // quote opened before it on the line or closing after it).
        if !left && n == 1 && a >= 4 && b[a - 1] == b's' && b[a - 2] != b's' && b.get(after).is_some_and(u8::is_ascii_lowercase) {
            let l = letters_before(a);
            let r = b[after..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            let word = &b[a - l..a];
            let line = memchr::memrchr(b'\n', &b[..a]).map_or(0, |k| k + 1);
            let line_end = memchr::memchr(b'\n', &b[after..]).map_or(b.len(), |k| after + k);
            let alnum = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphanumeric);
            let opens = memchr::memchr_iter(b'\'', &b[line..a - l]).map(|k| line + k).any(|k| (k == 0 || !alnum(k - 1)) && alnum(k + 1))
                || memchr::memmem::find(&b[line..a - l], "\u{2018}".as_bytes()).is_some();
            let closes = memchr::memchr_iter(b'\'', &b[after..line_end]).map(|k| after + k).any(|k| alnum(k - 1) && b[k - 1] != b's' && !alnum(k + 1));
            let quoted = opens || closes;
            if l >= 4
                && r >= 3
                && word[1..].iter().all(u8::is_ascii_lowercase)
                && (a - l == 0 || !b[a - l - 1].is_ascii_alphanumeric() && b[a - l - 1] != b'\'')
                && b.get(after + r).is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'\'')
                && !quoted
            {
                edits.push(Edit::insertion(after, " ", P205, Review, R_PLURAL_GLUED));
                continue;
            }
        }
        // `Xi 'an`: a capitalized syllable, a space, the mark, a syllable
        // starting with a vowel.
        if a >= 3 && b[a - 1] == b' ' && b.get(after).is_some_and(|c| matches!(c, b'a' | b'e' | b'o')) {
            let l = letters_before(a - 1);
            let r = b[after..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if !(2..=6).contains(&l) || !(1..=4).contains(&r) || b.get(after + r).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'\'' | 0xE2)) {
                continue;
            }
            let (ls, rs) = (&text[a - 1 - l..a - 1], &text[after..after + r]);
            if !ls.as_bytes()[0].is_ascii_uppercase() || !ls.as_bytes()[1..].iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            let lower = ls.to_ascii_lowercase();
            if syllable(&lower) && syllable(rs) {
                if left {
                    edits.push(Edit::replacement(a - 1..after, "\u{2019}", P205, Review, R_LOOSE));
                } else {
                    edits.push(Edit::deletion(a - 1..a, P205, Review, R_LOOSE));
                }
            }
        }
    }
}

/// One pinyin syllable (no tone marks).
fn syllable(w: &str) -> bool {
    crate::text::words::is_pinyin(w) && w.len() <= 6 && w.bytes().filter(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'v')).count() <= 3 && !(2..w.len()).any(|k| crate::text::words::is_pinyin(&w[..k]) && crate::text::words::is_pinyin(&w[k..]) && w.len() > 4)
}

const R_POSSESSIVE: &str = "apostrophe of a possessive restored";
const POSSESSIVES: &str = include_str!("../../rules/possessives.txt");

/// The names and phrases of `rules/possessives.txt`, lower-case.
fn possessives() -> (Vec<String>, Vec<String>) {
    let (mut names, mut phrases) = (Vec::new(), Vec::new());
    let mut section = "";
    for line in POSSESSIVES.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = if s == "names" { "names" } else { "phrases" };
        } else if !line.is_empty() {
            if section == "names" { &mut names } else { &mut phrases }.push(line.to_ascii_lowercase());
        }
    }
    (names, phrases)
}

const R_GLUED: &str = "space inserted outside a quote glued to a word";
const R_TURNED: &str = "curly quote turned the right way";
const R_QUOTE_APOSTROPHE: &str = "double quote written for an apostrophe";
const R_APOSTROPHE: &str = "closing quote between a word and `s` is an apostrophe";
const R_INSIDE: &str = "space just inside a quotation removed";

/// Options of the quotes pass (`[quotes]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The quotes pass.
pub struct Quotes {
    /// P204 place names, lower-case, without their `s`.
    names: crate::fasthash::FxHashSet<String>,
    /// The last words of two-word P204 names (`kong`).
    second_words: crate::fasthash::FxHashSet<String>,
    /// P204 phrases, each ending in `s`.
    phrases: Vec<String>,
    /// Closed-class words (`and`, `are`): not a possessive's noun.
    function: &'static crate::fasthash::FxHashSet<String>,
}

impl Quotes {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        let (names, phrases) = possessives();
        let function = &crate::text::lexicon::lexicon()?.function;
        let second_words = names.iter().filter_map(|n| n.rsplit_once(' ').map(|(_, w)| w.to_string())).collect();
        Ok(Quotes { names: names.into_iter().collect(), second_words, phrases, function })
    }

    /// P204: `Chinas Shanghai`, `this years Spring Festival`.
    fn possessives(&self, text: &str, range: std::ops::Range<usize>, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let within = &b[range.clone()];
        // A word follows, and not a function word (`the two Chinas and`).
        let word_follows = |k: usize| {
            if b.get(k) != Some(&b' ') || !b.get(k + 1).is_some_and(u8::is_ascii_alphabetic) {
                return false;
            }
            let w = &text[k + 1..];
            let w = &w[..w.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(w.len())];
            !self.function.contains(w.to_ascii_lowercase().as_str())
        };
        let starts_word = |k: usize| k == 0 || !(b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'\'');
        // Names: a capitalized word ending in `s` before a word.
        let mut lower = [0u8; 16];
        for j in crate::text::scan::Capitals::new(within) {
            let j = range.start + j;
            let mut e = j + 1;
            while e < b.len() && e - j < lower.len() && (b[e].is_ascii_lowercase() || b[e] == b'\'') {
                e += 1;
            }
            if e - j < 4 || b[e - 1] != b's' || b.get(e) != Some(&b' ') || !starts_word(j) || !word_follows(e) {
                continue;
            }
            let n = e - 1 - j;
            for (d, c) in lower.iter_mut().zip(&b[j..e - 1]) {
                *d = c.to_ascii_lowercase();
            }
            let stem = std::str::from_utf8(&lower[..n]).unwrap_or("");
            // Two-word names (`Hong Kongs`): the word before joins.
            let two = || {
                let t = text[..j].strip_suffix(' ')?;
                let w = t.rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |k| k + 1);
                (w < t.len()).then(|| format!("{} {stem}", t[w..].to_ascii_lowercase()))
            };
            if self.names.contains(stem) || (self.second_words.contains(stem) && two().is_some_and(|t| self.names.contains(&t))) {
                edits.push(Edit::insertion(e - 1, "'", P204, Review, R_POSSESSIVE));
            }
        }
        // `the companys development`: a noun in consonant + `y` with a bare
        // `s` (never a word: its plural is `-ies`) before a lowercase word.
        let lex = crate::text::lexicon::get();
        for k in memchr::memmem::find_iter(within, b"ys ") {
            let e = range.start + k + 2; // after the `s`
            let l = b[..e].iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
            let s = e - l;
            if !(5..=20).contains(&l) || !starts_word(s) || s > 0 && b[s - 1] == b'\'' || !b.get(e + 1).is_some_and(u8::is_ascii_lowercase) {
                continue;
            }
            if matches!(b[e - 3], b'a' | b'e' | b'i' | b'o' | b'u' | b'y') || !word_follows(e) {
                continue;
            }
            let (word, stem) = (&text[s..e], &text[s..e - 1]);
            if !lex.is_word(word) && lex.is_word(stem) && !self.function.contains(stem) {
                edits.push(Edit::insertion(e - 1, "'", P204, Review, R_POSSESSIVE));
            }
        }
        // Phrases, either case at the start.
        for p in &self.phrases {
            let tail = &p.as_bytes()[1..];
            for k in memchr::memmem::find_iter(within, tail) {
                let k = range.start + k;
                let Some(s) = k.checked_sub(1) else { continue };
                let e = k + tail.len();
                if b[s].to_ascii_lowercase() == p.as_bytes()[0] && starts_word(s) && word_follows(e) {
                    edits.push(Edit::insertion(e - 1, "'", P204, Review, R_POSSESSIVE));
                }
            }
        }
    }
}

const LDQ: &str = "\u{201c}";
const RDQ: &str = "\u{201d}";

impl Pass for Quotes {
    fn run(&self, text: &str, cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        // Curly quote edits come after all straight ones, as they always have.
        let mut curly_edits = Vec::new();
        // One scan for straight quotes, line ends and the lead byte of the
        // curly double quotes (U+201C / U+201D are E2 80 9C / E2 80 9D).
        // Quotes pair within a line: in a later round only the changed lines
        // can hold new work.
        let mut straight: Vec<usize> = Vec::new();
        let mut curly: Vec<(usize, bool)> = Vec::new();
        let ranges = cx.ranges(text);
        let hits = ranges.iter().flat_map(|r| memchr::memchr3_iter(b'"', b'\n', 0xe2, &b[r.clone()]).map(move |i| r.start + i));
        for i in hits {
            match b[i] {
                b'\n' => {
                    straight_line(b, &straight, &mut edits);
                    straight.clear();
                    curly_line(text, &curly, &mut curly_edits);
                    curly.clear();
                }
                b'"' => straight.push(i),
                _ => match (b.get(i + 1), b.get(i + 2)) {
                    (Some(0x80), Some(0x9c)) => curly.push((i, true)),
                    (Some(0x80), Some(0x9d)) => curly.push((i, false)),
                    _ => {}
                },
            }
        }
        straight_line(b, &straight, &mut edits);
        curly_line(text, &curly, &mut curly_edits);
        edits.append(&mut curly_edits);
        for r in ranges {
            self.possessives(text, r.clone(), &mut edits);
            loose_apostrophes(text, r.clone(), self.function, &mut edits);
            lost_contractions(text, r.clone(), &mut edits);
            doubled_apostrophes(text, r.clone(), &mut edits);
            attribution_commas(b, r.clone(), &mut edits);
            accent_apostrophes(b, r, &mut edits);
        }
        edits
    }
}

/// P208 in `range`: an acute accent between two letters (`Xi´an`,
/// `company´s`), written for an apostrophe.
fn accent_apostrophes(b: &[u8], range: std::ops::Range<usize>, edits: &mut Vec<Edit>) {
    for k in memchr::memchr_iter(0xC2, &b[range.clone()]) {
        let p = range.start + k;
        if b.get(p + 1) == Some(&0xB4) && p > 0 && b[p - 1].is_ascii_alphabetic() && b.get(p + 2).is_some_and(u8::is_ascii_lowercase) {
            edits.push(Edit::replacement(p..p + 2, "'", P208, Safe, R_QUOTE_APOSTROPHE));
        }
    }
}

/// Verbs of attribution after a quotation (`“…,” said Li`).
const ATTRIBUTION: &[&str] = &[
    "said", "says", "added", "adds", "noted", "notes", "stressed", "explained", "asked", "remarked", "commented",
    "emphasized", "emphasised", "told", "continued", "concluded", "declared", "replied", "recalled",
];

const R_ATTRIBUTION: &str = "period before a quotation's attribution becomes a comma";

/// P209 in `range`: `.”` or `."` then a space and a lowercase attribution
/// (`said Li`, `he added`).
fn attribution_commas(b: &[u8], range: std::ops::Range<usize>, edits: &mut Vec<Edit>) {
    let hay = &b[range.clone()];
    for k in memchr::memchr_iter(b'.', hay) {
        let p = range.start + k;
        let ql = if b.get(p + 1) == Some(&b'"') {
            1
        } else if b[p + 1..].starts_with(RDQ.as_bytes()) {
            RDQ.len()
        } else {
            continue;
        };
        // An abbreviation or initial ends the quotation (`U.S.`, `Co.`).
        let word = b[..p].iter().rev().take_while(|c| c.is_ascii_alphanumeric()).count();
        if word < 2 || p > word && b[p - word - 1] == b'.' || b[p - word].is_ascii_uppercase() && word <= 3 {
            continue;
        }
        let rest = &b[p + 1 + ql..];
        if rest.first() != Some(&b' ') {
            continue;
        }
        let mut next = &rest[1..];
        for pronoun in ["he ", "she ", "they ", "it ", "we "] {
            if next.starts_with(pronoun.as_bytes()) {
                next = &next[pronoun.len()..];
                break;
            }
        }
        let verb = next.iter().take_while(|c| c.is_ascii_lowercase()).count();
        if verb > 0 && next.get(verb).is_none_or(|c| !c.is_ascii_alphanumeric()) && ATTRIBUTION.contains(&std::str::from_utf8(&next[..verb]).unwrap_or("")) {
            edits.push(Edit::replacement(p..p + 1, ",", P209, Review, R_ATTRIBUTION));
        }
    }
}

fn word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_space(c: u8) -> bool {
    c.is_ascii_whitespace()
}

/// Does an opening quote at `o` need a space before it: after a word, or
/// after `,` `;` `:` that follow a word or a closing quote (`sky,"Kunlong"`,
/// `”,“profiteers”`)?
fn opens_after(b: &[u8], o: usize) -> bool {
    let p = b[o - 1];
    word_byte(p) || (matches!(p, b',' | b';' | b':' | b'.' | b'!' | b'?') && o >= 2 && b[o - 2].is_ascii_lowercase())
        // `billion)."We`, `5%."The`: a sentence ending in a bracket or percent.
        || (matches!(p, b'.' | b'!' | b'?') && o >= 3 && matches!(b[o - 2], b')' | b'%') && b[o - 3] != b'.')
        || (matches!(p, b',' | b';' | b':') && o >= 2 && (word_byte(b[o - 2]) || b[..o - 1].ends_with(RDQ.as_bytes())))
}

/// Does `rest` (the text after a quote glued to a word) start like the end
/// of a contraction or possessive (`t`, `s`, `ll`, `re`, `ve`, `d`, `m`
/// then no letter)?
fn contraction(rest: &[u8]) -> bool {
    ["s", "t", "ll", "re", "ve", "d", "m"].iter().any(|c| {
        rest.starts_with(c.as_bytes()) && rest.get(c.len()).is_none_or(|x| !x.is_ascii_alphanumeric())
    })
}

/// A lone `s` right after a closing quote (`"Made in China"s`): a broken
/// possessive, not a word to space off.
fn possessive_s(b: &[u8], at: usize) -> bool {
    b.get(at) == Some(&b's') && b.get(at + 1).is_none_or(|x| !x.is_ascii_alphanumeric())
}

/// Is `c` just outside a quotation a plain boundary (space, sentence mark,
/// line end)?
fn outside_ok(c: Option<&u8>) -> bool {
    c.is_none_or(|&x| is_space(x) || matches!(x, b',' | b'.' | b';' | b':' | b'!' | b'?' | b')'))
}

/// P203 for one pair `o..c` (quote bytes `ql` long) with spaces just inside
/// on exactly one side: the edit removing them, if the outside of that side
/// is a boundary and a word is just inside.
fn loose_side(b: &[u8], o: usize, c: usize, ql: usize) -> Option<Edit> {
    let inner = &b[o + ql..c];
    let lead = inner.iter().take_while(|&&x| x == b' ').count();
    let trail = inner.iter().rev().take_while(|&&x| x == b' ').count();
    if lead == inner.len() || (lead > 0) == (trail > 0) {
        return None;
    }
    if trail > 0 {
        let last = inner[inner.len() - trail - 1];
        if !(word_byte(last) || matches!(last, b'.' | b'!' | b'?')) || !outside_ok(b.get(c + ql)) {
            return None;
        }
        Some(Edit::deletion(c - trail..c, P203, Safe, R_INSIDE))
    } else {
        let first = inner[lead];
        let before = if o == 0 { None } else { Some(&b[o - 1]) };
        if !word_byte(first) || !before.is_none_or(|&x| is_space(x) || matches!(x, b'(' | b':' | b',')) {
            return None;
        }
        Some(Edit::deletion(o + ql..o + ql + lead, P203, Safe, R_INSIDE))
    }
}

/// P203 for the pair `o..c` of straight quotes with spaces just inside on
/// both sides: a short quotation (one to eight words) standing between
/// boundaries loses both.
fn loose_both(b: &[u8], o: usize, c: usize) -> Option<[Edit; 2]> {
    loose_both_of(b, o, c, 1, true)
}

/// [`loose_both`] for quotes `ql` bytes long; `named_only` asks for a capital or
/// digit first inside (straight quotes, whose direction is a guess; a
/// curly pair's is not: `“ priority discipline year ”`).
fn loose_both_of(b: &[u8], o: usize, c: usize, ql: usize, named_only: bool) -> Option<[Edit; 2]> {
    let inner = &b[o + ql..c];
    let lead = inner.iter().take_while(|&&x| x == b' ').count();
    let trail = inner.iter().rev().take_while(|&&x| x == b' ').count();
    if lead == 0 || trail == 0 || lead + trail >= inner.len() {
        return None;
    }
    let core = &inner[lead..inner.len() - trail];
    let words = core.split(|&x| x == b' ').filter(|w| !w.is_empty()).count();
    let before_ok = o == 0 || is_space(b[o - 1]) || matches!(b[o - 1], b'(' | b':' | b',');
    // A name or title (`" Safety Week "`), not a quote mark talked about
    // (`the first " and the last "`) or a grammar's literal.
    let named = core[0].is_ascii_uppercase() || core[0].is_ascii_digit();
    let chinese = std::str::from_utf8(core).map_or(true, |t| t.chars().any(|ch| ch >= '\u{2e80}'));
    if named_only && !named || chinese || crate::text::words::code_near(b, o, c + ql) || memchr::memchr3(b'#', b'^', b'*', &b[crate::text::lines::line_range(b, o)]).is_some() {
        return None;
    }
    (word_byte(core[0]) && word_byte(core[core.len() - 1]) && (1..=8).contains(&words) && before_ok && outside_ok(b.get(c + ql))).then(|| {
        [Edit::deletion(o + ql..o + ql + lead, P203, Safe, R_INSIDE), Edit::deletion(c - trail..c, P203, Safe, R_INSIDE)]
    })
}

/// Straight quotes of one line, at byte offsets `qs`.
fn straight_line(b: &[u8], qs: &[usize], edits: &mut Vec<Edit>) {
    // `Jiangsu"s`, `Let"s`: a quote that would leave one unpaired, between
    // a letter and the end of a possessive or contraction, is an apostrophe.
    let apostrophe = |&q: &usize| q > 0 && b[q - 1].is_ascii_alphabetic() && contraction(&b[q + 1..]);
    let apostrophes = qs.iter().filter(|q| apostrophe(q)).count();
    if apostrophes > 0 && (qs.len() - apostrophes).is_multiple_of(2) {
        let rest: Vec<usize> = qs.iter().copied().filter(|q| !apostrophe(q)).collect();
        // Only if the rest pair up: each opening quote after a space or at
        // the line start, each closing one before a boundary.
        let pairs_ok = rest.chunks(2).all(|p| {
            (p[0] == 0 || !word_byte(b[p[0] - 1])) && outside_ok(b.get(p[1] + 1)) && p[1] > p[0] + 1
        });
        if pairs_ok {
            for &q in qs.iter().filter(|q| apostrophe(q)) {
                edits.push(Edit::replacement(q..q + 1, "'", P208, Safe, R_QUOTE_APOSTROPHE));
            }
            if !rest.is_empty() {
                straight_line(b, &rest, edits);
            }
            return;
        }
    }
    if qs.is_empty() || !qs.len().is_multiple_of(2) {
        return;
    }
    // Every pair must hug its text, or the pairing is not trusted; a pair
    // loose on one side only is repaired first (P203).
    let mut loose = Vec::new();
    for pair in qs.chunks(2) {
        let (o, c) = (pair[0], pair[1]);
        // A digit before a quote may be inches (`21"`): not a quote at all.
        if c == o + 1 || (b[c - 1].is_ascii_digit() && o > 0 && b[o - 1].is_ascii_digit()) {
            return;
        }
        if is_space(b[o + 1]) || is_space(b[c - 1]) {
            if b[o + 1..c].iter().any(|&x| x == b'\n' || x == b'\r') || b[c - 1].is_ascii_digit() {
                return;
            }
            match loose_side(b, o, c, 1) {
                Some(e) => loose.push(e),
                // The line's only pair, loose on both sides (`the " Safety Week " campaign`).
                None => match loose_both(b, o, c).filter(|_| qs.len() == 2) {
                    Some([l, r]) => loose.extend([l, r]),
                    None => return,
                },
            }
        }
    }
    if !loose.is_empty() {
        edits.append(&mut loose);
        return;
    }
    for pair in qs.chunks(2) {
        let (o, c) = (pair[0], pair[1]);
        if o > 0 && opens_after(b, o) {
            edits.push(Edit::insertion(o, " ", P201, Safe, R_GLUED));
        }
        if b.get(c + 1).is_some_and(|&x| word_byte(x)) && !possessive_s(b, c + 1) {
            edits.push(Edit::insertion(c + 1, " ", P201, Safe, R_GLUED));
        }
    }
}

/// A lowercase quoting verb as a whole word at `at` (`said Shao`).
fn quoting_verb_at(b: &[u8], at: usize) -> bool {
    let n = b[at.min(b.len())..].iter().take_while(|c| c.is_ascii_lowercase()).count();
    b.get(at + n) == Some(&b' ') && matches!(&b[at..at + n], b"said" | b"says" | b"added" | b"asked" | b"noted" | b"explained" | b"stressed" | b"replied" | b"stated" | b"remarked")
}

/// Is the closing quote at `q` glued after a sentence's end (or after a
/// closing quote that ends one: `home?””Do`) before a capitalized word, so
/// that it could open the next quotation (`83%.”The 24 projects`)?
fn after_stop(b: &[u8], q: usize) -> bool {
    let stop = |i: usize| i > 0 && matches!(b[i - 1], b'.' | b'!' | b'?');
    (stop(q) || (b[..q].ends_with(RDQ.as_bytes()) && stop(q - RDQ.len())))
        && b.get(q + RDQ.len()).is_some_and(u8::is_ascii_uppercase)
        && b.get(q + RDQ.len() + 1).is_some_and(|x| x.is_ascii_lowercase() || *x == b' ')
}

/// A line's curly quotes read in order: where each opens and closes, and
/// the closing quotes `turnable` lets open a quotation where none is open.
struct InOrder {
    turn: Vec<usize>,
    closes: Vec<usize>,
    opens: Vec<usize>,
    open_now: bool,
}

/// The line's quotes `qs` (offset, opening?) read in order, or `None` when
/// an opening quote comes inside a quotation or a closing one where none
/// is open and `turnable` does not turn it.
fn in_order(qs: &[(usize, bool)], turnable: impl Fn(&(usize, bool)) -> bool) -> Option<InOrder> {
    let mut r = InOrder { turn: Vec::new(), closes: Vec::new(), opens: Vec::new(), open_now: false };
    for q in qs {
        match (q.1, r.open_now) {
            (true, true) => return None,
            (true, false) => r.opens.push(q.0),
            (false, true) => r.closes.push(q.0),
            (false, false) if turnable(q) => r.turn.push(q.0),
            (false, false) => return None,
        }
        r.open_now = !r.open_now;
    }
    Some(r)
}

/// Curly double quotes of one line: `(offset, is_opening)`.
fn curly_line(text: &str, qs: &[(usize, bool)], edits: &mut Vec<Edit>) {
    if qs.is_empty() {
        return;
    }
    let b = text.as_bytes();
    // `of ““Remain True`, `repaired.””Ms.`: a curly quote typed twice, in
    // English (ASCII on both sides). The line is read again next round.
    let ascii_at = |i: usize| b.get(i).is_none_or(|&x| x.is_ascii() && x != b'"');
    let mut doubled = false;
    for w in qs.windows(2) {
        let ((q, open), (q2, open2)) = (w[0], w[1]);
        if q2 == q + LDQ.len() && open == open2 && (q == 0 || ascii_at(q - 1)) && ascii_at(q2 + LDQ.len()) {
            // `home?””Do I need … Ningxiang?”Party`: two quotations abutting
            // when the line reads in order with the second quote opening
            // the next one and every quotation closed.
            if !open && in_order(qs, |&(x, _)| after_stop(b, x)).is_some_and(|r| !r.open_now && r.turn.contains(&q2)) {
                continue;
            }
            edits.push(Edit::deletion(q2..q2 + LDQ.len(), P210, Safe, R_DOUBLED_QUOTE));
            doubled = true;
        }
    }
    if doubled {
        return;
    }
    let alternates = |qs: &[(usize, bool)]| qs.len().is_multiple_of(2) && qs.chunks(2).all(|p| p[0].1 && !p[1].1);
    // `tomatoes, etc., “said Shao Shiyou`: the line's last quote, an opening
    // one between a comma and a quoting verb, closes the quotation (opened
    // on a line before, or by a pair of its own): `etc.,” said`.
    if let Some((&(q, true), rest)) = qs.split_last() {
        if q >= 2 && matches!(&b[q - 2..q], b", " | b". " | b"? " | b"! ") && alternates(rest) && quoting_verb_at(b, q + LDQ.len()) {
            edits.push(Edit::replacement(q - 1..q + LDQ.len(), "\u{201d} ", P202, Safe, R_TURNED));
            return curly_line(text, rest, edits);
        }
    }
    if !alternates(qs) {
        // `from “ Made in China” to`: an opening quote, a space, a word, and
        // the next quote on the line a closing one glued to a word: the
        // space is inside the quotation, whatever else the line holds.
        for w in qs.windows(2) {
            let ((o, open), (c, close)) = (w[0], w[1]);
            if open && !close && b.get(o + LDQ.len()) == Some(&b' ') && b.get(o + LDQ.len() + 1).is_some_and(u8::is_ascii_alphanumeric) && c > 0 && b[c - 1].is_ascii_alphanumeric() && !b[o..c].contains(&b'\n') {
                edits.push(Edit::deletion(o + LDQ.len()..o + LDQ.len() + 1, P203, Safe, R_INSIDE));
            }
        }
        // `company”s`: a closing quote between a word and `s` that pairs
        // with nothing is an apostrophe.
        let apostrophe = |&(q, open): &(usize, bool)| {
            !open
                && q > 0
                && b[q - 1].is_ascii_alphabetic()
                && b.get(q + RDQ.len()) == Some(&b's')
                && b.get(q + RDQ.len() + 1).is_none_or(|x| !x.is_ascii_alphanumeric())
        };
        let rest: Vec<(usize, bool)> = qs.iter().copied().filter(|q| !apostrophe(q)).collect();
        if rest.len() < qs.len() && (rest.is_empty() || alternates(&rest)) {
            for &(q, _) in qs.iter().filter(|q| apostrophe(q)) {
                edits.push(Edit::replacement(q..q + RDQ.len(), "\u{2019}", P202, Safe, R_APOSTROPHE));
            }
            return;
        }
        // `”The Chinese market”`: a closing quote opening a quotation (at the
        // line start or after a space, before a word).
        // Glued to a word or after `,` (`what”black hearts”,”profiteers”`)
        // it opens too, unless it reads as an apostrophe (`don”t`).
        let opener = |&(q, open): &(usize, bool)| {
            let next = &b[q + RDQ.len()..];
            let word_next = next.first().is_some_and(|x| x.is_ascii_alphanumeric());
            let glued = q > 0
                && (b[q - 1].is_ascii_alphabetic() || matches!(b[q - 1], b',' | b';' | b':'))
                && next.first().is_some_and(u8::is_ascii_alphabetic)
                && !contraction(next);
            // After a dash or a Chinese mark (`——”Report on`) it opens as after a space.
            let dash = text[..q].chars().next_back().is_some_and(|c| matches!(c, '—' | '–' | '：' | '，' | '、' | '（'));
            !open && word_next && (q == 0 || matches!(b[q - 1], b' ' | b'\t' | b'\n' | b'(') || glued || dash)
        };
        let turned: Vec<(usize, bool)> = qs.iter().map(|q| (q.0, q.1 || opener(q))).collect();
        if turned != qs && alternates(&turned) {
            for &(q, _) in qs.iter().filter(|q| opener(q)) {
                edits.push(Edit::replacement(q..q + RDQ.len(), LDQ, P202, Safe, R_TURNED));
            }
            return;
        }
        // Read in order: a closing quote where none is open opens, when it
        // could (as above, or glued after a sentence's end before a
        // capitalized word: `83%.”The 24 projects … projects.”Zhenjiang`).
        let Some(InOrder { turn, closes, opens, open_now }) = in_order(qs, |q| opener(q) || after_stop(b, q.0)) else { return };
        // Every quote the right way and in order, the last quotation still
        // open at the line's end (it runs on into the next paragraph): the
        // glued quotes get their spaces as in a line that alternates
        // (`said:“there … old.”Yang … believes that“if`).
        if open_now && turn.is_empty() {
            for o in opens {
                if o > 0 && opens_after(b, o) && b.get(o + LDQ.len()).is_some_and(|&x| word_byte(x)) {
                    edits.push(Edit::insertion(o, " ", P201, Safe, R_GLUED));
                }
            }
            for c in closes {
                let after = c + RDQ.len();
                if c > 0 && !is_space(b[c - 1]) && b.get(after).is_some_and(|&x| word_byte(x)) && !possessive_s(b, after) {
                    edits.push(Edit::insertion(after, " ", P201, Safe, R_GLUED));
                }
            }
            return;
        }
        // A quotation still open at the line's end runs on into the next
        // paragraph (or the page was cut): fine once the line has shown the
        // pattern, a turned quote closed before.
        // One turned quote, the line's last, may stay open too when an
        // opening quote came before it: the line did not begin inside a
        // quotation, so the turned one closes none
        // (`“micro services”. … Village.”Long at all levels`).
        let last_turned = turn.len() == 1 && qs.last().map(|q| q.0) == turn.first().copied() && opens.first().is_some_and(|&o| o < turn[0]);
        if !open_now || turn.len() >= 2 || last_turned {
            // Turned, the quotes get the spaces a glued pair gets
            // (`workers.”Vegetables … season.”On` → `workers. “Vegetables
            // … season.” On`).
            for q in turn {
                let lead = if q > 0 && (opens_after(b, q) || b[..q].ends_with(RDQ.as_bytes())) { " " } else { "" };
                edits.push(Edit::replacement(q..q + RDQ.len(), format!("{lead}{LDQ}"), P202, Safe, R_TURNED));
            }
            for c in closes {
                let after = c + RDQ.len();
                if b.get(after).is_some_and(|&x| word_byte(x)) && !possessive_s(b, after) {
                    edits.push(Edit::insertion(after, " ", P201, Safe, R_GLUED));
                }
            }
        }
        return;
    }
    for pair in qs.chunks(2) {
        let (o, c) = (pair[0].0, pair[1].0);
        let inner = &text[o + LDQ.len()..c];
        if inner.is_empty() {
            continue;
        }
        if inner.starts_with(' ') || inner.ends_with(' ') {
            if let Some(e) = loose_side(b, o, c, LDQ.len()) {
                edits.push(e);
            } else if let Some(e) = loose_both_of(b, o, c, LDQ.len(), false) {
                edits.extend(e);
            }
            continue;
        }
        if inner.starts_with(char::is_whitespace) || inner.ends_with(char::is_whitespace) {
            continue;
        }
        if o > 0 && opens_after(b, o) {
            edits.push(Edit::insertion(o, " ", P201, Safe, R_GLUED));
        }
        let after = c + RDQ.len();
        if b.get(after).is_some_and(|&x| word_byte(x)) && !possessive_s(b, after) {
            edits.push(Edit::insertion(after, " ", P201, Safe, R_GLUED));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Options, Quotes};
    use crate::passes::kit::testing::{assert_fixes, assert_no_edits, assert_pass_fixes, assert_pass_keeps};
    use crate::passes::kit::Setup;

    fn pass() -> Quotes {
        Quotes::new(&Options::default(), &Setup::default()).unwrap()
    }

    #[test]
    fn turns_misdirected_curly_quotes() {
        assert_pass_fixes(
            &pass(),
            "\u{201d}The Chinese market is too important\u{201d} \u{201c}This is an opportunity\u{201d}, they said.",
            "\u{201c}The Chinese market is too important\u{201d} \u{201c}This is an opportunity\u{201d}, they said.",
        );
        assert_pass_fixes(
            &pass(),
            "\u{201d}True value!\u{201d}just now, many",
            "\u{201c}True value!\u{201d} just now, many",
        );
        assert_pass_fixes(&pass(), "the company\u{201d}s operation", "the company\u{2019}s operation");
        assert_pass_keeps(&pass(), "He said \u{201c}yes\u{201d} and \u{201d}no and \u{201c}maybe\u{201d}.");
        assert_pass_keeps(&pass(), "the \u{201c}Gold Company\u{201d}s plan stays.");
        // Glued to the word or comma before it, it opens too (the space
        // outside comes from P201 in the next round).
        assert_pass_fixes(
            &pass(),
            "So what\u{201d}black hearts\u{201d},\u{201d}profiteers\u{201d}, online",
            "So what \u{201c}black hearts\u{201d}, \u{201c}profiteers\u{201d}, online",
        );
        assert_pass_fixes(&pass(), "noodles are in this\u{201d}bowl\u{201d}?", "noodles are in this \u{201c}bowl\u{201d}?");
        // An apostrophe typed as a closing quote is no opener.
        assert_pass_keeps(&pass(), "He said \u{201c}I don\u{201d}t know\u{201d} today.");
    }

    #[test]
    fn joins_an_apostrophe_cut_off_by_a_space() {
        assert_pass_fixes(&pass(), "Xi Jinping \u{2019}s speech and Macau \u{2019}s return.", "Xi Jinping\u{2019}s speech and Macau\u{2019}s return.");
        assert_pass_fixes(&pass(), "E China city' s high-quality growth", "E China city's high-quality growth");
        assert_pass_fixes(&pass(), "McIlvaine 'sPumps world market report", "McIlvaine's Pumps world market report");
        assert_pass_fixes(&pass(), "projects in Xi 'an and Yan 'an in 2021", "projects in Xi'an and Yan'an in 2021");
        // A plural possessive's apostrophe glued to the next word.
        assert_pass_fixes(
            &pass(),
            "the activity raised employees 'awareness of the importance of safety, and employees' skills grew",
            "the activity raised employees' awareness of the importance of safety, and employees' skills grew",
        );
        assert_pass_keeps(&pass(), "The workers 'safety' rules and the boss 'view.");
        for t in [
            "the letter 's' and the suffix 'ship' stay",
            "He wrote 'so far' and 'as one' here.",
            "the 'same' plan and the 'students' s' mark",
            "Go 'on' now; Mr. Li 'an' apple",
            "rock 'n' roll and ' s and 's alone",
            "Xi 'Anhui' and London 'an' x",
        ] {
            assert_pass_keeps(&pass(), t);
        }
    }

    #[test]
    fn removes_space_inside_one_side_of_a_quotation() {
        assert_pass_fixes(&pass(), "the \"safety week \" campaign", "the \"safety week\" campaign");
        assert_pass_fixes(&pass(), "the \u{201c} green city\u{201d} plan", "the \u{201c}green city\u{201d} plan");
        assert_pass_keeps(&pass(), "He said \" . and \" then left.");
        assert_pass_keeps(&pass(), "the \" both sides \" stay");
    }

    #[test]
    fn spaces_quotes_after_sentence_marks() {
        assert_pass_fixes(&pass(), "the freshmen.\u{201c}The future\u{201d} is", "the freshmen. \u{201c}The future\u{201d} is");
        assert_pass_fixes(&pass(), "in the topic\u{201c}English\u{201d} now", "in the topic \u{201c}English\u{201d} now");
        assert_pass_fixes(&pass(), "this year.\"Next year\" we", "this year. \"Next year\" we");
        assert_pass_keeps(&pass(), "the U.S.\"Next\" and the 5.\"x\" item");
        assert_pass_fixes(&pass(), "($290.30 billion).\"We invite you\"", "($290.30 billion). \"We invite you\"");
    }

    #[test]
    fn spaces_glued_straight_quotes_in_real_line() {
        assert_fixes(
            "Guangdong, Shandong, Liaoning, Gansu and other provinces were held on this day\"The first meeting of the new year\"All localities have gathered new consensus.",
            "Guangdong, Shandong, Liaoning, Gansu and other provinces were held on this day \"The first meeting of the new year\" All localities have gathered new consensus.",
        );
        assert_pass_fixes(
            &pass(),
            "held a meeting in Shenzhen\"2024 Guangdong Provincial High-quality Development Conference\"He said",
            "held a meeting in Shenzhen \"2024 Guangdong Provincial High-quality Development Conference\" He said",
        );
    }

    #[test]
    fn spaces_quote_opened_after_comma() {
        assert_pass_fixes(&pass(), "Explore the sky,\"Kunlong\" flies", "Explore the sky, \"Kunlong\" flies");
        assert_pass_fixes(&pass(), "He said:\u{201c}We will\u{201d}", "He said: \u{201c}We will\u{201d}");
    }

    #[test]
    fn spaces_glued_curly_quotes() {
        assert_pass_fixes(&pass(), "the so-called\u{201c}toilet revolution\u{201d}forward", "the so-called \u{201c}toilet revolution\u{201d} forward");
    }

    #[test]
    fn keeps_unbalanced_and_chinese_quotes() {
        assert_no_edits("He said \"a\"b and \"c");
        assert_no_edits("不断增强高质量发展\u{201c}硬实力\u{201d}。");
        assert_no_edits("Guangdong's \"first meeting\" and the 21\" screen and 5\" 6\" sizes");
        assert_no_edits("\u{201c}The Party has always insisted on \u{2018}two unwavering\u{2019} and \u{2018}three unchanged\u{2019}.\u{201d} General Secretary Xi Jinping said.");
    }

    #[test]
    fn leaves_misdirected_curly_quotes() {
        assert_no_edits("word\u{201d}Open and close\u{201c}word");
    }
}
