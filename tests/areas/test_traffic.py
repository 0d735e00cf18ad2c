"""storebook.areas.traffic: given rows → expected rows on a tiny hand-written workbook, and the
planted tracking outage recovered from the sample store."""

from __future__ import annotations

import math

import ibis
import numpy as np
import pandas as pd
import pytest

import storebook
from conftest import make_root, write_csv
from storebook.areas import traffic
from storebook.engine import periods
from storebook.engine.config import Config
from storebook.errors import NoDataError
from storebook.ingest import ingest
from storebook.measures.traffic_table import with_platform_total
from storebook.report.results import read_results
from storebook.report.text import Text

COUNTS = ["visitors", "page_views", "product_views", "cart_adds", "checkouts", "buyers", "orders", "paid_amount"]


def _row(day: str, platform: str, channel: str, device: str, *values) -> dict:
    return {"visited_on": day, "platform": platform, "channel": channel, "device": device,
            **{c: str(v) for c, v in zip(COUNTS, values, strict=True)}}


#: The tiny store. Tmall's channel rows overlap (organic 80 + paid 40 > the 100 visitors of
#: its `all` row): a visitor who came through both sources is counted in each.
TRAFFIC = [
    _row("2026-09-01", "tmall", "all", "mobile", 100, 300, 50, 20, 10, 5, 5, "500.00"),
    _row("2026-09-01", "tmall", "all", "pc", 50, 200, 30, 10, 6, 3, 3, "360.00"),
    _row("2026-09-02", "tmall", "all", "mobile", 100, 300, 50, 20, 10, 4, 4, "400.00"),
    _row("2026-09-01", "tmall", "organic_search", "mobile", 80, 240, 40, 16, 8, 4, 4, "400.00"),
    _row("2026-09-01", "tmall", "paid_search", "mobile", 40, 120, 20, 8, 4, 2, 2, "200.00"),
    _row("2026-09-01", "web", "all", "mobile", 40, 100, 20, 8, 4, 2, 2, "150.00"),
    _row("2026-09-01", "web", "direct", "mobile", 40, 100, 20, 8, 4, 2, 2, "150.00"),
    _row("2026-08-01", "tmall", "all", "mobile", 200, 600, 100, 40, 20, 8, 8, "800.00"),
    _row("2026-08-01", "tmall", "organic_search", "mobile", 150, 450, 75, 30, 15, 6, 6, "600.00"),
    _row("2026-08-01", "web", "all", "mobile", 40, 100, 20, 8, 4, 1, 1, "100.00"),
    _row("2025-09-01", "tmall", "all", "mobile", 125, 400, 60, 25, 12, 5, 5, "500.00"),
]


def _spend(day: str, spend: str, impressions: int, clicks: int, orders: int, amount: str) -> dict:
    return {"spent_on": day, "platform": "tmall", "channel": "paid_search", "campaign_id": "TM-PS",
            "campaign_name": "天猫付费搜索", "spend_amount": spend, "impressions": str(impressions),
            "clicks": str(clicks), "attributed_orders": str(orders), "attributed_amount": amount}


SPEND = [
    _spend("2026-09-01", "100.00", 2000, 50, 3, "400.00"),
    _spend("2026-09-02", "20.00", 1000, 10, 0, "0.00"),
    _spend("2026-08-15", "60.00", 900, 30, 1, "90.00"),
]

SEPTEMBER = periods.month("2026-09")


@pytest.fixture(scope="module")
def tiny_wb(tmp_path_factory: pytest.TempPathFactory):
    root = make_root(tmp_path_factory.mktemp("tiny-traffic") / "wb")
    write_csv(root, "traffic", "traffic.csv", TRAFFIC)
    write_csv(root, "marketing_spend", "marketing_spend.csv", SPEND)
    report = ingest(Config.load(root))
    assert report.rows_rejected == 0
    return storebook.open(root / "data" / "processed", root=root)


# --------------------------------------------------------------------------- formulas

