//! Words in bytes: ASCII letter runs around a position, word edges, and the
//! address-like tokens (URLs, paths, e-mails, domains) no rule may edit.

/// Length of the ASCII-letter run ending at `i` (exclusive).
#[inline]
pub fn letters_back(b: &[u8], i: usize) -> usize {
    b[..i.min(b.len())].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count()
}

/// Length of the ASCII-letter run starting at `i`.
#[inline]
pub fn letters_fwd(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_alphabetic()).count()
}

/// Start of the ASCII-letter run ending at `end`.
#[inline]
pub fn word_start(b: &[u8], end: usize) -> usize {
    end - letters_back(b, end)
}

/// End of the ASCII-letter run starting at `start`.
#[inline]
pub fn word_end(b: &[u8], start: usize) -> usize {
    start + letters_fwd(b, start)
}

/// The whitespace-delimited token around byte `i`, looking at most 300 bytes
/// each way.
pub fn token_around(b: &[u8], i: usize) -> std::ops::Range<usize> {
    let i = i.min(b.len());
    let start = i - b[..i].iter().rev().take(300).take_while(|c| !c.is_ascii_whitespace()).count();
    let end = i + b[i..].iter().take(300).take_while(|c| !c.is_ascii_whitespace()).count();
    start..end
}

/// Is the whitespace-delimited token around byte `i` an address, path or
/// e-mail (contains `@`, `/`, `\` or `www.`)?
pub fn in_address(b: &[u8], i: usize) -> bool {
    let tok = &b[token_around(b, i)];
    tok.iter().any(|&c| matches!(c, b'@' | b'/' | b'\\')) || memchr::memmem::find(tok, b"www.").is_some()
}

/// Does the token around byte `i` read as a domain name (`English.People.cn`,
/// `news.example.com.cn`): dot-separated ASCII labels, the last one a known
/// top-level domain of two or three letters, with no space inside?
pub fn in_domain(b: &[u8], i: usize) -> bool {
    let r = token_around(b, i);
    let tok = &b[r];
    let tok = trim_token(tok);
    if tok.len() < 4 || !tok.contains(&b'.') {
        return false;
    }
    let labels: Vec<&[u8]> = tok.split(|&c| c == b'.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || !l.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')) {
        return false;
    }
    let tld = labels[labels.len() - 1].to_ascii_lowercase();
    TLDS.contains(&tld.as_slice())
}

/// Common top-level domains of the sites rinse meets.
const TLDS: &[&[u8]] = &[
    b"cn", b"com", b"net", b"org", b"gov", b"edu", b"hk", b"tw", b"mo", b"jp", b"kr", b"uk", b"us", b"de", b"fr",
    b"io", b"info", b"biz", b"asia", b"int", b"eu", b"au", b"ca", b"sg", b"news", b"tv", b"cc",
];

/// The token without the quotes, brackets and sentence marks around it.
fn trim_token(tok: &[u8]) -> &[u8] {
    let is_edge = |c: &u8| matches!(c, b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b',' | b';' | b':' | b'!' | b'?' | b'.');
    let start = tok.iter().position(|c| !is_edge(c)).unwrap_or(tok.len());
    let end = tok.iter().rposition(|c| !is_edge(c)).map_or(start, |p| p + 1);
    &tok[start..end.max(start)]
}

/// Pinyin initials (the empty initial is handled by [`ZERO_INITIAL`]).
const INITIALS: &[&str] = &["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"];
/// Pinyin finals after an initial (a generous set: some pairs never occur).
const FINALS: &[&str] = &[
    "iang", "iong", "uang", "ang", "eng", "ing", "ong", "iao", "ian", "uai", "uan", "ai", "ei", "ao", "ou", "an", "en", "er", "ia",
    "ie", "iu", "in", "ua", "uo", "ui", "un", "ue", "a", "o", "e", "i", "u", "v",
];
/// Syllables without an initial.
const ZERO_INITIAL: &[&str] = &["ang", "eng", "ai", "ei", "ao", "ou", "an", "en", "er", "a", "o", "e"];

