"""A month's order lines are read from the row groups of its orders' days only
(storebook.engine.lines), and every answer built on them is the one the whole table gives."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import storebook
from conftest import tables_dir, tiny_rows, write_csv
from storebook.engine import derived
from storebook.engine import lines as lines_module
from storebook.engine.config import Config
from storebook.ingest import ingest
from storebook.measures.orders import paid_orders
from storebook.measures.sales import sum_daily_sales, sum_monthly_sales

NOW = datetime(2026, 11, 27, 12, 0, 0)


@pytest.fixture(autouse=True)
def _sales_from_the_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are of the lines' reads: the sales questions here ask the lines, not the
    sums ingest derives from them (storebook.engine.derived.daily_sales; their answers are
    compared with these in tests/engine/test_derived_sales.py)."""
    monkeypatch.setattr(derived, "daily_sales_of", lambda wb: None)


def _six_months() -> tuple[list[dict], list[dict]]:
    """60 orders over October 2024 – March 2025 whose ids run against time, one to three lines
    each; the order paid latest was placed in October and paid in March (a late payment: the
    March question needs October's lines too)."""
    template, line = tiny_rows()["orders"][1], tiny_rows()["order_lines"][1]
    orders, lines = [], []
    for n in range(60):
        start = datetime(2024 + (9 + n // 10) // 12, (9 + n // 10) % 12 + 1, 1, 9, 0, 0)
        at = start + timedelta(days=2 * (n % 10), hours=n % 7)
        paid = datetime(2025, 3, 20, 12, 0, 0) if n == 3 else at + timedelta(minutes=1)
        oid = f"Z{999 - n:03d}"
        orders.append({**template, "order_id": oid, "ordered_at": at.isoformat(sep=" "), "paid_at": paid.isoformat(sep=" ")})
        for k in range(1 + n % 3):
            lines.append({**line, "order_id": oid, "line_no": str(k + 1), "quantity": str(1 + k),
                          "line_amount": f"{89 * (1 + k):.2f}", "unit_price": "89.00"})
    return orders, lines


@pytest.fixture
def store(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import storebook.ingest.writing as writing

    orders, lines = _six_months()
    write_csv(tiny, "orders", "orders_b.csv", orders)
    write_csv(tiny, "order_lines", "lines_b.csv", lines)
    monkeypatch.setattr(writing, "ROW_GROUP", 10)  # 123 lines in 13 row groups
    ingest(Config.load(tiny), now=NOW)
    return tiny


@pytest.mark.slow
def test_ingest_records_each_row_group_days_of_the_order_lines(store: Path) -> None:
    folder = tables_dir(store)
    recorded = json.loads((folder / "_ingest.json").read_text())["tables"]["order_lines"]["row_group_days"]
    path = folder / "order_lines" / "part-0.parquet"
    lines = pq.read_table(path).to_pandas()
    orders = pq.read_table(folder / "orders" / "part-0.parquet").to_pandas()[["order_id", "ordered_at"]]
    days = lines.merge(orders, on="order_id", how="left")["ordered_at"].dt.date
    meta = pq.ParquetFile(path).metadata
    assert len(lines) == 123 and meta.num_row_groups == len(recorded) == 13
    start = 0
    for g, span in enumerate(recorded):
        n = meta.row_group(g).num_rows
        group = days.iloc[start:start + n]
        assert span == [group.min().isoformat(), group.max().isoformat()]
        start += n


@pytest.mark.slow
def test_a_month_reads_its_days_row_groups_and_answers_as_the_whole_table(store: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines_module, "MIN_ROW_GROUPS", 1)
    wb = storebook.open(root=store)
    december = wb.period("2024-12")
    paid = paid_orders(wb, december, wb.platforms())
    some = wb.execute(lines_module.lines_of_orders(wb, paid))
    whole = wb.execute(wb.table("order_lines"))
    assert len(whole) == 123
    december_ids = set(wb.execute(paid.select("order_id"))["order_id"])
    assert set(whole.loc[whole["order_id"].isin(december_ids), "order_id"]) <= set(some["order_id"])
    assert len(some) <= 3 * 10  # December's 20 lines in two or three row groups of ten, not 123
    # March: its orders' lines, and those of the order placed in October and paid in March.
    march = wb.period("2025-03")
    march_lines = wb.execute(lines_module.lines_of_orders(wb, paid_orders(wb, march, wb.platforms())))
    assert "Z996" in set(march_lines["order_id"])  # so March reads October to March: every row group
    january = wb.execute(lines_module.lines_of_orders(wb, paid_orders(wb, wb.period("2025-01"), wb.platforms())))
    assert 20 <= len(january) <= 30

    fast = {m: sum_monthly_sales(wb, wb.period(m)) for m in ("2024-10", "2024-12", "2025-03")}
    daily = sum_daily_sales(wb, march)
    monkeypatch.setattr(lines_module, "_row_groups", lambda wb: None)  # the whole table, as before
    wb = storebook.open(root=store)
    for m, frame in fast.items():
        pd.testing.assert_frame_equal(frame, sum_monthly_sales(wb, wb.period(m)))
    pd.testing.assert_frame_equal(daily, sum_daily_sales(wb, march))
    assert fast["2025-03"]["revenue"].sum() > 0


@pytest.mark.slow
def test_a_file_that_is_not_the_one_recorded_is_read_whole(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines_module, "MIN_ROW_GROUPS", 1)
    path = tables_dir(store) / "order_lines" / "part-0.parquet"
    pq.write_table(pq.read_table(path), path)  # the same rows in one row group: the record no longer fits
    wb = storebook.open(root=store)
    assert lines_module._row_groups(wb) is None
    paid = paid_orders(wb, wb.period("2024-12"), wb.platforms())
    asked = wb.questions
    assert len(wb.execute(lines_module.lines_of_orders(wb, paid))) == 123
    assert wb.questions == asked + 1  # no question for the orders' days


@pytest.mark.slow
def test_orders_in_groups_read_each_groups_days_not_the_days_between(store: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Orders of December and of February, labelled apart: their lines come from those
    months' row groups only (January's are left out), and every line of theirs is in."""
    import ibis

    monkeypatch.setattr(lines_module, "MIN_ROW_GROUPS", 1)
    wb = storebook.open(root=store)
    december, february = (paid_orders(wb, wb.period(m), wb.platforms()) for m in ("2024-12", "2025-02"))
    both = december.mutate(part=ibis.literal("dec")).union(february.mutate(part=ibis.literal("feb")))
    asked = wb.questions
    some = wb.execute(lines_module.lines_of_orders(wb, both, by="part"))
    assert wb.questions == asked + 2  # one question for both groups' days, then the lines
    whole = wb.execute(wb.table("order_lines"))
    wanted = set(wb.execute(both.select("order_id"))["order_id"])
    assert set(whole.loc[whole["order_id"].isin(wanted), "order_id"]) <= set(some["order_id"])
    # Exactly the row groups each month reads alone: not January's between them.
    rows = {tuple(r) for r in some[["order_id", "line_no"]].itertuples(index=False)}
    alone = pd.concat([wb.execute(lines_module.lines_of_orders(wb, m)) for m in (december, february)])
    assert rows == {tuple(r) for r in alone[["order_id", "line_no"]].itertuples(index=False)}
    january = set(wb.execute(paid_orders(wb, wb.period("2025-01"), wb.platforms()).select("order_id"))["order_id"])
    assert january - set(some["order_id"])  # some of January's lines were not read
    assert len(some) < len(wb.execute(lines_module.lines_of_orders(wb, both)))


@pytest.mark.slow
def test_a_long_question_asked_month_by_month_answers_as_the_whole_table(store: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Sales over six months (from the 10th: a part month at each end), asked a month at a
    time (the October order paid in March in March's), are the whole table's answer, and
    each whole month's answer is the one the month gets asked alone."""
    import storebook.measures.sales as sales_module
    from storebook.engine.periods import Period

    monkeypatch.setattr(lines_module, "MIN_ROW_GROUPS", 1)
    monkeypatch.setattr(sales_module, "MONTH_LINES", 10)  # the six months' 123 lines are many
    wb = storebook.open(root=store)
    six = Period(date(2024, 10, 10), date(2025, 3, 25), "six")
    assert [(p.start.isoformat(), p.end.isoformat()) for p in sales_module._months(six)][::5] == [
        ("2024-10-10", "2024-11-01"), ("2025-03-01", "2025-03-25")]
    monthly = sum_monthly_sales(wb, six)
    daily = sum_daily_sales(wb, six, by=("platform", "category"))
    jan = wb.period("2025-01")
    asked = wb.questions
    january = sum_daily_sales(wb, jan, by=("platform", "category"))
    assert wb.questions == asked  # January was asked as the six months' part
    pd.testing.assert_frame_equal(january, daily.loc[daily["day"].dt.month == 1].reset_index(drop=True))
    assert lines_module.lines_of_days(wb, six.start, six.last_day) == 123
    monkeypatch.setattr(sales_module, "MONTH_LINES", 123)  # one question, from the recorded row groups
    wb = storebook.open(root=store)
    pd.testing.assert_frame_equal(monthly, sum_monthly_sales(wb, six))
    monkeypatch.setattr(lines_module, "_row_groups", lambda wb: None)  # the whole table
    wb = storebook.open(root=store)
    pd.testing.assert_frame_equal(monthly, sum_monthly_sales(wb, six))
    pd.testing.assert_frame_equal(daily, sum_daily_sales(wb, six, by=("platform", "category")))
    whole = wb.execute(wb.table("order_lines"))
    paid = set(wb.execute(paid_orders(wb, six, wb.platforms()).select("order_id"))["order_id"])
    assert "Z996" in paid and monthly["units"].sum() == whole.loc[whole["order_id"].isin(paid), "quantity"].sum()
    assert monthly["month"].nunique() == 6


@pytest.mark.slow
def test_a_months_order_days_read_their_row_groups_and_quality_answers_as_the_whole_table(
        store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """lines_of_order_days: the lines of the orders placed on some days, from those days' row
    groups, without a question; the data quality page's month measures (which read every line
    of the history before) answer as the whole table does. March's late payer Z996 was placed in
    October: a question by order day leaves it out, as its month's orders do."""
    from storebook.areas import quality

    monkeypatch.setattr(lines_module, "MIN_ROW_GROUPS", 1)
    wb = storebook.open(root=store)
    december = wb.period("2024-12")
    asked = wb.questions
    some = wb.execute(lines_module.lines_of_order_days(wb, december.start, december.last_day))
    assert wb.questions == asked + 1  # the lines only
    o = wb.table("orders")
    placed = set(wb.execute(o.filter(o.ordered_at >= december.start_ts, o.ordered_at < december.end_ts)
                            .select("order_id"))["order_id"])
    whole = wb.execute(wb.table("order_lines"))
    assert len(placed) == 10
    assert set(whole.loc[whole["order_id"].isin(placed), "order_id"]) <= set(some["order_id"])
    assert len(some) <= 3 * 10  # two or three row groups of ten, not 123
    from storebook.engine.periods import month
    from storebook.errors import NoDataError

    def order_quality(wb, m):  # noqa: ANN202
        try:
            return quality.measure_order_quality(wb, month(m))
        except NoDataError:  # June: no orders placed
            return None

    months = ("2024-10", "2024-12", "2025-03", "2025-06")
    fast = {m: (quality.measure_coverage(wb, month(m)), order_quality(wb, m)) for m in months}
    assert fast["2025-06"][1] is None
    monkeypatch.setattr(lines_module, "_row_groups", lambda wb: None)  # the whole table, as before
    wb = storebook.open(root=store)
    for m, (coverage, orders) in fast.items():
        pd.testing.assert_frame_equal(coverage, quality.measure_coverage(wb, month(m)))
        other = order_quality(wb, m)
        if orders is None:
            assert other is None
        else:
            pd.testing.assert_frame_equal(orders, other)
    lines = fast["2024-12"][0].set_index(["table", "column"]).loc[("order_lines", "sku"), "rows"]
    assert lines == len(whole[whole["order_id"].isin(placed)])
