"""Ingest's faster paths give the same answers: files hashed while the workers parse, sort
ranges that filter on the timestamp a row's day comes from, the stages' seconds recorded."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import tables_dir, tiny_rows, write_csv
from storebook.engine.config import Config
from storebook.ingest import ingest, writing

NOW = datetime(2026, 11, 27, 12, 0, 0)


def _manifest(root: Path) -> dict:
    return json.loads((tables_dir(root) / "_ingest.json").read_text(encoding="utf-8"))


def _tables(root: Path) -> dict[str, str]:
    return {p.parent.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tables_dir(root).glob("*/part-0.parquet"))}


def test_files_hashed_by_the_planning_thread_carry_their_sha256(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold ingest hashes each file while the workers parse; the digests are hashlib's over the
    file's bytes, and the run tag is the one a hash-everything-first run computes: the next plain
    ingest (which hashes first, having a manifest to compare with) finds nothing to do."""
    import storebook.ingest.workers as workers

    lines = [{"order_id": f"O{1 + n % 2}", "line_no": str(n + 1), "sku": "A1", "quantity": "1",
              "unit_price": "59.00", "discount_amount": "0.00", "line_amount": "59.00"} for n in range(10, 400)]
    write_csv(tiny, "order_lines", "order_lines_b.csv", lines)
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 0)  # worker processes even for a tiny store
    first = ingest(Config.load(tiny), now=NOW)
    raw = tiny / "data" / "raw"
    on_disk = {str(p.relative_to(tiny)): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in raw.rglob("*.csv")}
    assert {f.path: f.sha256 for f in first.files} == on_disk
    stages = _manifest(tiny)["stages"]
    assert "hash and parse" in stages and "hash" not in stages
    assert stages["hash and parse"]["workers_cpu"] > 0  # the parse ran in worker processes
    again = ingest(Config.load(tiny), now=NOW)
    assert again.skipped and again.fingerprint == first.fingerprint


