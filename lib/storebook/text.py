"""Every report-facing string, in English and Chinese (中文), from one catalogue.

Titles, headings, questions, axis names, legend labels, column headers and generated
sentences all come from :data:`CATALOGUE`, keyed ``<area>.<key>`` (``traffic.daily``) or
``<kind>.<value>`` (``platform.tmall``, ``metric.uv_value``). A notebook picks the language
with its ``language`` parameter; nothing report-facing is written inline in a code cell.

Sentences are ``str.format`` templates whose placeholders take house format specs, so
that a takeaway reads from the numbers in either language:

=============  ====================================  ==========================
spec           en                                    zh
=============  ====================================  ==========================
``count``      ``12,345``                            ``12,345``
``money``      ``¥12,345``                           ``¥12,345``
``money2``     ``¥12.35``                            ``¥12.35``
``pct``        ``3.4%``                              ``3.4%``
``change``     ``up 3.4%`` / ``down 3.4%`` / ``flat``  ``增长3.4%`` / ``下降3.4%`` / ``持平``
``signed``     ``+3.4%``                             ``+3.4%``
``pp``         ``+0.3 pp``                           ``+0.3个百分点``
``date``       ``14 Oct``                            ``10月14日``
``platform``   ``Tmall``                             ``天猫`` (any ``<kind>`` of the catalogue)
=============  ====================================  ==========================

A missing value (None, NaN) renders as ``n/a`` / ``无``.

Example:
    >>> t = Text("zh")
    >>> t("metric.conversion_rate")
    '支付转化率'
    >>> Text("en").format("{v:change} on {p:platform}", v=-0.034, p="jd")
    'down 3.4% on JD'
"""

from __future__ import annotations

import math
import re
import string
from datetime import date
from typing import Any

import pandas as pd

from storebook.errors import StorebookError

LANGUAGES: tuple[str, ...] = ("en", "zh")

#: Changes smaller than this (relative, or in rate points for ``pp``) read as "flat".
FLAT_BELOW = 0.0005

_L = dict[str, str]


def _e(en: str, zh: str) -> _L:
    return {"en": en, "zh": zh}


# ----------------------------------------------------------------------------- vocabulary
_VOCABULARY: dict[str, _L] = {
    # platforms
    "platform.tmall": _e("Tmall", "天猫"),
    "platform.jd": _e("JD", "京东"),
    "platform.douyin": _e("Douyin", "抖音"),
    "platform.web": _e("Web shop", "官网商城"),
    "platform.total": _e("All platforms", "全平台"),
    # channels (traffic sources)
    "channel.organic_search": _e("Organic search", "自然搜索"),
    "channel.paid_search": _e("Paid search", "付费搜索"),
    "channel.social": _e("Social", "社交媒体"),
    "channel.email": _e("Email", "邮件营销"),
    "channel.live_stream": _e("Live stream & short video", "直播与短视频"),
    "channel.recommendation": _e("Platform recommendation", "平台推荐"),
    "channel.direct": _e("Direct", "直接访问"),
    "channel.referral": _e("Referral", "外部引荐"),
    "channel.all": _e("All channels", "全部渠道"),
    "channel.total": _e("All channels", "全部渠道"),
    # devices
    "device.mobile": _e("Mobile", "移动端"),
    "device.pc": _e("PC", "PC端"),
    "device.total": _e("All devices", "全部终端"),
    # metrics (the department's names)
    "metric.visitors": _e("Visitors", "访客数"),
    "metric.page_views": _e("Page views", "浏览量"),
    "metric.product_views": _e("Product viewers", "商品访客数"),
    "metric.cart_adds": _e("Cart adds", "加购人数"),
    "metric.checkouts": _e("Checkouts", "下单买家数"),
    "metric.buyers": _e("Buyers", "支付买家数"),
    "metric.orders": _e("Orders", "支付订单数"),
    "metric.paid_amount": _e("Paid amount", "支付金额"),
    "metric.uv_value": _e("UV value", "UV价值"),
    "metric.conversion_rate": _e("Conversion rate", "支付转化率"),
    "metric.aov": _e("Spend per buyer", "客单价"),
    "metric.spend_amount": _e("Spend", "花费"),
    "metric.impressions": _e("Impressions", "展现量"),
    "metric.clicks": _e("Clicks", "点击量"),
    "metric.ctr": _e("Click-through rate", "点击率"),
    "metric.cpc": _e("Cost per click", "平均点击花费"),
    "metric.cost_per_visitor": _e("Cost per visitor", "访客成本"),
    "metric.attributed_orders": _e("Attributed orders", "成交订单数"),
    "metric.attributed_amount": _e("Attributed sales", "成交金额"),
    "metric.roas": _e("ROAS", "投入产出比"),
    "metric.share": _e("Share", "占比"),
    "metric.mobile_share": _e("Mobile share of visitors", "移动端访客占比"),
    "metric.new_buyers": _e("New buyers", "新买家"),
    "metric.returning_buyers": _e("Returning buyers", "老买家"),
    # columns of report tables
    "col.platform": _e("Platform", "平台"),
    "col.channel": _e("Channel", "渠道"),
    "col.device": _e("Device", "终端"),
    "col.campaign_name": _e("Campaign", "推广计划"),
    "col.metric": _e("Metric", "指标"),
    "col.value": _e("This month", "本月"),
    "col.prior": _e("Prior month", "上月"),
    "col.last_year": _e("Same month last year", "去年同月"),
    "col.vs_prior": _e("vs prior month", "环比"),
    "col.vs_last_year": _e("vs last year", "同比"),
    "col.share": _e("Share", "占比"),
    "col.share_prior": _e("Share, prior month", "上月占比"),
    "col.share_change": _e("Share change", "占比变化"),
    "col.visitors_vs_prior": _e("Visitors vs prior month", "访客数环比"),
    "col.date": _e("Day", "日期"),
    "col.event": _e("Calendar", "日历事件"),
    "col.expected_visitors": _e("Expected visitors", "预期访客数"),
    "col.expected_paid_amount": _e("Expected paid amount", "预期支付金额"),
    "col.visitors_effect": _e("Visitors effect", "访客数影响"),
    "col.conversion_effect": _e("Conversion effect", "转化率影响"),
    "col.aov_effect": _e("Order value effect", "客单价影响"),
    "col.driver": _e("Main driver", "主要原因"),
    "col.step": _e("Step", "环节"),
    "col.step_rate": _e("Step rate", "环节转化率"),
    "col.step_rate_prior": _e("Step rate, prior month", "上月环节转化率"),
    "col.buyers_lost": _e("Buyers lost vs prior month", "较上月流失买家"),
    "col.rate": _e("Conversion rate", "支付转化率"),
    "col.rate_prior": _e("Prior month", "上月"),
    "col.change_pp": _e("Change", "变化"),
    "col.p_value": _e("p-value", "p值"),
    "col.verdict": _e("Verdict", "结论"),
    "col.segment": _e("Segment", "细分"),
    "col.mix_effect": _e("Mix effect", "结构影响"),
    "col.rate_effect": _e("Rate effect", "转化率影响"),
    "col.total_effect": _e("Total effect", "合计影响"),
    "col.buyer_type": _e("Buyers", "买家类型"),
    "col.buyers": _e("Buyers", "买家数"),
    "col.buyers_share": _e("Share of buyers", "买家占比"),
    "col.paid_amount": _e("Paid amount", "支付金额"),
    "col.aov": _e("Spend per buyer", "客单价"),
    "col.buyers_vs_prior": _e("Buyers vs prior month", "买家数环比"),
    "col.low": _e("95% low", "95%下限"),
    "col.high": _e("95% high", "95%上限"),
    # funnel stages
    "stage.visitors": _e("Visitors", "访客"),
    "stage.product_views": _e("Viewed a product", "浏览商品"),
    "stage.cart_adds": _e("Added to cart", "加购"),
    "stage.checkouts": _e("Submitted an order", "提交订单"),
    "stage.buyers": _e("Paid", "支付"),
    "step.product_views": _e("Visit → product view", "访问→浏览商品"),
    "step.cart_adds": _e("Product view → cart", "浏览商品→加购"),
    "step.checkouts": _e("Cart → order", "加购→下单"),
    "step.buyers": _e("Order → payment", "下单→支付"),
    # buyer types
    "buyer_type.new": _e("New", "新买家"),
    "buyer_type.returning": _e("Returning", "老买家"),
    # calendar event kinds
    "event.618": _e("618", "618"),
    "event.double11": _e("Double 11", "双11"),
    "event.double12": _e("Double 12", "双12"),
    "event.nianhuo": _e("Nianhuo festival", "年货节"),
    "event.women38": _e("Women's Day", "38节"),
    "event.spring_festival": _e("Spring Festival", "春节"),
    "event.public_holiday": _e("Public holiday", "法定节假日"),
    "event.none": _e("", ""),
    # anomaly drivers
    "driver.visitors": _e("visitors", "访客数"),
    "driver.conversion": _e("conversion", "转化率"),
    "driver.aov": _e("order value", "客单价"),
    # test verdicts
    "verdict.up": _e("Significantly higher", "显著上升"),
    "verdict.down": _e("Significantly lower", "显著下降"),
    "verdict.no_change": _e("No significant change", "无显著变化"),
    "verdict.too_small": _e("Sample too small to judge", "样本过小，无法判断"),
    # words the formatter uses
    "word.up": _e("up {}", "增长{}"),
    "word.down": _e("down {}", "下降{}"),
    "word.flat": _e("flat", "持平"),
    "word.na": _e("n/a", "无"),
    "word.pp": _e("{} pp", "{}个百分点"),
    "word.and": _e(" and ", "、"),
    "word.none": _e("none", "无"),
    # axes and legends
    "axis.date": _e("Day", "日期"),
    "axis.month": _e("Month", "月份"),
    "axis.visitors": _e("Visitors per day", "日访客数"),
    "axis.share": _e("Share of source visits", "渠道访问占比"),
    "axis.mobile_share": _e("Mobile share of visitors", "移动端访客占比"),
    "axis.roas": _e("Attributed ROAS", "投入产出比"),
    "axis.cpc": _e("Cost per click (¥)", "平均点击花费（元）"),
    "axis.rate": _e("Step rate", "环节转化率"),
    "axis.effect_pp": _e("Effect on conversion (percentage points)", "对转化率的影响（百分点）"),
    "axis.buyers": _e("Buyers", "买家数"),
    "legend.daily": _e("Daily", "每日"),
    "legend.avg7": _e("7-day average", "7日均值"),
    "legend.last_year": _e("Same days last year", "去年同期"),
    "legend.expected": _e("Expected band", "预期区间"),
    "legend.flagged": _e("Outside the band", "超出预期"),
    "legend.interval": _e("95% interval", "95%置信区间"),
    "legend.mix": _e("Mix shift", "结构变化"),
    "legend.rate": _e("Rate change", "转化率变化"),
    # page furniture
    "page.notice": _e("**No data.** {message}", "**无数据。** {message}"),
    "page.notice_again": _e("No data for this section either (see above).", "本节同样无数据（见上文）。"),
    "page.period": _e("Month: **{month}** · Platforms: {platforms} · Data: {data}",
                      "月份：**{month}** · 平台：{platforms} · 数据：{data}"),
    "page.footer": _e("Computed by storebook from data {fingerprint}.", "由 storebook 根据数据 {fingerprint} 计算。"),
}

# ----------------------------------------------------------------------------- traffic
_TRAFFIC: dict[str, _L] = {
    "traffic.title": _e("Traffic — {month}", "流量分析 — {month}"),
    "traffic.question": _e(
        "How many people visited our shops this month, where did they come from, on which device, "
        "what did paid traffic cost, and which days did not look like themselves?",
        "本月有多少人访问了我们的店铺？他们从哪里来、用什么终端？付费流量花了多少、换回多少？哪些日子表现异常？",
    ),
    # 1 headline
    "traffic.headline": _e("How many people visited, and what was a visitor worth?",
                           "本月访客有多少，每位访客价值几何？"),
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
    # 2 daily
    "traffic.daily": _e("How did visitors move day by day?", "每日访客如何变化？"),
    "traffic.daily.title": _e(
        "Visitors peaked on {peak_day:date} ({peak_visitors:count}); the month ran {vs_last_year:change} on the same days last year",
        "访客在{peak_day:date}达到高峰（{peak_visitors:count}人）；全月较去年同期{vs_last_year:change}",
    ),
    "traffic.daily.takeaway": _e(
        "The busiest day was {peak_day:date} with {peak_visitors:count} visitors{peak_event:event_suffix}; the quietest was "
        "{low_day:date} with {low_visitors:count}. Over the month, daily visitors ran {vs_last_year:change} on the same "
        "days last year; the 7-day average ended the month {trend:change} from where it started.",
        "访客最多的一天是{peak_day:date}，共{peak_visitors:count}人{peak_event:event_suffix}；最少的一天是{low_day:date}，"
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
    "traffic.anomalies.takeaway.none": _e(
        "No day fell outside the band expected from the same weekday in recent weeks (festival days judged "
        "against their own festival).",
        "没有日子超出按近几周同星期推算的预期区间（大促日与同类大促比较）。",
    ),
}

# ----------------------------------------------------------------------------- conversion
_CONVERSION: dict[str, _L] = {
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
}

CATALOGUE: dict[str, _L] = {**_VOCABULARY, **_TRAFFIC, **_CONVERSION}

_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


class TextError(StorebookError, KeyError):
    """A key or language the catalogue does not hold."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0] if self.args else ""


def check_language(language: str) -> str:
    """The language code, checked.

    Raises:
        TextError: for a language the catalogue does not hold.
    """
    if language not in LANGUAGES:
        raise TextError(f"language '{language}' is not available; choose one of {', '.join(LANGUAGES)}")
    return language


def is_key(value: str) -> bool:
    """True when ``value`` looks like a catalogue key (``area.key``)."""
    return isinstance(value, str) and bool(_KEY.match(value))


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | int) and math.isnan(value))
    except TypeError:
        return False


class _Formatter(string.Formatter):
    """``str.format`` with the house specs (see the module docstring)."""

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def format_field(self, value: Any, spec: str) -> str:
        t = self.text
        if spec == "event_suffix":  # " (Double 11)" after a day, or nothing
            if _missing(value) or value in ("", "none"):
                return ""
            label = t(f"event.{value}")
            return f" ({label})" if t.language == "en" else f"（{label}）"
        if spec in ("platform", "channel", "device", "metric", "event", "driver", "step", "stage",
                    "verdict", "buyer_type", "effect_kind", "col"):
            return t.na if _missing(value) else t(f"{spec}.{value}")
        if spec == "key":
            return t.na if _missing(value) else t(str(value))
        if spec == "date":
            return t.na if _missing(value) else t.date(value)
        if spec in ("count", "money", "money2", "pct", "signed", "change", "pp", "ratio"):
            return t.number(value, spec)
        if _missing(value):
            return t.na
        return super().format_field(value, spec)


class Text:
    """The catalogue in one language.

    Args:
        language: ``"en"`` or ``"zh"``.

    ``text(key, **values)`` returns the string for ``key`` with ``values`` filled in.
    """

    def __init__(self, language: str = "en") -> None:
        self.language = check_language(language)
        self._formatter = _Formatter(self)

    def __repr__(self) -> str:
        return f"Text({self.language!r})"

    def __call__(self, key: str, **values: Any) -> str:
        try:
            template = CATALOGUE[key][self.language]
        except KeyError:
            raise TextError(f"'{key}' is not in the text catalogue (storebook.text.CATALOGUE); add it in English and Chinese") from None
        if not values and not placeholders(template):
            return template
        try:
            return self._formatter.format(template, **values)
        except (KeyError, IndexError) as exc:
            needed = ", ".join(sorted(placeholders(template) - set(values)))
            raise TextError(f"text '{key}' needs the value(s) {needed or exc}") from None

    def has(self, key: str) -> bool:
        """True when the catalogue holds ``key``."""
        return key in CATALOGUE

    def format(self, template: str, **values: Any) -> str:
        """Fill a template with the house specs (for tests and catalogue checks)."""
        return self._formatter.format(template, **values)

    def label(self, kind: str, value: Any) -> str:
        """The label of a vocabulary value: ``label("platform", "jd")`` → ``"JD"``/``"京东"``.

        A value the catalogue does not know is returned as it is (a campaign name).
        """
        key = f"{kind}.{value}"
        return self(key) if key in CATALOGUE else str(value)

    def labels(self, kind: str, values) -> list[str]:
        return [self.label(kind, v) for v in values]

    @property
    def na(self) -> str:
        return CATALOGUE["word.na"][self.language]

    # -- numbers and dates ---------------------------------------------------------------
    def number(self, value: Any, spec: str) -> str:
        """A number in one of the house specs (``count``, ``money``, ``pct``, ``change``, ``pp`` …)."""
        if _missing(value):
            return self.na
        v = float(value)
        if spec == "count":
            return f"{v:,.0f}"
        if spec == "money":
            return f"¥{v:,.0f}"
        if spec == "money2":
            return f"¥{v:,.2f}"
        if spec == "ratio":
            return f"{v:,.2f}"
        if spec == "pct":
            return f"{v:.1%}"
        if spec == "signed":
            return f"{v:+.1%}"
        if spec == "change":
            if abs(v) < FLAT_BELOW:
                return self("word.flat")
            word = "word.up" if v > 0 else "word.down"
            return CATALOGUE[word][self.language].format(f"{abs(v):.1%}")
        if spec == "pp":
            points = f"{v * 100:+.2f}".replace("+0.00", "±0.00").replace("-0.00", "±0.00")
            return CATALOGUE["word.pp"][self.language].format(points)
        raise TextError(f"unknown number spec '{spec}'")

    def date(self, value: Any) -> str:
        day = pd.Timestamp(value) if not isinstance(value, date) else pd.Timestamp(value)
        if self.language == "zh":
            return f"{day.month}月{day.day}日"
        return f"{day.day} {day:%b}"

    def join(self, items: list[str]) -> str:
        """A list in the language: ``Tmall, JD and Douyin`` / ``天猫、京东、抖音``."""
        items = list(items)
        if self.language == "zh" or len(items) < 3:
            return self("word.and").join(items)
        return ", ".join(items[:-1]) + self("word.and") + items[-1]


def placeholders(template: str) -> set[str]:
    """The field names a template uses (to check both languages ask for the same values)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_catalogue() -> list[str]:
    """Problems of the catalogue: a language missing or empty, placeholders that differ.

    Returns:
        One line per problem; empty when the catalogue is complete.
    """
    problems = []
    for key, entry in CATALOGUE.items():
        if not _KEY.match(key):
            problems.append(f"{key}: not a catalogue key (lower-case words joined by dots)")
        for lang in LANGUAGES:
            if lang not in entry:
                problems.append(f"{key}: no {lang} text")
        if set(entry) == set(LANGUAGES) and placeholders(entry["en"]) != placeholders(entry["zh"]):
            problems.append(f"{key}: en and zh use different placeholders")
        if key != "event.none" and any(not entry.get(lang) for lang in LANGUAGES):
            problems.append(f"{key}: empty text")
    return problems
