//! Byte-scanning helpers shared by the passes: SWAR ("SIMD within a
//! register") tests on 8 bytes at a time and fixed-size block tests the
//! compiler vectorizes, so a pass can skip text that cannot hold one of its
//! candidates without decoding it. The speed tricks live here once; a pass
//! file asks for candidates and reads as rules.
//!
//! Each test is exact for the bytes it names (a test below checks every byte
//! value), so skipping a word whose test is false never misses a candidate.

/// `0x01` in every byte.
pub const LOW: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The 8 bytes at `i` as a little-endian word (`i + 8 <= b.len()`).
#[inline]
pub fn read_u64(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// High bit set in each byte of `w` that is an ASCII byte in `lo..=hi`
/// (`lo <= hi < 0x80`); zero elsewhere.
#[inline]
pub fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(lo <= hi && hi < 0x80);
    let t = w & !HIGH; // low 7 bits of each byte: no carries between bytes
    let ge_lo = t.wrapping_add((0x80 - lo as u64) * LOW);
    let gt_hi = t.wrapping_add((0x7f - hi as u64) * LOW);
    ge_lo & !gt_hi & !w & HIGH
}

/// High bit set in each non-ASCII byte of `w`.
#[inline]
pub fn non_ascii(w: u64) -> u64 {
    w & HIGH
}

/// Bytes a block test looks at in one step (the compiler turns the
/// fixed-size loops into vector compares).
pub const BLOCK: usize = 32;

/// The start of the first [`BLOCK`]-byte block at or after `from` that holds
/// a byte for which `hit` is true, or the start of the last, shorter tail.
/// Blocks without a hit are skipped in one branch-free test each, so `hit`
/// must be a cheap comparison (`|x| x >= 0xe3`).
#[inline(always)]
pub fn skip_blocks(b: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while i + BLOCK <= b.len() {
        let block: &[u8; BLOCK] = b[i..i + BLOCK].try_into().expect("BLOCK bytes");
        let mut any = false;
        for &x in block {
            any |= hit(x);
        }
        if any {
            break;
        }
        i += BLOCK;
    }
    i
}

/// The first index at or after `from` whose byte satisfies `hit`, or
/// `b.len()`: [`skip_blocks`], then a byte loop.
#[inline(always)]
pub fn find_byte(b: &[u8], from: usize, hit: impl Fn(u8) -> bool + Copy) -> usize {
    let i = skip_blocks(b, from, hit);
    b[i.min(b.len())..].iter().position(|&x| hit(x)).map_or(b.len(), |p| i + p)
}

/// The high bit of each byte of `w` that is an ASCII capital (SWAR, exact).
#[inline]
pub fn upper_high_bits(w: u64) -> u64 {
    in_range(w, b'A', b'Z')
}

/// The ASCII capitals among 8 bytes as 8 bits, bit `k` for byte `k` (SWAR).
#[inline]
pub fn upper_bits(w: u64) -> u32 {
    // The high bit of each capital byte, gathered into the top byte.
    let hi = upper_high_bits(w) >> 7;
    (hi.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// Offsets of the ASCII capitals `A`–`Z` of a text, in order. Capitals are
/// rare: blocks without one are skipped with [`skip_blocks`], and a block
/// with some becomes a bit mask (SWAR), so no byte is looked at twice.
pub struct Capitals<'a> {
    b: &'a [u8],
    /// Start of the next block to load.
    next: usize,
    /// Start of the block `mask` describes.
    base: usize,
    /// Bit `k`: a capital at `base + k` not yet returned.
    mask: u32,
}

impl<'a> Capitals<'a> {
    /// The capitals of `b`.
    pub fn new(b: &'a [u8]) -> Self {
        Capitals { b, next: 0, base: 0, mask: 0 }
    }
}

impl Iterator for Capitals<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let b = self.b;
            let i = skip_blocks(b, self.next, |x| x.wrapping_sub(b'A') < 26);
            if i >= b.len() {
                self.next = i;
                return None;
            }
            let end = (i + BLOCK).min(b.len());
            self.mask = if end - i == BLOCK {
                (0..4).fold(0, |m, q| m | upper_bits(read_u64(b, i + 8 * q)) << (8 * q))
            } else {
                b[i..end].iter().enumerate().fold(0, |m, (k, c)| m | (u32::from(c.is_ascii_uppercase()) << k))
            };
            self.base = i;
            self.next = end;
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + k)
    }
}

