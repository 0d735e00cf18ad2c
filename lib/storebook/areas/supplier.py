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
    wb = storebook.open()
    p = wb.period("2026-10")
    rank_suppliers(wb, p)[["supplier_id", "rank", "grade"]]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import ibis
import numpy as np
import pandas as pd

from storebook.engine import availability, dimensions
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures.inventory import RATE_MONTHS, measure_inventory  # noqa: F401 (storebook.supplier.measure_inventory)
from storebook.measures.inventory import sales_rates as _sales_rates
from storebook.measures.inventory import stock_and_sales as _stock_and_sales
from storebook.measures.metrics import headline_entry
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

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
        """``green``, ``amber`` or ``red`` (``na`` when the value is missing)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "na"
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
_PENALTY = {"green": 0, "amber": 1, "red": 3, "na": 0}

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
    products = dimensions.products(wb).select("sku", standard_cost="unit_cost")
    # The last day with data in any table (a store may have purchase orders and no orders).
    as_of = ibis.literal(availability.data_span(wb)[1])
    lines = po.filter((po.promised_on >= start) & (po.promised_on < end))
    lines = lines.filter(lines.received_on.notnull() | (lines.promised_on < as_of))
    lines = lines.left_join(products, "sku").drop("sku_right")
    received = lines.received_on.notnull()
    on_time = received & (lines.received_on <= lines.promised_on)
    # A received line whose quantity is not stated is not counted as in full.
    in_full = received & (lines.qty_received >= lines.qty_ordered).fill_null(False)
    return lines.mutate(
        is_received=received,
        is_on_time=on_time,
        is_in_full=in_full,
        is_otif=on_time & in_full,
        lead_time_days=lines.received_on.delta(lines.ordered_on, unit="day"),
        days_late=ibis.greatest(
            ibis.coalesce(lines.received_on, as_of).delta(lines.promised_on, unit="day"), 0
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
        score_suppliers(wb, wb.period("2026-10"))[["supplier_id", "otif_rate"]]
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
        rank_suppliers(wb, wb.period("2026-10")).iloc[-1]["supplier_id"]  # worst
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
    order = {"green": 0, "amber": 1, "red": 2, "na": -1}
    worst = graded[status_cols].apply(lambda col: col.map(order)).max(axis=1)
    graded = graded.assign(
        penalty=penalty.astype("int64"),
        grade=worst.map({-1: "na", 0: "green", 1: "amber", 2: "red"}),
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
        list_late_short_lines(wb, wb.period("2026-10")).head()
    """
    lines = _due_lines(wb, period.start, period.end)
    if wb.scalar(lines.count()) == 0:
        raise NoDataError(
            f"no purchase-order lines are due in {period.label}: check that the purchase_orders "
            "export covers that month (data/raw/purchase_orders/) and run `storebook ingest`"
        )
    flagged = lines.mutate(
        is_late=~lines.is_on_time,
        is_short=lines.is_received & (lines.qty_received < lines.qty_ordered).fill_null(False),
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
    supplier for completeness.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms whose sales count (default all).
        months: months summed, the month included (1 = the month).

    Returns:
        One row per supplier with a stockout: supplier_id, supplier_name, stockout_days
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
        .groupby("supplier_id")
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
        .merge(names, on="supplier_id", how="left")
    )
    return out.loc[:, cols].sort_values(
        ["attributed_lost_sales_amount", "warehouse_attributed_days", "supplier_id"],
        ascending=[False, False, True], ignore_index=True,
    )


# ----------------------------------------------------------------------------- report helpers

def ranking_facts(ranked: pd.DataFrame) -> dict:
    """The numbers of the scorecard's takeaway (:func:`rank_suppliers`)."""
    worst, best = ranked.iloc[-1], ranked.iloc[0]
    reds = [t.metric for t in THRESHOLDS if worst[f"{t.metric}_status"] == "red"]
    lines = ranked["n_lines"].sum()
    otif = (ranked["otif_rate"] * ranked["n_lines"]).sum() / lines if lines else float("nan")
    return {
        "suppliers": len(ranked), "red": int((ranked["grade"] == "red").sum()),
        "otif": float(otif), "worst": worst["supplier_id"], "worst_name": worst["supplier_name"],
        "worst_otif": float(worst["otif_rate"]), "worst_fill": float(worst["fill_rate"]),
        "worst_delay": float(worst["lead_time_excess_days"]), "worst_reds": len(reds),
        "best": best["supplier_id"], "best_name": best["supplier_name"], "best_otif": float(best["otif_rate"]),
        "months": TRAILING_MONTHS,
    }


def thresholds_frame() -> pd.DataFrame:
    """The ranking's thresholds as a table (metric, good, poor, higher_is_better)."""
    return pd.DataFrame([{"metric": t.metric, "good": t.good, "poor": t.poor,
                          "higher_is_better": t.higher_is_better} for t in THRESHOLDS])


