"""pandas and polars: clean a text column (through Arrow; needs pyarrow).

    from rinse_text.frames import clean_pandas, clean_polars

    df = clean_pandas(df, "text")          # pandas DataFrame: text cleaned, rinse_* columns added
    out = clean_pandas(df["text"])         # a Series: DataFrame of text, edits, codes
    pl_df = clean_polars(pl_df, "text")    # the same for polars
"""

from __future__ import annotations

from typing import Any, Optional

import pyarrow as pa

from ._rinse import Cleaner
from ._table import clean_table

__all__ = ["clean_pandas", "clean_polars"]


def _cleaner(cleaner: Optional[Cleaner], report: bool, args: Any) -> Cleaner:
    if cleaner is not None:
        if args:
            raise TypeError("pass either a Cleaner or Cleaner arguments, not both")
        return cleaner
    return Cleaner(**args, edits=report)


def clean_pandas(
    data: Any,
    column: str = "text",
    *,
    cleaner: Optional[Cleaner] = None,
    threads: Optional[int] = None,
    report: bool = False,
    prefix: str = "rinse_",
    **cleaner_args: Any,
) -> Any:
    """Clean a pandas Series of str, or `column` of a pandas DataFrame.

    A Series gives a DataFrame with columns `text`, `edits`, `codes` (and
    `report`), on the Series' index. A DataFrame gives a copy with `column`
    cleaned and `{prefix}edits`, `{prefix}codes` (and `{prefix}report`)
    added. Missing values (None/NaN) stay missing.
    """
    import pandas as pd

    c = _cleaner(cleaner, report, cleaner_args)
    if isinstance(data, pd.Series):
        result = c.clean_arrow(pa.array(data, type=pa.large_string(), from_pandas=True), threads=threads, report=report)
        out = result.to_pandas()
        out.index = data.index
        return out
    table = pa.Table.from_pandas(data, preserve_index=True)
    return clean_table(c, table, column, threads=threads, report=report, prefix=prefix).to_pandas()


def clean_polars(
    data: Any,
    column: str = "text",
    *,
    cleaner: Optional[Cleaner] = None,
    threads: Optional[int] = None,
    report: bool = False,
    prefix: str = "rinse_",
    **cleaner_args: Any,
) -> Any:
    """The polars version of `clean_pandas` (Series or DataFrame)."""
    import polars as pl

    c = _cleaner(cleaner, report, cleaner_args)
    if isinstance(data, pl.Series):
        return pl.from_arrow(c.clean_arrow(data.to_arrow(), threads=threads, report=report))
    return pl.from_arrow(clean_table(c, data.to_arrow(), column, threads=threads, report=report, prefix=prefix))
