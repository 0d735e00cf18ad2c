"""The text catalogue of the store-operations, marketing and planning reports (English and
中文), merged into :data:`storebook.text.CATALOGUE` by one line there.

Keys follow the house: ``<area>.title`` / ``.question``, one key per section (its heading)
with ``.takeaway`` (and ``.takeaway.<variant>``) sentences, ``metric.*`` / ``col.*`` labels
of the new columns, vocabulary labels (``dimension.*``, ``change.*``, ``driver.*``,
``verdict.*``, ``evidence.*``), and what each new table is and how to add it
(``page.table.*``, ``page.add.*``).
"""

from __future__ import annotations


def _e(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


_VOCABULARY: dict[str, dict[str, str]] = {
    # rating dimensions (store_ratings.dimension)
    "dimension.overall": _e("Overall", "综合评分"),
    "dimension.product": _e("Product as described", "描述相符/商品体验"),
    "dimension.service": _e("Service", "服务态度"),
    "dimension.logistics": _e("Logistics", "物流服务"),
    "dimension.after_sales": _e("After-sales", "售后服务"),
    # listing changes (listing_changes.change)
    "change.main_image": _e("main image", "主图"),
    "change.detail_page": _e("detail page", "详情页"),
    "change.title": _e("title", "标题"),
    "change.price": _e("price", "价格"),
    "change.video": _e("video", "主图视频"),
    "change.sku_options": _e("SKU options", "SKU规格"),
    "change.other": _e("other", "其他"),
    # what a rating dip followed, and the operations behind each dimension
    "driver.slow_carrier": _e("a slow carrier", "快递延误"),
    "driver.slower_delivery": _e("slower delivery", "配送变慢"),
    "driver.quality": _e("quality complaints", "质量投诉"),
    "driver.none": _e("nothing found", "未找到原因"),
    "driver.delivery_days": _e("Delivery days", "配送天数"),
    "driver.logistics_complaints_per_1000": _e("Logistics complaints per 1,000 orders", "物流投诉/千单"),
    "driver.quality_complaints_per_1000": _e("Quality complaints per 1,000 orders", "质量投诉/千单"),
    "driver.return_rate": _e("Return rate", "退货率"),
    "driver.first_response_median_min": _e("Median first response (min)", "首次响应中位数（分钟）"),
    # campaign verdicts and the evidence they rest on
    "verdict.scale": _e("Scale", "加投"),
    "verdict.cut": _e("Cut", "削减"),
    "verdict.keep": _e("Keep", "维持"),
    "verdict.test": _e("Test with a holdout", "做对照测试"),
    "verdict.unclear": _e("Unclear", "不确定"),
    "evidence.holdout": _e("Holdout test", "对照组测试"),
    "evidence.attribution": _e("Platform attribution", "平台归因"),
    "test_group.treatment": _e("Treated", "投放组"),
    "test_group.holdout": _e("Held out", "对照组"),
    # headline metrics
    "metric.store_rating": _e("Store rating (of 5)", "店铺评分（5分制）"),
    "metric.listing_visitors": _e("Listing visitors", "商品访客数"),
    "metric.listing_conversion_rate": _e("Listing conversion", "商品支付转化率"),
    "metric.listings_to_fix": _e("Listings to fix", "待优化商品数"),
    "metric.cac": _e("Cost per new buyer (CAC)", "新客获客成本"),
    "metric.forecast_paid_amount": _e("Next month's paid amount (forecast)", "下月支付金额（预测）"),
    "metric.forecast_orders": _e("Next month's orders (forecast)", "下月支付订单数（预测）"),
    "metric.mape_paid_amount": _e("Forecast error, paid amount (MAPE)", "支付金额预测误差（MAPE）"),
    "metric.mape_orders": _e("Forecast error, orders (MAPE)", "订单数预测误差（MAPE）"),
    "metric.score_5": _e("Rating (of 5)", "评分（5分制）"),
    "metric.day_score": _e("Day rating", "当日评分"),
    "metric.lost_buyers": _e("Buyers lost against its category", "相对类目流失买家"),
    "metric.lift": _e("Conversion lift", "转化率提升"),
    "metric.incremental_roas": _e("Incremental ROAS", "增量投产比"),
    "metric.visit_lift": _e("Visit lift", "访问提升"),
    "metric.order_lift": _e("Order lift", "订单提升"),
    "metric.forecast": _e("Forecast", "预测"),
    # table columns
    "col.dimension": _e("Dimension", "评分项"),
    "col.score": _e("Score", "评分"),
    "col.score_max": _e("Scale", "满分"),
    "col.score_prior": _e("Prior month", "上月"),
    "col.score_change": _e("Change", "变化"),
    "col.industry_score": _e("Industry", "行业均值"),
    "col.industry_gap": _e("vs industry", "高于行业"),
    "col.day_score": _e("Ratings this month", "本月评分均值"),
    "col.ratings": _e("Ratings", "评价数"),
    "col.store_rating": _e("Store rating (of 5)", "店铺评分（5分制）"),
    "col.baseline": _e("Usual", "常态均值"),
    "col.day_score_drop": _e("Below usual", "低于常态"),
    "col.z": _e("z", "z值"),
    "col.score_before": _e("Published before", "下滑前评分"),
    "col.score_after": _e("Published after", "下滑后评分"),
    "col.provinces": _e("Provinces", "省份"),
    "col.shipped_from": _e("Shipped from", "发货起"),
    "col.shipped_to": _e("Shipped to", "发货止"),
    "col.excess_days": _e("Extra days", "超出天数"),
    "col.delivery_days": _e("Delivery days in the dip", "下滑期配送天数"),
    "col.delivery_days_before": _e("Delivery days before", "此前配送天数"),
    "col.item_id": _e("Item ID", "商品ID"),
    "col.cart_rate": _e("Add-to-cart rate", "加购率"),
    "col.category_conversion": _e("Category conversion", "类目转化率"),
    "col.category_uv_value": _e("Category UV value", "类目UV价值"),
    "col.conversion_index": _e("Conversion index", "转化指数"),
    "col.lost_buyers": _e("Buyers lost", "流失买家"),
    "col.lost_amount": _e("Sales lost", "流失金额"),
    "col.changes": _e("What changed", "改动内容"),
    "col.change_label": _e("What changed", "改动内容"),
    "col.listing_changed_on": _e("Changed on", "改动日期"),
    "col.weeks_after": _e("Weeks after", "改动后周数"),
    "col.buyers_before": _e("Buyers before", "改动前买家"),
    "col.buyers_after": _e("Buyers after", "改动后买家"),
    "col.conversion_before": _e("Conversion before", "改动前转化率"),
    "col.conversion_after": _e("Conversion after", "改动后转化率"),
    "col.category_lift": _e("Category meanwhile", "同期类目变化"),
    "col.lift": _e("Lift", "提升"),
    "col.conversion_rate_high": _e("Conversion, 95% high", "转化率95%上限"),
    "col.lift_low": _e("Lift, 95% low", "提升95%下限"),
    "col.lift_high": _e("Lift, 95% high", "提升95%上限"),
    "col.incremental_roas_low": _e("Incremental ROAS, 95% low", "增量投产比95%下限"),
    "col.incremental_roas_high": _e("Incremental ROAS, 95% high", "增量投产比95%上限"),
    "col.month": _e("Month", "月份"),
    "col.elapsed": _e("Month elapsed", "月度进度"),
    "col.pace": _e("Pace", "预算进度"),
    "col.projected_spend": _e("At this pace", "按当前进度全月"),
    "col.campaigns": _e("Campaigns", "计划数"),
    "col.is_over": _e("Over budget", "超预算"),
    "col.share_of_spend": _e("Share of spend", "花费占比"),
    "col.cac": _e("CAC", "获客成本"),
    "col.cac_prior": _e("CAC, prior month", "上月获客成本"),
    "col.cac_last_year": _e("CAC, last year", "去年同月获客成本"),
    "col.new_buyers": _e("New buyers", "新买家"),
    "col.campaign_id": _e("Campaign ID", "计划ID"),
    "col.treatment_orders": _e("Orders, treated", "投放组订单"),
    "col.holdout_orders": _e("Orders, held out", "对照组订单"),
    "col.treatment_audience": _e("People treated", "投放组人数"),
    "col.holdout_audience": _e("People held out", "对照组人数"),
    "col.incremental_orders": _e("Incremental orders", "增量订单"),
    "col.incremental_amount": _e("Incremental sales", "增量成交额"),
    "col.incremental_roas": _e("Incremental ROAS", "增量投产比"),
    "col.order_lift": _e("Order lift", "订单提升"),
    "col.visit_lift": _e("Visit lift", "访问提升"),
    "col.evidence": _e("Evidence", "依据"),
    "col.spend_amount": _e("Spend", "花费"),
    "col.forecast": _e("Forecast", "预测"),
    "col.actual": _e("Actual", "实际"),
    "col.error": _e("Error", "误差"),
    "col.ape": _e("Absolute error", "绝对误差"),
    "col.inside": _e("Inside the interval", "落在区间内"),
    "col.mape": _e("MAPE", "平均绝对百分比误差"),
    "col.months": _e("Months", "月数"),
    "col.worst_month": _e("Worst month", "误差最大月份"),
    "col.worst_error": _e("Its error", "该月误差"),
    "col.inside_share": _e("Months inside the interval", "落在区间内的月份占比"),
    "col.quarter": _e("Quarter", "季度"),
    "col.target_vs_last_year": _e("Target vs last year", "目标同比"),
    "col.target_vs_forecast": _e("Target vs forecast", "目标高于预测"),
    "col.trend": _e("Trend per year", "年化趋势"),
    "col.by": _e("By", "维度"),
    # what each new table is, and how to add it
    "page.table.store_ratings": _e("store ratings", "店铺评分（store_ratings）"),
    "page.table.product_traffic": _e("listing traffic", "商品流量（product_traffic）"),
    "page.table.listing_changes": _e("listing changes", "商品改动记录（listing_changes）"),
    "page.table.campaign_holdouts": _e("campaign holdout tests", "推广对照测试（campaign_holdouts）"),
    "page.add.store_ratings": _e(
        "To add it: export the platforms' store scores (生意参谋 店铺DSR, 京东商智 店铺评分, 抖店 体验分) into "
        "data/raw/store_ratings/ and run `storebook ingest`.",
        "补充方法：将各平台店铺评分导出（生意参谋店铺DSR、京东商智店铺评分、抖店体验分）放入 data/raw/store_ratings/，"
        "然后运行 `storebook ingest`。"),
    "page.add.product_traffic": _e(
        "To add it: put the per-item reports (生意参谋 商品效果, 京东商智 商品明细) under data/raw/ and run "
        "`storebook ingest`.",
        "补充方法：将商品效果报表（生意参谋商品效果、京东商智商品明细）放入 data/raw/，然后运行 `storebook ingest`。"),
    "page.add.listing_changes": _e(
        "To add it: record each change of a listing (day, item, what changed) in data/raw/listing_changes/ "
        "(layout in docs/contract.md) and run `storebook ingest`.",
        "补充方法：将每次商品改动（日期、商品、改动内容）按 docs/contract.md 的格式记录在 data/raw/listing_changes/，"
        "然后运行 `storebook ingest`。"),
    "page.add.campaign_holdouts": _e(
        "To add it: keep a random group out of a campaign and put both groups' daily orders in "
        "data/raw/campaign_holdouts/ (layout in docs/contract.md), then run `storebook ingest`.",
        "补充方法：在推广中随机留出一组人不投放，将两组每日订单按 docs/contract.md 的格式放入 "
        "data/raw/campaign_holdouts/，然后运行 `storebook ingest`。"),
}

_STORE_OPS: dict[str, dict[str, str]] = {
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
        "The operation that worsened most is {platform:platform} {driver:driver}: {value:ratio} against "
        "{prior:ratio} the month before ({relative:signed}); it moves the {dimension:dimension} rating.",
        "恶化最多的是{platform:platform}{driver:driver}：{value:ratio}，上月 {prior:ratio}（{relative:signed}），"
        "它影响{dimension:dimension}评分。"),
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
    "store_ops.to_fix": _e("Which listings should be fixed first?", "应优先优化哪些商品？"),
    "store_ops.to_fix.title": _e("Buyers lost against the category's conversion", "按类目转化率计算的流失买家"),
    "store_ops.to_fix.takeaway": _e(
        "Fix {name} on {platform:platform} first: {visitors:count} visitors converting {conversion:pct} against "
        "{category_conversion:pct} for its category — about {lost_buyers:count} buyers ({lost_amount:money}) lost "
        "this month; the {n:count} listings to fix lost {total_lost_amount:money} together.",
        "优先优化{platform:platform}的{name}：{visitors:count} 访客，转化率 {conversion:pct}，类目为 "
        "{category_conversion:pct}——本月约流失 {lost_buyers:count} 个买家（{lost_amount:money}）；{n:count} 个待优化商品"
        "合计流失 {total_lost_amount:money}。"),
    "store_ops.to_fix.takeaway.none": _e(
        "No listing with at least 100 visitors converts clearly below its category.",
        "没有访客过百且转化明显低于类目的商品。"),
    "store_ops.changes": _e("What did the listing changes do to conversion?", "商品改动对转化率有何影响？"),
    "store_ops.changes.title": _e("Conversion lift after each change, against its category (95% interval)",
                                  "每次改动后的转化率提升（相对类目，95%区间）"),
    "store_ops.changes.takeaway": _e(
        "The change to {name} on {platform:platform} on {changed_on:date} lifted its conversion by {lift:pct} "
        "(95% interval {low:pct} to {high:pct}; {before:pct} → {after:pct}), net of its category; "
        "{clear:count} of {changes:count} changes had a clear effect.",
        "{changed_on:date}对{platform:platform}{name}的改动使转化率提升 {lift:pct}（95%区间 {low:pct} 至 {high:pct}；"
        "{before:pct} → {after:pct}），已扣除类目变化；{changes:count} 次改动中 {clear:count} 次效果明确。"),
    "store_ops.changes.takeaway.down": _e(
        "The change to {name} on {platform:platform} on {changed_on:date} lowered its conversion by {lift:pct} "
        "(95% interval {low:pct} to {high:pct}; {before:pct} → {after:pct}), net of its category: consider undoing it.",
        "{changed_on:date}对{platform:platform}{name}的改动使转化率变化 {lift:pct}（95%区间 {low:pct} 至 {high:pct}；"
        "{before:pct} → {after:pct}），已扣除类目变化：建议考虑撤回。"),
    "store_ops.changes.takeaway.none": _e(
        "None of the {changes:count} listing changes had an effect clear of chance yet.",
        "{changes:count} 次商品改动尚无超出随机波动的明确效果。"),
}

