"""The reports' charts, in the house style: what a notebook calls as ``storebook.plots.<chart>``.

One namespace for the notebooks, built from focused modules:

* :mod:`~storebook.report.plots.style` — the house style (:func:`use_house_style`), the fixed
  colours per platform, channel and device, report-width figures (:func:`new_figure`,
  :func:`to_png`), percent ticks and the calendar's events on a time axis;
* :mod:`~storebook.report.plots.traffic` — traffic and conversion: daily trends, shares,
  paid efficiency, anomalies, funnel steps, rate trends, effects, grouped bars;
* :mod:`~storebook.report.plots.operations` — fulfilment, products and profit: rate and
  horizontal bars, daily lines, heat maps, the P&L waterfall, the Pareto curve, estimates
  over time;
* :mod:`~storebook.report.plots.market` — promotion, competitor and supplier: timelines,
  calendar grids, estimates with intervals, actual against expected, scatters by kind,
  lines over months, changes.

A new chart goes into the module of its family and its name into the list below.

Example (not run here: it needs a store)::

    storebook.plots.use_house_style()
    fig = storebook.plots.daily_trend(daily, Text("zh"), china=True, title="…")
    png = storebook.plots.to_png(fig)
"""

from storebook.report.plots.market import (
    KIND_PALETTE,
    actual_vs_expected,
    calendar_grid,
    change_bars,
    day_lines,
    interval_dots,
    month_lines,
    scatter_by_kind,
    timeline,
)
from storebook.report.plots.operations import (
    daily_line,
    hbars,
    heatmap,
    interval_trend,
    pareto_curve,
    rate_bars,
    waterfall,
)
from storebook.report.plots.style import (
    BAD,
    BAND,
    CHANNEL_COLOURS,
    CJK_FONT_FILE,
    DEEP,
    DEVICE_COLOURS,
    DPI,
    EVENT_SHADE,
    FLAG,
    GOOD,
    GREY,
    HEIGHT_IN,
    PLATFORM_COLOURS,
    WHITEGRID,
    WIDTH_IN,
    PercentTicks,
    blues,
    cjk_font_path,
    colour,
    empty_figure,
    mark_events,
    new_figure,
    percent_decimals,
    set_title,
    to_png,
    use_house_style,
)
from storebook.report.plots.traffic import (
    anomaly_bands,
    daily_trend,
    effect_bars,
    efficiency_bars,
    group_bars,
    rate_trends,
    share_bars,
    share_trend,
    step_rates,
)

__all__ = [
    "BAD", "BAND", "CHANNEL_COLOURS", "CJK_FONT_FILE", "DEEP", "DEVICE_COLOURS", "DPI", "EVENT_SHADE", "FLAG",
    "GOOD", "GREY", "HEIGHT_IN", "KIND_PALETTE", "PLATFORM_COLOURS", "WHITEGRID", "WIDTH_IN", "PercentTicks",
    "actual_vs_expected", "anomaly_bands", "blues", "calendar_grid", "change_bars", "cjk_font_path", "colour",
    "daily_line", "daily_trend", "day_lines", "effect_bars", "efficiency_bars", "empty_figure", "group_bars", "hbars",
    "heatmap", "interval_dots", "interval_trend", "mark_events", "month_lines", "new_figure", "pareto_curve",
    "percent_decimals", "rate_bars", "rate_trends", "scatter_by_kind", "set_title", "share_bars", "share_trend",
    "step_rates", "timeline", "to_png", "use_house_style", "waterfall",
]
