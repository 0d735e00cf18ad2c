"""Fulfilment and logistics: were orders shipped and delivered on time, and at what cost?

Definitions used throughout (one place):

- **Dispatch population** (应发货订单): orders *paid* in the period on the chosen platforms,
  except cancelled orders and orders refunded without ever shipping (退款未发货).
- **Time to ship** (发货时长) = first ``shipped_at`` of the order − ``paid_at``, in hours. An
  order shipped in parts counts as shipped when its first parcel leaves, as the platforms
  count it.
- **Ship rate within N h** (N小时发货率, 发货时效) = orders shipped within N hours of payment /
  orders *due*, where an order is due when its N-hour window ended before the data
  horizon (an order paid an hour before the export cannot yet be late) and it was not paid
  during the Spring Festival logistics shutdown (the platforms suspend the rule then).
  China's calendar, shutdown included, applies only to a store that sells in China
  (:func:`storebook.engine.calendar.used_for`): elsewhere every order is due and every
  shipment carries a promise, and the store's own country's public holidays
  (:func:`storebook.engine.calendar.own_country`), days its warehouse and carriers do not work,
  do not count in the hours it has to ship nor in the days a parcel has to arrive
  (:func:`storebook.measures.deliveries.holidays_off`): an order paid the evening before a
  holiday and shipped the morning after it shipped within 24 hours.
- **Delivery time** (配送时长) = ``delivered_at`` − ``shipped_at`` of a shipment, in days,
  for shipments handed to the carrier in the period.
- **Late delivery** (超时配送): delivered later than the promise for its destination
  province, or still in transit past it at the data horizon. The promise is the store's
  setting ``[fulfilment] delivery_promise_days`` in storebook.toml, else
  :data:`DELIVERY_PROMISE_DAYS` (:func:`delivery_promise`). Shipments handed over during
  the Spring Festival shutdown carry no promise.
- **Logistics cost** (物流成本) = Σ ``shipping_cost_amount`` of the shipments handed over in
  the period (a period cost, as the carrier bills it). Per order and per unit, an order
  shipped in n parcels counts 1/n in each parcel's group.

The data horizon is the latest timestamp the workbook holds (an order placed, a parcel
shipped or delivered): nothing after it can be known.

Example:
    wb = storebook.open()
    p = wb.period("2026-10")
    summarise_ship_times(wb, p, by="platform")[["platform", "within_24h_rate"]]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import Any

import ibis
import pandas as pd

from storebook.engine import calendar
from storebook.engine.periods import Period, month_of
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL
from storebook.measures.compare import compare_months
from storebook.measures.deliveries import (
    DELIVERY_PROMISE_DAYS,
    REGIONS,
    SHUTDOWN_LEAD_DAYS,
    data_horizon,  # noqa: F401 (storebook.fulfilment.data_horizon)
    delivery_promise,  # noqa: F401 (storebook.fulfilment.delivery_promise)
    find_slow_carriers,  # noqa: F401 (storebook.fulfilment.<name>)
    holidays_off,
    judged_by_house_promise,
    minus_days_off,
    summarise_delivery_times,  # noqa: F401 (storebook.fulfilment.summarise_delivery_times)
    summarise_slow_carrier,  # noqa: F401 (storebook.fulfilment.summarise_slow_carrier)
)
from storebook.measures.deliveries import find_slow_spells as _slow_spells  # noqa: F401 (tests/test_fulfilment.py)
from storebook.measures.deliveries import in_days as _in_days
from storebook.measures.deliveries import shutdown_days as _shutdown_days
from storebook.measures.metrics import headline_entries, headline_numbers
from storebook.measures.orders import paid_orders
from storebook.measures.platform_rows import lone_platform
from storebook.measures.shipments import DAY_SECONDS as _DAY_SECONDS
from storebook.measures.shipments import (  # noqa: F401 (storebook.fulfilment.<name>)
    LOGISTICS_RETURN_REASONS,
    LOGISTICS_TICKET_CATEGORY,
    compute_logistics_costs,  # noqa: F401 (storebook.fulfilment.compute_logistics_costs)
    count_logistics_issues,
)
from storebook.measures.shipments import aggregate_groups as _aggregate
from storebook.measures.shipments import first_shipments as _first_shipments
from storebook.measures.shipments import group_keys as _keys
from storebook.measures.shipments import require_rows as _require
from storebook.measures.shipments import unshipped_orders_from as _unshipped_from
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

__all__ = [
    "DELIVERY_PROMISE_DAYS",
    "LOGISTICS_RETURN_REASONS",
    "REGIONS",
    "SHIP_WINDOWS_HOURS",
    "data_horizon",
    "delivery_promise",
    "summarise_delivery_times",
    "trend_delivery_times",
    "find_slow_carriers",
    "compute_logistics_costs",
    "summarise_shipping_charged",
    "count_logistics_issues",
    "summarise_ship_times",
    "measure_shutdown_effect",
    "summarise_slow_carrier",
    "count_unshipped_orders",
]

#: The platforms' dispatch windows (24/48 小时发货), in hours from payment.
SHIP_WINDOWS_HOURS: tuple[int, int] = (24, 48)
#: Days after a month's last payment whose public holidays can still fall in a dispatch window
#: (48 hours, and the holidays that lengthen it, with room to spare).
_WINDOW_DAYS = 14



#: Statuses of an order that is never in the month-end backlog without a parcel
#: (:func:`count_unshipped_orders`): cancelled, or refunded without shipping (退款未发货).
_NEVER_IN_BACKLOG = ("cancelled", "refunded")

#: The warehouse of an order not shipped yet (no parcel has left).
UNASSIGNED = "unassigned"

_HOUR_SECONDS = 3_600.0


# ----------------------------------------------------------------------------- helpers

def _platforms(wb: Workbook, platforms) -> list[str]:
    return wb.platforms(platforms)


def _dispatch(wb: Workbook, period: Period, platforms: list[str]) -> ibis.Table:
    """The dispatch population of the period with each order's time to ship."""
    # The period's paid orders (storebook.measures.orders) less the cancelled ones: a
    # cancelled order is never shipped, so it cannot be shipped late.
    shippable = paid_orders(wb, period, platforms)
    shippable = shippable.filter(shippable.status != "cancelled")
    o = shippable.select("order_id", "platform", "paid_at", "status", "paid_amount")
    # With their ordered_at, the parcels are read from the months that can hold them.
    f = _first_shipments(wb, shippable.select("order_id", "ordered_at"))
    j = o.left_join(f, "order_id").drop("order_id_right")
    j = j.filter(~((j.status == "refunded") & j.first_shipped_at.isnull()))
    return j.mutate(
        warehouse=j.warehouse.fill_null(UNASSIGNED),
        day=j.paid_at.date(),
        month=j.paid_at.strftime("%Y-%m"),
        hours_to_ship=(j.first_shipped_at.epoch_seconds() - j.paid_at.epoch_seconds()) / _HOUR_SECONDS,
        is_shipped=j.first_shipped_at.notnull(),
    )


