//! Learn site furniture from a corpus: a line that recurs verbatim (digits
//! masked) at the top or bottom of many documents is boilerplate of the site
//! they came from.
//!
//! ```
//! let docs = [
//!     "Welcome to the Example Group website\n\nThe plant opened in May.\n\nExample Group press office, 2024 edition, open on weekdays\n",
//!     "Welcome to the Example Group website\n\nSales rose by a fifth.\n\nExample Group press office, 2023 edition, open on weekdays\n",
//!     "Welcome to the Example Group website\n\nThe board met on Monday.\n\nExample Group press office, 2022 edition, open on weekdays\n",
//! ];
//! let rules = rinse::learn::learn(&docs, 3);
//! assert_eq!(rules.len(), 2);
//! let toml = rinse::learn::to_toml(&rules); // a rules file for `[boilerplate] rules_file`
//! assert!(toml.contains(r"^Example\s+Group\s+press\s+office,\s+\d+\s+edition,\s+open\s+on\s+weekdays$"));
//! ```

use crate::passes::boilerplate::{Boilerplate, Kind, RuleSpec, RulesFile, Zone};
use crate::passes::Setup;
use crate::text::lines::{is_prose_anchor as is_anchor, split_lines};
use std::collections::HashMap;

/// Longest line (bytes) considered: furniture is short.
const MAX_LINE: usize = 200;

/// A furniture line found recurring across documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnedRule {
    /// Anchored regex of the line: literal text, `\d+` for digit runs, `\s+`
    /// for spaces.
    pub pattern: String,
    /// The line as first seen.
    pub example: String,
    /// Where it was seen: header, footer, or both (edges).
    pub zone: Zone,
    /// In how many documents.
    pub count: usize,
    /// The longest word of the line, the rule's trigger (lower case).
    pub trigger: Option<String>,
}

impl LearnedRule {
    /// As a `[[rule]]` of a boilerplate rules file (code B114).
    pub fn to_spec(&self) -> RuleSpec {
        self.to_spec_as("B114")
    }

    /// As a rule learned from the batch being cleaned (code B118, review):
    /// what `rinse clean` adds when it gets many documents.
    pub fn to_batch_spec(&self) -> RuleSpec {
        RuleSpec { confidence: Some(crate::Confidence::Review), ..self.to_spec_as("B118") }
    }

    fn to_spec_as(&self, code: &str) -> RuleSpec {
        RuleSpec {
            code: code.into(),
            kind: Kind::Pattern,
            zone: self.zone,
            pattern: Some(self.pattern.clone()),
            triggers: self.trigger.iter().cloned().collect(),
            count: Some(self.count),
            matches: vec![self.example.clone()],
            ..RuleSpec::default()
        }
    }
}

#[derive(Default)]
struct Seen {
    docs: usize,
    last_doc: usize,
    header: bool,
    footer: bool,
    body: bool,
    example: String,
}

/// Lines with their digit runs masked: the key lines are counted under.
fn mask(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut prev_digit = false;
    let mut prev_space = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            if !prev_digit {
                out.push('#');
            }
            prev_digit = true;
            prev_space = false;
        } else if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
            prev_digit = false;
        } else {
            out.push(c);
            prev_digit = false;
            prev_space = false;
        }
    }
    out
}

/// The anchored regex of a line: digits → `\d+`, spaces → `\s+`.
fn pattern_of(t: &str) -> String {
    let mut p = String::from("^");
    let mut lit = String::new();
    let flush = |lit: &mut String, p: &mut String| {
        p.push_str(&regex::escape(lit));
        lit.clear();
    };
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c.is_whitespace() {
            flush(&mut lit, &mut p);
            let digit = c.is_ascii_digit();
            while chars.peek().is_some_and(|n| if digit { n.is_ascii_digit() } else { n.is_whitespace() }) {
                chars.next();
            }
            p.push_str(if digit { r"\d+" } else { r"\s+" });
        } else {
            lit.push(c);
        }
    }
    flush(&mut lit, &mut p);
    p.push('$');
    p
}

fn trigger_of(t: &str) -> Option<String> {
    t.split(|c: char| !c.is_alphabetic())
        .max_by_key(|w| w.len())
        .filter(|w| w.len() >= 3)
        .map(|w| w.to_lowercase())
}

