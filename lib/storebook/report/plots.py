"""The house chart style: one look, one palette, Chinese that renders, events marked.

* :func:`use_house_style` — seaborn's white grid (its settings, :data:`WHITEGRID`, applied
  without importing seaborn, which would import scipy.stats: a second of every report
  kernel's start), then the CJK font (Noto Sans CJK SC, shipped inside the ``mplfonts``
  wheel: registered with ``font_manager.addfont``, put first in ``font.sans-serif``,
  ``axes.unicode_minus`` off). We never run ``mplfonts init``.
* Colours are fixed per platform, channel and device (:data:`PLATFORM_COLOURS` …) so
  that Tmall is the same orange in every chart of every report.
* Figures are report width (10 × 4 in) at 100 dpi, PNG: a notebook of eight charts stays
  well under 2 MB of HTML. They are built as :class:`matplotlib.figure.Figure` objects
  (not through pyplot), so nothing is drawn twice; :func:`to_png` renders one.
* Titles state the finding: every chart takes its ``title`` from the notebook, written
  from the numbers through the text catalogue. Labels come from the same catalogue
  (:class:`storebook.report.text.Text`), in the report's language.
* Time charts mark the calendar's events (:func:`mark_events`).

Example:
    >>> use_house_style()
    'Noto Sans CJK SC'

Then, with a daily frame (not run here: it needs a store)::

    fig = daily_trend(daily, Text("zh"), title="…")
    png = to_png(fig)
"""

from __future__ import annotations

import functools
import importlib.util
import io
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, FuncFormatter

from storebook.engine import calendar
from storebook.measures import stats
from storebook.measures.metrics import change_tone, format_change, shown_change
from storebook.measures.platform_rows import drop_repeated_total
from storebook.report.number_style import tone_colours
from storebook.report.text import Text, format_money

#: Report width and resolution.
WIDTH_IN, HEIGHT_IN, DPI = 10.0, 4.0, 100
#: The font that covers Chinese, and the file it lives in inside the mplfonts wheel.
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"

PLATFORM_COLOURS: dict[str, str] = {
    "tmall": "#E8710A",   # orange
    "jd": "#C5221F",      # red
    "douyin": "#12939A",  # teal
    "web": "#3F5BA9",     # blue
    "total": "#333333",
}
CHANNEL_COLOURS: dict[str, str] = {
    "organic_search": "#4E79A7",
    "paid_search": "#F28E2B",
    "social": "#E15759",
    "email": "#76B7B2",
    "live_stream": "#59A14F",
    "recommendation": "#EDC948",
    "direct": "#B07AA1",
    "referral": "#9C755F",
    "all": "#555555",
    "total": "#333333",
}
DEVICE_COLOURS: dict[str, str] = {"mobile": "#5B8FF9", "pc": "#9270CA", "total": "#333333"}
#: Accents: the comparison line, the expected band, a flagged point, good and bad.
GREY, BAND, FLAG = "#8C8C8C", "#D9E2EC", "#D62728"
#: Good and bad news, in the pack stylesheet's colours (the one place of the tones).
GOOD, BAD = tone_colours()["good"], tone_colours()["bad"]
EVENT_SHADE = "#FCE8D5"

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def colour(kind: str, value: str) -> str:
    """The fixed colour of a platform, channel or device (grey for anything else)."""
    table = {"platform": PLATFORM_COLOURS, "channel": CHANNEL_COLOURS, "device": DEVICE_COLOURS}[kind]
    return table.get(value, GREY)


# ----------------------------------------------------------------------------- style

