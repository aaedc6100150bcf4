//! The report as JSON, written by hand: byte for byte what `serde_json`
//! writes for [`Report`] (pretty, two-space indent, or one line), at several
//! times its speed. serde_json's writer makes a call into the output per
//! token (a key, a colon, an indent); a report of a 20 MB page holds a
//! hundred thousand edits of a dozen keys each, and writing it cost as much
//! as cleaning the page. Here tokens go into one buffer (flushed every
//! 64 KiB) and strings are escaped a run at a time. The small, rare parts of
//! a report (`decode`, `counts`, `metadata`, `language`, `warnings`) still
//! go through serde_json. Tests compare both writers on real reports.

use super::{EditPart, Report, ReportEdit, SkippedEdit};
use crate::edit::Confidence;
use std::io::{self, Write};

const FLUSH_AT: usize = 1 << 16;

/// A JSON writer with serde_json's layout (`PrettyFormatter` or
/// `CompactFormatter`).
struct Out<W: Write> {
    w: W,
    buf: Vec<u8>,
    pretty: bool,
    indent: usize,
    /// serde_json's `has_value`: the container being closed holds a value.
    has_value: bool,
}

impl<W: Write> Out<W> {
    fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    #[inline]
    fn newline(&mut self) {
        // A line ending and the indent in one copy (reports nest 5 deep).
        const NL: &[u8; 41] = b"\n                                        ";
        match NL.get(..1 + 2 * self.indent) {
            Some(s) => self.buf.extend_from_slice(s),
            None => {
                self.buf.push(b'\n');
                for _ in 0..self.indent {
                    self.buf.extend_from_slice(b"  ");
                }
            }
        }
    }

    #[inline]
    fn open(&mut self, c: u8) {
        self.indent += 1;
        self.has_value = false;
        self.buf.push(c);
    }

    #[inline]
    fn close(&mut self, c: u8) {
        self.indent -= 1;
        if self.pretty && self.has_value {
            self.newline();
        }
        self.buf.push(c);
        self.has_value = true;
    }

    /// Before an array element or an object key.
    #[inline]
    fn item(&mut self, first: bool) {
        if !first {
            self.buf.push(b',');
        }
        if self.pretty {
            self.newline();
        }
    }

    /// An object key (`first` in its object?) and the colon after it. Keys
    /// are the report's field names: nothing to escape.
    #[inline]
    fn key(&mut self, first: bool, k: &str) {
        debug_assert!(k.bytes().all(|c| ESCAPE[c as usize] == 0));
        self.item(first);
        self.buf.push(b'"');
        self.buf.extend_from_slice(k.as_bytes());
        self.buf.extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
    }

