"""Stock and its cover: each SKU's stock on hand, its in-stock daily sales rate, days of cover
and sell-through — what supplier and products both report — and the month's stockout rates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from storebook.engine import dimensions
from storebook.engine.periods import Period, month_of
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures.sales import sum_daily_sales

#: Months of history the in-stock daily sales rate is measured on (the month included).
RATE_MONTHS = 3


def rate_window(period: Period) -> Period:
    """The days the in-stock sales rate is measured on: the last RATE_MONTHS months of
    ``period`` (the whole of it when it is longer)."""
    last = month_of(period.last_day).trailing(RATE_MONTHS)
    return Period(min(period.start, last.start), period.end, f"rate {period.label}")


def sales_rates(daily: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """In-stock daily sales rate and average selling price per SKU (rate window)."""
    in_stock = daily.loc[~daily["is_stockout"]]
    rates = in_stock.groupby("sku").agg(in_stock_days=("day", "size"), in_stock_units=("units", "sum"))
    sold = daily.groupby("sku").agg(units=("units", "sum"), revenue=("revenue", "sum"))
    out = (
        products.set_index("sku")[["list_price"]]
        .join(rates, how="left")
        .join(sold, how="left")
        .fillna({"in_stock_days": 0, "in_stock_units": 0.0, "units": 0.0, "revenue": 0.0})
    )
    days, units = out["in_stock_days"], out["units"]
    rate = np.where(days > 0, out["in_stock_units"] / days.where(days > 0, 1), np.nan)
    price = np.where(units > 0, out["revenue"] / units.where(units > 0, 1), out["list_price"])
    return pd.DataFrame({"daily_rate": rate, "avg_price": price}, index=out.index).reset_index()


def stock_frame(wb: Workbook, start, end, period_start):
    """End-of-day stock of stocked items in ``[start, end)``: per SKU × day (on hand over
    all warehouses, how many warehouses ended empty, how many held a snapshot), and the
    empty SKU × warehouse × days from ``period_start``.

    Only stocked items count: SKUs still active (``is_active``), from their launch day (where
    the catalogue gives one). A discontinued SKU selling down to zero is not out of stock.
    """
    inv = wb.table("inventory")
    live = dimensions.products(wb).filter(lambda p: p.is_active).select("sku", "launched_on")
    inv = inv.join(live, "sku")
    # A SKU whose launch day the catalogue does not give counts from its first snapshot: a null
    # comparison left out every SKU of a catalogue without launch dates (Amazon India's 9,169).
    launched = inv.launched_on.isnull() | (inv.snapshot_on >= inv.launched_on)
    inv = inv.filter((inv.snapshot_on >= start) & (inv.snapshot_on < end) & launched)
    per_sku = inv.group_by(["sku", "snapshot_on"]).aggregate(
        on_hand=inv.on_hand.sum(),
        empty_warehouses=(inv.on_hand <= 0).cast("int64").sum(),
        warehouses=inv.count(),
    )
    empty = inv.filter((inv.on_hand <= 0) & (inv.snapshot_on >= period_start)).select(
        "sku", "warehouse", day=inv.snapshot_on
    )
    return wb.execute(per_sku).rename(columns={"snapshot_on": "day"}), wb.execute(empty)


def stock_and_sales(wb: Workbook, period: Period, platforms: list[str] | None):
    """Per SKU × day (rate window): on hand over all warehouses, stockout flags, sales (NaN
    where the store has no orders with their lines: unknown); and the empty SKU × warehouse ×
    days of ``period``."""
    window = rate_window(period)
    per_sku, empty = stock_frame(wb, window.start, window.end, period.start)
    if per_sku.empty or not (per_sku["day"] >= period.start_ts).any():
        raise NoDataError(
            f"no inventory snapshots in {period.label}: check that the inventory export covers "
            "that month (data/raw/inventory/) and run `storebook ingest`",
            key="no_data.inventory", values={"month": period.label},
        )
    if wb.has("orders") and wb.has("order_lines"):
        sales = sum_daily_sales(wb, window, platforms, by=("sku",))
        unsold = 0.0  # a SKU-day without a sale sold nothing
    else:
        # Stock without sales (a seller's stock report alone): what sold is unknown, never 0.
        sales = pd.DataFrame({"sku": pd.Series(dtype="str"), "day": pd.Series(dtype=per_sku["day"].dtype),
                              "units": pd.Series(dtype="float64"), "revenue": pd.Series(dtype="float64")})
        unsold = np.nan
    daily = (
        per_sku.merge(sales, on=["sku", "day"], how="left")
        .fillna({"units": unsold, "revenue": unsold})
        .assign(is_stockout=lambda d: d["on_hand"] <= 0, in_period=lambda d: d["day"] >= period.start_ts)
    )
    return daily, empty


def measure_inventory(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Stock health per SKU for the month.

    A **stockout day** (缺货天数) of a SKU is a day it ended with nothing on hand in any
    warehouse: buyers could not get it. A **warehouse stockout day** is a day one
    warehouse ended empty (orders then ship from a farther warehouse, slower and in
    more parcels); each empty warehouse counts.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms whose sales count (default all); stock is shared.

    Returns:
        One row per stocked SKU (active, launched) with snapshots in the month, most
        stockout days first: sku, product_name, category, supplier_id, stockout_days,
        warehouse_stockout_days, days, closing_on_hand, units_sold, daily_rate (in-stock
        daily sales rate over the last 3 months (RATE_MONTHS): units sold on days not out
        of stock / those days), days_of_cover (库存可售天数 = closing on hand / daily rate;
        NaN when nothing sells), sell_through (售罄率 = units sold / (units sold + closing
        on hand)). Without orders and their lines, units_sold, daily_rate, days_of_cover
        and sell_through are NaN (unknown): the stock and its stockouts are still measured.

    Raises:
        NoDataError: no inventory snapshot in the month.

    Example:
        measure_inventory(wb, wb.period("2026-10")).head()
    """
    daily, _ = stock_and_sales(wb, period, platforms)
    products = wb.execute(dimensions.products(wb).select("sku", "product_name", "category", "supplier_id", "list_price"))
    rates = sales_rates(daily, products)
    month = daily.loc[daily["in_period"]].sort_values(["sku", "day"])
    per_sku = month.groupby("sku").agg(
        stockout_days=("is_stockout", "sum"),
        warehouse_stockout_days=("empty_warehouses", "sum"),
        days=("day", "size"),
        closing_on_hand=("on_hand", "last"),
        units_sold=("units", "sum"),
    ).reset_index()
    out = per_sku.merge(rates[["sku", "daily_rate"]], on="sku", how="left").merge(
        products.drop(columns="list_price"), on="sku", how="left"
    )
    if daily["units"].isna().all():  # no sales to judge the stock by (stock_and_sales)
        out = out.assign(units_sold=np.nan, daily_rate=np.nan)
    rate = out["daily_rate"]
    moved = out["units_sold"] + out["closing_on_hand"]
    out = out.assign(
        stockout_days=out["stockout_days"].astype("int64"),
        warehouse_stockout_days=out["warehouse_stockout_days"].astype("int64"),
        closing_on_hand=out["closing_on_hand"].astype("float64"),
        days_of_cover=np.where(rate > 0, out["closing_on_hand"] / rate.where(rate > 0, 1), np.nan),
        sell_through=np.where(moved > 0, out["units_sold"] / moved.where(moved > 0, 1), np.nan),
    )
    cols = ["sku", "product_name", "category", "supplier_id", "stockout_days", "warehouse_stockout_days",
            "days", "closing_on_hand", "units_sold", "daily_rate", "days_of_cover", "sell_through"]
    return out.loc[:, cols].sort_values(
        ["stockout_days", "warehouse_stockout_days", "sku"], ascending=[False, False, True], ignore_index=True
    )


