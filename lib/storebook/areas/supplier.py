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
- days late (延迟天数) of a line = (received_on, or the last day with data for an open line)
  − promised_on, at least 0; ``mean_days_late`` averages it over the lines due.
- stockout day (缺货天数): a day whose end-of-day on-hand across warehouses is 0; the
  stockout rate (缺货率) is the share of SKU-days out (:mod:`storebook.measures.inventory`).
- days of cover (库存可售天数) = closing on hand / in-stock daily sales rate.
- sell-through (售罄率) = units sold / (units sold + closing on hand).
- lost sales (缺货损失) = in-stock daily sales rate × stockout days × average selling price
  (:mod:`storebook.measures.stockouts`).

Example:
    wb = storebook.open()
    p = wb.period("2026-10")
    rank_suppliers(wb, p)[["supplier_id", "rank", "grade"]]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import ibis
import numpy as np
import pandas as pd

from storebook.engine import availability
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL
from storebook.measures.compare import compare_long
from storebook.measures.inventory import RATE_MONTHS, measure_inventory, measure_stockout_rates  # noqa: F401 (storebook.supplier.measure_inventory)
from storebook.measures.metrics import headline_entries
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division
from storebook.measures.stockouts import attribute_stockouts  # noqa: F401 (storebook.supplier.attribute_stockouts)
from storebook.measures.stockouts import sum_lost_sales as _sum_lost_sales

__all__ = [
    "THRESHOLDS",
    "summarise_purchase_orders",
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


#: The grade's limits, stated once (the notebook prints them under the ranking: the
#: catalogue's ``supplier.thresholds``). How late (days late on average) and how short
#: (fill rate) are graded rather than OTIF: OTIF counts a line one day late as a miss,
#: however long the lead time, so on a store whose suppliers slip a day now and then it
#: marks every supplier red and singles out none. OTIF is shown and breaks ties.
THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("mean_days_late", 2.0, 5.0, False),
    Threshold("fill_rate", 0.97, 0.90, True),
    Threshold("rejection_rate", 0.01, 0.03, False),
    Threshold("lead_time_cv", 0.25, 0.50, False),
    Threshold("cost_variance", 0.02, 0.05, False),
)
_PENALTY = {"green": 0, "amber": 1, "red": 3, "na": 0}

_SCORE_COLUMNS = [
    "n_pos", "n_lines", "otif_rate", "on_time_rate", "in_full_rate", "fill_rate", "mean_days_late",
    "rejection_rate", "mean_lead_time_days", "lead_time_cv", "contract_lead_time_days",
    "lead_time_excess_days", "cost_variance",
]


# ----------------------------------------------------------------------------- PO lines

def _judged_lines(wb: Workbook, start, end, costs: bool = True) -> tuple[ibis.Table, ibis.Scalar]:
    """PO lines promised in ``[start, end)`` that can be judged, each with its product's
    standard cost (with ``costs``: the catalogue is read for it), and the last day with data
    (what an open line is judged against).

    A line is judged when it was received, or its promised date has passed by the
    last day with data (an open line promised for later is not late yet).
    """
    po = wb.table("purchase_orders")
    # The last day with data in any table (a store may have purchase orders and no orders).
    as_of = ibis.literal(availability.data_span(wb)[1])
    lines = po.filter(po.promised_on >= start, po.promised_on < end, po.received_on.notnull() | (po.promised_on < as_of))
    if not costs:
        return lines, as_of
    if not wb.has("products"):
        # Without a catalogue there is no standard cost: the cost variance is unknown, the
        # delivery figures (what the scorecard grades) are whole.
        return lines.mutate(standard_cost=ibis.null("float64")), as_of
    # The SKU and its cost only: the catalogue's filled-in columns (dimensions.products) are
    # not read, and their projection cost Ibis ~2 ms of compiling per question. Its SKU is
    # named apart and joined on by an explicit predicate, so that no ``sku_right`` comes out
    # to be dropped: the drop was one more projection for Ibis to build and compile (~1 ms).
    products = wb.table("products").select(standard_sku="sku", standard_cost="unit_cost")
    # The keys as a pair of names, not ``lines.sku == products.standard_sku``: Ibis binds the
    # names to the two sides directly, where an expression is traced back through every
    # relation under it first.
    return lines.left_join(products, [("sku", "standard_sku")]), as_of


