//! Punctuation in machine-translated English (family P, rules P101–P108).
//!
//! One forward byte scan finds the candidate bytes (the lead bytes of
//! full-width punctuation and the ASCII marks `, . ; : ! ? ( )`); each
//! candidate is judged by its neighbours only. Context is the script of the
//! nearest letters on either side (Han or Latin), never a guess about the
//! whole line: `province。The` is English, `政治,把` is Chinese.

use crate::edit::{
    Confidence::{Review, Safe},
    Edit,
};
use crate::error::Result;
use crate::passes::kit::{Context, Pass, Setup};
use crate::text::lexicon::{self, Lexicon};
use crate::text::scan;
use crate::text::script::{is_cjk, is_cjk_letter, is_cjk_punct, is_han};
use crate::text::sentences;
use crate::text::words::{code_near, in_address, in_domain, in_prose, letters_back, letters_fwd};

crate::declare_rules! { pass = "punctuation";
    /// ## What it fixes
    /// Full-width Chinese punctuation (`。，；：！？、（）`) between English
    /// words or numbers becomes its ASCII counterpart, followed by one space
    /// when a word follows. `、` (the enumeration comma) becomes `,`.
    ///
    /// ## Example
    /// ```text
    /// carried out live broadcast for the whole province。The following is a transcript
    /// ```
    /// Becomes:
    /// ```text
    /// carried out live broadcast for the whole province. The following is a transcript
    /// ```
    ///
    /// ## Example
    /// ```text
    /// We must act now，and we must act together：first, plan。
    /// ```
    /// Becomes:
    /// ```text
    /// We must act now, and we must act together: first, plan.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 让我们更加紧密地团结在党中央周围，奋力推进中国式现代化建设。
    /// 增长4.8%，高于全国。
    /// 中央军委主席Xi Jinping，参加审议。
    /// 我们要加快发展AI。
    /// 我们提供了一套state-of-the-art、machine-learning-powered的编辑器。
    /// 详情请访问：https://www.gov.cn/zhengce/index.html。
    /// ```
    ///
    /// ## Why safe
    /// A mark inside a Chinese sentence (at least two Han characters for
    /// every English word; URLs and code hold no words) is Chinese
    /// punctuation and stays, whatever letter touches it. Otherwise context
    /// is the script of the nearest letter on each side (digits,
    /// spaces, quotes and brackets are skipped): the mark is converted only
    /// when both sides are Latin, or Latin and the line edge. Next to Chinese
    /// text it is Chinese punctuation and stays, and so it is after a short
    /// English term (fewer than four words) that follows Chinese on the line. A full-width comma between two
    /// digits (`1，000`) is ambiguous and left alone.
    P101 = ("fullwidth-punctuation-in-english", Safe, true, "full-width punctuation in English becomes ASCII");
    /// ## What it fixes
    /// Punctuation doubled by a conversion: a full-width mark next to its ASCII
    /// twin (`".。`, `。.`, `,，`), doubled commas or semicolons (`,,`), two
    /// periods that are not an ellipsis, and a stray ` .` after a sentence
    /// that already ended.
    ///
    /// ## Example
    /// ```text
    /// a center with global influence".。Under the kind care of the Party
    /// ```
    /// Becomes:
    /// ```text
    /// a center with global influence". Under the kind care of the Party
    /// ```
    ///
    /// ## Example
    /// ```text
    /// strengthen confidence, travel lightly, and develop boldly. .
    /// ```
    /// Becomes:
    /// ```text
    /// strengthen confidence, travel lightly, and develop boldly.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// He surveyed the highway, , examined the project and left.
    /// ```
    /// Becomes:
    /// ```text
    /// He surveyed the highway, examined the project and left.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Wait... what happened? See ../docs for more.
    /// ```
    ///
    /// ## Why safe
    /// The two marks say the same thing; one is removed. Three or more
    /// periods are an ellipsis and stay.
    P102 = ("doubled-punctuation", Safe, true, "doubled punctuation removed");
    /// ## What it fixes
    /// ASCII punctuation a scraper flattened inside a Chinese sentence is
    /// restored to full width: `,` `;` between Chinese characters, `:` `!` `?`
    /// after a Chinese character, `( )` around Chinese text, and a `.`
    /// ending a Chinese sentence becomes `。`.
    ///
    /// ## Example
    /// ```text
    /// 以习近平同志为核心的党中央把推进中国式现代化作为新时代最大的政治,把坚持高质量发展作为新时代的硬道理。
    /// ```
    /// Becomes:
    /// ```text
    /// 以习近平同志为核心的党中央把推进中国式现代化作为新时代最大的政治，把坚持高质量发展作为新时代的硬道理。
    /// ```
    ///
    /// ## Example
    /// ```text
    /// 新版本发布后,用户可以通过App Store下载.
    /// ```
    /// Becomes:
    /// ```text
    /// 新版本发布后，用户可以通过App Store下载。
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Xi Jinping (习近平) said, "We will work hard."
    /// Current Location:首页 > News
    /// The delegation visited 北京 and 上海.
    /// 项目使用Node.js. 근면, 검소, 협동은 우리 겨레의 미덕이다.
    /// ```
    ///
    /// ## Why safe
    /// Chinese text is punctuated with full-width marks; the ASCII mark was
    /// only produced by the scraper. Chinese means Han: Japanese and Korean
    /// keep their marks. A comma next to an English name inside a
    /// Chinese sentence (`下午,Xi Jinping在`) counts as Chinese only when the
    /// English run is short and Chinese resumes after it. `. ! ?` become
    /// `。！？` only after a Han character that ends a Chinese sentence (at
    /// least two Han characters for every English word), never after a
    /// Latin token (`Node.js.`) or in a chain of dotted characters.
    ///
    /// In an English or bilingual text (two lines of English prose or more,
    /// at least half as many as the lines of Chinese prose), a line of
    /// Chinese alone that uses ASCII marks throughout keeps them: it is a
    /// quoted or translated paragraph as its source wrote it. Its marks change when the line also holds English
    /// (Chinese left inside an English paragraph or caption) or already
    /// holds a full-width `，；：！？`.
    P103 = ("ascii-punctuation-in-chinese", Safe, true, "ASCII punctuation in Chinese text becomes full-width");
    /// ## What it fixes
    /// A full-width period ending an English sentence that is followed by a
    /// Chinese one becomes `. ` (the Chinese sentence keeps its own marks).
    ///
    /// ## Example
    /// ```text
    /// the people to successfully expand Chinese-style modernization。以习近平同志为核心的党中央
    /// ```
    /// Becomes:
    /// ```text
    /// the people to successfully expand Chinese-style modernization. 以习近平同志为核心的党中央
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// 中央军委主席Xi Jinping。以习近平同志为核心
    /// ```
    ///
    /// ## Why safe
    /// Only when the English run before the mark is a sentence: at least four
    /// words, or the whole line so far. A short English name inside Chinese
    /// text keeps the Chinese period.
    P104 = ("english-sentence-before-chinese", Safe, true, "English sentence before Chinese text ends with an ASCII period");
    /// ## What it fixes
    /// A missing space after `,` `;` `.` `:` `!` `?` between two words:
    /// `forces,It` → `forces, It`, `2020.The` → `2020. The`,
    /// `enterprises.Ma Zejiang` → `enterprises. Ma Zejiang`, and after a comma
    /// between a word and a number (`yuan,74.3%` → `yuan, 74.3%`,
    /// `projects;157` → `projects; 157`), and after a percentage glued to
    /// a word (`23.9%down` → `23.9% down`).
    ///
    /// ## Example
    /// ```text
    /// promote the mutual benefit of government and enterprises.Ma Zejiang presided over the meeting.Wang Guobin attended.
    /// ```
    /// Becomes:
    /// ```text
    /// promote the mutual benefit of government and enterprises. Ma Zejiang presided over the meeting. Wang Guobin attended.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// It built 30 renovation projects;157 social housing units and &amp;5 stay.
    /// ```
    /// Becomes:
    /// ```text
    /// It built 30 renovation projects; 157 social housing units and &amp;5 stay.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// Poverty dropped from 23.9%down to 12.1% in those years[1].In some counties it rose.
    /// ```
    /// Becomes:
    /// ```text
    /// Poverty dropped from 23.9% down to 12.1% in those years[1]. In some counties it rose.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// Go to the designated sampling point.(1) Residents should wait. Testing ends on April 4.(2) Sampling place: the square.
    /// ```
    /// Becomes:
    /// ```text
    /// Go to the designated sampling point. (1) Residents should wait. Testing ends on April 4. (2) Sampling place: the square.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// The talks covered the following seven aspects:political participation,belief education and the "Four focus":Firstly, focus on the Party.
    /// ```
    /// Becomes:
    /// ```text
    /// The talks covered the following seven aspects: political participation, belief education and the "Four focus": Firstly, focus on the Party.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The U.S. economy grew 3.5% in Q1, e.g. exports rose 1.2 billion (i.e. 9,000 containers) by 8 a.m. on Jan. 6.
    /// It cost $1,234.56 at 15:22:33 with Section 1.2.7 of version 2.10.3 and Ph.D. students.
    /// See https://www.example.gov.cn/news/2024/0218,index.html or press@example.com and photo.JPG today.
    /// Guizhou Suanli Technology Co.,Ltd. and ASP.NET and No.5 and Fig.3 stay.
    /// The format 10%s and 3%abc and 5%_x stay, as do [x].In and [a1].Net.
    /// Call value.(Stringer) or x.(i) Then and v1.2.(3) Build.
    /// In this text each field name:value pair and host:port setting and style:color rule stays as written here.
    /// For the default cargo:token credential provider, the token is saved in the home directory.
    /// ```
    ///
    /// ## Why safe
    /// The mark must sit between a word (or number) and a word: a period needs
    /// a capitalized word of two or more letters after it (`Ph.D`, `U.S.A`
    /// never match), a comma or period between digits is a number and never
    /// matches, and any token containing `/`, `@`, `://` or `www.` is an
    /// address. A period before a file-name extension or domain suffix
    /// (`photo.JPG`) is kept. A period glued to a year after a word
    /// (`floor.2015`) is only a Review edit. After a percentage the word must
    /// be a dictionary word of three letters or more (`%s` stays), with no
    /// code near.
    ///
    /// ## Data
    /// `rules/abbreviations.txt` (no space before a number after `No.`,
    /// `Fig.`, ...), `rules/file_suffixes.txt`.
    P105 = ("missing-space-after-punctuation", Safe, true, "space inserted after punctuation");
    /// ## What it fixes
    /// A space before `,` `;` `:` `.` `!` `?` in English is removed (and one is
    /// put after it when a word follows directly).
    ///
    /// ## Example
    /// ```text
    /// the word ,next one, the ratio 29.8 :35.4 and the end .
    /// ```
    /// Becomes:
    /// ```text
    /// the word, next one, the ratio 29.8:35.4 and the end.
    /// ```
    ///
    /// ## Example
    /// ```text
    /// It met in room 500 on Oct 21 ,2019.
    /// ```
    /// Becomes:
    /// ```text
    /// It met in room 500 on Oct 21, 2019.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Use .NET and version .5 and the range 1 ,000 and a ... b, and the score 3 : 2
    /// ```
    ///
    /// ## Why safe
    /// English never puts a space before these marks. A period followed by a
    /// letter or digit (`.NET`, `.5`) and an ellipsis are not touched.
    P106 = ("space-before-punctuation", Safe, true, "space before punctuation removed");
    /// ## What it fixes
    /// A bracket glued to an English word: `development(2024)` →
    /// `development (2024)`, `(2024)The` → `(2024) The`,
    /// `meeting(draft)` → `meeting (draft)`.
    ///
    /// ## Example
    /// ```text
    /// the High Quality Development Conference of Guangdong Province(2024)was held by the Elite China International Travel Service( ECITS ) and others
    /// ```
    /// Becomes:
    /// ```text
    /// the High Quality Development Conference of Guangdong Province (2024) was held by the Elite China International Travel Service (ECITS) and others
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// the item(s) you chose, f(x) and print() stay
    /// ```
    ///
    /// ## Why safe
    /// The brackets must pair on the line and hold a capitalized word, a number
    /// or several words, or one lowercase dictionary word of three or more
    /// letters after a dictionary word of four or more followed by prose;
    /// plural markers like `(s)` and function calls (`f(x)`, `a.len(x);`) do
    /// not qualify. Spaces just inside brackets go only on a line of prose
    /// (eight words or more) with no code around it.
    P107 = ("bracket-spacing", Safe, true, "space inserted next to a bracket");
    /// ## What it fixes
    /// A Chinese sentence ending in `。` `！` `？` glued to the English sentence
    /// that follows gets a space between them.
    ///
    /// ## Example
    /// ```text
    /// 对此,习近平总书记作了深邃思考、深刻论述。The General Secretary creatively put forward
    /// ```
    /// Becomes:
    /// ```text
    /// 对此,习近平总书记作了深邃思考、深刻论述。 The General Secretary creatively put forward
    /// ```
    ///
    /// ## Why safe
    /// The Chinese mark is kept (it ends a Chinese sentence); only a space is
    /// inserted, so the English word is no longer glued to it.
    P108 = ("space-after-chinese-sentence", Safe, true, "space between a Chinese sentence and English");
    /// ## What it fixes
    /// Two sentences glued by a period with no space, the second one starting
    /// lowercase: the space goes in and the first letter is capitalized.
    ///
    /// ## Example
    /// ```text
    /// The third China International Import Expo came to an end.after many years, businessmen will not forget it.
    /// ```
    /// Becomes:
    /// ```text
    /// The third China International Import Expo came to an end. After many years, businessmen will not forget it.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Open index.html or config.json, e.g.the list, etc.and so on, and see example.com.cn or node.js today.
    /// ```
    ///
    /// ## Why review
    /// The word before the period must be a dictionary word of three or more
    /// letters standing alone (not an abbreviation from
    /// `rules/abbreviations.txt`, not after another period), the word after
    /// a common English word followed by a space, and the token no address,
    /// file name or domain. Still, a period between two words can be a
    /// typo for a comma or part of a name: an editor should look.
    P109 = ("lowercase-sentence-glued", Review, true, "space inserted and sentence capitalized after a glued period");
    /// ## What it fixes
    /// A space inside an amount or a hyphenated word: `10.50 %` → `10.50%`,
    /// `$ 54.7 billion` → `$54.7 billion`, `re -elected` → `re-elected`,
    /// `on -site` → `on-site`, `Multi- catalyzer` → `Multi-catalyzer`,
    /// `aged 15- 18` → `aged 15-18`, `J- 1 visa` → `J-1 visa`,
    /// `USD400, 000` → `USD400,000`, and (review) `28. 1%` → `28.1%` and a
    /// time after `at`, `after`, `from`, `until`, … (`after 24: 00` →
    /// `after 24:00`: an hour up to 24, two digits of minutes up to 59),
    /// and a score or ratio of small numbers after `to`, `by`, `of`,
    /// `with`, `at` or `from` that ends its phrase (`to 6: 3,` → `to 6:3,`).
    ///
    /// ## Example
    /// ```text
    /// an increase of 10.50 %, worth $ 54.7 billion, and he was re -elected; aged 15- 18 with a J- 1 visa and USD400, 000, down 3. 1%.
    /// The Urban -Rural Bureau did on -site checks of Multi- catalyzer plants in a world - famous long - term plan.
    /// ```
    /// Becomes:
    /// ```text
    /// an increase of 10.50%, worth $54.7 billion, and he was re-elected; aged 15-18 with a J-1 visa and USD400,000, down 3.1%.
    /// The Urban-Rural Bureau did on-site checks of Multi-catalyzer plants in a world-famous long-term plan.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Compute 10 % 3 in code, run $ ls, and read pages 5 - 7 and the pre- and post-war years; items 1, 2, 300 and 5, 0.5.
    /// ```
    ///
    /// ## Why safe
    /// `%` must follow a number and not be followed by another number (`10 % 3`
    /// is an operator); `$` must be followed by a number; the hyphen must follow
    /// a prefix that never stands alone (`re`, `co`, `pre`, `non`, `anti`,
    /// `multi`, ...) or the first part of a compound of official English
    /// (`on`, `urban`, `high`, ...), standing alone, and be followed by a
    /// lowercase word (`-Rural`: capitalized only after a capitalized prefix;
    /// `pre- and post-war` stays); a space after a
    /// hyphen is removed only between a word or number glued to it and a
    /// number (`pages 5 - 7`, spaced on both sides, stays); a space after a
    /// comma between digits only before a group with a leading zero (`400,
    /// 000`), which no list item has (`1, 2, 300` stays); a hyphen spaced on
    /// both sides only before a word that forms hyphenated compounds alone
    /// (`famous`, `term`, `owned`, `class`, ...).
    P110 = ("space-inside-amount-or-word", Safe, true, "space inside an amount or hyphenated word removed");
    /// ## What it fixes
    /// Full-width spaces (U+3000, a Chinese paragraph's indent) that a lossy
    /// conversion turned into `?`: a run of `?` and spaces opening a
    /// paragraph before a capital or digit (`? ??Vice Governor`), and, on a
    /// page that shows such a run, a `?` after the period that ends a
    /// paragraph (`for its care.?`).
    ///
    /// ## Example
    /// ```text
    /// ? ??Vice Governor Chen visited the site of the new project.
    /// ? ?Manager Li thanked the government for its care.?
    /// ```
    /// Becomes:
    /// ```text
    /// Vice Governor Chen visited the site of the new project.
    /// Manager Li thanked the government for its care.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Was it made in the U.S.? Who knows.
    /// ?Why not ask them.
    /// ? marks a wildcard, and the title ends in care.?
    /// ```
    ///
    /// ## Why review
    /// A run at a paragraph start must hold a space and end before a capital
    /// or digit, which no English sentence starts with; the `?` after a
    /// period must end its line, follow a dictionary word of three letters or
    /// more (not an abbreviation: `U.S.?` is a question), and the page must
    /// show a paragraph-start run. A question cut after an abbreviation
    /// could still look like this: an editor should look.
    P111 = ("lost-fullwidth-space-as-question-mark", Review, true, "full-width space turned `?` by a lossy conversion removed");
    /// ## What it fixes
    /// `com` that a site's link filter turned into a period inside words
    /// (`the trading .munity`, `famous .panies`): the period after a space,
    /// before lowercase letters that are no word, becomes `com` when that
    /// makes a dictionary word.
    ///
    /// ## Example
    /// ```text
    /// It had a huge influence on the trading .munity, and many famous .panies joined.
    /// ```
    /// Becomes:
    /// ```text
    /// It had a huge influence on the trading community, and many famous companies joined.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Visit example .com or the file .txt today, or .net and .org sites, the .bashrc file and .py scripts.
    /// ```
    ///
    /// ## Why review
    /// The letters after the period must be three or more, all lowercase,
    /// no word and no file suffix (`rules/file_suffixes.txt`), and `com`
    /// before them must make a dictionary word. A made-up extension that
    /// happens to complete a word would still be changed.
    P112 = ("com-lost-as-period", Review, true, "`com` that a link filter turned into a period restored");
    /// ## What it fixes
    /// A period after a month's full name in a date (`December. 1, 2008`),
    /// left where a translation put the day after the month.
    ///
    /// ## Example
    /// ```text
    /// Guangzhou, China – December. 1, 2008 – The company passed the review.
    /// ```
    /// Becomes:
    /// ```text
    /// Guangzhou, China – December 1, 2008 – The company passed the review.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// It opened on Dec. 1, 2008 and Sept. 3, 2009; we met in December. 12 people came, and in March. 5, 6 and 7 stay.
    /// ```
    ///
    /// ## Why safe
    /// Only a month's full name that is no abbreviation (`rules/calendar.txt`),
    /// capitalized, then the period, a space, a day of one or two digits, a
    /// comma, a space and a year (1900–2099): a sentence cannot end there.
    P113 = ("period-after-month-name", Safe, true, "period after a month's full name in a date removed");
    /// ## What it fixes
    /// Spaces (most often no-break spaces) that a lossy conversion turned
    /// into `?` between the words of a paragraph: on a page that shows it
    /// three times or more between two lowercase letters, each `?` between
    /// two words becomes a space again, and one after the period that ends
    /// a paragraph is removed (as P111 does).
    ///
    /// ## Example
    /// ```text
    /// Visitors?have?fun?at?the?Ice-Snow?World?in?Harbin,?Jan.?5,?2024.?(PHOTO:?XINHUA)
    /// ```
    /// Becomes:
    /// ```text
    /// Visitors have fun at the Ice-Snow World in Harbin, Jan. 5, 2024. (PHOTO: XINHUA)
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Was it made here?Yes. See https://example.com/a?b=1 and index.php?id=2&x=y or /search?q=a?b?c.
    /// ```
    ///
    /// ## Why review
    /// Only with the page's own evidence (three `?` between lowercase
    /// letters outside links, and no code on the page); the `?` must stand between a word character
    /// or closing punctuation and a word character or opening bracket, and
    /// not inside a link or query string (`/`, `=` or `&` in the token). A
    /// page that glues real questions to the next sentence and also shows
    /// the damage would have those questions turned into spaces too.
    P114 = ("lost-space-as-question-mark", Review, true, "space turned `?` by a lossy conversion restored");
}

