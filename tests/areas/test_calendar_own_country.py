"""A store outside China gets its own country's public holidays (storebook.engine.calendar, the
``holidays`` package): the traffic page's kinds of day and anomaly bands, and the plan's forecast.

Hand-checked dates: Brazil's Independence Day is 7 September (a Friday in 2018, a Sunday in
2025), India's 15 August (a Monday in 2022), the United States' 4 July (a Friday in 2025).

Planted truths:

- traffic: a web shop (BRL) with 1,000 visitors and 50 buyers every day from 2024-06-01 to
  2025-09-30, three times that on 7 September of both years. In Brazil that is a public holiday:
  this year's is judged against last year's Independence Day (not against Our Lady of Aparecida,
  12 October, a holiday as near) and stays inside its band. A shop in EUR with no
  country set sees an ordinary Sunday, judged against its weekday: flagged.
- charts: a Brazilian store's daily visitors of September 2025 mark its one public holiday.
- plan: 100 orders a day, 50 on each Brazilian public holiday of 2023–2024: the fit's holiday
  coefficient is log(0.5), and the forecast of September 2025 is 50 on the 7th.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
from storebook.areas import plan, traffic
from storebook.engine import calendar, periods
from storebook.report.text import Text
from support.stores import steady_traffic, write_tables


def _settings(root: Path, *, currency: str = "", country: str = "", timezone: str = "") -> None:
    """The workbook sells on its web shop alone, with these [store] settings."""
    extra = "".join(f'\n{k} = "{v}"' for k, v in (("currency", currency), ("country", country)) if v)
    toml = root / "storebook.toml"
    text = toml.read_text(encoding="utf-8").replace('platforms = ["tmall", "jd", "douyin", "web"]',
                                                    f'platforms = ["web"]{extra}')
    if timezone:
        text = text.replace('timezone = "Asia/Shanghai"', f'timezone = "{timezone}"')
    toml.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- the holidays

@pytest.mark.parametrize(("country", "day", "name"), [
    ("BR", date(2018, 9, 7), "Independence Day"),
    ("IN", date(2022, 8, 15), "Independence Day"),
    ("US", date(2025, 7, 4), "Independence Day"),
])
def test_a_countrys_public_holidays_are_its_holidays(country: str, day: date, name: str) -> None:
    kinds = calendar.day_kinds(day.replace(day=1), day.replace(day=28), china=False, country=country).set_index("date")
    assert kinds.loc[pd.Timestamp(day), "is_holiday"] and kinds.loc[pd.Timestamp(day), "event"] == "public_holiday"
    assert not kinds.loc[pd.Timestamp(day), "is_working_day"]          # a weekday off
    assert not kinds[["is_swapped_workday", "is_event_peak", "is_logistics_shutdown"]].any().any()
    held = [e for e in calendar.events(day, day, china=False, country=country)]
    assert [(e.name, e.kind, e.starts_on, e.ends_on) for e in held] == [(f"{name} {day.year}", "public_holiday",
                                                                         day, day)]
    # China's calendar is unchanged by a country: it is China's where the store sells in China.
    assert calendar.events(day, day, china=True, country=country) == calendar.events(day, day)


def test_brazils_public_holidays_of_2018_and_their_names() -> None:
    held = calendar.events(date(2018, 1, 1), date(2018, 12, 31), china=False, country="BR")
    assert [e.starts_on.isoformat() for e in held] == [
        "2018-01-01", "2018-03-30", "2018-04-21", "2018-05-01", "2018-09-07", "2018-10-12", "2018-11-02",
        "2018-11-15", "2018-12-25"]                       # national only: no Carnival (optional), no state's
    frame = calendar.events_frame(date(2018, 9, 1), date(2018, 9, 30), china=False, country="BR")
    assert frame[["name", "name_zh", "days"]].values.tolist() == [["Independence Day 2018", "独立日", 1]]


@pytest.mark.parametrize(("country", "first", "last", "name_zh"), [
    ("BR", date(2018, 11, 2), date(2018, 11, 2), "万灵节"),
    ("IN", date(2022, 1, 26), date(2022, 1, 26), "共和国日"),
    ("GB", date(2022, 12, 25), date(2022, 12, 27), "圣诞节、节礼日、圣诞节（补假）"),  # 25 Dec 2022 a Sunday
    ("US", date(2025, 11, 27), date(2025, 11, 27), "感恩节"),
    ("DE", date(2025, 10, 3), date(2025, 10, 3), "德国统一日"),
])
def test_foreign_public_holidays_have_chinese_names_not_english_ones(country, first, last, name_zh) -> None:
    """The 中文 page named Brazil's 7 September "Independence Day" (name_zh in English: the
    ``holidays`` package has no zh_CN for Brazil, India, the UK, the US or Germany): the countries
    storebook's examples and real stores sell in have their holidays' Chinese names, every one of
    2016–2027; a holiday of another country without one is named as that country's, with its own name."""
    held = [e for e in calendar.country_holidays(country, first.year, first.year) if e.starts_on == first]
    assert [(e.ends_on, e.name_zh) for e in held] == [(last, name_zh)]
    for code in ("BR", "IN", "GB", "US", "DE"):
        latin = [e.name_zh for e in calendar.country_holidays(code, 2016, 2027) if any(c.isascii() and c.isalpha()
                                                                                      for c in e.name_zh)]
        assert latin == [], (code, latin[:3])
    france = {e.starts_on: e.name_zh for e in calendar.country_holidays("FR", 2025, 2025)}
    assert france[date(2025, 7, 14)] == "法国假日（National Day）"