    #[inline]
    fn uint(&mut self, n: usize) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n as u64;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&digits[i..]);
    }

    /// A JSON string, escaped as serde_json escapes (`"`, `\`, and control
    /// characters below U+0020; everything else as is).
    fn string(&mut self, s: &str) {
        let b = s.as_bytes();
        self.buf.reserve(b.len() + 2);
        self.buf.push(b'"');
        let mut start = 0;
        for (i, &c) in b.iter().enumerate() {
            let esc = ESCAPE[c as usize];
            if esc == 0 {
                continue;
            }
            self.buf.extend_from_slice(&b[start..i]);
            match esc {
                b'u' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.buf.extend_from_slice(b"\\u00");
                    self.buf.push(HEX[(c >> 4) as usize]);
                    self.buf.push(HEX[(c & 0xf) as usize]);
                }
                e => self.buf.extend_from_slice(&[b'\\', e]),
            }
            start = i + 1;
        }
        self.buf.extend_from_slice(&b[start..]);
        self.buf.push(b'"');
    }

    fn strings(&mut self, v: &[String]) {
        self.open(b'[');
        for (i, s) in v.iter().enumerate() {
            self.item(i == 0);
            self.string(s);
            self.has_value = true;
        }
        self.close(b']');
    }

    fn confidence(&mut self, c: Confidence) {
        self.string(match c {
            Confidence::Suggest => "suggest",
            Confidence::Review => "review",
            Confidence::Safe => "safe",
        });
    }

    /// Any other value, through serde_json, at the current indent.
    fn serde<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> io::Result<()> {
        if !self.pretty {
            return serde_json::to_writer(&mut self.buf, v).map_err(io::Error::from);
        }
        let text = serde_json::to_vec_pretty(v).map_err(io::Error::from)?;
        // A pretty value nested `indent` deep is the value at depth 0 with
        // each line indented more (JSON strings hold no raw newline).
        let mut lines = text.split(|&c| c == b'\n');
        self.buf.extend_from_slice(lines.next().unwrap_or_default());
        for line in lines {
            self.newline();
            self.buf.extend_from_slice(line);
        }
        Ok(())
    }

    fn edit(&mut self, e: &ReportEdit) {
        self.buf.reserve(400 + e.before.len() + e.after.len());
        self.open(b'{');
        self.key(true, "start");
        self.uint(e.start);
        self.key(false, "end");
        self.uint(e.end);
        self.key(false, "line");
        self.uint(e.line);
        self.key(false, "column");
        self.uint(e.column);
        self.key(false, "before");
        self.string(&e.before);
        self.key(false, "after");
        self.string(&e.after);
        self.key(false, "codes");
        self.strings(&e.codes);
        self.key(false, "confidence");
        self.confidence(e.confidence);
        self.key(false, "reasons");
        self.strings(&e.reasons);
        if let Some(parts) = &e.parts {
            self.key(false, "parts");
            self.open(b'[');
            for (i, p) in parts.iter().enumerate() {
                self.item(i == 0);
                self.part(p);
            }
            self.close(b']');
        }
        self.has_value = true;
        self.close(b'}');
    }

    fn part(&mut self, p: &EditPart) {
        self.open(b'{');
        self.key(true, "n");
        self.uint(p.n);
        self.key(false, "codes");
        self.strings(&p.codes);
        self.key(false, "confidence");
        self.confidence(p.confidence);
        self.key(false, "reasons");
        self.strings(&p.reasons);
        self.key(false, "after");
        self.string(&p.after);
        self.has_value = true;
        self.close(b'}');
    }

    fn skipped(&mut self, s: &SkippedEdit) {
        self.open(b'{');
        self.key(true, "pass");
        self.string(&s.pass);
        self.key(false, "round");
        self.uint(s.round);
        self.key(false, "code");
        self.string(&s.code);
        self.key(false, "start");
        self.uint(s.start);
        self.key(false, "end");
        self.uint(s.end);
        self.key(false, "replacement");
        self.string(&s.replacement);
        self.key(false, "reason");
        self.string(&s.reason);
        self.has_value = true;
        self.close(b'}');
    }

    fn edits(&mut self, edits: &[ReportEdit]) -> io::Result<()> {
        self.open(b'[');
        for (i, e) in edits.iter().enumerate() {
            self.item(i == 0);
            self.edit(e);
            self.flush_if_full()?;
        }
        self.close(b']');
        Ok(())
    }
}

/// How serde_json escapes each byte: 0 none, `u` as `\u00XX`, else `\` and
/// that letter.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// A field added to a report when it is written: corpus records name their
/// document (`path` first; `line` and `file` last).
pub type Extra<'a> = (&'a str, &'a serde_json::Value);

