"""A store whose exports state no currency, but whose data say it elsewhere, is never shown in ¥:
the currency a mapping declares (`currency:` in storebook.sources.yaml), the one country the
data's regions lie in (Olist's BR-SP …), or the commonest of several a file states. What is
inferred is said, in the ingest summary (en, 中文) and the hint `storebook ingest` ends with.

Real files: shared/realdata's Olist products and sellers (3,095 sellers, every one in a `BR-…`
state), the Amazon India seller reports, the Shopify orders export (40 rows, EUR on the 19 that
state a currency: two of them changed to USD here make 17 EUR and 2 USD) beside a Shopify
products export that states none. Hand-made: regions split 19 to 1 and 3 to 2."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import storebook
from conftest import write_csv
from storebook import cli
from storebook.engine import calendar
from storebook.engine.config import Config
from storebook.engine.identity import currency_hint, identify, write_local_settings
from storebook.report.text import Text, format_money, use_currency
from support.mapping import install, olist_bare_states, realdata_folder
from support.sources import EXAMPLES, manifest, run, shopify_orders, table, with_exports
from support.stores import REPO

REPO_FIXTURES = REPO / "tests" / "fixtures"


def _olist(root: Path, declared: bool) -> Path:
    """The real Olist products and sellers with the example's mapping, its `currency: BRL`
    lines kept or taken out."""
    install(root, "olist", sorted(realdata_folder("olist_partial_products_sellers").glob("*.csv")), folder="olist")
    if not declared:
        text = (EXAMPLES / "olist" / "storebook.sources.yaml").read_text(encoding="utf-8")
        stripped = re.sub(r"(?m)^    currency: BRL.*\n", "", text)
        assert stripped.count("currency: BRL") == 1  # the comment that mentions it is all that is left
        (root / "storebook.sources.yaml").write_text(stripped, encoding="utf-8")
    return root


def test_olist_without_a_currency_is_shown_in_reais_and_said_so(root: Path) -> None:
    report = run(_olist(root, declared=False))
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_stated) == ("BRL", False)
    assert who.currency_inferred["how"] == "region" and who.currency_inferred["country"] == "BR"
    # Every one of the 3,095 sellers is in a Brazilian state: the country is Brazil, from the regions.
    assert who.country == {"code": "BR", "how": "region", "clue": "BR-SP, BR-PR, BR-MG", "known": True}
    assert who.calendar is None  # products and sellers name no platform: not China's festivals
    en, zh = report.summary(Text("en")), report.summary(Text("zh"))
    assert ("warning: No currency is set or stated in the exports, but the data's regions lie in Brazil (BR-SP, "
            "BR-PR, BR-MG …: 100.0% of the 3,095 rows that name a region of a country, in suppliers.region): "
            "amounts are shown in BRL") in en
    assert "但数据中的地区位于巴西（BR-SP, BR-PR, BR-MG …：在标明国家地区的3,095行中占100.0%" in zh
    assert "金额按巴西的货币 BRL 显示" in zh
    # The hint `storebook ingest` ends with, from the catalogue in each language.
    assert currency_hint(who, Text("en")) == (
        "hint: the exports state no currency: amounts are shown as BRL, the currency of Brazil, where the data's "
        "regions lie (BR-SP, BR-PR, BR-MG …); set the store's in storebook.local.toml (`[store]` currency = \"…\", "
        "an ISO code such as BRL or INR)")
    assert currency_hint(who, Text("zh")).startswith(
        "提示：导出文件未注明币种：金额按 BRL 显示，即数据中的地区所在国家巴西的货币（BR-SP, BR-PR, BR-MG …）；")
    use_currency(who.currency)
    try:
        assert format_money(790.0) == "R$790"  # the page's amounts, as the pack writes them
    finally:
        use_currency("CNY")
    # The first storebook.local.toml says both, commented, with where they come from.
    written = write_local_settings(Config.load(root), manifest(root)).read_text(encoding="utf-8").splitlines()
    assert '# country = "BR"             # inferred from the regions in the data: BR-SP, BR-PR, BR-MG' in written
    assert any(line.startswith('# currency = "BRL"') and "the currency of Brazil" in line for line in written)


def test_olist_with_the_examples_declared_currency_states_it(root: Path) -> None:
    report = run(_olist(root, declared=True))
    products = next(f for f in manifest(root)["files"] if f["table"] == "products")
    assert (products["currency"], products["currency_column"]) == ("BRL", "")
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_stated, who.currency_inferred) == ("BRL", True, None)
    assert who.country["code"] == "BR" and who.country["how"] == "currency"
    assert "regions lie in" not in report.summary(Text("en"))  # stated: nothing inferred, nothing to say
    assert report.currencies is None  # the sellers feed suppliers, a table without money


def test_olist_states_written_bare_name_no_province_of_china(root: Path) -> None:
    """The real sellers (BR-SP …, as the example writes them) beside Olist-layout orders whose
    mapping writes the customer's state bare (SC): Santa Catarina's SC is no region of China, so
    the regions lie wholly in Brazil. Read as 四川, it counted for China (1 of 3,096 rows)."""
    real = realdata_folder("olist_partial_products_sellers")
    olist = REPO_FIXTURES / "olist"
    _olist(root, declared=False)  # nothing states the currency: the regions say it
    for name in ("olist_orders_dataset.csv", "olist_order_items_dataset.csv", "olist_customers_dataset.csv"):
        shutil.copy(olist / name, root / "data" / "raw" / "olist" / name)
    olist_bare_states(root)
    run(root)
    sellers = pd.read_csv(real / "olist_sellers_dataset.csv", dtype=str)
    assert (sellers["seller_state"] == "SC").sum() == 190  # counted by hand, as published
    assert (table(root, "suppliers")["region"] == "BR-SC").sum() == 190
    customers = pd.read_csv(olist / "olist_customers_dataset.csv", dtype=str)
    orders = table(root, "orders")
    assert (orders["province"] == "SC").sum() == (customers["customer_state"] == "SC").sum() == 1
    assert "四川" not in set(orders["province"])
    assert manifest(root)["store"]["regions"] == {
        "BR": {"rows": 3095, "tables": ["suppliers.region"], "regions": ["BR-SP", "BR-PR", "BR-MG"]}}
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_inferred["share"], who.country["code"]) == ("BRL", 1.0, "BR")


def test_us_state_codes_name_no_province_of_china(root: Path) -> None:
    """South Carolina, Hawaii, South Dakota, New Mexico and Missouri are SC, HI, SD, NM and MO, as
    are Sichuan, Hainan, Shandong, Inner Mongolia and Macau: in a US address they name no region
    of China, and the store's regions name no country (they named China, every row)."""
    shop = shopify_orders(root, [dict(Name=f"#{i}", Shipping_Province=code, Shipping_Country="US")
                                 for i, code in enumerate(["SC", "HI", "SD", "NM", "MO"])])
    run(shop)
    assert table(shop, "orders")["province"].tolist() == ["SC", "HI", "SD", "NM", "MO"]
    # The orders' regions name no country: China's rows are the fixture's two suppliers (Shandong,
    # Zhejiang, in the contract's layout, written 山东 and 浙江 as every source writes them).
    assert manifest(shop)["store"]["regions"] == {
        "CN": {"rows": 2, "tables": ["suppliers.region"], "regions": ["山东", "浙江"]}}


