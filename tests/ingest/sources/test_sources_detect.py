"""Which source reads a file: the unknown-file and ambiguous-file messages, and pins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storebook.engine.config import Config
from storebook.errors import IngestError, InputError
from storebook.ingest.sources import detect, registry
from support.sources import FIXTURES, run, table, with_exports


def _problem(root: Path) -> str:
    with pytest.raises(IngestError) as err:
        run(root)
    return str(err.value)


def test_each_fixture_is_recognised_by_exactly_one_source(root: Path) -> None:
    raw = root / "data" / "raw"
    expected = {
        "shopify/orders_export_1.csv": "shopify_orders", "shopify/products_export_1.csv": "shopify_products",
        "tmall/订单报表_2025-03.csv": "tmall_orders", "tmall/订单报表_2025-03_b.xlsx": "tmall_orders",
        "tmall/订单报表_2025-03_c.xls": "tmall_orders", "tmall/生意参谋_店铺来源_2025-03-02.xlsx": "tmall_traffic",
        "tmall/生意参谋_店铺来源_2025-03-01_无线端.csv": "tmall_traffic", "jd/京东订单_2025-03.csv": "jd_orders",
        "jd/京东商智_流量来源_2025-03-01.csv": "jd_traffic",
        "ga4/traffic_acquisition_20250301-20250302.csv": "ga4_traffic",
        "ga4/users_by_day_device_20250301-20250302.csv": "ga4_totals",
        "tmall_report/tmall_order_report.csv": "tmall_orders", "tmall_report/订单报表_2020-03.csv": "tmall_orders",
        "tmall_period/生意参谋_流量来源_2019-07-29.csv": "tmall_traffic",
        "tmall_period/店铺来源_2019-08-01~2019-08-31.csv": "tmall_traffic",
        "tmall_period/【生意参谋平台】无线店铺流量来源_2019-07-01_2019-07-31.xls": "tmall_traffic",
        "shopify_layouts/orders_export_2016.csv": "shopify_orders",
        "shopify_layouts/orders_export_minimal.csv": "shopify_orders",
        "shopify_layouts/products_export_2019.csv": "shopify_products",
        "shopify_layouts/products_export_1.csv": "shopify_products",
    }
    reg = registry(Config.load(root))
    for rel, name in expected.items():
        target = raw / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / rel, target)
        assert detect(target, raw, reg).name == name, rel


def test_an_older_export_without_a_sku_column_is_still_shopify(root: Path) -> None:
    with_exports(root)
    path = root / "data/raw/web/orders_export_9.csv"
    path.parent.mkdir()
    text = (FIXTURES / "shopify/orders_export_2.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("Lineitem sku", "Lineitem sku code", 1), encoding="utf-8")
    assert detect(path, root / "data/raw", registry(Config.load(root))).name == "shopify_orders"


def test_unknown_file_names_the_closest_source_and_missing_columns(root: Path) -> None:
    with_exports(root)
    path = root / "data/raw/web/orders_export_9.csv"
    path.parent.mkdir()
    text = (FIXTURES / "shopify/orders_export_2.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("Lineitem quantity", "Lineitem qty", 1), encoding="utf-8")
    message = _problem(root)
    assert "web/orders_export_9.csv: no source recognises this file" in message
    assert "the closest source is shopify_orders (Shopify orders export" in message
    assert "missing: 'Lineitem quantity'" in message
    assert "storebook.sources.yaml" in message


def test_unknown_chinese_report_names_tmall(root: Path) -> None:
    with_exports(root)
    path = root / "data/raw/misc/report.csv"
    path.parent.mkdir()
    path.write_bytes("订单编号,总金额,订单创建时间,备注\n1,2,2025-03-01 10:00:00,x\n".encode("gbk"))
    message = _problem(root)
    assert "closest source is tmall_orders" in message and "missing: '买家实际支付金额'" in message


def test_unrelated_file_gets_the_general_advice(root: Path) -> None:
    with_exports(root)
    path = root / "data/raw/misc/export.csv"
    path.parent.mkdir()
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    message = _problem(root)
    assert "no source recognises this file" in message and "declare it as a custom source" in message


def test_platform_export_in_a_table_folder_is_ambiguous_until_pinned(root: Path) -> None:
    with_exports(root)
    target = root / "data/raw/orders/orders_export_1.csv"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "shopify/orders_export_1.csv", target)
    message = _problem(root)
    assert "orders/orders_export_1.csv: the file matches several sources: canonical" in message
    assert "shopify_orders (Shopify orders export" in message
    assert "move a platform export into a folder of its own (e.g. data/raw/shopify/)" in message
    assert 'pins: [{files: "orders/orders_export_1.csv", use: shopify_orders}]' in message
    # The pin the message proposes settles it.
    (root / "storebook.sources.yaml").write_text(
        'pins:\n  - files: "orders/orders_export_*.csv"\n    use: shopify_orders\n', encoding="utf-8")
    run(root)
    assert "#1001" in set(table(root, "orders")["order_id"])


def test_custom_source_overlapping_a_built_in_one(root: Path) -> None:
    with_exports(root, "shopify", products=False)
    (root / "storebook.sources.yaml").write_text("""
sources:
  - name: web_orders
    table: orders
    files: "shopify/orders_*.csv"
    columns: {order_id: Name, ordered_at: Created at, status: Financial Status, customer_id: Email,
              province: Shipping Province, items_amount: Subtotal, paid_amount: Total}
    constants: {platform: web, channel: direct, device: pc, discount_amount: 0, shipping_amount: 0,
                refund_amount: 0}
""", encoding="utf-8")
    message = _problem(root)
    assert "matches several sources: web_orders (custom source in storebook.sources.yaml" in message
    assert "shopify_orders" in message and "pin the file to one of them" in message


def test_pin_to_an_unknown_source(root: Path) -> None:
    with_exports(root)
    (root / "storebook.sources.yaml").write_text('pins:\n  - files: "x/*"\n    use: shopfy\n', encoding="utf-8")
    message = _problem(root)
    assert "the pin for 'x/*' uses the unknown source 'shopfy'" in message and "shopify_orders" in message


def test_broken_yaml(root: Path) -> None:
    with_exports(root)
    (root / "storebook.sources.yaml").write_text("sources: [\n", encoding="utf-8")
    assert "storebook.sources.yaml: not valid YAML" in _problem(root)


def test_detect_without_a_workbook_uses_the_built_in_sources(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "shopify").mkdir(parents=True)
    shutil.copy(FIXTURES / "shopify/orders_export_1.csv", raw / "shopify/a.csv")
    assert detect(raw / "shopify/a.csv", raw).name == "shopify_orders"
    (raw / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError):
        detect(raw / "notes.pdf", raw)
