"""The country set in ``[store] country`` decides whose calendar the pack uses, before the
platforms and the currency (storebook.engine.calendar.china_market): ``country = "CN"`` gives a
web shop in USD China's calendar (618, 双11, the Spring Festival), and ``country = "DE"`` gives a
shop whose amounts are in yuan, or one on Tmall, Germany's public holidays and none of China's.
Before, the setting was read only for a store the platforms and currency had already put outside
China: "CN" changed nothing, and "DE" on CNY was China's calendar.

Planted truths (the stores of test_calendar_outside_china, its hand-checked figures):

- traffic: 1,000 visitors a day, three times that on 11 November 2024 and 2025. In China that is
  双11's peak, judged against last year's and not flagged; in Germany an ordinary Tuesday, judged
  against its weekday and flagged.
- fulfilment: an order paid on 2026-02-11, inside 2026's Spring Festival shutdown (10–25 February,
  16 days), delivered 10 days after shipping: in China it carries no promise; in Germany it is late.
- promotion: the pre-period of a promotion of 17–23 November 2025 is 56 days, 33 in China without
  双11's 23 (a baseline of 14 units a week in China); in Germany 55, without German Unity Day
  (3 October, 2 units: 7 × 156 / 55).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

import storebook
from storebook.areas import fulfilment, plan, promotion, traffic
from storebook.engine import calendar, periods
from storebook.measures import deliveries
from storebook.report.text import Text
from support.amounts import chosen_sentence
from support.stores import parcels, promotion_store, sell_in, steady_traffic, write_tables

NOVEMBER = periods.month("2025-11")
FEBRUARY = periods.month("2026-02")
PROMO_START, PROMO_END = date(2025, 11, 17), date(2025, 11, 23)


def _set(root: Path, currency: str, country: str, where: str = "storebook.local.toml",
         platforms: str = '["web"]') -> None:
    """A store on ``platforms`` in ``currency``, its country set in ``where``."""
    sell_in(root, currency)
    toml = root / "storebook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('platforms = ["web"]', f"platforms = {platforms}"),
                    encoding="utf-8")
    if where == "storebook.toml":
        toml.write_text(toml.read_text(encoding="utf-8").replace(f'currency = "{currency}"',
                                                                 f'currency = "{currency}"\ncountry = "{country}"'),
                        encoding="utf-8")
    else:
        (root / where).write_text(f'[store]\ncountry = "{country}"\n', encoding="utf-8")


# --------------------------------------------------------------------------- the decision

@pytest.mark.parametrize("where", ["storebook.toml", "storebook.local.toml"])
@pytest.mark.parametrize("currency", ["USD", "EUR"])
def test_a_store_set_in_china_gets_chinas_calendar_whatever_its_currency(root: Path, where: str,
                                                                        currency: str) -> None:
    _set(root, currency, "CN", where)
    wb = write_tables(root, orders=[])
    assert calendar.used_for(wb) == {"country": "CN"}
    assert calendar.country_of(wb) is None and calendar.own_country(wb) is None
    assert wb.identity().currency == currency  # the setting moves the calendar, not the amounts


@pytest.mark.parametrize(("currency", "platforms"), [("CNY", '["web"]'), ("EUR", '["tmall", "web"]'),
                                                     ("CNY", '["tmall", "web"]')])
def test_a_store_set_outside_china_gets_its_own_holidays_not_chinas(root: Path, currency: str, platforms: str) -> None:
    _set(root, currency, "DE", platforms=platforms)
    wb = write_tables(root, orders=[{"order_id": "A", "platform": "tmall" if "tmall" in platforms else "web",
                                     "ordered_at": "2025-11-03 09:00", "paid_at": "2025-11-03 09:01",
                                     "status": "completed", "paid_amount": 10.0}])
    assert calendar.used_for(wb) is None
    assert calendar.country_of(wb) == {"code": "DE", "how": "setting", "clue": "DE", "known": True}
    assert calendar.own_country(wb) == "DE"


def test_without_a_country_set_the_platforms_and_currency_still_decide(root: Path) -> None:
    sell_in(root, "USD")
    assert calendar.used_for(write_tables(root, orders=[])) is None
    assert calendar.china_market(["web"], "CNY") == {"currency": "CNY"}
    assert calendar.china_market(["tmall"], "USD") == {"platforms": ["tmall"]}


# --------------------------------------------------------------------------- the pages

def test_traffic_of_a_usd_shop_set_in_china_judges_double_11_against_last_years(root: Path) -> None:
    _set(root, "USD", "CN")
    wb = write_tables(root, traffic=steady_traffic("2024-09-01", "2025-11-30", peak=(11, 11)))
    daily = traffic.daily_traffic(wb, NOVEMBER).set_index("visited_on")
    assert daily.loc["2025-11-11", "event"] == "double11" and daily.loc["2025-11-11", "is_event_peak"]
    anomalies = traffic.detect_anomalies(wb, NOVEMBER).set_index("visited_on")
    assert anomalies.loc["2025-11-11", "basis"] == "last_year:double11"
    assert not anomalies["is_flagged"].any()


def test_traffic_of_a_yuan_shop_set_in_germany_sees_an_ordinary_tuesday(root: Path) -> None:
    _set(root, "CNY", "DE")
    wb = write_tables(root, traffic=steady_traffic("2024-09-01", "2025-11-30", peak=(11, 11)))
    daily = traffic.daily_traffic(wb, NOVEMBER).set_index("visited_on")
    assert daily.loc["2025-11-11", "event"] == "" and not daily["is_event_peak"].any()
    flagged = traffic.flagged_days(traffic.detect_anomalies(wb, NOVEMBER))
    assert flagged["visited_on"].tolist() == [pd.Timestamp("2025-11-11")]
    # The sentence gives the setting as the reason, not "the store does not sell in China": it books in yuan.
    facts = traffic.anomaly_facts(traffic.detect_anomalies(wb, NOVEMBER))
    assert (facts["variant"], facts["country"], facts["country_set"]) == ("holidays", "DE", "DE")
    en = Text("en")("traffic.anomalies.takeaway.holidays", **facts)
    assert ("Germany's public holidays judged against its holidays of the year before; the store's settings give "
            "its country as Germany (DE), so China's festivals are not set apart") in en
    zh = Text("zh")("traffic.anomalies.takeaway.holidays", **facts)
    assert "本店设置的所在国家为德国（DE），故不单列中国的大促" in zh
    assert "not sell in China" not in en and "不在中国" not in zh
    # Germany's own holiday is a holiday: German Unity Day, Friday 3 October 2025.
    october = traffic.daily_traffic(wb, periods.month("2025-10")).set_index("visited_on")
    assert october.loc["2025-10-03", "event"] == "public_holiday"


@pytest.mark.parametrize(("currency", "country", "shutdown", "late"), [("USD", "CN", 16, 0), ("CNY", "DE", 0, 1)])
def test_the_spring_festival_shutdown_follows_the_country_set(root: Path, currency: str, country: str,
                                                              shutdown: int, late: int) -> None:
    _set(root, currency, country)
    wb = write_tables(root, **parcels([("F1", "2026-02-11 10:00", "2026-02-12 10:00", "2026-02-22 10:00"),
                                       ("F2", "2026-03-02 10:00", "2026-03-02 12:00", "2026-03-04 12:00")]))
    assert len(deliveries.shutdown_days(wb, date(2026, 2, 1), date(2026, 2, 28))) == shutdown
    feb = fulfilment.summarise_delivery_times(wb, FEBRUARY, by=None).iloc[0]
    assert (feb.in_shutdown, feb.late) == (1 - late, late)
    facts = fulfilment.shutdown_facts(fulfilment.trend_delivery_times(wb, periods.month("2026-03"), months=2))
    if country == "DE":  # why no shutdown: the setting, said as one, in both languages
        assert (facts["variant"], facts["country_set"]) == ("holidays", "DE")
        assert ("Since the store's settings give its country as Germany (DE), no Spring Festival shutdown is set "
                "apart; Germany's public holidays") in Text("en")("fulfilment.spring_festival.takeaway.holidays", **facts)
        assert "本店设置的所在国家为德国（DE），故不单列春节停运；德国的公共假日" in Text("zh")(
            "fulfilment.spring_festival.takeaway.holidays", **facts)
    else:
        assert facts["country_set"] is None


# Germany: all 56 days but German Unity Day (3 October, 2 units): 7 × 156 / 55.
@pytest.mark.parametrize(("currency", "country", "baseline"), [("USD", "CN", 14.0), ("CNY", "DE", 7 * 156 / 55)])
def test_a_promotions_pre_period_follows_the_country_set(root: Path, currency: str, country: str,
                                                        baseline: float) -> None:
    _set(root, currency, country)
    wb = promotion_store(root, PROMO_START - timedelta(days=promotion.PRE_DAYS), PROMO_START, PROMO_END,
                         lambda day: 4 if date(2025, 10, 20) <= day <= date(2025, 11, 11) else 2)
    row = promotion.estimate_promotions(wb, NOVEMBER).set_index("promo_id").loc["P1"]
    assert row["baseline_units"] == pytest.approx(baseline)


def _plan_store(root: Path, currency: str, country: str) -> storebook.Workbook:
    _set(root, currency, country)
    rows = [{"order_id": f"W{day:%Y%m%d}-{k}", "platform": "web", "ordered_at": f"{day:%Y-%m-%d} 09:0{k}",
             "paid_at": f"{day:%Y-%m-%d} 09:0{k}", "status": "completed", "paid_amount": 10.0}
            for i, day in enumerate(pd.date_range("2024-06-01", "2025-03-31", freq="D")) for k in range(3 if i % 2 else 1)]
    return write_tables(root, orders=rows)


def test_the_plan_says_the_country_set_decided_the_calendar(root: Path) -> None:
    wb = _plan_store(root, "USD", "CN")
    forecast = plan.forecast_months(wb, periods.month("2025-03"), ["web"])
    assert forecast.attrs["calendar"] == {"country": "CN"}
    assert plan.basis_facts(forecast, Text("en"))["calendar"].endswith(
        "as the store's country is set to China ([store] country)")
    assert plan.basis_facts(forecast, Text("zh"))["calendar"].endswith("因本店所在国家设为中国（[store] country）")
    targets = plan.targets_facts(plan.propose_targets(wb, periods.month("2025-03"), ["web"]))
    assert "festivals" in chosen_sentence("plan.targets.takeaway", targets)


def test_the_plan_of_a_yuan_shop_set_in_germany_says_why_chinas_festivals_are_left_out() -> None:
    forecast = pd.DataFrame()
    forecast.attrs.update(calendar=None, country={"code": "DE", "how": "setting", "clue": "DE", "known": True},
                          country_set="DE")
    en = plan.basis_facts(forecast, Text("en"))["calendar"]
    # The reason in the words of the traffic and fulfilment pages ({country_set:not_china}).
    assert en == ("the weekday, the season and Germany's public holidays (DE, as set: [store] country); China's "
                  "festivals are left out, as the store's settings give its country as Germany (DE)")
    assert "yuan" not in en  # its amounts may well be in yuan
    assert plan.basis_facts(forecast, Text("zh"))["calendar"] == (
        "星期、季节与德国的公共假日（DE，按 [store] country 的设置）；本店设置的所在国家为德国（DE），故不计中国的大促")
