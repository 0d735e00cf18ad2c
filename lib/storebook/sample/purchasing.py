"""Suppliers' purchase orders and the warehouses' stock: opening stock, the weekly
order-up-to review, receipts in batches, the planted defective batch and the late supplier,
and the ``inventory`` and ``purchase_orders`` files.

Stock is kept per SKU × warehouse. Each received PO line is a batch; units leave in FIFO
order, so every sold unit can be traced back to its batch (:func:`find_batches`), which is
how the defective batch reaches the complaints. The planners order from the demand model's
forecast (``demand_cum``) with safety stock; the late supplier delivers late and short from
``late_from`` on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from storebook.sample.draws import first_of_runs
from storebook.sample.run import SampleRun
from storebook.sample.store import (
    CYCLE_DAYS,
    LATE,
    REVIEW_PERIOD_DAYS,
    SAFETY_DAYS,
    SUPPLIERS,
    WAREHOUSES,
)
from storebook.sample.writing import Columns, format_dates, format_money, write_csv


@dataclass
class POLine:
    """One purchase-order line, which is also one batch of stock once received."""

    po_id: str
    line_no: int
    supplier: int
    sku: int
    wh: int
    batch_id: str
    ordered: int  # day index (may be negative: before the period)
    promised: int
    received: int  # day index the goods arrive (may be after the period: open PO)
    qty_ordered: int
    qty_received: int
    qty_rejected: int
    unit_cost: int


def init_inventory(g: SampleRun) -> None:
    """Start the stock and its bookkeeping, with an opening stock per SKU × warehouse
    received in the two weeks before the period (POs dated before it)."""
    rng = g.rng("inventory")
    S, W = g.n_sku, 3
    g.on_hand = np.zeros((S, W), dtype=np.int64)
    g.on_order = np.zeros((S, W), dtype=np.int64)
    g.cum_in = np.zeros(S * W, dtype=np.int64)
    g.consumed = np.zeros(S * W, dtype=np.int64)
    g.batch_bounds: list[list[int]] = [[] for _ in range(S * W)]
    g.batch_line: list[list[int]] = [[] for _ in range(S * W)]
    g.po_lines: list[POLine] = []
    g.receipts: dict[int, list[int]] = {}
    g.case = max(1, int(round(12 * min(g.scale, 1.0))))
    g.review_weekday = np.array([i % 7 for i in range(len(SUPPLIERS))])
    g.defect_line = -1
    # Opening stock: POs received in the weeks before the period.
    for sup in range(len(SUPPLIERS)):
        skus = np.flatnonzero((g.sku_sup == sup) & (g.launch <= 0) & (g.discontinued > 0))
        lt = int(g.supplier_lt[sup])
        for w in range(W):
            recv = -int(rng.integers(1, 15))
            cover = SAFETY_DAYS + lt + REVIEW_PERIOD_DAYS + rng.uniform(5, CYCLE_DAYS, size=len(skus))
            qty = []
            for s, cv in zip(skus, cover, strict=True):
                d = g.demand_cum[int(cv), s] * g.wh_share[w]
                qty.append(max(g.case, int(math.ceil(d / g.case)) * g.case))
            add_purchase_order(g, sup, w, skus, np.array(qty), ordered=recv - lt, promised=recv, received=recv,
                        qty_received=np.array(qty), rng=rng)
    for j in g.receipts.pop("opening", []):
        receive_po_line(g, j)


def add_purchase_order(g: SampleRun, sup: int, w: int, skus: np.ndarray, qty: np.ndarray, *, ordered: int,
                       promised: int, received: np.ndarray | int, qty_received: np.ndarray,
                       rng: np.random.Generator, suffix: str = "") -> list[int]:
    """Add one purchase order of supplier ``sup`` for warehouse ``w`` (one line per SKU) and
    schedule its receipts.

    Args:
        g: the run.
        sup: the supplier's index; w: the warehouse's.
        skus, qty: the SKUs and the quantities ordered.
        ordered, promised: the order's and the promised day.
        received: the day each line arrives (may be after the period: an open PO).
        qty_received: the quantities that arrive (short of ``qty`` for a partial delivery).
        rng: the stream the rejected units are drawn from (0.3% of those received).
        suffix: added to the PO and batch ids (``X`` for the defective batch).
    Returns:
        The new lines' indexes in ``g.po_lines``.
    """
    d = g.day_date(ordered)
    po_id = f"PO{d:%Y%m%d}-{g.supplier_ids[sup]}-{'ESN'[w]}{suffix}"
    received = np.broadcast_to(np.asarray(received), (len(skus),))
    rejected = rng.binomial(np.asarray(qty_received, dtype=np.int64), 0.003)
    out = []
    for i, s in enumerate(skus):
        j = len(g.po_lines)
        g.po_lines.append(POLine(
            po_id=po_id, line_no=i + 1, supplier=sup, sku=int(s), wh=w,
            batch_id=f"LOT{d:%y%m%d}{g.supplier_ids[sup][1:]}{'ESN'[w]}{suffix}{i + 1:02d}",
            ordered=ordered, promised=promised, received=int(received[i]), qty_ordered=int(qty[i]),
            qty_received=int(qty_received[i]), qty_rejected=int(rejected[i]),
            unit_cost=int(round(g.cost[s] * 0.97)),
        ))
        r = int(received[i])
        key = "opening" if r < 0 else r
        g.receipts.setdefault(key, []).append(j)
        if r >= 0:
            g.on_order[s, w] += int(qty[i])
        out.append(j)
    return out


def receive_po_line(g: SampleRun, j: int) -> None:
    """Put PO line ``j``'s accepted units on hand as a new batch, and off order."""
    ln = g.po_lines[j]
    net = ln.qty_received - ln.qty_rejected
    key = ln.sku * 3 + ln.wh
    g.cum_in[key] += net
    g.batch_bounds[key].append(int(g.cum_in[key]))
    g.batch_line[key].append(j)
    g.on_hand[ln.sku, ln.wh] += net
    if ln.received >= 0:
        g.on_order[ln.sku, ln.wh] -= ln.qty_ordered


