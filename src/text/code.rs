//! Code blocks that lost their fences: a program listing or a terminal
//! session in text extracted from a page (`<pre>` becomes plain lines), as
//! technical pages and tutorials in a scraped corpus hold them.
//!
//! No prose rule may edit such a block ([`super::spans::Kind::Block`]):
//! its indentation is structure (`    let x = 5;`), `fn match(` is not a
//! missing space, a lone `}` is not a row of symbols, and `typeof` is not
//! two glued words. The body of a page is weighed across it too, so the
//! headings between listings are not taken for furniture outside the
//! article.
//!
//! A block is a run of non-blank lines with at least one line that only
//! code writes ([`strong`]: a line ending in `{`, a lone `}`, `ident::ident`,
//! `macro!(`, a `//` comment, `#[attr]`, `$ command`, a compiler
//! `--> file:line:col`), no line of prose, and code-like lines (strong, or
//! indented, ending in `;`/`,`/`(`, calling `f(`…) for at least half of its
//! lines. Nested data (YAML: a key's line over lines indented at two
//! depths or more) is a block too. Candidates come from a scan for `{` `}`
//! `#` `::` `//` `!(` `$ ` `-->` `:\n `, so text without them costs a few
//! vectorized scans.

use std::ops::Range;

/// The marks a code line may hold; the last (`:` over an indented line)
/// may open nested data.
const MARK_LIST: [&str; 9] = ["{", "}", "#", "::", "//", "!(", "$ ", "-->", ":\n "];
const NEST: usize = 8;

static MARKS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(MARK_LIST)
        .expect("fixed patterns build")
});

/// The longest block looked at (lines): a longer run of non-blank lines is
/// judged by its first `MAX_LINES` around the candidate, keeping the work
/// linear.
const MAX_LINES: usize = 400;

/// The code blocks of `text`: byte ranges of whole lines (without the final
/// line break), sorted and disjoint.
pub fn blocks(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    // One vectorized scan for every mark (a memmem per mark was six scans).
    let (mut cands, mut nests) = (Vec::new(), Vec::new());
    for m in MARKS.find_iter(b) {
        if m.pattern().as_usize() == NEST {
            nests.push(m.start());
        }
        cands.push(m.start());
    }
    if cands.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut done = 0;
    for k in cands {
        if k < done {
            continue;
        }
        let line = line_at(b, k);
        done = line.end;
        // A line ending in `:` over an indented one (the mark is at its end).
        let nest = nests.get(nests.partition_point(|&x| x < line.start)).is_some_and(|&x| x <= line.end);
        if !nest && !strong(&text[line.clone()]) {
            continue;
        }
        let block = block_around(b, line);
        done = done.max(block.end);
        if out.last().is_some_and(|l| l.end >= block.start) {
            continue;
        }
        let code = if nest { nested(text, block.clone()) && is_code_like(text, block.clone()) } else { is_code(text, block.clone()) };
        if code {
            // The runs of code-like lines a blank line away belong to it
            // (`let len = f(&s1);` between two blank lines of a listing).
            let mut block = block;
            while let Some(next) = run_after(b, block.end).filter(|r| is_code_like(text, r.clone())) {
                block.end = next.end;
            }
            let floor = out.last().map_or(0, |l| l.end);
            while let Some(prev) = run_before(b, block.start).filter(|r| r.start >= floor && is_code_like(text, r.clone())) {
                block.start = prev.start;
            }
            done = done.max(block.end);
            match out.last_mut() {
                Some(l) if l.end >= block.start => l.end = block.end,
                _ => out.push(block),
            }
        }
    }
    out
}

/// Is the indentation of the lines `r` nested: two different depths of
/// indentation or more (`  build:` over `    docker:`)? One depth is a
/// paragraph's indent or a label's value (`Contact:` over `    Tel: …`).
fn nested(text: &str, r: Range<usize>) -> bool {
    let mut seen = 0;
    for line in text[r].split('\n') {
        let depth = line.len() - line.trim_start_matches([' ', '\t']).len();
        if depth > 0 && depth != seen {
            if seen != 0 {
                return true;
            }
            seen = depth;
        }
    }
    false
}

/// The run of non-blank lines after the blank line(s) that follow `end`
/// (at most two blank lines).
fn run_after(b: &[u8], end: usize) -> Option<Range<usize>> {
    let mut at = end;
    for _ in 0..3 {
        if at >= b.len() {
            return None;
        }
        let next = line_at(b, at + 1);
        if !blank(b, &next) {
            return (at > end).then(|| block_around(b, next));
        }
        at = next.end;
    }
    None
}

/// The run of non-blank lines before the blank line(s) that precede
/// `start` (at most two blank lines).
fn run_before(b: &[u8], start: usize) -> Option<Range<usize>> {
    let mut at = start;
    for _ in 0..3 {
        if at == 0 {
            return None;
        }
        let prev = line_at(b, at - 1);
        if !blank(b, &prev) {
            return (at < start).then(|| block_around(b, prev));
        }
        at = prev.start;
    }
    None
}

