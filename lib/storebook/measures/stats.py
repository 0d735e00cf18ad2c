"""Shared statistics: intervals for rates and means, tests for a change in a rate, a
calendar-aware expected band per day, and the mix-versus-rate decomposition of a ratio.

Everything here works on small pandas frames or numpy arrays (the results of metric
functions), never on a workbook: the formulas are testable by hand.

Example:
    >>> low, high = wilson_interval(30, 1000)
    >>> round(float(low), 4), round(float(high), 4)
    (0.0211, 0.0425)
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import timedelta

import ibis
import numpy as np
import pandas as pd

from storebook.engine import calendar

#: Each of successes and failures, in both periods, must reach this count before a
#: two-proportion test gives a verdict (the normal approximation needs it).
MIN_COUNT = 10


def safe_ratio(numerator, denominator):
    """``numerator / denominator``, missing (never inf, never an error) where the denominator is 0.

    One guarded division for every metric: on Ibis columns it divides by ``NULLIF(den, 0)``
    (Spark's ANSI mode raises on a zero); on pandas Series and arrays it gives NaN where the
    denominator is 0 or missing; on plain numbers it gives ``nan`` for 0 or missing.

    >>> safe_ratio(3, 4), safe_ratio(3, 0)
    (0.75, nan)
    >>> safe_ratio(pd.Series([1, 2]), pd.Series([2, 0])).tolist()
    [0.5, nan]
    >>> safe_ratio(pd.Series([1, 2]), 0).tolist()
    [nan, nan]
    """
    if isinstance(denominator, ibis.Expr):
        return numerator.cast("float64") / denominator.nullif(0)
    if isinstance(denominator, pd.Series) and isinstance(numerator, pd.Series) \
            and numerator.index.equals(denominator.index):
        # Two columns of one frame (the usual case): the same division on their arrays, without
        # pandas' alignment and four intermediate Series (~0.3 ms a ratio, a dozen per result).
        den = denominator.to_numpy(dtype="float64", na_value=np.nan)
        num = numerator.to_numpy(dtype="float64", na_value=np.nan)
        out = np.full(len(den), np.nan)
        with np.errstate(all="ignore"):  # as pandas' division: inf / inf is missing, silently
            np.divide(num, den, out=out, where=den != 0)
        return pd.Series(out, index=denominator.index,
                         name=numerator.name if numerator.name == denominator.name else None)
    if isinstance(denominator, pd.Series | np.ndarray):
        den = (pd.Series(denominator, dtype="float64") if isinstance(denominator, np.ndarray)
               else denominator.astype("float64"))
        num = numerator.astype("float64") if isinstance(numerator, pd.Series) else numerator
        return (num / den.where(den != 0)).astype("float64")
    if denominator is None or pd.isna(denominator) or denominator == 0:
        return numerator * np.nan if isinstance(numerator, pd.Series) else float("nan")
    if isinstance(numerator, pd.Series):
        return numerator.astype("float64") / float(denominator)
    return float(numerator) / float(denominator)


def z_value(level: float = 0.95) -> float:
    """The two-sided normal quantile for ``level`` (1.96 for 0.95)."""
    return _normal_quantile(0.5 + level / 2)


# scipy.special, not scipy.stats: the same functions (scipy.stats' norm and poisson call
# them) without the ~1 s that importing scipy.stats adds to every report kernel's start.
def _normal_quantile(p: float) -> float:
    from scipy.special import ndtri

    return float(ndtri(p))


def _normal_upper_tail(z: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    return ndtr(-z)


def spearman(x: pd.Series, y: pd.Series) -> float:
    """Spearman's rank correlation of two columns (pairs with a value missing left out):
    Pearson's correlation of their average ranks, computed as scipy.stats.spearmanr computes
    it (np.corrcoef of the ranks), so it equals pandas' ``x.corr(y, method="spearman")``.
    pandas imports scipy.stats for that, ~1 s of the kernel that asks first (see above).
    NaN with fewer than two pairs or a constant column.

    >>> round(spearman(pd.Series([1.0, 2.0, 3.0, 4.0]), pd.Series([10.0, 30.0, 20.0, 40.0])), 12)  # 1 - 6·2/(4·15)
    0.8
    >>> spearman(pd.Series([1.0, 2.0, None]), pd.Series([5.0, 5.0, 1.0]))
    nan
    """
    both = (x.notna() & y.notna()).to_numpy()
    rx = x[both].rank().to_numpy(dtype="float64")
    ry = y[both].rank().to_numpy(dtype="float64")
    if len(rx) < 2 or np.ptp(rx) == 0 or np.ptp(ry) == 0:
        return float("nan")
    # The ranks as the columns of one array, the [1, 0] cell: spearmanr's own arithmetic, bit for bit.
    return float(np.corrcoef(np.column_stack([rx, ry]), rowvar=False)[1, 0])


def poisson_at_least(count: pd.Series | np.ndarray, expected: pd.Series | np.ndarray) -> np.ndarray:
    """P(X ≥ count) for X ~ Poisson(expected), element-wise (1 where count ≤ 0).

    Args:
        count: observed counts.
        expected: the Poisson means (positive).
    Returns:
        The upper-tail probabilities, as a float array.

    >>> [round(float(p), 4) for p in poisson_at_least(np.array([0, 1, 3]), np.array([2.0, 2.0, 2.0]))]
    [1.0, 0.8647, 0.3233]
    """
    from scipy.special import pdtrc

    k = np.floor(np.asarray(count, dtype="float64")) - 1
    mu = np.asarray(expected, dtype="float64")
    # pdtrc(k, mu) = P(X > k); for k < 0 every outcome counts (pdtrc itself gives NaN there).
    return np.where(k < 0, 1.0, pdtrc(np.maximum(k, 0), mu))


# ----------------------------------------------------------------------------- intervals

def wilson_interval(successes, trials, level: float = 0.95):
    """Wilson score interval for a rate ``successes / trials``.

    Better than the normal ("Wald") interval for small counts and rates near 0 or 1: it
    never leaves [0, 1]. With ``p = k/n`` and ``z`` the normal quantile::

        centre = (p + z²/2n) / (1 + z²/n)
        half   = z / (1 + z²/n) · sqrt(p(1−p)/n + z²/4n²)

    Args:
        successes: count(s) of successes (buyers).
        trials: count(s) of trials (visitors); where 0, the interval is NaN.
        level: two-sided confidence level.
    Returns:
        ``(low, high)``: floats for scalar input, arrays otherwise.

    Example:
        >>> [round(float(x), 3) for x in wilson_interval(0, 10)]
        [0.0, 0.278]
    """
    k = np.asarray(successes, dtype="float64")
    n = np.asarray(trials, dtype="float64")
    z = z_value(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_safe = np.where(n > 0, n, np.nan)
        p = k / n_safe
        denom = 1 + z**2 / n_safe
        centre = (p + z**2 / (2 * n_safe)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n_safe + z**2 / (4 * n_safe**2))
        low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def mean_interval(mean, sd, n, level: float = 0.95):
    """Normal interval for a mean: ``mean ± z · sd / √n`` (NaN where n ≤ 1).

    Used for 客单价 (spend per buyer), whose spread comes from the per-buyer amounts.

    Example:
        >>> [round(float(x), 2) for x in mean_interval(100.0, 50.0, 100)]
        [90.2, 109.8]
    """
    m = np.asarray(mean, dtype="float64")
    s = np.asarray(sd, dtype="float64")
    k = np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        half = z_value(level) * s / np.sqrt(np.where(k > 1, k, np.nan))
    low, high = m - half, m + half
    if np.ndim(low) == 0:
        return float(low), float(high)
    return low, high


def per_visitor_interval(rate, mean_per_buyer, sd_per_buyer, visitors, level: float = 0.95):
    """Interval for the spend per visitor (UV价值) when a share ``rate`` of visitors buy.

    A visitor spends 0 with probability ``1 − p`` and an amount with mean ``μ`` and
    standard deviation ``σ`` otherwise, so per visitor ``E = pμ`` and
    ``Var = p(σ² + μ²) − (pμ)²``; the interval is ``E ± z · sqrt(Var / visitors)``.

    Example:
        >>> [round(float(x), 3) for x in per_visitor_interval(0.05, 100.0, 50.0, 10000)]
        [4.52, 5.48]
    """
    p = np.asarray(rate, dtype="float64")
    mu = np.asarray(mean_per_buyer, dtype="float64")
    sigma = np.asarray(sd_per_buyer, dtype="float64")
    v = np.asarray(visitors, dtype="float64")
    centre = p * mu
    variance = p * (sigma**2 + mu**2) - centre**2
    with np.errstate(divide="ignore", invalid="ignore"):
        half = z_value(level) * np.sqrt(np.clip(variance, 0, None) / np.where(v > 0, v, np.nan))
    low, high = centre - half, centre + half
    if np.ndim(low) == 0:
        return float(low), float(high)
    return low, high


# ----------------------------------------------------------------------------- tests

def two_proportion_test(successes, trials, successes_prior, trials_prior, *,
                        alpha: float = 0.05, min_count: int = MIN_COUNT) -> pd.DataFrame:
    """Two-sided z-test for a change in a rate between two periods (pooled variance).

    ``z = (p₁ − p₀) / sqrt(p̄(1−p̄)(1/n₁ + 1/n₀))`` with ``p̄ = (k₁+k₀)/(n₁+n₀)``.

    When any of successes or failures in either period is below ``min_count``, the
    verdict is ``too_small`` (a minimum-sample warning) instead of a test result: the
    normal approximation does not hold there and a "no change" would mislead.

    Args:
        successes, trials: this period (scalars or aligned arrays).
        successes_prior, trials_prior: the comparison period.
        alpha: significance level of the verdict.
        min_count: the minimum count of successes and of failures per period.
    Returns:
        One row per comparison: rate, rate_prior, change (p₁ − p₀), relative_change,
        z, p_value, verdict in ``up`` / ``down`` / ``no_change`` / ``too_small``.

    Example:
        >>> r = two_proportion_test(120, 4000, 200, 4000).iloc[0]
        >>> r.verdict, round(float(r.p_value), 5)
        ('down', 1e-05)
        >>> two_proportion_test(3, 100, 9, 100).verdict.iloc[0]
        'too_small'
    """
    k1 = np.atleast_1d(np.asarray(successes, dtype="float64"))
    n1 = np.atleast_1d(np.asarray(trials, dtype="float64"))
    k0 = np.atleast_1d(np.asarray(successes_prior, dtype="float64"))
    n0 = np.atleast_1d(np.asarray(trials_prior, dtype="float64"))
    with np.errstate(divide="ignore", invalid="ignore"):
        p1 = np.where(n1 > 0, k1 / n1, np.nan)
        p0 = np.where(n0 > 0, k0 / n0, np.nan)
        pooled = (k1 + k0) / np.where(n1 + n0 > 0, n1 + n0, np.nan)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
        z = np.where(se > 0, (p1 - p0) / se, np.nan)
    p_value = 2 * _normal_upper_tail(np.abs(z))
    small = (np.minimum.reduce([k1, n1 - k1, k0, n0 - k0]) < min_count) | np.isnan(z)
    verdict = np.select(
        [small, p_value < alpha],
        ["too_small", np.where(p1 > p0, "up", "down")],
        "no_change",
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(p0 > 0, p1 / p0 - 1, np.nan)
    return pd.DataFrame({
        "rate": p1, "rate_prior": p0, "change": p1 - p0, "relative_change": relative,
        "z": np.where(small, np.nan, z), "p_value": np.where(small, np.nan, p_value),
        "verdict": pd.array(verdict, dtype="str"),
    })


# ----------------------------------------------------------------------------- expected band

#: Shopping festivals whose peak is followed by a slump (大促后的回落): the days just
#: after the peak are compared with the same days after last year's peak, not with
#: ordinary days.
AFTER_PEAK_DAYS = 3
_AFTER_PEAK_KINDS = ("618", "double11", "double12")
#: A previous occurrence of an event counts as "the same event last year" when its
#: anchor (peak, else first day) lies within this many days of this year's anchor − 1 year
#: (lunar holidays move by up to ~3 weeks).
_SAME_EVENT_WINDOW_DAYS = 45


def day_references(first, last, *, china: bool = True, country: str | None = None) -> pd.DataFrame:
    """What each day is compared against: its kind, the event occurrence and the offset.

    Args:
        first, last: the days to describe (both included).
        china: the store sells in China (:func:`storebook.engine.calendar.used_for`); False:
            none of China's festivals or holidays (they are not its own): every day is an
            ordinary day of its weekday but the public holidays of ``country``, its own
            (:func:`storebook.engine.calendar.own_country`; None: none).
    Returns:
        One row per day: date, weekday, kind (``""`` ordinary, ``swapped_workday`` (调休),
        an event kind of :mod:`storebook.engine.calendar`, or ``<festival>_after`` for the
        :data:`AFTER_PEAK_DAYS` days after 618/双11/双12), anchor (the occurrence's peak day,
        else its first day; NaT for ordinary and swapped days), offset (days from the
        anchor), is_peak, holiday (outside China: the name of the country's public holiday
        without its year, ``"Independence Day"``, so that a holiday is judged against the same
        holiday the year before and not a neighbouring one; "" on every other day).

    Example:
        >>> r = day_references("2025-11-10", "2025-11-12")
        >>> r[["kind", "offset"]].values.tolist()
        [['double11', -1], ['double11', 0], ['double11_after', 1]]
    """
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    kinds = calendar.day_kinds(first, last, china=china, country=country)
    days = [d.date() for d in pd.to_datetime(kinds["date"])]
    events = calendar.events(first - timedelta(days=AFTER_PEAK_DAYS), last, china=china, country=country)
    kind, anchor, offset, holiday = [], [], [], []
    for day, event_kind, swapped in zip(days, kinds["event"], kinds["is_swapped_workday"], strict=True):
        if event_kind:
            covering = [e for e in events if e.kind == event_kind and e.covers(day)]
            e = covering[0]
            a = e.peak_on or e.starts_on
            kind.append(event_kind), anchor.append(a), offset.append((day - a).days)
            holiday.append("" if china else e.name.rsplit(" ", 1)[0])
            continue
        holiday.append("")
        after = [e for e in events if e.kind in _AFTER_PEAK_KINDS and e.peak_on
                 and 0 < (day - e.peak_on).days <= AFTER_PEAK_DAYS]
        if after:
            e = after[0]
            kind.append(f"{e.kind}_after"), anchor.append(e.peak_on), offset.append((day - e.peak_on).days)
        elif swapped:
            kind.append("swapped_workday"), anchor.append(None), offset.append(0)
        else:
            kind.append(""), anchor.append(None), offset.append(0)
    return pd.DataFrame({
        "date": kinds["date"],
        "weekday": kinds["weekday"],
        "kind": pd.Series(kind, dtype="str"),
        "anchor": pd.to_datetime(pd.Series(anchor, dtype="object")).astype("datetime64[s]"),
        "offset": pd.Series(offset, dtype="int64"),
        "is_peak": kinds["is_event_peak"],
        "holiday": pd.Series(holiday, dtype="str"),
    })


def _robust_scale(values: np.ndarray) -> float:
    """MAD × 1.4826: the standard deviation of normal data, unmoved by a few outliers."""
    values = values[np.isfinite(values)]
    if len(values) < 3:
        return np.nan
    return float(1.4826 * np.median(np.abs(values - np.median(values))))


def _tail_scale(values: np.ndarray, tail: float = 0.01) -> float:
    """The spread the tails imply: the central 98 % range over 2 × 2.326.

    Small counts (a few buyers a day) give skewed, heavy-tailed log values whose MAD
    understates how far an ordinary day can fall; this catches that.
    """
    values = values[np.isfinite(values)]
    if len(values) < 50:
        return np.nan
    low, high = np.quantile(values, [tail, 1 - tail])
    return float((high - low) / (2 * _normal_quantile(1 - tail)))


def expected_band(daily: pd.DataFrame, value: str, *, date: str = "date", by: Sequence[str] = (),
                  start=None, weeks: int = 8, z: float = 3.5, min_history: int = 3,
                  min_spread: float = 0.02, china: bool = True, country: str | None = None) -> pd.DataFrame:
    """The band a day's value is expected to fall in, from the calendar and recent history.

    Works in logs (effects are multiplicative). For each series (one per ``by`` group):

    1. **Baseline**: the median of the latest ``weeks`` same weekdays that were ordinary
       days (no calendar event, no 调休 day), looking back up to ``3 × weeks`` weeks.
    2. **Spread** (σ): how far ordinary days before ``start`` fall from their baselines —
       the larger of the robust scale (MAD) and the scale the 1 %/99 % tails imply (small
       counts are skewed), never below ``min_spread``.
    3. **Ordinary days** are expected at the baseline, band ``± z·σ``.
    4. **Event days are compared against their own kind** (see :func:`day_references`):
       the lift over baseline of the same day of the same event last year (same offset
       from the peak, e.g. 双11 − 3 days), band ``± z·σ·√2`` (the reference is noisy too);
       for an event with no earlier occurrence in the data, the range of lifts of the
       event's other days (same peak/non-peak role) ``± z·σ`` — a festival day that
       behaves like its festival stays inside. 调休 working weekends are compared with
       the other 调休 days. An event day with no reference at all is not judged
       (basis ``no_reference``).

    Args:
        daily: one row per day (per ``by`` group) with ``date`` and ``value`` columns;
            should start ``weeks`` weeks before ``start`` — a year before, so that last
            year's festivals are references.
        value: the column to judge.
        date: the day column.
        by: the columns naming a series (e.g. ``["platform"]``).
        start: the first day to judge and return; default the first day of ``daily``.
        weeks: how many ordinary same weekdays make the baseline.
        z: half-width of the band in spreads.
        min_history: ordinary same-weekday days needed for a baseline.
        min_spread: the floor of σ in logs (a very regular series must not flag wiggles).
        china: the store sells in China (:func:`day_references`); False: no day is one of China's
            event days, every day is judged against its ordinary weekday but the public holidays
            of ``country`` (the store's own, :func:`day_references`), judged as China's are.
    Returns:
        A new frame, one row per day with a value from ``start``: the ``by`` columns,
        ``date``, ``value``, expected, low, high, deviation (value / expected − 1),
        score (log deviation in units of σ: how surprising the day is), basis
        (``weekday``, ``last_year:<kind>``, ``same_event:<kind>``, ``swapped_workday``,
        ``no_reference``, ``no_history``), event (the day's kind) and is_outside.

    Example:
        >>> days = pd.date_range("2025-01-06", periods=70, freq="D")
        >>> flat = pd.DataFrame({"date": days, "visitors": 1000.0})
        >>> band = expected_band(flat.assign(visitors=lambda d: d.visitors.where(d.date != "2025-03-11", 300.0)),
        ...                      "visitors", start="2025-03-03")
        >>> band.loc[band.is_outside, "date"].dt.strftime("%Y-%m-%d").tolist()
        ['2025-03-11']
    """
    by = list(by)
    frame = daily[[*by, date, value]].assign(**{date: lambda d: pd.to_datetime(d[date]).astype("datetime64[us]")})
    columns = [*by, date, value, "expected", "low", "high", "deviation", "score", "basis", "event", "is_outside"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    first, last = frame[date].min(), frame[date].max()
    start_ts = pd.Timestamp(start) if start is not None else first
    refs = day_references(first.date(), last.date(), china=china, country=country).assign(date=lambda d: d["date"].astype("datetime64[us]"))
    out = []
    groups = frame.groupby(by, sort=True) if by else [((), frame)]
    for key, group in groups:
        series = _band_for_series(group, value, date, refs, start_ts, weeks, z, min_history, min_spread)
        key = key if isinstance(key, tuple) else (key,)
        out.append(series.assign(**dict(zip(by, key, strict=True))))
    return pd.concat(out, ignore_index=True)[columns]


def _band_for_series(group: pd.DataFrame, value: str, date: str, refs: pd.DataFrame,
                     start: pd.Timestamp, weeks: int, z: float, min_history: int,
                     min_spread: float) -> pd.DataFrame:
    full = refs.rename(columns={"date": date}).merge(group[[date, value]], on=date, how="left")
    y = full[value].to_numpy(dtype="float64")
    # A day at 0 (no buyer on a small platform, a broken tracker) has no log: it counts
    # as half the smallest positive day, far in the lower tail but comparable.
    positive = y[y > 0]
    floor = positive.min() / 2 if len(positive) else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(np.where(y > 0, y, np.where(y == 0, floor, np.nan)))
    kind = full["kind"].to_numpy().astype(str)
    ordinary = kind == ""
    usable = np.where(ordinary, logs, np.nan)

    # 1. same-weekday ordinary baseline: the latest `weeks` ordinary same weekdays, looking
    #    back up to three times as far when festivals fill the recent weeks (after 春节).
    n = len(full)
    lagged = np.full((3 * weeks, n), np.nan)
    for k in range(1, min(3 * weeks, (n - 1) // 7) + 1):
        lagged[k - 1, 7 * k:] = usable[: n - 7 * k]
    found = np.isfinite(lagged)
    lagged = np.where(found & (np.cumsum(found, axis=0) <= weeks), lagged, np.nan)
    enough = np.sum(np.isfinite(lagged), axis=0) >= min_history
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: no baseline
        baseline = np.where(enough, np.nanmedian(lagged, axis=0), np.nan)
    lift = logs - baseline

    # 2. the spread of ordinary days
    dates = full[date].to_numpy()
    history = dates < np.datetime64(start)
    ordinary_lifts = lift[ordinary & history]
    if np.sum(np.isfinite(ordinary_lifts)) < 20:  # too little history: judge from the whole series
        ordinary_lifts = lift[ordinary]
    sigma = np.nanmax([_robust_scale(ordinary_lifts), _tail_scale(ordinary_lifts), min_spread])

    # 3./4. expected log value and band per day to judge
    anchor = full["anchor"].to_numpy()
    offset = full["offset"].to_numpy()
    peak = full["is_peak"].to_numpy()
    holiday = full["holiday"].to_numpy().astype(str)  # "" but for a foreign country's holidays
    centre = np.full(n, np.nan)
    low = np.full(n, np.nan)
    high = np.full(n, np.nan)
    basis = np.full(n, "no_history", dtype=object)
    for i in np.flatnonzero(dates >= np.datetime64(start)):
        if not np.isfinite(baseline[i]):
            continue
        b = baseline[i]
        if ordinary[i]:
            centre[i], low[i], high[i], basis[i] = b, b - z * sigma, b + z * sigma, "weekday"
            continue
        same_kind = (kind == kind[i]) & np.isfinite(lift)
        same_kind[i] = False
        if kind[i] == "swapped_workday":
            lifts = lift[same_kind]
            if len(lifts) == 0:
                basis[i] = "no_reference"
                continue
            width = z * max(sigma * np.sqrt(1 + 1 / len(lifts)), _robust_scale(lifts) if len(lifts) >= 4 else 0)
            m = float(np.median(lifts))
            centre[i], low[i], high[i], basis[i] = b + m, b + m - width, b + m + width, "swapped_workday"
            continue
        this_year = anchor[i] - np.timedelta64(365, "D")
        earlier = same_kind & (holiday == holiday[i]) & (offset == offset[i]) & (anchor < anchor[i]) & \
            (np.abs((anchor - this_year) / np.timedelta64(1, "D")) <= _SAME_EVENT_WINDOW_DAYS)
        if earlier.any():
            lifts = lift[earlier]
            m = float(np.median(lifts))
            width = z * sigma * np.sqrt(1 + 1 / len(lifts))
            centre[i], low[i], high[i], basis[i] = b + m, b + m - width, b + m + width, f"last_year:{kind[i]}"
            continue
        siblings = same_kind & (anchor == anchor[i]) & (peak == peak[i])
        if siblings.sum() >= 2:
            lifts = lift[siblings]
            centre[i] = b + float(np.median(lifts))
            low[i], high[i] = b + lifts.min() - z * sigma, b + lifts.max() + z * sigma
            basis[i] = f"same_event:{kind[i]}"
        else:
            basis[i] = "no_reference"

    expected = np.exp(centre)
    with np.errstate(divide="ignore", invalid="ignore"):
        deviation = y / expected - 1
        score = (logs - centre) / sigma
        outside = np.isfinite(centre) & np.isfinite(logs) & ((logs < low) | (logs > high))
    result = pd.DataFrame({
        date: full[date], value: y, "expected": expected, "low": np.exp(low), "high": np.exp(high),
        "deviation": deviation, "score": score,
        "basis": pd.array(basis.astype(str), dtype="str"),
        "event": full["kind"].astype("str"), "is_outside": outside,
    })
    keep = (dates >= np.datetime64(start)) & full[value].notna().to_numpy()
    return result.loc[keep].reset_index(drop=True)


# ----------------------------------------------------------------------------- decomposition

def decompose_ratio_change(before: pd.DataFrame, after: pd.DataFrame, by: Sequence[str],
                           numerator: str, denominator: str) -> pd.DataFrame:
    """Split the change in a ratio ``Σ numerator / Σ denominator`` into mix and rate effects.

    With segment shares ``sᵢ = denominatorᵢ / Σ denominator`` and rates
    ``rᵢ = numeratorᵢ / denominatorᵢ``, the overall ratio is ``R = Σ sᵢ rᵢ``, and

    * mix effect of i  = ``(s₁ᵢ − s₀ᵢ) · (r̄ᵢ − R̄)``  — more weight on a segment that
      converts better than average raises R;
    * rate effect of i = ``(r₁ᵢ − r₀ᵢ) · s̄ᵢ``  — a segment converting differently;

    with ``r̄, s̄, R̄`` the averages of the two periods. The effects add up exactly to
    ``R₁ − R₀`` (no interaction term). A segment absent in one period takes its rate
    from the other (it contributes mix only).

    Args:
        before: the comparison period, one row per segment.
        after: this period, one row per segment.
        by: the segment columns.
        numerator: e.g. ``buyers``.
        denominator: e.g. ``visitors``.
    Returns:
        One row per segment: the ``by`` columns, ``<denominator>_before``/``_after``,
        ``<numerator>_before``/``_after``, share_before, share_after, rate_before,
        rate_after, mix_effect, rate_effect, total_effect — sorted by the size of
        total_effect. ``attrs["ratio_before"]`` and ``attrs["ratio_after"]`` hold R₀, R₁.

    Example:
        >>> b = pd.DataFrame({"device": ["mobile", "pc"], "buyers": [30, 20], "visitors": [1000, 500]})
        >>> a = pd.DataFrame({"device": ["mobile", "pc"], "buyers": [20, 20], "visitors": [1000, 500]})
        >>> d = decompose_ratio_change(b, a, ["device"], "buyers", "visitors")
        >>> d[["device", "rate_effect", "total_effect"]].round(5).values.tolist()
        [['mobile', -0.00667, -0.00667], ['pc', 0.0, 0.0]]
    """
    by = list(by)
    cols = [*by, numerator, denominator]
    merged = (
        before[cols].groupby(by, as_index=False).sum()
        .merge(after[cols].groupby(by, as_index=False).sum(), on=by, how="outer",
               suffixes=("_before", "_after"))
    )
    nb, na_ = f"{numerator}_before", f"{numerator}_after"
    db, da = f"{denominator}_before", f"{denominator}_after"
    merged = merged.assign(**{c: lambda d, c=c: d[c].fillna(0.0).astype("float64") for c in (nb, na_, db, da)})
    total_b, total_a = merged[db].sum(), merged[da].sum()
    if total_b <= 0 or total_a <= 0:
        raise ValueError(f"decompose_ratio_change: the total {denominator} is 0 in one period")
    ratio_b, ratio_a = merged[nb].sum() / total_b, merged[na_].sum() / total_a
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_b = np.where(merged[db] > 0, merged[nb] / merged[db], np.nan)
        rate_a = np.where(merged[da] > 0, merged[na_] / merged[da], np.nan)
    rate_b, rate_a = np.where(np.isnan(rate_b), rate_a, rate_b), np.where(np.isnan(rate_a), rate_b, rate_a)
    rate_b, rate_a = np.nan_to_num(rate_b), np.nan_to_num(rate_a)
    share_b, share_a = merged[db] / total_b, merged[da] / total_a
    mean_ratio = (ratio_b + ratio_a) / 2
    mix = (share_a - share_b) * ((rate_b + rate_a) / 2 - mean_ratio)
    rate = (rate_a - rate_b) * (share_b + share_a) / 2
    result = (
        merged.assign(share_before=share_b, share_after=share_a, rate_before=rate_b, rate_after=rate_a,
                      mix_effect=mix, rate_effect=rate, total_effect=mix + rate)
        .assign(_size=lambda d: d.total_effect.abs())
        .sort_values(["_size", *by], ascending=[False, *[True] * len(by)])
        .drop(columns="_size")
        .reset_index(drop=True)
    )
    result.attrs = {"ratio_before": float(ratio_b), "ratio_after": float(ratio_a)}
    return result


def summarise_effects(decomposition: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Add a decomposition's segment effects up to coarser groups (e.g. by device).

    Returns:
        One row per group: mix_effect, rate_effect, total_effect, sorted by the size of
        total_effect.

    Example:
        >>> d = pd.DataFrame({"device": ["m", "m", "pc"], "mix_effect": [0.1, 0.0, -0.1],
        ...                   "rate_effect": [-0.5, -0.2, 0.1], "total_effect": [-0.4, -0.2, 0.0]})
        >>> summarise_effects(d, ["device"]).total_effect.round(2).tolist()
        [-0.6, 0.0]
    """
    by = list(by)
    return (
        decomposition.groupby(by, as_index=False)[["mix_effect", "rate_effect", "total_effect"]].sum()
        .assign(_size=lambda d: d.total_effect.abs())
        .sort_values(["_size", *by], ascending=[False, *[True] * len(by)])
        .drop(columns="_size")
        .reset_index(drop=True)
    )
