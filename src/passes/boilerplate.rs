//! Site furniture (family B): breadcrumbs, menus, metadata lines, date
//! banners, image names, credits; the article metadata they carry goes to
//! `report.metadata`.
//!
//! One forward scan over the lines. Each short line (furniture is never long)
//! is classified by the rules in `rules/boilerplate.toml` (plus the user's):
//! cheap shape checks and word automata first, a rule's regex only when one of
//! its trigger literals occurs. Then the zones are fixed: the header is what
//! precedes the first paragraph of prose, the footer what follows the last.
//! A rule removes a line only in its zone; shape heuristics never remove a
//! sentence-like line. A furniture line goes with its blank-line padding, so
//! no hole is left. If more than 30% of a document would go, the removals
//! beyond that share become `review` and a warning is pushed.

mod classify;
mod shape;
mod zones;
pub mod spec;

use crate::rules::Code;
use crate::text::lexicon;
use crate::edit::{Confidence, Edit};
use crate::error::{Error, Result};
use crate::passes::kit::{Context, Pass, Setup};
use classify::{At, Classifier, Hit, MAX_FURNITURE_LEN};
pub use spec::{Kind, RuleSpec, RulesFile, Zone};
pub(crate) use crate::text::lines::{split_lines, LineSpan};
use std::borrow::Cow;
use std::path::PathBuf;


