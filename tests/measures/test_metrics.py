"""The metric registry (storebook.measures.metrics): the one place for a metric's names,
unit, format and good direction, and what is derived from it.

That every headline a notebook records is in the registry, with the registry's unit and
direction, is checked where the notebooks run over the sample store
(tests/report/test_notebooks.py, ``check_headline``); here the registry itself and what reads it.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from storebook.measures import metrics
from storebook.measures.metrics import (
    METRICS,
    change_tone,
    format_change,
    headline_entry,
    shown_change,
)
from storebook.report import tables
from storebook.report.text import CATALOGUE, Text

#: Every metric the sample pack's notebooks recorded in their ``<area>.headline`` (the
#: baseline pack of the house refactor, both languages; tests/compare_pack.py saves it).
RECORDED_HEADLINES = {
    "competitor": ["price_index", "dearer_pairs", "price_gaps", "price_changes"],
    "conversion": ["conversion_rate", "aov", "uv_value", "buyers"],
    "customers": ["customers", "new_buyers", "returning_sales_share", "repeat_rate_30", "repeat_rate_90"],
    "data_quality": ["kept_share", "rows_rejected", "province_known", "cost_known_revenue", "guest_share"],
    "fulfilment": ["within_24h_rate", "median_delivery_days", "late_rate", "cost_per_order", "complaints_per_1000"],
    "overview": ["paid_amount", "net_sales", "gross_margin", "conversion_rate", "refund_rate"],
    "products": ["skus_sold", "a_sku_share", "tail_revenue_share", "overstock_value", "price_realisation"],
    "profit": ["net_sales", "gross_margin_rate", "contribution_margin", "contribution_margin_rate", "marketing_ratio"],
    "promotion": ["promotions", "net_incremental_units", "discount_cost", "incremental_margin", "roi"],
    "service": ["tickets", "complaints", "satisfied_share", "refund_rate"],
    "supplier": ["otif_rate", "stockout_rate", "warehouse_stockout_rate", "attributed_lost_sales_amount"],
    "traffic": ["visitors", "buyers", "paid_amount", "uv_value"],
    # the reports of issue #18 (merged after the baseline; tests/report/test_duties_notebooks.py runs them)
    "store_ops": ["store_rating", "listing_visitors", "listing_conversion_rate", "listings_to_fix"],
    "marketing": ["marketing_spend", "roas", "new_buyers", "cac"],
    "plan": ["forecast_paid_amount", "forecast_orders", "mape_paid_amount", "mape_orders"],
}


def test_the_registry_covers_every_recorded_headline_metric() -> None:
    recorded = {key for keys in RECORDED_HEADLINES.values() for key in keys}
    assert recorded - METRICS.keys() == set()


def test_units_and_directions_are_known_and_rates_change_in_points() -> None:
    for m in METRICS.values():
        assert m.unit in metrics.UNITS and m.good in metrics.GOOD, m.key
        assert m.points == (m.unit == "ratio"), m.key
    assert METRICS["refund_rate"].good == "down" and METRICS["conversion_rate"].good == "up"
    assert not METRICS["price_index"].points  # an index near 1, not a share
    with pytest.raises(ValueError, match="not known"):
        metrics.Metric("x", "X", "X", "percent", "up")


def test_the_catalogue_takes_the_metric_names_from_the_registry_only() -> None:
    for m in METRICS.values():
        assert CATALOGUE[f"metric.{m.key}"] == {"en": m.en, "zh": m.zh}
    # One place: the catalogue files do not write a registered metric's name again.
    source = "".join(f.read_text(encoding="utf-8")
                     for f in (REPO / "lib" / "storebook" / "report").glob("**/*.py"))
    written = set(re.findall(r'"metric\.([a-z0-9_]+)":', source))
    assert written & METRICS.keys() == set()
    assert Text("zh")("metric.conversion_rate") == "支付转化率"


def test_table_columns_format_as_the_registry_says() -> None:
    for key, kind in metrics.column_kinds().items():
        assert tables.column_kind(key) == kind, key
    assert tables.column_kind("aov") == "money2" and tables.column_kind("stockout_days") == "count"
    # A table column named promotions lists the promotions of a day: text, not the count.
    assert "promotions" not in metrics.column_kinds() and tables.column_kind("promotions") == "text"
    # A table column of that name is an amount, not the headline's share: not a percent.
    assert "cost_known_revenue" not in metrics.column_kinds()
    assert tables.column_kind("cost_known_revenue") != "pct"


def test_headline_entry_takes_unit_and_direction_from_the_registry() -> None:
    entry = headline_entry("late_rate", "Late deliveries", 0.04, -0.1, float("nan"))
    assert entry == {"key": "late_rate", "label": "Late deliveries", "value": 0.04, "unit": "ratio",
                     "vs_prior": -0.1, "vs_last_year": None, "good": "down"}
    assert "good" not in headline_entry("promotions", "Promotions", 3)  # neutral: no colour
    assert headline_entry("roi", "ROI", -0.487)["unit"] == "ratio"  # a return in percent: −48.7%
    # ROAS is recorded as the multiple it is, a store rating as a score (the marketing and
    # store-operations headlines say so).
    assert headline_entry("roas", "ROAS", 3.2)["unit"] == "multiple"
    assert headline_entry("store_rating", "Store rating", 4.8) == {
        "key": "store_rating", "label": "Store rating", "value": 4.8, "unit": "score", "vs_prior": None,
        "vs_last_year": None, "good": "up"}
    assert "good" not in headline_entry("marketing_spend", "Spend", 100.0)
    assert headline_entry("visitors", "Visitors", None)["value"] is None
    with pytest.raises(KeyError, match="not in the registry"):
        headline_entry("visits", "Visits", 1.0)


def test_the_data_dictionary_lists_every_registered_metric() -> None:
    text = metrics.render_dictionary()
    section = text.split("## Derived metrics", 1)[1]
    for m in METRICS.values():
        assert f"| {m.key} | {m.en} | {m.zh} | {m.unit} | {m.good} |" in section
    assert "| aov | Spend per buyer | 客单价 | CNY | up | paid_amount / buyers |" in section


def test_change_tone_is_the_good_direction_not_the_sign() -> None:
    # The cases of issue #16, each once each way.
    assert change_tone("late_rate", -0.405) == "good" and change_tone("late_rate", 0.1) == "bad"
    assert change_tone("cost_per_order", 0.003) == "bad" and change_tone("cost_per_order", -0.003) == "good"
    assert change_tone("refund_rate", -0.0097) == "good" and change_tone("refund_rate", 0.0097) == "bad"
    assert change_tone("paid_amount", 0.337) == "good" and change_tone("paid_amount", -0.337) == "bad"
    # Marketing spend is a decision judged by its return, under every name a table uses.
    assert {change_tone(k, 1.10) for k in ("marketing_spend", "spend", "marketing")} == {"neutral"}
    # Flat (shown as 0.0% / 0.00 pp), missing, or not a registered metric: neutral.
    assert change_tone("paid_amount", 0.0004) == "neutral" and change_tone("refund_rate", 0.00004) == "neutral"
    assert change_tone("paid_amount", 0.0006) == "good" and change_tone("refund_rate", 0.00006) == "bad"
    assert change_tone("paid_amount", float("nan")) == "neutral" and change_tone("share", 0.5) == "neutral"


def test_a_rate_changes_in_points_an_amount_in_percent_in_both_languages() -> None:
    # Refund rate 2.92% after a relative fall of 32.4%: it was 2.92 / 0.676 = 4.3195%,
    # so it fell 1.3995 percentage points.
    points = shown_change("refund_rate", 0.0292, -0.324)
    assert points == pytest.approx(0.0292 - 0.0292 / 0.676) and round(points * 100, 4) == -1.3995
    assert format_change("refund_rate", points, "en") == "\u22121.40\u00a0pp"
    assert format_change("refund_rate", points, "zh") == "\u22121.40个百分点"
    # Paid amount up 33.7%: the relative change, as it is, in both languages.
    assert shown_change("paid_amount", 445_883.0, 0.337) == 0.337
    assert format_change("paid_amount", 0.337, "en") == format_change("paid_amount", 0.337, "zh") == "+33.7%"
    assert format_change("paid_amount", -0.0123) == "\u22121.2%"
    # Nothing reads −0: a change that rounds to zero is written without a sign.
    assert format_change("paid_amount", -0.0004) == "0.0%" and format_change("late_rate", -0.00004) == "0.00\u00a0pp"
    assert format_change("orders", None) == "–" and shown_change("refund_rate", 0.03, None) is None


def test_every_scorecard_metric_and_pnl_line_is_registered_with_its_direction() -> None:
    from storebook.areas.overview import SCORECARD
    from storebook.measures.pnl import PNL_LINES

    for kpi in SCORECARD:
        good = METRICS[kpi.key].good
        # The scorecard's direction is its target's; where the registry has one, they agree.
        assert good == "neutral" or (good == "up") == kpi.higher_is_better, kpi.key
    assert all(metrics.find_metric(line) for line in PNL_LINES)
    assert metrics.find_metric("marketing") == "marketing_spend" and metrics.find_metric("visits") is None
    # ROI is a return shown in percent (the index and the tables alike), its change in points.
    # (a ratio in percent that is no share of a whole: "percent", never held below 100%)
    assert tables.column_kind("roi") == "percent" and METRICS["roi"].points and METRICS["roi"].breakeven
