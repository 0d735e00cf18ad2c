"""Every report-facing string, in English and Chinese (中文), from one catalogue.

Titles, headings, questions, axis names, legend labels, column headers and generated
sentences all come from :data:`CATALOGUE`, keyed ``<area>.<key>`` (``traffic.daily``) or
``<kind>.<value>`` (``platform.tmall``, ``metric.uv_value``). A notebook picks the language
with its ``language`` parameter; nothing report-facing is written inline in a code cell.

Sentences are ``str.format`` templates whose placeholders take house format specs, so
that a takeaway reads from the numbers in either language:

=============  ====================================  ==========================
spec           en                                    zh
=============  ====================================  ==========================
``count``      ``12,345``                            ``12,345``
``money``      ``¥12,345``                           ``¥12,345``
``money2``     ``¥12.35``                            ``¥12.35``
``pct``        ``3.4%``                              ``3.4%``
``change``     ``up 3.4%`` / ``down 3.4%`` / ``flat``  ``增长3.4%`` / ``下降3.4%`` / ``持平``
``signed``     ``+3.4%``                             ``+3.4%``
``pp``         ``+0.3 pp``                           ``+0.3个百分点``
``date``       ``14 Oct``                            ``10月14日``
``platform``   ``Tmall``                             ``天猫`` (any ``<kind>`` of the catalogue)
=============  ====================================  ==========================

A missing value (None, NaN) renders as ``n/a`` / ``无``.

Example:
    >>> t = Text("zh")
    >>> t("metric.conversion_rate")
    '支付转化率'
    >>> Text("en").format("{v:change} on {p:platform}", v=-0.034, p="jd")
    'down 3.4% on JD'
"""

from __future__ import annotations

import contextvars
import math
import re
import string
from datetime import date
from typing import Any

import pandas as pd

from storebook import vocab
from storebook.errors import StorebookError

LANGUAGES: tuple[str, ...] = ("en", "zh")

#: Changes smaller than this (relative, or in rate points for ``pp``) read as "flat".
FLAT_BELOW = 0.0005

_L = dict[str, str]


def _e(en: str, zh: str) -> _L:
    return {"en": en, "zh": zh}


# ----------------------------------------------------------------------------- vocabulary
_VOCABULARY: dict[str, _L] = {
    # platforms, channels (traffic sources) and devices: the catalogue of storebook.vocab
    **{f"{kind}.{value}": _e(en, zh) for kind, values in vocab.KINDS.items() for value, (en, zh) in values.items()},
    "platform.total": _e("All platforms", "全平台"),
    "channel.all": _e("All channels", "全部渠道"),
    "channel.total": _e("All channels", "全部渠道"),
    "device.all": _e("All devices", "全部终端"),
    "device.total": _e("All devices", "全部终端"),
    # metrics (the department's names)
    "metric.visitors": _e("Visitors", "访客数"),
    "metric.page_views": _e("Page views", "浏览量"),
    "metric.product_views": _e("Product viewers", "商品访客数"),
    "metric.cart_adds": _e("Cart adds", "加购人数"),
    "metric.checkouts": _e("Checkouts", "下单买家数"),
    "metric.buyers": _e("Buyers", "支付买家数"),
    "metric.orders": _e("Orders", "支付订单数"),
    "metric.paid_amount": _e("Paid amount", "支付金额"),
    "metric.uv_value": _e("UV value", "UV价值"),
    "metric.conversion_rate": _e("Conversion rate", "支付转化率"),
    "metric.aov": _e("Spend per buyer", "客单价"),
    "metric.spend_amount": _e("Spend", "花费"),
    "metric.impressions": _e("Impressions", "展现量"),
    "metric.clicks": _e("Clicks", "点击量"),
    "metric.ctr": _e("Click-through rate", "点击率"),
    "metric.cpc": _e("Cost per click", "平均点击花费"),
    "metric.cost_per_visitor": _e("Cost per visitor", "访客成本"),
    "metric.attributed_orders": _e("Attributed orders", "成交订单数"),
    "metric.attributed_amount": _e("Attributed sales", "成交金额"),
    "metric.roas": _e("ROAS", "投入产出比"),
    "metric.share": _e("Share", "占比"),
    "metric.mobile_share": _e("Mobile share of visitors", "移动端访客占比"),
    "metric.new_buyers": _e("New buyers", "新买家"),
    "metric.returning_buyers": _e("Returning buyers", "老买家"),
    # columns of report tables
    "col.platform": _e("Platform", "平台"),
    "col.channel": _e("Channel", "渠道"),
    "col.device": _e("Device", "终端"),
    "col.campaign_name": _e("Campaign", "推广计划"),
    "col.metric": _e("Metric", "指标"),
    "col.value": _e("This month", "本月"),
    "col.prior": _e("Prior month", "上月"),
    "col.last_year": _e("Same month last year", "去年同月"),
    "col.vs_prior": _e("vs prior month", "环比"),
    "col.vs_last_year": _e("vs last year", "同比"),
    "col.share": _e("Share", "占比"),
    "col.share_prior": _e("Share, prior month", "上月占比"),
    "col.share_change": _e("Share change", "占比变化"),
    "col.visitors_vs_prior": _e("Visitors vs prior month", "访客数环比"),
    "col.date": _e("Day", "日期"),
    "col.event": _e("Calendar", "日历事件"),
    "col.visitors_expected": _e("Expected visitors", "预期访客数"),
    "col.paid_amount_expected": _e("Expected paid amount", "预期支付金额"),
    "col.visitors_effect": _e("Visitors effect", "访客数影响"),
    "col.conversion_effect": _e("Conversion effect", "转化率影响"),
    "col.aov_effect": _e("Order value effect", "客单价影响"),
    "col.driver": _e("Main driver", "主要原因"),
    "col.promotions": _e("Promotions running", "进行中的活动"),
    "col.spend_vs_prior": _e("Spend vs prior month", "花费环比"),
    "col.visited_on": _e("Day", "日期"),
    "col.change": _e("Change", "变化"),
    "col.entered": _e("At the previous step", "上一环节人数"),
    "col.reached": _e("Reached this step", "本环节人数"),
    "col.rate_before": _e("Conversion, prior month", "上月转化率"),
    "col.rate_after": _e("Conversion, this month", "本月转化率"),
    "col.share_before": _e("Share of visitors, prior month", "上月访客占比"),
    "col.share_after": _e("Share of visitors, this month", "本月访客占比"),
    "col.step": _e("Step", "环节"),
    "col.step_rate": _e("Step rate", "环节转化率"),
    "col.step_rate_prior": _e("Step rate, prior month", "上月环节转化率"),
    "col.buyers_lost": _e("Buyers lost vs prior month", "较上月流失买家"),
    "col.rate": _e("Conversion rate", "支付转化率"),
    "col.rate_prior": _e("Prior month", "上月"),
    "col.p_value": _e("p-value", "p值"),
    "col.verdict": _e("Verdict", "结论"),
    "col.segment": _e("Segment", "细分"),
    "col.mix_effect": _e("Mix effect", "结构影响"),
    "col.rate_effect": _e("Rate effect", "转化率影响"),
    "col.total_effect": _e("Total effect", "合计影响"),
    "col.buyer_type": _e("Buyers", "买家类型"),
    "col.buyers": _e("Buyers", "买家数"),
    "col.buyers_share": _e("Share of buyers", "买家占比"),
    "col.paid_amount": _e("Paid amount", "支付金额"),
    "col.aov": _e("Spend per buyer", "客单价"),
    "col.buyers_vs_prior": _e("Buyers vs prior month", "买家数环比"),
    "col.low": _e("95% low", "95%下限"),
    "col.high": _e("95% high", "95%上限"),
    # funnel stages
    "stage.visitors": _e("Visitors", "访客"),
    "stage.product_views": _e("Viewed a product", "浏览商品"),
    "stage.cart_adds": _e("Added to cart", "加购"),
    "stage.checkouts": _e("Submitted an order", "提交订单"),
    "stage.buyers": _e("Paid", "支付"),
    "step.product_views": _e("Visit → product view", "访问→浏览商品"),
    "step.cart_adds": _e("Product view → cart", "浏览商品→加购"),
    "step.checkouts": _e("Cart → order", "加购→下单"),
    "step.buyers": _e("Order → payment", "下单→支付"),
    # buyer types
    "buyer_type.new": _e("New", "新买家"),
    "buyer_type.returning": _e("Returning", "老买家"),
    # calendar event kinds
    "event.618": _e("618", "618"),
    "event.double11": _e("Double 11", "双11"),
    "event.double12": _e("Double 12", "双12"),
    "event.nianhuo": _e("Nianhuo festival", "年货节"),
    "event.women38": _e("Women's Day", "38节"),
    "event.spring_festival": _e("Spring Festival", "春节"),
    "event.public_holiday": _e("Public holiday", "法定节假日"),
    "event.none": _e("", ""),
    # anomaly drivers
    "driver.visitors": _e("visitors", "访客数"),
    "driver.conversion": _e("conversion", "转化率"),
    "driver.aov": _e("order value", "客单价"),
    # test verdicts
    "verdict.up": _e("Significantly higher", "显著上升"),
    "verdict.down": _e("Significantly lower", "显著下降"),
    "verdict.no_change": _e("No significant change", "无显著变化"),
    "verdict.too_small": _e("Sample too small to judge", "样本过小，无法判断"),
    # words the formatter uses
    "word.up": _e("up {}", "增长{}"),
    "word.down": _e("down {}", "下降{}"),
    "word.flat": _e("flat", "持平"),
    "word.na": _e("n/a", "无"),
    "word.pp": _e("{} pp", "{}个百分点"),
    "word.and": _e(" and ", "、"),
    "word.none": _e("none", "无"),
    # axes and legends
    "axis.date": _e("Day", "日期"),
    "axis.month": _e("Month", "月份"),
    "axis.visitors": _e("Visitors per day", "日访客数"),
    "axis.share": _e("Share of source visits", "渠道访问占比"),
    "axis.mobile_share": _e("Mobile share of visitors", "移动端访客占比"),
    "axis.roas": _e("Attributed ROAS", "投入产出比"),
    "axis.cpc": _e("Cost per click (¥)", "平均点击花费（元）"),
    "axis.rate": _e("Step rate", "环节转化率"),
    "axis.effect_pp": _e("Effect on conversion (percentage points)", "对转化率的影响（百分点）"),
    "axis.buyers": _e("Buyers", "买家数"),
    "axis.no_data": _e("Nothing to draw: no data for this chart in the month", "本月没有可绘制的数据"),
    "legend.daily": _e("Daily", "每日"),
    "legend.avg7": _e("7-day average", "7日均值"),
    "legend.last_year": _e("Same days last year", "去年同期"),
    "legend.expected": _e("Expected band", "预期区间"),
    "legend.flagged": _e("Outside the band", "超出预期"),
    "legend.interval": _e("95% interval", "95%置信区间"),
    "legend.mix": _e("Mix shift", "结构变化"),
    "legend.rate": _e("Rate change", "转化率变化"),
    # page furniture
    "page.notice": _e("**No data.** {message}", "**无数据。** {message}"),
    "page.problem": _e("**This report cannot run as asked.** {message}", "**无法按所选参数生成报告。** {message}"),
    "page.notice_again": _e("No data for this section either (see above).", "本节同样无数据（见上文）。"),
    "page.period": _e("Month: **{month}** · Platforms: {platforms} · Data: {data}",
                      "月份：**{month}** · 平台：{platforms} · 数据：{data}"),
    "page.footer": _e("Computed by storebook from data {fingerprint}.", "由 storebook 根据数据 {fingerprint} 计算。"),
    # what a section needs and lacks (storebook.needs)
    "page.partial_month": _e(
        "**Partial month:** the data cover {first:date} to {last:date} only, {days} of the month's {month_days} days.",
        "**本月数据不完整：** 数据仅覆盖{first:date}至{last:date}，为本月{month_days}天中的{days}天。",
    ),
    "page.needs": _e("**Not in this store's data.** This section needs {needs}. {todo}",
                     "**本店数据中暂无。** 本节需要{needs}。{todo}"),
    "page.needs.again": _e("This section needs the same data as above.", "本节同样缺少上述数据（见上文）。"),
    "page.needs.partial": _e("**Partial data:** {what}.", "**部分数据：** {what}。"),
    "page.needs.absent": _e("the {table} table, which this store does not have", "{table}表，本店数据中没有"),
    "page.needs.absent_any": _e("one of {tables}, which this store has none of", "{tables}之一，本店数据中都没有"),
    "page.needs.empty": _e("rows in the {table} table, which is empty", "{table}表的数据，但该表为空"),
    "page.needs.no_rows": _e("{table} rows for {month}: the {table} table covers {first} to {last}",
                             "{month}的{table}数据：{table}表的数据范围为{first}至{last}"),
    "page.needs.empty_column": _e("{column} in the {table} table, which is empty in every row for {month}",
                                  "{table}表的{column}，但{month}的所有行均为空"),
    "page.needs.empty_column_all": _e("{column} in the {table} table, which is empty in every row",
                                      "{table}表的{column}，但所有行均为空"),
    "page.needs.coverage": _e("{column} is known for {share:pct} of the {table} rows; the figures use the rows "
                              "where it is known",
                              "{table}表中仅{share:pct}的行有{column}；本节数字只基于有值的行"),
    "page.needs.days": _e("the {table} table covers {first:date} to {last:date} of the month only",
                          "{table}表仅覆盖本月{first:date}至{last:date}"),
    "page.needs.month": _e("the data cover {first:date} to {last:date} only ({days} of the month's {month_days} days)",
                           "数据仅覆盖{first:date}至{last:date}（本月{month_days}天中的{days}天）"),
    "page.needs.optional_absent": _e("this store has no {table} table, so the parts that need it are left out",
                                     "本店数据中没有{table}表，依赖它的部分未计算"),
    "page.needs.optional_absent_many": _e("this store has no {tables} tables, so the parts that need them are left "
                                          "out",
                                          "本店数据中没有{tables}表，依赖它们的部分未计算"),
    "page.needs.optional_empty": _e("the {table} table is empty, so the parts that need it are left out",
                                    "{table}表为空，依赖它的部分未计算"),
    "page.needs.optional_no_rows": _e("the {table} table has no rows for {month}, so the parts that need it are "
                                      "left out",
                                      "{table}表在{month}没有数据，依赖它的部分未计算"),
    "page.table.orders": _e("orders", "订单（orders）"),
    "page.table.order_lines": _e("order lines", "订单明细（order_lines）"),
    "page.table.products": _e("products", "商品（products）"),
    "page.table.suppliers": _e("suppliers", "供应商（suppliers）"),
    "page.table.platform_fees": _e("platform fees", "平台佣金（platform_fees）"),
    "page.table.promotions": _e("promotions", "营销活动（promotions）"),
    "page.table.shipments": _e("shipments", "物流发货（shipments）"),
    "page.table.returns": _e("returns", "退货（returns）"),
    "page.table.service_tickets": _e("service tickets", "客服工单（service_tickets）"),
    "page.table.traffic": _e("traffic", "流量（traffic）"),
    "page.table.marketing_spend": _e("marketing spend", "推广花费（marketing_spend）"),
    "page.table.competitor_prices": _e("competitor prices", "竞品价格（competitor_prices）"),
    "page.table.purchase_orders": _e("purchase orders", "采购单（purchase_orders）"),
    "page.table.inventory": _e("inventory", "库存（inventory）"),
    "page.table.targets": _e("targets", "目标（targets）"),
    "page.add.orders": _e(
        "To add it: put the platforms' order exports (Shopify orders_export, Tmall 订单报表, JD orders) under "
        "data/raw/ and run `storebook ingest`.",
        "补充方法：将各平台的订单导出（Shopify orders_export、天猫订单报表、京东订单）放入 data/raw/，然后运行 `storebook ingest`。"),
    "page.add.order_lines": _e(
        "To add it: use an orders export with its line items (Shopify and JD exports carry them) or put "
        "data/raw/order_lines/ in the layout of docs/contract.md, then run `storebook ingest`.",
        "补充方法：使用含商品明细的订单导出（Shopify、京东的导出自带明细），或按 docs/contract.md 的格式放入 "
        "data/raw/order_lines/，然后运行 `storebook ingest`。"),
    "page.add.products": _e(
        "To add it: put the product catalogue (a Shopify products_export, or data/raw/products/ in the layout of "
        "docs/contract.md) under data/raw/ and run `storebook ingest`.",
        "补充方法：将商品目录（Shopify products_export，或按 docs/contract.md 格式的 data/raw/products/）放入 "
        "data/raw/，然后运行 `storebook ingest`。"),
    "page.add.suppliers": _e(
        "To add it: put the supplier list in data/raw/suppliers/ (layout in docs/contract.md) and run "
        "`storebook ingest`.",
        "补充方法：将供应商清单按 docs/contract.md 的格式放入 data/raw/suppliers/，然后运行 `storebook ingest`。"),
    "page.add.platform_fees": _e(
        "To add it: put the platforms' commission rates in data/raw/platform_fees/ (platform, category, "
        "commission_rate, valid_from, valid_to) and run `storebook ingest`.",
        "补充方法：将各平台佣金费率放入 data/raw/platform_fees/（platform、category、commission_rate、valid_from、"
        "valid_to），然后运行 `storebook ingest`。"),
    "page.add.promotions": _e(
        "To add it: put the promotion calendar in data/raw/promotions/ (layout in docs/contract.md) and run "
        "`storebook ingest`.",
        "补充方法：将活动日历按 docs/contract.md 的格式放入 data/raw/promotions/，然后运行 `storebook ingest`。"),
    "page.add.shipments": _e(
        "To add it: put the warehouse's or carriers' shipment exports in data/raw/shipments/ (layout in "
        "docs/contract.md) and run `storebook ingest`.",
        "补充方法：将仓库或快递的发货导出按 docs/contract.md 的格式放入 data/raw/shipments/，然后运行 `storebook ingest`。"),
    "page.add.returns": _e(
        "To add it: put the returns export in data/raw/returns/ (layout in docs/contract.md) and run "
        "`storebook ingest`.",
        "补充方法：将退货导出按 docs/contract.md 的格式放入 data/raw/returns/，然后运行 `storebook ingest`。"),
    "page.add.service_tickets": _e(
        "To add it: put the customer-service ticket export in data/raw/service_tickets/ (layout in "
        "docs/contract.md) and run `storebook ingest`.",
        "补充方法：将客服工单导出按 docs/contract.md 的格式放入 data/raw/service_tickets/，然后运行 `storebook ingest`。"),
    "page.add.traffic": _e(
        "To add it: put the traffic reports (生意参谋 流量 → 店铺来源, 京东商智 流量来源, or GA4 by channel, date "
        "and device) under data/raw/ and run `storebook ingest`.",
        "补充方法：将流量报表（生意参谋 流量→店铺来源、京东商智 流量来源，或按渠道、日期、终端导出的 GA4）放入 "
        "data/raw/，然后运行 `storebook ingest`。"),
    "page.add.marketing_spend": _e(
        "To add it: put the ad-spend exports in data/raw/marketing_spend/ (or declare them in "
        "storebook.sources.yaml) and run `storebook ingest`.",
        "补充方法：将推广花费导出放入 data/raw/marketing_spend/（或在 storebook.sources.yaml 中声明），然后运行 "
        "`storebook ingest`。"),
    "page.add.competitor_prices": _e(
        "To add it: put the competitor price observations in data/raw/competitor_prices/ (or declare the "
        "crawler's export in storebook.sources.yaml) and run `storebook ingest`.",
        "补充方法：将竞品价格监测数据放入 data/raw/competitor_prices/（或在 storebook.sources.yaml 中声明爬虫导出），"
        "然后运行 `storebook ingest`。"),
    "page.add.purchase_orders": _e(
        "To add it: put the purchase-order lines in data/raw/purchase_orders/ (layout in docs/contract.md) and "
        "run `storebook ingest`.",
        "补充方法：将采购单明细按 docs/contract.md 的格式放入 data/raw/purchase_orders/，然后运行 `storebook ingest`。"),
    "page.add.inventory": _e(
        "To add it: put the daily stock snapshots in data/raw/inventory/ (layout in docs/contract.md) and run "
        "`storebook ingest`.",
        "补充方法：将每日库存快照按 docs/contract.md 的格式放入 data/raw/inventory/，然后运行 `storebook ingest`。"),
    "page.add.targets": _e(
        "To add it: put the month's targets and budgets in data/raw/targets/ (layout in docs/contract.md) and "
        "run `storebook ingest`.",
        "补充方法：将当月目标与预算按 docs/contract.md 的格式放入 data/raw/targets/，然后运行 `storebook ingest`。"),
    "page.add.column": _e(
        "To add it: fill in `{column}` in the {table} exports (docs/contract.md) and run `storebook ingest` again.",
        "补充方法：在{table}导出中填写 `{column}`（见 docs/contract.md），然后重新运行 `storebook ingest`。"),
    "page.add.products.unit_cost": _e(
        "To add it: fill in the cost per item in the product catalogue (Shopify: Cost per item) and run "
        "`storebook ingest` again.",
        "补充方法：在商品目录中填写单位成本（Shopify：Cost per item），然后重新运行 `storebook ingest`。"),
    "page.add.orders.customer_id": _e(
        "Guest checkouts carry no customer account: these figures need orders with the buyer's account (it is "
        "pseudonymised at ingest).",
        "游客下单没有买家账号：本节需要带买家账号的订单（账号在导入时已做假名化处理）。"),
    "page.add.orders.province": _e(
        "To add it: use order exports with the shipping region (province, state or country) and run "
        "`storebook ingest` again.",
        "补充方法：使用带收货地区（省份、州或国家）的订单导出，然后重新运行 `storebook ingest`。"),
    "page.partial.cost": _e(
        "the unit cost is known for {share:pct} of the line sales; margins are computed where it is known",
        "仅{share:pct}的商品销售额有单位成本；毛利只按有成本的部分计算"),
    "page.partial.cost_pnl": _e(
        "the unit cost is known for {share:pct} of the line sales, so gross and contribution margin are left "
        "out where a cost is missing",
        "仅{share:pct}的商品销售额有单位成本，缺少成本的平台不计算毛利和贡献毛利"),
    "page.partial.sales_from_orders": _e(
        "without traffic rows for {platforms}, their orders, buyers and paid amount come from the orders table; "
        "visitors and conversion are unknown there",
        "{platforms}没有流量数据，其订单数、买家数和支付金额取自订单表；访客和转化率未知"),
}

