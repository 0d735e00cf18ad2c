"""Deliveries, defined once: the delivery promise by province, delivery times of the parcels
handed over (median, 90th percentile, late share) and the slow carrier × region spells.
The fulfilment report shows them; the store-operations report reads the ones that move the
logistics rating.
"""

from __future__ import annotations

import weakref
from calendar import timegm
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import ibis
import numpy as np
import pandas as pd

from storebook.engine import calendar
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError, StorebookError
from storebook.measures.partial import flag_partial
from storebook.measures.shipments import DAY_SECONDS as _DAY_SECONDS
from storebook.measures.shipments import SHIPMENTS_TODO as _SHIPMENTS_TODO
from storebook.measures.shipments import aggregate_groups as _aggregate
from storebook.measures.shipments import group_keys as _keys
from storebook.measures.shipments import require_rows as _require
from storebook.measures.shipments import shipments_of as _shipments
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

#: Delivery promise in days from hand-over to the carrier, by destination province;
#: ``default`` for every province not listed (remote western provinces get longer).
DELIVERY_PROMISE_DAYS: dict[str, float] = {
    "default": 4,
    "Xinjiang": 7, "Tibet": 7, "Qinghai": 6, "Gansu": 5, "Ningxia": 5, "Inner Mongolia": 5,
    "Hainan": 5, "Yunnan": 5, "Guizhou": 5, "Heilongjiang": 5, "Jilin": 5,
    "新疆": 7, "西藏": 7, "青海": 6, "甘肃": 5, "宁夏": 5, "内蒙古": 5,
    "海南": 5, "云南": 5, "贵州": 5, "黑龙江": 5, "吉林": 5,
}


#: Parcels handed over this many days before the Spring Festival shutdown can be caught by it.
SHUTDOWN_LEAD_DAYS = 7


def shutdown_days(wb: Workbook, start: date, end: date) -> list[date]:
    """Days of the Spring Festival logistics shutdown in ``start..end`` (from the calendar);
    none for a store that does not sell in China (:func:`storebook.engine.calendar.used_for`):
    its couriers do not stop for China's New Year."""
    if end < start or calendar.used_for(wb) is None:
        return []
    days = calendar.day_kinds(start, end, china=True)
    return [d.date() for d in days.loc[days["is_logistics_shutdown"], "date"]]


def holidays_off(wb: Workbook, start: date, end: date) -> list[date]:
    """The public holidays of a store outside China in ``start..end``: its own country's
    (:func:`storebook.engine.calendar.own_country`), days its warehouse and carriers do not work,
    so they do not count in the time it has to ship or to deliver (:func:`minus_days_off`). None
    for a store in China — its public holidays count as they always have; the Spring Festival
    shutdown is its calendar's pause (:func:`shutdown_days`) — nor for a store whose country is
    not known."""
    country = calendar.own_country(wb)
    if end < start or calendar.used_for(wb) is not None or not country:
        return []
    days = calendar.day_kinds(start, end, china=False, country=country)
    return [d.date() for d in days.loc[days["is_holiday"], "date"]]


def minus_days_off(first: ibis.Value, last: ibis.Value | float, days: list[date]) -> ibis.Value:
    """Seconds from timestamp ``first`` to ``last`` (a timestamp column, or epoch seconds) less
    the whole ``days`` (00:00–24:00) between them: the time a store had to ship or deliver when
    its public holidays do not count (:func:`holidays_off`). Naive timestamps read as UTC epoch
    seconds, as everywhere here.

    Example (hand-computed): paid 6 Sep 2025 20:00, shipped 8 Sep 2025 08:00 (36 h) over 7
    September (24 h off): 12 h.
    """
    a = first.epoch_seconds()
    b = last.epoch_seconds() if isinstance(last, ibis.Value) else ibis.literal(float(last))
    out = b - a
    for day in days:
        lo = float(timegm(day.timetuple()))
        overlap = ibis.least(b, lo + _DAY_SECONDS) - ibis.greatest(a, lo)
        out = out - ibis.greatest(overlap, 0)
    return out


def in_days(ts: ibis.Value, days: list[date]) -> ibis.Value:
    # With no days, still a column (all False) so that it can be aggregated.
    return ts.date().isin(days) if days else ts.isnull() & ibis.literal(False)


_HORIZONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def data_horizon(wb: Workbook) -> pd.Timestamp:
    """The latest moment the workbook knows of: last order placed, parcel shipped or delivered.

    Nothing after it can be observed, so windows that end later are not judged yet.
    (Read once per open workbook: the processed tables do not change under it.)
    """
    if wb in _HORIZONS:
        return _HORIZONS[wb]
    o, s = wb.table("orders"), wb.table("shipments")
    # One question for the three (an aggregate without groups gives one row, empty tables too).
    last = wb.execute(o.aggregate(ordered=o.ordered_at.max()).cross_join(
        s.aggregate(shipped=s.shipped_at.max(), delivered=s.delivered_at.max())))
    values = last.iloc[0].tolist()
    stamps = [pd.Timestamp(x) for x in values if x is not None and not pd.isna(x)]
    if not stamps:
        raise NoDataError("the orders and shipments tables are empty: ingest their exports first",
                          key="no_data.orders_shipments_empty")
    _HORIZONS[wb] = max(stamps)
    return _HORIZONS[wb]


def delivery_promise(wb: Workbook, promise_days: float | Mapping[str, float] | None = None
                     ) -> float | dict[str, float]:
    """The delivery promise in force: the argument, else the workbook's setting, else the house one.

    The store sets its promise in storebook.toml (or storebook.local.toml)::

        [fulfilment]
        delivery_promise_days = 3                 # every province

        [fulfilment.delivery_promise_days]        # or by province, with a default
        default = 3
        新疆 = 7

    Returns:
        Days (a number) or a mapping province → days with a ``default``
        (:data:`DELIVERY_PROMISE_DAYS` when nothing is set).
    Raises:
        StorebookError: the setting is not a number of days or such a mapping.

    Example:
        delivery_promise(wb, 2)
        2
    """
    value = promise_days
    if value is None:
        value = wb.config.settings.get("fulfilment", {}).get("delivery_promise_days")
    if value is None:
        return dict(DELIVERY_PROMISE_DAYS)
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    if isinstance(value, Mapping):
        ok = all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value.values())
    if not ok:
        raise StorebookError(
            f"delivery_promise_days = {value!r} is not a promise: give a number of days (3) or a table of "
            "province = days with a default, under [fulfilment] in storebook.toml or storebook.local.toml"
        )
    return dict(value) if isinstance(value, Mapping) else value


def _promise_expr(province: ibis.Value, promise_days: float | Mapping[str, float]) -> ibis.Value:
    if isinstance(promise_days, int | float):
        return ibis.literal(float(promise_days))
    mapping = {k: float(v) for k, v in promise_days.items() if k != "default"}
    default = float(promise_days.get("default", DELIVERY_PROMISE_DAYS["default"]))
    return province.substitute(mapping, else_=default) if mapping else ibis.literal(default)


def summarise_delivery_times(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str | Sequence[str] | None = "carrier",
    promise_days: float | Mapping[str, float] | None = None,
    total: bool = True,
) -> pd.DataFrame:
    """Delivery time and late deliveries against the promise (配送时效, 超时率).

    Formula: ``delivery_days = delivered_at − shipped_at`` (days); ``late_rate = late /
    promised`` where *promised* are the shipments handed over outside the Spring Festival
    shutdown and *late* those delivered after the promise for their province, or still in
    transit past it at the data horizon (超时配送率). A store outside China has no shutdown, and
    its own country's public holidays on a parcel's road do not count against the promise
    (:func:`holidays_off`).

    Args:
        wb: the workbook.
        period: the month (shipments *handed over* in it).
        platforms: platforms to include; None = all.
        by: any of ``carrier``, ``province``, ``warehouse``, ``platform``, ``day`` or
            ``month`` of hand-over, or None for one total row.
        promise_days: days, or a mapping province → days with a ``default``; None = the
            workbook's setting (:func:`delivery_promise`).
        total: False: without the ``total`` rows, for a caller that does not show them (each
            parcel is then aggregated once, not twice: a fifth less work at 10M order lines).
    Returns:
        One row per group (then ``total`` when grouped by one column other than the
        day): shipments, delivered, in_transit, median_days, p90_days,
        mean_days, promised, late, late_rate, in_shutdown.
    Raises:
        NoDataError: no shipments in the period, or no shipments table.

    Example:
        summarise_delivery_times(wb, wb.period("2026-10"), by=["carrier", "province"])
    """
    platforms = wb.platforms(platforms)
    keys = _keys(by, ["carrier", "province", "warehouse", "platform", "day", "month"])
    s = _shipments(wb, period.start, period.end, platforms)
    out = _delivery_stats(wb, s, keys, promise_days, shutdown_days(wb, period.start, period.last_day), total,
                          holidays_off(wb, period.start, period.last_day + timedelta(days=_ROAD_DAYS)))
    _require(out, "shipments", "shipments", period, platforms, _SHIPMENTS_TODO)
    return out