def test_formulas_guard_zero_denominators() -> None:
    assert traffic.conversion_rate(5, 100) == 0.05
    assert traffic.aov(500.0, 5) == 100.0
    assert traffic.uv_value(500.0, 100) == 5.0
    assert math.isnan(traffic.conversion_rate(5, 0))
    rates = traffic.conversion_rate(pd.Series([3, 1]), pd.Series([100, 0]))
    assert rates.iloc[0] == 0.03 and np.isnan(rates.iloc[1])
    assert traffic.relative_change(110.0, 100.0) == pytest.approx(0.1)
    assert math.isnan(traffic.relative_change(5.0, 0.0))


def test_formulas_run_inside_ibis_with_nullif(tiny_wb) -> None:
    t = tiny_wb.table("traffic")
    expr = t.group_by("platform").aggregate(b=t.buyers.sum(), v=(t.visitors * 0).sum())
    expr = expr.mutate(rate=traffic.conversion_rate(expr.b, expr.v))
    assert "NULLIF" in str(ibis.to_sql(expr)).upper()
    assert tiny_wb.execute(expr).rate.isna().all()   # zero visitors → missing, not inf, not an error


# --------------------------------------------------------------------------- headline

def test_summarise_traffic_uses_the_all_rows_never_the_channel_sum(tiny_wb) -> None:
    summary = traffic.summarise_traffic(tiny_wb, SEPTEMBER).set_index("platform")
    assert summary.index.tolist() == ["tmall", "web", "total"]
    # tmall: all rows 100 + 50 + 100 = 250 visitors (its channel rows add up to 120 on Sep 1 alone)
    assert summary.loc["tmall", ["visitors", "page_views", "product_views", "buyers", "paid_amount"]].tolist() == \
        [250, 800, 130, 12, 1260.0]
    assert summary.loc["total", "visitors"] == 290
    assert summary.loc["tmall", "conversion_rate"] == pytest.approx(12 / 250)
    assert summary.loc["tmall", "aov"] == pytest.approx(105.0)
    assert summary.loc["total", "uv_value"] == pytest.approx(1410 / 290)


def test_the_total_row_sums_the_platforms_and_a_count_one_does_not_report_stays_unknown() -> None:
    # As the engine may give them: web first; web does not report cart additions.
    per_platform = pd.DataFrame({"platform": ["web", "tmall"], "visitors": [40, 250],
                                 "cart_adds": [np.nan, 50.0], "paid_amount": [150.0, 1260.0]})
    out = with_platform_total(per_platform, ["tmall", "web"], ["visitors", "cart_adds", "paid_amount"])
    assert out["platform"].tolist() == ["tmall", "web", "total"] and out.index.tolist() == [0, 1, 2]
    assert out["visitors"].tolist() == [250, 40, 290] and out["visitors"].dtype == "int64"
    assert out["cart_adds"].iloc[0] == 50.0 and out["cart_adds"].iloc[1:].isna().all()  # not 50 for the store
    assert out["paid_amount"].tolist() == [1260.0, 150.0, 1410.0]
    assert per_platform["platform"].tolist() == ["web", "tmall"]  # the engine's frame is not changed
    # A count no platform reports (the engine's column of nothing, as objects): unknown, as numbers.
    nothing = per_platform.assign(cart_adds=pd.Series([None, None], dtype=object))
    out = with_platform_total(nothing, ["tmall", "web"], ["visitors", "cart_adds", "paid_amount"])
    assert out["cart_adds"].dtype == "float64" and out["cart_adds"].isna().all()
    assert out["paid_amount"].dtype == "float64" and out["visitors"].tolist() == [250, 40, 290]

def test_headline_changes_on_prior_month_and_last_year(tiny_wb) -> None:
    headline = traffic.traffic_headline(tiny_wb, SEPTEMBER).set_index(["platform", "metric"])
    assert headline.loc[("tmall", "visitors"), ["value", "prior", "last_year"]].tolist() == [250, 200, 125]
    assert headline.loc[("tmall", "visitors"), "vs_prior"] == pytest.approx(0.25)
    assert headline.loc[("tmall", "visitors"), "vs_last_year"] == pytest.approx(1.0)
    assert headline.loc[("web", "buyers"), "vs_prior"] == pytest.approx(1.0)
    assert np.isnan(headline.loc[("web", "visitors"), "vs_last_year"])  # no web traffic a year before
    assert headline.index.get_level_values("metric")[:6].tolist() == list(traffic.HEADLINE_METRICS)


