"""Ingest: canonical files → validated Parquet, with every rejected row accounted for."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from conftest import tables_dir, tiny_rows, write_csv
from storebook.engine.config import Config
from storebook.errors import IngestError
from storebook.ingest import ingest, read_rejected
from support.stores import EN

NOW = datetime(2026, 11, 27, 12, 0, 0)


def run(root: Path, **kwargs):
    return ingest(Config.load(root), now=NOW, **kwargs)


def manifest(root: Path) -> dict:
    return json.loads((tables_dir(root) / "_ingest.json").read_text(encoding="utf-8"))


def assert_reconciles(root: Path) -> None:
    """Per file: rows read = rows written + rows rejected (the promise of ingest)."""
    files = manifest(root)["files"]
    assert files
    for f in files:
        assert f["rows_read"] == f["rows_written"] + f["rows_rejected"], f


def processed(root: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(tables_dir(root) / table)


def rejected(root: Path, table: str) -> pd.DataFrame:
    return read_rejected(Config.load(root), table)


def with_orders(root: Path, **changes) -> None:
    """Rewrite the tiny orders file with the first order's fields changed."""
    rows = tiny_rows()["orders"]
    rows[0] = {**rows[0], **changes}
    write_csv(root, "orders", "orders.csv", rows)


# --------------------------------------------------------------------------- the good path

def test_tiny_store_ingests_every_row(tiny: Path) -> None:
    report = run(tiny)
    assert report.rows_rejected == 0
    assert processed(tiny, "orders")["order_id"].tolist() == ["O1", "O2", "O3"]
    assert processed(tiny, "order_lines").shape == (3, 8)
    assert_reconciles(tiny)


def test_personal_data_is_dropped_and_customer_hashed(tiny: Path) -> None:
    run(tiny)
    orders = processed(tiny, "orders")
    for column in ("buyer_name", "buyer_phone", "buyer_email", "shipping_address", "ip_address"):
        assert column not in orders.columns
    # The same account on the same platform maps to one pseudonym, and never to itself.
    ids = orders.set_index("order_id")["customer_id"]
    assert ids["O1"] == ids["O3"] != ids["O2"]
    assert not ids.str.contains("alice|bob").any()
    blob = b"".join(p.read_bytes() for p in (tiny / "data/processed").rglob("*") if p.is_file())
    for secret in ("张三", "13800000001", "example.com", "203.0.113.7", "tb_alice"):
        assert secret.encode() not in blob