crate::declare_rules! { pass = "boilerplate";
    /// ## What it fixes
    /// A breadcrumb line: `Current Location: 首页 > News > Text`, `My
    /// location: home page > Guizhou > text`, `You are here:Home - Show Info
    /// - Exhibition News` (after a location label a spaced `-` or `/` joins
    /// segments too, and the last one may be the article's title), or a
    /// bare path of short items joined by `>`/`>>`/`->` at the top or bottom
    /// (`HOME >> STATE COUNCIL >> MINISTRIES`, `Home->News->Opinion->`,
    /// `Position:Home > Company News`). Its segments go to
    /// `metadata.breadcrumb`.
    ///
    /// ## Example
    /// ```text
    /// Current Location: 365备用网站 > Media report
    ///
    /// The conference opened today.
    /// ```
    /// Becomes:
    /// ```text
    /// The conference opened today.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Current location data is shared with the police, the ministry said.
    /// x > 5 and y > 3
    /// ```
    ///
    /// ## Why safe
    /// A location label followed by a colon and a short path is navigation,
    /// never prose. Bare paths need three short segments (or a home name) and
    /// must sit outside the body.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kinds `location`, `path`).
    B101 = ("breadcrumb", Safe, true, "breadcrumb navigation line removed");
    /// ## What it fixes
    /// A menu bar of short items joined by a spaced `|` above or below the
    /// article (`App | 中文 |`).
    ///
    /// ## Example
    /// ```text
    /// App | 中文 |
    ///
    /// Domestic tourism thrives, revenues up
    ///
    /// The number of domestic trips hit a record high.
    /// ```
    /// Becomes:
    /// ```text
    /// Domestic tourism thrives, revenues up
    ///
    /// The number of domestic trips hit a record high.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Revenue | 2023 | 2024
    /// ```
    ///
    /// ## Why safe
    /// Only outside the body, only items of at most four words starting with
    /// a letter; table rows with numbers are not menus.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kind `navbar`).
    B102 = ("navigation-bar", Safe, true, "navigation bar removed");
    /// ## What it fixes
    /// A metadata line made of `Label: value` pairs: release time, source,
    /// author, view count (`Information Source: Shenzhen published Release
    /// time: 2024-02-18`, `时间:2024-06-03Source: Qiushi作者:Number of hits:`,
    /// `Release time:` with no value, `发布人:英语系 发布时间:2015-03-16
    /// 浏览次数:394`), a date opening a labelled dateline (`2021-06-09
    /// 08:49:48chinadaily.com.cn Editor : …`), contact lines (`Tel: +86 …`
    /// above or below the article; `• Address…` rows of a footer). The values
    /// go to `metadata.date`, `.source`, `.author`, `.publisher`, `.views`,
    /// `.contact`.
    ///
    /// ## Example
    /// ```text
    /// 时间:2024-06-03Source: Qiushi作者:Number of hits:
    ///
    /// Developing new quality productive forces is an inherent requirement.
    /// ```
    /// Becomes:
    /// ```text
    /// Developing new quality productive forces is an inherent requirement.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Time: it is what we make of it, said the mayor at the opening of the fair.
    /// Runtime: 2 hours
    /// ```
    ///
    /// ## Why safe
    /// The line must start with a known label and a colon, and every value
    /// must be short and read as a name, date or count, not as a clause.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kind `labels`).
    B103 = ("metadata-line", Safe, true, "metadata line removed (kept in report metadata)");
    /// ## What it fixes
    /// A line holding only a date (and maybe a weekday, a counter or a bare
    /// `By`) above or below the article: `September 16, 2020 Wednesday`,
    /// `(October 19, 2020)`, `2022-07-29 0 By`. The date goes to
    /// `metadata.date` unless a labelled date is found.
    ///
    /// ## Example
    /// ```text
    /// September 16, 2020 Wednesday
    ///
    /// The provincial conference opened on Monday.
    /// ```
    /// Becomes:
    /// ```text
    /// The provincial conference opened on Monday.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// March 8 is International Women's Day, celebrated across the country.
    /// ```
    ///
    /// ## Why safe
    /// Every token must be part of a date; it only applies in the header and
    /// footer, never in the body.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kind `date`).
    B104 = ("date-banner", Safe, true, "date banner removed");
    /// ## What it fixes
    /// An image file name alone on its line (` image.png`,
    /// `20240218152233.png`, ` 10.jpg`), left where the image was. The
    /// names go to `metadata.images`.
    ///
    /// ## Example
    /// ```text
    /// The delegation met in Guiyang.
    ///
    ///  image.png
    ///
    /// The meeting ended at noon.
    /// ```
    /// Becomes:
    /// ```text
    /// The delegation met in Guiyang.
    ///
    /// The meeting ended at noon.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// See image.png for details.
    /// ```
    ///
    /// ## Why safe
    /// A single token ending in an image extension is never prose. Captions
    /// on the following line are kept.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kind `image`).
    B105 = ("image-filename", Safe, true, "image file name removed");
    /// ## What it fixes
    /// The alt text of a site logo at the top (`LOGO of Gansu Energy and
    /// Chemical Investment Group Co., LTD`). The site name goes to
    /// `metadata.site`.
    ///
    /// ## Example
    /// ```text
    /// LOGO of Gansu Energy and Chemical Investment Group Co., LTD
    ///
    /// The group held its annual meeting on Monday.
    /// ```
    /// Becomes:
    /// ```text
    /// The group held its annual meeting on Monday.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The new logo was unveiled on Monday.
    /// ```
    ///
    /// ## Why safe
    /// Header only; the line must be `LOGO of …` or a few capitalised words
    /// and `logo`.
    ///
    /// ## Data
    /// `rules/boilerplate.toml`.
    B106 = ("logo-line", Safe, true, "logo caption removed");
    /// ## What it fixes
    /// A section label alone on a line above the article (`News
    /// information`, `新闻中心`), or a line that repeats a segment of the
    /// page's breadcrumb. It goes to `metadata.section`.
    ///
    /// ## Example
    /// ```text
    /// News information
    ///
    /// The study session was held today.
    /// ```
    /// Becomes:
    /// ```text
    /// The study session was held today.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// News from the front line of the fight against poverty in Guizhou province.
    /// ```
    ///
    /// ## Why safe
    /// Header only, whole-line match of a known label or of a breadcrumb
    /// segment of the same page.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kind `section`).
    B107 = ("section-label", Safe, true, "section label removed");
    /// ## What it fixes
    /// Editorial credits above or below the article: `Editor: Zhao Xiaowen.`,
    /// `Edited by Wang Xiaoting`, `Editing by Liu Dongbo and Liu Jiawen`,
    /// `Reading: …`, `Second instance Xu Weiwei` (二审), `责任编辑：…`,
    /// `Guizhou Daily Tianyan News reporter comprehensive report`, production
    /// credits (`Supervisors: Zhu Ping, Zhang Chunyan`, `Video editor: …`,
    /// `监制：…`). Names go to `metadata.editors` / `.reviewers` / `.source`
    /// / `.credits`.
    ///
    /// ## Example
    /// ```text
    /// The meeting ended at noon.
    ///
    /// Edited by Wang Xiaoting
    ///
    /// Second instance Xu Weiwei
    /// ```
    /// Becomes:
    /// ```text
    /// The meeting ended at noon.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Edited by hand, the film was released in 2019.
    /// ```
    ///
    /// ## Why safe
    /// Header and footer only; the credited names must be capitalised words
    /// or Chinese, so a clause starting "Edited by hand" does not match.
    ///
    /// ## Data
    /// `rules/boilerplate.toml`.
    B108 = ("credit-line", Safe, true, "editorial credit removed");
    /// ## What it fixes
    /// Attachment labels and page actions outside the body: a dangling
    /// `附件:`, `【打印】【关闭】`, `分享到：`, `Print | Close`, `Back to top`.
    /// Attachment names go to `metadata.attachments`.
    ///
    /// ## Example
    /// ```text
    /// The meeting ended at noon.
    ///
    /// 附件:
    /// ```
    /// Becomes:
    /// ```text
    /// The meeting ended at noon.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Print media still matters to readers in smaller cities.
    /// ```
    ///
    /// ## Why safe
    /// The line holds nothing but action words and punctuation, or an
    /// attachment label with a short value.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kinds `labels`, `actions`).
    B109 = ("page-action", Safe, true, "attachment or page-action line removed");
    /// ## What it fixes
    /// Junk lines a machine translator made of empty paragraphs: a line
    /// holding only `To` (from a paragraph of a lone no-break space).
    ///
    /// ## Example
    /// ```text
    /// To
    ///
    /// Thank you for your question.
    /// ```
    /// Becomes:
    /// ```text
    /// Thank you for your question.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// To be continued
    /// ```
    ///
    /// ## Why safe
    /// A one-word line "To" carries nothing; longer lines are never touched.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kind `exact`).
    B110 = ("mt-junk-line", Safe, true, "machine-translation junk line removed");
    /// ## What it fixes
    /// Header lines added by news aggregators and translation feeds:
    /// `Post sponsored by NewzEngine.com`, `MIL OSI Translation. Region: …`.
    ///
    /// ## Example
    /// ```text
    /// Post sponsored by NewzEngine.com
    ///
    /// The spokesperson answered questions on Monday.
    /// ```
    /// Becomes:
    /// ```text
    /// The spokesperson answered questions on Monday.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The event, sponsored by the city, drew thousands.
    /// ```
    ///
    /// ## Why safe
    /// Header only, whole-line patterns.
    ///
    /// ## Data
    /// `rules/boilerplate.toml`.
    B111 = ("aggregator-header", Safe, true, "aggregator header removed");
    /// ## What it fixes
    /// A metadata prefix glued to the start of the first line by the
    /// scraper (` date 2025-02-06 GUANGZHOU, …`). Only the prefix goes; the
    /// rest of the line is prose and stays. The date goes to `metadata.date`.
    ///
    /// ## Example
    /// ```text
    /// date 2025-02-06 GUANGZHOU, China, Feb. 6, 2025 -- Guangdong held a conference.
    /// ```
    /// Becomes:
    /// ```text
    /// GUANGZHOU, China, Feb. 6, 2025 -- Guangdong held a conference.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Date 2025-02-06 was a Thursday.
    /// ```
    ///
    /// ## Why safe
    /// Only at the very start of the document, only the lower-case `date`
    /// marker (or `Date:`) followed by an ISO date.
    ///
    /// ## Data
    /// `rules/boilerplate.toml` (kind `prefix`).
    B112 = ("metadata-prefix", Safe, true, "metadata prefix removed");
    /// ## What it fixes
    /// A line repeated right after itself (blank lines and removed furniture
    /// between them ignored): the page title printed twice. The second copy
    /// goes. Outside the header the edit is `review`.
    ///
    /// ## Example
    /// ```text
    /// Developing new quality productive forces
    ///
    /// Developing new quality productive forces
    ///
    /// The study session was held today.
    /// ```
    /// Becomes:
    /// ```text
    /// Developing new quality productive forces
    ///
    /// The study session was held today.
    /// ```
    ///
    /// ## Why safe
    /// The text stays once; nothing is lost. In the body a repeat may be
    /// intended (a refrain), so there it is `review`.
    B113 = ("duplicate-line", Safe, true, "repeated line removed");
    /// ## What it fixes
    /// Lines matched by the user's own rules (`[boilerplate] rules_file`,
    /// `extra_rules`) or by rules `rinse learn` found recurring across a
    /// corpus, when those rules use this code.
    ///
    /// ## Why safe
    /// The user wrote or reviewed the pattern; each rule's `match` and
    /// `no_match` examples are checked when the pass is built.
    ///
    /// ## Data
    /// The user's rules file, same format as `rules/boilerplate.toml`.
    B114 = ("custom-furniture", Safe, true, "custom furniture pattern matched");
    /// ## What it fixes
    /// A site signature above or below the article: copyright and licence
    /// lines (`Copyright © 2018-2019 … All rights reserved.`), ICP and
    /// public-security filing numbers (`沪ICP备12345678号`, `公网安备…`),
    /// `主办单位` / `承办` / `技术支持` lines, CMS lines (`Powered by …`,
    /// `Best viewed in IE 6.0 …`), reprint notices (`Reproduction in whole
    /// or in part without permission is prohibited.`), the owner's company
    /// name alone in the footer (`• Example Machinery Co., Ltd.`), a Chinese
    /// notice about the site's tools above the article (`说明:双击或选中…`).
    ///
    /// ## Example
    /// ```text
    /// The meeting closed on Friday after two days of talks.
    ///
    /// Copyright 2001-2021 news.example.edu.cn. All rights reserved.
    /// ```
    /// Becomes:
    /// ```text
    /// The meeting closed on Friday after two days of talks.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The copyright law was amended in 2020, the ministry said.
    /// ```
    ///
    /// ## Why safe
    /// Only above or below the article, and only with a signature's own
    /// words (a year or `©` after `Copyright`, `All rights reserved`, a
    /// filing number).
    ///
    /// ## Data
    /// `rules/boilerplate.toml`, the B115 rule.
    B115 = ("site-signature", Safe, true, "copyright, licence or CMS signature line removed");
    /// ## What it fixes
    /// A line that recurs above or below the article in many documents of
    /// the batch being cleaned (a directory or a JSONL corpus): `rinse clean`
    /// learns such lines from a sample of the batch first (as `rinse learn`
    /// does) and removes them from every document, without a separate step.
    /// Lines also seen in a document's body are never learned.
    ///
    /// ## Why review
    /// Learned without a person looking; `rinse clean --no-learn` turns it
    /// off, `--learn-min-docs` sets how many documents a line must recur in.
    B118 = ("batch-recurring-line", Review, true, "line recurring across the batch's headers or footers removed");
    /// ## What it fixes
    /// A call to action of the site, wherever it sits: subscription and
    /// paywall lines (`You've accessed an article available only to
    /// subscribers`, `Subscribe to …`), newsletter and app prompts, `Join the
    /// conversation!`.
    ///
    /// ## Example
    /// ```text
    /// The exchanges set new rules for developers on Monday.
    ///
    /// You've accessed an article available only to subscribers
    ///
    /// The rules take effect in April, officials said.
    /// ```
    /// Becomes:
    /// ```text
    /// The exchanges set new rules for developers on Monday.
    ///
    /// The rules take effect in April, officials said.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Netflix said its subscribers rose 5% in the quarter.
    /// ```
    ///
    /// ## Why review
    /// Only imperative or second-person lines about subscribing, signing up
    /// or newsletters; an editor checks the removal.
    ///
    /// ## Data
    /// `rules/boilerplate.toml`, the B117 rule.
    B117 = ("call-to-action", Review, true, "subscription, newsletter or app prompt removed");
    /// ## What it fixes
    /// Site furniture found by its shape alone, above or below the body of
    /// the article (the heaviest run of prose lines), on sites no rule
    /// names: date and time lines (`17:23 UTC+8, 2024-05-09`), bylines and
    /// photo or translation credits (`By Li Han`, `(Photo by Guo Haijun)`),
    /// empty labels (`Chinese source:`), rows of labels, symbol rows
    /// (`• |`), widget rows (`Share this article`, `Most popular in 24h`,
    /// `MoreTop news`), page numbers (`1 2 3 4 5`), long numbers alone (page
    /// ids), bare site addresses (`www.example.com`), menu runs, arrow
    /// paths with a menu word (`> More`, `news center> local news`),
    /// language switchers (`中文English`), short Chinese lines in an
    /// English page (`扫一扫在手机打开当前页`; English: its body holds
    /// eight times more Latin letters than Han), short labels above the title or below
    /// the article (`Open Governance`, `BACK`), and short lines between two
    /// furniture lines above the title (a menu column, as jusText relabels a
    /// short line between two bad ones; in a bulleted menu, headlines
    /// too, up to twenty). Dates and credits go to
    /// `metadata.dateline` and `metadata.credits`.
    ///
    /// ## Example
    /// ```text
    /// Open Governance
    /// China launches new satellite
    /// 17:23 UTC+8, 2024-05-09
    /// China on Thursday launched a Long March-3B carrier rocket, placing a new satellite in space.
    /// The rocket blasted off at 9:43am from Xichang Satellite Launch Center in Sichuan province.
    /// Share this article
    /// ```
    /// Becomes:
    /// ```text
    /// China launches new satellite
    /// China on Thursday launched a Long March-3B carrier rocket, placing a new satellite in space.
    /// The rocket blasted off at 9:43am from Xichang Satellite Launch Center in Sichuan province.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// By Monday, all schools in the city had reopened after the storm passed.
    /// ```
    ///
    /// ## Why review
    /// A shape is evidence, not proof: the line is never sentence-like,
    /// never the title, and never inside the body; the removal is listed for
    /// an editor to check.
    B116 = ("furniture-by-shape", Review, true, "furniture line outside the article removed by its shape");
    /// ## What it fixes
    /// Editor and source credits in brackets glued to the end of the last
    /// sentence (`…the site.[Editor: Su Liang][Source: Metropolis Daily]`),
    /// as a page's credit box joins the paragraph above it when scraped.
    /// The credits go; their values go to the report's metadata
    /// (`editors`, `source`).
    ///
    /// ## Example
    /// ```text
    /// Volunteers helped maintain order at the site.[Editor: Su Liang][Source: Metropolis Daily]
    /// ```
    /// Becomes:
    /// ```text
    /// Volunteers helped maintain order at the site.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The data came from the bureau [Source: see the appendix] and were checked.
    /// He thanked the editor (Editor: Wang) and left.
    /// Tests found no trace of the virus.(Source: Suizhong Rongmedia)
    /// ```
    ///
    /// ## Why safe
    /// Only bracketed `Editor:`/`Responsible editor:`/`Source:` fields (and
    /// `责任编辑：`, `编辑：`, `来源：`) at the very end of a line, right after a
    /// sentence's end, each with a short value that starts like a name. A
    /// source in parentheses is the article's own attribution and stays.
    B119 = ("trailing-credit", Safe, true, "editor or source credit glued to the end of a sentence removed");
}

