//! # rinse
//!
//! Repairs machine-translated articles scraped from Chinese websites and
//! reports every change it made.
//!
//! ```
//! use rinse::{Cleaner, Config};
//!
//! let cleaner = Cleaner::new(Config::default()).unwrap();
//! let cleaned = cleaner.clean("  Prices rose\u{a0}sharply.\n");
//! assert_eq!(cleaned.text, "Prices rose sharply.\n");
//! // Every change is in the report, against the original text:
//! assert!(cleaned.report.edits.iter().any(|e| e.codes.contains(&"W101".to_string())));
//! // and replaying the report on the input gives the output exactly.
//! assert_eq!(cleaned.report.apply("  Prices rose\u{a0}sharply.\n").unwrap(), cleaned.text);
//! ```
//!
//! A [`Cleaner`] is built once from a [`Config`] (rules are compiled then) and
//! is `Send + Sync`: share it across threads. The passes run in a fixed order
//! (see [`passes`]); each returns [`Edit`]s, never a rewritten string, and the
//! pipeline composes them into a [`Report`] against the original text.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod blocks;
pub mod config;
pub mod decode;
pub mod edit;
pub mod error;
mod fasthash;
pub mod learn;
pub mod passes;
mod pipeline;
pub mod report;
pub mod rules;
pub mod text;

pub use config::{CjkPolicy, Config, Normalize};
pub use edit::{Confidence, Edit};
pub use error::{Error, Result};
pub use report::{Report, ReportEdit};
pub use pipeline::TimingHook;
pub use rules::{Code, Rule};

use std::collections::{BTreeMap, HashSet};

/// Cleaned text and the report of how it was cleaned.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Cleaned {
    /// The output text (UTF-8).
    pub text: String,
    /// Every edit, metadata and statistics.
    pub report: Report,
    /// Sentences removed under `cjk = "extract"`, one JSON object each.
    pub extracted: Vec<serde_json::Value>,
    /// How many edits were made (`report.edits.len()` with
    /// [`ReportDetail::Full`]; also set under [`ReportDetail::Summary`]).
    pub edit_count: usize,
}

impl Cleaned {
    /// One line: `N edits, by rule: W104 ×3, P101 ×2` (also under
    /// [`ReportDetail::Summary`]).
    pub fn summary(&self) -> String {
        report::summary_line(self.edit_count, &self.report.counts)
    }
}

/// How much of the [`Report`] a [`Cleaner`] builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ReportDetail {
    /// Everything: every edit with its text, codes and reasons, skipped
    /// edits, and the SHA-256 of input and output.
    #[default]
    Full,
    /// For callers that keep only the text: counts per rule, metadata,
    /// language statistics and warnings. `edits` and `skipped` stay empty
    /// (see [`Cleaned::edit_count`]) and the hashes are not computed (empty).
    /// The cleaned text is the same.
    Summary,
}

/// The cleaning pipeline, built once from a [`Config`].
pub struct Cleaner {
    config: Config,
    passes: Vec<passes::Registered>,
    enabled: HashSet<&'static str>,
    detail: ReportDetail,
    timings: Option<pipeline::TimingHook>,
    /// Documents longer than `.0` bytes are cleaned in blocks of `.1`.
    blocks: (usize, usize),
}

