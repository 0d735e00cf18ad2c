"""The parse cache is keyed by the file's path, the definition of the source that reads it
and its bytes (with those of the files that source joins): identical files in two folders
are two parses, an edited declaration re-reads only its own files, and a changed joined
file re-reads the files that join it."""

from __future__ import annotations

from pathlib import Path

from support.mapping import declare, put
from support.sources import manifest, run, table

SUPPLIERS = "supplier_id,supplier_name,region,contract_lead_time_days\nS1,青岛织造,Shandong,14\nS2,Hangzhou Home,Zhejiang,21\n"


def _by_path(root: Path) -> dict[str, dict]:
    return {f["path"]: f for f in manifest(root)["files"]}


def test_identical_files_in_two_folders_are_read_by_their_own_sources(root: Path) -> None:
    declare(root, """
        sources:
          - name: vendor_list
            files: "vendors/*.csv"
            table: products
            columns: {sku: supplier_id, product_name: supplier_name}
    """)
    put(root, "suppliers/s.csv", SUPPLIERS)   # the canonical layout's folder
    put(root, "vendors/s.csv", SUPPLIERS)     # the same bytes, declared as products
    run(root)
    files = _by_path(root)
    assert (files["data/raw/suppliers/s.csv"]["source"], files["data/raw/suppliers/s.csv"]["table"]) == (
        "canonical", "suppliers")
    assert (files["data/raw/vendors/s.csv"]["source"], files["data/raw/vendors/s.csv"]["table"]) == (
        "vendor_list", "products")
    assert len(table(root, "suppliers")) == 2 and table(root, "products")["product_name"].tolist() == [
        "青岛织造", "Hangzhou Home"]


def test_an_edited_source_rereads_its_files_only(root: Path) -> None:
    text = """
        sources:
          - name: vendor_list
            files: "vendors/*.csv"
            table: products
            columns: {sku: supplier_id, product_name: supplier_name}
          - name: region_list
            files: "regions/*.csv"
            table: suppliers
            columns: {supplier_id: supplier_id, region: region}
    """
    declare(root, text)
    put(root, "vendors/v.csv", SUPPLIERS)
    put(root, "regions/r.csv", SUPPLIERS)
    run(root)
    declare(root, text.replace("product_name: supplier_name", "product_name: region"))
    report = run(root)  # no --force
    cached = {Path(f.path).name: f.cached for f in report.files}
    assert cached == {"v.csv": False, "r.csv": True}
    assert table(root, "products")["product_name"].tolist() == ["Shandong", "Zhejiang"]


def test_a_changed_joined_file_rereads_the_file_that_joins_it(root: Path) -> None:
    declare(root, """
        sources:
          - name: heads
            files: "mkt/orders.csv"
            joins: {pay: {source: payments, on: {id: order}, compute: {paid: sum(CAST(value AS DOUBLE))}}}
            table: orders
            columns: {order_id: id, ordered_at: placed, paid_at: placed}
            compute: {paid_amount: pay.paid, status: "'paid'"}
            constants: {platform: web}
          - name: payments
            files: "mkt/payments.csv"
    """)
    put(root, "mkt/orders.csv", "id,placed\nA,2025-03-01 10:00:00\n")
    put(root, "mkt/payments.csv", "order,value\nA,20.00\n")
    run(root)
    assert table(root, "orders")["paid_amount"].tolist() == [20.0]
    put(root, "mkt/payments.csv", "order,value\nA,20.00\nA,5.00\n")
    report = run(root)
    assert [f.cached for f in report.files] == [False]
    assert table(root, "orders")["paid_amount"].tolist() == [25.0]


def test_an_unchanged_file_is_not_parsed_again(root: Path) -> None:
    put(root, "suppliers/s.csv", SUPPLIERS)
    run(root)
    report = run(root, force=False)
    assert report.skipped
    put(root, "suppliers/t.csv", "supplier_id,supplier_name,region,contract_lead_time_days\nS3,X,Y,3\n")
    report = run(root)
    assert {Path(f.path).name: f.cached for f in report.files} == {"s.csv": True, "t.csv": False}


