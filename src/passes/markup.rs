//! Markup remnants (family M): HTML entities, leftover tags, markdown emphasis.
//!
//! Candidates are found with `memchr` (`&`, `<`, `*`, `_`); only then is a
//! small anchored regex tried at that position.

use crate::edit::{Confidence::Safe, Edit};
use crate::error::Result;
use crate::passes::kit::{Context, Pass, Setup};
use crate::text::script::is_han;
use regex::Regex;
use std::sync::LazyLock;

crate::declare_rules! { pass = "markup";
    /// ## What it fixes
    /// HTML character references left in the text: named (`&nbsp;`, `&amp;`,
    /// `&ldquo;`, ...) and numeric (`&#8220;`, `&#x201C;`). `&nbsp;` becomes a
    /// plain space.
    ///
    /// ## Example
    /// ```text
    /// R&amp;D spending&nbsp;rose &#8220;sharply&#8221;
    /// ```
    /// Becomes:
    /// ```text
    /// R&D spending rose “sharply”
    /// ```
    ///
    /// ## Why safe
    /// Only well-formed references (ending in `;`) with a name of the HTML5
    /// table (rules/html_entities.txt, all 2,125) are decoded; a bare `&` or
    /// an unknown name is left alone.
    M101 = ("html-entity", Safe, true, "HTML entity decoded");
    /// ## What it fixes
    /// Leftover HTML tags of common elements (`<p>`, `</span>`, `<br/>`,
    /// `<strong>`, `<a href=…>`, `<img …>`). `<br>` and block tags (`<p>`,
    /// `<div>`, `<h1>`, `<li>`, ...) between two pieces of text become a
    /// line break, table cells a space, inline tags nothing, so words never
    /// run together.
    ///
    /// ## Example
    /// ```text
    /// The <strong>meeting</strong> was held.
    /// ```
    /// Becomes:
    /// ```text
    /// The meeting was held.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// <h1>Title</h1><p>Body text.</p>
    /// ```
    /// Becomes:
    /// ```text
    /// Title
    /// Body text.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// < p height="300" width="600">The flag flies.
    /// < /section>
    /// ```
    /// Becomes:
    /// ```text
    /// The flag flies.
    ///
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// if a < p > d then x < b and c > y
    /// if a <b and c> d then
    /// 在這裡插入一個<div>標籤
    /// <code>x，y</code>
    /// ```
    ///
    /// ## Why safe
    /// Only known HTML element names followed by `>`, whitespace or `/`
    /// match (a space after `<` only in a closing tag or one with
    /// attributes), and only real markup is removed: a closing tag, a tag with
    /// attributes, a self-closing tag or `<br>`, or any tag in a text that
    /// has one of those. A tag name written as a word in prose (`<div>`)
    /// stays; so does a tag holding Chinese text in an attribute
    /// (`alt="測試圖片"`), and inline code (`<code>…</code>`) is code: left
    /// whole.
    M102 = ("html-tag", Safe, true, "leftover HTML tag removed");
    /// ## What it fixes
    /// Stray markdown emphasis markers `**` and `__` glued to a word.
    ///
    /// ## Example
    /// ```text
    /// productive forces. **The theory of new quality productive forces
    /// ```
    /// Becomes:
    /// ```text
    /// productive forces. The theory of new quality productive forces
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 2 ** 10 is 1024 and snake__case stays
    /// ```
    ///
    /// ## Why safe
    /// English prose never contains `**` or `__` touching a word boundary;
    /// markers with spaces on both sides (`2 ** 10`) and inside identifiers
    /// are kept.
    M103 = ("markdown-emphasis", Safe, true, "stray markdown emphasis removed");
}

/// Options of the markup pass (`[markup]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The markup pass.
pub struct Markup {}

impl Markup {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        Ok(Markup {})
    }
}

static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));").unwrap());

/// The HTML5 named character references (rules/html_entities.txt): name → text.
static HTML5_ENTITIES: LazyLock<rustc_hash::FxHashMap<&'static str, String>> = LazyLock::new(|| {
    parse_entities(include_str!("../../rules/html_entities.txt")).expect("rules/html_entities.txt is well-formed")
});

