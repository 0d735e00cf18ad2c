"""The contribution P&L (贡献毛利损益表), defined once: per platform and in total, gross sales down to
the contribution margin, each line to the cent. The profit report shows it; the marketing report
judges a campaign at its gross-margin rate.
"""

from __future__ import annotations

import weakref
from typing import Any

import ibis
import numpy as np
import pandas as pd

from storebook.engine import dimensions
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL
from storebook.measures.margins import gross_margin_rate
from storebook.measures.partial import flag_partial
from storebook.measures.returns import paid_returns, sum_paid_orders
from storebook.measures.sales import sum_daily_sales
from storebook.measures.shipments import sum_logistics_cost
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

#: The P&L lines, top to bottom.
PNL_LINES: tuple[str, ...] = (
    "gross_sales", "discounts", "paid_amount", "refunds", "net_sales", "cogs", "gross_margin",
    "commission", "marketing", "logistics", "contribution_margin",
)


def contribution_margin_rate(contribution_margin: Any, net_sales: Any) -> Any:
    """贡献毛利率 = 贡献毛利 / 净销售额 (contribution margin / net sales).

    Example:
        >>> contribution_margin_rate(15.0, 100.0)
        0.15
    """
    return _ratio(contribution_margin, net_sales)


def _returned_cost(wb: Workbook, period: Period, platforms: list[str]) -> ibis.Table:
    """Per platform: units returned on the period's orders × unit cost (goods back in stock)."""
    r = paid_returns(wb, period, platforms).select("sku", "quantity", "platform")
    p = dimensions.products(wb).select("sku", "unit_cost")
    j = r.inner_join(p, "sku")
    return j.group_by("platform").aggregate(returned_cost=(j.quantity.cast("float64") * j.unit_cost).sum())


