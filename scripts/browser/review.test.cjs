// Browser tests of the `rinse review` page (run by scripts/test-browser,
// which sets CHROMIUM, RINSE and WORK). Each check throws on failure.
"use strict";
const { chromium } = require(process.env.WORK + "/node_modules/playwright-core");
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const assert = require("assert/strict");

const RINSE = process.env.RINSE;
const WORK = process.env.WORK;
const ROOT = path.resolve(__dirname, "../..");
const SCREENSHOTS = process.argv.includes("--screenshots");
// Page open budget for 100,000 edits (ms); the issue asks for under 2 s.
const OPEN_BUDGET_MS = Number(process.env.RINSE_OPEN_BUDGET_MS || 2000);
// The rule switched off: its edits never merge with another rule's on the
// samples, so leaving them out equals cleaning without the rule.
const RULE = "P101";

const rinse = (args, opts = {}) => execFileSync(RINSE, args, { cwd: ROOT, maxBuffer: 1 << 30, ...opts });
const inputs = ["seeds"];
if (fs.existsSync(path.join(ROOT, "../shared/realworld"))) inputs.push("../shared/realworld");

let failures = 0;
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n${e.stack || e}`);
  }
}

async function open(browser, file) {
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const events = { dialogs: 0, errors: [], console: [], requests: [] };
  page.on("dialog", (d) => { events.dialogs++; d.dismiss(); });
  page.on("pageerror", (e) => events.errors.push(String(e)));
  page.on("console", (m) => events.console.push(m.text()));
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("blob:")) events.requests.push(r.url()); });
  const t0 = Date.now();
  await page.goto("file://" + file);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  return { page, events, openMs: Date.now() - t0 };
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent);

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });

  await test("the samples' page shows the report's counts; rejecting a rule and downloading gives a report apply replays without it", async () => {
    const page_ = path.join(WORK, "samples.html");
    const full = path.join(WORK, "full.jsonl");
    rinse(["review", "-q", "-o", page_, ...inputs]);
    rinse(["clean", "-q", "--report", full, "-o", "/dev/null", ...inputs]);
    const records = fs.readFileSync(full, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const edits = records.reduce((n, r) => n + r.edits.length, 0);
    const ruleEdits = records.reduce((n, r) => n + r.edits.filter((e) => e.codes.includes(RULE)).length, 0);
    assert.ok(records.length >= 5 && ruleEdits > 10, `${records.length} documents, ${ruleEdits} ${RULE} edits`);

    const { page, events } = await open(browser, page_);
    assert.equal(await text(page, "#count-docs"), String(records.length));
    assert.equal(await text(page, "#count-edits"), String(edits));
    assert.equal(await text(page, "#count-accepted"), String(edits));
    assert.equal(await text(page, `#rules tr[data-rule="${RULE}"] td.num`), String(ruleEdits));
    if (SCREENSHOTS) {
      await page.screenshot({ path: path.join(ROOT, "docs/review-summary.png") });
      // A document, with the tooltip of a merged edit and its parts.
      const merged = page.locator('.doc .edit[data-codes="P105 C101"]').first();
      await merged.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 260));
      await merged.hover();
      await page.screenshot({ path: path.join(ROOT, "docs/review-document.png") });
      await page.evaluate(() => window.scrollTo(0, 0));
    }

    // One edit off and on again.
    const one = page.locator(".edit").first();
    await one.click();
    assert.equal(await text(page, "#count-accepted"), String(edits - 1));
    assert.ok(await one.evaluate((e) => e.classList.contains("rejected")));
    await one.click();
    assert.equal(await text(page, "#count-accepted"), String(edits));

    // The rule off.
    await page.click(`#rules tr[data-rule="${RULE}"] .reject-rule`);
    assert.equal(await text(page, "#count-accepted"), String(edits - ruleEdits));
    assert.equal(await text(page, `#rules tr[data-rule="${RULE}"] td.accepted`), "0");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const trimmed = path.join(WORK, "trimmed.jsonl");
    await download.saveAs(trimmed);
    const kept = fs.readFileSync(trimmed, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(kept.length, records.length);
    assert.ok(kept.every((r) => r.edits.every((e) => !e.codes.includes(RULE))));

    const applied = rinse(["apply", "-q", trimmed]);
    const without = rinse(["clean", "-q", "--ignore", RULE, ...inputs]);
    assert.ok(applied.equals(without), "apply(trimmed report) differs from clean --ignore " + RULE);
    // The page has the edits `clean` makes of the batch (furniture learned from it included).
    assert.ok(rinse(["apply", "-q", full]).equals(rinse(["clean", "-q", ...inputs])));
    const withRule = rinse(["clean", "-q", ...inputs]);
    assert.ok(!applied.equals(withRule), "the rule made no difference");
    assert.deepEqual([events.dialogs, events.errors, events.requests], [0, [], []]);
    await page.close();
  });

  await test("a merged edit is rejected in part: the lowered capital goes, the inserted space stays", async () => {
    const records = fs.readFileSync(path.join(WORK, "full.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const { page } = await open(browser, path.join(WORK, "samples.html"));
    const target = page.locator('.edit[data-codes="P105 C101"]').first();
    const [doc, idx] = await target.evaluate((e) => [Number(e.dataset.doc), Number(e.dataset.edit)]);
    const edit = records[doc].edits[idx];
    assert.equal(edit.parts.length, 2);
    await target.locator('.code[data-part="1"]').click();
    assert.equal(await target.locator("ins").textContent(), edit.parts[0].after.replace(/\n/g, "\u21b5\n"));
    assert.equal(await text(page, "#count-partial"), "1");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const trimmed = path.join(WORK, "partial.jsonl");
    await download.saveAs(trimmed);
    const kept = fs.readFileSync(trimmed, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(kept[doc].edits[idx].parts, edit.parts.slice(0, 1));
    // Expected: every edit whole, that one only up to its first part (spliced here, in bytes).
    const expected = records.map((r, i) => {
      const src = fs.readFileSync(path.join(ROOT, r.input));
      const out = [];
      let at = 0;
      r.edits.forEach((e, j) => {
        out.push(src.subarray(at, e.start), Buffer.from(i === doc && j === idx ? e.parts[0].after : e.after));
        at = e.end;
      });
      out.push(src.subarray(at));
      return Buffer.concat(out);
    });
    assert.ok(rinse(["apply", "-q", trimmed]).equals(Buffer.concat(expected)));
    await page.close();
  });

  await test("filters and search narrow the documents shown", async () => {
    const { page } = await open(browser, path.join(WORK, "samples.html"));
    const all = await text(page, "#shown");
    await page.fill("#search", "yichang");
    await page.waitForFunction((a) => document.getElementById("shown").textContent !== a, all);
    assert.match(await text(page, "#shown"), /^1 of /);
    await page.fill("#search", "");
    await page.waitForFunction((a) => document.getElementById("shown").textContent === a, all);
    // Only the N family: documents without number edits drop out.
    for (const box of await page.$$("#families input")) {
      if ((await box.getAttribute("value")) !== "N") await box.uncheck();
    }
    const n = Number((await text(page, "#shown")).split(" ")[0]);
    const total = Number(await text(page, "#count-docs"));
    assert.ok(n > 0 && n < total, `${n} of ${total}`);
    assert.equal(await page.$$eval(".edit:not(.dim)", (es) => es.every((e) => e.dataset.codes.split(" ").some((c) => c[0] === "N"))), true);
    await page.close();
  });

  await test("hostile text runs no script and shows as text", async () => {
    const payloads = [
      "<script>window.__pwned=1;alert(1)</script>",
      '"><img src=x onerror="window.__pwned=2;alert(2)">',
      "</script><script>window.__pwned=3</script>",
      "<!--<script>",
      "RTL \u202Egnp.exe\u202C and NUL \u0000 here",
    ];
    const lines = payloads.map((p, i) => JSON.stringify({ id: i ? `doc ${i}` : "</script><svg onload=alert(4)>", text: `growth,It is ${p} here。Next line。\n` }));
    const corpus = path.join(WORK, "xss.jsonl");
    fs.writeFileSync(corpus, lines.join("\n") + "\n");
    const file = path.join(WORK, "xss.html");
    rinse(["review", "-q", "--jsonl", "-o", file, corpus]);
    const { page, events } = await open(browser, file);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(events.dialogs, 0);
    assert.deepEqual(events.errors, []);
    assert.equal(await page.$$eval("img, svg, iframe, object", (e) => e.length), 0);
    assert.equal(await page.$$eval("script", (e) => e.length), 2);
    // The original side: the text with the inserted parts and code labels left out.
    const body = await page.evaluate(() => {
      const docs = document.getElementById("docs").cloneNode(true);
      docs.querySelectorAll("ins, .code, h3").forEach((e) => e.remove());
      return docs.textContent;
    });
    for (const p of payloads.slice(0, 4)) assert.ok(body.includes(p), "not shown as text: " + p);
    assert.ok(body.includes("U+202E") && body.includes("U+0000"), "controls not shown");
    assert.ok(!body.includes("\u202E") && !body.includes("\u0000"), "raw controls in the page");
    assert.ok((await text(page, "#docs")).includes("</script><svg onload=alert(4)>"));
    await page.close();
  });

  await test("a page with 100,000 edits opens in under 2 s", async () => {
    // The seeds, repeated until they carry 100,000 edits.
    const full = fs.readFileSync(path.join(WORK, "full.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const seedDocs = full.filter((r) => r.input.startsWith("seeds/"));
    const perRound = seedDocs.reduce((n, r) => n + r.edits.length, 0);
    const rounds = Math.ceil(102000 / perRound); // margin: furniture learned from the repeats merges some
    const texts = seedDocs.map((r) => fs.readFileSync(path.join(ROOT, r.input), "utf8"));
    const out = fs.openSync(path.join(WORK, "big.jsonl"), "w");
    for (let i = 0; i < rounds; i++) texts.forEach((t, j) => fs.writeSync(out, JSON.stringify({ id: `${i}-${j}`, text: t }) + "\n"));
    fs.closeSync(out);
    const file = path.join(WORK, "big.html");
    rinse(["review", "-q", "--jsonl", "-o", file, path.join(WORK, "big.jsonl")]);
    // The best of three opens: the machine may be busy with other builds.
    const times = [];
    for (let k = 0; k < 2; k++) {
      const o = await open(browser, file);
      times.push(o.openMs);
      await o.page.close();
    }
    const { page, openMs, events } = await open(browser, file);
    times.push(openMs);
    const edits = Number(await text(page, "#count-edits"));
    assert.ok(edits >= 100000, `${edits} edits`);
    const inPage = await page.evaluate(() => JSON.stringify(window.__rinseTimings));
    console.log(`     ${edits} edits in ${(fs.statSync(file).size / 1e6).toFixed(1)} MB: open ${times.join(", ")} ms (script: ${inPage})`);
    assert.ok(Math.min(...times) < OPEN_BUDGET_MS, `opened in ${times} ms`);
    // Rejecting a rule over all of them stays interactive.
    const t0 = Date.now();
    await page.click(`#rules tr[data-rule="${RULE}"] .reject-rule`);
    assert.ok(Date.now() - t0 < OPEN_BUDGET_MS, `reject all took ${Date.now() - t0} ms`);
    assert.deepEqual(events.errors, []);
    await page.close();
  });

  await browser.close();
  if (failures) {
    console.log(`${failures} browser test(s) failed`);
    process.exit(1);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
