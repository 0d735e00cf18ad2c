"""Conversion (转化): how many visitors became buyers, where in the funnel they were lost,
whether a change goes beyond chance, and which segments explain it.

The formulas are those of :mod:`storebook.areas.traffic`, defined once and re-exported here:
支付转化率 ``conversion_rate`` = 支付买家数 / 访客数, 客单价 ``aov`` = 支付金额 / 支付买家数,
UV价值 ``uv_value`` = 支付金额 / 访客数. Visitors and buyers come from the platforms'
de-duplicated (``channel = 'all'``) traffic rows; the buyer history (new or returning)
and the spread of spend per buyer come from the orders table.

Example:
    conversion_rates(wb, wb.period("2026-09"), months=13)
"""

from __future__ import annotations

from typing import Any

import ibis
import numpy as np
import pandas as pd

from storebook.engine.periods import Period
from storebook.engine.schema import TRAFFIC_TOTAL_CHANNEL
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import extremes, stats
from storebook.measures.buyers import split_new_returning
from storebook.measures.metrics import headline_entry
from storebook.measures.orders import paid_orders
from storebook.measures.ratios import aov, conversion_rate, payment_rate, relative_change, uv_value
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division
from storebook.measures.traffic_table import TOTAL, no_traffic
from storebook.measures.traffic_table import order_platforms as _order_platforms
from storebook.measures.traffic_table import sum_counts as _sums
from storebook.measures.traffic_table import traffic_rows as _rows

__all__ = [
    "STAGES", "aov", "conversion_rate", "uv_value", "conversion_funnel", "funnel_facts", "funnel_leaks",
    "conversion_rates", "rates_facts", "rates_record", "compare_conversion", "tests_facts",
    "decompose_conversion", "drivers_facts", "drivers_record", "new_vs_returning", "buyers_facts",
    "payment_rate", "summarise_payments", "payments_facts",
]

#: The funnel, in order: each stage's people are a subset of the previous stage's.
STAGES: tuple[str, ...] = ("visitors", "product_views", "cart_adds", "checkouts", "buyers")
#: The step from cart to payment, in a funnel whose exports count no checkouts (events of
#: view, cart and buy, as Tianchi's): the stage it reaches is the buyers.
CART_TO_BUYERS = "cart_buyers"


# ----------------------------------------------------------------------------- funnel

