"""The mapping language of storebook.sources.yaml, key by key, on small hand-written files
whose results are worked out by hand: grouping, one file into several tables, computed and
conditional columns, joins, missing spellings and defaults, date formats and offsets,
fill-down and filters, periods, headerless files, unnamed and `#` columns, unreadable
inputs. docs/sources.md documents each key; tests/ingest/sources/test_mapping_errors.py the misuses."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from storebook.ingest.sources.mapping import sql
from support.mapping import declare, put
from support.sources import assert_reconciles, file_report, rejected, run, table

INVOICES = """
    InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
    536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom
    536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom
    536366,85123A,,2,12/1/2010 8:28,2.55,,United Kingdom
    C536367,71053,WHITE METAL LANTERN,-1,12/1/2010 9:41,3.39,17850,United Kingdom
    536368,22139,,-10,12/1/2010 16:50,0,,United Kingdom
"""
INVOICE_SOURCE = """
sources:
  - name: shop
    files: "shop/*.csv"
    inputs:
      Quantity: integer
      UnitPrice: number
      InvoiceDate: {type: timestamp, formats: ["%m/%d/%Y %H:%M"]}
    tables:
      orders:
        group_by: [InvoiceNo]
        columns: {order_id: InvoiceNo, customer_id: CustomerID}
        compute:
          ordered_at: min(InvoiceDate)
          status: "CASE WHEN starts_with(InvoiceNo, 'C') OR sum(Quantity) < 0 THEN 'cancelled' ELSE 'completed' END"
          paid_at: "CASE WHEN sum(Quantity) > 0 THEN min(InvoiceDate) END"
          paid_amount: "greatest(sum(Quantity * UnitPrice), 0)"
        constants: {platform: web}
      order_lines:
        columns: {order_id: InvoiceNo, sku: StockCode, unit_price: UnitPrice}
        compute:
          line_no: row_number() OVER (PARTITION BY InvoiceNo ORDER BY _row)
          quantity: abs(Quantity)
      products:
        group_by: [StockCode]
        columns: {sku: StockCode, product_name: Description}
        compute:
          list_price: max(UnitPrice) FILTER (WHERE UnitPrice > 0)
