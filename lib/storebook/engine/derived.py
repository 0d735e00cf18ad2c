"""Tables ingest derives from the canonical ones, for questions the canonical ones answer only
by reading the whole history.

``first_purchases``: each customer's first paid order time. Whether a month's buyer is new
(新客), and which customers a cohort acquired, depends on every earlier order of theirs: asked
of the orders, each such question read every paid order of the history (at 50M order lines
the customers headline alone asked it six times: 81 s of a 422 s pack, issue #17). Written
in order of the first purchase, a month's new customers are a few row groups of it.

Ingest writes it next to the tables (``_derived/first_purchases/part-0.parquet``) from the
orders it has just written, and records it in the manifest (``derived``), with the orders'
rows and SHA-256 it was derived from. A workbook reads the file only where the manifest and
the orders' files still agree with it; anywhere else (a store ingested before it existed, a
folder of tables written by hand, a lake) it asks :func:`first_purchases` of the orders
themselves: the same rows, the old cost. The definition is that one expression either way.

``daily_sales``: the order lines of paid orders summed per payment day, platform and SKU
(units, line amount, discounts). Every sales question (storebook.measures.sales) is a sum of
these sums: asked of the lines, each joined a month or a year of order lines (1.4M a month at
50M order lines) to their orders, about 1 CPU-s a month, 51 CPU-s of a 310 CPU-s pack; a
month of these sums is under 40,000 rows (issue #17). Derived from the orders and the order
lines, and read only while both are those it was derived from.

``returns_orders``: the returns with the platform and payment time of their order. A month's
returns by platform joined them to every order of the history for it (33M at 50M order lines,
3.4 CPU-s a question), and the returns of a month's orders (margins, P&L) joined every return
to the month's orders; the join is the same whichever month asks. Derived from the returns
and orders.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pyarrow as pa

from storebook.engine import generations
from storebook.engine.sqltext import literal

if TYPE_CHECKING:
    import ibis

    from storebook.engine.periods import Period
    from storebook.engine.workbook import Workbook

#: The folder of a generation that holds the derived tables (each a folder of Parquet).
DERIVED_DIR = generations.DERIVED
FIRST_PURCHASES = "first_purchases"
#: The columns of :func:`first_purchases` as ingest writes them, in order.
FIRST_PURCHASE_SCHEMA = pa.schema([("customer_id", pa.string()), ("platform", pa.string()),
                                   ("first_paid_at", pa.timestamp("us"))])
DAILY_SALES = "daily_sales"
#: The columns of :func:`daily_sales` as ingest writes them, in order.
DAILY_SALES_SCHEMA = pa.schema([("day", pa.date32()), ("platform", pa.string()), ("sku", pa.string()),
                                ("units", pa.int64()), ("revenue", pa.float64()), ("discount_amount", pa.float64()),
                                ("orders", pa.int64())])
RETURNS_ORDERS = "returns_orders"
#: The columns of :func:`returns_orders` as ingest writes them, in order.
RETURNS_ORDERS_SCHEMA = pa.schema([("return_id", pa.string()), ("order_id", pa.string()), ("sku", pa.string()),
                                     ("returned_on", pa.date32()), ("quantity", pa.int64()), ("reason", pa.string()),
                                     ("refund_amount", pa.float64()), ("platform", pa.string()),
                                     ("paid_at", pa.timestamp("us"))])
#: The canonical tables each derived table is derived from: the manifest records their rows
#: and SHA-256 (``<table>_rows``, ``<table>_sha256``), and a workbook reads the derived table
#: only while its tables still hold those rows.
SOURCES = {FIRST_PURCHASES: ("orders",), DAILY_SALES: ("orders", "order_lines"),
           RETURNS_ORDERS: ("returns", "orders")}


def first_purchases(orders: ibis.Table) -> ibis.Table:
    """One row per customer and platform they paid on: ``customer_id``, ``platform`` and
    ``first_paid_at``, the time of their first paid order there (``paid_at`` set; guests,
    without an account, have none). A customer's first purchase on a choice of platforms is
    the earliest of their rows on those platforms."""
    o = orders.filter(orders.paid_at.notnull(), orders.customer_id.notnull())
    return o.group_by(["customer_id", "platform"]).aggregate(first_paid_at=o.paid_at.min())


def first_purchases_sql(table: str) -> str:
    """:func:`first_purchases` of the DuckDB relation ``table`` as SQL, in write order: the
    first purchase's time, then the customer and platform (unique, so the order is total and
    the bytes written are a function of the orders alone). By time rather than by day: the
    time settles nearly every comparison, where a day's thousands of customers were ordered
    by their ids (at 10M order lines 0.7 CPU-s of sorting instead of 2)."""
    import ibis

    orders = ibis.table({"customer_id": "string", "platform": "string", "paid_at": "timestamp"}, name=table)
    fp = first_purchases(orders)
    ordered = fp.order_by([fp.first_paid_at, fp.customer_id, fp.platform]).select(*FIRST_PURCHASE_SCHEMA.names)
    return ibis.to_sql(ordered, dialect="duckdb")


def daily_sales(orders: ibis.Table, lines: ibis.Table) -> ibis.Table:
    """The order lines of the paid orders (``paid_at`` set) summed per ``day`` (of ``paid_at``),
    ``platform`` and ``sku``: ``units`` (Σ quantity), ``revenue`` (Σ line_amount),
    ``discount_amount`` (Σ line discounts) and ``orders`` (the orders with a line of the SKU:
    an order is paid on one day on one platform, so the orders of a SKU over any days and
    platforms are the sum of these). A line joins its order by ``order_id``, as
    storebook.measures.sales joins them (a line without a paid order is no sale)."""
    paid = orders.filter(orders.paid_at.notnull())
    paid = paid.select("order_id", "platform", day=paid.paid_at.date())
    j = lines.select("order_id", "sku", "quantity", "line_amount", "discount_amount").join(paid, "order_id")
    return j.group_by(["day", "platform", "sku"]).aggregate(
        units=j.quantity.sum(), revenue=j.line_amount.sum(), discount_amount=j.discount_amount.sum(),
        orders=j.order_id.nunique())


def returns_orders(returns: ibis.Table, orders: ibis.Table) -> ibis.Table:
    """Every column of ``returns`` and the ``platform`` and ``paid_at`` of the return's order
    (a return whose order is not in ``orders`` is left out, as the measures join them)."""
    return returns.join(orders.select("order_id", "platform", "paid_at"), "order_id")


def _sql(expr: ibis.Table, schema: pa.Schema) -> str:
    """``expr`` as DuckDB SQL, its rows ordered by every column (a total order: the same rows
    give the same bytes) and its columns those of ``schema``."""
    import ibis

    return ibis.to_sql(expr.select(*schema.names).order_by(list(schema.names)), dialect="duckdb")


#: The columns of the orders and of the order lines the derived tables' SQL reads, by their Ibis types.
_ORDER_COLUMNS = {"order_id": "string", "platform": "string", "paid_at": "timestamp"}
_LINE_COLUMNS = {"order_id": "string", "sku": "string", "quantity": "int64", "line_amount": "float64",
                 "discount_amount": "float64"}


def daily_sales_sql(orders: str, lines: str) -> str:
    """:func:`daily_sales` of the DuckDB relations ``orders`` and ``lines`` as SQL, in day order."""
    import ibis

    return _sql(daily_sales(ibis.table(_ORDER_COLUMNS, name=orders), ibis.table(_LINE_COLUMNS, name=lines)),
                DAILY_SALES_SCHEMA)


#: Row groups of order lines per part of :func:`daily_sales_parts` (about a million lines).
DAILY_SALES_PART_GROUPS = 8


class DailySalesPart(NamedTuple):
    """The orders placed from ``first`` to ``last`` (ISO days; None: unbounded on that side,
    with the orders without a day in the last part) and the rows ``lines`` (first and last
    file row) of the order lines file that hold every line of theirs."""

    first: str | None
    last: str | None
    lines: tuple[int, int]


def daily_sales_parts(days: Sequence[Sequence[str] | None], group_rows: int, total_rows: int) -> list[DailySalesPart] | None:
    """The order lines file, as ingest wrote it in order of its order's day (``days``: each
    row group's first and last day, storebook.ingest.writing.sorted_chunks), cut into parts
    of whole days of orders, each about :data:`DAILY_SALES_PART_GROUPS` row groups of lines.

    :func:`daily_sales` of each part's orders and lines, summed per day, platform and SKU
    over the parts, is :func:`daily_sales` of the whole: an order is placed on one day, so it
    and all its lines are in exactly one part, and its distinct count adds up across parts.
    One join of every line to every order (a hash table of all the orders) cost 7 CPU-s at 10M
    order lines; a part's orders fit in the processor's caches. None where the days do not
    allow it (a row group without a day before one with a day: not the order ingest writes).

    Args:
        days: each row group's [first, last] ISO day, None for a row group without one.
        group_rows: rows per row group (the last may hold fewer).
        total_rows: the rows of the file.
    Returns:
        The parts in day order, or None.
    """
    dated = [(r, d[0], d[1]) for r, d in enumerate(days) if d]
    if not dated or any(d is None for d in days[:dated[-1][0] + 1]):
        return None
    cuts: list[str] = []  # the last day of every part but the last
    for i in range(DAILY_SALES_PART_GROUPS - 1, len(dated) - 1, DAILY_SALES_PART_GROUPS):
        # Past the last day, a part would have no lines; a day over many row groups is one cut.
        if dated[i][2] < dated[-1][2] and (not cuts or dated[i][2] > cuts[-1]):
            cuts.append(dated[i][2])
    parts = []
    for k in range(len(cuts) + 1):
        first = None if k == 0 else (_next_day(cuts[k - 1]))
        last = cuts[k] if k < len(cuts) else None
        groups = [r for r, lo, hi in dated if (first is None or hi >= first) and (last is None or lo <= last)]
        end = (groups[-1] + 1) * group_rows - 1 if last is not None else total_rows - 1
        parts.append(DailySalesPart(first, last, (groups[0] * group_rows, end)))
    return parts


def _next_day(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def daily_sales_part_sql(orders_file: str, lines_file: str, part: DailySalesPart) -> str:
    """:func:`daily_sales` of one part (:func:`daily_sales_parts`) of the written files, unordered
    (:func:`daily_sales_sum_sql` orders the whole)."""
    where = []
    if part.first is not None:
        where.append(f"ordered_at >= TIMESTAMP {literal(part.first)}")
    if part.last is not None:
        where.append(f"ordered_at < TIMESTAMP {literal(_next_day(part.last))}")
    elif where:  # the orders without a day (ordered_at is required: none are expected) are the last part's
        where = [f"({where[0]} OR ordered_at IS NULL)"]
    return (f"WITH part_orders AS (SELECT {', '.join(_ORDER_COLUMNS)} FROM read_parquet({literal(orders_file)})"
            f"{' WHERE ' + ' AND '.join(where) if where else ''}), "
            f"part_lines AS (SELECT {', '.join(_LINE_COLUMNS)} "
            f"FROM read_parquet({literal(lines_file)}, file_row_number = true) "
            f"WHERE file_row_number BETWEEN {part.lines[0]} AND {part.lines[1]}) {_daily_sales_part_body()}")


@functools.cache
def _daily_sales_part_body() -> str:
    """The query of :func:`daily_sales_part_sql` after its two relations, the same for every
    part: compiled once (Ibis takes ~55 ms a compile; the 10M store has 11 parts)."""
    import ibis

    o, line = ibis.table(_ORDER_COLUMNS, name="part_orders"), ibis.table(_LINE_COLUMNS, name="part_lines")
    return ibis.to_sql(daily_sales(o, line).select(*DAILY_SALES_SCHEMA.names), dialect="duckdb")


def daily_sales_sum_sql(parts: str) -> str:
    """:func:`daily_sales` from the sums of its parts (the relation ``parts``, stacked in part
    order; :func:`daily_sales_parts`), in the order :func:`daily_sales_sql` writes."""
    cols = ", ".join(f"CAST(sum({c}) AS BIGINT) AS {c}" if DAILY_SALES_SCHEMA.field(c).type == pa.int64()
                     else f"sum({c}) AS {c}" for c in ("units", "revenue", "discount_amount", "orders"))
    names = ", ".join(DAILY_SALES_SCHEMA.names)
    return f"SELECT day, platform, sku, {cols} FROM {parts} GROUP BY day, platform, sku ORDER BY {names}"


def returns_orders_sql(returns: str, orders: str) -> str:
    """:func:`returns_orders` of the DuckDB relations ``returns`` and ``orders`` as SQL, in
    order of the return day."""
    import ibis

    r = ibis.table({f.name: _IBIS[f.type] for f in RETURNS_ORDERS_SCHEMA if f.name not in ("platform", "paid_at")},
                   name=returns)
    return _sql(returns_orders(r, ibis.table(_ORDER_COLUMNS, name=orders)), RETURNS_ORDERS_SCHEMA)


_IBIS = {pa.string(): "string", pa.date32(): "date", pa.int64(): "int64", pa.float64(): "float64"}


class FirstPurchases(NamedTuple):
    """A workbook's :func:`first_purchases`, and whether each customer is on one platform only."""

    table: ibis.Table
    #: True for the file ingest wrote: ingest's customer ids are keyed hashes of platform and
    #: account (storebook.ingest.frames), so no id is on two platforms and a customer's row on
    #: the chosen platforms is their first purchase there, found by a filter on its time alone.
    one_platform_each: bool


