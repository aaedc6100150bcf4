//! Where the article is, and furniture by shape around it (no site list).
//!
//! **The body** is the run of lines with the most prose in it, as jusText
//! and trafilatura find it: each line gets a weight (prose: + its length;
//! a line a furniture rule matches: − its length and more; other short lines:
//! a small minus) and the body is the contiguous run with the largest sum
//! (Kadane's maximum subarray, one pass). A furniture line after the last
//! paragraph can no longer pull the footer into the body just because it
//! ends with a period (`Best viewed in IE 6.0 … resolution.`).
//!
//! **Furniture by shape** (rule B116) is judged only above and below the
//! body, never on a sentence-like line and never on the title: date and
//! time lines, bylines, empty labels, label rows, symbol rows, widget rows,
//! menu runs, language switchers, short Chinese lines in an English page,
//! and the short labels above the title or below the article.

use crate::text::lexicon::Lexicon;
use crate::text::lines::is_prose_anchor;
use crate::text::script::{is_cjk_letter, is_han};

/// A long row of links (`介休市| 绩溪县| 勐海县| …`): 300 bytes or more,
/// eight `|` or more and no sentence inside.
pub(super) fn link_row(t: &str) -> bool {
    t.len() >= 300 && memchr::memchr_iter(b'|', t.as_bytes()).nth(7).is_some() && !t.contains("。") && !t.contains(". ")
}

/// The weight of a trimmed line that no furniture rule matched: positive
/// for prose, a small negative for other lines.
pub(super) fn prose_weight(t: &str, lex: &Lexicon) -> i64 {
    let len = t.len() as i64;
    // A long row of links (`介休市| 绩溪县| 勐海县| …`): many `|` and no
    // sentence inside is no prose, however long.
    if link_row(t) {
        return -30;
    }
    if t.len() >= 300 {
        return len;
    }
    if !t.is_ascii() {
        let han = t.chars().filter(|&c| is_han(c)).count();
        if han * 2 >= t.chars().count() {
            // Chinese: a sentence is prose.
            return if is_prose_anchor(t) && han >= 8 { len } else { -len.min(30) };
        }
    }
    // A sentence ends: `.` `!` `?` `:` `;`, or one of them inside closing quotes or brackets.
    let core = t.trim_end_matches(['"', '”', '’', '\'', ')', '）']);
    let ends = core.len() < t.len() && core.ends_with(['.', '!', '?', '。', '！', '？']) || t.ends_with(['.', '!', '?', '。', ':', ';']);
    if !ends && t.len() < 150 {
        return -len.min(30);
    }
    let (density, words) = lex.stopword_density(t);
    if words >= 4 && density >= 0.2 && ends {
        len
    } else if words >= 8 && density >= 0.25 && t.len() >= 150 {
        // Unfinished: a paragraph cut off at the page's end (a heading is shorter).
        len / 2
    } else {
        -len.min(30)
    }
}

/// The weight of a line a furniture rule matched: strong for rules that
/// name the furniture (labels, signatures), like any short line for rules
/// that only judge a shape (a date, a path).
pub(super) fn furniture_weight(len: usize, by_shape: bool) -> i64 {
    if by_shape {
        -(len as i64).min(30)
    } else {
        -(60 + len as i64)
    }
}

/// The body: the first and last line of the contiguous run of lines with
/// the largest total weight, if that total is positive.
pub(super) fn body_span(weights: &[i64]) -> Option<(usize, usize)> {
    let (mut best, mut best_span) = (0i64, None);
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0 {
            if w <= 0 {
                continue;
            }
            sum = 0;
            start = i;
        }
        sum += w;
        if sum > best {
            best = sum;
            best_span = Some((start, i));
        }
    }
    best_span
}

/// The body `(f, l)` grown over short gaps: a prose line at most three
/// non-blank lines beyond an end joins the body when no line between is
/// `hard` furniture (a site signature, a call to action). Event details
/// between two paragraphs (`Time: 9:00 a.m.`, `Venue: …`) stay in the body.
pub(super) fn grow_body(weights: &[i64], hard: &[bool], (mut f, mut l): (usize, usize)) -> (usize, usize) {
    let reach = |from: usize, step: isize| -> Option<usize> {
        let mut i = from as isize + step;
        let mut between = 0;
        while i >= 0 && (i as usize) < weights.len() {
            let k = i as usize;
            if hard[k] {
                return None;
            }
            if weights[k] > 0 {
                return Some(k);
            }
            if weights[k] < 0 {
                between += 1;
                if between > 3 {
                    return None;
                }
            }
            i += step;
        }
        None
    };
    while let Some(k) = reach(l, 1) {
        l = k;
    }
    while let Some(k) = reach(f, -1) {
        f = k;
    }
    (f, l)
}

