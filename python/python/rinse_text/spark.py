"""Spark: clean a text column with `DataFrame.mapInArrow`.

    from rinse_text.spark import clean_dataframe

    df = spark.read.json("corpus.jsonl")
    cleaned = clean_dataframe(df, "text", cjk="drop")   # adds rinse_edits, rinse_codes

or, to call `mapInArrow` yourself:

    from rinse_text.spark import map_in_arrow
    func, schema = map_in_arrow(df.schema, "text")
    cleaned = df.mapInArrow(func, schema)

Importing this module imports pyspark.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Optional, Tuple

from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

from ._rinse import Cleaner
from ._table import clean_table

__all__ = ["clean_dataframe", "map_in_arrow"]


def map_in_arrow(
    schema: StructType,
    column: str = "text",
    *,
    report: bool = False,
    threads: Optional[int] = 1,
    prefix: str = "rinse_",
    **cleaner_args: Any,
) -> Tuple[Callable[[Iterable[Any]], Iterator[Any]], StructType]:
    """The function and output schema for `df.mapInArrow(func, schema)`.

    `schema` is the input DataFrame's; the output schema adds
    `{prefix}edits` (long), `{prefix}codes` (array<string>) and, with
    `report=True`, `{prefix}report` (string, the JSON report). The cleaner
    is built once per Python worker, on its first batch.
    """
    if column not in schema.fieldNames():
        raise KeyError(f"no column {column!r} in {schema.fieldNames()}")
    Cleaner(**cleaner_args)  # fail here, on the driver, on a bad argument
    fields = list(schema.fields) + [
        StructField(prefix + "edits", LongType(), True),
        StructField(prefix + "codes", ArrayType(StringType(), True), True),
    ]
    if report:
        fields.append(StructField(prefix + "report", StringType(), True))
    out_schema = StructType(fields)

    def clean_batches(batches: Iterable[Any]) -> Iterator[Any]:
        cleaner = Cleaner(**cleaner_args, edits=report)
        for batch in batches:
            yield clean_table(cleaner, batch, column, threads=threads, report=report, prefix=prefix)

    return clean_batches, out_schema


def clean_dataframe(df: Any, column: str = "text", **kwargs: Any) -> Any:
    """`df` with `column` cleaned and report columns added (see `map_in_arrow`)."""
    func, schema = map_in_arrow(df.schema, column, **kwargs)
    return df.mapInArrow(func, schema)
