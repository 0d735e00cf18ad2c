"""Pages of real stores as their manager reads them (from ../shared/realdata via
``STOREBOOK_REALDATA``; skipped, saying so, where absent): what a reading of the packs of the
Shopify orders export (one week of 2025-05, no ratings, tickets, shipments or returns) found.

- store_ops, "How did the operations behind each rating move?": the store measures none of
  them, and the page showed the table's header row with no row under it above the sentence
  that says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.mapping import shopify_orders_store
from support.notebooks import run_notebook_in_process


@pytest.fixture(scope="module")
def shopify(tmp_path_factory) -> Path:
    return shopify_orders_store(tmp_path_factory.mktemp("shopify"))


def _tables(run) -> list:
    html = "".join(o["text/html"] for o in run.outputs if "text/html" in o)
    return BeautifulSoup(html, "html.parser").find_all("table")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_page_shows_a_table_without_rows(shopify, language) -> None:
    run = run_notebook_in_process("store_ops", {"month": "2025-05", "data_path": str(shopify / "data" / "processed"),
                                                "language": language}, shopify)
    assert run.error is None, run.error
    empty = [t.get_text(" ", strip=True)[:80] for t in _tables(run)
             if not t.find("tbody") or not t.find("tbody").find("tr")]
    assert empty == []
    # What the section says instead of the table.
    said = " ".join(run.markdown)
    assert ("None of the operations behind the ratings" in said) if language == "en" else ("评分" in said)

