"""pandas and polars helpers; the Spark adapter when pyspark is installed
(scripts/test-python does not install it: see the README)."""

from __future__ import annotations

from typing import List

import pytest

from rinse_text import Cleaner


def test_pandas_series_and_frame(seed_texts: List[str]) -> None:
    pd = pytest.importorskip("pandas")
    from rinse_text.frames import clean_pandas

    c = Cleaner()
    texts = seed_texts + [None]
    series = pd.Series(texts, index=[10 + i for i in range(len(texts))])
    out = clean_pandas(series, report=True)
    assert list(out.columns) == ["text", "edits", "codes", "report"]
    assert list(out.index) == list(series.index)
    assert out["text"].tolist()[:-1] == [c.clean(t).text for t in seed_texts]
    assert pd.isna(out["text"].iloc[-1])
    df = pd.DataFrame({"id": range(len(seed_texts)), "text": seed_texts})
    got = clean_pandas(df, "text", cjk="drop")
    assert list(got.columns) == ["id", "text", "rinse_edits", "rinse_codes"]
    assert got["text"].tolist() == [Cleaner(cjk="drop").clean(t).text for t in seed_texts]
    assert got["rinse_edits"].tolist() == [Cleaner(cjk="drop").clean(t).edit_count for t in seed_texts]
    with pytest.raises(TypeError):
        clean_pandas(df, cleaner=c, cjk="drop")


def test_polars(seed_texts: List[str]) -> None:
    pl = pytest.importorskip("polars")
    from rinse_text.frames import clean_polars

    c = Cleaner()
    df = pl.DataFrame({"id": list(range(len(seed_texts))), "text": seed_texts})
    got = clean_polars(df, "text")
    assert got["text"].to_list() == [c.clean(t).text for t in seed_texts]
    assert clean_polars(df["text"])["edits"].to_list() == [c.clean(t).edit_count for t in seed_texts]


def test_spark_map_in_arrow(seed_texts: List[str]) -> None:
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    from rinse_text.spark import clean_dataframe

    spark = SparkSession.builder.master("local[2]").appName("rinse-test").getOrCreate()
    try:
        df = spark.createDataFrame([(i, t) for i, t in enumerate(seed_texts)], "id long, text string")
        rows = clean_dataframe(df, "text").orderBy("id").collect()
        c = Cleaner()
        assert [r["text"] for r in rows] == [c.clean(t).text for t in seed_texts]
        assert [r["rinse_edits"] for r in rows] == [c.clean(t).edit_count for t in seed_texts]
    finally:
        spark.stop()
