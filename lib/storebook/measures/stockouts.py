"""Stockouts and what caused them: each day a stocked SKU ran out (everywhere, or in one
warehouse), blamed on a late or short purchase-order delivery where one explains it, and the
sales it lost — per supplier over a month or a trailing window.

- stockout day (缺货天数): a day whose end-of-day on-hand across warehouses is 0 (buyers
  could not get the SKU: sales were lost); a warehouse stockout day: one warehouse empty
  (orders ship from a farther one: nothing lost, but slower).
- lost sales (缺货损失) = in-stock daily sales rate × stockout days × average selling price.

The supplier report shows them (``storebook.supplier.attribute_stockouts``,
``storebook.supplier.sum_lost_sales``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from storebook.engine import dimensions
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.measures.inventory import sales_rates as _sales_rates
from storebook.measures.inventory import stock_and_sales as _stock_and_sales

__all__ = ["attribute_stockouts", "sum_lost_sales"]

def _po_lines(wb: Workbook, skus: list[str], end) -> pd.DataFrame:
    """Every PO line of ``skus`` ordered before ``end`` (received or open)."""
    po = wb.table("purchase_orders")
    lines = po.filter(po.sku.isin(skus) & (po.ordered_on < end)).select(
        "po_id", "line_no", "supplier_id", "sku", "promised_on", "received_on",
        "qty_ordered", "qty_received", "qty_rejected",
    )
    return wb.execute(lines)


_STOCKOUT_COLUMNS = ["level", "sku", "warehouse", "day", "cause", "supplier_id", "po_id", "line_no",
                     "lost_units", "lost_sales_amount"]


def attribute_stockouts(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Each stockout day of ``period``, with its cause and the sales it lost.

    Two levels: ``sku`` rows are days a SKU was out in every warehouse (buyers could not
    get it: sales were lost); ``warehouse`` rows are days one warehouse was out (orders
    shipped from another one: nothing lost, but slower). A stockout day is blamed on:

    - ``late``: a PO line of the SKU was due on or before that day and had not arrived
      (received later, or still open) — the supplier of that line (the earliest due);
    - ``short``: otherwise, when the SKU's last receipt before that day came in short
      (accepted units = received − rejected < ordered) and the missing units would have
      covered the day: the first ⌈missing units / daily rate⌉ stockout days after it;
    - ``other``: no late or short delivery explains it (ordering too little, a demand
      spike); the SKU's own supplier is named but not blamed.

    Purchase orders do not name a warehouse, so a warehouse's stockout is judged on the
    SKU's deliveries as a whole.

    Lost sales (缺货损失, ``sku`` rows only) = in-stock daily sales rate × 1 day × average
    selling price, both measured over the last 3 months (RATE_MONTHS) of ``period``.

    Args:
        wb: the workbook.
        period: a month, or a longer window (``period.trailing(6)``).
        platforms: the platforms whose sales count (default all); stock is shared.

    Returns:
        One row per stockout day: level (``sku`` / ``warehouse``), sku, warehouse (empty
        for ``sku`` rows), day, cause (late / short / other), supplier_id (blamed, or the
        SKU's supplier for ``other``), po_id, line_no (the delivery blamed), lost_units,
        lost_sales_amount. Empty when nothing ran out.

    Raises:
        NoDataError: no inventory snapshot in ``period``.
    """
    daily, empty = _stock_and_sales(wb, period, platforms)
    products = wb.execute(dimensions.products(wb).select("sku", "supplier_id", "list_price"))
    rates = _sales_rates(daily, products).set_index("sku")
    sku_days = daily.loc[daily["in_period"] & daily["is_stockout"], ["sku", "day"]].assign(warehouse="")
    wh_days = empty.loc[:, ["sku", "warehouse", "day"]]
    if sku_days.empty and wh_days.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c.startswith("lost") else "str")
                             for c in _STOCKOUT_COLUMNS})
    skus = sorted(set(sku_days["sku"]) | set(wh_days["sku"]))
    lines = _po_lines(wb, skus, period.end_ts)
    deliveries = _Deliveries.of_each(lines)
    no_lines = _Deliveries.none()
    sup_of = products.set_index("sku")["supplier_id"]
    rows = []
    for level, frame in (("sku", sku_days), ("warehouse", wh_days)):
        for (sku, warehouse), group in frame.groupby(["sku", "warehouse"], sort=True):
            rate = float(rates["daily_rate"].get(sku, np.nan))
            price = float(rates["avg_price"].get(sku, np.nan))
            rate = rate if np.isfinite(rate) else 0.0
            lost = rate if level == "sku" else 0.0
            value = lost * price if np.isfinite(price) else 0.0
            for day, cause, line in _causes(sorted(group["day"]), deliveries.get(sku, no_lines), rate):
                rows.append({
                    "level": level, "sku": sku, "warehouse": warehouse, "day": day, "cause": cause,
                    "supplier_id": line["supplier_id"] if line is not None else sup_of.get(sku),
                    "po_id": line["po_id"] if line is not None else None,
                    "line_no": int(line["line_no"]) if line is not None else None,
                    "lost_units": lost, "lost_sales_amount": value,
                })
    return pd.DataFrame(rows, columns=_STOCKOUT_COLUMNS).sort_values(
        ["level", "sku", "warehouse", "day"], ignore_index=True
    )


