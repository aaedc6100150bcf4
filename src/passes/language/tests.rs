use super::segment::{self, Label};
use super::{Language, Options};
use crate::passes::kit::testing::{assert_fixes, assert_no_edits, assert_pass_fixes, assert_pass_keeps, edit_count};
use crate::passes::kit::{CjkPolicy, Normalize, Setup};
use crate::Config;
use crate::{Cleaned, Cleaner};

// Tests named `…_whole_pipeline`, `default_pipeline_…`, `seeds_…`, and those
// about the report (statistics, warnings, extracted records) or the
// configuration run the whole `Cleaner`; the others run the language pass
// alone (`assert_pass_fixes`), so another pass cannot make them fail.

/// The language pass with the default settings (`cjk = "keep"`).
fn pass() -> Language {
    pass_with(CjkPolicy::Keep)
}

/// The language pass with `policy` and the default rules.
fn pass_with(policy: CjkPolicy) -> Language {
    let mut setup = Setup::default();
    setup.cjk = policy;
    Language::new(&Options::default(), &setup).unwrap()
}

fn clean_with(policy: CjkPolicy, select: &[&str], input: &str) -> Cleaned {
    let cfg = Config { cjk: policy, select: select.iter().map(|s| s.to_string()).collect(), ..Config::default() };
    Cleaner::new(cfg).expect("config").clean(input)
}

fn han(s: &str) -> usize {
    s.chars().filter(|&c| segment::is_han(c)).count()
}

fn labels(line: &str) -> Vec<(String, Label)> {
    segment::segment_line(line, 0, &Default::default())
        .into_iter()
        .map(|s| (line[s.range.clone()].to_string(), s.label))
        .collect()
}

const SEED_000_LINE: &str = "Confidence comes from 10 years of great practice in the new era10年辛苦不寻常,习近平总书记带领我们团结奋斗、砥砺前行,中国发展面貌一新、格局一新、气象一新。The historic achievements and changes we have made are rarely seen in the long course of human history。";

#[test]
fn splits_glued_english_and_chinese_from_seed_line() {
    // seeds/000_aa6c14fb6a052b5f.txt.
    assert_pass_fixes(
        &pass(),
        SEED_000_LINE,
        "Confidence comes from 10 years of great practice in the new era. 10年辛苦不寻常,习近平总书记带领我们团结奋斗、砥砺前行,中国发展面貌一新、格局一新、气象一新。 The historic achievements and changes we have made are rarely seen in the long course of human history。",
    );
}

#[test]
fn splits_glued_sentences_in_verbatim_seed_line() {
    // seeds/000_aa6c14fb6a052b5f.txt, verbatim (SEED_000_LINE is this line shortened).
    assert_pass_fixes(
        &pass(),
        "Confidence comes from 10 years of great practice in the new era10年辛苦不寻常,习近平总书记带领我们团结奋斗、砥砺前行,在前人打下的基础上,历史性解决了绝对贫困问题,实现了全面小康目标,谱写了“两大奇迹”新篇章,中国发展面貌一新、格局一新、气象一新。The historic achievements and changes we have made are rarely seen in the long course of human history。",
        "Confidence comes from 10 years of great practice in the new era. 10年辛苦不寻常,习近平总书记带领我们团结奋斗、砥砺前行,在前人打下的基础上,历史性解决了绝对贫困问题,实现了全面小康目标,谱写了“两大奇迹”新篇章,中国发展面貌一新、格局一新、气象一新。 The historic achievements and changes we have made are rarely seen in the long course of human history。",
    );
}

#[test]
fn default_pipeline_removes_era10() {
    let out = Cleaner::new(Config::default()).unwrap().clean(SEED_000_LINE);
    assert!(!out.text.contains("era10"), "{}", out.text);
    assert_eq!(han(&out.text), han(SEED_000_LINE));
}

#[test]
fn segments_digits_with_the_unit_after_them() {
    let l = labels("in the new era10年辛苦不寻常。");
    assert_eq!(l, vec![("in the new era".into(), Label::English), ("10年辛苦不寻常。".into(), Label::Chinese)]);
}

#[test]
fn labels_partial_translation_as_mixed() {
    let l = labels("※这是Xi Jinping总书记2024年1月31日在二十届中央政治局第十一次集体学习时的讲话。");
    assert_eq!(l.len(), 1);
    assert_eq!(l[0].1, Label::Mixed);
    let l = labels("2024年3月5日,中共中央总书记、国家主席Xi Jinping参加江苏代表团审议。 Photo by Ju Peng, Xinhua News Agency");
    assert_eq!(l.iter().map(|x| x.1).collect::<Vec<_>>(), vec![Label::Mixed, Label::English]);
}

#[test]
fn labels_japanese_and_korean_as_other() {
    assert_eq!(labels("これは日本語の文です。")[0].1, Label::Other);
    assert_eq!(labels("이것은 한국어 문장입니다.")[0].1, Label::Other);
}

