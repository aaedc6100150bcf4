//! Line shapes: prose, dates, breadcrumb paths, menu bars, file names.
//!
//! All functions take a trimmed line and look at it once; none allocates
//! unless it returns something.

use crate::text::lexicon;
pub(super) use crate::text::lines::is_terminal;
use crate::text::script::is_han as is_cjk;

/// Does `t` hold, between two spaces, a verb that makes a line read as a
/// clause rather than a label (`rules/clause_verbs.txt`)?
fn has_verb(t: &str) -> bool {
    let verbs = &lexicon::get().clause_verbs;
    let mut words = t.split(' ').skip(1).peekable();
    while let Some(w) = words.next() {
        if words.peek().is_some() && verbs.iter().any(|v| v == w) {
            return true;
        }
    }
    false
}

/// A line that reads as a sentence: ≥ 8 words and ending punctuation, a
/// comma or a verb; or a Chinese sentence. Zone and shape heuristics never
/// remove such a line.
pub(crate) fn sentence_like(t: &str) -> bool {
    let words = t.split_whitespace().count();
    if words >= 8 {
        return t.chars().next_back().is_some_and(is_terminal) || clause_comma(t) || has_verb(t);
    }
    t.chars().filter(|&c| is_cjk(c)).count() >= 15 && (t.contains('，') || t.ends_with('。'))
}

/// Does `t` hold a comma and a space that is not the one of a date before
/// its year (`October 29, 2021`)?
fn clause_comma(t: &str) -> bool {
    let b = t.as_bytes();
    t.match_indices(", ").any(|(k, _)| {
        let year = b.get(k + 2..k + 6).is_some_and(|y| y.iter().all(u8::is_ascii_digit)) && b.get(k + 6).is_none_or(|c| !c.is_ascii_digit());
        !year
    })
}

/// Does the value of a `Label: value` pair look like a value (a name, a date,
/// a count) rather than a clause?
pub(super) fn value_like(v: &str) -> bool {
    if v.len() > 120 || v.contains('。') || v.ends_with(['?', '!', '？', '！']) {
        return false;
    }
    let words = v.split_whitespace().count();
    if words > 8 {
        return false;
    }
    let padded_verb = words >= 3 && has_verb(&format!(" {v} "));
    let lower_clause = words >= 3 && v.starts_with(|c: char| c.is_ascii_lowercase()) && v.ends_with('.');
    !(padded_verb || lower_clause)
}

/// A postal address as a contact label's value, longer than other values:
/// segments joined by commas (`3/F, C Tower, 8 Wangjing East Road,
/// Chaoyang District, Beijing 100102, PRC`), no verb, no sentence end.
pub(super) fn address_like(v: &str) -> bool {
    let words = v.split_whitespace().count();
    v.len() <= 200
        && words <= 24
        && v.matches([',', '，']).count() >= 1
        && !v.contains(['。', '?', '!', '？', '！', ';', '；', '"', '“'])
        && !v.contains(". ")
        && !has_verb(&format!(" {v} "))
}

/// Split a breadcrumb on `>`, `>>`, `»`, `›`, `→`. `None` when a segment is
/// empty (other than a trailing one) or there is no separator.
pub(super) fn path_segments(t: &str) -> Option<Vec<&str>> {
    let is_sep = |c: char| matches!(c, '>' | '»' | '›' | '→' | '＞');
    if !t.contains(is_sep) {
        return None;
    }
    // `->` and `=>` are arrows too: the `-` or `=` goes with the separator.
    let mut segs: Vec<&str> = t.split(is_sep).map(|s| s.trim().trim_end_matches(['-', '=']).trim_end()).collect();
    // ">>" yields empty pieces between the two '>': drop them only there.
    let mut out = Vec::with_capacity(segs.len());
    let last = segs.len() - 1;
    for (i, s) in segs.drain(..).enumerate() {
        if s.is_empty() {
            if i == 0 {
                return None;
            }
            if i == last {
                break;
            }
            continue;
        }
        out.push(s);
    }
    Some(out)
}