def test_a_forced_ingest_in_workers_writes_what_one_in_process_writes(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers take one file at a time, largest first: the order they finish in changes no byte."""
    import storebook.ingest.workers as workers

    for i in range(6):  # more files than workers, of different sizes
        write_csv(tiny, "order_lines", f"order_lines_{i}.csv", [
            {"order_id": f"O{1 + n % 3}", "line_no": str(1000 * (i + 1) + n), "sku": "B1", "quantity": "2",
             "unit_price": "10.00", "discount_amount": "0.00", "line_amount": "20.00"} for n in range(50 * (i + 1))])
    ingest(Config.load(tiny), now=NOW)
    serial, files = _tables(tiny), _manifest(tiny)["files"]
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 0)
    ingest(Config.load(tiny), now=NOW, force=True)
    assert _tables(tiny) == serial
    keep = ("path", "table", "sha256", "rows_read", "rows_written", "rows_rejected")
    assert [{k: f[k] for k in keep} for f in _manifest(tiny)["files"]] == [{k: f[k] for k in keep} for f in files]


def test_sort_ranges_on_the_timestamp_select_the_rows_of_their_days(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ranges written on ``_sort_at`` against midnight of each cut day hold exactly the rows whose
    day falls in the range: a row at 00:00:00 starts its day's range, one at 23:59:59.999999 ends
    the day before's, and rows without a date come last."""
    con = duckdb.connect()
    stamps = ["2026-01-01 00:00:00", "2026-01-01 23:59:59.999999", "2026-01-02 00:00:00", "2026-01-02 12:00:00",
              "2026-01-03 00:00:00", "2026-01-03 00:00:00.000001", "2026-01-04 23:59:59", None, "2026-01-05 06:00:00"]
    values = ", ".join(f"({i}, 'O{i}', {'NULL' if s is None else repr(s)}::TIMESTAMP)" for i, s in enumerate(stamps))
    con.execute(f"CREATE VIEW live_orders AS SELECT * FROM (VALUES {values}) t(_pos, order_id, ordered_at)")
    monkeypatch.setattr(writing, "SORT_RANGE_ROWS", 2)
    source, first = writing.sort_source(con, "orders")
    ranges = writing.sort_ranges(con, source, first, len(stamps), writing._sample_source(con, "orders", source, first))
    assert len(ranges) > 2 and "_sort_at" in ranges[0][0]
    seen: list[list[tuple]] = [con.sql(f"SELECT _pos, {writing._SORT} FROM {source} {where}", params=params or None)
                               .fetchall() for where, params in ranges]
    positions = [pos for rows in seen for pos, _ in rows]
    assert sorted(positions) == list(range(len(stamps)))  # every row in exactly one range
    days = [sorted(d for _, d in rows if d is not None) for rows in seen]
    for before, after in zip(days, days[1:], strict=False):  # ranges follow each other by day
        if before and after:
            assert before[-1] < after[0]
    assert (7, None) in seen[-1]
    # The same split by day, as the ranges were written before: the same rows per range.
    by_day = [sorted(pos for pos, d in rows) for rows in seen]
    cuts = [params[-1] for _, params in ranges[:-1]]
    expected = [sorted(i for i, s in enumerate(stamps) if s is not None and (j == 0 or s[:10] >= str(cuts[j - 1]))
                       and (j == len(cuts) or s[:10] < str(cuts[j]))) for j in range(len(ranges))]
    expected[-1] = sorted([*expected[-1], 7])
    assert by_day == expected


def test_order_lines_follow_their_orders_days_in_every_sort_range(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Order lines are joined to their orders by an inner join (every live line has its live
    order: orphans are rejected before the writes) and sorted in ranges of their orders' days.
    With ranges of 2 rows, 7 orders on 5 days and 9 lines (one an orphan, rejected): the 8
    lines written are in the order of their orders' days, then of order_id and line_no, each
    row group's days recorded, and the orphan is among the rejected rows."""
    import pandas as pd

    orders = [("A1", "2026-03-05 10:00:00"), ("B1", "2026-03-01 08:00:00"), ("C1", "2026-03-03 23:59:59"),
              ("D1", "2026-03-03 00:00:00"), ("E1", "2026-03-02 12:00:00"), ("F1", "2026-03-04 09:30:00"),
              ("G1", "2026-03-01 07:00:00")]
    like = {**tiny_rows()["orders"][1], "items_amount": "10.00", "shipping_amount": "0.00", "paid_amount": "10.00"}
    write_csv(tiny, "orders", "orders.csv", [{**like, "order_id": o, "ordered_at": at, "paid_at": at} for o, at in orders])
    lines = [("A1", 2), ("A1", 1), ("B1", 1), ("C1", 1), ("D1", 1), ("E1", 1), ("F1", 1), ("G1", 1), ("X9", 1)]
    write_csv(tiny, "order_lines", "order_lines.csv", [
        {"order_id": o, "line_no": str(n), "sku": "A1", "quantity": "1", "unit_price": "10.00",
         "discount_amount": "0.00", "line_amount": "10.00"} for o, n in lines])
    monkeypatch.setattr(writing, "SORT_RANGE_ROWS", 2)
    monkeypatch.setattr(writing, "ROW_GROUP", 3)
    report = ingest(Config.load(tiny), now=NOW)
    written = pd.read_parquet(tables_dir(tiny) / "order_lines" / "part-0.parquet")
    # Days: G1, B1 on 03-01; E1 03-02; C1, D1 03-03; F1 03-04; A1 03-05 (two lines).
    assert list(zip(written["order_id"], written["line_no"], strict=True)) == [
        ("B1", 1), ("G1", 1), ("E1", 1), ("C1", 1), ("D1", 1), ("F1", 1), ("A1", 1), ("A1", 2)]
    assert _manifest(tiny)["tables"]["order_lines"]["row_group_days"] == [
        ["2026-03-01", "2026-03-02"], ["2026-03-03", "2026-03-04"], ["2026-03-05", "2026-03-05"]]
    assert report.tables["order_lines"]["rejected"] == 1
    assert writing._parent_guaranteed("order_lines", "order_id", "orders")
    assert not writing._parent_guaranteed("service_tickets", "order_id", "orders")  # optional, not enforced


def test_derived_tables_are_written_while_other_tables_still_are(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """first_purchases and daily_sales start once the orders and order lines are written, not
    once a table writer is free: here every other table's write waits for both, which would
    never end if they queued behind those writes (two writers, each then held by a waiting
    table). The bytes are those of a run that does not wait."""
    import threading

    import storebook.ingest.pipeline as pipeline

    def written_files() -> dict[str, str]:
        return _tables(tiny) | {f"_derived/{p.parent.name}": hashlib.sha256(p.read_bytes()).hexdigest()
                                for p in sorted((tables_dir(tiny) / "_derived").glob("*/part-0.parquet"))}

    ingest(Config.load(tiny), now=NOW)
    plain = written_files()
    real, written, both = pipeline._write_parquet, set(), threading.Event()

    def write(chunks, path: Path) -> None:  # noqa: ANN001
        if path.parent.name not in {"orders", "order_lines", "first_purchases", "daily_sales"}:
            assert both.wait(timeout=20), f"{path.parent.name}: the derived tables waited for this write"
        real(chunks, path)
        written.add(path.parent.name)
        if {"first_purchases", "daily_sales"} <= written:
            both.set()

    monkeypatch.setattr(pipeline, "_write_parquet", write)
    ingest(Config.load(tiny), now=NOW, force=True)
    assert {"products", "suppliers", "_derived/first_purchases", "_derived/daily_sales"} <= set(written_files())
    assert written_files() == plain
    assert set(_manifest(tiny)["derived"]) == {"first_purchases", "daily_sales"}  # no returns: no returns_orders


def test_ingest_imports_no_ibis() -> None:
    """The ingest needs the contract, not the workbook: importing it costs no Ibis (~0.4 CPU-s
    of the ingest's serial start)."""
    import subprocess
    import sys

    code = "import sys, storebook.cli, storebook.ingest.pipeline; print(sorted(m for m in sys.modules if m.split('.')[0] == 'ibis' or m == 'storebook.engine.workbook'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
