"""Shared fixtures: the repository, the `rinse` CLI binary, the seed
documents and the 20 MB benchmark corpus.

The binary is $RINSE_BIN, else `release/rinse` under $CARGO_TARGET_DIR or
the repository's target/ (scripts/test-python builds it). The corpus is
$RINSE_CORPUS, else made once by ../shared/bench/make-corpus.py into
<target>/corpus20.jsonl.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

# No usage reports or hub look-ups from the engines (set before they load).
for _var, _value in [("RAY_USAGE_STATS_ENABLED", "0"), ("HF_HUB_OFFLINE", "1"), ("HF_HUB_DISABLE_TELEMETRY", "1")]:
    os.environ.setdefault(_var, _value)

REPO = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def rinse_bin() -> Path:
    path = Path(os.environ.get("RINSE_BIN") or TARGET / "release" / "rinse")
    if not path.is_file():
        pytest.skip(f"no rinse binary at {path} (cargo build --release, or set RINSE_BIN)")
    return path


@pytest.fixture(scope="session")
def seed_texts() -> List[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    assert len(texts) >= 4
    return texts


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The 20 MB JSONL corpus of bench/README (1,423 records)."""
    given = os.environ.get("RINSE_CORPUS")
    if given:
        return Path(given)
    path = TARGET / "corpus20.jsonl"
    script = SHARED / "bench" / "make-corpus.py"
    if not path.is_file():
        if not script.is_file():
            pytest.skip(f"no {script} to make the corpus with (set RINSE_CORPUS)")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        subprocess.run([sys.executable, str(script), "20", str(tmp), "--jsonl"], check=True, capture_output=True)
        tmp.replace(path)
    return path
