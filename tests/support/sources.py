"""Helpers for the source-adapter tests: a workbook root holding some of the fixture
exports (tests/fixtures/exports) and the canonical tables they refer to."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd

from storebook.engine.config import Config
from storebook.ingest import IngestReport, ingest, read_rejected
from support.stores import EN, NOW, REPO, tables_dir, tiny_rows, write_csv  # noqa: F401 - EN re-exported

FIXTURES = REPO / "tests" / "fixtures" / "exports"
EXAMPLES = REPO / "examples"
#: The SKUs the fixture orders sell (the Shopify products export defines them too).
FIXTURE_SKUS = ["4001", "C-S", "C-L"]


def with_exports(root: Path, *folders: str, products: bool = True) -> Path:
    """Copy fixture folders into data/raw, with the suppliers, promotions (and products)
    the fixture orders refer to, in the canonical layout."""
    for folder in folders:
        shutil.copytree(FIXTURES / folder, root / "data" / "raw" / folder)
    rows = tiny_rows()
    write_csv(root, "suppliers", "suppliers.csv", rows["suppliers"])
    write_csv(root, "promotions", "promotions.csv", rows["promotions"])
    if products:
        write_csv(root, "products", "products.csv", [
            {"sku": s, "product_name": f"Product {s}", "category": "bath", "brand": "Loom", "list_price": "99.00",
             "unit_cost": "30.00", "supplier_id": "S1", "launched_on": "2024-01-01", "is_active": "true"}
            for s in FIXTURE_SKUS])
    return root


def shopify_orders(root: Path, rows: list[dict[str, str]]) -> Path:
    """A store holding one Shopify orders export in Shopify's layout, written from ``rows``: one
    order a line, one item (SKU 4001, 20.00 USD, paid) each; a row's keys are column names with
    ``_`` for spaces (``Shipping_Country``) and override those defaults."""
    import csv
    import io

    from storebook.ingest.sources.shopify import ORDER_COLUMNS

    base = dict(Financial_Status="paid", Currency="USD", Subtotal="20.00", Shipping="0.00", Taxes="0.00",
                Total="20.00", Discount_Amount="0.00", Created_at="2025-03-02 10:00:00 +0800",
                Paid_at="2025-03-02 10:01:00 +0800", Lineitem_quantity="1", Lineitem_price="20.00",
                Lineitem_sku="4001", Lineitem_discount="0.00")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(ORDER_COLUMNS)
    for cells in rows:
        cells = {**base, **cells}
        writer.writerow([cells.get(c.replace(" ", "_"), "") for c in ORDER_COLUMNS])
    shop = with_exports(root, products=True)
    path = shop / "data" / "raw" / "shopify" / "orders_export_1.csv"
    path.parent.mkdir(parents=True)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return shop


def run(root: Path, **kwargs) -> IngestReport:
    return ingest(Config.load(root), now=NOW, **kwargs)


def table(root: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(tables_dir(root) / name)


def rejected(root: Path, name: str | None = None) -> pd.DataFrame:
    return read_rejected(Config.load(root), name)


def manifest(root: Path) -> dict:
    return json.loads((tables_dir(root) / "_ingest.json").read_text(encoding="utf-8"))


def file_report(root: Path, name: str, table_name: str) -> dict:
    return next(f for f in manifest(root)["files"] if f["path"].endswith(name) and f["table"] == table_name)


def assert_reconciles(root: Path) -> None:
    """Per file and table: rows read = rows written + rows rejected."""
    for f in manifest(root)["files"]:
        assert f["rows_read"] == f["rows_written"] + f["rows_rejected"], f


def processed_digest(root: Path) -> dict[str, str]:
    tables = tables_dir(root)  # keyed by table: each run publishes a new generation folder
    return {str(p.relative_to(tables)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tables.glob("*/part-0.parquet"))}


def raw_state(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (root / "data" / "raw").rglob("*") if p.is_file()}


def processed_bytes(root: Path) -> bytes:
    """Every byte under data/processed (tables, rejected rows, manifest, cache)."""
    return b"".join(p.read_bytes() for p in sorted((root / "data" / "processed").rglob("*")) if p.is_file())
