"""Shopify orders and products exports, with the quirks Shopify writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from storebook.engine.config import Config
from storebook.engine.identity import identify
from storebook.ingest.wording import say_reason
from storebook.report.text import Text
from support.sources import (
    EN,
    FIXTURES,
    assert_reconciles,
    file_report,
    manifest,
    processed_bytes,
    processed_digest,
    raw_state,
    rejected,
    run,
    shopify_orders,
    table,
    with_exports,
)


@pytest.fixture
def shop(root: Path) -> Path:
    return with_exports(root, "shopify", products=False)


def test_orders_export_gives_orders_and_lines(shop: Path) -> None:
    report = run(shop)
    orders = table(shop, "orders").set_index("order_id")
    first = orders.loc["#1001"]
    # Order-level columns come from the first row; the second row left them blank.
    assert first["platform"] == "web" and first["status"] == "completed"
    assert first["coupon_code"] == "SPRING10" and first["promo_id"] == "P1"
    assert (first["channel"], first["device"], first["province"]) == ("paid_search", "mobile", "浙江")
    # 04:00 at +0200 is 10:00 in Shanghai; naive local time out.
    assert first["ordered_at"] == pd.Timestamp("2025-03-02 10:00:00")
    assert first["paid_at"] == pd.Timestamp("2025-03-02 10:01:30")
    assert (first["items_amount"], first["discount_amount"], first["shipping_amount"], first["paid_amount"]) == (
        207.0, 10.0, 10.0, 207.0)
    lines = table(shop, "order_lines")
    one = lines[lines["order_id"] == "#1001"].sort_values("line_no")
    # The leading apostrophe that protects '4001 from Excel is gone.
    assert one["sku"].tolist() == ["4001", "C-S"] and one["line_no"].tolist() == [1, 2]
    assert one["line_amount"].tolist() == [108.0, 89.0]
    # The multi-line quoted note did not split the row: #1002 is the file's 4th row.
    lines_report = file_report(shop, "orders_export_1.csv", "order_lines")
    assert lines_report["rows_read"] == 7
    assert {f.source for f in report.files if "shopify" in f.path} == {"shopify_orders", "shopify_products"}
    assert_reconciles(shop)


def test_store_timezone_comes_from_the_config(shop: Path) -> None:
    (shop / "storebook.local.toml").write_text('[store]\ntimezone = "Europe/Berlin"\n', encoding="utf-8")
    run(shop)
    orders = table(shop, "orders").set_index("order_id")
    assert orders.loc["#1001", "ordered_at"] == pd.Timestamp("2025-03-02 03:00:00")  # CET = +0100
    assert orders.loc["#1005", "ordered_at"] == pd.Timestamp("2025-03-06 05:30:00")  # from -0500


def test_voided_refunded_pending_and_taxes(shop: Path) -> None:
    run(shop)
    orders = table(shop, "orders").set_index("order_id")
    assert orders.loc["#1002", "status"] == "cancelled" and orders.loc["#1002", "paid_amount"] == 0
    assert pd.isna(orders.loc["#1002", "paid_at"])
    assert orders.loc["#1003", ["status", "refund_amount", "channel"]].tolist() == ["refunded", 89.0, "social"]
    # Taxes added on top of prices: the buyer paid them; booked as the order's adjustment.
    assert orders.loc["#1006", ["paid_amount", "adjustment_amount", "adjustment_reason", "channel", "device"]
                      ].tolist() == [141.9, pytest.approx(12.9), "tax", "email", "mobile"]
    assert orders.loc["#1007", ["status", "channel", "province"]].tolist() == ["shipped", "referral", "北京"]
    # A pending order is not paid yet: kept as pending (the payment rate needs it), with its line.
    assert orders.loc["#1004", ["status", "paid_amount"]].tolist() == ["pending", 0.0]
    assert pd.isna(orders.loc["#1004", "paid_at"])
    assert "#1004" in table(shop, "order_lines")["order_id"].tolist()
    # The one order rejected is the copy of #1005 in the older of two overlapping exports.
    assert rejected(shop, "orders")["reason"].str.startswith("superseded: order_id=#1005").tolist() == [True]
    assert_reconciles(shop)


def test_overlapping_exports_newest_wins(shop: Path) -> None:
    run(shop)
    orders = table(shop, "orders").set_index("order_id")
    # #1005 was partially refunded in export 1 and refunded in full in the later export 2.
    assert orders.loc["#1005", ["status", "refund_amount"]].tolist() == ["refunded", 177.0]
    assert orders.loc["#1005", "customer_id"].startswith("c_")  # identified by phone, hashed
    rej = rejected(shop)
    superseded = rej[rej["reason"].str.startswith("superseded")]
    assert set(superseded["table"]) == {"orders", "order_lines"}
    assert set(superseded["source_file"]) == {"data/raw/shopify/orders_export_1.csv"}
    assert "orders_export_2.csv" in superseded["reason"].iloc[0]
    assert_reconciles(shop)


def test_newest_wins_whatever_the_file_names(shop: Path) -> None:
    raw = shop / "data" / "raw" / "shopify"
    (raw / "orders_export_2.csv").rename(raw / "orders_export_0.csv")  # the newer file now sorts first
    run(shop)
    assert table(shop, "orders").set_index("order_id").loc["#1005", "refund_amount"] == 177.0
    assert set(rejected(shop)["source_file"]) >= {"data/raw/shopify/orders_export_1.csv"}


def test_personal_data_never_reaches_processed(shop: Path) -> None:
    run(shop)
    blob = processed_bytes(shop)
    for secret in ("example.com", "Buyer.One", "buyer.one", "8613800000005", "Test Buyer", "示例路", "310000",
                   "Please call", "c1234"):
        assert secret.encode() not in blob, secret
    report = file_report(shop, "orders_export_1.csv", "orders")
    assert "<personal data>" in report["dropped_columns"] and "Email" not in report["dropped_columns"]
    assert any("newest export wins" in n for n in report["notes"])


def test_products_export(shop: Path) -> None:
    run(shop)
    products = table(shop, "products").set_index("sku")
    # Image-only rows are not products; variants are; product columns come from the first row.
    assert sorted(products.index) == ["4001", "C-L", "C-S", "M-1"]
    assert products.loc["C-L", ["product_name", "brand", "category", "supplier_id"]].tolist() == [
        "Scented candle - Large", "Lumen", "decor", "S2"]
    # Compare-at price is the list price; tags give supplier and launch date; archived = inactive.
    assert products.loc["4001", ["list_price", "supplier_id"]].tolist() == [69.0, "S1"]
    assert str(products.loc["4001", "launched_on"])[:10] == "2024-01-01"
    assert not products.loc["M-1", "is_active"] and products.loc["C-S", "is_active"]
    notes = file_report(shop, "products_export_1.csv", "products")["notes"]
    assert any("1 image-only rows" in n for n in notes)


@pytest.mark.parametrize("folders", [("shopify",), ("tmall",), ("jd", "ga4"), ("tmall_report", "tmall_period"),
                                     ("shopify_layouts",)])
def test_every_adapter_keeps_the_guarantees(root: Path, folders: tuple[str, ...]) -> None:
    """read = written + rejected per file; same raw → identical tables; raw untouched."""
    with_exports(root, *folders, products="shopify" not in folders)
    before = raw_state(root)
    run(root)
    digest = processed_digest(root)
    assert run(root).skipped
    run(root, force=True)
    assert processed_digest(root) == digest
    assert raw_state(root) == before
    assert_reconciles(root)


def test_fixture_files_are_anonymous() -> None:
    for path in FIXTURES.rglob("*.csv"):
        data = path.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        emails = [w for w in text.replace(",", " ").split() if "@" in w]
        assert all(e.split("@")[-1].lower().startswith("example.com") for e in emails), (path, emails)


def test_newest_wins_from_the_parse_cache_too(shop: Path) -> None:
    run(shop)
    before = table(shop, "orders")
    # Another file changes: the Shopify exports come from the parse cache, with their versions.
    path = shop / "data/raw/promotions/promotions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Spring towels", "Spring towels 2"), encoding="utf-8")
    report = run(shop)
    assert {f.cached for f in report.files if "shopify" in f.path} == {True}
    pd.testing.assert_frame_equal(table(shop, "orders"), before)
    assert rejected(shop)["reason"].str.startswith("superseded").sum() == 2


def _awkward_export() -> str:
    """A hand-made orders export with the cells that trip parsers (see the test below)."""
    import csv
    import io

    from storebook.ingest.sources.shopify import ORDER_COLUMNS

    def row(**cells: str) -> list[str]:
        return [cells.get(c.replace(" ", "_"), "") for c in ORDER_COLUMNS]

    first = dict(Name="#2001", Email="  Buyer.Two@Example.com ", Financial_Status="paid",
                 Paid_at="2025-03-02 04:01:30 +0200", Fulfillment_Status="fulfilled", Currency="CNY",
                 Subtotal="1,477.00", Shipping="0.00", Taxes="0.00", Total=" ￥1,477.00 ",
                 Discount_Amount="0.00", Created_at="2025-03-02 04:00:00 +0200", Lineitem_quantity="1",
                 Lineitem_price="1,299.00", Lineitem_sku="'4001", Lineitem_discount="0.00",
                 Note_Attributes="utm_source: weibo\r\ndevice: Desktop\n", Tags="  promo:P1 , delivered ",
                 Shipping_Province_Name="浙江省", Notes='Ring twice, "please"')
    second = dict(Name="#2001", Lineitem_quantity="2", Lineitem_price="89.00", Lineitem_sku='="C-S"')
    pending = dict(Name="#2002", Email="three@example.com", Financial_Status="pending", Currency="CNY",
                   Subtotal="59.00", Total="59.00", Created_at="2025-03-05 11:00:00 +0800",
                   Lineitem_quantity="1", Lineitem_price="59.00", Lineitem_sku="'4001",
                   Shipping_Province_Name="Jiangsu")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(ORDER_COLUMNS)
    writer.writerows([row(**first), row(**second), row(), row(**pending), row()])
    return buf.getvalue() + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_awkward_orders_export(root: Path, encoding: str) -> None:
    """Quoted commas and line breaks, leading apostrophes and ="..." ids, padded values,
    a currency sign, blank rows between and after the orders, in UTF-8, with a BOM or GBK:
    read by Arrow's CSV reader, with the values (and row numbers) of the Python reader."""
    from storebook.ingest.sources.readers import grid_frame, read_grid, read_grid_table
    from storebook.ingest.sources.shopify import ShopifyOrders

    shop = with_exports(root, products=True)
    path = shop / "data/raw/shopify/orders_export_9.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(_awkward_export().encode(encoding))
    source = ShopifyOrders()
    fast = read_grid_table(path, source.header_index, source._canon)
    assert fast is not None  # the fast path read it
    rows, used = read_grid(path)
    slow = grid_frame(path, rows, 0, used)
    pd.testing.assert_frame_equal(fast[0].frame, slow.frame, check_exact=True)
    assert fast[0].rows.tolist() == slow.rows.tolist() == [2, 3, 5]  # a record, not a line, is a row

    run(shop)
    orders = table(shop, "orders").set_index("order_id")
    one = orders.loc["#2001"]
    assert (one["status"], one["channel"], one["device"], one["province"], one["promo_id"]) == (
        "completed", "social", "pc", "浙江", "P1")
    assert one["ordered_at"] == pd.Timestamp("2025-03-02 10:00:00")
    assert (one["items_amount"], one["discount_amount"], one["paid_amount"]) == (1477.0, 0.0, 1477.0)
    lines = table(shop, "order_lines").sort_values(["order_id", "line_no"])
    assert lines["sku"].tolist() == ["4001", "C-S", "4001"]  # #2002's line goes with its order
    assert lines["unit_price"].tolist() == [1299.0, 89.0, 59.0]
    assert lines["line_amount"].tolist() == [1299.0, 178.0, 59.0]
    # The pending order is kept, unpaid, as Shopify counts it.
    assert orders.loc["#2002", ["status", "paid_amount"]].tolist() == ["pending", 0.0]
    assert rejected(shop, "orders").empty
    expected_encoding = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gbk": "gb18030"}[encoding]
    assert file_report(shop, "orders_export_9.csv", "orders")["encoding"] == expected_encoding
    assert_reconciles(shop)


