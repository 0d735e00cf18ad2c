"""What a section needs, the month a pack reports, and how the page and the index say so.

Small hand-written stores (a few Parquet rows per table) pin the rules down one at a time:
the default month (last complete month with data, from any dated table; else the month
the data end in, partial), the checks of :mod:`storebook.report.needs` (absent, empty, no rows in
the month, a blank column, a column known for part of the rows, a daily table that stops
early), the page (one note, the body does not run, the status recorded) and the report
(plan without an orders table, the platforms with data in the header, sections in the
index). The notebooks' side: every section is declared, every cell is a section.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
from pathlib import Path

import nbformat
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import storebook
from conftest import REPO
from storebook.engine import availability
from storebook.engine.config import Config
from storebook.errors import NoDataError
from storebook.report import needs, results
from storebook.report import page as page_module
from storebook.report.text import Text

PACK = Config.load(REPO).report_pack


def write_table(root: Path, name: str, columns: dict) -> None:
    """data/processed/<name>/part-0.parquet with ``columns`` (name → values)."""
    folder = root / "data" / "processed" / name
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), folder / "part-0.parquet")


def days(first: str, last: str) -> list[dt.datetime]:
    """Noon of every day from ``first`` to ``last``."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [dt.datetime.combine(start + dt.timedelta(days=k), dt.time(12)) for k in range((end - start).days + 1)]


def orders(stamps: list[dt.datetime], *, platform: str = "tmall", customers: list | None = None) -> dict:
    n = len(stamps)
    return {"order_id": [f"O{k}" for k in range(n)], "platform": [platform] * n, "ordered_at": stamps,
            "paid_at": stamps, "status": ["completed"] * n,
            "customer_id": customers if customers is not None else [f"C{k % 3}" for k in range(n)],
            "province": ["Zhejiang"] * n, "paid_amount": [100.0] * n}


def traffic(stamps: list[dt.datetime], platform: str = "tmall") -> dict:
    n = len(stamps)
    return {"visited_on": stamps, "platform": [platform] * n, "channel": ["all"] * n, "device": ["mobile"] * n,
            "visitors": [100] * n, "buyers": [3] * n, "paid_amount": [300.0] * n}


def open_store(root: Path):
    return storebook.open(root / "data" / "processed", root=root)


# --------------------------------------------------------------------------- the month


