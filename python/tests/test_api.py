"""The Python API: results, offsets, reports, errors, threads, Arrow."""

from __future__ import annotations

import json
import pickle
import struct
import subprocess
import threading
import time
from pathlib import Path
from typing import List

import pyarrow as pa
import pytest

import rinse_text
from rinse_text import Cleaned, Cleaner, RinseError

# Chinese, emoji (outside the BMP: 4 UTF-8 bytes, 1 Python character, 2
# UTF-16 units), full-width punctuation and a non-breaking space.
MIXED = (
    "  😀 经济增长4.8%，Prices rose\u00a0sharply。On the first day 🚀 of work,It is cold；"
    "Traffic arrives at Zhuhai Port\n\n\n\n记者 张三。Release time: 2024-02-18\n"
    'He said"The meeting"All agreed。🎉 We have 1.2.7 billion residents\n'
)


def check_offsets(original: str, cleaned: Cleaned) -> None:
    """Edits point at `before` in Python (code points) and in UTF-8 bytes, and
    applying them in order to the original gives the text."""
    raw = original.encode("utf-8")
    out: List[str] = []
    at = 0
    at_byte = 0
    for e in cleaned.edits:
        assert original[e.start : e.end] == e.before, e
        assert raw[e.byte_start : e.byte_end] == e.before.encode("utf-8"), e
        assert e.start >= at
        # The byte offset is the UTF-8 length of everything before.
        at_byte += len(original[at : e.start].encode("utf-8"))
        assert at_byte == e.byte_start, e
        at_byte += len(e.before.encode("utf-8"))
        out.append(original[at : e.start])
        out.append(e.after)
        at = e.end
    out.append(original[at:])
    assert "".join(out) == cleaned.text


def test_readme_example() -> None:
    out = Cleaner().clean("  Prices rose\u00a0sharply.\n")
    assert out.text == "Prices rose sharply.\n"
    assert out.changed and out.original == "  Prices rose\u00a0sharply.\n"
    assert "W101" in out.counts and out.edit_count == len(out.edits)
    assert any("W101" in e.codes for e in out.edits)
    e = out.edits[0]
    assert e.confidence in ("safe", "review", "suggest") and e.reason and e.line == 1
    assert "W1" in repr(e) and "edits" in repr(out)


def test_offsets_are_python_characters_on_chinese_and_emoji() -> None:
    out = Cleaner().clean(MIXED)
    assert out.edit_count >= 5, out.summary()
    # Edits after an emoji: character and byte offsets differ there.
    assert any(e.start != e.byte_start for e in out.edits)
    check_offsets(MIXED, out)
    # Line and column agree with Python's view of the text too.
    for e in out.edits:
        line_start = MIXED.rfind("\n", 0, e.start) + 1
        assert e.line == MIXED.count("\n", 0, e.start) + 1
        assert e.column == e.start - line_start + 1


def test_offsets_on_every_seed(seed_texts: List[str]) -> None:
    for text, out in zip(seed_texts, Cleaner().clean_batch(seed_texts)):
        check_offsets(text, out)


def test_report_replays_through_the_cli(tmp_path: Path, rinse_bin: Path, seed_texts: List[str]) -> None:
    cleaner = Cleaner()
    for i, text in enumerate([MIXED] + seed_texts):
        out = cleaner.clean(text)
        src, rep = tmp_path / f"in{i}.txt", tmp_path / f"in{i}.json"
        src.write_text(text, encoding="utf-8")
        rep.write_text(out.to_json(), encoding="utf-8")
        replay = subprocess.run([str(rinse_bin), "apply", str(rep), str(src)], capture_output=True, check=True)
        assert replay.stdout.decode("utf-8") == out.text