/// The ASCII letters among 8 bytes as 8 bits, bit `k` for byte `k` (SWAR).
#[inline]
pub fn letter_bits(w: u64) -> u32 {
    // Setting 0x20 folds capitals onto lowercase; non-ASCII bytes keep their
    // high bit and fail the range test.
    let hi = in_range(w | 0x2020_2020_2020_2020, b'a', b'z') >> 7;
    (hi.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// Bit masks of the ASCII lowercase and capital letters among the 64 bytes
/// of `block` (bit `k` for byte `k`), 8 bytes at a time (SWAR).
#[inline]
pub fn case_masks(block: &[u8; 64]) -> (u64, u64) {
    let (mut lower, mut upper) = (0u64, 0u64);
    for q in 0..8 {
        let w = read_u64(block, 8 * q);
        let lo = in_range(w, b'a', b'z') >> 7;
        let up = in_range(w, b'A', b'Z') >> 7;
        lower |= (lo.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * q);
        upper |= (up.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * q);
    }
    (lower, upper)
}

/// [`case_masks`] of the 64 bytes of `b` at `p`; bytes past the end count as
/// neither.
#[inline]
pub fn case_masks_at(b: &[u8], p: usize) -> (u64, u64) {
    match b.get(p..p + 64) {
        Some(w) => case_masks(w.try_into().expect("64 bytes")),
        None => {
            let mut block = [0u8; 64];
            let tail = b.get(p..).unwrap_or_default();
            block[..tail.len()].copy_from_slice(tail);
            case_masks(&block)
        }
    }
}

/// Every maximal run of ASCII letters in `b`, in order, as `f(start, end,
/// has_capital)`. Letters are found 64 bytes at a time as bit masks (SWAR),
/// so the cost is per run, not per byte.
#[inline]
pub fn letter_runs(b: &[u8], mut f: impl FnMut(usize, usize, bool)) {
    let n = b.len();
    // A run that reached the end of the previous block: its start and
    // whether it held a capital so far.
    let mut open: Option<(usize, bool)> = None;
    let mut p = 0;
    while p < n {
        let width = (n - p).min(64);
        let (alpha, upper) = if width == 64 {
            (0..8).fold((0u64, 0u64), |(a, u), q| {
                let w = read_u64(b, p + 8 * q);
                (a | u64::from(letter_bits(w)) << (8 * q), u | u64::from(upper_bits(w)) << (8 * q))
            })
        } else {
            b[p..].iter().enumerate().fold((0u64, 0u64), |(a, u), (k, &c)| {
                (a | u64::from(c.is_ascii_alphabetic()) << k, u | u64::from(c.is_ascii_uppercase()) << k)
            })
        };
        let carried = open.is_some() && alpha & 1 == 1;
        if let (Some((s, up)), false) = (open, carried) {
            // The open run ended at the block edge.
            f(s, p, up);
            open = None;
        }
        let starts = alpha & !(alpha << 1 | u64::from(carried));
        let mut ends = alpha & !(alpha >> 1);
        let last_bit = 1u64 << (width - 1);
        // A run touching the block's last byte may go on in the next block.
        let reaches_edge = ends & last_bit != 0 && p + width < n;
        if reaches_edge {
            ends &= !last_bit;
        }
        while ends != 0 {
            let e = ends.trailing_zeros();
            ends &= ends - 1;
            let below = if e == 63 { u64::MAX } else { (1u64 << (e + 1)) - 1 };
            let own = starts & below;
            let (start, up) = if own != 0 {
                let sb = 63 - own.leading_zeros();
                (p + sb as usize, upper & below & !((1u64 << sb) - 1) != 0)
            } else {
                // The run began in an earlier block.
                let (s, up) = open.take().unwrap_or((p, false));
                (s, up || upper & below != 0)
            };
            f(start, p + e as usize + 1, up);
        }
        if reaches_edge {
            let own = starts;
            open = Some(if own != 0 {
                let sb = 63 - own.leading_zeros();
                (p + sb as usize, upper & !((1u64 << sb) - 1) != 0)
            } else {
                let (s, up) = open.unwrap_or((p, false));
                (s, up || upper != 0)
            });
        }
        p += width;
    }
    if let Some((s, up)) = open {
        f(s, n, up);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_range_is_exact_for_every_byte() {
        for (lo, hi) in [(b'A', b'Z'), (0x21, 0x2e), (0x3a, 0x3f), (0, 0x7f), (b' ', b' ')] {
            for byte in 0u8..=255 {
                for pos in [0usize, 3, 7] {
                    let mut bytes = [b'a', b'z', 0xE4, b'0', b' ', 0x80, b'q', 0xff];
                    bytes[pos] = byte;
                    let w = u64::from_le_bytes(bytes);
                    let m = in_range(w, lo, hi);
                    for (k, &x) in bytes.iter().enumerate() {
                        let want = (lo..=hi).contains(&x);
                        assert_eq!(m >> (8 * k + 7) & 1 == 1, want, "byte {x:#x} at {k} in {lo:#x}..={hi:#x}");
                    }
                }
            }
        }
    }

    #[test]
    fn non_ascii_flags_high_bytes() {
        let w = u64::from_le_bytes([b'a', 0xE3, b' ', 0x80, 0x7f, 0xff, 0, b'.']);
        assert_eq!(non_ascii(w), 0x0000_8000_8000_8000);
    }

    #[test]
    fn swar_capital_check_is_exact() {
        for byte in 0u8..=255 {
            let w = u64::from_le_bytes([b'a', byte, b'z', 0xE4, b'0', b' ', 0x80, b'q']);
            assert_eq!(super::upper_high_bits(w) != 0, byte.is_ascii_uppercase(), "byte {byte:#x}");
            assert_eq!(super::upper_bits(w), u32::from(byte.is_ascii_uppercase()) << 1, "byte {byte:#x}");
            assert_eq!(super::in_range(w, b'a', b'z') & 0xff00, u64::from(byte.is_ascii_lowercase()) << 15, "byte {byte:#x}");
        }
    }

    #[test]
    fn capitals_iterator_is_exact() {
        let mut text: Vec<u8> = (0..200u8).map(|k| [b'a', b'Z', b' ', b'A', 0xC3, b'@', b'[', b'M'][k as usize % 8]).collect();
        text.extend((0u8..=255).chain(0u8..=255));
        for n in [0, 1, 31, 32, 33, 64, 100, text.len()] {
            let t = &text[..n];
            let want: Vec<usize> = (0..n).filter(|&k| t[k].is_ascii_uppercase()).collect();
            assert_eq!(super::Capitals::new(t).collect::<Vec<_>>(), want, "length {n}");
        }
    }

    #[test]
    fn find_byte_is_exact_for_every_byte_and_position() {
        for byte in 0u8..=255 {
            for pos in [0usize, 5, 31, 32, 33, 70] {
                let mut b = vec![b'a'; 80];
                b[pos] = byte;
                let want = if byte >= 0xe3 { pos } else { b.len() };
                assert_eq!(find_byte(&b, 0, |x| x >= 0xe3), want, "byte {byte:#x} at {pos}");
                let skipped = skip_blocks(&b, 0, |x| x >= 0xe3);
                assert!(skipped <= want.min(b.len()) && (want == b.len() || want - skipped < BLOCK));
            }
        }
    }

    #[test]
    fn case_masks_are_exact() {
        let b: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        for p in [0usize, 1, 64, 100, 200, 448, 470, 512] {
            let (l, u) = case_masks_at(&b, p);
            for k in 0..64 {
                let c = b.get(p + k).copied();
                assert_eq!(l >> k & 1 == 1, c.is_some_and(|c| c.is_ascii_lowercase()), "{p}+{k}");
                assert_eq!(u >> k & 1 == 1, c.is_some_and(|c| c.is_ascii_uppercase()), "{p}+{k}");
            }
        }
    }

    #[test]
    fn letter_runs_match_a_byte_loop() {
        fn naive(b: &[u8]) -> Vec<(usize, usize, bool)> {
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if !b[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let s = i;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                out.push((s, i, b[s..i].iter().any(u8::is_ascii_uppercase)));
            }
            out
        }
        // Runs of every length across block edges, capitals at either end,
        // non-ASCII bytes and every byte value next to a letter.
        let mut texts: Vec<Vec<u8>> = Vec::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in [0usize, 1, 63, 64, 65, 127, 128, 129, 200, 1000] {
            for density in [1u64, 3, 7, 15] {
                let t: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        match x % 16 {
                            k if k < density => b' ',
                            15 => b'Q',
                            14 => 0xE4,
                            _ => b'a' + (x >> 8) as u8 % 26,
                        }
                    })
                    .collect();
                texts.push(t);
            }
        }
        for byte in 0u8..=255 {
            let mut t = vec![b'a'; 130];
            t[63] = byte;
            t[64] = byte;
            texts.push(t);
        }
        for t in &texts {
            let mut got = Vec::new();
            letter_runs(t, |s, e, up| got.push((s, e, up)));
            assert_eq!(got, naive(t), "{:?}", String::from_utf8_lossy(t));
        }
    }
}
