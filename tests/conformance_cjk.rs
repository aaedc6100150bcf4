//! The peers' own formatter test pairs (read from `../shared/conformance/`,
//! never copied here): autocorrect (by Jason Lee, MIT; 251 pairs) and pangu.js
//! (by Vinta, MIT; 508 pairs). They format Chinese copywriting and rinse
//! repairs English MT text, so their `expected` is not rinse's target (see
//! `../shared/conformance/README.md`). What must hold for rinse's default
//! `clean` on every pair:
//!
//! - the sequence of Han characters is unchanged;
//! - in a text with Han, no full-width mark the peer keeps is lost;
//! - no `。 ` is invented (a `。` or a space after one that neither the input
//!   nor the peer has);
//! - a text with Hangul is left alone;
//! - code spans and templates (`` `…` ``, fenced blocks, `${…}`, `{{…}}`) are
//!   not edited.
//!
//! The count of pairs whose output equals the peer's expected output is
//! printed and held above a floor.

use rinse::text::script::{is_cjk_punct, is_han};
use rinse::{Cleaner, Config};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Pair {
    file: String,
    test: String,
    input: String,
    expected: String,
}

fn load(peer: &str) -> Option<Vec<Pair>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance").join(peer).join("pairs.json");
    let text = std::fs::read_to_string(&path).ok()?;
    Some(serde_json::from_str(&text).expect("valid pairs.json"))
}