# ----------------------------------------------------------------------------- traffic
_TRAFFIC: dict[str, _L] = {
    "traffic.title": _e("Traffic — {month}", "流量分析 — {month}"),
    "traffic.question": _e(
        "How many people visited our shops this month, where did they come from, on which device, "
        "what did paid traffic cost, and which days did not look like themselves?",
        "本月有多少人访问了我们的店铺？他们从哪里来、用什么终端？付费流量花了多少、换回多少？哪些日子表现异常？",
    ),
    # 1 headline
    "traffic.headline": _e("How many people visited, and what was a visitor worth?",
                           "本月访客有多少，每位访客价值几何？"),
    "traffic.headline.takeaway": _e(
        "{visitors:count} visitors came in {month}, {visitors_vs_prior:change} on the prior month "
        "and {visitors_vs_last_year:change} on last year. They paid {paid_amount:money} "
        "({paid_amount_vs_last_year:change} on last year), a UV value of {uv_value:money2} per visitor "
        "({uv_value_vs_prior:change} on the prior month). {best:platform} had the highest UV value "
        "({best_uv_value:money2}).",
        "{month}共有访客{visitors:count}人，环比{visitors_vs_prior:change}，同比{visitors_vs_last_year:change}。"
        "支付金额{paid_amount:money}（同比{paid_amount_vs_last_year:change}），UV价值{uv_value:money2}"
        "（环比{uv_value_vs_prior:change}）。UV价值最高的平台是{best:platform}（{best_uv_value:money2}）。",
    ),
    # 2 daily
    "traffic.daily": _e("How did visitors move day by day?", "每日访客如何变化？"),
    "traffic.daily.title": _e(
        "Visitors peaked on {peak_day:date} ({peak_visitors:count}); the month ran {vs_last_year:change} on the same days last year",
        "访客在{peak_day:date}达到高峰（{peak_visitors:count}人）；全月较去年同期{vs_last_year:change}",
    ),
    "traffic.daily.takeaway": _e(
        "The busiest day was {peak_day:date} with {peak_visitors:count} visitors{peak_event:event_suffix}; the quietest was "
        "{low_day:date} with {low_visitors:count}. Over the month, daily visitors ran {vs_last_year:change} on the same "
        "days last year; the 7-day average ended the month {trend:change} from where it started.",
        "访客最多的一天是{peak_day:date}，共{peak_visitors:count}人{peak_event:event_suffix}；最少的一天是{low_day:date}，"
        "共{low_visitors:count}人。全月日访客较去年同期{vs_last_year:change}；7日均值月末较月初{trend:change}。",
    ),
    # 3 channels
    "traffic.channels": _e("Where did visitors come from?", "访客从哪些渠道来？"),
    "traffic.channels.title": _e(
        "{top:channel} brings the most visits ({top_share:pct}); {gainer:channel} gained the most share ({gainer_change:pp})",
        "{top:channel}带来最多访问（{top_share:pct}）；{gainer:channel}占比提升最多（{gainer_change:pp}）",
    ),
    "traffic.channels.takeaway": _e(
        "{top:channel} brought {top_share:pct} of source visits. {gainer:channel} gained the most share "
        "({gainer_change:pp} on the prior month) and {loser:channel} lost the most ({loser_change:pp}). "
        "Shares are of source visits: a visitor who came through two sources counts in both, so channel "
        "visits add up to more than the visitors in the headline.",
        "{top:channel}贡献了{top_share:pct}的渠道访问。{gainer:channel}占比提升最多（环比{gainer_change:pp}），"
        "{loser:channel}下降最多（{loser_change:pp}）。占比按渠道访问计算：同一访客经多个来源进入会在每个来源各计一次，"
        "因此各渠道访问之和大于总访客数。",
    ),
    # 4 devices
    "traffic.devices": _e("Which devices do visitors use, and is that shifting?", "访客使用什么终端？结构在变化吗？"),
    "traffic.devices.title": _e(
        "{mobile_share:pct} of visitors came on mobile in {month} ({mobile_share_change:pp} on a year earlier)",
        "{month}移动端访客占比{mobile_share:pct}（较去年同期{mobile_share_change:pp}）",
    ),
    "traffic.devices.takeaway": _e(
        "Mobile brought {mobile_share:pct} of visitors this month, {mobile_share_change:pp} on twelve months earlier. "
        "{most_mobile:platform} is the most mobile platform ({most_mobile_share:pct}); {least_mobile:platform} "
        "the least ({least_mobile_share:pct}).",
        "本月移动端访客占比{mobile_share:pct}，较十二个月前{mobile_share_change:pp}。移动端占比最高的平台是"
        "{most_mobile:platform}（{most_mobile_share:pct}），最低的是{least_mobile:platform}（{least_mobile_share:pct}）。",
    ),
    # 5 paid channels
    "traffic.paid": _e("What did paid traffic cost, and what did it return?", "付费流量花了多少、回报如何？"),
    "traffic.paid.title": _e(
        "{best:channel} returned the most per yuan (ROAS {best_roas:ratio}); {worst:channel} the least ({worst_roas:ratio})",
        "{best:channel}投入产出比最高（{best_roas:ratio}），{worst:channel}最低（{worst_roas:ratio}）",
    ),
    "traffic.paid.takeaway": _e(
        "We spent {spend:money} on paid traffic ({spend_vs_prior:change} on the prior month) for {clicks:count} clicks "
        "at {cpc:money2} a click; platforms attribute {attributed:money} of sales to it, a ROAS of {roas:ratio}. "
        "{best:channel} returned the most per yuan ({best_roas:ratio}), {worst:channel} the least ({worst_roas:ratio}).",
        "本月付费推广花费{spend:money}（环比{spend_vs_prior:change}），获得点击{clicks:count}次，平均点击花费{cpc:money2}；"
        "平台归因成交{attributed:money}，投入产出比{roas:ratio}。{best:channel}投入产出比最高（{best_roas:ratio}），"
        "{worst:channel}最低（{worst_roas:ratio}）。",
    ),
    # 6 campaigns
    "traffic.campaigns": _e("Which campaigns earned their spend?", "哪些推广计划物有所值？"),
    "traffic.campaigns.takeaway": _e(
        "{n_campaigns:count} campaigns ran. The largest, {top_campaign}, spent {top_spend:money} at a ROAS of "
        "{top_roas:ratio}; {n_below_one:count} campaign(s) returned less than they cost.",
        "本月共有{n_campaigns:count}个推广计划。花费最多的是{top_campaign}，花费{top_spend:money}，投入产出比{top_roas:ratio}；"
        "{n_below_one:count}个计划的归因成交低于花费。",
    ),
    # 7 anomalies
    "traffic.anomalies": _e("Which days fell outside what the calendar leads us to expect?",
                            "哪些日子超出了日历规律下的预期？"),
    "traffic.anomalies.title": _e(
        "{n_flagged:count} platform-day(s) outside the expected band",
        "{n_flagged:count}个平台日超出预期区间",
    ),
    "traffic.anomalies.takeaway": _e(
        "{n_flagged:count} platform-day(s) fell outside the band expected from the same weekday in recent weeks "
        "(festival days judged against their own festival). The largest: {first_platform:platform} on "
        "{first_day:date}, with visitors {first_visitors:change} and paid amount {first_paid:change} against "
        "expectation; the main driver was {first_driver:driver}.",
        "共有{n_flagged:count}个平台日超出按近几周同星期推算的预期区间（大促日与同类大促比较）。偏离最大的是"
        "{first_platform:platform}{first_day:date}：访客数较预期{first_visitors:change}，支付金额较预期{first_paid:change}，"
        "主要原因是{first_driver:driver}。",
    ),
    "traffic.anomalies.takeaway.none": _e(
        "No day fell outside the band expected from the same weekday in recent weeks (festival days judged "
        "against their own festival).",
        "没有日子超出按近几周同星期推算的预期区间（大促日与同类大促比较）。",
    ),
}

# ----------------------------------------------------------------------------- conversion
_CONVERSION: dict[str, _L] = {
    "conversion.title": _e("Conversion — {month}", "转化分析 — {month}"),
    "conversion.question": _e(
        "How many visitors became buyers this month, where in the funnel did we lose them, did the change "
        "go beyond chance, and which segments explain it?",
        "本月有多少访客转化为买家？在漏斗哪一步流失？变化是否超出随机波动？哪些细分解释了变化？",
    ),
    "conversion.funnel": _e("Where in the funnel do we lose buyers?", "买家在漏斗的哪一步流失？"),
    "conversion.funnel.title": _e(
        "The step '{worst_step:step}' on {worst_platform:platform} {worst_device:device} lost the most buyers against the prior month",
        "与上月相比，{worst_platform:platform}{worst_device:device}的“{worst_step:step}”环节流失买家最多",
    ),
    "conversion.funnel.takeaway": _e(
        "Of {visitors:count} visitors, {product_views:count} viewed a product, {cart_adds:count} added to cart, "
        "{checkouts:count} submitted an order and {buyers:count} paid. Against the prior month's step rates, "
        "the step '{worst_step:step}' on {worst_platform:platform} {worst_device:device} cost the most buyers "
        "(about {worst_lost:count}).",
        "{visitors:count}位访客中，{product_views:count}人浏览商品，{cart_adds:count}人加购，{checkouts:count}人提交订单，"
        "{buyers:count}人完成支付。与上月的环节转化率相比，{worst_platform:platform}{worst_device:device}的"
        "“{worst_step:step}”环节流失买家最多（约{worst_lost:count}人）。",
    ),
    "conversion.funnel.takeaway.steady": _e(
        "Of {visitors:count} visitors, {product_views:count} viewed a product, {cart_adds:count} added to cart, "
        "{checkouts:count} submitted an order and {buyers:count} paid. No step converted worse than in the prior month.",
        "{visitors:count}位访客中，{product_views:count}人浏览商品，{cart_adds:count}人加购，{checkouts:count}人提交订单，"
        "{buyers:count}人完成支付。没有环节的转化率低于上月。",
    ),
    "conversion.rates": _e("How have conversion, spend per buyer and UV value moved over the year?",
                           "过去一年支付转化率、客单价和UV价值如何变化？"),
    "conversion.rates.title": _e(
        "Conversion {conversion_rate:pct} in {month}, {conversion_rate_vs_prior:pp} on the prior month",
        "{month}支付转化率{conversion_rate:pct}，环比{conversion_rate_vs_prior:pp}",
    ),
    "conversion.rates.takeaway": _e(
        "In {month}, {conversion_rate:pct} of visitors paid (95% interval {conversion_rate_low:pct}–"
        "{conversion_rate_high:pct}), {conversion_rate_vs_prior:pp} on the prior month. A buyer spent "
        "{aov:money2} ({aov_vs_prior:change}) and a visitor was worth {uv_value:money2} ({uv_value_vs_prior:change}).",
        "{month}支付转化率为{conversion_rate:pct}（95%置信区间{conversion_rate_low:pct}–{conversion_rate_high:pct}），"
        "环比{conversion_rate_vs_prior:pp}。客单价{aov:money2}（环比{aov_vs_prior:change}），UV价值{uv_value:money2}"
        "（环比{uv_value_vs_prior:change}）。",
    ),
    "conversion.tests": _e("Which month-on-month changes in conversion go beyond chance?",
                           "哪些支付转化率的环比变化超出随机波动？"),
    "conversion.tests.takeaway": _e(
        "{n_down:count} segment(s) converted significantly worse than in the prior month and {n_up:count} "
        "significantly better; {n_small:count} had too few visitors or buyers to judge. The largest significant "
        "fall: {worst_platform:platform} {worst_device:device} ({worst_change:pp}).",
        "与上月相比，{n_down:count}个细分的支付转化率显著下降，{n_up:count}个显著上升；{n_small:count}个细分样本过小，无法判断。"
        "显著下降最多的是{worst_platform:platform}{worst_device:device}（{worst_change:pp}）。",
    ),
    "conversion.tests.takeaway.no_fall": _e(
        "{n_down:count} segment(s) converted significantly worse than in the prior month and {n_up:count} "
        "significantly better; {n_small:count} had too few visitors or buyers to judge.",
        "与上月相比，{n_down:count}个细分的支付转化率显著下降，{n_up:count}个显著上升；{n_small:count}个细分样本过小，无法判断。",
    ),
    "conversion.drivers": _e("Which segments explain the change in conversion: mix or rate?",
                             "转化率变化由哪些细分造成：结构变化还是转化率本身？"),
    "conversion.drivers.title": _e(
        "{top_device:device} {top_part:effect_kind} on {top_platform:platform} drove the change ({top_effect:pp} of {total_change:pp})",
        "{top_platform:platform}{top_device:device}的{top_part:effect_kind}是主要原因（{top_effect:pp}，合计{total_change:pp}）",
    ),
    "conversion.drivers.takeaway": _e(
        "Conversion moved {total_change:pp} on the prior month: {rate_total:pp} from segments converting "
        "differently and {mix_total:pp} from a shift in where visitors came from. By device, {top_device:device} "
        "accounts for {device_effect:pp}. The largest driver is {top_platform:platform} {top_device:device} "
        "({top_effect:pp}, mostly {top_part:effect_kind}); within it, visitors via {top_channel:channel} moved "
        "the most ({top_channel_effect:pp}).",
        "支付转化率环比{total_change:pp}：其中{rate_total:pp}来自各细分转化率的变化，{mix_total:pp}来自访客结构的变化。"
        "按终端看，{top_device:device}贡献{device_effect:pp}。影响最大的是{top_platform:platform}{top_device:device}"
        "（{top_effect:pp}，主要是{top_part:effect_kind}），其中经{top_channel:channel}进入的访客变化最大（{top_channel_effect:pp}）。",
    ),
    "effect_kind.rate": _e("rate change", "转化率变化"),
    "effect_kind.mix": _e("mix shift", "结构变化"),
    "conversion.buyers": _e("Are we winning new buyers or bringing old ones back?", "我们在获取新买家，还是留住老买家？"),
    "conversion.buyers.title": _e(
        "{new_share:pct} of buyers were new in {month}",
        "{month}新买家占比{new_share:pct}",
    ),
    "conversion.buyers.takeaway": _e(
        "{new:count} buyers were new and {returning:count} returning ({new_share:pct} new, "
        "{new_share_change:pp} on the prior month). Returning buyers spent {returning_aov:money2} each, "
        "new buyers {new_aov:money2}. A buyer is returning when the same platform account paid an order before "
        "this month within the data ({history_from}).",
        "本月新买家{new:count}人、老买家{returning:count}人（新买家占比{new_share:pct}，环比{new_share_change:pp}）。"
        "老买家客单价{returning_aov:money2}，新买家{new_aov:money2}。老买家指同一平台账号在本月之前（数据自{history_from}起）已有支付订单。",
    ),
    "conversion.payment": _e("How many of the orders placed were paid?", "下单后有多少订单完成了支付？"),
    "conversion.payment.takeaway": _e(
        "{paid:count} of the {placed:count} orders placed were paid, a payment rate of {payment_rate:pct} "
        "({change:pp} on the prior month); {unpaid:count} were not paid, {pending:count} of them still pending. "
        "The lowest rate is {lowest:platform}'s ({lowest_rate:pct}).",
        "本月下单{placed:count}笔，支付{paid:count}笔，支付率{payment_rate:pct}（环比{change:pp}）；"
        "{unpaid:count}笔未支付，其中{pending:count}笔仍待付款。支付率最低的是{lowest:platform}（{lowest_rate:pct}）。"),
    "conversion.payment.takeaway.one": _e(
        "{paid:count} of the {placed:count} orders placed were paid, a payment rate of {payment_rate:pct} "
        "({change:pp} on the prior month); {unpaid:count} were not paid, {pending:count} of them still pending.",
        "本月下单{placed:count}笔，支付{paid:count}笔，支付率{payment_rate:pct}（环比{change:pp}）；"
        "{unpaid:count}笔未支付，其中{pending:count}笔仍待付款。"),
    "col.placed": _e("Orders placed", "下单数"),
    "col.payment_rate": _e("Payment rate", "支付率"),
    "col.payment_rate_prior": _e("Prior month", "上月支付率"),
    "col.closed": _e("Closed unpaid", "未付款关闭"),
    "metric.payment_rate": _e("Payment rate (paid ÷ placed)", "支付率（支付÷下单）"),
}