def lines_facts(lines: pd.DataFrame) -> dict:
    """The numbers of the late-and-short lines' takeaway (:func:`list_late_short_lines`)."""
    per = lines.groupby("supplier_id").size().sort_values(ascending=False)
    return {
        "variant": None if len(lines) else "none",
        "lines": len(lines), "late": int(lines["is_late"].sum()), "short": int(lines["is_short"].sum()),
        "open": int(lines["is_open"].sum()), "units_short": float(lines.loc[lines["is_short"], "qty_short"].sum()),
        "top": per.index[0] if len(per) else None, "top_lines": int(per.iloc[0]) if len(per) else 0,
        "max_days_late": float(lines["days_late"].max()) if len(lines) else 0.0,
    }


def stock_problems(inventory: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The SKUs of :func:`measure_inventory` that ran out somewhere, worst first (at most ``top``)."""
    hit = inventory.loc[(inventory["stockout_days"] > 0) | (inventory["warehouse_stockout_days"] > 0)]
    return hit.sort_values(["stockout_days", "warehouse_stockout_days", "sku"], ascending=[False, False, True]).head(top)


def inventory_facts(inventory: pd.DataFrame) -> dict:
    """The numbers of the inventory takeaway (:func:`measure_inventory`)."""
    out = inventory.loc[inventory["stockout_days"] > 0]
    wh = inventory.loc[inventory["warehouse_stockout_days"] > 0]
    moved = inventory["units_sold"].sum() + inventory["closing_on_hand"].sum()
    cover = inventory["days_of_cover"].replace([np.inf, -np.inf], np.nan)
    return {
        "skus": len(inventory), "out_skus": len(out), "stockout_days": int(inventory["stockout_days"].sum()),
        "wh_skus": len(wh), "warehouse_stockout_days": int(inventory["warehouse_stockout_days"].sum()),
        "median_cover": float(cover.median()) if cover.notna().any() else None,
        "sell_through": float(inventory["units_sold"].sum() / moved) if moved > 0 else None,
        "low_cover": int((cover < 7).sum()),
    }


def lost_facts(lost: pd.DataFrame) -> dict:
    """The numbers of the stockout-attribution takeaways (:func:`sum_lost_sales`)."""
    top = lost.iloc[0] if len(lost) else None
    wh_attributed = lost["warehouse_attributed_days"].sum()
    return {
        "variant": None if len(lost) else "none", "months": TRAILING_MONTHS,
        "stockout_days": int(lost["stockout_days"].sum()),
        "attributed_days": int((lost["late_days"] + lost["short_days"]).sum()),
        "warehouse_days": int(lost["warehouse_stockout_days"].sum()), "warehouse_attributed": int(wh_attributed),
        "lost": float(lost["lost_sales_amount"].sum()), "attributed_lost": float(lost["attributed_lost_sales_amount"].sum()),
        "top": None if top is None else top["supplier_id"], "top_name": None if top is None else top["supplier_name"],
        "top_lost": None if top is None else float(top["attributed_lost_sales_amount"]),
        "top_days": None if top is None else int(top["late_days"] + top["short_days"]),
        "top_warehouse_days": None if top is None else int(top["warehouse_attributed_days"]),
        "top_share": (float(top["warehouse_attributed_days"] / wh_attributed)
                      if top is not None and wh_attributed > 0 else None),
    }


def summarise_suppliers(wb: Workbook, period: Period, platforms: list[str] | None = None) -> dict:
    """The month in five numbers for the report index: OTIF and fill rate of the lines due,
    SKU and warehouse stockout days, and lost sales from late or short deliveries.

    The stockout numbers are missing (None) without inventory snapshots or sales to judge
    them by: the delivery numbers need purchase orders only.

    Raises:
        NoDataError: no PO line due in the month.
    """
    card = score_suppliers(wb, period, platforms)
    lines = card["n_lines"].sum()
    try:
        lost = lost_facts(sum_lost_sales(wb, period, platforms))
    except NoDataError:
        lost = {"stockout_days": None, "warehouse_days": None, "attributed_lost": None}
    return {
        "otif_rate": float((card["otif_rate"] * card["n_lines"]).sum() / lines) if lines else None,
        "suppliers": len(card),
        "stockout_days": lost["stockout_days"], "warehouse_stockout_days": lost["warehouse_days"],
        "attributed_lost_sales_amount": lost["attributed_lost"],
    }


def headline_record(summary: dict, text) -> list[dict]:
    """The ``supplier.headline`` record the report index shows (:func:`summarise_suppliers`)."""
    return [headline_entry(key, text(f"metric.{key}"), value) for key, value in summary.items() if key != "suppliers"]
