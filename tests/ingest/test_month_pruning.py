"""Fact tables are written in order of their day (then key), in small row groups, so that a month's question
reads that month's row groups only (storebook.ingest.writing)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import tables_dir, tiny_rows, write_csv
from storebook.engine.config import Config
from storebook.ingest import ingest

NOW = datetime(2026, 11, 27, 12, 0, 0)


def _orders_over_six_months() -> list[dict]:
    """60 orders, ten a month from October 2024 to March 2025, whose ids run against time
    (the newest order has the smallest id): key order is not date order."""
    template = tiny_rows()["orders"][1]
    first = datetime(2024, 10, 1, 9, 0, 0)
    rows = []
    for n in range(60):
        month_start = datetime(2024 + (9 + n // 10) // 12, (9 + n // 10) % 12 + 1, 1, 9, 0, 0)
        at = month_start + timedelta(days=2 * (n % 10), hours=n % 7)
        assert at >= first
        rows.append({**template, "order_id": f"Z{999 - n:03d}", "ordered_at": at.isoformat(sep=" "),
                     "paid_at": (at + timedelta(minutes=1)).isoformat(sep=" ")})
    return rows


def _month_scan(path: Path, start: str, end: str) -> tuple[int, int, int]:
    """(orders counted, row groups read, row groups in the file) of a one-month query, from DuckDB's profile."""
    con = duckdb.connect()
    profile = path.parent / "profile.json"
    con.execute("PRAGMA enable_profiling = 'json'")
    con.execute(f"PRAGMA profiling_output = '{profile}'")
    con.execute("SET profiling_mode = 'detailed'")
    ((n,),) = con.execute(f"SELECT count(*) FROM read_parquet('{path}') WHERE ordered_at >= TIMESTAMP '{start}' "
                          f"AND ordered_at < TIMESTAMP '{end}'").fetchall()
    con.close()
    query = json.loads(profile.read_text())["query"]
    profile.unlink()
    return int(n), query["total_row_groups_scanned"], query["total_row_groups_to_scan"]


@pytest.mark.slow
def test_orders_are_written_by_date_and_a_month_reads_its_row_groups_only(tiny: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import storebook.ingest.writing as writing

    write_csv(tiny, "orders", "orders_b.csv", _orders_over_six_months())
    monkeypatch.setattr(writing, "ROW_GROUP", 8)  # 63 orders in 8 row groups
    ingest(Config.load(tiny), now=NOW)
    path = tables_dir(tiny) / "orders" / "part-0.parquet"
    orders = pq.read_table(path).to_pandas()
    assert len(orders) == 63
    # Day first, then the key: the order of the day's orders is by id, not by time.
    assert orders.equals(orders.assign(day=orders["ordered_at"].dt.normalize()).sort_values(
        ["day", "order_id"]).drop(columns="day").reset_index(drop=True))
    assert not orders["order_id"].is_monotonic_increasing  # date order, not key order
    assert not orders["ordered_at"].is_monotonic_increasing  # O2 (21:30) comes before Z947 (12:00) on 5 March
    meta = pq.ParquetFile(path).metadata
    column = meta.schema.names.index("ordered_at")
    spans = [(meta.row_group(i).column(column).statistics.min, meta.row_group(i).column(column).statistics.max)
             for i in range(meta.num_row_groups)]
    assert meta.num_row_groups == 8 and all(meta.row_group(i).num_rows == 8 for i in range(7))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # the groups follow each other in time
    # December 2024: ten orders, in two of the eight row groups (one if they were aligned).
    assert _month_scan(path, "2024-12-01", "2025-01-01") == (10, 2, 8)
    # March 2025: the ten made-up orders and the three of the tiny store.
    counted, read, total = _month_scan(path, "2025-03-01", "2025-04-01")
    assert (counted, total) == (13, 8) and read <= 3
    # Same raw files, same bytes, with the small row groups too.
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    ingest(Config.load(tiny), now=NOW, force=True)
    assert hashlib.sha256((tables_dir(tiny) / "orders" / "part-0.parquet").read_bytes()).hexdigest() == digest


@pytest.mark.slow
def test_a_dictionary_only_for_the_columns_whose_values_repeat(tiny: Path) -> None:
    """63 orders: the platform, status and channel repeat (a few values, ≤ a tenth of the rows)
    and are dictionary-encoded; the order ids and times (one per order) are written plainly,
    as the writer would otherwise build a dictionary and drop it in every row group."""
    write_csv(tiny, "orders", "orders_b.csv", _orders_over_six_months())
    ingest(Config.load(tiny), now=NOW)
    meta = pq.ParquetFile(tables_dir(tiny) / "orders" / "part-0.parquet").metadata
    group = meta.row_group(0)
    dictionary = {group.column(i).path_in_schema for i in range(group.num_columns)
                  if "RLE_DICTIONARY" in group.column(i).encodings}
    assert {"platform", "status", "channel"} <= dictionary
    assert not dictionary & {"order_id", "ordered_at", "paid_at"}
