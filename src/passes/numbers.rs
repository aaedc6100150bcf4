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
    Confidence::{self, Review, Safe, Suggest},
    Edit,
};
use crate::error::{Error, Result};
use crate::passes::kit::{Context, Pass, Setup};
use crate::text::scan;
use crate::text::script::{is_cjk_punct, is_fullwidth_form, is_han};
use crate::text::words::{word_end, word_start};
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

crate::declare_rules! { pass = "numbers";
    /// ## What it fixes
    /// A number with two decimal points before `billion` or `million`:
    /// `1.27亿` machine translated as `1.2.7 billion`. The shape has two
    /// readings (1.27亿 = 127 million, or 12.7亿 = 1.27 billion; before
    /// `million`, 12.7万 = 127,000 or 127万 = 1.27 million), and the page
    /// decides: parts that add up to a total stated in the same paragraph, a
    /// share or growth rate against another figure of the sentence, a dollar
    /// amount in parentheses at 6.5–7.5 yuan a dollar, the same figure written
    /// cleanly elsewhere (`1.27 billion`, or `12.7亿` in a Chinese line), or,
    /// weakest, a figure of the same kind (people, yuan) in the same sentence
    /// on the scale of one reading only. The evidence is in the reason.
    ///
    /// ## Example
    /// ```text
    /// Investment totalled 5.3 billion yuan, of which 1.2.7 billion yuan went to roads and 4.0.3 billion yuan to rail.
    /// ```
    /// Becomes:
    /// ```text
    /// Investment totalled 5.3 billion yuan, of which 1.27 billion yuan went to roads and 4.03 billion yuan to rail.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// It ships with Section 1.2.7 of version 2.10.3 and 1.2 billion units.
    /// See No. 1.2.7 billion in the table.
    /// The fund invested 3.4.5 billion yuan in new plants.
    /// ```
    ///
    /// ## Why review
    /// Two decimal points are never valid in an amount, but which reading is
    /// right only the page can tell. With no evidence, or evidence that
    /// conflicts, the edit is only a suggestion (confidence `suggest`:
    /// listed in the report, applied under `apply = "suggest"`): 1.27亿 =
    /// 127 million before `billion`, 1.27 million before `million`. The same
    /// shape before `thousand`, `yuan` or `%` is only listed in the report
    /// warnings. References (`Section`, `version`, `No.`, `v1.2.7`) are never
    /// touched.
    N101 = ("two-decimal-points-before-scale", Review, true, "`1.2.7 billion`: 127 million or 1.27 billion, as the page decides");
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
    /// A decimal point followed by a thousands group is never valid English.
    /// A tail ending in the unit's zeros has one reading; `7.53,000` has two
    /// (7.53万 = 75,300 or 7.53千 = 7,530) and is decided by the page as
    /// N101 is, or else only suggested (75,300). Other tails are listed in
    /// the report warnings.
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
    /// A 万 amount written as its two parts: `3.2万` machine translated as
    /// `3` and `2000` (0.2万), giving `3 2000 yuan` (32,000 yuan).
    ///
    /// ## Example
    /// ```text
    /// The subsidy is 3 2000 yuan per household.
    /// ```
    /// Becomes:
    /// ```text
    /// The subsidy is 32,000 yuan per household.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// In 2024, 3 2500 yuan and 3 20000 yuan, 2023 3000 yuan and 1 3 2000 yuan stay.
    /// ```
    ///
    /// ## Why review
    /// Only the exact shape is read: one to three digits, a space, one digit
    /// and `000`, then `yuan`, with no number before it.
    N107 = ("wan-amount-in-two-parts", Review, true, "`3 2000 yuan` read as 3.2万 = 32,000 yuan");
    /// ## What it fixes
    /// A trillion-yuan figure off by ten (a 万亿 scale slip) next to a dollar
    /// figure in parentheses that shows the right scale: at 6.5–7.5 yuan a
    /// dollar, `1.3 trillion yuan (US$1.8 trillion)` is 13 trillion yuan.
    ///
    /// ## Example
    /// ```text
    /// GDP reached 1.3 trillion yuan (US$1.85 trillion) last year.
    /// ```
    /// Becomes:
    /// ```text
    /// GDP reached 13 trillion yuan (US$1.85 trillion) last year.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// GDP reached 13 trillion yuan (US$1.85 trillion) and 5 trillion yuan (US$3 trillion).
    /// ```
    ///
    /// ## Why review
    /// The dollar figure could be the wrong one; the yuan figure is changed
    /// only when ten times (or a tenth of) it gives a plausible rate and it
    /// does not.
    N108 = ("trillion-off-by-ten-against-dollars", Review, true, "`1.3 trillion yuan (US$1.8 trillion)` becomes 13 trillion yuan");
    /// ## What it fixes
    /// A full-width percent sign or decimal point in a number inside English
    /// text: `4.8％` and `4．8%` (the full-width comma after it is the
    /// punctuation pass's).
    ///
    /// ## Example
    /// ```text
    /// Economic growth was 4．8％ and exports rose.
    /// ```
    /// Becomes:
    /// ```text
    /// Economic growth was 4.8% and exports rose.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 经济增长4.8％，出口增长。
    /// ```
    ///
    /// ## Why safe
    /// A digit before `％` (or digits around `．`) with English on one side
    /// has one reading; Chinese text keeps its full-width marks.
    N109 = ("fullwidth-percent-or-point-in-number", Safe, true, "`4．8％` in English becomes `4.8%`");
    /// ## What it fixes
    /// `52.17亿` machine translated as `52.17 to billion`: read as 亿
    /// (5.217 billion) or as billion (52.17 billion), decided by the page as
    /// N101 is; with no evidence only suggested (the 亿 reading).
    ///
    /// ## Example
    /// ```text
    /// Sales reached 52.17 to billion yuan (US$735 million) in 2023.
    /// ```
    /// Becomes:
    /// ```text
    /// Sales reached 5.217 billion yuan (US$735 million) in 2023.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// It rose from 52.17 to 60 billion, and 52.17 to billion yuan is unclear.
    /// ```
    ///
    /// ## Why review
    /// `to billion` after a number is never English, but which reading is
    /// right only the page can tell.
    N110 = ("to-billion-after-number", Review, true, "`52.17 to billion` read as 52.17亿 = 5.217 billion, as the page decides");
    /// ## What it fixes
    /// A 亿 amount whose unit machine translation rendered word for word as
    /// `100 million` after the number: `460 100 million yuan` is 460亿 yuan,
    /// 46 billion yuan.
    ///
    /// ## Example
    /// ```text
    /// total investment 460 100 million yuan, of which 3.5 100 million yuan is public.
    /// ```
    /// Becomes:
    /// ```text
    /// total investment 46 billion yuan, of which 350 million yuan is public.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// In 2019 100 million yuan went to schools; 460 100 million people; 1 2 100 million yuan; v2.3 100 million yuan.
    /// ```
    ///
    /// ## Why review
    /// Only the exact shape is read: a number of one to five digits (one
    /// decimal point at most, no year), a space, `100 million`, then a
    /// currency (`yuan`, `RMB`, `dollars`, `US dollars`), with no number
    /// before it. Two figures written side by side could still read so.
    N111 = ("hundred-million-after-number", Review, true, "`460 100 million yuan` read as 460亿 = 46 billion yuan");
    /// ## What it fixes
    /// A lowercase word glued to the number after it: `growth4.8%`,
    /// `reached13`, `era10`.
    ///
    /// ## Example
    /// ```text
    /// Economic growth4.8%, and sales reached13 in2024, with funds1250 million yuan.
    /// ```
    /// Becomes:
    /// ```text
    /// Economic growth 4.8%, and sales reached 13 in 2024, with funds 1250 million yuan.
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
    /// Review, and only before a percentage (`exports8.2%`) or an amount's
    /// scale or unit (`funds1250 million yuan`); a single digit
    /// needs `%` or an ordinal suffix. So identifiers and package names
    /// (`buf1`, `value1`, `arm64`, `libssl1.1`) stay. Product, code and chemical names (`win10`, `covid19`, `mp4`,
    /// `co2`), words of one or two letters, capitalized or mixed-case words,
    /// and tokens inside URLs, file names or identifiers are never split.
    ///
    /// ## Data
    /// `rules/glued_tokens.toml`: `keep_prefixes`, `prose_words`, `short_words`.
    N201 = ("word-glued-to-number", Safe, true, "space between a word and the number glued to it");
    /// ## What it fixes
    /// A unit word glued after a number: `259yuan`, `30people`; and a
    /// time of day glued to `a.m.` or `p.m.` (`8p.m.`).
    ///
    /// ## Example
    /// ```text
    /// the GDP per capita was 259yuan, only 15yuan more, until 8p.m. today, on 3.8 km2at first
    /// ```
    /// Becomes:
    /// ```text
    /// the GDP per capita was 259 yuan, only 15 yuan more, until 8 p.m. today, on 3.8 km2 at first
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 5G, 3D, 4K, the 10th plan, 1st, 5km, 3kg, 8am and 1080p stay, as do km2at and 5 m2x.
    /// ```
    ///
    /// ## Why safe
    /// Only full words from a list of units and counted nouns are separated;
    /// ordinals, SI abbreviations and letters such as `5G` are not in it.
    /// `a.m.` and `p.m.` with their full stops follow a number of up to five
    /// characters standing alone (`8am` stays: no full stops). A square or
    /// cubic metric unit (`km2`, `m3`) after a number is split only from a
    /// closed-class word glued to it (`km2at`).
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
    /// ## What it fixes
    /// A number glued to an ordinary English word after it that is not a
    /// unit of the `unit_words` list: `10500square meters`, `330000audience`,
    /// `the 2022freshmen`; a small number glued between two such words
    /// (`other4students`).
    ///
    /// ## Example
    /// ```text
    /// nearly 330000audience online welcomed the 2022freshmen with other4students
    /// ```
    /// Becomes:
    /// ```text
    /// nearly 330000 audience online welcomed the 2022 freshmen with other 4 students
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 5G, 3D, 4K, the 10th plan, 1st, 5km, 3kg, 8am, 1080p, 0xdeadbeef, 2b or not 2b, mp3player and v2beta stay.
    /// ```
    ///
    /// ## Why review
    /// The word is a dictionary word of four letters or more and the number
    /// stands alone before it, but a product or model name may glue them on
    /// purpose.
    ///
    /// ## Data
    /// `rules/dictionary.txt`.
    N205 = ("number-glued-to-word", Review, true, "space between a number and the word glued to it");
    /// ## What it fixes
    /// A year cut in two by a space (`in the first half of 20 19,`, `As
    /// early as 20 12,`), as a converter that spaced digit groups leaves it.
    ///
    /// ## Example
    /// ```text
    /// In the first half of 20 19, sales rose; as early as 20 12. the plan began.
    /// ```
    /// Becomes:
    /// ```text
    /// In the first half of 2019, sales rose; as early as 2012. the plan began.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// a ratio of 20 to 19, scores of 20 19 and 18, in 20 19-year-olds, of 19 20, and 20 19.5 here; rooms 20 19, 21
    /// ```
    ///
    /// ## Why review
    /// The year must be 1950-2039; `19` or `20` and two digits must follow one of `in`, `of`, `since`,
    /// `as`, `by`, `from`, `until`, `before`, `after` and end a clause (a
    /// `,` `.` `;` `:` `)` or the line end, no digit after); a list of
    /// numbers could still read so.
    N206 = ("year-split-by-space", Review, true, "a year cut in two by a space joined");
    /// ## What it fixes
    /// An ordinal suffix that does not fit its number (`May 22th`, `the
    /// 3th floor`, `21th century`), as a translation that appends `th` to
    /// every day leaves it; and the suffix an ordinal lost between `the`
    /// and `anniversary of` (`the 66 anniversary of`).
    ///
    /// ## Example
    /// ```text
    /// The ceremony began at 10:30 on May 22th on the 3th floor, on the 66 anniversary of the city.
    /// ```
    /// Becomes:
    /// ```text
    /// The ceremony began at 10:30 on May 22nd on the 3rd floor, on the 66th anniversary of the city.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// the 11th, 12th, 13th, 111th, 21st, 22nd and 23rd days; id A22th and x3rd stay; the 2 anniversaries and the 10 anniversary events.
    /// ```
    ///
    /// ## Why review
    /// The suffix is certain from the number; the number standing alone
    /// (after a space) could still be a code that only looks like one.
    N207 = ("wrong-ordinal-suffix", Review, true, "ordinal suffix made to fit its number");
    /// ## What it fixes
    /// An amount whose thousands comma or decimal point got a space after
    /// it (`28, 499. 7 billion yuan`), as a typesetter that spaces every
    /// comma and period leaves it.
    ///
    /// ## Example
    /// ```text
    /// GDP reached 28, 499. 7 billion yuan; the tertiary industry 16, 547.5 billion yuan.
    /// ```
    /// Becomes:
    /// ```text
    /// GDP reached 28,499.7 billion yuan; the tertiary industry 16,547.5 billion yuan.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// in 2019, 499 firms; scores of 12, 345 and 678; rooms 3, 100 and 200 yuan
    /// ```
    ///
    /// ## Why review
    /// Only one to three digits, a comma, a space and exactly three digits,
    /// with a decimal part or directly a scale word or `yuan` after; a list
    /// of two numbers before an amount could still read so.
    N208 = ("number-split-by-spaces", Review, true, "spaces inside a number's separators removed");
}