/// What a furniture line looks like (rule B116's reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Dates, times, counters and at most three other words.
    DateTime,
    /// `By Li Han`, `(Photo by Guo Haijun)`, `Translated by … from …`.
    Byline,
    /// `Chinese source:` with no value.
    EmptyLabel,
    /// Two or more `Label:` fields on one short line.
    LabelRow,
    /// No letters or digits (`• |`, `+ . -`), or a bullet and a word.
    Symbols,
    /// Page widgets only (`Share this article`, `Font size: L M S`).
    Widget,
    /// A run of capitalized menu words.
    Menu,
    /// A language switcher (`中文English`).
    Languages,
    /// A short Chinese line in an English page (`扫一扫在手机打开当前页`).
    ShortChinese,
    /// A short label above the title or below the article (`Open
    /// Governance`, `BACK`, `The website of Qinzhou Government`).
    Label,
    /// Page numbers (`1 2 3 4 5`, `« 1 2 3 … 9 Next`).
    Pager,
    /// A long number alone (`010020070750000000000000011100001380907051`).
    Number,
    /// A bare site address (`www.example.com`).
    SiteAddress,
    /// A short line in a run of furniture above the title (a menu column
    /// whose other items were found).
    AmongFurniture,
    /// A list of other articles' headlines closing the page.
    Related,
    /// A counter under a label (`browse:(844)`, `Views: 12`).
    Counter,
}

impl Shape {
    /// The reason shown in the report.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Shape::DateTime => "date/time line outside the article removed",
            Shape::Byline => "byline or photo/translation credit removed",
            Shape::EmptyLabel => "empty label line removed",
            Shape::LabelRow => "row of metadata labels removed",
            Shape::Symbols => "line of bullets or symbols removed",
            Shape::Widget => "page widget line removed",
            Shape::Menu => "menu line removed",
            Shape::Languages => "language switcher removed",
            Shape::ShortChinese => "short Chinese furniture line in an English page removed",
            Shape::Label => "section or site label outside the article removed",
            Shape::Pager => "page numbers removed",
            Shape::Number => "number-only line (page or tracking id) removed",
            Shape::SiteAddress => "bare site address removed",
            Shape::AmongFurniture => "short line between furniture lines above the title removed",
            Shape::Related => "list of other articles' headlines below the article removed",
            Shape::Counter => "view or hit counter removed",
        }
    }

    /// The metadata field the line's text goes to, if any.
    pub(crate) fn key(self) -> Option<&'static str> {
        match self {
            Shape::DateTime => Some("dateline"),
            Shape::Byline => Some("credits"),
            _ => None,
        }
    }
}

/// Words of a line: runs of letters, digits and in-word marks.
fn words(t: &str) -> impl Iterator<Item = &str> {
    t.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/' | '»' | '>' | '【' | '】' | '[' | ']' | '〖' | '〗' | ':' | '：'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// Is `w` a date or time token: a year, `2024-05-09`, `06/20`, `15:34`,
/// `UTC+8`, a month or weekday name, a time unit?
fn date_token(w: &str, lex: &Lexicon) -> bool {
    // A Chinese, Japanese or Korean date part: `2021年`, `4월`, `6日`.
    let w = w.trim_end_matches(['年', '月', '日', '년', '월', '일']);
    let digits = w.bytes().filter(u8::is_ascii_digit).count();
    if digits > 0 {
        return digits * 2 >= w.len() || w.starts_with("UTC") || w.starts_with("GMT");
    }
    let l = lower(w.trim_end_matches('.'));
    lex.months.contains(&l)
        || lex.month_abbreviations.contains(&l)
        || lex.weekdays.contains(&l)
        || lex.weekday_abbreviations.contains(&l)
        || matches!(
            l.as_str(),
            "am" | "pm" | "a.m" | "p.m" | "ago" | "today" | "yesterday" | "hour" | "hours" | "min" | "mins" | "minute"
                | "minutes" | "sec" | "seconds" | "day" | "days" | "utc" | "gmt" | "bst" | "cst" | "updated"
                | "published" | "posted" | "released" | "on" | "at" | "is" | "time" | "date"
        )
}

/// Does the line carry a real date or time (not just a bare number)?
fn has_date(t: &str, lex: &Lexicon) -> bool {
    let b = t.as_bytes();
    let sep_between_digits = b.windows(3).any(|w| w[0].is_ascii_digit() && matches!(w[1], b'-' | b'/' | b':') && w[2].is_ascii_digit());
    let year = words(t).map(|w| w.trim_end_matches(['年', '년'])).any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.bytes().all(|c| c.is_ascii_digit()));
    let month = words(t).any(|w| {
        let l = lower(w.trim_end_matches('.'));
        lex.months.contains(&l) || lex.month_abbreviations.contains(&l)
    });
    let ago = t.contains(" ago") && t.bytes().any(|c| c.is_ascii_digit());
    sep_between_digits || year || month || ago
}

fn date_line(t: &str, lex: &Lexicon) -> bool {
    if t.len() > 100 || !has_date(t, lex) {
        return false;
    }
    let others = words(t).filter(|w| !date_token(w, lex)).count();
    others <= 3
}

