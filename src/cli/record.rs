//! One JSON Lines record: find its text field, and write the record back
//! with only that field's value replaced (every other byte kept). Depends on
//! `serde_json` alone: the fuzz target `fuzz/fuzz_targets/jsonl_record.rs`
//! includes this very file.

use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;

/// Where a record's text field sits in its line.
pub struct Record {
    pub text: String,
    /// Byte span of the field's JSON value in `line`.
    pub span: std::ops::Range<usize>,
    pub id: Option<String>,
}

/// Parse one line: find `field` (a JSON string) and the record id.
pub fn parse_record<'a>(line: &'a str, field: &str, id_field: &str) -> Result<Record, String> {
    let map: HashMap<Cow<'a, str>, &'a RawValue> =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let raw = map.get(field).ok_or_else(|| format!("no field `{field}`"))?;
    let text: String =
        serde_json::from_str(raw.get()).map_err(|_| format!("field `{field}` is not a string"))?;
    let start = raw.get().as_ptr() as usize - line.as_ptr() as usize;
    let id = map.get(id_field).map(|v| {
        serde_json::from_str::<String>(v.get()).unwrap_or_else(|_| v.get().to_string())
    });
    Ok(Record { text, span: start..start + raw.get().len(), id })
}

/// Split a raw line into its content and its ending (`\n`, `\r\n` or none).
pub fn split_ending(raw: &[u8]) -> (&[u8], &[u8]) {
    let content = raw.strip_suffix(b"\n").map(|c| c.strip_suffix(b"\r").unwrap_or(c)).unwrap_or(raw);
    raw.split_at(content.len())
}

/// `line` with the field at `rec.span` now holding `cleaned`: the original
/// bytes (escapes and all) when the text did not change. Appended to `out`
/// up to the end of the field; the caller writes `line[rec.span.end..]`.
pub fn splice_field(out: &mut Vec<u8>, line: &str, rec: &Record, cleaned: &str) -> Result<(), String> {
    out.extend_from_slice(&line.as_bytes()[..rec.span.start]);
    if cleaned == rec.text {
        out.extend_from_slice(&line.as_bytes()[rec.span.clone()]);
    } else {
        let encoded = serde_json::to_string(cleaned).map_err(|_| "cannot encode output".to_string())?;
        out.extend_from_slice(encoded.as_bytes());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_span_points_at_the_field() {
        let line = r#"{"id": 7, "text": "a\"b", "x": 1.50}"#;
        let r = parse_record(line, "text", "id").unwrap();
        assert_eq!(&line[r.span.clone()], r#""a\"b""#);
        assert_eq!(r.text, "a\"b");
        assert_eq!(r.id.as_deref(), Some("7"));
    }

    #[test]
    fn missing_field_is_an_error() {
        assert!(parse_record(r#"{"id":1}"#, "text", "id").is_err());
        assert!(parse_record("not json", "text", "id").is_err());
        assert!(parse_record(r#"{"text": 5}"#, "text", "id").is_err());
    }

    #[test]
    fn splice_keeps_unchanged_escapes_and_replaces_changed_text() {
        let line = r#"{"text": "a\u0020b", "n": 1.50}"#;
        let rec = parse_record(line, "text", "id").unwrap();
        let mut out = Vec::new();
        splice_field(&mut out, line, &rec, "a b").unwrap();
        out.extend_from_slice(&line.as_bytes()[rec.span.end..]);
        assert_eq!(out, line.as_bytes());
        let mut out = Vec::new();
        splice_field(&mut out, line, &rec, "a\"c").unwrap();
        out.extend_from_slice(&line.as_bytes()[rec.span.end..]);
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"text": "a\"c", "n": 1.50}"#);
    }
}
