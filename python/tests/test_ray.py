"""Ray Data on a local two-worker cluster over the 20 MB corpus: the output,
record for record, is byte-identical to `rinse clean --jsonl`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

import rinse_text  # noqa: E402
from rinse_text.ray import RayCleaner  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def test_ray_map_batches_matches_the_cli(local_ray, corpus: Path, rinse_bin: Path) -> None:
    cli = subprocess.run(
        [str(rinse_bin), "clean", "--jsonl", "-q", "-j", "2", str(corpus)], capture_output=True, check=True
    )
    expected = cli.stdout.decode("utf-8").splitlines(keepends=True)

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    # Read first: two actors holding both CPUs would starve the read tasks.
    ds = ray.data.read_json(str(corpus)).repartition(8).materialize()
    # As `rinse clean` does with many documents: learn the site furniture
    # that recurs in the first 1,000 records, then clean every record.
    rules = rinse_text.learn(row["text"] for row in ds.take(1000))
    cleaned = ds.map_batches(
        RayCleaner,
        fn_constructor_kwargs={"column": "text", "rules": rules},
        batch_format="pyarrow",
        batch_size=128,
        concurrency=2,
    )
    got = []
    edits = 0
    for batch in cleaned.iter_batches(batch_format="pyarrow", batch_size=None):
        columns = [c for c in batch.column_names if not c.startswith("rinse_")]
        edits += sum(batch.column("rinse_edits").to_pylist())
        for row in batch.select(columns).to_pylist():
            got.append(json.dumps(row, ensure_ascii=False) + "\n")
    assert len(got) == len(expected) == 1423
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g.encode("utf-8") == e.encode("utf-8"), f"record {i + 1} differs"
    assert edits > 1423


def test_ray_instance_as_task(local_ray, seed_texts) -> None:
    ds = ray.data.from_items([{"text": t, "n": i} for i, t in enumerate(seed_texts)])
    out = ds.map_batches(RayCleaner(report=True, cjk="drop"), batch_format="pyarrow").take_all()
    want = rinse_text.Cleaner(cjk="drop")
    by_n = {r["n"]: r for r in out}
    for i, t in enumerate(seed_texts):
        assert by_n[i]["text"] == want.clean(t).text
        assert json.loads(by_n[i]["rinse_report"])["output_bytes"] == len(want.clean(t).text.encode())