def test_a_country_the_package_does_not_know_has_no_holiday_and_no_country_none() -> None:
    assert not calendar.country_known("XX") and not calendar.country_known("")
    assert calendar.events(date(2025, 1, 1), date(2025, 12, 31), china=False, country="XX") == []
    assert calendar.events(date(2025, 1, 1), date(2025, 12, 31), china=False) == []
    assert not calendar.day_kinds(date(2025, 7, 1), date(2025, 7, 31), china=False)["is_holiday"].any()


# --------------------------------------------------------------------------- which country

@pytest.mark.parametrize(("given", "found"), [
    ({"setting": "BR", "currency": "INR"}, {"code": "BR", "how": "setting", "clue": "BR"}),
    ({"timezone": "America/Sao_Paulo"}, {"code": "BR", "how": "timezone", "clue": "America/Sao_Paulo"}),
    ({"timezone": "Asia/Kolkata"}, {"code": "IN", "how": "timezone", "clue": "Asia/Kolkata"}),
    ({"currency": "INR"}, {"code": "IN", "how": "currency", "clue": "INR"}),
    ({"currency": "BRL", "timezone": "America/Sao_Paulo"}, {"code": "BR", "how": "currency", "clue": "BRL"}),
    ({"currency": "EUR"}, {"code": None, "how": "none", "clues": ["EUR"]}),
    ({"currency": "USD"}, {"code": None, "how": "none", "clues": ["USD"]}),
    ({"currency": "EUR", "timezone": "Asia/Shanghai"}, {"code": None, "how": "none", "clues": ["EUR"]}),  # the default
    ({"currency": "USD", "timezone": "America/New_York", "timezone_guessed": True},    # chosen from a UTC offset
     {"code": None, "how": "none", "clues": ["USD"]}),
    ({"currency": "EUR", "timezone": "Europe/Berlin"}, {"code": "DE", "how": "timezone", "clue": "Europe/Berlin"}),
    ({"currency": "USD", "timezone": "America/New_York"}, {"code": "US", "how": "timezone",
                                                           "clue": "America/New_York"}),
    ({"currency": "EUR", "timezone": "America/New_York"}, {"code": None, "how": "ambiguous",   # the Shopify mock
                                                           "clues": ["EUR", "America/New_York"]}),
    ({"currency": "BRL", "timezone": "Asia/Kolkata"}, {"code": None, "how": "ambiguous",
                                                       "clues": ["BRL", "Asia/Kolkata"]}),
    ({}, {"code": None, "how": "none", "clues": []}),
])
def test_the_country_is_inferred_only_where_one_country_is_named(given: dict, found: dict) -> None:
    assert calendar.infer_country(**given) == found