/// Every pinyin syllable of [`INITIALS`] × [`FINALS`] (with the pairs that
/// never occur left out) and [`ZERO_INITIAL`], each packed into a `u64`
/// (at most six letters), sorted.
static SYLLABLES: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut all: Vec<u64> = ZERO_INITIAL.iter().map(|z| pack(z.as_bytes())).collect();
    for ini in INITIALS {
        // `o` follows only b p m f, and `e` never does b p f.
        let labial = matches!(*ini, "b" | "p" | "m" | "f");
        for f in FINALS {
            if (*f == "o" && !labial) || (*f == "e" && matches!(*ini, "b" | "p" | "f")) {
                continue;
            }
            all.push(pack(format!("{ini}{f}").as_bytes()));
        }
    }
    all.sort_unstable();
    all.dedup();
    all
});

/// Bytes (at most eight) as one integer, length included.
#[inline]
fn pack(b: &[u8]) -> u64 {
    b.iter().fold(b.len() as u64, |h, &c| h << 8 | u64::from(c))
}

/// Is `w` (lower-case ASCII) one toneless pinyin syllable (`wang`, `lang`)?
pub fn is_pinyin_syllable(w: &str) -> bool {
    w.len() <= 6 && SYLLABLES.binary_search(&pack(w.as_bytes())).is_ok()
}

/// Can `w` (lower-case ASCII) be read entirely as toneless pinyin syllables
/// (`henan`, `anhui`, `wuhan`, `zhejiang`)? Place names and personal names
/// written this way are never English words glued together.
pub fn is_pinyin(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let syllables = &*SYLLABLES;
    // reach[i]: the first i bytes split into syllables (no allocation for a
    // token of up to 64 letters).
    let mut small = [false; 65];
    let mut big = Vec::new();
    let reach: &mut [bool] = if b.len() < small.len() {
        &mut small[..=b.len()]
    } else {
        big.resize(b.len() + 1, false);
        &mut big
    };
    reach[0] = true;
    for i in 0..b.len() {
        if !reach[i] {
            continue;
        }
        for n in 1..=6.min(b.len() - i) {
            if syllables.binary_search(&pack(&b[i..i + n])).is_ok() {
                reach[i + n] = true;
            }
        }
    }
    reach[b.len()]
}

/// Does `text` hold code anywhere: braces, `::`, `=>`, `();`, or a line
/// ending in `;` with `(` or `=` in it (byte scans over the whole document)?
pub fn has_code(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr2(b'{', b'}', b).is_some() {
        return true;
    }
    if [&b"::"[..], b"=>", b"();"].iter().any(|p| memchr::memmem::find(b, p).is_some()) {
        return true;
    }
    // A statement: `x = f(y);` (a list item ending in `;` is no code).
    memchr::memchr_iter(b';', b).any(|k| {
        statement_end(b, k)
    })
}

/// Is the `;` at `b[k]` the end of a statement: last on its line, with `(`
/// or `=` before it on the line?
fn statement_end(b: &[u8], k: usize) -> bool {
    let at_end = b[k + 1..].iter().find(|c| !matches!(c, b' ' | b'\t' | b'\r')).is_none_or(|&c| c == b'\n');
    at_end && {
        let ls = memchr::memrchr(b'\n', &b[..k]).map_or(0, |x| x + 1);
        b[ls..k].iter().any(|&c| matches!(c, b'(' | b'='))
    }
}

/// Where `text` holds code (the marks [`has_code`] looks for), sorted and
/// thinned: every mark lies less than `2 * CODE_MARK_GRAIN` bytes after a
/// listed position, and listed positions stand `CODE_MARK_GRAIN` apart or
/// more. One scan per kind of mark; the list stays small on any input.
pub fn code_marks(text: &str) -> Vec<usize> {
    fn thin(marks: impl Iterator<Item = usize>, out: &mut Vec<usize>) {
        let mut last: Option<usize> = None;
        for m in marks {
            if last.is_none_or(|l| m >= l + CODE_MARK_GRAIN) {
                last = Some(m);
                out.push(m);
            }
        }
    }
    let b = text.as_bytes();
    let mut marks = Vec::new();
    thin(memchr::memchr2_iter(b'{', b'}', b), &mut marks);
    for p in [&b"::"[..], b"=>", b"();"] {
        thin(memchr::memmem::find_iter(b, p), &mut marks);
    }
    thin(memchr::memchr_iter(b';', b).filter(|&k| statement_end(b, k)), &mut marks);
    marks.sort_unstable();
    let mut out = Vec::new();
    thin(marks.into_iter(), &mut out);
    out
}