def _line_flags(lines: ibis.Table, as_of: ibis.Scalar) -> dict[str, ibis.Expr]:
    """Each judged line's flags and days, defined once (:func:`_judged_lines`' columns)."""
    received = lines.received_on.notnull()
    on_time = received & (lines.received_on <= lines.promised_on)
    # A received line whose quantity is not stated is not counted as in full.
    in_full = received & (lines.qty_received >= lines.qty_ordered).fill_null(False)
    return {
        "is_received": received,
        "is_on_time": on_time,
        "is_in_full": in_full,
        "is_otif": on_time & in_full,
        "lead_time_days": lines.received_on.delta(lines.ordered_on, unit="day"),
        "days_late": ibis.greatest(ibis.coalesce(lines.received_on, as_of).delta(lines.promised_on, unit="day"), 0),
    }


def _due_lines(wb: Workbook, start, end) -> ibis.Table:
    """PO lines promised in ``[start, end)`` that can be judged, with their flags
    (:func:`_judged_lines`, :func:`_line_flags`), without their costs (the catalogue is not read)."""
    lines, as_of = _judged_lines(wb, start, end, costs=False)
    return lines.mutate(**_line_flags(lines, as_of))


def _no_lines_due(period: Period) -> NoDataError:
    """No purchase-order line is promised in ``period``: the order book, the scorecard and the
    lines' flags say it alike."""
    return NoDataError(
        f"no purchase-order lines are due in {period.label}: check that the purchase_orders "
        "export covers that month (data/raw/purchase_orders/) and run `storebook ingest`",
        key="no_data.po_lines", values={"month": period.label},
    )