@pytest.mark.parametrize("spans, month, partial, first, last", [
    ([("2021-03-10", "2021-05-17")], "2021-04", False, "2021-04-01", "2021-04-30"),
    ([("2021-03-01", "2021-03-31"), ("2021-05-13", "2021-05-17")], "2021-03", False, "2021-03-01", "2021-03-31"),
    ([("2021-05-13", "2021-05-17")], "2021-05", True, "2021-05-13", "2021-05-17"),
    ([("2021-03-05", "2021-04-30")], "2021-04", False, "2021-04-01", "2021-04-30"),
    ([("2021-04-20", "2021-05-17")], "2021-05", True, "2021-05-01", "2021-05-17"),
], ids=["complete-month", "gap-before-the-end", "five-days", "ends-on-the-last-day", "starts-inside-april"])
def test_default_month_is_the_last_complete_month_with_data(root, spans, month, partial, first, last) -> None:
    write_table(root, "orders", orders([d for span in spans for d in days(*span)]))
    chosen = availability.resolve_month(open_store(root))
    assert chosen.period.label == month and chosen.partial is partial
    assert (chosen.first_day.isoformat(), chosen.last_day.isoformat()) == (first, last)
    assert chosen.days == (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1


def test_the_month_comes_from_any_dated_table_not_only_orders(root) -> None:
    write_table(root, "inventory", {"snapshot_on": days("2021-01-01", "2021-02-28"), "sku": ["A"] * 59,
                                    "warehouse": ["W"] * 59, "on_hand": [5] * 59, "on_order": [0] * 59})
    write_table(root, "traffic", traffic(days("2021-01-05", "2021-03-10")))
    wb = open_store(root)
    assert not wb.has("orders")
    chosen = availability.resolve_month(wb)
    assert chosen.period.label == "2021-02" and not chosen.partial
    assert availability.resolve_month(wb, "2021-03").partial  # asked for, it covers 1–10 March
    with pytest.raises(NoDataError, match=r"no data in 2019-01: the data \(traffic, inventory\) cover 2021-01-01 "
                                          r"to 2021-03-10"):
        availability.resolve_month(wb, "2019-01")


def test_an_explicit_month_without_data_names_the_range(root) -> None:
    write_table(root, "orders", orders(days("2021-03-10", "2021-05-17")))
    with pytest.raises(NoDataError, match="no orders in 2021-07, nor any other data: the data .orders. cover "
                                          "2021-03-10 to 2021-05-17"):
        availability.resolve_month(open_store(root), "2021-07")


def test_platforms_present_are_those_with_data_in_the_month(root) -> None:
    write_table(root, "orders", orders(days("2021-04-01", "2021-04-30"), platform="web"))
    wb = open_store(root)
    april = availability.resolve_month(wb).period
    assert availability.present_platforms(wb, april, wb.platforms()) == ["web"]
    assert availability.present_platforms(wb, april.prior(), wb.platforms()) == []


def test_platforms_present_in_any_of_our_tables_count_once_in_the_order_asked(root) -> None:
    # jd sells nothing in April but has visitors; web has both; tmall's traffic is in May only.
    write_table(root, "orders", orders(days("2021-04-01", "2021-04-30"), platform="web"))
    jd, tmall = traffic(days("2021-04-03", "2021-04-05"), "jd"), traffic(days("2021-05-01", "2021-05-02"), "tmall")
    write_table(root, "traffic", {column: jd[column] + tmall[column] for column in jd})
    wb = open_store(root)
    april = wb.period("2021-04")
    assert availability.present_platforms(wb, april, ["tmall", "web", "jd"]) == ["web", "jd"]
    assert availability.present_platforms(wb, april, ["jd"]) == ["jd"]
    assert availability.present_platforms(wb, wb.period("2021-05"), ["tmall", "web", "jd"]) == ["tmall"]


# --------------------------------------------------------------------------- the checks


def test_an_absent_table_is_missing_with_what_to_do_in_both_languages(root) -> None:
    write_table(root, "orders", orders(days("2021-04-01", "2021-04-30")))
    wb = open_store(root)
    check = needs.check_section(wb, availability.resolve_month(wb), ["tmall"], "traffic.daily")
    assert check.status == needs.NONE and [s.kind for s in check.missing] == ["absent"]
    shortfall = check.missing[0]
    assert shortfall.describe(Text("en")) == "the traffic table, which this store does not have"
    assert "生意参谋" in shortfall.how(Text("en")) and "storebook ingest" in shortfall.how(Text("en"))
    assert shortfall.describe(Text("zh")) == "流量（traffic）表，本店数据中没有"


def test_two_absent_tables_are_said_in_one_phrase() -> None:
    check = needs.SectionCheck("marketing.roas", missing=[
        needs.Shortfall("absent", "marketing_spend"), needs.Shortfall("absent", "traffic"),
        needs.Shortfall("empty", "orders")])
    assert check.describe_missing(Text("en")) == [
        "the marketing spend and traffic tables, which this store does not have",
        "rows in the orders table, which is empty"]
    assert check.describe_missing(Text("zh"))[0] == "推广花费（marketing_spend）、流量（traffic）表，本店数据中都没有"
    # One absent table: its own phrase, as before.
    one = needs.SectionCheck("traffic.daily", missing=[needs.Shortfall("absent", "traffic")])
    assert one.describe_missing(Text("en")) == ["the traffic table, which this store does not have"]


def test_several_things_to_add_are_said_with_one_lead_and_columns_read_mid_sentence() -> None:
    """The real Taobao/JD competitor crawl's sections read "…does not have and Our matched SKU
    (`sku`) in the competitor prices table…" and "To add it:" four times over."""
    shortfalls = [needs.Shortfall("absent", "orders"), needs.Shortfall("absent", "products"),
                  needs.Shortfall("empty_column", "competitor_prices", "sku", values={"month": "2021-05"})]
    check = needs.SectionCheck("competitor.price_index", missing=shortfalls)
    en = Text("en")
    assert check.describe_missing(en)[1] == (
        "our matched SKU (`sku`) in the competitor prices table, which is empty in every row for 2021-05")
    todo = needs.how_to_add([s.how(en) for s in shortfalls], en)
    # The first step goes on after the lead's colon, in lower case (it read "To add them: Put …");
    # each later step is a sentence of its own, with its capital.
    assert todo.count("To add") == 1 and todo.startswith("To add them: put the platforms' order exports")
    assert "`storebook ingest`. Put the product catalogue" in todo
    assert "`storebook ingest`. Fill in `sku` in the competitor prices exports" in todo
    zh = needs.how_to_add([s.how(Text("zh")) for s in shortfalls], Text("zh"))
    assert zh.count("补充方法") == 1 and "将商品目录" in zh
    # In Chinese a step follows the last one's "。" with no space (it read "…`storebook ingest`。 将商品目录").
    assert "。将商品目录" in zh and "。 " not in zh
    # The table of a column to fill in is named in words, as the other steps name theirs (it read
    # "在competitor_prices导出中"); the tables' phrase is closed before "and" (it read "…does not
    # have and our matched SKU"), in Chinese set apart by "；" (it read "…都没有、竞品价格…").
    assert "在竞品价格（competitor_prices）导出中填写 `sku`" in zh
    assert en.join(check.describe_missing(en)) == (
        "the orders and products tables, which this store does not have, and our matched SKU (`sku`) in the "
        "competitor prices table, which is empty in every row for 2021-05")
    assert Text("zh").join(check.describe_missing(Text("zh"))).startswith(
        "订单（orders）、商品（products）表，本店数据中都没有；竞品价格（competitor_prices）表的")
    # One thing to add keeps its own lead; an acronym keeps its capitals.
    assert needs.how_to_add([shortfalls[0].how(en)], en).startswith("To add it: put the platforms'")
    assert needs.Shortfall("empty_column_all", "purchase_orders", "ordered_on").describe(en).startswith("PO date ")


def test_a_table_two_needs_lack_is_said_once(root) -> None:
    # The ABC needs the order lines and their amounts: without order lines the note read
    # "the orders table …, the order lines table … and the order lines table …".
    write_table(root, "traffic", traffic(days("2021-04-01", "2021-04-30")))
    wb = open_store(root)
    check = needs.check_section(wb, availability.resolve_month(wb), ["tmall"], "products.abc")
    assert [(s.kind, s.table) for s in check.missing] == [("absent", "orders"), ("absent", "order_lines")]


def test_rows_only_in_other_months_or_on_other_platforms_are_missing_for_the_month(root) -> None:
    write_table(root, "orders", orders(days("2021-03-01", "2021-04-30")))
    write_table(root, "traffic", traffic(days("2021-03-01", "2021-03-31")))
    wb = open_store(root)
    april = availability.resolve_month(wb)
    found = needs.check_section(wb, april, ["tmall"], "traffic.daily").missing
    assert [(s.kind, s.values["first"], s.values["last"]) for s in found] == [("no_rows", "2021-03-01", "2021-03-31")]
    assert "traffic rows for 2021-04: the traffic table covers 2021-03-01 to 2021-03-31" in found[0].describe(Text("en"))
    march = availability.resolve_month(wb, "2021-03")
    assert needs.check_section(wb, march, ["tmall"], "traffic.daily").status == needs.FULL
    assert needs.check_section(wb, march, ["jd"], "traffic.daily").status == needs.NONE  # no jd rows


def test_an_optional_column_known_for_part_of_the_rows_makes_the_section_partial(root) -> None:
    stamps = days("2021-04-01", "2021-04-30")
    known = [None if k % 4 == 0 else f"C{k}" for k in range(len(stamps))]  # 22 of 30 known
    write_table(root, "orders", orders(stamps, customers=known))
    wb = open_store(root)
    check = needs.check_section(wb, availability.resolve_month(wb), ["tmall"], "customers.new_returning")
    assert check.status == needs.PARTIAL
    assert [(s.kind, s.column, round(s.share, 4)) for s in check.partial] == [("coverage", "customer_id", 0.7333)]
    assert "known for 73.3% of the orders rows" in check.partial[0].describe(Text("en"))


def test_a_blank_column_or_an_empty_table_is_missing(root) -> None:
    stamps = days("2021-04-01", "2021-04-30")
    write_table(root, "orders", orders(stamps, customers=pa.nulls(len(stamps), pa.string())))
    write_table(root, "returns", {"return_id": pa.array([], pa.string()), "returned_on": pa.array([], pa.timestamp("us"))})
    wb = open_store(root)
    month = availability.resolve_month(wb)
    blank = needs.check_section(wb, month, ["tmall"], "customers.repeat").missing
    assert [(s.kind, s.column) for s in blank] == [("empty_column", "customer_id")]
    assert "Guest checkouts carry no customer account" in blank[0].how(Text("en"))
    empty = [s for s in needs.check_section(wb, month, ["tmall"], "service.returns").missing if s.table == "returns"]
    assert [s.kind for s in empty] == ["empty"]


def weeks(*spans: tuple[str, str]) -> dict:
    """Traffic rows over several days (a 生意参谋 week): ``visited_on`` the first day,
    ``period_end_on`` the last."""
    table = traffic([dt.datetime.fromisoformat(first) for first, _ in spans])
    return {**table, "period_end_on": [dt.datetime.fromisoformat(last) for _, last in spans]}


def test_a_traffic_table_of_weeks_covers_the_days_to_its_last_weeks_end(root) -> None:
    """A weekly traffic table's days end on its last week's last day, not on that week's
    first day (before: weeks to 30 Apr were "1 Apr to 29 Apr of the month only", and weeks
    to 14 Apr were "1 Apr to 8 Apr")."""
    write_table(root, "orders", orders(days("2021-04-01", "2021-04-30")))
    write_table(root, "traffic", weeks(("2021-04-01", "2021-04-07"), ("2021-04-08", "2021-04-14"),
                                       ("2021-04-15", "2021-04-21"), ("2021-04-22", "2021-04-28"),
                                       ("2021-04-29", "2021-04-30")))
    wb = open_store(root)
    month = availability.resolve_month(wb, "2021-04")
    assert not month.partial
    assert needs.check_section(wb, month, ["tmall"], "traffic.daily").partial == []
    write_table(root, "traffic", weeks(("2021-04-01", "2021-04-07"), ("2021-04-08", "2021-04-14")))
    wb = open_store(root)
    check = needs.check_section(wb, availability.resolve_month(wb, "2021-04"), ["tmall"], "traffic.daily")
    assert [s.describe(Text("en")) for s in check.partial if s.kind == "days"] == \
        ["the traffic table covers 1 Apr to 14 Apr of the month only"]


def listings(first: str, last: str, items: int = 3) -> dict:
    """A listing report (生意参谋 商品效果) of one period: each item's row from ``first`` to ``last``."""
    return {"visited_on": [dt.datetime.fromisoformat(first)] * items,
            "period_end_on": [dt.datetime.fromisoformat(last)] * items, "platform": ["tmall"] * items,
            "item_id": [f"I{k}" for k in range(items)], "visitors": [50] * items, "buyers": [2] * items}


def test_a_listing_report_of_one_week_beside_a_month_of_orders_is_said_to_cover_that_week(root) -> None:
    """product_traffic is a daily table (availability.DAILY_TABLES): a one-week listing report
    beside a month of orders was shown as the month's listings without a word. The month stays
    whole (the orders cover it); the listings' sections say the week they cover, in both
    languages, and a report of the whole month says nothing."""
    write_table(root, "orders", orders(days("2021-04-01", "2021-04-30")))
    write_table(root, "product_traffic", listings("2021-04-01", "2021-04-07"))
    wb = open_store(root)
    month = availability.resolve_month(wb, "2021-04")
    assert not month.partial
    check = needs.check_section(wb, month, ["tmall"], "store_ops.listings")
    assert check.status == needs.PARTIAL
    assert [s.describe(Text("en")) for s in check.partial if s.kind == "days"] == \
        ["the listing traffic table covers 1 Apr to 7 Apr of the month only"]
    assert [s.describe(Text("zh")) for s in check.partial if s.kind == "days"] == \
        ["商品流量（product_traffic）表仅覆盖本月4月1日至4月7日"]
    write_table(root, "product_traffic", listings("2021-04-01", "2021-04-30"))
    wb = open_store(root)
    check = needs.check_section(wb, availability.resolve_month(wb, "2021-04"), ["tmall"], "store_ops.listings")
    assert [s for s in check.partial if s.kind == "days"] == []


def test_a_daily_table_that_stops_early_and_an_optional_table_make_it_partial(root) -> None:
    write_table(root, "orders", orders(days("2021-04-01", "2021-04-30")))
    write_table(root, "traffic", traffic(days("2021-04-01", "2021-04-20")))
    wb = open_store(root)
    month = availability.resolve_month(wb)
    check = needs.check_section(wb, month, ["tmall"], "traffic.anomalies")  # promotions are optional there
    assert check.status == needs.PARTIAL
    assert sorted(s.kind for s in check.partial) == ["days", "optional_absent"]
    days_note = next(s for s in check.partial if s.kind == "days").describe(Text("en"))
    assert days_note == "the traffic table covers 1 Apr to 20 Apr of the month only"
    either = needs.check_section(wb, month, ["tmall"], "overview.scorecard")  # orders or traffic will do
    assert either.status == needs.PARTIAL and not either.missing
    lacking = [p for p in either.describe_partial(Text("en")) if p.startswith("this store has no ")]
    assert lacking == ["this store has no order lines, products, platform fees, marketing spend, shipments, returns, "
                       "service tickets, suppliers, purchase orders, targets and store ratings tables, so the parts that need them "
                       "are left out"]


def test_a_shortfall_two_needs_find_is_said_once(root) -> None:
    """A traffic-only store that stops inside the month (Tianchi's events, 25–30 Nov): the
    scorecard needs orders twice (paid amount, refunds) and traffic twice, the products page
    order lines twice; each shortfall is said once ("this store has no orders, orders, …",
    "the traffic table covers … ; the traffic table covers …" before)."""
    write_table(root, "traffic", traffic([*days("2021-03-25", "2021-04-20"), *days("2021-05-01", "2021-05-03")]))
    wb = open_store(root)
    month = availability.resolve_month(wb, "2021-04")
    phrases = needs.check_section(wb, month, ["tmall"], "overview.scorecard").describe_partial(Text("en"))
    assert phrases.count("the traffic table covers 1 Apr to 20 Apr of the month only") == 1
    lacking = [p for p in phrases if p.startswith("this store has no ")]
    assert lacking == ["this store has no orders, order lines, products, platform fees, marketing spend, shipments, "
                       "returns, service tickets, suppliers, purchase orders, targets and store ratings tables, so the "
                       "parts that need them are left out"]
    missing = needs.check_section(wb, month, ["tmall"], "overview.products").missing
    assert [(s.kind, s.table) for s in missing] == [("absent", "orders"), ("absent", "order_lines")]


def test_a_no_data_error_that_names_its_text_is_shown_in_the_pages_language() -> None:
    """The library's no-data messages are English; one that names its catalogue entry is
    shown in the pack's language (the 中文 pack said "no traffic rows for 2017-10 on taobao: …")."""
    from types import SimpleNamespace

    err = NoDataError("no traffic rows for 2017-10 on taobao: the traffic table covers 2014-11-18 to 2017-12-03.",
                      key="traffic.no_rows", values={"month": "2017-10", "platforms": ["taobao"],
                                                     "first": "2014-11-18", "last": "2017-12-03"})
    zh = page_module.Page.said(SimpleNamespace(text=Text("zh")), err)
    assert zh.startswith("淘宝没有2017-10的流量数据") and "no traffic" not in zh
    assert page_module.Page.said(SimpleNamespace(text=Text("zh")), NoDataError("plain")) == "plain"


def _lines(n: int, *, amounts: bool = True) -> dict:
    """One order line per order O0 … O<n-1> (an orders export: SKU, item name, units, amounts)."""
    return {"order_id": [f"O{k}" for k in range(n)], "line_no": [1] * n, "sku": [f"S{k % 3}" for k in range(n)],
            "item_name": [f"Item {k % 3}" for k in range(n)], "quantity": [1] * n,
            "line_amount": pa.array([100.0 if amounts else None] * n, pa.float64())}


@pytest.mark.parametrize("key", ["products.headline", "products.abc", "overview.products"])
def test_products_by_revenue_run_from_the_order_lines_without_a_catalogue_or_its_costs(root, key) -> None:
    stamps = days("2021-04-01", "2021-04-30")
    write_table(root, "orders", orders(stamps))
    write_table(root, "order_lines", _lines(len(stamps)))
    wb = open_store(root)
    month = availability.resolve_month(wb)
    alone = needs.check_section(wb, month, ["tmall"], key)
    assert alone.status == needs.PARTIAL and not alone.missing
    assert {s.kind for s in alone.partial} == {"optional_absent"} and "products" in [s.table for s in alone.partial]
    assert alone.describe_partial(Text("en"))[0].startswith("this store has no products")
    # A catalogue without costs: partial, saying the cost is empty and how to fill it in.
    write_table(root, "products", {"sku": ["S0", "S1", "S2"], "product_name": ["a", "b", "c"], "category": ["x"] * 3,
                                   "unit_cost": pa.array([None] * 3, pa.float64()),
                                   "list_price": pa.array([10.0] * 3, pa.float64())})
    costless = needs.check_section(open_store(root), month, ["tmall"], key)
    assert costless.status == needs.PARTIAL
    blank = [s for s in costless.partial if s.column == "unit_cost"]
    assert [s.kind for s in blank] == ["empty_column_all"] and "`unit_cost`" in blank[0].how(Text("en"))
    # About margin and stock: the costs stay needed.
    for other in ("products.margin", "products.stock"):
        assert needs.check_section(wb, month, ["tmall"], other).status == needs.NONE


def test_products_by_revenue_need_line_amounts_and_the_headline_counts_skus_without(root) -> None:
    stamps = days("2021-04-01", "2021-04-30")
    write_table(root, "orders", orders(stamps))
    write_table(root, "order_lines", _lines(len(stamps), amounts=False))  # units only (the Tianchi trade history)
    wb = open_store(root)
    month = availability.resolve_month(wb)
    for key in ("products.abc", "overview.products"):
        check = needs.check_section(wb, month, ["tmall"], key)
        assert check.status == needs.NONE, key
        assert [(s.kind, s.column) for s in check.missing] == [("empty_column_all", "line_amount")]
    headline = needs.check_section(wb, month, ["tmall"], "products.headline")
    assert headline.status == needs.PARTIAL
    assert ("empty_column_all", "line_amount") in [(s.kind, s.column) for s in headline.partial]


def test_a_partial_note_says_how_to_fill_in_a_column_and_names_an_absent_table_only(shop) -> None:
    write_table(shop, "order_lines", _lines(5))
    write_table(shop, "products", {"sku": ["S0", "S1", "S2"], "unit_cost": pa.array([None] * 3, pa.float64())})
    page = page_module.start("products")
    with page.section("products.abc"):
        pass
    note = [m for kind, m in page.shown if kind == "partial"][0]
    assert "unit cost" in note.lower() and "`unit_cost`" in note  # the how of the blank cost
    assert "Shopify" not in note  # the store has no Shopify data: no Shopify column named
    assert "this store has no returns table" in note and "data/raw/returns" not in note


def test_a_partial_note_in_chinese_is_punctuated_in_chinese(shop) -> None:
    """The 中文 pack's partial notes joined their phrases with an English "; "."""
    write_table(shop, "order_lines", _lines(5))
    write_table(shop, "products", {"sku": ["S0", "S1", "S2"], "unit_cost": pa.array([None] * 3, pa.float64())})
    page = page_module.start("products", language="zh")
    with page.section("products.abc"):
        pass
    note = [m for kind, m in page.shown if kind == "partial"][0]
    assert "；" in note and "; " not in note
    # The how-to follows the note's "。" with no space (it read "…未计算。 补充方法：…").
    assert "。补充方法：" in note and "。在商品目录中填写每个商品的单位成本（`unit_cost`）" in note and "。 " not in note


# --------------------------------------------------------------------------- the page


@pytest.fixture
def shop(root) -> Path:
    """Orders of 13–17 May 2021 on the web shop, and nothing else."""
    write_table(root, "orders", orders(days("2021-05-13", "2021-05-17"), platform="web"))
    return root


def test_page_of_a_partial_month_names_its_days_and_the_platforms_with_data(shop) -> None:
    page = page_module.start("traffic")
    assert page.period.label == "2021-05" and page.month.partial and page.present == ["web"]
    title = page.shown[0][1]
    assert "Platforms: Web shop ·" in title and "Tmall" not in title
    assert "**Partial month:** the data cover 13 May to 17 May only, 5 of the month's 31 days." in title


def test_a_month_after_a_partial_prior_month_says_what_its_changes_compare_with(root) -> None:
    """Data that begin on 16 May: June's changes on the prior month compare with 16 of May's 31
    days — the page says so (both languages); the month after, whose prior month is whole, does not."""
    write_table(root, "orders", orders(days("2021-05-16", "2021-07-31"), platform="web"))
    title = page_module.start("overview", month="2021-06").shown[0][1]
    assert ("**Partial prior month:** the data begin on 16 May, so the prior month (2021-05) holds 16 of its 31 days: "
            "a change on the prior month compares this month with that part of it, not with a whole month.") in title
    zh = page_module.start("overview", month="2021-06", language="zh").shown[0][1]
    assert "**上月数据不完整：** 数据自5月16日起，上月（2021-05）只有其31天中的16天" in zh
    assert "Partial prior month" not in page_module.start("overview", month="2021-07").shown[0][1]
    assert "Partial prior month" not in page_module.start("overview", month="2021-05").shown[0][1]


def test_a_store_without_a_table_by_platform_names_no_platform(root) -> None:
    # A stock report alone (Amazon India), or an order book to plants: the title said
    # "Platforms: Tmall, JD, Douyin and Web shop", the workbook's list, as if the data came from them.
    stamps = days("2022-05-01", "2022-05-31")
    write_table(root, "inventory", {"snapshot_on": [d.date() for d in stamps], "sku": ["A"] * len(stamps),
                                    "warehouse": ["all"] * len(stamps), "on_hand": [5] * len(stamps)})
    title = page_module.start("supplier").shown[0][1]
    assert "Platforms: none (no table of this month's data is by platform)" in title and "Tmall" not in title
    assert "平台：无（本月数据中没有按平台区分的表）" in page_module.start("supplier", language="zh").shown[0][1]


def test_a_section_without_its_table_shows_one_note_and_its_body_does_not_run(shop) -> None:
    page = page_module.start("traffic", language="zh")
    ran = []
    with page.section("traffic.daily"):
        ran.append(page.wb)
    with page.section("traffic.channels"):
        page.takeaway("traffic.channels.takeaway")  # would need values: it must not even be reached
        ran.append("second")
    assert ran == []
    kinds = [k for k, _ in page.shown]
    assert kinds == ["title", "section", "needs", "section", "needs"]
    assert page.shown[2][1].startswith("> **本店数据中暂无。** 本节需要流量（traffic）表，本店数据中没有。")
    assert page.shown[4][1] == "> 本节同样缺少上一节所需的数据（见上一节）。"
    assert [(s["key"], s["status"]) for s in page.sections] == [("traffic.daily", "none"), ("traffic.channels", "none")]
    assert page.sections[0]["needs"] == ["traffic"] and page.sections[0]["read"] == []
    assert page.sections[0]["lacks"] == ["traffic"]  # what the index says is not in the data
    with page.section("fulfilment.dispatch"):  # the orders are there: only the shipments lack
        ran.append(page.wb)
    assert ran == [] and page.sections[-1]["lacks"] == ["shipments"]


def _sections_of(notebook: str) -> list[str]:
    """The keys of a notebook's numbered sections, in its order (notebooks/<name>.py)."""
    return re.findall(r'page\.section\("([^"]+)"\)', (REPO / "notebooks" / f"{notebook}.py").read_text(encoding="utf-8"))


def _needs_notes(area: str, language: str) -> list[tuple[str, str, str]]:
    """Each numbered section of ``area``'s page run in order with an empty body, on the store
    storebook finds: (key, the note it would say in full or "" where it runs, what it showed)."""
    page = page_module.start(area, language=language)
    out = []
    for key in _sections_of(area):
        with page.section(key):
            pass
        shown = page.shown[-1][1] if page.shown[-1][0] == "needs" else ""
        check = needs.check_section(page.workbook, page.month, page.platforms, key)
        out.append((key, page._needs_note(check) if shown else "", shown))
    return out


def _said_again_only_below_the_same_note(notes: list[tuple[str, str, str]], again: str) -> None:
    """A note reads "the same data as the section above" exactly where the section directly
    above had the same note; every other one is said in full."""
    above = None
    for key, note, shown in notes:
        if note and note == above:
            assert shown == f"> {again}", key
        elif note:
            assert shown == "> " + note.replace("\n", "\n> "), key
        above = note or None


@pytest.mark.parametrize("language", ["en", "zh"])
def test_same_data_as_above_is_said_only_below_a_section_with_that_shortfall(shop, language) -> None:
    """The traffic page of a store without traffic or ad spend: section 7 (traffic) follows
    section 6 (marketing spend) and read "needs the same data as above", pointing past 5 and 6
    to section 1. It is said in full; sections 2-4, directly below one that lacks the traffic
    table too, say it briefly."""
    assert _sections_of("traffic") == ["traffic.headline", "traffic.daily", "traffic.channels", "traffic.devices",
                                       "traffic.paid", "traffic.campaigns", "traffic.anomalies"]
    notes = _needs_notes("traffic", language)
    again = Text(language)("page.needs.again")
    assert [shown == f"> {again}" for _, _, shown in notes] == [False, True, True, True, False, False, False]
    assert notes[6][2] == notes[0][2] == "> " + notes[0][1]  # section 7 says section 1's note in full
    assert ("流量（traffic）表，本店数据中没有" if language == "zh" else "the traffic table") in notes[6][2]
    _said_again_only_below_the_same_note(notes, again)


def test_a_section_that_runs_ends_the_same_data_as_above(shop) -> None:
    """A section that runs between two that lack the same table: the second says its note in full."""
    page = page_module.start("traffic")
    with page.section("traffic.daily"):
        pass
    with page.section("conversion.payment"):  # the orders are there: it runs
        pass
    with page.section("traffic.channels"):
        pass
    needs_shown = [m for kind, m in page.shown if kind == "needs"]
    assert len(needs_shown) == 2 and needs_shown[1] == needs_shown[0]
    assert "same data" not in needs_shown[1]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_data_either_is_said_only_directly_below_a_section_with_that_notice(shop, language) -> None:
    """A notice (a NoDataError in a section that runs) said again reads "No data for this section
    either (see above)" only directly below a section that said it; after a section that ran
    without it, or a section that lacked its table, it is said in full. It read "see above"
    under any earlier notice of the same words."""
    page = page_module.start("conversion", language=language)
    lost = NoDataError("no payments on web for 2021-05")
    for key, body in [("conversion.payment", lost),   # 1: in full
                      ("conversion.payment", lost),   # 2: directly below the same: briefly
                      ("conversion.payment", None),   # 3: runs, says nothing
                      ("conversion.payment", lost),   # 4: in full again
                      ("traffic.daily", None),        # 5: lacks the traffic table (a needs note)
                      ("conversion.payment", lost),   # 6: in full again
                      ("conversion.payment", lost)]:  # 7: briefly
        with page.section(key):
            if body is not None:
                raise body
    notices = [m for kind, m in page.shown if kind == "notice"]
    brief = "> " + Text(language)("page.notice_again")
    full = page_module._notice_markdown(page.text, "no payments on web for 2021-05")
    assert notices == [full, brief, full, full, brief], notices
    assert [k for k, _ in page.shown].count("needs") == 1
    assert page.notices.count("no payments on web for 2021-05") == 5


def test_a_real_shopify_stores_notes_read_as_sentences(tmp_path, monkeypatch) -> None:
    """The real Shopify orders export alone (no traffic, ad spend, catalogue, fees, shipments):
    its traffic and profit pages' notes. "To add them:" goes on in lower case; the 中文 notes
    have no space after "。"; no note leaves a space before its full stop; "the same data as
    the section above" only directly below the same note (section 7 of the traffic page)."""
    from support.mapping import shopify_orders_store
    from support.stores import use_root

    use_root(shopify_orders_store(tmp_path / "shopify"), monkeypatch)
    leads = 0
    for language in ("en", "zh"):
        for area in ("traffic", "profit"):
            notes = _needs_notes(area, language)
            _said_again_only_below_the_same_note(notes, Text(language)("page.needs.again"))
            for key, note, _ in notes:
                assert not re.search(r"\s[.,;。，；]", note), (key, note)
                assert not re.search(r"To add them: [A-Z]", note), (key, note)
                assert "。 " not in note, (key, note)
                leads += "To add them: " in note
    assert leads >= 1  # the profit page's sections lack several tables: one lead, its steps after it
    traffic = _needs_notes("traffic", "en")
    assert traffic[6][2] == traffic[0][2] and "same data" not in traffic[6][2]


def test_a_section_that_runs_records_what_it_read_and_library_flags_make_it_partial(shop) -> None:
    page = page_module.start("customers")
    with page.section("customers.headline"):
        page.wb.table("orders")
        needs.flag_partial("page.partial.cost", share=0.5)
        needs.flag_partial("page.partial.cost", share=0.9)  # a comparison month's: the first one stands
    with page.section("customers.repeat"):
        raise NoDataError("no cohort has closed its 30-day window yet")
    first, second = page.sections
    assert (first["status"], first["read"]) == (needs.PARTIAL, ["orders"])
    assert first["notes"][0] == "the data cover 13 May to 17 May only (5 of the month's 31 days)"
    assert first["notes"][-1] == "the unit cost is known for 50.0% of the line sales; margins are computed where it is known"
    assert (second["status"], second["notes"]) == (needs.NONE, ["no cohort has closed its 30-day window yet"])
    with pytest.raises(ValueError), page.section("customers.rfm"):  # a bug is not swallowed
        raise ValueError("a bug")


def test_a_guarded_record_is_skipped_silently_when_its_tables_are_missing(shop) -> None:
    page = page_module.start("supplier")
    shown = len(page.shown)
    with page.guard("supplier.headline"):
        results.record("supplier.headline", page.wb)  # never reached: no purchase orders
    assert len(page.shown) == shown
    assert [(s["key"], s["number"], s["status"]) for s in page.sections] == [("supplier.headline", 0, "none")]


def test_values_recorded_in_a_section_carry_its_key(monkeypatch) -> None:
    published = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: published.append(obj))
    results.current_section("traffic.daily")
    try:
        results.record("traffic.peak_day", 3)
    finally:
        results.current_section(None)
    results.record("traffic.notices", [])
    payloads = [p[results.MIME] for p in published]
    assert payloads == [{"name": "traffic.peak_day", "value": 3, "section": "traffic.daily"},
                        {"name": "traffic.notices", "value": []}]