const R_FULLWIDTH: &str = "full-width punctuation in English becomes ASCII";
const R_DOUBLED: &str = "doubled punctuation removed";
const R_STRAY: &str = "stray period after a finished sentence removed";
const R_TO_FULLWIDTH: &str = "ASCII punctuation in Chinese text becomes full-width";
const R_EN_ZH: &str = "English sentence before Chinese text ends with an ASCII period";
const R_MISSING_SPACE: &str = "space inserted after punctuation";
const R_YEAR_GLUED: &str = "space inserted between a sentence and a number (check: may be an abbreviation)";
const R_SPACE_BEFORE: &str = "space before punctuation removed";
const R_BRACKET: &str = "space inserted next to a bracket";
const R_BRACKET_INSIDE: &str = "space just inside a bracket removed";
const R_ZH_EN: &str = "space between a Chinese sentence and English";
const R_SENTENCE_GLUED: &str = "space inserted and sentence capitalized after a glued period";
const R_INSIDE: &str = "space inside an amount or hyphenated word removed";
const R_DEBRIS: &str = "period left over before a comma removed";
const R_MONTH: &str = "space inserted after a month abbreviation";
const R_SPACE_AFTER_PERCENT: &str = "space inserted after a percentage glued to a word";
const R_MONTH_PERIOD: &str = "period after a month's full name in a date removed";
const R_LOST_COM: &str = "`com` that a link filter turned into a period restored";
const R_LOST_SPACE: &str = "full-width space turned `?` by a lossy conversion removed";
const R_LOST_WORD_SPACE: &str = "space turned `?` by a lossy conversion restored";

/// Prefixes that are written with a hyphen and never stand alone as a word
/// (`re -elected` → `re-elected`).
const HYPHEN_PREFIXES: &[&str] = &[
    "re", "co", "pre", "non", "anti", "multi", "semi", "sub", "mid", "inter", "post", "self", "ex",
    // First parts of the compounds of Chinese official English (`on-site`,
    // `urban-rural`, `Sino-US`): never a word before a spaced-off `-word`.
    "on", "urban", "sino", "cross", "well", "high", "low", "long", "short", "large", "small", "full", "part",
];

/// Second parts of compounds that are only ever hyphenated (`world -
/// famous` → `world-famous`, `long - term`, `state - owned`).
const COMPOUND_HEADS: &[&str] = &[
    "famous", "renowned", "known", "class", "level", "scale", "term", "quality", "oriented", "based", "owned", "funded",
    "invested", "round", "standing", "speed", "tech", "ranking",
];

/// Is `w` one of [`HYPHEN_PREFIXES`] (any case)?
fn is_hyphen_prefix(w: &str) -> bool {
    w.len() <= 6 && HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(w))
}


/// Options of the punctuation pass (`[punctuation]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The punctuation pass.
pub struct Punctuation {
    /// `rules/abbreviations.txt` and `rules/file_suffixes.txt`.
    lex: &'static Lexicon,
}

impl Punctuation {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        Ok(Punctuation { lex: lexicon::lexicon()? })
    }
}

/// The script on one side of a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Han,
    Latin,
    /// Line edge with nothing but spaces, quotes or brackets in between.
    Edge,
}

/// Characters skipped when looking for the script of a neighbour.
fn is_transparent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '(' | ')' | '[' | ']'
        | '%' | '.' | ',' | '\u{ff08}' | '\u{ff09}')
}

fn classify(chars: impl Iterator<Item = char>) -> Side {
    let mut digits = false;
    for (n, c) in chars.enumerate() {
        if n > 48 || c == '\n' || c == '\r' {
            break;
        }
        if c.is_ascii_digit() {
            digits = true;
        } else if is_transparent(c) {
        } else if is_cjk(c) {
            return Side::Han;
        } else if c.is_ascii() || c.is_alphabetic() {
            return Side::Latin;
        }
    }
    if digits {
        Side::Latin
    } else {
        Side::Edge
    }
}

fn side_left(text: &str, i: usize) -> Side {
    classify(text[..i].chars().rev())
}

fn side_right(text: &str, i: usize) -> Side {
    classify(text[i..].chars())
}

/// Sentence marks, full-width and ASCII, that MT piles up (`。？？`, `. ？`).
fn is_run_mark(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{ff1f}' | '\u{ff01}' | '\u{ff0c}' | '\u{ff1b}' | '.' | '?' | '!' | ',' | ';')
}

/// A pile of two or more sentence marks (at least one full-width) after
/// English, around the full-width mark at `i`: `(start, end, replacement)`.
/// Collapsing the whole pile in one edit keeps cleaning idempotent (one
/// mark per round would need as many rounds as marks).
fn mark_run(text: &str, i: usize) -> Option<(usize, usize, &'static str)> {
    let first = next_char(text, i)?;
    if !is_run_mark(first) {
        return None;
    }
    // Extend backward over ASCII marks and spaces between marks.
    let mut start = i;
    let mut k = i;
    while let Some(c) = prev_char(text, k) {
        if c == ' ' || (c.is_ascii() && is_run_mark(c)) {
            k -= c.len_utf8();
            if c != ' ' {
                start = k;
            }
        } else {
            break;
        }
    }
    // Decided before the forward walk, which may cover the rest of a long
    // run: walking it from every mark of `。。。…` was quadratic.
    if side_left(text, start) != Side::Latin {
        return None;
    }
    // Forward over marks and single spaces between marks.
    let (mut end, mut marks, mut k) = (i, 0usize, i);
    let (mut question, mut exclaim, mut comma) = (false, false, false);
    while let Some(c) = next_char(text, k) {
        if is_run_mark(c) {
            k += c.len_utf8();
            end = k;
            marks += 1;
            question |= matches!(c, '?' | '\u{ff1f}');
            exclaim |= matches!(c, '!' | '\u{ff01}');
            comma |= matches!(c, ',' | '\u{ff0c}' | ';' | '\u{ff1b}');
        } else if c == ' ' && next_char(text, k + 1).is_some_and(is_run_mark) {
            k += 1;
        } else {
            break;
        }
    }
    marks += text[start..i].chars().filter(|&c| c != ' ').count();
    if marks < 2 || in_chinese_sentence(text, i..i + first.len_utf8()) {
        return None;
    }
    // Before Chinese, the pile ends the English sentence (P104 would take
    // it a mark per round: `abc。。。〃def` → `abc. 〃def`, found by fuzzing).
    let before_han = side_right(text, end) == Side::Han;
    let mark = if question {
        "?"
    } else if exclaim {
        "!"
    } else if comma && !text[start..end].contains(['\u{3002}', '.']) {
        ","
    } else {
        "."
    };
    let glued = before_han || next_char(text, end).is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '\u{201c}');
    Some((start, end, match (mark, glued) {
        ("?", true) => "? ",
        ("!", true) => "! ",
        (",", true) => ", ",
        (".", true) => ". ",
        (m, _) => m,
    }))
}

/// Do the bytes from `at` hold one to three digits and then `%` (the
/// fraction of `28. 1%`), not followed by a digit?
fn split_percent(b: &[u8], at: usize) -> bool {
    let d = b.get(at..).map_or(0, |r| r.iter().take(4).take_while(|c| c.is_ascii_digit()).count());
    (1..=3).contains(&d) && b.get(at + d) == Some(&b'%')
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')')
}

