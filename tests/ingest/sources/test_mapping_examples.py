"""The worked examples in examples/<name>/: each declaration copied as it is, with files in
the published layouts — fixtures written here (tests/fixtures/) and, where they exist, the
real public files of ../shared/realdata — ingested with counts that reconcile per file and
the rows a user would keep."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from support.mapping import allow_platform, install, olist_bare_states, put, realdata_folder
from support.sources import (
    EN,
    EXAMPLES,
    assert_reconciles,
    file_report,
    manifest,
    rejected,
    run,
    table,
)

FIXTURES = REPO / "tests" / "fixtures"


def counts(root: Path) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(file name, table) → (read, written, rejected)."""
    return {(Path(f["path"]).name, f["table"]): (f["rows_read"], f["rows_written"], f["rows_rejected"])
            for f in manifest(root)["files"]}


# ----------------------------------------------------------------------------- UCI Online Retail

UCI = FIXTURES / "uci_online_retail"


@pytest.mark.parametrize("name", ["Online Retail.csv", "OnlineRetail.csv", "Online Retail.xlsx"])
def test_online_retail_every_published_copy(root: Path, name: str) -> None:
    install(root, "online_retail", [UCI / name])
    run(root)
    assert counts(root) == {(name, "orders"): (16, 15, 1), (name, "order_lines"): (33, 32, 1),
                            (name, "products"): (30, 30, 0)}
    orders = table(root, "orders").set_index("order_id")
    assert orders.loc["536365", "paid_amount"] == pytest.approx(139.12)  # 7 lines worked out by hand
    assert orders.loc["536370", ["province", "paid_amount"]].tolist() == ["France", 234.0]  # postage included
    assert orders.loc["C536379", ["status", "paid_amount"]].tolist() == ["cancelled", 0.0]
    assert orders.loc["536589", "status"] == "cancelled"  # quantities below zero: a stock adjustment
    assert pd.isna(orders.loc["536544", "customer_id"])  # a guest (empty CustomerID, NA in the R copy)
    assert orders.loc["536365", "customer_id"] == orders.loc["536366", "customer_id"]
    assert str(orders.loc["581587", "ordered_at"]) == "2011-12-09 12:50:00"
    lines = table(root, "order_lines").set_index(["order_id", "line_no"])
    assert lines.loc[("574020", 3), ["sku", "quantity", "line_amount"]].tolist() == ["23084", 12, pytest.approx(24.96)]
    assert lines.loc[("C536383", 1), ["quantity", "item_name"]].tolist() == [1, "SET OF 3 COLOURED  FLYING DUCKS"]
    products = table(root, "products").set_index("sku")
    assert products.loc["23084", ["product_name", "list_price"]].tolist() == ["RABBIT NIGHT LIGHT", 2.08]
    # The bad-debt adjustment (a negative price) is rejected with its true reasons.
    rej = rejected(root).set_index("table")
    assert rej.loc["orders", "value"] == "A563185" and rej.loc["order_lines", "value"] == "-11062.06"
    assert_reconciles(root)


def test_online_retail_copies_give_the_same_tables(root: Path, tmp_path: Path) -> None:
    frames = {}
    for name in ["Online Retail.csv", "OnlineRetail.csv", "Online Retail.xlsx"]:
        for folder in (root / "data" / "raw").iterdir():
            shutil.rmtree(folder)
        install(root, "online_retail", [UCI / name])
        run(root, force=True)
        frames[name] = {t: table(root, t) for t in ("orders", "order_lines", "products")}
    for t in ("orders", "order_lines", "products"):
        pd.testing.assert_frame_equal(frames["Online Retail.csv"][t], frames["OnlineRetail.csv"][t])
        pd.testing.assert_frame_equal(frames["Online Retail.csv"][t], frames["Online Retail.xlsx"][t])


# ----------------------------------------------------------------------------- Olist

OLIST = FIXTURES / "olist"
OLIST_ALL = sorted(p for p in OLIST.glob("*.csv"))


