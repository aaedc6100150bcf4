//! Paragraph and sentence starts in lowercase (family C2xx): machine translation of a
//! Chinese paragraph that began with a date or a clause often yields
//! `approved by the National Bureau of statistics data show that …`.
//!
//! Only the first word of a paragraph is looked at (a line after a blank line
//! or at the start of the document), and only when the line is English prose.

use crate::edit::{
    Confidence::{Review, Safe},
    Edit,
};
use crate::error::Result;
use crate::text::lexicon::{self, Lexicon};
use crate::text::script::is_han;
use crate::passes::kit::{Context, Pass, Setup};
use crate::fasthash::FxHashMap as HashMap;
use crate::text::scan::Capitals;
use crate::text::words::{has_code, in_address, LONG_SURNAMES, NAME_TITLES, SHORT_SURNAMES, is_pinyin, is_pinyin_syllable, letters_back, letters_fwd, lower_letter, upper_letter};

crate::declare_rules! { pass = "sentence_case";
    /// ## What it fixes
    /// An English prose paragraph that starts with a lowercase word gets a
    /// capital.
    ///
    /// ## Example
    /// ```text
    /// The economy grew.
    ///
    /// according to the Bureau of the relevant person in charge, production grew steadily this year.
    /// ```
    /// Becomes:
    /// ```text
    /// The economy grew.
    ///
    /// According to the Bureau of the relevant person in charge, production grew steadily this year.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// iPhone sales in the province rose by a fifth in the first quarter of the year.
    /// simdjson parses the statistics bureau's files faster than any other library, they say.
    /// www.example.gov.cn publishes the full text of the report and its annexes.
    /// e.g. the province and the city both reported growth in the first quarter.
    /// ```
    ///
    /// Off by default (select it with `--select C201`): a fragment cleaned on
    /// its own (one sentence cut from an article) legitimately starts in
    /// lowercase.
    ///
    /// ## Why safe
    /// An English paragraph never starts in lowercase. Words with inner
    /// capitals (`iPhone`), followed by `.`/`:`/`/`/`@` (`e.g.`, URLs,
    /// handles), first words that are neither common English words nor
    /// inflected (`pyenv`, `simdjson`), and short lines (titles, labels,
    /// list items) are left alone. When the paragraph before does not end a sentence, the blank
    /// line may split one sentence, and the edit is `review`.
    C201 = ("paragraph-start-lowercase", Safe, false, "capital at the start of a lowercase paragraph");
    /// ## What it fixes
    /// A sentence inside an English paragraph that starts with a lowercase
    /// function word after a full stop (`the company. the company deputy
    /// general manager`), as machine translation leaves when it joins
    /// segments, gets a capital.
    ///
    /// ## Example
    /// ```text
    /// He thanked the staff for their work on the development of the company. the company deputy general manager spoke next.
    /// First, abide by the law and be qualified international students. Nothing can be accomplished without norms or standards. students should do as the Romans do and abide by the laws.
    /// II. the situation of agricultural production
    /// ```
    /// Becomes:
    /// ```text
    /// He thanked the staff for their work on the development of the company. The company deputy general manager spoke next.
    /// First, abide by the law and be qualified international students. Nothing can be accomplished without norms or standards. Students should do as the Romans do and abide by the laws.
    /// II. The situation of agricultural production
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The tests ran on many machines and drives, e.g. the ones in the lab, approx. the same as before, etc. the rest.
    /// He met them in room no. 5 and at 5 p.m. the staff of the lab had gone home for the day.
    /// The samples were weighed (approx. twenty grams each), and fig. shows the rest of the results.
    /// ```
    ///
    /// ## Why review
    /// The word before the full stop is a dictionary word, not an
    /// abbreviation from `rules/abbreviations.txt`, and the word after it a
    /// closed-class word, or a dictionary word when the word before has
    /// five letters or more on a line of 160 bytes or more in a document
    /// holding no code, or after a
    /// Roman numeral heading a line (`II. the situation`); still, an unlisted abbreviation would end in a
    /// full stop too.
    C202 = ("sentence-start-lowercase", Review, true, "capital at the start of a lowercase sentence after a full stop");
    /// ## What it fixes
    /// A month name written in lowercase before a day or a year gets its
    /// capital: `On april 6` → `On April 6`, `between october 2013`.
    ///
    /// ## Example
    /// ```text
    /// On april 6, nine students left, and between october 2013 and february 12-27, 2017 they met.
    /// ```
    /// Becomes:
    /// ```text
    /// On April 6, nine students left, and between October 2013 and February 12-27, 2017 they met.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// They may 5 times a year march 10 km; see april.6 and the_june 5 file, or augusta 2013 and Junes 5.
    /// ```
    ///
    /// ## Why review
    /// `may` and `march` are common words and never taken; the others are
    /// months only, and a day (one or two digits, then no digit or letter
    /// but an ordinal ending) or a year (four digits from 1900) must follow
    /// after one space. Text written all in lowercase on purpose would still
    /// be changed.
    C203 = ("lowercase-month", Review, true, "month name capitalized before a day or year");
    /// ## What it fixes
    /// In an article, an English prose paragraph that starts with a
    /// lowercase word gets a capital, as C201 does; here the paragraph may
    /// also be a long line after a long line that ends a sentence.
    ///
    /// ## Example
    /// ```text
    /// The province signed contracts with many of the countries along the route this year. Officials said so on Monday.
    /// Trade with them grew by a fifth in the first half of the year, the statistics bureau of the province said.
    /// despite the climate of protectionism, the concept of open cooperation won support in the region and beyond it.
    /// ```
    /// Becomes:
    /// ```text
    /// The province signed contracts with many of the countries along the route this year. Officials said so on Monday.
    /// Trade with them grew by a fifth in the first half of the year, the statistics bureau of the province said.
    /// Despite the climate of protectionism, the concept of open cooperation won support in the region and beyond it.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The report was read out at the meeting in the hall of the institute. It was sent to the U.S.
    /// and other countries sent their delegates to the meeting, the organizers of the meeting said.
    /// The delegates of the meeting then voted on the motion in the same hall. It passed.
    ///
    /// The great development of
    ///
    /// county economy is an important support for the development of the whole city and its people.
    /// ```
    ///
    /// ## Why review
    /// The document must be an article (judged on its first 64 KB): three sentences or more start with
    /// a capital, more than twice as many as in lowercase (or three inside
    /// paragraphs and none there in lowercase: some translations lowercase
    /// every paragraph), and no line of the whole document looks like code (braces, `::`, `=>`, a
    /// final `;`, an identifier alone), since technical text keeps keywords
    /// lowercase. The line is 100 bytes or more, not the document's first
    /// (a fragment cleaned on its own), starts with no label before a number
    /// or colon (`date 2025-02-06`) and defines no term (`cold — Hint…`).
    /// After a blank line the paragraph before must not end with a colon, a
    /// comma or a function word (the blank line cut a sentence); after a
    /// single line break the line before must be 100 bytes or more and end
    /// with `.`, `!` or `?` after a word of three letters or more that is no
    /// abbreviation, or hard-wrapped text would be changed.
    C204 = ("paragraph-start-lowercase-in-article", Review, true, "capital at the start of a lowercase paragraph of an article");
    /// ## What it fixes
    /// A Chinese place or person name in pinyin written in lowercase
    /// (`East jiangwan town`) where the document capitalizes it mid-sentence
    /// twice or more gets its capital.
    ///
    /// ## Example
    /// ```text
    /// Jiangwan lies east of Wuyuan. The old houses of Jiangwan and the hills near Jiangwan draw visitors to jiangwan town.
    /// It was a good start for Zhenjiang, as zhenjiang held a signing, and Zhenjiang and Zhenjiang gained.
    /// ```
    /// Becomes:
    /// ```text
    /// Jiangwan lies east of Wuyuan. The old houses of Jiangwan and the hills near Jiangwan draw visitors to Jiangwan town.
    /// It was a good start for Zhenjiang, as Zhenjiang held a signing, and Zhenjiang and Zhenjiang gained.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// Visit Nanping and Nanping county online at nanping.gov.cn or mail info@nanping.example, or the nanping_city page.
    /// ```
    ///
    /// ## Why review
    /// The word must read entirely as pinyin syllables, be no English word
    /// (`rules/dictionary.txt`), have four letters or more, and be written
    /// capitalized mid-sentence (after a word, a number or a comma) at least
    /// twice, and in lowercase at most twice as often. A lowercase use must
    /// stand where a name does: after a capitalized word or a comma, before one or a
    /// place noun (`town`, `county`, …), or before `'s`; anywhere when the
    /// document capitalizes the word three times or more and writes it in
    /// lowercase at most half as often, in a document holding no code (`as
    /// zhenjiang, East China`). One inside an
    /// address, a handle or an identifier (next to `.`, `/`, `@`, `_`, `-`)
    /// is left alone. A page that writes a name in lowercase on purpose
    /// would still be changed.
    C205 = ("lowercase-name-by-evidence", Review, true, "pinyin name capitalized as the document writes it");
    /// ## What it fixes
    /// A Chinese name in pinyin written in lowercase where only a name can
    /// stand: a given name after a capitalized surname (`Mr. Xie geqi`,
    /// `He yongxiang, deputy manager`), a surname and given name after a
    /// capitalized title (`Union President cheng jun`), a surname before a
    /// capitalized given name in a list of names (`Li Chaokun, he Angang`),
    /// and a place name before the capitalized words of its proper name
    /// (`the dongjiahe Circular Economy Industrial Park`).
    ///
    /// ## Example
    /// ```text
    /// Mr. Xie geqi, the general manager, met Union President cheng jun at the dongjiahe Circular Economy Park.
    /// Li Chaokun, he Angang and ye Jinyun attended. Teacher representative PAN chaoqing spoke.
    /// ```
    /// Becomes:
    /// ```text
    /// Mr. Xie Geqi, the general manager, met Union President Cheng Jun at the Dongjiahe Circular Economy Park.
    /// Li Chaokun, He Angang and Ye Jinyun attended. Teacher representative PAN Chaoqing spoke.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// He said the Chairman he met was new. Wang ran the shop, and President li.example.com replied. The guanxi Of note.
    /// Then he Beijing? No: as he Wang said, and he Wei too.
    /// ```
    ///
    /// ## Why review
    /// The lowercase word must read entirely as pinyin and be no English
    /// word (`rules/dictionary.txt`); after a surname (a listed Chinese
    /// surname, capitalized or in capitals: `PAN`) it must be two syllables or more; after a
    /// title the surname must be listed and, when it is an English word
    /// (`he`), be followed by a given name; a surname before a capitalized
    /// given name of two syllables must follow a comma or `and`; a place
    /// name before a capitalized word must be two syllables and five
    /// letters or more, after a word or a comma, and the capitalized word
    /// no closed-class word (`Of`). None may touch an address
    /// or identifier (`.`, `/`, `@`, `_`, `-`). An English text quoting a
    /// pinyin term in lowercase before a capitalized word would still be
    /// changed.
    C206 = ("lowercase-pinyin-name", Review, true, "lowercase pinyin name capitalized where only a name can stand");
    /// ## What it fixes
    /// A paragraph of an article cut mid-sentence by a blank line: the long
    /// line before ends in a function word or an auxiliary (`the festival
    /// will`) and the next starts with a lowercase word; the two are joined
    /// by a space instead of the second being capitalized as a paragraph.
    ///
    /// ## Example
    /// ```text
    /// The Dalan Town festival opened on Monday. It drew crowds. With colorful online and offline activities, the festival will
    ///
    /// further enhance the reputation of the tea products of the town, the organizers said on Monday morning.
    /// ```
    /// Becomes:
    /// ```text
    /// The Dalan Town festival opened on Monday. It drew crowds. With colorful online and offline activities, the festival will further enhance the reputation of the tea products of the town, the organizers said on Monday morning.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The report was read out at the meeting in the hall of the institute. It was sent to all the members of
    ///
    /// https://example.com/report is where the full text of the report was published for the members to read.
    /// ```
    ///
    /// ## Why review
    /// Only in an article (as C204 judges it); both lines are 100 bytes or
    /// more (no title or menu), the first ends in a closed-class word or one
    /// of `will`, `can`, `has`, `was`, … that no sentence ends with, and the
    /// second starts with a dictionary word. A list item or a quotation cut
    /// that way would still be joined.
    C207 = ("paragraph-cut-mid-sentence", Review, true, "paragraph cut mid-sentence joined");
    /// ## What it fixes
    /// A Chinese place name written with a capital on its second syllable
    /// (`GuangDong`, `ShangHai`): one of the one-word place names of
    /// `rules/possessives.txt` `[names]`, as a whole word, gets its usual
    /// spelling.
    ///
    /// ## Example
    /// ```text
    /// The deputy director of GuangDong Provincial Department of Commerce visited ShangHai.
    /// ```
    /// Becomes:
    /// ```text
    /// The deputy director of Guangdong Provincial Department of Commerce visited Shanghai.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The XinHai Hotel, WeChat, GuangDongBank, www.GuangDong.com, @ShangHai and #ShangHai stay.
    /// ```
    ///
    /// ## Why review
    /// Only listed place names, with one inner capital at a syllable (not
    /// in the first or last two letters), as a whole word outside an
    /// address, handle or identifier. A brand that spells a place name so
    /// on purpose would still be changed.
    C208 = ("camel-case-place-name", Review, true, "place name written with an inner capital given its usual spelling");
    /// ## What it fixes
    /// A brand whose own spelling has an inner capital, written with one
    /// capital (`Wechat` → `WeChat`, `Youtube` → `YouTube`), and `wechat`
    /// written all in lowercase.
    ///
    /// ## Example
    /// ```text
    /// Pay with Alipay, Wechat or Paypal, and watch it on Youtube or in wechat groups.
    /// ```
    /// Becomes:
    /// ```text
    /// Pay with Alipay, WeChat or PayPal, and watch it on YouTube or in WeChat groups.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// See wechat.com, @Wechat, Wechat_id, WeChat, WECHAT and Wechatty, @wechat, wechat_pay, mywechat, youtube and www.youtube.com/x.
    /// ```
    ///
    /// ## Why safe
    /// Only the listed brands (WeChat, YouTube, LinkedIn, PayPal, TikTok,
    /// WhatsApp, PowerPoint), as whole words outside an address, handle or
    /// identifier; none is another word.
    C209 = ("brand-casing", Safe, true, "brand given its own spelling");
    /// ## What it fixes
    /// The last word of an institution's name left in lowercase: a head
    /// word (`Bureau`, `Ministry`, `Academy`, …) after a capitalized word,
    /// `of`, and a lowercase word (`the National Bureau of statistics
    /// data` → `National Bureau of Statistics`).
    ///
    /// ## Example
    /// ```text
    /// According to the National Bureau of statistics data, the Chinese Academy of sciences grew.
    /// It joined the Shanghai academy of Spaceflight, the Overseas education College and the people's Republic of China.
    /// She studied at Edge Hill university.
    /// ```
    /// Becomes:
    /// ```text
    /// According to the National Bureau of Statistics data, the Chinese Academy of Sciences grew.
    /// It joined the Shanghai Academy of Spaceflight, the Overseas Education College and the People's Republic of China.
    /// She studied at Edge Hill University.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// the bureau of statistics, a Bureau of statistics, the National Bureau of the state and the Provincial Department of state-owned assets.
    /// a Chinese university. In Hong Kong university students; The Beijing office. the Beijing office of Xinhua, the Shanghai bureau of Reuters, at Tsinghua the College, Many more College students, the people's Republicans.
    /// ```
    ///
    /// ## Why review
    /// Only after a capitalized word and a listed head word, before a
    /// dictionary word of four letters or more that is no closed-class
    /// word and stands alone (no hyphen after it). A name whose last words
    /// are in lowercase by the writer's choice would still be changed.
    C210 = ("institution-name-casing", Review, true, "word of an institution's name capitalized as the name is");
    /// ## What it fixes
    /// A nationality or language adjective (`rules/nationalities.txt`)
    /// written in lowercase: English always capitalizes it.
    ///
    /// ## Example
    /// ```text
    /// He joined the asian Infrastructure Investment Bank and studied chinese culture with african students.
    /// ```
    /// Becomes:
    /// ```text
    /// He joined the Asian Infrastructure Investment Bank and studied Chinese culture with African students.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// See www.chinese.com, the lang=english flag, @english, english_name, non-english and polish the shoes.
    /// 说：你好 english。
    /// ```
    ///
    /// ## Why review
    /// Whole words only, outside an address, a handle or an identifier, not
    /// beside Chinese, in a document holding no code; a name or a term written in lowercase on
    /// purpose (a product called `chinese`) would still be changed.
    C211 = ("lowercase-nationality", Review, true, "nationality or language capitalized");
    /// ## What it fixes
    /// A head-of-state or government title written in lowercase right
    /// before a Chinese surname (`president Xi Jinping`, `premier Li`):
    /// a title before a name is capitalized.
    ///
    /// ## Example
    /// ```text
    /// After visiting Shaanxi, president Xi Jinping returned, while premier Li spoke.
    /// ```
    /// Becomes:
    /// ```text
    /// After visiting Shaanxi, President Xi Jinping returned, while Premier Li spoke.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The vice president Li spoke, the company's president Wang and the university president Zhou came; the president said so; president Biden met the governor.
    /// The secretary and mayor He Wei spoke.
    /// ```
    ///
    /// ## Why review
    /// Only `president`, `premier`, `chairman`, `governor` and `mayor`,
    /// before a capitalized listed surname; not after `vice`, `deputy` or
    /// another word of the title, nor after `and` (`secretary and mayor
    /// He`), nor after a possessive or an organization
    /// (`the company's president Wang`, where the title may stay lowercase
    /// as a description).
    C212 = ("lowercase-title-before-name", Review, true, "title before a name capitalized");
    /// ## What it fixes
    /// A place name in pinyin written in lowercase before its
    /// administrative noun (`zhongfang county`, `jiangxi province`): the
    /// name is capitalized, and the noun too where the page writes such
    /// nouns capitalized after names (`Huaihua City`, `Jingping Village`);
    /// a noun then doubled (`county County`) is written once. (The example
    /// page writes its nouns capitalized after names.)
    ///
    /// ## Example
    /// ```text
    /// Rain hit zhongfang county County, Huaihua City, near Jingping Village and Tongding Town.
    /// The fair in jiangxi province closed.
    /// ```
    /// Becomes:
    /// ```text
    /// Rain hit Zhongfang County, Huaihua City, near Jingping Village and Tongding Town.
    /// The fair in Jiangxi Province closed.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// The county and the city met; every county, the old town and the market town; see nanping.gov.cn county pages.
    /// ```
    ///
    /// ## Why review
    /// The word must read entirely as pinyin, be no English word, have four
    /// letters or more and stand alone before `county`, `province`, `city`,
    /// `district`, `town`, `township`, `village` or `prefecture`, outside an
    /// address, in a document holding no code. The noun is capitalized only
    /// when the page writes a pinyin name with a capitalized noun at least
    /// twice and more often than with a lowercase one.
    C213 = ("lowercase-place-name", Review, true, "place name before its administrative noun capitalized");
    /// ## What it fixes
    /// A quotation introduced by a speech verb and a colon that starts in
    /// lowercase (`Lu Lin said: “there has never been`): its first word
    /// is capitalized, as a quoted sentence starts.
    ///
    /// ## Example
    /// ```text
    /// Lu Lin said: “there has never been a shortcut on the road of learning.”
    /// ```
    /// Becomes:
    /// ```text
    /// Lu Lin said: “There has never been a shortcut on the road of learning.”
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// She believes that “if English learning is fun” it works; the label reads: “iPhone”.
    /// The rule said: “x” is a variable.
    /// ```
    ///
    /// ## Why review
    /// The word before the colon must be a speech verb (`said`, `says`,
    /// `stated`, `pointed out`, `stressed` …), the quote must open right
    /// after the colon and one space, and the first word inside must be an
    /// all-lowercase dictionary word of two letters or more followed by a
    /// space, on a prose line.
    C214 = ("quotation-start-lowercase", Review, true, "capital at the start of a quotation introduced by a speech verb and a colon");
    /// ## What it fixes
    /// A name in quotes whose every word is capitalized but the first: `the
    /// "pear Art Festival"` → `the "Pear Art Festival"`, `"people's Daily"`
    /// → `"People's Daily"`.
    ///
    /// ## Example
    /// ```text
    /// They held a grand "pear Art Festival" and read “people’s Daily” in the afternoon.
    /// ```
    /// Becomes:
    /// ```text
    /// They held a grand "Pear Art Festival" and read “People’s Daily” in the afternoon.
    /// ```
    ///
    /// ## Keeps
    /// ```text
    /// They said "made in China" and "the Times", "iPhone Pro", "old" and "new Look Now Here Again Today" in the afternoon.
    /// ```
    ///
    /// ## Why review
    /// The quotation must hold two to five words: first a lowercase
    /// dictionary word of three letters or more (a possessive `'s` after
    /// it at most) that is no closed-class word, then only capitalized
    /// words, on a prose line. A name whose writer keeps its first word in
    /// lowercase would still be changed.
    C215 = ("quoted-name-first-word-lowercase", Review, true, "first word of a quoted name capitalized like the rest");
}

