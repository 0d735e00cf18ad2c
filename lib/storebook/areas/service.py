"""Customer service: tickets, response and resolution times, satisfaction, complaints,
returns and refunds — and the trace from a complaint spike to its supplier and batch.

Tickets belong to the month they were **opened** (``opened_at``, local time); orders to
the month they were **paid** (``paid_at``); returns to the month they were **accepted**
(``returned_on``). Every function takes the month and the platforms and returns a small
frame; one definition per metric:

- 满意度 CSAT = mean satisfaction score (1–5) of the rated tickets; the share of 4–5
  scores (好评率) is given beside it.
- 首次响应时长 first response time = first_response_at − opened_at, in minutes; 解决时长
  resolution time = resolved_at − opened_at, in hours; reported as median and 90th
  percentile (linear interpolation between order statistics, as ``numpy.quantile``).
- 每千单投诉 complaints per 1,000 orders = complaint tickets of the month ÷ paid orders of
  the month × 1000 (per product / supplier: paid orders containing the product / one of
  the supplier's products).
- 退款率 refund rate = refund_amount ÷ paid_amount of the orders paid in the month;
  net sales (退款后销售额) = paid_amount − refund_amount.
- 退货率 return rate = units returned in the month ÷ units sold in the month.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import numpy as np
import pandas as pd

from storebook.engine import dimensions
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import extremes, stats
from storebook.measures.compare import compare_long
from storebook.measures.metrics import headline_entry
from storebook.measures.platform_rows import lone_platform
from storebook.measures.returns import (  # the service report shows them: storebook.service.summarise_returns
    compute_refund_rate,
    summarise_returns,  # noqa: F401
)
from storebook.measures.returns import group_columns as _groups
from storebook.measures.returns import grouped as _grouped
from storebook.measures.stats import safe_ratio as _safe_div  # the one guarded division
from storebook.measures.tickets import (  # noqa: F401 (the service report shows them: storebook.service.<name>)
    compute_complaint_rate,
    count_tickets,
    summarise_response_times,
)
from storebook.measures.tickets import no_tickets as _no_tickets
from storebook.measures.tickets import tickets_of as _tickets

#: A complaint spike: at least this many times the complaints its category peers predict …
SPIKE_MIN_RATIO = 2.0
#: … and this unlikely under the peers' rate (one-sided Poisson test), family-wise: each
#: SKU is tested at this level divided by the number of SKUs tested (Bonferroni) …
SPIKE_FAMILY_P = 0.05
#: … and at least this many complaints.
SPIKE_MIN_COMPLAINTS = 5
#: Category peers with fewer complaints than this give no rate of their own: the store's
#: rate (other SKUs) stands in, so that a quiet category does not make one complaint a spike.
SPIKE_MIN_PEER_COMPLAINTS = 5
SATISFIED_SCORE = 4
#: The ends of the CSAT score (the contract's csat: 1–5): no mean, nor its interval, lies beyond them.
CSAT_SCALE = (1.0, 5.0)


# -- tickets (counts, response times and complaints: storebook.measures.tickets) ----------

def compute_csat(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    by: str | Sequence[str] | None = None,
    level: float = 0.95,
    total: bool = False,
) -> pd.DataFrame:
    """Customer satisfaction (满意度, CSAT) of the tickets opened in the period.

    Formula: csat = mean score (1–5) of the rated tickets, with a normal interval
    ``mean ± z·sd/√n`` kept within the scale (:data:`CSAT_SCALE`); satisfied_share (好评率) =
    ratings of 4 or 5 ÷ ratings, with a Wilson interval.

    Args:
        wb: the workbook.
        period: the month (or any period: a trailing range with ``by="month"`` gives a trend).
        platforms: platforms to include (default: every platform).
        by: any of ``platform``, ``category``, ``month`` (``None``: one row).
        level: confidence level of the intervals.
        total: with ``by="platform"``, a last row ``total`` over every platform (one
            question for both).
    Returns:
        One row per group: the ``by`` columns (``month`` as ``YYYY-MM``), tickets, rated,
        csat, csat_low, csat_high, satisfied, satisfied_share, satisfied_low, satisfied_high.
    Raises:
        NoDataError: no ticket opened in the period, or none rated.

    Example:
        compute_csat(wb, periods.month("2026-10")).csat.iloc[0]
        4.12
    """
    plats = wb.platforms(platforms)
    cols = _groups(by, ("platform", "category", "month"))
    t = _tickets(wb, period, plats, topics="category" in cols)
    if "month" in cols:
        t = t.mutate(month=t.opened_at.truncate("M"))

    def metrics(t: ibis.Table) -> dict[str, ibis.Value]:
        score = t.csat.cast("float64")
        return dict(
            tickets=t.count(),
            rated=score.count(),
            csat=score.mean(),
            csat_sd=score.std(how="sample"),
            satisfied=(t.csat >= SATISFIED_SCORE).cast("int64").sum(),
        )

    out = _grouped(wb, t, cols, metrics, total)
    if out.empty or out["tickets"].sum() == 0:
        raise _no_tickets(period, plats)
    if out["rated"].sum() == 0:
        raise NoDataError(
            f"no rated ticket in {period.label} on {', '.join(plats)}: no CSAT can be computed; "
            "check that the ticket export carries the csat column",
            key="no_data.csat", values={"month": period.label, "platforms": plats},
        )
    out = out.assign(satisfied=lambda d: d["satisfied"].fillna(0).astype("int64"))
    if "month" in cols:
        out = out.assign(month=lambda d: d["month"].dt.strftime("%Y-%m"))
    low, high = stats.mean_interval(out["csat"], out["csat_sd"], out["rated"], level)
    # A normal interval of a few ratings runs past the scale (Olist's reviews: 3.50, 1.62–5.38):
    # no mean can lie outside 1–5, so the interval stops at its ends.
    low, high = np.maximum(low, CSAT_SCALE[0]), np.minimum(high, CSAT_SCALE[1])  # NaN stays NaN
    s_low, s_high = stats.wilson_interval(out["satisfied"], out["rated"], level)
    return out.assign(
        csat_low=low, csat_high=high,
        satisfied_share=lambda d: _safe_div(d["satisfied"], d["rated"]),
        satisfied_low=s_low, satisfied_high=s_high,
    )[[*cols, "tickets", "rated", "csat", "csat_low", "csat_high", "satisfied", "satisfied_share",
       "satisfied_low", "satisfied_high"]]


def trend_csat(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, months: int = 13
) -> pd.DataFrame:
    """CSAT per month over the ``months`` months ending with ``period``, with intervals.

    Formula: as :func:`compute_csat`, grouped by the month a ticket was opened.

    Returns:
        One row per month with tickets: month, tickets, rated, csat, csat_low, csat_high,
        satisfied, satisfied_share, satisfied_low, satisfied_high.

    Example:
        trend_csat(wb, periods.month("2026-10"))[["month", "csat"]].tail(2)
    """
    return compute_csat(wb, period.trailing(months), platforms, by="month")


# -- complaints ------------------------------------------------------------------------


def trace_complaint_spike(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    months: int = 1,
    min_ratio: float = SPIKE_MIN_RATIO,
    family_p: float = SPIKE_FAMILY_P,
    min_complaints: int = SPIKE_MIN_COMPLAINTS,
) -> pd.DataFrame:
    """Trace a complaint spike to its product, supplier and production batch (批次).

    Method. (1) For each SKU, the complaints expected this month are its paid orders ×
    the complaint rate per order of the *other* SKUs of its category in the same month (its
    peers: a persistent defect does not hide in the SKU's own history; peers with fewer
    than 5 complaints give way to the rest of the store). A SKU is flagged when its
    complaints reach ``min_complaints`` and ``min_ratio`` × expected, and a one-sided
    Poisson test gives p < ``family_p`` ÷ the number of SKUs tested (Bonferroni: with
    hundreds of SKUs, one in a thousand is not rare). With ``months`` > 1 the window is the
    report month and the months before it, so that a defect spread over several months
    adds up. (2) For a flagged SKU, the complaints that
    name a batch are split by batch and compared with the batch's share of the units
    received (purchase orders): the batch whose share of complaints most exceeds its share
    of units is the suspect. (3) The batch's purchase-order line names the supplier.

    Args:
        wb: the workbook.
        period: the month (complaints opened in it).
        platforms: platforms to include (default: every platform).
        months: length of the window in months, ending with ``period``.
        min_ratio, family_p, min_complaints: the flagging thresholds.
    Returns:
        One row per batch of each flagged SKU (most excess complaints first, the suspect
        batch first within its SKU): supplier_id, supplier_name, sku, product_name,
        category, complaints, expected, excess, ratio, p_value, orders, batch_id,
        batch_complaints, batch_share_of_complaints, batch_units_received,
        batch_share_of_units, po_id, received_on, first_complaint_on, last_complaint_on,
        is_suspect. Empty (same columns) when no SKU is flagged.
    Raises:
        NoDataError: no ticket opened in the month on these platforms.

    Example:
        trace_complaint_spike(wb, periods.month("2026-09")).query("is_suspect")
          supplier_id  sku      batch_id  complaints  expected  ratio ...
        0         S06  BDY-012  B…            41       2.3   17.8
    """
    plats = wb.platforms(platforms)
    columns = ["supplier_id", "supplier_name", "sku", "product_name", "category", "complaints", "expected",
               "excess", "ratio", "p_value", "orders", "batch_id", "batch_complaints", "batch_share_of_complaints",
               "batch_units_received", "batch_share_of_units", "po_id", "received_on", "first_complaint_on",
               "last_complaint_on", "is_suspect"]
    window = period.trailing(months) if months > 1 else period
    t = _tickets(wb, window, plats)
    if wb.execute(t.aggregate(n=t.count()))["n"].iloc[0] == 0:
        raise _no_tickets(window, plats)

    per_sku = compute_complaint_rate(wb, window, plats, by="sku")
    cat = per_sku.groupby("category")[["complaints", "orders"]].transform("sum")
    peer_complaints = cat["complaints"] - per_sku["complaints"]
    peer_rate = _safe_div(peer_complaints, cat["orders"] - per_sku["orders"])
    store_rate = _safe_div(per_sku["complaints"].sum() - per_sku["complaints"], per_sku["orders"].sum() - per_sku["orders"])
    peer_rate = peer_rate.where(peer_complaints >= SPIKE_MIN_PEER_COMPLAINTS, store_rate)
    expected = per_sku["orders"] * peer_rate
    tested = int(((per_sku["orders"] > 0) | (per_sku["complaints"] > 0)).sum())
    scored = per_sku.assign(
        expected=expected,
        excess=per_sku["complaints"] - expected,
        ratio=_safe_div(per_sku["complaints"], expected),
        # P(X ≥ k) for X ~ Poisson(expected)
        p_value=stats.poisson_at_least(per_sku["complaints"], expected.fillna(0).clip(lower=1e-9)),
    )
    flagged = scored[
        (scored["complaints"] >= min_complaints)
        & (scored["ratio"] >= min_ratio)
        & (scored["p_value"] < family_p / max(tested, 1))
    ].sort_values("excess", ascending=False)
    if flagged.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns}).astype(
            {"is_suspect": bool, "sku": "str", "batch_id": "str", "supplier_id": "str"}
        )

    skus = flagged["sku"].tolist()
    c = t.filter(t.is_complaint, t.sku.isin(skus))
    by_batch = wb.execute(
        c.group_by(["sku", "batch_id"]).aggregate(
            batch_complaints=c.count(),
            first_complaint_on=c.opened_at.min().date(),
            last_complaint_on=c.opened_at.max().date(),
        )
    )
    po = wb.table("purchase_orders")
    po = po.filter(po.sku.isin(skus), po.batch_id.notnull(), po.received_on.notnull(), po.received_on < window.end_ts)
    units = wb.execute(
        po.group_by(["sku", "batch_id"]).aggregate(
            batch_units_received=po.qty_received.sum(),
            po_id=po.po_id.min(),
            po_supplier_id=po.supplier_id.min(),
            received_on=po.received_on.min(),
        )
    )
    names = wb.execute(wb.table("suppliers").select("supplier_id", "supplier_name"))
    named = by_batch[by_batch["batch_id"].notna()]
    named = named.assign(
        batch_share_of_complaints=lambda d: _safe_div(
            d["batch_complaints"], d.groupby("sku")["batch_complaints"].transform("sum")
        )
    )
    # Only batches received within the span that could reach a complaining customer count
    # towards the unit shares: those some complaint names, plus any received since the
    # earliest of them.
    first_named = units.merge(named[["sku", "batch_id"]], on=["sku", "batch_id"]).groupby("sku")["received_on"].min()
    units = units[units["received_on"] >= units["sku"].map(first_named).fillna(pd.Timestamp.max)]
    units = units.assign(
        batch_share_of_units=lambda d: _safe_div(
            d["batch_units_received"], d.groupby("sku")["batch_units_received"].transform("sum")
        )
    )
    out = (
        named.merge(units, on=["sku", "batch_id"], how="left")
        .merge(flagged, on="sku")
        .assign(supplier_id=lambda d: d["po_supplier_id"].fillna(d["supplier_id"]))
        .drop(columns=["po_supplier_id"])
        .merge(names, on="supplier_id", how="left")
        .assign(_lift=lambda d: d["batch_share_of_complaints"] - d["batch_share_of_units"].fillna(0))
    )
    out = out.assign(
        is_suspect=lambda d: d["_lift"].eq(d.groupby("sku")["_lift"].transform("max")) & d["_lift"].gt(0),
        _rank=lambda d: d["sku"].map({s: i for i, s in enumerate(skus)}),
    )
    return (
        out.sort_values(["_rank", "is_suspect", "batch_complaints"], ascending=[True, False, False])
        .reset_index(drop=True)[columns]
    )


# -- returns and refunds ------------------------------------------------------------------
# -- what the report states ----------------------------------------------------------------
#: Metrics of the service headline, in the order the report shows them.
HEADLINE_METRICS: tuple[str, ...] = ("tickets", "complaints", "csat", "satisfied_share", "first_response_median_min",
                                     "complaints_per_1000_orders", "refund_rate")
#: The metrics the index's record takes (the others show on the page); their units and good
#: directions are the registry's (storebook.measures.metrics).
HEADLINE_RECORDED: tuple[str, ...] = ("tickets", "complaints", "satisfied_share", "refund_rate")


def _headline_rows(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    """The headline metrics per platform and in total (``total``) for one month."""
    parts = []
    for fn, cols in ((count_tickets, ["tickets", "complaints"]), (compute_csat, ["csat", "satisfied_share"]),
                     (summarise_response_times, ["first_response_median_min"]),
                     (compute_complaint_rate, ["complaints_per_1000_orders"]), (compute_refund_rate, ["refund_rate"])):
        try:  # the platforms and their total from one question
            both = fn(wb, period, platforms, by="platform", total=True)
        except NoDataError:
            continue
        parts.append(both.melt(id_vars="platform", value_vars=cols, var_name="metric", value_name="value"))
    if not parts:
        raise _no_tickets(period, platforms)
    return pd.concat(parts, ignore_index=True).astype({"value": "float64"})


def service_headline(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The service headline per platform and in total, against the prior month and last year.

    Metrics (:data:`HEADLINE_METRICS`), each as its function here defines it: tickets
    (工单量), complaints (投诉量), CSAT (满意度) and the share rating 4–5 (好评率), median
    first response in minutes (首次响应时长), complaints per 1,000 orders (每千单投诉), refund
    rate (退款率). vs_prior / vs_last_year = value ÷ comparison − 1.

    Returns:
        One row per platform (then ``total``) × metric: platform, metric, value, prior,
        last_year, vs_prior, vs_last_year.
    Raises:
        NoDataError: neither tickets nor paid orders in the month.

    Example:
        service_headline(wb, periods.month("2026-10")).query("platform == 'total'")
    """
    plats = wb.platforms(platforms)
    now = _headline_rows(wb, period, plats)

    def other(p: Period) -> pd.DataFrame:
        try:
            return _headline_rows(wb, p, plats)
        except NoDataError:
            return now.iloc[:0]

    order = {p: i for i, p in enumerate([*plats, "total"])}
    metric_order = {m: i for i, m in enumerate(HEADLINE_METRICS)}
    return (
        compare_long(now, other(period.prior()), other(period.last_year()))
        .assign(_p=lambda d: d["platform"].map(order), _m=lambda d: d["metric"].map(metric_order))
        .sort_values(["_p", "_m"]).drop(columns=["_p", "_m"]).reset_index(drop=True)
    )