_MARKETING: dict[str, dict[str, str]] = {
    "marketing.title": _e("Marketing — {month}", "营销推广 — {month}"),
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

_PLAN: dict[str, dict[str, str]] = {
    "plan.title": _e("Planning — {month}", "经营计划 — {month}"),
    "plan.question": _e(
        "What will the next three months bring on each platform, how far off have such forecasts been, and what "
        "target should the next quarter have?",
        "未来三个月各平台预计如何，此类预测过去偏差多大，下季度目标应定多少？"),
    "plan.headline": _e("What does the forecast say for next month?", "预测下个月会怎样？"),
    "plan.headline.takeaway": _e(
        "Next month ({month}) should bring about {paid_amount:money} ({paid_low:money}–{paid_high:money}) in "
        "{orders:count} orders; forecasts made a month ahead were off by {mape:pct} on average over the last "
        "{months:count} months.",
        "下月（{month}）预计支付金额约 {paid_amount:money}（{paid_low:money}–{paid_high:money}），订单 {orders:count}；"
        "过去 {months:count} 个月提前一个月的预测平均误差 {mape:pct}。"),
    "plan.forecast": _e("What will the next three months bring, per platform?", "未来三个月各平台预计如何？"),
    "plan.forecast.takeaway": _e(
        "All platforms: {first_month} {first:money}, {second_month} {second:money}, {third_month} {third:money} "
        "(95% intervals in the table). The calendar in these months: {events}.",
        "全平台：{first_month} {first:money}，{second_month} {second:money}，{third_month} {third:money}"
        "（95%区间见表）。期间的日历事件：{events}。"),
    "plan.forecast.takeaway.borrowed": _e(
        "All platforms: {first_month} {first:money}, {second_month} {second:money}, {third_month} {third:money} "
        "(95% intervals in the table). The calendar in these months: {events}. The history has not seen "
        "{borrowed} yet: it takes the effect of the festivals it has seen.",
        "全平台：{first_month} {first:money}，{second_month} {second:money}，{third_month} {third:money}"
        "（95%区间见表）。期间的日历事件：{events}。历史中尚无{borrowed}：按已有大促的效果估计。"),
    "plan.backtest": _e("How far off have the forecasts been?", "过去的预测偏差多大？"),
    "plan.backtest.takeaway": _e(
        "Forecast a month ahead over the last {months:count} months, paid amount was off by {mape_amount:pct} on "
        "average (orders {mape_orders:pct}), worst in {worst_month} ({worst_error:signed}); {inside:pct} of the "
        "months fell inside the 95% interval.",
        "过去 {months:count} 个月提前一个月预测，支付金额平均误差 {mape_amount:pct}（订单 {mape_orders:pct}），"
        "误差最大的是{worst_month}（{worst_error:signed}）；{inside:pct} 的月份落在95%区间内。"),
    "plan.month": _e("How did this month compare with its forecast?", "本月实际与预测相比如何？"),
    "plan.month.takeaway": _e(
        "{month} brought {actual:money}; the forecast made before it said {forecast:money} (off by {error:signed}); "
        "{inside_text}",
        "{month}实际 {actual:money}，事前预测 {forecast:money}（{error:signed}）；{inside_text}"),
    "plan.month.inside": _e("within the forecast's 95% interval.", "在预测的95%区间内。"),
    "plan.month.outside": _e("outside the forecast's 95% interval: look for what changed.",
                             "超出预测的95%区间：请查找变化原因。"),
    "plan.targets": _e("What target should next quarter have?", "下季度目标应定多少？"),
    "plan.targets.takeaway": _e(
        "For {quarter} we propose {target:money} in paid amount across the platforms ({target_vs_forecast:signed} "
        "above the forecast of {forecast:money}; {target_vs_last_year:change} on last year). It assumes the "
        "history's trend and festivals go on as before and no new campaign: reached about one quarter in four as "
        "things stand; the forecast has been off by {mape:pct} a month.",
        "建议{quarter}全平台支付金额目标 {target:money}（高于预测 {forecast:money} {target_vs_forecast:signed}；"
        "同比{target_vs_last_year:change}）。假设：历史趋势与大促效果延续、无新增投放；按现状约四个季度中有一个能达成；"
        "月度预测误差约 {mape:pct}。"),
    "word.none_listed": _e("none", "无"),
}

#: Every key of the three reports; :mod:`storebook.text` adds the keys it does not hold.
CATALOGUE: dict[str, dict[str, str]] = {**_VOCABULARY, **_STORE_OPS, **_MARKETING, **_PLAN}
