"""Each customer's first purchase, derived by ingest (storebook.engine.derived): the rows the
orders give, written in time order, read only while they describe the workbook's orders, and
every customer answer built on them the one the orders give."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import storebook
from conftest import tables_dir, tiny_rows, write_csv
from storebook.areas import conversion, customers
from storebook.engine import derived
from storebook.engine.config import Config
from storebook.ingest import ingest

NOW = datetime(2026, 11, 27, 12, 0, 0)


def _first_purchases_by_hand(orders: pd.DataFrame) -> pd.DataFrame:
    paid = orders[orders["paid_at"].notna() & orders["customer_id"].notna()]
    out = paid.groupby(["customer_id", "platform"], as_index=False)["paid_at"].min()
    out = out.rename(columns={"paid_at": "first_paid_at"})
    return out.sort_values(["first_paid_at", "customer_id", "platform"]).reset_index(drop=True)


@pytest.fixture
def store(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny store with 40 customers over four months (each with one to three orders, some
    unpaid, two paid in the same second) and row groups of ten rows."""
    import storebook.ingest.writing as writing

    template = tiny_rows()["orders"][1]
    orders = []
    for n in range(40):
        first = datetime(2025, 1 + n // 10, 1 + (n * 7) % 27, 9 + n % 5, 0, 0)
        for k in range(1 + n % 3):
            at = first + timedelta(days=11 * k if n % 4 else 0)  # every 4th: orders in the same second
            paid = None if (n % 9 == 0 and k == 0) else at + timedelta(minutes=1)
            orders.append({**template, "order_id": f"Q{n:02d}{k}", "customer_id": f"buyer{39 - n:02d}",
                           "ordered_at": at.isoformat(sep=" "),
                           "paid_at": "" if paid is None else paid.isoformat(sep=" ")})
    write_csv(tiny, "orders", "orders_q.csv", orders)
    monkeypatch.setattr(writing, "ROW_GROUP", 10)
    ingest(Config.load(tiny), now=NOW)
    return tiny


@pytest.mark.slow
def test_ingest_writes_each_customers_first_purchase_in_day_order(store: Path) -> None:
    folder = tables_dir(store)
    manifest = json.loads((folder / "_ingest.json").read_text())
    path = folder / "_derived" / "first_purchases" / "part-0.parquet"
    written = pq.read_table(path).to_pandas()
    orders = pq.read_table(folder / "orders" / "part-0.parquet").to_pandas()
    expected = _first_purchases_by_hand(orders)
    theirs = orders[~orders["order_id"].str.startswith("Q") & orders["paid_at"].notna()]["customer_id"].nunique()
    assert len(expected) == 35 + theirs  # five of the 40 placed one order, unpaid: no first purchase
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    # In order across row groups: a month's first purchases are a run of row groups.
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == -(-len(written) // 10) >= 4
    maxima = [meta.row_group(g).column(2).statistics.max for g in range(meta.num_row_groups)]
    minima = [meta.row_group(g).column(2).statistics.min for g in range(meta.num_row_groups)]
    assert all(hi <= lo for hi, lo in zip(maxima, minima[1:], strict=False))
    info = manifest["derived"]["first_purchases"]
    assert info["rows"] == len(written)
    assert (info["orders_rows"], info["orders_sha256"]) == (manifest["tables"]["orders"]["rows"],
                                                            manifest["tables"]["orders"]["sha256"])


@pytest.mark.slow
def test_the_file_is_read_only_while_it_describes_the_orders(store: Path, tmp_path: Path) -> None:
    wb = storebook.open(root=store)
    fp = derived.first_purchases_of(wb)
    assert fp.one_platform_each  # the file
    march = wb.period("2025-03")
    split = customers.split_new_returning(wb, march).set_index("buyer_type")

    # Orders cut by hand under the old manifest (March's first orders removed): the file no
    # longer describes them, and the answers come from the orders left.
    folder = tables_dir(store)
    path = folder / "orders" / "part-0.parquet"
    orders = pq.read_table(path).to_pandas()
    firsts = _first_purchases_by_hand(orders)
    gone = firsts[(firsts["first_paid_at"] >= "2025-03-01") & (firsts["first_paid_at"] < "2025-04-01")]
    kept = orders.merge(gone[["customer_id", "first_paid_at"]].rename(columns={"first_paid_at": "paid_at"}),
                        on=["customer_id", "paid_at"], how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
    assert len(kept) < len(orders)
    kept.to_parquet(path, index=False)
    wb = storebook.open(root=store)
    assert not derived.first_purchases_of(wb).one_platform_each  # asked of the orders
    cut = customers.split_new_returning(wb, march).set_index("buyer_type")
    month = kept[(kept["paid_at"] >= "2025-03-01") & (kept["paid_at"] < "2025-04-01") & kept["customer_id"].notna()]
    first = _first_purchases_by_hand(kept).set_index("customer_id")["first_paid_at"]
    new = {c for c in month["customer_id"] if first[c] >= pd.Timestamp("2025-03-01")}
    assert cut.loc["new", "buyers"] == len(new) != split.loc["new", "buyers"]
    assert cut.loc["returning", "buyers"] == month["customer_id"].nunique() - len(new)


def test_customer_answers_are_the_same_from_the_file_and_from_the_orders(sample_env: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    wb = storebook.open()
    assert derived.first_purchases_of(wb).one_platform_each
    month = wb.period("2026-10")

    def answers(wb: storebook.Workbook) -> dict[str, pd.DataFrame]:
        return {"split": customers.split_new_returning(wb, month, ["tmall", "jd"]),
                "repeat": customers.compute_repeat_rates(wb, month, cohorts=4),
                "cohorts": customers.build_cohorts(wb, month, months=6),
                "buyers": conversion.new_vs_returning(wb, month)}

    from_file = answers(wb)
    monkeypatch.setattr(derived, "_written", lambda wb, name: None)
    wb = storebook.open()
    assert not derived.first_purchases_of(wb).one_platform_each
    from_orders = answers(wb)
    for name, frame in from_file.items():
        pd.testing.assert_frame_equal(frame, from_orders[name], obj=name)
    assert from_file["split"]["buyers"].min() > 0 and from_file["repeat"]["repeat_customers"].sum() > 0


def test_a_copy_without_a_manifest_entry_asks_the_orders(sample_root: Path, tmp_path: Path) -> None:
    """A generation written before ingest derived the table (no ``derived`` in its manifest)."""
    copy = tmp_path / "store"
    shutil.copytree(sample_root, copy, ignore=shutil.ignore_patterns("raw", "outputs", "_cache"))
    manifest_path = tables_dir(copy) / "_ingest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["derived"]
    manifest_path.write_text(json.dumps(manifest))
    wb = storebook.open(root=copy)
    assert not derived.first_purchases_of(wb).one_platform_each


def test_a_derived_table_is_read_only_while_its_record_holds_its_sources_rows_and_digests(
        sample_root: Path, tmp_path: Path) -> None:
    """derived.trusted_record: a derived table whose record names other rows or another
    SHA-256 of a table it was derived from, or whose source's files hold other rows than the
    manifest counts, is not read (its questions ask the canonical tables)."""
    copy = tmp_path / "store"
    shutil.copytree(sample_root, copy, ignore=shutil.ignore_patterns("raw", "outputs", "_cache"))
    manifest_path = tables_dir(copy) / "_ingest.json"
    manifest = json.loads(manifest_path.read_text())

    def read(change) -> set[str]:
        changed = json.loads(json.dumps(manifest))
        change(changed)
        manifest_path.write_text(json.dumps(changed))
        wb = storebook.open(root=copy)
        return {n for n in derived.SOURCES if derived._written(wb, n) is not None}

    every = set(derived.SOURCES)
    assert read(lambda m: None) == every
    assert read(lambda m: m["derived"][derived.RETURNS_ORDERS].update(returns_rows=1)) == every - {derived.RETURNS_ORDERS}
    assert read(lambda m: m["derived"][derived.DAILY_SALES].update(order_lines_sha256="0" * 64)) == every - {
        derived.DAILY_SALES}
    assert read(lambda m: m["derived"][derived.FIRST_PURCHASES].update(rows=1)) == every - {derived.FIRST_PURCHASES}
    # The orders' entry counts other rows than the records took: nothing derived from them is read.
    assert read(lambda m: m["tables"]["orders"].update(rows=1)) == set()
    # The returns' entry likewise: only what is derived from the returns is left out. (Files cut
    # under the manifest: test_the_file_is_read_only_while_it_describes_the_orders.)
    assert read(lambda m: m["tables"]["returns"].update(rows=m["tables"]["returns"]["rows"] + 1)) == every - {
        derived.RETURNS_ORDERS}


@pytest.mark.slow
def test_verify_names_a_derived_table_that_is_missing_or_cut(store: Path) -> None:
    from storebook.engine import generations

    folder = tables_dir(store)
    assert generations.verify(folder, checksums=True) == []
    path = folder / "_derived" / "first_purchases" / "part-0.parquet"
    table = pq.read_table(path)
    pq.write_table(table.slice(0, 5), path)
    assert generations.verify(folder) == [
        f"derived table first_purchases holds 5 rows where _ingest.json says {table.num_rows}"]
    path.unlink()
    assert generations.verify(folder) == [f"derived table first_purchases is missing from {folder}"]


def test_a_months_split_is_one_question_for_every_choice_of_platforms(sample_env: Path) -> None:
    """With the file (no customer on two platforms) a month's new and returning buyers of each
    platform, of several and of all are the platforms' rows of one question, added up."""
    wb = storebook.open()
    assert derived.first_purchases_of(wb).one_platform_each
    month = wb.period("2026-10")
    asked = wb.questions
    each = {p: customers.split_new_returning(wb, month, [p]).set_index("buyer_type") for p in wb.platforms()}
    pair = customers.split_new_returning(wb, month, ["tmall", "jd"]).set_index("buyer_type")
    every = customers.split_new_returning(wb, month).set_index("buyer_type")
    assert wb.questions == asked + 1
    for split, chosen in ((pair, ["tmall", "jd"]), (every, wb.platforms())):
        for column in ("buyers", "orders"):
            assert (split[column] == sum(each[p][column] for p in chosen)).all(), column
        assert split["paid_amount"].to_numpy() == pytest.approx(sum(each[p]["paid_amount"] for p in chosen).to_numpy())
    # Each platform's answer is the one the orders give for that platform alone.
    month_orders = wb.sql("select platform, count(distinct customer_id) buyers from orders where customer_id is not null "
                          "and paid_at >= '2026-10-01' and paid_at < '2026-11-01' group by platform")
    for row in month_orders.itertuples():
        assert each[row.platform]["buyers"].sum() == row.buyers
    assert all(each[p].loc["new", "buyers"] > 0 and each[p].loc["returning", "buyers"] > 0 for p in each)
