"""Pages of sparse and real stores that showed only notes where the data still answer part of the
question, in English and 中文 (real stores from ../shared/realdata via ``STOREBOOK_REALDATA``;
skipped, saying so, where absent):

- fulfilment, "What did logistics cost per order and per unit?": a store without the carriers'
  bill (no ``shipping_cost_amount``: the sample with it removed, Olist's real orders) showed
  "Not in this store's data" though it knows the parcels, orders and units carriers bill by and
  what buyers paid for shipping. It now shows them and says which export adds the cost.
- competitor: prices without our matched SKU (the real Taobao and JD search crawls of 20 May
  2021, the sample with ``sku`` removed) gave a page of notes; the competitors' own price levels
  by competitor and platform are now shown, and the page says what matching adds.
- supplier: purchase orders without receipts (the real SCM order book, the sample with
  ``received_on`` removed) gave a page of notes; the month's order book by supplier (lines due,
  promised lead time against contract) is now shown, and the page says what receipts add.

The figures are checked against the raw files by hand (pandas over the published exports)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from support.mapping import allow_platform, install, realdata_folder
from support.notebooks import run_notebook_in_process
from support.packs import link_store
from support.stores import ingest_with_test_key, make_root

OLIST = REPO / "tests" / "fixtures" / "olist"


def _run(name: str, root: Path, month: str | None, language: str, data: Path | None = None):
    data = data or root / "data" / "processed"
    run = run_notebook_in_process(name, {"month": month, "data_path": str(data), "language": language}, root)
    assert run.error is None, run.error
    return run


def _section(run, key: str) -> tuple[dict, str, str]:
    """A section's record (status, notes), its Markdown and its HTML tables, by its key."""
    record = next(s for s in run.results[f"{run.name}.sections"] if s["key"] == key)
    heading = f"## {record['number']}. "
    texts, html, inside = [], [], False
    for output in run.outputs:
        md = output.get("text/markdown", "")
        if md.startswith("## "):
            inside = md.startswith(heading)
            continue
        if inside:
            texts.append(md)
            html.append(output.get("text/html", "") if not md else "")
    return record, "\n".join(texts), "\n".join(html)


def _figures(run, key: str) -> int:
    """How many figures (PNG) a section shows, by its key."""
    record = next(s for s in run.results[f"{run.name}.sections"] if s["key"] == key)
    heading, inside, count = f"## {record['number']}. ", False, 0
    for output in run.outputs:
        md = output.get("text/markdown", "")
        if md.startswith("## "):
            inside = md.startswith(heading)
        elif inside and "image/png" in output:
            count += 1
    return count


# ----------------------------------------------------------------------------- fulfilment: no carrier bill

@pytest.fixture(scope="module")
def no_bill(sample_root: Path, tmp_path_factory) -> Path:
    return link_store(sample_root / "data" / "processed", tmp_path_factory.mktemp("no-bill") / "processed",
                      blank={"shipments": ("shipping_cost_amount",)})


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_cost_section_of_a_store_without_the_carriers_bill_shows_what_is_known(sample_root, no_bill, wb,
                                                                                   language) -> None:
    from storebook.areas import fulfilment

    run = _run("fulfilment", sample_root, "2026-10", language, no_bill)
    record, text, html = _section(run, "fulfilment.cost")
    assert record["status"] == "partial", record  # it was "none": a note and nothing else
    # The parcels, orders and units of the month as the full store counts them (wb: the whole sample).
    full = fulfilment.compute_logistics_costs(wb, wb.period("2026-10"), by=None).iloc[0]
    charged = fulfilment.summarise_shipping_charged(wb, wb.period("2026-10"), by=None).iloc[0]
    if language == "en":
        assert f"{int(full.shipments):,} parcels carried {full.orders:,.0f} orders " \
               f"({full.shipments / full.orders:.2f} parcels per order" in text, text
        # One group: the buyers of the parcels' orders (it said "the month's orders": those paid in it).
        assert f"and the buyers of those orders paid ¥{charged.shipping_charged:,.0f} for shipping, " \
               f"¥{charged.shipping_per_order:,.2f} per order ({charged.free_shipping_rate:.1%} of them shipped " \
               "free)" in text, text
        assert "`shipping_cost_amount`" in text and "Not in this store's data" not in text
        assert "Parcels per order" in html and "Shipping paid per order" in html
    else:
        assert f"{int(full.shipments):,}个包裹承运{full.orders:,.0f}笔订单" in text and "`shipping_cost_amount`" in text, text
        assert "这些订单的买家支付运费" in text, text
        assert "单均包裹数" in html and "单均运费收入" in html
    assert "n/a" not in text and "未知" not in text
    assert charged.orders == pytest.approx(full.orders)  # the shipping buyers paid is over the parcels' orders
    # The headline had no cost card without the bill: it shows what the buyers of the same parcels' orders
    # paid for shipping (one card: the parcels per order only where that is unknown).
    _, _, cards = _section(run, "fulfilment.headline")
    shipping, parcels = (("Shipping paid per order", "Parcels per order") if language == "en"
                         else ("单均运费收入", "单均包裹数"))
    assert shipping in cards and f"¥{charged.shipping_per_order:,.2f}" in cards and parcels not in cards, cards
    assert ("Logistics cost per order" if language == "en" else "单均物流成本") not in cards
    _, headline_text, _ = _section(run, "fulfilment.headline")
    assert ("The cost card shows what the buyers of the month's parcels paid for shipping" if language == "en"
            else "成本卡片显示的是本月包裹所属订单的买家支付运费") in headline_text, headline_text