/// High bit set in each of the 8 bytes of `w` that may be a byte of
/// [`CANDIDATE`] (`!(),.` are in 0x21–0x2E, `:;?` in 0x3A–0x3F, the CJK
/// lead bytes are non-ASCII); zero when none is.
#[inline]
fn candidate_mask(w: u64) -> u64 {
    scan::in_range(w, 0x21, 0x2e) | scan::in_range(w, 0x3a, 0x3f) | scan::non_ascii(w)
}

/// Bytes that may start a candidate.
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[0xe3] = true;
    t[0xef] = true;
    t[b',' as usize] = true;
    t[b'.' as usize] = true;
    t[b';' as usize] = true;
    t[b':' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[b'%' as usize] = true;
    t[b'$' as usize] = true;
    t[b'-' as usize] = true;
    t
};

impl Pass for Punctuation {
    fn run(&self, text: &str, cx: &mut Context) -> Vec<Edit> {
        // A fresh text: forget the sentences of the last one.
        SENTENCES.with(|m| m.set(SentenceMemo::default()));
        LINE_MARKS.with(|m| m.set(LineMarks::default()));
        let mut edits = Vec::new();
        // Every rule here weighs a mark by its line: in a later round only
        // the changed lines can hold new work.
        for r in cx.ranges(text) {
            self.scan(text, r, &mut edits);
        }
        edits
    }
}

impl Punctuation {
    /// The rules on the marks starting in `range` (whole lines).
    fn scan(&self, text: &str, range: std::ops::Range<usize>, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let mut i = range.start;
        while i < range.end {
            // Skip 8 bytes at a time while none can start a candidate, then
            // jump to the first byte that may.
            if i + 8 <= range.end {
                let m = candidate_mask(scan::read_u64(b, i));
                if m == 0 {
                    i += 8;
                    continue;
                }
                i += (m.trailing_zeros() / 8) as usize;
            }
            let c = b[i];
            if !CANDIDATE[c as usize] {
                // Past a whole character: a non-candidate lead byte starts
                // one (CJK letters are 3 bytes), anything else is one byte.
                i += match c {
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xff => 4,
                    _ => 1,
                };
                continue;
            }
            match c {
                0xe3 | 0xef => {
                    let ch = next_char(text, i).unwrap_or('\0');
                    if let Some((start, end, rep)) = mark_run(text, i) {
                        edits.push(Edit::replacement(start..end, rep, P102, Safe, R_DOUBLED));
                        i = end;
                        continue;
                    }
                    self.fullwidth(text, i, ch, edits);
                    i += ch.len_utf8().max(1);
                    continue;
                }
                b'(' | b')' => self.bracket(text, i, edits),
                b'%' | b'$' | b'-' => self.inside_token(text, i, edits),
                // `USD400, 000`: a thousands group after a space is no list
                // item (`000`, `050`: a leading zero).
                b',' if i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1) == Some(&b' ')
                    && b.get(i + 2) == Some(&b'0')
                    && b.len() >= i + 5
                    && b[i + 3..i + 5].iter().all(u8::is_ascii_digit)
                    && b.get(i + 5).is_none_or(|x| !x.is_ascii_alphanumeric()) =>
                {
                    edits.push(Edit::deletion(i + 1..i + 2, P110, Safe, R_INSIDE));
                }
                // `28. 1%`: a decimal cut by a space before a percent sign.
                b'.' if i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1) == Some(&b' ') && split_percent(b, i + 2) => {
                    edits.push(Edit::deletion(i + 1..i + 2, P110, Review, R_INSIDE));
                }
                // `December. 1, 2008`: a period after a month's full name.
                b'.' if b.get(i + 2).is_some_and(u8::is_ascii_digit) && b.get(i + 1) == Some(&b' ') && self.month_period(text, i) => {
                    edits.push(Edit::deletion(i..i + 1, P113, Safe, R_MONTH_PERIOD));
                }
                b'.' if self.lost_com(text, i) => {
                    edits.push(Edit::replacement(i..i + 1, "com", P112, Review, R_LOST_COM));
                }
                // `after 24: 00 on`: a time cut by a space; `to 6: 3,` a score.
                b':' if time_cut(b, i) || score_cut(b, i) => {
                    edits.push(Edit::deletion(i + 1..i + 2, P110, Review, R_INSIDE));
                }
                b'?' if lost_space_run(b, i).is_some() => {
                    let end = lost_space_run(b, i).unwrap_or(i + 1);
                    edits.push(Edit::deletion(i..end, P111, Review, R_LOST_SPACE));
                    i = end;
                    continue;
                }
                b'?' if self.lost_space_after_period(text, i) => {
                    edits.push(Edit::deletion(i..i + 1, P111, Review, R_LOST_SPACE));
                }
                b'?' if lost_word_space(b, i) && shows_lost_word_spaces(b) => {
                    // After the period that ends a paragraph, the `?` goes.
                    if b[i - 1] == b'.' && b.get(i + 1).is_none_or(|&c| c == b'\n' || c == b'\r') {
                        edits.push(Edit::deletion(i..i + 1, P114, Review, R_LOST_WORD_SPACE));
                    } else {
                        edits.push(Edit::replacement(i..i + 1, " ", P114, Review, R_LOST_WORD_SPACE));
                    }
                }
                // The common case, a mark after an ASCII character and
                // before a space (`word, next`), needs nothing.
                _ if i > 0 && b.get(i + 1) == Some(&b' ') && b[i - 1] < 0x80 && b[i - 1] != b' ' => {}
                _ => self.ascii(text, i, edits),
            }
            i += 1;
        }
    }
}

/// P110 on a time cut by a space after its colon (`after 24: 00 on`): an
/// hour (0–24) after `at`, `after`, `before`, `from`, `until`, `till`,
/// `by`, `to`, `since` or `around`, then `: ` and two digits of minutes
/// (00–59) ending the number.
fn time_cut(b: &[u8], i: usize) -> bool {
    if b.get(i + 1) != Some(&b' ') || i == 0 || !b[i - 1].is_ascii_digit() {
        return false;
    }
    let h = b[..i].iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let hour = std::str::from_utf8(&b[i - h..i]).ok().and_then(|x| x.parse::<u32>().ok());
    let minutes = b.get(i + 2..i + 4).is_some_and(|m| (b'0'..=b'5').contains(&m[0]) && m[1].is_ascii_digit());
    if h == 0 || h > 2 || hour.is_none_or(|x| x > 24) || !minutes || b.get(i + 4).is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    let before = &b[..i - h];
    let Some(before) = before.strip_suffix(b" ") else { return false };
    let w = before.iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
    let word = before[before.len() - w..].to_ascii_lowercase();
    (before.len() == w || !before[before.len() - w - 1].is_ascii_alphanumeric())
        && matches!(&word[..], b"at" | b"after" | b"before" | b"from" | b"until" | b"till" | b"by" | b"to" | b"since" | b"around")
}

/// P110 on a score or ratio cut by a space after its colon (`pulled the
/// score to 6: 3, but`, `won with 11: 5;`, `adjusted to 12.3: 42.9: 44.9.`):
/// small numbers (two digits before a decimal point at most) on both
/// sides, after `to`, `by`, `of`, `with`, `at` or `from`, and the second
/// ends the phrase (`,` `;` `)` `:` or a sentence's end). A heading's
/// count (`Table 1: 3 provinces`) is left alone.
fn score_cut(b: &[u8], i: usize) -> bool {
    if b.get(i + 1) != Some(&b' ') || i == 0 || !b[i - 1].is_ascii_digit() {
        return false;
    }
    let number = |x: &[u8]| {
        let int = x.iter().take_while(|c| c.is_ascii_digit()).count();
        let frac = if x.get(int) == Some(&b'.') { x[int + 1..].iter().take_while(|c| c.is_ascii_digit()).count() } else { 0 };
        (int, if frac > 0 { int + 1 + frac } else { int })
    };
    // The number before, read backwards.
    let h = b[..i].iter().rev().take_while(|c| c.is_ascii_digit() || **c == b'.').count();
    let left = &b[i - h..i];
    let (lint, llen) = number(left);
    let (rint, rlen) = number(&b[i + 2..]);
    // (`25: 00` is a time's shape, no score: not a leading zero.)
    if h == 0 || lint == 0 || lint > 2 || llen != h || rint == 0 || rint > 2 || rint == 2 && b[i + 2] == b'0' {
        return false;
    }
    let after = b.get(i + 2 + rlen).copied();
    let ends = match after {
        None | Some(b'\n' | b'\r' | b',' | b';' | b')' | b':') => true,
        Some(b'.') => b.get(i + 3 + rlen).is_none_or(|c| !c.is_ascii_digit()),
        _ => false,
    };
    let Some(before) = b[..i - h].strip_suffix(b" ") else { return false };
    // The next part of a ratio (`12.3: 42.9: 44.9`).
    if ends && before.len() >= 2 && before.ends_with(b":") && before[before.len() - 2].is_ascii_digit() {
        return true;
    }
    let w = before.iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
    let word = before[before.len() - w..].to_ascii_lowercase();
    ends && (before.len() == w || !before[before.len() - w - 1].is_ascii_alphanumeric())
        && matches!(&word[..], b"to" | b"by" | b"of" | b"with" | b"at" | b"from")
}

/// P111: the `?` at `i` opens a paragraph (after spaces only) and starts a
/// run of `?` and spaces, with a space in it, that ends before an ASCII
/// capital or digit: the end of the run.
fn lost_space_run(b: &[u8], i: usize) -> Option<usize> {
    let line_start = memchr::memrchr(b'\n', &b[..i]).map_or(0, |k| k + 1);
    if !b[line_start..i].iter().all(|&c| c == b' ' || c == b'\t') {
        return None;
    }
    let n = b[i..].iter().take_while(|&&c| c == b'?' || c == b' ').count();
    let next = b.get(i + n)?;
    (b[i..i + n].contains(&b' ') && (next.is_ascii_uppercase() || next.is_ascii_digit())).then_some(i + n)
}

/// P114: could the `?` at `i` stand for a lost space? After a word
/// character or closing punctuation (`,` `.` `;` `:` `)` `”` `’`), before
/// a word character or an opening bracket or quote, or ending its line after a
/// period; not in a token holding `/`, `=` or `&` (a link, a query string).
fn lost_word_space(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = b[i - 1];
    let after_ok = p.is_ascii_alphanumeric() || matches!(p, b',' | b'.' | b';' | b':' | b')' | b'"') || (i >= 3 && matches!(&b[i - 3..i], [0xe2, 0x80, 0x9d | 0x99]));
    let next = b.get(i + 1).copied();
    let before_ok = match next {
        Some(c) => c.is_ascii_alphanumeric() || c == b'(' || (c == 0xe2 && b.get(i + 2) == Some(&0x80) && b.get(i + 3) == Some(&0x9c)),
        None => p == b'.',
    } || (p == b'.' && matches!(next, Some(b'\n' | b'\r')));
    if !after_ok || !before_ok {
        return false;
    }
    // A run of lost spaces joins a whole sentence into one token, so look
    // for links only in the parts next to this `?` (bounded: linear time).
    let part = |c: &u8| !c.is_ascii_whitespace() && *c != b'?';
    let left = &b[i - b[..i].iter().rev().take_while(|c| part(c)).count()..i];
    let right = &b[i + 1..i + 1 + b[i + 1..].iter().take_while(|c| part(c)).count()];
    !left.iter().chain(right).any(|c| matches!(c, b'/' | b'=' | b'&'))
}

/// P114's evidence: three `?` or more between two lowercase letters outside
/// links, in a text that holds no code (memoized per run).
fn shows_lost_word_spaces(b: &[u8]) -> bool {
    LINE_MARKS.with(|memo| {
        let mut m = memo.get();
        let shows = *m.lost_word_spaces.get_or_insert_with(|| {
            memchr::memchr_iter(b'?', b)
                .filter(|&k| k > 0 && b[k - 1].is_ascii_lowercase() && b.get(k + 1).is_some_and(u8::is_ascii_lowercase) && lost_word_space(b, k))
                .nth(2)
                .is_some()
                && !crate::text::words::has_code(std::str::from_utf8(b).unwrap_or(""))
        });
        memo.set(m);
        shows
    })
}