impl Report {
    /// Write the report as JSON to `w`: exactly what serde_json writes for
    /// it (`pretty`: `to_writer_pretty`, else `to_writer`), with the
    /// `before` fields ahead of the report's own and the `after` fields
    /// behind them (as a struct with `#[serde(flatten)]` would be written).
    /// No line ending is added.
    pub fn write_json<W: Write>(&self, w: W, pretty: bool, before: &[Extra], after: &[Extra]) -> io::Result<()> {
        let cap = (self.edits.len() * 512 + 2048).min(FLUSH_AT + 4096);
        let mut o = Out { w, buf: Vec::with_capacity(cap), pretty, indent: 0, has_value: false };
        o.open(b'{');
        let mut first = true;
        for (k, v) in before {
            o.item(first);
            o.string(k);
            o.buf.extend_from_slice(if pretty { b": " } else { b":" });
            o.serde(*v)?;
            first = false;
        }
        o.key(first, "rinse_version");
        o.string(&self.rinse_version);
        o.key(false, "input");
        match &self.input {
            Some(s) => o.string(s),
            None => o.buf.extend_from_slice(b"null"),
        }
        o.key(false, "decode");
        o.serde(&self.decode)?;
        o.key(false, "input_hash");
        o.string(&self.input_hash);
        o.key(false, "output_hash");
        o.string(&self.output_hash);
        if !self.input_sha256.is_empty() {
            o.key(false, "input_sha256");
            o.string(&self.input_sha256);
        }
        if !self.output_sha256.is_empty() {
            o.key(false, "output_sha256");
            o.string(&self.output_sha256);
        }
        o.key(false, "input_bytes");
        o.uint(self.input_bytes);
        o.key(false, "output_bytes");
        o.uint(self.output_bytes);
        o.key(false, "edits");
        o.edits(&self.edits)?;
        o.key(false, "skipped");
        o.open(b'[');
        for (i, s) in self.skipped.iter().enumerate() {
            o.item(i == 0);
            o.skipped(s);
            o.flush_if_full()?;
        }
        o.close(b']');
        o.key(false, "suggestions");
        o.edits(&self.suggestions)?;
        o.key(false, "counts");
        o.serde(&self.counts)?;
        o.key(false, "metadata");
        o.serde(&self.metadata)?;
        o.key(false, "language");
        o.serde(&self.language)?;
        o.key(false, "warnings");
        o.serde(&self.warnings)?;
        for (k, v) in after {
            o.item(false);
            o.string(k);
            o.buf.extend_from_slice(if pretty { b": " } else { b":" });
            o.serde(*v)?;
        }
        o.has_value = true;
        o.close(b'}');
        o.w.write_all(&o.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(report: &Report) {
        for pretty in [true, false] {
            let mut mine = Vec::new();
            report.write_json(&mut mine, pretty, &[], &[]).unwrap();
            let theirs = if pretty { serde_json::to_vec_pretty(report) } else { serde_json::to_vec(report) }.unwrap();
            assert_eq!(String::from_utf8_lossy(&mine), String::from_utf8_lossy(&theirs), "pretty: {pretty}");
        }
        // Corpus records: `path` first (clean over files), `line` and `file` last (JSONL).
        #[derive(serde::Serialize)]
        struct First<'a> {
            path: &'a str,
            #[serde(flatten)]
            report: &'a Report,
        }
        let mut mine = Vec::new();
        report.write_json(&mut mine, false, &[("path", &json!("a/b.txt"))], &[]).unwrap();
        assert_eq!(mine, serde_json::to_vec(&First { path: "a/b.txt", report }).unwrap());
        let mut v = serde_json::to_value(report).unwrap();
        v.as_object_mut().unwrap().insert("line".into(), 7.into());
        v.as_object_mut().unwrap().insert("file".into(), "x.jsonl".into());
        let mut mine = Vec::new();
        report.write_json(&mut mine, false, &[], &[("line", &json!(7)), ("file", &json!("x.jsonl"))]).unwrap();
        assert_eq!(String::from_utf8(mine).unwrap(), serde_json::to_string(&v).unwrap());
    }

    #[test]
    fn same_bytes_as_serde_json() {
        let cleaner = crate::Cleaner::new(crate::Config::default()).unwrap();
        let hostile = "\u{0}\u{1}\u{8}\t\u{b}\u{c}\r\u{1f}\u{7f} \"q\" \\ \u{2028} é 中文。Text,It is\n";
        for text in [
            "",
            "clean text\n",
            hostile,
            "  A diligent man comes early in spring。On the first day,It rose 1.2.7 billion yuan.\n\n\n\"Quote\"said he.\n",
            "Sales rose 1.2.7 million units.",
        ] {
            check(&cleaner.clean(text).report);
        }
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                check(&cleaner.clean_bytes(&std::fs::read(&path).unwrap()).report);
            }
        }
        // Hand-made: parts, skipped edits, metadata, language, warnings, an input path.
        let mut r = cleaner.clean("d today,The x\n").report;
        assert!(r.edits.iter().any(|e| e.parts.is_some()), "{:?}", r.edits);
        r.input = Some("dir/\"odd\"\u{1}.txt".into());
        r.skipped.push(SkippedEdit {
            pass: "quotes".into(),
            round: 1,
            code: "Q101".into(),
            start: 3,
            end: 9,
            replacement: "\"\n\"".into(),
            reason: "why\t".into(),
        });
        r.metadata.insert("date".into(), json!("2024-02-18"));
        r.metadata.insert("nested".into(), json!({"a": [1, {"b": null}], "c": []}));
        r.language = Some(json!({"english_fraction": 0.25, "spans": [], "o": {}}));
        r.warnings.push("a warning\nwith a newline".into());
        r.decode.warnings.push("weak guess".into());
        r.decode.replacements.extend([1, 20]);
        check(&r);
        // A report read from an old file keeps its SHA-256 fields.
        r.input_sha256 = "ab".repeat(32);
        r.output_sha256 = "cd".repeat(32);
        check(&r);
        r.edits.clear();
        r.skipped.clear();
        r.counts.clear();
        r.metadata.clear();
        r.language = None;
        r.warnings.clear();
        check(&r);
    }
}
