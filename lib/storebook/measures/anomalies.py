"""Days that did not look like themselves: each platform-day's visitors, 支付转化率, 客单价
and paid amount against the band expected for that day (:func:`storebook.measures.stats.expected_band`),
the driver of a flagged day, and its likely cause — a tracking outage (visitors collapse
while buyers keep paying) is a data problem, not lost demand.

The traffic report shows them (``storebook.traffic.detect_anomalies``).

Example:
    a = detect_anomalies(wb, wb.period("2026-10"))
    flagged_days(a)[["platform", "visited_on", "driver", "likely_cause"]]
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd

from storebook.engine import calendar
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.measures import stats
from storebook.measures.ratios import relative_change, with_ratios
from storebook.measures.traffic_table import no_traffic
from storebook.measures.traffic_table import order_platforms as _order_platforms
from storebook.measures.traffic_table import sum_counts as _sums
from storebook.measures.traffic_table import traffic_rows as _rows

__all__ = ["BAND_METRICS", "FLAG_METRICS", "detect_anomalies", "flagged_days", "anomaly_facts", "anomaly_record"]

#: The metrics each day is judged on; a day is flagged when visitors or the paid amount
#: leave their band (conversion and order value explain it, they do not flag it).
BAND_METRICS: tuple[str, ...] = ("visitors", "conversion_rate", "aov", "paid_amount")
FLAG_METRICS: tuple[str, ...] = ("visitors", "paid_amount")
#: A platform-day's paid amount is judged only when it expects at least this many buyers.
MIN_BUYERS_JUDGED = stats.MIN_COUNT
#: A tracking (data) problem rather than lost demand: visitors at most this share of their
#: expectation below their band …
TRACKING_VISITORS_AT_MOST = 0.5
#: … while the paid amount held: not below its band (where judged), else at least this
#: share of its expectation. Buyers paid; the visits that brought them were not recorded.
TRACKING_PAID_AT_LEAST = 0.7


def band_history_days(weeks: int) -> int:
    """Days of history the bands read before the period: a year, and before it the
    ``3 × weeks`` weeks in which last year's festival days find their ordinary same-weekday
    baseline — else last year's 双11 has no baseline and this year's is not judged.

    >>> band_history_days(8)
    540
    """
    return 366 + 7 * 3 * weeks + 6


#: The history read with the default ``weeks`` (8).
BAND_HISTORY_DAYS = band_history_days(8)


def detect_anomalies(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                     z: float = 3.5, weeks: int = 8) -> pd.DataFrame:
    """Days of the period outside the band expected for them, per platform, with the driver.

    Each platform's daily visitors, 支付转化率, 客单价 and paid amount get an expected
    band from :func:`storebook.measures.stats.expected_band`: the same weekday over the previous
    ``weeks`` weeks, with festival and holiday days compared against days of their own
    kind (a year of history is read, so last year's festival is the reference). A day is
    flagged when its visitors or its paid amount leave the band; the paid amount only
    where the day expects at least :data:`MIN_BUYERS_JUDGED` buyers (below that, a
    day's sales are mostly luck).

    A flagged day's deviation is split into the three drivers of sales,
    支付金额 = 访客数 × 支付转化率 × 客单价: ``visitors_effect``, ``conversion_effect`` and
    ``aov_effect`` are each actual / expected − 1. ``driver`` names the most surprising
    of the three — the one furthest from its expectation in units of its own day-to-day
    spread (visitors are steady, so a tracking outage that loses 90 % of them outweighs
    the "impossible" conversion it causes). ``likely_cause`` is ``tracking`` where the
    visitors collapsed (below their band, at most :data:`TRACKING_VISITORS_AT_MOST` of
    their expectation) while the paid amount held: a tracking or data problem, not lost
    demand.

    A day with no comparable day to judge it by (the first 双11 in the data) has no band
    (basis ``no_reference``): it is never counted as outside.

    Args:
        wb, period, platforms: as :func:`summarise_traffic`.
        z: half-width of the bands in robust standard deviations.
        weeks: weeks of same-weekday history in a baseline.
    Returns:
        One row per platform × day of the period: platform, visited_on, event, basis,
        and for each metric ``m`` of :data:`BAND_METRICS`: ``m``, ``m_expected``,
        ``m_low``, ``m_high``, ``m_score``; then is_flagged, visitors_effect,
        conversion_effect, aov_effect, paid_effect, driver, severity (the largest
        absolute score of the flag metrics), likely_cause (``tracking`` or empty),
        promotions (ids of the promotions running on that platform that day,
        ``|``-separated: the likeliest cause of a flagged day that is no calendar event)
        and n_promotions (how many); ``attrs["calendar"]``: why China's calendar applies
        (:func:`storebook.engine.calendar.used_for`), None for a store outside China, whose
        days are all judged against their ordinary weekday.
    Raises:
        NoDataError: when the period has no traffic.

    Example:
        a = detect_anomalies(wb, wb.period("2026-09"))
        flagged_days(a)[["platform", "visited_on", "driver"]]
    """
    chosen = wb.platforms(platforms)
    history_start = period.start - timedelta(days=band_history_days(weeks))
    rows = _rows(wb, history_start, period.end, chosen, totals=True)
    daily = wb.execute(rows.group_by(["platform", "visited_on"])
                       .aggregate(**_sums(rows, ["visitors", "buyers", "paid_amount"])))
    if not (daily.visited_on >= period.start_ts).any():
        raise no_traffic(wb, period.label, chosen)
    daily = daily.pipe(with_ratios)
    china = calendar.used_for(wb)
    country = calendar.own_country(wb)  # a store outside China: its own public holidays
    bands = [
        stats.expected_band(daily, metric, date="visited_on", by=["platform"], start=period.start,
                            weeks=weeks, z=z, china=china is not None, country=country)
        .rename(columns={"expected": f"{metric}_expected", "low": f"{metric}_low", "high": f"{metric}_high",
                         "score": f"{metric}_score", "is_outside": f"{metric}_outside"})
        .drop(columns=["deviation"])
        for metric in BAND_METRICS
    ]
    wide = bands[0]
    for band in bands[1:]:
        wide = wide.merge(band.drop(columns=["event", "basis"]), on=["platform", "visited_on"], how="left")

    scores = wide[["visitors_score", "conversion_rate_score", "aov_score"]].abs().to_numpy(dtype="float64")
    known = np.isfinite(scores).any(axis=1)
    strongest = np.argmax(np.nan_to_num(scores, nan=-1.0), axis=1)
    driver = np.where(known, np.array(["visitors", "conversion", "aov"])[strongest], "")
    severity = wide[[f"{m}_score" for m in FLAG_METRICS]].abs().max(axis=1, skipna=True).fillna(0.0)
    # Sales of a platform-day expecting only a handful of buyers are mostly luck: judge
    # them only from MIN_BUYERS_JUDGED expected buyers on (the visitors are judged anyway).
    expected_buyers = wide.visitors_expected * wide.conversion_rate_expected
    judged = expected_buyers >= MIN_BUYERS_JUDGED
    wide = wide.assign(
        paid_amount_low=wide.paid_amount_low.where(judged),
        paid_amount_high=wide.paid_amount_high.where(judged),
        paid_amount_outside=wide.paid_amount_outside & judged,
    )
    out = (
        wide.assign(
            is_flagged=wide[[f"{m}_outside" for m in FLAG_METRICS]].fillna(False).any(axis=1),
            visitors_effect=lambda d: relative_change(d.visitors, d.visitors_expected),
            conversion_effect=lambda d: relative_change(d.conversion_rate, d.conversion_rate_expected),
            aov_effect=lambda d: relative_change(d.aov, d.aov_expected),
            paid_effect=lambda d: relative_change(d.paid_amount, d.paid_amount_expected),
            driver=pd.array(driver, dtype="str"),
            severity=severity,
        )
        .pipe(_diagnose)
        .drop(columns=[f"{m}_outside" for m in BAND_METRICS])
        .merge(_running_promotions(wb, period, chosen), on=["platform", "visited_on"], how="left")
        .assign(promotions=lambda d: d.promotions.fillna("").astype("str"),
                n_promotions=lambda d: d.promotions.str.count(r"\|").add(1).where(d.promotions != "", 0))
        .sort_values("visited_on", kind="stable")
        .pipe(_order_platforms, chosen)
    )
    out.attrs["calendar"] = china  # None: no festival day is judged apart (anomaly_facts says so)
    out.attrs["country"] = country  # outside China: its own public holidays are (None: none)
    out.attrs["country_set"] = calendar.country_set(wb)  # why not China's calendar, where a setting says so
    return out


def _diagnose(days: pd.DataFrame) -> pd.DataFrame:
    """Name a flagged day's likely cause: ``tracking`` when the visitors collapsed while the
    paid amount held (a broken tag or a missing export: people bought, their visits were
    not counted), else empty."""
    collapsed = (days.visitors < days.visitors_low) & (days.visitors_effect <= TRACKING_VISITORS_AT_MOST - 1)
    judged = days.paid_amount_low.notna()
    held = np.where(judged, days.paid_amount >= days.paid_amount_low, days.paid_effect >= TRACKING_PAID_AT_LEAST - 1)
    tracking = days.is_flagged & collapsed.fillna(False) & pd.Series(held, index=days.index).fillna(False)
    return days.assign(likely_cause=pd.array(np.where(tracking, "tracking", ""), dtype="str"))


def _running_promotions(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    """Per platform × day, the promotions running (``PR001|PR007``): the likeliest
    explanation of a flagged day that is not a calendar event."""
    empty = pd.DataFrame({"platform": pd.Series(dtype="str"), "visited_on": pd.Series(dtype="datetime64[us]"),
                          "promotions": pd.Series(dtype="str")})
    if not wb.has("promotions"):
        return empty
    p = wb.table("promotions")
    running = wb.execute(p.filter(p.starts_on < period.end, p.ends_on >= period.start)
                         .select("promo_id", "platform", "starts_on", "ends_on"))
    rows = [
        {"platform": platform, "visited_on": day, "promo_id": r.promo_id}
        for r in running.itertuples()
        for platform in ([r.platform] if isinstance(r.platform, str) else platforms)
        if platform in platforms
        for day in pd.date_range(max(r.starts_on, period.start_ts), min(r.ends_on, period.end_ts - pd.Timedelta(days=1)))
    ]
    if not rows:
        return empty
    return (pd.DataFrame(rows).astype({"visited_on": "datetime64[us]"})
            .sort_values("promo_id")
            .groupby(["platform", "visited_on"], as_index=False).promo_id.agg("|".join)
            .rename(columns={"promo_id": "promotions"}))


def flagged_days(anomalies: pd.DataFrame) -> pd.DataFrame:
    """The flagged rows of :func:`detect_anomalies`, most severe first."""
    return (anomalies[anomalies.is_flagged]
            .sort_values(["severity", "visited_on"], ascending=[False, True])
            .reset_index(drop=True))


def anomaly_facts(anomalies: pd.DataFrame) -> dict[str, Any]:
    """The numbers the anomaly title and takeaway state, and the record of flagged days.

    ``n_flagged`` counts the days outside their band; ``n_not_judged`` the days without a
    band (no comparable day); ``n_tracking`` the flagged days whose likely cause is tracking;
    ``variant`` is ``tracking`` when the most severe day is one of them, and
    ``other_tracking`` / ``tracking_*`` count and describe (the most severe) the others. For a
    store outside China (``attrs["calendar"]`` None) the variant ends in ``plain``, or in
    ``holidays`` where its own country's public holidays were judged apart (``attrs["country"]``,
    named by ``country``); ``country_set`` is the country ``[store] country`` sets (``attrs["country_set"]``),
    which the sentence gives as the reason, or None where the platforms and currency decided.
    """
    flagged = flagged_days(anomalies)
    first = flagged.iloc[0] if len(flagged) else None
    is_tracking = flagged.likely_cause == "tracking"
    # A store outside China has no festival day judged against its own festival: the sentence
    # says every day was judged against its weekday (variants ``plain``, ``none.plain`` …).
    plain = "calendar" in anomalies.attrs and anomalies.attrs["calendar"] is None
    variant = "none" if first is None else ("tracking" if first.likely_cause == "tracking" else None)
    own = anomalies.attrs.get("country") if plain else None
    if plain:
        ending = "holidays" if own else "plain"
        variant = ending if variant is None else f"{variant}.{ending}"
    # The tracking days the main sentence does not name already (it names the first).
    others = flagged[is_tracking & (flagged.index > 0)]
    lost = others.iloc[0] if len(others) else None
    not_judged = anomalies.visitors.notna() & anomalies.visitors_low.isna() & (anomalies.basis == "no_reference")
    tracking_note = {"other_tracking": len(others), "tracking_platform": None if lost is None else lost.platform,
                     "tracking_day": None if lost is None else lost.visited_on,
                     "tracking_visitors": None if lost is None else lost.visitors_effect,
                     "tracking_paid": None if lost is None else lost.paid_effect}
    return {
        "variant": variant,
        # The two notes after the takeaway, each with its own variant (the takeaway's would pick
        # sentences they do not have): a day not judged is a festival new to the data in China,
        # else one of the store's own country's public holidays (variant ``holidays``).
        "tracking_note": tracking_note,
        "not_judged_note": {"variant": "holidays" if own else None, "country": own,
                            "n_not_judged": int(not_judged.sum())},
        "country": own,  # its ISO code, named in the page's language by the {country:country} spec
        # Why China's calendar does not apply: the country set ([store] country), None where the
        # platforms and currency decided ({country_set:not_china}).
        "country_set": anomalies.attrs.get("country_set") if plain else None,
        "n_flagged": len(flagged),
        "n_not_judged": int(not_judged.sum()),
        "n_tracking": int(is_tracking.sum()),
        "other_tracking": len(others),
        "tracking_platform": None if lost is None else lost.platform,
        "tracking_day": None if lost is None else lost.visited_on,
        "tracking_visitors": None if lost is None else lost.visitors_effect,
        "tracking_paid": None if lost is None else lost.paid_effect,
        "first_platform": None if first is None else first.platform,
        "first_day": None if first is None else first.visited_on,
        "first_visitors": None if first is None else first.visitors_effect,
        "first_paid": None if first is None else first.paid_effect,
        "first_driver": None if first is None else first.driver,
    }


def anomaly_record(anomalies: pd.DataFrame) -> list[dict[str, Any]]:
    """Flagged days as plain records: platform, date, driver and the three effects."""
    flagged = flagged_days(anomalies)
    return [
        {"platform": r.platform, "date": r.visited_on.strftime("%Y-%m-%d"), "driver": r.driver,
         "likely_cause": r.likely_cause, "event": r.event, "promotions": r.promotions, "visitors_effect": r.visitors_effect, "conversion_effect": r.conversion_effect,
         "aov_effect": r.aov_effect, "paid_effect": r.paid_effect}
        for r in flagged.itertuples()
    ]
