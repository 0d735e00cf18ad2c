"""The charts of the operations and profit reports (fulfilment, products, profit): rate and
horizontal bars, daily lines, heat maps, the P&L waterfall, the Pareto curve and estimates
over time (house style: :mod:`.style`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from storebook.report.number_style import format_share
from storebook.report.plots.style import (
    BAD,
    BAND,
    GOOD,
    GREY,
    PLATFORM_COLOURS,
    _date_axis,
    _empty_when_no_data,
    _label,
    _money_axis,
    _percent_axis,
    _value_axis,
    blues,
    colour,
    empty_figure,
    legend_below,
    mark_events,
    new_figure,
    set_title,
)
from storebook.report.text import Text, format_money

# ----------------------------------------------------------------------------- operations and profit
# Charts of the fulfilment, products and profit reports. Labels come from the catalogue:
# ``metric.<name>`` for a plotted measure, ``axis.<name>`` for an axis.



def _bar_colours(category: str, values, n_series: int = 1) -> list:
    if category in ("platform", "channel", "device"):
        return [colour(category, v) for v in values]
    return [blues(n_series + 2)[-2]] * len(values)


@_empty_when_no_data
def rate_bars(frame: pd.DataFrame, text: Text, *, category: str, values: Sequence[str], kind: str = "pct",
              target: float | None = None, title: str | None = None) -> Figure:
    """Grouped vertical bars: several measures (``values``) per ``category`` value.

    The first measure is drawn darkest; a ``total`` row, if present, is drawn last in
    dark grey. ``target`` draws a dotted reference line.

    Args:
        frame: one row per category value, with the ``values`` columns.
        kind: the value axis (``pct``, ``money``, ``number``).

    Example:
        rate_bars(ship, Text("en"), category="platform", values=["within_24h_rate", "within_48h_rate"])
    """
    fig, (ax,) = new_figure(height=3.6)
    groups = list(frame[category])
    x = np.arange(len(groups))
    width = 0.8 / max(len(values), 1)
    shades = blues(len(values) + 2, reverse=True)
    for k, value in enumerate(values):
        offset = (k - (len(values) - 1) / 2) * width
        colours = [PLATFORM_COLOURS["total"] if g == "total" else
                   (colour(category, g) if category in ("platform", "channel", "device") and k == 0 else shades[k])
                   for g in groups]
        alpha = 1.0 if k == 0 else 0.55
        bars = ax.bar(x + offset, frame[value], width=width * 0.95, color=colours, alpha=alpha,
                      label=text(f"metric.{value}"))
        for rect, v in zip(bars, frame[value], strict=True):
            if pd.notna(v):
                # a share (a ratio in percent) as its table says it
                label = _bar_value(_label_kind(kind, value), float(v)) if kind == "pct" else f"{v:,.1f}"
                ax.text(rect.get_x() + rect.get_width() / 2, rect.get_height(), label, ha="center", va="bottom",
                        fontsize=7.5, color="#333333")
    if target is not None:
        ax.axhline(target, color=BAD, lw=1, ls=":")
    ax.set_xticks(x, [_label(text, category, g) for g in groups])
    _value_axis(ax, kind)
    if kind == "pct":
        ax.set_ylim(0, min(1.08, max(1e-9, float(np.nanmax(frame[list(values)].to_numpy(dtype=float)))) * 1.15))
    ax.grid(axis="x", visible=False)
    legend_below(fig, ax, ncols=len(values))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def daily_line(frame: pd.DataFrame, text: Text, *, value: str, china: bool, day: str = "day", kind: str = "number",
               smooth: int | None = 7, reference: float | None = None, title: str | None = None,
               country: str | None = None) -> Figure:
    """One measure day by day (thin), its ``smooth``-day average (bold), events shaded.

    The calendar's events (the Spring Festival logistics shutdown among them) are shaded
    and named, so a calendar slowdown reads as what it is — where the store sells in China
    (``china``: ``page.china``, :func:`storebook.engine.calendar.used_for`); elsewhere the public
    holidays of its own ``country`` (``page.country``), if given (:func:`style.mark_events`).

    Args:
        frame: one row per day with ``day`` and ``value``.
        kind: the value axis (``pct``, ``money``, ``number``).
        smooth: window of the rolling average (None: no average).
        reference: a dotted horizontal line (a promise, a target).
    """
    fig, (ax,) = new_figure()
    data = frame.sort_values(day)
    x = pd.to_datetime(data[day])
    ax.plot(x, data[value], color=PLATFORM_COLOURS["total"], lw=1.0, alpha=0.45, label=text("legend.daily"))
    if smooth:
        ax.plot(x, data[value].rolling(smooth, min_periods=1).mean(), color=PLATFORM_COLOURS["total"], lw=2.2,
                label=text("legend.avg7"))
    if reference is not None:
        ax.axhline(reference, color=BAD, lw=1, ls=":", label=text("legend.reference"))
    low = float(np.nanmin(data[value].to_numpy(dtype=float))) if len(data) else 0.0
    ax.set_ylim(min(0.0, low), float(np.nanmax(data[value].to_numpy(dtype=float))) * 1.15 if len(data) else 1.0)
    mark_events(ax, x.min(), x.max(), text, china=china, label=(x.max() - x.min()).days <= 62, country=country)
    if (x.max() - x.min()).days > 62:
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%y-%m"))
    else:
        _date_axis(ax)
    _value_axis(ax, kind)
    ax.set_ylabel(text(f"metric.{value}"))
    ax.set_xlabel(text("axis.date"))
    ax.legend(loc="lower left", ncols=3)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def heatmap(frame: pd.DataFrame, text: Text, *, index: str, columns: str, values: str, kind: str = "number",
            title: str | None = None) -> Figure:
    """A grid of ``values`` (rows ``index`` × columns ``columns``), darker = larger, numbers written in.

    Args:
        frame: long rows of index × columns × value (row and column order kept).
        kind: how a cell's number is written (``pct`` or ``number``, one decimal).
    """
    rows = list(dict.fromkeys(frame[index]))
    cols = list(dict.fromkeys(frame[columns]))
    grid = frame.pivot_table(index=index, columns=columns, values=values, aggfunc="mean").reindex(
        index=rows, columns=cols).astype(float)
    if grid.isna().all().all():
        return empty_figure(text, title)
    fig, (ax,) = new_figure(height=max(2.4, 0.36 * len(rows) + 1.6))
    # a share as its table and sentence say it: a retention of 0.3% is not "0%"
    _draw_heatmap(ax, grid.to_numpy(), format_share if kind == "pct" else "{:.1f}")
    ax.set_yticks(np.arange(len(rows)) + 0.5, [_label(text, index, r) for r in rows], rotation=0)
    ax.set_xticks(np.arange(len(cols)) + 0.5, [_label(text, columns, c) for c in cols], rotation=45, ha="right",
                  fontsize=8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    set_title(fig, title)
    return fig


def _label_kind(kind: str, column: str) -> str:
    """How a bar of ``column`` on a ``kind`` axis writes its value: a percent axis's ratio that is
    no share (marketing ÷ sales) as its table column does (``percent``), a share as a share."""
    from storebook.report.tables import column_kind

    return "percent" if kind == "pct" and column_kind(column) == "percent" else kind


def _bar_value(kind: str, value: float) -> str:
    """A bar's value as written at its end: in the axis's unit, never ``-0``."""
    if kind in ("pct", "percent"):  # as its table and sentence say it; a ratio is no share
        return format_share(value, bounded=kind == "pct")
    elif kind in ("money", "money2"):
        return format_money(value, 2 if kind == "money2" else 0)
    elif kind == "count":
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.1f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,%") else text


def _label_bars(ax, positions, values, kind: str) -> None:
    """Write each horizontal bar's value just past its end (left of a negative one)."""
    for pos, value in zip(positions, values, strict=True):
        ax.annotate(_bar_value(kind, float(value)), (float(value), float(pos)), xytext=(3 if value >= 0 else -3, 0),
                    textcoords="offset points", ha="left" if value >= 0 else "right", va="center",
                    fontsize=7, color="#444444")


