"""The data contract: one pandera model per canonical table of data/processed
(:mod:`storebook.engine.models`), and what everything else needs to know of the tables.

The models are imported only when a table's columns are asked for (:func:`columns`) or
through :data:`TABLES`: reading the tables needs only their names (:data:`TABLE_NAMES`)
and the constants here, and pandera costs a report kernel about a second to import.

Each model's docstring states its grain; ``Config.unique`` is its key; each field carries
its meaning (``description``), its Chinese name where the department uses one (``title``)
and its unit (``metadata["unit"]``). The data dictionary (docs/data_dictionary.md) is
generated from these models by :func:`render_dictionary` and kept in sync by a test.

Each column is *required* (it identifies the row or carries its meaning: an order's id,
platform, time, status and paid amount) or *optional* (it enriches: customer, channel,
device, region, cost, supplier, funnel counts beyond visitors). Optional columns are
``nullable``: an empty value is kept as null and counted in the coverage the pack reports;
only a required value that is missing or impossible rejects a row.

Cross-column rules are ``dataframe_check``s, so a row that breaks one is reported with
its index and rejected at ingest with the rule's name as its reason. Rules compare known
values only: a rule over an empty optional value holds. Foreign keys cross tables and are
listed in :data:`FOREIGN_KEYS`; ingest checks them after every table is read. A reference
to a row that must exist (an order line's order) is rejected when missing; a reference to
catalogue data (a SKU, a supplier, a promotion) is kept and flagged.

Platforms, channels and devices are the workbook's vocabularies (``[store]`` in
storebook.toml, :mod:`storebook.engine.vocab`): their columns carry ``metadata["vocab"]`` and
ingest checks them against the configuration, not against a list fixed here.

Timestamps (``*_at``) are naive local wall-clock times in the store's time zone, so that a
business day is a local day; dates (``*_on``) are calendar dates.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

#: Traffic's platform-total row: the platform's de-duplicated count across its sources.
TRAFFIC_TOTAL_CHANNEL = "all"
#: Traffic of a report that does not split by device: every device together.
ALL_DEVICES = "all"
#: Order statuses as the platforms count them. Unpaid orders are orders too (支付率 needs them):
#: ``pending`` = placed, not paid yet; ``closed`` = closed without payment (timed out, abandoned);
#: ``cancelled`` = cancelled by buyer or seller (before or after payment).
ORDER_STATUSES = ["pending", "paid", "shipped", "completed", "cancelled", "closed", "refunded"]
#: Statuses of an order that was paid (its paid_at is set).
PAID_STATUSES = ["paid", "shipped", "completed", "refunded"]
#: Statuses of an order that was never paid (paid_at empty, paid_amount 0).
UNPAID_STATUSES = ["pending", "closed"]
#: Why paid_amount differs from items − discount + shipping (orders.adjustment_reason).
ADJUSTMENT_REASONS = ["tax", "shipping_discount", "net_of_refund", "rounding", "other"]
PROMO_TYPES = ["discount", "coupon", "flash_sale", "bundle", "festival"]
TICKET_CATEGORIES = ["logistics", "quality", "wrong_item", "size_fit", "pre_sale", "refund", "other"]
RETURN_REASONS = ["quality", "damaged", "wrong_item", "not_as_described", "changed_mind", "late_delivery"]
#: What a store rating scores (店铺评分): Tmall/Taobao DSR 描述相符 (product), 服务态度 (service),
#: 物流服务 (logistics); JD 商品质量/服务态度/物流速度/售后服务; Douyin 体验分 商品/物流/服务体验.
RATING_DIMENSIONS = ["overall", "product", "service", "logistics", "after_sales"]
#: What a listing change (商品优化) touched.
LISTING_CHANGES = ["main_image", "title", "detail_page", "video", "price", "sku_options", "other"]
#: The two groups of a holdout test (人群实验): reached by the campaign, and kept out of it.
HOLDOUT_GROUPS = ["treatment", "holdout"]
TARGET_METRICS = [
    "paid_amount", "visitors", "orders", "buyers", "conversion_rate", "aov",
    "gross_margin_amount", "marketing_spend_amount", "roas", "refund_rate", "csat",
    "complaints_per_1000_orders", "otif_rate", "logistics_cost_amount",
    "contribution_margin_amount",
]

#: Money identities hold "to the cent": half a cent of float noise is tolerated.
CENT_TOLERANCE = 0.005
#: The dates that place a row of an event table in time (past events only: a PO's promised
#: date or a parcel's delivery may lie after the data end and would push the month forward).
EVENT_DATES: dict[str, tuple[str, ...]] = {
    "orders": ("ordered_at",),
    "traffic": ("visited_on",),
    "marketing_spend": ("spent_on",),
    "shipments": ("shipped_at",),
    "returns": ("returned_on",),
    "service_tickets": ("opened_at",),
    "competitor_prices": ("observed_on",),
    "purchase_orders": ("ordered_on", "received_on"),
    "inventory": ("snapshot_on",),
    "store_ratings": ("rated_on",), "product_traffic": ("visited_on",),
}
#: The last day of an event row that covers several days (a 生意参谋 week: ``visited_on`` its
#: first day, ``period_end_on`` its last). A table's span runs to the greatest of these too,
#: so that a week's report is known to cover the week, not its first day; a row is still
#: placed in a month by :data:`EVENT_DATES` (a week counts in a month that holds it whole).
EVENT_ENDS: dict[str, str] = {"traffic": "period_end_on", "product_traffic": "period_end_on"}


def span_columns(table: str) -> tuple[str, ...]:
    """The columns whose dates make an event table's span: :data:`EVENT_DATES`, then its
    :data:`EVENT_ENDS` column where it has one.

    >>> span_columns("product_traffic"), span_columns("orders")
    (('visited_on', 'period_end_on'), ('ordered_at',))
    """
    return EVENT_DATES[table] + ((EVENT_ENDS[table],) if table in EVENT_ENDS else ())

#: Canonical tables in dependency order (a table's foreign keys point to earlier ones); the
#: keys of :data:`TABLES` (a test keeps the two the same).
TABLE_NAMES: tuple[str, ...] = (
    "suppliers", "products", "platform_fees", "promotions", "orders", "order_lines", "shipments", "returns",
    "service_tickets", "traffic", "marketing_spend", "competitor_prices", "purchase_orders", "inventory",
    "targets", "store_ratings", "product_traffic", "listing_changes", "campaign_holdouts",
)


def __getattr__(name: str) -> Any:
    """``TABLES`` (table → pandera model) and the models by class name, imported on first use."""
    # Only these names load the models: ``from … import`` asks a module for ``__path__`` first.
    if name == "TABLES" or (name[:1].isupper() and not name.isupper()):
        from storebook.engine import models

        if hasattr(models, name):
            return getattr(models, name)
    raise AttributeError(f"module 'storebook.engine.schema' has no attribute '{name}'")



@dataclass(frozen=True)
class ForeignKey:
    """``table.column`` refers to ``ref_table.ref_column`` (when not missing).

    ``enforced``: the row means nothing without its parent (an order line without its
    order), so a reference to a parent row that is missing — or was itself rejected — is
    rejected, while the parent table exists at all. Otherwise the reference is to
    catalogue data a shop often keeps incompletely (a SKU, a supplier, a promotion): the
    row is kept and the unknown reference counted ("not in the product catalogue").
    """

    table: str
    column: str
    ref_table: str
    ref_column: str
    enforced: bool = False


FOREIGN_KEYS: list[ForeignKey] = [
    ForeignKey("products", "supplier_id", "suppliers", "supplier_id"),
    ForeignKey("orders", "promo_id", "promotions", "promo_id"),
    ForeignKey("order_lines", "order_id", "orders", "order_id", enforced=True),
    ForeignKey("order_lines", "sku", "products", "sku"),
    ForeignKey("shipments", "order_id", "orders", "order_id", enforced=True),
    ForeignKey("returns", "order_id", "orders", "order_id", enforced=True),
    ForeignKey("returns", "sku", "products", "sku"),
    ForeignKey("service_tickets", "order_id", "orders", "order_id"),
    ForeignKey("service_tickets", "sku", "products", "sku"),
    ForeignKey("competitor_prices", "sku", "products", "sku"),
    ForeignKey("purchase_orders", "supplier_id", "suppliers", "supplier_id"),
    ForeignKey("purchase_orders", "sku", "products", "sku"),
    ForeignKey("inventory", "sku", "products", "sku"),
    ForeignKey("product_traffic", "sku", "products", "sku"),
    ForeignKey("listing_changes", "sku", "products", "sku"),
]


@dataclass(frozen=True)
class ColumnSpec:
    """What ingest needs to know of one column: its kind, and whether it may be empty."""

    name: str
    kind: str  # str | int | float | bool | timestamp | date | Int64
    nullable: bool
    description: str
    zh: str
    unit: str
    #: The workbook vocabulary the values come from: ``platforms``, ``channels``, ``devices``,
    #: with ``+all`` where the table's total row ('all') is allowed too; "" for none.
    vocab: str = ""

    @property
    def required(self) -> bool:
        """A required column identifies the row or carries its meaning; an empty value rejects it."""
        return not self.nullable


def _kind(dtype: str, name: str) -> str:
    if dtype.startswith("datetime64"):
        return "date" if name.endswith(("_on", "_from", "_to")) else "timestamp"
    if dtype == "Int64":
        return "Int64"
    for kind, prefix in (("bool", "bool"), ("int", "int"), ("float", "float"), ("str", "str")):
        if dtype.startswith(prefix):
            return kind
    raise TypeError(f"unsupported dtype {dtype} for column {name}")


@functools.cache
def columns(table: str) -> list[ColumnSpec]:
    """The contract's columns of ``table``, in order.

    >>> [c.name for c in columns("suppliers")]
    ['supplier_id', 'supplier_name', 'region', 'contract_lead_time_days']
    """
    from storebook.engine.models import TABLES

    schema = TABLES[table].to_schema()
    specs = []
    for name, col in schema.columns.items():
        specs.append(
            ColumnSpec(
                name=name,
                kind=_kind(str(col.dtype), name),
                nullable=bool(col.nullable),
                description=col.description or "",
                zh=col.title or "",
                unit=(col.metadata or {}).get("unit", ""),
                vocab=(col.metadata or {}).get("vocab", ""),
            )
        )
    return specs


def required(table: str) -> list[str]:
    """The required columns of ``table``: those whose empty value rejects a row.

    >>> required("orders")
    ['order_id', 'platform', 'ordered_at', 'status']
    """
    return [c.name for c in columns(table) if c.required]


def key(table: str) -> list[str]:
    """The key columns of ``table`` (its grain)."""
    from storebook.engine.models import TABLES

    return list(TABLES[table].Config.unique)


def grain(table: str) -> str:
    """The first line of the model's docstring: one row per …"""
    from storebook.engine.models import TABLES

    return (TABLES[table].__doc__ or "").strip().splitlines()[0]


