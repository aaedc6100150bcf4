//! Sentences of mixed Chinese and English text, and which script leads one.
//!
//! A punctuation mark belongs to a sentence; whether it is Chinese or
//! English punctuation is decided by that sentence, not by the letter next
//! to it: in `一套state-of-the-art、machine-learning-powered的编辑器` the `、`
//! sits between two English words inside a Chinese sentence and stays.
//!
//! | function | answers |
//! |---|---|
//! | [`start_before`] | where the sentence holding a position starts |
//! | [`end_after`] | where it ends (its terminator included) |
//! | [`around`] | the sentence holding a mark |
//! | [`mix`] | how many Han, kana/Hangul and Latin words a stretch holds |
//! | [`Mix::is_chinese`] | is it a Chinese sentence |
//!
//! Sentence ends are `。！？` anywhere, `.!?` before a space or the line end,
//! and line breaks. Addresses and code (see [`super::spans`]) hold no words.

use super::script::{is_han, is_kana_hangul};
use super::spans::protected;
use std::ops::Range;

/// Bytes looked at on each side of a mark for its sentence.
pub const REACH: usize = 600;

/// A full-width sentence terminator.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{ff01}' | '\u{ff1f}')
}

/// Start of the sentence holding byte `i`: just after the previous
/// terminator or line break, at most `REACH` (600) bytes back.
pub fn start_before(text: &str, i: usize) -> usize {
    let lo = i.saturating_sub(REACH);
    terminator_back(text, i, lo).unwrap_or_else(|| text.ceil_char_boundary(lo))
}

/// Just after the nearest terminator or line break that ends in `floor..i`
/// (a byte loop, a hot path: the terminators are found by their last byte,
/// `。！？` checked whole).
fn terminator_back(text: &str, i: usize, floor: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut k = i;
    while k > floor {
        // The last byte that may end a terminator (two vectorized searches).
        let w = &b[floor..k];
        let c = match (memchr::memrchr3(b'\n', b'.', 0x82, w), memchr::memrchr3(b'!', b'?', 0x81, w).max(memchr::memrchr(0x9F, w))) {
            (None, None) => return None,
            (x, y) => floor + x.max(y).expect("one is some"),
        };
        let stop = match b[c] {
            b'\n' => true,
            b'.' | b'!' | b'?' => space_or_end_at(text, c + 1),
            0x82 => c >= 2 && b[c - 2] == 0xE3 && b[c - 1] == 0x80,
            _ => c >= 2 && b[c - 2] == 0xEF && b[c - 1] == 0xBC,
        };
        if stop {
            return Some(c + 1);
        }
        k = c;
    }
    None
}

/// Sentence bounds for many marks of one text, found in linear time overall
/// when the marks come in text order (as a pass visits them): the search
/// for a sentence start stops at the previous mark, whose sentence start is
/// carried forward, and a sentence end is reused for every mark before it.
/// Gives what [`around`] gives; marks out of order fall back to it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cursor {
    /// Terminators before this byte were looked for.
    scanned: usize,
    /// Just after the last terminator (or line break) before `scanned`, or
    /// an earlier one when that lies beyond the reach anyway.
    start: usize,
    /// A sentence end found by a terminator or line break, and the byte the
    /// search began at: the end for any search beginning in `from..end`.
    end: Option<(usize, usize)>,
}

impl Cursor {
    /// The sentence around `mark`, as [`around`] finds it.
    pub fn around(&mut self, text: &str, mark: Range<usize>) -> Range<usize> {
        let start = if mark.start >= self.scanned {
            let lo = mark.start.saturating_sub(REACH);
            if let Some(k) = terminator_back(text, mark.start, self.scanned.max(lo)) {
                self.start = k;
            }
            self.scanned = mark.start;
            self.start.max(text.ceil_char_boundary(lo))
        } else {
            start_before(text, mark.start)
        };
        let ends = text[mark.clone()].chars().next().is_some_and(|c| is_cjk_terminator(c) || matches!(c, '.' | '!' | '?'));
        let end = if ends {
            mark.end
        } else {
            match self.end {
                Some((from, end)) if from <= mark.end && mark.end < end => end,
                _ => {
                    let (end, exact) = end_after_exact(text, mark.end);
                    self.end = exact.then_some((mark.end, end));
                    end
                }
            }
        };
        start..end
    }
}

