//! Untranslated Chinese and English/Chinese boundaries (family L).
//!
//! Machine translation leaves whole Chinese sentences inside English
//! paragraphs, half-translated sentences (`※这是Xi Jinping总书记…的讲话。`),
//! Chinese labels in English lines, and English glued to Chinese with no
//! boundary (`in the new era10年辛苦不寻常`). The `segment` module splits
//! each line that holds CJK letters into labelled sentences; this pass then
//!
//! - repairs glued boundaries (L001, L002),
//! - applies the `cjk` policy of the [`crate::Config`] to untranslated text:
//!   `keep` (nothing), `drop` (L101 sentences, L102 fragments inside English
//!   sentences), `mark` (L103, `[zh]…[/zh]`), `extract` (like drop, and each
//!   removed piece is pushed to [`Context::extracted`]),
//! - optionally spaces Han and Latin inside Chinese sentences (L201, off by
//!   default),
//! - and, in the first round only, fills [`Context::language`] with the
//!   document's language statistics and warns when it is mostly untranslated.
//!
//! Fast path: a text without a possible CJK lead byte ([`crate::text::script::may_lead_cjk`])
//! (the UTF-8 lead bytes of CJK letters) has no CJK letter; the pass only
//! counts sentences for the statistics and returns no edits. Lines without
//! CJK letters are never segmented, and in lines with some only windows
//! around the CJK letters (a sentence of context on each side) are.
//!
//! ## Extracted records (`cjk = "extract"`)
//! One JSON object per removed piece, pushed in the round that removes it
//! (so exactly once):
//!
//! ```json
//! {"kind": "sentence", "label": "chinese", "start": 120, "end": 171,
//!  "text": "对此,习近平总书记作了深邃思考、深刻论述。",
//!  "before": "The productive forces are ... productive forces。",
//!  "after": "The General Secretary creatively put forward ...", "round": 0}
//! ```
//!
//! `start`/`end` are byte offsets of `text` in this pass's input in that
//! round (after the encoding … numbers passes ran), not in the original
//! document. `before`/`after` are the nearest kept English sentences in the
//! same paragraph (`null` if none). For a `"fragment"` (a CJK run inside an
//! English sentence) they are the English sentence's text before and after
//! the fragment.
//!
//! ## Statistics (`report.language`)
//! `han_chars`, `han_share` (Han characters / non-whitespace characters),
//! `sentences` (`english`, `chinese`, `mixed`, `other`), `untranslated_bytes`
//! (non-whitespace bytes of CJK-dominated sentences and CJK fragments),
//! `english_fraction` (1 − untranslated bytes / non-whitespace bytes; a CJK
//! character weighs its 3 UTF-8 bytes, about the English letters its
//! translation takes), `guess` (whatlang's language, script, confidence and
//! reliability on a ≤ 256-byte sample from the middle of the text, among
//! English, Chinese, Japanese, Korean, French, German, Spanish, Portuguese,
//! Italian and Russian; only for documents with CJK letters unless
//! `[language] guess_every_document = true`, since whatlang costs more than
//! the rest of the pass on a typical document). Sentences of eight or more
//! CJK characters are labelled with whatlang (Chinese, or Japanese/Korean:
//! other).

mod segment;

use crate::passes::kit::CjkPolicy;
use crate::edit::{Confidence::Review, Confidence::Safe, Edit};
use crate::error::{Error, Result};
use crate::passes::kit::{Context, Pass, Setup};
use crate::text::script::{is_han, may_lead_cjk};
use segment::{Label, RunKind, SegmentOptions, Sentence};
use serde_json::{json, Value};
use std::ops::Range;
use std::sync::LazyLock;

