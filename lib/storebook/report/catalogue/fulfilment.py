"""The fulfilment report's words, in English and 中文 (``fulfilment.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
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
    # The headline with one of cost and complaints unknown (fulfilment.headline_facts): the
    # sentence leaves out what is not known rather than say "cost n/a per order".
    "fulfilment.headline.takeaway.no_cost": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month, {within_24h_rate_vs_last_year:change} on last year). Parcels took a median of "
        "{median_delivery_days:.1f} days to arrive; {late_rate:pct} arrived later than promised "
        "({late_rate_vs_prior:change}). Logistics drew {complaints_per_1000:.1f} complaints per 1,000 orders. "
        "{cost_instead:key}",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}，"
        "同比{within_24h_rate_vs_last_year:change}）。包裹配送时长中位数{median_delivery_days:.1f}天，"
        "{late_rate:pct}超过承诺时效送达（环比{late_rate_vs_prior:change}）。每千单物流投诉{complaints_per_1000:.1f}件。"
        "{cost_instead:key}",
    ),
    "fulfilment.headline.takeaway.no_issues": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month, {within_24h_rate_vs_last_year:change} on last year). Parcels took a median of "
        "{median_delivery_days:.1f} days to arrive; {late_rate:pct} arrived later than promised "
        "({late_rate_vs_prior:change}). Logistics cost {cost_per_order:money2} per order; the complaints it drew are "
        "not in this store's data.",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}，"
        "同比{within_24h_rate_vs_last_year:change}）。包裹配送时长中位数{median_delivery_days:.1f}天，"
        "{late_rate:pct}超过承诺时效送达（环比{late_rate_vs_prior:change}）。单均物流成本{cost_per_order:money2}；"
        "本店数据中没有物流投诉。",
    ),
    "fulfilment.headline.takeaway.no_cost_issues": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month). Parcels took a median of {median_delivery_days:.1f} days to arrive; {late_rate:pct} arrived "
        "later than promised ({late_rate_vs_prior:change}). {cost_instead:key} The complaints logistics drew are not in "
        "this store's data either.",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}）。包裹配送时长中位数"
        "{median_delivery_days:.1f}天，{late_rate:pct}超过承诺时效送达（环比{late_rate_vs_prior:change}）。"
        "{cost_instead:key}本店数据中也没有物流投诉。",
    ),
    # Where the carriers' bill is unknown, the headline says what the cost card shows in its place
    # (fulfilment.cost_stand_in, {cost_instead:key} of fulfilment.headline_facts), where that comes
    # from, and the export that gives the real figure (as fulfilment.cost.takeaway.no_cost says it).
    "fulfilment.headline.stand_in": _e(
        "The cost card shows what the buyers of the month's parcels paid for shipping ({value:money2} per order, from "
        "the orders' `shipping_amount`) in place of what logistics cost: the carriers' bill is not in this store's "
        "data. A shipments export with each parcel's shipping cost (`shipping_cost_amount`, from the carrier's bill "
        "or the platform's logistics-fee report) gives the real figure.",
        "成本卡片显示的是本月包裹所属订单的买家支付运费（单均{value:money2}，取自订单的 `shipping_amount`），并非物流成本："
        "本店数据中没有快递公司的运费账单。在发货数据中加入每个包裹的运费（`shipping_cost_amount`，取自快递账单或平台的"
        "物流费用报表）即可得到实际物流成本。",
    ),
    "fulfilment.headline.stand_in.parcels": _e(
        "The cost card shows the parcels per order ({value:.2f}, counted from the shipments), what the carriers bill "
        "by, in place of what logistics cost: neither the carriers' bill nor the shipping buyers paid is in this "
        "store's data. A shipments export with each parcel's shipping cost (`shipping_cost_amount`, from the "
        "carrier's bill or the platform's logistics-fee report) gives the real figure.",
        "成本卡片显示的是单均包裹数（{value:.2f}，由发货数据统计），即快递计费的依据，并非物流成本：本店数据中既没有快递"
        "运费账单，也没有买家支付的运费。在发货数据中加入每个包裹的运费（`shipping_cost_amount`，取自快递账单或平台的"
        "物流费用报表）即可得到实际物流成本。",
    ),
    "fulfilment.headline.stand_in.none": _e(
        "What logistics cost is not in this store's data: a shipments export with each parcel's shipping cost "
        "(`shipping_cost_amount`, from the carrier's bill or the platform's logistics-fee report) gives it.",
        "本店数据中没有物流成本：在发货数据中加入每个包裹的运费（`shipping_cost_amount`，取自快递账单或平台的物流费用报表）"
        "即可计算。",
    ),
    # The headline of a month none of whose parcels has arrived yet (fulfilment.headline_facts): no
    # median delivery time to give ("a median of n/a days"), and a late share that is of parcels
    # still on the road past their promise, not of parcels that "arrived later than promised".
    "fulfilment.headline.takeaway.undelivered": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month, {within_24h_rate_vs_last_year:change} on last year). None of the parcels handed over this month "
        "has been delivered yet, so how long they take is not known; {late_rate:pct} are already on the road past "
        "their promised time. Logistics cost {cost_per_order:money2} per order and drew "
        "{complaints_per_1000:.1f} complaints per 1,000 orders.",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}，"
        "同比{within_24h_rate_vs_last_year:change}）。本月发出的包裹尚无一件送达，配送时长暂不可知；"
        "{late_rate:pct}仍在途且已超过承诺时效。单均物流成本{cost_per_order:money2}，"
        "每千单物流投诉{complaints_per_1000:.1f}件。",
    ),
    "fulfilment.headline.takeaway.undelivered_no_cost": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month, {within_24h_rate_vs_last_year:change} on last year). None of the parcels handed over this month "
        "has been delivered yet, so how long they take is not known; {late_rate:pct} are already on the road past "
        "their promised time. Logistics drew {complaints_per_1000:.1f} complaints per 1,000 orders. "
        "{cost_instead:key}",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}，"
        "同比{within_24h_rate_vs_last_year:change}）。本月发出的包裹尚无一件送达，配送时长暂不可知；"
        "{late_rate:pct}仍在途且已超过承诺时效。每千单物流投诉{complaints_per_1000:.1f}件。{cost_instead:key}",
    ),
    "fulfilment.headline.takeaway.undelivered_no_issues": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month, {within_24h_rate_vs_last_year:change} on last year). None of the parcels handed over this month "
        "has been delivered yet, so how long they take is not known; {late_rate:pct} are already on the road past "
        "their promised time. Logistics cost {cost_per_order:money2} per order; the complaints it drew are not in "
        "this store's data.",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}，"
        "同比{within_24h_rate_vs_last_year:change}）。本月发出的包裹尚无一件送达，配送时长暂不可知；"
        "{late_rate:pct}仍在途且已超过承诺时效。单均物流成本{cost_per_order:money2}；本店数据中没有物流投诉。",
    ),
    "fulfilment.headline.takeaway.undelivered_no_cost_issues": _e(
        "{within_24h_rate:pct} of orders shipped within 24 hours of payment ({within_24h_rate_vs_prior:change} on the "
        "prior month). None of the parcels handed over this month has been delivered yet, so how long they take is "
        "not known; {late_rate:pct} are already on the road past their promised time. {cost_instead:key} The "
        "complaints logistics drew are not in this store's data either.",
        "{within_24h_rate:pct}的订单在付款后24小时内发货（环比{within_24h_rate_vs_prior:change}）。本月发出的包裹"
        "尚无一件送达，配送时长暂不可知；{late_rate:pct}仍在途且已超过承诺时效。{cost_instead:key}本店数据中也没有物流投诉。",
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
    "fulfilment.dispatch.takeaway.single": _e(
        "Half of the {orders:count} orders left within {median_hours:.0f} hours of payment and nine in ten within "
        "{p90_hours:.0f} hours; {within_24h_rate:pct} left within 24 hours.",
        "{orders:count}笔订单中，一半在付款后{median_hours:.0f}小时内发出，九成在{p90_hours:.0f}小时内发出；"
        "24小时发货率{within_24h_rate:pct}。",
    ),
    "fulfilment.dispatch.takeaway.waiting": _e(
        "{shipped:count} of the {orders:count} orders have shipped: half of those left within {median_hours:.0f} hours "
        "of payment and nine in ten within {p90_hours:.0f} hours. {worst:platform} shipped the fewest within 24 hours "
        "({worst_rate:pct}).",
        "{orders:count}笔订单中已发货{shipped:count}笔：其中一半在付款后{median_hours:.0f}小时内发出，九成在"
        "{p90_hours:.0f}小时内发出。24小时发货率最低的是{worst:platform}（{worst_rate:pct}）。",
    ),
    "fulfilment.dispatch.takeaway.single_waiting": _e(
        "{shipped:count} of the {orders:count} orders have shipped: half of those left within {median_hours:.0f} hours "
        "of payment and nine in ten within {p90_hours:.0f} hours; {within_24h_rate:pct} of the orders left within "
        "24 hours.",
        "{orders:count}笔订单中已发货{shipped:count}笔：其中一半在付款后{median_hours:.0f}小时内发出，九成在"
        "{p90_hours:.0f}小时内发出；24小时发货率{within_24h_rate:pct}。",
    ),
    "fulfilment.warehouses.takeaway.single": _e(
        "Every order shipped from one warehouse: {within_24h_rate:pct} within 24 hours, a median of "
        "{median_hours:.0f} hours from payment.",
        "所有订单均由一个仓库发出：24小时发货率{within_24h_rate:pct}，付款到发货中位数{median_hours:.0f}小时。",
    ),
    "fulfilment.warehouses": _e("Which warehouse shipped slowest?", "哪个仓库发货最慢？"),
    "fulfilment.warehouses.takeaway": _e(
        "{worst} shipped the fewest orders within 24 hours ({worst_rate:pct}); {slowest} took longest "
        "(median {slowest_hours:.0f} hours from payment).",
        "{worst}的24小时发货率最低（{worst_rate:pct}）；{slowest}发货最慢（付款到发货中位数{slowest_hours:.0f}小时）。",
    ),
    "fulfilment.daily": _e("How did the 24-hour ship rate move day by day?", "24小时发货率每天如何变化？"),
    "fulfilment.daily.title": _e(
        "The weakest day was {worst_days:date}: {worst_rate:pct} shipped within 24 hours",
        "发货最弱的一天是{worst_days:date}：24小时发货率{worst_rate:pct}",
    ),
    "fulfilment.daily.takeaway": _e(
        "Over the month {overall:pct} of due orders shipped within 24 hours. The weakest payment day was "
        "{worst_days:date} ({worst_rate:pct}); {days_below:count} day(s) fell more than 15 points below the month.",
        "本月应发订单的24小时发货率为{overall:pct}。最弱的付款日是{worst_days:date}，24小时发货率{worst_rate:pct}；"
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
    "fulfilment.backlog.takeaway.no_amount": _e(
        "{unshipped:count} paid orders had not shipped by the end of the month; {over_48h:count} of them had waited "
        "more than 48 hours, the oldest since {oldest:date}. What they are worth is not in this store's data: its "
        "exports carry no amounts.",
        "月末仍有{unshipped:count}笔已付款订单未发货，其中{over_48h:count}笔已等待超过48小时，最早的付款于{oldest:date}。"
        "这些订单的金额不在本店数据中：导出数据没有金额。",
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
    # A store that does not sell in China (storebook.engine.calendar.used_for; why: {country_set:not_china}): no shutdown is set
    # apart, the section follows the delivery times over the months.
    "fulfilment.spring_festival.plain": _e("How did delivery times move over the months?", "配送时效在各月如何变化？"),
    "fulfilment.spring_festival.title.plain": _e(
        "Days from payment to delivery by payment day, {months:count} months",
        "按付款日统计的付款到签收天数，近{months:count}个月",
    ),
    "fulfilment.spring_festival.takeaway.plain": _e(
        "Orders took {outside_days:.1f} days from payment to delivery over the {months:count} months, "
        "{outside_ship_days:.1f} of them waiting to ship. Since {country_set:not_china}, no "
        "Spring Festival shutdown is set apart: every order counts in the ship rates and every parcel against the "
        "delivery promise.",
        "近{months:count}个月，订单从付款到签收平均{outside_days:.1f}天，其中等待发货{outside_ship_days:.1f}天。{country_set:not_china}，"
        "故不单列春节停运：所有订单都计入发货时效，所有包裹都按配送承诺考核。",
    ),
    # A store outside China whose own country's public holidays are known
    # (storebook.engine.calendar.own_country): they are not counted in the time to ship or deliver.
    "fulfilment.spring_festival.title.holidays": _e(
        "Days from payment to delivery by payment day, {months:count} months ({country:country_s} public holidays "
        "shaded)",
        "按付款日统计的付款到签收天数，近{months:count}个月（阴影为{country:country}的公共假日）",
    ),
    "fulfilment.spring_festival.takeaway.holidays": _e(
        "Orders took {outside_days:.1f} days from payment to delivery over the {months:count} months, "
        "{outside_ship_days:.1f} of them waiting to ship. Since {country_set:not_china}, no "
        "Spring Festival shutdown is set apart; {country:country_s} public holidays, days its warehouse and carriers "
        "do not work, are not counted in the hours an order has to ship nor in the days a parcel has to arrive.",
        "近{months:count}个月，订单从付款到签收平均{outside_days:.1f}天，其中等待发货{outside_ship_days:.1f}天。{country_set:not_china}，"
        "故不单列春节停运；{country:country}的公共假日仓库与快递不工作，不计入发货时限，也不计入配送承诺的天数。",
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
    # No carrier bill (fulfilment.cost_facts): what is known, what is missing and the export that adds it.
    "fulfilment.cost.takeaway.no_cost": _e(
        "What the carriers billed is not in this store's data: a shipments export with each parcel's shipping cost "
        "(`shipping_cost_amount`, from the carrier's bill or the platform's logistics-fee report) adds it. What they "
        "bill by is known: {shipments:count} parcels carried {orders:,.0f} orders ({parcels_per_order:.2f} parcels per "
        "order, {units_per_parcel:.1f} units per parcel).",
        "本店数据中没有快递公司的运费账单：在发货数据中加入每个包裹的运费（`shipping_cost_amount`，取自快递账单或平台的物流费用报表）"
        "即可计算物流成本。已知的是计费依据：本月{shipments:count}个包裹承运{orders:,.0f}笔订单"
        "（单均{parcels_per_order:.2f}个包裹，包裹均{units_per_parcel:.1f}件）。",
    ),
    "fulfilment.cost.takeaway.no_cost_charged": _e(
        "What the carriers billed is not in this store's data: a shipments export with each parcel's shipping cost "
        "(`shipping_cost_amount`, from the carrier's bill or the platform's logistics-fee report) adds it. What is "
        "known: {shipments:count} parcels carried {orders:,.0f} orders ({parcels_per_order:.2f} parcels per order, "
        "{units_per_parcel:.1f} units per parcel), and the buyers of those orders paid {shipping_charged:money} for "
        "shipping, {shipping_per_order:money2} per order ({free_shipping_rate:pct} of them shipped free).",
        "本店数据中没有快递公司的运费账单：在发货数据中加入每个包裹的运费（`shipping_cost_amount`，取自快递账单或平台的物流费用报表）"
        "即可计算物流成本。已知的是：本月{shipments:count}个包裹承运{orders:,.0f}笔订单（单均{parcels_per_order:.2f}个包裹，"
        "包裹均{units_per_parcel:.1f}件）；这些订单的买家支付运费{shipping_charged:money}，单均{shipping_per_order:money2}"
        "（其中{free_shipping_rate:pct}包邮）。",
    ),
    "col.units_per_parcel": _e("Units per parcel", "包裹均件数"),
    "col.orders_known": _e("Orders", "订单数"),
    "col.shipping_charged": _e("Shipping paid by buyers", "买家支付运费"),
    "col.free_shipping_rate": _e("Shipped free", "包邮订单占比"),
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
    # Complaints or refunds unknown (fulfilment.issue_facts): left out, not said as n/a.
    "fulfilment.issues.title.no_complaints": _e("{refunds_per_1000:.1f} logistics refunds per 1,000 orders",
                                                "每千单物流原因退款{refunds_per_1000:.1f}件"),
    "fulfilment.issues.title.no_refunds": _e("{complaints_per_1000:.1f} logistics complaints per 1,000 orders",
                                             "每千单物流投诉{complaints_per_1000:.1f}件"),
    "fulfilment.issues.title.unknown": _e("Logistics complaints and refunds are not in this store's data",
                                          "本店数据中没有物流投诉和物流退款"),
    "fulfilment.issues.takeaway.no_complaints": _e(
        "The orders shipped this month drew {refunds:count} refunds for late or damaged delivery "
        "({refund_amount:money}). Which complaints were about logistics is not in this store's data.",
        "本月发货的订单因延迟或破损退款{refunds:count}笔（{refund_amount:money}）。本店数据中无法区分物流投诉。",
    ),
    "fulfilment.issues.takeaway.no_refunds": _e(
        "The orders shipped this month drew {complaints:count} logistics complaints "
        "({complaints_per_1000:.1f} per 1,000 orders). Refunds for late or damaged delivery are not in this store's "
        "data.",
        "本月发货的订单收到物流投诉{complaints:count}件（每千单{complaints_per_1000:.1f}件）。"
        "本店数据中没有因延迟或破损的退款。",
    ),
    "fulfilment.issues.takeaway.unknown": _e(
        "Neither the logistics complaints nor the refunds for late or damaged delivery of the orders shipped this "
        "month are in this store's data.",
        "本店数据中既无本月发货订单的物流投诉，也无因延迟或破损的退款。",
    ),
    "metric.cost_per_unit": _e("Logistics cost per unit", "件均物流成本"),
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
    "col.complaints_per_1000": _e("Complaints per 1,000", "每千单投诉"),
    "col.refunds_per_1000": _e("Refunds per 1,000", "每千单退款"),
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
