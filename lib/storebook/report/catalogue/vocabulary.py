"""The shared words: platforms, channels, devices, metrics and columns every report names, axes, legends, page furniture."""

from __future__ import annotations

from storebook.engine import vocab
from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # platforms, channels (traffic sources) and devices: the catalogue of storebook.engine.vocab
    **{f"{kind}.{value}": _e(en, zh) for kind, values in vocab.KINDS.items() for value, (en, zh) in values.items()},
    "platform.total": _e("All platforms", "全平台"),
    "channel.all": _e("All channels", "全部渠道"),
    "channel.total": _e("All channels", "全部渠道"),
    "device.all": _e("All devices", "全部终端"),
    "device.total": _e("All devices", "全部终端"),
    # metrics (the department's names)
    "metric.spend_amount": _e("Spend", "花费"),
    "metric.impressions": _e("Impressions", "展现量"),
    "metric.clicks": _e("Clicks", "点击量"),
    "metric.attributed_orders": _e("Attributed orders", "成交订单数"),
    "metric.attributed_amount": _e("Attributed sales", "成交金额"),
    "metric.share": _e("Share", "占比"),
    "metric.mobile_share": _e("Mobile share of visitors", "移动端访客占比"),
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
    "col.rate_after": _e("Conversion", "本月转化率"),
    "col.share_before": _e("Share of visitors, prior month", "上月访客占比"),
    "col.share_after": _e("Share of visitors", "本月访客占比"),
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
    "col.buyer_type": _e("Buyer type", "买家类型"),
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
    "step.cart_buyers": _e("Cart → payment", "加购→支付"),
    # buyer types
    "buyer_type.new": _e("New", "新买家"),
    "buyer_type.returning": _e("Returning", "老买家"),
    # calendar event kinds
    # Why China's calendar does not apply to the store (the text spec ``not_china``:
    # storebook.engine.calendar.country_set), said as what is known: the country its settings give
    # ([store] country), a user's word, not a fact of its sales; else what its data show. The
    # country by name and code, as the data-quality page names it (data_quality.country.named).
    "word.not_china.set": _e("the store's settings give its country as {country:country} ({country_code})",
                                 "本店设置的所在国家为{country:country}（{country_code}）"),
    "word.not_china.clues": _e("the store sells on no Chinese platform and its amounts are not stated in yuan",
                                   "本店不在中国平台销售，金额也未标明为人民币"),
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
    "verdict.no_prior": _e("No prior month to compare", "上月无数据，无法比较"),
    # words the formatter uses
    "word.up": _e("up {}", "增长{}"),
    "word.down": _e("down {}", "下降{}"),
    "word.flat": _e("flat", "持平"),
    # Unknown, not none: "无" read "no supplier", "no days of cover" (stock gone) where the value was
    # not known (Amazon India's stock table, every "同比 无").
    "word.na": _e("n/a", "未知"),
    "word.yes": _e("yes", "是"),
    "word.no": _e("no", "否"),
    "word.and": _e(" and ", "、"),
    "word.semicolon": _e("; ", "；"),
    # A period said again ({…:that}): a month, or a window of several months (a trailing window, a quarter).
    "word.that_month": _e("that month", "该月"),
    "word.that_period": _e("that period", "该期间"),
    "word.none": _e("none", "无"),
    # Days tied for the most (or least): named; more than six, the first three named and the others
    # counted (Text.dates).
    "word.days_tied": _e("{days}, tied", "{days}（并列）"),
    "word.many_days_tied": _e("{days} and {rest:count} other days, tied", "{days}及其他{rest:count}天（并列）"),
    # A SKU keyed by its item name (an orders export without SKUs: the key is "name:" + the name).
    "word.sku_by_name": _e("{name} (item name; no SKU)", "{name}（商品名，无商品编码）"),
    "word.sku_by_name.beside": _e("no SKU; by item name", "无商品编码，按商品名"),
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
    "page.no_platform": _e("none (no table of this month's data is by platform)", "无（本月数据中没有按平台区分的表）"),
    "page.footer": _e("Computed by storebook from data {fingerprint}.", "由 storebook 根据数据 {fingerprint} 计算。"),
    # what a section needs and lacks (storebook.report.needs)
    "page.partial_month": _e(
        "**Partial month:** the data cover {first:date} to {last:date} only, {days} of the month's {month_days} days.",
        "**本月数据不完整：** 数据仅覆盖{first:date}至{last:date}，为本月{month_days}天中的{days}天。",
    ),
    # A month whose data hold one day (a stock taken on the 31st, an order book of one day).
    "page.partial_month_day": _e(
        "**Partial month:** the data cover {first:date} only, 1 of the month's {month_days} days.",
        "**本月数据不完整：** 数据仅覆盖{first:date}一天，为本月{month_days}天中的1天。",
    ),
    "page.partial_prior": _e(
        "**Partial prior month:** the data begin on {first:date}, so the prior month ({prior}) holds {days} of its "
        "{month_days} days: a change on the prior month compares this month with that part of it, not with a whole month.",
        "**上月数据不完整：** 数据自{first:date}起，上月（{prior}）只有其{month_days}天中的{days}天：环比变化是与这部分数据相比，而非整月。",
    ),
    "page.needs": _e("**Not in this store's data.** This section needs {needs}. {todo}",
                     "**本店数据中暂无。** 本节需要{needs}。{todo}"),
    # Said only directly below a section with the same note (page._Section): "above" is that section.
    "page.needs.again": _e("This section needs the same data as the section above.",
                           "本节同样缺少上一节所需的数据（见上一节）。"),
    "page.needs.partial": _e("**Partial data:** {what}.", "**部分数据：** {what}。"),
    "page.needs.absent": _e("the {table} table, which this store does not have", "{table}表，本店数据中没有"),
    "page.needs.absent_many": _e("the {tables} tables, which this store does not have", "{tables}表，本店数据中都没有"),
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
    "page.needs.month_day": _e("the data cover {first:date} only (1 of the month's {month_days} days)",
                               "数据仅覆盖{first:date}一天（本月{month_days}天中的1天）"),
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
    # Every "page.add.*" instruction opens with the lead; several are said with the other lead
    # and their steps (needs.how_to_add).
    "page.add.lead": _e("To add it: ", "补充方法："),
    "page.add.lead_many": _e("To add them: ", "补充方法："),
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
        "To add it: fill in `{column}` in the {table:table} exports (docs/contract.md) and run `storebook ingest` again.",
        "补充方法：在{table:table}导出中填写 `{column}`（见 docs/contract.md），然后重新运行 `storebook ingest`。"),
    "page.add.products.unit_cost": _e(
        "To add it: fill in each product's unit cost (`unit_cost`) in the product catalogue and run "
        "`storebook ingest` again.",
        "补充方法：在商品目录中填写每个商品的单位成本（`unit_cost`），然后重新运行 `storebook ingest`。"),
    # A store with Shopify data (storebook.engine.identity.holds_shopify_data): its column's name.
    "page.add.products.unit_cost.shopify": _e(
        "To add it: fill in the cost per item in the product catalogue (Shopify: Cost per item) and run "
        "`storebook ingest` again.",
        "补充方法：在商品目录中填写单位成本（Shopify：Cost per item），然后重新运行 `storebook ingest`。"),
    "page.add.purchase_orders.received_on": _e(
        "To add it: use a purchase-order export that records when each line arrived (the goods-receipt date) and "
        "run `storebook ingest` again; until then, whether a supplier delivered on time cannot be told.",
        "补充方法：使用记录每行实际到货日期（入库日期）的采购单导出，然后重新运行 `storebook ingest`；在此之前无法判断供应商是否准时交货。"),
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
    "page.partial.cost_pnl.unknown": _e(  # units sold, but no line sales: the costed share is unknown
        "the line sales are zero or unknown, so the share of them with a unit cost is unknown (n/a); gross and "
        "contribution margin are left out where a product sold has no cost",
        "商品销售额为零或未知，有单位成本的销售额占比无法计算（n/a）；售出商品缺少成本的平台不计算毛利和贡献毛利"),
    "page.partial.house_promise": _e(
        "late means later than storebook's house delivery promise, made for China's provinces ({days} days from "
        "hand-over, more to the remote west): this store's parcels name no province of China and it has set no "
        "promise of its own (put it under [fulfilment] delivery_promise_days in storebook.toml)",
        "“超时”按storebook默认的配送承诺判断，该承诺按中国各省设定（交运后{days}天，偏远西部更长）；本店包裹的收货地"
        "均不是中国省份（或未注明），且未设定自己的承诺（请在 storebook.toml 的 [fulfilment] delivery_promise_days 中设定）"),
    "page.partial.sales_from_orders": _e(
        "without traffic rows for {platforms:platforms}, their orders, buyers and paid amount come from the orders table; "
        "visitors and conversion are unknown there",
        "{platforms:platforms}没有流量数据，其订单数、买家数和支付金额取自订单表；访客和转化率未知"),
    "page.partial.daily_sums": _e(
        "visitors and buyers are the sums of the {days} days' figures (buyer-days): the traffic table counts each "
        "day's buyers, so a buyer of two days counts twice, and the store has no orders table to count each buyer once",
        "访客数和买家数为{days}天每日数据之和（每日买家数之和）：流量表按天统计买家，两天都购买的买家计两次；本店没有订单表，无法对买家去重"),
    "page.partial.complaints_platforms": _e(
        "logistics complaints are counted on {measured:platforms} only: the tickets of {unmeasured:platforms} "
        "opened in {month} carry no topic, so which of their complaints were about logistics is unknown, and "
        "a rate over several platforms is that of the orders of {measured:platforms}",
        "物流投诉仅统计{measured:platforms}：{unmeasured:platforms}在{month}的工单没有问题类型，无法区分其中的物流投诉；"
        "跨平台的比率只按{measured:platforms}的订单计算"),
    "page.partial.plan_amount": _e(
        "the paid amount is known for only {share:pct} of the paid orders in the history of {platforms:platforms}, "
        "so only their orders are forecast, not their paid amount (a forecast from the known part would understate "
        "it). To forecast it: fill in paid_amount in the orders exports (docs/contract.md) and run storebook ingest "
        "again",
        "{platforms:platforms}历史已付订单中仅{share:pct}有支付金额，故不预测其支付金额（只用有金额的部分会低估）；"
        "订单数照常预测。如需预测，请在订单导出中填写 paid_amount（见 docs/contract.md），然后重新运行 storebook ingest"),
    # the store-operations, marketing and planning reports' shared words
    # rating dimensions (store_ratings.dimension)
    "dimension.overall": _e("Overall", "综合评分"),
    "dimension.product": _e("Product as described", "描述相符/商品体验"),
    "dimension.service": _e("Service", "服务态度"),
    "dimension.logistics": _e("Logistics", "物流服务"),
    "dimension.after_sales": _e("After-sales", "售后服务"),
    # listing changes (listing_changes.change)
    "change.main_image": _e("main image", "主图"),
    "change.detail_page": _e("detail page", "详情页"),
    "change.title": _e("title", "标题"),
    "change.price": _e("price", "价格"),
    "change.video": _e("video", "主图视频"),
    "change.sku_options": _e("SKU options", "SKU规格"),
    "change.other": _e("other", "其他"),
    # what a rating dip followed, and the operations behind each dimension
    "driver.slow_carrier": _e("a slow carrier", "快递延误"),
    "driver.slower_delivery": _e("slower delivery", "配送变慢"),
    "driver.quality": _e("quality complaints", "质量投诉"),
    "driver.none": _e("nothing found", "未找到原因"),
    "driver.delivery_days": _e("Delivery days", "配送天数"),
    "driver.logistics_complaints_per_1000": _e("Logistics complaints per 1,000 orders", "物流投诉/千单"),
    "driver.quality_complaints_per_1000": _e("Quality complaints per 1,000 orders", "质量投诉/千单"),
    "driver.return_rate": _e("Return rate", "退货率"),
    # no unit: the value says its own (45 minutes, 2.1 days)
    "driver.first_response_median_min": _e("Median first response", "首次响应中位数"),
    # campaign verdicts and the evidence they rest on
    "verdict.scale": _e("Scale", "加投"),
    "verdict.cut": _e("Cut", "削减"),
    "verdict.keep": _e("Keep", "维持"),
    "verdict.test": _e("Test with a holdout", "做对照测试"),
    "verdict.unclear": _e("Unclear", "不确定"),
    "evidence.holdout": _e("Holdout test", "对照组测试"),
    "evidence.attribution": _e("Platform attribution", "平台归因"),
    "test_group.treatment": _e("Treated", "投放组"),
    "test_group.holdout": _e("Held out", "对照组"),
    "metric.score_5": _e("Rating (of 5)", "评分（5分制）"),
    "metric.day_score": _e("Day rating", "当日评分"),
    "metric.lost_buyers": _e("Buyers lost against its category", "相对类目流失买家"),
    "metric.lift": _e("Conversion lift", "转化率提升"),
    "metric.visit_lift": _e("Visit lift", "访问提升"),
    "metric.order_lift": _e("Order lift", "订单提升"),
    "metric.forecast": _e("Forecast", "预测"),
    # table columns
    "col.dimension": _e("Dimension", "评分项"),
    "col.score": _e("Score", "评分"),
    "col.score_max": _e("Scale", "满分"),
    "col.score_prior": _e("Prior month", "上月"),
    "col.score_change": _e("Change", "变化"),
    "col.industry_score": _e("Industry", "行业均值"),
    "col.industry_gap": _e("vs industry", "高于行业"),
    "col.day_score": _e("Ratings this month", "本月评分均值"),
    "col.ratings": _e("Ratings", "评价数"),
    "col.store_rating": _e("Store rating (of 5)", "店铺评分（5分制）"),
    "col.baseline": _e("Usual", "常态均值"),
    "col.day_score_drop": _e("Below usual", "低于常态"),
    "col.z": _e("z", "z值"),
    "col.score_before": _e("Published before", "下滑前评分"),
    "col.score_after": _e("Published after", "下滑后评分"),
    "col.provinces": _e("Provinces", "省份"),
    "col.shipped_from": _e("Shipped from", "发货起"),
    "col.shipped_to": _e("Shipped to", "发货止"),
    "col.excess_days": _e("Extra days", "超出天数"),
    "col.delivery_days": _e("Delivery days, dip", "下滑期配送天数"),
    "col.delivery_days_before": _e("Delivery days, before", "此前配送天数"),
    "col.item_id": _e("Item ID", "商品ID"),
    "col.cart_rate": _e("Add-to-cart rate", "加购率"),
    "col.category_conversion": _e("Category conversion", "类目转化率"),
    "col.category_uv_value": _e("Category UV value", "类目UV价值"),
    "col.conversion_index": _e("Conversion index", "转化指数"),
    "col.lost_buyers": _e("Buyers lost", "流失买家"),
    "col.lost_amount": _e("Sales lost", "流失金额"),
    "col.changes": _e("What changed", "改动内容"),
    "col.change_label": _e("What changed", "改动内容"),
    "col.listing_changed_on": _e("Changed on", "改动日期"),
    "col.weeks_after": _e("Weeks after", "改动后周数"),
    "col.buyers_before": _e("Buyers before", "改动前买家"),
    "col.buyers_after": _e("Buyers after", "改动后买家"),
    "col.conversion_before": _e("Conversion before", "改动前转化率"),
    "col.conversion_after": _e("Conversion after", "改动后转化率"),
    "col.category_lift": _e("Category meanwhile", "同期类目变化"),
    "col.lift": _e("Lift", "提升"),
    "col.conversion_rate_high": _e("95% high", "95%上限"),
    "col.lift_low": _e("Lift 95% low", "95%下限"),
    "col.lift_high": _e("Lift 95% high", "95%上限"),
    "col.incremental_roas_low": _e("95% low", "95%下限"),
    "col.incremental_roas_high": _e("95% high", "95%上限"),
    "col.month": _e("Month", "月份"),
    "col.elapsed": _e("Month elapsed", "月度进度"),
    "col.pace": _e("Pace", "预算进度"),
    "col.projected_spend": _e("At this pace", "按当前进度全月"),
    "col.campaigns": _e("Campaigns", "计划数"),
    "col.is_over": _e("Over budget", "超预算"),
    "col.share_of_spend": _e("Share of spend", "花费占比"),
    "col.cac": _e("CAC", "获客成本"),
    "col.cac_prior": _e("CAC, prior month", "上月获客成本"),
    "col.cac_last_year": _e("CAC, last year", "去年同月获客成本"),
    "col.new_buyers": _e("New buyers", "新买家"),
    "col.campaign_id": _e("Campaign ID", "计划ID"),
    "col.treatment_orders": _e("Orders, treated", "投放组订单"),
    "col.holdout_orders": _e("Orders, held out", "对照组订单"),
    "col.treatment_audience": _e("People treated", "投放组人数"),
    "col.holdout_audience": _e("People held out", "对照组人数"),
    "col.incremental_orders": _e("Incremental orders", "增量订单"),
    "col.incremental_amount": _e("Incremental sales", "增量成交额"),
    "col.incremental_roas": _e("Incremental ROAS", "增量投产比"),
    "col.order_lift": _e("Order lift", "订单提升"),
    "col.visit_lift": _e("Visit lift", "访问提升"),
    "col.evidence": _e("Evidence", "依据"),
    "col.spend_amount": _e("Spend", "花费"),
    "col.forecast": _e("Forecast", "预测"),
    "col.actual": _e("Actual", "实际"),
    "col.error": _e("Error", "误差"),
    "col.ape": _e("Absolute error", "绝对误差"),
    "col.inside": _e("Inside the interval", "落在区间内"),
    "col.mape": _e("MAPE", "平均绝对百分比误差"),
    "col.months": _e("Months", "月数"),
    "col.worst_month": _e("Worst month", "误差最大月份"),
    "col.worst_error": _e("Its error", "该月误差"),
    "col.inside_share": _e("Months inside the interval", "落在区间内的月份占比"),
    "col.quarter": _e("Quarter", "季度"),
    "col.target_vs_last_year": _e("Target vs last year", "目标同比"),
    "col.target_vs_forecast": _e("Target vs forecast", "目标高于预测"),
    "col.trend": _e("Trend per year", "年化趋势"),
    "col.by": _e("By", "维度"),
    # what each new table is, and how to add it
    "page.table.store_ratings": _e("store ratings", "店铺评分（store_ratings）"),
    "page.table.product_traffic": _e("listing traffic", "商品流量（product_traffic）"),
    "page.table.listing_changes": _e("listing changes", "商品改动记录（listing_changes）"),
    "page.table.campaign_holdouts": _e("campaign holdout tests", "推广对照测试（campaign_holdouts）"),
    "page.add.store_ratings": _e(
        "To add it: export the platforms' store scores (生意参谋 店铺DSR, 京东商智 店铺评分, 抖店 体验分) into "
        "data/raw/store_ratings/ and run `storebook ingest`.",
        "补充方法：将各平台店铺评分导出（生意参谋店铺DSR、京东商智店铺评分、抖店体验分）放入 data/raw/store_ratings/，"
        "然后运行 `storebook ingest`。"),
    "page.add.product_traffic": _e(
        "To add it: put the per-item reports (生意参谋 商品效果, 京东商智 商品明细) under data/raw/ and run "
        "`storebook ingest`.",
        "补充方法：将商品效果报表（生意参谋商品效果、京东商智商品明细）放入 data/raw/，然后运行 `storebook ingest`。"),
    "page.add.listing_changes": _e(
        "To add it: record each change of a listing (day, item, what changed) in data/raw/listing_changes/ "
        "(layout in docs/contract.md) and run `storebook ingest`.",
        "补充方法：将每次商品改动（日期、商品、改动内容）按 docs/contract.md 的格式记录在 data/raw/listing_changes/，"
        "然后运行 `storebook ingest`。"),
    "page.add.campaign_holdouts": _e(
        "To add it: keep a random group out of a campaign and put both groups' daily orders in "
        "data/raw/campaign_holdouts/ (layout in docs/contract.md), then run `storebook ingest`.",
        "补充方法：在推广中随机留出一组人不投放，将两组每日订单按 docs/contract.md 的格式放入 "
        "data/raw/campaign_holdouts/，然后运行 `storebook ingest`。"),
}
