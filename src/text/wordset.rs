//! A read-only set of words for hot membership tests: an open-addressed
//! table of 32-bit fingerprints, so a lookup is one hash of the word and one
//! or two reads in one cache line, with no string comparison and no pointer
//! to follow. The table is small (4 bytes a slot, at most 70% full: 256 KB
//! for the 40,000-word dictionary, which stays in a core's L2 cache while
//! the text streams past). It stores no words, only fingerprints: the slot
//! comes from the low bits of a 64-bit hash and the slot holds its high 32
//! bits, so a word outside the set is taken for one only when its high bits
//! equal those of an entry on its probe path (a few entries): about one
//! lookup in 10^9. That is why it serves only *is this a common word*
//! questions whose wrong answer costs a missed or a review-level edit.
//!
//! The built-in lists of `rules/` are parsed and their tables built at
//! compile time: `build.rs` includes this file (`#[path]`), so the parser,
//! the hash and the table layout are the same code at build and at run time,
//! and a bad built-in list fails the build. [`WordSet::from_static`] wraps
//! such a table without copying it (nothing to parse or zero at start-up);
//! [`WordSet::new`] builds one at run time (tests, user data).

use std::borrow::Cow;

/// A set of words, built once (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    slots: Cow<'static, [u32]>,
    len: usize,
}

impl WordSet {
    /// The set of `words` (duplicates counted once).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let (slots, len) = table(words);
        WordSet { slots: Cow::Owned(slots), len }
    }

    /// A set whose table was built by [`table`] (at compile time, by
    /// `build.rs`): `len` words in `slots`.
    pub const fn from_static(slots: &'static [u32], len: usize) -> Self {
        WordSet { slots: Cow::Borrowed(slots), len }
    }

    /// The table of slots (for tests comparing a built-in table with one
    /// built at run time).
    pub fn slots(&self) -> &[u32] {
        &self.slots
    }

    /// Is `w` in the set?
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let h = fingerprint(w.as_bytes());
        let (f, mask) = (high(h), self.slots.len() - 1);
        let mut i = (h as usize) & mask;
        loop {
            match self.slots[i] {
                0 => return false,
                x if x == f => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// How many words the set holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Does the set hold no word?
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The slots of a set of `words` and how many distinct words it holds: at
/// most 70% full, so probes stay short and within a cache line or two.
pub fn table<'a>(words: impl IntoIterator<Item = &'a str>) -> (Vec<u32>, usize) {
    let words: Vec<&str> = words.into_iter().collect();
    let cap = (words.len() * 10 / 7 + 1).next_power_of_two().max(16);
    let (mut slots, mut len) = (vec![0u32; cap], 0);
    for w in words {
        let h = fingerprint(w.as_bytes());
        let (f, mask) = (high(h), cap - 1);
        let mut i = (h as usize) & mask;
        loop {
            match slots[i] {
                0 => {
                    slots[i] = f;
                    len += 1;
                    break;
                }
                x if x == f => break,
                _ => i = (i + 1) & mask,
            }
        }
    }
    (slots, len)
}

/// Parse a sectioned word list (`[section]` lines, then one lower-case word
/// per line; `#` starts a comment): the words of each of `sections`, in
/// order, borrowed from `text`. Every section must be present and non-empty;
/// a word outside a section, an unknown section or a word that is not
/// lower-case ASCII (digits, `'` and `-` allowed) is an error, given as
/// (`name`, `line N: message`).
pub fn parse_sections<'a>(name: &str, text: &'a str, sections: &[&str]) -> Result<Vec<Vec<&'a str>>, (String, String)> {
    let err = |n: usize, m: String| (name.to_string(), format!("line {}: {m}", n + 1));
    let mut out: Vec<Vec<&'a str>> = vec![Vec::new(); sections.len()];
    let mut current: Option<usize> = None;
    for (n, line) in text.split('\n').enumerate() {
        let line = match line.find('#') {
            Some(k) => &line[..k],
            None => line,
        };
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        if !line.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'' || b == b'-') {
            if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = Some(sections.iter().position(|x| *x == s).ok_or_else(|| err(n, format!("unknown section [{s}]")))?);
                continue;
            }
            return Err(err(n, format!("`{line}` is not one lower-case word or a section")));
        }
        let Some(i) = current else {
            return Err(err(n, format!("word before any section ({})", sections.join(", "))));
        };
        out[i].push(line);
    }
    if let Some(i) = out.iter().position(Vec::is_empty) {
        return Err((name.to_string(), format!("section [{}] must list words", sections[i])));
    }
    Ok(out)
}

/// The stored half of a fingerprint: its high 32 bits, never 0 (0 marks a
/// free slot).
#[inline]
fn high(h: u64) -> u32 {
    (h >> 32) as u32 | 1
}

/// A 64-bit fingerprint of `w`, never 0 (0 marks an empty slot): the length
/// seeds the state, 8-byte chunks are mixed in (Fx style), and a
/// MurmurHash3 finalizer spreads the bits.
#[inline]
fn fingerprint(w: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (w.len() as u64) ^ 0x9e37_79b9_7f4a_7c15;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The tail as a little-endian number (no variable-length copy: a
        // call to memcpy per lookup was a tenth of its cost).
        let t = rest.iter().rev().fold(0u64, |t, &c| t << 8 | u64::from(c));
        h = (h.rotate_left(5) ^ t).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h | 1
}

#[cfg(test)]
mod tests {
    use super::WordSet;

    #[test]
    fn holds_exactly_its_words() {
        let words = ["a", "the", "tothe", "information", "abcdefgh", "abcdefghi", "x"];
        let set = WordSet::new(words.iter().copied().chain(["the"]));
        assert_eq!(set.len(), words.len());
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        for w in ["", "b", "th", "thee", "abcdefg", "abcdefghij", "abcdefgh\0", "The", "informatio"] {
            assert!(!set.contains(w), "{w}");
        }
        assert!(!WordSet::default().contains("a"));
        assert!(WordSet::default().is_empty());
    }

    #[test]
    fn agrees_with_a_hash_set_on_many_words() {
        // Every lowercase word of 1 to 3 letters, half of them in the set.
        let mut all = Vec::new();
        for a in b'a'..=b'z' {
            all.push(vec![a]);
            for b in b'a'..=b'z' {
                all.push(vec![a, b]);
                for c in b'a'..=b'z' {
                    all.push(vec![a, b, c]);
                }
            }
        }
        let all: Vec<String> = all.into_iter().map(|v| String::from_utf8(v).unwrap()).collect();
        let inside: std::collections::HashSet<&str> = all.iter().step_by(2).map(String::as_str).collect();
        let set = WordSet::new(inside.iter().copied());
        for w in &all {
            assert_eq!(set.contains(w), inside.contains(w.as_str()), "{w}");
        }
    }
}
