"""What each report section needs, checked before it runs.

Every numbered section of the report pack is declared here (:data:`SECTIONS`, keyed as
the notebook's ``page.section(key)``) with the tables, and the columns of them, that its
numbers come from. :func:`check_section` looks at the month's data before the section
runs and says whether it can run on **full** data, on **partial** data (what is partial
and why), or on **none** (what is missing and how to add it) — so that a store with only
some tables gets a pack with a short note where a section cannot be computed, never a
traceback and never a number computed from a table that is not there.

A :class:`Need` names a table and

* ``values``: columns the section reads that must hold at least one value in the month
  (a rating column left empty by every row: nothing to rank);
* ``known``: *optional* columns of the contract that enrich (customer, province, cost …):
  none known → the section cannot run; some unknown → it runs on the known part, said so
  with the share known (the coverage);
* ``optional=True``: the section runs without the table (partially, said so).

The month's rows of an event table are the rows dated in it
(:data:`storebook.engine.availability.EVENT_DATES`), on the report's platforms where the table
is one of ours; other tables are checked whole. A daily table (traffic, inventory,
competitor prices) that stops inside the month makes its sections partial, and so does a
partial month.

Library functions that can only compute part of a figure (a margin where some costs are
unknown) say so with :func:`flag_partial`; the running section collects the flag.

Example:
    check = check_section(wb, month, ["tmall"], "traffic.daily")
    check.status, [s.describe(Text("en")) for s in check.missing]
    ('none', ['the traffic table (visitors by day, platform, channel and device) …'])
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from storebook.areas import quality
from storebook.engine import availability, schema
from storebook.engine.availability import ReportMonth
from storebook.engine.workbook import Workbook
from storebook.measures.partial import flag_partial, running  # noqa: F401 (the page opens sections with them)
from storebook.report.text import Text

FULL, PARTIAL, NONE = "full", "partial", "none"
STATUSES: tuple[str, ...] = (FULL, PARTIAL, NONE)


@dataclass(frozen=True)
class Need:
    """A table a section reads, and what of it must be there.

    Attributes:
        table: the canonical table, or alternatives (any one of them will do).
        values: columns that must hold a value somewhere in the month's rows.
        known: optional columns: all unknown → missing; partly unknown → partial (coverage).
        optional: the section runs without the table, on what it has (partial).
    """

    table: str | tuple[str, ...]
    values: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    optional: bool = False

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.table,) if isinstance(self.table, str) else tuple(self.table)


def _n(table: str | tuple[str, ...], *, values: tuple[str, ...] = (), known: tuple[str, ...] = ()) -> Need:
    return Need(table, values=values, known=known)


def _opt(table: str, *, values: tuple[str, ...] = (), known: tuple[str, ...] = ()) -> Need:
    return Need(table, values=values, known=known, optional=True)


# The building blocks most sections share.
_SALES = (_n("orders"), _n("order_lines"), _n("products"))
#: Orders' money (paid_amount): optional in the contract (a units-only export has none). A section
#: that shows it among other figures runs without it (the money unknown, said so); one that is
#: about the money needs it (:data:`_PAID_ORDERS`).
_PAID = _opt("orders", known=("paid_amount",))
_PAID_ORDERS = _n("orders", known=("paid_amount",))
#: Refunds booked on the orders (0 where none was made; empty where the export does not say):
#: net sales and refund rates count the known ones, so an unknown share makes them partial.
_REFUNDS = _opt("orders", known=("refund_amount",))
_SOLD_COST = (_n("orders"), _n("order_lines"), _n("products", values=("unit_cost",)))
#: Sales by SKU come from the order lines alone; revenue is their amounts (a units-only export
#: has none: nothing to rank by). The catalogue enriches them: without it, or without costs, a
#: SKU sold is named by its lines, in the unknown category, its margin unknown (never 0).
_SOLD_LINES = (_n("orders"), _n("order_lines"))
_LINE_AMOUNTS = _n("order_lines", known=("line_amount",))
_NAMED_COSTED = _opt("products", known=("product_name", "category", "unit_cost"))
#: The funnel's stages; checkouts may be missing (exports of view, cart and buy events count
#: none): the funnel then goes from cart to payment, said so.
_FUNNEL = (_n("traffic", known=("product_views", "cart_adds", "buyers")), _opt("traffic", known=("checkouts",)))
_TICKETS = _n("service_tickets")
_DESCRIBED = tuple(_opt(table) for table in quality.COVERAGE_COLUMNS)
_SHIP_COST = _opt("shipments", known=("shipping_cost_amount",))
#: Costs known for part of the catalogue: margins computed from them are partial.
_COSTS = _opt("products", known=("unit_cost",))
#: Figures by our category (or a promotion scoped to one), tables naming products: a product
#: without a category is in the unknown one, without a name it is shown by its SKU.
_CATEGORY = _opt("products", known=("product_name", "category"))
#: Purchase-order lines with their receipts (``received_on``): what delivery is judged by.
_RECEIVED = _n("purchase_orders", values=("received_on",))
#: Figures by the supplier of a product (the catalogue's supplier_id).
_SUPPLIER = _opt("products", known=("supplier_id",))
#: Complaints reach an order (and its carrier) through the ticket's order_id; a logistics complaint
#: is told by its topic (tickets without any: complaints unknown).
_TICKET_ORDERS = _opt("service_tickets", values=("order_id", "category"))
_PNL = (*_SOLD_COST, _PAID_ORDERS, _n("platform_fees"), _n("marketing_spend"), _n("shipments"), _SHIP_COST, _opt("returns"),
        _REFUNDS)
#: The scorecard takes each metric from its own report: any one of sales and traffic will do.
_SCORECARD = (_n(("orders", "traffic")), _PAID, _REFUNDS, _opt("traffic", known=("buyers", "paid_amount")),
              _opt("order_lines"), _opt("products", values=("unit_cost",)), _opt("platform_fees"),
              _opt("marketing_spend"), _opt("shipments"), _opt("returns"), _opt("service_tickets", values=("csat",)),
              _opt("suppliers"), _opt("purchase_orders"), _opt("targets"))
#: Competitor sections that set their prices against ours: matched products and our sales.
_MATCHED = (_n("competitor_prices", values=("sku",)), _opt("competitor_prices", known=("category",)), *_SALES,
            _CATEGORY)

#: Listings are named and grouped by our catalogue where it knows them (else the platform's).
_LISTINGS = (_n("product_traffic", values=("visitors",), known=("buyers",)), _opt("product_traffic", known=("sku",)),
             _opt("products", known=("product_name", "category")))
#: A platform's rating on a scale of 5 needs its scale, and the platforms are weighted by their ratings.
_RATED = _opt("store_ratings", known=("score_max", "day_ratings"))
#: The gross-margin rate a campaign's return is judged at comes from the profit report.
_MARGIN = (_PAID, _opt("order_lines"), _opt("products", known=("unit_cost",)), _opt("platform_fees"),
           _opt("shipments", known=("shipping_cost_amount",)), _opt("returns"))
#: A forecast reads the order history (and the traffic's daily visitors where there are some). The
#: orders (and visitors) are forecast without an amount; the paid amount only where every order of a
#: platform's history has one (storebook.areas.plan.daily_history), never from the known part: so not
#: ``known=`` (whose note says the figures use the rows where it is known) but ``values=``: a month
#: without any amount says so here, one partly known is flagged by the plan (page.partial.plan_amount).
_HISTORY = (_n("orders"), _opt("orders", values=("paid_amount",)), _opt("traffic"))

#: Every numbered section of the report pack (and the records kept outside a section,
#: ``<area>.headline``), keyed as the notebook names it, with what it needs.
SECTIONS: dict[str, tuple[Need, ...]] = {
    # overview
    "overview.scorecard": (*_SCORECARD, _RATED),  # the store rating, where the store has one
    "overview.changes": (*_SCORECARD, _opt("promotions"), _opt("inventory"), _RATED),
    "overview.budget": (_n("marketing_spend"), _opt("targets"), _PAID, *(_opt(t) for t in (
        "order_lines", "products", "platform_fees", "shipments", "returns"))),
    "overview.products": (*_SOLD_LINES, _LINE_AMOUNTS, _NAMED_COSTED, _opt("returns")),
    # traffic
    # (exports of events carry no amounts: the visits and buyers are shown, a visitor's worth unknown)
    # (a GA4 download of users by day counts visitors alone: they are the headline, the rest unknown)
    "traffic.headline": (_n("traffic", values=("visitors",)),
                         _opt("traffic", known=("page_views", "product_views", "buyers", "paid_amount"))),
    "traffic.daily": (_n("traffic"),),
    "traffic.channels": (_n("traffic", known=("buyers",)),),
    "traffic.devices": (_n("traffic", known=("buyers",)),),
    "traffic.paid": (_n("marketing_spend"), _n("traffic")),
    "traffic.campaigns": (_n("marketing_spend"),),
    "traffic.anomalies": (_n("traffic", known=("buyers", "paid_amount")), _opt("promotions")),
    # conversion
    "conversion.funnel": _FUNNEL,
    "conversion.rates": (_n("traffic", known=("buyers", "paid_amount")), _PAID),
    "conversion.tests": (_n("traffic", known=("buyers",)),),
    "conversion.drivers": (_n("traffic", known=("buyers",)),),
    "conversion.buyers": (_n("orders", known=("customer_id",)), _PAID),
    "conversion.payment": (_n("orders"),),
    # fulfilment
    "fulfilment.headline": (_n("orders"), _n("shipments"), _SHIP_COST, _n("order_lines"), _TICKET_ORDERS,
                            _opt("returns")),
    "fulfilment.dispatch": (_n("orders"), _n("shipments")),
    "fulfilment.warehouses": (_n("orders"), _n("shipments", known=("warehouse",))),
    "fulfilment.daily": (_n("orders"), _n("shipments")),
    "fulfilment.backlog": (_n("orders"), _n("shipments"), _PAID),
    "fulfilment.carriers": (_n("orders"), _n("shipments", values=("delivered_at",), known=("carrier",))),
    "fulfilment.provinces": (_n("orders"), _n("shipments", values=("delivered_at",), known=("carrier", "province"))),
    "fulfilment.slow_carrier": (_n("orders"), _n("shipments", values=("delivered_at",),
                                                 known=("carrier", "province", "warehouse"))),
    "fulfilment.spring_festival": (_n("orders"), _n("shipments", values=("delivered_at",))),
    # Without the carriers' bill the section shows what they bill by and what buyers paid (partial).
    "fulfilment.cost": (_n("orders"), _n("order_lines"), _n("shipments"), _SHIP_COST,
                        _opt("orders", known=("shipping_amount",))),
    "fulfilment.issues": (_n("orders"), _n("shipments", known=("carrier",)), _TICKET_ORDERS, _opt("returns")),
    # products
    # (the headline shows the SKUs sold without line amounts, its revenue shares unknown)
    "products.headline": (*_SOLD_LINES, _opt("order_lines", known=("line_amount",)),
                          _opt("products", known=("unit_cost", "list_price")), _opt("returns"), _opt("inventory")),
    "products.abc": (*_SOLD_LINES, _LINE_AMOUNTS, _NAMED_COSTED, _opt("returns")),
    "products.margin": (*_SOLD_COST, _opt("returns"), _CATEGORY),
    "products.stock": (*_SOLD_COST, _n("inventory"), _COSTS, _CATEGORY),
    "products.new": (_n("orders"), _n("order_lines"), _n("products", known=("launched_on",)), _CATEGORY),
    "products.price": (_n("orders"), _n("order_lines"), _n("products", values=("list_price",)), _CATEGORY),
    "products.returns": (*_SOLD_LINES, _CATEGORY, _n("returns")),
    # profit
    "profit.headline": _PNL,
    "profit.pnl": (*_PNL, _opt("targets")),
    "profit.platforms": _PNL,
    "profit.ratios": (*_PNL, _opt("targets")),
    "profit.marketing": (_n("marketing_spend"), _opt("targets"), _PAID, *(_opt(t) for t in (
        "order_lines", "products", "platform_fees", "shipments", "returns"))),
    # promotion
    "promotion.calendar": (_n("promotions"), _n("products"), _CATEGORY),
    "promotion.effects": (_n("promotions"), *_SOLD_COST, _COSTS, _CATEGORY, _opt("marketing_spend")),
    "promotion.trace": (_n("promotions"), *_SOLD_COST, _COSTS, _CATEGORY, _opt("marketing_spend")),
    "promotion.history": (_n("promotions"), *_SOLD_COST, _COSTS, _CATEGORY, _opt("marketing_spend")),
    "promotion.coupons": (_n("promotions"), *_SALES, _CATEGORY),
    # competitor
    # The price levels: every competitor price export, matched to our SKUs or not.
    "competitor.levels": (_n("competitor_prices", values=("price",)),),
    "competitor.index": _MATCHED,
    "competitor.trend": _MATCHED,
    "competitor.gaps": _MATCHED,
    "competitor.cheapest": _MATCHED,
    "competitor.promotions": (_n("competitor_prices", known=("is_on_promo",)),),
    "competitor.changes": (_n("competitor_prices"), _opt("competitor_prices", known=("category", "is_on_promo"))),
    "competitor.response": _MATCHED,
    "competitor.ratings": (_n("competitor_prices", values=("rating",)),),
    "competitor.share": (_n("competitor_prices", values=("sku", "est_units_sold")), *_SALES, _CATEGORY),
    # supplier
    # The delivery figures judge a line by when it arrived: an export that records no receipt
    # date (an order book) cannot tell on time from late, and every open line past its due date
    # would count as late. The catalogue only gives the standard cost (the cost variance).
    # The order book: what every purchase-order export holds (no receipts needed).
    "supplier.orders": (_n("purchase_orders", values=("promised_on",)), _opt("purchase_orders", known=("ordered_on",)),
                        _opt("suppliers", known=("supplier_name", "contract_lead_time_days"))),
    "supplier.headline": (_RECEIVED, _opt("purchase_orders", known=("ordered_on", "qty_received")),
                          _n("suppliers"), _opt("inventory"), _opt("orders"), _opt("order_lines"), _SUPPLIER),
    "supplier.scorecard": (_RECEIVED, _opt("purchase_orders", known=("ordered_on", "qty_received")),
                           _n("suppliers"), _COSTS),
    "supplier.lines": (_RECEIVED, _opt("purchase_orders", known=("qty_received",)), _n("suppliers")),
    # The stock and its stockouts need the snapshots alone; the cover and sell-through the sales.
    "supplier.inventory": (_n("inventory"), _opt("orders"), _opt("order_lines"), _n("products"), _CATEGORY,
                           _SUPPLIER),
    "supplier.stockouts": (_n("inventory"), _n("purchase_orders"), _n("suppliers"), *_SALES, _SUPPLIER),
    "supplier.stockouts_trailing": (_n("inventory"), _n("purchase_orders"), _n("suppliers"), *_SALES,
                                    _SUPPLIER),
    # customers
    "customers.headline": (_n("orders", known=("customer_id",)), _PAID),
    "customers.new_returning": (_n("orders", known=("customer_id",)), _PAID),
    "customers.repeat": (_n("orders", known=("customer_id",)),),
    "customers.rfm": (_n("orders", known=("customer_id", "paid_amount")),),
    "customers.movement": (_n("orders", known=("customer_id", "paid_amount")),),
    "customers.cohorts": (_n("orders", known=("customer_id",)), _PAID),
    "customers.provinces": (_n("orders", known=("province",)), _PAID),
    # service
    "service.headline": (_TICKETS, _opt("service_tickets", values=("csat", "first_response_at")), _n("orders"), _PAID,
                         _REFUNDS, _opt("order_lines"), _opt("products"), _opt("suppliers")),
    "service.tickets": (_TICKETS,),
    "service.response": (_n("service_tickets", values=("first_response_at",)),),
    "service.csat": (_n("service_tickets", values=("csat",)),),
    "service.suppliers": (_n("service_tickets", values=("sku",)), *_SALES[:2],
                          _n("products", known=("supplier_id",)), _n("suppliers")),
    "service.products": (_n("service_tickets", values=("sku",)), *_SALES, _CATEGORY),
    "service.refunds": (_n("orders"), _PAID, _REFUNDS),
    "service.returns": (_n("returns"), _opt("returns", known=("reason",)), *_SALES, _CATEGORY),
    "service.returned_products": (_n("returns"), *_SALES, _CATEGORY),
    "service.reasons": (_n("returns", known=("reason",)), *_SALES, _CATEGORY),
    "service.trace": (_n("service_tickets", values=("sku",)), *_SALES, _n("purchase_orders"), _n("suppliers")),
    # The data-quality page reads the ingest record (_ingest.json, _rejected/) and whatever tables exist.
    # The page describes whatever tables exist: each is read when present, none is required.
    "data_quality.headline": _DESCRIBED,
    "data_quality.ingest": (),
    "data_quality.rejections": (),
    "data_quality.coverage": _DESCRIBED,
    "data_quality.orders": (_n("orders"), _opt("order_lines"), _opt("products")),
    "data_quality.files": (),
    # store operations
    "store_ops.headline": (_n(("store_ratings", "product_traffic")), _RATED, _opt("product_traffic", known=("buyers", "sku")),
                           _opt("products", known=("category",))),
    "store_ops.ratings": (_n("store_ratings", values=("score",)), _RATED, _opt("store_ratings", known=("industry_score",))),
    "store_ops.trend": (_n("store_ratings", values=("score",)), _opt("store_ratings", known=("score_max",))),
    # (a day without ratings has no day score, and a parcel in transit no delivery: values, not coverage)
    "store_ops.dips": (_n("store_ratings", values=("day_score",)), _RATED,
                       _opt("shipments", values=("delivered_at",), known=("carrier", "province", "warehouse")),
                       _opt("orders"), _opt("service_tickets")),
    "store_ops.operations": (_n("orders"), _opt("service_tickets", known=("first_response_at",)),
                             _opt("shipments", values=("delivered_at",)), _opt("returns"), _opt("order_lines")),
    "store_ops.quality": (_n("orders"), _n("order_lines"), _n("returns"), _opt("products"), _opt("service_tickets"),
                          _opt("suppliers")),
    "store_ops.listings": _LISTINGS,
    "store_ops.ads": (_n("product_traffic", values=("visitors", "ad_spend_amount"), known=("buyers",)),
                      _opt("product_traffic", known=("sku",)), _opt("products", known=("product_name", "category"))),
    "store_ops.to_fix": _LISTINGS,
    "store_ops.changes": (_n("listing_changes"), *_LISTINGS),
    # marketing
    "marketing.headline": (_n("marketing_spend"), _opt("orders", known=("customer_id",))),
    "marketing.budget": (_n("marketing_spend"), _opt("targets")),
    "marketing.campaigns": (_n("marketing_spend"), *_MARGIN),
    "marketing.cac": (_n("marketing_spend"), _n("orders", known=("customer_id",))),
    "marketing.holdouts": (_n("campaign_holdouts", values=("paid_amount",)), _opt("campaign_holdouts", known=("visits",)),
                           _n("marketing_spend"), *_MARGIN),
    "marketing.effect": (_n("campaign_holdouts", values=("visits", "paid_amount"), known=("visits",)),
                         _n("marketing_spend"), *_MARGIN),
    "marketing.decisions": (_n("marketing_spend"), _opt("campaign_holdouts", known=("paid_amount",)), *_MARGIN),
    # planning
    "plan.headline": _HISTORY,
    "plan.forecast": _HISTORY,
    "plan.backtest": _HISTORY,
    "plan.month": _HISTORY,
    "plan.targets": _HISTORY,
}


# ----------------------------------------------------------------------------- the month's data

@dataclass(frozen=True)
class _Profile:
    """A table's rows in the month: how many, non-null counts per column, first and last day."""

    rows: int
    non_null: dict[str, int]
    first: Any = None
    last: Any = None