def test_olist_all_files(root: Path) -> None:
    install(root, "olist", OLIST_ALL, folder="olist")
    summary = run(root).summary(EN)
    assert counts(root) == {
        ("olist_orders_dataset.csv", "orders"): (12, 11, 1), ("olist_orders_dataset.csv", "shipments"): (5, 5, 0),
        ("olist_order_items_dataset.csv", "order_lines"): (12, 11, 1),
        ("olist_products_dataset.csv", "products"): (7, 7, 0), ("olist_sellers_dataset.csv", "suppliers"): (3, 3, 0),
        ("olist_order_reviews_dataset.csv", "service_tickets"): (6, 5, 1)}
    orders = table(root, "orders").set_index("order_id")
    by_status = orders.groupby("status").size().to_dict()
    assert by_status == {"cancelled": 3, "completed": 4, "paid": 2, "pending": 1, "shipped": 1}
    three = orders.loc["feeeb26d5926381b1e6684ad76f052fa"]  # two items of two sellers, card + voucher
    assert three[["items_amount", "shipping_amount", "paid_amount", "province"]].tolist() == [
        pytest.approx(204.90), pytest.approx(32.01), pytest.approx(236.91), "BR-SP"]
    assert orders.loc["4edc2e1a64a6f908952f67d5d53589b4", "province"] == "BR-SC"  # Santa Catarina, not 四川
    # One person, two orders under two order customer ids: one customer.
    first, twelfth = orders.loc["36525f49498e355468ca6bb2d38ed573"], orders.loc["a765203a0edb6fb426250ff757fefa8e"]
    assert first["customer_id"] == twelfth["customer_id"]
    created = orders[orders["status"] == "pending"].iloc[0]
    assert created["paid_amount"] == 0 and pd.isna(created["paid_at"])
    # Cancelled after payment (canceled, unavailable, both approved): paid, and refunded in full
    # (docs/contract.md); cancelled before payment: nothing paid, nothing refunded; a delivered
    # order's refund is not in Olist's files (unknown).
    cancelled = orders.loc[["79a1f8b4d62872c9e89ec83618d795ff", "f1387135414c3f53c83a15dd13357378",
                            "02216e8ee39000e3d2c2bbb6fcff8a59"], ["paid_amount", "refund_amount"]]
    assert cancelled.values.tolist() == [[pytest.approx(178.13)] * 2, [pytest.approx(96.45)] * 2, [0.0, 0.0]]
    assert pd.isna(orders.loc["feeeb26d5926381b1e6684ad76f052fa", "refund_amount"])
    # The item whose price has a decimal comma: rejected, with the order it belongs to.
    rej = rejected(root)
    assert set(rej["table"]) == {"orders", "order_lines", "service_tickets"}
    assert rej[rej["table"] == "orders"]["reason"].str.contains("'price' = '29,99' in olist_order_items_dataset.csv row 9").all()
    products = table(root, "products").set_index("sku")
    assert products["category"].value_counts().get("health_beauty") == 1 and products["category"].isna().sum() == 1
    assert products["supplier_id"].notna().all()  # each product's most frequent seller in the items
    tickets = table(root, "service_tickets")
    assert tickets["is_complaint"].sum() == 1 and sorted(tickets["csat"].tolist()) == [1, 3, 4, 5, 5]
    assert table(root, "suppliers")["region"].tolist().count("BR-SP") == 2
    assert_reconciles(root)
    # Every file read is counted: the three read only through the joins of others are named as
    # lookups (the summary said '5 files' of the 8 read, the real store's '4 files' of 5).
    assert {(Path(f["path"]).name, *f["joined_into"]) for f in manifest(root)["lookups"]} == {
        ("olist_order_payments_dataset.csv", "olist_orders (orders, shipments)"),
        ("olist_customers_dataset.csv", "olist_orders (orders, shipments)"),
        ("product_category_name_translation.csv", "olist_products (products)")}
    assert summary.splitlines()[0].startswith("ingest: 8 files (5 feeding tables, 3 lookups joined into other files' "
                                              "rows), 45 rows read = 42 written + 3 rejected")
    assert "  lookup data/raw/olist/product_category_name_translation.csv: joined into the rows of olist_products " \
           "(products)" in summary.splitlines()