/// A run of lines next to a code block that continues it: no prose, and
/// code-like lines for half of them or more.
fn is_code_like(text: &str, r: Range<usize>) -> bool {
    let (mut n, mut like) = (0, 0);
    for line in text[r].split('\n') {
        let t = line.trim_end();
        n += 1;
        if prose(t) {
            return false;
        }
        if strong(t) || code_like(t) {
            like += 1;
        }
    }
    like * 2 >= n
}

/// The line holding byte `k` (without its line break).
fn line_at(b: &[u8], k: usize) -> Range<usize> {
    let s = memchr::memrchr(b'\n', &b[..k]).map_or(0, |i| i + 1);
    let e = memchr::memchr(b'\n', &b[k..]).map_or(b.len(), |i| k + i);
    s..e
}

fn blank(b: &[u8], r: &Range<usize>) -> bool {
    b[r.clone()].iter().all(u8::is_ascii_whitespace)
}

/// The run of non-blank lines around `line` (at most MAX_LINES each way).
fn block_around(b: &[u8], line: Range<usize>) -> Range<usize> {
    let (mut s, mut e) = (line.start, line.end);
    for _ in 0..MAX_LINES {
        if s == 0 {
            break;
        }
        let prev = line_at(b, s - 1);
        if blank(b, &prev) {
            break;
        }
        s = prev.start;
    }
    for _ in 0..MAX_LINES {
        if e >= b.len() {
            break;
        }
        let next = line_at(b, e + 1);
        if blank(b, &next) {
            break;
        }
        e = next.end;
    }
    s..e
}

/// Is the run of lines `r` code: a strong line, code-like lines for half
/// of them or more, and no prose line (or, with two strong lines, prose
/// for a quarter of the lines at most: a compiler's explanation).
fn is_code(text: &str, r: Range<usize>) -> bool {
    let (mut n, mut like, mut strongs, mut prosy) = (0, 0, 0, 0);
    for line in text[r].split('\n') {
        let t = line.trim_end();
        n += 1;
        if strong(t) {
            strongs += 1;
            like += 1;
        } else if prose(t) {
            prosy += 1;
        } else if code_like(t) {
            like += 1;
        }
    }
    strongs > 0 && like * 2 >= n && (prosy == 0 || strongs >= 2 && prosy * 4 <= n)
}

/// A line only code writes.
pub fn strong(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("//") {
        return true;
    }
    // Code, then a comment (`let s = 1;   // s is valid`): the code decides.
    let t = match comment_at(t) {
        Some(k) => t[..k].trim_end(),
        None => t,
    };
    if t.is_empty() || !t.is_ascii() {
        return false;
    }
    if matches!(t, "}" | "};" | "}," | "})" | "});" | "}))" | "{" | "})?;" | "}?;") {
        return true;
    }
    if t.starts_with("#[") || t.starts_with("#![") || t.starts_with("#include") || t.starts_with("#define") {
        return true;
    }
    // A shell prompt and a command in lowercase (`$ cargo build`), not `$ 5`.
    if let Some(cmd) = t.strip_prefix("$ ") {
        return cmd.split(' ').next().is_some_and(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase() || matches!(c, b'-' | b'_' | b'.' | b'/')));
    }
    // A compiler's pointer to a place (`--> src/main.rs:2:9`).
    if let Some(place) = t.strip_prefix("--> ") {
        return place.split(':').filter(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())).count() >= 1 && !place.contains(' ');
    }
    if prose(t) {
        return false;
    }
    let b = t.as_bytes();
    // Opens a block: `fn main() {`, `if x > 0 {` (prose never ends in `{`).
    if t.ends_with('{') && !t.ends_with("{{") && b.len() >= 3 && (b[b.len() - 2] == b' ' || b[b.len() - 2] == b')') {
        return true;
    }
    // `ident::ident`, `name!(`.
    // (`std::io`, `Ordering::Less`; not a kicker `XINHUANET::China`).
    path_sep(b) || pairs(b, b"!(", |l, _| ident(l))
}

/// `a::b` where a path separator stands: after an identifier with a
/// lowercase letter, or before a lowercase one, `<`, `*` or `{`.
fn path_sep(b: &[u8]) -> bool {
    memchr::memmem::find_iter(b, b"::").any(|k| {
        let left = &b[..k];
        let word = &left[left.iter().rposition(|&c| !ident(c)).map_or(0, |p| p + 1)..];
        let r = b.get(k + 2).copied().unwrap_or(b' ');
        !word.is_empty() && (word.iter().any(u8::is_ascii_lowercase) && (ident(r) || r == b'<') || r.is_ascii_lowercase() || matches!(r, b'<' | b'*' | b'{'))
    })
}

/// Does `pat` occur in `b` with `ok(byte before, byte after)`?
fn pairs(b: &[u8], pat: &[u8], ok: impl Fn(u8, u8) -> bool) -> bool {
    memchr::memmem::find_iter(b, pat).any(|k| k > 0 && k + pat.len() < b.len() && ok(b[k - 1], b[k + pat.len()]))
}