#: Profiles already read per open workbook: (table, month, platforms) → profile.
_PROFILES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: Dates that put a row in the month for the emptiness check (a PO line due in the month counts).
_MONTH_DATES: dict[str, tuple[str, ...]] = {**availability.EVENT_DATES,
                                            "purchase_orders": ("ordered_on", "promised_on", "received_on")}


def _profile(wb: Workbook, table: str, month: ReportMonth, platforms: list[str]) -> _Profile:
    cache = _PROFILES.setdefault(wb, {})
    key = (table, month.period, tuple(platforms))
    if key not in cache:
        t = wb.table(table)
        dates = _MONTH_DATES.get(table, ())
        if dates:
            start, end = month.period.start_ts, month.period.end_ts
            inside = None
            for column in dates:
                cond = (t[column] >= start) & (t[column] < end)
                inside = cond if inside is None else inside | cond
            t = t.filter(inside)
            if table in availability.OUR_PLATFORM_TABLES:
                t = t.filter(t.platform.isin(platforms))
        aggregates = {"_rows": t.count(), **{f"nn_{c}": t[c].count() for c in t.columns}}
        if dates:
            # A row over several days (a 生意参谋 week) covers the days to its period's end
            # (schema.EVENT_ENDS), not only its first day: the table's last day is the later.
            end = schema.EVENT_ENDS.get(table)
            aggregates.update(_first=t[dates[0]].min(), _last=t[dates[0]].max(),
                              **({"_last_end": t[end].max()} if end in t.columns else {}))
        row = wb.execute(t.aggregate(**aggregates)).iloc[0]
        cache[key] = _Profile(
            rows=int(row["_rows"]), non_null={c: int(row[f"nn_{c}"]) for c in t.columns},
            first=availability.as_date(row["_first"]) if dates else None,
            last=max((d for c in ("_last", "_last_end") if c in row.index
                      and (d := availability.as_date(row[c])) is not None), default=None) if dates else None,
        )
    return cache[key]


