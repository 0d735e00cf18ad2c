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
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.mapping import allow_platform, install, realdata_folder, shopify_orders_store
from support.notebooks import run_notebook_in_process
from support.stores import ingest_with_test_key, make_root


@pytest.fixture(scope="module")
def shopify(tmp_path_factory) -> Path:
    return shopify_orders_store(tmp_path_factory.mktemp("shopify"))


@pytest.fixture(scope="module")
def mum_baby(tmp_path_factory) -> Path:
    trades = realdata_folder("tianchi_taobao_mum_baby_data_anlysis") / "sam_tianchi_mum_baby_trade_history.csv"
    root = make_root(tmp_path_factory.mktemp("mum_baby"))
    allow_platform(root, "taobao")
    install(root, "taobao_mum_baby", [trades], folder="tianchi")
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
