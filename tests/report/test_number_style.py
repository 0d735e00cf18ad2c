"""storebook.report.number_style: one number style for the cards, tables and sentences of the
pack, and every change coloured by the metric registry (issue #16)."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pandas as pd
import pytest

from storebook.measures.metrics import METRICS, change_tone
from storebook.report import number_style
from storebook.report.number_style import (
    change_html,
    format_metric,
    format_number,
    tone_colours,
    value_html,
)

#: One change as the pack marks it up (the contract of issue #16: class, data-metric, data-sign).
CHANGE = re.compile(r'<span class="chg tone-(good|bad|neutral)"(?: data-metric="([a-z0-9_]+)")? '
                    r'data-sign="([+0-])">(.*?)</span>')


def test_wan_and_yi_thresholds() -> None:
    # Below 10,000 full digits; from 10,000 万 with at least three significant digits (two
    # decimals below 10万, one above; babel drops a trailing zero: 10,049 is 1万); from 1亿
    # two decimals; 99,999,999 is 9999.99…万, which rounds on to 1亿.
    cases = {9_999: "9,999", 10_000: "1万", 10_049: "1万", 12_345: "1.23万", 49_927: "4.99万",
             295_400: "29.5万", 1_070_486: "107万", 99_940_000: "9994万", 99_995_000: "9999.5万",
             99_999_999: "1亿", 107_490_000: "1.07亿", 2_500_000_000: "25亿"}
    got = {v: format_number(v, "count", "zh", compact=True) for v in cases}
    assert got == cases
    # 9,999.6 rounds to 10,000 as written: it is 1万, not "10,000".
    assert format_number(9_999.6, "count", "zh", compact=True) == "1万"
    assert format_number(-84_000, "money", "zh", compact=True) == "\u2212¥8.4万"
    # English: full digits; a table in Chinese too.
    assert format_number(107_490_000, "money", "en", compact=True) == "¥107,490,000"
    assert format_number(1_070_486, "money", "zh", compact=False) == "¥1,070,486"


def test_no_minus_zero_anywhere() -> None:
    for spec in ("count", "money", "money2", "ratio", "number", "number2", "signed", "days"):
        for lang in ("en", "zh"):
            written = format_number(-0.000_01, spec, lang, compact=True)
            assert "-" not in written and "\u2212" not in written, (spec, written)
    # A share or percent is never written as zero unless it is (a margin rate of −0.001% is "−<0.01%",
    # not "0.00%"); what float arithmetic leaves of a zero is zero, without a sign.
    for spec in ("pct", "pct2", "percent"):
        assert format_number(-0.000_01, spec, compact=True) == "\u2212<0.01%"
        assert format_number(1 - 1.0000000000000002, spec) == format_number(-1e-12, spec) == "0%"
    assert format_number(-0.4, "count") == "0" and format_number(-0.6, "count") == "\u22121"
    assert "\u2212" not in change_html("paid_amount", -0.0004) and 'data-sign="0"' in change_html("orders", -0.0004)


def test_a_length_of_time_is_said_one_way_and_the_docstring_names_the_specs_taken() -> None:
    """Durations go through ``duration`` (45 minutes, 5.2 hours, 2.1 days); the old ``minutes``
    spec (one decimal and "min": "3,002.2 min") was left behind, used by nothing, and the
    docstring listed it but not ``duration``."""
    doc = format_number.__doc__.split("Specs:")[1].split(">>>")[0]
    named = set(re.findall(r"``(\w+)``", doc))
    assert {"duration", "duration_h"} <= named and "minutes" not in named
    for spec in named:
        assert format_number(3024, spec, "en") is not None, spec
    assert format_number(3024, "duration", "en") == "2.1\u00a0days"
    assert format_number(-29.2, "duration", "zh") == "\u221229分钟"
    with pytest.raises(ValueError, match="unknown number spec 'minutes'"):
        format_number(3024, "minutes")


def test_a_share_short_of_all_or_above_none_is_not_rounded_to_either() -> None:
    # Olist's data-quality page: "36,078 of 36,081 rows were kept (100.0%) and 3 rejected".
    kept = 36078 / 36081
    assert [format_number(kept, s, lang) for s in ("pct", "pct2") for lang in ("en", "zh")] == ["99.99%"] * 4
    assert format_metric("kept_share", kept) == "99.99%"  # the headline card
    assert [format_number(v, "pct") for v in (0.999999, 0.000001, 0.0004)] == [">99.99%", "<0.01%", "0.04%"]
    # Exactly all and exactly none are said as they are; one decimal where it already differs.
    assert [format_number(v, "pct") for v in (1.0, 0.0, 0.9949, 0.0051)] == ["100.0%", "0%", "99.5%", "0.51%"]
    assert [format_number(v, "pct2") for v in (1.0, 0.0, 0.00004)] == ["100.0%", "0%", "<0.01%"]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(("key", "value", "shown"), [
    ("repeat_rate_30", 1 / 1402, "0.07%"),        # the mum-and-baby store's card; its sentence said 0.1%
    ("tail_revenue_share", 0.02751, "2.75%"),     # the Shopify store's card; its sentence said 2.8%
    ("conversion_rate", 0.0151, "1.51%"),
    ("refund_rate", 0.0, "0%"),
    ("within_24h_rate", 0.855, "85.5%"),
    ("kept_share", 36078 / 36081, "99.99%"),
])
def test_a_share_reads_in_a_sentence_as_on_its_card(key, value, shown, language) -> None:
    from storebook.report.text import Text

    assert format_metric(key, value, language) == shown
    assert Text(language).format("{v:pct}", v=value) == shown
    # A table says it as the card does (test_reader_figures: one rule of a share).
    assert Text(language).number(value, "pct", compact=False) == shown


def test_a_ratio_that_is_no_share_is_not_held_below_all() -> None:
    from storebook.measures.metrics import METRICS
    from storebook.report.text import Text

    # Price realisation is price paid ÷ list price: 99.996% of list reads 100.0%, not ">99.99%"
    # (a share's rule), and a price above list 103.2%.
    assert METRICS["price_realisation"].display == METRICS["price_realisation"].column_kind == "percent"
    assert [format_metric("price_realisation", v) for v in (0.99996, 1.032, 0.874, 0.0512)] == \
        ["100.0%", "103.2%", "87.4%", "5.12%"]
    said = Text("en")("products.price.title", realisation=0.99996, deepest="Toys", deepest_depth=0.2)
    assert said.startswith("We realised 100.0% of list price") and ">99.99%" not in said
    assert "价格实现率103.2%" in Text("zh")("products.price.title", realisation=1.032, deepest="玩具", deepest_depth=0.2)
    # ROI is a return, no share either: 100.0% where it rounds there; a loss keeps its sign.
    assert format_metric("roi", 0.99999) == "100.0%" and format_metric("roi", -0.487) == "\u221248.7%"
    # A share still is never said as all when it falls short.
    assert format_metric("repeat_rate_30", 0.99999) == ">99.99%"


def test_card_values_follow_the_registry_in_both_languages() -> None:
    assert [format_metric("paid_amount", 1_070_486, lang) for lang in ("en", "zh")] == ["¥1,070,486", "¥107万"]
    assert format_metric("refund_rate", 0.0292) == "2.92%" and format_metric("within_24h_rate", 0.855) == "85.5%"
    assert format_metric("aov", 322.456, "zh") == "¥322.46" and format_metric("roas", 3.256) == "3.26"
    assert format_metric("median_delivery_days", 1.84) == "1.8\u00a0days"
    assert format_metric("median_delivery_days", 1.84, "zh") == "1.8天"
    assert format_metric("visitors", None) == "–"
    # A loss below break-even is red; a positive ROI and a metric without break-even are not.
    assert 'class="val tone-bad"' in value_html("roi", -0.487)
    assert value_html("roi", 0.2) == "20.0%" and value_html("refund_rate", -0.01) == "\u22121.00%"


def test_change_markup_carries_the_registry_tone_and_the_sign() -> None:
    cases = [("late_rate", -0.0103, "good", "-", "▼&nbsp;\u22121.03&nbsp;pp"),
             ("cost_per_order", 0.003, "bad", "+", "▲&nbsp;+0.3%"),
             ("marketing_spend", 1.10, "neutral", "+", "▲&nbsp;+110.0%"),
             ("refund_rate", 0.0, "neutral", "0", "0.00&nbsp;pp")]
    for key, change, tone, sign, text in cases:
        assert CHANGE.fullmatch(change_html(key, change)).groups() == (tone, key, sign, text)
    assert CHANGE.fullmatch(change_html("refund_rate", -0.0086, "zh")).group(4) == "▼&nbsp;\u22120.86个百分点"


def test_the_tones_colours_live_in_the_stylesheet_only() -> None:
    css = number_style.HOUSE_CSS.read_text(encoding="utf-8")
    for tone, variable in (("good", "--good"), ("bad", "--bad"), ("neutral", "--muted")):
        assert f".tone-{tone} {{ color: var({variable}); }}" in css
        assert re.search(re.escape(variable) + r":\s*" + tone_colours()[tone], css)
    # No module of the report writes a colour of its own for good or bad news.
    report = Path(number_style.__file__).parent
    for path in report.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for colour in tone_colours().values():
            assert colour.lower() not in source.lower(), path.name


@pytest.mark.notebooks
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_change_on_a_built_page_agrees_with_the_registry(language, sample_root, tmp_path) -> None:
    """The fulfilment page of the sample store, executed: every change of its headline
    cards (late deliveries, logistics cost per order …) and tables carries the registry's tone."""
    from support.notebooks import run_notebook

    nb = run_notebook("fulfilment", {"language": language}, sample_root, tmp_path)
    pages = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
             if "text/html" in o.get("data", {})]
    changes = [m for p in pages for m in CHANGE.findall(p)]
    # The headline is two rows of cards (it fits 1280 px): every card's change, from both.
    card_pages = [p for p in pages if 'data-metric="late_rate"' in p or 'data-metric="cost_per_order"' in p]
    card_changes = [m for p in card_pages for m in CHANGE.findall(p)]
    headline = {"within_24h_rate", "median_delivery_days", "late_rate", "cost_per_order", "complaints_per_1000"}
    assert {metric for _, metric, _, _ in card_changes} >= headline
    for tone, metric, sign, text in changes:
        if not metric:  # a change of nothing the registry knows is grey
            assert tone == "neutral"
            continue
        expected = "neutral" if sign == "0" else change_tone(metric, 1.0 if sign == "+" else -1.0)
        assert tone == expected, (metric, sign, text)
        # A rate's change in points, an amount's in percent, with the one minus sign.
        shown = html_module.unescape(text)
        assert (("pp" in shown or "个百分点" in shown) if METRICS[metric].points else shown.endswith("%")), shown
        assert "-" not in shown
    # At least one card is coloured good or bad on this page (not all grey by accident).
    assert {tone for tone, *_ in card_changes} & {"good", "bad"}
    # No page output writes a number with the hyphen-minus or as −0.
    for page in pages:
        visible = html_module.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", page, flags=re.S)))
        assert not re.search(r"(?<![\w-])[-\u2212]0(?:[.,]0+)?(?![\d.,])", visible), visible[:200]
    frame = pd.DataFrame(card_changes, columns=["tone", "metric", "sign", "text"])
    assert not frame.empty