const R_QUOTED_NAME: &str = "first word of a quoted name capitalized like the rest";

const R_QUOTATION: &str = "capital at the start of a quotation introduced by a speech verb and a colon";

/// C214: verbs that introduce a quotation after a colon.
const SPEECH_VERBS: [&str; 22] = [
    "said", "says", "say", "stated", "states", "added", "adds", "noted", "notes", "stressed", "emphasized", "emphasised",
    "asked", "replied", "explained", "declared", "remarked", "commented", "out", "announced", "urged", "concluded",
];

/// C213: the administrative nouns a place name stands before, lowercase
/// and capitalized (one vectorized search each: a case-insensitive
/// automaton scanned every byte, 15 instructions per input byte).
static ADMIN_NOUNS: std::sync::LazyLock<[Vec<memchr::memmem::Finder<'static>>; 2]> = std::sync::LazyLock::new(|| {
    const NOUNS: [&str; 8] = [" county", " province", " city", " district", " town", " township", " village", " prefecture"];
    let lower = NOUNS.iter().map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned()).collect();
    let upper = NOUNS.iter().map(|n| memchr::memmem::Finder::new(format!(" {}{}", n[1..2].to_ascii_uppercase(), &n[2..]).as_bytes()).into_owned()).collect();
    [lower, upper]
});
const R_PLACE: &str = "place name before its administrative noun capitalized";