#[test]
fn keeps_pure_chinese_paragraph() {
    let para = "让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力推进中国式现代化建设。";
    assert_pass_keeps(&pass(), &format!("{para}\n"));
    // The pass does see it: mark wraps it, drop removes it whole.
    assert_pass_fixes(&pass_with(CjkPolicy::Mark), &format!("{para}\n"), &format!("[zh]{para}[/zh]\n"));
    assert_pass_fixes(&pass_with(CjkPolicy::Drop), &format!("{para}\n"), "\n");
}

/// Text the default pipeline (every pass, `cjk = "keep"`) leaves alone.
#[test]
fn keeps_chinese_paragraphs_and_names_whole_pipeline() {
    assert_no_edits("让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力推进中国式现代化建设。\n");
    assert_no_edits("The speech was given in 北京 by the General Secretary.\n");
    assert_no_edits("The speech by Xi Jinping在山东考察。\n");
    assert_no_edits("中共中央总书记会见了Prime Minister Li Qiang\n");
    assert_no_edits("He attended the opening of the national congress (中国共产党第二十次全国代表大会) in Beijing.");
    assert_no_edits("Welcome to the website of 欢迎访问The Official Website of the city\n");
}

#[test]
fn leaves_existing_cjk_full_stop_boundary_to_punctuation_pass() {
    let input = "promote and expand Chinese-style modernization。以习近平同志为核心的党中央把推进中国式现代化作为新时代最大的政治。";
    assert_pass_keeps(&pass(), input);
    // Whole pipeline: the punctuation pass makes the boundary, the language pass adds nothing.
    assert_eq!(edit_count(input, "L001") + edit_count(input, "L002"), 0);
}

#[test]
fn keeps_english_name_in_english_sentence() {
    assert_pass_keeps(&pass(), "The speech was given in 北京 by the General Secretary.\n");
}

#[test]
fn keep_policy_keeps_every_han_character() {
    let out = clean_with(CjkPolicy::Keep, &["L"], SEED_000_LINE);
    assert_eq!(han(&out.text), han(SEED_000_LINE));
}

#[test]
fn drop_removes_chinese_sentence_between_english() {
    assert_pass_fixes(
        &pass_with(CjkPolicy::Drop),
        "developed productive forces。对此,习近平总书记作了深邃思考、深刻论述。The General Secretary put forward a new theory.",
        "developed productive forces。The General Secretary put forward a new theory.",
    );
}

#[test]
fn drop_reports_the_removed_sentence_whole_pipeline() {
    let out = clean_with(
        CjkPolicy::Drop,
        &["L"],
        "developed productive forces。对此,习近平总书记作了深邃思考、深刻论述。The General Secretary put forward a new theory.",
    );
    assert_eq!(out.text, "developed productive forces。The General Secretary put forward a new theory.");
    let e: Vec<_> = out.report.edits.iter().filter(|e| e.codes.contains(&"L101".to_string())).collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].before, "对此,习近平总书记作了深邃思考、深刻论述。");
}

#[test]
fn drop_removes_glued_chinese_and_terminates_english() {
    assert_pass_fixes(
        &pass_with(CjkPolicy::Drop),
        SEED_000_LINE,
        "Confidence comes from 10 years of great practice in the new era. The historic achievements and changes we have made are rarely seen in the long course of human history。"
    );
}

#[test]
fn drop_removes_mixed_sentence_and_keeps_caption() {
    assert_pass_fixes(
        &pass_with(CjkPolicy::Drop),
        "2024年3月5日,中共中央总书记、国家主席Xi Jinping参加江苏代表团审议。 Photo by Ju Peng, Xinhua News Agency\n\n※这是Xi Jinping总书记2024年1月31日在二十届中央政治局第十一次集体学习时的讲话。\n",
        "Photo by Ju Peng, Xinhua News Agency\n\n\n",
    );
}

#[test]
fn drop_removes_fragments_inside_english_sentences() {
    assert_pass_fixes(
        &pass_with(CjkPolicy::Drop),
        "Make a series of major decisions and deployments,谱写了习近平经济思想的新篇章,Promoting high-quality development has become the consensus.\nSource: Qiushi作者:Number of hits: 12\n",
        "Make a series of major decisions and deployments,Promoting high-quality development has become the consensus.\nSource: Qiushi Number of hits: 12\n"
    );
}

#[test]
fn drop_keeps_allowed_characters() {
    let mut setup = Setup::default();
    setup.cjk = CjkPolicy::Drop;
    let allow = Language::new(&Options { allow: "元".into(), ..Options::default() }, &setup).unwrap();
    assert_pass_keeps(&allow, "The price was 5元 per kilogram, up 3%.\n");
    // Without `allow` the digits go with the unit after them (`5元`), as in `10年`.
    assert_pass_fixes(&pass_with(CjkPolicy::Drop), "The price was 5元 per kilogram, up 3%.\n", "The price was per kilogram, up 3%.\n");
}