# ----------------------------------------------------------------------------- fulfilment
_FULFILMENT: dict[str, _L] = {
    "fulfilment.title": _e("Fulfilment and logistics — {month}", "履约与物流 — {month}"),
    "fulfilment.question": _e(
        "Were orders shipped on time and delivered on time this month, which carrier or lane fell behind, "
        "and what did logistics cost?",
        "本月订单是否按时发货、按时送达？哪家快递、哪条线路掉了队？物流花了多少钱？",
    ),
    "fulfilment.headline": _e("How did fulfilment do this month?", "本月履约表现如何？"),
    "fulfilment.headline.takeaway": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month, {within_24h_rate_vs_last_year:change} on last year). Parcels took a median of "
        "{median_delivery_days:.1f} days to arrive; {late_rate:pct} arrived later than promised "
        "({late_rate_vs_prior:change}). Logistics cost {cost_per_order:money2} per order and drew "
        "{complaints_per_1000:.1f} complaints per 1,000 orders.",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}，"
        "同比{within_24h_rate_vs_last_year:change}）。包裹配送时长中位数{median_delivery_days:.1f}天，"
        "{late_rate:pct}超过承诺时效送达（环比{late_rate_vs_prior:change}）。单均物流成本{cost_per_order:money2}，"
        "每千单物流投诉{complaints_per_1000:.1f}件。",
    ),
    "fulfilment.dispatch": _e("Were orders shipped within 24 and 48 hours of payment?", "订单是否在付款后24/48小时内发货？"),
    "fulfilment.dispatch.title": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours, {within_48h_rate:pct} within 48",
        "{within_24h_rate:pct}的订单24小时内发货，{within_48h_rate:pct}在48小时内发货",
    ),
    "fulfilment.dispatch.takeaway": _e(
        "Half of the {orders:count} orders left within {median_hours:.0f} hours of payment and nine in ten within "
        "{p90_hours:.0f} hours. {worst:platform} shipped the fewest within 24 hours ({worst_rate:pct}).",
        "{orders:count}笔订单中，一半在付款后{median_hours:.0f}小时内发出，九成在{p90_hours:.0f}小时内发出。"
        "24小时发货率最低的是{worst:platform}（{worst_rate:pct}）。",
    ),
    "fulfilment.warehouses": _e("Which warehouse shipped slowest?", "哪个仓库发货最慢？"),
    "fulfilment.warehouses.takeaway": _e(
        "{worst} shipped the fewest orders within 24 hours ({worst_rate:pct}); {slowest} took longest "
        "(median {slowest_hours:.0f} hours from payment).",
        "{worst}的24小时发货率最低（{worst_rate:pct}）；{slowest}发货最慢（付款到发货中位数{slowest_hours:.0f}小时）。",
    ),
    "fulfilment.daily": _e("How did the 24-hour ship rate move day by day?", "24小时发货率每天如何变化？"),
    "fulfilment.daily.title": _e(
        "The weakest day was {worst_day:date}: {worst_rate:pct} shipped within 24 hours",
        "发货最弱的一天是{worst_day:date}：24小时发货率{worst_rate:pct}",
    ),
    "fulfilment.daily.takeaway": _e(
        "Over the month {overall:pct} of due orders shipped within 24 hours. The weakest payment day was "
        "{worst_day:date} ({worst_rate:pct}); {days_below:count} day(s) fell more than 15 points below the month.",
        "本月应发订单的24小时发货率为{overall:pct}。最弱的付款日是{worst_day:date}（{worst_rate:pct}）；"
        "共有{days_below:count}天比月均低15个百分点以上。",
    ),
    "fulfilment.daily.takeaway.none": _e(
        "No order of the month is due yet at 24 hours, so there is no daily ship rate to show.",
        "本月尚无已满24小时的应发订单，暂无每日发货率。",
    ),
    "fulfilment.backlog": _e("Which orders were still waiting to ship at the month's end?", "月末还有哪些订单未发货？"),
    "fulfilment.backlog.takeaway": _e(
        "{unshipped:count} paid orders ({amount:money}) had not shipped by the end of the month; {over_48h:count} of "
        "them had waited more than 48 hours, the oldest since {oldest:date}.",
        "月末仍有{unshipped:count}笔已付款订单（{amount:money}）未发货，其中{over_48h:count}笔已等待超过48小时，"
        "最早的付款于{oldest:date}。",
    ),
    "fulfilment.backlog.takeaway.none": _e(
        "Every paid order had shipped by the end of the month.", "月末所有已付款订单均已发货。",
    ),
    "fulfilment.carriers": _e("How fast did each carrier deliver, and how often late?", "各快递公司配送多快？超时有多少？"),
    "fulfilment.carriers.title": _e(
        "{fastest} delivered fastest (median {fastest_days:.1f} days), {slowest} slowest ({slowest_days:.1f})",
        "{fastest}配送最快（中位数{fastest_days:.1f}天），{slowest}最慢（{slowest_days:.1f}天）",
    ),
    "fulfilment.carriers.takeaway": _e(
        "Of {shipments:count} parcels handed over, {late:count} ({late_rate:pct}) arrived later than the promise "
        "for their province or were still on the road past it. {latest} was late most often ({latest_rate:pct}).",
        "本月交运的{shipments:count}个包裹中，有{late:count}个（{late_rate:pct}）超过所在省份的承诺时效送达或仍在途。"
        "超时率最高的是{latest}（{latest_rate:pct}）。",
    ),
    "fulfilment.provinces": _e("Which carrier was slow to which province?", "哪家快递在哪些省份偏慢？"),
    "fulfilment.provinces.title": _e(
        "Mean delivery days by carrier and province (the {top:count} busiest provinces)",
        "各快递公司在各省的平均配送天数（发货量最大的{top:count}个省份）",
    ),
    "fulfilment.provinces.takeaway": _e(
        "Across provinces parcels took a median of {median_days:.1f} days; {latest} had the highest late rate "
        "({latest_rate:pct}) among provinces with at least 20 parcels.",
        "各省配送时长中位数{median_days:.1f}天；在包裹数不少于20个的省份中，{latest}的超时率最高（{latest_rate:pct}）。",
    ),
    "fulfilment.slow_carrier": _e("Was a carrier slow to a group of provinces for part of the month?",
                                  "是否有快递公司在部分时间、部分省份明显变慢？"),
    "fulfilment.slow_carrier.takeaway": _e(
        "{carrier} was slow to {provinces} for parcels handed over from {first_day:date} to {last_day:date}: "
        "{shipments:count} parcels took {carrier_days:.1f} days on average where other carriers on the same lanes "
        "took {others_days:.1f} ({excess_days:.1f} days more than its usual). Raise it with the carrier and route "
        "those provinces elsewhere if it recurs.",
        "{carrier}在{first_day:date}至{last_day:date}交运、发往{provinces}的包裹明显变慢：{shipments:count}个包裹平均"
        "配送{carrier_days:.1f}天，同线路其他快递为{others_days:.1f}天（比其平时多{excess_days:.1f}天）。"
        "建议与该快递沟通；如再次发生，这些省份改用其他快递。",
    ),
    "fulfilment.slow_carrier.takeaway.none": _e(
        "No carrier was slower than the others on a group of provinces for part of the month (each carrier × "
        "region and run of days was checked against the other carriers on the same lanes).",
        "本月没有快递公司在部分省份、部分时间明显慢于其他快递（已按快递×区域×连续日期与同线路其他快递逐一比较）。",
    ),
    "fulfilment.spring_festival": _e("What does the Spring Festival do to delivery times?", "春节对配送时效有多大影响？"),
    "fulfilment.spring_festival.title": _e(
        "Days from payment to delivery by payment day, {months:count} months (Spring Festival shaded)",
        "按付款日统计的付款到签收天数，近{months:count}个月（阴影为春节）",
    ),
    "fulfilment.spring_festival.takeaway": _e(
        "Orders paid from {first:date} to {last:date}, the Spring Festival logistics shutdown and the week before it, "
        "took {inside_days:.1f} days from payment to delivery against {outside_days:.1f} on other days "
        "({extra_days:.1f} days more), mostly waiting to ship ({inside_ship_days:.1f} days against "
        "{outside_ship_days:.1f}). This is the calendar, not a carrier: those days carry no delivery promise "
        "and are left out of the carrier comparison.",
        "{first:date}至{last:date}（春节物流停运期及其前一周）付款的订单，从付款到签收平均{inside_days:.1f}天，"
        "其他日子为{outside_days:.1f}天（多{extra_days:.1f}天），主要是等待发货（{inside_ship_days:.1f}天，"
        "平时{outside_ship_days:.1f}天）。这是日历因素，而非快递问题：这些日子不计入时效承诺，也不参与快递比较。",
    ),
    "fulfilment.spring_festival.takeaway.none": _e(
        "The window holds no Spring Festival shutdown; orders took {outside_days:.1f} days from payment to delivery.",
        "该时间范围内没有春节停运；订单从付款到签收平均{outside_days:.1f}天。",
    ),
    "fulfilment.cost": _e("What did logistics cost per order and per unit?", "单均、件均物流成本是多少？"),
    "fulfilment.cost.title": _e(
        "Logistics cost {cost_per_order:money2} per order: from {cheapest_cost:money2} ({cheapest}) to "
        "{dearest_cost:money2} ({dearest})",
        "单均物流成本{cost_per_order:money2}：从{cheapest_cost:money2}（{cheapest}）到{dearest_cost:money2}（{dearest}）",
    ),
    "fulfilment.cost.takeaway": _e(
        "Carriers billed {cost:money} for the parcels handed over in the month: {cost_per_order:money2} per order "
        "and {cost_per_unit:money2} per unit. {dearest} cost the most per order ({dearest_cost:money2}), "
        "{cheapest} the least ({cheapest_cost:money2}).",
        "本月交运包裹的物流费用共{cost:money}：单均{cost_per_order:money2}，件均{cost_per_unit:money2}。"
        "单均成本最高的是{dearest}（{dearest_cost:money2}），最低的是{cheapest}（{cheapest_cost:money2}）。",
    ),
    "fulfilment.issues": _e("How many logistics complaints and refunds per 1,000 orders?", "每千单有多少物流投诉和物流退款？"),
    "fulfilment.issues.title": _e(
        "{complaints_per_1000:.1f} logistics complaints and {refunds_per_1000:.1f} logistics refunds per 1,000 orders",
        "每千单物流投诉{complaints_per_1000:.1f}件、物流原因退款{refunds_per_1000:.1f}件",
    ),
    "fulfilment.issues.takeaway": _e(
        "The orders shipped this month drew {complaints:count} logistics complaints and {refunds:count} refunds for "
        "late or damaged delivery ({refund_amount:money}). {worst} drew the most complaints per 1,000 orders "
        "({worst_rate:.1f}).",
        "本月发货的订单收到物流投诉{complaints:count}件，因延迟或破损退款{refunds:count}笔（{refund_amount:money}）。"
        "每千单投诉最多的是{worst}（{worst_rate:.1f}件）。",
    ),
    "metric.within_24h_rate": _e("Shipped within 24 h", "24小时发货率"),
    "metric.within_48h_rate": _e("Shipped within 48 h", "48小时发货率"),
    "metric.median_delivery_days": _e("Median delivery days", "配送时长中位数（天）"),
    "metric.late_rate": _e("Late deliveries", "超时配送率"),
    "metric.cost_per_order": _e("Logistics cost per order", "单均物流成本"),
    "metric.cost_per_unit": _e("Logistics cost per unit", "件均物流成本"),
    "metric.complaints_per_1000": _e("Logistics complaints per 1,000 orders", "每千单物流投诉"),
    "metric.refunds_per_1000": _e("Logistics refunds per 1,000 orders", "每千单物流退款"),
    "metric.median_days": _e("Median delivery days", "配送时长中位数（天）"),
    "metric.p90_days": _e("90th percentile days", "配送时长90分位（天）"),
    "metric.total_days": _e("Days from payment to delivery", "付款到签收天数"),
    "col.orders": _e("Orders", "订单数"),
    "col.shipped": _e("Shipped", "已发货"),
    "col.unshipped": _e("Not shipped", "未发货"),
    "col.median_hours": _e("Median hours to ship", "发货时长中位数（小时）"),
    "col.p90_hours": _e("90th pct hours", "发货时长90分位（小时）"),
    "col.within_24h_rate": _e("Within 24 h", "24小时发货率"),
    "col.within_48h_rate": _e("Within 48 h", "48小时发货率"),
    "col.unshipped_amount": _e("Amount waiting", "待发货金额"),
    "col.over_48h": _e("Waiting > 48 h", "超48小时未发"),
    "col.oldest_paid_at": _e("Oldest paid", "最早付款时间"),
    "col.carrier": _e("Carrier", "快递公司"),
    "col.province": _e("Province", "省份"),
    "col.warehouse": _e("Warehouse", "发货仓"),
    "col.region": _e("Region", "区域"),
    "col.shipments": _e("Parcels", "包裹数"),
    "col.delivered": _e("Delivered", "已签收"),
    "col.in_transit": _e("In transit", "在途"),
    "col.mean_days": _e("Mean days", "平均天数"),
    "col.late": _e("Late", "超时"),
    "col.cost": _e("Logistics cost", "物流成本"),
    "col.complaints": _e("Complaints", "投诉"),
    "col.refunds": _e("Refunds", "退款"),
    "col.refunded_orders": _e("Refunded orders", "退款订单数"),
    "col.refund_amount": _e("Refunded", "退款金额"),
    "col.first_day": _e("From", "开始"),
    "col.last_day": _e("To", "结束"),
    "col.mean_excess_days": _e("Days slower", "慢了（天）"),
    "col.carrier_days": _e("Carrier's days", "该快递天数"),
    "col.others_days": _e("Other carriers' days", "其他快递天数"),
    "carrier.total": _e("All carriers", "全部快递"),
    "warehouse.total": _e("All warehouses", "全部仓库"),
    "warehouse.unassigned": _e("Not shipped yet", "尚未发货"),
    "province.total": _e("All provinces", "全部省份"),
    "legend.reference": _e("Reference", "参考线"),
    "axis.days": _e("Days", "天数"),
}