def test_report_is_the_cli_report(tmp_path: Path, rinse_bin: Path) -> None:
    src, rep = tmp_path / "doc.txt", tmp_path / "doc.json"
    src.write_text(MIXED, encoding="utf-8")
    cli = subprocess.run(
        [str(rinse_bin), "clean", "-q", str(src), "--report", str(rep)], capture_output=True, check=True
    )
    out = Cleaner().clean(MIXED)
    assert cli.stdout.decode("utf-8") == out.text
    theirs = json.loads(rep.read_text(encoding="utf-8"))
    ours = json.loads(out.to_json(pretty=True))
    assert ours == out.to_dict()
    assert ours["input"] is None and theirs.pop("input")
    ours.pop("input")
    assert ours == theirs


def test_metadata_counts_and_options() -> None:
    text = "Release time: 2024-02-18  Source: Xinhua\n\nPrices rose。\n"
    out = Cleaner().clean(text)
    assert isinstance(out.metadata, dict) and isinstance(out.counts, dict)
    assert sum(out.counts.values()) >= out.edit_count > 0
    only_w = Cleaner(select="W")
    assert all(code.startswith("W") for code in only_w.clean(MIXED).counts)
    assert "P101" not in Cleaner(ignore=["P101"]).clean(MIXED).counts
    safe = Cleaner(only_safe=True).clean(MIXED)
    assert all(e.confidence == "safe" for e in safe.edits)
    dropped = Cleaner(cjk="drop").clean("Prices rose. 经济增长很快。\nDemand fell.\n")
    assert "经济" not in dropped.text
    summary = Cleaner(edits=False).clean(MIXED)
    full = Cleaner().clean(MIXED)
    assert (summary.text, summary.edit_count, summary.counts) == (full.text, full.edit_count, full.counts)
    assert summary.edits == []


def test_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "rinse.toml"
    cfg.write_text('ignore = ["P101"]\n', encoding="utf-8")
    assert "P101" not in Cleaner(config=str(cfg)).clean(MIXED).counts
    # Arguments override the file's keys.
    assert "P101" in Cleaner(config=str(cfg), ignore=[]).clean(MIXED).counts


def test_errors_are_python_exceptions(tmp_path: Path) -> None:
    with pytest.raises(RinseError, match="Z9"):
        Cleaner(select=["Z9"])
    with pytest.raises(RinseError, match="cjk"):
        Cleaner(cjk="translate")  # type: ignore[arg-type]
    with pytest.raises(RinseError, match="nope.toml"):
        Cleaner(config=str(tmp_path / "nope.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(RinseError, match="colour"):
        Cleaner(config=str(bad))
    assert issubclass(RinseError, ValueError)
    with pytest.raises(TypeError):
        Cleaner(select=5)  # type: ignore[arg-type]
    c = Cleaner()
    with pytest.raises(TypeError, match="str"):
        c.clean(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1"):
        c.clean_batch(["ok", 5])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        c.clean_batch(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="one str"):
        c.clean_batch("one document")
    with pytest.raises(TypeError, match="one str"):
        rinse_text.learn("one document")
    with pytest.raises(ValueError, match="threads"):
        c.clean_batch(["a"], threads=0)
    with pytest.raises(TypeError, match="string array"):
        c.clean_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="Arrow"):
        c.clean_arrow(["a list"])


def test_lone_surrogates_raise_and_the_interpreter_lives_on() -> None:
    c = Cleaner()
    for bad in ["\ud800", "abc\udc80def", "😀\udfff"]:
        with pytest.raises(UnicodeEncodeError):
            c.clean(bad)
        with pytest.raises(UnicodeEncodeError, match="item 2"):
            c.clean_batch(["fine", "also fine", bad])
    # Arrow cannot even hold them: pyarrow refuses first.
    with pytest.raises(Exception):
        c.clean_arrow(pa.array(["\ud800"]))
    # An Arrow array is checked, not trusted: pyarrow builds this one from
    # raw buffers (a UTF-8-encoded lone surrogate) without a full check.
    offsets = pa.py_buffer(struct.pack("<2i", 0, 3))
    bad_utf8 = pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(b"\xed\xa0\x80")])
    with pytest.raises(ValueError, match="invalid Arrow array"):
        c.clean_arrow(bad_utf8)
    with pytest.raises(ValueError, match="invalid Arrow array"):
        c.clean_arrow(CapsuleOnly(bad_utf8))
    assert c.clean("still\u00a0works").text == "still works"