def test_headline_record_is_what_the_index_reads(tiny_wb) -> None:
    record = traffic.headline_record(traffic.traffic_headline(tiny_wb, SEPTEMBER), Text("zh"))
    assert [r["key"] for r in record] == ["visitors", "buyers", "paid_amount", "uv_value"]
    assert record[0] == {"key": "visitors", "label": "访客数", "value": 290.0, "unit": "count",
                         "vs_prior": pytest.approx(290 / 240 - 1), "vs_last_year": pytest.approx(290 / 125 - 1), "good": "up"}
    assert record[2]["unit"] == "CNY"


def test_a_month_without_traffic_rows_gives_a_clear_message(tiny_wb) -> None:
    with pytest.raises(NoDataError) as error:
        traffic.summarise_traffic(tiny_wb, periods.month("2026-07"))
    message = str(error.value)
    assert "no traffic rows for 2026-07 on tmall, web" in message  # the platforms the data holds
    assert "covers 2025-09-01 to 2026-09-02" in message and "storebook ingest" in message
    for call in (traffic.daily_traffic, traffic.channel_mix, traffic.device_split, traffic.detect_anomalies):
        with pytest.raises(NoDataError, match="2026-07"):
            call(tiny_wb, periods.month("2026-07"))


# --------------------------------------------------------------------------- daily, channels, devices

def test_daily_traffic_days_and_last_year(tiny_wb) -> None:
    daily = traffic.daily_traffic(tiny_wb, SEPTEMBER, ["tmall"])
    assert len(daily) == 30 and daily.visited_on.iloc[0] == pd.Timestamp("2026-09-01")
    assert daily.visitors.iloc[:2].tolist() == [150, 100]
    assert daily.visitors.iloc[2:].isna().all()            # a day without rows is a gap, not a zero
    assert daily.last_year.iloc[0] == 125
    assert daily.avg7.isna().all()                         # fewer than five days in any window


def test_channel_mix_shares_are_of_source_visits(tiny_wb) -> None:
    mix = traffic.channel_mix(tiny_wb, SEPTEMBER).set_index(["platform", "channel"])
    assert mix.loc[("tmall", "organic_search"), "share"] == pytest.approx(80 / 120)
    assert mix.loc[("tmall", "paid_search"), "share"] == pytest.approx(40 / 120)
    assert mix.loc[("total", "organic_search"), "share"] == pytest.approx(80 / 160)
    assert mix.loc[("tmall", "organic_search"), "share_change"] == pytest.approx(80 / 120 - 1.0)
    assert mix.loc[("tmall", "organic_search"), "visitors_vs_prior"] == pytest.approx(80 / 150 - 1)
    assert mix.groupby("platform").share.sum().tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_device_split_adds_disjoint_devices(tiny_wb) -> None:
    devices = traffic.device_split(tiny_wb, SEPTEMBER)
    now = traffic.latest_month(devices).set_index(["platform", "device"])
    assert now.loc[("tmall", "mobile"), "share"] == pytest.approx(0.8)
    assert now.loc[("tmall", "pc"), "visitors"] == 50
    assert now.loc[("total", "mobile"), "visitors"] == 240
    assert set(devices.month.dt.strftime("%Y-%m")) == {"2025-09", "2026-08", "2026-09"}


# --------------------------------------------------------------------------- paid traffic

def test_paid_traffic_by_channel_by_hand(tiny_wb) -> None:
    paid = traffic.paid_traffic(tiny_wb, SEPTEMBER).set_index("channel")
    row = paid.loc["paid_search"]
    assert row[["spend_amount", "impressions", "clicks", "attributed_amount"]].tolist() == [120.0, 3000, 60, 400.0]
    assert row.ctr == pytest.approx(0.02)
    assert row.cpc == pytest.approx(2.0)
    assert row.visitors == 40                                  # the channel's source visits
    assert row.cost_per_visitor == pytest.approx(3.0)
    assert row.roas == pytest.approx(400 / 120)
    assert row.spend_vs_prior == pytest.approx(1.0)
    assert paid.loc["total", "spend_amount"] == 120.0


def test_paid_traffic_by_campaign_and_missing_spend(tiny_wb) -> None:
    campaigns = traffic.paid_traffic(tiny_wb, SEPTEMBER, by="campaign")
    assert campaigns[["campaign_id", "campaign_name"]].values.tolist() == [["TM-PS", "天猫付费搜索"]]
    assert "visitors" not in campaigns.columns
    with pytest.raises(NoDataError, match="no marketing spend for 2026-09 on web"):
        traffic.paid_traffic(tiny_wb, SEPTEMBER, ["web"])


# --------------------------------------------------------------------------- the sample store

def _sample_month(day: str) -> periods.Period:
    return periods.month(day[:7])


def test_planted_tracking_outage_is_flagged_with_visitors_as_driver(wb, truth) -> None:
    outage = truth["truths"]["tracking_outage"]
    anomalies = traffic.detect_anomalies(wb, _sample_month(outage["date"]))
    flagged = traffic.flagged_days(anomalies)
    first = flagged.iloc[0]
    assert (first.platform, first.visited_on.strftime("%Y-%m-%d")) == (outage["platform"], outage["date"])
    assert first.driver == "visitors"
    expected_drop = outage["recorded_visitors_all_rows"] / outage["normal_visitors_all_rows"] - 1
    assert first.visitors_effect == pytest.approx(expected_drop, abs=0.08)
    # orders were normal: the paid amount stays near its expectation, conversion "impossible"
    assert abs(first.paid_effect) < 0.5 and first.conversion_effect > 3
    others = flagged[(flagged.platform == outage["platform"]) & (flagged.visited_on != outage["date"])]
    assert others.empty
    record = traffic.anomaly_record(anomalies)
    assert {"platform": outage["platform"], "date": outage["date"], "driver": "visitors"}.items() <= record[0].items()
    # … and named for what it is: visitors collapsed while the paid amount held.
    assert first.likely_cause == "tracking" and record[0]["likely_cause"] == "tracking"
    assert (flagged.likely_cause == "tracking").sum() == 1
    facts = traffic.anomaly_facts(anomalies)
    assert facts["variant"] == "tracking" and facts["n_tracking"] == 1 and facts["other_tracking"] == 0
    en = Text("en")("traffic.anomalies.takeaway.tracking", **facts)
    day = Text("en").format("{p:platform} on {d:date}", p=outage["platform"], d=outage["date"])
    assert day in en and "likely a tracking/data problem, not lost demand" in en
    assert "很可能是埋点/数据问题，而非需求下降" in Text("zh")("traffic.anomalies.takeaway.tracking", **facts)


def test_a_visitor_collapse_with_sales_intact_is_a_tracking_problem() -> None:
    from storebook.measures.anomalies import _diagnose

    days = pd.DataFrame({
        #           tracking   sales fell too   sales not judged, held   a mere dip   not flagged
        "visitors": [80.0, 80.0, 5.0, 600.0, 80.0],
        "visitors_low": [700.0, 700.0, 40.0, 700.0, 700.0],
        "visitors_effect": [-0.92, -0.92, -0.9, -0.4, -0.92],
        "paid_amount": [9000.0, 2000.0, 300.0, 9000.0, 9000.0],
        "paid_amount_low": [6000.0, 6000.0, np.nan, 6000.0, 6000.0],
        "paid_effect": [-0.05, -0.8, -0.1, 0.0, -0.05],
        "is_flagged": [True, True, True, True, False],
    })
    assert _diagnose(days).likely_cause.tolist() == ["tracking", "", "tracking", "", ""]
    assert "likely_cause" not in days   # the frame given is not changed


def test_last_years_festival_needs_its_own_baseline_weeks() -> None:
    # 双11 2026 is judged against 双11 2025's lift over its ordinary same weekdays; the history
    # read must reach far enough before 2025-11-11 to hold three of them (the presale from
    # 20 October is no ordinary day), or the 11-11 spike has no band and is never judged.
    from storebook.measures import stats
    from storebook.measures.anomalies import band_history_days

    days = pd.date_range("2024-06-01", "2026-11-30", freq="D")
    kinds = stats.day_references(days[0], days[-1]).set_index("date")
    lift = np.where(kinds.is_peak, 4.0, np.where(kinds.kind == "double11", 1.3, 1.0))
    values = pd.DataFrame({"date": days, "visitors": 1000.0 * lift * (1 + 0.02 * np.sin(np.arange(len(days))))})
    start = pd.Timestamp("2026-11-01")

    def judged(history_days: int) -> pd.Series:
        window = values[values.date >= start - pd.Timedelta(days=history_days)]
        return stats.expected_band(window, "visitors", start=start).set_index("date").loc["2026-11-11"]

    peak = judged(band_history_days(8))
    assert peak.basis == "last_year:double11" and peak.low <= peak.visitors <= peak.high and not peak.is_outside
    assert judged(400).basis == "no_reference"   # the window read before: a year and a month
    assert traffic.BAND_HISTORY_DAYS == band_history_days(8)


def test_festival_days_behaving_like_their_festival_are_not_flagged(wb, truth) -> None:
    month = periods.month(truth["end_month"])        # October: National Day and the 双11 presale
    anomalies = traffic.detect_anomalies(wb, month)
    judged = anomalies[anomalies.basis.str.startswith("last_year:")]
    assert set(judged.event) >= {"double11", "public_holiday"}   # the festival days were judged …
    assert not judged.is_flagged.any()                           # … and found to behave like last year's
    assert anomalies[anomalies.event == "double11"].visitors.mean() > \
        anomalies[anomalies.event == ""].visitors.mean() * 1.2  # though they are far above ordinary days


def test_single_platform_and_daily_average_on_the_sample(wb) -> None:
    month = periods.month("2026-09")
    daily = traffic.daily_traffic(wb, month, ["tmall"])
    summary = traffic.summarise_traffic(wb, month, ["tmall"]).set_index("platform")
    assert daily.visitors.sum() == summary.loc["tmall", "visitors"]
    start = month.start - pd.Timedelta(days=6)
    window = traffic.daily_traffic(wb, month.prior(), ["tmall"]).set_index("visited_on").visitors
    manual = pd.concat([window, daily.set_index("visited_on").visitors])[start:].rolling(7).mean()
    assert daily.avg7.iloc[-1] == pytest.approx(manual.iloc[-1])
    assert summary.index.tolist() == ["tmall", "total"]


@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-traffic")
def test_traffic_notebook_in_chinese_records_the_outage(sample_root, truth, tmp_path) -> None:
    from support.notebooks import outputs, run_notebook

    outage = truth["truths"]["tracking_outage"]
    nb = run_notebook("traffic", {"month": outage["date"][:7], "language": "zh"}, sample_root, tmp_path)
    results = read_results(nb)
    first = results["traffic.flagged_days"][0]
    assert (first["platform"], first["date"], first["driver"]) == (outage["platform"], outage["date"], "visitors")
    assert results["traffic.headline"][0]["label"] == "访客数"
    assert results["traffic.notices"] == []
    markdown = [o["data"]["text/markdown"] for o in outputs(nb, "display_data") if "text/markdown" in o["data"]]
    assert markdown[0].startswith("# 流量分析")
    named = Text("zh").format("{p:platform}{d:date}", p=outage["platform"], d=outage["date"])   # 京东9月9日
    assert any(named in m for m in markdown)                 # the takeaway names the day, in Chinese
    assert [o for o in outputs(nb, "stream") if o["name"] == "stderr"] == []   # no missing-glyph warning


def test_the_headline_cards_come_in_two_rows_that_fit_a_laptop() -> None:
    metrics = list(traffic.HEADLINE_METRICS)
    headline = pd.DataFrame({"platform": "total", "metric": metrics, "value": range(len(metrics))})
    rows = traffic.split_headline(headline)
    assert [r["metric"].tolist() for r in rows] == [["visitors", "page_views", "product_views"],
                                                    ["buyers", "paid_amount", "uv_value"]]
    assert sorted(m for r in rows for m in r["metric"]) == sorted(metrics)   # every metric, once


def test_the_headline_parts_keep_what_the_headline_says_beside_its_rows() -> None:
    """Each row of cards keeps the headline's attrs (buyers that are daily sums), set by the one
    helper the overview's scorecard uses too (storebook.measures.with_attrs; each area had its own)."""
    from storebook import measures
    from storebook.areas import overview

    headline = pd.DataFrame({"platform": "total", "metric": list(traffic.HEADLINE_METRICS), "value": 1.0}).pipe(
        measures.with_attrs, daily_buyers=True)
    assert [part.attrs for part in traffic.split_headline(headline)] == [{"daily_buyers": True}] * 2
    assert traffic.with_attrs is overview.with_attrs is measures.with_attrs
    assert not hasattr(traffic, "_with_attrs") and not hasattr(overview, "_with_attr")


def test_the_headline_of_traffic_without_amounts_shows_the_visits_and_says_the_worth_unknown(root) -> None:
    """Events of view, cart and buy (Tianchi's) carry no amounts: the headline still shows the
    visits and buyers (it said "no data" for the want of paid_amount), and its takeaway says
    what a visitor was worth is not known — and, with no month to compare, says that too
    instead of "n/a on the prior month"."""
    from storebook.engine import availability
    from storebook.report import needs

    rows = [_row("2026-09-10", "taobao", "all", "mobile", 200, 900, 180, 50, "", 30, 35, ""),
            _row("2026-09-11", "taobao", "all", "mobile", 100, 400, 90, 20, "", 10, 12, "")]
    write_csv(root, "traffic", "traffic.csv", rows)
    toml = root / "storebook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('platforms = ["tmall"', 'platforms = ["taobao", "tmall"'),
                    encoding="utf-8")
    ingest(Config.load(root))
    wb = storebook.open(root / "data" / "processed", root=root)
    september = periods.month("2026-09")
    check = needs.check_section(wb, availability.resolve_month(wb, "2026-09"), ["taobao"], "traffic.headline")
    assert check.status == needs.PARTIAL
    assert [(s.kind, s.column) for s in check.partial if s.kind != "month"] == [("empty_column", "paid_amount")]
    headline = traffic.traffic_headline(wb, september, ["taobao"])
    facts = traffic.headline_facts(headline, september)
    assert facts["variant"] == "no_amount.no_history"
    assert (facts["visitors"], facts["buyers"]) == (300, 40) and facts["conversion_rate"] == pytest.approx(40 / 300)
    en = Text("en")(f"traffic.headline.takeaway.{facts['variant']}", **facts)
    assert en.startswith("300 visitors came in 2026-09 and 40 of them paid (13.3%)") and "n/a" not in en
    assert "无" not in Text("zh")(f"traffic.headline.takeaway.{facts['variant']}", **facts).replace("无法", "")


def test_a_first_year_of_traffic_says_it_has_no_last_year_not_n_a(root) -> None:
    """Traffic of one month (Tianchi's 2017-11): the daily and device sentences said "daily
    visitors ran n/a on the same days last year" and "n/a on twelve months earlier"."""
    rows = [_row(f"2026-09-{d:02d}", "tmall", "all", "mobile", 100 + d, 300, 90, 20, 10, 5, 6, 50.0) for d in range(1, 31)]
    write_csv(root, "traffic", "traffic.csv", rows)
    ingest(Config.load(root))
    wb = storebook.open(root / "data" / "processed", root=root)
    september = periods.month("2026-09")
    daily = traffic.daily_facts(traffic.daily_traffic(wb, september, ["tmall"]))
    devices = traffic.device_facts(traffic.device_split(wb, september, ["tmall"]), september)
    assert daily["variant"] == "no_last_year" and devices["variant"] == "single.no_last_year"
    for language in ("en", "zh"):
        text = Text(language)
        for key, facts in (("traffic.daily.title", daily), ("traffic.daily.takeaway", daily),
                           ("traffic.devices.takeaway", devices)):
            sentence = text(f"{key}.{facts['variant']}", **facts)
            assert "n/a" not in sentence and "无" not in sentence.replace("无法", ""), sentence


