//! Protected spans: code and addresses that no prose rule may edit.
//!
//! | kind | what |
//! |---|---|
//! | [`Kind::Code`] | fenced blocks (```` ``` ```` or `~~~` lines), inline code (`` `…` ``, `<code>…</code>`), template expressions (`${…}`, `{{…}}`) |
//! | [`Kind::Address`] | URLs (`scheme://…`, `www.…`) and paths (`./a`, `../a`, `~/a`, `/a/b`) |
//! | [`Kind::Block`] | a program listing or terminal session that lost its fences ([`super::code`]) |
//!
//! The pipeline asks [`Guard::allows`] for every edit a pass proposes: an
//! edit may cover a span whole (a furniture line that holds a URL goes
//! with it) or stay outside it, never change part of it. Inside code only
//! encoding repairs (family E) may edit; inside an address encoding and
//! markup repairs (E, M: `&amp;` in a scraped URL) may. A code block found
//! by its shape is not removed whole either: only family E touches it.

use std::ops::Range;

/// What a protected span holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Code: fenced blocks, inline code, templates.
    Code,
    /// A URL or a path.
    Address,
    /// A code block found by its shape (no fences): no edit but an
    /// encoding repair touches it, not even one removing it whole.
    Block,
}

/// A protected span of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range.
    pub range: Range<usize>,
    /// What it holds.
    pub kind: Kind,
}

/// Longest inline code span or template looked for (bytes).
const MAX_INLINE: usize = 1000;

/// The protected spans of `text`, sorted and disjoint.
pub fn protected(text: &str) -> Vec<Span> {
    let spans = marked(text);
    let blocks = super::code::blocks(text);
    if blocks.is_empty() {
        return spans;
    }
    // A span reaching into a block (a fence around it, a path in it) joins it.
    let mut all: Vec<Span> = spans.into_iter().chain(blocks.into_iter().map(|range| Span { range, kind: Kind::Block })).collect();
    all.sort_by_key(|s| s.range.start);
    let mut out: Vec<Span> = Vec::with_capacity(all.len());
    for s in all {
        match out.last_mut() {
            Some(l) if s.range.start < l.range.end => {
                l.range.end = l.range.end.max(s.range.end);
                if s.kind == Kind::Block {
                    l.kind = Kind::Block;
                }
            }
            _ => out.push(s),
        }
    }
    out
}

/// The spans marked in the text itself: fences, backticks, templates,
/// addresses.
fn marked(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Cheap exit: no byte that can start a span.
    if memchr::memchr3(b'`', b'{', b'~', b).is_none() && memchr::memchr2(b'/', b'w', b).is_none() {
        return out;
    }
    // Only a few bytes can start a span: visit those, in order (a byte loop
    // over every word of a long document was the pipeline's slowest part).
    let mut cands: Vec<usize> = memchr::memchr3_iter(b'`', b'~', b'$', b).collect();
    cands.extend(memchr::memchr3_iter(b'{', b'<', b'/', b).flat_map(|k| {
        // `./`, `../` and `~/` start before their slash.
        let back = if b[k] == b'/' { b[..k].iter().rev().take(2).take_while(|&&c| c == b'.').count() } else { 0 };
        (k - back..=k).rev()
    }));
    // `scheme://` starts at its scheme's first letter; `www.` at its `w`.
    cands.extend(memchr::memmem::find_iter(b, b"://").map(|k| k - b[..k].iter().rev().take(12).take_while(|c| c.is_ascii_alphabetic()).count()));
    cands.extend(memchr::memmem::find_iter(b, b"www.").chain(memchr::memmem::find_iter(b, b"WWW.")));
    cands.sort_unstable();
    cands.dedup();
    let at_line_start = |i: usize| b[..i].iter().rev().take_while(|&&c| c != b'\n').all(|&c| matches!(c, b' ' | b'\t'));
    let mut i = 0;
    for k in cands {
        if k < i {
            continue;
        }
        let c = b[k];
        let line_start = matches!(c, b'`' | b'~') && at_line_start(k);
        let found = match c {
            b'`' | b'~' if line_start => fence(text, k).or_else(|| if c == b'`' { inline_code(b, k) } else { None }),
            b'`' => inline_code(b, k),
            b'$' if b.get(k + 1) == Some(&b'{') => braces(b, k + 1).map(|e| (e, Kind::Code)),
            b'{' if b.get(k + 1) == Some(&b'{') => double_braces(b, k),
            b'<' => code_element(b, k),
            b'/' | b'.' | b'~' | b'w' | b'W' | b'a'..=b'z' | b'A'..=b'Z' if boundary_before(b, k) => address(b, k),
            _ => None,
        };
        if let Some((end, kind)) = found {
            out.push(Span { range: k..end, kind });
            i = end;
        }
    }
    out
}