@dataclass
class _Deliveries:
    """One SKU's PO lines, ready for :func:`_causes`."""

    records: list[dict]          # by promised date
    promised: np.ndarray
    received: np.ndarray
    is_open: np.ndarray
    done: list[dict]             # received lines, by receipt date
    done_on: np.ndarray

    @classmethod
    def of_each(cls, lines: pd.DataFrame) -> dict[str, _Deliveries]:
        """The deliveries of every SKU in ``lines`` (sorted and split once)."""
        by_promise = lines.sort_values(["sku", "promised_on", "po_id", "line_no"], ignore_index=True)
        by_receipt = lines.loc[lines["received_on"].notna()].sort_values(
            ["sku", "received_on", "po_id", "line_no"], ignore_index=True
        )
        records, done = by_promise.to_dict("records"), by_receipt.to_dict("records")
        promised, received = by_promise["promised_on"].to_numpy(), by_promise["received_on"].to_numpy()
        done_on = by_receipt["received_on"].to_numpy()
        out = {}
        for sku, rows in by_promise.groupby("sku", sort=False).indices.items():
            a, b = rows[0], rows[-1] + 1  # sorted by sku: contiguous
            d = by_receipt.index[by_receipt["sku"].to_numpy() == sku]
            c, e = (d[0], d[-1] + 1) if len(d) else (0, 0)
            out[sku] = cls(records[a:b], promised[a:b], received[a:b], pd.isna(received[a:b]),
                           done[c:e], done_on[c:e])
        return out

    @classmethod
    def none(cls) -> _Deliveries:
        empty = np.array([], dtype="datetime64[us]")
        return cls([], empty, empty, np.array([], dtype=bool), [], empty)


def _causes(days: list[pd.Timestamp], po: _Deliveries, rate: float):
    """Yield (day, cause, blamed PO line as a dict, or None) for each stockout day of one
    SKU (or one SKU × warehouse), in order."""
    covered: dict[int, float] = {}  # receipt (position in ``po.done``) → stockout days its shortfall still covers
    for day in days:
        stamp = np.datetime64(day)
        overdue = (po.promised <= stamp) & (po.is_open | (po.received > stamp))
        if overdue.any():
            yield day, "late", po.records[int(np.argmax(overdue))]
            continue
        before = int(np.searchsorted(po.done_on, stamp, side="right"))
        if before:
            last = po.done[before - 1]
            if before not in covered:
                missing = float(last["qty_ordered"] - (last["qty_received"] - last["qty_rejected"]))
                covered[before] = (math.ceil(missing / rate) if rate > 0 else math.inf) if missing > 0 else 0
            if covered[before] > 0:
                covered[before] -= 1
                yield day, "short", last
                continue
        yield day, "other", None