const R_NATIONALITY: &str = "nationality or language capitalized";

/// `rules/nationalities.txt`: the adjectives C211 capitalizes.
const NATIONALITIES: &str = include_str!("../../rules/nationalities.txt");

/// C209: brands written with one capital, and their own spelling.
const BRANDS: [(&[u8], &str); 7] = [
    (b"Wechat", "WeChat"),
    (b"Youtube", "YouTube"),
    (b"Linkedin", "LinkedIn"),
    (b"Paypal", "PayPal"),
    (b"Tiktok", "TikTok"),
    (b"Whatsapp", "WhatsApp"),
    (b"Powerpoint", "PowerPoint"),
];

/// C209 at the capital `j`: a brand of [`BRANDS`] written with one
/// capital, as a whole word outside an address or identifier.
fn brand_at(b: &[u8], j: usize, edits: &mut Vec<Edit>) {
    if !matches!(b[j], b'W' | b'Y' | b'L' | b'P' | b'T') || j > 0 && (b[j - 1].is_ascii_alphanumeric() || matches!(b[j - 1], b'.' | b'/' | b'@' | b'_' | b'-' | b'#')) {
        return;
    }
    for &(written, brand) in &BRANDS {
        if b[j..].starts_with(written) {
            let e = j + written.len();
            let after_ok = b.get(e).is_none_or(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'@' | b'/') || *c == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)));
            if after_ok {
                edits.push(Edit::replacement(j..e, brand, C209, Safe, R_BRAND));
            }
            return;
        }
    }
}

const R_BRAND: &str = "brand given its own spelling";

/// C209: `wechat`, the brand most often written all in lowercase in the
/// pages rinse cleans, found by one substring scan (a scan for every brand
/// would cost more than the rest of the pass).
static LOWER_WECHAT: std::sync::LazyLock<memchr::memmem::Finder<'static>> = std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"wechat"));

/// C209 for `wechat` in `b`, as a whole word outside an address, handle or
/// identifier.
fn lower_brands(b: &[u8], edits: &mut Vec<Edit>) {
    for j in LOWER_WECHAT.find_iter(b) {
        let e = j + 6;
        let before_ok = j == 0 || !(b[j - 1].is_ascii_alphanumeric() || matches!(b[j - 1], b'.' | b'/' | b'@' | b'_' | b'-' | b'#' | b'\''));
        let after_ok = b.get(e).is_none_or(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'@' | b'/') || *c == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)));
        if before_ok && after_ok {
            edits.push(Edit::replacement(j..e, "WeChat", C209, Safe, R_BRAND));
        }
    }
}

/// C210: the head words of an institution's name (`National Bureau of
/// Statistics`), capitalized.
const INSTITUTIONS: [&[u8]; 13] = [
    b"Bureau",
    b"Ministry",
    b"Department",
    b"Administration",
    b"Commission",
    b"Academy",
    b"Institute",
    b"University",
    b"College",
    b"Office",
    b"School",
    b"Hospital",
    b"Museum",
];

const R_INSTITUTION: &str = "word of an institution's name capitalized as the name is";

const R_CAMEL_PLACE: &str = "place name written with an inner capital given its usual spelling";

const R_MONTH: &str = "month name capitalized before a day or year";

/// Month names that are no other English word, lower case.
const MONTHS: [&str; 10] = ["january", "february", "april", "june", "july", "august", "september", "october", "november", "december"];

/// C203 on `text`: a lowercase month name before a day or a year.
fn lowercase_months(text: &str, edits: &mut Vec<Edit>) {
    let b = text.as_bytes();
    // Candidates are the digits after a space (found a block at a time);
    // the word before the space must be a month.
    let mut i = 0;
    while i < b.len() {
        let d0 = crate::text::scan::find_byte(b, i, |x| x.wrapping_sub(b'0') < 10);
        if d0 >= b.len() {
            break;
        }
        let d = b[d0..].iter().take_while(|c| c.is_ascii_digit()).count();
        i = d0 + d;
        if d0 < 2 || b[d0 - 1] != b' ' {
            continue;
        }
        let e = d0 - 1;
        let s = e - b[..e].iter().rev().take(10).take_while(|c| c.is_ascii_lowercase()).count();
        if !MONTHS.iter().any(|m| m.as_bytes() == &b[s..e]) {
            continue;
        }
        if s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'_' | b'.' | b'/' | b'-' | b'@')) {
            continue;
        }
        let rest = &b[d0 + d..];
        let end_ok = |r: &[u8]| r.first().is_none_or(|c| !c.is_ascii_alphanumeric());
        let ordinal = |r: &[u8]| [&b"st"[..], b"nd", b"rd", b"th"].iter().any(|o| r.starts_with(o) && end_ok(&r[2..]));
        let day = (1..=2).contains(&d) && (end_ok(rest) || ordinal(rest));
        let year = d == 4 && matches!(&b[d0..d0 + 2], b"19" | b"20") && end_ok(rest);
        if day || year {
            edits.push(Edit::replacement(s..s + 1, text[s..s + 1].to_ascii_uppercase(), C203, Review, R_MONTH));
        }
    }
}

const R_SENTENCE: &str = "capital at the start of a lowercase sentence after a full stop";

const R_START: &str = "capital at the start of a lowercase paragraph";
const R_START_ARTICLE: &str = "capital at the start of a lowercase paragraph of an article";
const R_START_LINE: &str = "capital at the start of a lowercase paragraph of an article (after a line that ends a sentence)";
const R_NAME: &str = "pinyin name capitalized as the document writes it";
const R_JOIN: &str = "paragraph cut mid-sentence joined";

/// Auxiliaries and modals no sentence ends with (C207, besides the
/// function words).
const AUXILIARIES: &[&str] = &[
    "will", "would", "can", "could", "shall", "should", "may", "might", "must", "be", "been", "being", "is", "are", "was",
    "were", "has", "have", "had",
];
const R_PINYIN_NAME: &str = "lowercase pinyin name capitalized where only a name can stand";

/// Can a name end at `e` of `b` (C205, C206)? Not inside an address, a
/// handle or an identifier: no letter, digit, `_ @ / - ' = (` next, and a
/// period only at a sentence end.
fn name_ends(b: &[u8], e: usize) -> bool {
    match b.get(e) {
        None => true,
        Some(&c) if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'@' | b'/' | b'-' | b'\'' | b'=' | b'(') => false,
        Some(b'.') => b.get(e + 1).is_none_or(|c| !c.is_ascii_alphanumeric()),
        Some(_) => true,
    }
}


/// What a capitalized word is to C206.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Surname,
    Title,
}

const R_TITLE: &str = "title before a name capitalized";

/// C212: the capital at `j` starts a listed surname; is the word before it
/// a lowercase title (`president Xi`)?
fn title_before_name_at(b: &[u8], j: usize, edits: &mut Vec<Edit>) {
    if j < 7 || b[j - 1] != b' ' || !b[j - 2].is_ascii_lowercase() {
        return;
    }
    let n = letters_fwd(b, j);
    if !(2..=8).contains(&n) || !b[j + 1..j + n].iter().all(u8::is_ascii_lowercase) || !name_ends(b, j + n) {
        return;
    }
    let m = letters_back(b, j - 1);
    let t = j - 1 - m;
    if !matches!(&b[t..j - 1], b"president" | b"premier" | b"chairman" | b"governor" | b"mayor") {
        return;
    }
    let mut buf = [0u8; 8];
    buf[..n].copy_from_slice(&b[j..j + n]);
    buf[..n].make_ascii_lowercase();
    // (`Xi` is no listed surname, as lowercase `xi` is mostly a syllable
    // of a place's name; capitalized after a title it is the surname.)
    let w = std::str::from_utf8(&buf[..n]).unwrap_or("");
    if w != "xi" && name_kinds().get(w) != Some(&NameKind::Surname) {
        return;
    }
    // The word before the title: not part of it (`vice president`), no
    // possessive or organization it describes (`the company's president`).
    if t > 0 && !matches!(b[t - 1], b' ' | b'\n' | b'(' | b'"') {
        return;
    }
    if t >= 2 && b[t - 1] == b' ' {
        let k = letters_back(b, t - 1);
        let before = b[t - 1 - k..t - 1].to_ascii_lowercase();
        let possessive = matches!(b[t - 2], b'\'' | 0x99) || before.ends_with(b"s") && t - 1 - k >= 1 && matches!(b[t - 2 - k], b'\'' | 0x99);
        let part = matches!(
            &before[..],
            b"vice" | b"deputy" | b"executive" | b"acting" | b"honorary" | b"assistant" | b"and" | b"or" | b"company" | b"university" | b"school" | b"college"
                | b"group" | b"bank" | b"association" | b"club" | b"board" | b"institute" | b"society" | b"federation"
        );
        if possessive || part {
            return;
        }
    }
    edits.push(Edit::replacement(t..t + 1, upper_letter(b[t]), C212, Review, R_TITLE));
}

/// The listed surnames and [`NAME_TITLES`], lowercase, by kind (one hash
/// lookup per capital).
fn name_kinds() -> &'static crate::fasthash::FxHashMap<&'static str, NameKind> {
    static KINDS: std::sync::OnceLock<crate::fasthash::FxHashMap<&'static str, NameKind>> = std::sync::OnceLock::new();
    KINDS.get_or_init(|| {
        let surnames = SHORT_SURNAMES.iter().chain(LONG_SURNAMES).map(|&w| (w, NameKind::Surname));
        surnames.chain(NAME_TITLES.iter().map(|&w| (w, NameKind::Title))).collect()
    })
}
const R_START_REVIEW: &str = "capital at the start of a lowercase paragraph (review: the paragraph before does not end a sentence)";

