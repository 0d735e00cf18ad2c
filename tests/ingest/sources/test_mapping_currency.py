"""`currency:` in storebook.sources.yaml: a source declares the currency of its amounts, one for
every row (`currency: BRL`) or the file's column that states each row's (`currency: {column:
Currency}`); a value that is no currency code rejects its row with the column, the value and what
to do, and stops the ingest only where no value of the column is a code (file, row, column, what
was expected, what to do). Small hand-written files; the rows stating each currency are counted
by hand below each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from storebook.engine.config import Config
from storebook.engine.identity import identify
from storebook.ingest.wording import say_reason
from storebook.report.text import Text
from support.mapping import declare, failure, put
from support.sources import assert_reconciles, file_report, manifest, rejected, run, table

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
    _declare(root, "currency: {column: Currency, values: {Real: BRL, Reais: brl}}")
    put(root, "shop/orders.csv", """
        Order,Placed,Total,Currency
        A1,2025-03-01 10:00,10.50,Real
        A2,2025-03-02 11:00,20.00,Reais
        A3,2025-03-03 12:00,5.25,BRL
    """)
    run(root)
    assert file_report(root, "orders.csv", "orders")["currency_rows"] == {"BRL": 3}


def test_spellings_that_name_one_currency_are_read_as_its_code(root: Path) -> None:
    """A Chinese shop's export writes its currency 人民币, RMB or 元, in no declared `values:`: each
    names the yuan alone, so the rows are read as CNY (in any case: rmb), none rejected, and the
    store's currency is CNY. On main no value was a code, and the ingest stopped."""
    _declare(root, "currency: {column: 币种}")
    put(root, "shop/orders.csv", """
        Order,Placed,Total,币种
        A1,2025-03-01 10:00,10.50,人民币
        A2,2025-03-02 11:00,20.00,RMB
        A3,2025-03-03 12:00,5.25,rmb
        A4,2025-03-04 13:00,7.00,元
        A5,2025-03-05 14:00,3.00,
    """)
    report = run(root)
    rep = file_report(root, "orders.csv", "orders")
    # A1–A4 state CNY (4 rows); A5 states none.
    assert (rep["currency"], rep["currency_column"], rep["currency_rows"]) == ("CNY", "币种", {"CNY": 4})
    assert not rep.get("currency_unread")
    assert sorted(table(root, "orders")["order_id"]) == ["A1", "A2", "A3", "A4", "A5"]
    assert rejected(root, "orders").empty and rep["rows_rejected"] == 0
    assert manifest(root)["store"]["currency"] == "CNY"
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_stated) == ("CNY", True)
    assert report.currencies is None  # one currency: nothing to warn of
    assert_reconciles(root)


def test_files_in_spelled_currencies_are_said_by_their_codes(root: Path) -> None:
    """Files whose currency column spells the euro (€) and the yuan (元, 人民币): the summary names
    each file by the code it is in, the rows of each are counted (1 EUR, 3 CNY), and the store's
    currency is the one most files state (CNY: b.csv and c.csv)."""
    _declare(root, "currency: {column: 币种}")
    put(root, "shop/a.csv", """
        Order,Placed,Total,币种
        A1,2025-03-04 13:00,7.00,€
    """)
    put(root, "shop/b.csv", """
        Order,Placed,Total,币种
        B1,2025-03-01 10:00,10.50,元
        B2,2025-03-02 11:00,20.00,元
    """)
    put(root, "shop/c.csv", """
        Order,Placed,Total,币种
        C1,2025-03-03 12:00,5.25,人民币
    """)
    report = run(root)
    assert file_report(root, "a.csv", "orders")["currency_rows"] == {"EUR": 1}
    assert file_report(root, "b.csv", "orders")["currency_rows"] == {"CNY": 2}
    assert file_report(root, "c.csv", "orders")["currency_rows"] == {"CNY": 1}
    assert report.currencies["kind"] == "differ" and sorted(report.currencies["currencies"]) == ["CNY", "EUR"]
    said = report.summary(Text("en"))
    assert "data/raw/shop/a.csv is in EUR (column 币种)" in said
    assert "2 files from data/raw/shop/b.csv to …/c.csv are in CNY (column 币种)" in said
    assert "data/raw/shop/a.csv 标明为 EUR（字段 币种）" in report.summary(Text("zh"))
    assert manifest(root)["store"]["currency_rows"] == {"CNY": 3, "EUR": 1}
    assert identify(Config.load(root), manifest(root)).currency == "CNY"
    assert len(table(root, "orders")) == 4 and rejected(root, "orders").empty


