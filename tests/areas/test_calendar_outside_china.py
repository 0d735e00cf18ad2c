"""China's calendar applies only to a store that sells in China, in every area (the plan's forecast
is tested in test_plan_real_stores): hand-made stores with the same days, one a web shop in EUR and
one that sells in China (a web shop in CNY, or on tmall), and the real Shopify export (EUR).

Planted truths:

- traffic: 1,000 visitors and 50 buyers (¥/€100 each) every day from 2024-09-01 to 2025-11-30, three
  times that on 11 November of both years. In China that is 双11's peak: this year's is judged
  against last year's and stays inside its band. For the EUR shop 11 November is an ordinary
  Tuesday: judged against its weekday it is flagged, and no day is a festival or holiday.
- fulfilment: an order paid on 2026-02-11 (inside 2026's Spring Festival shutdown, 10–25 February),
  shipped 24 h later and delivered 10 days after that. In China it carries no promise and is not
  due at 24 h; the EUR shop's couriers did not stop: it is due (shipped within 24 h) and late
  (10 days against a promise of 4).
- promotion: T1 sells 2 a day, 4 a day from 20 October to 11 November 2025 (双11's days in China),
  3 a day during its promotion of 17–23 November; M1, of another category, 10 a day (the market
  index). The pre-period is the 56 days from 22 September: in China without 双11's 23 days (33 days,
  66 units: 2 a day, a baseline of 14 units in the week); for the EUR shop all 56 (158 units:
  a baseline of 7 × 158 / 56 = 19.75).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import storebook
from storebook.areas import fulfilment, promotion, traffic
from storebook.engine import calendar, periods
from storebook.measures import deliveries, promotion_effects
from storebook.report import plots
from storebook.report.text import Text
from support.mapping import shopify_orders_store
from support.notebooks import run_notebook_in_process
from support.stores import parcels, promotion_store, sell_in, steady_traffic, write_tables

NOVEMBER = periods.month("2025-11")
FEBRUARY = periods.month("2026-02")


# --------------------------------------------------------------------------- the one decision

def test_a_foreign_stores_days_are_ordinary_days_of_their_weekday() -> None:
    first, last = date(2025, 1, 20), date(2025, 2, 10)
    assert calendar.events(first, last, china=False) == [] and calendar.events_frame(first, last, china=False).empty
    plain = calendar.day_kinds(first, last, china=False)
    assert (plain["event"] == "").all() and not plain[["is_holiday", "is_swapped_workday", "is_event_peak",
                                                       "is_logistics_shutdown"]].any().any()
    assert plain["is_working_day"].tolist() == [d < 5 for d in plain["weekday"]]
    china = calendar.day_kinds(first, last).set_index("date")
    assert china.loc["2025-01-26", "is_swapped_workday"] and china.loc["2025-01-29", "event"] == "spring_festival"


def test_the_decision_is_made_once_per_workbook_with_its_identity(root: Path, monkeypatch) -> None:
    sell_in(root, "EUR")
    wb = write_tables(root, orders=[{"order_id": "A", "platform": "web", "ordered_at": "2025-11-03 09:00",
                                     "paid_at": "2025-11-03 09:01", "status": "completed", "paid_amount": 10.0}])
    asked = []
    decide = calendar.china_market
    monkeypatch.setattr(calendar, "china_market", lambda *a: asked.append(a) or decide(*a))
    assert [calendar.used_for(wb) for _ in range(4)] == [None] * 4
    assert len(asked) == 1 and asked[0][1] == "EUR"  # once, from the platforms and the currency stated
    assert wb.identity().calendar is None and wb.identity().currency == "EUR"


def test_a_web_shop_in_yuan_or_on_a_chinese_platform_sells_in_china(root: Path) -> None:
    sell_in(root, "CNY")
    wb = write_tables(root, orders=[])
    assert calendar.used_for(wb) == {"currency": "CNY"}


def test_a_store_whose_data_name_no_platform_follows_its_currency(root: Path) -> None:
    """A catalogue and stock alone (the Amazon India seller reports) name no platform: the
    configured default (Tmall, JD, Douyin) does not make a store in rupees sell in China."""
    toml = root / "storebook.toml"  # storebook.toml's platforms kept: the default, Tmall first
    toml.write_text(toml.read_text(encoding="utf-8").replace("[store]\n", '[store]\ncurrency = "INR"\n', 1),
                    encoding="utf-8")
    wb = write_tables(root, products=[{"sku": "BTM004-XS", "product_name": "Top", "category": "tops",
                                       "unit_cost": 1.0, "list_price": 2.0}])
    assert wb.identity().platforms == ["tmall", "jd", "douyin", "web"]  # shown as configured
    assert calendar.used_for(wb) is None


def test_a_store_stating_no_currency_and_no_platform_keeps_the_configured_market(root: Path) -> None:
    wb = write_tables(root, products=[{"sku": "S1", "product_name": "Mug", "category": "home",
                                       "unit_cost": 1.0, "list_price": 2.0}])
    assert calendar.used_for(wb) == {"platforms": ["tmall", "jd", "douyin"]}


# --------------------------------------------------------------------------- traffic

def _traffic_store(root: Path, currency: str) -> storebook.Workbook:
    sell_in(root, currency)
    return write_tables(root, traffic=steady_traffic("2024-09-01", "2025-11-30", peak=(11, 11)))


def test_traffic_of_a_foreign_store_has_no_festival_day(root: Path) -> None:
    wb = _traffic_store(root, "EUR")
    daily = traffic.daily_traffic(wb, NOVEMBER).set_index("visited_on")
    assert (daily["event"] == "").all() and not daily["is_event_peak"].any()
    assert traffic.daily_facts(daily.reset_index())["peak_event"] is None
    anomalies = traffic.detect_anomalies(wb, NOVEMBER)
    assert (anomalies["event"] == "").all() and set(anomalies["basis"]) == {"weekday"}
    flagged = traffic.flagged_days(anomalies)
    assert flagged["visited_on"].tolist() == [pd.Timestamp("2025-11-11")]  # an ordinary Tuesday ×3
    facts = traffic.anomaly_facts(anomalies)
    assert facts["variant"] == "plain"
    # No country is set: what the data show is the reason, not "the store does not sell in China".
    assert facts["country_set"] is None
    for lang, words in (("en", "the store sells on no Chinese platform and its amounts are not stated in yuan"),
                        ("zh", "本店不在中国平台销售，金额也未标明为人民币")):
        sentence = Text(lang)(f"traffic.anomalies.takeaway.{facts['variant']}", **facts)
        assert words in sentence and "festival days judged" not in sentence and "大促日与同类大促" not in sentence


def test_traffic_of_a_store_in_china_judges_double_11_against_last_years(root: Path) -> None:
    wb = _traffic_store(root, "CNY")
    daily = traffic.daily_traffic(wb, NOVEMBER).set_index("visited_on")
    assert daily.loc["2025-11-11", "event"] == "double11" and daily.loc["2025-11-11", "is_event_peak"]
    anomalies = traffic.detect_anomalies(wb, NOVEMBER).set_index("visited_on")
    assert anomalies.loc["2025-11-11", "basis"] == "last_year:double11"
    assert not anomalies["is_flagged"].any()
    assert traffic.anomaly_facts(anomalies.reset_index())["variant"] == "none"


# --------------------------------------------------------------------------- fulfilment

def _parcel_store(root: Path, currency: str) -> storebook.Workbook:
    sell_in(root, currency)
    return write_tables(root, **parcels([("F1", "2026-02-11 10:00", "2026-02-12 10:00", "2026-02-22 10:00"),
                                         ("F2", "2026-03-02 10:00", "2026-03-02 12:00", "2026-03-04 12:00")]))


def test_a_foreign_stores_couriers_do_not_stop_for_the_spring_festival(root: Path) -> None:
    wb = _parcel_store(root, "EUR")
    assert deliveries.shutdown_days(wb, date(2026, 2, 1), date(2026, 2, 28)) == []
    feb = fulfilment.summarise_delivery_times(wb, FEBRUARY, by=None).iloc[0]
    assert (feb.in_shutdown, feb.promised, feb.late, feb.late_rate) == (0, 1, 1, 1.0)  # 10 days, promise 4
    ship = fulfilment.summarise_ship_times(wb, FEBRUARY, by=None).iloc[0]
    assert (ship.due_24h, ship.within_24h) == (1, 1)
    trend = fulfilment.trend_delivery_times(wb, periods.month("2026-03"), months=2)
    assert not trend["in_shutdown_window"].any() and (trend["event"] == "").all()
    facts = fulfilment.shutdown_facts(trend)
    assert facts["variant"] == "plain"
    assert facts["outside_days"] == pytest.approx((11.0 + 2 + 2 / 24) / 2)
    for lang, words in (("en", "no Spring Festival shutdown is set apart"), ("zh", "故不单列春节停运")):
        assert words in Text(lang)("fulfilment.spring_festival.takeaway.plain", **facts)
        assert "Spring Festival" not in Text(lang)("fulfilment.spring_festival.title.plain", **facts)


def test_a_store_in_china_keeps_its_spring_festival_shutdown(root: Path) -> None:
    wb = _parcel_store(root, "CNY")
    assert len(deliveries.shutdown_days(wb, date(2026, 2, 1), date(2026, 2, 28))) == 16    # 10–25 February
    feb = fulfilment.summarise_delivery_times(wb, FEBRUARY, by=None).iloc[0]
    assert (feb.in_shutdown, feb.promised, feb.late) == (1, 0, 0)
    assert fulfilment.summarise_ship_times(wb, FEBRUARY, by=None).iloc[0].due_24h == 0
    trend = fulfilment.trend_delivery_times(wb, periods.month("2026-03"), months=2)
    assert fulfilment.shutdown_facts(trend)["variant"] is None
    assert fulfilment.shutdown_facts(trend)["extra_days"] == pytest.approx(11.0 - (2 + 2 / 24))


# --------------------------------------------------------------------------- promotion

PROMO_START, PROMO_END = date(2025, 11, 17), date(2025, 11, 23)


def _promo_store(root: Path, currency: str) -> storebook.Workbook:
    sell_in(root, currency)
    return promotion_store(root, PROMO_START - timedelta(days=promotion.PRE_DAYS), PROMO_START, PROMO_END,  # 22 Sep
                           lambda day: 4 if date(2025, 10, 20) <= day <= date(2025, 11, 11) else 2)


@pytest.mark.parametrize(("currency", "pre_days", "baseline"), [("EUR", 56, 7 * 158 / 56), ("CNY", 33, 14.0)])
def test_a_promotions_pre_period_leaves_out_chinas_festivals_only_in_china(root: Path, currency, pre_days,
                                                                            baseline) -> None:
    wb = _promo_store(root, currency)
    cube = promotion_effects.SalesCube(wb, PROMO_START - timedelta(days=promotion.PRE_DAYS),
                                       PROMO_END + timedelta(days=1), ["web"])
    window = promotion_effects.promotion_windows(cube, cube.promos.iloc[0])
    assert len(window["pre"]) == pre_days
    row = promotion.estimate_promotions(wb, NOVEMBER).set_index("promo_id").loc["P1"]
    assert row["baseline_units"] == pytest.approx(baseline)
    assert row["incremental_units"] == pytest.approx(21 - baseline)


# --------------------------------------------------------------------------- charts

def _visits(first: str, last: str) -> pd.DataFrame:
    d = pd.DataFrame({"visited_on": pd.date_range(first, last, freq="D").astype("datetime64[us]")})
    return d.assign(visitors=1000.0, avg7=1000.0, last_year=900.0, last_year_avg7=900.0, event="", is_event_peak=False)


@pytest.fixture
def house_style():
    old = matplotlib.rcParams.copy()
    yield plots.use_house_style()
    matplotlib.rcParams.update(old)


def test_a_foreign_stores_charts_mark_none_of_chinas_festivals(house_style) -> None:
    daily = _visits("2025-10-25", "2025-11-30")
    marked = plots.daily_trend(daily, Text("en"), china=True, title="Visitors")
    plain = plots.daily_trend(daily, Text("en"), china=False, title="Visitors")
    assert "Double 11" in [t.get_text() for t in marked.axes[0].texts]
    assert len(plain.axes[0].texts) == 0 and not [ln for ln in plain.axes[0].lines if ln.get_linestyle() == "--"
                                              and len(set(ln.get_xdata())) == 1]
    grid = pd.DataFrame({"competitor": "X", "day": pd.date_range("2025-11-01", "2025-11-30"), "promo_share": 0.5})
    marks = [len([ln for ln in plots.calendar_grid(grid, Text("en"), row="competitor", value="promo_share",
                                                   china=china).axes[0].lines if ln.get_marker() == "v"])
             for china in (True, False)]
    assert marks == [11, 0]                      # 双11's days of November (1–11), and none
    plt.close("all")


# --------------------------------------------------------------------------- the real Shopify export

@pytest.fixture(scope="module")
def shopify(tmp_path_factory) -> Path:
    return shopify_orders_store(tmp_path_factory.mktemp("shopify"))


CHINESE_FESTIVALS = re.compile(r"Spring Festival|Double 11|Double 12|618|Nianhuo|春节|双11|双12|年货节|大促日")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_real_shopify_stores_pages_name_no_chinese_festival(shopify: Path, language: str) -> None:
    """Orders in EUR on Shopify's web shop: China's calendar is not its own."""
    wb = storebook.open(shopify / "data" / "processed", root=shopify)
    assert wb.identity().platforms == ["web"] and calendar.used_for(wb) is None
    for name in ("traffic", "fulfilment", "promotion", "overview"):
        run = run_notebook_in_process(name, {"month": "2025-05", "data_path": str(shopify / "data" / "processed"),
                                             "language": language}, shopify)
        assert run.error is None, f"{name}: {run.error}"
        said = [m for m in run.markdown if CHINESE_FESTIVALS.search(m)]
        assert said == [], f"{name}: {said}"


def test_every_use_of_chinas_calendar_says_whose_store_it_is() -> None:
    """Each call of calendar.events / events_frame / day_kinds in the package (the calendar itself
    and the sample generator, a Chinese store by design, apart) passes ``china=``: the store's
    decision (calendar.used_for), never China's calendar by default."""
    lib = Path(storebook.__file__).parent
    found, missing = 0, []
    for path in sorted(lib.rglob("*.py")):
        where = path.relative_to(lib).as_posix()
        if where == "engine/calendar.py" or where.startswith("sample/"):
            continue
        text = path.read_text(encoding="utf-8")
        for call in re.finditer(r"\bcalendar\.(events|events_frame|day_kinds)\(", text):
            depth, end = 0, call.end() - 1
            for end in range(call.end() - 1, len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
            found += 1
            if "china=" not in text[call.start():end]:
                missing.append(f"{where}: {text[call.start():end + 1]}")
    assert found >= 8 and missing == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_foreign_stores_fulfilment_page_follows_its_delivery_times_not_the_spring_festival(root: Path,
                                                                                                language: str) -> None:
    _parcel_store(root, "EUR")
    run = run_notebook_in_process("fulfilment", {"month": "2026-02", "data_path": str(root / "data" / "processed"),
                                                 "language": language}, root)
    assert run.error is None, run.error
    text = Text(language)
    question = f"{text('fulfilment.spring_festival.plain')}"
    assert any(m.endswith(question) for m in run.markdown if m.startswith("## "))
    assert any(text("fulfilment.spring_festival.takeaway.plain", outside_days=11.0, outside_ship_days=1.0,
                    months=1, country_set=None)[-40:] in m for m in run.markdown)
    assert [m for m in run.markdown if CHINESE_FESTIVALS.search(m) and "不单列春节停运" not in m
            and "no Spring Festival shutdown is set apart" not in m] == []