def pack_profiles(wb: Workbook, month: ReportMonth, platforms: list[str]) -> dict[str, dict[str, Any]]:
    """The month's profile of every table a section needs, as JSON-able values.

    A pack's plan reads them once and gives them to its kernels (:func:`remember_profiles`):
    each kernel used to ask them again, 93 questions over the default pack's 15 notebooks
    for its 19 tables.

    Args:
        wb: the workbook.
        month: the report month.
        platforms: the platforms the pages report (``wb.platforms(...)``).
    Returns:
        Table → {rows, non_null, first, last} (days ISO), for the tables the store has.
    """
    tables = sorted({t for needs in SECTIONS.values() for need in needs for t in need.tables})
    out = {}
    for table in tables:
        if not wb.has(table):
            continue
        try:
            p = _profile(wb, table, month, platforms)
        except Exception:  # noqa: BLE001 - a table that cannot be profiled (a date column missing
            continue       # from a table written by hand): its sections ask, and say what is wrong
        out[table] = {"rows": p.rows, "non_null": p.non_null,
                      "first": p.first.isoformat() if p.first else None,
                      "last": p.last.isoformat() if p.last else None}
    return out


def remember_profiles(wb: Workbook, month: ReportMonth, platforms: list[str],
                      profiles: dict[str, dict[str, Any]]) -> None:
    """Take ``profiles`` (:func:`pack_profiles`, read by the pack from the same data) as the
    month's profiles of ``wb``'s tables, for these platforms.

    Raises:
        KeyError, TypeError, ValueError: ``profiles`` is not what :func:`pack_profiles` writes.
    """
    from datetime import date

    day = lambda d: date.fromisoformat(d) if d else None  # noqa: E731
    taken = {(table, month.period, tuple(platforms)): _Profile(
        rows=int(p["rows"]), non_null={str(c): int(n) for c, n in p["non_null"].items()},
        first=day(p["first"]), last=day(p["last"])) for table, p in profiles.items()}
    _PROFILES.setdefault(wb, {}).update(taken)


