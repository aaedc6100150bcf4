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

/// A set of words, built once (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    slots: Vec<u32>,
    len: usize,
}

impl WordSet {
    /// The set of `words` (duplicates counted once).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let words: Vec<&str> = words.into_iter().collect();
        // At most 70% full: probes stay short and within a cache line or two.
        let cap = (words.len() * 10 / 7 + 1).next_power_of_two().max(16);
        let mut set = WordSet { slots: vec![0; cap], len: 0 };
        for w in words {
            set.insert(w);
        }
        set
    }

    fn insert(&mut self, w: &str) {
        let h = fingerprint(w.as_bytes());
        let (f, mask) = (high(h), self.slots.len() - 1);
        let mut i = (h as usize) & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = f;
                    self.len += 1;
                    return;
                }
                x if x == f => return,
                _ => i = (i + 1) & mask,
            }
        }
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

/// A 64-bit fingerprint of `w`, never 0 (0 marks an empty slot): the length
/// seeds the state, 8-byte chunks are mixed in (Fx style), and a
/// MurmurHash3 finalizer spreads the bits.
/// The stored half of a fingerprint: its high 32 bits, never 0 (0 marks a
/// free slot).
#[inline]
fn high(h: u64) -> u32 {
    (h >> 32) as u32 | 1
}

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
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
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
