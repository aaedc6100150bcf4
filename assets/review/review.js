// rinse review page. Data comes from the JSON element #rinse-data; every
// string from it reaches the page through textContent or createTextNode,
// never as HTML. Documents are drawn a page at a time.
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("rinse-data").textContent);
  const PAGE = 20;
  const LEVELS = ["safe", "review", "suggest"];
  const docs = DATA.docs;
  const rules = DATA.rules;
  // Edits arrive compact (see src/cli/review.rs): rebuild the report's
  // edit objects, sharing the codes and reasons arrays. Per document:
  // d.off holds the UTF-16 offsets in d.text, d.rej a flag per edit (1 = rejected).
  for (const d of docs) {
    const n = d.edits.length;
    d.off = new Array(n);
    d.rec.edits = new Array(n);
    for (let i = 0; i < n; i++) {
      const [a, b, start, end, line, column, after, c, l, r] = d.edits[i];
      d.off[i] = [a, b];
      d.rec.edits[i] = { start, end, line, column, before: d.text.slice(a, b), after,
        codes: DATA.codes[c], confidence: DATA.levels[l], reasons: DATA.reasons[r] };
    }
    d.edits = null;
    d.rej = new Uint8Array(n);
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
    for (const e of d.rec.edits) {
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

  function rejectedCount() {
    let n = 0;
    for (const d of docs) for (let i = 0; i < d.rej.length; i++) n += d.rej[i];
    return n;
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
      yes.onclick = () => setRule(c, 0);
      const no = el("button", "reject-rule", "reject all");
      no.type = "button";
      no.onclick = () => setRule(c, 1);
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
    const rej = rejectedCount();
    $("count-accepted").textContent = total - rej;
    $("count-rejected").textContent = rej;
    // Accepted edits per rule, in one sweep.
    const acc = new Map();
    for (const d of docs) {
      const es = d.rec.edits;
      for (let i = 0; i < es.length; i++) if (!d.rej[i]) for (const c of es[i].codes) acc.set(c, (acc.get(c) || 0) + 1);
    }
    for (const [c, cell] of ruleRows) cell.textContent = String(acc.get(c) || 0);
  }

  function setRule(code, value) {
    for (const d of docs) d.rec.edits.forEach((e, i) => { if (e.codes.includes(code)) d.rej[i] = value; });
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
      return d.rec.edits.some((e) => editShown(e) && (nameHit || editMatches(d, e)));
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

  function drawEdit(d, i) {
    const e = d.rec.edits[i];
    const span = el("span", "edit");
    span.dataset.doc = d.index;
    span.dataset.edit = i;
    span.dataset.codes = e.codes.join(" ");
    if (d.rej[i]) span.classList.add("rejected");
    if (!editShown(e) || !editMatches(d, e)) span.classList.add("dim");
    if (e.before) appendText(span.appendChild(el("del")), e.before, true);
    if (e.after) appendText(span.appendChild(el("ins")), e.after, true);
    span.appendChild(el("span", "code", e.codes.join("+")));
    span.onclick = () => {
      d.rej[i] ^= 1;
      span.classList.toggle("rejected", d.rej[i] === 1);
      updateCounts();
    };
    tipOn(span, null, e);
    return span;
  }

  function drawDoc(d) {
    const box = el("article", "doc");
    box.dataset.doc = d.index;
    const h = el("h3");
    h.appendChild(el("span", "docname", d.name));
    h.appendChild(el("span", "n", d.rec.edits.length + " edits"));
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
    yes.onclick = () => { d.rej.fill(0); updateCounts(); draw(); };
    no.onclick = () => { d.rej.fill(1); updateCounts(); draw(); };
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
      rec.edits = d.rec.edits.filter((_, i) => !d.rej[i]);
      const counts = {};
      for (const e of rec.edits) for (const c of e.codes) counts[c] = (counts[c] || 0) + 1;
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
  updateCounts();
  drawDocs();
  document.body.dataset.ready = "1";
})();