def test_days_tied_for_the_most_visitors_are_all_named() -> None:
    """A small store's month (the real Shopify one has 5 visitors on two days): "The busiest day
    was 11 May" named one of the tied days as if it were the only one."""
    days = pd.date_range("2025-05-11", periods=4)
    daily = pd.DataFrame({"visited_on": days, "visitors": [5, 3, 5, 3], "avg7": np.nan, "last_year": np.nan,
                          "event": ["double_11", None, None, None]})
    facts = traffic.daily_facts(daily)
    assert facts["peak_days"] == [days[0], days[2]] and facts["low_days"] == [days[1], days[3]]
    assert facts["peak_day"] == days[0] and facts["peak_event"] is None  # the event was on one of them only
    said = Text("en")("traffic.daily.takeaway.no_last_year", **facts)
    assert said.startswith("The busiest days were 11 and 13 May, tied with 5 visitors; the quietest were "
                           "12 and 14 May, tied with 3."), said
    assert Text("zh")("traffic.daily.title.no_last_year", **facts) == "访客在5月11日、13日（并列）达到高峰（5人）"
    one = traffic.daily_facts(daily.assign(visitors=[5, 3, 4, 2]))
    assert Text("en")("traffic.daily.title.no_last_year", **one) == "Visitors peaked on 11 May (5)"


def test_a_month_without_a_7_day_trend_leaves_it_out() -> None:
    """The GA4 export of May 2023 (0 users a day to the 20th, 1 on the 21st): the 7-day average
    starts at 0, and the page read "the 7-day average ended the month n/a from where it started";
    a week of data has no 7-day average to follow either."""
    from support.amounts import chosen_sentence

    days = pd.date_range("2023-05-01", periods=21)
    avg7 = [np.nan] * 4 + [0.0] * 16 + [1 / 7]
    daily = pd.DataFrame({"visited_on": days, "visitors": [0] * 20 + [1], "avg7": avg7, "last_year": np.nan,
                          "event": None})
    facts = traffic.daily_facts(daily)
    assert facts["variant"] == "no_last_year.no_trend" and facts["trend"] is None
    for language in ("en", "zh"):
        said = chosen_sentence("traffic.daily.takeaway", facts, language)
        assert "n/a" not in said and "未知" not in said and "7-day" not in said and "7日均值" not in said, said
    assert chosen_sentence("traffic.daily.takeaway", facts).endswith(
        "The data hold no traffic on the same days last year to compare with.")
    # With last year's days and no trend: the comparison kept, the trend left out.
    known = traffic.daily_facts(daily.assign(last_year=1.0))
    assert known["variant"] == "no_trend"
    said = chosen_sentence("traffic.daily.takeaway", known)
    assert said.endswith("daily visitors ran down 95.2% on the same days last year.") and "7-day" not in said
    assert Text("en")("traffic.daily.title.no_trend", **known).endswith("on the same days last year")


# --------------------------------------------------------------------------- buyers summed over days

