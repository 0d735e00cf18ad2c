"""Buyers in a customer's history: the paid orders of customer accounts, and new versus
returning buyers of a month (新客 / 老客) — the split customers and conversion both report."""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import pandas as pd

from storebook.engine.derived import first_purchases_of
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.measures.orders import no_paid_orders
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division


def customer_orders(wb: Workbook, platforms: list[str], end: pd.Timestamp, start: pd.Timestamp | None = None,
                 *, guests: bool = False) -> ibis.Table:
    """Paid orders on ``platforms`` with ``start <= paid_at < end``.

    A guest order (no customer account) belongs to no customer's history: it is left out of
    every customer metric, unless ``guests`` (an order of its own, e.g. for provinces).
    """
    o = wb.table("orders")
    cond = [o.paid_at.notnull(), o.paid_at < end, o.platform.isin(platforms)]
    if not guests:
        cond.append(o.customer_id.notnull())
    if start is not None:
        cond.append(o.paid_at >= start)
    return o.filter(*cond)


def acquired_between(wb: Workbook, platforms: list[str], start: pd.Timestamp, end: pd.Timestamp) -> ibis.Table:
    """The customers whose first paid order on ``platforms`` (their first purchase) falls in
    ``[start, end)``: customer_id, first_paid_at (storebook.engine.derived)."""
    fp = first_purchases_of(wb)
    f = fp.table.filter(fp.table.platform.isin(platforms))
    if not fp.one_platform_each:  # an account on several of the platforms: its earliest row
        f = f.group_by("customer_id").aggregate(first_paid_at=f.first_paid_at.min())
    return f.filter(f.first_paid_at >= start, f.first_paid_at < end).select("customer_id", "first_paid_at")


def _split_expr(wb: Workbook, period: Period, plats: list[str], by: list[str]) -> ibis.Table:
    """Buyers, orders and paid amount of the month's orders by ``by`` (of platform and
    buyer_type), new and returning on ``plats`` (see :func:`split_new_returning`)."""
    month = customer_orders(wb, plats, period.end_ts, period.start_ts)
    # New: the customer's first paid order is in the month (a buyer of the month has none
    # later than it); every other buyer of the month paid before it, and returns. The month's
    # first purchases are a few row groups of first_purchases, not the orders' history.
    new = acquired_between(wb, plats, period.start_ts, period.end_ts).select("customer_id").mutate(
        new=ibis.literal(True))
    joined = month.left_join(new, "customer_id")
    typed = joined.mutate(
        buyer_type=ibis.cases((joined.new.isnull(), "returning"), else_="new")
    )
    return typed.group_by(by).aggregate(
        buyers=typed.customer_id.nunique(),
        orders=typed.order_id.count(),
        paid_amount=typed.paid_amount.sum().cast("float64"),
    )


def split_new_returning(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """New versus returning buyers of the month (新客 / 老客) and their share of sales.

    A buyer is *new* when their first paid order on the selected platforms falls in the
    month, *returning* when they had paid an order before it.

    Formula: share_of_sales = paid_amount of the group ÷ paid_amount of all buyers;
    aov (客单价) = paid_amount ÷ buyers.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
    Returns:
        One row per ``buyer_type`` (``new``, ``returning``): buyers, orders, paid_amount,
        aov, share_of_buyers, share_of_sales.
    Raises:
        NoDataError: no paid order in the month on these platforms.

    Example:
        split_new_returning(wb, periods.month("2026-10"))
          buyer_type  buyers  orders  paid_amount  aov  share_of_buyers  share_of_sales
        0        new    2310    2402    512345.1  ...             0.71            0.64
    """
    plats = wb.platforms(platforms)
    if first_purchases_of(wb).one_platform_each:
        # No customer is on two platforms (ingest's ids), so a buyer's type on a choice of
        # platforms is their type on their own platform, and the choice's buyers are the sum of
        # its platforms' buyers: one question per month, by platform, over every platform of
        # the workbook answers every choice — the pack asked 28 of them, one per month and
        # platform (marketing's CAC, conversion's new-vs-returning; issue #17).
        every = [*wb.platforms(None), *[p for p in plats if p not in wb.platforms(None)]]
        by_platform = wb.execute(_split_expr(wb, period, every, ["platform", "buyer_type"]))
        # Summed in one fixed order (by platform name), whatever order the engine gave the rows in.
        chosen = by_platform[by_platform["platform"].isin(plats)].sort_values(["buyer_type", "platform"])
        # min_count=1: a paid amount unknown on every platform (optional in the contract) stays unknown.
        out = chosen.groupby("buyer_type", as_index=False)[["buyers", "orders", "paid_amount"]].sum(min_count=1)
    else:
        out = wb.execute(_split_expr(wb, period, plats, ["buyer_type"]))
    if out.empty:
        raise no_paid_orders(period, plats)
    out = pd.DataFrame({"buyer_type": ["new", "returning"]}).merge(out, on="buyer_type", how="left")
    # A group without buyers paid 0; a group whose orders' paid amounts are all unknown (the
    # column is optional) paid an unknown amount, and its spend per buyer is unknown too.
    absent = out["orders"].isna()
    out = out.assign(paid_amount=out["paid_amount"].mask(absent, 0.0)).fillna({"buyers": 0, "orders": 0}).astype(
        {"buyers": "int64", "orders": "int64", "paid_amount": "float64"})
    return out.assign(
        aov=lambda d: _ratio(d["paid_amount"], d["buyers"]),
        share_of_buyers=lambda d: _ratio(d["buyers"], d["buyers"].sum()),
        share_of_sales=lambda d: _ratio(d["paid_amount"], d["paid_amount"].sum(skipna=False)),
    )