def conversion_funnel(wb: Workbook, period: Period, platforms: list[str] | str | None = None) -> pd.DataFrame:
    """The funnel visitors → product views → cart adds → checkouts → buyers, per platform × device.

    For each step, ``step_rate`` = people reaching the stage / people at the previous
    stage (e.g. 加购→下单 = 下单买家数 / 加购人数), and ``buyers_lost`` = the buyers the
    segment would have had this month had that step converted at its prior-month rate,
    minus the buyers it had: ``buyers × (step_rate_prior / step_rate − 1)`` — positive
    where the step got worse. The step with the most buyers lost is where to look.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms; default every platform of the workbook.
    Returns:
        One row per segment × step: platform, device (``total`` rows sum the platforms
        and/or the devices), step (the stage reached: product_views, cart_adds, checkouts,
        buyers; where no traffic row of the month counts checkouts, the funnel goes from cart
        to payment: step ``cart_buyers``), entered (people at the previous stage), reached,
        step_rate, step_rate_prior (empty without a prior month), buyers, buyers_lost.
    Raises:
        NoDataError: when the period has no traffic.

    Example:
        f = conversion_funnel(wb, wb.period("2026-09"))
        f.sort_values("buyers_lost").tail(1)[["platform", "device", "step"]]
    """
    chosen = wb.platforms(platforms)
    prior = period.prior()
    rows = _rows(wb, prior.start, period.end, chosen, totals=True)
    rows = rows.mutate(is_current=rows.visited_on >= period.start)
    sums = wb.execute(rows.group_by(["is_current", "platform", "device"]).aggregate(**_sums(rows, STAGES)))
    if not sums.is_current.any():
        raise no_traffic(wb, period.label, chosen)
    keys = ["is_current", "platform", "device"]
    # min_count: a stage no row counts stays unknown in the sums (pandas would make it 0).
    segments = pd.concat([
        sums,
        sums.groupby(["is_current", "device"], as_index=False)[list(STAGES)].sum(min_count=1).assign(platform=TOTAL),
        sums.groupby(["is_current"], as_index=False)[list(STAGES)].sum(min_count=1).assign(platform=TOTAL, device=TOTAL),
    ], ignore_index=True)
    stages = STAGES if sums.loc[sums.is_current, "checkouts"].notna().any() else tuple(
        s for s in STAGES if s != "checkouts")
    steps = pd.concat([
        segments[keys].assign(step=CART_TO_BUYERS if (previous, stage) == ("cart_adds", "buyers") else stage,
                              entered=segments[previous], reached=segments[stage], buyers=segments["buyers"])
        for previous, stage in zip(stages[:-1], stages[1:], strict=True)
    ], ignore_index=True).assign(step_rate=lambda d: _ratio(d.reached, d.entered))
    now = steps[steps.is_current].drop(columns="is_current")
    before = (steps[~steps.is_current][["platform", "device", "step", "step_rate"]]
              .rename(columns={"step_rate": "step_rate_prior"}))
    device_order = {d: i for i, d in enumerate([*wb.config.devices, TOTAL])}
    step_order = {s: i for i, s in enumerate((*STAGES, CART_TO_BUYERS))}
    return (
        now.merge(before, on=["platform", "device", "step"], how="left")
        .assign(buyers_lost=lambda d: d.buyers * (_ratio(d.step_rate_prior, d.step_rate) - 1),
                _d=lambda d: d.device.map(device_order), _s=lambda d: d.step.map(step_order))
        .sort_values(["_d", "_s"], kind="stable").drop(columns=["_d", "_s"])
        .pipe(_order_platforms, chosen)
        [["platform", "device", "step", "entered", "reached", "step_rate", "step_rate_prior", "buyers",
          "buyers_lost"]]
    )


def funnel_facts(funnel: pd.DataFrame) -> dict[str, Any]:
    """The numbers the funnel title and takeaway state (from :func:`conversion_funnel`).

    ``variant``: ``steady`` (no step converted worse than the prior month), ``no_prior`` (no
    prior month to compare the steps with), prefixed ``no_checkouts.`` where the funnel goes
    from cart to payment (its exports count no checkouts); None when a step lost buyers.
    """
    overall = funnel[(funnel.platform == TOTAL) & (funnel.device == TOTAL)].set_index("step")
    segments = funnel[(funnel.platform != TOTAL) & (funnel.device != TOTAL)].dropna(subset=["buyers_lost"])
    worst = segments.loc[segments.buyers_lost.idxmax()] if len(segments) else None
    lost = worst is not None and worst.buyers_lost > 0
    no_checkouts = CART_TO_BUYERS in overall.index
    variant = None if lost else ("no_prior" if funnel.step_rate_prior.isna().all() else "steady")
    if no_checkouts:
        variant = "no_checkouts" if variant is None else f"no_checkouts.{variant}"
    last = overall.index[-1]
    return {
        "variant": variant,
        "visitors": overall.at["product_views", "entered"],
        **{stage: overall.at[stage, "reached"] if stage in overall.index else None for stage in STAGES[1:-1]},
        "buyers": overall.at[last, "reached"],
        "worst_platform": worst.platform if lost else None,
        "worst_device": worst.device if lost else None,
        "worst_step": worst.step if lost else None,
        "worst_lost": worst.buyers_lost if lost else None,
    }


