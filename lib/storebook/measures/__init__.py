"""Measures: the building blocks every report shares, each defined once.

Guarded ratios and the formulas of the department's ratio metrics
(:mod:`~storebook.measures.ratios`), month-vs-prior-vs-last-year
(:mod:`~storebook.measures.compare`), daily sales and event effects
(:mod:`~storebook.measures.sales`), statistics (:mod:`~storebook.measures.stats`,
:mod:`~storebook.measures.extremes`) and the metric registry
(:mod:`~storebook.measures.metrics`). Imports only :mod:`storebook.engine`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: The name of the row that adds up the platforms (or categories, channels) in result frames.
TOTAL = "total"


def with_attrs(frame: pd.DataFrame, **attrs: Any) -> pd.DataFrame:
    """``frame`` with ``attrs`` set in its ``attrs`` (what a report reads beside the rows: the
    headline's ``daily_buyers``), for ``.pipe``; the frame is the caller's own, just built.

    >>> import pandas as pd
    >>> pd.DataFrame({"v": [1]}).pipe(with_attrs, daily_buyers=True).attrs
    {'daily_buyers': True}
    """
    frame.attrs.update(attrs)
    return frame
