"""The ingest summary and `storebook rejected` count rejected rows by the kind of reason: a
reason that holds the row's own key (each superseded SKU of Amazon India's P&L price list)
is one reason, not one per row."""

from __future__ import annotations

import pandas as pd

from storebook.engine import schema
from storebook.ingest.pipeline import _top_reasons
from storebook.ingest.rejects import group_reasons

SUPERSEDED = ("superseded: sku={} is also in the newer export data/raw/exports/May-2022.csv (as of 2022-05-31); "
              "the newest export wins")
PLATFORM = "'amazon' is not one of the workbook's platforms (tmall, jd): add 'amazon' to [store].platforms"


def _rejected(reasons: list[str], column: str = "sku") -> pd.DataFrame:
    return pd.DataFrame({"source_file": "data/raw/x.csv", "source_row": range(len(reasons)), "column": column,
                         "value": "", "reason": reasons, "record": "{}"})


def test_superseded_rows_of_many_skus_count_as_one_reason_in_the_ingest_summary() -> None:
    # Amazon India: 1,330 superseded SKUs and 47 empty SKUs. The summary listed "47 × column 'sku'
    # is empty" and two 1-row superseded reasons, and never the reason of 1,330 of the 1,462 rows.
    products = _rejected([SUPERSEDED.format(f"Os{n}_S") for n in range(5)] + ["column 'sku' is empty; a value is required"] * 2)
    frames = [products if table == "products" else _rejected([])[:0] for table in schema.TABLES]
    top = _top_reasons(frames)
    assert top[0] == ("products", "superseded: sku=… is also in the newer export data/raw/exports/May-2022.csv "
                                  "(as of …); the newest export wins", 5)
    assert top[1] == ("products", "column 'sku' is empty; a value is required", 2)
    assert sum(rows for _, _, rows in top) == len(products)


def test_a_reason_every_row_shares_is_shown_whole_with_the_fix_it_names() -> None:
    # The platform to add is the fix: it must not become "add '…'".
    frame = _rejected([PLATFORM] * 3, column="platform").assign(table="orders")
    grouped = group_reasons(frame)
    assert grouped.to_dict("records") == [{"table": "orders", "reason": PLATFORM, "rows": 3}]


def test_each_unread_currency_value_keeps_its_own_reason_in_the_ingest_summary() -> None:
    # 'Yuan' and 'UDS' were grouped as "'Currency' = '…' is not a currency code", which said
    # neither value; '¥' has a fix of its own (the currencies it may be). Each stays whole, as on
    # the data-quality page (one definition: rejects.reason_labels).
    from storebook.engine.identity import unread_currency_reason

    reasons = [unread_currency_reason("Currency", v) for v in ("Yuan", "Yuan", "UDS", "¥")]
    grouped = group_reasons(_rejected(reasons, column="currency").assign(table="orders"))
    assert grouped.to_dict("records") == [{"table": "orders", "reason": reasons[0], "rows": 2},
                                          {"table": "orders", "reason": reasons[2], "rows": 1},
                                          {"table": "orders", "reason": reasons[3], "rows": 1}]
    assert "'UDS'" in reasons[2] and "CNY, JPY" in reasons[3]