# ----------------------------------------------------------------------------- shortfalls

@dataclass(frozen=True)
class Shortfall:
    """One thing a section lacks, in words a manager reads (:meth:`describe`).

    ``kind`` is ``absent`` (no such table), ``empty`` (no rows at all), ``no_rows`` (none
    in the month), ``empty_column`` (a column with no value in the month's rows),
    ``coverage`` (an optional column known for part of the rows: ``share``),
    ``days`` (a daily table that covers part of the month), ``month`` (a partial month)
    or ``flag`` (a library function's own catalogue ``key`` with ``values``).
    """

    kind: str
    table: str = ""
    column: str = ""
    share: float | None = None
    values: dict[str, Any] = field(default_factory=dict)
    key: str = ""

    def describe(self, text: Text) -> str:
        """The shortfall as a phrase of the report's language."""
        if self.kind == "flag":
            return text(self.key, **self.values)
        if self.kind == "absent_any":
            return text("page.needs.absent_any", tables=text.join([_table_name(text, t) for t in self.values["tables"]]))
        values = {"table": _table_name(text, self.table), **self.values}
        if self.column:
            values["column"] = _column_name(text, self.table, self.column)
        if self.share is not None:
            values["share"] = self.share
        return text(f"page.needs.{self.kind}", **values)

    def how(self, text: Text, shopify: bool = False) -> str:
        """What to do about it (where there is something to do). ``shopify``: the store has
        Shopify data (:func:`storebook.engine.identity.holds_shopify_data`): a column's how-to
        with a ``.shopify`` variant names the Shopify column too (``Cost per item``)."""
        if self.kind in ("absent", "empty", "no_rows", "absent_any", "optional_absent", "optional_empty",
                         "optional_no_rows"):
            return text(f"page.add.{self.table}")
        if self.kind in ("empty_column", "empty_column_all", "coverage"):
            key = f"page.add.{self.table}.{self.column}"
            if shopify and text.has(f"{key}.shopify"):
                return text(f"{key}.shopify")
            return text(key) if text.has(key) else text("page.add.column", table=self.table, column=self.column)
        return ""


