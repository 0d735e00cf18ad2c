"""Shipments and what they cost: the parcels of a period's orders, grouped by any of the
fulfilment keys with an all-platform row, the logistics cost per order, unit and
shipment — the figures fulfilment reports and profit's P&L charges — and the logistics
complaints and refunds per 1,000 shipped orders."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from datetime import date

import ibis
import pandas as pd

from storebook.engine import derived
from storebook.engine.dimensions import UNKNOWN
from storebook.engine.lines import lines_of_orders
from storebook.engine.periods import Period, month_of, months_between
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError, StorebookError
from storebook.measures import TOTAL
from storebook.measures.partial import flag_partial
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

DAY_SECONDS = 86_400.0


SHIPMENTS_TODO = ("check that the shipments export covers this month (data/raw/shipments/) "
                   "and re-run `storebook ingest`")
#: The catalogue key of :func:`require_rows`'s message, by what it counts (the page says it in its language).
_NO_ROWS = {"shipments": "no_data.shipments", "shipped orders": "no_data.shipped_orders",
            "paid orders to ship": "no_data.orders_to_ship"}


TIME_KEYS = ("day", "month")


def describe_scope(period: Period, platforms: list[str]) -> str:
    return f"{period.label} on {', '.join(platforms)}"


def require_rows(out: pd.DataFrame, count: str, what: str, period: Period, platforms: list[str], todo: str) -> None:
    """Raise the analyst's NoDataError when an aggregate found no rows to count."""
    if out.empty or not out[count].fillna(0).sum():
        raise NoDataError(f"no {what} in {describe_scope(period, platforms)}: {todo}", key=_NO_ROWS[what],
                          values={"month": period.label, "platforms": list(platforms)})