impl std::fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cleaner").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Cleaner {
    /// Build the pipeline. Fails on unknown rule codes or invalid rule data.
    pub fn new(config: Config) -> Result<Self> {
        config.validate()?;
        let enabled: HashSet<&'static str> =
            rules::all().filter(|r| config.is_enabled(r.code)).map(|r| r.code).collect();
        // A pass none of whose rules is enabled is not built at all.
        let passes = passes::build(&config.passes, &config.setup())?;
        Ok(Cleaner { config, passes, enabled, detail: ReportDetail::Full, timings: None, blocks: (blocks::SPLIT_ABOVE, blocks::BLOCK_BYTES) })
    }

    /// Call `hook` with the time each pass takes in each round and the time
    /// the pipeline spends composing and reporting (for benchmarking; the
    /// CLI prints them under `RINSE_TIMINGS=1`).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let log = seen.clone();
    /// let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap()
    ///     .with_timing_hook(Arc::new(move |what: &str, _took| log.lock().unwrap().push(what.to_string())));
    /// cleaner.clean("growth,It is");
    /// assert!(seen.lock().unwrap().iter().any(|w| w.contains("punctuation")));
    /// ```
    pub fn with_timing_hook(mut self, hook: pipeline::TimingHook) -> Self {
        self.timings = Some(hook);
        self
    }

    /// How much of the report to build (default [`ReportDetail::Full`]).
    /// A caller that keeps only the text saves the cost of listing every
    /// edit (on the heavily garbled 20 MB seed corpus, about a quarter of
    /// the cleaning time).
    ///
    /// ```
    /// use rinse::{Cleaner, Config, ReportDetail};
    /// let cleaner = Cleaner::new(Config::default()).unwrap().with_report_detail(ReportDetail::Summary);
    /// let out = cleaner.clean("Prices rose\u{a0}sharply.");
    /// assert_eq!(out.text, "Prices rose sharply.");
    /// assert_eq!((out.edit_count, out.report.edits.len(), out.report.counts["W101"]), (1, 0, 1));
    /// ```
    pub fn with_report_detail(mut self, detail: ReportDetail) -> Self {
        self.detail = detail;
        self
    }

    /// Clean documents longer than `split_above` bytes in blocks of at most
    /// `block` bytes (defaults [`blocks::SPLIT_ABOVE`], 32 MiB, and
    /// [`blocks::BLOCK_BYTES`], 8 MiB; see [`blocks`] for what changes).
    /// `usize::MAX` never splits.
    ///
    /// ```
    /// use rinse::{Cleaner, Config};
    /// let text = "Prices rose\u{a0}sharply.\nSales fell\u{a0}too.\n".repeat(20);
    /// let whole = Cleaner::new(Config::default()).unwrap();
    /// let blocks = Cleaner::new(Config::default()).unwrap().with_blocks(100, 64);
    /// let (a, b) = (whole.clean(&text), blocks.clean(&text));
    /// assert_eq!(a.text, b.text);
    /// assert_eq!(b.report.apply(&text).unwrap(), b.text);
    /// assert_eq!(a.report.counts, b.report.counts);
    /// ```
    pub fn with_blocks(mut self, split_above: usize, block: usize) -> Self {
        self.blocks = (split_above, block.max(1));
        self
    }

    /// The configuration this cleaner was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Clean a UTF-8 string.
    pub fn clean(&self, text: &str) -> Cleaned {
        self.clean_decoded(text, decode::DecodeInfo::default())
    }

    /// Clean raw bytes of any encoding (detected; see [`decode`]).
    pub fn clean_bytes(&self, bytes: &[u8]) -> Cleaned {
        self.clean_bytes_as(bytes, None)
    }

    /// Clean raw bytes, decoding them as `encoding` when given.
    pub fn clean_bytes_as(&self, bytes: &[u8], encoding: Option<&'static encoding_rs::Encoding>) -> Cleaned {
        let (text, info) = decode::decode(bytes, encoding);
        self.clean_decoded(&text, info)
    }

    /// Clean text that was already decoded, recording how (`info`) in the report.
    /// A document longer than 32 MiB is cleaned in blocks ([`blocks`]).
    pub fn clean_decoded(&self, original: &str, decode: decode::DecodeInfo) -> Cleaned {
        if original.len() <= self.blocks.0 {
            return self.clean_block(original, decode, true);
        }
        let mut text = String::with_capacity(original.len());
        let result: std::result::Result<Cleaned, std::convert::Infallible> = self.clean_blocks(original, decode, |t| {
            text.push_str(t);
            Ok(())
        });
        let Ok(mut cleaned) = result;
        cleaned.text = text;
        cleaned
    }

    /// [`Cleaner::clean_decoded`], handing the cleaned text to `sink` (in
    /// pieces, a block at a time, for a document cleaned in blocks) instead
    /// of keeping it: the returned [`Cleaned::text`] is empty. A document of
    /// any size is then never held cleaned in memory whole. Stops at the
    /// first error of `sink`.
    ///
    /// ```
    /// let cleaner = rinse::Cleaner::new(rinse::Config::default()).unwrap().with_blocks(40, 32);
    /// let mut out = String::new();
    /// let text = "Prices rose\u{a0}sharply.\n".repeat(4);
    /// let cleaned = cleaner.clean_decoded_into(&text, Default::default(), |t| {
    ///     out.push_str(t);
    ///     Ok::<(), std::fmt::Error>(())
    /// }).unwrap();
    /// assert_eq!(out, "Prices rose sharply.\n".repeat(4));
    /// assert_eq!((cleaned.text.as_str(), cleaned.edit_count), ("", 4));
    /// assert_eq!(cleaned.report.apply(&text).unwrap(), out);
    /// ```
    pub fn clean_decoded_into<E>(
        &self,
        original: &str,
        decode: decode::DecodeInfo,
        mut sink: impl FnMut(&str) -> std::result::Result<(), E>,
    ) -> std::result::Result<Cleaned, E> {
        if original.len() <= self.blocks.0 {
            let mut cleaned = self.clean_block(original, decode, true);
            sink(&cleaned.text)?;
            cleaned.text = String::new();
            return Ok(cleaned);
        }
        self.clean_blocks(original, decode, sink)
    }

    /// Clean `original` a block at a time, each as a document of its own,
    /// and join the reports (the text goes to `sink`, a block at a time).
    fn clean_blocks<E>(
        &self,
        original: &str,
        decode: decode::DecodeInfo,
        mut sink: impl FnMut(&str) -> std::result::Result<(), E>,
    ) -> std::result::Result<Cleaned, E> {
        let full = self.detail == ReportDetail::Full;
        let mut out_hash = full.then(xxhash_rust::xxh3::Xxh3::new);
        let mut at = blocks::At::default();
        let mut joined: Option<Cleaned> = None;
        // The first block carries the decoding (its warnings, E101 count).
        let mut info = Some(decode);
        while at.input < original.len() {
            let (end, next) = blocks::cut(original, at.input, self.blocks.1);
            let block = &original[at.input..end];
            let mut c = self.clean_block(block, info.take().unwrap_or_default(), false);
            sink(&c.text)?;
            if let Some(h) = out_hash.as_mut() {
                h.update(c.text.as_bytes());
            }
            let out_len = std::mem::take(&mut c.text).len();
            match joined.as_mut() {
                None => {
                    // Room for the whole document's edits at the first
                    // block's density (pages never written cost nothing):
                    // growing by doubling copied the list at its largest.
                    let scale = |n: usize| (n as f64 * original.len() as f64 / end.max(1) as f64 * 1.1) as usize;
                    let (edits, suggestions) = (scale(c.report.edits.len()), scale(c.report.suggestions.len()));
                    c.report.edits.reserve(edits.saturating_sub(c.report.edits.len()));
                    c.report.suggestions.reserve(suggestions.saturating_sub(c.report.suggestions.len()));
                    joined = Some(c);
                }
                Some(j) => {
                    j.edit_count += c.edit_count;
                    for mut x in c.extracted {
                        if let Some(o) = x.as_object_mut() {
                            for k in ["start", "end"] {
                                if let Some(n) = o.get(k).and_then(|v| v.as_u64()) {
                                    o.insert(k.to_string(), serde_json::Value::from(n + at.input as u64));
                                }
                            }
                        }
                        j.extracted.push(x);
                    }
                    blocks::join(&mut j.report, c.report, &at, at.input);
                }
            }
            at.advance(block, out_len);
            // The whitespace between two blocks is kept as it is.
            let gap = &original[end..next];
            if !gap.is_empty() {
                sink(gap)?;
                if let Some(h) = out_hash.as_mut() {
                    h.update(gap.as_bytes());
                }
                at.advance(gap, gap.len());
            }
        }
        let mut cleaned = joined.unwrap_or_else(|| self.clean_block("", info.take().unwrap_or_default(), false));
        let report = &mut cleaned.report;
        report.input_bytes = original.len();
        report.output_bytes = at.output;
        if let Some(h) = out_hash {
            report.input_hash = report::text_hash(original);
            report.output_hash = format!("{}:{:032x}", report::HASH_ALGORITHM, h.digest128());
        }
        Ok(cleaned)
    }

    /// Clean one document (or block) whole; `hashes`: hash input and output
    /// (under [`ReportDetail::Full`]).
    fn clean_block(&self, original: &str, decode: decode::DecodeInfo, hashes: bool) -> Cleaned {
        // Doubts about the decoding come first among the report's warnings
        // (and stay in its `decode` object).
        let mut cx = passes::Context { warnings: decode.warnings.clone(), ..passes::Context::default() };
        let hook = self.timings.as_ref();
        let mut t0 = hook.map(|_| std::time::Instant::now());
        let full = self.detail == ReportDetail::Full;
        let outcome = pipeline::run(original, &self.passes, &self.enabled, self.config.min_confidence(), &mut cx, hook, full);
        pipeline::lap(hook, &mut t0, "pipeline");
        let mut by_code: fasthash::FxHashMap<&'static str, usize> = Default::default();
        if !decode.replacements.is_empty() {
            by_code.insert("E101", decode.replacements.len());
        }
        for c in &outcome.composites {
            for code in outcome.tags(c).codes() {
                *by_code.entry(code).or_default() += 1;
            }
        }
        let counts: BTreeMap<String, usize> = by_code.into_iter().map(|(c, n)| (c.to_string(), n)).collect();
        let edit_count = outcome.composites.len();
        let (edits, skipped, suggestions) = if full {
            let positions = report::line_cols(original, outcome.composites.iter().map(|c| c.orig.start));
            let edits: Vec<ReportEdit> = outcome
                .composites
                .iter()
                .zip(positions)
                .map(|(c, (line, column))| ReportEdit {
                    start: c.orig.start,
                    end: c.orig.end,
                    line,
                    column,
                    before: original[c.orig.clone()].to_string(),
                    after: outcome.text[c.cur.clone()].to_string(),
                    codes: outcome.tags(c).codes().iter().map(|s| s.to_string()).collect(),
                    confidence: c.confidence,
                    reasons: outcome.tags(c).reasons().iter().map(|s| s.to_string()).collect(),
                    // A merged edit lists its rules' changes as parts.
                    parts: outcome.parts.get(&c.tag).filter(|p| p.len() > 1).map(|parts| {
                        parts
                            .iter()
                            .enumerate()
                            .map(|(n, p)| report::EditPart {
                                n,
                                codes: p.codes.iter().map(|s| s.to_string()).collect(),
                                confidence: p.confidence,
                                reasons: p.reasons.iter().map(|s| s.to_string()).collect(),
                                after: p.state.clone(),
                            })
                            .collect()
                    }),
                })
                .collect();
            let skipped = outcome
                .skipped
                .into_iter()
                .map(|s| report::SkippedEdit {
                    pass: s.pass.to_string(),
                    round: s.round,
                    code: s.edit.code.to_string(),
                    start: s.edit.range.start,
                    end: s.edit.range.end,
                    replacement: s.edit.replacement.into_owned(),
                    reason: s.edit.reason.into_owned(),
                })
                .collect();
            let positions = report::line_cols(original, outcome.suggestions.iter().map(|s| s.orig.start));
            let suggestions = outcome
                .suggestions
                .into_iter()
                .zip(positions)
                .map(|(s, (line, column))| ReportEdit {
                    start: s.orig.start,
                    end: s.orig.end,
                    line,
                    column,
                    before: original[s.orig.clone()].to_string(),
                    after: s.after,
                    codes: vec![s.code.to_string()],
                    confidence: Confidence::Suggest,
                    reasons: vec![s.reason.into_owned()],
                    parts: None,
                })
                .collect();
            (edits, skipped, suggestions)
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        pipeline::lap(hook, &mut t0, "report edits");
        let hash = |t: &str| if full && hashes { report::text_hash(t) } else { String::new() };
        let input_sha = hash(original);
        let report = Report {
            rinse_version: env!("CARGO_PKG_VERSION").to_string(),
            input: None,
            decode,
            // Unchanged text (the common case for clean documents) is hashed once.
            output_hash: if outcome.text == original { input_sha.clone() } else { hash(&outcome.text) },
            input_hash: input_sha,
            input_sha256: String::new(),
            output_sha256: String::new(),
            input_bytes: original.len(),
            output_bytes: outcome.text.len(),
            edits,
            skipped,
            suggestions,
            counts,
            metadata: cx.metadata,
            language: cx.language,
            warnings: cx.warnings,
        };
        pipeline::lap(hook, &mut t0, "sha");
        Cleaned { text: outcome.text, report, extracted: cx.extracted, edit_count }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaner_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Cleaner>();
    }

    /// The summary report gives the same text, counts and edit count as the
    /// full one, without the edit list and hashes.
    #[test]
    fn summary_detail_matches_full_report() {
        let full = Cleaner::new(Config::default()).unwrap();
        let summary = Cleaner::new(Config::default()).unwrap().with_report_detail(ReportDetail::Summary);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let (a, b) = (full.clean(&text), summary.clean(&text));
            assert_eq!(a.text, b.text);
            assert_eq!(a.report.counts, b.report.counts);
            assert_eq!((a.edit_count, a.report.edits.len()), (b.edit_count, a.edit_count));
            assert!(b.report.edits.is_empty() && b.report.input_hash.is_empty());
            assert_eq!(a.summary(), a.report.summary());
            n += usize::from(a.edit_count > 0);
        }
        assert!(n >= 4, "seeds with edits: {n}");
    }

    #[test]
    fn every_rule_code_is_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for r in rules::all() {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            let (fam, num) = r.code.split_at(1);
            assert!("EWMBPCNL".contains(fam), "bad family in {}", r.code);
            assert!(num.len() == 3 && num.bytes().all(|b| b.is_ascii_digit()), "bad number in {}", r.code);
            assert!(r.doc.contains("## What it fixes"), "{} lacks '## What it fixes'", r.code);
        }
    }

    /// Each rule's doc examples hold when only that rule is selected.
    #[test]
    fn rule_doc_examples_hold() {
        let mut n = 0;
        for r in rules::all() {
            for (before, after) in r.examples() {
                let cfg = Config { select: vec![r.code.to_string()], ..Config::default() };
                let out = Cleaner::new(cfg).unwrap().clean(&before);
                assert_eq!(out.text, after, "rule {} example {:?}", r.code, before);
                n += 1;
            }
        }
        assert!(n >= rules::all().count() / 2, "too few rule examples ({n})");
    }
}
