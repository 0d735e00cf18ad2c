"""The store-operations, marketing and planning formulas on hand-made tables (March 2026, Tmall).

Listings (category bath): A1 1,000 visitors and 10 buyers (¥1,000), A2 500 / 25 (¥2,500), A3 two
daily rows 200 / 10 and 300 / 15 (¥2,500) plus a weekly row over the same days (999 / 99) that
must not count twice. Category decor, weekly rows: B1 changed on Monday 16 March, 100 visitors
a week with 2 buyers a week before and 4 after; its peer B2 400 visitors / 20 buyers per
fortnight throughout. A holdout test: 5,000 people treated (150 orders, ¥15,000), 2,000 held
out (30 orders, ¥3,000), spend ¥1,000 on the test's days with ¥5,000 attributed.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from storebook import marketing, plan, store_ops
from storebook.engine import calendar, periods
from support.stores import write_tables

MARCH = periods.month("2026-03")


def _d(values) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[us]")


def _traffic(rows: list[tuple]) -> pd.DataFrame:
    f = pd.DataFrame(rows, columns=["visited_on", "period_end_on", "item_id", "sku", "visitors", "buyers",
                                    "paid_amount"])
    n = len(f)
    return f.assign(visited_on=_d(f["visited_on"]), period_end_on=_d(f["period_end_on"]), platform="tmall",
                    item_name=None, platform_category=None, page_views=pd.array([None] * n, dtype="Int64"),
                    cart_adds=(f["visitors"] // 10).astype("Int64"), favourites=pd.array([None] * n, dtype="Int64"),
                    units=f["buyers"].astype("Int64"), refund_amount=np.nan, ad_spend_amount=np.nan,
                    buyers=f["buyers"].astype("Int64"))


TRAFFIC = [
    ("2026-03-01", "2026-03-31", "i-a1", "A1", 1000, 10, 1000.0),
    ("2026-03-01", "2026-03-31", "i-a2", "A2", 500, 25, 2500.0),
    ("2026-03-02", None, "i-a3", "A3", 200, 10, 1000.0),
    ("2026-03-03", None, "i-a3", "A3", 300, 15, 1500.0),
    ("2026-03-02", "2026-03-03", "i-a3", "A3", 999, 99, 9999.0),  # days the daily rows cover: not counted
    *[(f"2026-03-{d:02d}", f"2026-03-{d + 6:02d}", "i-b1", "B1", 100, 2 if d < 16 else 4, 100.0)
      for d in (2, 9, 16, 23)],
    *[(f"2026-03-{d:02d}", f"2026-03-{d + 13:02d}", "i-b2", "B2", 400, 20, 800.0) for d in (2, 16)],
]
PRODUCTS = pd.DataFrame({"sku": ["A1", "A2", "A3", "B1", "B2"], "product_name": ["Towel", "Mat", "Robe", "Vase", "Lamp"],
                         "category": ["bath", "bath", "bath", "decor", "decor"]})
CHANGES = pd.DataFrame({"changed_on": _d(["2026-03-16", "2026-03-16"]), "platform": "tmall", "item_id": "i-b1",
                        "sku": "B1", "change": ["main_image", "title"], "note": None})


@pytest.fixture
def listings_wb(root: Path):
    return write_tables(root, product_traffic=_traffic(TRAFFIC), products=PRODUCTS, listing_changes=CHANGES)


def test_listing_conversion_against_the_other_listings_of_its_category(listings_wb) -> None:
    out = store_ops.summarise_listings(listings_wb, MARCH).set_index("sku")
    a1, a3 = out.loc["A1"], out.loc["A3"]
    assert (a3.visitors, a3.buyers) == (500, 25)  # the two-day row over the daily rows of its days is left out
    assert a1.conversion_rate == pytest.approx(0.01)
    assert a1.category_conversion == pytest.approx(50 / 1000)  # A2 and A3 only
    assert a1.lost_buyers == pytest.approx(1000 * 0.05 - 10)
    assert a1.lost_amount == pytest.approx(40 * 100.0)  # its own ¥100 a buyer
    assert a1.conversion_index == pytest.approx(0.2)
    assert out.loc["A2", "category_conversion"] == pytest.approx(35 / 1500)
    assert a1.cart_rate == pytest.approx(0.1) and a1.uv_value == pytest.approx(1.0)
    fix = store_ops.find_listings_to_fix(out.reset_index())
    assert list(fix["sku"]) == ["A1"]


def test_a_week_report_beside_one_day_of_daily_rows_counts_the_week_for_every_listing(root: Path) -> None:
    """生意参谋 per-item reports for a week (20–26 Apr) and for its first day: the day's
    rows are inside the week's, so the week is the month's listing traffic — for every
    listing, never the one day for the listings the daily report names and the week for
    the others (the real pair of reports gave 15,639 visitors: neither the day's 12,143
    nor the week's 88,206)."""
    week, day = ("2026-04-20", "2026-04-26"), ("2026-04-20", None)
    rows = [(*week, "i-a", "A1", 700, 14, 700.0), (*week, "i-b", "A2", 300, 3, 300.0),
            (*day, "i-a", "A1", 100, 2, 100.0)]  # i-b had no visitor on the 20th
    wb = write_tables(root, product_traffic=_traffic(rows), products=PRODUCTS)
    out = store_ops.summarise_listings(wb, periods.month("2026-04")).set_index("item_id")
    assert out[["visitors", "buyers"]].to_dict("index") == {"i-a": {"visitors": 700, "buyers": 14},
                                                             "i-b": {"visitors": 300, "buyers": 3}}
    # Daily rows for every day of the week: the days are used, the week left out.
    days = [(f"2026-04-{d}", None, "i-a", "A1", 90, 2, 100.0) for d in range(20, 27)]
    wb = write_tables(root / "daily", product_traffic=_traffic(rows[:1] + days), products=PRODUCTS)
    out = store_ops.summarise_listings(wb, periods.month("2026-04")).set_index("item_id")
    assert out[["visitors", "buyers"]].to_dict("index") == {"i-a": {"visitors": 630, "buyers": 14}}


def test_listings_are_named_and_summed_per_listing_by_the_engine(root: Path) -> None:
    """A listing outside the catalogue is named by its title, else its id, and put in the
    last level of the platform's category, else unknown; counts the platform left out
    stay missing. The engine sends back one row per listing, not its days."""
    rows = [("2026-03-02", None, "i-x", None, 100, 5, 50.0), ("2026-03-03", None, "i-x", None, 100, 5, 50.0),
            ("2026-03-02", None, "i-y", "Y9", 300, 3, 30.0), ("2026-03-02", None, "i-z", None, 10, 1, 5.0),
            ("2026-03-04", None, "i-a1", "A1", 400, 4, 40.0)]
    traffic = _traffic(rows).assign(item_name=[None, None, "Big mug", None, None],
                                    platform_category=["Home/Kitchen/Cups", "Home/Kitchen/Cups", "Home/Mugs", None, None])
    wb = write_tables(root, product_traffic=traffic, products=PRODUCTS)
    answers = []
    execute = type(wb).execute

    def counted(self, expr):
        answers.append(out := execute(self, expr))
        return out

    import pytest as _pytest

    with _pytest.MonkeyPatch.context() as mp:
        mp.setattr(type(wb), "execute", counted)
        out = store_ops.summarise_listings(wb, MARCH).set_index("item_id")
    assert [len(a) for a in answers] == [4]  # i-x's two days are one row
    assert out.loc["i-x", ["product_name", "category", "visitors", "buyers"]].tolist() == ["i-x", "Cups", 200, 10]
    assert out.loc["i-y", ["sku", "product_name", "category"]].tolist() == ["Y9", "Big mug", "Mugs"]
    assert out.loc["i-z", ["product_name", "category"]].tolist() == ["i-z", "unknown"]
    assert out.loc["i-a1", ["product_name", "category"]].tolist() == ["Towel", "bath"]  # the catalogue's
    assert pd.isna(out.loc["i-x", "sku"]) and pd.isna(out.loc["i-x", "page_views"])
    assert out.loc["i-x", "paid_amount"] == 100.0 and pd.isna(out.loc["i-x", "ad_spend_amount"])
    # Without a catalogue, the same names from the listings alone.
    bare = store_ops.summarise_listings(write_tables(root / "bare", product_traffic=traffic), MARCH)
    assert bare.set_index("item_id").loc["i-a1", ["product_name", "category"]].tolist() == ["i-a1", "unknown"]


def test_listing_change_lift_net_of_its_category_with_a_log_interval(listings_wb) -> None:
    out = store_ops.measure_listing_changes(listings_wb, MARCH, weeks=2)
    assert len(out) == 1  # two changes on one day are one change
    c = out.iloc[0]
    assert c.changes == "main_image|title"
    assert (c.buyers_before, c.visitors_before, c.buyers_after, c.visitors_after) == (4, 200, 8, 200)
    assert c.category_lift == pytest.approx(0.0)  # B2 converted 5% before and after
    assert c.lift == pytest.approx(1.0)  # 4% after against 2% before
    var = (1 / 4 - 1 / 200) + (1 / 8 - 1 / 200) + 2 * (1 / 20 - 1 / 400)
    half = 1.959964 * math.sqrt(var)
    assert c.lift_low == pytest.approx(2 * math.exp(-half) - 1, rel=1e-5)
    assert c.lift_high == pytest.approx(2 * math.exp(half) - 1, rel=1e-5)
    assert c.verdict == "too_small"  # 4 buyers before: too few to judge


def _holdout_store(root: Path):
    holdouts = pd.DataFrame({
        "reported_on": _d(["2026-03-01", "2026-03-01"]), "period_end_on": _d(["2026-03-14", "2026-03-14"]),
        "platform": "tmall", "channel": "email", "campaign_id": "C1", "test_group": ["treatment", "holdout"],
        "audience": [5000, 2000], "reached": pd.array([4800, None], dtype="Int64"),
        "visits": pd.array([400, 80], dtype="Int64"), "orders": [150, 30], "paid_amount": [15000.0, 3000.0],
    })
    days = _d([f"2026-03-{d:02d}" for d in range(1, 15)])
    spend = pd.DataFrame({"spent_on": days, "platform": "tmall", "channel": "email", "campaign_id": "C1",
                          "campaign_name": "CRM", "spend_amount": 1000.0 / 14, "impressions": pd.array([None] * 14, dtype="Int64"),
                          "clicks": pd.array([None] * 14, dtype="Int64"), "attributed_orders": pd.array([3] * 14, dtype="Int64"),
                          "attributed_amount": 5000.0 / 14})
    return write_tables(root, campaign_holdouts=holdouts, marketing_spend=spend)


def test_holdout_increment_and_its_return_by_hand(root: Path) -> None:
    wb = _holdout_store(root)
    t = marketing.measure_holdouts(wb, MARCH).iloc[0]
    assert t.incremental_orders == pytest.approx(150 - 30 * 2.5)
    assert t.incremental_amount == pytest.approx(15000 - 3000 * 2.5)
    half = 1.959964 * math.sqrt(150 + 30 * 2.5 ** 2)
    assert t.incremental_orders_low == pytest.approx(75 - half, rel=1e-5)
    assert t.incremental_roas == pytest.approx(7.5)
    assert t.incremental_roas_low == pytest.approx((7500 - half * 100) / 1000, rel=1e-5)
    assert t.roas == pytest.approx(5.0)
    assert t.order_lift == pytest.approx(1.0) and t.visit_lift == pytest.approx((400 / 5000) / (80 / 2000) - 1)
    assert t.verdict == "scale"  # no margin known: break-even at 1, and even the low end is above


def test_holdout_no_data_messages_are_said_in_the_packs_language(root: Path) -> None:
    """The 中文 pack of the sample store cut to five days showed "the tested campaigns (…) have no
    spend recorded on their test days …" in English: the holdout messages name their catalogue text."""
    from storebook.errors import NoDataError
    from storebook.report.page import said_in
    from storebook.report.text import Text

    wb = _holdout_store(root)
    spend = wb.table("marketing_spend").to_pandas().assign(spent_on=lambda d: d.spent_on + pd.Timedelta(days=20))
    wb = write_tables(root, marketing_spend=spend)  # the spend falls after the test days
    with pytest.raises(NoDataError) as err:
        marketing.measure_holdouts(wb, MARCH)
    assert err.value.key == "marketing.holdout.no_spend"
    assert said_in(Text("zh"), err.value) == "受测推广（C1）在测试期间的推广花费（marketing_spend）中没有花费记录，无法计算其投入产出。"
    assert said_in(Text("en"), err.value).startswith("The tested campaigns (C1) have no spend recorded")
    with pytest.raises(NoDataError) as err:
        marketing.measure_holdouts(wb, periods.month("2025-01"), ["tmall"], months=1)
    assert said_in(Text("zh"), err.value).startswith("1月1日至1月31日期间天猫没有对照（holdout）测试")


def test_marketing_formulas() -> None:
    assert marketing.incremental(150, 30, 5000, 2000) == pytest.approx(75.0)
    assert marketing.cac(5000.0, 125) == pytest.approx(40.0)
    assert math.isnan(marketing.cac(5000.0, 0))
    assert marketing.over_budget_rate(120.0, 100.0) == pytest.approx(0.2)
    assert list(marketing.is_over_budget(pd.Series([100.0, 100.01, 5.0]), pd.Series([100.0, 100.0, np.nan]))) == [
        False, True, False]
    # one definition: the traffic report's ROAS is the marketing report's
    from storebook import traffic

    assert traffic.roas is marketing.roas and traffic.ctr is marketing.ctr


def test_the_forecast_knows_the_festivals_and_the_working_weekends() -> None:
    start, end = pd.Timestamp("2026-01-01").date(), pd.Timestamp("2026-12-31").date()
    x = plan.calendar_features(start, end, start, annual=True)
    assert x.loc["2026-11-11", "double11_peak"] == 1 and x["double11_peak"].sum() == 1
    assert x.loc["2026-06-18", "618_peak"] == 1
    kinds = calendar.day_kinds(start, end).set_index("date")
    swapped = kinds.index[kinds["is_swapped_workday"]]
    assert len(swapped) > 0
    for day in swapped:  # a 调休 working weekend is a working day (a Wednesday), not a weekend
        assert x.loc[pd.Timestamp(day), "dow_2"] == 1 and x.loc[pd.Timestamp(day), ["dow_5", "dow_6"]].sum() == 0
    holidays = kinds.index[kinds["is_holiday"]]
    assert x.loc[[pd.Timestamp(d) for d in holidays], "holiday"].eq(1).all()


def test_the_coverage_of_a_store_of_listings_alone_is_its_listings_columns(root: Path) -> None:
    """A store of 生意参谋 per-item reports alone had an empty coverage chart ("Nothing to
    draw") and a sentence of n/a: the listings' optional columns are measured too."""
    from storebook.areas import quality

    rows = [("2026-03-02", None, "i-a", "A1", 100, 2, 100.0), ("2026-03-03", None, "i-b", None, 50, 1, 40.0)]
    wb = write_tables(root, product_traffic=_traffic(rows))
    cov = quality.measure_coverage(wb, MARCH).set_index(["table", "column"])
    assert cov.loc[("product_traffic", "sku"), ["rows", "known"]].tolist() == [2, 1]
    assert cov.loc[("product_traffic", "page_views"), "known"] == 0
    assert cov.loc[("product_traffic", "buyers"), "known_share"] == 1.0
    assert quality.quality_facts(coverage=cov.reset_index())["variant"] == "no_orders"
