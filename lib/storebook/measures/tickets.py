"""Service tickets: tickets and complaints, response and resolution times, complaints per
1,000 orders — defined once. The service report shows them; the store-operations report reads
the ones that move a store rating.

Tickets belong to the month they were **opened** (``opened_at``, local time); orders to the
month they were **paid** (``paid_at``).

- 首次响应时长 first response time = first_response_at − opened_at, in minutes; 解决时长
  resolution time = resolved_at − opened_at, in hours; median and 90th percentile.
- 每千单投诉 complaints per 1,000 orders = complaint tickets of the month ÷ paid orders of
  the month × 1000 (per product / supplier: paid orders containing the product / one of
  the supplier's products).
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import pandas as pd

from storebook.engine import derived, dimensions
from storebook.engine.lines import lines_of_orders
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError, StorebookError
from storebook.measures import TOTAL
from storebook.measures.orders import no_paid_orders as _no_orders
from storebook.measures.orders import paid_orders
from storebook.measures.returns import group_columns as _groups
from storebook.measures.returns import grouped, sum_paid_orders
from storebook.measures.returns import in_period as _in
from storebook.measures.stats import safe_ratio as _safe_div  # the one guarded division


def _ratio(num: ibis.Value, den: ibis.Value, scale: float = 1.0) -> ibis.Value:
    """num / den × scale, NULL where den is 0 (guarded: Spark's ANSI mode raises on 0)."""
    return ibis.cases((den == 0, ibis.null("float64")), else_=num.cast("float64") * scale / den)


def tickets_of(wb: Workbook, period: Period, platforms: list[str], topics: bool = True) -> ibis.Table:
    """The service tickets opened in ``period`` on ``platforms`` (a ticket without a topic is
    in the unknown one; ``topics=False``: the category as it is, for a question that does not
    read it)."""
    t = wb.table("service_tickets")
    t = t.filter(_in(t.opened_at, period), t.platform.isin(platforms))
    if not topics:
        # Compiling the topic's column into a question that drops it again costs ~2 ms of
        # its ~5 (a by-platform CSAT at 10M order lines: 3.8 → 2.1 ms): more than the engine
        # takes to answer it.
        return t
    # A ticket without a topic (a review, a chat log) still counts: in the unknown topic.
    return t.mutate(category=t.category.fill_null(dimensions.UNKNOWN))


def no_tickets(period: Period, platforms: list[str]) -> NoDataError:
    """The error for a month without tickets, saying what to do."""
    return NoDataError(
        f"no service tickets opened in {period.label} on {', '.join(platforms)}: the ticket export for that "
        "month may be missing (put it under data/raw/service_tickets/ and run `storebook ingest`), "
        "or choose another month or platform",
        key="no_data.tickets", values={"month": period.label, "platforms": list(platforms)},
    )


def _hours(later: ibis.Value, earlier: ibis.Value) -> ibis.Value:
    """later − earlier, in hours."""
    return (later.epoch_seconds() - earlier.epoch_seconds()).cast("float64") / 3600.0


def count_tickets(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    by: str | Sequence[str] | None = ("category", "platform"),
    total: bool = False,
) -> pd.DataFrame:
    """Tickets (工单量) and complaints (投诉量) opened in the month.

    Formula: complaint_share = complaints ÷ tickets; share_of_tickets = tickets of the
    group ÷ all tickets of the month.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
        by: any of ``category``, ``platform`` (``None``: one row).
        total: with ``by="platform"``, a last row ``total``: the platforms' counts added
            up (whole numbers: the counts of one question over every platform).
    Returns:
        One row per group: the ``by`` columns, tickets, complaints, complaint_share,
        share_of_tickets.
    Raises:
        NoDataError: no ticket opened in the month on these platforms.

    Example:
        count_tickets(wb, periods.month("2026-10"), by="category")
          category  tickets  complaints  complaint_share  share_of_tickets
        0 logistics     310          95             0.31              0.22
    """
    plats = wb.platforms(platforms)
    cols = _groups(by, ("category", "platform"))
    t = tickets_of(wb, period, plats, topics="category" in cols)
    out = grouped(wb, t, cols, lambda t: dict(tickets=t.count(), complaints=t.is_complaint.cast("int64").sum()))
    if out.empty or out["tickets"].sum() == 0:
        raise no_tickets(period, plats)
    if "category" in cols:  # the busiest topic first
        busiest = out.groupby("category")["tickets"].transform("sum")
        out = (out.assign(_b=busiest).sort_values(["_b", *cols], ascending=[False, *[True] * len(cols)])
               .drop(columns="_b").reset_index(drop=True))
    out = out.assign(complaints=lambda d: d["complaints"].astype("int64"))
    if total:
        if cols != ["platform"]:
            raise StorebookError("a total row comes with by='platform' only")
        out = pd.concat([out, pd.DataFrame({"platform": [TOTAL], "tickets": [out["tickets"].sum()],
                                            "complaints": [out["complaints"].sum()]})], ignore_index=True)
    parts = out["platform"] != TOTAL if total else slice(None)
    return out.assign(
        complaint_share=lambda d: _safe_div(d["complaints"], d["tickets"]),
        share_of_tickets=lambda d: _safe_div(d["tickets"], d.loc[parts, "tickets"].sum()),
    )


def summarise_response_times(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    by: str | Sequence[str] | None = None,
    total: bool = False,
) -> pd.DataFrame:
    """First response time (首次响应时长) and resolution time (解决时长) of the month's tickets.

    Formula: first response = first_response_at − opened_at, in minutes; resolution =
    resolved_at − opened_at, in hours; median and 90th percentile by linear interpolation between order
    statistics (DuckDB ``quantile_cont``, ``numpy.quantile``'s default). Tickets without a
    response (or not resolved) are left out of that measure and counted apart.

    Args:
        wb: the workbook.
        period: the month (tickets opened in it).
        platforms: platforms to include (default: every platform).
        by: any of ``platform``, ``category`` (``None``: one row).
        total: with ``by="platform"``, a last row ``total`` over every platform (one
            question for both: its medians are the total's tickets', not the platforms').
    Returns:
        One row per group: the ``by`` columns, tickets, responded, first_response_median_min,
        first_response_p90_min, resolved, resolution_median_h, resolution_p90_h, unresolved.
    Raises:
        NoDataError: no ticket opened in the month on these platforms.

    Example:
        summarise_response_times(wb, periods.month("2026-10"), by="platform")
    """
    plats = wb.platforms(platforms)
    cols = _groups(by, ("platform", "category"))
    t = tickets_of(wb, period, plats, topics="category" in cols)
    t = t.mutate(
        response_min=_hours(t.first_response_at, t.opened_at) * 60.0,
        resolution_h=_hours(t.resolved_at, t.opened_at),
    )
    out = grouped(wb, t, cols, lambda t: dict(
        tickets=t.count(),
        responded=t.response_min.count(),
        first_response_median_min=t.response_min.quantile(0.5),
        first_response_p90_min=t.response_min.quantile(0.9),
        resolved=t.resolution_h.count(),
        resolution_median_h=t.resolution_h.quantile(0.5),
        resolution_p90_h=t.resolution_h.quantile(0.9),
    ), total)
    if out.empty or out["tickets"].sum() == 0:
        raise no_tickets(period, plats)
    return out.assign(unresolved=lambda d: d["tickets"] - d["resolved"])


def compute_complaint_rate(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    by: str | None = None,
    total: bool = False,
) -> pd.DataFrame:
    """Complaints per 1,000 orders (每千单投诉), in total or by platform, product or supplier.

    Formula: complaints_per_1000_orders = complaint tickets opened in the month ÷ paid
    orders of the month × 1000. By ``sku``: complaints about the SKU ÷ paid orders
    containing it; by ``supplier``: complaints about the supplier's SKUs ÷ paid orders
    containing at least one of them. Complaints that name no SKU count only in the total
    and per platform.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
        by: ``None`` (one row), ``platform``, ``sku`` or ``supplier``.
        total: with ``by="platform"``, a last row ``total`` (the platforms' counts added up).
    Returns:
        One row per group: the group columns (``sku`` adds product_name, category and
        supplier_id; ``supplier`` is supplier_id with supplier_name), complaints, orders,
        complaints_per_1000_orders — highest rate first for sku and supplier.
    Raises:
        NoDataError: no paid order in the month on these platforms.

    Example:
        compute_complaint_rate(wb, periods.month("2026-10")).complaints_per_1000_orders.iloc[0]
        4.8
    """
    plats = wb.platforms(platforms)
    if by not in (None, "platform", "sku", "supplier"):
        raise StorebookError(f"cannot group complaints by {by}; choose platform, sku or supplier")
    t = tickets_of(wb, period, plats, topics=False)
    c = t.filter(t.is_complaint)
    o = paid_orders(wb, period, plats)
    if total and by != "platform":
        raise StorebookError("a total row comes with by='platform' only")
    if by in (None, "platform"):
        cols = ["platform"] if by else []
        # The total is the platforms' counts summed (whole numbers: the same total). The paid
        # orders are counted by the refund rate's question (sum_paid_orders, with its total
        # row when ``total``): a report that shows both rates (the service headline, the
        # overview's scorecard, each for three months) asks it once.
        comp_df = wb.execute(c.group_by(["platform"]).aggregate(complaints=c.count()))
        paid = sum_paid_orders(wb, period, plats, by="platform", total=total)
        ord_df = paid.loc[paid["platform"] != TOTAL, ["platform", "orders"]]
        rows = ord_df.merge(comp_df, on="platform", how="left").sort_values("platform")
        every = pd.DataFrame({"orders": [ord_df["orders"].sum()], "complaints": [comp_df["complaints"].sum()]},
                             dtype="int64")
        out = pd.concat([rows, every.assign(platform=TOTAL)], ignore_index=True) if total else rows if by else every
        out = out.fillna({"complaints": 0}).astype({"complaints": "int64"})
        out = out.assign(complaints_per_1000_orders=lambda d: _safe_div(d["complaints"] * 1000.0, d["orders"]))
        return out.reset_index(drop=True)[[*cols, "complaints", "orders", "complaints_per_1000_orders"]]

    products = dimensions.products(wb).select("sku", "product_name", "category", "supplier_id")
    c = c.filter(c.sku.notnull()).select("sku").join(products, "sku")  # tickets have a category of their own
    if by == "sku":
        keys = ["sku", "product_name", "category", "supplier_id"]
    else:
        keys = ["supplier_id"]
    d = derived.daily_sales_in(wb, period, plats) if by == "sku" else None
    if d is not None:
        # The paid orders with a line of each SKU per day and platform, as ingest counted them:
        # an order is paid on one day on one platform, so a SKU's orders are their sum (two
        # months at 50M order lines: 0.05 CPU-s instead of 4). A supplier's orders are not the
        # sum of its SKUs' (an order may hold two of them): those are counted from the lines.
        per_sku = d.group_by("sku").aggregate(orders=d.orders.sum())
        orders = per_sku.join(products, "sku").select(*keys, "orders")
    else:
        lines = lines_of_orders(wb, o)
        sold = lines.join(o.select("order_id"), "order_id").join(products, "sku")
        orders = sold.group_by(keys).aggregate(orders=sold.order_id.nunique())
    comp = c.group_by(keys).aggregate(complaints=c.count())
    j = orders.outer_join(comp, keys)
    j = j.select(
        *[ibis.coalesce(j[k], j[f"{k}_right"]).name(k) for k in keys],
        orders=j.orders.fill_null(0),
        complaints=j.complaints.fill_null(0),
    )
    out = wb.execute(j.mutate(complaints_per_1000_orders=_ratio(j.complaints, j.orders, 1000.0)))
    if out.empty:
        raise _no_orders(period, plats)
    if by == "supplier":
        names = wb.execute(wb.table("suppliers").select("supplier_id", "supplier_name"))
        out = out.merge(names, on="supplier_id", how="left")
        keys = ["supplier_id", "supplier_name"]
    return (
        out.astype({"orders": "int64", "complaints": "int64"})
        .sort_values(["complaints_per_1000_orders", "complaints", keys[0]], ascending=[False, False, True],
                     na_position="last")
        .reset_index(drop=True)[[*keys, "complaints", "orders", "complaints_per_1000_orders"]]
    )
