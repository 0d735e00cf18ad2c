"""Sales on paid orders: units, revenue, discounts and cost per day or month (and SKU,
category, platform) — the sales every report that counts units or revenue starts from."""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import pandas as pd

from storebook.engine import derived, dimensions
from storebook.engine.lines import lines_of_days, lines_of_orders
from storebook.engine.periods import Period, month_of
from storebook.engine.workbook import Workbook
from storebook.measures.orders import paid_orders


def sum_daily_sales(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
    by: Sequence[str] = ("sku",),
) -> pd.DataFrame:
    """Units and revenue sold per day (and per ``by``) on paid orders.

    A sale counts on the day it was paid (支付日期); cancelled, never-paid orders do not
    count; refunds later do not undo a sale (as the platforms report 支付金额).

    Args:
        wb: the workbook.
        period: the days ``[start, end)``.
        platforms: the platforms (default all of the workbook).
        by: any of ``platform``, ``sku``, ``category`` (joined from products).

    Returns:
        One row per day × ``by``: day, the ``by`` columns, units (销量), revenue (销售额 =
        Σ line_amount, after discounts), discount_amount (Σ line discounts), cost_amount
        (Σ quantity × standard unit cost, over the lines whose cost is known),
        cost_known_revenue (the revenue of those lines: cost_amount covers that part).

    Example:
        sum_daily_sales(wb, wb.period("2026-10"), ["jd"], by=("category",)).head()
    """
    return _sum_sales(wb, period, platforms, "day", by)


def sum_monthly_sales(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
    by: Sequence[str] = ("sku",),
) -> pd.DataFrame:
    """Units and revenue sold per month (and per ``by``) on paid orders, summed in the engine.

    The same sales as :func:`sum_daily_sales`, counted the same way, per calendar month of
    the paid day: one question whose answer has a row per month, not per day (a year of
    daily rows per SKU is what a monthly report would otherwise bring into pandas to add up).

    Args:
        wb: the workbook.
        period: the days ``[start, end)`` (a month only partly inside counts those days).
        platforms: the platforms (default all of the workbook).
        by: any of ``platform``, ``sku``, ``category`` (joined from products).

    Returns:
        One row per month × ``by``: month (its first day), the ``by`` columns, units,
        revenue, discount_amount, cost_amount, cost_known_revenue (as :func:`sum_daily_sales`).

    Example:
        sum_monthly_sales(wb, wb.period("2026-10").trailing(12), by=("sku",)).head()
    """
    return _sum_sales(wb, period, platforms, "month", by)


#: A question over several months whose order days hold more order lines than this a month
#: asks the engine a month at a time, where the lines are read by day (storebook.engine.lines):
#: joined at once, a year of paid orders (16.7M at 50M order lines) was a hash table that
#: did not fit a kernel's memory cap (then 488 MiB) and spilled (21 s for a year's sales by SKU, 7 s asked
#: a month at a time). A month's orders fit, and each month is the very question the month
#: asks alone, so its answer is shared with the month's own sections and the other windows
#: holding it. Smaller months (a 10M store's: 0.4M lines) are one question: a dozen small
#: questions cost more than one that fits (trend_price_index at 10M: 2.2 against 2.7-3.2 CPU-s).
MONTH_LINES = 1_000_000


def _sum_sales(wb: Workbook, period: Period, platforms: Sequence[str] | str | None, grain: str,
               by: Sequence[str]) -> pd.DataFrame:
    plats = wb.platforms(platforms)
    keys = [grain, *by]
    daily = derived.daily_sales_in(wb, period, plats)
    if daily is not None:
        # The lines' sums per day, platform and SKU that ingest wrote: the same sums, summed
        # again (a month at 50M order lines: 0.02 CPU-s instead of 1).
        out = wb.execute(_sums_of_daily(wb, daily, grain, keys))
        return out.fillna({"cost_known_revenue": 0.0}).sort_values(keys, ignore_index=True)
    months = _months(period)
    if len(months) > 1 and (lines_of_days(wb, period.start, period.last_day) or 0) > MONTH_LINES * len(months):
        # A day or a month of sales lies in one calendar month: the months' rows are the rows.
        parts = [_sum_sales(wb, part, plats, grain, by) for part in months]
        filled = [p for p in parts if len(p)] or parts[:1]
        return pd.concat(filled, ignore_index=True).sort_values(keys, ignore_index=True)
    paid = paid_orders(wb, period, plats)
    lines = lines_of_orders(wb, paid)  # the row groups of the paid orders' days, not the history
    out = wb.execute(_sales_sums(wb, lines, paid, grain, keys))
    return out.fillna({"cost_known_revenue": 0.0}).sort_values(keys, ignore_index=True)