"""


def test_one_file_feeds_three_tables_grouped_and_numbered(root: Path) -> None:
    declare(root, INVOICE_SOURCE)
    put(root, "shop/lines.csv", INVOICES)
    run(root)
    orders = table(root, "orders").set_index("order_id")
    assert orders.loc["536365", "paid_amount"] == pytest.approx(6 * 2.55 + 6 * 3.39)  # 35.64
    assert str(orders.loc["536365", "ordered_at"]) == "2010-12-01 08:26:00"
    assert orders["status"].to_dict() == {"536365": "completed", "536366": "completed", "536368": "cancelled",
                                          "C536367": "cancelled"}
    assert pd.isna(orders.loc["536366", "customer_id"])  # a guest is no customer
    assert orders.loc["C536367", "paid_amount"] == 0 and pd.isna(orders.loc["C536367", "paid_at"])
    lines = table(root, "order_lines").set_index(["order_id", "line_no"])
    assert lines.loc[("536365", 2), ["sku", "quantity"]].tolist() == ["71053", 6]
    assert lines.loc[("C536367", 1), "quantity"] == 1
    products = table(root, "products").set_index("sku")
    # The first non-empty description names the product (row 4 has none).
    assert products.loc["85123A", "product_name"] == "WHITE HANGING HEART"
    assert pd.isna(products.loc["22139", "list_price"]) and products.loc["71053", "list_price"] == 3.39
    rep = file_report(root, "lines.csv", "orders")
    assert (rep["rows_read"], rep["rows_written"]) == (4, 4)  # records: the invoices
    assert "5 rows grouped into 4 orders rows by InvoiceNo" in " ".join(rep["notes"])
    assert file_report(root, "lines.csv", "order_lines")["rows_read"] == 5
    assert file_report(root, "lines.csv", "products")["rows_read"] == 3
    assert_reconciles(root)


def test_an_unreadable_input_rejects_the_rows_that_use_it_at_the_groups_first_row(root: Path) -> None:
    declare(root, INVOICE_SOURCE)
    put(root, "shop/lines.csv", INVOICES.replace("536366,85123A,,2,12/1/2010 8:28,2.55", "536366,85123A,,2,12/1/2010 8:28,2.55x"))
    run(root)
    for name in ("orders", "order_lines", "products"):
        rej = rejected(root, name)
        assert rej[["source_row", "column", "value"]].values.tolist() == [[4 if name != "products" else 2,
                                                                            "UnitPrice", "2.55x"]], name
        assert "'UnitPrice' = '2.55x' in lines.csv row 4 is not a number" in rej["reason"].iloc[0]
    # The other invoice lines and the other product are written as before.
    assert sorted(table(root, "orders")["order_id"]) == ["536365", "536368", "C536367"]
    assert_reconciles(root)


def test_an_unreadable_input_spoils_only_the_tables_that_use_it(root: Path) -> None:
    declare(root, INVOICE_SOURCE)
    put(root, "shop/lines.csv", INVOICES.replace("536368,22139,,-10,12/1/2010 16:50", "536368,22139,,-10,31/31/2010 16:50"))
    run(root)
    # products do not use InvoiceDate: the product of row 6 is written. order_lines do not
    # either, but the line's order is rejected, so the line is too (as an orphan).
    assert rejected(root, "products").empty
    assert rejected(root, "orders")[["source_row", "column"]].values.tolist() == [[6, "InvoiceDate"]]
    lines = rejected(root, "order_lines")
    assert lines["source_row"].tolist() == [6] and "has no match in orders" in lines["reason"].iloc[0]


COMPUTED = """
sources:
  - name: old_shopify
    files: "shop/old_*.csv"
    inputs: {Subtotal: number, Shipping: number, Total: number, Refunded Amount: number,
             Created at: timestamp, Paid at: timestamp}
    table: orders
    columns: {order_id: Name, ordered_at: Created at, paid_at: Paid at, items_amount: Subtotal,
              shipping_amount: Shipping}
    compute:
      discount_amount: Subtotal + Shipping - Total          # the older export has no discount column
      paid_amount: "CASE WHEN \\"Paid at\\" IS NULL THEN 0 ELSE Total END"
      refund_amount: "\\"Refunded Amount\\""
      status: "CASE WHEN \\"Paid at\\" IS NULL THEN 'pending' WHEN \\"Refunded Amount\\" >= Total THEN 'refunded' ELSE 'completed' END"
      channel: coalesce(nullif(Referrer, ''), Source)     # fall back to another column when one is empty
    constants: {platform: web}
