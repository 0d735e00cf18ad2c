"""What data a store has, and when: the month a report is for, and the platforms in it.

A store rarely has every table. The month a pack reports is chosen from the tables that
*record events* (:data:`EVENT_DATES`: orders, traffic, shipments, tickets …), whichever
of them exist — never from the orders table alone:

* the default month is the last **complete** month **with data**: a month the data cover
  from its first to its last day (the data start on or before the 1st and end on or after
  the last day) in which some event table has a row;
* when no such month exists (the data start and end inside one month, or the only
  complete months are gaps), the month the data end in is reported, marked **partial**,
  with the days it covers (a small shop's export of 13–17 May reports May, 13–17).

A month asked for explicitly must hold a row of some event table; it is partial when the
data do not cover it to its last day (or begin inside it).

Example:
    choice = resolve_month(wb)
    choice.period.label, choice.partial, choice.days
    ('2021-05', True, 5)
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import ibis
import pandas as pd

from storebook.engine import periods
from storebook.engine.periods import Period
from storebook.engine.schema import (  # the contract's: ingest needs no Ibis
    EVENT_DATES,
    EVENT_ENDS,
    TABLE_NAMES,
    span_columns,
)
from storebook.engine.workbook import Workbook, is_lake_uri
from storebook.errors import NoDataError

#: Event tables whose ``platform`` is one of ours (a competitor's platform is theirs).
OUR_PLATFORM_TABLES: tuple[str, ...] = ("orders", "traffic", "marketing_spend", "service_tickets", "store_ratings",
                                        "product_traffic")
#: Tables reported for every day: one that stops before a month's last day (or starts after
#: its first) covers that month only partly, whatever the other tables hold.
DAILY_TABLES: tuple[str, ...] = ("traffic", "inventory", "competitor_prices", "store_ratings", "product_traffic")


@dataclass(frozen=True)
class Span:
    """The first and last day an event table has a row (``first`` ≤ ``last``); a row over
    several days (:data:`storebook.engine.schema.EVENT_ENDS`) counts to its period's last day."""

    table: str
    first: date
    last: date

    def covers(self, period: Period) -> bool:
        """True when the table's days run from the period's first day to its last."""
        return self.first <= period.start and self.last >= period.last_day


@dataclass(frozen=True)
class ReportMonth:
    """The month a report is for, with the days of it the data cover.

    Attributes:
        period: the calendar month.
        first_day, last_day: the first and last day of the month inside the data's span.
    """

    period: Period
    first_day: date
    last_day: date

    @property
    def partial(self) -> bool:
        """True when the data do not cover the month from its first to its last day."""
        return self.first_day > self.period.start or self.last_day < self.period.last_day

    @property
    def days(self) -> int:
        """Days of the month inside the data's span."""
        return (self.last_day - self.first_day).days + 1

    def record(self) -> dict:
        """The month as the report index and the notebooks record it."""
        return {"month": self.period.label, "partial": self.partial, "first_day": self.first_day.isoformat(),
                "last_day": self.last_day.isoformat(), "days": self.days, "month_days": self.period.days}