#[test]
fn drop_keeps_allowed_characters_from_config_whole_pipeline() {
    let cfg = Config::from_toml("cjk = \"drop\"\nselect = [\"L\"]\n[language]\nallow = \"元\"\n").unwrap();
    let out = Cleaner::new(cfg).unwrap().clean("The price was 5元 per kilogram, up 3%.\n");
    assert_eq!(out.text, "The price was 5元 per kilogram, up 3%.\n");
}

#[test]
fn mark_wraps_untranslated_text_once_whole_pipeline() {
    let input = "is mountain heavy。接过历史的接力棒,建设一个现代化的新广东,我们这代人要有志气和担当。The time for basic modernization is tight, and 首页 stays.\n";
    let out = clean_with(CjkPolicy::Mark, &[], input);
    assert_eq!(
        out.text,
        // The full pipeline: the punctuation pass also ends the English sentence
        // and restores full-width commas inside the Chinese one.
        "is mountain heavy. [zh]接过历史的接力棒，建设一个现代化的新广东，我们这代人要有志气和担当。[/zh] The time for basic modernization is tight, and [zh]首页[/zh] stays.\n"
    );
    let again = clean_with(CjkPolicy::Mark, &[], &out.text);
    assert_eq!(again.text, out.text);
}

#[test]
fn mark_glued_sentences() {
    assert_pass_fixes(
        &pass_with(CjkPolicy::Mark),
        SEED_000_LINE,
        "Confidence comes from 10 years of great practice in the new era. [zh]10年辛苦不寻常,习近平总书记带领我们团结奋斗、砥砺前行,中国发展面貌一新、格局一新、气象一新。[/zh] The historic achievements and changes we have made are rarely seen in the long course of human history。"
    );
}

#[test]
fn extract_records_each_removed_sentence_with_context() {
    let input = "developed productive forces。对此,习近平总书记作了深邃思考、深刻论述。The General Secretary put forward a new theory.";
    let out = clean_with(CjkPolicy::Extract, &[], input);
    assert_eq!(out.extracted.len(), 1, "{:#?}", out.extracted);
    let r = &out.extracted[0];
    assert_eq!(r["text"], "对此,习近平总书记作了深邃思考、深刻论述。");
    assert_eq!(r["before"], "developed productive forces。");
    assert_eq!(r["after"], "The General Secretary put forward a new theory.");
    let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
    assert_eq!(&input[s..e], r["text"].as_str().unwrap());
}

#[test]
fn pangu_spacing_is_off_by_default() {
    assert_pass_keeps(&pass(), "2024年3月5日，中央军委主席Xi Jinping参加审议。\n");
    let pangu = Language::new(&Options::default(), &Setup::new(Normalize::default(), false, CjkPolicy::Keep, ["L201"])).unwrap();
    assert_pass_fixes(&pangu, "在2024年举行。", "在 2024 年举行。");
}

#[test]
fn pangu_spacing_is_off_by_default_whole_pipeline() {
    assert_no_edits("2024年3月5日，中央军委主席Xi Jinping参加审议。\n");
    crate::passes::kit::testing::assert_fixes_with(&["L201"], "在2024年举行。", "在 2024 年举行。");
}

#[test]
fn statistics_describe_the_document() {
    let out = clean_with(CjkPolicy::Keep, &[], SEED_000_LINE);
    let l = out.report.language.expect("language stats");
    assert_eq!(l["sentences"]["english"], 2);
    assert_eq!(l["sentences"]["chinese"], 1);
    assert_eq!(l["han_chars"], han(SEED_000_LINE));
    let f = l["english_fraction"].as_f64().unwrap();
    assert!(f > 0.3 && f < 0.7, "{f}");
    assert!(out.report.warnings.is_empty());
}

#[test]
fn warns_when_mostly_untranslated() {
    let out = clean_with(CjkPolicy::Keep, &[], "让我们更加紧密地团结在以习近平同志为核心的党中央周围。Read more.\n");
    assert_eq!(out.report.warnings.len(), 1, "{:?}", out.report.warnings);
    let l = out.report.language.unwrap();
    assert!(l["english_fraction"].as_f64().unwrap() < 0.5);
}

#[test]
fn plain_english_has_full_english_fraction() {
    let out = clean_with(CjkPolicy::Keep, &[], "The meeting was held.\nA heading\nIt ended at noon!\n");
    let l = out.report.language.unwrap();
    assert_eq!(l["english_fraction"], 1.0);
    assert_eq!(l["sentences"]["english"], 3);
    assert_eq!(l["han_share"], 0.0);
}

fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn seeds_keep_keeps_every_han_character() {
    for (name, text) in seeds() {
        let out = clean_with(CjkPolicy::Keep, &["L"], &text);
        assert_eq!(han(&out.text), han(&text), "{name}");
        assert_eq!(out.report.apply(&text).unwrap(), out.text, "{name}: replay");
    }
}