def headline_facts(headline: pd.DataFrame, period: Period) -> dict:
    """The numbers the service headline takeaway states (from :func:`service_headline`).

    ``variant``: ``single`` on one platform (none has "the lowest" CSAT); ``no_refund_rate``
    (after it) when the refund rate is unknown — the orders carry no paid or no refund amount
    (both optional in the contract): the sentence says so instead of "n/a was refunded".
    """
    total = headline[headline["platform"] == "total"].set_index("metric")

    def get(metric: str, column: str = "value"):
        return total.at[metric, column] if metric in total.index else None

    csat = headline[(headline["platform"] != "total") & (headline["metric"] == "csat")].dropna(subset=["value"])
    worst = extremes.row_of_min(csat, "value")
    variant = ["single" if lone_platform(headline) else None,
               "no_refund_rate" if "refund_rate" in total.index and pd.isna(get("refund_rate")) else None]
    return {
        "variant": ".".join(filter(None, variant)) or None,
        "month": period.label,
        **{m: get(m) for m in HEADLINE_METRICS},
        **{f"{m}_vs_prior": get(m, "vs_prior") for m in HEADLINE_METRICS},
        "worst_csat_platform": None if worst is None else worst["platform"],
        "worst_csat": None if worst is None else worst["value"],
    }