def test_a_chinese_stores_addresses_still_name_china(root: Path) -> None:
    """Tmall and JD order reports give whole Chinese addresses (浙江省 杭州市 …): each is reduced to
    its province, and every row that names one names China."""
    store = with_exports(root, "tmall", "jd")
    run(store)
    provinces = table(store, "orders")["province"].dropna()  # the order reports feed no shipments
    assert {"浙江", "广东"} <= set(provinces)
    regions = manifest(store)["store"]["regions"]
    # With the fixture's two suppliers in China (Shandong, Zhejiang, in the contract's layout).
    assert list(regions) == ["CN"] and regions["CN"]["rows"] == len(provinces) + 2
    assert identify(Config.load(store), manifest(store)).calendar is not None  # China's calendar


def test_amazon_india_declares_rupees(root: Path) -> None:
    folder = realdata_folder("amazon_india_seller_reports_E-Commerce-Sales")
    install(root, "amazon_india", [folder / n for n in ("May-2022.csv", "P  L March 2021.csv", "Sale Report.csv")],
            folder="amazon_india")
    run(root)
    stated = {f["path"].rsplit("/", 1)[-1]: f["currency"] for f in manifest(root)["files"]}
    assert stated == {"May-2022.csv": "INR", "P  L March 2021.csv": "INR", "Sale Report.csv": "INR"}
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_stated, who.country["code"], who.calendar) == ("INR", True, "IN", None)


def _orders(root: Path, provinces: list[str]) -> None:
    write_csv(root, "orders", "orders.csv", [
        {"order_id": f"#{i}", "platform": "web", "ordered_at": "2025-03-02 10:00:00",
         "paid_at": "2025-03-02 10:05:00", "status": "paid", "paid_amount": "100.00", "province": p}
        for i, p in enumerate(provinces)])


def test_regions_name_the_country_where_one_holds_nine_in_ten(root: Path) -> None:
    _orders(root, ["BR-SP"] * 12 + ["BR-RJ"] * 7 + ["US-NY"])  # 19 of 20 (95%) in Brazil
    report = run(root)
    assert manifest(root)["store"]["regions"] == {
        "BR": {"rows": 19, "tables": ["orders.province"], "regions": ["BR-SP", "BR-RJ"]},
        "US": {"rows": 1, "tables": ["orders.province"], "regions": ["US-NY"]}}
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_inferred["share"]) == ("BRL", pytest.approx(0.95))
    assert "95.0% of the 20 rows that name a region of a country, in orders.province" in report.summary(Text("en"))