/// A fence line (```` ``` ```` or `~~~`, three or more) at `i` (the start of a line,
/// after indentation): the block runs to the closing fence line, or to the
/// end of the text.
fn fence(text: &str, i: usize) -> Option<(usize, Kind)> {
    let b = text.as_bytes();
    let c = b[i];
    let n = b[i..].iter().take_while(|&&x| x == c).count();
    if n < 3 {
        return None;
    }
    let fence = &text[i..i + n];
    let mut at = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k + 1);
    while at < b.len() {
        let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k + 1);
        if text[at..line_end].trim_start().starts_with(fence) {
            // The closing fence line is in the block, not its line break.
            let close = at + text[at..line_end].trim_end_matches(['\n', '\r']).len();
            return Some((close, Kind::Code));
        }
        at = line_end;
    }
    Some((b.len(), Kind::Code))
}

/// Inline code at `i`: a run of backticks, the shortest text without a line
/// break, and a run of the same length.
fn inline_code(b: &[u8], i: usize) -> Option<(usize, Kind)> {
    if i > 0 && b[i - 1] == b'`' {
        return None;
    }
    let n = b[i..].iter().take_while(|&&x| x == b'`').count();
    let mut k = i + n;
    let limit = (i + MAX_INLINE).min(b.len());
    while k < limit {
        match b[k] {
            b'\n' => return None,
            b'`' => {
                let m = b[k..].iter().take_while(|&&x| x == b'`').count();
                if m == n {
                    return (k > i + n).then_some((k + m, Kind::Code));
                }
                k += m;
            }
            _ => k += 1,
        }
    }
    None
}

/// `{…}` opened at `open`, nested braces balanced, on one line: the end.
fn braces(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let limit = (open + MAX_INLINE).min(b.len());
    for (k, &c) in b.iter().enumerate().take(limit).skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

/// `{{…}}` at `i`, on one line.
fn double_braces(b: &[u8], i: usize) -> Option<(usize, Kind)> {
    let limit = (i + MAX_INLINE).min(b.len());
    let body = &b[i + 2..limit];
    let nl = memchr::memchr(b'\n', body).unwrap_or(body.len());
    memchr::memmem::find(&body[..nl], b"}}").map(|k| (i + 2 + k + 2, Kind::Code))
}

/// `<code>…</code>` at `i`, on one line.
fn code_element(b: &[u8], i: usize) -> Option<(usize, Kind)> {
    let rest = &b[i..];
    if rest.len() < 13 || !rest[..5].eq_ignore_ascii_case(b"<code") || !matches!(rest[5], b'>' | b' ') {
        return None;
    }
    let body = &rest[..rest.len().min(MAX_INLINE)];
    let nl = memchr::memchr(b'\n', body).unwrap_or(body.len());
    let line = &body[..nl];
    (6..line.len().saturating_sub(6)).find(|&k| line[k..k + 7].eq_ignore_ascii_case(b"</code>")).map(|k| (i + k + 7, Kind::Code))
}

/// Can an address start at `i` (not inside a word, number or other token)?
fn boundary_before(b: &[u8], i: usize) -> bool {
    i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'/' | b'.' | b'_' | b'-' | b'~' | b'\\' | b'@' | b':' | b'%'))
}

