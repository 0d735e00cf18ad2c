"""The promotion report's words, in English and 中文 (``promotion.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # -- vocabulary
    "promotion.type.discount": _e("Discount", "限时折扣"),
    "promotion.type.coupon": _e("Coupon", "满减券"),
    "promotion.type.flash_sale": _e("Flash sale", "秒杀"),
    "promotion.type.bundle": _e("Bundle", "组合优惠"),
    "promotion.type.festival": _e("Festival", "大促会场"),
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
    "promotion.effects.takeaway.losses": _e(
        "Across the month's {promotions:count} promotions, none earned more gross margin than it cost: together "
        "they lost {incremental_margin:money} of incremental gross margin (after discounts, the dip after them "
        "and cannibalisation) for {discount_cost:money} of discounts. Least negative: {best_name} "
        "({best_margin:money}, uplift {best_uplift:signed}); most negative: {worst_name} ({worst_margin:money}).",
        "本月{promotions:count}个活动的增量毛利都没有超过成本；合计增量毛利{incremental_margin:money}（已扣除折扣、"
        "活动后回落和蚕食），折扣成本{discount_cost:money}。亏损最少的是{best_name}（{best_margin:money}，销量提升"
        "{best_uplift:signed}），亏损最多的是{worst_name}（{worst_margin:money}）。",
    ),
    "promotion.effects.details": _e(
        "Where the units came from, in the same order:", "销量构成（顺序同上）：",
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
        "({worst_type_margin:money}). The median incremental margin per promotion was {deep_margin:money} for "
        "deeper discounts against {shallow_margin:money} for shallower ones.",
        "近十二个月的{promotions:count}个活动中，{paid_share:pct}带来了增量毛利。{best_type:key}类表现最好（合计"
        "{best_type_margin:money}），{worst_type:key}类最差（{worst_type_margin:money}）。折扣较深的活动增量毛利中位数为"
        "{deep_margin:money}，较浅的为{shallow_margin:money}。",
    ),
    "promotion.history.takeaway.losses": _e(
        "Of {promotions:count} promotions in the last twelve months, {paid_share:pct} added margin, and every type "
        "lost margin in total: {best_type:key} promotions were the least negative ({best_type_margin:money}), "
        "{worst_type:key} the most negative ({worst_type_margin:money}). The median incremental margin per "
        "promotion was {deep_margin:money} for deeper discounts against {shallow_margin:money} for shallower ones.",
        "近十二个月的{promotions:count}个活动中，{paid_share:pct}带来了增量毛利，各类活动合计均为亏损：{best_type:key}类"
        "亏损最少（{best_type_margin:money}），{worst_type:key}类亏损最多（{worst_type_margin:money}）。折扣较深的活动"
        "增量毛利中位数为{deep_margin:money}，较浅的为{shallow_margin:money}。",
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
}