impl Punctuation {
    /// P112: the `.` at `i`, after a space, starts lowercase letters that
    /// are no word (nor a file suffix) but make one after `com`.
    fn lost_com(&self, text: &str, i: usize) -> bool {
        let b = text.as_bytes();
        if i == 0 || b[i - 1] != b' ' || !b.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        let n = b[i + 1..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        if !(3..=20).contains(&n) || b.get(i + 1 + n).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'/' | b'_' | b'-' | b'@')) {
            return false;
        }
        let r = &text[i + 1..i + 1 + n];
        if self.lex.is_word(r) || self.lex.file_suffixes.contains(r) {
            return false;
        }
        let mut w = [0u8; 23];
        w[..3].copy_from_slice(b"com");
        w[3..3 + n].copy_from_slice(r.as_bytes());
        std::str::from_utf8(&w[..3 + n]).is_ok_and(|w| self.lex.is_word(w))
    }

    /// P111 after a period: the `?` at `i` ends its line right after a
    /// period that follows a dictionary word of three letters or more (no
    /// abbreviation), on a page with a [`lost_space_run`].
    fn lost_space_after_period(&self, text: &str, i: usize) -> bool {
        let b = text.as_bytes();
        if i < 4 || b[i - 1] != b'.' || !b[i + 1..].iter().take_while(|&&c| c != b'\n').all(|&c| c == b' ' || c == b'\r') {
            return false;
        }
        let n = b[..i - 1].iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
        let word = &text[i - 1 - n..i - 1];
        if n < 3 || b.get(i - 2 - n).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.') || self.lex.abbreviations.contains(word) || !self.lex.is_word(word) {
            return false;
        }
        LINE_MARKS.with(|memo| {
            let mut m = memo.get();
            let shows = *m.lost_spaces.get_or_insert_with(|| memchr::memchr_iter(b'?', b).any(|k| lost_space_run(b, k).is_some()));
            memo.set(m);
            shows
        })
    }

    /// A full-width mark `ch` at `i`.
    fn fullwidth(&self, text: &str, i: usize, ch: char, edits: &mut Vec<Edit>) {
        let ascii = match ch {
            '\u{3002}' => ".",
            '\u{ff0c}' | '\u{3001}' => ",",
            '\u{ff1b}' => ";",
            '\u{ff1a}' => ":",
            '\u{ff01}' => "!",
            '\u{ff1f}' => "?",
            '\u{ff08}' => "(",
            '\u{ff09}' => ")",
            _ => return,
        };
        let b = text.as_bytes();
        let end = i + ch.len_utf8();
        let left = side_left(text, i);
        let pc = prev_char(text, i);
        let nc = next_char(text, end);
        if left != Side::Latin {
            // A Chinese sentence glued to the English one that follows.
            if left == Side::Han
                && matches!(ch, '\u{3002}' | '\u{ff01}' | '\u{ff1f}')
                && nc.is_some_and(|c| c.is_ascii_alphabetic())
                && pc.is_some_and(|c| is_cjk(c) || is_closing_quote(c))
            {
                edits.push(Edit::insertion(end, " ", P108, Safe, R_ZH_EN));
            }
            return;
        }
        // Inside a Chinese sentence the mark is Chinese punctuation, whatever
        // touches it (`请访问：https://example.com/page.html。`).
        if in_chinese_sentence(text, i..end) {
            return;
        }
        // Doubled: the ASCII twin is already there.
        if !matches!(ch, '\u{ff08}' | '\u{ff09}') {
            let twin = ascii.as_bytes()[0];
            let enders: &[u8] = if twin == b'.' { b".!?" } else { std::slice::from_ref(&twin) };
            let before = match pc {
                Some(c) if is_closing_quote(c) && twin == b'.' => prev_char(text, i - c.len_utf8()),
                other => other,
            };
            let doubled = before.is_some_and(|c| c.is_ascii() && enders.contains(&(c as u8)))
                || nc.is_some_and(|c| c == ascii.chars().next().unwrap() || c == ch);
            if doubled {
                let glued = nc.is_some_and(|c| c.is_ascii_alphanumeric());
                edits.push(Edit::replacement(i..end, if glued { " " } else { "" }, P102, Safe, R_DOUBLED));
                return;
            }
        }
        let right = side_right(text, end);
        if right == Side::Han {
            if ch == '\u{3002}' && english_sentence_before(text, i) {
                let rep = if nc.is_some_and(|c| c == ' ') { "." } else { ". " };
                edits.push(Edit::replacement(i..end, rep, P104, Safe, R_EN_ZH));
            }
            return;
        }
        // `使用GPU。`: a short English term inside a Chinese sentence.
        if !matches!(ch, '\u{ff08}' | '\u{ff09}') && !english_sentence_before(text, i) {
            return;
        }
        let pd = pc.is_some_and(|c| c.is_ascii_digit());
        let nd = nc.is_some_and(|c| c.is_ascii_digit());
        if pd && nd {
            if ch == '\u{ff1a}' {
                edits.push(Edit::replacement(i..end, ":", P101, Safe, R_FULLWIDTH));
            }
            return;
        }
        match ch {
            '\u{ff08}' => {
                if right != Side::Latin {
                    return;
                }
                let rep = if pc.is_some_and(|c| c.is_alphanumeric()) { " (" } else { "(" };
                edits.push(Edit::replacement(i..end, rep, P101, Safe, R_FULLWIDTH));
            }
            '\u{ff09}' => {
                let rep = if nc.is_some_and(|c| c.is_alphanumeric()) { ") " } else { ")" };
                edits.push(Edit::replacement(i..end, rep, P101, Safe, R_FULLWIDTH));
            }
            _ => {
                let mut s = i;
                while s > 0 && b[s - 1] == b' ' {
                    s -= 1;
                }
                if s == 0 || b[s - 1] == b'\n' {
                    s = i;
                }
                let mut e = end;
                while e < b.len() && b[e] == b' ' {
                    e += 1;
                }
                let space = match next_char(text, e) {
                    None | Some('\n') | Some('\r') => false,
                    Some('"') => next_char(text, e + 1).is_some_and(|c| c.is_alphanumeric()),
                    Some(c) => c.is_alphanumeric() || matches!(c, '(' | '\u{201c}' | '\u{2018}' | '['),
                };
                let rep = match (ascii, space) {
                    (".", true) => ". ",
                    (",", true) => ", ",
                    (";", true) => "; ",
                    (":", true) => ": ",
                    ("!", true) => "! ",
                    ("?", true) => "? ",
                    (a, _) => a,
                };
                edits.push(Edit::replacement(s..e, rep, P101, Safe, R_FULLWIDTH));
            }
        }
    }

    /// ASCII `, . ; : ! ?` at `i`.
    fn ascii(&self, text: &str, i: usize, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let c = b[i];
        let p = if i > 0 { b[i - 1] } else { b'\n' };
        let n = b.get(i + 1).copied().unwrap_or(b'\n');
        if (p >= 0x80 || n >= 0x80) && self.chinese(text, i, edits) {
            return;
        }
        if p == b' ' {
            self.space_before(text, i, edits);
            return;
        }
        // `Ministry.,These`: the `.` of a `。，` pair; the comma wins.
        if c == b'.' && n == b',' && p.is_ascii_alphabetic() && self.period_debris(text, i, edits) {
            return;
        }
        // Doubled ASCII marks.
        if n == c && matches!(c, b',' | b';' | b'.') && p.is_ascii_alphabetic() {
            let after = b.get(i + 2).copied().unwrap_or(b'\n');
            let ok = match c {
                b'.' => matches!(after, b' ' | b'\n' | b'\r' | b'"'),
                _ => matches!(after, b' ' | b'\n' | b'\r') || after.is_ascii_alphabetic(),
            };
            if ok {
                let rep = if after.is_ascii_alphabetic() { " " } else { "" };
                edits.push(Edit::replacement(i + 1..i + 2, rep, P102, Safe, R_DOUBLED));
            }
            return;
        }
        self.missing_space(text, i, edits);
    }

    /// P103: ASCII punctuation at `i` inside Chinese text. Returns whether the
    /// mark is in Chinese context (handled).
    fn chinese(&self, text: &str, i: usize, edits: &mut Vec<Edit>) -> bool {
        let b = text.as_bytes();
        let c = b[i];
        let pc = prev_char(text, i);
        // Han, not kana or Hangul: Japanese and Korean keep their own marks.
        let ph = pc.is_some_and(is_han);
        let mut e = i + 1;
        while e < b.len() && b[e] == b' ' {
            e += 1;
        }
        let nc = next_char(text, e);
        let nh = nc.is_some_and(is_han);
        let full = match c {
            b'.' => "\u{3002}",
            b',' => "\u{ff0c}",
            b';' => "\u{ff1b}",
            b':' => "\u{ff1a}",
            b'!' => "\u{ff01}",
            b'?' => "\u{ff1f}",
            _ => return false,
        };
        let chinese = match c {
            b':' => ph && !text[i + 1..].starts_with("//"),
            b',' | b';' => {
                (ph && (nh || latin_run_then_han(text, e))) || (nh && han_then_latin_run(text, i))
            }
            // `. ! ?` end the sentence: only a Chinese one gets `。！？`
            // (`The delegation visited 北京.` keeps its period).
            b'.' => {
                ph && (nh || nc.is_none_or(|c| matches!(c, '\n' | '\r') || is_closing_quote(c)))
                    && !dotted_han(text, i)
                    && in_chinese_sentence(text, i..i + 1)
            }
            _ => {
                ph && (nh || nc.is_none_or(|c| matches!(c, '\n' | '\r') || is_closing_quote(c) || is_cjk_punct(c)))
                    && in_chinese_sentence(text, i..i + 1)
            }
        };
        if !chinese {
            return false;
        }
        // A Chinese paragraph of its own written with ASCII marks throughout
        // is its writer's style, left as it is; the marks change where
        // Chinese stands in English text, or beside full-width marks.
        if !own_marks_wanted(text, i) {
            return true;
        }
        let end = if nh { e } else { i + 1 };
        edits.push(Edit::replacement(i..end, full, P103, Safe, R_TO_FULLWIDTH));
        true
    }

    /// P106 / P102: spaces before the mark at `i` (`b[i-1] == b' '`).
    fn space_before(&self, text: &str, i: usize, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let c = b[i];
        let mut s = i;
        while s > 0 && b[s - 1] == b' ' {
            s -= 1;
        }
        if s == 0 || b[s - 1] == b'\n' {
            return;
        }
        let lc = b[s - 1];
        let n = b.get(i + 1).copied().unwrap_or(b'\n');
        let line_end = matches!(n, b'\n' | b'\r');
        match c {
            b',' | b';' => {
                // `on Oct 21 ,2019.`: the comma of a date moved before its space.
                if c == b',' && lc.is_ascii_digit() && n.is_ascii_digit() && self.date_between(text, s, i + 1) {
                    edits.push(Edit::replacement(s..i + 1, ", ", P106, Safe, R_SPACE_BEFORE));
                    return;
                }
                // `the highway, , examine`: a comma doubled across a space.
                if c == b',' && lc == b',' && n == b' ' && s >= 2 && b[s - 2].is_ascii_alphabetic() {
                    edits.push(Edit::deletion(s..i + 1, P102, Safe, R_DOUBLED));
                    return;
                }
                if !(lc.is_ascii_alphanumeric() || lc == b')' || closing_quote_before(text, s)) || n.is_ascii_digit() {
                    return;
                }
                if !(n == b' ' || line_end || n.is_ascii_alphabetic()) || in_address(b, i) {
                    return;
                }
                let rep = match (c, n.is_ascii_alphabetic()) {
                    (b',', true) => ", ",
                    (b',', false) => ",",
                    (_, true) => "; ",
                    _ => ";",
                };
                edits.push(Edit::replacement(s..i + 1, rep, P106, Safe, R_SPACE_BEFORE));
            }
            b':' => {
                // `Note :`, and a ratio `29.8 :35.4`.
                if lc.is_ascii_alphabetic() && n == b' ' || lc.is_ascii_digit() && n.is_ascii_digit() {
                    edits.push(Edit::deletion(s..i, P106, Safe, R_SPACE_BEFORE));
                }
            }
            _ => {
                // . ! ?
                if n.is_ascii_uppercase() && b.get(i + 2).is_some_and(|x| x.is_ascii_lowercase()) {
                    // `rising .In 1978`: the space went to the wrong side.
                    let rw = letters_fwd(b, i + 1);
                    let right = text[i + 1..i + 1 + rw].to_ascii_lowercase();
                    if lc.is_ascii_lowercase() && letters_back(b, s) >= 2 && !self.lex.file_suffixes.contains(&right) {
                        let rep = match c {
                            b'.' => ". ",
                            b'!' => "! ",
                            _ => "? ",
                        };
                        edits.push(Edit::replacement(s..i + 1, rep, P106, Safe, R_SPACE_BEFORE));
                    }
                    return;
                }
                if !(n == b' ' || line_end || n == b'"') {
                    return;
                }
                // A spaced ellipsis `. . .`.
                let spaced_next = n == b' ' && b.get(i + 2) == Some(&b'.');
                let spaced_prev = lc == b'.' && s >= 2 && b[s - 2] == b' ';
                if c == b'.' && (spaced_next || spaced_prev) {
                    return;
                }
                if matches!(lc, b'.' | b'!' | b'?') {
                    // `boldly. .`: a stray mark after a finished sentence;
                    // `world. ?` at a line's end too.
                    if (c == b'.' || c == b'?' && lc == b'.' && line_end) && !(s >= 2 && b[s - 2] == b'.') {
                        edits.push(Edit::deletion(s..i + 1, P102, Safe, R_STRAY));
                    }
                } else if lc.is_ascii_lowercase() && letters_back(b, s) >= 2
                    // `since 1980’s .`: a possessive or plural `'s`.
                    || lc == b's' && (text[..s - 1].ends_with('\u{2019}') || s >= 3 && b[s - 2] == b'\'' && b[s - 3].is_ascii_alphanumeric())
                {
                    edits.push(Edit::deletion(s..i, P106, Safe, R_SPACE_BEFORE));
                } else if lc.is_ascii_digit()
                    && c == b'.'
                    && (line_end || n == b' ' && b.get(i + 2).is_some_and(u8::is_ascii_uppercase) && b.get(i + 3).is_some_and(u8::is_ascii_lowercase))
                {
                    // `on March 5, 2016 .`: a number ends the sentence.
                    edits.push(Edit::deletion(s..i, P106, Safe, R_SPACE_BEFORE));
                }
            }
        }
    }

    /// P105: a word glued after the mark at `i` (`b[i-1]` is not a space).
    fn missing_space(&self, text: &str, i: usize, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let c = b[i];
        if i == 0 || i + 1 >= b.len() {
            return;
        }
        let p = b[i - 1];
        let n = b[i + 1];
        let n2 = b.get(i + 2).copied().unwrap_or(b' ');
        let curly_close = text[..i].ends_with('\u{201d}') || text[..i].ends_with('\u{2019}');
        let insert = |edits: &mut Vec<Edit>| edits.push(Edit::insertion(i + 1, " ", P105, Safe, R_MISSING_SPACE));
        match c {
            b',' | b';' => {
                if n.is_ascii_digit() && c == b',' && p.is_ascii_digit() && self.date_year(text, i) {
                    edits.push(Edit::insertion(i + 1, " ", P105, Safe, R_MONTH));
                    return;
                }
                if n.is_ascii_digit() && c == b',' {
                    // `yuan,74.3%`, `Yuan,5,520,000`: a number glued after a
                    // word (lowercase, or capitalized); `21.8%,18.3%`: after
                    // a percentage.
                    let lw = b[..i].iter().rev().take_while(|x| x.is_ascii_lowercase()).count();
                    let lw = if i > lw && b[i - lw - 1].is_ascii_uppercase() { lw + 1 } else { lw };
                    let word = lw >= 2 && !(i > lw && b[i - lw - 1].is_ascii_alphanumeric());
                    let percent = p == b'%' && b[..i - 1].last().is_some_and(u8::is_ascii_digit);
                    // `March 20th,2020`: an ordinal day before a year.
                    let ordinal = i >= 4
                        && matches!(&b[i - 2..i], b"st" | b"nd" | b"rd" | b"th")
                        && b[i - 3].is_ascii_digit()
                        && b.len() >= i + 5
                        && matches!(&b[i + 1..i + 3], b"19" | b"20")
                        && b[i + 3..i + 5].iter().all(u8::is_ascii_digit)
                        && b.get(i + 5).is_none_or(|x| !x.is_ascii_alphanumeric());
                    if (word || percent || ordinal) && !in_address(b, i) {
                        insert(edits);
                    }
                    return;
                }
                if n.is_ascii_digit() {
                    // `projects;157 social`: a number glued after a word of
                    // three letters or more (not an entity, `&amp;5`).
                    let lw = b[..i].iter().rev().take_while(|x| x.is_ascii_lowercase()).count();
                    if lw >= 3 && !(i > lw && (b[i - lw - 1].is_ascii_alphanumeric() || matches!(b[i - lw - 1], b'&' | b'#'))) && !in_address(b, i) {
                        insert(edits);
                    }
                    return;
                }
                if !n.is_ascii_alphabetic() {
                    return;
                }
                let p_ok = p.is_ascii_alphanumeric() || matches!(p, b')' | b'"' | b'%') || curly_close;
                if !p_ok {
                    return;
                }
                // `A,B,C`: a list of one-letter codes.
                if p.is_ascii_alphabetic() && letters_back(b, i) == 1 && letters_fwd(b, i + 1) == 1 {
                    return;
                }
                if n.is_ascii_lowercase() {
                    let lw = if p.is_ascii_alphabetic() { letters_back(b, i) } else { 2 };
                    if lw < 2 || letters_fwd(b, i + 1) < 2 {
                        return;
                    }
                }
                if c == b';' && p.is_ascii_alphanumeric() {
                    // `&amp;x`, `&#8220;x`: an entity, not a clause break.
                    let w = b[..i].iter().rev().take_while(|x| x.is_ascii_alphanumeric() || **x == b'#').count();
                    if i > w && b[i - w - 1] == b'&' {
                        return;
                    }
                }
                if in_address(b, i) {
                    return;
                }
                insert(edits);
            }
            b'.' => {
                if in_domain(b, i) {
                    return;
                }
                if n.is_ascii_lowercase() {
                    self.lowercase_sentence(text, i, edits);
                    return;
                }
                if n.is_ascii_digit() && self.month_day(text, i) {
                    edits.push(Edit::insertion(i + 1, " ", P105, Safe, R_MONTH));
                    return;
                }
                // `the sampling point.(1) Residents`, `April 4.(2) Sampling`:
                // a list item's marker (a number or Roman numeral) glued
                // after the sentence before it, a capitalized word after it.
                if n == b'(' && (p.is_ascii_lowercase() || p.is_ascii_digit()) {
                    let k = b[i + 2..].iter().take(5).take_while(|x| x.is_ascii_digit() || matches!(x, b'i' | b'v' | b'x')).count();
                    let marker = (1..=4).contains(&k)
                        && b.get(i + 2 + k) == Some(&b')')
                        && b.get(i + 3 + k) == Some(&b' ')
                        && b.get(i + 4 + k).is_some_and(u8::is_ascii_uppercase)
                        && b.get(i + 5 + k).is_some_and(u8::is_ascii_lowercase);
                    let before = if p.is_ascii_digit() {
                        let d = b[..i].iter().rev().take_while(|x| x.is_ascii_digit()).count();
                        d <= 4 && i > d && b[i - d - 1] == b' '
                    } else {
                        let lw = letters_back(b, i);
                        lw >= 3 && i > lw && b[i - lw - 1] == b' ' && self.lex.is_word(&text[i - lw..i])
                    };
                    if marker && before && !in_address(b, i) {
                        insert(edits);
                        return;
                    }
                }
                // `and the virus.(Source: Suizhong Rongmedia)`: a bracketed
                // note of several words glued after a sentence (not Go's
                // `value.(Stringer)`), or after a year ending one (`in
                // 2022.(Source: Xuanma Town)`).
                let year = i >= 5 && b[i - 4..i].iter().all(u8::is_ascii_digit) && matches!(&b[i - 4..i - 2], b"19" | b"20") && b[i - 5] == b' ';
                if n == b'(' && n2.is_ascii_uppercase() && (p.is_ascii_lowercase() && letters_back(b, i) >= 3 || year) {
                    let inner = &b[i + 2..b.len().min(i + 122)];
                    let close = memchr::memchr2(b')', b'\n', inner).filter(|&k| inner[k] == b')');
                    if close.is_some_and(|k| inner[..k].contains(&b' ')) && !in_address(b, i) {
                        insert(edits);
                    }
                    return;
                }
                // `we read.A picture`, `so.I think`: the one-letter words
                // `A` and `I` opening a sentence glued to a word of three
                // letters or more.
                if matches!(n, b'A' | b'I') && n2 == b' ' && b.get(i + 3).is_some_and(u8::is_ascii_lowercase) && p.is_ascii_lowercase() {
                    let lw = letters_back(b, i);
                    if lw >= 3 && !(i > lw && matches!(b[i - lw - 1], b'.' | b'_' | b'/' | b'@' | b'-')) && !in_address(b, i) {
                        insert(edits);
                    }
                    return;
                }
                if n.is_ascii_uppercase() && n2.is_ascii_lowercase() {
                    if p.is_ascii_lowercase() {
                        let lw = letters_back(b, i);
                        if lw < 2 || (i > lw && b[i - lw - 1] == b'.') {
                            return;
                        }
                    } else if p.is_ascii_digit() {
                        let d = b[..i].iter().rev().take_while(|x| x.is_ascii_digit()).count();
                        if i > d && matches!(b[i - d - 1], b'.' | b',') {
                            return;
                        }
                    } else if p.is_ascii_uppercase() {
                        // `youth at CIIT.He encouraged`: an acronym ending a
                        // sentence, then a closed-class word opening the next
                        // (not `ASP.Net`, `CNN.Com`).
                        let lw = letters_back(b, i);
                        let acronym = (2..=6).contains(&lw) && b[i - lw..i].iter().all(u8::is_ascii_uppercase) && (i == lw || matches!(b[i - lw - 1], b' ' | b'\n' | b'('));
                        let rw = letters_fwd(b, i + 1);
                        let opener = rw >= 2 && self.lex.function.contains(&text[i + 1..i + 1 + rw].to_ascii_lowercase());
                        if !(acronym && opener) {
                            return;
                        }
                    } else if !(matches!(p, b')' | b'"' | b'%') || curly_close || p == b']' && citation_before(b, i - 1)) {
                        return;
                    }
                    let rw = letters_fwd(b, i + 1);
                    let right = text[i + 1..i + 1 + rw].to_ascii_lowercase();
                    if self.lex.file_suffixes.contains(&right) || in_address(b, i) {
                        return;
                    }
                    insert(edits);
                } else if n.is_ascii_digit() && p.is_ascii_lowercase() {
                    // `floor.2015 the annual`: a year glued after a sentence.
                    let lw = b[..i].iter().rev().take_while(|x| x.is_ascii_lowercase()).count();
                    if lw < 3 || (i > lw && (b[i - lw - 1].is_ascii_alphabetic() || matches!(b[i - lw - 1], b'.' | b'-' | b'_'))) {
                        return;
                    }
                    let word = &text[i - lw..i];
                    if self.lex.abbreviations.contains(word) {
                        return;
                    }
                    let d = b[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
                    let after = b.get(i + 1 + d).copied().unwrap_or(b'\n');
                    // `of wisdom.1. Phoenix Lake`: a list item's number glued
                    // to the sentence before it, after a dictionary word.
                    let item = (1..=2).contains(&d)
                        && lw >= 3
                        && after == b'.'
                        && b.get(i + 2 + d) == Some(&b' ')
                        && b.get(i + 3 + d).is_some_and(u8::is_ascii_uppercase)
                        && self.lex.is_word(word);
                    // `hesitate.6 days`: a short number opening the next
                    // sentence, after a long dictionary word.
                    let short = (1..=3).contains(&d)
                        && lw >= 5
                        && after == b' '
                        && b.get(i + 2 + d).is_some_and(u8::is_ascii_lowercase)
                        && self.lex.is_word(word);
                    if !(short || item || (d == 4 && (after.is_ascii_alphabetic() || matches!(after, b' ' | b'\n' | b'\r')))) {
                        return;
                    }
                    if in_address(b, i) {
                        return;
                    }
                    edits.push(Edit::insertion(i + 1, " ", P105, Review, if item { R_MISSING_SPACE } else { R_YEAR_GLUED }));
                }
            }
            _ => {
                // : ! ?
                // `the following seven aspects:political participation`: a
                // colon between two dictionary words in a prose line.
                if c == b':' && p.is_ascii_lowercase() && n.is_ascii_lowercase() {
                    let (lw, rw) = (letters_back(b, i), letters_fwd(b, i + 1));
                    let standalone = i > lw && b[i - lw - 1] == b' ' && b.get(i + 1 + rw).is_some_and(|&x| matches!(x, b' ' | b','));
                    // Not notation (`key:value`, `host:port`, `style:color`).
                    const NOTATION: [&str; 20] = [
                        "key", "name", "value", "host", "port", "user", "type", "file", "data", "class", "style", "font", "color",
                        "width", "height", "text", "size", "lang", "mode", "path",
                    ];
                    let notation = |w: &str| NOTATION.contains(&w);
                    // The line shows the damage elsewhere: a comma or
                    // semicolon glued between two words (`participation,belief`);
                    // `the cargo:token provider` alone is a name.
                    let glue_elsewhere = || {
                        let (lo, hi) = (i.saturating_sub(400), (i + 400).min(b.len()));
                        let lo = memchr::memrchr(b'\n', &b[lo..i]).map_or(lo, |k| lo + k + 1);
                        let hi = memchr::memchr(b'\n', &b[i..hi]).map_or(hi, |k| i + k);
                        b[lo..hi].windows(3).any(|w| matches!(w[1], b',' | b';') && w[0].is_ascii_lowercase() && w[2].is_ascii_lowercase())
                    };
                    if lw >= 4 && rw >= 3 && standalone && !notation(&text[i - lw..i]) && !notation(&text[i + 1..i + 1 + rw]) && self.lex.is_word(&text[i - lw..i]) && self.lex.is_word(&text[i + 1..i + 1 + rw]) && in_prose(b, i, i + 1) && !code_near(b, i, i + 1) && !in_address(b, i) && glue_elsewhere() {
                        insert(edits);
                    }
                    return;
                }
                // `in the form of "Four focus":Firstly`: after a quotation.
                let quoted = c == b':' && (p == b'"' || curly_close) && i >= 2 && !b[..i].ends_with(b" \"");
                if !((p.is_ascii_lowercase() || quoted) && n.is_ascii_uppercase() && n2.is_ascii_lowercase()) {
                    return;
                }
                if c == b':' && !quoted && letters_back(b, i) < 2 {
                    return;
                }
                if in_address(b, i) {
                    return;
                }
                insert(edits);
            }
        }
    }

    /// `(` or `)` at `i`: P103 around Chinese text, P107 spacing in English.
    fn bracket(&self, text: &str, i: usize, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let (open, close) = if b[i] == b'(' {
            match b[i + 1..].iter().take(200).position(|&x| matches!(x, b')' | b'(' | b'\n')) {
                Some(k) if b[i + 1 + k] == b')' => (i, i + 1 + k),
                _ => return,
            }
        } else {
            match b[..i].iter().rev().take(200).position(|&x| matches!(x, b')' | b'(' | b'\n')) {
                Some(k) if b[i - 1 - k] == b'(' => (i - 1 - k, i),
                _ => return,
            }
        };
        let inner = &text[open + 1..close];
        let before = prev_char(text, open);
        let after = next_char(text, close + 1);
        let has_han = inner.chars().any(is_han);
        if has_han {
            let has_latin = inner.bytes().any(|x| x.is_ascii_alphabetic());
            let chinese = |c: char| is_han(c) || is_cjk_punct(c);
            if !has_latin && (before.is_some_and(chinese) || after.is_some_and(chinese)) && b[i] == b'(' {
                edits.push(Edit::replacement(open..open + 1, "\u{ff08}", P103, Safe, R_TO_FULLWIDTH));
                edits.push(Edit::replacement(close..close + 1, "\u{ff09}", P103, Safe, R_TO_FULLWIDTH));
            } else if !has_latin
                && b[i] == b')'
                && after.is_some_and(|c| c.is_ascii_alphabetic())
                && open >= 2
                && b[open - 1] == b' '
                && b[open - 2].is_ascii_alphabetic()
            {
                // `Pingyang County (平阳)and`: a Chinese gloss in English
                // text, glued to the next word.
                edits.push(Edit::insertion(close + 1, " ", P107, Safe, R_BRACKET));
            }
            return;
        }
        if inner.is_empty() || in_address(b, i) {
            return;
        }
        let first = inner.as_bytes()[0];
        let qualifies = first.is_ascii_uppercase() || first.is_ascii_digit() || inner.contains(' ') || self.word_in_brackets(text, open, close);
        if !qualifies {
            return;
        }
        if b[i] == b'(' {
            if before.is_some_and(|c| c.is_ascii_alphabetic()) && letters_back(b, open) >= 2 {
                edits.push(Edit::insertion(open, " ", P107, Safe, R_BRACKET));
            }
            inner_spaces(b, open, close, edits);
        } else if after.is_some_and(|c| c.is_ascii_alphabetic()) {
            edits.push(Edit::insertion(close + 1, " ", P107, Safe, R_BRACKET));
        }
    }
}

