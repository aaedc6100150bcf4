//! Compiled rules and the per-line classifier.
//!
//! Each line is looked at once. Cheap shape checks come first (length, a colon
//! near the start, a separator, an extension); word lists are matched with
//! one aho-corasick automaton per kind; a rule's regex is tried only when one
//! of its trigger literals occurs in the line.

use super::shape;
use super::spec::{Kind, RuleSpec, Zone};
use crate::rules::Code;
use crate::edit::Confidence;
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use std::collections::HashMap;

/// Lines longer than this (bytes) are never furniture.
pub(crate) const MAX_FURNITURE_LEN: usize = 300;

/// Where a line sits in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    Header,
    Body,
    Footer,
}

impl Zone {
    pub(crate) fn admits_at(self, at: At) -> bool {
        match self {
            Zone::Anywhere => true,
            Zone::Edges => at != At::Body,
            Zone::Header => at == At::Header,
            Zone::Footer => at == At::Footer,
        }
    }
}

/// A compiled rule's fixed facts.
#[derive(Debug, Clone)]
pub(crate) struct RuleMeta {
    pub code: Code,
    pub kind: Kind,
    pub zone: Zone,
    pub key: Option<String>,
    pub confidence: Confidence,
}

impl Classifier {
    /// The `path` rule whose "home" names hold the line `t` alone (`Home`,
    /// `首页`): the head of a breadcrumb whose other segments sit on the
    /// next line (`Home` / ` > Government > News`).
    pub fn home_line(&self, t: &str) -> Option<usize> {
        let t = t.trim();
        if t.len() > 24 {
            return None;
        }
        let lower = t.to_lowercase();
        self.paths.iter().find(|(_, homes)| homes.contains(&lower)).map(|(rule, _)| *rule)
    }
}

impl RuleMeta {
    /// Shape heuristics (as opposed to explicit patterns and word lists):
    /// they never remove a sentence-like line.
    pub fn heuristic(&self) -> bool {
        matches!(self.kind, Kind::Path | Kind::Navbar | Kind::Date | Kind::Image)
    }
}

/// One rule that fired on a line, with the values it extracted.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub rule: usize,
    /// (rule whose `key` names the field, value).
    pub values: Vec<(usize, String)>,
}

fn ac(words: &[String], kind: MatchKind) -> Result<Option<AhoCorasick>> {
    if words.is_empty() {
        return Ok(None);
    }
    AhoCorasickBuilder::new()
        // A contiguous NFA: a DFA matched short lines no faster overall and
        // cost a third of the start-up to build.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .ascii_case_insensitive(true)
        .match_kind(kind)
        .start_kind(StartKind::Both)
        .build(words)
        .map(Some)
        .map_err(|e| Error::Rules { name: "boilerplate".into(), message: e.to_string() })
}

/// A word list compiled into one automaton, each word mapped to its rule.
#[derive(Default)]
struct Words {
    words: Vec<String>,
    rule: Vec<usize>,
    /// Further rules of a word several rules share (keyed by its index in
    /// `words`): the automaton reports one match per word.
    shared: HashMap<usize, Vec<usize>>,
    ac: Option<AhoCorasick>,
}

impl Words {
    fn add(&mut self, rule: usize, words: &[String]) {
        for w in words {
            if let Some(k) = self.words.iter().position(|x| x.eq_ignore_ascii_case(w)) {
                if self.rule[k] != rule {
                    self.shared.entry(k).or_default().push(rule);
                }
                continue;
            }
            self.words.push(w.clone());
            self.rule.push(rule);
        }
    }

    /// Every rule the word matched as pattern `k` belongs to.
    fn rules_of(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.rule[k]).chain(self.shared.get(&k).into_iter().flatten().copied())
    }
    fn build(&mut self, kind: MatchKind) -> Result<()> {
        self.ac = ac(&self.words, kind)?;
        Ok(())
    }
}