#: Spans already read per open workbook (the processed tables do not change under it).
_SPANS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: Months known to hold a row, per open workbook (:func:`remember_spans`).
_WITH_DATA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def as_date(value) -> date | None:
    """A timestamp, date or missing value as a date (None when missing)."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _recorded_spans(wb: Workbook) -> dict[str, Span | None]:
    """The spans ingest recorded in the workbook's manifest (``tables.<t>.span``, read from
    the written files' footers), table → Span, or None for a table recorded without a dated
    row. A table the manifest holds no span for (an older ingest, a store built by hand, no
    manifest at all) is left out: its span is asked of the data. Read once per open workbook
    (its tables do not change under it, as for :data:`_SPANS`): :func:`table_span` is asked
    again and again (``Workbook.data_range``)."""
    if wb in _RECORDED:
        return _RECORDED[wb]
    out = _read_recorded_spans(wb)
    _RECORDED[wb] = out
    return out


#: The manifest's spans per open workbook (:func:`_recorded_spans`).
_RECORDED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _read_recorded_spans(wb: Workbook) -> dict[str, Span | None]:
    try:
        tables = wb.ingest_manifest().get("tables") or {}
    except AttributeError:  # a workbook-like object without a manifest
        return {}
    out: dict[str, Span | None] = {}
    for table in EVENT_DATES:
        info = tables.get(table)
        if not isinstance(info, dict) or "span" not in info or not _files_agree(wb, table, info.get("rows")):
            continue
        if table in EVENT_ENDS and info.get("span_columns") != list(span_columns(table)):
            continue  # recorded before a period row's last day counted: ask the data
        try:
            out[table] = None if info["span"] is None else Span(
                table, date.fromisoformat(info["span"][0]), date.fromisoformat(info["span"][1]))
        except (TypeError, ValueError, IndexError):  # damaged: ask the data
            continue
    return out


def _files_agree(wb: Workbook, table: str, rows: object) -> bool:
    """Whether a local table's files hold the rows its manifest entry counts (from the Parquet
    footers, as generations.verify checks them): a folder whose tables were rewritten under a
    manifest kept from before (cut to a window by hand, say) is asked, not believed. A table
    in a lake is taken as ingest published it."""
    if is_lake_uri(wb.data_dir):
        return True
    import pyarrow.parquet as pq

    try:
        return sum(pq.read_metadata(f).num_rows for f in Path(wb.location(table)).glob("*.parquet")) == rows
    except (OSError, ValueError):
        return False


def _asked_span(wb: Workbook, table: str) -> Span | None:
    """A table's span asked of the data: one min/max question over its event dates (and the
    last days of its period rows)."""
    t = wb.table(table)
    # A table written by hand without the period's last day has none: its dates alone.
    columns = [c for c in span_columns(table) if c in t.columns]
    bounds = wb.execute(t.aggregate(**{f"first_{c}": t[c].min() for c in columns},
                                    **{f"last_{c}": t[c].max() for c in columns}))
    firsts = [d for c in columns if (d := as_date(bounds[f"first_{c}"].iloc[0])) is not None]
    lasts = [d for c in columns if (d := as_date(bounds[f"last_{c}"].iloc[0])) is not None]
    return Span(table, min(firsts), max(lasts)) if firsts and lasts else None


def table_span(wb: Workbook, table: str) -> Span | None:
    """The span of one event table (None when it has no dated row; the table must exist):
    as :func:`table_spans` knows it, else as ingest recorded it, else asked of that table alone."""
    if wb in _SPANS:
        return _SPANS[wb].get(table)
    recorded = _recorded_spans(wb)
    return recorded[table] if table in recorded else _asked_span(wb, table)


def table_spans(wb: Workbook) -> dict[str, Span]:
    """The span of each event table the workbook has (tables without a dated row are left out).

    Taken from the workbook's ``_ingest.json`` where ingest recorded them (no question to
    the engine: opening a report month costs no scan of each event table); asked of the
    data for any table it does not record.

    Args:
        wb: the workbook.
    Returns:
        table → :class:`Span`, in :data:`EVENT_DATES` order.
    """
    if wb not in _SPANS:
        recorded = _recorded_spans(wb)
        spans = {}
        for table in EVENT_DATES:
            if not wb.has(table):
                continue
            span = recorded[table] if table in recorded else _asked_span(wb, table)
            if span is not None:
                spans[table] = span
        _SPANS[wb] = spans
    return dict(_SPANS[wb])


def remember_spans(wb: Workbook, spans: dict[str, Span], months_with_data: Iterable[str] = ()) -> None:
    """Take ``spans`` as the workbook's :func:`table_spans`, read elsewhere from the same
    tables (a report kernel is given those its pack read: the same data, by fingerprint),
    and ``months_with_data`` (``YYYY-MM``) as months :func:`has_data` found rows in."""
    _SPANS[wb] = dict(spans)
    _WITH_DATA.setdefault(wb, set()).update(months_with_data)


def data_span(wb: Workbook) -> tuple[date, date]:
    """The first and last day with a row in any event table.

    Raises:
        NoDataError: no event table has a dated row (what to ingest first).
    """
    spans = table_spans(wb)
    if not spans:
        held = [t for t in TABLE_NAMES if t not in EVENT_DATES and wb.has(t)]
        holds = f"; it holds {', '.join(held)} only, which date no month to report" if held else ""
        raise NoDataError(
            "the workbook holds no dated rows (no orders, traffic, shipments, tickets, purchase orders, "
            f"inventory or competitor prices){holds}: put the platforms' exports under data/raw/ and run "
            "`storebook ingest`", key="no_data.dated_rows.held" if held else "no_data.dated_rows",
            values={"tables": ", ".join(held)} if held else {},
        )
    return min(s.first for s in spans.values()), max(s.last for s in spans.values())


def _has_rows(wb: Workbook, table: str, period: Period) -> bool:
    t = wb.table(table)
    start, end = period.start_ts, period.end_ts
    inside = None
    for column in EVENT_DATES[table]:
        cond = (t[column] >= start) & (t[column] < end)
        inside = cond if inside is None else inside | cond
    return wb.scalar(t.filter(inside).count()) > 0


def has_data(wb: Workbook, period: Period) -> bool:
    """True when some event table has a row dated in ``period``."""
    if period.label in _WITH_DATA.get(wb, ()):
        return True
    spans = table_spans(wb)
    candidates = [t for t, s in spans.items() if s.first <= period.last_day and s.last >= period.start]
    # A span's first or last day is a row's date: a span beginning or ending inside the
    # period answers without a question (only a period inside every span may be a gap). The
    # last day of a table with period rows may be a period's end, which places no row in the
    # month (EVENT_DATES does): only its first day answers.
    if any(period.start <= d <= period.last_day for t in candidates
           for d in ((spans[t].first,) if t in EVENT_ENDS else (spans[t].first, spans[t].last))):
        return True
    return any(_has_rows(wb, t, period) for t in candidates)


def _month_choice(period: Period, first: date, last: date) -> ReportMonth:
    return ReportMonth(period, max(period.start, first), min(period.last_day, last))


def resolve_month(wb: Workbook, month: str | None = None) -> ReportMonth:
    """The month to report, checked to hold data, with the days of it the data cover.

    Args:
        wb: the workbook.
        month: ``YYYY-MM``; None = the last complete month with data (else the month the
            data end in, partial).
    Returns:
        The :class:`ReportMonth`.
    Raises:
        NoDataError: no event table has a row at all, or none in ``month``.
        PeriodError: ``month`` is not written YYYY-MM.

    Example:
        resolve_month(wb).period.label
        '2026-10'
    """
    requested = periods.month(month) if month else None
    first, last = data_span(wb)
    if requested is not None:
        if requested.last_day < first or requested.start > last or not has_data(wb, requested):
            tables = ", ".join(table_spans(wb))
            lead = (f"no orders in {requested.label}, nor any other data" if wb.has("orders")
                    else f"no data in {requested.label}")
            raise NoDataError(
                f"{lead}: the data ({tables}) cover {first:%Y-%m-%d} to {last:%Y-%m-%d}; choose a month in that range",
                key="no_data.month_outside.no_orders" if wb.has("orders") else "no_data.month_outside",
                values={"month": requested.label, "tables": tables, "first": f"{first:%Y-%m-%d}",
                        "last": f"{last:%Y-%m-%d}"},
            )
        return _month_choice(requested, first, last)
    candidate = periods.month_of(last)
    if last != candidate.last_day:
        candidate = candidate.prior()
    while candidate.start >= first:
        if has_data(wb, candidate):
            return _month_choice(candidate, first, last)
        candidate = candidate.prior()
    return _month_choice(periods.month_of(last), first, last)


def present_platforms(wb: Workbook, period: Period, platforms: list[str]) -> list[str]:
    """The platforms of ``platforms`` with a row in ``period`` in one of our event tables.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms asked for (their order is kept).
    Returns:
        The platforms present, in the order given; empty when none is.
    """
    # One question for all the tables: the plan asks it before any kernel starts.
    asked = []
    for table in OUR_PLATFORM_TABLES:
        if not wb.has(table):
            continue
        t = wb.table(table)
        column = t[EVENT_DATES[table][0]]
        rows = t.filter(column >= period.start_ts, column < period.end_ts, t.platform.isin(platforms))
        asked.append(rows.select(platform=rows.platform.cast("string")).distinct())
    if not asked:
        return []
    seen = set(wb.execute(ibis.union(*asked, distinct=True))["platform"].dropna())
    return [p for p in platforms if p in seen]
