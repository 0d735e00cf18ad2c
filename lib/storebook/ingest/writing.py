"""Writing the canonical tables: in date order, in small fixed row groups, the same bytes for the same rows.

A month's question should read that month's rows, not the whole history. Each fact table
is therefore written in order of its day (the date of :data:`CLUSTER_DATES`' column), then
of its key, in row groups of :data:`ROW_GROUP` rows: each row group's Parquet statistics
hold a narrow range of dates, and DuckDB skips the row groups whose range misses the month
asked for. The day, not the timestamp: within a day the keys stay in order, which keeps the
files small (the 1M store's order lines: 7.9 MB by timestamp, 6.1 MB by day, 4.9 MB by key).
Order lines have no date of their own: they follow their order's ``ordered_at``. The tables whose
key begins with a date (traffic, marketing spend, inventory, ratings …) are in date order
by their key already.

Byte-identical output: the rows and their order are a function of the surviving rows only
(the sort is total: date, key, then the file and row a record came from), and the Parquet
writer gets exactly :data:`ROW_GROUP` rows per row group, each one contiguous Arrow chunk,
with fixed settings. DuckDB sorts big tables one range of the sort date (or first key
column) at a time (:func:`sort_ranges`), spilling past its memory cap; Python holds one
row group at a time.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa_arrow
import pyarrow.compute as pc
import pyarrow.parquet as pq

from storebook.engine import schema
from storebook.engine.sqltext import quote

if TYPE_CHECKING:  # the parse workers import this module for repeating_columns alone
    import duckdb

#: Bump when the written layout changes: a store is rewritten on its next ingest (from its
#: parse cache) instead of being kept as "nothing to do".
#: 2: fact tables in date order, row groups of 122,880 rows; 3: _derived/first_purchases; 4: the
#: parcels record of _ingest.json (tables.shipments.parcels, storebook.ingest.crossfile); 5:
#: _derived/daily_sales and _derived/returns_orders (storebook.engine.derived); 6: a dictionary
#: only for the columns whose values repeat (:func:`write_parquet`).
LAYOUT_VERSION = "6"
#: Rows per Parquet row group of a canonical table (part of the byte-identical promise).
#: DuckDB's own row-group size: a month of a 10M-line store's orders spans a few row groups.
ROW_GROUP = 122_880
#: Rows per sort when a table is written (see sort_ranges), order lines included. Ranges of
#: twice as many order lines (each range joins its lines to the orders for their day: 1.6
#: CPU-s less at 10M) ran out of DuckDB's ingest memory at 50M, sorted beside a range of
#: orders: 7.1M lines a range at 2.7 GiB (issue #17, eighth session).
SORT_RANGE_ROWS = 4_000_000
#: The date (or timestamp) whose day each fact table is written in order of, before its key;
#: ``parent.column`` for a table that takes its parent's through its first key column (an
#: order line, its order's).
CLUSTER_DATES: dict[str, str] = {
    "orders": "ordered_at",
    "order_lines": "orders.ordered_at",
    "shipments": "shipped_at",
    "returns": "returned_on",
    "service_tickets": "opened_at",
    "purchase_orders": "promised_on",
}
_SORT = "_sort_date"
#: The timestamp (or date) a row's ``_sort_date`` is the day of: the ranges filter on it, not on
#: the day, because a filter on a column the Parquet parts hold skips the parts (and row groups)
#: outside the range, where a filter on ``CAST(... AS DATE)`` reads every part for every range.
_SORT_AT = "_sort_at"


#: DuckDB questions of one ingest that may hold memory at once (see :class:`QuerySlots`).
QUERY_SLOTS = 2


class QuerySlots:
    """At most ``n`` of an ingest's big DuckDB questions under way at once, first come first served.

    The tables are written two at a time, and the derived tables (first purchases, returns with
    their orders) each as soon as their sources are written: three sorts or aggregates at once
    under one memory cap. DuckDB spills each, but not three: on 10M-row slices of the 50M
    store at a 1 GB cap, two sorts pass and two sorts with the first purchases run out
    (953.8 MiB of 953.6 MiB), as the 50M store did at the default 3 GB (issue #17,
    twenty-first session). A question holds its slot until its result is read
    out: DuckDB keeps a sorted result in its memory until then. Served in order of asking: a
    writer that releases its slot between two ranges and asks again at once would otherwise
    take it back before a derived table waiting for it, every time.
    """

    def __init__(self, n: int | None = None) -> None:
        self._slots = QUERY_SLOTS if n is None else n
        self._free = self._slots
        self._queue: collections.deque[object] = collections.deque()
        self._cond = threading.Condition()
        #: The most questions ever under way at once (tests check the bound).
        self.most = 0

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
            self._cond.wait_for(lambda: self._free > 0 and self._queue[0] is ticket)
            self._queue.popleft()
            self._free -= 1
            self.most = max(self.most, self._slots - self._free)
            self._cond.notify_all()  # the next in line may find a slot still free
        try:
            yield
        finally:
            with self._cond:
                self._free += 1
                self._cond.notify_all()


def _one_held(slots: QuerySlots | None, readers: Iterable[Callable[[], pa_arrow.RecordBatchReader]],
              ) -> Iterator[pa_arrow.RecordBatchReader]:
    """Each reader made only when a slot is free, the slot held until the next one is asked
    for (:func:`fixed_chunks` reads one reader to its end before it asks for the next)."""
    for make in readers:
        with slots.held() if slots is not None else contextlib.nullcontext():
            yield make()


def canonical_schema(table: str) -> pa_arrow.Schema:
    """The canonical Arrow types: dates as date32, timestamps in microseconds."""
    types = {"str": pa_arrow.string(), "int": pa_arrow.int64(), "Int64": pa_arrow.int64(),
             "float": pa_arrow.float64(), "bool": pa_arrow.bool_(), "timestamp": pa_arrow.timestamp("us"),
             "date": pa_arrow.date32()}
    return pa_arrow.schema([pa_arrow.field(c.name, types[c.kind], nullable=c.nullable) for c in schema.columns(table)])


def _views(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {v for (v,) in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}


def sort_source(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, str]:
    """(the rows to write, as a FROM item with ``_sort_date`` and ``_sort_at`` columns where the
    table has a date to cluster by; the first column of the sort). Reads ``live_<table>``
    (storebook.ingest.crossfile)."""
    date = CLUSTER_DATES.get(table)
    if date is None:
        return f"live_{table}", quote(schema.key(table)[0])
    if "." not in date:
        return f"(SELECT *, {quote(date)} AS {_SORT_AT}, CAST({quote(date)} AS DATE) AS {_SORT} FROM live_{table})", _SORT
    parent, column = date.split(".")
    link = schema.key(table)[0]
    if f"live_{parent}" not in _views(con):  # no parent table in this store: key order
        return f"(SELECT *, NULL::TIMESTAMP AS {_SORT_AT}, NULL::DATE AS {_SORT} FROM live_{table})", _SORT
    # An inner join where every live row has its live parent: a range's filter on the parent's
    # date then narrows the parent rows, and DuckDB skips the child's parts and row groups whose
    # keys miss theirs (a LEFT JOIN reads every line for the last range, whose filter keeps
    # NULLs: at 10M order lines 16.7M rows read for it instead of 5.7M). The rows are the same;
    # a lost row would fail _write_tables' count of the rows written.
    join = "JOIN" if _parent_guaranteed(table, link, parent) else "LEFT JOIN"
    return (f"(SELECT c.*, p.{quote(column)} AS {_SORT_AT}, CAST(p.{quote(column)} AS DATE) AS {_SORT} "
            f"FROM live_{table} c {join} (SELECT {quote(link)}, {quote(column)} FROM live_{parent}) p USING ({quote(link)}))",
            _SORT)


def _parent_guaranteed(table: str, link: str, parent: str) -> bool:
    """Whether every live row of ``table`` has its row in ``live_<parent>``: its ``link`` is
    required and an enforced key to the parent's, so the cross-file checks, which run before
    the writes, rejected every row whose parent is missing or was rejected
    (storebook.ingest.crossfile.mark_orphans)."""
    required = any(c.name == link and not c.nullable for c in schema.columns(table))
    return required and any(fk.enforced and (fk.table, fk.column, fk.ref_table, fk.ref_column) == (table, link, parent, link)
                            for fk in schema.FOREIGN_KEYS)


def _sample_source(con: duckdb.DuckDBPyConnection, table: str, source: str, first: str) -> tuple[str, str]:
    """(a FROM item, a column) to draw the cut points of :func:`sort_ranges` from: the day of the
    table's own date column, or of its parent's (an order line's order: sampling the lines
    would join them to the orders once more), read from that one column alone."""
    date = CLUSTER_DATES.get(table)
    if first != _SORT or date is None:
        return source, first
    parent, _, column = date.rpartition(".")
    if not parent:
        return f"live_{table}", f"CAST({quote(column)} AS DATE)"
    if f"live_{parent}" not in _views(con):
        return source, first
    return f"live_{parent}", f"CAST({quote(column)} AS DATE)"


def sort_ranges(con: duckdb.DuckDBPyConnection, source: str, first: str, rows: int,
                sample_from: tuple[str, str] | None = None) -> list[tuple[str, list]]:
    """Ranges of the sort's first column that split the table into sorts of about
    :data:`SORT_RANGE_ROWS` rows each, as (WHERE clause, parameters), in sort order.

    One ORDER BY over tens of millions of wide rows can exhaust DuckDB's memory cap even
    though sorts spill (at 50M order lines the orders sort failed at a 3 GB cap); sorts
    of a few million rows each do not. The cut points come from a sample, so they only
    change how the work is split: every row falls in exactly one range, the ranges follow
    each other in sort order, and the rows written are the same whatever the cuts are.

    Where the first column is the day of ``_sort_at`` (:func:`sort_source`), the ranges are
    written on ``_sort_at`` against midnight of each cut day, which selects the same rows
    (a timestamp's day is before day d exactly when it is before d at 00:00; NULLs, last in
    the sort, in the last range) and lets DuckDB skip the parts outside the range.

    Args:
        con: the connection holding the ``live_`` views.
        source: the rows to write (:func:`sort_source`).
        first: the sort's first column in ``source``.
        rows: the rows ``source`` holds.
        sample_from: (FROM item, column) to draw the cut points from, when not ``source``.
    Returns:
        (WHERE clause, parameters) per range; one range with no clause when one sort will do.
    """
    if rows <= SORT_RANGE_ROWS:
        return [("", [])]
    origin, column = sample_from or (source, first)
    sample = sorted(v for (v,) in con.sql(
        f"SELECT {column} FROM {origin} USING SAMPLE reservoir(100000 ROWS) REPEATABLE (20261)").fetchall()
        if v is not None)
    n = -(-rows // SORT_RANGE_ROWS)
    cuts = sorted({sample[i * len(sample) // n] for i in range(1, n)}) if sample else []
    if not cuts:
        return [("", [])]
    col, arg = (_SORT_AT, "CAST(? AS TIMESTAMP)") if first == _SORT else (first, "?")
    # DuckDB sorts NULLs last: they belong to the last range.
    ranges = [(f"WHERE {col} < {arg}", [cuts[0]])]
    ranges += [(f"WHERE {col} >= {arg} AND {col} < {arg}", [a, b]) for a, b in itertools.pairwise(cuts)]
    ranges.append((f"WHERE {col} >= {arg} OR {col} IS NULL", [cuts[-1]]))
    return ranges


def parent_dated(table: str) -> bool:
    """Whether ``table`` is written in order of its parent's day (an order line, its order's):
    its file holds no such date, so its row groups' days are recorded by ingest instead
    (:func:`sorted_chunks`' ``days``; storebook.engine.lines reads them)."""
    return "." in CLUSTER_DATES.get(table, "")


def sorted_chunks(con: duckdb.DuckDBPyConnection, table: str, rows: int,
                  days: list | None = None, slots: QuerySlots | None = None) -> Iterator[pa_arrow.Table]:
    """The table's surviving rows in write order (date, key, file, row), as tables of exactly
    ROW_GROUP rows (the last may be shorter), each in one contiguous Arrow chunk: the Parquet
    writer's page breaks follow the Arrow chunks, and DuckDB's batch sizes vary, so fixed row
    groups of single chunks are what keeps the file bytes a function of the rows alone.

    ``days``, when given for a :func:`parent_dated` table, receives each chunk's first and last
    day of the date it is ordered by (ISO days; None for a chunk without one), in order.
    ``slots``, when given, holds one of its slots for each range's sort (:class:`QuerySlots`).
    """
    target = canonical_schema(table)
    cols = ", ".join(f"CAST({quote(c.name)} AS DATE) AS {quote(c.name)}" if c.kind == "date" else quote(c.name)
                     for c in schema.columns(table))
    source, first = sort_source(con, table)
    track = days is not None and first == _SORT
    if track:
        cols += f", {_SORT}"

    def finish(chunk: pa_arrow.Table) -> pa_arrow.Table:
        if track:
            if chunk.num_rows:  # an empty table is written without a row group
                bounds = pc.min_max(chunk.column(_SORT)).as_py()
                days.append(None if bounds["min"] is None else [bounds["min"].isoformat(), bounds["max"].isoformat()])
            chunk = chunk.drop_columns([_SORT])
        return chunk.cast(target).combine_chunks()
    order = ", ".join([*([_SORT] if first == _SORT else []), *(quote(k) for k in schema.key(table))])
    head, tail = f"SELECT {cols} FROM {source} ", f" ORDER BY {order}, _part, _pos"
    readers = (functools.partial(_reader, con, head + where + tail, params)
               for where, params in sort_ranges(con, source, first, rows, _sample_source(con, table, source, first)))
    for chunk in fixed_chunks(_one_held(slots, readers)):
        yield finish(chunk)


def fixed_chunks(readers: Iterable[pa_arrow.RecordBatchReader]) -> Iterator[pa_arrow.Table]:
    """The batches of ``readers``, one after the other, as tables of exactly ROW_GROUP rows
    (the last may be shorter; one empty table when there is no row). Combine each into one
    chunk before writing it: the Parquet writer's page breaks follow the Arrow chunks, and
    DuckDB's batch sizes vary, so fixed row groups of single chunks keep the bytes a function
    of the rows alone."""
    pending: list[pa_arrow.RecordBatch] = []
    count = 0
    emitted = False
    batch_schema = None
    for reader in readers:
        batch_schema = reader.schema
        for batch in reader:
            pending.append(batch)
            count += batch.num_rows
            while count >= ROW_GROUP:
                chunk = pa_arrow.Table.from_batches(pending)
                yield chunk.slice(0, ROW_GROUP)
                rest = chunk.slice(ROW_GROUP)
                pending, count = rest.to_batches(), rest.num_rows
                emitted = True
    if count or not emitted:
        yield (pa_arrow.Table.from_batches(pending, schema=batch_schema) if pending
               else batch_schema.empty_table())


def _reader(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pa_arrow.RecordBatchReader:
    return con.sql(sql, params=params or None).to_arrow_reader(ROW_GROUP)


def derived_chunks(con: duckdb.DuckDBPyConnection, sql: str, target: pa_arrow.Schema,
                   slots: QuerySlots | None = None) -> Iterator[pa_arrow.Table]:
    """A derived table's rows (``sql``, ordered totally: storebook.engine.derived) as tables of
    ROW_GROUP rows of the ``target`` types, for :func:`write_parquet`; with ``slots``, the
    question holds one (:class:`QuerySlots`)."""
    for chunk in fixed_chunks(_one_held(slots, [functools.partial(_reader, con, sql)])):
        yield chunk.cast(target).combine_chunks()


#: Rows :func:`repeating_columns` looks at, and how many times fewer distinct values than rows
#: make a column worth a dictionary.
_DICTIONARY_SAMPLE, _DICTIONARY_RATIO = 10_000, 10


def repeating_columns(table: pa_arrow.Table) -> list[str]:
    """The columns of ``table`` whose first rows hold few distinct values (a platform, a status,
    a price): those a dictionary makes smaller and quicker to read. An id or a time has about as
    many values as rows: the writer would build a dictionary for it in every row group until the
    dictionary page overflows, then write the column again plainly."""
    head = table.slice(0, _DICTIONARY_SAMPLE)
    return [name for name in table.column_names
            if pc.count_distinct(head.column(name), mode="all").as_py() * _DICTIONARY_RATIO <= max(head.num_rows, 1)]


def write_parquet(table: pa_arrow.Table | Iterable[pa_arrow.Table], path: Path) -> None:
    """Write a table, or its chunks of ROW_GROUP rows, as one Parquet file.

    A dictionary only for the columns whose first rows repeat (:func:`repeating_columns`, decided
    on the first chunk, so still a function of the rows): at 10M order lines the orders took
    5.3 → 3.9 CPU-s to write and 208 → 162 MB, the order lines 2.6 → 1.9 CPU-s and 60 → 47 MB."""
    path.parent.mkdir(parents=True, exist_ok=True)
    chunks = [table] if isinstance(table, pa_arrow.Table) else table
    writer = None
    try:
        for chunk in chunks:
            if writer is None:
                # Fixed writer settings and no pandas metadata: same rows → same bytes.
                writer = pq.ParquetWriter(path, chunk.schema, compression="zstd", write_statistics=True,
                                          use_dictionary=repeating_columns(chunk))
            writer.write_table(chunk, row_group_size=ROW_GROUP)
    finally:
        if writer is not None:
            writer.close()
