"""Every misuse of the mapping language stops the ingest with a message that names the
source, the key and the fix — from the declaration alone when it can, else from the file's
header, and always before a row of data is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from storebook.ingest.sources import custom
from support.mapping import declare, failure, put

BASE = """
sources:
  - name: shop
    files: "shop/*.csv"
    inputs:
      Qty: integer
      Price: number
      Day: {type: timestamp, formats: ["%Y-%m-%d %H:%M"]}
    tables:
      orders:
        group_by: [Invoice]
        columns:
          order_id: Invoice
        compute:
          ordered_at: min(Day)
          paid_at: min(Day)
          paid_amount: sum(Qty * Price)
          status: "'completed'"
        constants:
          platform: web
"""
FILE = "Invoice,Qty,Price,Day,Note,Order #\nA,2,1.50,2025-03-01 10:00,x,1\nA,1,2.00,2025-03-01 10:00,y,1\n"


def _message(root: Path, yaml_text: str, data: str = FILE) -> str:
    declare(root, yaml_text)
    put(root, "shop/lines.csv", data)
    return failure(root)


def test_the_base_declaration_reads(root: Path) -> None:
    from support.sources import run, table

    declare(root, BASE)
    put(root, "shop/lines.csv", FILE)
    run(root)
    assert table(root, "orders")[["order_id", "paid_amount"]].values.tolist() == [["A", 5.0]]


@pytest.mark.parametrize(("change", "message"), [
    (("    inputs:", "    imputs: {}\n    inputs:"), "source 'shop': unknown key(s) imputs"),
    (("        group_by: [Invoice]", "        grup_by: [Invoice]"), "`tables.orders`: unknown key(s) grup_by"),
    (("      orders:", "      order:"), "table 'order' is not a canonical table"),
    (("          status: \"'completed'\"", "          stat: \"'completed'\""), "`compute:` names stat, not column(s) of orders"),
    (("          status: \"'completed'\"\n", ""), "required orders column(s) status are neither"),
    (("          order_id: Invoice", "          order_id: Invoice\n          paid_amount: Total"),
     "paid_amount given more than once"),
    (("    tables:", "    table: orders\n    tables:"), "both `table:` and `tables:`"),
    (("    tables:", "    constants: {platform: web}\n    tables:"), "constants sit beside `tables:`"),
    (("          paid_amount: sum(Qty * Price)", "          paid_amount: sum(Qty * Price"),
     "`tables.orders.compute.paid_amount`: `sum(Qty * Price`: it is not one SQL expression"),
    (("          paid_amount: sum(Qty * Price)", "          paid_amount: (SELECT sum(x) FROM read_csv('/etc/passwd'))"),
     "it holds a subquery: expressions may use the file's columns only"),
    (("          paid_amount: sum(Qty * Price)", "          paid_amount: 1 FROM x; DROP TABLE y; SELECT 1"),
     "`tables.orders.compute.paid_amount`"),
    (("          paid_amount: sum(Qty * Price)", "          paid_amount: sum(Qty * Price) AS total"),
     "it renames its result (`AS`)"),
    (("      Qty: integer", "      Qty: money"), "`inputs.Qty`: type 'money' is not known"),
    (("      Qty: integer", "      Qty: {type: number, formats: ['%d']}"), "`formats:` is given for a number column"),
    (("formats: [\"%Y-%m-%d %H:%M\"]", "formats: [\"YYYY-MM-DD\"]"), "format 'YYYY-MM-DD' has no % code"),
    (("    files: \"shop/*.csv\"", "    files: \"shop/*.csv\"\n    header_row: 0"),
     "`header_row`: is 0 (no header) but `column_names:` does not name the columns"),
    (("    files: \"shop/*.csv\"", "    files: \"shop/*.csv\"\n    column_names: [a, b]"),
     "`column_names`: is given for a file whose header is on row 1"),
    (("    files: \"shop/*.csv\"", "    files: \"shop/*.csv\"\n    period: yesterday"),
     "`period`: 'yesterday' is not a date (YYYY-MM-DD)"),
    (("    files: \"shop/*.csv\"", "    files: \"shop/*.csv\"\n    period: {start: 2025-03-31, end: 2025-03-01}"),
     "`period`: ends (2025-03-01) before it starts (2025-03-31)"),
    (("    tables:", "    joins: {pay: {source: payment, on: {Invoice: order}}}\n    tables:"),
     "`joins.pay.source`: 'payment' is not a declared source"),
    (("    tables:", "    joins: {me: {source: shop, on: {Invoice: Invoice}}}\n    tables:"), "is this source itself"),
    (("    tables:", "    joins: {pay: {source: payments}}\n    tables:"), "`joins.pay.on`: is missing"),
    (("    tables:", "    joins: {pay-ments: {source: shop, on: {Invoice: Invoice}}}\n    tables:"),
     "the join name 'pay-ments' is not a plain name"),
    (("          order_id: Invoice", "          order_id: # the invoice number"),
     "`tables.orders.columns.order_id`: is empty"),
    (("    files: \"shop/*.csv\"", "    files: \"shop/*.csv\"\n    decimal: \",\""), "are the same character"),
    (("    files: \"shop/*.csv\"", "    files: \"shop/*.csv\"\n    encoding: ebcdic"), "encoding 'ebcdic' is not supported"),
])
def test_a_declaration_that_does_not_fit_names_the_source_key_and_fix(root: Path, change: tuple[str, str],
                                                                       message: str) -> None:
    text = BASE.replace(*change)
    assert text != BASE
    got = _message(root, text)
    assert message in got, got
    assert "storebook.sources.yaml" in got and "What to do:" in got


def test_joins_one_level_deep_and_lookups_that_nobody_joins(root: Path) -> None:
    extra = """
  - name: payments
    files: "pay/*.csv"
    joins: {x: {source: shop, on: {order: Invoice}}}
    table: orders
    columns: {order_id: order, ordered_at: day, paid_amount: value, status: status}
    constants: {platform: web}