def test_key_changes_the_pseudonym(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(tiny)
    first = processed(tiny, "orders")["customer_id"].tolist()
    monkeypatch.setenv("STOREBOOK_HASH_KEY", "another-key-also-32-characters-long")
    run(tiny)
    assert processed(tiny, "orders")["customer_id"].tolist() != first


def test_types_are_canonical(tiny: Path) -> None:
    run(tiny)
    import pyarrow.parquet as pq

    orders = pq.read_schema(tables_dir(tiny) / "orders/part-0.parquet")
    assert str(orders.field("ordered_at").type) == "timestamp[us]"
    assert str(orders.field("paid_amount").type) == "double"
    products = pq.read_schema(tables_dir(tiny) / "products/part-0.parquet")
    assert str(products.field("launched_on").type) == "date32[day]"
    assert str(products.field("is_active").type) == "bool"
    # An unpaid order keeps an empty paid_at, not a made-up time.
    assert processed(tiny, "orders").set_index("order_id").loc["O3", "paid_at"] is pd.NaT


def test_same_raw_gives_identical_tables_and_skips_unchanged(tiny: Path) -> None:
    run(tiny)
    digest = {p.relative_to(tables_dir(tiny)): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in tables_dir(tiny).glob("*/part-0.parquet")}
    assert run(tiny).skipped
    run(tiny, force=True)
    again = {p.relative_to(tables_dir(tiny)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in tables_dir(tiny).glob("*/part-0.parquet")}
    assert digest == again


def test_a_new_ingest_version_reads_every_file_again(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """INGEST_VERSION is in the run tag and in each parse's cache name: a store ingested by an
    earlier version is read again by a plain `storebook ingest`, nothing taken from its cache
    (version 8: GA4 snapshots' 'Nth day, Users' now read as active users)."""
    from storebook.ingest import pipeline

    run(tiny)
    assert run(tiny).skipped
    monkeypatch.setattr(pipeline, "INGEST_VERSION", pipeline.INGEST_VERSION + "-next")
    again = run(tiny)
    assert not again.skipped and again.files and not any(f.cached for f in again.files)
    assert json.loads((tables_dir(tiny) / "_ingest.json").read_text())["storebook_ingest_version"].endswith("-next")


def test_changed_file_is_reparsed_others_come_from_cache(tiny: Path) -> None:
    run(tiny)
    with_orders(tiny, province="Jiangsu")
    report = run(tiny)
    cached = {f.table: f.cached for f in report.files}
    assert cached["orders"] is False and cached["products"] is True
    # Jiangsu, written by its short name as every source writes a province of China.
    assert "江苏" in processed(tiny, "orders")["province"].tolist()


def test_raw_files_are_never_modified(tiny: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tiny / "data/raw").rglob("*.csv")}
    run(tiny)
    run(tiny, force=True)
    assert before == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}


def test_gbk_bom_and_xlsx_are_read(tiny: Path) -> None:
    rows = tiny_rows()["suppliers"]
    (tiny / "data/raw/suppliers/suppliers.csv").unlink()
    write_csv(tiny, "suppliers", "suppliers_gbk.csv", rows[:1], encoding="gbk")
    write_csv(tiny, "suppliers", "suppliers_bom.csv", rows[1:], encoding="utf-8-sig")
    (tiny / "data/raw/products/products.csv").unlink()
    xlsx = tiny / "data/raw/products/products.xlsx"
    pd.DataFrame(tiny_rows()["products"]).to_excel(xlsx, index=False)
    report = run(tiny)
    encodings = {Path(f.path).name: f.encoding for f in report.files}
    assert encodings["suppliers_gbk.csv"] == "gb18030"
    assert encodings["suppliers_bom.csv"] == "utf-8-sig"
    assert encodings["products.xlsx"] == "xlsx"
    assert processed(tiny, "suppliers").set_index("supplier_id").loc["S1", "supplier_name"] == "青岛织造"
    assert report.rows_rejected == 0


def test_a_crash_while_writing_leaves_the_old_tables(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(tiny)
    before = processed(tiny, "orders")
    with_orders(tiny, province="Jiangsu")
    import storebook.ingest.pipeline as mod

    calls = {"n": 0}
    real = mod._write_parquet

    def crash_on_third(table, path):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real(table, path)

    monkeypatch.setattr(mod, "_write_parquet", crash_on_third)
    with pytest.raises(OSError):
        run(tiny)
    pd.testing.assert_frame_equal(processed(tiny, "orders"), before)
    assert processed(tiny, "products").shape[0] == 2


# --------------------------------------------------------------------------- file-level problems

def test_unknown_file_is_named_and_nothing_changes(tiny: Path) -> None:
    run(tiny)
    stray = tiny / "data/raw/misc/export_2026.csv"
    stray.parent.mkdir()
    stray.write_text("a,b\n1,2\n")
    with pytest.raises(IngestError) as err:
        run(tiny)
    message = str(err.value)
    assert "misc/export_2026.csv" in message and "no source recognises this file" in message
    assert "What to do" in message
    assert "data/processed was left as it was" in message
    assert processed(tiny, "orders").shape[0] == 3


def test_missing_required_column(tiny: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "status"} for r in tiny_rows()["orders"]]
    write_csv(tiny, "orders", "orders.csv", rows)
    with pytest.raises(IngestError) as err:
        run(tiny)
    message = str(err.value)
    assert "orders/orders.csv, row 1, column 'status'" in message
    assert "required column(s) 'status' missing" in message


def test_an_orders_file_without_the_amount_column_is_read_with_the_amount_unknown(tiny: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "paid_amount"} for r in tiny_rows()["orders"]]
    write_csv(tiny, "orders", "orders.csv", rows)
    run(tiny)
    orders = pd.read_parquet(tables_dir(tiny) / "orders")
    assert len(orders) == len(rows) and orders["paid_amount"].isna().all()


