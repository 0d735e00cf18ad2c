"""The index's executive summary (storebook.report.summary): its sentences, risks and actions."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "summary.title": _e('This month', '本月要点'),
    "summary.cards": _e('Key figures', '关键指标'),
    "summary.cards_rule": _e('The core figures of sales, profit, conversion, rating and campaigns, then the largest moves of the month; only figures with a comparison.', '先列销售、利润、转化、评分与推广的核心指标，再列本月变化最大的指标；只列有对比数据的指标。'),
    "summary.from": _e('from {report}', '来自{report}'),
    "summary.no_cards": _e('No page recorded a headline figure with a comparison this month.', '本月没有页面记录带对比数据的核心指标。'),
    "summary.no_headline": _e('No report recorded a headline figure this month.', '本月没有报告记录核心指标。'),
    "summary.sales": _e('{metric} was {value}: {vs_prior} on the prior month and {vs_last_year} on the same month last year.', '{metric}为{value}：环比{vs_prior}，同比{vs_last_year}。'),
    "summary.sales.prior_only": _e('{metric} was {value}, {vs_prior} on the prior month (the same month last year is not in the data).', '{metric}为{value}，环比{vs_prior}（数据中没有去年同期）。'),
    "summary.sales.last_year_only": _e('{metric} was {value}, {vs_last_year} on the same month last year (the prior month is not in the data).', '{metric}为{value}，同比{vs_last_year}（数据中没有上月）。'),
    # Neither the prior month nor last year's (not "no earlier month": Tianchi's 2017-11 beside its 2014 months).
    "summary.sales.alone": _e('{metric} was {value}; the data hold neither the prior month nor the same month last year to compare it with.', '{metric}为{value}；数据中没有上月和去年同期，无法比较。'),
    "summary.targets.all_met": _e('All {with_target} targets of the month were met.', '本月{with_target}项目标全部达成。'),
    "summary.targets.missed": _e('{met} of {with_target} targets were met; furthest behind is {metric}, {gap} {side} its target.', '{with_target}项目标中达成{met}项；差距最大的是{metric}，{side}目标{gap}。'),
    "summary.side.below": _e('below', '低于'),
    "summary.side.above": _e('above', '高于'),
    "summary.moves.both": _e('The biggest improvement on the prior month: {good_metric}, {good_change}; the biggest setback: {bad_metric}, {bad_change}.', '环比改善最大的是{good_metric}（{good_change}），恶化最大的是{bad_metric}（{bad_change}）。'),
    "summary.moves.good_only": _e('The biggest improvement on the prior month: {good_metric}, {good_change}; no headline figure moved the wrong way.', '环比改善最大的是{good_metric}（{good_change}）；没有核心指标向不利方向变化。'),
    "summary.moves.bad_only": _e('The biggest setback on the prior month: {bad_metric}, {bad_change}; no headline figure improved.', '环比恶化最大的是{bad_metric}（{bad_change}）；没有核心指标改善。'),
    "summary.risks": _e('Risks the pages found: {risks}.', '各报告发现的风险：{risks}。'),
    "summary.risks.none": _e('The pages found no risk to flag: every report finished, and no tracking outage, target missed by more than 5%, red supplier, complaint spike, loss-making promotion or budget overrun.', '各报告未发现需要提示的风险：所有报告均已完成，没有追踪中断、偏离目标超过5%、红色供应商、投诉激增、亏损活动或超预算。'),
    "summary.risks.none_partial": _e('In what this data allow, the pages found no risk to flag; the checks that need the missing tables could not run.', '在现有数据范围内，各报告未发现需要提示的风险；需要缺失数据的检查无法进行。'),
    "summary.act": _e('To act on first: {action}.', '首先要处理的是：{action}。'),
    "summary.act.setback": _e('look into {metric}, the largest setback ({change})', '查明{metric}恶化的原因（{change}）'),
    "summary.missing": _e("Not in this month's data: {tables}. {left_out} of {sections} sections could not be shown; each says what it needs.", '本月数据中没有：{tables}。{sections}个章节中有{left_out}个无法显示，各章节注明了所需数据。'),
    "summary.risk.failed": _e('the {report} report did not finish', '{report}报告未能完成'),
    "summary.action.failed": _e('rerun the {report} report (its page shows where it stopped)', '重新运行{report}报告（其页面显示了停止的位置）'),
    "summary.risk.tracking": _e("on {date} {platform}'s visitors fell to {share} of the expected level while paid amount held — likely a tracking problem, not lost demand", '{date}{platform}的访客数仅为预期的{share}，支付金额却基本持平——很可能是数据追踪问题，而非需求下降'),
    "summary.action.tracking": _e("have {platform}'s tracking for {date} checked before reading its traffic and conversion", '先核查{platform}在{date}的流量追踪，再解读其流量与转化'),
    "summary.risk.target": _e('{metric} is {gap} {side} its target', '{metric}{side}目标{gap}'),
    "summary.action.target": _e('close the gap on {metric} ({gap} {side} target)', '缩小{metric}与目标的差距（{side}目标{gap}）'),
    "summary.risk.supplier": _e('supplier {supplier}, graded red, has the worst delivery record ({otif} on time and in full)', '供应商{supplier}评级为红色，交付表现最差（准时足量交付率{otif}）'),
    "summary.risk.supplier.lost": _e(', and its late or short deliveries cost {amount} of sales', '，其延迟或不足到货造成销售损失{amount}'),
    "summary.action.supplier": _e("review supplier {supplier}'s deliveries", '复核供应商{supplier}的交付'),
    "summary.risk.complaints": _e('a complaint spike traced to {sku:sku}, batch {batch} from supplier {supplier} ({complaints} complaints against {expected} expected)', '投诉激增可追溯到{sku:sku}，供应商{supplier}的批次{batch}（投诉{complaints}次，预期{expected}次）'),
    "summary.action.complaints": _e('check batch {batch} of {sku:sku} with supplier {supplier}', '与供应商{supplier}核查{sku:sku}的批次{batch}'),
    "summary.risk.promotion": _e("the month's promotions lost {amount} of gross margin against their baseline", '本月活动相对基线损失毛利{amount}'),
    "summary.action.promotion": _e('review the promotions that lost margin before running them again', '复盘亏损的活动后再决定是否重复'),
    "summary.risk.budget": _e('marketing spend ran {amount} ({rate}) over budget', '推广花费超出预算{amount}（{rate}）'),
    "summary.action.budget": _e('bring {channel} spend back to its budget', '将{channel}的花费控制在预算内'),
}
