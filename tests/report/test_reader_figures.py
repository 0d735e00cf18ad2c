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