def test_odd_inputs() -> None:
    c = Cleaner()
    assert c.clean("").text == "" and c.clean("").edits == []
    assert c.clean_batch([]) == []
    nul = c.clean("a\x00b\ufffd\U0010ffff")
    check_offsets("a\x00b\ufffd\U0010ffff", nul)
    big = "Prices rose，demand fell。" * 20000
    check_offsets(big, c.clean(big))


def test_clean_batch_matches_clean_in_order(seed_texts: List[str]) -> None:
    c = Cleaner()
    texts = (seed_texts + [MIXED, "", "plain text\n"]) * 3
    expected = [c.clean(t) for t in texts]
    for threads in (None, 1, 2, 7, 100):
        got = c.clean_batch(texts, threads=threads)
        assert [g.text for g in got] == [e.text for e in expected]
        assert [g.to_json() for g in got] == [e.to_json() for e in expected]
    # Any sequence of str: a tuple, a generator.
    assert [g.text for g in c.clean_batch(tuple(texts[:3]))] == [e.text for e in expected[:3]]
    assert [g.text for g in c.clean_batch(t for t in texts[:3])] == [e.text for e in expected[:3]]


def test_clean_batch_releases_the_gil(seed_texts: List[str]) -> None:
    """A Python thread keeps running while clean_batch works."""
    c = Cleaner()
    texts = seed_texts * 30
    ticks = 0
    stop = threading.Event()

    def spin() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        time.sleep(0.05)
        t0, n0 = time.perf_counter(), ticks
        time.sleep(0.2)  # the spinner's pace with the main thread idle
        rate = (ticks - n0) / (time.perf_counter() - t0)
        # A batch long enough to measure on a fast machine: grow it until
        # one clean_batch takes 0.2 s (at most 64 times the seeds × 30).
        for _ in range(7):
            t0, n0 = time.perf_counter(), ticks
            c.clean_batch(texts, threads=1)
            took, during = time.perf_counter() - t0, ticks - n0
            if took > 0.2:
                break
            texts = texts * 2
    finally:
        stop.set()
        spinner.join()
    assert took > 0.1, f"batch too small to measure ({took:.3f} s)"
    # Holding the GIL, the spinner would get a few switch intervals at most.
    assert during > 0.1 * rate * took, f"{during} ticks in {took:.2f} s; idle pace {rate:.0f}/s"


def test_cleaner_is_shared_by_threads(seed_texts: List[str]) -> None:
    c = Cleaner()
    expected = [c.clean(t).text for t in seed_texts]
    results: List[List[str]] = []

    def work() -> None:
        results.append([o.text for o in c.clean_batch(seed_texts, threads=2)])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_pickle_round_trip(tmp_path: Path) -> None:
    cfg = tmp_path / "rinse.toml"
    cfg.write_text('ignore = ["P101"]\n', encoding="utf-8")
    for c in [Cleaner(), Cleaner(select="W,P", only_safe=True, cjk="mark", edits=False), Cleaner(config=str(cfg))]:
        back = pickle.loads(pickle.dumps(c))
        assert repr(back) == repr(c)
        assert back.clean(MIXED).to_json() == c.clean(MIXED).to_json()
    assert repr(Cleaner(select=["W"], cjk="drop")) == "Cleaner(select=['W'], cjk='drop')"