/// One bracketed credit at the end of `text` (B119).
static TRAILING_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[\[【(（][ \t]*(?P<label>(?i:responsible[ \t]+editor|editors?(?:[ \t]+in[ \t]+charge)?|source)|责任编辑|编辑|来源)[ \t]*[:：][ \t]*(?P<v>[A-Z\p{Han}][^\[\]【】()（）:：\n]{0,59}?)[ \t]*[\]】)）][ \t]*$")
        .expect("fixed pattern compiles")
});

/// B119: the credits glued to the end of line `line` (trimmed), as the
/// range they take and their (key, value) pairs, if any.
fn trailing_credits(line: &str) -> Option<(usize, Vec<(&'static str, &str)>)> {
    if !line.ends_with([']', '】', ')', '）']) {
        return None;
    }
    let mut end = line.len();
    let mut found = Vec::new();
    while let Some(c) = TRAILING_CREDIT.captures(&line[..end]) {
        let m = c.get(0).expect("match");
        let label = c["label"].to_lowercase();
        let key = if label == "source" || label == "来源" { "source" } else { "editors" };
        // `(Source: Xinhua)` closing a paragraph is the article's own
        // attribution; only a bracketed box (`[Source: …]`) is the page's.
        if key == "source" && m.as_str().starts_with(['(', '（']) {
            break;
        }
        found.push((key, c.name("v").map_or("", |v| v.as_str().trim())));
        end = m.start();
    }
    let before = line[..end].trim_end();
    let sentence_end = before.ends_with(['.', '!', '?', '。', '！', '？', '"', '”']);
    (!found.is_empty() && sentence_end).then(|| {
        found.reverse();
        (before.len(), found)
    })
}

/// The built-in rules.
pub const BUILTIN_RULES: &str = include_str!("../../rules/boilerplate.toml");

const R_BREADCRUMB: &str = "breadcrumb navigation line removed";
const R_NAVBAR: &str = "navigation bar removed";
const R_METADATA: &str = "metadata line removed (kept in report metadata)";
const R_DATE: &str = "date banner removed";
const R_IMAGE: &str = "image file name removed";
const R_LOGO: &str = "logo caption removed";
const R_SECTION: &str = "section label removed";
const R_CREDIT: &str = "editorial credit removed";
const R_ACTION: &str = "attachment or page-action line removed";
const R_JUNK: &str = "machine-translation junk line removed";
const R_AGGREGATOR: &str = "aggregator header removed";
const R_PREFIX: &str = "metadata prefix removed";
const R_DUPLICATE: &str = "repeated line removed";
const R_CUSTOM: &str = "custom furniture pattern matched";
const R_SIGNATURE: &str = "copyright, licence or CMS signature line removed";
const R_CALL: &str = "subscription, newsletter or app prompt removed";
const R_BATCH: &str = "line recurring across the batch's headers or footers removed";
const R_TRAILING: &str = "editor or source credit glued to the end of a sentence removed";
const R_OVER_SHARE: &str = "; review: furniture over the document's share limit";

fn reason(code: Code) -> &'static str {
    match code.as_str() {
        "B101" => R_BREADCRUMB,
        "B102" => R_NAVBAR,
        "B103" => R_METADATA,
        "B104" => R_DATE,
        "B105" => R_IMAGE,
        "B106" => R_LOGO,
        "B107" => R_SECTION,
        "B108" => R_CREDIT,
        "B109" => R_ACTION,
        "B110" => R_JUNK,
        "B111" => R_AGGREGATOR,
        "B112" => R_PREFIX,
        "B113" => R_DUPLICATE,
        "B115" => R_SIGNATURE,
        "B117" => R_CALL,
        "B118" => R_BATCH,
        "B119" => R_TRAILING,
        _ => R_CUSTOM,
    }
}

/// Metadata fields that collect every value (others keep the first).
const LIST_KEYS: &[&str] = &["editors", "reviewers", "images", "attachments", "authors", "photographers", "credits"];

/// Options of the boilerplate pass (`[boilerplate]` in rinse.toml).
///
/// ```toml
/// [boilerplate]
/// rules_file = "rules/learned.toml"
/// max_removed_share = 0.3
///
/// [[boilerplate.extra_rules]]
/// code = "B114"
/// zone = "footer"
/// triggers = ["scan the qr code"]
/// pattern = '^Scan the QR code'
/// match = ["Scan the QR code to follow us"]
/// ```
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Rules added to the built-in ones (same fields as `[[rule]]` in
    /// `rules/boilerplate.toml`).
    pub extra_rules: Vec<RuleSpec>,
    /// A rules file read when the pass is built (e.g. one `rinse learn`
    /// wrote); its rules are added to the built-in ones.
    pub rules_file: Option<PathBuf>,
    /// Share of a document's characters furniture removal may take before
    /// further removals become `review` (and a warning is given).
    pub max_removed_share: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { extra_rules: Vec::new(), rules_file: None, max_removed_share: 0.3 }
    }
}

/// The boilerplate pass.
pub struct Boilerplate {
    classifier: Classifier,
    max_share: f64,
}

/// A rule error as the user sees the rule: `rule 3` of the rules file that
/// holds it (the pass numbers the built-in rules first), and that file's name.
fn name_rule_error(e: Error, builtin: usize, from_file: usize, file: Option<&std::path::Path>) -> Error {
    let Error::Rules { name, message } = e else { return e };
    let Some(rest) = message.strip_prefix("rule ") else { return Error::Rules { name, message } };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let Ok(n) = rest[..digits].parse::<usize>() else { return Error::Rules { name, message } };
    let tail = &rest[digits..];
    match n.checked_sub(builtin + 1) {
        Some(k) if k < from_file => Error::Rules {
            name: file.map_or(name, |f| f.display().to_string()),
            message: format!("rule {}{tail}", k + 1),
        },
        Some(k) => Error::Rules { name: "learned from the batch".into(), message: format!("rule {}{tail}", k - from_file + 1) },
        None => Error::Rules { name, message },
    }
}

/// Fewest Latin letters in the body for lines holding Han around it to be
/// judged furniture by their shape (B116).
const MIN_ENGLISH_BODY_LETTERS: usize = 120;

impl Boilerplate {
    /// Build the pass for `config`: the built-in rules, then the user's.
    /// Fails on invalid rules, or when a user rule's `match` / `no_match`
    /// example does not hold.
    pub fn new(options: &Options, _setup: &Setup) -> Result<Self> {
        let opts = options;
        let mut specs = RulesFile::parse("rules/boilerplate.toml", BUILTIN_RULES)?.rule;
        let builtin = specs.len();
        if let Some(path) = &opts.rules_file {
            let text = crate::error::read_small_file(path)?;
            specs.extend(RulesFile::parse(&path.display().to_string(), &text)?.rule);
        }
        let from_file = specs.len() - builtin;
        specs.extend(opts.extra_rules.iter().cloned());
        let named = |e: Error| name_rule_error(e, builtin, from_file, opts.rules_file.as_deref());
        let classifier = Classifier::new(&specs, RULES, builtin).map_err(named)?;
        let pass = Boilerplate { classifier, max_share: opts.max_removed_share };
        for (i, s) in specs.iter().enumerate().skip(builtin) {
            if let Some(msg) = pass.check_examples(i, s) {
                return Err(named(Error::Rules { name: "boilerplate".into(), message: msg }));
            }
        }
        Ok(pass)
    }

    /// The first example of rule `i` that does not hold, described.
    fn check_examples(&self, i: usize, s: &RuleSpec) -> Option<String> {
        let at = match s.zone {
            Zone::Footer => At::Footer,
            Zone::Header | Zone::Edges => At::Header,
            Zone::Anywhere => At::Body,
        };
        for m in &s.matches {
            if !self.classifier.fires(i, m, at) {
                return Some(format!("rule {} ({}): example {m:?} in `match` is not removed", i + 1, s.code));
            }
        }
        for m in &s.no_match {
            if self.classifier.fires(i, m, at) {
                return Some(format!("rule {} ({}): example {m:?} in `no_match` is removed", i + 1, s.code));
            }
        }
        None
    }

