"""Report tables with one look in every notebook (pandas Styler → HTML, inline styles only).

Numbers are formatted by what the column holds, recognised from its name
(:func:`column_kind`): counts with thousands separators, money as ``¥12,345`` (full digits
in both languages: a column reads digit by digit), rates as ``3.4%``, ROAS as ``3.25``.
A change (``vs_prior``, ``visitors_vs_prior``, a rate's ``change`` …) is written and
coloured as the metric registry says for the metric it is a change of
(:func:`storebook.report.number_style.change_html`): ``▲ +3.4%`` for an amount, ``▼ −0.97 pp``
for a rate, green when it is good news, red when bad, grey when neither — found from the
column's name (``visitors_vs_prior``), the row's ``metric`` (or P&L ``line``) column, or the
``metric`` argument of :func:`format_table`. Vocabulary values (platform, channel, device …)
and column headers are translated through the text catalogue, so a Chinese report has a
Chinese table. The arrow carries the direction, so the colour is never the only cue.

Example:
    styler = format_table(frame, Text("zh"), columns=["platform", "visitors", "vs_prior"])
    page.show(styler)
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from storebook.measures.metrics import (
    catalogue_name,
    column_kinds,
    find_metric,
    format_change,
    format_points,
    in_points,
    shown_change,
)
from storebook.measures.platform_rows import drop_repeated_total
from storebook.report.number_style import change_html, mark_value, tone_colours, value_html
from storebook.report.text import Text, is_missing

#: Columns whose values are vocabulary keys, translated with ``Text.label(kind, value)``.
LABEL_COLUMNS: dict[str, str] = {
    "platform": "platform", "channel": "channel", "device": "device", "step": "step", "verdict": "verdict",
    "driver": "driver", "buyer_type": "buyer_type", "event": "event", "metric": "metric",
    "carrier": "carrier", "warehouse": "warehouse", "province": "province", "category": "category", "line": "pnl",
    "likely_cause": "traffic.cause",
}
_COUNTS = {"visitors", "page_views", "product_views", "cart_adds", "checkouts", "buyers", "orders", "impressions",
           "clicks", "attributed_orders", "entered", "reached", "visitors_prior", "buyers_prior", "new", "returning"}
_MONEY2 = {"aov", "uv_value", "cpc", "cost_per_visitor"}
#: Ratios in percent that are no share of a whole (a price paid against list: 103.2%; a cost against
#: sales, which passes 100% in a month of little sales; spend over its budget, spend ÷ budget − 1):
#: the share's "never 100.0% short of all" is not theirs (number_style ``percent``). A discount off
#: list (discount_depth = 1 − realisation, price_cut) is a share of the list price given away: it
#: can pass zero (a price above list) but never all, and 99.996% off is not all (``pct``, as the
#: promotions' discount_pct and the competitors' mean_depth). Marketing ÷ sales is the
#: registry's (metrics ``marketing_ratio``).
_PERCENTS = {"realisation", "logistics_ratio", "commission_ratio", "budget_marketing_ratio",
             "budget_logistics_ratio", "over_budget_rate"}
_RATES = {"share", "share_prior", "conversion_rate", "rate", "rate_prior", "ctr", "step_rate", "step_rate_prior"}
_POINTS = {"share_change", "change", "mix_effect", "rate_effect", "total_effect"}
_DATES = {"visited_on", "date", "month", "spent_on"}
# The operations and profit reports (fulfilment, products, profit).
_COUNTS |= {"shipped", "unshipped", "over_48h", "shipments", "delivered", "in_transit", "late", "promised",
            "complaints", "refunded_orders", "units", "units_sold", "units_returned", "skus", "zero_skus",
            "closing_on_hand", "days_on_sale", "due_24h", "due_48h", "within_24h", "within_48h", "skus_sold"}
_MONEY2 |= {"cost_per_order", "cost_per_unit", "cost_per_shipment", "avg_price", "avg_list_price", "shipping_per_order"}
_COUNTS |= {"orders_known"}
_RATES |= {"within_24h_rate", "within_48h_rate", "late_rate", "gross_margin_rate", "contribution_margin_rate",
           "revenue_share", "revenue_cum_share", "margin_share", "margin_cum_share",
           "sku_share", "amount_share", "sell_through", "discount_share", "return_rate", "category_return_rate", "a_sku_share",
           "tail_revenue_share", "price_realisation", "free_shipping_rate", "discount_depth", "price_cut"}
_DATES |= {"day", "first_day", "last_day", "launched_on", "oldest_paid_at"}
#: Money columns whose name does not end in ``_amount``.
_MONEY = {"amount", "cost", "stock_value", "excess_value", "revenue", "gross_margin", "net_sales", "cogs",
          "contribution_margin", "marketing", "logistics", "commission", "spend", "budget", "over_budget",
          "marketing_over", "logistics_over", "budget_marketing", "budget_logistics", "budget_paid_amount",
          "gross_sales", "discounts", "refunds", "revenue_30", "revenue_60", "revenue_90", "overstock_value"}
#: Plain numbers shown to one decimal (hours, days, per-thousand rates, indexes, multiples).
_NUMBERS = {"median_hours", "p90_hours", "median_days", "p90_days", "mean_days", "mean_excess_days",
            "carrier_days", "others_days", "days_of_cover", "daily_rate", "complaints_per_1000",
            "refunds_per_1000", "total_days", "ship_days", "category_multiple", "index_30", "index_60",
            "index_90", "margin_roas", "median_delivery_days", "units_per_parcel"}

# The supplier report's order book: its total row says "All suppliers" (a supplier's name is kept).
LABEL_COLUMNS |= {"supplier": "supplier.row"}
_NUMBERS |= {"promised_lead_days"}
_RATES |= {"within_contract_rate"}
_COUNTS |= {"open_lines"}

# The overview, customers and service reports.
LABEL_COLUMNS |= {"segment": "segment", "from_segment": "segment", "to_segment": "segment", "status": "status",
                  "reason": "reason", "group": "group"}
_COUNTS |= {"customers", "customers_prior", "customers_change", "repeat_customers", "cohort_customers",
            "active_customers", "tickets", "responded", "resolved", "unresolved", "rated", "satisfied", "returns",
            "batch_complaints", "batch_units_received", "window_days", "months_since", "new_buyers"}
_MONEY2 |= {"cumulative_revenue_per_customer"}
_RATES |= {"share_of_buyers", "share_of_sales", "share_of_ad_spend", "repeat_rate", "retention",
           "share_of_from", "complaint_share", "share_of_tickets", "satisfied_share", "refund_rate",
           "refund_share", "share_of_returns", "batch_share_of_complaints", "batch_share_of_units",
           "share_of_margin", "returning_sales_share", "repeat_rate_30", "repeat_rate_90",
           "otif_rate"}
_MONEY |= {"mean_monetary", "shipping_charged"}
_NUMBERS |= {"mean_frequency", "complaints_per_1000_orders", "expected", "csat"}
#: Days since the last purchase are whole days (customers.summarise_rfm_segments: a customer's
#: recency is whole days; the segment's mean is shown to the day): "14", not "14.0".
_COUNTS |= {"mean_recency_days"}
#: Lengths of time, in minutes and in hours, each shown in the unit it reads in (45 minutes, 5.2 hours,
#: 2.1 days) as the sentences say them: a first reply of 3,024.0 minutes read in thousands of minutes.
_MINUTES = {"first_response_median_min", "first_response_p90_min"}
_HOURS = {"resolution_median_h", "resolution_p90_h"}
_DATES |= {"received_on", "first_complaint_on", "last_complaint_on"}

# The data-quality page.
LABEL_COLUMNS |= {"of": "of"}
_COUNTS |= {"files", "rows_read", "rows_written", "rows_rejected", "unknown_references", "rows", "known", "number",
            "notes"}
_RATES |= {"kept_share", "known_share", "payment_rate", "payment_rate_prior"}
_COUNTS |= {"placed", "paid", "pending", "closed"}
# The conversion drivers (a segment's share of visitors and conversion, before and after)
# and the funnel's buyers lost (an expected count: one decimal).
_RATES |= {"share_before", "share_after", "rate_before", "rate_after"}
_NUMBERS |= {"buyers_lost"}

#: The tones' colours, from the pack's stylesheet (the one place): a change's cell carries
#: the tone's class instead; these colour what is not a change (a scorecard's status).
GOOD, BAD, MUTED = (tone_colours()[t] for t in ("good", "bad", "neutral"))

#: The house table style (inline: the HTML report loads no external CSS).
TABLE_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; font-size: 13px; margin: 6px 0 14px 0; "
                              "font-family: 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif;"},
    {"selector": "thead th", "props": "background: #F3F4F6; color: #222; font-weight: 600; padding: 6px 10px; "
                                      "border-bottom: 2px solid #9CA3AF; text-align: right; white-space: nowrap;"},
    {"selector": "thead th:first-child", "props": "text-align: left;"},
    {"selector": "tbody td", "props": "padding: 5px 10px; border-bottom: 1px solid #E5E7EB; text-align: right; "
                                      "font-variant-numeric: tabular-nums; white-space: nowrap;"},
    {"selector": "tbody td:first-child", "props": "text-align: left; font-weight: 500;"},
    {"selector": "tbody tr:nth-child(even)", "props": "background: #FAFAFA;"},
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: 600; padding: 4px 0;"},
]


#: The kinds written as a number of the house's number specs (``Text.number``): a table cell's, and
#: a long table's row's quantity (:func:`row_kind`: a name the tables do not know is a plain number).
_NUMBER_KINDS = ("count", "money", "money2", "pct", "percent", "ratio", "number", "duration", "duration_h")


def column_kind(name: str) -> str:
    """How a column is formatted, from its name.

    Returns one of ``label``, ``date``, ``count``, ``money``, ``money2``, ``pct``, ``percent`` (a
    ratio in percent that is no share: price realisation),
    ``delta`` (relative change), ``points`` (change of a rate), ``ratio``, ``number`` (one
    decimal), ``duration`` / ``duration_h`` (a length of time in minutes / hours, said in
    minutes, hours or days), ``p``, ``text``.

    Example:
        >>> [column_kind(c) for c in ("platform", "paid_amount", "vs_prior", "share_change", "roas")]
        ['label', 'money', 'delta', 'points', 'ratio']
    """
    base = name.removesuffix("_expected").removesuffix("_low").removesuffix("_high")
    if name in LABEL_COLUMNS:
        return "label"
    if name in _DATES:
        return "date"
    relative = (name.startswith("vs_") or name.endswith(("_vs_prior", "_vs_last_year"))
                or (name.endswith("_effect") and name not in _POINTS) or name == "relative_change"
                or name.removesuffix("_low").removesuffix("_high") in _DELTAS)
    if relative:
        return "delta"
    if name in _POINTS:
        return "points"
    if name == "p_value":
        return "p"
    if name in ("roas", "ratio") or base in _RATIOS:
        return "ratio"
    if base in _RATES:
        return "pct"
    if base in _PERCENTS:
        return "percent"
    if base in _MONEY2:
        return "money2"
    if base in _MONEY:
        return "money"
    if base in _NUMBERS:
        return "number"
    if base in _MINUTES:
        return "duration"
    if base in _HOURS:
        return "duration_h"
    if base.endswith("_amount") or base in ("spend_prior", "prior_amount"):
        return "money"
    if base in _COUNTS or name in ("value", "prior", "last_year"):
        return "count"
    return "text"


def header(name: str, text: Text) -> str:
    """A column's header in the report's language (``col.<name>``, else ``metric.<name>``)."""
    return catalogue_name(name, text) or name


def format_value(value: Any, kind: str, text: Text, metric: str | None = None) -> str:
    """One cell as text/HTML for its kind (see :func:`column_kind`).

    Args:
        value: the cell's value.
        kind: its kind.
        text: the report's catalogue.
        metric: for a change (``delta``, ``points``), the registry metric it is a change of
            (its tone; None: grey); for a value, the metric it is (a loss below break-even
            is red: ROI −48.7%).

    Example:
        >>> format_value(-0.238, "delta", Text("en"), "refund_rate")
        '<span class="chg tone-good" data-metric="refund_rate" data-sign="-">▼&nbsp;−23.8%</span>'
        >>> format_value(True, "text", Text("zh")), format_value(False, "text", Text("en"))
        ('是', 'no')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT or value is pd.NA:
        # before the label: a row without a category (a supplier's row of a table by both) is n/a, not "nan"
        return f'<span class="chg-none">{text.na}</span>' if kind in ("delta", "points") else \
            f'<span style="color:{MUTED}">{text.na}</span>'
    if kind == "label":
        return html.escape(str(value))
    if isinstance(value, bool | np.bool_):  # a yes/no column (the plan's "inside the interval"), not Python's True
        return text("word.yes" if value else "word.no")
    if kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind in _NUMBER_KINDS:
        return mark_value(metric, value, text.number(value, kind, compact=False))
    if kind == "delta":
        return change_html(metric, value, text.language, text.na, shown="relative")
    if kind == "points":  # a difference of rates, shown to 0.01 percentage points
        return change_html(metric, value, text.language, text.na, shown="points")
    if kind == "p":
        return "<0.001" if float(value) < 0.001 else f"{float(value):.3f}"
    return html.escape(str(value))


