"""The pandera model of each canonical table: its columns, their meaning, and its row rules.

The contract's constants, foreign keys and column specs are in :mod:`storebook.engine.schema`,
which reads these models only when asked about a table's columns: pandera (and, through it,
pyspark when installed) costs about a second to import, which a report kernel that only reads
the tables need not pay. Ingest validates with the models; the data dictionary is generated
from them.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from storebook.engine.schema import (
    ADJUSTMENT_REASONS,
    CENT_TOLERANCE,
    HOLDOUT_GROUPS,
    LISTING_CHANGES,
    ORDER_STATUSES,
    PROMO_TYPES,
    RATING_DIMENSIONS,
    RETURN_REASONS,
    TARGET_METRICS,
    TICKET_CATEGORIES,
    UNPAID_STATUSES,
)

Money = Series[float]


def _f(description: str, zh: str = "", unit: str = "", vocab: str = "", **kwargs) -> pa.Field:
    """A field with its dictionary entry (meaning, Chinese name, unit, vocabulary)."""
    metadata = {"unit": unit} | ({"vocab": vocab} if vocab else {})
    return pa.Field(description=description, title=zh or None, metadata=metadata, **kwargs)


def _opt(description: str, zh: str = "", unit: str = "", **kwargs) -> pa.Field:
    """An optional field: empty values are kept as null."""
    return _f(description, zh, unit, nullable=True, **kwargs)


def _money(description: str, zh: str = "", **kwargs) -> pa.Field:
    return _f(description, zh, "CNY", ge=0, **kwargs)


def _count(description: str, zh: str = "", **kwargs) -> pa.Field:
    return _f(description, zh, "count", ge=0, **kwargs)


def _platform(description: str = "Sales platform", **kwargs) -> pa.Field:
    return _f(description, "平台", vocab="platforms", **kwargs)


def _known(s: pd.Series) -> pd.Series:
    """Null-tolerant arithmetic: a missing amount counts as 0 in an identity."""
    return s.fillna(0)


def _close(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a - b).abs() <= CENT_TOLERANCE


def _not_before(later: pd.Series, earlier: pd.Series) -> pd.Series:
    """True where ``later`` is missing, ``earlier`` is missing, or later ≥ earlier."""
    return later.isna() | earlier.isna() | (later >= earlier)


class Orders(pa.DataFrameModel):
    """One row per order (订单), on any platform."""

    order_id: Series[str] = _f("Order number as the platform issued it", "订单编号")
    platform: Series[str] = _platform()
    ordered_at: Series[pd.Timestamp] = _f("When the order was placed (local time)", "下单时间")
    paid_at: Series[pd.Timestamp] = _opt("When it was paid; empty if never paid", "付款时间")
    status: Series[str] = _f("Order status", "订单状态", isin=ORDER_STATUSES)
    customer_id: Series[str] = _opt("Pseudonymous customer key (keyed hash of the platform account); "
                                    "empty for a guest checkout", "客户ID(脱敏)")
    channel: Series[str] = _opt("Traffic channel the order is attributed to", "流量渠道", vocab="channels")
    device: Series[str] = _opt("Device the order was placed on", "终端", vocab="devices")
    province: Series[str] = _opt("Delivery province, state, region or country (no street address is kept)",
                                 "收货省份", str_length={"max_value": 64})
    items_amount: Money = _money("Sum of quantity × unit price of the lines", "商品总额", nullable=True)
    discount_amount: Money = _money("Discounts granted on the order", "优惠金额", nullable=True)
    shipping_amount: Money = _money("Shipping charged to the buyer", "运费", nullable=True)
    adjustment_amount: Money = _opt("What paid_amount adds to items − discount + shipping (tax on top, a "
                                    "shipping discount, …); may be negative", "调整金额", unit="CNY")
    adjustment_reason: Series[str] = _opt("Why there is an adjustment", "调整原因", isin=ADJUSTMENT_REASONS)
    paid_amount: Money = _money("Amount the buyer paid; = items − discount + shipping + adjustment, 0 if unpaid, "
                                "gross of later refunds; empty when the export gives no amount (a units-only "
                                "order list): kept, its money unknown in the report", "实付金额", nullable=True)
    refund_amount: Money = _money("Amount refunded later (returns, after-sales)", "退款金额", nullable=True)
    promo_id: Series[str] = _opt("Promotion the order used, if any", "活动ID")
    coupon_code: Series[str] = _opt("Coupon code redeemed, if any", "优惠券码")

    @pa.dataframe_check(name="paid_amount = items_amount - discount_amount + shipping_amount + adjustment_amount")
    def paid_identity(cls, df: pd.DataFrame) -> pd.Series:
        due = (df["items_amount"] - _known(df["discount_amount"]) + _known(df["shipping_amount"])
               + _known(df["adjustment_amount"]))
        return (df["paid_at"].isna() | df["items_amount"].isna() | df["paid_amount"].isna()
                | _close(df["paid_amount"], due))

    @pa.dataframe_check(name="paid_amount = 0 when the order was never paid")
    def unpaid_is_zero(cls, df: pd.DataFrame) -> pd.Series:
        return df["paid_at"].notna() | df["paid_amount"].isna() | (df["paid_amount"].abs() <= CENT_TOLERANCE)

    @pa.dataframe_check(name="a pending or closed order has no paid_at")
    def unpaid_statuses(cls, df: pd.DataFrame) -> pd.Series:
        return ~df["status"].isin(UNPAID_STATUSES) | df["paid_at"].isna()

    @pa.dataframe_check(name="an adjustment has a reason")
    def adjustment_explained(cls, df: pd.DataFrame) -> pd.Series:
        return (_known(df["adjustment_amount"]).abs() <= CENT_TOLERANCE) | df["adjustment_reason"].notna()

    @pa.dataframe_check(name="refund_amount <= paid_amount")
    def refund_within_paid(cls, df: pd.DataFrame) -> pd.Series:
        return df["paid_amount"].isna() | (_known(df["refund_amount"]) <= df["paid_amount"] + CENT_TOLERANCE)

    @pa.dataframe_check(name="paid_at >= ordered_at")
    def paid_after_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["paid_at"], df["ordered_at"])

    class Config:
        unique = ["order_id"]
        strict = True


class OrderLines(pa.DataFrameModel):
    """One row per order × line (订单明细)."""

    order_id: Series[str] = _f("Order the line belongs to", "订单编号")
    line_no: Series[int] = _f("Line number within the order, from 1", "行号", ge=1)
    sku: Series[str] = _opt("Our SKU; a line without one is keyed by its item name (name:…); a SKU not in "
                            "the product catalogue is kept", "商品编码")
    item_name: Series[str] = _opt("The item's name as the order shows it", "商品名称")
    quantity: Series[int] = _f("Units bought", "购买数量", unit="units", gt=0)
    unit_price: Money = _money("Price per unit before line discount", "单价", nullable=True)
    discount_amount: Money = _money("Discount on this line", "优惠金额", nullable=True)
    line_amount: Money = _money("quantity × unit_price − discount_amount", "商品实付", nullable=True)

    @pa.dataframe_check(name="line_amount = quantity * unit_price - discount_amount")
    def line_identity(cls, df: pd.DataFrame) -> pd.Series:
        due = df["quantity"] * df["unit_price"] - _known(df["discount_amount"])
        return df["line_amount"].isna() | df["unit_price"].isna() | _close(df["line_amount"], due)

    class Config:
        unique = ["order_id", "line_no"]
        strict = True


class Shipments(pa.DataFrameModel):
    """One row per shipment (包裹); an order may ship in parts."""

    shipment_id: Series[str] = _f("Waybill / shipment number", "运单号")
    order_id: Series[str] = _f("Order shipped", "订单编号")
    carrier: Series[str] = _opt("Logistics carrier", "快递公司")
    warehouse: Series[str] = _opt("Warehouse it left from", "发货仓")
    province: Series[str] = _opt("Destination province, state, region or country", "收货省份",
                                 str_length={"max_value": 64})
    shipped_at: Series[pd.Timestamp] = _f("Handed to the carrier", "发货时间")
    delivered_at: Series[pd.Timestamp] = _opt("Signed for; empty while in transit", "签收时间")
    shipping_cost_amount: Money = _money("What the carrier charged us", "物流成本", nullable=True)

    @pa.dataframe_check(name="delivered_at >= shipped_at")
    def delivered_after_shipped(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["delivered_at"], df["shipped_at"])

    class Config:
        unique = ["shipment_id"]
        strict = True


class PlatformFees(pa.DataFrameModel):
    """One row per platform × category × validity period (佣金费率)."""

    platform: Series[str] = _platform()
    category: Series[str] = _f("Product category the rate applies to", "类目")
    commission_rate: Series[float] = _f("Commission as a share of paid amount", "佣金率", unit="ratio", ge=0, le=1)
    valid_from: Series[pd.Timestamp] = _f("First day the rate applies", "生效日期")
    valid_to: Series[pd.Timestamp] = _opt("Last day it applies; empty = still valid", "失效日期")

    @pa.dataframe_check(name="valid_to >= valid_from")
    def period_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["valid_to"], df["valid_from"])

    class Config:
        unique = ["platform", "category", "valid_from"]
        strict = True


class Products(pa.DataFrameModel):
    """One row per SKU (商品)."""

    sku: Series[str] = _f("Our SKU", "商品编码")
    product_name: Series[str] = _opt("Product name", "商品名称")
    category: Series[str] = _opt("Category", "类目")
    brand: Series[str] = _opt("Brand or sub-brand", "品牌")
    list_price: Money = _money("List price", "吊牌价", gt=0, nullable=True)
    unit_cost: Money = _money("Standard unit cost (landed); empty where the shop has not recorded it",
                              "单位成本", nullable=True)
    supplier_id: Series[str] = _opt("Supplier of the SKU", "供应商ID")
    launched_on: Series[pd.Timestamp] = _opt("Launch date", "上市日期")
    is_active: Series[pd.BooleanDtype] = _opt("Still on sale", "是否在售")

    class Config:
        unique = ["sku"]
        strict = True


class Traffic(pa.DataFrameModel):
    """One row per date × platform × channel × device (流量), as the platform reports it.

    ``channel = 'all'`` rows are the platform's de-duplicated totals: a visitor who came
    through two sources counts once there but once in each source row, so platform totals
    come from the ``all`` rows and never from summing channels. Devices are disjoint.
    A report summarised over several days (a 生意参谋 source report for a week or a month)
    is one row per period: ``visited_on`` is its first day and ``period_end_on`` its last;
    such rows count in the totals of a month that holds the whole period and never in a
    day's figures (they are never spread as fake daily numbers).
    """

    visited_on: Series[pd.Timestamp] = _f("Day (local); the first day of a period row", "日期")
    period_end_on: Series[pd.Timestamp] = _opt("Last day of a row that covers several days; empty = one day",
                                               "统计截止日期")
    platform: Series[str] = _platform()
    channel: Series[str] = _f("Traffic source, or 'all' for the de-duplicated total", "流量来源", vocab="channels+all")
    device: Series[str] = _f("Device, or 'all' where the report does not split by device", "终端", vocab="devices+all")
    visitors: Series[int] = _count("Unique visitors", "访客数")
    page_views: Series[pd.Int64Dtype] = _count("Page views", "浏览量", nullable=True)
    product_views: Series[pd.Int64Dtype] = _count("Visitors who viewed a product page", "商品访客数", nullable=True)
    cart_adds: Series[pd.Int64Dtype] = _count("Visitors who added to cart", "加购人数", nullable=True)
    checkouts: Series[pd.Int64Dtype] = _count("Visitors who submitted an order", "下单买家数", nullable=True)
    buyers: Series[pd.Int64Dtype] = _count("Visitors who paid", "支付买家数", nullable=True)
    orders: Series[pd.Int64Dtype] = _count("Paid orders", "支付订单数", nullable=True)
    paid_amount: Money = _money("Paid amount as the platform reports it (refunds not deducted)", "支付金额",
                                nullable=True)

    @pa.dataframe_check(name="buyers <= visitors")
    def buyers_within_visitors(cls, df: pd.DataFrame) -> pd.Series:
        return df["buyers"].isna() | (df["buyers"] <= df["visitors"])

    @pa.dataframe_check(name="period_end_on >= visited_on")
    def period_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["period_end_on"], df["visited_on"])

    class Config:
        unique = ["visited_on", "platform", "channel", "device"]
        strict = True


class MarketingSpend(pa.DataFrameModel):
    """One row per date × platform × channel × campaign (推广花费)."""

    spent_on: Series[pd.Timestamp] = _f("Day (local)", "日期")
    platform: Series[str] = _platform()
    channel: Series[str] = _f("Channel the spend buys", "渠道", vocab="channels")
    campaign_id: Series[str] = _f("Campaign key", "计划ID")
    campaign_name: Series[str] = _opt("Campaign name", "计划名称")
    spend_amount: Money = _money("Spend", "花费")
    impressions: Series[pd.Int64Dtype] = _count("Ad impressions", "展现量", nullable=True)
    clicks: Series[pd.Int64Dtype] = _count("Ad clicks", "点击量", nullable=True)
    attributed_orders: Series[pd.Int64Dtype] = _count("Orders the platform attributes to the campaign", "成交订单数",
                                                      nullable=True)
    attributed_amount: Money = _money("Paid amount the platform attributes to the campaign", "成交金额",
                                      nullable=True)

    @pa.dataframe_check(name="clicks <= impressions")
    def clicks_within_impressions(cls, df: pd.DataFrame) -> pd.Series:
        return df["clicks"].isna() | df["impressions"].isna() | (df["clicks"] <= df["impressions"])

    class Config:
        unique = ["spent_on", "platform", "channel", "campaign_id"]
        strict = True


class Promotions(pa.DataFrameModel):
    """One row per promotion (营销活动)."""

    promo_id: Series[str] = _f("Promotion key", "活动ID")
    promo_name: Series[str] = _opt("Promotion name", "活动名称")
    promo_type: Series[str] = _opt("Mechanism", "活动类型", isin=PROMO_TYPES)
    platform: Series[str] = _platform("Platform it runs on; empty = every platform", nullable=True)
    starts_on: Series[pd.Timestamp] = _f("First day", "开始日期")
    ends_on: Series[pd.Timestamp] = _f("Last day (inclusive)", "结束日期")
    discount_pct: Series[float] = _opt("Discount depth as a share of list price", "折扣力度", unit="ratio", ge=0, lt=1)
    scope: Series[str] = _opt("What it covers: 'sku:A|B|…' or 'category:<name>'; empty = not known",
                              "活动范围", str_matches=r"^(sku:[^|]+(\|[^|]+)*|category:.+)$")
    budget_amount: Money = _money("Budget for discounts and promotion spend", "活动预算", nullable=True)

    @pa.dataframe_check(name="ends_on >= starts_on")
    def period_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return df["ends_on"] >= df["starts_on"]

    class Config:
        unique = ["promo_id"]
        strict = True


class CompetitorPrices(pa.DataFrameModel):
    """One row per date × competitor × competitor product (竞品价格)."""

    observed_on: Series[pd.Timestamp] = _f("Day observed", "日期")
    competitor: Series[str] = _f("Competitor store", "竞品店铺")
    platform: Series[str] = _platform("Platform the competitor sells on")
    competitor_sku: Series[str] = _f("Competitor's product key", "竞品编码")
    category: Series[str] = _opt("Category (ours)", "类目")
    sku: Series[str] = _opt("Our matched SKU; empty when unmatched", "对标商品")
    price: Money = _money("Selling price that day", "售价", gt=0)
    list_price: Money = _money("Competitor's list price", "吊牌价", gt=0, nullable=True)
    is_on_promo: Series[pd.BooleanDtype] = _opt("On promotion that day", "是否促销")
    rating: Series[float] = _opt("Store or product rating", "评分", unit="0-5", ge=0, le=5)
    review_count: Series[pd.Int64Dtype] = _count("Cumulative reviews", "评价数", nullable=True)
    est_units_sold: Series[float] = _opt("Estimated units sold that day (third-party estimate)", "预估销量",
                                         unit="units", ge=0)

    class Config:
        unique = ["observed_on", "competitor", "competitor_sku"]
        strict = True


class Suppliers(pa.DataFrameModel):
    """One row per supplier (供应商)."""

    supplier_id: Series[str] = _f("Supplier key", "供应商ID")
    supplier_name: Series[str] = _opt("Company name", "供应商名称")
    region: Series[str] = _opt("Region it ships from", "所在地区")
    contract_lead_time_days: Series[pd.Int64Dtype] = _opt("Lead time in the contract", "合同交期", unit="days", ge=0)

    class Config:
        unique = ["supplier_id"]
        strict = True


class PurchaseOrders(pa.DataFrameModel):
    """One row per purchase order × line (采购单明细)."""

    po_id: Series[str] = _f("Purchase order number", "采购单号")
    line_no: Series[int] = _f("Line within the PO", "行号", ge=1)
    supplier_id: Series[str] = _f("Supplier", "供应商ID")
    sku: Series[str] = _f("SKU ordered", "商品编码")
    batch_id: Series[str] = _opt("Production batch delivered", "批次号")
    ordered_on: Series[pd.Timestamp] = _opt("PO date", "下单日期")
    promised_on: Series[pd.Timestamp] = _f("Delivery date promised", "承诺到货日")
    received_on: Series[pd.Timestamp] = _opt("Date received; empty while open", "实际到货日")
    qty_ordered: Series[int] = _f("Units ordered", "采购数量", unit="units", gt=0)
    qty_received: Series[pd.Int64Dtype] = _count("Units received; empty while open", "到货数量", nullable=True)
    qty_rejected: Series[pd.Int64Dtype] = _count("Units rejected at inspection", "拒收数量", nullable=True)
    unit_cost: Money = _money("Agreed unit cost", "采购单价", nullable=True)

    @pa.dataframe_check(name="received_on >= ordered_on")
    def received_after_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["received_on"], df["ordered_on"])

    @pa.dataframe_check(name="promised_on >= ordered_on")
    def promised_after_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["promised_on"], df["ordered_on"])

    @pa.dataframe_check(name="qty_rejected <= qty_received")
    def rejected_within_received(cls, df: pd.DataFrame) -> pd.Series:
        return df["qty_rejected"].isna() | df["qty_received"].isna() | (df["qty_rejected"] <= df["qty_received"])

    class Config:
        unique = ["po_id", "line_no"]
        strict = True


class Inventory(pa.DataFrameModel):
    """One row per date × SKU × warehouse (库存快照, end of day)."""

    snapshot_on: Series[pd.Timestamp] = _f("Day (end-of-day snapshot)", "日期")
    sku: Series[str] = _f("SKU", "商品编码")
    warehouse: Series[str] = _f("Warehouse", "仓库")
    on_hand: Series[int] = _count("Units on hand", "现有库存")
    on_order: Series[pd.Int64Dtype] = _count("Units on open purchase orders", "在途库存", nullable=True)

    class Config:
        unique = ["snapshot_on", "sku", "warehouse"]
        strict = True


class ServiceTickets(pa.DataFrameModel):
    """One row per customer-service ticket (客服工单)."""

    ticket_id: Series[str] = _f("Ticket key", "工单号")
    platform: Series[str] = _platform("Platform it came from")
    order_id: Series[str] = _opt("Order concerned, if any", "订单编号")
    sku: Series[str] = _opt("SKU concerned, if any", "商品编码")
    batch_id: Series[str] = _opt("Batch printed on the product, if reported", "批次号")
    opened_at: Series[pd.Timestamp] = _f("Opened", "创建时间")
    first_response_at: Series[pd.Timestamp] = _opt("First reply by an agent", "首次响应时间")
    resolved_at: Series[pd.Timestamp] = _opt("Resolved; empty while open", "解决时间")
    category: Series[str] = _opt("Topic", "问题类型", isin=TICKET_CATEGORIES)
    is_complaint: Series[pd.BooleanDtype] = _opt("A complaint (投诉), not a question", "是否投诉")
    csat: Series[pd.Int64Dtype] = _opt("Satisfaction score 1..5, if the customer rated", "满意度", unit="1-5", isin=[1, 2, 3, 4, 5])

    @pa.dataframe_check(name="first_response_at >= opened_at")
    def responded_after_opened(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["first_response_at"], df["opened_at"])

    @pa.dataframe_check(name="resolved_at >= opened_at")
    def resolved_after_opened(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["resolved_at"], df["opened_at"])

    class Config:
        unique = ["ticket_id"]
        strict = True


class Returns(pa.DataFrameModel):
    """One row per return (退货): an order × SKU may be returned more than once."""

    return_id: Series[str] = _f("Return key", "退货单号")
    order_id: Series[str] = _f("Order returned from", "订单编号")
    sku: Series[str] = _opt("SKU returned", "商品编码")
    returned_on: Series[pd.Timestamp] = _f("Date the return was accepted", "退货日期")
    quantity: Series[int] = _f("Units returned", "退货数量", unit="units", gt=0)
    reason: Series[str] = _opt("Reason given", "退货原因", isin=RETURN_REASONS)
    refund_amount: Money = _money("Refund paid", "退款金额", nullable=True)

    class Config:
        unique = ["return_id"]
        strict = True


class Targets(pa.DataFrameModel):
    """One row per month × platform × channel × metric (目标/预算)."""

    month_on: Series[pd.Timestamp] = _f("First day of the month", "月份")
    platform: Series[str] = _platform("Platform")
    channel: Series[str] = _f("Channel for per-channel budgets, else 'all'", "渠道", vocab="channels+all")
    metric: Series[str] = _f("Metric the target is for", "指标", isin=TARGET_METRICS)
    target_value: Series[float] = _f("Target (or budget) in the metric's unit", "目标值")

    @pa.dataframe_check(name="month_on is the first day of a month")
    def month_start(cls, df: pd.DataFrame) -> pd.Series:
        return df["month_on"].dt.day == 1

    class Config:
        unique = ["month_on", "platform", "channel", "metric"]
        strict = True


class StoreRatings(pa.DataFrameModel):
    """One row per day × platform × dimension (店铺评分), as the platform publishes it.

    ``score`` is the rating the platform shows that day — usually an average over a window
    (Tmall DSR: the last 180 days), so it moves slowly; ``day_score`` is the mean of the
    ratings received that day where the export gives it. Scales differ by platform
    (``score_max``: 5 when empty): compare a platform with itself and with its industry.
    """

    rated_on: Series[pd.Timestamp] = _f("Day the score was published (local)", "日期")
    platform: Series[str] = _platform()
    dimension: Series[str] = _f("What is scored: overall, product (描述相符/商品体验), service, logistics, "
                                "after_sales", "评分维度", isin=RATING_DIMENSIONS)
    score: Series[float] = _f("The score as published that day", "评分", unit="score", ge=0)
    score_max: Series[float] = _opt("The top of the platform's scale; empty = 5", "满分", unit="score", gt=0)
    industry_score: Series[float] = _opt("The industry's (同行) average score that day", "行业均值", unit="score",
                                         ge=0)
    window_days: Series[pd.Int64Dtype] = _opt("Days the published score averages over (Tmall DSR: 180)",
                                              "统计周期", unit="days", ge=1)
    day_score: Series[float] = _opt("Mean of the ratings received that day", "当日评分", unit="score", ge=0)
    day_ratings: Series[pd.Int64Dtype] = _count("Ratings received that day", "当日评价数", nullable=True)

    @pa.dataframe_check(name="score <= score_max")
    def score_within_scale(cls, df: pd.DataFrame) -> pd.Series:
        top = df["score_max"].fillna(5.0)
        return (df["score"] <= top + 1e-9) & (df["day_score"].isna() | (df["day_score"] <= top + 1e-9))

    class Config:
        unique = ["rated_on", "platform", "dimension"]
        strict = True


class ProductTraffic(pa.DataFrameModel):
    """One row per day (or period) × platform × listing (商品效果), as the platform reports it.

    ``item_id`` is the platform's listing (商品ID); ``sku`` our SKU where the export names it
    (商家编码). A report over several days (生意参谋 商品效果 for a week) is one row per
    period: ``visited_on`` its first day, ``period_end_on`` its last, as in traffic; such a
    row counts in a month that holds its whole period, never in a day's figures. Buyers may
    exceed visitors on a listing (a buyer who paid without a counted visit): kept as reported.
    """

    visited_on: Series[pd.Timestamp] = _f("Day (local); the first day of a period row", "日期")
    period_end_on: Series[pd.Timestamp] = _opt("Last day of a row that covers several days; empty = one day",
                                               "统计截止日期")
    platform: Series[str] = _platform()
    item_id: Series[str] = _f("The platform's listing id", "商品ID")
    sku: Series[str] = _opt("Our SKU of the listing, where the export names it; kept when not in the catalogue",
                            "商家编码")
    item_name: Series[str] = _opt("The listing's title", "商品标题")
    platform_category: Series[str] = _opt("The platform's category path of the listing", "商品类目")
    visitors: Series[int] = _count("Unique visitors of the listing", "访客数")
    page_views: Series[pd.Int64Dtype] = _count("Page views", "浏览量", nullable=True)
    cart_adds: Series[pd.Int64Dtype] = _count("Add-to-cart count (加购人数, or 加购件数 where the export counts "
                                              "units)", "加购人数", nullable=True)
    favourites: Series[pd.Int64Dtype] = _count("Visitors who saved the listing", "收藏人数", nullable=True)
    buyers: Series[pd.Int64Dtype] = _count("Buyers who paid for the listing", "支付买家数", nullable=True)
    units: Series[pd.Int64Dtype] = _count("Units paid", "支付件数", nullable=True)
    paid_amount: Money = _money("Paid amount as the platform reports it (refunds not deducted)", "支付金额",
                                nullable=True)
    refund_amount: Money = _money("Refunds the platform reports for the listing in the period", "退款金额",
                                  nullable=True)
    ad_spend_amount: Money = _money("Advertising spend on the listing (推广花费), as the report gives it",
                                    "推广花费", nullable=True)

    @pa.dataframe_check(name="period_end_on >= visited_on")
    def period_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["period_end_on"], df["visited_on"])

    class Config:
        unique = ["visited_on", "period_end_on", "platform", "item_id"]
        strict = True


class ListingChanges(pa.DataFrameModel):
    """One row per change made to a listing (商品优化记录): a new main image, title, detail page …"""

    changed_on: Series[pd.Timestamp] = _f("Day the change went live", "优化日期")
    platform: Series[str] = _platform()
    item_id: Series[str] = _opt("The platform's listing id", "商品ID")
    sku: Series[str] = _opt("Our SKU of the listing", "商家编码")
    change: Series[str] = _f("What was changed", "优化类型", isin=LISTING_CHANGES)
    note: Series[str] = _opt("What was done, in words", "说明")

    @pa.dataframe_check(name="item_id or sku names the listing")
    def names_the_listing(cls, df: pd.DataFrame) -> pd.Series:
        return df["item_id"].notna() | df["sku"].notna()

    class Config:
        unique = ["changed_on", "platform", "item_id", "sku", "change"]
        strict = True


class CampaignHoldouts(pa.DataFrameModel):
    """One row per day (or period) × platform × campaign × group of a holdout test (人群实验).

    A holdout test keeps part of a campaign's audience out of it (对照组): what the treated
    group did beyond the held-out group, scaled to its size, is what the campaign caused.
    Rows over several days carry ``period_end_on``, as in traffic.
    """

    reported_on: Series[pd.Timestamp] = _f("Day (local); the first day of a period row", "日期")
    period_end_on: Series[pd.Timestamp] = _opt("Last day of a row that covers several days; empty = one day",
                                               "统计截止日期")
    platform: Series[str] = _platform()
    channel: Series[str] = _opt("Channel of the campaign", "渠道", vocab="channels")
    campaign_id: Series[str] = _f("Campaign key, as in marketing_spend", "计划ID")
    test_group: Series[str] = _f("treatment (reached) or holdout (kept out)", "实验分组", isin=HOLDOUT_GROUPS)
    audience: Series[int] = _f("People in the group", "人群规模", unit="count", gt=0)
    reached: Series[pd.Int64Dtype] = _count("People the campaign reached (0 in the holdout)", "触达人数",
                                            nullable=True)
    visits: Series[pd.Int64Dtype] = _count("Visitors from the group", "访客数", nullable=True)
    orders: Series[int] = _count("Paid orders of the group", "成交订单数")
    paid_amount: Money = _money("Paid amount of the group's orders", "成交金额", nullable=True)

    @pa.dataframe_check(name="period_end_on >= reported_on")
    def period_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return _not_before(df["period_end_on"], df["reported_on"])

    class Config:
        unique = ["reported_on", "period_end_on", "platform", "campaign_id", "test_group"]
        strict = True


#: Canonical tables in dependency order (a table's foreign keys point to earlier ones).
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "suppliers": Suppliers,
    "products": Products,
    "platform_fees": PlatformFees,
    "promotions": Promotions,
    "orders": Orders,
    "order_lines": OrderLines,
    "shipments": Shipments,
    "returns": Returns,
    "service_tickets": ServiceTickets,
    "traffic": Traffic,
    "marketing_spend": MarketingSpend,
    "competitor_prices": CompetitorPrices,
    "purchase_orders": PurchaseOrders,
    "inventory": Inventory,
    "targets": Targets,
    "store_ratings": StoreRatings,
    "product_traffic": ProductTraffic,
    "listing_changes": ListingChanges,
    "campaign_holdouts": CampaignHoldouts,
}
