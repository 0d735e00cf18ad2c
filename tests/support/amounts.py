"""A hand store of seven orders over January–April 2026 on tmall, with its amounts or
without (a units-only export), and the takeaway a section's facts choose: the money-unknown
tests of tests/areas share them (test_amount_unknown, test_money_unknown_charts; their
fixtures ``with_amounts`` and ``units_only`` are in tests/conftest.py).

The store (times 10:00), amounts in brackets, left out in the units-only copy:

| customer | province | paid orders                                       |
|----------|----------|---------------------------------------------------|
| alice    | 浙江     | 2026-01-10 (100), 2026-03-05 (50)                 |
| bob      | 广东     | 2026-02-02 (80), 2026-03-20 (20)                  |
| carol    | 广东     | 2026-03-10 (200), 2026-04-12 (10)                 |
| gina     | 上海     | 2026-03-15 (40)                                   |

Each order has one line (quantity 1; line amount = the paid amount, or unknown)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from storebook.report.text import Text
from support.stores import write_tables

PROVINCE = {"alice": "浙江", "bob": "广东", "carol": "广东", "gina": "上海"}
ROWS = [
    ("O1", "alice", "2026-01-10 10:00", 100.0),
    ("O2", "alice", "2026-03-05 10:00", 50.0),
    ("O3", "bob", "2026-02-02 10:00", 80.0),
    ("O4", "bob", "2026-03-20 10:00", 20.0),
    ("O5", "carol", "2026-03-10 10:00", 200.0),
    ("O6", "carol", "2026-04-12 10:00", 10.0),
    ("O7", "gina", "2026-03-15 10:00", 40.0),
]
def amount_store(root: Path, *, amounts: bool, refunds: bool = True, lines: bool = True, catalogue: bool = False):
    orders = [{"order_id": o, "platform": "tmall", "customer_id": c, "ordered_at": pd.Timestamp(t),
               "paid_at": pd.Timestamp(t), "status": "completed", "province": PROVINCE[c],
               "paid_amount": a if amounts else None, "items_amount": a if amounts else None,
               "refund_amount": (5.0 if o == "O5" else 0.0) if amounts and refunds else None}
              for o, c, t, a in ROWS]
    tables = {"orders": orders}
    if lines:
        tables["order_lines"] = [{"order_id": o, "line_no": 1, "sku": "S1", "quantity": 1,
                                  "line_amount": a if amounts else None} for o, _, _, a in ROWS]
    if catalogue:  # S1 listed, its unit cost unknown
        tables["products"] = [{"sku": "S1", "product_name": "Mug", "category": "home", "unit_cost": None}]
    return write_tables(root, **tables)


def chosen_sentence(key: str, facts: dict, language: str = "en") -> str:
    """The takeaway as page.takeaway writes it: the variant the facts chose."""
    variant = facts.get("variant")
    return Text(language)(f"{key}.{variant}" if variant else key, **facts)