@pytest.mark.parametrize("sign", ["$", "¥", "￥", "Rs"])
def test_a_sign_that_names_several_currencies_still_rejects_its_row(root: Path, sign: str) -> None:
    """$ is every dollar, ¥ the yuan and the yen, Rs the rupees of several countries: read as one,
    a shop's yen would be summed as yuan. Their rows are rejected with the reason, while 人民币 in
    the same file is read as CNY (on main it was rejected too)."""
    _declare(root, "currency: {column: Currency}")
    put(root, "shop/orders.csv", f"""
        Order,Placed,Total,Currency
        A1,2025-03-01 10:00,10.50,人民币
        A2,2025-03-02 11:00,20.00,{sign}
    """)
    run(root)
    assert sorted(table(root, "orders")["order_id"]) == ["A1"]
    rej = rejected(root, "orders")
    assert rej[["source_row", "column", "value"]].values.tolist() == [[3, "Currency", sign]]
    rep = file_report(root, "orders.csv", "orders")
    assert (rep["currency_rows"], rep["currency_unread"]) == ({"CNY": 1}, {sign: {"rows": 1, "row": 3}})
    assert_reconciles(root)
    # The reason says the sign is several currencies' and gives the line that maps it; that line,
    # copied into the declaration as it stands, reads the row as the shop's code.
    codes, first = {"$": ("USD, CAD, AUD, NZD, HKD, SGD, MXN", "USD"), "¥": ("CNY, JPY", "CNY"),
                    "￥": ("CNY, JPY", "CNY"), "Rs": ("INR, PKR, NPR, LKR", "INR")}[sign]
    line = f"currency: {{column: Currency, values: {{'{sign}': {first}}}}}"
    assert rej["reason"].iloc[0] == (
        f"'Currency' = '{sign}' is written for several currencies ({codes}) and names none of them: the row's "
        "amounts would be summed as another's; write the shop's code in the export's column, or map the sign to it "
        f"in storebook.sources.yaml: `{line}` (with the shop's code in place of {first})")
    zh = say_reason(rej["reason"].iloc[0], Text("zh"))
    assert zh.startswith(f"'Currency' = '{sign}' 是多个币种共用的写法（{codes}）") and f"`{line}`（把 {first} 换成本店的代码）" in zh
    _declare(root, line)
    run(root)
    assert sorted(table(root, "orders")["order_id"]) == ["A1", "A2"] and rejected(root, "orders").empty
    expected = {"CNY": 2} if first == "CNY" else {"CNY": 1, first: 1}
    assert file_report(root, "orders.csv", "orders")["currency_rows"] == expected


def test_a_value_that_is_not_a_currency_code_rejects_its_rows_naming_file_row_and_column(root: Path) -> None:
    """Reais in a currency column of EUR rows: the amounts of those rows are in a currency storebook
    cannot tell; kept, they would be summed as euros. They are rejected, each with the column, the
    value and what to do; the rest is read (on main the whole ingest stopped). An empty cell states
    no currency and rejects nothing."""
    _declare(root, "currency: {column: Currency}")
    put(root, "shop/orders.csv", """
        Order,Placed,Total,Currency
        A1,2025-03-01 10:00,10.50,EUR
        A2,2025-03-02 11:00,20.00,Reais
        A3,2025-03-03 12:00,5.25,Reais
        A4,2025-03-04 13:00,7.00,
    """)
    report = run(root)
    assert sorted(table(root, "orders")["order_id"]) == ["A1", "A4"]
    rej = rejected(root, "orders").sort_values("source_row")
    # Rows 3 and 4 of the file (the header is row 1).
    assert rej[["source_row", "column", "value"]].values.tolist() == [[3, "Currency", "Reais"], [4, "Currency", "Reais"]]
    assert rej["reason"].tolist() == [
        "'Currency' = 'Reais' is not a currency code (ISO 4217, such as USD, EUR or CNY, or an empty cell): the row's "
        "amounts are in a currency storebook cannot tell, and would be summed as another's; write the code in the "
        "export's column, or map the spelling to its code with `currency.values` in storebook.sources.yaml"] * 2
    rep = file_report(root, "orders.csv", "orders")
    assert (rep["currency"], rep["currency_rows"]) == ("EUR", {"EUR": 1})
    assert rep["currency_unread"] == {"Reais": {"rows": 2, "row": 3}}
    assert (rep["rows_read"], rep["rows_written"], rep["rows_rejected"]) == (4, 2, 2)
    assert_reconciles(root)
    said = report.summary(Text("en"))
    assert "data/raw/shop/orders.csv, row 3, column Currency: 'Reais' (2 rows)" in said
    assert "These rows were rejected" in said
    zh = report.summary(Text("zh"))
    assert "data/raw/shop/orders.csv 第 3 行，字段 Currency：'Reais'（共 2 行）" in zh and "这些行已被拒收" in zh
    assert say_reason(rej["reason"].iloc[0], Text("zh")).startswith("'Currency' = 'Reais' 不是币种代码（应为 ISO 4217 代码")


