"""Data quality: how far the numbers of the pack can be trusted (the data-quality page).

What ingest kept and rejected, per table and reason; how much of each optional column is
known (for the month: "province known for 82% of orders, cost known for 40% of revenue");
the month's orders by payment state, guest checkouts, booked money adjustments and lines
whose SKU is not in the product catalogue; and the files behind it all. Everything comes
from the processed tables, ``_ingest.json`` and ``_rejected/`` — nothing is re-read from
data/raw.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ibis
import pandas as pd

from storebook.engine import schema
from storebook.engine.identity import currency_facts as currency_sentences
from storebook.engine.identity import inferred_facts as inferred_sentences
from storebook.engine.lines import lines_of_order_days
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook, is_lake_uri
from storebook.errors import NoDataError
from storebook.ingest.rejects import reason_kind, reason_labels
from storebook.ingest.wording import REASON_FORMS, folded_kind, is_currency_reason, say_reason
from storebook.measures import TOTAL
from storebook.measures.metrics import catalogue_name, headline_entry

#: The optional columns the page reports, per table: what the analyses lean on.
COVERAGE_COLUMNS: dict[str, list[str]] = {
    "orders": ["customer_id", "channel", "device", "province", "items_amount", "paid_amount"],
    "order_lines": ["sku", "unit_price"],
    "products": ["product_name", "category", "unit_cost", "supplier_id", "launched_on", "list_price"],
    "traffic": ["page_views", "cart_adds", "buyers", "orders", "paid_amount"],
    "shipments": ["carrier", "warehouse", "delivered_at", "shipping_cost_amount"],
    "competitor_prices": ["sku", "list_price", "is_on_promo", "rating", "review_count"],
    "purchase_orders": ["ordered_on", "received_on", "qty_received", "unit_cost"],
    "service_tickets": ["order_id", "category", "first_response_at", "csat"],
    "returns": ["sku", "reason", "refund_amount"],
    "marketing_spend": ["impressions", "clicks", "attributed_amount"],
    # The listings (生意参谋 商品效果): a store of them alone had an empty chart here.
    "product_traffic": ["sku", "platform_category", "page_views", "cart_adds", "buyers", "paid_amount"],
}
#: The column that places a row of a fact table in a month (dimension tables are not dated).
DATE_COLUMNS = {"orders": "ordered_at", "traffic": "visited_on", "shipments": "shipped_at",
                "competitor_prices": "observed_on", "purchase_orders": "promised_on",
                "service_tickets": "opened_at", "returns": "returned_on", "marketing_spend": "spent_on",
                "product_traffic": "visited_on"}


def summarise_ingest(wb: Workbook) -> pd.DataFrame:
    """What the last ingest read, wrote and rejected, per canonical table.

    Returns:
        One row per table with data: table, files, rows_read, rows_written, rows_rejected,
        kept_share (= written ÷ read), unknown_references (kept rows referring to catalogue
        rows that are not there); then a ``total`` row, whose files are the files read that
        feed tables, each once: a file feeding two tables (a Shopify orders export: orders and
        order lines) is in both tables' rows, so the files of the rows add up to more.
    Raises:
        NoDataError: the workbook has no ingest manifest.
    """
    manifest = wb.ingest_manifest()
    files = pd.DataFrame(manifest.get("files", []))
    if files.empty:
        raise NoDataError("the workbook has no ingest record (_ingest.json): run `storebook ingest`",
                          key="no_data.ingest_record")
    out = (files.groupby("table", sort=False)
           .agg(files=("path", "nunique"), rows_read=("rows_read", "sum"), rows_written=("rows_written", "sum"),
                rows_rejected=("rows_rejected", "sum"))
           .reset_index())
    order = {t: i for i, t in enumerate(schema.TABLES)}
    tables = manifest.get("tables", {})
    out = (out.assign(unknown_references=[sum(tables.get(t, {}).get("unknown_references", {}).values())
                                          for t in out["table"]])
           .sort_values("table", key=lambda s: s.map(order)))
    total = pd.DataFrame([{"table": TOTAL, "files": files["path"].nunique(),
                           **out[["rows_read", "rows_written", "rows_rejected", "unknown_references"]].sum()}])
    return (pd.concat([out, total], ignore_index=True)
            .assign(kept_share=lambda d: d["rows_written"] / d["rows_read"].where(d["rows_read"] > 0))
            [["table", "files", "rows_read", "rows_written", "rows_rejected", "kept_share", "unknown_references"]])


def name_tables(tables: pd.Series, text: Any) -> list[str]:
    """Canonical tables by the names a reader knows (``page.table.<table>``, the words the pages'
    notes use), as a table's cells write them: ``Order lines`` / ``订单明细（order_lines）``. A
    value that is no table (a total row's words) is kept as it is.

    >>> from storebook.report.text import Text
    >>> name_tables(pd.Series(["order_lines", "service_tickets"]), Text("en"))
    ['Order lines', 'Service tickets']
    >>> name_tables(pd.Series(["order_lines"]), Text("zh"))
    ['订单明细（order_lines）']
    """
    names = [text.label("page.table", t) for t in tables]
    return [n[:1].upper() + n[1:] for n in names]


def label_ingest(ingest: pd.DataFrame, text: Any) -> pd.DataFrame:
    """:func:`summarise_ingest` as the page shows it: each table by its reader's name
    (:func:`name_tables`), the ``total`` row named in words (every table, each file once).

    >>> from storebook.report.text import Text
    >>> label_ingest(pd.DataFrame({"table": ["order_lines", "total"], "files": [1, 1]}), Text("en"))["table"].tolist()
    ['Order lines', 'All tables (each file once)']
    """
    return ingest.assign(table=name_tables(
        ingest["table"].where(ingest["table"] != TOTAL, text("data_quality.ingest.total")), text))


def read_rejected_rows(wb: Workbook) -> pd.DataFrame:
    """The rows the last ingest rejected (``_rejected/<table>.parquet``), every table."""
    if is_lake_uri(wb.data_dir):
        return pd.DataFrame(columns=["table", "source_file", "source_row", "column", "value", "reason"])
    paths = sorted((Path(wb.data_dir) / "_rejected").glob("*.parquet"))
    parts = [pd.read_parquet(p, columns=["table", "source_file", "source_row", "column", "value", "reason"])
             for p in paths]
    return (pd.concat(parts, ignore_index=True) if parts else
            pd.DataFrame(columns=["table", "source_file", "source_row", "column", "value", "reason"]))


def rank_rejections(wb: Workbook, limit: int = 12) -> pd.DataFrame:
    """The reasons rows were rejected, most frequent first.

    Returns:
        table, column, problem (the reason without the row's own values, or the reason itself
        where every row of the kind has the same one), rows, share (of the table's rows read),
        example and example_row (the first file and row with that reason).
    """
    columns = ["table", "column", "problem", "rows", "share", "example", "example_row"]
    rejected = read_rejected_rows(wb)
    if rejected.empty:
        return pd.DataFrame(columns=columns)
    read = summarise_ingest(wb).set_index("table")["rows_read"]
    # Each distinct reason once (millions of rows can share one), then by kind of reason.
    examples = {"example": ("example", "first"), "example_row": ("example_row", "first")}
    counted = (rejected.assign(reason=rejected["reason"].astype(str), example=rejected["source_file"].astype(str),
                               example_row=rejected["source_row"].astype("int64"))
               .groupby(["table", "column", "reason"], sort=False)
               .agg(rows=("reason", "size"), **examples).reset_index())
    # A currency cell's reason is kept whole by reason_labels, its value in it (unread_currency_facts
    # points here for each value); alike reasons of other kinds are said once, by their kind.
    grouped = (counted.assign(problem=reason_labels(counted, ["table", "column"]))
               .groupby(["table", "column", "problem"], sort=False)
               .agg(rows=("rows", "sum"), **examples).reset_index())
    ranked = (grouped.assign(share=lambda d: d["rows"] / d["table"].map(read))
              .sort_values(["rows", "table"], ascending=[False, True]).reset_index(drop=True))
    # A currency cell that is no code is said here only (unread_currency_facts points here): kept
    # past the limit, it is never left unsaid.
    kept = (ranked.index < limit) | ranked["problem"].map(is_currency_reason).astype(bool)
    return ranked[kept].reset_index(drop=True)[columns]


class _ReaderNames:
    """The contract's columns and tables by their reader names, for a rejected row of ``table``
    (:func:`storebook.ingest.wording.say_reason`'s ``names``): :func:`name_column`, :func:`name_tables`.
    A name the contract does not have (an export's own header) is kept as written."""

    def __init__(self, table: str, text: Any) -> None:
        self.row_table, self.text = table, text

    def column(self, column: str, table: str | None = None) -> str:
        table = table or self.row_table
        if table not in schema.TABLES or column not in {c.name for c in schema.columns(table)}:
            return column
        return name_column(table, column, self.text)

    def table(self, table: str) -> str:
        return self.text.label("page.table", table) if table in schema.TABLES else table

    def field(self, table: str, column: str) -> str:
        """As the coverage chart names its bars (:func:`label_coverage`): ``Products · SKU``."""
        if table not in schema.TABLES:
            return f"{table}.{column}"
        return _field(name_tables(pd.Series([table]), self.text)[0], self.column(column, table))


def _field(table_name: str, column_name: str) -> str:
    """A table's column by their reader names, in one form: ``Orders · Province``."""
    return f"{table_name} · {column_name}"


def name_rejected_column(table: str, column: str, text: Any) -> str:
    """A rejected row's column as the rejections table's cell says it: the reader's name with the
    code beside it (``PO number (po_id)``, ``单价（unit_price）``), the name alone where the
    English name is the code in words (``Paid amount``: paid_amount; ``Order ID``: order_id). The code stays because this
    table is where an analyst goes on to `storebook rejected` and ``_rejected/<table>.parquet``,
    which name the column by it, as the Chinese tables' names keep theirs (``订单（orders）``).
    A column that is not the contract's (a mapped input: the export's own header, ``price``) is
    kept as the export writes it.

    >>> from storebook.report.text import Text
    >>> [name_rejected_column("order_lines", c, Text("en")) for c in ("unit_price", "sku", "order_id", "price")]
    ['Unit price', 'SKU', 'Order ID', 'price']
    >>> name_rejected_column("purchase_orders", "po_id", Text("en")), name_rejected_column("orders", "paid_amount", Text("zh"))
    ('PO number (po_id)', '支付金额（paid_amount）')
    """
    column = "" if pd.isna(column) else str(column)
    named = _ReaderNames(table, text).column(column) if column else column
    if named == column or named.lower().replace(" ", "_") == column:
        return named
    return text("data_quality.rejections.column", name=named, code=column)


def label_rejections(ranked: pd.DataFrame, text: Any) -> pd.DataFrame:
    """:func:`rank_rejections` as the page shows it: each ``problem`` in the page's language
    (:func:`say_reason`) with the contract's columns and tables by their reader names, each
    column by its reader's name and code (:func:`name_rejected_column`), each table by its
    reader's name (:func:`name_tables`)."""
    return ranked.assign(
        problem=[say_reason(p, text, _ReaderNames(t, text)) for p, t in zip(ranked["problem"], ranked["table"], strict=True)],
        column=[name_rejected_column(t, c, text) for t, c in zip(ranked["table"], ranked["column"], strict=True)],
        table=name_tables(ranked["table"], text))


def _month_rows(wb: Workbook, table: str, period: Period) -> ibis.Table:
    """The rows of ``table`` that belong to the month: by their date, an order line by its
    order's; a table without a date (products, suppliers) whole."""
    if table == "order_lines" and wb.has("orders"):
        # The month's orders are placed in the month: their lines are in its days' row groups.
        lines = lines_of_order_days(wb, period.start, period.last_day)
        return lines.semi_join(_month_rows(wb, "orders", period).select("order_id"), "order_id")
    t = wb.table(table)
    column = DATE_COLUMNS.get(table)
    if column is None:
        return t
    return t.filter(t[column] >= period.start_ts, t[column] < period.end_ts)


def measure_coverage(wb: Workbook, period: Period) -> pd.DataFrame:
    """How much of each optional column is known: rows of the month (fact tables) or all rows
    (products, suppliers), per table and column.

    Returns:
        table, column, rows, known, known_share, scope (``month`` or ``all``); tables absent
        from the workbook are left out.
    """
    rows = []
    for table, cols in COVERAGE_COLUMNS.items():
        if not wb.has(table):
            continue
        t = _month_rows(wb, table, period)
        counts = wb.execute(t.aggregate(_rows=t.count(), **{c: t[c].count() for c in cols})).iloc[0]
        total = int(counts["_rows"])
        for c in cols:
            rows.append({"table": table, "column": c, "rows": total, "known": int(counts[c]),
                         "known_share": counts[c] / total if total else float("nan"),
                         "scope": "month" if table in DATE_COLUMNS or table == "order_lines" else "all"})
    return pd.DataFrame(rows, columns=["table", "column", "rows", "known", "known_share", "scope"])


def name_column(table: str, column: str, text: Any) -> str:
    """A column by the name a reader knows, in the page's language: the catalogue's, as the
    tables' headers take it (``col.<column>``, else ``metric.<column>``:
    :func:`storebook.report.tables.header`); for a column the catalogue lacks, the data
    contract's own name for it (its Chinese name, its description's first words in English,
    as the pages' notes name such a column); the code only where the contract lacks it too.

    >>> from storebook.report.text import Text
    >>> name_column("orders", "paid_amount", Text("en")), name_column("orders", "paid_amount", Text("zh"))
    ('Paid amount', '支付金额')
    """
    named = catalogue_name(column, text)
    if named is not None:
        return named
    spec = next((c for c in schema.columns(table) if c.name == column), None) if table in schema.TABLES else None
    if spec is None:
        return column
    if text.language == "zh" and spec.zh:
        return spec.zh
    # The description's first clause, without its aside: "Pseudonymous customer key (keyed hash …)".
    described = spec.description.split(";")[0].split(" (")[0].strip()
    return described or column


def label_coverage(coverage: pd.DataFrame, text: Any) -> pd.DataFrame:
    """The coverage with a ``field`` a reader recognises: ``Orders · Province`` in English,
    ``订单（orders） · 省份`` in Chinese (the tables' reader names, :func:`name_tables`, and the
    columns', :func:`name_column`), least known first."""
    field = [_field(shown, name_column(t, c, text))
             for shown, t, c in zip(name_tables(coverage["table"], text), coverage["table"], coverage["column"],
                                    strict=True)]
    return (coverage.assign(field=field).sort_values(["known_share", "table"], kind="stable", na_position="last")
            .reset_index(drop=True))


def _paid_lines(wb: Workbook, period: Period) -> ibis.Table:
    """The month's lines of paid orders, with their line revenue (known amounts only)."""
    o = wb.table("orders")
    o = o.filter(o.paid_at.notnull(), o.ordered_at >= period.start_ts, o.ordered_at < period.end_ts)
    lines = lines_of_order_days(wb, period.start, period.last_day)
    j = lines.semi_join(o.select("order_id"), "order_id")
    return j.mutate(revenue=j.line_amount.fill_null(0).cast("float64"))


def measure_order_quality(wb: Workbook, period: Period) -> pd.DataFrame:
    """The month's orders as a manager needs to weigh them.

    Returns one row per measure (metric, number, share, of): orders placed; paid; pending;
    closed or cancelled unpaid; guest orders (no customer); orders with a booked adjustment;
    paid orders whose items amount is not known; and, where order lines
    exist, paid orders with no line (in sales, absent from every figure by product), lines with no SKU, lines whose SKU is not in the product catalogue and the share
    of line revenue whose unit cost is known ("cost known for 40% of revenue"): None where no
    unit cost is known at all, and no row where the lines carry no revenue.
    Raises:
        NoDataError: the workbook has no orders table, or no orders in the month.
    """
    o = _month_rows(wb, "orders", period)
    unpaid = o.paid_at.isnull()
    n = wb.execute(o.aggregate(
        placed=o.count(),
        paid=(~unpaid).sum(),
        pending=(o.status == "pending").sum(),
        unpaid_closed=(unpaid & o.status.isin(["closed", "cancelled"])).sum(),
        guests=(~unpaid & o.customer_id.isnull()).sum(),
        adjusted=(~unpaid & o.adjustment_amount.notnull()).sum(),
        items_unknown=(~unpaid & o.items_amount.isnull()).sum(),
    )).iloc[0]
    if not n["placed"]:
        raise NoDataError(f"no orders were placed in {period.label}", key="no_data.placed_orders.any",
                          values={"month": period.label})
    placed, paid = float(n["placed"]), float(n["paid"])
    rows = [
        ("placed", n["placed"], 1.0, "placed"), ("paid", n["paid"], n["paid"] / placed, "placed"),
        ("pending", n["pending"], n["pending"] / placed, "placed"),
        ("unpaid_closed", n["unpaid_closed"], n["unpaid_closed"] / placed, "placed"),
        ("guests", n["guests"], n["guests"] / paid if paid else None, "paid"),
        ("adjusted", n["adjusted"], n["adjusted"] / paid if paid else None, "paid"),
        ("items_unknown", n["items_unknown"], n["items_unknown"] / paid if paid else None, "paid"),
    ]
    if wb.has("order_lines"):
        lines = _paid_lines(wb, period)
        if wb.has("products"):
            p = wb.table("products").select("sku", "unit_cost").mutate(_in_catalogue=ibis.literal(True))
            lines = lines.left_join(p, "sku").select(lines, "unit_cost", "_in_catalogue")
            in_catalogue, cost_known = lines._in_catalogue.notnull(), lines.unit_cost.notnull()
        else:
            in_catalogue = cost_known = ibis.literal(False)
        # A line keyed by its item name has no SKU: it counts there, not also as a SKU the
        # catalogue lacks (the real Shopify export: 36 of 38 lines were both).
        named = lines.sku.startswith("name:").fill_null(False)
        m = wb.execute(lines.aggregate(
            lines=lines.count(),
            orders_with_lines=lines.order_id.nunique(),
            no_sku=lines.sku.isnull().sum(),
            named=named.sum(),
            not_in_catalogue=(lines.sku.notnull() & ~named & ~in_catalogue).sum(),
            revenue=lines.revenue.sum(),
            revenue_cost_known=cost_known.ifelse(lines.revenue, 0.0).sum(),
        )).iloc[0]
        total = float(m["lines"])
        if total:
            revenue = float(m["revenue"] or 0.0)
            rows += [
                # A paid order none of whose lines reached the store (each rejected at ingest, or
                # not in the exports): in sales, absent from every figure by product.
                ("orders_without_lines", paid - m["orders_with_lines"],
                 (paid - m["orders_with_lines"]) / paid if paid else None, "paid"),
                ("lines", m["lines"], 1.0, "lines"),
                ("lines_without_sku", m["no_sku"] + m["named"], (m["no_sku"] + m["named"]) / total, "lines"),
                # Without a catalogue no SKU can be looked up: unknown, not "every line".
                ("lines_not_in_catalogue", *((m["not_in_catalogue"], m["not_in_catalogue"] / total)
                                             if wb.has("products") else (None, None)), "lines"),
            ]
            if revenue:
                # A share of money, not a count: the number column stays empty. With no unit cost
                # known for any line (no catalogue, or one without costs for these SKUs) there is
                # no share to give: the Shopify orders export alone read "n/a | 0.0%" here, and a
                # catalogue without costs "unit cost is known for 0.0% of line revenue, so margins
                # cover that part only".
                known = float(m["revenue_cost_known"] or 0.0)
                rows.append(("revenue_cost_known", None, known / revenue if known else None, "revenue"))
            # Lines without amounts have no revenue to cover: the row is left out (the sentence says why).
    return pd.DataFrame(rows, columns=["metric", "number", "share", "of"]).astype({"number": "float64",
                                                                                  "share": "float64"})


def list_files(wb: Workbook) -> pd.DataFrame:
    """The files behind the tables: path, source, table, encoding, rows read, written, rejected,
    cached (not re-read because unchanged) and the adapter's notes (how many)."""
    files = pd.DataFrame(wb.ingest_manifest().get("files", []))
    if files.empty:
        raise NoDataError("the workbook has no ingest record (_ingest.json): run `storebook ingest`",
                          key="no_data.ingest_record")
    files = files.assign(notes=files.get("notes", pd.Series([[]] * len(files))).map(len))
    cols = ["path", "source", "table", "encoding", "rows_read", "rows_written", "rows_rejected", "notes"]
    return files[[c for c in cols if c in files.columns]].sort_values(["table", "path"]).reset_index(drop=True)


def quality_facts(ingest: pd.DataFrame | None = None, coverage: pd.DataFrame | None = None,
                  orders: pd.DataFrame | None = None) -> dict[str, Any]:
    """The numbers the page's sentences and headline cards need, from whichever parts a
    section has (each section computes its own, so that one without data harms no other).

    A part not given, or a fact it does not hold, gives None (written n/a). ``variant`` is
    ``all`` when every row read was kept (the sentence says so); of ``coverage`` without
    orders, ``no_orders`` (the least known column instead); of ``orders`` alone, it is
    ``no_lines`` when the month's orders have no lines, ``no_catalogue`` when the store has no
    product catalogue, ``no_line_amount`` when their lines' revenue is unknown or 0 (the amounts
    are optional in the contract), ``no_cost`` when no unit cost is known for any of it: the
    sentence then leaves out the facts that need them.
    """
    facts: dict[str, Any] = {}
    if ingest is not None and len(ingest):
        # The total row counts each file once (a file may feed two tables); a frame without one
        # (given by hand) is its tables alone.
        total = ingest[ingest["table"] == TOTAL]
        ingest = ingest[ingest["table"] != TOTAL]
        read, written = int(ingest["rows_read"].sum()), int(ingest["rows_written"].sum())
        worst = ingest.loc[ingest["kept_share"].idxmin()] if ingest["kept_share"].notna().any() else None
        facts.update({
            "variant": "all" if read == written else None,
            "files": int(total["files"].iloc[0] if len(total) else ingest["files"].sum()), "tables": len(ingest),
            "rows_read": read, "rows_written": written, "rows_rejected": read - written,
            "kept_share": written / read if read else None,
            "worst_table": None if worst is None else worst["table"],
            "worst_kept_share": None if worst is None else float(worst["kept_share"]),
        })
    if coverage is not None:
        for name, (table, column) in {"province_known": ("orders", "province"), "channel_known": ("orders", "channel"),
                                      "customer_known": ("orders", "customer_id")}.items():
            hit = coverage[(coverage["table"] == table) & (coverage["column"] == column)]
            facts[name] = None if hit.empty or pd.isna(hit["known_share"].iloc[0]) else float(hit["known_share"].iloc[0])
        # A store without orders (traffic, listings or prices alone): the sentence names the least
        # known column of the tables it has (``field`` where :func:`label_coverage` named it).
        if facts["province_known"] is None and facts["channel_known"] is None and facts["customer_known"] is None:
            known = coverage[coverage["rows"] > 0].sort_values("known_share", kind="stable")
            if len(known):
                least = known.iloc[0]
                facts.update(variant="no_orders", least_share=float(least["known_share"]), columns=len(known),
                             unknown=int((known["known"] == 0).sum()),
                             least_field=least["field"] if "field" in known.columns
                             else f"{least['table']} · {least['column']}")
    if orders is not None:
        by_metric = orders.set_index("metric")["share"]
        for name, metric in {"cost_known_revenue": "revenue_cost_known", "guest_share": "guests",
                             "pending_share": "pending", "not_in_catalogue_share": "lines_not_in_catalogue",
                             "adjusted_share": "adjusted"}.items():
            value = by_metric.get(metric)
            facts[name] = None if value is None or pd.isna(value) else float(value)
        if ingest is None:
            facts["variant"] = ("no_lines" if "lines" not in by_metric.index
                                else "no_catalogue" if facts["not_in_catalogue_share"] is None
                                else "no_line_amount" if "revenue_cost_known" not in by_metric.index
                                else "no_cost" if facts["cost_known_revenue"] is None else None)
    return facts


def label_files(files: pd.DataFrame, text: Any) -> pd.DataFrame:
    """:func:`list_files` as the page shows it: each table by its reader's name (:func:`name_tables`)."""
    return files.assign(table=name_tables(files["table"], text))


def list_not_read(wb: Workbook) -> pd.DataFrame:
    """The raw files the store's declarations leave out (``not_read:`` in storebook.sources.yaml:
    an expense sheet, a file of personal data), with why: path, why. Empty when there are none."""
    return pd.DataFrame(wb.ingest_manifest().get("not_read", []), columns=["path", "why"])


def list_lookups(wb: Workbook) -> pd.DataFrame:
    """The raw files read only as lookups joined into other files' rows (a category translation):
    path, joined_into (the sources that join them, with their tables). Empty when there are none."""
    lookups = wb.ingest_manifest().get("lookups", [])
    return pd.DataFrame([{"path": f["path"], "joined_into": ", ".join(f.get("joined_into", []))} for f in lookups],
                        columns=["path", "joined_into"])


#: One source of a lookup's ``joined_into`` as ingest writes it (storebook.ingest.pipeline._joined_into):
#: ``olist_products (products)``, the source's name and the tables it feeds.
_JOINING = re.compile(r"(.+?) \(([^()]*)\)(?:, |$)")


def label_lookups(lookups: pd.DataFrame, text: Any) -> pd.DataFrame:
    """:func:`list_lookups` as the page shows it: each source that joins the lookup keeps the
    name the store gave it in storebook.sources.yaml, its tables by their reader names
    (:func:`name_tables`); a lookup no source joins says so in words.

    >>> from storebook.report.text import Text
    >>> frame = pd.DataFrame({"path": ["a.csv", "b.csv"], "joined_into": ["olist_products (products)", ""]})
    >>> label_lookups(frame, Text("en"))["joined_into"].tolist()
    ['olist_products (Products)', 'no source: read, feeding no table']
    """
    def said(joined: str) -> str:
        found = [(m.group(1), m.group(2)) for m in _JOINING.finditer(joined or "")]
        if not found:  # none (read, feeding no table), or a form this page does not know: as written
            return text("data_quality.lookups.alone") if not joined else joined
        return text.join([text("data_quality.lookups.joined_into", source=source,
                               tables=text.join(name_tables(pd.Series(tables.split(", ")), text)))
                          for source, tables in found])
    return lookups.assign(joined_into=[said(j) for j in lookups["joined_into"]])


def files_facts(files: pd.DataFrame, not_read: pd.DataFrame | None = None,
                lookups: pd.DataFrame | None = None) -> dict[str, Any]:
    """How many files feed how many tables, how many more were read as lookups joined into
    their rows, and how many were left out as declared (the files section's sentence: variant
    ``lookups``, ``not_read`` or ``lookups_not_read``). Every file read is counted: ``read`` is
    the files feeding tables and the lookups."""
    facts: dict[str, Any] = {"files": int(files["path"].nunique()), "tables": int(files["table"].nunique())}
    variant = []
    if lookups is not None and len(lookups):
        facts.update(lookups=len(lookups), read=facts["files"] + len(lookups))
        variant.append("lookups")
    if not_read is not None and len(not_read):
        facts.update(not_read=len(not_read))
        variant.append("not_read")
    if variant:
        facts["variant"] = "_".join(variant)
    return facts


def folded_facts(wb: Workbook, text: Any) -> dict[str, Any] | None:
    """How the lines of the files with folded lines reconcile with the rows read (the ingest
    section's sentence): a Shopify products export's image-only lines are no rows of their own,
    so a file of 407 lines gives 226 rows read and 181 lines folded into their product.

    Returns:
        None when no file has folded lines; else ``files`` (their paths, as ingest names them:
        two folders may each hold a products_export_1.csv), ``lines``,
        ``rows_read``, ``rows_folded`` and ``kind`` (what the folded lines are, in words).
    """
    files = [f for f in wb.ingest_manifest().get("files", []) if f.get("rows_folded")]
    if not files:
        return None
    # Said as the ingest summary says them (one rule: an unknown kind reads as continuation lines).
    kinds = list(dict.fromkeys(sorted(folded_kind(f.get("folded_kind") or "", text) for f in files)))
    read, folded = sum(f["rows_read"] for f in files), sum(f["rows_folded"] for f in files)
    return {"files": text.join([f["path"] for f in files]), "lines": read + folded, "rows_read": read,
            "rows_folded": folded, "kind": text.join(kinds)}


def _currency_said(wb: Workbook, text: Any) -> dict[str, dict[str, Any]]:
    """What ingest found of the store's currencies (``_ingest.json`` → ``currencies``), as the
    catalogue's sentences by key (:func:`storebook.engine.identity.currency_facts`): the page's
    currency facts each take theirs."""
    return currency_sentences(wb.ingest_manifest().get("currencies"), text)


def currency_facts(wb: Workbook, text: Any) -> dict[str, Any] | None:
    """What the files say of their currencies, when they disagree or some state none beside
    others that do (``_ingest.json`` → ``currencies``, :func:`storebook.engine.identity.check_currencies`).
    storebook converts no currency and rejects no row for one: the page says so, in the words
    the ingest summary prints (:func:`storebook.engine.identity.currency_facts`).

    Returns:
        None when nothing needs saying; else ``variant`` (None: they differ; ``unstated``),
        ``stated`` (each file with the currency it states and its column, and, where they
        differ, the files that state none), ``unstated`` (the files with amounts that state
        none) and ``currency`` (the commonest stated one) where the sentence names them.
    """
    said = _currency_said(wb, text)
    # The sentence of files that differ is the key's own; one of files that state none, its variant.
    for variant in (None, "unstated"):
        values = said.get("data_quality.ingest.currency" + (f".{variant}" if variant else ""))
        if values is not None:
            return {"variant": variant, **values}
    return None


def mixed_currency_facts(wb: Workbook, text: Any) -> dict[str, Any] | None:
    """The files whose currency column states several currencies in their own rows: ``mixed``
    (each file, its column and the rows stating each currency), for
    ``data_quality.ingest.mixed_currency``; None when no file does. Amounts are summed across
    rows, so such a file's sums mean nothing: the page says so, and what to do."""
    return _currency_said(wb, text).get("data_quality.ingest.mixed_currency")


def unread_currency_facts(wb: Workbook, text: Any) -> dict[str, Any] | None:
    """That values of an export's currency column are no ISO 4217 code (Shopify's Currency, or a custom
    source's currency column, holding ``$``, ``¥``, ``Yuan``), for
    ``data_quality.ingest.currency.not_code.rejected``: ``values`` (how many distinct values) and
    ``section`` (the title of the rejections' section); None when there are none.

    The page says each value once, in the rejections' table (:func:`rank_rejections`, which never
    leaves one out): there its rows are counted per table as the ingest table's rejected rows are,
    beside its file, first row and the reason, which says what to do for that value (a sign several
    currencies write names them). This sentence, under the currencies, says only that such rows
    were set aside and where they are; the ingest summary lists the values
    (:func:`storebook.engine.identity.currency_facts`): the console has no such table."""
    unread = (wb.ingest_manifest().get("currencies") or {}).get("unread") or []
    if not unread:
        return None
    return {"values": len({u["value"] for u in unread}), "section": text("data_quality.rejections")}


def inferred_currency_facts(wb: Workbook, text: Any) -> dict[str, Any] | None:
    """How the store's currency (and with it its country) was inferred where neither the settings
    nor the exports state it (``StoreIdentity.currency_inferred``), in the words the ingest summary
    prints (:func:`storebook.engine.identity.inferred_facts`, one definition): ``variant`` (None: the
    data's regions; ``setting``: the country set; ``mixed``: the commonest of several stated) and
    the sentence's values. None where the currency is set or stated."""
    said = inferred_sentences(wb.identity().currency_inferred, text)
    for variant in (None, "setting", "mixed"):
        values = said.get("data_quality.ingest.currency.inferred" + (f".{variant}" if variant else ""))
        if values is not None:
            return {"variant": variant, **values}
    return None


def inferred_country_facts(wb: Workbook, text: Any) -> dict[str, Any] | None:
    """How the store's country was inferred where it is not set (``StoreIdentity.country``: from
    the currency, the time zone or the data's regions), as the plan page says it (``plan.country.*``,
    one definition) with the country by its name and code (``Brazil (BR)``, ``巴西（BR）``): ``how``, for
    ``data_quality.ingest.country.inferred``. None where the country
    is set, is China's calendar's, cannot be told, or the currency's sentence already names it
    (:func:`inferred_currency_facts`: a currency inferred from the regions is that country's)."""
    identity = wb.identity()
    country = identity.country or {}
    if country.get("how") not in ("currency", "timezone", "region") or not country.get("code"):
        return None
    if (identity.currency_inferred or {}).get("how") in ("region", "setting"):
        return None
    # The plan page's words (one definition), the country named (Brazil (BR)), not given by its code alone.
    named = text("data_quality.country.named", country=country["code"], country_code=country["code"])
    return {"how": text(f"plan.country.{country['how']}", code=named, clue=country.get("clue", ""))}


def headline_record(wb: Workbook, period: Period, text: Any) -> list[dict[str, Any]]:
    """The ``data_quality.headline`` record the report index shows: rows kept and rejected,
    provinces and costs known, guest checkouts — each part left out where its table is absent."""
    ingest = summarise_ingest(wb)
    coverage = measure_coverage(wb, period)
    try:
        orders = measure_order_quality(wb, period) if wb.has("orders") else None
    except NoDataError:
        orders = None
    return quality_record(quality_facts(ingest, coverage, orders), text)


def quality_record(facts: dict[str, Any], text: Any) -> list[dict[str, Any]]:
    """The headline entries from :func:`quality_facts` (None where the fact is not known)."""
    keys = ("kept_share", "rows_rejected", "province_known", "cost_known_revenue", "guest_share")
    return [headline_entry(key, text(f"metric.{key}"), facts[key]) for key in keys if facts.get(key) is not None]


__all__ = ["COVERAGE_COLUMNS", "DATE_COLUMNS", "REASON_FORMS", "currency_facts", "files_facts", "folded_facts", "headline_record", "inferred_country_facts", "inferred_currency_facts",
           "label_coverage", "label_files", "label_ingest", "label_lookups", "label_rejections", "list_files", "list_lookups", "measure_coverage", "measure_order_quality",
           "mixed_currency_facts", "name_column", "name_rejected_column", "name_tables",
           "quality_facts", "quality_record", "rank_rejections", "read_rejected_rows", "reason_kind", "say_reason",
           "summarise_ingest", "unread_currency_facts"]