fn ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Where a `//` comment starts after code (a space before it, not `://`).
fn comment_at(t: &str) -> Option<usize> {
    memchr::memmem::find_iter(t.as_bytes(), b"//").find(|&k| k > 0 && t.as_bytes()[k - 1] == b' ')
}

/// A line of prose: six words or more, most of them plain words, and it
/// ends like a sentence or runs on for ten words (no code ending; a
/// compiler's `error: expected identifier, found keyword` is no prose). A line opened by a
/// gutter, a comment or a brace (`  | -- value moved here`, `} // over`)
/// is not.
pub fn prose(t: &str) -> bool {
    let t = t.trim();
    if t.starts_with(['|', '/', '#', '{', '}', '$', '>', '=']) || comment_at(t).is_some() {
        return false;
    }
    // A tool's message (`help: match on the reference …`, `error[E0507]: …`).
    let first = t.split(' ').next().unwrap_or("");
    if first.len() > 1 && first.ends_with(':') && first.as_bytes()[0].is_ascii_lowercase() {
        return false;
    }
    let (mut words, mut plain) = (0, 0);
    for w in t.split_ascii_whitespace() {
        words += 1;
        let core = w.trim_end_matches([',', '.', ';', ':', '!', '?', '"', '\'', ')']).trim_start_matches(['"', '\'', '(']);
        if !core.is_empty() && core.bytes().all(|c| c.is_ascii_alphabetic() || c == b'\'' || c == b'-') || !core.is_ascii() {
            plain += 1;
        }
    }
    let ends = t.ends_with(['.', '!', '?', ':', '"', ')']) || words >= 10;
    words >= 6 && plain * 4 >= words * 3 && ends && !t.ends_with(['{', '}', ';', '(', '[', ','])
}

/// A line code writes often: indented, or ending in `;` `,` `(` `[` `)`,
/// or with a call `f(` or an assignment ` = `, or symbols only.
fn code_like(t: &str) -> bool {
    if t.trim().is_empty() {
        return false;
    }
    if t.starts_with([' ', '\t']) || t.ends_with([';', ',', '(', '[', ')', ']']) {
        return true;
    }
    let b = t.as_bytes();
    pairs(b, b"(", |l, _| ident(l)) || t.contains(" = ") || !b.iter().any(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(t: &str) -> Vec<&str> {
        blocks(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn finds_listings_and_sessions() {
        let t = "Now we call it:\n\nfn main() {\n    let x = 5;\n    println!(\"{x}\");\n}\n\nThe value is printed.\n";
        assert_eq!(found(t), vec!["fn main() {\n    let x = 5;\n    println!(\"{x}\");\n}"]);
        let t = "Run it:\n\n$ cargo build\n   Compiling app v0.1.0\nwarning: unused variable\n --> src/main.rs:2:9\n  |\n\nDone.";
        assert_eq!(found(t), vec!["$ cargo build\n   Compiling app v0.1.0\nwarning: unused variable\n --> src/main.rs:2:9\n  |"]);
        assert_eq!(found("use std::io;\n\nText."), vec!["use std::io;"]);
        assert_eq!(found("}\n"), vec!["}"]);
        // Nested data under a key.
        let t = "Config:\n\njobs:\n  build:\n    image: cimg/rust:1.77.2\n";
        assert_eq!(found(t), vec!["jobs:\n  build:\n    image: cimg/rust:1.77.2"]);
        // Runs a blank line away join a listing; prose does not.
        let t = "Text.\n\nfn main() {\n    let s1 = String::from(\"hi\");\n\n    let len = f(&s1);\n\n    g(len);\n}\n\nThe function f returns the length of the string it is given.\n";
        assert_eq!(found(t), vec!["fn main() {\n    let s1 = String::from(\"hi\");\n\n    let len = f(&s1);\n\n    g(len);\n}"]);
    }

    #[test]
    fn prose_and_news_are_not_code() {
        for t in [
            "The GDP reached 5 billion yuan, an increase of 12.3%;\nThe revenue grew by 8%;\n",
            "Home -> News -> Local\n",
            "Note the r# prefix on the function name, as in fn main() {\ncode in the examples, so make sure to put it in.\n",
            "XINHUANET::China Focus: the city holds a fair\n",
            "Tickets cost $ 5 for adults.\n",
            "See http://example.com/a for more.\n",
            "Time: 9:00 => 10:00\nVenue: the hall of the city, where the meeting is held today.\n",
            "中文 { 注释 }\n",
            "Contact:\n    Tel: 0571-1234567\n    Email: office@example.com\n",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }

    #[test]
    fn a_prose_line_in_the_run_makes_it_prose() {
        let t = "fn main() {\nThis is a sentence of plain words that explains the code here.\n}\n";
        assert!(found(t).is_empty());
    }
}
