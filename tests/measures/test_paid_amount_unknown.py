"""Orders whose paid amount is unknown (``orders.paid_amount`` is optional: a units-only export,
the Tianchi trade history, a warehouse's outbound orders): by hand, on three orders.

March on tmall: C1 and C2 buy for the first time (O1 ¥100, O2 amount unknown), C3 returns
(O3 ¥30; C3 first bought in February, O0 ¥50). A sum of orders' money is the sum of the known
amounts and its section says it is partial (2 of the month's 3 orders known); where no amount
is known the figure is unknown (NaN, shown "—"), never 0, and so is a ratio built on it (spend
per buyer, share of sales, refund rate). A section about the money (the P&L, RFM)
says the amount is not in the data; one that shows it among other figures runs and says so (the
plan forecasts the orders, and the amount only where every order has one).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import storebook
from storebook.areas import plan
from storebook.engine import availability, periods
from storebook.measures.buyers import split_new_returning
from storebook.measures.returns import compute_refund_rate
from storebook.report import needs
from support.stores import write_tables

MARCH = periods.month("2026-03")


def _order(order_id: str, customer: str, paid_at: str, amount: float | None, refund: float | None = None) -> dict:
    paid = pd.Timestamp(paid_at)
    return {"order_id": order_id, "platform": "tmall", "ordered_at": paid - pd.Timedelta(minutes=1),
            "paid_at": paid, "status": "completed", "customer_id": customer, "paid_amount": amount,
            "refund_amount": refund}


def _store(root: Path, o1: float | None, o3: float | None) -> storebook.Workbook:
    orders = [_order("O0", "C3", "2026-02-10 10:00", 50.0),
              _order("O1", "C1", "2026-03-02 10:00", o1),
              _order("O2", "C2", "2026-03-05 10:00", None, refund=5.0),
              _order("O3", "C3", "2026-03-31 10:00", o3)]
    return write_tables(root, orders=orders)


@pytest.fixture
def partly(root: Path) -> storebook.Workbook:
    """O2's amount unknown; O1 ¥100, O3 ¥30 known."""
    return _store(root, 100.0, 30.0)


@pytest.fixture
def unknown(root: Path) -> storebook.Workbook:
    """No amount known in March."""
    return _store(root, None, None)


def test_new_and_returning_sum_the_known_amounts(partly) -> None:
    got = split_new_returning(partly, MARCH).set_index("buyer_type")
    assert got.loc["new", ["buyers", "orders", "paid_amount"]].tolist() == [2, 2, 100.0]
    assert got.at["new", "aov"] == 50.0  # 100 ÷ 2 buyers: the known part (the section says partial)
    assert got.loc["returning", ["buyers", "orders", "paid_amount", "aov"]].tolist() == [1, 1, 30.0, 30.0]
    assert got.at["new", "share_of_sales"] == pytest.approx(100 / 130)


def test_new_and_returning_without_any_amount_are_unknown_not_zero(unknown) -> None:
    got = split_new_returning(unknown, MARCH).set_index("buyer_type")
    assert got.loc["new", ["buyers", "orders"]].tolist() == [2, 2]  # the orders are still counted
    assert got.loc["returning", ["buyers", "orders"]].tolist() == [1, 1]
    for column in ("paid_amount", "aov", "share_of_sales"):
        assert got[column].isna().all(), column


def test_a_group_without_buyers_paid_zero_not_unknown(root: Path) -> None:
    wb = write_tables(root, orders=[_order("O1", "C1", "2026-03-02 10:00", None)])
    got = split_new_returning(wb, MARCH).set_index("buyer_type")
    assert math.isnan(got.at["new", "paid_amount"])  # one buyer, amount unknown
    assert got.loc["returning", ["buyers", "orders", "paid_amount"]].tolist() == [0, 0, 0.0]  # nobody: 0


def test_refund_rate_over_the_known_amounts(partly) -> None:
    got = compute_refund_rate(partly, MARCH).iloc[0]
    assert (got["orders"], got["paid_amount"], got["refund_amount"]) == (3, 130.0, 5.0)
    assert got["refund_rate"] == pytest.approx(5 / 130)


def test_refund_rate_without_any_amount_is_unknown(unknown) -> None:
    got = compute_refund_rate(unknown, MARCH).iloc[0]
    assert got["orders"] == 3 and got["refund_amount"] == 5.0
    assert math.isnan(got["paid_amount"]) and math.isnan(got["net_amount"]) and math.isnan(got["refund_rate"])


def test_forecast_history_leaves_a_platform_with_an_unknown_amount_unknown(partly) -> None:
    """A sum of the known amounts would understate the days with an unknown one (and a fit on
    the fully known days alone is biased when the unknowns are not random): the platform's
    paid amount is unknown on every day as soon as one paid order lacks it; its orders count."""
    hist = plan.daily_history(partly, MARCH.end).set_index("day")
    assert hist["paid_amount"].isna().all()  # not ¥100 on 2 March nor 0 on 4 March
    assert hist.at[pd.Timestamp("2026-03-05"), "orders"] == 1 and hist.at[pd.Timestamp("2026-03-04"), "orders"] == 0
    assert hist.attrs["amount_known"] == {"tmall": (3, 4)}  # O0, O1, O3 of O0…O3


