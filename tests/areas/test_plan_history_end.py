"""The plan's history ends where the data end, and its calendar says what it does not know.

Hand-made stores: tmall has 18 and 22 paid orders on alternate days (18 on an even day of the
year) from 2024-09-01 to 2025-03-10, jd 4 and 6 to 2025-03-05 (its export stops earlier inside
the store's data). The orders' data end on 2025-03-10, inside March: the days after it are not
days without orders. So

- the history for March (up to 2025-04-01) has tmall's 191 days (2024-09-01..2025-03-10) and
  jd's 186 (to 2025-03-05, where its own orders end: its 03-06..03-10 are not days without
  orders either) — not 212 days each, padded with zero days to March 31;
- the backtest's March is the days the data hold: actual 5 × 18 + 5 × 22 (tmall, Mar 1 is
  day 60) + 3 × 4 + 2 × 6 (jd, Mar 1–5) = 224, and the forecast of those days about 10 × 20 + 5 × 5
  = 225 (jd's 5 days at 5 a day: 25, not its 10 days, 50; the whole month would be about 775);
- April is forecast at about 25 × 30 = 750 orders (padded zeros would drag it down).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
from storebook.areas import plan
from storebook.engine import periods
from storebook.report.text import Text
from support.stores import write_tables

MARCH = periods.month("2025-03")
PLATFORMS = ["tmall", "jd"]


def _orders(platform: str, per_day: int, swing: int, first: str, last: str) -> list[dict]:
    rows = []
    for day in pd.date_range(first, last, freq="D"):
        for k in range(per_day + (swing if day.day_of_year % 2 else -swing)):
            paid = day + pd.Timedelta(hours=9, minutes=k)
            rows.append({"order_id": f"{platform}-{day:%Y%m%d}-{k}", "platform": platform,
                         "ordered_at": paid - pd.Timedelta(minutes=1), "paid_at": paid, "status": "completed",
                         "customer_id": f"C{k}", "paid_amount": None})
    return rows


def _store(root: Path) -> storebook.Workbook:
    return write_tables(root, orders=_orders("tmall", 20, 2, "2024-09-01", "2025-03-10")
                        + _orders("jd", 5, 1, "2024-09-01", "2025-03-05"))


def test_the_history_ends_on_the_last_day_the_data_cover(root: Path) -> None:
    wb = _store(root)
    assert wb.data_range() == (date(2024, 9, 1), date(2025, 3, 10))
    hist = plan.daily_history(wb, MARCH.end, PLATFORMS).set_index(["platform", "day"])["orders"]
    tmall, jd = hist.loc["tmall"], hist.loc["jd"]
    assert tmall.index.max() == pd.Timestamp("2025-03-10")  # not 2025-03-31
    assert jd.index.max() == pd.Timestamp("2025-03-05")  # jd's own data end, not the store's
    assert len(tmall) == 191 and len(jd) == 186 and set(tmall) == {18, 22} and tmall.loc["2025-03-01":].sum() == 200
    assert set(jd) == {4, 6} and jd.loc["2025-03-01":].sum() == 24
    # An end before the data end is kept.
    assert plan.daily_history(wb, date(2025, 2, 1), PLATFORMS)["day"].max() == pd.Timestamp("2025-01-31")


def test_a_month_the_data_end_inside_is_checked_on_its_days_and_does_not_drag_the_forecast(root: Path) -> None:
    wb = _store(root)
    checked = plan.backtest(wb, MARCH, PLATFORMS)
    march = plan.check_month(checked, MARCH).set_index("platform")
    assert march.at["total", "actual"] == 224  # the 10 days the data hold
    # tmall's 10 days at 20 a day; jd's 5 days (its data end on the 5th) at 5.
    assert march.at["tmall", "forecast"] == pytest.approx(200, rel=0.1)
    assert march.at["jd", "actual"] == 24 and march.at["jd", "forecast"] == pytest.approx(25, rel=0.15)
    assert march.at["total", "forecast"] == pytest.approx(225, rel=0.05)
    forecast = plan.forecast_months(wb, MARCH, PLATFORMS)
    april = forecast[(forecast["platform"] == "total") & (forecast["month"] == "2025-04")]["forecast"].iloc[0]
    assert april == pytest.approx(25 * 30, rel=0.1)
    # The report month's days so far are not a month to compare next month with.
    headline = plan.plan_headline(forecast, checked, plan.daily_history(wb, MARCH.end, PLATFORMS))
    assert np.isnan(headline.set_index("metric").at["forecast_orders", "prior"])


def test_the_forecast_says_what_the_calendar_does_not_know() -> None:
    assert plan.events_text(["double11", "double12"], {}, Text("en")) == "Double 11 and Double 12"
    assert plan.events_text([], {}, Text("en")) == "none"
    # 2028: the Spring Festival (and the 年货节 before it) and the public holidays are not known.
    gap = {"spring_festival": (2028,), "nianhuo": (2028,), "public_holiday": (2028,)}
    en, zh = (plan.events_text(["women38"], gap, Text(lang)) for lang in ("en", "zh"))
    assert en == ("Women's Day; the calendar does not know the dates of the Spring Festival and the public "
                  "holidays in 2028, so the forecast leaves them out")
    assert zh == "38节；日历不含2028年春节、法定节假日的日期，预测未计入"
    only = plan.events_text([], {"spring_festival": (2028,), "nianhuo": (2028,)}, Text("en"))
    assert "none" not in only and only.startswith("the calendar does not know the dates of the Spring Festival in 2028")


def test_a_history_day_where_an_unknown_festival_may_fall_is_left_out_of_the_fit() -> None:
    """2003 has no Spring Festival date in the calendar: a dip around it (a fifth of the orders,
    Jan 20–Feb 10) read as "no festival" would move the level, trend and winter; its Dec 27
    (2002)–Mar 1 days are not fitted, so the fit is the one of the same days without the dip."""
    days = pd.date_range("2002-06-01", "2003-12-31", freq="D")
    flat = pd.Series(np.random.default_rng(7).poisson(10, len(days)).astype(float), index=days)
    dip = flat.mask((days >= "2003-01-20") & (days <= "2003-02-10"), flat / 5)
    with_dip, without = plan._fit(dip, date(2002, 6, 1)), plan._fit(flat, date(2002, 6, 1))
    pd.testing.assert_series_equal(with_dip.params, without.params)
    assert len(with_dip.params) == len(without.params) > 10