def _table_name(text: Text, table: str) -> str:
    key = f"page.table.{table}"
    return text(key) if text.has(key) else table


def _column_name(text: Text, table: str, column: str) -> str:
    """A column as a phrase names it mid-sentence: its description (``our matched SKU (`sku`)``;
    the dictionary's capital is dropped, an acronym's kept: ``SKU …``, ``PO …``) and its name."""
    for spec in schema.columns(table):
        if spec.name == column:
            if text.language == "zh" and spec.zh:
                return f"{spec.zh}（`{column}`）"
            label = spec.description.split(";")[0]
            if label[1:2].islower():
                label = label[0].lower() + label[1:]
            return f"{label} (`{column}`)" if text.language == "en" else f"{label}（`{column}`）"
    return f"`{column}`"


def sentences(parts: list[str], text: Text) -> str:
    """Whole sentences one after the other: a space between them in English, none in Chinese
    (a space after "。" is a gap in the line: the 中文 notes read "…`storebook ingest`。 将…")."""
    return ("" if text.language == "zh" else " ").join(p for p in parts if p)


def how_to_add(hows: list[str], text: Text) -> str:
    """What to do about several shortfalls, said once: each catalogue instruction opens with
    "To add it:" (``page.add.lead``); several are one "To add them:" and their steps, not the
    lead four times (the real competitor crawl's sections needed orders, lines, products and a
    column). An instruction that does not open with the lead is kept whole.

    The first step goes on the lead's sentence after its colon, in lower case as the catalogue
    writes it ("To add them: fill in …"; it read "To add them: Fill in …"); each later step is a
    sentence of its own, with its capital."""
    hows = list(dict.fromkeys(h for h in hows if h))
    lead = text("page.add.lead")
    steps = [h.removeprefix(lead) for h in hows if h.startswith(lead)]
    if len(steps) < 2:
        return sentences(hows, text)
    if text.language == "en":
        steps = [steps[0], *(s[0].upper() + s[1:] for s in steps[1:])]
    return sentences([text("page.add.lead_many") + sentences(steps, text),
                      *(h for h in hows if not h.startswith(lead))], text)


