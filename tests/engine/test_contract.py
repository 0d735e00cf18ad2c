"""The open contract: required versus optional columns, orders as platforms count them,
vocabularies from storebook.toml, and references kept rather than dropped.

Each test writes a few canonical rows the way real exports leave them (empty optional
cells, guests, unpaid orders, unknown SKUs) and checks what ingest keeps.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from conftest import tables_dir, tiny_rows, write_csv
from storebook.engine import schema
from storebook.engine.config import Config, ConfigError
from storebook.ingest import ingest, read_rejected

NOW = datetime(2026, 11, 27, 12, 0, 0)


def run(root: Path):
    return ingest(Config.load(root), now=NOW)


def processed(root: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(tables_dir(root) / table)


def manifest(root: Path) -> dict:
    return json.loads((tables_dir(root) / "_ingest.json").read_text(encoding="utf-8"))


def reconciles(root: Path) -> bool:
    return all(f["rows_read"] == f["rows_written"] + f["rows_rejected"] for f in manifest(root)["files"])


ORDER = {"order_id": "", "platform": "web", "ordered_at": "2025-03-02 10:00:00", "paid_at": "2025-03-02 10:05:00",
         "status": "paid", "customer_id": "", "channel": "", "device": "", "province": "",
         "items_amount": "", "discount_amount": "", "shipping_amount": "", "paid_amount": "100.00",
         "refund_amount": "", "promo_id": "", "coupon_code": "", "adjustment_reason": ""}


def orders(root: Path, *rows: dict) -> None:
    write_csv(root, "orders", "orders.csv", [{**ORDER, **r} for r in rows])


# --------------------------------------------------------------------------- required versus optional

def test_required_columns_are_those_that_identify_a_row_or_carry_its_meaning() -> None:
    assert schema.required("orders") == ["order_id", "platform", "ordered_at", "status"]
    assert schema.required("products") == ["sku"]
    assert schema.required("traffic") == ["visited_on", "platform", "channel", "device", "visitors"]
    optional = {c.name for c in schema.columns("orders") if not c.required}
    assert {"customer_id", "channel", "device", "province", "items_amount", "paid_amount", "refund_amount"} <= optional


def test_an_order_with_every_optional_column_empty_is_kept_with_nulls(root: Path) -> None:
    orders(root, {"order_id": "#1001"})
    run(root)
    row = processed(root, "orders").iloc[0]
    assert row["order_id"] == "#1001" and row["paid_amount"] == 100.0
    for column in ("customer_id", "channel", "device", "province", "items_amount", "refund_amount",
                   "adjustment_amount"):
        assert pd.isna(row[column]), column
    assert read_rejected(Config.load(root)).empty


def test_a_product_without_cost_supplier_or_launch_date_is_kept(root: Path) -> None:
    write_csv(root, "products", "products.csv", [
        {"sku": "A1", "product_name": "Towel", "list_price": "59.00", "unit_cost": "", "supplier_id": "",
         "launched_on": "", "is_active": ""},
        {"sku": "B1", "product_name": "", "list_price": "", "unit_cost": "20.5", "supplier_id": "S404",
         "launched_on": "2024-01-01", "is_active": "false"},
    ])
    run(root)
    products = processed(root, "products").set_index("sku")
    assert products.index.tolist() == ["A1", "B1"]
    assert pd.isna(products.loc["A1", "unit_cost"]) and pd.isna(products.loc["A1", "is_active"])
    assert products.loc["B1", "is_active"] is False or products.loc["B1", "is_active"] == False  # noqa: E712
    # The unknown supplier is kept and counted (no suppliers table at all here).
    assert manifest(root)["tables"]["products"]["unknown_references"] == {"supplier_id": 1}


def test_traffic_with_visitors_only_keeps_the_other_counts_unknown(root: Path) -> None:
    write_csv(root, "traffic", "traffic.csv", [
        {"visited_on": "2025-03-01", "platform": "jd", "channel": "all", "device": "all", "visitors": "1200",
         "buyers": "", "paid_amount": ""},
    ])
    run(root)
    row = processed(root, "traffic").iloc[0]
    assert row["visitors"] == 1200 and pd.isna(row["buyers"]) and pd.isna(row["paid_amount"])


# --------------------------------------------------------------------------- orders as platforms count them

def test_unpaid_orders_are_kept_with_their_status(root: Path) -> None:
    orders(root,
           {"order_id": "P1", "status": "pending", "paid_at": "", "paid_amount": "0"},
           {"order_id": "C1", "status": "closed", "paid_at": "", "paid_amount": "0"},
           {"order_id": "X1", "status": "cancelled", "paid_at": "", "paid_amount": "0"},
           {"order_id": "D1"})
    run(root)
    got = processed(root, "orders").set_index("order_id")
    assert got["status"].to_dict() == {"C1": "closed", "D1": "paid", "P1": "pending", "X1": "cancelled"}
    assert got.loc[["P1", "C1", "X1"], "paid_at"].isna().all()
    assert reconciles(root)


def test_guests_stay_apart_and_are_never_merged_into_one_customer(root: Path) -> None:
    orders(root, {"order_id": "G1", "customer_id": ""}, {"order_id": "G2", "customer_id": "NA"},
           {"order_id": "G3", "customer_id": "guest"}, {"order_id": "K1", "customer_id": "ayumu@example.com"},
           {"order_id": "K2", "customer_id": "ayumu@example.com"})
    run(root)
    ids = processed(root, "orders").set_index("order_id")["customer_id"]
    assert ids[["G1", "G2", "G3"]].isna().all()
    assert ids["K1"] == ids["K2"] and ids["K1"].startswith("c_")


def test_the_difference_from_items_discount_shipping_is_booked_not_rejected(root: Path) -> None:
    # Taxes on top (a Shopify shop), a free-shipping discount given as a reason without an amount.
    orders(root,
           {"order_id": "T1", "items_amount": "100.00", "discount_amount": "0", "shipping_amount": "10.00",
            "paid_amount": "118.80"},
           {"order_id": "T2", "items_amount": "100.00", "discount_amount": "0", "shipping_amount": "10.00",
            "paid_amount": "100.00", "adjustment_reason": "shipping_discount"},
           {"order_id": "T3", "items_amount": "100.00", "discount_amount": "5.00", "shipping_amount": "5.00",
            "paid_amount": "100.00"})
    run(root)
    got = processed(root, "orders").set_index("order_id")
    assert got.loc["T1", "adjustment_amount"] == pytest.approx(8.80) and got.loc["T1", "adjustment_reason"] == "other"
    assert got.loc["T2", "adjustment_amount"] == pytest.approx(-10.0)
    assert got.loc["T2", "adjustment_reason"] == "shipping_discount"
    assert pd.isna(got.loc["T3", "adjustment_amount"])  # the identity holds: nothing to book
    # The identity holds to the cent with the adjustment, for every order.
    due = got["items_amount"] - got["discount_amount"] + got["shipping_amount"] + got["adjustment_amount"].fillna(0)
    assert ((got["paid_amount"] - due).abs() < 0.005).all()


def test_a_refund_larger_than_the_payment_is_rejected(root: Path) -> None:
    orders(root, {"order_id": "R1", "refund_amount": "150.00"})
    run(root)
    rej = read_rejected(Config.load(root), "orders")
    assert rej["reason"].tolist() == ["breaks the rule refund_amount <= paid_amount"]


def test_an_order_without_an_amount_is_kept_and_a_bad_amount_still_rejected(root: Path) -> None:
    # A units-only export (the Tianchi trade history, a warehouse's outbound orders) gives no
    # paid amount: the order is kept, its amount unknown, whatever its items, refund or status.
    orders(root,
           {"order_id": "U1", "paid_amount": ""},
           {"order_id": "U2", "paid_amount": "", "items_amount": "100.00", "shipping_amount": "10.00",
            "refund_amount": "30.00"},
           {"order_id": "U3", "paid_amount": "", "paid_at": "", "status": "closed"},
           {"order_id": "B1", "paid_amount": "-5.00"},
           {"order_id": "B2", "paid_amount": "abc"})
    run(root)
    got = processed(root, "orders").set_index("order_id")
    assert sorted(got.index) == ["U1", "U2", "U3"]
    assert got["paid_amount"].isna().all()
    assert got.loc["U2", "refund_amount"] == 30.0 and pd.isna(got.loc["U2", "adjustment_amount"])  # nothing booked
    found = read_rejected(Config.load(root), "orders")
    rej = dict(zip(found["record"].map(lambda r: json.loads(r)["order_id"]), found["reason"], strict=True))
    assert set(rej) == {"B1", "B2"}
    assert "paid_amount" in rej["B1"], rej["B1"]  # a negative payment (the first rule it breaks)
    assert rej["B2"] == "'paid_amount' is not a number", rej["B2"]


# --------------------------------------------------------------------------- vocabularies from storebook.toml

def test_a_new_platform_ingests_after_one_line_in_storebook_toml(root: Path) -> None:
    orders(root, {"order_id": "PDD1", "platform": "pinduoduo"})
    run(root)
    (reason,) = read_rejected(Config.load(root), "orders")["reason"]
    assert "add 'pinduoduo' to [store].platforms in storebook.toml" in reason
    toml = root / "storebook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'platforms = ["tmall", "jd", "douyin", "web"]', 'platforms = ["tmall", "jd", "douyin", "web", "pinduoduo"]'),
        encoding="utf-8")
    run(root)  # the vocabulary is part of how files are read: no --force needed
    assert processed(root, "orders")["platform"].tolist() == ["pinduoduo"]
    assert read_rejected(Config.load(root)).empty


def test_an_unknown_channel_is_rejected_with_the_fix(root: Path) -> None:
    orders(root, {"order_id": "A", "channel": "tv"}, {"order_id": "B", "channel": "social"})
    run(root)
    (reason,) = read_rejected(Config.load(root), "orders")["reason"]
    assert reason.startswith("'tv' is not one of the workbook's channels") and "[store].channels" in reason


@pytest.mark.parametrize(("text", "message"), [
    ('[store]\nplatfroms = ["tmall"]\n', "[store] platfroms is not a setting: did you mean 'platforms'?"),
    ("[reprot]\npack = []\n", "[reprot] is not a setting: did you mean 'report'?"),
    ('[store]\nplatforms = "tmall"\n', "[store] platforms: Input should be a valid list (got 'tmall')"),
    ('[store]\nplatforms = ["Tmall"]\n', "[store] platforms item 1: String should match pattern"),
    ('[store]\nchannels = ["all"]\n', "'all' is reserved for the totals rows"),
    ('[store]\ntimezone = "Mars/Base"\n', "'Mars/Base' is not a time zone"),
])
def test_a_configuration_typo_is_an_error_naming_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "storebook.local.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Config.load(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'storebook.local.toml'}: ")
    assert message in str(err.value)


# --------------------------------------------------------------------------- references

def test_a_line_without_sku_is_keyed_by_its_item_name(root: Path) -> None:
    orders(root, {"order_id": "#1"})
    write_csv(root, "order_lines", "order_lines.csv", [
        {"order_id": "#1", "line_no": "1", "sku": "", "item_name": "Gift  Card €50", "quantity": "2",
         "unit_price": "50.00", "discount_amount": "", "line_amount": ""},
        {"order_id": "#1", "line_no": "2", "sku": "", "item_name": "", "quantity": "1",
         "unit_price": "", "discount_amount": "", "line_amount": ""},
    ])
    run(root)
    lines = processed(root, "order_lines")
    assert lines["sku"].iloc[0] == "name:gift card €50" and lines["line_amount"].iloc[0] == 100.0
    assert pd.isna(lines["sku"].iloc[1]) and pd.isna(lines["line_amount"].iloc[1])


def test_a_child_row_is_kept_when_its_parent_table_is_absent_and_rejected_when_its_parent_is(root: Path) -> None:
    ship = {"carrier": "", "warehouse": "", "province": "", "shipped_at": "2025-03-03 09:00:00",
            "delivered_at": "", "shipping_cost_amount": ""}
    write_csv(root, "shipments", "shipments.csv", [{"shipment_id": "S1", "order_id": "O1", **ship},
                                                   {"shipment_id": "S2", "order_id": "O9", **ship}])
    run(root)  # no orders table: the shipments stand on their own
    assert processed(root, "shipments")["shipment_id"].tolist() == ["S1", "S2"]
    for table, rows in tiny_rows().items():
        write_csv(root, table, f"{table}.csv", rows)
    run(root)  # with the orders, the shipment of an order that is not there is an orphan
    assert processed(root, "shipments")["shipment_id"].tolist() == ["S1"]
    (reason,) = read_rejected(Config.load(root), "shipments")["reason"]
    assert reason.startswith("'order_id' has no match in orders.order_id: the orders row is not in the data")
    assert reconciles(root)