/// Words a prose line must have.
const MIN_WORDS: usize = 8;

/// Options of the sentence_case pass (`[sentence_case]` in rinse.toml).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

/// The sentence_case pass.
pub struct SentenceCase {
    /// Common English words (`rules/common_words.txt`): a paragraph may be
    /// capitalized only when its first word is one of them or has a common
    /// English ending, so lowercase product names (`pyenv`) stay.
    /// (`rules/word_endings.txt` lists the endings.)
    lex: &'static Lexicon,
    /// C208: the one-word place names of `rules/possessives.txt` `[names]`
    /// (`guangdong`), lower case.
    places: crate::fasthash::FxHashSet<String>,
    /// C211: `rules/nationalities.txt`, one scan over the text.
    nationalities: aho_corasick::AhoCorasick,
}

/// `rules/possessives.txt`: its `[names]` are the places C208 knows.
const PLACES: &str = include_str!("../../rules/possessives.txt");

impl SentenceCase {
    /// Build the pass for `config`.
    pub fn new(_options: &Options, _setup: &Setup) -> Result<Self> {
        let places = PLACES
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .skip_while(|l| *l != "[names]")
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .filter(|l| l.bytes().all(|c| c.is_ascii_lowercase()) && !l.is_empty())
            .map(str::to_string)
            .collect();
        let words: Vec<&str> = NATIONALITIES.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()).collect();
        if let Some(w) = words.iter().find(|w| !w.bytes().all(|c| c.is_ascii_lowercase())) {
            return Err(crate::Error::Rules { name: "nationalities.txt".into(), message: format!("`{w}` is not a lower-case ASCII word") });
        }
        let nationalities = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&words)
            .map_err(|e| crate::Error::Rules { name: "nationalities.txt".into(), message: e.to_string() })?;
        Ok(SentenceCase { lex: lexicon::lexicon()?, places, nationalities })
    }

    /// C213 at the noun `text[k..e]` (`k` the space before it): a lowercase
    /// pinyin name before it is found; a capitalized one counts the page's
    /// style of the noun (`caps`, `lows`).
    fn place_at(&self, text: &str, k: usize, e: usize, found: &mut Vec<(usize, usize, bool, usize)>, caps: &mut usize, lows: &mut usize) {
        let b = text.as_bytes();
        if b.get(e).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'@' | b'/')) {
            return;
        }
        let s = k - b[..k].iter().rev().take(24).take_while(|c| c.is_ascii_alphabetic()).count();
        if s == k || s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'.' | b'/' | b'@' | b'_' | b'-' | b'#' | b'\'')) {
            return;
        }
        let mut buf = [0u8; 16];
        let word = &text[s..k];
        if word.len() < 4 || word.len() > 16 {
            return;
        }
        let lower = lower(word, &mut buf);
        // Not an English compound that reads as pinyin (`lakeside`).
        let compound = || (3..lower.len().saturating_sub(2)).any(|j| self.lex.is_word(&lower[..j]) && self.lex.is_word(&lower[j..]));
        if !is_pinyin(lower) || is_pinyin_syllable(lower) || self.lex.is_word(lower) || compound() {
            return;
        }
        let noun_cap = b[k + 1].is_ascii_uppercase();
        if b[s].is_ascii_uppercase() && b[s + 1..k].iter().all(u8::is_ascii_lowercase) {
            if noun_cap {
                *caps += 1;
            } else {
                *lows += 1;
            }
        } else if !noun_cap && b[s..k].iter().all(u8::is_ascii_lowercase) && !in_address(b, s) {
            // `county County`: the noun again, capitalized.
            let noun = &b[k..e];
            let again = e + noun.len();
            let doubled = b.get(e..again).is_some_and(|x| x.eq_ignore_ascii_case(noun) && x[1].is_ascii_uppercase()) && b.get(again).is_none_or(|c| !c.is_ascii_alphanumeric());
            found.push((s, e, noun_cap, if doubled { again } else { e }));
        }
    }

    /// C213: lowercase pinyin place names before an administrative noun.
    fn place_names(&self, text: &str, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        // (start of the name, end of the noun, noun capitalized, end of a doubled noun)
        let mut found: Vec<(usize, usize, bool, usize)> = Vec::new();
        let (mut caps, mut lows) = (0usize, 0usize);
        // The nouns in lowercase first (where a lowercase name may stand);
        // the capitalized ones only once one is found, for the page's style.
        for (pass, finders) in ADMIN_NOUNS.iter().enumerate() {
            if pass == 1 && found.is_empty() {
                return;
            }
            for finder in finders {
                for k in finder.find_iter(b) {
                    let e = k + finder.needle().len();
                    self.place_at(text, k, e, &mut found, &mut caps, &mut lows);
                }
            }
        }
        if found.is_empty() || has_code(text) {
            return;
        }
        let cap_nouns = caps >= 2 && caps > lows;
        let mut taken: Vec<usize> = edits.iter().map(|e| e.range.start).collect();
        taken.sort_unstable();
        for (s, e, noun_cap, end) in found {
            if taken.binary_search(&s).is_ok() {
                continue;
            }
            let k = s + text[s..e].find(' ').unwrap_or(0);
            let mut rep = String::with_capacity(e - s);
            rep.push_str(upper_letter(b[s]));
            rep.push_str(&text[s + 1..k + 1]);
            if cap_nouns && !noun_cap {
                rep.push_str(upper_letter(b[k + 1]));
                rep.push_str(&text[k + 2..e]);
            } else {
                rep.push_str(&text[k + 1..e]);
            }
            let end = if cap_nouns { end } else { e };
            edits.push(Edit::replacement(s..end, rep, C213, Review, R_PLACE));
        }
    }

    /// C211: nationality and language adjectives in lowercase, as whole
    /// words outside addresses and identifiers, in a document holding no
    /// code (asked only once one is found).
    fn nationalities(&self, text: &str, edits: &mut Vec<Edit>) {
        let b = text.as_bytes();
        let mut code = None;
        for m in self.nationalities.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let left_ok = s == 0 || !b[s - 1].is_ascii_alphanumeric() && !matches!(b[s - 1], b'.' | b'/' | b'_' | b'@' | b'-' | b'#' | b'=' | b'\'' | b'"' | b'`' | b'<' | b'$' | b'\\');
            let right_ok = b.get(e).is_none_or(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'@' | b'-' | b'=' | b'\'' | b'`' | b'>' | b'(') || c == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)));
            // In English only: not beside Chinese (`你好 english。`).
            let cjk = |c: Option<char>| c.is_some_and(|c| c as u32 >= 0x2E80);
            let before = text[..s].trim_end_matches([' ', '\t']).chars().next_back();
            let after = text[e..].trim_start_matches([' ', '\t']).chars().next();
            if !left_ok || !right_ok || cjk(before) || cjk(after) || in_address(b, s) {
                continue;
            }
            if *code.get_or_insert_with(|| has_code(text)) {
                return;
            }
            edits.push(Edit::replacement(s..s + 1, upper_letter(b[s]), C211, Review, R_NATIONALITY));
        }
    }

    /// C210 at the capital `j`: a listed head word (`Bureau`) after a
    /// capitalized word, then `of` and a lowercase dictionary word that is
    /// no closed-class word, ending the name (`National Bureau of
    /// statistics data`): the word gets its capital.
    fn institution_at(&self, b: &[u8], j: usize, edits: &mut Vec<Edit>) {
        if !matches!(b[j], b'B' | b'M' | b'D' | b'A' | b'C' | b'I' | b'U' | b'O') || j < 3 || b[j - 1] != b' ' || !b[j - 2].is_ascii_lowercase() {
            return;
        }
        let n = letters_fwd(b, j);
        if !INSTITUTIONS.contains(&&b[j..j + n]) || !b[j + n..].starts_with(b" of ") {
            return;
        }
        // A capitalized word before the head (`National Bureau`).
        let l = letters_back(b, j - 1);
        if l < 2 || !b[j - 1 - l].is_ascii_uppercase() {
            return;
        }
        let a = j + n + 4;
        let m = b[a.min(b.len())..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        if m < 4 || b.get(a + m).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'@' | b'/' | b'\'')) {
            return;
        }
        let Ok(w) = std::str::from_utf8(&b[a..a + m]) else { return };
        if self.lex.function.contains(w) || !self.lex.is_word(w) {
            return;
        }
        edits.push(Edit::replacement(a..a + 1, upper_letter(b[a]), C210, Review, R_INSTITUTION));
    }

    /// C210 at the capital `j` of a name's word, mid-sentence: a word of
    /// the name after it left in lowercase before a capitalized part —
    /// a head word before `of` (`Shanghai academy of Spaceflight`), a
    /// dictionary word before a head word (`Overseas education College`).
    /// And `people's Republic of`.
    #[inline(never)]
    fn institution_lower_at(&self, b: &[u8], j: usize, edits: &mut Vec<Edit>) {
        // Mid-sentence: after a lowercase word, a comma or `the`.
        if j < 2 || b[j - 1] != b' ' || !(b[j - 2].is_ascii_lowercase() || b[j - 2] == b',') {
            return;
        }
        let n = letters_fwd(b, j);
        if n == 8 && &b[j..j + n] == b"Republic" && b[j + n..].starts_with(b" of ") {
            for p in [&b"people's "[..], "people\u{2019}s ".as_bytes()] {
                if b[..j].ends_with(p) && (j == p.len() || !b[j - p.len() - 1].is_ascii_alphanumeric()) {
                    let a = j - p.len();
                    edits.push(Edit::replacement(a..a + 1, upper_letter(b[a]), C210, Review, R_INSTITUTION));
                }
            }
            return;
        }
        if n < 3 || !b[j + 1..j + n].iter().all(u8::is_ascii_lowercase) {
            return;
        }
        let a = j + n + 1;
        if b.get(j + n) != Some(&b' ') {
            return;
        }
        let m = b[a.min(b.len())..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        if m < 4 {
            return;
        }
        // The byte tests first; the word lists only for a candidate.
        let head = |x: &[u8]| x.len() >= 5 && INSTITUTIONS.iter().any(|h| h.len() == x.len() && h[1..] == x[1..] && h[0].eq_ignore_ascii_case(&x[0]));
        let c = a + m + 1;
        // (Not a bureau or office of a firm: `the Beijing bureau of Reuters`.)
        let named_head = || head(&b[a..a + m]) && !matches!(&b[a..a + m], b"bureau" | b"office" | b"department" | b"administration" | b"commission");
        if b.get(a + m) != Some(&b' ') {
            // The head ending the name after two capitalized words, before
            // a mark (`from Edge Hill university.`, `Yingkou Senior High
            // school,`); not after one (`a Chinese university.`).
            let p = letters_back(b, j - 1);
            let two = p >= 2 && b[j - 1 - p].is_ascii_uppercase() && b[j - p..j - 1].iter().all(u8::is_ascii_lowercase) && (j - 1 - p == 0 || b[j - 2 - p] == b' ');
            let mark = b.get(a + m).is_none_or(|&x| matches!(x, b'.' | b',' | b';' | b':' | b')' | b'!' | b'?' | b'\n' | b'\r')) && !(b.get(a + m) == Some(&b'.') && b.get(a + m + 1).is_some_and(u8::is_ascii_alphanumeric));
            if two && mark && named_head() && !self.lex.function.contains(std::str::from_utf8(&b[j - 1 - p..j - 1]).unwrap_or("").to_ascii_lowercase().as_str()) {
                edits.push(Edit::replacement(a..a + 1, upper_letter(b[a]), C210, Review, R_INSTITUTION));
            }
            return;
        }
        let before_of = b[a + m..].starts_with(b" of ") && b.get(a + m + 4).is_some_and(u8::is_ascii_uppercase) && b.get(a + m + 5).is_some_and(u8::is_ascii_lowercase) && named_head();
        let before_head = !before_of && b.get(c).is_some_and(u8::is_ascii_uppercase) && {
            let k = letters_fwd(b, c);
            head(&b[c..c + k]) && b.get(c + k).is_none_or(|x| !x.is_ascii_alphanumeric() && !matches!(x, b'-' | b'_' | b'@' | b'.'))
        };
        if !(before_of || before_head) {
            return;
        }
        let (Ok(w), Ok(name)) = (std::str::from_utf8(&b[a..a + m]), std::str::from_utf8(&b[j..j + n])) else { return };
        if self.lex.function.contains(w) || self.lex.function.contains(name.to_ascii_lowercase().as_str()) || before_head && !self.lex.is_word(w) {
            return;
        }
        edits.push(Edit::replacement(a..a + 1, upper_letter(b[a]), C210, Review, R_INSTITUTION));
    }

    /// C208 at the capital `j`: a listed place name written with a second
    /// capital inside (`GuangDong`), as a whole word.
    fn camel_place_at(&self, b: &[u8], j: usize, edits: &mut Vec<Edit>) {
        let n = letters_fwd(b, j);
        if !(5..=12).contains(&n) || j > 0 && (b[j - 1].is_ascii_alphanumeric() || matches!(b[j - 1], b'.' | b'/' | b'@' | b'_' | b'-' | b'#')) {
            return;
        }
        let word = &b[j..j + n];
        let mut inner = word[1..].iter().enumerate().filter(|(_, c)| c.is_ascii_uppercase());
        let (Some((k, _)), None) = (inner.next(), inner.next()) else { return };
        let k = j + 1 + k;
        if k < j + 3 || k > j + n - 3 || b.get(j + n).is_some_and(|&c| c.is_ascii_digit() || matches!(c, b'_' | b'@' | b'/' | b'-' | b'.') && b.get(j + n + 1).is_some_and(u8::is_ascii_alphanumeric)) {
            return;
        }
        let mut buf = [0u8; 12];
        buf[..n].copy_from_slice(word);
        buf[..n].make_ascii_lowercase();
        if std::str::from_utf8(&buf[..n]).is_ok_and(|w| self.places.contains(w)) {
            edits.push(Edit::replacement(k..k + 1, lower_letter(b[k]), C208, Review, R_CAMEL_PLACE));
        }
    }

    fn english_word(&self, w: &str) -> bool {
        self.lex.is_common(w) || (w.len() >= 5 && self.lex.word_endings.iter().any(|e| w.ends_with(e.as_str())))
    }
}