def test_a_mapped_spelling_is_read_and_an_unmapped_one_rejected(root: Path) -> None:
    _declare(root, "currency: {column: Currency, values: {Real: BRL}}")
    put(root, "shop/orders.csv", """
        Order,Placed,Total,Currency
        A1,2025-03-01 10:00,10.50,Real
        A2,2025-03-02 11:00,20.00,reais
        A3,2025-03-03 12:00,5.25,brl
    """)
    run(root)
    assert sorted(table(root, "orders")["order_id"]) == ["A1", "A3"]
    assert rejected(root, "orders")[["source_row", "value"]].values.tolist() == [[3, "reais"]]
    assert file_report(root, "orders.csv", "orders")["currency_rows"] == {"BRL": 2}


def test_a_group_with_a_row_in_an_unknown_currency_is_rejected(root: Path) -> None:
    """An order summed from its lines: one line in Yuan makes the sum's currency unknown, whichever
    line the record takes its other columns from (the group's first)."""
    declare(root, """
        sources:
          - name: shop
            files: "shop/*.csv"
            currency: {column: cur}
            inputs: {amount: number}
            table: orders
            group_by: [order]
            columns: {order_id: order, ordered_at: when, paid_at: when}
            compute: {paid_amount: sum(amount)}
            constants: {platform: web, status: paid}
        """)
    put(root, "shop/lines.csv", """
        order,when,amount,cur
        A1,2025-03-02 10:00:00,10.00,USD
        A1,2025-03-02 10:00:00,5.00,Yuan
        A2,2025-03-02 11:00:00,20.00,USD
        A2,2025-03-02 11:00:00,1.00,
        A3,2025-03-02 12:00:00,3.00,
    """)
    run(root)
    assert table(root, "orders").set_index("order_id")["paid_amount"].to_dict() == {"A2": 21.0, "A3": 3.0}
    assert rejected(root, "orders")[["source_row", "column", "value"]].values.tolist() == [[2, "cur", "Yuan"]]
    rep = file_report(root, "lines.csv", "orders")
    assert (rep["currency_rows"], rep["currency_unread"]) == ({"USD": 2}, {"Yuan": {"rows": 1, "row": 3}})
    assert_reconciles(root)


def test_a_currency_column_left_empty_states_none_and_rejects_nothing(root: Path) -> None:
    _declare(root, "currency: {column: Currency}")
    put(root, "shop/orders.csv", "Order,Placed,Total,Currency\nA1,2025-03-01 10:00,10.50,\n"
                                 "A2,2025-03-02 11:00,20.00, \n")  # empty, and a space alone
    run(root)
    rep = file_report(root, "orders.csv", "orders")
    assert (rep["currency"], rep["currency_rows"], rep.get("currency_unread") or {}) == (None, {}, {})
    assert len(table(root, "orders")) == 2 and rejected(root, "orders").empty


def test_a_column_whose_values_are_no_codes_at_all_stops_the_ingest(root: Path) -> None:
    """Not one code in the column: the declaration names the wrong column, or the file spells its
    currency its own way — a line of the declaration to fix, not every row to reject."""
    _declare(root, "currency: {column: Currency}")
    put(root, "shop/orders.csv", """
        Order,Placed,Total,Currency
        A1,2025-03-01 10:00,10.50,
        A2,2025-03-02 11:00,20.00,¥
        A3,2025-03-03 12:00,5.25,¥
    """)
    said = failure(root)
    assert "data/raw/shop/orders.csv, row 3, column 'Currency': '¥' is not a currency code" in said
    assert "2 rows hold values that are not codes, and none holds a code: '¥'" in said
    assert "Expected: an ISO 4217 currency code" in said
    assert "¥ is written CNY (or JPY)" in said and "values: {'¥': <code>}" in said
    assert not (root / "data" / "processed" / "_current").exists() and not list(
        (root / "data" / "processed").glob("_generations/*/orders"))