/// Words that open a credit before `by` (`Photo by`, `Reported by`), also
/// glued to it (`Reportby`).
const CREDIT_WORDS: [&str; 11] =
    ["reported", "report", "photos", "photo", "pictures", "picture", "text", "written", "story", "translated", "video"];

/// Bullets that open list items and furniture rows alike.
const BULLETS: [char; 7] = ['•', '·', '▪', '■', '◆', '●', '*'];

fn byline(t: &str) -> bool {
    let s = t.trim_start_matches(['(', '（', '[']).trim_start();
    // `• By Zhang Miaochen`: a bullet before the byline.
    let s = s.strip_prefix(BULLETS).map_or(s, str::trim_start);
    let lower: String = s.chars().take(24).collect::<String>().to_lowercase();
    let by = |l: &str| l.starts_with("by ").then_some(3);
    let skip = by(&lower).or_else(|| {
        CREDIT_WORDS.iter().find_map(|w| {
            let r = lower.strip_prefix(w)?;
            let sp = usize::from(r.starts_with(' '));
            by(&r[sp..]).map(|n| w.len() + sp + n)
        })
    });
    let Some(rest) = skip.and_then(|n| s.get(n..)) else { return false };
    if t.len() > 200 || t.ends_with(['.', '!', '?']) && !t.ends_with(".)") {
        return false;
    }
    // A name: capitalized words up to the end, `(`, `|`, ` in `, ` from `, ` and `.
    let mut names = 0;
    // After a `|` come the outlet and the date: no longer the name.
    let rest = rest.split(['|', '｜']).next().unwrap_or("");
    if rest.split_whitespace().count() > 12 {
        return false;
    }
    for w in rest.split_whitespace() {
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() || is_han(first) {
            names += 1;
            continue;
        }
        // `Qin Jianhua Pictures by Cen Haoxian`: a second credit.
        if matches!(w, "and" | "&" | "in" | "from" | "of" | "by" | "|" | "/" | "-" | "–") || first == '(' || first == '|' {
            if names == 0 {
                return false;
            }
            continue;
        }
        // A lowercase word right after `by` or after a comma: a sentence.
        return false;
    }
    names >= 1 && !rest.contains(", ")
}

/// `Chinese source:`, `Release Time:`, `作者:`: a metadata label without
/// its value. A name alone (`Bloomberg:`, `Sheng Laiyun:`) is a speaker
/// in an interview and stays.
fn empty_label(t: &str, lex: &Lexicon) -> bool {
    let Some(label) = t.strip_suffix(':').or_else(|| t.strip_suffix('：')) else { return false };
    let label = label.trim_end();
    // A lower-case label of three words or more is a clause cut at its
    // colon (`we need to address:`).
    let capital = label.chars().next().is_some_and(|c| c.is_uppercase() || is_han(c));
    let shape = !label.is_empty()
        && (capital || label.split_whitespace().count() <= 2)
        && label.chars().count() <= 30
        && label.split_whitespace().count() <= 4
        && label.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '’' || c == '-' || is_cjk_letter(c));
    let last = label.split_whitespace().next_back().unwrap_or("");
    let first = label.split_whitespace().next().unwrap_or("");
    // A label of other words (`Quality supervision:`) may head a section
    // of the article: only furniture's own label words count, or a
    // widget's verb before one or two words (`Choose Type:`).
    let widget = capital && label.split_whitespace().count() <= 3 && matches!(lower(first).as_str(), "choose" | "select");
    shape && (label.chars().any(is_han) || lex.label_words.contains(&lower(last)) || widget)
}

fn label_row(t: &str) -> bool {
    if t.len() > 160 || t.split_whitespace().count() > 14 {
        return false;
    }
    // Colons right after a label word (letters before, no space).
    let b: Vec<char> = t.chars().collect();
    let labels = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            // `Views:`, or `viewed :time` (a space before, none after).
            let label = i > 0 && b[i - 1].is_alphabetic()
                || i > 1 && b[i - 1] == ' ' && b[i - 2].is_alphabetic() && b.get(i + 1).is_some_and(|n| !n.is_whitespace());
            // Not a path's `::` (`std::io`).
            let path = b.get(i + 1) == Some(&':') || i > 0 && b[i - 1] == ':';
            matches!(c, ':' | '：') && label && !path && b.get(i + 1).is_none_or(|n| *n != '/')
        })
        .count();
    // A headline after kicker labels (`XINHUANET:China Focus: Affluent
    // manufacturing base shares opportunities with the world`) is no
    // metadata value: a capital, six words or more, no digit, three of them
    // lowercase.
    let tail = t.rsplit([':', '：']).next().unwrap_or("");
    let headline = tail.trim_start().starts_with(|c: char| c.is_uppercase())
        && tail.split_whitespace().count() >= 6
        && !tail.bytes().any(|c| c.is_ascii_digit())
        && tail.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_lowercase())).count() >= 3;
    labels >= 2 && !headline
}

