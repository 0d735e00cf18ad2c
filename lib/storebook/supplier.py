"""Supplier and inventory: who delivers, and what late or short deliveries cost in sales.

Purchase-order lines count in the month they are **due** (``promised_on`` in the month):
a supplier is judged on what it promised for the month, whether it has arrived or not.
Inventory is judged per SKU on the total on hand across warehouses at the end of each day
(a line no warehouse can serve is a lost sale, whichever warehouse ran out).

Metrics (one definition each, here):

- OTIF (准时足量交付率) = lines received on or before the promised date **and** in full
  (qty_received ≥ qty_ordered) / lines due. A line still open after its promised date is
  late; one due but not yet late (promised date after the data's last day) is left out.
- fill rate (满足率) = Σ qty_received / Σ qty_ordered of the lines due.
- rejection (defect) rate (拒收率) = Σ qty_rejected / Σ qty_received.
- lead time (交货周期) = received_on − ordered_on in days; its coefficient of variation
  (变异系数) = standard deviation / mean; its excess = mean − contract lead time.
- unit cost variance (采购价差) = Σ (unit_cost − standard cost) × qty_ordered
  / Σ standard cost × qty_ordered, the standard cost being ``products.unit_cost``.
- stockout day (缺货天数): a day whose end-of-day on-hand across warehouses is 0.
- days of cover (库存可售天数) = closing on hand / in-stock daily sales rate.
- sell-through (售罄率) = units sold / (units sold + closing on hand).
- lost sales (缺货损失) = in-stock daily sales rate × stockout days × average selling price.

Example:
    >>> wb = storebook.open()                                    # doctest: +SKIP
    >>> p = wb.period("2026-10")                                 # doctest: +SKIP
    >>> rank_suppliers(wb, p)[["supplier_id", "rank", "grade"]]  # doctest: +SKIP
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import ibis
import numpy as np
import pandas as pd

from storebook.errors import NoDataError
from storebook.periods import Period
from storebook.promotion import sum_daily_sales
from storebook.workbook import Workbook

__all__ = [
    "THRESHOLDS",
    "Threshold",
    "score_suppliers",
    "rank_suppliers",
    "list_late_short_lines",
    "measure_inventory",
    "attribute_stockouts",
    "sum_lost_sales",
]

#: Months of the trailing window the ranking is built on (the month itself included).
TRAILING_MONTHS = 6
#: Months of history the in-stock daily sales rate is measured on (the month included).
RATE_MONTHS = 3


@dataclass(frozen=True)
class Threshold:
    """Green/amber/red limits of one scorecard metric.

    ``good`` and ``poor`` are the limits: for a metric where higher is better a value
    ≥ ``good`` is green, < ``poor`` red, amber between; the other way round otherwise.
    """

    metric: str
    good: float
    poor: float
    higher_is_better: bool

    def status(self, value: float) -> str:
        """``green``, ``amber`` or ``red`` (``n/a`` when the value is missing)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "n/a"
        if self.higher_is_better:
            return "green" if value >= self.good else ("red" if value < self.poor else "amber")
        return "green" if value <= self.good else ("red" if value > self.poor else "amber")


#: The ranking's limits, stated once (the notebook prints them under the ranking).
THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("otif_rate", 0.90, 0.70, True),
    Threshold("fill_rate", 0.98, 0.90, True),
    Threshold("rejection_rate", 0.01, 0.03, False),
    Threshold("lead_time_excess_days", 1.0, 3.0, False),
    Threshold("lead_time_cv", 0.25, 0.50, False),
    Threshold("cost_variance", 0.02, 0.05, False),
)
_PENALTY = {"green": 0, "amber": 1, "red": 3, "n/a": 0}

_SCORE_COLUMNS = [
    "n_pos", "n_lines", "otif_rate", "on_time_rate", "in_full_rate", "fill_rate",
    "rejection_rate", "mean_lead_time_days", "lead_time_cv", "contract_lead_time_days",
    "lead_time_excess_days", "cost_variance",
]


# ----------------------------------------------------------------------------- PO lines