impl Punctuation {
    /// `meeting(draft)`: one lowercase dictionary word of three or more
    /// letters in brackets glued to a dictionary word of four or more, in
    /// prose (not `item(s)`, `f(x)`, `obj.print(value)`, `len(items);`).
    fn word_in_brackets(&self, text: &str, open: usize, close: usize) -> bool {
        let b = text.as_bytes();
        let inner = &text[open + 1..close];
        if inner.len() < 3 || !inner.bytes().all(|c| c.is_ascii_lowercase()) || !self.lex.is_word(inner) {
            return false;
        }
        let lw = letters_back(b, open);
        if lw < 4 || (open > lw && !matches!(b[open - lw - 1], b' ' | b'\n' | b'"')) {
            return false;
        }
        if !self.lex.is_word(&text[open - lw..open].to_ascii_lowercase()) {
            return false;
        }
        // Prose goes on with a space, a sentence mark or the line end.
        matches!(b.get(close + 1).copied().unwrap_or(b'\n'), b' ' | b'\n' | b'\r' | b',' | b'.' | b':' | b'!' | b'?')
            && !matches!((b.get(close + 1), b.get(close + 2)), (Some(b'.'), Some(x)) if x.is_ascii_alphanumeric())
    }
}

/// Does a closing quote end the text before `s` (`Campaign" ,`): a straight
/// quote after a word or sentence mark, or a curly closing quote?
fn closing_quote_before(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    if text[..s].ends_with('\u{201d}') || text[..s].ends_with('\u{2019}') {
        return true;
    }
    s >= 2 && b[s - 1] == b'"' && (b[s - 2].is_ascii_alphanumeric() || matches!(b[s - 2], b'.' | b'!' | b'?'))
}

