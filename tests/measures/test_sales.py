"""Monthly sales are the daily sales added up by calendar month, summed in the engine."""

from __future__ import annotations

import pandas as pd

from storebook.engine.periods import Period, month
from storebook.engine.workbook import Workbook
from storebook.measures.sales import sum_daily_sales, sum_monthly_sales


def _by_month(daily: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    out = daily.assign(month=daily["day"].dt.to_period("M").dt.to_timestamp().astype("datetime64[us]"))
    return out.groupby(["month", *by], as_index=False)[["units", "revenue", "cost_amount"]].sum()


def test_monthly_sales_are_the_daily_sales_by_month(wb: Workbook) -> None:
    window = month("2026-10").trailing(3)
    daily = _by_month(sum_daily_sales(wb, window, by=("platform", "sku")), ["platform", "sku"])
    monthly = sum_monthly_sales(wb, window, by=("platform", "sku"))
    assert sorted(monthly["month"].unique()) == [pd.Timestamp(f"2026-{m:02d}-01") for m in (8, 9, 10)]
    assert len(monthly) == len(daily) > 0
    pd.testing.assert_frame_equal(monthly[daily.columns].reset_index(drop=True), daily, rtol=1e-12)


def test_a_month_partly_in_the_window_counts_only_its_days_inside(wb: Workbook) -> None:
    from datetime import date

    window = Period(date(2026, 9, 16), date(2026, 10, 11), "mid-september to 10 october")
    monthly = sum_monthly_sales(wb, window, by=("platform",))
    daily = sum_daily_sales(wb, window, by=("platform",))
    september = daily[daily["day"] < pd.Timestamp("2026-10-01")].groupby("platform")["units"].sum()
    got = monthly[monthly["month"] == pd.Timestamp("2026-09-01")].set_index("platform")["units"]
    pd.testing.assert_series_equal(got.sort_index(), september.sort_index(), check_names=False)
    whole = sum_monthly_sales(wb, month("2026-09"), by=("platform",)).set_index("platform")["units"]
    assert (got < whole.reindex(got.index)).all()
