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
    """``frame`` without its ``total`` rows when each repeats a row of its one platform: the
    same other labels (device, channel, month …), the same numbers where the total has one (a
    total holding anything the platform row does not is kept). A new frame.

    Args:
        frame: a result with a ``column`` of platforms (not modified).
        column: the column naming the platform.

    Returns:
        The frame without the repeated ``total`` rows, index reset; a copy of the frame when
        there is nothing to drop.

    Example:
        >>> f = pd.DataFrame({"platform": ["tmall", "tmall", "total"], "device": ["mobile", "total", "total"],
        ...                   "visitors": [80, 100, 100], "trend": [0.1, 0.2, None]})
        >>> drop_repeated_total(f)["device"].tolist()
        ['mobile', 'total']
    """
    one = lone_platform(frame, column)
    if one is None or not (frame[column] == TOTAL).any():
        return frame.copy()
    numbers = [c for c in frame.columns if c != column and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    labels = [c for c in frame.columns if c not in numbers and c != column]

    def keyed(rows: pd.DataFrame) -> pd.DataFrame:
        return rows.drop(columns=column).astype({c: "str" for c in labels}).reset_index(drop=True)

    total, single = keyed(frame[frame[column] == TOTAL]), keyed(frame[frame[column] == one])
    if labels:
        if single.duplicated(labels).any():
            return frame.copy()
        paired = total.merge(single, on=labels, how="left", suffixes=("", "_one"), indicator=True)
        if (paired["_merge"] != "both").any():
            return frame.copy()
    elif len(total) == 1 and len(single) == 1:
        paired = total.join(single.add_suffix("_one"))
    else:
        return frame.copy()
    for c in numbers:
        mine = paired[c].to_numpy(dtype="float64")
        theirs = paired[f"{c}_one"].to_numpy(dtype="float64")
        repeated = np.isnan(mine) | np.isclose(mine, theirs, rtol=1e-9, atol=1e-9, equal_nan=True)
        if not repeated.all():
            return frame.copy()
    return frame[frame[column] != TOTAL].reset_index(drop=True)
