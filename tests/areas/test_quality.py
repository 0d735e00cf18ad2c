"""The data-quality page's numbers, on a small store whose every figure is counted by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

import storebook
from conftest import write_csv
from storebook.areas import quality
from storebook.engine.config import Config
from storebook.ingest import ingest
from storebook.report.text import Text

ORDER = {"platform": "web", "ordered_at": "2025-03-02 10:00:00", "paid_at": "2025-03-02 10:05:00", "status": "paid",
     "customer_id": "a@example.com", "channel": "direct", "device": "mobile", "province": "浙江",
     "items_amount": "100.00", "discount_amount": "0", "shipping_amount": "0", "paid_amount": "100.00"}


@pytest.fixture
def store(root: Path) -> storebook.Workbook:
    write_csv(root, "orders", "orders.csv", [
        {**ORDER, "order_id": "1"},
        {**ORDER, "order_id": "2", "customer_id": "", "province": ""},                       # a guest, no province
        {**ORDER, "order_id": "3", "paid_amount": "108.00"},                                  # tax on top: adjusted
        {**ORDER, "order_id": "4", "status": "pending", "paid_at": "", "paid_amount": "0"},   # not paid yet
        {**ORDER, "order_id": "5", "platform": "pinduoduo"},                                  # rejected: not configured
        {**ORDER, "order_id": "6", "ordered_at": "2025-02-27 10:00:00", "paid_at": "2025-02-27 10:01:00"},  # February
    ])
    write_csv(root, "order_lines", "lines.csv", [
        {"order_id": "1", "line_no": "1", "sku": "A1", "item_name": "", "quantity": "1", "unit_price": "60.00",
         "line_amount": "60.00"},
        {"order_id": "1", "line_no": "2", "sku": "ZZ", "item_name": "", "quantity": "1", "unit_price": "40.00",
         "line_amount": "40.00"},                                                         # not in the catalogue
        {"order_id": "2", "line_no": "1", "sku": "", "item_name": "Gift card", "quantity": "1", "unit_price": "100.00",
         "line_amount": "100.00"},                                                        # no SKU: keyed by name
        {"order_id": "3", "line_no": "1", "sku": "B1", "item_name": "", "quantity": "2", "unit_price": "50.00",
         "line_amount": "100.00"},                                                        # in the catalogue, no cost
        {"order_id": "9", "line_no": "1", "sku": "A1", "item_name": "", "quantity": "1", "unit_price": "1.00",
         "line_amount": "1.00"},                                                          # rejected: no such order
    ])
    write_csv(root, "products", "products.csv", [
        {"sku": "A1", "product_name": "Towel", "unit_cost": "20.00"},
        {"sku": "B1", "product_name": "Candle", "unit_cost": ""},
    ])
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    return storebook.open()


MARCH = storebook.engine.periods.month("2025-03")


def test_what_ingest_kept_and_rejected(store) -> None:
    got = quality.summarise_ingest(store).set_index("table")
    assert got.loc["orders", ["rows_read", "rows_written", "rows_rejected"]].tolist() == [6, 5, 1]
    # Kept with a SKU the catalogue lacks: ZZ, and the gift card keyed by its name.
    assert got.loc["order_lines", ["rows_read", "rows_written", "rows_rejected", "unknown_references"]].tolist() == [
        5, 4, 1, 2]
    assert got.loc["orders", "kept_share"] == pytest.approx(5 / 6)
    ranked = quality.rank_rejections(store)
    assert ranked["rows"].tolist() == [1, 1]
    platform = ranked[ranked["column"] == "platform"].iloc[0]
    # The only row of its kind: its reason whole, the platform to add named.
    assert platform["problem"] == platform_reason(store)
    assert "is not one of the workbook's platforms" in platform["problem"]
    assert (platform["example"], platform["example_row"]) == ("data/raw/orders/orders.csv", 6)
    assert platform["share"] == pytest.approx(1 / 6)


def platform_reason(wb) -> str:
    rejected = quality.read_rejected_rows(wb)
    return rejected.loc[rejected["column"] == "platform", "reason"].iloc[0]


def test_a_spaced_equals_sign_is_not_a_keys_value() -> None:
    # Olist's item price '29,99': the reason's kind read "'price' =…)", all of it after the '='
    # taken for a key's value up to the closing bracket.
    from storebook.areas.quality import reason_kind

    reason = ("'price' = '29,99' in olist_order_items_dataset.csv row 9 is not a number "
              "(`inputs: price` of source 'olist_items' in storebook.sources.yaml)")
    assert reason_kind(reason, "price") == ("'price' = '…' in olist_order_items_dataset.csv row … is not a number "
                                            "(`inputs: price` of source '…' in storebook.sources.yaml)")


def test_coverage_counts_the_months_rows_only(store) -> None:
    cov = quality.measure_coverage(store, MARCH).set_index(["table", "column"])
    # March: orders 1–4 (5 rejected, 6 is February); order 2 has no customer and no province.
    assert cov.loc[("orders", "province"), ["rows", "known"]].tolist() == [4, 3]
    assert cov.loc[("orders", "customer_id"), "known_share"] == pytest.approx(0.75)
    # Lines of March's orders: 4, all with a SKU (the gift card's is its name).
    assert cov.loc[("order_lines", "sku"), ["rows", "known"]].tolist() == [4, 4]
    assert cov.loc[("products", "unit_cost"), ["rows", "known", "scope"]].tolist() == [2, 1, "all"]
    labelled = quality.label_coverage(cov.reset_index(), Text("zh")).set_index(["table", "column"])
    # The table and the column by their reader names (col.unit_cost, the contract's Chinese).
    assert labelled.loc[("products", "unit_cost"), "field"] == "商品（products） · 单位成本"
    assert labelled["known_share"].is_monotonic_increasing  # least known first


def test_orders_and_lines_that_need_a_caveat(store) -> None:
    got = quality.measure_order_quality(store, MARCH).set_index("metric")
    assert got.loc[["placed", "paid", "pending", "guests", "adjusted"], "number"].tolist() == [4, 3, 1, 1, 1]
    assert got.loc["guests", "share"] == pytest.approx(1 / 3)          # of paid orders
    assert got.loc["pending", "share"] == pytest.approx(1 / 4)         # of orders placed
    # The gift card keyed by its name has no SKU: counted there, not also as a SKU the catalogue lacks (ZZ).
    assert got.loc[["lines", "lines_without_sku", "lines_not_in_catalogue"], "number"].tolist() == [4, 1, 1]
    assert got.loc["orders_without_lines", "number"] == 0  # each paid order has a line
    # Revenue 60 + 40 + 100 + 100 = 300; a known cost only for A1's 60.
    assert got.loc["revenue_cost_known", "share"] == pytest.approx(60 / 300)
    facts = quality.quality_facts(quality.summarise_ingest(store), quality.measure_coverage(store, MARCH),
                                  quality.measure_order_quality(store, MARCH))
    assert facts["worst_table"] == "order_lines" and facts["rows_rejected"] == 2
    # The sentence names it as a reader knows it, not by its code (order_lines).
    said = {lang: Text(lang)("data_quality.ingest.takeaway", **facts) for lang in ("en", "zh")}
    assert "the table with the most rejected is order lines (" in said["en"], said["en"]
    assert "拒收比例最高的是订单明细（order_lines），采用率" in said["zh"], said["zh"]
    record = quality.quality_record(facts, Text("en"))
    assert {e["key"]: e["value"] for e in record}["cost_known_revenue"] == pytest.approx(0.2)
    assert all(isinstance(e["value"], float) for e in record)  # the index's headline contract


def test_the_files_behind_the_tables(store) -> None:
    files = quality.list_files(store)
    assert set(files["path"]) == {"data/raw/orders/orders.csv", "data/raw/order_lines/lines.csv",
                                  "data/raw/products/products.csv"}
    assert quality.files_facts(files) == {"files": 3, "tables": 3}
    assert quality.list_not_read(store).empty  # nothing declared not read: no second table, the usual sentence
    assert quality.files_facts(files, quality.list_not_read(store)) == {"files": 3, "tables": 3}


def test_the_files_declared_not_read_are_named_with_why(root: Path) -> None:
    write_csv(root, "products", "products.csv", [{"sku": "A1", "unit_cost": ""}])
    (root / "data" / "raw" / "private").mkdir(parents=True)
    (root / "data" / "raw" / "private" / "people.csv").write_text("name,phone\nAnn,123\n", encoding="utf-8")
    (root / "storebook.sources.yaml").write_text(
        'not_read:\n  - files: "private/*.csv"\n    why: names and phones\n', encoding="utf-8")
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    wb = storebook.open()
    not_read = quality.list_not_read(wb)
    assert not_read.to_dict("records") == [{"path": "data/raw/private/people.csv", "why": "names and phones"}]
    facts = quality.files_facts(quality.list_files(wb), not_read)
    assert facts == {"files": 1, "tables": 1, "variant": "not_read", "not_read": 1}
    sentence = Text("en")("data_quality.files.takeaway.not_read", **{k: v for k, v in facts.items() if k != "variant"})
    assert sentence.startswith("1 file feeds 1 table; 1 more was left out")  # a count agrees with its noun


def test_a_store_without_orders_still_reports_what_it_has(root: Path) -> None:
    write_csv(root, "products", "products.csv", [{"sku": "A1", "unit_cost": ""}])
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    wb = storebook.open()
    cov = quality.measure_coverage(wb, MARCH)
    assert set(cov["table"]) == {"products"}
    with pytest.raises(storebook.NoDataError):
        quality.measure_order_quality(wb, MARCH)
    assert isinstance(quality.rank_rejections(wb), pd.DataFrame)


def test_a_paid_order_whose_lines_were_all_rejected_is_counted(root: Path) -> None:
    """Order 2's only line is rejected (quantity 0): the order stays in sales, and the page says
    that one paid order of two is in no figure by product. Pending order 3 has no line and is
    not counted: it is not paid."""
    write_csv(root, "orders", "orders.csv", [
        {**ORDER, "order_id": "1"}, {**ORDER, "order_id": "2"},
        {**ORDER, "order_id": "3", "status": "pending", "paid_at": "", "paid_amount": "0"},
    ])
    write_csv(root, "order_lines", "lines.csv", [
        {"order_id": "1", "line_no": "1", "sku": "A1", "quantity": "1", "unit_price": "100.00", "line_amount": "100.00"},
        {"order_id": "2", "line_no": "1", "sku": "A1", "quantity": "0", "unit_price": "100.00", "line_amount": "0"},
    ])
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    got = quality.measure_order_quality(storebook.open(), MARCH).set_index("metric")
    assert got.loc["orders_without_lines", ["number", "share"]].tolist() == [1.0, 0.5]
    assert got.loc["orders_without_lines", "of"] == "paid"
    assert Text("en")("metric.orders_without_lines") == "Paid orders without any order line"


def test_alike_rejections_group_into_one_reason_with_the_files_name_whole() -> None:
    # Amazon India's P&L price list, superseded by May-2022.csv: SKUs with spaces split the
    # reason into five rows ("sku=… - …BAG_L is also in …"), and the winning file read "May-…csv".
    from storebook.areas.quality import reason_kind

    reasons = [f"superseded: sku={sku} is also in the newer export data/raw/exports/May-2022.csv (as of 2022-05); "
               "the newest export wins"
               for sku in ("Os206_3141_S", "SET268-KR-NP-BAG_L", "AN201 reusable cotton mask - Pack of 3",
                           "SET 12 GEMS-2", "JNE CHECKS - 3 BAG_XL")]
    assert {reason_kind(r, "sku") for r in reasons} == {
        "superseded: sku=… is also in the newer export data/raw/exports/May-2022.csv (as of …); the newest export wins"}


def test_coverage_of_a_store_without_orders_is_not_said_of_its_orders() -> None:
    # The supply-chain order book (purchase orders and suppliers): the takeaway read "Province is
    # known for n/a of the month's orders, the channel for n/a and the customer for n/a".
    coverage = pd.DataFrame({"table": ["purchase_orders", "suppliers"], "column": ["received_on", "region"],
                             "rows": [9215, 7], "known": [0, 7], "known_share": [0.0, 1.0], "scope": ["month", "all"]})
    facts = quality.quality_facts(coverage=coverage)
    assert facts["variant"] == "no_orders"
    for language in ("en", "zh"):
        sentence = Text(language)("data_quality.coverage.takeaway.no_orders", **facts)
        assert "n/a" not in sentence and "未知" not in sentence
    with_orders = pd.concat([coverage, pd.DataFrame({"table": ["orders"], "column": ["province"], "rows": [4],
                                                     "known": [3], "known_share": [0.75], "scope": ["month"]})])
    facts = quality.quality_facts(coverage=with_orders)
    assert "variant" not in facts and facts["province_known"] == 0.75
def test_coverage_of_a_store_without_orders_names_its_own_columns_not_n_a() -> None:
    """A store of traffic and a catalogue (Tianchi's events): the sentence said "Province is known
    for n/a of the month's orders, the channel for n/a and the customer for n/a"; it says what is
    known of the tables the store has."""
    from storebook.report.text import Text

    coverage = pd.DataFrame({"table": ["products", "products", "traffic", "traffic"],
                             "column": ["product_name", "category", "buyers", "paid_amount"],
                             "rows": [10, 10, 6, 6], "known": [0, 10, 6, 3],
                             "known_share": [0.0, 1.0, 1.0, 0.5], "scope": ["all", "all", "month", "month"]})
    facts = quality.quality_facts(coverage=quality.label_coverage(coverage, Text("en")))
    assert (facts["variant"], facts["columns"], facts["unknown"], facts["least_field"]) == (
        "no_orders", 4, 1, "Products · Product")  # the column by its reader's name, as the chart labels it
    text = Text("en")("data_quality.coverage.takeaway.no_orders", **facts)
    assert "n/a" not in text and "empty in every row of its other tables: 1 of 4" in text
    zh = quality.quality_facts(coverage=quality.label_coverage(coverage, Text("zh")))
    assert zh["least_field"] == "商品（products） · 商品名称"


def test_the_kept_rows_sentence_says_how_many_were_rejected_in_both_languages() -> None:
    # Olist: 36,073 of 36,075 rows kept; the 中文 pack read "共读取 3.61万 行，采用 3.61万 行（100.0%）",
    # the two rejected rows nowhere in the sentence.
    from storebook.report.text import Text

    ingest = pd.DataFrame({"table": ["products", "orders", "order_lines"], "files": [1, 1, 1],
                           "rows_read": [36051, 12, 12], "rows_written": [36051, 11, 11],
                           "kept_share": [1.0, 11 / 12, 11 / 12]})
    facts = quality.quality_facts(ingest)
    assert facts["variant"] is None and facts["rows_rejected"] == 2
    facts = {k: v for k, v in facts.items() if k != "variant"}
    en = Text("en")("data_quality.ingest.takeaway", **facts)
    # Not all were kept: the share is not said as 100.0% (36,073 ÷ 36,075 = 99.994%).
    assert en.startswith("36,073 of 36,075 rows were kept (99.99%) and 2 rejected;"), en
    zh = Text("zh")("data_quality.ingest.takeaway", **facts)
    assert "拒收2行" in zh and "共读取3.61万行" in zh, zh


class _Recorded:
    """A workbook as far as the data-quality page's file facts read it: its ingest record."""

    def __init__(self, manifest: dict) -> None:
        self.manifest = manifest

    def ingest_manifest(self) -> dict:
        return self.manifest


def test_a_lookup_joined_into_other_files_rows_is_counted_among_the_files_read() -> None:
    """Olist's category translation feeds no table: the page said '4 files feed 5 tables' where
    ingest had read 5 files. It now counts every file read and names the lookup."""
    wb = _Recorded({"files": [{"path": f"data/raw/exports/{name}.csv", "table": table, "rows_read": 1,
                               "rows_written": 1, "rows_rejected": 0}
                              for name, table in [("orders", "orders"), ("orders", "shipments"), ("items", "order_lines"),
                                                  ("products", "products"), ("sellers", "suppliers")]],
                    "lookups": [{"path": "data/raw/exports/names.csv", "source": "olist_category_names",
                                 "joined_into": ["olist_products (products)"]}]})
    lookups = quality.list_lookups(wb)
    assert lookups.to_dict("records") == [{"path": "data/raw/exports/names.csv", "joined_into": "olist_products (products)"}]
    facts = quality.files_facts(quality.list_files(wb), quality.list_not_read(wb), lookups)
    assert facts == {"files": 4, "tables": 5, "lookups": 1, "read": 5, "variant": "lookups"}
    values = {k: v for k, v in facts.items() if k != "variant"}
    assert Text("en")("data_quality.files.takeaway.lookups", **values).startswith(
        "5 files were read: 4 feed 5 tables, and lookups joined into their rows account for 1 more (the second table).")
    assert Text("zh")("data_quality.files.takeaway.lookups", **values).startswith(
        "共读取5个文件：4个构成5张表，另有1个是并入其他文件数据行的对照表（见第二张表）。")
    assert quality.list_lookups(_Recorded({"files": []})).empty  # none: no second table, the usual sentence


def test_folded_lines_and_an_unstated_currency_are_said_on_the_page() -> None:
    """The Las-Lira products export: 407 lines, 226 rows read, 181 image-only lines folded into
    their product; its prices state no currency beside orders in EUR."""
    wb = _Recorded({
        "files": [{"path": "data/raw/shopify/orders_export.csv", "table": "orders", "rows_read": 19, "rows_folded": 0,
                   "currency": "EUR", "currency_column": "Currency"},
                  {"path": "data/raw/shopify/products_export_1.csv", "table": "products", "rows_read": 226,
                   "rows_folded": 181, "folded_kind": "image_only"}],
        "currencies": {"kind": "unstated", "currencies": ["EUR"], "configured": "",
                       "stated": [{"path": "data/raw/shopify/orders_export.csv", "currency": "EUR", "column": "Currency"}],
                       "unstated": [{"path": "data/raw/shopify/products_export_1.csv", "table": "products"}]}})
    en, zh = Text("en"), Text("zh")
    folded = quality.folded_facts(wb, en)
    assert folded == {"files": "data/raw/shopify/products_export_1.csv", "lines": 407, "rows_read": 226,
                      "rows_folded": 181, "kind": "image-only lines (a product's extra images)"}
    assert en("data_quality.ingest.folded", **folded) == (
        "data/raw/shopify/products_export_1.csv has 407 lines: 226 rows read and 181 image-only lines (a product's extra images), "
        "folded into the row they continue. Those lines are not rows of their own, so none is missing "
        "(407 = 226 + 181).")
    assert "（407 = 226 + 181）" in zh("data_quality.ingest.folded", **quality.folded_facts(wb, zh))
    currency = quality.currency_facts(wb, en)
    assert currency == {"variant": "unstated", "stated": "data/raw/shopify/orders_export.csv is in EUR (column Currency)",
                        "unstated": "data/raw/shopify/products_export_1.csv", "currency": "EUR"}
    sentence = en("data_quality.ingest.currency.unstated", **{k: v for k, v in currency.items() if k != "variant"})
    assert sentence.startswith("No currency is stated in data/raw/shopify/products_export_1.csv, while "
                               "data/raw/shopify/orders_export.csv is in EUR (column Currency): the amounts there are "
                               "read as EUR.")
    differ = quality.currency_facts(_Recorded({"files": [], "currencies": {
        "kind": "differ", "currencies": ["CNY", "USD"], "configured": "", "unstated": [],
        "stated": [{"path": "data/raw/tmall/orders.csv", "currency": "CNY", "column": "币种"},
                   {"path": "data/raw/shopify/orders_export.csv", "currency": "USD", "column": "Currency"}]}}), en)
    assert differ["variant"] is None  # the key's own sentence, as the page asks it
    assert en("data_quality.ingest.currency", **{k: v for k, v in differ.items() if k != "variant"}).startswith(
        "The files state different currencies: data/raw/tmall/orders.csv is in CNY (column 币种) and "
        "data/raw/shopify/orders_export.csv is in USD")
    assert quality.folded_facts(_Recorded({"files": []}), en) is None
    assert quality.currency_facts(_Recorded({"files": []}), en) is None
    assert quality.mixed_currency_facts(_Recorded({"files": []}), en) is None


def test_files_of_the_same_name_in_two_folders_are_told_apart_in_the_currency_sentence() -> None:
    """Two folders each hold an orders.csv, in different currencies: the page said "orders.csv is
    in CNY and orders.csv is in USD". Files are named by the path ingest records, as its summary
    names them."""
    differ = quality.currency_facts(_Recorded({"files": [], "currencies": {
        "kind": "differ", "currencies": ["CNY", "USD"], "configured": "", "unstated": [],
        "stated": [{"path": "data/raw/tmall/orders.csv", "currency": "CNY", "column": "币种"},
                   {"path": "data/raw/web/orders.csv", "currency": "USD", "column": "Currency"}]}}), Text("zh"))
    assert differ["stated"] == "data/raw/tmall/orders.csv 标明为 CNY（字段 币种）、data/raw/web/orders.csv 标明为 USD（字段 Currency）"


def test_one_file_in_several_currencies_is_said_on_the_page_in_both_languages() -> None:
    """An orders export whose Currency column states EUR on 17 orders and USD on 2: its amounts are
    summed across rows, so its sums mean nothing; the page says which file, which column, each
    currency's rows and what to do (files that differ from each other were the only ones said)."""
    wb = _Recorded({"files": [], "currencies": {
        "kind": "mixed", "currencies": [], "configured": "", "stated": [], "unstated": [],
        "mixed": [{"path": "data/raw/shopify/orders_export.csv", "column": "Currency", "rows": {"EUR": 17, "USD": 2}}]}})
    en, zh = Text("en"), Text("zh")
    assert quality.currency_facts(wb, en) is None  # no files that differ from each other
    assert en("data_quality.ingest.mixed_currency", **quality.mixed_currency_facts(wb, en)).startswith(
        "Currencies are mixed within a file: data/raw/shopify/orders_export.csv (column Currency): 17 rows in EUR and "
        "2 rows in USD. Amounts are summed across rows and storebook converts no currency, so sums, averages and "
        "comparisons that take in these rows add different currencies together and mean nothing: export each")
    assert zh("data_quality.ingest.mixed_currency", **quality.mixed_currency_facts(wb, zh)).startswith(
        "同一文件内混有多个币种：data/raw/shopify/orders_export.csv（字段 Currency）：EUR 17 行、USD 2 行。金额按行汇总")


#: Olist's files as its example reads them: the orders export feeds orders and shipments.
OLIST_FILES = [("olist_orders_dataset", "orders", 12, 11), ("olist_orders_dataset", "shipments", 5, 5),
               ("olist_order_items_dataset", "order_lines", 12, 11), ("olist_products_dataset", "products", 32951, 32951),
               ("olist_sellers_dataset", "suppliers", 3095, 3095)]


def test_a_file_feeding_two_tables_is_counted_once_in_the_ingest_total() -> None:
    """Olist's orders file feeds orders and shipments: each table's row shows it, and the table's
    files added up to 5 where 4 files feed the tables (5 read, with the category lookup). The
    total row counts each file once, and the page's facts say 4."""
    wb = _Recorded({"files": [{"path": f"data/raw/exports/{name}.csv", "table": table, "rows_read": read,
                               "rows_written": written, "rows_rejected": read - written}
                              for name, table, read, written in OLIST_FILES],
                    "lookups": [{"path": "data/raw/exports/product_category_name_translation.csv",
                                 "source": "olist_category_names", "joined_into": ["olist_products (products)"]}]})
    got = quality.summarise_ingest(wb).set_index("table")
    assert got.drop(index="total")["files"].tolist() == [1, 1, 1, 1, 1]
    assert got.loc["total", ["files", "rows_read", "rows_written", "rows_rejected"]].tolist() == [4, 36075, 36073, 2]
    assert got.loc["total", "kept_share"] == pytest.approx(36073 / 36075)
    facts = quality.quality_facts(quality.summarise_ingest(wb))
    files = quality.files_facts(quality.list_files(wb), quality.list_not_read(wb), quality.list_lookups(wb))
    assert facts["files"] == files["files"] == 4 and files["read"] == 5
    assert (facts["tables"], facts["rows_read"], facts["worst_table"]) == (5, 36075, "orders")
    shown = quality.label_ingest(quality.summarise_ingest(wb), Text("zh"))["table"].tolist()
    assert shown[-1] == "全部数据表（每个文件计一次）" and shown[:-1] == [
        "供应商（suppliers）", "商品（products）", "订单（orders）", "订单明细（order_lines）", "物流发货（shipments）"]


@pytest.mark.parametrize("example", ["olist", "amazon_india"])
def test_the_ingest_totals_files_are_the_files_read_on_real_stores(example: str, root: Path) -> None:
    """The real Olist catalogue (products, sellers, category lookup) beside the orders and items
    fixtures: 5 files read, 4 feeding tables, the orders file feeding two; Amazon India's seller
    reports: 3 files read, Sale Report.csv feeding products and inventory (2 more declared not read)."""
    from support.mapping import install, realdata_folder
    from support.stores import REPO

    if example == "olist":
        fixtures = REPO / "tests" / "fixtures" / "olist"
        files = sorted(p for p in realdata_folder("olist_partial_products_sellers").iterdir() if p.is_file()) + [
            fixtures / "olist_orders_dataset.csv", fixtures / "olist_order_items_dataset.csv"]
    else:
        files = sorted(p for p in realdata_folder("amazon_india_seller_reports_E-Commerce-Sales").iterdir() if p.is_file())
    install(root, example, files)
    report = ingest(Config.load(root), now=datetime(2026, 11, 27))
    wb = storebook.open()
    got = quality.summarise_ingest(wb).set_index("table")
    feeding = len({f.path for f in report.files})
    assert (feeding, len(report.lookups)) == ({"olist": (4, 1), "amazon_india": (3, 0)}[example])
    assert got.loc["total", "files"] == feeding < got.drop(index="total")["files"].sum()
    assert got.loc["total", "rows_read"] == sum(f.rows_read for f in report.files)
    assert quality.quality_facts(quality.summarise_ingest(wb))["files"] == feeding


# ----------------------------------------------------------------------------- no unit cost at all

def _no_cost_store(root: Path, catalogue: bool) -> storebook.Workbook:
    """Orders 1 and 2 of March, one line each (A1 for 60, B1 for 40); with ``catalogue`` a
    products file lists both SKUs without a unit cost (a Shopify products export's empty
    'Cost per item'); without, the store has order lines and no catalogue (a Shopify orders
    export alone)."""
    write_csv(root, "orders", "orders.csv", [{**ORDER, "order_id": "1"}, {**ORDER, "order_id": "2"}])
    write_csv(root, "order_lines", "lines.csv", [
        {"order_id": "1", "line_no": "1", "sku": "A1", "quantity": "1", "unit_price": "60.00", "line_amount": "60.00"},
        {"order_id": "2", "line_no": "1", "sku": "B1", "quantity": "1", "unit_price": "40.00", "line_amount": "40.00"},
    ])
    if catalogue:
        write_csv(root, "products", "products.csv", [{"sku": "A1", "product_name": "Towel", "unit_cost": ""},
                                                     {"sku": "B1", "product_name": "Candle", "unit_cost": ""}])
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    return storebook.open()


def _shown_row(orders: pd.DataFrame, metric: str, text: Text) -> list[str]:
    """The cells of one metric's row of the orders table as the page shows it."""
    from storebook.report.tables import format_table

    html = format_table(orders, text, columns=["metric", "number", "share", "of"]).to_html()
    row = next(r for r in html.split("<tr") if text(f"metric.{metric}") in r)
    return [c.split(">", 1)[1].split("<", 1)[0] for c in row.split("<td")[1:]]


@pytest.mark.parametrize("catalogue", [False, True])
def test_no_unit_cost_at_all_is_said_plainly_not_as_a_share_of_0_percent(root: Path, catalogue: bool) -> None:
    """Line revenue 60 + 40 = 100, and no unit cost for either line: the table read "Line revenue
    with a known unit cost | n/a | 0.0%" and the sentence "unit cost is known for 0.0% of line
    revenue, so margins cover that part only". The share is not known to be anything: n/a, and the
    sentence says no margin can be computed, in both languages."""
    orders = quality.measure_order_quality(_no_cost_store(root, catalogue), MARCH)
    row = orders.set_index("metric").loc["revenue_cost_known"]
    assert pd.isna(row["number"]) and pd.isna(row["share"])
    for language in ("en", "zh"):
        text = Text(language)
        number, share = _shown_row(orders, "revenue_cost_known", text)[1:3]
        assert "%" not in share and share == number, (number, share)  # as the number: no share to show
        facts = quality.quality_facts(orders=orders)
        assert facts["variant"] == ("no_cost" if catalogue else "no_catalogue") and facts["cost_known_revenue"] is None
        sentence = text(f"data_quality.orders.takeaway.{facts['variant']}", **facts)
        assert not any(s in sentence for s in ("known for 0.0%", "known for 0.00%", "cover that part only", "毛利仅覆盖这部分"))
        assert ("no unit cost is known" in sentence.lower() and "no margin can be computed" in sentence
                if language == "en" else "无法计算毛利" in sentence), sentence
    # The headline card leaves the share out rather than showing 0.0%.
    assert "cost_known_revenue" not in {e["key"] for e in quality.quality_record(facts, Text("en"))}


def test_a_cost_known_for_part_of_the_revenue_is_still_its_share(root: Path) -> None:
    # One of the two lines costed: 60 of 100 of line revenue, the usual sentence.
    write_csv(root, "products", "products.csv", [{"sku": "A1", "product_name": "Towel", "unit_cost": "20.00"}])
    orders = quality.measure_order_quality(_no_cost_store(root, catalogue=False), MARCH)
    assert orders.set_index("metric").loc["revenue_cost_known", "share"] == pytest.approx(0.6)
    facts = quality.quality_facts(orders=orders)
    assert facts["variant"] is None
    assert "unit cost is known for 60.0% of line revenue" in Text("en")("data_quality.orders.takeaway", **facts)


def test_the_real_shopify_orders_export_alone_shows_no_cost_share(tmp_path: Path) -> None:
    """The real Shopify orders export (no product catalogue): May 2025's cost row read n/a | 0.0%."""
    from support.mapping import shopify_orders_store

    root = shopify_orders_store(tmp_path / "shopify")
    wb = storebook.open(root=root)
    orders = quality.measure_order_quality(wb, storebook.engine.periods.month("2025-05")).set_index("metric")
    assert orders.loc["lines", "number"] == 38
    assert pd.isna(orders.loc["revenue_cost_known", "share"])


# ----------------------------------------------------------------------------- rejection reasons in 中文

def test_the_rejection_reasons_are_said_in_chinese_with_the_datas_own_values(store) -> None:
    """The page listed its reasons in English on the 中文 page. Order 5's platform and line 9's
    order (not in the data) are said in Chinese; the value and the setting stay, the columns and
    tables are said by their reader names."""
    ranked = quality.rank_rejections(store)
    zh = quality.label_rejections(ranked, Text("zh")).set_index(ranked["column"])["problem"]
    assert zh["platform"].startswith("'pinduoduo' 不在工作簿的 platforms 之列（"), zh["platform"]
    assert "storebook.toml 的 [store].platforms" in zh["platform"]
    assert zh["order_id"] == ("'订单编号' 在 订单（orders） · 订单编号 中没有对应记录：订单（orders） 中的该行不在数据中或已被拒收"
                              "（见 _rejected/orders.parquet）")
    # English is ingest's own words, the columns and tables by their reader names.
    en = quality.label_rejections(ranked, Text("en")).set_index(ranked["column"])["problem"]
    assert en["platform"] == ranked.set_index("column")["problem"]["platform"]
    assert en["order_id"] == ("'Order ID' has no match in Orders · Order ID: the orders row is not in the data or was "
                              "rejected (see _rejected/orders.parquet)")


def _ingest_reasons() -> dict[str, str]:
    """A reason of each common form, written by ingest's own templates where it has them (so
    that a change of ingest's wording fails here rather than leaving the page in English)."""
    from storebook.ingest import crossfile, parsing

    reasons = {
        "required": "column 'sku' is empty; a value is required",
        "not_date": "'ordered_at' is not a date (YYYY-MM-DD HH:MM:SS)",
        "date_range": parsing.DATE_RANGE_REASON.format(column="launched_on"),
        "future": parsing.FUTURE_REASON.format(column="ordered_at"),
        "not_bool": "'is_on_promo' is not true/false",
        "duplicate": "duplicate key (order_id=O2); first seen in data/raw/orders/a.csv row 3",
        "duplicate.most_on_hand": f"duplicate key (snapshot_on=2022-05-01, sku=X-1, warehouse=main); "
                                  f"{crossfile.KEEP_MOST['inventory'][1]}: data/raw/x/Sale Report.csv row 8",
        "superseded": "superseded: sku=Mask - Pack of 3 is also in the newer export data/raw/x/May-2022.csv "
                      "(as of 2022-05); the newest export wins",
        "not_configured": "'amazon' is not one of the workbook's platforms (tmall, jd): add 'amazon' to "
                          "[store].platforms in storebook.toml if it is right",
        "mapped": "'price' = '29,99' in items.csv row 9 is not a number (`inputs: price` of source 'items' in "
                  "storebook.sources.yaml)",
    }
    for problem, key in {"not": "not_number", "fraction": "not_whole_number", "finite": "not_finite",
                         "comma": "decimal_comma", "point": "decimal_point"}.items():
        reasons[key] = parsing.number_reason("quantity", problem, problem == "fraction", None)
    reasons["whole_out_of_range"] = parsing.number_reason("quantity", "range", True, None)
    reasons["number_out_of_range"] = parsing.number_reason("unit_price", "range", False, None)
    for code, why in parsing.EXCEL_ERRORS.items():
        reasons[f"spreadsheet_error {code}"] = parsing.EXCEL_ERROR_REASON.format(column="sku", value=code, why=why)
    return reasons


@pytest.mark.parametrize("form, reason", sorted(_ingest_reasons().items()))
def test_each_common_reason_form_is_said_in_chinese(form: str, reason: str) -> None:
    from storebook.ingest.rejects import reason_kind

    for said in (reason, reason_kind(reason, "sku")):  # whole, and as alike reasons group
        zh = quality.say_reason(said, Text("zh"))
        assert zh != said and any("\u4e00" <= ch <= "\u9fff" for ch in zh), said
        assert quality.say_reason(said, Text("en")) == said  # the English is ingest's, word for word
    zh = quality.say_reason(reason, Text("zh"))
    # The data's own values are kept: the column, the file, the key's value, the bad value.
    for value in ("'sku'", "'quantity'", "data/raw/x/May-2022.csv", "Mask - Pack of 3", "#DIV/0!", "'amazon'",
                  "data/raw/x/Sale Report.csv", "'29,99'", "items.csv"):
        if value in reason:
            assert value in zh, (value, zh)


def test_a_reason_of_another_form_is_shown_as_ingest_wrote_it() -> None:
    reason = "the adapter's own words: row has 3 cells, the header 4"
    assert quality.say_reason(reason, Text("zh")) == reason


def test_the_amazon_india_pages_reasons_are_in_chinese(root: Path) -> None:
    """Amazon India's seller reports (real files): superseded prices, empty and #REF! SKUs and
    duplicate keys, every one of them said in Chinese on the 中文 page."""
    from support.mapping import install, realdata_folder

    files = sorted(p for p in realdata_folder("amazon_india_seller_reports_E-Commerce-Sales").iterdir() if p.is_file())
    install(root, "amazon_india", files)
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    ranked = quality.rank_rejections(storebook.open())
    zh = quality.label_rejections(ranked, Text("zh"))["problem"].tolist()
    assert len(zh) == 7 and all(any("\u4e00" <= ch <= "\u9fff" for ch in p) for p in zh), zh
    # The SKU by its reader name (商品编码), as the page's charts name it; the rows' values as they are.
    assert "'商品编码' 为 #REF!，是电子表格错误（引用无效），不是有效值；请在导出文件中修正公式，值未知时将单元格留空" in zh
    assert "字段 '商品编码' 为空；此字段必须有值" in zh
    assert "已被取代：商品编码=… 也在更新的导出文件 data/raw/exports/May-2022.csv（截至 …）中；以最新的导出为准" in zh
    assert "重复的键（商品编码=…）；首次出现于 data/raw/exports/Sale Report.csv 第 … 行" in zh
    assert not any("sku" in p for p in zh), zh


def test_the_pages_tables_name_amazon_indias_tables_as_a_reader_knows_them(root: Path) -> None:
    """The real seller reports feed products and inventory: the ingest, rejections and files
    tables showed ``products``/``inventory`` in both languages; they say Products / 商品（products）."""
    from support.mapping import install, realdata_folder

    files = sorted(p for p in realdata_folder("amazon_india_seller_reports_E-Commerce-Sales").iterdir() if p.is_file())
    install(root, "amazon_india", files)
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    wb = storebook.open()
    shown = {}
    for lang in ("en", "zh"):
        text = Text(lang)
        shown[lang] = (quality.label_ingest(quality.summarise_ingest(wb), text)["table"].tolist(),
                       quality.label_rejections(quality.rank_rejections(wb), text)["table"].tolist(),
                       quality.label_files(quality.list_files(wb), text)["table"].tolist())
    assert shown["en"][0] == ["Products", "Inventory", "All tables (each file once)"]
    assert shown["zh"][0] == ["商品（products）", "库存（inventory）", "全部数据表（每个文件计一次）"]
    # The seven reasons' tables, in the ranked order (1,330 superseded products first).
    assert shown["en"][1] == ["Products", "Inventory", "Products", "Inventory", "Products", "Inventory", "Products"]
    assert shown["zh"][1] == [{"Products": "商品（products）", "Inventory": "库存（inventory）"}[t] for t in shown["en"][1]]
    assert sorted(set(shown["zh"][2])) == ["商品（products）", "库存（inventory）"]
    codes = {"products", "inventory"}
    assert not codes & {cell for lang in shown.values() for column in lang for cell in column}
