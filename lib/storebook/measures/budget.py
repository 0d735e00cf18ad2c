"""Spend against budget: "over budget" defined once (profit's budget lines, the overview's
budget by channel)."""

from __future__ import annotations

import pandas as pd

from storebook.measures.ratios import relative_change

#: Spend within this much of the budget (half a fen) meets it: sums of money in floating point.
TOLERANCE = 0.005


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
        over_budget=lambda d: d["spend"] - d["budget"],
        over_budget_rate=lambda d: relative_change(d["spend"], d["budget"]),
        is_over=lambda d: (d["spend"] > d["budget"] + TOLERANCE).fillna(False).astype(bool),
    )
