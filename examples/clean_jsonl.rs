//! rinse as a preprocessing stage: read JSON Lines on stdin, clean the `text`
//! field of each record in parallel, keep the record order, add the number of
//! edits, write JSON Lines on stdout.
//!
//! ```sh
//! cargo run --release --example clean_jsonl < corpus.jsonl > cleaned.jsonl
//! ```

use rayon::prelude::*;
use rinse::{Cleaner, Config};
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Build once: rules and regexes are compiled here. `Cleaner` is Send + Sync.
    let cleaner = Cleaner::new(Config::default().with_only_safe(true))?;
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut lines = stdin.lines();
    loop {
        // Bounded batches keep memory flat on corpora of any size.
        let batch: Vec<String> = lines.by_ref().take(1024).collect::<Result<_, _>>()?;
        if batch.is_empty() {
            break;
        }
        let cleaned: Vec<String> = batch
            .par_iter()
            .map(|line| {
                let Ok(mut record) = serde_json::from_str::<serde_json::Value>(line) else {
                    return line.clone(); // not JSON: pass through unchanged
                };
                if let Some(text) = record.get("text").and_then(|t| t.as_str()) {
                    let result = cleaner.clean(text);
                    record["rinse_edits"] = result.report.edits.len().into();
                    record["text"] = result.text.into();
                }
                record.to_string()
            })
            .collect();
        for line in cleaned {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(())
}
