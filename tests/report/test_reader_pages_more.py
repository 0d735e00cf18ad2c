"""More pages of real stores as their manager reads them, in English and 中文 (from
../shared/realdata via ``STOREBOOK_REALDATA``; skipped, saying so, where absent): what a
reading of the packs of stores the first reading (test_reader_pages.py) did not read found —
the Tianchi mum-and-baby trade history (units only, taobao, 2014-10) and the Shopify orders
export (one week of 2025-05, the data's first month).

- customers, "How many customers bought, and how many came back?": on the Shopify store the
  section said "No data" (the repeat rates' cohorts lie before the data) of a month in which 3
  customers bought, 3 of them new; it now shows them and says why there is no repeat rate.
- conversion, "How many of the orders placed were paid?": on the mum-and-baby store, whose
  export lists purchases only, "1,471 of the 1,471 orders placed were paid …; 0 were not paid,
  0 of them still pending".
- plan, "What target should next quarter have?": its table headed the same quarter a year
  earlier "Same month last year".
- traffic, of the GA4 download of users by day (24 Apr – 21 May 2023, a test property: 0 users a
  day but 1 on 21 May): "How many people visited?" said "Not in this store's data" (no page
  views, product views or buyers) of a month whose visitors are in it, and the day-by-day
  sentence ended "the 7-day average ended the month n/a from where it started".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.mapping import mum_baby_store, realdata_folder, shopify_orders_store
from support.notebooks import run_notebook_in_process
from support.stores import ingest_with_test_key, make_root


@pytest.fixture(scope="module")
def shopify(tmp_path_factory) -> Path:
    return shopify_orders_store(tmp_path_factory.mktemp("shopify"))


@pytest.fixture(scope="module")
def mum_baby(tmp_path_factory) -> Path:
    return mum_baby_store(tmp_path_factory.mktemp("mum_baby"))


@pytest.fixture(scope="module")
def ga4_users(tmp_path_factory) -> Path:
    export = realdata_folder("ga4_exports_LilyHeAsamiko-GA4") / "data-export.csv"
    root = make_root(tmp_path_factory.mktemp("ga4"))
    (root / "data" / "raw" / "ga4").mkdir(parents=True)
    shutil.copy(export, root / "data" / "raw" / "ga4" / export.name)
    ingest_with_test_key(root)
    return root


def _run(name: str, root: Path, month: str, language: str):
    run = run_notebook_in_process(name, {"month": month, "data_path": str(root / "data" / "processed"),
                                         "language": language}, root)
    assert run.error is None, run.error
    return run


def _takeaways(run) -> list[str]:
    return [m for m in run.markdown if m.startswith("**→**")]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_customers_of_the_datas_first_month_are_counted_without_a_repeat_rate(shopify, language) -> None:
    run = _run("customers", shopify, "2025-05", language)
    headline = run.results["customers.headline"]
    assert {e["key"] for e in headline} == {"customers", "new_buyers", "returning_sales_share"}
    assert {e["key"]: e["value"] for e in headline}["customers"] == 3
    said = _takeaways(run)[0]
    if language == "en":
        assert said.startswith("**→** 3 customers bought in 2025-05, 3 of them for the first time.")
        assert "too recently for a repeat rate" in said and "n/a" not in said
    else:
        assert said.startswith("**→** 2025-05共有3位客户购买，其中3位为首次购买。") and "还没有复购率" in said
        assert "未知" not in said


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_store_whose_orders_are_all_paid_says_so(mum_baby, language) -> None:
    run = _run("conversion", mum_baby, "2014-10", language)
    said = [t for t in _takeaways(run) if ("orders placed" in t if language == "en" else "下单" in t)]
    assert said == [("**→** All 1,471 orders placed were paid, a payment rate of 100.0% (0.00\xa0pp on the prior month): "
                     "the data hold no unpaid order.") if language == "en" else
                    "**→** 本月下单1,471笔，全部完成支付，支付率100.0%（环比0.00个百分点）：数据中没有未支付订单。"]


def _tables(run) -> list:
    from bs4 import BeautifulSoup

    html = "".join(o["text/html"] for o in run.outputs if "text/html" in o)
    return BeautifulSoup(html, "html.parser").find_all("table")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_targets_table_says_last_year_of_the_quarter(mum_baby, language) -> None:
    """plan, "What target should next quarter have?": the table's last year is the same quarter's
    orders (2013-11…2014-01: 3,022 beside the proposed 5,429 of 2014-11…2015-01), headed "Same
    month last year"."""
    run = _run("plan", mum_baby, "2014-10", language)
    table = _tables(run)[-1]
    headers = [th.get_text(" ", strip=True) for th in table.find("thead").find_all("th")]
    assert ("Same quarter last year" if language == "en" else "去年同季度") in headers
    assert "Same month last year" not in headers and "去年同月" not in headers
    row = [td.get_text(" ", strip=True) for td in table.find("tbody").find("tr").find_all(["th", "td"])]
    quarter = run.results["plan.targets"][0]
    assert row[headers.index("Same quarter last year" if language == "en" else "去年同季度")] == f"{quarter['last_year']:,.0f}"
    # The store sells on Taobao alone: its forecast and target sentences said "All platforms: …" and "we propose
    # … across the platforms" (全平台); they name its platform.
    said = [t for t in _takeaways(run) if any(w in t for w in ("orders: 2014-11", "订单：2014-11", "we propose", "建议"))]
    assert len(said) == 2, _takeaways(run)  # the forecast's months and the target's quarter
    for sentence in said:
        assert "All platforms" not in sentence and "across the platforms" not in sentence and "全平台" not in sentence
        assert ("Taobao" if language == "en" else "淘宝") in sentence, sentence


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_store_of_visitors_alone_shows_them(ga4_users, language) -> None:
    run = _run("traffic", ga4_users, "2023-05", language)
    assert run.result_sections.get("traffic.headline") == "traffic.headline"
    record = {e["key"]: e["value"] for e in run.results["traffic.headline"]}
    assert record["visitors"] == 1
    said = _takeaways(run)
    if language == "en":
        assert said[0] == ("**→** 1 visitor came in 2023-05; the data hold neither the prior month nor the same month "
                           "last year to compare with. The traffic data count no buyers: how many visitors paid, and "
                           "what a visitor was worth, are not known.")
    else:
        assert said[0].startswith("**→** 2023-05共有访客1人") and "流量数据没有支付买家数" in said[0]
    assert not any("n/a" in t or "未知" in t for t in said), said
    # No row of cards that are all dashes: the visits' row alone.
    cards = [t for t in _tables(run) if "Buyers" in t.get_text() or "支付买家" in t.get_text()]
    assert cards == []
