"""Ray Data: clean a text column with `Dataset.map_batches`.

    import ray
    from rinse_text.ray import RayCleaner

    ds = ray.data.read_json("corpus.jsonl")
    ds = ds.map_batches(RayCleaner, fn_constructor_kwargs={"column": "text"},
                        batch_format="pyarrow", concurrency=2)
    ds.write_parquet("out/")

`RayCleaner` works as a class (an actor pool; each actor builds its cleaner
once) or as an instance (`ds.map_batches(RayCleaner(cjk="drop"), ...)`, run as
tasks; the cleaner pickles by its arguments). Ray itself is not imported
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ._rinse import Cleaner
from ._table import clean_table

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["RayCleaner"]


class RayCleaner:
    """A `map_batches` callable over pyarrow batches (`batch_format="pyarrow"`).

    Returns the batch with `column` cleaned and `{prefix}edits`,
    `{prefix}codes` (and with `report=True`, `{prefix}report`) added; see
    `rinse_text.clean_table`. `threads` per call defaults to 1, since Ray
    already runs one task or actor per CPU. Other keyword arguments are
    `Cleaner`'s (select, ignore, only_safe, cjk, config, normalize).
    """

    def __init__(
        self,
        column: str = "text",
        *,
        report: bool = False,
        threads: Optional[int] = 1,
        prefix: str = "rinse_",
        **cleaner_args: Any,
    ) -> None:
        self.cleaner = Cleaner(**cleaner_args, edits=report)
        self.column = column
        self.report = report
        self.threads = threads
        self.prefix = prefix

    def __call__(self, batch: "pa.Table") -> "pa.Table":
        return clean_table(
            self.cleaner, batch, self.column, threads=self.threads, report=self.report, prefix=self.prefix
        )