#[test]
fn seeds_drop_leaves_no_han() {
    for (name, text) in seeds() {
        for select in [&["L"][..], &[][..]] {
            let out = clean_with(CjkPolicy::Drop, select, &text);
            assert_eq!(han(&out.text), 0, "{name} {select:?}: {}", out.text);
            let again = clean_with(CjkPolicy::Drop, select, &out.text);
            assert_eq!(again.text, out.text, "{name}: not idempotent");
        }
    }
}

#[test]
fn seeds_extract_extracts_each_dropped_piece_once() {
    for (name, text) in seeds() {
        let out = clean_with(CjkPolicy::Extract, &["L"], &text);
        assert_eq!(han(&out.text), 0, "{name}");
        // Every Han character of the input is in exactly one record.
        let extracted: usize = out.extracted.iter().map(|r| han(r["text"].as_str().unwrap())).sum();
        assert_eq!(extracted, han(&text), "{name}: {:#?}", out.extracted);
        let removals = out.report.edits.iter().filter(|e| e.codes.iter().any(|c| c == "L101" || c == "L102")).count();
        assert!(removals <= out.extracted.len() && (removals > 0) != out.extracted.is_empty(), "{name}");
        let drop = clean_with(CjkPolicy::Drop, &["L"], &text);
        assert_eq!(drop.text, out.text, "{name}: extract and drop differ");
    }
}

#[test]
fn clean_english_seed_is_untouched() {
    // seeds/004_6641e13d47637e34.txt, the whole seed, with the pass alone.
    let (_, text) = seeds().into_iter().find(|(n, _)| n.starts_with("004")).unwrap();
    for policy in [CjkPolicy::Keep, CjkPolicy::Drop, CjkPolicy::Mark] {
        assert_pass_keeps(&pass_with(policy), &text);
    }
}

#[test]
fn embedded_options_parse() {
    let cfg = Config::from_toml("cjk = \"mark\"\n[language]\nmarker_open = \"<zh>\"\nmarker_close = \"</zh>\"\n").unwrap();
    let out = Cleaner::new(cfg).unwrap().clean("Read the text below: 中文内容很长。\n");
    assert_eq!(out.text, "Read the text below: <zh>中文内容很长。</zh>\n");
    assert!(Config::from_toml("[language]\nbogus = 1\n").is_err());
}

#[test]
#[ignore = "prints per-seed statistics and timings; run with --ignored --nocapture"]
fn seed_report() {
    for (name, text) in seeds() {
        let out = clean_with(CjkPolicy::Keep, &["L"], &text);
        println!("{name}: {}", serde_json::to_string(&out.report.language).unwrap());
        for policy in [CjkPolicy::Keep, CjkPolicy::Drop] {
            let o = clean_with(policy, &["L"], &text);
            for e in &o.report.edits {
                let ctx = |a: usize, b: usize| {
                    let mut a = a.saturating_sub(30);
                    while !text.is_char_boundary(a) { a -= 1; }
                    let mut b = (b + 30).min(text.len());
                    while !text.is_char_boundary(b) { b += 1; }
                    text[a..b].replace('\n', "⏎")
                };
                println!("  {policy:?} {:?} {:?} -> {:?}   …{}…", e.codes, e.before.chars().take(40).collect::<String>(), e.after, ctx(e.start, e.end).chars().rev().take(0).collect::<String>() + &ctx(e.start, e.start));
            }
        }
        for (s, l) in seeds_labels(&text) {
            if l != Label::English {
                println!("   {:?} {}", l, s.chars().take(60).collect::<String>());
            }
        }
    }
}

fn seeds_labels(text: &str) -> Vec<(String, Label)> {
    text.lines().filter(|l| segment::has_cjk_letter(l)).flat_map(labels).collect()
}

#[test]
fn fixes_nothing_in_clean_english_with_default_pipeline() {
    assert_fixes("Prices rose. Demand fell.\n", "Prices rose. Demand fell.\n");
}

#[test]
fn keeps_names_glued_to_chinese_together() {
    assert_pass_keeps(&pass(), "The speech by Xi Jinping在山东考察。\n");
    assert_pass_keeps(&pass(), "中共中央总书记会见了Prime Minister Li Qiang\n");
    assert_eq!(labels("中共中央总书记会见了Prime Minister Li Qiang")[0].1, Label::Mixed);
}

#[test]
fn adds_chinese_full_stop_before_glued_english() {
    assert_pass_fixes(
        &pass(),
        "中共中央总书记参加江苏代表团审议The meeting was held in Beijing.",
        "中共中央总书记参加江苏代表团审议。 The meeting was held in Beijing.",
    );
}