impl Pass for SentenceCase {
    fn run(&self, text: &str, _cx: &mut Context) -> Vec<Edit> {
        let b = text.as_bytes();
        let mut edits = Vec::new();
        // Paragraph starts to capitalize once the document is known to be an
        // article (C204 instead of C201).
        // (edit, on the first line, after a single line break)
        let mut starts: Vec<(Edit, bool, bool)> = Vec::new();
        // The last non-blank line before the current paragraph: did it end a sentence?
        let mut prev_ends_sentence = true;
        // Did it end a sentence in a way a single line break may follow
        // (`.` `!` `?` after a word of three letters or more, no abbreviation)?
        let mut prev_ends_plainly = false;
        let mut prev_blank = true;
        // Is this the document's first non-blank line (a fragment cleaned on
        // its own may start in lowercase)?
        let mut first_line = true;
        // Was the line before long?
        let mut prev_long = false;
        // Did it end with a colon (a message or quotation may follow), a
        // comma or a function word (`The great development of`: the blank
        // line cuts a sentence)?
        let mut prev_open = false;
        // Where the long line before ended, when it ended in a function word
        // or auxiliary (`the festival will`): a paragraph cut mid-sentence
        // (C207), with the joins found.
        let mut prev_cut: Option<usize> = None;
        let mut joins: Vec<Edit> = Vec::new();
        // Does the document hold code? Asked only where the answer matters.
        let code = std::cell::OnceCell::new();
        let mut pos = 0;
        while pos < b.len() {
            let end = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k);
            let line = &text[pos..end];
            let blank = line.trim().is_empty();
            if !blank {
                let first = b[pos];
                let first_word = line.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
                if let Some(ce) = prev_cut.filter(|_| {
                    prev_blank && first.is_ascii_lowercase() && line.len() >= LONG_LINE && !first_line && self.lex.is_word(first_word)
                }) {
                    joins.push(Edit::replacement(ce..pos, " ", C207, Review, R_JOIN));
                } else if first.is_ascii_lowercase() && (prev_blank || prev_ends_plainly) {
                    if let Some(e) = start_edit(line, pos, prev_ends_sentence).filter(|_| self.english_word(first_word) || self.lex.is_word(first_word)) {
                        // C204 asks more: the line ends a sentence, and the one
                        // before ends one plainly or is the title; after a single
                        // line break both are long (no hard-wrapped text).
                        let c204 = line.len() >= LONG_LINE && !self.labelled(line) && (prev_blank && !prev_open || prev_long && prev_ends_plainly) && !term_defined(line);
                        starts.push((e, first_line || !c204, !prev_blank));
                    }
                }
                if line.len() >= 40 {
                    self.sentence_starts(line, pos, &mut edits, &|| *code.get_or_init(|| has_code(text)));
                    self.quotation_starts(line, pos, &mut edits);
                    self.quoted_names(line, pos, &mut edits);
                }
                prev_ends_sentence = ends_sentence(line);
                prev_ends_plainly = self.ends_plainly(line);
                prev_long = line.len() >= LONG_LINE;
                let t = line.trim_end().as_bytes();
                let n = t.iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
                let open_word = n > 0 && (t.len() == n || t[t.len() - n - 1] == b' ') && std::str::from_utf8(&t[t.len() - n..]).is_ok_and(|w| {
                    let mut buf = [0; 16];
                    let w = lower(w, &mut buf);
                    self.lex.function.contains(w) || AUXILIARIES.contains(&w)
                });
                prev_open = line.trim_end().ends_with([':', '\u{ff1a}', ',']) || open_word;
                prev_cut = (open_word && prev_long && t.len() > n).then_some(pos + t.len());
            }
            prev_blank = blank;
            first_line &= blank;
            pos = end + 1;
        }
        // An article: its sentences start with a capital (three or more,
        // more than twice as many as in lowercase), or those inside
        // paragraphs at least (some translations lowercase every paragraph).
        // There a lowercase paragraph start is damage, whatever the selection
        // of C201 (which also fires on a fragment cleaned on its own).
        // (Judged on the document's first 64 KB: enough for an article, and
        // the cost stays bounded on a huge one.)
        let article = !(starts.is_empty() && joins.is_empty()) && is_article(&text[..text.floor_char_boundary(ARTICLE_WINDOW)]) && !has_code(text);
        if article {
            let wrapped = self.wrapped_joins(text, &joins);
            edits.append(&mut joins);
            // A line joined to the one before is no paragraph to capitalize
            // (both lists are in text order: a binary search each).
            starts.retain(|(e, ..)| wrapped.binary_search_by_key(&e.range.start, |j| j.range.end).is_err());
            edits.extend(wrapped);
        }
        for (mut e, no_c204, single_break) in starts {
            if article && !no_c204 {
                (e.code, e.confidence) = (C204, Review);
                e.reason = if single_break { R_START_LINE } else { R_START_ARTICLE }.into();
                edits.push(e);
            } else if !single_break && self.english_word(text[e.range.start..].split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("")) {
                edits.push(e);
            }
        }
        lowercase_months(text, &mut edits);
        lower_brands(text.as_bytes(), &mut edits);
        self.lowercase_names(text, &mut edits);
        // After the other capitals, which keep a letter they share with it.
        self.place_names(text, &mut edits);
        self.nationalities(text, &mut edits);
        edits.sort_by_key(|e| e.range.start);
        // One capital per letter (a sentence start may be a name too).
        edits.dedup_by_key(|e| e.range.start);
        edits
    }
}

/// A hard-wrapped page's lines (C207) are this long at least.
const WRAPPED_LINE: usize = 40;