/// Parse the entity table: `name U+XXXX [U+YYYY]` per line, `#` comments.
fn parse_entities(data: &'static str) -> std::result::Result<rustc_hash::FxHashMap<&'static str, String>, String> {
    let mut map = rustc_hash::FxHashMap::default();
    for (n, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split(' ');
        let name = parts.next().unwrap_or("");
        let text: Option<String> = parts
            .map(|p| p.strip_prefix("U+").and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32))
            .collect();
        match text {
            Some(t) if !t.is_empty() && !name.is_empty() => {
                map.insert(name, t);
            }
            _ => return Err(format!("line {}: {line:?}", n + 1)),
        }
    }
    Ok(map)
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^<( ?)/?(a|abbr|b|big|blockquote|br|center|cite|code|dd|del|div|dl|dt|em|figcaption|figure|font|h[1-6]|hr|i|img|ins|label|li|mark|ol|p|pre|q|s|section|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|article|header|footer|nav|iframe|input|button|form|meta|link|style|script|wbr)(\s[^<>=]{0,200}=[^<>]{0,400})?\s*/?>",
    )
    .unwrap()
});

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "mdash" => "\u{2014}",
        "ndash" => "\u{2013}",
        "hellip" => "\u{2026}",
        "middot" => "\u{b7}",
        "bull" => "\u{2022}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "trade" => "\u{2122}",
        "deg" => "\u{b0}",
        "times" => "\u{d7}",
        "divide" => "\u{f7}",
        "yen" => "\u{a5}",
        "euro" => "\u{20ac}",
        "pound" => "\u{a3}",
        "laquo" => "\u{ab}",
        "raquo" => "\u{bb}",
        "permil" => "\u{2030}",
        "plusmn" => "\u{b1}",
        "sup2" => "\u{b2}",
        "sup3" => "\u{b3}",
        "zwsp" | "ZeroWidthSpace" => "",
        // Every other HTML5 name; references to controls stay.
        _ => return HTML5_ENTITIES.get(name).filter(|t| !t.chars().any(|c| c.is_control() && c != '\n')).map(String::as_str),
    })
}

impl Pass for Markup {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let mut edits = Vec::new();
        let mut tags = Vec::new();
        let bytes = text.as_bytes();
        for i in memchr::memchr3_iter(b'&', b'<', b'*', bytes) {
            match bytes[i] {
                b'&' => entity_at(text, i, &mut edits),
                b'<' => {
                    if let Some(c) = TAG.captures(&text[i..]) {
                        let m = c.get(0).map_or(0, |m| m.end());
                        let name = c.get(2).map_or("", |n| n.as_str()).to_ascii_lowercase();
                        let attrs = c.get(3).is_some();
                        // `< /section>`, `< p height="300">`: a space after
                        // `<` only in a closing tag or one with attributes.
                        let spaced = c.get(1).is_some_and(|s| !s.is_empty());
                        if !spaced || attrs || bytes.get(i + 2) == Some(&b'/') {
                            tags.push(Tag { range: i..i + m, name, attrs });
                        }
                    }
                }
                _ => emphasis_at(text, i, b'*', &mut edits),
            }
        }
        for i in memchr::memchr_iter(b'_', bytes) {
            emphasis_at(text, i, b'_', &mut edits);
        }
        remove_tags(text, &tags, &mut edits);
        edits
    }
}

/// A tag [`TAG`] matched.
struct Tag {
    range: std::ops::Range<usize>,
    /// Element name, lower case.
    name: String,
    /// Has attributes.
    attrs: bool,
}

impl Tag {
    /// Markup on its own: closing, with attributes, self-closing, or `<br>`.
    fn is_markup(&self, text: &str) -> bool {
        let t = &text[self.range.clone()];
        t.starts_with("</") || t.starts_with("< /") || t.ends_with("/>") || self.attrs || self.name == "br"
    }
}

/// Elements that end a line of text.
const BLOCK: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot",
    "tr", "blockquote", "pre", "section", "article", "header", "footer", "nav", "figure", "figcaption", "form", "hr", "center",
];