@pytest.mark.parametrize(("created", "reason"), [
    ("9999-12-31 23:59:59 -1200", "'ordered_at' is not a date"),  # past year 9999 in UTC and in store time
    ("0000-01-01 00:00:00 +0000", "'ordered_at' is out of range: a date from 1900-01-01 to 9999-12-31"),
    ("1500-01-01 00:00:00 +0800", "'ordered_at' is out of range: a date from 1900-01-01 to 9999-12-31"),
])
def test_an_order_dated_outside_the_calendar_is_rejected_not_a_crash(root: Path, created: str, reason: str) -> None:
    """The export's newest time (its version), the zone evidence and the recorded spans all met
    such a date before its row was rejected, and each stopped the ingest with a traceback."""
    import csv
    import io

    from storebook.ingest.sources.shopify import ORDER_COLUMNS

    def row(**cells: str) -> list[str]:
        return [cells.get(c.replace(" ", "_"), "") for c in ORDER_COLUMNS]

    good = dict(Name="#1", Email="a@example.com", Financial_Status="paid", Currency="CNY", Subtotal="59.00",
                Total="59.00", Created_at="2025-03-05 11:00:00 +0800", Lineitem_quantity="1",
                Lineitem_price="59.00", Lineitem_sku="4001")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows([ORDER_COLUMNS, row(**good), row(**{**good, "Name": "#2", "Created_at": created})])
    shop = with_exports(root, products=True)
    path = shop / "data/raw/shopify/orders_export_9.csv"
    path.parent.mkdir(parents=True)
    path.write_text(buf.getvalue(), encoding="utf-8")
    run(shop)
    assert table(shop, "orders")["order_id"].tolist() == ["#1"]
    why = rejected(shop, "orders")
    assert why["reason"].str.startswith(reason).tolist() == [True]
    assert manifest(shop)["tables"]["orders"]["span"] == ["2025-03-05", "2025-03-05"]
    assert_reconciles(shop)


