"""The competitor report's words, in English and 中文 (``competitor.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "competitor.position.dearer": _e("We are dearer", "我们更贵"),
    "competitor.position.cheaper": _e("We are cheaper", "我们更便宜"),
    "competitor.seller.us": _e("Us", "我们"),
    "platform.all": _e("Every platform", "全平台"),
    # -- measures (headline labels, chart axes)
    "metric.uplift": _e("Uplift on units (95% interval)", "销量提升率（95%置信区间）"),
    "metric.discount_pct": _e("Discount depth", "折扣力度"),
    "metric.units": _e("Units sold", "销量"),
    "metric.our_share": _e("Our share of units", "我方销量份额"),
    "metric.fill_rate": _e("Fill rate", "满足率"),
    "metric.month_otif_rate": _e("OTIF this month", "本月准时足量交付率"),
    "metric.warehouse_attributed_days": _e("Warehouse-days out from late or short deliveries", "因延迟/不足到货的分仓缺货（仓·天）"),
    "metric.lost_sales_amount": _e("Lost sales", "缺货损失"),
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
    "col.promo_id": _e("Promotion ID", "活动ID"),
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
    "col.eligible_orders": _e("Eligible", "可用券订单"),
    "col.redeemed_orders": _e("Redeemed", "核销订单"),
    "col.redemption_rate": _e("Redemption", "核销率"),
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
    "col.supplier_id": _e("Supplier ID", "供应商ID"),
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
    "col.po_id": _e("PO number", "采购单号"),
    "col.line_no": _e("Line", "行号"),
    "col.ordered_on": _e("Ordered on", "下单日期"),
    "col.promised_on": _e("Promised", "承诺到货"),
    "col.received_on": _e("Received on", "实际到货"),
    "col.days_late": _e("Days late", "延迟天数"),
    "col.qty_ordered": _e("Ordered", "采购数量"),
    "col.qty_received": _e("Received", "到货数量"),
    "col.qty_short": _e("Short", "短缺数量"),
    "col.stockout_days": _e("SKU-days out", "全仓缺货SKU天"),
    "col.warehouse_stockout_days": _e("Warehouse-days out", "分仓缺货仓·天"),
    "col.late_days": _e("From late deliveries", "因延迟到货"),
    "col.short_days": _e("From short deliveries", "因到货不足"),
    "col.other_days": _e("Other causes", "其他原因"),
    "col.warehouse_attributed_days": _e("Warehouse-days, late/short", "分仓缺货（延迟/不足）"),
    "col.lost_units": _e("Lost units", "损失销量"),
    "col.lost_sales_amount": _e("Lost sales", "缺货损失"),
    "col.attributed_lost_sales_amount": _e("Lost sales, late/short", "延迟/不足造成的损失"),
    "col.attributed_days": _e("SKU-days, late/short", "全仓缺货（延迟/不足）"),
    "col.threshold_metric": _e("Measure", "指标"),
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
    # {depth}: the mean of 1 − price ÷ list price over the products on promotion, a share of the list price
    # taken off (pct, as the promotions' discount_pct). In Chinese 折扣20% can be read as 2折 (80% off):
    # the sentence says the promotion price is so much below list.
    "competitor.promotions.takeaway": _e(
        "{top} ran promotions (a quarter or more of its products) on {top_days:count} days this month; on an "
        "average day {mean_share:pct} of the competitors' products were on promotion, at {depth:pct} off list.",
        "本月{top}有{top_days:count}天在做促销（四分之一以上商品参与）；平均每天竞品有{mean_share:pct}的商品在促销，"
        "促销价平均低于吊牌价{depth:pct}。",
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
    "competitor.changes.too_few": _e(
        "The competitor prices in the data were observed on {days:count} day(s), a product's regular price at most "
        "{most:count} time(s): a lasting price change is judged on the {window:count} observations before it, so "
        "whether a competitor changed a price cannot be told. Observe the prices daily (one export a day) to see "
        "their changes.",
        "数据中的竞品价格只观测了{days:count}天，单个商品的日常价格最多观测{most:count}次：判断持续调价需要调价前"
        "{window:count}次观测，因此无法判断竞品是否调价。请每日采集价格（每天一份导出）以观察调价。",
    ),
    "competitor.no_rows": _e(
        "No competitor prices were observed in {month} on {platforms:platforms}: the competitor monitoring export "
        "(data/raw/competitor_prices/) has no rows for {month:that} and those platforms. Choose another month or "
        "platform, or add the export and run `storebook ingest`.",
        "{platforms:platforms}在{month}没有竞品价格观测：竞品监控导出（data/raw/competitor_prices/）中没有{month:that}和这些平台的数据。"
        "请选择其他月份或平台，或添加导出后运行 `storebook ingest`。",
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
    # The price levels (storebook.competitor.summarise_price_levels): what every price export holds.
    "competitor.levels": _e("What prices did the competitors charge?", "竞品的价格水平如何？"),
    "competitor.levels.takeaway": _e(
        "{competitors:count} competitors listed {products:count} products on {platforms} (prices observed on {days:count} "
        "days this month), at a median price of {median:money2}. {top} listed the most ({top_products:count}): a "
        "median of {top_median:money2}, half of its prices between {top_p25:money2} and {top_p75:money2}."
        " Among those with at least 3 products, {low} priced lowest (median {low_median:money2}) and {high} "
        "highest ({high_median:money2}).",
        "本月{competitors:count}家竞品店铺在{platforms}共有{products:count}个商品（观察了{days:count}天的价格），价格中位数"
        "{median:money2}。商品最多的是{top}（{top_products:count}个）：价格中位数{top_median:money2}，一半价格在"
        "{top_p25:money2}至{top_p75:money2}之间。"
        "在至少有3个商品的店铺中，{low}定价最低（中位数{low_median:money2}），{high}最高（{high_median:money2}）。",
    ),
    "competitor.levels.takeaway.one": _e(
        "{competitors:count} competitors listed {products:count} products on {platforms} (prices observed on {days:count} "
        "days this month), at a median price of {median:money2}. {top} listed the most ({top_products:count}): a "
        "median of {top_median:money2}, half of its prices between {top_p25:money2} and {top_p75:money2}.",
        "本月{competitors:count}家竞品店铺在{platforms}共有{products:count}个商品（观察了{days:count}天的价格），价格中位数"
        "{median:money2}。商品最多的是{top}（{top_products:count}个）：价格中位数{top_median:money2}，一半价格在"
        "{top_p25:money2}至{top_p75:money2}之间。",
    ),
    "competitor.levels.takeaway.unmatched": _e(
        "{competitors:count} competitors listed {products:count} products on {platforms} (prices observed on {days:count} "
        "days this month), at a median price of {median:money2}. {top} listed the most ({top_products:count}): a "
        "median of {top_median:money2}, half of its prices between {top_p25:money2} and {top_p75:money2}."
        " Among those with at least 3 products, {low} priced lowest (median {low_median:money2}) and {high} "
        "highest ({high_median:money2})."
        " Their prices cannot be set against ours: none of their products is matched to one of our SKUs. Our "
        "matching SKU for each of their products (`sku` in the competitor prices export) adds the price index, the "
        "gaps and the cheapest seller by category.",
        "本月{competitors:count}家竞品店铺在{platforms}共有{products:count}个商品（观察了{days:count}天的价格），价格中位数"
        "{median:money2}。商品最多的是{top}（{top_products:count}个）：价格中位数{top_median:money2}，一半价格在"
        "{top_p25:money2}至{top_p75:money2}之间。"
        "在至少有3个商品的店铺中，{low}定价最低（中位数{low_median:money2}），{high}最高（{high_median:money2}）。"
        "无法与我们的价格对比：竞品商品均未匹配到我们的SKU。在竞品价格数据中为每个竞品商品填上对应的我方SKU（`sku`），"
        "即可得到价格指数、价差和各类目最低价卖家。",
    ),
    "competitor.levels.takeaway.one_unmatched": _e(
        "{competitors:count} competitors listed {products:count} products on {platforms} (prices observed on {days:count} "
        "days this month), at a median price of {median:money2}. {top} listed the most ({top_products:count}): a "
        "median of {top_median:money2}, half of its prices between {top_p25:money2} and {top_p75:money2}."
        " Their prices cannot be set against ours: none of their products is matched to one of our SKUs. Our "
        "matching SKU for each of their products (`sku` in the competitor prices export) adds the price index, the "
        "gaps and the cheapest seller by category.",
        "本月{competitors:count}家竞品店铺在{platforms}共有{products:count}个商品（观察了{days:count}天的价格），价格中位数"
        "{median:money2}。商品最多的是{top}（{top_products:count}个）：价格中位数{top_median:money2}，一半价格在"
        "{top_p25:money2}至{top_p75:money2}之间。"
        "无法与我们的价格对比：竞品商品均未匹配到我们的SKU。在竞品价格数据中为每个竞品商品填上对应的我方SKU（`sku`），"
        "即可得到价格指数、价差和各类目最低价卖家。",
    ),
    # The price levels by day (storebook.competitor.trace_price_levels, competitor_facts.daily_levels_facts).
    # Which competitors the chart follows ({shown:key}, competitor_facts.daily_levels_facts): "(N of M)"
    # only where some are left out ("(4 of 4)" read as if some were).
    "competitor.levels.daily.title": _e("Median price by day, {shown:key}", "每日价格中位数：{shown:key}"),
    "competitor.levels.daily.some": _e(
        "the competitors with the most products ({followed:count} of {competitors:count})",
        "商品最多的竞品店铺（{competitors:count}家中的{followed:count}家）",
    ),
    "competitor.levels.daily.all": _e("every competitor", "全部竞品店铺"),
    "competitor.levels.daily.takeaway": _e(
        "By day, {mover}'s median price moved the most: {mover_first:money2} on its first day observed, "
        "{mover_last:money2} on its last ({mover_change:signed}). A day's median is over the products observed that "
        "day.",
        "按日看，{mover}的价格中位数变化最大：首个观察日{mover_first:money2}，最后一个观察日{mover_last:money2}"
        "（{mover_change:signed}）。每日中位数按当天观察到的商品计算。",
    ),
    "competitor.levels.daily.takeaway.steady": _e(
        "By day, no competitor's median price differed between its first and last day observed this month "
        "({days:count} days). A day's median is over the products observed that day.",
        "按日看，本月（{days:count}天）各竞品店铺首个观察日与最后一个观察日的价格中位数相同。每日中位数按当天观察到的商品计算。",
    ),
    "competitor.levels.daily.takeaway.one_day": _e(
        "No chart by day: the price export holds one day of this month. An export crawled on two days or more (a "
        "crawl a day, each file with its day) shows how the competitors' prices moved through the month.",
        "无法按日作图：本月的竞品价格数据只有一天。导入两天或以上的抓取数据（每天抓取一次，每个文件注明日期）即可看出竞品价格在月内的变化。",
    ),
    "col.observed_products": _e("Products", "商品数"),
    "col.median_price": _e("Median price", "价格中位数"),
    "col.p25_price": _e("Lower quartile", "价格下四分位"),
    "col.p75_price": _e("Upper quartile", "价格上四分位"),
    "col.competitor_median_price_vs_prior": _e("Median vs prior month", "中位数环比"),
    "col.matched_share": _e("Matched to our SKUs", "已匹配我方SKU占比"),
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
}
