"""A share of the change and a forecast error are no share of a whole: one platform can account
for more than all of a total's change (the others moved the other way), and a forecast can miss
by more than the actual. They are written as ratios in percent (kind ``percent``), not by the
share rule (kind ``pct``: a share short of all is never written as all, ">99.99%").

Hand-computed cases:

- overview: Tmall 100 → 160 (+60), JD 100 → 80 (−20), in total 200 → 240 (+40): Tmall accounts
  for 60 / 40 = 150.0% of the change. Tmall 100,000 → 199,996 (+99,996), JD 100,000 → 100,004
  (+4), in total +100,000: 99.996%, written 100.0% (the share rule wrote ">99.99%").
- plan: forecasts of 250 and 50 against actuals of 100 and 100: absolute errors 150% and 50%,
  MAPE 100.0%; of 200 and 99.992 against 100 and 100: 100% and 0.008%, MAPE 50.004% — and of
  199.992 alone against 100: 99.992%, written 100.0%, not ">99.99%".
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storebook.areas import overview, plan
from storebook.measures import metrics
from storebook.report import tables
from storebook.report.text import Text


def _card(tmall: tuple[float, float], jd: tuple[float, float]) -> pd.DataFrame:
    """The scorecard's paid amount: (prior, value) per platform and their total."""
    rows = [("tmall", *tmall), ("jd", *jd), ("total", tmall[0] + jd[0], tmall[1] + jd[1])]
    return pd.DataFrame([{"metric": "paid_amount", "platform": p, "prior": prior, "value": value,
                          "vs_prior": value / prior - 1, "weight": None, "weight_prior": None}
                         for p, prior, value in rows])


def _change_sentence(card: pd.DataFrame, language: str) -> str:
    kind, facts = overview._platform_driver(card, "paid_amount")
    total = card[card["platform"] == "total"].iloc[0]
    changes = pd.DataFrame([{"metric": "paid_amount", "driver_kind": kind,
                             "facts": {"metric": "paid_amount", **facts, "value": total["value"], "prior": total["prior"],
                                       "vs_prior": total["vs_prior"]}}])
    [(variant, values)] = overview.change_sentences(changes, Text(language))
    return Text(language)(f"overview.change.{variant}", **values)


@pytest.mark.parametrize(("tmall", "jd", "en", "zh"), [
    ((100.0, 160.0), (100.0, 80.0), "Tmall accounts for 150.0% of the change", "天猫贡献了其中150.0%的变化"),
    ((100_000.0, 199_996.0), (100_000.0, 100_004.0), "Tmall accounts for 100.0% of the change",
     "天猫贡献了其中100.0%的变化"),
])
def test_a_platforms_share_of_the_change_is_a_ratio_that_may_pass_all(tmall, jd, en, zh) -> None:
    card = _card(tmall, jd)
    share = overview._platform_driver(card, "paid_amount")[1]["share_of_change"]
    assert share == pytest.approx((tmall[1] - tmall[0]) / (tmall[1] + jd[1] - tmall[0] - jd[0]))
    assert en in _change_sentence(card, "en")
    assert zh in _change_sentence(card, "zh")


def _backtest(forecasts: list[float]) -> pd.DataFrame:
    """The total's orders forecast a month ahead against 100 actual orders a month."""
    rows = pd.DataFrame({"platform": "total", "metric": "orders", "month": [f"2026-0{i + 1}" for i in range(len(forecasts))],
                         "actual": 100.0, "forecast": forecasts, "low": 0.0, "high": 1000.0})
    rows = rows.assign(error=rows["forecast"] / rows["actual"] - 1, ape=(rows["forecast"] / rows["actual"] - 1).abs(),
                       inside=True)
    rows.attrs["amount_known"] = (0, 10)  # no order with a paid amount: the orders are what is stated
    return rows


@pytest.mark.parametrize(("forecasts", "mape", "shown"), [
    ([250.0, 50.0], 1.0, "100.0%"),
    ([200.0, 99.992], 0.50004, "50.0%"),
    ([350.0, 100.0], 1.25, "125.0%"),
    ([199.992], 0.99992, "100.0%"),   # the share rule wrote ">99.99%": an error is no share of a whole
])
def test_a_forecast_error_is_a_ratio_that_may_pass_all(forecasts, mape, shown) -> None:
    summary = plan.summarise_backtest(_backtest(forecasts))
    assert summary["mape"].iloc[0] == pytest.approx(mape)
    # The backtest's table, its sentence and the planning headline's card write it alike.
    html = tables.format_table(summary, Text("en"), columns=["platform", "metric", "months", "mape"]).to_html()
    assert re.findall(r"<td[^>]*>(.*?)</td>", html)[-1] == shown
    facts = plan.backtest_facts(summary)
    assert f"were off by {shown} on average" in Text("en")(f"plan.backtest.takeaway.{facts['variant']}", **facts)
    assert f"已付订单平均误差 {shown}" in Text("zh")(f"plan.backtest.takeaway.{facts['variant']}", **facts)
    assert metrics.metric("mape_orders").kind == "percent" == tables.column_kind("mape") == tables.column_kind("ape")
    assert Text("en").number(summary["mape"].iloc[0], metrics.metric("mape_orders").kind) == shown