def test_the_identity_holds_the_country_of_a_store_outside_china_only(root: Path) -> None:
    _settings(root, currency="INR")
    wb = write_tables(root, orders=[])
    assert calendar.country_of(wb) == {"code": "IN", "how": "currency", "clue": "INR", "known": True}
    assert calendar.own_country(wb) == "IN"


def test_a_zone_the_first_ingest_found_in_the_offsets_is_no_clue(root: Path) -> None:
    """America/New_York as the first ingest writes it from a -0400 offset (Santiago's in May too)."""
    _settings(root, currency="USD")
    (root / "storebook.local.toml").write_text(
        '[store]\ntimezone = "America/New_York"   # found in the exports: times in orders_export.csv are at '
        'UTC -04:00\n', encoding="utf-8")
    wb = write_tables(root, orders=[])
    assert calendar.country_of(wb) == {"code": None, "how": "none", "clues": ["USD"], "known": False}


def test_a_zone_the_user_set_names_the_country(root: Path) -> None:
    _settings(root, currency="USD", timezone="America/New_York")
    wb = write_tables(root, orders=[])
    assert calendar.country_of(wb) == {"code": "US", "how": "timezone", "clue": "America/New_York", "known": True}


def test_a_store_in_china_has_no_own_country(root: Path) -> None:
    _settings(root, currency="CNY")
    wb = write_tables(root, orders=[])
    assert calendar.used_for(wb) == {"currency": "CNY"} and calendar.country_of(wb) is None
    assert calendar.own_country(wb) is None


def test_a_country_set_wins_over_amounts_in_yuan(root: Path) -> None:
    """[store] country is the user's word on where the store is: a Brazilian store that books in
    yuan gets Brazil's holidays (it got China's calendar, the setting unread: test_calendar_country_set)."""
    _settings(root, currency="CNY", country="BR")
    wb = write_tables(root, orders=[])
    assert calendar.used_for(wb) is None
    assert calendar.country_of(wb) == {"code": "BR", "how": "setting", "clue": "BR", "known": True}


def test_a_country_set_but_unknown_to_the_package_gives_no_holidays(root: Path) -> None:
    _settings(root, currency="EUR", country="XX")
    wb = write_tables(root, orders=[])
    assert calendar.country_of(wb) == {"code": "XX", "how": "setting", "clue": "XX", "known": False}
    assert calendar.own_country(wb) is None


# --------------------------------------------------------------------------- what the plan page says

def _basis(country: dict | None, language: str) -> str:
    forecast = pd.DataFrame()
    # country_set as storebook.engine.calendar.country_set gives it: the code of a country set, else None.
    forecast.attrs.update(calendar=None, country=country,
                          country_set=country["code"] if country and country["how"] == "setting" else None)
    return plan.basis_facts(forecast, Text(language))["calendar"]


def test_the_plan_says_which_country_was_used_and_how_to_set_it() -> None:
    setting = {"code": "BR", "how": "setting", "clue": "BR", "known": True}
    assert _basis(setting, "en") == ("the weekday, the season and Brazil's public holidays (BR, as set: [store] "
                                     "country); China's festivals are left out, as the store's settings give its "
                                     "country as Brazil (BR)")
    assert _basis(setting, "zh").startswith("星期、季节与巴西的公共假日（BR，按 [store] country 的设置）")
    inferred = {"code": "IN", "how": "currency", "clue": "INR", "known": True}
    assert "India's public holidays (IN, inferred from the currency INR; if the store is elsewhere, set " \
           "country = \"…\" under [store] in storebook.local.toml)" in _basis(inferred, "en")
    assert "（IN，由币种 INR 推断；如本店在别的国家，请在 storebook.local.toml 的 [store] 中设置 country = \"…\"）" \
           in _basis(inferred, "zh")
    zone = {"code": "BR", "how": "timezone", "clue": "America/Sao_Paulo", "known": True}
    assert "(BR, inferred from the time zone America/Sao_Paulo;" in _basis(zone, "en")
    assert "由时区 America/Sao_Paulo 推断" in _basis(zone, "zh")