def _olist_store(folder: Path) -> Path:
    root = make_root(folder)
    products = sorted(p for p in realdata_folder("olist_partial_products_sellers").iterdir() if p.is_file())
    install(root, "olist", [*products, OLIST / "olist_orders_dataset.csv", OLIST / "olist_order_items_dataset.csv"])
    ingest_with_test_key(root)
    return root


def test_the_cost_section_of_olists_real_orders_says_what_buyers_paid_for_shipping(tmp_path) -> None:
    root = _olist_store(tmp_path / "olist")
    # By hand from the files: the orders handed to the carrier in August 2018 (one parcel each: the
    # parcels the section counts), with items (their freight). It was the orders approved (paid) in
    # August: another group than the parcels set beside them.
    orders = pd.read_csv(OLIST / "olist_orders_dataset.csv", parse_dates=["order_delivered_carrier_date"])
    items = pd.read_csv(OLIST / "olist_order_items_dataset.csv", dtype={"price": str})
    # The fixture's one price written "29,99" is rejected at ingest with its order (storebook rejected).
    rejected = items.loc[pd.to_numeric(items["price"], errors="coerce").isna(), "order_id"]
    items = items[~items["order_id"].isin(rejected)]
    freight = items.groupby("order_id")["freight_value"].sum()
    shipped = orders[(orders["order_delivered_carrier_date"].dt.strftime("%Y-%m") == "2018-08")
                     & ~orders["order_id"].isin(rejected)]
    known = shipped["order_id"][shipped["order_id"].isin(freight.index)]
    assert len(known) > 0
    per_order = freight[known].sum() / len(known)
    for language in ("en", "zh"):
        run = _run("fulfilment", root, "2018-08", language)
        record, text, _ = _section(run, "fulfilment.cost")
        assert record["status"] == "partial", record
        money = f"R${per_order:,.2f}"
        assert (f"{money} per order" if language == "en" else f"单均{money}") in text, (money, text)
        assert "`shipping_cost_amount`" in text
        _, _, cards = _section(run, "fulfilment.headline")
        assert money in cards and ("Shipping paid per order" if language == "en" else "单均运费收入") in cards, cards


# ----------------------------------------------------------------------------- competitor: no SKU match

@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    root = make_root(tmp_path_factory.mktemp("crawl"))
    allow_platform(root, "taobao")
    files = [p for folder in ("competitor_prices_taobao_Valuation-Method-Competition", "competitor_prices_jd_jd-spider")
             for p in sorted(realdata_folder(folder).iterdir()) if p.is_file()]
    install(root, "competitor_prices", files)
    ingest_with_test_key(root)
    return root