def test_empty_file(tiny: Path) -> None:
    (tiny / "data/raw/orders/orders_empty.csv").write_bytes(b"")
    with pytest.raises(IngestError) as err:
        run(tiny)
    assert "orders/orders_empty.csv: the file is empty" in str(err.value)


def test_undecodable_bytes_name_the_line(tiny: Path) -> None:
    path = tiny / "data/raw/suppliers/suppliers.csv"
    data = path.read_bytes().replace(b"Shandong", b"Shan\xff\xfedong")
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        run(tiny)
    message = str(err.value)
    assert "suppliers/suppliers.csv, row 2" in message
    assert "neither UTF-8 nor GBK" in message and "re-export" in message


def test_unsupported_file_type(tiny: Path) -> None:
    (tiny / "data/raw/orders/notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(IngestError) as err:
        run(tiny)
    assert "orders/notes.pdf: '.pdf' files are not read" in str(err.value)


# --------------------------------------------------------------------------- row-level problems

@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"ordered_at": "2025-13-45 10:00:00"}, "ordered_at", "'ordered_at' is not a date (YYYY-MM-DD HH:MM:SS)"),
        ({"items_amount": "abc"}, "items_amount", "'items_amount' is not a number"),
        ({"ordered_at": "2027-01-01 10:00:00", "paid_at": "2027-01-01 10:01:00"}, "ordered_at",
         "'ordered_at' is in the future"),
        ({"platform": "amazon"}, "platform",
         "'amazon' is not one of the workbook's platforms (tmall, jd, douyin, web): add 'amazon' to "
         "[store].platforms in storebook.toml"),
        ({"status": ""}, "status", "column 'status' is empty; a value is required"),
        ({"paid_amount": "90.00", "adjustment_amount": "5.00", "adjustment_reason": "tax"}, "",
         "breaks the rule paid_amount = items_amount - discount_amount + shipping_amount + adjustment_amount"),
        ({"status": "pending"}, "", "breaks the rule a pending or closed order has no paid_at"),
        ({"paid_at": "2025-03-01 09:00:00"}, "", "breaks the rule paid_at >= ordered_at"),
        ({"refund_amount": "-5"}, "refund_amount", "out of range"),
    ],
)
def test_bad_order_row_is_rejected_with_reason_and_its_lines_follow(tiny: Path, changes, column, reason) -> None:
    with_orders(tiny, **changes)
    report = run(tiny)
    rej = rejected(tiny, "orders")
    assert len(rej) == 1
    row = rej.iloc[0]
    # The summary names the commonest reasons (here the order's and its orphaned line's).
    assert ("orders", row["reason"], 1) in report.top_reasons
    assert f"rejected orders: 1 × {row['reason']}" in report.summary(EN)
    assert row["source_file"].endswith("orders/orders.csv") and row["source_row"] == 2
    assert row["column"] == column
    assert reason in row["reason"]
    # The rejected record is kept for the analyst, without personal data.
    record = json.loads(row["record"])
    assert record["order_id"] == "O1" and "buyer_phone" not in record
    # Its line cannot stand alone: rejected as an orphan, not dropped.
    lines = rejected(tiny, "order_lines")
    assert lines["value"].tolist() == ["O1"]
    assert "'order_id' has no match in orders.order_id" in lines["reason"].iloc[0]
    assert processed(tiny, "orders")["order_id"].tolist() == ["O2", "O3"]
    assert_reconciles(tiny)


def test_duplicate_key_names_the_first_occurrence(tiny: Path) -> None:
    rows = tiny_rows()["orders"]
    write_csv(tiny, "orders", "orders_b.csv", [rows[1]])
    run(tiny)
    rej = rejected(tiny, "orders")
    assert rej["source_file"].tolist() == ["data/raw/orders/orders_b.csv"]
    assert "duplicate key (order_id=O2); first seen in data/raw/orders/orders.csv row 3" in rej["reason"].iloc[0]
    assert_reconciles(tiny)


def test_a_sku_not_in_the_catalogue_is_kept_and_counted(tiny: Path) -> None:
    rows = tiny_rows()["order_lines"]
    rows[1]["sku"] = "ZZ9"
    write_csv(tiny, "order_lines", "order_lines.csv", rows)
    run(tiny)
    assert rejected(tiny, "order_lines").empty
    assert processed(tiny, "order_lines")["sku"].tolist() == ["A1", "ZZ9", "A1"]
    assert manifest(tiny)["tables"]["order_lines"]["unknown_references"] == {"sku": 1}
    assert_reconciles(tiny)


def test_negative_quantity(tiny: Path) -> None:
    rows = tiny_rows()["order_lines"]
    rows[1].update(quantity="-1", line_amount="-89.00")
    write_csv(tiny, "order_lines", "order_lines.csv", rows)
    run(tiny)
    rej = rejected(tiny, "order_lines")
    assert rej["column"].tolist() == ["quantity"]
    assert "-1 is out of range (greater than(0))" in rej["reason"].iloc[0]
    assert_reconciles(tiny)


def test_fractional_whole_number(tiny: Path) -> None:
    rows = tiny_rows()["order_lines"]
    rows[1]["quantity"] = "1.5"
    write_csv(tiny, "order_lines", "order_lines.csv", rows)
    run(tiny)
    assert "'quantity' is not a whole number" in rejected(tiny, "order_lines")["reason"].iloc[0]


def test_line_amount_identity(tiny: Path) -> None:
    rows = tiny_rows()["order_lines"]
    rows[0]["line_amount"] = "100.00"
    write_csv(tiny, "order_lines", "order_lines.csv", rows)
    run(tiny)
    assert "line_amount = quantity * unit_price - discount_amount" in rejected(tiny, "order_lines")["reason"].iloc[0]


def test_unknown_promotion_on_an_order_is_kept_and_counted(tiny: Path) -> None:
    with_orders(tiny, promo_id="P404")
    run(tiny)
    assert rejected(tiny, "orders").empty
    assert processed(tiny, "orders").set_index("order_id").loc["O1", "promo_id"] == "P404"
    assert manifest(tiny)["tables"]["orders"]["unknown_references"] == {"promo_id": 1}


def test_thousands_separator_and_spaces_are_numbers(tiny: Path) -> None:
    with_orders(tiny, items_amount=" 1,118.00 ", discount_amount="23.60", paid_amount="1,094.40")
    rows = tiny_rows()["order_lines"]
    rows[0].update(quantity="2", unit_price="559.00", discount_amount="23.60", line_amount="1094.40")
    write_csv(tiny, "order_lines", "order_lines.csv", rows)
    run(tiny)
    assert processed(tiny, "orders").set_index("order_id").loc["O1", "paid_amount"] == pytest.approx(1094.40)


def test_no_raw_files(root: Path) -> None:
    with pytest.raises(IngestError) as err:
        run(root)
    assert "no raw files found" in str(err.value) and "storebook sample" in str(err.value)


# --------------------------------------------------------------------------- cross-file phase at scale

def _lines(start: int, count: int) -> list[dict]:
    """``count`` order lines of order O1/O2 … numbered from ``start`` (line_no is the key's second part)."""
    return [{"order_id": f"O{1 + n % 2}", "line_no": str(n + 1), "sku": "A1" if n % 3 else "B1", "quantity": "1",
             "unit_price": "59.00", "discount_amount": "0.00", "line_amount": "59.00"} for n in range(start, start + count)]


