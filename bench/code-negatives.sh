#!/usr/bin/env bash
# Precision on technical pages: the Rust documentation that rustup installs
# (book, reference, nomicon, rust-by-example, cargo, rustc, edition guide,
# embedded book, style guide), each page's <main> text extracted as a
# scraper would (<pre> listings become plain lines), one JSONL record per
# page. The text is correct English with code; every edit rinse makes on it
# is one it should not. Prints, per binary, the share of non-blank input
# lines that come out verbatim and the documents left unchanged:
#
#   bench/code-negatives.sh [BIN...]      # default: target/release/rinse
#
# Needs the rust-docs component (`rustup component add rust-docs`).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { cargo build --release -q --bin rinse; set -- target/release/rinse; }
mkdir -p bench/out
docs=$(ls -d "$(rustc --print sysroot)"/share/doc/rust/html 2>/dev/null || ls -d ~/.rustup/toolchains/*/share/doc/rust/html | head -1)
[ -d "$docs/book" ] || { echo "no Rust documentation under $docs (rustup component add rust-docs)" >&2; exit 2; }
python3 - "$docs" bench/out/code-negatives.jsonl <<'PY'
import os, re, json, sys
from html.parser import HTMLParser
root, out = sys.argv[1], sys.argv[2]
BLOCK = {"p","div","h1","h2","h3","h4","h5","h6","li","pre","tr","br","section","blockquote","dt","dd","table","ul","ol"}
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.out = []; s.inmain = 0; s.skip = 0
    def handle_starttag(s, t, a):
        if t == "main": s.inmain += 1
        if t in ("script", "style", "nav"): s.skip += 1
        if t in BLOCK and s.inmain: s.out.append("\n")
    def handle_endtag(s, t):
        if t == "main": s.inmain -= 1
        if t in ("script", "style", "nav"): s.skip -= 1
        if t in BLOCK and s.inmain: s.out.append("\n")
    def handle_data(s, d):
        if s.inmain and not s.skip: s.out.append(d)
docs = []
for d in ["book", "reference", "nomicon", "rust-by-example", "cargo", "rustc", "edition-guide", "embedded-book", "style-guide"]:
    for dp, _, fs in sorted(os.walk(os.path.join(root, d))):
        for f in sorted(fs):
            if not f.endswith(".html") or f == "print.html": continue
            p = P()
            try: p.feed(open(os.path.join(dp, f), encoding="utf-8").read())
            except Exception: continue
            t = re.sub(r"[ \t]+\n", "\n", "".join(p.out))
            t = re.sub(r"\n{3,}", "\n\n", t).strip()
            if len(t) > 200: docs.append(t + "\n")
with open(out, "w") as o:
    for i, t in enumerate(docs): o.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
PY
for bin in "$@"; do
  "$bin" clean -q --jsonl bench/out/code-negatives.jsonl > bench/out/code-negatives.out.jsonl 2>/dev/null
  python3 - "$bin" <<'PY'
import json, collections, sys
inp = [json.loads(l)["text"] for l in open("bench/out/code-negatives.jsonl")]
out = [json.loads(l)["text"] for l in open("bench/out/code-negatives.out.jsonl")]
kept = total = same = 0
for a, b in zip(inp, out):
    I = collections.Counter(l for l in a.splitlines() if l.strip())
    kept += sum((I & collections.Counter(b.splitlines())).values()); total += sum(I.values()); same += a == b
print(f"{sys.argv[1]}: {len(inp)} documents, {same} unchanged; non-blank input lines kept verbatim {kept}/{total} = {kept/total:.1%}")
PY
done