/// Lines that recur (digits masked) at the top or bottom of at least
/// `min_docs` documents and that the built-in rules do not already remove,
/// most frequent first. A line also seen in a document's body is skipped.
pub fn learn(docs: &[&str], min_docs: usize) -> Vec<LearnedRule> {
    let min_docs = min_docs.max(2);
    let pass = Boilerplate::new(&Default::default(), &Setup::default()).expect("built-in boilerplate rules are valid");
    // Phase 1: count each short line once per document.
    let mut seen: HashMap<String, Seen> = HashMap::new();
    let mut per_doc: Vec<Vec<(usize, String)>> = Vec::with_capacity(docs.len());
    for (d, doc) in docs.iter().enumerate() {
        let lines = split_lines(doc);
        let removed = pass.removed_lines(doc);
        let mut keys = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let t = l.trimmed(doc);
            if t.is_empty() || t.len() > MAX_LINE || removed[i] {
                continue;
            }
            let key = mask(t);
            let s = seen.entry(key.clone()).or_default();
            if s.docs == 0 || s.last_doc != d {
                s.docs += 1;
                s.last_doc = d;
            }
            if s.example.is_empty() {
                s.example = t.to_string();
            }
            keys.push((i, key));
        }
        per_doc.push(keys);
    }
    // Phase 2: zones, with the recurring lines themselves not counted as prose.
    for (doc, keys) in docs.iter().zip(&per_doc) {
        let lines = split_lines(doc);
        let recurring: HashMap<usize, &String> =
            keys.iter().filter(|(_, k)| seen[k].docs >= min_docs).map(|(i, k)| (*i, k)).collect();
        if recurring.is_empty() {
            continue;
        }
        let prose = |i: usize| !recurring.contains_key(&i) && is_anchor(lines[i].trimmed(doc));
        let first = (0..lines.len()).find(|&i| prose(i));
        let last = (0..lines.len()).rev().find(|&i| prose(i));
        for (&i, k) in &recurring {
            let s = seen.get_mut(*k).expect("counted");
            match (first, last) {
                (Some(f), _) if i < f => s.header = true,
                (_, Some(l)) if i > l => s.footer = true,
                _ => s.body = true,
            }
        }
    }
    let mut out: Vec<LearnedRule> = seen
        .into_values()
        .filter(|s| s.docs >= min_docs && !s.body && (s.header || s.footer))
        .filter(|s| s.example.chars().filter(|c| !c.is_whitespace()).count() >= 2)
        .map(|s| LearnedRule {
            pattern: pattern_of(&s.example),
            zone: match (s.header, s.footer) {
                (true, false) => Zone::Header,
                (false, true) => Zone::Footer,
                _ => Zone::Edges,
            },
            count: s.docs,
            trigger: trigger_of(&s.example),
            example: s.example,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.example.cmp(&b.example)));
    out
}

/// A boilerplate rules file (the format of `rules/boilerplate.toml`) holding
/// `rules`, for `[boilerplate] rules_file`.
pub fn to_toml(rules: &[LearnedRule]) -> String {
    let file = RulesFile { rule: rules.iter().map(LearnedRule::to_spec).collect() };
    format!(
        "# Learned by `rinse learn`: lines recurring across documents (count = in how many).\n\
         # Review before use; delete any rule that would remove article text.\n\n{}",
        file.to_toml()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<String> {
        let stories = ["the plant and its workers", "the port", "a new bridge over the river", "the harvest"];
        stories
            .iter()
            .enumerate()
            .map(|(i, s)| {
                format!(
                    "Welcome to the Example Group website\n\nComrades and friends,\n\nThis is a long story about {s}.\n\nComrades and friends,\n\nIt ended well for {s}.\n\nExample Group press office, 1{i} Harbour Road, open on weekdays\n"
                )
            })
            .collect()
    }

    #[test]
    fn learns_recurring_header_and_footer_lines_only() {
        let docs = corpus();
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let rules = learn(&refs, 3);
        let examples: Vec<&str> = rules.iter().map(|r| r.example.as_str()).collect();
        assert_eq!(examples, ["Example Group press office, 10 Harbour Road, open on weekdays", "Welcome to the Example Group website"]);
        assert_eq!(rules[0].zone, Zone::Footer);
        assert_eq!(rules[0].count, 4);
        assert_eq!(rules[1].zone, Zone::Header);
    }

    #[test]
    fn learned_file_loads_and_removes_the_lines() {
        let docs = corpus();
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let toml = to_toml(&learn(&refs, 3));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("learned.toml");
        std::fs::write(&path, &toml).unwrap();
        let mut cfg = crate::Config::default();
        cfg.passes.boilerplate.rules_file = Some(path);
        let out = crate::Cleaner::new(cfg).unwrap().clean(
            "Welcome to the Example Group website\n\nA new story about the port.\n\nExample Group press office, 17 Harbour Road, open on weekdays\n",
        );
        assert_eq!(out.text, "A new story about the port.\n");
    }

    #[test]
    fn masks_digits_and_spaces_in_patterns() {
        assert_eq!(pattern_of("Page 12 of 30"), r"^Page\s+\d+\s+of\s+\d+$");
        assert_eq!(mask("Page 12  of 3"), "Page # of #");
    }
}