# ----------------------------------------------------------------------------- layouts of other years

@pytest.fixture
def layouts(root: Path) -> Path:
    return with_exports(root, "shopify_layouts", products=False)


def test_older_and_minimal_orders_exports(layouts: Path) -> None:
    run(layouts)
    orders = table(layouts, "orders").set_index("order_id")
    # 2016: no Lineitem sku, no Province Name, Payment Terms, Tax N … columns; 'Created At' in another case.
    assert orders.loc["#2001", ["status", "paid_amount", "items_amount", "province"]].tolist() == [
        "shipped", 120.0, 120.0, "CA"]
    assert orders.loc["#2001", "ordered_at"] == pd.Timestamp("2016-04-03 01:00:00")  # -0700 → Shanghai
    assert orders.loc["#2002", ["status", "paid_amount"]].tolist() == ["pending", 0.0]
    assert pd.isna(orders.loc["#2002", "province"])  # a GB address without a province: unknown, kept
    assert orders.loc["#2003", "status"] == "cancelled"
    # Minimal (a shop's own script): no Paid at, no Subtotal, no Total, 'Lineitem SKU'.
    assert orders.loc["#3001", ["status", "paid_amount", "items_amount", "discount_amount"]].tolist() == [
        "paid", 95.0, 95.0, 0.0]
    assert orders.loc["#3001", "paid_at"] == orders.loc["#3001", "ordered_at"]
    assert orders.loc["#3002", ["status", "paid_amount"]].tolist() == ["pending", 0.0]
    lines = table(layouts, "order_lines")
    assert lines.loc[lines["order_id"] == "#3001", "sku"].tolist() == ["SH-1", "SH-2"]
    minimal = file_report(layouts, "orders_export_minimal.csv", "orders")
    assert minimal["currency"] == "GBP" and file_report(layouts, "orders_export_2016.csv", "orders")["currency"] == "USD"
    assert any("no Paid at column: a paid order's paid_at = its Created at" in n for n in minimal["notes"])
    assert any("no Total column" in n for n in minimal["notes"])
    assert len(rejected(layouts)) == 0
    assert_reconciles(layouts)