/// Every rule of the pass, compiled.
pub(crate) struct Classifier {
    pub rules: Vec<RuleMeta>,
    /// (rule, regex) of `pattern` rules.
    patterns: Vec<(usize, LazyRegex)>,
    triggers: Words,
    untriggered: Vec<usize>,
    /// The same for the rules that may fire in the body.
    body_triggers: Words,
    body_untriggered: Vec<usize>,
    /// Bit `kind as u32` set when a rule of that kind may fire in the body.
    in_body: u32,
    exact_max: usize,
    section_max: usize,
    /// (rule, regex) of `prefix` rules.
    prefixes: Vec<(usize, LazyRegex)>,
    exact: HashMap<String, usize>,
    labels: Words,
    locations: Words,
    actions: Words,
    sections: HashMap<String, usize>,
    section_rule: Option<usize>,
    /// (rule, lower-case home names)
    paths: Vec<(usize, Vec<String>)>,
    navbars: Vec<usize>,
    /// (rule, lower-case residue words)
    dates: Vec<(usize, Vec<String>)>,
    /// (rule, extensions)
    images: Vec<(usize, Vec<String>)>,
}

fn rules_err(i: usize, spec: &RuleSpec, message: String) -> Error {
    Error::Rules { name: "boilerplate".into(), message: format!("rule {} ({}): {message}", i + 1, spec.code) }
}

/// A regex compiled on first use: compiling all of a rule file's patterns
/// (Unicode classes make big automata) costs ~10 ms, more than cleaning a
/// typical article.
#[derive(Debug)]
struct LazyRegex {
    src: String,
    re: std::sync::OnceLock<Regex>,
}

impl LazyRegex {
    fn new(src: &str) -> Self {
        LazyRegex { src: src.to_string(), re: std::sync::OnceLock::new() }
    }

    fn get(&self) -> &Regex {
        self.re.get_or_init(|| {
            // Built-in patterns compile (a test compiles each); should one
            // ever not, it matches nothing rather than panicking.
            Regex::new(&self.src).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("a valid pattern"))
        })
    }
}

