"""Profit (利润): the contribution P&L per platform and in total, cost ratios and marketing
return against budget. Gross margin and contribution margin are defined here, once; the
overview and every other report take them from these functions.

The P&L of a month, per platform (贡献毛利表):

===================== ======== ==============================================================
line                   中文      amount
===================== ======== ==============================================================
gross_sales            商品总额   items at their selling price + shipping charged (= paid + discounts)
− discounts            优惠金额   discounts on the orders, all funded by us (no platform subsidy data)
= paid_amount          实付金额   what buyers paid (orders.paid_amount)
− refunds              退款金额   refunds on those orders (orders.refund_amount, to date)
= net_sales            净销售额   paid − refunds (service.compute_refund_rate's net_amount)
− cogs                 销售成本   units sold × standard unit cost − units returned × unit cost
= gross_margin         毛利       net sales − cost of goods
− commission           平台佣金   Σ line amount × commission rate (platform_fees, valid that day)
− marketing            推广费用   marketing spend of the month (marketing_spend)
− logistics            物流成本   carrier cost of the parcels handed over in the month (shipments)
= contribution_margin  贡献毛利   gross margin − commission − marketing − logistics
===================== ======== ==============================================================

Sales, discounts, refunds, cost of goods and commission belong to the orders *paid* in the
month (refunds keep arriving for a few weeks, so the latest month's refunds are still
growing); marketing and logistics are the costs *incurred* in the month. Discounts are
already out of the paid amount: the P&L starts from gross sales so that they show as a
cost of their own without being subtracted twice.

Every line is rounded to the cent and the subtotals are computed from the rounded lines,
so each column adds up to the penny and the total is the sum of the platforms.

Example:
    wb = storebook.open()
    pnl = contribution_pnl(wb, wb.period("2026-10"))
    pnl.set_index("platform").loc["total", "contribution_margin"]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL, extremes
from storebook.measures.budget import compare_to_budget
from storebook.measures.compare import compare_months
from storebook.measures.margins import compute_sku_margins, gross_margin_rate
from storebook.measures.marketing import marketing_ratio
from storebook.measures.metrics import headline_entries, headline_numbers
from storebook.measures.platform_rows import lone_platform
from storebook.measures.pnl import (
    PNL_LINES,
    contribution_margin_rate,
    contribution_pnl,  # noqa: F401 (the profit report shows it: storebook.profit.contribution_pnl)
)
from storebook.measures.pnl import marketing_costs as _marketing
from storebook.measures.ratios import relative_change, roas
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

__all__ = [
    "DEDUCTIONS",
    "PNL_LINES",
    "SUBTOTALS",
    "TOTAL",
    "read_budget_lines",
    "contribution_pnl",
    "compute_cost_ratios",
    "gross_margin_rate",
    "compare_marketing_budget",
    "compare_pnl",
    "pnl_facts",
    "compute_sku_margins",
]

#: Lines that are subtotals (the rest are amounts added or taken away).
SUBTOTALS: tuple[str, ...] = ("gross_sales", "paid_amount", "net_sales", "gross_margin", "contribution_margin")
#: Lines taken away from the line above.
DEDUCTIONS: tuple[str, ...] = ("discounts", "refunds", "cogs", "commission", "marketing", "logistics")

#: Target metrics (targets.metric) that budget a P&L line.
BUDGET_METRICS: dict[str, str] = {
    "paid_amount": "paid_amount",
    "gross_margin": "gross_margin_amount",
    "marketing": "marketing_spend_amount",
    "logistics": "logistics_cost_amount",
    "contribution_margin": "contribution_margin_amount",
}


# ----------------------------------------------------------------------------- helpers
# (the contribution P&L and its formulas: storebook.measures.pnl)

def _platforms(wb: Workbook, platforms) -> list[str]:
    return wb.platforms(platforms)


# ----------------------------------------------------------------------------- budget and comparisons

def read_budget_lines(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The budget (targets) of the P&L lines that have one, per platform and in total.

    Formula: ``targets.target_value`` of the month for paid_amount, gross_margin_amount,
    logistics_cost_amount and contribution_margin_amount (channel ``all``), and
    marketing_spend_amount summed over channels (the per-channel budgets). The total is
    the sum of the platforms and is missing when a platform has no budget for the line.

    Returns:
        One row per platform, then ``total``: platform and the budgeted lines of
        :data:`BUDGET_METRICS` (NaN where there is no budget). Empty budgets when the
        workbook has no targets table.

    Example:
        read_budget_lines(wb, wb.period("2026-10")).set_index("platform").loc["total", "marketing"]
    """
    platforms = _platforms(wb, platforms)
    out = pd.DataFrame({"platform": platforms})
    if wb.has("targets"):
        t = wb.table("targets")
        t = t.filter(t.month_on == period.start, t.platform.isin(platforms), t.metric.isin(list(BUDGET_METRICS.values())))
        rows = wb.execute(t.group_by(["platform", "metric"]).aggregate(value=t.target_value.sum()))
        wide = rows.pivot(index="platform", columns="metric", values="value").reset_index() if len(rows) else None
        if wide is not None:
            out = out.merge(wide, on="platform", how="left")
    for line, metric in BUDGET_METRICS.items():
        out[line] = out[metric].astype("float64") if metric in out else np.nan
    out = out[["platform", *BUDGET_METRICS]]
    total = {"platform": TOTAL, **{line: out[line].sum(min_count=len(out)) for line in BUDGET_METRICS}}
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def _pnl_or_none(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame | None:
    try:
        return contribution_pnl(wb, period, platforms)
    except NoDataError:
        return None


def compare_pnl(wb: Workbook, period: Period, platforms: list[str] | None = None,
                   platform: str = TOTAL) -> pd.DataFrame:
    """The P&L of one platform (or the total) against the prior month, last year and budget.

    Formula: ``vs_prior = amount / prior_amount − 1``, likewise ``vs_last_year`` and
    ``vs_budget`` (relative changes); ``diff_budget_amount = amount − budget_amount``;
    ``share`` = line / net sales.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms of the P&L; None = all.
        platform: the row to compare: a platform or ``total``.
    Returns:
        One row per P&L line, in order: line, is_subtotal, is_deduction, amount, share,
        prior_amount, last_year_amount, budget_amount, vs_prior, vs_last_year, vs_budget,
        diff_budget_amount (comparison columns missing where that month has no data or no
        budget).

    Example:
        compare_pnl(wb, wb.period("2026-10"))[["line", "amount", "budget_amount"]]
    """
    platforms = _platforms(wb, platforms)
    current = contribution_pnl(wb, period, platforms)

    def column(frame: pd.DataFrame | None) -> pd.Series:
        if frame is None or platform not in set(frame["platform"]):
            return pd.Series(np.nan, index=list(PNL_LINES))
        return frame.set_index("platform").loc[platform, list(PNL_LINES)].astype("float64")

    value = column(current)
    budget = read_budget_lines(wb, period, platforms).set_index("platform")
    budget_col = pd.Series({line: budget.loc[platform, line] if line in budget.columns else np.nan
                            for line in PNL_LINES}, dtype="float64")
    out = pd.DataFrame({
        "line": list(PNL_LINES),
        "is_subtotal": [line in SUBTOTALS for line in PNL_LINES],
        "is_deduction": [line in DEDUCTIONS for line in PNL_LINES],
        "amount": value.to_numpy(),
        "prior_amount": column(_pnl_or_none(wb, period.prior(), platforms)).to_numpy(),
        "last_year_amount": column(_pnl_or_none(wb, period.last_year(), platforms)).to_numpy(),
        "budget_amount": budget_col.to_numpy(),
    })
    net = value["net_sales"]
    return out.assign(
        share=lambda d: _ratio(d["amount"], pd.Series(net, index=d.index)),
        vs_prior=lambda d: relative_change(d["amount"], d["prior_amount"]),
        vs_last_year=lambda d: relative_change(d["amount"], d["last_year_amount"]),
        vs_budget=lambda d: relative_change(d["amount"], d["budget_amount"]),
        diff_budget_amount=lambda d: d["amount"] - d["budget_amount"],
    )[["line", "is_subtotal", "is_deduction", "amount", "share", "prior_amount", "last_year_amount",
       "budget_amount", "vs_prior", "vs_last_year", "vs_budget", "diff_budget_amount"]]


def pnl_facts(comparison: pd.DataFrame) -> dict[str, Any]:
    """The numbers a P&L takeaway states, from :func:`compare_pnl` (pure pandas).

    Returns:
        net_sales, gross_margin, gross_margin_rate, contribution_margin,
        contribution_margin_rate, cm_vs_prior, cm_vs_last_year, cm_vs_budget,
        cm_diff_budget, and ``biggest_cost``: the deduction with the largest amount.

    Example:
        >>> c = pd.DataFrame({"line": ["net_sales", "gross_margin", "cogs", "contribution_margin"],
        ...     "is_deduction": [False, False, True, False], "amount": [100.0, 40.0, 60.0, 10.0],
        ...     "vs_prior": [0.0, 0.0, 0.0, 0.1], "vs_last_year": [None] * 4, "vs_budget": [None] * 4,
        ...     "diff_budget_amount": [None] * 4})
        >>> f = pnl_facts(c); f["contribution_margin_rate"], f["biggest_cost"]
        (0.1, 'pnl.cogs')
    """
    c = comparison.set_index("line")
    net = c.at["net_sales", "amount"]
    costs = c[c["is_deduction"].astype(bool)]["amount"]
    return {
        "net_sales": net,
        "gross_margin": c.at["gross_margin", "amount"],
        "gross_margin_rate": gross_margin_rate(c.at["gross_margin", "amount"], net),
        "contribution_margin": c.at["contribution_margin", "amount"],
        "contribution_margin_rate": contribution_margin_rate(c.at["contribution_margin", "amount"], net),
        "cm_vs_prior": c.at["contribution_margin", "vs_prior"],
        "cm_vs_last_year": c.at["contribution_margin", "vs_last_year"],
        "cm_vs_budget": c.at["contribution_margin", "vs_budget"],
        "cm_diff_budget": c.at["contribution_margin", "diff_budget_amount"],
        "biggest_cost": f"pnl.{costs.idxmax()}" if len(costs) else None,
    }


def compute_cost_ratios(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Cost ratios against budget (费比): marketing and logistics over sales.

    Formula: ``marketing_ratio = marketing / paid_amount`` (营销费比), ``logistics_ratio =
    logistics / paid_amount`` (物流费比), ``commission_ratio = commission / paid_amount``;
    the budget ratios divide the budgeted cost by the budgeted paid amount.
    ``marketing_over`` / ``logistics_over`` = actual − budget (positive = overspent).

    Returns:
        One row per platform, then ``total``: platform, paid_amount, marketing, logistics,
        commission, marketing_ratio, logistics_ratio, commission_ratio, budget_paid_amount,
        budget_marketing, budget_logistics, budget_marketing_ratio, budget_logistics_ratio,
        marketing_over, logistics_over.

    Example:
        compute_cost_ratios(wb, wb.period("2026-10"))[["platform", "marketing_ratio", "budget_marketing_ratio"]]
    """
    platforms = _platforms(wb, platforms)
    pnl = contribution_pnl(wb, period, platforms)[["platform", "paid_amount", "marketing", "logistics", "commission"]]
    budget = read_budget_lines(wb, period, platforms)[["platform", "paid_amount", "marketing", "logistics"]]
    budget = budget.rename(columns={c: f"budget_{c}" for c in ("paid_amount", "marketing", "logistics")})
    return pnl.merge(budget, on="platform", how="left").assign(
        marketing_ratio=lambda d: marketing_ratio(d["marketing"], d["paid_amount"]),
        logistics_ratio=lambda d: _ratio(d["logistics"], d["paid_amount"]),
        commission_ratio=lambda d: _ratio(d["commission"], d["paid_amount"]),
        budget_marketing_ratio=lambda d: marketing_ratio(d["budget_marketing"], d["budget_paid_amount"]),
        budget_logistics_ratio=lambda d: _ratio(d["budget_logistics"], d["budget_paid_amount"]),
        marketing_over=lambda d: d["marketing"] - d["budget_marketing"],
        logistics_over=lambda d: d["logistics"] - d["budget_logistics"],
    )[["platform", "paid_amount", "marketing", "logistics", "commission", "marketing_ratio",
       "logistics_ratio", "commission_ratio", "budget_paid_amount", "budget_marketing", "budget_logistics",
       "budget_marketing_ratio", "budget_logistics_ratio", "marketing_over", "logistics_over"]]


def compare_marketing_budget(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Marketing spend and return per platform × channel against its budget (推广预算执行).

    Formula: ``over_budget = spend − budget`` and ``over_budget_rate = spend / budget − 1``
    (the per-channel budgets of targets.marketing_spend_amount); ``roas`` (投入产出比) =
    attributed amount / spend as :func:`storebook.areas.traffic.roas` defines it;
    ``margin_roas`` (毛利投产比) = roas × the platform's gross-margin rate — the gross margin
    a yuan of spend brought back, break-even at 1.

    Returns:
        One row per platform × channel with spend or budget, then one ``total`` row per
        platform (channel ``total``): platform, channel, spend, budget, over_budget,
        over_budget_rate, is_over, attributed_amount, roas, margin_roas. Largest
        overspend first within each platform.

    Example:
        m = compare_marketing_budget(wb, wb.period("2026-10"))
        m[m.is_over & (m.channel != "total")]
    """
    platforms = _platforms(wb, platforms)
    spend = _marketing(wb, period, platforms, by_channel=True).rename(columns={"marketing": "spend"})
    if wb.has("targets"):
        t = wb.table("targets")
        t = t.filter(t.month_on == period.start, t.platform.isin(platforms), t.metric == "marketing_spend_amount")
        budget = wb.execute(t.group_by(["platform", "channel"]).aggregate(budget=t.target_value.sum()))
    else:
        budget = pd.DataFrame({"platform": pd.Series(dtype="str"), "channel": pd.Series(dtype="str"),
                               "budget": pd.Series(dtype="float64")})
    m = spend.merge(budget, on=["platform", "channel"], how="outer")
    m[["spend", "attributed_amount"]] = m[["spend", "attributed_amount"]].fillna(0.0)
    totals = m.groupby("platform", as_index=False).agg(
        spend=("spend", "sum"), attributed_amount=("attributed_amount", "sum"),
        budget=("budget", lambda s: s.sum(min_count=1)))
    totals["channel"] = TOTAL
    m = pd.concat([m, totals[m.columns]], ignore_index=True)
    pnl = _pnl_or_none(wb, period, platforms)
    gm_rate = pnl.set_index("platform")["gross_margin_rate"] if pnl is not None else pd.Series(dtype="float64")
    m = compare_to_budget(m).assign(
        roas=lambda d: roas(d["attributed_amount"], d["spend"]),
        margin_roas=lambda d: roas(d["attributed_amount"], d["spend"]) * d["platform"].map(gm_rate).astype("float64"),
    )
    order = {p: i for i, p in enumerate(platforms)}
    m = m.assign(_p=m["platform"].map(order), _t=(m["channel"] == TOTAL).astype(int),
                 _o=-m["over_budget"].fillna(-np.inf))
    m = m.sort_values(["_p", "_t", "_o", "channel"]).drop(columns=["_p", "_t", "_o"]).reset_index(drop=True)
    return m[["platform", "channel", "spend", "budget", "over_budget", "over_budget_rate", "is_over",
              "attributed_amount", "roas", "margin_roas"]]


# ----------------------------------------------------------------------------- SKU margins

# ----------------------------------------------------------------------------- the report's numbers

#: The headline of the profit report, in the order the index shows it.
HEADLINE_METRICS: tuple[str, ...] = ("net_sales", "gross_margin_rate", "contribution_margin",
                                     "contribution_margin_rate", "marketing_ratio")


def _headline_metrics(pnl: pd.DataFrame) -> pd.DataFrame:
    return pnl.assign(marketing_ratio=lambda d: _ratio(d["marketing"], d["paid_amount"]))[["platform", *HEADLINE_METRICS]]


def profit_headline(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The headline of the P&L with its change on the prior month and on last year.

    Returns:
        One row per platform (and ``total``) × metric of :data:`HEADLINE_METRICS`:
        platform, metric, value, prior, last_year, vs_prior, vs_last_year (missing where
        the comparison month has no data).
    Raises:
        NoDataError: as :func:`contribution_pnl` for the month itself.

    Example:
        profit_headline(wb, wb.period("2026-10")).query("platform == 'total'")
    """
    platforms = _platforms(wb, platforms)
    current = _headline_metrics(contribution_pnl(wb, period, platforms))

    def other(p: Period) -> pd.DataFrame:
        pnl = _pnl_or_none(wb, p, platforms)
        return current.iloc[0:0] if pnl is None else _headline_metrics(pnl)

    return compare_months(current, other(period.prior()), other(period.last_year()), HEADLINE_METRICS)


def headline_facts(headline: pd.DataFrame) -> dict[str, Any]:
    """The numbers of the headline takeaway (all platforms), from :func:`profit_headline`."""
    return headline_numbers(headline[headline["platform"] == TOTAL], HEADLINE_METRICS)


def headline_record(headline: pd.DataFrame, text) -> list[dict[str, Any]]:
    """The headline record the report index shows (all-platform values)."""
    return headline_entries(headline[headline["platform"] == TOTAL], text)


def platform_facts(pnl: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`contribution_pnl` across platforms."""
    rows = pnl[(pnl["platform"] != TOTAL) & (pnl["net_sales"] > 0)]
    if rows.empty:
        return {"best": None, "best_cm": float("nan"), "best_share": float("nan"), "thin": None,
                "thin_rate": float("nan"), "variant": "none"}
    total = pnl[pnl["platform"] == TOTAL].iloc[0]
    best = extremes.row_of_max(rows, "contribution_margin")
    thin = extremes.row_of_min(rows, "contribution_margin_rate")
    if best is None or thin is None:  # no platform's margin is known (costs missing)
        return {"best": None, "best_cm": float("nan"), "best_share": float("nan"), "thin": None,
                "thin_rate": float("nan"), "variant": "no_margin"}
    return {"best": best["platform"], "best_cm": best["contribution_margin"],
            "best_share": _ratio(best["contribution_margin"], total["contribution_margin"]),
            "best_rate": best["contribution_margin_rate"], "thin": thin["platform"],
            "thin_rate": thin["contribution_margin_rate"], "biggest_cost": _biggest_cost(thin),
            "variant": "single" if lone_platform(pnl) else None}


def _biggest_cost(row: pd.Series) -> str:
    costs = row[[line for line in DEDUCTIONS if line not in ("cogs", "discounts", "refunds")]]
    return f"pnl.{costs.astype(float).idxmax()}"


def ratio_facts(ratios: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`compute_cost_ratios` (the total row and the worst platform)."""
    total = ratios[ratios["platform"] == TOTAL].iloc[0]
    rows = ratios[ratios["platform"] != TOTAL]
    over = rows[rows["marketing_over"].fillna(0) > 0.005]
    worst = extremes.row_of_max(over, "marketing_over")
    return {"marketing_ratio": total["marketing_ratio"], "budget_marketing_ratio": total["budget_marketing_ratio"],
            "logistics_ratio": total["logistics_ratio"], "budget_logistics_ratio": total["budget_logistics_ratio"],
            "marketing_over": total["marketing_over"], "logistics_over": total["logistics_over"],
            "worst": None if worst is None else worst["platform"],
            "worst_over": float("nan") if worst is None else worst["marketing_over"],
            "variant": "no_budget" if pd.isna(total["budget_marketing"]) else ("single" if lone_platform(ratios) else None)}


def marketing_facts(marketing: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`compare_marketing_budget`: where the month overspent."""
    channels = marketing[marketing["channel"] != TOTAL]
    over = channels[channels["is_over"]]
    top = over.loc[over["over_budget"].idxmax()] if len(over) else None
    below = channels[(channels["margin_roas"] < 1) & (channels["spend"] > 0)]
    # No margin ROAS known (the margin is unknown: costs or orders' paid amounts missing): how
    # many channels fall below 1 is unknown, not 0.
    judged = bool(channels.loc[channels["spend"] > 0, "margin_roas"].notna().any()) or not (channels["spend"] > 0).any()
    return {"over": int(len(over)), "channels": int(len(channels)), "over_amount": float(over["over_budget"].sum()),
            "top_platform": None if top is None else top["platform"],
            "top_channel": None if top is None else top["channel"],
            "top_over": float("nan") if top is None else top["over_budget"],
            "top_rate": float("nan") if top is None else top["over_budget_rate"],
            "below_break_even": int(len(below)) if judged else None,
            "below_spend": float(below["spend"].sum()) if judged else None,
            "variant": "none" if top is None else None}
