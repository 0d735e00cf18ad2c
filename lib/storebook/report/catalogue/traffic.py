"""The traffic report's words, in English and 中文 (``traffic.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # The no-data notices of the traffic functions (storebook.measures.traffic_table).
    "traffic.no_rows": _e(
        "There are no traffic rows for {month} on {platforms:platforms}: the traffic table covers {first} to {last}. "
        "Export the platforms' traffic reports for {month} into data/raw/traffic/ and run `storebook ingest`, "
        "or choose another month.",
        "{platforms:platforms}没有{month}的流量数据：流量表的数据范围为{first}至{last}。请将各平台{month}的流量报表导出到 "
        "data/raw/traffic/ 并运行 `storebook ingest`，或选择其他月份。",
    ),
    "traffic.no_rows.empty": _e(
        "There are no traffic rows for {month} on {platforms:platforms}: the traffic table is empty. Export the "
        "platforms' traffic reports for {month} into data/raw/traffic/ and run `storebook ingest`.",
        "{platforms:platforms}没有{month}的流量数据：流量表为空。请将各平台{month}的流量报表导出到 data/raw/traffic/ "
        "并运行 `storebook ingest`。",
    ),
    "traffic.no_channels": _e(
        "The traffic of {month} on {platforms:platforms} is the platforms' totals only: it does not say where "
        "visitors came from. To see the channels, export the traffic-source reports (生意参谋 流量来源, 京东商智 "
        "流量来源, GA4 Traffic acquisition) into data/raw/traffic/ and run `storebook ingest`.",
        "{platforms:platforms}{month}的流量数据只有平台汇总，没有访客来源。如需查看渠道，请将流量来源报表（生意参谋 流量来源、"
        "京东商智 流量来源、GA4 流量获取）导出到 data/raw/traffic/ 并运行 `storebook ingest`。",
    ),
    "traffic.title": _e("Traffic — {month}", "流量分析 — {month}"),
    "traffic.question": _e(
        "How many people visited our shops this month, where did they come from, on which device, "
        "what did paid traffic cost, and which days did not look like themselves?",
        "本月有多少人访问了我们的店铺？他们从哪里来、用什么终端？付费流量花了多少、换回多少？哪些日子表现异常？",
    ),
    # 1 headline
    "traffic.headline": _e("How many people visited, and what was a visitor worth?",
                           "本月访客有多少，每位访客价值几何？"),
    "traffic.headline.takeaway.single": _e(
        "{visitors:count} visitors came in {month}, {visitors_vs_prior:change} on the prior month "
        "and {visitors_vs_last_year:change} on last year. They paid {paid_amount:money} "
        "({paid_amount_vs_last_year:change} on last year), a UV value of {uv_value:money2} per visitor "
        "({uv_value_vs_prior:change} on the prior month).",
        "{month}共有访客{visitors:count}人，环比{visitors_vs_prior:change}，同比{visitors_vs_last_year:change}。"
        "支付金额{paid_amount:money}（同比{paid_amount_vs_last_year:change}），UV价值{uv_value:money2}"
        "（环比{uv_value_vs_prior:change}）。",
    ),
    "traffic.headline.takeaway": _e(
        "{visitors:count} visitors came in {month}, {visitors_vs_prior:change} on the prior month "
        "and {visitors_vs_last_year:change} on last year. They paid {paid_amount:money} "
        "({paid_amount_vs_last_year:change} on last year), a UV value of {uv_value:money2} per visitor "
        "({uv_value_vs_prior:change} on the prior month). {best:platform} had the highest UV value "
        "({best_uv_value:money2}).",
        "{month}共有访客{visitors:count}人，环比{visitors_vs_prior:change}，同比{visitors_vs_last_year:change}。"
        "支付金额{paid_amount:money}（同比{paid_amount_vs_last_year:change}），UV价值{uv_value:money2}"
        "（环比{uv_value_vs_prior:change}）。UV价值最高的平台是{best:platform}（{best_uv_value:money2}）。",
    ),
    "traffic.headline.takeaway.no_amount": _e(
        "{visitors:count} visitors came in {month}, {visitors_vs_prior:change} on the prior month "
        "and {visitors_vs_last_year:change} on last year; {buyers:count} of them paid ({conversion_rate:pct}). "
        "The data carry no amounts: what a visitor was worth is not known.",
        "{month}共有访客{visitors:count}人，环比{visitors_vs_prior:change}，同比{visitors_vs_last_year:change}；"
        "其中{buyers:count}人完成支付（{conversion_rate:pct}）。数据中没有金额，无法得知每位访客的价值。",
    ),
    "traffic.headline.takeaway.no_amount.no_history": _e(
        "{visitors:count} visitors came in {month} and {buyers:count} of them paid ({conversion_rate:pct}); the data "
        "hold neither the prior month nor the same month last year to compare with. The data carry no amounts: "
        "what a visitor was worth is not known.",
        "{month}共有访客{visitors:count}人，其中{buyers:count}人完成支付（{conversion_rate:pct}）；数据中没有上月和去年同月，"
        "无法比较。数据中没有金额，无法得知每位访客的价值。",
    ),
    # Visitors alone, no buyers (traffic.headline_facts): a GA4 download of users by day.
    "traffic.headline.takeaway.no_buyers": _e(
        "{visitors:count} visitors came in {month}, {visitors_vs_prior:change} on the prior month "
        "and {visitors_vs_last_year:change} on last year. The traffic data count no buyers: how many visitors "
        "paid, and what a visitor was worth, are not known.",
        "{month}共有访客{visitors:count}人，环比{visitors_vs_prior:change}，同比{visitors_vs_last_year:change}。"
        "流量数据没有支付买家数：多少访客完成支付、每位访客的价值均无法得知。",
    ),
    "traffic.headline.takeaway.no_buyers.no_history": _e(
        "{visitors:count} visitors came in {month}; the data hold neither the prior month nor the same month last "
        "year to compare with. The traffic data count no buyers: how many visitors paid, and what a visitor was "
        "worth, are not known.",
        "{month}共有访客{visitors:count}人；数据中没有上月和去年同月，无法比较。流量数据没有支付买家数：多少访客完成支付、"
        "每位访客的价值均无法得知。",
    ),
    # 2 daily
    "traffic.daily": _e("How did visitors move day by day?", "每日访客如何变化？"),
    "traffic.daily.title": _e(
        "Visitors peaked on {peak_days:date} ({peak_visitors:count}); the month ran {vs_last_year:change} on the same days last year",
        "访客在{peak_days:date}达到高峰（{peak_visitors:count}人）；全月较去年同期{vs_last_year:change}",
    ),
    "traffic.daily.title.no_last_year": _e(
        "Visitors peaked on {peak_days:date} ({peak_visitors:count})",
        "访客在{peak_days:date}达到高峰（{peak_visitors:count}人）",
    ),
    "traffic.daily.takeaway.no_last_year": _e(
        "The busiest day was {peak_days:date} with {peak_visitors:count} visitors{peak_event:event_suffix}; the quietest was "
        "{low_days:date} with {low_visitors:count}. The data hold no traffic on the same days last year to compare "
        "with; the 7-day average ended the month {trend:change} from where it started.",
        "访客最多的一天是{peak_days:date}，共{peak_visitors:count}人{peak_event:event_suffix}；最少的一天是{low_days:date}，"
        "共{low_visitors:count}人。数据中没有去年同期的流量，无法比较；7日均值月末较月初{trend:change}。",
    ),
    # No 7-day average to follow over the month, or one from 0 (traffic.daily_facts): no "ended the month n/a".
    "traffic.daily.title.no_trend": _e(
        "Visitors peaked on {peak_days:date} ({peak_visitors:count}); the month ran {vs_last_year:change} on the same days last year",
        "访客在{peak_days:date}达到高峰（{peak_visitors:count}人）；全月较去年同期{vs_last_year:change}",
    ),
    "traffic.daily.title.no_last_year.no_trend": _e(
        "Visitors peaked on {peak_days:date} ({peak_visitors:count})",
        "访客在{peak_days:date}达到高峰（{peak_visitors:count}人）",
    ),
    "traffic.daily.takeaway.no_trend": _e(
        "The busiest day was {peak_days:date} with {peak_visitors:count} visitors{peak_event:event_suffix}; the quietest was "
        "{low_days:date} with {low_visitors:count}. Over the month, daily visitors ran {vs_last_year:change} on the same "
        "days last year.",
        "访客最多的一天是{peak_days:date}，共{peak_visitors:count}人{peak_event:event_suffix}；最少的一天是{low_days:date}，"
        "共{low_visitors:count}人。全月日访客较去年同期{vs_last_year:change}。",
    ),
    "traffic.daily.takeaway.no_last_year.no_trend": _e(
        "The busiest day was {peak_days:date} with {peak_visitors:count} visitors{peak_event:event_suffix}; the quietest was "
        "{low_days:date} with {low_visitors:count}. The data hold no traffic on the same days last year to compare "
        "with.",
        "访客最多的一天是{peak_days:date}，共{peak_visitors:count}人{peak_event:event_suffix}；最少的一天是{low_days:date}，"
        "共{low_visitors:count}人。数据中没有去年同期的流量，无法比较。",
    ),
    "traffic.daily.takeaway": _e(
        "The busiest day was {peak_days:date} with {peak_visitors:count} visitors{peak_event:event_suffix}; the quietest was "
        "{low_days:date} with {low_visitors:count}. Over the month, daily visitors ran {vs_last_year:change} on the same "
        "days last year; the 7-day average ended the month {trend:change} from where it started.",
        "访客最多的一天是{peak_days:date}，共{peak_visitors:count}人{peak_event:event_suffix}；最少的一天是{low_days:date}，"
        "共{low_visitors:count}人。全月日访客较去年同期{vs_last_year:change}；7日均值月末较月初{trend:change}。",
    ),
    # 3 channels
    "traffic.channels": _e("Where did visitors come from?", "访客从哪些渠道来？"),
    "traffic.channels.title": _e(
        "{top:channel} brings the most visits ({top_share:pct}); {gainer:channel} gained the most share ({gainer_change:pp})",
        "{top:channel}带来最多访问（{top_share:pct}）；{gainer:channel}占比提升最多（{gainer_change:pp}）",
    ),
    "traffic.channels.takeaway": _e(
        "{top:channel} brought {top_share:pct} of source visits. {gainer:channel} gained the most share "
        "({gainer_change:pp} on the prior month) and {loser:channel} lost the most ({loser_change:pp}). "
        "Shares are of source visits: a visitor who came through two sources counts in both, so channel "
        "visits add up to more than the visitors in the headline.",
        "{top:channel}贡献了{top_share:pct}的渠道访问。{gainer:channel}占比提升最多（环比{gainer_change:pp}），"
        "{loser:channel}下降最多（{loser_change:pp}）。占比按渠道访问计算：同一访客经多个来源进入会在每个来源各计一次，"
        "因此各渠道访问之和大于总访客数。",
    ),
    # 4 devices
    "traffic.devices": _e("Which devices do visitors use, and is that shifting?", "访客使用什么终端？结构在变化吗？"),
    "traffic.devices.title": _e(
        "{mobile_share:pct} of visitors came on mobile in {month} ({mobile_share_change:pp} on a year earlier)",
        "{month}移动端访客占比{mobile_share:pct}（较去年同期{mobile_share_change:pp}）",
    ),
    "traffic.devices.takeaway.single.no_last_year": _e(
        "Mobile brought {mobile_share:pct} of visitors this month; the data hold no traffic twelve months earlier "
        "to compare with.",
        "本月移动端访客占比{mobile_share:pct}；数据中没有十二个月前的流量，无法比较。",
    ),
    "traffic.devices.takeaway.no_last_year": _e(
        "Mobile brought {mobile_share:pct} of visitors this month; the data hold no traffic twelve months earlier "
        "to compare with. {most_mobile:platform} is the most mobile platform ({most_mobile_share:pct}); "
        "{least_mobile:platform} the least ({least_mobile_share:pct}).",
        "本月移动端访客占比{mobile_share:pct}；数据中没有十二个月前的流量，无法比较。移动端占比最高的平台是"
        "{most_mobile:platform}（{most_mobile_share:pct}），最低的是{least_mobile:platform}（{least_mobile_share:pct}）。",
    ),
    "traffic.devices.takeaway.single": _e(
        "Mobile brought {mobile_share:pct} of visitors this month, {mobile_share_change:pp} on twelve months earlier.",
        "本月移动端访客占比{mobile_share:pct}，较十二个月前{mobile_share_change:pp}。",
    ),
    "traffic.devices.takeaway": _e(
        "Mobile brought {mobile_share:pct} of visitors this month, {mobile_share_change:pp} on twelve months earlier. "
        "{most_mobile:platform} is the most mobile platform ({most_mobile_share:pct}); {least_mobile:platform} "
        "the least ({least_mobile_share:pct}).",
        "本月移动端访客占比{mobile_share:pct}，较十二个月前{mobile_share_change:pp}。移动端占比最高的平台是"
        "{most_mobile:platform}（{most_mobile_share:pct}），最低的是{least_mobile:platform}（{least_mobile_share:pct}）。",
    ),
    # 5 paid channels
    "traffic.paid": _e("What did paid traffic cost, and what did it return?", "付费流量花了多少、回报如何？"),
    "traffic.paid.title": _e(
        "{best:channel} returned the most per yuan (ROAS {best_roas:ratio}); {worst:channel} the least ({worst_roas:ratio})",
        "{best:channel}投入产出比最高（{best_roas:ratio}），{worst:channel}最低（{worst_roas:ratio}）",
    ),
    "traffic.paid.takeaway": _e(
        "We spent {spend:money} on paid traffic ({spend_vs_prior:change} on the prior month) for {clicks:count} clicks "
        "at {cpc:money2} a click; platforms attribute {attributed:money} of sales to it, a ROAS of {roas:ratio}. "
        "{best:channel} returned the most per yuan ({best_roas:ratio}), {worst:channel} the least ({worst_roas:ratio}).",
        "本月付费推广花费{spend:money}（环比{spend_vs_prior:change}），获得点击{clicks:count}次，平均点击花费{cpc:money2}；"
        "平台归因成交{attributed:money}，投入产出比{roas:ratio}。{best:channel}投入产出比最高（{best_roas:ratio}），"
        "{worst:channel}最低（{worst_roas:ratio}）。",
    ),
    # 6 campaigns
    "traffic.campaigns": _e("Which campaigns earned their spend?", "哪些推广计划物有所值？"),
    "traffic.campaigns.takeaway": _e(
        "{n_campaigns:count} campaigns ran. The largest, {top_campaign}, spent {top_spend:money} at a ROAS of "
        "{top_roas:ratio}; {n_below_one:count} campaign(s) returned less than they cost.",
        "本月共有{n_campaigns:count}个推广计划。花费最多的是{top_campaign}，花费{top_spend:money}，投入产出比{top_roas:ratio}；"
        "{n_below_one:count}个计划的归因成交低于花费。",
    ),
    # 7 anomalies
    "traffic.anomalies": _e("Which days fell outside what the calendar leads us to expect?",
                            "哪些日子超出了日历规律下的预期？"),
    "traffic.anomalies.title": _e(
        "{n_flagged:count} platform-day(s) outside the expected band",
        "{n_flagged:count}个平台日超出预期区间",
    ),
    "traffic.anomalies.takeaway": _e(
        "{n_flagged:count} platform-day(s) fell outside the band expected from the same weekday in recent weeks "
        "(festival days judged against their own festival). The largest: {first_platform:platform} on "
        "{first_day:date}, with visitors {first_visitors:change} and paid amount {first_paid:change} against "
        "expectation; the main driver was {first_driver:driver}.",
        "共有{n_flagged:count}个平台日超出按近几周同星期推算的预期区间（大促日与同类大促比较）。偏离最大的是"
        "{first_platform:platform}{first_day:date}：访客数较预期{first_visitors:change}，支付金额较预期{first_paid:change}，"
        "主要原因是{first_driver:driver}。",
    ),
    "traffic.anomalies.takeaway.tracking": _e(
        "{n_flagged:count} platform-day(s) fell outside the band expected from the same weekday in recent weeks "
        "(festival days judged against their own festival). The largest: {first_platform:platform} on "
        "{first_day:date}, with visitors {first_visitors:change} while the paid amount held ({first_paid:change} "
        "against expectation) — likely a tracking/data problem, not lost demand: check that day's tracking "
        "before reading its conversion.",
        "共有{n_flagged:count}个平台日超出按近几周同星期推算的预期区间（大促日与同类大促比较）。偏离最大的是"
        "{first_platform:platform}{first_day:date}：访客数较预期{first_visitors:change}，而支付金额基本正常（较预期"
        "{first_paid:change}）——很可能是埋点/数据问题，而非需求下降：解读当天转化率之前请先核查数据采集。",
    ),
    # A store that does not sell in China (storebook.engine.calendar.used_for): no festival day is
    # judged apart, every day against its ordinary weekday. {country_set:not_china} says why, as far as
    # it is known: the country the store's settings give, else the platforms and currency.
    "traffic.anomalies.takeaway.plain": _e(
        "{n_flagged:count} platform-day(s) fell outside the band expected from the same weekday in recent weeks "
        "(every day judged as an ordinary day of its weekday: {country_set:not_china}, so China's festivals "
        "and holidays are not set apart). The largest: {first_platform:platform} on {first_day:date}, with visitors "
        "{first_visitors:change} and paid amount {first_paid:change} against expectation; the main driver was "
        "{first_driver:driver}.",
        "共有{n_flagged:count}个平台日超出按近几周同星期推算的预期区间（{country_set:not_china}，故不单列中国的大促与节假日，每天都与同星期的"
        "平常日比较）。偏离最大的是{first_platform:platform}{first_day:date}：访客数较预期{first_visitors:change}，支付金额较预期"
        "{first_paid:change}，主要原因是{first_driver:driver}。",
    ),
    "traffic.anomalies.takeaway.tracking.plain": _e(
        "{n_flagged:count} platform-day(s) fell outside the band expected from the same weekday in recent weeks "
        "(every day judged as an ordinary day of its weekday: {country_set:not_china}, so China's festivals "
        "and holidays are not set apart). The largest: {first_platform:platform} on {first_day:date}, with visitors "
        "{first_visitors:change} while the paid amount held ({first_paid:change} against expectation) — likely a "
        "tracking/data problem, not lost demand: check that day's tracking before reading its conversion.",
        "共有{n_flagged:count}个平台日超出按近几周同星期推算的预期区间（{country_set:not_china}，故不单列中国的大促与节假日，每天都与同星期的"
        "平常日比较）。偏离最大的是{first_platform:platform}{first_day:date}：访客数较预期{first_visitors:change}，而支付金额基本"
        "正常（较预期{first_paid:change}）——很可能是埋点/数据问题，而非需求下降：解读当天转化率之前请先核查数据采集。",
    ),
    # A store outside China whose own country's public holidays are known
    # (storebook.engine.calendar.own_country): those are judged apart, as China's are in China.
    "traffic.anomalies.takeaway.holidays": _e(
        "{n_flagged:count} platform-day(s) fell outside the band expected from the same weekday in recent weeks "
        "({country:country_s} public holidays judged against its holidays of the year before; {country_set:not_china}, "
        "so China's festivals are not set apart). The largest: {first_platform:platform} on {first_day:date}, "
        "with visitors {first_visitors:change} and paid amount {first_paid:change} against expectation; the main "
        "driver was {first_driver:driver}.",
        "共有{n_flagged:count}个平台日超出按近几周同星期推算的预期区间（{country:country}的公共假日与上一年的假日比较；{country_set:not_china}，"
        "故不单列中国的大促）。偏离最大的是{first_platform:platform}{first_day:date}：访客数较预期{first_visitors:change}，支付金额较预期"
        "{first_paid:change}，主要原因是{first_driver:driver}。",
    ),
    "traffic.anomalies.takeaway.tracking.holidays": _e(
        "{n_flagged:count} platform-day(s) fell outside the band expected from the same weekday in recent weeks "
        "({country:country_s} public holidays judged against its holidays of the year before; {country_set:not_china}, "
        "so China's festivals are not set apart). The largest: {first_platform:platform} on {first_day:date}, "
        "with visitors {first_visitors:change} while the paid amount held ({first_paid:change} against expectation) "
        "— likely a tracking/data problem, not lost demand: check that day's tracking before reading its conversion.",
        "共有{n_flagged:count}个平台日超出按近几周同星期推算的预期区间（{country:country}的公共假日与上一年的假日比较；{country_set:not_china}，"
        "故不单列中国的大促）。偏离最大的是{first_platform:platform}{first_day:date}：访客数较预期{first_visitors:change}，而支付金额基本"
        "正常（较预期{first_paid:change}）——很可能是埋点/数据问题，而非需求下降：解读当天转化率之前请先核查数据采集。",
    ),
    "traffic.anomalies.takeaway.none.holidays": _e(
        "No day fell outside the band expected from the same weekday in recent weeks ({country:country_s} public holidays "
        "judged against its holidays of the year before; {country_set:not_china}, so China's festivals are "
        "not set apart).",
        "没有日子超出按近几周同星期推算的预期区间（{country:country}的公共假日与上一年的假日比较；{country_set:not_china}，故不单列中国的大促）。",
    ),
    "traffic.anomalies.tracking": _e(
        "{other_tracking:count} more platform-day(s) look like a tracking/data problem, not lost demand: visitors "
        "collapsed while the paid amount held (the largest: {tracking_platform:platform} on {tracking_day:date}, "
        "visitors {tracking_visitors:change}, paid amount {tracking_paid:change}).",
        "另有{other_tracking:count}个平台日很可能是埋点/数据问题，而非需求下降：访客数骤降而支付金额基本正常（最大的是"
        "{tracking_platform:platform}{tracking_day:date}，访客数{tracking_visitors:change}，支付金额{tracking_paid:change}）。",
    ),
    "traffic.anomalies.not_judged": _e(
        "{n_not_judged:count} platform-day(s) had no comparable day to judge them by (a festival day new to the "
        "data) and are drawn with an open circle, not counted.",
        "{n_not_judged:count}个平台日没有可比的日子（数据中首次出现的大促日），图中以空心圆标出，不计入超出预期。",
    ),
    # A store outside China (storebook.engine.calendar.own_country): the day not judged is one of
    # its own country's public holidays, with no holiday of the year before to compare with.
    "traffic.anomalies.not_judged.holidays": _e(
        "{n_not_judged:count} platform-day(s) had no comparable day to judge them by (a public holiday of "
        "{country:country} new to the data, with no holiday of the year before) and are drawn with an open circle, "
        "not counted.",
        "{n_not_judged:count}个平台日没有可比的日子（数据中首次出现的{country:country}公共假日，没有上一年的假日可比），"
        "图中以空心圆标出，不计入超出预期。",
    ),
    "traffic.cause.tracking": _e("Likely tracking/data problem, not lost demand", "疑似埋点/数据问题，非需求下降"),
    "col.likely_cause": _e("Likely cause", "可能原因"),
    "col.paid_effect": _e("Paid amount vs expected", "支付金额较预期"),
    "legend.not_judged": _e("Not judged (no comparable day)", "未判定（无可比日）"),
    "traffic.anomalies.details": _e(
        "The same days: visitors against expectation, and the other drivers:", "同一批日子：访客数与预期，以及其他因素：",
    ),
    "traffic.anomalies.takeaway.none": _e(
        "No day fell outside the band expected from the same weekday in recent weeks (festival days judged "
        "against their own festival).",
        "没有日子超出按近几周同星期推算的预期区间（大促日与同类大促比较）。",
    ),
    "traffic.anomalies.takeaway.none.plain": _e(
        "No day fell outside the band expected from the same weekday in recent weeks (every day judged as an "
        "ordinary day of its weekday: {country_set:not_china}, so China's festivals and holidays are not "
        "set apart).",
        "没有日子超出按近几周同星期推算的预期区间（{country_set:not_china}，故不单列中国的大促与节假日，每天都与同星期的平常日比较）。",
    ),
}