def _due_lines(wb: Workbook, start, end) -> ibis.Table:
    """PO lines promised in ``[start, end)`` that can be judged, with their flags.

    A line is judged when it was received, or its promised date has passed by the
    last day with data (an open line promised for later is not late yet).
    """
    po = wb.table("purchase_orders")
    products = wb.table("products").select("sku", standard_cost="unit_cost")
    as_of = wb.data_range()[1]
    lines = po.filter((po.promised_on >= start) & (po.promised_on < end))
    lines = lines.filter(lines.received_on.notnull() | (lines.promised_on < ibis.date(as_of)))
    lines = lines.left_join(products, "sku").drop("sku_right")
    received = lines.received_on.notnull()
    on_time = received & (lines.received_on <= lines.promised_on)
    in_full = received & (lines.qty_received >= lines.qty_ordered)
    return lines.mutate(
        is_received=received,
        is_on_time=on_time,
        is_in_full=in_full,
        is_otif=on_time & in_full,
        lead_time_days=lines.received_on.delta(lines.ordered_on, unit="day"),
        days_late=ibis.greatest(
            ibis.coalesce(lines.received_on, ibis.date(as_of)).delta(lines.promised_on, unit="day"), 0
        ),
    )


def score_suppliers(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The delivery scorecard of every supplier with PO lines due in ``period``.

    Args:
        wb: the workbook.
        period: the lines promised in it are scored (a month, or a trailing window).
        platforms: accepted for the house signature; purchase orders are not per platform.

    Returns:
        One row per supplier: supplier_id, supplier_name, n_pos, n_lines, otif_rate
        (准时足量交付率), on_time_rate, in_full_rate, fill_rate (满足率), rejection_rate
        (拒收率), mean_lead_time_days, lead_time_cv (交期变异系数 = sd / mean),
        contract_lead_time_days, lead_time_excess_days (mean − contract), cost_variance
        (采购价差率 = Σ(unit_cost − standard) × qty / Σ standard × qty).

    Raises:
        NoDataError: no PO line is due in ``period``.

    Example:
        >>> score_suppliers(wb, wb.period("2026-10"))[["supplier_id", "otif_rate"]]  # doctest: +SKIP
    """
    lines = _due_lines(wb, period.start, period.end)
    lt = lines.lead_time_days
    agg = lines.group_by("supplier_id").aggregate(
        n_pos=lines.po_id.nunique(),
        n_lines=lines.count(),
        n_otif=lines.is_otif.cast("int64").sum(),
        n_on_time=lines.is_on_time.cast("int64").sum(),
        n_in_full=lines.is_in_full.cast("int64").sum(),
        qty_ordered=lines.qty_ordered.sum().cast("float64"),
        qty_received=lines.qty_received.sum().cast("float64"),
        qty_rejected=lines.qty_rejected.sum().cast("float64"),
        n_received=lines.is_received.cast("int64").sum(),
        mean_lead_time_days=lt.mean(),
        sd_lead_time_days=lt.std(how="sample"),
        cost_delta=((lines.unit_cost - lines.standard_cost) * lines.qty_ordered).sum(),
        cost_standard=(lines.standard_cost * lines.qty_ordered).sum(),
    )
    suppliers = wb.table("suppliers")
    agg = agg.left_join(suppliers, "supplier_id").drop("supplier_id_right")
    frame = wb.execute(agg)
    if frame.empty:
        raise NoDataError(
            f"no purchase-order lines are due in {period.label}: check that the purchase_orders "
            "export covers that month (data/raw/purchase_orders/) and run `storebook ingest`"
        )
    return (
        frame.assign(
            otif_rate=lambda d: _ratio(d["n_otif"], d["n_lines"]),
            on_time_rate=lambda d: _ratio(d["n_on_time"], d["n_lines"]),
            in_full_rate=lambda d: _ratio(d["n_in_full"], d["n_lines"]),
            fill_rate=lambda d: _ratio(d["qty_received"], d["qty_ordered"]),
            rejection_rate=lambda d: _ratio(d["qty_rejected"], d["qty_received"]),
            lead_time_cv=lambda d: _ratio(d["sd_lead_time_days"], d["mean_lead_time_days"]),
            contract_lead_time_days=lambda d: d["contract_lead_time_days"].astype("float64"),
            lead_time_excess_days=lambda d: d["mean_lead_time_days"] - d["contract_lead_time_days"],
            cost_variance=lambda d: _ratio(d["cost_delta"], d["cost_standard"]),
        )
        .loc[:, ["supplier_id", "supplier_name", *_SCORE_COLUMNS]]
        .sort_values("supplier_id", ignore_index=True)
    )


def rank_suppliers(
    wb: Workbook, period: Period, platforms: list[str] | None = None, months: int = TRAILING_MONTHS
) -> pd.DataFrame:
    """Scorecard for the month and the trailing ``months``, graded and ranked.

    Each metric of the trailing window gets a status from :data:`THRESHOLDS` (green,
    amber, red); a supplier's penalty is the sum of 0 / 1 / 3 points over its statuses
    and the ranking orders suppliers by penalty, then OTIF, then fill rate (rank 1 = best).
    The grade is the worst status. The trailing window is what the ranking rests on,
    because a single month holds few PO lines per supplier.

    Args:
        wb: the workbook.
        period: the month.
        platforms: accepted for the house signature; purchase orders are not per platform.
        months: length of the trailing window, the month included.

    Returns:
        One row per supplier with PO lines due in the trailing window: supplier_id,
        supplier_name, rank, grade, penalty, the scorecard columns of the trailing window,
        ``<metric>_status`` per thresholded metric, and ``month_<metric>`` for the month
        (NaN where the supplier had nothing due in the month).

    Raises:
        NoDataError: no PO line is due in the trailing window.

    Example:
        >>> rank_suppliers(wb, wb.period("2026-10")).iloc[-1]["supplier_id"]  # worst  # doctest: +SKIP
    """
    trailing = score_suppliers(wb, period.trailing(months))
    try:
        month = score_suppliers(wb, period)
    except NoDataError:
        month = pd.DataFrame(columns=["supplier_id", *_SCORE_COLUMNS])
    month = month.loc[:, ["supplier_id", *_SCORE_COLUMNS]].rename(
        columns={c: f"month_{c}" for c in _SCORE_COLUMNS}
    )
    statuses = {
        f"{t.metric}_status": trailing[t.metric].map(t.status) for t in THRESHOLDS
    }
    graded = trailing.assign(**statuses)
    status_cols = list(statuses)
    penalty = graded[status_cols].apply(lambda col: col.map(_PENALTY)).sum(axis=1)
    order = {"green": 0, "amber": 1, "red": 2, "n/a": -1}
    worst = graded[status_cols].apply(lambda col: col.map(order)).max(axis=1)
    graded = graded.assign(
        penalty=penalty.astype("int64"),
        grade=worst.map({-1: "n/a", 0: "green", 1: "amber", 2: "red"}),
    ).sort_values(
        ["penalty", "otif_rate", "fill_rate", "supplier_id"],
        ascending=[True, False, False, True],
        ignore_index=True,
    )
    graded = graded.assign(rank=np.arange(1, len(graded) + 1))
    out = graded.merge(month, on="supplier_id", how="left")
    first = ["supplier_id", "supplier_name", "rank", "grade", "penalty"]
    return out.loc[:, first + [c for c in out.columns if c not in first]]


def list_late_short_lines(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """PO lines due in ``period`` that arrived late, short, or not at all.

    Args:
        wb: the workbook.
        period: the month (lines promised in it).
        platforms: accepted for the house signature; purchase orders are not per platform.

    Returns:
        One row per line, latest first: po_id, line_no, supplier_id, supplier_name, sku,
        ordered_on, promised_on, received_on (NaT while open), days_late (against the
        promised date; open lines up to the data's last day), qty_ordered, qty_received,
        qty_short (ordered − received), is_late, is_short, is_open.

    Raises:
        NoDataError: no PO line is due in ``period``.

    Example:
        >>> list_late_short_lines(wb, wb.period("2026-10")).head()  # doctest: +SKIP
    """
    lines = _due_lines(wb, period.start, period.end)
    if wb.scalar(lines.count()) == 0:
        raise NoDataError(
            f"no purchase-order lines are due in {period.label}: check that the purchase_orders "
            "export covers that month (data/raw/purchase_orders/) and run `storebook ingest`"
        )
    flagged = lines.mutate(
        is_late=~lines.is_on_time,
        is_short=lines.is_received & (lines.qty_received < lines.qty_ordered),
        is_open=~lines.is_received,
        qty_short=lines.qty_ordered - lines.qty_received,
    )
    bad = flagged.filter(flagged.is_late | flagged.is_short)
    names = wb.table("suppliers").select("supplier_id", "supplier_name")
    bad = bad.left_join(names, "supplier_id").drop("supplier_id_right")
    cols = ["po_id", "line_no", "supplier_id", "supplier_name", "sku", "ordered_on", "promised_on",
            "received_on", "days_late", "qty_ordered", "qty_received", "qty_short", "is_late",
            "is_short", "is_open"]
    frame = wb.execute(bad.select(*cols))
    return frame.sort_values(["days_late", "qty_short", "po_id", "line_no"],
                             ascending=[False, False, True, True], ignore_index=True)


# ----------------------------------------------------------------------------- inventory

def _daily_stock(wb: Workbook, start, end) -> pd.DataFrame:
    """End-of-day on hand per SKU (all warehouses) for days in ``[start, end)``.

    Only stocked items count: SKUs still active (``is_active``), from their launch day.
    A discontinued SKU selling down to zero is not out of stock.
    """
    inv = wb.table("inventory")
    live = wb.table("products").filter(lambda p: p.is_active).select("sku", "launched_on")
    inv = inv.join(live, "sku")
    inv = inv.filter((inv.snapshot_on >= start) & (inv.snapshot_on < end) & (inv.snapshot_on >= inv.launched_on))
    daily = inv.group_by(["sku", "snapshot_on"]).aggregate(
        on_hand=inv.on_hand.sum(), on_order=inv.on_order.sum()
    )
    return wb.execute(daily).rename(columns={"snapshot_on": "day"})


def _stock_and_sales(wb: Workbook, period: Period, platforms: list[str] | None) -> pd.DataFrame:
    """Per SKU × day over the rate window: on hand, in-stock flag, units and revenue sold."""
    window = period.trailing(RATE_MONTHS)
    stock = _daily_stock(wb, window.start, window.end)
    if stock.empty or not (stock["day"] >= period.start_ts).any():
        raise NoDataError(
            f"no inventory snapshots in {period.label}: check that the inventory export covers "
            "that month (data/raw/inventory/) and run `storebook ingest`"
        )
    sales = sum_daily_sales(wb, window, platforms, by=("sku",))
    return (
        stock.merge(sales, on=["sku", "day"], how="left")
        .fillna({"units": 0.0, "revenue": 0.0})
        .assign(is_stockout=lambda d: d["on_hand"] <= 0, in_month=lambda d: d["day"] >= period.start_ts)
    )


def _sales_rates(daily: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """In-stock daily sales rate and average selling price per SKU (rate window)."""
    in_stock = daily.loc[~daily["is_stockout"]]
    rates = in_stock.groupby("sku").agg(
        in_stock_days=("day", "size"), in_stock_units=("units", "sum")
    )
    sold = daily.groupby("sku").agg(units=("units", "sum"), revenue=("revenue", "sum"))
    out = (
        products.set_index("sku")[["list_price"]]
        .join(rates, how="left")
        .join(sold, how="left")
        .fillna({"in_stock_days": 0, "in_stock_units": 0.0, "units": 0.0, "revenue": 0.0})
    )
    rate = np.where(out["in_stock_days"] > 0, out["in_stock_units"] / out["in_stock_days"].where(out["in_stock_days"] > 0, 1), np.nan)
    price = np.where(out["units"] > 0, out["revenue"] / out["units"].where(out["units"] > 0, 1), out["list_price"])
    return pd.DataFrame({"daily_rate": rate, "avg_price": price}, index=out.index).reset_index()


def measure_inventory(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Stock health per SKU for the month.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms whose sales count (default all); stock is shared.

    Returns:
        One row per SKU with snapshots in the month, most stockout days first: sku,
        product_name, category, supplier_id, stockout_days (缺货天数), days, closing_on_hand,
        units_sold, daily_rate (in-stock daily sales rate over the last 3 months (RATE_MONTHS):
        units sold on in-stock days / in-stock days), days_of_cover (库存可售天数 = closing on
        hand / daily rate; NaN when nothing sells), sell_through (售罄率 = units sold /
        (units sold + closing on hand)).

    Raises:
        NoDataError: no inventory snapshot in the month.

    Example:
        >>> measure_inventory(wb, wb.period("2026-10")).head()  # doctest: +SKIP
    """
    daily = _stock_and_sales(wb, period, platforms)
    products = wb.execute(wb.table("products").select("sku", "product_name", "category", "supplier_id", "list_price"))
    rates = _sales_rates(daily, products)
    month = daily.loc[daily["in_month"]].sort_values(["sku", "day"])
    per_sku = month.groupby("sku").agg(
        stockout_days=("is_stockout", "sum"),
        days=("day", "size"),
        closing_on_hand=("on_hand", "last"),
        units_sold=("units", "sum"),
    ).reset_index()
    out = per_sku.merge(rates[["sku", "daily_rate"]], on="sku", how="left").merge(
        products.drop(columns="list_price"), on="sku", how="left"
    )
    rate = out["daily_rate"]
    moved = out["units_sold"] + out["closing_on_hand"]
    out = out.assign(
        stockout_days=out["stockout_days"].astype("int64"),
        closing_on_hand=out["closing_on_hand"].astype("float64"),
        days_of_cover=np.where(rate > 0, out["closing_on_hand"] / rate.where(rate > 0, 1), np.nan),
        sell_through=np.where(moved > 0, out["units_sold"] / moved.where(moved > 0, 1), np.nan),
    )
    cols = ["sku", "product_name", "category", "supplier_id", "stockout_days", "days",
            "closing_on_hand", "units_sold", "daily_rate", "days_of_cover", "sell_through"]
    return out.loc[:, cols].sort_values(["stockout_days", "sku"], ascending=[False, True], ignore_index=True)


def _received_lines(wb: Workbook, skus: list[str], end) -> pd.DataFrame:
    """Every PO line of ``skus`` ordered before ``end`` (received or open)."""
    po = wb.table("purchase_orders")
    lines = po.filter(po.sku.isin(skus) & (po.ordered_on < end)).select(
        "po_id", "line_no", "supplier_id", "sku", "promised_on", "received_on",
        "qty_ordered", "qty_received", "qty_rejected",
    )
    return wb.execute(lines)


def attribute_stockouts(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Each stockout day of the month, with its cause and the sales it lost.

    A stockout day of a SKU is blamed on:

    - ``late``: a PO line of the SKU was due on or before that day and had not arrived
      (received later, or still open) — the supplier of that line (the earliest due);
    - ``short``: otherwise, when the SKU's last receipt before that day came in short
      (accepted units = received − rejected < ordered) and the missing units would have
      covered the day (the first ⌈missing units / daily rate⌉ stockout days after it);
    - ``other``: no late or short delivery explains it (ordering too little, a demand
      spike); the SKU's own supplier is named but not blamed.

    Lost sales (缺货损失) = daily rate × 1 day × average selling price, where the daily
    rate is the in-stock daily sales rate over the last 3 months (RATE_MONTHS).

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms whose sales count (default all); stock is shared.

    Returns:
        One row per SKU × stockout day: sku, day, cause (late / short / other),
        supplier_id (blamed, or the SKU's supplier for ``other``), po_id, line_no (the
        delivery blamed), lost_units, lost_sales_amount. Empty when nothing ran out.

    Raises:
        NoDataError: no inventory snapshot in the month.
    """
    daily = _stock_and_sales(wb, period, platforms)
    products = wb.execute(wb.table("products").select("sku", "supplier_id", "list_price"))
    rates = _sales_rates(daily, products)
    out_days = daily.loc[daily["in_month"] & daily["is_stockout"], ["sku", "day"]]
    cols = ["sku", "day", "cause", "supplier_id", "po_id", "line_no", "lost_units", "lost_sales_amount"]
    if out_days.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c.startswith("lost") else "str") for c in cols})
    skus = sorted(out_days["sku"].unique())
    lines = _received_lines(wb, skus, period.end_ts)
    rate_of = rates.set_index("sku")
    sup_of = products.set_index("sku")["supplier_id"]
    rows = []
    for sku, days in out_days.groupby("sku"):
        sku_lines = lines.loc[lines["sku"] == sku]
        rate = float(rate_of.at[sku, "daily_rate"]) if sku in rate_of.index else float("nan")
        price = float(rate_of.at[sku, "avg_price"]) if sku in rate_of.index else float("nan")
        lost_units = rate if rate == rate else 0.0
        for cause, blamed in _causes(sorted(days["day"]), sku_lines, lost_units):
            day = blamed.pop("day")
            rows.append({
                "sku": sku, "day": day, "cause": cause,
                "supplier_id": blamed.get("supplier_id") or sup_of.get(sku),
                "po_id": blamed.get("po_id"), "line_no": blamed.get("line_no"),
                "lost_units": lost_units, "lost_sales_amount": lost_units * (price if price == price else 0.0),
            })
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(["sku", "day"], ignore_index=True)


def _causes(days: list[pd.Timestamp], lines: pd.DataFrame, rate: float):
    """Yield (cause, {"day", "supplier_id", "po_id", "line_no"}) per stockout day of one SKU."""
    received = lines.loc[lines["received_on"].notna()].sort_values("received_on")
    short_left: dict[tuple, float] = {}  # receipt → stockout days its shortfall still covers
    for day in days:
        overdue = lines.loc[
            (lines["promised_on"] <= day) & (lines["received_on"].isna() | (lines["received_on"] > day))
        ].sort_values(["promised_on", "po_id", "line_no"])
        if len(overdue):
            line = overdue.iloc[0]
            yield "late", {"day": day, "supplier_id": line["supplier_id"], "po_id": line["po_id"],
                           "line_no": int(line["line_no"])}
            continue
        before = received.loc[received["received_on"] <= day]
        if len(before):
            last = before.iloc[-1]
            key = (last["po_id"], int(last["line_no"]))
            missing = float(last["qty_ordered"] - (last["qty_received"] - last["qty_rejected"]))
            if key not in short_left:
                short_left[key] = math.ceil(missing / rate) if missing > 0 and rate > 0 else (
                    math.inf if missing > 0 else 0)
            if short_left[key] > 0:
                short_left[key] -= 1
                yield "short", {"day": day, "supplier_id": last["supplier_id"], "po_id": last["po_id"],
                                "line_no": int(last["line_no"])}
                continue
        yield "other", {"day": day}


def sum_lost_sales(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """Stockout days and lost sales of the month per supplier and cause.

    Sums :func:`attribute_stockouts`: late and short stockouts are the supplier's;
    ``other`` stockouts are listed under the SKU's supplier for completeness.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms whose sales count (default all).

    Returns:
        One row per supplier with a stockout: supplier_id, supplier_name, stockout_days,
        late_days, short_days, other_days, skus (distinct SKUs out), lost_units,
        lost_sales_amount (all causes), attributed_lost_sales_amount (late + short),
        sorted by attributed lost sales.

    Raises:
        NoDataError: no inventory snapshot in the month.

    Example:
        >>> sum_lost_sales(wb, wb.period("2026-10")).head(3)  # doctest: +SKIP
    """
    days = attribute_stockouts(wb, period, platforms)
    names = wb.execute(wb.table("suppliers").select("supplier_id", "supplier_name"))
    cols = ["supplier_id", "supplier_name", "stockout_days", "late_days", "short_days", "other_days",
            "skus", "lost_units", "lost_sales_amount", "attributed_lost_sales_amount"]
    if days.empty:
        return pd.DataFrame({c: pd.Series(dtype="str" if c.startswith("supplier") else "float64") for c in cols})
    blamed = days["cause"].isin(["late", "short"])
    out = (
        days.assign(
            late=days["cause"].eq("late").astype("int64"),
            short=days["cause"].eq("short").astype("int64"),
            other=days["cause"].eq("other").astype("int64"),
            attributed=days["lost_sales_amount"].where(blamed, 0.0),
        )
        .groupby("supplier_id")
        .agg(
            stockout_days=("day", "size"), late_days=("late", "sum"), short_days=("short", "sum"),
            other_days=("other", "sum"), skus=("sku", "nunique"), lost_units=("lost_units", "sum"),
            lost_sales_amount=("lost_sales_amount", "sum"),
            attributed_lost_sales_amount=("attributed", "sum"),
        )
        .reset_index()
        .merge(names, on="supplier_id", how="left")
    )
    return out.loc[:, cols].sort_values(
        ["attributed_lost_sales_amount", "supplier_id"], ascending=[False, True], ignore_index=True
    )


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den, NaN where the denominator is 0 or missing (never inf)."""
    den = den.astype("float64")
    return (num.astype("float64") / den.where(den != 0)).astype("float64")