impl Punctuation {
    /// `.` at `i` followed by `,` after a word: the period is debris of a
    /// `。，` pair (`Ministry.,These` → `Ministry, These`). Abbreviations
    /// (`Co.,Ltd.`, `etc.,`, `Inc.,`) keep their period.
    fn period_debris(&self, text: &str, i: usize, edits: &mut Vec<Edit>) -> bool {
        let b = text.as_bytes();
        let lw = letters_back(b, i);
        if lw < 4 || (i > lw && matches!(b[i - lw - 1], b'.' | b'-' | b'_' | b'/' | b'@')) {
            return false;
        }
        let word = text[i - lw..i].to_ascii_lowercase();
        if self.lex.abbreviations.contains(&word) || !self.lex.is_word(&word) || in_address(b, i) {
            return false;
        }
        match b.get(i + 2) {
            Some(x) if x.is_ascii_alphabetic() => edits.push(Edit::replacement(i..i + 2, ", ", P102, Safe, R_DEBRIS)),
            Some(b' ') if b.get(i + 3).is_some_and(u8::is_ascii_alphabetic) => {
                edits.push(Edit::deletion(i..i + 1, P102, Safe, R_DEBRIS))
            }
            _ => return false,
        }
        true
    }

    /// `Dec.5`: a capitalized month abbreviation glued to a day (or year).
    fn month_day(&self, text: &str, i: usize) -> bool {
        let b = text.as_bytes();
        let lw = letters_back(b, i);
        if !(3..=4).contains(&lw) || !b[i - lw].is_ascii_uppercase() || (i > lw && b[i - lw - 1].is_ascii_alphanumeric()) {
            return false;
        }
        if i > lw && matches!(b[i - lw - 1], b'.' | b'/' | b'_' | b'@' | b'-') {
            return false;
        }
        let word = text[i - lw..i].to_ascii_lowercase();
        if !self.lex.month_abbreviations.contains(&word) {
            return false;
        }
        let d = b[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
        let after = b.get(i + 1 + d).copied().unwrap_or(b'\n');
        // A period after the day ends the sentence (`on Oct.24.`) unless a
        // character follows it (`Oct.24.5`).
        let period_ends = after == b'.' && b.get(i + 2 + d).is_none_or(|c| c.is_ascii_whitespace());
        matches!(d, 1 | 2 | 4) && !after.is_ascii_alphanumeric() && (period_ends || !matches!(after, b'.' | b'-' | b'/' | b':')) && !in_address(b, i)
    }

    /// P113: is the period at `i` (before a space and a digit) after a
    /// month's full name (no abbreviation: `Dec.`, `Sept.` stay), before a
    /// day of one or two digits, a comma and a year (`December. 1, 2008`)?
    fn month_period(&self, text: &str, i: usize) -> bool {
        let b = text.as_bytes();
        let lw = letters_back(b, i);
        if lw < 3 || !b[i - lw].is_ascii_uppercase() || i > lw && b[i - lw - 1].is_ascii_alphanumeric() {
            return false;
        }
        let d = b[i + 2..].iter().take_while(|x| x.is_ascii_digit()).count();
        let y = i + 2 + d;
        let year = b.get(y) == Some(&b',') && b.get(y + 1) == Some(&b' ') && b.get(y + 2..y + 6).is_some_and(|x| x.iter().all(u8::is_ascii_digit) && (x.starts_with(b"19") || x.starts_with(b"20")));
        if !(1..=2).contains(&d) || !year || b.get(y + 6).is_some_and(u8::is_ascii_alphanumeric) {
            return false;
        }
        let word = text[i - lw..i].to_ascii_lowercase();
        self.lex.months.contains(&word) && !self.lex.month_abbreviations.contains(&word)
    }

    /// `Jan 7,2009`: the comma at `i` between a month's day and a year
    /// (1900–2099). Four digits after a comma never group thousands.
    fn date_year(&self, text: &str, i: usize) -> bool {
        self.date_between(text, i, i + 1)
    }

    /// [`Punctuation::date_year`] with the day ending at `i` and the year
    /// starting at `y` (`Oct 21 ,2019`: the space and comma between).
    fn date_between(&self, text: &str, i: usize, y: usize) -> bool {
        let b = text.as_bytes();
        let year = b.get(y..y + 4).is_some_and(|y| y.iter().all(u8::is_ascii_digit) && (y.starts_with(b"19") || y.starts_with(b"20")));
        if !year || b.get(y + 4).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b',' | b'.') && b.get(y + 5).is_some_and(u8::is_ascii_digit)) {
            return false;
        }
        let d = b[..i].iter().rev().take_while(|x| x.is_ascii_digit()).count();
        if !(1..=2).contains(&d) || i < d + 2 {
            return false;
        }
        let mut m = i - d - 1; // the space before the day
        if b[m] != b' ' {
            return false;
        }
        if b[m - 1] == b'.' {
            m -= 1;
        }
        let lw = letters_back(b, m);
        if lw < 3 || !b[m - lw].is_ascii_uppercase() || (m > lw && b[m - lw - 1].is_ascii_alphanumeric()) {
            return false;
        }
        let word = text[m - lw..m].to_ascii_lowercase();
        self.lex.month_abbreviations.contains(&word) || self.lex.months.contains(&word)
    }

    /// P109: `end.after many years` — a lowercase sentence glued to the
    /// period at `i`.
    fn lowercase_sentence(&self, text: &str, i: usize, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let lw = letters_back(b, i);
        if lw < 3 || !b[i - lw..i].iter().all(u8::is_ascii_lowercase) {
            return;
        }
        if i > lw && !matches!(b[i - lw - 1], b' ' | b'\n' | b'\t') {
            return;
        }
        let rw = letters_fwd(b, i + 1);
        if rw < 2 || b.get(i + 1 + rw) != Some(&b' ') {
            return;
        }
        let left = &text[i - lw..i];
        let right = &text[i + 1..i + 1 + rw];
        if self.lex.abbreviations.contains(left) || !self.lex.is_word(left) || !self.lex.is_common(right) {
            return;
        }
        if self.lex.file_suffixes.contains(right) || in_address(b, i) || in_domain(b, i) {
            return;
        }
        let mut rep = String::from(". ");
        rep.push(b[i + 1].to_ascii_uppercase() as char);
        edits.push(Edit::replacement(i..i + 2, rep, P109, Review, R_SENTENCE_GLUED));
    }

    /// P110: `%`, `$` or `-` at `i` with a space on the wrong side.
    fn inside_token(&self, text: &str, i: usize, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let at = |k: usize| b.get(k).copied().unwrap_or(b'\n');
        match b[i] {
            b'%' => {
                // `23.9%down to`: a percentage glued to the word after it
                // (a dictionary word of three letters or more, in prose).
                if i >= 1 && b[i - 1].is_ascii_digit() && at(i + 1).is_ascii_lowercase() {
                    let n = b[i + 1..].iter().take_while(|c| c.is_ascii_lowercase()).count();
                    let word_ends = !at(i + 1 + n).is_ascii_alphanumeric() && !matches!(at(i + 1 + n), b'_' | b'(' | b'=' | b'$' | b'{');
                    if n >= 3 && word_ends && std::str::from_utf8(&b[i + 1..i + 1 + n]).is_ok_and(|w| self.lex.is_word(w)) && !code_near(b, i, i + 1) {
                        edits.push(Edit::insertion(i + 1, " ", P105, Safe, R_SPACE_AFTER_PERCENT));
                    }
                    return;
                }
                // `10.50 %`, not `10 % 3`.
                if i < 2 || b[i - 1] != b' ' || !b[i - 2].is_ascii_digit() || side_left(text, i) == Side::Han {
                    return;
                }
                if at(i + 1) == b' ' && at(i + 2).is_ascii_digit() || at(i + 1).is_ascii_alphanumeric() {
                    return;
                }
                edits.push(Edit::deletion(i - 1..i, P110, Safe, R_INSIDE));
            }
            b'$' => {
                // `$ 54.7 billion`, `US$ 5`.
                if at(i + 1) != b' ' || !at(i + 2).is_ascii_digit() {
                    return;
                }
                let p = if i > 0 { b[i - 1] } else { b' ' };
                if !(matches!(p, b' ' | b'\n' | b'(' | b'"') || p.is_ascii_uppercase()) {
                    return;
                }
                edits.push(Edit::deletion(i + 1..i + 2, P110, Safe, R_INSIDE));
            }
            _ => {
                // `15- 18`, `COVID- 19`: a hyphen glued to the word or number
                // before it, then a space and a number.
                if i >= 1 && b[i - 1].is_ascii_alphanumeric() && at(i + 1) == b' ' && at(i + 2).is_ascii_digit() {
                    edits.push(Edit::deletion(i + 1..i + 2, P110, Safe, R_INSIDE));
                    return;
                }
                // `Multi- catalyzer`: a prefix glued to the hyphen, then a
                // space and a lowercase word (not `pre- and post-war`).
                if i >= 2 && b[i - 1].is_ascii_alphabetic() && at(i + 1) == b' ' && at(i + 2).is_ascii_lowercase() {
                    let lw = letters_back(b, i);
                    let s = i - lw;
                    let rw = letters_fwd(b, i + 2);
                    let right = &text[i + 2..i + 2 + rw];
                    let standalone = s == 0 || matches!(b[s - 1], b' ' | b'\n' | b'(' | b'"');
                    if standalone && rw >= 3 && !matches!(right, "and" | "or" | "nor" | "to" | "the") && is_hyphen_prefix(&text[s..i]) {
                        edits.push(Edit::deletion(i + 1..i + 2, P110, Safe, R_INSIDE));
                    }
                    return;
                }
                // `world - famous`: a compound spaced out on both sides.
                if i >= 4 && b[i - 1] == b' ' && at(i + 1) == b' ' && at(i + 2).is_ascii_lowercase() {
                    let rw = letters_fwd(b, i + 2);
                    let lw = letters_back(b, i - 1);
                    let s = i - 1 - lw;
                    let after = at(i + 2 + rw);
                    let standalone = lw >= 3 && (s == 0 || matches!(b[s - 1], b' ' | b'\n' | b'(' | b'"'));
                    if standalone
                        && !after.is_ascii_alphanumeric()
                        && !matches!(after, b'-' | b'_' | b'/')
                        && COMPOUND_HEADS.contains(&&text[i + 2..i + 2 + rw])
                        && b[s..i - 1].iter().all(u8::is_ascii_alphabetic)
                        && !crate::text::lexicon::get().function.contains(text[s..i - 1].to_ascii_lowercase().as_str())
                    {
                        edits.push(Edit::deletion(i - 1..i, P110, Safe, R_INSIDE));
                        edits.push(Edit::deletion(i + 1..i + 2, P110, Safe, R_INSIDE));
                    }
                    return;
                }
                // `re -elected`, `on -site`, `Urban -Rural`.
                // (Not an option or a suffix: `on -windows-msvc targets`.)
                let rl = b[i + 1..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
                let right_ok = at(i + 1).is_ascii_alphabetic()
                    && b[i + 2..].iter().take_while(|c| c.is_ascii_lowercase()).count() >= 2
                    && match at(i + 1 + rl) {
                        b'.' => !at(i + 2 + rl).is_ascii_alphanumeric(),
                        c => !matches!(c, b'-' | b'_' | b'/' | b'='),
                    };
                if i < 3 || b[i - 1] != b' ' || !right_ok {
                    return;
                }
                let lw = letters_back(b, i - 1);
                let s = i - 1 - lw;
                if lw == 0 || (s > 0 && !matches!(b[s - 1], b' ' | b'\n' | b'(' | b'"')) {
                    return;
                }
                // A capitalized right part only after a capitalized prefix (`Urban -Rural`).
                if at(i + 1).is_ascii_uppercase() && !b[s].is_ascii_uppercase() {
                    return;
                }
                if !is_hyphen_prefix(&text[s..i - 1]) {
                    return;
                }
                edits.push(Edit::deletion(i - 1..i, P110, Safe, R_INSIDE));
            }
        }
    }
}

/// P107 for the brackets `open..=close` of a prose line: spaces just
/// inside them (`Service( ECITS )`, `Projects( hereinafter referred to as`)
/// go, where a word, number or quote stands inside and no code around.
/// Does a citation mark `[12]` end at `b[close]` (a `]`)?
fn citation_before(b: &[u8], close: usize) -> bool {
    let d = b[..close].iter().rev().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&d) && close > d && b[close - d - 1] == b'['
}

