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
const REACH: usize = 600;

/// A full-width sentence terminator.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{ff01}' | '\u{ff1f}')
}

/// Start of the sentence holding byte `i`: just after the previous
/// terminator or line break, at most `REACH` (600) bytes back.
pub fn start_before(text: &str, i: usize) -> usize {
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

/// End of the sentence holding byte `i` (just after its terminator, or at
/// the line break), at most `REACH` (600) bytes on.
pub fn end_after(text: &str, i: usize) -> usize {
    let mut chars = text[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if k > REACH || c == '\n' {
            return i + k;
        }
        let next = chars.peek().map(|&(_, n)| n);
        if is_cjk_terminator(c) || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace)) {
            return i + k + c.len_utf8();
        }
    }
    text.len()
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
