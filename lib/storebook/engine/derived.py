"""Tables ingest derives from the canonical ones, for questions the canonical ones answer only
by reading the whole history.

``first_purchases``: each customer's first paid order time. Whether a month's buyer is new
(新客), and which customers a cohort acquired, depends on every earlier order of theirs: asked
of the orders, each such question read every paid order of the history (at 50M order lines
the customers headline alone asked it six times: 81 s of a 422 s pack, issue #17). Written
in order of the first purchase, a month's new customers are a few row groups of it.

Ingest writes it next to the tables (``_derived/first_purchases/part-0.parquet``) from the
orders it has just written, and records it in the manifest (``derived``), with the orders'
rows and SHA-256 it was derived from. A workbook reads the file only where the manifest and
the orders' files still agree with it; anywhere else (a store ingested before it existed, a
folder of tables written by hand, a lake) it asks :func:`first_purchases` of the orders
themselves: the same rows, the old cost. The definition is that one expression either way.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pyarrow as pa

from storebook.engine import generations

if TYPE_CHECKING:
    import ibis

    from storebook.engine.workbook import Workbook

#: The folder of a generation that holds the derived tables (each a folder of Parquet).
DERIVED_DIR = generations.DERIVED
FIRST_PURCHASES = "first_purchases"
#: The columns of :func:`first_purchases` as ingest writes them, in order.
FIRST_PURCHASE_SCHEMA = pa.schema([("customer_id", pa.string()), ("platform", pa.string()),
                                   ("first_paid_at", pa.timestamp("us"))])


def first_purchases(orders: ibis.Table) -> ibis.Table:
    """One row per customer and platform they paid on: ``customer_id``, ``platform`` and
    ``first_paid_at``, the time of their first paid order there (``paid_at`` set; guests,
    without an account, have none). A customer's first purchase on a choice of platforms is
    the earliest of their rows on those platforms."""
    o = orders.filter(orders.paid_at.notnull(), orders.customer_id.notnull())
    return o.group_by(["customer_id", "platform"]).aggregate(first_paid_at=o.paid_at.min())


def first_purchases_sql(table: str) -> str:
    """:func:`first_purchases` of the DuckDB relation ``table`` as SQL, in write order: the
    first purchase's time, then the customer and platform (unique, so the order is total and
    the bytes written are a function of the orders alone). By time rather than by day: the
    time settles nearly every comparison, where a day's thousands of customers were ordered
    by their ids (at 10M order lines 0.7 CPU-s of sorting instead of 2)."""
    import ibis

    orders = ibis.table({"customer_id": "string", "platform": "string", "paid_at": "timestamp"}, name=table)
    fp = first_purchases(orders)
    ordered = fp.order_by([fp.first_paid_at, fp.customer_id, fp.platform]).select(*FIRST_PURCHASE_SCHEMA.names)
    return ibis.to_sql(ordered, dialect="duckdb")


class FirstPurchases(NamedTuple):
    """A workbook's :func:`first_purchases`, and whether each customer is on one platform only."""

    table: ibis.Table
    #: True for the file ingest wrote: ingest's customer ids are keyed hashes of platform and
    #: account (storebook.ingest.frames), so no id is on two platforms and a customer's row on
    #: the chosen platforms is their first purchase there, found by a filter on its time alone.
    one_platform_each: bool


def path_in(generation: Path | str, name: str) -> Path | str:
    """The folder of derived table ``name`` in a generation folder (or lake URI)."""
    if isinstance(generation, str):
        return f"{generation}/{DERIVED_DIR}/{name}"
    return generation / DERIVED_DIR / name


#: Per open workbook: its first_purchases table (its tables do not change under it).
_KNOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def first_purchases_of(wb: Workbook) -> FirstPurchases:
    """The workbook's ``first_purchases``: the file ingest wrote, where it still describes the
    workbook's orders; else :func:`first_purchases` of its orders (one question, the same rows)."""
    if wb not in _KNOWN:
        _KNOWN[wb] = _written(wb, FIRST_PURCHASES)
    found = _KNOWN[wb]
    if found is not None:
        return FirstPurchases(found, one_platform_each=True)
    return FirstPurchases(first_purchases(wb.table("orders")), one_platform_each=False)


def _written(wb: Workbook, name: str) -> ibis.Table | None:
    """The derived table as ingest wrote it, or None where it cannot be trusted or read: no
    record of it (an older ingest, a store built by hand), a lake, or orders whose files hold
    other rows than those it was derived from."""
    from storebook.engine.availability import _files_agree
    from storebook.engine.workbook import _register_local_parquet

    if wb.con.name != "duckdb" or generations.is_lake_uri(wb.data_dir):
        return None
    try:
        manifest = wb.ingest_manifest()
    except (AttributeError, OSError, ValueError):
        return None
    info = (manifest.get("derived") or {}).get(name) or {}
    orders = (manifest.get("tables") or {}).get("orders") or {}
    if not info or info.get("orders_sha256") != orders.get("sha256") or info.get("orders_rows") != orders.get("rows"):
        return None
    import pyarrow.parquet as pq

    folder = Path(path_in(wb.data_dir, name))
    files = sorted(folder.glob("*.parquet"))
    try:
        rows = sum(pq.read_metadata(f).num_rows for f in files)
    except (OSError, ValueError):
        return None
    # The cheap checks a workbook can afford (footers, not checksums): a table rewritten under
    # the manifest (cut to a window by hand, say) is read from the orders instead.
    if not files or rows != info.get("rows") or not _files_agree(wb, "orders", orders.get("rows")):
        return None
    return _register_local_parquet(wb.con, f"{DERIVED_DIR}__{name}", str(folder))