fn inner_spaces(b: &[u8], open: usize, close: usize, edits: &mut Vec<Edit>) {
    let inner = &b[open + 1..close];
    let lead = inner.iter().take_while(|&&c| c == b' ').count();
    if lead == inner.len() {
        return;
    }
    let trail = inner.iter().rev().take_while(|&&c| c == b' ').count();
    if lead + trail == 0 || inner.iter().any(|c| matches!(c, b'=' | b';' | b'{' | b'}' | b'<' | b'>' | b'_' | b'\\' | b'|')) {
        return;
    }
    if !in_prose(b, open, close + 1) || code_near(b, open, close + 1) {
        return;
    }
    let core = &inner[lead..inner.len() - trail];
    let (first, last) = (core[0], core[core.len() - 1]);
    // Words only: no marks of code or of grammar talk (`$( $x:expr )`,
    // `a (, then …, a )`), and not one closed-class word (`( and )`).
    let wordy = core.iter().all(|&c| c >= 0x80 || c.is_ascii_alphanumeric() || matches!(c, b' ' | b'"' | b'\'' | b'.' | b',' | b'%' | b'&' | b'-'));
    let opens = first.is_ascii_alphanumeric() || first == b'"' || core.starts_with("\u{201c}".as_bytes());
    let closes = last.is_ascii_alphanumeric() || matches!(last, b'"' | b'.' | b'%') || core.ends_with("\u{201d}".as_bytes());
    let lone_function = !core.contains(&b' ')
        && std::str::from_utf8(core).is_ok_and(|w| crate::text::lexicon::get().function.contains(w.to_ascii_lowercase().as_str()));
    if !wordy || !opens || !closes || lone_function {
        return;
    }
    if lead > 0 {
        edits.push(Edit::deletion(open + 1..open + 1 + lead, P107, Safe, R_BRACKET_INSIDE));
    }
    if trail > 0 {
        edits.push(Edit::deletion(close - trail..close, P107, Safe, R_BRACKET_INSIDE));
    }
}

/// Is the mark at `mark` inside a Chinese sentence ([`sentences::Mix::is_chinese`])?
fn in_chinese_sentence(text: &str, mark: std::ops::Range<usize>) -> bool {
    SENTENCES.with(|memo| {
        let mut m = memo.get();
        let r = m.cursor.around(text, mark);
        let verdict = match m.last {
            Some((range, verdict)) if range == (r.start, r.end) => verdict,
            // Most marks sit in sentences with no Han at all: a byte scan
            // says so without weighing the sentence (a Chinese sentence
            // needs Han).
            _ => may_hold_han(&text.as_bytes()[r.clone()]) && sentences::mix(text, r.clone()).is_chinese(),
        };
        m.last = Some(((r.start, r.end), verdict));
        memo.set(m);
        verdict
    })
}

/// Does the line around `i` want full-width marks in its Chinese (P103)?
/// In a text mostly in Chinese, yes (a formatter's work, as autocorrect
/// does it). In an English text, a line of Chinese alone written with ASCII
/// marks throughout is a quoted or translated paragraph, kept as it is; the
/// marks change where the line also holds English (two ASCII words of three
/// letters or more: Chinese left inside an English paragraph or caption),
/// or a full-width `，；：！？` already. Memoized per line and per window.
fn own_marks_wanted(text: &str, i: usize) -> bool {
    LINE_MARKS.with(|memo| {
        let mut m = memo.get();
        if let Some((s, e, v)) = m.line {
            if (s..e).contains(&i) {
                return v;
            }
        }
        let b = text.as_bytes();
        let std::ops::Range { start: s, end: e } = crate::text::lines::line_range(b, i);
        let line = &text[s..e];
        let (mut words, mut run) = (0, 0);
        for &c in line.as_bytes() {
            if c.is_ascii_alphabetic() {
                run += 1;
            } else {
                words += usize::from(run >= 3);
                run = 0;
            }
        }
        words += usize::from(run >= 3);
        let v = words >= 2 || line.contains(['\u{ff0c}', '\u{ff1b}', '\u{ff1a}', '\u{ff01}', '\u{ff1f}']) || {
            // The page around the mark (a window, so a text of many pages
            // is judged page by page and each mark costs no more than its
            // window): not English, then a formatter's work.
            match m.english {
                Some((lo, hi, v)) if (lo..hi).contains(&i) => !v,
                _ => {
                    let (lo, hi) = (i.saturating_sub(ENGLISH_WINDOW), (i + ENGLISH_WINDOW).min(b.len()));
                    let v = english_text(&b[lo..hi]);
                    m.english = Some((lo, hi, v));
                    !v
                }
            }
        };
        m.line = Some((s, e.max(s + 1), v));
        memo.set(m);
        v
    })
}

/// Mostly English: two lines of English prose or more (eight ASCII words
/// of two letters or more), and at least half as many as the lines of
/// Chinese prose (fifteen Han characters or more: a bilingual page). Only long lines count, so removing
/// furniture or changing marks never changes the verdict: cleaning the
/// output again decides the same.
fn english_text(b: &[u8]) -> bool {
    let (mut en, mut zh) = (0usize, 0usize);
    for line in b.split(|&c| c == b'\n') {
        let (mut words, mut run, mut han) = (0usize, 0usize, 0usize);
        for &c in line {
            if c.is_ascii_alphabetic() {
                run += 1;
            } else {
                words += usize::from(run >= 2);
                run = 0;
            }
            // Lead bytes of U+4E00–U+9FFF.
            han += usize::from(c.wrapping_sub(0xE4) < 6);
        }
        words += usize::from(run >= 2);
        en += usize::from(words >= 8);
        zh += usize::from(han >= 15);
    }
    en >= 2 && 2 * en >= zh
}

/// Bytes on either side of a mark that [`english_text`] weighs.
const ENGLISH_WINDOW: usize = 16 * 1024;


/// What [`own_marks_wanted`] knows of the text [`Punctuation::run`] is on.
#[derive(Debug, Clone, Copy, Default)]
struct LineMarks {
    /// The window weighed last and its verdict.
    english: Option<(usize, usize, bool)>,
    line: Option<(usize, usize, bool)>,
    /// Does the text show a run of lost full-width spaces (P111)?
    lost_spaces: Option<bool>,
    /// Does it show `?` for spaces between words (P114)?
    lost_word_spaces: Option<bool>,
}

/// What [`in_chinese_sentence`] found last in the text [`Punctuation::run`]
/// is working on (reset at the start of each run): many marks share a
/// sentence, and marks come in text order.
#[derive(Debug, Clone, Copy, Default)]
struct SentenceMemo {
    cursor: sentences::Cursor,
    last: Option<((usize, usize), bool)>,
}

thread_local! {
    /// The text's language and the last line [`own_marks_wanted`] weighed.
    static LINE_MARKS: std::cell::Cell<LineMarks> = const { std::cell::Cell::new(LineMarks { english: None, line: None, lost_spaces: None, lost_word_spaces: None }) };
    static SENTENCES: std::cell::Cell<SentenceMemo> = std::cell::Cell::new(SentenceMemo::default());
}

/// Could `b` hold a Han character ([`is_han`])? Exact for "no": the lead
/// bytes of U+4E00–U+9FFF and of the supplementary planes are looked for
/// in one pass, then the rarer Han forms behind `E3` and `EF`.
fn may_hold_han(b: &[u8]) -> bool {
    // Blocks of 32 bytes without an early exit inside, so the test is
    // vectorized.
    if b.chunks(32).any(|c| c.iter().fold(false, |acc, &c| acc | (c.wrapping_sub(0xE4) < 6) | (c == 0xF0))) {
        return true;
    }
    memchr::memchr2_iter(0xE3, 0xEF, b).any(|k| {
        let (n1, n2) = (b.get(k + 1).copied().unwrap_or(0), b.get(k + 2).copied().unwrap_or(0));
        if b[k] == 0xE3 {
            n1 >= 0x90 || (n1 == 0x80 && matches!(n2, 0x85 | 0x87))
        } else {
            (0xA4..=0xAB).contains(&n1)
        }
    })
}

/// Is the `.` at `i` (after a Han character) one of a chain of periods
/// between Han characters (`世.界.草.班.`), or after a single Han
/// character? Then it is not a sentence end.
fn dotted_han(text: &str, i: usize) -> bool {
    if text[..i].chars().rev().take_while(|&c| is_han(c)).count() < 2 {
        return true;
    }
    let b = text.as_bytes();
    let line_start = memchr::memrchr(b'\n', &b[..i]).map_or(0, |k| k + 1);
    let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
    let line = &text[line_start..line_end];
    let between = memchr::memchr_iter(b'.', line.as_bytes())
        .filter(|&k| line[..k].chars().next_back().is_some_and(is_han) && line[k + 1..].chars().next().is_some_and(is_han))
        .count();
    between >= 2
}

