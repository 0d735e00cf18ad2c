"""The stores tests are made of: a workbook root, raw files and rows, processed tables, and
the shared sample store.

Two ways to a tiny store, both here: :func:`build_store` writes raw CSV files and ingests
them (what a user's exports go through); :func:`write_tables` writes the processed Parquet
tables directly (faster, for metric tests that need no ingest). The shared sample store is
generated and ingested once per code version and parameters (:func:`shared_store`).
conftest.py turns these into fixtures (``root``, ``tiny``, ``sample_root`` …).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest
from filelock import FileLock

from storebook.report.text import Text

#: The ingest summary's language (as `storebook ingest` prints it).
EN = Text("en")

if TYPE_CHECKING:
    import storebook

REPO = Path(__file__).resolve().parents[2]
TEST_KEY = "storebook-test-key-not-a-secret-0123456789"  # 32+ characters, as a key must be
#: The small sample store the analysis tests share (fixed end month: results are stable).
SAMPLE_PARAMS = {"seed": 20261, "end_month": "2026-10", "months": 14, "scale": 0.2}
#: The full-volume store: 30 times the shared store's scale (the default sample's volume is 1).
FULL_VOLUME_PARAMS = {"seed": SAMPLE_PARAMS["seed"], "end_month": SAMPLE_PARAMS["end_month"], "months": 9,
                      "scale": 30.0, "platform_formats": False}
#: The ingest time of the tiny stores (a fixed "now": results do not depend on the day).
NOW = datetime(2026, 11, 27, 12, 0, 0)


# ----------------------------------------------------------------------------- a workbook root

def make_root(folder: Path) -> Path:
    """A workbook root with the repo's config and empty data folders."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "storebook.toml", folder / "storebook.toml")
    for sub in ("data/raw", "data/processed", "outputs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return folder


def use_root(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make ``path`` the workbook storebook finds (STOREBOOK_ROOT), with the test hash key and
    none of the folder overrides; returns it."""
    monkeypatch.setenv("STOREBOOK_ROOT", str(path))
    monkeypatch.setenv("STOREBOOK_HASH_KEY", TEST_KEY)
    for var in ("STOREBOOK_RAW", "STOREBOOK_PROCESSED", "STOREBOOK_OUTPUTS"):
        monkeypatch.delenv(var, raising=False)
    return path


def isolated_root(factory: pytest.TempPathFactory, mp: pytest.MonkeyPatch) -> Path:
    """A fresh workbook root that storebook finds, as conftest's ``root`` (for module-scoped
    stores: one ingest serves every test of a module)."""
    return use_root(make_root(factory.mktemp("store") / "wb"), mp)


def tables_dir(root: Path) -> Path:
    """The folder holding a workbook root's processed tables: the current generation that
    ``storebook ingest`` published (or data/processed itself in the flat layout)."""
    from storebook.engine.generations import resolve

    return resolve(root / "data" / "processed").data


def write_csv(root: Path, table: str, name: str, rows: list[dict], encoding: str = "utf-8") -> Path:
    """Write ``rows`` as data/raw/<table>/<name> in the given encoding."""
    path = root / "data" / "raw" / table / name
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def tiny_rows() -> dict[str, list[dict]]:
    """A hand-written store small enough to reason about row by row."""
    suppliers = [
        {"supplier_id": "S1", "supplier_name": "青岛织造", "region": "Shandong", "contract_lead_time_days": "14"},
        {"supplier_id": "S2", "supplier_name": "Hangzhou Home Co", "region": "Zhejiang", "contract_lead_time_days": "21"},
    ]
    products = [
        {"sku": "A1", "product_name": "Towel", "category": "bath", "brand": "Loom", "list_price": "59.00",
         "unit_cost": "20.00", "supplier_id": "S1", "launched_on": "2024-01-01", "is_active": "true"},
        {"sku": "B1", "product_name": "Candle", "category": "decor", "brand": "Lumen", "list_price": "89.00",
         "unit_cost": "30.00", "supplier_id": "S2", "launched_on": "2024-03-01", "is_active": "true"},
    ]
    promotions = [
        {"promo_id": "P1", "promo_name": "Spring towels", "promo_type": "discount", "platform": "tmall",
         "starts_on": "2025-03-01", "ends_on": "2025-03-07", "discount_pct": "0.2", "scope": "sku:A1",
         "budget_amount": "1000"},
    ]
    base = {"platform": "tmall", "status": "completed", "channel": "organic_search", "device": "mobile",
            "province": "Zhejiang", "promo_id": "", "coupon_code": "", "buyer_name": "张三",
            "buyer_phone": "13800000001", "buyer_email": "zhang@example.com",
            "shipping_address": "西湖区 1 号", "ip_address": "203.0.113.7"}
    orders = [
        {"order_id": "O1", "ordered_at": "2025-03-02 10:00:00", "paid_at": "2025-03-02 10:01:00",
         "customer_id": "tb_alice", "items_amount": "118.00", "discount_amount": "23.60", "shipping_amount": "0.00",
         "paid_amount": "94.40", "refund_amount": "0.00", **base, "promo_id": "P1"},
        {"order_id": "O2", "ordered_at": "2025-03-05 21:30:00", "paid_at": "2025-03-05 21:31:00",
         "customer_id": "tb_bob", "items_amount": "89.00", "discount_amount": "0.00", "shipping_amount": "10.00",
         "paid_amount": "99.00", "refund_amount": "0.00", **base},
        {"order_id": "O3", "ordered_at": "2025-03-06 08:00:00", "paid_at": "",
         "customer_id": "tb_alice", "items_amount": "59.00", "discount_amount": "0.00", "shipping_amount": "0.00",
         "paid_amount": "0.00", "refund_amount": "0.00", **{**base, "status": "cancelled"}},
    ]
    order_lines = [
        {"order_id": "O1", "line_no": "1", "sku": "A1", "quantity": "2", "unit_price": "59.00",
         "discount_amount": "23.60", "line_amount": "94.40"},
        {"order_id": "O2", "line_no": "1", "sku": "B1", "quantity": "1", "unit_price": "89.00",
         "discount_amount": "0.00", "line_amount": "89.00"},
        {"order_id": "O3", "line_no": "1", "sku": "A1", "quantity": "1", "unit_price": "59.00",
         "discount_amount": "0.00", "line_amount": "59.00"},
    ]
    return {"suppliers": suppliers, "products": products, "promotions": promotions,
            "orders": orders, "order_lines": order_lines}


# ----------------------------------------------------------------------------- tiny stores

def product(sku: str, category: str, supplier: str = "S1", price: float = 10.0, cost: float = 4.0,
            active: bool = True) -> dict:
    """A raw products row of the contract."""
    return {"sku": sku, "product_name": f"Product {sku}", "category": category, "brand": "Loom",
            "list_price": f"{price:.2f}", "unit_cost": f"{cost:.2f}", "supplier_id": supplier,
            "launched_on": "2024-01-01", "is_active": "true" if active else "false"}


def sales_rows(sales: list[tuple]) -> tuple[list[dict], list[dict]]:
    """Orders and order lines for ``(day, platform, sku, quantity, unit_price, line_discount,
    promo_id)`` sales, one paid order each (paid the same day at noon)."""
    orders, lines = [], []
    for i, (day, platform, sku, qty, price, discount, promo_id) in enumerate(sales):
        oid = f"O{i:06d}"
        items = qty * price
        stamp = f"{day:%Y-%m-%d} 12:00:00"
        orders.append({
            "order_id": oid, "platform": platform, "ordered_at": stamp, "paid_at": stamp,
            "status": "completed", "customer_id": f"c{i % 7}", "channel": "organic_search",
            "device": "mobile", "province": "浙江", "items_amount": f"{items:.2f}",
            "discount_amount": f"{discount:.2f}", "shipping_amount": "0.00",
            "paid_amount": f"{items - discount:.2f}", "refund_amount": "0.00",
            "promo_id": promo_id or "", "coupon_code": "",
        })
        lines.append({"order_id": oid, "line_no": "1", "sku": sku, "quantity": str(qty),
                      "unit_price": f"{price:.2f}", "discount_amount": f"{discount:.2f}",
                      "line_amount": f"{items - discount:.2f}"})
    return orders, lines


def build_store(root: Path, tables: dict[str, list[dict]]) -> storebook.Workbook:
    """Write ``tables`` as raw CSV files under ``root``, ingest them, open the workbook.

    A supplier ``S1`` is added unless ``tables`` has its own; an empty table writes no
    file; the ingest must reject no row.
    """
    import storebook
    from storebook.engine.config import Config
    from storebook.ingest import ingest

    tables = {"suppliers": [{"supplier_id": "S1", "supplier_name": "青岛织造", "region": "Shandong",
                             "contract_lead_time_days": "10"}], **tables}
    for table, rows in tables.items():
        if rows:
            write_csv(root, table, f"{table}.csv", rows)
    report = ingest(Config.load(root), now=NOW)
    assert report.rows_rejected == 0, report.summary(EN)
    return storebook.open()


def days(first: date, n: int) -> list[date]:
    """``n`` consecutive days from ``first``."""
    return [first + timedelta(days=i) for i in range(n)]


#: The value a non-nullable column gets in a row that leaves it out (write_tables).
def steady_traffic(first: str, last: str, peak: tuple[int, int]) -> list[dict]:
    """A web shop's daily traffic from ``first`` to ``last``: the same every day but ``peak``
    (month, day), three times as busy each year."""
    rows = []
    for day in pd.date_range(first, last, freq="D"):
        times = 3 if (day.month, day.day) == peak else 1
        rows.append({"visited_on": day, "platform": "web", "channel": "all", "device": "mobile",
                     "visitors": 1000 * times, "page_views": 3000 * times, "product_views": 800 * times,
                     "cart_adds": 200 * times, "checkouts": 80 * times, "buyers": 50 * times, "orders": 50 * times,
                     "paid_amount": 5000.0 * times})
    return rows


def sell_in(root: Path, currency: str) -> None:
    """Make ``root``'s workbook sell on its web shop alone, in ``currency`` (as a Shopify export
    states it): CNY sells in China; BRL, INR … name the store's own country."""
    toml = root / "storebook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'platforms = ["tmall", "jd", "douyin", "web"]', f'platforms = ["web"]\ncurrency = "{currency}"'),
        encoding="utf-8")


