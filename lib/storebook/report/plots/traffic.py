"""The charts of the traffic and conversion reports: daily trends, shares, paid efficiency,
anomalies, funnel steps, rate trends, effects and grouped bars (house style: :mod:`.style`)."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from storebook.measures import stats
from storebook.report.number_style import format_share
from storebook.report.plots.style import (
    BAD,
    BAND,
    FLAG,
    GREY,
    PLATFORM_COLOURS,
    _date_axis,
    _empty_when_no_data,
    _money_axis,
    _percent_axis,
    _thousands,
    blues,
    colour,
    legend_below,
    mark_events,
    new_figure,
    set_title,
)
from storebook.report.text import Text


@_empty_when_no_data
def daily_trend(daily: pd.DataFrame, text: Text, *, china: bool, metric: str = "visitors",
                title: str | None = None, country: str | None = None) -> Figure:
    """Daily values as bars, their 7-day average, and last year's same days; events shaded.

    Args:
        daily: one row per day with visited_on, ``metric``, avg7, last_year,
            last_year_avg7 (see :func:`storebook.areas.traffic.daily_traffic`).
        text: the report's catalogue.
        china: the store sells in China: China's events are shaded (:func:`style.mark_events`);
            elsewhere the public holidays of ``country`` (``page.country``), if given.
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
    mark_events(ax, x.min(), x.max(), text, china=china, country=country)
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
                ax.text(lo + w / 2, yi, format_share(w), ha="center", va="center", fontsize=8, color="white")
        left = left + widths
    ax.set_yticks(y, text.labels(group, groups))
    _percent_axis(ax.xaxis)
    ax.set_xlim(0, 1)
    ax.set_xlabel(text("axis.share"))
    ax.grid(axis="y", visible=False)
    legend_below(fig, ax, ncols=4)
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
def anomaly_bands(anomalies: pd.DataFrame, text: Text, *, china: bool, metric: str = "visitors",
                  title: str | None = None, country: str | None = None) -> Figure:
    """Each platform's daily ``metric`` against its expected band, flagged days in red.

    Args:
        anomalies: :func:`storebook.areas.traffic.detect_anomalies` (columns ``metric``,
            ``metric_low``, ``metric_high``, ``metric_expected``, is_flagged).
        china: the store sells in China: China's events are shaded (:func:`style.mark_events`);
            elsewhere the public holidays of ``country`` (``page.country``), if given.
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
        mark_events(ax, days.visited_on.min(), days.visited_on.max(), text, china=china, label=False,
                    country=country)
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