class CapsuleOnly:
    """An Arrow producer that is not pyarrow: only the PyCapsule protocol."""

    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def __arrow_c_array__(self, requested_schema: object = None) -> object:
        return self.array.__arrow_c_array__(requested_schema)


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()])
def test_clean_arrow(kind: pa.DataType, seed_texts: List[str]) -> None:
    c = Cleaner()
    texts = [MIXED, None, "", "plain\n"] + seed_texts
    array = pa.array(texts, type=kind)
    for source in (array, CapsuleOnly(array)):
        batch = c.clean_arrow(source, threads=2, report=True)
        assert isinstance(batch, pa.RecordBatch)
        assert batch.schema.names == ["text", "edits", "codes", "report"]
        assert batch.schema.field("text").type == kind
        assert batch.num_rows == len(texts)
        rows = batch.to_pylist()
        for text, row in zip(texts, rows):
            if text is None:
                assert row["text"] is None and row["report"] is None
                continue
            want = c.clean(text)
            assert row["text"] == want.text
            assert row["edits"] == want.edit_count
            assert row["codes"] == sorted(want.counts)
            assert row["report"] == want.to_json()
    plain = c.clean_arrow(array)
    assert plain.schema.names == ["text", "edits", "codes"]


def test_clean_arrow_slices_and_chunks(seed_texts: List[str]) -> None:
    c = Cleaner()
    array = pa.array(seed_texts + [MIXED])
    # An array with an offset into shared buffers.
    sliced = array.slice(2, 3)
    got = c.clean_arrow(sliced).column("text").to_pylist()
    assert got == [c.clean(t).text for t in sliced.to_pylist()]
    chunked = pa.chunked_array([array.slice(0, 2), array.slice(2)])
    table = c.clean_arrow(chunked)
    assert isinstance(table, pa.Table) and table.column("text").num_chunks == 2
    assert table.column("text").to_pylist() == [c.clean(t).text for t in array.to_pylist()]
    empty = c.clean_arrow(pa.chunked_array([], type=pa.string()))
    assert empty.num_rows == 0


def test_clean_table(seed_texts: List[str]) -> None:
    c = Cleaner()
    table = pa.table({"id": list(range(len(seed_texts))), "text": seed_texts})
    for data in (table, table.to_batches()[0]):
        out = rinse_text.clean_table(c, data, "text", report=True)
        assert type(out) is type(data)
        assert out.schema.names == ["id", "text", "rinse_edits", "rinse_codes", "rinse_report"]
        assert out.column("id").to_pylist() == list(range(len(seed_texts)))
        assert out.column("text").to_pylist() == [c.clean(t).text for t in seed_texts]
    with pytest.raises(KeyError):
        rinse_text.clean_table(c, table, "body")


def test_package_surface() -> None:
    assert rinse_text.__version__
    import importlib.resources

    assert (importlib.resources.files("rinse_text") / "py.typed").is_file()
    assert (importlib.resources.files("rinse_text") / "_rinse.pyi").is_file()
    assert Cleaner.clean_batch.__doc__


def test_docstring_examples() -> None:
    import doctest

    result = doctest.testmod(rinse_text)
    assert result.attempted >= 3 and result.failed == 0


def test_learn_mirrors_the_cli_batch_learning(seed_texts: List[str], tmp_path: Path, rinse_bin: Path) -> None:
    # Too few documents learn nothing, as in `rinse clean`.
    assert rinse_text.learn(seed_texts[:3]) == []
    docs = seed_texts * 3
    rules = rinse_text.learn(docs)
    assert rules and all(r["code"] == "B118" for r in rules)
    learned = Cleaner(rules=rules).clean_batch(docs)
    assert any("B118" in out.counts for out in learned)
    # The same records as `rinse clean --jsonl`, which learns on its own.
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in docs), encoding="utf-8")
    cli = subprocess.run([str(rinse_bin), "clean", "--jsonl", "-q", str(src)], capture_output=True, check=True)
    assert [json.loads(line)["text"] for line in cli.stdout.decode("utf-8").splitlines()] == [o.text for o in learned]
    with pytest.raises(RinseError, match="rules"):
        Cleaner(rules=[{"code": "B118", "zone": "nowhere"}])
