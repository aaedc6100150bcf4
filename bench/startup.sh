#!/usr/bin/env bash
# Start-up wall time: `echo hi | rinse clean` against `echo hi | cat`, the
# minimum of N interleaved runs each (issue 17 asks for rinse within 2x of
# cat). Any number of rinse binaries run in the same loop:
#
#   bench/startup.sh [N] [BIN...]        # default: target/release/rinse, N = 50
#
# With valgrind installed it also counts the instructions of `echo hi |
# rinse clean` (cachegrind: the same on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
shift || true
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  cargo build --release -q --bin rinse
  bins=(target/release/rinse)
fi
python3 - "$n" "${bins[@]}" <<'PY'
import os, subprocess, sys, time
n, bins = int(sys.argv[1]), sys.argv[2:]
cmds = [["cat"]] + [[b, "clean"] for b in bins]
best = [float("inf")] * len(cmds)
with open(os.devnull, "wb") as null:
    for _ in range(n):
        for i, c in enumerate(cmds):
            r, w = os.pipe()
            os.write(w, b"hi\n")
            os.close(w)
            t = time.perf_counter()
            subprocess.run(c, stdin=r, stdout=null, stderr=null, check=True)
            best[i] = min(best[i], time.perf_counter() - t)
            os.close(r)
print(f"min of {n} interleaved runs, `echo hi | ... `")
for c, b in zip(cmds, best):
    print(f"  {b * 1000:7.2f} ms  {b / best[0]:5.1f}x cat  {' '.join(c)}")
PY
if command -v valgrind >/dev/null; then
  for b in "${bins[@]}"; do
    i=$(echo hi | valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$b" clean 2>&1 >/dev/null \
      | awk '/I *refs/ { gsub(",", "", $NF); print $NF }')
    echo "  $b: $(( i / 1000 ))K instructions for echo hi"
  done
fi