fn symbols(t: &str) -> bool {
    let alnum = t.chars().filter(|c| c.is_alphanumeric()).count();
    if alnum == 0 {
        return true;
    }
    // `logo logo logo logo`: one word said three times or more (image
    // placeholders, icons' alt texts).
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    if first.len() <= 15 && first.chars().all(char::is_alphabetic) && t.split_whitespace().count() >= 3 && words.all(|w| w.eq_ignore_ascii_case(first)) {
        return true;
    }
    // `• WeiXin`: a bullet and one or two words.
    t.starts_with(BULLETS) && t.split_whitespace().count() <= 3 && !t.ends_with('.')
}

/// The parts of a word glued in camel case (`PlayerClose` → `Player`,
/// `Close`; `MoreTop` → `More`, `Top`).
fn camel_parts(w: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev_lower = false;
    for (i, c) in w.char_indices() {
        if c.is_uppercase() && prev_lower {
            parts.push(&w[start..i]);
            start = i;
        }
        prev_lower = c.is_lowercase();
    }
    parts.push(&w[start..]);
    parts
}

fn widget(t: &str, lex: &Lexicon) -> bool {
    if t.len() > 90 {
        return false;
    }
    let (mut content, mut nav) = (0, 0);
    // A glued word is split (`PlayerClose`) unless it is a widget word whole (`loadingImg`).
    let whole = |w: &&str| lex.widget_words.contains(&lower(w));
    for w in words(t).flat_map(|w| if whole(&w) { vec![w] } else { camel_parts(w) }) {
        let l = lower(w);
        if lex.widget_words.contains(&l) {
            content += 1;
            continue;
        }
        if lex.stopwords.contains(&l) || w.chars().all(|c| c.is_ascii_digit()) || (w.chars().count() == 1 && w.chars().all(char::is_alphabetic)) {
            continue; // `L M S`, `1x`, `the`
        }
        // `1x` (speed), `24h` (a time window).
        if l.len() > 1 && l.ends_with(['x', 'h', 'd']) && l[..l.len() - 1].bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // Menu words and language names go with widget words (`Related
        // information`, `MoreTop news`, `Translate into Chinese`).
        if lex.nav_words.contains(&l) || lex.language_names.contains(&l) {
            nav += 1;
            continue;
        }
        return false;
    }
    // With menu words the line must read as a heading, not as a fragment
    // of prose (`information on Copy.`).
    let heading = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) && !t.ends_with(['.', ',', ';']);
    content >= 1 && (nav == 0 || heading && nav <= content + 1)
}

/// Page numbers: consecutive numbers from 1 or 2 (a jump only after `…`),
/// three or more, with arrows and `Next`/`Prev` words.
fn pager(t: &str) -> bool {
    if t.len() > 120 {
        return false;
    }
    let (mut prev, mut n, mut jump) = (None::<u32>, 0, false);
    for w in t.split_whitespace() {
        if let Ok(k) = w.parse::<u32>() {
            let ok = match prev {
                None => k <= 2,
                Some(p) => k == p + 1 || (jump && k > p),
            };
            if !ok {
                return false;
            }
            (prev, jump, n) = (Some(k), false, n + 1);
            continue;
        }
        let l = lower(w.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')')));
        if matches!(l.as_str(), "..." | "…" | "……") {
            jump = true;
        } else if !matches!(
            l.as_str(),
            "«" | "»" | "<" | ">" | "<<" | ">>" | "‹" | "›" | "prev" | "previous" | "next" | "first" | "last" | "page"
                | "上一页" | "下一页" | "首页" | "尾页" | "末页"
        ) {
            return false;
        }
    }
    n >= 3
}

