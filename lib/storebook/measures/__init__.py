"""Measures: the building blocks every report shares, each defined once.

Guarded ratios and the formulas of the department's ratio metrics
(:mod:`~storebook.measures.ratios`), month-vs-prior-vs-last-year
(:mod:`~storebook.measures.compare`), daily sales and event effects
(:mod:`~storebook.measures.sales`), statistics (:mod:`~storebook.measures.stats`,
:mod:`~storebook.measures.extremes`) and the metric registry
(:mod:`~storebook.measures.metrics`). Imports only :mod:`storebook.engine`.
"""

#: The name of the row that adds up the platforms (or categories, channels) in result frames.
TOTAL = "total"
