"""The customers, overview and profit pages of two real stores, in English and 中文, where money
is unknown: the Tianchi mum-and-baby trade history (units only: no amount at all; month 2015-01)
and the Shopify orders export alone (amounts, no catalogue, so no product cost; one week of
2025-05). From ../shared/realdata (``STOREBOOK_REALDATA``): skipped, saying so, where absent.

What a reader saw before: on the units-only store a "share of sales" legend without bars, and a
cohorts table of n/a in every cell; on the Shopify store "… and gross margin n/a", "Returning
buyers spent n/a each", "n/a of new customers bought again (n/a: n/a)", "n/a grew fastest"; in
the 中文 pack, English notices ("profit: the commission of … cannot be computed", "no new
customers in the cohort month(s) …").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.mapping import mum_baby_store, shopify_orders_store
from support.notebooks import run_notebook_in_process

PAGES = ("customers", "overview", "profit")
#: Three English words in a row, once code spans, paths, file and column names are taken out
#: (a 中文 page names `paid_amount`, data/raw/…, Shopify's "Cost per item").
ENGLISH = re.compile(r"[A-Za-z]{3,}[ ,:]+[A-Za-z]{3,} [A-Za-z]{3,}")


@pytest.fixture(scope="module")
def mum_baby(tmp_path_factory) -> Path:
    return mum_baby_store(tmp_path_factory.mktemp("mum_baby"))


@pytest.fixture(scope="module")
def shopify(tmp_path_factory) -> Path:
    return shopify_orders_store(tmp_path_factory.mktemp("shopify"))


def _pages(root: Path, month: str, language: str) -> dict:
    runs = {name: run_notebook_in_process(name, {"month": month, "data_path": str(root / "data" / "processed"),
                                                 "language": language}, root) for name in PAGES}
    for name, run in runs.items():
        assert run.error is None, f"{name}: {run.error}"
    return runs


def _html(run) -> list[str]:
    return [o["text/html"] for o in run.outputs if "text/html" in o]


def _takeaways(runs: dict) -> list[str]:
    return [m for run in runs.values() for m in run.markdown if m.startswith("**→**")]


def _english_in(runs: dict) -> list[str]:
    """The notices of a 中文 page (needs notes, no-data notices) that hold an English sentence.
    (Takeaways are the catalogue's; they may quote a product's English name.)"""
    found = []
    for run in runs.values():
        for block in run.markdown:
            if not block.startswith("> "):
                continue
            plain = re.sub(r"`[^`]*`|\S*[/_.]\S*|Cost per item", " ", block)
            plain = re.sub(r"\*\*[^*]*\*\*", " ", plain)  # bold labels
            if ENGLISH.search(plain):
                found.append(block)
    return found


@pytest.mark.notebooks
def test_units_only_store_shows_counts_where_its_money_is_unknown(mum_baby) -> None:
    runs = _pages(mum_baby, "2015-01", "en")
    cust = runs["customers"]
    # The cohorts table counts the customers still buying (month 0: the cohort), never a table of n/a.
    table = next(h for h in _html(cust) if "Customers who bought, by months after the first purchase" in h)
    assert ">1,336<" in table and ">1,558<" in table  # 2015-01's and 2014-12's new customers
    assert not any("n/a</td>" in h and "Cumulative revenue" in h for h in _html(cust))
    said = _takeaways(runs)
    assert said and not [s for s in said if re.search(r"n/a (of|each|grew)|margin n/a|\(n/a: n/a\)", s)]


@pytest.mark.notebooks
def test_shopify_store_says_why_the_margin_is_unknown_and_states_no_money_as_na(shopify) -> None:
    runs = _pages(shopify, "2025-05", "en")
    said = _takeaways(runs)
    scorecard = next(s for s in said if s.startswith("**→** Paid amount reached"))
    assert "gross margin n/a" not in scorecard and "carry no product costs" in scorecard and "unit_cost" in scorecard
    # No money, margin, rate or name stated as n/a (a change on a month the data do not hold may be).
    bad = [s for s in said if re.search(r"n/a (of|each|grew)|margin n/a|\(n/a: n/a\)|spends n/a", s)]
    assert bad == [], bad
    assert any("none returning" in s for s in said) and any("none a month old yet" in s for s in said)


@pytest.mark.notebooks
@pytest.mark.parametrize("store, month", [("mum_baby", "2015-01"), ("shopify", "2025-05")])
def test_chinese_pages_hold_no_english_notice(store, month, request) -> None:
    runs = _pages(request.getfixturevalue(store), month, "zh")
    assert _english_in(runs) == []