def headline_record(headline: pd.DataFrame, text) -> list[dict]:
    """The ``service.headline`` record the report index shows (all-platform values of the
    metrics in the index's units)."""
    total = headline[(headline["platform"] == "total") & headline["metric"].isin(list(HEADLINE_RECORDED))]
    return [headline_entry(r.metric, text(f"metric.{r.metric}"), r.value, r.vs_prior, r.vs_last_year)
            for r in total.itertuples()]


def ticket_facts(tickets: pd.DataFrame) -> dict:
    """The numbers the tickets title and takeaway state (from :func:`count_tickets` by category × platform).

    ``variant`` ``no_topic`` when no ticket carries a topic (Olist's reviews): the sentence
    does not name "Category unknown" as the most common topic and the one with most complaints.
    """
    by_cat = tickets.groupby("category")[["tickets", "complaints"]].sum()
    by_plat = tickets.groupby("platform")[["tickets"]].sum()
    top = by_cat["tickets"].idxmax()
    top_complaints = by_cat["complaints"].idxmax()
    total = by_cat["tickets"].sum()
    return {
        "tickets": int(total), "complaints": int(by_cat["complaints"].sum()),
        "complaint_share": _safe_div(by_cat["complaints"].sum(), total),
        "top_category": top, "top_share": _safe_div(by_cat.at[top, "tickets"], total),
        "top_complaint_category": top_complaints, "top_complaints": int(by_cat.at[top_complaints, "complaints"]),
        "top_platform": by_plat["tickets"].idxmax(),
        "variant": ("no_topic" if (tickets["category"] == dimensions.UNKNOWN).all()
                    else "single" if lone_platform(tickets) else None),
    }


