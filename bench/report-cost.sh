#!/usr/bin/env bash
# What `--report` costs: `rinse clean -q -j 1` on the 20 MB corpus without a
# report and with `--report FILE`, interleaved, the minimum of N runs each,
# and their ratio (issue 17 asks for at most 1.3x). Several binaries run in
# the same loop, so their figures compare on a busy machine:
#
#   taskset -c 0 bench/report-cost.sh [N] [BIN...]   # default: target/release/rinse, N = 5
#
# With valgrind installed it also counts instructions with and without the
# report on the 4 MB slice of bench/instructions.sh (load-independent; note
# that valgrind's CPU has no SHA extensions, so a SHA-256 costs more there
# than on the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
shift || true
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  cargo build --release -q --bin rinse
  bins=(target/release/rinse)
fi
[ -s bench/out/corpus20.txt ] || python3 ../shared/bench/make-corpus.py 20 bench/out/corpus20.txt
F=bench/out/corpus20.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
secs() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( e - s )); }
min() { [ -z "$1" ] || [ "$2" -lt "$1" ] && echo "$2" || echo "$1"; }
declare -A plain with
for _ in $(seq "$n"); do
  for b in "${bins[@]}"; do
    plain[$b]=$(min "${plain[$b]:-}" "$(secs "$b" clean -q -j 1 "$F" -o /dev/null)")
    with[$b]=$(min "${with[$b]:-}" "$(secs "$b" clean -q -j 1 "$F" -o /dev/null --report "$tmp/r.json")")
  done
done
printf 'corpus %s bytes, min of %s interleaved runs\n' "$(stat -c %s "$F")" "$n"
for b in "${bins[@]}"; do
  printf '%s: no report %6.3f s, --report %6.3f s, ratio %s\n' "$b" \
    "$(echo "scale=3; ${plain[$b]} / 1000000000" | bc)" "$(echo "scale=3; ${with[$b]} / 1000000000" | bc)" \
    "$(echo "scale=2; ${with[$b]} / ${plain[$b]}" | bc)"
done
if command -v valgrind >/dev/null && [ -s bench/out/slice4.txt ]; then
  count() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/I *refs/ { gsub(",", "", $NF); print $NF }'; }
  for b in "${bins[@]}"; do
    a=$(count "$b" clean -q -j 1 bench/out/slice4.txt -o /dev/null)
    r=$(count "$b" clean -q -j 1 bench/out/slice4.txt -o /dev/null --report "$tmp/r4.json")
    printf '%s: 4 MB slice, %sM instructions, %sM with --report, ratio %s\n' "$b" $(( a / 1000000 )) $(( r / 1000000 )) "$(echo "scale=2; $r / $a" | bc)"
  done
fi
