"""The marketing report's words, in English and 中文 (``marketing.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "marketing.title": _e("Marketing — {month}", "营销推广 — {month}"),
    # the no-data messages of storebook.marketing (NoDataError key=…), in the pack's language
    "marketing.holdout.none": _e(
        "No holdout test between {start:date} and {end:date} on {platforms:platforms}: a campaign's incremental "
        "return needs a group kept out of it (data/raw/campaign_holdouts/).",
        "{start:date}至{end:date}期间{platforms:platforms}没有对照（holdout）测试：衡量推广的增量回报需要一组未被触达的"
        "对照人群（data/raw/campaign_holdouts/）。"),
    "marketing.holdout.no_pair": _e(
        "No holdout test between {start:date} and {end:date} has both a treatment and a holdout group.",
        "{start:date}至{end:date}期间没有同时包含实验组和对照组的对照测试。"),
    "marketing.holdout.no_spend": _e(
        "The tested campaigns ({campaigns}) have no spend recorded on their test days in marketing_spend: their "
        "return on spend cannot be told.",
        "受测推广（{campaigns}）在测试期间的推广花费（marketing_spend）中没有花费记录，无法计算其投入产出。"),
    "marketing.question": _e(
        "Did we spend the budget as planned, what does a new customer cost, and which campaigns earn their money?",
        "预算是否按计划花出，获取一个新客要多少钱，哪些推广真正赚回了花费？"),
    "marketing.headline": _e("What did marketing spend and bring this month?", "本月推广花了多少，带来了什么？"),
    "marketing.headline.takeaway": _e(
        "In {month} marketing spent {spend:money} ({spend_vs_prior:change} on the prior month) at a ROAS of "
        "{roas:ratio} by the platforms' attribution; {new_buyers:count} new buyers cost {cac:money2} each "
        "({cac_vs_prior:change}).",
        "{month}推广花费 {spend:money}（环比{spend_vs_prior:change}），平台归因投入产出比 {roas:ratio}；"
        "新买家 {new_buyers:count} 人，获客成本 {cac:money2}（环比{cac_vs_prior:change}）。"),
    "marketing.headline.takeaway.no_customers": _e(
        "In {month} marketing spent {spend:money} ({spend_vs_prior:change} on the prior month) at a ROAS of "
        "{roas:ratio} by the platforms' attribution.",
        "{month}推广花费 {spend:money}（环比{spend_vs_prior:change}），平台归因投入产出比 {roas:ratio}。"),
    "marketing.budget": _e("Is spend on budget and on pace, per channel?", "各渠道花费是否符合预算与进度？"),
    "marketing.budget.takeaway": _e(
        "{spend:money} spent against a budget of {budget:money} ({rate:signed}) with {elapsed:pct} of the month "
        "gone; {over:count} of {lines:count} channel lines are over budget, most {worst_platform:platform} "
        "{worst_channel:channel} ({worst_rate:signed}).",
        "已花费 {spend:money}，预算 {budget:money}（{rate:signed}），月度进度 {elapsed:pct}；{lines:count} 个渠道中 "
        "{over:count} 个超预算，最多的是{worst_platform:platform}{worst_channel:channel}（{worst_rate:signed}）。"),
    "marketing.budget.takeaway.no_budget": _e(
        "{spend:money} spent with {elapsed:pct} of the month gone; no budget is set for the month "
        "(targets.marketing_spend_amount).",
        "已花费 {spend:money}，月度进度 {elapsed:pct}；本月未设置预算（targets.marketing_spend_amount）。"),
    "marketing.campaigns": _e("Which campaigns take the money, and what do they return?", "哪些推广计划花费最多，回报如何？"),
    "marketing.campaigns.takeaway": _e(
        "{campaigns:count} campaigns ran; the largest, {name} on {platform:platform}, took {share:pct} of spend at a "
        "ROAS of {roas:ratio}. {below:count} campaigns ({below_share:pct} of spend) do not cover their spend in "
        "gross margin even by the platforms' attribution.",
        "共 {campaigns:count} 个推广计划；最大的是{platform:platform}的{name}，占花费 {share:pct}，投入产出比 {roas:ratio}。"
        "{below:count} 个计划（占花费 {below_share:pct}）即使按平台归因，毛利也覆盖不了花费。"),
    "marketing.cac": _e("What does a new customer cost on each platform?", "各平台获取一个新客要多少钱？"),
    "marketing.cac.takeaway": _e(
        "A new buyer cost {cac:money2} across the store ({new_buyers:count} new buyers, {vs_prior:change} on the "
        "prior month): most on {high:platform} ({high_cac:money2}), least on {low:platform} ({low_cac:money2}).",
        "全店新客获客成本 {cac:money2}（新买家 {new_buyers:count} 人，环比{vs_prior:change}）：最高为{high:platform}"
        "（{high_cac:money2}），最低为{low:platform}（{low_cac:money2}）。"),
    "marketing.cac.takeaway.single": _e(
        "A new buyer cost {cac:money2} ({new_buyers:count} new buyers, {vs_prior:change} on the prior month).",
        "新客获客成本 {cac:money2}（新买家 {new_buyers:count} 人，环比{vs_prior:change}）。",
    ),
    "marketing.cac.takeaway.no_customers": _e(
        "The orders carry no buyer account, so new buyers cannot be told apart.",
        "订单没有买家账号，无法区分新买家。"),
    "marketing.holdouts": _e("What did the tested campaigns really add?", "经对照测试的推广真正带来了多少增量？"),
    "marketing.holdouts.title": _e("Incremental ROAS with its 95% interval (break-even near 1 ÷ gross margin)",
                                   "增量投产比及95%区间（盈亏平衡约为 1 ÷ 毛利率）"),
    "marketing.holdouts.takeaway": _e(
        "{best} on {best_platform:platform} paid back: {best_orders:count} incremental orders, incremental ROAS "
        "{best_iroas:ratio} ({best_low:ratio}–{best_high:ratio}). {worst} on {worst_platform:platform} reports a ROAS "
        "of {worst_roas:ratio}, but its holdout bought as much: incremental ROAS {worst_iroas:ratio} "
        "({worst_low:ratio}–{worst_high:ratio}).",
        "{best_platform:platform}的{best}赚回了花费：增量订单 {best_orders:count}，增量投产比 {best_iroas:ratio}"
        "（{best_low:ratio}–{best_high:ratio}）。{worst_platform:platform}的{worst}平台报告投产比 {worst_roas:ratio}，"
        "但对照组买得一样多：增量投产比 {worst_iroas:ratio}（{worst_low:ratio}–{worst_high:ratio}）。"),
    "marketing.holdouts.takeaway.one": _e(
        "{best} on {best_platform:platform}: {best_orders:count} incremental orders, incremental ROAS "
        "{best_iroas:ratio} ({best_low:ratio}–{best_high:ratio}): {best_verdict:verdict}.",
        "{best_platform:platform}的{best}：增量订单 {best_orders:count}，增量投产比 {best_iroas:ratio}"
        "（{best_low:ratio}–{best_high:ratio}）：{best_verdict:verdict}。"),
    "marketing.effect": _e("Did the campaigns bring visits, orders, or both?", "推广带来了访问、订单，还是两者都有？"),
    "marketing.effect.title": _e("Visits and orders per person, treated against held out", "人均访问与订单：投放组相对对照组"),
    "marketing.effect.takeaway": _e(
        "{name} on {platform:platform} ({channel:channel}) raised visits by {visit_lift:pct} and orders by "
        "{order_lift:pct} per person against its holdout.",
        "{platform:platform}的{name}（{channel:channel}）使人均访问提升 {visit_lift:pct}，人均订单提升 {order_lift:pct}"
        "（相对对照组）。"),
    "marketing.effect.takeaway.visits_only": _e(
        "{name} on {platform:platform} ({channel:channel}) raised visits by {visit_lift:pct} but orders moved "
        "{order_lift:pct}: it brought browsers, not buyers.",
        "{platform:platform}的{name}（{channel:channel}）使人均访问提升 {visit_lift:pct}，但订单变化 {order_lift:pct}："
        "带来了浏览，没有带来购买。"),
    "marketing.decisions": _e("Which campaigns should we cut, and which scale?", "哪些推广应削减，哪些应加投？"),
    "marketing.decisions.takeaway": _e(
        "Cut {cut:count} campaigns ({cut_spend:money} this month), first {first_cut}; scale {scale:count}, first "
        "{first_scale}; {test:count} campaigns ({test_spend:money}) look profitable only by the platforms' "
        "attribution — test them with a holdout.",
        "削减 {cut:count} 个计划（本月 {cut_spend:money}），首先是{first_cut}；加投 {scale:count} 个，首先是{first_scale}；"
        "{test:count} 个计划（{test_spend:money}）仅按平台归因盈利——建议做对照测试。"),
    "marketing.decisions.takeaway.no_scale": _e(
        "Cut {cut:count} campaigns ({cut_spend:money} this month), first {first_cut}; none has shown yet that it pays "
        "back; {test:count} campaigns ({test_spend:money}) look profitable only by the platforms' attribution — "
        "test them with a holdout.",
        "削减 {cut:count} 个计划（本月 {cut_spend:money}），首先是{first_cut}；尚无计划证明能赚回花费；"
        "{test:count} 个计划（{test_spend:money}）仅按平台归因盈利——建议做对照测试。"),
    "marketing.decisions.takeaway.no_cut": _e(
        "No campaign needs cutting; scale {scale:count}; {test:count} campaigns ({test_spend:money}) look profitable "
        "only by the platforms' attribution — test them with a holdout.",
        "没有需要削减的计划；加投 {scale:count} 个；{test:count} 个计划（{test_spend:money}）仅按平台归因盈利——"
        "建议做对照测试。"),
}
