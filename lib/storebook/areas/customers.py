"""Customers: who buys, who comes back, what they are worth, where they live.

Every metric is computed over **paid orders** (``paid_at`` set), dated by ``paid_at`` in
the store's local time, on the selected platforms, and *as of the end of the report month*:
an order paid after the month never changes a month's figures, so a report re-run later
says the same thing.

A customer is a pseudonymous platform account (``orders.customer_id``); guest orders
(no account) are left out of the customer metrics (the page states the share known) and
counted, each as its own buyer, by province. A customer's
**first purchase** is their first paid order on the selected platforms in the whole
history of the workbook up to the month's end; the data's first months therefore count
every buyer as new (the history starts there), which the notebook points out.

Definitions (one each, used by every notebook):

- 新客 / 老客 (new / returning buyer of a month): the month holds the customer's first
  purchase / the customer had bought before the month.
- N 天复购率 (N-day repeat-purchase rate) of an acquisition cohort = customers who paid
  another order within N days after their first purchase ÷ customers acquired in that
  month. Only cohorts whose every N-day window has closed by the report month's end are
  reported, so the rate never moves when later data arrives.
- 留存率 (cohort retention) in month k = cohort customers with a paid order in the k-th
  month after acquisition ÷ cohort customers.
- RFM (最近一次消费 / 消费频率 / 消费金额) over the trailing 12 months: R = days since the last
  paid order at the month's end, F = paid orders, M = paid amount. Each is scored high or
  low against the mean of all customers in the window (R high = more recent than the mean),
  which gives the department's eight segments (重要价值客户 … 一般挽留客户).
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import pandas as pd

from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL, extremes, stats
from storebook.measures.buyers import acquired_between, split_new_returning
from storebook.measures.buyers import customer_orders as _paid_orders
from storebook.measures.compare import compare_months
from storebook.measures.metrics import headline_entry
from storebook.measures.orders import no_paid_orders as _no_orders
from storebook.measures.stats import safe_ratio as _safe_div  # the one guarded division

#: RFM segments from the high/low flags (R, F, M), in the order reports list them.
RFM_SEGMENTS: dict[tuple[bool, bool, bool], str] = {
    (True, True, True): "important_value",      # 重要价值客户
    (True, False, True): "important_develop",   # 重要发展客户
    (False, True, True): "important_retain",    # 重要保持客户
    (False, False, True): "important_winback",  # 重要挽留客户
    (True, True, False): "general_value",       # 一般价值客户
    (True, False, False): "general_develop",    # 一般发展客户
    (False, True, False): "general_retain",     # 一般保持客户
    (False, False, False): "general_winback",   # 一般挽留客户
}
SEGMENT_ORDER: list[str] = list(RFM_SEGMENTS.values())
#: Movement states of a customer who is in only one of the two RFM snapshots.
ENTERED, LAPSED = "entered", "lapsed"
RFM_LOOKBACK_MONTHS = 12


# -- building blocks -------------------------------------------------------------------
def _month_index(ts: ibis.Value) -> ibis.Value:
    """Months since year 0 (so that a difference counts calendar months)."""
    return ts.year() * 12 + ts.month() - 1


def _period_index(period: Period) -> int:
    return period.start.year * 12 + period.start.month - 1


# -- repeat purchase -----------------------------------------------------------------------
def _latest_closed_cohort(period: Period, window_days: int) -> Period:
    """The latest acquisition month whose every ``window_days`` window ends by ``period.end``."""
    cohort = period
    while cohort.end_ts + pd.Timedelta(days=window_days) > period.end_ts:
        cohort = cohort.prior()
    return cohort


def compute_repeat_rates(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    windows: Sequence[int] = (30, 90),
    cohorts: int = 1,
    level: float = 0.95,
) -> pd.DataFrame:
    """N-day repeat-purchase rates (N 天复购率) of the latest acquisition cohorts.

    Formula: repeat_rate = customers acquired in the cohort month who paid another order
    within ``window_days`` after their first paid order ÷ customers acquired in that month.
    For each window the cohorts are the ``cohorts`` latest months whose windows have all
    closed by the end of ``period`` (for October: the 30-day rate of September's new
    customers, the 90-day rate of July's).

    Args:
        wb: the workbook.
        period: the report month (data after its end is not used).
        platforms: platforms to include (default: every platform).
        windows: window lengths in days.
        cohorts: how many cohort months per window, latest first.
        level: confidence level of the Wilson interval.
    Returns:
        One row per window × cohort month: window_days, cohort (``YYYY-MM``), customers,
        repeat_customers, repeat_rate (NaN for a cohort without customers), repeat_rate_low,
        repeat_rate_high (Wilson interval), sorted by window and cohort.
    Raises:
        NoDataError: no customer was acquired in any of the cohort months.

    Example:
        compute_repeat_rates(wb, periods.month("2026-10"))
           window_days   cohort  customers  repeat_customers  repeat_rate
        0           30  2026-09       2100               189        0.090
        1           90  2026-07       1980               317        0.160
    """
    plats = wb.platforms(platforms)
    wanted: list[tuple[int, Period]] = []
    for w in windows:
        last = _latest_closed_cohort(period, int(w))
        wanted += [(int(w), last.shift_months(-k)) for k in range(cohorts)]
    earliest = min(c.start for _, c in wanted)

    # The cohorts' customers are rows of first_purchases; each one's orders up to the report
    # month's end are counted within each window of their first purchase. The second paid
    # order falls within w days exactly when at least two of them do (the first is the
    # earliest, a tie with it counts as a second at 0 days), so no order is ranked.
    indexes = sorted({_period_index(c) for _, c in wanted})
    acquired = acquired_between(wb, plats, pd.Timestamp(earliest), period.end_ts)
    acquired = acquired.filter(_month_index(acquired.first_paid_at).isin(indexes))
    o = _paid_orders(wb, plats, period.end_ts, pd.Timestamp(earliest)).select("customer_id", "paid_at")
    j = o.join(acquired.select("customer_id", "first_paid_at"), "customer_id")
    days_after = (j.paid_at.epoch_seconds() - j.first_paid_at.epoch_seconds()) / 86400.0
    counts = _repeat_counts(wb, acquired, j, days_after, windows)
    if counts is None:  # a customer paid two orders in the second of their first purchase
        per_customer = j.group_by(["customer_id", "first_paid_at"]).aggregate(
            **{f"n{w}": (days_after <= w).cast("int64").sum() for w in windows})
        per_customer = per_customer.select(
            cohort_index=_month_index(per_customer.first_paid_at),
            **{f"w{w}": (per_customer[f"n{w}"] >= 2).cast("int64") for w in windows},
        )
        agg = per_customer.group_by("cohort_index").aggregate(
            customers=per_customer.count(),
            **{f"w{w}": per_customer[f"w{w}"].sum() for w in windows},
        )
        counts = wb.execute(agg)
    counts = counts.set_index("cohort_index")
    rows = []
    for w, cohort in wanted:
        idx = _period_index(cohort)
        n = int(counts.at[idx, "customers"]) if idx in counts.index else 0
        k = int(counts.at[idx, f"w{w}"]) if idx in counts.index else 0
        rows.append({"window_days": w, "cohort": cohort.label, "customers": n, "repeat_customers": k,
                     "repeat_rate": _safe_div(k, n)})
    out = pd.DataFrame(rows).sort_values(["window_days", "cohort"]).reset_index(drop=True)
    low, high = stats.wilson_interval(out["repeat_customers"], out["customers"], level)
    out = out.assign(repeat_rate_low=low, repeat_rate_high=high)
    if out["customers"].sum() == 0:
        labels = ", ".join(sorted({c.label for _, c in wanted}))
        first = _first_paid(wb, plats)
        if first is not None and first >= max(c.end_ts for _, c in wanted):
            # The data begin after every cohort month: not a store that won no customer then
            # (the Shopify export of 11–17 May listed "no new customers in 2024-09, …, 2025-04").
            raise NoDataError(
                f"a repeat rate follows the new customers of {labels}, and the data begin on {first.date()}: "
                "it shows in a later month's report, or once the earlier exports are ingested",
                key="customers.repeat.before_data", values={"cohorts": labels, "first": first.date().isoformat()},
            )
        raise NoDataError(
            f"no new customers in the cohort month(s) {labels} on {', '.join(plats)}: a repeat rate needs "
            f"orders from before {period.label}; choose a later month or ingest the earlier exports",
            key="customers.repeat.no_cohorts", values={"cohorts": labels, "month": period.label},
        )
    # A cohort month before the data begin holds no customer because the data do not reach it,
    # not because none was won: cohorts_in_data leaves it out of what the page shows.
    first = _first_paid(wb, plats)
    out.attrs["data_from"] = None if first is None else first.strftime("%Y-%m")
    return out


def cohorts_in_data(rates: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`compute_repeat_rates` whose cohort month the data reach (from the
    month of the first paid order, ``attrs["data_from"]``): the Olist orders begin in July 2018,
    and its August page listed the 30-day cohorts of February to June and the 90-day ones of
    December to May as "0 customers, n/a"."""
    start = rates.attrs.get("data_from")
    return rates if start is None else rates[rates["cohort"] >= start].reset_index(drop=True)


def _first_paid(wb: Workbook, platforms: Sequence[str]) -> pd.Timestamp | None:
    """When the first paid order of ``platforms`` was paid (None without one)."""
    o = wb.table("orders")
    o = o.filter(o.platform.isin(list(platforms)) & o.paid_at.notnull())
    first = wb.execute(o.aggregate(first=o.paid_at.min())).iloc[0, 0]
    return None if first is None or pd.isna(first) else pd.Timestamp(first)


def _repeat_counts(wb: Workbook, acquired: ibis.Table, j: ibis.Table, days_after: ibis.Value,
                   windows: Sequence[int]) -> pd.DataFrame | None:
    """Per cohort: customers, and w{w} the customers with a second paid order within each
    window — without a row per customer, or None where a customer has two orders in the
    second of their first purchase (the caller then counts each customer's orders).

    ``j`` is the cohorts' customers' orders with their ``first_paid_at``. Each customer has
    one order at their first purchase (it is one of these orders); when no customer has two,
    a second order within w days is a *later* order within w days, and only customers who
    came back have a row of their own: at 50M order lines the 7.5M customers of October's
    cohorts grouped one by one spilled out of the workbook's memory cap, where about half a
    million came back within 90 days (12.0 -> 8.6 CPU-s, issue #17). The orders at the
    first purchase are counted per cohort, and that they are as many as the cohort's
    customers is what shows there is no tie.
    """
    cohort = _month_index(j.first_paid_at)
    at_first = j.paid_at == j.first_paid_at
    rows = j.filter(days_after <= max(windows))  # a later order never counts in a shorter window
    per = rows.group_by(
        customer_id=ibis.ifelse(at_first, ibis.null("string"), rows.customer_id), cohort_index=cohort,
    ).aggregate(orders=rows.count(), soonest=days_after.min())
    first = per.customer_id.isnull()
    counted = per.group_by("cohort_index").aggregate(
        at_first=per.orders.sum(where=first),
        **{f"w{w}": (~first & (per.soonest <= w)).cast("int64").sum() for w in windows},
    )
    size = acquired.group_by(cohort_index=_month_index(acquired.first_paid_at)).aggregate(customers=acquired.count())
    # One question: the cohorts' sizes beside their counts.
    joined = size.join(counted, "cohort_index", how="outer")
    both = wb.execute(joined.select(
        cohort_index=joined.cohort_index.coalesce(joined.cohort_index_right), customers=joined.customers,
        at_first=joined.at_first, **{f"w{w}": joined[f"w{w}"].fill_null(0) for w in windows},
    ))
    if (both["customers"].fillna(0) != both["at_first"].fillna(0)).any():
        return None
    return both.drop(columns="at_first").astype({"customers": "int64", **{f"w{w}": "int64" for w in windows}})


# -- cohorts -------------------------------------------------------------------------------
def build_cohorts(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, months: int = 12
) -> pd.DataFrame:
    """Monthly acquisition cohorts: retention (留存率) and cumulative revenue per customer.

    Formula: retention(k) = cohort customers with a paid order in the k-th month after
    their acquisition month ÷ cohort customers (k = 0 is the acquisition month, 100 %);
    cumulative_revenue_per_customer(k) = paid amount of the cohort in months 0..k ÷ cohort
    customers.

    Args:
        wb: the workbook.
        period: the report month, the last month observed.
        platforms: platforms to include (default: every platform).
        months: number of cohorts, the report month's and the ``months − 1`` before it.
    Returns:
        One row per cohort × months_since (0 … months observed): cohort (``YYYY-MM``),
        months_since, cohort_customers, active_customers, retention, paid_amount,
        cumulative_revenue_per_customer.
    Raises:
        NoDataError: no customer acquired in the window.

    Example:
        build_cohorts(wb, periods.month("2026-10"), months=3)
            cohort  months_since  cohort_customers  active_customers  retention ...
        0  2026-08             0              2400              2400       1.00
        1  2026-08             1              2400               190       0.08
    """
    plats = wb.platforms(platforms)
    first_cohort = period.shift_months(-(months - 1))
    # A customer acquired in the window has every paid order in it: only the window's
    # orders are read, joined to the window's rows of first_purchases (their cohort), where
    # grouping every order of the history by customer grew with the history while the twelve
    # cohorts do not. (A window MIN over each customer's orders would need no first
    # purchases, but DuckDB's windows do not spill: it ran out of the workbook's memory cap
    # at 10M order lines.)
    acquired = acquired_between(wb, plats, first_cohort.start_ts, period.end_ts)
    cohort = _month_index(acquired.first_paid_at)
    # Every customer pays in their first month (their first purchase is one of the window's
    # orders on these platforms), so month 0's active customers are the cohort: counted on
    # first_purchases, and a customer's orders of that month need no row of their own.
    size = wb.execute(acquired.group_by(cohort_index=cohort).aggregate(cohort_customers=acquired.count()))
    if size.empty:
        raise NoDataError(
            f"no customers acquired between {first_cohort.label} and {period.label} on {', '.join(plats)}: "
            "choose another month or platform", key="no_data.acquired_customers",
            values={"first": first_cohort.label, "month": period.label, "platforms": plats},
        )
    o = _paid_orders(wb, plats, period.end_ts, first_cohort.start_ts)
    o = o.join(acquired.select("customer_id", cohort_index=cohort), "customer_id")
    month_index = _month_index(o.paid_at)
    # One row per customer and later month they paid in: a cohort-month's active customers
    # are its rows (no distinct count over the orders). Month 0 is one row per cohort (no
    # customer): at 50M order lines 11.7M of the 13.5M customer-months, which grouped one by
    # one spilled out of the memory cap (build_cohorts 17.6 -> 13.7 CPU-s, issue #17).
    later = ibis.ifelse(month_index == o.cohort_index, ibis.null("string"), o.customer_id)
    cm = o.group_by(customer_id=later, cohort_index=o.cohort_index,
                    month_index=month_index).aggregate(paid_amount=o.paid_amount.sum())
    cm = cm.mutate(months_since=cm.month_index - cm.cohort_index)
    act = wb.execute(cm.group_by(["cohort_index", "months_since"]).aggregate(
        active_customers=cm.count(), paid_amount=cm.paid_amount.sum().cast("float64")))
    act = act.merge(size, on="cohort_index", how="left")
    act["active_customers"] = act["active_customers"].where(act["months_since"] != 0, act["cohort_customers"])
    act = act.drop(columns="cohort_customers")
    last_index = _period_index(period)
    grid = pd.DataFrame(
        [(c, k) for c in size["cohort_index"] for k in range(0, last_index - int(c) + 1)],
        columns=["cohort_index", "months_since"],
    )
    out = (
        grid.merge(size, on="cohort_index")
        .merge(act, on=["cohort_index", "months_since"], how="left")
        # A cohort-month without a row had no paying customer (0); one whose amounts are all
        # unknown (paid_amount is optional) keeps an unknown amount.
        .pipe(lambda d: d.assign(paid_amount=d["paid_amount"].mask(d["active_customers"].isna(), 0.0)))
        .fillna({"active_customers": 0})
        .astype({"active_customers": "int64", "cohort_customers": "int64"})
        .sort_values(["cohort_index", "months_since"])
    )
    out = out.assign(
        cohort=lambda d: d["cohort_index"].map(lambda i: f"{int(i) // 12}-{int(i) % 12 + 1:02d}"),
        retention=lambda d: _safe_div(d["active_customers"], d["cohort_customers"]),
        cumulative_revenue_per_customer=lambda d: _safe_div(
            d.groupby("cohort_index")["paid_amount"].cumsum(), d["cohort_customers"]
        ).mask(d["paid_amount"].isna().groupby(d["cohort_index"]).cummax()),  # unknown from an unknown month on
    )
    cols = ["cohort", "months_since", "cohort_customers", "active_customers", "retention", "paid_amount",
            "cumulative_revenue_per_customer"]
    return out[cols].reset_index(drop=True)


# -- RFM -----------------------------------------------------------------------------------
def _rfm_recency(c: ibis.Table, end: pd.Timestamp, last: str) -> ibis.Value:
    """Whole days between the last payment and ``end`` (0 = on the month's last day)."""
    end_seconds = ibis.literal(end).epoch_seconds()
    return ((end_seconds - c[last].epoch_seconds()) / 86400.0).floor().cast("int64")


def _rfm_means(c: ibis.Table, end: pd.Timestamp, last: str, frequency: str, monetary: str) -> dict[str, ibis.Value]:
    """The means R, F and M are scored against: over the customers with an order in the
    window (those without have NULL ``last``, ``frequency`` and ``monetary``, which AVG skips)."""
    return {"recency": _rfm_recency(c, end, last).mean(), "frequency": c[frequency].mean(),
            "monetary": c[monetary].mean()}


def _rfm_scored(c: ibis.Table, end: pd.Timestamp, last: str, frequency: str, monetary: str,
                means: dict[str, ibis.Value] | None = None) -> dict[str, ibis.Value]:
    """Recency and segment of per-customer aggregates at ``end`` (see :func:`score_rfm`).

    Customers without an order in the window have NULL ``last``, ``frequency`` and
    ``monetary``: they are left out of the means (AVG skips NULLs) and get no segment.
    ``means`` (recency, frequency, monetary: :func:`_rfm_means`, as columns of ``c``) where
    the caller has them; else the means over ``c`` as window aggregates.
    """
    recency = _rfm_recency(c, end, last)
    m = _rfm_means(c, end, last, frequency, monetary) if means is None else means
    r_high = recency < m["recency"]
    f_high = c[frequency] > m["frequency"]
    m_high = c[monetary] > m["monetary"]
    segment = ibis.cases(
        *[((r_high == r) & (f_high == f) & (m_high == m), name) for (r, f, m), name in RFM_SEGMENTS.items()]
    )
    return {"recency_days": recency, "r_high": r_high, "f_high": f_high, "m_high": m_high, "segment": segment}


def _rfm_expr(wb: Workbook, period: Period, platforms: list[str], lookback_months: int) -> ibis.Table:
    """customer_id, recency_days, frequency, monetary, r/f/m_high, segment — at ``period``'s end."""
    start = period.shift_months(-(lookback_months - 1)).start_ts
    o = _paid_orders(wb, platforms, period.end_ts, start)
    c = o.group_by("customer_id").aggregate(
        last_paid_at=o.paid_at.max(),
        frequency=o.count(),
        monetary=o.paid_amount.sum().cast("float64"),
    )
    return c.mutate(**_rfm_scored(c, period.end_ts, "last_paid_at", "frequency", "monetary"))


def _rfm_flows(wb: Workbook, period: Period, platforms: list[str], lookback_months: int) -> pd.DataFrame:
    """Customers by (segment at the prior month's end, segment at this month's end), with
    the sums :func:`summarise_rfm_segments` needs of this month's snapshot.

    The two snapshots' windows overlap in all but one month each, so one pass over the
    orders of both (the prior window's first month to this month's end) aggregates each
    customer for both, where scoring each snapshot on its own read and grouped those
    months twice — and the segments' summary and their movement did so again each.
    Both sections ask this same question: the workbook answers the second from the first.

    Returns:
        from_segment and to_segment (None where the customer is not in that snapshot),
        customers, and over this month's snapshot: recency_days, frequency, monetary
        (sums) and month_paid (the month's paid amount, a sum).
    """
    prior = period.prior()
    start_now = period.shift_months(-(lookback_months - 1)).start_ts
    start_prior = prior.shift_months(-(lookback_months - 1)).start_ts
    o = _paid_orders(wb, platforms, period.end_ts, start_prior)
    in_now, in_prior = o.paid_at >= start_now, o.paid_at < prior.end_ts
    c = o.group_by("customer_id").aggregate(
        last_now=o.paid_at.max(where=in_now),
        frequency_now=o.count(where=in_now).nullif(0),
        monetary_now=o.paid_amount.sum(where=in_now).cast("float64"),
        last_prior=o.paid_at.max(where=in_prior),
        frequency_prior=o.count(where=in_prior).nullif(0),
        monetary_prior=o.paid_amount.sum(where=in_prior).cast("float64"),
        month_paid=o.paid_amount.sum(where=o.paid_at >= period.start_ts).cast("float64"),
    )
    # The means as a one-row aggregate of the customers joined back to them, not window
    # aggregates: DuckDB keeps the customers once (a CTE both read) where AVG() OVER () held
    # them all in one window partition (at 50M order lines 14.5M customers). The same means,
    # the question a little cheaper: 4 rounds A/B at 50M, 0.3 to 3.4 CPU-s less each, median
    # 20.8 -> 19.2 (issue #17). Asking the means apart cost more (a second grouping: 31 CPU-s).
    at_now = (period.end_ts, "last_now", "frequency_now", "monetary_now")
    at_prior = (prior.end_ts, "last_prior", "frequency_prior", "monetary_prior")
    means = c.aggregate(**{f"mean_{k}_{when}": v for when, at in (("now", at_now), ("prior", at_prior))
                           for k, v in _rfm_means(c, *at).items()})
    c = c.cross_join(means)

    def means_at(when: str) -> dict[str, ibis.Value]:
        return {k: c[f"mean_{k}_{when}"] for k in ("recency", "frequency", "monetary")}

    now = _rfm_scored(c, *at_now, means=means_at("now"))
    before = _rfm_scored(c, *at_prior, means=means_at("prior"))
    c = c.select(from_segment=before["segment"], to_segment=now["segment"], recency_days=now["recency_days"],
                 frequency=c.frequency_now, monetary=c.monetary_now, month_paid=c.month_paid)
    return wb.execute(c.group_by(["from_segment", "to_segment"]).aggregate(
        customers=c.count(), recency_days=c.recency_days.sum(), frequency=c.frequency.sum(),
        monetary=c.monetary.sum(), month_paid=c.month_paid.sum(),
    ))


def score_rfm(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    lookback_months: int = RFM_LOOKBACK_MONTHS,
) -> pd.DataFrame:
    """RFM scores and segment of every customer who bought in the trailing window.

    Formula: R (最近一次消费) = whole days from the last paid order to the month's end;
    F (消费频率) = paid orders in the window; M (消费金额) = paid amount in the window.
    R is *high* when below the window's mean recency (more recent), F and M when above
    their means; the three flags name one of eight segments (:data:`RFM_SEGMENTS`).

    Args:
        wb: the workbook.
        period: the report month; the window is it and the ``lookback_months − 1`` before it.
        platforms: platforms to include (default: every platform).
        lookback_months: length of the window in months.
    Returns:
        One row per customer: customer_id, recency_days, frequency, monetary, r_high,
        f_high, m_high, segment. Customer-level: meant for drill-down and tests; reports use
        :func:`summarise_rfm_segments`.
    Raises:
        NoDataError: no paid order in the window.

    Example:
        score_rfm(wb, periods.month("2026-10")).segment.value_counts()
    """
    plats = wb.platforms(platforms)
    e = _rfm_expr(wb, period, plats, lookback_months)
    out = wb.execute(e.select("customer_id", "recency_days", "frequency", "monetary", "r_high", "f_high", "m_high", "segment"))
    if out.empty:
        raise _no_orders(period, plats)
    return out.sort_values("customer_id").reset_index(drop=True)


def summarise_rfm_segments(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    lookback_months: int = RFM_LOOKBACK_MONTHS,
) -> pd.DataFrame:
    """RFM segments at the month's end, with their sales and the change since the prior month.

    Formula: see :func:`score_rfm`; share = segment customers ÷ all scored customers;
    month_paid_amount = the segment's paid amount in the report month.

    Args:
        wb: the workbook.
        period: the report month.
        platforms: platforms to include (default: every platform).
        lookback_months: RFM window in months.
    Returns:
        One row per segment (in :data:`SEGMENT_ORDER`): segment, customers, share,
        window_paid_amount, month_paid_amount, mean_recency_days, mean_frequency,
        mean_monetary, customers_prior, customers_change (customers − customers_prior).
    Raises:
        NoDataError: no paid order in the window.

    Example:
        summarise_rfm_segments(wb, periods.month("2026-10"))[["segment", "customers"]]
    """
    plats = wb.platforms(platforms)

    flows = _rfm_flows(wb, period, plats, lookback_months)
    scored = flows[flows["to_segment"].notna()]
    if scored.empty:
        raise _no_orders(period, plats)
    sums = scored.groupby("to_segment")[["customers", "recency_days", "frequency", "monetary", "month_paid"]].sum()
    now = pd.DataFrame({
        "segment": sums.index.astype(str),
        "customers": sums["customers"].to_numpy(),
        "window_paid_amount": sums["monetary"].to_numpy(),
        "month_paid_amount": sums["month_paid"].to_numpy(),
        "mean_recency_days": (sums["recency_days"] / sums["customers"]).to_numpy(),
        "mean_frequency": (sums["frequency"] / sums["customers"]).to_numpy(),
        "mean_monetary": (sums["monetary"] / sums["customers"]).to_numpy(),
    })
    prior = flows[flows["from_segment"].notna()].groupby("from_segment")["customers"].sum()
    before = pd.DataFrame({"segment": prior.index.astype(str), "customers_prior": prior.to_numpy()})
    out = (
        pd.DataFrame({"segment": SEGMENT_ORDER})
        .merge(now, on="segment", how="left")
        .merge(before, on="segment", how="left")
        .fillna({"customers": 0, "customers_prior": 0, "window_paid_amount": 0.0, "month_paid_amount": 0.0})
        .astype({"customers": "int64", "customers_prior": "int64"})
    )
    return out.assign(
        share=lambda d: _safe_div(d["customers"], d["customers"].sum()),
        customers_change=lambda d: d["customers"] - d["customers_prior"],
    )[["segment", "customers", "share", "window_paid_amount", "month_paid_amount", "mean_recency_days",
       "mean_frequency", "mean_monetary", "customers_prior", "customers_change"]]


def move_rfm_segments(
    wb: Workbook,
    period: Period,
    platforms: Sequence[str] | str | None = None,
    lookback_months: int = RFM_LOOKBACK_MONTHS,
) -> pd.DataFrame:
    """How customers moved between RFM segments from the prior month's end to this month's.

    A customer scored only now comes from ``entered`` (first purchase in the window); one
    scored only at the prior month's end goes to ``lapsed`` (no purchase left in the window).

    Args:
        wb: the workbook.
        period: the report month.
        platforms: platforms to include (default: every platform).
        lookback_months: RFM window in months.
    Returns:
        One row per (from_segment, to_segment), every pair of ``entered`` and the segments
        to the segments and ``lapsed`` (0 where no customer moved so), in that order:
        from_segment, to_segment, customers, share_of_from (customers ÷ all customers of
        from_segment).
    Raises:
        NoDataError: no paid order in the window.

    Example:
        move_rfm_segments(wb, periods.month("2026-10")).head(3)
    """
    plats = wb.platforms(platforms)
    flows = _rfm_flows(wb, period, plats, lookback_months)  # the segments' summary asked it already
    out = pd.DataFrame({"from_segment": flows["from_segment"].fillna(ENTERED).astype(str),
                        "to_segment": flows["to_segment"].fillna(LAPSED).astype(str),
                        "customers": flows["customers"]})
    if out.empty or (out["to_segment"] != LAPSED).sum() == 0:
        raise _no_orders(period, plats)
    grid = pd.DataFrame([(f, t) for f in [ENTERED, *SEGMENT_ORDER] for t in [*SEGMENT_ORDER, LAPSED]],
                        columns=["from_segment", "to_segment"])
    return (
        grid.merge(out, on=["from_segment", "to_segment"], how="left")
        .fillna({"customers": 0})
        .astype({"customers": "int64"})
        .assign(share_of_from=lambda d: _safe_div(d["customers"], d.groupby("from_segment")["customers"].transform("sum")))
    )


# -- geography -----------------------------------------------------------------------------
def summarise_provinces(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Buyers and sales by delivery province (收货省份), with the change against the prior month.

    Formula: share_of_sales = the province's paid amount ÷ all paid amount; aov (客单价) =
    paid_amount ÷ buyers; sales_vs_prior = paid_amount ÷ prior month's paid_amount − 1.

    Args:
        wb: the workbook.
        period: the month.
        platforms: platforms to include (default: every platform).
    Returns:
        One row per province, largest sales first (then most orders, most buyers: the order
        where no amount is known): province, buyers, orders, paid_amount, share_of_sales, aov,
        paid_amount_prior, sales_vs_prior.
    Raises:
        NoDataError: no paid order in the month.

    Example:
        summarise_provinces(wb, periods.month("2026-10")).head(3)
    """
    plats = wb.platforms(platforms)

    def by_province(p: Period) -> pd.DataFrame:
        # Guests are buyers too (each order its own); an order without a province is left out.
        o = _paid_orders(wb, plats, p.end_ts, p.start_ts, guests=True)
        o = o.filter(o.province.notnull())
        return wb.execute(
            o.group_by("province").aggregate(
                buyers=o.customer_id.fill_null(o.order_id).nunique(), orders=o.count(),
                paid_amount=o.paid_amount.sum().cast("float64"),
            )
        )

    now = by_province(period)
    if now.empty:
        raise _no_orders(period, plats)
    prior = by_province(period.prior())[["province", "paid_amount"]].rename(columns={"paid_amount": "paid_amount_prior"})
    return (
        now.merge(prior, on="province", how="left")
        .assign(
            share_of_sales=lambda d: _safe_div(d["paid_amount"], d["paid_amount"].sum()),
            aov=lambda d: _safe_div(d["paid_amount"], d["buyers"]),
            sales_vs_prior=lambda d: _safe_div(d["paid_amount"], d["paid_amount_prior"]) - 1,
        )
        # Largest sales first; where the amounts are unknown (a units-only export) the most orders
        # and buyers first, not the alphabet.
        .sort_values(["paid_amount", "orders", "buyers", "province"], ascending=[False, False, False, True])
        .reset_index(drop=True)[
            ["province", "buyers", "orders", "paid_amount", "share_of_sales", "aov", "paid_amount_prior", "sales_vs_prior"]
        ]
    )


# -- what the report states ----------------------------------------------------------------
#: Metrics of the customers headline, in the order the report shows them.
HEADLINE_METRICS: tuple[str, ...] = ("customers", "new_buyers", "returning_sales_share", "repeat_rate_30",
                                     "repeat_rate_90")


#: The cohorts per window the customers report's repeat section shows (notebooks/customers):
#: the headline asks the same question of the report month, and the section's is answered
#: from it (Workbook's answers kept), where the latest cohorts alone were a question of
#: their own over the same orders (issue #17).
REPORT_REPEAT_COHORTS = 6


def _latest_repeat_rates(wb: Workbook, period: Period, platforms: list[str], cohorts: int) -> pd.DataFrame:
    """:func:`compute_repeat_rates` of the latest cohort of each window, asked with ``cohorts``
    cohorts: each cohort's rate is its own customers' orders, whatever the others. Without
    customers in the latest cohorts it raises as the latest cohorts alone do."""
    if cohorts > 1:
        try:
            rates = compute_repeat_rates(wb, period, platforms, cohorts=cohorts)
        except NoDataError:
            rates = None
        if rates is not None:
            latest = rates.drop_duplicates("window_days", keep="last").reset_index(drop=True)
            if latest["customers"].sum() > 0:
                return latest
    return compute_repeat_rates(wb, period, platforms)


#: The reasons a month has no repeat rate although it has buyers (compute_repeat_rates): its
#: cohort months lie before the data, or won no customer.
_NO_COHORT_KEYS = ("customers.repeat.before_data", "customers.repeat.no_cohorts")


def _headline_values(wb: Workbook, period: Period, platforms: list[str], cohorts: int = 1) -> dict[str, float]:
    split = split_new_returning(wb, period, platforms).set_index("buyer_type")
    try:
        rates = _latest_repeat_rates(wb, period, platforms, cohorts).set_index("window_days")
        rate_30, rate_90 = float(rates.at[30, "repeat_rate"]), float(rates.at[90, "repeat_rate"])
    except NoDataError as err:
        # A month whose cohorts lie before the data (a week's Shopify export) still has its
        # buyers: the page said "No data" under "How many customers bought" of a month with 3.
        if getattr(err, "key", None) not in _NO_COHORT_KEYS:
            raise
        rate_30 = rate_90 = float("nan")
    return {
        "customers": float(split["buyers"].sum()),
        "new_buyers": float(split.at["new", "buyers"]),
        "returning_sales_share": float(split.at["returning", "share_of_sales"]),
        "repeat_rate_30": rate_30,
        "repeat_rate_90": rate_90,
    }


def customers_headline(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The customers headline against the prior month and the same month last year.

    Metrics (:data:`HEADLINE_METRICS`): customers (购买客户数: distinct customers who paid in
    the month — the traffic report's 支付买家数 is the platforms' own daily count), new buyers
    (新客), the returning buyers' share of sales (老客销售占比), the 30- and 90-day repeat
    rates (复购率) of the latest closed cohorts — each as :func:`split_new_returning` and
    :func:`compute_repeat_rates` define it. vs_prior / vs_last_year = value ÷ comparison − 1.

    Returns:
        One row per metric: platform (``total``), metric, value, prior, last_year,
        vs_prior, vs_last_year (missing where the comparison month has no data).
    Raises:
        NoDataError: no paid order in the month.

    Example:
        customers_headline(wb, periods.month("2026-10"))
    """
    plats = wb.platforms(platforms)
    now = _headline_values(wb, period, plats, cohorts=REPORT_REPEAT_COHORTS)

    def other(p: Period) -> dict[str, float]:
        try:
            return _headline_values(wb, p, plats)
        except NoDataError:
            return {}

    def wide(values: dict[str, float]) -> pd.DataFrame:
        return pd.DataFrame([{"platform": TOTAL, **values}] if values else [], columns=["platform", *HEADLINE_METRICS])

    out = compare_months(wide(now), wide(other(period.prior())), wide(other(period.last_year())), HEADLINE_METRICS)
    # A repeat rate no cohort can have yet is no card of "n/a": the takeaway says why (no_repeat).
    unknown = out["metric"].isin(["repeat_rate_30", "repeat_rate_90"]) & out["value"].isna()
    return out[~unknown].reset_index(drop=True)


def headline_facts(headline: pd.DataFrame, period: Period) -> dict:
    """The numbers the customers headline takeaway states (from :func:`customers_headline`).

    ``variant`` is ``no_amount`` when the returning customers' share of sales is unknown (the
    month's orders carry no paid amount, optional in the contract): the sentence leaves the
    money out and says the amounts are not in the data, where it would write "n/a"; ``no_90``
    (also ``no_amount.no_90``) when no cohort whose 90 days have closed has customers yet;
    ``no_repeat`` (``no_amount.no_repeat``) when not even a 30-day cohort has (the data begin
    after it: the headline has no repeat-rate rows).
    """
    h = headline.set_index("metric").reindex(list(HEADLINE_METRICS))
    no_amount = pd.isna(h.at["returning_sales_share", "value"])
    # No cohort whose 90 days have closed has customers yet (young data): said, not "n/a within 90".
    no_30, no_90 = (pd.isna(h.at[f"repeat_rate_{w}", "value"]) for w in (30, 90))
    young = "no_repeat" if no_30 and no_90 else "no_90" if no_90 else None
    return {"month": period.label, **{m: h.at[m, "value"] for m in HEADLINE_METRICS},
            **{f"{m}_vs_prior": h.at[m, "vs_prior"] for m in HEADLINE_METRICS},
            "variant": ".".join(filter(None, ["no_amount" if no_amount else None, young])) or None}


def headline_record(headline: pd.DataFrame, text) -> list[dict]:
    """The ``customers.headline`` record the report index shows."""
    return [headline_entry(r.metric, text(f"metric.{r.metric}"), r.value, r.vs_prior, r.vs_last_year)
            for r in headline.itertuples()]


def new_returning_facts(split: pd.DataFrame, period: Period) -> dict:
    """The numbers the new-versus-returning title and takeaway state.

    ``variant`` is ``no_amount`` when neither group's paid amount is known (the month's orders
    carry none, optional in the contract): the title and sentence state the buyers alone and
    say the amounts are not in the data, and ``bars`` (the chart's measures) leaves the share
    of sales out. ``no_returning`` when no buyer had bought before (the data's first month):
    there is no returning buyer's spend to state.
    """
    s = split.set_index("buyer_type")
    no_amount = bool(s["paid_amount"].isna().all())
    return {
        "variant": "no_amount" if no_amount else ("no_returning" if s.at["returning", "buyers"] == 0 else None),
        # The chart's bars: the shares known (a share of unknown sales is no bar).
        "bars": ["share_of_buyers"] if no_amount else ["share_of_buyers", "share_of_sales"],
        "month": period.label,
        "new": s.at["new", "buyers"], "returning": s.at["returning", "buyers"],
        "new_share": s.at["new", "share_of_buyers"],
        "returning_sales_share": s.at["returning", "share_of_sales"],
        "new_aov": s.at["new", "aov"], "returning_aov": s.at["returning", "aov"],
    }


def repeat_facts(rates: pd.DataFrame) -> dict:
    """The latest 30- and 90-day repeat rates and the average of the cohorts before them.

    ``variant``: ``no_90`` when no cohort with customers has closed its 90 days (the data are
    younger), ``first`` when no earlier cohort has customers to compare the latest with (then
    ``no_90.first``); ``first_90`` when only the 90-day one has none: the sentence leaves out
    what is unknown, where it read "averaged n/a. Of those won in n/a, n/a …".
    """
    out: dict = {}
    for w in (30, 90):
        r = rates[(rates["window_days"] == w) & (rates["customers"] > 0)].sort_values("cohort")
        latest = r.iloc[-1] if len(r) else None
        earlier = r.iloc[:-1]
        out[f"cohort_{w}"] = None if latest is None else latest["cohort"]
        out[f"rate_{w}"] = None if latest is None else latest["repeat_rate"]
        out[f"low_{w}"] = None if latest is None else latest["repeat_rate_low"]
        out[f"high_{w}"] = None if latest is None else latest["repeat_rate_high"]
        out[f"earlier_{w}"] = _safe_div(earlier["repeat_customers"].sum(), earlier["customers"].sum()) if len(earlier) else None
    no_90 = out["cohort_90"] is None
    first_30, first_90 = out["earlier_30"] is None, out["earlier_90"] is None
    out["variant"] = ("no_90.first" if no_90 and first_30 else "no_90" if no_90 else
                      "first" if first_30 and first_90 else "first_90" if first_90 else None)
    return out


def _tied_for_max(values: pd.Series) -> list[str]:
    """The labels of every known value equal to the largest, in the series' order (none when no
    value is known)."""
    known = pd.to_numeric(values, errors="coerce").dropna()
    return [] if known.empty else [str(k) for k in known.index[known == known.max()]]


def rfm_facts(segments: pd.DataFrame) -> dict:
    """The numbers the RFM title and takeaway state (from :func:`summarise_rfm_segments`).

    Segments that tie for the most customers, or for the largest growth, are all named
    (``largest`` and ``grower`` are then lists, which ``{…:segment}`` joins): a small store's
    page read "The largest segment is Important value (33.3%)" and "the segment that grew most
    (+1)" where three segments held one customer each. ``variant``: ``largest_tied`` when
    several are largest; then ``value_grew`` when important value alone grew most, or
    ``grower_tied`` when several grew most (e.g. ``largest_tied.grower_tied``), or ``none_grew``
    when no segment has more customers than at the prior month's end (``grower`` is then None):
    the page said "Important value … grew most (+0)" of a month in which none grew; ``no_value``
    (after ``largest_tied``) when no customer is important value.
    """
    s = segments.set_index("segment")
    largest = _tied_for_max(s["customers"])
    growers = _tied_for_max(s["customers_change"])
    # No segment has more customers than at the prior month's end: none "grew most (+0)".
    if growers and s.at[growers[0], "customers_change"] <= 0:
        growers = []
        grow = "none_grew"
    else:
        grow = None
    grower = growers[0] if len(growers) == 1 else (growers or None)
    grow = grow or ("grower_tied" if len(growers) > 1 else "value_grew" if grower == "important_value" else None)
    # No important-value customer at the month's end: the sentence says there are none, not
    # "number 0 (+0 since …) and brought 0.0%" (``no_value``; page.t picks the title's variant too).
    none = int(s.at["important_value", "customers"]) == 0
    return {
        "customers": int(s["customers"].sum()),
        "largest": largest[0] if len(largest) == 1 else largest,
        "largest_share": s.at[largest[0], "share"] if largest else None,
        "value_customers": int(s.at["important_value", "customers"]),
        "value_share": s.at["important_value", "share"],
        "value_sales_share": _safe_div(s.at["important_value", "window_paid_amount"], s["window_paid_amount"].sum()),
        "value_change": int(s.at["important_value", "customers_change"]),
        "grower": grower, "grower_change": int(s.at[growers[0], "customers_change"]) if growers else None,
        "variant": ".".join(filter(None, ["largest_tied" if len(largest) > 1 else None, "no_value" if none else None,
                                          grow])) or None,
    }


def movement_facts(moves: pd.DataFrame) -> dict:
    """The numbers the RFM movement title and takeaway state (from :func:`move_rfm_segments`).

    ``variant`` is ``no_value_before`` when no customer was important value at the prior
    month's end (the data's first month): none could stay or leave, where the sentence would
    say 0.0% stayed and the largest group that left had 0 customers.
    """
    entered = int(moves.loc[moves["from_segment"] == ENTERED, "customers"].sum())
    lapsed = int(moves.loc[moves["to_segment"] == LAPSED, "customers"].sum())
    value = moves[moves["from_segment"] == "important_value"]
    no_value_before = int(value["customers"].sum()) == 0
    stayed = value.loc[value["to_segment"] == "important_value", "share_of_from"].sum() if len(value) else None
    out_of = value[value["to_segment"] != "important_value"]
    top_out = out_of.loc[out_of["customers"].idxmax()] if len(out_of) else None
    return {
        "entered": entered, "lapsed": lapsed, "value_stayed": stayed,
        "value_left_to": None if top_out is None else top_out["to_segment"],
        "value_left": 0 if top_out is None else int(top_out["customers"]),
        "variant": "no_value_before" if no_value_before else None,
    }


def after_first_month(cohorts: pd.DataFrame) -> pd.DataFrame:
    """The cohort rows after the acquisition month (month 0 is 100 % by definition: left out
    of a retention heatmap so that it does not set the colour scale)."""
    return cohorts[cohorts["months_since"] >= 1].reset_index(drop=True)


def first_months(cohorts: pd.DataFrame, months: int = 6) -> pd.DataFrame:
    """The cohort rows of the acquisition month and the ``months`` after it (a table that
    fits the page)."""
    return cohorts[cohorts["months_since"] <= months].reset_index(drop=True)


def cohort_facts(cohorts: pd.DataFrame) -> dict:
    """The numbers the cohort title and takeaway state (from :func:`build_cohorts`).

    ``variant`` is ``no_amount`` when no cohort's revenue is known (the orders carry no paid
    amount, optional in the contract): the sentence states the retention alone, and the table
    (``table_values``, ``table_kind``) counts the customers still buying instead of their spend.
    ``young`` (after ``no_amount.`` where both hold) when no cohort is a month old yet (the
    data's first month: no retention to state), ``short`` when none is three months old (the
    spend by then is unknown): the sentence states what the young cohorts show.
    """
    m1 = cohorts[cohorts["months_since"] == 1]
    m3 = cohorts[cohorts["months_since"] == 3]
    m0 = cohorts[cohorts["cohort"].isin(m3["cohort"]) & (cohorts["months_since"] == 0)]
    latest = m1.sort_values("cohort").iloc[-1] if len(m1) else None
    m0_all = cohorts[cohorts["months_since"] == 0]
    no_amount = bool(cohorts["cumulative_revenue_per_customer"].isna().all())
    # Retention needs a cohort a month old; the spend by the third month, one three months old.
    age = None if len(m3) else ("young" if m1.empty else "short")
    return {
        "cohorts": int(cohorts["cohort"].nunique()),
        # The cohorts whose month after the first purchase is in the data: the retention is theirs
        # (the report month's own cohort has not had it yet; the page said "across the last 2
        # cohorts" of a rate only one of them could have).
        "month1_cohorts": int(m1["cohort"].nunique()),
        "month1_retention": _safe_div(m1["active_customers"].sum(), m1["cohort_customers"].sum()) if len(m1) else None,
        "latest_cohort": None if latest is None else latest["cohort"],
        "latest_month1": None if latest is None else latest["retention"],
        "revenue_m0": m0["cumulative_revenue_per_customer"].mean() if len(m0) else None,
        "revenue_m3": m3["cumulative_revenue_per_customer"].mean() if len(m3) else None,
        # Every cohort's first month (the sentence's spend when no cohort is three months old).
        "revenue_first": m0_all["cumulative_revenue_per_customer"].mean() if len(m0_all) else None,
        "first_customers": int(m0_all["cohort_customers"].sum()),
        "variant": ".".join(filter(None, ["no_amount" if no_amount else None,
                                          "young" if m1.empty else (None if no_amount else age)])) or None,
        # The table under the heatmap: the spend per customer, or without amounts the customers
        # still buying (month 0: the cohort).
        "table_values": "active_customers" if no_amount else "cumulative_revenue_per_customer",
        "table_kind": "count" if no_amount else "money2",
    }


def province_facts(provinces: pd.DataFrame) -> dict:
    """The numbers the province title and takeaway state (from :func:`summarise_provinces`).

    ``variant`` is ``no_amount`` when no province's paid amount is known (the orders carry
    none, optional in the contract): the title and sentence name the province with the most
    buyers instead of shares of sales (whose sums would read 0.0%), and the chart (``bars``,
    ``bars_kind``) draws the buyers. ``no_prior`` when no top-ten province sold in the prior
    month (nothing to compare: no fastest grower to name). Before it, how many provinces there
    are: ``one`` (one province: no ranking), ``few`` (two or three: no "top three"), ``some``
    (four to ten: no "top ten"), e.g. ``few.no_prior``.
    """
    top10 = provinces.head(10).dropna(subset=["sales_vs_prior"])
    grower = extremes.row_of_max(top10, "sales_vs_prior")
    most = extremes.row_of_max(provinces, "buyers")
    no_amount = bool(provinces["paid_amount"].isna().all())
    # How far the shares reach: with one province, "leads" and "the top three" read as a
    # ranking of one; with three or fewer, "the top three bring 100%" says nothing, and with
    # ten or fewer neither does "the top ten" (they are all the provinces).
    reach = "one" if len(provinces) == 1 else "few" if len(provinces) <= 3 else "some" if len(provinces) <= 10 else None
    return {
        "variant": "no_amount" if no_amount else ".".join(filter(None, [reach, "no_prior" if grower is None else None]))
        or None,
        # The chart's measure: sales, or without amounts the buyers (the order the table keeps).
        "bars": ["buyers"] if no_amount else ["paid_amount"], "bars_kind": "count" if no_amount else "money",
        "provinces": int(len(provinces)),
        "top": provinces["province"].iloc[0], "top_share": provinces["share_of_sales"].iloc[0],
        # min_count=1: shares of an unknown amount are unknown, not 0.
        "top3_share": provinces["share_of_sales"].head(3).sum(min_count=1),
        "top10_share": provinces["share_of_sales"].head(10).sum(min_count=1),
        "top_buyers": None if most is None else most["province"],
        "top_buyers_count": None if most is None else int(most["buyers"]),
        "grower": None if grower is None else grower["province"],
        "grower_change": None if grower is None else grower["sales_vs_prior"],
    }