def test_regions_split_between_countries_name_none_and_the_default_is_said(root: Path) -> None:
    _orders(root, ["BR-SP"] * 3 + ["PT-11"] * 2 + ["Ontario"])  # 3 of 5 coded rows: no country
    report = run(root)
    who = identify(Config.load(root), manifest(root))
    assert (who.currency, who.currency_stated, who.currency_inferred) == ("CNY", False, None)
    assert "warning: No currency" not in report.summary(Text("en"))


def test_chinese_provinces_infer_nothing(root: Path) -> None:
    _orders(root, ["浙江", "广东"])
    run(root)
    assert manifest(root)["store"]["regions"]["CN"]["rows"] == 2
    assert identify(Config.load(root), manifest(root)).currency_inferred is None


def test_a_set_country_gives_its_currency(root: Path) -> None:
    _orders(root, ["SP"])
    (root / "storebook.local.toml").write_text('[store]\ncountry = "IN"\n', encoding="utf-8")
    report = run(root)
    assert identify(Config.load(root), manifest(root)).currency == "INR"
    assert "amounts are shown in INR, the currency of India, the store's country as set" in report.summary(Text("en"))
    who = identify(Config.load(root), manifest(root))
    assert currency_hint(who, Text("en")).startswith(
        "hint: the exports state no currency: amounts are shown as INR, the currency of India, set as the store's "
        "country; ")
    assert currency_hint(who, Text("zh")).startswith("提示：导出文件未注明币种：金额按 INR 显示，即所设本店国家印度的货币；")


def _mixed_shopify(root: Path) -> None:
    """The real Shopify orders with #1002 and #1003 in USD (17 rows state EUR, 2 USD) and a real
    products export, which states no currency."""
    source = realdata_folder("shopify_orders_forezia-mock-data") / "orders_export.csv"
    target = root / "data" / "raw" / "shopify"
    target.mkdir(parents=True)
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at, name = rows[0].index("Currency"), rows[0].index("Name")
    for row in rows[1:]:
        if row[name] in ("#1002", "#1003") and row[at]:
            row[at] = "USD"
    with (target / "orders_export.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    products = realdata_folder("shopify_products_shopifypartners-product-csvs") / "apparel.csv"
    shutil.copy(products, target / "products_export_apparel.csv")


def test_mixed_currencies_beside_an_unstated_products_file_are_not_called_cny(
        root: Path, capsys: pytest.CaptureFixture) -> None:
    _mixed_shopify(root)
    assert cli.main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "(column Currency): 17 rows in EUR and 2 rows in USD" in out  # the mix, as before
    assert "amounts are shown as CNY" not in out
    # The rows of each currency said one way, as the warning and the data-quality page say them.
    assert ("hint: the exports state several currencies (17 rows in EUR and 2 rows in USD) and storebook converts "
            "none: amounts are shown as EUR, the one most rows state") in out
    assert "2 in USD" not in out
    assert "warning: No currency is set, and the exports state several (17 rows in EUR and 2 rows in USD): amounts " \
           "are shown in EUR" in out
    assert cli.main(["ingest", "--lang", "zh"]) == 0  # unchanged: the warning and the hint again, in Chinese
    zh = capsys.readouterr().out
    assert ("提示：导出文件标明了多个币种（EUR 17 行、USD 2 行），storebook 不做币种换算：金额按标明行数最多的 EUR 显示；"
            in zh)
    assert "警告：未设置币种，而导出文件标明了多个币种（EUR 17 行、USD 2 行）" in zh
    who = storebook.open().identity()
    assert (who.currency, who.currency_stated) == ("EUR", False)
    assert calendar.used_for(storebook.open()) is None  # a web shop in euros and dollars: not China's


def test_the_mixed_warning_is_said_in_chinese_too(root: Path) -> None:
    _mixed_shopify(root)
    report = run(root)
    assert "未设置币种，而导出文件标明了多个币种（EUR 17 行、USD 2 行）：金额按标明行数最多的 EUR 显示" in report.summary(Text("zh"))


@pytest.mark.parametrize(("store", "said"), [
    ("mixed", {"en": "the exports state several currencies: amounts are shown in EUR (€), the one most rows state",
               "zh": "导出文件标明了多个币种：金额按标明行数最多的EUR（€）显示"}),
    ("regions", {"en": "the exports state no currency: amounts are shown in BRL (R$), the currency of the store's "
                       "country as the data say it",
                 "zh": "金额按数据所示本店所在国家的货币BRL（R$）显示"}),
])
def test_the_packs_header_says_what_the_amounts_are_shown_in_and_why(root: Path, store: str, said: dict) -> None:
    from storebook.report.plan import plan_report
    from storebook.report.render import currency_note

    if store == "mixed":
        _mixed_shopify(root)
    else:
        _orders(root, ["BR-SP"] * 3)
    run(root)
    for lang in ("en", "zh"):
        plan = plan_report(Config.load(root), only=["traffic"], notebooks_dir=REPO / "notebooks", lang=lang)
        note = currency_note(plan.currency, plan.currency_stated, lang, plan.currency_how)
        assert said[lang] in note and "CNY" not in note and "¥" not in note