def test_the_plan_says_when_the_country_is_unknown_or_not_told() -> None:
    unknown = {"code": "XX", "how": "setting", "clue": "XX", "known": False}
    assert "storebook has no public holidays for XX (XX, as set: [store] country), so none is set apart" \
        in _basis(unknown, "en")
    assert "storebook 没有XX的公共假日数据" in _basis(unknown, "zh")
    none = {"code": None, "how": "none", "clues": ["EUR"], "known": False}
    en = _basis(none, "en")
    assert en.startswith("the weekday and the season only") and "its country is not set and cannot be told from " \
        "its currency or time zone, so no public holiday is set apart either" in en
    assert 'set country = "BR" (its ISO 3166 code) under [store] in storebook.local.toml' in en
    assert "本店未设置所在国家，也无法从币种或时区判断" in _basis(none, "zh")
    both = {"code": None, "how": "ambiguous", "clues": ["BRL", "Asia/Kolkata"], "known": False}
    assert "its currency and time zone name different countries (BRL, Asia/Kolkata)" in _basis(both, "en")
    assert "币种与时区指向不同的国家（BRL, Asia/Kolkata）" in _basis(both, "zh")
    assert _basis(None, "en") == _basis({"code": None, "how": "none", "clues": []}, "en")


def _orders_every_day(first: str, last: str) -> list[dict]:
    return [{"order_id": f"W{day:%Y%m%d}-{k}", "platform": "web", "ordered_at": f"{day:%Y-%m-%d} 09:0{k}",
             "paid_at": f"{day:%Y-%m-%d} 09:0{k}", "status": "completed", "paid_amount": 10.0}
            for i, day in enumerate(pd.date_range(first, last, freq="D")) for k in range(3 if i % 2 else 1)]


@pytest.mark.parametrize(("timezone", "country"), [("America/New_York", "US"), ("", None)])
def test_the_plan_of_a_store_of_unknown_currency_says_why_as_traffic_does(root: Path, timezone: str,
                                                                           country: str | None) -> None:
    """A web shop whose settings and exports state no currency: the plan page said its amounts were
    "not in yuan", which nobody knows. It says what is known, in the words of the traffic and
    fulfilment pages ({country_set:not_china}): no Chinese platform, amounts not stated in yuan."""
    _settings(root, timezone=timezone)
    wb = write_tables(root, orders=_orders_every_day("2024-06-01", "2025-03-31"))
    assert wb.config.currency in ("", None) and calendar.used_for(wb) is None and calendar.country_set(wb) is None
    forecast = plan.forecast_months(wb, periods.month("2025-03"), ["web"])
    assert forecast.attrs["country_set"] is None and (forecast.attrs["country"] or {}).get("code") == country
    en, zh = (plan.basis_facts(forecast, Text(language))["calendar"] for language in ("en", "zh"))
    assert "not in yuan" not in en and "不以人民币结算" not in zh
    words = ("the store sells on no Chinese platform and its amounts are not stated in yuan",
             "本店不在中国平台销售，金额也未标明为人民币")
    assert words == (Text("en").format("{c:not_china}", c=None), Text("zh").format("{c:not_china}", c=None))
    if country:
        assert en.endswith("; China's festivals are left out, as " + words[0]), en
        assert zh.endswith("；" + words[1] + "，故不计中国的大促"), zh
    else:
        assert en.startswith("the weekday and the season only: " + words[0] + ", so China's festivals"), en
        assert zh.startswith("仅星期与季节。" + words[1] + "，故不计中国的大促与节假日"), zh


# --------------------------------------------------------------------------- the forecast