_IN_CHINA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def ships_in_china(wb: Workbook) -> bool:
    """Whether some parcel of the store goes to one of China's provinces: the house delivery
    promise (:data:`DELIVERY_PROMISE_DAYS`) is set for them, and says nothing of a store whose
    parcels go elsewhere (Olist's ``BR-SP``) or name no province. (Read once per open workbook.)
    """
    if wb not in _IN_CHINA:
        s = wb.table("shipments")
        known = sorted(set(_REGION_OF) | set(DELIVERY_PROMISE_DAYS))
        # The first such parcel will do (an any() over 6.7M parcels of the 10M bench store cost
        # ~1.1 CPU-s; the engine stops at the first row of a LIMIT 1).
        _IN_CHINA[wb] = len(wb.execute(s.filter(s.province.isin(known)).select("province").limit(1))) > 0
    return _IN_CHINA[wb]


def judged_by_house_promise(wb: Workbook, promise_days: float | Mapping[str, float] | None = None) -> bool:
    """Whether late is judged against the house promise, made for China's provinces, on a store
    that set no promise of its own and whose parcels go to none of them (Olist's ``BR-SP``)."""
    return (promise_days is None and wb.config.settings.get("fulfilment", {}).get("delivery_promise_days") is None
            and not ships_in_china(wb))


#: Days after a month's last hand-over whose public holidays can still fall on a parcel's road
#: (the longest promise, 7 days, and the holidays that lengthen it, with room to spare).
_ROAD_DAYS = 31


def _delivery_stats(wb: Workbook, s: ibis.Table, keys: list[str], promise_days, shutdown: list[date],
                    total: bool = True, days_off: list[date] | None = None) -> pd.DataFrame:
    """``days_off``: a foreign store's public holidays (:func:`holidays_off`), not counted against
    the promise: a parcel on the road over one is given that day more."""
    horizon = data_horizon(wb).timestamp()
    if judged_by_house_promise(wb, promise_days):
        # Late against a promise the store never made: the report says which one it is.
        flag_partial("page.partial.house_promise", days=DELIVERY_PROMISE_DAYS["default"])
    promise_days = delivery_promise(wb, promise_days)

    def metrics(s: ibis.Table) -> dict[str, ibis.Value]:
        promise = _promise_expr(s.province, promise_days)
        in_shutdown = in_days(s.shipped_at, shutdown)
        if days_off:
            on_road = minus_days_off(s.shipped_at, s.delivered_at, days_off) / _DAY_SECONDS
            to_horizon = minus_days_off(s.shipped_at, horizon, days_off) / _DAY_SECONDS
            late = ibis.ifelse(s.is_delivered, on_road > promise, to_horizon > promise) & ~in_shutdown
        else:
            deadline = s.shipped_at.epoch_seconds() + promise * _DAY_SECONDS
            late = ibis.ifelse(
                s.is_delivered,
                s.delivery_days > promise,
                deadline < horizon,
            ) & ~in_shutdown
        return {
            "shipments": s.count(),
            "delivered": s.is_delivered.cast("int64").sum(),
            "median_days": s.delivery_days.median(),
            "p90_days": s.delivery_days.quantile(0.9),
            "mean_days": s.delivery_days.mean(),
            "promised": (~in_shutdown).cast("int64").sum(),
            "late": late.cast("int64").sum(),
            "in_shutdown": in_shutdown.cast("int64").sum(),
        }

    out = _aggregate(wb, s, keys, metrics, total)
    out = out.assign(
        in_transit=lambda x: x["shipments"] - x["delivered"],
        late_rate=lambda x: _ratio(x["late"], x["promised"]),
    )
    cols = [*keys, "shipments", "delivered", "in_transit", "median_days", "p90_days", "mean_days",
            "promised", "late", "late_rate", "in_shutdown"]
    return out[cols].reset_index(drop=True)


#: China's seven geographic regions (七大地理分区). Carrier trouble usually sits in a hub
#: that serves a region, so the slow-carrier scan pools provinces by region first.
REGIONS: dict[str, tuple[str, ...]] = {
    "华东": ("上海", "江苏", "浙江", "安徽", "福建", "江西", "山东",
             "Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong"),
    "华南": ("广东", "广西", "海南", "Guangdong", "Guangxi", "Hainan"),
    "华北": ("北京", "天津", "河北", "山西", "内蒙古", "Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia"),
    "华中": ("河南", "湖北", "湖南", "Henan", "Hubei", "Hunan"),
    "西南": ("四川", "重庆", "贵州", "云南", "西藏", "Sichuan", "Chongqing", "Guizhou", "Yunnan", "Tibet"),
    "西北": ("陕西", "甘肃", "青海", "宁夏", "新疆", "Shaanxi", "Gansu", "Qinghai", "Ningxia", "Xinjiang"),
    "东北": ("黑龙江", "吉林", "辽宁", "Heilongjiang", "Jilin", "Liaoning"),
}


