//! Numbers (family N): amounts broken by the 万/亿 conversion, Chinese units
//! left in English, and numbers glued to words.
//!
//! Machine translation of `1.27亿` or `7.5万` often keeps the decimal and
//! appends the unit's zeros as text (`1.2.7 billion`, `7.50,000`). The pass
//! reads such shapes under the 万 (10^4) / 亿 (10^8) reading and writes the
//! value in plain English, with the arithmetic in the edit's reason.
//!
//! One forward scan finds digit runs (16 bytes at a time), reads each numeric
//! token (`digits ([.,:] digits)*`) and looks only at its neighbours: a letter
//! glued before or after, a CJK byte after, a scale word after a dotted
//! token. Times (`15:22:33`), references (`Section 1.2.7`, `version 2.10.3`),
//! URLs, file names and identifiers are recognized and left alone.

use crate::edit::{
    Confidence::{self, Review, Safe},
    Edit,
};
use crate::error::{Error, Result};
use crate::passes::kit::{Context, Pass, Setup};
use crate::text::scan;
use crate::text::script::{is_cjk_punct, is_fullwidth_form, is_han};
use crate::text::words::{word_end, word_start};
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

crate::declare_rules! { pass = "numbers";
    /// ## What it fixes
    /// A number with two decimal points before `billion`: `1.27亿` machine
    /// translated as `1.2.7 billion`. It is read as `1.27` × 亿 (10^8) and
    /// written in English (`127 million`); the reason shows `1.27亿 = 127 million`.
    ///
    /// ## Example
    /// ```text
    /// We have 1.2.7 billion permanent residents.
    /// ```
    /// Becomes:
    /// ```text
    /// We have 127 million permanent residents.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// It ships with Section 1.2.7 of version 2.10.3 and 1.2 billion units.
    /// See No. 1.2.7 billion in the table.
    /// ```
    ///
    /// ## Why review
    /// Two decimal points are never valid in an amount, but `1.2.7 billion`
    /// could also be `12.7亿` (1.27 billion). The 亿 reading with the digits
    /// joined after the first point is the common machine-translation damage.
    /// The same shape before `million`, `thousand`, `yuan` or `%` has no
    /// knowable value: it is not edited, only listed in the report warnings.
    /// References (`Section`, `version`, `No.`, `v1.2.7`) are never touched.
    N101 = ("two-decimal-points-before-scale", Review, true, "`1.2.7 billion` read as 1.27亿 = 127 million");
    /// ## What it fixes
    /// A decimal followed by thousands groups: `7.5万` machine translated as
    /// `7.5` + the zeros of `10,000`, giving `7.50,000`. The zeros of 万
    /// (`0,000`) or 亿 (`00,000,000`) are taken off the end and the rest is
    /// multiplied: `7.5万 = 75,000`.
    ///
    /// ## Example
    /// ```text
    /// more than 7.50,000 high-tech enterprises
    /// ```
    /// Becomes:
    /// ```text
    /// more than 75,000 high-tech enterprises
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// It cost $1,234.56 and 9,000 containers arrived.
    /// ```
    ///
    /// ## Why review
    /// A decimal point followed by a thousands group is never valid English,
    /// and the tail must end exactly in the unit's zeros; any other tail
    /// (`7.53,000`) is only listed in the report warnings.
    N102 = ("decimal-with-unit-zeros", Review, true, "`7.50,000` read as 7.5万 = 75,000");
    /// ## What it fixes
    /// A decimal whose last two digits are 亿's extra zeros before `million`:
    /// `1.5亿` written as `1.5` + `00 million`, giving `1.500 million`
    /// (`1.5亿 = 150 million`).
    ///
    /// ## Example
    /// ```text
    /// about 1.500 million people live in Guangdong
    /// ```
    /// Becomes:
    /// ```text
    /// about 150 million people live in Guangdong
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Revenue reached 1.5 million yuan and 2.75 billion yuan.
    /// The fund holds US$1.500 million and RMB 2.500 million.
    /// Sales were 1.500 million euros.
    /// ```
    ///
    /// ## Why review
    /// `1.500 million` can be written on purpose to show precision, mostly in
    /// finance: after a currency symbol or code it is kept. Elsewhere the 亿
    /// reading is the likely one, but an editor should confirm it.
    N103 = ("decimal-with-yi-zeros-before-million", Review, true, "`1.500 million` read as 1.5亿 = 150 million");
    /// ## What it fixes
    /// A Chinese unit (万, 亿, 万亿, ...) left after a number inside an English
    /// sentence, with an optional currency (元 → `yuan`).
    ///
    /// ## Example
    /// ```text
    /// revenue of 1.5亿元 and 3万 visitors
    /// ```
    /// Becomes:
    /// ```text
    /// revenue of 150 million yuan and 30,000 visitors
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 广东常住人口1.27亿人，新中国成立75周年。
    /// ```
    ///
    /// ## Why review
    /// The value is exact, but the text around it decides whether the amount
    /// belongs to an English sentence: only numbers with English on one side
    /// and no Chinese characters next to them are converted.
    ///
    /// ## Data
    /// `rules/cjk_units.toml`: units and their powers of ten, currencies.
    N104 = ("chinese-unit-in-english", Review, true, "`1.5亿元` becomes `150 million yuan`");
    /// ## What it fixes
    /// An amount spelled out with several scale words, as old machine
    /// translation renders `456.51亿` or `55.878万`: `45 billion 651 million`,
    /// `558 thousand and 780`. The parts are added up.
    ///
    /// ## Example
    /// ```text
    /// GDP of 45 billion 651 million yuan and 558 thousand and 780 hectares
    /// ```
    /// Becomes:
    /// ```text
    /// GDP of 45.651 billion yuan and 558,780 hectares
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// between 1 million and 2 million people, 13 trillion yuan
    /// ```
    ///
    /// ## Why review
    /// The sum is the only reading, but English sometimes says "a million and
    /// three" on purpose; each part after the first must be below 1000 and of
    /// a smaller scale, and a bare number only follows `thousand and` before
    /// a counted noun (not `hundred`, `more`, `percent`).
    N105 = ("mixed-scale-words", Review, true, "`45 billion 651 million` becomes `45.651 billion`");
    /// ## What it fixes
    /// A yuan amount with exactly three decimals, where the period is a
    /// thousands separator: `16.867yuan` is 16,867 yuan.
    ///
    /// ## Example
    /// ```text
    /// GDP per capita soared to 16.867 yuan
    /// ```
    /// Becomes:
    /// ```text
    /// GDP per capita soared to 16,867 yuan
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// per capita disposable income of 4396.60 yuan and 0.125 yuan per kWh
    /// the ETF closed at 3.450 yuan and 12.345 yuan per share
    /// ```
    ///
    /// ## Why review
    /// Yuan are counted to two decimals (jiao, fen), so three decimals point
    /// to a thousands separator; a price quoted to the thousandth is possible
    /// (fund and ETF quotes). The integer part must have two or three digits
    /// and a unit price (`yuan per share`, `yuan/kWh`) is kept.
    N106 = ("period-as-thousands-separator-in-yuan", Review, true, "`16.867 yuan` becomes `16,867 yuan`");
    /// ## What it fixes
    /// A lowercase word glued to the number after it: `growth4.8%`,
    /// `reached13`, `era10`.
    ///
    /// ## Example
    /// ```text
    /// Economic growth4.8%, and sales reached13 in2024.
    /// ```
    /// Becomes:
    /// ```text
    /// Economic growth 4.8%, and sales reached 13 in 2024.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// G20, 5G, COVID-19, H1N1, mp4, win10, sha256, pm2.5, co2, iPhone15, A4, Q1 and No.1 stay.
    /// See https://example.com/page2 or file10.jpg and log4j.
    /// ```
    ///
    /// ## Why safe
    /// Safe when the word is a common prose word (`growth`, `reached`, `of`);
    /// any other lowercase word of three or more letters with a vowel gets
    /// Review, and only before a percentage (`exports8.2%`); a single digit
    /// needs `%` or an ordinal suffix. So identifiers and package names
    /// (`buf1`, `value1`, `arm64`, `libssl1.1`) stay. Product, code and chemical names (`win10`, `covid19`, `mp4`,
    /// `co2`), words of one or two letters, capitalized or mixed-case words,
    /// and tokens inside URLs, file names or identifiers are never split.
    ///
    /// ## Data
    /// `rules/glued_tokens.toml`: `keep_prefixes`, `prose_words`, `short_words`.
    N201 = ("word-glued-to-number", Safe, true, "space between a word and the number glued to it");
    /// ## What it fixes
    /// A unit word glued after a number: `259yuan`, `30people`.
    ///
    /// ## Example
    /// ```text
    /// the GDP per capita was 259yuan, only 15yuan more
    /// ```
    /// Becomes:
    /// ```text
    /// the GDP per capita was 259 yuan, only 15 yuan more
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 5G, 3D, 4K, the 10th plan, 1st, 5km, 3kg, 8am and 1080p stay.
    /// ```
    ///
    /// ## Why safe
    /// Only full words from a list of units and counted nouns are separated;
    /// ordinals, SI abbreviations and letters such as `5G` are not in it.
    ///
    /// ## Data
    /// `rules/glued_tokens.toml`: `unit_words`.
    N202 = ("number-glued-to-unit-word", Safe, true, "space between a number and the unit word glued to it");
    /// ## What it fixes
    /// A month name glued to the day or year after it: `March31`.
    ///
    /// ## Example
    /// ```text
    /// On March31, and in December2023, it rained.
    /// ```
    /// Becomes:
    /// ```text
    /// On March 31, and in December 2023, it rained.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// On March 31, 2024 and May 4 it rained.
    /// ```
    ///
    /// ## Why safe
    /// A capitalized month name followed by a day (1–31) or a year has one
    /// reading.
    ///
    /// ## Data
    /// `rules/calendar.txt`: `[months]`.
    N203 = ("month-glued-to-number", Safe, true, "space between a month and the day or year glued to it");
    /// ## What it fixes
    /// A number (or an ordinal) glued to the capitalized word that opens the
    /// next sentence, as text from separate HTML spans is joined:
    /// `2015The annual meeting`, `March 31At noon`, `March 6thTopic:`.
    ///
    /// ## Example
    /// ```text
    /// on the first floor.2015The annual meeting and March 6thTopic: safety
    /// ```
    /// Becomes:
    /// ```text
    /// on the first floor.2015 The annual meeting and March 6th Topic: safety
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 5G, 3D, 4K, H1N1, 3Com and the 5A scenic area stay.
    /// ```
    ///
    /// ## Why review
    /// The space is certain but the sentence break around it (a period, a
    /// comma) is not; an editor may want more than a space. Without an ordinal
    /// suffix only words from a list of sentence openers count, so product
    /// names (`3Com`, `4Runner`) stay.
    ///
    /// ## Data
    /// `rules/glued_tokens.toml`: `openers`.
    N204 = ("number-glued-to-capitalized-word", Review, true, "space between a number and the capitalized word glued to it");
}