def test_forecast_history_with_every_amount_known_sums_them(root: Path) -> None:
    wb = write_tables(root, orders=[_order("O0", "C3", "2026-02-10 10:00", 50.0),
                                    _order("O1", "C1", "2026-03-02 10:00", 100.0),
                                    _order("O2", "C2", "2026-03-02 11:00", 20.0),
                                    _order("O3", "C1", "2026-03-05 10:00", 30.0)])
    amount = plan.daily_history(wb, MARCH.end).set_index("day")["paid_amount"]
    assert amount[pd.Timestamp("2026-03-02")] == 120.0
    assert amount[pd.Timestamp("2026-03-04")] == 0.0  # no order that day (inside the data): nothing paid
    assert amount.index.max() == pd.Timestamp("2026-03-05")  # the data end there: no day after it


def test_forecast_facts_without_an_amount_forecast_state_the_orders() -> None:
    only_orders = pd.DataFrame({"platform": ["total"], "metric": ["orders"], "month": ["2026-04"],
                                "forecast": [10.0], "low": [8.0], "high": [12.0], "target": [11.0]})
    facts = plan.headline_facts(only_orders, only_orders.assign(ape=0.1))
    # A frame that does not say for how many orders the amount is known: the plain variant.
    assert facts == {"variant": "orders", "amount_share": None, "month": "2026-04", "orders": 10.0, "orders_low": 8.0,
                     "orders_high": 12.0, "mape": pytest.approx(0.1), "months": 1}
    with pytest.raises(storebook.NoDataError, match="neither"):
        plan.headline_facts(only_orders.iloc[0:0], only_orders.assign(ape=0.1))


def _shortfalls(wb: storebook.Workbook, key: str) -> needs.SectionCheck:
    return needs.check_section(wb, availability.resolve_month(wb, "2026-03"), ["tmall"], key)


def test_sections_showing_orders_money_say_how_much_is_known(partly) -> None:
    for key in ("customers.new_returning", "service.refunds", "customers.rfm"):
        check = _shortfalls(partly, key)
        assert check.missing == [], key
        coverage = [s for s in check.partial if s.kind == "coverage" and s.column == "paid_amount"]
        assert len(coverage) == 1 and coverage[0].share == pytest.approx(2 / 3), key


def test_sections_about_the_money_need_it_the_others_run_without_it(unknown) -> None:
    for key in ("customers.rfm", "profit.pnl"):
        assert any(s.column == "paid_amount" for s in _shortfalls(unknown, key).missing), key
    # (the plan forecasts the orders without an amount: tests/areas/test_plan_units_only.py)
    for key in ("customers.new_returning", "service.refunds", "conversion.buyers", "plan.forecast", "plan.targets"):
        check = _shortfalls(unknown, key)
        assert check.missing == [], key
        assert [s.kind for s in check.partial if s.column == "paid_amount"] == ["empty_column"], key


def test_every_section_summing_orders_money_declares_it() -> None:
    """The sections whose figures include orders' paid amount (the audit of areas/ and measures/)."""
    money = ["overview.scorecard", "overview.changes", "overview.budget", "conversion.rates", "conversion.buyers",
             "fulfilment.backlog", "profit.headline", "profit.pnl", "profit.platforms", "profit.ratios",
             "profit.marketing", "customers.headline", "customers.new_returning", "customers.rfm",
             "customers.movement", "customers.cohorts", "customers.provinces", "service.headline",
             "service.refunds", "marketing.campaigns", "marketing.holdouts", "marketing.effect",
             "marketing.decisions", "plan.headline", "plan.forecast", "plan.backtest", "plan.month", "plan.targets"]
    for key in money:  # (the plan's amount is all or nothing: values=, see needs._HISTORY)
        assert any("orders" in n.tables and "paid_amount" in (*n.known, *n.values) for n in needs.SECTIONS[key]), key


def test_channels_below_margin_break_even_are_unknown_without_a_margin() -> None:
    from storebook.areas import profit

    channels = pd.DataFrame({"platform": ["tmall", "tmall", "tmall"], "channel": ["search", "social", "total"],
                             "spend": [100.0, 50.0, 150.0], "is_over": [False, False, False],
                             "over_budget": [-5.0, -1.0, -6.0], "over_budget_rate": [-0.05, -0.02, -0.04],
                             "margin_roas": [float("nan")] * 3})
    facts = profit.marketing_facts(channels)
    assert facts["below_break_even"] is None and facts["below_spend"] is None  # unknown, not "0 channels, ¥0"
    facts = profit.marketing_facts(channels.assign(margin_roas=[0.5, 2.0, 1.0]))
    assert (facts["below_break_even"], facts["below_spend"]) == (1, 100.0)