_FONT_SCALE = 0.95
#: What ``seaborn.set_theme(style="whitegrid", context="notebook", font_scale=0.95)`` sets
#: (its "deep" palette, white grid and notebook sizes), without seaborn's colormap
#: ``rocket`` as the default image map (no chart here draws one without naming its map).
#: tests/test_plots.py checks it against seaborn itself.
WHITEGRID: dict[str, Any] = {
    "axes.axisbelow": True, "axes.edgecolor": ".8", "axes.grid": True, "axes.labelcolor": ".15",
    "axes.linewidth": 1.25, "grid.color": ".8", "grid.linewidth": 1.0, "text.color": ".15",
    "axes.labelsize": 12 * _FONT_SCALE, "axes.titlesize": 12 * _FONT_SCALE, "font.size": 12 * _FONT_SCALE,
    "legend.fontsize": 11 * _FONT_SCALE, "legend.title_fontsize": 12 * _FONT_SCALE,
    "xtick.labelsize": 11 * _FONT_SCALE, "ytick.labelsize": 11 * _FONT_SCALE,
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "xtick.bottom": False, "ytick.left": False, "xtick.color": ".15", "ytick.color": ".15",
    "xtick.major.size": 6.0, "ytick.major.size": 6.0, "xtick.minor.size": 4.0, "ytick.minor.size": 4.0,
    "xtick.major.width": 1.25, "ytick.major.width": 1.25, "xtick.minor.width": 1.0, "ytick.minor.width": 1.0,
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
}
#: seaborn's "deep" palette: the colour cycle, and what the colour codes b g r m y c stand for.
DEEP = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C", "#CCB974", "#64B5CD"]


def _apply_whitegrid() -> None:
    from cycler import cycler
    from matplotlib import colors

    matplotlib.rcParams.update({**WHITEGRID, "axes.prop_cycle": cycler("color", [colors.to_rgb(c) for c in DEEP])})
    for code, hex_colour in zip("bgrmyc", [DEEP[i] for i in (0, 2, 3, 4, 8, 9)], strict=True):
        colors.colorConverter.colors[code] = colors.to_rgb(hex_colour)
    colors.colorConverter.colors["k"] = (0.1, 0.1, 0.1)


def blues(n_colors: int, reverse: bool = False) -> list[tuple[float, float, float]]:
    """``n_colors`` shades of matplotlib's Blues map, light to dark (dark to light when
    ``reverse``), the ends left out: what ``seaborn.color_palette("Blues")`` gives."""
    cmap = matplotlib.colormaps["Blues_r" if reverse else "Blues"]
    return [tuple(float(v) for v in c[:3]) for c in cmap(np.linspace(0, 1, int(n_colors) + 2)[1:-1])]

def cjk_font_path() -> Path:
    """The Noto Sans CJK SC file inside the installed mplfonts wheel (no import needed)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package is missing: `pip install -e .` installs it (Chinese chart labels need it)")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / CJK_FONT_FILE
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: reinstall mplfonts (`pip install --force-reinstall mplfonts`)")
    return path


def use_house_style() -> str:
    """Apply the house chart style; returns the name of the CJK font put first.

    Safe to call more than once.
    """
    _apply_whitegrid()
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    sans = [name, *[f for f in matplotlib.rcParams["font.sans-serif"] if f != name]]
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": sans,
        "axes.unicode_minus": False,
        "figure.figsize": (WIDTH_IN, HEIGHT_IN),
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "savefig.format": "png",
        "axes.titlesize": 12,
        # The CJK font ships in one weight: bold would fall back (with a warning) to it.
        "axes.titleweight": "normal",
        "axes.titlelocation": "left",
        "legend.frameon": False,
        "legend.fontsize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    return name


def new_figure(nrows: int = 1, ncols: int = 1, height: float = HEIGHT_IN, **kwargs) -> tuple[Figure, np.ndarray]:
    """A report-width figure (not registered with pyplot) and its axes, always as an array."""
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, **kwargs)
    return fig, axes.ravel()


def set_title(fig: Figure, title: str | None) -> None:
    """The finding as the figure's title, wrapped to the report width."""
    if not title:
        return
    width = 48 if _CJK.search(title) else 95
    fig.suptitle("\n".join(textwrap.wrap(title, width)), x=0.01, ha="left", fontsize=12.5)


