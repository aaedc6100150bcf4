#!/usr/bin/env bash
# Whole-process throughput of `rinse clean` on the deterministic seed corpora.
#
#   bench/throughput.sh            # 20 MB text corpus, single thread (whole process,
#                                  # and the pipeline in-process: examples/throughput.rs)
#   bench/throughput.sh --jsonl    # also the 200 MB JSONL corpus at -j 1 and -j 2, with peak RSS
#
# Corpora come from ../shared/bench/make-corpus.py (cached in bench/out/).
set -euo pipefail
cd "$(dirname "$0")/.."
MAKE=../shared/bench/make-corpus.py
OUT=bench/out
mkdir -p "$OUT"
cargo build --release -q --bin rinse --example throughput
BIN=target/release/rinse

[ -s "$OUT/corpus20.txt" ] || python3 "$MAKE" 20 "$OUT/corpus20.txt"

# seconds of the best of N runs of a command
best() {
  local n=$1; shift
  local best=""
  for _ in $(seq "$n"); do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

bytes=$(stat -c %s "$OUT/corpus20.txt")
t=$(best 7 "$BIN" clean -q -j 1 "$OUT/corpus20.txt")
printf 'text  20 MB, one document,  -j 1: %8.1f MB/s (%.3f s)\n' "$(echo "$bytes / 1000000 / $t" | bc -l)" "$t"

# The pipeline alone (no process start, file I/O or JSON), best of 5.
target/release/examples/throughput "$OUT/corpus20.txt" 5 | sed 's/^/pipeline in-process, /'

if [ ! -s "$OUT/corpus20.jsonl" ]; then python3 "$MAKE" 20 "$OUT/corpus20.jsonl" --jsonl; fi
bytes=$(stat -c %s "$OUT/corpus20.jsonl")
t=$(best 3 "$BIN" clean -q --jsonl -j 1 "$OUT/corpus20.jsonl")
printf 'jsonl 20 MB, per record,     -j 1: %8.1f MB/s (%.3f s)\n' "$(echo "$bytes / 1000000 / $t" | bc -l)" "$t"

if [ "${1:-}" = "--jsonl" ]; then
  [ -s "$OUT/corpus200.jsonl" ] || python3 "$MAKE" 200 "$OUT/corpus200.jsonl" --jsonl
  bytes=$(stat -c %s "$OUT/corpus200.jsonl")
  for j in 1 2; do
    t=$(best 1 "$BIN" clean -q --jsonl -j "$j" "$OUT/corpus200.jsonl" -o /dev/null)
    rss=$( { /usr/bin/time -f '%M' "$BIN" clean -q --jsonl -j "$j" "$OUT/corpus200.jsonl" -o /dev/null; } 2>&1 >/dev/null | tail -1)
    printf 'jsonl 200 MB,               -j %s: %8.1f MB/s (%.2f s), peak RSS %s MB\n' "$j" "$(echo "$bytes / 1000000 / $t" | bc -l)" "$t" "$((rss / 1024))"
  done
fi