impl SentenceCase {
    /// C207 on a hard-wrapped page: its paragraphs are lines cut at a fixed
    /// width, a blank line between them. The evidence is two lines or more
    /// that end in a word or a comma and are followed by a line starting
    /// with a lowercase dictionary word, one of them starting with a
    /// capital (not a list of lowercase items), and the cut shows: three
    /// such lines or more of about one length (a fixed width), or a word
    /// cut in two. Then each such pair is joined, and
    /// when three or more such lines have about one length (cut at a fixed
    /// width), so is a line of that length that ends without a full stop
    /// before a capital (`the Hot` / `Sea.`); a word
    /// cut in two (`mounta` / `ins`) is joined without a space. `done`
    /// holds the joins already made, in text order.
    fn wrapped_joins(&self, text: &str, done: &[Edit]) -> Vec<Edit> {
        let b = text.as_bytes();
        // (start, end without trailing spaces, start of the next line after
        // exactly one blank line)
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        let (mut prev, mut blanks, mut pos) = (None, 0, 0);
        while pos < b.len() {
            let end = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k);
            let line = &text[pos..end];
            let t = line.trim();
            if t.is_empty() {
                blanks += 1;
            } else {
                let start = pos + (line.len() - line.trim_start().len());
                if let Some((ps, pe)) = prev.filter(|_| blanks == 1) {
                    pairs.push((ps, pe, start));
                }
                prev = Some((start, start + t.len()));
                blanks = 0;
            }
            pos = end + 1;
        }
        let open_end = |ps: usize, pe: usize| {
            let line = &text[ps..pe];
            pe - ps >= WRAPPED_LINE
                && line.contains(' ')
                && line.as_bytes().last().is_some_and(|&c| c.is_ascii_alphanumeric() || c == b',')
                && line.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase())).count() >= 3
        };
        let first_word = |at: usize| text[at..].split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
        let lower_next = |at: usize| b[at].is_ascii_lowercase() && self.lex.is_word(first_word(at));
        let evidence: Vec<usize> = pairs.iter().filter(|&&(ps, pe, ns)| open_end(ps, pe) && lower_next(ns)).map(|&(ps, pe, _)| pe - ps).collect();
        // One of them opens a paragraph (a capital): lowercase items of a
        // list that end without a stop are no wrapped text.
        let opens = pairs.iter().any(|&(ps, pe, ns)| open_end(ps, pe) && lower_next(ns) && b[ps].is_ascii_uppercase());
        if evidence.len() < 2 || !opens {
            return Vec::new();
        }
        let longest = evidence.iter().copied().max().unwrap_or(0);
        let shortest = evidence.iter().copied().min().unwrap_or(0);
        // Cut at a fixed width: three lines or more, of about one length.
        let fixed_width = evidence.len() >= 3 && shortest * 10 >= longest * 7;
        // A word cut in two: the part before is no word, the whole is (not
        // after a trailing space, which marks a word's end).
        let cut_word = |pe: usize, ns: usize| {
            let tail_len = b[..pe].iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
            let (tail, head) = (&text[pe - tail_len..pe], first_word(ns));
            tail_len > 0
                && b.get(pe) != Some(&b' ')
                && b[ns].is_ascii_lowercase()
                && !self.lex.is_word(tail)
                && tail.len() + head.len() <= 24
                && self.lex.is_word(&format!("{tail}{head}"))
        };
        // Lines that end a paragraph without a stop before one that starts
        // in lowercase are damage of another kind (`pumps` / `it is
        // predicted`): the cut shows in the widths or in a word cut in two.
        if !fixed_width && !pairs.iter().any(|&(ps, pe, ns)| open_end(ps, pe) && cut_word(pe, ns)) {
            return Vec::new();
        }
        let mut joins = Vec::new();
        for &(ps, pe, ns) in &pairs {
            if !open_end(ps, pe) || done.binary_search_by_key(&ns, |e| e.range.end).is_ok() {
                continue;
            }
            let width = pe - ps;
            let capital_ok = fixed_width
                && (b[ns].is_ascii_uppercase() || b[ns].is_ascii_digit())
                && width >= (shortest * 3 / 4).max(60)
                && width <= longest + longest / 8;
            if !(lower_next(ns) || capital_ok) {
                continue;
            }
            joins.push(Edit::replacement(pe..ns, if cut_word(pe, ns) { "" } else { " " }, C207, Review, R_JOIN));
        }
        joins
    }

    /// Does `line` end a sentence so that a line after a single line break
    /// starts a new one: `.`, `!` or `?` (and a closing quote) after a
    /// word of three letters or more that is no abbreviation?
    fn ends_plainly(&self, line: &str) -> bool {
        let t = line.trim_end().trim_end_matches(['"', '\u{201d}', '\'', '\u{2019}']);
        let Some(body) = t.strip_suffix(['.', '!', '?']) else { return false };
        let b = body.as_bytes();
        let n = b.iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
        if n < 3 || b.len() > n && matches!(b[b.len() - n - 1], b'.' | b'/' | b'@' | b'_' | b'-') {
            return false;
        }
        !self.lex.abbreviations.contains(lower(&body[body.len() - n..], &mut [0; 16]))
    }

    /// Does `line` start with a label word before a number or a colon
    /// (`date 2025-02-06 …`, `source: …`)?
    fn labelled(&self, line: &str) -> bool {
        let b = line.as_bytes();
        let n = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
        let next = b[n..].iter().find(|c| **c != b' ');
        next.is_some_and(|c| c.is_ascii_digit() || *c == b':') && self.lex.label_words.contains(&line[..n])
    }

    /// C205: pinyin names the document capitalizes mid-sentence, written in
    /// lowercase.
    fn lowercase_names(&self, text: &str, edits: &mut Vec<Edit>) {
        const MAX: usize = 16;
        let b = text.as_bytes();
        // Capitalized mid-sentence uses of each word of four to sixteen letters.
        let mut caps: HashMap<&[u8], u32> = HashMap::default();
        for j in Capitals::new(b) {
            self.pinyin_name_at(b, j, edits);
            self.camel_place_at(b, j, edits);
            brand_at(b, j, edits);
            self.institution_at(b, j, edits);
            self.institution_lower_at(b, j, edits);
            title_before_name_at(b, j, edits);
            if j < 2 || b[j - 1] != b' ' || !(b[j - 2].is_ascii_alphanumeric() || b[j - 2] == b',') {
                continue;
            }
            let n = letters_fwd(b, j);
            if !(4..=MAX).contains(&n) || !b[j + 1..j + n].iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            if b.get(j + n).is_some_and(|&c| c.is_ascii_digit() || matches!(c, b'_' | b'@' | b'/')) {
                continue;
            }
            *caps.entry(&b[j..j + n]).or_default() += 1;
        }
        // Names: capitalized twice or more, pinyin, no English word.
        let mut names: Vec<(Vec<u8>, u32)> = (caps.iter())
            .filter(|&(_, &n)| n >= 2)
            .map(|(w, &n)| (w.to_ascii_lowercase(), n))
            .filter(|(w, _)| std::str::from_utf8(w).is_ok_and(|w| is_pinyin(w) && !is_pinyin_syllable(w) && !self.lex.is_word(w)))
            .collect();
        if names.is_empty() {
            return;
        }
        // The best-evidenced names only: the search stays one fast
        // multi-pattern scan however many names a huge document has.
        names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        names.truncate(MAX_NAMES);
        let Ok(ac) = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(names.iter().map(|(w, _)| w))
        else {
            return;
        };
        // Lowercase uses standing alone, by name.
        let mut uses: Vec<Vec<(usize, bool)>> = vec![Vec::new(); names.len()];
        for m in ac.find_iter(b) {
            let (s, e) = (m.start(), m.end());
            let before_ok = s == 0 || matches!(b[s - 1], b' ' | b'\n' | b'(' | b'"');
            let after_ok = name_ends(b, e);
            // In prose, not in markup or code.
            let ls = memchr::memrchr(b'\n', &b[..s]).map_or(0, |k| k + 1);
            let le = memchr::memchr(b'\n', &b[e..]).map_or(b.len(), |k| e + k);
            if before_ok && after_ok && !b[ls..le].iter().any(|c| matches!(c, b'<' | b'>' | b'{' | b'}' | b'=')) {
                uses[m.pattern().as_usize()].push((s, name_context(b, s, e, self.lex)));
            }
        }
        let mut code: Option<bool> = None;
        for ((_, cap), at) in names.iter().zip(uses) {
            // A word written in lowercase more than twice as often as
            // capitalized is a word (`runtime`), not a name.
            if at.len() > 2 * *cap as usize {
                continue;
            }
            // Capitalized three times or more and in lowercase at most half
            // as often, a name needs no context (`as zhenjiang, East China`).
            let strong = *cap >= 3 && at.len() * 2 <= *cap as usize && !*code.get_or_insert_with(|| has_code(text));
            for (s, context) in at {
                if context || strong {
                    edits.push(Edit::replacement(s..s + 1, upper_letter(b[s]), C205, Review, R_NAME));
                }
            }
        }
    }

    /// C206 around the capital at `j` (see its docs).
    fn pinyin_name_at(&self, b: &[u8], j: usize, edits: &mut Vec<Edit>) {
        let n = letters_fwd(b, j);
        if !(2..=12).contains(&n) || j > 0 && (b[j - 1].is_ascii_alphanumeric() || matches!(b[j - 1], b'.' | b'/' | b'@' | b'_' | b'-')) {
            return;
        }
        // Cheapest first: a lowercase word must follow (after a space, or
        // `. ` after a title) or precede (after a space) the word.
        let follows = |k: usize| b.get(k) == Some(&b' ') && b.get(k + 1).is_some_and(u8::is_ascii_lowercase);
        let before = j >= 7 && b[j - 1] == b' ' && b[j - 2].is_ascii_lowercase();
        if !(before || follows(j + n) || b.get(j + n) == Some(&b'.') && follows(j + n + 1)) {
            return;
        }
        // A lowercase word standing alone at `s`: its length, when it is
        // pinyin and no English word (of `syllables` or more).
        let name_at = |s: usize, two: bool| -> Option<usize> {
            let m = b[s.min(b.len())..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if !(2..=16).contains(&m) || !name_ends(b, s + m) {
                return None;
            }
            // (The dictionary first: most words are in it, and it is cheaper.)
            let w = std::str::from_utf8(&b[s..s + m]).ok()?;
            (!self.lex.is_word(w) && is_pinyin(w) && !(two && is_pinyin_syllable(w))).then_some(m)
        };
        let word = &b[j..j + n];
        // A surname in capitals, as some sites write it (`PAN chaoqing`).
        let caps = n <= 5 && word.iter().all(u8::is_ascii_uppercase);
        if !word[1..].iter().all(u8::is_ascii_lowercase) && !caps {
            return;
        }
        let mut buf = [0u8; 12];
        buf[..n].copy_from_slice(word);
        buf[..n].make_ascii_lowercase();
        let lower = std::str::from_utf8(&buf[..n]).unwrap_or("");
        let kinds = name_kinds();
        let cap = |at: usize, edits: &mut Vec<Edit>| edits.push(Edit::replacement(at..at + 1, upper_letter(b[at]), C206, Review, R_PINYIN_NAME));
        let mut next = j + n;
        if b.get(next) == Some(&b'.') && matches!(lower, "mr" | "ms" | "mrs" | "dr" | "prof") {
            next += 1;
        }
        let after = next + 1;
        if caps {
            if kinds.get(lower) == Some(&NameKind::Surname) && b.get(next) == Some(&b' ') && name_at(after, true).is_some() {
                cap(after, edits);
            }
            return;
        }
        match kinds.get(lower) {
            _ if b.get(next) != Some(&b' ') => {}
            // `Xie geqi`: a given name of two syllables or more.
            Some(NameKind::Surname) if name_at(after, true).is_some() => cap(after, edits),
            Some(NameKind::Title) => {
                // `President cheng jun`: a listed surname, then maybe a given name.
                let m = b[after..].iter().take_while(|c| c.is_ascii_lowercase()).count();
                let sur = std::str::from_utf8(&b[after..after + m]).unwrap_or("");
                if kinds.get(sur) == Some(&NameKind::Surname) {
                    let given = (b.get(after + m) == Some(&b' ')).then(|| name_at(after + m + 1, false)).flatten();
                    let ends = b.get(after + m).is_none_or(|c| !c.is_ascii_alphanumeric() && !matches!(c, b'_' | b'@' | b'/' | b'-' | b'\'' | b'.'));
                    if given.is_some() || ends && !self.lex.is_word(sur) {
                        cap(after, edits);
                    }
                    if given.is_some() {
                        cap(after + m + 1, edits);
                    }
                }
            }
            _ => {}
        }
        // `the dongjiahe Circular`: a place name before the capitalized
        // words of its proper name, mid-sentence.
        // After a comma too (`February 8, taihai Network`). And a listed
        // surname in lowercase before a given name of two syllables, after
        // a comma or `and` (`Li Chaokun, he Angang`, `and ye Jinyun`).
        if before && n >= 3 {
            let m = b[..j - 1].iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
            let s = j - 1 - m;
            let after_comma = s >= 2 && b[s - 1] == b' ' && b[s - 2] == b',';
            let place = m >= 5 && s >= 2 && b[s - 1] == b' ' && (b[s - 2].is_ascii_alphabetic() || after_comma) && !self.lex.function.contains(lower) && name_at(s, true) == Some(m);
            let surname = || {
                (2..=6).contains(&m)
                    && (after_comma || s >= 5 && &b[s - 5..s] == b" and ")
                    && std::str::from_utf8(&b[s..j - 1]).is_ok_and(|w| kinds.get(w) == Some(&NameKind::Surname))
                    && (b.get(j + n)).is_none_or(|c| !c.is_ascii_alphanumeric() && !matches!(c, b'_' | b'@' | b'/' | b'-'))
                    && !self.lex.is_word(lower)
                    && is_pinyin(lower)
                    && !is_pinyin_syllable(lower)
            };
            if place || surname() {
                cap(s, edits);
            }
        }
    }

    /// C214: `said: “there` inside an English prose line.
    fn quotation_starts(&self, line: &str, pos: usize, edits: &mut Vec<Edit>) {
        let b = line.as_bytes();
        for colon in memchr::memchr_iter(b':', b) {
            let rest = &b[colon + 1..];
            let ql = if rest.starts_with(b" \"") {
                2
            } else if rest.starts_with(" \u{201c}".as_bytes()) {
                4
            } else {
                continue;
            };
            let j = colon + 1 + ql;
            let wl = b[j..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if wl < 2 || b.get(j + wl) != Some(&b' ') || !self.lex.is_word(&line[j..j + wl]) {
                continue;
            }
            let vl = b[..colon].iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
            let standalone = colon - vl > 0 && b[colon - vl - 1] == b' ';
            if !standalone || !SPEECH_VERBS.contains(&&line[colon - vl..colon]) {
                continue;
            }
            if vl == 3 && !line[..colon - vl].ends_with("pointed ") && &line[colon - vl..colon] == "out" {
                continue;
            }
            if !prose_shape(line) {
                return;
            }
            edits.push(Edit::replacement(pos + j..pos + j + 1, upper_letter(b[j]), C214, Review, R_QUOTATION));
        }
    }

    /// C215 on the quotations of `line` (at `pos` in the text).
    fn quoted_names(&self, line: &str, pos: usize, edits: &mut Vec<Edit>) {
        let b = line.as_bytes();
        let mut prose: Option<bool> = None;
        for q in memchr::memchr2_iter(b'"', 0xe2, b) {
            let ql = if b[q] == b'"' {
                1
            } else if b[q..].starts_with("\u{201c}".as_bytes()) {
                3
            } else {
                continue;
            };
            if q > 0 && !matches!(b[q - 1], b' ' | b'(') {
                continue;
            }
            let j = q + ql;
            let wl = b[j..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if wl < 3 {
                continue;
            }
            let mut k = j + wl;
            if b[k..].starts_with(b"'s") {
                k += 2;
            } else if b[k..].starts_with("\u{2019}s".as_bytes()) {
                k += 4;
            }
            // Then one to four capitalized words, and the closing quote.
            let mut words = 0;
            while words < 5 && b.get(k) == Some(&b' ') && b.get(k + 1).is_some_and(u8::is_ascii_uppercase) {
                let n = 1 + b[k + 2..].iter().take_while(|c| c.is_ascii_lowercase()).count();
                if n < 2 {
                    break;
                }
                k += 1 + n;
                words += 1;
            }
            let closed = if ql == 1 { b.get(k) == Some(&b'"') } else { b[k..].starts_with("\u{201d}".as_bytes()) };
            if !(1..=4).contains(&words) || !closed {
                continue;
            }
            let w = &line[j..j + wl];
            if self.lex.function.contains(w) || !self.lex.is_word(w) || !*prose.get_or_insert_with(|| prose_shape(line)) {
                continue;
            }
            edits.push(Edit::replacement(pos + j..pos + j + 1, upper_letter(b[j]), C215, Review, R_QUOTED_NAME));
        }
    }

    /// C202: `word. the` inside an English prose line.
    fn sentence_starts(&self, line: &str, pos: usize, edits: &mut Vec<Edit>, code: &dyn Fn() -> bool) {
        let b = line.as_bytes();
        let mut prose: Option<bool> = None;
        for dot in memchr::memmem::find_iter(b, ". ") {
            let mut j = dot + 2;
            if b.get(j) == Some(&b' ') {
                j += 1;
            }
            let wl = b[j..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if wl == 0 || b.get(j + wl) != Some(&b' ') {
                continue;
            }
            let next = &line[j..j + wl];
            let pl = b[..dot].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
            // A section heading numbered in Roman numerals (`I. the
            // situation of agricultural production`).
            let lead = line[..dot - pl].trim_start().is_empty();
            if lead && (1..=4).contains(&pl) && matches!(&line[dot - pl..dot], "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X") && self.lex.is_word(next) {
                edits.push(Edit::replacement(pos + j..pos + j + 1, upper_letter(b[j]), C202, Review, R_SENTENCE));
                continue;
            }
            // A closed-class word; or any dictionary word of three letters
            // or more after a word of five or more (`standards. students
            // should`), which no listed abbreviation is.
            let common = self.lex.is_common(next);
            if !(common || pl >= 5 && wl >= 3 && self.lex.is_word(next)) {
                continue;
            }
            let prev = &line[dot - pl..dot];
            let standalone = dot - pl == 0 || b[dot - pl - 1] == b' ';
            if pl < 3 || !standalone || !prev.bytes().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            // A plural the dictionary lacks (`exhibitors`) is a word too.
            let word = |w: &str| self.lex.is_word(w) || w.len() >= 5 && w.strip_suffix('s').is_some_and(|w| self.lex.is_word(w));
            if self.lex.abbreviations.contains(prev) || !word(prev) {
                continue;
            }
            let is_prose = *prose.get_or_insert_with(|| {
                !line.contains(['\t', '_', '{', '}', '=', '<', '>'])
                    && line.bytes().filter(|&c| c == b' ').count() >= MIN_WORDS - 1
        && line.split_ascii_whitespace().count() >= MIN_WORDS
                    && !line.chars().any(is_han)
            });
            if !is_prose {
                return;
            }
            // An open-class word only on a long line (a paragraph, not a
            // hard-wrapped one: `behaviors. unsafe code that`) of a
            // document holding no code.
            if !common && (line.len() < 160 || code()) {
                continue;
            }
            edits.push(Edit::replacement(pos + j..pos + j + 1, upper_letter(b[j]), C202, Review, R_SENTENCE));
        }
    }
}

/// The shape of a prose line as [`start_edit`] asks for it: eight words or
/// more, some punctuation, no code marks, no Chinese.
fn prose_shape(line: &str) -> bool {
    if line.len() < 2 * MIN_WORDS {
        return false;
    }
    // One walk over the bytes: spaces, sentence punctuation, code marks, non-ASCII.
    let (mut spaces, mut punct, mut code, mut high) = (0usize, false, false, false);
    for &c in line.as_bytes() {
        spaces += usize::from(c == b' ');
        punct |= matches!(c, b',' | b'.' | b';');
        code |= matches!(c, b'\t' | b'_' | b'{' | b'}' | b'=' | b'<' | b'>');
        high |= c >= 0x80;
    }
    punct
        && !code
        && spaces + 1 >= MIN_WORDS
        && line.split_ascii_whitespace().count() >= MIN_WORDS
        && (!high || !line.chars().any(is_han))
}

/// `w` in lower case in `buf` (an empty string when longer than 16 bytes:
/// no listed word is).
fn lower<'a>(w: &str, buf: &'a mut [u8; 16]) -> &'a str {
    if w.len() > buf.len() {
        return "";
    }
    for (d, c) in buf.iter_mut().zip(w.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..w.len()]).unwrap_or("")
}

