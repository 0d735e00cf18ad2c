"""A figure reads the same wherever a page says it, in English and 中文 (real stores from
../shared/realdata via ``STOREBOOK_REALDATA``; skipped, saying so, where absent). What a reader
of real stores' packs found:

- customers of the Tianchi mum-and-baby trade history (2014-10): the card said the 30-day repeat
  rate was 0.07%, the sentence beside it 0.1% (1 of 1,402 new customers: 0.0713%).
- products of the Shopify orders export (2025-05): the card said the long tail brought 2.75% of
  revenue, the sentence 2.8%.
- traffic of the GA4 download of users by day (2023-05, 0 users a day to the 20th): the quietest
  day was said in the singular of 20 days tied ("the quietest was 20 days tied").

A page's cards write a share with :func:`storebook.report.number_style.format_metric`; its
sentences with the catalogue (``{…:pct}``): both must give one text.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import storebook
from storebook.areas import customers, products, traffic
from storebook.report.number_style import format_metric
from support.amounts import chosen_sentence
from support.mapping import mum_baby_store, realdata_folder, shopify_orders_store
from support.stores import ingest_with_test_key, make_root


@pytest.fixture(scope="module")
def mum_baby(tmp_path_factory) -> storebook.Workbook:
    return storebook.open(root=mum_baby_store(tmp_path_factory.mktemp("mum_baby")))


@pytest.fixture(scope="module")
def shopify(tmp_path_factory) -> storebook.Workbook:
    return storebook.open(root=shopify_orders_store(tmp_path_factory.mktemp("shopify")))


@pytest.fixture(scope="module")
def ga4(tmp_path_factory) -> storebook.Workbook:
    export = realdata_folder("ga4_exports_LilyHeAsamiko-GA4") / "data-export.csv"
    root = make_root(tmp_path_factory.mktemp("ga4"))
    (root / "data" / "raw" / "ga4").mkdir(parents=True)
    shutil.copy(export, root / "data" / "raw" / "ga4" / export.name)
    ingest_with_test_key(root)
    return storebook.open(root=root)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_repeat_rate_reads_as_its_card_says_it(mum_baby, language) -> None:
    period = mum_baby.period("2014-10")
    facts = customers.headline_facts(customers.customers_headline(mum_baby, period), period)
    # 1 of the 1,402 customers won in the cohort bought again within 30 days: 0.0713%.
    assert facts["repeat_rate_30"] == pytest.approx(1 / 1402)
    card = format_metric("repeat_rate_30", facts["repeat_rate_30"], language)
    assert card == "0.07%"
    said = chosen_sentence("customers.headline.takeaway", facts, language)
    assert (f"{card} bought again" if language == "en" else f"{card}在30天内") in said, said
    assert "0.1%" not in said


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_long_tail_share_reads_as_its_card_says_it(shopify, language) -> None:
    period = shopify.period("2025-05")
    facts = products.headline_facts(products.products_headline(shopify, period))
    # Six class-C SKUs of fourteen made 2.75% of May's revenue (test_products checks the classes by hand).
    assert facts["tail_revenue_share"] == pytest.approx(0.0275, abs=5e-5)
    card = format_metric("tail_revenue_share", facts["tail_revenue_share"], language)
    assert card == "2.75%"
    said = chosen_sentence("products.headline.takeaway", facts, language)
    assert card in said and "2.8%" not in said, said
    # The ABC section says the class-C share again: alike.
    abc = products.abc_facts(products.classify_skus(shopify, period, months=1))
    assert abc["c_share"] == facts["tail_revenue_share"]
    assert card in chosen_sentence("products.abc.takeaway", abc, language)


def test_the_quietest_days_tied_are_said_as_several(ga4) -> None:
    period = ga4.period("2023-05")
    facts = traffic.daily_facts(traffic.daily_traffic(ga4, period, None))
    assert len(facts["low_days"]) == 20 and facts["low_visitors"] == 0  # 1–20 May, 0 users each
    en = chosen_sentence("traffic.daily.takeaway", facts, "en")
    assert "; the quietest were 1, 2, 3 May and 17 other days, tied with 0." in en, en
    assert en.startswith("The busiest day was 21 May with 1 visitor")  # one day: singular
    zh = chosen_sentence("traffic.daily.takeaway", facts, "zh")
    assert "最少的日子是5月1日、2日、3日及其他17天（并列）" in zh and "访客最多的一天是5月21日" in zh, zh


# ----------------------------------------------------------------------------- one rule of a share
# The pack wrote one share three ways on one page: a table with one decimal (0.1%), a card with two
# below 10% (0.07%), and a share too small for two decimals as "0.00%", which a reader takes for none.
# One rule now (number_style.format_share): one decimal from 10%, two below, 0 is "0%", a share that
# is not zero but too small for two decimals "<0.01%", the same text in a card, a table, a sentence
# and a chart's label, in both languages.

@pytest.mark.parametrize(("value", "shown"), [
    (1 / 1402, "0.07%"),          # 1 of 1,402 customers: 0.0713% (the table said 0.1%)
    (0.0275, "2.75%"),            # the table said 2.8%
    (0.0, "0%"),                  # none (the card said 0.00%, the table 0.0%)
    (3 / 100_000, "<0.01%"),      # 3 of 100,000: 0.003% (the card said <0.01%, the table 0.0%)
    (0.09999, "10.0%"),           # 9.999% rounds to 10%, written as 10% is (the card said 10.00%)
    (36078 / 36081, "99.99%"),    # a share short of all is never 100.0%
    (-0.00004, "\u2212<0.01%"),   # a margin rate just below zero (the card said 0.00%)
])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_share_reads_the_same_on_a_card_in_a_table_in_a_sentence_and_on_a_chart(value, shown, language) -> None:
    from storebook.report import tables
    from storebook.report.plots import operations
    from storebook.report.text import Text

    text = Text(language)
    assert format_metric("repeat_rate_30", value, language) == shown                 # a card
    assert text.format("{v:pct}", v=value) == shown                                  # a sentence
    assert text.number(value, "pct", compact=False) == shown                         # a table's cell
    frame = pd.DataFrame({"platform": ["total"], "repeat_rate_30": [value]})
    assert f">{shown}</td>" in tables.format_table(frame, text).to_html()             # a table
    assert operations._bar_value("pct", value) == shown                              # a bar's label


def test_a_heatmap_of_shares_writes_each_cell_as_its_table_does() -> None:
    from storebook.report import plots
    from storebook.report.text import Text

    # Retention by cohort: 0.3% and 0.004% were "0%" in the cells, as the true 0 beside them.
    grid = pd.DataFrame({"cohort": ["2026-08"] * 3, "month": ["1", "2", "3"], "retention": [0.123, 0.003, 0.00004]})
    grid = pd.concat([grid, pd.DataFrame({"cohort": ["2026-09"], "month": ["1"], "retention": [0.0]})])
    fig = plots.heatmap(grid, Text("en"), index="cohort", columns="month", values="retention", kind="pct")
    assert sorted(t.get_text() for t in fig.axes[0].texts) == sorted(["12.3%", "0.30%", "<0.01%", "0%"])


def test_marketing_spend_over_sales_is_a_ratio_and_the_discount_depth_a_share_of_list() -> None:
    from storebook.measures.marketing import marketing_ratio
    from storebook.measures.metrics import METRICS
    from storebook.report import tables
    from storebook.report.text import Text

    # Marketing spend ÷ paid amount: ¥12,500 spent on ¥10,000 of sales is 125%, no part of the sales;
    # 99.996% of sales spent reads 100.0%, not a share's ">99.99%".
    assert marketing_ratio(12_500.0, 10_000.0) == pytest.approx(1.25)
    assert METRICS["marketing_ratio"].display == METRICS["marketing_ratio"].column_kind == "percent"
    assert [format_metric("marketing_ratio", v) for v in (1.25, 0.99996, 0.0512)] == ["125.0%", "100.0%", "5.12%"]
    assert tables.column_kind("marketing_ratio") == tables.column_kind("budget_marketing_ratio") == "percent"
    # Spend over its budget (spend ÷ budget − 1) is no share either: ¥19,999.80 on a budget of ¥10,000
    # is 99.998% over, "100.0%", not ">99.99%".
    assert tables.column_kind("over_budget_rate") == "percent"
    over = pd.DataFrame({"channel": ["search"], "over_budget_rate": [19_999.8 / 10_000 - 1]})
    assert ">100.0%</td>" in tables.format_table(over, Text("en")).to_html()
    # The discount depth is 1 − price realisation, the share of the list price given away: a category
    # sold above list (realisation 103.2%) has a depth of −3.2%, and one sold at 0.004% of list gave
    # 99.996% away: ">99.99%", not all of it ("100.0%"), in the table and in the sentence alike, as
    # the promotions' and competitors' depths are written (the share rule, kind pct).
    assert tables.column_kind("discount_depth") == tables.column_kind("price_cut") == "pct"
    frame = pd.DataFrame({"category": ["toys", "books"], "realisation": [1.032, 0.00004],
                          "discount_depth": [1 - 1.032, 1 - 0.00004]})
    html = tables.format_table(frame, Text("en")).to_html()
    assert ">\u22123.20%</td>" in html and " >>99.99%</td>" in html and ">100.0%</td>" not in html
    said = Text("zh")("products.price.takeaway", list_uplift=0.5, discount_amount=1000.0,
                      deepest="玩具", deepest_depth=1 - 0.00004)
    assert ">99.99%" in said and "100.0%" not in said, said


def _table_cells(frame: pd.DataFrame, text, columns: list[str]) -> dict[str, str]:
    """The cells of ``columns[1]`` of the table a page shows, by the row's ``columns[0]``."""
    import re

    from storebook.report import tables

    html = tables.format_table(frame, text, columns=columns).to_html()
    cells = re.findall(r'class="data row\d+ col1" >(.*?)</td>', html)
    return dict(zip(frame[columns[0]], cells, strict=True))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_fulfilment_page_says_the_late_rate_alike_on_its_card_and_in_its_table(wb, language) -> None:
    """The sample store's fulfilment page: the month's late deliveries (a share of the parcels)
    on the headline card and in the carriers table's total row, in one text."""
    from storebook.areas import fulfilment
    from storebook.report import tables
    from storebook.report.text import Text

    text, period = Text(language), wb.period("2026-10")
    headline = fulfilment.fulfilment_headline(wb, period, None)
    late = headline[(headline.metric == "late_rate") & (headline.platform == "total")]["value"].iloc[0]
    carriers = fulfilment.summarise_delivery_times(wb, period, None, by="carrier")
    assert 0 < late < 0.1  # two decimals: where the card (1.51%) and the table (1.5%) parted
    card = format_metric("late_rate", late, language)
    assert card in tables.metric_cards(headline[headline.metric == "late_rate"], text).to_html()
    assert _table_cells(carriers, text, ["carrier", "late_rate"])["total"] == card
    assert chosen_sentence("fulfilment.carriers.takeaway", fulfilment.carrier_facts(carriers), language).count(card)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_profit_page_says_the_marketing_ratio_alike_on_its_cards_and_in_its_table(wb, language) -> None:
    """The sample store's profit page: its cards and its cost-ratio table say each platform's
    marketing spend ÷ sales in one text."""
    from storebook.areas import profit
    from storebook.report import tables
    from storebook.report.text import Text

    text, period = Text(language), wb.period("2026-10")
    headline = profit.profit_headline(wb, period, None)
    headline = headline[headline.metric == "marketing_ratio"]
    ratios = profit.compute_cost_ratios(wb, period, None)
    # one platform's below 10% (9.37%: two decimals, where the card and the table parted)
    assert any(0 < v < 0.1 for v in ratios["marketing_ratio"]), ratios["marketing_ratio"]
    cards = tables.metric_cards(headline, text).to_html()
    in_table = _table_cells(ratios, text, ["platform", "marketing_ratio"])
    compared = 0
    for platform, value in zip(headline["platform"], headline["value"], strict=True):
        card = format_metric("marketing_ratio", value, language)
        assert card in cards
        if platform in in_table:
            assert in_table[platform] == card, (platform, in_table, card)
            compared += 1
    assert compared == len(ratios), (list(headline["platform"]), in_table)


def test_a_bar_of_a_ratio_is_labelled_as_a_ratio_and_a_bar_of_a_share_as_a_share() -> None:
    from storebook.report import plots
    from storebook.report.text import Text

    # The profit page's cost-ratio bars: marketing spend of 99.996% of sales is "100.0%" as in its table
    # (a ratio), the 24-hour dispatch rate of 99.996% ">99.99%" (a share short of all); 0.3% is no "0%".
    frame = pd.DataFrame({"platform": ["jd", "web"], "marketing_ratio": [0.99996, 0.003],
                          "within_24h_rate": [0.99996, 0.003]})
    fig = plots.rate_bars(frame, Text("en"), category="platform", values=["marketing_ratio", "within_24h_rate"])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == sorted(["100.0%", "0.30%", ">99.99%", "0.30%"])
    fig = plots.hbars(frame, Text("zh"), category="platform", values=["marketing_ratio"], kind="pct")
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["0.30%", "100.0%"]
