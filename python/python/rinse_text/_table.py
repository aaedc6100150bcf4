"""Clean one string column of a pyarrow Table or RecordBatch (shared by the
Ray, Spark and pandas/polars adapters)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, TypeVar

if TYPE_CHECKING:
    import pyarrow as pa

    from ._rinse import Cleaner

    T = TypeVar("T", pa.Table, pa.RecordBatch)


def clean_table(
    cleaner: "Cleaner",
    table: "T",
    column: str = "text",
    *,
    threads: Optional[int] = None,
    report: bool = False,
    prefix: str = "rinse_",
) -> "T":
    """`table` with `column` cleaned and report columns added.

    Added columns: `{prefix}edits` (int64: edits made), `{prefix}codes`
    (list of the rule codes involved) and, with `report=True`,
    `{prefix}report` (the JSON report, as `rinse clean --report` writes it).
    A null text stays null (and its report columns are null). Other columns are kept as they are (zero-copy).
    """
    import pyarrow as pa

    index = table.schema.get_field_index(column)
    if index < 0:
        raise KeyError(f"no column {column!r} in {table.schema.names}")
    result = cleaner.clean_arrow(table.column(index), threads=threads, report=report)
    extra = ["edits", "codes"] + (["report"] if report else [])
    fields = list(table.schema)
    columns = list(table.columns)
    fields[index] = fields[index].with_type(result.schema.field("text").type)
    columns[index] = result.column("text")
    for name in extra:
        fields.append(pa.field(prefix + name, result.schema.field(name).type))
        columns.append(result.column(name))
    schema = pa.schema(fields, metadata=table.schema.metadata)
    if isinstance(table, pa.RecordBatch):
        return pa.RecordBatch.from_arrays(columns, schema=schema)
    return pa.Table.from_arrays(columns, schema=schema)