@dataclass
class SectionCheck:
    """What :func:`check_section` found: the status, what is missing and what is partial."""

    key: str
    missing: list[Shortfall] = field(default_factory=list)
    partial: list[Shortfall] = field(default_factory=list)
    tables: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        if self.missing:
            return NONE
        return PARTIAL if self.partial else FULL

    @property
    def lacking(self) -> list[str]:
        """The tables this section needs and the month's data do not hold (absent, empty, or
        without a row in the month), in the order needed: not those it has and finds short of
        a column (a purchase-order table without receipt dates is there)."""
        tables = [t for s in self.missing if s.kind in ("absent", "empty", "no_rows", "absent_any")
                  for t in (s.values["tables"] if s.kind == "absent_any" else (s.table,))]
        return list(dict.fromkeys(tables))

    def days_covered(self, table: str) -> tuple[Any, Any] | None:
        """The first and last day ``table`` covers when it covers part of the month only (its
        ``days`` shortfall); None when it covers the whole month, or is not checked here."""
        for s in self.partial:
            if s.kind == "days" and s.table == table:
                return s.values["first"], s.values["last"]
        return None

    def describe_missing(self, text: Text) -> list[str]:
        """What is missing, one phrase each; the tables the store lacks in one phrase, first ("the
        marketing spend and traffic tables, which this store does not have", not the clause twice)."""
        return _described(self.missing, "absent", text, first=True)

    def describe_partial(self, text: Text) -> list[str]:
        """What is partial, one phrase each; the optional tables the store lacks in one phrase, last."""
        return _described(self.partial, "optional_absent", text, first=False)

    def add_flag(self, key: str, values: dict[str, Any]) -> None:
        """A library function's partial flag, once per key: the first is the report month's
        (a section computes its month before the comparison months)."""
        if not any(s.kind == "flag" and s.key == key for s in self.partial):
            self.partial.append(Shortfall("flag", key=key, values=values))


