//! `rinse review`: one self-contained HTML page to audit a batch's edits.
//!
//! The page is `assets/review/review.html` with its CSS and JavaScript
//! inlined and the data embedded as JSON in a `<script
//! type="application/json">` element: every document's original text and
//! its corpus-report record (the report plus `path`, or `file` and `line`),
//! each edit's offsets in UTF-16 code units for the browser, and every rule's
//! documentation. The page loads nothing (its Content-Security-Policy allows
//! no network and only its own script, by hash), builds the DOM with
//! `textContent` only, and downloads the report trimmed to the accepted
//! edits, which `rinse apply` replays.

use super::common::{batch_cleaner, expand_with_base, for_each_doc, thread_pool, LearnArgs};
use super::io::{self, Sink};
use super::{ConfigArgs, InputArgs};
use anyhow::Result;
use clap::Args;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const TEMPLATE: &str = include_str!("../../assets/review/review.html");
const CSS: &str = include_str!("../../assets/review/review.css");
const JS: &str = include_str!("../../assets/review/review.js");

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// Write the page here (`-`: stdout).
    #[arg(short, long, value_name = "FILE", default_value = "rinse-review.html")]
    pub output: PathBuf,
    /// The page's title (default: the inputs' names).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub learn: LearnArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// A rule as the page shows it.
#[derive(Serialize)]
struct RuleInfo {
    name: &'static str,
    summary: &'static str,
    confidence: String,
    explain: String,
}

/// One document on the page.
#[derive(Serialize)]
struct PageDoc {
    name: String,
    text: String,
    /// Each edit: `[start, end]` in UTF-16 code units of `text` (the page's
    /// own offsets), then the report's `start`, `end`, `line`, `column`,
    /// `after`, and indexes into [`PageData::codes`], [`PageData::levels`]
    /// and [`PageData::reasons`], and the parts of a merged edit (each
    /// `[codes, level, reasons, after]`) or `null`. `before` is `text`
    /// between the offsets.
    edits: Vec<PageEdit>,
    /// The document's corpus-report record without its `edits`.
    rec: serde_json::Value,
}

/// One edit on the page (see [`PageDoc::edits`]).
type PageEdit = (usize, usize, usize, usize, usize, usize, String, u32, u32, u32, Option<Vec<(u32, u32, u32, String)>>);

/// The data of the page: strings shared by many edits are listed once.
#[derive(Serialize, Default)]
struct PageData {
    title: String,
    version: &'static str,
    rules: std::collections::BTreeMap<&'static str, RuleInfo>,
    docs: Vec<PageDoc>,
    codes: Vec<Vec<String>>,
    levels: Vec<String>,
    reasons: Vec<Vec<String>>,
}

/// Index of `v` in `list`, added if new.
fn intern<T: Clone + Eq + std::hash::Hash>(v: &T, list: &mut Vec<T>, index: &mut std::collections::HashMap<T, u32>) -> u32 {
    if let Some(&i) = index.get(v) {
        return i;
    }
    list.push(v.clone());
    index.insert(v.clone(), list.len() as u32 - 1);
    list.len() as u32 - 1
}

