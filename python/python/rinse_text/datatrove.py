"""A datatrove pipeline step that cleans each document's text with rinse.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from rinse_text.datatrove import RinseCleaner

    LocalPipelineExecutor(pipeline=[
        JsonlReader("in/"),
        RinseCleaner(cjk="drop", report=True),
        JsonlWriter("out/"),
    ], tasks=4).run()

Importing this module imports datatrove (an optional dependency of
rinse-text: `pip install rinse-text[datatrove]`).
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, List, Optional

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ._rinse import Cleaner

__all__ = ["RinseCleaner"]


class RinseCleaner(PipelineStep):
    """Sets `doc.text` to the cleaned text and records what changed.

    In `doc.metadata` (under `metadata_key`, default "rinse"): `edits` (number
    of edits), `counts` (edits per rule code) and, with `report=True`,
    `report` (the JSON report as a string: edits with byte offsets into the
    old text, codes, confidence, reasons). Metadata rinse found in the page
    (date, source, editor...) goes under `{metadata_key}_metadata` when any.

    Stats: `edits` (total, and per rule code as `edits_<CODE>`), `changed` /
    `unchanged` documents, and datatrove's `doc_len`.

    Documents are cleaned `batch_size` at a time on `threads` threads
    (default 1: datatrove runs one task per core already). The other
    arguments are `Cleaner`'s.
    """

    name = "🧽 rinse"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        select: Optional[Any] = None,
        ignore: Optional[Any] = None,
        only_safe: Optional[bool] = None,
        cjk: Optional[str] = None,
        config: Optional[str] = None,
        normalize: Optional[str] = None,
        *,
        report: bool = False,
        metadata_key: str = "rinse",
        batch_size: int = 64,
        threads: int = 1,
    ) -> None:
        super().__init__()
        # Built here so that a bad argument fails when the pipeline is made,
        # not in a worker; pickled to workers by its arguments.
        self.cleaner = Cleaner(select, ignore, only_safe, cjk, config, normalize, edits=report)
        self.report = report
        self.metadata_key = metadata_key
        self.batch_size = max(1, batch_size)
        self.threads = threads

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        for batch in _batched(data, self.batch_size):
            with self.track_time(unit="batch"):
                results = self.cleaner.clean_batch([doc.text for doc in batch], threads=self.threads)
            for doc, cleaned in zip(batch, results):
                self._record(doc, cleaned)
                yield doc

    def _record(self, doc: Document, cleaned: Any) -> None:
        doc.text = cleaned.text
        key = self.metadata_key
        info: dict = {"edits": cleaned.edit_count, "counts": cleaned.counts}
        if self.report:
            info["report"] = cleaned.to_json()
        doc.metadata[key] = info
        found = cleaned.metadata
        if found:
            doc.metadata[f"{key}_metadata"] = found
        self.stat_update("changed" if cleaned.edit_count else "unchanged")
        self.stat_update("edits", value=cleaned.edit_count)
        for code, n in cleaned.counts.items():
            self.stat_update(f"edits_{code}", value=n)
        self.update_doc_stats(doc)


def _batched(items: Iterable[Document], n: int) -> Iterator[List[Document]]:
    batch: List[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch
