"""storebook.report.plots: the house style, fixed colours, Chinese that renders, report-sized PNGs."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from storebook.report import plots
from storebook.report.plots import operations, style
from storebook.report.text import Text
from support.plots import draw_capturing_glyph_problems


@pytest.fixture
def house_style():
    old = matplotlib.rcParams.copy()
    sns.set_theme()  # the style must survive seaborn having reset the fonts before
    name = plots.use_house_style()
    yield name
    matplotlib.rcParams.update(old)


def _chinese_figure() -> Figure:
    fig, (ax,) = plots.new_figure()
    ax.plot([1, 2, 3], [-1, 0, 2], label="访客数")
    ax.set_title("双11预售期间访客数增长−3.4%")
    ax.set_xlabel("日期")
    ax.set_ylabel("支付转化率")
    ax.legend()
    plots.set_title(fig, "天猫移动端支付转化率下降，京东UV价值最高")
    return fig


def test_house_style_puts_the_cjk_font_first(house_style: str) -> None:
    assert house_style == "Noto Sans CJK SC"
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert tuple(matplotlib.rcParams["figure.figsize"]) == (plots.WIDTH_IN, plots.HEIGHT_IN)
    assert plots.cjk_font_path().name == plots.CJK_FONT_FILE


def test_chinese_labels_render_without_missing_glyphs(house_style, caplog) -> None:
    png, problems = draw_capturing_glyph_problems(_chinese_figure(), caplog)
    assert problems == []
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_glyph_check_catches_a_font_without_chinese(caplog) -> None:
    # The control: with matplotlib's default font, the same figure does warn — so the
    # test above would fail if the house style lost its CJK font.
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        _, problems = draw_capturing_glyph_problems(_chinese_figure(), caplog)
    assert any("missing from font" in p for p in problems)


def test_palette_is_fixed_per_platform_channel_and_device() -> None:
    assert len(set(plots.PLATFORM_COLOURS.values())) == len(plots.PLATFORM_COLOURS)
    assert len(set(plots.CHANNEL_COLOURS.values())) == len(plots.CHANNEL_COLOURS)
    assert plots.colour("platform", "tmall") == plots.PLATFORM_COLOURS["tmall"]
    assert plots.colour("channel", "unknown") == plots.GREY


# --------------------------------------------------------------------------- the charts, in Chinese

def _daily() -> pd.DataFrame:
    days = pd.date_range("2025-10-01", "2025-10-31", freq="D")
    v = 1000 + 100 * np.sin(np.arange(31))
    return pd.DataFrame({"visited_on": days, "visitors": v, "avg7": v, "last_year": v * 0.9,
                         "last_year_avg7": v * 0.9, "event": "", "is_event_peak": False})


def _charts(zh: Text) -> dict[str, Figure]:
    months = pd.date_range("2025-10-01", periods=13, freq="MS")
    mix = pd.DataFrame({"platform": ["tmall", "tmall", "total", "total"],
                        "channel": ["organic_search", "live_stream"] * 2, "share": [0.6, 0.4, 0.5, 0.5]})
    trend = pd.DataFrame({"month": np.repeat(months, 2), "platform": ["tmall", "total"] * 13,
                          "device": "mobile", "share": 0.85})
    paid = pd.DataFrame({"channel": ["paid_search", "social", "total"], "roas": [3.2, 0.9, 2.4],
                         "cpc": [1.5, 5.0, 2.1]})
    days = pd.date_range("2025-10-01", "2025-10-31", freq="D")
    anomalies = pd.DataFrame({"platform": np.repeat(["tmall", "jd"], 31), "visited_on": np.tile(days, 2),
                              "visitors": 500.0, "visitors_low": 400.0, "visitors_high": 600.0,
                              "is_flagged": False}).assign(
        visitors=lambda d: d.visitors.where(~((d.platform == "jd") & (d.visited_on == "2025-10-09")), 40.0),
        is_flagged=lambda d: d.visitors < 100)
    funnel = pd.DataFrame({"platform": ["tmall", "tmall"], "device": ["mobile", "pc"], "step": ["buyers", "buyers"],
                           "step_rate": [0.6, 0.7], "step_rate_prior": [0.75, 0.7]})
    rates = pd.DataFrame({"month": months, "platform": "total",
                          **{f"{m}{s}": v for m, v in (("conversion_rate", 0.025), ("aov", 300.0), ("uv_value", 7.5))
                             for s in ("", "_low", "_high")}})
    effects = pd.DataFrame({"platform": ["tmall", "jd"], "device": ["mobile", "pc"], "mix_effect": [0.0001, -0.0002],
                            "rate_effect": [-0.0025, 0.0003], "total_effect": [-0.0024, 0.0001]})
    buyers = pd.DataFrame({"platform": ["tmall", "tmall"], "buyer_type": ["new", "returning"], "buyers": [200, 100]})
    title = "天猫移动端“下单→支付”环节流失买家最多"
    return {
        "daily_trend": plots.daily_trend(_daily(), zh, china=True, title=title),
        "share_bars": plots.share_bars(mix, zh, title=title),
        "share_trend": plots.share_trend(trend, zh, title=title),
        "efficiency_bars": plots.efficiency_bars(paid, zh, title=title),
        "anomaly_bands": plots.anomaly_bands(anomalies, zh, china=True, title=title),
        "step_rates": plots.step_rates(funnel, zh, title=title),
        "rate_trends": plots.rate_trends(rates, zh, title=title),
        "effect_bars": plots.effect_bars(effects, zh, title=title),
        "group_bars": plots.group_bars(buyers, zh, title=title),
    }


def test_every_chart_renders_in_chinese_at_report_size(house_style, caplog) -> None:
    for name, fig in _charts(Text("zh")).items():
        png, problems = draw_capturing_glyph_problems(fig, caplog)
        assert problems == [], name
        assert fig.get_figwidth() == plots.WIDTH_IN, name
        assert fig.dpi == plots.DPI, name
        assert len(png) < 250_000, name          # a report of eight charts stays well under 2 MB
        assert fig._suptitle is not None and "天猫" in fig._suptitle.get_text(), name


def test_daily_trend_marks_the_calendar_and_uses_catalogue_labels(house_style) -> None:
    fig = plots.daily_trend(_daily(), Text("en"), china=True, title="Visitors")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert "Double 11" in labels and "Public holiday" in labels   # 双11 presale and National Day
    assert ax.get_ylabel() == "Visitors per day"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(legend) == sorted(["Daily", "7-day average", "Same days last year"])


def test_lines_take_the_platform_colour(house_style) -> None:
    months = pd.date_range("2025-10-01", periods=3, freq="MS")
    trend = pd.DataFrame({"month": np.tile(months, 2), "platform": np.repeat(["jd", "web"], 3),
                          "device": "mobile", "share": 0.7})
    fig = plots.share_trend(trend, Text("en"))
    colours = [matplotlib.colors.to_hex(line.get_color()).upper() for line in fig.axes[0].get_lines()]
    assert colours == [plots.PLATFORM_COLOURS["jd"].upper(), plots.PLATFORM_COLOURS["web"].upper()]


# --------------------------------------------------------------------------- numbers a reader can trust

def test_percent_ticks_take_the_decimals_neighbours_need(house_style) -> None:
    # A single platform's mobile share moving between 88.4% and 89.1%: whole percents would
    # read 88%, 88%, 89%, 89%.
    months = pd.date_range("2025-10-01", periods=6, freq="MS")
    trend = pd.DataFrame({"month": months, "platform": "tmall", "device": "mobile",
                          "share": [0.884, 0.887, 0.889, 0.891, 0.886, 0.885]})
    fig = plots.share_trend(trend, Text("en"))
    plots.to_png(fig)
    ax = fig.axes[0]
    low, high = ax.get_ylim()
    labels = [t.get_text() for t, v in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True) if low <= v <= high]
    assert len(labels) >= 3 and len(set(labels)) == len(labels), labels
    assert all(label.endswith("%") and "." in label for label in labels), labels
    assert plots.percent_decimals([0.0, 0.25, 0.5]) == 0 and plots.percent_decimals([0.88851, 0.8889]) == 2
    assert plots.PercentTicks()(-1e-12) == "0%"


def test_a_bar_at_zero_is_visible_and_every_bar_says_its_value(house_style) -> None:
    ranked = pd.DataFrame({"supplier": ["S07 格拉斯香氛", "S09 绍兴纺织"], "otif_rate": [0.546, 0.0],
                           "month_otif_rate": [0.604, 0.0]})
    fig = plots.hbars(ranked, Text("zh"), category="supplier", values=["otif_rate", "month_otif_rate"], kind="pct")
    plots.to_png(fig)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["S07 格拉斯香氛", "S09 绍兴纺织"]
    written = [t.get_text() for t in ax.texts]
    assert sorted(written) == ["0%", "0%", "54.6%", "60.4%"]
    strokes = [line for line in ax.get_lines() if line.get_marker() == "|"]
    assert len(strokes) == 2 and all(line.get_xdata()[0] == 0 for line in strokes)   # S09's two bars at 0
    fig = plots.hbars(ranked.assign(otif_rate=[0.5, 0.2]), Text("en"), category="supplier", values=["otif_rate"],
                      kind="pct")
    assert not [line for line in fig.axes[0].get_lines() if line.get_marker() == "|"]   # no zero: no stroke


def test_the_anomaly_band_is_drawn_as_judged(house_style) -> None:
    import matplotlib.dates as mdates

    days = pd.date_range("2026-11-01", "2026-11-30", freq="D")
    frame = pd.DataFrame({"platform": "tmall", "visited_on": days, "visitors": 500.0, "visitors_low": 400.0,
                          "visitors_high": 600.0, "basis": "weekday", "is_flagged": False})
    # 11-11 spikes with no comparable day: not judged, so it must not look like a missed flag.
    spike = frame.visited_on == "2026-11-11"
    frame.loc[spike, ["visitors", "visitors_low", "visitors_high", "basis"]] = [2000.0, np.nan, np.nan, "no_reference"]
    frame.loc[frame.visited_on == "2026-11-20", "visitors_high"] = 900.0
    fig = plots.anomaly_bands(frame, Text("en"), china=True, title="0 platform-day(s) outside the expected band")
    plots.to_png(fig)
    ax = fig.axes[0]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Not judged (no comparable day)" in legend
    hollow = [c for c in ax.collections if c.get_label() == "Not judged (no comparable day)"]
    assert len(hollow) == 1 and hollow[0].get_offsets().shape[0] == 1
    # The band runs straight from day to day, as the line does: the day's own high is a corner.
    band = next(c for c in ax.collections if c.get_label() == "Expected band")
    corners = {tuple(np.round(v, 6)) for path in band.get_paths() for v in path.vertices}
    assert (round(mdates.date2num(pd.Timestamp("2026-11-20")), 6), 900.0) in corners


def test_one_platform_is_drawn_once(house_style) -> None:
    ship = pd.DataFrame({"platform": ["tmall", "total"], "within_24h_rate": [0.667, 0.667],
                         "within_48h_rate": [0.898, 0.898]})
    fig = plots.rate_bars(ship, Text("en"), category="platform", values=["within_24h_rate", "within_48h_rate"])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Tmall"]
    two = pd.concat([ship.iloc[:1].assign(platform="jd"), ship]).reset_index(drop=True)
    fig = plots.rate_bars(two.assign(within_24h_rate=[0.5, 0.667, 0.6]), Text("en"), category="platform",
                          values=["within_24h_rate"])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["JD", "Tmall", "All platforms"]


# -- the seaborn look without importing seaborn (a second of every kernel's start) ---------
def _after(apply) -> dict:
    """rcParams and single-letter colour codes after ``apply()``, from matplotlib's defaults."""
    from matplotlib import colors

    saved_codes = dict(colors.colorConverter.colors)
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        apply()
        params = dict(matplotlib.rcParams)
        codes = {c: colors.colorConverter.colors[c] for c in "bgrmyck"}
    colors.colorConverter.colors.clear()
    colors.colorConverter.colors.update(saved_codes)
    return {**params, "codes": codes}


def test_whitegrid_sets_what_seaborn_set_theme_sets() -> None:
    ours = _after(style._apply_whitegrid)
    theirs = _after(lambda: sns.set_theme(style="whitegrid", context="notebook", font_scale=0.95))
    defaults = _after(lambda: None)
    changed = {k for k in theirs if theirs[k] != defaults[k]} - {"image.cmap"}  # seaborn's own colormap
    assert len(changed) > 30  # the comparison is not vacuous
    assert {k: ours[k] for k in changed} == {k: theirs[k] for k in changed}
    assert {k for k in ours if ours[k] != defaults[k]} <= changed


@pytest.mark.parametrize(("n", "reverse"), [(1, False), (3, False), (4, True), (7, True)])
def test_blues_are_seaborns_blues(n: int, reverse: bool) -> None:
    expected = sns.color_palette("Blues_r" if reverse else "Blues", n_colors=n)
    assert plots.blues(n, reverse=reverse) == [tuple(c) for c in expected]


def test_heatmap_cells_and_numbers_are_seaborns() -> None:
    grid = np.array([[0.1, 0.5, np.nan], [0.9, 0.2, 0.33], [0.0, 0.75, 0.6]])
    fig, (ours,) = plots.new_figure()
    operations._draw_heatmap(ours, grid, "{:.0%}")
    fig, (theirs,) = plots.new_figure()
    sns.heatmap(grid, ax=theirs, cmap="OrRd", annot=True, fmt=".0%", cbar=False, linewidths=0.5, linecolor="white",
                annot_kws={"fontsize": 7.5})

    def texts(ax) -> list:
        return [(t.get_text(), t.get_position(), matplotlib.colors.to_rgba(t.get_color()), t.get_fontsize())
                for t in ax.texts]

    assert texts(ours) == texts(theirs)
    assert len(ours.texts) == 8  # the empty cell has no number
    assert {t[2] for t in texts(ours)} == {(1.0, 1.0, 1.0, 1.0), (0.15, 0.15, 0.15, 1.0)}  # both text colours used
    np.testing.assert_allclose(ours.collections[0].get_facecolors(), theirs.collections[0].get_facecolors())
    assert (ours.get_xlim(), ours.get_ylim()) == (theirs.get_xlim(), theirs.get_ylim())
    assert [s.get_visible() for s in ours.spines.values()] == [False] * 4


