"""What a page says when its data are missing, in English and 中文 (``no_data.*`` keys): the
texts of the :class:`storebook.NoDataError` raised by the engine, the measures and the areas
(each names its key; tests/report/test_text.py checks every one does). Each says what is
missing and what to export or ingest.

The key's values are the error's ``values``: ``month`` a month's label (2026-10), ``platforms``
platform codes, ``start``/``end`` days, ``first``/``last`` dates as text.
"""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

_INGEST_ZH = "并运行 `storebook ingest`"

ENTRIES: dict[str, Entry] = {
    # -- the workbook and its tables (storebook.engine)
    "no_data.processed": _e(
        "No processed data in {folder}: run `storebook ingest` (or `make report`, which builds the sample store).",
        "{folder}中没有处理后的数据：请运行 `storebook ingest`（或运行 `make report`，它会生成示例店铺）。"),
    "no_data.generation_pointer": _e(
        "{where} does not name a generation of the processed data: run `storebook ingest` to rebuild it "
        "(raw files are not touched).",
        "{where}没有指向处理后数据的任何版本：请运行 `storebook ingest` 重建（原始文件不会被改动）。"),
    "no_data.generation_missing": _e(
        "{pointer} names generation {name}, which is missing from {folder}: run `storebook ingest` to rebuild "
        "the processed data (raw files are not touched).",
        "{pointer}指向的数据版本{name}不在{folder}中：请运行 `storebook ingest` 重建处理后的数据（原始文件不会被改动）。"),
    "no_data.table": _e(
        "The workbook has no {table:table} table ({folder} is missing): put its exports under data/raw/{table}/ "
        "and run `storebook ingest`.",
        "工作簿中没有{table:table}表（缺少 {folder}）：请将其导出放入 data/raw/{table}/ " + _INGEST_ZH + "。"),
    "no_data.orders_empty": _e(
        "The orders table is empty: put exports with orders under data/raw/ and run `storebook ingest` first.",
        "订单表为空：请先将含订单的导出放入 data/raw/ " + _INGEST_ZH + "。"),
    "no_data.orders_shipments_empty": _e(
        "The orders and shipments tables are empty: put their exports under data/raw/ and run `storebook ingest` "
        "first.",
        "订单表和发货表都为空：请先将它们的导出放入 data/raw/ " + _INGEST_ZH + "。"),
    "no_data.dated_rows": _e(
        "The workbook holds no dated rows (no orders, traffic, shipments, tickets, purchase orders, inventory or "
        "competitor prices): put the platforms' exports under data/raw/ and run `storebook ingest`.",
        "工作簿中没有带日期的数据（订单、流量、发货、工单、采购单、库存和竞品价格都没有）：请将各平台的导出放入 data/raw/ "
        + _INGEST_ZH + "。"),
    "no_data.dated_rows.held": _e(
        "The workbook holds no dated rows (no orders, traffic, shipments, tickets, purchase orders, inventory or "
        "competitor prices); it holds {tables} only, which date no month to report: put the platforms' exports "
        "under data/raw/ and run `storebook ingest`.",
        "工作簿中没有带日期的数据（订单、流量、发货、工单、采购单、库存和竞品价格都没有），只有{tables}，无法确定要报告的月份："
        "请将各平台的导出放入 data/raw/ " + _INGEST_ZH + "。"),
    "no_data.month_outside": _e(
        "No data in {month}: the data ({tables}) cover {first} to {last}; choose a month in that range.",
        "{month}没有数据：数据（{tables}）的范围为{first}至{last}；请选择该范围内的月份。"),
    "no_data.month_outside.no_orders": _e(
        "No orders in {month}, nor any other data: the data ({tables}) cover {first} to {last}; choose a month in "
        "that range.",
        "{month}没有订单，也没有其他数据：数据（{tables}）的范围为{first}至{last}；请选择该范围内的月份。"),
    "no_data.ingest_record": _e(
        "The workbook has no ingest record (_ingest.json): run `storebook ingest`.",
        "工作簿没有导入记录（_ingest.json）：请运行 `storebook ingest`。"),
    # -- orders and sales
    "no_data.paid_orders": _e(
        "No paid orders in {month} on {platforms:platforms}: the orders export for {month:that} may be missing; "
        "check `storebook info` or choose another month or platform.",
        "{platforms:platforms}在{month}没有已付订单：{month:that}的订单导出可能缺失；请运行 `storebook info` 查看，或选择其他月份或平台。"),
    "no_data.placed_orders": _e(
        "No orders were placed in {month} on {platforms:platforms}: the orders export for {month:that} may be "
        "missing; check `storebook info` or choose another month or platform.",
        "{platforms:platforms}在{month}没有下单记录：{month:that}的订单导出可能缺失；请运行 `storebook info` 查看，或选择其他月份或平台。"),
    "no_data.placed_orders.any": _e(
        "No orders were placed in {month}: the orders export for {month:that} may be missing; check "
        "`storebook info` or choose another month.",
        "{month}没有下单记录：{month:that}的订单导出可能缺失；请运行 `storebook info` 查看，或选择其他月份。"),
    "no_data.sales": _e(
        "No sales in {month} on {platforms:platforms}: the orders export for {month:that}, or its order lines, may "
        "be missing; check `storebook info` or choose another month or platform.",
        "{platforms:platforms}在{month}没有销售：{month:that}的订单导出或其订单行可能缺失；请运行 `storebook info` 查看，或选择其他月份或平台。"),
    "no_data.line_amounts": _e(
        "The line amounts of {month}'s sales are unknown (order_lines.line_amount): there is no revenue or margin "
        "to rank products by. An orders export with each line's amount (price × quantity) gives them; run "
        "`storebook ingest` after adding it.",
        "{month}销售的订单行金额未知（order_lines.line_amount）：无法按销售额或毛利给商品排名。请导入带有每行金额（单价×数量）的订单导出，"
        + _INGEST_ZH + "。"),
    "no_data.abc_revenue": _e(
        "No SKU sold has a known revenue (order_lines.line_amount is empty): the SKUs cannot be ranked by it. An "
        "orders export with each line's amount gives it; run `storebook ingest` after adding it.",
        "售出的SKU都没有已知的销售额（order_lines.line_amount 为空）：无法按销售额给SKU排名。请导入带有每行金额的订单导出，"
        + _INGEST_ZH + "。"),
    "no_data.abc_margin": _e(
        "No SKU sold has a known margin (products.unit_cost is empty): the SKUs cannot be ranked by it. A product "
        "catalogue with each SKU's unit cost gives it; run `storebook ingest` after adding it.",
        "售出的SKU都没有已知的毛利（products.unit_cost 为空）：无法按毛利给SKU排名。请导入带有各SKU单位成本的商品目录，"
        + _INGEST_ZH + "。"),
    "no_data.new_products": _e(
        "No product was launched in the {days:count} days to {day}: there are no new products to judge. The product "
        "catalogue's launch dates (products.launched_on) say which products are new.",
        "截至{day}的{days:count}天内没有上新商品：没有可评估的新品。新品以商品目录中的上架日期（products.launched_on）为准。"),
    "no_data.acquired_customers": _e(
        "No customers were acquired between {first} and {month} on {platforms:platforms}: the orders of those "
        "months may be missing; choose another month or platform, or ingest those months' orders exports.",
        "{platforms:platforms}在{first}至{month}期间没有新获取的客户：这些月份的订单可能缺失；请选择其他月份或平台，"
        "或导入这些月份的订单导出。"),
    "no_data.scorecard": _e(
        "Nothing to report for {month} on {platforms:platforms}: neither traffic nor paid orders. Check "
        "`storebook info` for the months the data cover, or choose another month or platform.",
        "{platforms:platforms}在{month}没有可报告的数据：既没有流量，也没有已付订单。请运行 `storebook info` 查看数据覆盖的月份，"
        "或选择其他月份或平台。"),
    "no_data.targets": _e(
        "No targets for {month} on {platforms:platforms}: the targets table covers {first} to {last}. Put the "
        "month's targets (目标/预算) under data/raw/targets/ and run `storebook ingest` to compare against them.",
        "{platforms:platforms}没有{month}的目标：目标表的范围为{first}至{last}。请将该月的目标（目标/预算）放入 data/raw/targets/ "
        + _INGEST_ZH + "，以便与目标对比。"),
    "no_data.targets.empty": _e(
        "No targets for {month} on {platforms:platforms}: the targets table is empty. Put the month's targets "
        "(目标/预算) under data/raw/targets/ and run `storebook ingest` to compare against them.",
        "{platforms:platforms}没有{month}的目标：目标表为空。请将该月的目标（目标/预算）放入 data/raw/targets/ "
        + _INGEST_ZH + "，以便与目标对比。"),
    "no_data.forecast": _e(
        "Neither the paid amount nor the paid orders were forecast: there is too little order history before the "
        "month. Ingest the earlier months' orders exports to forecast it.",
        "支付金额和已付订单都未能预测：该月之前的订单历史太短。请导入更早月份的订单导出后再预测。"),
    # -- shipments, deliveries, inventory, purchase orders
    "no_data.orders_or_shipments": _e(
        "No orders or shipments in {month}: the orders and shipments exports for {month:that} may be missing; "
        "check `storebook info` or choose another month or platform.",
        "{month}没有订单或发货记录：{month:that}的订单和发货导出可能缺失；请运行 `storebook info` 查看，或选择其他月份或平台。"),
    "no_data.shipments": _e(
        "No shipments in {month} on {platforms:platforms}: check that the shipments export covers {month:that} "
        "(data/raw/shipments/) and run `storebook ingest` again.",
        "{platforms:platforms}在{month}没有发货记录：请确认发货导出覆盖{month:that}（data/raw/shipments/），并重新运行 `storebook ingest`。"),
    "no_data.shipped_orders": _e(
        "No shipped orders in {month} on {platforms:platforms}: check that the shipments export covers "
        "{month:that} (data/raw/shipments/) and run `storebook ingest` again.",
        "{platforms:platforms}在{month}没有已发货订单：请确认发货导出覆盖{month:that}（data/raw/shipments/），并重新运行 `storebook ingest`。"),
    "no_data.orders_to_ship": _e(
        "No paid orders to ship in {month} on {platforms:platforms}: the orders export for {month:that} may be "
        "missing; check `storebook info` or choose another month or platform.",
        "{platforms:platforms}在{month}没有待发货的已付订单：{month:that}的订单导出可能缺失；请运行 `storebook info` 查看，或选择其他月份或平台。"),
    "no_data.inventory": _e(
        "No inventory snapshots in {month}: check that the inventory export covers {month:that} "
        "(data/raw/inventory/) and run `storebook ingest`.",
        "{month}没有库存快照：请确认库存导出覆盖{month:that}（data/raw/inventory/）" + _INGEST_ZH + "。"),
    "no_data.po_lines": _e(
        "No purchase-order lines are due in {month}: check that the purchase_orders export covers {month:that} "
        "(data/raw/purchase_orders/) and run `storebook ingest`.",
        "{month}没有到期的采购单行：请确认采购单（purchase_orders）导出覆盖{month:that}（data/raw/purchase_orders/）" + _INGEST_ZH + "。"),
    # -- marketing and promotions
    "no_data.marketing_spend": _e(
        "No marketing spend for {month} on {platforms:platforms}: put the ad platforms' spend exports into "
        "data/raw/marketing_spend/ and run `storebook ingest`, or choose another month.",
        "{platforms:platforms}没有{month}的推广花费：请将各广告平台的花费导出放入 data/raw/marketing_spend/ " + _INGEST_ZH
        + "，或选择其他月份。"),
    "no_data.marketing_cost": _e(
        "The marketing cost of {month} is unknown: the workbook has no marketing_spend table. Put the platforms' "
        "ad-spend exports under data/raw/marketing_spend/ and run `storebook ingest`.",
        "{month}的推广成本未知：工作簿中没有推广花费表（marketing_spend）。请将各平台的广告花费导出放入 data/raw/marketing_spend/ "
        + _INGEST_ZH + "。"),
    "no_data.holdout_campaign": _e(
        "No holdout rows of campaign {campaign} between {start:date} and {end:date}: check the campaign's test in "
        "data/raw/campaign_holdouts/, or choose another campaign.",
        "{start:date}至{end:date}期间没有推广{campaign}的对照测试数据：请检查 data/raw/campaign_holdouts/ 中该推广的测试，或选择其他推广。"),
    "no_data.promotion_runs": _e(
        "No promotion runs in {month} on {platforms:platforms}: the promotions export (data/raw/promotions/) has "
        "none overlapping {month:that}. Choose another month or platform, or add the promotions of {month:that} and run "
        "`storebook ingest`.",
        "{platforms:platforms}在{month}没有进行中的促销：促销导出（data/raw/promotions/）中没有与{month:that}重叠的促销。请选择其他月份或平台，"
        "或补充{month:that}的促销" + _INGEST_ZH + "。"),
    "no_data.promotion_started": _e(
        "No promotion started in {months} on {platforms:platforms}: there is nothing to compare. Check the "
        "promotions export (data/raw/promotions/) and run `storebook ingest`.",
        "{platforms:platforms}在{months}期间没有开始的促销：没有可比较的促销。请检查促销导出（data/raw/promotions/）" + _INGEST_ZH + "。"),
    "no_data.promotion_absent": _e(
        "Promotion {promo} does not run in {month} on {platforms:platforms}: choose a promotion that runs in {month:that}.",
        "促销{promo}在{month}没有在{platforms:platforms}进行：请选择{month:that}进行中的促销。"),
    # -- traffic, listings, ratings, service
    "no_data.traffic_metric": _e(
        "No day of the month has a known figure for {metric:metric} in the traffic table: export the platforms' "
        "daily traffic reports with it into data/raw/traffic/ and run `storebook ingest`.",
        "本月流量表中没有一天有{metric:metric}的数据：请将含该指标的各平台每日流量报表导出到 data/raw/traffic/ " + _INGEST_ZH + "。"),
    "no_data.channel_visitors": _e(
        "No channel brought a visitor this month: the traffic-source rows hold no visits. Export the platforms' "
        "traffic-source reports into data/raw/traffic/ and run `storebook ingest`.",
        "本月没有任何渠道带来访客：流量来源数据中没有访问。请将各平台的流量来源报表导出到 data/raw/traffic/ " + _INGEST_ZH + "。"),
    "no_data.listing_traffic": _e(
        "No listing traffic for {month} on {platforms:platforms}: export the platforms' per-item reports "
        "(生意参谋 商品效果, 京东商智 商品明细) into data/raw/ and run `storebook ingest`.",
        "{platforms:platforms}没有{month}的商品流量：请将各平台的商品明细报表（生意参谋 商品效果、京东商智 商品明细）导出到 data/raw/ "
        + _INGEST_ZH + "。"),
    "no_data.listing_changes": _e(
        "No listing change between {start:date} and {end:date} on {platforms:platforms}: record the changes in "
        "data/raw/listing_changes/ and run `storebook ingest` to measure them.",
        "{start:date}至{end:date}期间{platforms:platforms}没有商品页改动记录：请将改动记录到 data/raw/listing_changes/ "
        + _INGEST_ZH + "，以衡量其效果。"),
    "no_data.listing_change_traffic": _e(
        "No listing change in the last {months:count} months has listing traffic around it on "
        "{platforms:platforms}: export the per-item reports of the days before and after each change and run "
        "`storebook ingest`.",
        "近{months:count}个月内{platforms:platforms}的商品页改动前后都没有商品流量：请导出每次改动前后几天的商品明细报表" + _INGEST_ZH + "。"),
    "no_data.ratings": _e(
        "No store ratings for {month} on {platforms:platforms}: export the platforms' store scores (生意参谋 店铺DSR, "
        "京东商智 店铺评分, 抖店 体验分) into data/raw/store_ratings/ and run `storebook ingest`.",
        "{platforms:platforms}没有{month}的店铺评分：请将各平台的店铺评分（生意参谋 店铺DSR、京东商智 店铺评分、抖店 体验分）导出到 "
        "data/raw/store_ratings/ " + _INGEST_ZH + "。"),
    "no_data.listing_ads": _e(
        "No listing spent on ads in {month} on {platforms:platforms}: the per-item reports' ad spend "
        "(生意参谋 总推广花费) is empty or 0 for every listing. Export the item report with its 推广 columns and run "
        "`storebook ingest`.",
        "{platforms:platforms}在{month}没有商品的推广花费：商品明细报表的推广花费（生意参谋 总推广花费）全部为空或为0。"
        "请导出含推广列的商品效果报表" + _INGEST_ZH + "。"),
    "no_data.store_ops_headline": _e(
        "Neither store ratings nor listing traffic for {month} on {platforms:platforms}: export the platforms' "
        "store scores (data/raw/store_ratings/) or per-item reports and run `storebook ingest`.",
        "{platforms:platforms}在{month}既没有店铺评分，也没有商品流量：请导出各平台的店铺评分（data/raw/store_ratings/）或商品明细报表"
        + _INGEST_ZH + "。"),
    "no_data.returns_complaints": _e(
        "No returns or complaints to compare for {month}: neither the returns by category nor the complaints by "
        "supplier have rows in it or the prior month. Check that the returns and service-ticket exports cover "
        "these months and run `storebook ingest`.",
        "{month}没有可比较的退货或投诉：该月及上月既没有按品类的退货，也没有按供应商的投诉。请确认退货和客服工单的导出覆盖这两个月"
        + _INGEST_ZH + "。"),
    "no_data.tickets": _e(
        "No service tickets opened in {month} on {platforms:platforms}: the ticket export for {month:that} may be "
        "missing (put it under data/raw/service_tickets/ and run `storebook ingest`), or choose another month or "
        "platform.",
        "{platforms:platforms}在{month}没有新建的客服工单：{month:that}的工单导出可能缺失（请放入 data/raw/service_tickets/ "
        + _INGEST_ZH + "），或选择其他月份或平台。"),
    "no_data.csat": _e(
        "No rated ticket in {month} on {platforms:platforms}: no CSAT can be computed. Check that the ticket "
        "export carries the satisfaction score (the csat column) and run `storebook ingest`.",
        "{platforms:platforms}在{month}没有带评分的工单：无法计算满意度（CSAT）。请确认工单导出包含满意度评分（csat 列）" + _INGEST_ZH + "。"),
    "no_data.competitor_unmatched": _e(
        "No competitor product observed in {month} on {platforms:platforms} is matched to one of ours: fill in "
        "competitor_prices.sku (our SKU the product competes with) and run `storebook ingest` again.",
        "{platforms:platforms}在{month}监测到的竞品都没有对应到本店的SKU：请在竞品价格表中填写 competitor_prices.sku（该竞品对标的本店SKU），"
        "再运行 `storebook ingest`。"),
}