    /// B116: a list of other articles' headlines closing the page below the
    /// body `f..=l` (`Top 10 livable Chinese cities` / `- China-Laos Railway
    /// handles over 60 million passenger trips`): four lines or more up to
    /// the document's end, each a headline (a capital or digit first, three
    /// to eighteen words, no sentence mark at its end), three in four of
    /// them sharing at most one word of four letters or more (no stopword)
    /// with the body. Lines already removed may
    /// stand between them, and short labels after them; a body ending in
    /// `:` introduces a list instead, a line ending in a closed-class word
    /// is prose wrapped at a fixed width, and no page holding code has such
    /// a list.
    fn related_headlines(&self, text: &str, lines: &[LineSpan], f: usize, l: usize, removed: &mut [Option<Box<Removal>>]) {
        const MIN_RUN: usize = 4;
        let mut run: Vec<usize> = Vec::new();
        for i in (l + 1..lines.len()).rev() {
            let t = lines[i].trimmed(text);
            if t.is_empty() || removed[i].is_some() {
                continue;
            }
            if headline(t) {
                run.push(i);
            } else if run.is_empty() && t.len() <= 30 && t.split_whitespace().count() <= 4 && !t.ends_with(['.', '!', '?', '。']) {
                // A short label after the list (`China’s Top 10`) stays.
                continue;
            } else {
                break;
            }
        }
        // Three are a list too when each has a bullet glyph (not a Markdown
        // `-` or `*`, which lists of the article use).
        let bulleted = run.iter().all(|&i| lines[i].trimmed(text).starts_with(['•', '·', '▪', '●']));
        if run.len() < MIN_RUN - usize::from(bulleted) || lines[l].trimmed(text).ends_with([':', '：']) {
            return;
        }
        let lex = lexicon::get();
        // Prose wrapped at a fixed width reads as short lines too, but some
        // end in a closed-class word (`… the derive attribute, which`).
        let last_word = |t: &str| t.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        if run.iter().any(|&i| lex.function.contains(&last_word(lines[i].trimmed(text)))) || crate::text::words::has_code(text) {
            return;
        }
        let key = |w: &str| w.len() >= 4 && w.bytes().all(|c| c.is_ascii_alphabetic()) && !lex.stopwords.contains(&w.to_ascii_lowercase());
        let mut body: crate::fasthash::FxHashSet<String> = crate::fasthash::FxHashSet::default();
        for sp in &lines[f..=l] {
            body.extend(sp.trimmed(text).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| key(w)).map(str::to_ascii_lowercase));
        }
        let shared = |t: &str| t.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| key(w) && body.contains(&w.to_ascii_lowercase())).count();
        // Each headline is about something else (`kiwi` is in a list item
        // of a kiwi article, not in another article's headline).
        if run.iter().filter(|&&i| shared(lines[i].trimmed(text)) >= 2).count() * 4 <= run.len() {
            for i in run {
                removed[i] = Some(Box::new(Removal::shape(zones::Shape::Related)));
            }
        }
    }

    /// B116: lines above the body `f..=l` and below it that have a furniture
    /// shape (see `zones`). The title (the header line with the most words
    /// and no strong shape) is never removed; short labels go only above
    /// the title or below the body.
    fn shapes(&self, text: &str, lines: &[LineSpan], f: usize, l: usize, removed: &mut [Option<Box<Removal>>]) {
        let lex = lexicon::get();
        let n = lines.len();
        let zone = || (0..f).chain(l + 1..n);
        let candidate = |i: usize| {
            // (A font-size or share widget at its end aside.)
            let t = lines[i].trimmed(text);
            let t = classify::icon_row_tail(t).unwrap_or(t);
            (removed[i].is_none() && !t.is_empty() && (t.len() <= MAX_FURNITURE_LEN || zones::link_row(t)) && !shape::sentence_like(t) && !wire_dateline(t))
                .then_some(t)
        };
        // Is the page English? Asked only when a zone line holds Chinese.
        let zone_han = zone().any(|i| candidate(i).is_some_and(|t| t.chars().any(crate::text::script::is_han)));
        let (english, small_body) = if zone_han {
            let (mut latin, mut han) = (0usize, 0usize);
            for sp in &lines[f..=l] {
                for c in sp.trimmed(text).chars() {
                    latin += usize::from(c.is_ascii_alphabetic());
                    han += usize::from(crate::text::script::is_han(c));
                }
            }
            // A body of a sentence or two is no page to judge Chinese lines by.
            let small = latin < MIN_ENGLISH_BODY_LETTERS && han < MIN_ENGLISH_BODY_LETTERS / 4;
            (latin > 8 * han && !small, small)
        } else {
            (false, false)
        };
        let mut strong: Vec<Option<zones::Shape>> = vec![None; n];
        for i in zone() {
            if let Some(t) = candidate(i) {
                strong[i] = zones::strong_shape(t, lex, english);
            }
        }
        let words = |i: usize| {
            let t = lines[i].trimmed(text);
            t.split_whitespace().count().max(t.chars().filter(|&c| crate::text::script::is_han(c)).count() / 2)
        };
        // On an English page a Chinese line is no title (its characters would count as words).
        // A headline in title case reads as a sentence (`Shantou is
        // Nominated for Creating a National Civilized City`): it is still
        // the title, never a candidate for removal.
        let titled = |i: usize| {
            let t = lines[i].trimmed(text);
            let headline = || {
                let ws: Vec<&str> = t.split_whitespace().collect();
                ws.len() >= 4
                    && !t.ends_with(['.', '!', '?', ',', ';', ':'])
                    && ws.iter().all(|w| w.len() < 4 || lex.stopwords.contains(&w.to_lowercase()) || !w.starts_with(|c: char| c.is_ascii_lowercase()))
            };
            (removed[i].is_none() && !t.is_empty() && t.len() <= MAX_FURNITURE_LEN && !wire_dateline(t) && (!shape::sentence_like(t) || headline())).then_some(t)
        };
        let title = (0..f)
            // (A line behind a bullet glyph is an item of a list or menu.)
            .filter(|&i| titled(i).is_some_and(|t| !(t.starts_with(['•', '·', '▪', '●']) || english && zones::mostly_han(t))) && strong[i].is_none())
            .max_by_key(|&i| (words(i), std::cmp::Reverse(i)));
        let candidates: Vec<usize> = zone().filter(|&i| Some(i) != title && candidate(i).is_some()).collect();
        for i in candidates {
            if small_body && lines[i].trimmed(text).chars().any(crate::text::script::is_han) {
                continue;
            }
            let above_title = i < f && title.is_none_or(|t| i < t);
            let shape = strong[i].or_else(|| if above_title || i > l { zones::weak_shape(lines[i].trimmed(text), above_title, lex) } else { None });
            if let Some(s) = shape {
                removed[i] = Some(Box::new(Removal::shape(s)));
            }
        }
        self.related_headlines(text, lines, f, l, removed);
        // jusText's neighbour rule, above the title only: a run of short
        // lines between two furniture lines is furniture too, such as a
        // menu column whose other items were found (`Building materials` /
        // `Leisure and garden inventory` / `Oil equipment`). The document's
        // start is no bound: the first line may be the real title.
        // A row of symbols (a text underline, a brace) is no bound.
        // In a bulleted menu (both bounds and every line of the run behind
        // the same bullet glyph), the run may be longer and hold headlines
        // (`• Hot News` / `• Publicity Week of Food Safety` / … / `• Hot Report`).
        // With no title, the lines above the body.
        let title = title.unwrap_or(f);
        let bullet = |t: &str| t.chars().next().filter(|c| matches!(c, '•' | '·' | '▪' | '●'));
        let mut run: Vec<usize> = Vec::new();
        let mut bounded = false;
        let mut bound_bullet = None;
        let mut bulleted = true;
        for i in 0..title {
            let t = lines[i].trimmed(text);
            if t.is_empty() {
                continue;
            }
            // (A bullet and a word or two is a menu item, a bound.)
            let by_symbols = removed[i].as_ref().is_some_and(|r| r.shape == Some(zones::Shape::Symbols)) && bullet(t).is_none();
            if by_symbols {
                run.clear();
                bounded = false;
            } else if removed[i].is_some() {
                let menu = bulleted && bound_bullet.is_some() && bullet(t) == bound_bullet;
                if bounded && (run.len() <= 5 || menu && run.len() <= 20) {
                    for &j in &run {
                        removed[j] = Some(Box::new(Removal::shape(zones::Shape::AmongFurniture)));
                    }
                }
                run.clear();
                bounded = true;
                bound_bullet = bullet(t);
                bulleted = true;
            } else if bounded && !shape::sentence_like(t) && !wire_dateline(t) && (zones::among_furniture(t) || bound_bullet.is_some() && bullet(t) == bound_bullet && headline(t)) {
                bulleted &= bound_bullet.is_some() && bullet(t) == bound_bullet;
                run.push(i);
            } else {
                run.clear();
                bounded = false;
            }
        }
    }

}

/// A headline of another article (B116's related list): a bullet at most,
/// then a capital or a digit first, three to eighteen words, 15 to 110
/// bytes, no sentence mark or colon at its end, no sentence inside and no
/// symbol of code, paths or menus (`_ ( | = / § →`).
fn headline(t: &str) -> bool {
    let t = t.trim_start_matches(['-', '•', '·', '*', '>', '▪', '●', ' ']);
    let words = t.split_whitespace().count();
    (15..=110).contains(&t.len())
        && (3..=18).contains(&words)
        && t.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !t.ends_with(['.', ',', ';', ':', '!', '?', '。', '，', '；', '：', '”', '"', ')'])
        && !t.contains(". ")
        && t.bytes().filter(u8::is_ascii_alphabetic).count() * 2 >= t.len()
        && !t.contains(['_', '(', ')', '|', '=', '*', '{', '}', '<', '>', '/', '\\', '#', '§', '→', '←', '©'])
}

