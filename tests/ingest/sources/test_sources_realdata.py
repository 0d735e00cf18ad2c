"""The built-in adapters on real public exports (../shared/realdata, see its PROVENANCE.md):
every row a user would keep is kept, and per file rows read = written + rejected.

The folder is found at ``STOREBOOK_REALDATA`` or ``<project root>/../shared/realdata``; where
it is absent (a user's clone) these tests skip and say so. The files are read where they
lie and copied into a throw-away workbook, never into the repository.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from storebook.errors import IngestError
from support.sources import assert_reconciles, file_report, manifest, rejected, run, table

REALDATA = Path(os.environ.get("STOREBOOK_REALDATA") or REPO.parent / "shared" / "realdata")
pytestmark = pytest.mark.skipif(not REALDATA.is_dir(),
                                reason=f"the real public exports are not here ({REALDATA}); set STOREBOOK_REALDATA")

PARTNERS = "shopify_products_shopifypartners-product-csvs"


def _copy(root: Path, *files: tuple[str, str]) -> Path:
    for source, target in files:
        dest = root / "data" / "raw" / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REALDATA / source, dest)
    return root


def _variants_by_hand(path: Path) -> tuple[int, int, int]:
    """(records, variants, products) counted with the csv module: a variant is a record with a
    price, a SKU or an option value; the rest are a product's further images."""
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    variants = [r for r in records if r["Variant Price"] or r["Variant SKU"] or r["Option1 Value"]]
    return len(records), len(variants), len({r["Handle"] for r in variants})


@pytest.mark.parametrize(("source", "records", "variants", "products"), [
    (f"{PARTNERS}/apparel.csv", 22, 22, 20),            # classic-varsity-top: Small, Medium, Large
    (f"{PARTNERS}/home-and-garden.csv", 21, 21, 20),    # clay-plant-pot: Regular, Large
    (f"{PARTNERS}/jewelery.csv", 41, 23, 20),           # 18 image rows; 3 products with 2 colours
    ("shopify_products_Las-Lira/products_export_1.csv", 407, 226, 143),  # 181 image rows
])
def test_shopify_products_keep_every_variant(root: Path, source: str, records: int, variants: int,
                                             products: int) -> None:
    assert _variants_by_hand(REALDATA / source) == (records, variants, products)
    name = Path(source).name
    _copy(root, (source, f"shopify/{name}"))
    run(root)
    report = file_report(root, name, "products")
    assert (report["source"], report["rows_read"], report["rows_written"], report["rows_rejected"]) == (
        "shopify_products", variants, variants, 0)
    assert any(f"{records - variants} image-only rows" in n for n in report["notes"])
    assert len(table(root, "products")) == variants
    assert_reconciles(root)


def test_las_lira_costs_prices_and_shared_skus(root: Path) -> None:
    _copy(root, ("shopify_products_Las-Lira/products_export_1.csv", "shopify/products_export_1.csv"))
    run(root)
    products = table(root, "products").set_index("sku")
    assert products["unit_cost"].notna().sum() == 11        # Cost per item filled on 11 variants
    assert products["list_price"].isna().sum() == 4         # priced 0: a test product and a draft's 3 sizes
    assert products.loc["F119", ["product_name", "list_price"]].tolist() == ["Rodón Colores - L 60 x 60 cms",
                                                                          150000.0]
    # F118 is the SKU of Rodón Colores S and M: neither is keyed by it.
    assert "F118" not in products.index and "name:rodón colores - s 42 x 42 cms" in products.index
    notes = file_report(root, "products_export_1.csv", "products")["notes"]
    assert any("30 variants share a SKU with another variant" in n for n in notes)


