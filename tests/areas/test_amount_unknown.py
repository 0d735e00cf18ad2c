"""Takeaways on a store whose orders carry no amount (a units-only export: the Tianchi
mum-baby trade history), against the same store with its amounts.

The paid amount (and the refund amount, the line amount) is optional in the contract: a sum
of unknowns is unknown, and the sentence whose subject it was would read "Paid amount reached
n/a". Each facts function picks its ``no_amount`` variant (data quality: ``no_line_amount``,
``no_lines``; refunds with amounts but none refunded known: ``no_refunds``) from the numbers,
and that sentence states what is known and says the exports carry no amounts. With the
amounts, the variant is the one the sentence always had.

The hand store is tests/support/amounts.py's (its table of orders is there).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from storebook.areas import conversion, customers, overview, overview_facts, quality, service
from storebook.engine import periods
from storebook.report.text import CATALOGUE, Text, placeholders
from support.amounts import amount_store, chosen_sentence

MARCH = periods.month("2026-03")
#: The facts that are money, or a share of it: unknown when the orders carry no amount.
MONEY = {"paid_amount", "gross_margin", "returning_sales_share", "new_aov", "returning_aov", "revenue_m0",
         "revenue_m3", "refund_amount", "refund_rate", "net_amount", "top", "top_rate", "cost_known_revenue",
         "top_share", "top3_share", "top10_share", "amount"}


def _says_no_amount(key: str, facts: dict) -> None:
    """The sentence the facts chose states no money figure the facts do not know (its subject
    would read n/a): none of its placeholders is an unknown amount or a share of one; and it
    says, once, that the exports carry none."""
    variant = facts.get("variant")
    chosen = CATALOGUE[f"{key}.{variant}" if variant else key]
    unknown = {name for name, value in facts.items() if name in MONEY and (value is None or pd.isna(value))}
    assert unknown, "the case has no unknown money"
    assert not placeholders(chosen["en"]) & unknown, (key, variant, placeholders(chosen["en"]) & unknown)
    en, zh = chosen_sentence(key, facts, "en"), chosen_sentence(key, facts, "zh")
    assert en.count("exports carry no") == 1 and zh.count("导出数据没有") == 1, (en, zh)


# ------------------------------------------------------------------------------- customers


def test_new_returning_without_amounts_states_the_buyers_and_says_the_money_is_not_in_the_data(
        with_amounts, units_only) -> None:
    known = customers.new_returning_facts(customers.split_new_returning(with_amounts, MARCH), MARCH)
    assert known["variant"] is None
    # returning in March: alice (50) and bob (20); new: carol (200), gina (40)
    assert known["returning_aov"] == pytest.approx(35.0) and known["returning_sales_share"] == pytest.approx(70 / 310)
    assert "Returning buyers spent ¥35.00 each" in chosen_sentence("customers.new_returning.takeaway", known)
    unknown = customers.new_returning_facts(customers.split_new_returning(units_only, MARCH), MARCH)
    assert unknown["variant"] == "no_amount" and (unknown["new"], unknown["returning"]) == (2, 2)
    _says_no_amount("customers.new_returning.takeaway", unknown)
    assert chosen_sentence("customers.new_returning.takeaway", unknown).startswith("2 buyers were new and 2 returning.")
    # The chart's title too (page.t takes the facts' variant where the title has one).
    assert Text("en")("customers.new_returning.title.no_amount", **unknown) == "50.0% of buyers were new"
    assert "n/a" not in Text("zh")("customers.new_returning.title.no_amount", **unknown)


def test_customers_headline_without_amounts_leaves_the_sales_share_out(with_amounts, units_only) -> None:
    known = customers.headline_facts(customers.customers_headline(with_amounts, MARCH), MARCH)
    # December's customers (the 90-day cohort) are before these data: no 90-day rate, said so.
    assert known["variant"] == "no_90"
    assert "Returning customers brought 22.6% of sales" in chosen_sentence("customers.headline.takeaway", known)
    unknown = customers.headline_facts(customers.customers_headline(units_only, MARCH), MARCH)
    assert unknown["variant"] == "no_amount.no_90" and unknown["customers"] == 4 and unknown["new_buyers"] == 2
    _says_no_amount("customers.headline.takeaway", unknown)


def test_cohorts_without_amounts_state_the_retention_alone(with_amounts, units_only) -> None:
    known = customers.cohort_facts(customers.build_cohorts(with_amounts, periods.month("2026-04"), months=4))
    assert known["variant"] is None and known["revenue_m3"] is not None
    assert "A customer spends ¥100.00 in the month of the first purchase" in chosen_sentence("customers.cohorts.takeaway",
                                                                                         known)
    unknown = customers.cohort_facts(customers.build_cohorts(units_only, periods.month("2026-04"), months=4))
    assert unknown["variant"] == "no_amount"
    assert unknown["month1_retention"] == pytest.approx(known["month1_retention"])  # counts, not money
    _says_no_amount("customers.cohorts.takeaway", unknown)


def test_provinces_without_amounts_name_the_province_with_most_buyers(with_amounts, units_only) -> None:
    known = customers.province_facts(customers.summarise_provinces(with_amounts, MARCH))
    # Three provinces: "the top three bring 100.0%" would say nothing, so the sentence leaves it out.
    assert known["variant"] == "few" and known["top"] == "广东" and known["top_share"] == pytest.approx(220 / 310)
    sentence = chosen_sentence("customers.provinces.takeaway", known)
    assert "Buyers came from 3 provinces. 广东 leads with 71.0% of sales." in sentence and "top three" not in sentence
    unknown = customers.province_facts(customers.summarise_provinces(units_only, MARCH))
    # Ranked by an unknown amount, the first row is the first name; the shares do not sum to 0.
    assert unknown["variant"] == "no_amount" and pd.isna(unknown["top3_share"])
    assert (unknown["top_buyers"], unknown["top_buyers_count"]) == ("广东", 2)
    _says_no_amount("customers.provinces.takeaway", unknown)
    assert chosen_sentence("customers.provinces.takeaway", unknown).startswith(
        "Buyers came from 3 provinces; most lived in 广东 (2 buyers).")
    assert Text("en")("customers.provinces.title.no_amount", **unknown) == "Most buyers live in 广东 (2)"


# ------------------------------------------------------------------------------ conversion


def test_conversion_buyers_without_amounts_leave_the_spend_per_buyer_out(with_amounts, units_only) -> None:
    known = conversion.buyers_facts(conversion.new_vs_returning(with_amounts, MARCH), MARCH)
    assert known["variant"] is None
    assert "Returning buyers spent ¥35.00 each, new buyers ¥120.00" in chosen_sentence("conversion.buyers.takeaway", known)
    unknown = conversion.buyers_facts(conversion.new_vs_returning(units_only, MARCH), MARCH)
    assert unknown["variant"] == "no_amount" and (unknown["new"], unknown["returning"]) == (2, 2)
    _says_no_amount("conversion.buyers.takeaway", unknown)


# -------------------------------------------------------------------------------- overview


def test_scorecard_without_amounts_states_the_orders(with_amounts, units_only) -> None:
    known = overview_facts.scorecard_facts(overview.build_scorecard(with_amounts, MARCH))
    assert known["variant"] == "no_cost.no_targets"  # no targets table; no catalogue: no cost, no margin
    assert "Paid amount reached ¥310" in chosen_sentence("overview.scorecard.takeaway", known)
    unknown = overview_facts.scorecard_facts(overview.build_scorecard(units_only, MARCH))
    assert unknown["variant"] == "no_amount.no_targets"
    _says_no_amount("overview.scorecard.takeaway", unknown)
    # 4 orders in March, 1 in February (up 300%), none a year before (unknown: left out, not "n/a on last year")
    assert chosen_sentence("overview.scorecard.takeaway", unknown).startswith(
        "Orders reached 4 (up 300.0% on the prior month); the paid amount and the gross margin are "
        "not in this store's data")


def test_scorecard_variants_with_targets_keep_their_target_clause() -> None:
    def card(paid: float | None, status: str) -> pd.DataFrame:
        return pd.DataFrame({
            "platform": ["total"] * 3, "metric": ["paid_amount", "orders", "gross_margin"],
            "value": [paid, 4.0, None], "vs_prior": [None, 3.0, None], "vs_last_year": [None, None, None],
            "status": ["no_data" if paid is None else "green", status, "no_data"],
            "vs_target": [None, -0.2 if status == "red" else 0.01, None]})
    assert overview_facts.scorecard_facts(card(310.0, "red"))["variant"] is None
    assert overview_facts.scorecard_facts(card(310.0, "green"))["variant"] == "no_red"
    red = overview_facts.scorecard_facts(card(None, "red"))
    assert red["variant"] == "no_amount"
    assert "1 missed it by more than 5%, furthest Orders" in chosen_sentence("overview.scorecard.takeaway", red)
    green = overview_facts.scorecard_facts(card(None, "green"))
    assert green["variant"] == "no_amount.no_red"
    for facts in (red, green):
        _says_no_amount("overview.scorecard.takeaway", facts)


# --------------------------------------------------------------------------------- service


def test_refunds_without_amounts_say_there_is_nothing_to_measure(tmp_path: Path, with_amounts, units_only) -> None:
    known = service.refund_facts(service.compute_refund_rate(with_amounts, MARCH, by="platform"))
    assert known["variant"] == "single" and known["refund_rate"] == pytest.approx(5 / 310)
    assert chosen_sentence("service.refunds.takeaway", known).startswith("¥5 of the month's paid orders was refunded, 1.61%")
    unknown = service.refund_facts(service.compute_refund_rate(units_only, MARCH, by="platform"))
    assert unknown["variant"] == "no_amount" and unknown["orders"] == 4
    _says_no_amount("service.refunds.takeaway", unknown)
    assert chosen_sentence("service.refunds.takeaway", unknown).startswith("4 orders were paid this month.")
    # The amounts known, the refunds not (refund_amount empty in every row): no rate to measure either.
    no_refunds = amount_store(tmp_path / "no_refunds", amounts=True, refunds=False)
    facts = service.refund_facts(service.compute_refund_rate(no_refunds, MARCH, by="platform"))
    assert facts["variant"] == "no_refunds" and facts["paid_amount"] == pytest.approx(310.0)
    _says_no_amount("service.refunds.takeaway", facts)
    assert chosen_sentence("service.refunds.takeaway", facts).startswith("The month's 4 paid orders came to ¥310.")


def test_service_headline_without_a_refund_rate_says_it_is_not_in_the_data() -> None:
    def headline(platforms: list[str], refund_rate: float | None) -> pd.DataFrame:
        rows = [(p, m, v) for p in [*platforms, "total"] for m, v in (
            ("tickets", 10.0), ("csat", 4.0 if p != "jd" else 3.5), ("first_response_median_min", 3.0),
            ("complaints_per_1000_orders", 2.0), ("refund_rate", refund_rate))]
        return pd.DataFrame(rows, columns=["platform", "metric", "value"]).assign(vs_prior=0.1)
    assert service.headline_facts(headline(["tmall", "jd"], 0.02), MARCH)["variant"] is None
    assert service.headline_facts(headline(["tmall"], 0.02), MARCH)["variant"] == "single"
    both = service.headline_facts(headline(["tmall", "jd"], None), MARCH)
    assert both["variant"] == "no_refund_rate"
    assert "JD had the lowest CSAT" in chosen_sentence("service.headline.takeaway", both)
    one = service.headline_facts(headline(["tmall"], None), MARCH)
    assert one["variant"] == "single.no_refund_rate"
    for facts in (both, one):
        for language in ("en", "zh"):
            sentence = chosen_sentence("service.headline.takeaway", facts, language)
            assert "n/a" not in sentence and "未知的" not in sentence and "退款率未知" not in sentence, sentence
        assert "the refund rate is not in this store's data" in chosen_sentence("service.headline.takeaway", facts)


def test_backlog_without_amounts_counts_the_waiting_orders() -> None:
    from storebook.areas import fulfilment

    def backlog(amount: float, unshipped: int = 3) -> pd.DataFrame:
        return pd.DataFrame({"platform": ["tmall", "total"], "unshipped": [unshipped] * 2, "over_48h": [1, 1],
                             "unshipped_amount": [amount] * 2, "oldest_paid_at": [pd.Timestamp("2026-03-29")] * 2})
    known = fulfilment.backlog_facts(backlog(120.0))
    assert known["variant"] is None
    assert chosen_sentence("fulfilment.backlog.takeaway", known).startswith("3 paid orders (¥120) had not shipped")
    assert fulfilment.backlog_facts(backlog(0.0, unshipped=0))["variant"] == "none"
    unknown = fulfilment.backlog_facts(backlog(float("nan")))  # as count_unshipped_orders gives it
    assert unknown["variant"] == "no_amount"
    _says_no_amount("fulfilment.backlog.takeaway", unknown)
    assert chosen_sentence("fulfilment.backlog.takeaway", unknown).startswith("3 paid orders had not shipped by the end")


# ---------------------------------------------------------------------------- data quality


def test_order_quality_without_line_amounts_leaves_the_cost_share_out(tmp_path: Path, with_amounts,
                                                                        units_only) -> None:
    # No catalogue: no SKU is looked up in one (unknown, not "100% of lines not in the catalogue").
    for store in (with_amounts, units_only):
        facts = quality.quality_facts(orders=quality.measure_order_quality(store, MARCH))
        assert facts["variant"] == "no_catalogue" and facts["not_in_catalogue_share"] is None
        sentence = chosen_sentence("data_quality.orders.takeaway", facts)
        assert "n/a" not in sentence and "has no product catalogue" in sentence
    # A catalogue listing the SKU at an unknown cost: no cost is known at all, so there is no share
    # of revenue to state (it said "unit cost is known for 0.0% of line revenue, so margins cover
    # that part only").
    known = quality.quality_facts(orders=quality.measure_order_quality(
        amount_store(tmp_path / "listed", amounts=True, catalogue=True), MARCH))
    assert known["variant"] == "no_cost" and known["cost_known_revenue"] is None
    assert known["not_in_catalogue_share"] == 0.0
    assert "No unit cost is known for any of the line revenue" in chosen_sentence("data_quality.orders.takeaway", known)
    unknown = quality.quality_facts(orders=quality.measure_order_quality(
        amount_store(tmp_path / "listed_units", amounts=False, catalogue=True), MARCH))
    assert unknown["variant"] == "no_line_amount" and unknown["not_in_catalogue_share"] == 0.0
    _says_no_amount("data_quality.orders.takeaway", unknown)
    no_lines = quality.quality_facts(orders=quality.measure_order_quality(
        amount_store(tmp_path / "no_lines", amounts=True, lines=False), MARCH))
    assert no_lines["variant"] == "no_lines"
    sentence = chosen_sentence("data_quality.orders.takeaway", no_lines)
    assert "n/a" not in sentence and "have no order lines" in sentence
    # The ingest part's variant is its own: the orders part does not replace it.
    assert quality.quality_facts(pd.DataFrame({"files": [1], "rows_read": [2], "rows_written": [2], "kept_share": [1.0],
                                               "table": ["orders"]}))["variant"] == "all"


def test_every_no_amount_variant_has_its_sentence_in_both_languages() -> None:
    keys = [k for k in CATALOGUE
            if ".no_amount" in k or k.endswith((".no_line_amount", ".no_lines", ".no_refunds", ".no_refund_rate"))]
    # 17, the cohorts' table caption, title and sentence when too young, the traffic
    # headline of events without amounts (with and without history), and the customers
    # headline of data too young for a 90-day repeat rate, or for any (no_amount.no_repeat); the
    # plan's five takeaways where no order has an amount, and the fulfilment issues' title and
    # sentence without refunds
    assert len(keys) == 31, keys
    for key in keys:
        assert "n/a" not in CATALOGUE[key]["en"] and CATALOGUE[key]["zh"]


def test_a_chart_title_takes_the_variant_the_facts_chose_where_it_has_one() -> None:
    from storebook.report.page import Page

    page = Page("customers", None, MARCH, ["tmall"], Text("en"))
    facts = {"new_share": 0.5, "returning_sales_share": None}
    assert page.t("customers.new_returning.title", **facts) == "50.0% of buyers were new; returning buyers brought n/a of sales"
    assert page.t("customers.new_returning.title", **facts, variant="no_amount") == "50.0% of buyers were new"
    # A variant the title does not have (the RFM facts' value_grew) leaves the title as it is.
    assert page.t("customers.cohorts.title", month1_retention=0.25, variant="value_grew") == \
        "On average 25.0% of a month's new customers buy again the next month"


def test_refunds_of_one_platform_or_of_none_name_no_platform_that_refunded_most() -> None:
    # The Shopify export (one web shop, nothing refunded) read "Web shop refunded the largest share (0.0%)".
    def refunds(rows: list[tuple[str, float, float]]) -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=["platform", "paid_amount", "refund_amount"]).assign(orders=9)
        return frame.assign(net_amount=frame["paid_amount"] - frame["refund_amount"],
                            refund_rate=frame["refund_amount"] / frame["paid_amount"])
    none = service.refund_facts(refunds([("web", 13961.45, 0.0)]))
    assert none["variant"] == "none_refunded"
    said = chosen_sentence("service.refunds.takeaway", none)
    assert said.startswith("None of the month's 9 paid orders (¥13,961) has been refunded so far.")
    assert "largest share" not in said
    one = service.refund_facts(refunds([("web", 310.0, 5.0)]))
    assert one["variant"] == "single" and "largest share" not in chosen_sentence("service.refunds.takeaway", one)
    two = service.refund_facts(refunds([("web", 310.0, 5.0), ("jd", 100.0, 10.0)]))
    assert two["variant"] is None
    assert "JD refunded the largest share (10.0%)" in chosen_sentence("service.refunds.takeaway", two)