/// A long number alone: a page or tracking id, never a value of the article.
/// Or a telephone number alone (`186 0120 9822`, `(0759) 3161136`): ten
/// to thirteen digits in groups, the first a trunk `0` or a `+`, or a
/// mobile number (eleven digits from `13` to `19`), and not a row of years
/// (`2019 2020 2021`).
fn long_number(t: &str) -> bool {
    if t.len() >= 12 && t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if t.len() > 24 || !t.bytes().all(|b| b.is_ascii_digit() || b" -()+".contains(&b)) {
        return false;
    }
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    let groups: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let years = groups.iter().all(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20")));
    // A Chinese mobile number is eleven digits from `13` to `19`.
    let mobile = digits == 11 && groups[0].len() == 3 && groups[0].starts_with('1') && groups[0].as_bytes()[1] >= b'3';
    // (Two to four groups of two digits or more: not an axis `0 10 20 30 40 50`.)
    let grouped = (2..=4).contains(&groups.len()) && groups.iter().all(|g| g.len() >= 2);
    (10..=13).contains(&digits) && grouped && !years && (mobile || t.trim_start_matches('(').starts_with(['0', '+']))
}

/// A bare site address (`www.example.com`, `news.example.com.cn`):
/// no path, a `www` host or a common top-level domain.
fn site_address(t: &str) -> bool {
    if t.len() > 80 || !t.is_ascii() || t.contains(char::is_whitespace) {
        return false;
    }
    // With a scheme it is a link (a project's home page under a README),
    // not the site's own name.
    if t.contains("://") {
        return false;
    }
    let h = t.strip_suffix('/').unwrap_or(t).to_ascii_lowercase();
    let labels: Vec<&str> = h.split('.').collect();
    let ok = labels.len() >= 2 && labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    ok && (labels[0] == "www" || matches!(labels[labels.len() - 1], "com" | "cn" | "net" | "org" | "info"))
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn menu(t: &str, lex: &Lexicon) -> bool {
    if t.contains(['.', ',', ';', '。', '，']) || t.len() > 200 {
        return false;
    }
    let ws: Vec<&str> = words(t).collect();
    if ws.len() < 5 {
        return false;
    }
    let caps = ws.iter().filter(|w| capitalized(w)).count();
    let nav = ws.iter().filter(|w| lex.nav_words.contains(&lower(w))).count();
    caps * 5 >= ws.len() * 4 && nav * 10 >= ws.len() * 3
}

fn languages(t: &str, lex: &Lexicon) -> bool {
    if t.len() > 60 {
        return false;
    }
    // Split CJK runs from Latin runs: `中文English`.
    let mut latin_words = 0;
    let mut ok = true;
    let mut endonyms = 0;
    for w in words(t) {
        // A language's own name (`Español`, `Русский`, `عربي`).
        let lw = w.to_lowercase();
        if ENDONYMS.contains(&lw.as_str()) {
            endonyms += 1;
            continue;
        }
        if !w.chars().all(|c| c.is_ascii() || is_cjk_letter(c)) {
            return false;
        }
        let latin: String = w.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if !latin.is_empty() {
            latin_words += 1;
            ok &= lex.language_names.contains(&latin.to_lowercase());
        }
        let cjk: String = w.chars().filter(|&c| is_cjk_letter(c)).collect();
        if !cjk.is_empty() {
            ok &= matches!(cjk.as_str(), "中文" | "简体" | "繁体" | "繁體" | "简体中文" | "繁體中文" | "英文" | "日本語" | "한국어" | "English");
        }
    }
    ok && (latin_words + endonyms >= 1 && t.chars().any(|c| is_cjk_letter(c) || c == '|') || endonyms >= 3)
}

/// Languages by their own names, as switchers list them, lower case.
const ENDONYMS: &[&str] = &[
    "español", "русский", "français", "deutsch", "português", "italiano", "عربي", "العربية", "日本語", "한국어", "简体中文",
    "繁體中文", "中文", "english", "ไทย", "bahasa", "türkçe", "polski", "nederlands",
];

/// A breadcrumb or menu path with arrows (`> More`, `news center>
/// shougang news`, `Home » News`): one to five parts of one to four
/// words, no sentence mark, a menu word among them.
fn arrow_path(t: &str, lex: &Lexicon) -> bool {
    if t.len() > 80 || !t.contains(['>', '»', '›']) || t.contains(['.', ',', ';', '?', '!', '<', '=', '"', '“']) {
        return false;
    }
    let parts: Vec<&str> = t.split(['>', '»', '›']).map(str::trim).collect();
    let filled = parts.iter().filter(|p| !p.is_empty()).count();
    (1..=5).contains(&filled)
        && parts.iter().all(|p| p.split_whitespace().count() <= 4 && p.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '&'))
        && words(t).any(|w| lex.nav_words.contains(&lower(w)))
}

fn short_chinese(t: &str) -> bool {
    let chars = t.chars().count();
    let han = t.chars().filter(|&c| is_han(c)).count();
    han >= 2 && chars <= 24 && han * 2 >= chars && !t.ends_with(['。', '！', '？'])
}

/// A row of menu items in Chinese (`首页 新闻动态 法律服务 数据服务`, `江苏快3
/// 北京赛车`): three or more words of two to ten characters, each of Han
/// characters (two or more) and digits only, spaces between.
/// A page title of a spam or mirror site: three or more Chinese phrases
/// joined by `_` (`花辨直播官方版_花辨直播平台官方app下载_…`), no sentence.
fn chinese_title_row(t: &str) -> bool {
    let parts: Vec<&str> = t.split('_').collect();
    parts.len() >= 3
        && !t.contains(['。', '，', '!', '?', ' '])
        && parts.iter().all(|p| (2..=40).contains(&p.chars().count()) && p.chars().filter(|&c| is_han(c)).count() * 2 >= p.chars().count())
}

fn chinese_menu(t: &str) -> bool {
    let mut n = 0;
    for w in t.split_whitespace() {
        let k = w.chars().count();
        let han = w.chars().filter(|&c| is_han(c)).count();
        if !(2..=10).contains(&k) || han < 2 || !w.chars().all(|c| is_han(c) || c.is_ascii_digit()) {
            return false;
        }
        n += 1;
    }
    n >= 3
}

/// Mostly Chinese: Han characters are half the line's letters or more.
pub(super) fn mostly_han(t: &str) -> bool {
    let (mut han, mut all) = (0usize, 0usize);
    for c in t.chars().filter(|c| c.is_alphanumeric()) {
        all += 1;
        han += usize::from(is_han(c));
    }
    han > 0 && han * 2 >= all
}

/// A short line that is no sentence: up to six words, no terminal mark,
/// no quotes; with `title_case`, also no comma and every word capitalized
/// but short stopwords (`Hot Spot`, `Shougang News`, `Well-known Exhibitors`).
fn short_label(t: &str, title_case: bool, lex: &Lexicon) -> bool {
    let n = t.split_whitespace().count();
    let shape = (1..=6).contains(&n)
        && t.len() <= 60
        && !t.contains([',', '，', ';', '；'])
        && !t.ends_with(['.', '!', '?', '。', ':', '：'])
        && t.chars().next().is_some_and(|c| c.is_uppercase() || is_han(c))
        && !t.contains(['"', '“', '”']);
    // `&` joins the words of a short label of plain words (`News & Events`).
    let amp_ok = n <= 4 && t.split_whitespace().all(|w| w == "&" || w.chars().all(char::is_alphabetic));
    shape
        && (!title_case
            || !t.contains([',', '，', ';'])
                && t.split_whitespace().all(|w| capitalized(w) || w == "&" && amp_ok || lex.stopwords.contains(&lower(w)) || w.chars().any(is_han)))
}

/// The strong shapes: furniture wherever it sits above or below the body
/// (the title excepted). `english` says the page is in English.
/// A furniture label and a count alone (`browse:(844)`, `Views: 12`,
/// `点击：35次`): the label's last word one of `rules/furniture_words.txt`
/// `[label]`, or Chinese.
fn counter(t: &str, lex: &Lexicon) -> bool {
    let Some((label, value)) = t.split_once(':').or_else(|| t.split_once('：')) else { return false };
    let v = value.trim().trim_start_matches(['(', '[', '（', '【']).trim_end_matches([')', ']', '）', '】', '次']).trim();
    let v = v.strip_suffix("times").map_or(v, str::trim_end);
    let label = label.trim_end();
    !v.is_empty()
        && v.len() <= 9
        && v.bytes().all(|c| c.is_ascii_digit() || c == b',')
        && label.chars().count() <= 20
        && label.split_whitespace().count() <= 3
        && label.chars().all(|c| c.is_alphabetic() || c == ' ')
        && (label.chars().any(is_han) || lex.label_words.contains(&lower(label.split_whitespace().next_back().unwrap_or(""))))
}

pub(super) fn strong_shape(t: &str, lex: &Lexicon, english: bool) -> Option<Shape> {
    if symbols(t) {
        Some(Shape::Symbols)
    } else if pager(t) {
        Some(Shape::Pager)
    } else if long_number(t) {
        Some(Shape::Number)
    } else if site_address(t) {
        Some(Shape::SiteAddress)
    } else if byline(t) {
        Some(Shape::Byline)
    } else if empty_label(t, lex) {
        Some(Shape::EmptyLabel)
    } else if counter(t, lex) {
        Some(Shape::Counter)
    } else if date_line(t, lex) {
        Some(Shape::DateTime)
    } else if label_row(t) {
        Some(Shape::LabelRow)
    } else if languages(t, lex) {
        Some(Shape::Languages)
    } else if widget(t, lex) {
        Some(Shape::Widget)
    } else if menu(t, lex) || link_row(t) || arrow_path(t, lex) {
        Some(Shape::Menu)
    } else if english && (short_chinese(t) || chinese_menu(t) || chinese_title_row(t)) {
        Some(Shape::ShortChinese)
    } else {
        None
    }
}

/// A line that may sit in a run of furniture above the title: short, no
/// sentence (a menu item such as `Leisure and garden inventory`).
pub(super) fn among_furniture(t: &str) -> bool {
    t.len() <= 60
        && t.split_whitespace().count() <= 6
        && t.chars().next().is_some_and(|c| c.is_uppercase() || is_han(c))
        && !t.ends_with(['.', '!', '?', '。', '！', '？'])
        && t.matches([',', '，']).count() <= 1 // `Underwear, T-shirts`, not a list in a sentence
        && !t.contains(|c: char| c.is_ascii_digit() || "(){}[]<>#=;:：|/\\\"“”_*`".contains(c))
}

/// The weak shape: a short label in title case, furniture only above the
/// title or below the article; above the title also any label of one or
/// two words.
pub(super) fn weak_shape(t: &str, above_title: bool, lex: &Lexicon) -> Option<Shape> {
    let tiny = above_title && short_label(t, false, lex) && t.split_whitespace().count() <= 2;
    (short_label(t, true, lex) || tiny).then_some(Shape::Label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lexicon;

    fn strong(t: &str) -> Option<Shape> {
        strong_shape(t, lexicon::get(), true)
    }

    #[test]
    fn body_is_the_heaviest_run() {
        assert_eq!(body_span(&[-30, -10, 200, -20, 150, -90, 60]), Some((2, 4)));
        assert_eq!(body_span(&[-5, 0, -3]), None);
        assert_eq!(body_span(&[10]), Some((0, 0)));
        assert_eq!(body_span(&[]), None);
    }

    #[test]
    fn body_grows_over_short_soft_gaps_only() {
        let w = [-30, 200, -44, -30, -57, 100, -20, -70, 60];
        let mut hard = [false; 9];
        hard[7] = true;
        assert_eq!(grow_body(&w, &hard, (1, 1)), (1, 5));
        assert_eq!(grow_body(&w, &[false; 9], (1, 1)), (1, 8));
        assert_eq!(grow_body(&[50, -1, -1, -1, -1, 50], &[false; 6], (0, 0)), (0, 0));
    }

    #[test]
    fn a_long_row_of_links_is_no_prose() {
        let row = "主站蜘蛛池模板: ".to_string() + &"介休市| 绩溪县| 勐海县| ".repeat(12);
        assert!(prose_weight(&row, lexicon::get()) < 0);
        let prose = "The city grew. ".repeat(25) + "a | b | c | d | e | f | g | h | i";
        assert!(prose_weight(&prose, lexicon::get()) > 0);
    }

    #[test]
    fn prose_weighs_more_than_furniture() {
        let lex = lexicon::get();
        assert!(prose_weight("The Zhonglou district of Changzhou saw good momentum in fixed-asset investment in the first quarter.", lex) > 0);
        assert!(prose_weight("Home | News | Contact Us", lex) < 0);
        assert!(prose_weight("Sichuan GDP Overtops RMB 4.66 trillion in 2019", lex) < 0);
        assert!(prose_weight("中央军委主席习近平参加审议并发表重要讲话。", lex) > 0);
    }

    #[test]
    fn strong_shapes_from_real_pages() {
        // fixtures/pages: header and footer lines of sites never seen.
        for (t, want) in [
            ("17:23 UTC+8, 2024-05-09 0", Shape::DateTime),
            ("Xinhua) 15:34, September 25, 2024", Shape::DateTime),
            ("Zhitongcaijing · 06/20 11:09", Shape::DateTime),
            ("2 hours 29 min ago", Shape::DateTime),
            ("Published 2021년 4월 6일", Shape::DateTime),
            ("Today is 2020-8-28", Shape::DateTime),
            ("JUL . 31 2017", Shape::DateTime),
            ("browse:(844)", Shape::Counter),
            ("Views: 1,204", Shape::Counter),
            ("点击：35次", Shape::Counter),
            ("Keyword:", Shape::EmptyLabel),
            ("By Li Han", Shape::Byline),
            ("By Fay (Long Feiyu)", Shape::Byline),
            ("(Reported by Long Feng and Pao Yaqin", Shape::Byline),
            ("(Photo by Guo Haijun)", Shape::Byline),
            ("Translated by Li Junting from Wuhu FAO", Shape::Byline),
            ("By ZHENG YIRAN in Beijing and TANG YING in Nanchang | China Daily | Updated: 2024-02-21 09:37", Shape::Byline),
            ("Chinese source:", Shape::EmptyLabel),
            ("Release Time:", Shape::EmptyLabel),
            ("Article author:", Shape::EmptyLabel),
            ("Adjust font size:", Shape::EmptyLabel),
            ("CopyFrom: Date:08 July 2022", Shape::DateTime),
            ("Posted by: Source:Xinhua Views:", Shape::LabelRow),
            ("icon icon icon icon", Shape::Symbols),
            ("Posted by: Release time:2018-02-02", Shape::DateTime),
            ("• |", Shape::Symbols),
            ("+ . -", Shape::Symbols),
            ("• WeiXin", Shape::Symbols),
            ("Share this article", Shape::Widget),
            ("Open WeChat and scan the QR code", Shape::Widget),
            ("Follow us on we chat", Shape::Widget),
            ("Listen to this article 1x", Shape::Widget),
            ("Font:〖L M S", Shape::Widget),
            ("Skip to content", Shape::Widget),
            ("English About Changzhou Mayor’s Mailbox Government Bulletin Latest News Laws and Regulations", Shape::Menu),
            ("About Zhongshan News Business Culture Services", Shape::Menu),
            ("中文English", Shape::Languages),
            ("English | 简体中文", Shape::Languages),
            ("عربي Español Русский Français 简体中文", Shape::Languages),
            ("扫一扫在手机打开当前页", Shape::ShortChinese),
            ("> More", Shape::Menu),
            ("Choose Type:", Shape::EmptyLabel),
            ("news center> shougang news", Shape::Menu),
            ("• By Zhang Miaochen", Shape::Byline),
            ("(Reportby Qin Jianhua   Pictures by Cen Haoxian)", Shape::Byline),
            ("Most popular in 24h", Shape::Widget),
            ("Most Popular...", Shape::Widget),
            ("MoreTop news", Shape::Widget),
            ("Video PlayerClose", Shape::Widget),
            ("Related information", Shape::Widget),
            ("Recommended content", Shape::Widget),
            ("loadingImg", Shape::Widget),
            ("The release date :2019-01-08 viewed :time The font :[big middle small]", Shape::LabelRow),
            ("首页 新闻动态 法律服务 数据服务 项目服务 投资环境", Shape::ShortChinese),
            ("花辨直播官方版_花辨直播平台官方app下载_花辨直播免费版app下载", Shape::ShortChinese),
            ("Account login", Shape::Widget),
            ("1 2 3 4 5", Shape::Pager),
            ("« 1 2 3 … 9 Next", Shape::Pager),
            ("010020070750000000000000011100001380907051", Shape::Number),
            ("186 0120 9822", Shape::Number),
            ("(0759) 3161136", Shape::Number),
            ("Enter mobile phone station", Shape::Widget),
            ("National service hotline:", Shape::EmptyLabel),
            ("www.example.com", Shape::SiteAddress),
            ("news.example.com.cn", Shape::SiteAddress),
        ] {
            assert_eq!(strong(t), Some(want), "{t:?}");
        }
    }

    #[test]
    fn weak_labels_are_title_case_or_tiny() {
        let lex = lexicon::get();
        for t in ["Open Governance", "BACK", "Shougang News", "Hot Spot", "Academics Activity", "Home", "News & Events"] {
            assert_eq!(weak_shape(t, false, lex), Some(Shape::Label), "{t:?}");
        }
        assert_eq!(weak_shape("A heading", true, lex), Some(Shape::Label));
        for t in ["Rebound puts machinery on a roll", "Investment, consumption", "China launches new satellite", "The meeting ended.", "A heading"] {
            assert_eq!(weak_shape(t, false, lex), None, "{t:?}");
        }
    }

    #[test]
    fn titles_and_prose_have_no_strong_shape() {
        for t in [
            "XINHUA:China Focus: New factories in the west bring jobs to the villages",
            "China launches new satellite",
            "Cooperation Agreement between Tsinghua and Chung-Ang University Renewed",
            "Sichuan GDP Overtops RMB 4.66 trillion in 2019",
            "Zhonglou’s Q1 fixed-asset investment expands 5.5% year-on-year",
            "By 2025, the city will have 30 new parks.",
            "By Monday, all schools reopened.",
            "By the end of June, exports grew 5%.",
            "Integrate into the Yangtze River Delta, Co-build Metropolitan Area",
            "2,600 exhibitors participate in fair showcasing latest industrial development",
            "Bloomberg: The yuan rose 0.3% on Monday.",
            "Step 2: 3",
            "Population: 12,000",
            "Revenue growth: (12)",
            "Bloomberg:",
            "Sheng Laiyun:",
            "Quality supervision:",
            "we need to address:",
            "The main tasks include:",
            "17947.2 20427.5 23028.7 25173.5 27037.7 29878.7",
            "Post and Telecommunications 676.7 867.4 1107.6 1235.1 1402.2 1995.3",
            "The meeting was held in 2023.",
            "TUNG Chee Hwa, the Vice Chairman of the CPPCC National Committee, visits Peking University",
            "Print media still matters to readers in smaller cities.",
            "习近平在会上发表重要讲话。",
            "习近平 在 会上 发表 重要讲话。",
            "• By 2025 the city will have 30 new parks",
            "• Reported cases fell by half",
            "Background",
            "Conclusion",
            "Related work",
            "More than 300 firms attended",
            "Government services",
            "Open Government Information Services",
            "3 5 8 13",
            "1 2",
            "12345678901",
            "100 200 300 400",
            "Node.js",
            "README.md",
            "www.example.com/news/report.html",
            "std::io",
            "Version 2.0",
            "https://www.example.org/",
            "for more information.",
            "information on Copy.",
        ] {
            assert_eq!(strong(t), None, "{t:?}");
        }
        assert!(!long_number("2019 2020 2021") && !long_number("100 200 300 400") && !long_number("0 10 20 30 40 50"));
        for t in ["Destructured arrays, enums, structs, or tuples", "Using vectors and strings (Chapter 8", "Fixes since v1.7.0.5", "name [", "The meeting opened."] {
            assert!(!among_furniture(t), "{t:?}");
        }
        for t in ["Leisure and garden inventory", "Underwear, T-shirts", "Various production line by Customers order"] {
            assert!(among_furniture(t), "{t:?}");
        }
    }
}