def test_duplicate_across_files_and_a_cascade_of_orphans(tiny: Path) -> None:
    # O2 again in a second file (a duplicate, first seen in the first file), and O1 broken in the
    # first file: its line, and the shipment and return of that line, are orphans in turn.
    with_orders(tiny, paid_at="2025-03-01 09:00:00")
    rows = tiny_rows()["orders"]
    write_csv(tiny, "orders", "orders_b.csv", [rows[1], {**rows[0], "order_id": "O4"}])
    write_csv(tiny, "shipments", "shipments.csv", [
        {"shipment_id": f"SH{i}", "order_id": o, "carrier": "SF", "warehouse": "HZ", "province": "Zhejiang",
         "shipped_at": "2025-03-07 09:00:00", "delivered_at": "2025-03-08 09:00:00", "shipping_cost_amount": "8.00"}
        for i, o in enumerate(["O1", "O2", "O9"], 1)])
    run(tiny)
    orders = rejected(tiny, "orders")
    assert orders["reason"].str.contains("breaks the rule paid_at >= ordered_at").tolist() == [True, False]
    dup = orders.iloc[1]
    assert dup["source_file"] == "data/raw/orders/orders_b.csv" and dup["source_row"] == 2
    assert dup["reason"].startswith("duplicate key (order_id=O2); first seen in data/raw/orders/orders.csv row 3")
    assert sorted(processed(tiny, "orders")["order_id"]) == ["O2", "O3", "O4"]  # written in date order
    assert rejected(tiny, "order_lines")["value"].tolist() == ["O1"]
    ships = rejected(tiny, "shipments")
    assert ships["value"].tolist() == ["O1", "O9"]
    assert ships["reason"].str.contains("'order_id' has no match in orders.order_id").all()
    assert processed(tiny, "shipments")["shipment_id"].tolist() == ["SH2"]
    assert_reconciles(tiny)
    totals = manifest(tiny)["tables"]
    assert totals["orders"] == {**totals["orders"], "rows": 3, "rejected": 2}


def _shipment(sid: str, order_id: str, shipped_at: str) -> dict:
    return {"shipment_id": sid, "order_id": order_id, "carrier": "SF", "warehouse": "HZ", "province": "Zhejiang",
            "shipped_at": shipped_at, "delivered_at": "", "shipping_cost_amount": "8.00"}


def test_ingest_records_each_parcels_time_from_its_order_and_the_orders_without_one(tiny: Path) -> None:
    """storebook.measures.shipments reads this record: per month of hand-over, the least and
    greatest time from order to parcel; per status, the orders without any parcel. An orphan
    shipment is still rejected (the join that records them counts them), and is in no month."""
    write_csv(tiny, "shipments", "shipments.csv", [
        _shipment("SH1", "O1", "2025-03-02 22:00:00"),   # O1 ordered 2025-03-02 10:00: 12 h
        _shipment("SH2", "O1", "2025-04-01 10:00:00"),   # 30 days after O1
        _shipment("SH3", "O2", "2025-03-06 09:30:00"),   # O2 ordered 2025-03-05 21:30: 12 h
        _shipment("SH4", "O9", "2025-03-07 09:00:00"),   # no order O9: an orphan
    ])
    run(tiny)
    assert rejected(tiny, "shipments")["value"].tolist() == ["O9"]
    assert sorted(processed(tiny, "shipments")["shipment_id"]) == ["SH1", "SH2", "SH3"]
    hour = 3_600_000_000  # microseconds
    assert manifest(tiny)["tables"]["shipments"]["parcels"] == {
        "months": {"2025-03": [12 * hour, 12 * hour], "2025-04": [30 * 24 * hour, 30 * 24 * hour]},
        "undated": 0,
        "unshipped": [["cancelled", 1, "2025-03-06T08:00:00", 0]],  # O3
        "orders_rows": 3,
    }


