"""A value against its target: met, missed by a little, missed (目标达成). The overview's
scorecard colours each metric by it."""

from __future__ import annotations

import pandas as pd

#: A target missed by at most this share of it is amber, not red.
AMBER_TOLERANCE = 0.05


def status(value: float, target: float, higher_is_better: bool, tolerance: float = AMBER_TOLERANCE) -> str:
    """``green`` (target met), ``amber`` (missed by ≤ tolerance × target), ``red``, or
    ``no_target`` / ``no_data``.

    Example:
        >>> status(0.97, 1.0, True), status(0.9, 1.0, True), status(1.02, 1.0, False), status(5, None, True)
        ('amber', 'red', 'amber', 'no_target')
    """
    if value is None or pd.isna(value):
        return "no_data"
    if target is None or pd.isna(target):
        return "no_target"
    if higher_is_better:
        return "green" if value >= target else ("amber" if value >= target - tolerance * abs(target) else "red")
    return "green" if value <= target else ("amber" if value <= target + tolerance * abs(target) else "red")