/// What [`Boilerplate::analyze`] found on one short line by itself (its
/// rules' hits, and its weight in the search for the body): a function of
/// the line's text alone.
#[derive(Clone)]
struct Judged {
    weight: i64,
    hard: bool,
    hits: Vec<Hit>,
}

/// The [`Judged`] short lines of a document, by their text, kept between
/// rounds (`Context::scratch`): a later round classifies only the lines a
/// pass changed, and a line the document repeats is classified once. The
/// texts are kept in one arena, checked on a hit (a hash collision only
/// misses the cache), and the cache stops growing at a bound, so memory
/// stays linear in the document.
#[derive(Default)]
pub(crate) struct LineCache {
    arena: String,
    by_hash: crate::fasthash::FxHashMap<u64, (usize, usize, Judged)>,
}

impl LineCache {
    /// Lines kept at most (a document of more short lines than this
    /// classifies the rest every round).
    const MAX_LINES: usize = 1 << 20;

    fn hash(t: &str) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(t)
    }

    fn get(&self, t: &str) -> Option<Judged> {
        let (start, len, j) = self.by_hash.get(&Self::hash(t))?;
        (self.arena.get(*start..start + len) == Some(t)).then(|| j.clone())
    }

    fn put(&mut self, t: &str, j: &Judged) {
        if self.by_hash.len() >= Self::MAX_LINES {
            return;
        }
        if let std::collections::hash_map::Entry::Vacant(v) = self.by_hash.entry(Self::hash(t)) {
            v.insert((self.arena.len(), t.len(), j.clone()));
            self.arena.push_str(t);
        }
    }
}

/// A wire story's dateline (`BEIJING, Nov. 14, 2023 /PRNewswire/`): a
/// place in capitals, a comma, then a date. It opens the story: not
/// furniture, whatever its shape.
fn wire_dateline(t: &str) -> bool {
    let Some((place, rest)) = t.split_once(", ") else { return false };
    let letters = place.bytes().filter(u8::is_ascii_alphabetic).count();
    letters >= 3
        && place.bytes().all(|c| c.is_ascii_uppercase() || matches!(c, b' ' | b'.' | b'\'' | b'-'))
        && rest.bytes().take(20).any(|c| c.is_ascii_digit())
}

impl Boilerplate {
    /// For each line of `text` (as [`split_lines`] splits it), does this
    /// pass remove it? (`rinse learn` skips lines the rules already remove.)
    pub fn removed_lines(&self, text: &str) -> Vec<bool> {
        self.analyze(text, None).removed.iter().map(Option::is_some).collect()
    }

    /// Classify every line of `text`.
    pub(crate) fn analyze<'t>(&self, text: &'t str, cache: Option<&mut LineCache>) -> Analysis<'t> {
        let c = &self.classifier;
        let lex = lexicon::get();
        let lines = split_lines(text);
        let n = lines.len();
        // Every short line is classified once; the weights of all lines
        // find the body (the heaviest run of prose, see `zones`).
        let mut hits: Vec<(usize, Vec<Hit>)> = Vec::new();
        let mut weights: Vec<i64> = Vec::with_capacity(n);
        let mut hard: Vec<bool> = vec![false; n];
        let mut fresh = LineCache::default();
        let cache = cache.unwrap_or(&mut fresh);
        for (i, l) in lines.iter().enumerate() {
            let len = l.trimmed_len();
            if len == 0 {
                weights.push(0);
                continue;
            }
            if len > MAX_FURNITURE_LEN {
                // Classify finds nothing there; a long row of links is no prose.
                weights.push(zones::prose_weight(l.trimmed(text), lex));
                continue;
            }
            let t = l.trimmed(text);
            let seen = cache.get(t);
            let judged = match seen {
                Some(j) => j,
                None => {
                    let h = c.classify(t, false);
                    let j = if h.is_empty() {
                        Judged { weight: zones::prose_weight(t, lex), hard: false, hits: Vec::new() }
                    } else {
                        let named = h.iter().any(|h| !c.rules[h.rule].heuristic());
                        let hard = h.iter().any(|h| matches!(c.rules[h.rule].code.as_str(), "B115" | "B117" | "B118"));
                        let weight = if named || !shape::sentence_like(t) { zones::furniture_weight(len, !named) } else { zones::prose_weight(t, lex) };
                        Judged { weight, hard, hits: h }
                    };
                    cache.put(t, &j);
                    j
                }
            };
            weights.push(judged.weight);
            hard[i] = judged.hard;
            if !judged.hits.is_empty() {
                hits.push((i, judged.hits));
            }
        }
        // A code listing between paragraphs is part of the article (a
        // tutorial's), neither prose nor furniture: it weighs nothing, so
        // the body runs across it and its headings are not taken for
        // labels outside it.
        let code = crate::text::code::blocks(text);
        if !code.is_empty() {
            let mut k = 0;
            for (i, l) in lines.iter().enumerate() {
                while k < code.len() && code[k].end < l.start {
                    k += 1;
                }
                if k < code.len() && code[k].start <= l.start && l.start <= code[k].end {
                    weights[i] = 0;
                }
            }
        }
        let (first, last) = match zones::body_span(&weights).map(|span| zones::grow_body(&weights, &hard, span)) {
            Some((f, l)) => (Some(f), Some(l)),
            None => (None, None),
        };
        hits.sort_by_key(|h| h.0);
        let at: Vec<At> = (0..n)
            .map(|i| match (first, last) {
                (Some(f), _) if i < f => At::Header,
                (_, Some(l)) if i > l => At::Footer,
                _ => At::Body,
            })
            .collect();
        // Boxed: a `None` is one zero word, and most lines are kept.
        let mut removed: Vec<Option<Box<Removal>>> = vec![None; n];
        let mut breadcrumb: Vec<String> = Vec::new();
        for (i, hs) in hits {
            let t = lines[i].trimmed(text);
            let prose = shape::sentence_like(t);
            let chosen = hs.into_iter().find(|h| {
                let m = &c.rules[h.rule];
                m.zone.admits_at(at[i]) && !(m.heuristic() && shape::reads_as_prose(t, m.kind == Kind::Path, prose))
            });
            if let Some(h) = chosen {
                if matches!(c.rules[h.rule].kind, Kind::Location | Kind::Path) && breadcrumb.is_empty() {
                    if let Some((_, v)) = h.values.first() {
                        breadcrumb = v.split(" > ").map(str::to_string).collect();
                    }
                }
                removed[i] = Some(Box::new(Removal::of(c, h, false)));
            }
        }
        // A breadcrumb split after its home segment: `Home` alone on the
        // line before ` > Government > News` belongs to it.
        for i in 1..n {
            let t = lines[i].trimmed(text);
            if removed[i].as_ref().is_none_or(|r| r.code != B101) || !t.starts_with(['>', '»', '›']) {
                continue;
            }
            let Some(j) = (0..i).rev().take(4).find(|&j| !lines[j].trimmed(text).is_empty()) else {
                continue;
            };
            if removed[j].is_none() && at[j] != At::Body {
                if let Some(rule) = c.home_line(lines[j].trimmed(text)) {
                    removed[j] = Some(Box::new(Removal::of(c, Hit { rule, values: Vec::new() }, false)));
                }
            }
        }
        // Header lines that repeat a breadcrumb segment are section labels;
        // not the last segment of four words or more: the breadcrumb ends in
        // the article's title, and the line repeating it is the title.
        let sections = match breadcrumb.split_last() {
            Some((last, rest)) if last.split_whitespace().count() >= 4 => rest,
            _ => &breadcrumb[..],
        };
        if !sections.is_empty() {
            for i in 0..n {
                if at[i] != At::Header || removed[i].is_some() {
                    continue;
                }
                let t = lines[i].trimmed(text);
                if t.is_empty() || shape::sentence_like(t) {
                    continue;
                }
                if let Some(h) = c.section_from_breadcrumb(t, sections) {
                    removed[i] = Some(Box::new(Removal::of(c, h, false)));
                }
            }
        }
        // Furniture by shape above and below the body (B116).
        if let (Some(f), Some(l)) = (first, last) {
            self.shapes(text, &lines, f, l, &mut removed);
        }
        // The first kept line: a metadata prefix, and maybe the title.
        let mut prefix = None;
        let mut title = None;
        if let Some(i) = (0..n).find(|&i| removed[i].is_none() && !lines[i].trimmed(text).is_empty()) {
            let line = &text[lines[i].start..lines[i].end];
            if let Some((rule, len, value)) = c.prefix(line) {
                if len < line.trim_end().len() {
                    let m = &c.rules[rule];
                    prefix = Some(Prefix { line: i, len, rule, code: m.code, confidence: m.confidence, value });
                } else {
                    let values = c.rules[rule].key.as_ref().map(|_| (rule, value)).into_iter().collect();
                    removed[i] = Some(Box::new(Removal::of(c, Hit { rule, values }, false)));
                }
            }
            let t = lines[i].trimmed(text);
            let ends_clause = t.ends_with(['.', '。', ':', '：', '!', '?', ',']);
            if at[i] == At::Header && prefix.is_none() && t.len() <= 250 && !ends_clause {
                title = Some(i);
            }
        }
        // A line repeated right after itself (blank and removed lines between).
        let mut prev: Option<usize> = None;
        for i in 0..n {
            let len = lines[i].trimmed_len();
            if len == 0 || removed[i].is_some() {
                continue;
            }
            if let Some(p) = prev.filter(|&p| len >= 8 && lines[p].trimmed_len() == len) {
                let t = lines[i].trimmed(text);
                if t == lines[p].trimmed(text) && t.chars().any(char::is_alphabetic) {
                    let confidence = if at[i] == At::Header { Confidence::Safe } else { Confidence::Review };
                    removed[i] =
                        Some(Box::new(Removal { code: B113, confidence, values: Vec::new(), heuristic: false, over: false, shape: None }));
                    continue;
                }
            }
            prev = Some(i);
        }
        let mut a = Analysis { text, lines, removed, prefix, title, breadcrumb, warning: None };
        a.limit_share(self.max_share);
        a
    }

    /// Fill `cx.metadata` from what `a` found (first value wins; lists
    /// collect distinct values, so a second round adds nothing).
    fn metadata(&self, a: &Analysis<'_>, cx: &mut Context) {
        let c = &self.classifier;
        // Labelled dates beat the document prefix, which beats a bare banner.
        let mut date: Option<(u8, String)> = None;
        let mut date_rest: Option<String> = None;
        let mut put = |key: &str, v: &str, kind: Kind, cx: &mut Context| {
            if key == "date" {
                // `Updated: Feb 23,2018 7:13 AM China Daily`: the date, then the outlet.
                let (v, rest) = shape::split_date(v);
                if !rest.is_empty() && date_rest.is_none() {
                    date_rest = Some(rest.to_string());
                }
                let rank = match kind {
                    Kind::Labels | Kind::Pattern => 0,
                    Kind::Prefix => 1,
                    _ => 2,
                };
                if date.as_ref().is_none_or(|d| rank < d.0) {
                    date = Some((rank, v.to_string()));
                }
                return;
            }
            insert(&mut cx.metadata, key, v);
        };
        if let Some(p) = &a.prefix {
            if let Some(k) = &c.rules[p.rule].key {
                put(k, &p.value, Kind::Prefix, cx);
            }
        }
        for (i, r) in a.removed.iter().enumerate() {
            let Some(r) = r else { continue };
            if let Some(k) = r.shape.and_then(zones::Shape::key) {
                insert(&mut cx.metadata, k, a.lines[i].trimmed(a.text));
            }
            for (rule, v) in &r.values {
                let m = &c.rules[*rule];
                if let Some(k) = &m.key {
                    if k != "breadcrumb" {
                        put(k, v, m.kind, cx);
                    }
                }
            }
        }
        if let Some((_, d)) = date {
            cx.metadata.entry("date").or_insert(d.into());
        }
        if let Some(r) = date_rest {
            cx.metadata.entry("source").or_insert(r.into());
        }
        if !a.breadcrumb.is_empty() {
            cx.metadata.entry("breadcrumb").or_insert(a.breadcrumb.clone().into());
        }
        if let Some(i) = a.title {
            cx.metadata.entry("title").or_insert(a.lines[i].trimmed(a.text).into());
        }
    }
}