pub fn run(args: ReviewArgs) -> Result<ExitCode> {
    io::set_max_document_bytes(args.input.max_size);
    // The same edits as `clean` of this batch: furniture is learned first.
    let inputs = expand_with_base(&args.input.paths, args.input.glob.as_deref())?;
    let cleaner = batch_cleaner(&args.config, &args.learn, &args.input, &inputs, !args.quiet)?;
    let pool = thread_pool(args.jobs)?;
    let jsonl = args.input.jsonl_fields();
    let mut data = PageData { version: env!("CARGO_PKG_VERSION"), ..PageData::default() };
    let (mut code_ix, mut level_ix, mut reason_ix) = Default::default();
    let mut edits = 0usize;
    for_each_doc(inputs, jsonl, &args.config, &cleaner, Some(&pool), |doc| {
        let report = &doc.cleaned.report;
        let off = utf16_offsets(&doc.original, report.edits.iter().flat_map(|e| [e.start, e.end]));
        edits += report.edits.len();
        let mut rec = doc.corpus_record();
        if let Some(o) = rec.as_object_mut() {
            o.remove("edits");
        }
        let page_edits = report
            .edits
            .iter()
            .zip(off)
            .map(|(e, [a, b])| {
                let codes = intern(&e.codes, &mut data.codes, &mut code_ix);
                let level = intern(&e.confidence.to_string(), &mut data.levels, &mut level_ix);
                let reasons = intern(&e.reasons, &mut data.reasons, &mut reason_ix);
                let parts = e.parts.as_ref().map(|parts| {
                    parts
                        .iter()
                        .map(|p| {
                            let codes = intern(&p.codes, &mut data.codes, &mut code_ix);
                            let level = intern(&p.confidence.to_string(), &mut data.levels, &mut level_ix);
                            let reasons = intern(&p.reasons, &mut data.reasons, &mut reason_ix);
                            (codes, level, reasons, p.after.clone())
                        })
                        .collect()
                });
                (a, b, e.start, e.end, e.line, e.column, e.after.clone(), codes, level, reasons, parts)
            })
            .collect();
        data.docs.push(PageDoc { name: doc.name, text: doc.original, edits: page_edits, rec });
        Ok(())
    })?;
    let title = args.title.clone().unwrap_or_else(|| {
        let names: Vec<String> = args.input.paths.iter().map(|p| p.display().to_string()).collect();
        if names.is_empty() { "stdin".into() } else { names.join(", ") }
    });
    let rules = rinse::rules::all()
        .map(|r| (r.code, RuleInfo { name: r.name, summary: r.summary, confidence: r.confidence.to_string(), explain: r.explanation() }))
        .collect();
    let n_docs = data.docs.len();
    data.title = title;
    data.rules = rules;
    let mut sink = Sink::open(Some(&args.output))?;
    write_page(&mut sink, &data)?;
    sink.finish()?;
    if !args.quiet {
        let _ = writeln!(std::io::stderr(), "rinse: review page for {n_docs} document(s), {edits} edit(s): {}", args.output.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The UTF-16 offsets of sorted-or-not byte offsets into `text`.
fn utf16_offsets(text: &str, bytes: impl Iterator<Item = usize>) -> Vec<[usize; 2]> {
    let wanted: Vec<usize> = bytes.collect();
    let mut sorted: Vec<usize> = wanted.clone();
    sorted.sort_unstable();
    sorted.dedup();
    let mut map = std::collections::HashMap::with_capacity(sorted.len());
    let (mut pos, mut units) = (0usize, 0usize);
    let mut chars = text.char_indices().peekable();
    for b in sorted {
        while let Some(&(i, c)) = chars.peek() {
            if i >= b {
                break;
            }
            units += c.len_utf16();
            pos = i + c.len_utf8();
            chars.next();
        }
        let _ = pos;
        map.insert(b, units);
    }
    wanted.chunks(2).map(|p| [map[&p[0]], map[&p[1]]]).collect()
}

/// JSON safe inside a `<script>` element: no `<`, `>` or `&` (so no
/// `</script>` or `<!--`), no U+2028/U+2029, no bidirectional or C1 controls.
fn script_safe_json(v: &impl Serialize) -> Result<String> {
    let json = serde_json::to_string(v)?;
    use std::fmt::Write as _;
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Line separators end a JavaScript line; bidirectional
            // controls would reorder the page's source in a viewer.
            '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{80}'..='\u{9f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Base64 (standard alphabet, padded), for the script's CSP hash.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            out.push(if i <= chunk.len() { ABC[(n >> shift) as usize & 63] as char } else { '=' });
        }
    }
    out
}

/// The page: the template with CSS, script, its CSP hash and the data in place.
fn write_page(out: &mut impl Write, data: &PageData) -> Result<()> {
    use sha2::{Digest, Sha256};
    let hash = format!("sha256-{}", base64(&Sha256::digest(JS.as_bytes())));
    let json = script_safe_json(data)?;
    // Placeholders are filled in one pass, so text in the data can never be
    // read as a placeholder.
    let mut rest = TEMPLATE;
    while let Some(i) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..i])?;
        let Some(j) = rest[i..].find("}}") else { break };
        let value: &str = match &rest[i + 2..i + j] {
            "CSS" => CSS,
            "JS" => JS,
            "SCRIPT_HASH" => &hash,
            "DATA" => &json,
            other => anyhow::bail!("review template: unknown placeholder {other}"),
        };
        out.write_all(value.as_bytes())?;
        rest = &rest[i + j + 2..];
    }
    out.write_all(rest.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn embedded_json_cannot_close_the_script_element() {
        let s = script_safe_json(&serde_json::json!({ "t": "</script><!-- & \u{2028}\u{202e}" })).unwrap();
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}') && !s.contains('\u{202e}'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "</script><!-- & \u{2028}\u{202e}");
    }

    /// The page's own code cannot end its element early, and every
    /// placeholder of the template is known.
    #[test]
    fn assets_fit_their_elements_and_the_template_fills() {
        assert!(!JS.to_ascii_lowercase().contains("</script") && !CSS.to_ascii_lowercase().contains("</style"));
        let data = PageData { title: "t".into(), ..PageData::default() };
        let mut page = Vec::new();
        write_page(&mut page, &data).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(!page.contains("{{"), "a placeholder left");
        use sha2::{Digest, Sha256};
        assert!(page.contains(&format!("'sha256-{}'", base64(&Sha256::digest(JS.as_bytes())))));
        assert!(page.contains(JS) && page.contains(CSS));
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "a😀b中c";
        let b = text.find('b').unwrap();
        let c = text.find('c').unwrap();
        assert_eq!(utf16_offsets(text, [b, c, 0, 1].into_iter()), vec![[3, 5], [0, 1]]);
    }
}