const R_SPACED_SEPARATOR: &str = "space after a number's thousands comma or decimal point removed";

/// N208 at the token `t` (one to three digits, `, ` after it): `28, 499. 7
/// billion`, `10, 794.7 billion`, `1, 200 billion`, `3, 100.5 yuan`.
fn spaced_thousands(b: &[u8], t: &Tok, edits: &mut Vec<Edit>) -> Option<usize> {
    let c = t.end;
    if !(1..=3).contains(&(t.end - t.start)) || b.get(c + 1) != Some(&b' ') {
        return None;
    }
    let g = c + 2;
    if !b.get(g..g + 3)?.iter().all(u8::is_ascii_digit) || b.get(g + 3).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut end = g + 3;
    let mut point_space = None;
    let mut decimal = false;
    if b.get(end) == Some(&b'.') {
        let d = if b.get(end + 1) == Some(&b' ') { end + 2 } else { end + 1 };
        let n = b[d.min(b.len())..].iter().take_while(|x| x.is_ascii_digit()).count();
        if (1..=3).contains(&n) {
            if d == end + 2 {
                point_space = Some(end + 1);
            }
            decimal = true;
            end = d + n;
        }
    }
    if b.get(end) != Some(&b' ') {
        return None;
    }
    let w = b[end + 1..].iter().take_while(|x| x.is_ascii_alphabetic()).count();
    let word = &b[end + 1..end + 1 + w];
    let scale = [&b"billion"[..], b"million", b"trillion", b"yuan"].contains(&word);
    if !scale || (!decimal && word == b"yuan") {
        return None;
    }
    edits.push(Edit::deletion(c + 1..c + 2, N208, Review, R_SPACED_SEPARATOR));
    if let Some(s) = point_space {
        edits.push(Edit::deletion(s..s + 1, N208, Review, R_SPACED_SEPARATOR));
    }
    Some(end)
}

const R_ORDINAL: &str = "ordinal suffix made to fit its number";

const R_YEAR_SPLIT: &str = "a year cut in two by a space joined";

/// The words a year split in two (`of 20 19,`) may follow.
const YEAR_AFTER: [&str; 9] = ["in", "of", "since", "as", "by", "from", "until", "before", "after"];