"""
    text = BASE.replace("    tables:", "    joins: {pay: {source: payments, on: {Invoice: order}}}\n    tables:") + extra
    assert "the joined source 'payments' has joins of its own" in _message(root, text)
    lonely = BASE + '  - name: lookup\n    files: "lookup/*.csv"\n'
    assert "source 'lookup' feeds no table and no source joins it" in _message(root, lonely)


@pytest.mark.parametrize(("change", "message", "todo"), [
    (("          order_id: Invoice", "          order_id: Order #"),
     "column(s) 'Order' declared in storebook.sources.yaml, source 'shop' (`tables.orders.columns.order_id`) are not in the header",
     "the header has 'Order #': in YAML ' #' starts a comment, write \"Order #\" in quotes"),
    (("      Qty: integer", "      Qnty: integer"), "(`inputs.Qnty`) are not in the header", "Invoice, Qty, Price"),
    (("          paid_amount: sum(Qty * Price)", "          paid_amount: sum(Qnty * Price)"),
     "`tables.orders.compute.paid_amount`: `sum(Qnty * Price)` does not run on this file", "use a column of the header"),
    (("          status: \"'completed'\"", "          status: Note || 1"),
     "`tables.orders.compute.status`", "wrap the column in an aggregate"),
    (("        group_by: [Invoice]\n", ""), "`tables.orders.compute.ordered_at`", "needs one"),
    (("          status: \"'completed'\"", "          status: \"'completed'\"\n          coupon_code: max(Note) * 2"),
     "`tables.orders.compute.coupon_code`", "declare the column's type under `inputs:`"),
    (("          status: \"'completed'\"", "          status: \"'completed'\"\n          promo_id: list(Note)"),
     "`tables.orders.compute.promo_id`: `list(Note)` gives VARCHAR[]", "pick one element"),
    (("          ordered_at: min(Day)\n", "          ordered_at: min(CAST(Day AS DATE) + Qty)\n"),
     "`tables.orders.compute.ordered_at`", "date + CAST(days AS INTEGER)"),
    (("      Price: number", "      Price: {type: number, default: none}"), "`inputs.Price.default`: 'none' is not a number",
     "fix `default:`"),
    (("        group_by: [Invoice]", "        group_by: [Invoice]\n        where: Qty + Note > 1"),
     "`tables.orders.where`", "declare the column's type under `inputs:`"),
    (("        group_by: [Invoice]", "        group_by: [Invoice No]"),
     "`tables.orders.group_by`: 'Invoice No' is not a column of the header", "quote names holding '#'"),
])
def test_a_mapping_that_does_not_fit_the_header_stops_before_the_data_is_read(
        root: Path, monkeypatch: pytest.MonkeyPatch, change: tuple[str, str], message: str, todo: str) -> None:
    def no_data(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("the data was read before the mapping was checked")

    monkeypatch.setattr(custom.CustomSource, "read_rows", no_data)
    text = BASE.replace(*change)
    assert text != BASE
    got = _message(root, text)
    assert message in got and todo in got, got
    assert "lines.csv" in got


def test_a_joined_column_not_in_the_joined_files_header(root: Path) -> None:
    text = BASE.replace("    tables:", "    joins: {pay: {source: payments, on: {Invoice: order}, columns: [method]}}\n"
                                       "    tables:") + '  - name: payments\n    files: "pay/*.csv"\n'
    put(root, "pay/p.csv", "order,type\nA,card\n")
    got = _message(root, text)
    assert "'method'" in got and "(`joins.pay.columns`)" in got and "of the files of source 'payments'" in got


def test_a_period_from_a_file_name_that_names_none(root: Path) -> None:
    text = BASE.replace('    files: "shop/*.csv"', '    files: "shop/*.csv"\n    period: file_name')
    got = _message(root, text)
    assert "lines.csv: the file name names no period" in got and "declare `period: {start: …, end: …}`" in got


def test_two_sources_on_one_file_point_to_tables(root: Path) -> None:
    second = BASE.replace("  - name: shop", "  - name: shop_again")
    text = BASE + second.split("sources:\n", 1)[1]
    got = _message(root, text)
    assert "matches several sources" in got and "one custom source with `tables:`" in got


def test_an_expression_that_fails_on_a_value_names_the_source_and_what_to_do(root: Path) -> None:
    text = BASE.replace("          status: \"'completed'\"", "          status: \"'completed'\"\n"
                                                            "          coupon_code: max(CAST(Note AS INTEGER))")
    got = _message(root, text)
    assert "source 'shop': an expression fails on the file's values" in got and "try_cast" in got
