"""Spend against budget: "over budget" defined once (profit's budget lines, the overview's
budget by channel, the marketing report's pace)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from storebook.measures.ratios import relative_change

#: Spend within this much of the budget (half a fen) meets it: sums of money in floating point.
TOLERANCE = 0.005


def over_budget(spend: Any, budget: Any) -> Any:
    """超预算 = 花费 − 预算 (negative: under budget).

    Example:
        >>> over_budget(120.0, 100.0)
        20.0
    """
    return spend - budget


def over_budget_rate(spend: Any, budget: Any) -> Any:
    """超预算比例 = 花费 / 预算 − 1 (missing where the budget is 0 or missing).

    Example:
        >>> round(over_budget_rate(120.0, 100.0), 2)
        0.2
    """
    return relative_change(spend, budget)


def is_over_budget(spend: pd.Series, budget: pd.Series) -> pd.Series:
    """True where spend exceeds its budget by more than :data:`TOLERANCE` (False without a budget).

    Example:
        >>> is_over_budget(pd.Series([110.0, 100.004, 5.0]), pd.Series([100.0, 100.0, None])).tolist()
        [True, False, False]
    """
    return (spend > budget + TOLERANCE).fillna(False).astype(bool)


def compare_to_budget(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with ``spend`` and ``budget`` columns) with over_budget = spend − budget,
    over_budget_rate = spend / budget − 1 and is_over (spend above budget; a budget of 0
    or missing gives a missing rate, and is_over is False without a budget).

    Example:
        >>> compare_to_budget(pd.DataFrame({"spend": [110.0, 100.0, 5.0], "budget": [100.0, 100.0, None]}))
           spend  budget  over_budget  over_budget_rate  is_over
        0  110.0   100.0         10.0               0.1     True
        1  100.0   100.0          0.0               0.0    False
        2    5.0     NaN          NaN               NaN    False
    """
    return frame.assign(
        over_budget=lambda d: over_budget(d["spend"], d["budget"]),
        over_budget_rate=lambda d: over_budget_rate(d["spend"], d["budget"]),
        is_over=lambda d: is_over_budget(d["spend"], d["budget"]),
    )