/// Split the value of a location label on a spaced `-`, `–`, `—` or `/`
/// (`Home - Show Info - Exhibition News`). `None` without two segments.
pub(super) fn dash_segments(t: &str) -> Option<Vec<&str>> {
    let sep = [" - ", " – ", " — ", " / "].into_iter().find(|s| t.contains(s))?;
    let segs: Vec<&str> = t.split(sep).map(str::trim).filter(|s| !s.is_empty()).collect();
    (segs.len() >= 2).then_some(segs)
}

/// The value of a short `Label:value` item (`Position:Home` → `Home`):
/// a label of at most three words and no digits.
pub(super) fn after_label(s: &str) -> Option<&str> {
    let (label, v) = s.split_once(':').or_else(|| s.split_once('：'))?;
    let ok = !label.is_empty() && label.split_whitespace().count() <= 3 && !label.contains(|c: char| c.is_ascii_digit());
    let v = v.trim();
    (ok && !v.is_empty()).then_some(v)
}

/// Split a breadcrumb on spaced slashes (`index/ Window of Leadership /
/// Recent Activities / article`): three segments or more, none a number (a
/// date such as `2020/8/28` is not a path), and no URL on the line.
pub(super) fn slash_path_segments(t: &str) -> Option<Vec<&str>> {
    if t.len() > 160 || t.contains("://") || !(t.contains(" / ") || t.contains("/ ")) {
        return None;
    }
    let segs: Vec<&str> = t.split('/').map(str::trim).filter(|s| !s.is_empty()).collect();
    (segs.len() >= 3 && segs.iter().all(|s| !s.bytes().all(|c| c.is_ascii_digit()))).then_some(segs)
}

/// How a breadcrumb line is cut: it opens with a separator (`> Government
/// > News`, the tail of a path whose home was on the line above) or ends
/// with one (`Industry News »`).
pub(super) fn path_edges(t: &str) -> (bool, bool) {
    let is_sep = |c: char| matches!(c, '>' | '»' | '›' | '→' | '＞');
    (t.starts_with(is_sep), t.ends_with(is_sep))
}

/// A short menu or breadcrumb item: 1–6 words, starts with a letter, no
/// sentence punctuation.
pub(super) fn item_like(s: &str, max_words: usize, max_bytes: usize) -> bool {
    !s.is_empty()
        && s.len() <= max_bytes
        && s.split_whitespace().count() <= max_words
        && s.chars().next().is_some_and(|c| c.is_alphabetic())
        && !s.contains(['=', '<', ',', '，', '。', '!', '?', ';'])
        && !s.ends_with('.')
}

/// Does the line `t` read as prose to a shape rule (`sentence_like`, given
/// as `prose`)? A breadcrumb (`path`) ending in the headline (`Home > News >
/// <title>`) is judged without its last segment: a headline reads as a
/// sentence.
pub(super) fn reads_as_prose(t: &str, path: bool, prose: bool) -> bool {
    if !path || !prose {
        return prose;
    }
    t.rsplit_once(['>', '»', '›', '→', '＞']).map_or(prose, |(head, _)| sentence_like(head))
}

/// A headline as the last segment of a breadcrumb: at most 25 words and
/// 200 bytes, starting with a capital, a digit or a Han character, not
/// ending a sentence, no markup or clause punctuation.
pub(super) fn title_like(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.split_whitespace().count() <= 25
        && s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_ascii() && c.is_alphabetic())
        && !s.contains(['=', '<', ';', '。'])
        && !s.ends_with(['.', ',', ':'])
}

/// Menu items joined by a spaced `|` (`App | 中文 |`).
pub(super) fn navbar(t: &str) -> bool {
    if t.len() > 200 || !t.contains(['|', '｜', '丨']) {
        return false;
    }
    // Bars without spaces (`Photo gallery |Partner|Friendship link|Site map`)
    // also join table cells and code: there four items are needed.
    let spaced = t.contains(" | ") || t.ends_with(" |") || t.contains(['｜', '丨']);
    let mut n = 0;
    for s in t.split(['|', '｜', '丨']).map(str::trim) {
        if s.is_empty() {
            continue;
        }
        if !item_like(s, 4, 40) || (!spaced && s.chars().count() < 2) {
            return false;
        }
        n += 1;
    }
    n >= if spaced { 2 } else { 4 }
}

