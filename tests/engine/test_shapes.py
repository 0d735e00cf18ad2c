"""A workbook compiles a question's shape once and binds each question's dates
(storebook.engine.shapes): every question still gets its own answer, each value in its own
place, and what the reuse cannot handle takes Ibis's path.

The store is six hand-written orders, so every answer here is counted by hand.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date, datetime
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import storebook
from storebook.engine import shapes, workbook
from storebook.engine.workbook import Workbook, normalise

#: order_id, platform, ordered_at, paid_amount
ORDERS = [
    ("o1", "tmall", datetime(2026, 9, 3, 10, 0), 100.0),
    ("o2", "jd", datetime(2026, 9, 30, 23, 59, 59, 500000), 50.0),
    ("o3", "tmall", datetime(2026, 10, 1, 0, 0), 30.0),
    ("o4", "jd", datetime(2026, 10, 15, 12, 0), 20.0),
    ("o5", "tmall", datetime(2026, 10, 31, 23, 0), 5.0),
    ("o6", "tmall", datetime(2026, 11, 1, 0, 0), 7.0),
]


def _store(root: Path, rows: list[tuple]) -> Workbook:
    """A workbook over ``rows`` (as ORDERS) in a store of its own under ``root``."""
    folder = root / "data" / "processed" / "orders"
    folder.mkdir(parents=True)
    ids, platforms, times, paid = zip(*rows, strict=True)
    pq.write_table(pa.table({"order_id": list(ids), "platform": list(platforms),
                             "ordered_at": pa.array(times, pa.timestamp("us")), "paid_amount": list(paid)}),
                   folder / "part-0.parquet")
    return storebook.open(root / "data" / "processed", root=root)


@pytest.fixture
def hand(root: Path) -> Workbook:
    """A workbook over the six orders above (flat layout)."""
    return _store(root, ORDERS)


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


def test_a_column_and_a_scalar_run_on_their_shapes_sql_and_convert_as_ibis_does(hand: Workbook) -> None:
    # A section's total or count was compiled by Ibis every time (~12 ms of a 4 ms question on
    # the 10M store's supplier page); now the shape's SQL is reused for them too, and the
    # answer is what Ibis's execute gives, its types included.
    o = hand.table("orders")

    def paid(start: datetime, end: datetime):  # noqa: ANN202
        return o.filter(o.ordered_at >= start, o.ordered_at < end).paid_amount.sum()

    def days(start: datetime):  # noqa: ANN202
        return o.filter(o.ordered_at >= start).order_by("ordered_at").ordered_at.date().name("day")

    september = hand.scalar(paid(datetime(2026, 9, 1), datetime(2026, 10, 1)))
    october = hand.scalar(paid(datetime(2026, 10, 1), datetime(2026, 11, 1)))
    none = hand.scalar(paid(datetime(2027, 1, 1), datetime(2027, 2, 1)))
    assert hand.shapes.compiled == 1 and hand.shapes.reused == 2 and hand.shapes.declined == 0
    assert (september, october) == (150.0, 55.0) and pd.isna(none)
    assert type(october) is type(paid(datetime(2026, 10, 1), datetime(2026, 11, 1)).execute())

    since = hand.execute(days(datetime(2026, 10, 15)))
    ibiss = days(datetime(2026, 10, 15)).execute().to_frame()
    assert hand.shapes.compiled == 2
    assert since["day"].tolist() == [pd.Timestamp("2026-10-15"), pd.Timestamp("2026-10-31"),
                                           pd.Timestamp("2026-11-01")]
    pd.testing.assert_frame_equal(since, normalise(ibiss))


def test_an_answer_arrives_in_the_packages_types_without_normalise_rebuilding_it(hand: Workbook,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Dates, second-unit timestamps and narrow integers are cast in Arrow (workbook._in_final_types),
    # so normalise finds every column final; the frame equals what normalise made of Arrow's own.
    o = hand.table("orders")
    expr = (o.group_by(day=o.ordered_at.date())
            .aggregate(n=o.count().cast("int8"), first=o.ordered_at.min().cast("timestamp(0)"),
                       paid=o.paid_amount.sum())
            .order_by("day"))
    rebuilt: list[str] = []
    real = workbook.normalise

    def watched(frame: pd.DataFrame) -> pd.DataFrame:
        rebuilt.extend(str(d) for d in frame.dtypes if d not in workbook._FINAL_DTYPES)
        return real(frame)

    monkeypatch.setattr(workbook, "normalise", watched)
    got = hand.execute(expr)
    assert rebuilt == []
    assert got.dtypes.astype(str).tolist() == ["datetime64[us]", "int64", "datetime64[us]", "float64"]
    pd.testing.assert_frame_equal(got, real(expr.to_pyarrow().to_pandas(date_as_object=False)))
    assert got["n"].tolist() == [1, 1, 1, 1, 1, 1] and got["day"].iloc[1] == pd.Timestamp("2026-09-30")


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


def test_a_question_without_dates_is_a_shape_one_with_an_in_memory_table_takes_ibiss_path(hand: Workbook) -> None:
    o = hand.table("orders")
    counts = hand.execute(o.group_by("platform").aggregate(n=o.count()).order_by("platform"))
    assert hand.shapes.compiled == 1  # its table is its slot
    names = ibis.memtable(pd.DataFrame({"platform": ["jd", "tmall"], "name": ["京东", "天猫"]}))
    since = o.filter(o.ordered_at >= datetime(2026, 10, 1)).join(names, "platform")
    named = hand.execute(since.group_by("name").aggregate(n=since.count()).order_by("name"))
    assert hand.shapes.declined == 1 and hand.shapes.compiled == 1
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


# ----------------------------------------------------------------------------- kept on disk

def test_a_later_workbook_reads_the_shape_from_disk_and_gets_its_own_answer(hand: Workbook) -> None:
    hand.execute(_per_platform(hand, datetime(2026, 9, 1), datetime(2026, 10, 1)))
    assert hand.shapes.compiled == 1
    kept = list((hand.processed_dir / "_cache" / "sql").glob("*/*.json"))
    assert len(kept) == 1 and "__storebook_table_0__" in kept[0].read_text()  # no generation's path in it

    later = storebook.open()  # the next kernel: another workbook, other nodes, the same store
    october = later.execute(_per_platform(later, datetime(2026, 10, 1), datetime(2026, 11, 1)))
    assert (later.shapes.loaded, later.shapes.compiled) == (1, 0)
    assert october.to_dict("list") == {"platform": ["jd", "tmall"], "orders": [1, 2], "paid": [20.0, 35.0]}


def test_a_shape_kept_for_one_stores_files_reads_another_stores(tmp_path: Path) -> None:
    """The SQL is kept without the files' names: a shape compiled on one generation's files
    (here: another store's, sharing the cache) reads the files of the workbook that asks."""
    first = _store(tmp_path / "a", ORDERS)
    second = _store(tmp_path / "b", [("x1", "jd", datetime(2026, 10, 2), 1.5), ("x2", "jd", datetime(2026, 10, 3), 2.0)])
    cache = shapes.SqlCache(tmp_path / "cache")
    first.shapes, second.shapes = shapes.Shapes(cache), shapes.Shapes(cache)
    october = (datetime(2026, 10, 1), datetime(2026, 11, 1))
    assert first.execute(_per_platform(first, *october))["paid"].tolist() == [20.0, 35.0]
    answer = second.execute(_per_platform(second, *october))
    assert (second.shapes.loaded, second.shapes.compiled) == (1, 0)
    assert answer.to_dict("list") == {"platform": ["jd"], "orders": [2], "paid": [3.5]}


def test_a_kept_shape_that_is_damaged_or_refused_is_compiled_again(hand: Workbook) -> None:
    september = (datetime(2026, 9, 1), datetime(2026, 10, 1))
    hand.execute(_per_platform(hand, *september))
    (kept,) = (hand.processed_dir / "_cache" / "sql").glob("*/*.json")

    kept.write_text("{not json")
    damaged = storebook.open()
    assert damaged.execute(_per_platform(damaged, *september))["paid"].tolist() == [50.0, 100.0]
    assert (damaged.shapes.loaded, damaged.shapes.compiled) == (0, 1)

    kept.write_text(json.dumps({"literals": 2, "tables": 1, "sql": "SELECT no_such_column FROM orders"}))
    refused = storebook.open()
    assert refused.execute(_per_platform(refused, *september))["paid"].tolist() == [50.0, 100.0]
    assert refused.shapes.loaded == 1 and refused.shapes.declined == 1  # ran through Ibis instead
    assert not kept.exists()  # and the refused SQL is not read again


def test_a_table_placeholder_in_a_question_s_text_is_not_put_back_as_a_table(hand: Workbook) -> None:
    o = hand.table("orders")
    token = '"' + shapes.table_token(0) + '"'
    for rows in (o.filter(o.platform != token, o.ordered_at >= datetime(2026, 10, 1)),  # in a text
                 o.filter(o.ordered_at >= datetime(2026, 10, 1)).mutate(**{shapes.table_token(0): o.platform})):
        expr = rows.aggregate(n=rows.count())
        assert shapes.shape(expr.op(), {}) is None  # not a shape: Ibis's own path
        assert hand.execute(expr)["n"].tolist() == [4]
    assert hand.shapes.declined == 2 and hand.shapes.compiled == 0


def test_another_versions_kept_shapes_are_removed_once_unused_for_a_week(hand: Workbook) -> None:
    kept = hand.processed_dir / "_cache" / "sql"
    old, recent = kept / "0123456789abcdef", kept / "fedcba9876543210"
    for folder in (old, recent):
        folder.mkdir(parents=True)
        (folder / "x.json").write_text("{}")
    week_ago = time.time() - shapes.SqlCache.UNUSED_S - 60
    os.utime(old, (week_ago, week_ago))
    hand.execute(_per_platform(hand, datetime(2026, 9, 1), datetime(2026, 10, 1)))
    # Another install sharing the data may still use the recent one: emptying it would make
    # the two empty each other's every run.
    assert not old.exists() and recent.exists()
    assert len(list(kept.glob("*/*.json"))) == 2


def test_a_shapes_name_is_the_same_in_another_process(hand: Workbook) -> None:
    """Kernels share the kept SQL only if they name a shape alike: nothing of the process
    (an object's address, a hash seed) may reach the digest."""
    import subprocess
    import sys

    here = shapes.digest(shapes.shape(_per_platform(hand, datetime(2026, 9, 1), datetime(2026, 10, 1)).op(), {}).key)
    script = (
        "import sys; from datetime import datetime; import storebook; from storebook.engine import shapes\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r}); from test_shapes import _per_platform\n"
        "wb = storebook.open()\n"
        "print(shapes.digest(shapes.shape(_per_platform(wb, datetime(2026, 2, 1), datetime(2026, 3, 1)).op(), {}).key))"
    )
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}, cwd=hand.config.root)
    assert here and other.stdout.strip() == here


