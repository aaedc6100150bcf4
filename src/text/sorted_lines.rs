//! A word list kept as sorted text and searched in place: no table is built,
//! so a big list costs nothing at start-up and a lookup is a binary search
//! over its bytes (`rules/closed_compounds.txt`).

/// Lines of a text in byte order, after a `[words]` line.
pub struct SortedLines<'a> {
    body: &'a [u8],
}

impl<'a> SortedLines<'a> {
    /// The words of `text` after its `[words]` line (all of it if none).
    pub fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let body = memchr::memmem::find(b, b"[words]\n").map_or(b, |k| &b[k + 8..]);
        SortedLines { body }
    }

    /// Is `w` one of the lines?
    pub fn contains(&self, w: &str) -> bool {
        let (b, w) = (self.body, w.as_bytes());
        let (mut lo, mut hi) = (0usize, b.len());
        // Invariant: every line starting before `lo` sorts below `w`, every
        // line starting at or after `hi` above it.
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = memchr::memrchr(b'\n', &b[lo..mid]).map_or(lo, |k| lo + k + 1);
            let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |k| start + k);
            match b[start..end].cmp(w) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::SortedLines;

    #[test]
    fn finds_every_line_and_nothing_else() {
        let text = "# header\n[words]\nab\nabc\nb\nhereof\nzz\n";
        let s = SortedLines::new(text);
        for w in ["ab", "abc", "b", "hereof", "zz"] {
            assert!(s.contains(w), "{w}");
        }
        for w in ["", "a", "abd", "header", "[words]", "z", "zzz", "hereo"] {
            assert!(!s.contains(w), "{w}");
        }
    }

    /// A word-list file: a `[words]` line, then over 1000 lower-case words
    /// of at least `min_len` letters in byte order, each found; `present`
    /// found and `absent` not.
    fn check_list(text: &str, min_len: usize, present: &[&str], absent: &[&str]) {
        let body = text.split_once("[words]\n").expect("a [words] line").1;
        let words: Vec<&str> = body.lines().collect();
        assert!(words.len() > 1000);
        assert!(words.windows(2).all(|p| p[0] < p[1]), "sorted, no repeats");
        assert!(words.iter().all(|w| w.len() >= min_len && w.bytes().all(|c| c.is_ascii_lowercase())));
        let s = SortedLines::new(text);
        assert!(words.iter().all(|w| s.contains(w)));
        assert!(present.iter().all(|w| s.contains(w)) && !absent.iter().any(|w| s.contains(w)));
    }

    #[test]
    fn closed_compounds_file_is_sorted_lowercase_and_searchable() {
        check_list(include_str!("../../rules/closed_compounds.txt"), 1, &["hereof", "fallback"], &["tothe", "studentsher"]);
    }

    #[test]
    fn web_compounds_file_is_sorted_lowercase_and_searchable() {
        check_list(
            include_str!("../../rules/web_compounds.txt"),
            8,
            &["toolchain", "codebase"],
            &["teachersinvolved", "personneloffice"],
        );
    }
}
