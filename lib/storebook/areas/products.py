"""Products and assortment (商品): what earns, what sits, how new products start, what
prices hold and what comes back.

This module classifies and compares; the underlying metrics are defined once elsewhere
and called from here:

- revenue and gross margin per SKU: :func:`storebook.measures.margins.compute_sku_margins` (the
  P&L's cost of goods);
- days of cover (库存可售天数) and sell-through (售罄率):
  :func:`storebook.measures.inventory.measure_inventory`;
- daily units and line sales: :func:`storebook.measures.sales.sum_daily_sales`;
- return rate (退货率): :func:`storebook.measures.returns.summarise_returns`.

Definitions of this module:

- **ABC class** (ABC分类): SKUs ranked by a measure, largest first; class A is the
  smallest set of top SKUs that together reach :data:`ABC_THRESHOLDS` [0] (80 %) of the
  measure, B the next ones up to [1] (95 %), C the rest — the long tail (长尾), which
  includes every SKU with nothing or a loss.
- **Slow mover** (滞销): stock on hand and a sell-through below ``slow_sell_through``;
  **overstock** (积压): days of cover above ``overstock_days``, or stock with no sales.
- **New-product index** (新品指数): a new SKU's line sales in its first N days ÷ the
  average line sales of an established SKU of its category that sold in the same days.
- **Price realisation** (价格实现率) = line sales ÷ (units × list price); discount depth
  (折扣深度) = 1 − realisation, split into the price set below list and the discounts.

Example:
    abc = classify_skus(wb, wb.period("2026-10"))
    summarise_abc(abc, "revenue")
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd

from storebook.engine import dimensions, identity
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError, StorebookError
from storebook.measures import TOTAL, stats
from storebook.measures.compare import compare_months
from storebook.measures.inventory import measure_inventory
from storebook.measures.margins import compute_sku_margins, gross_margin_rate
from storebook.measures.metrics import headline_entries, headline_numbers
from storebook.measures.returns import summarise_returns
from storebook.measures.sales import name_products, sum_daily_sales
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

__all__ = [
    "ABC_MONTHS",
    "ABC_THRESHOLDS",
    "NEW_PRODUCT_WINDOWS",
    "classify_abc",
    "classify_skus",
    "flag_high_returns",
    "flag_stock_health",
    "measure_price_realisation",
    "summarise_abc",
    "track_new_products",
]

#: Cumulative shares that close class A and class B.
ABC_THRESHOLDS: tuple[float, float] = (0.80, 0.95)
#: Months over which the ABC classes are taken (a month alone is short for an assortment decision).
ABC_MONTHS = 3
#: Days after launch over which a new product is judged.
NEW_PRODUCT_WINDOWS: tuple[int, ...] = (30, 60, 90)
#: An established SKU (the benchmark of new ones) is at least this old when a window starts.
ESTABLISHED_AFTER_DAYS = 180


# ----------------------------------------------------------------------------- ABC

def classify_abc(values: pd.Series, thresholds: tuple[float, float] = ABC_THRESHOLDS) -> pd.Series:
    """ABC class of each value (pure pandas): A, B or C.

    Formula: rank descending; with ``before`` the cumulative share of the positive total
    held by the larger values, a value is A when ``before < thresholds[0]``, B when
    ``before < thresholds[1]``, else C; zero and negative values are C.

    Example:
        >>> classify_abc(pd.Series([5, 50, 2, 30, 10, 3])).tolist()
        ['B', 'A', 'C', 'A', 'B', 'C']
    """
    v = values.astype("float64").fillna(0.0)
    positive = v.clip(lower=0.0)
    total = positive.sum()
    order = v.sort_values(ascending=False, kind="stable").index
    before = positive.loc[order].cumsum().shift(fill_value=0.0)
    share_before = before / total if total > 0 else before * np.nan
    out = pd.Series("C", index=order, dtype="str")
    out[(share_before < thresholds[1]) & (v.loc[order] > 0)] = "B"
    out[(share_before < thresholds[0]) & (v.loc[order] > 0)] = "A"
    return out.reindex(values.index)


def classify_skus(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    months: int = ABC_MONTHS,
    thresholds: tuple[float, float] = ABC_THRESHOLDS,
) -> pd.DataFrame:
    """ABC classes of the SKUs by revenue and by gross margin (ABC分类), over ``months``.

    A month is short for an assortment decision, so the classes are taken over the
    ``months`` months ending with ``period`` (3 by default). Revenue and gross margin are
    :func:`storebook.measures.margins.compute_sku_margins`' (net of returns). Listed SKUs that sold
    nothing are listed with zeros, the active ones and those whose flag the catalogue does not
    give (``is_active`` missing: unknown, neither active nor inactive): they are the end of the
    long tail. Inactive SKUs that sold nothing are left out.

    Args:
        wb: the workbook.
        period: the last month of the window.
        platforms: platforms whose sales count; None = all.
        months: window length in months.
        thresholds: the cumulative shares closing A and B.
    Returns:
        One row per SKU, largest revenue first: sku, product_name, category, is_active
        (nullable: missing where unknown, a SKU sold but not listed too),
        units, revenue, gross_margin, gross_margin_rate, revenue_share,
        revenue_cum_share, abc_revenue, margin_share, margin_cum_share, abc_margin,
        is_loss (gross margin < 0). Revenue is missing where the line amounts are, gross
        margin where the unit cost is (no catalogue, or no cost in it): such a SKU has no
        class by that measure (never a class of 0). ``attrs["catalogue"]``: whether a
        catalogue listed the SKUs (without one, unsold SKUs are not known); ``attrs["since"]``: the
        orders' first day where it falls after the window's first month (else None); ``attrs["unmatched"]``:
        a catalogue was there but listed none of the SKUs sold, so it was left out.

    Example:
        classify_skus(wb, wb.period("2026-10")).abc_revenue.value_counts()
    """
    window = period.trailing(months) if months > 1 else period
    margins = compute_sku_margins(wb, window, platforms)
    products = dimensions.catalogue(wb, "product_name", "category", "is_active", names=False, active=False)
    # A catalogue that lists none of the SKUs sold (orders without SKUs beside a catalogue keyed
    # by SKU, or another shop's) says nothing of what sold: its products are not counted as
    # selling nothing, and the SKUs sold are ranked as without a catalogue.
    unmatched = bool(len(products) and len(margins) and not margins["sku"].isin(products["sku"]).any())
    if unmatched:
        products = products.iloc[0:0]
    # A SKU sold but not in the catalogue (or without one) is listed too: named by its lines.
    out = products.merge(margins, on="sku", how="outer", suffixes=("", "_sold"))
    out = out.assign(product_name=name_products(wb, window, platforms, out),
                     category=out["category"].fillna(out["category_sold"]).fillna(dimensions.UNKNOWN),
                     is_active=out["is_active"].astype("boolean"))
    out = out[out["is_active"].fillna(True) | out["units"].notna()].copy()  # inactive and unsold: not listed
    unsold = out["units"].isna()
    # Unsold: no sales and no margin (0). Sold at an unknown line amount (a units-only export):
    # revenue unknown; at an unknown cost: margin unknown — each left out of its classes.
    out["units"] = out["units"].fillna(0.0)
    out["revenue"] = out["revenue"].where(~unsold, 0.0)
    out["gross_margin"] = out["gross_margin"].where(~unsold, 0.0)
    out["gross_margin_rate"] = gross_margin_rate(out["gross_margin"], out["revenue"])
    for measure, short in (("revenue", "revenue"), ("gross_margin", "margin")):
        known = out[measure].notna()
        values = out.loc[known, measure]
        total = values.clip(lower=0).sum()
        ranked = values.sort_values(ascending=False, kind="stable")
        out[f"{short}_share"] = _ratio(out[measure], pd.Series(total, index=out.index))
        out[f"{short}_cum_share"] = (ranked.clip(lower=0).cumsum() / total if total > 0 else ranked * np.nan).reindex(out.index)
        out[f"abc_{short}"] = classify_abc(values, thresholds).reindex(out.index)
    out["is_loss"] = (out["gross_margin"] < 0).fillna(False).astype(bool)
    cols = ["sku", "product_name", "category", "is_active", "units", "revenue", "gross_margin",
            "gross_margin_rate", "revenue_share", "revenue_cum_share", "abc_revenue", "margin_share",
            "margin_cum_share", "abc_margin", "is_loss"]
    out = out[cols].sort_values(["revenue", "sku"], ascending=[False, True], ignore_index=True)
    out.attrs["catalogue"] = not products.empty  # without one, the SKUs that sold nothing are unknown
    out.attrs["unmatched"] = unmatched  # a catalogue was there, but listed none of the SKUs sold
    # Orders that begin after the window's first month: the classes are of the days since, not of
    # its months (a store's first pack read "over the 3 months to this one" of one week of orders).
    first = wb.data_range()[0] if wb.has("orders") and len(margins) else None
    second_month = period.shift_months(-(months - 2)).start if months > 1 else period.end
    out.attrs["since"] = first if first is not None and first >= second_month else None
    return out


def summarise_abc(abc: pd.DataFrame, measure: str = "revenue") -> pd.DataFrame:
    """SKUs and their share of the measure per ABC class (the long tail in numbers).

    Args:
        abc: the frame of :func:`classify_skus`.
        measure: ``revenue`` or ``gross_margin``.
    Returns:
        One row per class A, B, C: abc, skus, sku_share, amount, amount_share, zero_skus
        (SKUs with nothing sold; missing where no catalogue listed them: ``abc.attrs["catalogue"]``).
    Raises:
        NoDataError: no SKU sold has a known ``measure`` (no line amounts, or no costs).

    Example:
        >>> abc = pd.DataFrame({"revenue": [50.0, 30.0, 10.0, 5.0, 3.0, 2.0, 0.0],
        ...     "abc_revenue": ["A", "A", "B", "B", "C", "C", "C"], "units": [5, 3, 1, 1, 1, 1, 0]})
        >>> summarise_abc(abc)[["abc", "skus", "amount_share"]].values.tolist()
        [['A', 2, 0.8], ['B', 2, 0.15], ['C', 3, 0.05]]
    """
    column = "abc_revenue" if measure == "revenue" else "abc_margin"
    listed = abc.attrs.get("catalogue", True)
    abc = abc[abc[column].notna()]  # a SKU whose revenue or margin is unknown has no class
    if not (abc["units"] > 0).any():
        source = "order_lines.line_amount" if measure == "revenue" else "products.unit_cost"
        raise NoDataError(f"no SKU sold has a known {measure.replace('_', ' ')} ({source} is empty): "
                          "the SKUs cannot be ranked by it",
                          key="no_data.abc_revenue" if measure == "revenue" else "no_data.abc_margin")
    total = abc[measure].sum()
    g = abc.groupby(column)
    out = pd.DataFrame({
        "skus": g.size(),
        "amount": g[measure].sum(),
        "zero_skus": g["units"].apply(lambda u: int((u <= 0).sum())),
    }).reindex(["A", "B", "C"]).fillna(0)
    out = out.astype({"skus": "int64", "zero_skus": "int64"})
    if not listed:  # without a catalogue the SKUs that sold nothing are not known (not none)
        out["zero_skus"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["sku_share"] = out["skus"] / max(len(abc), 1)
    out["amount_share"] = _ratio(out["amount"], pd.Series(total, index=out.index))
    return out.rename_axis("abc").reset_index()[["abc", "skus", "sku_share", "amount", "amount_share", "zero_skus"]]


# ----------------------------------------------------------------------------- stock

def flag_stock_health(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    overstock_days: float = 90.0,
    slow_sell_through: float = 0.2,
) -> pd.DataFrame:
    """Slow movers and overstock (滞销, 积压) from the month's stock health.

    Days of cover and sell-through are :func:`storebook.measures.inventory.measure_inventory`'s.
    Flags: ``is_overstock`` = days of cover > ``overstock_days``, or stock on hand and no
    sales; ``is_slow_mover`` = stock on hand and sell-through < ``slow_sell_through``.
    ``stock_value`` = closing on hand × unit cost (the cash tied up).

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms whose sales count; stock is shared by every platform.
        overstock_days: cover above which stock is too much.
        slow_sell_through: sell-through below which a SKU is a slow mover.
    Returns:
        One row per SKU with stock snapshots in the month, most stock value flagged first:
        sku, product_name, category, closing_on_hand, units_sold, daily_rate,
        days_of_cover, sell_through, stock_value, is_overstock, is_slow_mover,
        excess_units (on hand above ``overstock_days`` of cover), excess_value.
    Raises:
        NoDataError: no inventory snapshots in the month.

    Example:
        s = flag_stock_health(wb, wb.period("2026-10"))
        s[s.is_overstock].stock_value.sum()
    """
    inv = measure_inventory(wb, period, platforms)
    cost = wb.execute(dimensions.products(wb).select("sku", "unit_cost"))
    out = inv.merge(cost, on="sku", how="left")
    on_hand = out["closing_on_hand"].fillna(0.0)
    no_sales = out["daily_rate"].fillna(0.0) <= 0
    cover_units = out["daily_rate"].fillna(0.0) * overstock_days
    out = out.assign(
        stock_value=on_hand * out["unit_cost"],
        is_overstock=((out["days_of_cover"] > overstock_days) | ((on_hand > 0) & no_sales)).astype(bool),
        is_slow_mover=((on_hand > 0) & (out["sell_through"].fillna(0.0) < slow_sell_through)).astype(bool),
        excess_units=(on_hand - cover_units).clip(lower=0.0),
    )
    out["excess_value"] = out["excess_units"] * out["unit_cost"]
    flagged = (out["is_overstock"] | out["is_slow_mover"]).astype(int)
    out = out.assign(_f=flagged).sort_values(["_f", "excess_value", "stock_value", "sku"],
                                             ascending=[False, False, False, True]).drop(columns="_f")
    return out[["sku", "product_name", "category", "closing_on_hand", "units_sold", "daily_rate",
                "days_of_cover", "sell_through", "stock_value", "is_overstock", "is_slow_mover",
                "excess_units", "excess_value"]].reset_index(drop=True)


# ----------------------------------------------------------------------------- new products

def track_new_products(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    windows: Sequence[int] = NEW_PRODUCT_WINDOWS,
    launched_within_days: int = 180,
) -> pd.DataFrame:
    """New products in their first 30 / 60 / 90 days against their category (新品表现).

    Formula, per new SKU and window N: ``revenue_N`` = its line sales in days
    ``[launch, launch + N)``; ``benchmark_N`` = the category's established SKUs' line
    sales in the same days ÷ the number of them that sold then (an established SKU was
    launched at least :data:`ESTABLISHED_AFTER_DAYS` days before); ``index_N =
    revenue_N / benchmark_N`` (1 = sells like an average established product). A window
    that has not ended by the period's end is left empty.

    Args:
        wb: the workbook.
        period: the month; new SKUs were launched in the ``launched_within_days`` before
            its end.
        platforms: platforms whose sales count; None = all.
        windows: the windows, in days.
        launched_within_days: how recent a launch counts as new.
    Returns:
        One row per new SKU, latest launch first: sku, product_name, category,
        launched_on, days_on_sale (to the period end), then per window N: revenue_N,
        units_N, benchmark_N, index_N.
    Raises:
        NoDataError: no SKU launched in that time (the message says so).

    Example:
        track_new_products(wb, wb.period("2026-10"))[["sku", "index_30"]]
    """
    windows = sorted(int(w) for w in windows)
    end = pd.Timestamp(period.end)
    products = wb.execute(dimensions.products(wb).select("sku", "product_name", "category", "launched_on"))
    new = products[(products["launched_on"] >= end - timedelta(days=launched_within_days))
                   & (products["launched_on"] < end)].copy()
    if new.empty:
        raise NoDataError(
            f"no product was launched in the {launched_within_days} days to {period.last_day:%Y-%m-%d}: "
            "no new products to judge (products.launched_on)", key="no_data.new_products",
            values={"days": launched_within_days, "day": f"{period.last_day:%Y-%m-%d}"},
        )
    first = new["launched_on"].min()
    span = Period(first.date(), period.end, f"{first:%Y-%m-%d}…{period.label}")
    daily = sum_daily_sales(wb, span, platforms, by=("sku",))
    daily = daily.merge(products[["sku", "category", "launched_on"]], on="sku", how="left")
    out = new.assign(days_on_sale=(end - new["launched_on"]).dt.days)
    for w in windows:
        rev, units, bench = [], [], []
        for row in new.itertuples():
            start, stop = row.launched_on, row.launched_on + timedelta(days=w)
            if stop > end:
                rev.append(np.nan), units.append(np.nan), bench.append(np.nan)
                continue
            in_window = daily[(daily["day"] >= start) & (daily["day"] < stop)]
            own = in_window[in_window["sku"] == row.sku]
            peers = in_window[(in_window["category"] == row.category)
                              & (in_window["launched_on"] <= start - timedelta(days=ESTABLISHED_AFTER_DAYS))]
            sellers = peers["sku"].nunique()
            rev.append(float(own["revenue"].sum()))
            units.append(float(own["units"].sum()))
            bench.append(float(peers["revenue"].sum()) / sellers if sellers else np.nan)
        out[f"revenue_{w}"] = rev
        out[f"units_{w}"] = units
        out[f"benchmark_{w}"] = bench
        out[f"index_{w}"] = _ratio(out[f"revenue_{w}"], out[f"benchmark_{w}"])
    return out.sort_values(["launched_on", "sku"], ascending=[False, True], ignore_index=True)


# ----------------------------------------------------------------------------- price

#: The key of realisation's NoDataError: (no SKU sold listed, the store has Shopify data) → key.
_NO_LIST_PRICE = {
    (False, False): "products.price.no_list_price",
    (True, False): "products.price.no_list_price.none_listed",
    (False, True): "products.price.no_list_price.shopify",
    (True, True): "products.price.no_list_price.none_listed.shopify",
}


def measure_price_realisation(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str = "category",
) -> pd.DataFrame:
    """Price and discount realised against list price (价格实现率), by category or SKU.

    Formula: ``realisation = Σ line sales / Σ (units × list price)``;
    ``discount_depth = 1 − realisation`` = ``price_cut`` (selling price set below list:
    1 − Σ units × unit price / list value) + ``discount_share`` (line discounts / list
    value); ``avg_price`` = line sales / units against ``avg_list_price``.

    Args:
        wb: the workbook.
        period: the month (orders paid in it).
        platforms: platforms to include; None = all.
        by: ``category`` or ``sku``.
    Returns:
        One row per group, then ``total``: the group, units, list_amount, sales_amount,
        discount_amount, avg_list_price, avg_price, realisation, discount_depth,
        price_cut, discount_share — deepest discount first.

    Example:
        measure_price_realisation(wb, wb.period("2026-10"))[["category", "realisation"]]
    """
    if by not in ("category", "sku"):
        raise StorebookError(f"cannot group prices by {by}; choose category or sku")
    daily = sum_daily_sales(wb, period, platforms, by=("sku",))
    if daily.empty:
        plats = wb.platforms(platforms)
        raise NoDataError(f"no sales in {period.label} on {', '.join(plats)}: choose another month or platform",
                          key="no_data.sales", values={"month": period.label, "platforms": plats})
    products = dimensions.catalogue(wb, "category", "list_price")
    sku = (daily.groupby("sku", as_index=False)[["units", "revenue", "discount_amount"]].sum()
           .merge(products, on="sku", how="left")
           .assign(list_amount=lambda d: d["units"] * d["list_price"]))
    # Only a SKU with a list price has a realisation: one without (not in the catalogue, or
    # listed unpriced) would add its sales but no list value. A priced SKU of no category is
    # in the unknown category, not left out.
    priced = sku["list_price"].notna()
    if not priced.any():
        missing = int((~sku["sku"].isin(products["sku"])).sum())
        # None of them listed: "(14 of them are not in it)" said of all 14 (a Shopify store whose
        # orders and catalogue share no SKU).
        # The how-to names Shopify's columns only where the store has Shopify data.
        shopify = identity.holds_shopify_data(wb.ingest_manifest())
        raise NoDataError(
            f"none of the {len(sku)} SKUs sold in {period.label} has a list price in the product catalogue "
            f"({missing} are not in it)",
            key=_NO_LIST_PRICE[missing == len(sku), shopify],
            values={"skus": len(sku), "month": period.label, "missing": missing})
    sku = sku[priced].assign(category=lambda d: d["category"].fillna(dimensions.UNKNOWN))
    g = sku.groupby(by, as_index=False)[["units", "list_amount", "revenue", "discount_amount"]].sum()
    total = g[["units", "list_amount", "revenue", "discount_amount"]].sum().to_frame().T.assign(**{by: TOTAL})
    g = pd.concat([g, total[g.columns]], ignore_index=True).rename(columns={"revenue": "sales_amount"})
    out = g.assign(
        avg_list_price=lambda d: _ratio(d["list_amount"], d["units"]),
        avg_price=lambda d: _ratio(d["sales_amount"], d["units"]),
        realisation=lambda d: _ratio(d["sales_amount"], d["list_amount"]),
        discount_share=lambda d: _ratio(d["discount_amount"], d["list_amount"]),
    ).assign(
        discount_depth=lambda d: 1 - d["realisation"],
        # Σ units × unit price = line sales + line discounts (the line identity).
        price_cut=lambda d: (1 - _ratio(d["sales_amount"] + d["discount_amount"], d["list_amount"])).round(10),
    )
    out = out.assign(_t=(out[by] == TOTAL).astype(int)).sort_values(["_t", "discount_depth"], ascending=[True, False])
    return out[[by, "units", "list_amount", "sales_amount", "discount_amount", "avg_list_price", "avg_price",
                "realisation", "discount_depth", "price_cut", "discount_share"]].reset_index(drop=True)


# ----------------------------------------------------------------------------- returns

def flag_high_returns(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    min_units: int = 20,
    factor: float = 2.0,
) -> pd.DataFrame:
    """Return rate by SKU against its category (退货率), flagging the outliers.

    The return rate is :func:`storebook.measures.returns.summarise_returns`' (units returned in the
    month ÷ units sold in the month). A SKU is flagged when it sold at least
    ``min_units``, its rate is at least ``factor`` × its category's, and the low end of
    its 95 % Wilson interval (:func:`storebook.measures.stats.wilson_interval`) is still above the
    category's rate — so one return on a small seller is not a finding.

    Returns:
        One row per SKU sold in the month, highest rate first: sku, product_name,
        category, units_sold, units_returned, return_rate, return_rate_low,
        category_return_rate, category_multiple (rate ÷ category rate), refund_amount, is_high.

    Example:
        r = flag_high_returns(wb, wb.period("2026-10"))
        r[r.is_high]
    """
    by_sku = summarise_returns(wb, period, platforms, by="sku")
    by_cat = summarise_returns(wb, period, platforms, by="category")
    cat = by_cat[["category", "return_rate"]].rename(columns={"return_rate": "category_return_rate"})
    out = by_sku[by_sku["units_sold"] > 0].merge(cat, on="category", how="left")
    out = out.assign(category_multiple=lambda d: _ratio(d["return_rate"], d["category_return_rate"]))
    low, _ = stats.wilson_interval(out["units_returned"].to_numpy(), out["units_sold"].to_numpy())
    out["return_rate_low"] = low
    out["is_high"] = ((out["units_sold"] >= min_units) & (out["category_multiple"] >= factor)
                      & (out["return_rate_low"] > out["category_return_rate"])).astype(bool)
    out = out.sort_values(["is_high", "return_rate", "units_sold", "sku"], ascending=[False, False, False, True])
    return out[["sku", "product_name", "category", "units_sold", "units_returned", "return_rate",
                "return_rate_low", "category_return_rate", "category_multiple", "refund_amount", "is_high"]].reset_index(drop=True)


# ----------------------------------------------------------------------------- the report's numbers

#: The headline of the products report, in the order the index shows it.
HEADLINE_METRICS: tuple[str, ...] = ("skus_sold", "a_sku_share", "tail_revenue_share", "overstock_value",
                                     "price_realisation")


def summarise_products(wb: Workbook, period: Period, platforms: list[str] | None = None) -> dict[str, float]:
    """The headline numbers of the assortment for one month (all chosen platforms together).

    Returns:
        ``skus_sold`` (SKUs with sales in the month), ``a_sku_share`` (share of the
        assortment that makes 80 % of revenue, :func:`classify_skus`: the assortment is the SKUs
        on sale, those sold and the unsold the catalogue calls active; an unsold SKU whose
        status the catalogue does not give is not counted in it), ``tail_revenue_share``
        (revenue share of class C), ``overstock_value`` (stock at cost of the SKUs
        :func:`flag_stock_health` calls overstock; NaN without inventory) and
        ``price_realisation`` (:func:`measure_price_realisation`'s total).
    Raises:
        NoDataError: no sales in the month.
    """
    abc = classify_skus(wb, period, platforms)
    try:
        revenue = summarise_abc(abc, "revenue").set_index("abc")
    except NoDataError:  # line amounts unknown: no revenue classes (not classes of zeros)
        revenue = pd.DataFrame({"sku_share": np.nan, "amount_share": np.nan}, index=["A", "B", "C"])
    try:
        price = measure_price_realisation(wb, period, platforms)
        realisation = float(price.loc[price["category"] == TOTAL, "realisation"].iloc[0])
    except NoDataError as e:  # no SKU sold has a list price: realisation unknown, not 0
        if not (e.key or "").startswith("products.price.no_list_price"):
            raise
        realisation = float("nan")
    try:
        stock = flag_stock_health(wb, period, platforms)
        over = stock.loc[stock["is_overstock"], "stock_value"]
        # No overstock: 0; overstock whose cost is unknown throughout: unknown, not 0.
        overstock = float(over.sum()) if over.empty or over.notna().any() else float("nan")
    except NoDataError:
        overstock = float("nan")
    sold = compute_sku_margins(wb, period, platforms)
    return {
        "skus_sold": float((sold["units"] > 0).sum()),
        "a_sku_share": _assortment_share(abc, revenue),
        "tail_revenue_share": float(revenue.at["C", "amount_share"]),
        "overstock_value": overstock,
        "price_realisation": realisation,
    }


def _assortment_share(abc: pd.DataFrame, revenue: pd.DataFrame) -> float:
    """Class A's share of the assortment on sale: the SKUs ranked by revenue that sold, or that
    the catalogue calls active (an unsold SKU of unknown status, ``is_active`` missing, is not
    known to be on sale: Olist's 32,951 unflagged products made "0.01% of the assortment")."""
    if "skus" not in revenue:  # no revenue classes (line amounts unknown)
        return float(revenue.at["A", "sku_share"])
    ranked = abc[abc["abc_revenue"].notna()]
    on_sale = int(((ranked["units"] > 0) | ranked["is_active"].astype("boolean").fillna(False)).sum())
    return float(revenue.at["A", "skus"]) / on_sale


def products_headline(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The headline numbers with their change on the prior month and on last year.

    Returns:
        One row per metric (platform ``total``): platform, metric, value, prior, last_year,
        vs_prior, vs_last_year (missing where the comparison month has no data).
    """
    current = summarise_products(wb, period, platforms)

    def other(p: Period) -> dict[str, float]:
        try:
            return summarise_products(wb, p, platforms)
        except NoDataError:
            return {}

    def wide(values: dict[str, float]) -> pd.DataFrame:
        row = [{"platform": TOTAL, **{m: values[m] for m in HEADLINE_METRICS}}] if values else []
        return pd.DataFrame(row, columns=["platform", *HEADLINE_METRICS])

    return compare_months(wide(current), wide(other(period.prior())), wide(other(period.last_year())),
                          HEADLINE_METRICS)


def headline_facts(headline: pd.DataFrame) -> dict[str, Any]:
    """The numbers of the headline takeaway, from :func:`products_headline`; the sentence's
    ``variant`` where a part is unknown: ``revenue_unknown`` (no line amount: the SKUs sold
    only), ``sales_only`` (revenue known, neither stock at cost nor list prices), ``no_stock``
    or ``no_realisation`` where one of the two is unknown (the UCI Online Retail page read
    "Overstock ties up n/a at cost, and we realised … of list price")."""
    facts = headline_numbers(headline, HEADLINE_METRICS, comparisons=('vs_prior',))
    unknown = {m for m in HEADLINE_METRICS if pd.isna(facts[m])}
    if "a_sku_share" in unknown:
        facts["variant"] = "revenue_unknown"
    elif {"overstock_value", "price_realisation"} <= unknown:
        facts["variant"] = "sales_only"
    elif "overstock_value" in unknown:
        facts["variant"] = "no_stock"
    elif "price_realisation" in unknown:
        facts["variant"] = "no_realisation"
    return facts


def headline_record(headline: pd.DataFrame, text) -> list[dict[str, Any]]:
    """The headline record the report index shows."""
    return headline_entries(headline, text)


def abc_facts(abc: pd.DataFrame, months: int = ABC_MONTHS, text: Any = None) -> dict[str, Any]:
    """Takeaway numbers of :func:`classify_skus` by revenue: classes and the long tail.

    ``window`` is the span the classes cover, in ``text``'s language (the page's
    :class:`~storebook.report.text.Text`; None without one): the ``months`` months to the
    report month, or the days since the orders began where they begin inside them
    (``abc.attrs["since"]``).

    ``zero_skus`` (SKUs that sold nothing) splits into ``zero_active`` and ``zero_unknown``
    (the catalogue does not say whether they are on sale); variant ``status_unknown`` when
    some are, ``no_status`` when all are, ``no_catalogue`` without a catalogue (which SKUs
    sold nothing is not known)."""
    s = summarise_abc(abc, "revenue").set_index("abc")
    listed = abc.attrs.get("catalogue", True)
    unsold = abc.loc[abc["abc_revenue"].notna() & (abc["units"] <= 0)]
    unknown = int(unsold["is_active"].isna().sum()) if "is_active" in unsold else 0
    zero = int(s["zero_skus"].sum()) if s["zero_skus"].notna().all() else None
    since = abc.attrs.get("since")
    window = (None if text is None else text("products.abc.window.since", since=since) if since
              else text("products.abc.window", months=months))
    return {"window": window, "since": since,
            "skus": int(len(abc)), "a_skus": int(s.at["A", "skus"]), "a_sku_share": s.at["A", "sku_share"],
            "a_share": s.at["A", "amount_share"], "c_skus": int(s.at["C", "skus"]),
            "c_sku_share": s.at["C", "sku_share"], "c_share": s.at["C", "amount_share"],
            "zero_skus": zero, "zero_active": None if zero is None else zero - unknown,
            "zero_unknown": None if zero is None else unknown, "months": months,
            "variant": ("unmatched" if abc.attrs.get("unmatched") else "no_catalogue" if not listed
                        else None if not unknown else "no_status" if unknown == zero else "status_unknown")}


def margin_facts(abc: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers comparing the revenue and margin classes of :func:`classify_skus`."""
    abc = abc[abc["abc_margin"].notna()]  # the SKUs whose margin is known
    big_thin = abc[(abc["abc_revenue"] == "A") & (abc["abc_margin"] != "A")]
    loss = abc[abc["is_loss"]]
    a_margin = abc[abc["abc_margin"] == "A"]
    return {"a_margin_skus": int(len(a_margin)), "big_thin": int(len(big_thin)),
            "big_thin_revenue": float(big_thin["revenue"].sum()), "loss_skus": int(len(loss)),
            "loss_amount": float(-loss["gross_margin"].sum()),
            "gross_margin_rate": gross_margin_rate(abc["gross_margin"].sum(), abc["revenue"].sum()),
            "variant": "no_loss" if loss.empty else None}


def stock_facts(stock: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`flag_stock_health`."""
    over = stock[stock["is_overstock"]]
    slow = stock[stock["is_slow_mover"]]
    top = over.iloc[0] if len(over) else None
    return {"skus": int(len(stock)), "overstock": int(len(over)), "overstock_value": float(over["stock_value"].sum()),
            "excess_value": float(over["excess_value"].sum()), "slow": int(len(slow)),
            "stock_value": float(stock["stock_value"].sum()),
            "top_sku": None if top is None else top["sku"], "top_name": None if top is None else top["product_name"],
            "top_cover": None if top is None else top["days_of_cover"],
            "top_excess": None if top is None else float(top["excess_value"]),
            "variant": "none" if over.empty else None}


def new_product_facts(new: pd.DataFrame, window: int = 30) -> dict[str, Any]:
    """Takeaway numbers of :func:`track_new_products` at ``window`` days."""
    judged = new[new[f"index_{window}"].notna()]
    if judged.empty:
        return {"new": int(len(new)), "judged": 0, "window": window, "variant": "none", "best": None,
                "best_name": None, "best_index": float("nan"), "worst": None, "worst_name": None,
                "worst_index": float("nan"), "above": 0}
    best = judged.loc[judged[f"index_{window}"].idxmax()]
    worst = judged.loc[judged[f"index_{window}"].idxmin()]
    return {"new": int(len(new)), "judged": int(len(judged)), "window": window, "variant": None,
            "best": best["sku"], "best_name": best["product_name"], "best_index": float(best[f"index_{window}"]),
            "worst": worst["sku"], "worst_name": worst["product_name"],
            "worst_index": float(worst[f"index_{window}"]), "above": int((judged[f"index_{window}"] >= 1).sum())}


def price_facts(price: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`measure_price_realisation` by category.

    ``list_uplift``: how much more the units would have brought at list price than they did,
    Σ (units × list price) ÷ Σ line sales − 1 = 1 ÷ realisation − 1 (a depth of 20% of list is
    25% more than the sales); missing where nothing was sold for money.

    Example:
        >>> t = pd.DataFrame({"category": [TOTAL], "realisation": [0.8], "discount_depth": [0.2],
        ...                   "discount_amount": [50.0], "price_cut": [0.1]})
        >>> round(float(price_facts(t)["list_uplift"]), 4), float(price_facts(t)["discount_depth"])
        (0.25, 0.2)
    """
    total = price[price["category"] == TOTAL].iloc[0]
    cats = price[price["category"] != TOTAL]
    deepest = cats.iloc[0] if len(cats) else None
    realisation = total["realisation"]
    uplift = float(1 / realisation - 1) if pd.notna(realisation) and realisation > 0 else None
    return {"realisation": realisation, "discount_depth": total["discount_depth"], "list_uplift": uplift,
            "discount_amount": total["discount_amount"], "price_cut": total["price_cut"],
            "deepest": None if deepest is None else deepest["category"],
            "deepest_depth": None if deepest is None else deepest["discount_depth"]}


def return_facts(returns: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`flag_high_returns`."""
    high = returns[returns["is_high"]]
    rate = _ratio(returns["units_returned"].sum(), returns["units_sold"].sum())
    top = high.iloc[0] if len(high) else None
    return {"return_rate": rate, "high": int(len(high)), "variant": "none" if top is None else None,
            "top_sku": None if top is None else top["sku"], "top_name": None if top is None else top["product_name"],
            "top_rate": None if top is None else top["return_rate"],
            "top_category_rate": None if top is None else top["category_return_rate"]}


def cross_abc(abc: pd.DataFrame) -> pd.DataFrame:
    """SKUs per revenue class × margin class of :func:`classify_skus` (for a cross table).

    Example:
        >>> abc = pd.DataFrame({"abc_revenue": ["A", "A", "B"], "abc_margin": ["A", "B", "B"]})
        >>> cross_abc(abc).query("abc_revenue == 'A'")["skus"].tolist()
        [1, 1, 0]
    """
    grid = pd.MultiIndex.from_product([["A", "B", "C"], ["A", "B", "C"]], names=["abc_revenue", "abc_margin"])
    counts = abc.groupby(["abc_revenue", "abc_margin"]).size().reindex(grid, fill_value=0)
    return counts.rename("skus").reset_index()