def test_products_variants_without_sku_meet_their_order_lines(layouts: Path) -> None:
    run(layouts)
    products = table(layouts, "products").set_index("sku")
    # 2019 layout: no SKUs, no Status, no Cost per item; the variant's continuation rows carry
    # only Handle, option value and price: the product's title and vendor are filled down.
    assert products.loc["name:classic varsity top - medium", ["product_name", "brand", "list_price"]].tolist() == [
        "Classic Varsity Top - Medium", "partners-demo", 60.0]
    assert products.loc["name:yellow wool jumper", ["list_price", "is_active"]].tolist() == [95.0, False]
    assert products.loc["name:ocean blue shirt", "is_active"] and pd.isna(products.loc["name:ocean blue shirt",
                                                                                      "unit_cost"])
    # The 2016 orders export names its lines only: they key to the same products.
    refs = manifest(layouts)["tables"]["order_lines"]["unknown_references"]
    assert refs == {"sku": 3}  # SH-1 and SH-2 (twice) of the minimal export, no 2016 line
    lines = table(layouts, "order_lines")
    assert set(lines.loc[lines["order_id"] == "#2001", "sku"]) <= set(products.index)


def test_products_export_current_layout(layouts: Path) -> None:
    run(layouts)
    products = table(layouts, "products").set_index("sku")
    report = file_report(layouts, "shopify_layouts/products_export_1.csv", "products")
    assert (report["rows_read"], report["rows_written"]) == (6, 6)
    # CLP prices without decimals; a Spanish option name; cost on one variant only, kept whole.
    assert products.loc["F201", ["product_name", "list_price", "unit_cost", "category"]].tolist() == [
        "Matero Dolce - Chico 35 x 35", 66000.0, 31000.0, "Maceteros"]
    assert products.loc["F202", "product_name"] == "Matero Dolce - Mediano 42 x 42"
    assert pd.isna(products.loc["F202", "unit_cost"])
    # F137 is the SKU of two products (a copy): it identifies neither, both are keyed by name.
    assert "F137" not in products.index
    assert products.loc["name:velvet", "list_price"] == 165000.0 and "name:red charm" in products.index
    # A draft priced 0 has no price yet: kept, list_price unknown.
    assert pd.isna(products.loc["name:cerámica volcano - s", "list_price"])
    notes = report["notes"]
    assert any("2 variants share a SKU with another variant (F137)" in n for n in notes)
    assert any("1 image-only rows" in n for n in notes)
    assert any("unit cost (Cost per item) known for 1 of 6 variants" in n for n in notes)


