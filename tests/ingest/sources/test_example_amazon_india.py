"""The amazon_india example (examples/amazon_india/): an Indian apparel seller's SKU price
lists, stock report, 3PL price comparison and expense sheet, as published on Kaggle/GitHub.

Fixtures written here in the published layouts (tests/fixtures/amazon_india/: the P&L list
padded with spaces, `Nill`, `#VALUE!`, `#REF!`, a blank row with only pandas' index, a SKU
given twice) with rows worked out by hand, and the real files of ../shared/realdata where
present; plus the mapping-language pieces the example needs (`newest_wins:`, `not_read:`,
a month named in a file name)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from storebook.ingest.sources.mapping.run import period_of_name
from support.mapping import declare, failure, install, put, realdata_folder
from support.sources import EN, assert_reconciles, file_report, manifest, rejected, run, table

FIXTURES = REPO / "tests" / "fixtures" / "amazon_india"
PRICE_LISTS = ["May-2022.csv", "P  L March 2021.csv"]
STOCK = "Sale Report.csv"
NOT_DATA = ["Cloud Warehouse Compersion Chart.csv", "Expense IIGF.csv"]


def counts(root: Path) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(file name, table) → (read, written, rejected)."""
    return {(Path(f["path"]).name, f["table"]): (f["rows_read"], f["rows_written"], f["rows_rejected"])
            for f in manifest(root)["files"]}


# ----------------------------------------------------------------------------- fixtures

def test_fixture_folder_as_downloaded(root: Path) -> None:
    install(root, "amazon_india", [FIXTURES / n for n in [*PRICE_LISTS, STOCK, *NOT_DATA]], folder="amazon_india")
    report = run(root)
    assert counts(root) == {
        ("May-2022.csv", "products"): (5, 5, 0),
        ("P  L March 2021.csv", "products"): (3, 2, 1),    # Os206_3141_S is in the newer May list
        ("Sale Report.csv", "products"): (6, 3, 3),        # #REF!, an empty SKU, a SKU given twice
        ("Sale Report.csv", "inventory"): (6, 3, 3),
    }
    assert_reconciles(root)
    products = table(root, "products").set_index("sku")
    assert sorted(products.index) == ["AN201-RED-L", "AN201-RED-M", "IRIS_1413_2XL", "Os1041_S", "Os152_S",
                                      "Os206_3141_M", "Os206_3141_S", "Os206_3141_XL", "Os326_3XL",
                                      "PJNE3404-KR-4XL"]
    cols = ["category", "unit_cost", "list_price"]
    # The May list wins over March 2021's 500 / 2195 for the SKU both lists hold.
    assert products.loc["Os206_3141_S", cols].tolist() == ["Kurta", 538.0, 2295.0]
    # Final MRP Old, not the marketplaces' MRPs (Amazon lists it at 1695).
    assert products.loc["Os152_S", "list_price"] == 1795.0
    # #VALUE! and Nill are missing: the product is kept without cost or price.
    row = products.loc["Os1041_S"]
    assert row["category"] == "Kurta Set" and pd.isna(row["unit_cost"]) and pd.isna(row["list_price"])
    assert pd.isna(products.loc["IRIS_1413_2XL", "category"]) and products.loc["IRIS_1413_2XL", "unit_cost"] == 818.0
    # The padded P&L list: values read without their spaces; a padded Nill is missing.
    assert products.loc["Os206_3141_XL", cols].tolist() == ["Kurta", 538.0, 2295.0]
    row = products.loc["Os326_3XL"]
    assert row["unit_cost"] == 467.0 and pd.isna(row["list_price"])
    assert products.loc["AN201-RED-L", "category"] == "AN : LEGGINGS" and pd.isna(products.loc["AN201-RED-L", "unit_cost"])

    inventory = table(root, "inventory").set_index("sku")
    assert sorted(inventory.index) == ["AN201-RED-L", "AN201-RED-M", "PJNE3404-KR-4XL"]
    assert inventory.loc["AN201-RED-L", ["snapshot_on", "warehouse", "on_hand"]].tolist() == [
        dt.date(2022, 5, 31), "all", 5]
    # A stock report's SKU listed twice: the row that holds stock is kept (23 units, not the
    # first row's 0; ingest kept the 0 before).
    assert inventory.loc["PJNE3404-KR-4XL", "on_hand"] == 23
    assert inventory["on_order"].isna().all()

    rej = rejected(root, "inventory").set_index("source_row")
    assert sorted(rej.index) == [4, 5, 6]  # file lines: #REF!, the empty SKU, the PJNE3404-KR-4XL at 0
    assert rej.loc[4, "reason"].startswith("'sku' is #REF!, a spreadsheet error (a broken reference)")
    assert "column 'sku' is empty" in rej.loc[5, "reason"]
    assert rej.loc[6, "reason"] == ("duplicate key (snapshot_on=2022-05-31, sku=PJNE3404-KR-4XL, "
                                    "warehouse=all); the row with the most stock on hand is kept: "
                                    "data/raw/amazon_india/Sale Report.csv row 7")
    # The catalogue keeps the first row of a SKU (its category is the same in both).
    assert "first seen in data/raw/amazon_india/Sale Report.csv row 6" in rejected(root, "products").set_index(
        "source_row").loc[7, "reason"]
    superseded = rejected(root, "products").query("source_file.str.endswith('P  L March 2021.csv')")
    assert superseded["reason"].tolist() == [
        "superseded: sku=Os206_3141_S is also in the newer export data/raw/amazon_india/May-2022.csv "
        "(as of 2022-05-31); the newest export wins"]
    notes = " ".join(file_report(root, STOCK, "inventory")["notes"])
    assert "1 of 7 rows skipped by `where:" in notes and "period 2022-05-31 to 2022-05-31" in notes

    # The 3PL chart and the expense sheet: not read, each named with why, the others read.
    listed = {Path(f["path"]).name: f["why"] for f in manifest(root)["not_read"]}
    assert set(listed) == set(NOT_DATA) and "3PL" in listed["Cloud Warehouse Compersion Chart.csv"]
    summary = report.summary(EN)
    assert "not read: data/raw/amazon_india/Expense IIGF.csv: a petty-cash sheet" in summary
    again = run(root).summary(EN)  # nothing changed: nothing to do, and the files not read are still named
    assert "nothing to do" in again and "not read: data/raw/amazon_india/Expense IIGF.csv" in again