const R_TWO_POINTS: &str = "two decimal points before `billion`, read as 亿";
const R_WAN_ZEROS: &str = "decimal followed by the unit's zeros, read as 万/亿";
const R_YI_ZEROS: &str = "decimal ending in 亿's extra zeros before `million`";
const R_CJK_UNIT: &str = "Chinese unit in English text";
const R_SPELLED: &str = "scale words added up";
const R_PERIOD_THOUSANDS: &str = "three decimals in a yuan amount: the period separates thousands";
const R_WORD_GLUED: &str = "space between a word and the number glued to it";
const R_UNIT_GLUED: &str = "space between a number and the unit word glued to it";
const R_MONTH_GLUED: &str = "space between a month and the day or year glued to it";
const R_CAPITAL_GLUED: &str = "space between a number and the capitalized word glued to it";
const W_UNKNOWN: &str = "numbers: broken number, value unknown (check the source)";

const UNITS_TOML: &str = include_str!("../../rules/cjk_units.toml");
const GLUED_TOML: &str = include_str!("../../rules/glued_tokens.toml");

/// Options of the numbers pass (`[numbers]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    units: BTreeMap<String, i32>,
    currency: BTreeMap<String, String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GluedFile {
    keep_prefixes: Vec<String>,
    prose_words: Vec<String>,
    short_words: Vec<String>,
    unit_words: Vec<String>,
    reference_words: Vec<String>,
    currency_words: Vec<String>,
    foreign_currencies: Vec<String>,
    openers: Vec<String>,
}