/// An image file name alone (`image.png`, ` 10.jpg`): no whitespace, an
/// extension from `exts` (lower case).
pub(super) fn image_name<'a>(t: &'a str, exts: &[String]) -> Option<&'a str> {
    if t.len() > 200 {
        return None;
    }
    let dot = t.rfind('.')?;
    if dot == 0 {
        return None;
    }
    // A name with spaces (`Hangzhou high-tech zone binjiang.jpg`): a few
    // words, no sentence marks, not starting as a sentence does (`The file
    // format.png`).
    if t.contains(char::is_whitespace) {
        let name = &t[..dot];
        let function = |w: Option<&str>| crate::text::lexicon::get().function.contains(w.unwrap_or("").to_ascii_lowercase().as_str());
        if name.split_whitespace().count() > 8
            || name.contains(['.', ',', ';', ':', '!', '?', '"', '(', ')'])
            || function(name.split_whitespace().next())
            || function(name.split_whitespace().next_back())
            || name.split_whitespace().next_back().is_some_and(|w| w.len() < 2)
        {
            return None;
        }
    }
    let ext = &t[dot + 1..];
    exts.iter().any(|e| e.eq_ignore_ascii_case(ext)).then_some(t)
}


#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    Full,
    Year,
    Month,
    Num,
    Weekday,
    Time,
    Residue,
}

fn digits_with<'a>(t: &'a str, seps: &[char]) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = t.split(seps).collect();
    (parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())))
        .then_some(parts)
}

fn year(p: &str) -> bool {
    p.len() == 4 && (p.starts_with("19") || p.starts_with("20"))
}

fn token(tok: &str, residue: &[String]) -> Option<Tok> {
    let lower = tok.to_ascii_lowercase();
    let bare = lower.trim_end_matches('.');
    if residue.iter().any(|r| r == bare) {
        return Some(Tok::Residue);
    }
    let lex = lexicon::get();
    if lex.months.iter().chain(&lex.month_abbreviations).any(|m| m == bare) {
        return Some(Tok::Month);
    }
    if lex.weekdays.iter().chain(&lex.weekday_abbreviations).any(|m| m == bare) {
        return Some(Tok::Weekday);
    }
    if matches!(bare, "am" | "pm" | "a.m" | "p.m") {
        return Some(Tok::Time);
    }
    if tok.bytes().all(|b| b.is_ascii_digit()) {
        return Some(match tok.len() {
            1 | 2 => Tok::Num,
            4 if year(tok) => Tok::Year,
            _ => return None,
        });
    }
    for suf in ["st", "nd", "rd", "th"] {
        if let Some(n) = bare.strip_suffix(suf) {
            if (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) {
                return Some(Tok::Num);
            }
        }
    }
    if let Some(p) = digits_with(tok, &[':']) {
        return (p.len() <= 3 && p.iter().all(|x| x.len() <= 2)).then_some(Tok::Time);
    }
    if let Some(p) = digits_with(tok, &['-', '/', '.']) {
        return (p.len() <= 3 && p.iter().any(|x| year(x))).then_some(Tok::Full);
    }
    // Chinese dates: 2020年9月16日, 9月16日, 星期三, 周三.
    if tok.starts_with("星期") || tok.starts_with("礼拜") || (tok.starts_with('周') && tok.chars().count() == 2) {
        return Some(Tok::Weekday);
    }
    if tok.contains(['年', '月', '日']) {
        let ok = tok.chars().all(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '号'));
        return ok.then(|| if tok.contains('月') { Tok::Full } else { Tok::Year });
    }
    None
}

/// The date on a date-only line (`September 16, 2020 Wednesday`,
/// `(October 19, 2020)`, `2022-07-29 0 By`), or `None`. Tokens in `residue`
/// (lower case) may stand beside the date; they are not part of the value.
pub(super) fn date_line<'a>(t: &'a str, residue: &[String]) -> Option<&'a str> {
    if t.len() > 80 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let s = t.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】'));
    let base = s.as_ptr() as usize;
    let mut toks: Vec<(usize, usize, Tok)> = Vec::new();
    for piece in s.split(|c: char| c.is_whitespace() || c == ',' || c == '，') {
        if piece.is_empty() {
            continue;
        }
        let start = piece.as_ptr() as usize - base;
        toks.push((start, start + piece.len(), token(piece, residue)?));
    }
    let has = |k: Tok| toks.iter().any(|t| t.2 == k);
    let full = has(Tok::Full);
    if !(full || (has(Tok::Month) && (has(Tok::Year) || has(Tok::Num)))) {
        return None;
    }
    if toks.iter().filter(|t| t.2 == Tok::Residue).count() > 2 {
        return None;
    }
    // The value: date tokens only; a bare number after an ISO date is a counter.
    let month = has(Tok::Month);
    let keep = |k: Tok| k != Tok::Residue && !(k == Tok::Num && full && !month);
    let first = toks.iter().find(|t| keep(t.2))?;
    let last = toks.iter().rev().find(|t| keep(t.2))?;
    Some(&s[first.0..last.1])
}

