//! Byte-scanning helpers shared by the passes: SWAR ("SIMD within a
//! register") tests on 8 bytes at a time, so a pass can skip text that cannot
//! hold one of its candidates without decoding it.
//!
//! Each test is exact for the bytes it names (a test below checks every byte
//! value), so skipping a word whose test is false never misses a candidate.

/// `0x01` in every byte.
pub(crate) const LOW: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The 8 bytes at `i` as a little-endian word (`i + 8 <= b.len()`).
#[inline]
pub(crate) fn read_u64(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// High bit set in each byte of `w` that is an ASCII byte in `lo..=hi`
/// (`lo <= hi < 0x80`); zero elsewhere.
#[inline]
pub(crate) fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(lo <= hi && hi < 0x80);
    let t = w & !HIGH; // low 7 bits of each byte: no carries between bytes
    let ge_lo = t.wrapping_add((0x80 - lo as u64) * LOW);
    let gt_hi = t.wrapping_add((0x7f - hi as u64) * LOW);
    ge_lo & !gt_hi & !w & HIGH
}

/// High bit set in each non-ASCII byte of `w`.
#[inline]
pub(crate) fn non_ascii(w: u64) -> u64 {
    w & HIGH
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
}