/// See [`code_marks`].
pub const CODE_MARK_GRAIN: usize = 1024;

/// Is there a code mark of `marks` ([`code_marks`]) within `reach` bytes
/// of `s..e`?
pub fn code_within(marks: &[usize], s: usize, e: usize, reach: usize) -> bool {
    let lo = marks.partition_point(|&m| m + 2 * CODE_MARK_GRAIN + reach < s);
    marks.get(lo).is_some_and(|&m| m <= e + reach)
}

/// Does `b[s..e]` stand inside a line of prose: after another word on its
/// line, on a line of eight words or more (a table cell or a list of
/// terms is not)? Looks at most 400 bytes each way.
pub fn in_prose(b: &[u8], s: usize, e: usize) -> bool {
    let from = s.saturating_sub(400);
    let lo = memchr::memrchr(b'\n', &b[from..s]).map_or(from, |k| from + k + 1);
    let end = (e + 400).min(b.len());
    let hi = memchr::memchr(b'\n', &b[e..end]).map_or(end, |k| e + k);
    let words = |x: &[u8]| x.split(|c| c.is_ascii_whitespace()).filter(|w| w.iter().any(u8::is_ascii_alphabetic)).count();
    words(&b[lo..s]) >= 1 && words(&b[lo..hi]) >= 8
}

/// Does code stand within a few words of `b[s..e]` on its line (braces,
/// `=`, `_`, backticks, `<>`, `::`, `()`)?
pub fn code_near(b: &[u8], s: usize, e: usize) -> bool {
    let lo = memchr::memrchr(b'\n', &b[s.saturating_sub(160)..s]).map_or(s.saturating_sub(160), |k| s.saturating_sub(160) + k + 1);
    let end = (e + 160).min(b.len());
    let hi = memchr::memchr(b'\n', &b[e..end]).map_or(end, |k| e + k);
    let around = &b[lo..hi];
    around.iter().any(|c| matches!(c, b'{' | b'}' | b'=' | b'_' | b'`' | b'<' | b'>' | b'\\' | b'|'))
        || memchr::memmem::find(around, b"::").is_some()
        || memchr::memmem::find(around, b"()").is_some()
}

const UPPER_LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER_LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// The ASCII letter `c` in upper case, as a static one-byte string: an
/// edit's replacement with no allocation. `c` must be an ASCII letter.
pub fn upper_letter(c: u8) -> &'static str {
    debug_assert!(c.is_ascii_alphabetic());
    let k = usize::from(c.to_ascii_lowercase().wrapping_sub(b'a')).min(25);
    &UPPER_LETTERS[k..=k]
}

/// The ASCII letter `c` in lower case, as a static one-byte string (see
/// [`upper_letter`]).
pub fn lower_letter(c: u8) -> &'static str {
    debug_assert!(c.is_ascii_alphabetic());
    let k = usize::from(c.to_ascii_lowercase().wrapping_sub(b'a')).min(25);
    &LOWER_LETTERS[k..=k]
}


/// Titles a Chinese name may follow or stand before (`Union President
/// cheng jun`, `Zhangdehui, deputy secretary`), lowercase.
pub const NAME_TITLES: &[&str] = &[
    "president", "director", "manager", "secretary", "chairman", "chairwoman", "mayor", "governor", "minister",
    "professor", "dean", "principal", "commissioner", "mr", "ms", "mrs", "dr", "prof",
];

/// Chinese surnames of two or three letters, lower case: P302 separates
/// one from a given name of two syllables glued after it (`LiuLili`).
pub const SHORT_SURNAMES: &[&str] = &[
    "li", "wu", "xu", "hu", "ma", "he", "yu", "lu", "du", "fu", "gu", "ye", "qiu", "liu", "sun", "zhu", "guo", "lin",
    "luo", "gao", "xie", "han", "tan", "cao", "pan", "cai", "jia", "wei", "xue", "yan", "yao", "fan", "shi", "qin",
    "ren", "mao", "hou", "bai", "cui", "niu", "hao", "jin", "lei", "tao", "zou", "dai", "wan", "mei",
];