#: Change columns that are no change of a metric over time (a forecast's error, a target
#: against last year, a trend): written as changes, never coloured good or bad.
_UNTONED = {"error", "worst_error", "paid_amount_error", "orders_error", "visitors_error", "target_vs_forecast",
            "target_vs_last_year", "trend", "growth_per_year", "share_change"}
#: How a change column's name ends after the metric it is a change of (``visitors_vs_prior``).
_CHANGE_SUFFIXES = ("_vs_prior", "_vs_last_year", "_vs_budget", "_vs_target", "_change", "_effect", "_lift")
#: Columns that hold each row's metric (a long table; the P&L's lines).
ROW_METRIC_COLUMNS = ("metric", "line")


def _metric_of_column(name: str) -> str | None:
    """The registry metric a change column's name says it is a change of, or None."""
    for suffix in _CHANGE_SUFFIXES:
        if name.endswith(suffix) and name != suffix.lstrip("_"):
            return find_metric(name.removesuffix(suffix))
    return None


def find_change_metrics(frame: pd.DataFrame, column: str, metric: str | None = None) -> list[str | None]:
    """The registry metric each row's change in ``column`` is a change of (None: not known,
    shown grey).

    Found, in order, from the column's name (``visitors_vs_prior``, ``conversion_effect``),
    the ``metric`` argument (a registry key for the whole table, else the name of a column
    holding each row's key), the frame's ``metric`` or ``line`` column.

    Example:
        >>> f = pd.DataFrame({"metric": ["refund_rate", "orders"], "vs_prior": [-0.2, 0.1]})
        >>> find_change_metrics(f, "vs_prior"), find_change_metrics(f, "visitors_vs_prior"), find_change_metrics(f, "error")
        (['refund_rate', 'orders'], ['visitors', 'visitors'], [None, None])
    """
    if column in _UNTONED or column.endswith(("_low", "_high")):  # an interval's ends are no change
        return [None] * len(frame)
    named = _metric_of_column(column) or find_metric(metric)
    if named is not None:
        return [named] * len(frame)
    rows = metric if metric in frame.columns else next((c for c in ROW_METRIC_COLUMNS if c in frame.columns), None)
    if rows is None:
        return [None] * len(frame)
    return [find_metric(v) for v in frame[rows]]


