//! Memory on edit-dense input (issue 18), counted, not timed: a counting
//! allocator records the bytes live at the peak and the number of
//! allocations while `'。a'` repeated (one edit every four bytes, all on one
//! line) is cleaned at two sizes. Without a report the pipeline must not
//! allocate per edit (the count of allocations may not grow with the edits)
//! and its peak must grow linearly with a small constant per edit.
//!
//! One test in this binary: the counters are global.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
            CALLS.fetch_add(1, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        System.dealloc(p, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as an allocation of the new size and a free of the old:
        // a moving realloc holds both for a moment.
        let q = System.realloc(p, layout, new_size);
        if !q.is_null() {
            let now = LIVE.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(now, Relaxed);
            LIVE.fetch_sub(layout.size(), Relaxed);
            CALLS.fetch_add(1, Relaxed);
        }
        q
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Peak bytes live above the start, and allocation calls, while cleaning `text`.
fn measure(cleaner: &rinse::Cleaner, text: &str) -> (usize, usize, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let calls = CALLS.load(Relaxed);
    let out = cleaner.clean(text);
    let peak = PEAK.load(Relaxed) - base;
    let n = out.edit_count;
    drop(out);
    (peak, CALLS.load(Relaxed) - calls, n)
}

#[test]
fn dense_edits_cost_no_allocation_each_and_linear_memory() {
    let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap().with_report_detail(rinse::ReportDetail::Summary);
    let small_text = "\u{3002}a".repeat(20_000);
    let large_text = "\u{3002}a".repeat(200_000);
    let _ = measure(&cleaner, &small_text); // warm up lazily built tables
    let (small, small_calls, small_edits) = measure(&cleaner, &small_text);
    let (large, large_calls, large_edits) = measure(&cleaner, &large_text);
    println!("20k: peak {small} B, {small_calls} allocations, {small_edits} edits; 200k: peak {large} B, {large_calls} allocations, {large_edits} edits");
    // Every `。` but the last (which ends the text) is an edit.
    assert!(small_edits >= 19_999 && large_edits >= 199_999, "{small_edits} / {large_edits} edits");
    // No allocation per edit: 180,000 more edits, a few hundred more
    // allocations at most (vectors growing by doubling).
    assert!(large_calls < small_calls + 2_000, "allocations {small_calls} -> {large_calls}: one per edit?");
    // Linear: ten times the input, at most about ten times the peak.
    assert!(large <= 12 * small, "peak {small} -> {large} bytes: superlinear");
    // And a bounded cost per edit: 160 bytes on 2026-12-02 (the pass's
    // edit list, 80 bytes an edit, and its growth by doubling dominate;
    // composites take 40, change spans 12, tags next to nothing). The
    // input is 4 bytes an edit.
    let per_edit = large / large_edits;
    assert!(per_edit <= 200, "{per_edit} bytes at the peak per edit");
}