/// M102 for the `tags` of `text`: in a text with real markup all of them go,
/// otherwise only those that are markup on their own ([`Tag::is_markup`]).
/// Each run of touching tags between two pieces of text leaves one
/// separator: a line break for a block tag, a space for a table cell, else
/// nothing (`<br>` is always a line break).
fn remove_tags(text: &str, tags: &[Tag], edits: &mut Vec<Edit>) {
    let html = tags.iter().any(|t| t.is_markup(text));
    let removable = |t: &Tag| (html || t.is_markup(text)) && !text[t.range.clone()].chars().any(is_han);
    let mut k = 0;
    while k < tags.len() {
        if !removable(&tags[k]) {
            k += 1;
            continue;
        }
        // The run of touching removable tags from `k`.
        let mut e = k + 1;
        while e < tags.len() && tags[e].range.start == tags[e - 1].range.end && removable(&tags[e]) {
            e += 1;
        }
        let (start, end) = (tags[k].range.start, tags[e - 1].range.end);
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let between_text = before.is_some_and(|c| !c.is_whitespace()) && after.is_some_and(|c| !c.is_whitespace());
        let run = &tags[k..e];
        let has_br = run.iter().any(|t| t.name == "br");
        let sep = if has_br || !between_text {
            ""
        } else if run.iter().any(|t| BLOCK.contains(&t.name.as_str())) {
            "\n"
        } else if run.iter().any(|t| matches!(t.name.as_str(), "td" | "th")) {
            " "
        } else {
            ""
        };
        for (n, t) in run.iter().enumerate() {
            let repl = if t.name == "br" {
                "\n"
            } else if n == 0 {
                sep
            } else {
                ""
            };
            edits.push(Edit::replacement(t.range.clone(), repl, M102, Safe, "leftover HTML tag removed"));
        }
        k = e;
    }
}

fn entity_at(text: &str, i: usize, edits: &mut Vec<Edit>) {
    let Some(c) = ENTITY.captures(&text[i..]) else { return };
    let len = c.get(0).map_or(0, |m| m.end());
    let repl: String = if let Some(d) = c.get(1) {
        match d.as_str().parse::<u32>().ok().and_then(char::from_u32) {
            Some('\u{a0}') => " ".into(),
            Some(ch) if !ch.is_control() || ch == '\n' => ch.to_string(),
            _ => return,
        }
    } else if let Some(h) = c.get(2) {
        match u32::from_str_radix(h.as_str(), 16).ok().and_then(char::from_u32) {
            Some('\u{a0}') => " ".into(),
            Some(ch) if !ch.is_control() || ch == '\n' => ch.to_string(),
            _ => return,
        }
    } else {
        match c.get(3).and_then(|n| named_entity(n.as_str())) {
            Some(s) => s.into(),
            None => return,
        }
    };
    edits.push(Edit::replacement(i..i + len, repl, M101, Safe, "HTML entity decoded"));
}

/// A `**`/`__` pair starting at `i` (only its first byte triggers).
fn emphasis_at(text: &str, i: usize, mark: u8, edits: &mut Vec<Edit>) {
    let b = text.as_bytes();
    if b.get(i + 1) != Some(&mark) || (i > 0 && b[i - 1] == mark) || b.get(i + 2) == Some(&mark) {
        return;
    }
    let before = text[..i].chars().next_back();
    let after = text[i + 2..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let space = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '\u{201c}' | '\u{201d}' | '(' | ')' | '.' | ',' | ':' | ';'));
    // Opening marker: word after, space/edge before. Closing: word before, space/edge after.
    let opening = word(after) && space(before);
    let closing = word(before) && space(after);
    if mark == b'_' && !(opening || closing) {
        return;
    }
    if opening || closing {
        edits.push(Edit::deletion(i..i + 2, M103, Safe, "stray markdown emphasis removed"));
    }
}

#[cfg(test)]
mod tests {
    use super::{Markup, Options};
    use crate::passes::kit::testing::{assert_fixes, assert_pass_fixes, assert_pass_keeps};
    use crate::passes::kit::Setup;

    fn pass() -> Markup {
        Markup::new(&Options::default(), &Setup::default()).unwrap()
    }

    #[test]
    fn removes_bold_remnant_from_real_seed_line() {
        // seeds/003_96bb61545d55c11f.txt, line 4.
        assert_pass_fixes(
            &pass(),
            "the most important thing in promoting modernization is to develop highly developed productive forces. **The theory of new quality productivity creatively put forward by the general secretary",
            "the most important thing in promoting modernization is to develop highly developed productive forces. The theory of new quality productivity creatively put forward by the general secretary",
        );
    }

