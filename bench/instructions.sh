#!/usr/bin/env bash
# Instructions per input byte and at start-up of `rinse clean -q -j 1`,
# counted by valgrind's cachegrind on 2 MB and 4 MB slices of the 20 MB
# corpus (the difference over 2 MB is the per-byte cost, the rest is
# start-up). Unlike timings, these counts do not move with machine load, so
# two binaries compare on a busy machine:
#
#   bench/instructions.sh                      # target/release/rinse
#   bench/instructions.sh /path/to/old/rinse   # another binary
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
BIN=${1:-target/release/rinse}
[ "$BIN" != target/release/rinse ] || cargo build --release -q --bin rinse
mkdir -p bench/out
[ -s bench/out/corpus20.txt ] || python3 ../shared/bench/make-corpus.py 20 bench/out/corpus20.txt
slice() { python3 - "$1" "$2" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
b = open("bench/out/corpus20.txt", "rb").read(n)
open(out, "wb").write(b[: b.rfind(b"\n") + 1])
PY
}
[ -s bench/out/slice2.txt ] || slice 2000000 bench/out/slice2.txt
[ -s bench/out/slice4.txt ] || slice 4000000 bench/out/slice4.txt
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$BIN" clean -q -j 1 "$1" 2>&1 >/dev/null \
    | awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
}
a=$(count bench/out/slice2.txt)
c=$(count bench/out/slice4.txt)
s2=$(stat -c %s bench/out/slice2.txt)
s4=$(stat -c %s bench/out/slice4.txt)
per=$(( (c - a) / (s4 - s2) ))
fixed=$(( (a - per * s2) / 1000000 ))
echo "$BIN: $per instructions per input byte, ${fixed}M at start-up (2 MB run $a, 4 MB run $c)"
