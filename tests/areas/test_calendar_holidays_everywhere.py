"""A store outside China has its own country's public holidays wherever an area judges days against
the calendar (fulfilment's ship windows and delivery promise, the promotions' pre-period, the daily
charts' shading, the anomalies' note of a day not judged); a store in China keeps its festivals.
Hand-made stores with the same days, a web shop in BRL (Brazil), in EUR (no country told) and in CNY.

Hand-checked: Brazil's Independence Day, 7 September 2025, is a Sunday; between 22 September and 16
November 2025 Brazil has three national holidays: Our Lady of Aparecida (12 Oct), All Souls' Day
(2 Nov), Republic Proclamation Day (15 Nov).

Planted truths:

- dispatch: F1 paid Saturday 6 Sep 2025 20:00, shipped Monday 8 Sep 08:00 (36 h, of which 24 h are
  the 7th); F2 paid Friday 5 Sep 09:00, shipped 10:00. The data end with F2's delivery, 9 Sep 16:00.
  In Brazil the holiday does not count: F1 shipped within 12 h (due at 24 h; 68 h to the end less
  24 h = 44 h, not yet due at 48 h). Elsewhere F1 took 36 h: outside 24 h, inside 48 h.
- delivery: F2's parcel was on the road 4.25 days (5 Sep 10:00 to 9 Sep 16:00) over the 7th: 3.25
  days in Brazil, on time against a promise of 4; late elsewhere.
- promotion: T1 sells 2 a day, 6 a day on each of Brazil's three holidays before its promotion
  (17–23 Nov 2025); M1, another category, 10 a day. In Brazil the pre-period leaves the holidays
  out: 53 days at 2 a day, a baseline of 14 units in the week; in EUR all 56 days count
  (7 × (53 × 2 + 3 × 6) / 56 = 15.5); in China 双11's 23 days go instead (33 days at 2: 14).
"""

from __future__ import annotations

import inspect
import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import storebook
from storebook.areas import fulfilment, promotion, traffic
from storebook.engine import calendar, periods
from storebook.engine.config import Config
from storebook.engine.identity import write_local_settings
from storebook.measures import deliveries
from storebook.report import plots
from storebook.report.text import Text
from support.notebooks import run_notebook_in_process
from support.stores import REPO, parcels, promotion_store, sell_in, steady_traffic, write_tables

SEPTEMBER = periods.month("2025-09")
NOVEMBER = periods.month("2025-11")


# --------------------------------------------------------------------------- fulfilment

def _parcel_store(root: Path, currency: str) -> storebook.Workbook:
    sell_in(root, currency)
    return write_tables(root, **parcels([("F1", "2025-09-06 20:00", "2025-09-08 08:00", "2025-09-09 12:00"),
                                         ("F2", "2025-09-05 09:00", "2025-09-05 10:00", "2025-09-09 16:00")]))


@pytest.mark.parametrize(("currency", "due_24h", "within_24h", "due_48h", "within_48h", "late"), [
    ("BRL", 2, 2, 1, 1, 0),           # Brazil's 7 September does not count
    ("EUR", 2, 1, 2, 2, 1),           # no country told: every hour counts
    ("CNY", 2, 1, 2, 2, 1),           # China: an ordinary Sunday, as before
])
def test_a_stores_own_holidays_do_not_count_in_its_ship_windows_nor_its_promise(
        root: Path, currency: str, due_24h: int, within_24h: int, due_48h: int, within_48h: int, late: int) -> None:
    wb = _parcel_store(root, currency)
    ship = fulfilment.summarise_ship_times(wb, SEPTEMBER, by=None).iloc[0]
    assert (ship.due_24h, ship.within_24h, ship.due_48h, ship.within_48h) == (due_24h, within_24h, due_48h, within_48h)
    assert ship.median_hours == pytest.approx((36 + 1) / 2)          # the hours themselves are the clock's
    parcels = fulfilment.summarise_delivery_times(wb, SEPTEMBER, by=None, promise_days=4).iloc[0]
    assert (parcels.promised, parcels.late) == (2, late)
    assert parcels.median_days == pytest.approx((28 / 24 + 4.25) / 2)


def test_the_days_off_are_the_stores_own_holidays_only_outside_china(root: Path) -> None:
    wb = _parcel_store(root, "BRL")
    assert deliveries.holidays_off(wb, date(2025, 9, 1), date(2025, 10, 31)) == [date(2025, 9, 7), date(2025, 10, 12)]
    assert deliveries.shutdown_days(wb, date(2026, 2, 1), date(2026, 2, 28)) == []