def _metric_values(frame: pd.DataFrame, keys: list[str | None]) -> list[Any]:
    """Each row's value of its metric (the ``value`` column of a long table, else the
    metric's own column), to write a rate's relative change in points."""
    if "value" in frame.columns and any(c in frame.columns for c in ROW_METRIC_COLUMNS):
        return list(frame["value"])
    return [frame[k].iloc[i] if k in frame.columns else None for i, k in enumerate(keys)]


def format_signed(value: Any, kind: str, text: Text) -> str:
    """A signed number that is no change of a metric (a forecast's error, a target against
    last year, a channel's share): ``+36.6%`` or ``+0.20 pp``, in the ink of the text, no
    arrow and no ``chg`` markup — its sign is neither good nor bad news.

    Example:
        >>> format_signed(0.366, "delta", Text("en")), format_signed(-0.0014, "points", Text("zh"))
        ('+36.6%', '−0.14个百分点')
    """
    if value is None or pd.isna(value):
        return format_value(None, "count", text)
    written = format_points(float(value), text.language) if kind == "points" else format_change(None, value)
    return html.escape(written).replace("\u00a0", "&nbsp;")


def format_changes(frame: pd.DataFrame, column: str, text: Text, kind: str, metric: str | None = None) -> list[str]:
    """A change column's cells: each in its metric's format and tone (a rate's relative
    change in percentage points where the frame holds the rate's value); a column that is
    no change of a metric (``_UNTONED``, an interval's ends) as plain signed numbers
    (:func:`format_signed`)."""
    if column in _UNTONED or column.endswith(("_low", "_high")):
        return [format_signed(v, kind, text) for v in frame[column]]
    keys = find_change_metrics(frame, column, metric)
    if kind == "points":
        return [format_value(v, "points", text, k) for v, k in zip(frame[column], keys, strict=True)]
    cells = []
    for v, k, value in zip(frame[column], keys, _metric_values(frame, keys), strict=True):
        points = shown_change(k, value, v) if in_points(k) and value is not None and not pd.isna(value) else None
        cells.append(format_value(points, "points", text, k) if points is not None
                     else format_value(v, "delta", text, k))
    return cells


