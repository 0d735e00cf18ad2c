"""storebook.measures.stats: intervals, tests, the calendar-aware band and the mix/rate decomposition,
against hand-computed cases and an independent implementation (statsmodels)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from storebook.measures import stats

# --------------------------------------------------------------------------- intervals


@pytest.mark.parametrize("k, n", [(30, 1000), (0, 10), (10, 10), (1, 3), (517, 23456)])
def test_wilson_interval_matches_statsmodels(k: int, n: int) -> None:
    low, high = stats.wilson_interval(k, n)
    ref_low, ref_high = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert low == pytest.approx(ref_low, abs=1e-9)
    assert high == pytest.approx(ref_high, abs=1e-9)


def test_wilson_interval_by_hand_and_vectorised() -> None:
    # p = 0.03, n = 1000, z = 1.959964: centre = (0.03 + z²/2000)/(1 + z²/1000)
    z = 1.959963984540054
    centre = (0.03 + z**2 / 2000) / (1 + z**2 / 1000)
    half = z / (1 + z**2 / 1000) * math.sqrt(0.03 * 0.97 / 1000 + z**2 / (4 * 1000**2))
    low, high = stats.wilson_interval(np.array([30, 5]), np.array([1000, 0]))
    assert low[0] == pytest.approx(centre - half) and high[0] == pytest.approx(centre + half)
    assert np.isnan(low[1]) and np.isnan(high[1])  # no trials: no interval, no division error


def test_mean_and_per_visitor_intervals_by_hand() -> None:
    low, high = stats.mean_interval(100.0, 50.0, 100)
    assert (low, high) == pytest.approx((100 - 1.959964 * 5, 100 + 1.959964 * 5), abs=1e-4)
    # per visitor: p=0.05, μ=100, σ=50 → E = 5, Var = 0.05·(2500+10000) − 25 = 600
    low, high = stats.per_visitor_interval(0.05, 100.0, 50.0, 10_000)
    half = 1.959964 * math.sqrt(600 / 10_000)
    assert (low, high) == pytest.approx((5 - half, 5 + half), abs=1e-4)
    assert all(np.isnan(stats.mean_interval(100.0, 50.0, 1)))  # one buyer: no spread


# --------------------------------------------------------------------------- two-proportion test


def test_two_proportion_test_matches_statsmodels() -> None:
    result = stats.two_proportion_test(120, 4000, 200, 4000).iloc[0]
    z, p = proportions_ztest([120, 200], [4000, 4000])
    assert result.z == pytest.approx(z)
    assert result.p_value == pytest.approx(p)
    assert result.verdict == "down"
    assert result.change == pytest.approx(0.03 - 0.05)
    assert result.relative_change == pytest.approx(0.03 / 0.05 - 1)


def test_two_proportion_test_verdicts_and_minimum_sample() -> None:
    result = stats.two_proportion_test(
        successes=[300, 100, 9, 50], trials=[10_000, 10_000, 100, 100],
        successes_prior=[200, 101, 12, 95], trials_prior=[10_000, 10_000, 100, 100],
    )
    assert result.verdict.tolist() == [
        "up",          # 3 % vs 2 % on 10 000 each
        "no_change",   # 1.00 % vs 1.01 %
        "too_small",   # 9 successes < 10: a warning instead of a verdict
        "too_small",   # 95 of 100: only 5 failures
    ]
    assert np.isnan(result.p_value.iloc[2])  # no p-value is given where the sample is too small


# --------------------------------------------------------------------------- expected band


def _days(start: str, end: str) -> pd.DatetimeIndex:
    return pd.date_range(start, end, freq="D")


def _weekly(days: pd.DatetimeIndex, level: float = 1000.0) -> pd.Series:
    """Weekends 1.5× weekdays, with a small deterministic wiggle."""
    wiggle = 1 + 0.02 * np.sin(np.arange(len(days)) * 1.3)
    return pd.Series(level * np.where(days.day_of_week >= 5, 1.5, 1.0) * wiggle, index=days)


def test_band_flags_an_ordinary_dip_but_not_the_weekly_pattern() -> None:
    days = _days("2025-06-23", "2025-08-31")  # July and August hold no festival or holiday
    values = _weekly(days)
    values[pd.Timestamp("2025-08-13")] *= 0.3
    band = stats.expected_band(values.rename_axis("date").reset_index(name="visitors"), "visitors",
                               start="2025-08-04")
    flagged = band.loc[band.is_outside, "date"].dt.strftime("%Y-%m-%d").tolist()
    assert flagged == ["2025-08-13"]
    weekend = band[band.date == "2025-08-16"].iloc[0]
    assert weekend.basis == "weekday" and weekend.expected == pytest.approx(1500, rel=0.05)
    dip = band[band.date == "2025-08-13"].iloc[0]
    assert dip.deviation == pytest.approx(-0.7, abs=0.03) and dip.score < -3.5


def test_band_judges_festival_days_against_last_years_festival() -> None:
    days = _days("2024-08-01", "2025-11-30")
    values = _weekly(days)
    lift = pd.Series(1.0, index=days)
    for year in (2024, 2025):  # 双11 presale ×1.3, last-payment window ×2.5, peak ×5
        lift[pd.date_range(f"{year}-10-20", f"{year}-10-30")] = 1.3
        lift[pd.date_range(f"{year}-10-31", f"{year}-11-03")] = 2.5
        lift[pd.Timestamp(f"{year}-11-11")] = 5.0
    values = values * lift
    values[pd.Timestamp("2025-11-01")] *= 0.1  # a broken tracker inside the festival
    frame = values.rename_axis("date").reset_index(name="visitors")
    band = stats.expected_band(frame, "visitors", start="2025-10-01").set_index("date")
    flagged = band.index[band.is_outside].strftime("%Y-%m-%d").tolist()
    assert flagged == ["2025-11-01"]                      # the outage, and no festival day
    assert band.loc["2025-11-11", "basis"] == "last_year:double11"
    assert band.loc["2025-11-11", "expected"] == pytest.approx(values["2025-11-11"], rel=0.08)
    assert band.loc["2025-10-31", "basis"] == "last_year:double11"

    # Without a reference for its kind, the same ×2.5 jump on ordinary days is flagged:
    # the festival handling is what keeps festival days in.
    ordinary = _weekly(days)
    ordinary[pd.date_range("2025-09-16", "2025-09-18")] *= 2.5
    band = stats.expected_band(ordinary.rename_axis("date").reset_index(name="visitors"), "visitors",
                               start="2025-09-01")
    assert band.loc[band.is_outside, "date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-09-16", "2025-09-17", "2025-09-18"]


def test_band_first_occurrence_uses_the_events_other_days_and_by_groups() -> None:
    days = _days("2025-04-01", "2025-06-30")  # 618 2025 is the first in the data
    values = _weekly(days)
    values[pd.date_range("2025-05-31", "2025-06-17")] *= 1.4
    frame = pd.concat([values.rename_axis("date").reset_index(name="v").assign(platform=p) for p in ("a", "b")])
    band = stats.expected_band(frame, "v", by=["platform"], start="2025-06-01")
    assert set(band.platform) == {"a", "b"}
    presale = band[(band.event == "618") & (band.date < "2025-06-18")]
    assert (presale.basis == "same_event:618").all() and not presale.is_outside.any()
    peak = band[band.date == "2025-06-18"]
    assert (peak.basis == "no_reference").all() and not peak.is_outside.any()  # nothing to judge it by


def test_day_references_kinds() -> None:
    refs = stats.day_references(date(2025, 11, 10), date(2025, 11, 15)).set_index("date")
    assert refs.loc["2025-11-11", ["kind", "offset"]].tolist() == ["double11", 0]
    assert refs.loc["2025-11-12", ["kind", "offset"]].tolist() == ["double11_after", 1]
    assert refs.loc["2025-11-15", "kind"] == ""
    swapped = stats.day_references(date(2025, 9, 28), date(2025, 9, 28)).iloc[0]  # 调休 Sunday
    assert swapped.kind == "swapped_workday"


# --------------------------------------------------------------------------- decomposition


def test_decomposition_pure_mix_shift_by_hand() -> None:
    before = pd.DataFrame({"seg": ["A", "B"], "buyers": [40, 20], "visitors": [800, 200]})   # 6 %
    after = pd.DataFrame({"seg": ["A", "B"], "buyers": [30, 40], "visitors": [600, 400]})    # 7 %
    d = stats.decompose_ratio_change(before, after, ["seg"], "buyers", "visitors").set_index("seg")
    # rates unchanged (5 %, 10 %): no rate effect; mix: A (0.6−0.8)(0.05−0.065) = 0.003,
    # B (0.4−0.2)(0.10−0.065) = 0.007
    assert d.rate_effect.tolist() == pytest.approx([0.0, 0.0])
    assert d.loc["A", "mix_effect"] == pytest.approx(0.003)
    assert d.loc["B", "mix_effect"] == pytest.approx(0.007)
    assert d.total_effect.sum() == pytest.approx(0.01)
    assert d.index.tolist() == ["B", "A"]  # largest first


def test_decomposition_pure_rate_change_and_absent_segment() -> None:
    before = pd.DataFrame({"seg": ["A", "B"], "buyers": [50, 20], "visitors": [1000, 1000]})
    after = pd.DataFrame({"seg": ["A", "B", "C"], "buyers": [30, 20, 5], "visitors": [1000, 1000, 100]})
    d = stats.decompose_ratio_change(before, after, ["seg"], "buyers", "visitors").set_index("seg")
    assert d.attrs["ratio_before"] == pytest.approx(0.035)
    assert d.attrs["ratio_after"] == pytest.approx(55 / 2100)
    assert d.total_effect.sum() == pytest.approx(55 / 2100 - 0.035)          # exact, no interaction
    assert d.loc["C", "rate_effect"] == 0.0                                  # new segment: mix only
    assert d.loc["A", "rate_effect"] == pytest.approx(-0.02 * (0.5 + 1000 / 2100) / 2)


def test_decomposition_adds_up_on_random_segments() -> None:
    rng = np.random.default_rng(7)
    segs = [f"s{i}" for i in range(12)]
    v0, v1 = rng.integers(100, 5000, 12), rng.integers(100, 5000, 12)
    before = pd.DataFrame({"seg": segs, "visitors": v0, "buyers": rng.binomial(v0, 0.03)})
    after = pd.DataFrame({"seg": segs, "visitors": v1, "buyers": rng.binomial(v1, 0.025)})
    d = stats.decompose_ratio_change(before, after, ["seg"], "buyers", "visitors")
    assert d.total_effect.sum() == pytest.approx(after.buyers.sum() / v1.sum() - before.buyers.sum() / v0.sum())
    summed = stats.summarise_effects(d.assign(group=d.seg.str[-1].isin(list("02468"))), ["group"])
    assert summed.total_effect.sum() == pytest.approx(d.total_effect.sum())


def test_decomposition_refuses_an_empty_period() -> None:
    empty = pd.DataFrame({"seg": ["A"], "buyers": [0], "visitors": [0]})
    with pytest.raises(ValueError, match="total visitors is 0"):
        stats.decompose_ratio_change(empty, empty, ["seg"], "buyers", "visitors")


def test_normal_and_poisson_tails_match_scipy_stats() -> None:
    # storebook uses scipy.special (cheap to import) for what scipy.stats computes.
    from scipy import stats as sps

    assert stats.z_value(0.95) == sps.norm.ppf(0.975)
    z = np.array([0.0, 0.5, 1.96, 4.0])
    np.testing.assert_array_equal(stats._normal_upper_tail(z), sps.norm.sf(z))
    counts = np.array([0, 1, 2, 3, 7, 12])
    expected = np.array([1e-9, 0.4, 2.0, 2.0, 3.3, 4.0])
    np.testing.assert_allclose(stats.poisson_at_least(counts, expected), sps.poisson.sf(counts - 1, expected), rtol=1e-14)
    # by hand: P(X >= 1) = 1 - e^-mu; P(X >= 0) = 1
    assert stats.poisson_at_least(np.array([1]), np.array([2.0]))[0] == pytest.approx(1 - np.exp(-2.0))
    assert stats.poisson_at_least(np.array([0]), np.array([2.0]))[0] == 1.0


def test_spearman_is_pandas_rank_correlation_without_scipy_stats() -> None:
    # By hand: ranks (1, 2, 3, 4) and (1, 3, 2, 4), sum of d^2 = 2: 1 - 6*2 / (4*15) = 0.8.
    assert stats.spearman(pd.Series([1.0, 2.0, 3.0, 4.0]), pd.Series([10.0, 30.0, 20.0, 40.0])) == pytest.approx(0.8)
    # Ties take average ranks, a pair with a value missing is left out, and the value is
    # pandas' own (which asks scipy.stats.spearmanr) to the last bit.
    x = pd.Series([3.0, 1.0, 1.0, np.nan, 5.0, 2.0, 2.0, 4.0])
    y = pd.Series([0.5, -1.0, 0.25, 9.0, 0.5, np.nan, -2.0, 3.0])
    assert stats.spearman(x, y) == x.corr(y, method="spearman")
    assert stats.spearman(-x, y) == -x.corr(y, method="spearman")
    # A constant column or fewer than two pairs: undefined.
    assert math.isnan(stats.spearman(pd.Series([1.0, 1.0, 1.0]), pd.Series([1.0, 2.0, 3.0])))
    assert math.isnan(stats.spearman(pd.Series([1.0, np.nan]), pd.Series([np.nan, 2.0])))


def test_safe_ratio_of_two_columns_is_missing_where_the_denominator_is_zero_or_missing() -> None:
    # Two columns of one frame take the array path: hand-computed, with pandas' naming rule.
    frame = pd.DataFrame({"paid": [30, 5, 7, 0, 2], "seen": [1000.0, 0.0, np.nan, 4.0, -0.0]},
                         index=["a", "b", "c", "d", "e"])
    rates = stats.safe_ratio(frame["paid"], frame["seen"])
    assert rates.index.tolist() == ["a", "b", "c", "d", "e"] and rates.dtype == "float64"
    assert rates.iloc[0] == 0.03 and rates.iloc[3] == 0.0
    assert rates.iloc[[1, 2, 4]].isna().all()  # 0, missing and -0: missing, never inf
    assert rates.name is None
    same = stats.safe_ratio(frame["paid"].rename("x"), frame["seen"].rename("x"))
    assert same.name == "x"
    # Nullable integers with a gap count as missing; misaligned Series still align by label.
    nullable = stats.safe_ratio(pd.Series([4, None], dtype="Int64"), pd.Series([2, 2], dtype="Int64"))
    assert nullable.iloc[0] == 2.0 and np.isnan(nullable.iloc[1])
    shifted = stats.safe_ratio(pd.Series([1.0, 2.0], index=[0, 1]), pd.Series([4.0, 8.0], index=[1, 2]))
    assert shifted.index.tolist() == [0, 1, 2] and shifted.loc[1] == 0.5 and shifted.loc[[0, 2]].isna().all()
