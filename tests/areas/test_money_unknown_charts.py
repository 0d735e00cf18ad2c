"""What the customers page draws, and the overview's sentences say, where money is unknown or
cannot be compared: the hand store of tests/support/amounts.py (its table of orders is there).

- Units only, the charts draw what is known: the new/returning bars the share of buyers alone
  (a share of unknown sales is no bar), the provinces the buyers, sorted by orders (March:
  广东 2 orders, then 上海 and 浙江 1 each by name — not the alphabet's 上海, 广东, 浙江); the
  cohorts table counts the customers still buying instead of an unknown spend.
- January is the data's first month (alice alone, new; no prior month; her cohort not a month
  old): no sentence says a returning buyer's spend, a grower or a retention of n/a.
- No catalogue: the scorecard says the gross margin is unknown for want of product costs,
  never "gross margin n/a"; with costs but no commission rates, that the P&L could not be
  computed. The scorecard's notices and the repeat-rate notice are said in the report's
  language (a zh pack showed English ones).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from storebook.areas import customers, overview, overview_facts
from storebook.engine import periods
from storebook.errors import NoDataError
from storebook.report import tables
from storebook.report.text import Text
from support.amounts import ROWS, chosen_sentence
from support.stores import write_tables

MARCH, JANUARY, FEBRUARY = periods.month("2026-03"), periods.month("2026-01"), periods.month("2026-02")
#: English words in a 中文 sentence (file paths, column names and commands aside).
ENGLISH = re.compile(r"\b(?!data\b|raw\b|storebook\b|ingest\b|unit_cost\b|targets\b|Shopify\b|Cost\b|per\b|item\b)"
                     r"[A-Za-z]{3,}\b")


def _no_na(sentence: str) -> str:
    """(A 中文 sentence says an unknown as 无, which other words hold too: its English twin,
    with the same placeholders, is the one checked.)"""
    assert "n/a" not in sentence, sentence
    return sentence


# ------------------------------------------------------------------------------- customers


def test_new_returning_bars_draw_the_known_shares(with_amounts, units_only) -> None:
    known = customers.new_returning_facts(customers.split_new_returning(with_amounts, MARCH), MARCH)
    assert known["bars"] == ["share_of_buyers", "share_of_sales"]
    unknown = customers.new_returning_facts(customers.split_new_returning(units_only, MARCH), MARCH)
    assert unknown["bars"] == ["share_of_buyers"]


def test_a_month_without_returning_buyers_states_the_new_buyers_spend(with_amounts) -> None:
    facts = customers.new_returning_facts(customers.split_new_returning(with_amounts, JANUARY), JANUARY)
    assert facts["variant"] == "no_returning" and (facts["new"], facts["returning"]) == (1, 0)
    en = _no_na(chosen_sentence("customers.new_returning.takeaway", facts))
    assert en.startswith("1 buyer was new and none returning") and "New buyers spent ¥100.00 each" in en
    _no_na(chosen_sentence("customers.new_returning.takeaway", facts, "zh"))


def test_provinces_without_amounts_are_ranked_by_orders_and_charted_by_buyers(with_amounts, units_only) -> None:
    unknown = customers.summarise_provinces(units_only, MARCH)
    assert list(unknown["province"]) == ["广东", "上海", "浙江"] and list(unknown["orders"]) == [2, 1, 1]
    facts = customers.province_facts(unknown)
    assert (facts["bars"], facts["bars_kind"]) == (["buyers"], "count")
    known = customers.summarise_provinces(with_amounts, MARCH)  # by sales: 广东 220, 浙江 50, 上海 40
    assert list(known["province"]) == ["广东", "浙江", "上海"]
    assert customers.province_facts(known)["bars"] == ["paid_amount"]


def test_provinces_without_a_prior_month_name_no_grower(with_amounts) -> None:
    facts = customers.province_facts(customers.summarise_provinces(with_amounts, JANUARY))
    # One province (浙江) in January: no ranking of one ("leads", "the top three bring 100.0%").
    assert facts["variant"] == "one.no_prior" and facts["grower"] is None
    en = _no_na(chosen_sentence("customers.provinces.takeaway", facts))
    # Said of the place, not "It sold nothing … so no change on it can be told" (a province sells nothing).
    assert en == ("Every buyer whose province is known lived in 浙江; the data hold no sales there in the prior month "
                  "to compare with.")
    zh = _no_na(chosen_sentence("customers.provinces.takeaway", facts, "zh"))
    assert "浙江" in zh and "前三省" not in zh


def test_cohorts_too_young_say_so_and_state_the_first_month_spend(with_amounts, units_only) -> None:
    young = customers.cohort_facts(customers.build_cohorts(with_amounts, JANUARY, months=1))
    assert young["variant"] == "young" and young["revenue_first"] == pytest.approx(100.0)
    en = _no_na(chosen_sentence("customers.cohorts.takeaway", young))
    assert "none a month old yet" in en and "spent ¥100.00 each" in en
    _no_na(chosen_sentence("customers.cohorts.takeaway", young, "zh"))
    assert "n/a" not in Text("en")("customers.cohorts.title.young", **young)
    # February: January's cohort is a month old (alice did not come back), none three months:
    # the first month's spend is the cohorts' average (alice 100, bob 80), the third's unknown.
    short = customers.cohort_facts(customers.build_cohorts(with_amounts, FEBRUARY, months=2))
    assert short["variant"] == "short" and short["revenue_first"] == pytest.approx(90.0)
    assert "A customer spends ¥90.00 in the month of the first purchase" in _no_na(
        chosen_sentence("customers.cohorts.takeaway", short))
    units = customers.cohort_facts(customers.build_cohorts(units_only, JANUARY, months=1))
    assert units["variant"] == "no_amount.young" and units["first_customers"] == 1
    _no_na(chosen_sentence("customers.cohorts.takeaway", units))
    assert chosen_sentence("customers.cohorts.takeaway", units).count("exports carry no amounts") == 1


def test_the_cohorts_table_counts_customers_where_the_spend_is_unknown(with_amounts, units_only) -> None:
    april = periods.month("2026-04")
    known = customers.cohort_facts(customers.build_cohorts(with_amounts, april, months=4))
    assert (known["table_values"], known["table_kind"]) == ("cumulative_revenue_per_customer", "money2")
    cohorts = customers.build_cohorts(units_only, april, months=4)
    unknown = customers.cohort_facts(cohorts)
    assert (unknown["table_values"], unknown["table_kind"]) == ("active_customers", "count")
    # March's cohort (carol, gina): carol came back in April.
    march = cohorts[cohorts["cohort"] == "2026-03"].set_index("months_since")[unknown["table_values"]]
    assert list(march) == [2, 1]
    html = tables.pivot_table(
        customers.first_months(cohorts), Text("en"), index="cohort", columns="months_since",
        values=unknown["table_values"], kind=unknown["table_kind"],
        caption=Text("en")("customers.cohorts.revenue.no_amount")).to_html()
    assert "Customers who bought, by months after the first purchase" in html and ">2<" in html


def test_the_repeat_rate_notice_is_said_in_the_reports_language(with_amounts) -> None:
    # Months after the data begin, none of whose new customers can be followed: "no new customers".
    with pytest.raises(NoDataError) as err:
        customers.compute_repeat_rates(with_amounts, periods.month("2026-12"))
    assert err.value.key == "customers.repeat.no_cohorts" and "no new customers" in str(err.value)
    zh = Text("zh")(err.value.key, **err.value.values)
    assert zh.startswith("批次月份") and not ENGLISH.search(zh), zh


def test_cohort_months_before_the_data_begin_are_not_said_to_have_no_new_customers(with_amounts) -> None:
    # The Shopify export (11–17 May 2025) read "No new customers in the cohort month(s) 2024-09, …,
    # 2025-04": months the data do not reach, not months the store won no customer in.
    with pytest.raises(NoDataError) as err:
        customers.compute_repeat_rates(with_amounts, JANUARY)
    assert err.value.key == "customers.repeat.before_data" and "no new customers" not in str(err.value)
    first, cohorts = err.value.values["first"], err.value.values["cohorts"]
    assert first == "2026-01-10" and cohorts == "2025-10, 2025-12"  # alice's first order; December's 30 days, October's 90
    en = Text("en")(err.value.key, **err.value.values)
    assert en.startswith("The data begin on 2026-01-10, after the month(s) whose new customers a repeat rate "
                         "follows (2025-10, 2025-12):"), en
    zh = Text("zh")(err.value.key, **err.value.values)
    assert zh.startswith("数据自2026-01-10才开始") and not ENGLISH.search(zh), zh


# -------------------------------------------------------------------------------- overview


def test_scorecard_without_product_costs_says_why_the_margin_is_unknown(with_amounts) -> None:
    card = overview.build_scorecard(with_amounts, MARCH)
    facts = overview_facts.scorecard_facts(card)
    assert facts["variant"] == "no_cost.no_targets" and pd.isna(facts["gross_margin"])
    en = chosen_sentence("overview.scorecard.takeaway", facts)
    assert en.startswith("Paid amount reached ¥310") and "gross margin n/a" not in en and "unit_cost" in en
    assert "the gross margin is not known: the store's data carry no product costs" in en
    zh = chosen_sentence("overview.scorecard.takeaway", facts, "zh")
    assert "毛利无" not in zh and "没有商品成本" in zh and "unit_cost" in zh
    # Its sources without data all lack their table here (the section's note names them): no notice.
    assert overview_facts.scorecard_notices(card, Text("zh")) == []


def test_scorecard_with_costs_but_no_pnl_says_the_margin_could_not_be_computed(tmp_path: Path) -> None:
    orders = [{"order_id": o, "platform": "tmall", "customer_id": c, "ordered_at": pd.Timestamp(t),
               "paid_at": pd.Timestamp(t), "status": "completed", "paid_amount": a, "items_amount": a,
               "refund_amount": 0.0} for o, c, t, a in ROWS]
    lines = [{"order_id": o, "line_no": 1, "sku": "S1", "quantity": 1, "line_amount": a} for o, _, _, a in ROWS]
    wb = write_tables(tmp_path, orders=orders, order_lines=lines,
                      products=[{"sku": "S1", "product_name": "One", "category": "c", "unit_cost": 5.0}])
    facts = overview_facts.scorecard_facts(overview.build_scorecard(wb, MARCH))
    assert facts["variant"] == "no_margin.no_targets"  # no platform_fees: no commission, no P&L
    en = chosen_sentence("overview.scorecard.takeaway", facts)
    assert "gross margin n/a" not in en and "the gross margin could not be computed" in en


def test_scorecard_notices_of_a_source_without_data_are_said_in_chinese(with_amounts) -> None:
    card = overview.build_scorecard(with_amounts, MARCH)
    card.attrs["notices"] = [("overview.scorecard.source_missing",
                              {"month": "2026-03", "metrics": ["marketing_spend", "roas"]})]
    zh, = overview_facts.scorecard_notices(card, Text("zh"))
    assert "推广花费" in zh and not ENGLISH.search(zh), zh
    en, = overview_facts.scorecard_notices(card, Text("en"))
    assert en == ("Marketing spend and ROAS left out of 2026-03's scorecard: the month has none of the data they are "
                  "computed from.")


def test_movement_in_the_datas_first_month_says_no_one_could_stay_important_value(with_amounts) -> None:
    facts = customers.movement_facts(customers.move_rfm_segments(with_amounts, JANUARY))
    assert facts["variant"] == "no_value_before" and facts["entered"] == 1
    en = chosen_sentence("customers.movement.takeaway", facts)
    # (a share in a sentence reads as on its card: none is "0.00%")
    assert en.startswith("1 customer entered the 12-month window") and "0.0" not in en and "(0)" not in en
    assert "0.0" not in Text("en")("customers.movement.title.no_value_before", **facts)


def test_the_buyers_chart_of_provinces_counts_in_whole_numbers(units_only) -> None:
    from storebook.report import plots

    facts = customers.province_facts(customers.summarise_provinces(units_only, MARCH))
    fig = plots.hbars(customers.summarise_provinces(units_only, MARCH), Text("en"), category="province",
                      values=facts["bars"], kind=facts["bars_kind"], title="t")
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert len(ticks) == len(set(ticks)) and ticks[:3] == ["0", "1", "2"], ticks  # was 0, 0, 1, 2, 2
    assert fig.axes[0].get_xlabel() == "Buyers"