# --------------------------------------------------------------------------- the report


def test_report_plan_needs_no_orders_table_and_names_the_platforms_with_data(root) -> None:
    from storebook.report.plan import plan_report
    from storebook.report.render import month_note

    write_table(root, "purchase_orders", {"po_id": ["P1"], "ordered_on": [dt.datetime(2021, 4, 3)],
                                          "received_on": [dt.datetime(2021, 5, 20)]})
    write_table(root, "service_tickets", {"ticket_id": ["T1", "T2"], "platform": ["jd", "jd"],
                                          "opened_at": [dt.datetime(2021, 5, 2), dt.datetime(2021, 6, 1)]})
    plan = plan_report(Config.load(root), only=["supplier"], notebooks_dir=REPO / "notebooks")
    assert plan.month == "2021-05" and list(plan.notebooks) == ["supplier"]
    assert plan.present_platforms == ["jd"] and plan.month_info["partial"] is False
    assert month_note({**plan.month_info, "partial": True, "first_day": "2021-05-13", "days": 19}, "zh") == \
        "本月数据不完整：仅有2021-05-13至2021-05-31的数据（本月31天中的19天）"


def test_index_shows_each_reports_sections_by_status(root, tmp_path) -> None:
    from storebook.report.index_page import write_index
    from storebook.report.plan import ReportRun, plan_report

    write_table(root, "orders", orders(days("2021-05-13", "2021-05-17"), platform="web"))
    plan = plan_report(Config.load(root), only=["traffic"], notebooks_dir=REPO / "notebooks")
    sections = [{"key": "traffic.headline", "number": 1, "heading": "How many people visited?", "status": "full",
                 "notes": []},
                {"key": "traffic.daily", "number": 2, "heading": "How did daily visitors move?", "status": "partial",
                 "notes": ["the data cover 13 May to 17 May only", "no traffic on jd"]},
                {"key": "traffic.paid", "number": 3, "heading": "What did paid traffic cost?", "status": "none",
                 "notes": ["This section needs marketing spend"]}]
    run = ReportRun(name="traffic", status="ok", title="Traffic", sections=sections)
    context = {"store": "A shop", "month": plan.month, "month_note": "Partial month: 13–17 May", "platforms": ["Web shop"],
               "all_platforms": True, "generated_at": "2021-06-01T09:00:00+08:00", "revision": "abc",
               "fingerprint": "f" * 12, "lang": "en", "timezone": "Asia/Shanghai"}
    write_index(tmp_path / "index.html", plan, context, [run], tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<span class="sec full" data-status="full">1 full data</span>' in page
    assert '<span class="sec partial" data-status="partial">1 partial data</span>' in page
    assert '<span class="sec none" data-status="none">1 no data</span>' in page
    assert 'data-section="traffic.paid" data-status="none"' in page and "This section needs marketing spend" in page
    assert "Partial month: 13–17 May" in page and "Web shop" in page
    assert "the data cover 13 May to 17 May only; no traffic on jd" in page
    # A 中文 index joins its notes with the Chinese semicolon (not "; " between Chinese sentences).
    zh = plan_report(Config.load(root), only=["traffic"], notebooks_dir=REPO / "notebooks", lang="zh")
    sections[1]["notes"] = ["数据仅覆盖5月13日至5月17日", "京东没有流量数据"]
    write_index(tmp_path / "zh.html", zh, {**context, "lang": "zh"}, [run], tmp_path)
    assert "数据仅覆盖5月13日至5月17日；京东没有流量数据" in (tmp_path / "zh.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the notebooks


def _with_targets(cell_source: str) -> list[tuple[str, str]]:
    """(method, key) of the ``with page.section(key)`` / ``with page.guard(key)`` blocks of a cell;
    a top-level statement that is not such a block gives ("", "")."""
    found = []
    for stmt in ast.parse(cell_source).body:
        if isinstance(stmt, ast.With) and len(stmt.items) == 1 and isinstance(stmt.items[0].context_expr, ast.Call):
            call = stmt.items[0].context_expr
            func = call.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "page":
                found.append((func.attr, call.args[0].value if call.args else ""))
                continue
        found.append(("", ""))
    return found


@pytest.mark.parametrize("name", PACK)
def test_every_cell_is_a_section_or_a_guarded_record_and_declares_its_needs(name) -> None:
    nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    keys = []
    for cell in cells[1:-1]:  # between start() and finish()
        blocks = _with_targets(cell.source)
        assert all(method in ("section", "guard") for method, _ in blocks), \
            f"{name}: code outside a section or a guard can fail on a sparse store: {cell.source[:80]!r}"
        keys += [key for _, key in blocks]
    undeclared = [k for k in keys if k not in needs.SECTIONS]
    assert undeclared == [], f"{name}: sections without needs in storebook.report.needs.SECTIONS: {undeclared}"
    declared = [k for k in needs.SECTIONS if k.startswith(f"{name}.")]
    assert sorted(declared) == sorted(keys), f"{name}: needs declared for sections it does not have"


def test_every_needed_table_and_column_is_in_the_contract() -> None:
    from storebook.engine.schema import TABLES, columns

    for key, declared in needs.SECTIONS.items():
        for need in declared:
            for table in need.tables:
                assert table in TABLES, f"{key}: {table}"
                names = {c.name for c in columns(table)}
                assert set(need.values) | set(need.known) <= names, f"{key}: {table}"
                assert Text("en").has(f"page.add.{table}") and Text("en").has(f"page.table.{table}")


def test_a_month_whose_data_hold_one_day_says_that_day_once(root) -> None:
    """The supply-chain order book (every purchase order on 26 May 2013) and Amazon India's stock
    (taken on 31 May 2022): the banners read "the data cover 26 May to 26 May only"."""
    write_table(root, "orders", orders(days("2021-05-26", "2021-05-26"), platform="web"))
    from storebook.report.render import month_note

    wb = open_store(root)
    month = availability.resolve_month(wb)
    assert month.partial and month.first_day == month.last_day
    for lang, want in (("en", "the data cover 26 May only (1 of the month's 31 days)"),
                       ("zh", "数据仅覆盖5月26日一天（本月31天中的1天）")):
        note = needs.check_section(wb, month, ["web"], "traffic.anomalies").partial[0].describe(Text(lang))
        assert note == want
    header = month_note({"partial": True, "first_day": "2021-05-26", "last_day": "2021-05-26", "days": 1,
                         "month_days": 31}, "zh")
    assert header == "本月数据不完整：仅有2021-05-26一天的数据（本月31天中的1天）"
    page = page_module.start("traffic")
    assert "**Partial month:** the data cover 26 May only, 1 of the month's 31 days." in page.shown[0][1]


def test_a_month_with_no_table_by_platform_names_none_in_the_header(root) -> None:
    """Amazon India's stock and the SCM order book: every page said "Platforms: none (no table of
    this month's data is by platform)" and the masthead above it "– (all)"."""
    from storebook.report.pack import header_platforms
    from storebook.report.plan import plan_report

    write_table(root, "inventory", {"snapshot_on": [dt.date(2022, 5, 31)] * 2, "sku": ["A", "B"],
                                    "warehouse": ["main", "main"], "on_hand": [5, 0]})
    for lang, none in (("en", "none (no table of this month's data is by platform)"),
                       ("zh", "无（本月数据中没有按平台区分的表）")):
        plan = plan_report(Config.load(root), only=["supplier"], notebooks_dir=REPO / "notebooks", lang=lang)
        assert header_platforms(plan) == {"platforms": [none], "all_platforms": False}
    write_table(root, "orders", orders(days("2022-05-30", "2022-05-31"), platform="web"))
    plan = plan_report(Config.load(root), only=["supplier"], notebooks_dir=REPO / "notebooks")
    assert header_platforms(plan) == {"platforms": ["Web shop"], "all_platforms": True}


def test_the_how_to_of_a_blank_cost_names_shopify_s_column_only_where_the_store_has_shopify_data() -> None:
    """A Taobao-only store's products page said "(Shopify: Cost per item)": the Shopify column is
    named only where ingest read a Shopify export (the manifest's files, by their source)."""
    from storebook.engine import identity

    taobao = {"files": [{"path": "data/raw/tianchi/trades.csv", "source": "taobao_mum_baby", "table": "orders"}]}
    shopify = {"files": [*taobao["files"], {"path": "data/raw/shopify/products_export_1.csv",
                                            "source": "shopify_products", "table": "products"}]}
    assert not identity.holds_shopify_data(taobao) and not identity.holds_shopify_data({})
    assert identity.holds_shopify_data(shopify)
    blank = needs.Shortfall("empty_column_all", "products", "unit_cost")
    for language in ("en", "zh"):
        text = Text(language)
        assert "Shopify" not in blank.how(text) and "`unit_cost`" in blank.how(text)
        assert "Shopify" in blank.how(text, shopify=True) and "Cost per item" in blank.how(text, shopify=True)
    # A column without a Shopify variant says the same either way.
    other = needs.Shortfall("empty_column_all", "orders", "province")
    assert other.how(Text("en"), shopify=True) == other.how(Text("en"))


def test_a_pack_kernel_checks_its_sections_on_the_plans_profiles_without_asking_again(root, monkeypatch) -> None:
    """The plan profiles every table the sections need, once; a kernel of the pack takes them
    (STOREBOOK_PACK_AVAILABILITY) and finds what it would have found by asking, with no question."""
    from storebook.report.plan import KNOWN_AVAILABILITY, known_availability, plan_report

    write_table(root, "orders", orders(days("2021-04-01", "2021-04-30")))
    write_table(root, "traffic", traffic(days("2021-04-01", "2021-04-20")))
    plan = plan_report(Config.load(root), only=["traffic"], notebooks_dir=REPO / "notebooks")
    assert sorted(plan.profiles) == ["orders", "traffic"]
    assert plan.profiles["traffic"]["rows"] == 20
    assert (plan.profiles["traffic"]["first"], plan.profiles["traffic"]["last"]) == ("2021-04-01", "2021-04-20")
    assert plan.profiles["orders"]["non_null"]["paid_amount"] == 30

    # A store written by hand has no ingest fingerprint: give the plan the workbook's, as an
    # ingested store's plan has it (a kernel takes only what was read of the same data).
    plan = dataclasses.replace(plan, fingerprint=open_store(root).fingerprint)
    monkeypatch.setenv(KNOWN_AVAILABILITY, known_availability(plan))
    page = page_module.start("traffic", month=plan.month)
    asked = page.workbook.questions
    checks = [needs.check_section(page.workbook, page.month, page.platforms, key)
              for key in ("traffic.anomalies", "overview.scorecard")]
    assert page.workbook.questions == asked
    fresh = open_store(root)
    month = availability.resolve_month(fresh, plan.month)
    assert checks == [needs.check_section(fresh, month, page.platforms, key)
                      for key in ("traffic.anomalies", "overview.scorecard")]
    assert fresh.questions > 0  # the same checks, asked
    assert checks[0].status == needs.PARTIAL  # traffic stops on 20 Apr


def test_a_kernel_given_another_months_profiles_asks_for_its_own(root, monkeypatch) -> None:
    from storebook.report.plan import KNOWN_AVAILABILITY, known_availability, plan_report

    write_table(root, "orders", orders(days("2021-03-01", "2021-04-30")))
    write_table(root, "traffic", traffic(days("2021-04-01", "2021-04-20")))
    plan = plan_report(Config.load(root), month="2021-04", only=["traffic"], notebooks_dir=REPO / "notebooks")
    plan = dataclasses.replace(plan, fingerprint=open_store(root).fingerprint)
    monkeypatch.setenv(KNOWN_AVAILABILITY, known_availability(plan))
    page = page_module.start("traffic", month="2021-03")
    check = needs.check_section(page.workbook, page.month, page.platforms, "traffic.anomalies")
    assert [s.kind for s in check.missing] == ["no_rows"]  # March has orders, no traffic
