"""The datatrove step in a LocalPipelineExecutor over a folder of JSONL files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import List

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from rinse_text import Cleaner  # noqa: E402
from rinse_text.datatrove import RinseCleaner  # noqa: E402


def test_datatrove_pipeline(tmp_path: Path, seed_texts: List[str], rinse_bin: Path) -> None:
    source, out, logs = tmp_path / "in", tmp_path / "out", tmp_path / "logs"
    source.mkdir()
    docs = {f"seed{i}": t for i, t in enumerate(seed_texts)}
    docs["plain"] = "Nothing to fix here.\n"
    items = list(docs.items())
    # Two files, two tasks in two processes: each task gets one file.
    for n, part in enumerate([items[::2], items[1::2]]):
        with open(source / f"part{n}.jsonl", "w", encoding="utf-8") as f:
            for doc_id, text in part:
                f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source)),
            RinseCleaner(report=True, batch_size=2),
            JsonlWriter(str(out), compression=None),
        ],
        tasks=2,
        workers=2,  # worker processes: the step (and its Cleaner) is pickled
        logging_dir=str(logs),
    ).run()

    cleaner = Cleaner()
    seen = {}
    for path in sorted(out.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            seen[rec["id"]] = rec
    assert sorted(seen) == sorted(docs)
    changed = 0
    for doc_id, text in docs.items():
        rec, want = seen[doc_id], cleaner.clean(text)
        assert rec["text"] == want.text
        info = rec["metadata"]["rinse"]
        assert info["edits"] == want.edit_count and info["counts"] == want.counts
        report = json.loads(info["report"])
        assert len(report["edits"]) == want.edit_count
        changed += want.edit_count > 0
        # The report in the metadata replays on the old text.
        (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
        (tmp_path / "doc.json").write_text(info["report"], encoding="utf-8")
        replay = subprocess.run(
            [str(rinse_bin), "apply", str(tmp_path / "doc.json"), str(tmp_path / "doc.txt")],
            capture_output=True,
            check=True,
        )
        assert replay.stdout.decode("utf-8") == rec["text"]
    assert changed >= 4

    # datatrove's stats: the step's counters, merged over both tasks.
    stats = json.loads((logs / "stats.json").read_text(encoding="utf-8"))
    ours = next(s for s in stats if "rinse" in s["name"])["stats"]

    def total(stat: object) -> int:  # a plain count is stored as an int
        return stat if isinstance(stat, int) else stat["total"]  # type: ignore[index,return-value]

    assert total(ours["changed"]) == changed
    assert total(ours["edits"]) == sum(cleaner.clean(t).edit_count for t in docs.values())
    assert total(ours["edits_P101"]) == sum(cleaner.clean(t).counts.get("P101", 0) for t in docs.values())
    assert ours["doc_len"]["n"] == len(docs)


def test_datatrove_bad_argument_fails_early() -> None:
    from rinse_text import RinseError

    with pytest.raises(RinseError):
        RinseCleaner(select=["Q1"])