def test_olist_states_written_bare_stay_as_written(root: Path) -> None:
    """A mapping that writes Olist's customer_state as the file has it (SC, not BR-SC): SC is
    Santa Catarina, and no country column says China, so it is never read as 四川 (Sichuan)."""
    install(root, "olist", OLIST_ALL, folder="olist")
    olist_bare_states(root)
    run(root)
    # By hand from the raw files: each order's state through its customer.
    raw = pd.read_csv(OLIST / "olist_orders_dataset.csv", dtype=str).merge(
        pd.read_csv(OLIST / "olist_customers_dataset.csv", dtype=str), on="customer_id", how="left")
    shipped = raw["order_delivered_carrier_date"].notna()
    # One order in Santa Catarina, not yet handed to the carrier (no shipment).
    assert ((raw["customer_state"] == "SC").sum(), ((raw["customer_state"] == "SC") & shipped).sum()) == (1, 0)
    orders, shipments = table(root, "orders"), table(root, "shipments")
    assert (orders["province"] == "SC").sum() == (raw["customer_state"] == "SC").sum()
    assert (shipments["province"] == "SC").sum() == ((raw["customer_state"] == "SC") & shipped).sum()
    assert not orders["province"].isin(["四川"]).any() and not shipments["province"].isin(["四川"]).any()
    # Every state arrives as written: the written orders' provinces are the raw ones.
    written = raw.set_index("order_id").loc[orders["order_id"], "customer_state"]
    assert orders["province"].tolist() == written.tolist()
    assert_reconciles(root)


def test_olist_orders_and_items_alone(root: Path) -> None:
    install(root, "olist", [OLIST / "olist_orders_dataset.csv", OLIST / "olist_order_items_dataset.csv"], "olist")
    run(root)
    orders = table(root, "orders").set_index("order_id")
    # Without payments, paid = items + freight; without customers, no customer or province.
    assert orders.loc["feeeb26d5926381b1e6684ad76f052fa", "paid_amount"] == pytest.approx(236.91)
    assert orders.loc["79a1f8b4d62872c9e89ec83618d795ff", ["paid_amount", "refund_amount"]].tolist() == [
        pytest.approx(178.13), pytest.approx(178.13)]  # cancelled after payment: refunded in full
    assert orders["customer_id"].isna().all() and orders["province"].isna().all()
    # An approved order without items or payments has no amount: kept, its amount unknown (the
    # contract's paid_amount is optional), no longer rejected.
    assert pd.isna(orders.loc["f1387135414c3f53c83a15dd13357378", "paid_amount"])
    assert counts(root)[("olist_orders_dataset.csv", "orders")] == (12, 11, 1)  # 1: an item price 29,99
    assert not rejected(root, "orders")["reason"].str.contains("paid_amount").any()
    notes = " ".join(file_report(root, "olist_orders_dataset.csv", "orders")["notes"])
    assert "no file of source 'olist_payments' was found" in notes and "no file of source 'olist_customers'" in notes
    assert_reconciles(root)


def test_olist_items_alone_are_kept_without_their_orders(root: Path) -> None:
    install(root, "olist", [OLIST / "olist_order_items_dataset.csv"], "olist")
    run(root)
    assert counts(root) == {("olist_order_items_dataset.csv", "order_lines"): (12, 11, 1)}


