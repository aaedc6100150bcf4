#!/usr/bin/env python3
"""Regenerate rules/web_compounds.txt from wordfreq's large English list.

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python scripts/web-compounds.py

Keeps the header of the current file; lists every lower-case ASCII word of
eight letters or more from wordfreq's large English list that is not in
rules/dictionary.txt, rules/closed_compounds.txt or rules/compounds.txt and
that splits into two words of rules/dictionary.txt of four letters or more
(so P305 could split it): `toolchain`, `codebase`, `stylesheet`, `namespace`.
"""
import re
from pathlib import Path

import wordfreq

root = Path(__file__).resolve().parent.parent / "rules"


def words(path):
    return {l.strip() for l in open(path) if l.strip() and not l.startswith(("#", "["))}


small = words(root / "dictionary.txt")
known = small | words(root / "compounds.txt") | words(root / "closed_compounds.txt")
out = sorted(
    w for w in wordfreq.top_n_list("en", 10**6, wordlist="large")
    if re.fullmatch(r"[a-z]{8,30}", w) and w not in known
    and any(w[:k] in small and w[k:] in small for k in range(4, len(w) - 3))
)
target = root / "web_compounds.txt"
head = target.read_text().split("[words]\n")[0] if target.exists() else "[words]\n"
target.write_text(head + "[words]\n" + "\n".join(out) + "\n")
print(f"{len(out)} words")