/// Nouns that follow a place name (`jiangwan town`).
const PLACE_NOUNS: &[&[u8]] = &[
    b"town", b"township", b"county", b"village", b"villages", b"city", b"district", b"province", b"prefecture", b"street",
    b"road", b"river", b"lake", b"mountain", b"temple", b"park", b"area", b"zone", b"bridge", b"station", b"port",
];

/// Is the lowercase word `b[s..e]` where a name stands: after a
/// capitalized word (`East jiangwan`) or a comma, before a capitalized word or a
/// place noun (`jiangwan town`), or before a possessive (`linze’s`)?
fn name_context(b: &[u8], s: usize, e: usize, lex: &Lexicon) -> bool {
    let prev_cap = s >= 2 && b[s - 1] == b' ' && {
        let n = b[..s - 1].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
        let w = &b[s - 1 - n..s - 1];
        n >= 2 && w[0].is_ascii_uppercase() && !std::str::from_utf8(w).is_ok_and(|w| lex.function.contains(lower(w, &mut [0; 16])))
    };
    let rest = &b[e..];
    let possessive = rest.starts_with(b"'s ") || rest.starts_with("\u{2019}s ".as_bytes());
    let next = rest.strip_prefix(b" ").map(|r| &r[..r.iter().take_while(|c| c.is_ascii_alphabetic()).count()]);
    let next_name = next.is_some_and(|w| w.len() >= 2 && (w[0].is_ascii_uppercase() || PLACE_NOUNS.contains(&w)));
    // After a comma: a clause starts with the name (`in recent years, linze to implement`).
    let after_comma = s >= 2 && b[s - 1] == b' ' && b[s - 2] == b',';
    prev_cap || after_comma || possessive || next_name
}

/// Bytes of a document [`is_article`] looks at.
const ARTICLE_WINDOW: usize = 64 << 10;

/// Names C205 looks for in one document, at most.
const MAX_NAMES: usize = 64;

/// A line this long (bytes) is a paragraph, not a hard-wrapped line.
const LONG_LINE: usize = 100;