_REGION_OF = {p: r for r, provinces in REGIONS.items() for p in provinces}


_SLOW_COLUMNS = ["carrier", "region", "province", "first_day", "last_day", "shipments",
                 "mean_excess_days", "carrier_days", "others_days", "z"]


def find_slow_carriers(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    min_excess_days: float = 1.0,
    min_shipments: int = 5,
    min_z: float = 6.0,
) -> pd.DataFrame:
    """Carriers that were slow to a group of provinces for part of the period (慢线路).

    Method:

    1. Each delivered shipment's *excess* = its delivery days − the mean delivery days of
       the *other* carriers to the same province from the same warehouse in the same week
       (falling back to the month), − the carrier's own usual excess in the month. A
       slowdown that hits every carrier cancels out; so does a carrier that is always a
       little slower.
    2. For every carrier × region (:data:`REGIONS`) and every run of ship days, the
       z-score of the summed excess is ``Σ excess / (σ √n)`` with σ the pooled spread of
       single shipments. The run with the largest z is the candidate spell; it is flagged
       when it holds at least ``min_shipments`` shipments, its mean excess is at least
       ``min_excess_days`` and its z is at least ``min_z`` (6 keeps the false alarms of a
       month's ~500 runs × 35 carrier-regions away; a planted 3-day slowdown of 8
       parcels scores about 10).
    3. The provinces named are those of the flagged region whose shipments in the spell
       were, on average, at least ``min_excess_days`` late; the dates are the first and
       last ship day of such a shipment.

    Shipments handed over during the Spring Festival shutdown, or in the
    :data:`SHUTDOWN_LEAD_DAYS` before it, are left out: that slowdown is the calendar's
    (see :func:`trend_delivery_times`), not a carrier's.

    Args:
        wb: the workbook.
        period: the month (shipments handed over in it).
        platforms: platforms to include; None = all.
        min_excess_days: the slowdown worth reporting, in days.
        min_shipments: fewest shipments in a flagged spell.
        min_z: the evidence required.
    Returns:
        One row per flagged carrier × province, slowest first: carrier, region, province,
        first_day, last_day, shipments, mean_excess_days, carrier_days (mean delivery days
        of those shipments), others_days (the other carriers on the same lanes and weeks),
        z (of the region's spell). Empty (same columns) when no carrier was slow.

    Example:
        slow = find_slow_carriers(wb, wb.period("2026-09"))
        summarise_slow_carrier(slow)["carrier"]
        'ZTO Express'
    """
    platforms = wb.platforms(platforms)
    s = _shipments(wb, period.start, period.end, platforms)
    s = s.filter(s.is_delivered)
    shutdown = shutdown_days(wb, period.start - timedelta(days=40), period.last_day + timedelta(days=40))
    if shutdown:
        first = min(shutdown) - timedelta(days=SHUTDOWN_LEAD_DAYS)
        s = s.filter(~((s.day >= first) & (s.day <= max(shutdown))))
    cells = wb.execute(
        s.group_by(["carrier", "province", "warehouse", "day"]).aggregate(
            n=s.count(), total=s.delivery_days.sum(), total_sq=(s.delivery_days * s.delivery_days).sum()
        )
    )
    return find_slow_spells(cells, min_excess_days, min_shipments, min_z)


