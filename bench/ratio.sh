#!/usr/bin/env bash
# Same-run ratios on the 20 MB text corpus: `cat`, rinse (`clean -q -j 1`),
# an optional reference rinse binary, and ftfy.fix_text, interleaved, the
# minimum of N runs each (whole process for cat and rinse; ftfy's library
# call time only, with the interpreter start left out).
#
#   bench/ratio.sh [N]                         # N runs each (default 5)
#   REF=/path/to/old/rinse bench/ratio.sh      # also an older binary (the "before")
#   PYTHON=/path/to/venv/bin/python bench/ratio.sh   # a Python with ftfy installed
#
# Pin it to one core with `taskset -c 0 bench/ratio.sh` for figures to compare;
# use N of at least the number of contenders (the order rotates each round).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
MAKE=../shared/bench/make-corpus.py
OUT=bench/out
mkdir -p "$OUT"
[ -s "$OUT/corpus20.txt" ] || python3 "$MAKE" 20 "$OUT/corpus20.txt"
F=$OUT/corpus20.txt
cargo build --release -q --bin rinse
BIN=target/release/rinse
PY=${PYTHON:-python3}
have_ftfy=0
"$PY" -c 'import ftfy' 2>/dev/null && have_ftfy=1

secs() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( e - s )); }
min() { [ -z "$1" ] || [ "$2" -lt "$1" ] && echo "$2" || echo "$1"; }
c="" r="" o="" p=""
# Each round runs the contenders in a rotated order: the process right
# after the Python run is slowed (the kernel reclaims and zeroes the memory
# Python freed), so a fixed order biased the minimum against whoever came
# second (the same binary measured 0.64x itself in the second slot).
run_one() {
  case "$1" in
    cat) c=$(min "$c" "$(secs cat "$F")") ;;
    rinse) r=$(min "$r" "$(secs "$BIN" clean -q -j 1 "$F")") ;;
    ref) o=$(min "$o" "$(secs "$REF" clean -q -j 1 "$F")") ;;
    ftfy)
      t=$("$PY" -c 'import ftfy,sys,time; s=open(sys.argv[1],encoding="utf-8").read(); t=time.perf_counter(); ftfy.fix_text(s); print(int((time.perf_counter()-t)*1e9))' "$F")
      p=$(min "$p" "$t") ;;
  esac
}
who=(cat rinse)
[ -n "${REF:-}" ] && who+=(ref)
[ "$have_ftfy" = 1 ] && who+=(ftfy)
k=${#who[@]}
for i in $(seq 0 $((n - 1))); do
  for j in $(seq 0 $((k - 1))); do
    run_one "${who[$(( (i + j) % k ))]}"
  done
done
bytes=$(stat -c %s "$F")
mbs() { echo "scale=1; $bytes * 1000 / $1" | bc; }
printf 'corpus %s bytes, min of %s interleaved runs\n' "$bytes" "$n"
printf '  cat                 %8s MB/s\n' "$(mbs "$c")"
printf '  rinse clean -j 1    %8s MB/s   (cat is %sx rinse)\n' "$(mbs "$r")" "$(echo "scale=1; $r / $c" | bc)"
if [ -n "$o" ]; then
  printf '  reference rinse     %8s MB/s   (rinse / reference = %s)\n' "$(mbs "$o")" "$(echo "scale=2; $o / $r" | bc)"
fi
if [ -n "$p" ]; then
  printf '  ftfy.fix_text       %8s MB/s   (rinse / ftfy = %sx)\n' "$(mbs "$p")" "$(echo "scale=1; $p / $r" | bc)"
else
  echo "  ftfy: not installed for $PY (pip install ftfy==6.3.1; PYTHON=... to pick a venv)"
fi