fn han(s: &str) -> String {
    s.chars().filter(|&c| is_han(c)).collect()
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// Full-width marks the peer keeps (in its input and in its expected output)
/// that `out` lost, as `mark × missing`.
fn marks_lost(input: &str, expected: &str, out: &str) -> Vec<String> {
    let mut marks: Vec<char> = input.chars().filter(|&c| is_cjk_punct(c)).collect();
    marks.sort_unstable();
    marks.dedup();
    let count = |s: &str, m: char| s.chars().filter(|&c| c == m).count();
    marks
        .into_iter()
        .filter_map(|m| {
            let kept = count(input, m).min(count(expected, m));
            let have = count(out, m);
            (have < kept).then(|| format!("{m}×{}", kept - have))
        })
        .collect()
}

/// Invented sentence breaks: a `。 ` that neither the input nor the peer
/// has, or a `。` where the input had neither `。` nor a `.` after a Han
/// character (the only period rinse may make `。`).
fn breaks_invented(input: &str, expected: &str, out: &str) -> usize {
    let n = |s: &str, pat: &str| s.matches(pat).count();
    let spaced = n(out, "。 ").saturating_sub(n(input, "。 ").max(n(expected, "。 ")));
    let periods_after_han = input.char_indices().filter(|&(k, c)| c == '.' && input[..k].chars().next_back().is_some_and(is_han)).count();
    let stops = n(out, "。").saturating_sub(n(input, "。") + periods_after_han);
    spaced + stops
}

/// Code spans and templates of `s`, in order: fenced blocks, inline code,
/// `${…}`, `{{…}}`.
fn code_spans(s: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &s[i..];
        let close = if let Some(body) = rest.strip_prefix("```") {
            body.find("```").map(|k| k + 6)
        } else if let Some(body) = rest.strip_prefix('`') {
            body.find(['`', '\n']).filter(|&k| k > 0 && body.as_bytes()[k] == b'`').map(|k| k + 2)
        } else if rest.starts_with("${") {
            rest.find('}').map(|k| k + 1)
        } else if rest.starts_with("{{") {
            rest.find("}}").map(|k| k + 2)
        } else {
            None
        };
        match close {
            Some(len) => {
                spans.push(&s[i..i + len]);
                i += len;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    spans
}

/// The code spans of `input` missing from `out` (each must appear, in order).
fn code_edited<'a>(input: &'a str, out: &str) -> Vec<&'a str> {
    let mut at = 0;
    let mut missing = Vec::new();
    for span in code_spans(input) {
        match out[at..].find(span) {
            Some(k) => at += k + span.len(),
            None => missing.push(span),
        }
    }
    missing
}

#[derive(Default)]
struct Tally {
    pairs: usize,
    equal: usize,
    unchanged: usize,
    han: Vec<String>,
    marks: Vec<String>,
    breaks: Vec<String>,
    korean: Vec<String>,
    code: Vec<String>,
}

fn run(peer: &str, pairs: &[Pair], cleaner: &Cleaner) -> Tally {
    let mut t = Tally::default();
    for (n, p) in pairs.iter().enumerate() {
        let out = cleaner.clean(&p.input).text;
        let id = format!("{peer}#{n} ({} / {}): {:?}\n    -> {:?}", p.file, p.test, p.input, out);
        t.pairs += 1;
        t.equal += usize::from(out == p.expected);
        t.unchanged += usize::from(out == p.input);
        if han(&out) != han(&p.input) {
            t.han.push(id.clone());
        }
        if p.input.chars().any(is_han) {
            let lost = marks_lost(&p.input, &p.expected, &out);
            if !lost.is_empty() {
                t.marks.push(format!("{id}\n    lost {}", lost.join(" ")));
            }
        }
        if breaks_invented(&p.input, &p.expected, &out) > 0 {
            t.breaks.push(id.clone());
        }
        if p.input.chars().any(is_hangul) && out != p.input {
            t.korean.push(id.clone());
        }
        let edited = code_edited(&p.input, &out);
        if !edited.is_empty() {
            t.code.push(format!("{id}\n    edited {edited:?}"));
        }
    }
    t
}

/// Pairs equal to the peer's expected output, measured when this test was
/// written; raise them when rinse gets closer.
const FLOOR_AUTOCORRECT: usize = 100;
const FLOOR_PANGU: usize = 147;

#[test]
fn peers_pairs_keep_chinese_intact() {
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let mut failures = Vec::new();
    let mut seen = 0;
    for (peer, floor) in [("autocorrect", FLOOR_AUTOCORRECT), ("pangu", FLOOR_PANGU)] {
        let Some(pairs) = load(peer) else {
            eprintln!("../shared/conformance/{peer} not found: skipped");
            continue;
        };
        seen += 1;
        assert!(pairs.len() > 200, "{peer}: expected many pairs, found {}", pairs.len());
        let t = run(peer, &pairs, &cleaner);
        eprintln!(
            "{peer}: {} pairs, {} equal to the peer's output, {} left unchanged; Han changed {}, marks lost {}, \
             breaks invented {}, Korean changed {}, code spans edited {}",
            t.pairs,
            t.equal,
            t.unchanged,
            t.han.len(),
            t.marks.len(),
            t.breaks.len(),
            t.korean.len(),
            t.code.len()
        );
        for (what, list) in [
            ("Han sequence changed", &t.han),
            ("full-width mark the peer keeps lost", &t.marks),
            ("`。 ` invented", &t.breaks),
            ("Korean text changed", &t.korean),
            ("code span edited", &t.code),
        ] {
            for item in list {
                failures.push(format!("{what}: {item}"));
            }
        }
        if t.equal < floor {
            failures.push(format!("{peer}: {} pairs equal to the peer's output (floor {floor})", t.equal));
        }
    }
    if seen == 0 {
        return;
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_checks_catch_damage() {
    // Each check must be able to fail.
    assert_ne!(han("中文。"), han("中又。"));
    assert_eq!(marks_lost("请访问：https://x.cn/a.html。", "请访问：https://x.cn/a.html。", "请访问：https://x.cn/a.html."), vec!["。×1"]);
    assert!(marks_lost("a、b", "a, b", "a, b").is_empty());
    assert_eq!(breaks_invented("的陷阱。详细的", "的陷阱。详细的", "的陷阱。 详细的"), 1);
    assert_eq!(breaks_invented("编程Node.js", "编程 Node.js", "编程。 Node.js"), 2);
    assert_eq!(breaks_invented("你好.", "你好。", "你好。"), 0);
    assert_eq!(breaks_invented("前面.", "前面.", "前面。"), 0);
    assert_eq!(breaks_invented("a.b 中文", "a.b 中文", "a。b 中文"), 1);
    assert_eq!(code_spans("a `x，y` b ${t('，')} {{ k }} ```\nc：d\n```"), vec!["`x，y`", "${t('，')}", "{{ k }}", "```\nc：d\n```"]);
    assert_eq!(code_edited("`a，b`和`c`", "`a, b`和`c`"), vec!["`a，b`"]);
    assert!(code_edited("``代码第1行", "``代码第1行。").is_empty());
}