#: ``kinds`` of :func:`format_table` for a long table whose rows hold different quantities (a
#: store_ops driver: delivery days, complaints per 1,000 orders, a return rate, a first reply):
#: each cell in the format of the row's quantity, or as a difference of it.
BY_ROW, BY_ROW_CHANGE = "by_row", "by_row_change"


def row_kind(name: Any) -> str:
    """The format of a number of the quantity ``name`` (a driver, a metric) in a long table: as a
    column of that name is written (:func:`column_kind`), a plain number where the name says none.

    >>> [row_kind(n) for n in ("return_rate", "first_response_median_min", "delivery_days", "spam")]
    ['pct', 'duration', 'number', 'number']
    """
    kind = column_kind(str(name))
    return kind if kind in _NUMBER_KINDS else "number"


def format_difference(value: Any, kind: str, text: Text) -> str:
    """A difference of two values of one quantity (this month − the prior), in the quantity's
    format and signed, in the ink of the text: a rate's in percentage points, a length of time
    in the unit it reads in (``+5 minutes``, ``−1.2 days``), a number to one decimal.

    >>> [format_difference(v, k, Text("en")) for v, k in ((0.0012, "pct"), (-29.2, "duration"), (0.6, "number"))]
    ['+0.12&nbsp;pp', '−29&nbsp;minutes', '+0.6']
    >>> format_difference(0.0, "duration", Text("zh")), format_difference(None, "number", Text("en"))[-11:]
    ('0分钟', '>n/a</span>')
    """
    if is_missing(value):
        return format_value(None, kind, text)
    v = float(value)
    if kind in ("pct", "percent"):
        written = format_points(v, text.language)
    else:
        written = text.number(v, kind, compact=False)
        if v > 0 and any(ch in "123456789" for ch in written):  # nothing to sign where it rounds to 0
            written = "+" + written
    return html.escape(written).replace("\u00a0", "&nbsp;")