def group_keys(by: str | Sequence[str] | None, allowed: Sequence[str]) -> list[str]:
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    unknown = [k for k in keys if k not in allowed]
    if unknown:
        raise StorebookError(f"cannot group by {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return keys


def aggregate_groups(wb: Workbook, table: ibis.Table, keys: list[str],
               metrics: Callable[[ibis.Table], dict[str, ibis.Value]], total: bool = True) -> pd.DataFrame:
    """``metrics`` per group of ``keys``, sorted, with ``total`` rows.

    Grouped by ``platform`` (alone or with others), rows with platform ``total`` hold the
    metrics over every platform for each group of the other keys; grouped by one other
    column (not ``day`` or ``month``), a last row with the group ``total`` holds the
    metrics over every group. Platforms come in the workbook's order.

    Args:
        wb: the workbook.
        table: the rows to aggregate.
        keys: the group columns (possibly none: one row over the whole table).
        metrics: a function of a table giving the named aggregates over it (a function,
            because the total rows are aggregated from a table derived from ``table``).
        total: False: without the total rows (each row is then aggregated once, not twice).
    Returns:
        One row per group, then the total rows, sorted as above.
    """
    if not keys:
        return wb.execute(table.aggregate(**metrics(table)))
    total_key = _total_key(keys) if total else None
    groups: dict[str, ibis.Value] = {k: table[k] for k in keys}
    if total_key:
        # Each row counts twice, once in its own group and once in the total, so that the
        # joins and per-order aggregates under ``table`` run once, not once for the groups
        # and again for the total (medians cannot be added up from the groups' rows). The
        # key column itself stays as it is: a metric may read it (the promise by province).
        table = table.mutate(_group=ibis.array([table[total_key], ibis.literal(TOTAL)]).unnest())
        groups = {k: table._group if k == total_key else table[k] for k in keys}
    out = wb.execute(table.group_by(**groups).aggregate(**metrics(table)))
    return _sorted_groups(wb, out, keys, total_key)


def _total_key(keys: list[str]) -> str | None:
    """The key whose ``total`` rows :func:`aggregate_groups` adds, if any."""
    return "platform" if "platform" in keys else keys[0] if len(keys) == 1 and keys[0] not in TIME_KEYS else None


def _sorted_groups(wb: Workbook, out: pd.DataFrame, keys: list[str], total_key: str | None) -> pd.DataFrame:
    """:func:`aggregate_groups`'s rows in its order: the other keys, then ``total_key``'s
    groups with ``total`` last; platforms in the workbook's order."""
    sort = [k for k in keys if k != total_key] + ([total_key] if total_key else [])
    rank = {p: i for i, p in enumerate([*wb.config.platforms, TOTAL])}

    def order(col: pd.Series) -> pd.Series:
        if col.name == "platform":
            return col.map(rank)
        if col.name == total_key:  # the total after the groups
            return col.map(lambda v: (1, "") if v == TOTAL else (0, str(v)))
        return col

    return out.sort_values(sort, key=order, kind="stable", ignore_index=True)


#: The keys of the one question of :func:`grain_groups`: those the report's sections group
#: the sum-only measures of parcels by (the headline by month and platform, the sections by
#: carrier). Not every key: each one more is carried through the question's joins and
#: grouped by (a parcel's province and warehouse cost a third more than the question
#: itself); a grouping by another key is asked by itself (:func:`aggregate_groups`).
GRAIN_KEYS = ("carrier", "platform", "month")
#: The keys of the question without units (refunds): only the headline's comparison months
#: ask it, by month and platform; a carrier's more would be a parcel's carrier more to carry.
HEADLINE_KEYS = ("platform", "month")


def _grain_key(key: tuple) -> tuple:
    return ("shipments.grain_groups", *key)


def grain_kept(wb: Workbook, key: tuple) -> bool:
    """Whether :func:`grain_groups` has the rows of ``key`` kept with the workbook."""
    return _grain_key(key) in (getattr(wb, "kept_results", None) or {})


def _grain_question(wb: Workbook, key: tuple, whole: bool, without: str) -> tuple[bool, tuple]:
    """Whether a measure of :func:`grain_groups` asks for its whole (``whole``, or where the
    rows of ``key`` with everything are kept with the workbook already: they answer a part
    for free), and the key its rows are kept under (``key``, or ``key`` and ``without`` for
    the part without what it leaves out)."""
    whole = whole or grain_kept(wb, key)
    return whole, key if whole else (*key, without)


def grain_groups(wb: Workbook, key: tuple, table: Callable[[], ibis.Table], keys: list[str],
                 metrics: Callable[[ibis.Table], dict[str, ibis.Value]],
                 grain: tuple[str, ...] = GRAIN_KEYS) -> pd.DataFrame:
    """:func:`aggregate_groups` of ``metrics`` that are all counts and sums, from one question
    per workbook and ``key`` grouped by every one of ``grain`` (:data:`GRAIN_KEYS`; where
    ``keys`` are among them, else asked by itself).

    A month's sum-only measure of parcels (the logistics cost, the logistics complaints) is
    asked by several sections of a report, each grouped its own way (the headline by month
    and platform, the cost section by carrier, ...): each question joins the month's parcels
    to their orders, their parcel counts and lines, the work of the question. Counts and sums
    of the groups of every key add up to those of any coarser grouping, so that work is done
    once (kept with the workbook, :func:`storebook.measures.partial.kept_result`) and each
    grouping, its total rows included, is added up from it. The rows are those of
    :func:`aggregate_groups`; a sum of floats may differ in its last bits (another order of
    addition), as DuckDB's own parallel sums do.

    Args:
        wb: the workbook.
        key: what identifies the rows (the measure, the period, the platforms).
        table: builds the rows to aggregate (with every column of :data:`GRAIN_KEYS`).
        keys: the group columns.
        metrics: as for :func:`aggregate_groups`: counts and sums only.
        grain: the question's keys (fewer for a question only the headline asks).
    """
    from storebook.measures.partial import kept_result

    if not set(keys) <= set(grain):
        return aggregate_groups(wb, table(), keys, metrics)

    def compute() -> pd.DataFrame:
        t = table()
        return wb.execute(t.group_by(list(grain)).aggregate(**metrics(t)))

    rows = kept_result(wb, _grain_key(key), compute)
    values = [c for c in rows.columns if c not in grain]

    def summed(by: list[str]) -> pd.DataFrame:
        if not by:
            return pd.DataFrame({c: [rows[c].sum(min_count=1)] for c in values})
        # Groups with a missing key are groups (dropna=False), as in the engine's GROUP BY;
        # a sum over missing values only is missing (min_count=1), as SQL's SUM.
        return rows.groupby(by, dropna=False, sort=False)[values].sum(min_count=1).reset_index()

    if not keys:
        return summed([])
    if rows.empty:
        return rows[[*keys, *values]].reset_index(drop=True)
    total_key = _total_key(keys)
    parts = [summed(keys)]
    if total_key:
        total = summed([k for k in keys if k != total_key]).assign(**{total_key: TOTAL})
        parts.append(total[[*keys, *values]])
    return _sorted_groups(wb, pd.concat(parts, ignore_index=True), keys, total_key)


#: How many days before its month the order of a parcel is looked for first: the parcels of the
#: bench stores leave at most 22 days after payment, a Double 11 pre-sale (预售) order placed
#: in late October leaves in November. A parcel outside it costs a slower read (the whole
#: history, as before), never another answer; a longer look-back reads more orders per month.
ORDER_LOOKBACK_DAYS = 35

_LOOKBACK = pd.Timedelta(days=ORDER_LOOKBACK_DAYS)


#: Per open workbook (its tables do not change under it): month start → the range of
#: ``shipped_at − ordered_at`` over the month's parcels when every one of them has its order
#: among the orders placed from ORDER_LOOKBACK_DAYS before the month to its end, else None;
#: under "months", every month with its range (:func:`_month_lags`), else None.
_NEAR: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

#: Lags are read in seconds: a second either side keeps their rounding inside the bounds.
_SLACK = pd.Timedelta(seconds=1)

Lags = tuple[pd.Timedelta, pd.Timedelta]


#: Per open workbook: the parcels' record ingest wrote (:func:`_recorded`), or None.
_RECORDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _recorded(wb: Workbook) -> dict | None:
    """The record of every parcel and its order that ingest took while looking for orphan
    shipments (storebook.ingest.crossfile.parcel_record), where it describes the workbook's
    tables (storebook.engine.derived.trusted_record: the record is in the shipments' entry,
    taken of the orders' rows); else None."""
    if wb not in _RECORDS:
        _RECORDS[wb] = derived.trusted_record(
            wb, lambda m: ((m.get("tables") or {}).get("shipments") or {}).get("parcels"),
            {"shipments": (), "orders": ("rows",)})
    return _RECORDS[wb]


def _recorded_month(record: dict, month: Period) -> Lags | None:
    """A month's range of time from order to parcel as ingest recorded it (exact, in
    microseconds); (0, 0) for a month without parcels, None where a parcel has no order."""
    months = record.get("months") or {}
    if month.label not in months:
        return (pd.Timedelta(0), pd.Timedelta(0))
    lags = months[month.label]
    return None if lags is None else (pd.Timedelta(microseconds=lags[0]), pd.Timedelta(microseconds=lags[1]))


def _orders_near(wb: Workbook, month: Period) -> Lags | None:
    """The least and greatest time from order to parcel over the shipments handed over in
    ``month``, when every one of them has its order among the orders placed in
    ``[month start − ORDER_LOOKBACK_DAYS, month end)``; else None. One small question: a month
    of shipments against two of orders, each a few row groups. Where ingest recorded every
    parcel's order (:func:`_recorded`), the month's range as it recorded it (any parcel's
    order, however far): no question."""
    known = _NEAR.setdefault(wb, {})
    if month not in known and (record := _recorded(wb)) is not None:
        known[month] = _recorded_month(record, month)
    if month not in known:
        o, s = wb.table("orders"), wb.table("shipments")
        s = s.filter(s.shipped_at >= month.start_ts, s.shipped_at < month.end_ts).select("order_id", "shipped_at")
        near = o.filter(o.ordered_at >= month.start_ts - _LOOKBACK, o.ordered_at < month.end_ts)
        j = s.left_join(near.select("order_id", "ordered_at"), "order_id")
        lag = j.shipped_at.epoch_seconds() - j.ordered_at.epoch_seconds()
        row = wb.execute(j.aggregate(outside=j.ordered_at.isnull().sum(), least=lag.min(), most=lag.max())).iloc[0]
        known[month] = None if pd.notna(row["outside"]) and row["outside"] > 0 else (  # NA: no parcel
            (pd.Timedelta(seconds=float(row["least"])) - _SLACK, pd.Timedelta(seconds=float(row["most"])) + _SLACK)
            if not pd.isna(row["least"]) else (pd.Timedelta(0), pd.Timedelta(0)))
    return known[month]


def _months(start: pd.Timestamp, end: pd.Timestamp) -> list[Period]:
    """The months that meet ``[start, end)``."""
    return months_between(month_of(start.date()), month_of((end - pd.Timedelta(1)).date()))


def _each_month(wb: Workbook, months: list[Period]) -> list[tuple[Period, Lags]] | None:
    """Each of ``months`` with its range of time from order to parcel (:func:`_orders_near`),
    or None where one month's parcels are not near their orders (the later months not asked)."""
    found = []
    for m in months:
        lags = _orders_near(wb, m)
        if lags is None:
            return None
        found.append((m, lags))
    return found


def _lags(wb: Workbook, months: list[Period]) -> Lags | None:
    """The range of time from order to parcel over the parcels of ``months``
    (:func:`_orders_near` of each), or None where one month's parcels are not near their orders."""
    found = _each_month(wb, months)
    return (min(a for _, (a, _) in found), max(b for _, (_, b) in found)) if found else None


def _month_lags(wb: Workbook) -> list[tuple[Period, Lags]] | None:
    """Every month of the shipments' history with the range of ``shipped_at − ordered_at`` of
    its parcels: as ingest recorded it (:func:`_recorded`), else asked a month at a time
    (:func:`_orders_near`, (0, 0) for a month without parcels); None when some month's
    parcels are not near their orders or a parcel has no hand-over time (then it is in no
    month)."""
    known = _NEAR.setdefault(wb, {})
    if "months" in known:
        return known["months"]
    record = _recorded(wb)
    if record is not None:
        months = record.get("months") or {}
        found = (None if record.get("undated") or any(v is None for v in months.values()) else
                 [(m, _recorded_month(record, m)) for m in (month_of(date.fromisoformat(f"{label}-01")) for label in months)])
    else:
        s = wb.table("shipments")
        span = wb.execute(s.aggregate(first=s.shipped_at.min(), last=s.shipped_at.max(),
                                      undated=s.shipped_at.isnull().sum()))
        first, last, undated = span["first"].iloc[0], span["last"].iloc[0], span["undated"].iloc[0]
        if undated:  # a parcel in no month: only the whole history holds it
            found = None
        elif pd.isna(first):  # no parcel at all
            found = []
        else:
            found = _each_month(wb, _months(first, last + pd.Timedelta(1)))
    known["months"] = found
    return found


def _every_parcel_near(wb: Workbook) -> Lags | None:
    """The range of ``shipped_at − ordered_at`` over every parcel, when every month's parcels
    have their orders near them (:func:`_month_lags`) and every parcel has its hand-over time
    (so that it is in a month); else None.

    Then a parcel of an order placed at ``t`` was handed over within that range of ``t``:
    ``order_id`` is the orders' key, so the order found near the parcel's month is its order.
    Without ingest's record, asked once a workbook, a month of shipments against two of orders
    per month of the history, so that each later question for the parcels of some orders
    reads the days that can hold them, not the history.
    """
    months = _month_lags(wb)
    if months is None:
        return None
    if not months:  # no parcel at all: every window holds them
        return (pd.Timedelta(0), pd.Timedelta(0))
    return (min(a for _, (a, _) in months), max(b for _, (_, b) in months))


def _parcel_days(wb: Workbook, first: pd.Timestamp, last: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """[lo, hi]: the hand-over times that can hold a parcel of an order placed in [first, last],
    from each month's own range (:func:`_month_lags`); None where not known.

    A parcel handed over in month Y of an order placed at ``t`` in [first, last] left in
    ``[t + least_Y, t + most_Y]``, so in ``[first + least_Y, last + most_Y]`` and in Y; the
    days from the earliest to the latest of those, over the months, hold every such parcel.
    Tighter than the range over every parcel: the Spring Festival's slow parcels (three weeks)
    widen only the read of the orders that February's parcels can be of.
    """
    months = _month_lags(wb)
    if months is None:
        return None
    lo = hi = None
    for m, (least, most) in months:
        a, b = max(m.start_ts, first + least), min(m.end_ts, last + most)
        if a > b or a >= m.end_ts:
            continue
        lo, hi = (a, b) if lo is None else (min(lo, a), max(hi, b))
    return (first, first) if lo is None else (lo, hi)  # none: no parcel of those orders at all


def unshipped_orders_from(wb: Workbook, end: pd.Timestamp, settled: Sequence[str]) -> tuple[pd.Timestamp, pd.Timedelta] | None:
    """(c, least): every order not shipped by ``end`` — no parcel of it handed over before
    ``end`` — was placed at or after ``c``, unless it never had a parcel and its status is
    one of ``settled``; every parcel of an order placed at or after ``c`` was handed over at
    or after ``c + least``. None where that is not known: no record of ingest's
    (:func:`_recorded`), a parcel without its order or its hand-over time, or an order of
    another status without a parcel and without ``ordered_at``.

    Why: an order placed at ``t`` had its parcels handed over in ``[t + least, t + most]``
    (the range over every parcel, :func:`_every_parcel_near`). An order with a parcel not
    handed over by ``end`` has ``t + most ≥ end``: ``t ≥ end − most``. An order without any
    parcel is among the ones ingest counted by status, placed at or after the first of them
    (their ``ordered_at`` all known). So ``c`` is the earlier of ``end − most`` and the first
    order without a parcel of a status not ``settled``: a month-end backlog reads the orders
    and parcels from ``c`` on, where it would read the whole history.
    """
    record = _recorded(wb)
    lags = _every_parcel_near(wb) if record is not None else None
    if lags is None:
        return None
    least, most = lags
    c = end - most
    for status, _orders, first, undated in record.get("unshipped") or []:
        if status in settled:
            continue
        if undated:
            return None
        if first is not None:
            c = min(c, pd.Timestamp(first))
    return c, least


def placed_range(wb: Workbook, start: date | pd.Timestamp, end: date | pd.Timestamp
                 ) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """[first, last]: a range holding the ``ordered_at`` of every order of the shipments handed
    over in ``[start, end)`` (each month's range of time from order to parcel,
    :func:`_orders_near`), or None where some month's parcel has no order near it."""
    lags = _lags(wb, _months(pd.Timestamp(start), pd.Timestamp(end)))
    if lags is None:
        return None
    least, most = lags
    return pd.Timestamp(start) - most, pd.Timestamp(end) - least


def orders_of_shipments(wb: Workbook, start: date, end: date) -> ibis.Table:
    """The orders table, or the part of it that holds every order of the shipments handed over
    in ``[start, end)``: those placed within the range of time from order to parcel of the
    parcels of those months (:func:`_orders_near`, asked once a month) before that.

    Orders are written in order of their day (storebook.ingest.writing), so that part is a few
    row groups, where the whole table is the history. Joined to those shipments it gives the
    same rows as the whole table: each shipment's order is in it and ``order_id`` is the
    orders' key (ingest keeps the first of a duplicated key). Where some month's shipment has
    no order near it — placed long before, after the parcel left, or missing — the whole
    table is returned: the same answer, read the long way.
    """
    o = wb.table("orders")
    placed = placed_range(wb, start, end)
    if placed is None:
        return o
    return o.filter(o.ordered_at >= placed[0], o.ordered_at <= placed[1])


def parcels_near(wb: Workbook, orders: ibis.Table,
                 placed: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> ibis.Table:
    """Shipments holding every parcel of ``orders`` (a table with ``order_id`` and
    ``ordered_at``, one row or more per order), read from the days that can hold them: to be
    grouped by ``order_id`` and joined to the orders, which drops the other orders' parcels.

    A parcel of an order placed at ``t`` left within the range of time from order to parcel
    of its month's parcels (:func:`_month_lags`) after ``t``; so, with the orders' first and
    last ``ordered_at`` (one small question), the days of :func:`_parcel_days` hold all their
    parcels (and other orders' parcels of the same days, cheaper to group with them than to
    pick out first).
    Where that range is not known, the parcels of the orders are picked from every shipment.
    With ``placed``, a range known to hold every ``ordered_at`` of ``orders`` (the orders of a
    month's parcels, :func:`placed_range`), no question: a wider range than the orders' own
    reads a few more days of parcels, which the join drops.
    """
    s = wb.table("shipments")
    if placed is not None:
        first, last = placed
    else:
        bounds = wb.execute(orders.aggregate(first=orders.ordered_at.min(), last=orders.ordered_at.max()))
        first, last = bounds["first"].iloc[0], bounds["last"].iloc[0]
    days = _parcel_days(wb, pd.Timestamp(first), pd.Timestamp(last)) if not (pd.isna(first) or pd.isna(last)) else None
    if days is None:
        return s.semi_join(orders.select("order_id"), "order_id")
    return s.filter(s.shipped_at >= days[0], s.shipped_at <= days[1])


def shipments_of(wb: Workbook, start: date, end: date, platforms: list[str]) -> ibis.Table:
    """Shipments handed over in ``[start, end)`` on orders of the platforms, with delivery days,
    the order's ``ordered_at`` and what its buyer paid for shipping (``shipping_amount``)."""
    s = wb.table("shipments")
    s = s.filter(s.shipped_at >= pd.Timestamp(start), s.shipped_at < pd.Timestamp(end))
    o = orders_of_shipments(wb, start, end).select("order_id", "platform", "ordered_at", "shipping_amount")
    o = o.filter(o.platform.isin(platforms))
    j = s.inner_join(o, "order_id")
    return j.mutate(
        day=j.shipped_at.date(),
        month=j.shipped_at.strftime("%Y-%m"),
        delivery_days=(j.delivered_at.epoch_seconds() - j.shipped_at.epoch_seconds()) / DAY_SECONDS,
        is_delivered=j.delivered_at.notnull(),
    )


def parcels_of(wb: Workbook, period: Period, platforms: list[str], units: bool = True) -> ibis.Table:
    """Shipments handed over in the period with each parcel's share of its order and (unless
    ``units`` is False: no order lines read) of its units."""
    s = shipments_of(wb, period.start, period.end, platforms)
    # The orders of the period's parcels were placed in the range shipments_of looked for
    # them in (placed_range, where known): the days that hold their parcels and lines follow
    # from it without asking the engine for their first and last ordered_at over the join.
    placed = placed_range(wb, period.start, period.end)
    # Parcels and units are counted over the period's orders only (an order's parcels in
    # other months still count towards its n): not over every order of the history.
    all_s = parcels_near(wb, s, placed)
    per_order = all_s.group_by("order_id").aggregate(parcels=all_s.count())
    if not units:
        j = s.inner_join(per_order, "order_id")
        return j.mutate(order_share=1.0 / j.parcels.cast("float64"))
    # The lines of those orders are in the row groups of the orders' days: of the orders
    # placed in that range (a superset of the parcels' orders, whose first and last day is a
    # question of the orders alone), else of the parcels' orders. The other orders' lines
    # there are grouped too and dropped by the join, where the lines of every order would be
    # the whole history's.
    if placed is not None:
        o = wb.table("orders")
        lines = lines_of_orders(wb, o.filter(o.ordered_at >= placed[0], o.ordered_at <= placed[1]))
    else:
        lines = lines_of_orders(wb, s)
    if lines.equals(wb.table("order_lines")):  # every line (no record of their days): pick first
        lines = lines.semi_join(s.select("order_id"), "order_id")
    units = lines.group_by("order_id").aggregate(order_units=lines.quantity.sum())
    j = s.inner_join(per_order, "order_id").left_join(units, "order_id").drop("order_id_right")
    return j.mutate(
        order_share=1.0 / j.parcels.cast("float64"),
        unit_share=j.order_units.fill_null(0).cast("float64") / j.parcels.cast("float64"),
    )


def sum_logistics_cost(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str | Sequence[str] | None = "platform",
) -> pd.DataFrame:
    """The logistics cost alone: ``cost = Σ shipping_cost_amount`` and ``shipments`` of the
    shipments handed over in the period, per group (as :func:`compute_logistics_costs`).

    The same rows and sums as :func:`compute_logistics_costs` without its per-order and
    per-unit shares, which need every parcel and order line of the period's orders: the
    order lines have no date to skip the other months by, so those shares read the whole
    history of order lines. A P&L, which charges the cost alone, asks this.

    Returns:
        One row per group (then ``total`` when grouped by one column): shipments, cost.
    Raises:
        NoDataError: no shipments in the period.

    Example:
        sum_logistics_cost(wb, wb.period("2026-10"), by="platform")
    """
    platforms = wb.platforms(platforms)
    keys = group_keys(by, ["carrier", "province", "warehouse", "platform", "month"])
    j = shipments_of(wb, period.start, period.end, platforms)
    out = aggregate_groups(wb, j, keys, lambda j: {"shipments": j.count(), "cost": j.shipping_cost_amount.sum()})
    require_rows(out, "shipments", "shipments", period, platforms, SHIPMENTS_TODO)
    return out.reset_index(drop=True)


def compute_logistics_costs(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str | Sequence[str] | None = "carrier",
    units: bool = True,
) -> pd.DataFrame:
    """Logistics cost, per order and per unit (物流成本, 单均物流成本, 件均物流成本), and what
    the buyers of the same orders paid for shipping (买家支付运费).

    Formula: ``cost = Σ shipping_cost_amount`` of the shipments handed over in the period;
    ``cost_per_order = cost / orders`` and ``cost_per_unit = cost / units``, where an order
    shipped in n parcels counts 1/n order (and 1/n of its units) in each parcel's group, so
    groups add up to the total. The buyers' side, over the same parcels and shares (one group:
    the orders of the parcels handed over in the period, not the orders paid in it):
    ``orders_known`` = Σ order share of the parcels whose order states its shipping charge
    (``shipping_amount``, optional), ``shipping_charged = Σ shipping_amount × order share``,
    ``shipping_per_order = shipping_charged / orders_known`` (单均运费收入) and
    ``free_shipping_rate`` = Σ order share charged 0 / orders_known (包邮订单占比).

    Args:
        wb: the workbook.
        period: the month (shipments handed over in it).
        platforms: platforms to include; None = all.
        by: any of ``carrier``, ``province``, ``warehouse``, ``platform``, ``month``, or None.
        units: False: ``units`` and ``cost_per_unit`` missing, for the cost per order alone
            (the fulfilment headline's comparison months): the units need the order lines of
            the period's orders, a third of the question's work. (Where the period's costs
            with units are kept with the workbook, they come with them.)
    Returns:
        One row per group (then ``total`` when grouped by one column): shipments,
        orders, units, cost, cost_per_order, cost_per_unit,
        cost_per_shipment, and what a carrier bills by, known without its bill:
        parcels_per_order (``shipments / orders``, 单均包裹数) and units_per_parcel
        (``units / shipments``, 包裹均件数); orders_known, shipping_charged,
        shipping_per_order, free_shipping_rate. ``cost`` is missing where no parcel of the
        group has a cost (no carrier bill), never 0; the buyers' shipping likewise where no
        order of the group states it.
    Raises:
        NoDataError: no shipments in the period.

    Example:
        compute_logistics_costs(wb, wb.period("2026-10"), by="platform")
    """
    platforms = wb.platforms(platforms)
    keys = group_keys(by, ["carrier", "province", "warehouse", "platform", "month"])

    units, key = _grain_question(wb, ("compute_logistics_costs", period.start, period.end, tuple(platforms)),
                                units, "without units")

    def metrics(j: ibis.Table) -> dict[str, ibis.Value]:
        return {
            "shipments": j.count(),
            "orders": j.order_share.sum(),
            **({"units": j.unit_share.sum()} if units else {}),
            "cost": j.shipping_cost_amount.sum(),
            # The buyers' shipping on the same parcels' orders, each at its parcel's share.
            "orders_known": (j.shipping_amount.notnull().cast("float64") * j.order_share).sum(),
            "shipping_charged": (j.shipping_amount.cast("float64") * j.order_share).sum(),
            "free": ((j.shipping_amount == 0).cast("float64") * j.order_share).sum(),
        }

    # Every grouping of the period's costs from one question (sums only): grain_groups.
    out = grain_groups(wb, key, lambda: parcels_of(wb, period, platforms, units), keys, metrics,
                       GRAIN_KEYS if units else HEADLINE_KEYS)
    if "units" not in out:
        out.insert(out.columns.get_loc("orders") + 1, "units", float("nan"))
    require_rows(out, "shipments", "shipments", period, platforms, SHIPMENTS_TODO)
    return out.assign(
        cost_per_order=lambda x: _ratio(x["cost"], x["orders"]),
        cost_per_unit=lambda x: _ratio(x["cost"], x["units"]),
        cost_per_shipment=lambda x: _ratio(x["cost"], x["shipments"]),
        parcels_per_order=lambda x: _ratio(x["shipments"], x["orders"]),
        units_per_parcel=lambda x: _ratio(x["units"], x["shipments"]),
        shipping_per_order=lambda x: _ratio(x["shipping_charged"], x["orders_known"]),
        free_shipping_rate=lambda x: _ratio(x["free"], x["orders_known"]),
    ).drop(columns="free").reset_index(drop=True)


# ----------------------------------------------------------------------------- complaints and refunds

#: Return reasons that point at the carrier (物流原因退货).
LOGISTICS_RETURN_REASONS: tuple[str, ...] = ("late_delivery", "damaged")
#: Service-ticket category of logistics questions and complaints (物流问题).
LOGISTICS_TICKET_CATEGORY = "logistics"


def first_shipments(wb: Workbook, orders: ibis.Table,
                    placed: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> ibis.Table:
    """A row per shipped order among ``orders``: its first parcel (time, warehouse, carrier,
    province), parcel count, and when its last parcel was delivered (``undelivered``
    parcels still on the road). Rows of other orders may come with them: join it to the
    orders asked about.

    Args:
        wb: the workbook.
        orders: a table with an ``order_id`` column: the orders asked about; with their
            ``ordered_at`` too, only the months that can hold their parcels are read
            (:func:`parcels_near`).
        placed: a range holding every ``ordered_at`` of ``orders``, where known
            (:func:`parcels_near`).
    Returns:
        A table: order_id, first_shipped_at, warehouse, carrier, ship_province, parcels,
        last_delivered_at, undelivered.
    """
    # Only the parcels of the orders asked about are grouped: grouping every parcel ever
    # shipped by order grows with the history, while a month's orders do not. (Aggregates
    # a query does not use are dropped by the engine.)
    if "ordered_at" in orders.columns:
        s = parcels_near(wb, orders, placed)
    else:
        s = wb.table("shipments").semi_join(orders.select("order_id"), "order_id")
    return s.group_by("order_id").aggregate(
        first_shipped_at=s.shipped_at.min(),
        warehouse=s.warehouse.argmin(s.shipped_at),
        carrier=s.carrier.argmin(s.shipped_at),
        ship_province=s.province.argmin(s.shipped_at),
        parcels=s.count(),
        last_delivered_at=s.delivered_at.max(),
        undelivered=s.delivered_at.isnull().sum(),
    )


def topical_months(wb: Workbook, period: Period, platforms: list[str]) -> list[tuple[str, str]]:
    """The platforms and months of ``period`` whose logistics complaints can be counted: some of
    the platform's tickets opened that month name their order and carry a topic.

    Elsewhere (Olist's reviews carry no topic; a month whose ticket export left the topic out; a
    platform whose tickets are not in the data) a complaint about the carrier cannot be told
    from another: the complaints are unknown there, not 0, on that platform alone (another
    platform's topics say nothing of its tickets), as the page's note about an empty topic
    column says of the month. A ticket is the platform's by its own platform or by its order's
    (the complaints reach the orders through it; an order among those near the period).

    Returns:
        ``(platform, "YYYY-MM")`` pairs, sorted.
    """
    if not wb.has("service_tickets"):
        return []
    t = wb.table("service_tickets")
    t = t.filter(t.opened_at >= period.start_ts, t.opened_at < period.end_ts, t.order_id.notnull(),
                 t.category.notnull(), t.category != UNKNOWN)
    t = t.select("order_id", "platform", month=t.opened_at.strftime("%Y-%m"))
    o = orders_of_shipments(wb, period.start, period.end).select("order_id", order_platform="platform")
    j = t.left_join(o, "order_id")
    both = ibis.union(j.select("platform", "month"), j.select(platform=j.order_platform, month=j.month))
    found = wb.execute(both.filter(both.platform.isin(platforms)).distinct())
    return sorted(zip(found["platform"], found["month"], strict=True))


def count_logistics_issues(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str | Sequence[str] | None = "carrier",
    refunds: bool = True,
) -> pd.DataFrame:
    """Logistics complaints and refunds per 1,000 orders (物流投诉率, 物流退款率).

    Formula: for the orders whose first parcel left in the period (grouped by that
    parcel's carrier / province / warehouse, or the order's platform):
    ``complaints_per_1000 = orders with a logistics complaint ticket × 1000 / complaint_orders``
    and ``refunds_per_1000 = refunded_orders (orders with a return for late delivery or damage)
    × 1000 / orders``; ``refund_amount`` is what those returns refunded. Tickets and returns are
    counted whenever they were raised (later ones still belong to the order's month).
    ``complaint_orders`` are the orders whose complaints are known: those of a platform and
    month whose tickets carry a topic (:func:`topical_months`); a group holding none has its
    complaints unknown, and a group over several platforms (a carrier, the total) is measured
    on those that carry one, said so to the running section (``page.partial.complaints_platforms``).

    Args:
        wb: the workbook.
        period: the month (orders first shipped in it).
        platforms: platforms to include; None = all.
        by: any of ``carrier``, ``province``, ``warehouse``, ``platform``, ``month``, or None.
        refunds: False: the refunds missing, for the complaints alone (the fulfilment
            headline's comparison months), without reading the returns. (Where the period's
            counts with refunds are kept with the workbook, they come with them.)
    Returns:
        One row per group (then ``total`` when grouped by one column): orders,
        complaint_orders, complaints, complaints_per_1000, refunded_orders,
        refunds_per_1000, refund_amount. Complaints are missing without service tickets
        that name their order and carry a topic, refunds without a returns table.

    Example:
        count_logistics_issues(wb, wb.period("2026-10"), by=None)
    """
    platforms = wb.platforms(platforms)
    keys = group_keys(by, ["carrier", "province", "warehouse", "platform", "month"])
    refunds, key = _grain_question(wb, ("count_logistics_issues", period.start, period.end, tuple(platforms)),
                                  refunds, "without refunds")
    # An order first shipped in the period has a parcel in it: only those orders (of the
    # platforms) are grouped, and their platform is found among the orders near the period.
    f = first_shipments(wb, shipments_of(wb, period.start, period.end, platforms),
                        placed_range(wb, period.start, period.end))
    f = f.filter(f.first_shipped_at >= period.start_ts, f.first_shipped_at < period.end_ts)
    o = orders_of_shipments(wb, period.start, period.end).select("order_id", "platform")
    o = o.filter(o.platform.isin(platforms))
    j = f.inner_join(o, "order_id").rename(province="ship_province")
    j = j.mutate(month=j.first_shipped_at.strftime("%Y-%m"))
    # Without tickets that name their order (or without returns) the rate is unknown, not zero.
    # Each order's complaint and refund come from one table of the logistics tickets' and
    # returns' rows grouped by order, joined once: joined one after the other, the engine
    # (misjudging how few of the month's orders the first-parcel filter keeps) builds a hash
    # table of the month's orders for each join, both held at once, and a kernel's capped
    # DuckDB failed on it (50M store: out of memory between 320 and 381 MiB; one join passes
    # at 200 MiB). Semi-joining the tickets and returns to the month's orders first was
    # measured too: a third hash table of those orders, no lower peak, more CPU.
    issues = []
    # Tickets that carry no topic (Olist's reviews, as ratings) cannot tell a logistics complaint
    # from another: the complaints are unknown there, not 0 — per platform and month, not for the
    # store as a whole (one platform's topics were taken for every platform's).
    topical = topical_months(wb, period, platforms)
    if topical:
        t = wb.table("service_tickets")
        t = t.filter(t.category == LOGISTICS_TICKET_CATEGORY, t.is_complaint, t.order_id.notnull())
        issues.append(t.select("order_id", complaint=ibis.literal(1, "int64"), refund=ibis.null("int64"),
                               refund_amount=ibis.null("float64")))
        j = j.mutate(_known=(j.platform.concat("|", j.month)).isin([f"{p}|{m}" for p, m in topical]))
    complained = bool(issues)
    refunded = refunds and wb.has("returns")
    if refunded:
        r = wb.table("returns")
        r = r.filter(r.reason.isin(list(LOGISTICS_RETURN_REASONS)))
        issues.append(r.select("order_id", complaint=ibis.null("int64"), refund=ibis.literal(1, "int64"),
                               refund_amount=r.refund_amount.cast("float64")))
    if issues:
        u = ibis.union(*issues) if len(issues) > 1 else issues[0]
        # An order's complaint and refund are 1 where it has such a ticket or return (missing
        # otherwise); its refund amount the sum of those returns' (missing where they state none).
        per_order = u.group_by("order_id").aggregate(complaint=u.complaint.max(), refund=u.refund.max(),
                                                     refund_amount=u.refund_amount.sum())
        j = j.left_join(per_order, "order_id").drop("order_id_right")
    if not complained:
        j = j.mutate(complaint=ibis.null("int64"))
    if not refunded:
        j = j.mutate(refund=ibis.null("int64"), refund_amount=ibis.null("float64"))

    def metrics(j: ibis.Table) -> dict[str, ibis.Value]:
        return {
            "orders": j.count(),
            # sums only (grain_groups adds them up): a group without a known order has no count
            **({"complaint_orders": j._known.cast("int64").sum(),
                "complaints": ibis.ifelse(j._known, j.complaint.fill_null(0), ibis.null("int64")).sum()}
               if complained else {"complaints": j.complaint.sum()}),
            **({"refunded_orders": j.refund.fill_null(0).sum() if refunded else j.refund.sum(),
                "refund_amount": (j.refund_amount.fill_null(0.0).sum() if refunded
                                  else j.refund_amount.sum())} if refunds else {}),
        }

    def grouped(keys: list[str], total: bool = True) -> pd.DataFrame:
        if complained and (refunded or not refunds):
            # Every grouping of the period's counts from one question (sums only): grain_groups.
            return grain_groups(wb, key, lambda: j, keys, metrics, GRAIN_KEYS if refunds else HEADLINE_KEYS)
        # a count that is missing, not zero: the engine's SUM of nothing, as before
        return aggregate_groups(wb, j, keys, metrics, total)

    out = grouped(keys)
    if not refunds:
        out = out.assign(refunded_orders=float("nan"), refund_amount=float("nan"))
    require_rows(out, "orders", "shipped orders", period, platforms, SHIPMENTS_TODO)
    if complained:
        _flag_unmeasured(out, period, platforms, lambda: grouped(["platform"], total=False))
    else:  # no order's complaints are known
        out = out.assign(complaint_orders=0)
    return out.assign(
        complaints_per_1000=lambda x: _ratio(x["complaints"] * 1000, x["complaint_orders"]),
        refunds_per_1000=lambda x: _ratio(x["refunded_orders"] * 1000, x["orders"]),
    )[[*keys, "orders", "complaint_orders", "complaints", "complaints_per_1000", "refunded_orders",
       "refunds_per_1000", "refund_amount"]].reset_index(drop=True)


def _flag_unmeasured(out: pd.DataFrame, period: Period, platforms: list[str],
                     by_platform: Callable[[], pd.DataFrame]) -> None:
    """Say to the running section that the complaints are counted on some platforms only,
    where some of the period's shipped orders have them known and others not (a carrier's rate,
    the total, is then that of the orders of the platforms whose tickets carry a topic).
    ``by_platform``: the counts by platform (asked only then; kept rows answer it)."""
    rows = out[out["platform"] != TOTAL] if "platform" in out.columns else out
    known, orders = rows["complaint_orders"].fillna(0).sum(), rows["orders"].sum()
    if not 0 < known < orders:
        return
    counts = rows if "platform" in out.columns else by_platform()
    counts = counts[counts["platform"] != TOTAL].groupby("platform")[["orders", "complaint_orders"]].sum()
    rank = {p: i for i, p in enumerate(platforms)}
    measured = sorted(counts.index[counts["complaint_orders"] > 0], key=rank.get)
    unmeasured = sorted(counts.index[counts["complaint_orders"] < counts["orders"]], key=rank.get)
    flag_partial("page.partial.complaints_platforms", measured=measured, unmeasured=unmeasured, month=period.label)