# ----------------------------------------------------------------------------- dispatch

def summarise_ship_times(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str | Sequence[str] | None = "platform",
) -> pd.DataFrame:
    """Time from payment to shipment and the 24 h / 48 h ship rates (发货时效).

    Formula: ``within_24h_rate = orders shipped ≤ 24 h after payment / orders due at 24 h``
    (24小时发货率), likewise 48 h; ``median_hours`` and ``p90_hours`` of time to ship over
    shipped orders. An order is due when its window closed before the data horizon and it
    was not paid during the Spring Festival shutdown; a store outside China's own public
    holidays do not count in its window (see the module docstring).

    Args:
        wb: the workbook.
        period: the month (orders *paid* in it).
        platforms: platforms to include; None = all.
        by: ``platform``, ``warehouse`` (of the first parcel; ``unassigned`` while none
            has left), ``day`` or ``month``
            (``YYYY-MM``) of payment, a list of them, or None for one total row.
    Returns:
        One row per group (then ``total`` when grouped by one column other than the
        day): orders, shipped, unshipped, median_hours, p90_hours,
        due_24h, within_24h, within_24h_rate, due_48h, within_48h, within_48h_rate.
    Raises:
        NoDataError: no paid orders in the period, or no shipments table.

    Example:
        summarise_ship_times(wb, wb.period("2026-10"), by=None).within_24h_rate.item()
        0.93
    """
    platforms = _platforms(wb, platforms)
    keys = _keys(by, ["platform", "warehouse", "day", "month"])
    # A month's rows by platform are its rows by month and platform without the month (every
    # order paid in it is of that month): asked so, they are the answer the headline
    # (fulfilment_headline) already got from the engine for that month, kept by the workbook.
    asked = ["month", "platform"] if keys == ["platform"] and period == month_of(period.start) else keys
    d = _dispatch(wb, period, platforms)
    horizon = data_horizon(wb)
    shutdown = _shutdown_days(wb, period.start, period.last_day)
    d = d.mutate(in_shutdown=_in_days(d.paid_at, shutdown))
    # A store outside China: its own public holidays do not count in the hours it has to ship.
    days_off = holidays_off(wb, period.start, period.last_day + timedelta(days=_WINDOW_DAYS))

    def metrics(d: ibis.Table) -> dict[str, ibis.Value]:
        out = {
            "orders": d.count(),
            "shipped": d.is_shipped.sum(),
            "median_hours": d.hours_to_ship.median(),
            "p90_hours": d.hours_to_ship.quantile(0.9),
        }
        for h in SHIP_WINDOWS_HOURS:
            # Naive timestamps: pandas and the engine both read them as UTC epoch seconds.
            if days_off:
                due = (minus_days_off(d.paid_at, horizon.timestamp(), days_off) >= h * _HOUR_SECONDS) & ~d.in_shutdown
                ok = due & d.is_shipped & (minus_days_off(d.paid_at, d.first_shipped_at, days_off) <= h * _HOUR_SECONDS)
            else:
                due = (d.paid_at.epoch_seconds() + h * _HOUR_SECONDS <= horizon.timestamp()) & ~d.in_shutdown
                ok = due & d.is_shipped & (d.hours_to_ship <= h)
            out[f"due_{h}h"] = due.cast("int64").sum()
            out[f"within_{h}h"] = ok.cast("int64").sum()
        return out

    out = _aggregate(wb, d, asked, metrics)
    _require(out, "orders", "paid orders to ship", period, platforms, "choose another month or platform")
    out = out.assign(unshipped=lambda x: x["orders"] - x["shipped"])
    for h in SHIP_WINDOWS_HOURS:
        out[f"within_{h}h_rate"] = _ratio(out[f"within_{h}h"], out[f"due_{h}h"])
    cols = [*keys, "orders", "shipped", "unshipped", "median_hours", "p90_hours"]
    for h in SHIP_WINDOWS_HOURS:
        cols += [f"due_{h}h", f"within_{h}h", f"within_{h}h_rate"]
    return out[cols].reset_index(drop=True)