def test_fixture_older_list_alone_is_read_whole(root: Path) -> None:
    install(root, "amazon_india", [FIXTURES / "P  L March 2021.csv"], folder="amazon_india")
    run(root)
    assert counts(root) == {("P  L March 2021.csv", "products"): (3, 3, 0)}
    assert table(root, "products").set_index("sku").loc["Os206_3141_S", "unit_cost"] == 500.0


def test_fixture_without_the_other_files_has_no_not_read_entry(root: Path) -> None:
    install(root, "amazon_india", [FIXTURES / STOCK], folder="amazon_india")
    report = run(root)
    assert "not_read" not in manifest(root) and "not read" not in report.summary(EN)


# ----------------------------------------------------------------------------- the real files

def test_real_seller_reports(root: Path) -> None:
    real = realdata_folder("amazon_india_seller_reports_E-Commerce-Sales")
    install(root, "amazon_india", sorted(p for p in real.iterdir() if p.suffix == ".csv"), folder="amazon_india")
    run(root)
    assert counts(root) == {
        ("May-2022.csv", "products"): (1330, 1330, 0),
        ("P  L March 2021.csv", "products"): (1330, 0, 1330),  # the same 1,330 SKUs: May 2022 wins
        # 9,271 rows, 36 blank but for pandas' index skipped; rejected: 47 stock lines without
        # a SKU code, 15 with #REF!, 4 SKU codes given to two designs.
        ("Sale Report.csv", "products"): (9235, 9169, 66),
        ("Sale Report.csv", "inventory"): (9235, 9169, 66),
    }
    assert_reconciles(root)
    assert {Path(f["path"]).name for f in manifest(root)["not_read"]} == set(NOT_DATA)
    products = table(root, "products").set_index("sku")
    assert len(products) == 1330 + 9169  # no SKU is in both the price lists and the stock report
    # May-2022.csv line 2: Os206_3141_S, TP 538, Final MRP Old 2295.
    assert products.loc["Os206_3141_S", ["category", "unit_cost", "list_price"]].tolist() == ["Kurta", 538.0, 2295.0]
    assert products.loc[products.index.str.startswith("Os1041_"), "unit_cost"].isna().all()  # #VALUE!
    # Without a cost: 6 #VALUE! of the list and the stock report's SKUs; 37 Nill MRPs in the list.
    assert products["unit_cost"].isna().sum() == 6 + 9169 and products["list_price"].notna().sum() == 1330 - 37
    inventory = table(root, "inventory").set_index("sku")
    # Sale Report.csv line 2: AN201-RED-L, stock 5.0.
    assert inventory.loc["AN201-RED-L", "on_hand"] == 5 and (inventory["warehouse"] == "all").all()
    rej = rejected(root, "inventory")
    assert (rej["reason"].str.startswith("duplicate key")).sum() == 4
    # The 4 SKU codes listed twice (a plus size under design JNE3404/5 at 0, and under
    # PJNE3404/5 with stock): the rows with stock are kept, 23 + 2 + 158 + 149 = 332 units
    # (before: the rows at 0, the first in the file), and the rows at 0 rejected with why.
    raw = pd.read_csv(real / STOCK)
    codes = raw[raw["SKU Code"].notna() & (raw["SKU Code"] != "#REF!")]
    twice = codes[codes["SKU Code"].duplicated(keep=False)]
    assert len(twice) == 8 and twice["SKU Code"].nunique() == 4
    kept = inventory.loc[sorted(set(twice["SKU Code"])), "on_hand"]
    assert kept.tolist() == twice.groupby("SKU Code")["Stock"].max().sort_index().tolist() == [23, 2, 158, 149]
    dups = rej[rej["reason"].str.startswith("duplicate key")]
    assert dups["reason"].str.contains("the row with the most stock on hand is kept: data/raw/amazon_india/"
                                       "Sale Report.csv row 72").all()
    assert sorted(dups["source_row"]) == sorted(twice.loc[twice["Stock"] == 0, "index"] + 2)  # file lines
    assert inventory["on_hand"].sum() == 242037 + 332
    assert (rej["reason"] == "column 'sku' is empty; a value is required").sum() == 47
    assert rej["reason"].str.startswith("'sku' is #REF!, a spreadsheet error").sum() == 15


