"""The data-quality page of a store whose Shopify export has currency cells that are no code: each
value was said twice (the currencies' sentence listed it with its file, row and rows, and the
rejections' table had it again, once per table). It is now said once, in the rejections' table,
where its rows are counted per table as the ingest table's rejected rows are and its reason says
what to do for that value; the sentence says only that such rows were set aside, and where.

Hand-made export (tests/support/sources.shopify_orders: one line per order, row 2 is order #1):
#1 USD, #2 $, #3 Yuan, #4 usd, #5 ¥, #6 $, #7 UDS → orders #2, #6 ($: rows 3 and 7), #3 (Yuan: row 4),
#5 (¥: row 6) and #7 (UDS: row 8) are rejected, each with its one line: 5 orders and 5 order lines of 7
each. Yuan and UDS are rejected for one kind of reason: each is still named."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from storebook.areas import quality
from support.notebooks import run_notebook_in_process
from support.sources import assert_reconciles, run, shopify_orders
from support.stores import isolated_root

# value → (its rows in each table, its first row); rows counted by hand from the docstring's orders.
UNREAD = {"$": (2, 3), "Yuan": (1, 4), "¥": (1, 6), "UDS": (1, 8)}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        root = shopify_orders(isolated_root(tmp_path_factory, mp), [
            dict(Name="#1", Currency="USD"), dict(Name="#2", Currency="$"), dict(Name="#3", Currency="Yuan"),
            dict(Name="#4", Currency="usd"), dict(Name="#5", Currency="¥"), dict(Name="#6", Currency="$"),
            dict(Name="#7", Currency="UDS")])
        run(root)
        assert_reconciles(root)
        yield root


@pytest.fixture(scope="module")
def pages(shop: Path) -> dict[str, dict]:
    out = {}
    for language in ("en", "zh"):
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("STOREBOOK_ROOT", str(shop))
            nb = run_notebook_in_process("data_quality", {"data_path": str(shop / "data" / "processed"),
                                                          "language": language}, shop)
        assert nb.error is None, nb.error
        html = "".join(o["text/html"] for o in nb.outputs if "text/html" in o)
        tables = [[[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in t.find_all("tr")]
                  for t in BeautifulSoup(html, "html.parser").find_all("table")]
        said = [o["text/markdown"] for o in nb.outputs if "text/markdown" in o]
        out[language] = {"tables": tables, "said": said}
    return out


def _rejections(tables: list[list[list[str]]], language: str) -> list[list[str]]:
    head = {"en": "Reason", "zh": "原因"}[language]
    found = [t for t in tables if t and any(head in cell for cell in t[0])]
    assert len(found) == 1, [t[0] for t in tables]
    return found[0][1:]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_unread_value_is_said_once_in_the_rejections_table(pages, language: str) -> None:
    page = pages[language]
    rows = _rejections(page["tables"], language)
    # Each value once per table it was rejected from (orders, order lines), with its rows and first row.
    for value, (n, first) in UNREAD.items():
        holding = [r for r in rows if f"'{value}'" in " ".join(r)]
        assert len(holding) == 2, (value, holding)
        for r in holding:
            assert str(n) in r and str(first) == r[-1] and r[-2] == "data/raw/shopify/orders_export_1.csv", r
    # The sentence under the currencies names no value (said above: the table), but says where they are.
    sentence = [s for s in page["said"] if {"en": "currency cell is not a currency code", "zh": "币种字段不是币种代码"}[language] in s]
    assert len(sentence) == 1, page["said"]
    assert not any(f"'{value}'" in s for s in page["said"] for value in UNREAD), page["said"]
    assert {"en": "(4 values)", "zh": "（共 4 种写法）"}[language] in sentence[0]
    assert {"en": "“Why were rows rejected?” below", "zh": "见下方“数据为何被拒收？”"}[language] in sentence[0]


def test_the_rejections_table_reconciles_with_the_rows_rejected_and_says_what_to_do(pages) -> None:
    rows = _rejections(pages["en"]["tables"], "en")
    # orders and order lines: 2 ($) + 1 (Yuan) + 1 (¥) + 1 (UDS) = 5 each, the ingest table's rejected rows.
    per_table = {}
    for r in rows:
        per_table[r[0]] = per_table.get(r[0], 0) + int(r[3])
    assert per_table == {"Orders": 5, "Order lines": 5}
    ingest = {r[0]: r for r in pages["en"]["tables"][0][1:]}
    assert ingest["Orders"][4] == "5" and ingest["Order lines"][4] == "5", ingest
    yen = next(r for r in rows if "'¥'" in r[2])[2]
    assert "is written for several currencies (CNY, JPY)" in yen and "write the shop's code in the export's column" in yen
    zh = _rejections(pages["zh"]["tables"], "zh")
    assert any("'¥' 是多个币种共用的写法（CNY, JPY）" in r[2] for r in zh), zh
    assert any("'Yuan' 不是币种代码" in r[2] for r in zh), zh


def test_a_currency_reason_is_never_cut_from_the_table(monkeypatch, shop: Path) -> None:
    """The table shows the 12 commonest reasons; a currency reason past them is still listed, as the
    page's sentence points to the table for it."""
    rejected = pd.DataFrame({
        "table": ["orders"] * 5, "source_file": ["a.csv"] * 5, "source_row": [2, 3, 4, 5, 6],
        "column": ["paid_amount", "paid_amount", "province", "Currency", "sku"],
        "value": ["x", "y", "z", "¥", ""],
        "reason": ["'paid_amount' is not a number", "'paid_amount' is not a number", "'province' is not a number",
                   "'Currency' = '¥' is written for several currencies (CNY, JPY) and names none of them: the row's "
                   "amounts would be summed as another's; write the shop's code in the export's column",
                   "column 'sku' is empty; a value is required"]})
    monkeypatch.setattr(quality, "read_rejected_rows", lambda wb: rejected)
    monkeypatch.setattr(quality, "summarise_ingest", lambda wb: pd.DataFrame({"table": ["orders"], "rows_read": [10]}))
    ranked = quality.rank_rejections(None, limit=1)
    assert ranked["column"].tolist() == ["paid_amount", "Currency"]
    assert ranked["rows"].tolist() == [2, 1]