def test_shapes_are_kept_beside_the_generations_not_in_one(tmp_path: Path) -> None:
    """A report kernel opens the generation's folder itself; what it keeps must outlive the
    generation (the next ingest writes another), and a generation's files are the ingest's."""
    processed = tmp_path / "data" / "processed"
    generation = processed / "_generations" / "000001"
    _store(tmp_path / "flat", ORDERS)
    shutil.copytree(tmp_path / "flat" / "data" / "processed" / "orders", generation / "orders")
    (processed / "_current.json").write_text(json.dumps({"generation": "000001"}))
    kernel = storebook.open(generation, root=tmp_path)
    kernel.execute(_per_platform(kernel, datetime(2026, 9, 1), datetime(2026, 10, 1)))
    assert len(list((processed / "_cache" / "sql").glob("*/*.json"))) == 1
    assert not (generation / "_cache").exists()
    analyst = storebook.open(processed, root=tmp_path)
    assert analyst.execute(_per_platform(analyst, datetime(2026, 10, 1), datetime(2026, 11, 1)))["paid"].tolist() \
        == [20.0, 35.0]
    assert analyst.shapes.loaded == 1


def test_a_table_put_back_is_written_as_ibis_writes_it(tmp_path: Path) -> None:
    """The names are put back as text: in a folder whose name needs quoting (a quote, a space,
    Chinese), the SQL run is the SQL Ibis compiles, character for character."""
    wb = _store(tmp_path / '店铺 "旗舰"', ORDERS)
    expr = _per_platform(wb, datetime(2026, 10, 1), datetime(2026, 11, 1))
    found = shapes.shape(expr.op(), {})
    assert shapes.with_tables(shapes.compile_shape(expr, found.literals, found.tables), found.tables) \
        == shapes.compile_shape(expr, found.literals)
    assert wb.execute(expr)["paid"].tolist() == [20.0, 35.0]