def path_in(generation: Path | str, name: str) -> Path | str:
    """The folder of derived table ``name`` in a generation folder (or lake URI)."""
    if isinstance(generation, str):
        return f"{generation}/{DERIVED_DIR}/{name}"
    return generation / DERIVED_DIR / name


def first_purchases_of(wb: Workbook) -> FirstPurchases:
    """The workbook's ``first_purchases``: the file ingest wrote, where it still describes the
    workbook's orders; else :func:`first_purchases` of its orders (one question, the same rows)."""
    found = _known(wb, FIRST_PURCHASES)
    if found is not None:
        return FirstPurchases(found, one_platform_each=True)
    return FirstPurchases(first_purchases(wb.table("orders")), one_platform_each=False)


def daily_sales_of(wb: Workbook) -> ibis.Table | None:
    """The workbook's :func:`daily_sales` as ingest wrote them, where they still describe its
    orders and order lines; else None (the caller asks the lines themselves)."""
    return _known(wb, DAILY_SALES)


def daily_sales_in(wb: Workbook, period: Period, platforms: Sequence[str]) -> ibis.Table | None:
    """:func:`daily_sales_of` for the days of ``period`` on ``platforms`` (resolved), or None."""
    daily = daily_sales_of(wb)
    if daily is None:
        return None
    return daily.filter(daily.day >= period.start, daily.day < period.end, daily.platform.isin(list(platforms)))