/// Split a labelled date value into the date and what follows it
/// (`Feb 23,2018 7:13 AM China Daily` → (`Feb 23,2018 7:13 AM`, `China
/// Daily`)). A value that is not a date comes back whole.
pub(super) fn split_date(v: &str) -> (&str, &str) {
    if date_line(v, &[]).is_some() {
        return (v, "");
    }
    let mut ends: Vec<usize> = v.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, _)| i).collect();
    ends.reverse();
    for e in ends {
        if let Some(d) = date_line(v[..e].trim_end(), &[]) {
            if d.len() == v[..e].trim_end().len() {
                return (d, v[e..].trim());
            }
        }
    }
    (v, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res() -> Vec<String> {
        vec!["by".into()]
    }

    #[test]
    fn date_lines_yield_their_date() {
        assert_eq!(date_line("September 16, 2020 Wednesday", &res()), Some("September 16, 2020 Wednesday"));
        assert_eq!(date_line("(October 19, 2020)", &res()), Some("October 19, 2020"));
        assert_eq!(date_line("2022-07-29 0 By", &res()), Some("2022-07-29"));
        assert_eq!(date_line("2024年2月18日 星期日", &res()), Some("2024年2月18日 星期日"));
    }

    #[test]
    fn splits_outlet_from_labelled_date() {
        assert_eq!(split_date("Feb 23,2018 7:13 AM China Daily"), ("Feb 23,2018 7:13 AM", "China Daily"));
        assert_eq!(split_date("2024-02-18"), ("2024-02-18", ""));
        assert_eq!(split_date("Shenzhen"), ("Shenzhen", ""));
    }

    #[test]
    fn numbers_and_sentences_are_not_dates() {
        for t in ["2024", "1.2.7", "In 2024 the economy grew.", "No. 1", "3.5%", "12:30 meeting"] {
            assert_eq!(date_line(t, &res()), None, "{t}");
        }
    }

    #[test]
    fn prose_is_sentence_like() {
        assert!(sentence_like("The meeting was held in the provincial capital on Monday morning."));
        assert!(!sentence_like("Current Location: 365备用网站 > Media report"));
        assert!(!sentence_like("Speech by Comrade Huang Kunming at the High Quality Development Conference of Guangdong Province (2024)"));
    }

    #[test]
    fn breadcrumb_segments_split_on_double_arrows() {
        assert_eq!(path_segments("HOME >> STATE COUNCIL >> MINISTRIES"), Some(vec!["HOME", "STATE COUNCIL", "MINISTRIES"]));
        assert_eq!(path_segments("首页 > 新闻 >"), Some(vec!["首页", "新闻"]));
        assert_eq!(path_segments("> x"), None);
        assert_eq!(path_edges("> Government > News"), (true, false));
        assert_eq!(path_edges("Industry News »"), (false, true));
        assert_eq!(path_segments("Home->News->Opinion->"), Some(vec!["Home", "News", "Opinion"]));
        assert_eq!(dash_segments("Home - Show Info - Exhibition News"), Some(vec!["Home", "Show Info", "Exhibition News"]));
        assert_eq!(dash_segments("Home"), None);
        assert_eq!(after_label("Position:Home"), Some("Home"));
        assert_eq!(after_label("Result 2024: growth"), None);
    }

    #[test]
    fn unspaced_bars_need_four_items() {
        assert!(navbar("Photo gallery |Partner|Friendship link|Site map|Website Ad"));
        assert!(!navbar("a|b|c|d"));
        assert!(!navbar("Revenue|Costs|Profit"));
        assert!(!navbar("x|y"));
    }
}