impl Classifier {
    /// Compile `specs`; `declared` are the pass's rule codes. The patterns
    /// of the first `builtin` specs (rinse's own rules, which the tests
    /// compile) are compiled when first used; the user's are compiled here,
    /// so a bad pattern is an error now.
    pub fn new(specs: &[RuleSpec], declared: &[&'static crate::rules::Rule], builtin: usize) -> Result<Self> {
        let mut c = Classifier {
            rules: Vec::with_capacity(specs.len()),
            patterns: Vec::new(),
            triggers: Words::default(),
            untriggered: Vec::new(),
            body_triggers: Words::default(),
            body_untriggered: Vec::new(),
            in_body: 0,
            exact_max: 0,
            section_max: 0,
            prefixes: Vec::new(),
            exact: HashMap::new(),
            labels: Words::default(),
            locations: Words::default(),
            actions: Words::default(),
            sections: HashMap::new(),
            section_rule: None,
            paths: Vec::new(),
            navbars: Vec::new(),
            dates: Vec::new(),
            images: Vec::new(),
        };
        for (i, s) in specs.iter().enumerate() {
            let Some(decl) = declared.iter().find(|r| r.code.eq_ignore_ascii_case(&s.code)) else {
                return Err(rules_err(i, s, "code is not a boilerplate rule (B1xx, see `rinse rules`)".into()));
            };
            c.rules.push(RuleMeta {
                code: Code(decl),
                kind: s.kind,
                zone: s.zone,
                key: s.key.clone(),
                confidence: s.confidence.unwrap_or(decl.confidence),
            });
            if s.zone.admits_at(At::Body) {
                c.in_body |= 1 << s.kind as u32;
            }
            let lower = || s.words.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
            let needs_words = !matches!(s.kind, Kind::Pattern | Kind::Prefix | Kind::Navbar | Kind::Date);
            if needs_words && s.words.is_empty() {
                return Err(rules_err(i, s, format!("kind {:?} needs `words`", s.kind)));
            }
            match s.kind {
                Kind::Pattern | Kind::Prefix => {
                    let Some(p) = &s.pattern else { return Err(rules_err(i, s, "needs `pattern`".into())) };
                    let re = LazyRegex::new(p);
                    if i >= builtin {
                        let compiled = Regex::new(p).map_err(|e| rules_err(i, s, e.to_string()))?;
                        let _ = re.re.set(compiled);
                    }
                    if s.kind == Kind::Prefix {
                        c.prefixes.push((i, re));
                    } else {
                        let idx = c.patterns.len();
                        c.patterns.push((i, re));
                        let body = s.zone.admits_at(At::Body);
                        if s.triggers.is_empty() {
                            c.untriggered.push(idx);
                            if body {
                                c.body_untriggered.push(idx);
                            }
                        } else {
                            c.triggers.add(idx, &s.triggers);
                            if body {
                                c.body_triggers.add(idx, &s.triggers);
                            }
                        }
                    }
                }
                Kind::Exact => {
                    for w in &s.words {
                        c.exact_max = c.exact_max.max(w.trim().len());
                        c.exact.entry(w.trim().to_string()).or_insert(i);
                    }
                }
                Kind::Labels => c.labels.add(i, &s.words),
                Kind::Location => c.locations.add(i, &s.words),
                Kind::Actions => c.actions.add(i, &s.words),
                Kind::Section => {
                    for w in lower() {
                        c.section_max = c.section_max.max(w.len());
                        c.sections.entry(w).or_insert(i);
                    }
                    c.section_rule.get_or_insert(i);
                }
                Kind::Path => c.paths.push((i, lower())),
                Kind::Navbar => c.navbars.push(i),
                Kind::Date => c.dates.push((i, lower())),
                Kind::Image => c.images.push((i, lower())),
            }
        }
        // Every trigger in a line counts, overlapping ones too (`(photo`
        // of one rule and `photo` of another).
        c.triggers.build(MatchKind::Standard)?;
        c.body_triggers.build(MatchKind::Standard)?;
        c.labels.build(MatchKind::LeftmostLongest)?;
        c.locations.build(MatchKind::LeftmostLongest)?;
        c.actions.build(MatchKind::LeftmostLongest)?;
        Ok(c)
    }

    /// Every rule (but `prefix` and breadcrumb-derived `section` ones) that
    /// fires on the trimmed line `t`, zone not yet considered, best first.
    /// With `body`, only rules that may fire in the body are tried.
    pub fn classify(&self, t: &str, body: bool) -> Vec<Hit> {
        // A font-size or share widget at the end of a line
        // (`ehangzhou.gov.cn| Updated: March 23, 2020 L M S`): the line is
        // what it is without it.
        if let Some(head) = icon_row_tail(t) {
            let hits = self.classify_line(head, body);
            if !hits.is_empty() {
                return hits;
            }
        }
        self.classify_line(t, body)
    }

    fn classify_line(&self, t: &str, body: bool) -> Vec<Hit> {
        let mut hits = Vec::new();
        if t.is_empty() || t.len() > MAX_FURNITURE_LEN {
            return hits;
        }
        let try_kind = |k: Kind| !body || self.in_body & (1 << k as u32) != 0;
        if t.len() <= self.exact_max {
            if let Some(&rule) = self.exact.get(t) {
                hits.push(Hit { rule, values: Vec::new() });
            }
        }
        let bytes = t.as_bytes();
        let head = &bytes[..t.len().min(72)];
        if memchr::memchr(b':', head).is_some() || memchr::memmem::find(head, "：".as_bytes()).is_some() {
            if let Some(h) = self.location(t) {
                hits.push(h);
            }
            if let Some(h) = self.label_line(t) {
                hits.push(h);
            }
        }
        self.patterns_on(t, body, &mut hits);
        if t.len() <= 120 && try_kind(Kind::Actions) {
            if let Some(h) = self.actions_line(t) {
                hits.push(h);
            }
        }
        if t.len() <= self.section_max && try_kind(Kind::Section) {
            if let Some(&rule) = self.sections.get(&t.to_lowercase()) {
                hits.push(Hit { rule, values: value(rule, t) });
            }
        }
        let any_sep = memchr::memchr3(b'>', 0xBB, 0xBA, bytes).is_some() || memchr::memchr2(0x92, 0x9E, bytes).is_some();
        if any_sep && try_kind(Kind::Path) {
            let (lead, trail) = shape::path_edges(t);
            // `> Government > News`: cut off after its home, still a path
            // (`>>Home >City Guide`: every leading separator goes).
            let seps = ['>', '»', '›', '→', '＞'];
            let bare = t.trim_start_matches(seps);
            let tail = if !lead {
                None
            } else if t.len() - bare.len() == t.chars().next().map_or(0, char::len_utf8) {
                shape::path_segments(bare)
            } else {
                // Two marks or more open it: only before a home name.
                shape::path_segments(bare.trim_start())
                    .filter(|s| s.first().is_some_and(|h| self.paths.iter().any(|(_, homes)| homes.contains(&h.to_lowercase()))))
            };
            if let Some(mut segs) = tail.or_else(|| shape::path_segments(t)) {
                // `Position:Home > Company News`: a label before the home name.
                if let Some(home) = segs.first().copied().and_then(shape::after_label) {
                    if self.paths.iter().any(|(_, homes)| homes.contains(&home.to_lowercase())) {
                        segs[0] = home;
                    }
                }
                let cut = (lead && segs.len() >= 2) || (trail && t.len() <= 40 && !segs.is_empty());
                // `Home > News > Company News > <the headline>`: after a home
                // name and a section, the last segment may be the page title.
                let headline_last = segs.len() >= 3
                    && self.paths.iter().any(|(_, homes)| homes.contains(&segs[0].to_lowercase()))
                    && segs.last().is_some_and(|s| shape::title_like(s));
                let items = if headline_last { &segs[..segs.len() - 1] } else { &segs[..] };
                if (segs.len() >= 2 || cut) && items.iter().all(|s| shape::item_like(s, 6, 60)) {
                    for (rule, homes) in &self.paths {
                        if segs.len() >= 3 || cut || homes.contains(&segs[0].to_lowercase()) {
                            hits.push(Hit { rule: *rule, values: value(*rule, &segs.join(" > ")) });
                            break;
                        }
                    }
                }
            }
        }
        if !any_sep && try_kind(Kind::Path) && memchr::memchr(b'/', bytes).is_some() {
            if let Some(segs) = shape::slash_path_segments(t).filter(|s| s.iter().all(|s| shape::item_like(s, 6, 60))) {
                if let Some((rule, _)) = self.paths.first() {
                    hits.push(Hit { rule: *rule, values: value(*rule, &segs.join(" > ")) });
                }
            }
        }
        let any_bar = memchr::memchr3(b'|', 0x9C, 0xA8, bytes).is_some();
        if any_bar && try_kind(Kind::Navbar) {
            if let Some(&rule) = self.navbars.first() {
                if shape::navbar(t) {
                    hits.push(Hit { rule, values: Vec::new() });
                }
            }
        }
        if t.len() <= 80 && try_kind(Kind::Date) {
            for (rule, residue) in &self.dates {
                if let Some(d) = shape::date_line(t, residue) {
                    hits.push(Hit { rule: *rule, values: value(*rule, d) });
                    break;
                }
            }
        }
        // An image name: one token, or a few words before an extension.
        if memchr::memchr(b' ', bytes).is_none() || t.len() <= 120 && bytes.len() > 5 && memchr::memrchr(b'.', &bytes[bytes.len() - 6..]).is_some() {
            for (rule, exts) in &self.images {
                if let Some(n) = shape::image_name(t, exts) {
                    hits.push(Hit { rule: *rule, values: value(*rule, n) });
                    break;
                }
            }
        }
        hits
    }

    /// The section rule, if `t` repeats a breadcrumb segment.
    pub fn section_from_breadcrumb(&self, t: &str, segments: &[String]) -> Option<Hit> {
        let rule = self.section_rule?;
        (t.len() <= 80 && segments.iter().any(|s| s.eq_ignore_ascii_case(t) || s.to_lowercase() == t.to_lowercase()))
            .then(|| Hit { rule, values: value(rule, t) })
    }

    /// A `prefix` rule matching at the start of `line` (untrimmed): (rule,
    /// length of the prefix, value).
    pub fn prefix(&self, line: &str) -> Option<(usize, usize, String)> {
        for (rule, re) in &self.prefixes {
            let re = re.get();
            if let Some(c) = re.captures(line) {
                let m = c.get(0)?;
                if m.start() == 0 && !m.is_empty() {
                    return Some((*rule, m.end(), group_value(re, &c).unwrap_or_default()));
                }
            }
        }
        None
    }

    fn patterns_on(&self, t: &str, body: bool, hits: &mut Vec<Hit>) {
        let (words, untriggered) =
            if body { (&self.body_triggers, &self.body_untriggered) } else { (&self.triggers, &self.untriggered) };
        let mut tried: u128 = 0;
        let mut run = |idx: usize, hits: &mut Vec<Hit>| {
            if idx < 128 {
                if tried & (1 << idx) != 0 {
                    return;
                }
                tried |= 1 << idx;
            }
            let (rule, re) = &self.patterns[idx];
            let re = re.get();
            if let Some(c) = re.captures(t) {
                let v = group_value(re, &c);
                hits.push(Hit { rule: *rule, values: v.map(|v| (*rule, v)).into_iter().collect() });
            }
        };
        if let Some(ac) = &words.ac {
            for m in ac.find_overlapping_iter(t) {
                for idx in words.rules_of(m.pattern().as_usize()) {
                    run(idx, hits);
                }
            }
        }
        for &idx in untriggered {
            run(idx, hits);
        }
    }

    fn location(&self, t: &str) -> Option<Hit> {
        let ac = self.locations.ac.as_ref()?;
        let s = strip_open(t);
        let m = ac.find(Input::new(s).anchored(Anchored::Yes))?;
        let rule = self.locations.rule[m.pattern().as_usize()];
        let v = after_colon(s, m.end())?.trim();
        let v = v.trim_end_matches([')', '）', '】', ']']);
        if v.len() > 200 || v.ends_with(['.', '。', '!', '?']) {
            return None;
        }
        // After a location label a spaced `-` or `/` joins segments too
        // (`You are here:Home - Show Info - Exhibition News`).
        let segs: Vec<&str> = shape::path_segments(v).or_else(|| shape::dash_segments(v)).unwrap_or_else(|| vec![v]);
        if segs.len() == 1 && v.split_whitespace().count() > 3 {
            return None;
        }
        // The last segment may be the article's title; the others are short.
        let (last, rest) = segs.split_last()?;
        if rest.iter().any(|s| s.split_whitespace().count() > 8) || last.split_whitespace().count() > if rest.is_empty() { 8 } else { 24 } {
            return None;
        }
        let joined = segs.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" > ");
        Some(Hit { rule, values: value(rule, &joined) })
    }

