//! Lines of a text: spans without their breaks, trimmed spans, and the prose
//! anchors that bound the header and footer zones (shared by the boilerplate
//! pass and `learn`).

/// One line of the text: `start..end` without its line break; `next` is where
/// the following line starts (or the text's length).
#[derive(Debug, Clone, Copy)]
pub struct LineSpan {
    /// First byte of the line.
    pub start: usize,
    /// End of the line, before `\n` or `\r\n`.
    pub end: usize,
    /// Start of the following line (or the text's length).
    pub next: usize,
    /// The line without surrounding whitespace: `trim_start..trim_end`.
    trim_start: usize,
    trim_end: usize,
}

impl LineSpan {
    /// The line without surrounding whitespace.
    pub fn trimmed<'t>(&self, text: &'t str) -> &'t str {
        &text[self.trim_start..self.trim_end]
    }

    /// Byte range of [`LineSpan::trimmed`].
    pub fn trimmed_range(&self) -> std::ops::Range<usize> {
        self.trim_start..self.trim_end
    }

    /// Length in bytes of [`LineSpan::trimmed`], without reading the text
    /// (the loops over every line of a long document stay out of its memory).
    pub fn trimmed_len(&self) -> usize {
        self.trim_end - self.trim_start
    }

    /// Is the line empty or whitespace only?
    pub fn is_blank(&self) -> bool {
        self.trim_end == self.trim_start
    }
}

/// The line of `b` around byte `at`: from after the `\n` before it to the
/// `\n` after it (or the ends of `b`).
pub fn line_range(b: &[u8], at: usize) -> std::ops::Range<usize> {
    let s = memchr::memrchr(b'\n', &b[..at]).map_or(0, |k| k + 1);
    let e = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k);
    s..e
}

/// The lines of `text` (`\n` or `\r\n` breaks; a last line without a break
/// counts, an empty tail does not).
pub fn split_lines(text: &str) -> Vec<LineSpan> {
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    let span = |start: usize, end: usize, next: usize| {
        let line = &text[start..end];
        let t = line.trim_start();
        let trim_start = end - t.len();
        let trim_end = trim_start + t.trim_end().len();
        LineSpan { start, end, next, trim_start, trim_end }
    };
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let end = if nl > start && text.as_bytes()[nl - 1] == b'\r' { nl - 1 } else { nl };
        out.push(span(start, end, nl + 1));
        start = nl + 1;
    }
    if start < text.len() {
        out.push(span(start, text.len(), text.len()));
    }
    out
}

/// Does `c` end a sentence?
pub fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…' | '"' | '”' | '’' | '」' | '』')
}

/// Is the trimmed line `t` a paragraph of prose that anchors the body: long
/// (250 bytes or more), or ending a Chinese sentence, or ending a sentence
/// after at least four words? Furniture never is.
pub fn is_prose_anchor(t: &str) -> bool {
    if t.len() >= 250 {
        return true;
    }
    let Some(last) = t.chars().next_back() else { return false };
    if matches!(last, '。' | '！' | '？') {
        return true;
    }
    is_terminal(last) && t.split_whitespace().nth(3).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_range_is_the_line_around_a_byte() {
        let b = b"ab\ncd ef\n\ngh";
        assert_eq!(line_range(b, 0), 0..2);
        assert_eq!(line_range(b, 5), 3..8);
        assert_eq!(line_range(b, 9), 9..9);
        assert_eq!(line_range(b, 11), 10..12);
    }

    #[test]
    fn splits_lf_crlf_and_tail() {
        let t = "a\r\n  b  \n\nc";
        let l = split_lines(t);
        assert_eq!(l.len(), 4);
        assert_eq!((l[0].start, l[0].end, l[0].next), (0, 1, 3));
        assert_eq!(l[1].trimmed(t), "b");
        assert!(l[2].is_blank());
        assert_eq!(l[3].trimmed(t), "c");
        assert_eq!(split_lines("x\n").len(), 1);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn anchors() {
        assert!(is_prose_anchor("The meeting was held in the city on Monday."));
        assert!(is_prose_anchor("会议在北京举行。"));
        assert!(!is_prose_anchor("Release time: 2023-06-09"));
        assert!(!is_prose_anchor("Home > News"));
        assert!(is_prose_anchor(&"word ".repeat(60)));
    }
}