def drop_repeated_names(frame: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """The frame and columns of a table that shows each product once: beside its SKU, a product
    name that is the SKU (a catalogue without names: the name falls back to the SKU,
    ``storebook.engine.dimensions``) is no name. None of the rows named: the product column is
    left out; some: the others' name is unknown (``n/a``), not the SKU again.

    >>> f = pd.DataFrame({"sku": ["A-1", "B-2"], "product_name": ["A-1", "Mug"]})
    >>> drop_repeated_names(f, ["sku", "product_name"])[0]["product_name"].tolist()
    [nan, 'Mug']
    >>> drop_repeated_names(f.head(1), ["sku", "product_name"])[1]
    ['sku']
    """
    if not {"sku", "product_name"} <= set(columns):
        return frame, columns
    named = frame["product_name"].notna() & (frame["product_name"].astype(str) != frame["sku"].astype(str))
    if named.all():
        return frame, columns
    if not named.any():
        return frame, [c for c in columns if c != "product_name"]
    return frame.assign(product_name=frame["product_name"].where(named)), columns


def known_columns(frame: pd.DataFrame, columns: Sequence[str]) -> list[str]:
    """``columns`` without those that hold no value at all in ``frame`` (a Supplier column of
    n/a in every row, where the store's catalogue names no supplier); all of them for an empty
    frame (its headers say what it would hold).

    >>> known_columns(pd.DataFrame({"sku": ["a"], "supplier_id": [None]}), ["sku", "supplier_id"])
    ['sku']
    """
    if frame.empty:
        return list(columns)
    return [c for c in columns if frame[c].notna().any()]


def format_table(frame: pd.DataFrame, text: Text, columns: Sequence[str] | None = None, *,
                 kinds: dict[str, str] | None = None, caption: str | None = None,
                 metric: str | None = None, by_row: str | None = None) -> Styler:
    """A report table: selected columns, translated values and headers, house number formats.

    Args:
        frame: the result of a metric function (not modified).
        text: the report's catalogue.
        columns: the columns to show, in order; default all.
        kinds: overrides of :func:`column_kind` by column.
        caption: a caption above the table (already in the report's language).
        metric: what the table's change columns are changes of, where their names do not
            say: a registry key (``"cac"``) or a column holding each row's key (default: the
            ``metric`` or ``line`` column); see :func:`find_change_metrics`.
        by_row: the column naming each row's quantity, in a table whose rows hold different
            ones: a column of kind :data:`BY_ROW` is written in the row's format
            (:func:`row_kind`: a rate as 3.4%, a first reply as 45 minutes), one of kind
            :data:`BY_ROW_CHANGE` as a difference of it (:func:`format_difference`).
    Returns:
        A Styler; ``page.show`` (or ``.to_html()``) renders it.

    Example:
        >>> t = format_table(pd.DataFrame({"platform": ["jd"], "visitors": [12345], "vs_prior": [-0.05]}), Text("zh"))
        >>> "京东" in t.to_html() and "12,345" in t.to_html() and "▼" in t.to_html()
        True
    """
    columns = list(columns) if columns is not None else list(frame.columns)
    frame = drop_repeated_total(frame)  # one platform: its all-platform row says it again
    frame, columns = drop_repeated_names(frame, columns)  # a name that is the SKU: the SKU once
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"format_table: the frame has no column(s) {', '.join(missing)}; it has {', '.join(frame.columns)}")
    kinds = {c: (kinds or {}).get(c, column_kind(c)) for c in columns}
    if by_row is None and any(k in (BY_ROW, BY_ROW_CHANGE) for k in kinds.values()):
        raise ValueError("format_table: a column written by row needs by_row, the column naming each row's quantity")
    row_kinds = [row_kind(name) for name in frame[by_row]] if by_row is not None else []
    headers = [header(c, text) for c in columns]
    if len(set(headers)) < len(headers):  # one would overwrite the other's cells
        twice = sorted({h for h in headers if headers.count(h) > 1})
        raise ValueError(f"format_table: columns {', '.join(c for c in columns if header(c, text) in twice)} "
                         f"share the header {', '.join(repr(h) for h in twice)} in {text.language}: "
                         "one column would hide the other")
    shown = {}
    for c in columns:
        if kinds[c] in ("delta", "points"):
            shown[header(c, text)] = format_changes(frame, c, text, kinds[c], metric)
        elif kinds[c] == BY_ROW:
            shown[header(c, text)] = [format_value(v, k, text) for v, k in zip(frame[c], row_kinds, strict=True)]
        elif kinds[c] == BY_ROW_CHANGE:
            shown[header(c, text)] = [format_difference(v, k, text) for v, k in zip(frame[c], row_kinds, strict=True)]
        elif c == "sku" and kinds[c] == "text":  # an item keyed by its name says so (Text.sku)
            beside = frame["product_name"].notna() if "product_name" in columns else [False] * len(frame)
            shown[header(c, text)] = [html.escape(text.sku(v, beside_name=b)) if pd.notna(v)
                                      else format_value(v, "text", text) for v, b in zip(frame[c], beside, strict=True)]
        else:
            shown[header(c, text)] = [
                text.label(LABEL_COLUMNS[c], v) if kinds[c] == "label" and pd.notna(v)
                else format_value(v, kinds[c], text, find_metric(c)) for v in frame[c]]
    wrap = [header(c, text) for c in columns if kinds[c] in ("label", "text")]
    return _house(pd.DataFrame(shown), caption, wrap)


#: A name's cell wraps within this width: a real shop's product titles run to 60 characters
#: (天猫 titles stack brand, season and keywords), and a number's cell never wraps. Text reads
#: from the left, its header too (right-aligned, a wrapped reason or title had a ragged left edge).
WRAPPED_TEXT = "white-space: normal; overflow-wrap: anywhere; min-width: 6em; max-width: 18em; text-align: left;"
TEXT_HEADER = "text-align: left;"


def _house(shown: pd.DataFrame, caption: str | None = None, wrap: Sequence[str] = ()) -> Styler:
    """The house table: no index, the house styles, the columns named in ``wrap`` wrapping.

    A wrapping column's rule names the cells' column class (``td.col1``), so that it outranks
    the house rule that keeps every cell on one line (``tbody td``).
    """
    wrapping = [rule for c in wrap for rule in (
        {"selector": f"tbody td.col{shown.columns.get_loc(c)}", "props": WRAPPED_TEXT},
        {"selector": f"thead th.col{shown.columns.get_loc(c)}", "props": TEXT_HEADER})]
    styler = shown.style.hide(axis="index").set_table_styles(TABLE_STYLES + wrapping)
    return styler.set_caption(html.escape(caption)) if caption else styler


