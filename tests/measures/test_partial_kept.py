"""A result kept per workbook (measures.partial.kept_result) is computed once, handed out as
a copy, and raises its partial flags again in each section that asks for it."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures.partial import flag_partial, kept_result, running


class _Check:
    def __init__(self) -> None:
        self.flags: list[tuple[str, dict[str, Any]]] = []

    def add_flag(self, key: str, values: dict[str, Any]) -> None:
        self.flags.append((key, values))


class _Workbook:
    """What kept_result needs of a workbook: its kept results, and the tables asked for inside
    a reading (Workbook.reading's contract, tested on a real workbook in tests/engine)."""

    reading = Workbook.reading
    note_reads = Workbook.note_reads

    def __init__(self, missing: tuple[str, ...] = ()) -> None:
        self.kept_results: dict = {}
        self.asked: list[str] = []
        self._readers: list[list[str]] = []
        self.missing = missing

    def table(self, name: str) -> str:
        self.asked.append(name)
        for read in self._readers:
            read.append(name)
        if name in self.missing:
            raise NoDataError(f"the workbook has no '{name}' table")
        return name


def _compute(calls: list[int]):
    def build() -> pd.DataFrame:
        calls.append(1)
        flag_partial("page.partial.sales_from_orders", platforms="jd")
        return pd.DataFrame({"value": [1.0, 2.0]})
    return build


def test_computed_once_and_each_section_hears_its_flags() -> None:
    wb, calls = _Workbook(), []
    first, second = _Check(), _Check()
    with running(first):
        a = kept_result(wb, ("card", "2026-10"), _compute(calls))
    with running(second):
        b = kept_result(wb, ("card", "2026-10"), _compute(calls))
    assert len(calls) == 1
    assert first.flags == second.flags == [("page.partial.sales_from_orders", {"platforms": "jd"})]
    pd.testing.assert_frame_equal(a, b)


def test_a_caller_changing_the_result_does_not_change_the_kept_one() -> None:
    wb, calls = _Workbook(), []
    a = kept_result(wb, ("card",), _compute(calls))
    a.loc[0, "value"] = -1.0
    assert kept_result(wb, ("card",), _compute(calls))["value"].tolist() == [1.0, 2.0]


def test_another_key_is_computed_and_a_failure_is_not_kept() -> None:
    wb, calls = _Workbook(), []
    kept_result(wb, ("card", "2026-10"), _compute(calls))
    kept_result(wb, ("card", "2026-09"), _compute(calls))
    assert len(calls) == 2

    def fail() -> None:
        calls.append(1)
        raise NoDataError("no data")

    for _ in range(2):
        with pytest.raises(NoDataError):
            kept_result(wb, ("broken",), fail)
    assert len(calls) == 4


def test_the_tables_the_result_read_are_read_again_by_the_next_asker() -> None:
    wb = _Workbook()

    def build() -> pd.DataFrame:
        wb.table("orders")
        wb.table("traffic")
        wb.table("orders")
        return pd.DataFrame({"value": [1.0]})

    kept_result(wb, ("card",), build)
    assert wb._readers == []  # the reading is closed
    with wb.reading() as read:
        kept_result(wb, ("card",), build)
    assert read == ["orders", "traffic"]


def test_a_table_the_result_did_without_does_not_stop_the_next_asker() -> None:
    """The overview's scorecard asks for products, finds none and goes on without its margin;
    the changes section, which takes the kept scorecard, must get it — not the missing table's
    error (it did, on a real Shopify orders export) — and still list products as read."""
    wb = _Workbook(missing=("products",))

    def build() -> pd.DataFrame:
        wb.table("orders")
        try:
            wb.table("products")
        except NoDataError:
            pass  # the margin is left out
        return pd.DataFrame({"value": [1.0]})

    kept_result(wb, ("card",), build)
    with wb.reading() as read:
        again = kept_result(wb, ("card",), build)
    assert again["value"].tolist() == [1.0]
    assert read == ["orders", "products"]