def _mark_zero_bars(ax, positions, colours) -> None:
    """A bar of length 0 has no area: mark it with a short stroke at 0, so that a supplier
    at 0% reads as measured at zero, not as missing."""
    for pos, colour_ in zip(positions, colours, strict=True):
        ax.plot([0], [float(pos)], marker="|", markersize=11, markeredgewidth=3, color=colour_, zorder=4)


def _draw_heatmap(ax: Any, values: np.ndarray, fmt: Any) -> None:
    """Cells coloured on OrRd from the smallest to the largest value, each with its number
    (``fmt``: a format string, or a function of the value; dark on light cells, white on dark
    ones); empty cells left blank: seaborn's heatmap as this report draws it, without importing
    seaborn (and scipy.stats with it)."""
    from matplotlib import colors

    cells = np.ma.masked_invalid(values)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    mesh = ax.pcolormesh(cells, cmap="OrRd", vmin=np.nanmin(values), vmax=np.nanmax(values), linewidths=0.5,
                         edgecolor="white")
    ax.set(xlim=(0, values.shape[1]), ylim=(0, values.shape[0]))
    ax.invert_yaxis()
    mesh.update_scalarmappable()
    rgb = colors.to_rgba_array(mesh.get_facecolors())[:, :3]
    # W3C relative luminance: above .408 a cell is light enough for dark text.
    luminance = np.where(rgb <= .03928, rgb / 12.92, ((rgb + .055) / 1.055) ** 2.4) @ [.2126, .7152, .0722]
    empty = np.ma.getmaskarray(cells)
    for k, (row, col) in enumerate(np.ndindex(*values.shape)):
        if not empty[row, col]:
            number = fmt(values[row, col]) if callable(fmt) else fmt.format(values[row, col])
            ax.text(col + .5, row + .5, number, color=".15" if luminance[k] > .408 else "w",
                    ha="center", va="center", fontsize=7.5)


