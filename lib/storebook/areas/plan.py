"""Planning (经营计划): a forecast of the next months per platform that knows the Chinese
retail calendar, how far such a forecast has been off, this month against the forecast made
before it, and a target for the next quarter with its assumptions.

The model (statsmodels; nothing hand-fitted): per platform and metric — paid amount and
paid orders from the orders table (by the day they were paid), visitors from the traffic
table's ``all`` rows — a quasi-Poisson GLM (log link, dispersion from Pearson's χ²) of the
daily values on

- a trend (per year) and, with more than :data:`ANNUAL_MIN_DAYS` days of history, one
  yearly wave (sine and cosine of the day of the year);
- the weekday, with 调休 working weekends as working days and public holidays (放假) apart,
  long ones (7 days or more) apart again;
- the festivals of :mod:`storebook.calendar`, each in the phases the platforms run it in
  (:data:`FESTIVAL_PHASES`: 双11's presale, first wave, run-in, peak day and the days after;
  618's; 双12; 38节; the 年货节; the Spring Festival logistics shutdown and New Year's Day).

A festival phase the history has not seen yet (618 when the history starts in September)
takes the mean effect of the same phase of the festivals it has seen, and says so.

The calendar knows the fixed-date festivals from the year each began, the Spring Festival and the 年货节
only in the years it has their dates for, and the public holidays only in the years published
(:func:`storebook.engine.calendar.unknown`). A history day where a festival it cannot place
may fall (Dec 27–Mar 1 of such a year) is left out of the fit — read as "no festival" it would
bias the weekday, trend and yearly wave — and the forecast's months where the calendar does
not know an event are said (``attrs["unknown"]``), not shown as holding none.

The calendar is China's: it is used where the store sells in China (a Chinese platform, or
amounts in CNY: :func:`storebook.engine.calendar.used_for`); elsewhere (a Shopify shop in EUR, a Brazilian web shop)
the model has the trend, the yearly wave and the plain weekday only, and the page says which
(:func:`basis_facts`). A platform's history ends on the last day of its own orders (its export
stops there: not days without orders), and a series with one value every day is forecast as
that value (the GLM's dispersion is 0 there). A fit needs :data:`MIN_HISTORY_DAYS` days of history
with a sale on :data:`MIN_SALE_DAYS` of them, and no simulated day exceeds :data:`PEAK_CEILING`
times the history's busiest: a sparse series' coefficients are near-infinite.

The orders' paid amount is optional in the contract (a units-only export has none): a
platform's paid amount is forecast only where every paid order of its history has one
(:func:`daily_history` says why); elsewhere its orders and visitors are forecast, backtested and
given targets all the same, and the takeaways state the orders (variant ``no_amount`` where no
order has an amount, ``part_amount`` where some have: they say for what share).

Intervals come from the model: :data:`DRAWS` draws of the coefficients from their
estimated distribution, each with the month's Poisson-like noise (variance = dispersion ×
mean), summed over the days of a month, a quarter, or the platforms. The backtest refits
the model on the history before each of the last :data:`BACKTEST_MONTHS` months and
forecasts that month: MAPE (平均绝对百分比误差) = the mean of |forecast − actual| ÷ actual.
"""

from __future__ import annotations

import functools
import warnings
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import ibis
import numpy as np
import pandas as pd

from storebook.engine import calendar
from storebook.engine.periods import Period, month_of
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL
from storebook.measures.metrics import headline_entries
from storebook.measures.partial import flag_partial
from storebook.measures.ratios import relative_change

#: What is forecast.
METRICS: tuple[str, ...] = ("paid_amount", "orders", "visitors")
HORIZON_MONTHS = 3
BACKTEST_MONTHS = 6
#: Days of history before a fit is attempted, and before a yearly wave is fitted.
MIN_HISTORY_DAYS = 120
#: Days with a sale (a value above 0) the history must hold before a fit is attempted: the UCI
#: Online Retail sample (orders on 5 days of a year: 1 Dec 2010 and four days of Nov 2011) was
#: fitted to a trend and forecast at ¥35,295,027,009,167,997,009,920 for December.
MIN_SALE_DAYS = 30
#: No simulated day exceeds this many times the history's busiest day. A phase the history saw
#: on a day or two of a sparse series (双11's peak on a day without a sale) is fitted with a
#: coefficient near ±infinity and a variance to match: its draws, or a festival borrowing it,
#: reached e^50 a day (a store of one order every third day forecast at 5 × 10²¹ orders in December).
PEAK_CEILING = 10.0
ANNUAL_MIN_DAYS = 400
#: Draws of the forecast's distribution (seeded: the same data give the same numbers).
DRAWS = 400
SEED = 20261
LEVEL = 0.95
#: The proposed target is this quantile of the next quarter's forecast: reached about one
#: quarter in four without doing anything new.
TARGET_QUANTILE = 0.75
#: The phases of each festival, in days relative to its peak (or its first day where it has
#: none): (phase, first offset, last offset).
FESTIVAL_PHASES: dict[str, tuple[tuple[str, int, int], ...]] = {
    "double11": (("presale", -22, -12), ("first_wave", -11, -8), ("run_in", -7, -1), ("peak", 0, 0),
                 ("after", 1, 3)),
    "618": (("presale", -18, -3), ("run_in", -2, -1), ("peak", 0, 0), ("after", 1, 3)),
    "double12": (("run_in", -2, -1), ("peak", 0, 0)),
    "women38": (("run_in", -7, -1), ("peak", 0, 0)),
    "nianhuo": (("days", 0, 40),),
    "spring_festival": (("shutdown", -7, 8), ("new_year", -1, 2)),
}


# ----------------------------------------------------------------------------- history