# ----------------------------------------------------------------------------- the language pieces

def test_period_of_a_month_named_in_the_file_name() -> None:
    assert period_of_name("P  L March 2021.csv") == ("2021-03-01", "2021-03-31")
    assert period_of_name("May-2022.csv") == ("2022-05-01", "2022-05-31")
    assert period_of_name("stock_sept_2021.csv") == ("2021-09-01", "2021-09-30")
    assert period_of_name("Sale Report.csv") is None and period_of_name("Mayfair 2020.csv") is None


def test_newest_wins_needs_a_period(root: Path) -> None:
    declare(root, """
        sources:
          - name: lists
            files: "lists/*.csv"
            newest_wins: true
            table: products
            columns: {sku: Sku}
    """)
    put(root, "lists/a.csv", "Sku\nA\n")
    message = failure(root)
    assert "source 'lists', `newest_wins`: is true but the source declares no `period:`" in message
    assert "add `period: file_name`" in message


def test_newest_wins_keeps_the_later_file_of_one_source(root: Path) -> None:
    declare(root, """
        sources:
          - name: lists
            files: "lists/*.csv"
            period: file_name
            newest_wins: true
            table: products
            columns: {sku: Sku, list_price: MRP}
    """)
    put(root, "lists/prices_2022-06.csv", "Sku,MRP\nA,120\n")
    put(root, "lists/prices_2022-05.csv", "Sku,MRP\nA,100\nB,50\n")
    run(root)
    assert counts(root) == {("prices_2022-05.csv", "products"): (2, 1, 1), ("prices_2022-06.csv", "products"): (1, 1, 0)}
    assert table(root, "products").set_index("sku")["list_price"].to_dict() == {"A": 120.0, "B": 50.0}