crate::declare_rules! { pass = "language";
    /// ## What it fixes
    /// An English sentence glued to the Chinese sentence after it, with no
    /// punctuation between them, gets a full stop and a space.
    ///
    /// ## Example
    /// ```text
    /// Confidence comes from 10 years of great practice in the new era10年辛苦不寻常，习近平总书记带领我们团结奋斗。
    /// ```
    /// Becomes:
    /// ```text
    /// Confidence comes from 10 years of great practice in the new era. 10年辛苦不寻常，习近平总书记带领我们团结奋斗。
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The speech by Xi Jinping在山东考察。
    /// ```
    ///
    /// ## Why review
    /// The split needs an English clause of at least three words followed by
    /// a Chinese sentence of at least six characters; digits touching the
    /// Chinese (`10年`) go with it. The clause could still be a title that
    /// wants no full stop. A boundary that already has `。` is left to the
    /// punctuation pass.
    L001 = ("english-chinese-boundary", Review, true, "full stop between an English and a glued Chinese sentence");
    /// ## What it fixes
    /// A Chinese sentence followed by an English one with no space: a space
    /// after its `。` (Safe), or `。` and a space when it has no terminator.
    ///
    /// ## Example
    /// ```text
    /// 中国发展面貌一新、格局一新、气象一新。The historic achievements are rare.
    /// ```
    /// Becomes:
    /// ```text
    /// 中国发展面貌一新、格局一新、气象一新。 The historic achievements are rare.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力推进中国式现代化建设。
    /// 主要的陷阱。详细的解释请看[参考页](/zh-CN/docs/Web/JavaScript/Reference/Global_Objects/Proxy/handler)。
    /// 热爱科学、互联网、编程Node.js Web C++ Julia Python
    /// ```
    ///
    /// ## Why review
    /// Adding `。` needs an English clause of three or more words starting
    /// with a capital, holding lower-case words (`Node.js` is one word), after
    /// at least six Han characters; it could be a heading. The space alone
    /// is safe: mixed text separates scripts by a space after a full stop.
    /// Neither goes between two Chinese sentences (the next one must start
    /// with a Latin letter or digit) or inside a path or URL.
    L002 = ("chinese-english-boundary", Review, true, "boundary between a Chinese and a glued English sentence");
    /// ## What it fixes
    /// Under `cjk = "drop"` (or `"extract"`): an untranslated sentence (a
    /// Chinese sentence, or a mixed one dominated by Chinese such as
    /// `※这是Xi Jinping总书记…的讲话。`) is removed with the space after it.
    ///
    /// ## With `cjk = "drop"`
    /// ```text
    /// …productive forces。对此,习近平总书记作了深邃思考、深刻论述。The General Secretary…
    /// ```
    /// becomes `…productive forces。The General Secretary…` (the punctuation
    /// pass then makes `。` a full stop).
    ///
    /// ## Why safe
    /// Only runs when the user asked to drop untranslated text; a sentence
    /// counts as untranslated when its CJK letters weigh (in UTF-8 bytes) at
    /// least as much as its Latin letters, so English sentences quoting a
    /// Chinese name stay. Every removal is in the report.
    L101 = ("drop-untranslated-sentence", Safe, true, "untranslated sentence removed (cjk = drop/extract)");
    /// ## What it fixes
    /// Under `cjk = "drop"` (or `"extract"`): a CJK fragment inside an
    /// English sentence (a label, an untranslated clause) is removed with the
    /// separator after it, so no Han character is left (except those in
    /// `[language] allow`).
    ///
    /// ## With `cjk = "drop"`
    /// ```text
    /// Make a series of major decisions,谱写了习近平经济思想的新篇章,Promoting high-quality development
    /// ```
    /// becomes `Make a series of major decisions,Promoting high-quality development`.
    ///
    /// ## Why safe
    /// Only runs when the user asked to drop untranslated text.
    L102 = ("drop-cjk-fragment", Safe, true, "untranslated fragment removed (cjk = drop/extract)");
    /// ## What it fixes
    /// Under `cjk = "mark"`: untranslated sentences and fragments are wrapped
    /// in markers (`[language] marker_open`/`marker_close`, default
    /// `[zh]`/`[/zh]`) for a later translation step.
    ///
    /// ## With `cjk = "mark"`
    /// ```text
    /// history。接过历史的接力棒,建设一个现代化的新广东。The time
    /// ```
    /// becomes `history。[zh]接过历史的接力棒,建设一个现代化的新广东。[/zh] The time`.
    ///
    /// ## Why safe
    /// Only runs when asked; the text inside the markers is unchanged, and
    /// marked text is recognized and never marked twice.
    L103 = ("mark-untranslated", Safe, true, "untranslated text marked (cjk = mark)");
    /// ## What it fixes
    /// Spacing between Han characters and Latin words or digits inside a
    /// Chinese sentence (the "pangu" convention). Off by default.
    ///
    /// ## Example
    /// ```text
    /// 2024年3月5日，中央军委主席Xi Jinping参加审议。
    /// ```
    /// Becomes:
    /// ```text
    /// 2024 年 3 月 5 日，中央军委主席 Xi Jinping 参加审议。
    /// ```
    ///
    /// ## Why safe
    /// Only inside sentences dominated by CJK letters; spaces change no word.
    /// It is a house style, hence opt-in.
    L201 = ("pangu-spacing", Safe, false, "space between Han and Latin or digits");
}