# ----------------------------------------------------------------------------- products
_PRODUCTS: dict[str, _L] = {
    "products.title": _e("Products and assortment — {month}", "商品与品类 — {month}"),
    "products.question": _e(
        "Which products earn the money and which sit in the warehouse, how are new products starting, "
        "what prices do we realise and what comes back?",
        "哪些商品在赚钱、哪些在积压？新品起步如何？价格实现了多少？哪些商品退货多？",
    ),
    "products.headline": _e("How did the assortment do this month?", "本月商品结构表现如何？"),
    "products.headline.takeaway": _e(
        "{skus_sold:count} SKUs sold this month. {a_sku_share:pct} of the assortment makes 80% of revenue, while "
        "the long tail (class C) brings {tail_revenue_share:pct}. Overstock ties up {overstock_value:money} at cost, "
        "and we realised {price_realisation:pct} of list price.",
        "本月有{skus_sold:count}个SKU产生销售。{a_sku_share:pct}的商品贡献了80%的销售额，长尾（C类）贡献"
        "{tail_revenue_share:pct}。积压库存按成本占用{overstock_value:money}，价格实现率为{price_realisation:pct}。",
    ),
    "products.abc": _e("Which products make the money (ABC by revenue)?", "哪些商品贡献了销售额（按销售额ABC分类）？"),
    "products.abc.title": _e(
        "{a_sku_share:pct} of SKUs make {a_share:pct} of revenue; the last {c_sku_share:pct} make {c_share:pct}",
        "{a_sku_share:pct}的SKU贡献{a_share:pct}的销售额；最后{c_sku_share:pct}只贡献{c_share:pct}",
    ),
    "products.abc.takeaway": _e(
        "Over the {months:count} months to this one, {a_skus:count} of {skus:count} SKUs (class A) made "
        "{a_share:pct} of revenue after returns. The long tail — {c_skus:count} SKUs in class C — made "
        "{c_share:pct}, and {zero_skus:count} active SKUs sold nothing at all: candidates to delist or bundle.",
        "近{months:count}个月，{skus:count}个SKU中有{a_skus:count}个（A类）贡献了{a_share:pct}的退货后销售额。"
        "长尾C类共{c_skus:count}个SKU，仅贡献{c_share:pct}，另有{zero_skus:count}个在售SKU完全没有销售，可考虑下架或组合销售。",
    ),
    "products.margin": _e("Do the same products earn the margin (ABC by gross margin)?", "毛利是否来自同一批商品（按毛利ABC分类）？"),
    "products.margin.takeaway": _e(
        "{a_margin_skus:count} SKUs make 80% of gross margin. {big_thin:count} SKUs are class A by revenue but not by "
        "margin ({big_thin_revenue:money} of revenue at a thin margin); {loss_skus:count} SKUs lost money after "
        "returns ({loss_amount:money}).",
        "{a_margin_skus:count}个SKU贡献了80%的毛利。有{big_thin:count}个SKU按销售额属A类、按毛利却不是"
        "（销售额{big_thin_revenue:money}，毛利偏薄）；{loss_skus:count}个SKU扣除退货后亏损（{loss_amount:money}）。",
    ),
    "products.margin.takeaway.no_loss": _e(
        "{a_margin_skus:count} SKUs make 80% of gross margin. {big_thin:count} SKUs are class A by revenue but not by "
        "margin ({big_thin_revenue:money} of revenue at a thin margin); no SKU lost money after returns.",
        "{a_margin_skus:count}个SKU贡献了80%的毛利。有{big_thin:count}个SKU按销售额属A类、按毛利却不是"
        "（销售额{big_thin_revenue:money}，毛利偏薄）；没有SKU在扣除退货后亏损。",
    ),
    "products.stock": _e("What is slow-moving or overstocked?", "哪些商品滞销或积压？"),
    "products.stock.takeaway": _e(
        "{overstock:count} SKUs hold more than 90 days of cover (or stock that does not sell): {overstock_value:money} "
        "at cost, of which {excess_value:money} is beyond 90 days. {slow:count} SKUs sold less than a fifth of what "
        "they had. The largest excess: {top_name} ({top_excess:money}).",
        "{overstock:count}个SKU库存可售天数超过90天（或有库存无销售），按成本合计{overstock_value:money}，其中超出90天的部分"
        "{excess_value:money}。{slow:count}个SKU的售罄率低于20%。超额最多的是{top_name}（{top_excess:money}）。",
    ),
    "products.stock.takeaway.none": _e(
        "No SKU holds more than 90 days of cover; {slow:count} SKUs sold less than a fifth of what they had.",
        "没有SKU的库存可售天数超过90天；{slow:count}个SKU的售罄率低于20%。",
    ),
    "products.new": _e("How are new products doing in their first 30, 60 and 90 days?", "新品上市30/60/90天表现如何？"),
    "products.new.title": _e(
        "New products' sales against an established product of their category (1 = the same)",
        "新品销售额相对同类目成熟商品的指数（1 = 持平）",
    ),
    "products.new.takeaway": _e(
        "{judged:count} of {new:count} products launched in the last six months have completed their first "
        "{window:count} days; {above:count} of them sold at least as much as an established product of their "
        "category. Best start: {best_name} (index {best_index:ratio}); weakest: {worst_name} ({worst_index:ratio}).",
        "近半年上市的{new:count}个新品中，{judged:count}个已满{window:count}天，其中{above:count}个的销售额不低于同类目成熟商品。"
        "起步最好的是{best_name}（指数{best_index:ratio}），最弱的是{worst_name}（{worst_index:ratio}）。",
    ),
    "products.new.takeaway.none": _e(
        "{new:count} products launched in the last six months; none has completed its first {window:count} days yet.",
        "近半年上市{new:count}个新品，尚无新品满{window:count}天。",
    ),
    "products.price": _e("What share of list price did we realise, category by category?", "各类目实现了吊牌价的多少？"),
    "products.price.title": _e(
        "We realised {realisation:pct} of list price; {deepest} was discounted deepest ({deepest_depth:pct})",
        "整体价格实现率{realisation:pct}；{deepest}折扣最深（{deepest_depth:pct}）",
    ),
    "products.price.takeaway": _e(
        "Sold at list price, the month's units would have brought {discount_depth:pct} more: discounts took "
        "{discount_amount:money}. {deepest} gave away the most ({deepest_depth:pct} of list).",
        "若按吊牌价销售，本月销量可多带来{discount_depth:pct}的收入：各类优惠共{discount_amount:money}。"
        "折扣最深的类目是{deepest}（吊牌价的{deepest_depth:pct}）。",
    ),
    "products.returns": _e("Which products come back far more often than their category?", "哪些商品的退货率远高于同类目？"),
    "products.returns.takeaway": _e(
        "{return_rate:pct} of the units sold this month came back. {high:count} SKUs returned at least twice their "
        "category's rate with enough sales to be sure; the worst is {top_name} ({top_rate:pct} against "
        "{top_category_rate:pct}).",
        "本月售出商品的退货率为{return_rate:pct}。有{high:count}个SKU的退货率至少是所在类目的两倍且销量足以判断；"
        "最高的是{top_name}（{top_rate:pct}，类目为{top_category_rate:pct}）。",
    ),
    "products.returns.takeaway.none": _e(
        "{return_rate:pct} of the units sold this month came back; no SKU returned at twice its category's rate "
        "with enough sales to be sure.",
        "本月售出商品的退货率为{return_rate:pct}；没有SKU的退货率在销量足以判断的情况下达到类目的两倍。",
    ),
    "metric.skus_sold": _e("SKUs sold", "动销SKU数"),
    "metric.a_sku_share": _e("SKUs making 80% of revenue", "贡献80%销售额的SKU占比"),
    "metric.tail_revenue_share": _e("Long-tail share of revenue", "长尾销售额占比"),
    "metric.overstock_value": _e("Overstock at cost", "积压库存金额"),
    "metric.price_realisation": _e("Price realisation", "价格实现率"),
    "metric.revenue": _e("Revenue after returns", "退货后销售额"),
    "metric.gross_margin": _e("Gross margin", "毛利"),
    "metric.index_30": _e("First 30 days", "上市30天"),
    "metric.index_60": _e("First 60 days", "上市60天"),
    "metric.index_90": _e("First 90 days", "上市90天"),
    "metric.price_cut": _e("Price set below list", "低于吊牌价定价"),
    "metric.discount_share": _e("Discounts", "优惠"),
    "col.sku": _e("SKU", "商品编码"),
    "col.product_name": _e("Product", "商品名称"),
    "col.category": _e("Category", "类目"),
    "col.skus": _e("SKUs", "SKU数"),
    "col.sku_share": _e("Share of SKUs", "SKU占比"),
    "col.amount": _e("Amount", "金额"),
    "col.amount_share": _e("Share of amount", "金额占比"),
    "col.zero_skus": _e("Sold nothing", "零销售"),
    "col.abc": _e("Class", "分类"),
    "col.abc_revenue": _e("Class by revenue", "销售额分类"),
    "col.abc_margin": _e("Class by margin", "毛利分类"),
    "col.units": _e("Units", "销量"),
    "col.units_sold": _e("Units sold", "销量"),
    "col.units_returned": _e("Units returned", "退货件数"),
    "col.return_rate": _e("Return rate", "退货率"),
    "col.category_return_rate": _e("Category return rate", "类目退货率"),
    "col.category_multiple": _e("× category", "为类目的倍数"),
    "col.closing_on_hand": _e("On hand", "库存"),
    "col.daily_rate": _e("Units a day", "日均销量"),
    "col.days_of_cover": _e("Days of cover", "库存可售天数"),
    "col.sell_through": _e("Sell-through", "售罄率"),
    "col.stock_value": _e("Stock at cost", "库存成本"),
    "col.excess_value": _e("Beyond 90 days", "超额库存成本"),
    "col.launched_on": _e("Launched", "上市日期"),
    "col.days_on_sale": _e("Days on sale", "在售天数"),
    "col.revenue_30": _e("Sales, 30 days", "30天销售额"),
    "col.index_30": _e("Index 30 d", "30天指数"),
    "col.index_60": _e("Index 60 d", "60天指数"),
    "col.index_90": _e("Index 90 d", "90天指数"),
    "col.avg_list_price": _e("Average list price", "平均吊牌价"),
    "col.avg_price": _e("Average price realised", "平均成交价"),
    "col.realisation": _e("Realisation", "价格实现率"),
    "col.discount_depth": _e("Discount depth", "折扣深度"),
    "col.price_cut": _e("Priced below list", "低于吊牌价定价"),
    "col.discount_share": _e("Discounts", "优惠"),
    "col.sales_amount": _e("Sales", "销售额"),
    "col.list_amount": _e("At list price", "吊牌价金额"),
    "col.discount_amount": _e("Discounts", "优惠金额"),
    "col.gross_margin_rate": _e("Gross margin rate", "毛利率"),
    "col.revenue": _e("Revenue after returns", "退货后销售额"),
    "category.total": _e("All categories", "全部类目"),
    "category.unknown": _e("Category unknown", "未知类目"),
    "axis.sku_share": _e("Share of SKUs, largest first", "SKU占比（从大到小）"),
    "axis.cumulative_share": _e("Cumulative share", "累计占比"),
    "axis.index": _e("Index (1 = category)", "指数（1 = 类目平均）"),
}

# ----------------------------------------------------------------------------- profit
_PROFIT: dict[str, _L] = {
    "profit.title": _e("Profit — {month}", "利润 — {month}"),
    "profit.question": _e(
        "What did the month earn, platform by platform, after the cost of goods, commissions, marketing and "
        "logistics — and where did we spend more than the budget?",
        "扣除商品成本、平台佣金、推广和物流费用后，本月各平台赚了多少钱？哪些地方超出了预算？",
    ),
    "profit.headline": _e("What did the month earn?", "本月赚了多少？"),
    "profit.headline.takeaway": _e(
        "Net sales were {net_sales:money} ({net_sales_vs_prior:change} on the prior month, "
        "{net_sales_vs_last_year:change} on last year). The gross margin was {gross_margin_rate:pct} of net sales "
        "and the contribution margin {contribution_margin:money} "
        "({contribution_margin_rate:pct}), {contribution_margin_vs_last_year:change} on last year. "
        "Marketing took {marketing_ratio:pct} of sales.",
        "净销售额{net_sales:money}（环比{net_sales_vs_prior:change}，同比{net_sales_vs_last_year:change}）。"
        "毛利率{gross_margin_rate:pct}，贡献毛利{contribution_margin:money}"
        "（贡献毛利率{contribution_margin_rate:pct}），同比{contribution_margin_vs_last_year:change}。营销费比{marketing_ratio:pct}。",
    ),
    "profit.pnl": _e("From paid amount to contribution margin: where did the money go?", "从实付金额到贡献毛利：钱去了哪里？"),
    "profit.pnl.title": _e(
        "Contribution margin {contribution_margin:money}, {contribution_margin_rate:pct} of net sales",
        "贡献毛利{contribution_margin:money}，占净销售额{contribution_margin_rate:pct}",
    ),
    "profit.pnl.takeaway": _e(
        "Of {net_sales:money} net sales, {gross_margin:money} was left after the cost of goods "
        "({gross_margin_rate:pct}) and {contribution_margin:money} after commissions, marketing and logistics "
        "({contribution_margin_rate:pct}). The contribution margin was {cm_vs_prior:change} on the prior month, "
        "{cm_vs_last_year:change} on last year and {cm_vs_budget:change} against budget. The largest cost was "
        "{biggest_cost:key}. Refunds of the latest weeks are still coming in: this month's will grow a little.",
        "净销售额{net_sales:money}，扣除商品成本后剩毛利{gross_margin:money}（{gross_margin_rate:pct}），再扣除佣金、推广和物流后"
        "剩贡献毛利{contribution_margin:money}（{contribution_margin_rate:pct}）。贡献毛利环比{cm_vs_prior:change}，"
        "同比{cm_vs_last_year:change}，较预算{cm_vs_budget:change}。最大的成本项是{biggest_cost:key}。"
        "最近几周的退款仍在发生，本月退款还会略有增加。",
    ),
    "profit.platforms": _e("Which platform earned the most, and at what margin?", "哪个平台赚得最多？利润率如何？"),
    "profit.platforms.title": _e(
        "{best:platform} earned {best_share:pct} of the contribution margin",
        "{best:platform}贡献了{best_share:pct}的贡献毛利",
    ),
    "profit.platforms.takeaway": _e(
        "{best:platform} earned the most ({best_cm:money}, {best_rate:pct} of its net sales). {thin:platform} "
        "kept the least of each yuan ({thin_rate:pct}); its largest cost after goods was {biggest_cost:key}.",
        "{best:platform}贡献毛利最多（{best_cm:money}，占其净销售额{best_rate:pct}）。{thin:platform}的贡献毛利率最低"
        "（{thin_rate:pct}），除商品成本外最大的成本项是{biggest_cost:key}。",
    ),
    "profit.platforms.takeaway.none": _e("No platform had net sales this month.", "本月没有平台产生净销售额。"),
    "profit.platforms.takeaway.no_margin": _e(
        "No platform's contribution margin is known this month: the unit cost of some products sold is missing.",
        "本月没有平台的贡献毛利可以计算：部分已售商品缺少单位成本。"),
    "profit.ratios": _e("Did marketing and logistics stay within their share of sales?", "营销费比和物流费比是否控制在预算内？"),
    "profit.ratios.title": _e(
        "Marketing took {marketing_ratio:pct} of sales (budget {budget_marketing_ratio:pct}), logistics "
        "{logistics_ratio:pct} (budget {budget_logistics_ratio:pct})",
        "营销费比{marketing_ratio:pct}（预算{budget_marketing_ratio:pct}），物流费比{logistics_ratio:pct}（预算{budget_logistics_ratio:pct}）",
    ),
    "profit.ratios.takeaway": _e(
        "Marketing spend was {marketing_ratio:pct} of sales against a budgeted {budget_marketing_ratio:pct} "
        "({marketing_over:money} over the budget in yuan), logistics {logistics_ratio:pct} against "
        "{budget_logistics_ratio:pct} ({logistics_over:money}). {worst:platform} overspent its marketing budget "
        "the most ({worst_over:money}).",
        "营销费用占销售额{marketing_ratio:pct}，预算为{budget_marketing_ratio:pct}（超出预算{marketing_over:money}）；"
        "物流费比{logistics_ratio:pct}，预算{budget_logistics_ratio:pct}（差额{logistics_over:money}）。"
        "营销超支最多的是{worst:platform}（{worst_over:money}）。",
    ),
    "profit.ratios.takeaway.no_budget": _e(
        "Marketing spend was {marketing_ratio:pct} of sales and logistics {logistics_ratio:pct}; the targets hold no "
        "budget for this month to compare with.",
        "营销费比{marketing_ratio:pct}，物流费比{logistics_ratio:pct}；目标表中没有本月预算可供比较。",
    ),
    "profit.marketing": _e("Where did marketing overspend, and did the spend pay?", "营销在哪里超支？投入是否划算？"),
    "profit.marketing.title": _e(
        "{over:count} of {channels:count} channel budgets overspent, by {over_amount:money} in all",
        "{channels:count}个渠道预算中有{over:count}个超支，合计{over_amount:money}",
    ),
    "profit.marketing.takeaway": _e(
        "The largest overspend was {top_channel:channel} on {top_platform:platform}: {top_over:money} "
        "({top_rate:signed}) beyond its budget. {below_break_even:count} channel(s) brought back less gross margin "
        "than they cost (margin ROAS below 1, {below_spend:money} of spend).",
        "超支最多的是{top_platform:platform}的{top_channel:channel}：超出预算{top_over:money}（{top_rate:signed}）。"
        "有{below_break_even:count}个渠道带回的毛利低于花费（毛利投产比低于1，花费{below_spend:money}）。",
    ),
    "profit.marketing.takeaway.none": _e(
        "No channel spent more than its budget. {below_break_even:count} channel(s) brought back less gross margin "
        "than they cost (margin ROAS below 1, {below_spend:money} of spend).",
        "没有渠道超出预算。有{below_break_even:count}个渠道带回的毛利低于花费（毛利投产比低于1，花费{below_spend:money}）。",
    ),
    "pnl.gross_sales": _e("Gross sales", "商品总额"),
    "pnl.discounts": _e("Discounts (ours)", "优惠（我方承担）"),
    "pnl.paid_amount": _e("Paid amount", "实付金额"),
    "pnl.refunds": _e("Refunds", "退款"),
    "pnl.net_sales": _e("Net sales", "净销售额"),
    "pnl.cogs": _e("Cost of goods", "商品成本"),
    "pnl.gross_margin": _e("Gross margin", "毛利"),
    "pnl.commission": _e("Platform commission", "平台佣金"),
    "pnl.marketing": _e("Marketing", "推广费用"),
    "pnl.logistics": _e("Logistics", "物流费用"),
    "pnl.contribution_margin": _e("Contribution margin", "贡献毛利"),
    "metric.net_sales": _e("Net sales", "净销售额"),
    "metric.gross_margin_rate": _e("Gross margin rate", "毛利率"),
    "metric.contribution_margin": _e("Contribution margin", "贡献毛利"),
    "metric.contribution_margin_rate": _e("Contribution margin rate", "贡献毛利率"),
    "metric.marketing_ratio": _e("Marketing / sales", "营销费比"),
    "metric.logistics_ratio": _e("Logistics / sales", "物流费比"),
    "metric.budget_marketing_ratio": _e("Budget: marketing / sales", "预算营销费比"),
    "metric.budget_logistics_ratio": _e("Budget: logistics / sales", "预算物流费比"),
    "metric.over_budget": _e("Spend beyond budget", "超出预算"),
    "metric.margin_roas": _e("Margin ROAS", "毛利投产比"),
    "col.line": _e("P&L line", "项目"),
    "col.prior_amount": _e("Prior month", "上月"),
    "col.last_year_amount": _e("Same month last year", "去年同月"),
    "col.budget_amount": _e("Budget", "预算"),
    "col.cogs": _e("Cost of goods", "商品成本"),
    "col.budget": _e("Budget", "预算"),
    "col.vs_budget": _e("vs budget", "较预算"),
    "col.diff_budget": _e("Difference to budget", "与预算差额"),
    "col.spend": _e("Spend", "花费"),
    "col.over_budget": _e("Beyond budget", "超出预算"),
    "col.over_budget_rate": _e("Beyond budget, %", "超支比例"),
    "col.margin_roas": _e("Margin ROAS", "毛利投产比"),
    "col.marketing": _e("Marketing", "推广费用"),
    "col.logistics": _e("Logistics", "物流费用"),
    "col.commission": _e("Commission", "平台佣金"),
    "col.net_sales": _e("Net sales", "净销售额"),
    "col.gross_margin": _e("Gross margin", "毛利"),
    "col.contribution_margin": _e("Contribution margin", "贡献毛利"),
    "col.contribution_margin_rate": _e("Contribution margin rate", "贡献毛利率"),
    "col.marketing_ratio": _e("Marketing / sales", "营销费比"),
    "col.budget_marketing_ratio": _e("Budget", "预算"),
    "col.logistics_ratio": _e("Logistics / sales", "物流费比"),
    "col.budget_logistics_ratio": _e("Budget", "预算"),
    "col.marketing_over": _e("Marketing beyond budget", "营销超预算"),
    "col.logistics_over": _e("Logistics beyond budget", "物流超预算"),
    "legend.budget": _e("Budget", "预算"),
}

