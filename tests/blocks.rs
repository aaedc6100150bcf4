//! Documents cleaned in blocks (`Cleaner::with_blocks`; by default those
//! over 32 MiB): the joined report replays exactly, its edits sit at their
//! lines and columns in the whole document, streaming gives the same text,
//! and the summary report counts the same.

use rinse::{Cleaner, Config, ReportDetail};

fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")).map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// 1-based line and column (in chars) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

#[test]
fn blocks_replay_exactly_at_their_places() {
    let mut texts = seeds();
    // One long line without spaces, and all the seeds as one document.
    texts.push("\u{3002}a".repeat(3000));
    texts.push(texts.join("\n"));
    let mut split = 0;
    for size in [512, 4096] {
        let full = Cleaner::new(Config::default()).unwrap().with_blocks(size, size);
        let summary = Cleaner::new(Config::default()).unwrap().with_blocks(size, size).with_report_detail(ReportDetail::Summary);
        for text in &texts {
            let out = full.clean(text);
            split += usize::from(text.len() > size);
            assert_eq!(out.report.apply(text).unwrap(), out.text, "replay, block {size}");
            assert_eq!(out.report.edits.len(), out.edit_count);
            assert_eq!((out.report.input_bytes, out.report.output_bytes), (text.len(), out.text.len()));
            assert_eq!(out.report.input_hash, rinse::report::text_hash(text));
            assert_eq!(out.report.output_hash, rinse::report::text_hash(&out.text));
            for e in out.report.edits.iter().chain(&out.report.suggestions) {
                assert_eq!((e.line, e.column), line_col(text, e.start), "edit at {}", e.start);
                assert_eq!(e.before, text[e.start..e.end]);
            }
            let mut streamed = String::new();
            let s = summary
                .clean_decoded_into(text, Default::default(), |t| {
                    streamed.push_str(t);
                    Ok::<(), std::fmt::Error>(())
                })
                .unwrap();
            assert_eq!(streamed, out.text);
            assert!(s.text.is_empty());
            assert_eq!((s.edit_count, &s.report.counts), (out.edit_count, &out.report.counts));
            // Cleaning the output again changes nothing more than a block seam.
            let again = full.clean(&out.text);
            assert!(again.edit_count <= text.len() / size + 1, "{} edits on the output", again.edit_count);
        }
    }
    assert!(split >= 4, "{split} documents split");
}

/// Up to the size at which documents split, cleaning is what it was.
#[test]
fn documents_below_the_split_are_one_block() {
    let whole = Cleaner::new(Config::default()).unwrap();
    let big_blocks = Cleaner::new(Config::default()).unwrap().with_blocks(1 << 20, 512);
    for text in seeds() {
        let (a, b) = (whole.clean(&text), big_blocks.clean(&text));
        assert_eq!(a.text, b.text);
        assert_eq!(serde_json::to_string(&a.report).unwrap(), serde_json::to_string(&b.report).unwrap());
    }
}