def funnel_leaks(funnel: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """The platform × device steps that lost the most buyers against the prior month."""
    segments = funnel[(funnel.platform != TOTAL) & (funnel.device != TOTAL)]
    return segments.sort_values("buyers_lost", ascending=False).head(top).reset_index(drop=True)


# ----------------------------------------------------------------------------- rates with intervals

def conversion_rates(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                     months: int = 13, level: float = 0.95) -> pd.DataFrame:
    """支付转化率, 客单价 and UV价值 per month and platform, with their 95 % intervals.

    * 支付转化率 = 支付买家数 / 访客数, Wilson interval (:func:`storebook.measures.stats.wilson_interval`).
    * 客单价 = 支付金额 / 支付买家数, normal interval whose spread is the standard deviation
      of what each buyer paid that month on that platform (from the orders table; the
      traffic export has no per-buyer detail).
    * UV价值 = 支付金额 / 访客数, interval of a per-visitor mean where a share
      支付转化率 of visitors spend (:func:`storebook.measures.stats.per_visitor_interval`).

    Args:
        wb, period, platforms: as :func:`conversion_funnel`.
        months: how many months to the period (13: a year and its comparison month).
        level: the confidence level of the intervals.
    Returns:
        One row per month × platform (and ``total``): month (first day), platform,
        visitors, buyers, paid_amount, conversion_rate, conversion_rate_low/_high, aov,
        aov_low/_high, uv_value, uv_value_low/_high. Intervals of 客单价 and UV价值 are
        missing where the workbook has no orders table.
    Raises:
        NoDataError: when the period itself has no traffic.

    Example:
        r = conversion_rates(wb, wb.period("2026-09"), ["tmall"])
        r[["month", "conversion_rate", "conversion_rate_low", "conversion_rate_high"]]
    """
    chosen = wb.platforms(platforms)
    window = period.trailing(months)
    rows = _rows(wb, window.start, window.end, chosen, totals=True)
    rows = rows.mutate(month=rows.visited_on.truncate("M"))
    sums = wb.execute(rows.group_by(["month", "platform"]).aggregate(**_sums(rows, ["visitors", "buyers", "paid_amount"])))
    if not (sums.month == period.start_ts).any():
        raise no_traffic(wb, period.label, chosen)
    per_month = pd.concat([
        sums, sums.groupby("month", as_index=False)[["visitors", "buyers", "paid_amount"]].sum().assign(platform=TOTAL),
    ], ignore_index=True)
    spread = _spend_per_buyer_spread(wb, window, chosen)
    merged = per_month.merge(spread, on=["month", "platform"], how="left")
    conv_low, conv_high = stats.wilson_interval(merged.buyers, merged.visitors, level)
    result = merged.assign(
        conversion_rate=lambda d: conversion_rate(d.buyers, d.visitors),
        aov=lambda d: aov(d.paid_amount, d.buyers),
        uv_value=lambda d: uv_value(d.paid_amount, d.visitors),
        conversion_rate_low=conv_low, conversion_rate_high=conv_high,
    )
    aov_low, aov_high = stats.mean_interval(result.aov, result.sd_per_buyer, result.buyers, level)
    uv_low, uv_high = stats.per_visitor_interval(result.conversion_rate, result.aov, result.sd_per_buyer,
                                                 result.visitors, level)
    return (
        result.assign(aov_low=aov_low, aov_high=aov_high, uv_value_low=uv_low, uv_value_high=uv_high)
        .sort_values("month", kind="stable")
        .pipe(_order_platforms, chosen)
        .sort_values("month", kind="stable")
        .reset_index(drop=True)
        [["month", "platform", "visitors", "buyers", "paid_amount", "conversion_rate", "conversion_rate_low",
          "conversion_rate_high", "aov", "aov_low", "aov_high", "uv_value", "uv_value_low", "uv_value_high"]]
    )


def _spend_per_buyer_spread(wb: Workbook, window: Period, platforms: list[str]) -> pd.DataFrame:
    """Standard deviation of what a buyer paid in a month, per platform and overall."""
    columns = {"month": pd.Series(dtype="datetime64[us]"), "platform": pd.Series(dtype="str"),
               "sd_per_buyer": pd.Series(dtype="float64")}
    if not wb.has("orders"):
        return pd.DataFrame(columns)
    paid = paid_orders(wb, window, platforms)
    # A guest order is a buyer of its own (one account for all guests would be one big spender).
    per_buyer = (paid.mutate(month=paid.paid_at.truncate("M"), buyer=paid.customer_id.fill_null(paid.order_id))
                 .group_by(["month", "platform", "buyer"]).aggregate(spent=lambda t: t.paid_amount.sum()))
    by_platform = per_buyer.group_by(["month", "platform"]).aggregate(sd_per_buyer=per_buyer.spent.std())
    overall = per_buyer.group_by("month").aggregate(sd_per_buyer=per_buyer.spent.std())
    # One question: the buyers' sums are grouped once for both spreads (asked apart, each
    # grouped 13 months of orders by buyer again and spilled: 17 CPU-s against 8 at 50M).
    both = by_platform.union(overall.mutate(platform=ibis.literal(TOTAL)).select("month", "platform", "sd_per_buyer"),
                             distinct=False)
    return wb.execute(both)


def rates_facts(rates: pd.DataFrame, period: Period) -> dict[str, Any]:
    """The numbers the rates title and takeaway state (from :func:`conversion_rates`)."""
    total = rates[rates.platform == TOTAL].set_index("month")
    now = total.loc[period.start_ts]
    before = total.loc[period.prior().start_ts] if period.prior().start_ts in total.index else None
    return {
        "month": period.label,
        "conversion_rate": now.conversion_rate,
        "conversion_rate_low": now.conversion_rate_low, "conversion_rate_high": now.conversion_rate_high,
        "conversion_rate_vs_prior": None if before is None else now.conversion_rate - before.conversion_rate,
        "aov": now.aov, "aov_vs_prior": None if before is None else relative_change(now.aov, before.aov),
        "uv_value": now.uv_value,
        "uv_value_vs_prior": None if before is None else relative_change(now.uv_value, before.uv_value),
    }


def rates_record(rates: pd.DataFrame, period: Period, text) -> list[dict[str, Any]]:
    """The ``conversion.headline`` record: all-platform 支付转化率, 客单价, UV价值 and buyers,
    with their change on the prior month and on the same month last year."""
    total = rates[rates.platform == TOTAL].set_index("month")

    def _at(month: pd.Timestamp, metric: str) -> float:
        return float(total.at[month, metric]) if month in total.index else float("nan")

    out = []
    for metric in ("conversion_rate", "aov", "uv_value", "buyers"):
        value = _at(period.start_ts, metric)
        out.append(headline_entry(metric, text(f"metric.{metric}"), value,
                                  relative_change(value, _at(period.prior().start_ts, metric)),
                                  relative_change(value, _at(period.last_year().start_ts, metric))))
    return out


# ----------------------------------------------------------------------------- tests

def compare_conversion(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                       alpha: float = 0.05, min_count: int = stats.MIN_COUNT) -> pd.DataFrame:
    """Month-on-month change of 支付转化率 per platform × device, tested.

    A two-proportion z-test per segment (:func:`storebook.measures.stats.two_proportion_test`);
    where buyers or non-buyers number fewer than ``min_count`` in either month, the
    verdict is ``too_small`` — a warning, not a verdict.

    Args:
        wb, period, platforms: as :func:`conversion_funnel`.
        alpha: the significance level.
        min_count: the minimum count of buyers and of non-buyers per month.
    Returns:
        One row per platform × device (and ``total`` rows): platform, device, visitors,
        buyers, visitors_prior, buyers_prior, rate, rate_prior, change (rate points),
        relative_change, z, p_value, verdict (``up`` / ``down`` / ``no_change`` / ``too_small``;
        ``no_prior`` for a segment without traffic the prior month: nothing to compare with).
    Raises:
        NoDataError: when the period, or the prior month, has no traffic.

    Example:
        compare_conversion(wb, wb.period("2026-09")).query("verdict == 'down'")
    """
    chosen = wb.platforms(platforms)
    prior = period.prior()
    rows = _rows(wb, prior.start, period.end, chosen, totals=True)
    rows = rows.mutate(is_current=rows.visited_on >= period.start)
    sums = wb.execute(rows.group_by(["is_current", "platform", "device"]).aggregate(**_sums(rows, ["visitors", "buyers"])))
    if not sums.is_current.any():
        raise no_traffic(wb, period.label, chosen)
    if sums.is_current.all():  # a month-on-month change needs the prior month (not "too small to judge")
        raise no_traffic(wb, prior.label, chosen)
    segments = pd.concat([
        sums,
        sums.groupby(["is_current", "platform"], as_index=False)[["visitors", "buyers"]].sum().assign(device=TOTAL),
        sums.groupby(["is_current"], as_index=False)[["visitors", "buyers"]].sum().assign(platform=TOTAL, device=TOTAL),
    ], ignore_index=True)
    now = segments[segments.is_current].drop(columns="is_current")
    before = (segments[~segments.is_current].drop(columns="is_current")
              .rename(columns={"visitors": "visitors_prior", "buyers": "buyers_prior"}))
    both = now.merge(before, on=["platform", "device"], how="left")
    new = both.visitors_prior.isna().to_numpy()
    both = both.fillna({"visitors_prior": 0, "buyers_prior": 0})
    tested = stats.two_proportion_test(both.buyers, both.visitors, both.buyers_prior, both.visitors_prior,
                                       alpha=alpha, min_count=min_count)
    tested["verdict"] = tested["verdict"].where(~new, "no_prior")
    device_order = {d: i for i, d in enumerate([*wb.config.devices, TOTAL])}
    return (
        pd.concat([both.reset_index(drop=True), tested], axis=1)
        .assign(_d=lambda d: d.device.map(device_order))
        .sort_values("_d", kind="stable").drop(columns="_d")
        .pipe(_order_platforms, chosen)
    )


def tests_facts(tests: pd.DataFrame) -> dict[str, Any]:
    """The numbers the tests takeaway states (from :func:`compare_conversion`)."""
    segments = tests[(tests.platform != TOTAL) & (tests.device != TOTAL)]
    falls = segments[segments.verdict == "down"]
    worst = falls.loc[falls.change.idxmin()] if len(falls) else None
    return {
        "variant": None if worst is not None else "no_fall",
        "n_down": int((segments.verdict == "down").sum()), "n_up": int((segments.verdict == "up").sum()),
        "n_small": int((segments.verdict == "too_small").sum()),
        "worst_platform": None if worst is None else worst.platform,
        "worst_device": None if worst is None else worst.device,
        "worst_change": None if worst is None else worst.change,
    }


# ----------------------------------------------------------------------------- decomposition

def decompose_conversion(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                         by: tuple[str, ...] = ("platform", "device", "channel")) -> pd.DataFrame:
    """Which segments explain the month's change in 支付转化率: mix shift or rate change.

    The change of the overall 支付转化率 from the prior month is split exactly over the
    segments (:func:`storebook.measures.stats.decompose_ratio_change`): a segment's *mix effect*
    comes from its share of visitors moving, its *rate effect* from its own conversion
    moving.

    With ``channel`` among the segments, the channel rows are first scaled to their
    platform × device's de-duplicated total (the ``all`` row): channel rows count a
    visitor in every source he came through, so each channel keeps its share of source
    visits and of buyers, and the segments add up to the platform's real visitors and
    buyers. The effects then add up exactly to the change in 支付转化率.

    Args:
        wb, period, platforms: as :func:`conversion_funnel`.
        by: the segment columns, from ``platform``, ``device``, ``channel``.
    Returns:
        One row per segment, largest total effect first: the ``by`` columns,
        visitors_before/_after, buyers_before/_after, share_before/_after,
        rate_before/_after, mix_effect, rate_effect, total_effect (in rate points, e.g.
        −0.0021 = −0.21 个百分点). ``attrs`` holds ratio_before and ratio_after.
    Raises:
        NoDataError: when either month has no traffic.

    Example:
        d = decompose_conversion(wb, wb.period("2026-09"))
        stats.summarise_effects(d, ["platform", "device"]).head(1)
    """
    by = tuple(by)
    unknown = set(by) - {"platform", "device", "channel"}
    if unknown:
        raise ValueError(f"decompose_conversion: cannot segment by {', '.join(sorted(unknown))}")
    chosen = wb.platforms(platforms)
    prior = period.prior()
    t = wb.table("traffic")
    rows = t.filter(t.platform.isin(chosen), t.visited_on >= prior.start, t.visited_on < period.end)
    rows = rows.mutate(is_current=rows.visited_on >= period.start)
    sums = wb.execute(rows.group_by(["is_current", "platform", "device", "channel"])
                      .aggregate(**_sums(rows, ["visitors", "buyers"])))
    totals = sums[sums.channel == TRAFFIC_TOTAL_CHANNEL]
    for current, label in ((True, period.label), (False, prior.label)):
        if not (totals.is_current == current).any():
            raise no_traffic(wb, label, chosen)
    segments = _channels_to_totals(sums) if "channel" in by else totals
    before = segments[~segments.is_current]
    after = segments[segments.is_current]
    return stats.decompose_ratio_change(before, after, list(by), "buyers", "visitors")


def _channels_to_totals(sums: pd.DataFrame) -> pd.DataFrame:
    """Scale channel rows so that, per month × platform × device, they add up to the
    ``all`` row (the de-duplicated total); a segment without channel rows keeps its
    ``all`` row as one channel."""
    keys = ["is_current", "platform", "device"]
    totals = sums[sums.channel == TRAFFIC_TOTAL_CHANNEL].set_index(keys)[["visitors", "buyers"]]
    channels = sums[sums.channel != TRAFFIC_TOTAL_CHANNEL]
    channel_sums = channels.groupby(keys)[["visitors", "buyers"]].sum()
    factors = (totals / channel_sums.where(channel_sums > 0)).add_suffix("_factor")
    scaled = (channels.merge(factors, left_on=keys, right_index=True, how="left")
              .assign(visitors=lambda d: d.visitors * d.visitors_factor.fillna(0),
                      buyers=lambda d: d.buyers * d.buyers_factor.fillna(0))
              [[*keys, "channel", "visitors", "buyers"]])
    # Where channel rows cannot carry the total (none, or no buyers in them), the rest
    # stays in an `all` segment so nothing is lost.
    carried = scaled.groupby(keys)[["visitors", "buyers"]].sum().reindex(totals.index, fill_value=0.0)
    rest = (totals - carried).reset_index().assign(channel=TRAFFIC_TOTAL_CHANNEL)
    rest = rest[(rest.visitors.abs() > 1e-6) | (rest.buyers.abs() > 1e-6)]
    return pd.concat([scaled, rest[[*keys, "channel", "visitors", "buyers"]]], ignore_index=True)


def drivers_facts(decomposition: pd.DataFrame) -> dict[str, Any]:
    """The numbers the decomposition title and takeaway state (from :func:`decompose_conversion`
    with platform, device and channel segments)."""
    by_segment = stats.summarise_effects(decomposition, ["platform", "device"])
    top = by_segment.iloc[0]
    by_device = stats.summarise_effects(decomposition, ["device"]).set_index("device")
    inside = decomposition[(decomposition.platform == top.platform) & (decomposition.device == top.device)]
    top_channel = extremes.row_of_max(inside, inside.total_effect.abs())
    if top_channel is None:  # no channel's effect is known: the segment speaks for itself
        top_channel = pd.Series({"channel": None, "total_effect": np.nan})
    ratio_before, ratio_after = decomposition.attrs["ratio_before"], decomposition.attrs["ratio_after"]
    return {
        "total_change": ratio_after - ratio_before,
        "rate_total": decomposition.rate_effect.sum(), "mix_total": decomposition.mix_effect.sum(),
        "top_platform": top.platform, "top_device": top.device, "top_effect": top.total_effect,
        "top_part": "rate" if abs(top.rate_effect) >= abs(top.mix_effect) else "mix",
        "top_channel": top_channel.channel, "top_channel_effect": top_channel.total_effect,
        "device_effect": by_device.at[top.device, "total_effect"],
    }


def drivers_record(decomposition: pd.DataFrame, top: int = 5) -> list[dict[str, Any]]:
    """The largest platform × device drivers as plain records (for ``conversion.drivers``)."""
    by_segment = stats.summarise_effects(decomposition, ["platform", "device"]).head(top)
    return [
        {"platform": r.platform, "device": r.device, "mix_effect": float(r.mix_effect),
         "rate_effect": float(r.rate_effect), "total_effect": float(r.total_effect),
         "part": "rate" if abs(r.rate_effect) >= abs(r.mix_effect) else "mix"}
        for r in by_segment.itertuples()
    ]


# ----------------------------------------------------------------------------- new vs returning

def new_vs_returning(wb: Workbook, period: Period, platforms: list[str] | str | None = None) -> pd.DataFrame:
    """Buyers of the month split into new and returning (新客 / 老客), per platform.

    The definition is :func:`storebook.measures.buyers.split_new_returning`'s (a buyer is new
    when the month holds their first paid order on the platform(s), as far back as the
    orders table goes); this adds the per-platform view and the prior month. Early months
    of a young workbook overstate "new": there is little history.

    Args:
        wb, period, platforms: as :func:`conversion_funnel`.
    Returns:
        One row per platform (and ``total``) × buyer_type (``new``, ``returning``):
        platform, buyer_type, buyers, paid_amount, aov (客单价 of the group), share (of
        the platform's buyers), buyers_prior, share_prior, buyers_vs_prior. ``attrs``
        holds history_from, the first day of the orders table.
    Raises:
        NoDataError: when the period has no paid orders on these platforms.

    Example:
        new_vs_returning(wb, wb.period("2026-09")).query("platform == 'total'")
    """
    chosen = wb.platforms(platforms)
    parts = []
    for month in (period, period.prior()):
        for platform in [*chosen, TOTAL]:
            try:
                split = split_new_returning(wb, month, chosen if platform == TOTAL else [platform])
            except NoDataError:
                if month is period and platform == TOTAL:
                    raise
                continue
            parts.append(split.assign(platform=platform, is_current=month is period))
    both = pd.concat(parts, ignore_index=True).rename(columns={"share_of_buyers": "share"})
    o = wb.table("orders")
    history = wb.execute(o.aggregate(first=o.paid_at.min()))["first"].iloc[0]
    now = both[both.is_current]
    before = (both[~both.is_current][["platform", "buyer_type", "buyers", "share"]]
              .rename(columns={"buyers": "buyers_prior", "share": "share_prior"}))
    result = (
        now.merge(before, on=["platform", "buyer_type"], how="left")
        .assign(buyers_vs_prior=lambda d: relative_change(d.buyers, d.buyers_prior))
        .pipe(_order_platforms, chosen)
        [["platform", "buyer_type", "buyers", "orders", "paid_amount", "aov", "share", "buyers_prior", "share_prior",
          "buyers_vs_prior"]]
    )
    result.attrs = {"history_from": pd.Timestamp(history).strftime("%Y-%m-%d")}
    return result


def buyers_facts(buyers: pd.DataFrame, period: Period) -> dict[str, Any]:
    """The numbers the buyers title and takeaway state (from :func:`new_vs_returning`).

    ``variant`` is ``no_amount`` when no buyer's paid amount is known (the month's orders carry
    none, optional in the contract): the sentence leaves the spend per buyer out and says the
    amounts are not in the data. Otherwise it says only what is known: ``no_returning`` when no
    buyer returned (the new buyers' spend alone, not "returning buyers spent n/a"), ``orders``
    when a group with buyers has no known spend (some orders carry no amount): each group's
    buyers and orders instead.
    """
    total = buyers[buyers.platform == TOTAL].set_index("buyer_type")

    def _get(kind: str, column: str) -> Any:
        return total.at[kind, column] if kind in total.index else np.nan

    facts = {
        "month": period.label,
        "new": _get("new", "buyers"), "returning": _get("returning", "buyers"),
        "new_orders": _get("new", "orders"), "returning_orders": _get("returning", "orders"),
        "new_share": _get("new", "share"),
        "new_share_change": _get("new", "share") - _get("new", "share_prior"),
        "new_aov": _get("new", "aov"), "returning_aov": _get("returning", "aov"),
        "history_from": buyers.attrs.get("history_from", ""),
    }
    spend_unknown = [pd.isna(facts[f"{kind}_aov"]) for kind in ("new", "returning") if (facts[kind] or 0) > 0]
    if total["paid_amount"].isna().all():
        variant = "no_amount"
    elif any(spend_unknown):
        variant = "orders"
    elif not (facts["returning"] or 0) > 0:
        variant = "no_returning"
    else:
        variant = None
    return {**facts, "variant": variant}


# ----------------------------------------------------------------------------- placed → paid

def summarise_payments(wb: Workbook, period: Period, platforms: list[str] | str | None = None) -> pd.DataFrame:
    """Orders placed in the month and how many were paid, per platform and in total, with the
    prior month's rate — the step from placing an order to paying for it (下单 → 支付), from
    the orders table (unpaid orders are orders: pending, closed unpaid, cancelled unpaid).

    Returns:
        platform (and ``total``), placed, paid, pending (placed, not paid yet), closed (closed
        or cancelled without payment), payment_rate, payment_rate_prior and change (the
        change of the rate in points, this month − prior month).
    Raises:
        NoDataError: no order was placed in the month on the platforms.
    """
    chosen = wb.platforms(platforms)

    def count(window: Period) -> pd.DataFrame:
        o = wb.table("orders")
        o = o.filter(o.ordered_at >= window.start_ts, o.ordered_at < window.end_ts, o.platform.isin(chosen))
        unpaid = o.paid_at.isnull()
        by = wb.execute(o.group_by("platform").aggregate(
            placed=o.count(), paid=(~unpaid).sum(), pending=(unpaid & (o.status == "pending")).sum(),
            closed=(unpaid & o.status.isin(["closed", "cancelled"])).sum()))
        cols = ["placed", "paid", "pending", "closed"]
        return pd.concat([by, by[cols].sum().to_frame().T.assign(platform=TOTAL)], ignore_index=True)

    now = count(period)
    if not int(now.loc[now.platform == TOTAL, "placed"].iloc[0]):
        raise NoDataError(f"no orders were placed in {period.label} on {', '.join(chosen)}",
                          key="no_data.placed_orders", values={"month": period.label, "platforms": chosen})
    prior = count(period.prior())[["platform", "placed", "paid"]].rename(
        columns={"placed": "placed_prior", "paid": "paid_prior"})
    out = now.merge(prior, on="platform", how="left").assign(
        payment_rate=lambda d: payment_rate(d.paid, d.placed),
        payment_rate_prior=lambda d: payment_rate(d.paid_prior, d.placed_prior),
    )
    out = out.assign(change=out.payment_rate - out.payment_rate_prior)
    cols = ["platform", "placed", "paid", "pending", "closed", "payment_rate", "payment_rate_prior", "change"]
    return out.pipe(_order_platforms, chosen).reset_index(drop=True)[cols].astype(
        {c: "int64" for c in ("placed", "paid", "pending", "closed")})


def payments_facts(payments: pd.DataFrame) -> dict[str, Any]:
    """The numbers the placed → paid takeaway states: the total rate, its change in points,
    the unpaid orders and the platform with the lowest rate (among those with orders).

    ``variant``: ``all_paid`` when every order placed was paid (an export that lists purchases
    only: the Tianchi stores' page read "0 were not paid, 0 of them still pending"), else
    ``one`` with a single platform (no lowest to name)."""
    total = payments[payments.platform == TOTAL].iloc[0]
    platforms = payments[(payments.platform != TOTAL) & (payments.placed > 0)]
    all_paid = int(total.placed) == int(total.paid)
    lowest = extremes.row_of_min(platforms, "payment_rate") if len(platforms) > 1 and not all_paid else None
    return {
        "placed": total.placed, "paid": total.paid, "unpaid": total.placed - total.paid,
        "pending": total.pending, "payment_rate": total.payment_rate, "change": total.change,
        "lowest": None if lowest is None else lowest["platform"],
        "lowest_rate": None if lowest is None else lowest["payment_rate"],
        "variant": "all_paid" if all_paid else None if lowest is not None else "one",
    }
