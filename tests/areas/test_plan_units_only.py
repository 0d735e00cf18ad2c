"""The plan on orders without a paid amount (the amount is optional in the contract: a units-only
export such as the Tianchi trade history): the paid orders are forecast, backtested, checked
and given a target; the paid amount is never 0 or made up — absent where it is unknown.

Planted truth: from 2024-09-01 to 2025-12-31, tmall has Poisson(30) paid orders a day (jd
Poisson(10)), seeded, with no calendar effect: the forecast of January 2026 is about 30 × 31 =
930 orders, February 30 × 28 = 840 (within the noise of the festival effects fitted to one year:
10 %). With ¥50 an order the paid amount is 50 times the orders; the same orders with and without
amounts give the same orders forecast (up to the draws' noise: the amount's draws come first).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
from storebook.areas import plan
from storebook.engine import availability, periods
from storebook.report import needs
from storebook.report.text import Text
from support.amounts import chosen_sentence
from support.stores import write_tables

DECEMBER = periods.month("2025-12")
#: The platform of the one-platform stores (the workbook's configuration knows four).
TMALL = ["tmall"]
DAYS = pd.date_range("2024-09-01", "2025-12-31", freq="D")


def _orders(platform: str, per_day: int, amount) -> list[dict]:
    """Poisson(``per_day``) paid orders a day (seeded); ``amount(i)`` the i-th order's paid amount
    (None: unknown)."""
    counts = np.random.default_rng(per_day).poisson(per_day, len(DAYS))
    rows, i = [], 0
    for day, n in zip(DAYS, counts, strict=True):
        for k in range(n):
            paid = day + pd.Timedelta(hours=9, minutes=k)
            rows.append({"order_id": f"{platform}-{i}", "platform": platform, "ordered_at": paid - pd.Timedelta(minutes=1),
                         "paid_at": paid, "status": "completed", "customer_id": f"C{i % 500}",
                         "paid_amount": amount(i)})
            i += 1
    return rows


def _store(root: Path, **platforms) -> storebook.Workbook:
    return write_tables(root, orders=[r for p, (n, amount) in platforms.items() for r in _orders(p, n, amount)])


#: What the planted series should forecast, and how far its seeded draws are from 30 a day.
TRUTH = {"2026-01": 930, "2026-02": 840, "2026-03": 930}
_NOISE = int(np.random.default_rng(30).poisson(30, len(DAYS)).sum()) - 30 * len(DAYS)


def _rows(frame: pd.DataFrame, platform: str, metric: str) -> pd.DataFrame:
    return frame[(frame["platform"] == platform) & (frame["metric"] == metric)].set_index("month")


def test_orders_without_any_amount_are_forecast_and_no_amount_appears(root: Path) -> None:
    wb = _store(root, tmall=(30, lambda i: None))
    hist = plan.daily_history(wb, DECEMBER.end, TMALL)
    assert hist["paid_amount"].isna().all() and hist["orders"].sum() == 30 * len(DAYS) + _NOISE  # unknown, never 0
    assert hist.attrs["amount_known"] == {"tmall": (0, 30 * len(DAYS) + _NOISE)}

    forecast = plan.forecast_months(wb, DECEMBER, TMALL)
    assert set(forecast["metric"]) == {"orders"}  # no paid amount row, not even an unknown one
    orders = _rows(forecast, "total", "orders")["forecast"]
    assert orders.to_dict() == pytest.approx(TRUTH, rel=0.1)

    checked = plan.backtest(wb, DECEMBER, TMALL)
    assert set(checked["metric"]) == {"orders"} and len(checked) == 2 * plan.BACKTEST_MONTHS  # tmall and total
    assert checked["ape"].max() < 0.1
    december = plan.check_month(checked, DECEMBER).set_index("platform")
    assert december.at["total", "actual"] == hist.loc[hist["day"] >= DECEMBER.start_ts, "orders"].sum()

    targets = plan.propose_targets(wb, DECEMBER, TMALL).set_index("platform")
    assert list(targets["metric"]) == ["orders", "orders"]
    assert targets.at["total", "forecast"] == pytest.approx(orders.sum())
    a_year_before = hist[(hist["day"] >= "2025-01-01") & (hist["day"] <= "2025-03-31")]["orders"].sum()
    assert targets.at["total", "last_year"] == a_year_before
    assert not targets[["forecast", "low", "high", "target"]].isna().any().any()


def test_the_takeaways_state_the_orders_and_no_money(root: Path) -> None:
    wb = _store(root, tmall=(30, lambda i: None))
    forecast, checked = plan.forecast_months(wb, DECEMBER, TMALL), plan.backtest(wb, DECEMBER, TMALL)
    targets = plan.propose_targets(wb, DECEMBER, TMALL)
    for language in ("en", "zh"):
        text = Text(language)
        facts = {
            "plan.headline.takeaway": plan.headline_facts(forecast, checked),
            "plan.forecast.takeaway": plan.forecast_facts(forecast, text),
            "plan.backtest.takeaway": plan.backtest_facts(plan.summarise_backtest(checked)),
            "plan.month.takeaway": plan.month_facts(plan.check_month(checked, DECEMBER), text),
            "plan.targets.takeaway": plan.targets_facts(targets),
        }
        for key, values in facts.items():
            variant = values.pop("variant")
            # No order has an amount: "not known for every order" understated it (the Tianchi
            # mum-baby store's plan page); the month's sentence says nothing of the amount.
            assert variant == ("orders" if key == "plan.month.takeaway" else "no_amount"), key
            sentence = text(f"{key}.{variant}", **values)
            if key != "plan.month.takeaway":
                assert ("known for no order" if language == "en" else "所有订单都没有支付金额") in sentence, sentence
                assert values.pop("amount_share") == 0.0
            assert "paid_amount" not in values and "¥" not in sentence and "n/a" not in sentence, sentence
            assert not any(v is None or v != v for v in values.values()), (key, values)  # nothing unknown stated
        assert f"{facts['plan.headline.takeaway']['orders']:,.0f}" in text("plan.headline.takeaway.no_amount",
                                                                            **facts["plan.headline.takeaway"])
    headline = plan.plan_headline(forecast, checked, plan.daily_history(wb, DECEMBER.end, TMALL))
    assert list(headline["metric"]) == ["forecast_orders", "mape_orders"]
    assert headline.set_index("metric").at["forecast_orders", "prior"] == plan.check_month(checked, DECEMBER).at[0, "actual"]


def test_the_plan_sections_run_partial_and_say_the_amount_is_missing(root: Path) -> None:
    wb = _store(root, tmall=(30, lambda i: None))
    month = availability.resolve_month(wb, "2025-12")
    for key in ("plan.headline", "plan.forecast", "plan.backtest", "plan.month", "plan.targets"):
        check = needs.check_section(wb, month, ["tmall"], key)
        assert check.status == needs.PARTIAL, key
        amount = [s for s in check.partial if s.column == "paid_amount"]
        assert [s.kind for s in amount] == ["empty_column"], key
        assert "ingest" in amount[0].how(Text("en")), key  # how to add it


def test_with_amounts_the_amount_is_forecast_and_the_orders_alike(root: Path, tmp_path: Path) -> None:
    known = _store(root, tmall=(30, lambda i: 50.0))
    forecast = plan.forecast_months(known, DECEMBER, TMALL)
    amount, orders = (_rows(forecast, "total", m)["forecast"] for m in ("paid_amount", "orders"))
    assert amount.to_dict() == pytest.approx((orders * 50).to_dict(), rel=0.02)  # ¥50 an order
    assert plan.headline_facts(forecast, plan.backtest(known, DECEMBER, TMALL)).get("variant") is None
    without = plan.forecast_months(_store(tmp_path / "without", tmall=(30, lambda i: None)), DECEMBER, TMALL)
    assert _rows(without, "total", "orders")["forecast"].to_dict() == pytest.approx(orders.to_dict(), rel=0.02)


def test_partly_known_amounts_are_not_forecast_and_the_section_says_why(root: Path) -> None:
    """Every third order without an amount: a sum of the known ones would be two thirds of the
    money, and so would a forecast from it; the amount is left out, the orders forecast."""
    wb = _store(root, tmall=(30, lambda i: None if i % 3 == 0 else 50.0))
    hist = plan.daily_history(wb, DECEMBER.end, TMALL)
    assert hist["paid_amount"].isna().all()  # not 20 × ¥50 a day: that would be two thirds of it
    # No "the figures use the rows where it is known" (coverage) note: the plan does not; it says what it does.
    check = needs.check_section(wb, availability.resolve_month(wb, "2025-12"), TMALL, "plan.forecast")
    assert check.missing == [] and not any(s.column == "paid_amount" for s in check.partial)
    with needs.running(check):
        forecast = plan.forecast_months(wb, DECEMBER, TMALL)
    assert set(forecast["metric"]) == {"orders"}
    flag = [s for s in check.partial if s.kind == "flag"]
    assert len(flag) == 1 and flag[0].values["share"] == pytest.approx(2 / 3, abs=1e-4)
    assert "66.7%" in flag[0].describe(Text("en")) and "Tmall" in flag[0].describe(Text("en"))
    check = needs.SectionCheck("plan.month")
    with needs.running(check):
        plan.backtest(wb, DECEMBER, TMALL)
    assert [s.key for s in check.partial] == ["page.partial.plan_amount"]  # the sections reading the backtest too
    # The takeaways say for how many orders it is known (2 of 3), not "not for every order".
    checked = plan.backtest(wb, DECEMBER, TMALL)
    for key, facts in (("plan.headline.takeaway", plan.headline_facts(forecast, checked)),
                       ("plan.forecast.takeaway", plan.forecast_facts(forecast, Text("en"))),
                       ("plan.backtest.takeaway", plan.backtest_facts(plan.summarise_backtest(checked))),
                       ("plan.targets.takeaway", plan.targets_facts(plan.propose_targets(wb, DECEMBER, TMALL)))):
        assert facts["variant"].startswith("part_amount") and facts["amount_share"] == pytest.approx(2 / 3, abs=1e-4)
        assert "known for only 66.7% of the orders" in chosen_sentence(key, facts), key
        assert "仅66.7%的订单有支付金额" in chosen_sentence(key, facts, "zh"), key


def test_an_amount_known_on_one_platform_only_is_not_stated_as_the_store_s(root: Path) -> None:
    wb = _store(root, tmall=(30, lambda i: 50.0), jd=(10, lambda i: None))
    forecast = plan.forecast_months(wb, DECEMBER, ["tmall", "jd"])
    assert set(forecast.loc[forecast["metric"] == "paid_amount", "platform"]) == {"tmall"}  # no total, no jd
    assert _rows(forecast, "total", "orders").at["2026-01", "forecast"] == pytest.approx(1240, rel=0.1)
    facts = plan.headline_facts(forecast, plan.backtest(wb, DECEMBER, ["tmall", "jd"]))
    # The amount is known for tmall's orders (30 a day), not jd's (10 a day): about three in four.
    assert facts["variant"] == "part_amount" and facts["orders"] == pytest.approx(1240, rel=0.1)
    assert facts["amount_share"] == pytest.approx(0.75, abs=0.01)
    targets = plan.propose_targets(wb, DECEMBER, ["tmall", "jd"])
    assert plan.targets_facts(targets)["variant"] == "part_amount"


def test_a_one_platform_store_s_forecast_and_target_name_its_platform_not_all_platforms(root: Path) -> None:
    """A single-platform store's plan page said "All platforms: …" and "we propose … across the
    platforms" (全平台) of its one platform: the sentences name it; a store on two says all."""
    from support.amounts import chosen_sentence

    wb = _store(root, tmall=(30, lambda i: 50.0))
    forecast, targets = plan.forecast_months(wb, DECEMBER, TMALL), plan.propose_targets(wb, DECEMBER, TMALL)
    said = {(key, language): chosen_sentence(key, facts(language), language)
            for key, facts in (("plan.forecast.takeaway", lambda lang: plan.forecast_facts(forecast, Text(lang))),
                               ("plan.targets.takeaway", lambda lang: plan.targets_facts(targets)))
            for language in ("en", "zh")}
    for (_key, language), sentence in said.items():
        assert "All platforms" not in sentence and "across the platforms" not in sentence, sentence
        assert "全平台" not in sentence, sentence
        assert ("Tmall" if language == "en" else "天猫") in sentence, sentence
    assert said[("plan.forecast.takeaway", "en")].startswith("Tmall: 2026-01 ")
    assert said[("plan.targets.takeaway", "en")].startswith("Tmall, 2026-01…2026-03: we propose ¥")
    assert said[("plan.targets.takeaway", "zh")].startswith("建议2026-01…2026-03天猫支付金额目标")

    two = _store(root / "two", tmall=(30, lambda i: 50.0), jd=(10, lambda i: 20.0))
    both = plan.targets_facts(plan.propose_targets(two, DECEMBER, ["tmall", "jd"]))
    assert both["scope"] == "total"
    assert chosen_sentence("plan.targets.takeaway", both).startswith("All platforms, ")
    assert "全平台支付金额目标" in chosen_sentence("plan.targets.takeaway", both, "zh")
