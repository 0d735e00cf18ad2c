"""The effect of an event (a promotion, a competitor's price cut) on a daily count, against
a ratio-to-control baseline, with its interval."""

from __future__ import annotations

import numpy as np

from storebook.measures.stats import z_value


def estimate_count_effect(
    actual: float, index_effect: float, pre_actual: float, pre_index: np.ndarray,
    pre_counts: np.ndarray, level: float = 0.95,
) -> dict:
    """Effect of a treatment on a count against a ratio-to-control baseline, with interval.

    ``k = Σ pre_counts / Σ pre_index``; baseline ``B = k · index_effect``; effect
    ``actual − B``; over-dispersion ``φ = max(1, Σ (y − k·idx)² / (k·idx) / (n − 1))``
    over the pre-period days; ``Var ≈ φ·B + B²·φ / Σ pre_counts``; the interval is
    ``effect ± z·√Var``, its lower end no lower than ``−B`` (sales cannot go below zero).

    Args:
        actual: the count observed over the treated days.
        index_effect: Σ of the control index over the treated days.
        pre_actual: Σ of the counts over the pre-period days (= Σ pre_counts).
        pre_index: the control index on each pre-period day.
        pre_counts: the count on each pre-period day.
        level: the interval's confidence level.

    Returns:
        ``{"baseline", "effect", "effect_low", "effect_high", "lift", "lift_low",
        "lift_high", "se", "dispersion"}`` (lift = actual / baseline − 1); NaN when the
        pre-period sold nothing or has no index.

    Example:
        >>> r = estimate_count_effect(30.0, 10.0, 40.0, np.full(20, 1.0), np.full(20, 2.0))
        >>> r["baseline"], r["effect"], round(r["lift"], 2)
        (20.0, 10.0, 0.5)
    """
    pre_index = np.asarray(pre_index, dtype="float64")
    pre_counts = np.asarray(pre_counts, dtype="float64")
    nan = float("nan")
    out = dict.fromkeys(["baseline", "effect", "effect_low", "effect_high", "lift", "lift_low",
                         "lift_high", "se", "dispersion"], nan)
    index_sum = float(pre_index.sum())
    if index_sum <= 0 or pre_actual <= 0 or len(pre_counts) < 2:
        return out
    k = pre_actual / index_sum
    expected = k * pre_index
    ok = expected > 0
    chi2 = float((((pre_counts - expected) ** 2)[ok] / expected[ok]).sum())
    phi = max(1.0, chi2 / max(int(ok.sum()) - 1, 1))
    baseline = k * float(index_effect)
    effect = float(actual) - baseline
    se = float(np.sqrt(phi * baseline + baseline**2 * phi / pre_actual))
    z = z_value(level)
    # Sales cannot fall below nothing: the effect is at least −baseline (lift ≥ −100 %).
    low, high = max(effect - z * se, -baseline), effect + z * se
    out.update(baseline=baseline, effect=effect, effect_low=low, effect_high=high, se=se, dispersion=phi)
    if baseline > 0:
        out.update(lift=effect / baseline, lift_low=low / baseline, lift_high=high / baseline)
    return out
