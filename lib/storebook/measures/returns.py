"""Refunds and returns of a month: the refund rate and net sales after refunds, and returns
by category, SKU or reason — the figures service, profit and products all report."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ibis
import numpy as np
import pandas as pd

from storebook.engine import derived, dimensions
from storebook.engine.lines import lines_of_orders
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import StorebookError
from storebook.measures import TOTAL
from storebook.measures.orders import no_paid_orders, paid_orders
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division


def in_period(col: ibis.Value, period: Period) -> ibis.Value:
    """``col`` within ``[period.start, period.end)``."""
    return (col >= period.start_ts) & (col < period.end_ts)


def group_columns(by: str | Sequence[str] | None, allowed: Sequence[str]) -> list[str]:
    """The grouping columns ``by`` names, each one of ``allowed`` (else a clear error)."""
    cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    wrong = [c for c in cols if c not in allowed]
    if wrong:
        raise StorebookError(f"cannot group by {', '.join(wrong)}; choose from {', '.join(allowed)}")
    return cols


def sorted_frame(wb: Workbook, expr: ibis.Table, by: list[str]) -> pd.DataFrame:
    """``expr`` executed, sorted by ``by``, with a fresh index."""
    out = wb.execute(expr)
    return out.sort_values(by).reset_index(drop=True) if by else out.reset_index(drop=True)


def with_total(t: ibis.Table) -> ibis.Table:
    """``t`` with each row twice: under its platform and under the platform ``total``.

    Grouped by platform, one question then gives the platforms' rows and the total's, where
    a report that shows both asked two (each ~5 ms of compiling and converting for a few ms
    of the engine's work). Each total is aggregated from the same rows as an ungrouped
    question's, as medians must be: nothing is added up from the platforms' rows.
    """
    return t.mutate(platform=ibis.array([t.platform, ibis.literal(TOTAL)]).unnest())


def platforms_then_total(frame: pd.DataFrame) -> pd.DataFrame:
    """A :func:`with_total` result by platform: the platforms sorted, then ``total``, with a
    fresh index (the rows of a by-platform frame followed by the ungrouped one's)."""
    is_total = frame["platform"] == TOTAL
    return pd.concat([frame[~is_total].sort_values("platform"), frame[is_total]], ignore_index=True)


def grouped(wb: Workbook, t: ibis.Table, cols: list[str], metrics: Callable[[ibis.Table], dict[str, ibis.Value]],
            total: bool = False) -> pd.DataFrame:
    """``metrics(t)`` per group of ``cols``, sorted by them, with a fresh index; with
    ``total`` (``cols`` must be ``["platform"]``) the ``total`` row last, from the same
    question (:func:`with_total`). ``metrics`` is a function of the table: the total's are
    built on the table with each row twice."""
    if total:
        if cols != ["platform"]:
            raise StorebookError("a total row comes with by='platform' only")
        t = with_total(t)
        return platforms_then_total(wb.execute(t.group_by(cols).aggregate(**metrics(t))))
    expr = t.group_by(cols).aggregate(**metrics(t)) if cols else t.aggregate(**metrics(t))
    return sorted_frame(wb, expr, cols)


def _sold_and_returned(wb: Workbook, sold: ibis.Table, returned: ibis.Table, on: list[str]) -> pd.DataFrame:
    """The groups sold and the groups returned, outer-joined on ``on``, in one question (where
    two, then a pandas merge, cost a second question's compiling and converting, ~5–10 ms at
    10M order lines, for the engine's few ms). ``_sold`` is 1 on the rows with a sold group
    (a returned group without sales has no sold row); a sold group matched by several
    returned ones (by reason) comes once per match, as pandas' merge gave it."""
    j = sold.mutate(_sold=ibis.literal(1, "int8")).outer_join(returned, on)
    keys = {k: ibis.coalesce(j[k], j[f"{k}_right"]) for k in on}
    return wb.execute(j.select(**keys, **{c: j[c] for c in j.columns if c not in on and not
                                          (c.endswith("_right") and c[:-len("_right")] in on)}))


def paid_returns(wb: Workbook, period: Period, platforms: Sequence[str]) -> ibis.Table:
    """The returns of the orders paid in ``period`` on ``platforms`` (resolved): every column
    of ``returns``, with the order's ``platform`` and ``paid_at``. Read from the returns with
    their orders that ingest joined (storebook.engine.derived.returns_orders): a filter, where
    joining the month's paid orders probed them with every return of the history."""
    r = derived.returns_orders_of(wb)
    return r.filter(r.paid_at.notnull(), r.paid_at >= period.start_ts, r.paid_at < period.end_ts,
                    r.platform.isin(list(platforms)))


def compute_refund_rate(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    by: str | None = None,
    total: bool = False,
) -> pd.DataFrame:
    """Refund rate (退款率) and net sales after refunds (退款后销售额) of the month's paid orders.

    Formula: refund_rate = Σ refund_amount ÷ Σ paid_amount; net_amount = Σ paid_amount −
    Σ refund_amount, over the orders paid in the month.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
        by: ``None`` (one row) or ``platform``.
        total: with ``by="platform"``, a last row ``total`` over every platform (one
            question for both).
    Returns:
        One row per group: the group column, orders, paid_amount, refund_amount,
        net_amount, refund_rate.
    Raises:
        NoDataError: no paid order in the month on these platforms.

    Example:
        compute_refund_rate(wb, periods.month("2026-10")).refund_rate.iloc[0]
        0.031
    """
    cols = group_columns(by, ("platform",))
    return sum_paid_orders(wb, period, platforms, by, total).assign(
        net_amount=lambda d: d["paid_amount"] - d["refund_amount"],
        refund_rate=lambda d: _ratio(d["refund_amount"], d["paid_amount"]),
    )[[*cols, "orders", "paid_amount", "refund_amount", "net_amount", "refund_rate"]]


def sum_paid_orders(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    by: str | None = None,
    total: bool = False,
) -> pd.DataFrame:
    """The sums of the orders paid in the period: the one question behind the refund rate
    (:func:`compute_refund_rate`) and the first lines of the P&L
    (:func:`storebook.measures.pnl.contribution_pnl`), which the workbook answers once for
    both: each adds its own reading.

    Returns:
        One row per group (``by``, ``total`` as :func:`compute_refund_rate`): the group
        column, orders, paid_amount, refund_amount, and discounts (Σ discount_amount) where
        the orders have that column.
    Raises:
        NoDataError: no paid order in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    cols = group_columns(by, ("platform",))

    def sums(o: ibis.Table) -> dict[str, ibis.Value]:
        out = dict(orders=o.count(), paid_amount=o.paid_amount.sum().cast("float64"),
                   refund_amount=o.refund_amount.sum().cast("float64"))
        return {**out, "discounts": o.discount_amount.sum()} if "discount_amount" in o.columns else out

    out = grouped(wb, paid_orders(wb, period, plats), cols, sums, total)
    if out.empty or out["orders"].sum() == 0:
        raise no_paid_orders(period, plats)
    return out


def summarise_returns(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    by: str | Sequence[str] = "category",
) -> pd.DataFrame:
    """Returns (退货) of the month: count, units, refunds and return rate, by category, SKU or reason.

    Formula: return_rate (退货率) = units returned in the month ÷ units sold in the month
    (order lines of the orders paid in it); refund_share = refunds paid on returns ÷ the
    line sales of the month. By ``reason`` there is no sold denominator: share_of_returns
    = the reason's returns ÷ all returns of the group above it.

    Args:
        wb: the workbook.
        period: the month (returns accepted in it).
        platforms: platforms to include (default: every platform).
        by: any of ``category``, ``sku``, ``reason``, ``platform``.
    Returns:
        One row per group: the ``by`` columns (``sku`` adds product_name and category),
        returns, units_returned, refund_amount, units_sold, sales_amount, return_rate,
        refund_share, share_of_returns — most units returned first.
    Raises:
        NoDataError: no paid order in the month on these platforms.

    Example:
        summarise_returns(wb, periods.month("2026-10"), by="category").head(2)
    """
    plats = wb.platforms(platforms)
    cols = group_columns(by, ("category", "sku", "reason", "platform"))
    if not cols:
        raise StorebookError("summarise_returns needs at least one of category, sku, reason, platform")
    keys = cols + (["product_name", "category"] if "sku" in cols and "category" not in cols else
                   ["product_name"] if "sku" in cols else [])
    # The returns with their order's platform, as ingest joined them (a month's returns are a
    # few row groups of that file, where the join asked every order of the history).
    r = derived.returns_orders_of(wb)
    # A return of a product not in the catalogue, or without a reason, still counts (unknown).
    # The catalogue is joined only where a key reads it (a SKU's row in it is one: ingest keeps
    # the first of a duplicated key); without a catalogue every SKU is unknown.
    named = "category" in keys or "product_name" in keys
    r = r.filter(in_period(r.returned_on, period))
    if named:
        r = dimensions.attach(wb, r, "product_name", "category")
    r = r.filter(r.platform.isin(plats)).mutate(reason=r.reason.fill_null(dimensions.UNKNOWN))
    returned = r.group_by(keys).aggregate(
        returns=r.count(), units_returned=r.quantity.sum(), refund_amount=r.refund_amount.sum().cast("float64")
    )
    daily = derived.daily_sales_in(wb, period, plats)
    if daily is None:
        paid = paid_orders(wb, period, plats)
        lines = lines_of_orders(wb, paid).join(paid.select("order_id", "platform"), "order_id")
        units, amount = "quantity", "line_amount"
    else:  # the lines' sums per day, platform and SKU that ingest wrote: the same sums
        lines = daily
        units, amount = "units", "revenue"
    if named:
        lines = dimensions.attach(wb, lines, "product_name", "category")
    sold_keys = [k for k in keys if k != "reason"]
    sums = dict(units_sold=lines[units].sum(), sales_amount=lines[amount].sum().cast("float64"))
    if sold_keys:
        out = _sold_and_returned(wb, lines.group_by(sold_keys).aggregate(**sums), returned, sold_keys)
        sold_df = out[out["_sold"].notna()].drop_duplicates(sold_keys)
        out = out.drop(columns="_sold")
    else:
        ret_df = wb.execute(returned)
        sold_df = wb.execute(lines.aggregate(**sums))
        out = ret_df.merge(sold_df, how="cross")
    if sold_df.empty or sold_df["units_sold"].sum() == 0:
        raise no_paid_orders(period, plats)
    if "reason" in cols:
        out = out[out["reason"].notna()]
    out = out.fillna({"returns": 0, "units_returned": 0, "refund_amount": 0.0, "units_sold": 0, "sales_amount": 0.0})
    out = out.astype({"returns": "int64", "units_returned": "int64", "units_sold": "int64"})
    upper = [k for k in cols if k != "reason"]
    total_returns = out.groupby(upper)["returns"].transform("sum") if upper else out["returns"].sum()
    out = out.assign(
        return_rate=lambda d: _ratio(d["units_returned"], d["units_sold"]) if "reason" not in cols else np.nan,
        refund_share=lambda d: _ratio(d["refund_amount"], d["sales_amount"]) if "reason" not in cols else np.nan,
        share_of_returns=lambda d: _ratio(d["returns"], total_returns),
    )
    if "reason" in cols:
        out = out.assign(units_sold=np.nan, sales_amount=np.nan)
    return out.sort_values(["units_returned", *keys], ascending=[False, *[True] * len(keys)]).reset_index(drop=True)[
        [*keys, "returns", "units_returned", "refund_amount", "units_sold", "sales_amount", "return_rate",
         "refund_share", "share_of_returns"]
    ]