    /// A line made of `Label: value` pairs, the first label at its start.
    fn label_line(&self, t: &str) -> Option<Hit> {
        let ac = self.labels.ac.as_ref()?;
        let s = strip_open(t);
        let s = s.trim_end_matches([')', '）', '】', ']']);
        ac.find(Input::new(s).anchored(Anchored::Yes))?;
        let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (label start, value start, rule)
        for m in ac.find_iter(s) {
            let w = &self.labels.words[m.pattern().as_usize()];
            if w.starts_with(|c: char| c.is_ascii_alphabetic())
                && s[..m.start()].chars().next_back().is_some_and(|c| c.is_ascii_alphabetic())
            {
                continue;
            }
            let Some(rest) = after_colon(s, m.end()) else { continue };
            found.push((m.start(), s.len() - rest.len(), self.labels.rule[m.pattern().as_usize()]));
        }
        if found.first()?.0 != 0 {
            return None;
        }
        let mut values = Vec::new();
        for (i, &(_, vstart, rule)) in found.iter().enumerate() {
            let vend = found.get(i + 1).map_or(s.len(), |n| n.0);
            let v = s[vstart..vend]
                .trim()
                .trim_end_matches(|c: char| matches!(c, '|' | '｜' | '丨' | '/' | ',' | '，' | ';' | '；' | '、') || c.is_whitespace());
            let contact = self.rules[rule].key.as_deref() == Some("contact");
            if !(shape::value_like(v) || contact && shape::address_like(v)) {
                return None;
            }
            let v = v.strip_suffix('.').unwrap_or(v).trim();
            if !v.is_empty() {
                values.push((rule, v.to_string()));
            }
        }
        // A row of labels is furniture wherever one of its labels is
        // (`Publisher:…Release time:…Views:…`).
        let rule = found.iter().map(|f| f.2).find(|&r| self.rules[r].zone.admits_at(At::Body)).unwrap_or(found[0].2);
        Some(Hit { rule, values })
    }