def pivot_table(frame: pd.DataFrame, text: Text, *, index: str, columns: str, values: str,
                kind: str | None = None, caption: str | None = None) -> Styler:
    """A cross table (e.g. channel × platform share), formatted like every other table;
    ``caption`` (in the report's language) says what its cells are.

    Example:
        >>> f = pd.DataFrame({"channel": ["direct", "direct"], "platform": ["jd", "web"], "share": [0.1, 0.2]})
        >>> "20.0%" in pivot_table(f, Text("en"), index="channel", columns="platform", values="share").to_html()
        True
    """
    kind = kind or column_kind(values)
    frame = drop_repeated_total(frame)
    rows = list(dict.fromkeys(frame[index]))
    cols = list(dict.fromkeys(frame[columns]))
    # A cell whose values are all unknown stays unknown (shown as such), not a sum of nothing (0).
    table = frame.pivot_table(index=index, columns=columns, values=values, aggfunc=lambda s: s.sum(min_count=1),
                              dropna=False).reindex(index=rows, columns=cols)
    shown = pd.DataFrame({
        header(index, text): [text.label(LABEL_COLUMNS.get(index, index), r) for r in rows],
        **{text.label(LABEL_COLUMNS.get(columns, columns), c): [format_value(v, kind, text) for v in table[c]]
           for c in cols},
    })
    return _house(shown, caption)


def metric_cards(headline: pd.DataFrame, text: Text) -> Styler:
    """The headline: one row per platform, one column per metric, each cell the value with
    its change on the prior month and on last year beneath (each where it is known) — written and coloured as the
    index's cards are (:func:`storebook.report.number_style.value_html`, ``change_html``:
    the registry's format, 万/亿 in Chinese, a rate's change in points, the tone of
    :func:`storebook.measures.metrics.change_tone`).

    Args:
        headline: rows of platform × metric with value, vs_prior, vs_last_year (relative
            changes; a comparison column may be absent)
            (:func:`storebook.areas.traffic.traffic_headline`).

    Example:
        >>> h = pd.DataFrame({"platform": ["total"], "metric": ["late_rate"], "value": [0.015],
        ...                   "vs_prior": [-0.405], "vs_last_year": [None]})
        >>> 'class="chg tone-good" data-metric="late_rate" data-sign="-"' in metric_cards(h, Text("en")).to_html()
        True
    """
    headline = drop_repeated_total(headline)
    platforms = list(dict.fromkeys(headline.platform))
    metrics = list(dict.fromkeys(headline.metric))
    cells = {}
    for metric in metrics:
        column = []
        for platform in platforms:
            row = headline[(headline.platform == platform) & (headline.metric == metric)]
            if row.empty:
                column.append(format_value(None, "count", text))
                continue
            r = row.iloc[0].to_dict()
            # an unknown comparison is left out (no prior month in the data: no "vs prior month n/a")
            known = {field: shown_change(metric, r.get("value"), r.get(field)) for field in ("vs_prior", "vs_last_year")}
            changes = "<br>".join(f'{text(f"col.{field}")} {change_html(metric, change, text.language, text.na)}'
                                  for field, change in known.items() if not is_missing(change))
            # value, then each change on its own line: six metrics fit the report width
            column.append(f'<b>{value_html(metric, r.get("value"), text.language)}</b>'
                          + (f'<br><span style="font-size:11px">{changes}</span>' if changes else ""))
        cells[text(f"metric.{metric}")] = column
    shown = pd.DataFrame({header("platform", text): text.labels("platform", platforms), **cells})
    return _house(shown, daily_buyers_caption(headline, metrics, text))


def card_rows(headline: pd.DataFrame, per_row: int = 3) -> list[pd.DataFrame]:
    """The headline's metrics in groups of ``per_row`` (in the headline's order), each shown
    as its own row of :func:`metric_cards`: a card's long name and its two changes take
    about 160 px, so more than four cards beside the platform column overflow a laptop
    screen.

    Args:
        headline: as :func:`metric_cards` takes it (not modified).
        per_row: metrics per row of cards.
    Returns:
        One frame per row of cards, each with every platform's rows of its metrics.

    Example:
        >>> h = pd.DataFrame({"platform": ["total"] * 5, "metric": list("abcde"), "value": range(5)})
        >>> [list(part.metric) for part in card_rows(h)]
        [['a', 'b', 'c'], ['d', 'e']]
    """
    metrics = list(dict.fromkeys(headline["metric"]))
    groups = [metrics[i:i + per_row] for i in range(0, len(metrics), per_row)]
    return [headline[headline["metric"].isin(group)].reset_index(drop=True) for group in groups]


