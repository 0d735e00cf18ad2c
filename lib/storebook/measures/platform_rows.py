"""One platform is not a comparison: the all-platform row of a single-platform result repeats
its one platform, and "the highest is Tmall, the lowest is Tmall" says nothing.

A report run for one platform (``platforms = ["tmall"]``), or a store that sells on one, gives
result frames with that platform's rows and ``total`` rows holding the same numbers. The
report's tables leave those ``total`` rows out (:func:`drop_repeated_total`), and the facts
functions pick the sentence without a ranking of platforms (:func:`lone_platform`).

>>> frame = pd.DataFrame({"platform": ["tmall", "total"], "visitors": [96139, 96139]})
>>> drop_repeated_total(frame)["platform"].tolist(), lone_platform(frame)
(['tmall'], 'tmall')
>>> two = pd.DataFrame({"platform": ["tmall", "jd", "total"], "visitors": [2, 1, 3]})
>>> drop_repeated_total(two)["platform"].tolist(), lone_platform(two)
(['tmall', 'jd', 'total'], None)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from storebook.measures import TOTAL


def lone_platform(frame: pd.DataFrame, column: str = "platform") -> str | None:
    """The one platform of ``frame`` (its ``column`` values other than ``total``), or None
    when it holds none or several."""
    if column not in frame:
        return None
    values = {v for v in frame[column].dropna().unique() if v != TOTAL}
    return next(iter(values)) if len(values) == 1 else None


def drop_repeated_total(frame: pd.DataFrame, column: str = "platform") -> pd.DataFrame:
    """``frame`` without its ``total`` rows when they repeat its one platform's rows: same
    other labels, same numbers (a total that holds anything more is kept). A new frame.

    Args:
        frame: a result with a ``column`` of platforms (not modified).
        column: the column naming the platform.

    Returns:
        The frame without the repeated ``total`` rows, index reset; the frame itself (a
        copy) when there is nothing to drop.
    """
    one = lone_platform(frame, column)
    if one is None or not (frame[column] == TOTAL).any():
        return frame.copy()
    total, single = frame[frame[column] == TOTAL], frame[frame[column] == one]
    if len(total) != len(single):
        return frame.copy()
    numbers = [c for c in frame.columns if c != column and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    labels = [c for c in frame.columns if c != column and c not in numbers]
    order = labels or None

    def aligned(rows: pd.DataFrame) -> pd.DataFrame:
        rows = rows.drop(columns=column).astype({c: "str" for c in labels})
        return rows.sort_values(order, kind="stable").reset_index(drop=True) if order else rows.reset_index(drop=True)

    a, b = aligned(total), aligned(single)
    same_labels = a[labels].equals(b[labels]) if labels else True
    same_numbers = np.allclose(a[numbers].to_numpy(dtype="float64"), b[numbers].to_numpy(dtype="float64"),
                               rtol=1e-9, atol=1e-9, equal_nan=True) if numbers else True
    if not (same_labels and same_numbers):
        return frame.copy()
    return frame[frame[column] != TOTAL].reset_index(drop=True)
