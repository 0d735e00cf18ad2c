"""Reading the traffic table the one way: platform totals from the ``channel = 'all'`` rows.

The ``traffic`` table holds one row per day × platform × channel × device, as each platform
reports it. A platform's totals are its own de-duplicated ``channel = 'all'`` rows (a visitor
who came through two sources is counted once there, once in each source row); channel rows
are the channel mix only. Traffic and conversion read the table through these helpers.
"""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd

from storebook.engine.schema import TRAFFIC_TOTAL_CHANNEL
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL

#: Additive counts of the traffic table.
COUNTS: tuple[str, ...] = ("visitors", "page_views", "product_views", "cart_adds", "checkouts",
                           "buyers", "orders", "paid_amount")




def traffic_rows(wb: Workbook, start: date, end: date, platforms: list[str], *, totals: bool) -> ibis.Table:
    """Traffic rows of ``[start, end)``: the platform-total (``all``) rows or the channel rows."""
    t = wb.table("traffic")
    channel_filter = t.channel == TRAFFIC_TOTAL_CHANNEL if totals else t.channel != TRAFFIC_TOTAL_CHANNEL
    return t.filter(t.visited_on >= start, t.visited_on < end, t.platform.isin(platforms), channel_filter)


def sum_counts(table: ibis.Table, columns=COUNTS) -> dict[str, ibis.Expr]:
    """Sums of count columns (integers stay integers: DuckDB would give floats)."""
    return {c: table[c].sum().cast("float64" if c.endswith("_amount") else "int64") for c in columns}


def no_traffic(wb: Workbook, label: str, platforms: list[str], what: str = "traffic") -> NoDataError:
    """The error for a period without traffic rows: what is missing and what to do."""
    t = wb.table("traffic")
    bounds = wb.execute(t.aggregate(first=t.visited_on.min(), last=t.visited_on.max()))
    first, last = bounds["first"].iloc[0], bounds["last"].iloc[0]
    covered = (f"the traffic table covers {first:%Y-%m-%d} to {last:%Y-%m-%d}"
               if pd.notna(first) else "the traffic table is empty")
    return NoDataError(
        f"no {what} rows for {label} on {', '.join(platforms)}: {covered}. Export the platforms' traffic "
        f"reports for {label} into data/raw/traffic/ and run `storebook ingest`, or choose another month."
    )


def order_platforms(frame: pd.DataFrame, platforms: list[str], column: str = "platform") -> pd.DataFrame:
    """``frame`` sorted by ``column`` in the order of ``platforms``, the total row last."""
    order = {p: i for i, p in enumerate([*platforms, TOTAL])}
    return frame.sort_values(column, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