def test_shopify_orders_forezia_all_orders_and_lines(root: Path) -> None:
    _copy(root, ("shopify_orders_forezia-mock-data/orders_export.csv", "shopify/orders_export.csv"))
    run(root)
    orders, lines = table(root, "orders"), table(root, "order_lines")
    assert (len(orders), len(lines)) == (19, 40) and len(rejected(root)) == 0
    # #1013 is pending (Net 7 payment terms, nothing paid yet): kept, counted apart, paid 0.
    assert orders["status"].value_counts().to_dict() == {"shipped": 15, "paid": 3, "pending": 1}
    pending = orders.set_index("order_id").loc["#1013"]
    assert (pending["paid_amount"], pd.isna(pending["paid_at"])) == (0.0, True)
    # Paid orders: the lines add up to the order (gift cards included: 10 + 24.95 + 600 + 1025).
    assert orders.set_index("order_id").loc["#1001", ["items_amount", "paid_amount"]].tolist() == [1659.95, 1659.95]
    assert lines["sku"].str.startswith("name:").sum() == 38  # SKU mostly empty: keyed by Lineitem name
    report = file_report(root, "orders_export.csv", "orders")
    assert report["currency"] == "EUR"
    assert any("amounts in EUR" in n for n in report["notes"])
    assert any("1 not paid yet (pending)" in n and "19 draft orders" in n for n in report["notes"])
    assert any("17 gift card lines" in n for n in file_report(root, "orders_export.csv", "order_lines")["notes"])
    # No product catalogue was given: every line is kept and counted as not in it.
    assert manifest(root)["tables"]["order_lines"]["unknown_references"] == {"sku": 40}
    assert_reconciles(root)


def test_a_ga4_reports_snapshot_gives_its_days_users_as_visitors(root: Path) -> None:
    """The Reports snapshot download's first table, 'Nth day, Users' over 24 Apr – 21 May 2023, is
    each day's Users: GA4's reports name its Active users so (not a total over the period; its
    'How are active users trending?' table's '1 day' column is the same, day by day). Read as the
    web platform's de-duplicated days (channel and device 'all'), the file saying which users
    they are and which of its tables were not read (before: ingest stopped, 'no Total users or
    Active users column')."""
    _copy(root, ("ga4_exports_LilyHeAsamiko-GA4/data-export.csv", "ga4/data-export.csv"))
    path = REALDATA / "ga4_exports_LilyHeAsamiko-GA4" / "data-export.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("Nth day,Users")
    by_hand = dict(line.split(",") for line in lines[start + 1:lines.index("", start)])
    trend = lines.index("Nth day,30 days,7 days,1 day")
    one_day = {line.split(",")[0]: line.split(",")[3] for line in lines[trend + 1:lines.index("", trend)]}
    assert by_hand == one_day and len(by_hand) == 28               # Users = that day's active users
    run(root)
    report = file_report(root, "data-export.csv", "traffic")
    assert (report["rows_read"], report["rows_written"], report["rows_rejected"]) == (28, 28, 0)
    assert any("'Users', GA4's name in its reports for Active users" in n for n in report["notes"])
    assert any("14 more table(s) after this one, not read" in n for n in report["notes"])
    traffic = table(root, "traffic").sort_values("visited_on", ignore_index=True)
    assert set(traffic["channel"]) == {"all"} and set(traffic["device"]) == {"all"} and set(traffic["platform"]) == {"web"}
    days = pd.to_datetime(traffic["visited_on"]).dt.strftime("%Y-%m-%d").tolist()
    expected = pd.date_range("2023-04-24", periods=28).strftime("%Y-%m-%d").tolist()
    assert days == expected and traffic["period_end_on"].isna().all()
    assert traffic["visitors"].tolist() == [int(by_hand[f"{k:04d}"]) for k in range(28)]
    assert traffic["buyers"].isna().all()                          # not in the report: unknown, not 0


@pytest.mark.parametrize(("name", "tables"), [
    # Each table with the line of its header and what it lacks to be traffic.
    ("download.csv, row 7", "holds 1 table(s) and none is traffic by day: 'App-instance ID, Stream name, Namespace "
                            "ID, Event count, Sessions, Purchase revenue, Transactions, Conversions, Total users' "
                            "(line 7, 4 rows: no Date or Nth day column)"),
])
def test_ga4_downloads_stop_with_what_they_hold(root: Path, name: str, tables: str) -> None:
    _copy(root, (f"ga4_exports_LilyHeAsamiko-GA4/{name.split(',')[0]}", f"ga4/{name.split(',')[0]}"))
    with pytest.raises(IngestError) as err:
        run(root)
    message = str(err.value)
    assert f"ga4/{name}: this GA4 download {tables}" in message
    assert "Traffic acquisition" in message and "Traceback" not in message