def count_unshipped_orders(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str | Sequence[str] | None = "platform",
) -> pd.DataFrame:
    """Orders paid by the end of the period and not shipped by then (月末未发货).

    Formula: orders with ``paid_at < period end``, not cancelled, not refunded without
    shipping, whose first parcel left at or after the period end (or never). Age =
    period end − ``paid_at``.

    Args:
        wb: the workbook.
        period: the month; the backlog is taken at its end.
        platforms: platforms to include; None = all.
        by: ``platform``, a list, or None for one total row.
    Returns:
        One row per platform (each requested one, then ``total``): unshipped,
        unshipped_amount (paid amount), over_48h (paid more
        than 48 h before the period end), median_age_hours, oldest_paid_at.

    Example:
        count_unshipped_orders(wb, wb.period("2026-10"), by=None).unshipped.item()
        12
    """
    platforms = _platforms(wb, platforms)
    keys = _keys(by, ["platform"])
    o = wb.table("orders")
    s = wb.table("shipments")
    # Where ingest's record bounds them (storebook.measures.shipments.unshipped_orders_from),
    # only the orders that can still wait at the month end are read, and the parcels that can
    # be theirs: those placed late enough for a parcel to leave after the end, and any never
    # shipped (a cancelled order never counts, a refunded one only with a parcel). The same
    # rows as the whole history, which is read where the bound is not known.
    bound = _unshipped_from(wb, period.end_ts, _NEVER_IN_BACKLOG)
    if bound is not None:
        since, least = bound
        o = o.filter(o.ordered_at >= since)
        s = s.filter(s.shipped_at >= since + least)
    o = o.filter(
        o.paid_at.notnull(), o.paid_at < period.end_ts, o.platform.isin(platforms), o.status != "cancelled"
    ).select("order_id", "platform", "paid_at", "status", "paid_amount")
    # Anti and semi joins: an order is in the backlog when no parcel of it left before the
    # end; only the (few) refunded ones among those need to know whether one ever left.
    j = o.anti_join(s.filter(s.shipped_at < period.end_ts), "order_id")
    refunded = j.filter(j.status == "refunded")
    j = j.filter(j.status != "refunded").union(refunded.semi_join(s, "order_id"))
    j = j.mutate(age_hours=(period.end_ts.timestamp() - j.paid_at.epoch_seconds()) / _HOUR_SECONDS)

    def metrics(j: ibis.Table) -> dict[str, ibis.Value]:
        return {
            "unshipped": j.count(),
            "unshipped_amount": j.paid_amount.sum(),
            "over_48h": (j.age_hours > 48).cast("int64").sum(),
            "median_age_hours": j.age_hours.median(),
            "oldest_paid_at": j.paid_at.min(),
        }

    out = _aggregate(wb, j, keys, metrics)
    if keys:  # every requested platform appears, with zero when nothing is waiting
        out = pd.DataFrame({"platform": [*platforms, TOTAL]}).merge(out, on="platform", how="left")
    out[["unshipped", "over_48h"]] = out[["unshipped", "over_48h"]].fillna(0).astype("int64")
    # Nothing waiting is 0; orders waiting whose paid amount is unknown (optional) leave it unknown.
    out["unshipped_amount"] = out["unshipped_amount"].mask(out["unshipped"] == 0, out["unshipped_amount"].fillna(0.0))
    return out.reset_index(drop=True)


def summarise_shipping_charged(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    by: str | Sequence[str] | None = "platform",
) -> pd.DataFrame:
    """What buyers paid for shipping on the orders of the parcels handed over in the period
    (买家支付运费): the same orders, at the same shares, as the logistics cost and the parcels
    per order beside it (:func:`compute_logistics_costs`, whose columns these are).

    The other side of the logistics cost, from the orders' ``shipping_amount`` (optional in the
    contract): known where the carriers' bill is not (Olist's freight), it says what delivery
    brought in. It was taken on the orders *paid* in the period while the parcels were those
    handed over in it: two groups set side by side in one sentence.

    Formula: an order shipped in n parcels counts 1/n order for each parcel handed over in the
    period; over those whose shipping charge is known: ``shipping_charged = Σ shipping_amount ×
    share``, ``shipping_per_order = shipping_charged / orders_known`` (单均运费收入) and
    ``free_shipping_rate`` = orders charged 0 / orders_known (包邮订单占比).

    Args:
        wb: the workbook.
        period: the month (parcels handed over in it).
        platforms: platforms to include; None = all.
        by: ``platform``, or None for one total row.
    Returns:
        One row per group (then ``total``): orders (the parcels' orders, at their shares),
        orders_known (their charge known), shipping_charged, shipping_per_order,
        free_shipping_rate; the last three missing where no order's charge is known, never 0.
    Raises:
        NoDataError: no shipments in the period.

    Example:
        summarise_shipping_charged(wb, wb.period("2026-10"), by=None).shipping_per_order.item()
        0.28
    """
    keys = _keys(by, ["platform"])
    costs = compute_logistics_costs(wb, period, platforms, by=by)
    return costs[[*keys, "orders", "orders_known", "shipping_charged", "shipping_per_order",
                  "free_shipping_rate"]].reset_index(drop=True)


# ----------------------------------------------------------------------------- delivery


