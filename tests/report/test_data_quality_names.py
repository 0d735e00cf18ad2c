"""The data-quality page in reader names, as every other page is: a manager read the coverage
chart's bars as ``Orders · paid_amount`` / ``province``, the lookups table's tables as
``olist_products (products)``, the rows of each currency said two ways (the hint's "17 rows in
EUR, 2 in USD", the page's "17 rows in EUR and 2 rows in USD"), and found no word on the page of
a currency and country inferred from the data's regions, which the ingest summary, the hint and
the pack header all say.

Real files: shared/realdata's Olist products, sellers (3,095, every one in a ``BR-…`` state) and
category translation (a lookup joined into the products), with the orders and items fixtures,
mapped by examples/olist with its ``currency: BRL`` lines taken out (skipped where absent)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from storebook.areas import quality
from storebook.engine import schema
from storebook.engine.availability import resolve_month
from storebook.engine.config import Config
from storebook.engine.identity import StoreIdentity, currency_hint, inferred_facts
from storebook.ingest import ingest
from storebook.report.text import Text
from support.mapping import install, realdata_folder
from support.notebooks import run_notebook_in_process
from support.sources import EXAMPLES
from support.stores import REPO, make_root, use_root


@pytest.fixture(scope="module")
def olist(tmp_path_factory, request) -> Path:
    """The Olist store, currency unstated: inferred from the sellers' regions (Brazil, BRL)."""
    root = make_root(tmp_path_factory.mktemp("olist") / "wb")
    fixtures = REPO / "tests" / "fixtures" / "olist"
    files = sorted(p for p in realdata_folder("olist_partial_products_sellers").iterdir() if p.is_file()) + [
        fixtures / "olist_orders_dataset.csv", fixtures / "olist_order_items_dataset.csv"]
    install(root, "olist", files)
    text = (EXAMPLES / "olist" / "storebook.sources.yaml").read_text(encoding="utf-8")
    (root / "storebook.sources.yaml").write_text(re.sub(r"(?m)^    currency: BRL.*\n", "", text), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        use_root(root, mp)
        ingest(Config.load(root), now=datetime(2026, 11, 27))
    return root


@pytest.fixture(scope="module")
def olist_brl(tmp_path_factory) -> Path:
    """The Olist store as examples/olist maps it: its amounts declared in BRL, its country not set."""
    root = make_root(tmp_path_factory.mktemp("olist_brl") / "wb")
    fixtures = REPO / "tests" / "fixtures" / "olist"
    files = sorted(p for p in realdata_folder("olist_partial_products_sellers").iterdir() if p.is_file()) + [
        fixtures / "olist_orders_dataset.csv", fixtures / "olist_order_items_dataset.csv"]
    install(root, "olist", files)
    with pytest.MonkeyPatch.context() as mp:
        use_root(root, mp)
        ingest(Config.load(root), now=datetime(2026, 11, 27))
    return root


def _page(root: Path, language: str):
    run = run_notebook_in_process("data_quality", {"data_path": str(root / "data" / "processed"),
                                                   "language": language}, root)
    assert run.error is None, run.error
    return run


@pytest.fixture(scope="module")
def pages(olist) -> dict:
    return {language: _page(olist, language) for language in ("en", "zh")}


def _tables(run) -> list[list[list[str]]]:
    html = "".join(o["text/html"] for o in run.outputs if "text/html" in o)
    return [[[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in t.find_all("tr")]
            for t in BeautifulSoup(html, "html.parser").find_all("table")]


# ----------------------------------------------------------------------------- the coverage chart

def test_the_coverage_bars_are_named_as_a_reader_knows_the_columns() -> None:
    coverage = pd.DataFrame({"table": ["orders", "orders", "products"], "column": ["paid_amount", "province", "unit_cost"],
                             "rows": [4, 4, 2], "known": [4, 3, 1], "known_share": [1.0, 0.75, 0.5],
                             "scope": ["month", "month", "all"]})
    en = quality.label_coverage(coverage, Text("en"))["field"].tolist()
    zh = quality.label_coverage(coverage, Text("zh"))["field"].tolist()
    assert en == ["Products · Unit cost", "Orders · Province", "Orders · Paid amount"]  # least known first
    assert zh == ["商品（products） · 单位成本", "订单（orders） · 省份", "订单（orders） · 支付金额"]


def test_every_column_the_chart_can_show_has_a_reader_name_in_both_languages() -> None:
    for table, columns in quality.COVERAGE_COLUMNS.items():
        for column in columns:
            for language in ("en", "zh"):
                name = quality.name_column(table, column, Text(language))
                assert name != column and "_" not in name, (table, column, language, name)


def test_a_column_the_catalogue_lacks_is_named_by_the_contract_in_each_language() -> None:
    en, zh = Text("en"), Text("zh")
    lacking = [(t, c) for t in schema.TABLES for c in schema.columns(t)
               if not any(x.has(f"{k}.{c.name}") for x in (en, zh) for k in ("col", "metric")) and c.zh]
    assert lacking  # the contract has such columns: the fallback is reached
    for table, spec in lacking:
        assert quality.name_column(table, spec.name, zh) == spec.zh
        said = quality.name_column(table, spec.name, en)
        assert said and said != spec.name and spec.description.startswith(said), (table, spec.name, said)


def test_the_coverage_chart_of_a_real_store_shows_the_reader_names(olist, pages, monkeypatch) -> None:
    """The chart as the page draws it (storebook.plots.hbars over label_coverage): its bars' labels."""
    import storebook
    from storebook.report import plots

    use_root(olist, monkeypatch)
    wb = storebook.open()
    coverage = quality.measure_coverage(wb, resolve_month(wb).period)  # the page's month, as it chooses it
    codes = {c for cols in quality.COVERAGE_COLUMNS.values() for c in cols}
    for language in ("en", "zh"):
        text = Text(language)
        fig = plots.hbars(quality.label_coverage(coverage, text), text, category="field", values=["known_share"],
                          kind="pct", title=text("data_quality.coverage.title"))
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert labels and all(" · " in label for label in labels), labels
        shown = {label.split(" · ")[1] for label in labels}
        assert not shown & codes, shown & codes
        expected = {"en": "Orders · Paid amount", "zh": "订单（orders） · 支付金额"}[language]
        assert expected in labels, labels


# ----------------------------------------------------------------------------- the lookups table

def test_the_lookups_table_names_the_tables_and_keeps_the_shops_source_names(pages) -> None:
    for language, run in pages.items():
        lookups = [t for t in _tables(run) if t and t[0] == [Text(language)("col.path"), Text(language)("col.joined_into")]]
        assert len(lookups) == 1, (language, [t[0] for t in _tables(run)])
        [row] = lookups[0][1:]
        assert row[0].endswith("product_category_name_translation.csv")
        assert row[1] == {"en": "olist_products (Products)", "zh": "数据源 olist_products：商品（products）"}[language]
        assert "(products)" not in row[1]


def test_a_lookup_no_source_joins_is_said_in_words() -> None:
    frame = pd.DataFrame({"path": ["a.csv"], "joined_into": [""]})
    assert quality.label_lookups(frame, Text("en"))["joined_into"].tolist() == ["no source: read, feeding no table"]
    assert quality.label_lookups(frame, Text("zh"))["joined_into"].tolist() == ["无数据源并入：已读取，未构成数据表"]


# ----------------------------------------------------------------------------- the rows of each currency

@pytest.mark.parametrize(("language", "rows"), [("en", "17 rows in EUR and 2 rows in USD"), ("zh", "EUR 17 行、USD 2 行")])
def test_the_hint_and_the_page_say_each_currencys_rows_one_way(language: str, rows: str) -> None:
    inferred = {"currency": "EUR", "how": "mixed", "rows": {"EUR": 17, "USD": 2}}
    text = Text(language)
    hint = currency_hint(StoreIdentity("", "", "EUR", currency_stated=False, currency_inferred=inferred), text)
    [(key, values)] = inferred_facts(inferred, text).items()
    page = text(key, **values)
    assert rows in hint and rows in page
    assert "2 in USD" not in hint
    assert not text.has("cli.hint.currency.rows") and not text.has("cli.hint.currency.rows.more")


# ----------------------------------------------------------------------------- the inferred currency and country

def test_the_page_says_the_currency_and_country_inferred_from_the_regions(pages) -> None:
    en, zh = (" ".join(pages[lang].markdown) for lang in ("en", "zh"))
    assert "but the data's regions lie in Brazil (BR-SP" in en and "amounts are shown in BRL, the currency of Brazil" in en
    assert "但数据中的地区位于巴西（BR-SP" in zh and "金额按巴西的货币 BRL 显示" in zh


def test_a_currency_set_or_stated_is_not_said_inferred(root: Path) -> None:
    import storebook
    from conftest import write_csv

    write_csv(root, "orders", "orders.csv", [
        {"order_id": "1", "platform": "web", "ordered_at": "2025-03-02 10:00:00", "paid_at": "2025-03-02 10:05:00",
         "status": "paid", "paid_amount": "100.00", "province": "BR-SP"}])
    (root / "storebook.local.toml").write_text('[store]\ncurrency = "BRL"\n', encoding="utf-8")
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    assert quality.inferred_currency_facts(storebook.open(), Text("en")) is None
    (root / "storebook.local.toml").write_text('[store]\ncountry = "IN"\n', encoding="utf-8")
    facts = quality.inferred_currency_facts(storebook.open(), Text("en"))
    assert facts["variant"] == "setting" and facts["currency"] == "INR"


def test_the_country_inferred_beside_a_set_currency_is_said_and_not_twice(root: Path, pages) -> None:
    """A store whose currency is set but whose country is not: the page says which country it is
    taken to be and from what (the plan page's words); Olist's, whose currency was inferred from
    the regions, says the country once, in the currency's sentence."""
    import storebook
    from conftest import write_csv

    write_csv(root, "orders", "orders.csv", [
        {"order_id": "1", "platform": "web", "ordered_at": "2025-03-02 10:00:00", "paid_at": "2025-03-02 10:05:00",
         "status": "paid", "paid_amount": "100.00", "province": "SP"}])
    (root / "storebook.local.toml").write_text('[store]\ncurrency = "BRL"\n', encoding="utf-8")
    ingest(Config.load(root), now=datetime(2026, 11, 27))
    wb = storebook.open()
    assert wb.identity().country["how"] == "currency"  # the test's premise: the country is inferred
    en, zh = (quality.inferred_country_facts(wb, Text(lang)) for lang in ("en", "zh"))
    # Named, with the ISO code the advice asks for beside it (the page said "taken to be BR").
    assert Text("en")("data_quality.ingest.country.inferred", **en).startswith(
        "The store's country is taken to be Brazil (BR), inferred from the currency BRL; if the store is elsewhere, "
        "set country")
    assert Text("zh")("data_quality.ingest.country.inferred", **zh).startswith("本店所在国家视为巴西（BR），由币种 BRL 推断；")
    (root / "storebook.local.toml").write_text('[store]\ncurrency = "INR"\n', encoding="utf-8")
    en, zh = (quality.inferred_country_facts(storebook.open(), Text(lang)) for lang in ("en", "zh"))
    assert Text("en")("data_quality.ingest.country.inferred", **en).startswith(
        "The store's country is taken to be India (IN), inferred from the currency INR;")
    assert Text("zh")("data_quality.ingest.country.inferred", **zh).startswith("本店所在国家视为印度（IN），由币种 INR 推断；")
    (root / "storebook.local.toml").write_text('[store]\ncurrency = "BRL"\ncountry = "BR"\n', encoding="utf-8")
    assert quality.inferred_country_facts(storebook.open(), Text("en")) is None  # set: nothing to say
    said = " ".join(pages["en"].markdown)
    assert "The store's country is taken to be" not in said and said.count("the data's regions lie in Brazil") == 1


# ----------------------------------------------------------------------------- the rejections table

def _rejections(run, language: str) -> list[list[str]]:
    """The rejections table's rows (under its header) as the page shows them."""
    text = Text(language)
    header = [text("col.table"), text("col.column"), text("col.problem")]
    [found] = [t for t in _tables(run) if t and t[0][:3] == header]
    return found[1:]


def test_the_rejections_are_said_with_the_reader_names_of_the_columns() -> None:
    """ingest's reasons name the contract's columns by code (``'paid_amount' is not a number``,
    ``duplicate key (order_id=…)``, ``superseded: sku=…``): the page says them by the names its
    charts and tables use; the Column cell keeps the code beside a name that is not the code in
    words, as `storebook rejected` lists it; a mapped input's column is the export's own header."""
    ranked = pd.DataFrame({
        "table": ["orders", "products", "order_lines", "orders", "order_lines"],
        "column": ["paid_amount", "sku", "order_id", "ordered_at", "price"],
        "problem": ["'paid_amount' is not a number",
                    "superseded: sku=… is also in the newer export data/raw/x/May-2022.csv (as of …); the newest export wins",
                    "'order_id' has no match in orders.order_id: the orders row is not in the data or was rejected "
                    "(see data/processed/_rejected/orders.parquet)",
                    "duplicate key (order_id=…, ordered_at=…); first seen in data/raw/a.csv row …",
                    "'price' = '…' in items.csv row … is not a number (`inputs: price` of source '…' in storebook.sources.yaml)"],
        "rows": [1] * 5, "share": [0.1] * 5, "example": ["a.csv"] * 5, "example_row": [2] * 5})
    en = quality.label_rejections(ranked, Text("en"))
    assert en["column"].tolist() == ["Paid amount", "SKU", "Order ID", "When the order was placed (ordered_at)",
                                     "price"]
    assert en["problem"].tolist() == [
        "'Paid amount' is not a number",
        "superseded: SKU=… is also in the newer export data/raw/x/May-2022.csv (as of …); the newest export wins",
        "'Order ID' has no match in Orders · Order ID: the orders row is not in the data or was rejected "
        "(see data/processed/_rejected/orders.parquet)",
        "duplicate key (Order ID=…, When the order was placed=…); first seen in data/raw/a.csv row …",
        "'price' = '…' in items.csv row … is not a number (`inputs: price` of source '…' in storebook.sources.yaml)"]
    zh = quality.label_rejections(ranked, Text("zh"))
    assert zh["column"].tolist() == ["支付金额（paid_amount）", "商品编码（sku）", "订单编号（order_id）", "下单时间（ordered_at）",
                                     "price"]
    assert zh["problem"].tolist()[:3] == [
        "'支付金额' 不是数字", "已被取代：商品编码=… 也在更新的导出文件 data/raw/x/May-2022.csv（截至 …）中；以最新的导出为准",
        "'订单编号' 在 订单（orders） · 订单编号 中没有对应记录：订单（orders） 中的该行不在数据中或已被拒收"
        "（见 data/processed/_rejected/orders.parquet）"]
    assert zh["problem"].iloc[4].startswith("items.csv 第 … 行的 'price' = '…' 不是数字")
    # The console (an analyst's, beside the rejected rows' own column) keeps the codes.
    assert quality.say_reason("'paid_amount' is not a number", Text("en")) == "'paid_amount' is not a number"



def test_the_contracts_keys_are_named_as_ids() -> None:
    """A key's reader name said the thing, not its id: a missing reference read "'Order' has no
    match in Orders · Order", as if an order were missing rather than a line naming an order
    number the orders do not have. Every ``*_id`` column of the contract is named as an id, in
    English and 中文, and a reference to another table reads so on the page."""
    keys = sorted({(t, c.name) for t in schema.TABLES for c in schema.columns(t) if c.name.endswith("_id")})
    en, zh = Text("en"), Text("zh")
    for table, column in keys:
        assert re.search(r"( ID| number)$", quality.name_column(table, column, en)), (table, column)
        assert re.search(r"(ID|号)$", quality.name_column(table, column, zh)), (table, column)
    named = {c: quality.name_column(t, c, en) for t, c in keys}
    assert (named["order_id"], named["customer_id"], named["supplier_id"], named["po_id"]) == (
        "Order ID", "Customer ID", "Supplier ID", "PO number")
    ranked = pd.DataFrame({
        "table": ["purchase_orders"], "column": ["supplier_id"],
        "problem": ["'supplier_id' has no match in suppliers.supplier_id: the suppliers row is not in the data or "
                    "was rejected (see data/processed/_rejected/suppliers.parquet)"],
        "rows": [1], "share": [0.1], "example": ["po.csv"], "example_row": [2]})
    said = quality.label_rejections(ranked, en).iloc[0]
    assert said["column"] == "Supplier ID"
    assert said["problem"].startswith("'Supplier ID' has no match in Suppliers · Supplier ID: the suppliers row")
    assert quality.label_rejections(ranked, zh).iloc[0]["problem"].startswith(
        "'供应商ID' 在 供应商（suppliers） · 供应商ID 中没有对应记录")

@pytest.fixture(scope="module")
def rejecting(tmp_path_factory) -> Path:
    """A store in the contract's layout whose exports break two required columns: an order's
    paid amount that is no number, a product without its SKU."""
    from support.stores import write_csv

    root = make_root(tmp_path_factory.mktemp("rejecting") / "wb")
    order = {"order_id": "1", "platform": "web", "ordered_at": "2025-03-02 10:00:00", "paid_at": "2025-03-02 10:05:00",
             "status": "paid", "paid_amount": "100.00", "province": "浙江"}
    write_csv(root, "orders", "orders.csv", [order, {**order, "order_id": "2", "paid_amount": "n/a"},
                                             {**order, "order_id": "3"}])
    write_csv(root, "products", "products.csv", [{"sku": "A1", "product_name": "Towel"}, {"sku": "", "product_name": "Mat"}])
    with pytest.MonkeyPatch.context() as mp:
        use_root(root, mp)
        ingest(Config.load(root), now=datetime(2026, 11, 27))
    return root


@pytest.mark.parametrize(("language", "rows"), [
    ("en", {("Orders", "Paid amount", "'Paid amount' is not a number"),
            ("Products", "SKU", "column 'SKU' is empty; a value is required")}),
    ("zh", {("订单（orders）", "支付金额（paid_amount）", "'支付金额' 不是数字"),
            ("商品（products）", "商品编码（sku）", "字段 '商品编码' 为空；此字段必须有值")})])
def test_the_page_names_the_rejected_columns_of_a_store(rejecting, language: str, rows: set) -> None:
    """The page as it runs on the store: its rejections table, each row's table, column and reason."""
    shown = {tuple(row[:3]) for row in _rejections(_page(rejecting, language), language)}
    assert shown == rows


def test_the_real_stores_rejected_export_column_keeps_the_exports_name(pages) -> None:
    """Olist's items export has a price written with a decimal comma (row 9): the column is the
    export's own (`inputs: price`), which the reader finds in the file, in either language."""
    for language, run in pages.items():
        rows = _rejections(run, language)
        assert rows and {row[1] for row in rows} == {"price"}, rows
        assert all("'price' = '29,99'" in row[2] for row in rows), rows


# ----------------------------------------------------------------------------- many files in one currency

def test_many_files_in_one_currency_are_said_as_one_group_on_the_sample_stores_page(sample_root: Path) -> None:
    """The sample store's web shop exports one Shopify orders file a month, each stating CNY in its
    Currency column, beside a traffic export that states none: the page said "X is in CNY (column
    Currency)" once per file (14 here, 24 in `storebook sample`'s store); now how many, the first
    and the last, once per currency and column."""
    exports = sorted((sample_root / "data" / "raw" / "shopify").glob("orders_export_*.csv"))
    assert len(exports) > 2 and exports[-1].name == "orders_export_2026-10.csv"  # the premise: a file a month to 2026-10
    first = f"data/raw/shopify/{exports[0].name}"
    said = {"en": f"while {len(exports)} files from {first} to …_2026-10.csv are in CNY (column Currency): the amounts "
                  "there are read as CNY.",
            "zh": f"而 {len(exports)} 个文件（{first} 至 …_2026-10.csv）标明为 CNY（字段 Currency）：其金额按 CNY 读取。"}
    for language in ("en", "zh"):
        run = run_notebook_in_process("data_quality", {"data_path": str(sample_root / "data" / "processed"),
                                                       "language": language}, sample_root)
        assert run.error is None, run.error
        [sentence] = [m for m in run.markdown if ("Currency" in m and "CNY" in m)]
        assert said[language] in sentence, sentence
        assert sentence.count("Currency") == 1 and exports[1].name not in sentence


# ----------------------------------------------------------------------------- the country named

@pytest.mark.parametrize(("language", "said"), [
    ("en", "The store's country is taken to be Brazil (BR), inferred from the currency BRL; if the store is elsewhere"),
    ("zh", "本店所在国家视为巴西（BR），由币种 BRL 推断；")])
def test_the_real_stores_page_names_the_country_inferred_from_its_currency(olist_brl, language: str, said: str) -> None:
    """Olist's example declares BRL and no country: the page took the country to be "BR"; it names it."""
    markdown = " ".join(_page(olist_brl, language).markdown)
    assert said in markdown, markdown


# ----------------------------------------------------------------------------- currency values that are no codes

@pytest.mark.parametrize(("language", "said"), [
    ("en", "Rows whose currency cell is not a currency code were rejected (1 value): their amounts are in a currency "
           "storebook cannot tell, and summed as the store's they could count yuan as dollars. Each value, with its "
           "rows, its file and first row, and what to do, is listed under “Why were rows rejected?” below."),
    ("zh", "币种字段不是币种代码的行已被拒收（共 1 种写法）：无法确定其金额的币种，若按本店币种汇总，可能把人民币当作美元计算。"
           "每种写法及其行数、所在文件与首行、处理办法，见下方“数据为何被拒收？”。"),
])
def test_the_page_says_currency_values_that_are_no_codes(root: Path, language: str, said: str) -> None:
    """A Shopify orders export whose Currency column holds "$" on orders #2 and #4 (rows 3 and 5; the
    header is row 1): the ingest summary warned of it, the data-quality page said nothing, as it says
    a file of mixed currencies. The page says it beside the currencies, once; the value itself, with
    its file, first row and what to do, is in the rejections' table only
    (tests/report/test_data_quality_currency_cells.py: it was said in both)."""
    from support.sources import run, shopify_orders

    shop = shopify_orders(root, [dict(Name="#1", Currency="USD"), dict(Name="#2", Currency="$"),
                                 dict(Name="#3", Currency="USD"), dict(Name="#4", Currency="$")])
    run(shop)
    markdown = " ".join(_page(shop, language).markdown)
    assert markdown.count(said) == 1, markdown
    assert "'$'" not in markdown