def test_a_traffic_only_store_says_its_buyers_are_summed_over_days(root) -> None:
    """The Tianchi behaviour store has traffic rows only, one per day: its month's 32 "buyers"
    were 32 buyer-days of 19 people. The figure stays as the days add up, and the section says
    so (both languages); with an orders table (buyers counted once there) nothing is said."""
    from storebook.report import needs
    from support.stores import write_tables

    days = [{"visited_on": f"2026-09-0{d}", "platform": "tmall", "channel": "all", "device": "mobile",
             "visitors": 10, "buyers": 1, "orders": 1} for d in (1, 2, 3)]
    wb = write_tables(root, traffic=days)
    check = needs.SectionCheck("traffic.summary")
    with needs.running(check):
        total = traffic.summarise_traffic(wb, SEPTEMBER).set_index("platform").loc["total"]
    assert (total.visitors, total.buyers) == (30, 3)  # the days added up: one buyer a day may be one person
    assert [(f.key, f.values) for f in check.partial] == [("page.partial.daily_sums", {"days": 3})]
    en, zh = (check.describe_partial(Text(lang))[0] for lang in ("en", "zh"))
    assert "sums of the 3 days' figures (buyer-days)" in en and "count each buyer once" in en
    assert "每日买家数之和" in zh
    orders = [{"order_id": "O1", "platform": "tmall", "ordered_at": "2026-09-01 10:00", "paid_at": "2026-09-01 10:05",
               "status": "paid", "paid_amount": 10.0, "customer_id": "c1"}]
    with_orders = write_tables(root, traffic=days, orders=orders)
    check = needs.SectionCheck("traffic.summary")
    with needs.running(check):
        traffic.summarise_traffic(with_orders, SEPTEMBER)
    assert check.partial == []


def test_the_scorecards_buyers_say_they_are_summed_over_days_with_orders_too(root) -> None:
    """A store with traffic and orders: the scorecard's buyers are the traffic table's days added
    up (3 buyer-days of one customer, c1, who paid on each day), not the month's distinct buyers
    (1), and were shown unlabelled; the card's table now says so under its title (both languages),
    a label that leaves the section full and adds no notice. Without orders the traffic flag
    (page.partial.daily_sums) says it of visitors and buyers, once."""
    from storebook.areas import overview
    from storebook.report import needs, tables
    from support.stores import make_root, write_tables

    days = [{"visited_on": f"2026-09-0{d}", "platform": "tmall", "channel": "all", "device": "mobile",
             "visitors": 10, "buyers": 1, "orders": 1, "paid_amount": 10.0} for d in (1, 2, 3)]
    orders = [{"order_id": f"O{d}", "platform": "tmall", "ordered_at": f"2026-09-0{d} 10:00",
               "paid_at": f"2026-09-0{d} 10:05", "status": "paid", "paid_amount": 10.0, "customer_id": "c1"}
              for d in (1, 2, 3)]
    wb = write_tables(root, traffic=days, orders=orders)
    check = needs.SectionCheck("overview.scorecard")
    with needs.running(check):
        card = overview.build_scorecard(wb, SEPTEMBER, ["tmall"])
    assert card.set_index(["platform", "metric"]).loc[("total", "buyers"), "value"] == 3  # 1 person
    assert [f.key for f in check.partial] == [] and card.attrs["notices"] == []
    en, zh = (tables.scorecard(card, Text(lang)).to_html() for lang in ("en", "zh"))
    assert "sum of the month&#x27;s daily buyers (buyer-days)" in en and "distinct buyers" in en
    assert "每日买家数之和" in zh and "并非当月去重买家数" in zh
    alone = write_tables(make_root(root / "alone"), traffic=days)
    check = needs.SectionCheck("overview.scorecard")
    with needs.running(check):
        card = overview.build_scorecard(alone, SEPTEMBER, ["tmall"])
    assert [f.key for f in check.partial] == ["page.partial.daily_sums"]
    assert "每日买家数之和" not in tables.scorecard(card, Text("zh")).to_html()  # said once, by the flag
    # The traffic page's headline shows the same 3 buyer-days: it says so in the same words, under
    # the row of cards that shows buyers only (it said nothing).
    head = traffic.traffic_headline(wb, SEPTEMBER, ["tmall"])
    assert head.set_index(["platform", "metric"]).loc[("total", "buyers"), "value"] == 3
    visits, sales = (tables.metric_cards(part, Text("en")).to_html() for part in traffic.split_headline(head))
    caption = Text("en")("overview.scorecard.daily_buyers").replace("'", "&#x27;")
    assert caption in sales and "<caption>" not in visits
    assert "并非当月去重买家数" in tables.metric_cards(traffic.split_headline(head)[1], Text("zh")).to_html()
    alone_head = traffic.traffic_headline(alone, SEPTEMBER, ["tmall"])
    assert "<caption>" not in tables.metric_cards(traffic.split_headline(alone_head)[1], Text("en")).to_html()