def test_image_only_lines_are_counted_beside_the_rows_read(shop: Path) -> None:
    """A products export's image-only lines are no products: not rows read, yet counted, so that
    the file's lines reconcile (the real Las-Lira export: 407 = 226 + 181, where the pack said
    'rows read 226' and only a note told of the rest)."""
    summary = run(shop).summary(EN)
    report = file_report(shop, "products_export_1.csv", "products")
    records = len(pd.read_csv(shop / "data" / "raw" / "shopify" / "products_export_1.csv", dtype=str))
    assert (records, report["rows_read"], report["rows_folded"], report["folded_kind"]) == (5, 4, 1, "image_only")
    assert ("data/raw/shopify/products_export_1.csv: 5 lines = 4 rows read (products) + 1 image-only lines "
            "(a product's extra images), folded into the row they continue") in summary
    assert file_report(shop, "orders_export_1.csv", "orders")["rows_folded"] == 0


def test_a_products_export_without_a_currency_beside_orders_in_one_is_warned_of(shop: Path) -> None:
    """The orders exports state CNY (their Currency column), the products export states none: its
    prices are read as CNY, and ingest says which file is which and what to do; nothing is
    converted or rejected."""
    summary = run(shop).summary(EN)
    found = manifest(shop)["currencies"]
    assert found["kind"] == "unstated" and found["currencies"] == ["CNY"]
    assert [u["path"] for u in found["unstated"]] == ["data/raw/shopify/products_export_1.csv"]
    assert {s["column"] for s in found["stated"]} == {"Currency"}
    warning = next(line for line in summary.splitlines() if line.startswith("warning:"))
    assert warning.startswith("warning: No currency is stated in data/raw/shopify/products_export_1.csv, while "
                              "2 files from data/raw/shopify/orders_export_1.csv to …_2.csv are in CNY (column Currency)")
    assert "read as CNY" in warning and "No row was rejected" in warning
    assert manifest(shop)["tables"]["products"]["rejected"] == 0
    assert warning in run(shop).summary(EN).splitlines()  # said again while nothing changed (ingest skipped)


def test_exports_in_two_currencies_are_warned_of(shop: Path) -> None:
    """Two orders exports in different currencies: a warning naming each file, its currency and
    column; the amounts stay as exported (no conversion, no row rejected)."""
    usd = shop / "data" / "raw" / "shopify" / "orders_export_2.csv"
    usd.write_text(usd.read_text(encoding="utf-8").replace(",CNY,", ",USD,"), encoding="utf-8")
    summary = run(shop).summary(EN)
    found = manifest(shop)["currencies"]
    assert found["kind"] == "differ" and sorted(found["currencies"]) == ["CNY", "USD"]
    warning = next(line for line in summary.splitlines() if line.startswith("warning:"))
    assert warning.startswith("warning: The files state different currencies: ")
    assert "data/raw/shopify/orders_export_2.csv is in USD (column Currency)" in warning
    assert "data/raw/shopify/orders_export_1.csv is in CNY (column Currency)" in warning
    # The products export states none beside them: said among them, as before.
    assert "no currency is stated in data/raw/shopify/products_export_1.csv" in warning
    assert_reconciles(shop)


