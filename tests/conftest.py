"""Shared fixtures: a throw-away workbook root, a tiny hand-written store, and a small
sample store built once per test session (shared across xdist workers)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

REPO = Path(__file__).resolve().parents[1]
#: Scripts that write fixtures are not test modules (several share the name make_fixtures.py,
#: which --doctest-modules would import under one module name).
collect_ignore_glob = ["fixtures/*"]
TEST_KEY = "storebook-test-key-not-a-secret-0123456789"  # 32+ characters, as a key must be
#: The small sample store the analysis tests share (fixed end month: results are stable).
SAMPLE_PARAMS = {"seed": 20261, "end_month": "2026-10", "months": 14, "scale": 0.2}


def make_root(folder: Path) -> Path:
    """A workbook root with the repo's config and empty data folders."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "storebook.toml", folder / "storebook.toml")
    for sub in ("data/raw", "data/processed", "outputs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workbook root that storebook finds (STOREBOOK_ROOT) with a fixed hash key."""
    path = make_root(tmp_path / "wb")
    monkeypatch.setenv("STOREBOOK_ROOT", str(path))
    monkeypatch.setenv("STOREBOOK_HASH_KEY", TEST_KEY)
    for var in ("STOREBOOK_RAW", "STOREBOOK_PROCESSED", "STOREBOOK_OUTPUTS"):
        monkeypatch.delenv(var, raising=False)
    return path


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


@pytest.fixture
def tiny(root: Path) -> Path:
    """The tiny store written as canonical raw CSV files; returns the root."""
    for table, rows in tiny_rows().items():
        write_csv(root, table, f"{table}.csv", rows)
    return root


def _build_sample_store(target: Path, params: dict = SAMPLE_PARAMS, keep: set[str] | None = None) -> None:
    """Generate and ingest a sample store in ``target``; ``keep``: the raw tables to ingest (all if None)."""
    from storebook.engine.config import Config
    from storebook.ingest import ingest
    from storebook.sample import generate_sample

    make_root(target)
    raw = target / "data" / "raw"
    generate_sample(raw, **params)
    if keep is not None:
        for folder in raw.iterdir():
            if folder.is_dir() and folder.name not in keep:
                shutil.rmtree(folder)
    old = {k: os.environ.get(k) for k in ("STOREBOOK_ROOT", "STOREBOOK_HASH_KEY")}
    os.environ["STOREBOOK_HASH_KEY"] = TEST_KEY
    try:
        ingest(Config.load(target))
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
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


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small ingested sample store (14 months to 2026-10, scale 0.2), built once."""
    return shared_store(tmp_path_factory, "sample-store", SAMPLE_PARAMS)


#: The full-volume store: 30 times the shared store's scale (the default sample's volume is 1).
FULL_VOLUME_PARAMS = {"seed": SAMPLE_PARAMS["seed"], "end_month": SAMPLE_PARAMS["end_month"], "months": 9,
                      "scale": 30.0, "platform_formats": False}


@pytest.fixture(scope="session")
def full_volume_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sales side of a store 150 times the shared one's volume (9 months, scale 30), built once.

    For truths whose tolerance is tighter than the shared store's sampling noise: there the
    planted promotion is expected to sell about 4 units over a baseline of 7 and realised 17,
    so chance alone moves the data far more than the ±20% the estimate is held to. Here it
    is expected to sell about 650 over a baseline of 1,100, and chance moves it by about 5%.
    Only the tables a sales estimate reads are ingested, which keeps the build near a minute.
    """
    return shared_store(tmp_path_factory, "full-volume-store", FULL_VOLUME_PARAMS,
                         keep={"orders", "order_lines", "products", "suppliers", "promotions"})


@pytest.fixture
def sample_env(sample_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point storebook at the shared sample store for one test."""
    monkeypatch.setenv("STOREBOOK_ROOT", str(sample_root))
    monkeypatch.setenv("STOREBOOK_HASH_KEY", TEST_KEY)
    return sample_root


@pytest.fixture
def wb(sample_env: Path):
    """The shared sample store's Workbook."""
    import storebook

    return storebook.open()


@pytest.fixture(scope="session")
def truth(sample_root: Path) -> dict:
    """The planted truths of the shared sample store."""
    return json.loads((sample_root / "data" / "raw" / "_truth.json").read_text(encoding="utf-8"))
