"""storebook.report.tables: one look, house number formats, translated headers and values."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storebook.report import tables
from storebook.report.text import Text


def _cells(html: str) -> list[str]:
    """The visible text of the body cells, in order."""
    body = html.split("<tbody>")[1]
    return [re.sub(r"<[^>]+>", "", c).replace("&nbsp;", " ").strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", body, flags=re.S)]


FRAME = pd.DataFrame({
    "platform": ["tmall", "jd"],
    "visitors": [1234567, 890],
    "paid_amount": [98765.4, 0.0],
    "uv_value": [7.078, None],
    "conversion_rate": [0.02345, 0.1],
    "vs_prior": [0.034, -0.12],
    "share_change": [0.0021, -0.0004],
    "roas": [3.256, 0.5],
})


def test_column_kinds_follow_the_names() -> None:
    kinds = {c: tables.column_kind(c) for c in [*FRAME.columns, "visitors_expected", "conversion_rate_low",
                                                  "visitors_effect", "mix_effect", "p_value", "visited_on"]}
    assert kinds == {"platform": "label", "visitors": "count", "paid_amount": "money", "uv_value": "money2",
                     "conversion_rate": "pct", "vs_prior": "delta", "share_change": "points", "roas": "ratio",
                     "visitors_expected": "count", "conversion_rate_low": "pct", "visitors_effect": "delta",
                     "mix_effect": "points", "p_value": "p", "visited_on": "date"}


def test_format_table_formats_each_kind_in_english() -> None:
    before = FRAME.copy()
    html = tables.format_table(FRAME, Text("en")).to_html()
    assert _cells(html)[:8] == ["Tmall", "1,234,567", "¥98,765", "¥7.08", "2.34%", "▲ +3.4%", "+0.21 pp", "3.26"]
    assert _cells(html)[8:] == ["JD", "890", "¥0", "n/a", "10.0%", "▼ −12.0%", "−0.04 pp", "0.50"]
    # A change of nothing the registry knows (a plain vs_prior) is grey: the sign alone says
    # nothing about good or bad news. A channel's share is no metric's change at all: a plain
    # signed number, no arrow, no change markup.
    assert html.count('class="chg tone-neutral"') == 2 and "tone-good" not in html and "tone-bad" not in html
    assert "<th" in html and "Visitors" in html and "vs prior month" in html
    pd.testing.assert_frame_equal(FRAME, before)                              # the frame is not touched


def test_format_table_in_chinese_and_self_contained() -> None:
    html = tables.format_table(FRAME, Text("zh"), columns=["platform", "visitors", "vs_prior"]).to_html()
    assert _cells(html) == ["天猫", "1,234,567", "▲ +3.4%", "京东", "890", "▼ −12.0%"]
    assert "平台" in html and "访客数" in html and "环比" in html
    assert "<link" not in html and "http" not in html                         # no external CSS or request
    assert "border-collapse" in html                                          # the house style, inline


def test_an_item_keyed_by_its_name_shows_its_name_in_the_sku_column() -> None:
    # A Shopify orders export without SKUs: the key is "name:<item name>" (ingest), never shown as such.
    f = pd.DataFrame({"sku": ["name:the minimal snowboard", "SB-1"], "product_name": ["The Minimal Snowboard", "B"],
                      "units": [1, 2]})
    beside = tables.format_table(f, Text("en")).to_html()
    assert "name:" not in beside and "no SKU; by item name" in beside and "SB-1" in beside
    alone = tables.format_table(f, Text("zh"), columns=["sku", "units"]).to_html()
    assert "name:" not in alone and "the minimal snowboard（商品名，无商品编码）" in alone


def test_a_product_whose_name_is_its_sku_is_shown_once() -> None:
    # A catalogue without names (Olist's hashed ids, Amazon India's stock report): the name falls
    # back to the SKU, and the table read "BTM004-XS | BTM004-XS". No row named: no product column.
    f = pd.DataFrame({"sku": ["BTM004-XS", "J0015-DR-L"], "product_name": ["BTM004-XS", "J0015-DR-L"], "units": [1, 2]})
    html = tables.format_table(f, Text("en"), columns=["sku", "product_name", "units"]).to_html()
    assert _cells(html) == ["BTM004-XS", "1", "J0015-DR-L", "2"] and "Product" not in html
    # Some named: the others' name is unknown, and an item keyed by its name keeps its name.
    f = pd.DataFrame({"sku": ["A-1", "B-2", "name:mug"], "product_name": ["A-1", "Bowl", "name:mug"], "units": [1, 2, 3]})
    cells = _cells(tables.format_table(f, Text("en"), columns=["sku", "product_name", "units"]).to_html())
    assert cells == ["A-1", "n/a", "1", "B-2", "Bowl", "2", "mug (item name; no SKU)", "n/a", "3"]


def test_format_table_names_a_missing_column() -> None:
    with pytest.raises(KeyError, match="no column\\(s\\) buyers"):
        tables.format_table(FRAME, Text("en"), columns=["platform", "buyers"])


def test_pivot_and_interval_tables() -> None:
    mix = pd.DataFrame({"channel": ["direct", "direct", "email"], "platform": ["jd", "web", "jd"],
                        "visitors": [1200, 300, 45]})
    html = tables.pivot_table(mix, Text("zh"), index="channel", columns="platform", values="visitors").to_html()
    assert _cells(html) == ["直接访问", "1,200", "300", "邮件营销", "45", "未知"]
    rates = pd.DataFrame({"platform": ["total"], "visitors": [40000], "conversion_rate": [0.025],
                          "conversion_rate_low": [0.0235], "conversion_rate_high": [0.0265]})
    html = tables.with_intervals(rates, Text("en"), ["conversion_rate"], counts=["visitors"]).to_html()
    assert _cells(html) == ["All platforms", "40,000", "2.50% (2.35%–2.65%)"]


def test_metric_cards_show_value_and_both_changes() -> None:
    headline = pd.DataFrame({"platform": ["tmall", "total"], "metric": ["visitors", "visitors"],
                             "value": [1000.0, 3000.0], "vs_prior": [0.05, None], "vs_last_year": [-0.1, 0.2]})
    cells = _cells(tables.metric_cards(headline, Text("en")).to_html())
    assert cells[0] == "Tmall"
    assert cells[1].startswith("1,000") and "vs prior month ▲ +5.0%" in cells[1]
    assert "vs last year ▼ −10.0%" in cells[1]
    # An unknown comparison is left out, not shown as "vs prior month n/a"; with neither known,
    # the card is its value alone (a store whose data start this month).
    assert "vs prior month" not in cells[3] and "n/a" not in cells[3] and "vs last year ▲ +20.0%" in cells[3]
    first_month = headline.assign(vs_last_year=None)
    assert _cells(tables.metric_cards(first_month, Text("zh")).to_html())[3] == "3,000"


def _tones(html: str) -> list[tuple[str, str, str]]:
    """(tone, metric, sign) of every change in the HTML, in order."""
    return re.findall(r'class="chg tone-(\w+)"(?: data-metric="(\w+)")? data-sign="([+0-])"', html)


def test_metric_cards_colour_by_the_registry_not_by_the_sign() -> None:
    # The fulfilment headline of issue #16: late deliveries fell 40.5% (good news, was red),
    # the logistics cost per order rose 0.3% (bad news, was green), the 24 h rate rose.
    headline = pd.DataFrame({"platform": ["total"] * 4,
                             "metric": ["late_rate", "cost_per_order", "within_24h_rate", "marketing_spend"],
                             "value": [0.0151, 9.60, 0.855, 52000.0], "vs_prior": [-0.405, 0.003, 0.037, 1.10],
                             "vs_last_year": [None, -0.004, 0.0, None]})
    html = tables.metric_cards(headline, Text("en")).to_html()
    assert _tones(html) == [("good", "late_rate", "-"), ("bad", "cost_per_order", "+"), ("good", "cost_per_order", "-"),
                            ("good", "within_24h_rate", "+"), ("neutral", "within_24h_rate", "0"),
                            ("neutral", "marketing_spend", "+")]
    cells = _cells(html)
    # A rate changes in points: 1.51% from 0.0151 / (1 − 0.405) = 2.538%, −1.03 pp.
    assert "1.51%" in cells[1] and "vs prior month ▼ −1.03 pp" in cells[1]
    assert "¥9.60" in cells[2] and "▲ +0.3%" in cells[2] and "▼ −0.4%" in cells[2]
    # 85.5% from 85.5 / 1.037 = 82.45%: +3.05 pp; a rate that did not move is 0.00 pp, no sign.
    assert "▲ +3.05 pp" in cells[3] and "vs last year 0.00 pp" in cells[3]
    assert "▲ +110.0%" in cells[4]                                            # spend: grey, not green


def test_a_table_change_takes_its_metric_from_the_name_the_rows_or_the_argument() -> None:
    frame = pd.DataFrame({"metric": ["refund_rate", "orders"], "value": [0.0275, 1200.0], "vs_prior": [-0.238, -0.05],
                          "visitors_vs_prior": [0.1, -0.2], "error": [0.3, -0.3]})
    html = tables.format_table(frame, Text("zh"), columns=["metric", "vs_prior", "visitors_vs_prior", "error"]).to_html()
    # A forecast's error is no change of a metric: a plain signed number, outside the markup.
    assert _tones(html) == [("good", "refund_rate", "-"), ("good", "visitors", "+"),
                            ("bad", "orders", "-"), ("bad", "visitors", "-")]
    cells = _cells(html)
    # 2.75% from 2.75 / 0.762 = 3.609%: −0.86个百分点; the orders' change stays relative.
    assert cells[:4] == ["退款率", "▼ −0.86个百分点", "▲ +10.0%", "+30.0%"]
    assert cells[4:] == ["支付订单数", "▼ −5.0%", "▼ −20.0%", "−30.0%"]
    # A table of one metric says which (CAC: a cost per new buyer, better lower).
    cac = pd.DataFrame({"platform": ["jd"], "cac": [48.0], "vs_prior": [0.12]})
    assert _tones(tables.format_table(cac, Text("en"), metric="cac").to_html()) == [("bad", "cac", "+")]
    # The P&L's lines: a rising cost is bad news, marketing spend is a decision (grey).
    pnl = pd.DataFrame({"line": ["net_sales", "logistics", "marketing"], "amount": [1.0, 2.0, 3.0],
                        "vs_prior": [0.1, 0.1, 0.1]})
    assert [t[0] for t in _tones(tables.format_table(pnl, Text("en")).to_html())] == ["good", "bad", "neutral"]


def test_a_loss_is_red_and_nothing_reads_minus_zero() -> None:
    frame = pd.DataFrame({"promotion_id": ["P1", "P2"], "roi": [-0.487, 0.2], "net_incremental_units": [-0.4, -12.0]})
    html = tables.format_table(frame, Text("en")).to_html()
    assert _cells(html) == ["P1", "−48.7%", "0", "P2", "20.0%", "−12"]
    assert html.count('class="val tone-bad"') == 2                             # ROI −48.7% and −12 units, not −0
    assert "-0" not in html and "−0" not in html


def test_one_platform_has_no_all_platform_row_that_repeats_it() -> None:
    en = Text("en")
    one = pd.DataFrame({"platform": ["tmall", "total"], "visitors": [96139, 96139], "share": [0.887, 0.887]})
    html = tables.format_table(one, en).to_html()
    assert "Tmall" in html and "All platforms" not in html
    two = pd.DataFrame({"platform": ["tmall", "jd", "total"], "visitors": [2, 1, 3], "share": [0.5, 0.4, 0.45]})
    assert "All platforms" in tables.format_table(two, en).to_html()
    # A total that holds more than its one platform (spend booked to no platform) is kept.
    more = one.assign(visitors=[96139, 99000])
    assert "All platforms" in tables.format_table(more, en).to_html()
    # Cards, cross tables and intervals alike.
    cards = pd.DataFrame({"platform": ["tmall", "total"], "metric": "visitors", "value": 10.0, "vs_prior": 0.1,
                          "vs_last_year": None})
    assert "All platforms" not in tables.metric_cards(cards, en).to_html()
    mix = pd.DataFrame({"channel": ["direct", "direct", "email", "email"], "platform": ["tmall", "total"] * 2,
                        "visitors": [5, 5, 7, 7]})
    pivot = tables.pivot_table(mix, en, index="channel", columns="platform", values="visitors").to_html()
    assert "Tmall" in pivot and "All platforms" not in pivot
    rates = pd.DataFrame({"platform": ["tmall", "total"], "conversion_rate": [0.03] * 2,
                          "conversion_rate_low": [0.02] * 2, "conversion_rate_high": [0.04] * 2})
    assert "All platforms" not in tables.with_intervals(rates, en, ["conversion_rate"]).to_html()
    assert one["platform"].tolist() == ["tmall", "total"]   # the frame given is not changed
    # The significance table: the platform by device and in all, the total in all only; a
    # total without a trend of its own (n/a) says nothing the platform row does not.
    segments = pd.DataFrame({"platform": ["tmall", "tmall", "total"], "device": ["mobile", "total", "total"],
                             "visitors": [80, 100, 100], "trend": [0.1, 0.2, None]})
    html = tables.format_table(segments, en).to_html()
    assert "All platforms" not in html and html.count("Tmall") == 2
    grid = pd.DataFrame({"metric": ["orders", "orders"], "platform": ["tmall", "total"], "value": [3210.0] * 2,
                         "status": ["green"] * 2, "kind": ["count"] * 2})
    assert "All platforms" not in tables.status_grid(grid, en).to_html()


def test_scorecard_writes_the_gap_to_target_plainly_and_the_changes_by_the_registry() -> None:
    # Paid amount 4% over its target (met, green status) rose 10% on the prior month; the
    # refund rate 3.0% against a 2.0% target (missed) rose from 2.5%: +0.50 pp, bad news.
    card = pd.DataFrame({"metric": ["paid_amount", "refund_rate"], "platform": ["total", "total"],
                         "value": [104.0, 0.03], "target": [100.0, 0.02], "vs_target": [0.04, 0.5],
                         "prior": [94.5, 0.025], "vs_prior": [0.1, 0.2], "last_year": [None, None],
                         "vs_last_year": [None, None], "status": ["green", "red"], "kind": ["money", "pct"],
                         "higher_is_better": [True, False]})
    html = tables.scorecard(card, Text("en")).to_html()
    cells = _cells(html)
    # The gap to target is no change over time: no arrow, no change markup (the status is coloured).
    assert cells[3] == "+4.0%" and cells[10] == "+50.0%"
    assert _tones(html) == [("good", "paid_amount", "+"), ("bad", "refund_rate", "+")]
    assert cells[5] == "▲ +10.0%" and cells[12] == "▲ +0.50 pp"


def test_an_interval_of_a_change_is_written_plainly_beside_its_toned_estimate() -> None:
    # A listing change's lift +25% (95% interval −10% to +70%): the estimate is a change of
    # listing conversion (good news, green); the interval's ends are no change of their own.
    frame = pd.DataFrame({"product_name": ["Duvet"], "lift": [0.25], "lift_low": [-0.10], "lift_high": [0.70]})
    html = tables.format_table(frame, Text("en"), metric="listing_conversion_rate").to_html()
    assert _tones(html) == [("good", "listing_conversion_rate", "+")]
    assert _cells(html) == ["Duvet", "▲ +25.0%", "−10.0%", "+70.0%"]


def test_the_conversion_drivers_and_funnel_columns_are_formatted_not_raw_floats() -> None:
    # The browser test found 0.08397466195348811 and 11.618102836967331 in the conversion page's tables.
    frame = pd.DataFrame({"channel": ["search"], "share_before": [0.08397466], "share_after": [0.0870609],
                          "rate_before": [0.0188676], "rate_after": [0.0288068], "buyers_lost": [11.6181028]})
    assert _cells(tables.format_table(frame, Text("en")).to_html()) == ["search", "8.40%", "8.71%", "1.89%", "2.88%",
                                                                        "11.6"]


def test_card_rows_keep_every_platform_of_each_metric_in_the_headline_order() -> None:
    headline = pd.DataFrame({"platform": ["total", "jd"] * 3, "metric": ["tickets"] * 2 + ["csat"] * 2 + ["refund_rate"] * 2,
                             "value": [10.0, 4.0, 4.1, 4.3, 0.02, 0.03]})
    parts = tables.card_rows(headline, 2)
    assert [list(p.metric) for p in parts] == [["tickets", "tickets", "csat", "csat"], ["refund_rate", "refund_rate"]]
    assert list(parts[1].value) == [0.02, 0.03] and len(headline) == 6


def test_a_long_product_title_wraps_and_numbers_do_not() -> None:
    # A Tmall title as shops write them (brand, season, keywords: 40 characters) would hold
    # its cell to one line 500 px wide; it wraps within 18em, the figures beside it stay whole.
    title = "【官方正品】棉语2026新款纯棉四件套全棉床单被套简约北欧风1.8m床宿舍三件套"
    frame = pd.DataFrame({"platform": ["tmall"], "product_name": [title], "visitors": [123456], "paid_amount": [98765.4]})
    html = tables.format_table(frame, Text("zh")).to_html()
    assert title in html
    rules = dict(re.findall(r"#T_\w+ (tbody td[.\w]*) \{([^}]*)\}", html))
    assert "white-space: nowrap" in rules["tbody td"]  # every cell on one line ...
    # ... but the platform's and the title's (columns 0 and 1): the counts and the amount stay whole.
    assert {k for k, v in rules.items() if "white-space: normal" in v} == {"tbody td.col0", "tbody td.col1"}
    assert "max-width: 18em" in rules["tbody td.col1"] and "overflow-wrap: anywhere" in rules["tbody td.col1"]


def test_text_columns_read_from_the_left_and_numbers_from_the_right() -> None:
    # Amazon India's rejection reasons and Shopify's product titles wrapped right-aligned:
    # every line of "superseded: sku=… is also in the newer export …" began at another place.
    frame = pd.DataFrame({"table": ["products"], "problem": ["superseded: sku=… is also in the newer export "
                                                              "data/raw/exports/May-2022.csv; the newest export wins"],
                          "rows": [1330], "example": ["data/raw/exports/P  L March 2021.csv"]})
    html = tables.format_table(frame, Text("en")).to_html()
    rules = dict(re.findall(r"#T_\w+ ((?:tbody td|thead th)[.\w]*) \{([^}]*)\}", html))
    left = {k for k, v in rules.items() if "text-align: left" in v}
    assert {"tbody td.col1", "tbody td.col3", "thead th.col1", "thead th.col3"} <= left
    assert not {"tbody td.col2", "thead th.col2"} & left  # the count stays right-aligned
    assert "text-align: right" in rules["tbody td"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_new_and_returning_table_keeps_its_buyer_type_column(language: str) -> None:
    """The new-versus-returning tables (conversion, customers) show which row is which: in
    English the buyer-type column was headed 'Buyers' like the count beside it, and the count
    overwrote it (two rows 'Web shop | 3' and 'Web shop | 0', neither saying new or returning)."""
    split = pd.DataFrame({"platform": ["shopify", "shopify"], "buyer_type": ["new", "returning"],
                          "buyers": [3, 0]})
    html = tables.format_table(split, Text(language), columns=["platform", "buyer_type", "buyers"]).to_html()
    new, returning = ("New", "Returning") if language == "en" else ("新买家", "老买家")
    assert new in html and returning in html
    assert len(re.findall(r"<th[^>]*col_heading", html)) == 3


def test_two_columns_of_one_header_are_refused() -> None:
    """A table whose two columns share a header would show one of them only: format_table says so."""
    frame = pd.DataFrame({"spend": [1.0], "spend_amount": [2.0]})
    with pytest.raises(ValueError, match="share the header 'Spend'"):
        tables.format_table(frame, Text("en"))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_report_table_gives_two_columns_one_header(language: str) -> None:
    """Every table a report notebook shows (its format_table columns as written) has a header
    per column. Before: the late purchase-order lines showed 'Ordered' and 'Received' twice
    (the dates lost under the quantities), and the cost-ratio table's two 'Budget' columns
    showed the logistics budget under marketing."""
    import ast
    from pathlib import Path

    text = Text(language)
    notebooks = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.py"))
    assert notebooks
    shared, calls = [], 0
    for path in notebooks:
        source = path.read_text(encoding="utf-8")
        for call in re.finditer(r"format_table\(", source):
            listed = re.search(r"columns=(\[[^\]]*\])", source[call.end():call.end() + 800])
            if listed is None:
                continue
            columns = ast.literal_eval(listed.group(1))
            calls += 1
            headers = [tables.header(c, text) for c in columns]
            if len(set(headers)) < len(headers):
                shared.append((path.name, columns))
    assert calls > 20 and shared == []


def test_a_table_whose_rows_hold_different_quantities_writes_each_in_its_own_format() -> None:
    """The store_ops drivers table wrote every row to one decimal: the web shop's first reply as
    "3,002.2" (minutes) and a return rate of 3.2% as "0.0". Each row now takes its quantity's
    format (by hand below), the change a difference of it: a rate's in points, a duration's in the
    unit it reads in; a row without a category is n/a, not "nan"."""
    ops = pd.DataFrame({
        "category": ["Kitchen", None, None, None],
        "driver": ["delivery_days", "logistics_complaints_per_1000", "return_rate", "first_response_median_min"],
        "value": [1.84, 4.21, 0.0321, 3002.18], "prior": [1.9, 5.7, 0.0275, 141.9],
        "change": [-0.06, -1.49, 0.0046, 2860.28]})
    kinds = {"value": tables.BY_ROW, "prior": tables.BY_ROW, "change": tables.BY_ROW_CHANGE}

    def rows(language: str) -> list[list[str]]:
        cells = [c.replace("\u00a0", " ") for c in _cells(tables.format_table(
            ops, Text(language), columns=["category", "driver", "value", "prior", "change"], kinds=kinds,
            by_row="driver").to_html())]
        return [cells[i:i + 5] for i in range(0, len(cells), 5)]

    # 141.9 minutes read as 2.4 hours, 3,002.18 as 2.1 days, 2,860.28 (under 2 days) as 47.7 hours.
    assert rows("en") == [
        ["Kitchen", "Delivery days", "1.8", "1.9", "−0.1"],
        ["n/a", "Logistics complaints per 1,000 orders", "4.2", "5.7", "−1.5"],
        ["n/a", "Return rate", "3.21%", "2.75%", "+0.46 pp"],  # 3.21 − 2.75: the change adds up
        ["n/a", "Median first response", "2.1 days", "2.4 hours", "+47.7 hours"]]
    assert [r[2:] for r in rows("zh")[2:]] == [["3.21%", "2.75%", "+0.46个百分点"], ["2.1天", "2.4小时", "+47.7小时"]]
    with pytest.raises(ValueError, match="by_row"):
        tables.format_table(ops, Text("en"), columns=["driver", "value"], kinds=kinds)


def test_price_realisation_is_a_ratio_not_a_share_in_a_table() -> None:
    # The products page's price table: a category sold at 99.996% of list read ">99.99%", and one
    # sold above list can only be read as a ratio (103.2%); a share column keeps its share rule.
    assert [tables.column_kind(c) for c in ("realisation", "price_realisation", "roi", "sku_share")] == \
        ["percent", "percent", "percent", "pct"]
    frame = pd.DataFrame({"category": ["toys", "books"], "realisation": [0.99996, 1.032],
                          "sku_share": [0.99996, 0.00004]})
    cells = re.findall(r'class="data row\d col(\d)" >(.*?)</td>', tables.format_table(frame, Text("en")).to_html())
    assert [v for c, v in cells if c == "1"] == ["100.0%", "103.2%"]
    assert [v for c, v in cells if c == "2"] == [">99.99%", "<0.01%"]  # the shares: never all, never none
    # A change of realisation is a difference in points, as a rate's.
    assert tables.format_difference(0.0123, "percent", Text("en")) == "+1.23&nbsp;pp"