def test_olist_real_products_sellers_and_category_names(root: Path) -> None:
    real = realdata_folder("olist_partial_products_sellers")
    install(root, "olist", sorted(real.glob("*.csv")) + [OLIST / "olist_orders_dataset.csv",
                                                        OLIST / "olist_order_items_dataset.csv"], "olist")
    run(root)
    c = counts(root)
    assert c[("olist_products_dataset.csv", "products")] == (32951, 32951, 0)
    assert c[("olist_sellers_dataset.csv", "suppliers")] == (3095, 3095, 0)
    products = table(root, "products")
    assert products["category"].isna().sum() == 610  # as published: 610 products without a category
    assert (products["category"] == "health_beauty").sum() > 2000  # translated through the BOM+CRLF file
    assert_reconciles(root)


# ----------------------------------------------------------------------------- supply chain

def test_supply_chain_fixture(root: Path) -> None:
    install(root, "supply_chain", [FIXTURES / "supply_chain" / "Supply chain logistics problem.xlsx"])
    run(root)
    name = "Supply chain logistics problem.xlsx"
    assert counts(root) == {(name, "purchase_orders"): (6, 6, 0), (name, "suppliers"): (3, 3, 0)}
    po = table(root, "purchase_orders").set_index("po_id")
    assert po.loc["1447296446.7", ["supplier_id", "sku", "qty_ordered"]].tolist() == ["PLANT16", "1700106", 808]
    assert str(po.loc["1447346875", "promised_on"])[:10] == "2013-05-29"  # 3 transit days
    assert po["received_on"].isna().all()
    suppliers = table(root, "suppliers").set_index("supplier_id")
    assert suppliers.loc["PLANT03", ["region", "contract_lead_time_days"]].tolist() == ["PORT04", 2]


def test_supply_chain_real_workbook(root: Path) -> None:
    real = realdata_folder("logistics_supply_chain_SCM")
    install(root, "supply_chain", sorted(real.glob("*.xlsx")))
    run(root)
    name = "Supply chain logistics problem.xlsx"
    assert counts(root) == {(name, "purchase_orders"): (9215, 9215, 0), (name, "suppliers"): (7, 7, 0)}


# ----------------------------------------------------------------------------- competitor prices

TAOBAO = (',item_loc,raw_title,view_price,view_sales,province,city,sales\n'
          '0,上海,RIO锐澳鸡尾酒微醺3度10罐,99.00元,7000+人付款,上海,上海,7000\n'
          '1,江苏 南京,RIO锐澳鸡尾酒微醺3度10罐,36.80元,100+人付款,江苏,南京,100\n'
          '5,上海,三得利和乐怡预调鸡尾酒350mL*8,139.00元,1万+人付款,上海,上海,10000\n')
JD = ('"[\'京东超市\', \'\\t\\n\', \'春雨\', \'蜂蜜面膜10片/盒\']",20万+,春雨京东自营旗舰店,149.00,https://item.jd.com/100000321422.html,100000321422\r\n'
      '"[\'papa recipe\', \'春雨\']",52,某某海外专营店,99.00,https://item.jd.com/8763845.html,8763845\r\n')


def test_competitor_prices_fixtures(root: Path) -> None:
    allow_platform(root, "taobao")
    install(root, "competitor_prices", [])
    put(root, "exports/taobao1.csv", TAOBAO.encode("gbk"))
    put(root, "exports/jd.csv", JD.encode("utf-8"))
    run(root)
    assert counts(root) == {("taobao1.csv", "competitor_prices"): (3, 3, 0), ("jd.csv", "competitor_prices"): (2, 2, 0)}
    prices = table(root, "competitor_prices").set_index(["platform", "competitor_sku"])
    assert prices.loc[("taobao", "5"), "price"] == 139.0  # 139.00元, the listing's number in the crawl
    assert prices.loc[("jd", "100000321422"), ["competitor", "price", "review_count"]].tolist() == [
        "春雨京东自营旗舰店", 149.0, 200000]
    assert {str(d)[:10] for d in prices["observed_on"]} == {"2021-05-20"}