/// Is the character at byte `k` whitespace, or `k` the end of `text`?
#[inline]
fn space_or_end_at(text: &str, k: usize) -> bool {
    match text.as_bytes().get(k) {
        None => true,
        Some(&c) if c < 0x80 => c.is_ascii_whitespace() || c == 0x0B,
        Some(_) => text[k..].chars().next().is_some_and(char::is_whitespace),
    }
}

/// End of the sentence holding byte `i` (just after its terminator, or at
/// the line break), at most `REACH` (600) bytes on.
pub fn end_after(text: &str, i: usize) -> usize {
    end_after_exact(text, i).0
}

/// [`end_after`], and whether a terminator, line break or the end of the
/// text (not the reach) ended it.
fn end_after_exact(text: &str, i: usize) -> (usize, bool) {
    let mut chars = text[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if k > REACH {
            return (i + k, false);
        }
        if c == '\n' {
            return (i + k, true);
        }
        let next = chars.peek().map(|&(_, n)| n);
        if is_cjk_terminator(c) || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace)) {
            return (i + k + c.len_utf8(), true);
        }
    }
    (text.len(), true)
}

/// The sentence holding the mark at `mark` (`mark.start..mark.end`): a
/// terminator (`。！？.!?`) ends the sentence before it; any other mark
/// sits inside one.
pub fn around(text: &str, mark: Range<usize>) -> Range<usize> {
    let start = start_before(text, mark.start);
    let ends = text[mark.clone()].chars().next().is_some_and(|c| is_cjk_terminator(c) || matches!(c, '.' | '!' | '?'));
    let end = if ends { mark.end } else { end_after(text, mark.end) };
    start..end
}

/// What a stretch of text is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mix {
    /// Han characters.
    pub han: usize,
    /// Kana and Hangul characters.
    pub kana_hangul: usize,
    /// Latin words (a run of ASCII letters and digits starting with a
    /// letter, `-` `'` `.` inside it), outside addresses and code.
    pub latin_words: usize,
}

impl Mix {
    /// A Chinese sentence: Han and no kana or Hangul, with at least two Han
    /// characters for every Latin word (a Chinese word is one to three
    /// characters, so Chinese words outnumber English ones).
    pub fn is_chinese(&self) -> bool {
        self.kana_hangul == 0 && self.han >= 2 && self.han >= 2 * self.latin_words
    }
}