def test_a_chinese_store_has_no_days_off_but_its_shutdown(root: Path) -> None:
    wb = _parcel_store(root, "CNY")
    assert deliveries.holidays_off(wb, date(2025, 9, 1), date(2025, 10, 31)) == []   # National Day counts, as before
    assert len(deliveries.shutdown_days(wb, date(2026, 2, 1), date(2026, 2, 28))) == 16


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_brazilian_stores_delivery_trend_marks_its_holidays_and_says_they_do_not_count(root: Path,
                                                                                        language: str) -> None:
    sell_in(root, "BRL")
    wb = write_tables(root, **parcels([(f"T{d}", f"2025-09-0{d} 10:00", "2025-09-09 10:00", "2025-09-10 10:00")
                                       for d in (6, 7, 8)]))
    trend = fulfilment.trend_delivery_times(wb, SEPTEMBER, months=1)
    assert trend["event"].tolist() == ["", "public_holiday", ""] and not trend["in_shutdown_window"].any()
    facts = fulfilment.shutdown_facts(trend)
    assert (facts["variant"], facts["country"]) == ("holidays", "BR")
    said = Text(language)("fulfilment.spring_festival.takeaway.holidays", **facts)
    assert {"en": "Brazil's public holidays", "zh": "巴西的公共假日"}[language] in said
    assert {"en": "Brazil's public holidays shaded", "zh": "阴影为巴西的公共假日"}[language] in \
        Text(language)("fulfilment.spring_festival.title.holidays", **facts)


def test_a_store_with_no_country_told_keeps_the_plain_sentence(root: Path) -> None:
    wb = _parcel_store(root, "EUR")
    facts = fulfilment.shutdown_facts(fulfilment.trend_delivery_times(wb, SEPTEMBER, months=1))
    assert (facts["variant"], facts["country"]) == ("plain", None)


# --------------------------------------------------------------------------- promotion

PROMO_START, PROMO_END = date(2025, 11, 17), date(2025, 11, 23)
BRAZIL_BEFORE = (date(2025, 10, 12), date(2025, 11, 2), date(2025, 11, 15))


def _promo_store(root: Path, currency: str) -> storebook.Workbook:
    sell_in(root, currency)
    return promotion_store(root, PROMO_START - timedelta(days=promotion.PRE_DAYS), PROMO_START, PROMO_END,  # 22 Sep
                           lambda day: 6 if day in BRAZIL_BEFORE else 2)


@pytest.mark.parametrize(("currency", "baseline"), [("BRL", 14.0), ("EUR", 7 * (53 * 2 + 3 * 6) / 56)])
def test_a_promotions_pre_period_leaves_out_the_stores_own_holidays(root: Path, currency: str,
                                                                      baseline: float) -> None:
    wb = _promo_store(root, currency)
    assert [e.starts_on for e in calendar.events(date(2025, 9, 22), date(2025, 11, 16), china=False,
                                                 country="BR")] == list(BRAZIL_BEFORE)
    row = promotion.estimate_promotions(wb, NOVEMBER).set_index("promo_id").loc["P1"]
    assert row["baseline_units"] == pytest.approx(baseline)
    assert row["incremental_units"] == pytest.approx(21 - baseline)


# --------------------------------------------------------------------------- charts

def _shades(fig) -> int:
    return len([p for p in fig.axes[0].patches if type(p).__name__ in ("Rectangle", "Polygon")
                and p.get_facecolor()[:3] == matplotlib.colors.to_rgb(plots.style.EVENT_SHADE)])


def test_every_daily_chart_shades_the_stores_own_holidays() -> None:
    september = pd.DataFrame({"day": pd.date_range("2025-09-01", "2025-09-30"), "total_days": 3.0})
    marked = plots.daily_line(september, Text("en"), value="total_days", china=False, country="BR")
    plain = plots.daily_line(september, Text("en"), value="total_days", china=False)
    assert [t.get_text() for t in marked.axes[0].texts] == ["Public holiday"] and len(plain.axes[0].texts) == 0
    assert (_shades(marked), _shades(plain)) == (1, 0)
    promos = pd.DataFrame({"promo_name": ["A"], "platform": ["web"], "starts_on": [pd.Timestamp("2025-09-01")],
                           "ends_on": [pd.Timestamp("2025-09-20")]})
    lines = [plots.timeline(promos, Text("zh"), start="starts_on", end="ends_on", label="promo_name", china=False,
                            country=country) for country in ("BR", None)]
    assert [[t.get_text() for t in fig.axes[0].texts] for fig in lines] == [["法定节假日"], []]
    grid = pd.DataFrame({"competitor": "X", "day": pd.date_range("2025-09-01", "2025-09-30"), "promo_share": 0.5})
    marks = [[ln.get_xdata()[0] for ln in plots.calendar_grid(grid, Text("en"), row="competitor", value="promo_share",
                                                              china=False, country=country).axes[0].lines
              if ln.get_marker() == "v"] for country in ("BR", None)]
    assert marks == [[6.5], []]                                       # the 7th (0-based cell 6), and none
    plt.close("all")


