"""Reading the traffic table the one way: platform totals from the ``channel = 'all'`` rows.

The ``traffic`` table holds one row per day × platform × channel × device, as each platform
reports it. A platform's totals are its own de-duplicated ``channel = 'all'`` rows (a visitor
who came through two sources is counted once there, once in each source row); channel rows
are the channel mix only. Traffic and conversion read the table through these helpers.
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.datatypes as dt
import numpy as np
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
    sums = {}
    for c in columns:
        total, wanted = table[c].sum(), dt.float64 if c.endswith("_amount") else dt.int64
        # A sum already of the wanted type is not cast: Ibis would build the cast's node and then
        # drop it (~20 µs a node, 8 of the traffic summary's ~70, issue #17).
        sums[c] = total if total.type() == wanted else total.cast(wanted)
    return sums


def no_traffic(wb: Workbook, label: str, platforms: list[str], what: str = "traffic") -> NoDataError:
    """The error for a period without traffic rows: what is missing and what to do (its
    ``key`` says it in the report's language: ``traffic.no_rows``)."""
    t = wb.table("traffic")
    bounds = wb.execute(t.aggregate(first=t.visited_on.min(), last=t.visited_on.max()))
    first, last = bounds["first"].iloc[0], bounds["last"].iloc[0]
    covered = (f"the traffic table covers {first:%Y-%m-%d} to {last:%Y-%m-%d}"
               if pd.notna(first) else "the traffic table is empty")
    values = {"month": label, "platforms": list(platforms)}
    if pd.notna(first):
        values.update(first=f"{first:%Y-%m-%d}", last=f"{last:%Y-%m-%d}")
    return NoDataError(
        f"no {what} rows for {label} on {', '.join(platforms)}: {covered}. Export the platforms' traffic "
        f"reports for {label} into data/raw/traffic/ and run `storebook ingest`, or choose another month.",
        key="traffic.no_rows" if pd.notna(first) else "traffic.no_rows.empty", values=values,
    )


def no_channels(label: str, platforms: list[str]) -> NoDataError:
    """The error for a period whose traffic rows are the platforms' totals only (channel
    ``all``): the traffic is there, where it came from is not."""
    return NoDataError(
        f"the traffic rows for {label} on {', '.join(platforms)} are the platforms' totals only (channel 'all'): "
        "they do not say where visitors came from. Export the platforms' traffic-source reports (生意参谋 流量来源, "
        "京东商智 流量来源, GA4 Traffic acquisition) into data/raw/traffic/ and run `storebook ingest` to see channels.",
        key="traffic.no_channels", values={"month": label, "platforms": list(platforms)},
    )


def order_platforms(frame: pd.DataFrame, platforms: list[str], column: str = "platform") -> pd.DataFrame:
    """``frame`` sorted by ``column`` in the order of ``platforms``, the total row last."""
    order = {p: i for i, p in enumerate([*platforms, TOTAL])}
    return frame.sort_values(column, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def with_platform_total(per_platform: pd.DataFrame, platforms: list[str], counts=COUNTS) -> pd.DataFrame:
    """One row per platform (sums of ``counts``) with the all-platform ``total`` row added:
    platforms in the order of ``platforms``, the total last, a new frame with a fresh index.

    The total sums the platforms (they share no visitor). A count a platform does not report
    (an optional funnel step, missing) leaves the total unknown too: a sum over the platforms
    that report it would look like the whole store's. A count column known everywhere is
    int64, one with a gap float64; ``*_amount`` columns are float64.

    The frame is built from the columns' arrays in one go: a handful of rows does not need
    pandas' concat/astype/sort machinery, whose fixed costs were most of a small question's
    time (issue #17).

    >>> f = pd.DataFrame({"platform": ["jd", "tmall"], "visitors": [5, 10], "paid_amount": [1.0, 2.5]})
    >>> with_platform_total(f, ["tmall", "jd"], ["visitors", "paid_amount"]).values.tolist()
    [['tmall', 10, 2.5], ['jd', 5, 1.0], ['total', 15, 3.5]]
    >>> g = pd.DataFrame({"platform": ["jd", "tmall"], "visitors": [5.0, np.nan]})
    >>> with_platform_total(g, ["tmall", "jd"], ["visitors"])["visitors"].tolist()
    [nan, 5.0, nan]
    """
    return pd.DataFrame(platform_total_columns(per_platform, platforms, counts))


def platform_total_columns(per_platform: pd.DataFrame, platforms: list[str], counts=COUNTS) -> dict[str, object]:
    """The columns of :func:`with_platform_total` as arrays (platform, then ``counts``), for a
    caller that adds columns of its own before building the frame once."""
    rank = {p: i for i, p in enumerate(platforms)}
    names = per_platform["platform"].to_numpy(dtype=object)
    # A stable sort by the platforms' order (a platform not asked for last, as order_platforms does).
    order = np.argsort(np.array([rank.get(p, len(rank)) for p in names], dtype="int64"), kind="stable")
    out: dict[str, object] = {"platform": pd.array([*names[order], TOTAL], dtype="str")}
    for c in counts:
        values = per_platform[c].to_numpy()
        if values.dtype.kind not in "iu" or c.endswith("_amount"):
            # A count with a gap (float), or one no row reports at all (the engine's column of
            # nothing comes as objects): missing is NaN.
            values = per_platform[c].to_numpy(dtype="float64", na_value=np.nan)
            known = not np.isnan(values).any()
            # Added in the engine's row order, as pandas' sum added them: the total's last
            # bit does not depend on the order the platforms are shown in.
            total = values.sum() if known else np.nan
            column = np.append(values[order], total)
            out[c] = column.astype("int64") if known and not c.endswith("_amount") else column
        else:
            values = values.astype("int64")
            out[c] = np.append(values[order], values.sum())
    return out