def test_the_same_file_twice_rejects_every_row_of_the_second(tiny: Path) -> None:
    # Same bytes, so both share one parse-cache entry; they must still count as two files.
    raw = tiny / "data/raw/order_lines"
    (raw / "order_lines_copy.csv").write_bytes((raw / "order_lines.csv").read_bytes())
    report = run(tiny)
    rej = rejected(tiny, "order_lines")
    assert rej["source_file"].unique().tolist() == ["data/raw/order_lines/order_lines_copy.csv"]
    assert rej["source_row"].tolist() == [2, 3, 4]
    assert rej["reason"].str.contains("first seen in data/raw/order_lines/order_lines.csv row").all()
    assert {f.path: f.rows_written for f in report.files if f.table == "order_lines"} == {
        "data/raw/order_lines/order_lines.csv": 3, "data/raw/order_lines/order_lines_copy.csv": 0}
    assert_reconciles(tiny)


def test_large_generated_file_is_sorted_by_key_in_canonical_types(tiny: Path) -> None:
    import pyarrow.parquet as pq

    (tiny / "data/raw/order_lines/order_lines.csv").unlink()
    lines = _lines(0, 60_000)
    lines[123]["quantity"] = "x"  # one bad row among many
    write_csv(tiny, "order_lines", "order_lines_b.csv", lines[30_000:])  # written first, sorts second
    write_csv(tiny, "order_lines", "order_lines_a.csv", lines[:30_000])
    run(tiny)
    path = tables_dir(tiny) / "order_lines/part-0.parquet"
    table = pq.read_table(path)
    assert table.num_rows == 59_999
    assert str(pq.read_schema(path).field("line_no").type) == "int64"
    assert not pq.read_schema(path).field("order_id").nullable
    frame = table.to_pandas()
    assert frame.equals(frame.sort_values(["order_id", "line_no"], kind="stable").reset_index(drop=True))
    assert rejected(tiny, "order_lines")["source_row"].tolist() == [125]
    assert_reconciles(tiny)


