"""The planning report's words, in English and 中文 (``plan.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "plan.title": _e("Planning — {month}", "经营计划 — {month}"),
    "plan.question": _e(
        "What will the next three months bring on each platform, how far off have such forecasts been, and what "
        "target should the next quarter have?",
        "未来三个月各平台预计如何，此类预测过去偏差多大，下季度目标应定多少？"),
    "plan.headline": _e("What does the forecast say for next month?", "预测下个月会怎样？"),
    "plan.headline.takeaway": _e(
        "Next month ({month}) should bring about {paid_amount:money} ({paid_low:money}–{paid_high:money}) in "
        "{orders:count} orders; forecasts made a month ahead were off by {mape:percent} on average over the last "
        "{months:count} months.",
        "下月（{month}）预计支付金额约 {paid_amount:money}（{paid_low:money}–{paid_high:money}），订单 {orders:count}；"
        "过去 {months:count} 个月提前一个月的预测平均误差 {mape:percent}。"),
    "plan.headline.takeaway.orders": _e(
        "Next month ({month}) should bring about {orders:count} paid orders ({orders_low:count}–{orders_high:count}); "
        "forecasts of the orders made a month ahead were off by {mape:percent} on average over the last {months:count} "
        "months. The paid amount is not known for every order, so it is not forecast.",
        "下月（{month}）预计已付订单约 {orders:count}（{orders_low:count}–{orders_high:count}）；过去 {months:count} "
        "个月提前一个月的订单预测平均误差 {mape:percent}。并非所有订单都有支付金额，故不预测金额。"),
    "plan.headline.takeaway.no_amount": _e(
        "Next month ({month}) should bring about {orders:count} paid orders ({orders_low:count}–{orders_high:count}); "
        "forecasts of the orders made a month ahead were off by {mape:percent} on average over the last {months:count} "
        "months. The paid amount is known for no order, so it is not forecast.",
        "下月（{month}）预计已付订单约 {orders:count}（{orders_low:count}–{orders_high:count}）；过去 {months:count} "
        "个月提前一个月的订单预测平均误差 {mape:percent}。所有订单都没有支付金额，故不预测金额。"),
    "plan.headline.takeaway.part_amount": _e(
        "Next month ({month}) should bring about {orders:count} paid orders ({orders_low:count}–{orders_high:count}); "
        "forecasts of the orders made a month ahead were off by {mape:percent} on average over the last {months:count} "
        "months. The paid amount is known for only {amount_share:pct} of the orders, so it is not forecast.",
        "下月（{month}）预计已付订单约 {orders:count}（{orders_low:count}–{orders_high:count}）；过去 {months:count} "
        "个月提前一个月的订单预测平均误差 {mape:percent}。仅{amount_share:pct}的订单有支付金额，故不预测金额。"),
    # The forecast's and the target's sentences name what they sum ({scope:platform}, plan.forecast_facts,
    # plan.targets_facts): "All platforms"/"全平台", or the only platform's name on a store that sells on one
    # (a Shopify shop read "All platforms" and "across the platforms" of its one shop).
    "plan.forecast": _e("What will the next three months bring, per platform?", "未来三个月各平台预计如何？"),
    "plan.forecast.takeaway": _e(
        "{scope:platform}: {first_month} {first:money}, {second_month} {second:money}, {third_month} {third:money} "
        "(95% intervals in the table). The calendar in these months: {events}.",
        "{scope:platform}：{first_month} {first:money}，{second_month} {second:money}，{third_month} {third:money}"
        "（95%区间见表）。期间的日历事件：{events}。"),
    "plan.forecast.takeaway.borrowed": _e(
        "{scope:platform}: {first_month} {first:money}, {second_month} {second:money}, {third_month} {third:money} "
        "(95% intervals in the table). The calendar in these months: {events}. The history has not seen "
        "{borrowed} yet: it takes the effect of the festivals it has seen.",
        "{scope:platform}：{first_month} {first:money}，{second_month} {second:money}，{third_month} {third:money}"
        "（95%区间见表）。期间的日历事件：{events}。历史中尚无{borrowed}：按已有大促的效果估计。"),
    "plan.forecast.takeaway.orders": _e(
        "{scope:platform}, paid orders: {first_month} {first:count}, {second_month} {second:count}, {third_month} "
        "{third:count} (95% intervals in the table; the paid amount is not known for every order, so it is not forecast). "
        "The calendar in these months: {events}.",
        "{scope:platform}已付订单：{first_month} {first:count}，{second_month} {second:count}，{third_month} {third:count}"
        "（95%区间见表；并非所有订单都有支付金额，故不预测金额）。期间的日历事件：{events}。"),
    "plan.forecast.takeaway.no_amount": _e(
        "{scope:platform}, paid orders: {first_month} {first:count}, {second_month} {second:count}, {third_month} "
        "{third:count} (95% intervals in the table; the paid amount is known for no order, so it is not forecast). "
        "The calendar in these months: {events}.",
        "{scope:platform}已付订单：{first_month} {first:count}，{second_month} {second:count}，{third_month} {third:count}"
        "（95%区间见表；所有订单都没有支付金额，故不预测金额）。期间的日历事件：{events}。"),
    "plan.forecast.takeaway.part_amount": _e(
        "{scope:platform}, paid orders: {first_month} {first:count}, {second_month} {second:count}, {third_month} "
        "{third:count} (95% intervals in the table; the paid amount is known for only {amount_share:pct} of the orders, so it is not forecast). "
        "The calendar in these months: {events}.",
        "{scope:platform}已付订单：{first_month} {first:count}，{second_month} {second:count}，{third_month} {third:count}"
        "（95%区间见表；仅{amount_share:pct}的订单有支付金额，故不预测金额）。期间的日历事件：{events}。"),
    "plan.forecast.takeaway.orders_borrowed": _e(
        "{scope:platform}, paid orders: {first_month} {first:count}, {second_month} {second:count}, {third_month} "
        "{third:count} (95% intervals in the table; the paid amount is not known for every order, so it is not forecast). "
        "The calendar in these months: {events}. The history has not seen {borrowed} yet: it takes the effect of "
        "the festivals it has seen.",
        "{scope:platform}已付订单：{first_month} {first:count}，{second_month} {second:count}，{third_month} {third:count}"
        "（95%区间见表；并非所有订单都有支付金额，故不预测金额）。期间的日历事件：{events}。历史中尚无{borrowed}：按已有大促的效果估计。"),
    "plan.forecast.takeaway.no_amount_borrowed": _e(
        "{scope:platform}, paid orders: {first_month} {first:count}, {second_month} {second:count}, {third_month} "
        "{third:count} (95% intervals in the table; the paid amount is known for no order, so it is not forecast). "
        "The calendar in these months: {events}. The history has not seen {borrowed} yet: it takes the effect of "
        "the festivals it has seen.",
        "{scope:platform}已付订单：{first_month} {first:count}，{second_month} {second:count}，{third_month} {third:count}"
        "（95%区间见表；所有订单都没有支付金额，故不预测金额）。期间的日历事件：{events}。历史中尚无{borrowed}：按已有大促的效果估计。"),
    "plan.forecast.takeaway.part_amount_borrowed": _e(
        "{scope:platform}, paid orders: {first_month} {first:count}, {second_month} {second:count}, {third_month} "
        "{third:count} (95% intervals in the table; the paid amount is known for only {amount_share:pct} of the orders, so it is not forecast). "
        "The calendar in these months: {events}. The history has not seen {borrowed} yet: it takes the effect of "
        "the festivals it has seen.",
        "{scope:platform}已付订单：{first_month} {first:count}，{second_month} {second:count}，{third_month} {third:count}"
        "（95%区间见表；仅{amount_share:pct}的订单有支付金额，故不预测金额）。期间的日历事件：{events}。历史中尚无{borrowed}：按已有大促的效果估计。"),
    # What the calendar does not know in the forecast's months ({events} of the takeaways above).
    "plan.forecast.unknown": _e(
        "the calendar does not know the dates of {kinds} in {years}, so the forecast leaves them out",
        "日历不含{years}年{kinds}的日期，预测未计入"),
    # The forecast's months of a store outside China whose own public holidays the fit has (plan.events_text).
    "plan.forecast.own_holidays": _e("{count:count} of {country:country_s} public holidays",
                                     "{country:country}的{count:count}个公共假日"),
    "plan.unknown.spring_festival": _e("the Spring Festival", "春节"),
    "plan.unknown.nianhuo": _e("the Nianhuo festival", "年货节"),
    "plan.unknown.public_holiday": _e("the public holidays", "法定节假日"),
    # What the forecast stands on (a second takeaway of plan.forecast): the calendar, a platform
    # whose data end early, a series with one value every day.
    "plan.forecast.basis": _e("The calendar used: {calendar}.{notes}", "所用日历：{calendar}。{notes}"),
    "plan.calendar.china.platforms": _e(
        "China's (618, Double 11, Double 12, Women's Day, the Nianhuo festival, the Spring Festival shutdown, public "
        "holidays and working weekends), as the store sells on {platforms}",
        "中国电商日历（618、双11、双12、38节、年货节、春节物流停运、法定节假日与调休），因本店在{platforms}销售"),
    "plan.calendar.china.currency": _e(
        "China's (618, Double 11, Double 12, Women's Day, the Nianhuo festival, the Spring Festival shutdown, public "
        "holidays and working weekends), as the store sells in yuan (CNY)",
        "中国电商日历（618、双11、双12、38节、年货节、春节物流停运、法定节假日与调休），因本店以人民币销售"),
    "plan.calendar.china.country": _e(
        "China's (618, Double 11, Double 12, Women's Day, the Nianhuo festival, the Spring Festival shutdown, public "
        "holidays and working weekends), as the store's country is set to China ([store] country)",
        "中国电商日历（618、双11、双12、38节、年货节、春节物流停运、法定节假日与调休），因本店所在国家设为中国（[store] country）"),
    # A store outside China (storebook.engine.calendar.country_of): its own country's public
    # holidays where its country is known ({how}: plan.country.*), else the weekday and season. Why
    # China's festivals are left out is said as traffic and fulfilment say it ({country_set:not_china},
    # storebook.engine.calendar.country_set): the country set, else what the data show — a store
    # whose currency is unknown is not said to sell "not in yuan".
    "plan.calendar.country": _e(
        "the weekday, the season and {country:country_s} public holidays ({how}); China's festivals are left out, as "
        "{country_set:not_china}",
        "星期、季节与{country:country}的公共假日（{how}）；{country_set:not_china}，故不计中国的大促"),
    "plan.calendar.country.unknown": _e(
        "the weekday and the season only: {country_set:not_china}, so China's festivals and holidays are left out, "
        "and storebook has no public holidays for {country:country} ({how}), so none is set apart",
        "仅星期与季节。{country_set:not_china}，故不计中国的大促与节假日；storebook 没有{country:country}的公共假日"
        "数据（{how}），故不单列假日"),
    "plan.country.setting": _e("{code}, as set: [store] country", "{code}，按 [store] country 的设置"),
    "plan.country.currency": _e(
        "{code}, inferred from the currency {clue}; if the store is elsewhere, set country = \"…\" under [store] in "
        "storebook.local.toml",
        "{code}，由币种 {clue} 推断；如本店在别的国家，请在 storebook.local.toml 的 [store] 中设置 country = \"…\""),
    "plan.country.timezone": _e(
        "{code}, inferred from the time zone {clue}; if the store is elsewhere, set country = \"…\" under [store] in "
        "storebook.local.toml",
        "{code}，由时区 {clue} 推断；如本店在别的国家，请在 storebook.local.toml 的 [store] 中设置 country = \"…\""),
    "plan.country.region": _e(  # the data's regions lie in one country (storebook.engine.identity.region_country)
        "{code}, inferred from the regions in the data ({clue} …); if the store is elsewhere, set country = \"…\" "
        "under [store] in storebook.local.toml",
        "{code}，由数据中的地区（{clue} …）推断；如本店在别的国家，请在 storebook.local.toml 的 [store] 中设置 "
        "country = \"…\""),
    "plan.country.none": _e("its country is not set and cannot be told from its currency or time zone",
                            "本店未设置所在国家，也无法从币种或时区判断"),
    "plan.country.ambiguous": _e("its country is not set, and its currency and time zone name different countries "
                                 "({clues})",
                                 "本店未设置所在国家，而币种与时区指向不同的国家（{clues}）"),
    "plan.calendar.plain": _e(
        "the weekday and the season only: {country_set:not_china}, so China's festivals and holidays are left out, "
        "and {why}, so no public holiday is set apart either: to have its country's, set "
        "country = \"BR\" (its ISO 3166 code) under [store] in storebook.local.toml; if it does sell in China, set "
        "currency = \"CNY\" there",
        "仅星期与季节。{country_set:not_china}，故不计中国的大促与节假日；{why}，故也不单列公共假日：如需计入"
        "本国的公共假日，请在 storebook.local.toml 的 [store] 中设置 country = \"BR\"（国家的 ISO 3166 代码）；如确在中国销售，"
        "请在其中设置 currency = \"CNY\""),
    "plan.forecast.ends": _e(
        " {platform:platform}'s orders end on {day:date} {year}: its history stops there, and its forecast assumes it "
        "goes on selling as before (not zero); leave it out of the plan if it stopped.",
        "{platform:platform}的订单数据止于{year}年{day:date}：其历史到此为止，预测假定其照旧销售（而非为零）；如已停售，"
        "请在计划中剔除。"),
    "plan.forecast.constant": _e(
        " {platform:platform}: {what} on every day of the history; the forecast carries that on, with no interval to "
        "speak of.",
        "{platform:platform}：历史中每天{what}；预测按此延续，几乎没有区间。"),
    "plan.constant.paid_amount": _e("the paid amount was {value:money}", "支付金额都是 {value:money}"),
    "plan.constant.orders": _e("the paid orders were {value:count}", "已付订单都是 {value:count}"),
    "plan.constant.visitors": _e("the visitors were {value:count}", "访客都是 {value:count}"),
    # Why there is no forecast (NoDataError keys of storebook.areas.plan).
    "plan.no_orders": _e(
        "A forecast is made from the paid orders day by day, and the data hold no paid order before {day:date} {year}.",
        "预测基于每日的已付订单，而数据中{year}年{day:date}之前没有已付订单。"),
    "plan.too_little_history": _e(
        "A forecast needs {days:count} days of orders on a platform, with a sale on at least {sale_days:count} of "
        "them, and no platform has that before {day:date} {year}.",
        "预测需要某个平台至少 {days:count} 天的订单历史、其中至少 {sale_days:count} 天有成交，而{year}年{day:date}之前"
        "没有平台达到。"),
    "plan.no_backtest": _e(
        "Checking past forecasts needs order history before each month from {month} on, and there is too little.",
        "检验过去的预测需要{month}起各月之前的订单历史，而历史太短。"),
    "plan.not_forecast": _e(
        "{month} was not forecast beforehand: too little order history before it.",
        "{month}事前未做预测：此前的订单历史太短。"),
    "plan.backtest": _e("How far off have the forecasts been?", "过去的预测偏差多大？"),
    "plan.backtest.takeaway": _e(
        "Forecast a month ahead over the last {months:count} months, paid amount was off by {mape_amount:percent} on "
        "average (orders {mape_orders:percent}), worst in {worst_month} ({worst_error:signed}); {inside:pct} of the "
        "months fell inside the 95% interval.",
        "过去 {months:count} 个月提前一个月预测，支付金额平均误差 {mape_amount:percent}（订单 {mape_orders:percent}），"
        "误差最大的是{worst_month}（{worst_error:signed}）；{inside:pct} 的月份落在95%区间内。"),
    "plan.backtest.takeaway.orders": _e(
        "Forecast a month ahead over the last {months:count} months, paid orders were off by {mape_orders:percent} on "
        "average, worst in {worst_month} ({worst_error:signed}); {inside:pct} of the months fell inside the 95% "
        "interval. The paid amount is not known for every order, so it is not forecast.",
        "过去 {months:count} 个月提前一个月预测，已付订单平均误差 {mape_orders:percent}，误差最大的是{worst_month}"
        "（{worst_error:signed}）；{inside:pct} 的月份落在95%区间内。并非所有订单都有支付金额，故不预测金额。"),
    "plan.backtest.takeaway.no_amount": _e(
        "Forecast a month ahead over the last {months:count} months, paid orders were off by {mape_orders:percent} on "
        "average, worst in {worst_month} ({worst_error:signed}); {inside:pct} of the months fell inside the 95% "
        "interval. The paid amount is known for no order, so it is not forecast.",
        "过去 {months:count} 个月提前一个月预测，已付订单平均误差 {mape_orders:percent}，误差最大的是{worst_month}"
        "（{worst_error:signed}）；{inside:pct} 的月份落在95%区间内。所有订单都没有支付金额，故不预测金额。"),
    "plan.backtest.takeaway.part_amount": _e(
        "Forecast a month ahead over the last {months:count} months, paid orders were off by {mape_orders:percent} on "
        "average, worst in {worst_month} ({worst_error:signed}); {inside:pct} of the months fell inside the 95% "
        "interval. The paid amount is known for only {amount_share:pct} of the orders, so it is not forecast.",
        "过去 {months:count} 个月提前一个月预测，已付订单平均误差 {mape_orders:percent}，误差最大的是{worst_month}"
        "（{worst_error:signed}）；{inside:pct} 的月份落在95%区间内。仅{amount_share:pct}的订单有支付金额，故不预测金额。"),
    "plan.month": _e("How did this month compare with its forecast?", "本月实际与预测相比如何？"),
    "plan.month.takeaway": _e(
        "{month} brought {actual:money}; the forecast made before it said {forecast:money} (off by {error:signed}); "
        "{inside_text}",
        "{month}实际 {actual:money}，事前预测 {forecast:money}（{error:signed}）；{inside_text}"),
    "plan.month.takeaway.orders": _e(
        "{month} brought {actual:count} paid orders; the forecast made before it said {forecast:count} (off by "
        "{error:signed}); {inside_text}",
        "{month}实际已付订单 {actual:count}，事前预测 {forecast:count}（{error:signed}）；{inside_text}"),
    "plan.month.inside": _e("within the forecast's 95% interval.", "在预测的95%区间内。"),
    "plan.month.outside": _e("outside the forecast's 95% interval: look for what changed.",
                             "超出预测的95%区间：请查找变化原因。"),
    "plan.targets": _e("What target should next quarter have?", "下季度目标应定多少？"),
    "plan.targets.takeaway": _e(
        "{scope:platform}, {quarter}: we propose {target:money} in paid amount ({target_vs_forecast:signed} "
        "above the forecast of {forecast:money}, {target_vs_last_year:change} on last year). It assumes "
        "{assumes:key} and no new campaign: reached about one quarter in four as "
        "things stand; the forecast has been off by {mape:percent} a month.",
        "建议{quarter}{scope:platform}支付金额目标 {target:money}（高于预测 {forecast:money} {target_vs_forecast:signed}，"
        "同比{target_vs_last_year:change}）。假设：{assumes:key}、无新增投放；按现状约四个季度中有一个能达成；"
        "月度预测误差约 {mape:percent}。"),
    "plan.targets.takeaway.orders": _e(
        "{scope:platform}, {quarter}: we propose {target:count} paid orders ({target_vs_forecast:signed} "
        "above the forecast of {forecast:count}, {target_vs_last_year:change} on last year). It assumes "
        "{assumes:key} and no new campaign: reached about one quarter in four as "
        "things stand; the forecast has been off by {mape:percent} a month. The paid amount is not known for every "
        "order, so no amount target is proposed.",
        "建议{quarter}{scope:platform}已付订单目标 {target:count}（高于预测 {forecast:count} {target_vs_forecast:signed}，"
        "同比{target_vs_last_year:change}）。假设：{assumes:key}、无新增投放；按现状约四个季度中有一个能达成；"
        "月度预测误差约 {mape:percent}。并非所有订单都有支付金额，故不建议金额目标。"),
    "plan.targets.takeaway.no_amount": _e(
        "{scope:platform}, {quarter}: we propose {target:count} paid orders ({target_vs_forecast:signed} "
        "above the forecast of {forecast:count}, {target_vs_last_year:change} on last year). It assumes "
        "{assumes:key} and no new campaign: reached about one quarter in four as "
        "things stand; the forecast has been off by {mape:percent} a month. The paid amount is known for no "
        "order, so no amount target is proposed.",
        "建议{quarter}{scope:platform}已付订单目标 {target:count}（高于预测 {forecast:count} {target_vs_forecast:signed}，"
        "同比{target_vs_last_year:change}）。假设：{assumes:key}、无新增投放；按现状约四个季度中有一个能达成；"
        "月度预测误差约 {mape:percent}。所有订单都没有支付金额，故不建议金额目标。"),
    "plan.targets.takeaway.part_amount": _e(
        "{scope:platform}, {quarter}: we propose {target:count} paid orders ({target_vs_forecast:signed} "
        "above the forecast of {forecast:count}, {target_vs_last_year:change} on last year). It assumes "
        "{assumes:key} and no new campaign: reached about one quarter in four as "
        "things stand; the forecast has been off by {mape:percent} a month. The paid amount is known for only "
        "{amount_share:pct} of the orders, so no amount target is proposed.",
        "建议{quarter}{scope:platform}已付订单目标 {target:count}（高于预测 {forecast:count} {target_vs_forecast:signed}，"
        "同比{target_vs_last_year:change}）。假设：{assumes:key}、无新增投放；按现状约四个季度中有一个能达成；"
        "月度预测误差约 {mape:percent}。仅{amount_share:pct}的订单有支付金额，故不建议金额目标。"),
    # What a proposed target assumes goes on (plan.targets_facts): China's festivals only where the store sells in
    # China; a foreign store's target assumed 大促 it never had.
    "plan.targets.assumes.china": _e("the history's trend and festivals go on as before", "历史趋势与大促效果延续"),
    "plan.targets.assumes.seasons": _e("the history's trend, weekdays and seasons go on as before",
                                       "历史趋势与星期、季节规律延续"),
    "plan.targets.assumes.holidays": _e("the history's trend, weekdays, seasons and public holidays go on as before",
                                        "历史趋势与星期、季节、公共假日规律延续"),
    # The targets table's last year is the same quarter's sum (plan.targets_table), not a month's.
    "col.last_year_quarter": _e("Same quarter last year", "去年同季度"),
    "word.none_listed": _e("none", "无"),
}
