"""A table is registered without asking DuckDB for its schema when its files state it for
certain (issue #17: every question's first use of a table paid a DESCRIBE round trip).

The schema read from the footers must be the one DuckDB gives the same view, or the same
expressions would compile differently; where the files hold a type whose reading is not
certain (a frame's small integers, a categorical's dictionary) DuckDB is asked, as before.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import storebook
from storebook.engine import workbook
from support.stores import write_tables


def _described(wb: storebook.Workbook, table: str):
    """The table's schema as Ibis's read_parquet has DuckDB describe it."""
    return wb.con.read_parquet(f"{wb.location(table)}/*.parquet", table_name=f"described_{table}").schema()


def test_every_table_of_the_sample_store_is_registered_with_duckdbs_own_schema(sample_env: Path) -> None:
    wb = storebook.open()
    assert len(wb.tables()) > 10
    for table in wb.tables():
        registered = workbook._register_local_parquet(wb.con, wb.location(table))
        assert registered is not None, table
        assert registered.schema() == _described(wb, table), table
        # DuckDB reads the files: the engine counts the same rows the manifest does.
        assert wb.scalar(registered.count()) == wb.ingest_manifest()["tables"][table]["rows"], table


def test_a_file_with_a_type_not_certain_is_described_by_duckdb(root: Path) -> None:
    frame = pd.DataFrame({"visited_on": pd.to_datetime(["2025-03-01", "2025-03-02"]),
                          "platform": pd.Categorical(["tmall", "tmall"]), "channel": ["all", "all"],
                          "device": ["all", "all"], "visitors": pd.array([5, 7], dtype="int16")})
    wb = write_tables(root, traffic=frame)
    assert workbook._register_local_parquet(wb.con, wb.location("traffic")) is None
    t = wb.table("traffic")  # registered through Ibis's read_parquet
    assert t.schema() == _described(wb, "traffic")
    assert wb.scalar(t.visitors.sum()) == 12


def test_a_table_is_read_from_its_files_without_a_view_and_sql_still_names_it(sample_env: Path) -> None:
    """Registering creates no DuckDB view (DuckDB reads the files' glob by its replacement
    scan); the escape hatch, whose SQL names the tables, creates the views it needs."""
    wb = storebook.open()
    orders = wb.table("orders")

    def views() -> set[str]:
        return {v for (v,) in wb.con.con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}

    assert "orders" not in views()
    rows = wb.ingest_manifest()["tables"]["orders"]["rows"]
    assert wb.scalar(orders.count()) == rows
    assert wb.sql("select count(*) as n from orders")["n"].iloc[0] == rows
    assert "orders" in views()