/// A byte that can be part of an address.
fn address_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&*+,;=%".contains(&c)
}

/// A URL or path starting at `i`.
fn address(b: &[u8], i: usize) -> Option<(usize, Kind)> {
    let rest = &b[i..];
    let scheme = rest.iter().take(12).take_while(|c| c.is_ascii_alphabetic()).count();
    let starts = (scheme >= 2 && rest[scheme..].starts_with(b"://"))
        || (rest.len() > 4 && rest[..4].eq_ignore_ascii_case(b"www.") && rest[4].is_ascii_alphanumeric())
        || rest.starts_with(b"./")
        || rest.starts_with(b"../")
        || rest.starts_with(b"~/")
        || (rest.first() == Some(&b'/') && path_like(rest));
    if !starts {
        return None;
    }
    let mut end = i + rest.iter().take(2048).take_while(|&&c| address_byte(c)).count();
    // Sentence marks after an address are not part of it.
    while end > i && matches!(b[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
        end -= 1;
    }
    // A closing bracket ends the address unless it closes one inside it.
    let body = &b[i..end];
    if let Some(k) = body.iter().position(|&c| c == b']') {
        if !body[..k].contains(&b'[') {
            end = i + k;
        }
    }
    (end > i + 2).then_some((end, Kind::Address))
}

/// `/seg/…`: a slash, a path segment of ASCII letters, digits or `._-~`,
/// and a second slash in the token.
fn path_like(rest: &[u8]) -> bool {
    let seg = rest[1..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'~')).count();
    seg > 0 && rest.get(1 + seg) == Some(&b'/')
}

/// Where edits may go in one text: built from its [`protected`] spans.
#[derive(Debug, Default)]
pub struct Guard {
    spans: Vec<Span>,
}

impl Guard {
    /// The guard of `text`.
    pub fn new(text: &str) -> Self {
        Guard { spans: protected(text) }
    }

    /// The guard of the text that `edits` (sorted, non-overlapping, against
    /// this guard's text) make: each span moves with the text around it; a
    /// span an edit replaces whole, or reaches into from outside, is gone
    /// (edits the guard allowed only ever do that or edit inside an exempt
    /// span, which then grows or shrinks). Spans the edits create are not
    /// found (the pipeline starts each round with a fresh guard), so mapping
    /// costs only the spans and edits, not a scan of the text.
    pub fn through(mut self, edits: &[crate::Edit]) -> Self {
        let delta = |e: &crate::Edit| e.replacement.len() as isize - e.range.len() as isize;
        let at = |x: usize, by: isize| (x as isize + by) as usize;
        let mut out = Vec::with_capacity(self.spans.len());
        let (mut j, mut shift) = (0, 0isize);
        for s in self.spans.drain(..) {
            // Edits wholly before the span (an insertion at its start too).
            while j < edits.len() && edits[j].range.end <= s.range.start {
                shift += delta(&edits[j]);
                j += 1;
            }
            let start = at(s.range.start, shift);
            let mut keep = true;
            while j < edits.len() && edits[j].range.start < s.range.end {
                let r = &edits[j].range;
                if r.end > s.range.end {
                    // Reaches past the span: left for the next span.
                    keep = false;
                    break;
                }
                if r.start < s.range.start || (r.start == s.range.start && r.end == s.range.end) {
                    keep = false;
                }
                shift += delta(&edits[j]);
                j += 1;
            }
            if keep {
                out.push(Span { range: start..at(s.range.end, shift), kind: s.kind });
            }
        }
        self.spans = out;
        self
    }