/// Rule data, parsed once from the embedded rules/ files.
struct Data {
    /// (unit, power of ten), longest unit first.
    units: Vec<(String, i32)>,
    /// (currency, English word), longest first.
    currency: Vec<(String, String)>,
    keep_prefixes: HashSet<String>,
    prose_words: HashSet<String>,
    short_words: HashSet<String>,
    unit_words: HashSet<String>,
    reference_words: HashSet<String>,
    currency_words: HashSet<String>,
    foreign_currencies: HashSet<String>,
    openers: HashSet<String>,
    months: HashSet<String>,
}

fn rules_error(name: &str, message: impl Into<String>) -> Error {
    Error::Rules { name: name.to_string(), message: message.into() }
}

fn parse_data(units_toml: &str, glued_toml: &str) -> Result<Data> {
    let u: UnitsFile = toml::from_str(units_toml).map_err(|e| rules_error("cjk_units.toml", e.to_string()))?;
    let g: GluedFile = toml::from_str(glued_toml).map_err(|e| rules_error("glued_tokens.toml", e.to_string()))?;
    let mut units: Vec<(String, i32)> = Vec::new();
    for (k, v) in u.units {
        if k.is_empty() || k.is_ascii() || !(1..=16).contains(&v) {
            return Err(rules_error("cjk_units.toml", format!("bad unit `{k}` = {v} (a Chinese unit, power 1..16)")));
        }
        units.push((k, v));
    }
    units.sort_by_key(|u| std::cmp::Reverse(u.0.len()));
    let mut currency: Vec<(String, String)> = u.currency.into_iter().collect();
    if currency.iter().any(|(k, v)| k.is_empty() || k.is_ascii() || v.is_empty()) {
        return Err(rules_error("cjk_units.toml", "a currency needs a Chinese key and an English word"));
    }
    currency.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
    let set = |name: &str, words: Vec<String>, lower: bool| -> Result<HashSet<String>> {
        let mut out = HashSet::with_capacity(words.len());
        for w in words {
            if w.is_empty() || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(rules_error("glued_tokens.toml", format!("{name}: `{w}` is not an ASCII word")));
            }
            out.insert(if lower { w.to_ascii_lowercase() } else { w });
        }
        Ok(out)
    };
    Ok(Data {
        units,
        currency,
        keep_prefixes: set("keep_prefixes", g.keep_prefixes, true)?,
        prose_words: set("prose_words", g.prose_words, true)?,
        short_words: set("short_words", g.short_words, true)?,
        unit_words: set("unit_words", g.unit_words, true)?,
        reference_words: set("reference_words", g.reference_words, true)?,
        currency_words: set("currency_words", g.currency_words, true)?,
        foreign_currencies: set("foreign_currencies", g.foreign_currencies, true)?,
        openers: set("openers", g.openers, false)?,
        // `rules/calendar.txt`, capitalized: `March31` (N203).
        months: crate::text::lexicon::lexicon()?
            .months
            .iter()
            .map(|m| m[..1].to_ascii_uppercase() + &m[1..])
            .collect(),
    })
}

static DATA: LazyLock<std::result::Result<Data, String>> =
    LazyLock::new(|| parse_data(UNITS_TOML, GLUED_TOML).map_err(|e| e.to_string()));

/// The numbers pass.
pub struct Numbers {
    data: &'static Data,
}

impl Numbers {
    /// Build the pass for `config` (the rules/ data is parsed once per process).
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        match &*DATA {
            Ok(data) => Ok(Numbers { data }),
            Err(message) => Err(rules_error("numbers", message.clone())),
        }
    }
}

impl Pass for Numbers {
    fn run(&self, text: &str, cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        let mut pos = 0;
        while let Some(start) = next_digit(b, pos) {
            let tok = Tok::scan(b, start);
            pos = self.examine(text, &tok, &mut edits, cx).max(tok.end);
        }
        edits
    }
}

/// A numeric token: `digits ([.,:] digits)*`.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    dots: u32,
    commas: u32,
    colon: bool,
    /// Byte index of the first `.` (or `end`).
    first_dot: usize,
    /// Byte index of the first `,` (or `end`).
    first_comma: usize,
}

impl Tok {
    fn scan(b: &[u8], start: usize) -> Tok {
        let mut t = Tok { start, end: start, dots: 0, commas: 0, colon: false, first_dot: usize::MAX, first_comma: usize::MAX };
        let mut i = start;
        loop {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < b.len() && matches!(b[i], b'.' | b',' | b':') && b[i + 1].is_ascii_digit() {
                match b[i] {
                    b'.' => {
                        t.first_dot = t.first_dot.min(i);
                        t.dots += 1;
                    }
                    b',' => {
                        t.first_comma = t.first_comma.min(i);
                        t.commas += 1;
                    }
                    _ => t.colon = true,
                }
                i += 1;
                continue;
            }
            break;
        }
        t.end = i;
        t.first_dot = t.first_dot.min(i);
        t.first_comma = t.first_comma.min(i);
        t
    }

    fn is_plain_integer(&self) -> bool {
        self.dots == 0 && self.commas == 0 && !self.colon
    }
}

/// A value `m × 10^e`, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Amount {
    m: u128,
    e: i32,
}