def returns_orders_of(wb: Workbook) -> ibis.Table:
    """The workbook's :func:`returns_orders`: the file ingest wrote, where it still
    describes its returns and orders; else the join itself (the same rows, the old cost)."""
    found = _known(wb, RETURNS_ORDERS)
    return found if found is not None else returns_orders(wb.table("returns"), wb.table("orders"))


#: Per open workbook (its tables do not change under it): its derived tables, by name (None:
#: not to be read).
_OTHERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _known(wb: Workbook, name: str) -> ibis.Table | None:
    known = _OTHERS.setdefault(wb, {})
    if name not in known:
        known[name] = _written(wb, name)
    if known[name] is not None:
        _read_sources(wb, name)
    return known[name]


def _read_sources(wb: Workbook, name: str) -> None:
    """Ask the workbook for the tables ``name`` was derived from, as a question of them would.

    A derived table holds their rows, summed or joined: a report section that reads it reads
    them, and the page records what each section read (storebook.report.page) through
    ``Workbook.table``. Without this, a section answered from ``daily_sales`` would record
    no order lines read, and the pack's summary would name order lines among the tables
    missing from the month's data. The tables are registered already; asking costs nothing."""
    for table in SOURCES[name]:
        wb.table(table)


def trusted_record(wb: Workbook, find: Callable[[dict], object], sources: Mapping[str, Sequence[str]]) -> dict | None:
    """What ingest recorded of some tables (``find`` of its manifest, a dict), where it still
    describes the workbook's tables; else None: no such record (an older ingest, a store built
    by hand), no manifest to read, a lake or another engine, or a table whose files hold other
    rows than the manifest counts.

    The one definition of a record a workbook can trust, for a derived table (:func:`_written`)
    as for the parcels' record (storebook.measures.shipments): the cheap checks it can afford
    (footers, not checksums), so that a table rewritten under the manifest (cut to a window
    by hand, say) is asked of the data instead.

    Args:
        wb: the workbook.
        find: the record in the manifest (None or not a dict: none).
        sources: each table the record was taken from, with the keys of its manifest entry
            the record must hold as ``<table>_<key>`` (``rows``, ``sha256``; none for the
            table whose entry holds the record). Each table's files must hold the rows its
            manifest entry counts.
    """
    from storebook.engine.availability import _files_agree

    if wb.con.name != "duckdb" or generations.is_lake_uri(wb.data_dir):
        return None
    try:
        manifest = wb.ingest_manifest()
        record = find(manifest)
        tables = manifest.get("tables") or {}
        entries = {t: tables.get(t) or {} for t in sources}
        if not isinstance(record, dict) or not record:
            return None
        if any(record.get(f"{t}_{k}") != entries[t].get(k) for t, keys in sources.items() for k in keys):
            return None
        agree = all(_files_agree(wb, t, e.get("rows")) for t, e in entries.items())
    except (AttributeError, OSError, ValueError, TypeError):  # a workbook-like object, a bad manifest
        return None
    return record if agree else None


def _written(wb: Workbook, name: str) -> ibis.Table | None:
    """The derived table as ingest wrote it, or None where it cannot be trusted or read
    (:func:`trusted_record` of its record, with the rows and SHA-256 of its :data:`SOURCES`),
    or its own files hold other rows than the record counts."""
    from storebook.engine.workbook import _register_local_parquet

    info = trusted_record(wb, lambda m: (m.get("derived") or {}).get(name),
                          {t: ("rows", "sha256") for t in SOURCES[name]})
    if info is None:
        return None
    import pyarrow.parquet as pq

    folder = Path(path_in(wb.data_dir, name))
    files = sorted(folder.glob("*.parquet"))
    try:
        rows = sum(pq.read_metadata(f).num_rows for f in files)
    except (OSError, ValueError):
        return None
    if not files or rows != info.get("rows"):
        return None
    return _register_local_parquet(wb.con, str(folder))