    /// May an edit of rule `code` (`"P101"`) replace `range`? Yes when it
    /// covers every span it touches whole, or when its family may edit
    /// inside the span (E inside code, E and M inside addresses).
    pub fn allows(&self, range: &Range<usize>, code: &str) -> bool {
        if self.spans.is_empty() {
            return true;
        }
        let family = code.as_bytes().first().copied().unwrap_or(b'?');
        // Spans ending after the edit starts.
        let first = self.spans.partition_point(|s| s.range.end <= range.start);
        for s in &self.spans[first..] {
            if s.range.start >= range.end.max(range.start + 1) {
                break;
            }
            let inside = if range.is_empty() {
                s.range.start < range.start && range.start < s.range.end
            } else if s.kind == Kind::Block {
                true
            } else {
                !(range.start <= s.range.start && range.end >= s.range.end)
            };
            if !inside {
                continue;
            }
            let exempt = match s.kind {
                Kind::Code => family == b'E',
                Kind::Address => matches!(family, b'E' | b'M'),
                Kind::Block => family == b'E',
            };
            if !exempt {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<(&str, Kind)> {
        protected(t).into_iter().map(|s| (&t[s.range], s.kind)).collect()
    }

    #[test]
    fn finds_code_and_templates() {
        assert_eq!(spans("行内`code`代码 and ``a`b``"), vec![("`code`", Kind::Code), ("``a`b``", Kind::Code)]);
        assert_eq!(spans("`${this.$t('hello')}：${items.join('，')}`"), vec![("`${this.$t('hello')}：${items.join('，')}`", Kind::Code)]);
        assert_eq!(spans("${item.name}（ID ${item.id}）"), vec![("${item.name}", Kind::Code), ("${item.id}", Kind::Code)]);
        assert_eq!(spans("{{ t('name') }}：{{ x }}"), vec![("{{ t('name') }}", Kind::Code), ("{{ x }}", Kind::Code)]);
        assert_eq!(spans("或<code>null</code>. <code x"), vec![("<code>null</code>", Kind::Code)]);
        assert_eq!(spans("a\n```yaml\nHello世界: 2\n```\nb"), vec![("```yaml\nHello世界: 2\n```", Kind::Code)]);
        // Unpaired backticks and a lone brace are not code.
        assert!(spans("``代码第1行").is_empty());
        assert!(spans("a { b } and it's `x").is_empty());
    }

    #[test]
    fn finds_urls_and_paths() {
        assert_eq!(spans("请访问：https://example.com/page.html。"), vec![("https://example.com/page.html", Kind::Address)]);
        assert_eq!(spans("see www.example.com, then"), vec![("www.example.com", Kind::Address)]);
        assert_eq!(spans("查看./.claude/CLAUDE.md說明"), vec![("./.claude/CLAUDE.md", Kind::Address)]);
        assert_eq!(spans("[参考页](/zh-CN/docs/Web)。"), vec![("/zh-CN/docs/Web", Kind::Address)]);
        for t in ["他/她 and/or km/h 1/2 2024/01/02", "a / b", "Node.js and v1.2."] {
            assert!(spans(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn guard_blocks_partial_edits_only() {
        let t = "a `x，y` b https://e.com/?a&amp;b c";
        let g = Guard::new(t);
        let x = t.find('，').unwrap();
        assert!(!g.allows(&(x..x + 3), "P101"));
        assert!(!g.allows(&(x..x + 3), "M101"));
        assert!(g.allows(&(x..x + 3), "E101"));
        let amp = t.find("&amp;").unwrap();
        assert!(g.allows(&(amp..amp + 5), "M101"));
        assert!(!g.allows(&(amp..amp + 5), "P105"));
        // Insertions at the edge, and edits covering the span whole, are fine.
        let tick = t.find('`').unwrap();
        assert!(g.allows(&(tick..tick), "L201"));
        assert!(g.allows(&(0..t.len()), "B101"));
        assert!(!g.allows(&(tick + 1..tick + 1), "L201"));
        assert!(Guard::new("plain text").allows(&(0..5), "P101"));
    }
}