/// Is `text` an article: its sentences start with a capital (three or
/// more, more than twice as many as in lowercase), or those inside
/// paragraphs at least (some translations lowercase every paragraph), and
/// no line looks like code (technical text keeps keywords lowercase)?
/// Counted over prose lines (the shape [`start_edit`] asks for).
fn is_article(text: &str) -> bool {
    let (mut upper_prose, mut lower_prose, mut inner_upper, mut inner_lower) = (0usize, 0usize, 0usize, 0usize);
    for line in text.lines() {
        if code_like(line) {
            return false;
        }
        let Some(&first) = line.as_bytes().first() else { continue };
        if !first.is_ascii_alphabetic() || !prose_shape(line) {
            continue;
        }
        if first.is_ascii_uppercase() {
            upper_prose += 1;
        } else {
            lower_prose += 1;
        }
        let lb = line.as_bytes();
        for mark in memchr::memchr3_iter(b'.', b'!', b'?', lb) {
            if lb.get(mark + 1) != Some(&b' ') {
                continue;
            }
            match lb.get(mark + 2) {
                Some(c) if c.is_ascii_uppercase() => inner_upper += 1,
                Some(c) if c.is_ascii_lowercase() => inner_lower += 1,
                _ => {}
            }
        }
    }
    let (upper, lower) = (upper_prose + inner_upper, lower_prose + inner_lower);
    upper >= 3 && (upper > 2 * lower || inner_upper >= 3 && inner_lower == 0)
}

/// Does `line` look like code: braces, `=>`, `::`, `();`, a `;` at its
/// end, or one identifier or anchor alone (`[names.scopes.let]`, `my_crate`)?
fn code_like(line: &str) -> bool {
    let t = line.trim();
    let identifier = !t.contains(' ') && (t.contains('_') || t.starts_with('[') && t.ends_with(']') && t.contains('.'));
    identifier || t.contains(['{', '}']) || t.contains("=>") || t.contains("::") || t.contains("();") || t.ends_with(';')
}

/// Does `line` define a term (`cold — Hint that…`, `simple NT: a …`): a
/// colon or a dash among its first four words?
fn term_defined(line: &str) -> bool {
    line.split_ascii_whitespace().take(4).any(|w| w.ends_with(':') || matches!(w, "\u{2014}" | "-" | "\u{2013}" | "--"))
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{3002}', '\u{ff01}', '\u{ff1f}', ')'])
}

/// The capitalizing edit for a lowercase paragraph start at `pos`, if safe.
fn start_edit(line: &str, pos: usize, prev_ends_sentence: bool) -> Option<Edit> {
    let b = line.as_bytes();
    let word_len = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if word_len == 0 || !b[..word_len].iter().all(u8::is_ascii_lowercase) {
        return None; // iPhone, eBay
    }
    if matches!(b.get(word_len), Some(b'.' | b':' | b'/' | b'@' | b'_' | b'-' | b'\'' | b'(') | Some(b'0'..=b'9')) {
        return None; // e.g., www.…, handles, identifiers
    }
    // Tables and code: tabs, identifiers, braces, assignments.
    if line.contains(['\t', '_', '{', '}', '=', '<', '>']) || line.contains("::") {
        return None;
    }
    let words = line.split_ascii_whitespace().count();
    if words < MIN_WORDS || !line.contains([',', '.', ';']) || !line.is_ascii() && line.chars().any(is_han) {
        return None;
    }
    let upper = upper_letter(b[0]);
    Some(if prev_ends_sentence {
        Edit::replacement(pos..pos + 1, upper, C201, Safe, R_START)
    } else {
        Edit::replacement(pos..pos + 1, upper, C201, Review, R_START_REVIEW)
    })
}


#[cfg(test)]
mod tests {
    use super::{Options, SentenceCase, C201};
    use crate::edit::Confidence;
    use crate::passes::kit::testing::{assert_fixes_with, assert_pass_fixes, assert_pass_keeps};
    use crate::passes::kit::{Context, Pass, Setup};

    /// The pass alone applies C201 although it is off by default: the
    /// pipeline, not the pass, filters rules by the selection.
    fn pass() -> SentenceCase {
        SentenceCase::new(&Options::default(), &Setup::default()).unwrap()
    }

    /// A page of prose cut into lines of one width, a blank line between.
    const WRAPPED: &str = "The county has received more than seven million tourists in the first\n\ntwo days of the week-long holiday. Various events are being held in\n\nthe old town, and local cultural elements are used in the shows for the\n\nvisitors. Their plan is to visit the volcano park and the Hot Spring of\n\nthe town. In southwest Yunnan many ethnic festivals have been prepared\n\nSea of flowers. The organizers said on Monday that the festival will go on.\n";

    #[test]
    fn joins_the_lines_of_a_hard_wrapped_page() {
        let out = crate::passes::kit::testing::apply_pass(&pass(), WRAPPED);
        assert!(out.starts_with("The county has received more than seven million tourists in the first two days of the week-long holiday. Various events are being held in the old town, and local cultural elements are used in the shows for the visitors."), "{out}");
        // A line of the page's width that ends in a word, before a capital.
        assert!(out.contains("prepared Sea of flowers."), "{out}");
        assert!(!out.contains("\n\n"), "{out}");
    }

    #[test]
    fn joins_a_word_cut_by_a_paragraph_break() {
        let text = "The county grows oranges. It sells them in the cities. Farmers earn more.\n\nOn November 8th, at the orange planting base in the village, several drones were shuttling through the mounta\n\nins, lifting the golden fruits steadily, and replacing the farmers' old practice of carrying\n\nfruits on their shoulders and backs.\n";
        let out = crate::passes::kit::testing::apply_pass(&pass(), text);
        assert!(out.contains("through the mountains, lifting"), "{out}");
        assert!(out.contains("of carrying fruits on"), "{out}");
    }

    #[test]
    fn keeps_lists_and_lowercased_paragraphs_apart() {
        // Lowercase list items that end without a stop.
        let list = "This is a filter on the allowed packages of the registry, including:\n\npackages from unsupported registries are always accepted\n\nonly the current yank state is respected, not the state as of the time\n\nprecision of the publish time is one second only\n";
        let out = crate::passes::kit::testing::apply_pass(&pass(), list);
        assert_eq!(out.matches("\n\n").count(), 3, "{out}");
        // A page whose paragraphs start in lowercase and end without a stop:
        // no fixed width and no word cut in two.
        let page = "China will become the largest importer of centrifugal pumps\n\nit is predicted that by 2020, the pump imports of the country will reach an astonishing five billion dollars, surpassing the United States and becoming the largest importer of pumps in the world\n\nmunicipal sewage treatment is the biggest reason for the demand for pumps in the country.\n";
        let out = crate::passes::kit::testing::apply_pass(&pass(), page);
        assert_eq!(out.matches("\n\n").count(), 2, "{out}");
    }

    #[test]
    fn capitalizes_a_lowercase_month_before_a_day_or_year() {
        assert_pass_fixes(&pass(), "Word one two. On april 6, the team met in october 2013 and on june 1st.", "Word one two. On April 6, the team met in October 2013 and on June 1st.");
        for t in ["They may 5 times a year march 10 km.", "see april.6 and the_june 5 file", "augusta 2013 and Junes 5 and july 123 and july 5a and july 1850"] {
            assert_pass_keeps(&pass(), t);
        }
    }

    /// ../shared/realworld/008_province_q1_economy.txt, lines 3-5.
    const RELEASE: &str = "April 18th, the province held a quarter of the province’s economic operation press conference. It is reported that this year, continue to increase in the downtown pressure on the economy under the situation of our province, around the \"four comprehensive\" strategic layout, focus on the supply side structural reforms, a quarter of the province’s economy showed generally stable, steady progress, good posture and structure.\n\napproved by the National Bureau of statistics data show that in the first quarter, the province’s GDP 45 billion 651 million yuan, calculated at comparable prices, an increase of 8.3% over the same period last year. Sub industry, the first industrial added value of 1 billion 670 million yuan, an increase of 4.3%; the added value of the second industry of 19 billion 424 million yuan, an increase of 8.1%; the value added value of the third industry, an increase of 8.8%.\n";

    /// fixtures/pages/205_ningguoshizx_printing.txt, lines 3-5: the paragraph
    /// before does not end a sentence.
    const PRINTING: &str = "The group restructured its printing business to build a lithium carbonate project with an annual output of 20000 tons in Chaerhan Salt Lake, but did not announce the number of layoffs\n\nthe group under media tycoon Mei Shi announced in Australia that a major restructuring plan would merge the printing and electronic businesses, and therefore need layoffs. With the strong support of the state, the future business development should cooperate with the new electronic world, and the group reorganized 19 business units to 5 #65377; Group Chief Executive\n";

    #[test]
    fn capitalizes_lowercase_paragraph_from_real_release() {
        // (C210 capitalizes `statistics` in `the National Bureau of statistics` too.)
        assert_pass_fixes(&pass(), RELEASE, &RELEASE.replacen("\n\napproved by", "\n\nApproved by", 1).replacen("Bureau of statistics", "Bureau of Statistics", 1));
    }

    #[test]
    fn capitalizes_lowercase_paragraph_from_real_release_whole_pipeline() {
        // realworld/008 (52shlf.net), with C201 selected.
        assert_fixes_with(
            &["C201"],
            "A quarter of steady growth.\n\napproved by the National Bureau of statistics data show that in the first quarter, the province grew.\n",
            "A quarter of steady growth.\n\nApproved by the National Bureau of statistics data show that in the first quarter, the province grew.\n",
        );
    }

    #[test]
    fn keeps_real_lowercase_labels_and_identifiers() {
        // fixtures/pages/104_xianning_chebu_kinship.txt line 3, 215_chinadaily_expos.txt
        // line 3, 225_caixin_developers.txt line 14.
        assert_pass_keeps(&pass(), "source:咸宁日报 2007-01-19 [ font size:Large Medium Small]\n\nxi's moments\n\nloadingImg\n");
    }

    #[test]
    fn keeps_continuation_lines_and_short_lines() {
        assert_pass_keeps(&pass(), "The report said that the province\nand the city grew in the first quarter of the year, officials said.\n");
        assert_pass_keeps(&pass(), "Title\n\nmore news\n");
    }

    #[test]
    fn review_when_previous_paragraph_is_unfinished() {
        let edits = pass().run(PRINTING, &mut Context::default());
        assert_eq!(edits.len(), 1, "{edits:#?}");
        assert_eq!((edits[0].code, edits[0].confidence), (C201, Confidence::Review));
        assert_pass_fixes(&pass(), PRINTING, &PRINTING.replacen("\n\nthe group", "\n\nThe group", 1));
    }

    #[test]
    fn review_edit_is_left_out_with_only_safe_whole_pipeline() {
        let out = crate::Cleaner::new(crate::Config::default().with_select(["C201"]).with_only_safe(true))
            .unwrap()
            .clean("The overall stable structure of the economy in the first\n\napril saw the province hold a press conference on the economy, officials said.\n");
        assert!(out.text.contains("\napril saw"), "{}", out.text);
    }
}
