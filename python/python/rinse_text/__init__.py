"""rinse for Python: repair machine-translated English scraped from Chinese
websites, and get a report of every edit.

>>> from rinse_text import Cleaner
>>> cleaner = Cleaner()
>>> out = cleaner.clean("Prices rose\u00a0sharply。Demand fell.")
>>> out.text
'Prices rose sharply. Demand fell.'
>>> [(e.start, e.end, e.codes) for e in out.edits]
[(11, 12, ['W101']), (19, 20, ['P101'])]

`Cleaner.clean_batch` cleans many documents in parallel without holding the
GIL; `Cleaner.clean_arrow` takes and returns Arrow arrays. `learn` finds the
site furniture that recurs across a sample of a batch, as `rinse clean` does
before it cleans many documents; pass its rules to `Cleaner(rules=...)`. Engine adapters
are imported only when used, so their engines stay optional:

- `rinse_text.datatrove.RinseCleaner`: a datatrove pipeline step;
- `rinse_text.ray.RayCleaner`: for `Dataset.map_batches(..., batch_format="pyarrow")`;
- `rinse_text.spark.clean_dataframe` / `map_in_arrow`: Spark `mapInArrow`;
- `rinse_text.frames.clean_pandas` / `clean_polars`: pandas and polars;
- `rinse_text.clean_table`: a pyarrow Table or RecordBatch column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._rinse import Cleaned, Cleaner, Edit, RinseError, __version__, learn

if TYPE_CHECKING:
    from ._table import clean_table

__all__ = ["Cleaner", "Cleaned", "Edit", "RinseError", "clean_table", "learn", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy: pyarrow is imported only when a table is cleaned.
    if name == "clean_table":
        from ._table import clean_table

        return clean_table
    raise AttributeError(f"module 'rinse_text' has no attribute {name!r}")
