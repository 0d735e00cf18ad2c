"""Paid orders in a period: the one definition every sales figure starts from.

An order counts in a period's sales when it was paid (``paid_at``) in the period, on the
chosen platforms — as the platforms report 支付金额: a sale counts on the day it was paid,
and a later cancellation or refund does not undo it (refunds are their own figure,
storebook.areas.service). The one deliberate exception is fulfilment's "orders due to
ship", which also leaves out cancelled orders: a cancelled order is never shipped, so it
cannot be shipped late (storebook.areas.fulfilment says so where it filters).
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis

from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError


def paid_orders(wb: Workbook, period: Period, platforms: Sequence[str]) -> ibis.Table:
    """The orders paid in ``[period.start, period.end)`` on ``platforms`` (an Ibis table,
    every column of ``orders``).

    Args:
        wb: the workbook.
        period: the month (or any period).
        platforms: the platforms, already resolved (``wb.platforms(…)``).
    """
    o = wb.table("orders")
    return o.filter(o.paid_at.notnull(), o.paid_at >= period.start_ts, o.paid_at < period.end_ts,
                    o.platform.isin(list(platforms)))


def no_paid_orders(period: Period, platforms: list[str]) -> NoDataError:
    """The error for a period without paid orders: what is missing and what to do."""
    return NoDataError(
        f"no paid orders in {period.label} on {', '.join(platforms)}: the orders export for that month "
        "may be missing; check `storebook info` or choose another month or platform",
        key="no_data.paid_orders", values={"month": period.label, "platforms": list(platforms)},
    )