    /// Only page actions (`打印`, `Close`, `Share to`) and punctuation: walk
    /// the line with anchored matches, so a prose line fails at its first word.
    fn actions_line(&self, t: &str) -> Option<Hit> {
        // A row of actions ends without a period (`search.` is a sentence's tail).
        if t.ends_with('.') {
            return None;
        }
        let ac = self.actions.ac.as_ref()?;
        // A row of three to six single letters: the glyphs of an icon font
        // (share buttons `f t g m`, font sizes `L M S`).
        let b = t.as_bytes();
        if (5..=11).contains(&b.len()) && b.len() % 2 == 1 && b.iter().enumerate().all(|(k, c)| if k % 2 == 0 { c.is_ascii_alphabetic() } else { *c == b' ' }) {
            return self.actions.rule.first().map(|&rule| Hit { rule, values: Vec::new() });
        }
        let skip = |from: usize| {
            t[from..].char_indices().find(|(_, c)| c.is_alphanumeric()).map_or(t.len(), |(i, _)| from + i)
        };
        let mut pos = skip(0);
        let mut rule = None;
        while pos < t.len() {
            let m = ac.find(Input::new(t).range(pos..).anchored(Anchored::Yes))?;
            let w = &self.actions.words[m.pattern().as_usize()];
            // ASCII words must stand alone ("Top" is not "Topics").
            if w.ends_with(|c: char| c.is_ascii_alphabetic())
                && t[m.end()..].chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            {
                return None;
            }
            rule.get_or_insert(self.actions.rule[m.pattern().as_usize()]);
            pos = skip(m.end());
        }
        rule.map(|rule| Hit { rule, values: Vec::new() })
    }