_SOFT = ("coverage", "days")


def _check_need(wb: Workbook, need: Need, month: ReportMonth, platforms: list[str]) -> list[Shortfall]:
    """What of one need is missing or partial (for alternatives: of the first that is there)."""
    found = [_check_table(wb, table, need, month, platforms) for table in need.tables]
    for shortfalls in found:
        if all(s.kind in _SOFT for s in shortfalls):
            return shortfalls
    if len(need.tables) == 1:
        return found[0]
    return [Shortfall("absent_any", need.tables[0], values={"tables": need.tables})]


def _check_table(wb: Workbook, table: str, need: Need, month: ReportMonth, platforms: list[str]) -> list[Shortfall]:
    if not wb.has(table):
        return [Shortfall("absent", table)]
    profile = _profile(wb, table, month, platforms)
    dates = table in _MONTH_DATES
    if profile.rows == 0:
        span = availability.table_spans(wb).get(table)
        if table in _MONTH_DATES and span is not None:
            return [Shortfall("no_rows", table, values={"month": month.period.label, "first": span.first.isoformat(),
                                                         "last": span.last.isoformat()})]
        return [Shortfall("empty", table)]
    out = []
    for column in (*need.values, *need.known):
        known = profile.non_null.get(column, 0)
        if known == 0:
            kind = "empty_column" if dates else "empty_column_all"
            out.append(Shortfall(kind, table, column, values={"month": month.period.label}))
        elif column in need.known and known < profile.rows:
            out.append(Shortfall("coverage", table, column, share=known / profile.rows))
    if table in availability.DAILY_TABLES and profile.first is not None and not month.partial:
        if profile.first > month.period.start or profile.last < month.period.last_day:
            out.append(Shortfall("days", table, values={"first": profile.first, "last": profile.last}))
    return out


