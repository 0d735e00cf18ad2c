"""The charts of the promotion, competitor and supplier reports: timelines, calendar grids,
estimates with intervals, actual against expected, scatters by kind, lines over months and
changes (house style: :mod:`.style`)."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from storebook.engine import calendar
from storebook.measures.metrics import change_tone, format_change, shown_change
from storebook.report.number_style import tone_colours
from storebook.report.plots.style import (
    BAD,
    BAND,
    FLAG,
    GREY,
    PLATFORM_COLOURS,
    _date_axis,
    _empty_when_no_data,
    _label,
    _percent_axis,
    _value_axis,
    colour,
    legend_below,
    mark_events,
    new_figure,
    set_title,
)
from storebook.report.text import Text

# ----------------------------------------------------------------------------- promotion, competitor, supplier
# Charts of the promotion, competitor and supplier reports: a timeline of dated items, a
# calendar grid, estimates with their intervals, actual against expected, a scatter by kind
# and lines over months. Labels come from the catalogue (``metric.``/``axis.``/``legend.``).

#: Colours of categorical values that are not platforms, channels or devices (promotion
#: types, competitors …): a fixed qualitative palette, assigned in order of appearance.
KIND_PALETTE = ("#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1", "#76B7B2", "#EDC948", "#9C755F")


def _kind_colours(kind: str, values) -> dict:
    """A colour per value: the fixed platform/channel/device colours, else the palette in order."""
    values = list(dict.fromkeys(values))
    if kind in ("platform", "channel", "device"):
        return {v: (PLATFORM_COLOURS["total"] if v in ("all", "total") else colour(kind, v)) for v in values}
    return {v: KIND_PALETTE[i % len(KIND_PALETTE)] for i, v in enumerate(values)}


def _short(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


@_empty_when_no_data
def timeline(frame: pd.DataFrame, text: Text, *, start: str, end: str, label: str, china: bool,
             colour_by: str = "platform", first=None, last=None, title: str | None = None,
             country: str | None = None) -> Figure:
    """Dated items as horizontal bars from ``start`` to ``end`` (both days included), one row
    each, coloured by ``colour_by`` (platform colours; ``all`` in dark grey); the calendar's
    events are shaded where the store sells in China (``china``: :func:`style.mark_events`),
    elsewhere the public holidays of its own ``country`` (``page.country``), if given.

    Args:
        frame: one row per item (drawn top to bottom in this order).
        start, end: the date columns.
        label: the column naming each row (long names are shortened).
        first, last: the window shown (default: the items' span); bars are clipped to it.
    """
    fig, (ax,) = new_figure(height=max(2.4, 0.32 * len(frame) + 1.4))
    lo = pd.Timestamp(first) if first is not None else pd.to_datetime(frame[start]).min()
    hi = pd.Timestamp(last) if last is not None else pd.to_datetime(frame[end]).max()
    colours = _kind_colours(colour_by, frame[colour_by])
    y = np.arange(len(frame))[::-1]
    for yi, r in zip(y, frame.itertuples(index=False), strict=True):
        a = max(pd.Timestamp(getattr(r, start)), lo) - pd.Timedelta(hours=12)
        b = min(pd.Timestamp(getattr(r, end)), hi) + pd.Timedelta(hours=12)
        ax.barh(yi, b - a, left=a, height=0.62, color=colours[getattr(r, colour_by)], alpha=0.85)
    ax.set_yticks(y, [_short(str(v)) for v in frame[label]], fontsize=8)
    ax.set_xlim(lo - pd.Timedelta(days=1), hi + pd.Timedelta(days=1))
    ax.set_ylim(-0.8, len(frame) - 0.2)
    mark_events(ax, lo, hi, text, china=china, country=country)
    _date_axis(ax)
    ax.grid(axis="y", visible=False)
    from matplotlib.patches import Patch

    handles = [Patch(color=c, label=_label(text, colour_by, v)) for v, c in colours.items()]
    legend_below(fig, ax, handles)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def calendar_grid(frame: pd.DataFrame, text: Text, *, row: str, day: str = "day", value: str, china: bool,
                  kind: str = "pct", title: str | None = None, country: str | None = None) -> Figure:
    """Rows × days of a month as a grid of cells, darker = larger ``value`` (e.g. the share of
    a competitor's products on promotion each day); weekend day numbers are red and the
    calendar's event days (festivals, holidays) are marked above the grid where the store sells
    in China (``china``: ``page.china``, :func:`storebook.engine.calendar.used_for`); elsewhere the
    public holidays of its own ``country`` (``page.country``), if given.

    Args:
        frame: long rows of row × day × value.
        kind: the colour bar's format (``pct`` or ``number``).
    """
    rows = list(dict.fromkeys(frame[row]))
    days = pd.date_range(pd.to_datetime(frame[day]).min(), pd.to_datetime(frame[day]).max(), freq="D")
    grid = frame.assign(**{day: pd.to_datetime(frame[day])}).pivot_table(
        index=row, columns=day, values=value, aggfunc="mean").reindex(index=rows, columns=days).astype(float)
    fig, (ax,) = new_figure(height=max(2.2, 0.45 * len(rows) + 1.5))
    mesh = ax.pcolormesh(np.arange(len(days) + 1), np.arange(len(rows) + 1), grid.to_numpy()[::-1], cmap="OrRd",
                         vmin=0, vmax=max(float(np.nanmax(grid.to_numpy())), 1e-9) if grid.notna().any().any() else 1,
                         edgecolors="white", linewidth=0.6)
    ax.set_yticks(np.arange(len(rows)) + 0.5, [_label(text, row, r) for r in rows[::-1]], fontsize=8.5)
    ax.set_xticks(np.arange(len(days)) + 0.5, [str(d.day) for d in days], fontsize=7)
    kinds = calendar.day_kinds(days[0].date(), days[-1].date(), china=china, country=country)
    for i, (event, weekday) in enumerate(zip(kinds["event"], kinds["weekday"], strict=True)):
        if weekday >= 5:
            ax.get_xticklabels()[i].set_color(BAD)
        if event:  # festival and holiday days: a mark above the grid
            ax.plot([i + 0.5], [len(rows) + 0.12], marker="v", ms=4, color="#8A5A2B", clip_on=False)
    bar = fig.colorbar(mesh, ax=ax, fraction=0.025, pad=0.01)
    if kind == "pct":
        _percent_axis(bar.ax.yaxis)
    ax.set_xlabel(text("axis.day_of_month"))
    ax.grid(False)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def interval_dots(frame: pd.DataFrame, text: Text, *, category: str, value: str, low: str | None = None,
                  high: str | None = None, kind: str = "pct", reference: float | None = 0.0,
                  colour_by: str | None = None, title: str | None = None) -> Figure:
    """Estimates with their 95 % intervals, one row each (a forest plot): a dot for the
    estimate, a line for the interval, a dotted reference (0: no effect). An interval that
    crosses the reference cannot be told from it.

    Args:
        frame: one row per item, drawn top to bottom in this order.
        category: the column naming each row.
        value, low, high: the estimate and its interval (default ``<value>_low``/``_high``).
        kind: the value axis (``pct``, ``money``, ``number``).
        colour_by: a column colouring the dots (platform colours, or the palette).
    """
    low, high = low or f"{value}_low", high or f"{value}_high"
    fig, (ax,) = new_figure(height=max(2.4, 0.34 * len(frame) + 1.4))
    y = np.arange(len(frame))[::-1]
    colours = _kind_colours(colour_by, frame[colour_by]) if colour_by else {}
    for yi, r in zip(y, frame.itertuples(index=False), strict=True):
        c = colours.get(getattr(r, colour_by), PLATFORM_COLOURS["total"]) if colour_by else PLATFORM_COLOURS["total"]
        lo, hi, v = getattr(r, low), getattr(r, high), getattr(r, value)
        if pd.notna(lo) and pd.notna(hi):
            ax.plot([lo, hi], [yi, yi], color=c, lw=2, alpha=0.55, solid_capstyle="butt")
        if pd.notna(v):
            ax.plot([v], [yi], "o", color=c, ms=6)
    if reference is not None:
        ax.axvline(reference, color=GREY, lw=1, ls=":")
    ax.set_yticks(y, [_short(_label(text, category, v)) for v in frame[category]], fontsize=8)
    ax.set_ylim(-0.8, len(frame) - 0.2)
    _value_axis(ax, kind, "x")
    ax.set_xlabel(text(f"metric.{value}"))
    ax.grid(axis="y", visible=False)
    if colour_by:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], marker="o", ls="", color=c, label=_label(text, colour_by, v))
                   for v, c in colours.items()]
        legend_below(fig, ax, handles)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def actual_vs_expected(frame: pd.DataFrame, text: Text, *, value: str, expected: str, day: str = "day",
                       since=None, until=None, window: str = "legend.window", smooth: int | None = None,
                       title: str | None = None) -> Figure:
    """Daily ``value`` as bars against its ``expected`` baseline (a line), with the window
    ``since``…``until`` shaded (a promotion; from a competitor's move to the end).

    Args:
        frame: one row per day.
        window: the catalogue key naming the shaded window in the legend.
        smooth: draw ``smooth``-day averages of both (small daily counts are noisy).
    """
    fig, (ax,) = new_figure()
    data = frame.sort_values(day)
    x = pd.to_datetime(data[day])
    shown, base = data[value].astype(float), data[expected].astype(float)
    ax.bar(x, shown, width=0.8, color=PLATFORM_COLOURS["total"], alpha=0.25, label=text(f"metric.{value}"))
    if smooth:
        ax.plot(x, shown.rolling(smooth, min_periods=1).mean(), color=PLATFORM_COLOURS["total"], lw=2,
                label=text("legend.avg7"))
        base = base.rolling(smooth, min_periods=1).mean()
    ax.plot(x, base, color=FLAG, lw=2, ls="--", label=text("legend.baseline"))
    if since is not None:
        right = pd.Timestamp(until) if until is not None else x.max()
        ax.axvspan(pd.Timestamp(since) - pd.Timedelta(hours=12), right + pd.Timedelta(hours=12), color=BAND,
                   alpha=0.6, zorder=0, lw=0, label=text(window))
    ax.set_ylim(0, max(float(np.nanmax(shown.to_numpy())), float(np.nanmax(base.to_numpy())) if base.notna().any() else 0)
                * 1.15 or 1.0)
    _date_axis(ax)
    ax.set_xlabel(text("axis.date"))
    ax.legend(loc="upper left", ncols=4)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def scatter_by_kind(frame: pd.DataFrame, text: Text, *, x: str, y: str, kind: str, x_kind: str = "pct",
                    y_kind: str = "money", reference: float | None = 0.0, title: str | None = None) -> Figure:
    """One dot per row at (``x``, ``y``), coloured by ``kind`` (e.g. discount depth against
    incremental margin, by promotion type); a dotted line at ``y = reference``.

    Args:
        kind: the column whose values colour the dots (labels through the catalogue).
        x_kind, y_kind: the axes' formats (``pct``, ``money``, ``number`` …).
    """
    fig, (ax,) = new_figure(height=4.2)
    colours = _kind_colours(kind, frame[kind])
    for value, c in colours.items():
        part = frame.loc[frame[kind] == value]
        ax.scatter(part[x], part[y], s=28, color=c, alpha=0.8, label=_label(text, kind, value),
                   edgecolors="white", linewidths=0.5)
    if reference is not None:
        ax.axhline(reference, color=GREY, lw=1, ls=":")
    _value_axis(ax, x_kind, "x")
    _value_axis(ax, y_kind, "y")
    ax.set_xlabel(text(f"metric.{x}"))
    ax.set_ylabel(text(f"metric.{y}"))
    legend_below(fig, ax)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def month_lines(frame: pd.DataFrame, text: Text, *, value: str, by: str, month: str = "month", kind: str = "ratio",
                reference: float | None = None, title: str | None = None) -> Figure:
    """``value`` month by month, one line per ``by`` value (platform colours, else the
    palette); a dotted ``reference`` line (1: parity).

    Args:
        kind: the value axis (``ratio`` two decimals, ``pct``, ``money``, ``number``).
    """
    fig, (ax,) = new_figure()
    colours = _kind_colours(by, frame[by])
    for v, c in colours.items():
        line = frame.loc[frame[by] == v].sort_values(month)
        ax.plot(pd.to_datetime(line[month]), line[value], marker="o", ms=3.5, lw=1.8, color=c,
                label=_label(text, by, v))
    if reference is not None:
        ax.axhline(reference, color=GREY, lw=1, ls=":")
    if kind == "ratio":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.2f}"))
    else:
        _value_axis(ax, kind)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%y-%m"))
    ax.set_ylabel(text(f"metric.{value}"))
    ax.set_xlabel(text("axis.month"))
    legend_below(fig, ax)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def day_lines(frame: pd.DataFrame, text: Text, *, value: str, by: str, china: bool, day: str = "day",
              kind: str = "money", title: str | None = None, country: str | None = None) -> Figure:
    """``value`` day by day, one line per ``by`` value (the palette, in the frame's order), the
    calendar's events shaded (:func:`style.mark_events`: China's where the store sells there,
    else its own ``country``'s public holidays).

    Args:
        frame: one row per day × ``by`` value with ``day`` and ``value``.
        kind: the value axis (``money``, ``pct``, ``number``).
    """
    from storebook.report.tables import header

    fig, (ax,) = new_figure()
    colours = _kind_colours(by, frame[by])
    for v, c in colours.items():
        line = frame.loc[frame[by] == v].sort_values(day)
        ax.plot(pd.to_datetime(line[day]), line[value], marker="o", ms=2.5, lw=1.6, color=c, label=_label(text, by, v))
    x = pd.to_datetime(frame[day])
    mark_events(ax, x.min(), x.max(), text, china=china, country=country)
    _date_axis(ax)
    if (x.max() - x.min()).days < 14:  # a few days' crawls: a Monday tick may not fall among them
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.set_xlim(x.min() - pd.Timedelta(hours=12), x.max() + pd.Timedelta(hours=12))
    _value_axis(ax, kind)
    ax.set_ylabel(header(value, text))
    ax.set_xlabel(text("axis.date"))
    legend_below(fig, ax)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def change_bars(changes: pd.DataFrame, text: Text, *, change: str = "vs_prior", title: str | None = None) -> Figure:
    """The month's movements as horizontal bars, largest first: each bar's length the
    metric's relative change, its colour the registry's tone (good green, bad red, neither
    grey: a falling refund rate is good news), its label the change as the registry writes
    it (a rate in percentage points).

    Args:
        changes: one row per metric, in order: metric, ``change`` (relative), and value and
            prior where known (:func:`storebook.areas.overview.explain_changes`).
        change: the relative change column.

    Example:
        change_bars(storebook.overview.explain_changes(wb, period), text)
    """
    fig, (ax,) = new_figure(height=max(2.4, 0.34 * len(changes) + 1.4))
    colours = tone_colours()
    y = np.arange(len(changes))[::-1].astype(float)
    data = changes[change].astype(float).fillna(0.0).to_numpy()
    tones = [change_tone(m, v) for m, v in zip(changes["metric"], data, strict=True)]
    ax.barh(y, data, height=0.7, color=[colours[t] for t in tones])
    values = changes["value"] if "value" in changes else pd.Series([None] * len(changes))
    span = max(float(np.abs(data).max()), 1e-9)
    for yi, m, v, value in zip(y, changes["metric"], data, values, strict=True):
        shown = shown_change(m, value, v) if value is not None and pd.notna(value) else None
        label = format_change(m, shown, text.language) if shown is not None else format_change(None, v, text.language)
        ax.text(v + (0.01 if v >= 0 else -0.01) * span * 3, yi, label, va="center",
                ha="left" if v >= 0 else "right", fontsize=8)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_yticks(y, [_label(text, "metric", m) for m in changes["metric"]], fontsize=8.5)
    _value_axis(ax, "pct", "x")
    low, high = ax.get_xlim()
    ax.set_xlim(low - 0.18 * span, high + 0.18 * span)  # room for the labels
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(text(f"metric.{change}"))
    set_title(fig, title)
    return fig
