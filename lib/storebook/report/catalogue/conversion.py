"""The conversion report's words, in English and 中文 (``conversion.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
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
    "conversion.funnel.takeaway.no_prior": _e(
        "Of {visitors:count} visitors, {product_views:count} viewed a product, {cart_adds:count} added to cart, "
        "{checkouts:count} submitted an order and {buyers:count} paid. The prior month has no traffic to compare "
        "the steps with.",
        "{visitors:count}位访客中，{product_views:count}人浏览商品，{cart_adds:count}人加购，{checkouts:count}人提交订单，"
        "{buyers:count}人完成支付。上月没有流量数据，无法比较各环节的转化率。",
    ),
    # A funnel whose exports count no checkouts (view, cart and buy events): cart → payment.
    "conversion.funnel.takeaway.no_checkouts": _e(
        "Of {visitors:count} visitors, {product_views:count} viewed a product, {cart_adds:count} added to cart "
        "and {buyers:count} paid (the data do not count checkouts). Against the prior month's step rates, "
        "the step '{worst_step:step}' on {worst_platform:platform} {worst_device:device} cost the most buyers "
        "(about {worst_lost:count}).",
        "{visitors:count}位访客中，{product_views:count}人浏览商品，{cart_adds:count}人加购，{buyers:count}人完成支付"
        "（数据中没有提交订单人数）。与上月的环节转化率相比，{worst_platform:platform}{worst_device:device}的"
        "“{worst_step:step}”环节流失买家最多（约{worst_lost:count}人）。",
    ),
    "conversion.funnel.takeaway.no_checkouts.steady": _e(
        "Of {visitors:count} visitors, {product_views:count} viewed a product, {cart_adds:count} added to cart "
        "and {buyers:count} paid (the data do not count checkouts). No step converted worse than in the prior month.",
        "{visitors:count}位访客中，{product_views:count}人浏览商品，{cart_adds:count}人加购，{buyers:count}人完成支付"
        "（数据中没有提交订单人数）。没有环节的转化率低于上月。",
    ),
    "conversion.funnel.takeaway.no_checkouts.no_prior": _e(
        "Of {visitors:count} visitors, {product_views:count} viewed a product, {cart_adds:count} added to cart "
        "and {buyers:count} paid (the data do not count checkouts). The prior month has no traffic to compare "
        "the steps with.",
        "{visitors:count}位访客中，{product_views:count}人浏览商品，{cart_adds:count}人加购，{buyers:count}人完成支付"
        "（数据中没有提交订单人数）。上月没有流量数据，无法比较各环节的转化率。",
    ),
    "conversion.funnel.title.steady": _e(
        "No step of the funnel converted worse than in the prior month", "漏斗各环节的转化率均不低于上月"),
    "conversion.funnel.title.no_prior": _e(
        "{buyers:count} of {visitors:count} visitors paid; no prior month to compare the steps with",
        "{visitors:count}位访客中{buyers:count}人完成支付；上月无数据，无法比较各环节"),
    "conversion.funnel.title.no_checkouts.steady": _e(
        "No step of the funnel converted worse than in the prior month", "漏斗各环节的转化率均不低于上月"),
    "conversion.funnel.title.no_checkouts.no_prior": _e(
        "{buyers:count} of {visitors:count} visitors paid; no prior month to compare the steps with",
        "{visitors:count}位访客中{buyers:count}人完成支付；上月无数据，无法比较各环节"),
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
    "conversion.buyers.takeaway.no_returning": _e(
        "{new:count} buyers were new and none returning ({new_share:pct} new, {new_share_change:pp} on the prior "
        "month): no buyer of the month had paid an order before it. New buyers spent {new_aov:money2} each "
        "({new_orders:count} orders). A buyer is returning when the same platform account paid an order before "
        "this month within the data ({history_from}).",
        "本月新买家{new:count}人，没有老买家（新买家占比{new_share:pct}，环比{new_share_change:pp}）：本月买家此前都没有支付订单。"
        "新买家客单价{new_aov:money2}（{new_orders:count}笔订单）。老买家指同一平台账号在本月之前（数据自{history_from}起）已有支付订单。",
    ),
    "conversion.buyers.takeaway.orders": _e(
        "{new:count} buyers were new and {returning:count} returning ({new_share:pct} new, "
        "{new_share_change:pp} on the prior month); new buyers paid {new_orders:count} orders, returning buyers "
        "{returning_orders:count}. Spend per buyer is left out: some of the month's orders carry no "
        "amount. A buyer is returning when the same platform account paid an order before this month within the "
        "data ({history_from}).",
        "本月新买家{new:count}人、老买家{returning:count}人（新买家占比{new_share:pct}，环比{new_share_change:pp}）；"
        "新买家支付订单{new_orders:count}笔，老买家{returning_orders:count}笔。部分订单没有金额，故不列各组客单价。"
        "老买家指同一平台账号在本月之前（数据自{history_from}起）已有支付订单。",
    ),
    "conversion.buyers.takeaway.no_amount": _e(
        "{new:count} buyers were new and {returning:count} returning ({new_share:pct} new, "
        "{new_share_change:pp} on the prior month). A buyer is returning when the same platform account paid an "
        "order before this month within the data ({history_from}). What the buyers spent is not in this store's "
        "data: its exports carry no amounts.",
        "本月新买家{new:count}人、老买家{returning:count}人（新买家占比{new_share:pct}，环比{new_share_change:pp}）。"
        "老买家指同一平台账号在本月之前（数据自{history_from}起）已有支付订单。买家的消费金额不在本店数据中：导出数据没有金额。",
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
    # Every order placed was paid (conversion.payments_facts): no "0 were not paid, 0 of them still pending".
    "conversion.payment.takeaway.all_paid": _e(
        "All {placed:count} orders placed were paid, a payment rate of {payment_rate:pct} ({change:pp} on the prior "
        "month): the data hold no unpaid order.",
        "本月下单{placed:count}笔，全部完成支付，支付率{payment_rate:pct}（环比{change:pp}）：数据中没有未支付订单。"),
    "col.placed": _e("Orders placed", "下单数"),
    "col.payment_rate": _e("Payment rate", "支付率"),
    "col.payment_rate_prior": _e("Prior month", "上月支付率"),
    "col.closed": _e("Closed unpaid", "未付款关闭"),
}