const R_TWO_POINTS: &str = "two decimal points before a scale word";
const R_WAN_ZEROS: &str = "decimal followed by the unit's zeros, read as 万/亿";
const R_YI_ZEROS: &str = "decimal ending in 亿's extra zeros before `million`";
const R_CJK_UNIT: &str = "Chinese unit in English text";
const R_SPELLED: &str = "scale words added up";
const R_PERIOD_THOUSANDS: &str = "three decimals in a yuan amount: the period separates thousands";
const R_WORD_GLUED: &str = "space between a word and the number glued to it";
const R_UNIT_GLUED: &str = "space between a number and the unit word glued to it";
const R_MONTH_GLUED: &str = "space between a month and the day or year glued to it";
const R_WORD_AFTER_GLUED: &str = "space between a number and the word glued to it";
const R_CAPITAL_GLUED: &str = "space between a number and the capitalized word glued to it";
const R_TO_BILLION: &str = "`to billion` after a number, read as 亿";
const R_SPLIT_WAN: &str = "a 万 amount written in two parts";
const R_YI_WORDS: &str = "a 亿 amount with its unit written as `100 million`";
const R_TRILLION: &str = "a yuan figure off by ten against the dollar figure beside it";
const R_FULLWIDTH: &str = "full-width mark in an English number becomes ASCII";
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
    kinds: BTreeMap<String, Vec<String>>,
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
    /// Word after an amount (lowercase) → what the amount counts.
    kinds: HashMap<String, String>,
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
    let mut kinds = HashMap::new();
    for (kind, words) in u.kinds {
        for w in words {
            if w.is_empty() || !w.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(rules_error("cjk_units.toml", format!("kinds.{kind}: `{w}` is not a lowercase ASCII word")));
            }
            kinds.insert(w, kind.clone());
        }
    }
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
        kinds,
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
        // The document's figures, read only when a broken figure needs evidence.
        let doc = OnceCell::new();
        while let Some(start) = next_digit(b, pos) {
            let tok = Tok::scan(b, start);
            pos = self.examine(text, &tok, &mut edits, cx, &doc).max(tok.end);
        }
        edits
    }
}

/// N206 at the two-digit token `t` (`19`/`20`, a space after it).
fn split_year(b: &[u8], t: &Tok, edits: &mut Vec<Edit>) -> Option<usize> {
    let y = t.end + 1;
    if !(b.get(y..y + 2)?.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    // A year of these pages: 1950-1999 or 2000-2039.
    let yy = (b[y] - b'0') * 10 + (b[y + 1] - b'0');
    if !(if b[t.start + 1] == b'9' { yy >= 50 } else { yy < 40 }) {
        return None;
    }
    let after = b.get(y + 2).copied();
    let ends = match after {
        None | Some(b',' | b';' | b':' | b')' | b'\n' | b'\r') => true,
        Some(b'.') => b.get(y + 3).is_none_or(|c| !c.is_ascii_digit()),
        _ => false,
    };
    if !ends || t.start < 2 || b[t.start - 1] != b' ' {
        return None;
    }
    let w = b[..t.start - 1].iter().rev().take(7).take_while(|c| c.is_ascii_alphabetic()).count();
    let ws = t.start - 1 - w;
    if ws > 0 && b[ws - 1].is_ascii_alphanumeric() {
        return None;
    }
    let word = b[ws..t.start - 1].to_ascii_lowercase();
    if !YEAR_AFTER.iter().any(|x| x.as_bytes() == word.as_slice()) {
        return None;
    }
    edits.push(Edit::deletion(t.end..t.end + 1, N206, Review, R_YEAR_SPLIT));
    Some(y + 2)
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

/// The English ordinal suffix of `n` (`21st`, `22nd`, `13th`).
fn ordinal_suffix_of(n: u32) -> &'static str {
    match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    }
}

/// N207 on an ordinal that lost its suffix: `the 66 anniversary of` (a
/// cardinal cannot stand between `the` and `anniversary of`, nor before
/// `anniversary` ending a clause).
fn missing_ordinal(text: &str, t: &Tok, edits: &mut Vec<Edit>) {
    let b = text.as_bytes();
    if !t.is_plain_integer() || t.end - t.start > 3 || t.start < 4 || !b[..t.start].ends_with(b"the ") {
        return;
    }
    if t.start > 4 && b[t.start - 5].is_ascii_alphanumeric() {
        return;
    }
    // `anniversary of` or a clause's end after it (`the 10 anniversary
    // events` may count ten events).
    let rest = &b[t.end + 1..];
    let after = rest.get(11..).unwrap_or(&[]);
    if !rest.starts_with(b"anniversary") || !(after.starts_with(b" of ") || after.first().is_none_or(|c| matches!(c, b',' | b'.' | b';' | b'\n'))) {
        return;
    }
    let n: u32 = text[t.start..t.end].parse().unwrap_or(0);
    if n > 0 {
        edits.push(Edit::insertion(t.end, ordinal_suffix_of(n), N207, Review, R_ORDINAL));
    }
}