def test_a_column_of_amounts_named_as_the_currency_is_caught(root: Path) -> None:
    _declare(root, "currency: {column: Total}")
    put(root, "shop/orders.csv", ORDERS)
    said = failure(root)
    assert "row 2, column 'Total': '10.50' is not a currency code" in said
    assert "if `Total` is not the currency column, name the right one" in said


@pytest.mark.parametrize(("declared", "code", "country"), [
    ("currency: RMB", "CNY", None), ("currency: 人民币", "CNY", None), ("currency: R$", "BRL", "BR"),
    ("currency: r$", "BRL", "BR"), ("currency: ₹", "INR", "IN"), ("currency: €", "EUR", None),
])
def test_a_declared_currency_spelled_as_cells_spell_it_is_read_as_its_code(root: Path, declared: str, code: str,
                                                                            country: str | None) -> None:
    """`currency: RMB` stopped with "RMB is written CNY" (only cells read spellings): the setting now
    reads them as a cell does, through the one function, and the store's currency and country follow
    (R$ → Brazil; CNY is China's calendar, no own country; EUR names no country)."""
    _declare(root, declared)
    put(root, "shop/orders.csv", ORDERS)
    run(root)
    rep = file_report(root, "orders.csv", "orders")
    assert (rep["currency"], rep["currency_column"]) == (code, "")
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_stated, (who.country or {}).get("code")) == (code, True, country)
    assert len(table(root, "orders")) == 4 and rejected(root, "orders").empty


@pytest.mark.parametrize(("sign", "codes"), [("¥", "CNY, JPY"), ("￥", "CNY, JPY"), ("$", "USD, CAD, AUD, NZD, HKD, SGD, MXN"),
                                             ("Rs", "INR, PKR, NPR, LKR")])
def test_a_declared_currency_that_several_currencies_write_stops_saying_what_to_write(
        root: Path, capsys: pytest.CaptureFixture, sign: str, codes: str) -> None:
    """`currency: ¥` would take every amount of the source for the yuan, or the yen: the ingest stops
    before a file is read, naming the file and setting, the value, why, and the codes to write, in
    English and 中文; nothing is written."""
    from storebook import cli

    _declare(root, f"currency: '{sign}'")
    put(root, "shop/orders.csv", ORDERS)
    said = failure(root)
    first = codes.split(",")[0]
    assert (f"storebook.sources.yaml: source 'shop', `currency`: '{sign}' is written for several currencies ({codes}) "
            "and names none of them: every amount of the source's files would be taken for one of them. Expected: an "
            "ISO 4217 currency code such as BRL, EUR, INR or CNY. What to do: write the code of the currency the "
            f"source's amounts are in (one of {codes}), e.g. `currency: {first}`") in said
    assert cli.main(["ingest", "--lang", "zh"]) == cli.EXIT_USAGE
    zh = capsys.readouterr().err
    assert f"'{sign}' 是多个币种共用的写法（{codes}），并不指明其中哪一个：该来源文件中的所有金额都会被当作其中某一币种" in zh
    assert f"请写明该来源金额所用币种的代码（{codes} 之一），例如 `currency: {first}`" in zh
    assert not list((root / "data" / "processed").glob("_generations/*/orders"))


@pytest.mark.parametrize(("declared", "problem"), [
    ("currency: QQQ", "'QQQ' is not a currency code"),
    ("currency: Reais", "'Reais' is not a currency code"),
    ("currency: {col: Currency}", "unknown key(s) col"),
    ("currency: {column: Currency, values: {Reais: reais}}", "`currency.values.Reais`: 'reais' is not a currency code"),
])
def test_a_declared_currency_that_is_no_code_stops_before_a_file_is_read(root: Path, declared: str,
                                                                          problem: str) -> None:
    _declare(root, declared)
    put(root, "shop/orders.csv", ORDERS)
    said = failure(root)
    assert "storebook.sources.yaml: source 'shop', `currency" in said and problem in said
    assert "What to do:" in said and ("currency: BRL" in said or "values: {Reais: BRL}" in said)


def test_a_currency_column_not_in_the_header_is_named(root: Path) -> None:
    _declare(root, "currency: {column: Moeda}")
    put(root, "shop/orders.csv", ORDERS)
    said = failure(root)
    assert "column(s) 'Moeda' declared in storebook.sources.yaml, source 'shop' (`currency.column`)" in said