const R_ENGLISH_END: &str = "full stop between an English and a glued Chinese sentence";
const R_SPACE_AFTER_CJK: &str = "space between a Chinese and an English sentence";
const R_CHINESE_END: &str = "Chinese sentence glued to English gets 。";
const R_DROP: &str = "untranslated sentence removed";
const R_EXTRACT: &str = "untranslated sentence removed and extracted";
const R_DROP_FRAGMENT: &str = "untranslated fragment removed";
const R_EXTRACT_FRAGMENT: &str = "untranslated fragment removed and extracted";
const R_MARK: &str = "untranslated text marked";
const R_PANGU: &str = "space between Han and Latin or digits";

/// CJK sentences labelled with whatlang (per document).
const MAX_SENTENCE_CHECKS: usize = 64;
/// Fewest CJK characters in a sentence whatlang is asked about.
const MIN_CHECK_CJK: usize = 8;
/// Bytes of the sample for the document-level guess.
const GUESS_SAMPLE: usize = 256;

/// Options of the language pass (`[language]` in rinse.toml). The policy
/// itself is the top-level `cjk` key.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Marker opening untranslated text under `cjk = "mark"`.
    pub marker_open: String,
    /// Marker closing untranslated text under `cjk = "mark"`.
    pub marker_close: String,
    /// CJK characters that are not untranslated text (treated as
    /// punctuation, kept under `drop`), e.g. `"·"` or `"元"`.
    pub allow: String,
    /// Warn when `english_fraction` is below this (0 disables).
    pub warn_below: f64,
    /// Run whatlang's document guess on documents without CJK letters too
    /// (costs 20–40 µs per document; off: their `guess` is `null`).
    pub guess_every_document: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { marker_open: "[zh]".into(), marker_close: "[/zh]".into(), allow: String::new(), warn_below: 0.5, guess_every_document: false }
    }
}

/// The language pass.
pub struct Language {
    policy: CjkPolicy,
    open: String,
    close: String,
    seg: SegmentOptions,
    warn_below: f64,
    /// Removing sentences (drop/extract with L101 on).
    remove_sentences: bool,
    /// Removing fragments (drop/extract with L102 on).
    remove_fragments: bool,
    /// Marking (mark with L103 on).
    marking: bool,
    pangu: bool,
    guess_every_document: bool,
    /// whatlang limited to the languages a scraped page plausibly is in
    /// (an allowlist makes it several times faster).
    detector: whatlang::Detector,
}

