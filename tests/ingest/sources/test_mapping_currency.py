"""`currency:` in storebook.sources.yaml: a source declares the currency of its amounts, one for
every row (`currency: BRL`) or the file's column that states each row's (`currency: {column:
Currency}`), and what a value that is no currency code stops the ingest with (file, row,
column, what was expected, what to do). Small hand-written files; the rows stating each
currency are counted by hand below each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from storebook.engine.config import Config
from storebook.engine.identity import identify
from storebook.report.text import Text
from support.mapping import declare, failure, put
from support.sources import assert_reconciles, file_report, manifest, run, table

ORDERS = """
    Order,Placed,Total,Currency
    A1,2025-03-01 10:00,10.50,EUR
    A2,2025-03-02 11:00,20.00,eur
    A3,2025-03-03 12:00,5.25,
    A4,2025-03-04 13:00,7.00,USD
"""
# EUR: A1 and A2 (case does not matter) = 2 rows; USD: A4 = 1 row; A3 states none (an
# optional cell left empty: no row is rejected for it).

SOURCE = """
sources:
  - name: shop
    files: "shop/*.csv"
    {currency}
    table: orders
    columns: {{order_id: Order, ordered_at: Placed, paid_at: Placed, paid_amount: Total}}
    constants: {{platform: web, status: completed}}
"""


def _declare(root: Path, currency: str) -> None:
    declare(root, SOURCE.format(currency=currency))


def test_a_fixed_currency_is_recorded_for_the_file_and_names_the_store_currency(root: Path) -> None:
    _declare(root, "currency: brl")  # the code in any case
    put(root, "shop/orders.csv", ORDERS)
    report = run(root)
    rep = file_report(root, "orders.csv", "orders")
    assert (rep["currency"], rep["currency_column"], rep["currency_rows"]) == ("BRL", "", {})
    assert "amounts in BRL (declared in storebook.sources.yaml: `currency:`)" in " ".join(rep["notes"])
    assert manifest(root)["store"]["currency"] == "BRL"
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_stated, who.country["code"]) == ("BRL", True, "BR")
    assert report.currencies is None  # one currency: nothing to warn of
    assert_reconciles(root)
    assert len(table(root, "orders")) == 4


def test_a_currency_column_counts_the_rows_stating_each_and_warns_of_a_mix(root: Path) -> None:
    _declare(root, "currency: {column: Currency}")
    put(root, "shop/orders.csv", ORDERS)
    report = run(root)
    rep = file_report(root, "orders.csv", "orders")
    assert (rep["currency"], rep["currency_column"], rep["currency_rows"]) == (None, "Currency", {"EUR": 2, "USD": 1})
    assert "Currency" not in rep["dropped_columns"]  # read, so not listed as left out
    assert report.currencies["kind"] == "mixed"
    said = report.summary(Text("en"))
    assert "data/raw/shop/orders.csv (column Currency): 2 rows in EUR and 1 row in USD" in said
    assert len(table(root, "orders")) == 4  # no row rejected for its currency


def test_a_currency_column_with_one_currency_states_it(root: Path) -> None:
    _declare(root, "currency: {column: Currency}")
    put(root, "shop/orders.csv", ORDERS.replace(",USD", ",EUR"))
    run(root)
    rep = file_report(root, "orders.csv", "orders")
    assert (rep["currency"], rep["currency_rows"]) == ("EUR", {"EUR": 3})
    assert manifest(root)["store"]["currency"] == "EUR"


def test_the_files_own_spellings_map_to_codes(root: Path) -> None:
    _declare(root, "currency: {column: Currency, values: {'R$': BRL, Reais: brl}}")
    put(root, "shop/orders.csv", """
        Order,Placed,Total,Currency
        A1,2025-03-01 10:00,10.50,R$
        A2,2025-03-02 11:00,20.00,Reais
        A3,2025-03-03 12:00,5.25,BRL
    """)
    run(root)
    assert file_report(root, "orders.csv", "orders")["currency_rows"] == {"BRL": 3}


def test_a_value_that_is_not_a_currency_code_stops_the_ingest_naming_file_row_and_column(root: Path) -> None:
    _declare(root, "currency: {column: Currency}")
    put(root, "shop/orders.csv", """
        Order,Placed,Total,Currency
        A1,2025-03-01 10:00,10.50,EUR
        A2,2025-03-02 11:00,20.00,R$
        A3,2025-03-03 12:00,5.25,R$
    """)
    said = failure(root)
    # Row 3 of the file (the header is row 1) holds the first R$; two rows hold it.
    assert "data/raw/shop/orders.csv, row 3, column 'Currency': 'R$' is not a currency code" in said
    assert "2 rows hold values that are not codes: 'R$'" in said
    assert "Expected: an ISO 4217 currency code" in said
    assert "R$ is written BRL" in said and "values: {'R$': <code>}" in said
    assert not (root / "data" / "processed" / "_current").exists() and not list(
        (root / "data" / "processed").glob("_generations/*/orders"))


def test_a_column_of_amounts_named_as_the_currency_is_caught(root: Path) -> None:
    _declare(root, "currency: {column: Total}")
    put(root, "shop/orders.csv", ORDERS)
    said = failure(root)
    assert "row 2, column 'Total': '10.50' is not a currency code" in said
    assert "if `Total` is not the currency column, name the right one" in said


@pytest.mark.parametrize(("declared", "problem"), [
    ("currency: R$", "'R$' is not a currency code (R$ is written BRL)"),
    ("currency: RMB", "'RMB' is not a currency code (RMB is written CNY)"),
    ("currency: QQQ", "'QQQ' is not a currency code"),
    ("currency: {col: Currency}", "unknown key(s) col"),
    ("currency: {column: Currency, values: {'R$': reais}}", "`currency.values.R$`: 'reais' is not a currency code"),
])
def test_a_declared_currency_that_is_no_code_stops_before_a_file_is_read(root: Path, declared: str,
                                                                          problem: str) -> None:
    _declare(root, declared)
    put(root, "shop/orders.csv", ORDERS)
    said = failure(root)
    assert "storebook.sources.yaml: source 'shop', `currency" in said and problem in said
    assert "What to do:" in said and ("currency: BRL" in said or "values: {'R$': BRL}" in said)


def test_a_currency_column_not_in_the_header_is_named(root: Path) -> None:
    _declare(root, "currency: {column: Moeda}")
    put(root, "shop/orders.csv", ORDERS)
    said = failure(root)
    assert "column(s) 'Moeda' declared in storebook.sources.yaml, source 'shop' (`currency.column`)" in said
