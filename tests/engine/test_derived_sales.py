"""The paid lines' sums per day, platform and SKU, and the returns with their order's platform and payment,
derived by ingest (storebook.engine.derived): the rows the tables give, read only while they
describe the workbook's tables, and every sales and returns answer the one the tables give."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import storebook
from conftest import tables_dir, tiny_rows, write_csv
from storebook.engine import derived
from storebook.engine.config import Config
from storebook.ingest import ingest
from storebook.measures.margins import compute_sku_margins
from storebook.measures.returns import summarise_returns
from storebook.measures.sales import sum_daily_sales, sum_monthly_sales

NOW = datetime(2026, 11, 27, 12, 0, 0)


def _four_months() -> tuple[list[dict], list[dict], list[dict]]:
    """48 orders over January – April 2025 on tmall and jd, ids running against time, one to
    three lines each (A1, B1 and a SKU not in the catalogue); every 7th never paid; the
    second order placed in January and paid in March; a return of every 5th paid order's first
    line ten days after payment, every other one without a reason."""
    template, line = tiny_rows()["orders"][1], tiny_rows()["order_lines"][1]
    orders, lines, returns = [], [], []
    for n in range(48):
        at = datetime(2025, 1 + n // 12, 1 + 2 * (n % 12), 9 + n % 7, 0, 0)
        paid = None if n % 7 == 6 else datetime(2025, 3, 20, 12, 0, 0) if n == 1 else at + timedelta(minutes=1)
        oid = f"Y{999 - n:03d}"
        orders.append({**template, "order_id": oid, "platform": "tmall" if n % 2 else "jd",
                       "ordered_at": at.isoformat(sep=" "), "paid_at": "" if paid is None else paid.isoformat(sep=" "),
                       "status": "cancelled" if paid is None else "completed"})
        for k in range(1 + n % 3):
            sku = ("A1", "B1", "C9")[(n + k) % 3]
            lines.append({**line, "order_id": oid, "line_no": str(k + 1), "sku": sku, "quantity": str(1 + k),
                          "unit_price": "59.10", "discount_amount": f"{1.15 * k:.2f}",
                          "line_amount": f"{59.10 * (1 + k) - 1.15 * k:.2f}"})
        if paid is not None and n % 5 == 0:
            returns.append({"return_id": f"R{n:03d}", "order_id": oid, "sku": ("A1", "B1", "C9")[n % 3],
                            "returned_on": (paid + timedelta(days=10)).date().isoformat(), "quantity": "1",
                            "reason": "damaged" if n % 10 else "", "refund_amount": "59.10"})
    return orders, lines, returns


@pytest.fixture
def store(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import storebook.ingest.writing as writing

    orders, lines, returns = _four_months()
    write_csv(tiny, "orders", "orders_y.csv", orders)
    write_csv(tiny, "order_lines", "lines_y.csv", lines)
    write_csv(tiny, "returns", "returns_y.csv", returns)
    monkeypatch.setattr(writing, "ROW_GROUP", 10)
    ingest(Config.load(tiny), now=NOW)
    return tiny


def _paid_lines(folder: Path) -> pd.DataFrame:
    orders = pq.read_table(folder / "orders" / "part-0.parquet").to_pandas()
    lines = pq.read_table(folder / "order_lines" / "part-0.parquet").to_pandas()
    paid = orders[orders["paid_at"].notna()][["order_id", "platform", "paid_at"]]
    return lines.merge(paid, on="order_id").assign(day=lambda d: d["paid_at"].dt.date)


def _from_the_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """No derived table is read: every answer is asked of the canonical tables."""
    monkeypatch.setattr(derived, "_written", lambda wb, name: None)


@pytest.mark.slow
def test_ingest_writes_the_paid_lines_sums_and_the_returns_orders(store: Path) -> None:
    folder = tables_dir(store)
    manifest = json.loads((folder / "_ingest.json").read_text())
    written = pq.read_table(folder / "_derived" / "daily_sales" / "part-0.parquet").to_pandas()
    sums = (_paid_lines(folder).groupby(["day", "platform", "sku"], as_index=False)
            .agg(units=("quantity", "sum"), revenue=("line_amount", "sum"), discount_amount=("discount_amount", "sum"),
                 orders=("order_id", "nunique")))
    assert len(sums) > 30 and set(sums["sku"]) == {"A1", "B1", "C9"}
    pd.testing.assert_frame_equal(written, sums, check_dtype=False)
    # The order placed in January and paid in March sells on its payment day.
    assert written.loc[written["day"] == pd.Timestamp("2025-03-20").date(), "units"].sum() > 0
    info = manifest["derived"]["daily_sales"]
    tables = manifest["tables"]
    assert info["rows"] == len(written)
    for t in ("orders", "order_lines"):
        assert (info[f"{t}_rows"], info[f"{t}_sha256"]) == (tables[t]["rows"], tables[t]["sha256"])

    returned = pq.read_table(folder / "_derived" / "returns_orders" / "part-0.parquet").to_pandas()
    returns = pq.read_table(folder / "returns" / "part-0.parquet").to_pandas()
    orders = pq.read_table(folder / "orders" / "part-0.parquet").to_pandas()
    expected = returns.merge(orders[["order_id", "platform", "paid_at"]], on="order_id").sort_values(
        ["returned_on", "return_id"], ignore_index=True)
    assert len(expected) == len(returns) == 9 and set(expected["platform"]) == {"tmall", "jd"}
    pd.testing.assert_frame_equal(returned, expected, check_dtype=False)
    info = manifest["derived"]["returns_orders"]
    assert (info["rows"], info["returns_rows"], info["orders_sha256"]) == (9, 9, tables["orders"]["sha256"])


def _answers(wb: storebook.Workbook) -> dict[str, pd.DataFrame]:
    four = wb.period("2025-04").trailing(4)
    march = wb.period("2025-03")
    return {"daily": sum_daily_sales(wb, four, by=("platform", "sku")),
            "category": sum_daily_sales(wb, march, ["tmall"], by=("category",)),
            "monthly": sum_monthly_sales(wb, four, by=("sku",)),
            "margins": compute_sku_margins(wb, march),
            **{f"returns {by}": summarise_returns(wb, march, by=by)
               for by in ("category", "sku", "reason", "platform", ("platform", "reason"))}}


@pytest.mark.slow
def test_sales_and_returns_from_the_files_are_those_of_the_tables(store: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    wb = storebook.open(root=store)
    assert derived.daily_sales_of(wb) is not None
    from_files = _answers(wb)
    _from_the_tables(monkeypatch)
    wb = storebook.open(root=store)
    assert derived.daily_sales_of(wb) is None
    from_tables = _answers(wb)
    for name, frame in from_files.items():
        pd.testing.assert_frame_equal(frame, from_tables[name], obj=name, rtol=1e-12)
    # By hand: March's units are its paid lines', the late-paid January order's among them.
    lines = _paid_lines(tables_dir(store))
    march = lines[(lines["paid_at"] >= "2025-03-01") & (lines["paid_at"] < "2025-04-01")]
    assert "Y998" in set(march["order_id"])
    monthly = from_files["monthly"]
    assert monthly.loc[monthly["month"] == pd.Timestamp("2025-03-01"), "units"].sum() == march["quantity"].sum()
    known = march[march["sku"] != "C9"]  # C9 has no unit cost: no cost, its revenue not cost-known
    cost = (known["quantity"] * known["sku"].map({"A1": 20.0, "B1": 30.0})).sum()
    assert monthly.loc[monthly["month"] == pd.Timestamp("2025-03-01"), "cost_amount"].sum() == pytest.approx(cost)
    by_platform = from_files["returns platform"].set_index("platform")
    sold = march.groupby("platform")["quantity"].sum()
    assert by_platform["units_sold"].to_dict() == sold.to_dict()
    assert by_platform["returns"].sum() == 2  # the returns accepted in March (ten days after payment)


@pytest.mark.slow
def test_files_that_no_longer_describe_their_tables_are_not_read(store: Path) -> None:
    folder = tables_dir(store)
    wb = storebook.open(root=store)
    march = wb.period("2025-03")
    before = sum_daily_sales(wb, march, by=("sku",))
    returns_before = summarise_returns(wb, march, by="platform")
    # Order lines and returns cut by hand under the old manifest: each A1 line, every return but one.
    lines_path = folder / "order_lines" / "part-0.parquet"
    lines = pq.read_table(lines_path).to_pandas()
    lines[lines["sku"] != "A1"].to_parquet(lines_path, index=False)
    returns_path = folder / "returns" / "part-0.parquet"
    returns = pq.read_table(returns_path).to_pandas().sort_values("returned_on")
    kept = returns[returns["returned_on"] >= pd.Timestamp("2025-03-01").date()].head(1)
    kept.to_parquet(returns_path, index=False)
    wb = storebook.open(root=store)
    assert derived.daily_sales_of(wb) is None
    assert derived.returns_orders_of(wb).count().to_pandas() == 1  # the join of the one return left
    after = sum_daily_sales(wb, march, by=("sku",))
    assert "A1" in set(before["sku"]) and "A1" not in set(after["sku"])
    pd.testing.assert_frame_equal(after, before[before["sku"] != "A1"].reset_index(drop=True))
    returned = summarise_returns(wb, march, by="platform")
    assert returns_before["returns"].sum() == 2 and returned["returns"].sum() == 1


def test_sample_answers_are_the_same_from_the_files_and_from_the_tables(sample_env: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from storebook.areas import products, service, store_ops
    from storebook.measures.pnl import contribution_pnl
    from storebook.measures.tickets import compute_complaint_rate

    def answers(wb: storebook.Workbook) -> dict[str, pd.DataFrame]:
        month = wb.period("2026-10")
        return {"margins": compute_sku_margins(wb, month), "pnl": contribution_pnl(wb, month),
                "year": sum_monthly_sales(wb, month.trailing(12), by=("sku",)),
                "returns": summarise_returns(wb, month, by=("category", "reason")),
                "high returns": products.flag_high_returns(wb, month),
                "quality": store_ops.compare_quality(wb, month),
                "complaints": compute_complaint_rate(wb, month.trailing(2), ["tmall", "jd"], by="sku"),
                "spike": service.trace_complaint_spike(wb, month, months=2)}

    wb = storebook.open()
    assert derived.daily_sales_of(wb) is not None
    from_files = answers(wb)
    _from_the_tables(monkeypatch)
    from_tables = answers(storebook.open())
    for name, frame in from_files.items():
        pd.testing.assert_frame_equal(frame, from_tables[name], obj=name, rtol=1e-9)
    assert from_files["year"]["units"].sum() > 0 and from_files["returns"]["returns"].sum() > 0
    assert from_files["complaints"]["orders"].sum() > from_files["complaints"]["complaints"].sum() > 0


def test_a_question_of_a_derived_table_is_a_read_of_the_tables_it_was_derived_from(store: Path) -> None:
    # The report page records what each section read through Workbook.table, and the pack's
    # summary names a table no running section read as missing from the data: sales answered
    # from daily_sales must still count as reading the orders and their lines.
    wb = storebook.open(root=store)
    asked: list[str] = []
    table = wb.table

    def tracked(name: str):  # noqa: ANN202 - an Ibis table
        asked.append(name)
        return table(name)

    wb.table = tracked  # as storebook.report.page tracks a section's reads
    assert derived.daily_sales_of(wb) is not None
    assert {"orders", "order_lines"} <= set(asked) and "returns" not in asked
    asked.clear()
    derived.returns_orders_of(wb)
    assert {"returns", "orders"} <= set(asked)


def test_the_daily_sales_parts_hold_whole_days_of_orders_and_all_their_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of two row groups of ten rows; a day (Jan 5) spans three row groups and the last
    row group holds the lines without an order's day."""
    monkeypatch.setattr(derived, "DAILY_SALES_PART_GROUPS", 2)
    days = [["2025-01-01", "2025-01-03"], ["2025-01-03", "2025-01-05"], ["2025-01-05", "2025-01-05"],
            ["2025-01-05", "2025-01-09"], ["2025-01-09", "2025-01-12"], None]
    assert derived.daily_sales_parts(days, 10, 55) == [
        derived.DailySalesPart(None, "2025-01-05", (0, 39)),  # every row group with a day up to Jan 5
        derived.DailySalesPart("2025-01-06", "2025-01-09", (30, 49)),
        derived.DailySalesPart("2025-01-10", None, (40, 54)),  # to the file's end: the undated lines
    ]
    # One day over every row group: one part. Undated row groups before dated ones: no parts.
    assert derived.daily_sales_parts([["2025-01-05", "2025-01-05"]] * 5, 10, 50) == [
        derived.DailySalesPart(None, None, (0, 49))]
    assert derived.daily_sales_parts([None, ["2025-01-05", "2025-01-05"]], 10, 20) is None


