// rinse review page. Data comes from the JSON element #rinse-data; every
// string from it reaches the page through textContent or createTextNode,
// never as HTML. Documents are drawn a page at a time.
"use strict";
(function () {
  const T0 = performance.now();
  const DATA = JSON.parse(document.getElementById("rinse-data").textContent);
  window.__rinseTimings = { parse: performance.now() - T0 };
  const PAGE = 20;
  const LEVELS = ["safe", "review", "suggest"];
  const docs = DATA.docs;
  const rules = DATA.rules;
  // Edits arrive compact (see src/cli/review.rs): rebuild the report's
  // edit objects, sharing the codes and reasons arrays. Per document:
  // d.off holds the UTF-16 offsets in d.text; d.keep how much of each edit
  // is accepted: 0 (rejected) up to its number of parts (1 for an edit of
  // one change). A merged edit's parts form a chain: part j depends on
  // part j - 1, so what is kept is always a prefix.
  // An edit read from its compact row (fields on demand: a page of
  // 100,000 edits makes 100,000 small objects, nothing more).
  class Edit {
    constructor(d, row) { this.d = d; this.row = row; }
    get start() { return this.row[2]; }
    get end() { return this.row[3]; }
    get before() { return this.d.text.slice(this.row[0], this.row[1]); }
    get after() { return this.row[6]; }
    get codes() { return DATA.codes[this.row[7]]; }
    get confidence() { return DATA.levels[this.row[8]]; }
    get reasons() { return DATA.reasons[this.row[9]]; }
    get parts() {
      const p = this.row[10];
      if (!p) return undefined;
      if (!this._parts) {
        this._parts = p.map(([c, l, r, after], n) => ({ n, codes: DATA.codes[c], confidence: DATA.levels[l], reasons: DATA.reasons[r], after }));
      }
      return this._parts;
    }
    // The report's edit, its chain cut to `keep` parts.
    toReport(keep) {
      const r = this.row;
      const e = { start: r[2], end: r[3], line: r[4], column: r[5], before: this.before, after: r[6],
        codes: this.codes, confidence: this.confidence, reasons: this.reasons };
      if (this.parts) e.parts = this.parts.slice(0, keep);
      return e;
    }
  }
  for (const d of docs) {
    const n = d.edits.length;
    d.off = new Array(n);
    d.list = new Array(n);
    d.keep = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const row = d.edits[i];
      d.off[i] = row;
      d.list[i] = new Edit(d, row);
      d.keep[i] = row[10] ? row[10].length : 1;
    }
    d.edits = null;
  }
  window.__rinseTimings.expand = performance.now() - T0;
  function full(e) { return e.row[10] ? e.row[10].length : 1; }
  // Whether the changes of rule `code` in edit e are kept with `keep` parts.
  function keptFor(e, keep, code) {
    const parts = e.row[10];
    if (!parts) return keep > 0;
    for (let j = 0; j < keep; j++) if (DATA.codes[parts[j][0]].includes(code)) return true;
    return false;
  }

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // Characters that would hide or reorder text (controls, bidi overrides,
  // zero-width marks) are drawn as visible labels.
  const RISKY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
  const RISKY_G = new RegExp(RISKY.source, "g");
  function appendText(parent, s, visibleSpace) {
    if (visibleSpace) s = s.replace(/\n/g, "\u21b5\n").replace(/\t/g, "\u2192\t").replace(/\u00a0/g, "\u237d");
    if (!RISKY.test(s)) {
      parent.appendChild(document.createTextNode(s));
      return;
    }
    let last = 0;
    s.replace(RISKY_G, (c, at) => {
      if (at > last) parent.appendChild(document.createTextNode(s.slice(last, at)));
      parent.appendChild(el("span", "ctl", "U+" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")));
      last = at + c.length;
      return c;
    });
    if (last < s.length) parent.appendChild(document.createTextNode(s.slice(last)));
  }

  // ---------------------------------------------------------------- counts
  const byRule = new Map(); // code -> {n, accepted}
  const byLevel = new Map();
  let total = 0;
  for (const d of docs) {
    for (const e of d.list) {
      total++;
      for (const c of e.codes) {
        if (!byRule.has(c)) byRule.set(c, { n: 0 });
        byRule.get(c).n++;
      }
      byLevel.set(e.confidence, (byLevel.get(e.confidence) || 0) + 1);
    }
  }
  const codes = [...byRule.keys()].sort((a, b) => byRule.get(b).n - byRule.get(a).n || (a < b ? -1 : 1));
  const families = [...new Set(codes.map((c) => c[0]))].sort();

  // [accepted whole, partly, rejected] edits.
  function tally() {
    const t = [0, 0, 0];
    for (const d of docs) {
      const es = d.list;
      for (let i = 0; i < es.length; i++) t[d.keep[i] === 0 ? 2 : d.keep[i] === full(es[i]) ? 0 : 1]++;
    }
    return t;
  }

  $("title").textContent = DATA.title;
  document.title = "rinse review: " + DATA.title;
  $("count-docs").textContent = docs.length;
  $("count-edits").textContent = total;

  const ruleRows = new Map();
  function drawSummary() {
    const max = Math.max(1, ...codes.map((c) => byRule.get(c).n));
    const body = document.querySelector("#rules tbody");
    for (const c of codes) {
      const r = rules[c] || { name: "", summary: "", explain: "" };
      const tr = el("tr");
      tr.dataset.rule = c;
      const code = el("td", "rulecode", c);
      code.title = r.summary;
      tr.appendChild(code);
      tr.appendChild(el("td", "name", r.name));
      tr.appendChild(el("td", "num", String(byRule.get(c).n)));
      const barCell = el("td", "barcell");
      const bar = el("div", "bar");
      bar.style.width = (100 * byRule.get(c).n / max) + "%";
      barCell.appendChild(bar);
      tr.appendChild(barCell);
      const acc = el("td", "accepted");
      tr.appendChild(acc);
      const btns = el("td");
      const yes = el("button", "accept-rule", "accept all");
      yes.type = "button";
      yes.onclick = () => setRule(c, false);
      const no = el("button", "reject-rule", "reject all");
      no.type = "button";
      no.onclick = () => setRule(c, true);
      btns.append(yes, " ", no);
      tr.appendChild(btns);
      body.appendChild(tr);
      ruleRows.set(c, acc);
      tipOn(code, c);
    }
    if (!codes.length) body.appendChild(el("tr")).appendChild(el("td", "empty", "No edits."));
    const lbody = document.querySelector("#confidence tbody");
    const lmax = Math.max(1, ...byLevel.values());
    for (const l of LEVELS) {
      const n = byLevel.get(l) || 0;
      const tr = el("tr");
      tr.dataset.level = l;
      tr.appendChild(el("td", "", l));
      tr.appendChild(el("td", "num", String(n)));
      const barCell = el("td", "barcell");
      const bar = el("div", "bar " + l);
      bar.style.width = (100 * n / lmax) + "%";
      barCell.appendChild(bar);
      tr.appendChild(barCell);
      lbody.appendChild(tr);
    }
  }

  function updateCounts() {
    const [yes, partly, no] = tally();
    $("count-accepted").textContent = yes;
    $("count-partial").textContent = partly;
    $("count-rejected").textContent = no;
    // Edits whose change by the rule is kept, per rule, in one sweep.
    const acc = new Map();
    for (const d of docs) {
      const es = d.list;
      for (let i = 0; i < es.length; i++) {
        const k = d.keep[i];
        if (k === 0) continue;
        const row = es[i].row;
        for (const c of DATA.codes[row[7]]) if (!row[10] || keptFor(es[i], k, c)) acc.set(c, (acc.get(c) || 0) + 1);
      }
    }
    for (const [c, cell] of ruleRows) cell.textContent = String(acc.get(c) || 0);
  }

  // Accept (reject = false) or reject every change of a rule. In a chain,
  // accepting a part accepts the parts it depends on; rejecting one
  // rejects the parts that depend on it.
  function setRule(code, reject) {
    for (const d of docs) {
      d.list.forEach((e, i) => {
        if (!e.codes.includes(code)) return;
        if (!e.parts) { d.keep[i] = reject ? 0 : 1; return; }
        const at = e.parts.map((p) => p.codes.includes(code));
        d.keep[i] = reject ? Math.min(d.keep[i], at.indexOf(true)) : Math.max(d.keep[i], at.lastIndexOf(true) + 1);
      });
    }
    updateCounts();
    drawDocs();
  }

  // ---------------------------------------------------------------- filters
  const famOn = new Set(families);
  const levelOn = new Set(LEVELS);
  let query = "";
  function checkbox(parent, value, set, label) {
    const l = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.onchange = () => { box.checked ? set.add(value) : set.delete(value); page = 0; drawDocs(); };
    l.append(box, " " + label);
    parent.appendChild(l);
  }
  for (const f of families) checkbox($("families"), f, famOn, f);
  for (const l of LEVELS) checkbox($("levels"), l, levelOn, l);
  let searchTimer = 0;
  $("search").oninput = (ev) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { query = ev.target.value.toLowerCase(); page = 0; drawDocs(); }, 150);
  };

  function editShown(e) {
    if (!levelOn.has(e.confidence)) return false;
    if (!e.codes.some((c) => famOn.has(c[0]))) return false;
    return true;
  }
  function editMatches(d, e) {
    if (!query) return true;
    return e.before.toLowerCase().includes(query) || e.after.toLowerCase().includes(query) ||
      e.codes.some((c) => c.toLowerCase() === query) || e.reasons.some((r) => r.toLowerCase().includes(query));
  }
  // Documents with at least one edit that passes the filters (all
  // documents when no filter is narrowed and nothing is searched).
  function visibleDocs() {
    const narrowed = famOn.size < families.length || levelOn.size < LEVELS.length || query;
    if (!narrowed) return docs;
    return docs.filter((d) => {
      const nameHit = query && d.name.toLowerCase().includes(query);
      return d.list.some((e) => editShown(e) && (nameHit || editMatches(d, e)));
    });
  }

  // ---------------------------------------------------------------- documents
  let page = 0;
  const tip = $("tip");
  function tipOn(node, code, edit) {
    node.addEventListener("mouseenter", (ev) => {
      tip.textContent = "";
      if (edit) {
        tip.appendChild(el("b", "", edit.codes.join("+") + "  (" + edit.confidence + ")"));
        tip.appendChild(document.createTextNode("\n" + edit.reasons.join("; ") + "\n\n"));
        if (edit.parts) {
          tip.appendChild(document.createTextNode("Parts (each depends on the one before; click a code to cut or extend the chain):\n"));
          edit.parts.forEach((p, j) => {
            tip.appendChild(document.createTextNode(`${j + 1}. ${p.codes.join("+")} → `));
            appendText(tip, JSON.stringify(p.after));
            tip.appendChild(document.createTextNode("\n"));
          });
          tip.appendChild(document.createTextNode("\n"));
        }
      }
      for (const c of edit ? edit.codes : [code]) {
        const r = rules[c];
        if (!r) continue;
        tip.appendChild(el("b", "", c + " " + r.name));
        appendText(tip, "\n" + r.explain + "\n\n");
      }
      tip.hidden = false;
      const x = Math.min(ev.clientX + 12, window.innerWidth - 580);
      tip.style.left = Math.max(0, x) + "px";
      tip.style.top = Math.min(ev.clientY + 14, window.innerHeight * 0.4) + "px";
    });
    node.addEventListener("mouseleave", () => { tip.hidden = true; });
  }

  // An edit: the removed text, the inserted text (as far as its accepted
  // parts go) and its rule codes. A click on the edit rejects or accepts
  // it whole; a click on one code of a merged edit keeps the chain up to
  // that part, or cuts it before that part.
  function drawEdit(d, i) {
    const e = d.list[i];
    const span = el("span", "edit");
    span.dataset.doc = d.index;
    span.dataset.edit = i;
    span.dataset.codes = e.codes.join(" ");
    if (!editShown(e) || !editMatches(d, e)) span.classList.add("dim");
    const fill = () => {
      span.textContent = "";
      const k = d.keep[i];
      span.classList.toggle("rejected", k === 0);
      span.classList.toggle("partial", k > 0 && k < full(e));
      const after = k === 0 ? "" : e.parts ? e.parts[k - 1].after : e.after;
      if (e.before) appendText(span.appendChild(el("del")), e.before, true);
      if (after) appendText(span.appendChild(el("ins")), after, true);
      if (!e.parts) {
        span.appendChild(el("span", "code", e.codes.join("+")));
        return;
      }
      e.parts.forEach((p, j) => {
        const code = el("span", "code part" + (j < k ? "" : " off"), (j ? "+" : "") + p.codes.join("+"));
        code.dataset.part = j;
        code.title = (j < k ? "click: reject from here on" : "click: accept up to here") + " (" + p.reasons.join("; ") + ")";
        code.onclick = (ev) => {
          ev.stopPropagation();
          d.keep[i] = j < k ? j : j + 1;
          fill();
          updateCounts();
        };
        span.appendChild(code);
      });
    };
    span.onclick = () => {
      d.keep[i] = d.keep[i] > 0 ? 0 : full(e);
      fill();
      updateCounts();
    };
    fill();
    tipOn(span, null, e);
    return span;
  }

  function drawDoc(d) {
    const box = el("article", "doc");
    box.dataset.doc = d.index;
    const h = el("h3");
    h.appendChild(el("span", "docname", d.name));
    h.appendChild(el("span", "n", d.list.length + " edits"));
    const yes = el("button", "accept-doc", "accept all");
    yes.type = "button";
    const no = el("button", "reject-doc", "reject all");
    no.type = "button";
    h.append(yes, no);
    box.appendChild(h);
    const body = el("div", "body");
    const draw = () => {
      body.textContent = "";
      let at = 0;
      const frag = document.createDocumentFragment();
      for (let i = 0; i < d.off.length; i++) {
        const [s, t] = d.off[i];
        if (s > at) appendText(frag, d.text.slice(at, s), false);
        frag.appendChild(drawEdit(d, i));
        at = t;
      }
      if (at < d.text.length) appendText(frag, d.text.slice(at), false);
      body.appendChild(frag);
    };
    yes.onclick = () => { d.list.forEach((e, i) => { d.keep[i] = full(e); }); updateCounts(); draw(); };
    no.onclick = () => { d.keep.fill(0); updateCounts(); draw(); };
    draw();
    box.appendChild(body);
    return box;
  }

  function drawDocs() {
    const list = visibleDocs();
    const pages = Math.max(1, Math.ceil(list.length / PAGE));
    page = Math.min(page, pages - 1);
    const host = $("docs");
    host.textContent = "";
    const slice = list.slice(page * PAGE, page * PAGE + PAGE);
    for (const d of slice) host.appendChild(drawDoc(d));
    if (!slice.length) host.appendChild(el("p", "empty", "No document matches."));
    for (const p of document.querySelectorAll(".page")) p.textContent = "page " + (page + 1) + " of " + pages;
    for (const b of document.querySelectorAll(".prev")) b.disabled = page === 0;
    for (const b of document.querySelectorAll(".next")) b.disabled = page + 1 >= pages;
    $("shown").textContent = list.length + " of " + docs.length + " documents shown";
  }
  for (const b of document.querySelectorAll(".prev")) b.onclick = () => { page--; drawDocs(); window.scrollTo(0, $("docs").offsetTop - 60); };
  for (const b of document.querySelectorAll(".next")) b.onclick = () => { page++; drawDocs(); window.scrollTo(0, $("docs").offsetTop - 60); };

  // ---------------------------------------------------------------- download
  // The corpus report (one JSON report per line) with only accepted edits;
  // counts follow the edits kept. `rinse apply` replays it.
  function trimmedReport() {
    const lines = [];
    for (const d of docs) {
      const rec = Object.assign({}, d.rec);
      rec.edits = [];
      const counts = {};
      d.list.forEach((e, i) => {
        const k = d.keep[i];
        if (k === 0) return;
        rec.edits.push(e.toReport(k));
        for (const c of e.codes) if (keptFor(e, k, c)) counts[c] = (counts[c] || 0) + 1;
      });
      rec.counts = Object.fromEntries(Object.keys(counts).sort().map((k) => [k, counts[k]]));
      lines.push(JSON.stringify(rec));
    }
    return lines.join("\n") + "\n";
  }
  $("download").onclick = () => {
    const blob = new Blob([trimmedReport()], { type: "application/x-ndjson" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = "rinse-report.trimmed.jsonl";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  };

  docs.forEach((d, i) => { d.index = i; });
  drawSummary();
  window.__rinseTimings.summary = performance.now() - T0;
  updateCounts();
  window.__rinseTimings.counts = performance.now() - T0;
  drawDocs();
  window.__rinseTimings.docs = performance.now() - T0;
  document.body.dataset.ready = "1";
})();