def test_the_real_crawls_show_the_competitors_price_levels_and_what_a_match_adds(crawl) -> None:
    taobao = pd.read_csv(realdata_folder("competitor_prices_taobao_Valuation-Method-Competition") / "taobao1.csv",
                         encoding="gbk")
    taobao_prices = taobao["view_price"].str.removesuffix("元").astype(float)
    jd = pd.read_csv(realdata_folder("competitor_prices_jd_jd-spider") / "jd.csv", header=None)
    everything = pd.concat([taobao_prices, jd[3].astype(float)])
    q = taobao_prices.quantile([0.25, 0.5, 0.75])
    shops = jd[2].nunique() + 1  # the JD shops and the Taobao crawl (which names no shop)
    for language, said in (("en", (f"{shops} competitors listed {len(everything)} products on Taobao and JD "
                                   f"(prices observed on 1 day this month), at a median price of "
                                   f"¥{everything.median():.2f}. taobao_search listed the most ({len(taobao)}): a "
                                   f"median of ¥{q[0.5]:.2f}, half of its prices between ¥{q[0.25]:.2f} and "
                                   f"¥{q[0.75]:.2f}.", "none of their products is matched to one of our SKUs")),
                           ("zh", (f"本月{shops}家竞品店铺在淘宝、京东共有{len(everything)}个商品（观察了1天的价格），"
                                   f"价格中位数¥{everything.median():.2f}。", "竞品商品均未匹配到我们的SKU"))):
        run = _run("competitor", crawl, "2021-05", language)
        record, text, html = _section(run, "competitor.levels")
        assert record["status"] in ("full", "partial"), record  # partial: one day of the month
        for part in said:
            assert part in text, (part, text)
        assert "`sku`" in text and "taobao_search" in html
        # One day of prices: no chart by day (an empty one said nothing), and the page says why.
        assert _figures(run, "competitor.levels") == 0
        assert ("No chart by day: the price export holds one day of this month." if language == "en"
                else "无法按日作图：本月的竞品价格数据只有一天。") in text, text


def test_the_sample_without_sku_matches_shows_the_levels(sample_root, tmp_path) -> None:
    data = link_store(sample_root / "data" / "processed", tmp_path / "processed", blank={"competitor_prices": ("sku",)})
    run = _run("competitor", sample_root, "2026-10", "en", data)
    record, text, _ = _section(run, "competitor.levels")
    assert record["status"] == "full"
    # The sample's four competitors, each on its platform (docs/sample_store.md), every day of October.
    assert "**→** 4 competitors listed" in text and "(prices observed on 31 days this month)" in text, text
    assert "none of their products is matched to one of our SKUs" in text
    index, _, _ = _section(run, "competitor.index")
    assert index["status"] == "none"  # the price index needs the match: still a note


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_price_levels_of_a_month_of_crawls_are_charted_by_day(sample_root, wb, language) -> None:
    """The competitors' price levels had no chart by day. The sample crawls every day of October:
    the chart follows each competitor's daily median; by hand (pandas over the processed table)
    the competitor whose median moved most between its first and last day, and by how much."""
    prices = wb.table("competitor_prices").to_pandas()
    prices = prices[(prices["observed_on"].astype(str) >= "2026-10-01") & (prices["observed_on"].astype(str) < "2026-11-01")
                    & prices["price"].notna()]
    daily = prices.groupby(["competitor", "observed_on"])["price"].median().unstack("competitor").sort_index()
    change = daily.iloc[-1] / daily.iloc[0] - 1
    mover = change.abs().idxmax()
    run = _run("competitor", sample_root, "2026-10", language)
    record, text, _ = _section(run, "competitor.levels")
    assert _figures(run, "competitor.levels") == 1
    first, last = f"¥{daily[mover].iloc[0]:,.2f}", f"¥{daily[mover].iloc[-1]:,.2f}"
    said = (f"By day, {mover}'s median price moved the most: {first} on its first day observed, {last} on its last"
            if language == "en" else f"按日看，{mover}的价格中位数变化最大：首个观察日{first}，最后一个观察日{last}")
    assert said in text, (said, text)
    assert f"{abs(change[mover]):.1%}" in text, text