def render_dictionary() -> str:
    """The tables of the data dictionary as Markdown, generated from the models (the whole
    dictionary, with the derived metrics, is :func:`storebook.measures.metrics.render_dictionary`)."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `lib/storebook/engine/models.py` by `storebook dictionary`; a test keeps it in sync.",
        "Timestamps (`*_at`) are local time in the store's time zone; dates are `*_on`; money is in the store currency.",
        "",
    ]
    from storebook.engine.models import TABLES

    fks = {(fk.table, fk.column): fk for fk in FOREIGN_KEYS}
    for table in TABLES:
        out += [f"## {table}", "", grain(table), "", f"Key: `{', '.join(key(table))}`", ""]
        doc_rest = (TABLES[table].__doc__ or "").strip().splitlines()[1:]
        if any(line.strip() for line in doc_rest):
            out += [" ".join(line.strip() for line in doc_rest if line.strip()), ""]
        out += ["| column | 中文 | type | unit | required | meaning |", "|---|---|---|---|---|---|"]
        for col in columns(table):
            meaning = col.description
            fk = fks.get((table, col.name))
            if fk:
                meaning += f" (→ {fk.ref_table}.{fk.ref_column}{'' if fk.enforced else ', kept when unknown'})"
            if col.vocab:
                meaning += f" (values: `[store] {col.vocab.split('+')[0]}` in storebook.toml" + (
                    ", or `all`)" if col.vocab.endswith("+all") else ")")
            out.append(
                f"| {col.name} | {col.zh} | {col.kind} | {col.unit} | {'required' if col.required else 'optional'} "
                f"| {meaning} |"
            )
        out.append("")
    return "\n".join(out)