def _sales(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    """Line sales per day × platform × category (:func:`storebook.measures.sales.sum_daily_sales`)."""
    return sum_daily_sales(wb, period, platforms, by=("platform", "category"))


def _commission(wb: Workbook, period: Period, sales: pd.DataFrame) -> pd.DataFrame:
    """Per platform: Σ line amount × the commission rate valid on the payment day.

    Args:
        sales: :func:`_sales` of the period.
    Raises:
        NoDataError: no platform_fees table, or no rate for a platform × category × day
            that has sales, or two rates valid on the same day.
    """
    if not wb.has("platform_fees"):
        raise NoDataError(
            f"the commission of {period.label} cannot be computed: the workbook has no platform_fees table. "
            "Put the platforms' commission rates (platform, category, commission_rate, valid_from, valid_to) "
            "under data/raw/platform_fees/ and run `storebook ingest`",
            key="profit.fees.no_table", values={"month": period.label},
        )
    fees = wb.execute(wb.table("platform_fees"))
    m = sales.merge(fees, on=["platform", "category"], how="left")
    valid = (m["valid_from"] <= m["day"]) & (m["valid_to"].isna() | (m["valid_to"] >= m["day"]))
    m = m[valid]
    counts = m.groupby(["platform", "category", "day"]).size()
    keyed = sales.set_index(["platform", "category", "day"])
    missing = keyed.index.difference(counts.index)
    if len(missing):
        pairs = sorted({f"{p} × {c}" for p, c, _ in missing})
        days = sorted({d for _, _, d in missing})
        raise NoDataError(
            f"no commission rate in platform_fees for {', '.join(pairs)} on {len(days)} day(s) of {period.label} "
            f"(first {days[0]:%Y-%m-%d}): add the rate valid on those days to data/raw/platform_fees/ "
            "and run `storebook ingest`",
            key="profit.fees.no_rate", values={"pairs": ", ".join(pairs), "days": len(days), "month": period.label,
                                               "first": f"{days[0]:%Y-%m-%d}"},
        )
    if (counts > 1).any():
        p, c, d = counts[counts > 1].index[0]
        raise NoDataError(
            f"platform_fees has two rates for {p} × {c} valid on {d:%Y-%m-%d}: give each validity period "
            "an end (valid_to) before the next one starts",
            key="profit.fees.two_rates", values={"pair": f"{p} × {c}", "day": f"{d:%Y-%m-%d}"},
        )
    m = m.assign(commission=m["revenue"] * m["commission_rate"])
    return m.groupby("platform", as_index=False)["commission"].sum()


def _cents(x: pd.Series) -> pd.Series:
    return np.round(x.astype("float64").fillna(0.0) * 100).astype("int64")


#: P&Ls already computed per open workbook (a report asks for the same month several times;
#: the processed tables do not change under an open workbook).
_PNL_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def contribution_pnl(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The contribution P&L of the month, per platform and in total (贡献毛利表).

    Formula (see the module docstring for each line): ``contribution_margin = (paid −
    refunds − cogs) − commission − marketing − logistics``; ``gross_margin_rate`` (毛利率)
    and ``contribution_margin_rate`` (贡献毛利率) are over net sales.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include; None = all.
    Returns:
        One row per platform, then ``total``: platform, orders, the :data:`PNL_LINES` in
        CNY (deductions as positive amounts), gross_margin_rate, contribution_margin_rate.
        Each line is rounded to the cent; subtotals and the total row add up exactly.
    Raises:
        NoDataError: no paid orders in the month, or no platform_fees, marketing_spend or
            shipments to cost them with (the message says which and what to do).

    Example:
        contribution_pnl(wb, wb.period("2026-10"))[["platform", "net_sales", "contribution_margin"]]
    """
    platforms = wb.platforms(platforms)
    cache = _PNL_CACHE.setdefault(wb, {})
    key = (period, tuple(platforms))
    if key not in cache:
        try:
            cache[key] = _compute_pnl(wb, period, platforms)
        except NoDataError as exc:
            cache[key] = exc
    if isinstance(cache[key], NoDataError):
        raise cache[key]
    pnl, coverage, sold = cache[key]
    if coverage is None and sold:  # units sold, no line sales to measure the costed share of
        flag_partial("page.partial.cost_pnl.unknown")
    elif coverage is not None and coverage < 1:
        flag_partial("page.partial.cost_pnl", share=coverage)
    return pnl.copy()


def _compute_pnl(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    # Paid amount and refunds as the refund rate defines them (one definition of net sales),
    # and the discounts, from the refund rate's own question.
    paid = sum_paid_orders(wb, period, platforms, by="platform")
    orders = paid[["platform", "orders", "paid_amount", "refund_amount"]].rename(columns={"refund_amount": "refunds"})
    discounts = paid[["platform", "discounts"]]
    sales = _sales(wb, period, platforms)
    cogs = sales.groupby("platform", as_index=False).agg(sold_cost=("cost_amount", "sum"))
    # A platform whose sales include a product of unknown cost has no cost of goods: its
    # margins are left unknown rather than overstated (the products report has the margins
    # of the products whose cost is known).
    by_platform = sales.groupby("platform")[["revenue", "cost_known_revenue"]].sum()
    uncosted = by_platform.index[by_platform["cost_known_revenue"] < by_platform["revenue"] - 0.005].tolist()
    # A platform whose line sales are zero or unknown (free lines, a units-only export) has no
    # share of its sales to cost: its cost of goods is unknown where it sold units none of whose
    # cost is known (a day × category with units and no cost), never 0. (Units of which only some
    # have a cost are not told apart from the sums here: the sales carry no costed units.)
    unsold = by_platform.index[~(by_platform["revenue"] > 0.005)]
    blind = sales[sales["platform"].isin(unsold) & (sales["units"] > 0) & sales["cost_amount"].isna()]
    uncosted += sorted(set(blind["platform"]) - set(uncosted))
    revenue = float(by_platform["revenue"].sum())
    # The share of the line sales whose cost is known: unknown (None, n/a) without line sales,
    # not all of them.
    coverage = float(by_platform["cost_known_revenue"].sum()) / revenue if revenue > 0 else None
    sold = bool((sales["units"] > 0).any())
    returned = wb.execute(_returned_cost(wb, period, platforms)) if wb.has("returns") else pd.DataFrame(
        {"platform": pd.Series(dtype="str"), "returned_cost": pd.Series(dtype="float64")})
    commission = _commission(wb, period, sales)
    marketing = marketing_costs(wb, period, platforms)
    # The cost alone: compute_logistics_costs' per-order shares would read every order line.
    logistics = sum_logistics_cost(wb, period, platforms, by="platform")[["platform", "cost"]]

    # A platform with paid orders whose paid amounts are all unknown (the column is optional: a
    # units-only export) has no sales: its sales lines and margins are unknown, never 0.
    unpaid_known = orders.loc[orders["paid_amount"].isna() & (orders["orders"] > 0), "platform"].tolist()
    frame = pd.DataFrame({"platform": platforms})
    for part in (orders, discounts, cogs, returned, commission, marketing, logistics.rename(columns={"cost": "logistics"})):
        frame = frame.merge(part, on="platform", how="left")
    c = pd.DataFrame({"platform": frame["platform"]})
    c["orders"] = frame["orders"].fillna(0).astype("int64")
    c["paid_amount"] = _cents(frame["paid_amount"])
    c["discounts"] = _cents(frame["discounts"])
    c["refunds"] = _cents(frame["refunds"])
    c["cogs"] = _cents(frame["sold_cost"]) - _cents(frame["returned_cost"])
    c["commission"] = _cents(frame["commission"])
    c["marketing"] = _cents(frame["marketing"])
    c["logistics"] = _cents(frame["logistics"])
    total = c.drop(columns="platform").sum().to_frame().T.assign(platform=TOTAL)
    c = pd.concat([c, total[c.columns]], ignore_index=True)
    c["gross_sales"] = c["paid_amount"] + c["discounts"]
    c["net_sales"] = c["paid_amount"] - c["refunds"]
    c["gross_margin"] = c["net_sales"] - c["cogs"]
    c["contribution_margin"] = c["gross_margin"] - c["commission"] - c["marketing"] - c["logistics"]
    out = c[["platform", "orders"]].copy()
    for line in PNL_LINES:
        out[line] = c[line].astype("float64") / 100.0
    unknown = out["platform"].isin([*uncosted, *([TOTAL] if uncosted else [])])
    out.loc[unknown, ["cogs", "gross_margin", "contribution_margin"]] = np.nan
    unknown = out["platform"].isin([*unpaid_known, *([TOTAL] if unpaid_known else [])])
    out.loc[unknown, ["paid_amount", "gross_sales", "net_sales", "gross_margin", "contribution_margin"]] = np.nan
    return out.assign(
        gross_margin_rate=lambda d: gross_margin_rate(d["gross_margin"], d["net_sales"]),
        contribution_margin_rate=lambda d: contribution_margin_rate(d["contribution_margin"], d["net_sales"]),
    ), (None if coverage is None else min(coverage, 1.0)), sold


def marketing_costs(wb: Workbook, period: Period, platforms: list[str], by_channel: bool = False) -> pd.DataFrame:
    """Marketing spend (and attributed sales) of the month per platform (and channel)."""
    if not wb.has("marketing_spend"):
        raise NoDataError(
            f"the marketing cost of {period.label} is unknown: the workbook has no marketing_spend table. "
            "Put the platforms' ad-spend exports under data/raw/marketing_spend/ and run `storebook ingest`",
            key="no_data.marketing_cost", values={"month": period.label},
        )
    m = wb.table("marketing_spend")
    m = m.filter(m.spent_on >= period.start, m.spent_on < period.end, m.platform.isin(platforms))
    keys = ["platform", "channel"] if by_channel else ["platform"]
    return wb.execute(m.group_by(keys).aggregate(
        marketing=m.spend_amount.sum(), attributed_amount=m.attributed_amount.sum()
    )).drop(columns=[] if by_channel else ["attributed_amount"])