/// Chinese surnames of four letters or more, lower case: P302 separates
/// one from a given name of two syllables glued after it (`RongYansong`).
pub const LONG_SURNAMES: &[&str] = &[
    "zhang", "wang", "chen", "yang", "huang", "zhao", "zhou", "song", "tang", "feng", "deng", "peng", "jiang", "rong",
    "liang", "cheng", "zeng", "xiao", "shen", "dong", "yuan", "ding", "meng", "qian", "kong", "geng", "duan", "zhong",
    "shao", "pang", "tian", "fang", "gong", "jiao", "kang", "qiao", "shan", "shang", "zhuang", "xiong", "zhan", "chang",
];


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_letters() {
        assert_eq!((upper_letter(b'q'), upper_letter(b'Q'), lower_letter(b'Z'), lower_letter(b'a')), ("Q", "Q", "z", "a"));
    }

    #[test]
    fn letter_runs() {
        let b = b"say hello, world";
        assert_eq!(letters_back(b, 9), 5);
        assert_eq!(letters_fwd(b, 11), 5);
        assert_eq!(word_start(b, 9), 4);
        assert_eq!(word_end(b, 4), 9);
        assert_eq!(letters_fwd(b, 99), 0);
        assert_eq!(letters_back(b, 0), 0);
    }

    /// The syllable-by-syllable reading of the first version, kept as the
    /// reference the packed table must agree with.
    fn pinyin_reference(w: &str) -> bool {
        let b = w.as_bytes();
        let mut reach = vec![false; b.len() + 1];
        reach[0] = true;
        for i in 0..b.len() {
            if !reach[i] {
                continue;
            }
            let rest = &w[i..];
            for z in ZERO_INITIAL {
                if rest.starts_with(z) {
                    reach[i + z.len()] = true;
                }
            }
            for ini in INITIALS {
                if let Some(after) = rest.strip_prefix(ini) {
                    for f in FINALS {
                        let labial = matches!(*ini, "b" | "p" | "m" | "f");
                        if (*f == "o" && !labial) || (*f == "e" && matches!(*ini, "b" | "p" | "f")) {
                            continue;
                        }
                        if after.starts_with(f) {
                            reach[i + ini.len() + f.len()] = true;
                        }
                    }
                }
            }
        }
        !b.is_empty() && reach[b.len()]
    }

    #[test]
    fn pinyin_table_agrees_with_the_reference() {
        let mut next = crate::passes::kit::testing::xorshift(7);
        let letters = b"abcdefghijklmnopqrstuvwxyzaeiougnh";
        for _ in 0..50_000 {
            let n = 1 + next(14);
            let w: String = (0..n).map(|_| letters[next(letters.len())] as char).collect();
            assert_eq!(is_pinyin(&w), pinyin_reference(&w), "{w}");
        }
        for w in ["zhuang", "zhangjiagang", "xian", "er", "chuang", "nv", "o", "bo", "de", "lve", "qiong"] {
            assert_eq!(is_pinyin(w), pinyin_reference(w), "{w}");
        }
        assert!(!is_pinyin("") && !is_pinyin("Henan"));
        let long = "zhang".repeat(40);
        assert!(is_pinyin(&long) && pinyin_reference(&long));
    }

    #[test]
    fn pinyin_words() {
        for w in ["henan", "anhui", "wuhan", "zhejiang", "guangdong", "xi", "hubei", "jiangsu"] {
            assert!(is_pinyin(w), "{w}");
        }
        for w in ["tothe", "projectprogress", "isnot", "theinauguration", "createa", "technologyof", "wholesalemarket", "anopening"] {
            assert!(!is_pinyin(w), "{w}");
        }
    }

    #[test]
    fn addresses_and_domains() {
        let t = b"see www.example.com or mail a@b.cn, or English.People.cn. Then stop.";
        assert!(in_address(t, 6));
        assert!(in_address(t, 30));
        let at = t.windows(6).position(|w| w == b"People").unwrap();
        assert!(in_domain(t, at));
        let stop = t.windows(4).position(|w| w == b"Then").unwrap();
        assert!(!in_domain(t, stop));
        assert!(!in_domain(b"the year.Next we", 8));
        assert!(in_domain(b"(news.example.com.cn)", 6));
    }
}