#[test]
fn no_break_between_chinese_sentences_or_inside_paths() {
    // autocorrect's markdown fixture: the second sentence holds a long path.
    assert_pass_keeps(&pass(), "以下表格中总结了 `Proxy` 对象可用的陷阱。详细的解释和例子请看[参考页](/zh-CN/docs/Web/JavaScript/Reference/Global_Objects/Proxy/handler)。");
    // pangu.js: a list of names is no English sentence.
    assert_pass_keeps(&pass(), "热爱科学、互联网、编程Node.js Web C++ Julia Python");
    assert_no_edits("查看./.claude/CLAUDE.md說明");
    assert_no_edits("近期发布的版本支持Unicode。该方法和{{jsxref(\"Global_Objects/Proxy/handler\",\"代理句柄\")}}类似。");
    // Korean is not Chinese: no `。` for a Korean sentence.
    assert_pass_keeps(&pass(), "근면 검소 협동은 우리 겨레의 미덕이다The meeting was held in Beijing.");
}

/// Throughput of the pass alone and of the whole pipeline on a ~20 MB corpus
/// of seeds and real-world samples (each cleaned as its own document).
#[test]
#[ignore = "timing; run with cargo test --release --lib language_throughput -- --ignored --nocapture"]
fn language_throughput() {
    use crate::passes::kit::{Context, Pass};
    use std::time::Instant;
    let mut docs: Vec<String> = seeds().into_iter().map(|(_, t)| t).collect();
    let rw = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld");
    if let Ok(dir) = std::fs::read_dir(rw) {
        docs.extend(dir.filter_map(|e| e.ok()).filter(|e| e.path().extension().is_some_and(|x| x == "txt")).filter_map(|e| std::fs::read_to_string(e.path()).ok()));
    }
    let one: usize = docs.iter().map(|d| d.len()).sum();
    let reps = 20_000_000 / one + 1;
    let total = one * reps;
    let mb = total as f64 / 1e6;
    for policy in [CjkPolicy::Keep, CjkPolicy::Drop] {
        let cfg = Config { cjk: policy, ..Config::default() };
        let pass = super::Language::new(&cfg.passes.language, &cfg.setup()).unwrap();
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..reps {
            for d in &docs {
                let mut cx = Context::default();
                n += pass.run(d, &mut cx).len();
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!("language pass ({policy:?}): {mb:.1} MB in {s:.3}s = {:.0} MB/s ({n} edits)", mb / s);
    }
    // Only the CJK-free documents (fast path).
    let plain: Vec<&String> = docs.iter().filter(|d| !d.bytes().any(|b| (0xe3..=0xed).contains(&b))).collect();
    let pass = super::Language::new(&Default::default(), &crate::passes::Setup::default()).unwrap();
    let pbytes: usize = plain.iter().map(|d| d.len()).sum::<usize>() * reps;
    let t = Instant::now();
    for _ in 0..reps {
        for d in &plain {
            let mut cx = Context::default();
            pass.run(d, &mut cx);
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("fast path: {:.1} MB in {s:.3}s = {:.0} MB/s", pbytes as f64 / 1e6, pbytes as f64 / 1e6 / s);
    let cjk: Vec<&String> = docs.iter().filter(|d| d.bytes().any(|b| (0xe3..=0xed).contains(&b))).collect();
    let cbytes: usize = cjk.iter().map(|d| d.len()).sum::<usize>() * reps;
    let t = Instant::now();
    for _ in 0..reps {
        for d in &cjk {
            let mut cx = Context::default();
            pass.run(d, &mut cx);
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("CJK docs: {:.1} MB in {s:.3}s = {:.0} MB/s", cbytes as f64 / 1e6, cbytes as f64 / 1e6 / s);
    let t = Instant::now();
    for _ in 0..reps * 10 {
        for d in &docs {
            std::hint::black_box(pass.detector.detect(super::sample(d)));
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("whatlang guess: {:.1} us per document", s * 1e6 / (reps * 10 * docs.len()) as f64);
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let t = Instant::now();
    for _ in 0..reps {
        for d in &docs {
            std::hint::black_box(cleaner.clean(d));
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("whole pipeline (current branch): {mb:.1} MB in {s:.3}s = {:.0} MB/s", mb / s);
}

#[test]
#[ignore = "timing of whatlang variants"]
fn whatlang_variants() {
    use std::time::Instant;
    use whatlang::{Detector, Lang};
    let (_, text) = seeds().into_iter().find(|(n, _)| n.starts_with("004")).unwrap();
    let al = Detector::with_allowlist(vec![Lang::Eng, Lang::Cmn, Lang::Jpn, Lang::Kor, Lang::Fra, Lang::Deu, Lang::Spa, Lang::Por, Lang::Ita, Lang::Rus]);
    for size in [128usize, 256, 512] {
        let s = &text[..size];
        let t = Instant::now();
        for _ in 0..2000 {
            std::hint::black_box(whatlang::detect(s));
        }
        let full = t.elapsed().as_secs_f64() / 2000.0 * 1e6;
        let t = Instant::now();
        for _ in 0..2000 {
            std::hint::black_box(al.detect(s));
        }
        let allow = t.elapsed().as_secs_f64() / 2000.0 * 1e6;
        let t = Instant::now();
        for _ in 0..2000 {
            std::hint::black_box(whatlang::detect_script(s));
        }
        let script = t.elapsed().as_secs_f64() / 2000.0 * 1e6;
        println!("{size} B: detect {full:.1} us, allowlist {allow:.1} us, script {script:.1} us; {:?} {:?}", whatlang::detect(s), al.detect(s));
    }
}

#[test]
fn windows_cover_cjk_with_a_sentence_of_context() {
    let line = "One two three. Four five six. Seven eight。对此,习近平总书记作了深邃思考。Nine ten eleven. Twelve thirteen. Fourteen.";
    let w = segment::windows(line);
    assert_eq!(w.len(), 1);
    assert_eq!(&line[w[0].clone()], " Seven eight。对此,习近平总书记作了深邃思考。Nine ten eleven.");
    let s = "所以。“他说。”The end is near.";
    assert_eq!(&s[segment::windows(s)[0].clone()], s);
}

#[test]
fn seeds_segment_the_same_with_windows() {
    for (name, text) in seeds() {
        for line in text.lines().filter(|l| segment::has_cjk_letter(l)) {
            let whole: Vec<_> = segment::segment_line(line, 0, &Default::default())
                .into_iter()
                .filter(|s| s.has_cjk())
                .map(|s| (s.range, s.label))
                .collect();
            let windowed: Vec<_> = segment::windows(line)
                .into_iter()
                .flat_map(|w| segment::segment_line(&line[w.clone()], w.start, &Default::default()))
                .filter(|s| s.has_cjk())
                .map(|s| (s.range, s.label))
                .collect();
            assert_eq!(whole, windowed, "{name}: {line}");
        }
    }
}

#[test]
fn fragment_ending_an_english_sentence() {
    let input = "We must promote high-quality development,等等。We must attach importance to it.";
    assert_pass_fixes(&pass(), input, "We must promote high-quality development,等等。 We must attach importance to it.");
    assert_pass_fixes(&pass_with(CjkPolicy::Drop), input, "We must promote high-quality development. We must attach importance to it.");
    assert_pass_fixes(&pass_with(CjkPolicy::Mark), input, "We must promote high-quality development,[zh]等等。[/zh] We must attach importance to it.");
}

#[test]
fn date_goes_with_the_word_after_it() {
    assert_pass_fixes(&pass_with(CjkPolicy::Drop), "时间:2024-06-03Source: Qiushi作者:Number of hits:\n", "2024-06-03Source: Qiushi Number of hits:\n");
}

#[test]
fn drop_takes_brackets_around_a_chinese_name() {
    let input = "He attended the opening of the national congress (中国共产党第二十次全国代表大会) in Beijing.";
    assert_pass_keeps(&pass(), input);
    assert_pass_fixes(&pass_with(CjkPolicy::Drop), input, "He attended the opening of the national congress in Beijing.");
}

#[test]
fn keeps_short_chinese_after_english_heading() {
    assert_pass_keeps(&pass(), "Welcome to the website of 欢迎访问The Official Website of the city\n");
}

#[test]
fn seeds_mark_wraps_every_han_character_once() {
    for (name, text) in seeds() {
        let out = clean_with(CjkPolicy::Mark, &[], &text);
        let mut rest = out.text.clone();
        while let (Some(a), Some(b)) = (rest.find("[zh]"), rest.find("[/zh]")) {
            assert!(a < b, "{name}: unbalanced markers");
            assert!(!rest[a + 4..b].contains("[zh]"), "{name}: nested markers");
            rest.replace_range(a..b + 5, "");
        }
        assert_eq!(han(&rest), 0, "{name}: unmarked Han in {rest}");
        assert_eq!(clean_with(CjkPolicy::Mark, &[], &out.text).text, out.text, "{name}: not idempotent");
    }
}

/// `unicode_segmentation`'s sentence boundaries (the reference the fast
/// splitter must reproduce), without the start and end.
fn reference_breaks(s: &str) -> Vec<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    s.split_sentence_bound_indices().skip(1).map(|(i, _)| i).collect()
}

/// The fast splitter's boundaries, `None` when it declines (falls back).
fn fast_breaks(s: &str) -> Option<Vec<usize>> {
    let mut v = Vec::new();
    segment::fast_sentence_breaks(s, &mut v).then_some(v)
}

fn realworld() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld");
    let Ok(dir) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut v: Vec<_> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| Some((p.file_name()?.to_string_lossy().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect();
    v.sort();
    v
}

#[test]
fn fast_sentence_breaks_match_unicode_segmentation_on_seeds_and_realworld() {
    let (mut lines, mut declined) = (0, 0);
    for (name, text) in seeds().into_iter().chain(realworld()) {
        for line in text.split('\n') {
            lines += 1;
            let want = reference_breaks(line);
            match fast_breaks(line) {
                Some(got) => assert_eq!(got, want, "{name}: {line}"),
                None => declined += 1,
            }
            let mut v = vec![7];
            segment::sentence_breaks(line, &mut v);
            assert_eq!(v, want, "{name}: {line}");
        }
        // Whole documents too (newlines are paragraph separators).
        if let Some(got) = fast_breaks(&text) {
            assert_eq!(got, reference_breaks(&text), "{name}");
        }
    }
    // The fallback is for rare scripts: these texts hardly need it.
    assert!(declined * 50 <= lines, "{declined} of {lines} lines fell back");
}

/// Every character the fast splitter knows, in contexts that tell all
/// `Sentence_Break` classes apart (SB6 Numeric, SB7 Upper, SB8 Lower and
/// OLetter, SB8a SContinue, SB5 Extend/Format, SB9/SB10 Close/Sp, SB11
/// STerm/ATerm, SB3/SB4 CR/LF/Sep).
#[test]
fn fast_sentence_breaks_match_unicode_segmentation_for_every_known_character() {
    const PROBES: &[&str] = &[
        "#", "a#", "#a", "a.#", "a.#b", "a.#B", "1.#", "1.#b", "A.#B", "a. #B", "a. #b", "a.)#b", "a.#1", "a.# B",
        "a! #B", "a!#B", "a!#b", "a!# b", "A#b", "A#1", "a#. B", "A#.b", "#.C", "x. # a", "x. ( # a", "x.##a", "a\r#",
        "a\u{2028}#b", "a#\nb", "a.##B", "a.)# B", "a.#) B", "中。#中", "中。 #b", "a.”#b", "#\r\nb", "a?#\"b",
    ];
    let mut known = 0;
    for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
        let mut buf = [0; 4];
        if fast_breaks(c.encode_utf8(&mut buf)).is_none() {
            continue;
        }
        known += 1;
        for p in PROBES {
            let s = p.replace('#', c.encode_utf8(&mut buf));
            let got = fast_breaks(&s).unwrap_or_else(|| panic!("declined {s:?}"));
            assert_eq!(got, reference_breaks(&s), "U+{:04X} in {s:?}", c as u32);
        }
    }
    assert!(known > 40_000, "{known}");
}

mod fast_sentence_breaks_props {
    use super::{fast_breaks, reference_breaks};
    use proptest::prelude::*;

    /// ASCII letters, digits, punctuation, spaces and quotes, CJK letters
    /// and punctuation, kana, Hangul, accented Latin, combining marks,
    /// NBSP, format characters, separators, and a few characters the fast
    /// splitter leaves to `unicode_segmentation` (Devanagari, vertical
    /// forms).
    const ALPHABET: &[char] = &[
        'a', 'b', 'z', 'A', 'B', 'Z', 'x', '0', '1', '9', '.', '.', '.', '!', '?', ',', ';', ':', '-', ' ', ' ', ' ', '"',
        '\'', '(', ')', '[', ']', '{', '}', '#', '%', '/', '\t', '\r', '\n', '\u{b}', '\u{a0}', '\u{85}', 'é', 'É', 'ß',
        'ǅ', 'ª', 'µ', '«', '»', '¿', '·', 'ʰ', '\u{301}', '\u{308}', '\u{ad}', '\u{200b}', '\u{200d}', '\u{2028}',
        '\u{2029}', '\u{2060}', '\u{feff}', '“', '”', '‘', '’', '…', '—', '–', '‼', '⁇', '․', '‹', '中', '国', '人',
        '㐀', '䷀', '。', '。', '！', '？', '，', '、', '：', '；', '（', '）', '「', '」', '『', '』', '《', '》', '【',
        '】', '〔', '〕', '．', '｡', '｢', '､', 'ｶ', '\u{ff9e}', 'の', 'カ', 'ー', '\u{3099}', '〃', '々', '〇', '한',
        '국', '１', 'Ａ', 'ａ', '＂', '　', '※', '\u{3000}', '\u{fe12}', '\u{fe52}', '\u{0964}', 'Ж', 'ж',
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(ALPHABET), 0..48).prop_map(|v| v.into_iter().collect())
    }

    /// Words and punctuation rather than single characters: terminators
    /// next to capitals, lower-case words and spaces, as in prose.
    fn prose() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "The", "end", "U.S.", "e.g.", "3.5", "Mr.", " ", "  ", ". ", "! ", "? ", ".", "...", "。", "！", "？", "，",
            "中国", "经济", "Xi Jinping", "“", "”", "\"", "'", ")", "(", "」", "「", "1", "a", "B", "\u{a0}", "\u{301}",
            "é", "？”", ".\"", "　", "\u{200b}", ".)", "；", "：",
        ];
        prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
    }

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: std::env::var("RINSE_PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(1024),
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    fn check(s: &str) -> Result<(), TestCaseError> {
        let want = reference_breaks(s);
        if let Some(got) = fast_breaks(s) {
            prop_assert_eq!(got, want.clone(), "{:?}", s);
        } else {
            prop_assert!(s.chars().any(|c| matches!(c, '\u{fe12}' | '\u{fe52}' | '\u{feff}' | '\u{0964}' | 'Ж' | 'ж')), "declined {:?}", s);
        }
        let mut v = Vec::new();
        super::segment::sentence_breaks(s, &mut v);
        prop_assert_eq!(v, want);
        Ok(())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn fast_sentence_breaks_match_unicode_segmentation(s in text()) {
            check(&s)?;
        }

        #[test]
        fn fast_sentence_breaks_match_unicode_segmentation_on_prose(s in prose()) {
            check(&s)?;
        }

        #[test]
        fn fast_paths_of_runs_segment_like_the_char_by_char_loop(s in text(), p in prose()) {
            let (fast, slow) = super::segment_both_ways(&s);
            prop_assert_eq!(fast, slow);
            let (fast, slow) = super::segment_both_ways(&p);
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn windows_match_the_char_by_char_reference(s in text(), p in prose()) {
            prop_assert_eq!(super::segment::windows(&s), super::old_windows::windows(&s));
            prop_assert_eq!(super::segment::windows(&p), super::old_windows::windows(&p));
        }
    }
}

/// The first implementation of [`segment::windows`] (char by char), the
/// reference for the byte scans.
mod old_windows {
    use super::segment::is_cjk_letter;
    use std::ops::Range;

    pub fn windows(line: &str) -> Vec<Range<usize>> {
        let mut zones: Vec<Range<usize>> = Vec::new();
        for (i, c) in line.char_indices() {
            if is_cjk_letter(c) {
                let end = i + c.len_utf8();
                match zones.last_mut() {
                    Some(z) if i < z.end + 240 => z.end = end,
                    _ => zones.push(i..end),
                }
            }
        }
        let mut out: Vec<Range<usize>> = Vec::with_capacity(zones.len());
        for z in zones {
            let w = sentence_start_before(line, z.start, 2)..sentence_end_after(line, z.end, 2);
            match out.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => out.push(w),
            }
        }
        out
    }

    fn boundary_at(line: &str, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        if line[i..].starts_with(['"', '\'', '”', '’', ')', '）', '」', '』']) {
            return false;
        }
        let before = line[..i].trim_end_matches(['"', '\'', '”', '’', ')', '）', '」', '』']);
        match before.chars().next_back() {
            Some('。' | '！' | '？') => true,
            Some('.' | '!' | '?') => line.as_bytes().get(i).is_some_and(|&c| c == b' ' || c == b'\t'),
            _ => false,
        }
    }

    fn sentence_start_before(line: &str, p: usize, k: usize) -> usize {
        let mut seen = 0;
        let mut i = p;
        while i > 0 {
            if line.is_char_boundary(i) && boundary_at(line, i) {
                seen += 1;
                if seen == k {
                    return i;
                }
            }
            i -= 1;
            while !line.is_char_boundary(i) {
                i -= 1;
            }
        }
        0
    }

    fn sentence_end_after(line: &str, p: usize, k: usize) -> usize {
        let mut seen = 0;
        let mut i = p;
        while i < line.len() {
            if line.is_char_boundary(i) && boundary_at(line, i) {
                seen += 1;
                if seen == k {
                    return i;
                }
            }
            i += 1;
            while i < line.len() && !line.is_char_boundary(i) {
                i += 1;
            }
        }
        line.len()
    }
}

#[test]
fn windows_match_the_char_by_char_reference() {
    for (name, text) in seeds().into_iter().chain(realworld()) {
        for line in text.split('\n') {
            assert_eq!(segment::windows(line), old_windows::windows(line), "{name}: {line}");
        }
    }
    for line in [
        "a. b. c. 中 d. e. f.",
        "。。中。。",
        "”。中”。",
        "x.” y.) 中文。” Z. w",
        "Ab?\t中文」』 ok! fine",
        "中",
        "",
        "！？中！？",
        "a.\"中\"? b",
    ] {
        assert_eq!(segment::windows(line), old_windows::windows(line), "{line}");
    }
}

/// Segmentation with the Han and ASCII fast paths of `runs` (default
/// options) and without them (an allowed Han character and an allowed
/// ASCII control character that the text lacks turn them off).
fn segment_both_ways(line: &str) -> (String, String) {
    let fast = segment::segment_line(line, 3, &Default::default());
    let slow = segment::segment_line(line, 3, &segment::SegmentOptions { allow: vec!['\u{9fa5}', '\u{1}'] });
    (format!("{fast:?}"), format!("{slow:?}"))
}

#[test]
fn fast_paths_of_runs_segment_like_the_char_by_char_loop() {
    for (name, text) in seeds().into_iter().chain(realworld()) {
        for line in text.split('\n').filter(|l| !l.contains(['\u{9fa5}', '\u{1}'])) {
            let (fast, slow) = segment_both_ways(line);
            assert_eq!(fast, slow, "{name}: {line}");
        }
    }
}
