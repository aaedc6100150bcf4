#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seed inputs: the samples in seeds/, the
# development pages, the encoding fixtures, and the reproductions of issue 18.
# The corpus is not committed (fuzzing grows it); run this before fuzzing.
# With a release build of rinse (target/release/rinse), `apply` also gets real
# reports of the samples.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/clean corpus/decode corpus/apply corpus/jsonl_record
for f in "$root"/seeds/*.txt "$root"/fixtures/pages/*.txt "$root"/fixtures/encodings/*; do
  [ -f "$f" ] || continue
  cp "$f" corpus/clean/
  # decode: first byte picks the encoding.
  for k in 0 1 2 3 4 5; do { printf "\\x0$k"; head -c 4096 "$f"; } > "corpus/decode/$k-$(basename "$f")"; done
done
python3 - <<'PY'
import json, os
repro = {
    "fw-run": "。" * 2000,
    "fw-run-spaces": "。 " * 1000,
    "cyr-fw": "б。" * 1000,
    "ideo-chain": "e" + "、" * 40,
    "or-chain": "or.Ar.At.Ar.At.Ar.At.Ar.At.Ar",
    "date-chain": "date 2025-02-06 " * 9 + "Body text.\n",
    "amounts": "It rose to 1.2.7 billion yuan,It said 。The firm (GPU）said “yes” &amp; <p>more</p>\n",
}
for name, text in repro.items():
    open(f"corpus/clean/repro-{name}", "w").write(text)
    line = json.dumps({"id": name, "text": text, "n": 1.50}, ensure_ascii=False)
    open(f"corpus/jsonl_record/repro-{name}", "w").write(line + "\n")
open("corpus/jsonl_record/escapes", "w").write('{"id":"x","text":"a\\u0020\\"b\\"\\n\\ud83d\\ude00  c"}\r\n')
open("corpus/apply/hand", "wb").write(b"Hello  world.\0" + json.dumps({
    "input_sha256": "", "decode": {"encoding": "UTF-8", "bom": False},
    "edits": [{"start": 5, "end": 7, "before": "  ", "after": " ", "codes": ["W101"], "line": 1, "col": 6}],
}).encode())
PY
rinse="$root/target/release/rinse"
if [ -x "$rinse" ]; then
  for f in "$root"/seeds/*.txt; do
    { cat "$f"; printf '\0'; "$rinse" clean -q --report - -o /dev/null "$f" 2>/dev/null || true; } > "corpus/apply/$(basename "$f")"
  done
fi
echo "corpus: $(find corpus -type f | wc -l) files"