    #[test]
    fn keeps_real_seed_line_without_markup() {
        // seeds/003_96bb61545d55c11f.txt, line 4 (the glued quotes are the quotes pass's business).
        assert_pass_keeps(
            &pass(),
            "On February 18, Huang Kunming, Secretary of the Guangdong Provincial Party Committee, held a meeting in Shenzhen\"2024 Guangdong Provincial High-quality Development Conference\"He said that productive forces are the ultimate decisive force for all social development.",
        );
    }

    #[test]
    fn removes_bold_remnant_whole_pipeline() {
        assert_fixes(
            "the most important thing is to develop productive forces. **The theory of new quality productive forces",
            "the most important thing is to develop productive forces. The theory of new quality productive forces",
        );
    }

    #[test]
    fn removes_paired_bold() {
        assert_pass_fixes(&pass(), "a **bold** claim", "a bold claim");
    }

    #[test]
    fn decodes_entities_and_nbsp() {
        assert_pass_fixes(&pass(), "A&nbsp;B &amp; C &#x201C;q&#x201D;", "A B & C \u{201c}q\u{201d}");
    }

    #[test]
    fn decodes_every_html5_entity() {
        assert_pass_fixes(&pass(), "&frac14; cup, caf&eacute;, &Omega;, &NotEqualTilde;", "\u{bc} cup, caf\u{e9}, \u{3a9}, \u{2242}\u{338}");
    }

    #[test]
    fn entity_table_parses_whole() {
        let map = super::parse_entities(include_str!("../../rules/html_entities.txt")).unwrap();
        assert_eq!(map.len(), 2125);
        assert_eq!(map["CounterClockwiseContourIntegral"], "\u{2233}");
        assert!(super::parse_entities("bad U+ZZ").is_err());
    }

    #[test]
    fn keeps_unknown_entities_and_bare_ampersands() {
        assert_pass_keeps(&pass(), "AT&T and &foo; and & alone\n");
    }

    #[test]
    fn br_becomes_newline() {
        assert_pass_fixes(&pass(), "line one<br/>line two", "line one\nline two");
    }

    #[test]
    fn tag_closed_after_a_no_break_space_does_not_panic() {
        // Found by the property tests: `\s` matches U+00A0 (two bytes).
        assert_pass_fixes(&pass(), "a</p\u{a0}>b", "a\nb");
    }

    #[test]
    fn keeps_tag_names_written_in_prose() {
        for s in ["在這裡插入一個<div>標籤", "把文字包在<span>裡面", "每個<li>代表一個列表項目", "用<table>排版", "用<code>標記", "a <p> tag"] {
            assert_pass_keeps(&pass(), s);
        }
        // Real markup elsewhere in the text makes them markup.
        assert_pass_fixes(&pass(), "<p>用<code>標記程式碼</p>", "用標記程式碼");
        assert_pass_fixes(&pass(), "<a href=\"#\">連結</a>", "連結");
    }

    #[test]
    fn block_tags_keep_text_apart() {
        assert_pass_fixes(&pass(), "<h1>Title</h1><p>Body text.</p>", "Title\nBody text.");
        assert_pass_fixes(&pass(), "<ul><li>One</li><li>Two</li></ul>", "One\nTwo");
        assert_pass_fixes(&pass(), "<tr><td>Name</td><td>Value</td></tr>", "Name Value");
        assert_pass_fixes(&pass(), "The <strong>meeting</strong> was <span>held</span>.", "The meeting was held.");
        assert_pass_fixes(&pass(), "one<br><br>two", "one\n\ntwo");
    }

    #[test]
    fn keeps_tags_holding_chinese_and_code_elements() {
        assert_pass_keeps(&pass(), "<img src=\"test.jpg\" alt=\"測試圖片\">");
        assert_fixes("如果 <code>target</code> 不可扩展，<code>false，Object.x(proxy)</code>", "如果 <code>target</code> 不可扩展，<code>false，Object.x(proxy)</code>");
    }

    #[test]
    fn keeps_comparisons() {
        assert_pass_keeps(&pass(), "if x<5 and y > 3 then a<b\n");
    }
}