# ----------------------------------------------------------------------------- overview, customers, service
# The management overview (kpis), the customers and the customer-service reports: their
# vocabulary (segments, statuses, ticket topics, return reasons, product categories), their
# columns, and their headings and sentences, in one block.
_OVERVIEW_CUSTOMERS_SERVICE: dict[str, _L] = {
    # metrics
    "metric.marketing_spend": _e("Marketing spend", "推广花费"),
    "metric.refund_rate": _e("Refund rate", "退款率"),
    "metric.csat": _e("CSAT (1–5)", "满意度（1–5分）"),
    "metric.complaints_per_1000_orders": _e("Complaints per 1,000 orders", "每千单投诉"),
    "metric.tickets": _e("Tickets", "工单量"),
    "metric.first_response_median_min": _e("First reply, median (minutes)", "首次响应时长中位数（分钟）"),
    "metric.customers": _e("Customers who bought", "购买客户数"),
    "metric.returning_sales_share": _e("Returning customers' share of sales", "老客销售占比"),
    "metric.repeat_rate_30": _e("30-day repeat rate", "30天复购率"),
    "metric.repeat_rate_90": _e("90-day repeat rate", "90天复购率"),
    "metric.repeat_rate": _e("Repeat-purchase rate", "复购率"),
    "metric.retention": _e("Retention", "留存率"),
    "metric.spend": _e("Spend", "花费"),
    "metric.budget": _e("Budget", "预算"),
    "metric.vs_prior": _e("Change on the prior month", "环比变化"),
    "metric.complaints": _e("Complaints", "投诉量"),
    "metric.satisfied_share": _e("Rated 4–5 (CSAT)", "好评率（4–5分）"),
    "metric.share_of_buyers": _e("Share of buyers", "买家占比"),
    "metric.share_of_sales": _e("Share of sales", "销售占比"),
    # scorecard statuses
    "status.green": _e("● On target", "● 达标"),
    "status.amber": _e("● Within 5% of target", "● 差距5%以内"),
    "status.red": _e("● Off target", "● 未达标"),
    "status.no_target": _e("No target", "无目标"),
    "status.no_data": _e("No data", "无数据"),
    # RFM segments and movements
    "segment.important_value": _e("Important value", "重要价值客户"),
    "segment.important_develop": _e("Important to develop", "重要发展客户"),
    "segment.important_retain": _e("Important to retain", "重要保持客户"),
    "segment.important_winback": _e("Important to win back", "重要挽留客户"),
    "segment.general_value": _e("General value", "一般价值客户"),
    "segment.general_develop": _e("General to develop", "一般发展客户"),
    "segment.general_retain": _e("General to retain", "一般保持客户"),
    "segment.general_winback": _e("General to win back", "一般挽留客户"),
    "segment.entered": _e("First purchase in the window", "新进入（窗口内首购）"),
    "segment.lapsed": _e("Lapsed (no purchase in 12 months)", "流失（12个月无购买）"),
    # product categories and ticket topics (the category column of either)
    "category.skincare": _e("Skincare", "护肤"),
    "category.makeup": _e("Make-up", "彩妆"),
    "category.haircare": _e("Hair care", "洗护发"),
    "category.body_care": _e("Body care", "身体护理"),
    "category.fragrance": _e("Fragrance", "香氛"),
    "category.home_textiles": _e("Home textiles", "家纺"),
    "category.kitchen": _e("Kitchen", "厨具"),
    "category.storage": _e("Storage", "收纳"),
    "category.logistics": _e("Logistics", "物流"),
    "category.quality": _e("Product quality", "商品质量"),
    "category.wrong_item": _e("Wrong or missing item", "错发漏发"),
    "category.size_fit": _e("Size or fit", "尺寸不符"),
    "category.pre_sale": _e("Pre-sale question", "售前咨询"),
    "category.refund": _e("Refund", "退款"),
    "category.other": _e("Other", "其他"),
    # return reasons
    "reason.quality": _e("Quality problem", "质量问题"),
    "reason.unknown": _e("Reason not given", "未注明原因"),
    "reason.damaged": _e("Damaged in transit", "运输破损"),
    "reason.wrong_item": _e("Wrong item", "发错货"),
    "reason.not_as_described": _e("Not as described", "与描述不符"),
    "reason.changed_mind": _e("Changed mind", "不想要了"),
    "reason.late_delivery": _e("Late delivery", "配送太慢"),
    # product groups of the margin ranking
    "group.top": _e("Most margin", "毛利贡献最多"),
    "group.bottom": _e("Least margin", "毛利贡献最少"),
    # columns
    "col.target": _e("Target", "目标"),
    "col.vs_target": _e("vs target", "较目标"),
    "col.status": _e("Status", "状态"),
    "col.from_segment": _e("Last month", "上月群体"),
    "col.to_segment": _e("This month", "本月群体"),
    "col.customers": _e("Customers", "客户数"),
    "col.customers_prior": _e("Customers, prior month", "上月客户数"),
    "col.customers_change": _e("Change", "变化"),
    "col.share_of_from": _e("Share of last month's segment", "占上月群体比例"),
    "col.window_paid_amount": _e("Sales, 12 months", "近12个月销售额"),
    "col.month_paid_amount": _e("Sales this month", "本月销售额"),
    "col.mean_recency_days": _e("Days since last purchase", "距上次购买天数"),
    "col.mean_frequency": _e("Orders in 12 months", "近12个月订单数"),
    "col.mean_monetary": _e("Spend in 12 months", "近12个月消费额"),
    "col.share_of_buyers": _e("Share of buyers", "买家占比"),
    "col.share_of_sales": _e("Share of sales", "销售占比"),
    "col.window_days": _e("Window (days)", "复购窗口（天）"),
    "col.cohort": _e("Cohort", "首购月份"),
    "col.months_since": _e("Months after first purchase", "首购后月数"),
    "col.cohort_customers": _e("Customers won", "新客数"),
    "col.active_customers": _e("Bought that month", "当月购买客户"),
    "col.retention": _e("Retention", "留存率"),
    "col.cumulative_revenue_per_customer": _e("Cumulative revenue per customer", "人均累计消费"),
    "col.repeat_customers": _e("Bought again", "复购客户数"),
    "col.repeat_rate": _e("Repeat rate", "复购率"),
    "col.paid_amount_prior": _e("Paid amount, prior month", "上月支付金额"),
    "col.sales_vs_prior": _e("Sales vs prior month", "销售额环比"),
    "col.tickets": _e("Tickets", "工单量"),
    "col.complaint_share": _e("Complaint share", "投诉占比"),
    "col.share_of_tickets": _e("Share of tickets", "工单占比"),
    "col.responded": _e("Answered", "已响应"),
    "col.first_response_median_min": _e("First reply, median (min)", "首次响应中位数（分钟）"),
    "col.first_response_p90_min": _e("First reply, 90th pct (min)", "首次响应90分位（分钟）"),
    "col.resolved": _e("Resolved", "已解决"),
    "col.resolution_median_h": _e("Resolution, median (h)", "解决时长中位数（小时）"),
    "col.resolution_p90_h": _e("Resolution, 90th pct (h)", "解决时长90分位（小时）"),
    "col.unresolved": _e("Still open", "未解决"),
    "col.rated": _e("Rated", "评价数"),
    "col.csat": _e("CSAT", "满意度"),
    "col.satisfied_share": _e("Rated 4–5", "好评率"),
    "col.complaints_per_1000_orders": _e("Complaints per 1,000 orders", "每千单投诉"),
    "col.net_amount": _e("Net sales", "退款后销售额"),
    "col.refund_rate": _e("Refund rate", "退款率"),
    "col.returns": _e("Returns", "退货单数"),
    "col.refund_share": _e("Refunds / sales", "退款占销售额"),
    "col.share_of_returns": _e("Share of returns", "退货占比"),
    "col.reason": _e("Reason", "退货原因"),
    "col.batch_id": _e("Batch", "批次"),
    "col.expected": _e("Expected from peers", "同类预期"),
    "col.ratio": _e("× expected", "为预期倍数"),
    "col.batch_complaints": _e("Complaints naming the batch", "指明该批次的投诉"),
    "col.batch_share_of_complaints": _e("Share of complaints", "投诉占比"),
    "col.batch_share_of_units": _e("Share of units received", "到货数量占比"),
    "col.group": _e("Group", "分组"),
    "col.share_of_margin": _e("Share of margin", "毛利占比"),
    # overview
    "overview.title": _e("The month at a glance — {month}", "经营概览 — {month}"),
    "overview.question": _e(
        "How did the month go — sales, profit, customers, service and supply — against target, the prior "
        "month and last year, and what moved it?",
        "本月经营如何——销售、利润、客户、服务与供应——对比目标、上月和去年同期表现怎样？是什么带来了变化？",
    ),
    "overview.scorecard": _e("How did the month do against its targets?", "本月各项指标是否达成目标？"),
    "overview.scorecard.platforms": _e("By platform: this month, coloured by status against the platform's target",
                                      "分平台：本月数值，颜色表示对照该平台目标的达成状态"),
    "overview.scorecard.takeaway": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year) and gross margin {gross_margin:money}. {met} of the {with_target} metrics with a target met it; "
        "{red} missed it by more than 5%, furthest {worst:metric} ({worst_vs_target:signed} against target).",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}），毛利{gross_margin:money}。"
        "设有目标的{with_target}项指标中{met}项达标；{red}项差距超过5%，差距最大的是{worst:metric}（较目标{worst_vs_target:signed}）。",
    ),
    "overview.scorecard.takeaway.no_red": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year) and gross margin {gross_margin:money}. {met} of the {with_target} metrics with a target met it, "
        "and none missed it by more than 5%.",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}），毛利{gross_margin:money}。"
        "设有目标的{with_target}项指标中{met}项达标，没有指标差距超过5%。",
    ),
    "overview.scorecard.takeaway.no_targets": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year) and gross margin {gross_margin:money}. No targets were set for this month: the scorecard "
        "compares with the prior month and last year only.",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}），毛利{gross_margin:money}。"
        "本月未设定目标，仅与上月和去年同期对比。",
    ),
    "overview.changes": _e("What moved most this month, and why?", "本月变化最大的是什么？原因何在？"),
    "overview.changes.title": _e("{metric:metric} moved most: {vs_prior:change} on the prior month",
                                 "变化最大的是{metric:metric}：环比{vs_prior:change}"),
    "overview.change.platform": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); {platform:platform} accounts "
        "for {share_of_change:pct} of the change ({platform_vs_prior:change} to {platform_value_fmt}).",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；{platform:platform}贡献了其中"
        "{share_of_change:pct}的变化（环比{platform_vs_prior:change}至{platform_value_fmt}）。",
    ),
    "overview.change.platform.ratio": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); it moved most on "
        "{platform:platform}, {platform_vs_prior:change} to {platform_value_fmt}.",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；变化最大的平台是{platform:platform}，"
        "环比{platform_vs_prior:change}至{platform_value_fmt}。",
    ),
    "overview.change.segment": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); of the {total_change:pp}, "
        "{platform:platform} {device:device} explains {effect:pp}, mostly through a {part:effect_kind}.",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；在{total_change:pp}的变化中，"
        "{platform:platform}{device:device}贡献{effect:pp}，主要来自{part:effect_kind}。",
    ),
    "overview.change.promotion": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); {platform:platform} accounts for "
        "{share_of_change:pct} of the change. The promotion “{promo_name}” ({promo_platform:platform}) added "
        "{incremental_margin:money} of incremental margin (ROI {roi:ratio}).",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；{platform:platform}贡献了其中"
        "{share_of_change:pct}的变化。活动“{promo_name}”（{promo_platform:platform}）带来增量毛利{incremental_margin:money}"
        "（ROI {roi:ratio}）。",
    ),
    "overview.change.spike": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); complaints about {product_name} "
        "({sku}) stand out — {complaints:count} where {expected:ratio} were expected — traced to {supplier_name}, "
        "batch {batch_id}.",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；{product_name}（{sku}）的投诉异常突出"
        "——{complaints:count}件，预期仅{expected:ratio}件——可追溯至{supplier_name}的批次{batch_id}。",
    ),
    "overview.change.supplier": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); {supplier_name} had the most "
        "late or short purchase-order lines ({late_lines:count} of {lines:count}, OTIF {supplier_otif:pct}).",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；{supplier_name}延迟或短缺的采购行最多"
        "（{lines:count}行中{late_lines:count}行，准时足量率{supplier_otif:pct}）。",
    ),
    "overview.change": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}).",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）。",
    ),
    "overview.budget": _e("Did marketing stay within budget, channel by channel?", "各渠道推广花费是否控制在预算内？"),
    "overview.budget.title": _e("Marketing spent {spend:money} against a budget of {budget:money} ({over_budget_rate:signed})",
                                "推广花费{spend:money}，预算{budget:money}（{over_budget_rate:signed}）"),
    "overview.budget.takeaway": _e(
        "Marketing spent {spend:money} against {budget:money} budgeted ({over_budget_rate:signed}) and the platforms "
        "attribute {roas:ratio} yuan of sales to each yuan. {over_channels} channel(s) overspent, most of all "
        "{worst:channel}, by {worst_over:money} ({worst_over_rate:signed}). The best return came from {best:channel} "
        "(ROAS {best_roas:ratio}).",
        "推广花费{spend:money}，预算{budget:money}（{over_budget_rate:signed}），平台归因的投入产出比为{roas:ratio}。"
        "{over_channels}个渠道超支，超支最多的是{worst:channel}，超出{worst_over:money}（{worst_over_rate:signed}）。"
        "回报最高的是{best:channel}（投入产出比{best_roas:ratio}）。",
    ),
    "overview.budget.takeaway.within": _e(
        "Marketing spent {spend:money} against {budget:money} budgeted ({over_budget_rate:signed}) and the platforms "
        "attribute {roas:ratio} yuan of sales to each yuan. Every channel stayed within its budget; the best return "
        "came from {best:channel} (ROAS {best_roas:ratio}).",
        "推广花费{spend:money}，预算{budget:money}（{over_budget_rate:signed}），平台归因的投入产出比为{roas:ratio}。"
        "所有渠道均未超支；回报最高的是{best:channel}（投入产出比{best_roas:ratio}）。",
    ),
    "overview.budget.takeaway.none": _e(
        "Marketing spent {spend:money}; no budget was set for the month. The platforms attribute {roas:ratio} yuan of "
        "sales to each yuan, most from {best:channel} (ROAS {best_roas:ratio}).",
        "推广花费{spend:money}；本月未设定预算。平台归因的投入产出比为{roas:ratio}，回报最高的是{best:channel}"
        "（投入产出比{best_roas:ratio}）。",
    ),
    "overview.products": _e("Which products earned the most margin, and which the least?", "哪些商品贡献毛利最多，哪些最少？"),
    "overview.products.takeaway": _e(
        "{top_name} ({top_sku}) earned the most gross margin, {top_margin:money} at a {top_rate:pct} margin rate; the "
        "top {n} together brought {top_share:pct} of the month's product margin. At the other end {bottom_name} "
        "({bottom_sku}) earned {bottom_margin:money}; {negative} of the bottom {n} lost money after refunds.",
        "{top_name}（{top_sku}）贡献毛利最多，{top_margin:money}，毛利率{top_rate:pct}；前{n}名合计贡献本月商品毛利的"
        "{top_share:pct}。末位的{bottom_name}（{bottom_sku}）仅贡献{bottom_margin:money}；末位{n}个商品中有{negative}个扣除退款后亏损。",
    ),
    # customers
    "customers.title": _e("Customers — {month}", "客户分析 — {month}"),
    "customers.question": _e(
        "Who bought this month — new or returning customers — do they come back, what are they worth, and where do "
        "they live?",
        "本月是谁在购买——新客还是老客？他们会回购吗？价值几何？分布在哪些省份？",
    ),
    "customers.headline": _e("How many customers bought, and how many came back?", "本月有多少客户购买，多少人回购？"),
    "customers.headline.takeaway": _e(
        "{customers:count} customers bought in {month} ({customers_vs_prior:change} on the prior month), "
        "{new_buyers:count} of them for the first time. Returning customers brought {returning_sales_share:pct} of "
        "sales. Of the latest cohorts whose window has closed, {repeat_rate_30:pct} bought again within 30 days and "
        "{repeat_rate_90:pct} within 90.",
        "{month}共有{customers:count}位客户购买（环比{customers_vs_prior:change}），其中{new_buyers:count}位为首次购买。"
        "老客贡献了{returning_sales_share:pct}的销售额。在复购窗口已结束的最近一批新客中，{repeat_rate_30:pct}在30天内"
        "再次购买，{repeat_rate_90:pct}在90天内再次购买。",
    ),
    "customers.new_returning": _e("Are we winning new customers or bringing old ones back?", "我们在获取新客，还是留住老客？"),
    "customers.new_returning.title": _e(
        "{new_share:pct} of buyers were new; returning buyers brought {returning_sales_share:pct} of sales",
        "新客占买家的{new_share:pct}；老客贡献{returning_sales_share:pct}的销售额",
    ),
    "customers.new_returning.takeaway": _e(
        "{new:count} buyers were new and {returning:count} returning. Returning buyers spent {returning_aov:money2} "
        "each, new buyers {new_aov:money2}, and returning buyers brought {returning_sales_share:pct} of the month's "
        "sales. A buyer is new when the month holds their first paid order on these platforms in the data.",
        "本月新客{new:count}人、老客{returning:count}人。老客客单价{returning_aov:money2}，新客{new_aov:money2}；"
        "老客贡献本月{returning_sales_share:pct}的销售额。新客指本月支付的订单是其在所选平台上数据中的首单。",
    ),
    "customers.repeat": _e("How many new customers buy again within 30 and 90 days?", "新客在30天、90天内复购的比例是多少？"),
    "customers.repeat.takeaway": _e(
        "Of the customers won in {cohort_30}, {rate_30:pct} bought again within 30 days (95% interval {low_30:pct}–"
        "{high_30:pct}); the cohorts before averaged {earlier_30:pct}. Of those won in {cohort_90}, {rate_90:pct} "
        "bought again within 90 days ({low_90:pct}–{high_90:pct}; before: {earlier_90:pct}). Only cohorts whose "
        "window closed by the month's end count, so these rates do not move when later data arrives.",
        "{cohort_30}获取的新客中，{rate_30:pct}在30天内再次购买（95%置信区间{low_30:pct}–{high_30:pct}），此前各批平均"
        "{earlier_30:pct}。{cohort_90}获取的新客中，{rate_90:pct}在90天内再次购买（{low_90:pct}–{high_90:pct}；此前"
        "{earlier_90:pct}）。只计入复购窗口在本月底前已结束的批次，因此后续数据到来时这些比率不会变化。",
    ),
    "customers.rfm": _e("Which customer segments do we have?", "客户可分为哪些价值群体？"),
    "customers.rfm.title": _e(
        "{value_customers:count} important-value customers ({value_share:pct}) bring {value_sales_share:pct} of 12-month sales",
        "重要价值客户{value_customers:count}人（{value_share:pct}），贡献近12个月{value_sales_share:pct}的销售额",
    ),
    "customers.rfm.takeaway": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count} ({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} "
        "of the 12 months' sales; {grower:segment} grew most ({grower_change:+d}). Recency, frequency and spend are "
        "each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segment}（{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
        "贡献近12个月{value_sales_share:pct}的销售额；增长最多的是{grower:segment}（{grower_change:+d}）。"
        "最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.value_grew": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count}, the segment that grew most ({value_change:+d} since the prior month's end), and "
        "brought {value_sales_share:pct} of the 12 months' sales. Recency, frequency and spend are each scored high "
        "or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segment}（{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人，是增长最多的群体（较上月末"
        "{value_change:+d}），贡献近12个月{value_sales_share:pct}的销售额。最近一次消费、消费频率和消费金额均与全体客户的"
        "平均值比较，分为高、低两档。",
    ),
    "customers.movement": _e("How did customers move between segments since last month?", "与上月相比，客户在各群体间如何流动？"),
    "customers.movement.title": _e(
        "{value_stayed:pct} of important-value customers stayed important value",
        "{value_stayed:pct}的重要价值客户保持在该群体",
    ),
    "customers.movement.takeaway": _e(
        "{entered:count} customers entered the 12-month window with their first purchase and {lapsed:count} dropped "
        "out of it. {value_stayed:pct} of last month's important-value customers are still important value; the "
        "largest group that left moved to {value_left_to:segment} ({value_left:count}).",
        "{entered:count}位客户以首购进入近12个月窗口，{lapsed:count}位客户移出窗口。上月的重要价值客户中"
        "{value_stayed:pct}仍为重要价值客户；离开的客户中最多转为{value_left_to:segment}（{value_left:count}人）。",
    ),
    "customers.cohorts": _e("Do the customers we win each month keep buying?", "每月获取的新客是否持续购买？"),
    "customers.cohorts.title": _e(
        "On average {month1_retention:pct} of a month's new customers buy again the next month",
        "平均{month1_retention:pct}的新客在首购次月再次购买",
    ),
    "customers.cohorts.revenue": _e("Cumulative revenue per customer by months after the first purchase",
                                    "首购后各月人均累计消费"),
    "customers.cohorts.takeaway": _e(
        "Across the last {cohorts} cohorts, {month1_retention:pct} of new customers bought again in the month after "
        "their first purchase ({latest_cohort}: {latest_month1:pct}). A customer spends {revenue_m0:money2} in the "
        "month of the first purchase and {revenue_m3:money2} in all by the third month after it, on average.",
        "最近{cohorts}批新客中，{month1_retention:pct}在首购次月再次购买（{latest_cohort}批次：{latest_month1:pct}）。"
        "平均每位客户首购当月消费{revenue_m0:money2}，到首购后第3个月累计消费{revenue_m3:money2}。",
    ),
    "customers.provinces": _e("Where do our buyers live?", "买家分布在哪些省份？"),
    "customers.provinces.title": _e("{top} brings {top_share:pct} of sales; the top three {top3_share:pct}",
                                    "{top}贡献{top_share:pct}的销售额；前三省合计{top3_share:pct}"),
    "customers.provinces.takeaway": _e(
        "Buyers came from {provinces} provinces. {top} leads with {top_share:pct} of sales; the top three bring "
        "{top3_share:pct} and the top ten {top10_share:pct}. Among the top ten, {grower} grew fastest on the prior "
        "month ({grower_change:change}).",
        "买家来自{provinces}个省份。{top}以{top_share:pct}的销售额居首；前三省合计{top3_share:pct}，前十省合计"
        "{top10_share:pct}。前十省中，{grower}环比增长最快（{grower_change:change}）。",
    ),
    # service
    "service.title": _e("Customer service — {month}", "客户服务 — {month}"),
    "service.question": _e(
        "What did customers contact us about, how fast and how well did we answer, what came back and why, and which "
        "supplier is behind the complaints?",
        "客户因为什么联系我们？我们响应和解决得多快、多好？哪些商品被退回、为什么？投诉背后是哪家供应商？",
    ),
    "service.headline": _e("How did customer service do this month?", "本月客户服务表现如何？"),
    "service.headline.takeaway": _e(
        "{tickets:count} tickets were opened in {month} ({tickets_vs_prior:change} on the prior month). Customers rated "
        "us {csat:ratio} out of 5 ({csat_vs_prior:change}) and the first reply came within a median of "
        "{first_response_median_min:count} minutes. Complaints ran at {complaints_per_1000_orders:ratio} per 1,000 orders "
        "and {refund_rate:pct} of the paid amount was refunded. {worst_csat_platform:platform} had the lowest CSAT "
        "({worst_csat:ratio}).",
        "{month}共新建工单{tickets:count}张（环比{tickets_vs_prior:change}）。客户评分{csat:ratio}分（满分5分，环比"
        "{csat_vs_prior:change}），首次响应时长中位数{first_response_median_min:count}分钟。每千单投诉"
        "{complaints_per_1000_orders:ratio}件，退款率{refund_rate:pct}。满意度最低的平台是{worst_csat_platform:platform}"
        "（{worst_csat:ratio}分）。",
    ),
    "service.tickets": _e("What did customers contact us about, and on which platform?", "客户因为什么联系我们，来自哪个平台？"),
    "service.tickets.title": _e("{top_category:category} is the most common topic ({top_share:pct} of tickets)",
                                "最常见的问题是{top_category:category}（占工单{top_share:pct}）"),
    "service.tickets.takeaway": _e(
        "{tickets:count} tickets were opened, {complaints:count} of them complaints ({complaint_share:pct}). "
        "{top_category:category} was the most common topic ({top_share:pct}); {top_complaint_category:category} drew "
        "the most complaints ({top_complaints:count}). {top_platform:platform} had the most tickets.",
        "本月新建工单{tickets:count}张，其中投诉{complaints:count}件（{complaint_share:pct}）。最常见的问题是"
        "{top_category:category}（{top_share:pct}）；投诉最多的是{top_complaint_category:category}（{top_complaints:count}件）。"
        "工单最多的平台是{top_platform:platform}。",
    ),
    "service.response": _e("How fast did we answer and resolve?", "我们响应和解决得有多快？"),
    "service.response.takeaway": _e(
        "The first reply came within a median of {fastest_median:count} minutes on the fastest platform and "
        "{slowest_median:count} minutes on {slowest:platform}, where one ticket in ten waited more than "
        "{slowest_p90:count} minutes. Resolution took a median of up to {resolution_median_max:ratio} hours; "
        "{unresolved:count} of the month's tickets are not resolved yet.",
        "最快的平台首次响应时长中位数为{fastest_median:count}分钟，{slowest:platform}为{slowest_median:count}分钟，"
        "且有一成工单等待超过{slowest_p90:count}分钟。各平台解决时长中位数最长为{resolution_median_max:ratio}小时；"
        "本月工单中仍有{unresolved:count}张未解决。",
    ),
    "service.csat": _e("How satisfied were customers, month by month?", "客户满意度逐月如何变化？"),
    "service.csat.title": _e("CSAT {csat:ratio} in {month} (95% interval {low:ratio}–{high:ratio})",
                             "{month}满意度{csat:ratio}分（95%置信区间{low:ratio}–{high:ratio}）"),
    "service.csat.takeaway": _e(
        "{rated:count} customers rated their ticket: {csat:ratio} out of 5 on average ({low:ratio}–{high:ratio}), "
        "{satisfied_share:pct} gave 4 or 5. The {months_before} months before averaged {mean_before:ratio}, inside "
        "this month's interval: no change beyond chance.",
        "{rated:count}位客户对工单作出评价：平均{csat:ratio}分（{low:ratio}–{high:ratio}），{satisfied_share:pct}给出4或5分。"
        "此前{months_before}个月平均{mean_before:ratio}分，落在本月置信区间内：变化未超出随机波动。",
    ),
    "service.csat.takeaway.outside": _e(
        "{rated:count} customers rated their ticket: {csat:ratio} out of 5 on average ({low:ratio}–{high:ratio}), "
        "{satisfied_share:pct} gave 4 or 5. The {months_before} months before averaged {mean_before:ratio}, outside "
        "this month's interval: a change beyond chance, worth a look.",
        "{rated:count}位客户对工单作出评价：平均{csat:ratio}分（{low:ratio}–{high:ratio}），{satisfied_share:pct}给出4或5分。"
        "此前{months_before}个月平均{mean_before:ratio}分，落在本月置信区间之外：变化超出随机波动，值得关注。",
    ),
    "service.suppliers": _e("Which suppliers' products draw complaints?", "哪些供应商的商品投诉较多？"),
    "service.suppliers.title": _e(
        "{top_name} drew the most complaints: {top_complaints:count}, {top_rate:ratio} per 1,000 orders",
        "{top_name}的投诉最多：{top_complaints:count}件，每千单{top_rate:ratio}件",
    ),
    "service.suppliers.takeaway": _e(
        "Products of {with_complaints} suppliers drew {complaints:count} complaints. {top_name} had the most: "
        "{top_complaints:count}, {top_rate:ratio} per 1,000 of the {top_orders:count} orders with its products.",
        "{with_complaints}家供应商的商品共收到{complaints:count}件投诉。最多的是{top_name}：{top_complaints:count}件，"
        "在含其商品的{top_orders:count}单中为每千单{top_rate:ratio}件。",
    ),
    "service.suppliers.takeaway.none": _e("No complaint named a product this month.", "本月没有指明商品的投诉。"),
    "service.products": _e("Which products draw complaints?", "哪些商品投诉较多？"),
    "service.products.takeaway": _e(
        "{with_complaints} products drew {complaints:count} complaints; {top_name} ({top}) the most: "
        "{top_complaints:count} in {top_orders:count} orders ({top_rate:ratio} per 1,000).",
        "{with_complaints}个商品共收到{complaints:count}件投诉；最多的是{top_name}（{top}）：{top_orders:count}单中"
        "{top_complaints:count}件（每千单{top_rate:ratio}件）。",
    ),
    "service.products.takeaway.none": _e("No complaint named a product this month.", "本月没有指明商品的投诉。"),
    "service.refunds": _e("How much was refunded, on which platform?", "退款金额多少，来自哪些平台？"),
    "service.refunds.takeaway": _e(
        "{refund_amount:money} of the month's paid orders was refunded, {refund_rate:pct} of the paid amount, leaving "
        "net sales of {net_amount:money}. {top:platform} refunded the largest share ({top_rate:pct}). Refunds keep "
        "arriving for weeks after an order, so the latest month's rate still rises.",
        "本月支付订单中退款{refund_amount:money}，占支付金额的{refund_rate:pct}，退款后销售额{net_amount:money}。"
        "退款率最高的平台是{top:platform}（{top_rate:pct}）。退款会在下单后数周内陆续发生，最近一个月的退款率仍会上升。",
    ),
    "service.returns": _e("What was returned, and why?", "哪些商品被退回，原因是什么？"),
    "service.returns.takeaway": _e(
        "{returns:count} returns ({units_returned:count} units, {refund_amount:money} refunded) were accepted this "
        "month, {return_rate:pct} of the units sold. {top_category:category} had the highest return rate "
        "({top_rate:pct}); the most common reason was {top_reason:reason} ({top_reason_share:pct} of returns).",
        "本月受理退货{returns:count}单（{units_returned:count}件，退款{refund_amount:money}），占销售件数的"
        "{return_rate:pct}。退货率最高的类目是{top_category:category}（{top_rate:pct}）；最常见的原因是"
        "{top_reason:reason}（占退货{top_reason_share:pct}）。",
    ),
    "service.returned_products": _e("Which products come back most?", "哪些商品退货最多？"),
    "service.returned_products.takeaway": _e(
        "{skus} products were returned this month. {most_name} ({most_sku}) came back most: {most_units:count} units, "
        "{most_rate:pct} of the units sold. Among products that sold at least {min_units} units, {worst_name} "
        "({worst_sku}) has the highest return rate ({worst_rate:pct} of {worst_sold:count}).",
        "本月有{skus}个商品发生退货。退货最多的是{most_name}（{most_sku}）：{most_units:count}件，占其销售件数的"
        "{most_rate:pct}。销量不少于{min_units}件的商品中，{worst_name}（{worst_sku}）退货率最高（{worst_sold:count}件中"
        "{worst_rate:pct}）。",
    ),
    "service.returned_products.takeaway.none": _e("No product was returned this month.", "本月没有商品退货。"),
    "service.reasons": _e("Which reasons dominate in each category?", "各类目的主要退货原因是什么？"),
    "service.reasons.title": _e(
        "{top_reason:reason} is the most common reason ({top_reason_share:pct} of returns)",
        "最常见的退货原因是{top_reason:reason}（占退货{top_reason_share:pct}）",
    ),
    "service.reasons.takeaway": _e(
        "{top_reason:reason} is the most common reason overall ({top_reason_share:pct} of returns). The largest single "
        "share is {peak_reason:reason} in {peak_category:category} ({peak_share:pct} of that category's returns). "
        "Reasons that point at the product — quality, damage, not as described — make {product_share:pct} of returns.",
        "整体最常见的退货原因是{top_reason:reason}（占退货{top_reason_share:pct}）。单项占比最高的是{peak_category:category}"
        "的{peak_reason:reason}（占该类目退货的{peak_share:pct}）。指向商品本身的原因——质量、破损、与描述不符——合计占退货的"
        "{product_share:pct}。",
    ),
    "service.reasons.takeaway.none": _e("No return was accepted this month.", "本月没有受理退货。"),
    "service.trace": _e("Can a complaint spike be traced to a supplier and a batch?", "投诉激增能否追溯到供应商和批次？"),
    "service.trace.takeaway": _e(
        "{product_name} ({sku}) drew {complaints:count} complaints where its category peers predict {expected:ratio} "
        "({ratio:ratio}×). {batch_complaints:count} of them name batch {batch_id} — {batch_share:pct} of its "
        "complaints that name a batch, from a batch that made {units_share:pct} of the units received. The batch came "
        "from {supplier_name} ({supplier_id}) on purchase order {po_id}, received {received_on:date}: hold its stock "
        "and raise it with the supplier.",
        "{product_name}（{sku}）收到{complaints:count}件投诉，而同类商品的水平预期仅{expected:ratio}件（{ratio:ratio}倍）。"
        "其中{batch_complaints:count}件指明批次{batch_id}——占指明批次投诉的{batch_share:pct}，而该批次仅占到货数量的"
        "{units_share:pct}。该批次来自{supplier_name}（{supplier_id}），采购单{po_id}，{received_on:date}到货：建议冻结该批次库存并与供应商交涉。",
    ),
    "service.trace.takeaway.none": _e(
        "No product's complaints in the last {months} months stand out from its category peers: each product is "
        "tested against its peers' complaint rate, with a bound that allows for testing hundreds of products.",
        "最近{months}个月没有任何商品的投诉明显高于同类商品：每个商品都与同类商品的投诉率比较，并按同时检验数百个商品的情况校正。",
    ),
}