"""


def test_computed_and_conditional_columns(root: Path) -> None:
    declare(root, COMPUTED.replace("Subtotal: number, Shipping", "Subtotal: number, \"Shipping\""))
    put(root, "shop/old_orders.csv", """
        Name,Created at,Paid at,Subtotal,Shipping,Total,Refunded Amount,Referrer,Source
        #1001,2025-03-02 10:00:00,2025-03-02 10:05:00,100.00,10.00,95.00,0,email,web
        #1002,2025-03-03 11:00:00,,50.00,5.00,55.00,0,,direct
        #1003,2025-03-04 12:00:00,2025-03-04 12:01:00,80.00,0.00,80.00,80.00,social,web
    """)
    run(root)
    orders = table(root, "orders").set_index("order_id")
    assert orders.loc["#1001", "discount_amount"] == pytest.approx(15.0)  # 100 + 10 - 95
    assert orders["status"].to_dict() == {"#1001": "completed", "#1002": "pending", "#1003": "refunded"}
    assert orders.loc["#1002", "paid_amount"] == 0
    assert orders["channel"].to_dict() == {"#1001": "email", "#1002": "direct", "#1003": "social"}
    assert_reconciles(root)


def test_tmall_net_of_refund_and_status_from_pay_time_and_refund(root: Path) -> None:
    """实付 + 退款 (a report whose 实付 is net of the refund); no 订单状态 column."""
    declare(root, """
        sources:
          - name: tmall_no_status
            files: "tmall/*.csv"
            encoding: gbk
            inputs: {买家实际支付金额: number, 退款金额: number, 总金额: number, 订单付款时间: timestamp,
                     订单创建时间: timestamp}
            table: orders
            columns: {order_id: 订单编号, ordered_at: 订单创建时间, paid_at: 订单付款时间, refund_amount: 退款金额}
            compute:
              paid_amount: coalesce(买家实际支付金额, 0) + coalesce(退款金额, 0)
              status: "CASE WHEN 订单付款时间 IS NULL THEN 'closed' WHEN 退款金额 > 0 THEN 'refunded' ELSE 'completed' END"
            constants: {platform: tmall}
        pins:                                 # the built-in tmall_orders recognises the header too
          - {files: "tmall/*", use: tmall_no_status}
    """)
    put(root, "tmall/订单报表.csv", """
        订单编号,总金额,买家实际支付金额,订单创建时间,订单付款时间,退款金额
        2231001,100.00,60.00,2025-03-01 10:00:00,2025-03-01 10:01:00,40.00
        2231002,80.00,0.00,2025-03-01 11:00:00,,0
        2231003,"1,200.00","1,200.00",2025-03-02 09:00:00,2025-03-02 09:00:30,-
    """, encoding="gbk")
    run(root)
    orders = table(root, "orders").set_index("order_id")
    assert orders.loc["2231001", ["paid_amount", "refund_amount", "status"]].tolist() == [100.0, 40.0, "refunded"]
    assert orders.loc["2231002", "status"] == "closed" and orders.loc["2231002", "paid_amount"] == 0
    assert orders.loc["2231003", ["paid_amount", "status"]].tolist() == [1200.0, "completed"]
    assert pd.isna(orders.loc["2231003", "refund_amount"])  # '-' is nothing
    assert file_report(root, "订单报表.csv", "orders")["encoding"] == "gb18030"


def test_join_of_two_declared_files_and_a_lookup_only_source(root: Path) -> None:
    declare(root, """
        sources:
          - name: heads
            files: "mkt/orders.csv"
            inputs: {placed: timestamp}
            joins:
              items: {source: items, on: {id: order}, compute: {amount: sum(qty * price), n: count(*)}}
              pay: {source: payments, on: {id: order}, compute: {paid: sum(value)}}
            table: orders
            columns: {order_id: id, ordered_at: placed, paid_at: placed, items_amount: items.amount}
            compute:
              paid_amount: coalesce(pay.paid, items.amount)
              status: "CASE WHEN items.n > 1 THEN 'completed' ELSE 'paid' END"
            constants: {platform: web}
          - name: items
            files: "mkt/items.csv"
            inputs: {qty: integer, price: number}
            table: order_lines
            columns: {order_id: order, line_no: line, sku: sku, quantity: qty, unit_price: price}
          - name: payments               # read only through the join
            files: "mkt/payments.csv"
            inputs: {value: number}
    """)
    put(root, "mkt/orders.csv", "id,placed\nA,2025-03-01 10:00:00\nB,2025-03-02 10:00:00\nC,2025-03-03 10:00:00\n")
    put(root, "mkt/items.csv", "order,line,sku,qty,price\nA,1,X,2,10.00\nA,2,Y,1,5.50\nB,1,X,1,10.00\n")
    put(root, "mkt/payments.csv", "order,value\nA,20.00\nA,5.50\nB,9.00\nC,7.00\n")
    run(root)
    orders = table(root, "orders").set_index("order_id")
    assert orders.loc["A", ["items_amount", "paid_amount", "status"]].tolist() == [25.5, 25.5, "completed"]
    assert orders.loc["B", ["items_amount", "paid_amount", "status"]].tolist() == [10.0, 9.0, "paid"]
    assert pd.isna(orders.loc["C", "items_amount"]) and orders.loc["C", "paid_amount"] == 7.0  # no items
    notes = " ".join(file_report(root, "orders.csv", "orders")["notes"])
    assert "joined items.csv (source 'items', 3 rows, 2 keys) as 'items'" in notes
    assert len(table(root, "order_lines")) == 3
    # The payments file is read through the join only: no table of its own.
    assert not [f for f in run(root, force=True).files if f.path.endswith("payments.csv")]
    assert_reconciles(root)


def test_a_joined_source_without_files_leaves_its_columns_empty(root: Path) -> None:
    declare(root, """
        sources:
          - name: heads
            files: "mkt/orders.csv"
            joins: {pay: {source: payments, on: {id: order}, compute: {paid: sum(CAST(value AS DOUBLE))}}}
            table: orders
            columns: {order_id: id, ordered_at: placed}
            compute: {paid_amount: "coalesce(pay.paid, 0)", status: "'pending'"}
            constants: {platform: web}
          - name: payments
            files: "mkt/payments*.csv"
    """)
    put(root, "mkt/orders.csv", "id,placed\nA,2025-03-01 10:00:00\n")
    run(root)
    assert table(root, "orders")["paid_amount"].tolist() == [0.0]
    assert "no file of source 'payments' was found" in " ".join(file_report(root, "orders.csv", "orders")["notes"])


def test_missing_spellings_per_column_and_defaults(root: Path) -> None:
    """SCMS-style delivery history: 'N/A - From RDC', 'Date Not Captured', 'Weight Captured Separately'."""
    declare(root, """
        sources:
          - name: scms
            files: "scms/*.csv"
            missing: ["N/A"]
            inputs:
              PO Sent to Vendor Date: {type: date, formats: ["%d-%b-%y"], missing: ["N/A - From RDC", "Date Not Captured"]}
              Scheduled Delivery Date: {type: date, formats: ["%d-%b-%y"]}
              Delivered to Client Date: {type: date, formats: ["%d-%b-%y"]}
              Line Item Quantity: integer
              Pack Price: {type: number, default: 0}
            table: purchase_orders
            columns: {po_id: "PO / SO #", sku: Item, ordered_on: PO Sent to Vendor Date, promised_on: Scheduled Delivery Date,
                      received_on: Delivered to Client Date, qty_ordered: Line Item Quantity, unit_cost: Pack Price,
                      supplier_id: Vendor}
            constants: {line_no: 1}
            defaults: {batch_id: none-recorded}
    """)
    put(root, "scms/history.csv", """
        PO / SO #,Item,Vendor,PO Sent to Vendor Date,Scheduled Delivery Date,Delivered to Client Date,Line Item Quantity,Pack Price
        SCMS-4,HIV test,N/A,N/A - From RDC,2-Jun-06,2-Jun-06,19,80.00
        SCMS-13,HIV test,RANBAXY,Date Not Captured,14-Nov-06,14-Nov-06,1000,
        SCMS-20,ARV,Aurobindo,1-Aug-06,27-Aug-06,29-Aug-06,500,4.99
    """)
    run(root)
    po = table(root, "purchase_orders").set_index("po_id")
    assert po["ordered_on"].isna().to_dict() == {"SCMS-13": True, "SCMS-20": False}
    assert po.loc["SCMS-13", "unit_cost"] == 0.0 and po.loc["SCMS-20", "unit_cost"] == 4.99
    assert set(po["batch_id"]) == {"none-recorded"}
    # 'N/A' is nothing in every column: the vendor of SCMS-4 is missing, and the row rejected for it.
    rej = rejected(root, "purchase_orders")
    assert rej[["source_row", "column"]].values.tolist() == [[2, "supplier_id"]]
    assert_reconciles(root)


def test_several_date_formats_and_mixed_offsets_in_one_column(root: Path) -> None:
    declare(root, """
        sources:
          - name: mixed
            files: "mixed/*.csv"
            timezone: Europe/Berlin           # naive times in the file are Berlin time
            inputs:
              when: {type: timestamp, formats: ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z", "%d/%m/%Y %H:%M"]}
              stamp: {type: timestamp, formats: [unix]}
              serial: {type: date, formats: [excel]}
            table: service_tickets
            columns: {ticket_id: id, opened_at: when, first_response_at: stamp, resolved_at: stamp}
            constants: {platform: web}
    """)
    put(root, "mixed/t.csv", """
        id,when,stamp,serial
        T1,2021-05-13 11:01:13 +0200,1620896473,44329
        T2,2021-05-13T09:01:13Z,1620896473,44329
        T3,13/05/2021 11:01,1620896473,44329
        T4,2021-05-13 09:01,1620896473,44329
    """)
    run(root)
    t = table(root, "service_tickets").set_index("ticket_id")
    # 09:01:13 UTC is 17:01:13 in Shanghai (the store's zone); 11:01 Berlin (CEST) is 17:01.
    assert t.loc["T1", "opened_at"] == pd.Timestamp("2021-05-13 17:01:13") == t.loc["T2", "opened_at"]
    assert t.loc["T3", "opened_at"] == pd.Timestamp("2021-05-13 17:01:00")
    assert t.loc["T1", "resolved_at"] == pd.Timestamp("2021-05-13 17:01:13")
    rej = rejected(root, "service_tickets")  # no format fits T4
    assert rej[["source_row", "column", "value"]].values.tolist() == [[5, "when", "2021-05-13 09:01"]]
    assert "is not a date and time" in rej["reason"].iloc[0]


def test_fill_down_within_a_key_and_a_row_filter(root: Path) -> None:
    """Shopify products: variant rows leave the product's fields empty; image-only rows."""
    declare(root, """
        sources:
          - name: catalogue
            files: "shop/products*.csv"
            fill_down: {columns: [Title, Vendor, Type], within: [Handle]}
            where: '"Variant SKU" IS NOT NULL'     # image-only rows have no variant
            inputs: {Variant Price: number}
            table: products
            columns: {sku: Variant SKU, product_name: Title, brand: Vendor, category: Type, list_price: Variant Price}
        pins: [{files: "shop/*", use: catalogue}]   # not the built-in shopify_products
    """)
    put(root, "shop/products_export_1.csv", """
        Handle,Title,Vendor,Type,Variant SKU,Variant Price,Image Src
        towel,Bath towel,Loom,bath,T-S,59.00,https://cdn.example.com/t1.jpg
        towel,,,,T-L,79.00,
        towel,,,,,,https://cdn.example.com/t2.jpg
        candle,Candle,Lumen,decor,C-1,89.00,https://cdn.example.com/c.jpg
        plain,,,,P-1,9.00,
    """)
    run(root)
    p = table(root, "products").set_index("sku")
    assert p.loc["T-L", ["product_name", "brand", "category", "list_price"]].tolist() == ["Bath towel", "Loom", "bath", 79.0]
    assert pd.isna(p.loc["P-1", "product_name"])  # within Handle: nothing carried over from candle
    rep = file_report(root, "products_export_1.csv", "products")
    assert rep["rows_read"] == 4 and "1 of 5 rows skipped by `where:" in " ".join(rep["notes"])
    assert_reconciles(root)


@pytest.mark.parametrize(("name", "period"), [
    ("生意参谋_流量来源_2019-07-29.csv", ("2019-07-29", "2019-07-29")),
    ("report_20190729.csv", ("2019-07-29", "2019-07-29")),
    ("spend_2019-07.csv", ("2019-07-01", "2019-07-31")),
    ("a22792e5-508a_智能选款_2026-04-20~2026-04-26.csv", ("2026-04-20", "2026-04-26")),
])
def test_period_from_the_file_name(root: Path, name: str, period: tuple[str, str]) -> None:
    declare(root, """
        sources:
          - name: summary
            files: "sycm/*.csv"
            encoding: gbk
            header_row: 3
            period: file_name
            inputs: {访客数: integer, 支付转化率: number}
            where: 流量来源 <> '汇总'
            table: traffic
            group_by: [流量来源]
            columns: {channel: 流量来源}
            compute:
              visited_on: min(_period_start)
              visitors: sum(访客数)
              buyers: round(sum(访客数 * 支付转化率))     # rate × visitors
              checkouts: date_diff('day', min(_period_start), min(_period_end))   # to see the period's end
            values: {channel: {搜索: organic_search, 直通车: paid_search}}
            constants: {platform: tmall, device: mobile}
        pins: [{files: "sycm/*", use: summary}]   # not the built-in tmall_traffic
    """)
    put(root, f"sycm/{name}", """
        生意参谋 流量来源
        统计时间 见文件名
        流量来源,来源明细,访客数,支付转化率
        搜索,手淘搜索,"1,200",9.98%
        搜索,天猫搜索,300,2.00%
        直通车,直通车,500,1.5%
        汇总,,"1,700",
    """, encoding="gbk")
    run(root)
    traffic = table(root, "traffic").set_index("channel")
    assert str(traffic.loc["organic_search", "visited_on"])[:10] == period[0]
    assert traffic.loc["organic_search", "visitors"] == 1500
    assert traffic.loc["organic_search", "buyers"] == 126  # 1200 × 9.98% + 300 × 2% = 119.76 + 6
    assert traffic.loc["paid_search", "buyers"] == 8       # 500 × 1.5% = 7.5, rounded
    days = (pd.Timestamp(period[1]) - pd.Timestamp(period[0])).days
    assert traffic["checkouts"].tolist() == [days, days]


def test_a_declared_period(root: Path) -> None:
    declare(root, """
        sources:
          - name: crawl
            files: "crawl/*.csv"
            period: {start: 2021-05-20, end: 2021-05-20}
            table: competitor_prices
            columns: {competitor: shop, competitor_sku: id, price: price}
            compute: {observed_on: _period_end}
            constants: {platform: jd}
    """)
    put(root, "crawl/jd.csv", "shop,id,price\nA,1,9.90\n")
    run(root)
    assert str(table(root, "competitor_prices")["observed_on"].iloc[0])[:10] == "2021-05-20"


def test_headerless_file_unnamed_index_and_hash_column(root: Path) -> None:
    declare(root, """
        sources:
          - name: events
            files: "ev/UserBehavior.csv"
            header_row: 0
            column_names: [user_id, item_id, category_id, behavior, ts]
            inputs: {ts: {type: timestamp, formats: [unix]}}
            table: traffic
            group_by: [CAST(ts AS DATE)]
            compute:
              visited_on: CAST(ts AS DATE)
              visitors: count(DISTINCT user_id)
              buyers: count(DISTINCT user_id) FILTER (WHERE behavior = 'buy')
            constants: {platform: tmall, channel: all, device: mobile}
          - name: r_copy
            files: "r/*.csv"
            table: returns
            columns: {return_id: "Return #", order_id: order, sku: sku, returned_on: day, quantity: qty}
            compute: {refund_amount: "CAST(column_1 AS INTEGER) * 0"}
    """)
    put(root, "ev/UserBehavior.csv", "1,11,5,pv,1511544070\n1,11,5,buy,1511544170\n2,12,5,pv,1511630000\n")
    put(root, "r/returns.csv", '"","Return #","order","sku","day","qty"\n"1","R-1","O1","A1","2025-03-10",1\n')
    run(root)
    traffic = table(root, "traffic").sort_values("visited_on")
    assert traffic[["visitors", "buyers"]].values.tolist() == [[1, 1], [1, 0]]
    assert [str(d)[:10] for d in traffic["visited_on"]] == ["2017-11-25", "2017-11-26"]  # Shanghai days
    assert file_report(root, "UserBehavior.csv", "traffic")["rows_read"] == 2
    assert table(root, "returns")["return_id"].tolist() == ["R-1"]


def test_headerless_rows_keep_their_line_numbers(root: Path) -> None:
    declare(root, """
        sources:
          - name: events
            files: "ev/*.csv"
            header_row: 0
            column_names: [id, shop, price]
            inputs: {price: number}
            table: competitor_prices
            columns: {competitor: shop, competitor_sku: id, price: price}
            compute: {observed_on: "DATE '2021-05-20'"}
            constants: {platform: jd}
    """)
    put(root, "ev/jd.csv", "1,A,9.90\n2,B,12元x\n3,C,1万+\n")
    run(root)
    assert rejected(root)["source_row"].tolist() == [2]
    assert table(root, "competitor_prices").set_index("competitor_sku")["price"].to_dict() == {"1": 9.9, "3": 10000.0}


def test_a_sheet_of_a_workbook(root: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Summary"
    book.active.append(["not the data"])
    sheet = book.create_sheet("OrderList")
    sheet.append(["Order ID", "Plant Code", "Product ID", "Order Date", "TPT", "Unit quantity"])
    sheet.append([1447296446.7, "PLANT16", 1700106, pd.Timestamp("2013-05-26").to_pydatetime(), 1, 808])
    path = root / "data" / "raw" / "scm" / "book.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    declare(root, """
        sources:
          - name: book
            files: "scm/*.xlsx"
            sheet: OrderList
            inputs: {Order Date: date, TPT: integer}
            table: purchase_orders
            columns: {po_id: Order ID, supplier_id: Plant Code, sku: Product ID, ordered_on: Order Date,
                      qty_ordered: Unit quantity}
            compute: {promised_on: '"Order Date" + CAST(TPT AS INTEGER)'}
            constants: {line_no: 1}
    """)
    run(root)
    po = table(root, "purchase_orders").iloc[0]
    assert (po["po_id"], po["sku"], str(po["promised_on"])[:10]) == ("1447296446.7", "1700106", "2013-05-27")


def test_undecided_where_keeps_an_unreadable_row_to_reject_it(root: Path) -> None:
    declare(root, """
        sources:
          - name: crawl
            files: "crawl/*.csv"
            inputs: {price: number}
            where: price > 0                 # 'abc' cannot be judged: the row is rejected, not skipped
            table: competitor_prices
            columns: {competitor: shop, competitor_sku: id, price: price}
            compute: {observed_on: "DATE '2021-05-20'"}
            constants: {platform: jd}
    """)
    put(root, "crawl/jd.csv", "shop,id,price\nA,1,9.90\nA,2,0\nA,3,abc\n")
    run(root)
    assert rejected(root)[["source_row", "value"]].values.tolist() == [[4, "abc"]]
    rep = file_report(root, "jd.csv", "competitor_prices")
    assert (rep["rows_read"], rep["rows_written"], rep["rows_rejected"]) == (2, 1, 1)


def test_the_mapping_connection_reads_no_file() -> None:
    con = sql.connect()
    assert con.sql("SELECT current_setting('enable_external_access')").fetchall() == [(False,)]
    with pytest.raises(Exception, match="disabled by configuration|locked"):
        con.execute("SET enable_external_access = true")
    with pytest.raises(Exception, match="file system operations are disabled"):
        con.sql("SELECT * FROM read_csv('/etc/hostname')").fetchall()


def test_boolean_inputs_and_the_file_and_row_pseudo_columns(root: Path) -> None:
    declare(root, """
        sources:
          - name: catalogue
            files: "erp/*.csv"
            encoding: gbk
            inputs: {在售: boolean, 吊牌价: number}
            table: products
            columns: {sku: 货号, is_active: 在售, list_price: 吊牌价}
            compute:
              product_name: _file || ' row ' || _row       # where the product was read
              launched_on: "CASE WHEN 在售 THEN DATE '2024-01-01' END"
    """)
    put(root, "erp/商品表.csv", "货号,在售,吊牌价\nA1,是,59\nB1,否,\"1,089.00\"\nC1,maybe,5\n", encoding="gbk")
    run(root)
    p = table(root, "products").set_index("sku")
    assert p["is_active"].to_dict() == {"A1": True, "B1": False}
    assert p.loc["B1", ["product_name", "list_price"]].tolist() == ["商品表.csv row 3", 1089.0]
    assert str(p.loc["A1", "launched_on"])[:10] == "2024-01-01" and pd.isna(p.loc["B1", "launched_on"])
    assert "'在售' = 'maybe' in 商品表.csv row 4 is not true/false" in rejected(root)["reason"].iloc[0]
