"""The store-operations report's words, in English and 中文 (``store_ops.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # The quality table's metric column names a category's return rate (the supplier's complaint rate is
    # the registry's metric.complaints_per_1000_orders).
    "metric.return_rate": _e("Return rate", "退货率"),
    "store_ops.title": _e("Store operations — {month}", "店铺运营 — {month}"),
    "store_ops.question": _e(
        "How do buyers rate the store on each platform, what moved the rating, and which listings waste their traffic?",
        "各平台买家如何评价店铺，是什么影响了评分，哪些商品浪费了流量？"),
    "store_ops.headline": _e("How did the store's rating and listings do this month?", "本月店铺评分与商品表现如何？"),
    "store_ops.headline.takeaway": _e(
        "In {month} the store rated {store_rating:ratio} of 5 ({store_rating_vs_prior:change} on the prior month); "
        "its listings drew {visitors:count} visitors and converted {conversion:pct} "
        "({conversion_vs_prior:change}); {to_fix:count} listings convert clearly below their category.",
        "{month}店铺评分 {store_rating:ratio}（5分制，环比{store_rating_vs_prior:change}）；商品访客 {visitors:count}，"
        "支付转化率 {conversion:pct}（环比{conversion_vs_prior:change}）；{to_fix:count} 个商品转化明显低于类目。"),
    "store_ops.headline.takeaway.no_listings": _e(
        "In {month} the store rated {store_rating:ratio} of 5 ({store_rating_vs_prior:change} on the prior month).",
        "{month}店铺评分 {store_rating:ratio}（5分制，环比{store_rating_vs_prior:change}）。"),
    "store_ops.headline.takeaway.no_ratings": _e(
        "In {month} the listings drew {visitors:count} visitors and converted {conversion:pct} "
        "({conversion_vs_prior:change}); {to_fix:count} listings convert clearly below their category.",
        "{month}商品访客 {visitors:count}，支付转化率 {conversion:pct}（环比{conversion_vs_prior:change}）；"
        "{to_fix:count} 个商品转化明显低于类目。"),
    # The listing report covers part of the month (a week's 生意参谋 report): its clause names
    # the days it covers, not the month (the note above the section says it is partial).
    "store_ops.headline.takeaway.part": _e(
        "In {month} the store rated {store_rating:ratio} of 5 ({store_rating_vs_prior:change} on the prior month); "
        "from {listings_from:date} to {listings_to:date}, the days the listing report covers, its listings drew "
        "{visitors:count} visitors and converted {conversion:pct} ({conversion_vs_prior:change}); {to_fix:count} "
        "listings convert clearly below their category.",
        "{month}店铺评分 {store_rating:ratio}（5分制，环比{store_rating_vs_prior:change}）；商品报表覆盖的"
        "{listings_from:date}至{listings_to:date}，商品访客 {visitors:count}，支付转化率 {conversion:pct}"
        "（环比{conversion_vs_prior:change}）；{to_fix:count} 个商品转化明显低于类目。"),
    "store_ops.headline.takeaway.no_ratings.part": _e(
        "From {listings_from:date} to {listings_to:date}, the days the listing report covers, the listings drew "
        "{visitors:count} visitors and converted {conversion:pct} ({conversion_vs_prior:change}); {to_fix:count} "
        "listings convert clearly below their category.",
        "商品报表覆盖的{listings_from:date}至{listings_to:date}，商品访客 {visitors:count}，支付转化率 {conversion:pct}"
        "（环比{conversion_vs_prior:change}）；{to_fix:count} 个商品转化明显低于类目。"),
    "store_ops.ratings": _e("Where does each platform's rating stand against its industry?", "各平台评分与行业相比如何？"),
    "store_ops.ratings.takeaway": _e(
        "The weakest score against its industry is {weakest_platform:platform} {weakest_dimension:dimension} "
        "({weakest_score:ratio}, {weakest_gap:ratio} from the industry); the largest move of the month is "
        "{moved_platform:platform} {moved_dimension:dimension} ({moved_change:ratio} to {moved_score:ratio}).",
        "相对行业最弱的是{weakest_platform:platform}{weakest_dimension:dimension}（{weakest_score:ratio}，"
        "与行业相差 {weakest_gap:ratio}）；本月变化最大的是{moved_platform:platform}{moved_dimension:dimension}"
        "（变化 {moved_change:ratio}，至 {moved_score:ratio}）。"),
    "store_ops.trend": _e("How have the ratings moved over the year?", "近一年评分如何变化？"),
    "store_ops.trend.title": _e("{dimension:dimension} rating at each month's end (of 5)", "每月末{dimension:dimension}评分（5分制）"),
    "store_ops.trend.takeaway": _e(
        "From {first_month} to {month} the lowest rating is {platform:platform} {dimension:dimension}: "
        "{score:ratio} of 5, against {score_first:ratio} in {first_month}.",
        "{first_month}至{month}，最低的是{platform:platform}{dimension:dimension}：{score:ratio}（5分制），"
        "{first_month}为 {score_first:ratio}。"),
    "store_ops.dips": _e("Did a rating dip, and what did it follow?", "评分是否下滑，原因是什么？"),
    "store_ops.dips.title": _e("{platform:platform} {dimension:dimension}: the day's ratings", "{platform:platform}{dimension:dimension}：每日评分"),
    "store_ops.dips.takeaway": _e(
        "{platform:platform} {dimension:dimension} ratings fell from {first_day:date} to {last_day:date} "
        "({ratings:count} ratings averaging {day_score:ratio} against a usual {baseline:ratio}); it follows "
        "{carrier}'s slow parcels to {provinces} shipped {shipped_from:date}–{shipped_to:date} "
        "({excess_days:ratio} days late on average). The published score moved {score_change:ratio}.",
        "{platform:platform}{dimension:dimension}评分在{first_day:date}至{last_day:date}下滑（{ratings:count} 条评价均值 "
        "{day_score:ratio}，常态 {baseline:ratio}）；原因是{carrier}发往{provinces}的包裹在{shipped_from:date}–"
        "{shipped_to:date}延误（平均晚 {excess_days:ratio} 天）。公布评分变化 {score_change:ratio}。"),
    "store_ops.dips.takeaway.slower_delivery": _e(
        "{platform:platform} {dimension:dimension} ratings fell from {first_day:date} to {last_day:date} "
        "({day_score:ratio} against a usual {baseline:ratio}) while parcels took {delivery_days:ratio} days against "
        "{delivery_days_before:ratio} before; no single carrier explains it.",
        "{platform:platform}{dimension:dimension}评分在{first_day:date}至{last_day:date}下滑（{day_score:ratio}，常态 "
        "{baseline:ratio}），同期配送 {delivery_days:ratio} 天（此前 {delivery_days_before:ratio} 天）；并非某一家快递所致。"),
    "store_ops.dips.takeaway.quality": _e(
        "{platform:platform} {dimension:dimension} ratings fell from {first_day:date} to {last_day:date} "
        "({day_score:ratio} against a usual {baseline:ratio}); look at the quality complaints and returns below.",
        "{platform:platform}{dimension:dimension}评分在{first_day:date}至{last_day:date}下滑（{day_score:ratio}，常态 "
        "{baseline:ratio}）；请查看下方的质量投诉与退货。"),
    "store_ops.dips.takeaway.unexplained": _e(
        "{platform:platform} {dimension:dimension} ratings fell from {first_day:date} to {last_day:date} "
        "({day_score:ratio} against a usual {baseline:ratio}); the operations data show no cause.",
        "{platform:platform}{dimension:dimension}评分在{first_day:date}至{last_day:date}下滑（{day_score:ratio}，常态 "
        "{baseline:ratio}）；运营数据中未找到原因。"),
    "store_ops.dips.takeaway.none": _e(
        "No rating fell clearly below its usual level in the last two months.",
        "近两个月没有评分明显低于常态。"),
    "store_ops.operations": _e("How did the operations behind each rating move?", "影响评分的运营指标如何变化？"),
    "store_ops.operations.takeaway": _e(
        # One decimal, as the table above it shows them (7.2 days, 4.6 per 1,000 orders).
        "The operation that worsened most is {platform:platform} {driver:driver}: {value:,.1f} against "
        "{prior:,.1f} the month before ({relative:signed}); it moves the {dimension:dimension} rating.",
        "恶化最多的是{platform:platform}{driver:driver}：{value:,.1f}，上月 {prior:,.1f}（{relative:signed}），"
        "它影响{dimension:dimension}评分。"),
    # A rate as the table shows it: a share, its change in points.
    "store_ops.operations.takeaway.rate": _e(
        "The operation that worsened most is {platform:platform} {driver:driver}: {value:pct} against "
        "{prior:pct} the month before ({points:pp}); it moves the {dimension:dimension} rating.",
        "恶化最多的是{platform:platform}{driver:driver}：{value:pct}，上月 {prior:pct}（{points:pp}），"
        "它影响{dimension:dimension}评分。"),
    # A first reply in the unit it reads in, as the table shows it (2.1 days, not 3,002.2 minutes).
    "store_ops.operations.takeaway.duration": _e(
        "The operation that worsened most is {platform:platform} {driver:driver}: {value:duration} against "
        "{prior:duration} the month before ({relative:signed}); it moves the {dimension:dimension} rating.",
        "恶化最多的是{platform:platform}{driver:driver}：{value:duration}，上月 {prior:duration}（{relative:signed}），"
        "它影响{dimension:dimension}评分。"),
    "store_ops.operations.takeaway.no_prior": _e(
        "The operations behind the ratings cannot be compared with the prior month: the data hold none of it.",
        "影响评分的运营指标无法与上月比较：数据中没有上月的数据。"),
    "store_ops.operations.takeaway.no_operations": _e(
        "None of the operations behind the ratings (delivery days, complaints, returns, first response) is measured "
        "in this store's data, so none can be compared with the prior month.",
        "本店数据中没有影响评分的运营指标（配送时长、投诉、退货、首次响应），无法与上月比较。"),
    "store_ops.operations.takeaway.none": _e(
        "No operation behind the ratings worsened against the prior month.",
        "影响评分的运营指标均未较上月恶化。"),
    "store_ops.quality": _e("Which categories and suppliers draw more returns and complaints?",
                            "哪些类目和供应商的退货与投诉增加？"),
    "store_ops.quality.takeaway": _e(
        "The return rate rose most in {category:category} ({category_value:pct} against {category_prior:pct}); "
        "complaints per 1,000 orders rose most for supplier {supplier} ({supplier_value:ratio} against "
        "{supplier_prior:ratio}).",
        "退货率上升最多的是{category:category}（{category_value:pct}，上月 {category_prior:pct}）；每千单投诉上升最多的"
        "是供应商 {supplier}（{supplier_value:ratio}，上月 {supplier_prior:ratio}）。"),
    "store_ops.quality.takeaway.none": _e(
        "No category's return rate and no supplier's complaint rate rose against the prior month.",
        "各类目退货率与各供应商投诉率均未较上月上升。"),
    "store_ops.listings": _e("Which listings draw the traffic, and how well do they convert?",
                             "哪些商品带来流量，转化如何？"),
    "store_ops.listings.takeaway": _e(
        "{listings:count} listings drew {visitors:count} visitors and {buyers:count} buyers ({conversion:pct}); "
        "the most visited is {top_name} on {top_platform:platform} ({top_visitors:count} visitors, "
        "{top_conversion:pct}). {below:count} listings with at least 100 visitors convert clearly below their category.",
        "{listings:count} 个商品共 {visitors:count} 访客、{buyers:count} 买家（转化率 {conversion:pct}）；访客最多的是"
        "{top_platform:platform}的{top_name}（{top_visitors:count} 访客，转化率 {top_conversion:pct}）。"
        "{below:count} 个访客过百的商品转化明显低于类目。"),
    # The listings' own ad spend (生意参谋 总推广花费): where it goes and what those listings sold.
    "store_ops.ads": _e("Which listings does the ad spend go to, and what do they sell?",
                        "推广花费投向哪些商品，这些商品卖得如何？"),
    "store_ops.ads.takeaway": _e(
        "{listings:count} of the {listings_all:count} listings spent {spend:money} on ads; together they sold "
        "{sales:money}, {per_ad:ratio} per unit of ad spend (all their sales, not only those the ads brought). "
        "{top_name} spent the most: {top_spend:money}, {top_share:pct} of the spend, selling {top_per_ad:ratio} "
        "per unit.",
        "{listings_all:count}个商品中有{listings:count}个投放推广，共花费{spend:money}；这些商品共成交{sales:money}，"
        "每单位推广花费对应{per_ad:ratio}的成交额（含非推广带来的成交）。花费最多的是{top_name}：{top_spend:money}，"
        "占推广花费的{top_share:pct}，每单位花费成交{top_per_ad:ratio}。"),
    "store_ops.ads.takeaway.idle": _e(
        "{listings:count} of the {listings_all:count} listings spent {spend:money} on ads; together they sold "
        "{sales:money}, {per_ad:ratio} per unit of ad spend (all their sales, not only those the ads brought). "
        "{top_name} spent the most: {top_spend:money}, {top_share:pct} of the spend, selling {top_per_ad:ratio} "
        "per unit. {idle:count} of them spent {idle_spend:money} and sold nothing: review their ads first.",
        "{listings_all:count}个商品中有{listings:count}个投放推广，共花费{spend:money}；这些商品共成交{sales:money}，"
        "每单位推广花费对应{per_ad:ratio}的成交额（含非推广带来的成交）。花费最多的是{top_name}：{top_spend:money}，"
        "占推广花费的{top_share:pct}，每单位花费成交{top_per_ad:ratio}。其中{idle:count}个商品花费{idle_spend:money}"
        "却没有成交：建议优先检查其推广。"),
    "col.share_of_ad_spend": _e("Share of ad spend", "推广花费占比"),
    "col.ad_spend_amount": _e("Ad spend", "推广花费"),
    "col.sales_per_ad": _e("Sales per unit of ad spend", "每单位推广花费成交额"),
    "store_ops.to_fix": _e("Which listings should be fixed first?", "应优先优化哪些商品？"),
    "store_ops.to_fix.title": _e("Buyers lost against the category's conversion", "按类目转化率计算的流失买家"),
    "store_ops.to_fix.takeaway": _e(
        "Fix {name} on {platform:platform} first: {visitors:count} visitors converting {conversion:pct} against "
        "{category_conversion:pct} for its category — about {lost_buyers:count} buyers ({lost_amount:money}) lost "
        "this month; the {n:count} listings to fix lost {total_lost_amount:money} together.",
        "优先优化{platform:platform}的{name}：{visitors:count} 访客，转化率 {conversion:pct}，类目为 "
        "{category_conversion:pct}——本月约流失 {lost_buyers:count} 个买家（{lost_amount:money}）；{n:count} 个待优化商品"
        "合计流失 {total_lost_amount:money}。"),
    "store_ops.to_fix.takeaway.top": _e(
        "Fix {name} on {platform:platform} first: {visitors:count} visitors converting {conversion:pct} against "
        "{category_conversion:pct} for its category — about {lost_buyers:count} buyers ({lost_amount:money}) lost "
        "this month; the {n:count} listings shown, of the {qualifying:count} to fix, lost {total_lost_amount:money} "
        "together.",
        "优先优化{platform:platform}的{name}：{visitors:count} 访客，转化率 {conversion:pct}，类目为 "
        "{category_conversion:pct}——本月约流失 {lost_buyers:count} 个买家（{lost_amount:money}）；{qualifying:count} 个待优化"
        "商品中，表中所列 {n:count} 个合计流失 {total_lost_amount:money}。"),
    "store_ops.to_fix.takeaway.none": _e(
        "No listing with at least 100 visitors converts clearly below its category.",
        "没有访客过百且转化明显低于类目的商品。"),
    "store_ops.changes": _e("What did the listing changes do to conversion?", "商品改动对转化率有何影响？"),
    "store_ops.changes.title": _e("Conversion lift after each change, against its category (95% interval)",
                                  "每次改动后的转化率提升（相对类目，95%区间）"),
    # {lift} is a relative change of the conversion rate (after ÷ before, ÷ the category's, − 1), no share
    # of a whole: said as the table says it (lift: +68.0%, −12.3%; lift_low/lift_high signed), one decimal,
    # its sign in words. "lowered its conversion by −12.3%" said the fall twice.
    "store_ops.changes.takeaway": _e(
        "The change to {name} on {platform:platform} on {changed_on:date} moved its conversion {lift:change} "
        "(95% interval {low:signed} to {high:signed}; {before:pct} → {after:pct}), net of its category; "
        "{clear:count} of {changes:count} changes had a clear effect.",
        "{changed_on:date}对{platform:platform}{name}的改动使转化率{lift:change}（95%区间 {low:signed} 至 {high:signed}；"
        "{before:pct} → {after:pct}），已扣除类目变化；{changes:count} 次改动中 {clear:count} 次效果明确。"),
    "store_ops.changes.takeaway.down": _e(
        "The change to {name} on {platform:platform} on {changed_on:date} moved its conversion {lift:change} "
        "(95% interval {low:signed} to {high:signed}; {before:pct} → {after:pct}), net of its category: consider "
        "undoing it.",
        "{changed_on:date}对{platform:platform}{name}的改动使转化率{lift:change}（95%区间 {low:signed} 至 {high:signed}；"
        "{before:pct} → {after:pct}），已扣除类目变化：建议考虑撤回。"),
    "store_ops.changes.takeaway.none": _e(
        "None of the {changes:count} listing changes had an effect clear of chance yet.",
        "{changes:count} 次商品改动尚无超出随机波动的明确效果。"),
}