/// The [`Mix`] of `text[range]`.
pub fn mix(text: &str, range: Range<usize>) -> Mix {
    let s = &text[range];
    let skip = protected(s);
    let mut m = Mix::default();
    let b = s.as_bytes();
    let mut spans = skip.iter().peekable();
    let mut i = 0;
    while i < b.len() {
        if let Some(sp) = spans.peek() {
            if sp.range.start == i {
                i = sp.range.end;
                spans.next();
                continue;
            }
        }
        let c = b[i];
        if c.is_ascii_alphabetic() {
            m.latin_words += 1;
            let stop = spans.peek().map_or(b.len(), |sp| sp.range.start);
            while i < stop
                && (b[i].is_ascii_alphanumeric()
                    || (matches!(b[i], b'-' | b'\'' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)))
            {
                i += 1;
            }
            continue;
        }
        if c < 0x80 {
            i += 1;
            continue;
        }
        let ch = s[i..].chars().next().unwrap_or('\0');
        if is_han(ch) {
            m.han += 1;
        } else if is_kana_hangul(ch) {
            m.kana_hangul += 1;
        }
        i += ch.len_utf8().max(1);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence of the last char of the first `at` in `t`.
    fn sentence_of<'a>(t: &'a str, at: &str) -> &'a str {
        let end = t.find(at).unwrap() + at.len();
        let start = end - at.chars().next_back().unwrap().len_utf8();
        &t[around(t, start..end)]
    }

    /// The char-by-char scan `start_before` replaced.
    fn start_before_naive(text: &str, i: usize) -> usize {
        let mut start = i;
        let mut after: Option<char> = text[i..].chars().next();
        for (k, c) in text[..i].char_indices().rev() {
            if i - k > REACH {
                break;
            }
            let ascii_end = matches!(c, '.' | '!' | '?') && after.is_none_or(char::is_whitespace);
            if c == '\n' || is_cjk_terminator(c) || ascii_end {
                break;
            }
            start = k;
            after = Some(c);
        }
        start
    }

    /// At least `len` bytes of `pieces` picked by the xorshift state `x`.
    fn random_text(pieces: &[&str], len: usize, x: &mut u64) -> String {
        let mut t = String::new();
        while t.len() < len {
            *x ^= *x << 13;
            *x ^= *x >> 7;
            *x ^= *x << 17;
            t.push_str(pieces[(*x % pieces.len() as u64) as usize]);
        }
        t
    }

    #[test]
    fn start_before_matches_the_char_scan() {
        let pieces = ["a", "b ", ". ", ".", "!", "?\u{3000}", "?\u{b}", "\n", "。", "！", "？", "中", "丂", "，", "é", "\u{85}", " "];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for len in [1usize, 5, 40, 300, 700] {
            for _ in 0..60 {
                let t = random_text(&pieces, len, &mut x);
                for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                    assert_eq!(start_before(&t, i), start_before_naive(&t, i), "{t:?} at {i}");
                }
            }
        }
    }

    #[test]
    fn cursor_matches_around() {
        let pieces = ["a", "b ", ". ", ".", "!", "?\u{3000}", "\n", "。", "！", "中", "，", "、", "é", " "];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in [1usize, 40, 300, 1500, 3000] {
            for _ in 0..30 {
                let t = random_text(&pieces, len, &mut x);
                let marks: Vec<std::ops::Range<usize>> = t
                    .char_indices()
                    .filter(|&(_, c)| matches!(c, '，' | '、' | '。' | '.' | '!'))
                    .map(|(k, c)| k..k + c.len_utf8())
                    .collect();
                let mut cursor = Cursor::default();
                for (n, m) in marks.iter().enumerate() {
                    // Mostly in order, now and then a step back.
                    let m = if n % 7 == 6 { marks[n / 2].clone() } else { m.clone() };
                    assert_eq!(cursor.around(&t, m.clone()), around(&t, m.clone()), "{t:?} at {m:?}");
                }
            }
        }
    }

    #[test]
    fn sentences_around_marks() {
        let t = "前一句。一套state-of-the-art、machine-learning-powered的编辑器。The next one.";
        assert_eq!(sentence_of(t, "、"), "一套state-of-the-art、machine-learning-powered的编辑器。");
        assert_eq!(sentence_of(t, "器。"), "一套state-of-the-art、machine-learning-powered的编辑器。");
        let t = "the whole province。The following is a transcript，of it. Next";
        assert_eq!(sentence_of(t, "。"), "the whole province。");
        assert_eq!(sentence_of(t, "，"), "The following is a transcript，of it.");
        // `Node.js` and `v1.2` do not end a sentence.
        let t = "使用Node.js和v1.2，然后。";
        assert_eq!(sentence_of(t, "，"), t);
    }

    #[test]
    fn chinese_or_not() {
        let m = |t: &str| mix(t, 0..t.len());
        assert!(m("一套state-of-the-art、machine-learning-powered的编辑器。").is_chinese());
        assert!(m("请访问：https://example.com/docs/page.html。").is_chinese());
        assert!(m("中央军委主席Xi Jinping，参加审议。").is_chinese());
        assert!(!m("The delegation visited 北京 and Shanghai last week。").is_chinese());
        assert!(!m("We must act now，and together：first, plan。").is_chinese());
        assert!(!m("근면, 검소, 협동은 우리 겨레의 미덕이다.").is_chinese());
        assert!(!m("日本語のテキスト、です。").is_chinese());
        assert_eq!(m("state-of-the-art Node.js `x y z` v1.2"), Mix { han: 0, kana_hangul: 0, latin_words: 3 });
    }
}
