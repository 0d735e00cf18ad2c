"""The overview report's words, in English and 中文 (``overview.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # metrics
    "metric.repeat_rate": _e("Repeat-purchase rate", "复购率"),
    "metric.retention": _e("Retention", "留存率"),
    "metric.spend": _e("Spend", "花费"),
    "metric.budget": _e("Budget", "预算"),
    "metric.vs_prior": _e("Change on the prior month", "环比变化"),
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
    "group.top_sales": _e("Most sales", "销售额最高"),
    "group.bottom_sales": _e("Least sales", "销售额最低"),
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
    "col.first_response_median_min": _e("First reply, median", "首次响应中位数"),
    "col.first_response_p90_min": _e("First reply, 90th pct", "首次响应90分位"),
    "col.resolved": _e("Resolved", "已解决"),
    "col.resolution_median_h": _e("Resolution, median", "解决时长中位数"),
    "col.resolution_p90_h": _e("Resolution, 90th pct", "解决时长90分位"),
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
    "col.batch_id": _e("Batch number", "批次号"),
    "col.expected": _e("Expected from peers", "同类预期"),
    "col.ratio": _e("× expected", "为预期倍数"),
    # Short: the row is the batch, and its supplier, batch and PO numbers stand beside it (a 1280 px page).
    "col.batch_complaints": _e("Batch complaints", "该批次投诉"),
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
    "overview.scorecard.source_missing": _e(
        "{metrics} left out of {month}'s scorecard: the month has none of the data they are computed from.",
        "{month}的记分卡未包含{metrics}：本月没有计算它们所需的数据。",
    ),
    "overview.scorecard.daily_buyers": _e(
        "Buyers are the sum of the month's daily buyers (buyer-days), as the platforms count them day by day: a "
        "buyer who paid on two days counts twice, so they are not the month's distinct buyers.",
        "买家数为当月每日买家数之和（按天统计）：两天都付款的买家计两次，并非当月去重买家数。",
    ),
    "overview.scorecard.targets_missing": _e(
        "No targets compared for {month}: the targets table has none for the month. Put the month's targets under "
        "data/raw/targets/ and run `storebook ingest`.",
        "{month}未对照目标：目标表中没有本月的目标。请将当月目标放入 data/raw/targets/，然后运行 `storebook ingest`。",
    ),
    "overview.scorecard.untargeted": _e(
        "No targets for {month} for {metrics}: the targets table has none for that month; put them under "
        "data/raw/targets/ and run `storebook ingest` to compare against them",
        "{month}没有{metrics}的目标：目标表中没有该月的这些目标。请将它们放入 data/raw/targets/，然后运行 "
        "`storebook ingest` 以对照目标。",
    ),
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
    "overview.scorecard.takeaway.no_amount": _e(
        "Orders reached {orders:count} ({orders_vs_prior:change} on the prior month, {orders_vs_last_year:change} "
        "on last year); the paid amount and the gross margin are not in this store's data: its exports carry no "
        "amounts. {met} of the {with_target} metrics with a target met it; {red} missed it by more than 5%, "
        "furthest {worst:metric} ({worst_vs_target:signed} against target).",
        "订单数{orders:count}（环比{orders_vs_prior:change}，同比{orders_vs_last_year:change}）；支付金额和毛利不在本店数据中：导出数据没有金额。"
        "设有目标的{with_target}项指标中{met}项达标；{red}项差距超过5%，差距最大的是{worst:metric}（较目标{worst_vs_target:signed}）。",
    ),
    "overview.scorecard.takeaway.no_amount.no_red": _e(
        "Orders reached {orders:count} ({orders_vs_prior:change} on the prior month, {orders_vs_last_year:change} "
        "on last year); the paid amount and the gross margin are not in this store's data: its exports carry no "
        "amounts. {met} of the {with_target} metrics with a target met it, and none missed it by more than 5%.",
        "订单数{orders:count}（环比{orders_vs_prior:change}，同比{orders_vs_last_year:change}）；支付金额和毛利不在本店数据中：导出数据没有金额。"
        "设有目标的{with_target}项指标中{met}项达标，没有指标差距超过5%。",
    ),
    "overview.scorecard.takeaway.no_amount.no_targets": _e(
        "Orders reached {orders:count} ({orders_vs_prior:change} on the prior month, {orders_vs_last_year:change} "
        "on last year); the paid amount and the gross margin are not in this store's data: its exports carry no "
        "amounts. No targets were set for this month: the scorecard compares with the prior month and last year "
        "only.",
        "订单数{orders:count}（环比{orders_vs_prior:change}，同比{orders_vs_last_year:change}）；支付金额和毛利不在本店数据中：导出数据没有金额。"
        "本月未设定目标，仅与上月和去年同期对比。",
    ),
    "overview.scorecard.takeaway.no_cost": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year); the gross margin is not known: the store's data carry no product costs (to add them: a product "
        "catalogue with each product's unit cost (`unit_cost`), then `storebook ingest` again). {met} of the {with_target} metrics with a target met it; {red} missed it by more than 5%, "
        "furthest {worst:metric} ({worst_vs_target:signed} against target).",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}）；毛利未知：本店数据没有商品成本（补充方法：导入含单位成本（`unit_cost`）的商品目录，然后重新运行 `storebook ingest`）。"
        "设有目标的{with_target}项指标中{met}项达标；{red}项差距超过5%，差距最大的是{worst:metric}（较目标{worst_vs_target:signed}）。",
    ),
    "overview.scorecard.takeaway.no_cost.no_red": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year); the gross margin is not known: the store's data carry no product costs (to add them: a product "
        "catalogue with each product's unit cost (`unit_cost`), then `storebook ingest` again). {met} of the {with_target} metrics with a target met it, and none missed it by more "
        "than 5%.",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}）；毛利未知：本店数据没有商品成本（补充方法：导入含单位成本（`unit_cost`）的商品目录，然后重新运行 `storebook ingest`）。"
        "设有目标的{with_target}项指标中{met}项达标，没有指标差距超过5%。",
    ),
    "overview.scorecard.takeaway.no_cost.no_targets": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year); the gross margin is not known: the store's data carry no product costs (to add them: a product "
        "catalogue with each product's unit cost (`unit_cost`), then `storebook ingest` again). No targets were set for this month: the scorecard compares with the prior month "
        "and last year only.",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}）；毛利未知：本店数据没有商品成本（补充方法：导入含单位成本（`unit_cost`）的商品目录，然后重新运行 `storebook ingest`）。"
        "本月未设定目标，仅与上月和去年同期对比。",
    ),
    "overview.scorecard.takeaway.no_margin": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year); the gross margin could not be computed: the profit report needs data this store "
        "lacks (named above). {met} of the {with_target} metrics with a target met it; {red} missed it by more than 5%, "
        "furthest {worst:metric} ({worst_vs_target:signed} against target).",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}）；毛利无法计算：利润报告所需的数据本店缺少（见上文）。"
        "设有目标的{with_target}项指标中{met}项达标；{red}项差距超过5%，差距最大的是{worst:metric}（较目标{worst_vs_target:signed}）。",
    ),
    "overview.scorecard.takeaway.no_margin.no_red": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year); the gross margin could not be computed: the profit report needs data this store "
        "lacks (named above). {met} of the {with_target} metrics with a target met it, and none missed it by more "
        "than 5%.",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}）；毛利无法计算：利润报告所需的数据本店缺少（见上文）。"
        "设有目标的{with_target}项指标中{met}项达标，没有指标差距超过5%。",
    ),
    "overview.scorecard.takeaway.no_margin.no_targets": _e(
        "Paid amount reached {paid_amount:money} ({paid_vs_prior:change} on the prior month, {paid_vs_last_year:change} "
        "on last year); the gross margin could not be computed: the profit report needs data this store "
        "lacks (named above). No targets were set for this month: the scorecard compares with the prior month "
        "and last year only.",
        "支付金额{paid_amount:money}（环比{paid_vs_prior:change}，同比{paid_vs_last_year:change}）；毛利无法计算：利润报告所需的数据本店缺少（见上文）。"
        "本月未设定目标，仅与上月和去年同期对比。",
    ),
    "overview.changes": _e("What moved most this month, and why?", "本月变化最大的是什么？原因何在？"),
    "overview.changes.title": _e("{metric:metric} moved most: {vs_prior:change} on the prior month",
                                 "变化最大的是{metric:metric}：环比{vs_prior:change}"),
    "overview.change.platform": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); {platform:platform} accounts "
        "for {share_of_change:percent} of the change ({platform_vs_prior:change} to {platform_value_fmt}).",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；{platform:platform}贡献了其中"
        "{share_of_change:percent}的变化（环比{platform_vs_prior:change}至{platform_value_fmt}）。",
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
        "{share_of_change:percent} of the change. The promotion “{promo_name}” ({promo_platform:platform}) added "
        "{incremental_margin:money} of incremental margin (ROI {roi:percent}).",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；{platform:platform}贡献了其中"
        "{share_of_change:percent}的变化。活动“{promo_name}”（{promo_platform:platform}）带来增量毛利{incremental_margin:money}"
        "（ROI {roi:percent}）。",
    ),
    "overview.change.promotion.single": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}). The promotion “{promo_name}” "
        "added {incremental_margin:money} of incremental margin (ROI {roi:ratio}).",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）。活动“{promo_name}”带来增量毛利"
        "{incremental_margin:money}（ROI {roi:ratio}）。",
    ),
    "overview.change.spike": _e(
        "{metric:metric} {vs_prior:change} to {value_fmt} (prior month {prior_fmt}); complaints about {product_name} "
        "({sku:sku_beside_name}) stand out — {complaints:count} where {expected:ratio} were expected — traced to {supplier_name}, "
        "batch {batch_id}.",
        "{metric:metric}环比{vs_prior:change}至{value_fmt}（上月{prior_fmt}）；{product_name}（{sku:sku_beside_name}）的投诉异常突出"
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
        "{top_name} ({top_sku:sku_beside_name}) earned the most gross margin, {top_margin:money} at a {top_rate:pct} margin rate; the "
        "top {n} together brought {top_share:pct} of the month's product margin. At the other end {bottom_name} "
        "({bottom_sku:sku_beside_name}) earned {bottom_margin:money}; {negative} of the bottom {bottom_n} lost money after refunds.",
        "{top_name}（{top_sku:sku_beside_name}）贡献毛利最多，{top_margin:money}，毛利率{top_rate:pct}；前{n}名合计贡献本月商品毛利的"
        "{top_share:pct}。末位的{bottom_name}（{bottom_sku:sku_beside_name}）仅贡献{bottom_margin:money}；末位{bottom_n}个商品中有{negative}个扣除退款后亏损。",
    ),
    # Every product sold in the top group (overview_facts.product_facts): no "top 5 together
    # brought 100.0%" of five products, no ranking of one.
    "overview.products.takeaway.all": _e(
        "{top_name} ({top_sku:sku_beside_name}) earned the most gross margin of the {n} products sold, "
        "{top_margin:money} at a {top_rate:pct} margin rate; {bottom_name} ({bottom_sku:sku_beside_name}) the least, "
        "{bottom_margin:money}. {negative} of the {n} lost money after refunds.",
        "本月售出{n}个商品，{top_name}（{top_sku:sku_beside_name}）贡献毛利最多，{top_margin:money}，毛利率{top_rate:pct}；"
        "{bottom_name}（{bottom_sku:sku_beside_name}）最少，{bottom_margin:money}。其中{negative}个扣除退款后亏损。",
    ),
    "overview.products.takeaway.one": _e(
        "{top_name} ({top_sku:sku_beside_name}) was the only product sold: it earned {top_margin:money} of gross "
        "margin at a {top_rate:pct} margin rate.",
        "本月只售出{top_name}（{top_sku:sku_beside_name}）一个商品：毛利{top_margin:money}，毛利率{top_rate:pct}。",
    ),
    "overview.products.takeaway.margin_unknown.all": _e(
        "No unit cost is known for the products sold, so their gross margin is unknown; ranked by revenue instead, "
        "{top_name} ({top_sku:sku_beside_name}) sold the most of the {n} products sold, {top_revenue:money}, and "
        "{bottom_name} ({bottom_sku:sku_beside_name}) the least, {bottom_revenue:money}.",
        "所售商品都没有单位成本，毛利未知；改按销售额排序：本月售出{n}个商品，{top_name}（{top_sku:sku_beside_name}）"
        "销售额最高，{top_revenue:money}；{bottom_name}（{bottom_sku:sku_beside_name}）最低，{bottom_revenue:money}。",
    ),
    "overview.products.takeaway.margin_unknown.one": _e(
        "No unit cost is known for the product sold, so its gross margin is unknown; {top_name} "
        "({top_sku:sku_beside_name}) was the only product sold, for {top_revenue:money}.",
        "所售商品没有单位成本，毛利未知；本月只售出{top_name}（{top_sku:sku_beside_name}）一个商品，销售额"
        "{top_revenue:money}。",
    ),
    "overview.products.takeaway.margin_unknown": _e(
        "No unit cost is known for the products sold, so their gross margin is unknown; ranked by revenue instead, "
        "{top_name} ({top_sku:sku_beside_name}) sold the most, {top_revenue:money}, and the top {n} together brought "
        "{top_revenue_share:pct} of the month's product sales. At the other end {bottom_name} ({bottom_sku:sku_beside_name}) sold "
        "{bottom_revenue:money}.",
        "所售商品都没有单位成本，毛利未知；改按销售额排序：{top_name}（{top_sku:sku_beside_name}）销售额最高，{top_revenue:money}，"
        "前{n}名合计占本月商品销售额的{top_revenue_share:pct}。末位的{bottom_name}（{bottom_sku:sku_beside_name}）销售额为"
        "{bottom_revenue:money}。",
    ),
}