impl Language {
    /// Build the pass for `config`.
    pub fn new(options: &Options, setup: &Setup) -> Result<Self> {
        let o = options;
        if setup.cjk == CjkPolicy::Mark && (o.marker_open.is_empty() || o.marker_close.is_empty()) {
            return Err(Error::Config { path: None, message: "[language] markers must not be empty".into() });
        }
        let removing = matches!(setup.cjk, CjkPolicy::Drop | CjkPolicy::Extract);
        Ok(Language {
            policy: setup.cjk,
            open: o.marker_open.clone(),
            close: o.marker_close.clone(),
            seg: SegmentOptions { allow: o.allow.chars().collect() },
            warn_below: o.warn_below,
            remove_sentences: removing && setup.is_enabled(L101),
            remove_fragments: removing && setup.is_enabled(L102),
            marking: setup.cjk == CjkPolicy::Mark && setup.is_enabled(L103),
            pangu: setup.is_enabled(L201),
            guess_every_document: o.guess_every_document,
            detector: whatlang::Detector::with_allowlist({
                use whatlang::Lang::*;
                vec![Eng, Cmn, Jpn, Kor, Fra, Deu, Spa, Por, Ita, Rus]
            }),
        })
    }
}


/// Per-document counts gathered in the first round.
#[derive(Debug, Default)]
struct Stats {
    han: usize,
    english: usize,
    chinese: usize,
    mixed: usize,
    other: usize,
    untranslated_bytes: usize,
    checks: usize,
}

impl Pass for Language {
    fn run(&self, text: &str, cx: &mut Context) -> Vec<Edit> {
        let first = cx.round == 0 && cx.language.is_none();
        if !has_may_lead_cjk(text.as_bytes()) {
            if first {
                let stats = Stats { english: count_plain_sentences(text), ..Stats::default() };
                self.finish(text, stats, cx);
            }
            return Vec::new();
        }
        let mut stats = Stats::default();
        let mut edits = Vec::new();
        // `pos` is the start of a line: the lines before it are done.
        let mut pos = 0;
        while let Some(line) = segment::next_cjk_line(text, pos) {
            // The lines in between hold no CJK letter: only counted.
            if first {
                stats.english += count_plain_sentences(&text[pos..line.start]);
            }
            let (pos_, line) = (line.start, &text[line]);
            let view = self.view(line);
            let mut done = 0;
            for w in segment::windows(&view) {
                let sents = segment::segment_line(&view[w.clone()], pos_ + w.start, &self.seg);
                if first {
                    stats.english += count_plain_sentences(&line[done..w.start]);
                    self.count(text, &sents, &mut stats);
                }
                self.line_edits(text, pos_ + w.start..pos_ + w.end, &sents, cx, &mut edits);
                done = w.end;
            }
            if first {
                stats.english += count_plain_sentences(&line[done..]);
            }
            pos = pos_ + line.len() + 1;
        }
        if first {
            stats.english += count_plain_sentences(text.get(pos..).unwrap_or(""));
            self.finish(text, stats, cx);
        }
        edits
    }
}