def daily_history(wb: Workbook, end: date, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Paid amount, paid orders and visitors per platform and day, up to ``end`` (excluded)
    or the last day the orders cover (:meth:`Workbook.data_range`), whichever comes first.

    Paid orders count by the day they were paid (``paid_at`` set); visitors are the sum
    over devices of the traffic table's daily ``all`` rows (period rows are not daily
    figures). A platform's days without an order from its first paid order to the last day
    the orders cover count 0; the days after it are not in the history (the export ends
    there: they are not days without orders). The same holds for each platform: its history
    ends on the last day of its own orders (``ordered_at``), where its export stops, though the
    other platforms' go on. A day without a traffic row leaves visitors unknown.

    The orders' paid amount is optional in the contract. A platform's paid amount is known
    on every day or on none: where any paid order of its history lacks one, the whole
    platform's paid amount is unknown (NaN) and is not forecast. A day's sum of the known
    amounts understates a day with unknowns, and a fit on the fully known days alone is
    biased as soon as the unknowns are not spread at random (a channel, a warehouse or a
    period whose export lacks them); the orders and visitors are forecast all the same.

    Returns:
        One row per platform × day: platform, day, paid_amount, orders, visitors.
        ``attrs["amount_known"]``: platform → (paid orders with a known amount, paid orders).
        ``attrs["ends"]``: platform → the last day of its history, for each platform whose
        orders end before ``end`` (and before the history's other platforms').
    Raises:
        NoDataError: no paid order before ``end`` on these platforms.
    """
    plats = wb.platforms(platforms)
    frames = []
    if wb.has("orders"):
        # The data end: an export that stops on the 5th holds no order for the 6th, which is
        # not a day without orders (read as 0 it drags a forecast down).
        end = min(end, wb.data_range()[1] + timedelta(days=1))
        # One question for the paid orders' days and each platform's own data end (its last
        # order, paid or not: a platform whose export stops before the others' has no order
        # after it, which is not a day without orders either). An order that is not paid before
        # ``end`` falls in its platform's group of no day, which only gives its last order.
        o = wb.table("orders")
        o = o.filter(o.platform.isin(plats))
        paid = o.paid_at.notnull() & (o.paid_at < pd.Timestamp(end))
        o = o.mutate(day=paid.ifelse(o.paid_at.date(), ibis.null("date")))
        grouped = wb.execute(o.group_by(["platform", "day"]).aggregate(
            paid_amount=o.paid_amount.sum().cast("float64"), orders=o.count(), known=o.paid_amount.count(),
            last=o.ordered_at.max().date()))
        ends = {p: pd.Timestamp(d) + pd.Timedelta(days=1) for p, d in grouped.groupby("platform")["last"].max().items()}
        frames.append(grouped[grouped["day"].notna()].drop(columns="last").reset_index(drop=True))
    if not frames or frames[0].empty:
        raise NoDataError(f"no paid orders before {end} on {', '.join(plats)}: a forecast needs the order history",
                          key="plan.no_orders", values={"day": end, "year": end.year})
    sales = frames[0].assign(day=lambda d: pd.to_datetime(d["day"]))
    out, amount_known, stops = [], {}, {}
    for platform, g in sales.groupby("platform"):
        known, paid = int(g["known"].sum()), int(g["orders"].sum())
        amount_known[platform] = (known, paid)
        stop = min(pd.Timestamp(end), ends.get(platform, pd.Timestamp(end)))
        if stop < pd.Timestamp(end):
            stops[platform] = (stop - pd.Timedelta(days=1)).date()
        days = pd.date_range(g["day"].min(), stop - pd.Timedelta(days=1), freq="D")
        daily = pd.DataFrame({"day": days}).merge(g.drop(columns="known"), on="day", how="left").assign(
            platform=platform)
        amount = daily["paid_amount"].mask(daily["orders"].isna(), 0.0) if known == paid else np.nan
        out.append(daily.assign(paid_amount=amount).fillna({"orders": 0}))
    hist = pd.concat(out, ignore_index=True)
    if wb.has("traffic"):
        t = wb.table("traffic")
        t = t.filter(t.channel == "all", t.period_end_on.isnull(), t.visited_on < pd.Timestamp(end),
                     t.platform.isin(plats))
        visits = wb.execute(t.group_by(["platform", "visited_on"]).aggregate(visitors=t.visitors.sum().cast("float64")))
        visits = visits.rename(columns={"visited_on": "day"}).assign(day=lambda d: pd.to_datetime(d["day"]))
        hist = hist.merge(visits, on=["platform", "day"], how="left")
    else:
        hist = hist.assign(visitors=np.nan)
    order = {p: i for i, p in enumerate(plats)}
    hist = hist.assign(orders=hist["orders"].astype("int64"), _p=hist["platform"].map(order))
    hist = hist.sort_values(["_p", "day"]).drop(columns="_p").reset_index(drop=True)[
        ["platform", "day", "paid_amount", "orders", "visitors"]]
    hist.attrs["amount_known"] = {p: amount_known[p] for p in plats if p in amount_known}
    hist.attrs["ends"] = {p: stops[p] for p in plats if p in stops}
    return hist


# ----------------------------------------------------------------------------- the calendar as regressors

def _phase_days(start: date, end: date) -> dict[str, set[date]]:
    """Days of each ``<festival>_<phase>`` between start and end (events reaching into the window)."""
    out: dict[str, set[date]] = {}
    for e in calendar.events(start - timedelta(days=40), end + timedelta(days=40), china=True):  # China's only
        if e.kind not in FESTIVAL_PHASES:
            continue
        anchor = e.peak_on or e.starts_on
        for phase, a, b in FESTIVAL_PHASES[e.kind]:
            days = {anchor + timedelta(days=k) for k in range(a, b + 1)}
            if e.kind == "nianhuo":
                days = {d for d in days if e.covers(d)}
            out.setdefault(f"{e.kind}_{phase}", set()).update(d for d in days if start <= d <= end)
    return out


def calendar_features(start: date, end: date, origin: date, annual: bool, china: bool = True,
                      country: str | None = None) -> pd.DataFrame:
    """The regressors of each day of ``start..end`` (both included) — a copy of the cached frame.

    Columns: const, trend (years since ``origin``), sin_year/cos_year (when ``annual``),
    weekday dummies dow_1…dow_6 (Monday = 0, the base; a 调休 working weekend counts as a
    Wednesday), holiday, long_holiday, and one 0/1 column per festival phase of
    :data:`FESTIVAL_PHASES` (``double11_peak`` …), indexed by day. Without ``china`` (a store
    that does not sell in China: :func:`storebook.engine.calendar.china_market`) only const,
    trend, the yearly wave and the plain weekday: none of China's festivals, holidays or 调休;
    with its own ``country`` (:func:`storebook.engine.calendar.own_country`) also holiday and
    long_holiday, from that country's public holidays.
    """
    return _features(start, end, origin, annual, china, None if china else country).copy()


@functools.lru_cache(maxsize=64)
def _features(start: date, end: date, origin: date, annual: bool, china: bool = True,
              country: str | None = None) -> pd.DataFrame:
    # A report fits a dozen series on the same days, and the backtest refits them on six spans.
    if china:
        kinds = calendar.day_kinds(start, end, china=True)
        day = pd.to_datetime(kinds["date"])
        weekday = np.where(kinds["is_swapped_workday"], 2, kinds["weekday"])
    else:
        day = pd.Series(pd.date_range(start, end, freq="D").astype("datetime64[s]"))
        weekday = day.dt.day_of_week.to_numpy()
    doy = day.dt.day_of_year.to_numpy()
    cols: dict[str, np.ndarray] = {
        "const": np.ones(len(day)),
        "trend": ((day - pd.Timestamp(origin)).dt.days / 365.25).to_numpy(),
    }
    if annual:
        cols["sin_year"], cols["cos_year"] = np.sin(2 * np.pi * doy / 365.25), np.cos(2 * np.pi * doy / 365.25)
    for k in range(1, 7):
        cols[f"dow_{k}"] = (weekday == k).astype(float)
    if not china and country:  # a store outside China: its own country's public holidays
        holidays = calendar.events(start, end, china=False, country=country)
        long_days = {e.starts_on + timedelta(days=k) for e in holidays if e.days >= 7 for k in range(e.days)}
        cols["holiday"] = np.array([any(e.covers(d.date()) for e in holidays) for d in day], dtype=float)
        cols["long_holiday"] = np.array([d.date() in long_days for d in day], dtype=float)
    if not china:
        return pd.DataFrame(cols, index=pd.DatetimeIndex(day))
    holidays = [e for e in calendar.events(start, end, china=True) if e.kind == "public_holiday"]
    long_days = {e.starts_on + timedelta(days=k) for e in holidays if e.days >= 7 for k in range(e.days)}
    cols["holiday"] = kinds["is_holiday"].to_numpy(float)
    cols["long_holiday"] = np.array([d.date() in long_days for d in day], dtype=float)
    phases = _phase_days(start, end)
    for kind, spec in FESTIVAL_PHASES.items():
        for phase, _, _ in spec:
            name = f"{kind}_{phase}"
            cols[name] = np.array([d.date() in phases.get(name, set()) for d in day], dtype=float)
    return pd.DataFrame(cols, index=day)


# ----------------------------------------------------------------------------- fitting

@dataclass
class _Fit:
    """One platform × metric fit: coefficients, their covariance, the dispersion, and notes."""

    params: pd.Series
    cov: pd.DataFrame
    scale: float
    origin: date
    annual: bool
    borrowed: list[str] = field(default_factory=list)
    #: The series' one value where every day of the history had the same (it is forecast as such).
    constant: float | None = None
    #: Fitted on China's calendar (False: the weekday and the season only).
    china: bool = True
    #: Outside China: the country whose public holidays the fit has (None: none).
    country: str | None = None
    #: The history's busiest day (a simulated day stays below PEAK_CEILING times it).
    peak: float | None = None


def _fit(series: pd.Series, origin: date, china: bool = True, country: str | None = None) -> _Fit | None:
    """A quasi-Poisson GLM of one daily series (index: day) on :func:`calendar_features` (China's
    calendar unless ``china`` is False; then ``country``'s public holidays, if any); None with too
    little history."""
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM

    y = series.dropna()
    if len(y) and china:
        # Days where a festival the calendar cannot place may fall: read as "no festival" they
        # would bias the other coefficients (module docstring).
        unknown = [(a, b) for kind, _, a, b in calendar.unknown_spans(y.index.min().date(), y.index.max().date())
                   if kind in calendar.MOVING_KINDS]
        for a, b in unknown:
            y = y[(y.index < pd.Timestamp(a)) | (y.index > pd.Timestamp(b))]
    if len(y) < MIN_HISTORY_DAYS or int((y > 0).sum()) < MIN_SALE_DAYS:
        return None
    if y.nunique() == 1:
        # The same value every day (one order a day): the GLM's best fit is that constant with
        # no noise at all, so Pearson's χ² and the dispersion are 0 and statsmodels' first
        # deviance is 0/0 (it raises). The fit it would reach, stated directly: the constant,
        # no calendar effect (the history shows none), no noise.
        level = pd.Series({"const": float(np.log(y.iloc[0]))})
        return _Fit(level, pd.DataFrame(0.0, index=level.index, columns=level.index), 0.0, origin, False,
                    constant=float(y.iloc[0]), china=china, country=country)
    annual = len(y) >= ANNUAL_MIN_DAYS
    X = calendar_features(y.index.min().date(), y.index.max().date(), origin, annual, china, country).loc[y.index]
    seen = [c for c in X.columns if X[c].abs().sum() > 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a non-integer amount under a Poisson family: quasi-likelihood, as intended
        res = GLM(y.to_numpy(float), X[seen].to_numpy(float), family=Poisson()).fit(scale="X2")
    params = pd.Series(res.params, index=seen)
    cov = pd.DataFrame(np.asarray(res.cov_params()), index=seen, columns=seen)
    return _Fit(params, cov, float(res.scale), origin, annual, china=china, country=country, peak=float(y.max()))


def _design(fit: _Fit, start: date, end: date) -> tuple[pd.DataFrame, list[str]]:
    """The fit's columns for the days start..end: a phase it has not seen borrows the mean of
    the same phase of the festivals it has (their columns share the weight)."""
    X = calendar_features(start, end, fit.origin, fit.annual, fit.china, fit.country)
    borrowed = []
    out = X[fit.params.index].copy()
    for col in X.columns:
        if col in fit.params.index or X[col].sum() == 0 or "_" not in col or col.startswith("dow_"):
            continue
        phase = col.split("_", 1)[1]
        donors = [c for c in fit.params.index if c.split("_", 1)[-1] == phase and c != col
                  and c.split("_", 1)[0] in {k.split("_")[0] for k in FESTIVAL_PHASES}]
        if donors:
            for d in donors:
                out[d] = out[d] + X[col] / len(donors)
            borrowed.append(col)
    return out, borrowed


def _draws(fit: _Fit, start: date, end: date, rng: np.random.Generator) -> tuple[pd.DatetimeIndex, np.ndarray, list[str]]:
    """(days, DRAWS × days of simulated daily values, the phases borrowed)."""
    X, borrowed = _design(fit, start, end)
    cov = fit.cov.to_numpy()
    # A column that is almost a copy of another leaves the covariance barely positive: a
    # jitter far below any coefficient's variance lets the Cholesky factor exist.
    factor = np.linalg.cholesky(cov + np.eye(len(cov)) * max(float(np.trace(cov)), 1e-12) * 1e-10)
    beta = fit.params.to_numpy() + rng.standard_normal((DRAWS, len(cov))) @ factor.T
    ceiling = np.log(fit.peak * PEAK_CEILING) if fit.peak else 50.0
    mu = np.exp(np.clip(beta @ X.to_numpy(float).T, -50, ceiling))
    return X.index, mu, borrowed


def _month_sums(days: pd.DatetimeIndex, mu: np.ndarray, scale: float, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Draws of each month's total: the mean path summed, plus the month's own noise."""
    out = {}
    months = days.strftime("%Y-%m")
    for m in dict.fromkeys(months):
        total = mu[:, months == m].sum(axis=1)
        out[m] = np.maximum(total + rng.normal(0, 1, len(total)) * np.sqrt(max(scale, 1e-9) * total), 0.0)
    return out


def _forecast_draws(hist: pd.DataFrame, first: date, last: date | dict[str, date], origin: date,
                    metrics: Sequence[str], china: bool = True, country: str | None = None
                    ) -> tuple[dict[tuple[str, str], dict[str, np.ndarray]], dict[tuple[str, str], _Fit]]:
    """Monthly draws per platform × metric for first..last, from the history given; ``last``
    may be per platform (a platform whose data end before ``first`` is not forecast);
    ``china``: fit on China's calendar, else on ``country``'s public holidays (:func:`_fit`)."""
    rng = np.random.default_rng(SEED)
    draws, fits = {}, {}
    for platform, g in hist.groupby("platform", sort=False):
        upto = last.get(platform) if isinstance(last, dict) else last
        if upto is None or upto < first:
            continue
        g = g.set_index("day")
        for metric in metrics:
            fit = _fit(g[metric], origin, china, country)
            if fit is None:
                continue
            days, mu, borrowed = _draws(fit, first, upto, rng)
            fit.borrowed = borrowed
            draws[(platform, metric)] = _month_sums(days, mu, fit.scale, rng)
            fits[(platform, metric)] = fit
    return draws, fits


def _summarise(draws: dict[tuple[str, str], dict[str, np.ndarray]], platforms: list[str],
               level: float = LEVEL) -> pd.DataFrame:
    """Forecast, interval and target quantile per platform (and total) × metric × month."""
    rows = []
    q = (1 - level) / 2
    metrics = list(dict.fromkeys(m for _, m in draws))
    for metric in metrics:
        per = {p: draws[(p, metric)] for p in platforms if (p, metric) in draws}
        if not per:
            continue
        months = list(next(iter(per.values())))
        complete = len(per) == len(platforms)
        for platform, sims in [*per.items(), *([(TOTAL, {m: sum(s[m] for s in per.values()) for m in months})]
                                              if complete else [])]:
            for month in months:
                x = sims[month]
                rows.append({"platform": platform, "metric": metric, "month": month, "forecast": float(np.mean(x)),
                             "low": float(np.quantile(x, q)), "high": float(np.quantile(x, 1 - q)),
                             "target": float(np.quantile(x, TARGET_QUANTILE))})
    return pd.DataFrame(rows, columns=["platform", "metric", "month", "forecast", "low", "high", "target"])


# ----------------------------------------------------------------------------- the report's functions

def _origin(hist: pd.DataFrame) -> date:
    return pd.Timestamp(hist["day"].min()).date()


#: Results already computed per open workbook: the sections of a report share the fits.
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _cached(wb: Workbook, key: tuple, compute):
    store = _CACHE.setdefault(wb, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def _festivals_in(first: date, last: date, china: bool) -> list[str]:
    """The kinds of China's festivals in first..last (the public holidays apart), sorted (none
    for a store that does not sell in China)."""
    return sorted({e.kind for e in calendar.events(first, last, china=china) if e.kind != "public_holiday"})


def _final(wb: Workbook, period: Period, plats: list[str], months: int):
    """(history, draws, fits) of the forecast after ``period`` for every metric (cached)."""
    def compute():
        hist = daily_history(wb, period.end, plats)
        draws, fits = _forecast_draws(hist, period.end, period.shift_months(months).last_day, _origin(hist), METRICS,
                                      calendar.used_for(wb) is not None, calendar.own_country(wb))
        return hist, draws, fits

    return _cached(wb, ("final", period, tuple(plats), months), compute)


def _amount_known(hist: pd.DataFrame) -> tuple[int, int] | None:
    """(paid orders with a known amount, paid orders) of the history's platforms together
    (:func:`daily_history`'s ``attrs["amount_known"]``), for the takeaways that say for how many
    orders the amount not forecast is known; None where the history does not say."""
    known = hist.attrs.get("amount_known")
    if not known:
        return None
    return sum(k for k, _ in known.values()), sum(n for _, n in known.values())


def _say_amount_left_out(hist: pd.DataFrame, metrics: Sequence[str]) -> None:
    """Flag the running section partial where a platform's paid amount is known for some of
    its history's orders only, and so is not forecast (:func:`daily_history`). Where it is
    known for none, the section's needs already say the amount is not in the data."""
    if "paid_amount" not in metrics:
        return
    part = {p: kp for p, kp in hist.attrs.get("amount_known", {}).items() if 0 < kp[0] < kp[1]}
    if part:
        flag_partial("page.partial.plan_amount", platforms=", ".join(part),
                     share=sum(k for k, _ in part.values()) / sum(n for _, n in part.values()))


def _final_for(wb: Workbook, period: Period, plats: list[str], months: int, metrics: Sequence[str]):
    """:func:`_final` kept to ``metrics``: (history, draws, fits).

    Raises:
        NoDataError: no platform has enough history to forecast.
    """
    hist, draws, fits = _final(wb, period, plats, months)
    _say_amount_left_out(hist, metrics)
    draws = {k: v for k, v in draws.items() if k[1] in metrics}
    fits = {k: v for k, v in fits.items() if k[1] in metrics}
    if not draws:
        raise NoDataError(f"no platform has {MIN_HISTORY_DAYS} days of orders, {MIN_SALE_DAYS} of them with a sale, "
                          f"before {period.end}: too little history to forecast", key="plan.too_little_history",
                          values={"days": MIN_HISTORY_DAYS, "sale_days": MIN_SALE_DAYS, "day": period.end,
                                  "year": period.end.year})
    return hist, draws, fits


def forecast_months(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                    months: int = HORIZON_MONTHS, metrics: Sequence[str] = METRICS) -> pd.DataFrame:
    """The next ``months`` months after ``period``, per platform and in total, with 95 % intervals.

    The model is fitted on the whole history up to the end of ``period`` (see the module
    docstring); ``target`` is the :data:`TARGET_QUANTILE` quantile (what a target could ask).

    Returns:
        One row per platform (then ``total``, when every platform could be forecast) ×
        metric × month: platform, metric, month (``YYYY-MM``), forecast, low, high, target.
        ``attrs``: ``trend`` (platform × metric → growth per year the fit found),
        ``borrowed`` (the festival phases the history had not seen), ``events`` (the
        calendar's events in the months, by kind), ``unknown`` (kind → the years of the
        months whose events of that kind the calendar does not know: not in the forecast),
        ``country`` (:func:`storebook.engine.calendar.country_of`) and ``country_set``
        (:func:`storebook.engine.calendar.country_set`: why China's festivals are left out).
    Raises:
        NoDataError: fewer than :data:`MIN_HISTORY_DAYS` days of orders on every platform.
    """
    plats = wb.platforms(platforms)
    first, last = period.end, period.shift_months(months).last_day
    hist, draws, fits = _final_for(wb, period, plats, months, metrics)
    out = _summarise(draws, [p for p in plats if any((p, m) in draws for m in metrics)])
    out.attrs["ends"] = {p: d for p, d in hist.attrs.get("ends", {}).items() if any((p, m) in draws for m in metrics)}
    out.attrs["constant"] = {(p, m): f.constant for (p, m), f in fits.items() if f.constant is not None}
    out.attrs["trend"] = {f"{p}.{m}": float(np.exp(f.params.get("trend", 0.0)) - 1) for (p, m), f in fits.items()}
    out.attrs["borrowed"] = sorted({b for f in fits.values() for b in f.borrowed})
    out.attrs["calendar"] = calendar.used_for(wb)
    out.attrs["country"] = calendar.country_of(wb)
    out.attrs["country_set"] = calendar.country_set(wb)  # why not China's calendar ({country_set:not_china})
    china = out.attrs["calendar"] is not None
    out.attrs["events"] = _festivals_in(first, last, china)
    out.attrs["unknown"] = calendar.unknown(first, last) if china else {}
    # A store outside China whose own country's public holidays the fit has: how many fall in the
    # months (the sentence said "The calendar in these months: none" above Christmas).
    own = None if china else calendar.own_country(wb)
    out.attrs["holidays"] = (own, len(calendar.events(first, last, china=False, country=own))) if own else None
    out.attrs["amount_known"] = _amount_known(hist)
    return out


def backtest(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
             months: int = BACKTEST_MONTHS, metrics: Sequence[str] = METRICS) -> pd.DataFrame:
    """The forecast made before each of the last ``months`` months (ending with ``period``) against what happened.

    Each month is forecast by a model fitted on the history before it (one month ahead).
    Formula: error = forecast ÷ actual − 1; ape = |error|; the month's actual is the sum
    of the history's days (visitors only where every day has a traffic row). A month the
    history ends inside (the data end before its last day) is forecast and summed over the
    days the history holds.

    Returns:
        One row per platform (and ``total``) × metric × month with both a forecast and an
        actual: platform, metric, month, actual, forecast, low, high, error, ape, inside
        (the actual within the interval).
    Raises:
        NoDataError: no month of the window has enough history before it.
    """
    plats = wb.platforms(platforms)
    out = _cached(wb, ("backtest", period, tuple(plats), months, tuple(metrics)),
                  lambda: _backtest(wb, period, plats, months, metrics)).copy()
    hist = _final(wb, period, plats, HORIZON_MONTHS)[0]
    _say_amount_left_out(hist, metrics)
    out.attrs["amount_known"] = _amount_known(hist)
    return out


def _backtest(wb: Workbook, period: Period, plats: list[str], months: int, metrics: Sequence[str]) -> pd.DataFrame:
    hist = _final(wb, period, plats, HORIZON_MONTHS)[0]
    origin = _origin(hist)
    # Each platform's month is the days its own data hold (daily_history: a platform's history
    # ends where its export does); the total adds the platforms that have days in the month.
    data_last = {p: pd.Timestamp(d).date() for p, d in hist.groupby("platform")["day"].max().items()}
    rows = []
    for k in range(months - 1, -1, -1):
        month = period.shift_months(-k)
        before = hist[hist["day"] < month.start_ts]
        if before.empty or max(data_last.values()) < month.start:
            continue
        draws, _ = _forecast_draws(before, month.start, {p: min(month.last_day, d) for p, d in data_last.items()},
                                   origin, metrics, calendar.used_for(wb) is not None, calendar.own_country(wb))
        if not draws:
            continue
        rows.append(_summarise(draws, [p for p in plats if any((p, m) in draws for m in metrics)]))
    if not rows:
        first = period.shift_months(-(months - 1)).label
        raise NoDataError(f"too little history before {first} for a backtest", key="plan.no_backtest",
                          values={"month": first})
    fc = pd.concat(rows, ignore_index=True)
    inside = hist[hist["day"] >= period.shift_months(-(months - 1)).start_ts].assign(
        month=lambda d: d["day"].dt.strftime("%Y-%m"))
    actual = []
    for metric in metrics:
        sums = inside.groupby(["platform", "month"])[metric].agg(lambda s: s.sum() if s.notna().all() else np.nan)
        per = sums.reset_index().rename(columns={metric: "actual"}).assign(metric=metric)
        tot = per.groupby("month", as_index=False)["actual"].agg(lambda s: s.sum() if s.notna().all() else np.nan)
        actual.append(pd.concat([per, tot.assign(platform=TOTAL, metric=metric)], ignore_index=True))
    out = fc.merge(pd.concat(actual, ignore_index=True), on=["platform", "metric", "month"], how="inner")
    out = out.dropna(subset=["actual"])
    out = out[out["actual"] > 0]
    return out.assign(error=out["forecast"] / out["actual"] - 1, ape=(out["forecast"] / out["actual"] - 1).abs(),
                      inside=(out["actual"] >= out["low"]) & (out["actual"] <= out["high"]))[
        ["platform", "metric", "month", "actual", "forecast", "low", "high", "error", "ape", "inside"]
    ].reset_index(drop=True)


def summarise_backtest(backtest_rows: pd.DataFrame) -> pd.DataFrame:
    """MAPE per platform × metric over the backtest's months.

    Returns:
        One row per platform × metric: platform, metric, months, mape, worst_month,
        worst_error, inside_share (months whose actual fell inside the interval).
    """
    g = backtest_rows.groupby(["platform", "metric"], sort=False)
    worst = backtest_rows.loc[g["ape"].idxmax(), ["platform", "metric", "month", "error"]].rename(
        columns={"month": "worst_month", "error": "worst_error"})
    out = g.agg(months=("ape", "size"), mape=("ape", "mean"), inside_share=("inside", "mean")).reset_index()
    out = out.merge(worst, on=["platform", "metric"])[
        ["platform", "metric", "months", "mape", "worst_month", "worst_error", "inside_share"]]
    out.attrs["amount_known"] = backtest_rows.attrs.get("amount_known")
    return out


def check_month(backtest_rows: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The report month's actuals against the forecast made before it (the backtest's last month).

    Returns:
        The rows of ``backtest_rows`` for ``period``.
    Raises:
        NoDataError: the month was not forecast (too little history before it).
    """
    out = backtest_rows[backtest_rows["month"] == period.label].reset_index(drop=True)
    if out.empty:
        raise NoDataError(f"{period.label} was not forecast beforehand: too little history before it",
                          key="plan.not_forecast", values={"month": period.label})
    return out


def propose_targets(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                    metrics: Sequence[str] = ("paid_amount", "orders")) -> pd.DataFrame:
    """A target for the next quarter per platform (下季度目标建议), with what it assumes.

    The quarter is the :data:`HORIZON_MONTHS` months after ``period``. The forecast and its
    interval come from :func:`forecast_months` summed over the quarter (the draws are summed
    before their quantiles are taken); target = the quarter's :data:`TARGET_QUANTILE`
    quantile; last_year = the same months a year earlier where the history has them; mape =
    the backtest's (:func:`backtest`) for the platform and metric.

    Returns:
        One row per platform (and ``total``) × metric: platform, metric, quarter (first and
        last month), forecast, low, high, target, last_year, target_vs_last_year,
        target_vs_forecast, trend (growth per year the fit found), mape.
        ``attrs["events"]`` and ``attrs["borrowed"]`` as :func:`forecast_months`.
    Raises:
        NoDataError: as :func:`forecast_months`.
    """
    plats = wb.platforms(platforms)
    first, last = period.end, period.shift_months(HORIZON_MONTHS).last_day
    hist, draws, fits = _final_for(wb, period, plats, HORIZON_MONTHS, metrics)
    label = f"{month_of(first).label}…{month_of(last).label}"
    quarter = {key: {label: sum(sims.values())} for key, sims in draws.items()}
    out = _summarise(quarter, [p for p in plats if any((p, m) in draws for m in metrics)]).rename(
        columns={"month": "quarter"})
    year_before = hist[(hist["day"] >= pd.Timestamp(first) - pd.DateOffset(years=1))
                       & (hist["day"] <= pd.Timestamp(last) - pd.DateOffset(years=1))]
    covered = (year_before.groupby("platform")["day"].nunique() >= (last - first).days + 1)
    ly = year_before.groupby("platform")[list(metrics)].sum().where(covered, np.nan)
    ly.loc[TOTAL] = ly.sum(min_count=len(ly)) if len(ly) == len(plats) and covered.all() else np.nan
    tests = summarise_backtest(backtest(wb, period, plats)).set_index(["platform", "metric"])["mape"]
    trend = {(p, m): float(np.exp(f.params.get("trend", 0.0)) - 1) for (p, m), f in fits.items()}
    out = out.assign(
        last_year=[ly.at[p, m] if p in ly.index else np.nan for p, m in zip(out["platform"], out["metric"], strict=True)],
        trend=[trend.get((p, m), np.nan) for p, m in zip(out["platform"], out["metric"], strict=True)],
        mape=[tests.get((p, m), np.nan) for p, m in zip(out["platform"], out["metric"], strict=True)],
    ).astype({"last_year": "float64"})
    out = out.assign(target_vs_last_year=relative_change(out["target"], out["last_year"]),
                     target_vs_forecast=relative_change(out["target"], out["forecast"]))
    out.attrs["events"] = _festivals_in(first, last, calendar.used_for(wb) is not None)
    out.attrs["borrowed"] = sorted({b for f in fits.values() for b in f.borrowed})
    out.attrs["amount_known"] = _amount_known(hist)
    # What the fit carried on (targets_facts' assumption): China's festivals, or a foreign
    # store's seasons (and its own country's public holidays where they are known).
    out.attrs["calendar"] = calendar.used_for(wb)
    out.attrs["own_holidays"] = calendar.own_country(wb) is not None
    return out[["platform", "metric", "quarter", "forecast", "low", "high", "target", "last_year",
                "target_vs_last_year", "target_vs_forecast", "trend", "mape"]]


# ----------------------------------------------------------------------------- the report's numbers

#: The planning headline: the next month's forecast and the backtest error, all platforms.
HEADLINE_METRICS: tuple[str, ...] = ("forecast_paid_amount", "forecast_orders", "mape_paid_amount", "mape_orders")


def plan_headline(forecast: pd.DataFrame, backtest_rows: pd.DataFrame, history: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """The planning headline: next month's forecast (all platforms) against the report month's
    actual and the same month last year, and the backtest's MAPE.

    Args:
        forecast: :func:`forecast_months`; backtest_rows: :func:`backtest`; history:
            :func:`daily_history` (for last year's month), optional.
    Returns:
        One row per metric: metric, value, vs_prior (against the report month's actual),
        vs_last_year (against the same month a year before), prior, last_year.
    """
    total = forecast[forecast["platform"] == TOTAL]
    if total.empty:
        return pd.DataFrame(columns=["metric", "value", "prior", "last_year", "vs_prior", "vs_last_year"])
    nxt = total["month"].min()
    rows = []
    last_month = backtest_rows["month"].max() if len(backtest_rows) else None
    for metric in ("paid_amount", "orders"):
        f = total[(total["metric"] == metric) & (total["month"] == nxt)]
        if f.empty:
            continue
        actual = backtest_rows[(backtest_rows["platform"] == TOTAL) & (backtest_rows["metric"] == metric)
                               & (backtest_rows["month"] == last_month)]["actual"]
        prior = float(actual.iloc[0]) if len(actual) else np.nan
        if (history is not None and last_month is not None
                and history.groupby("platform")["day"].max().min() < pd.Period(last_month).end_time.floor("D")):
            prior = np.nan  # the data (a platform's) end inside the report month: its days so far are not a month
        ly = np.nan
        if history is not None:
            day = pd.Period(nxt) - 12
            h = history[history["day"].dt.to_period("M") == day]
            if h["platform"].nunique() and len(h) == h["platform"].nunique() * day.days_in_month:
                ly = float(h[metric].sum())
        value = float(f["forecast"].iloc[0])
        rows.append({"metric": f"forecast_{metric}", "value": value, "prior": prior, "last_year": ly,
                     "vs_prior": value / prior - 1 if prior == prior and prior else np.nan,
                     "vs_last_year": value / ly - 1 if ly == ly and ly else np.nan})
        mape = backtest_rows[(backtest_rows["platform"] == TOTAL) & (backtest_rows["metric"] == metric)]["ape"]
        if len(mape):
            rows.append({"metric": f"mape_{metric}", "value": float(mape.mean()), "prior": np.nan, "last_year": np.nan,
                         "vs_prior": np.nan, "vs_last_year": np.nan})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- the report's facts
# The numbers each section's sentences and records name, from the frames above (no metric
# is computed here).

def headline_record(headline: pd.DataFrame, text: Any) -> list[dict[str, Any]]:
    """The ``plan.headline`` record the report index shows."""
    return headline_entries(headline, text)


def cards(headline: pd.DataFrame) -> pd.DataFrame:
    """The headline as the metric cards show it (one ``total`` row per metric)."""
    return headline.assign(platform="total")


def _total(frame: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The all-platforms rows of one metric (the only platform's where the report has one)."""
    rows = frame[(frame["platform"] == TOTAL) & (frame["metric"] == metric)]
    return rows if len(rows) else frame[frame["metric"] == metric]


def _amount_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`_total` of the paid amount, which a takeaway states; empty when the paid amount
    was not forecast on every platform whose orders were (the orders' amounts, an optional
    column, unknown on a platform: :func:`daily_history`), so a takeaway never gives one
    platform's amount, or a made-up one, as the store's."""
    amount, orders = (set(frame.loc[frame["metric"] == m, "platform"]) for m in ("paid_amount", "orders"))
    if not amount or amount != orders:
        return frame.iloc[0:0]
    return _total(frame, "paid_amount")


def _stated(frame: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The rows a takeaway states: the paid amount's (:func:`_amount_rows`), else the paid
    orders' with the variant ``orders``: ``no_amount`` where no order of the history has a paid
    amount (a units-only export: "not known for every order" would understate it),
    ``part_amount`` where some have (:func:`_amount_facts`), ``orders`` where the frame does not
    say.

    Raises:
        NoDataError: neither was forecast.
    """
    amount = _amount_rows(frame)
    if len(amount):
        return amount, None
    orders = _total(frame, "orders")
    if orders.empty:
        raise NoDataError("neither the paid amount nor the paid orders were forecast: too little history",
                          key="no_data.forecast")
    known = frame.attrs.get("amount_known")
    if known and known[1]:
        return orders, "no_amount" if known[0] == 0 else "part_amount" if known[0] < known[1] else "orders"
    return orders, "orders"


def _amount_facts(frame: pd.DataFrame) -> dict[str, Any]:
    """``amount_share``: the share of the history's paid orders with a known paid amount
    (``part_amount``: "known for 40.0% of the orders"), from the frame's ``attrs["amount_known"]``."""
    known = frame.attrs.get("amount_known")
    return {"amount_share": known[0] / known[1] if known and known[1] else None}


def headline_facts(forecast: pd.DataFrame, backtest_rows: pd.DataFrame) -> dict[str, Any]:
    """Next month's forecast (all platforms) and the backtest's mean error; without a paid
    amount forecast (variant ``orders``) the orders' forecast, interval and error."""
    amount, variant = _stated(forecast)
    orders = _total(forecast, "orders")
    if variant:
        first = orders[orders["month"] == orders["month"].min()].iloc[0]
        errors = _total(backtest_rows, "orders")["ape"]
        return {"variant": variant, **_amount_facts(forecast), "month": first["month"],
                "orders": first["forecast"], "orders_low": first["low"],
                "orders_high": first["high"], "mape": float(errors.mean()) if len(errors) else None,
                "months": int(len(errors))}
    first = amount[amount["month"] == amount["month"].min()].iloc[0]
    n_orders = orders.loc[orders["month"] == first["month"], "forecast"]
    errors = _total(backtest_rows, "paid_amount")["ape"]
    return {"month": first["month"], "paid_amount": first["forecast"], "paid_low": first["low"],
            "paid_high": first["high"], "orders": float(n_orders.iloc[0]) if len(n_orders) else None,
            "mape": float(errors.mean()) if len(errors) else None, "months": int(len(errors))}


def _scope(frame: pd.DataFrame, rows: pd.DataFrame) -> str:
    """What the stated rows (:func:`_stated`) of ``frame`` sum, for ``{scope:platform}``:
    ``total`` ("All platforms"/"全平台"), or the only platform the frame forecasts (a store that
    sells on one, or a page of one): "across the platforms" of a single Shopify shop said what is
    not so. Its total row is that platform's again."""
    plats = set(rows["platform"]) - {TOTAL}
    if not plats:
        plats = set(frame.loc[frame["metric"].isin(set(rows["metric"])), "platform"]) - {TOTAL}
    return next(iter(plats)) if len(plats) == 1 else TOTAL


def _festival(phase: str) -> str:
    """The festival a ``<festival>_<phase>`` column belongs to."""
    return next((kind for kind in FESTIVAL_PHASES if phase.startswith(f"{kind}_")), phase)


def forecast_facts(forecast: pd.DataFrame, text: Any) -> dict[str, Any]:
    """The three months' paid amount (all platforms; the paid orders, variant ``orders…``, where
    the amount was not forecast), the calendar's events and what was borrowed."""
    amount, without = _stated(forecast)
    amount = amount.sort_values("month")
    months = list(dict.fromkeys(amount["month"]))[:3]
    values = amount.groupby("month")["forecast"].sum()
    events = forecast.attrs.get("events", [])
    borrowed = sorted({_festival(b) for b in forecast.attrs.get("borrowed", [])})
    variant = "_".join(v for v in (without or "", "borrowed" if borrowed else "") if v)
    facts: dict[str, Any] = {
        "variant": variant or None, **_amount_facts(forecast), "scope": _scope(forecast, amount),
        "events": events_text(events, forecast.attrs.get("unknown", {}), text, forecast.attrs.get("holidays")),
        "borrowed": text.join(text.labels("event", borrowed)),
    }
    for i, name in enumerate(("first", "second", "third")):
        facts[f"{name}_month"] = months[i] if i < len(months) else None
        facts[name] = float(values[months[i]]) if i < len(months) else None
    return facts


def events_text(events: Sequence[str], unknown: dict[str, Sequence[int]], text: Any,
                holidays: tuple[str, int] | None = None) -> str:
    """The calendar's events in the forecast's months, and what it does not know there: never
    "none" where it cannot know (a Spring Festival of a year it has no date for), nor where a
    store outside China has its own country's public holidays in them.

    Args:
        events: the kinds of event (``attrs["events"]`` of :func:`forecast_months`);
            unknown: kind → years (``attrs["unknown"]``); text: the page's words;
            holidays: (country code, how many of its public holidays fall in the months),
            ``attrs["holidays"]``, for a store outside China whose country is known.
    """
    if holidays and holidays[1]:
        return text("plan.forecast.own_holidays", country=holidays[0], count=holidays[1])
    known = text.join(text.labels("event", events)) if events else None
    if not unknown:
        return known or text("word.none_listed")
    # The 年货节 is the run-up to the Spring Festival: naming the one says the other.
    kinds = [k for k in unknown if not (k == "nianhuo" and "spring_festival" in unknown)]
    years = sorted({y for k in kinds for y in unknown[k]})
    gap = text("plan.forecast.unknown", kinds=text.join([text(f"plan.unknown.{k}") for k in kinds]),
               years=text.join([str(y) for y in years]))
    return text("word.semicolon").join([known, gap]) if known else gap


def _own_calendar(country: dict[str, Any], country_set: str | None, text: Any) -> str:
    """The calendar of a store outside China (:func:`storebook.engine.calendar.country_of`): its
    country's public holidays, which country and how it is known; or why there are none. Why
    China's festivals are left out is said as the traffic and fulfilment pages say it, from the
    country set (:func:`storebook.engine.calendar.country_set`, the text spec ``not_china``): a
    store whose currency is unknown is not said to sell "not in yuan"."""
    if country["code"] is None:
        why = text(f"plan.country.{country['how']}", clues=", ".join(country.get("clues", [])))
        return text("plan.calendar.plain", why=why, country_set=country_set)
    how = text(f"plan.country.{country['how']}", code=country["code"], clue=country.get("clue", ""))
    key = "plan.calendar.country" + ("" if country.get("known") else ".unknown")
    return text(key, country=country["code"], how=how, country_set=country_set)


def basis_facts(forecast: pd.DataFrame, text: Any) -> dict[str, Any]:
    """What the forecast stands on (``plan.forecast.basis``): the calendar used and why
    (:func:`storebook.engine.calendar.used_for`), each platform whose data end before the others' (its history stops
    there: ``attrs["ends"]``), each series that had one value every day (forecast as that value).
    """
    why = forecast.attrs.get("calendar")
    if why is None:
        used = _own_calendar(forecast.attrs.get("country") or {"code": None, "how": "none", "clues": []},
                             forecast.attrs.get("country_set"), text)
    elif "country" in why:
        used = text("plan.calendar.china.country")
    elif "platforms" in why:
        used = text("plan.calendar.china.platforms", platforms=text.join(text.labels("platform", why["platforms"])))
    else:
        used = text("plan.calendar.china.currency")
    notes = [text("plan.forecast.ends", platform=p, day=d, year=d.year)
             for p, d in forecast.attrs.get("ends", {}).items()]
    notes += [text("plan.forecast.constant", platform=p, what=text(f"plan.constant.{m}", value=v))
              for (p, m), v in forecast.attrs.get("constant", {}).items()]
    return {"calendar": used, "notes": "".join(notes)}


def forecast_of(forecast: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The forecast rows of one metric (the table a section shows)."""
    return forecast[forecast["metric"] == metric].reset_index(drop=True)


def forecast_record(forecast: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``plan.forecast`` record: every platform × metric × month with its interval."""
    cols = ["platform", "metric", "month", "forecast", "low", "high"]
    return [dict(zip(cols, row, strict=True)) for row in forecast[cols].itertuples(index=False)]


def backtest_facts(summary: pd.DataFrame) -> dict[str, Any]:
    """The backtest's mean errors (all platforms) and its worst month: the paid amount's, or
    (variant ``orders``, the amount not forecast) the paid orders'."""
    amount, variant = _stated(summary)
    orders = _total(summary, "orders")
    if variant:
        o = amount.iloc[0]
        return {"variant": variant, **_amount_facts(summary), "months": int(o["months"]), "mape_orders": o["mape"],
                "worst_month": o["worst_month"], "worst_error": o["worst_error"], "inside": o["inside_share"]}
    a = amount.iloc[0]
    return {"months": int(a["months"]), "mape_amount": a["mape"],
            "mape_orders": orders["mape"].iloc[0] if len(orders) else None,
            "worst_month": a["worst_month"], "worst_error": a["worst_error"], "inside": a["inside_share"]}


def backtest_record(summary: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``plan.backtest`` record: MAPE per platform × metric."""
    cols = ["platform", "metric", "months", "mape", "worst_month", "worst_error", "inside_share"]
    return [dict(zip(cols, row, strict=True)) for row in summary[cols].itertuples(index=False)]


def month_facts(month_rows: pd.DataFrame, text: Any) -> dict[str, Any]:
    """The report month's paid amount (all platforms; the paid orders, variant ``orders``, where
    the amount was not forecast) against the forecast made before it."""
    rows, variant = _stated(month_rows)
    r = rows.iloc[0]
    # The month's sentence states the orders and says nothing of the amount: one variant.
    return {"variant": variant and "orders", "month": r["month"], "actual": r["actual"], "forecast": r["forecast"],
            "error": r["error"],
            "inside_text": text("plan.month.inside" if r["inside"] else "plan.month.outside")}


def targets_facts(targets: pd.DataFrame) -> dict[str, Any]:
    """The proposed paid-amount target of the next quarter (all platforms); the paid orders'
    target (variant ``orders``) where the amount was not forecast.

    ``assumes`` (a catalogue key, ``{assumes:key}``): what the target assumes goes on — China's
    festivals for a store that sells in China, the seasons (and its own public holidays, where
    known) for one that does not: a Shopify shop in EUR read that its target "assumes the
    history's trend and festivals go on as before" (大促效果延续) of festivals it never had."""
    rows, variant = _stated(targets)
    r = rows.iloc[0]
    china = targets.attrs.get("calendar", True) is not None  # a frame that does not say: as before
    assumes = ("plan.targets.assumes.china" if china else
               "plan.targets.assumes.holidays" if targets.attrs.get("own_holidays") else "plan.targets.assumes.seasons")
    return {"variant": variant, **_amount_facts(targets), "assumes": assumes, "scope": _scope(targets, rows),
            "quarter": r["quarter"], "target": r["target"],
            "forecast": r["forecast"],
            "target_vs_forecast": r["target_vs_forecast"], "target_vs_last_year": r["target_vs_last_year"],
            "mape": r["mape"]}


def targets_table(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets as the page's table shows them: ``last_year`` (the same three months a year
    earlier, summed) named ``last_year_quarter``, whose header says a quarter — the table said
    "Same month last year" above a quarter's sum (3,022 orders beside a quarter's 5,429)."""
    return targets.rename(columns={"last_year": "last_year_quarter"})


def targets_record(targets: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``plan.targets`` record: the proposed target per platform × metric with its assumptions."""
    cols = ["platform", "metric", "quarter", "forecast", "low", "high", "target", "last_year", "trend", "mape"]
    return [dict(zip(cols, row, strict=True)) for row in targets[cols].itertuples(index=False)]