impl Amount {
    /// The digits of `s` (other characters skipped) times `10^e`; `None` when
    /// there are too many digits to be exact.
    fn from_digits(s: &str, e: i32) -> Option<Amount> {
        let mut m: u128 = 0;
        let mut n = 0;
        for c in s.bytes().filter(u8::is_ascii_digit) {
            m = m * 10 + u128::from(c - b'0');
            n += 1;
            if n > 30 {
                return None;
            }
        }
        Some(Amount { m, e })
    }

    /// Plain English: `75,000`, `127 million`, `1.25 billion`, `12,345.6`.
    fn english(self) -> String {
        let (mut m, mut e) = (self.m, self.e);
        if m == 0 {
            return "0".into();
        }
        while m % 10 == 0 {
            m /= 10;
            e += 1;
        }
        let digits = m.to_string();
        let int_digits = digits.len() as i32 + e;
        let (scale, word) = match int_digits {
            d if d > 12 => (12, " trillion"),
            d if d > 9 => (9, " billion"),
            d if d > 6 => (6, " million"),
            _ => (0, ""),
        };
        // More than three decimals of a scale word reads badly: write digits.
        let (scale, word) = if scale > 0 && e - scale < -3 && e >= 0 { (0, "") } else { (scale, word) };
        let mut s = group(&decimal(&digits, e - scale));
        s.push_str(word);
        s
    }
}

/// `digits × 10^exp` as a decimal string (no grouping).
fn decimal(digits: &str, exp: i32) -> String {
    if exp >= 0 {
        let mut s = digits.to_string();
        s.extend(std::iter::repeat_n('0', exp as usize));
        return s;
    }
    let k = (-exp) as usize;
    if k >= digits.len() {
        let mut s = String::from("0.");
        s.extend(std::iter::repeat_n('0', k - digits.len()));
        s.push_str(digits);
        s
    } else {
        format!("{}.{}", &digits[..digits.len() - k], &digits[digits.len() - k..])
    }
}

