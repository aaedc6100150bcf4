//! Memory of a document cleaned in blocks (issues 17 and 18), counted, not
//! timed: with the text streamed out a block at a time, the peak of bytes
//! live while `'。a'` repeated (one edit every four bytes, one line) is
//! cleaned follows the block size, not the document's: ten times the
//! document, about the same peak.
//!
//! One test in this binary: the counters are global.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        System.dealloc(p, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = System.realloc(p, layout, new_size);
        if !q.is_null() {
            let now = LIVE.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(now, Relaxed);
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        q
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Peak bytes live above the start while `text` is cleaned and its output
/// counted (not kept), the output's length and the edits.
fn measure(cleaner: &rinse::Cleaner, text: &str) -> (usize, usize, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let mut written = 0usize;
    let out = cleaner
        .clean_decoded_into(text, Default::default(), |t| {
            written += t.len();
            Ok::<(), std::fmt::Error>(())
        })
        .unwrap();
    let peak = PEAK.load(Relaxed) - base;
    (peak, written, out.edit_count)
}

#[test]
fn blocks_bound_the_peak_by_the_block_not_the_document() {
    const BLOCK: usize = 64 << 10;
    let cleaner = rinse::Cleaner::new(rinse::Config::default())
        .unwrap()
        .with_report_detail(rinse::ReportDetail::Summary)
        .with_blocks(BLOCK, BLOCK);
    let small_text = "\u{3002}a".repeat(100_000);
    let large_text = "\u{3002}a".repeat(1_000_000);
    let _ = measure(&cleaner, &small_text); // warm up lazily built tables
    let (small, small_out, small_edits) = measure(&cleaner, &small_text);
    let (large, large_out, large_edits) = measure(&cleaner, &large_text);
    println!("400 KB: peak {small} B, {small_edits} edits; 4 MB: peak {large} B, {large_edits} edits");
    assert!(small_edits >= 99_000 && large_edits >= 990_000, "{small_edits} / {large_edits} edits");
    assert!(small_out > 0 && large_out > 9 * small_out);
    // Ten times the document, not much more than the same peak.
    assert!(large <= small + small / 2, "peak {small} -> {large} bytes: grows with the document");
    // And the peak is a block's worth: under 64 bytes per byte of block
    // (about 40 on edit-dense text), far below the 4 MB document's edits.
    assert!(large <= 64 * BLOCK, "peak {large} bytes for {BLOCK}-byte blocks");
}