@_empty_when_no_data
def hbars(frame: pd.DataFrame, text: Text, *, category: str, values: Sequence[str], kind: str = "number",
          reference: float | None = None, stacked: bool = False, title: str | None = None) -> Figure:
    """Horizontal bars per ``category`` value, first row on top: one measure, several side
    by side, or stacked parts of a whole (``stacked``). Negative values extend left. Each
    bar (a stack: its total) carries its value; a bar at exactly 0 is marked with a stroke.

    Args:
        frame: one row per category value (drawn in that order).
        values: the measures (``metric.<name>`` labels).
        kind: the value axis (``pct``, ``money``, ``money2``, ``count``, ``number``).
        reference: a dotted vertical line (break-even, the total, a target).
    """
    values = list(values)
    fig, (ax,) = new_figure(height=max(2.4, 0.34 * len(frame) * (1 if stacked else len(values)) + 1.4))
    groups = list(frame[category])
    y = np.arange(len(groups))[::-1].astype(float)
    height = 0.7 if stacked else 0.75 / len(values)
    shades = blues(len(values) + 2, reverse=True)
    left = np.zeros(len(groups))
    for k, value in enumerate(values):
        data = frame[value].astype(float).fillna(0.0).to_numpy()
        if len(values) == 1:
            colours = [PLATFORM_COLOURS["total"] if g == "total" else
                       colour(category, g) if category in ("platform", "channel", "device") else
                       (BAD if v < 0 else shades[0]) for g, v in zip(groups, data, strict=True)]
        else:
            colours = [shades[k]] * len(groups)
        pos = y if stacked else y + ((len(values) - 1) / 2 - k) * height
        ax.barh(pos, data, left=left if stacked else None, height=height * 0.95, color=colours,
                label=text(f"metric.{value}"))
        if not stacked:
            known = frame[value].notna().to_numpy()
            _mark_zero_bars(ax, pos[known & (data == 0)], [c for c, z in zip(colours, known & (data == 0), strict=True) if z])
            _label_bars(ax, pos[known], data[known], _label_kind(kind, value))
        if stacked:
            left = left + data
    if stacked:
        _mark_zero_bars(ax, y[left == 0], [shades[0]] * int((left == 0).sum()))
        _label_bars(ax, y, left, kind)
    low, high = ax.get_xlim()  # room for the values written past the bars' ends
    span = high - low
    ax.set_xlim(low - (0.1 * span if low < 0 else 0.0), high + 0.1 * span)
    if reference is not None:
        ax.axvline(reference, color=BAD, lw=1, ls=":")
    ax.axvline(0, color="black", lw=0.6)
    ax.set_yticks(y, [_label(text, category, g) for g in groups], fontsize=8.5)
    _value_axis(ax, kind, "x")
    ax.grid(axis="y", visible=False)
    if len(values) > 1:
        legend_below(fig, ax, ncols=len(values))
    else:
        ax.set_xlabel(text(f"metric.{values[0]}"))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def waterfall(lines: pd.DataFrame, text: Text, *, title: str | None = None) -> Figure:
    """A P&L waterfall: subtotals as full bars, deductions as floating bars going down.

    Args:
        lines: rows in P&L order with line, amount (deductions positive), is_subtotal,
            is_deduction (:func:`storebook.areas.profit.compare_pnl`); an optional
            ``budget_amount`` is drawn as a tick on the subtotals.
    """
    fig, (ax,) = new_figure(height=4.2)
    x = np.arange(len(lines))
    level = 0.0
    budget_shown = False
    for i, r in enumerate(lines.itertuples()):
        value = float(r.amount)
        if r.is_subtotal:
            bottom, height, c = 0.0, value, PLATFORM_COLOURS["total"] if value >= 0 else BAD
            level = value
        elif r.is_deduction:
            bottom, height, c = level - value, value, BAD
            level -= value
        else:
            bottom, height, c = level, value, GOOD
            level += value
        ax.bar(i, height, bottom=bottom, color=c, width=0.65, alpha=0.9 if r.is_subtotal else 0.7)
        ax.text(i, bottom + max(height, 0), format_money(value), ha="center", va="bottom", fontsize=7.5)
        if r.is_subtotal and "budget_amount" in lines and pd.notna(getattr(r, "budget_amount", np.nan)):
            ax.scatter(i, float(r.budget_amount), marker="_", s=420, color=GREY, zorder=5, lw=2,
                       label=None if budget_shown else text("legend.budget"))
            budget_shown = True
    ax.set_xticks(x, [text(f"pnl.{line}") for line in lines["line"]], rotation=30, ha="right", fontsize=8.5)
    _money_axis(ax)
    ax.grid(axis="x", visible=False)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper right")
    set_title(fig, title)
    return fig


