#!/usr/bin/env bash
# Fingerprint of rinse's behaviour for performance work: the SHA-256 of the
# cleaned text and of the JSON report of every seed, every realworld page and
# the 20 MB corpus, under the default config and under `--cjk drop`/`mark`.
# A speed-up must not change it:
#
#   bench/same-output.sh > before.txt   # on main
#   bench/same-output.sh | diff before.txt -
#
# The report's hash lines (`input_hash`/`output_hash`, or `input_sha256`/
# `output_sha256` in reports of older binaries) are left out of its
# fingerprint, so binaries on either side of the change of hash compare.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${BIN:-}" ] || cargo build --release -q
BIN=${BIN:-target/release/rinse}
[ -s bench/out/corpus20.txt ] || python3 ../shared/bench/make-corpus.py 20 bench/out/corpus20.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in seeds/*.txt ../shared/realworld/*.txt bench/out/corpus20.txt; do
  for cjk in keep drop mark; do
    "$BIN" clean -q -j 1 --cjk "$cjk" --report "$tmp/r.json" -o "$tmp/o.txt" "$f"
    printf '%s %-5s %s %s\n' "$(basename "$f")" "$cjk" \
      "$(sha256sum < "$tmp/o.txt" | cut -c1-16)" \
      "$(grep -v -E '^  "(input|output)_(hash|sha256)": ' "$tmp/r.json" | sha256sum | cut -c1-16)"
  done
done
