"""Order lines of some orders, read from the row groups of those orders' days only.

Order lines hold no date: ingest writes them in order of their order's day, then key
(storebook.ingest.writing), and records each row group's first and last such day in the
manifest (``tables.order_lines.row_group_days``). DuckDB skips the Parquet row groups a filter
on ``file_row_number`` excludes, as it skips those a date filter excludes in the other fact
tables; without it every question that joins a month's orders to their lines read the lines of
the whole history (at 50M order lines, 5x a 10M store's work per question; issue #17).

:func:`lines_of_orders` is for a question that joins the lines to a set of orders: the rows it
leaves out are lines of orders placed on other days (and lines without an order), which that
join would drop anyway. The answer is the same; only less is read.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import ibis
import pandas as pd

from storebook.engine.sqltext import literal, quote

if TYPE_CHECKING:
    from storebook.engine.workbook import Workbook

#: Below this many row groups a whole read costs less than the question for the orders' days.
MIN_ROW_GROUPS = 4
_VIEW = "order_lines__numbered"


class _RowGroups:
    """The dated row groups' first and last order day (the undated ones follow them), each row
    group's first file row, and the file's rows."""

    def __init__(self, path: Path, firsts: list[date], lasts: list[date], starts: list[int], rows: int) -> None:
        self.path, self.firsts, self.lasts, self.starts, self.rows = path, firsts, lasts, starts, rows
        #: The file as a view with DuckDB's ``file_row_number`` (:func:`_numbered`), once asked for.
        self.numbered: ibis.Table | None = None

    def rows_between(self, first: date, last: date) -> tuple[int, int]:
        """[start, stop) of the file rows in the row groups holding an order day in [first, last].

        The days are in order along the file (the groups with no day, lines without an
        order, come last and are never in): the groups wanted are one run."""
        lo = bisect_left(self.lasts, first)  # the first group that reaches ``first``
        hi = bisect_right(self.firsts, last)  # past the last group that starts by ``last``
        if hi <= lo:
            return 0, 0
        return self.starts[lo], (self.starts[hi] if hi < len(self.starts) else self.rows)


#: Per open workbook (its tables do not change under it): its order lines' row groups.
_KNOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _row_groups(wb: Workbook) -> _RowGroups | None:
    """The order lines' row groups as ingest recorded them, or None where they cannot be used:
    no record (an older ingest, a store built by hand, a lake), several files, a file whose
    row groups are not those recorded, or too few row groups to be worth a question."""
    if wb in _KNOWN:
        return _KNOWN[wb]
    _KNOWN[wb] = found = _read_row_groups(wb)
    return found


def _read_row_groups(wb: Workbook) -> _RowGroups | None:
    from storebook.engine.generations import is_lake_uri

    if wb.con.name != "duckdb" or is_lake_uri(wb.data_dir) or not wb.has("order_lines"):
        return None
    try:
        info = (wb.ingest_manifest().get("tables") or {}).get("order_lines") or {}
    except AttributeError:  # a workbook-like object without a manifest
        return None
    days = info.get("row_group_days")
    files = sorted(Path(wb.location("order_lines")).glob("*.parquet"))
    if not isinstance(days, list) or len(days) < MIN_ROW_GROUPS or len(files) != 1:
        return None
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(files[0])
        dated = [d for d in days if d is not None]
        firsts = [date.fromisoformat(d[0]) for d in dated]
        lasts = [date.fromisoformat(d[1]) for d in dated]
    except (OSError, ValueError, TypeError, IndexError):
        return None
    if meta.num_row_groups != len(days) or meta.num_rows != info.get("rows") or days[:len(dated)] != dated:
        return None  # rewritten under the manifest, or not in day order: read it all
    if firsts != sorted(firsts) or lasts != sorted(lasts):
        return None
    starts, row = [], 0
    for g in range(meta.num_row_groups):
        starts.append(row)
        row += meta.row_group(g).num_rows
    return _RowGroups(files[0], firsts, lasts, starts, row)


def lines_of_orders(wb: Workbook, orders: ibis.Table, by: str | None = None) -> ibis.Table:
    """The order lines to join to ``orders`` (an Ibis table of orders, with ``ordered_at``):
    those in the row groups of the orders' days, where ingest recorded them; else every line.

    Asks the engine the orders' first and last ``ordered_at`` (one small question) when the
    lines are spread over enough row groups to skip some. With ``by`` (a column of
    ``orders``), the first and last day of each ``by`` group, in the same one question: the
    lines of orders spread over separate windows (a year's coupon days) are read from those
    windows' row groups, not from every day between the first and the last.
    """
    lines = wb.table("order_lines")
    groups = _row_groups(wb)
    if groups is None:
        return lines
    spans = orders if by is None else orders.group_by(by)
    bounds = wb.execute(spans.aggregate(first=orders.ordered_at.min(), last=orders.ordered_at.max()))
    ranges = [groups.rows_between(first.date(), last.date())
              for first, last in zip(bounds["first"], bounds["last"], strict=True)
              if not (pd.isna(first) or pd.isna(last))]  # no orders: none of the lines
    return _in_ranges(wb, groups, lines, ranges)


def lines_of_order_days(wb: Workbook, first: date, last: date) -> ibis.Table:
    """The order lines to join to orders placed on the days ``[first, last]`` (a month's orders
    filtered by ``ordered_at``): those in the row groups of those days, where ingest recorded
    them; else every line. As :func:`lines_of_orders`, without its question: the orders' days
    are known."""
    lines = wb.table("order_lines")
    groups = _row_groups(wb)
    if groups is None:
        return lines
    return _in_ranges(wb, groups, lines, [groups.rows_between(first, last)])


def _in_ranges(wb: Workbook, groups: _RowGroups, lines: ibis.Table, ranges: list[tuple[int, int]]) -> ibis.Table:
    """``lines`` kept to the file rows of ``ranges`` ([start, stop), empty ones dropped)."""
    ranges = _merged([(start, stop) for start, stop in ranges if stop > start])
    if ranges == [(0, groups.rows)]:
        return lines
    numbered = _numbered(wb, groups)
    if not ranges:
        ranges = [(0, 0)]
    # DuckDB skips the row groups outside every range of an OR of ranges as of one.
    keep = [(numbered.file_row_number >= start) & (numbered.file_row_number < stop) for start, stop in ranges]
    return numbered.filter(ibis.or_(*keep) if len(keep) > 1 else keep[0]).select(*lines.columns)


def lines_of_days(wb: Workbook, first: date, last: date) -> int | None:
    """How many order lines the row groups of the order days [first, last] hold (from the
    file's metadata, no question), or None where ingest recorded no row groups."""
    groups = _row_groups(wb)
    if groups is None:
        return None
    start, stop = groups.rows_between(first, last)
    return stop - start


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, stop) ranges in order, those that overlap or touch made one."""
    out: list[tuple[int, int]] = []
    for start, stop in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], stop))
        else:
            out.append((start, stop))
    return out


def _numbered(wb: Workbook, groups: _RowGroups) -> ibis.Table:
    """The order lines' file as a view with DuckDB's ``file_row_number`` (registered once)."""
    if groups.numbered is None:
        wb.con.con.execute(f"CREATE OR REPLACE TEMPORARY VIEW {quote(_VIEW)} AS "
                           f"SELECT * FROM read_parquet({literal(groups.path)}, file_row_number = true)")
        groups.numbered = wb.con.table(_VIEW)
    return groups.numbered