def sum_lost_sales(
    wb: Workbook, period: Period, platforms: list[str] | None = None, months: int = 1,
) -> pd.DataFrame:
    """Stockout days and lost sales per supplier and cause, over the last ``months``.

    Sums :func:`attribute_stockouts` over ``period.trailing(months)``: late and short
    stockouts are the blamed supplier's; ``other`` ones are listed under the SKU's
    supplier for completeness. The ``other`` stockouts of SKUs without a supplier (none in
    the catalogue, or not in it) are one row whose supplier_id is missing: their days and
    lost sales count in the totals like any other.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms whose sales count (default all).
        months: months summed, the month included (1 = the month).

    Returns:
        One row per supplier with a stockout (and one, supplier_id missing, for SKUs
        without a supplier): supplier_id, supplier_name, stockout_days
        (SKU out everywhere), late_days, short_days, other_days (their causes),
        warehouse_stockout_days, warehouse_late_days, warehouse_short_days,
        warehouse_other_days, warehouse_attributed_days (late or short), skus (distinct
        SKUs out anywhere), lost_units, lost_sales_amount (all causes),
        attributed_lost_sales_amount (late + short); worst first.

    Raises:
        NoDataError: no inventory snapshot in the window.

    Example:
        sum_lost_sales(wb, wb.period("2026-10"), months=6).head(3)
    """
    window = period if months <= 1 else period.trailing(months)
    days = attribute_stockouts(wb, window, platforms)
    names = wb.execute(wb.table("suppliers").select("supplier_id", "supplier_name"))
    cols = ["supplier_id", "supplier_name", "stockout_days", "late_days", "short_days", "other_days",
            "warehouse_stockout_days", "warehouse_late_days", "warehouse_short_days", "warehouse_other_days",
            "warehouse_attributed_days", "skus", "lost_units", "lost_sales_amount", "attributed_lost_sales_amount"]
    if days.empty:
        return pd.DataFrame({c: pd.Series(dtype="str" if c.startswith("supplier") else "float64") for c in cols})
    sku = days["level"].eq("sku")
    blamed = days["cause"].isin(["late", "short"])
    out = (
        days.assign(
            sku_day=sku.astype("int64"),
            late=(sku & days["cause"].eq("late")).astype("int64"),
            short=(sku & days["cause"].eq("short")).astype("int64"),
            other=(sku & days["cause"].eq("other")).astype("int64"),
            wh_day=(~sku).astype("int64"),
            wh_late=(~sku & days["cause"].eq("late")).astype("int64"),
            wh_short=(~sku & days["cause"].eq("short")).astype("int64"),
            wh_other=(~sku & days["cause"].eq("other")).astype("int64"),
            wh_blamed=(~sku & blamed).astype("int64"),
            attributed=days["lost_sales_amount"].where(blamed, 0.0),
        )
        .groupby("supplier_id", dropna=False)  # a SKU without a supplier: its own row, not dropped
        .agg(
            stockout_days=("sku_day", "sum"), late_days=("late", "sum"), short_days=("short", "sum"),
            other_days=("other", "sum"), warehouse_stockout_days=("wh_day", "sum"),
            warehouse_late_days=("wh_late", "sum"), warehouse_short_days=("wh_short", "sum"),
            warehouse_other_days=("wh_other", "sum"),
            warehouse_attributed_days=("wh_blamed", "sum"), skus=("sku", "nunique"),
            lost_units=("lost_units", "sum"), lost_sales_amount=("lost_sales_amount", "sum"),
            attributed_lost_sales_amount=("attributed", "sum"),
        )
        .reset_index()
        # Text even where no SKU that ran out has a supplier (all missing: read as float).
        .astype({"supplier_id": "str"})
        .merge(names, on="supplier_id", how="left")
    )
    return out.loc[:, cols].sort_values(
        ["attributed_lost_sales_amount", "warehouse_attributed_days", "supplier_id"],
        ascending=[False, False, True], ignore_index=True,
    )
