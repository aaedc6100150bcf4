#!/usr/bin/env python3
"""Regenerate rules/closed_compounds.txt from a larger SCOWL word list.

    apt-get install wamerican-large
    scripts/closed-compounds.py /usr/share/dict/american-english-large

Keeps the header of the current file; lists every lower-case ASCII word of
the big list that is not in rules/dictionary.txt or rules/compounds.txt and
that splits into two words of rules/dictionary.txt (so P302 could split it).
"""
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent / "rules"


def words(path):
    return {l.strip() for l in open(path) if l.strip() and not l.startswith(("#", "["))}


small = words(root / "dictionary.txt")
comp = words(root / "compounds.txt")
big = {w.strip() for w in open(sys.argv[1]) if w.strip().isascii() and w.strip().isalpha() and w.strip().islower()}
out = sorted(
    w for w in big
    if w not in small and w not in comp and len(w) >= 4
    and any((w[:k] in small or w[:k] == "a") and (w[k:] in small or w[k:] == "a") for k in range(1, len(w)))
)
target = root / "closed_compounds.txt"
head = target.read_text().split("[words]\n")[0]
target.write_text(head + "[words]\n" + "\n".join(out) + "\n")
print(f"{len(out)} words")