def review_suppliers(g: SampleRun, t: int, rng: np.random.Generator) -> None:
    """Weekly order-up-to review of each supplier on its weekday."""
    for sup in np.flatnonzero(g.review_weekday == g.weekday[t]):
        lt = int(g.supplier_lt[sup])
        skus = np.flatnonzero((g.sku_sup == sup) & (g.discontinued > t + lt))
        if not len(skus):
            continue
        h = g.horizon
        a = min(t + 1, h)
        rop_end = min(t + 1 + lt + REVIEW_PERIOD_DAYS + SAFETY_DAYS, h)
        out_end = min(rop_end + CYCLE_DAYS, h)
        d_rop = g.demand_cum[rop_end, skus] - g.demand_cum[a, skus]
        d_out = g.demand_cum[out_end, skus] - g.demand_cum[a, skus]
        late = t + lt >= g.late_from and sup == g.late_sup
        for w in range(3):
            ip = g.on_hand[skus, w] + g.on_order[skus, w]
            # Safety: SAFETY_DAYS of demand plus a Poisson margin for slow movers.
            rop = d_rop * g.wh_share[w] + 1.65 * np.sqrt(1.5 * d_rop * g.wh_share[w])
            need = (ip < rop) & (d_out > 0)
            if not need.any():
                continue
            s_need = skus[need]
            qty = np.maximum(np.ceil((d_out[need] * g.wh_share[w] - ip[need]) / g.case), 1).astype(np.int64) * g.case
            promised = t + lt
            if late:
                delay = np.rint(rng.gamma(4.0, LATE["delay_mean"] / 4.0, size=len(s_need))).astype(np.int64)
                fill = rng.beta(7.0, 3.0, size=len(s_need))
            else:
                delay = rng.choice(np.array([-1, 0, 0, 0, 0, 1, 1, 2, 3]), size=len(s_need))
                fill = np.where(rng.random(len(s_need)) < 0.9, 1.0, rng.uniform(0.80, 0.99, size=len(s_need)))
            received = np.maximum(promised + delay, t + 1)
            qty_rec = np.minimum(qty, np.floor(qty * fill + 0.5).astype(np.int64))
            add_purchase_order(g, sup, w, s_need, qty, ordered=t, promised=promised, received=received,
                        qty_received=qty_rec, rng=rng)