/// Thousands commas in the integer part of a decimal string (4+ digits).
fn group(s: &str) -> String {
    let (int, frac) = s.split_once('.').map(|(a, b)| (a, Some(b))).unwrap_or((s, None));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    if int.len() <= 3 {
        out.push_str(int);
    } else {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `1,234,567` grouping is well formed (first group 1–3 digits, then 3).
fn well_grouped(s: &str) -> bool {
    let mut parts = s.split(',');
    let first = parts.next().unwrap_or("");
    (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
}

/// `thousand` / `million` / `billion` / `trillion` at `pos` (after at most
/// one space), as a whole word: (end, power of ten).
fn scale_after(b: &[u8], pos: usize) -> Option<(usize, i32)> {
    let i = if b.get(pos) == Some(&b' ') { pos + 1 } else { pos };
    let rest = b.get(i..)?;
    for (w, e) in [("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12)] {
        if rest.starts_with(w.as_bytes()) && !rest.get(w.len()).is_some_and(|c| c.is_ascii_alphabetic()) {
            return Some((i + w.len(), e));
        }
    }
    None
}

/// The whole word `w` at `pos` (letters end there).
fn word_at(b: &[u8], pos: usize, w: &str) -> bool {
    b.get(pos..).is_some_and(|r| r.starts_with(w.as_bytes()))
        && !b.get(pos + w.len()).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Index of the next ASCII digit at or after `from`.
#[inline]
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let i = scan::find_byte(b, from, |c| c.wrapping_sub(b'0') < 10);
    (i < b.len()).then_some(i)
}

/// Chinese punctuation or a full-width form (`％`, `．`, `０`): text the
/// language pass owns.
fn is_cjk_punct_or_fullwidth(c: char) -> bool {
    is_cjk_punct(c) || is_fullwidth_form(c)
}

/// Can a word start after the byte before `i` (not part of a URL, path,
/// file name or identifier)?
fn word_start_ok(b: &[u8], i: usize) -> bool {
    i == 0 || {
        let c = b[i - 1];
        c.is_ascii_whitespace() || c >= 0x80 || matches!(c, b'"' | b'\'' | b'(' | b'[' | b'{' | b',' | b';')
    }
}

/// Can a word end before `i` (whitespace, closing punctuation, a sentence
/// period, non-ASCII text)?
fn word_end_ok(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        None => true,
        Some(&c) => {
            c.is_ascii_whitespace()
                || c >= 0x80
                || matches!(c, b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'}' | b'"' | b'\'')
                || (c == b'.' && !b.get(i + 1).is_some_and(|d| d.is_ascii_alphanumeric()))
        }
    }
}

/// Like [`word_end_ok`], without the closing brackets and quotes that code
/// uses (`]`, `}`, `'`).
fn prose_end_ok(b: &[u8], i: usize) -> bool {
    word_end_ok(b, i) && !matches!(b.get(i), Some(b']' | b'}' | b'\''))
}

/// `st`/`nd`/`rd`/`th` at `i`, ending a word: the end.
fn ordinal_suffix(b: &[u8], i: usize) -> Option<usize> {
    let s = b.get(i..i + 2)?;
    (matches!(s, b"st" | b"nd" | b"rd" | b"th") && word_end_ok(b, i + 2)).then_some(i + 2)
}

impl Numbers {
    /// Look at one token and its neighbours; returns where scanning resumes.
    fn examine(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>, cx: &mut Context) -> usize {
        let b = text.as_bytes();
        if t.colon {
            return t.end; // times, ratios
        }
        let prev = if t.start > 0 { b[t.start - 1] } else { b' ' };
        let next = b.get(t.end).copied().unwrap_or(b'\n');
        if prev.is_ascii_alphabetic() {
            self.word_glued(text, t, edits);
        }
        if next.is_ascii_alphabetic() {
            self.glued_after(text, t, edits);
        } else if next >= 0xe0 {
            if let Some(end) = self.chinese_unit(text, t, edits) {
                return end;
            }
        }
        if t.dots >= 1 && self.shape_left_ok(text, t.start) {
            if let Some(end) = self.dotted(text, t, edits, cx) {
                return end;
            }
        }
        if t.is_plain_integer() && next == b' ' && matches!(b.get(t.end + 1), Some(b't' | b'm' | b'b')) {
            if let Some(end) = self.spelled(text, t, edits) {
                return end;
            }
        }
        t.end
    }

    /// May a dotted token be an amount (not a reference, path or identifier)?
    fn shape_left_ok(&self, text: &str, start: usize) -> bool {
        let b = text.as_bytes();
        if start > 0 {
            let p = b[start - 1];
            if p.is_ascii_alphanumeric() || matches!(p, b'.' | b'/' | b'_' | b'-' | b'#' | b'@' | b'\\' | b'+' | b'=' | b'&') {
                return false;
            }
        }
        let w = self.prev_word(text, start);
        w.is_empty() || !self.data.reference_words.contains(&w.to_ascii_lowercase())
    }

    /// The word before `start`, skipping one space and one period (`No. 1`).
    fn prev_word<'t>(&self, text: &'t str, start: usize) -> &'t str {
        let b = text.as_bytes();
        let mut i = start;
        if i > 0 && b[i - 1] == b' ' {
            i -= 1;
        }
        if i > 0 && b[i - 1] == b'.' {
            i -= 1;
        }
        &text[word_start(b, i)..i]
    }

    fn warn(&self, cx: &mut Context, what: &str, shape: &str) {
        if cx.round > 0 {
            return;
        }
        let msg = format!("{W_UNKNOWN}: `{what}` ({shape})");
        if !cx.warnings.contains(&msg) {
            cx.warnings.push(msg);
        }
    }

    /// N101, N102, N103, N106: dotted tokens.
    fn dotted(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>, cx: &mut Context) -> Option<usize> {
        let b = text.as_bytes();
        let tok = &text[t.start..t.end];
        let int = &text[t.start..t.first_dot];
        if t.dots == 2 && t.commas == 0 {
            // N101: a.b.c billion → a.bc亿
            let rest = &text[t.first_dot + 1..t.end];
            let (x, y) = rest.split_once('.')?;
            match scale_after(b, t.end) {
                Some((end, 9)) => {
                    let frac = format!("{x}{y}");
                    let amount = Amount::from_digits(&format!("{int}{frac}"), 8 - frac.len() as i32)?;
                    let en = amount.english();
                    let reason = format!("{R_TWO_POINTS}: {int}.{frac}亿 = {en}");
                    edits.push(Edit::replacement(t.start..end, en, N101, Review, reason));
                    return Some(end);
                }
                Some((end, _)) => self.warn(cx, &text[t.start..end], "two decimal points"),
                None if b.get(t.end) == Some(&b'%') || word_at(b, t.end + 1, "yuan") => {
                    self.warn(cx, tok, "two decimal points")
                }
                None => {}
            }
            return None;
        }
        if t.dots == 1 && t.commas >= 1 && t.first_dot < t.first_comma {
            // N102: a.b<unit zeros> → a.b万 / a.b亿
            let tail = &text[t.first_dot + 1..t.end];
            if scale_after(b, t.end).is_some() {
                if tail.ends_with(",000") {
                    self.warn(cx, tok, "decimal followed by thousands groups");
                }
                return None;
            }
            let (frac, k, unit) = if let Some(f) = tail.strip_suffix("00,000,000").filter(|f| !f.contains(',')) {
                (f, 8, "亿")
            } else if let Some(f) = tail.strip_suffix("0,000").filter(|f| !f.contains(',')) {
                (f, 4, "万")
            } else {
                if tail.ends_with(",000") {
                    self.warn(cx, tok, "decimal followed by thousands groups");
                }
                return None;
            };
            let amount = Amount::from_digits(&format!("{int}{frac}"), k - frac.len() as i32)?;
            let en = amount.english();
            let cn = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
            let reason = format!("{R_WAN_ZEROS}: {cn}{unit} = {en}");
            edits.push(Edit::replacement(t.start..t.end, en, N102, Review, reason));
            return Some(t.end);
        }
        if t.dots == 1 && t.commas == 0 {
            let frac = &text[t.first_dot + 1..t.end];
            // N103: a.b00 million → a.b亿
            if frac.len() >= 3 && frac.ends_with("00") && !frac[..frac.len() - 2].ends_with('0') {
                if let Some((end, 6)) = scale_after(b, t.end) {
                    if self.after_currency(text, t.start) || self.foreign_currency_at(text, end) {
                        return None;
                    }
                    let f = &frac[..frac.len() - 2];
                    let amount = Amount::from_digits(&format!("{int}{f}"), 8 - f.len() as i32)?;
                    let en = amount.english();
                    let reason = format!("{R_YI_ZEROS}: {int}.{f}亿 = {en}");
                    edits.push(Edit::replacement(t.start..end, en, N103, Review, reason));
                    return Some(end);
                }
            }
            // N106: d{1,3}.ddd yuan → thousands
            let yuan_end = if word_at(b, t.end, "yuan") {
                Some(t.end + 4)
            } else if b.get(t.end) == Some(&b' ') && word_at(b, t.end + 1, "yuan") {
                Some(t.end + 5)
            } else {
                None
            };
            // A unit price (`3.450 yuan per share`, an ETF quote) may have three decimals.
            let per_unit = yuan_end.is_some_and(|e| b[e..].starts_with(b" per ") || b[e..].starts_with(b"/"));
            if frac.len() == 3 && (2..=3).contains(&int.len()) && !int.starts_with('0') && yuan_end.is_some() && !per_unit {
                let en = format!("{int},{frac}");
                let reason = format!("{R_PERIOD_THOUSANDS} ({tok} = {en})");
                edits.push(Edit::replacement(t.start..t.end, en, N106, Review, reason));
                return Some(t.end);
            }
        }
        None
    }

    /// A non-Chinese currency word after `end` (`million euros`).
    fn foreign_currency_at(&self, text: &str, end: usize) -> bool {
        let b = text.as_bytes();
        let s = if b.get(end) == Some(&b' ') { end + 1 } else { end };
        let w = &text[s..word_end(b, s)];
        !w.is_empty() && self.data.foreign_currencies.contains(&w.to_ascii_lowercase())
    }

    /// A currency symbol or code right before `start` (`US$`, `RMB `).
    fn after_currency(&self, text: &str, start: usize) -> bool {
        let before = text[..start].trim_end_matches(' ');
        if before.ends_with(['$', '¥', '€', '£', '￥']) {
            return true;
        }
        let w = self.prev_word(text, start);
        !w.is_empty() && self.data.currency_words.contains(&w.to_ascii_lowercase())
    }

    /// N104: a Chinese unit after the number, inside English text.
    fn chinese_unit(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>) -> Option<usize> {
        let rest = &text[t.end..];
        let (unit, k) = self.data.units.iter().find(|(u, _)| rest.starts_with(u.as_str()))?;
        let mut end = t.end + unit.len();
        let currency = self.data.currency.iter().find(|(c, _)| text[end..].starts_with(c.as_str()));
        if let Some((c, _)) = currency {
            end += c.len();
        }
        if t.dots > 1 || (t.commas > 0 && (t.first_comma > t.first_dot || !well_grouped(&text[t.start..t.first_dot]))) {
            return None;
        }
        let after = text[end..].chars().next();
        if after.is_some_and(|c| is_han(c) || c.is_ascii_digit()) {
            return None;
        }
        let before_text = text[..t.start].strip_suffix(' ').unwrap_or(&text[..t.start]);
        let before = before_text.chars().next_back();
        if before.is_some_and(|c| is_han(c) || is_cjk_punct_or_fullwidth(c)) {
            return None;
        }
        // English on one side: an ASCII letter or punctuation before, or a word after.
        let english_before = before.is_some_and(|c| c.is_ascii_graphic());
        let english_after = text[end..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()));
        if !(english_before || english_after) {
            return None;
        }
        let num = &text[t.start..t.end];
        let frac_len = if t.dots == 1 { (t.end - t.first_dot - 1) as i32 } else { 0 };
        let amount = Amount::from_digits(num, k - frac_len)?;
        let en = amount.english();
        let mut out = en.clone();
        if let Some((_, word)) = currency {
            out.push(' ');
            out.push_str(word);
        }
        if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            out.push(' ');
        }
        let reason = format!("{R_CJK_UNIT}: {num}{unit} = {en}");
        edits.push(Edit::replacement(t.start..end, out, N104, Review, reason));
        Some(end)
    }

    /// N105: `45 billion 651 million`, `558 thousand and 780`.
    fn spelled(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>) -> Option<usize> {
        let b = text.as_bytes();
        if t.end - t.start > 3 || !self.shape_left_ok(text, t.start) {
            return None;
        }
        let n0: u128 = text[t.start..t.end].parse().ok()?;
        let (mut pos, mut exp) = scale_after(b, t.end)?;
        let mut parts: Vec<(u128, i32, usize)> = vec![(n0, exp, t.end)];
        let mut bare = false;
        loop {
            if b.get(pos) != Some(&b' ') {
                break;
            }
            let (s, via_and) = if b[pos + 1..].starts_with(b"and ") { (pos + 5, true) } else { (pos + 1, false) };
            let mut e = s;
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            if e == s || e - s > 3 || b[s] == b'0' {
                break;
            }
            let n: u128 = text[s..e].parse().ok()?;
            match scale_after(b, e) {
                Some((pe, ex)) if !via_and && ex < exp => {
                    parts.push((n, ex, e));
                    pos = pe;
                    exp = ex;
                }
                Some(_) => break,
                None if via_and && exp == 3 => {
                    // A bare number, then a counted noun.
                    if b.get(e) != Some(&b' ') {
                        break;
                    }
                    let we = word_end(b, e + 1);
                    let word = &text[e + 1..we];
                    if word.is_empty()
                        || !word.bytes().all(|c| c.is_ascii_lowercase())
                        || matches!(
                            word,
                            "percent" | "per" | "times" | "of" | "hundred" | "dozen" | "more" | "less" | "fewer" | "other" | "others" | "or" | "to"
                        )
                    {
                        break;
                    }
                    parts.push((n, 0, e));
                    pos = e;
                    bare = true;
                    break;
                }
                None => break,
            }
        }
        if parts.len() < 2 {
            return None;
        }
        let total: u128 = parts.iter().map(|&(n, e, _)| n * 10u128.pow(e as u32)).sum();
        let en = if bare { group(&total.to_string()) } else { Amount { m: total, e: 0 }.english() };
        let written = parts
            .iter()
            .map(|&(n, e, _)| match e {
                12 => format!("{n} trillion"),
                9 => format!("{n} billion"),
                6 => format!("{n} million"),
                3 => format!("{n} thousand"),
                _ => n.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" + ");
        let reason = format!("{R_SPELLED}: {written} = {en}");
        edits.push(Edit::replacement(t.start..pos, en, N105, Review, reason));
        Some(pos)
    }

    /// N201, N203: a word glued before the number.
    fn word_glued(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let ws = word_start(b, t.start);
        if !word_start_ok(b, ws) {
            return;
        }
        let word = &text[ws..t.start];
        let mut r = t.end;
        if b.get(r) == Some(&b'%') {
            r += 1;
        }
        if self.data.months.contains(word) {
            // N203: March31, December2023 (the right side may be glued too: N204).
            let n: u32 = if t.is_plain_integer() { text[t.start..t.end].parse().unwrap_or(0) } else { 0 };
            let ok = match t.end - t.start {
                1 | 2 => (1..=31).contains(&n),
                4 => (1000..=2999).contains(&n),
                _ => false,
            };
            if ok {
                edits.push(Edit::insertion(t.start, " ", N203, Safe, R_MONTH_GLUED));
            }
            return;
        }
        // Prose, not code: `buf1 =`, `[port2]`, `'udp4'` stay.
        if matches!(b.get(ws.wrapping_sub(1)), Some(b'[' | b'{' | b'\'')) || !(prose_end_ok(b, r) || ordinal_suffix(b, r).is_some()) {
            return;
        }
        if !word.bytes().all(|c| c.is_ascii_lowercase()) {
            return;
        }
        let d = &self.data;
        if d.keep_prefixes.contains(word) {
            return;
        }
        // A single digit glued to a word is mostly an identifier (`value1`, `step2`).
        let percent = b.get(t.end) == Some(&b'%');
        if t.end - t.start == 1 && !percent && ordinal_suffix(b, r).is_none() {
            return;
        }
        let conf: Confidence = if d.prose_words.contains(word) || d.short_words.contains(word) {
            Safe
        } else if percent && word.len() >= 3 && word.bytes().any(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')) {
            Review
        } else {
            return;
        };
        edits.push(Edit::insertion(t.start, " ", N201, conf, R_WORD_GLUED));
    }

    /// N202, N204: a word glued after the number.
    fn glued_after(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let we = word_end(b, t.end);
        if b.get(we).is_some_and(|&c| c.is_ascii_digit() || c == b'_' || c == b'@' || c == b'/') {
            return; // identifier: H1N1, abc2def3
        }
        if !word_end_ok(b, we) && !matches!(b.get(we), Some(b'-')) {
            return;
        }
        let word = &text[t.end..we];
        let p = if t.start > 0 { b[t.start - 1] } else { b' ' };
        if matches!(p, b'/' | b'@' | b'_' | b'#' | b'=' | b'&' | b'\\' | b'-') {
            return;
        }
        // N202: 259yuan (a word before the number means an identifier).
        if !p.is_ascii_alphanumeric() && p != b'.' && self.data.unit_words.contains(word) {
            edits.push(Edit::insertion(t.end, " ", N202, Safe, R_UNIT_GLUED));
            return;
        }
        // N204: 6thTopic, 2015The
        let (at, cap) = match word.get(..2) {
            Some("st" | "nd" | "rd" | "th") if word.len() > 2 => (t.end + 2, &word[2..]),
            _ => (t.end, word),
        };
        let capitalized = cap.len() >= 2
            && cap.as_bytes()[0].is_ascii_uppercase()
            && cap.bytes().skip(1).all(|c| c.is_ascii_lowercase());
        if capitalized && (at > t.end || self.data.openers.contains(cap)) && t.dots <= 1 {
            edits.push(Edit::insertion(at, " ", N204, Review, R_CAPITAL_GLUED));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;
    use super::*;
    use crate::passes::kit::testing::{assert_fixes, assert_fixes_with, assert_no_edits, edit_count};

    fn n(input: &str, expected: &str) {
        assert_fixes_with(&["N"], input, expected);
    }

    fn keep(input: &str) {
        assert_fixes_with(&["N"], input, input);
    }

    #[test]
    fn embedded_rules_files_parse() {
        let d = parse_data(UNITS_TOML, GLUED_TOML).expect("rules files");
        assert!(d.units.iter().any(|(u, k)| u == "亿" && *k == 8));
        assert_eq!(d.units[0].0.chars().count(), 2, "longest unit first");
        assert!(d.months.contains("March"));
        assert!(parse_data("[units]\nx = 4\n[currency]\n", GLUED_TOML).is_err());
        assert!(parse_data(UNITS_TOML, "keep_prefixes = 3").is_err());
    }

    #[test]
    fn formats_amounts_in_plain_english() {
        let f = |d: &str, e| Amount::from_digits(d, e).unwrap().english();
        assert_eq!(f("127", 6), "127 million");
        assert_eq!(f("15", 7), "150 million");
        assert_eq!(f("75", 3), "75,000");
        assert_eq!(f("125", 7), "1.25 billion");
        assert_eq!(f("13", 12), "13 trillion");
        assert_eq!(f("123456", -1), "12,345.6");
        assert_eq!(f("1234567", 0), "1,234,567");
        assert_eq!(f("1", 6), "1 million");
        assert_eq!(f("45651", 6), "45.651 billion");
    }

    #[test]
    fn fixes_spec_numbers_from_seed_000() {
        assert_fixes(
            "We have 1.2.7 billion permanent residents, about 1.500 million people live in Guangdong",
            "We have 127 million permanent residents, about 150 million people live in Guangdong",
        );
        assert_fixes("more than 7.50,000 high-tech enterprises", "more than 75,000 high-tech enterprises");
        assert_fixes(
            "Economic growth4.8%, the first to exceed 13 trillion yuan",
            "Economic growth 4.8%, the first to exceed 13 trillion yuan",
        );
    }

    #[test]
    fn reason_carries_the_arithmetic() {
        let out = crate::Cleaner::new(Config::default()).unwrap().clean("about 1.2.7 billion people");
        let e = out.report.edits.iter().find(|e| e.codes.iter().any(|c| c == "N101")).unwrap();
        assert!(e.reasons.iter().any(|r| r.contains("1.27亿 = 127 million")), "{:?}", e.reasons);
        assert_eq!(e.confidence, Review);
    }

    #[test]
    fn reads_yi_zeros_of_a_hundred_million() {
        n("a loan of 1.200,000,000 yuan", "a loan of 120 million yuan");
        n("reached 2.7500 million tons", "reached 275 million tons");
    }

    #[test]
    fn converts_chinese_units_left_in_english() {
        n("revenue of 1.5亿元 and 3万 visitors", "revenue of 150 million yuan and 30,000 visitors");
        n("a total of 13万亿元.", "a total of 13 trillion yuan.");
        n("about 2.35万people", "about 23,500 people");
    }

    #[test]
    fn keeps_chinese_units_in_chinese_text() {
        keep("广东常住人口1.27亿人，新中国成立75周年。");
        keep("收入1.5亿元");
        keep("（约3万）");
    }

    #[test]
    fn adds_up_spelled_out_scales_from_realworld_008() {
        n(
            "the province’s GDP 45 billion 651 million yuan, calculated at comparable prices",
            "the province’s GDP 45.651 billion yuan, calculated at comparable prices",
        );
        n("sown area of crops intention 558 thousand and 780 hectares, up 0.1%", "sown area of crops intention 558,780 hectares, up 0.1%");
        n("the province’s 24 million 781 thousand and 300 head of cattle", "the province’s 24,781,300 head of cattle");
        n("added value of 1 billion 670 million yuan", "added value of 1.67 billion yuan");
        assert_eq!(edit_count("GDP 45 billion 651 million yuan", "N105"), 1);
    }

    #[test]
    fn keeps_ordinary_scale_phrases() {
        keep("between 1 million and 2 million people, 13 trillion yuan and 18 million entities");
        keep("1 billion and 500 million were spent");
        keep("5 million and 3 percent");
        keep("1 thousand and 5 hundred people, 3 million and 200 people");
    }

    #[test]
    fn fixes_period_thousands_in_realworld_016() {
        assert_fixes(
            "In 2008,the GDP per capita soared to 16.867yuan,74.3% of the national GDP per capita .It was 2382 yuan more",
            "In 2008, the GDP per capita soared to 16,867 yuan, 74.3% of the national GDP per capita. It was 2382 yuan more",
        );
        n("the GDP per capita was 259yuan ,only 68%", "the GDP per capita was 259 yuan ,only 68%");
        keep("per capita disposable income of 4396.60 yuan, compared to the same period last year");
    }

    #[test]
    fn splits_month_and_sentence_glue_from_realworld_020() {
        n(
            "March31At noon on the 1st, the group met on the first floor.2015The annual meeting",
            "March 31 At noon on the 1st, the group met on the first floor.2015 The annual meeting",
        );
        n("Beijing, March 6thTopic: private economy", "Beijing, March 6th Topic: private economy");
    }

    #[test]
    fn keeps_codes_products_and_references() {
        for s in [
            "The U.S. economy grew 3.5% in Q1, e.g. exports rose 1.2 billion dollars (i.e. 9,000 containers) by 8 a.m. on Jan. 6.",
            "It cost $1,234.56 at 15:22:33 and ships with Section 1.2.7 of version 2.10.3.",
            "On January 1, 2024, the 14th Five-Year Plan entered its fourth year, and 5G, G20 and COVID-19 were discussed.",
            "See https://www.example.gov.cn/news/2024/0218,index.html or write to press@example.com today.",
            "Revenue reached 1.5 million yuan and 2.75 billion yuan, up 13 trillion yuan overall.",
            "H1N1, 3D, A4, Win10, win10, mp4, iPhone15, No.1, pm2.5, co2, sha256, ipv6, utf8, log4j, covid19.",
            "Server 192.168.1.1 and v1.2.7 billion, 2024-02-18, tel 010-12345678, an increase of 53%.",
            "Article 1.2.7 billion and No. 3.2.1 billion are references.",
            "US$1.500 million and RMB 2.500 million are precise.",
            "20240218152233.png and 10.jpg and image10.jpg",
            "the 5A scenic area, 3Com, 4Runner, 7Eleven",
        ] {
            keep(s);
        }
    }

    #[test]
    fn warns_about_broken_shapes_of_unknown_value() {
        let out = crate::Cleaner::new(Config::default()).unwrap().clean("It grew 1.2.7 million and 7.53,000 units.");
        assert_eq!(out.text, "It grew 1.2.7 million and 7.53,000 units.");
        assert_eq!(out.report.warnings.len(), 2, "{:?}", out.report.warnings);
    }

    #[test]
    fn glued_word_confidence_depends_on_word_list() {
        let out = crate::Cleaner::new(Config::default()).unwrap().clean("growth4.8% and widget7.5% units, not buf1, value1, arm64 or libssl1.1");
        assert_eq!(out.text, "growth 4.8% and widget 7.5% units, not buf1, value1, arm64 or libssl1.1");
        let conf: Vec<_> = out.report.edits.iter().map(|e| e.confidence).collect();
        assert_eq!(conf, vec![Safe, Review]);
    }

    proptest::proptest! {
        /// Any mix of digits, separators, letters and units: no panic, edits
        /// on char boundaries, and cleaning twice changes nothing more.
        #[test]
        fn never_panics_and_is_idempotent(s in "[0-9a-zA-Z .,:%$万亿元千\\-]{0,40}") {
            let cfg = Config { select: vec!["N".into()], ..Default::default() };
            let cleaner = crate::Cleaner::new(cfg).unwrap();
            let once = cleaner.clean(&s);
            let twice = cleaner.clean(&once.text);
            proptest::prop_assert_eq!(&twice.text, &once.text);
        }

        /// Sequences of the pieces the rules look for.
        #[test]
        fn pieces_clean_idempotently(parts in proptest::collection::vec(proptest::sample::select(vec![
            "1.2.7", " billion", "7.50,000", "growth", "4.8", "%", " ", "3", "万", "亿元", " thousand", " and ",
            "March", "31", "At", "yuan", "1.500", " million", "the", "2015", "The", "16.867", "th", "Topic",
            "45", "651", "of", ".", ",", "人", "No", "Section", "$", "-", "v", "000", "00,000,000", "people",
        ]), 0..14)) {
            let s: String = parts.concat();
            let cfg = Config { select: vec!["N".into()], ..Default::default() };
            let cleaner = crate::Cleaner::new(cfg).unwrap();
            let once = cleaner.clean(&s);
            proptest::prop_assert_eq!(once.report.apply(&s).unwrap(), once.text.clone());
            let twice = cleaner.clean(&once.text);
            proptest::prop_assert_eq!(&twice.text, &once.text, "input {:?}", s);
        }
    }

    #[test]
    fn handles_text_cut_mid_number() {
        keep("compared to the same period last year an increase of 9.");
        keep("the total was 1.2.");
        keep("7.50,");
        n("reached 7.50,000", "reached 75,000");
    }

    #[test]
    fn keeps_clean_real_english() {
        assert_no_edits("Domestic tourism revenue rose 12.3 percent to 5.4 trillion yuan ($858 billion) in 2017, with 5 billion trips.\n");
        assert_no_edits("It was 0.6 billion in 2005, e.g. in Shanghai.\n");
    }
}