def to_png(fig: Figure) -> bytes:
    """The figure as PNG bytes at the house resolution."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def empty_figure(text: Text, title: str | None = None) -> Figure:
    """A small figure that says there is nothing to draw (a chart of an empty result)."""
    fig, (ax,) = new_figure(height=1.6)
    ax.axis("off")
    ax.text(0.5, 0.5, text("axis.no_data"), ha="center", va="center", color=GREY, fontsize=10,
            transform=ax.transAxes)
    set_title(fig, title)
    return fig


def _empty_when_no_data(draw):  # noqa: ANN001, ANN202 - a decorator of the chart functions
    """A chart of a frame without rows, or whose measures (``values=`` / ``value=``) are all
    unknown, is :func:`empty_figure`, not a matplotlib error or an all-NaN warning. The
    all-platform rows of a one-platform frame, which repeat it, are not drawn."""
    @functools.wraps(draw)
    def chart(frame: pd.DataFrame, text: Text, *args: Any, **kwargs: Any) -> Figure:
        if frame is not None and "platform" in frame:
            frame = drop_repeated_total(frame)
        if frame is None or len(frame) == 0:
            return empty_figure(text, kwargs.get("title"))
        measures = list(kwargs.get("values") or ([kwargs["value"]] if isinstance(kwargs.get("value"), str) else []))
        if measures and all(m in frame for m in measures) and frame[measures].isna().all().all():
            return empty_figure(text, kwargs.get("title"))
        return draw(frame, text, *args, **kwargs)

    return chart


def percent_decimals(values: Sequence[float], most: int = 3) -> int:
    """The fewest decimals that tell every one of ``values`` (shares: 0.885 is 88.5%) apart.

    >>> percent_decimals([0.87, 0.875, 0.88, 0.885]), percent_decimals([0.0, 0.2, 0.4])
    (1, 0)
    """
    finite = [float(v) for v in values if np.isfinite(v)]
    for decimals in range(most + 1):
        labels = [f"{v * 100:.{decimals}f}" for v in finite]
        if len(set(labels)) == len(labels):
            return decimals
    return most


class PercentTicks(Formatter):
    """Percent tick labels with as many decimals as neighbouring ticks need to differ
    (88.5%, 89.0%, 89.5% rather than 88%, 89%, 90% printed twice), and no ``-0%``."""

    def __init__(self) -> None:
        self.decimals = 0

    def set_locs(self, locs) -> None:  # noqa: ANN001 - matplotlib's signature
        super().set_locs(locs)
        low, high = sorted(self.axis.get_view_interval()) if self.axis is not None else (-np.inf, np.inf)
        shown = [v for v in locs if low - 1e-12 <= v <= high + 1e-12]
        self.decimals = percent_decimals(shown or list(locs))

    def __call__(self, x: float, pos: int | None = None) -> str:
        label = f"{x * 100:.{self.decimals}f}"
        return ("0" + label[2:] if label.startswith("-0") and not label.strip("-0.") else label) + "%"


def _percent_axis(axis) -> None:  # noqa: ANN001 - a matplotlib Axis
    axis.set_major_formatter(PercentTicks())


def _thousands(ax, axis: str = "y") -> None:
    fmt = FuncFormatter(lambda v, _: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _money_axis(ax, axis: str = "y", decimals: int = 0) -> None:
    fmt = FuncFormatter(lambda v, _: format_money(v, decimals))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _date_axis(ax) -> None:
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))


def mark_events(ax, start, end, text: Text, *, label: bool = True) -> None:
    """Shade the calendar's events between ``start`` and ``end`` and name them at the top.

    A peak day gets a dashed line. Public holidays are shaded lighter.
    """
    start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    top = ax.get_ylim()[1]
    for event in calendar.events(start_ts.date(), end_ts.date()):
        left = max(pd.Timestamp(event.starts_on), start_ts) - pd.Timedelta(hours=12)
        right = min(pd.Timestamp(event.ends_on), end_ts) + pd.Timedelta(hours=12)
        alpha = 0.35 if event.kind == "public_holiday" else 0.6
        ax.axvspan(left, right, color=EVENT_SHADE, alpha=alpha, zorder=0, lw=0)
        if event.peak_on and start_ts <= pd.Timestamp(event.peak_on) <= end_ts:
            ax.axvline(pd.Timestamp(event.peak_on), color=GREY, lw=0.8, ls="--", zorder=1)
        if label:
            ax.text(left + (right - left) / 2, top, text(f"event.{event.kind}"), ha="center", va="bottom",
                    fontsize=8, color="#8A5A2B", clip_on=False)


# ----------------------------------------------------------------------------- charts

@_empty_when_no_data
def daily_trend(daily: pd.DataFrame, text: Text, *, metric: str = "visitors", title: str | None = None) -> Figure:
    """Daily values as bars, their 7-day average, and last year's same days; events shaded.

    Args:
        daily: one row per day with visited_on, ``metric``, avg7, last_year,
            last_year_avg7 (see :func:`storebook.areas.traffic.daily_traffic`).
        text: the report's catalogue.
        metric: the column plotted.
        title: the finding.
    """
    fig, (ax,) = new_figure()
    x = daily.visited_on
    ax.bar(x, daily[metric], width=0.8, color=PLATFORM_COLOURS["total"], alpha=0.18, label=text("legend.daily"))
    ax.plot(x, daily.avg7, color=PLATFORM_COLOURS["total"], lw=2.2, label=text("legend.avg7"))
    if daily.last_year.notna().any():
        ax.plot(x, daily.last_year_avg7, color=GREY, lw=1.5, ls="--", label=text("legend.last_year"))
    ax.set_ylim(0, max(daily[metric].max(), daily.last_year.max(skipna=True) or 0) * 1.12)
    mark_events(ax, x.min(), x.max(), text)
    _date_axis(ax)
    _thousands(ax)
    ax.set_ylabel(text("axis.visitors") if metric == "visitors" else text(f"metric.{metric}"))
    ax.set_xlabel(text("axis.date"))
    ax.legend(loc="lower left", ncols=3)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def share_bars(mix: pd.DataFrame, text: Text, *, category: str = "channel", group: str = "platform",
               value: str = "share", title: str | None = None) -> Figure:
    """100 % stacked horizontal bars: the share of each ``category`` within each ``group``.

    Args:
        mix: rows of group × category with a share column (e.g.
            :func:`storebook.areas.traffic.channel_mix`).
    """
    fig, (ax,) = new_figure(height=3.6)
    groups = list(dict.fromkeys(mix[group]))
    categories = list(dict.fromkeys(mix[category]))
    table = mix.pivot_table(index=group, columns=category, values=value, aggfunc="sum").reindex(
        index=groups, columns=categories).fillna(0.0).astype(float)
    left = np.zeros(len(groups))
    y = np.arange(len(groups))[::-1]
    for cat in categories:
        widths = table[cat].to_numpy()
        ax.barh(y, widths, left=left, color=colour(category, cat), label=text.label(category, cat), height=0.65)
        for yi, lo, w in zip(y, left, widths, strict=True):
            if w >= 0.06:
                ax.text(lo + w / 2, yi, f"{w:.0%}", ha="center", va="center", fontsize=8, color="white")
        left = left + widths
    ax.set_yticks(y, text.labels(group, groups))
    _percent_axis(ax.xaxis)
    ax.set_xlim(0, 1)
    ax.set_xlabel(text("axis.share"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=4)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def share_trend(trend: pd.DataFrame, text: Text, *, device: str = "mobile", title: str | None = None) -> Figure:
    """The share of one device per platform, month by month (lines in platform colours).

    Args:
        trend: rows of month × platform × device with a share column (see
            :func:`storebook.areas.traffic.device_split`).
    """
    fig, (ax,) = new_figure()
    one = trend[trend.device == device]
    for platform in dict.fromkeys(one.platform):
        line = one[one.platform == platform]
        ax.plot(line.month, line.share, marker="o", ms=3.5, color=colour("platform", platform),
                lw=2.6 if platform == "total" else 1.6, label=text.label("platform", platform))
    _percent_axis(ax.yaxis)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_ylabel(text("axis.mobile_share"))
    ax.set_xlabel(text("axis.month"))
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def efficiency_bars(paid: pd.DataFrame, text: Text, *, title: str | None = None) -> Figure:
    """Per channel: attributed ROAS (left) and cost per click (right), in channel colours.

    Args:
        paid: :func:`storebook.areas.traffic.paid_traffic` by channel (the ``total`` row is
            drawn as a reference line).
    """
    fig, (left, right) = new_figure(1, 2)
    channels = paid[paid.channel != "total"]
    total = paid[paid.channel == "total"]
    labels = text.labels("channel", channels.channel)
    colours = [colour("channel", c) for c in channels.channel]
    y = np.arange(len(channels))[::-1]
    left.barh(y, channels.roas, color=colours, height=0.65)
    left.axvline(1.0, color=BAD, lw=1, ls=":")
    if len(total):
        left.axvline(float(total.roas.iloc[0]), color=GREY, lw=1, ls="--")
    left.set_yticks(y, labels)
    left.set_xlabel(text("axis.roas"))
    right.barh(y, channels.cpc, color=colours, height=0.65)
    right.set_yticks(y, [""] * len(y))
    _money_axis(right, "x", 2)
    right.set_xlabel(text("axis.cpc"))
    for ax in (left, right):
        ax.grid(axis="y", visible=False)
    set_title(fig, title)
    return fig


@_empty_when_no_data
def anomaly_bands(anomalies: pd.DataFrame, text: Text, *, metric: str = "visitors", title: str | None = None) -> Figure:
    """Each platform's daily ``metric`` against its expected band, flagged days in red.

    Args:
        anomalies: :func:`storebook.areas.traffic.detect_anomalies` (columns ``metric``,
            ``metric_low``, ``metric_high``, ``metric_expected``, is_flagged).
    """
    platforms = list(dict.fromkeys(anomalies.platform))
    ncols = 2 if len(platforms) > 1 else 1
    nrows = int(np.ceil(len(platforms) / ncols))
    fig, axes = new_figure(nrows, ncols, height=2.4 * nrows + 0.9, sharex=True)
    for ax, platform in zip(axes, platforms, strict=False):
        days = anomalies[anomalies.platform == platform]
        # The band is drawn as the line is, straight from day to day: a day inside its band
        # then never looks outside it, and what the count says is what the eye sees.
        ax.fill_between(days.visited_on, days[f"{metric}_low"], days[f"{metric}_high"], color=BAND, lw=0,
                        label=text("legend.expected"))
        ax.plot(days.visited_on, days[metric], color=colour("platform", platform), lw=1.6,
                label=text.label("platform", platform))
        # A day without a band (no comparable day: the first 双11 in the data) is not judged:
        # an open circle, so that a spike there does not read as missed.
        unjudged = days[days[metric].notna() & days[f"{metric}_low"].isna()
                        & (days["basis"] == "no_reference" if "basis" in days else True)]
        ax.scatter(unjudged.visited_on, unjudged[metric], s=36, facecolors="white", edgecolors=GREY, lw=1.4,
                   zorder=5, label=text("legend.not_judged"))
        # A flagged day is shaded; a dot marks it where this metric itself left the band
        # (a day flagged for its sales alone has visitors inside the band).
        for day in days.visited_on[days.is_flagged]:
            ax.axvspan(day - pd.Timedelta(hours=12), day + pd.Timedelta(hours=12), color=FLAG, alpha=0.12, lw=0)
        outside = days[days.is_flagged & ((days[metric] < days[f"{metric}_low"]) | (days[metric] > days[f"{metric}_high"]))]
        ax.scatter(outside.visited_on, outside[metric], color=FLAG, s=36, zorder=5, label=text("legend.flagged"))
        ax.set_ylim(bottom=0)
        mark_events(ax, days.visited_on.min(), days.visited_on.max(), text, label=False)
        ax.set_title(text.label("platform", platform), fontsize=10)
        _thousands(ax)
        _date_axis(ax)
    for ax in axes[len(platforms):]:
        ax.set_visible(False)
    handles, labels = axes[0].get_legend_handles_labels()
    wanted = [text("legend.expected"), text("legend.flagged")]
    if anomalies[metric].notna().mul(anomalies[f"{metric}_low"].isna()).any():
        wanted.append(text("legend.not_judged"))
    keep = [i for i, lab in enumerate(labels) if lab in wanted]
    fig.legend([handles[i] for i in keep], [labels[i] for i in keep], loc="outside lower center", ncols=len(keep))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def step_rates(funnel: pd.DataFrame, text: Text, *, title: str | None = None) -> Figure:
    """Funnel step rates: one panel per device, grouped bars per platform, prior month as ticks.

    Args:
        funnel: :func:`storebook.areas.conversion.conversion_funnel`.
    """
    segments = funnel[(funnel.platform != "total") & (funnel.device != "total")]
    devices = list(dict.fromkeys(segments.device))
    fig, axes = new_figure(1, len(devices), sharey=True)
    steps = list(dict.fromkeys(segments.step))
    platforms = list(dict.fromkeys(segments.platform))
    width = 0.8 / max(len(platforms), 1)
    for ax, device in zip(axes, devices, strict=True):
        for k, platform in enumerate(platforms):
            rows = segments[(segments.device == device) & (segments.platform == platform)].set_index("step").reindex(steps)
            x = np.arange(len(steps)) + (k - (len(platforms) - 1) / 2) * width
            ax.bar(x, rows.step_rate, width=width * 0.95, color=colour("platform", platform),
                   label=text.label("platform", platform))
            ax.scatter(x, rows.step_rate_prior, marker="_", s=90, color="black", zorder=4, lw=1.5)
        ax.set_xticks(np.arange(len(steps)), text.labels("step", steps), fontsize=8)
        _percent_axis(ax.yaxis)
        ax.set_title(text.label("device", device), fontsize=10)
        ax.grid(axis="x", visible=False)
    axes[0].set_ylabel(text("axis.rate"))
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def rate_trends(rates: pd.DataFrame, text: Text, *, metrics=("conversion_rate", "aov", "uv_value"),
                title: str | None = None) -> Figure:
    """Monthly rates with their 95 % intervals: one panel per metric, one line per platform.

    Args:
        rates: :func:`storebook.areas.conversion.conversion_rates` (``m``, ``m_low``, ``m_high``).
    """
    fig, axes = new_figure(1, len(metrics), height=3.8)
    for ax, metric in zip(axes, metrics, strict=True):
        for platform in dict.fromkeys(rates.platform):
            line = rates[rates.platform == platform]
            c = colour("platform", platform)
            ax.fill_between(line.month, line[f"{metric}_low"], line[f"{metric}_high"], color=c, alpha=0.15, lw=0)
            ax.plot(line.month, line[metric], color=c, lw=2.4 if platform == "total" else 1.4,
                    label=text.label("platform", platform))
        ax.set_title(text(f"metric.{metric}"), fontsize=10)
        if metric == "conversion_rate":
            _percent_axis(ax.yaxis)
        else:
            _money_axis(ax, "y", 0 if metric == "aov" else 1)
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=3))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%y-%m"))
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def effect_bars(decomposition: pd.DataFrame, text: Text, *, by=("platform", "device"), top: int = 8,
                title: str | None = None) -> Figure:
    """The largest segment effects, each split into rate change and mix shift (percentage points).

    Args:
        decomposition: segment effects (mix_effect, rate_effect, total_effect), e.g.
            :func:`storebook.areas.conversion.decompose_conversion`; they are added up to the
            ``by`` segments first.
        by: the columns naming a segment (labels joined with " · ").
        top: how many segments, largest first.
    """
    rows = stats.summarise_effects(decomposition, list(by)).head(top).iloc[::-1]
    fig, (ax,) = new_figure(height=max(2.6, 0.42 * len(rows) + 1.4))
    labels = [" · ".join(text.label(col, getattr(r, col)) for col in by) for r in rows.itertuples()]
    y = np.arange(len(rows))
    mix, rate = rows.mix_effect.to_numpy() * 100, rows.rate_effect.to_numpy() * 100
    ax.barh(y, rate, color="#4E79A7", height=0.6, label=text("legend.rate"))
    ax.barh(y, mix, left=np.where(np.sign(mix) == np.sign(rate), rate, 0), color="#F28E2B", height=0.6,
            label=text("legend.mix"))
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, labels)
    ax.set_xlabel(text("axis.effect_pp"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right")
    set_title(fig, title)
    return fig


@_empty_when_no_data
def group_bars(frame: pd.DataFrame, text: Text, *, group: str = "platform", category: str = "buyer_type",
               value: str = "buyers", title: str | None = None) -> Figure:
    """Stacked bars of ``value`` per ``group``, split by ``category`` (e.g. new/returning buyers)."""
    fig, (ax,) = new_figure(height=3.4)
    groups = list(dict.fromkeys(frame[group]))
    categories = list(dict.fromkeys(frame[category]))
    table = frame.pivot_table(index=group, columns=category, values=value, aggfunc="sum").reindex(
        index=groups, columns=categories).fillna(0.0).astype(float)
    palette = blues(len(categories) + 1)[1:]
    bottom = np.zeros(len(groups))
    for cat, c in zip(categories, palette, strict=True):
        ax.bar(np.arange(len(groups)), table[cat], bottom=bottom, color=c, label=text.label(category, cat), width=0.6)
        bottom = bottom + table[cat].to_numpy()
    ax.set_xticks(np.arange(len(groups)), text.labels(group, groups))
    _thousands(ax)
    ax.set_ylabel(text(f"axis.{value}") if text.has(f"axis.{value}") else text(f"metric.{value}"))
    ax.grid(axis="x", visible=False)
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside right upper")
    set_title(fig, title)
    return fig


# ----------------------------------------------------------------------------- operations and profit
# Charts of the fulfilment, products and profit reports. Labels come from the catalogue:
# ``metric.<name>`` for a plotted measure, ``axis.<name>`` for an axis.


def _label(text: Text, kind: str, value: Any) -> str:
    """A category's label: vocabulary (platform, channel …) when known, else the value itself.

    A column whose values are another column's vocabulary (``from_segment`` → ``segment``)
    takes the mapping of :data:`storebook.report.tables.LABEL_COLUMNS`.
    """
    from storebook.report.tables import LABEL_COLUMNS

    return text.label(LABEL_COLUMNS.get(kind, kind), value)


def _value_axis(ax, kind: str, axis: str = "y") -> None:
    """Format a value axis: ``pct`` (%), ``money`` (¥), ``count`` (thousands) or ``number``."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    if kind == "pct":
        _percent_axis(target)
    elif kind == "money":
        _money_axis(ax, axis)
    elif kind == "money2":
        _money_axis(ax, axis, 2)
    elif kind == "count":
        _thousands(ax, axis)


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
                label = f"{v:.0%}" if kind == "pct" else f"{v:,.1f}"
                ax.text(rect.get_x() + rect.get_width() / 2, rect.get_height(), label, ha="center", va="bottom",
                        fontsize=7.5, color="#333333")
    if target is not None:
        ax.axhline(target, color=BAD, lw=1, ls=":")
    ax.set_xticks(x, [_label(text, category, g) for g in groups])
    _value_axis(ax, kind)
    if kind == "pct":
        ax.set_ylim(0, min(1.08, max(1e-9, float(np.nanmax(frame[list(values)].to_numpy(dtype=float)))) * 1.15))
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=len(values))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def daily_line(frame: pd.DataFrame, text: Text, *, value: str, day: str = "day", kind: str = "number",
               smooth: int | None = 7, reference: float | None = None, title: str | None = None) -> Figure:
    """One measure day by day (thin), its ``smooth``-day average (bold), events shaded.

    The calendar's events (the Spring Festival logistics shutdown among them) are shaded
    and named, so a calendar slowdown reads as what it is.

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
    mark_events(ax, x.min(), x.max(), text, label=(x.max() - x.min()).days <= 62)
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
    _draw_heatmap(ax, grid.to_numpy(), "{:.0%}" if kind == "pct" else "{:.1f}")
    ax.set_yticks(np.arange(len(rows)) + 0.5, [_label(text, index, r) for r in rows], rotation=0)
    ax.set_xticks(np.arange(len(cols)) + 0.5, [_label(text, columns, c) for c in cols], rotation=45, ha="right",
                  fontsize=8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    set_title(fig, title)
    return fig


def _bar_value(kind: str, value: float) -> str:
    """A bar's value as written at its end: in the axis's unit, never ``-0``."""
    if kind == "pct":
        text = f"{value:.1%}"
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


def _draw_heatmap(ax: Any, values: np.ndarray, fmt: str) -> None:
    """Cells coloured on OrRd from the smallest to the largest value, each with its number
    (dark on light cells, white on dark ones); empty cells left blank: seaborn's heatmap
    as this report draws it, without importing seaborn (and scipy.stats with it)."""
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
            ax.text(col + .5, row + .5, fmt.format(values[row, col]), color=".15" if luminance[k] > .408 else "w",
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
            _label_bars(ax, pos[known], data[known], kind)
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
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=len(values))
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
    n = len(abc)
    palette = [PLATFORM_COLOURS["total"], PLATFORM_COLOURS["tmall"], GREY]
    for k, measure in enumerate(measures):
        v = abc[measure].astype(float).clip(lower=0).sort_values(ascending=False).to_numpy()
        total = v.sum()
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
def timeline(frame: pd.DataFrame, text: Text, *, start: str, end: str, label: str, colour_by: str = "platform",
             first=None, last=None, title: str | None = None) -> Figure:
    """Dated items as horizontal bars from ``start`` to ``end`` (both days included), one row
    each, coloured by ``colour_by`` (platform colours; ``all`` in dark grey); the calendar's
    events are shaded.

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
    mark_events(ax, lo, hi, text)
    _date_axis(ax)
    ax.grid(axis="y", visible=False)
    from matplotlib.patches import Patch

    handles = [Patch(color=c, label=_label(text, colour_by, v)) for v, c in colours.items()]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=min(len(handles), 5))
    set_title(fig, title)
    return fig


@_empty_when_no_data
def calendar_grid(frame: pd.DataFrame, text: Text, *, row: str, day: str = "day", value: str, kind: str = "pct",
                  title: str | None = None) -> Figure:
    """Rows × days of a month as a grid of cells, darker = larger ``value`` (e.g. the share of
    a competitor's products on promotion each day); weekend day numbers are red and the
    calendar's event days (festivals, holidays) are marked above the grid.

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
    kinds = calendar.day_kinds(days[0].date(), days[-1].date())
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
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=min(len(handles), 5))
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
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=min(len(colours), 5))
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
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=min(len(colours), 5))
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