@pytest.mark.slow
def test_daily_sales_summed_over_parts_of_one_row_group_are_those_of_the_lines(
        tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row group its own part (9 parts of ten lines): orders' lines straddle the
    parts' row groups, the late-paid January order's day is summed from two parts; the sums and
    distinct orders are still those of the paid lines, and a second ingest writes the same bytes."""
    import storebook.ingest.writing as writing

    orders, lines, returns = _four_months()
    write_csv(tiny, "orders", "orders_y.csv", orders)
    write_csv(tiny, "order_lines", "lines_y.csv", lines)
    monkeypatch.setattr(writing, "ROW_GROUP", 10)
    monkeypatch.setattr(derived, "DAILY_SALES_PART_GROUPS", 1)
    ingest(Config.load(tiny), now=NOW)
    folder = tables_dir(tiny)
    assert len(json.loads((folder / "_ingest.json").read_text())["tables"]["order_lines"]["row_group_days"]) >= 8
    path = folder / "_derived" / "daily_sales" / "part-0.parquet"
    written = pq.read_table(path).to_pandas()
    sums = (_paid_lines(folder).groupby(["day", "platform", "sku"], as_index=False)
            .agg(units=("quantity", "sum"), revenue=("line_amount", "sum"), discount_amount=("discount_amount", "sum"),
                 orders=("order_id", "nunique")))
    pd.testing.assert_frame_equal(written, sums, check_dtype=False)
    first = path.read_bytes()
    ingest(Config.load(tiny), now=NOW, force=True)
    assert (tables_dir(tiny) / "_derived" / "daily_sales" / "part-0.parquet").read_bytes() == first
