"""The sample store through the platform formats: canonical → Shopify / 生意参谋 → adapters
→ canonical gives the same tables as ingesting the canonical rows directly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ingest_with_test_key, make_root, tables_dir
from storebook.engine import schema
from storebook.engine.config import Config
from storebook.ingest.sources import detect, registry
from storebook.sample import generate_sample
from support.sources import NOW

pytestmark = pytest.mark.slow
#: Small enough to build twice: the round trip is about formats, not volume.
PARAMS = {"seed": 20261, "end_month": "2026-10", "months": 9, "scale": 0.05}


def _store(folder: Path, platform_formats: bool) -> Path:
    root = make_root(folder)
    shutil.rmtree(root / "data" / "raw")
    generate_sample(root / "data" / "raw", platform_formats=platform_formats, **PARAMS)
    ingest_with_test_key(root, now=NOW)
    return root


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("roundtrip")
    return _store(base / "canonical", False), _store(base / "platform", True)


def test_sample_writes_platform_files(pair: tuple[Path, Path]) -> None:
    _, platform = pair
    raw = platform / "data" / "raw"
    shopify = sorted((raw / "shopify").glob("orders_export_*.csv"))
    assert len(shopify) == PARAMS["months"]
    (sycm,) = sorted((raw / "tmall").glob("生意参谋_流量来源_*.csv"))
    with pytest.raises(UnicodeDecodeError):
        sycm.read_bytes().decode("utf-8")
    assert "汇总" in sycm.read_bytes().decode("gbk")
    reg = registry(Config.load(platform))
    assert detect(shopify[0], raw, reg).name == "shopify_orders"
    assert detect(sycm, raw, reg).name == "tmall_traffic"
    # The files _truth.json lists are the files written (a --force run replaces them all).
    listed = json.loads((raw / "_truth.json").read_text(encoding="utf-8"))["files"]
    assert {str(p.relative_to(raw)) for p in [*shopify, sycm]} <= set(listed)
    sources = {f["source"] for f in json.loads(
        (tables_dir(platform) / "_ingest.json").read_text(encoding="utf-8"))["files"]}
    assert {"shopify_orders", "tmall_traffic", "canonical"} <= sources


def test_round_trip_is_lossless(pair: tuple[Path, Path]) -> None:
    canonical, platform = pair
    for table in schema.TABLES:
        a_path, b_path = tables_dir(canonical) / table, tables_dir(platform) / table
        if not a_path.exists():
            assert not b_path.exists(), table
            continue
        a, b = pd.read_parquet(a_path), pd.read_parquet(b_path)
        if table == "orders":
            # Shopify identifies a customer by e-mail, not by account: other pseudonyms, same customers.
            pairs = pd.concat([a.set_index("order_id")["customer_id"], b.set_index("order_id")["customer_id"]],
                              axis=1, keys=["a", "b"]).drop_duplicates()
            assert pairs["a"].is_unique and pairs["b"].is_unique
            not_web = a["platform"] != "web"
            assert (a.loc[not_web, "customer_id"] == b.loc[not_web, "customer_id"]).all()
            a, b = a.drop(columns="customer_id"), b.drop(columns="customer_id")
        if table == "order_lines":
            # A Shopify export names every line item (the sample writes the SKU as its name);
            # the canonical layout leaves the optional item name out.
            web = b["item_name"].notna()
            assert a["item_name"].isna().all() and (b.loc[web, "item_name"] == b.loc[web, "sku"]).all() and web.any()
            a, b = a.drop(columns="item_name"), b.drop(columns="item_name")
        pd.testing.assert_frame_equal(a, b, obj=table)
    for root in pair:
        info = json.loads((tables_dir(root) / "_ingest.json").read_text(encoding="utf-8"))
        assert all(f["rows_read"] == f["rows_written"] + f["rows_rejected"] for f in info["files"])
        assert sum(f["rows_rejected"] for f in info["files"]) == 0
