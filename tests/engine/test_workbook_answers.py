"""A workbook answers a question it was asked before from its first answer (Workbook.execute):
the engine is not asked again, the caller cannot change the kept answer, and a different
question is still asked."""

from __future__ import annotations

import pandas as pd
import pytest

from storebook.engine import workbook
from storebook.engine.workbook import Workbook


def _orders_per_platform(wb: Workbook, since: str):
    o = wb.table("orders")
    o = o.filter(o.ordered_at >= pd.Timestamp(since))
    return o.group_by("platform").aggregate(orders=o.count()).order_by("platform")


def test_the_same_question_is_asked_of_the_engine_once(wb: Workbook) -> None:
    first = wb.execute(_orders_per_platform(wb, "2026-10-01"))
    asked = wb.questions
    again = wb.execute(_orders_per_platform(wb, "2026-10-01"))  # a new expression, the same question
    assert wb.questions == asked
    pd.testing.assert_frame_equal(first, again)


def test_a_caller_changing_its_answer_does_not_change_the_next(wb: Workbook) -> None:
    first = wb.execute(_orders_per_platform(wb, "2026-09-01"))
    truth = first.copy()
    first.loc[0, "orders"] = -1
    first["extra"] = 1
    pd.testing.assert_frame_equal(wb.execute(_orders_per_platform(wb, "2026-09-01")), truth)


def test_a_different_question_is_asked(wb: Workbook) -> None:
    october = wb.execute(_orders_per_platform(wb, "2026-10-01"))
    asked = wb.questions
    august = wb.execute(_orders_per_platform(wb, "2026-08-01"))
    assert wb.questions == asked + 1
    # Orders since August include October's and more: the answers differ.
    assert (august["orders"].to_numpy() > october["orders"].to_numpy()).all()


def test_scalars_are_kept_too(wb: Workbook) -> None:
    o = wb.table("orders")
    n = wb.scalar(o.filter(o.platform == "tmall").count())
    asked = wb.questions
    assert wb.scalar(o.filter(o.platform == "tmall").count()) == n
    assert wb.questions == asked
    assert wb.scalar(o.filter(o.platform != "tmall").count()) == wb.scalar(o.count()) - n
    assert wb.questions == asked + 2


def test_answers_over_the_size_limit_are_asked_again(wb: Workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Workbook, "_ANSWER_MAX_ROWS", 1)
    o = wb.table("orders")
    expr = o.group_by("platform").aggregate(n=o.count())
    wb.execute(expr)
    asked = wb.questions
    wb.execute(expr)
    assert wb.questions == asked + 1


def test_an_answer_is_measured_in_bytes_and_one_over_the_limit_is_asked_again(wb: Workbook,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # Every kind of column an answer holds: its bytes summed over the frame's arrays are the
    # columns' own (each Series' nbytes), and a workbook keeps an answer up to its byte limit.
    frame = pd.DataFrame({"n": [1, 2, 3], "x": [0.5, 1.5, None], "name": pd.array(["a", "bb", None], dtype="str"),
                          "at": pd.to_datetime(["2026-10-01", None, "2026-10-03"]),
                          "flag": pd.array([True, None, False], dtype="boolean"), "obj": [b"1", None, b"333"]})
    assert workbook._frame_bytes(frame) == sum(int(col.nbytes) for _, col in frame.items()) > 3 * 8 * 3
    o = wb.table("orders")
    expr = o.group_by("platform").aggregate(n=o.count(), first=o.ordered_at.min())
    before = wb._answer_bytes
    wb.execute(expr)
    asked = wb.questions
    wb.execute(expr)
    assert wb.questions == asked  # kept, and counted in bytes (the engine's frame: its chunks may vary)
    assert wb._answer_bytes - before >= 8 * 2 * 2
    monkeypatch.setattr(Workbook, "_ANSWER_MAX_BYTES", 8)  # less than any answer of two columns
    wb.execute(expr.order_by("platform"))
    wb.execute(expr.order_by("platform"))
    assert wb.questions == asked + 2  # over the limit: asked again


def test_a_reading_names_every_table_asked_for_inside_it_and_readings_nest(wb: Workbook) -> None:
    from storebook.errors import StorebookError

    wb.table("products")  # before any reading: recorded nowhere
    with wb.reading() as outer:
        wb.table("orders")
        with wb.reading() as inner:
            wb.table("order_lines")
            with pytest.raises(StorebookError, match="not a canonical table"):
                wb.table("no_such_table")  # a failed ask is still a read the section tried
        wb.table("orders")
    wb.table("shipments")  # after: recorded nowhere
    assert inner == ["order_lines", "no_such_table"]
    assert outer == ["orders", "order_lines", "no_such_table", "orders"]