@_empty_when_no_data
def pareto_curve(abc: pd.DataFrame, text: Text, *, measures: Sequence[str] = ("revenue", "gross_margin"),
                 thresholds: Sequence[float] = (0.8, 0.95), title: str | None = None) -> Figure:
    """Cumulative share of each measure against the share of SKUs, largest first (Pareto).

    The A/B thresholds are dotted; the flatter the curve's end, the longer the tail.

    Args:
        abc: one row per SKU with the ``measures`` columns
            (:func:`storebook.areas.products.classify_skus`).
    """
    fig, (ax,) = new_figure(height=3.8)
    palette = [PLATFORM_COLOURS["total"], PLATFORM_COLOURS["tmall"], GREY]
    for k, measure in enumerate(measures):
        # Over the SKUs whose measure is known (a margin at an unknown cost is not a 0): none, no curve.
        v = abc[measure].astype(float).dropna().clip(lower=0).sort_values(ascending=False).to_numpy()
        n, total = len(v), v.sum()
        if n == 0 or total <= 0:
            continue
        share_skus = np.arange(1, n + 1) / n
        ax.plot(np.r_[0, share_skus], np.r_[0, v.cumsum() / total], color=palette[k % 3], lw=2,
                label=text(f"metric.{measure}"))
    for t in thresholds:
        ax.axhline(t, color=GREY, lw=0.8, ls=":")
    _percent_axis(ax.xaxis)
    _percent_axis(ax.yaxis)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(text("axis.sku_share"))
    ax.set_ylabel(text("axis.cumulative_share"))
    ax.legend(loc="lower right")
    set_title(fig, title)
    return fig


@_empty_when_no_data
def interval_trend(frame: pd.DataFrame, text: Text, *, value: str, x: str = "month", kind: str = "number",
                   reference: float | None = None, title: str | None = None) -> Figure:
    """A monthly measure with its 95 % interval as a band (``<value>_low`` / ``<value>_high``).

    Args:
        frame: one row per month with ``x`` (``YYYY-MM`` or a date), ``value`` and its interval.
        kind: the value axis (``pct``, ``money``, ``number``).
        reference: a dotted horizontal line (a target).

    Example:
        >>> f = pd.DataFrame({"month": ["2026-09", "2026-10"], "csat": [4.1, 3.9], "csat_low": [3.9, 3.6],
        ...                   "csat_high": [4.3, 4.2]})
        >>> interval_trend(f, Text("en"), value="csat").axes[0].get_ylabel()
        'CSAT (1–5)'
    """
    data = frame.sort_values(x)
    months = pd.to_datetime(data[x].astype(str))
    fig, (ax,) = new_figure(height=3.6)
    ax.fill_between(months, data[f"{value}_low"].astype(float), data[f"{value}_high"].astype(float), color=BAND,
                    lw=0, label=text("legend.interval"))
    ax.plot(months, data[value].astype(float), color=PLATFORM_COLOURS["total"], lw=2.2, marker="o", ms=4,
            label=text(f"metric.{value}"))
    if reference is not None:
        ax.axhline(reference, color=BAD, lw=1, ls=":")
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%y-%m"))
    _value_axis(ax, kind)
    ax.set_ylabel(text(f"metric.{value}"))
    ax.legend(loc="lower left", ncols=2)
    set_title(fig, title)
    return fig