def _legend_charts(en: Text) -> dict[str, Figure]:
    """Every chart whose legend sits under it, at its shortest: few rows make short axes."""
    changes = pd.DataFrame({"product_name": ["暖织 柔顺护发喷雾 300ml", "暖织 竹木砧板 28cm", "暖织 香氛蜡烛 50ml"],
                            "platform": ["douyin", "jd", "tmall"], "lift": [-0.6, -0.5, 0.1],
                            "lift_low": [-0.95, -0.8, -0.5], "lift_high": [2.7, 0.5, 1.5]})
    months = pd.date_range("2025-10-01", periods=4, freq="MS")
    lines = pd.DataFrame({"month": np.tile(months, 2), "competitor": np.repeat(["A", "B"], 4), "price_index": 1.1})
    promos = pd.DataFrame({"promo_type": ["coupon", "discount"], "discount_pct": [0.2, 0.1],
                           "incremental_margin": [100.0, -50.0]})
    bars = pd.DataFrame({"platform": ["tmall", "jd"], "within_24h_rate": [0.9, 0.8], "within_48h_rate": [0.95, 0.9]})
    mix = pd.DataFrame({"platform": ["tmall", "tmall"], "channel": ["organic_search", "live_stream"], "share": [0.6, 0.4]})
    return {
        "interval_dots": plots.interval_dots(changes, en, category="product_name", value="lift", colour_by="platform"),
        "month_lines": plots.month_lines(lines, en, value="price_index", by="competitor"),
        "scatter_by_kind": plots.scatter_by_kind(promos, en, x="discount_pct", y="incremental_margin", kind="promo_type"),
        "rate_bars": plots.rate_bars(bars, en, category="platform", values=["within_24h_rate", "within_48h_rate"]),
        "hbars": plots.hbars(bars, en, category="platform", values=["within_24h_rate", "within_48h_rate"], kind="pct"),
        "share_bars": plots.share_bars(mix, en),
    }


