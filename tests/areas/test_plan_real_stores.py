"""The plan on what real stores hold: a series with one value every day, a platform whose orders
stop before the others', a store that does not sell in China, a store without orders.

Hand-made stores (planted truths):

- tmall has exactly 3 paid orders every day from 2024-09-01 to 2025-03-31: the GLM's dispersion
  is 0 there (statsmodels raised "the first guess on the deviance function returned a nan"); the
  forecast is the constant, 3 × 30 = 90 orders in April, 3 × 31 = 93 in May, with no interval.
- jd sells 20 and 10 orders on alternate days from 2024-06-01 and stops on 2025-01-20 (its export
  ends), tmall goes on to 2025-03-31 with 30 and 10. Padded with zeros to March, jd's history read as
  "stopped selling" and its April forecast fell towards 0; ended on its own last day, jd is forecast
  at its level, 15 × 30 = 450 in April, and the page says its data end on 20 Jan.
- a web shop in EUR: no 618, 双11 or Spring Festival in its model or on its page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
from storebook.areas import plan
from storebook.engine import calendar, periods
from storebook.report.text import Text
from support.stores import write_tables

MARCH = periods.month("2025-03")


def _orders(platform: str, first: str, last: str, counts: tuple[int, ...], amount: float | None = 10.0) -> list[dict]:
    """``counts[i % len(counts)]`` paid orders on the i-th day of first..last."""
    rows = []
    for i, day in enumerate(pd.date_range(first, last, freq="D")):
        for k in range(counts[i % len(counts)]):
            paid = day + pd.Timedelta(hours=9, minutes=k)
            rows.append({"order_id": f"{platform}-{day:%Y%m%d}-{k}", "platform": platform,
                         "ordered_at": paid - pd.Timedelta(minutes=1), "paid_at": paid, "status": "completed",
                         "customer_id": f"C{k}", "paid_amount": amount})
    return rows


def test_a_series_with_one_value_every_day_is_forecast_as_that_value(root: Path) -> None:
    wb = write_tables(root, orders=_orders("tmall", "2024-09-01", "2025-03-31", (3,)))
    forecast = plan.forecast_months(wb, MARCH, ["tmall"]).query("platform == 'tmall'").set_index(["metric", "month"])
    orders = forecast.loc[("orders", "2025-04")]
    assert orders["forecast"] == pytest.approx(90, abs=0.01)
    assert orders["low"] == pytest.approx(90, abs=0.1) and orders["high"] == pytest.approx(90, abs=0.1)
    assert forecast.loc[("orders", "2025-05"), "forecast"] == pytest.approx(93, abs=0.01)
    assert forecast.loc[("paid_amount", "2025-04"), "forecast"] == pytest.approx(900, abs=0.1)  # ¥10 an order
    # The backtest refits before each month: each month is its days × 3, off by nothing.
    checked = plan.backtest(wb, MARCH, ["tmall"])
    march = checked[(checked["month"] == "2025-03") & (checked["metric"] == "orders") & (checked["platform"] == "tmall")]
    assert march["actual"].iloc[0] == 93 and march["ape"].iloc[0] == pytest.approx(0, abs=1e-3)
    facts = plan.basis_facts(plan.forecast_months(wb, MARCH, ["tmall"]), Text("en"))
    assert "Tmall: the paid orders were 3 on every day of the history; the forecast carries that on" in facts["notes"]
    zh = plan.basis_facts(plan.forecast_months(wb, MARCH, ["tmall"]), Text("zh"))["notes"]
    assert "天猫：历史中每天已付订单都是 3；预测按此延续" in zh


def _stopping_store(root: Path) -> storebook.Workbook:
    return write_tables(root, orders=_orders("tmall", "2024-06-01", "2025-03-31", (30, 10))
                        + _orders("jd", "2024-06-01", "2025-01-20", (20, 10)))


def test_a_platform_whose_orders_stop_early_is_forecast_from_its_history_and_said(root: Path) -> None:
    wb = _stopping_store(root)
    hist = plan.daily_history(wb, MARCH.end, ["tmall", "jd"])
    assert hist[hist["platform"] == "jd"]["day"].max() == pd.Timestamp("2025-01-20")
    assert hist.attrs["ends"] == {"jd": date(2025, 1, 20)}
    forecast = plan.forecast_months(wb, MARCH, ["tmall", "jd"]).set_index(["platform", "metric", "month"])
    assert forecast.loc[("jd", "orders", "2025-04"), "forecast"] == pytest.approx(450, rel=0.1)  # not ~0
    assert forecast.loc[("total", "orders", "2025-04"), "forecast"] == pytest.approx(600 + 450, rel=0.1)
    # The months after jd's data end check tmall alone: jd has no actual there, so no forecast either.
    checked = plan.backtest(wb, MARCH, ["tmall", "jd"])
    march = checked[(checked["month"] == "2025-03") & (checked["metric"] == "orders")].set_index("platform")
    assert set(march.index) == {"tmall", "total"} and march.at["total", "actual"] == 16 * 10 + 15 * 30  # Mar 1 is day 273
    assert march.at["total", "forecast"] == pytest.approx(march.at["tmall", "forecast"])
    # March's total is tmall's alone: not a month to set April's two platforms against.
    headline = plan.plan_headline(plan.forecast_months(wb, MARCH, ["tmall", "jd"]), checked, hist)
    assert np.isnan(headline.set_index("metric").at["forecast_orders", "prior"])
    jan = checked[(checked["month"] == "2025-01") & (checked["metric"] == "orders")].set_index("platform")
    assert jan.at["jd", "actual"] == 15 * 20  # its 20 days
    assert jan.at["jd", "forecast"] == pytest.approx(300, rel=0.1)
    en = plan.basis_facts(plan.forecast_months(wb, MARCH, ["tmall", "jd"]), Text("en"))["notes"]
    zh = plan.basis_facts(plan.forecast_months(wb, MARCH, ["tmall", "jd"]), Text("zh"))["notes"]
    assert "JD's orders end on 20 Jan 2025" in en and "not zero" in en
    assert "京东的订单数据止于2025年1月20日" in zh


def test_a_store_that_does_not_sell_in_china_gets_no_china_calendar(root: Path) -> None:
    # The rule: a Chinese platform, or amounts in CNY (configured or stated by the exports).
    assert calendar.china_market(["web"], "EUR") is None and calendar.china_market(["shopify", "web"], "") is None
    assert calendar.china_market(["web", "taobao"], "") == {"platforms": ["taobao"]}
    assert calendar.china_market(["web"], "CNY") == {"currency": "CNY"}
    X = plan.calendar_features(date(2024, 11, 1), date(2025, 2, 28), date(2024, 1, 1), False, china=False)
    assert list(X.columns) == ["const", "trend", *[f"dow_{k}" for k in range(1, 7)]]
    # 2025-01-26 was a Sunday worked in China (调休): here a plain Sunday.
    assert X.loc["2025-01-26", "dow_6"] == 1
    toml = root / "storebook.toml"  # a web shop in EUR (as the Shopify export states it)
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'platforms = ["tmall", "jd", "douyin", "web"]', 'platforms = ["web"]\ncurrency = "EUR"'), encoding="utf-8")
    wb = write_tables(root, orders=_orders("web", "2024-06-01", "2025-03-31", (30, 10)))
    assert wb.config.platforms == ["web"] and calendar.used_for(wb) is None
    forecast = plan.forecast_months(wb, MARCH, ["web"])
    assert forecast.attrs["events"] == [] and forecast.attrs["calendar"] is None
    fit = plan._final(wb, MARCH, ["web"], plan.HORIZON_MONTHS)[2][("web", "orders")]
    assert not any(c.startswith(("double11", "618", "spring_festival", "holiday")) for c in fit.params.index)
    for lang, words in (("en", "the weekday and the season only"), ("zh", "仅星期与季节")):
        assert plan.basis_facts(forecast, Text(lang))["calendar"].startswith(words)


def test_a_chinese_store_says_its_calendar(root: Path) -> None:
    wb = _stopping_store(root)  # the workbook's platforms: tmall, jd, douyin and web
    assert calendar.used_for(wb) == {"platforms": ["tmall", "jd", "douyin"]}
    facts = plan.basis_facts(plan.forecast_months(wb, MARCH, ["tmall", "jd"]), Text("en"))
    assert facts["calendar"].startswith("China's (618, Double 11") and facts["calendar"].endswith("Tmall, JD and Douyin")
    zh = plan.basis_facts(plan.forecast_months(wb, MARCH, ["tmall", "jd"]), Text("zh"))["calendar"]
    assert zh.startswith("中国电商日历") and zh.endswith("因本店在天猫、京东、抖音销售")


def test_without_enough_orders_the_page_says_what_a_forecast_needs_in_both_languages(root: Path) -> None:
    """A store with 30 days of orders (Olist's sample), or orders none of which is paid: no engine
    message, a sentence in the page's language (the NoDataError's catalogue key)."""
    from storebook.errors import NoDataError
    from storebook.report.page import said_in

    wb = write_tables(root, orders=_orders("tmall", "2025-03-01", "2025-03-30", (2,)))
    with pytest.raises(NoDataError) as short:
        plan.forecast_months(wb, MARCH, ["tmall"])
    assert said_in(Text("en"), short.value) == ("A forecast needs 120 days of orders on a platform, with a sale on at "
                                                "least 30 of them, and no platform has that before 1 Apr 2025.")
    assert said_in(Text("zh"), short.value) == ("预测需要某个平台至少 120 天的订单历史、其中至少 30 天有成交，"
                                                "而2025年4月1日之前没有平台达到。")
    with pytest.raises(NoDataError) as checked:
        plan.backtest(wb, MARCH, ["tmall"])
    assert said_in(Text("zh"), checked.value) == "检验过去的预测需要2024-10起各月之前的订单历史，而历史太短。"
    with pytest.raises(NoDataError) as none:
        plan.daily_history(wb, date(2025, 3, 1), ["tmall"])
    assert said_in(Text("en"), none.value).startswith("A forecast is made from the paid orders day by day")
    assert said_in(Text("zh"), none.value) == "预测基于每日的已付订单，而数据中2025年3月1日之前没有已付订单。"


def _eur_web_shop(root: Path, country: str | None = None) -> storebook.Workbook:
    toml = root / "storebook.toml"  # a web shop in EUR (as the Shopify export states it)
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'platforms = ["tmall", "jd", "douyin", "web"]',
        'platforms = ["web"]\ncurrency = "EUR"' + (f'\ncountry = "{country}"' if country else "")), encoding="utf-8")
    return write_tables(root, orders=_orders("web", "2024-06-01", "2025-03-31", (30, 10)))


@pytest.mark.parametrize("country", [None, "DE"])
def test_the_target_of_a_store_outside_china_assumes_no_chinese_festival(root: Path, country: str | None) -> None:
    """A web shop in EUR (ten months of orders from June 2024): its target sentence said "It
    assumes the history's trend and festivals go on as before" / "历史趋势与大促效果延续" of a store
    whose model has none of China's festivals, and "(… above the forecast of €…; n/a on last
    year)" where the history has no April–June 2024 to compare with."""
    from support.amounts import chosen_sentence

    wb = _eur_web_shop(root, country)
    targets = plan.propose_targets(wb, MARCH, ["web"])
    facts = plan.targets_facts(targets)
    assert np.isnan(facts["target_vs_last_year"])  # the year before begins before the data
    en, zh = chosen_sentence("plan.targets.takeaway", facts), chosen_sentence("plan.targets.takeaway", facts, "zh")
    assert "festival" not in en and "大促" not in zh
    assert "n/a" not in en and "未知" not in zh and "last year" not in en and "同比" not in zh
    if country is None:  # EUR names no one country: the weekday and the season only
        assert "It assumes the history's trend, weekdays and seasons go on as before and no new campaign" in en
        assert "假设：历史趋势与星期、季节规律延续、无新增投放" in zh
    else:  # Germany's public holidays are in the model
        assert "weekdays, seasons and public holidays go on as before" in en and "公共假日" in zh


def test_the_target_of_a_chinese_store_assumes_its_festivals(root: Path) -> None:
    from support.amounts import chosen_sentence

    wb = _stopping_store(root)
    facts = plan.targets_facts(plan.propose_targets(wb, MARCH, ["tmall", "jd"]))
    assert "It assumes the history's trend and festivals go on as before" in chosen_sentence(
        "plan.targets.takeaway", facts)
    assert "假设：历史趋势与大促效果延续" in chosen_sentence("plan.targets.takeaway", facts, "zh")


def test_a_year_with_sales_on_a_few_days_is_not_forecast(root: Path) -> None:
    """The UCI Online Retail sample: orders on 1 Dec 2010 and on four days of November 2011, none
    between. Fitted as a year of history, its trend forecast December 2011 at
    ¥35,295,027,009,167,997,009,920 (and the backtest's November at ¥0). Five days with a sale are
    not a history to forecast from: the page says what a forecast needs."""
    from storebook.errors import NoDataError
    from storebook.report.page import said_in

    days = [("2010-12-01", 5), ("2011-11-02", 2), ("2011-11-10", 1), ("2011-11-20", 1), ("2011-11-28", 1)]
    wb = write_tables(root, orders=[o for day, n in days for o in _orders("web", day, day, (n,))])
    november = periods.month("2011-11")
    assert len(plan.daily_history(wb, november.end, ["web"])) > plan.MIN_HISTORY_DAYS  # a year of days
    with pytest.raises(NoDataError) as sparse:
        plan.forecast_months(wb, november, ["web"])
    assert "with a sale on at least 30 of them" in said_in(Text("en"), sparse.value)



def test_a_sparse_series_is_never_forecast_beyond_reason(root: Path) -> None:
    """One order every third day from June to November on a store that sells in China: 双11's
    peak (11 Nov) and 618's days fall on days with and without a sale, and their coefficients, near
    ±infinity with a variance to match, made December's draws reach e^50 a day (95% high
    5.2 × 10²¹ orders). No simulated day is above PEAK_CEILING times the busiest day (1 order)."""
    wb = write_tables(root, orders=_orders("web", "2011-06-01", "2011-11-30", (1, 0, 0)))
    november = periods.month("2011-11")
    assert calendar.used_for(wb) is not None  # China's calendar: its festivals are fitted
    forecast = plan.forecast_months(wb, november, ["web"]).query("metric == 'orders' and platform == 'web'")
    days = {"2011-12": 31, "2012-01": 31, "2012-02": 29}
    for row in forecast.itertuples():
        assert row.high <= plan.PEAK_CEILING * 1 * days[row.month], row
        assert 31 / 3 * 0.5 < row.forecast < 31 / 3 * 3, row  # about its level of a third of an order a day


def test_the_forecast_of_a_store_outside_china_names_its_own_holidays_in_the_months(root: Path) -> None:
    """A web shop in EUR in Germany, forecast for April–June 2025: its fit has Germany's public
    holidays (Good Friday, Easter Monday, Labour Day, Ascension, Whit Monday: 5), and the sentence
    said "The calendar in these months: none"."""
    from support.amounts import chosen_sentence

    wb = _eur_web_shop(root, "DE")
    forecast = plan.forecast_months(wb, MARCH, ["web"])
    assert forecast.attrs["holidays"] == ("DE", 5)
    facts = plan.forecast_facts(forecast, Text("en"))
    assert facts["events"] == "5 of Germany's public holidays"
    assert "The calendar in these months: 5 of Germany's public holidays." in chosen_sentence(
        "plan.forecast.takeaway", facts)
    assert plan.forecast_facts(forecast, Text("zh"))["events"] == "德国的5个公共假日"
    # Without its own holidays in the months the events are as before ("none" for a foreign store).
    assert plan.events_text([], {}, Text("en"), ("DE", 0)) == plan.events_text([], {}, Text("en")) == "none"