def place_defective_po(g: SampleRun) -> None:
    """The complaint truth: one PO line whose batch turns out defective."""
    rng = g.rng("defect")
    s = g.complaint_sku
    sup = int(g.sku_sup[s])
    lt = int(g.supplier_lt[sup])
    recv = g.complaint_receive
    ordered = max(recv - lt, 0)
    d = g.demand_cum[min(recv + 42, g.horizon), s] - g.demand_cum[recv, s]
    qty = max(g.case, int(math.ceil(d * g.wh_share[0] / g.case)) * g.case)
    (j,) = add_purchase_order(g, sup, 0, np.array([s]), np.array([qty]), ordered=ordered, promised=recv, received=recv,
                       qty_received=np.array([qty]), rng=rng, suffix="X")
    g.po_lines[j].qty_rejected = 0
    g.defect_line = j


def find_batches(g: SampleRun, keys: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """PO-line index of the batch each unit position came from (FIFO per SKU × warehouse)."""
    out = np.full(len(keys), -1, dtype=np.int64)
    if not len(keys):
        return out
    order = np.argsort(keys, kind="stable")
    ks = keys[order]
    starts = np.flatnonzero(first_of_runs(ks))
    ends = np.r_[starts[1:], len(ks)]
    for a, b in zip(starts, ends, strict=True):
        key = int(ks[a])
        bounds = np.asarray(g.batch_bounds[key])
        lines = np.asarray(g.batch_line[key])
        if not len(bounds):
            continue
        i = np.searchsorted(bounds, pos[order[a:b]], side="right")
        out[order[a:b]] = lines[np.minimum(i, len(lines) - 1)]
    return out


def write_inventory(g: SampleRun, k: int, first: int, hand: np.ndarray, onord: np.ndarray) -> None:
    """Append month ``k``'s daily snapshots to ``inventory/inventory.csv``.

    Args:
        g: the run (keeps ``inv_hand_log`` for the late-supplier truth).
        k: the month's index; first: its first day's index.
        hand, onord: units on hand and on order per day × SKU × warehouse.
    """
    D, S, W = hand.shape
    days = g.day0 + np.arange(first, first + D)
    frame = Columns({
        "snapshot_on": np.repeat(format_dates(days), S * W),
        "sku": np.tile(np.repeat(g.sku, W), D),
        "warehouse": np.tile(np.array(WAREHOUSES, dtype=object), D * S),
        "on_hand": hand.reshape(-1),
        "on_order": onord.reshape(-1),
    })
    name = "inventory.csv"
    n = write_csv(frame, g.path("inventory", name), mode="w" if k == 0 else "a", header=k == 0)
    g.record_file("inventory", name, n)
    g.inv_hand_log = getattr(g, "inv_hand_log", [])
    g.inv_hand_log.append(hand)


def write_purchase_orders(g: SampleRun) -> None:
    """Write ``purchase_orders/purchase_orders.csv``; a line not received by the period's
    end is open (no batch, received date or quantities)."""
    last = g.n_days - 1
    pl = g.po_lines
    received = np.array([ln.received for ln in pl])
    done = received <= last
    frame = pd.DataFrame({
        "po_id": np.array([ln.po_id for ln in pl], dtype=object),
        "line_no": np.array([ln.line_no for ln in pl], dtype=np.int64),
        "supplier_id": np.array([g.supplier_ids[ln.supplier] for ln in pl], dtype=object),
        "sku": g.sku[np.array([ln.sku for ln in pl])],
        "batch_id": np.where(done, np.array([ln.batch_id for ln in pl], dtype=object), ""),
        "ordered_on": format_dates(g.day0 + np.array([ln.ordered for ln in pl])),
        "promised_on": format_dates(g.day0 + np.array([ln.promised for ln in pl])),
        "received_on": np.where(done, format_dates(g.day0 + received), ""),
        "qty_ordered": np.array([ln.qty_ordered for ln in pl], dtype=np.int64),
        "qty_received": np.where(done, np.array([ln.qty_received for ln in pl]), 0),
        "qty_rejected": np.where(done, np.array([ln.qty_rejected for ln in pl]), 0),
        "unit_cost": format_money(np.array([ln.unit_cost for ln in pl])),
    })
    order = np.lexsort((frame["line_no"].to_numpy(), frame["po_id"].to_numpy().astype(str),
                        np.array([ln.ordered for ln in pl])))
    frame = frame.iloc[order]
    write_csv(frame, g.path("purchase_orders", "purchase_orders.csv"))
    g.record_file("purchase_orders", "purchase_orders.csv", len(frame))
