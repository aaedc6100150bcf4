//! Encoding detection on real pages: every seed and realworld page
//! (`../shared/seeds`, `../shared/realworld`) re-encoded in UTF-16LE/BE (with
//! and without a BOM), GB18030, GBK and Big5 must clean to exactly what its
//! UTF-8 original cleans to. A page an encoding cannot hold (Big5 has no
//! simplified Han) is skipped for that encoding and counted.

use rinse::{Cleaner, Config};
use std::path::PathBuf;

fn pages() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared");
    let mut out = Vec::new();
    for dir in ["seeds", "realworld"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("UTF-8 page");
            out.push((format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()), text));
        }
    }
    out
}

/// Bytes of a page in one encoding, `None` when the encoding cannot hold it.
type Encode = fn(&str) -> Option<Vec<u8>>;

fn utf16(text: &str, be: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = (bom.then_some(0xFEFF)).into_iter().chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn legacy(text: &str, enc: &'static encoding_rs::Encoding) -> Option<Vec<u8>> {
    let (bytes, _, unmappable) = enc.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

#[test]
fn re_encoded_pages_clean_like_their_utf8_originals() {
    let pages = pages();
    if pages.is_empty() {
        eprintln!("../shared pages not found: skipped");
        return;
    }
    let c = Cleaner::new(Config::default()).unwrap();
    let variants: [(&str, Encode); 7] = [
        ("UTF-16LE+BOM", |t| Some(utf16(t, false, true))),
        ("UTF-16LE", |t| Some(utf16(t, false, false))),
        ("UTF-16BE+BOM", |t| Some(utf16(t, true, true))),
        ("UTF-16BE", |t| Some(utf16(t, true, false))),
        ("GB18030", |t| legacy(t, encoding_rs::GB18030)),
        ("GBK", |t| legacy(t, encoding_rs::GBK)),
        ("Big5", |t| legacy(t, encoding_rs::BIG5)),
    ];
    let mut failures = Vec::new();
    let mut table = String::new();
    for (vname, make) in &variants {
        let (mut ok, mut skipped, mut bad) = (0, 0, 0);
        for (name, text) in &pages {
            let Some(bytes) = make(text) else {
                skipped += 1;
                continue;
            };
            let want = c.clean(text).text;
            let got = c.clean_bytes(&bytes);
            if got.text == want {
                ok += 1;
            } else {
                bad += 1;
                failures.push(format!("{vname} {name}: decoded as {}", got.report.decode.encoding));
            }
        }
        table.push_str(&format!("{vname:<13} {ok:>3} right {bad:>3} wrong {skipped:>3} not encodable\n"));
    }
    eprintln!("{table}");
    assert!(failures.is_empty(), "re-encoded pages misread:\n{}", failures.join("\n"));
}

/// Han lines of the pages in GBK, 20 bytes and longer, decode to themselves.
#[test]
fn short_gbk_lines_are_read_as_gbk() {
    let mut lines: Vec<String> = Vec::new();
    for (_, text) in pages() {
        for line in text.lines() {
            let line = line.trim();
            if line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                lines.push(line.to_string());
            }
        }
    }
    let (mut tried, mut wrong) = (0, Vec::new());
    for line in &lines {
        let Some(bytes) = legacy(line, encoding_rs::GBK) else { continue };
        if bytes.len() < 20 || bytes.len() > 200 || bytes.is_ascii() {
            continue;
        }
        tried += 1;
        let (text, info) = rinse::decode::decode(&bytes, None);
        if text != line.as_str() {
            wrong.push(format!("{line:?} read as {}: {text:?}", info.encoding));
        }
    }
    eprintln!("short GBK lines: {} of {tried} right", tried - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
