"""A workbook compiles a question's shape once and binds each question's dates
(storebook.engine.shapes): every question still gets its own answer, each value in its own
place, and what the reuse cannot handle takes Ibis's path.

The store is six hand-written orders, so every answer here is counted by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import storebook
from storebook.engine import shapes
from storebook.engine.workbook import Workbook

#: order_id, platform, ordered_at, paid_amount
ORDERS = [
    ("o1", "tmall", datetime(2026, 9, 3, 10, 0), 100.0),
    ("o2", "jd", datetime(2026, 9, 30, 23, 59, 59, 500000), 50.0),
    ("o3", "tmall", datetime(2026, 10, 1, 0, 0), 30.0),
    ("o4", "jd", datetime(2026, 10, 15, 12, 0), 20.0),
    ("o5", "tmall", datetime(2026, 10, 31, 23, 0), 5.0),
    ("o6", "tmall", datetime(2026, 11, 1, 0, 0), 7.0),
]


@pytest.fixture
def hand(root: Path) -> Workbook:
    """A workbook over the six orders above (flat layout)."""
    folder = root / "data" / "processed" / "orders"
    folder.mkdir(parents=True)
    ids, platforms, times, paid = zip(*ORDERS, strict=True)
    pq.write_table(pa.table({"order_id": list(ids), "platform": list(platforms),
                             "ordered_at": pa.array(times, pa.timestamp("us")), "paid_amount": list(paid)}),
                   folder / "part-0.parquet")
    return storebook.open()


def _per_platform(wb: Workbook, start: datetime, end: datetime) -> ibis.Table:
    """Orders and paid amount per platform from ``start`` to before ``end``: a row for every
    platform, counted 0 when it has none (an empty or missing answer would be asked again
    through Ibis, which would hide a date bound in the wrong place)."""
    o = wb.table("orders")
    inside = (o.ordered_at >= start) & (o.ordered_at < end)
    return (o.group_by("platform")
            .aggregate(orders=o.count(where=inside), paid=o.paid_amount.sum(where=inside).fill_null(0.0))
            .order_by("platform"))


def _this_and_prior(wb: Workbook, month: tuple[date, date], prior: tuple[date, date]) -> ibis.Table:
    """Two periods in one question: the orders and paid amount of each (by day)."""
    o = wb.table("orders")
    day = o.ordered_at.date()
    in_month = (day >= month[0]) & (day < month[1])
    in_prior = (day >= prior[0]) & (day < prior[1])
    totals = o.aggregate(this=o.paid_amount.sum(where=in_month).fill_null(0.0), this_n=o.count(where=in_month),
                         prior=o.paid_amount.sum(where=in_prior).fill_null(0.0), prior_n=o.count(where=in_prior))
    return totals.mutate(first_day=ibis.literal(month[0]))


#: Periods [from, to) by day, no two sharing a date: o3 + o4 + o5 = 55; o1 = 100 (o2 is on
#: 30 September); o6 = 7; o4 = 20 (o5 is on 31 October).
OCT, SEP, NOV, MID_OCT = (date(2026, 10, 1), date(2026, 11, 1)), (date(2026, 9, 1), date(2026, 9, 30)), \
    (date(2026, 11, 1), date(2026, 12, 1)), (date(2026, 10, 2), date(2026, 10, 31))


def test_two_periods_of_one_shape_each_get_their_own_answer(hand: Workbook) -> None:
    september = hand.execute(_per_platform(hand, datetime(2026, 9, 1), datetime(2026, 10, 1)))
    assert hand.shapes.compiled == 1 and hand.shapes.reused == 0
    october = hand.execute(_per_platform(hand, datetime(2026, 10, 1), datetime(2026, 11, 1)))
    assert hand.shapes.compiled == 1 and hand.shapes.reused == 1  # October ran on September's SQL
    assert september.to_dict("list") == {"platform": ["jd", "tmall"], "orders": [1, 1], "paid": [50.0, 100.0]}
    assert october.to_dict("list") == {"platform": ["jd", "tmall"], "orders": [1, 2], "paid": [20.0, 35.0]}
    later = hand.execute(_per_platform(hand, datetime(2026, 10, 31), datetime(2027, 1, 1)))
    assert later.to_dict("list") == {"platform": ["jd", "tmall"], "orders": [0, 2], "paid": [0.0, 12.0]}


def test_each_date_goes_to_its_own_place(hand: Workbook) -> None:
    october = hand.execute(_this_and_prior(hand, OCT, SEP))
    september = hand.execute(_this_and_prior(hand, SEP, OCT))  # the same shape, the periods swapped
    november = hand.execute(_this_and_prior(hand, NOV, MID_OCT))
    assert hand.shapes.compiled == 1 and hand.shapes.reused == 2
    assert october.to_dict("records") == [{"this": 55.0, "this_n": 3, "prior": 100.0, "prior_n": 1,
                                           "first_day": pd.Timestamp("2026-10-01")}]
    assert september.to_dict("records") == [{"this": 100.0, "this_n": 1, "prior": 55.0, "prior_n": 3,
                                              "first_day": pd.Timestamp("2026-09-01")}]
    assert november.to_dict("records") == [{"this": 7.0, "this_n": 1, "prior": 20.0, "prior_n": 1,
                                             "first_day": pd.Timestamp("2026-11-01")}]


def test_two_equal_dates_are_another_shape_than_two_different_ones(hand: Workbook) -> None:
    # October against October: the two periods' dates are the same literals (one slot each);
    # against September they are not, so the two questions cannot share SQL.
    same = hand.execute(_this_and_prior(hand, OCT, OCT))
    hand.execute(_this_and_prior(hand, OCT, SEP))
    assert hand.shapes.compiled == 2 and hand.shapes.reused == 0
    assert same.to_dict("records") == [{"this": 55.0, "this_n": 3, "prior": 55.0, "prior_n": 3,
                                        "first_day": pd.Timestamp("2026-10-01")}]


def test_a_timestamp_keeps_its_microseconds_as_ibis_writes_them(hand: Workbook) -> None:
    # o2 was ordered at 23:59:59.5: on the bound, and half a second after it.
    at = hand.execute(_per_platform(hand, datetime(2026, 9, 30, 23, 59, 59, 500000), datetime(2026, 10, 1)))
    after = hand.execute(_per_platform(hand, datetime(2026, 9, 30, 23, 59, 59, 750000), datetime(2026, 10, 1)))
    assert hand.shapes.reused == 1
    assert at.to_dict("list") == {"platform": ["jd", "tmall"], "orders": [1, 0], "paid": [50.0, 0.0]}
    assert after.to_dict("list") == {"platform": ["jd", "tmall"], "orders": [0, 0], "paid": [0.0, 0.0]}


def test_answers_match_ibiss_own_path(hand: Workbook) -> None:
    for start in (datetime(2026, 9, 30, 23, 59, 59, 499999), datetime(2026, 9, 30, 23, 59, 59, 500001),
                  datetime(2026, 10, 14, 6, 30, 0, 123456), datetime(2026, 9, 1)):
        expr = _per_platform(hand, start, datetime(2026, 12, 1))
        own = hand.shapes.to_pyarrow(hand.con, expr)
        assert own.equals(expr.to_pyarrow()), start
    assert hand.shapes.compiled == 1 and hand.shapes.reused == 3


def test_other_literals_are_part_of_the_shape(hand: Workbook) -> None:
    interned: dict = {}
    o = hand.table("orders")

    def key(platform: str, start: date, amount: float):  # noqa: ANN202
        expr = o.filter(o.platform == platform, o.ordered_at.date() >= start, o.paid_amount > amount)
        return shapes.shape(expr.op(), interned)[0]

    first = key("tmall", date(2026, 9, 1), 0.0)
    assert key("tmall", date(2026, 10, 1), 0.0) is first  # only the date differs
    assert key("jd", date(2026, 9, 1), 0.0) is not first
    assert key("tmall", date(2026, 9, 1), -0.0) is not first  # equal in Python, not in SQL
    assert key("tmall", date(2026, 9, 1), 1.0) is not first


def test_a_question_without_dates_or_with_an_in_memory_table_takes_ibiss_path(hand: Workbook) -> None:
    o = hand.table("orders")
    counts = hand.execute(o.group_by("platform").aggregate(n=o.count()).order_by("platform"))
    names = ibis.memtable(pd.DataFrame({"platform": ["jd", "tmall"], "name": ["京东", "天猫"]}))
    since = o.filter(o.ordered_at >= datetime(2026, 10, 1)).join(names, "platform")
    named = hand.execute(since.group_by("name").aggregate(n=since.count()).order_by("name"))
    assert hand.shapes.declined == 2 and hand.shapes.compiled == 0
    assert counts.to_dict("list") == {"platform": ["jd", "tmall"], "n": [2, 4]}
    assert named.to_dict("list") == {"name": ["京东", "天猫"], "n": [1, 3]}


def test_a_shape_that_cannot_be_compiled_or_run_falls_back(hand: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(expr, literals):  # noqa: ANN001, ANN202
        raise NotImplementedError("no slot for this node")

    monkeypatch.setattr(shapes, "compile_shape", broken)
    september = hand.execute(_per_platform(hand, datetime(2026, 9, 1), datetime(2026, 10, 1)))
    october = hand.execute(_per_platform(hand, datetime(2026, 10, 1), datetime(2026, 11, 1)))
    assert september["paid"].tolist() == [50.0, 100.0] and october["paid"].tolist() == [20.0, 35.0]
    assert hand.shapes.declined == 2 and hand.shapes.reused == 0

    monkeypatch.setattr(shapes, "compile_shape", lambda expr, literals: "SELECT no_such_column FROM orders")
    november = hand.execute(_per_platform(hand, datetime(2026, 11, 1), datetime(2026, 12, 1)).mutate(x=1))
    assert november["paid"].tolist() == [0.0, 7.0]
    assert hand.shapes.declined == 3


def test_threads_compile_shapes_with_compilers_of_their_own(hand: Workbook) -> None:
    """A compiler holds the slots of the question it compiles: two threads compiling at once
    must not share one, or one question's dates could be written as the other's slots."""
    import threading

    seen: dict[str, object] = {}

    def remember(name: str) -> None:
        seen[name] = shapes._compiler()  # noqa: SLF001

    threads = [threading.Thread(target=remember, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["a"] is not seen["b"] and shapes._compiler() not in (seen["a"], seen["b"])  # noqa: SLF001
    # and a shape compiled on another thread gives this thread's question its own answer
    compiled: list[str] = []
    expr = _per_platform(hand, datetime(2026, 10, 1), datetime(2026, 11, 1))
    found = shapes.shape(expr.op(), {})
    worker = threading.Thread(target=lambda: compiled.append(shapes.compile_shape(expr, found[1])))
    worker.start()
    worker.join()
    table = hand.con.con.sql(compiled[0], params=shapes.parameters(found[1])).to_arrow_table()
    assert table.to_pydict() == {"platform": ["jd", "tmall"], "orders": [1, 2], "paid": [20.0, 35.0]}