fn insert(map: &mut serde_json::Map<String, serde_json::Value>, key: &str, v: &str) {
    use serde_json::Value;
    if LIST_KEYS.contains(&key) {
        let list = map.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        let Value::Array(items) = list else { return };
        let parts: Vec<&str> = if key == "images" || key == "attachments" {
            vec![v]
        } else {
            v.split([',', '，', '、', ';', '；', '/']).flat_map(|p| p.split(" and ")).map(str::trim).collect()
        };
        for p in parts.into_iter().filter(|p| !p.is_empty()) {
            if !items.iter().any(|x| x.as_str() == Some(p)) {
                items.push(p.into());
            }
        }
        return;
    }
    if map.contains_key(key) {
        return;
    }
    let value = if key == "views" {
        let digits: String = v.chars().filter(|c| *c != ',').collect();
        digits.parse::<u64>().map(Value::from).unwrap_or_else(|_| v.into())
    } else {
        v.into()
    };
    map.insert(key.to_string(), value);
}

/// A line the pass removes.
#[derive(Debug, Clone)]
pub(crate) struct Removal {
    pub code: Code,
    pub confidence: Confidence,
    /// (rule whose key names the field, value)
    pub values: Vec<(usize, String)>,
    heuristic: bool,
    /// Beyond the share limit: the edit becomes review.
    over: bool,
    /// Removed by shape (B116): which one.
    shape: Option<zones::Shape>,
}

impl Removal {
    /// A B116 removal by shape.
    fn shape(s: zones::Shape) -> Self {
        Removal { code: B116, confidence: Confidence::Review, values: Vec::new(), heuristic: true, over: false, shape: Some(s) }
    }

    fn of(c: &Classifier, h: Hit, over: bool) -> Self {
        let m = &c.rules[h.rule];
        Removal { code: m.code, confidence: m.confidence, values: h.values, heuristic: m.heuristic(), over, shape: None }
    }
}

/// A metadata prefix at the start of the first kept line.
pub(crate) struct Prefix {
    line: usize,
    len: usize,
    rule: usize,
    code: Code,
    confidence: Confidence,
    value: String,
}

/// What the pass found in one document.
pub(crate) struct Analysis<'t> {
    pub text: &'t str,
    pub lines: Vec<LineSpan>,
    pub removed: Vec<Option<Box<Removal>>>,
    pub prefix: Option<Prefix>,
    pub title: Option<usize>,
    pub breadcrumb: Vec<String>,
    pub warning: Option<String>,
}

impl Analysis<'_> {
    /// Mark removals beyond `max` of the document's characters as review:
    /// explicit rules spend the budget first, shape heuristics last.
    fn limit_share(&mut self, max: f64) {
        let len = |i: usize| self.lines[i].trimmed(self.text).chars().count();
        let removed: usize = (0..self.lines.len()).filter(|&i| self.removed[i].is_some()).map(len).sum();
        if removed == 0 {
            return;
        }
        // Every char is at most 4 bytes: a cheap lower bound first.
        if (removed as f64) <= max * (self.text.len() / 4) as f64 {
            return;
        }
        let total = self.text.chars().count();
        if (removed as f64) <= max * total as f64 {
            return;
        }
        let budget = (max * total as f64) as usize;
        let mut order: Vec<usize> = (0..self.lines.len()).filter(|&i| self.removed[i].is_some()).collect();
        order.sort_by_key(|&i| self.removed[i].as_ref().is_some_and(|r| r.heuristic));
        let mut spent = 0;
        let mut over = 0;
        for i in order {
            spent += len(i);
            if spent > budget {
                if let Some(r) = self.removed[i].as_mut() {
                    r.over = true;
                    over += 1;
                }
            }
        }
        self.warning = Some(format!(
            "boilerplate: furniture is {}% of the document (limit {}%); {over} removal(s) marked review",
            removed * 100 / total.max(1),
            (max * 100.0).round()
        ));
    }

    /// The deletions: each removed line with its blank padding, so that one
    /// blank line stays between the kept paragraphs around it (none at the
    /// document's edges).
    fn edits(&self) -> Vec<Edit> {
        let mut edits = Vec::new();
        if let Some(p) = &self.prefix {
            let s = self.lines[p.line].start;
            edits.push(Edit::deletion(s..s + p.len, p.code, p.confidence, reason(p.code)));
        }
        let n = self.lines.len();
        let blank = |i: usize| self.lines[i].trimmed_len() == 0;
        let gone = |i: usize| self.removed[i].is_some();
        let mut i = 0;
        while i < n {
            if !gone(i) && !blank(i) {
                i += 1;
                continue;
            }
            let g0 = i;
            while i < n && (gone(i) || blank(i)) {
                i += 1;
            }
            let g1 = i;
            if !(g0..g1).any(gone) {
                continue;
            }
            let at_start = g0 == 0;
            let at_end = g1 == n;
            let keep_blank = if at_start || at_end { None } else { (g0..g1).find(|&j| blank(j)) };
            let span_end = self.lines[g1 - 1].next;
            // At the end of a text without a final newline, take the kept
            // line's line break too, so the convention is kept.
            let mut pending =
                if at_end && !at_start && !self.text.ends_with('\n') { Some(self.lines[g0 - 1].end) } else { None };
            let mut cur: Option<(usize, usize)> = None; // (start, removed line)
            for j in g0..g1 {
                if Some(j) == keep_blank {
                    if let Some((s, r)) = cur.take() {
                        edits.push(self.deletion(s..self.lines[j].start, r));
                    }
                    continue;
                }
                if gone(j) {
                    if let Some((s, r)) = cur.take() {
                        edits.push(self.deletion(s..self.lines[j].start, r));
                    }
                    cur = Some((pending.take().unwrap_or(self.lines[j].start), j));
                } else if cur.is_none() && pending.is_none() {
                    pending = Some(self.lines[j].start);
                }
            }
            if let Some((s, r)) = cur {
                edits.push(self.deletion(s..span_end, r));
            }
        }
        edits
    }

    fn deletion(&self, range: std::ops::Range<usize>, line: usize) -> Edit {
        let r = self.removed[line].as_ref().expect("removed line");
        let base = r.shape.map_or_else(|| reason(r.code), zones::Shape::reason);
        if r.over {
            Edit::deletion(range, r.code, Confidence::Review, Cow::Owned(format!("{base}{R_OVER_SHARE}")))
        } else {
            Edit::deletion(range, r.code, r.confidence, base)
        }
    }
}

