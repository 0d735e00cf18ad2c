"""The profit report's words, in English and 中文 (``profit.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "profit.title": _e("Profit — {month}", "利润 — {month}"),
    # the commission's no-data messages (storebook.measures.pnl, NoDataError key=…), in the pack's language
    "profit.fees.no_table": _e(
        "The commission of {month} cannot be computed: the workbook has no platform_fees table. Put the platforms' "
        "commission rates (platform, category, commission_rate, valid_from, valid_to) under data/raw/platform_fees/ "
        "and run `storebook ingest`.",
        "无法计算{month}的平台佣金：数据中没有平台佣金表（platform_fees）。请将各平台的佣金率（platform、category、"
        "commission_rate、valid_from、valid_to）放入 data/raw/platform_fees/ 并运行 `storebook ingest`。"),
    "profit.fees.no_rate": _e(
        "No commission rate in platform_fees for {pairs} on {days} day(s) of {month} (first {first}): add the rate "
        "valid on those days to data/raw/platform_fees/ and run `storebook ingest`.",
        "平台佣金表（platform_fees）中没有{pairs}在{month}中{days}天的佣金率（首日{first}）：请将这些日期适用的佣金率"
        "加入 data/raw/platform_fees/ 并运行 `storebook ingest`。"),
    "profit.fees.two_rates": _e(
        "platform_fees has two rates for {pair} valid on {day}: give each validity period an end (valid_to) before "
        "the next one starts.",
        "平台佣金表（platform_fees）中{pair}在{day}有两个有效的佣金率：请为每个有效期设定结束日期（valid_to），使其早于下一个有效期的开始。"),
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
        "Marketing took {marketing_ratio:percent} of sales.",
        "净销售额{net_sales:money}（环比{net_sales_vs_prior:change}，同比{net_sales_vs_last_year:change}）。"
        "毛利率{gross_margin_rate:pct}，贡献毛利{contribution_margin:money}"
        "（贡献毛利率{contribution_margin_rate:pct}），同比{contribution_margin_vs_last_year:change}。营销费比{marketing_ratio:percent}。",
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
    "profit.platforms.takeaway.single": _e(
        "{best:platform} earned {best_cm:money} of contribution margin, {best_rate:pct} of its net sales; its largest "
        "cost after goods was {biggest_cost:key}.",
        "{best:platform}贡献毛利{best_cm:money}，占其净销售额{best_rate:pct}；除商品成本外最大的成本项是{biggest_cost:key}。",
    ),
    "profit.platforms.takeaway.none": _e("No platform had net sales this month.", "本月没有平台产生净销售额。"),
    "profit.platforms.takeaway.no_margin": _e(
        "No platform's contribution margin is known this month: the unit cost of some products sold is missing.",
        "本月没有平台的贡献毛利可以计算：部分已售商品缺少单位成本。"),
    "profit.ratios": _e("Did marketing and logistics stay within their share of sales?", "营销费比和物流费比是否控制在预算内？"),
    "profit.ratios.title": _e(
        "Marketing took {marketing_ratio:percent} of sales (budget {budget_marketing_ratio:percent}), logistics "
        "{logistics_ratio:percent} (budget {budget_logistics_ratio:percent})",
        "营销费比{marketing_ratio:percent}（预算{budget_marketing_ratio:percent}），物流费比{logistics_ratio:percent}（预算{budget_logistics_ratio:percent}）",
    ),
    "profit.ratios.takeaway": _e(
        "Marketing spend was {marketing_ratio:percent} of sales against a budgeted {budget_marketing_ratio:percent} "
        "({marketing_over:money} over the budget in yuan), logistics {logistics_ratio:percent} against "
        "{budget_logistics_ratio:percent} ({logistics_over:money}). {worst:platform} overspent its marketing budget "
        "the most ({worst_over:money}).",
        "营销费用占销售额{marketing_ratio:percent}，预算为{budget_marketing_ratio:percent}（超出预算{marketing_over:money}）；"
        "物流费比{logistics_ratio:percent}，预算{budget_logistics_ratio:percent}（差额{logistics_over:money}）。"
        "营销超支最多的是{worst:platform}（{worst_over:money}）。",
    ),
    "profit.ratios.takeaway.single": _e(
        "Marketing spend was {marketing_ratio:percent} of sales against a budgeted {budget_marketing_ratio:percent} "
        "({marketing_over:money} over the budget in yuan), logistics {logistics_ratio:percent} against "
        "{budget_logistics_ratio:percent} ({logistics_over:money}).",
        "营销费用占销售额{marketing_ratio:percent}，预算为{budget_marketing_ratio:percent}（超出预算{marketing_over:money}）；"
        "物流费比{logistics_ratio:percent}，预算{budget_logistics_ratio:percent}（差额{logistics_over:money}）。",
    ),
    "profit.ratios.takeaway.no_budget": _e(
        "Marketing spend was {marketing_ratio:percent} of sales and logistics {logistics_ratio:percent}; the targets hold no "
        "budget for this month to compare with.",
        "营销费比{marketing_ratio:percent}，物流费比{logistics_ratio:percent}；目标表中没有本月预算可供比较。",
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
    "col.budget_marketing_ratio": _e("Marketing budget", "营销费比预算"),
    "col.logistics_ratio": _e("Logistics / sales", "物流费比"),
    "col.budget_logistics_ratio": _e("Logistics budget", "物流费比预算"),
    "col.marketing_over": _e("Marketing over budget", "营销超预算"),
    "col.logistics_over": _e("Logistics over budget", "物流超预算"),
    "legend.budget": _e("Budget", "预算"),
}