def _leave_one_out(cells: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Mean delivery days of the other carriers in the cell's ``keys`` group (NaN if none)."""
    own = cells.groupby([*keys, "carrier"])[["n", "total"]].transform("sum")
    both = cells.groupby(keys)[["n", "total"]].transform("sum")
    others_n = both["n"] - own["n"]
    return (both["total"] - own["total"]) / others_n.where(others_n > 0)


def find_slow_spells(cells: pd.DataFrame, min_excess: float, min_n: int, min_z: float) -> pd.DataFrame:
    """Steps 1–3 of :func:`find_slow_carriers` on carrier × province × warehouse × day sums."""
    empty = pd.DataFrame(columns=_SLOW_COLUMNS)
    if cells.empty:
        return empty
    c = cells.assign(week=cells["day"].dt.to_period("W").dt.start_time)
    base = _leave_one_out(c, ["province", "warehouse", "week"])
    base = base.fillna(_leave_one_out(c, ["province", "warehouse"])).fillna(_leave_one_out(c, ["province"]))
    c = c.assign(base_sum=base * c["n"]).dropna(subset=["base_sum"])
    if c.empty:
        return empty
    excess = c["total"] - c["base_sum"]
    offset = excess.groupby(c["carrier"]).transform("sum") / c.groupby("carrier")["n"].transform("sum")
    c = c.assign(excess_sum=excess - offset * c["n"], region=c["province"].map(_REGION_OF).fillna(c["province"]))
    # σ: spread of single shipments around their cell's mean, pooled over cells.
    dof = float((c["n"] - 1).clip(lower=0).sum())
    var = float((c["total_sq"] - c["total"] ** 2 / c["n"]).clip(lower=0).sum() / dof) if dof else 1.0
    sigma = float(np.sqrt(max(var, 0.05)))
    days = np.sort(c["day"].unique())
    rows = []
    for (carrier, region), g in c.groupby(["carrier", "region"]):
        pos = np.searchsorted(days, g["day"].to_numpy())
        s_day = np.bincount(pos, weights=g["excess_sum"].to_numpy(), minlength=len(days))
        n_day = np.bincount(pos, weights=g["n"].to_numpy(), minlength=len(days))
        cs, cn = np.r_[0.0, s_day.cumsum()], np.r_[0.0, n_day.cumsum()]
        a, b = np.triu_indices(len(days))  # every run of days a..b
        s_run, n_run = cs[b + 1] - cs[a], cn[b + 1] - cn[a]
        ok = (n_run >= min_n) & (s_run >= min_excess * n_run)
        if not ok.any():
            continue
        z = np.where(ok, s_run / (sigma * np.sqrt(np.where(n_run > 0, n_run, 1.0))), -np.inf)
        k = int(np.argmax(z))
        if z[k] < min_z:
            continue
        spell = g[(g["day"] >= days[a[k]]) & (g["day"] <= days[b[k]])]
        late = spell[spell["excess_sum"] >= min_excess * spell["n"]]
        for province, p in spell.groupby("province"):
            n = float(p["n"].sum())
            if p["excess_sum"].sum() < min_excess * n:
                continue
            lp = late[late["province"] == province]
            rows.append({
                "carrier": carrier, "region": region, "province": province,
                "first_day": lp["day"].min(), "last_day": lp["day"].max(),
                "shipments": int(n), "mean_excess_days": float(p["excess_sum"].sum() / n),
                "carrier_days": float(p["total"].sum() / n), "others_days": float(p["base_sum"].sum() / n),
                "z": float(z[k]),
            })
    if not rows:
        return empty
    out = pd.DataFrame(rows, columns=_SLOW_COLUMNS)
    return out.sort_values(["z", "mean_excess_days"], ascending=False).reset_index(drop=True)


def summarise_slow_carrier(slow: pd.DataFrame) -> dict | None:
    """The strongest finding of :func:`find_slow_carriers`: carrier, provinces and dates.

    Returns:
        ``{"carrier", "region", "provinces" (sorted), "first_day", "last_day",
        "shipments", "mean_excess_days", "carrier_days", "others_days"}`` for the carrier ×
        region with the highest z, or None when nothing was flagged.

    Example:
        >>> s = pd.DataFrame({"carrier": ["X", "X"], "region": ["西南", "西南"], "province": ["B", "A"],
        ...     "first_day": pd.to_datetime(["2026-03-05", "2026-03-04"]),
        ...     "last_day": pd.to_datetime(["2026-03-15", "2026-03-16"]), "shipments": [3, 1],
        ...     "mean_excess_days": [2.0, 4.0], "carrier_days": [5.0, 7.0], "others_days": [3.0, 3.0],
        ...     "z": [9.0, 9.0]})
        >>> r = summarise_slow_carrier(s)
        >>> r["provinces"], r["mean_excess_days"], str(r["first_day"])
        (['A', 'B'], 2.5, '2026-03-04')
    """
    if slow is None or slow.empty:
        return None
    top = slow.iloc[0]
    rows = slow[(slow["carrier"] == top["carrier"]) & (slow["region"] == top["region"])]
    n = int(rows["shipments"].sum())

    def weighted(col: str) -> float:
        return float((rows[col] * rows["shipments"]).sum() / n)

    return {
        "carrier": top["carrier"],
        "region": top["region"],
        "provinces": sorted(rows["province"].tolist()),
        "first_day": pd.Timestamp(rows["first_day"].min()).date(),
        "last_day": pd.Timestamp(rows["last_day"].max()).date(),
        "shipments": n,
        "mean_excess_days": weighted("mean_excess_days"),
        "carrier_days": weighted("carrier_days"),
        "others_days": weighted("others_days"),
    }