def test_competitor_prices_real_crawls(root: Path) -> None:
    allow_platform(root, "taobao")
    files = sorted(realdata_folder("competitor_prices_taobao_Valuation-Method-Competition").glob("*.csv"))
    files += sorted(realdata_folder("competitor_prices_jd_jd-spider").glob("*.csv"))
    install(root, "competitor_prices", files)
    run(root)
    assert counts(root) == {("taobao1.csv", "competitor_prices"): (682, 682, 0),
                            ("jd.csv", "competitor_prices"): (60, 60, 0)}
    assert table(root, "competitor_prices")["price"].gt(0).all()


# ----------------------------------------------------------------------------- Taobao behaviour

BEHAVIOUR = "1,2268318,2520377,pv,1511544070\n1,2333346,2520771,cart,1511561733\n1,2333346,2520771,buy,1511572885\n" \
            "2,3830808,4181361,pv,1511593493\n100,4365585,2520377,pv,1511625600\n"
MOBILE = ("user_id,item_id,behavior_type,user_geohash,item_category,time\r\n"
          "98047837,232431562,1,,4245,2014-12-06 02\r\n97726136,383583590,3,,5894,2014-12-06 20\r\n"
          "97726136,383583590,4,96nn52n,5894,2014-12-06 21\r\n98607707,64749712,1,,2883,2014-12-18 11\r\n")
ITEMS = "item_id,item_geohash,item_category\r\n312051294,,8270\r\n312051294,96ub61j,8270\r\n99999754,,7393\r\n"


def test_taobao_behaviour_fixtures(root: Path) -> None:
    allow_platform(root, "taobao")
    install(root, "taobao_behaviour", [])
    put(root, "exports/UserBehavior.csv", BEHAVIOUR)
    put(root, "exports/sample_user_behavior.csv", MOBILE)
    put(root, "exports/sample_item_info.csv", ITEMS)
    run(root)
    traffic = table(root, "traffic")
    traffic = traffic.set_index(traffic["visited_on"].astype(str).str.slice(0, 10))
    day = traffic.loc["2017-11-25"]  # 1511544070 … 1511593493 are 25 Nov in Shanghai
    assert day[["visitors", "page_views", "product_views", "cart_adds", "buyers", "orders"]].tolist() == [2, 2, 2, 1, 1, 1]
    assert traffic.loc["2017-11-26", "visitors"] == 1  # 1511625600 = 26 Nov 00:00 Shanghai
    assert traffic.loc["2014-12-06", ["visitors", "cart_adds", "buyers"]].tolist() == [2, 1, 1]
    assert set(traffic["channel"]) == {"all"}
    assert counts(root)[("sample_item_info.csv", "products")] == (2, 2, 0)


def test_taobao_behaviour_real_events(root: Path) -> None:
    allow_platform(root, "taobao")
    files = sorted(realdata_folder("tianchi_userbehavior_clothes-shopping-website").glob("*.csv"))
    files += sorted(realdata_folder("tianchi_mobile_recommend_customer-conversion-funnel").glob("*.csv"))
    install(root, "taobao_behaviour", files)
    run(root)
    c = counts(root)
    assert c[("UserBehavior.csv", "traffic")] == (10, 10, 0)
    assert c[("sample_user_behavior.csv", "traffic")] == (31, 31, 0)
    assert c[("sample_item_info.csv", "products")] == (1836, 1836, 0)  # 1,999 rows: an item once per geohash
    traffic = table(root, "traffic")
    days = traffic[traffic["visited_on"].astype(str).str.startswith("2017")]
    # The events' totals as PROVENANCE.md counts them: 3,926 pv and 77 buy.
    assert days["page_views"].sum() == 3926 and days["orders"].sum() == 77
    assert_reconciles(root)


# ----------------------------------------------------------------------------- 巨量千川

def test_qianchuan_example_folder(root: Path) -> None:
    install(root, "qianchuan", sorted((EXAMPLES / "qianchuan").glob("*.csv")), folder="qianchuan")
    run(root)
    assert counts(root) == {("千川_计划数据_2026-10.csv", "marketing_spend"): (5, 5, 0)}
    assert table(root, "marketing_spend")["spend_amount"].sum() == pytest.approx(3638.0)