CATALOGUE: dict[str, _L] = {**_VOCABULARY, **_TRAFFIC, **_CONVERSION, **_FULFILMENT, **_PRODUCTS, **_PROFIT, **_OVERVIEW_CUSTOMERS_SERVICE}

_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


class TextError(StorebookError, KeyError):
    """A key or language the catalogue does not hold."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0] if self.args else ""


def check_language(language: str) -> str:
    """The language code, checked.

    Raises:
        TextError: for a language the catalogue does not hold.
    """
    if language not in LANGUAGES:
        raise TextError(f"language '{language}' is not available; choose one of {', '.join(LANGUAGES)}")
    return language


def is_key(value: str) -> bool:
    """True when ``value`` looks like a catalogue key (``area.key``)."""
    return isinstance(value, str) and bool(_KEY.match(value))


#: The store's currency (ISO 4217) for every amount shown: set once per report page and pack
#: from the store's identity (:func:`use_currency`); the sample store's CNY by default.
_CURRENCY: contextvars.ContextVar[str] = contextvars.ContextVar("storebook_currency", default="CNY")
#: How the department writes the currencies it meets; others as babel writes them (en).
_SYMBOLS = {"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$",
            "TWD": "NT$", "KRW": "₩", "INR": "₹", "CLP": "CLP$", "BRL": "R$", "CAD": "CA$", "AUD": "A$"}


def use_currency(code: str) -> None:
    """Show every amount from here on in ``code`` (``EUR`` → €12,345)."""
    _CURRENCY.set((code or "CNY").upper())


def currency_symbol(code: str | None = None) -> str:
    """The symbol written before an amount: ``currency_symbol("EUR")`` → ``€``.

    >>> currency_symbol("CNY"), currency_symbol("EUR"), currency_symbol("CHF")
    ('¥', '€', 'CHF\xa0')
    """
    code = (code or _CURRENCY.get()).upper()
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    try:
        from babel.numbers import get_currency_symbol

        symbol = get_currency_symbol(code, locale="en")
    except Exception:  # noqa: BLE001 - babel missing or an unknown code: the code itself
        symbol = code
    return symbol if symbol != code else code + "\xa0"


def format_money(value: float, decimals: int = 0) -> str:
    """Money as the department writes it, the sign before the currency (the store's).

    >>> format_money(1234.5), format_money(-62829.4), format_money(-0.4)
    ('¥1,234', '−¥62,829', '¥0')
    """
    text = f"{abs(value):,.{decimals}f}"
    negative = value < 0 and any(ch not in "0.," for ch in text)
    return ("−" if negative else "") + currency_symbol() + text


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | int) and math.isnan(value))
    except TypeError:
        return False


class _Formatter(string.Formatter):
    """``str.format`` with the house specs (see the module docstring)."""

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def format_field(self, value: Any, spec: str) -> str:
        t = self.text
        if spec == "event_suffix":  # " (Double 11)" after a day, or nothing
            if _missing(value) or value in ("", "none"):
                return ""
            label = t(f"event.{value}")
            return f" ({label})" if t.language == "en" else f"（{label}）"
        if spec in ("platform", "channel", "device", "metric", "event", "driver", "step", "stage",
                    "verdict", "buyer_type", "effect_kind", "col", "segment", "category", "reason", "status", "dimension"):
            return t.na if _missing(value) else t(f"{spec}.{value}")
        if spec == "key":
            return t.na if _missing(value) else t(str(value))
        if spec == "date":
            return t.na if _missing(value) else t.date(value)
        if spec in ("count", "money", "money2", "pct", "signed", "change", "pp", "ratio"):
            return t.number(value, spec)
        if _missing(value):
            return t.na
        return super().format_field(value, spec)


class Text:
    """The catalogue in one language.

    Args:
        language: ``"en"`` or ``"zh"``.

    ``text(key, **values)`` returns the string for ``key`` with ``values`` filled in.
    """

    def __init__(self, language: str = "en") -> None:
        self.language = check_language(language)
        self._formatter = _Formatter(self)

    def __repr__(self) -> str:
        return f"Text({self.language!r})"

    def __call__(self, key: str, **values: Any) -> str:
        try:
            template = CATALOGUE[key][self.language]
        except KeyError:
            raise TextError(f"'{key}' is not in the text catalogue (storebook.text.CATALOGUE); add it in English and Chinese") from None
        if not values and not placeholders(template):
            return template
        try:
            return self._formatter.format(template, **values)
        except (KeyError, IndexError) as exc:
            needed = ", ".join(sorted(placeholders(template) - set(values)))
            raise TextError(f"text '{key}' needs the value(s) {needed or exc}") from None

    def has(self, key: str) -> bool:
        """True when the catalogue holds ``key``."""
        return key in CATALOGUE

    def format(self, template: str, **values: Any) -> str:
        """Fill a template with the house specs (for tests and catalogue checks)."""
        return self._formatter.format(template, **values)

    def label(self, kind: str, value: Any) -> str:
        """The label of a vocabulary value: ``label("platform", "jd")`` → ``"JD"``/``"京东"``.

        A value the catalogue does not know is returned as it is (a campaign name).
        """
        key = f"{kind}.{value}"
        return self(key) if key in CATALOGUE else str(value)

    def labels(self, kind: str, values) -> list[str]:
        return [self.label(kind, v) for v in values]

    @property
    def na(self) -> str:
        return CATALOGUE["word.na"][self.language]

    # -- numbers and dates ---------------------------------------------------------------
    def number(self, value: Any, spec: str) -> str:
        """A number in one of the house specs (``count``, ``money``, ``pct``, ``change``, ``pp`` …)."""
        if _missing(value):
            return self.na
        v = float(value)
        if spec == "count":
            return f"{v:,.0f}"
        if spec == "money":
            return format_money(v)
        if spec == "money2":
            return format_money(v, 2)
        if spec == "ratio":
            return f"{v:,.2f}"
        if spec == "pct":
            return f"{v:.1%}"
        if spec == "signed":
            return f"{v:+.1%}"
        if spec == "change":
            if abs(v) < FLAT_BELOW:
                return self("word.flat")
            word = "word.up" if v > 0 else "word.down"
            return CATALOGUE[word][self.language].format(f"{abs(v):.1%}")
        if spec == "pp":
            points = f"{v * 100:+.2f}".replace("+0.00", "±0.00").replace("-0.00", "±0.00")
            return CATALOGUE["word.pp"][self.language].format(points)
        raise TextError(f"unknown number spec '{spec}'")

    def date(self, value: Any) -> str:
        day = pd.Timestamp(value) if not isinstance(value, date) else pd.Timestamp(value)
        if self.language == "zh":
            return f"{day.month}月{day.day}日"
        return f"{day.day} {day:%b}"

    def join(self, items: list[str]) -> str:
        """A list in the language: ``Tmall, JD and Douyin`` / ``天猫、京东、抖音``."""
        items = list(items)
        if self.language == "zh" or len(items) < 3:
            return self("word.and").join(items)
        return ", ".join(items[:-1]) + self("word.and") + items[-1]


def placeholders(template: str) -> set[str]:
    """The field names a template uses (to check both languages ask for the same values)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_catalogue() -> list[str]:
    """Problems of the catalogue: a language missing or empty, placeholders that differ.

    Returns:
        One line per problem; empty when the catalogue is complete.
    """
    problems = []
    for key, entry in CATALOGUE.items():
        if not _KEY.match(key):
            problems.append(f"{key}: not a catalogue key (lower-case words joined by dots)")
        for lang in LANGUAGES:
            if lang not in entry:
                problems.append(f"{key}: no {lang} text")
        if set(entry) == set(LANGUAGES) and placeholders(entry["en"]) != placeholders(entry["zh"]):
            problems.append(f"{key}: en and zh use different placeholders")
        if key != "event.none" and any(not entry.get(lang) for lang in LANGUAGES):
            problems.append(f"{key}: empty text")
    return problems


# ----------------------------------------------------------------------------- promotion, competitor, supplier
# The promotion, competitor and supplier reports, in one block.
_PROMOTION_COMPETITOR_SUPPLIER: dict[str, _L] = {
    # -- vocabulary
    "promotion.type.discount": _e("Discount", "限时折扣"),
    "promotion.type.coupon": _e("Coupon", "满减券"),
    "promotion.type.flash_sale": _e("Flash sale", "秒杀"),
    "promotion.type.bundle": _e("Bundle", "组合优惠"),
    "promotion.type.festival": _e("Festival", "大促会场"),
    "supplier.grade.green": _e("Green", "良好"),
    "supplier.grade.amber": _e("Amber", "关注"),
    "supplier.grade.red": _e("Red", "不合格"),
    "supplier.grade.na": _e("n/a", "无"),
    "supplier.cause.late": _e("Late delivery", "延迟到货"),
    "supplier.cause.short": _e("Short delivery", "到货不足"),
    "supplier.cause.other": _e("Other", "其他原因"),
    "competitor.position.dearer": _e("We are dearer", "我们更贵"),
    "competitor.position.cheaper": _e("We are cheaper", "我们更便宜"),
    "competitor.seller.us": _e("Us", "我们"),
    "platform.all": _e("Every platform", "全平台"),
    # -- measures (headline labels, chart axes)
    "metric.promotions": _e("Promotions", "活动数"),
    "metric.net_incremental_units": _e("Net incremental units", "净增量销量"),
    "metric.discount_cost": _e("Discount cost", "折扣成本"),
    "metric.incremental_margin": _e("Incremental gross margin", "增量毛利"),
    "metric.roi": _e("Promotion ROI", "活动投资回报率"),
    "metric.uplift": _e("Uplift on units (95% interval)", "销量提升率（95%置信区间）"),
    "metric.discount_pct": _e("Discount depth", "折扣力度"),
    "metric.units": _e("Units sold", "销量"),
    "metric.price_index": _e("Price index (ours ÷ theirs)", "价格指数（我方 ÷ 竞品）"),
    "metric.dearer_pairs": _e("Competitor × category pairs where we are dearer", "我方更贵的竞品×类目组合"),
    "metric.price_gaps": _e("SKUs off parity by 10% or more", "价差超过10%的SKU"),
    "metric.price_changes": _e("Competitor price changes", "竞品调价次数"),
    "metric.our_share": _e("Our share of units", "我方销量份额"),
    "metric.otif_rate": _e("OTIF (on time, in full)", "准时足量交付率"),
    "metric.fill_rate": _e("Fill rate", "满足率"),
    "metric.month_otif_rate": _e("OTIF this month", "本月准时足量交付率"),
    "metric.stockout_days": _e("SKU stockout days", "缺货天数（SKU）"),
    "metric.warehouse_stockout_days": _e("Warehouse stockout days", "分仓缺货天数"),
    "metric.warehouse_attributed_days": _e("Warehouse stockout days from late or short deliveries", "因延迟/不足到货的分仓缺货天数"),
    "metric.lost_sales_amount": _e("Lost sales", "缺货损失"),
    "metric.attributed_lost_sales_amount": _e("Lost sales from late or short deliveries", "延迟/不足到货造成的缺货损失"),
    "metric.late_days": _e("Late delivery", "延迟到货"),
    "metric.short_days": _e("Short delivery", "到货不足"),
    "metric.other_days": _e("Other", "其他原因"),
    "metric.warehouse_late_days": _e("After a late delivery", "延迟到货"),
    "metric.warehouse_short_days": _e("After a short delivery", "到货不足"),
    "metric.warehouse_other_days": _e("Other causes", "其他原因"),
    "legend.baseline": _e("Baseline (without it)", "基线（无此事件时）"),
    "legend.window": _e("The window", "观察期"),
    "legend.promotion": _e("The promotion", "活动期间"),
    "legend.after_move": _e("After their move", "竞品调价后"),
    "axis.day_of_month": _e("Day of the month (weekends in red; ▼ festival or holiday)", "日期（周末标红；▼为大促或节假日）"),
    # -- table columns
    "col.promo_id": _e("Promotion", "活动ID"),
    "col.promo_name": _e("Promotion", "活动名称"),
    "col.promo_type": _e("Type", "类型"),
    "col.starts_on": _e("From", "开始"),
    "col.ends_on": _e("To", "结束"),
    "col.days": _e("Days", "天数"),
    "col.discount_pct": _e("Discount", "折扣力度"),
    "col.n_skus": _e("SKUs", "SKU数"),
    "col.actual_units": _e("Units sold", "实际销量"),
    "col.baseline_units": _e("Baseline units", "基线销量"),
    "col.incremental_units": _e("Incremental units", "增量销量"),
    "col.uplift": _e("Uplift", "提升率"),
    "col.pull_forward_units": _e("Pulled forward", "透支销量"),
    "col.cannibalised_units": _e("Cannibalised", "蚕食销量"),
    "col.net_incremental_units": _e("Net incremental units", "净增量销量"),
    "col.actual_revenue": _e("Revenue", "销售额"),
    "col.incremental_revenue": _e("Incremental revenue", "增量销售额"),
    "col.discount_cost": _e("Discount cost", "折扣成本"),
    "col.promotion_spend": _e("Promotion spend", "活动推广费"),
    "col.incremental_margin": _e("Incremental margin", "增量毛利"),
    "col.roi": _e("ROI", "投资回报率"),
    "col.n_promotions": _e("Promotions", "活动数"),
    "col.paid_share": _e("Share that paid", "盈利活动占比"),
    "col.median_roi": _e("Median ROI", "ROI中位数"),
    "col.margin_per_discount": _e("Margin per ¥ of discount", "每元折扣带来的毛利"),
    "col.coupon_code": _e("Coupon", "券码"),
    "col.eligible_orders": _e("Eligible orders", "可用券订单"),
    "col.redeemed_orders": _e("Redeemed", "核销订单"),
    "col.redemption_rate": _e("Redemption rate", "核销率"),
    "col.coupon_discount_amount": _e("Coupon discounts", "优惠券金额"),
    "col.budget_used": _e("Budget used", "预算使用率"),
    "col.competitor": _e("Competitor", "竞品店铺"),
    "col.our_price": _e("Our price", "我方售价"),
    "col.competitor_price": _e("Their price", "竞品售价"),
    "col.price_index": _e("Price index", "价格指数"),
    "col.gap": _e("Gap", "价差"),
    "col.position": _e("Position", "价格位置"),
    "col.our_revenue": _e("Our revenue", "我方销售额"),
    "col.cheapest": _e("Cheapest", "最便宜"),
    "col.cheaper_competitors": _e("Competitors cheaper than us", "比我们便宜的竞品数"),
    "col.competitors": _e("Competitors", "竞品数"),
    "col.highest_index": _e("Highest index", "最高指数"),
    "col.lowest_index": _e("Lowest index", "最低指数"),
    "col.changed_on": _e("Date", "调价日期"),
    "col.products": _e("Products changed", "调价商品数"),
    "col.category_products": _e("Products in the category", "类目商品数"),
    "col.price_change": _e("Change", "调价幅度"),
    "col.price_before": _e("Price before", "调价前均价"),
    "col.price_after": _e("Price after", "调价后均价"),
    "col.days_after": _e("Days measured", "观察天数"),
    "col.units_after": _e("Our units after", "调价后我方销量"),
    "col.response": _e("Our sales response", "我方销量变化"),
    "col.rating": _e("Rating", "评分"),
    "col.review_count": _e("Reviews", "评价数"),
    "col.new_reviews": _e("New reviews", "新增评价"),
    "col.rating_change": _e("Rating change", "评分变化"),
    "col.our_units": _e("Our units", "我方销量"),
    "col.competitor_units": _e("Competitors' units (estimated)", "竞品销量（估算）"),
    "col.coverage": _e("Estimate coverage", "估算覆盖率"),
    "col.our_share": _e("Our share", "我方份额"),
    "col.supplier_id": _e("Supplier", "供应商"),
    "col.supplier_name": _e("Supplier name", "供应商名称"),
    "col.rank": _e("Rank", "排名"),
    "col.grade": _e("Grade", "评级"),
    "col.penalty": _e("Penalty points", "扣分"),
    "col.n_pos": _e("POs", "采购单数"),
    "col.n_lines": _e("PO lines", "采购行数"),
    "col.otif_rate": _e("OTIF", "准时足量率"),
    "col.month_otif_rate": _e("OTIF this month", "本月准时足量率"),
    "col.fill_rate": _e("Fill rate", "满足率"),
    "col.rejection_rate": _e("Rejected", "拒收率"),
    "col.mean_lead_time_days": _e("Lead time (days)", "平均交期（天）"),
    "col.contract_lead_time_days": _e("Contract (days)", "合同交期（天）"),
    "col.lead_time_excess_days": _e("Days over contract", "超合同天数"),
    "col.lead_time_cv": _e("Lead-time CV", "交期变异系数"),
    "col.cost_variance": _e("Cost vs standard", "采购价差"),
    "col.po_id": _e("PO", "采购单号"),
    "col.line_no": _e("Line", "行号"),
    "col.ordered_on": _e("Ordered", "下单日期"),
    "col.promised_on": _e("Promised", "承诺到货"),
    "col.received_on": _e("Received", "实际到货"),
    "col.days_late": _e("Days late", "延迟天数"),
    "col.qty_ordered": _e("Ordered", "采购数量"),
    "col.qty_received": _e("Received", "到货数量"),
    "col.qty_short": _e("Short", "短缺数量"),
    "col.stockout_days": _e("Stockout days", "缺货天数"),
    "col.warehouse_stockout_days": _e("Warehouse stockout days", "分仓缺货天数"),
    "col.late_days": _e("From late deliveries", "因延迟到货"),
    "col.short_days": _e("From short deliveries", "因到货不足"),
    "col.other_days": _e("Other causes", "其他原因"),
    "col.warehouse_attributed_days": _e("Warehouse days from late/short", "分仓缺货（延迟/不足）"),
    "col.lost_units": _e("Lost units", "损失销量"),
    "col.lost_sales_amount": _e("Lost sales", "缺货损失"),
    "col.attributed_lost_sales_amount": _e("Lost sales from late/short", "延迟/不足造成的损失"),
    "col.threshold_metric": _e("Measure", "指标"),
    # -- promotion report
    "promotion.title": _e("Promotions — {month}", "营销活动 — {month}"),
    "promotion.question": _e(
        "Did this month's promotions pay, once the discount, the dip after them and the sales taken from "
        "sister products are counted?",
        "本月的营销活动是否划算——把折扣成本、活动后的销量回落和对同类商品的蚕食都算进去之后？",
    ),
    "promotion.method": _e(
        "How we measure it: we estimate what the promoted products would have sold without the promotion from "
        "their usual share of the sales of comparable products that were not on promotion over the eight weeks "
        "before, applied to what those products sold on the promotion days. The difference is the promotion's "
        "effect; we then take off the dip in the two weeks after it and the sales lost by sister products.",
        "测算方法：先用活动前八周内活动商品在未参加活动的可比商品销量中通常所占的份额，乘以这些可比商品在活动期间的实际销量，"
        "估算出活动商品在“没有活动”时本应卖出的数量；实际销量与它的差额就是活动效果，再扣除活动后两周的销量回落和同类商品被蚕食的销量。",
    ),
    "promotion.calendar": _e("Which promotions ran this month?", "本月有哪些营销活动？"),
    "promotion.calendar.title": _e("{promotions:count} promotions ran this month", "本月共有{promotions:count}个活动"),
    "promotion.calendar.takeaway": _e(
        "{promotions:count} promotions of {types:count} types ran this month, most of them {top_type:key} "
        "({top_type_count:count}); {all_platform:count} covered every platform. Their budgets add up to "
        "{budget:money} at an average depth of {mean_discount:pct}.",
        "本月共有{types:count}类{promotions:count}个活动，最多的是{top_type:key}（{top_type_count:count}个），"
        "其中{all_platform:count}个覆盖全平台。预算合计{budget:money}，平均折扣力度{mean_discount:pct}。",
    ),
    "promotion.effects": _e("Did each promotion pay?", "每个活动是否划算？"),
    "promotion.effects.title": _e(
        "{significant:count} of {promotions:count} promotions lifted units clearly; {paid:count} added margin",
        "{promotions:count}个活动中{significant:count}个显著提升了销量，{paid:count}个带来了增量毛利",
    ),
    "promotion.effects.takeaway": _e(
        "Across the month's {promotions:count} promotions, {paid:count} earned more gross margin than they "
        "cost: together they added {incremental_margin:money} of incremental gross margin (after discounts, the "
        "dip after them and cannibalisation) for {discount_cost:money} of discounts. Best: {best_name} "
        "({best_margin:money}, uplift {best_uplift:signed}); worst: {worst_name} ({worst_margin:money}).",
        "本月{promotions:count}个活动中有{paid:count}个的增量毛利超过了成本；合计带来增量毛利{incremental_margin:money}"
        "（已扣除折扣、活动后回落和蚕食），折扣成本{discount_cost:money}。最好的是{best_name}（{best_margin:money}，"
        "销量提升{best_uplift:signed}），最差的是{worst_name}（{worst_margin:money}）。",
    ),
    "promotion.trace": _e("What did the costliest promotion do, day by day?", "折扣成本最高的活动每天的表现如何？"),
    "promotion.trace.title": _e(
        "{name}: {units:count} units sold against a baseline of {expected:count}",
        "{name}：实际销量{units:count}件，基线{expected:count}件",
    ),
    "promotion.trace.takeaway": _e(
        "From {start:date} to {end:date}, {name} sold {units:count} units where {expected:count} were expected "
        "without it ({uplift:signed}). In the {post_days:count} days after it, sales were {dip:pct} below their "
        "baseline ({post_units:count} against {post_expected:count}).",
        "{start:date}至{end:date}，{name}实际销量{units:count}件，无活动时预计{expected:count}件（{uplift:signed}）。"
        "活动结束后{post_days:count}天内，销量比基线低{dip:pct}（{post_units:count}件，基线{post_expected:count}件）。",
    ),
    "promotion.trace.takeaway.no_dip": _e(
        "From {start:date} to {end:date}, {name} sold {units:count} units where {expected:count} were expected "
        "without it ({uplift:signed}). In the {post_days:count} days after it, sales did not dip below their "
        "baseline ({post_units:count} against {post_expected:count}).",
        "{start:date}至{end:date}，{name}实际销量{units:count}件，无活动时预计{expected:count}件（{uplift:signed}）。"
        "活动结束后{post_days:count}天内销量没有低于基线（{post_units:count}件，基线{post_expected:count}件）。",
    ),
    "promotion.history": _e(
        "Over the past year: which types pay, and does a deeper discount buy more margin?",
        "过去一年：哪类活动划算？折扣越深毛利越多吗？",
    ),
    "promotion.history.title": _e(
        "Discount depth against incremental gross margin, {promotions:count} promotions",
        "折扣力度与增量毛利（{promotions:count}个活动）",
    ),
    "promotion.history.takeaway": _e(
        "Of {promotions:count} promotions in the last twelve months, {paid_share:pct} added margin. "
        "{best_type:key} promotions did best ({best_type_margin:money} in total), {worst_type:key} worst "
        "({worst_type_margin:money}). Deeper discounts earned a median {deep_margin:money} per promotion against "
        "{shallow_margin:money} for shallower ones.",
        "近十二个月的{promotions:count}个活动中，{paid_share:pct}带来了增量毛利。{best_type:key}类表现最好（合计"
        "{best_type_margin:money}），{worst_type:key}类最差（{worst_type_margin:money}）。折扣较深的活动增量毛利中位数为"
        "{deep_margin:money}，较浅的为{shallow_margin:money}。",
    ),
    "promotion.coupons": _e("Were the past year's coupons used?", "近一年的优惠券核销情况如何？"),
    "promotion.coupons.takeaway.none": _e(
        "None of the promotions of the last twelve months was a coupon.",
        "近十二个月的活动中没有优惠券活动。",
    ),
    "promotion.coupons.takeaway": _e(
        "Over the last twelve months, {redeemed:count} of {eligible:count} eligible orders used one of "
        "{coupons:count} coupon promotions ({rate:pct}), for {discount:money} of discounts — {budget_used:pct} "
        "of their budgets. Lowest redemption: {lowest_name} ({lowest_rate:pct}).",
        "近十二个月{coupons:count}个优惠券活动在{eligible:count}个可用订单中被核销{redeemed:count}次（核销率{rate:pct}），"
        "优惠金额{discount:money}，占预算的{budget_used:pct}。核销率最低的是{lowest_name}（{lowest_rate:pct}）。",
    ),
    # -- competitor report
    "competitor.title": _e("Competitors and price — {month}", "竞品与价格 — {month}"),
    "competitor.question": _e(
        "Where do we stand on price against our competitors, who undercuts us, and what happened to our sales "
        "when they moved?",
        "我们的价格相对竞品处于什么位置？谁比我们便宜？竞品调价后我们的销量发生了什么变化？",
    ),
    "competitor.direction": _e(
        "Price index = our price ÷ the competitor's price for the same product, weighted by our revenue: above 1 "
        "we are dearer, below 1 cheaper.",
        "价格指数 = 我方售价 ÷ 竞品同款售价，按我方销售额加权：大于1表示我们更贵，小于1表示更便宜。",
    ),
    "competitor.index": _e("How do our prices compare, by competitor and category?", "按竞品和类目看，我们的价格如何？"),
    "competitor.index.title": _e(
        "Price index by competitor and category (overall {index:ratio})",
        "各竞品、各类目价格指数（整体{index:ratio}）",
    ),
    "competitor.index.takeaway": _e(
        "Overall our matched products cost {index:ratio} times the competitors' prices ({gap:signed}); we are "
        "dearer in {dearer_pairs:count} of {pairs:count} competitor × category pairs. The widest gap: "
        "{dear_category} against {dear_competitor} ({dear_index:ratio}); the cheapest position: "
        "{cheap_category} against {cheap_competitor} ({cheap_index:ratio}).",
        "整体来看，我方对标商品的价格是竞品的{index:ratio}倍（{gap:signed}）；在{pairs:count}个竞品×类目组合中有"
        "{dearer_pairs:count}个我们更贵。差距最大的是{dear_category}对{dear_competitor}（{dear_index:ratio}），"
        "最有价格优势的是{cheap_category}对{cheap_competitor}（{cheap_index:ratio}）。",
    ),
    "competitor.trend": _e("How has our price position moved over the year?", "过去一年我们的价格位置如何变化？"),
    "competitor.trend.title": _e("Price index by competitor, month by month", "各竞品价格指数月度走势"),
    "competitor.trend.takeaway": _e(
        "Over {months:count} months the overall index moved from {first_index:ratio} to {index:ratio}. "
        "The largest move this month: {mover} ({mover_change:+.2f}).",
        "{months:count}个月内整体价格指数从{first_index:ratio}变为{index:ratio}。本月变化最大的是{mover}"
        "（{mover_change:+.2f}）。",
    ),
    "competitor.gaps": _e("Which products are off parity by 10% or more?", "哪些商品价差超过10%？"),
    "competitor.gaps.takeaway": _e(
        "{gaps:count} competitor prices differ from ours by {threshold:pct} or more: we are dearer in "
        "{dearer:count}, cheaper in {cheaper:count}, on {skus:count} SKUs that brought {revenue:money} this month. "
        "Most revenue at stake: {top_name} against {top_competitor} ({top_gap:signed}).",
        "共有{gaps:count}个竞品价格与我们相差{threshold:pct}以上：我们更贵{dearer:count}个，更便宜{cheaper:count}个，"
        "涉及{skus:count}个SKU、本月销售额{revenue:money}。影响销售额最大的是{top_name}对{top_competitor}（{top_gap:signed}）。",
    ),
    "competitor.gaps.takeaway.none": _e(
        "No matched product is off parity by {threshold:pct} or more.",
        "没有对标商品的价差超过{threshold:pct}。",
    ),
    "competitor.cheapest": _e("Who is cheapest in each category?", "每个类目谁最便宜？"),
    "competitor.cheapest.takeaway": _e(
        "A competitor undercuts us in {undercut:count} of {categories:count} categories, most often {leader} "
        "({leader_categories:count}); we are the cheapest in {ours:count}.",
        "在{categories:count}个类目中有{undercut:count}个存在比我们便宜的竞品，最常见的是{leader}"
        "（{leader_categories:count}个类目）；我们最便宜的类目有{ours:count}个。",
    ),
    "competitor.promotions": _e("When were the competitors on promotion?", "竞品什么时候在做促销？"),
    "competitor.promotions.title": _e(
        "Share of each competitor's products on promotion, day by day",
        "各竞品每日促销商品占比",
    ),
    "competitor.promotions.takeaway": _e(
        "{top} ran promotions (a quarter or more of its products) on {top_days:count} days this month; on an "
        "average day {mean_share:pct} of the competitors' products were on promotion, at {depth:pct} off list.",
        "本月{top}有{top_days:count}天在做促销（四分之一以上商品参与）；平均每天竞品有{mean_share:pct}的商品在促销，"
        "平均折扣{depth:pct}。",
    ),
    "competitor.changes": _e("Did a competitor change its prices?", "竞品是否调价？"),
    "competitor.changes.takeaway": _e(
        "Lasting price changes by competitors in the last three months: {events:count}, of which {cuts:count} "
        "cuts. The largest: on {day:date} {competitor} changed the price of {products:count} of its "
        "{category_products:count} {category} products by {change:signed}.",
        "近三个月竞品共有{events:count}次持续调价（其中降价{cuts:count}次）。幅度最大的是{competitor}在{day:date}"
        "将{category}类目{category_products:count}个商品中的{products:count}个调价{change:signed}。",
    ),
    "competitor.changes.takeaway.none": _e(
        "No competitor changed a regular price by 5% or more in the last three months (promotions aside).",
        "近三个月没有竞品调整日常价格超过5%（促销除外）。",
    ),
    "competitor.response": _e("What happened to our sales after their move?", "竞品调价后我们的销量如何？"),
    "competitor.response.title": _e(
        "Our {category} units on {platform:platform} around {competitor}'s change of {day:date}",
        "{competitor}于{day:date}调价前后我方{platform:platform}{category}销量",
    ),
    "competitor.response.takeaway": _e(
        "In the {days:count} days after {competitor} moved its {category} prices by {change:signed}, we sold "
        "{units:count} {category} units on {platform:platform} against {baseline:count} expected from before: "
        "{response:signed} (95% interval {low:signed} to {high:signed}).",
        "{competitor}将{category}价格调整{change:signed}后的{days:count}天里，我们在{platform:platform}卖出{category}"
        "{units:count}件，按调价前水平预计{baseline:count}件：{response:signed}（95%置信区间{low:signed}至{high:signed}）。",
    ),
    "competitor.response.takeaway.unclear": _e(
        "In the {days:count} days after {competitor} moved its {category} prices by {change:signed}, we sold "
        "{units:count} {category} units on {platform:platform} against {baseline:count} expected from before "
        "({response:signed}); the 95% interval ({low:signed} to {high:signed}) includes no change, so the effect "
        "cannot be told from day-to-day noise yet.",
        "{competitor}将{category}价格调整{change:signed}后的{days:count}天里，我们在{platform:platform}卖出{category}"
        "{units:count}件，按调价前水平预计{baseline:count}件（{response:signed}）；95%置信区间（{low:signed}至{high:signed}）"
        "包含零，目前还无法与日常波动区分。",
    ),
    "competitor.response.takeaway.none": _e(
        "No competitor price change to follow in the last three months.",
        "近三个月没有需要跟踪的竞品调价。",
    ),
    "competitor.ratings": _e("How are the competitors rated?", "竞品评分如何？"),
    "competitor.ratings.takeaway": _e(
        "{best} has the best rating ({best_rating:.2f}), {worst} the lowest ({worst_rating:.2f}); {busiest} "
        "gathered the most new reviews this month ({busiest_reviews:count}).",
        "{best}评分最高（{best_rating:.2f}），{worst}最低（{worst_rating:.2f}）；本月新增评价最多的是{busiest}"
        "（{busiest_reviews:count}条）。",
    ),
    "competitor.share": _e("What share of units do we have?", "我们的销量份额是多少？"),
    "competitor.share.title": _e("Our estimated share of units by category and platform", "按类目和平台估算的我方销量份额"),
    "competitor.share.takeaway": _e(
        "Against the competitors' estimated sales, we sold {share:pct} of the units in the categories and "
        "platforms where an estimate exists; our strongest position is {best_category} on "
        "{best_platform:platform} ({best_share:pct}). The estimates cover at least {coverage:pct} of product-days.",
        "与竞品估算销量相比，在有估算数据的类目和平台上我们的销量份额为{share:pct}；份额最高的是"
        "{best_platform:platform}的{best_category}（{best_share:pct}）。估算数据至少覆盖{coverage:pct}的商品天数。",
    ),
    # -- supplier report
    "supplier.title": _e("Suppliers and stock — {month}", "供应商与库存 — {month}"),
    "supplier.question": _e(
        "Which suppliers deliver on time and in full, and what do late or short deliveries cost us in "
        "stockouts and lost sales?",
        "哪些供应商准时足量交货？延迟或不足到货给我们造成了多少缺货和销售损失？",
    ),
    "supplier.scorecard": _e("Who delivers? The scorecard and ranking", "谁交货可靠？供应商评分与排名"),
    "supplier.scorecard.title": _e(
        "OTIF over the last {months:count} months and this month, by supplier",
        "各供应商近{months:count}个月及本月的准时足量交付率",
    ),
    "supplier.scorecard.takeaway": _e(
        "Over the last {months:count} months {otif:pct} of purchase-order lines arrived on time and in full. "
        "{worst} {worst_name} ranks last: {worst_otif:pct} OTIF, {worst_fill:pct} of units delivered, "
        "{worst_delay:.1f} days over its contract lead time on average. {best} {best_name} ranks first "
        "({best_otif:pct} OTIF).",
        "近{months:count}个月采购行的准时足量交付率为{otif:pct}。{worst} {worst_name}排名最后：准时足量率"
        "{worst_otif:pct}，到货满足率{worst_fill:pct}，平均比合同交期晚{worst_delay:.1f}天。{best} {best_name}排名第一"
        "（准时足量率{best_otif:pct}）。",
    ),
    "supplier.thresholds": _e(
        "Grades over the last {months:count} months: OTIF green ≥ 90%, red < 70%; fill rate green ≥ 98%, red < 90%; "
        "rejected green ≤ 1%, red > 3%; days over contract green ≤ 1, red > 3; lead-time CV green ≤ 0.25, "
        "red > 0.5; cost over standard green ≤ 2%, red > 5%. Amber in between; red counts 3 penalty points, "
        "amber 1; the ranking orders by points, then OTIF.",
        "评级基于近{months:count}个月：准时足量率≥90%为良好、<70%为不合格；满足率≥98%良好、<90%不合格；拒收率≤1%良好、"
        ">3%不合格；超合同交期≤1天良好、>3天不合格；交期变异系数≤0.25良好、>0.5不合格；采购价高于标准成本≤2%良好、>5%不合格；"
        "其间为关注。不合格扣3分、关注扣1分，按扣分和准时足量率排名。",
    ),
    "supplier.lines": _e("Which purchase-order lines of the month came late or short?", "本月哪些采购行延迟或不足到货？"),
    "supplier.lines.takeaway": _e(
        "{lines:count} lines due this month came late or short: {late:count} late ({open:count} still open, up "
        "to {max_days_late:count} days), {short:count} short by {units_short:count} units in all. {top} has the "
        "most ({top_lines:count}).",
        "本月到期的采购行中有{lines:count}行延迟或不足：延迟{late:count}行（其中{open:count}行仍未到货，最长延迟"
        "{max_days_late:count}天），不足{short:count}行、共短缺{units_short:count}件。最多的是{top}（{top_lines:count}行）。",
    ),
    "supplier.lines.takeaway.none": _e(
        "Every purchase-order line due this month arrived on time and in full.",
        "本月到期的采购行全部准时足量到货。",
    ),
    "supplier.inventory": _e("Where did we run out, and how much stock do we hold?", "哪些商品缺货？库存水平如何？"),
    "supplier.inventory.takeaway": _e(
        "{out_skus:count} SKUs were out of stock in every warehouse on {stockout_days:count} SKU-days (buyers "
        "could not get them); {wh_skus:count} SKUs ran out in one warehouse or more on {warehouse_stockout_days:count} "
        "warehouse-days (orders shipped from farther away). Median days of cover: {median_cover:.0f}; "
        "sell-through {sell_through:pct}; {low_cover:count} SKUs have less than a week of stock.",
        "有{out_skus:count}个SKU在所有仓库同时缺货，共{stockout_days:count}个SKU天（买家无法购买）；{wh_skus:count}个SKU"
        "在至少一个仓库缺货，共{warehouse_stockout_days:count}个分仓天（订单改由更远的仓库发货）。库存可售天数中位数"
        "{median_cover:.0f}天，售罄率{sell_through:pct}；{low_cover:count}个SKU库存不足一周。",
    ),
    "supplier.stockouts": _e(
        "Which stockouts this month do late or short deliveries explain, and what did they cost?",
        "本月哪些缺货由延迟或不足到货造成？损失多少？",
    ),
    "supplier.stockouts.title": _e(
        "Warehouse stockout days this month by supplier and cause",
        "本月各供应商分仓缺货天数及原因",
    ),
    "supplier.stockouts.takeaway": _e(
        "This month {warehouse_attributed:count} of {warehouse_days:count} warehouse stockout days followed a late "
        "or short delivery, {top_share:pct} of them {top}'s ({top_name}). SKUs were out everywhere on "
        "{stockout_days:count} days, {attributed_days:count} of them from late or short deliveries, losing an "
        "estimated {attributed_lost:money} of sales (all causes: {lost:money}).",
        "本月{warehouse_days:count}个分仓缺货天中有{warehouse_attributed:count}个发生在延迟或不足到货之后，其中"
        "{top_share:pct}归因于{top}（{top_name}）。全仓缺货共{stockout_days:count}个SKU天，其中{attributed_days:count}天"
        "由延迟或不足到货造成，估计损失销售额{attributed_lost:money}（所有原因合计{lost:money}）。",
    ),
    "supplier.stockouts.takeaway.none": _e(
        "No SKU ran out of stock in any warehouse this month.",
        "本月没有任何SKU在任何仓库缺货。",
    ),
    "supplier.stockouts_trailing": _e(
        "Over the last six months: whose deliveries caused the stockouts?",
        "近六个月：缺货由哪些供应商的交货造成？",
    ),
    "supplier.stockouts_trailing.title": _e(
        "Lost sales from late or short deliveries over {months:count} months, by supplier",
        "近{months:count}个月各供应商延迟/不足到货造成的缺货损失",
    ),
    "supplier.stockouts_trailing.takeaway": _e(
        "Over the last six months {top} ({top_name}) caused {top_days:count} SKU-days out of stock everywhere and "
        "{top_warehouse_days:count} warehouse stockout days through late or short deliveries — {top_share:pct} of "
        "all such warehouse days — and an estimated {top_lost:money} of lost sales (lost sales from late or short "
        "deliveries in all: {attributed_lost:money}). Lost sales = in-stock daily sales × stockout days × price.",
        "近六个月{top}（{top_name}）因延迟或不足到货造成全仓缺货{top_days:count}个SKU天、分仓缺货{top_warehouse_days:count}天"
        "（占此类分仓缺货的{top_share:pct}），估计缺货损失{top_lost:money}（所有供应商延迟/不足到货造成的损失合计"
        "{attributed_lost:money}）。缺货损失 = 有货时的日均销量 × 缺货天数 × 售价。",
    ),
}
CATALOGUE.update(_PROMOTION_COMPETITOR_SUPPLIER)

# ----------------------------------------------------------------------------- data quality
_DATA_QUALITY: dict[str, _L] = {
    "data_quality.title": _e("How far can the numbers be trusted? — {month}", "数据质量 — {month}"),
    "data_quality.question": _e(
        "What did storebook keep and reject of the exports, how complete are the columns the reports lean on, "
        "and which files are behind the numbers?",
        "导出数据有多少被采用、多少被拒收，各报告所依赖的字段是否完整，数字来自哪些文件？"),
    "data_quality.ingest": _e("How much of each export was kept?", "各表数据的采用情况如何？"),
    "data_quality.ingest.takeaway": _e(
        "{rows_written:count} of {rows_read:count} rows were kept ({kept_share:pct}); the table with the most "
        "rejected is {worst_table} ({worst_kept_share:pct} kept).",
        "共读取 {rows_read:count} 行，采用 {rows_written:count} 行（{kept_share:pct}）；拒收比例最高的是 "
        "{worst_table}（采用 {worst_kept_share:pct}）。"),
    "data_quality.ingest.takeaway.all": _e(
        "Every one of the {rows_read:count} rows read was kept.", "读取的 {rows_read:count} 行全部被采用。"),
    "data_quality.rejections": _e("Why were rows rejected?", "数据为何被拒收？"),
    "data_quality.rejections.takeaway": _e(
        "Rejected rows are listed with their file, row and reason by `storebook rejected`; fix them in the "
        "export (or in storebook.toml where the reason says so) and ingest again.",
        "被拒收的行及其文件、行号和原因可用 `storebook rejected` 查看；请在导出文件中修正（或按提示修改 "
        "storebook.toml）后重新导入。"),
    "data_quality.rejections.none": _e("No row was rejected.", "没有被拒收的数据。"),
    "data_quality.coverage": _e("How complete are the columns the reports lean on?", "各报告依赖的字段是否完整？"),
    "data_quality.coverage.title": _e("Share of rows with a known value (this month; catalogues: all rows)",
                                      "有值记录占比（本月；商品、供应商等为全部记录）"),
    "data_quality.coverage.takeaway": _e(
        "Province is known for {province_known:pct} of the month's orders, the channel for {channel_known:pct} "
        "and the customer for {customer_known:pct} (guest checkouts have none); sections that need a column "
        "use the rows where it is known.",
        "本月订单中 {province_known:pct} 有收货省份，{channel_known:pct} 有流量渠道，{customer_known:pct} "
        "有客户（游客下单没有客户）；依赖某字段的章节只使用该字段有值的记录。"),
    "data_quality.orders": _e("Which orders and lines need a caveat?", "哪些订单和商品明细需要注意？"),
    "data_quality.orders.takeaway": _e(
        "{pending_share:pct} of the orders placed are still unpaid (pending) and count in the payment rate, not in "
        "sales; {guest_share:pct} of paid orders are guest checkouts; {adjusted_share:pct} carry a booked "
        "adjustment (tax, shipping discount …); {not_in_catalogue_share:pct} of lines sell a SKU that is not in "
        "the product catalogue; unit cost is known for {cost_known_revenue:pct} of line revenue, so margins "
        "cover that part only.",
        "下单中 {pending_share:pct} 尚未付款（待付款），计入支付率而不计入销售额；{guest_share:pct} 的已付订单为"
        "游客下单；{adjusted_share:pct} 带有调整金额（税费、运费优惠等）；{not_in_catalogue_share:pct} 的商品明细"
        "对应的 SKU 不在商品资料中；已知单位成本的部分占商品销售额的 {cost_known_revenue:pct}，毛利仅覆盖这部分。"),
    "data_quality.files": _e("Which files are behind the numbers?", "数字来自哪些文件？"),
    "data_quality.files.takeaway": _e(
        "{files:count} files feed {tables:count} tables; each file's notes (what the adapter did, what the "
        "platform's numbers mean) are in data/processed/_ingest.json.",
        "{files:count} 个文件构成 {tables:count} 张表；每个文件的说明（适配器做了什么、平台口径）见 "
        "data/processed/_ingest.json。"),
    "col.table": _e("Table", "数据表"),
    "col.files": _e("Files", "文件数"),
    "col.rows_read": _e("Rows read", "读取行数"),
    "col.rows_written": _e("Rows kept", "采用行数"),
    "col.rows_rejected": _e("Rows rejected", "拒收行数"),
    "col.kept_share": _e("Kept", "采用率"),
    "col.unknown_references": _e("Unknown references kept", "未匹配引用（已保留）"),
    "col.column": _e("Column", "字段"),
    "col.problem": _e("Reason", "原因"),
    "col.rows": _e("Rows", "行数"),
    "col.example": _e("First seen", "首次出现"),
    "col.field": _e("Column", "字段"),
    "col.known": _e("Known", "有值"),
    "col.known_share": _e("Known share", "有值占比"),
    "col.number": _e("Number", "数量"),
    "col.of": _e("Share of", "占比基数"),
    "col.path": _e("File", "文件"),
    "col.source": _e("Read as", "数据源"),
    "col.encoding": _e("Encoding", "编码"),
    "col.notes": _e("Notes", "说明条数"),
    "metric.known_share": _e("Known share", "有值占比"),
    "metric.placed": _e("Orders placed", "下单数"),
    "metric.paid": _e("Orders paid", "已付款订单"),
    "metric.pending": _e("Pending (not paid yet)", "待付款"),
    "metric.unpaid_closed": _e("Closed or cancelled unpaid", "未付款即关闭或取消"),
    "metric.guests": _e("Guest checkouts (no customer)", "游客下单（无客户）"),
    "metric.adjusted": _e("Orders with a booked adjustment", "含调整金额的订单"),
    "metric.adjustment_amount": _e("Adjustments booked", "调整金额合计"),
    "metric.items_unknown": _e("Paid orders without an items amount", "缺少商品总额的已付订单"),
    "metric.lines": _e("Order lines of paid orders", "已付订单的商品明细"),
    "metric.lines_without_sku": _e("Lines without a SKU", "无 SKU 的明细"),
    "metric.lines_not_in_catalogue": _e("Lines not in the product catalogue", "不在商品资料中的明细"),
    "metric.revenue_cost_known": _e("Line revenue with a known unit cost", "已知单位成本的商品销售额"),
    "metric.kept_share": _e("Rows kept", "数据采用率"),
    "metric.rows_rejected": _e("Rows rejected", "拒收行数"),
    "metric.province_known": _e("Orders with a province", "有收货省份的订单"),
    "metric.cost_known_revenue": _e("Revenue with a known cost", "已知成本的销售额"),
    "metric.guest_share": _e("Guest checkouts", "游客下单占比"),
    "of.placed": _e("orders placed", "下单数"),
    "of.paid": _e("paid orders", "已付订单"),
    "of.lines": _e("lines", "明细行"),
    "of.revenue": _e("line revenue", "商品销售额"),
}
CATALOGUE.update(_DATA_QUALITY)

from storebook import text_duties  # noqa: E402 - the store-operations, marketing and planning reports

CATALOGUE.update({k: v for k, v in text_duties.CATALOGUE.items() if k not in CATALOGUE})