impl Language {
    /// The line as the segmenter sees it: under `mark`, markers are blanked
    /// (same length) so marked text segments like unmarked text.
    fn view<'a>(&self, line: &'a str) -> std::borrow::Cow<'a, str> {
        if self.policy != CjkPolicy::Mark || !(line.contains(&self.open) || line.contains(&self.close)) {
            return line.into();
        }
        let mut v = line.replace(&self.open, &" ".repeat(self.open.len()));
        v = v.replace(&self.close, &" ".repeat(self.close.len()));
        v.into()
    }

    fn is_marked(&self, text: &str, r: &Range<usize>) -> bool {
        text[..r.start].ends_with(&self.open) && text[r.end..].starts_with(&self.close)
    }

    /// Statistics of one segmented line.
    fn count(&self, text: &str, sents: &[Sentence], st: &mut Stats) {
        for s in sents {
            st.han += s.han();
            // whatlang on CJK sentences long enough to judge: Chinese, or
            // Japanese/Korean (other). Cheap: for these scripts whatlang
            // counts characters instead of comparing trigram profiles.
            let (cjk, latin) = s.runs.iter().fold((0, 0), |(c, l), r| (c + r.han + r.kana_hangul, l + r.latin_bytes));
            let label = if s.cjk_dominant && cjk >= MIN_CHECK_CJK && cjk >= latin && st.checks < MAX_SENTENCE_CHECKS {
                st.checks += 1;
                match whatlang::detect(&text[s.range.clone()]).map(|i| i.lang()) {
                    Some(whatlang::Lang::Jpn | whatlang::Lang::Kor) => Label::Other,
                    Some(whatlang::Lang::Cmn) if s.label == Label::Other => Label::Chinese,
                    _ => s.label,
                }
            } else {
                s.label
            };
            match label {
                Label::English => st.english += 1,
                Label::Chinese => st.chinese += 1,
                Label::Mixed => st.mixed += 1,
                Label::Other => st.other += 1,
                Label::Neutral => {}
            }
            if s.cjk_dominant {
                st.untranslated_bytes += non_space_bytes(&text[s.range.clone()]);
            } else {
                for r in s.runs.iter().filter(|r| r.kind == RunKind::Cjk) {
                    st.untranslated_bytes += non_space_bytes(&text[r.range.start..r.core_end]);
                }
            }
        }
    }

    /// Fill `cx.language` and warn when the document is mostly untranslated.
    fn finish(&self, text: &str, st: Stats, cx: &mut Context) {
        let (content, chars) = content_counts(text);
        let english_fraction =
            if content == 0 { 1.0 } else { 1.0 - st.untranslated_bytes.min(content) as f64 / content as f64 };
        let guess = (st.han > 0 || self.guess_every_document).then(|| self.detector.detect(sample(text))).flatten().map(|i| {
            json!({
                "lang": i.lang().code(),
                "script": i.script().name(),
                "confidence": round4(i.confidence()),
                "reliable": i.is_reliable(),
            })
        });
        cx.language = Some(json!({
            "han_chars": st.han,
            "han_share": if chars == 0 { 0.0 } else { round4(st.han as f64 / chars as f64) },
            "sentences": {"english": st.english, "chinese": st.chinese, "mixed": st.mixed, "other": st.other},
            "untranslated_bytes": st.untranslated_bytes,
            "english_fraction": round4(english_fraction),
            "guess": guess,
        }));
        if self.warn_below > 0.0 && content > 0 && english_fraction < self.warn_below {
            cx.warnings.push(format!(
                "mostly untranslated: {:.0}% of the text is English ({} chinese, {} mixed, {} english sentences)",
                english_fraction * 100.0,
                st.chinese,
                st.mixed,
                st.english
            ));
        }
    }

    /// Edits for one window of a line (`line` is its absolute range) and
    /// its sentences.
    fn line_edits(&self, text: &str, line: Range<usize>, sents: &[Sentence], cx: &mut Context, edits: &mut Vec<Edit>) {
        let removed: Vec<bool> = sents.iter().map(|s| self.remove_sentences && s.cjk_dominant).collect();
        // The character the previous sentence ends with once edited.
        let mut prev_end: Option<char> = None;
        for (i, s) in sents.iter().enumerate() {
            let next = sents.get(i + 1);
            let mut end_char = text[..s.range.end].chars().next_back();
            // L001: English glued to the CJK sentence after it.
            if let Some(t) = next.filter(|t| t.glued && t.cjk_dominant && !s.cjk_dominant) {
                end_char = self.english_boundary(text, s, t, removed[i + 1], edits);
            }
            if removed[i] {
                self.remove_sentence(text, &line, sents, &removed, i, prev_end, cx, edits);
            } else if s.cjk_dominant {
                let marking = self.marking && !self.is_marked(text, &s.range);
                // L002: kept Chinese glued to the English after it.
                let mut add_stop = false;
                // Only before English: never between two Chinese sentences
                // (`陷阱。详细的解释请看[参考页](/zh-CN/docs/…)。` is not
                // dominated by Han, but is Chinese).
                let glued_english = next.filter(|t| {
                    !t.cjk_dominant && t.label != Label::Neutral && t.range.start == s.range.end && starts_latin(&text[t.range.clone()])
                });
                if let (Some(t), Some(last)) = (glued_english, end_char) {
                    if is_terminator(last) || ends_with_terminator_then_close(&text[s.range.clone()]) {
                        edits.push(Edit::insertion(s.range.end, " ", L002, Safe, R_SPACE_AFTER_CJK));
                    } else if t.glued && (is_han(last) || last.is_ascii_digit() || is_closing(last)) {
                        if marking {
                            add_stop = true;
                            edits.push(Edit::insertion(s.range.end, " ", L002, Safe, R_SPACE_AFTER_CJK));
                        } else {
                            edits.push(Edit::insertion(s.range.end, "。 ", L002, Review, R_CHINESE_END));
                        }
                    }
                }
                if marking {
                    let stop = if add_stop { "。" } else { "" };
                    let repl = format!("{}{}{stop}{}", self.open, &text[s.range.clone()], self.close);
                    edits.push(Edit::replacement(s.range.clone(), repl, L103, Safe, R_MARK));
                } else if self.pangu {
                    pangu(text, &s.range, edits);
                }
            } else if s.has_cjk() {
                self.fragments(text, s, cx, edits);
                // L002: `…development,等等。We must` keeps `。` and gets a space.
                let last = s.runs.last().filter(|r| r.kind == RunKind::Cjk && terminal_fragment(text, s, r));
                let glued_next =
                    next.is_some_and(|t| !t.cjk_dominant && t.range.start == s.range.end && starts_latin(&text[t.range.clone()]));
                if last.is_some() && glued_next && !self.remove_fragments {
                    edits.push(Edit::insertion(s.range.end, " ", L002, Safe, R_SPACE_AFTER_CJK));
                }
            }
            prev_end = end_char;
        }
    }

    /// L001 between English `s` and the glued CJK sentence `t`. Returns the
    /// character `s` ends with after the edit.
    fn english_boundary(&self, text: &str, s: &Sentence, t: &Sentence, t_removed: bool, edits: &mut Vec<Edit>) -> Option<char> {
        let e = s.range.end;
        let last = text[..e].chars().next_back()?;
        let touching = e == t.range.start && !t_removed;
        if last.is_alphanumeric() || is_closing(last) {
            let ins = if touching { ". " } else { "." };
            edits.push(Edit::insertion(e, ins, L001, Review, R_ENGLISH_END));
            Some('.')
        } else if matches!(last, '.' | '!' | '?') {
            if touching {
                edits.push(Edit::insertion(e, " ", L001, Safe, R_ENGLISH_END));
            }
            Some(last)
        } else {
            Some(last)
        }
    }

    /// L101: remove untranslated sentence `i` of a line.
    #[allow(clippy::too_many_arguments)]
    fn remove_sentence(
        &self,
        text: &str,
        line: &Range<usize>,
        sents: &[Sentence],
        removed: &[bool],
        i: usize,
        prev_end_char: Option<char>,
        cx: &mut Context,
        edits: &mut Vec<Edit>,
    ) {
        let s = &sents[i];
        let prev_kept = (0..i).rev().find(|&j| !removed[j]);
        let next_kept = (i + 1..sents.len()).find(|&j| !removed[j]);
        let group_first = i == 0 || !removed[i - 1];
        let mut range = s.range.start..sents.get(i + 1).map_or(line.end, |t| t.range.start);
        let mut repl = "";
        match (prev_kept, next_kept) {
            (Some(p), None) if group_first => {
                // Removed up to the line end: take the space before it too.
                range.start = sents[p].range.end;
                range.end = line.end;
            }
            (_, None) => range.end = line.end,
            // Sentences touching: keep them apart, except after `。`, which
            // the punctuation pass turns into `. `.
            (Some(p), Some(_))
                if group_first
                    && sents[p].range.end == s.range.start
                    && !matches!(prev_end_char, Some('。' | '！' | '？')) =>
            {
                repl = " ";
            }
            _ => {}
        }
        let extracting = self.policy == CjkPolicy::Extract;
        let reason = if extracting { R_EXTRACT } else { R_DROP };
        edits.push(Edit::replacement(range, repl, L101, Safe, reason));
        if extracting {
            let english = |j: Option<usize>| {
                j.filter(|&j| sents[j].label == Label::English)
                    .map_or(Value::Null, |j| Value::from(&text[sents[j].range.clone()]))
            };
            let before = (0..i).rev().find(|&j| !removed[j] && sents[j].label == Label::English);
            let after = (i + 1..sents.len()).find(|&j| !removed[j] && sents[j].label == Label::English);
            cx.extracted.push(json!({
                "kind": "sentence",
                "label": s.label.as_str(),
                "start": s.range.start,
                "end": s.range.end,
                "text": &text[s.range.clone()],
                "before": english(before),
                "after": english(after),
                "round": cx.round,
            }));
        }
    }

    /// L102 / L103 on the CJK runs inside an English sentence.
    fn fragments(&self, text: &str, s: &Sentence, cx: &mut Context, edits: &mut Vec<Edit>) {
        for r in s.runs.iter().filter(|r| r.kind == RunKind::Cjk && r.cjk_bytes > 0) {
            let core = r.range.start..r.core_end;
            if self.remove_fragments {
                let (start, end, repl) = if terminal_fragment(text, s, r) {
                    // `development,等等。We` → `development. We`: the
                    // sentence keeps its end.
                    let kept = text[s.range.start..core.start].trim_end_matches(CLAUSE_GLUE);
                    let stop = if kept.ends_with(['.', '!', '?']) {
                        ""
                    } else {
                        match text[..core.end].chars().next_back() {
                            Some('！') => "!",
                            Some('？') => "?",
                            _ => ".",
                        }
                    };
                    let glued = text[core.end..].chars().next().is_some_and(|c| !c.is_whitespace());
                    (s.range.start + kept.len(), core.end, format!("{stop}{}", if glued { " " } else { "" }))
                } else if let Some((a, b)) = bracketed(text, &core) {
                    // `the conference (中国共产党第二十次全国代表大会)`: the
                    // brackets go too.
                    (a, b, String::new())
                } else {
                    let mut end = core.end;
                    let after = &text[end..s.range.end];
                    if let Some(c) = after.chars().next().filter(|&c| matches!(c, ',' | '，' | ':' | '：' | ';' | '；' | '、')) {
                        end += c.len_utf8();
                    }
                    let before = text[..core.start].chars().next_back();
                    if core.start == s.range.start || before.is_some_and(char::is_whitespace) {
                        let rest = &text[end..s.range.end];
                        end += rest.len() - rest.trim_start().len();
                    }
                    let after = text[end..].chars().next();
                    let joins = before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
                    (core.start, end, if joins { " ".to_string() } else { String::new() })
                };
                let extracting = self.policy == CjkPolicy::Extract;
                let reason = if extracting { R_EXTRACT_FRAGMENT } else { R_DROP_FRAGMENT };
                edits.push(Edit::replacement(start..end, repl, L102, Safe, reason));
                if extracting {
                    cx.extracted.push(json!({
                        "kind": "fragment",
                        "label": "chinese",
                        "start": core.start,
                        "end": core.end,
                        "text": &text[core.clone()],
                        "before": text[s.range.start..start].trim(),
                        "after": text[end..s.range.end].trim(),
                        "round": cx.round,
                    }));
                }
            } else if self.marking && !self.is_marked(text, &core) {
                let repl = format!("{}{}{}", self.open, &text[core.clone()], self.close);
                edits.push(Edit::replacement(core, repl, L103, Safe, R_MARK));
            }
        }
    }
}