def _described(shortfalls: list[Shortfall], absent_kind: str, text: Text, *, first: bool) -> list[str]:
    """The shortfalls as phrases; several of ``absent_kind`` (tables the store lacks) in one
    phrase (``page.needs.<absent_kind>_many``), before the others or after them."""
    absent = [s.table for s in shortfalls if s.kind == absent_kind]
    phrases = [s.describe(text) for s in shortfalls if s.kind != absent_kind or len(absent) == 1]
    if len(absent) > 1:
        many = text(f"page.needs.{absent_kind}_many", tables=text.join([_table_name(text, t) for t in absent]))
        phrases.insert(0 if first else len(phrases), many)
    return phrases


def _unique(shortfalls: list[Shortfall]) -> list[Shortfall]:
    """The shortfalls without repeats, in their order."""
    seen: dict[tuple, Shortfall] = {}
    for s in shortfalls:
        seen.setdefault((s.kind, s.table, s.column, s.share, repr(sorted(s.values.items())), s.key), s)
    return list(seen.values())


def check_section(wb: Workbook, month: ReportMonth, platforms: list[str], key: str) -> SectionCheck:
    """Whether a section can run on the month's data: full, partial or none, and why.

    Args:
        wb: the workbook.
        month: the report month (:func:`storebook.engine.availability.resolve_month`).
        platforms: the platforms reported.
        key: the section's key (``traffic.daily``); a key not in :data:`SECTIONS` needs nothing.
    Returns:
        The :class:`SectionCheck`.
    """
    check = SectionCheck(key)
    needs = SECTIONS.get(key, ())
    check.tables = tuple(t for need in needs for t in need.tables)
    for need in needs:
        found = _check_need(wb, need, month, platforms)
        hard = [s for s in found if s.kind not in _SOFT]
        soft = [s for s in found if s.kind in _SOFT]
        if hard and not need.optional:
            check.missing += hard
        elif hard:
            check.partial += [Shortfall(f"optional_{s.kind}", s.table, s.column, s.share, s.values)
                              if s.kind in ("absent", "empty", "no_rows") else s for s in hard]
        check.partial += soft
    # Two needs can find the same shortfall (the lines, and their amounts; the scorecard's orders
    # for the paid amount and for the refunds, a daily table's days): it is said once ("no
    # orders, orders, …", "the order lines table … and the order lines table …" before).
    check.missing, check.partial = _unique(check.missing), _unique(check.partial)
    if month.partial:
        one_day = month.first_day == month.last_day  # "cover 26 May only", not "26 May to 26 May"
        check.partial.insert(0, Shortfall("month_day" if one_day else "month",
                                          values={"first": month.first_day, "last": month.last_day,
                                                          "days": month.days, "month_days": month.period.days}))
    return check


# ----------------------------------------------------------------------------- flags from the library