def _months(period: Period) -> list[Period]:
    """``period`` cut at the first of each month (a whole month is that month's period)."""
    parts, start = [], period.start
    while start < period.end:
        whole = month_of(start)
        end = min(whole.end, period.end)
        parts.append(whole if (start, end) == (whole.start, whole.end) else Period(start, end, f"{start}…{end}"))
        start = end
    return parts


def _sales_sums(wb: Workbook, lines: ibis.Table, paid: ibis.Table, grain: str, keys: list[str]) -> ibis.Table:
    """Units, revenue, discounts and cost of ``lines`` joined to the ``paid`` orders, per ``keys``."""
    when = paid.paid_at.date() if grain == "day" else paid.paid_at.truncate("M")
    paid = paid.select("order_id", "platform", **{grain: when})
    return _summed_with_costs(wb, lines.join(paid, "order_id"), keys, units="quantity", revenue="line_amount")


def _summed_with_costs(wb: Workbook, sold: ibis.Table, keys: list[str], *, units: str, revenue: str) -> ibis.Table:
    """``sold``'s units, revenue, discounts and cost per ``keys``, each SKU costed from the catalogue.

    A SKU not in the catalogue still sold: it keeps its revenue, in the unknown category,
    without a cost. A SKU's unit cost is one number, so the cost of some units of it is
    their count × that cost, whether they come one line at a time or summed per day. A store
    without a catalogue (orders alone) sells every SKU that way."""
    joined = dimensions.attach(wb, sold, "category", "unit_cost")
    return joined.group_by(keys).aggregate(
        units=joined[units].sum().cast("float64"),
        revenue=joined[revenue].sum().cast("float64"),
        discount_amount=joined.discount_amount.sum().cast("float64"),
        cost_amount=(joined[units] * joined.unit_cost).sum().cast("float64"),
        cost_known_revenue=joined[revenue].sum(where=joined.unit_cost.notnull()).cast("float64"),
    )


def _sums_of_daily(wb: Workbook, d: ibis.Table, grain: str, keys: list[str]) -> ibis.Table:
    """:func:`_sales_sums` of some paid orders from their lines' sums per day, platform and SKU
    (``d``: storebook.engine.derived.daily_sales_in): the same sums, summed again; a SKU's
    revenue of a day counts as cost-known or not as a whole."""
    if grain == "month":  # as paid_at.truncate("M"): the month's first day, a timestamp
        d = d.mutate(month=d.day.truncate("M").cast("timestamp"))
    return _summed_with_costs(wb, d, keys, units="units", revenue="revenue")


def name_products(wb: Workbook, period: Period, platforms: Sequence[str] | str | None,
                  listed: pd.DataFrame) -> pd.Series:
    """Each SKU's name: the catalogue's, else the item name of its latest paid line in the
    period (the name it sold under: an orders export without a catalogue names its items on
    the lines), else the SKU itself.

    Args:
        wb: the workbook.
        period: the days whose paid lines may name a SKU.
        platforms: the platforms (default all of the workbook).
        listed: ``sku`` and ``product_name``, null where the catalogue has no name
            (:func:`storebook.engine.dimensions.catalogue` with ``names=False``).
    Returns:
        The names, aligned with ``listed``'s index.

    Example:
        name_products(wb, period, None, pd.DataFrame({"sku": ["name:mug"], "product_name": [None]}))
    """
    names = listed["product_name"]
    unnamed = listed.loc[names.isna(), "sku"].dropna().unique().tolist()
    if unnamed and "item_name" in wb.table("order_lines").columns:  # only then are the lines asked
        paid = paid_orders(wb, period, wb.platforms(platforms))
        lines = lines_of_orders(wb, paid)
        lines = lines.filter(lines.sku.isin(unnamed), lines.item_name.notnull())
        lines = lines.join(paid.select("order_id", "paid_at"), "order_id")
        latest = ibis.window(group_by="sku", order_by=[lines.paid_at.desc(), lines.order_id.desc(),
                                                        lines.line_no.desc()])
        named = lines.mutate(_n=ibis.row_number().over(latest))
        found = wb.execute(named.filter(named._n == 0).select("sku", "item_name"))
        names = names.fillna(listed["sku"].map(found.set_index("sku")["item_name"]))
    return names.fillna(listed["sku"])