/// Separators between an English clause and a CJK fragment that ends it.
const CLAUSE_GLUE: [char; 9] = [' ', ',', '，', '、', ';', '；', ':', '：', '\t'];

/// When `core` fills a pair of brackets, the range of the brackets and the
/// space before them.
fn bracketed(text: &str, core: &Range<usize>) -> Option<(usize, usize)> {
    let open = text[..core.start].chars().next_back().filter(|&c| matches!(c, '(' | '（' | '[' | '【'))?;
    let close = text[core.end..].chars().next().filter(|&c| matches!(c, ')' | '）' | ']' | '】'))?;
    let mut start = core.start - open.len_utf8();
    if text[..start].ends_with(' ') {
        start -= 1;
    }
    Some((start, core.end + close.len_utf8()))
}

/// Does CJK run `r` end English sentence `s` with a CJK terminator
/// (`…development,等等。`)?
fn terminal_fragment(text: &str, s: &Sentence, r: &segment::Run) -> bool {
    r.core_end == s.range.end && text[..r.core_end].ends_with(['。', '！', '？'])
}

/// L201: a space between a CJK letter and a Latin letter or digit inside `r`.
fn pangu(text: &str, r: &Range<usize>, edits: &mut Vec<Edit>) {
    let mut prev: Option<char> = None;
    for (i, c) in text[r.clone()].char_indices() {
        if let Some(p) = prev {
            let latin = |c: char| c.is_ascii_alphanumeric() || segment::class(c) == segment::Class::Latin;
            if (segment::is_cjk_letter(p) && latin(c)) || (latin(p) && segment::is_cjk_letter(c)) {
                edits.push(Edit::insertion(r.start + i, " ", L201, Safe, R_PANGU));
            }
        }
        prev = Some(c);
    }
}