def response_facts(times: pd.DataFrame) -> dict:
    """The numbers the response-time takeaway states (from :func:`summarise_response_times` by platform)."""
    slow = times.dropna(subset=["first_response_p90_min"])
    slowest = extremes.row_of_max(slow, "first_response_p90_min")
    return {
        "variant": "single" if lone_platform(times) else None,
        "tickets": int(times["tickets"].sum()), "unresolved": int(times["unresolved"].sum()),
        "slowest": None if slowest is None else slowest["platform"],
        "slowest_median": None if slowest is None else slowest["first_response_median_min"],
        "slowest_p90": None if slowest is None else slowest["first_response_p90_min"],
        "fastest_median": times["first_response_median_min"].min(),
        "resolution_median_max": times["resolution_median_h"].max(),
    }


def csat_facts(trend: pd.DataFrame) -> dict:
    """The numbers the CSAT title and takeaway state (from :func:`trend_csat`)."""
    t = trend.sort_values("month")
    now = t.iloc[-1]
    before = t.iloc[:-1]
    mean_before = _safe_div((before["csat"] * before["rated"]).sum(), before["rated"].sum()) if len(before) else None
    return {
        "month": now["month"], "csat": now["csat"], "low": now["csat_low"], "high": now["csat_high"],
        "rated": int(now["rated"]), "satisfied_share": now["satisfied_share"],
        "mean_before": mean_before, "months_before": int(len(before)),
        # the earlier months' mean outside this month's interval: a change worth a look
        "variant": "outside" if mean_before is not None and not (now["csat_low"] <= mean_before <= now["csat_high"])
        else None,
    }