def parcels(rows: list[tuple[str, str, str, str]]) -> dict[str, list[dict]]:
    """The orders and shipments tables (for :func:`write_tables`) of web orders of 100, one parcel
    each, from ``(order_id, paid_at, shipped_at, delivered_at)``: placed a minute before payment,
    carrier A from WH1 to BR-SP at a cost of 5."""
    stamp = pd.Timestamp
    orders = [{"order_id": o, "platform": "web", "ordered_at": f"{stamp(paid) - pd.Timedelta(minutes=1):%Y-%m-%d %H:%M}",
               "paid_at": paid, "status": "completed", "items_amount": 100.0, "paid_amount": 100.0}
              for o, paid, _, _ in rows]
    shipments = [{"shipment_id": f"S-{o}", "order_id": o, "carrier": "A", "warehouse": "WH1", "province": "BR-SP",
                  "shipped_at": shipped, "delivered_at": delivered, "shipping_cost_amount": 5.0}
                 for o, _, shipped, delivered in rows]
    return {"orders": orders, "shipments": shipments}


def promotion_store(root: Path, first: date, start: date, end: date, usual) -> storebook.Workbook:  # noqa: ANN001
    """A web shop (its currency already set: :func:`sell_in`) from ``first`` to ``end``: T1 (bath)
    sells ``usual(day)`` a day, 3 a day during its promotion P1 (``start``–``end``, 20% off); M1
    (decor, the market index) 10 a day. Built through ingest (:func:`build_store`)."""
    sales = []
    for day in days(first, (end - first).days + 1):
        during = start <= day <= end
        t1 = 3 if during else usual(day)
        sales.append((day, "web", "T1", t1, 10.0, 2.0 * t1 if during else 0.0, "P1" if during else None))
        sales.append((day, "web", "M1", 10, 20.0, 0.0, None))
    orders, lines = sales_rows(sales)
    promos = [{"promo_id": "P1", "promo_name": "Towel week", "promo_type": "discount", "platform": "web",
               "starts_on": start.isoformat(), "ends_on": end.isoformat(), "discount_pct": "0.20",
               "scope": "sku:T1", "budget_amount": "500.00"}]
    return build_store(root, {"products": [product("T1", "bath"), product("M1", "decor", price=20.0, cost=8.0)],
                              "promotions": promos, "orders": orders, "order_lines": lines})