def test_a_legend_under_a_chart_clears_its_axis_labels(house_style) -> None:
    # store_ops §9's forest plot of four changes drew its legend over "Conversion lift":
    # a legend anchored at a fraction of short axes lands on the axis title.
    for name, fig in _legend_charts(Text("en")).items():
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        (legend,) = fig.legends
        box = legend.get_window_extent(renderer)
        axis = fig.axes[0].get_tightbbox(renderer)  # the axes with tick labels and axis titles
        assert box.y1 <= axis.y0 + 0.5, f"{name}: legend top {box.y1:.0f} px over the axis bottom {axis.y0:.0f} px"
        assert box.y0 >= 0, f"{name}: the legend is cut at the bottom of the figure"


def test_pareto_curve_draws_a_measure_over_the_skus_where_it_is_known() -> None:
    """A margin unknown for some SKUs (costs missing) is left out, not drawn as 0 or as nothing;
    unknown for every SKU (no costs), it has no curve and no legend entry."""
    abc = pd.DataFrame({"revenue": [60.0, 30.0, 10.0, 0.0], "gross_margin": [20.0, np.nan, 20.0, np.nan]})
    ax = plots.pareto_curve(abc, Text("en")).axes[0]
    curves = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    assert len(curves) == 2
    margin = list(curves.values())[1]
    assert margin.get_xdata().tolist() == [0, 0.5, 1.0] and margin.get_ydata().tolist() == [0, 0.5, 1.0]
    none = plots.pareto_curve(abc.assign(gross_margin=np.nan), Text("en")).axes[0]
    assert len([ln for ln in none.get_lines() if not ln.get_label().startswith("_")]) == 1
