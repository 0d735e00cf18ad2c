"""The SQL text storebook writes by hand (storebook.engine.sqltext): a name or a value with a
quote in it reaches DuckDB whole."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from storebook.engine.sqltext import literal, quote


def test_a_quote_inside_a_literal_or_a_name_does_not_end_it() -> None:
    value, name = "it's a 'test'", 'the "best" column'
    row = duckdb.sql(f"SELECT {literal(value)} AS {quote(name)}")
    assert row.columns == [name] and row.fetchall() == [(value,)]


def test_a_folder_with_a_quote_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "o'brien's shop"
    folder.mkdir()
    pq.write_table(pa.table({"n": [1, 2, 3]}), folder / "part-0.parquet")
    assert duckdb.sql(f"SELECT sum(n) FROM read_parquet({literal(folder / '*.parquet')})").fetchall() == [(6,)]