def measure_stockout_rates(wb: Workbook, period: Period) -> dict[str, float]:
    """The share of the month's stock that was out: what a count of stockout days cannot say
    without the number of SKUs and days behind it.

    - stockout rate (缺货率) = SKU-days that ended with nothing on hand in any warehouse /
      SKU-days of stocked items (active, launched) with a snapshot;
    - warehouse stockout rate (分仓缺货率) = SKU × warehouse days that ended empty /
      SKU × warehouse days with a snapshot.

    Args:
        wb: the workbook.
        period: the month (or any window).

    Returns:
        ``stockout_rate``, ``warehouse_stockout_rate``, and their counts: ``stockout_days``,
        ``sku_days``, ``warehouse_stockout_days``, ``warehouse_days``.

    Raises:
        NoDataError: no inventory snapshot of a stocked item in ``period``.

    Example:
        >>> # 10 SKUs × 30 days, 6 of those SKU-days out everywhere: a stockout rate of 2%.
        >>> 6 / (10 * 30)
        0.02
    """
    per_sku, _ = stock_frame(wb, period.start, period.end, period.end)
    if per_sku.empty:
        raise NoDataError(
            f"no inventory snapshots in {period.label}: check that the inventory export covers "
            "that month (data/raw/inventory/) and run `storebook ingest`",
            key="no_data.inventory", values={"month": period.label},
        )
    out_days = int((per_sku["on_hand"] <= 0).sum())
    empty, held = int(per_sku["empty_warehouses"].sum()), int(per_sku["warehouses"].sum())
    return {
        "stockout_rate": out_days / len(per_sku), "warehouse_stockout_rate": empty / held,
        "stockout_days": out_days, "sku_days": len(per_sku),
        "warehouse_stockout_days": empty, "warehouse_days": held,
    }