def with_intervals(frame: pd.DataFrame, text: Text, metrics: Sequence[str], *,
                   index: Sequence[str] = ("platform",), counts: Sequence[str] = ()) -> Styler:
    """Each metric as ``value (low–high)`` from its ``_low``/``_high`` columns (95 % intervals).

    Args:
        frame: rows to show, with ``m``, ``m_low`` and ``m_high`` for each metric.
        metrics: the metrics, in order.
        index: label columns shown first.
        counts: plain columns shown after the labels (e.g. visitors, buyers).

    Example:
        >>> f = pd.DataFrame({"platform": ["jd"], "conversion_rate": [0.04],
        ...                   "conversion_rate_low": [0.035], "conversion_rate_high": [0.045]})
        >>> "(3.50%–4.50%)" in with_intervals(f, Text("en"), ["conversion_rate"]).to_html()
        True
    """
    frame = drop_repeated_total(frame)
    shown = {}
    for c in index:
        shown[header(c, text)] = [text.label(LABEL_COLUMNS.get(c, c), v) for v in frame[c]]
    for c in counts:
        shown[header(c, text)] = [format_value(v, column_kind(c), text) for v in frame[c]]
    for m in metrics:
        kind = column_kind(m)
        shown[header(m, text)] = [
            f"{format_value(v, kind, text)} <span style=\"color:{MUTED}\">"
            f"({format_value(lo, kind, text)}–{format_value(hi, kind, text)})</span>"
            for v, lo, hi in zip(frame[m], frame[f"{m}_low"], frame[f"{m}_high"], strict=True)
        ]
    return _house(pd.DataFrame(shown))


# ----------------------------------------------------------------------------- scorecards
#: Status colours of a scorecard (target met / within 5% / missed), and their cell backgrounds.
STATUS_COLOURS: dict[str, str] = {"green": GOOD, "amber": "#B7791F", "red": BAD}
STATUS_FILLS: dict[str, str] = {"green": "#E6F4EA", "amber": "#FDF3DC", "red": "#FCE8E6"}


def _status_cell(status: str, text: Text) -> str:
    colour = STATUS_COLOURS.get(status, MUTED)
    return f'<span style="color:{colour}; font-weight:600">{html.escape(text.label("status", status))}</span>'


def scorecard(card: pd.DataFrame, text: Text, platform: str = "total") -> Styler:
    """A scorecard: one row per metric (one platform's rows), each value in its own format,
    against target, the prior month and last year (as changes: seven columns fit a report
    page; a rate's change in percentage points, coloured as the registry says), with the
    status in colour.

    Args:
        card: rows of metric × platform with value, target, vs_target, prior, vs_prior,
            last_year, vs_last_year, status, kind (how the value is written) and
            higher_is_better (:func:`storebook.areas.overview.build_scorecard`).
        platform: the rows to show.

    Example:
        >>> c = pd.DataFrame({"metric": ["refund_rate"], "platform": ["total"], "value": [0.03], "target": [0.02],
        ...     "vs_target": [0.5], "prior": [0.025], "vs_prior": [0.2], "last_year": [None], "vs_last_year": [None],
        ...     "status": ["red"], "kind": ["pct"], "higher_is_better": [False]})
        >>> html_ = scorecard(c, Text("en")).to_html()
        >>> "3.00%" in html_ and "Off target" in html_ and BAD in html_ and "+0.50&nbsp;pp" in html_
        True
    """
    rows = card[card["platform"] == platform]
    shown = pd.DataFrame({
        header("metric", text): [text.label("metric", m) for m in rows["metric"]],
        header("value", text): [format_value(v, k, text) for v, k in zip(rows["value"], rows["kind"], strict=True)],
        header("target", text): [format_value(v, k, text) for v, k in zip(rows["target"], rows["kind"], strict=True)],
        # The distance to the target is no change over time: a plain signed number, the
        # status beside it says in colour whether the target is met.
        header("vs_target", text): [format_signed(v, "delta", text) for v in rows["vs_target"]],
        header("status", text): [_status_cell(s, text) for s in rows["status"]],
        # The changes over time: the registry's tone and format (a rate in points).
        header("vs_prior", text): format_changes(rows, "vs_prior", text, "delta"),
        header("vs_last_year", text): format_changes(rows, "vs_last_year", text, "delta"),
    })
    return _house(shown, daily_buyers_caption(card, rows["metric"], text))


def daily_buyers_caption(frame: pd.DataFrame, metrics: Iterable[str], text: Text) -> str | None:
    """The caption of a table that shows buyers summed over the days (``frame.attrs["daily_buyers"]``,
    :func:`storebook.areas.traffic.buyers_are_daily_sums`): the overview's scorecard and the traffic
    headline say it in the same words; None where the table shows no such buyers."""
    shown = "buyers" in set(metrics)
    return text("overview.scorecard.daily_buyers") if frame.attrs.get("daily_buyers") and shown else None


def status_grid(card: pd.DataFrame, text: Text, caption: str | None = None) -> Styler:
    """Metrics × platforms: each cell the platform's value, its background the status colour.

    Args:
        card: as :func:`scorecard`; a metric missing for a platform shows a dash.
        caption: a caption above the grid (already in the report's language).
    """
    card = drop_repeated_total(card)
    platforms = list(dict.fromkeys(card["platform"]))
    metrics = list(dict.fromkeys(card["metric"]))
    cells: dict[str, list[str]] = {header("metric", text): [text.label("metric", m) for m in metrics]}
    for platform in platforms:
        column = []
        for metric in metrics:
            row = card[(card["platform"] == platform) & (card["metric"] == metric)]
            if row.empty:
                column.append(f'<span style="color:{MUTED}">–</span>')
                continue
            r = row.iloc[0]
            fill = STATUS_FILLS.get(r["status"])
            value = format_value(r["value"], r["kind"], text)
            column.append(f'<span style="background:{fill}; padding:2px 6px; border-radius:3px">{value}</span>'
                          if fill else value)
        cells[text.label("platform", platform)] = column
    return _house(pd.DataFrame(cells), caption)