def test_the_summary_speaks_the_catalogues_words(shop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folded lines' kind and the currency warning are the message catalogue's (the data-quality
    page's) wording, defined once: changed there, the ingest summary says the change."""
    from storebook.report.text import CATALOGUE

    monkeypatch.setitem(CATALOGUE, "data_quality.folded.image_only", {"en": "PICTURE LINES", "zh": "图"})
    monkeypatch.setitem(CATALOGUE, "data_quality.ingest.currency.unstated",
                        {"en": "NONE IN {unstated} BESIDE {stated}, READ AS {currency}", "zh": "{unstated}{stated}{currency}"})
    summary = run(shop).summary(EN)
    assert "products_export_1.csv: 5 lines = 4 rows read (products) + 1 PICTURE LINES, folded into" in summary
    assert ("warning: NONE IN data/raw/shopify/products_export_1.csv BESIDE 2 files from "
            "data/raw/shopify/orders_export_1.csv to …_2.csv are in CNY (column Currency), READ AS CNY"
            ) in summary.splitlines()


def test_a_months_exports_in_one_currency_are_warned_of_as_one_group(root: Path) -> None:
    """A shop that exports its orders month by month: twelve files in CNY beside a products export
    that states none. The warning named each file with its currency and column, twelve times in
    one line; now it says how many files, the first and the last (numbers in names in their
    order: _9 before _10), once per currency and column, in English and 中文."""
    import csv
    import io
    import shutil

    from storebook.ingest.sources.shopify import ORDER_COLUMNS

    shop = with_exports(root, products=False)
    folder = shop / "data" / "raw" / "shopify"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "shopify" / "products_export_1.csv", folder)
    for month in range(1, 13):
        cells = {"Name": f"#{1000 + month}", "Financial Status": "paid", "Currency": "CNY", "Subtotal": "20.00",
                 "Shipping": "0.00", "Taxes": "0.00", "Total": "20.00", "Discount Amount": "0.00",
                 "Created at": f"2025-{month:02d}-02 10:00:00 +0800", "Paid at": f"2025-{month:02d}-02 10:01:00 +0800",
                 "Lineitem quantity": "1", "Lineitem price": "20.00", "Lineitem sku": "4001", "Lineitem discount": "0.00"}
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerows([ORDER_COLUMNS, [cells.get(c, "") for c in ORDER_COLUMNS]])
        (folder / f"orders_export_{month}.csv").write_text(buf.getvalue(), encoding="utf-8")
    report = run(shop)
    assert len(manifest(shop)["currencies"]["stated"]) == 12  # the premise: each file states CNY
    [en] = [line for line in report.summary(EN).splitlines() if line.startswith("warning: No currency")]
    assert en.startswith("warning: No currency is stated in data/raw/shopify/products_export_1.csv, while 12 files from "
                         "data/raw/shopify/orders_export_1.csv to …_12.csv are in CNY (column Currency): the amounts "
                         "there are read as CNY.")
    [zh] = [line for line in report.summary(Text("zh")).splitlines() if "未标明币种" in line]
    assert zh.startswith("警告：data/raw/shopify/products_export_1.csv 未标明币种，而 12 个文件（"
                         "data/raw/shopify/orders_export_1.csv 至 …_12.csv）标明为 CNY（字段 Currency）：其金额按 CNY 读取。")
    assert "orders_export_2.csv" not in en + zh


def test_one_export_in_two_currencies_is_warned_of_with_each_ones_rows(shop: Path) -> None:
    """One orders export whose Currency column states CNY on four orders and USD on two: its sums
    would add yuan and dollars. Files that differ from each other were warned of, a file that
    differs within itself was not; now the summary and the data-quality page name the file, the
    column, each currency's rows and what to do (nothing converted, no row rejected)."""
    from storebook.areas import quality

    export = shop / "data" / "raw" / "shopify" / "orders_export_1.csv"
    text = export.read_text(encoding="utf-8")
    for name in ("#1002", "#1003"):  # each order's first (and only) row states its currency
        line = next(x for x in text.splitlines() if x.startswith(f"{name},"))
        text = text.replace(line, line.replace(",CNY,", ",USD,"))
    export.write_text(text, encoding="utf-8")
    summary = run(shop).summary(EN)
    found = manifest(shop)["currencies"]
    assert found["mixed"] == [{"path": "data/raw/shopify/orders_export_1.csv", "column": "Currency",
                               "rows": {"CNY": 4, "USD": 2}}]
    assert file_report(shop, "orders_export_1.csv", "orders")["currency"] is None  # it states no one currency
    warning = next(line for line in summary.splitlines() if line.startswith("warning: Currencies are mixed"))
    assert warning.startswith("warning: Currencies are mixed within a file: data/raw/shopify/orders_export_1.csv "
                              "(column Currency): 4 rows in CNY and 2 rows in USD. Amounts are summed across rows")
    assert "mean nothing" in warning and "No row was rejected" in warning
    # Every order kept (#1005, in both exports, is rejected once as superseded, as without USD).
    assert len(table(shop, "orders")) == 7 and not rejected(shop)["reason"].str.contains("currenc", case=False).any()
    wb = _Manifest(manifest(shop))
    zh = quality.mixed_currency_facts(wb, Text("zh"))
    assert Text("zh")("data_quality.ingest.mixed_currency", **zh).startswith(
        "同一文件内混有多个币种：data/raw/shopify/orders_export_1.csv（字段 Currency）：CNY 4 行、USD 2 行。")
    assert_reconciles(shop)


class _Manifest:
    """A workbook as far as the data-quality page's currency facts read it: its ingest record."""

    def __init__(self, manifest: dict) -> None:
        self.manifest = manifest

    def ingest_manifest(self) -> dict:
        return self.manifest


def test_currency_values_that_are_no_codes_reject_their_orders_and_are_warned_of(root: Path) -> None:
    """A Currency column holding a sign, a word or a typo ($, Yuan, UDS) leaves those orders' amounts
    in a currency storebook cannot tell: kept, the yuan would be summed as dollars, so each order and
    its lines are rejected with the column, the value and what to do (on main they were kept). An
    empty Currency states none and rejects nothing. The file's currency is the one its codes state,
    and the summary names each value's file, first row and column, what was expected and what to
    do, in English and 中文. `$` was a currency of its own before the last session."""
    shop = shopify_orders(root, [dict(Name="#1", Currency="USD"), dict(Name="#2", Currency="$"),
                                 dict(Name="#3", Currency="Yuan"), dict(Name="#4", Currency="usd"),
                                 dict(Name="#5", Currency="UDS"), dict(Name="#6", Currency="$"),
                                 dict(Name="#7", Currency="")])
    report = run(shop)
    rep = file_report(shop, "orders_export_1.csv", "orders")
    assert (rep["currency"], rep["currency_rows"]) == ("USD", {"USD": 2})  # usd is USD
    # Rows 3 and 7 ($), 4 (Yuan), 6 (UDS): the header is row 1, order #1 row 2.
    assert rep["currency_unread"] == {"$": {"rows": 2, "row": 3}, "UDS": {"rows": 1, "row": 6},
                                      "Yuan": {"rows": 1, "row": 4}}
    assert manifest(shop)["store"]["currency"] == "USD" and "mixed" not in str(manifest(shop)["currencies"]["kind"])
    assert sorted(table(shop, "orders")["order_id"]) == ["#1", "#4", "#7"]
    assert sorted(table(shop, "order_lines")["order_id"]) == ["#1", "#4", "#7"]
    for name in ("orders", "order_lines"):
        rej = rejected(shop, name).sort_values("source_row")
        assert rej[["source_row", "column", "value"]].values.tolist() == [
            [3, "Currency", "$"], [4, "Currency", "Yuan"], [6, "Currency", "UDS"], [7, "Currency", "$"]]
        assert rej["reason"].iloc[1] == (
            "'Currency' = 'Yuan' is not a currency code (ISO 4217, such as USD, EUR or CNY, or an empty cell): the "
            "row's amounts are in a currency storebook cannot tell, and would be summed as another's; write the code "
            "in the export's column")
    assert (rep["rows_read"], rep["rows_written"], rep["rows_rejected"]) == (7, 3, 4)
    assert_reconciles(shop)
    file = "data/raw/shopify/orders_export_1.csv"
    warning = next(x for x in report.summary(EN).splitlines() if "not currency codes" in x)
    assert warning.startswith(f"warning: Currency values that are not currency codes: {file}, row 3, column Currency: "
                              f"'$' (2 rows); {file}, row 4, column Currency: 'Yuan' (1 row); {file}, row 6, column "
                              "Currency: 'UDS' (1 row). An ISO 4217 code (USD, EUR, CNY …) or an empty cell is expected.")
    assert "These rows were rejected" in warning and "storebook.sources.yaml" in warning
    zh = next(x for x in report.summary(Text("zh")).splitlines() if "币种字段中有不是币种代码的值" in x)
    assert f"币种字段中有不是币种代码的值：{file} 第 3 行，字段 Currency：'$'（共 2 行）" in zh
    assert "应为 ISO 4217 代码" in zh and "这些行已被拒收" in zh
    # The top reasons said in 中文 too (they were left in English), each currency value whole: 'Yuan'
    # and 'UDS' were one "'…'" that said neither.
    assert "拒收 order_lines：1 × 'Currency' = 'UDS' 不是币种代码（应为 ISO 4217 代码" in report.summary(Text("zh"))
    assert "拒收 orders：2 × 'Currency' = '$' 是多个币种共用的写法（USD, CAD" in report.summary(Text("zh"))


def test_a_currency_spelled_by_its_sign_is_read_as_its_code(root: Path) -> None:
    """A Shopify export whose Currency says R$ (or r$): the real's sign, no other currency's, so the
    orders are in BRL, none rejected, and the store's currency is BRL (on main each was rejected). A
    second export in USD: the summary names the first by its code."""
    shop = shopify_orders(root, [dict(Name="#1", Currency="R$"), dict(Name="#2", Currency="r$"),
                                 dict(Name="#3", Currency="")])
    run(shop)
    rep = file_report(shop, "orders_export_1.csv", "orders")
    assert (rep["currency"], rep["currency_rows"]) == ("BRL", {"BRL": 2})
    assert not rep.get("currency_unread")
    assert sorted(table(shop, "orders")["order_id"]) == ["#1", "#2", "#3"]
    assert rejected(shop, "orders").empty and rejected(shop, "order_lines").empty
    assert manifest(shop)["store"]["currency"] == "BRL"
    who = identify(Config.load(shop), manifest(shop))
    assert (who.currency, who.currency_stated) == ("BRL", True)
    assert_reconciles(shop)
    # The same orders in USD in a second export (#11 …): the files differ, each said by its code.
    first = shop / "data" / "raw" / "shopify" / "orders_export_1.csv"
    text = first.read_text(encoding="utf-8").replace(",R$,", ",USD,").replace(",r$,", ",USD,")
    (first.parent / "orders_export_2.csv").write_text(text.replace("#", "#1"), encoding="utf-8")
    warning = next(x for x in run(shop).summary(EN).splitlines() if x.startswith("warning:"))
    assert warning.startswith("warning: The files state different currencies: ")
    assert "data/raw/shopify/orders_export_1.csv is in BRL (column Currency)" in warning
    assert "data/raw/shopify/orders_export_2.csv is in USD (column Currency)" in warning


def test_a_sign_of_several_currencies_rejects_its_order_beside_one_read(root: Path) -> None:
    """$ (any dollar) and ¥ (the yuan or the yen) name no one currency: their orders are rejected with
    the reason, while R$ and BRL beside them are read as BRL (on main R$ was rejected too)."""
    shop = shopify_orders(root, [dict(Name="#1", Currency="R$"), dict(Name="#2", Currency="$"),
                                 dict(Name="#3", Currency="¥"), dict(Name="#4", Currency="BRL")])
    run(shop)
    rep = file_report(shop, "orders_export_1.csv", "orders")
    assert (rep["currency"], rep["currency_rows"]) == ("BRL", {"BRL": 2})
    assert rep["currency_unread"] == {"$": {"rows": 1, "row": 3}, "¥": {"rows": 1, "row": 4}}
    assert sorted(table(shop, "orders")["order_id"]) == ["#1", "#4"]
    for name in ("orders", "order_lines"):
        rej = rejected(shop, name).sort_values("source_row")
        assert rej[["source_row", "column", "value"]].values.tolist() == [[3, "Currency", "$"], [4, "Currency", "¥"]]
        # Each sign's reason names the currencies it may be and what to do; a Shopify export has no
        # `currency.values` (its Currency column is read as Shopify writes it, a code): the code goes
        # in the export's column, and no mapping line is offered.
        assert rej["reason"].tolist() == [
            f"'Currency' = '{sign}' is written for several currencies ({codes}) and names none of them: the row's "
            "amounts would be summed as another's; write the shop's code in the export's column"
            for sign, codes in (("$", "USD, CAD, AUD, NZD, HKD, SGD, MXN"), ("¥", "CNY, JPY"))]
        assert say_reason(rej["reason"].iloc[1], Text("zh")) == (
            "'Currency' = '¥' 是多个币种共用的写法（CNY, JPY），并不指明其中哪一个：采用则该行金额会被当作另一币种汇总；"
            "请在导出文件的该字段中写明本店的币种代码")
    assert_reconciles(shop)