/// Does `s` open with a Latin letter or digit (after opening quotes or
/// brackets)?
fn starts_latin(s: &str) -> bool {
    s.trim_start_matches(['"', '\'', '“', '‘', '(', '[']).chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '.' | '…' | '．')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | '”' | '’' | '」' | '』' | '）' | '》' | '】')
}

fn ends_with_terminator_then_close(s: &str) -> bool {
    let t = s.trim_end_matches(is_closing);
    t.len() < s.len() && t.chars().next_back().is_some_and(is_terminator)
}

/// Bytes that are not whitespace or control characters.
fn non_space_bytes(s: &str) -> usize {
    content_counts(s).0
}

/// (non-whitespace bytes, non-whitespace characters), in one branch-free
/// (vectorized) sweep: `u8` counters over blocks of 255 bytes.
fn content_counts(s: &str) -> (usize, usize) {
    let (mut space, mut cont) = (0usize, 0usize);
    for block in s.as_bytes().chunks(255) {
        let (mut sp, mut ct) = (0u8, 0u8);
        for &b in block {
            sp += u8::from(b <= b' ');
            ct += u8::from((b as i8) < -64); // 0x80..=0xBF: UTF-8 continuation
        }
        space += usize::from(sp);
        cont += usize::from(ct);
    }
    (s.len() - space, s.len() - space - cont)
}

