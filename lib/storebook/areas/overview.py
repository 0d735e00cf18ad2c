"""The overview (经营概览): the month on one page, assembled from the area modules.

Nothing here defines a sales, margin, service or supply metric: every number is what the
area report shows, taken from the area module's function —

==========================  =====================================================  ============
scorecard metric            from                                                   report
==========================  =====================================================  ============
paid_amount (支付金额, GMV)  :func:`storebook.areas.traffic.summarise_traffic`            traffic
orders, buyers, aov (客单价),  〃                                                   traffic
conversion_rate (支付转化率),
uv_value (UV价值)
net_sales (退款后销售额),     :func:`storebook.areas.service.compute_refund_rate`          service
refund_rate (退款率)
gross_margin (毛利)          :func:`storebook.areas.profit.contribution_pnl`              profit
marketing_spend (推广花费),    :func:`storebook.areas.traffic.paid_traffic`                 traffic
roas (投入产出比)
csat (满意度)                 :func:`storebook.areas.service.compute_csat`                 service
complaints_per_1000_orders   :func:`storebook.areas.service.compute_complaint_rate`       service
otif_rate (供应商准时足量率)    :func:`storebook.areas.supplier.score_suppliers`             supplier
==========================  =====================================================  ============

What this module owns is the *comparison*: targets (目标) read from the targets table and
composed into an all-platform target, the status colour, the ranking of the month's
movements with their drivers, the marketing budget by channel and the margin ranking of
products.

Target of the total: additive metrics add up the platforms' targets; a ratio's target
is the platforms' targets weighted by this month's actual denominator of each platform
(visitors for 支付转化率, buyers for 客单价, spend for ROAS, paid amount for 退款率, rated
tickets for CSAT, orders for complaints per 1,000 orders) — the total the
month would have reached had every platform met its own target with the mix it had.

Status: ``green`` when the target is met, ``amber`` when missed by no more than
:data:`AMBER_TOLERANCE` of the target, ``red`` beyond; ``no_target`` without a target.
Marketing spend is a budget: spending less than the budget meets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from storebook.areas import conversion, profit, promotion, service, supplier, traffic
from storebook.engine import dimensions
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import extremes, ratios, stats, with_attrs
from storebook.measures.budget import compare_to_budget
from storebook.measures.margins import compute_sku_margins
from storebook.measures.partial import flag_partial, kept_result
from storebook.measures.ratings import rate_stores
from storebook.measures.sales import name_products
from storebook.measures.targets import AMBER_TOLERANCE, status  # noqa: F401 (storebook.overview.status)

TOTAL = traffic.TOTAL


@dataclass(frozen=True)
class Kpi:
    """One scorecard line.

    Attributes:
        key: the metric (``metric.<key>`` in the text catalogue).
        unit: the unit of the index record: ``CNY``, ``count``, ``ratio`` (a share),
            ``multiple``, ``score`` or ``per_1000``.
        kind: how a value is written (:meth:`storebook.report.text.Text.number`): ``money``,
            ``money2``, ``count``, ``pct`` or ``ratio`` (two decimals).
        higher_is_better: the direction of good.
        target: the ``targets.metric`` that targets it, or None.
        weight: for a ratio, the denominator that weights the platforms' targets into the
            total's; None for an additive metric.
        per_platform: False for a store-wide metric (purchase orders are not per platform).
        family: metrics that tell one story (paid amount, net sales, orders and buyers move
            together); "what changed" names each family once.
    """

    key: str
    unit: str
    kind: str
    higher_is_better: bool
    target: str | None
    weight: str | None = None
    per_platform: bool = True
    family: str = ""

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", self.key)


#: The scorecard, in the order the overview shows it.
SCORECARD: tuple[Kpi, ...] = (
    Kpi("paid_amount", "CNY", "money", True, "paid_amount", family="sales"),
    Kpi("net_sales", "CNY", "money", True, None, family="sales"),
    Kpi("orders", "count", "count", True, "orders", family="sales"),
    Kpi("buyers", "count", "count", True, "buyers", family="sales"),
    Kpi("aov", "CNY", "money2", True, "aov", weight="buyers"),
    Kpi("conversion_rate", "ratio", "pct", True, "conversion_rate", weight="visitors", family="conversion"),
    Kpi("uv_value", "CNY", "money2", True, None, weight="visitors", family="conversion"),
    Kpi("gross_margin", "CNY", "money", True, "gross_margin_amount"),
    Kpi("marketing_spend", "CNY", "money", False, "marketing_spend_amount", family="marketing"),
    Kpi("roas", "multiple", "ratio", True, "roas", weight="marketing_spend", family="marketing"),
    Kpi("refund_rate", "ratio", "pct", False, "refund_rate", weight="refund_base"),
    Kpi("csat", "score", "ratio", True, "csat", weight="rated"),
    # 店铺评分 on a scale of 5 (storebook.measures.ratings.rate_stores), platforms weighted by their ratings.
    Kpi("store_rating", "score", "ratio", True, None, weight="ratings"),
    Kpi("complaints_per_1000_orders", "per_1000", "ratio", False, "complaints_per_1000_orders",
        weight="complaint_base"),
    # The targets table's otif_rate is per platform: a customer-delivery target, which a
    # supplier's delivery of purchase orders is not. The supplier OTIF has no target here.
    Kpi("otif_rate", "ratio", "pct", True, None, per_platform=False),
)
KPIS: dict[str, Kpi] = {k.key: k for k in SCORECARD}
#: Additive scorecard metrics: a platform's share of the change is its share of the total's.
ADDITIVE = tuple(k.key for k in SCORECARD if k.weight is None)
#: The scorecard's sources (:func:`collect_metrics`): the tables each reads, and the metrics it
#: gives. A source without data for the month whose table the store lacks needs no notice of its
#: own (the section's note names the tables the store lacks); another one says which metrics
#: are left out (:func:`scorecard_notices`).
SOURCE_TABLES: dict[str, tuple[str, ...]] = {
    "traffic": ("traffic",), "orders": ("orders",), "refunds": ("orders",),
    "profit": ("orders", "order_lines", "products", "platform_fees"), "marketing": ("marketing_spend",),
    "csat": ("service_tickets",), "complaints": ("service_tickets",), "supplier": ("purchase_orders",),
    "store ratings": ("store_ratings",),
}
SOURCE_METRICS: dict[str, tuple[str, ...]] = {
    "traffic": ("conversion_rate", "uv_value"), "orders": ("paid_amount", "orders", "buyers", "aov"),
    "refunds": ("net_sales", "refund_rate"), "profit": ("gross_margin",),
    "marketing": ("marketing_spend", "roas"), "csat": ("csat",), "complaints": ("complaints_per_1000_orders",),
    "supplier": ("otif_rate",), "store ratings": ("store_rating",),
}


# ----------------------------------------------------------------------------- collecting

def _or_none(fn, *args, **kwargs) -> pd.DataFrame | None:
    try:
        return fn(*args, **kwargs)
    except NoDataError:
        return None


def _long(frame: pd.DataFrame | None, columns: dict[str, str]) -> pd.DataFrame:
    """platform × metric rows from a per-platform frame (``columns``: source → metric)."""
    if frame is None:
        return pd.DataFrame({"platform": pd.Series(dtype="str"), "metric": pd.Series(dtype="str"),
                             "value": pd.Series(dtype="float64")})
    return (frame.rename(columns=columns)
            .melt(id_vars="platform", value_vars=list(columns.values()), var_name="metric", value_name="value")
            .astype({"value": "float64"}))


def _otif_total(wb: Workbook, period: Period) -> pd.DataFrame | None:
    """The store-wide OTIF: the supplier scorecard's OTIF lines over its lines due.

    The supplier module scores each supplier; the store's rate is the same count over all
    of them, Σ (otif_rate × n_lines) / Σ n_lines (lines are the rate's own denominator).
    """
    scored = _or_none(supplier.score_suppliers, wb, period)
    if scored is None or scored["n_lines"].sum() == 0:
        return None
    lines = scored["n_lines"].astype("float64")
    return pd.DataFrame({"platform": [TOTAL], "otif_rate": [(scored["otif_rate"] * lines).sum() / lines.sum()]})


def _paid(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame | None:
    """Spend and ROAS per platform and in total, from the traffic report's paid-traffic rows.

    One :func:`storebook.areas.traffic.paid_traffic` call by campaign; its spend and attributed
    sales add up per platform (and over all) and :func:`storebook.areas.traffic.roas` divides
    them, so the total is the paid-traffic table's ``total`` row.
    """
    paid = _or_none(traffic.paid_traffic, wb, period, platforms, by="campaign")
    if paid is None or paid.empty:
        return None
    sums = paid.groupby("platform", as_index=False)[["spend_amount", "attributed_amount"]].sum()
    sums = pd.concat([sums, sums[["spend_amount", "attributed_amount"]].sum().to_frame().T.assign(platform=TOTAL)],
                     ignore_index=True)
    return pd.DataFrame({
        "platform": sums["platform"],
        "marketing_spend": sums["spend_amount"].astype("float64"),
        "roas": ratios.roas(sums["attributed_amount"].astype("float64"), sums["spend_amount"].astype("float64")),
    })


def collect_metrics(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Every scorecard metric of a period, per platform and in total, from the area modules.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
    Returns:
        One row per platform (and ``total``) × metric: platform, metric, value. Metrics
        whose source has no data for the period are left out; the weights the targets
        need (visitors, refund_base, rated, complaint_base) are included as metrics.
        ``attrs["missing"]`` lists the messages of the sources without data;
        ``attrs["missing_sources"]`` the same as records: source (a :data:`SOURCE_TABLES`
        label) and absent (the source's tables the store does not have).

    Example:
        collect_metrics(wb, periods.month("2026-10")).query("platform == 'total'")
    """
    plats = wb.platforms(platforms)
    missing: list[str] = []
    sources: list[dict] = []

    def take(label: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NoDataError as exc:
            missing.append(f"{label}: {exc}")
            sources.append({"source": label, "absent": [t for t in SOURCE_TABLES.get(label, ()) if not wb.has(t)]})
            return None

    parts = [
        _long(_sales(wb, period, plats, take),
              {"paid_amount": "paid_amount", "orders": "orders", "buyers": "buyers", "aov": "aov",
               "conversion_rate": "conversion_rate", "uv_value": "uv_value", "visitors": "visitors"}),
        _long(take("refunds", _by_platform_and_total_or_raise, service.compute_refund_rate, wb, period, plats),
              {"net_amount": "net_sales", "refund_rate": "refund_rate", "paid_amount": "refund_base"}),
        _long(take("profit", profit.contribution_pnl, wb, period, plats), {"gross_margin": "gross_margin"}),
        _long(take("marketing", _paid_or_raise, wb, period, plats), {"marketing_spend": "marketing_spend", "roas": "roas"}),
        _long(take("csat", _by_platform_and_total_or_raise, service.compute_csat, wb, period, plats),
              {"csat": "csat", "rated": "rated"}),
        _long(take("complaints", _by_platform_and_total_or_raise, service.compute_complaint_rate, wb, period, plats),
              {"complaints_per_1000_orders": "complaints_per_1000_orders", "orders": "complaint_base"}),
        _long(take("supplier", _otif_or_raise, wb, period), {"otif_rate": "otif_rate"}),
        _long(take("store ratings", rate_stores, wb, period, plats) if wb.has("store_ratings") else None,
              {"store_rating": "store_rating", "ratings": "ratings"}),
    ]
    out = pd.concat(parts, ignore_index=True).astype({"platform": "str", "metric": "str", "value": "float64"})
    out.attrs["missing"] = missing
    out.attrs["missing_sources"] = sources
    return out


def _sales(wb: Workbook, period: Period, platforms: list[str], take) -> pd.DataFrame | None:
    """Paid amount, orders, buyers and the visitor ratios per platform and in total: from
    the traffic table (:func:`storebook.areas.traffic.summarise_traffic`) where a platform reports
    traffic, else from its paid orders (:func:`storebook.areas.traffic.summarise_paid_orders`),
    which count them the same way; visitors, conversion and UV value are then unknown, for
    that platform and for the total.
    """
    reported = take("traffic", traffic.summarise_traffic, wb, period, platforms) if wb.has("traffic") else None
    rows = None if reported is None else reported[reported["platform"] != TOTAL]
    without = [p for p in platforms if rows is None or p not in set(rows["platform"])]
    if not without or not wb.has("orders"):
        return reported
    counted = take("orders", traffic.summarise_paid_orders, wb, period, without)
    if counted is None:
        return reported
    flag_partial("page.partial.sales_from_orders", platforms=", ".join(counted["platform"]))
    counts = ["visitors", "orders", "buyers", "paid_amount"]
    rows = pd.concat([r for r in (rows, counted) if r is not None and len(r)], ignore_index=True)
    rows = rows.reindex(columns=["platform", *counts]).astype({c: "float64" for c in counts})
    # A total of visitors needs every platform's: one without traffic leaves it unknown.
    total = pd.DataFrame([{"platform": TOTAL, **{c: rows[c].sum(min_count=len(rows)) for c in counts}}])
    frame = pd.concat([rows, total], ignore_index=True)
    return frame.assign(
        conversion_rate=ratios.conversion_rate(frame["buyers"], frame["visitors"]),
        aov=ratios.aov(frame["paid_amount"], frame["buyers"]),
        uv_value=ratios.uv_value(frame["paid_amount"], frame["visitors"]),
    )


def _by_platform_and_total_or_raise(fn, wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    """The platforms' rows of ``fn``, then its ``total`` row, from one question."""
    return fn(wb, period, platforms, by="platform", total=True)


def _paid_or_raise(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    out = _paid(wb, period, platforms)
    if out is None:
        raise NoDataError(f"no marketing spend in {period.label} on {', '.join(platforms)}",
                          key="no_data.marketing_spend", values={"month": period.label, "platforms": platforms})
    return out


def _otif_or_raise(wb: Workbook, period: Period) -> pd.DataFrame:
    out = _otif_total(wb, period)
    if out is None:
        raise NoDataError(f"no purchase-order lines due in {period.label}", key="no_data.po_lines",
                          values={"month": period.label})
    return out


# ----------------------------------------------------------------------------- targets

def read_targets(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                 actuals: pd.DataFrame | None = None) -> pd.DataFrame:
    """The month's targets (目标) of the scorecard metrics, per platform and in total.

    Formula: a platform's target is ``targets.target_value`` of the month (marketing spend:
    the sum of its per-channel budgets). The total's target adds up the platforms' for an
    additive metric; for a ratio it weights the platforms' targets by ``actuals``' weight
    column of each platform (see the module docstring); without ``actuals`` the ratio
    totals are left missing.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
        actuals: the month's :func:`collect_metrics` (for the weights).
    Returns:
        One row per platform (and ``total``) × scorecard metric with a target: platform,
        metric, target.
    Raises:
        NoDataError: the month has no targets for these platforms (or no targets table).

    Example:
        read_targets(wb, periods.month("2026-10")).query("metric == 'csat'")
    """
    plats = wb.platforms(platforms)
    wanted = {k.target: k.key for k in SCORECARD if k.target}
    t = wb.table("targets")
    t = t.filter(t.month_on == period.start_ts, t.platform.isin(plats), t.metric.isin(list(wanted)))
    rows = wb.execute(t.group_by(["platform", "metric"]).aggregate(target=t.target_value.sum()))
    if rows.empty:
        bounds = wb.execute(wb.table("targets").aggregate(first=wb.table("targets").month_on.min(),
                                                           last=wb.table("targets").month_on.max()))
        first, last = bounds["first"].iloc[0], bounds["last"].iloc[0]
        held = f"the targets table covers {first:%Y-%m} to {last:%Y-%m}" if pd.notna(first) else "the targets table is empty"
        raise NoDataError(
            f"no targets for {period.label} on {', '.join(plats)}: {held}; put the month's targets "
            "(目标/预算) under data/raw/targets/ and run `storebook ingest` to compare against them",
            key="no_data.targets" if pd.notna(first) else "no_data.targets.empty",
            values={"month": period.label, "platforms": plats,
                    **({"first": f"{first:%Y-%m}", "last": f"{last:%Y-%m}"} if pd.notna(first) else {})},
        )
    rows = rows.assign(metric=rows["metric"].map(wanted))
    totals = []
    weights = None
    if actuals is not None:
        weights = actuals.pivot_table(index="platform", columns="metric", values="value", aggfunc="first")
    for kpi in SCORECARD:
        if not kpi.target:
            continue
        per = rows[rows["metric"] == kpi.key].set_index("platform")["target"].reindex(plats)
        if per.isna().any():
            continue
        if kpi.weight is None:
            totals.append({"platform": TOTAL, "metric": kpi.key, "target": float(per.sum())})
        elif weights is not None and kpi.weight in weights.columns:
            w = weights[kpi.weight].reindex(plats).astype("float64")
            if w.notna().all() and w.sum() > 0:
                totals.append({"platform": TOTAL, "metric": kpi.key, "target": float((per * w).sum() / w.sum())})
    out = pd.concat([rows, pd.DataFrame(totals, columns=["platform", "metric", "target"])], ignore_index=True)
    return out[["platform", "metric", "target"]]


# ----------------------------------------------------------------------------- scorecard

def build_scorecard(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The month's scorecard: each KPI per platform and in total, against target, the prior
    month and the same month last year, with a status colour.

    Formula: vs_target / vs_prior / vs_last_year = value ÷ comparison − 1
    (:func:`storebook.measures.ratios.relative_change`); status as :func:`status`.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
    Returns:
        One row per scorecard metric × platform (platforms, then ``total``; store-wide
        metrics on ``total`` only), in :data:`SCORECARD` order: metric, platform, value,
        target, vs_target, prior, vs_prior, last_year, vs_last_year, status, unit, kind,
        higher_is_better, and for a ratio its denominator this month and the prior one
        (weight, weight_prior: visitors for 支付转化率, rated tickets for CSAT …).
        ``attrs["notes"]`` lists what could not be compared (sources
        without data, a month without targets), in English for the analyst;
        ``attrs["notices"]`` the same for the report, as (catalogue key, values) pairs, leaving
        out a source whose table the store does not have (the section's note names it), and,
        ``attrs["daily_buyers"]``: the buyers are the days' buyers added up, on a store with
        orders (:func:`storebook.areas.traffic.buyers_are_daily_sums`, as on the traffic page;
        :func:`storebook.report.tables.scorecard` says so under the table).
    Raises:
        NoDataError: the month has neither traffic nor orders on these platforms.

    Example:
        card = build_scorecard(wb, periods.month("2026-10"))
        card.query("platform == 'total'")[["metric", "value", "target", "status"]]
    """
    plats = wb.platforms(platforms)
    # Built once per workbook and month: explain_changes (the next section) needs it again.
    return kept_result(wb, ("overview.build_scorecard", period, tuple(plats)), lambda: _build_scorecard(wb, period, plats))


def _build_scorecard(wb: Workbook, period: Period, plats: list[str]) -> pd.DataFrame:
    now = collect_metrics(wb, period, plats)
    notes = list(now.attrs.get("missing", []))
    if now.empty or not now["metric"].isin(["paid_amount", "net_sales"]).any():
        raise NoDataError(
            f"nothing to report for {period.label} on {', '.join(plats)}: neither traffic nor paid orders; "
            "choose another month or platform", key="no_data.scorecard",
            values={"month": period.label, "platforms": plats},
        )
    prior = collect_metrics(wb, period.prior(), plats).rename(columns={"value": "prior"})
    last_year = collect_metrics(wb, period.last_year(), plats).rename(columns={"value": "last_year"})
    notices = [("overview.scorecard.source_missing",
                {"month": period.label, "metrics": list(SOURCE_METRICS.get(m["source"], ()))})
               for m in now.attrs.get("missing_sources", []) if not m["absent"]]
    try:
        targets = read_targets(wb, period, plats, actuals=now)
    except NoDataError as exc:
        notes.append(str(exc))
        if wb.has("targets"):
            notices.append(("overview.scorecard.targets_missing", {"month": period.label}))
        targets = pd.DataFrame({"platform": pd.Series(dtype="str"), "metric": pd.Series(dtype="str"),
                                "target": pd.Series(dtype="float64")})
    untargeted = [k.key for k in SCORECARD if k.target and not (targets["metric"] == k.key).any()]
    if untargeted and len(targets):
        notes.append(
            f"no targets for {period.label} for {', '.join(untargeted)}: the targets table has none for that month; "
            "put them under data/raw/targets/ and run `storebook ingest` to compare against them"
        )
        notices.append(("overview.scorecard.untargeted", {"month": period.label, "metrics": untargeted}))
    grid = pd.DataFrame(
        [(k.key, p) for k in SCORECARD for p in ([*plats, TOTAL] if k.per_platform else [TOTAL])],
        columns=["metric", "platform"],
    )
    card = (
        grid.merge(now, on=["platform", "metric"], how="left")
        .merge(targets, on=["platform", "metric"], how="left")
        .merge(prior, on=["platform", "metric"], how="left")
        .merge(last_year, on=["platform", "metric"], how="left")
        .merge(_weights(now, "weight"), on=["platform", "metric"], how="left")
        .merge(_weights(prior.rename(columns={"prior": "value"}), "weight_prior"), on=["platform", "metric"], how="left")
    )
    return card.assign(
        vs_target=lambda d: ratios.relative_change(d["value"], d["target"]),
        vs_prior=lambda d: ratios.relative_change(d["value"], d["prior"]),
        vs_last_year=lambda d: ratios.relative_change(d["value"], d["last_year"]),
        status=lambda d: [status(v, t, KPIS[m].higher_is_better) for v, t, m in zip(d["value"], d["target"], d["metric"], strict=True)],
        unit=lambda d: d["metric"].map(lambda m: KPIS[m].unit),
        kind=lambda d: d["metric"].map(lambda m: KPIS[m].kind),
        higher_is_better=lambda d: d["metric"].map(lambda m: KPIS[m].higher_is_better),
    )[["metric", "platform", "value", "target", "vs_target", "prior", "vs_prior", "last_year", "vs_last_year",
       "status", "unit", "kind", "higher_is_better", "weight", "weight_prior"]].pipe(_with_notes, notes, notices).pipe(
        _with_margin_reason, wb).pipe(with_attrs, daily_buyers=traffic.buyers_are_daily_sums(wb, now))


def _with_margin_reason(card: pd.DataFrame, wb: Workbook) -> pd.DataFrame:
    """``attrs["margin_unknown"]``: why the month's gross margin is unknown where its paid amount
    is known — ``no_cost`` when the store's data carry no product cost (no catalogue, or one
    whose unit_cost is empty in every row), ``no_margin`` when they do but the P&L could not
    be computed (a note says what it lacks); None when the margin is known (or the amount is
    not: that sentence says so). Asked only then: a full store pays no question for it."""
    total = card[card["platform"] == TOTAL].set_index("metric")["value"]
    reason = None
    if pd.isna(total.get("gross_margin")) and pd.notna(total.get("paid_amount")):
        products = wb.table("products") if wb.has("products") else None
        reason = "no_cost" if products is None or not wb.scalar(products.unit_cost.count()) else "no_margin"
    card.attrs["margin_unknown"] = reason
    return card


def _weights(collected: pd.DataFrame, name: str) -> pd.DataFrame:
    """platform × ratio metric → the value of its weight (its denominator) in ``collected``."""
    values = collected.set_index(["platform", "metric"])["value"]
    rows = [{"platform": p, "metric": k.key, name: values.get((p, k.weight), np.nan)}
            for k in SCORECARD if k.weight for p in collected["platform"].unique()]
    return pd.DataFrame(rows, columns=["platform", "metric", name])


def _with_notes(frame: pd.DataFrame, notes: list[str], notices: list | None = None) -> pd.DataFrame:
    frame.attrs["notes"] = notes
    frame.attrs["notices"] = notices or []
    return frame


# ----------------------------------------------------------------------------- what changed

def explain_changes(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                    card: pd.DataFrame | None = None, top: int = 5) -> pd.DataFrame:
    """The month's largest movements against the prior month, each with its driver.

    Movements are the all-platform scorecard metrics ranked by the size of their relative
    change on the prior month. Metrics that tell one story (paid amount, net sales, orders
    and buyers; conversion and UV value; spend and ROAS) speak once, through the first of
    them, ranked by the family's largest move. Each driver comes from the function of the metric's own
    report: the platform × device that moved 支付转化率 most
    (:func:`storebook.areas.conversion.decompose_conversion`), the promotion that added the most
    incremental margin (:func:`storebook.areas.promotion.estimate_promotions`), the SKU, supplier
    and batch behind a complaint spike (:func:`storebook.areas.service.trace_complaint_spike`),
    the supplier with the most late or short lines (:func:`storebook.areas.supplier.score_suppliers`);
    otherwise the platform whose own value moved most (for an additive metric, with its
    share of the total change).

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
        card: the month's :func:`build_scorecard` (built when not given).
        top: how many movements.
    Returns:
        One row per movement, largest first: metric, value, prior, vs_prior, driver_kind
        (``platform``, ``segment``, ``promotion``, ``spike``, ``supplier``), and the
        driver's facts in ``facts`` (a dict the sentence of :func:`describe_changes` uses).

    Example:
        explain_changes(wb, periods.month("2026-09"))[["metric", "vs_prior", "driver_kind"]]
    """
    plats = wb.platforms(platforms)
    card = build_scorecard(wb, period, plats) if card is None else card
    total = card[(card["platform"] == TOTAL) & card["vs_prior"].notna()]
    order = {k.key: i for i, k in enumerate(SCORECARD)}
    ranked = total.assign(_family=total["metric"].map(lambda m: KPIS[m].family),
                          _order=total["metric"].map(order), _size=total["vs_prior"].abs())
    # A family speaks through its first metric (paid amount for sales), ranked by its largest move.
    ranked = ranked.assign(_size=ranked.groupby("_family")["_size"].transform("max"))
    moves = (ranked.sort_values("_order").drop_duplicates("_family")
             .sort_values(["_size", "_order"], ascending=[False, True]).head(top))
    rows = []
    for m in moves.itertuples():
        kind, facts = _driver(wb, period, plats, card, m.metric)
        rows.append({"metric": m.metric, "value": m.value, "prior": m.prior, "vs_prior": m.vs_prior,
                     "driver_kind": kind, "facts": {"metric": m.metric, "value": m.value, "prior": m.prior,
                                                    "vs_prior": m.vs_prior, **facts}})
    return pd.DataFrame(rows, columns=["metric", "value", "prior", "vs_prior", "driver_kind", "facts"])


def _platform_driver(card: pd.DataFrame, metric: str) -> tuple[str, dict[str, Any]]:
    """The platform that explains most of the change of ``metric``'s total.

    An amount is the sum of the platforms: each platform's own change is its part. A ratio
    (ROAS, refund rate, CSAT …) is split into the platforms' mix and rate effects by
    :func:`storebook.measures.stats.decompose_ratio_change` (numerator = value × its denominator), so
    a small platform whose rate swung does not outweigh a large one that moved the total.
    """
    rows = card[(card["metric"] == metric) & (card["platform"] != TOTAL)].dropna(subset=["value", "prior"])
    total = card[(card["metric"] == metric) & (card["platform"] == TOTAL)]
    if rows.empty or total.empty:
        return "none", {}
    total_delta = total["value"].iloc[0] - total["prior"].iloc[0]
    if metric in ADDITIVE:
        parts = rows["value"] - rows["prior"]
    else:
        weighted = rows.dropna(subset=["weight", "weight_prior"])
        if weighted.empty or weighted["weight"].sum() <= 0 or weighted["weight_prior"].sum() <= 0:
            return "none", {}
        before = pd.DataFrame({"platform": weighted["platform"], "den": weighted["weight_prior"],
                               "num": weighted["prior"] * weighted["weight_prior"]})
        after = pd.DataFrame({"platform": weighted["platform"], "den": weighted["weight"],
                              "num": weighted["value"] * weighted["weight"]})
        effects = stats.decompose_ratio_change(before, after, ["platform"], "num", "den").set_index("platform")
        parts = rows.set_index("platform").index.to_series().map(effects["total_effect"]).set_axis(rows.index)
    i = extremes.label_of_max(parts.abs())
    if i is None:
        return "none", {}
    r = rows.loc[i]
    share = parts[i] / total_delta if total_delta else None
    return "platform", {"platform": r["platform"], "platform_value": r["value"], "platform_prior": r["prior"],
                        "platform_vs_prior": r["vs_prior"], "platform_delta": parts[i], "share_of_change": share,
                        "platforms": len(rows)}


def _driver(wb: Workbook, period: Period, plats: list[str], card: pd.DataFrame, metric: str) -> tuple[str, dict[str, Any]]:
    if metric == "conversion_rate":
        d = _or_none(conversion.decompose_conversion, wb, period, plats)
        if d is not None and len(d):
            f = conversion.drivers_facts(d)
            return "segment", {"platform": f["top_platform"], "device": f["top_device"], "effect": f["top_effect"],
                               "total_change": f["total_change"], "part": f["top_part"], "channel": f["top_channel"]}
    if metric == "gross_margin":
        promos = _or_none(promotion.estimate_promotions, wb, period, plats)
        if promos is not None and promos["incremental_margin"].notna().any():
            best = extremes.row_of_max(promos, "incremental_margin")
            kind, base = _platform_driver(card, metric)
            return "promotion", {**base, "promo_id": best["promo_id"], "promo_name": best["promo_name"],
                                 # a promotion on every platform is listed as "all": the total's label
                                 "promo_platform": TOTAL if best["platform"] == "all" else best["platform"],
                                 "incremental_margin": best["incremental_margin"],
                                 "roi": best["roi"]}
    if metric == "complaints_per_1000_orders":
        spike = _or_none(service.trace_complaint_spike, wb, period, plats, months=2)
        if spike is not None and spike["is_suspect"].any():
            s = spike[spike["is_suspect"]].iloc[0]
            return "spike", {"sku": s["sku"], "product_name": s["product_name"], "supplier_id": s["supplier_id"],
                             "supplier_name": s["supplier_name"], "batch_id": s["batch_id"],
                             "complaints": s["complaints"], "expected": s["expected"]}
    if metric == "otif_rate":
        scored = _or_none(supplier.score_suppliers, wb, period)
        if scored is not None and len(scored):
            late = (scored["n_lines"] * (1 - scored["otif_rate"])).round()
            s = scored.loc[extremes.label_of_max(late)]
            return "supplier", {"supplier_id": s["supplier_id"], "supplier_name": s["supplier_name"],
                                "supplier_otif": s["otif_rate"], "late_lines": float(late.max()),
                                "lines": float(s["n_lines"])}
    return _platform_driver(card, metric)


def change_sentences(changes: pd.DataFrame, text) -> list[tuple[str | None, dict[str, Any]]]:
    """The catalogue sentence of each movement of :func:`explain_changes`, with its values.

    The sentence is ``overview.change`` with the driver's kind as its variant
    (``overview.change.segment`` …; ``platform.ratio`` for a ratio moved most on one
    platform; no variant when there is no driver), filled with the driver's facts; values
    are written in the metric's own format (``value_fmt``, ``prior_fmt`` …).

    Returns:
        ``(variant, values)`` pairs, for ``page.takeaway("overview.change", variant=…, **values)``.
    """
    out = []
    for r in changes.itertuples():
        f = dict(r.facts)
        kind = KPIS[r.metric].kind
        f["value_fmt"] = text.number(f.get("value"), kind)
        f["prior_fmt"] = text.number(f.get("prior"), kind)
        for k in ("platform_value", "platform_prior"):
            if k in f:
                f[f"{k}_fmt"] = text.number(f[k], kind)
        f.setdefault("share_of_change", None)
        variant = None if r.driver_kind == "none" else r.driver_kind
        if variant == "platform" and f.get("share_of_change") is None:
            variant = "platform.ratio"
        if f.get("platforms") == 1:  # one platform "accounts for 100% of the change": say nothing of it
            variant = {"promotion": "promotion.single"}.get(variant)
        if "promo_name" in f:
            f["promo_name"] = promotion.name_promotion(f["promo_name"], text)
        out.append((variant, f))
    return out


def describe_changes(changes: pd.DataFrame, text) -> list[str]:
    """One sentence per movement of :func:`explain_changes` (see :func:`change_sentences`)."""
    return [text(f"overview.change.{variant}" if variant else "overview.change", **values)
            for variant, values in change_sentences(changes, text)]


def without_total(frame: pd.DataFrame, column: str = "channel") -> pd.DataFrame:
    """The rows of ``frame`` other than its ``total`` row (for a chart of the parts)."""
    return frame[frame[column] != TOTAL].reset_index(drop=True)


# ----------------------------------------------------------------------------- budget and products

def compare_budget_by_channel(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Marketing spend against budget by channel, over the platforms (推广预算执行).

    The profit report's budget lines (:func:`storebook.areas.profit.compare_marketing_budget`,
    per platform × channel) added up by channel; over_budget = spend − budget,
    over_budget_rate = spend ÷ budget − 1, roas = attributed amount ÷ spend
    (:func:`storebook.areas.traffic.roas`).

    Returns:
        One row per channel with spend or budget, then ``total``: channel, spend, budget,
        over_budget, over_budget_rate, is_over, attributed_amount, roas.
    Raises:
        NoDataError: no marketing spend in the month.

    Example:
        compare_budget_by_channel(wb, periods.month("2026-10"))
    """
    plats = wb.platforms(platforms)
    lines = profit.compare_marketing_budget(wb, period, plats)
    lines = lines[lines["channel"] != profit.TOTAL]
    if lines.empty or lines["spend"].sum() == 0:
        raise NoDataError(f"no marketing spend in {period.label} on {', '.join(plats)}: choose another month",
                          key="no_data.marketing_spend", values={"month": period.label, "platforms": plats})
    by = lines.groupby("channel", as_index=False).agg(
        spend=("spend", "sum"), budget=("budget", lambda s: s.sum(min_count=1)),
        attributed_amount=("attributed_amount", "sum"))
    order = {c: i for i, c in enumerate(wb.config.channels)}
    by = by.assign(_o=by["channel"].map(order)).sort_values("_o").drop(columns="_o")
    total = pd.DataFrame([{"channel": TOTAL, "spend": by["spend"].sum(),
                           "budget": by["budget"].sum(min_count=1), "attributed_amount": by["attributed_amount"].sum()}])
    return compare_to_budget(pd.concat([by, total], ignore_index=True)).assign(
        roas=lambda d: ratios.roas(d["attributed_amount"], d["spend"]),
    )[["channel", "spend", "budget", "over_budget", "over_budget_rate", "is_over", "attributed_amount", "roas"]]


def rank_product_margins(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                         n: int = 10) -> pd.DataFrame:
    """The products that contributed most and least gross margin (毛利贡献) in the month.

    Margins are the profit report's (:func:`storebook.areas.profit.compute_sku_margins`);
    share_of_margin = the SKU's gross margin ÷ all SKUs' gross margin. Where no SKU sold has
    a known unit cost (no catalogue, or one without costs), the margins are unknown: the
    products are ranked by revenue instead, their margin left missing (never 0).

    Returns:
        ``n`` rows of group ``top`` (largest margin first), then up to ``n`` of group ``bottom``
        (smallest first; only SKUs not in ``top``, so none where ``n`` or fewer SKUs sold) — ``top_sales`` and ``bottom_sales`` where ranked by revenue: group, sku, product_name, category, units, revenue,
        gross_margin, gross_margin_rate, share_of_margin (a SKU not in the catalogue is in
        the unknown category). ``attrs``: ``ranked_by`` (``gross_margin`` or ``revenue``) and
        ``revenue`` (all SKUs' revenue, for the top's share of it).
    Raises:
        NoDataError: no sales in the month, or no line amount known (nothing to rank by).

    Example:
        rank_product_margins(wb, periods.month("2026-10"), n=5)
    """
    plats = wb.platforms(platforms)
    margins = compute_sku_margins(wb, period, plats)
    if margins["revenue"].isna().all():
        raise NoDataError(f"the line amounts of {period.label}'s sales are unknown (order_lines.line_amount): "
                          "no revenue or margin to rank products by", key="no_data.line_amounts",
                          values={"month": period.label})
    listed = dimensions.catalogue(wb, "product_name", names=False)
    m = margins.merge(listed, on="sku", how="left")
    m = m.assign(product_name=name_products(wb, period, plats, m))
    total = m["gross_margin"].sum()
    m = m.assign(category=m["category"].fillna(dimensions.UNKNOWN),
                 share_of_margin=lambda d: d["gross_margin"] / total if total else np.nan)
    by = "gross_margin" if m["gross_margin"].notna().any() else "revenue"
    top, bottom = ("top", "bottom") if by == "gross_margin" else ("top_sales", "bottom_sales")
    top = m.sort_values([by, "sku"], ascending=[False, True]).head(n).assign(group=top)
    # A store with fewer than 2n SKUs sold: the least are the SKUs not already among the most
    # (a product listed in both groups read as two findings on the real Shopify export).
    rest = m[~m["sku"].isin(top["sku"])]
    bottom = rest.sort_values([by, "sku"], ascending=[True, True]).head(n).assign(group=bottom)
    out = pd.concat([top, bottom], ignore_index=True)[
        ["group", "sku", "product_name", "category", "units", "revenue", "gross_margin", "gross_margin_rate",
         "share_of_margin"]]
    out.attrs.update(ranked_by=by, revenue=float(m["revenue"].sum()))
    return out


__all__ = [
    "ADDITIVE", "AMBER_TOLERANCE", "KPIS", "Kpi", "SCORECARD", "TOTAL", "build_scorecard", "change_sentences",
    "collect_metrics", "compare_budget_by_channel", "describe_changes", "explain_changes", "rank_product_margins",
    "read_targets", "status", "without_total",
]
