"""A question asked through Workbook.ask is built once per store's data in a process and its
dates bound at every later asking (storebook.engine.questions): each asking still gets its
own answer, and a builder that is not a function of its dates alone is built every time.

The store is six hand-written orders (as tests/engine/test_shapes.py's), so every answer is
counted by hand; the scorecard and the traffic summary, the two areas asked this way, are
checked on the sample store against the answers built afresh.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import storebook
from storebook.engine import questions
from storebook.engine.workbook import Workbook

#: order_id, platform, ordered_at, paid_amount
ORDERS = [
    ("o1", "tmall", datetime(2026, 9, 3, 10, 0), 100.0),
    ("o2", "jd", datetime(2026, 9, 30, 23, 59, 59), 50.0),
    ("o3", "tmall", datetime(2026, 10, 1, 0, 0), 30.0),
    ("o4", "jd", datetime(2026, 10, 15, 12, 0), 20.0),
    ("o5", "tmall", datetime(2026, 10, 31, 23, 0), 5.0),
    ("o6", "tmall", datetime(2026, 11, 1, 0, 0), 7.0),
]

SEP, OCT, NOV, DEC = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


def _processed(root: Path, rows: list[tuple], fingerprint: str | None = "hand-1") -> Path:
    """A flat processed folder of ``rows``; with ``fingerprint``, its ``_ingest.json`` says it
    (as ingest's does: the data's identity)."""
    processed = root / "data" / "processed"
    folder = processed / "orders"
    folder.mkdir(parents=True)
    ids, platforms, times, paid = zip(*rows, strict=True)
    pq.write_table(pa.table({"order_id": list(ids), "platform": list(platforms),
                             "ordered_at": pa.array(times, pa.timestamp("us")), "paid_amount": list(paid)}),
                   folder / "part-0.parquet")
    if fingerprint is not None:
        (processed / "_ingest.json").write_text(json.dumps({"fingerprint": fingerprint}), encoding="utf-8")
    return processed


def _open(processed: Path) -> Workbook:
    return storebook.open(processed, root=processed.parent.parent)


class Counted:
    """A builder that counts its buildings: the orders and paid amount per platform from
    ``start`` to before ``end`` (a row for every platform, 0 where it has none)."""

    def __init__(self) -> None:
        self.built = 0

    def __call__(self, wb: Workbook, start: date, end: date) -> ibis.Table:
        self.built += 1
        o = wb.table("orders")
        inside = (o.ordered_at >= start) & (o.ordered_at < end)
        return o.group_by("platform").aggregate(orders=inside.sum().cast("int64"),
                                                paid=o.paid_amount.sum(where=inside).fill_null(0.0))


def _by_platform(frame: pd.DataFrame) -> dict:
    return {row.platform: (row.orders, row.paid) for row in frame.itertuples()}


@pytest.fixture(autouse=True)
def _no_templates() -> None:
    """Each test starts with no template kept in the process."""
    questions.forget()


def test_a_later_asking_binds_its_own_dates_without_building(root: Path) -> None:
    processed = _processed(root, ORDERS)
    build = Counted()
    october = _open(processed).ask(build, OCT, NOV)
    assert _by_platform(october) == {"tmall": (2, 35.0), "jd": (1, 20.0)}
    assert build.built == 3  # the question, and twice of stand-in dates
    # Another workbook of the same data, as the bench and every later kernel open one.
    september = _open(processed).ask(build, SEP, OCT)
    two_months = _open(processed).ask(build, SEP, NOV)
    assert build.built == 3
    assert _by_platform(september) == {"tmall": (1, 100.0), "jd": (1, 50.0)}
    assert _by_platform(two_months) == {"tmall": (3, 135.0), "jd": (2, 70.0)}
    # Each date in its own place: the same two dates the other way round hold nothing.
    assert _by_platform(_open(processed).ask(build, NOV, SEP)) == {"tmall": (0, 0.0), "jd": (0, 0.0)}


def test_an_asking_gets_what_execute_gets(root: Path) -> None:
    processed = _processed(root, ORDERS)
    build = Counted()
    _open(processed).ask(build, OCT, NOV)
    for start, end in ((SEP, OCT), (NOV, DEC), (date(2026, 9, 30), date(2026, 10, 16))):
        wb = _open(processed)
        asked = wb.ask(build, start, end)
        pd.testing.assert_frame_equal(asked, wb.execute(build(wb, start, end)))


def test_the_tables_a_template_reads_are_noted_as_the_build_notes_them(root: Path) -> None:
    processed = _processed(root, ORDERS)
    build = Counted()
    with _open(processed).reading() as first:
        _open(processed).ask(build, OCT, NOV)
    wb = _open(processed)
    with wb.reading() as later:
        wb.ask(build, SEP, OCT)
    assert first == [] and later == ["orders"]  # the first workbook's own reading saw it, not this one
    with (other := _open(processed)).reading() as built_here:
        questions.forget()
        other.ask(build, OCT, NOV)
    assert "orders" in built_here


def test_a_date_derived_from_an_argument_in_python_is_built_every_time(root: Path) -> None:
    processed = _processed(root, ORDERS)
    built = []

    def through_the_day_before(wb: Workbook, start: date, end: date) -> ibis.Table:
        built.append(start)
        o = wb.table("orders")
        # The last day is named, not the day after it: a date the stand-ins cannot account for.
        inside = (o.ordered_at >= start) & (o.ordered_at.date() <= end - timedelta(days=1))
        return o.group_by("platform").aggregate(orders=inside.sum().cast("int64"))

    october = _open(processed).ask(through_the_day_before, OCT, NOV)
    september = _open(processed).ask(through_the_day_before, SEP, OCT)
    assert dict(zip(october.platform, october.orders, strict=True)) == {"tmall": 2, "jd": 1}
    assert dict(zip(september.platform, september.orders, strict=True)) == {"tmall": 1, "jd": 1}
    assert built[-1] == SEP  # September was built, not bound to October's question


def test_a_builder_that_asks_the_engine_is_built_every_time(root: Path) -> None:
    processed = _processed(root, ORDERS)
    build = Counted()

    def nothing_or_counts(wb: Workbook, start: date, end: date) -> ibis.Table:
        o = wb.table("orders")
        inside = o.filter(o.ordered_at >= start, o.ordered_at < end)
        if wb.scalar(inside.count()) == 0:  # an answer the expression is built on
            return o.group_by("platform").aggregate(orders=ibis.literal(0, "int64"), paid=ibis.literal(0.0))
        return build(wb, start, end)

    # A month without orders first: its stand-ins (1901, 1904) have none either, so only
    # seeing the builder ask keeps its question from being October's.
    january = _open(processed).ask(nothing_or_counts, date(2026, 1, 1), date(2026, 2, 1))
    october = _open(processed).ask(nothing_or_counts, OCT, NOV)
    assert _by_platform(january) == {"tmall": (0, 0.0), "jd": (0, 0.0)}
    assert _by_platform(october) == {"tmall": (2, 35.0), "jd": (1, 20.0)}


#: Turns a builder takes on its dates: (which dates take the turn, the later question's start).
#: A month's first day: October's is one, the stand-ins' (a 12th, a 27th) are not. A leap year:
#: 2026 and the first stand-ins' 1901 are not, only the second set's 1904 is.
TURNS = {"a month's first day": (lambda start: start.day != 1, date(2026, 9, 2)),
         "a leap year, which only the second stand-ins take": (lambda start: start.year % 4 == 0, date(2024, 1, 1))}


@pytest.mark.parametrize("turn", list(TURNS))
def test_a_builder_whose_question_turns_on_its_dates_is_built_every_time(root: Path, turn: str) -> None:
    processed = _processed(root, ORDERS)
    takes, later_start = TURNS[turn]

    def tmall_only_on_the_turn(wb: Workbook, start: date, end: date) -> ibis.Table:
        o = wb.table("orders")
        platforms = ["tmall"] if takes(start) else ["tmall", "jd"]
        inside = o.filter(o.ordered_at >= start, o.ordered_at < end, o.platform.isin(platforms))
        return inside.group_by("platform").aggregate(orders=inside.count())

    _open(processed).ask(tmall_only_on_the_turn, OCT, NOV)
    later = _open(processed).ask(tmall_only_on_the_turn, later_start, NOV)
    assert dict(zip(later.platform, later.orders, strict=True)) == {"tmall": 3}


def test_data_without_a_fingerprint_or_of_another_ingest_is_not_answered_from_a_template(tmp_path: Path) -> None:
    build = Counted()
    unnamed = _processed(tmp_path / "a", ORDERS, fingerprint=None)
    _open(unnamed).ask(build, OCT, NOV)
    _open(unnamed).ask(build, OCT, NOV)
    assert build.built == 2  # tables written by hand may change unseen: built every time

    first = _processed(tmp_path / "b", ORDERS, fingerprint="ingest-1")
    _open(first).ask(build, OCT, NOV)
    # The same folder after another ingest: other rows, another fingerprint.
    (first / "orders" / "part-0.parquet").unlink()
    (first / "_ingest.json").unlink()
    (first / "orders").rmdir()
    _processed(tmp_path / "b", [("p1", "jd", datetime(2026, 10, 2), 9.0)], fingerprint="ingest-2")
    again = _open(first).ask(build, OCT, NOV)
    assert _by_platform(again) == {"jd": (1, 9.0)}


def test_the_scorecard_and_the_traffic_summary_asked_as_templates_are_as_built(sample_env: Path) -> None:
    from storebook.areas import supplier, traffic

    wb = storebook.open()
    periods = [wb.period("2026-10"), wb.period("2026-09"), wb.period("2026-10").trailing(3)]
    asked = [(supplier.score_suppliers(storebook.open(), p), traffic.summarise_traffic(storebook.open(), p))
             for p in periods]
    assert all(v is not None for v in questions._TEMPLATES.values())  # noqa: SLF001
    assert len(questions._TEMPLATES) == 2  # noqa: SLF001
    for period, (card, summary) in zip(periods, asked, strict=True):
        questions.forget()  # each built afresh
        pd.testing.assert_frame_equal(card, supplier.score_suppliers(storebook.open(), period))
        questions.forget()
        pd.testing.assert_frame_equal(summary, traffic.summarise_traffic(storebook.open(), period))
    # The months differ: had a date been bound in the wrong place they would agree.
    assert not asked[0][0]["n_lines"].equals(asked[1][0]["n_lines"])


def test_the_benchs_cold_run_builds_its_question_again(sample_env: Path) -> None:
    from storebook import bench
    from storebook.engine.periods import month

    query = next(q for q in bench.QUERIES if q.name == "supplier.score_suppliers")
    period = month(bench.BENCH_MONTH)
    bench.run_query(query, "storebook", sample_env, period)
    (first,) = questions._TEMPLATES.values()  # noqa: SLF001
    bench._cold_run(query, sample_env, period)  # noqa: SLF001
    (after,) = questions._TEMPLATES.values()  # noqa: SLF001
    assert first is not None and after is not None and after is not first


def test_the_section_bench_times_an_asking_whole_and_runs_its_sql_bare(root: Path) -> None:
    from storebook.bench import sections

    processed = _processed(root, ORDERS)
    build = Counted()
    wb = _open(processed)
    calls: list[dict] = []
    with sections._recording(calls, []):  # noqa: SLF001
        first = wb.ask(build, OCT, NOV)  # built: its execute is part of the asking, not a call of its own
        later = wb.ask(build, SEP, OCT)  # bound
    assert len(calls) == 2 and all("build" in c and not c["kept"] for c in calls)
    assert _by_platform(first) == {"tmall": (2, 35.0), "jd": (1, 20.0)}
    assert _by_platform(later) == {"tmall": (1, 100.0), "jd": (1, 50.0)}
    in_section = [{**c, "section": "hand.s"} for c in calls]
    (row,) = sections._summarise("hand", [*in_section, {"section": "hand.s", "total": 1.0}], None)  # noqa: SLF001
    assert row["queries"] == 2 and row["sql_s"] is not None and row["side_by_side"]["queries"] == 2
    # The bare SQL is September's own: run again, it gives September's counts.
    bare = wb.con.con.sql(str(wb.con.compile(in_section[1]["expr"]))).to_arrow_table().to_pandas()
    assert _by_platform(bare) == _by_platform(later)


def test_a_first_asking_answered_from_a_kept_answer_leaves_the_template_to_the_next(root: Path) -> None:
    processed = _processed(root, ORDERS)
    build = Counted()
    wb = _open(processed)
    wb.execute(build(wb, OCT, NOV))  # the same question asked plainly first: its answer is kept
    assert _by_platform(wb.ask(build, OCT, NOV)) == {"tmall": (2, 35.0), "jd": (1, 20.0)}
    assert _by_platform(_open(processed).ask(build, SEP, OCT)) == {"tmall": (1, 100.0), "jd": (1, 50.0)}
    built = build.built
    _open(processed).ask(build, NOV, DEC)
    assert build.built == built  # the second asking kept it: the third binds
