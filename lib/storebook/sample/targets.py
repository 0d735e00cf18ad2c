"""Targets: the ``targets`` file, set the way a department sets them.

Marketing budgets are targets every month. From the thirteenth month on, each platform's
targets are last year's same month (:class:`MonthTotals`, summed while the months are
simulated) grown by a little on each driver: visitors, conversion, order value, ROAS; refund
rate and complaints are asked to fall, satisfaction and OTIF to rise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storebook.sample.run import SampleRun
from storebook.sample.store import PLATFORMS
from storebook.sample.writing import write_csv


@dataclass
class MonthTotals:
    """A month's sums per platform (cents, counts), from which next year's targets are set."""

    paid_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    orders: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    refund_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    margin_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    commission_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.float64))
    logistics_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    otif: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    visitors: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    buyers: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    spend_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    attributed_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    complaints: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    csat_sum: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    csat_n: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))


def write_targets(g: SampleRun) -> None:
    """Write ``targets/targets.csv``: the marketing budgets of every month and, from the
    thirteenth month on, each platform's targets (paid amount, visitors, orders, buyers,
    conversion, AOV, margin, ROAS, refund rate, CSAT, complaints, OTIF, logistics cost,
    contribution margin) from the same month a year before."""
    rng = g.rng("targets")
    rows = []
    for k, (y, m) in enumerate(g.month_list):
        month_on = f"{y:04d}-{m:02d}-01"
        for p, pname in enumerate(PLATFORMS):
            for ch in g.spend_split[pname]:
                rows.append((month_on, pname, ch, "marketing_spend_amount", f"{g.budgets[(k, p, ch)]:.2f}"))
        if k < 12:
            continue
        ly = g.month_aggs[k - 12]
        for p, pname in enumerate(PLATFORMS):
            # Growth asked of each driver: visitors, conversion, order value.
            g_vis, g_conv, g_aov, g_roas = rng.uniform(1.02, 1.05), rng.uniform(1.03, 1.06), rng.uniform(1.00, 1.03), rng.uniform(1.05, 1.10)
            down = rng.uniform(0.90, 0.95, size=2)
            paid = ly.paid_cents[p] / 100.0
            orders = float(ly.orders[p])
            visitors = float(ly.visitors[p])
            buyers = float(ly.buyers[p])
            if not (paid and orders and visitors and buyers):
                continue
            margin = ly.margin_cents[p] / 100.0
            spend = ly.spend_cents[p] / 100.0
            attributed = ly.attributed_cents[p] / 100.0
            logistics = ly.logistics_cents[p] / 100.0
            commission = ly.commission_cents[p] / 100.0
            contribution = margin - commission - logistics - spend
            t_vis = visitors * g_vis
            t_buyers = buyers * g_vis * g_conv
            t_orders = t_buyers * orders / buyers
            t_aov = paid / buyers * g_aov
            t_paid = t_buyers * t_aov
            growth = t_paid / paid
            csat = ly.csat_sum[p] / ly.csat_n[p] if ly.csat_n[p] else 4.5
            otif = ly.otif[p] / orders
            values = [
                ("paid_amount", f"{t_paid:.2f}"),
                ("visitors", f"{round(t_vis)}"),
                ("orders", f"{round(t_orders)}"),
                ("buyers", f"{round(t_buyers)}"),
                ("conversion_rate", f"{t_buyers / t_vis:.4f}"),
                ("aov", f"{t_aov:.2f}"),
                ("gross_margin_amount", f"{margin * growth:.2f}"),
                ("roas", f"{(attributed / spend if spend else 0.0) * g_roas:.2f}"),
                ("refund_rate", f"{ly.refund_cents[p] / ly.paid_cents[p] * down[0]:.4f}"),
                ("csat", f"{min(5.0, csat + 0.05):.2f}"),
                ("complaints_per_1000_orders", f"{ly.complaints[p] / orders * 1000 * down[1]:.2f}"),
                ("otif_rate", f"{min(0.995, otif + (1 - otif) * 0.3):.4f}"),
                ("logistics_cost_amount", f"{logistics * t_orders / orders:.2f}"),
                ("contribution_margin_amount", f"{contribution * growth:.2f}"),
            ]
            for metric, val in values:
                rows.append((month_on, pname, "all", metric, val))
    frame = pd.DataFrame(rows, columns=["month_on", "platform", "channel", "metric", "target_value"]).astype(object)
    write_csv(frame, g.path("targets", "targets.csv"))
    g.record_file("targets", "targets.csv", len(frame))
