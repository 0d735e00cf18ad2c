"""Returns of a month (storebook.measures.returns.summarise_returns): one question for the
groups sold and returned, with the rows the two questions and their pandas merge gave, by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
from storebook.engine import periods
from storebook.errors import NoDataError
from storebook.measures.returns import summarise_returns
from support.stores import write_tables

MARCH = periods.month("2026-03")


def _order(order_id: str, platform: str, paid_at: str) -> dict:
    paid = pd.Timestamp(paid_at)
    return {"order_id": order_id, "platform": platform, "ordered_at": paid - pd.Timedelta(minutes=1),
            "paid_at": paid, "status": "completed", "items_amount": 100.0, "paid_amount": 100.0}


@pytest.fixture
def store(root: Path) -> storebook.Workbook:
    """March: tmall sells A1 (3 + 2 units) and A2 (1); jd sells A2 (4). Returns in March: two of
    A1 (quality, damaged), one of Z9 (not in the catalogue, sold in February: a group with
    returns and no sales), one on jd of A2 (quality). A3 is sold and never returned."""
    orders = [_order("O1", "tmall", "2026-03-02 10:00"), _order("O2", "tmall", "2026-03-05 10:00"),
              _order("O3", "jd", "2026-03-06 10:00"), _order("O0", "tmall", "2026-02-10 10:00")]
    lines = [{"order_id": "O1", "line_no": 1, "sku": "A1", "quantity": 3, "unit_price": 10.0, "line_amount": 30.0},
             {"order_id": "O1", "line_no": 2, "sku": "A3", "quantity": 1, "unit_price": 5.0, "line_amount": 5.0},
             {"order_id": "O2", "line_no": 1, "sku": "A1", "quantity": 2, "unit_price": 10.0, "line_amount": 20.0},
             {"order_id": "O2", "line_no": 2, "sku": "A2", "quantity": 1, "unit_price": 7.0, "line_amount": 7.0},
             {"order_id": "O3", "line_no": 1, "sku": "A2", "quantity": 4, "unit_price": 7.0, "line_amount": 28.0},
             {"order_id": "O0", "line_no": 1, "sku": "Z9", "quantity": 1, "unit_price": 9.0, "line_amount": 9.0}]
    products = [{"sku": "A1", "product_name": "Towel", "category": "bath"},
                {"sku": "A2", "product_name": "Mat", "category": "bath"},
                {"sku": "A3", "product_name": "Cup", "category": "kitchen"}]
    returns = [{"order_id": "O1", "sku": "A1", "returned_on": "2026-03-10", "quantity": 1, "reason": "quality",
                "refund_amount": 10.0},
               {"order_id": "O2", "sku": "A1", "returned_on": "2026-03-12", "quantity": 1, "reason": "damaged",
                "refund_amount": 10.0},
               {"order_id": "O0", "sku": "Z9", "returned_on": "2026-03-03", "quantity": 1, "reason": "quality",
                "refund_amount": 9.0},
               {"order_id": "O3", "sku": "A2", "returned_on": "2026-03-20", "quantity": 2, "reason": "quality",
                "refund_amount": 14.0}]
    return write_tables(root, orders=orders, order_lines=lines, products=products, returns=returns)


def test_returns_by_sku_by_hand_from_one_question(store) -> None:
    asked = store.questions
    out = summarise_returns(store, MARCH, by="sku")
    assert store.questions - asked == 1
    got = {r.sku: (r.returns, r.units_returned, r.units_sold, r.refund_amount, r.sales_amount)
           for r in out.itertuples()}
    assert got == {"A1": (2, 2, 5, 20.0, 50.0), "A2": (1, 2, 5, 14.0, 35.0), "A3": (0, 0, 1, 0.0, 5.0),
                   "Z9": (1, 1, 0, 9.0, 0.0)}
    # Most units returned first, then by the keys; Z9 (no product) is in the unknown category.
    assert out["sku"].tolist() == ["A1", "A2", "Z9", "A3"]
    assert out.set_index("sku").loc["Z9", ["product_name", "category"]].tolist() == ["Z9", "unknown"]
    assert out.set_index("sku")["return_rate"].tolist()[:2] == [pytest.approx(2 / 5), pytest.approx(2 / 5)]
    assert np.isnan(out.set_index("sku").loc["Z9", "return_rate"])  # returned, not sold in March
    assert out[["returns", "units_returned", "units_sold"]].dtypes.tolist() == ["int64"] * 3


def test_returns_by_platform_and_category_and_reason(store) -> None:
    by_platform = summarise_returns(store, MARCH, by="platform").set_index("platform")
    assert by_platform.loc["tmall", ["units_returned", "units_sold"]].tolist() == [3, 7]
    assert by_platform.loc["jd", ["units_returned", "units_sold"]].tolist() == [2, 4]
    by_category = summarise_returns(store, MARCH, by="category").set_index("category")
    assert by_category.loc["kitchen", ["returns", "units_sold"]].tolist() == [0, 1]
    assert by_category.loc["unknown", ["returns", "units_sold"]].tolist() == [1, 0]
    # By category and reason: a sold category without returns has no row (no reason to show).
    asked = store.questions
    both = summarise_returns(store, MARCH, by=["category", "reason"])
    assert store.questions - asked == 1
    got = {(r.category, r.reason): (r.returns, r.units_returned) for r in both.itertuples()}
    assert got == {("bath", "quality"): (2, 3), ("bath", "damaged"): (1, 1), ("unknown", "quality"): (1, 1)}
    assert both.set_index(["category", "reason"]).loc[("bath", "quality"), "share_of_returns"] == pytest.approx(2 / 3)
    by_reason = summarise_returns(store, MARCH, by="reason").set_index("reason")
    assert by_reason.loc["quality", "returns"] == 3 and by_reason["return_rate"].isna().all()


def test_returns_the_same_as_the_two_questions_merged(store) -> None:
    """The one question's frame equals the two questions' pandas merge (the code it replaced)."""
    from storebook.measures import returns

    def merged(wb, sold, returned, on):  # the former way: two questions, merged in pandas
        out = wb.execute(sold).merge(wb.execute(returned), on=on, how="outer")
        return out.assign(_sold=np.where(out["units_sold"].notna(), 1, np.nan))

    for by in ("sku", "category", "platform", ["category", "reason"], ["platform", "sku"]):
        one = summarise_returns(storebook.open(store.data_dir), MARCH, by=by)
        real = returns._sold_and_returned
        returns._sold_and_returned = merged
        try:
            two = summarise_returns(storebook.open(store.data_dir), MARCH, by=by)
        finally:
            returns._sold_and_returned = real
        pd.testing.assert_frame_equal(one, two, check_exact=True)


def test_month_without_sales_says_so(store) -> None:
    with pytest.raises(NoDataError):
        summarise_returns(store, periods.month("2026-04"), by="sku")  # nothing sold or returned
    with pytest.raises(NoDataError):  # January: nothing sold
        summarise_returns(store, periods.month("2026-01"), by="category")
    feb = summarise_returns(store, periods.month("2026-02"), by="sku")  # Z9 sold, returned in March
    assert feb[["sku", "returns", "units_sold"]].values.tolist() == [["Z9", 0, 1]]


def test_returns_without_a_catalogue_count_every_sku_in_the_unknown_category(root: Path, store) -> None:
    """A store of orders, lines and returns without a catalogue (an orders export): by platform
    the same figures as with it; by SKU each is named by itself, in the unknown category."""
    import shutil

    shutil.rmtree(store.data_dir / "products")
    wb = storebook.open(store.data_dir)
    by_platform = summarise_returns(wb, MARCH, by="platform").set_index("platform")
    assert by_platform.loc["tmall", ["units_returned", "units_sold"]].tolist() == [3, 7]
    assert by_platform.loc["jd", ["units_returned", "units_sold"]].tolist() == [2, 4]
    by_sku = summarise_returns(wb, MARCH, by="sku").set_index("sku")
    assert by_sku.loc["A1", ["product_name", "category", "units_returned", "units_sold"]].tolist() == ["A1", "unknown", 2, 5]
    assert set(by_sku["category"]) == {"unknown"}
    by_category = summarise_returns(wb, MARCH, by="category")  # the whole store: one unknown category
    assert by_category[["category", "returns", "units_returned", "units_sold"]].values.tolist() == [["unknown", 4, 5, 11]]
