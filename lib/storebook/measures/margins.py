"""Gross margin: the rate (毛利率), and each SKU's sales, returns, cost and margin in a
period — the figures profit, products and the overview all show."""

from __future__ import annotations

from typing import Any

import pandas as pd

from storebook.engine import dimensions
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures.partial import flag_partial
from storebook.measures.returns import paid_returns
from storebook.measures.sales import sum_daily_sales
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division


def gross_margin_rate(gross_margin: Any, net_sales: Any) -> Any:
    """毛利率 = 毛利 / 净销售额 (gross margin / net sales).

    Example:
        >>> gross_margin_rate(40.0, 100.0)
        0.4
    """
    return _ratio(gross_margin, net_sales)


def compute_sku_margins(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Revenue and gross margin per SKU (商品毛利), from the same cost of goods as the P&L.

    Formula: ``revenue = Σ line_amount − refunds on the SKU's returns`` (net sales of the
    SKU; shipping charged is not a SKU's revenue), ``cogs = (units sold − units returned) ×
    unit_cost``, ``gross_margin = revenue − cogs``; ``gross_margin_rate = gross_margin /
    revenue``. Summed over SKUs, gross margin equals the P&L's gross margin less the
    shipping charged to buyers (which no SKU earns).

    Returns:
        One row per SKU sold in the period: sku, category, units, units_returned,
        sales_amount (Σ line amount), refund_amount, revenue, cogs, gross_margin,
        gross_margin_rate, list_amount. cogs and the margins are missing for a SKU whose
        unit cost is unknown (the section is flagged partial with the share of sales covered),
        or that is not in the catalogue (a store without one: every SKU; its category is
        missing too); sales_amount and revenue are missing where the line amounts are.

    Example:
        compute_sku_margins(wb, wb.period("2026-10")).nlargest(5, "gross_margin")
    """
    platforms = wb.platforms(platforms)
    daily = sum_daily_sales(wb, period, platforms, by=("sku",))
    if daily.empty:
        raise NoDataError(f"no sales in {period.label} on {', '.join(platforms)}: choose another month or platform",
                          key="no_data.sales", values={"month": period.label, "platforms": platforms})
    products = dimensions.catalogue(wb, "category", "unit_cost", "list_price")
    g = daily.groupby("sku")
    # Line amounts unknown (a units-only export): the revenue is unknown, not 0.
    sold = (pd.DataFrame({"units": g["units"].sum(), "sales_amount": g["revenue"].sum(min_count=1),
                          "cost_sold": g["cost_amount"].sum()}).reset_index()
            .merge(products, on="sku", how="left")
            .assign(list_amount=lambda d: d["units"] * d["list_price"]))
    if wb.has("returns"):
        r = paid_returns(wb, period, platforms)
        returned = wb.execute(r.group_by("sku").aggregate(units_returned=r.quantity.sum(),
                                                          refund_amount=r.refund_amount.sum()))
    else:
        returned = pd.DataFrame({"sku": pd.Series(dtype="str"), "units_returned": pd.Series(dtype="int64"),
                                 "refund_amount": pd.Series(dtype="float64")})
    out = sold.merge(returned, on="sku", how="left")
    out["units_returned"] = out["units_returned"].fillna(0).astype("int64")
    out["refund_amount"] = out["refund_amount"].fillna(0.0)
    # A SKU without a known cost (or not in the catalogue) has no margin, not a 100 % one.
    out = out.assign(
        revenue=lambda d: d["sales_amount"] - d["refund_amount"],
        cogs=lambda d: (d["cost_sold"] - d["units_returned"] * d["unit_cost"]).where(d["unit_cost"].notna()),
    ).assign(
        gross_margin=lambda d: d["revenue"] - d["cogs"],
        gross_margin_rate=lambda d: gross_margin_rate(d["revenue"] - d["cogs"], d["revenue"]),
    )
    sales = float(out["sales_amount"].sum())
    known = float(out.loc[out["unit_cost"].notna(), "sales_amount"].sum())
    # Where the catalogue has no cost at all (or there is no catalogue), the section's own note says so.
    if sales > 0 and known < sales - 0.005 and products["unit_cost"].notna().any():
        flag_partial("page.partial.cost", share=known / sales)
    return out[["sku", "category", "units", "units_returned", "sales_amount", "refund_amount", "revenue",
                "cogs", "gross_margin", "gross_margin_rate", "list_amount"]].sort_values("sku").reset_index(drop=True)
