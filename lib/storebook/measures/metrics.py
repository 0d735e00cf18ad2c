"""The metric registry: for each metric the department reports, the one place that says
what it is called (English, 中文), its unit, how it is shown and which way is good news.

Derived from it, not written again: the headline records every report notebook makes
(``<area>.headline``, read by the pack's index cards: :func:`headline_entry`), the names of
metrics in the text catalogue (``metric.<key>``, :mod:`storebook.report.text`), the number
format of a table column of the same name (:func:`storebook.report.tables.column_kind`) and
the data dictionary's derived metrics (docs/data_dictionary.md).

Units: ``count``, ``CNY`` (money in the workbook's currency), ``ratio`` (a share or a
return, shown in percent: 3.42%, ROI −48.7%; its change is shown in percentage points),
``index`` (a ratio near 1, shown as 1.03: the price index), ``multiple`` (a return on spend,
shown as 3.20: ROAS), ``score`` (a rating out of 5, shown as 4.81: the store rating),
``days``, ``per_1000`` (per 1,000 orders), ``minutes``.

Good: ``up`` (more is good news: green when it rises), ``down`` (less is good news) or
``neutral`` (neither: grey; a share of the catalogue, a number of promotions, marketing spend,
which is a decision judged by its return).

A change is shown as the registry says (:func:`format_change`): a count or an amount in
relative percent (``+3.4%``), a rate in percentage points (``−0.97 pp`` / ``−0.97个百分点``),
with one minus sign (U+2212) and never as ``−0``; its colour is :func:`change_tone` alone.

Example:
    >>> METRICS["conversion_rate"].zh, METRICS["conversion_rate"].good, METRICS["conversion_rate"].points
    ('支付转化率', 'up', True)
    >>> METRICS["aov"].column_kind, METRICS["aov"].display
    ('money2', 'money2')
    >>> change_tone("refund_rate", -0.0097), format_change("refund_rate", -0.0097, "zh")
    ('good', '−0.97个百分点')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

UNITS = ("count", "CNY", "ratio", "index", "multiple", "score", "days", "per_1000", "minutes")
GOOD = ("up", "down", "neutral")
#: How a value is shown on a card or in a sentence (storebook.report.numbers.format_metric):
#: ``count`` 12,345 (中文 1.2万), ``money`` ¥12,345 (¥1.2万), ``money2`` ¥12.35, ``pct`` 3.42%,
#: ``ratio`` 1.03, ``days`` 3.2 days, ``number`` 3.42, ``minutes`` a length of time in minutes, said in
#: the unit it reads in (45 minutes, 5.2 hours, 2.1 days: storebook.report.number_style ``duration``).
#: ``percent`` a ratio in percent that is no share of a whole (price realisation 103.2%: a share's
#: "never 100.0% short of all" does not apply).
DISPLAYS = ("count", "money", "money2", "pct", "percent", "ratio", "days", "number", "minutes")
_UNIT_DISPLAY = {"count": "count", "CNY": "money", "ratio": "pct", "index": "ratio", "multiple": "ratio",
                 "score": "ratio", "days": "days", "per_1000": "number", "minutes": "minutes"}
#: A unit's table format (storebook.report.tables.column_kind's kinds).
_UNIT_KIND = {"count": "count", "CNY": "money", "ratio": "pct", "index": "ratio", "multiple": "ratio",
              "score": "ratio", "days": "number", "per_1000": "number", "minutes": "duration"}


@dataclass(frozen=True)
class Metric:
    """One metric of the registry.

    Attributes:
        key: the metric's name in frames, records and the catalogue (``metric.<key>``).
        en, zh: its name in each report language.
        unit: one of :data:`UNITS`.
        good: one of :data:`GOOD`.
        kind: the table format of a column of this name, when it differs from the unit's
            (``money2``: money with cents, for per-buyer and per-visitor amounts; ``percent``: a
            ratio in percent that is no share of a whole, ROI, price realisation or marketing
            spend ÷ sales); ``""``
            for a name whose table column means another quantity (see :data:`METRICS`).
        formula: how it is computed from the tables' columns, for the data dictionary
            (the ratios of :mod:`storebook.measures.ratios`; empty: see the area's module).
        breakeven: zero is the line between gain and loss (ROI, incremental margin): a
            value below it is shown as a loss (red), whatever its change.
        projection: a forecast, not a result of the month: its change on the report month is
            what the model expects of the season (a December after 双11), so the index never
            names it as the month's improvement or setback, nor as the thing to act on.
    """

    key: str
    en: str
    zh: str
    unit: str
    good: str
    kind: str | None = None
    formula: str = ""
    breakeven: bool = False
    projection: bool = False

    def __post_init__(self) -> None:
        if self.unit not in UNITS or self.good not in GOOD:
            raise ValueError(f"metric {self.key}: unit {self.unit!r} or good {self.good!r} is not known")

    @property
    def points(self) -> bool:
        """A change of this metric is shown in percentage points (it is a share)."""
        return self.unit == "ratio"

    @property
    def column_kind(self) -> str:
        """The format of a table column of this name (``""``: the registry does not say)."""
        return _UNIT_KIND[self.unit] if self.kind is None else self.kind

    @property
    def display(self) -> str:
        """How a value is shown on a card and in a sentence: one of :data:`DISPLAYS`."""
        if self.kind in ("money2", "percent"):
            return self.kind
        return _UNIT_DISPLAY[self.unit]


def _m(key: str, en: str, zh: str, unit: str, good: str, kind: str | None = None, formula: str = "",
       breakeven: bool = False, projection: bool = False) -> Metric:
    return Metric(key, en, zh, unit, good, kind, formula, breakeven, projection)


_ALL = [
    # traffic and conversion (流量, 转化)
    _m("visitors", "Visitors", "访客数", "count", "up"),
    _m("page_views", "Page views", "浏览量", "count", "up"),
    _m("product_views", "Product viewers", "商品访客数", "count", "up"),
    _m("cart_adds", "Cart adds", "加购人数", "count", "up"),
    _m("checkouts", "Checkouts", "下单买家数", "count", "up"),
    _m("buyers", "Buyers", "支付买家数", "count", "up"),
    _m("orders", "Orders", "支付订单数", "count", "up"),
    _m("paid_amount", "Paid amount", "支付金额", "CNY", "up"),
    _m("conversion_rate", "Conversion rate", "支付转化率", "ratio", "up", formula="buyers / visitors (platform totals from traffic `all` rows)"),
    _m("aov", "Spend per buyer", "客单价", "CNY", "up", "money2", formula="paid_amount / buyers"),
    _m("uv_value", "UV value", "UV价值", "CNY", "up", "money2", formula="paid_amount / visitors"),
    _m("ctr", "Click-through rate", "点击率", "ratio", "up", formula="clicks / impressions"),
    _m("payment_rate", "Payment rate (paid ÷ placed)", "支付率（支付÷下单）", "ratio", "up",
       formula="orders paid / orders placed"),
    _m("cpc", "Cost per click", "平均点击花费", "CNY", "down", "money2", formula="spend_amount / clicks"),
    _m("cost_per_visitor", "Cost per visitor", "访客成本", "CNY", "down", "money2", formula="spend_amount / visitors"),
    # A multiple, recorded as such in the marketing headline (the overview's scorecard says so too).
    _m("roas", "ROAS", "投入产出比", "multiple", "up", formula="attributed_amount / spend_amount"),
    # customers (客户)
    _m("customers", "Customers who bought", "购买客户数", "count", "up"),
    _m("new_buyers", "New buyers", "新买家", "count", "up"),
    _m("returning_sales_share", "Returning customers' share of sales", "老客销售占比", "ratio", "up"),
    _m("repeat_rate_30", "30-day repeat rate", "30天复购率", "ratio", "up"),
    _m("repeat_rate_90", "90-day repeat rate", "90天复购率", "ratio", "up"),
    # data quality (数据质量)
    _m("kept_share", "Share of rows kept", "数据采用率", "ratio", "up"),
    _m("rows_rejected", "Rows rejected", "拒收行数", "count", "down"),
    _m("province_known", "Orders with a province", "有收货省份的订单", "ratio", "up", ""),
    # A table column named cost_known_revenue is an amount (the revenue of lines with a
    # known cost, storebook.measures.sales); the headline figure is its share of revenue.
    # Kind "" also for the headline counts whose names are table columns of another kind
    # (promotions: the promotions running on a day, by name).
    _m("cost_known_revenue", "Revenue with a known cost", "已知成本的销售额", "ratio", "up", ""),
    _m("guest_share", "Guest checkouts", "游客下单占比", "ratio", "neutral", ""),
    # fulfilment (物流履约)
    _m("within_24h_rate", "Shipped within 24 h", "24小时发货率", "ratio", "up"),
    _m("within_48h_rate", "Shipped within 48 h", "48小时发货率", "ratio", "up"),
    _m("median_delivery_days", "Median delivery days", "配送时长中位数（天）", "days", "down"),
    _m("late_rate", "Late deliveries", "超时配送率", "ratio", "down"),
    _m("cost_per_order", "Logistics cost per order", "单均物流成本", "CNY", "down", "money2"),
    _m("complaints_per_1000", "Logistics complaints per 1,000 orders", "每千单物流投诉", "per_1000", "down"),
    # The cost cards of a store without the carriers' bill (fulfilment.COST_STAND_INS): what the buyers
    # of the month's parcels paid for shipping (neither good nor bad news: a price, not a cost) and the
    # parcels per order the carriers bill by (fewer is cheaper: a split order is billed twice).
    _m("shipping_per_order", "Shipping paid per order", "单均运费收入", "CNY", "neutral", "money2",
       formula="Σ shipping_amount × parcel's order share / orders known, over the parcels handed over"),
    _m("parcels_per_order", "Parcels per order", "单均包裹数", "index", "down",
       formula="shipments / orders (an order in n parcels counts 1/n per parcel)"),
    # profit (利润)
    _m("net_sales", "Net sales", "净销售额", "CNY", "up"),
    _m("gross_margin", "Gross margin", "毛利", "CNY", "up", breakeven=True),
    _m("gross_margin_rate", "Gross margin rate", "毛利率", "ratio", "up"),
    _m("contribution_margin", "Contribution margin", "贡献毛利", "CNY", "up", breakeven=True),
    _m("contribution_margin_rate", "Contribution margin rate", "贡献毛利率", "ratio", "up"),
    # marketing spend ÷ paid amount: a cost against sales, no part of them (a month of little
    # sales and much spend passes 100%): "percent", as price realisation.
    _m("marketing_ratio", "Marketing / sales", "营销费比", "ratio", "down", "percent"),
    # The P&L's lines (storebook.measures.pnl.PNL_LINES; its marketing line is marketing_spend,
    # see ALIASES). A cost that rises is bad news, as in a budget variance; marketing spend is
    # the one cost that is a decision, judged by its return (ROAS): neutral.
    _m("gross_sales", "Gross sales", "商品总额", "CNY", "up"),
    _m("discounts", "Discounts (ours)", "优惠（我方承担）", "CNY", "down"),
    _m("refunds", "Refunds", "退款", "CNY", "down"),
    _m("cogs", "Cost of goods", "商品成本", "CNY", "down"),
    _m("commission", "Platform commission", "平台佣金", "CNY", "down"),
    _m("logistics", "Logistics", "物流费用", "CNY", "down"),
    # products (商品)
    _m("skus_sold", "SKUs sold", "动销SKU数", "count", "up"),
    _m("a_sku_share", "SKUs making 80% of revenue", "贡献80%销售额的SKU占比", "ratio", "neutral"),
    _m("tail_revenue_share", "Long-tail share of revenue", "长尾销售额占比", "ratio", "neutral"),
    _m("overstock_value", "Overstock at cost", "积压库存金额", "CNY", "down"),
    # price paid ÷ list price: a ratio, no share of a whole (a price above list passes 100%), "percent".
    _m("price_realisation", "Price realisation", "价格实现率", "ratio", "up", "percent"),
    # promotion (活动)
    _m("promotions", "Promotions", "活动数", "count", "neutral", ""),
    _m("net_incremental_units", "Net incremental units", "净增量销量", "count", "up", breakeven=True),
    _m("discount_cost", "Discount cost", "折扣成本", "CNY", "down"),
    _m("incremental_margin", "Incremental gross margin", "增量毛利", "CNY", "up", breakeven=True),
    # incremental margin / (discount cost + promotion spend): a return, −48.7% is a loss.
    _m("roi", "Promotion ROI", "活动投资回报率", "ratio", "up", "percent", formula="incremental_margin / (discount_cost + "
       "promotion_spend)", breakeven=True),
    # store operations (店铺运营)
    _m("store_rating", "Store rating (of 5)", "店铺评分（5分制）", "score", "up",
       formula="the overall score as published on the month's last day, out of 5 (store_ratings)"),
    _m("listing_visitors", "Listing visitors", "商品访客数", "count", "up"),
    _m("listing_conversion_rate", "Listing conversion", "商品支付转化率", "ratio", "up",
       formula="product_traffic buyers / visitors of the listing"),
    _m("listings_to_fix", "Listings to fix", "待优化商品数", "count", "down"),
    # marketing (营销)
    _m("marketing_spend", "Marketing spend", "推广花费", "CNY", "neutral"),
    _m("cac", "Cost per new buyer (CAC)", "新客获客成本", "CNY", "down",
       formula="marketing spend / new buyers (first paid order on the platform in the month)"),
    _m("incremental_roas", "Incremental ROAS", "增量投产比", "multiple", "up",
       formula="(treatment paid amount − holdout paid amount × treatment audience / holdout audience) / "
               "spend_amount (campaign_holdouts)"),
    # planning (计划)
    _m("forecast_paid_amount", "Next month's paid amount (forecast)", "下月支付金额（预测）", "CNY", "up",
       projection=True),
    _m("forecast_orders", "Next month's orders (forecast)", "下月支付订单数（预测）", "count", "up", projection=True),
    _m("mape_paid_amount", "Forecast error, paid amount (MAPE)", "支付金额预测误差（MAPE）", "ratio", "down", "percent",
       formula="mean over backtest months of |actual − forecast| / actual"),
    _m("mape_orders", "Forecast error, orders (MAPE)", "订单数预测误差（MAPE）", "ratio", "down", "percent",
       formula="mean over backtest months of |actual − forecast| / actual"),
    # service (客服)
    _m("refund_rate", "Refund rate", "退款率", "ratio", "down", formula="refund_amount / paid_amount"),
    _m("tickets", "Tickets", "工单量", "count", "down"),
    _m("complaints", "Complaints", "投诉量", "count", "down"),
    _m("satisfied_share", "Rated 4–5 (CSAT)", "好评率（4–5分）", "ratio", "up"),
    _m("csat", "CSAT (1–5)", "满意度（1–5分）", "score", "up", formula="mean rating of the rated tickets, 1–5"),
    _m("complaints_per_1000_orders", "Complaints per 1,000 orders", "每千单投诉", "per_1000", "down",
       formula="complaint tickets × 1,000 / paid orders"),
    _m("first_response_median_min", "First reply, median", "首次响应时长中位数", "minutes", "down"),
    # competitor (竞品)
    _m("price_index", "Price index (ours ÷ theirs)", "价格指数（我方 ÷ 竞品）", "index", "neutral"),
    _m("dearer_pairs", "Competitor × category pairs where we are dearer", "我方更贵的竞品×类目组合", "count", "down", ""),
    _m("price_gaps", "SKUs off parity by 10% or more", "价差超过10%的SKU", "count", "down", ""),
    _m("price_changes", "Competitor price changes", "竞品调价次数", "count", "neutral", ""),
    # A competitor's prices moving is neither good nor bad news by itself (grey), as price_changes.
    _m("competitor_median_price", "Competitors' median price", "竞品价格中位数", "CNY", "neutral", "money2",
       formula="median of the month's observed competitor prices (a product observed on n days counts n times)"),
    # supplier (供应链)
    _m("otif_rate", "OTIF (on time, in full)", "准时足量交付率", "ratio", "up"),
    # Shares, not day counts: 275 "stockout days" in a 30-day month are SKU × warehouse × days.
    _m("stockout_rate", "Out of stock (share of SKU-days)", "缺货率（SKU天占比）", "ratio", "down",
       formula="SKU-days ending with nothing on hand in any warehouse / SKU-days of stocked items (inventory)"),
    _m("warehouse_stockout_rate", "Out in a warehouse (share of warehouse-days)", "分仓缺货率（仓·天占比）", "ratio",
       "down", formula="SKU × warehouse days ending empty / SKU × warehouse days with a snapshot (inventory)"),
    _m("attributed_lost_sales_amount", "Lost sales from late or short deliveries", "延迟/不足到货造成的缺货损失",
       "CNY", "down"),
]

#: Every metric of the registry by key.
METRICS: dict[str, Metric] = {m.key: m for m in _ALL}
if len(METRICS) != len(_ALL):  # a key written twice would silently keep the second
    raise ValueError("the metric registry names a key twice")

#: Other names of a registered metric, as table columns and the P&L's lines write them
#: (``spend_vs_prior`` is the change of marketing spend, ``conversion_effect`` of 支付转化率).
ALIASES: dict[str, str] = {"marketing": "marketing_spend", "spend": "marketing_spend",
                           "spend_amount": "marketing_spend", "sales": "paid_amount",
                           "conversion": "conversion_rate", "listing_conversion": "listing_conversion_rate"}

#: The minus sign of every number the report shows (U+2212, not the hyphen).
MINUS = "\u2212"
#: A relative change below this shows as 0.0%: flat, grey, no sign.
FLAT_RELATIVE = 0.0005
#: A change of a rate below this (0.005 percentage points) shows as 0.00 pp: flat.
FLAT_POINTS = 0.00005
_POINTS = {"en": "{}\u00a0pp", "zh": "{}个百分点"}

#: The headline units the registry's units are recorded as (``index`` is recorded as the
#: ratio it is: the pack's cards format both from the registry).
_RECORDED_UNIT = {"index": "ratio"}


def metric(key: str) -> Metric:
    """The registry's metric ``key``.

    Raises:
        KeyError: naming the key and where metrics are registered.
    """
    try:
        return METRICS[key]
    except KeyError:
        raise KeyError(f"metric '{key}' is not in the registry: add it to storebook/measures/metrics.py") from None


def find_metric(name: str | None) -> str | None:
    """The registry key a name stands for (the key itself or an alias), or None.

    >>> find_metric("refund_rate"), find_metric("spend"), find_metric("share")
    ('refund_rate', 'marketing_spend', None)
    """
    if not isinstance(name, str):
        return None
    name = ALIASES.get(name, name)
    return name if name in METRICS else None


def _good_of(key: str | None) -> str:
    found = find_metric(key)
    return METRICS[found].good if found else "neutral"


def in_points(key: str | None) -> bool:
    """A change of ``key`` is shown in percentage points (a rate); False for a name the
    registry does not know."""
    found = find_metric(key)
    return bool(found) and METRICS[found].points


def is_flat(key: str | None, change: Any) -> bool:
    """The change rounds to nothing where it is shown (0.0% or 0.00 pp); True when missing."""
    c = _number(change)
    if c is None:
        return True
    return abs(c) < (FLAT_POINTS if in_points(key) else FLAT_RELATIVE)


def change_sign(key: str | None, change: Any) -> str:
    """``+``, ``-`` or ``0`` (flat) for a change; ``""`` when it is missing."""
    if _number(change) is None:
        return ""
    if is_flat(key, change):
        return "0"
    return "+" if float(change) > 0 else "-"


def change_tone(key: str | None, change: Any, good: str | None = None) -> str:
    """Whether a change of metric ``key`` is good news: ``good``, ``bad`` or ``neutral``.

    Decided by the registry's good direction: a metric that is better higher is good when it
    rises, one better lower when it falls; a neutral metric, a flat change and a missing one
    are neutral. A name the registry does not know is neutral unless ``good`` gives its
    direction (a headline record's ``good``); the registry's own direction always wins.

    Args:
        key: the metric (a registry key or an alias).
        change: the change as it is shown (relative for a count or an amount, the
            difference for a rate); only its sign and size matter.
        good: ``up`` or ``down`` for a metric outside the registry.

    >>> change_tone("late_rate", -0.405), change_tone("cost_per_order", 0.003), change_tone("marketing_spend", 1.1)
    ('good', 'bad', 'neutral')
    >>> change_tone("paid_amount", 0.00001), change_tone("paid_amount", None)
    ('neutral', 'neutral')
    >>> change_tone("my_metric", 0.1, "down"), change_tone("refund_rate", 0.1, "up")
    ('bad', 'bad')
    """
    direction = _good_of(key) if find_metric(key) else (good or "neutral")
    sign = change_sign(key, change)
    if direction not in ("up", "down") or sign in ("", "0"):
        return "neutral"
    return "good" if (sign == "+") == (direction == "up") else "bad"


def value_tone(key: str | None, value: Any) -> str:
    """``bad`` for a value below break-even (ROI −48.7%, a negative incremental margin);
    ``""`` otherwise (a value is not coloured)."""
    found = find_metric(key)
    v = _number(value)
    if not found or v is None or not METRICS[found].breakeven:
        return ""
    # Below zero as shown: −0.4 units is written 0 and is no loss.
    shown_zero = 0.0005 if METRICS[found].points else 0.5
    return "bad" if v <= -shown_zero else ""


def shown_change(key: str | None, value: Any, relative: Any) -> float | None:
    """The change a reader sees from a value and its relative change: the relative change
    itself for a count or an amount; for a rate, the difference in the rate (0.0097 is
    0.97 percentage points), ``value − value / (1 + relative)``.

    Records keep relative changes (``vs_prior``); this is exact, not an estimate.

    >>> round(shown_change("refund_rate", 0.0292, -0.25), 6), shown_change("orders", 120, 0.2)
    (-0.009733, 0.2)
    >>> shown_change("refund_rate", 0.0, -1.0) is None  # the prior rate cannot be recovered
    True
    """
    v, r = _number(value), _number(relative)
    if r is None or not in_points(key):
        return r
    if v is None or r <= -1.0:
        return None
    return v - v / (1.0 + r)


def format_change(key: str | None, change: Any, language: str = "en") -> str:
    """A change as the registry shows it: ``+3.4%`` for a count or an amount, ``−0.97 pp``
    (``−0.97个百分点``) for a rate; ``0.0%`` / ``0.00 pp`` when flat (never ``−0``); ``–``
    when missing.

    Args:
        key: the metric (a name the registry does not know is shown in relative percent).
        change: as :func:`shown_change` gives it.
        language: ``en`` or ``zh``.

    >>> format_change("paid_amount", -0.3241), format_change("refund_rate", 0.0031, "zh")
    ('−32.4%', '+0.31个百分点')
    >>> format_change("orders", -0.0004), format_change("late_rate", -0.00004)
    ('0.0%', '0.00\xa0pp')
    """
    c = _number(change)
    if c is None:
        return "–"
    if in_points(key):
        return format_points(c, language)
    sign = {"+": "+", "-": MINUS, "0": ""}[change_sign(key, c)]
    return f"{sign}{abs(c) * 100:.1f}%"


def format_points(change: float, language: str = "en") -> str:
    """A change of a rate in percentage points: ``+0.31 pp`` / ``+0.31个百分点``, ``0.00 pp`` flat.

    >>> format_points(-0.0097), format_points(-0.00004, "zh")
    ('−0.97\xa0pp', '0.00个百分点')
    """
    sign = "" if abs(change) < FLAT_POINTS else ("+" if change > 0 else MINUS)
    return _POINTS[language].format(f"{sign}{abs(change) * 100:.2f}")


def catalogue_labels() -> dict[str, dict[str, str]]:
    """``metric.<key>`` → ``{"en": …, "zh": …}`` for the text catalogue."""
    return {f"metric.{m.key}": {"en": m.en, "zh": m.zh} for m in _ALL}


def catalogue_name(name: str, text: Any) -> str | None:
    """A column's name in the report's language from the catalogue (``col.<name>``, else
    ``metric.<name>``: a registry metric shown as a column); None where it has neither. The
    tables' headers (storebook.report.tables.header) and the data-quality page's field names
    (storebook.areas.quality.name_column) both read it here."""
    for key in (f"col.{name}", f"metric.{name}"):
        if text.has(key):
            return text(key)
    return None


def column_kinds() -> dict[str, str]:
    """Table column name → format, for the registry's metrics that say one."""
    return {m.key: m.column_kind for m in _ALL if m.column_kind}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def headline_entry(key: str, label: str, value: Any, vs_prior: Any = None, vs_last_year: Any = None) -> dict[str, Any]:
    """One entry of a ``<area>.headline`` record: the number, its comparisons, and the
    unit and good direction the registry gives (docs/notebooks.md).

    Args:
        key: the metric's key.
        label: its name in the report's language (``text("metric.<key>")``).
        value, vs_prior, vs_last_year: the figure and its relative changes (missing: None).

    Returns:
        ``{"key", "label", "value", "unit", "vs_prior", "vs_last_year"}`` and ``"good"``
        unless the metric is neutral.

    Example:
        >>> headline_entry("refund_rate", "Refund rate", 0.05, 0.1)["good"]
        'down'
    """
    m = metric(key)
    return {"key": key, "label": label, "value": _number(value), "unit": _RECORDED_UNIT.get(m.unit, m.unit),
            "vs_prior": _number(vs_prior), "vs_last_year": _number(vs_last_year),
            **({"good": m.good} if m.good != "neutral" else {})}


def headline_entries(headline: Any, text: Any, metrics: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The ``<area>.headline`` record from a headline frame (one row per metric: metric,
    value, vs_prior, vs_last_year; a comparison column may be absent).

    Args:
        headline: the frame.
        text: the report's :class:`storebook.report.text.Text` (labels ``metric.<key>``).
        metrics: the metrics to include, in order (default: every row, in the frame's order).
    """
    rows = {r["metric"]: r for r in headline.to_dict("records")}
    keys = list(metrics) if metrics is not None else list(rows)
    return [headline_entry(k, text(f"metric.{k}"), rows[k]["value"], rows[k].get("vs_prior"),
                           rows[k].get("vs_last_year")) for k in keys]


def render_dictionary() -> str:
    """The data dictionary as Markdown: the tables (:func:`storebook.engine.schema.render_dictionary`)
    and the registry's metrics (docs/data_dictionary.md; ``storebook dictionary`` writes it)."""
    from storebook.engine.schema import render_dictionary as render_tables

    out = [render_tables(),
           "## Derived metrics (defined once: lib/storebook/measures/metrics.py, formulas in measures/ratios.py)",
           "",
           "Good: which way is good news (the report colours a change green or red by it); a share's change is",
           "shown in percentage points.",
           "",
           "| metric | English | 中文 | unit | good | formula |",
           "|---|---|---|---|---|---|"]
    out += [f"| {m.key} | {m.en} | {m.zh} | {m.unit} | {m.good} | {m.formula} |" for m in _ALL]
    out.append("")
    return "\n".join(out)


def headline_numbers(headline: pd.DataFrame, metrics: Iterable[str],
                   comparisons: Iterable[str] = ("vs_prior", "vs_last_year")) -> dict[str, Any]:
    """The numbers a headline takeaway sentence needs: ``<metric>`` and ``<metric>_<comparison>``.

    >>> frame = pd.DataFrame({"metric": ["orders"], "value": [120.0], "vs_prior": [0.2], "vs_last_year": [-0.1]})
    >>> headline_numbers(frame, ["orders"])
    {'orders': np.float64(120.0), 'orders_vs_prior': np.float64(0.2), 'orders_vs_last_year': np.float64(-0.1)}
    """
    by_metric = headline.set_index("metric")
    metrics = list(metrics)
    facts: dict[str, Any] = {m: by_metric.at[m, "value"] for m in metrics}
    for comparison in comparisons:
        facts.update({f"{m}_{comparison}": by_metric.at[m, comparison] for m in metrics})
    return facts
