#!/usr/bin/env python3
"""Throughput of `Cleaner.clean_batch` (1 and 2 threads) against the CLI's
single-thread JSONL mode, on the 20 MB benchmark corpus.

    python/bench.py [--runs 5] [--bin PATH] [--corpus PATH]

Needs the wheel installed (scripts/test-python makes a venv with it) and the
release CLI (`cargo build --release`). The corpus is made by
../shared/bench/make-corpus.py into <target>/corpus20.jsonl when missing.
Each figure is the best (minimum time) of --runs runs: the machine is shared
and noisy. MB/s = corpus file bytes (10^6) / seconds. CPU is the
user+system time of all threads (best run): when the machine is busy, wall
time on two threads shows the cores we got, CPU time the work done.

Both sides do the same work: the CLI runs `rinse clean --jsonl -j 1 -q
--no-learn` (a summary report, no edit list: what it builds without
--report); Python calls `clean_batch` on the records' texts, already parsed,
with `Cleaner(edits=False)` (the same summary) and with `Cleaner()` (every
edit listed, offsets and all). The CLI's time includes process start, JSON
parsing and writing the output; the Python time is the call alone.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from rinse_text import Cleaner

REPO = Path(__file__).resolve().parents[1]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")


def cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def best(runs: int, f, who: int = resource.RUSAGE_SELF) -> "tuple[float, float]":
    """Minimum wall time and minimum CPU time (all threads) over `runs`."""
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = cpu(who), time.perf_counter()
        result = f()
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu(who) - c0)
        del result  # freeing the results is not part of the call
    return min(walls), min(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", type=Path, default=TARGET / "release" / "rinse")
    ap.add_argument("--corpus", type=Path, default=TARGET / "corpus20.jsonl")
    args = ap.parse_args()
    if not args.corpus.is_file():
        script = REPO.parent / "shared" / "bench" / "make-corpus.py"
        subprocess.run([sys.executable, str(script), "20", str(args.corpus), "--jsonl"], check=True)
    size = args.corpus.stat().st_size
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    mb = size / 1e6
    print(f"corpus {args.corpus}: {size:,} bytes, {len(texts):,} records; best of {args.runs} runs; {os.cpu_count()} cores")

    cli = [str(args.bin), "clean", "--jsonl", "-j", "1", "-q", "--no-learn", str(args.corpus), "-o", os.devnull]
    t_cli, c_cli = best(args.runs, lambda: subprocess.run(cli, check=True), resource.RUSAGE_CHILDREN)
    print(f"{'':<44} {'wall':>9} {'MB/s':>12} {'vs CLI':>6}  {'CPU':>7}")
    print(f"{'rinse clean --jsonl -j 1 --no-learn':<44} {t_cli:7.3f} s {mb / t_cli:7.1f} MB/s  1.00x  {c_cli:5.3f} s")

    # Control: the CLI on two threads shows how much of a second core the
    # machine gives right now.
    cli2 = [a if a != "1" else "2" for a in cli]
    t_cli2, c_cli2 = best(args.runs, lambda: subprocess.run(cli2, check=True), resource.RUSAGE_CHILDREN)
    print(f"{'rinse clean --jsonl -j 2 --no-learn (control)':<44} {t_cli2:7.3f} s {mb / t_cli2:7.1f} MB/s  {t_cli / t_cli2:.2f}x  {c_cli2:5.3f} s")

    rows = []
    for label, cleaner in [("edits=False", Cleaner(edits=False)), ("edits=True (full report)", Cleaner())]:
        for threads in (1, 2):
            t, c = best(args.runs, lambda: cleaner.clean_batch(texts, threads=threads))
            rows.append((label, threads, t))
            name = f"clean_batch {label}, threads={threads}"
            print(f"{name:<44} {t:7.3f} s {mb / t:7.1f} MB/s  {t_cli / t:.2f}x  {c:5.3f} s")
    one = {label: t for label, n, t in rows if n == 1}
    for label, n, t in rows:
        if n == 2:
            print(f"two threads / one thread, {label}: {one[label] / t:.2f}x")


if __name__ == "__main__":
    main()