/// Is the English text before the full-width period at `i` a sentence (at
/// least four words, or everything since the line start)? Looks back at most
/// [`SENTENCE_LOOKBACK`] characters (a longer stretch with neither four words
/// nor Chinese counts as a line start): unbounded, a line of `б。б。…` made
/// every mark walk back to the start of the line (quadratic).
fn english_sentence_before(text: &str, i: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for c in text[..i].chars().rev().take(SENTENCE_LOOKBACK) {
        if c == '\n' {
            return true;
        }
        if is_cjk_letter(c) {
            return words >= 4;
        }
        if c.is_ascii_alphabetic() {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
        if words >= 4 {
            return true;
        }
    }
    true
}

/// How far [`english_sentence_before`] looks back, in characters.
const SENTENCE_LOOKBACK: usize = 256;

/// After `j`: a short run of English (a name) and then Chinese again?
fn latin_run_then_han(text: &str, j: usize) -> bool {
    short_latin_run_ends_in_han(text[j..].chars())
}

/// Before `i`: Chinese, then a short run of English (a name)?
fn han_then_latin_run(text: &str, i: usize) -> bool {
    short_latin_run_ends_in_han(text[..i].chars().rev())
}

/// Walking `chars`: a run of up to 40 characters of English (letters,
/// digits, spaces, `.-'`) with at least one letter or digit, then a Han character.
fn short_latin_run_ends_in_han(chars: impl Iterator<Item = char>) -> bool {
    let mut latin = false;
    for (n, c) in chars.enumerate() {
        if n > 40 {
            return false;
        }
        if c.is_ascii_alphanumeric() {
            latin = true;
        } else if is_han(c) {
            return latin;
        } else if !matches!(c, ' ' | '.' | '-' | '\'') {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod han_bytes_tests {
    #[test]
    fn may_hold_han_agrees_with_is_han_for_every_char_class() {
        for c in ['中', '㐀', '々', '〇', '豈', '𠀀', '。', '，', '、', 'a', 'é', 'ー', '가', '「'] {
            let s = format!("ab{c}cd");
            assert_eq!(super::may_hold_han(s.as_bytes()), crate::text::script::is_han(c), "{c}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::kit::testing::{assert_fixes, assert_fixes_with, assert_no_edits, assert_pass_fixes, assert_pass_keeps, edit_count};

    fn pass() -> Punctuation {
        Punctuation::new(&Options::default(), &Setup::default()).unwrap()
    }

    #[test]
    fn fixes_with_this_pass_alone() {
        assert_pass_fixes(&pass(), "act now，and together：first", "act now, and together: first");
        assert_pass_fixes(&pass(), "productive forces,It is emphasized", "productive forces, It is emphasized");
        assert_pass_keeps(&pass(), "See No.5 and photo.JPG at 3.5%, then 15:30.");
        assert_pass_fixes(&pass(), "welcomed youth at CIIT.He encouraged them", "welcomed youth at CIIT. He encouraged them");
        assert_pass_keeps(&pass(), "We build on ASP.Net and read CNN.Com daily.");
        assert_pass_fixes(&pass(), "against the virus.(Source: Suizhong Rongmedia)", "against the virus. (Source: Suizhong Rongmedia)");
        assert_pass_fixes(&pass(), "farmers in 2022.(Source: Xuanma Town)", "farmers in 2022. (Source: Xuanma Town)");
        assert_pass_keeps(&pass(), "v1.2022.(Source: x y) and 12022.(Note a)");
        assert_pass_keeps(&pass(), "if s, ok := value.(Stringer); ok {");
    }

    #[test]
    fn fixes_cjk_period_in_real_scraped_line() {
        assert_fixes_with(
            &["P101"],
            "A diligent man comes early in spring。On the first day of work after the Spring Festival last year, we held the conference for the first time。",
            "A diligent man comes early in spring. On the first day of work after the Spring Festival last year, we held the conference for the first time.",
        );
    }

    #[test]
    fn cleans_mixed_real_line_with_default_pipeline() {
        assert_fixes(
            "our Party has led the people to successfully promote and expand Chinese-style modernization。以习近平同志为核心的党中央把推进中国式现代化作为新时代最大的政治,把坚持高质量发展作为新时代的硬道理。",
            "our Party has led the people to successfully promote and expand Chinese-style modernization. 以习近平同志为核心的党中央把推进中国式现代化作为新时代最大的政治，把坚持高质量发展作为新时代的硬道理。",
        );
    }

    #[test]
    fn fixes_fullwidth_comma_colon_and_brackets_between_words() {
        assert_pass_fixes(&pass(), "act now，and together：first", "act now, and together: first");
        assert_pass_fixes(&pass(), "Guangdong、Shenzhen and Zhuhai", "Guangdong, Shenzhen and Zhuhai");
        assert_pass_fixes(&pass(), "Conference（2024）was held", "Conference (2024) was held");
        assert_pass_fixes(&pass(), "at 15：30 today", "at 15:30 today");
    }

    #[test]
    fn keeps_fullwidth_punctuation_in_chinese_run() {
        assert_no_edits("让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力推进中国式现代化建设。");
        assert_no_edits("增长4.8%，高于全国（2024年）。");
        assert_eq!(edit_count("中央军委主席Xi Jinping，参加审议。", "P101"), 0);
        assert_no_edits("我们要加快发展AI。");
    }

    #[test]
    fn removes_doubled_marks() {
        assert_pass_fixes(&pass(), "influence\".。Under the care", "influence\". Under the care");
        assert_pass_fixes(&pass(), "the end。.", "the end.");
        assert_pass_fixes(&pass(), "one,,two and three;;", "one, two and three;");
        assert_pass_fixes(&pass(), "develop boldly. .", "develop boldly.");
        assert_no_edits("Wait... what happened? ...");
        assert_no_edits("He left . . . and came back.");
    }

    #[test]
    fn restores_fullwidth_marks_in_chinese() {
        assert_pass_fixes(&pass(), "对此,习近平总书记作了深邃思考", "对此，习近平总书记作了深邃思考");
        assert_pass_fixes(&pass(), "附件:", "附件：");
        assert_pass_fixes(&pass(), "向新中国成立75周年致敬!", "向新中国成立75周年致敬！");
        assert_pass_fixes(&pass(), "这是22日下午,Xi Jinping在日照港", "这是22日下午，Xi Jinping在日照港");
        assert_pass_fixes(&pass(), "会议(扩大)在京召开", "会议（扩大）在京召开");
        assert_no_edits("Xi Jinping (习近平) said, \"We will work hard.\"");
    }

    #[test]
    fn chinese_paragraph_of_an_english_page_keeps_its_ascii_marks() {
        let english = "The delegation visited three universities in London and signed two agreements on exchanges. \
                       It also met officials of the city government to discuss cooperation in education and research.\n";
        // A Chinese paragraph alone, ASCII marks throughout: as written.
        let alone = format!("{english}周一,贵州代表团还参观了伦敦城市大学。\n{english}");
        assert_pass_keeps(&pass(), &alone);
        // Chinese left inside an English line, or beside full-width marks: fixed.
        let inside = format!("{english}during the same period.辽宁省经济增速较快,是十年来首次。 Photo by Ju Peng\n");
        assert_eq!(edit_count(&inside, "P103"), 1);
        let beside = format!("{english}周一，代表团还参观了伦敦城市大学,并与校方座谈。\n");
        assert_eq!(edit_count(&beside, "P103"), 1);
        // A text mostly in Chinese: every such mark is fixed.
        assert_pass_fixes(&pass(), "周一,贵州代表团还参观了伦敦城市大学。", "周一，贵州代表团还参观了伦敦城市大学。");
    }

    #[test]
    fn the_page_verdict_ignores_short_lines() {
        // Found by fuzzing: a furniture line counted toward the verdict, so
        // the cleaned text (without it) was judged otherwise and changed again.
        let prose = "The Global Times held a major investment promotion conference on Sunday in the city.\n";
        let body = format!("{prose}{prose}y 瓙殛.\n");
        assert!(super::english_text(body.as_bytes()));
        let with_header = format!("date 2025-02-06 The 3rd Global Promotion Event for Business\n{body}");
        assert_eq!(super::english_text(with_header.as_bytes()), super::english_text(body.as_bytes()));
        assert!(!super::english_text(format!("{prose}y 瓙殛.\n").as_bytes()));
        let chinese = "以习近平同志为核心的党中央把推进中国式现代化作为最大的政治。\n".repeat(5);
        assert!(!super::english_text(format!("{prose}{prose}{chinese}").as_bytes()));
    }

    #[test]
    fn ends_english_sentence_before_chinese() {
        assert_fixes_with(
            &["P104"],
            "and expand Chinese-style modernization。以习近平同志为核心的党中央",
            "and expand Chinese-style modernization. 以习近平同志为核心的党中央",
        );
        assert_eq!(edit_count("中央军委主席Xi Jinping。以习近平同志为核心", "P104"), 0);
    }

    #[test]
    fn inserts_missing_space_after_marks() {
        assert_pass_fixes(&pass(), "productive forces,It is", "productive forces, It is");
        assert_pass_fixes(&pass(), "In 2008,the GDP rose", "In 2008, the GDP rose");
        assert_pass_fixes(&pass(), "soared to 16,867 yuan,74.3% of the total", "soared to 16,867 yuan, 74.3% of the total");
        assert_pass_fixes(&pass(), "On March 20th,2020, Chen visited.", "On March 20th, 2020, Chen visited.");
        assert_pass_fixes(&pass(), "ranked 20th,2020th and 1st,20000 items", "ranked 20th,2020th and 1st,20000 items");
        assert_pass_fixes(&pass(), "is 4,460,000 Yuan,5,520,000 Yuan of income", "is 4,460,000 Yuan, 5,520,000 Yuan of income");
        assert_pass_fixes(&pass(), "returns are 21.8%,18.3% of the ratio", "returns are 21.8%, 18.3% of the ratio");
        assert_pass_keeps(&pass(), "Version A,1 and B2,3 and AB,4 and x%,5");
        assert_pass_fixes(&pass(), "in 2020.The plan", "in 2020. The plan");
        assert_pass_fixes(&pass(), "back to Guangdong;Traffic from", "back to Guangdong; Traffic from");
        assert_pass_fixes(&pass(), "new\",Innovation drives", "new\", Innovation drives");
        assert_pass_fixes(&pass(), "Note:This is it. Why?Because.", "Note: This is it. Why? Because.");
    }

    #[test]
    fn keeps_numbers_abbreviations_and_addresses() {
        for s in [
            "The U.S. economy grew 3.5% in Q1, e.g. exports rose 1.2 billion dollars (i.e. 9,000 containers) by 8 a.m. on Jan. 6.",
            "It cost $1,234.56 at 15:22:33 and ships with Section 1.2.7 of version 2.10.3.",
            "See https://www.example.gov.cn/news/2024/0218,index.html or write to press@example.com today.",
            "He has a Ph.D. from the U.S.A. and uses ASP.NET and photo.JPG and Xinhua.Net daily.",
            "Guizhou Suanli Technology Co.,Ltd. issued No.5 and Fig.3 and p.12.",
        ] {
            assert_no_edits(s);
        }
        assert_pass_fixes(&pass(), "R&amp;D and &#8220;x", "R&amp;D and &#8220;x");
        // Broken numbers belong to the numbers pass: punctuation leaves them alone.
        assert_fixes_with(&["P"], "We have 1.2.7 billion and 7.50,000 people.", "We have 1.2.7 billion and 7.50,000 people.");
    }

    #[test]
    fn year_glued_after_word_is_review() {
        let out = crate::Cleaner::new(crate::Config { select: vec!["P105".into()], ..Default::default() })
            .unwrap()
            .clean("on the first floor.2015 the annual meeting");
        assert_eq!(out.text, "on the first floor. 2015 the annual meeting");
        assert_eq!(out.report.edits[0].confidence, crate::Confidence::Review);
    }

    #[test]
    fn removes_space_before_marks() {
        assert_pass_fixes(&pass(), "the word ,next one and the end .", "the word, next one and the end.");
        assert_pass_fixes(&pass(), "keeps rising .In 1978 it rose", "keeps rising. In 1978 it rose");
        assert_no_edits("built with the .Net framework");
        assert_no_edits("Use .NET and version .5 today.");
    }

    #[test]
    fn spaces_glued_brackets() {
        assert_pass_fixes(&pass(), "development(2024)was good", "development (2024) was good");
        assert_no_edits("the item(s) you chose, f(x) and print() stay");
    }

    #[test]
    fn spaces_lowercase_word_in_brackets() {
        assert_pass_fixes(&pass(), "the working meeting(draft) was adopted", "the working meeting (draft) was adopted");
        assert_pass_keeps(&pass(), "call obj.print(value); then len(items) and item(s) or f(x)");
        assert_pass_fixes(&pass(), "会议(草案)通过", "会议（草案）通过");
    }

    #[test]
    fn removes_period_debris_before_comma() {
        assert_pass_fixes(&pass(), "issued by the Ministry.,These measures", "issued by the Ministry, These measures");
        assert_pass_fixes(&pass(), "by the Ministry., these", "by the Ministry, these");
        assert_pass_keeps(&pass(), "Guizhou Suanli Technology Co.,Ltd. and apples, pears, etc., and Acme Inc., and Dept., too");
    }

    #[test]
    fn spaces_commas_abbreviations_and_months() {
        assert_pass_fixes(&pass(), "the country,but the signing,construction", "the country, but the signing, construction");
        assert_pass_fixes(&pass(), "opening,and Support", "opening, and Support");
        assert_pass_fixes(&pass(), "said Mr.Wang on Dec.5 and Sept.12, 2024", "said Mr. Wang on Dec. 5 and Sept. 12, 2024");
        assert_pass_fixes(&pass(), "the work , do it", "the work, do it");
        assert_pass_keeps(&pass(), "It has 1,264 firms, codes A,B,C and No.5 and Dec.2024.01 files.");
        assert_pass_fixes(&pass(), "The fair was held on Oct.24. It was good.", "The fair was held on Oct. 24. It was good.");
        assert_pass_keeps(&pass(), "Version Oct.24.5 and Dec.12.a stay.");
        assert_pass_fixes(&pass(), "It has grown since 1980’s . The firm's . Done", "It has grown since 1980’s. The firm's. Done");
        assert_pass_fixes(&pass(), "Pingyang County (平阳)and Cangnan", "Pingyang County (平阳) and Cangnan");
        assert_pass_fixes(&pass(), "a citizen of the world. ?\nNext line.", "a citizen of the world.\nNext line.");
        assert_pass_keeps(&pass(), "Is it the U.S. ? Or what. ? No");
        assert_pass_keeps(&pass(), "Call f(平阳)and go.");
        assert_pass_fixes(&pass(), "closed after 24: 00 on February 9, open from 8: 30 to 9: 45.", "closed after 24:00 on February 9, open from 8:30 to 9:45.");
        assert_pass_fixes(&pass(), "She pulled the score to 6: 3, won with 11: 5; the ratio was adjusted to 12.3: 42.9: 44.9.", "She pulled the score to 6:3, won with 11:5; the ratio was adjusted to 12.3:42.9:44.9.");
        assert_pass_keeps(&pass(), "See Table 1: 3 provinces, and chapter 2: 5.");
        assert_pass_keeps(&pass(), "Article 24: 30 firms; by 2: 1 votes; at 25: 00; at 9: 300 sites; John 3: 16.");
    }

    #[test]
    fn keeps_domain_names() {
        assert_pass_keeps(&pass(), "Source: English.People.cn and News.Tsinghua.edu.cn today.");
        assert_pass_keeps(&pass(), "See news.tsinghua.edu.cn.");
    }

    #[test]
    fn capitalizes_lowercase_sentence_glued_to_period() {
        assert_pass_fixes(&pass(), "came to an end.after many years", "came to an end. After many years");
        assert_pass_fixes(&pass(), "did not hesitate.6 days passed", "did not hesitate. 6 days passed");
        assert_pass_fixes(&pass(), "a high degree of wisdom.1. Phoenix Lake", "a high degree of wisdom. 1. Phoenix Lake");
        assert_pass_fixes(&pass(), "On Jan 7,2009, the leaders", "On Jan 7, 2009, the leaders");
        assert_pass_fixes(&pass(), "since September 30,2021 the plant", "since September 30, 2021 the plant");
        assert_pass_keeps(&pass(), "Jan 7,2009.5 tons, May 1,20093 and item 7,2009 stay");
        assert_pass_fixes(&pass(), "along as we read.A pictures they say", "along as we read. A pictures they say");
        assert_pass_keeps(&pass(), "the U.S.A version, v.1. Main and e.g.A test");
        assert_pass_keeps(&pass(), "open index.html or config.json, e.g.the list, etc.and so on, node.js is");
        assert_pass_keeps(&pass(), "see example.com.cn.and then");
    }

    #[test]
    fn removes_space_inside_amounts_and_prefixed_words() {
        assert_pass_fixes(&pass(), "an increase of 10.50 %.", "an increase of 10.50%.");
        assert_pass_fixes(&pass(), "worth $ 54.7 billion and US$ 5 million", "worth $54.7 billion and US$5 million");
        assert_pass_fixes(&pass(), "he was re -elected and co -operated", "he was re-elected and co-operated");
        assert_pass_keeps(&pass(), "compute 10 % 3, run $ ls, pages 5 - 7, the pre- and post-war years, more -ish");
        assert_pass_keeps(&pass(), "增长 4.8 % 以上");
    }

    #[test]
    fn removes_space_before_comma_after_closing_quote() {
        assert_pass_fixes(&pass(), "the \"Safety Campaign\" , including", "the \"Safety Campaign\", including");
        assert_pass_fixes(&pass(), "the \u{201c}Safety Campaign\u{201d} , including", "the \u{201c}Safety Campaign\u{201d}, including");
    }

    #[test]
    fn keeps_marks_of_a_chinese_sentence_next_to_latin_words() {
        // autocorrect's README and test pairs: the marks belong to Chinese sentences.
        for s in [
            "我们提供了一套state-of-the-art、machine-learning-powered的编辑器。",
            "请访问：https://example.com/docs/page.html。",
            "支持的编辑器包括ProseMirror、CKEditor、Slate、Draft.js等。",
            "这个框架（基于React）。",
            "刚刚买了一部iPhone，好开心！",
        ] {
            assert_eq!(edit_count(s, "P101") + edit_count(s, "P102"), 0, "{s}");
        }
        // The same marks in an English sentence are converted.
        assert_pass_fixes(&pass(), "We offer state-of-the-art、machine-learning-powered tools。", "We offer state-of-the-art, machine-learning-powered tools.");
    }

    #[test]
    fn ascii_period_ending_a_chinese_sentence_becomes_full_width() {
        assert_pass_fixes(&pass(), "你好,这是一个句子.", "你好，这是一个句子。");
        assert_pass_fixes(&pass(), "Hello世界.", "Hello世界。");
        assert_pass_fixes(&pass(), "\"请求参数错误.\"", "\"请求参数错误。\"");
        assert_pass_fixes(&pass(), "并且关闭代理.此后，代理上的操作", "并且关闭代理。此后，代理上的操作");
        assert_pass_fixes(&pass(), "前面. 後面", "前面。後面");
        for s in [
            "The delegation visited 北京.",
            "我们使用Node.js.",
            "升级到v1.2.",
            "世.界.，草.班.与千.早.爱.音.",
            "設定檔.env很重要",
            "前面...",
            "近.",
        ] {
            assert_pass_keeps(&pass(), s);
        }
    }

    #[test]
    fn leaves_korean_and_japanese_punctuation_alone() {
        assert_no_edits("근면, 검소, 협동은 우리 겨레의 미덕이다.");
        assert_pass_keeps(&pass(), "전 세계 수백 개의 회사가 Rust를 사용하여 빠르고, 크로스 플랫폼!");
        assert_pass_keeps(&pass(), "これはペン,あれは本.");
        assert_pass_keeps(&pass(), "한국(서울)에서");
    }

    #[test]
    fn spaces_english_after_chinese_sentence() {
        assert_pass_fixes(&pass(), "深刻论述。The General Secretary", "深刻论述。 The General Secretary");
    }
}
