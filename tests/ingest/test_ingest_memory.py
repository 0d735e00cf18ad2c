"""Ingest under its memory cap: at most two DuckDB questions at once, and a clear stop when
DuckDB still runs out (issue #17: the 10M store ingested at a 1 GB cap, and the 50M store at
the default 3 GB, ran out with two sorts and a derived table's aggregate under way at once)."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import tables_dir, write_csv
from storebook.engine.config import Config
from storebook.errors import StorebookError
from storebook.ingest import ingest, writing

NOW = datetime(2026, 11, 27, 12, 0, 0)


def _lines(start: int, count: int) -> list[dict]:
    """``count`` order lines of the tiny store's orders O1/O2, numbered from ``start``."""
    return [{"order_id": f"O{1 + n % 2}", "line_no": str(n + 1), "sku": "A1", "quantity": "1",
             "unit_price": "59.00", "discount_amount": "0.00", "line_amount": "59.00"} for n in range(start, start + count)]


class _Watch:
    """Counts the DuckDB results being read at once: a result is open from the question until
    its last batch is read, and each batch is read slowly so that questions overlap."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = 0
        self.most = 0
        self.questions = 0

    def reader(self, real):  # noqa: ANN001, ANN202 - wraps writing._reader
        def make(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            inner = real(*args, **kwargs)
            with self.lock:
                self.open += 1
                self.questions += 1
                self.most = max(self.most, self.open)
            return _Slow(inner, self)
        return make


class _Slow:
    def __init__(self, inner, watch: _Watch) -> None:  # noqa: ANN001
        self.inner, self.watch, self.schema = inner, watch, inner.schema

    def __iter__(self):  # noqa: ANN204
        try:
            for batch in self.inner:
                time.sleep(0.03)
                yield batch
            time.sleep(0.03)
        finally:
            with self.watch.lock:
                self.watch.open -= 1


def test_tables_and_derived_tables_ask_duckdb_at_most_two_questions_at_once(tiny: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writers and the derived tables (first purchases, returns with their orders) share
    one memory cap: each question waits for one of two slots, and both slots are used."""
    write_csv(tiny, "order_lines", "order_lines_b.csv", _lines(10, 2_000))
    monkeypatch.setattr(writing, "SORT_RANGE_ROWS", 150)  # the lines sorted in ranges where their days allow
    watch = _Watch()
    monkeypatch.setattr(writing, "_reader", watch.reader(writing._reader))
    report = ingest(Config.load(tiny), now=NOW)
    assert report.tables["order_lines"]["rows"] == 2_003
    assert (tables_dir(tiny) / "_derived").is_dir()
    written = [t for t, info in report.tables.items() if info["rows"]]
    assert watch.questions >= len(written) + 2, (watch.questions, written)  # each table, the derived ones
    assert watch.most == 2


def test_without_the_slots_the_same_ingest_asks_three_at_once(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: with every question let through, they overlap by three."""
    write_csv(tiny, "order_lines", "order_lines_b.csv", _lines(10, 2_000))
    monkeypatch.setattr(writing, "SORT_RANGE_ROWS", 150)
    monkeypatch.setattr(writing, "QUERY_SLOTS", 99)
    watch = _Watch()
    monkeypatch.setattr(writing, "_reader", watch.reader(writing._reader))
    ingest(Config.load(tiny), now=NOW)
    assert watch.most >= 3


def test_slots_are_served_in_the_order_they_were_asked_for() -> None:
    """A writer that gives its slot back between two ranges and asks again at once must not
    take it before a derived table that was already waiting for it."""
    slots = writing.QuerySlots(1)
    order: list[str] = []
    first = slots.held()
    first.__enter__()
    waiting = threading.Thread(target=lambda: [order.append("derived") for _ in [slots.held().__enter__()]])
    waiting.start()
    while not slots._queue:  # the derived table is in line
        time.sleep(0.001)
    first.__exit__(None, None, None)
    with slots.held():  # the writer's next range: served after the derived table's
        order.append("writer")
    waiting.join(timeout=5)
    assert order == ["derived", "writer"]
    assert slots.most == 1


def test_running_out_of_duckdb_memory_stops_with_what_to_do(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No DuckDB traceback: the cap, where it is set, DuckDB's count, and a larger cap to try;
    the tables already published stay."""
    import storebook.ingest.pipeline as pipeline

    ingest(Config.load(tiny), now=NOW)
    before = sorted(p.name for p in tables_dir(tiny).iterdir())
    write_csv(tiny, "order_lines", "order_lines_b.csv", _lines(10, 20))

    def full(chunks, path):  # noqa: ANN001, ANN202
        raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block of size 256.0 KiB "
                                          "(1.4 GiB/1.4 GiB used)\n\nPossible solutions: …")

    real = pipeline._write_parquet
    monkeypatch.setattr(pipeline, "_write_parquet", full)
    monkeypatch.setenv("STOREBOOK_INGEST_MEMORY", "1.5GB")
    with pytest.raises(StorebookError) as err:
        ingest(Config.load(tiny), now=NOW)
    text = str(err.value)
    assert not isinstance(err.value, duckdb.Error)
    assert "(1.5GB, STOREBOOK_INGEST_MEMORY; 1.4 GiB/1.4 GiB used)" in text
    assert "STOREBOOK_INGEST_MEMORY=3GB storebook ingest" in text
    assert "data/processed was left as it was" in text and "Possible solutions" not in text
    assert sorted(p.name for p in tables_dir(tiny).iterdir()) == before
    monkeypatch.setattr(pipeline, "_write_parquet", real)
    assert ingest(Config.load(tiny), now=NOW).tables["order_lines"]["rows"] == 23  # the next ingest writes
