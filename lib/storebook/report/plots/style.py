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
* Time charts mark the calendar's events where the store sells in China (:func:`mark_events`).

Example:
    >>> use_house_style()
    'Noto Sans CJK SC'

Then, with a daily frame (not run here: it needs a store)::

    fig = daily_trend(daily, Text("zh"), china=True, title="…")
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
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator

from storebook.engine import calendar
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
#: tests/report/test_plots.py checks it against seaborn itself.
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


def legend_below(fig: Figure, ax: Any, handles: Sequence[Any] | None = None, ncols: int | None = None) -> None:
    """The legend centred under the whole chart, below the x axis's tick labels and title.

    A legend anchored to the axes at a fraction of their height lands on the axis title
    when the axes are short (a forest plot of four rows); the constrained layout places a
    figure's "outside" legend after everything the axes draw, whatever their height.

    Args:
        fig: the chart's figure (made by :func:`new_figure`, constrained layout).
        ax: the axes whose labelled artists the legend lists (or ``handles``).
        handles: the legend's entries, when they are not the axes' own labelled artists.
        ncols: columns of entries (default: all in one row, at most five).
    """
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    else:
        labels = [h.get_label() for h in handles]
    fig.legend(handles, labels, loc="outside lower center", ncols=ncols or min(len(handles), 5))


#: zlib's level for the charts' PNG. Pillow's default (6) took 1.4–1.6 CPU-s to encode the
#: default pack's 51 charts; level 3 takes 0.7–0.8 and its files are no larger (2.82 against
#: 2.84 MB): flat colours and text compress as well with the shorter search.
PNG_COMPRESS_LEVEL = 3


def to_png(fig: Figure) -> bytes:
    """The figure as PNG bytes at the house resolution."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
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
    """A count axis: whole numbers, with thousands separators (ticks at whole numbers only: a
    province's 1 or 2 buyers gave the ticks 0, 0.5, 1 … written 0, 0, 1, 2, 2)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(integer=True))
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))


def _money_axis(ax, axis: str = "y", decimals: int = 0) -> None:
    fmt = FuncFormatter(lambda v, _: format_money(v, decimals))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _date_axis(ax) -> None:
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))


def mark_events(ax, start, end, text: Text, *, china: bool, label: bool = True, country: str | None = None) -> None:
    """Shade the calendar's events between ``start`` and ``end`` and name them at the top.

    A peak day gets a dashed line. Public holidays are shaded lighter. ``china``: the store
    sells in China (``page.china``: :func:`storebook.engine.calendar.used_for`); a foreign
    store's chart marks none of China's festivals or holidays, only its own country's public
    holidays where ``country`` is given (``page.country``: :func:`storebook.engine.calendar.own_country`).
    """
    start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    top = ax.get_ylim()[1]
    for event in calendar.events(start_ts.date(), end_ts.date(), china=china, country=country):
        left = max(pd.Timestamp(event.starts_on), start_ts) - pd.Timedelta(hours=12)
        right = min(pd.Timestamp(event.ends_on), end_ts) + pd.Timedelta(hours=12)
        alpha = 0.35 if event.kind == "public_holiday" else 0.6
        ax.axvspan(left, right, color=EVENT_SHADE, alpha=alpha, zorder=0, lw=0)
        if event.peak_on and start_ts <= pd.Timestamp(event.peak_on) <= end_ts:
            ax.axvline(pd.Timestamp(event.peak_on), color=GREY, lw=0.8, ls="--", zorder=1)
        if label:
            ax.text(left + (right - left) / 2, top, text(f"event.{event.kind}"), ha="center", va="bottom",
                    fontsize=8, color="#8A5A2B", clip_on=False)


# ----------------------------------------------------------------------------- shared by the chart families

def _label(text: Text, kind: str, value: Any) -> str:
    """A category's label: vocabulary (platform, channel …) when known, else the value itself.

    A column whose values are another column's vocabulary (``from_segment`` → ``segment``)
    takes the mapping of :data:`storebook.report.tables.LABEL_COLUMNS`.
    """
    from storebook.report.tables import LABEL_COLUMNS

    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return text.na  # unknown (a supplier's stockouts of SKUs without one), never "nan"
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