# The promotion, competitor and supplier reports.
LABEL_COLUMNS.update({"promo_type": "promotion.type", "grade": "supplier.grade", "cause": "supplier.cause",
                      "position": "competitor.position", "cheapest": "competitor.seller"})
_COUNTS |= {"actual_units", "baseline_units", "incremental_units", "pull_forward_units", "cannibalised_units",
            "net_incremental_units", "n_skus", "n_promotions", "eligible_orders", "redeemed_orders", "products",
            "category_products", "our_units", "competitor_units", "review_count", "new_reviews", "n_pos",
            "n_lines", "rank", "penalty", "qty_ordered", "qty_received", "qty_short", "stockout_days",
            "warehouse_stockout_days", "late_days", "short_days", "other_days", "warehouse_attributed_days",
            "attributed_days",
            "days", "days_after", "units_after", "competitors", "cheaper_competitors", "line_no", "days_late"}
_RATES |= {"discount_pct", "uplift", "dip", "redemption_rate", "budget_used", "otif_rate", "on_time_rate",
           "in_full_rate", "fill_rate", "rejection_rate", "month_otif_rate", "month_fill_rate", "paid_share",
           "coverage", "our_share", "promo_share", "mean_depth", "gap", "response", "price_change",
           "cost_variance"}
_MONEY |= {"discount_cost", "promotion_spend", "incremental_margin", "incremental_revenue", "actual_revenue",
           "baseline_revenue", "our_revenue"}
_MONEY2 |= {"our_price", "competitor_price", "price_before", "price_after", "median_price", "p25_price", "p75_price"}
_COUNTS |= {"observed_products", "observations"}
_RATES |= {"matched_share"}
_NUMBERS |= {"mean_lead_time_days", "contract_lead_time_days", "lead_time_excess_days", "lost_units", "mean_days_late"}
_DATES |= {"starts_on", "ends_on", "changed_on", "ordered_on", "promised_on", "received_on"}
#: Ratios shown to two decimals (an index, a return on spend, a rating, a coefficient of variation).
_RATIOS = {"price_index", "roi", "median_roi", "margin_per_discount", "highest_index", "lowest_index", "rating",
            "rating_change", "lead_time_cv"}


# The store-operations, marketing and planning reports (their headline metrics: the registry).
LABEL_COLUMNS |= {"dimension": "dimension", "test_group": "test_group", "evidence": "evidence"}
_COUNTS |= {"ratings", "day_ratings", "favourites", "buyers_before", "buyers_after", "visitors_before",
            "visitors_after", "treatment_audience", "holdout_audience", "treatment_orders", "holdout_orders",
            "incremental_orders", "campaigns", "months", "target_orders", "last_year_orders",
            "target_visitors", "last_year_visitors"}
_RATES |= {"cart_rate", "category_conversion", "conversion_before", "conversion_after", "share_of_spend", "elapsed",
           "inside_share"}
#: A forecast's error (absolute, and its mean over months) is no share of a whole: it may pass 100%,
#: and 99.996% is 100.0%, not ">99.99%".
_PERCENTS |= {"ape", "mape"}
#: Relative changes whose name does not say so (a lift, an error, a growth rate).
_DELTAS = {"lift", "category_lift", "order_lift", "visit_lift", "error", "growth_per_year", "target_vs_forecast",
           "worst_error", "paid_amount_error", "orders_error", "visitors_error"}
_RATIOS |= {"score", "score_prior", "industry_score", "day_score", "day_score_prior", "score_5", "baseline",
            "conversion_index", "pace", "margin_roas", "score_change",
            "industry_gap", "day_score_drop"}
_MONEY |= {"lost_amount", "cac_prior", "cac_last_year", "incremental_amount", "projected_spend", "target_amount",
           "last_year_amount"}
_MONEY2 |= {"category_uv_value"}
_NUMBERS |= {"lost_buyers", "weeks_after", "delivery_days", "delivery_days_before", "excess_days", "z",
             "logistics_complaints_per_1000", "quality_complaints_per_1000"}
_DATES |= {"changed_on", "first_day", "last_day", "shipped_from", "shipped_to"}
_COUNTS |= {"forecast", "low", "high", "target", "actual"}
_RATIOS |= {"score_max"}
_RATIOS |= {"sales_per_ad"}  # a listing's sales ÷ its ad spend (store_ops.listing_ad_spend)
_DELTAS |= {"trend"}

# A metric of the registry formats as the registry says (storebook.measures.metrics): its
# column joins the set of its kind, and leaves any other.
_KIND_SETS = {"count": _COUNTS, "money": _MONEY, "money2": _MONEY2, "pct": _RATES, "percent": _PERCENTS,
              "ratio": _RATIOS,
              "number": _NUMBERS, "duration": _MINUTES, "duration_h": _HOURS}
for _name, _kind in column_kinds().items():
    for _set in _KIND_SETS.values():
        _set.discard(_name)
    _KIND_SETS[_kind].add(_name)