def test_newest_wins_keeps_an_order_whole_from_the_newer_file(root: Path) -> None:
    declare(root, """
        sources:
          - name: lines
            files: "lines/*.csv"
            period: file_name
            newest_wins: true
            table: order_lines
            columns: {order_id: order, line_no: line, quantity: qty}
    """)
    put(root, "lines/lines_2022-06-02.csv", "order,line,qty\nA,1,3\n")
    put(root, "lines/lines_2022-06-01.csv", "order,line,qty\nA,1,1\nA,2,1\nB,1,5\n")
    run(root)
    # Order A's two lines of the older file give way to its one line in the newer file.
    assert counts(root) == {("lines_2022-06-01.csv", "order_lines"): (3, 1, 2),
                            ("lines_2022-06-02.csv", "order_lines"): (1, 1, 0)}
    lines = table(root, "order_lines").set_index(["order_id", "line_no"])["quantity"].to_dict()
    assert lines == {("A", 1): 3, ("B", 1): 5}


TWO_ROW_HEADER = """\
index, Recived Amount, Unnamed: 1, Expance    , Unnamed: 3
    0, Particular    , Amount    , Particular , Amount
    1, 06-19-22      , 1000      , Large Bag  , 380
    2,               ,           , OLA        , 839
"""


def test_a_header_over_two_rows_says_how_to_name_the_columns(root: Path) -> None:
    declare(root, """
        sources:
          - name: expenses
            files: "sheets/*.csv"
            header_row: 2
            table: products                 # any table: this is about reading the header
            columns: {sku: Particular}
    """)
    put(root, "sheets/Expense IIGF.csv", TWO_ROW_HEADER)
    message = failure(root)
    assert "Expense IIGF.csv, row 2, column 'Particular': the column 'Particular' appears twice in the header" in message
    assert '`header_row: 0`, `column_names: […]` (5 names, one per column) and `where: "_row > 2"`' in message


def test_a_header_over_two_rows_read_with_its_columns_named(root: Path) -> None:
    declare(root, """
        sources:
          - name: expenses
            files: "sheets/*.csv"
            header_row: 0
            column_names: [index, received_on, received, expense, expense_amount]
            where: "_row > 2"
            inputs: {expense_amount: number}
            table: products                 # any table: this is about reading the header
            columns: {sku: expense, list_price: expense_amount}
    """)
    put(root, "sheets/Expense IIGF.csv", TWO_ROW_HEADER)
    run(root)
    assert counts(root) == {("Expense IIGF.csv", "products"): (2, 2, 0)}
    assert table(root, "products").set_index("sku")["list_price"].to_dict() == {"Large Bag": 380.0, "OLA": 839.0}
    assert "2 of 4 rows skipped by `where: _row > 2`" in " ".join(file_report(root, "Expense IIGF.csv", "products")["notes"])


@pytest.mark.parametrize("entry", [
    "[{files: \"*x.csv\"}]",                       # no why
    "[{files: \"*x.csv\", why: \"\"}]",            # an empty why
    "[{files: \"*x.csv\", why: w, use: none}]",    # an unknown key
])
def test_not_read_entry_that_is_malformed(root: Path, entry: str) -> None:
    declare(root, f"not_read: {entry}\n")
    put(root, "x/x.csv", "a\n1\n")
    message = failure(root)
    assert "not_read #1 is" in message and "why:" in message


def test_not_read_every_file(root: Path) -> None:
    declare(root, 'not_read: [{files: "x/*", why: notes of the team}]\n')
    put(root, "x/x.csv", "a\n1\n")
    assert "every raw file is declared not read" in failure(root)


def test_a_file_not_declared_still_stops_with_its_name(root: Path) -> None:
    install(root, "amazon_india", [FIXTURES / STOCK], folder="amazon_india")
    put(root, "amazon_india/Amazon Sale Report.csv", "index,Order ID,Date,Status,Fulfilment,SKU,Qty,currency,Amount\n"
                                                      "0,405-0000000-0000000,04-30-22,Shipped,Amazon,SET389-KR-NP-S,1,INR,647.62\n")
    # Orders the example does not declare (and not the stock report's source, despite the name).
    assert "Amazon Sale Report.csv: no source recognises this file" in failure(root)