def trend_delivery_times(
    wb: Workbook,
    period: Period,
    platforms: list[str] | None = None,
    months: int = 13,
) -> pd.DataFrame:
    """Days from payment to delivery, by payment day, over the ``months`` months to ``period``.

    The Spring Festival logistics shutdown (春节停运) slows every order at once: orders
    paid during it wait for the couriers to return, and parcels already on the road when
    it starts stop where they are. This frame follows the whole wait of the dispatch
    population (see the module docstring) by payment day and marks the shutdown and the
    :data:`SHUTDOWN_LEAD_DAYS` before it (``in_shutdown_window``), so a chart shows the
    slowdown for what it is — the calendar — and :func:`measure_shutdown_effect` sizes it.

    Formula, per order: ``ship_days = (first shipped_at − paid_at) / 24 h``,
    ``total_days = (last delivered_at − paid_at) / 24 h`` (orders not yet fully delivered
    are left out of total_days); per day the means over the day's orders.

    Args:
        wb: the workbook.
        period: the last month of the window.
        platforms: platforms to include; None = all.
        months: length of the window in months (13 = a year and the comparison month).
    Returns:
        One row per payment day: day, orders, delivered, ship_days, total_days,
        p90_total_days, in_shutdown_window, event (calendar kind, "" if none: outside China
        ``public_holiday`` on the store's own country's holidays); ``attrs["calendar"]``
        (:func:`storebook.engine.calendar.used_for`: None for a store outside China, whose
        window has no shutdown) and ``attrs["country"]`` (its own country, None if none).

    Example:
        t = trend_delivery_times(wb, wb.period("2026-10"))
        t.loc[t.in_shutdown_window, "total_days"].mean()
    """
    platforms = _platforms(wb, platforms)
    window = period.trailing(months)
    # A day's 90th percentile holds all its orders' times in memory (DuckDB's quantile does not
    # spill): at 50M order lines the window's 13 months in one question ran out of a pack
    # kernel's memory cap. So the window is asked in runs of months of at most
    # ORDERS_PER_QUESTION paid orders; a day is in one month, so the rows are the same.
    paid = paid_orders(wb, window, platforms)
    questions = max(1, min(months, -(-int(wb.scalar(paid.count())) // ORDERS_PER_QUESTION)))
    step = -(-months // questions)
    firsts = [period.shift_months(-k) for k in range(months - 1, -1, -step)]
    parts = [_daily_delivery(wb, Period(first.start, min(first.shift_months(step - 1).end, period.end), first.label),
                             platforms) for first in firsts]
    parts = [part for part in parts if not part.empty]
    daily = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if daily.empty:
        raise NoDataError(f"no paid orders in {window.label} on {', '.join(platforms)}: choose another month or platform",
                          key="no_data.paid_orders", values={"month": window.label, "platforms": platforms})
    china = calendar.used_for(wb)
    country = calendar.own_country(wb)  # outside China: its own public holidays are its events
    cal = calendar.day_kinds(window.start, window.last_day, china=china is not None, country=country)[
        ["date", "is_logistics_shutdown", "event"]]
    shut = cal.loc[cal["is_logistics_shutdown"], "date"]
    lead = pd.Series(False, index=cal.index)
    for first in shut[~shut.diff().eq(pd.Timedelta(days=1))]:  # the first day of each shutdown
        lead |= (cal["date"] >= first - pd.Timedelta(days=SHUTDOWN_LEAD_DAYS)) & (cal["date"] < first)
    cal = cal.assign(day=cal["date"].astype("datetime64[us]"), in_shutdown_window=cal["is_logistics_shutdown"] | lead)
    out = daily.merge(cal[["day", "in_shutdown_window", "event"]], on="day", how="left")
    out["in_shutdown_window"] = out["in_shutdown_window"].fillna(False).astype(bool)
    out["event"] = out["event"].fillna("").astype("str")
    out = out[["day", "orders", "delivered", "ship_days", "total_days", "p90_total_days",
               "in_shutdown_window", "event"]]
    out.attrs["calendar"] = china  # None: a store outside China has no shutdown (shutdown_facts)
    out.attrs["country"] = country  # its public holidays, not counted in the time to ship or deliver
    out.attrs["country_set"] = calendar.country_set(wb)  # why no shutdown, where a setting says so
    return out


#: Paid orders one question of :func:`trend_delivery_times` holds at most (a few tens of MB
#: of DuckDB's memory; a pack kernel's cap is ~490 MB with --jobs 2).
ORDERS_PER_QUESTION = 2_000_000


def _daily_delivery(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    """Per payment day of ``period``: orders, delivered, mean ship_days and total_days, and
    p90_total_days (as :func:`trend_delivery_times` defines them)."""
    d = _dispatch(wb, period, platforms)  # with each order's last delivery (_first_shipments)
    d = d.mutate(
        ship_days=d.hours_to_ship / 24.0,
        total_days=ibis.ifelse(
            d.is_shipped & (d.undelivered == 0),
            (d.last_delivered_at.epoch_seconds() - d.paid_at.epoch_seconds()) / _DAY_SECONDS,
            ibis.null("float64"),
        ),
    )
    return wb.execute(d.group_by("day").aggregate(
        orders=d.count(), delivered=d.total_days.notnull().cast("int64").sum(), ship_days=d.ship_days.mean(),
        total_days=d.total_days.mean(), p90_total_days=d.total_days.quantile(0.9),
    ).order_by("day"))


def measure_shutdown_effect(trend: pd.DataFrame) -> dict:
    """Size the Spring Festival slowdown in a :func:`trend_delivery_times` frame (pure pandas).

    Formula: order-weighted mean days from payment to delivery of the payment days in the
    shutdown window versus the other days; ``extra_days`` = inside − outside; likewise
    for the days to ship.

    Returns:
        ``{"days": payment days in the window, "first": date|None, "last": date|None,
        "inside_days", "outside_days", "extra_days", "inside_ship_days",
        "outside_ship_days", "orders_inside"}`` (NaN where undefined).

    Example:
        >>> t = pd.DataFrame({"day": pd.to_datetime(["2026-02-10", "2026-03-01"]),
        ...     "orders": [10, 30], "delivered": [10, 30], "total_days": [9.0, 3.0],
        ...     "ship_days": [7.0, 1.0], "in_shutdown_window": [True, False]})
        >>> measure_shutdown_effect(t)["extra_days"]
        6.0
    """
    inside = trend[trend["in_shutdown_window"]]
    outside = trend[~trend["in_shutdown_window"]]

    def weighted(frame: pd.DataFrame, value: str, weight: str) -> float:
        rows = frame[frame[value].notna()]
        n = rows[weight].sum()
        return float((rows[value] * rows[weight]).sum() / n) if n else float("nan")

    inside_days, outside_days = weighted(inside, "total_days", "delivered"), weighted(outside, "total_days", "delivered")
    return {
        "days": int(len(inside)),
        "first": inside["day"].min().date() if len(inside) else None,
        "last": inside["day"].max().date() if len(inside) else None,
        "inside_days": inside_days,
        "outside_days": outside_days,
        "extra_days": inside_days - outside_days,
        "inside_ship_days": weighted(inside, "ship_days", "orders"),
        "outside_ship_days": weighted(outside, "ship_days", "orders"),
        "orders_inside": int(inside["orders"].sum()),
    }


# ----------------------------------------------------------------------------- cost and issues

# ----------------------------------------------------------------------------- the report's numbers

#: The headline of the fulfilment report, in the order the index shows it.
HEADLINE_METRICS: tuple[str, ...] = ("within_24h_rate", "median_delivery_days", "late_rate", "cost_per_order",
                                     "complaints_per_1000")
#: The headline's cost card where the carriers' bill is not known (no ``shipping_cost_amount``):
#: the first of these the data hold about the same parcels' orders, said for what it is — what the
#: buyers paid for shipping, else the parcels per order the carriers bill by — never a cost. One
#: card, not both: Olist's mapping makes one parcel per order, a "1.00" that says nothing of cost.
COST_STAND_INS: tuple[str, ...] = ("shipping_per_order", "parcels_per_order")
#: Fewest orders (or shipments) a group needs before the report calls it best or worst.
MIN_GROUP = 20


def summarise_fulfilment(wb: Workbook, period: Period, platforms: list[str] | None = None,
                         promise_days: float | Mapping[str, float] | None = None) -> pd.DataFrame:
    """The fulfilment headline metrics per month and platform (and in total), from the
    functions above grouped by month: one pass over a period of any length.

    Returns:
        One row per month × platform (then ``total``): month (``YYYY-MM``), platform,
        :data:`HEADLINE_METRICS` (24 h ship rate, median delivery days, late
        rate, logistics cost per order, logistics complaints per 1,000 orders) and
        :data:`COST_STAND_INS` (what buyers paid for shipping per order, parcels per order).
    Raises:
        NoDataError: no paid orders or no shipments in the period.

    Example:
        summarise_fulfilment(wb, wb.period("2026-10").trailing(13))
    """
    return _join_headline_parts(wb, [part(wb, period, platforms, promise_days, False) for part in _HEADLINE_PARTS])


_MONTHLY = ["month", "platform"]
#: The functions behind the headline, grouped by month and platform, in the order joined.
#: With ``whole`` False, without the numbers the headline does not show and that cost a read
#: of their own (the units of the costs: the order lines; the refunds of the issues: the
#: returns); True for the report's month, whose sections (cost, issues) show them and get
#: them from the same question (storebook.measures.shipments.grain_groups).
_HEADLINE_PARTS: tuple[Callable[..., pd.DataFrame], ...] = (
    lambda wb, period, platforms, promise_days, whole: summarise_ship_times(wb, period, platforms, by=_MONTHLY),
    lambda wb, period, platforms, promise_days, whole: summarise_delivery_times(
        wb, period, platforms, by=_MONTHLY, promise_days=promise_days),
    lambda wb, period, platforms, promise_days, whole: compute_logistics_costs(
        wb, period, platforms, by=_MONTHLY, units=whole),
    lambda wb, period, platforms, promise_days, whole: count_logistics_issues(
        wb, period, platforms, by=_MONTHLY, refunds=whole),
)


def _join_headline_parts(wb: Workbook, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames of :data:`_HEADLINE_PARTS` joined into :func:`summarise_fulfilment`'s frame."""
    by = _MONTHLY
    ship, delivery, cost, issues = parts
    out = (ship[[*by, "within_24h_rate"]]
           .merge(delivery[[*by, "median_days", "late_rate"]], on=by, how="outer")
           .merge(cost[[*by, "cost_per_order", *COST_STAND_INS]], on=by, how="outer")
           .merge(issues[[*by, "complaints_per_1000"]], on=by, how="outer")
           .rename(columns={"median_days": "median_delivery_days"}))
    rank = {p: i for i, p in enumerate([*wb.config.platforms, TOTAL])}
    out = out.sort_values(by, key=lambda c: c.map(rank) if c.name == "platform" else c, ignore_index=True)
    return out[[*by, *HEADLINE_METRICS, *COST_STAND_INS]]


def _comparison_months(wb: Workbook, period: Period, platforms: list[str] | None,
                       promise_days: float | Mapping[str, float] | None) -> pd.DataFrame:
    """:func:`summarise_fulfilment` for the month, the prior month and last year's month.

    Every month's rows depend only on that month's orders and parcels, so the three months
    give the same rows as the 13 months around them, for under a quarter of the work; one
    month at a time, as the report's other sections ask, each question holds one month's
    orders and parcels (two at once outgrew a pack kernel's DuckDB memory at 50M order lines).
    A function that finds nothing in any of them may or may not have found something
    elsewhere in the 13 months (where it would not raise): then the 13 months are summarised
    as before, so the errors stay the same.

    Returns:
        :func:`summarise_fulfilment`'s frame, holding at least those three months' rows.
    Raises:
        NoDataError: as :func:`summarise_fulfilment` over the 13 months to ``period``.
    """
    windows = [period.prior(), period, period.last_year()]
    parts = []
    for part in _HEADLINE_PARTS:
        frames = []
        for window in windows:
            try:
                frames.append(part(wb, window, platforms, promise_days, window == period))
            except NoDataError:  # nothing in this window: its months have no such rows
                continue
        if not frames:
            return summarise_fulfilment(wb, period.trailing(13), platforms, promise_days)
        parts.append(pd.concat(frames, ignore_index=True))
    return _join_headline_parts(wb, parts)


def fulfilment_headline(wb: Workbook, period: Period, platforms: list[str] | None = None,
                        promise_days: float | Mapping[str, float] | None = None) -> pd.DataFrame:
    """The headline metrics with their change on the prior month and on last year.

    Returns:
        One row per platform (and ``total``) × metric: platform, metric, value, prior,
        last_year, vs_prior, vs_last_year (relative changes, as
        :func:`storebook.measures.ratios.relative_change`; missing where the comparison month has
        no data).
    Raises:
        NoDataError: when the month itself has no orders or shipments.

    Example:
        fulfilment_headline(wb, wb.period("2026-10")).query("platform == 'total'")
    """
    months = _comparison_months(wb, period, platforms, promise_days)
    if not (months["month"] == period.label).any():
        raise NoDataError(f"no orders or shipments in {period.label}: choose another month or platform",
                          key="no_data.orders_or_shipments", values={"month": period.label})

    def of(p: Period) -> pd.DataFrame:
        return months[months["month"] == p.label]

    return compare_months(of(period), of(period.prior()), of(period.last_year()), [*HEADLINE_METRICS, *COST_STAND_INS])


#: The headline in groups of metrics narrow enough to read side by side on a laptop screen:
#: speed and reliability, then cost and complaints.
HEADLINE_GROUPS: tuple[tuple[str, ...], ...] = (("within_24h_rate", "median_delivery_days", "late_rate"),
                                                ("cost_per_order", *COST_STAND_INS, "complaints_per_1000"))


def headline_metrics(headline: pd.DataFrame) -> list[str]:
    """The metrics the headline shows, in order: :data:`HEADLINE_METRICS`, where the logistics
    cost is not known (no carrier bill: no all-platform ``cost_per_order``) with the first of
    :data:`COST_STAND_INS` known in its place — what the data say about the cost, not a cost.

    Example:
        >>> h = pd.DataFrame({"platform": "total", "metric": ["cost_per_order", "shipping_per_order",
        ...                   "parcels_per_order"], "value": [float("nan"), float("nan"), 1.2]})
        >>> headline_metrics(h)[3]
        'parcels_per_order'
    """
    total = headline[headline["platform"] == TOTAL].set_index("metric")["value"]
    if pd.notna(total.get("cost_per_order")):
        return list(HEADLINE_METRICS)
    at = HEADLINE_METRICS.index("cost_per_order")
    stand_in = [m for m in COST_STAND_INS if pd.notna(total.get(m))][:1]
    return [*HEADLINE_METRICS[:at], *stand_in, *HEADLINE_METRICS[at + 1:]]


def split_headline(headline: pd.DataFrame) -> list[pd.DataFrame]:
    """:func:`fulfilment_headline` as one frame per group of :data:`HEADLINE_GROUPS` (rows in
    the headline's order), each shown as its own row of cards.

    A metric known on no platform is left out, as the cards leave out an unknown comparison and
    the traffic page a row of cards with no value (:func:`storebook.report.tables.metric_cards`,
    :func:`storebook.areas.traffic.split_headline`): a month none of whose parcels has arrived
    showed a median delivery time of "–" beside the sentence saying none has been delivered yet
    (:func:`headline_facts`); a store without a carrier bill, a cost of "–" beside "what it cost
    is not in this store's data": it shows what the data hold instead (:func:`headline_metrics`).
    A group left with no metric is not shown."""
    known = headline.loc[headline["value"].notna(), "metric"]
    shown = headline_metrics(headline)
    parts = [headline[headline["metric"].isin(group) & headline["metric"].isin(known)
                      & headline["metric"].isin(shown)].reset_index(drop=True)
             for group in HEADLINE_GROUPS]
    return [part for part in parts if len(part)]


def cost_stand_in(headline: pd.DataFrame) -> dict[str, Any]:
    """The cost card shown in place of an unknown logistics cost (:func:`headline_metrics`), for
    the headline's sentence that says what it is and is not (:func:`headline_facts`): ``metric`` (None where the cost is known, or
    nothing stands in for it), its all-platform ``value``, and ``variant`` ``parcels`` where it
    is the parcels per order (the buyers' shipping unknown too)."""
    total = headline[headline["platform"] == TOTAL].set_index("metric")["value"]
    shown = [m for m in headline_metrics(headline) if m in COST_STAND_INS]
    metric = shown[0] if shown else None
    return {"metric": metric, "value": float(total[metric]) if metric else float("nan"),
            "variant": "parcels" if metric == "parcels_per_order" else None}


def headline_facts(headline: pd.DataFrame) -> dict[str, Any]:
    """The numbers of the headline takeaway (all platforms), from :func:`fulfilment_headline`;
    ``variant`` ``no_cost`` where the logistics cost is not known (no carrier bill: Olist's
    shipments), ``no_issues`` where the complaints are not (no tickets naming their order, or
    tickets without a topic), ``no_cost_issues`` where neither is: the sentence leaves out what
    is unknown rather than say "cost n/a per order". Where the cost is unknown, ``cost_instead``
    (``{cost_instead:key}``) says what the cost card shows in its place (:func:`cost_stand_in`:
    the shipping buyers paid, else the parcels per order), where it comes from, and the export
    that gives the real cost. A month none of whose parcels has arrived
    yet has no median delivery time: its variants start ``undelivered`` (``undelivered_no_cost``
    …) and say so rather than "a median of n/a days"."""
    facts = headline_numbers(headline[headline["platform"] == TOTAL], HEADLINE_METRICS)
    unknown = [name for name, metric in (("cost", "cost_per_order"), ("issues", "complaints_per_1000"))
               if pd.isna(facts[metric])]
    if "cost" in unknown:  # what the cost card shows instead, where it comes from, and the export that gives the cost
        stand_in = cost_stand_in(headline)
        suffix = {"shipping_per_order": "", "parcels_per_order": ".parcels"}.get(stand_in["metric"], ".none")
        facts["cost_instead"] = (f"fulfilment.headline.stand_in{suffix}", {"value": stand_in["value"]})
    parts = (["undelivered"] if pd.isna(facts["median_delivery_days"]) else []) + (
        ["no_" + "_".join(unknown)] if unknown else [])
    if parts:
        facts["variant"] = "_".join(parts)
    return facts


def headline_record(headline: pd.DataFrame, text, wb: Workbook | None = None) -> list[dict[str, Any]]:
    """The headline record the report index shows (all-platform values). With ``wb``, a late
    share judged by the house promise for China on a store that ships elsewhere is left out:
    its page says what it is, a key figure on the index ("Late deliveries 100.0%") cannot."""
    # The stand-in of an unknown cost where one is known (headline_metrics).
    entries = headline_entries(headline[headline["platform"] == TOTAL], text, headline_metrics(headline))
    if wb is not None and judged_by_house_promise(wb):
        entries = [e for e in entries if e["key"] != "late_rate"]
    return entries


def _extreme(frame: pd.DataFrame, key: str, value: str, size: str, lowest: bool) -> tuple[Any, float]:
    """The group (not the total, not orders without a warehouse yet) with the lowest /
    highest ``value`` among those with
    at least :data:`MIN_GROUP` of ``size``; (None, NaN) when there is none."""
    rows = frame[~frame[key].isin([TOTAL, UNASSIGNED]) & (frame[size] >= MIN_GROUP) & frame[value].notna()]
    if rows.empty:
        return None, float("nan")
    row = rows.loc[rows[value].idxmin() if lowest else rows[value].idxmax()]
    return row[key], float(row[value])


def dispatch_facts(ship: pd.DataFrame, key: str = "platform") -> dict[str, Any]:
    """Takeaway numbers of :func:`summarise_ship_times` by ``key`` (with its total row)."""
    total = ship[ship[key] == TOTAL].iloc[0]
    worst, worst_rate = _extreme(ship, key, "within_24h_rate", "due_24h", lowest=True)
    slowest, slowest_hours = _extreme(ship, key, "median_hours", "shipped", lowest=False)
    variant = "single" if lone_platform(ship, key) else None
    if key == "platform" and total.shipped < total.orders:
        # The median and 90th percentile are of the orders shipped: said of all the orders
        # ("half of the 5 orders left within 28 hours") they would be false while some wait.
        variant = "single_waiting" if variant else "waiting"
    return {"variant": variant, "within_24h_rate": total.within_24h_rate, "within_48h_rate": total.within_48h_rate,
            "median_hours": total.median_hours, "p90_hours": total.p90_hours, "orders": total.orders,
            "shipped": int(total.shipped),
            "worst": worst, "worst_rate": worst_rate, "slowest": slowest, "slowest_hours": slowest_hours}


def daily_dispatch_facts(daily: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`summarise_ship_times` by day: the weakest day, and every day
    that ties with it (``worst_days``: "11 and 14 May, tied", as the traffic page names its
    busiest days; the first of them is ``worst_day``)."""
    due = daily[daily["due_24h"] >= 1]
    if due.empty:
        return {"worst_day": None, "worst_days": [], "worst_rate": float("nan"), "days_below": 0, "variant": "none"}
    worst = due.loc[due["within_24h_rate"].idxmin()]
    overall = float(due["within_24h"].sum() / due["due_24h"].sum())
    below = int((due["within_24h_rate"] < overall - 0.15).sum())
    return {"worst_day": worst["day"], "worst_rate": float(worst["within_24h_rate"]), "overall": overall,
            "worst_days": due.loc[due["within_24h_rate"] == worst["within_24h_rate"], "day"].tolist(),
            "days_below": below, "variant": None}


def backlog_facts(unshipped: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`count_unshipped_orders` (the total row): variant ``none``
    when every paid order shipped, ``no_amount`` when the waiting orders' amount is unknown
    (the orders carry none, optional in the contract)."""
    total = unshipped[unshipped["platform"] == TOTAL].iloc[0]
    return {"unshipped": int(total.unshipped), "over_48h": int(total.over_48h),
            "amount": float(total.unshipped_amount), "oldest": total.oldest_paid_at,
            "variant": "none" if total.unshipped == 0 else ("no_amount" if pd.isna(total.unshipped_amount) else None)}


def carrier_facts(delivery: pd.DataFrame, key: str = "carrier") -> dict[str, Any]:
    """Takeaway numbers of :func:`summarise_delivery_times` by carrier (or another key)."""
    total = delivery[delivery[key] == TOTAL].iloc[0]
    fastest, fastest_days = _extreme(delivery, key, "median_days", "delivered", lowest=True)
    slowest, slowest_days = _extreme(delivery, key, "median_days", "delivered", lowest=False)
    latest, latest_rate = _extreme(delivery, key, "late_rate", "promised", lowest=False)
    return {"median_days": total.median_days, "p90_days": total.p90_days, "late_rate": total.late_rate,
            "late": int(total.late), "shipments": int(total.shipments), "fastest": fastest,
            "fastest_days": fastest_days, "slowest": slowest, "slowest_days": slowest_days,
            "latest": latest, "latest_rate": latest_rate}


def province_grid(delivery: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The ``top`` provinces by shipments from :func:`summarise_delivery_times` by carrier ×
    province (for a heatmap), busiest first; the frame's other rows are dropped."""
    sizes = delivery.groupby("province")["shipments"].sum().sort_values(ascending=False)
    keep = list(sizes.index[:top])
    out = delivery[delivery["province"].isin(keep)].copy()
    out["_o"] = out["province"].map({p: i for i, p in enumerate(keep)})
    return out.sort_values(["carrier", "_o"]).drop(columns="_o").reset_index(drop=True)


def slow_carrier_facts(slow: pd.DataFrame, text=None) -> dict[str, Any]:
    """Takeaway numbers of :func:`find_slow_carriers`: the finding, or variant ``none``.

    Args:
        text: the notebook's :class:`storebook.report.text.Text`, to join the provinces in its
            language (``、`` in Chinese).
    """
    s = summarise_slow_carrier(slow)
    if s is None:
        return {"variant": "none", "carrier": None, "provinces": "", "first_day": None, "last_day": None,
                "shipments": 0, "excess_days": float("nan"), "carrier_days": float("nan"),
                "others_days": float("nan"), "region": None}
    joined = text.join(s["provinces"]) if text is not None else ", ".join(s["provinces"])
    return {"variant": None, "carrier": s["carrier"], "region": s["region"], "provinces": joined,
            "province_list": s["provinces"], "first_day": s["first_day"], "last_day": s["last_day"],
            "shipments": s["shipments"], "excess_days": s["mean_excess_days"], "carrier_days": s["carrier_days"],
            "others_days": s["others_days"]}


def shutdown_facts(trend: pd.DataFrame) -> dict[str, Any]:
    """Takeaway numbers of :func:`trend_delivery_times`: the shutdown's effect, or variant ``none``
    (no shutdown in the window), ``plain`` (a store outside China: no shutdown is set apart) or
    ``holidays`` (one whose own country's public holidays, ``country``, are not counted); why China's
    calendar does not apply: ``country_set``, the country ``[store] country`` sets (None where the platforms
    and currency decided)."""
    effect = measure_shutdown_effect(trend)
    plain = "calendar" in trend.attrs and trend.attrs["calendar"] is None
    country = trend.attrs.get("country") if plain else None
    variant = ("holidays" if country else "plain") if plain else "none" if effect["days"] == 0 else None
    return {**effect, "variant": variant, "country": country,
            "country_set": trend.attrs.get("country_set") if plain else None,  # {country_set:not_china}
            "months": int(pd.to_datetime(trend["day"]).dt.to_period("M").nunique()) if len(trend) else 0}


def cost_facts(costs: pd.DataFrame, charged: pd.DataFrame | None = None, key: str = "carrier") -> dict[str, Any]:
    """Takeaway numbers of :func:`compute_logistics_costs` by carrier (or another key) and, with
    ``charged`` (:func:`summarise_shipping_charged`), what buyers paid for shipping.

    Where no parcel of the month has a cost (a store without the carriers' bill), ``variant`` is
    ``no_cost``: the section says so and what is known — the parcels, orders and units the
    carriers bill by and, where the orders carry it, the shipping buyers paid
    (``no_cost_charged``) — rather than nothing at all. ``shipping_known`` says whether the
    buyers' shipping is known (the page shows its table then)."""
    total = costs[costs[key] == TOTAL].iloc[0]
    dearest, dearest_cost = _extreme(costs, key, "cost_per_order", "orders", lowest=False)
    cheapest, cheapest_cost = _extreme(costs, key, "cost_per_order", "orders", lowest=True)
    paid = None
    if charged is not None:  # its total row (by platform), or its one row
        paid = (charged[charged["platform"] == TOTAL] if "platform" in charged else charged).iloc[0]
    shipping_known = paid is not None and paid.orders_known > 0
    variant = None
    if pd.isna(total.cost):
        variant = "no_cost_charged" if shipping_known else "no_cost"
    return {"variant": variant, "cost": total.cost, "cost_per_order": total.cost_per_order,
            "cost_per_unit": total.cost_per_unit,
            "dearest": dearest, "dearest_cost": dearest_cost, "cheapest": cheapest, "cheapest_cost": cheapest_cost,
            "shipments": int(total.shipments), "orders": float(total.orders), "units": total.units,
            "parcels_per_order": total.parcels_per_order, "units_per_parcel": total.units_per_parcel,
            "shipping_known": bool(shipping_known),
            "shipping_charged": paid.shipping_charged if shipping_known else float("nan"),
            "shipping_per_order": paid.shipping_per_order if shipping_known else float("nan"),
            "free_shipping_rate": paid.free_shipping_rate if shipping_known else float("nan")}


def issue_facts(issues: pd.DataFrame, key: str = "carrier") -> dict[str, Any]:
    """Takeaway numbers of :func:`count_logistics_issues` by carrier (or another key);
    ``variant`` ``no_complaints`` where the complaints are not known (no ticket names its order
    and topic: Olist's reviews), ``no_refunds`` where the refunds are not (no returns), and
    ``unknown`` where neither is: the sentence and title leave out what is unknown."""
    total = issues[issues[key] == TOTAL].iloc[0]
    worst, worst_rate = _extreme(issues, key, "complaints_per_1000", "orders", lowest=False)
    no_complaints, no_refunds = pd.isna(total.complaints_per_1000), pd.isna(total.refunds_per_1000)
    variant = ("unknown" if no_complaints and no_refunds else "no_complaints" if no_complaints
               else "no_refunds" if no_refunds else None)
    return {"variant": variant,
            # The chart's bars: the rates that are known.
            "bars": [c for c, unknown in (("complaints_per_1000", no_complaints), ("refunds_per_1000", no_refunds))
                     if not unknown],
            "complaints_per_1000": total.complaints_per_1000, "refunds_per_1000": total.refunds_per_1000,
            "complaints": None if pd.isna(total.complaints) else int(total.complaints),
            "refunds": None if pd.isna(total.refunded_orders) else int(total.refunded_orders),
            "refund_amount": total.refund_amount,
            "worst": worst, "worst_rate": worst_rate}


def busiest(frame: pd.DataFrame, key: str, n: int = 10) -> pd.DataFrame:
    """The ``n`` groups with the most shipments (or orders) of a frame grouped by ``key``,
    busiest first, then its ``total`` row (pure pandas, for a readable table).

    Example:
        >>> f = pd.DataFrame({"province": ["A", "B", "C", "total"], "shipments": [5, 9, 1, 15]})
        >>> busiest(f, "province", 2)["province"].tolist()
        ['B', 'A', 'total']
    """
    size = "shipments" if "shipments" in frame else "orders"
    groups = frame[frame[key] != TOTAL].sort_values([size, key], ascending=[False, True]).head(n)
    return pd.concat([groups, frame[frame[key] == TOTAL]], ignore_index=True)