def summarise_purchase_orders(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The purchase-order lines due in ``period`` by supplier, from what every order book holds:
    what was promised, when, and (where the receipts are recorded) what is still open.

    The scorecard (:func:`score_suppliers`) needs the receipts (``received_on``); an order book
    without them (the orders as placed: the SCM workbook) still says how much each supplier was
    due to deliver, how long it promised to take against its contract, and how many lines were
    due. Lines count in the month they are due, as the scorecard's.

    Formula, per supplier over its lines with ``promised_on`` in the period:
    ``promised_lead_days`` = mean(promised_on − ordered_on) (承诺交期); ``contract_lead_time_days``
    = the supplier's contract (合同交期), and in the total row the mean of the lines' contracts over
    the lines that have one (line-weighted, as ``promised_lead_days``); ``within_contract_rate``
    = lines promised within the contract lead time (promised_on − ordered_on ≤
    contract_lead_time_days) / lines with both known (承诺交期达标率); ``open_lines`` = lines not
    received by the period's end (月末未到货行) — missing, not 0 or all, where the table records
    no receipt at all (whether they came cannot be told).

    Args:
        wb: the workbook.
        period: the lines promised in it.
        platforms: accepted for the house signature; purchase orders are not per platform.
    Returns:
        One row per supplier (by code), then ``total``: supplier_id, supplier_name, supplier
        (as a reader names it, :func:`name_suppliers`), n_pos, n_lines, qty_ordered, promised_lead_days, contract_lead_time_days, within_contract_rate,
        open_lines.
    Raises:
        NoDataError: no PO line is due in ``period``.

    Example:
        summarise_purchase_orders(wb, wb.period("2013-05"))[["supplier_id", "lines", "promised_lead_days"]]
    """
    po = wb.table("purchase_orders")
    receipts = bool(wb.execute(po.received_on.notnull().any()))
    lines = po.filter(po.promised_on >= period.start, po.promised_on < period.end)
    if wb.has("suppliers"):
        suppliers = wb.table("suppliers").select(supplier_key="supplier_id", supplier_name="supplier_name",
                                                 contract_days="contract_lead_time_days")
        lines = lines.left_join(suppliers, [("supplier_id", "supplier_key")])
    else:
        lines = lines.mutate(supplier_name=ibis.null("string"), contract_days=ibis.null("float64"))
    promised = lines.promised_on.delta(lines.ordered_on, unit="day")
    lines = lines.mutate(promised_days=promised,
                         within=ibis.cases((promised.isnull() | lines.contract_days.isnull(), ibis.null("int64")),
                                           else_=(promised <= lines.contract_days).cast("int64")),
                         is_open=(lines.received_on.isnull() | (lines.received_on >= period.end)).cast("int64"))
    frame = wb.execute(lines.group_by("supplier_id").aggregate(
        supplier_name=lines.supplier_name.arbitrary(), pos=lines.po_id.nunique(), lines=lines.count(),
        qty_ordered=lines.qty_ordered.sum(), promised_days_sum=lines.promised_days.sum(),
        promised_known=lines.promised_days.count(), contract_lead_time_days=lines.contract_days.arbitrary(),
        contract_days_sum=lines.contract_days.sum(), contract_known=lines.contract_days.count(),
        within=lines.within.sum(), judged=lines.within.count(), open_lines=lines.is_open.sum()))
    if frame.empty:
        raise _no_lines_due(period)
    frame = frame.sort_values("supplier_id", kind="stable").reset_index(drop=True)
    sums = ["lines", "qty_ordered", "promised_days_sum", "promised_known", "within", "judged", "open_lines",
            "contract_days_sum", "contract_known"]
    total = {"supplier_id": TOTAL, "supplier_name": None,
             # a PO may hold lines of several suppliers: counted once
             "pos": int(wb.execute(lines.po_id.nunique())), **frame[sums].astype("float64").sum().to_dict()}
    # The suppliers' contracts differ: the total row's is their mean over the lines that have one,
    # weighed as the promised lead time beside it (the mean over the lines), not "n/a".
    total["contract_lead_time_days"] = _ratio(total["contract_days_sum"], total["contract_known"])
    out = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    named = name_suppliers(out)
    return pd.DataFrame({
        "supplier_id": out["supplier_id"], "supplier_name": out["supplier_name"],
        "supplier": named.where(out["supplier_id"] != TOTAL, TOTAL),
        "n_pos": out["pos"].astype("int64"), "n_lines": out["lines"].astype("int64"),
        "qty_ordered": out["qty_ordered"].astype("float64"),
        "promised_lead_days": _ratio(out["promised_days_sum"].astype("float64"), out["promised_known"].astype("float64")),
        "contract_lead_time_days": out["contract_lead_time_days"].astype("float64"),
        "within_contract_rate": _ratio(out["within"].astype("float64"), out["judged"].astype("float64")),
        "open_lines": out["open_lines"].astype("float64") if receipts else float("nan"),
    })


def purchase_order_facts(orders: pd.DataFrame) -> dict[str, Any]:
    """The numbers of the order book's takeaway (:func:`summarise_purchase_orders`); ``variant``
    ``no_receipts`` where the purchase orders record no receipt (whether and when they arrived
    cannot be told: the sentence says so and what adds it), ``no_contract`` where no supplier's
    contract lead time is known, both joined (``no_receipts_no_contract``)."""
    total = orders[orders["supplier_id"] == TOTAL].iloc[0]
    rows = orders[orders["supplier_id"] != TOTAL]
    parts = (["no_receipts"] if pd.isna(total.open_lines) else []) + (
        ["no_contract"] if pd.isna(total.within_contract_rate) else [])
    top = rows.sort_values(["n_lines", "supplier_id"], ascending=[False, True]).iloc[0]
    return {"variant": "_".join(parts) or None, "lines": int(total.n_lines), "pos": int(total.n_pos),
            "suppliers": len(rows), "qty": float(total.qty_ordered), "promised_lead_days": total.promised_lead_days,
            "contract_lead_days": total.contract_lead_time_days, "within_contract_rate": total.within_contract_rate,
            "open": None if pd.isna(total.open_lines) else int(total.open_lines),
            "top": top.supplier, "top_lines": int(top.n_lines)}


def score_suppliers(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The delivery scorecard of every supplier with PO lines due in ``period``.

    Args:
        wb: the workbook.
        period: the lines promised in it are scored (a month, or a trailing window).
        platforms: accepted for the house signature; purchase orders are not per platform.

    Returns:
        One row per supplier: supplier_id, supplier_name, n_pos, n_lines, otif_rate
        (准时足量交付率), on_time_rate, in_full_rate, fill_rate (满足率), mean_days_late
        (平均延迟天数: days late per line due, open lines counted to the last day with
        data, early ones as 0), rejection_rate
        (拒收率), mean_lead_time_days, lead_time_cv (交期变异系数 = sd / mean),
        contract_lead_time_days, lead_time_excess_days (mean − contract), cost_variance
        (采购价差率 = Σ(unit_cost − standard) × qty / Σ standard × qty).

    Raises:
        NoDataError: no PO line is due in ``period``.

    Example:
        score_suppliers(wb, wb.period("2026-10"))[["supplier_id", "otif_rate"]]
    """
    # Asked as a template (Workbook.ask): built once per store in a process, the question
    # of each later period binds its dates (~10 ms of Ibis building a scorecard, issue #17).
    frame = wb.ask(_scorecard_question, period.start, period.end)
    if frame.empty:
        raise _no_lines_due(period)
    # Built in one go from the columns' arrays, already in the suppliers' order: a chain of
    # assign/astype/sort on a frame of a few dozen rows cost more than the engine's answer
    # (~3 ms of ~40, issue #17). supplier_id is the group key: unique, never missing.
    order = np.argsort(frame["supplier_id"].to_numpy(dtype=object), kind="stable")
    index = pd.RangeIndex(len(order))

    def number(column: str) -> pd.Series:
        values = frame[column]
        values = (values.to_numpy() if values.dtype.kind in "iuf"
                  else values.to_numpy(dtype="float64", na_value=np.nan))  # a column of nothing
        return pd.Series(values[order].astype("float64"), index=index)

    n_lines, qty_ordered, qty_received = number("n_lines"), number("qty_ordered"), number("qty_received")
    mean_lead, contract = number("mean_lead_time_days"), number("contract_lead_time_days")
    return pd.DataFrame({
        "supplier_id": frame["supplier_id"].array.take(order),
        "supplier_name": frame["supplier_name"].array.take(order),
        "n_pos": frame["n_pos"].to_numpy()[order],
        "n_lines": frame["n_lines"].to_numpy()[order],
        "otif_rate": _ratio(number("n_otif"), n_lines),
        "on_time_rate": _ratio(number("n_on_time"), n_lines),
        "in_full_rate": _ratio(number("n_in_full"), n_lines),
        "fill_rate": _ratio(qty_received, qty_ordered),
        "mean_days_late": number("mean_days_late"),
        "rejection_rate": _ratio(number("qty_rejected"), qty_received),
        "mean_lead_time_days": mean_lead,
        "lead_time_cv": _ratio(number("sd_lead_time_days"), mean_lead),
        "contract_lead_time_days": contract,
        "lead_time_excess_days": mean_lead - contract,
        "cost_variance": _ratio(number("cost_delta"), number("cost_standard")),
    }, index=index)


def _scorecard_question(wb: Workbook, start, end) -> ibis.Table:
    """The scorecard's sums per supplier over the lines promised in ``[start, end)``
    (:func:`score_suppliers`)."""
    lines, as_of = _judged_lines(wb, start, end)
    # The supplier's name and contract lead time are joined to the lines, in the one join
    # chain with the products, and carried through the aggregate (a supplier's rows all hold
    # the same: supplier_id is the suppliers table's key, duplicates are rejected at ingest;
    # a supplier missing from it gets nulls, as a join after the aggregate gave). A second
    # join, of the aggregate, cost Ibis more than the rest of the question (~40% of its
    # building and compiling: it traces the join's keys back through the whole aggregate).
    # Its key is named apart, as the products' in _judged_lines: no column to drop.
    suppliers = wb.table("suppliers").select(supplier_key="supplier_id", supplier_name="supplier_name",
                                             contract_lead_time_days="contract_lead_time_days")
    lines = lines.left_join(suppliers, [("supplier_id", "supplier_key")])
    # The flags are counted as they are defined, without a projection of every line's flags
    # first: the same SQL sums, a smaller expression (Ibis's compiling of the larger one was
    # most of a month's scorecard time, issue #17). A flag is never missing (_line_flags), so
    # counting the lines where it holds is summing it, one node fewer (no cast to a number).
    flag = _line_flags(lines, as_of)
    lt = flag["lead_time_days"]
    return lines.group_by("supplier_id").aggregate(
        n_pos=lines.po_id.nunique(),
        n_lines=lines.count(),
        n_otif=lines.count(where=flag["is_otif"]),
        n_on_time=lines.count(where=flag["is_on_time"]),
        n_in_full=lines.count(where=flag["is_in_full"]),
        qty_ordered=lines.qty_ordered.sum(),
        qty_received=lines.qty_received.sum(),
        qty_rejected=lines.qty_rejected.sum(),
        mean_days_late=flag["days_late"].mean(),
        mean_lead_time_days=lt.mean(),
        sd_lead_time_days=lt.std(how="sample"),
        cost_delta=((lines.unit_cost - lines.standard_cost) * lines.qty_ordered).sum(),
        cost_standard=(lines.standard_cost * lines.qty_ordered).sum(),
        supplier_name=lines.supplier_name.arbitrary(),
        contract_lead_time_days=lines.contract_lead_time_days.arbitrary(),
    )


def rank_suppliers(
    wb: Workbook, period: Period, platforms: list[str] | None = None, months: int = TRAILING_MONTHS
) -> pd.DataFrame:
    """Scorecard for the month and the trailing ``months``, graded and ranked.

    Each graded metric of the trailing window gets a status from :data:`THRESHOLDS`
    (green, amber, red); a supplier's penalty is the sum of 0 / 1 / 3 points over its
    statuses and the ranking orders suppliers by penalty, then OTIF, then fill rate (rank
    1 = best). The grade is the worst status: red when one measure is red, green when all
    are green. The trailing window is what the ranking rests on, because a single month
    holds few PO lines per supplier.

    Args:
        wb: the workbook.
        period: the month.
        platforms: accepted for the house signature; purchase orders are not per platform.
        months: length of the trailing window, the month included.

    Returns:
        One row per supplier with PO lines due in the trailing window: supplier_id,
        supplier_name, supplier (code and name, ``S09 绍兴纺织``: how charts and tables name
        it), rank, grade, penalty, the scorecard columns of the trailing window,
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
    out = graded.merge(month, on="supplier_id", how="left").assign(supplier=lambda d: name_suppliers(d))
    first = ["supplier_id", "supplier_name", "supplier", "rank", "grade", "penalty"]
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
        raise _no_lines_due(period)
    flagged = lines.mutate(
        is_late=~lines.is_on_time,
        is_short=lines.is_received & (lines.qty_received < lines.qty_ordered).fill_null(False),
        is_open=~lines.is_received,
        qty_short=lines.qty_ordered - lines.qty_received,
    )
    bad = flagged.filter(flagged.is_late | flagged.is_short)
    cols = ["po_id", "line_no", "supplier_id", "supplier_name", "sku", "ordered_on", "promised_on",
            "received_on", "days_late", "qty_ordered", "qty_received", "qty_short", "is_late",
            "is_short", "is_open"]
    frame = wb.execute(bad.select(*[c for c in cols if c != "supplier_name"]))
    # The names are put on the month's few late or short lines here, not joined in the
    # question: the join cost Ibis more to build and compile than the engine to run, and the
    # suppliers' names are one question the workbook keeps (the stockouts ask it too).
    names = wb.execute(wb.table("suppliers").select("supplier_id", "supplier_name"))
    frame = frame.merge(names, on="supplier_id", how="left")[cols]
    return frame.sort_values(["days_late", "qty_short", "po_id", "line_no"],
                             ascending=[False, False, True, True], ignore_index=True)


def sum_lost_sales(wb: Workbook, period: Period, platforms: list[str] | None = None, months: int = 1) -> pd.DataFrame:
    """Stockout days and lost sales per supplier and cause, over the last ``months``
    (:func:`storebook.measures.stockouts.sum_lost_sales`), each supplier also named as a
    reader names it (``supplier``: code and name), and attributed_days (the SKU-days out
    everywhere after a late or short delivery: late_days + short_days).

    Raises:
        NoDataError: no inventory snapshot in the window.

    Example:
        sum_lost_sales(wb, wb.period("2026-10"), months=6)[["supplier", "attributed_lost_sales_amount"]]
    """
    lost = _sum_lost_sales(wb, period, platforms, months)
    return lost.assign(supplier=name_suppliers(lost), attributed_days=lost["late_days"] + lost["short_days"])


# ----------------------------------------------------------------------------- report helpers

def ranking_facts(ranked: pd.DataFrame) -> dict:
    """The numbers of the scorecard's takeaway (:func:`rank_suppliers`)."""
    worst, best = ranked.iloc[-1], ranked.iloc[0]
    reds = [t.metric for t in THRESHOLDS if worst[f"{t.metric}_status"] == "red"]
    lines = ranked["n_lines"].sum()
    otif = (ranked["otif_rate"] * ranked["n_lines"]).sum() / lines if lines else float("nan")
    grades = ranked["grade"].value_counts()
    return {
        "suppliers": len(ranked), "red": int(grades.get("red", 0)), "amber": int(grades.get("amber", 0)),
        "green": int(grades.get("green", 0)),
        "otif": float(otif), "worst": worst["supplier_id"], "worst_name": worst["supplier_name"],
        "worst_otif": float(worst["otif_rate"]), "worst_fill": float(worst["fill_rate"]),
        "worst_late": float(worst["mean_days_late"]), "worst_reds": len(reds),
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


#: The stock problems the supplier page lists (:func:`stock_problems`), worst first.
STOCK_PROBLEMS_SHOWN = 20


def _ran_out(inventory: pd.DataFrame) -> pd.DataFrame:
    return inventory.loc[(inventory["stockout_days"] > 0) | (inventory["warehouse_stockout_days"] > 0)]


def stock_problems(inventory: pd.DataFrame, top: int = STOCK_PROBLEMS_SHOWN) -> pd.DataFrame:
    """The SKUs of :func:`measure_inventory` that ran out somewhere, worst first (at most ``top``)."""
    hit = _ran_out(inventory)
    return hit.sort_values(["stockout_days", "warehouse_stockout_days", "sku"], ascending=[False, False, True]).head(top)


def stock_problem_facts(inventory: pd.DataFrame, top: int = STOCK_PROBLEMS_SHOWN) -> dict:
    """What the caption of the stock-problem table says: how many SKUs ran out somewhere and how
    many of them the table lists. ``variant`` is ``first`` when the table is the first ``top`` of
    them (the Amazon India stock report's page listed 20 of 533 without saying so)."""
    ran_out = len(_ran_out(inventory))
    return {"variant": "first" if ran_out > top else None, "ran_out": ran_out, "shown": min(ran_out, top)}


def inventory_facts(inventory: pd.DataFrame) -> dict:
    """The numbers of the inventory takeaway (:func:`measure_inventory`).

    ``variant``: ``no_sales`` without sales (a stock report alone); ``one_day`` (also
    ``no_sales.one_day``) when the month's stock is one snapshot day: a SKU-day is then a SKU,
    and "533 of them were out of stock … on 533 SKU-days" said the count twice.
    """
    out = inventory.loc[inventory["stockout_days"] > 0]
    wh = inventory.loc[inventory["warehouse_stockout_days"] > 0]
    moved = inventory["units_sold"].sum() + inventory["closing_on_hand"].sum()
    cover = inventory["days_of_cover"].replace([np.inf, -np.inf], np.nan)
    # Without sales (a stock report alone) the cover and sell-through are unknown: the takeaway
    # says what the stock is and that, not "median days of cover: n/a".
    unsold = len(inventory) > 0 and bool(inventory["units_sold"].isna().all())
    one_day = len(inventory) > 0 and int(inventory["days"].max()) == 1
    return {
        "variant": ".".join(filter(None, ["no_sales" if unsold else None, "one_day" if one_day else None])) or None,
        "units": float(inventory["closing_on_hand"].sum()), "days": int(inventory["days"].max()) if len(inventory) else 0,
        "skus": len(inventory), "out_skus": len(out), "stockout_days": int(inventory["stockout_days"].sum()),
        "stockout_rate": float(inventory["stockout_days"].sum() / inventory["days"].sum()) if len(inventory) else None,
        "wh_skus": len(wh), "warehouse_stockout_days": int(inventory["warehouse_stockout_days"].sum()),
        "median_cover": float(cover.median()) if cover.notna().any() else None,
        "sell_through": float(inventory["units_sold"].sum() / moved) if moved > 0 and not unsold else None,
        "low_cover": int((cover < 7).sum()),
    }


def lost_facts(lost: pd.DataFrame) -> dict:
    """The numbers of the stockout-attribution takeaways (:func:`sum_lost_sales`): the totals
    count every stockout, those of SKUs without a supplier too; the top supplier is the first
    row with one (variant ``no_supplier`` when no stocked-out SKU has a supplier)."""
    named = lost.loc[lost["supplier_id"].notna()]
    top = named.iloc[0] if len(named) else None
    wh_attributed = lost["warehouse_attributed_days"].sum()
    return {
        "variant": None if len(named) else ("no_supplier" if len(lost) else "none"), "months": TRAILING_MONTHS,
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
    """The month in a few numbers for the report index: OTIF of the lines due, the stockout
    rates (share of SKU-days out everywhere, share of SKU × warehouse days out) and the sales
    lost to late or short deliveries.

    The stockout numbers are missing (None) without inventory snapshots (lost sales also
    without sales to judge them by): the delivery numbers need purchase orders only.

    Raises:
        NoDataError: no PO line due in the month.
    """
    card = score_suppliers(wb, period, platforms)
    lines = card["n_lines"].sum()
    try:
        rates = measure_stockout_rates(wb, period)
    except NoDataError:
        rates = {"stockout_rate": None, "warehouse_stockout_rate": None}
    try:
        lost = lost_facts(sum_lost_sales(wb, period, platforms))["attributed_lost"]
    except NoDataError:
        lost = None
    return {
        "otif_rate": float((card["otif_rate"] * card["n_lines"]).sum() / lines) if lines else None,
        "suppliers": len(card),
        "stockout_rate": rates["stockout_rate"], "warehouse_stockout_rate": rates["warehouse_stockout_rate"],
        "attributed_lost_sales_amount": lost,
    }


#: The supplier headline's metrics (the registry's keys), in the order the index shows them.
HEADLINE_METRICS = ("otif_rate", "stockout_rate", "warehouse_stockout_rate", "attributed_lost_sales_amount")


def supplier_headline(wb: Workbook, period: Period, platforms: list[str] | None = None) -> pd.DataFrame:
    """The month's headline numbers against the prior month and the same month last year.

    Args:
        wb, period, platforms: as :func:`summarise_suppliers`.

    Returns:
        One row per metric of :data:`HEADLINE_METRICS`: platform (``total``), metric,
        value, prior, last_year, vs_prior, vs_last_year (relative changes,
        :func:`storebook.measures.compare.compare_long`; missing where a month has no
        purchase-order line due or no snapshot).

    Raises:
        NoDataError: no PO line due in the month.
    """
    def long(p: Period, must: bool) -> pd.DataFrame:
        try:
            summary = summarise_suppliers(wb, p, platforms)
        except NoDataError:
            if must:
                raise
            summary = {}
        values = [summary.get(m) for m in HEADLINE_METRICS]
        return pd.DataFrame({"platform": "total", "metric": list(HEADLINE_METRICS),
                             "value": [np.nan if v is None else float(v) for v in values]})

    return compare_long(long(period, True), long(period.prior(), False), long(period.last_year(), False))


def headline_record(headline: pd.DataFrame, text) -> list[dict[str, Any]]:
    """The ``supplier.headline`` record the report index shows (:func:`supplier_headline`)."""
    return headline_entries(headline, text, HEADLINE_METRICS)


def name_suppliers(frame: pd.DataFrame) -> pd.Series:
    """Each row's supplier as a reader names it: its code and name (``S09 示例纺织品``), the
    code alone where the name is unknown; missing where the supplier is (a table shows it as
    unknown).

    >>> name_suppliers(pd.DataFrame({"supplier_id": ["S1", "S2", None], "supplier_name": ["青岛织造", None, None]})).tolist()
    ['S1 青岛织造', 'S2', nan]
    """
    names = frame["supplier_name"].astype("object")
    codes = frame["supplier_id"].astype("object")
    return pd.Series([None if pd.isna(c) else str(c) if pd.isna(n) or not str(n).strip() else f"{c} {n}"
                      for c, n in zip(codes, names, strict=True)], index=frame.index, dtype="str")