def test_parallel_parse_gives_the_same_bytes_and_names_a_bad_file(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storebook.ingest.workers as mod

    write_csv(tiny, "order_lines", "order_lines_b.csv", _lines(10, 2_000))
    run(tiny)
    digest = {p.parent.name: hashlib.sha256(p.read_bytes()).hexdigest()
              for p in tables_dir(tiny).glob("*/part-0.parquet")}
    first = manifest(tiny)
    monkeypatch.setattr(mod, "PARALLEL_MIN_BYTES", 0)  # worker processes even for a tiny store
    run(tiny, force=True)
    assert digest == {p.parent.name: hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in tables_dir(tiny).glob("*/part-0.parquet")}
    assert manifest(tiny)["fingerprint"] == first["fingerprint"]
    strip = [{k: v for k, v in f.items() if k not in {"seconds", "cached"}} for f in first["files"]]
    assert strip == [{k: v for k, v in f.items() if k not in {"seconds", "cached"}} for f in manifest(tiny)["files"]]
    (tiny / "data/raw/orders/orders_empty.csv").write_bytes(b"")
    with pytest.raises(IngestError) as err:
        run(tiny, force=True)
    assert "orders/orders_empty.csv: the file is empty" in str(err.value)


def test_a_table_sorted_in_key_ranges_is_written_with_the_same_bytes(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big tables are sorted a range at a time (a single 50M-line sort ran out of memory):
    the files must not depend on how the sort was split."""
    import storebook.ingest.writing as mod

    write_csv(tiny, "order_lines", "order_lines_b.csv", _lines(10, 2_000))
    run(tiny)
    def tables() -> dict[str, str]:  # read again after each run: each publishes a new generation
        return {p.parent.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(tables_dir(tiny).glob("*/part-0.parquet"))}

    digest = tables()
    monkeypatch.setattr(mod, "SORT_RANGE_ROWS", 150)  # order_lines: 2,000+ rows in 14 ranges
    run(tiny, force=True)
    assert tables() == digest
    monkeypatch.setattr(mod, "ROW_GROUP", 500)  # row groups that straddle the ranges
    run(tiny, force=True)
    split = tables()
    monkeypatch.setattr(mod, "SORT_RANGE_ROWS", 10**9)
    run(tiny, force=True)
    whole = tables()
    assert split == whole  # same rows, same order, same row groups, whatever the ranges
    # Lines follow their order's day, then their key (storebook.ingest.writing.CLUSTER_DATES).
    lines = pd.read_parquet(tables_dir(tiny) / "order_lines/part-0.parquet")
    orders = pd.read_parquet(tables_dir(tiny) / "orders/part-0.parquet", columns=["order_id", "ordered_at"])
    dated = lines.merge(orders, on="order_id", how="left")
    assert dated["ordered_at"].notna().all() and dated["ordered_at"].nunique() > 1
    dated = dated.assign(day=dated["ordered_at"].dt.normalize())
    assert dated.equals(dated.sort_values(["day", "order_id", "line_no"], kind="stable").reset_index(drop=True))
    assert_reconciles(tiny)


def test_memory_does_not_grow_with_the_number_of_files(tiny: Path) -> None:
    """Parsed files wait on disk, not in memory: ten files cost about what two files cost."""
    import tracemalloc

    def peak_with(n_files: int) -> int:
        for old in (tiny / "data/raw/order_lines").glob("*.csv"):
            old.unlink()
        for i in range(n_files):
            write_csv(tiny, "order_lines", f"order_lines_{i:02d}.csv", _lines(i * 8_000, 8_000))
        run(tiny)  # parse into the cache first: the cross-file phase is what is measured
        tracemalloc.start()
        try:
            (tables_dir(tiny) / "_ingest.json").unlink()  # not skipped, but every parse is cached
            run(tiny)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    two, ten = peak_with(2), peak_with(10)
    assert ten < 2 * two, (two, ten)


@pytest.mark.parametrize("key", [b"k", b"storebook-test-key", bytes(range(64)), b"x" * 65, "键".encode() * 40])
def test_customer_hash_is_hmac_sha256(key: bytes) -> None:
    """The pseudonym is "c_" + the first 16 hex digits of HMAC-SHA256(key, account), also
    for keys longer than SHA-256's block and for accounts that are not ASCII."""
    import hmac

    from storebook.ingest.pipeline import _hmac_prefixes, _pseudonymise

    texts = ["", "a", "web:buyer@example.com", "tmall:买家一号", "x" * 200]
    assert _hmac_prefixes(key, texts) == ["c_" + hmac.digest(key, t.encode(), "sha256").hex()[:16] for t in texts]
    values = pd.Series(["b@x.com", None, "b@x.com", "买家"], dtype="str")
    hashed = _pseudonymise(values, None, key)
    assert hashed.tolist()[0] == hashed.tolist()[2] == "c_" + hmac.digest(key, b"b@x.com", "sha256").hex()[:16]
    assert pd.isna(hashed.iloc[1]) and hashed.iloc[3] == _hmac_prefixes(key, ["买家"])[0]


def test_customer_hashes_as_arrow_text_from_bytes() -> None:
    """The pseudonyms are built as one Arrow text array from the accounts' bytes: the same
    text per account as hmac.digest gives, nothing for no account."""
    import hmac

    import pyarrow as pa

    from storebook.ingest.frames import _hmac_prefix_array

    key = b"storebook-test-key"
    accounts = [b"", "tmall:买家".encode(), b"web:b@x.com"]
    got = _hmac_prefix_array(key, accounts)
    assert got.type == pa.large_string() and got.null_count == 0
    assert got.to_pylist() == ["c_" + hmac.digest(key, a, "sha256").hex()[:16] for a in accounts]
    assert len(_hmac_prefix_array(key, [])) == 0


def test_null_words_are_found_in_any_case_without_lowering() -> None:
    """_parse_column finds 'nan'/'null'/'none'/'<na>' in any case by their spellings: exact
    only if no other character lower-cases to one of their letters (in Python or Arrow)."""
    import sys

    import pyarrow as pa
    import pyarrow.compute as pc

    from storebook.ingest.pipeline import _NULL_SPELLINGS

    words = {"nan", "null", "none", "<na>"}
    assert all(s.lower() in words for s in _NULL_SPELLINGS) and len(_NULL_SPELLINGS) == 44
    letters = set("".join(words))
    chars = [chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    assert not [c for c in chars if letters & set(c.lower())]
    assert not [c for c, low in zip(chars, pc.utf8_lower(pa.array(chars)).to_pylist(), strict=True)
                if letters & set(low)]


def _pseudonymise_by_pandas(values: pd.Series, platform: pd.Series | None, key: bytes) -> pd.Series:
    """The pandas implementation _pseudonymise had before it moved to Arrow (the reference)."""
    import numpy as np

    from storebook.ingest.frames import _hmac_prefixes

    raw = values.astype(str) if platform is None else platform.astype(str) + ":" + values.astype(str)
    raw = raw.where(values.notna())
    codes, uniques = pd.factorize(raw)
    hashed = np.array([*_hmac_prefixes(key, uniques.to_numpy(dtype=object, na_value=None).tolist()), None],
                      dtype=object)
    return pd.Series(hashed[codes], index=values.index).astype("str")


@pytest.mark.parametrize("with_platform", [False, True])
def test_pseudonymise_by_arrow_matches_pandas(with_platform: bool) -> None:
    """The Arrow path gives each row the pseudonym (or the missing value) the pandas path
    gave: repeated, missing, empty, non-ASCII and numeric accounts, a missing platform, a
    shuffled index, and Python-backed (object) columns as well as Arrow-backed ones."""
    from storebook.ingest.frames import _pseudonymise

    key = b"storebook-test-key"
    index = [7, 3, 11, 0, 5, 9, 2, 8, 1, 4]
    accounts = ["b@x.com", None, "b@x.com", "", "买家", "B@X.COM", " b@x.com", "nan", "b@x.com", "买家"]
    platforms = ["web", "web", "tmall", "jd", None, "web", "web", "jd", "web", "tmall"]
    cases = [
        (pd.Series(accounts, index=index, dtype="str"), pd.Series(platforms, index=index, dtype="str")),
        (pd.Series(accounts, index=index, dtype=object), pd.Series(platforms, index=index, dtype=object)),
        (pd.Series([12, None, 12, 7], dtype=object), pd.Series(["jd", "jd", "web", "jd"], dtype=object)),
        (pd.Series([None, None], dtype="str"), pd.Series(["jd", "web"], dtype="str")),
        (pd.Series([], dtype="str"), pd.Series([], dtype="str")),
    ]
    for values, platform in cases:
        platform = platform if with_platform else None
        got = _pseudonymise(values, platform, key)
        expected = _pseudonymise_by_pandas(values, platform, key)
        assert str(got.dtype) == str(expected.dtype) == "str"
        assert got.index.equals(expected.index)
        assert got.isna().tolist() == expected.isna().tolist(), (values.tolist(), got.tolist())
        assert got.fillna("").tolist() == expected.fillna("").tolist()
    # Hand-checked: a missing platform leaves the account without a pseudonym; the same
    # account on two platforms is two customers.
    values, platform = cases[0]
    got = _pseudonymise(values, platform if with_platform else None, key)
    assert pd.isna(got.loc[5]) == with_platform  # 买家 on a missing platform
    assert (got.loc[7] != got.loc[11]) == with_platform  # b@x.com on web and on tmall
    assert got.loc[7] == got.loc[1] and pd.isna(got.loc[3])
