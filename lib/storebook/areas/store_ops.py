"""Store operations (店铺运营): the store rating (店铺评分) per platform and what moved it, and
the listings (商品效果): which draw visitors but do not convert, and what a change did.

Sources: ``store_ratings`` (the score each platform publishes per day and dimension —
Tmall/Taobao DSR 描述相符/服务态度/物流服务, JD 店铺评分, Douyin 体验分), ``product_traffic``
(visitors, add-to-cart, buyers and paid amount per listing and day or week) and
``listing_changes``; the store rating itself is :mod:`storebook.measures.ratings`, and the
operations that move it come from the measures the fulfilment and service reports show
(:mod:`storebook.measures.deliveries`, :mod:`~storebook.measures.tickets`,
:mod:`~storebook.measures.returns`: delivery times, slow carriers, complaints, returns).

Definitions, once:

- 店铺评分 store rating of a platform = its ``overall`` score on the last day of the month
  with a score (the mean of its dimensions where it publishes no overall), on a scale of 5
  (``score × 5 / score_max``); all platforms = the platforms' ratings weighted by the
  ratings they received in the month.
- 日评分 day score = the mean of the ratings received that day (the published score is a
  window average and moves slowly; the day score shows *when* it moved).
- 商品支付转化率 listing conversion = buyers ÷ visitors of the listing
  (:func:`storebook.measures.ratios.conversion_rate`); UV价值 = paid amount ÷ visitors; its
  category's norm = the same rate over the *other* listings of its category on the platform.
- 流失买家 lost buyers = visitors × the category's conversion − buyers (what the listing
  would have sold at its category's rate).

A row of ``product_traffic`` over several days counts in a month that holds its whole
period; where a listing has both a daily row and a period row covering the same day, the
daily rows are used (the period row would count the same visitors twice).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import ibis
import numpy as np
import pandas as pd

from storebook.engine import dimensions, periods
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL, stats
from storebook.measures.deliveries import (
    find_slow_carriers,
    summarise_delivery_times,
    summarise_slow_carrier,
)
from storebook.measures.partial import kept_result
from storebook.measures.ratings import (  # noqa: F401 (rate_stores, summarise_ratings: the report calls them here)
    RATING_SCALE,
    month_end,
    no_ratings,
    rate_stores,
    rating_rows,
    summarise_ratings,
)
from storebook.measures.ratios import aov, conversion_rate, relative_change, uv_value
from storebook.measures.returns import compute_refund_rate, summarise_returns
from storebook.measures.shipments import placed_range
from storebook.measures.stats import safe_ratio as _ratio
from storebook.measures.tickets import (
    compute_complaint_rate,
    count_tickets,
    summarise_response_times,
)

#: A dip: the most unusual run of days whose ratings fall at least this far below their
#: baseline (on a scale of 5) …
DIP_MIN_DROP = 0.2
#: … with at least this many ratings, and this unlikely (z of the summed shortfall).
DIP_MIN_RATINGS = 10
DIP_MIN_Z = 5.0
#: Weeks of day scores before the window that make a dimension's baseline.
DIP_BASELINE_WEEKS = 8
#: A listing is judged against its category with at least this many visitors in the month.
MIN_LISTING_VISITORS = 100
#: Weeks before and after a listing change that its effect is measured over.
CHANGE_WEEKS = 8
#: Fewer buyers than this before or after a change: too few to judge it (the interval's
#: normal approximation fails on a handful of buyers).
MIN_CHANGE_BUYERS = 10


# ----------------------------------------------------------------------------- ratings

def trend_ratings(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                  months: int = 13) -> pd.DataFrame:
    """The rating at each month's end over the ``months`` months ending with ``period`` (scale of 5).

    Returns:
        One row per platform × dimension × month: platform, dimension, month (``YYYY-MM``),
        score_5, day_score_5 (the month's ratings-weighted day score), ratings, series
        (``<platform>.<dimension>``, for a chart's legend).
    Raises:
        NoDataError: no rating in the period.
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months)
    rows = rating_rows(wb, window.start, window.end, plats)
    if rows.empty:
        raise no_ratings(period, plats)
    rows = rows.assign(month=rows["rated_on"].dt.strftime("%Y-%m"))
    ends = rows.sort_values("rated_on").groupby(["platform", "dimension", "month"], as_index=False).tail(1)
    rated = rows.dropna(subset=["day_score"]).assign(w=lambda d: d["day_score"] * d["day_ratings"] * d["scale"])
    days = rated.groupby(["platform", "dimension", "month"], as_index=False).agg(w=("w", "sum"), ratings=("day_ratings", "sum"))
    out = ends.assign(score_5=ends["score"] * ends["scale"])[["platform", "dimension", "month", "score_5"]].merge(
        days.assign(day_score_5=_ratio(days["w"], days["ratings"])).drop(columns="w"),
        on=["platform", "dimension", "month"], how="left")
    return out.assign(ratings=out["ratings"].fillna(0).astype("int64"),
                      series=out["platform"] + "." + out["dimension"]).sort_values(
        ["platform", "dimension", "month"]).reset_index(drop=True)


def find_rating_dips(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, months: int = 2,
                     min_drop: float = DIP_MIN_DROP, min_ratings: int = DIP_MIN_RATINGS,
                     min_z: float = DIP_MIN_Z) -> pd.DataFrame:
    """Runs of days when a platform's ratings of one dimension fell below their usual level (评分下滑).

    Method: a dimension's baseline is the ratings-weighted mean of its day scores over the
    :data:`DIP_BASELINE_WEEKS` weeks before the window (the ``months`` months ending with
    ``period``), σ the spread of one rating (pooled from those days: Σ n·(day − base)² ÷
    (days − 1)). For every run of days in the window, z = Σ n·(day − base) ÷ (σ √Σn); the
    most negative run is a dip when it holds ``min_ratings`` ratings, its mean is at least
    ``min_drop`` (on a scale of 5) below the baseline and z ≤ −``min_z`` (a month's ~1,000
    runs per dimension make smaller z common by chance).

    Returns:
        One row per dip, deepest z first: platform, dimension, first_day, last_day, days,
        ratings, baseline, day_score (in the dip), day_score_drop (day_score − baseline),
        day_score_drop_5 (on a scale of 5), z, score_before (published, the day before),
        score_after (published, the last day), score_change. Empty (same columns) when
        nothing fell.
    Raises:
        NoDataError: no rating in the window.
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months) if months > 1 else period
    base_from = window.start - timedelta(weeks=DIP_BASELINE_WEEKS)
    rows = rating_rows(wb, base_from - timedelta(days=1), window.end, plats)
    if rows[rows["rated_on"] >= pd.Timestamp(window.start)].empty:
        raise no_ratings(period, plats)
    columns = ["platform", "dimension", "first_day", "last_day", "days", "ratings", "baseline", "day_score",
               "day_score_drop", "day_score_drop_5", "z", "score_before", "score_after", "score_change"]
    found = []
    for (platform, dimension), g in rows.groupby(["platform", "dimension"]):
        g = g.sort_values("rated_on")
        base_days = g[(g["rated_on"] >= pd.Timestamp(base_from)) & (g["rated_on"] < pd.Timestamp(window.start))
                      & g["day_score"].notna() & (g["day_ratings"] > 0)]
        days = g[(g["rated_on"] >= pd.Timestamp(window.start)) & g["day_score"].notna()]
        if len(base_days) < 7 or days.empty:
            continue
        n0 = base_days["day_ratings"].to_numpy(float)
        base = float(np.average(base_days["day_score"], weights=n0))
        sigma = float(np.sqrt((n0 * (base_days["day_score"] - base) ** 2).sum() / max(len(base_days) - 1, 1)))
        n = days["day_ratings"].to_numpy(float)
        excess = n * (days["day_score"].to_numpy(float) - base)
        cs, cn = np.r_[0.0, excess.cumsum()], np.r_[0.0, n.cumsum()]
        a, b = np.triu_indices(len(days))
        s_run, n_run = cs[b + 1] - cs[a], cn[b + 1] - cn[a]
        scale = float(days["scale"].iloc[0])
        ok = (n_run >= min_ratings) & (-s_run >= min_drop / scale * n_run)
        if not ok.any() or sigma <= 0:
            continue
        z = np.where(ok, s_run / (sigma * np.sqrt(np.where(n_run > 0, n_run, 1.0))), np.inf)
        k = int(np.argmin(z))
        if z[k] > -min_z:
            continue
        first, last = days["rated_on"].iloc[a[k]], days["rated_on"].iloc[b[k]]
        before = g[g["rated_on"] < first]
        score_before = float(before["score"].iloc[-1]) if len(before) else np.nan
        score_after = float(g.loc[g["rated_on"] == last, "score"].iloc[0])
        mean = base + s_run[k] / n_run[k]
        found.append({"platform": platform, "dimension": dimension, "first_day": first, "last_day": last,
                      "days": int((last - first).days + 1), "ratings": int(n_run[k]), "baseline": base,
                      "day_score": mean, "day_score_drop": mean - base, "day_score_drop_5": (mean - base) * scale,
                      "z": float(z[k]),
                      "score_before": score_before, "score_after": score_after,
                      "score_change": score_after - score_before})
    if not found:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns}).astype(
            {"platform": "str", "dimension": "str", "first_day": "datetime64[s]", "last_day": "datetime64[s]"})
    return pd.DataFrame(found, columns=columns).sort_values("z").reset_index(drop=True)


def daily_ratings(wb: Workbook, period: Period, platform: str, dimension: str, months: int = 2) -> pd.DataFrame:
    """One dimension's published score and day score, day by day, over the ``months`` months ending with ``period``.

    Returns:
        One row per day: day, score (published), day_score, day_ratings, baseline (the
        day score's mean over the weeks before the window, as :func:`find_rating_dips` uses).
    Raises:
        NoDataError: no rating of that platform and dimension in the window.
    """
    window = period.trailing(months) if months > 1 else period
    base_from = window.start - timedelta(weeks=DIP_BASELINE_WEEKS)
    rows = rating_rows(wb, base_from, window.end, [platform])
    rows = rows[rows["dimension"] == dimension].sort_values("rated_on")
    inside = rows[rows["rated_on"] >= pd.Timestamp(window.start)]
    if inside.empty:
        raise no_ratings(period, [platform])
    before = rows[(rows["rated_on"] < pd.Timestamp(window.start)) & rows["day_score"].notna() & (rows["day_ratings"] > 0)]
    base = float(np.average(before["day_score"], weights=before["day_ratings"])) if len(before) else np.nan
    return pd.DataFrame({"day": inside["rated_on"].to_numpy(), "score": inside["score"].to_numpy(),
                         "day_score": inside["day_score"].to_numpy(), "day_ratings": inside["day_ratings"].to_numpy(),
                         "baseline": base})


def explain_rating_dips(wb: Workbook, period: Period, dips: pd.DataFrame,
                        platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """What each dip of :func:`find_rating_dips` followed, from the operations that move its dimension.

    Logistics (and overall): the slow carriers of the fulfilment report
    (:func:`storebook.measures.deliveries.find_slow_carriers`) on the report's platforms, over the
    two weeks before the dip and the dip itself (a parcel is rated after it arrives), and
    the platform's delivery days of the parcels delivered in the dip against the weeks
    before. Product: the quality complaints of the service report in the dip against before.

    Returns:
        One row per dip: platform, dimension, first_day, last_day, driver (``slow_carrier``,
        ``slower_delivery``, ``quality`` or ``none``), carrier, provinces, shipped_from,
        shipped_to, excess_days, delivery_days, delivery_days_before.
    """
    plats = wb.platforms(platforms)
    rows = []
    for d in dips.itertuples():
        first, last = pd.Timestamp(d.first_day).date(), pd.Timestamp(d.last_day).date()
        row: dict[str, Any] = {"platform": d.platform, "dimension": d.dimension, "first_day": d.first_day,
                               "last_day": d.last_day, "driver": "none", "carrier": None, "provinces": None,
                               "shipped_from": None, "shipped_to": None, "excess_days": np.nan,
                               "delivery_days": np.nan, "delivery_days_before": np.nan}
        # A parcel reaches its platform through its order: without orders no parcel is the platform's.
        if d.dimension in ("logistics", "overall") and wb.has("shipments") and wb.has("orders"):
            search = Period(first - timedelta(days=14), last + timedelta(days=1), "dip")
            slow = summarise_slow_carrier(find_slow_carriers(wb, search, plats))
            row.update(_delivery_days(wb, d.platform, first, last))
            if slow is not None:
                row.update(driver="slow_carrier", carrier=slow["carrier"], provinces="、".join(slow["provinces"]),
                           shipped_from=slow["first_day"], shipped_to=slow["last_day"],
                           excess_days=slow["mean_excess_days"])
            elif row["delivery_days"] > row["delivery_days_before"] + 0.3:
                row["driver"] = "slower_delivery"
        elif d.dimension == "product" and wb.has("service_tickets"):
            row["driver"] = "quality"
        rows.append(row)
    return pd.DataFrame(rows, columns=["platform", "dimension", "first_day", "last_day", "driver", "carrier",
                                       "provinces", "shipped_from", "shipped_to", "excess_days", "delivery_days",
                                       "delivery_days_before"])


def _delivery_days(wb: Workbook, platform: str, first, last) -> dict[str, float]:
    """Mean delivery days of the platform's parcels delivered in [first, last] and in the 8 weeks before."""
    start = pd.Timestamp(first) - pd.Timedelta(weeks=DIP_BASELINE_WEEKS)
    s = wb.table("shipments")
    # A parcel without its hand-over time has no delivery days: it moves no mean.
    s = s.filter(s.delivered_at >= start, s.delivered_at < pd.Timestamp(last) + pd.Timedelta(days=1),
                 s.shipped_at.notnull())
    o = wb.table("orders")
    # The orders of those parcels, from the days they can have been placed on: the parcels'
    # hand-over days (one small question, the row groups of their delivery days) and each
    # month's range of time from order to parcel (storebook.measures.shipments.placed_range);
    # every order of the history where that is not known. Orders are written in order of
    # their day, so that is a few row groups where the platform's whole history was joined.
    span = wb.execute(s.aggregate(first=s.shipped_at.min(), last=s.shipped_at.max())).iloc[0]
    if pd.notna(span["first"]) and pd.notna(span["last"]):
        placed = placed_range(wb, pd.Timestamp(span["first"]), pd.Timestamp(span["last"]) + pd.Timedelta(microseconds=1))
        if placed is not None:
            o = o.filter(o.ordered_at >= placed[0], o.ordered_at <= placed[1])
    j = s.inner_join(o.filter(o.platform == platform).select("order_id", "platform"), "order_id")
    j = j.mutate(days=(j.delivered_at.epoch_seconds() - j.shipped_at.epoch_seconds()) / 86400.0,
                 inside=j.delivered_at >= pd.Timestamp(first))
    out = wb.execute(j.group_by("inside").aggregate(mean=j.days.mean())).set_index("inside")["mean"]
    return {"delivery_days": float(out.get(True, np.nan)), "delivery_days_before": float(out.get(False, np.nan))}


class _DeliveryDays:
    """The delivery days per platform of a month and of the month before, from one question
    grouped by month where both are months (:func:`summarise_delivery_times` by month and
    platform over the two): their groups are each month's, the same rows, where two
    questions cost a second question's Ibis work (~5 ms at 10M order lines) and the
    engine a second join of parcels to orders. Without the all-platform rows, which are not
    shown (each parcel aggregated once: a fifth less work). Asked when first needed; a month
    without shipments has no rows (None), as its own question raised."""

    def __init__(self, wb: Workbook, period: Period, platforms: list[str]) -> None:
        self.wb, self.period, self.platforms = wb, period, platforms
        self.prior = period.prior()
        self.both = periods.month_of(period.start) == period and periods.month_of(self.prior.start) == self.prior \
            and self.prior.end == period.start
        self.frame: pd.DataFrame | None = None

    def of(self, p: Period) -> pd.DataFrame | None:
        if not self.both:
            try:
                s = summarise_delivery_times(self.wb, p, self.platforms, by="platform", total=False)
            except NoDataError:
                return None
            return s
        if self.frame is None:
            span = periods.Period(self.prior.start, self.period.end, f"{self.prior.label}–{self.period.label}")
            try:
                self.frame = summarise_delivery_times(self.wb, span, self.platforms, by=["month", "platform"],
                                                      total=False)
            except NoDataError:
                self.frame = pd.DataFrame(columns=["month", "platform", "mean_days"])
        s = self.frame[self.frame["month"] == p.start.strftime("%Y-%m")]
        return s.drop(columns="month").reset_index(drop=True) if len(s) else None


def compare_operations(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The operations behind each rating dimension per platform, this month against the prior one.

    From the reports that define them: delivery days of the parcels handed over
    (:func:`storebook.measures.deliveries.summarise_delivery_times`, logistics), logistics and
    quality complaints per 1,000 orders (:func:`storebook.measures.tickets.count_tickets` over the
    orders of :func:`storebook.measures.returns.compute_refund_rate`, logistics and product; not
    on a platform whose tickets carry no topic), return rate (:func:`storebook.measures.returns.summarise_returns`, product), median first
    response (:func:`storebook.measures.tickets.summarise_response_times`, service).

    Returns:
        One row per platform × driver: platform, driver, dimension (the rating it moves),
        value, prior, change (value − prior).
    Raises:
        NoDataError: no paid order in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    delivery = _DeliveryDays(wb, period, plats)

    def measures(p: Period) -> pd.DataFrame:
        parts = []
        orders = compute_refund_rate(wb, p, plats, by="platform")[["platform", "orders"]]
        if wb.has("service_tickets"):
            try:
                t = count_tickets(wb, p, plats)
                # A platform whose tickets carry no topic (Olist's reviews) has its logistics and
                # quality complaints unknown, not 0: they are not measured there.
                topical = set(t.loc[t["category"] != dimensions.UNKNOWN, "platform"])
                for cat, name in (("logistics", "logistics_complaints_per_1000"), ("quality", "quality_complaints_per_1000")):
                    c = t[t["category"] == cat].groupby("platform", as_index=False)["complaints"].sum()
                    c = orders[orders["platform"].isin(topical)].merge(c, on="platform", how="left").fillna(
                        {"complaints": 0})
                    parts.append(c.assign(driver=name, value=_ratio(c["complaints"] * 1000.0, c["orders"])))
            except NoDataError:
                pass
            try:
                r = summarise_response_times(wb, p, plats, by="platform")
                parts.append(r.assign(driver="first_response_median_min", value=r["first_response_median_min"]))
            except NoDataError:
                pass
        if wb.has("shipments"):
            s = delivery.of(p)
            if s is not None:
                parts.append(s.assign(driver="delivery_days", value=s["mean_days"]))
        if wb.has("returns"):
            try:
                r = summarise_returns(wb, p, plats, by="platform")
                parts.append(r.assign(driver="return_rate", value=r["return_rate"]))
            except NoDataError:
                pass
        cols = ["platform", "driver", "value"]
        return pd.concat([x[cols] for x in parts], ignore_index=True) if parts else pd.DataFrame(columns=cols)

    now = measures(period)
    try:
        before = measures(period.prior()).rename(columns={"value": "prior"})
    except NoDataError:
        before = pd.DataFrame(columns=["platform", "driver", "prior"])
    moves = {"delivery_days": "logistics", "logistics_complaints_per_1000": "logistics",
             "quality_complaints_per_1000": "product", "return_rate": "product", "first_response_median_min": "service"}
    out = now.merge(before, on=["platform", "driver"], how="left").astype({"value": "float64", "prior": "float64"})
    order = {p: i for i, p in enumerate(plats)}
    kinds = {k: i for i, k in enumerate(moves)}
    out = out.assign(dimension=out["driver"].map(moves), change=out["value"] - out["prior"],
                     _p=out["platform"].map(order), _k=out["driver"].map(kinds))
    return out.sort_values(["_p", "_k"]).drop(columns=["_p", "_k"]).reset_index(drop=True)[
        ["platform", "driver", "dimension", "value", "prior", "change"]]


def compare_quality(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Returns and complaints by category and by supplier this month against the prior one
    (what moves 描述相符 / 商品体验), from the service report's functions.

    Returns:
        One row per group: by (``category`` or ``supplier``), category or supplier_id (the
        other empty), metric (``return_rate`` for a category, ``complaints_per_1000_orders``
        for a supplier), value, prior, change; largest rise first within each ``by``.
    Raises:
        NoDataError: no paid order in the month.
    """
    plats = wb.platforms(platforms)
    parts = []
    if wb.has("returns"):
        for p, col in ((period, "value"), (period.prior(), "prior")):
            try:
                r = summarise_returns(wb, p, plats, by="category")
                parts.append(r[["category", "return_rate"]].rename(columns={"category": "name", "return_rate": col})
                             .assign(by="category", metric="return_rate"))
            except NoDataError:
                continue
    if wb.has("service_tickets") and wb.has("suppliers"):
        for p, col in ((period, "value"), (period.prior(), "prior")):
            try:
                c = compute_complaint_rate(wb, p, plats, by="supplier")
                parts.append(c[["supplier_id", "complaints_per_1000_orders"]]
                             .rename(columns={"supplier_id": "name", "complaints_per_1000_orders": col})
                             .assign(by="supplier", metric="complaints_per_1000_orders"))
            except NoDataError:
                continue
    if not parts:
        raise NoDataError(f"no returns or complaints to compare for {period.label}",
                          key="no_data.returns_complaints", values={"month": period.label})
    frame = pd.concat(parts, ignore_index=True).reindex(columns=["by", "name", "metric", "value", "prior"])
    out = frame.groupby(["by", "name", "metric"], as_index=False)[["value", "prior"]].first()
    out = out.assign(change=out["value"] - out["prior"],
                     category=out["name"].where(out["by"] == "category"),
                     supplier_id=out["name"].where(out["by"] == "supplier"))
    return out.sort_values(["by", "change"], ascending=[True, False], na_position="last").reset_index(drop=True)[
        ["by", "category", "supplier_id", "metric", "value", "prior", "change"]]


# ----------------------------------------------------------------------------- listings

def _listing_rows(wb: Workbook, start, end, platforms: list[str]) -> ibis.Table:
    """Listing rows inside [start, end), each day of a listing counted once; each with our
    product name and category (:func:`_named`).

    A report over several days (生意参谋's week: one row per listing, ``period_end_on`` its
    last day) and daily reports of the same days say the same visits twice. Where the
    platform's daily rows cover every day of the report, the daily rows are used (they are
    finer) and the report's rows are left out; otherwise the report is used for each of
    its listings, and that listing's daily rows inside it are left out. (A week report
    beside one day of daily rows: the week, for every listing — never one day for some
    listings and the week for the others.)"""
    t = wb.table("product_traffic")
    t = t.filter(t.visited_on >= pd.Timestamp(start), t.visited_on < pd.Timestamp(end), t.platform.isin(platforms),
                 t.period_end_on.isnull() | (t.period_end_on < pd.Timestamp(end)))
    daily = t.filter(t.period_end_on.isnull())
    spans = t.filter(t.period_end_on.notnull())
    # The platform's days with daily rows, and the multi-day reports they cover wholly.
    days = daily.select(day_platform="platform", day="visited_on").distinct()
    reports = spans.select(r_platform="platform", r_first="visited_on", r_last="period_end_on").distinct()
    covered = (reports.join(days, [reports.r_platform == days.day_platform, days.day >= reports.r_first,
                                   days.day <= reports.r_last])
               .group_by(["r_platform", "r_first", "r_last"]).aggregate(n_days=lambda d: d.day.nunique()))
    covered = covered.filter(covered.n_days == covered.r_last.cast("date").delta(covered.r_first.cast("date"),
                                                                                   unit="day") + 1)
    spans = spans.anti_join(covered, [spans.platform == covered.r_platform, spans.visited_on == covered.r_first,
                                      spans.period_end_on == covered.r_last])
    kept = spans.select(s_platform="platform", s_item_id="item_id", s_first="visited_on", s_last="period_end_on")
    daily = daily.anti_join(kept, [daily.platform == kept.s_platform, daily.item_id == kept.s_item_id,
                                   daily.visited_on >= kept.s_first, daily.visited_on <= kept.s_last])
    return _named(wb, daily.union(spans))


def _no_listings(period: Period, platforms: list[str]) -> NoDataError:
    return NoDataError(
        f"no listing traffic for {period.label} on {', '.join(platforms)}: export the platforms' per-item reports "
        "(生意参谋 商品效果, 京东商智 商品明细) into data/raw/ and run `storebook ingest`",
        key="no_data.listing_traffic", values={"month": period.label, "platforms": platforms},
    )


_COUNTS = ("visitors", "page_views", "cart_adds", "favourites", "buyers", "units")
_AMOUNTS = ("paid_amount", "ad_spend_amount")
#: A listing row's key (product_traffic's), the order ingest writes the rows in.
_LISTING_KEY = ["visited_on", "period_end_on", "platform", "item_id"]


def _named(wb: Workbook, rows: ibis.Table) -> ibis.Table:
    """Listing rows with our product name and category (the platform's last category level, or unknown)."""
    if wb.has("products"):
        cat = dimensions.products(wb).select(cat_sku="sku", cat_name="product_name", cat_category="category")
        rows = rows.left_join(cat, [("sku", "cat_sku")])
    else:
        rows = rows.mutate(cat_name=ibis.null("string"), cat_category=ibis.null("string"))
    # As strings: a table written by hand may hold a column of nothing but nulls (no type).
    platform_cat = rows.platform_category.cast("string").split("/")[-1]
    return rows.select(*[c for c in rows.columns if c not in ("cat_sku", "cat_name", "cat_category")],
                       product_name=ibis.coalesce(rows.cat_name, rows.item_name.cast("string"), rows.item_id),
                       category=ibis.coalesce(rows.cat_category, platform_cat, ibis.literal(dimensions.UNKNOWN)))


def summarise_listings(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                       level: float = 0.95) -> pd.DataFrame:
    """Listing performance of the month (商品效果) against each listing's category.

    Formula: conversion_rate = buyers ÷ visitors (Wilson interval), cart_rate = cart adds ÷
    visitors, uv_value = paid amount ÷ visitors; category_conversion and category_uv_value =
    the same over the category's *other* listings on the platform; conversion_index =
    conversion ÷ category_conversion; lost_buyers = visitors × category_conversion − buyers
    (negative: better than its category); lost_amount = lost_buyers × the listing's paid
    amount per buyer (its category's where it sold nothing).

    Returns:
        One row per platform × listing, most visitors first: platform, item_id, sku,
        product_name, category, visitors, page_views, cart_adds, buyers, units, paid_amount,
        ad_spend_amount, conversion_rate, conversion_rate_low, conversion_rate_high, cart_rate,
        uv_value, category_conversion, category_uv_value, conversion_index, lost_buyers,
        lost_amount.
    Raises:
        NoDataError: no listing traffic in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    # Four sections of the page ask for the month's listings (the headline, the listings, those
    # to fix, the ad spend): the workbook keeps the first answer for the others.
    return kept_result(wb, ("store_ops.summarise_listings", period, tuple(plats), level),
                       lambda: _summarise_listings(wb, period, plats, level))


def _summarise_listings(wb: Workbook, period: Period, plats: list[str], level: float) -> pd.DataFrame:
    rows = _listing_rows(wb, period.start, period.end, plats)
    keys = ["platform", "item_id", "sku", "product_name", "category"]
    # One row per listing comes back, not a month of its days. A SKU left empty is none.
    rows = rows.mutate(sku=rows.sku.nullif(""))
    agg = wb.execute(rows.group_by(keys).aggregate(**{c: rows[c].sum() for c in (*_COUNTS, *_AMOUNTS)}))
    if agg.empty:
        raise _no_listings(period, plats)
    agg = agg.sort_values(keys, ignore_index=True)  # the groups' order (ties in the sort below keep it)
    cat = agg.groupby(["platform", "category"])[["visitors", "buyers", "paid_amount"]].transform("sum")
    others = cat - agg[["visitors", "buyers", "paid_amount"]].fillna(0)
    low, high = stats.wilson_interval(agg["buyers"].fillna(0), agg["visitors"], level)
    out = agg.assign(
        conversion_rate=conversion_rate(agg["buyers"], agg["visitors"]),
        conversion_rate_low=low, conversion_rate_high=high,
        cart_rate=_ratio(agg["cart_adds"], agg["visitors"]),
        uv_value=uv_value(agg["paid_amount"], agg["visitors"]),
        category_conversion=conversion_rate(others["buyers"], others["visitors"]),
        category_uv_value=uv_value(others["paid_amount"], others["visitors"]),
    )
    per_buyer = _ratio(out["paid_amount"], out["buyers"]).fillna(aov(others["paid_amount"], others["buyers"]))
    out = out.assign(
        conversion_index=_ratio(out["conversion_rate"], out["category_conversion"]),
        lost_buyers=out["visitors"] * out["category_conversion"] - out["buyers"].fillna(0),
    ).assign(lost_amount=lambda d: d["lost_buyers"] * per_buyer)
    return out.sort_values(["visitors", "item_id"], ascending=[False, True]).reset_index(drop=True)


def listing_ad_spend(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The listings' own ad spend in the month (生意参谋 商品效果's 总推广花费) and what they sold.

    Formula: sales_per_ad = the listing's paid amount ÷ its ad spend. The item report gives a
    listing's whole sales, not the part its ads brought, so this is not a return on the ads
    (ROAS): it says where the spend goes and which listings sell little for it.
    share_of_ad_spend = the listing's spend ÷ the spend of all listings.

    Returns:
        One row per listing with ad spend, most spend first: platform, item_id, sku,
        product_name, ad_spend_amount, share_of_ad_spend, visitors, buyers, paid_amount,
        sales_per_ad. ``attrs["listings_all"]``: the listings with traffic in the month.
    Raises:
        NoDataError: no listing traffic, or no listing with ad spend, in the month.
    """
    plats = wb.platforms(platforms)
    listings = summarise_listings(wb, period, plats)
    spent = listings[listings["ad_spend_amount"].fillna(0) > 0]
    if spent.empty:
        raise NoDataError(
            f"no listing ad spend for {period.label} on {', '.join(plats)}: the per-item reports' ad spend "
            "(生意参谋 总推广花费) is empty or 0 for every listing",
            key="no_data.listing_ads", values={"month": period.label, "platforms": plats})
    spend = spent["ad_spend_amount"]
    out = spent.assign(share_of_ad_spend=spend / spend.sum(), sales_per_ad=_ratio(spent["paid_amount"], spend))
    out = out.sort_values(["ad_spend_amount", "platform", "item_id"], ascending=[False, True, True], ignore_index=True)
    out = out[["platform", "item_id", "sku", "product_name", "ad_spend_amount", "share_of_ad_spend", "visitors",
               "buyers", "paid_amount", "sales_per_ad"]]
    out.attrs["listings_all"] = int(len(listings))
    return out


def find_listings_to_fix(listings: pd.DataFrame, n: int = 10, min_visitors: int = MIN_LISTING_VISITORS) -> pd.DataFrame:
    """The listings to fix first (待优化商品): much traffic, conversion clearly below their category.

    A listing qualifies with at least ``min_visitors`` visitors and a conversion whose upper
    95 % bound is below its category's; the ``n`` that lost the most buyers come first.

    Args:
        listings: :func:`summarise_listings` of the month.
    Returns:
        Up to ``n`` rows of ``listings``, most lost buyers first (empty when none qualifies).
        ``attrs["qualifying"]``: how many listings qualify in all (more than the rows when
        the ``n`` shown are the first of them).
    """
    hit = listings[(listings["visitors"] >= min_visitors)
                   & (listings["conversion_rate_high"] < listings["category_conversion"])]
    out = hit.sort_values(["lost_buyers", "visitors"], ascending=False).head(n).reset_index(drop=True)
    out.attrs["qualifying"] = int(len(hit))
    return out


def measure_listing_changes(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                            months: int = 6, weeks: int = CHANGE_WEEKS, level: float = 0.95) -> pd.DataFrame:
    """What each listing change of the last ``months`` months did to the listing's conversion.

    Method: the listing's conversion in the ``weeks`` weeks after the change (the rows that
    start on or after it, up to the report month's end) against the ``weeks`` before (rows
    that end before it), divided by the same ratio of the other listings of its category
    on the platform (what every listing of the category did meanwhile): lift =
    (after ÷ before) ÷ (category after ÷ category before) − 1. Interval on the log scale,
    var = Σ (1/buyers − 1/visitors) over the four rates. Changes made the same day to one
    listing are one change. A change needs two weeks of rows after it.

    Returns:
        One row per change, latest first: platform, item_id, sku, product_name, category,
        changed_on, changes, weeks_after, visitors_before, buyers_before, conversion_before,
        visitors_after, buyers_after, conversion_after, category_lift, lift, lift_low,
        lift_high, verdict (``up``, ``down``, ``unclear``, or ``too_small`` under
        :data:`MIN_CHANGE_BUYERS` buyers on a side).
    Raises:
        NoDataError: no listing change in the window, or none with traffic around it.
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months)
    c = wb.table("listing_changes")
    c = wb.execute(c.filter(c.changed_on >= window.start_ts, c.changed_on < window.end_ts, c.platform.isin(plats)))
    if c.empty:
        raise NoDataError(f"no listing change between {window.start} and {period.last_day} on {', '.join(plats)}: "
                          "record the changes in data/raw/listing_changes/ to measure them", key="no_data.listing_changes",
                          values={"start": window.start, "end": period.last_day, "platforms": plats})
    c = c.assign(key=c["item_id"].fillna("sku:" + c["sku"].fillna("")))
    events = c.groupby(["platform", "key", "changed_on"], as_index=False).agg(
        item_id=("item_id", "first"), sku=("sku", "first"), changes=("change", lambda s: "|".join(sorted(set(s)))))
    start = events["changed_on"].min() - pd.Timedelta(weeks=weeks)
    # The columns read below only (a listing row's other counts and texts cost more to bring
    # back than the engine's work), in the order ingest wrote the rows (the first row of a
    # listing names it).
    rows = _listing_rows(wb, start.date(), period.end, plats)
    rows = wb.execute(rows.select(*_LISTING_KEY, "sku", "product_name", "category", "visitors", "buyers")
                      .order_by(_LISTING_KEY))
    rows = rows.assign(last=rows["period_end_on"].fillna(rows["visited_on"]))
    z = stats.z_value(level)
    out = []
    for e in events.itertuples():
        mine = (rows["platform"] == e.platform) & ((rows["item_id"] == e.item_id) if pd.notna(e.item_id)
                                                   else (rows["sku"] == e.sku))
        if not mine.any():
            continue
        category = rows.loc[mine, "category"].iloc[0]
        day = pd.Timestamp(e.changed_on)
        before = (rows["last"] < day) & (rows["visited_on"] >= day - pd.Timedelta(weeks=weeks))
        after = (rows["visited_on"] >= day) & (rows["last"] < day + pd.Timedelta(weeks=weeks))
        peers = (rows["platform"] == e.platform) & (rows["category"] == category) & ~mine
        parts = {name: rows.loc[m, ["visitors", "buyers"]].fillna(0).sum() for name, m in (
            ("b", mine & before), ("a", mine & after), ("cb", peers & before), ("ca", peers & after))}
        weeks_after = rows.loc[mine & after, "last"].max()
        weeks_after = 0 if pd.isna(weeks_after) else ((weeks_after - day).days + 1) / 7
        if weeks_after < 2 or min(parts["b"]["buyers"], parts["a"]["buyers"]) < 1:
            continue
        rate = {k: v["buyers"] / v["visitors"] if v["visitors"] else np.nan for k, v in parts.items()}
        category_change = rate["ca"] / rate["cb"] if rate["cb"] else np.nan
        ratio = rate["a"] / rate["b"] / (category_change if category_change == category_change else 1.0)
        var = sum(1 / v["buyers"] - 1 / v["visitors"] for v in parts.values() if v["buyers"] > 0)
        half = z * np.sqrt(max(var, 0.0))
        lift, low, high = ratio - 1, ratio * np.exp(-half) - 1, ratio * np.exp(half) - 1
        out.append({"platform": e.platform, "item_id": e.item_id, "sku": e.sku,
                    "product_name": rows.loc[mine, "product_name"].iloc[0], "category": category,
                    "changed_on": day, "changes": e.changes, "weeks_after": weeks_after,
                    "visitors_before": int(parts["b"]["visitors"]), "buyers_before": int(parts["b"]["buyers"]),
                    "conversion_before": rate["b"], "visitors_after": int(parts["a"]["visitors"]),
                    "buyers_after": int(parts["a"]["buyers"]), "conversion_after": rate["a"],
                    "category_lift": category_change - 1, "lift": lift, "lift_low": low, "lift_high": high,
                    "verdict": "too_small" if min(parts["b"]["buyers"], parts["a"]["buyers"]) < MIN_CHANGE_BUYERS
                    else "up" if low > 0 else ("down" if high < 0 else "unclear")})
    if not out:
        raise NoDataError(f"no listing change in the last {months} months has listing traffic around it on "
                          f"{', '.join(plats)}", key="no_data.listing_change_traffic",
                          values={"months": months, "platforms": plats})
    return pd.DataFrame(out).sort_values(["changed_on", "item_id"], ascending=[False, True]).reset_index(drop=True)


# ----------------------------------------------------------------------------- the report's numbers

#: The store-operations headline, in the order the index shows it.
HEADLINE_METRICS: tuple[str, ...] = ("store_rating", "listing_visitors", "listing_conversion_rate", "listings_to_fix")


def _headline_values(wb: Workbook, period: Period, platforms: list[str]) -> dict[str, float]:
    values: dict[str, float] = {}
    try:
        r = rate_stores(wb, period, platforms)
        values["store_rating"] = float(r.loc[r["platform"] == TOTAL, "store_rating"].iloc[0])
    except NoDataError:
        pass
    try:
        listings = summarise_listings(wb, period, platforms)
        values["listing_visitors"] = float(listings["visitors"].sum())
        values["listing_conversion_rate"] = float(conversion_rate(listings["buyers"].sum(),
                                                                          listings["visitors"].sum()))
        values["listings_to_fix"] = float(len(find_listings_to_fix(listings, n=10**6)))
    except NoDataError:
        pass
    return values


def store_ops_headline(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The store-operations headline (all platforms) against the prior month and last year.

    Metrics: store rating (店铺评分, :func:`rate_stores`), listing visitors and listing
    conversion (Σ buyers ÷ Σ visitors of the listings), listings to fix
    (:func:`find_listings_to_fix`, all of them). vs_prior / vs_last_year = value ÷ comparison − 1.

    Returns:
        One row per metric with a value: metric, value, prior, last_year, vs_prior, vs_last_year.
    Raises:
        NoDataError: neither ratings nor listing traffic in the month.
    """
    plats = wb.platforms(platforms)
    now = _headline_values(wb, period, plats)
    if not now:
        raise NoDataError(f"neither store ratings nor listing traffic for {period.label} on {', '.join(plats)}",
                          key="no_data.store_ops_headline", values={"month": period.label, "platforms": plats})
    prior, last_year = _headline_values(wb, period.prior(), plats), _headline_values(wb, period.last_year(), plats)
    rows = [{"metric": m, "value": now[m], "prior": prior.get(m, np.nan), "last_year": last_year.get(m, np.nan)}
            for m in HEADLINE_METRICS if m in now]
    out = pd.DataFrame(rows).astype({"prior": "float64", "last_year": "float64"})
    return out.assign(vs_prior=relative_change(out["value"], out["prior"]),
                      vs_last_year=relative_change(out["value"], out["last_year"]))