def test_the_cache_keeps_a_dictionary_for_repeating_columns_only_and_reads_back_the_same(tmp_path: Path) -> None:
    """A column gets a dictionary when its first rows hold at most a tenth as many distinct
    values as rows: 20 rows, 2 statuses (2 × 10 ≤ 20) yes; 20 ids, 20 amounts (20 × 10 > 20)
    no; a flag of 3 values over 20 rows (3 × 10 > 20) no. Whatever the encoding, the frame
    read back is the frame written (values, missing values and dtypes)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from storebook.ingest.perfile import _write_cache
    from storebook.ingest.writing import repeating_columns

    frame = pd.DataFrame({
        "order_id": [f"O{i}" for i in range(20)],
        "status": ["paid", None] * 10,
        "amount": [float(i) + 0.5 for i in range(20)],
        "flag": pd.array([True, False, None, True] * 5, dtype="boolean"),
        "_source_row": range(2, 22),
    }).astype({"order_id": "str", "status": "str"})
    assert repeating_columns(pa.Table.from_pandas(frame, preserve_index=False)) == ["status"]
    base = tmp_path / "cache" / "abc"
    _write_cache(base, [("orders", frame, frame.iloc[:0])], "canonical", "utf-8", [])
    written = tmp_path / "cache" / "abc.orders.parquet"
    meta = pq.ParquetFile(written).metadata.row_group(0)
    encodings = {meta.column(i).path_in_schema: meta.column(i).encodings for i in range(meta.num_columns)}
    assert "RLE_DICTIONARY" in encodings["status"] and "RLE_DICTIONARY" not in encodings["order_id"]
    pd.testing.assert_frame_equal(pd.read_parquet(written), frame)


def test_the_cache_keeps_min_and_max_for_dates_numbers_and_the_first_key_only(tmp_path: Path) -> None:
    """Statistics are written for what reads them (the clock check's dates, DuckDB's ranges
    and sort keys, the first key an order line is joined by), not for other text: here
    order_id (orders' first key), ordered_at, amount and _source_row have a min and a max,
    status and platform none; the frame read back is the frame written."""
    import pandas as pd
    import pyarrow.parquet as pq

    from storebook.ingest.perfile import _write_cache

    frame = pd.DataFrame({
        "order_id": ["O3", "O1", "O2"],
        "ordered_at": pd.to_datetime(["2026-01-02 10:00", "2026-01-01 09:00", "2026-01-03 11:00"]).astype("datetime64[us]"),
        "status": ["paid", "refunded", "paid"],
        "platform": ["tmall", "jd", "web"],
        "amount": [5.5, 1.25, 3.0],
        "_source_row": [2, 3, 4],
    }).astype({"order_id": "str", "status": "str", "platform": "str"})
    base = tmp_path / "cache" / "abc"
    _write_cache(base, [("orders", frame, frame.iloc[:0])], "canonical", "utf-8", [])
    written = tmp_path / "cache" / "abc.orders.parquet"
    group = pq.ParquetFile(written).metadata.row_group(0)
    stats = {group.column(i).path_in_schema: group.column(i).statistics for i in range(group.num_columns)}
    kept = {name: (s.min, s.max) for name, s in stats.items() if s is not None and s.has_min_max}
    assert kept["order_id"] == ("O1", "O3")
    assert kept["amount"] == (1.25, 5.5) and kept["_source_row"] == (2, 4)
    assert [str(v) for v in kept["ordered_at"]] == ["2026-01-01 09:00:00", "2026-01-03 11:00:00"]
    assert "status" not in kept and "platform" not in kept
    pd.testing.assert_frame_equal(pd.read_parquet(written), frame)
