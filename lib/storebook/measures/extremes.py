"""The largest and the smallest of a result, where nothing may be known.

``frame.loc[frame[col].idxmax()]`` fails on an empty frame and on a column with no known
value (pandas raises on all-NA), which is what a sparse store gives: a month with one
platform whose refunds are all unknown, competitors without a rating. The facts functions
of the reports take their "best" and "worst" from here: the row, or None when no value is
known, and the sentence says "n/a".

>>> frame = pd.DataFrame({"name": ["a", "b", "c"], "rate": [0.2, None, 0.5]})
>>> row_of_max(frame, "rate")["name"], row_of_min(frame, "rate")["name"]
('c', 'a')
>>> row_of_max(frame.assign(rate=None), "rate") is None
True
>>> label_of_max(pd.Series([None, None], index=["x", "y"], dtype="float64")) is None
True
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def _known(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("float64").dropna()


def row_of_max(frame: pd.DataFrame, column: str | pd.Series) -> pd.Series | None:
    """The row of ``frame`` with the largest known ``column`` (a name, or values aligned
    with the frame), the first one on a tie; None when no value is known."""
    values = _known(frame[column] if isinstance(column, str) else column)
    return None if values.empty else frame.loc[values.idxmax()]


def row_of_min(frame: pd.DataFrame, column: str | pd.Series) -> pd.Series | None:
    """The row of ``frame`` with the smallest known ``column``; None when no value is known."""
    values = _known(frame[column] if isinstance(column, str) else column)
    return None if values.empty else frame.loc[values.idxmin()]


def label_of_max(values: pd.Series) -> Any:
    """The index label of the largest known value; None when no value is known."""
    known = _known(values)
    return None if known.empty else known.idxmax()


def label_of_min(values: pd.Series) -> Any:
    """The index label of the smallest known value; None when no value is known."""
    known = _known(values)
    return None if known.empty else known.idxmin()