_DEFAULTS = {"str": "x", "int": 1, "Int64": None, "float": 0.0, "bool": False,
             "timestamp": pd.Timestamp("2026-01-01"), "date": pd.Timestamp("2026-01-01")}


def write_tables(root: Path, **tables: list[dict] | pd.DataFrame) -> storebook.Workbook:
    """Write processed Parquet tables directly (no ingest) and open the workbook.

    Args:
        root: the workbook root; each table goes to data/processed/<table>/part-0.parquet.
        tables: per table, either a frame, written as it is (its columns and dtypes), or a
            list of partial rows, completed to the contract: missing columns get defaults
            (null where the contract allows it), types as ingest writes them (dates as
            date32, timestamps in microseconds).
    Returns:
        The workbook on ``root``'s processed folder.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    import storebook
    from storebook.engine import schema

    arrow_types = {"str": pa.string(), "int": pa.int64(), "Int64": pa.int64(), "float": pa.float64(),
                   "bool": pa.bool_(), "timestamp": pa.timestamp("us"), "date": pa.date32()}
    processed = root / "data" / "processed"
    for name, rows in tables.items():
        (processed / name).mkdir(parents=True, exist_ok=True)
        if isinstance(rows, pd.DataFrame):
            rows.to_parquet(processed / name / "part-0.parquet", index=False)
            continue
        frame = pd.DataFrame(rows)
        arrays = {}
        for spec in schema.columns(name):
            col = frame[spec.name] if spec.name in frame else pd.Series(
                [None if spec.nullable else _DEFAULTS[spec.kind]] * len(frame), dtype=object)
            if spec.kind in {"timestamp", "date"}:
                col = pd.to_datetime(col)
                col = col.dt.date if spec.kind == "date" else col
            arrays[spec.name] = pa.array(col, type=arrow_types[spec.kind], from_pandas=True)
        pq.write_table(pa.table(arrays), processed / name / "part-0.parquet")
    return storebook.open(processed)


def ingest_with_test_key(root: Path, **kwargs: Any):  # noqa: ANN201 - an IngestReport
    """Ingest ``root`` (storebook.ingest.ingest, ``kwargs`` passed on) with the tests' hash key
    in STOREBOOK_HASH_KEY, the caller's value put back after: a module-scoped fixture, which
    builds a real store once for many tests, has no monkeypatch."""
    from storebook.engine.config import Config
    from storebook.ingest import ingest

    old = os.environ.get("STOREBOOK_HASH_KEY")
    os.environ["STOREBOOK_HASH_KEY"] = TEST_KEY
    try:
        return ingest(Config.load(root), **kwargs)
    finally:
        if old is None:
            os.environ.pop("STOREBOOK_HASH_KEY", None)
        else:
            os.environ["STOREBOOK_HASH_KEY"] = old


# ----------------------------------------------------------------------------- the sample store

def _build_sample_store(target: Path, params: dict = SAMPLE_PARAMS, keep: set[str] | None = None) -> None:
    """Generate and ingest a sample store in ``target``; ``keep``: the raw tables to ingest (all if None)."""
    from storebook.sample import generate_sample

    make_root(target)
    raw = target / "data" / "raw"
    generate_sample(raw, **params)
    if keep is not None:
        for folder in raw.iterdir():
            if folder.is_dir() and folder.name not in keep:
                shutil.rmtree(folder)
    old_root = os.environ.get("STOREBOOK_ROOT")
    ingest_with_test_key(target)
    if old_root is None:  # ingest may name the root it ran in
        os.environ.pop("STOREBOOK_ROOT", None)
    else:
        os.environ["STOREBOOK_ROOT"] = old_root
    (target / ".complete").write_text("ok")


def _store_code() -> bytes:
    """The code a store's processed tables are made by: the engine (contract, layout, settings,
    calendar), ingest with every source adapter, and the sample generator (a store ingested by
    older code must not stand in for today's)."""
    import storebook

    package = Path(storebook.__file__).parent
    paths = sorted(p for layer in ("engine", "ingest", "sample") for p in (package / layer).rglob("*.py"))
    return b"".join(p.relative_to(package).as_posix().encode() + p.read_bytes() for p in paths if p.is_file())


def shared_store(tmp_path_factory: pytest.TempPathFactory, name: str, params: dict,
                  keep: set[str] | None = None) -> Path:
    """A store built once per generator version and parameters, shared by the xdist workers.

    Keyed on the code that makes it (generator, contract, ingest, adapters) and parameters: a
    changed generator or ingest never reuses a store built by the old one (the base folder
    outlives a run without xdist). The first worker builds it under a lock; the others wait.
    """
    shared = tmp_path_factory.getbasetemp().parent
    digest = hashlib.sha256(_store_code() + repr((params, sorted(keep or ()))).encode())
    target = shared / f"{name}-{digest.hexdigest()[:12]}"
    with FileLock(str(shared / f"{target.name}.lock")):
        if not (target / ".complete").is_file():
            shutil.rmtree(target, ignore_errors=True)
            _build_sample_store(target, params, keep)
    return target