    /// Does rule `rule` remove the trimmed line `t` when it sits in `at`?
    pub fn fires(&self, rule: usize, t: &str, at: At) -> bool {
        let meta = &self.rules[rule];
        if meta.kind == Kind::Prefix {
            return self.prefix(t).is_some_and(|p| p.0 == rule);
        }
        self.classify(t.trim(), at == At::Body)
            .into_iter()
            .find(|h| {
                let m = &self.rules[h.rule];
                m.zone.admits_at(at) && !(m.heuristic() && shape::reads_as_prose(t.trim(), m.kind == Kind::Path, shape::sentence_like(t.trim())))
            })
            .is_some_and(|h| h.rule == rule)
    }
}

/// The line before a row of three to six single letters that ends it
/// (` L M S`, ` f t g m`: the glyphs of an icon font), when there is one.
pub(super) fn icon_row_tail(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    let mut k = b.len();
    let mut letters = 0;
    while k >= 2 && b[k - 1].is_ascii_alphabetic() && b[k - 2] == b' ' && letters < 6 {
        letters += 1;
        k -= 2;
    }
    (letters >= 3).then(|| t[..k].trim_end()).filter(|h| !h.is_empty())
}

fn value(rule: usize, v: &str) -> Vec<(usize, String)> {
    vec![(rule, v.to_string())]
}

fn group_value(re: &Regex, c: &regex::Captures<'_>) -> Option<String> {
    re.capture_names()
        .enumerate()
        .filter(|(_, n)| n.is_some_and(|n| n.starts_with('v')))
        .find_map(|(i, _)| c.get(i))
        .map(|m| m.as_str().trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `t` without leading brackets (`(Source: …)`, `【责任编辑：…】`).
fn strip_open(t: &str) -> &str {
    // (And a list bullet: `• Source: Dongyang Information Network`.)
    t.trim_start_matches(['(', '（', '【', '[', '〔', '•', '·', '▪', '■', '●']).trim_start()
}

/// The text after a colon that follows `end` (spaces allowed before it).
fn after_colon(s: &str, end: usize) -> Option<&str> {
    let rest = s[end..].trim_start_matches([' ', '\t']);
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

#[cfg(test)]
mod icon_tests {
    #[test]
    fn an_icon_row_at_the_end_of_a_line_is_cut_off() {
        assert_eq!(super::icon_row_tail("ehangzhou.gov.cn| Updated: March 23, 2020 L M S"), Some("ehangzhou.gov.cn| Updated: March 23, 2020"));
        assert_eq!(super::icon_row_tail("Share f t g m"), Some("Share"));
        assert_eq!(super::icon_row_tail("in a b"), None);
        assert_eq!(super::icon_row_tail("L M S"), None);
        assert_eq!(super::icon_row_tail("Plan B"), None);
    }
}
