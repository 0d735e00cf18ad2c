"""Traffic (流量): visitors, where they came from, on which device, what paid traffic cost,
and which days did not look like themselves.

Source: the ``traffic`` table (one row per day × platform × channel × device, as each
platform reports it) and ``marketing_spend``. **Platform totals come from the
``channel = 'all'`` rows**, the platform's own de-duplicated count: a visitor who came
through two sources is counted once there but once in each source row, so summing the
channel rows would overstate visitors. Channel rows are used only for the channel mix
(their sum is "source visits", labelled so). Devices are disjoint and are summed.
Platforms share no visitor id, so the all-platform total is the sum of the platforms.

The ratio metrics are defined here, once, and used by every module and notebook:

* 支付转化率 conversion_rate = 支付买家数 / 访客数 (buyers / visitors)
* 客单价 aov = 支付金额 / 支付买家数 (paid amount / buyers)
* UV价值 uv_value = 支付金额 / 访客数 (paid amount / visitors)
* 点击率 ctr, 平均点击花费 cpc, 访客成本 cost_per_visitor, 投入产出比 roas (paid traffic)

Example:
    wb = storebook.open()
    p = wb.period("2026-09")
    summarise_traffic(wb, p)[["platform", "visitors", "uv_value"]]
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from storebook.engine import calendar
from storebook.engine.periods import Period
from storebook.engine.schema import TRAFFIC_TOTAL_CHANNEL
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import extremes, with_attrs
from storebook.measures.anomalies import (  # noqa: F401 (the report shows them: storebook.traffic.<name>)
    BAND_HISTORY_DAYS,
    BAND_METRICS,
    FLAG_METRICS,
    MIN_BUYERS_JUDGED,
    anomaly_facts,
    anomaly_record,
    detect_anomalies,
    flagged_days,
)
from storebook.measures.compare import compare_months
from storebook.measures.marketing import (  # noqa: F401 (the report shows paid traffic: storebook.traffic.<name>)
    paid_traffic,
)
from storebook.measures.metrics import headline_entry
from storebook.measures.orders import paid_orders
from storebook.measures.partial import flag_partial
from storebook.measures.platform_rows import lone_platform
from storebook.measures.ratios import (  # noqa: F401 (the formulas, here too: storebook.traffic.aov in a notebook)
    aov,
    conversion_rate,
    cost_per_visitor,
    cpc,
    ctr,
    relative_change,
    roas,
    uv_value,
)
from storebook.measures.ratios import ratio_columns as _ratio_columns
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division
from storebook.measures.traffic_table import TOTAL, no_channels, no_traffic
from storebook.measures.traffic_table import order_platforms as _order_platforms
from storebook.measures.traffic_table import platform_total_columns as _total_columns
from storebook.measures.traffic_table import sum_counts as _sums
from storebook.measures.traffic_table import traffic_rows as _rows

#: The metrics of the headline, in the order a report shows them.
HEADLINE_METRICS: tuple[str, ...] = ("visitors", "page_views", "product_views", "buyers",
                                     "paid_amount", "uv_value")


# ----------------------------------------------------------------------------- reading

def _platform_list(wb: Workbook, platforms: list[str] | str | None) -> list[str]:
    return wb.platforms(platforms)


# ----------------------------------------------------------------------------- headline

def summarise_traffic(wb: Workbook, period: Period, platforms: list[str] | str | None = None) -> pd.DataFrame:
    """Traffic of a period per platform, and over all the platforms.

    Visitors per platform come from the platform's de-duplicated (``channel = 'all'``)
    rows, summed over devices; the ``total`` row sums the platforms.

    Args:
        wb: the workbook.
        period: the month (or any period).
        platforms: the platforms to include; default every platform of the workbook.
    Returns:
        One row per platform plus a ``total`` row: platform, visitors (访客数), page_views
        (浏览量), product_views (商品访客数), cart_adds, checkouts, buyers (支付买家数),
        orders, paid_amount (支付金额), conversion_rate (支付转化率), aov (客单价), uv_value
        (UV价值). Platforms without a row in the period are left out.
    Raises:
        NoDataError: when no platform has traffic in the period.

    Example:
        summarise_traffic(wb, wb.period("2026-09"), ["tmall"])
          platform  visitors  ...  uv_value
        0    tmall    812345  ...      3.41
        1    total    812345  ...      3.41
    """
    chosen = _platform_list(wb, platforms)
    # Asked as a template (Workbook.ask): built once per store in a process, the question of
    # each later period binds its dates (Ibis's building was ~5 ms of a ~15 ms question, issue #17).
    per_platform = wb.ask(_per_platform_question, period.start, period.end, platforms=tuple(chosen))
    if per_platform.empty:
        raise no_traffic(wb, period.label, chosen)
    # A count no row reports (an optional funnel step) stays unknown, in the total too.
    # The total row and the ratios are columns of one frame built once (with_platform_total
    # then with_ratios built two: ~1 ms of a ~15 ms question, issue #17).
    columns = _total_columns(per_platform, chosen)
    if not wb.has("orders"):
        _say_daily_sums(wb, _rows(wb, period.start, period.end, chosen, totals=True))
    return pd.DataFrame({**columns, **_ratio_columns(columns["buyers"], columns["visitors"], columns["paid_amount"])})


def _per_platform_question(wb: Workbook, start: date, end: date, *, platforms: tuple[str, ...]):  # noqa: ANN202
    """The traffic counts of ``[start, end)`` summed per platform (:func:`summarise_traffic`)."""
    rows = _rows(wb, start, end, list(platforms), totals=True)
    return rows.group_by("platform").aggregate(**_sums(rows))


def _say_daily_sums(wb: Workbook, rows) -> None:
    """Flag a month's visitors and buyers as the days' figures added up, on a store with no orders
    table: the traffic table holds days, not people (a buyer of two days counts twice: the
    Tianchi behaviour sample's 2017-11 has 32 buyer-days from 19 buyers), and without orders
    nothing counts the buyers once. With an orders table, the customer pages count them once."""
    days = wb.execute(rows.aggregate(days=rows.visited_on.nunique()))["days"].iloc[0]
    if days > 1:
        flag_partial("page.partial.daily_sums", days=int(days))


def buyers_are_daily_sums(wb: Workbook, frame: pd.DataFrame) -> bool:
    """True where the buyers of ``frame`` (rows of metric and value) are the days' buyers added up
    (the traffic table's days, or the paid orders counted per day: :func:`summarise_paid_orders`),
    a buyer who paid on two days counted twice, on a store with orders, whose customer pages
    count each buyer once. The overview's scorecard and the traffic headline carry it as
    ``attrs["daily_buyers"]``, and :func:`storebook.report.tables.daily_buyers_caption` says so
    under their tables in the same words; without orders the flag ``page.partial.daily_sums``
    says it (:func:`summarise_traffic`)."""
    return wb.has("orders") and bool(frame.loc[frame["metric"] == "buyers", "value"].notna().any())


def summarise_paid_orders(wb: Workbook, period: Period, platforms: list[str] | str | None = None) -> pd.DataFrame:
    """The sales columns of :func:`summarise_traffic` counted from the orders table, for
    platforms that report no traffic: paid orders by payment day, as the platforms count them.

    Formula: orders (支付订单数) = paid orders; paid_amount (支付金额) = Σ their paid amount
    (refunds not deducted); buyers (支付买家数) = Σ over days of the distinct customers who
    paid that day (a buyer who pays on two days counts twice, as in the platforms' traffic
    reports); a guest order (no customer) is a buyer of its own. aov = paid_amount ÷ buyers.
    On the sample store these equal the traffic table's columns.

    Returns:
        One row per platform with a paid order: platform, orders, buyers, paid_amount, aov
        (no visitors: conversion and UV value are unknown from orders alone).
    Raises:
        NoDataError: no paid order in the period on these platforms.
    """
    chosen = _platform_list(wb, platforms)
    paid = paid_orders(wb, period, chosen)
    paid = paid.mutate(day=paid.paid_at.date(), buyer=paid.customer_id.fill_null(paid.order_id))
    daily = paid.group_by(["platform", "day"]).aggregate(
        orders=paid.count(), buyers=paid.buyer.nunique(), paid_amount=paid.paid_amount.sum().cast("float64"))
    out = wb.execute(daily.group_by("platform").aggregate(
        orders=daily.orders.sum().cast("int64"), buyers=daily.buyers.sum().cast("int64"),
        paid_amount=daily.paid_amount.sum()))
    if out.empty:
        raise NoDataError(f"no paid orders in {period.label} on {', '.join(chosen)}: choose another month or platform",
                          key="no_data.paid_orders", values={"month": period.label, "platforms": chosen})
    return out.assign(aov=lambda d: aov(d.paid_amount, d.buyers)).pipe(_order_platforms, chosen)


def traffic_headline(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                     metrics=HEADLINE_METRICS) -> pd.DataFrame:
    """The headline metrics with their change on the prior month and on last year.

    Args:
        wb, period, platforms: as :func:`summarise_traffic`.
        metrics: the metrics to compare (columns of :func:`summarise_traffic`).
    Returns:
        One row per platform (and ``total``) × metric: platform, metric, value, prior,
        last_year, vs_prior, vs_last_year (relative changes; missing where the
        comparison month has no traffic); ``attrs["daily_buyers"]`` as :func:`buyers_are_daily_sums`.
    Raises:
        NoDataError: when the period itself has no traffic.

    Example:
        traffic_headline(wb, wb.period("2026-09")).query("platform == 'total'")
    """
    current = summarise_traffic(wb, period, platforms)

    def _or_empty(p: Period) -> pd.DataFrame:
        try:
            return summarise_traffic(wb, p, platforms)
        except NoDataError:
            return current.iloc[0:0]

    return (
        compare_months(current, _or_empty(period.prior()), _or_empty(period.last_year()), metrics)
        .pipe(_order_platforms, _platform_list(wb, platforms))  # stable: metrics keep their order
        .pipe(lambda d: with_attrs(d, daily_buyers=buyers_are_daily_sums(wb, d)))
    )


#: The headline in groups of metrics narrow enough to read side by side on a laptop screen:
#: the visits, then what they bought.
HEADLINE_GROUPS: tuple[tuple[str, ...], ...] = (("visitors", "page_views", "product_views"),
                                                ("buyers", "paid_amount", "uv_value"))


def split_headline(headline: pd.DataFrame) -> list[pd.DataFrame]:
    """:func:`traffic_headline` as one frame per group of :data:`HEADLINE_GROUPS` (rows in the
    headline's order), each shown as its own row of cards; a metric of no group is left out, and
    a group none of whose values is known (buyers, amount and UV value of a GA4 download of users)
    is not shown as a row of dashes."""
    parts = [headline[headline["metric"].isin(group)].reset_index(drop=True).pipe(with_attrs, **headline.attrs)
             for group in HEADLINE_GROUPS]
    return [part for part in parts if part["value"].notna().any()]


def headline_facts(headline: pd.DataFrame, period: Period) -> dict[str, Any]:
    """The numbers the headline takeaway states (from :func:`traffic_headline`)."""
    total = headline[headline.platform == TOTAL].set_index("metric")
    platforms = headline[headline.platform != TOTAL]
    uv = platforms[platforms.metric == "uv_value"].sort_values("value", ascending=False)
    # One platform: no platform has "the highest" UV value. No amount (exports of events):
    # what a visitor was worth is unknown, said so; nor, without a prior month or last year,
    # how the visits changed.
    variant = "single" if lone_platform(headline) else None
    history = total.loc["visitors", ["vs_prior", "vs_last_year"]].notna().any()
    if pd.isna(total.at["buyers", "value"]):
        # Visitors alone (a GA4 download of users by day): the section said "Not in this store's
        # data" of a month whose visitors are in it; no buyer, conversion or worth is stated.
        variant = "no_buyers" if history else "no_buyers.no_history"
    elif pd.isna(total.at["paid_amount", "value"]):
        variant = "no_amount" if history else "no_amount.no_history"
    return {
        "variant": variant,
        "month": period.label,
        "visitors": total.at["visitors", "value"],
        "visitors_vs_prior": total.at["visitors", "vs_prior"],
        "visitors_vs_last_year": total.at["visitors", "vs_last_year"],
        "paid_amount": total.at["paid_amount", "value"],
        "paid_amount_vs_last_year": total.at["paid_amount", "vs_last_year"],
        "buyers": total.at["buyers", "value"],
        "conversion_rate": conversion_rate(total.at["buyers", "value"], total.at["visitors", "value"]),
        "uv_value": total.at["uv_value", "value"],
        "uv_value_vs_prior": total.at["uv_value", "vs_prior"],
        "best": uv.platform.iloc[0] if len(uv) else None,
        "best_uv_value": uv.value.iloc[0] if len(uv) else None,
    }


def headline_record(headline: pd.DataFrame, text) -> list[dict[str, Any]]:
    """The ``traffic.headline`` record the report index shows (all-platform values).

    Args:
        headline: the frame of :func:`traffic_headline`.
        text: the notebook's :class:`storebook.report.text.Text` (labels in its language).
    """
    total = headline[headline.platform == TOTAL]
    wanted = ("visitors", "buyers", "paid_amount", "uv_value")
    return [headline_entry(r.metric, text(f"metric.{r.metric}"), r.value, r.vs_prior, r.vs_last_year)
            for r in total.itertuples() if r.metric in wanted]


# ----------------------------------------------------------------------------- daily trend

def daily_traffic(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                  metric: str = "visitors") -> pd.DataFrame:
    """Daily traffic of the selected platforms with a 7-day average and last year's same days.

    Args:
        wb, period, platforms: as :func:`summarise_traffic`.
        metric: a count of the traffic table to follow (default visitors).
    Returns:
        One row per day of the period: visited_on, ``<metric>`` (summed over the
        platforms), avg7 (trailing 7-day mean, using the 6 days before the period),
        last_year (the same calendar date a year earlier), last_year_avg7, event (the
        calendar's kind of day, "" for an ordinary day; for a store that does not sell in China
        (:func:`storebook.engine.calendar.used_for`) its own country's public holidays only:
        :func:`storebook.engine.calendar.own_country`), is_event_peak.
    Raises:
        NoDataError: when the period has no traffic.

    Example:
        daily_traffic(wb, wb.period("2026-10"), ["tmall"]).head(2)
    """
    chosen = _platform_list(wb, platforms)
    lead = timedelta(days=6)
    ly = period.last_year()
    t = wb.table("traffic")
    rows = t.filter(
        t.platform.isin(chosen), t.channel == TRAFFIC_TOTAL_CHANNEL,
        ((t.visited_on >= period.start - lead) & (t.visited_on < period.end))
        | ((t.visited_on >= ly.start - lead) & (t.visited_on < ly.end)),
    )
    per_day = wb.execute(rows.group_by("visited_on").aggregate(**_sums(rows, [metric])))
    this_month = per_day[(per_day.visited_on >= period.start_ts) & (per_day.visited_on < period.end_ts)]
    if this_month.empty:
        raise no_traffic(wb, period.label, chosen)
    series = per_day.set_index("visited_on")[metric].astype("float64")

    def _window(start: date, end: date) -> pd.Series:
        days = pd.date_range(start - lead, end - timedelta(days=1), freq="D").astype("datetime64[us]")
        return series.reindex(days)

    current = _window(period.start, period.end)
    last_year = _window(ly.start, ly.end)
    days = period.dates().astype("datetime64[us]")
    kinds = calendar.day_kinds(period.start, period.last_day, china=calendar.used_for(wb) is not None,
                              country=calendar.own_country(wb))
    # Last year's same calendar dates (29 February has none).
    ly_dates = pd.DatetimeIndex([d - pd.DateOffset(years=1) if not (d.month == 2 and d.day == 29) else pd.NaT
                                 for d in days]).astype("datetime64[us]")
    return pd.DataFrame({
        "visited_on": days,
        metric: current.reindex(days).to_numpy(),
        "avg7": current.rolling(7, min_periods=5).mean().reindex(days).to_numpy(),
        "last_year": last_year.reindex(ly_dates).to_numpy(),
        "last_year_avg7": last_year.rolling(7, min_periods=5).mean().reindex(ly_dates).to_numpy(),
        "event": kinds["event"].to_numpy(),
        "is_event_peak": kinds["is_event_peak"].to_numpy(),
    })


def daily_facts(daily: pd.DataFrame, metric: str = "visitors") -> dict[str, Any]:
    """The numbers the daily-trend title and takeaway state (from :func:`daily_traffic`)."""
    known = daily.dropna(subset=[metric])
    if known.empty:
        raise NoDataError(f"no day of the month has {metric} in the traffic table", key="no_data.traffic_metric",
                          values={"metric": metric})
    peak, low = extremes.row_of_max(known, metric), extremes.row_of_min(known, metric)
    tied = int((known[metric] == peak[metric]).sum())
    avg = known.avg7.dropna()
    both = daily.dropna(subset=[metric, "last_year"])
    trend = relative_change(avg.iloc[-1], avg.iloc[0]) if len(avg) > 1 else None
    # No traffic on the same days last year: the sentence says so (it read "ran n/a"); no 7-day
    # average to follow (a week of data), or one that starts at 0 (GA4's May 2023: 0 visitors a
    # day to the 20th): the sentence leaves it out (it read "ended the month n/a from where it started").
    no_trend = trend is None or pd.isna(trend)
    variant = ".".join(filter(None, [None if len(both) else "no_last_year", "no_trend" if no_trend else None]))
    return {
        "variant": variant or None,
        "peak_day": peak.visited_on, "peak_visitors": peak[metric], "peak_event": (peak.event or None) if tied == 1 else None,
        "low_day": low.visited_on, "low_visitors": low[metric],
        # Days that tie for the most or least visitors are all named ("11 and 14 May, tied").
        "peak_days": known.loc[known[metric] == peak[metric], "visited_on"].tolist(),
        "low_days": known.loc[known[metric] == low[metric], "visited_on"].tolist(),
        "vs_last_year": relative_change(both[metric].sum(), both.last_year.sum()) if len(both) else None,
        "trend": None if no_trend else trend,
    }


# ----------------------------------------------------------------------------- channels

def channel_mix(wb: Workbook, period: Period, platforms: list[str] | str | None = None) -> pd.DataFrame:
    """Where visitors came from: the share of source visits per channel, per platform.

    Channel rows count a visitor in every source he came through, so shares are of
    *source visits* (they add up to 100 % within a platform) and channel visits are never
    added up into a visitor total.

    Args:
        wb, period, platforms: as :func:`summarise_traffic`.
    Returns:
        One row per platform (and ``total``) × channel: platform, channel, visitors
        (source visits), share, visitors_prior, share_prior, share_change (in rate
        points), visitors_vs_prior, buyers, paid_amount, conversion_rate (per source visit).
    Raises:
        NoDataError: when the period has no channel rows.

    Example:
        channel_mix(wb, wb.period("2026-09")).query("platform == 'total'")
    """
    chosen = _platform_list(wb, platforms)
    prior = period.prior()
    t = wb.table("traffic")
    rows = t.filter(t.platform.isin(chosen), t.channel != TRAFFIC_TOTAL_CHANNEL,
                    t.visited_on >= prior.start, t.visited_on < period.end)
    rows = rows.mutate(is_current=rows.visited_on >= period.start)
    sums = wb.execute(rows.group_by(["is_current", "platform", "channel"])
                      .aggregate(**_sums(rows, ["visitors", "buyers", "paid_amount"])))
    if not sums.is_current.any():
        totals = t.filter(t.platform.isin(chosen), t.channel == TRAFFIC_TOTAL_CHANNEL,
                          t.visited_on >= period.start, t.visited_on < period.end)
        if wb.scalar(totals.count()) > 0:
            raise no_channels(period.label, chosen)
        raise no_traffic(wb, period.label, chosen, what="channel traffic")
    with_total = pd.concat([
        sums,
        sums.groupby(["is_current", "channel"], as_index=False)[["visitors", "buyers", "paid_amount"]].sum()
        .assign(platform=TOTAL),
    ], ignore_index=True)
    shares = with_total.assign(
        share=lambda d: _ratio(d.visitors, d.groupby(["is_current", "platform"]).visitors.transform("sum"))
    )
    now = shares[shares.is_current].drop(columns="is_current")
    before = (shares[~shares.is_current][["platform", "channel", "visitors", "share"]]
              .rename(columns={"visitors": "visitors_prior", "share": "share_prior"}))
    channel_order = {c: i for i, c in enumerate(wb.config.channels)}
    return (
        now.merge(before, on=["platform", "channel"], how="left")
        .assign(share_change=lambda d: d.share - d.share_prior,
                visitors_vs_prior=lambda d: relative_change(d.visitors, d.visitors_prior),
                conversion_rate=lambda d: conversion_rate(d.buyers, d.visitors),
                _c=lambda d: d.channel.map(channel_order))
        .sort_values("_c", kind="stable").drop(columns="_c")
        .pipe(_order_platforms, chosen)
        [["platform", "channel", "visitors", "share", "visitors_prior", "share_prior", "share_change",
          "visitors_vs_prior", "buyers", "paid_amount", "conversion_rate"]]
    )


def all_platforms(frame: pd.DataFrame) -> pd.DataFrame:
    """The all-platform (``total``) rows of a result frame."""
    return frame[frame.platform == TOTAL].reset_index(drop=True)


def channel_facts(mix: pd.DataFrame) -> dict[str, Any]:
    """The numbers the channel title and takeaway state (from :func:`channel_mix`)."""
    total = mix[mix.platform == TOTAL]
    top = extremes.row_of_max(total, "share")
    if top is None:
        raise NoDataError("no channel brought a visitor this month", key="no_data.channel_visitors")
    changes = total.dropna(subset=["share_change"])
    gainer = changes.loc[changes.share_change.idxmax()] if len(changes) else None
    loser = changes.loc[changes.share_change.idxmin()] if len(changes) else None
    return {
        "top": top.channel, "top_share": top.share,
        "gainer": None if gainer is None else gainer.channel,
        "gainer_change": None if gainer is None else gainer.share_change,
        "loser": None if loser is None else loser.channel,
        "loser_change": None if loser is None else loser.share_change,
    }


# ----------------------------------------------------------------------------- devices

def device_split(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                 months: int = 13) -> pd.DataFrame:
    """Visitors per device, per platform and month, over the ``months`` months to ``period``.

    Devices are disjoint, so their visitors add up to the platform total (``all`` rows).

    Args:
        wb, period, platforms: as :func:`summarise_traffic`.
        months: how many months of trend (13: a year and its comparison month).
    Returns:
        One row per month × platform (and ``total``) × device: month (first day),
        platform, device, visitors, buyers, share (of the platform's visitors that
        month), conversion_rate.
    Raises:
        NoDataError: when ``period`` itself has no traffic.

    Example:
        device_split(wb, wb.period("2026-09")).query("device == 'mobile'")
    """
    chosen = _platform_list(wb, platforms)
    window = period.trailing(months)
    rows = _rows(wb, window.start, window.end, chosen, totals=True)
    rows = rows.mutate(month=rows.visited_on.truncate("M"))
    sums = wb.execute(rows.group_by(["month", "platform", "device"])
                      .aggregate(**_sums(rows, ["visitors", "buyers"])))
    if not (sums.month == period.start_ts).any():
        raise no_traffic(wb, period.label, chosen)
    device_order = {d: i for i, d in enumerate(wb.config.devices)}
    return (
        pd.concat([sums, sums.groupby(["month", "device"], as_index=False)[["visitors", "buyers"]].sum()
                   .assign(platform=TOTAL)], ignore_index=True)
        .assign(share=lambda d: _ratio(d.visitors, d.groupby(["month", "platform"]).visitors.transform("sum")),
                conversion_rate=lambda d: conversion_rate(d.buyers, d.visitors),
                _d=lambda d: d.device.map(device_order))
        .sort_values(["month", "_d"], kind="stable").drop(columns="_d")
        .pipe(_order_platforms, chosen)
        .sort_values("month", kind="stable")
        .reset_index(drop=True)
        [["month", "platform", "device", "visitors", "buyers", "share", "conversion_rate"]]
    )


def latest_month(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a monthly frame's last month (e.g. this month's device split)."""
    return frame[frame.month == frame.month.max()].reset_index(drop=True)


def device_facts(devices: pd.DataFrame, period: Period) -> dict[str, Any]:
    """The numbers the device title and takeaway state (from :func:`device_split`)."""
    mobile = devices[devices.device == "mobile"]
    now = mobile[mobile.month == period.start_ts]
    year_ago = mobile[mobile.month == period.last_year().start_ts]
    total_now = now[now.platform == TOTAL].share
    total_then = year_ago[year_ago.platform == TOTAL].share
    per_platform = now[now.platform != TOTAL].sort_values("share")
    share = total_now.iloc[0] if len(total_now) else None
    variant = "single" if lone_platform(now) else None
    if share is None or not len(total_then):  # no month twelve months earlier: said so, not "n/a on"
        variant = f"{variant}.no_last_year" if variant else "no_last_year"
    return {
        "variant": variant,
        "month": period.label,
        "mobile_share": share,
        "mobile_share_change": share - total_then.iloc[0] if share is not None and len(total_then) else None,
        "most_mobile": per_platform.platform.iloc[-1] if len(per_platform) else None,
        "most_mobile_share": per_platform.share.iloc[-1] if len(per_platform) else None,
        "least_mobile": per_platform.platform.iloc[0] if len(per_platform) else None,
        "least_mobile_share": per_platform.share.iloc[0] if len(per_platform) else None,
    }


# ----------------------------------------------------------------------------- paid traffic


def paid_facts(paid: pd.DataFrame) -> dict[str, Any]:
    """The numbers the paid-traffic title and takeaway state (from ``paid_traffic(by="channel")``)."""
    total = paid[paid.channel == TOTAL].iloc[0]
    channels = paid[(paid.channel != TOTAL) & (paid.spend_amount > 0)].dropna(subset=["roas"])
    best = channels.loc[channels.roas.idxmax()] if len(channels) else None
    worst = channels.loc[channels.roas.idxmin()] if len(channels) else None
    return {
        "spend": total.spend_amount, "spend_vs_prior": total.spend_vs_prior, "clicks": total.clicks,
        "cpc": total.cpc, "attributed": total.attributed_amount, "roas": total.roas,
        "best": None if best is None else best.channel, "best_roas": None if best is None else best.roas,
        "worst": None if worst is None else worst.channel, "worst_roas": None if worst is None else worst.roas,
    }


def campaign_facts(campaigns: pd.DataFrame) -> dict[str, Any]:
    """The numbers the campaign takeaway states (from ``paid_traffic(by="campaign")``)."""
    top = campaigns.iloc[0]
    return {
        "n_campaigns": len(campaigns), "top_campaign": top.campaign_name, "top_spend": top.spend_amount,
        "top_roas": top.roas, "n_below_one": int((campaigns.roas < 1).sum()),
    }