impl Pass for Boilerplate {
    fn run(&self, text: &str, cx: &mut Context) -> Vec<Edit> {
        let a = self.analyze(text, Some(cx.scratch.get::<LineCache>("boilerplate")));
        self.metadata(&a, cx);
        if let Some(w) = &a.warning {
            if !cx.warnings.contains(w) {
                cx.warnings.push(w.clone());
            }
        }
        let mut edits = a.edits();
        // Credits glued to the end of a kept line (B119).
        for (i, l) in a.lines.iter().enumerate() {
            if a.removed[i].is_some() || l.trimmed_len() == 0 {
                continue;
            }
            let r = l.trimmed_range();
            let Some((cut, credits)) = trailing_credits(&text[r.clone()]) else { continue };
            if cut == 0 {
                continue;
            }
            for (k, v) in credits {
                insert(&mut cx.metadata, k, v);
            }
            edits.push(Edit::deletion(r.start + cut..r.end, B119, Confidence::Safe, R_TRAILING));
        }
        edits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::kit::testing::{assert_fixes, assert_no_edits, edit_count};
    use crate::{Cleaner, Config};

    fn clean(input: &str) -> crate::Cleaned {
        Cleaner::new(Config::default()).unwrap().clean(input)
    }

    #[test]
    fn a_wire_dateline_above_the_story_is_kept() {
        let page = "Investment forum adds vitality to E China city\n\nBEIJING, Nov. 14, 2023 /PRNewswire/\n\nAn investment promotion forum was held on Friday in Xishan District of Wuxi city, injecting new impetus to local development.\nAt the forum, 43 major industrial projects were signed, and a number of global investment partners were awarded prizes.\n";
        assert!(clean(page).text.contains("BEIJING, Nov. 14, 2023 /PRNewswire/"));
        assert!(wire_dateline("SHANGHAI, May 9 (Xinhua)") && !wire_dateline("Home, News 2024") && !wire_dateline("17:23 UTC+8, 2024-05-09"));
    }

    #[test]
    fn builtin_rules_parse_and_examples_hold() {
        let specs = RulesFile::parse("rules/boilerplate.toml", BUILTIN_RULES).unwrap().rule;
        let pass = Boilerplate::new(&Options::default(), &Setup::default()).unwrap();
        let mut failures = Vec::new();
        for (i, s) in specs.iter().enumerate() {
            // Built-in patterns are compiled lazily: each must compile.
            if let Some(p) = &s.pattern {
                assert!(regex::Regex::new(p).is_ok(), "rule {} ({}) pattern does not compile", i + 1, s.code);
            }
            assert!(!s.matches.is_empty(), "rule {} ({}) has no match examples", i + 1, s.code);
            assert!(!s.no_match.is_empty(), "rule {} ({}) has no no_match examples", i + 1, s.code);
            if let Some(m) = pass.check_examples(i, s) {
                failures.push(m);
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn removes_breadcrumb_with_its_padding() {
        assert_fixes(
            "Current Location: 365备用网站 > Media report\n\nThe conference opened today.",
            "The conference opened today.",
        );
    }

    #[test]
    fn keeps_the_title_that_ends_the_breadcrumb() {
        // `Insight` repeats a segment and goes; the title the breadcrumb
        // ends with stays.
        let out = clean("Current Location: Home > Insight > Harbin Lifts Optimism in Economy\n\nInsight\n\nHarbin Lifts Optimism in Economy\n\nThe ice festival opened in Harbin on January 5, and the city welcomed more visitors than ever.\n");
        assert_eq!(out.text, "Harbin Lifts Optimism in Economy\n\nThe ice festival opened in Harbin on January 5, and the city welcomed more visitors than ever.\n");
        assert_eq!(out.report.metadata["breadcrumb"], serde_json::json!(["Home", "Insight", "Harbin Lifts Optimism in Economy"]));
    }

    #[test]
    fn removes_image_name_between_paragraphs() {
        assert_fixes(
            "The delegation met in Guiyang.\n\n image.png\n\nThe meeting ended at noon.",
            "The delegation met in Guiyang.\n\nThe meeting ended at noon.",
        );
    }

    #[test]
    fn removes_mixed_metadata_line_and_extracts_fields() {
        let out = clean("时间:2024-06-03Source: Qiushi作者:Number of hits:\n\nDeveloping new quality productive forces is an inherent requirement.\n");
        assert_eq!(out.text, "Developing new quality productive forces is an inherent requirement.\n");
        assert_eq!(out.report.metadata["date"], "2024-06-03");
        assert_eq!(out.report.metadata["source"], "Qiushi");
        assert!(out.report.metadata.get("author").is_none());
    }

    #[test]
    fn real_header_of_seed_000_goes_and_title_stays() {
        let input = "September 16, 2020 Wednesday\nCurrent Location: 365备用网站 > Media report\n\nSpeech by Comrade Huang Kunming at the High Quality Development Conference of Guangdong Province (2024)\n\nInformation Source: Shenzhen published Release time: 2024-02-18\n\n20240218152233.png\n\n\nOn February 18, the first working day of the Chinese New Year, the provincial Party Committee held the conference.\n";
        let out = clean(input);
        assert_eq!(
            out.text,
            "Speech by Comrade Huang Kunming at the High Quality Development Conference of Guangdong Province (2024)\n\nOn February 18, the first working day of the Chinese New Year, the provincial Party Committee held the conference.\n"
        );
        let m = &out.report.metadata;
        assert_eq!(m["date"], "2024-02-18", "labelled date beats the banner");
        assert_eq!(m["source"], "Shenzhen published");
        assert_eq!(m["breadcrumb"], serde_json::json!(["365备用网站", "Media report"]));
        assert_eq!(m["images"], serde_json::json!(["20240218152233.png"]));
        assert_eq!(m["title"], "Speech by Comrade Huang Kunming at the High Quality Development Conference of Guangdong Province (2024)");
    }

    #[test]
    fn footer_credits_go_to_metadata() {
        let input = "The meeting ended at noon after a long debate.\n\nContent source: South + client Nanfang Daily\n\nEditing by Liu Dongbo and Liu Jiawen\n\nReading: Huang Chun Wu Qintong\n\n\n附件:\n";
        let out = clean(input);
        assert_eq!(out.text, "The meeting ended at noon after a long debate.\n");
        let m = &out.report.metadata;
        assert_eq!(m["source"], "South + client Nanfang Daily");
        assert_eq!(m["editors"], serde_json::json!(["Liu Dongbo", "Liu Jiawen"]));
        assert_eq!(m["reviewers"], serde_json::json!(["Huang Chun Wu Qintong"]));
    }

    #[test]
    fn collapses_repeated_title_across_removed_metadata() {
        let input = "News information\n\nCurrent Location:首页 > News information > Current political events\n\nDeveloping new quality productive forces is an inherent requirement\n\n时间:2024-06-03Source: Qiushi作者:Number of hits:\n\nDeveloping new quality productive forces is an inherent requirement\n\nXi Jinping\n\nThe study session was held today, and it was long.\n";
        let out = clean(input);
        assert_eq!(
            out.text,
            "Developing new quality productive forces is an inherent requirement\n\nXi Jinping\n\nThe study session was held today, and it was long.\n"
        );
        assert_eq!(edit_count(input, "B113"), 1);
        assert_eq!(out.report.metadata["section"], "News information");
    }

    #[test]
    fn removes_only_the_date_prefix_of_the_first_line() {
        assert_fixes(
            " date 2025-02-06 GUANGZHOU, China, Feb. 6, 2025 /PRNewswire/ -- On February 5, 2025, Guangdong held a conference.\n",
            "GUANGZHOU, China, Feb. 6, 2025 /PRNewswire/ -- On February 5, 2025, Guangdong held a conference.\n",
        );
    }

    #[test]
    fn removes_lone_to_lines_and_aggregator_header() {
        let input = "Post sponsored by NewzEngine.com\n\nMIL OSI Translation. Region: Peoples Republic of China-China Statistical Information Network-Chinese-\n\n(October 19, 2020)\n\nTo\n\nTo\n\n   CCTV reporter from China Central Radio and Television:\n\nTo\n\nIn the first three quarters, the economic growth rate turned positive. How would you evaluate it?\n\nTo\n\nThank you for your question.\n";
        assert_fixes(
            input,
            "CCTV reporter from China Central Radio and Television:\n\nIn the first three quarters, the economic growth rate turned positive. How would you evaluate it?\n\nThank you for your question.\n",
        );
        assert_eq!(clean(input).report.metadata["date"], "October 19, 2020");
    }

    #[test]
    fn removes_navigation_of_clean_article_but_keeps_its_body() {
        let input = "App | 中文 |\nHOME >> STATE COUNCIL >> MINISTRIES\n\nDomestic tourism thrives, revenues up\n\nCheng Si\nUpdated: Feb 23,2018 7:13 AM China Daily\n\nThe number of domestic trips by tourists hit a record high of 386 million, a year-on-year increase of 12.1 percent.\n";
        assert_fixes(
            input,
            "Domestic tourism thrives, revenues up\n\nCheng Si\n\nThe number of domestic trips by tourists hit a record high of 386 million, a year-on-year increase of 12.1 percent.\n",
        );
    }

    #[test]
    fn removes_empty_release_time_and_dated_byline() {
        assert_fixes(
            "The company held a safety month launch ceremony\n\nRelease time:\n\n\nThis year June is the 22nd national safety month, the company said.\n",
            "The company held a safety month launch ceremony\n\nThis year June is the 22nd national safety month, the company said.\n",
        );
        assert_fixes(
            "Continue to deepen the development of Yichang\n\n2022-07-29 0 By\n\nOn January 26th, the city held an enterprise symposium.\n",
            "Continue to deepen the development of Yichang\n\nOn January 26th, the city held an enterprise symposium.\n",
        );
    }

    #[test]
    fn short_lines_between_furniture_above_the_title_go() {
        let body = "Japanese tech giant Sony apologized to Chinese netizens and canceled an event to launch new products on July 7.\n\nSony said it originally planned to launch a new camera during a photography equipment show in Shanghai.\n";
        let input = format!("Top line of the page\n\nMain page | News | Guestbook | Contact us\n\nFood products\n\nLeisure and garden inventory\n\nMedicine and public health\n\nOil equipment\n\nSony apologizes to China for sensitive timing of product launch\n\n{body}");
        let out = clean(&input).text;
        assert!(!out.contains("Leisure and garden inventory") && !out.contains("Medicine and public health"), "{out}");
        // The document's start is no bound: its first line stays.
        assert!(out.starts_with("Top line of the page\n"), "{out}");
        assert!(out.contains("Sony apologizes to China"), "{out}");
    }

    #[test]
    fn new_location_and_credit_shapes_with_metadata() {
        let input = "You are here:Home - Show Info - Exhibition News\n\n107th Canton Fair Promotes Itself in Hong Kong\n\n2021-06-09 08:49:48chinadaily.com.cn Editor : Mo Hong'e ECNS App Download\n\nWang Zhiping, the director of China Foreign Trade Center, noted in Hong Kong on March 2 that the fair would open in April.\n\nSupervisors: Zhu Ping, Zhang Chunyan, Song Wei\n\nVideo editor: Song Jingyi\n";
        let out = clean(input);
        assert_eq!(
            out.text,
            "107th Canton Fair Promotes Itself in Hong Kong\n\nWang Zhiping, the director of China Foreign Trade Center, noted in Hong Kong on March 2 that the fair would open in April.\n"
        );
        let m = &out.report.metadata;
        assert_eq!(m["breadcrumb"], serde_json::json!(["Home", "Show Info", "Exhibition News"]));
        assert_eq!(m["date"], "2021-06-09 08:49:48");
        assert_eq!(m["credits"], serde_json::json!(["Zhu Ping", "Zhang Chunyan", "Song Wei", "Song Jingyi"]));
    }

    #[test]
    fn contact_block_above_the_title_goes() {
        let story = "The third batch of inspectors started work in seven provinces\n\nCCTV News reported on the 24th that, with the approval of the State Council, the third batch of inspections has been launched in seven provinces, and will run for a month.\n";
        let head = "National service hotline:\n186 0120 9822\nSales Hotline:\n\nTechnical Service:\n\nAddress: 8/F, Business Building, No.15, Tiyubei Road, Chikan District, Zhanjiang City\n\nEnter mobile phone station\n\n";
        let out = clean(&format!("{head}{story}"));
        assert_eq!(out.text, story);
    }

    #[test]
    fn a_long_row_of_links_closing_the_page_is_no_body() {
        // Weighed as prose, the row once pulled the footer into the body.
        let body = "Tianjin and Guizhou led GDP growth in the first three quarters, while Beijing and Shanghai were at the bottom, according to figures released by the bureau.\n\n";
        let row: String = (0..60).map(|i| format!("县{i}| ")).collect();
        let out = clean(&format!("{body}Comments (0)\nCopyright ©1999-2018 Example.com. All rights reserved.\n\n{row}\n"));
        assert_eq!(out.text, format!("{}\n", body.trim_end()));
    }

    #[test]
    fn a_bulleted_menu_above_the_title_goes_with_its_headlines() {
        let story = "Hengyang Delegation held the second plenary meeting on Friday evening\nOn the evening of January 25, the delegation held the second plenary meeting to convey the spirit of the session, and the deputies discussed the method for the by-election of the second session.\nThe director attended the meeting and made a speech, and the secretary presided over it.\n";
        let menu = "• Hot News\n    • Domestic\n    • Local\n  • Special Report\n    • Recommendation\n    • Publicity Week of Food Safety\n    • Village Visiting Campaign\n    • The CPC Third Plenary Session\n    • NPC and CPPCC 2014 Annual Sessions\n    • Study the spirit of the Third Plenary Session\n    • The Eighteenth Big Third Plenary Session\n    • CPC Launches Mass Line Campaign\n    • Two special\n  • Hot Report\n";
        assert_eq!(clean(&format!("{menu}{story}")).text, story);
        // Without the bullets, the headlines a label shape does not take stay.
        let plain = menu.replace('•', "");
        assert!(clean(&format!("{plain}{story}")).text.contains("Study the spirit of the Third Plenary Session"));
    }

    #[test]
    fn three_bulleted_headlines_closing_the_page_go() {
        let body = "More than 90 percent of poor villages in China have set up farmers' cooperatives, which play an important role in the fight against poverty, officials said.\nThe office asked to aid the poor affected by the current floods with industrial support.\n";
        let list = "  • Tourists enjoy leisure time in Lunang Township of Tibet\n  • Traditional dance helps reduce poverty in Shannan, Tibet\n  • Tibetan antelopes seen near Zonag Lake in Qinghai\n";
        assert_eq!(clean(&format!("{body}{list}")).text, body);
        // Three Markdown items are the article's own list, and so are two bullets.
        let dashed = list.replace('•', "-");
        assert!(clean(&format!("{body}{dashed}")).text.contains("- Tibetan antelopes"));
        let two: String = list.lines().take(2).map(|l| format!("{l}\n")).collect();
        assert!(clean(&format!("{body}{two}")).text.contains("Traditional dance"));
    }

    #[test]
    fn keeps_bullet_list_items_of_the_article() {
        assert_no_edits("The plan has three parts, the ministry said on Monday in a statement.\n\n• Build 30 new parks by 2025\n\n• By 2030, plant a million trees\n\n• Reported cases of air pollution must fall by half, the plan says.\n\nThe city will pay for the parks, and the province for the trees.\n");
    }

    #[test]
    fn keeps_prose_that_looks_like_furniture() {
        assert_no_edits("Editing by committee rarely works, the editors said at the meeting.\n");
        assert_no_edits("Source: a person close to the talks said the deal would be signed in March.\n");
        assert_no_edits("To be continued.\n");
        assert_no_edits("March 8 is International Women's Day.\n\nIt is celebrated across the country every year.\n");
        assert_no_edits("Print media still matters to readers in smaller cities.\n");
    }

    #[test]
    fn keeps_date_line_and_caption_inside_body() {
        assert_no_edits("The plant opened in spring and hired 300 workers.\n\nMarch 2024\n\nGuiyang High tech Zone\n\nThe second phase will open next year, officials said.\n");
    }

    #[test]
    fn heavy_removal_becomes_review_with_warning() {
        let input = "Current Location: Home > News\n\nRelease time: 2024-02-18\n\nSource: Xinhua\n\nShort text here.\n";
        let out = clean(input);
        assert!(out.report.warnings.iter().any(|w| w.contains("furniture")), "{:?}", out.report.warnings);
        assert!(out.report.edits.iter().any(|e| e.confidence == Confidence::Review));
    }

    #[test]
    fn second_run_adds_no_metadata_duplicates() {
        let pass = Boilerplate::new(&Options::default(), &Setup::default()).unwrap();
        let mut cx = Context::default();
        let text = "The plant opened.\n\n 10.jpg\n\nIt hired 300 workers in the first year.\n";
        pass.run(text, &mut cx);
        cx.round = 1;
        pass.run(text, &mut cx);
        assert_eq!(cx.metadata["images"], serde_json::json!(["10.jpg"]));
    }

    #[test]
    fn user_rule_is_checked_and_applied() {
        let cfg = Config::from_toml(
            "[boilerplate]\n[[boilerplate.extra_rules]]\ncode = \"B114\"\nzone = \"footer\"\ntriggers = [\"scan the qr code\"]\npattern = '^Scan the QR code'\nmatch = [\"Scan the QR code to follow us\"]\nno_match = [\"We scan the QR code daily.\"]\n",
        )
        .unwrap();
        let out = Cleaner::new(cfg).unwrap().clean("The meeting ended at noon.\n\nScan the QR code to follow us\n");
        assert_eq!(out.text, "The meeting ended at noon.\n");
        let bad = Config::from_toml(
            "[boilerplate]\n[[boilerplate.extra_rules]]\ncode = \"B114\"\npattern = '^Scan'\nmatch = [\"Follow us\"]\n",
        )
        .unwrap();
        assert!(matches!(Cleaner::new(bad), Err(Error::Rules { .. })));
        let wrong_code =
            Config::from_toml("[boilerplate]\n[[boilerplate.extra_rules]]\ncode = \"P101\"\npattern = 'x'\n").unwrap();
        assert!(Cleaner::new(wrong_code).is_err());
    }
}