def test_a_real_crawl_of_two_days_is_charted_by_day(tmp_path) -> None:
    """The real JD crawl declared as two days' crawls (one file a day, the day in its name, as the
    example's note says: here the same file twice, so no median moved): the chart by day is drawn
    for the shops with the most products, and the sentence says nobody's median moved, not "moved
    the most: 0%"."""
    root = make_root(tmp_path / "two-days")
    jd = realdata_folder("competitor_prices_jd_jd-spider") / "jd.csv"
    days = []
    for day in ("2021-05-20", "2021-05-21"):
        days.append(tmp_path / f"jd_{day}.csv")
        days[-1].write_bytes(jd.read_bytes())
    install(root, "competitor_prices", days)
    sources = root / "storebook.sources.yaml"
    text = sources.read_text(encoding="utf-8")
    jd_part = text.index("name: jd_search_prices")
    sources.write_text(text[:jd_part] + text[jd_part:].replace('files: "*jd.csv"', 'files: "*jd_*.csv"')
                       .replace("period: 2021-05-20", "period: file_name"), encoding="utf-8")
    ingest_with_test_key(root)
    shops = pd.read_csv(jd, header=None)[2].nunique()
    for language, said in (("en", "By day, no competitor's median price differed between its first and last day "
                                  "observed this month (2 days)."),
                           ("zh", "按日看，本月（2天）各竞品店铺首个观察日与最后一个观察日的价格中位数相同。")):
        run = _run("competitor", root, "2021-05", language)
        _, text, _ = _section(run, "competitor.levels")
        assert _figures(run, "competitor.levels") == 1
        assert said in text, text
    # The lines: the shops with the most products, at most six, each on both days.
    import storebook
    from storebook.areas import competitor

    wb = storebook.open(root / "data" / "processed", root=root)
    daily = competitor.trace_price_levels(wb, wb.period("2021-05"))
    assert daily.attrs["days"] == 2 and daily.attrs["competitors"] == shops
    assert daily["series"].nunique() == min(shops, 6) and (daily.groupby("series")["day"].nunique() == 2).all()


# ----------------------------------------------------------------------------- supplier: no receipts

@pytest.fixture(scope="module")
def scm(tmp_path_factory) -> Path:
    root = make_root(tmp_path_factory.mktemp("scm"))
    install(root, "supply_chain", sorted(p for p in realdata_folder("logistics_supply_chain_SCM").iterdir() if p.is_file()))
    ingest_with_test_key(root)
    return root


def test_the_real_order_book_without_receipts_shows_what_was_due(scm) -> None:
    book = pd.read_excel(next(realdata_folder("logistics_supply_chain_SCM").glob("*.xlsx")), sheet_name="OrderList")
    # By hand: each plant's contract lead time is its most frequent transit time (the example's mapping);
    # a line is promised TPT days after its order.
    contract = book.groupby("Plant Code")["TPT"].agg(lambda t: t.mode().min())
    within = (book["TPT"] <= book["Plant Code"].map(contract)).mean()
    # The total row's contract lead time: the plants' contracts averaged over the lines (each line its plant's).
    contract_mean = book["Plant Code"].map(contract).mean()
    top = book["Plant Code"].value_counts()
    for language, said in (("en", (f"{len(book):,} purchase-order lines ({book['Order ID'].nunique():,} POs, "
                                   f"{book['Unit quantity'].sum():,} units) from {book['Plant Code'].nunique()} "
                                   f"suppliers were due this month, the most from {top.index[0]} ({top.iloc[0]:,}). "
                                   f"Suppliers promised delivery {book['TPT'].mean():.1f} days after the order on "
                                   f"average, against a contract lead time of {contract_mean:.1f} days on average "
                                   f"over the lines that have one; {within:.1%} of the lines were promised within "
                                   "their contract lead time.",
                                   "the purchase orders record no receipt")),
                           ("zh", (f"本月到期的采购行共{len(book):,}行", f"{within:.1%}的采购行承诺交期在合同交期之内",
                                   f"合同交期平均{contract_mean:.1f}天", "采购单没有到货记录"))):
        run = _run("supplier", scm, "2013-05", language)
        record, text, html = _section(run, "supplier.orders")
        assert record["status"] in ("full", "partial"), record
        for part in said:
            assert part in text, (part, text)
        assert "`received_on`" in text and top.index[0] in html
        # The total row's contract lead time is that mean (it was "n/a": the plants name no supplier).
        total_row = html[html.rindex("<tr"):]
        assert f">{contract_mean:.1f}<" in total_row and "n/a" not in total_row, total_row
        scorecard, _, _ = _section(run, "supplier.scorecard")
        assert scorecard["status"] == "none"  # OTIF needs the receipts: still a note


def test_the_sample_without_receipts_shows_its_order_book(sample_root, tmp_path, wb) -> None:
    from storebook.areas import supplier

    data = link_store(sample_root / "data" / "processed", tmp_path / "processed",
                      blank={"purchase_orders": ("received_on",)})
    run = _run("supplier", sample_root, "2026-10", "zh", data)
    record, text, _ = _section(run, "supplier.orders")
    assert record["status"] == "full", record
    full = supplier.summarise_purchase_orders(wb, wb.period("2026-10")).set_index("supplier_id").loc["total"]
    assert f"本月到期的采购行共{int(full.n_lines):,}行（{int(full.n_pos)}张采购单" in text, text
    assert "采购单没有到货记录" in text and "月末仍有" not in text  # nothing said open: unknown