impl Numbers {
    /// Look at one token and its neighbours; returns where scanning resumes.
    fn examine(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>, cx: &mut Context, doc: &OnceCell<Doc>) -> usize {
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
        } else if next == b' ' && prev == b' ' {
            missing_ordinal(text, t, edits);
        } else if next >= 0xe0 {
            if self.fullwidth_marks(text, t, edits) {
                return t.end;
            }
            if let Some(end) = self.chinese_unit(text, t, edits) {
                return end;
            }
        }
        if t.dots >= 1 && self.shape_left_ok(text, t.start) {
            if let Some(end) = self.dotted(text, t, edits, cx, doc) {
                return end;
            }
        }
        if t.dots <= 1 && t.commas == 0 && next == b' ' && self.shape_left_ok(text, t.start) {
            if let Some(end) = self.to_billion(text, t, edits, doc) {
                return end;
            }
            if let Some(end) = self.split_wan(text, t, edits) {
                return end;
            }
            if let Some(end) = yi_words(text, t, edits) {
                return end;
            }
            if let Some(end) = self.trillion_vs_dollars(text, t, edits) {
                return end;
            }
        }
        if t.dots == 0 && t.commas == 0 && next == b',' && self.shape_left_ok(text, t.start) {
            if let Some(end) = spaced_thousands(b, t, edits) {
                return end;
            }
        }
        if t.end - t.start == 2 && next == b' ' && matches!(&b[t.start..t.end], b"19" | b"20") {
            if let Some(end) = split_year(b, t, edits) {
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
    fn dotted(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>, cx: &mut Context, doc: &OnceCell<Doc>) -> Option<usize> {
        let b = text.as_bytes();
        let tok = &text[t.start..t.end];
        let int = &text[t.start..t.first_dot];
        if t.dots == 2 && t.commas == 0 {
            // N101: a.b.c billion → a.bc亿
            let rest = &text[t.first_dot + 1..t.end];
            let (x, y) = rest.split_once('.')?;
            let _ = (x, y);
            match scale_after(b, t.end) {
                Some((_, 9 | 6)) => {
                    let a = self.ambiguous(text, t)?;
                    return Some(self.resolve(text, t, a, N101, R_TWO_POINTS, doc, edits));
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
            } else if let Some(a) = self.ambiguous(text, t) {
                return Some(self.resolve(text, t, a, N102, R_WAN_ZEROS, doc, edits));
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

    /// Apply the reading of a broken figure that the document decides
    /// (Review, the evidence in the reason), or suggest the default one
    /// (Suggest, every reading in the reason). Returns where scanning resumes.
    #[allow(clippy::too_many_arguments)]
    fn resolve(&self, text: &str, t: &Tok, a: Ambiguous, code: crate::rules::Code, what: &str, doc: &OnceCell<Doc>, edits: &mut Vec<Edit>) -> usize {
        let doc = doc.get_or_init(|| self.read_doc(text));
        let shape = &text[t.start..a.end];
        let (k, confidence, why) = match self.decide(text, doc, t.start) {
            Ok((k, why)) => (k, Review, format!("because {why}")),
            Err(why_not) => {
                let all: Vec<String> = a.readings.iter().map(|(m, cn)| format!("{cn} = {}", m.english())).collect();
                (a.default, Suggest, format!("it may be {}; {why_not} (suggestion)", all.join(" or ")))
            }
        };
        let (amount, cn) = &a.readings[k];
        let en = amount.english();
        let reason = format!("{what}: `{shape}` read as {cn} = {en}, {why}");
        edits.push(Edit::replacement(t.start..a.end, en, code, confidence, reason));
        a.end
    }

    /// N110: `52.17 to billion` (52.17亿 or 52.17 billion), decided by the page.
    fn to_billion(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>, doc: &OnceCell<Doc>) -> Option<usize> {
        if !text[t.end..].starts_with(" to billion") {
            return None;
        }
        let a = self.ambiguous(text, t)?;
        Some(self.resolve(text, t, a, N110, R_TO_BILLION, doc, edits))
    }

    /// N107: `3 2000 yuan`, 3.2万 written as its two parts: 32,000 yuan.
    fn split_wan(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>) -> Option<usize> {
        let b = text.as_bytes();
        let n = t.end - t.start;
        if !t.is_plain_integer() || !(1..=3).contains(&n) || b[t.start] == b'0' {
            return None;
        }
        let s = t.end + 1;
        let d = *b.get(s)?;
        if !(b'1'..=b'9').contains(&d) || b.get(s + 1..s + 4) != Some(b"000") || !text[s + 4..].starts_with(" yuan") || !word_at(b, s + 5, "yuan") {
            return None;
        }
        // Nothing numeric before: `1 3 2000 yuan`, `2024, 3 2000 yuan` stay.
        let before = text[..t.start].trim_end_matches(' ');
        if before.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.') {
            return None;
        }
        let wan: u128 = text[t.start..t.end].parse().ok()?;
        let total = Amount { m: wan * 10 + u128::from(d - b'0'), e: 3 };
        let en = total.english();
        let reason = format!("{R_SPLIT_WAN}: `{} {}` = {}.{}万 = {en}", &text[t.start..t.end], &text[s..s + 4], &text[t.start..t.end], d as char);
        edits.push(Edit::replacement(t.start..s + 4, en, N107, Review, reason));
        Some(s + 4)
    }

    /// N108: `1.3 trillion yuan (US$1.8 trillion)`: the yuan figure off by ×10
    /// against the dollar figure beside it.
    fn trillion_vs_dollars(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>) -> Option<usize> {
        let b = text.as_bytes();
        let (end, 12) = scale_after(b, t.end)? else { return None };
        if !text[end..].starts_with(" yuan") {
            return None;
        }
        let (usd, written) = self.dollars_after(text, end)?;
        if !written.contains("trillion") {
            return None;
        }
        let tok = &text[t.start..t.end];
        let frac_len = if t.dots == 1 { (t.end - t.first_dot - 1) as i32 } else { 0 };
        let yuan = Amount::from_digits(tok, 12 - frac_len)?;
        let rate = yuan.value() / usd;
        let plausible = |r: f64| (6.5..=7.5).contains(&r);
        let fixed = if plausible(rate) {
            return None;
        } else if plausible(rate * 10.0) {
            Amount { m: yuan.m, e: yuan.e + 1 }
        } else if plausible(rate / 10.0) {
            Amount { m: yuan.m, e: yuan.e - 1 }
        } else {
            return None;
        };
        let en = fixed.english();
        if !en.ends_with("trillion") && !en.ends_with("billion") {
            return None;
        }
        let reason = format!("{R_TRILLION}: {written} gives {rate:.2} yuan a dollar; {en} gives {:.2}", fixed.value() / usd);
        edits.push(Edit::replacement(t.start..end, en, N108, Review, reason));
        Some(end)
    }

    /// N109: `％` after a digit and `．` between digits, in English text.
    /// Returns whether an edit was made.
    fn fullwidth_marks(&self, text: &str, t: &Tok, edits: &mut Vec<Edit>) -> bool {
        let rest = &text[t.end..];
        let (len, ascii) = if rest.starts_with("％") {
            ("％".len(), "%")
        } else if rest.starts_with("．") && rest["．".len()..].starts_with(|c: char| c.is_ascii_digit()) {
            ("．".len(), ".")
        } else {
            return false;
        };
        // The whole number, back over digits and points.
        let mut s = t.start;
        while let Some(c) = text[..s].chars().next_back() {
            if c.is_ascii_digit() || c == '.' || c == '．' {
                s -= c.len_utf8();
            } else {
                break;
            }
        }
        let before = text[..s].trim_end_matches(' ').chars().next_back();
        if before.is_some_and(|c| !c.is_ascii()) {
            return false;
        }
        let english_before = before.is_some_and(|c| c.is_ascii_alphabetic() || c.is_ascii_punctuation())
            && text[..s].trim_end_matches(' ').bytes().rev().take(12).any(|c| c.is_ascii_alphabetic());
        // After: the rest of the number, then punctuation, then an English word.
        let mut a = t.end + len;
        while a < text.len() && (text.as_bytes()[a].is_ascii_digit() || text[a..].starts_with('.') || text[a..].starts_with("．") || text[a..].starts_with("％") || text[a..].starts_with('%')) {
            a += text[a..].chars().next().map_or(1, char::len_utf8);
        }
        let after = text[a..].trim_start_matches([' ', ',', '，', ';', '；', ')', '）']);
        let english_after = after.starts_with(|c: char| c.is_ascii_alphabetic());
        if !(english_before || english_after) || after.starts_with(|c: char| is_han(c)) {
            return false;
        }
        edits.push(Edit::replacement(t.end..t.end + len, ascii, N109, Safe, R_FULLWIDTH));
        true
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

    /// N201, N203: a word glued before the number (before a percentage or
    /// an amount, `funds1250 million yuan`, any lowercase word with a vowel).
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
        } else if (percent || amount_after(b, r)) && word.len() >= 3 && word.bytes().any(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')) {
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
        // N207: `May 22th`: an ordinal suffix that does not fit the number.
        if matches!(&b[t.end..we], b"st" | b"nd" | b"rd" | b"th") && t.is_plain_integer() && t.end - t.start <= 4 {
            let p = if t.start > 0 { b[t.start - 1] } else { b' ' };
            let n: u32 = text[t.start..t.end].parse().unwrap_or(0);
            let right = ordinal_suffix_of(n);
            if (p == b' ' || p == b'\n') && n > 0 && &text[t.end..we] != right && word_end_ok(b, we) {
                edits.push(Edit::replacement(t.end..we, right, N207, Review, R_ORDINAL));
            }
            return;
        }
        // `8p.m.`, `10:30a.m.`: a time of day glued to its abbreviation.
        if matches!(&b[t.end..we], b"a" | b"p") && b[we..].starts_with(b".m.") && t.end - t.start <= 5 {
            let p = if t.start > 0 { b[t.start - 1] } else { b' ' };
            if !p.is_ascii_alphanumeric() && !matches!(p, b'/' | b'@' | b'_' | b'#' | b'=' | b'&' | b'\\' | b'-' | b'.') {
                edits.push(Edit::insertion(t.end, " ", N202, Safe, R_UNIT_GLUED));
            }
            return;
        }
        if !word_end_ok(b, we) && !matches!(b.get(we), Some(b'-')) {
            return;
        }
        let word = &text[t.end..we];
        let p = if t.start > 0 { b[t.start - 1] } else { b' ' };
        if matches!(p, b'/' | b'@' | b'_' | b'#' | b'=' | b'&' | b'\\' | b'-') {
            return;
        }
        // `3.8 km2at the`: a square or cubic unit after a number, glued to
        // the closed-class word after it.
        if matches!(&b[t.start..t.end], b"2" | b"3") && p.is_ascii_alphabetic() && word.len() >= 2 {
            let us = word_start(b, t.start);
            let unit = &b[us..t.start];
            let numbered = us >= 2 && b[us - 1] == b' ' && b[us - 2].is_ascii_digit();
            if numbered && matches!(unit, b"km" | b"m" | b"cm" | b"mm" | b"hm") && crate::text::lexicon::get().function.contains(word) {
                edits.push(Edit::insertion(t.end, " ", N202, Review, R_UNIT_GLUED));
            }
            return;
        }
        // N205: `with Yufei and other4students`: a one- to three-digit
        // number glued between two dictionary words of four letters or more.
        if p.is_ascii_lowercase() && t.is_plain_integer() && t.end - t.start <= 3 && word.len() >= 4 && word.bytes().all(|c| c.is_ascii_lowercase()) {
            let ws = word_start(b, t.start);
            let left = &text[ws..t.start];
            let lex = crate::text::lexicon::get();
            if left.len() >= 4 && left.bytes().all(|c| c.is_ascii_lowercase()) && (ws == 0 || b[ws - 1] == b' ') && lex.is_word(left) && lex.is_word(word) {
                edits.push(Edit::insertion(t.start, " ", N205, Review, R_WORD_AFTER_GLUED));
                edits.push(Edit::insertion(t.end, " ", N205, Review, R_WORD_AFTER_GLUED));
            }
            return;
        }
        // N202: 259yuan (a word before the number means an identifier).
        let alone = !p.is_ascii_alphanumeric() && p != b'.';
        if alone && self.data.unit_words.contains(word) {
            edits.push(Edit::insertion(t.end, " ", N202, Safe, R_UNIT_GLUED));
            return;
        }
        // `50,270,000Yuan`: a capitalized unit word.
        let title_case = word.len() >= 2 && word.as_bytes()[0].is_ascii_uppercase() && word.bytes().skip(1).all(|c| c.is_ascii_lowercase());
        if alone && title_case && t.end - t.start >= 2 && self.data.unit_words.contains(&word.to_ascii_lowercase()) {
            edits.push(Edit::insertion(t.end, " ", N202, Safe, R_UNIT_GLUED));
            return;
        }
        // N205: 10500square (a plain number standing alone, a dictionary word).
        if alone
            && word.len() >= 4
            && word.bytes().all(|c| c.is_ascii_lowercase())
            && b[t.start..t.end].iter().all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.')
            && crate::text::lexicon::get().is_word(word)
        {
            edits.push(Edit::insertion(t.end, " ", N205, Review, R_WORD_AFTER_GLUED));
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
        // A year glued to a capitalized dictionary word: `2010Global metal`.
        let year = at == t.end
            && t.end - t.start == 4
            && matches!(&b[t.start..t.start + 2], b"19" | b"20")
            && b[t.start..t.end].iter().all(u8::is_ascii_digit)
            && cap.len() >= 4
            && crate::text::lexicon::get().is_word(&cap.to_ascii_lowercase());
        if capitalized && (at > t.end || year || self.data.openers.contains(cap)) && t.dots <= 1 {
            edits.push(Edit::insertion(at, " ", N204, Review, R_CAPITAL_GLUED));
        }
    }
}

// ---------------------------------------------------------------------------
// Evidence: the figures of a document, read once when a broken figure with
// more than one reading is met, and the checks that decide between readings.

/// A figure of the document with every value it may stand for.
#[derive(Debug, Clone)]
struct Figure {
    range: std::ops::Range<usize>,
    /// One value for a clean figure; one per reading for a broken one.
    values: Vec<f64>,
    /// Half a unit of the last digit written (how a stated total was rounded).
    half_ulp: f64,
    /// What it counts (`people`, `yuan`), from the words next to it.
    kind: Option<&'static str>,
}

/// Does an amount's scale or unit word follow the number ending at `r`
/// (` million`, ` billion`, ` trillion`, ` yuan`, ` percent`)?
/// N111: `460 100 million yuan`, 460亿 yuan with the unit written as
/// `100 million`: 46 billion yuan.
fn yi_words(text: &str, t: &Tok, edits: &mut Vec<Edit>) -> Option<usize> {
    let b = text.as_bytes();
    let num = &text[t.start..t.end];
    let int_len = num.find('.').unwrap_or(num.len());
    if !(1..=5).contains(&int_len) || num.starts_with('0') && int_len > 1 || num.ends_with('.') || !text[t.end..].starts_with(" 100 million ") {
        return None;
    }
    if int_len == 4 && !num.contains('.') && matches!(&num[..2], "19" | "20") {
        return None;
    }
    let unit_at = t.end + " 100 million ".len();
    let rest = &text[unit_at..];
    let unit = ["yuan", "RMB", "US dollars", "dollars"].into_iter().find(|u| rest.starts_with(u) && word_end_ok(b, unit_at + u.len()))?;
    let before = text[..t.start].trim_end_matches(' ');
    if before.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    let decimals = num.len() - int_len - usize::from(num.contains('.'));
    let total = Amount::from_digits(num, 8 - decimals as i32)?;
    let en = total.english();
    let end = t.end + " 100 million".len();
    let reason = format!("{R_YI_WORDS}: `{num} 100 million {unit}` = {num}亿 = {en}");
    edits.push(Edit::replacement(t.start..end, en, N111, Review, reason));
    Some(end)
}

fn amount_after(b: &[u8], r: usize) -> bool {
    let rest = b.get(r..).unwrap_or(&[]);
    [&b" million"[..], b" billion", b" trillion", b" yuan", b" percent"]
        .iter()
        .any(|w| rest.starts_with(w) && rest.get(w.len()).is_none_or(|c| !c.is_ascii_alphanumeric()))
}

/// A percentage in the document.
#[derive(Debug, Clone, Copy)]
struct Percent {
    at: usize,
    p: f64,
    half_ulp: f64,
}

/// The figures and percentages of one document.
#[derive(Debug, Default)]
struct Doc {
    /// In text order.
    figures: Vec<Figure>,
    /// In text order.
    percents: Vec<Percent>,
    /// Clean figures by value ([`value_key`]).
    by_value: HashMap<String, Vec<usize>>,
}

/// A value to ten significant digits: equal keys are the same figure.
fn value_key(v: f64) -> String {
    format!("{v:.9e}")
}

impl Doc {
    /// Indices of the figures inside `r`.
    fn within(&self, r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        let a = self.figures.partition_point(|f| f.range.start < r.start);
        let b = self.figures.partition_point(|f| f.range.start < r.end);
        a..b.max(a)
    }
}

/// A broken figure with several readings.
struct Ambiguous {
    /// Where the broken text ends (after the scale word, if any).
    end: usize,
    /// (value, how Chinese writes it).
    readings: Vec<(Amount, String)>,
    /// The reading suggested when nothing in the page decides.
    default: usize,
}

impl Amount {
    fn value(self) -> f64 {
        self.m as f64 * 10f64.powi(self.e)
    }

    /// Chinese writing: the value in units of `10^k` followed by `unit`.
    fn chinese(self, k: i32, unit: &str) -> String {
        let (mut m, mut e) = (self.m, self.e);
        while m % 10 == 0 && m > 0 {
            m /= 10;
            e += 1;
        }
        format!("{}{unit}", decimal(&m.to_string(), e - k))
    }
}

/// Is there a sentence boundary at byte `i`?
fn sentence_break(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b[i] {
        b'\n' => Some(1),
        b'.' | b'!' | b'?' | b';' => b.get(i + 1).is_none_or(|&c| c == b' ' || c == b'\n' || c >= 0x80).then_some(1),
        0xe3 | 0xef => ["。", "！", "？", "；"].iter().find(|m| text[i..].starts_with(**m)).map(|m| m.len()),
        _ => None,
    }
}

/// The sentence around `pos`.
fn sentence_at(text: &str, pos: usize) -> std::ops::Range<usize> {
    // A run of text without a break longer than this is no sentence: the
    // bound keeps a document of figures on one line linear.
    const FAR: usize = 2 << 10;
    let lo = pos.saturating_sub(FAR);
    let hi = (pos + FAR).min(text.len());
    let mut s = pos;
    while s > lo {
        let i = text.floor_char_boundary(s - 1);
        if let Some(n) = sentence_break(text, i) {
            s = i + n;
            break;
        }
        s = i;
    }
    let mut e = pos;
    while e < hi && sentence_break(text, e).is_none() {
        e = text.ceil_char_boundary(e + 1);
    }
    s.min(pos)..e
}

/// The line (paragraph) around `pos`, at most 8 KB either side.
fn line_at(text: &str, pos: usize) -> std::ops::Range<usize> {
    const FAR: usize = 8 << 10;
    let lo = text.floor_char_boundary(pos.saturating_sub(FAR));
    let hi = text.ceil_char_boundary((pos + FAR).min(text.len()));
    let s = text[lo..pos].rfind('\n').map_or(lo, |i| lo + i + 1);
    let e = text[pos..hi].find('\n').map_or(hi, |i| pos + i);
    s..e
}

/// `a` and `b` equal to a billionth.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

impl Numbers {
    /// The readings of a broken figure at `t` (N101, N102, N110), if any.
    fn ambiguous(&self, text: &str, t: &Tok) -> Option<Ambiguous> {
        let b = text.as_bytes();
        let int = &text[t.start..t.first_dot];
        if t.dots == 2 && t.commas == 0 {
            // a.b.c billion: a.bc亿 or ab.c亿; a.b.c million: a.bc十万 or a.bc百万.
            let (x, y) = text[t.first_dot + 1..t.end].split_once('.')?;
            let (end, s) = scale_after(b, t.end).filter(|&(_, s)| s == 9 || s == 6)?;
            let frac = format!("{x}{y}");
            let digits = format!("{int}{frac}");
            let (k, unit) = if s == 9 { (8, "亿") } else { (4, "万") };
            let low = Amount::from_digits(&digits, s - 1 - frac.len() as i32)?;
            let high = Amount::from_digits(&digits, s - frac.len() as i32)?;
            let readings = vec![(low, low.chinese(k, unit)), (high, high.chinese(k, unit))];
            return Some(Ambiguous { end, readings, default: if s == 9 { 0 } else { 1 } });
        }
        if t.dots == 1 && t.commas == 1 && t.first_dot < t.first_comma && scale_after(b, t.end).is_none() {
            // a.bc,000: a.bc万 or a.bc千 (`a.b0,000` has one reading: N102).
            let tail = &text[t.first_dot + 1..t.end];
            let frac = tail.strip_suffix(",000").filter(|f| !f.ends_with('0') && f.len() <= 3)?;
            let digits = format!("{int}{frac}");
            let wan = Amount::from_digits(&digits, 4 - frac.len() as i32)?;
            let qian = Amount::from_digits(&digits, 3 - frac.len() as i32)?;
            let readings = vec![(wan, wan.chinese(4, "万")), (qian, qian.chinese(3, "千"))];
            return Some(Ambiguous { end: t.end, readings, default: 0 });
        }
        if t.dots <= 1 && t.commas == 0 && text[t.end..].starts_with(" to ") && word_at(b, t.end + 4, "billion") {
            // 52.17 to billion: 52.17亿 or 52.17 billion.
            let tok = &text[t.start..t.end];
            let frac_len = if t.dots == 1 { (t.end - t.first_dot - 1) as i32 } else { 0 };
            let yi = Amount::from_digits(tok, 8 - frac_len)?;
            let bn = Amount::from_digits(tok, 9 - frac_len)?;
            let readings = vec![(yi, yi.chinese(8, "亿")), (bn, bn.chinese(8, "亿"))];
            return Some(Ambiguous { end: t.end + 4 + "billion".len(), readings, default: 0 });
        }
        None
    }

    /// What the figure ending at `end` (or starting at `start`) counts.
    fn kind_near(&self, text: &str, start: usize, end: usize) -> Option<&'static str> {
        let before = text[..start].trim_end_matches(' ');
        if before.ends_with('$') || before.ends_with("USD") {
            return Some("dollars");
        }
        if before.ends_with(['¥', '￥']) || before.ends_with("RMB") || before.ends_with("CNY") {
            return Some("yuan");
        }
        let b = text.as_bytes();
        let mut i = end;
        for _ in 0..3 {
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            let we = word_end(b, i);
            if we == i {
                return None;
            }
            if let Some(k) = self.data.kinds.get(&text[i..we].to_ascii_lowercase()) {
                return Some(k.as_str());
            }
            i = we;
        }
        None
    }

    /// Read every figure and percentage of `text`.
    fn read_doc(&self, text: &str) -> Doc {
        let b = text.as_bytes();
        let mut doc = Doc::default();
        let mut pos = 0;
        while let Some(start) = next_digit(b, pos) {
            let t = Tok::scan(b, start);
            pos = t.end;
            if t.colon || !self.shape_left_ok(text, t.start) {
                continue;
            }
            if let Some(a) = self.ambiguous(text, &t) {
                let values = a.readings.iter().map(|r| r.0.value()).collect();
                doc.figures.push(Figure { range: t.start..a.end, values, half_ulp: 0.0, kind: self.kind_near(text, t.start, a.end) });
                pos = a.end;
                continue;
            }
            if t.dots > 1 || (t.commas > 0 && (t.first_comma > t.first_dot || !well_grouped(&text[t.start..t.first_dot]))) {
                continue;
            }
            let tok = &text[t.start..t.end];
            let frac_len = if t.dots == 1 { (t.end - t.first_dot - 1) as i32 } else { 0 };
            if b.get(t.end) == Some(&b'%') || text[t.end..].starts_with("％") || text[t.end..].starts_with(" percent") {
                if let Some(p) = Amount::from_digits(tok, -frac_len) {
                    doc.percents.push(Percent { at: t.start, p: p.value(), half_ulp: 0.5 * 10f64.powi(-frac_len) });
                }
                continue;
            }
            let (end, exp) = if let Some(s) = scale_after(b, t.end) {
                s
            } else if let Some((u, k)) = self.data.units.iter().find(|(u, _)| text[t.end..].starts_with(u.as_str())) {
                (t.end + u.len(), *k)
            } else if t.commas > 0 {
                (t.end, 0)
            } else {
                continue;
            };
            let Some(a) = Amount::from_digits(tok, exp - frac_len) else { continue };
            let mut values = vec![a.value()];
            // `1.500 million` may be 1.5亿 (N103): both values.
            if exp == 6 && frac_len >= 3 && tok.ends_with("00") && !self.after_currency(text, t.start) {
                values.push(a.value() * 100.0);
            }
            doc.figures.push(Figure { range: t.start..end, values, half_ulp: 0.5 * 10f64.powi(exp - frac_len), kind: self.kind_near(text, t.start, end) });
            pos = end;
        }
        for (i, f) in doc.figures.iter().enumerate() {
            if let [v] = f.values[..] {
                doc.by_value.entry(value_key(v)).or_default().push(i);
            }
        }
        doc
    }

    /// Decide between the readings of the broken figure at `at` from the
    /// rest of the document: `Ok((reading, why))` when every piece of
    /// evidence found points to the same reading, `Err(why not)` otherwise.
    fn decide(&self, text: &str, doc: &Doc, at: usize) -> std::result::Result<(usize, String), String> {
        let fi = doc.figures.partition_point(|f| f.range.start < at);
        if doc.figures.get(fi).is_none_or(|f| f.range.start != at) {
            return Err("nothing in the page decides".into());
        }
        let f = &doc.figures[fi];
        let n = f.values.len();
        let mut votes: Vec<(usize, String)> = Vec::new();
        let kinds_ok = |a: Option<&str>, b: Option<&str>| a.is_none() || b.is_none() || a == b;
        let quote = |g: &Figure| format!("`{}`", &text[g.range.clone()]);
        // 1. The same figure written cleanly elsewhere (an English amount, or
        //    the Chinese line beside it: `12.7亿`).
        for k in 0..n {
            let Some(found) = doc.by_value.get(&value_key(f.values[k])) else { continue };
            for &gi in found {
                let g = &doc.figures[gi];
                if gi != fi && kinds_ok(f.kind, g.kind) && same(f.values[k], g.values[0]) && !(0..n).any(|j| j != k && same(f.values[j], g.values[0])) {
                    votes.push((k, format!("the same figure is written {} elsewhere in the page", quote(g))));
                    break;
                }
            }
        }
        // 2. A dollar amount in parentheses after it, at 6.5–7.5 yuan a dollar.
        if let Some((usd, written)) = self.dollars_after(text, f.range.end) {
            let hits: Vec<usize> = (0..n).filter(|&k| (6.5..=7.5).contains(&(f.values[k] / usd))).collect();
            if let [k] = hits[..] {
                votes.push((k, format!("{written} gives {:.2} yuan a dollar", f.values[k] / usd)));
            }
        }
        let line = line_at(text, at);
        // 3. Parts that add up to a total stated in the same paragraph.
        let others: Vec<usize> = doc.within(&line)
            .filter(|&g| g != fi && doc.figures[g].range.end <= line.end)
            .take(8)
            .collect();
        if others.len() <= 7 {
            let mut found: Vec<(usize, String)> = Vec::new();
            for &ti in &others {
                let total = &doc.figures[ti];
                if total.values.len() != 1 || !kinds_ok(f.kind, total.kind) || total.values[0] / total.half_ulp < 20.0 {
                    continue;
                }
                let parts: Vec<usize> = others.iter().copied().filter(|&g| g != ti && kinds_ok(total.kind, doc.figures[g].kind)).collect();
                // Each part: left out (0) or one of its readings (1..).
                let mut choice = vec![0usize; parts.len()];
                loop {
                    for k in 0..n {
                        let mut sum = f.values[k];
                        let mut used = 1;
                        for (p, &c) in parts.iter().zip(&choice) {
                            if c > 0 {
                                sum += doc.figures[*p].values[c - 1];
                                used += 1;
                            }
                        }
                        if used >= 2 && (sum - total.values[0]).abs() <= total.half_ulp * 1.000_001 {
                            let names: Vec<String> = std::iter::once(format!("`{}`", f.values[k]))
                                .chain(parts.iter().zip(&choice).filter(|(_, c)| **c > 0).map(|(p, _)| quote(&doc.figures[*p])))
                                .collect();
                            if !found.iter().any(|(j, _)| *j == k) {
                                found.push((k, format!("with {} it adds up to the total {}", names[1..].join(" and "), quote(total))));
                            }
                        }
                    }
                    // Next choice (odometer).
                    let mut i = 0;
                    while i < parts.len() {
                        choice[i] += 1;
                        if choice[i] <= doc.figures[parts[i]].values.len() {
                            break;
                        }
                        choice[i] = 0;
                        i += 1;
                    }
                    if i == parts.len() {
                        break;
                    }
                }
            }
            if let [(k, why)] = &found[..] {
                votes.push((*k, why.clone()));
            }
        }
        // 4. A share or a growth rate against another figure of the sentence.
        let sentence = sentence_at(text, at);
        let s_text = &text[sentence.clone()];
        let in_sentence = |g: &Figure| g.range.start >= sentence.start && g.range.end <= sentence.end;
        let lower = s_text.to_ascii_lowercase();
        let share_cue = lower.contains("accounting for") || lower.contains("% of") || lower.contains("percent of") || lower.contains("share of");
        let up_cue = ["up ", "increase", "grew", "growth", "rose", "rise of"].iter().any(|w| lower.contains(w));
        let down_cue = ["down ", "decrease", "fell", "decline", "drop"].iter().any(|w| lower.contains(w));
        let mut found: Vec<usize> = Vec::new();
        let mut why = String::new();
        let pa = doc.percents.partition_point(|p| p.at < sentence.start);
        let pb = doc.percents.partition_point(|p| p.at < sentence.end).max(pa);
        for p in &doc.percents[pa..pb] {
            for gi in doc.within(&sentence) {
                let g = &doc.figures[gi];
                if gi == fi || g.values.len() != 1 || !in_sentence(g) || !kinds_ok(f.kind, g.kind) {
                    continue;
                }
                let y = g.values[0];
                let mut targets: Vec<(f64, &str)> = Vec::new();
                if share_cue && p.p < 100.0 {
                    targets.push((p.p / 100.0, "a share"));
                    targets.push((100.0 / p.p, "a share"));
                }
                if up_cue {
                    targets.push((1.0 + p.p / 100.0, "a growth rate"));
                }
                if down_cue && p.p < 100.0 {
                    targets.push((1.0 - p.p / 100.0, "a fall"));
                }
                for k in 0..n {
                    let q = f.values[k] / y;
                    for &(target, what) in &targets {
                        let tol = target * 0.005 + p.half_ulp / 100.0;
                        if (q - target).abs() <= tol && !found.contains(&k) {
                            found.push(k);
                            why = format!("{} is {what} of {} against {}", &text[p.at..p.at + 1 + text[p.at..].find(['%', '％', ' ']).unwrap_or(0)].trim_end(), f.values[k], quote(g));
                        }
                    }
                }
            }
        }
        if let [k] = found[..] {
            votes.push((k, why));
        }
        // 5. Weakest: a figure of the same kind in the same sentence, on the
        //    scale of one reading only (within ×2), in a sentence without
        //    shares or totals (parts and totals differ in scale).
        let markers = ["%", "percent", "of which", "total", "among", "including", "accounting", "share"];
        if f.kind.is_some() && !markers.iter().any(|m| lower.contains(m)) {
            let mut found: Vec<usize> = Vec::new();
            let mut why = String::new();
            for gi in doc.within(&sentence) {
                let g = &doc.figures[gi];
                if gi == fi || !in_sentence(g) || g.kind != f.kind {
                    continue;
                }
                for k in 0..n {
                    if g.values.iter().any(|&v| (0.5..=2.0).contains(&(f.values[k] / v))) && !found.contains(&k) {
                        found.push(k);
                        why = format!("{} of the same kind in the sentence is on this scale", quote(g));
                    }
                }
            }
            if let [k] = found[..] {
                votes.push((k, why));
            }
        }
        match votes.first() {
            None => Err("nothing in the page decides".into()),
            Some((k, _)) if votes.iter().all(|(j, _)| j == k) => {
                let whys: Vec<&str> = votes.iter().map(|(_, w)| w.as_str()).collect();
                Ok((*k, whys.join("; ")))
            }
            Some(_) => Err("the evidence in the page conflicts".into()),
        }
    }

    /// `(US$1.8 billion)` right after `end` (after an optional `yuan`):
    /// the dollar value and the text.
    fn dollars_after(&self, text: &str, end: usize) -> Option<(f64, String)> {
        let mut rest = &text[end..];
        for w in [" yuan", " RMB", " "] {
            rest = rest.strip_prefix(w).unwrap_or(rest);
        }
        let open = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（'))?;
        let mut r = open;
        for w in ["about ", "approximately ", "around ", "roughly ", "or ", "some "] {
            r = r.strip_prefix(w).unwrap_or(r);
        }
        let r = ["US$", "USD", "$"].iter().find_map(|p| r.strip_prefix(p))?;
        let r = r.trim_start_matches(' ');
        let at = text.len() - r.len();
        let b = text.as_bytes();
        if !b.get(at).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let t = Tok::scan(b, at);
        if t.dots > 1 || t.colon || (t.commas > 0 && (t.first_comma > t.first_dot || !well_grouped(&text[t.start..t.first_dot]))) {
            return None;
        }
        let (se, s) = scale_after(b, t.end)?;
        let frac_len = if t.dots == 1 { (t.end - t.first_dot - 1) as i32 } else { 0 };
        let v = Amount::from_digits(&text[t.start..t.end], s - frac_len)?.value();
        let close = text[se..].strip_prefix(" dollars").unwrap_or(&text[se..]);
        let paren = text.len() - rest.len();
        (close.starts_with(')') || close.starts_with('）')).then(|| (v, format!("`{}`", &text[paren..se])))
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;
    use super::*;
    use crate::passes::kit::testing::{assert_fixes, assert_fixes_with, assert_no_edits, assert_pass_fixes, assert_pass_keeps, edit_count};

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
        assert_eq!(out.text, "about 1.2.7 billion people");
        assert!(out.report.edits.is_empty());
        let e = &out.report.suggestions[0];
        assert_eq!(e.codes, ["N101"]);
        assert_eq!(e.confidence, Suggest);
        assert!(e.reasons[0].contains("1.27亿 = 127 million or 12.7亿 = 1.27 billion"), "{:?}", e.reasons);
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
    fn suggests_broken_shapes_without_evidence_and_warns_about_the_rest() {
        let input = "It grew 1.2.7 million and 7.53,000 units, 1.2.7 thousand and 7.53,000 million.";
        let out = crate::Cleaner::new(Config::default()).unwrap().clean(input);
        assert_eq!(out.text, input);
        let s: Vec<(&str, &str)> = out.report.suggestions.iter().map(|e| (e.before.as_str(), e.after.as_str())).collect();
        assert_eq!(s, [("1.2.7 million", "1.27 million"), ("7.53,000", "75,300")]);
        assert_eq!(out.report.warnings.len(), 2, "{:?}", out.report.warnings);
        let all = crate::Cleaner::new(Config::default().with_apply(Suggest)).unwrap().clean(input);
        assert_eq!(all.text, out.report.apply_with_suggestions(input).unwrap());
        assert_eq!(all.text, "It grew 1.27 million and 75,300 units, 1.2.7 thousand and 7.53,000 million.");
    }

    fn pass() -> Numbers {
        Numbers::new(&Options::default(), &Setup::default()).unwrap()
    }

    /// The pass alone, applying every edit (suggestions too).
    fn fixes(input: &str, expected: &str) {
        assert_pass_fixes(&pass(), input, expected);
    }

    /// Edits the pass proposes on `input`: (before, after, confidence).
    fn proposed(input: &str) -> Vec<(String, String, Confidence, String)> {
        let mut cx = Context::default();
        pass().run(input, &mut cx).into_iter().map(|e| (input[e.range.clone()].to_string(), e.replacement.to_string(), e.confidence, e.reason.to_string())).collect()
    }

    #[test]
    fn parts_adding_up_to_a_total_decide() {
        let p = proposed("The total is 5.3 billion yuan, of which 1.2.7 billion yuan went to roads and 4.0.3 billion yuan to rail.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review));
        assert!(p[0].3.contains("adds up to the total `5.3 billion`"), "{}", p[0].3);
        assert_eq!((p[1].1.as_str(), p[1].2), ("4.03 billion", Review));
        // The other reading adds up too: 1.27 + 0.403 = 1.673.
        let p = proposed("Total 1.673 billion, of which 1.2.7 billion and 4.0.3 billion.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review));
        assert_eq!((p[1].1.as_str(), p[1].2), ("403 million", Review));
    }

    #[test]
    fn dollar_conversion_decides() {
        let p = proposed("Exports were 1.2.7 billion yuan (US$180 million) last year.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review), "{p:?}");
        let p = proposed("Exports were 1.2.7 billion yuan (about US$180 million) last year.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review), "{p:?}");
        let p = proposed("Exports were 1.2.7 billion yuan (US$50 million) last year.");
        assert_eq!(p[0].2, Suggest, "neither 25.4 nor 2.54 yuan a dollar: {p:?}");
        let p = proposed("Exports were 1.2.7 billion yuan (US$18 million) last year.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("127 million", Review), "{p:?}");
        let p = proposed("Exports were 1.2.7 billion yuan (US$ 0.18 billion) last year.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review), "{p:?}");
        assert!(p[0].3.contains("yuan a dollar"), "{}", p[0].3);
    }

    #[test]
    fn the_same_figure_elsewhere_decides() {
        let p = proposed("广东常住人口12.7亿。\nWe have 1.2.7 billion permanent residents.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review), "{p:?}");
        let p = proposed("Output was 1.27 billion tons.\nWe had 1.2.7 billion tons.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review), "{p:?}");
        // Both readings appear: conflicting, only a suggestion.
        let p = proposed("127 million and 1.27 billion.\nWe had 1.2.7 billion.");
        assert_eq!(p[0].2, Suggest, "{p:?}");
    }

    #[test]
    fn shares_and_growth_rates_decide() {
        let p = proposed("Exports were 1.2.7 billion yuan, accounting for 25% of the 5.08 billion yuan of trade.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("1.27 billion", Review), "{p:?}");
        let p = proposed("Sales reached 1.2.7 billion yuan, up 10% from 115.5 million yuan.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("127 million", Review), "{p:?}");
        let p = proposed("Sales reached 1.2.7 billion yuan, up 10% over the year.");
        assert_eq!(p[0].2, Suggest, "{p:?}");
    }

    #[test]
    fn a_figure_of_the_same_kind_decides_only_without_totals() {
        let p = proposed("We have 1.2.7 billion permanent residents, about 1.500 million people live in Guangdong");
        assert_eq!((p[0].1.as_str(), p[0].2), ("127 million", Review), "{p:?}");
        assert!(p[0].3.contains("of the same kind"), "{}", p[0].3);
        let p = proposed("We have 1.2.7 billion residents in total, about 150 million people live here");
        assert_eq!(p[0].2, Suggest, "{p:?}");
        let p = proposed("We have 1.2.7 billion residents and 150 million tons of grain");
        assert_eq!(p[0].2, Suggest, "{p:?}");
    }

    #[test]
    fn to_billion_is_decided_or_suggested() {
        fixes("Sales reached 52.17 to billion yuan (US$735 million) in 2023.", "Sales reached 5.217 billion yuan (US$735 million) in 2023.");
        let p = proposed("Sales reached 52.17 to billion yuan in 2023.");
        assert_eq!((p[0].1.as_str(), p[0].2), ("5.217 billion", Suggest), "{p:?}");
        assert_pass_keeps(&pass(), "It rose from 52.17 to 60 billion yuan.");
    }

    #[test]
    fn wan_amount_in_two_parts() {
        fixes("The subsidy is 3 2000 yuan per household.", "The subsidy is 32,000 yuan per household.");
        fixes("a bonus of 13 5000 yuan", "a bonus of 135,000 yuan");
        for s in ["In 2024, 3 2500 yuan", "3 20000 yuan", "2023 3000 yuan", "1 3 2000 yuan", "No. 3 2000 yuan", "3 2000 yuanbao"] {
            assert_pass_keeps(&pass(), s);
        }
    }

    #[test]
    fn trillion_off_by_ten_against_dollars() {
        fixes("GDP reached 1.3 trillion yuan (US$1.85 trillion) last year.", "GDP reached 13 trillion yuan (US$1.85 trillion) last year.");
        fixes("GDP reached 130 trillion yuan (US$1.85 trillion).", "GDP reached 13 trillion yuan (US$1.85 trillion).");
        assert_pass_keeps(&pass(), "GDP reached 13 trillion yuan (US$1.85 trillion) and 5 trillion yuan (US$3 trillion).");
        assert_pass_keeps(&pass(), "GDP reached 1.3 trillion yuan (US$185 billion).");
    }

    #[test]
    fn fullwidth_percent_and_point_in_english() {
        fixes("Economic growth 4.8％，and exports", "Economic growth 4.8%，and exports");
        fixes("4．8％ of the total", "4.8% of the total");
        fixes("grew 12．5 percent", "grew 12.5 percent");
        for s in ["经济增长4.8％，出口增长。", "增长 4.8％，出口", "（4.8％）增长"] {
            assert_pass_keeps(&pass(), s);
        }
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