def test_the_forecast_of_a_store_outside_china_has_its_countrys_holiday_effect() -> None:
    days = pd.date_range("2023-01-01", "2024-12-31", freq="D")
    off = {pd.Timestamp(e.starts_on) for e in calendar.events(date(2023, 1, 1), date(2024, 12, 31), china=False,
                                                              country="BR")}
    series = pd.Series([50.0 if d in off else 100.0 for d in days], index=days)
    fit = plan._fit(series, date(2023, 1, 1), china=False, country="BR")
    assert fit.params["holiday"] == pytest.approx(np.log(0.5), abs=1e-6)
    X = plan.calendar_features(date(2025, 9, 1), date(2025, 9, 30), date(2023, 1, 1), True, china=False,
                               country="BR")
    assert X.index[X["holiday"] == 1].strftime("%Y-%m-%d").tolist() == ["2025-09-07"]
    mu = np.exp(X[fit.params.index].to_numpy() @ fit.params.to_numpy())
    assert mu[6] == pytest.approx(50.0, rel=1e-6) and mu[5] == pytest.approx(100.0, rel=1e-6)
    # No country: the weekday and the season only, as before.
    plain = plan.calendar_features(date(2025, 9, 1), date(2025, 9, 30), date(2023, 1, 1), True, china=False)
    assert "holiday" not in plain.columns
    china = plan.calendar_features(date(2025, 9, 1), date(2025, 9, 30), date(2023, 1, 1), True, country="BR")
    pd.testing.assert_frame_equal(china, plan.calendar_features(date(2025, 9, 1), date(2025, 9, 30),
                                                                date(2023, 1, 1), True))


# --------------------------------------------------------------------------- traffic

SEPTEMBER = periods.month("2025-09")


def _traffic_store(root: Path, **settings) -> storebook.Workbook:
    _settings(root, **settings)
    return write_tables(root, traffic=steady_traffic("2024-06-01", "2025-09-30", peak=(9, 7)))


def test_traffic_of_a_brazilian_store_judges_its_holiday_against_last_years(root: Path) -> None:
    wb = _traffic_store(root, currency="BRL")
    daily = traffic.daily_traffic(wb, SEPTEMBER).set_index("visited_on")
    assert daily.index[daily["event"] != ""].strftime("%Y-%m-%d").tolist() == ["2025-09-07"]
    assert daily.loc["2025-09-07", "event"] == "public_holiday"
    anomalies = traffic.detect_anomalies(wb, SEPTEMBER).set_index("visited_on")
    assert anomalies.loc["2025-09-07", "basis"] == "last_year:public_holiday"
    # Against last year's Independence Day (×3), not Our Lady of Aparecida (12 Oct 2024, 35 days
    # after it, an ordinary day here): the same holiday by name.
    assert anomalies.loc["2025-09-07", "visitors_expected"] == pytest.approx(3000.0)
    assert not anomalies["is_flagged"].any()
    facts = traffic.anomaly_facts(anomalies.reset_index())
    assert (facts["variant"], facts["country"]) == ("none.holidays", "BR")
    assert "Brazil's public holidays judged against its holidays of the year before" in \
        Text("en")("traffic.anomalies.takeaway.none.holidays", **facts)
    assert "巴西的公共假日与上一年的假日比较" in Text("zh")("traffic.anomalies.takeaway.none.holidays", **facts)


def test_traffic_of_a_store_whose_country_is_not_told_has_no_holiday(root: Path) -> None:
    wb = _traffic_store(root, currency="EUR")
    assert calendar.country_of(wb)["how"] == "none"
    daily = traffic.daily_traffic(wb, SEPTEMBER)
    assert (daily["event"] == "").all()
    anomalies = traffic.detect_anomalies(wb, SEPTEMBER)
    assert traffic.flagged_days(anomalies)["visited_on"].tolist() == [pd.Timestamp("2025-09-07")]  # a Sunday ×3
    assert traffic.anomaly_facts(anomalies)["variant"] == "plain"


def test_the_traffic_charts_mark_the_stores_own_holidays() -> None:
    import matplotlib.pyplot as plt

    from storebook.report import plots

    d = pd.DataFrame({"visited_on": pd.date_range("2025-09-01", "2025-09-30", freq="D").astype("datetime64[us]")})
    d = d.assign(visitors=1000.0, avg7=1000.0, last_year=900.0, last_year_avg7=900.0, event="", is_event_peak=False)
    marked = plots.daily_trend(d, Text("en"), china=False, country="BR", title="Visitors")
    plain = plots.daily_trend(d, Text("en"), china=False, title="Visitors")
    assert [t.get_text() for t in marked.axes[0].texts] == ["Public holiday"]     # 7 September
    assert len(plain.axes[0].texts) == 0
    plt.close("all")