/// Does `b` hold a byte that may start a CJK letter? Branch-free per chunk.
fn has_may_lead_cjk(b: &[u8]) -> bool {
    b.chunks(256).any(|c| c.iter().fold(false, |a, &x| a | may_lead_cjk(x)))
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Up to [`GUESS_SAMPLE`] bytes from the middle of `text`, on char boundaries.
fn sample(text: &str) -> &str {
    if text.len() <= GUESS_SAMPLE {
        return text;
    }
    let mut a = (text.len() - GUESS_SAMPLE) / 2;
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (a + GUESS_SAMPLE).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    &text[a..b]
}

/// Cheap sentence count for text without CJK letters: full stops, `!`, `?`
/// and `。` followed by a space, a quote, a capital or the line end, plus one
/// for each line with letters that ends without a terminator.
fn count_plain_sentences(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', b) {
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + 1).copied();
        let word_before = before.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b')' | b'"' | b'\''));
        let ends = after.is_none_or(|c| matches!(c, b' ' | b'\n' | b'\r' | b'"' | b'\'') || c.is_ascii_uppercase());
        if word_before && ends && !(b[i] == b'.' && after.is_some_and(|c| c.is_ascii_digit())) {
            n += 1;
        }
    }
    static FULL_STOP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("。".as_bytes()));
    n += FULL_STOP.find_iter(b).count();
    for line in text.split('\n') {
        let t = line.trim_end();
        let Some(&last) = t.as_bytes().last() else { continue };
        let terminated = matches!(last, b'.' | b'!' | b'?' | b'"' | b'\'') || t.ends_with('。') || t.ends_with('”');
        if !terminated && t.bytes().any(|c| c.is_ascii_alphabetic()) {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests;