def complaint_facts(rates: pd.DataFrame, key: str) -> dict:
    """The numbers a complaints-per-1,000 takeaway states (``key``: ``sku`` or ``supplier_id``)."""
    r = rates[rates["complaints"] > 0]
    top = r.sort_values(["complaints", "complaints_per_1000_orders"], ascending=False).iloc[0] if len(r) else None
    name = "product_name" if key == "sku" else "supplier_name"
    return {
        "variant": "none" if top is None else None,
        "with_complaints": int(len(r)), "complaints": int(rates["complaints"].sum()),
        "top": None if top is None else top[key], "top_name": None if top is None else top[name],
        "top_complaints": 0 if top is None else int(top["complaints"]),
        "top_rate": None if top is None else top["complaints_per_1000_orders"],
        "top_orders": 0 if top is None else int(top["orders"]),
    }


def with_complaints(rates: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`compute_complaint_rate` that drew at least one complaint, most first."""
    return (rates[rates["complaints"] > 0]
            .sort_values(["complaints", "complaints_per_1000_orders"], ascending=False)
            .reset_index(drop=True))


def refund_facts(refunds: pd.DataFrame) -> dict:
    """The numbers the refunds takeaway states (from :func:`compute_refund_rate` by platform).

    ``variant``: ``no_amount`` when the paid amount is unknown on every platform (the orders
    carry none), ``no_refunds`` when it is known but the refund amount is not (the exports
    carry none: both optional in the contract) — the sentence then says there is no refund
    rate to measure, where it would write "n/a"; ``none_refunded`` when nothing was refunded
    and ``single`` on one platform (neither has a platform that "refunded the largest share").
    """
    # min_count=1: an unknown paid amount (optional) stays unknown, not 0.
    total_paid, total_refund = refunds["paid_amount"].sum(min_count=1), refunds["refund_amount"].sum(min_count=1)
    top = extremes.row_of_max(refunds, "refund_rate")  # none when no platform was paid anything
    return {"refund_amount": total_refund, "refund_rate": _safe_div(total_refund, total_paid),
            "net_amount": refunds["net_amount"].sum(min_count=1), "top": None if top is None else top["platform"],
            "top_rate": None if top is None else top["refund_rate"],
            "orders": int(refunds["orders"].sum()), "paid_amount": total_paid,
            "variant": "no_amount" if pd.isna(total_paid) else "no_refunds" if pd.isna(total_refund)
            else "none_refunded" if total_refund == 0 else "single" if lone_platform(refunds) else None}


def returns_facts(returns: pd.DataFrame, reasons: pd.DataFrame) -> dict:
    """The numbers the returns takeaway states (by category, and by reason)."""
    with_sales = returns[returns["units_sold"] > 0]
    top = extremes.row_of_max(with_sales, "return_rate")
    reason = extremes.row_of_max(reasons, "returns") if reasons["returns"].sum() else None
    return {
        "returns": int(returns["returns"].sum()), "units_returned": int(returns["units_returned"].sum()),
        "return_rate": _safe_div(returns["units_returned"].sum(), returns["units_sold"].sum()),
        "refund_amount": returns["refund_amount"].sum(),
        "top_category": None if top is None else top["category"], "top_rate": None if top is None else top["return_rate"],
        "top_reason": None if reason is None else reason["reason"],
        "top_reason_share": None if reason is None else reason["share_of_returns"],
    }


def returned_sku_facts(by_sku: pd.DataFrame, min_units: int = 10) -> dict:
    """The numbers the returned-products takeaway states (from :func:`summarise_returns` by
    SKU): the product returned most, and the highest return rate among products that sold at
    least ``min_units`` units (a product that sold two and lost one is not a finding)."""
    returned = by_sku[by_sku["units_returned"] > 0]
    if returned.empty:
        return {"variant": "none"}
    most = returned.iloc[0]
    sold = by_sku[by_sku["units_sold"] >= min_units].dropna(subset=["return_rate"])
    worst = extremes.row_of_max(sold, "return_rate")
    worst = most if worst is None else worst
    return {
        "variant": None, "skus": int(len(returned)),
        "most_sku": most["sku"], "most_name": most["product_name"], "most_units": int(most["units_returned"]),
        "most_rate": most["return_rate"],
        "worst_sku": worst["sku"], "worst_name": worst["product_name"], "worst_rate": worst["return_rate"],
        "worst_sold": int(worst["units_sold"]), "min_units": min_units,
    }


def reason_facts(by_reason: pd.DataFrame) -> dict:
    """The numbers the return-reasons title and takeaway state (from :func:`summarise_returns`
    by category × reason)."""
    totals = by_reason.groupby("reason")["returns"].sum()
    if totals.sum() == 0:
        return {"variant": "none", "top_reason": None, "top_reason_share": None}
    top = extremes.label_of_max(totals)
    cells = by_reason[by_reason["returns"] >= 3]
    peak = extremes.row_of_max(cells, "share_of_returns")
    peak = extremes.row_of_max(by_reason, "returns") if peak is None else peak
    quality = by_reason[by_reason["reason"].isin(["quality", "damaged", "not_as_described"])]["returns"].sum()
    return {
        "variant": None, "top_reason": top, "top_reason_share": totals[top] / totals.sum(),
        "peak_category": peak["category"], "peak_reason": peak["reason"], "peak_share": peak["share_of_returns"],
        "product_share": quality / totals.sum(),
    }


def trace_facts(trace: pd.DataFrame, months: int = 1) -> dict:
    """The numbers the spike-trace takeaway states; ``variant`` is ``none`` when nothing stands
    out (``months``: the window the trace was run over)."""
    if trace.empty or not trace["is_suspect"].any():
        return {"variant": "none", "months": months}
    s = trace[trace["is_suspect"]].iloc[0]
    return {
        "variant": None, "months": months, "sku": s["sku"], "product_name": s["product_name"], "supplier_id": s["supplier_id"],
        "supplier_name": s["supplier_name"], "batch_id": s["batch_id"], "po_id": s["po_id"],
        "received_on": s["received_on"], "complaints": int(s["complaints"]), "expected": s["expected"],
        "ratio": s["ratio"], "batch_complaints": int(s["batch_complaints"]),
        "batch_share": s["batch_share_of_complaints"], "units_share": s["batch_share_of_units"],
        "skus": int(trace["sku"].nunique()),
    }


def trace_record(trace: pd.DataFrame) -> dict | None:
    """The ``service.spike`` record: the suspect batch, or None when no SKU stands out."""
    if trace.empty or not trace["is_suspect"].any():
        return None
    s = trace[trace["is_suspect"]].iloc[0]
    return {k: (None if pd.isna(s[k]) else s[k]) for k in
            ("sku", "supplier_id", "batch_id", "po_id", "received_on", "complaints", "expected", "p_value")}