def test_every_chart_that_marks_the_calendar_takes_the_country_and_every_page_passes_it() -> None:
    """A chart function with ``china`` has ``country`` too, and a notebook that passes
    ``china=page.china`` passes ``country=page.country`` in the same call."""
    charts = [name for name in plots.__all__ if callable(getattr(plots, name))
              and "china" in inspect.signature(getattr(plots, name)).parameters]
    assert len(charts) >= 5
    assert [c for c in charts if "country" not in inspect.signature(getattr(plots, c)).parameters] == []
    calls = []
    for path in sorted((REPO / "notebooks").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for found in re.finditer(r"china=page\.china", text):
            call = text[text.rfind("storebook.plots.", 0, found.start()):text.find(")))", found.end())]
            calls.append((path.stem, "country=page.country" in call))
    assert len(calls) >= 7 and [c for c in calls if not c[1]] == []


# --------------------------------------------------------------------------- names and messages

@pytest.mark.parametrize(("code", "zh"), [
    ("CN", "中国"), ("US", "美国"), ("GB", "英国"), ("IN", "印度"), ("BR", "巴西"), ("CL", "智利"), ("DE", "德国"),
    ("FR", "法国"), ("JP", "日本"), ("KR", "韩国"), ("AU", "澳大利亚"), ("CA", "加拿大"), ("SG", "新加坡"),
    ("MY", "马来西亚"), ("MX", "墨西哥"), ("HK", "中国香港"), ("TW", "中国台湾"),
])
def test_a_country_is_named_in_chinese_on_a_chinese_page(code: str, zh: str) -> None:
    assert calendar.country_name(code, "zh") == zh == Text("zh").format("{c:country}", c=code)
    assert calendar.country_in_text(code) == Text("en").format("{c:country}", c=code) != zh


def test_the_chinese_names_are_cldrs_where_babel_knows_them() -> None:
    babel = pytest.importorskip("babel")
    names = babel.Locale("zh").territories
    differ = {c: (zh, names.get(c)) for c, zh in calendar.COUNTRY_NAMES_ZH.items() if names.get(c) != zh}
    assert set(differ) == {"HK", "TW"}                              # the mainland's 中国香港, 中国台湾
    assert set(calendar.CURRENCY_COUNTRY.values()) <= set(calendar.COUNTRY_NAMES_ZH)
    assert calendar.country_name("GB") == "United Kingdom" and calendar.country_name("XX", "zh") == "XX"


def _young_store(root: Path, currency: str) -> storebook.Workbook:
    """Four months of traffic: the year's one holiday (or festival peak) has no year before."""
    sell_in(root, currency)
    return write_tables(root, traffic=steady_traffic("2025-06-01", "2025-11-30", peak=(9, 7)))


@pytest.mark.parametrize(("currency", "month", "variant", "words"), [
    ("BRL", SEPTEMBER, "holidays", ("a public holiday of Brazil new to the data", "首次出现的巴西公共假日")),
    ("CNY", NOVEMBER, None, ("a festival day new to the data", "首次出现的大促日")),
])
def test_a_day_not_judged_is_named_by_what_it_is(root: Path, currency: str, month, variant, words) -> None:
    wb = _young_store(root, currency)
    facts = traffic.anomaly_facts(traffic.detect_anomalies(wb, month))
    note = facts["not_judged_note"]
    assert (note["variant"], note["n_not_judged"]) == (variant, 1) and facts["n_not_judged"] == 1
    key = "traffic.anomalies.not_judged" + (f".{variant}" if variant else "")
    for language, said in zip(("en", "zh"), words, strict=True):
        sentence = Text(language)(key, **note)
        assert said in sentence
    assert ("festival" in Text("en")(key, **note)) == (variant is None)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_brazilian_stores_traffic_page_says_its_holiday_was_not_judged(root: Path, language: str) -> None:
    _young_store(root, "BRL")
    run = run_notebook_in_process("traffic", {"month": "2025-09", "data_path": str(root / "data" / "processed"),
                                              "language": language}, root)
    assert run.error is None, run.error
    said = " ".join(run.markdown)
    assert {"en": "a public holiday of Brazil new to the data", "zh": "首次出现的巴西公共假日"}[language] in said
    assert not re.search(r"festival day|大促日|Brazil的|Double 11|双11", said)


# --------------------------------------------------------------------------- storebook init

@pytest.mark.parametrize(("store", "line"), [
    ({"currency": "INR"}, '# country = "IN"             # inferred from the currency INR'),
    ({"currency": "CNY"}, '# country = "BR"'),
])
def test_init_writes_the_country_commented_and_says_it_is_inferred(root: Path, store: dict, line: str) -> None:
    toml = root / "storebook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('platforms = ["tmall", "jd", "douyin", "web"]',
                                                             'platforms = ["web"]'), encoding="utf-8")
    written = write_local_settings(Config.load(root), {"store": {**store, "platforms": ["web"]}})
    text = written.read_text(encoding="utf-8")
    assert line in text.splitlines()
    assert "Left out, it is inferred from the currency or a time zone you set" in text
    assert "country" not in tomllib.loads(text).get("store", {})      # a comment: nothing is set
