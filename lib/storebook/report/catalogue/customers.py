"""The customers report's words, in English and 中文 (``customers.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # customers
    "customers.title": _e("Customers — {month}", "客户分析 — {month}"),
    "customers.question": _e(
        "Who bought this month — new or returning customers — do they come back, what are they worth, and where do "
        "they live?",
        "本月是谁在购买——新客还是老客？他们会回购吗？价值几何？分布在哪些省份？",
    ),
    "customers.headline": _e("How many customers bought, and how many came back?", "本月有多少客户购买，多少人回购？"),
    "customers.headline.takeaway": _e(
        "{customers:count} customers bought in {month} ({customers_vs_prior:change} on the prior month), "
        "{new_buyers:count} of them for the first time. Returning customers brought {returning_sales_share:pct} of "
        "sales. Of the latest cohorts whose window has closed, {repeat_rate_30:pct} bought again within 30 days and "
        "{repeat_rate_90:pct} within 90.",
        "{month}共有{customers:count}位客户购买（环比{customers_vs_prior:change}），其中{new_buyers:count}位为首次购买。"
        "老客贡献了{returning_sales_share:pct}的销售额。在复购窗口已结束的最近一批新客中，{repeat_rate_30:pct}在30天内"
        "再次购买，{repeat_rate_90:pct}在90天内再次购买。",
    ),
    "customers.headline.takeaway.no_amount": _e(
        "{customers:count} customers bought in {month} ({customers_vs_prior:change} on the prior month), "
        "{new_buyers:count} of them for the first time. Of the latest cohorts whose window has closed, "
        "{repeat_rate_30:pct} bought again within 30 days and {repeat_rate_90:pct} within 90. What they spent is "
        "not in this store's data: its exports carry no amounts.",
        "{month}共有{customers:count}位客户购买（环比{customers_vs_prior:change}），其中{new_buyers:count}位为首次购买。"
        "在复购窗口已结束的最近一批新客中，{repeat_rate_30:pct}在30天内再次购买，{repeat_rate_90:pct}在90天内再次购买。"
        "客户的消费金额不在本店数据中：导出数据没有金额。",
    ),
    # No cohort whose 90 days have closed has customers yet (customers.headline_facts).
    "customers.headline.takeaway.no_90": _e(
        "{customers:count} customers bought in {month} ({customers_vs_prior:change} on the prior month), "
        "{new_buyers:count} of them for the first time. Returning customers brought {returning_sales_share:pct} of "
        "sales. Of the latest cohort whose 30 days have closed, {repeat_rate_30:pct} bought again within them; the "
        "data are too young for a 90-day rate.",
        "{month}共有{customers:count}位客户购买（环比{customers_vs_prior:change}），其中{new_buyers:count}位为首次购买。"
        "老客贡献了{returning_sales_share:pct}的销售额。在30天窗口已结束的最近一批新客中，{repeat_rate_30:pct}在30天内"
        "再次购买；数据时间尚短，还没有90天复购率。",
    ),
    # No cohort's 30 days have closed within the data (they begin after it): the section said "No data" of a
    # month with buyers.
    "customers.headline.takeaway.no_repeat": _e(
        "{customers:count} customers bought in {month} ({customers_vs_prior:change} on the prior month), "
        "{new_buyers:count} of them for the first time. Returning customers brought {returning_sales_share:pct} of "
        "sales. The data begin too recently for a repeat rate: no new customer's 30 days closed within them.",
        "{month}共有{customers:count}位客户购买（环比{customers_vs_prior:change}），其中{new_buyers:count}位为首次购买。"
        "老客贡献了{returning_sales_share:pct}的销售额。数据开始得太晚，还没有复购率：数据中没有新客的30天窗口已结束。",
    ),
    "customers.headline.takeaway.no_amount.no_repeat": _e(
        "{customers:count} customers bought in {month} ({customers_vs_prior:change} on the prior month), "
        "{new_buyers:count} of them for the first time. The data begin too recently for a repeat rate: no new "
        "customer's 30 days closed within them. What they spent is not in this store's data: its exports carry no "
        "amounts.",
        "{month}共有{customers:count}位客户购买（环比{customers_vs_prior:change}），其中{new_buyers:count}位为首次购买。"
        "数据开始得太晚，还没有复购率：数据中没有新客的30天窗口已结束。客户的消费金额不在本店数据中：导出数据没有金额。",
    ),
    "customers.headline.takeaway.no_amount.no_90": _e(
        "{customers:count} customers bought in {month} ({customers_vs_prior:change} on the prior month), "
        "{new_buyers:count} of them for the first time. Of the latest cohort whose 30 days have closed, "
        "{repeat_rate_30:pct} bought again within them; the data are too young for a 90-day rate. What they spent "
        "is not in this store's data: its exports carry no amounts.",
        "{month}共有{customers:count}位客户购买（环比{customers_vs_prior:change}），其中{new_buyers:count}位为首次购买。"
        "在30天窗口已结束的最近一批新客中，{repeat_rate_30:pct}在30天内再次购买；数据时间尚短，还没有90天复购率。"
        "客户的消费金额不在本店数据中：导出数据没有金额。",
    ),
    "customers.new_returning": _e("Are we winning new customers or bringing old ones back?", "我们在获取新客，还是留住老客？"),
    "customers.new_returning.title": _e(
        "{new_share:pct} of buyers were new; returning buyers brought {returning_sales_share:pct} of sales",
        "新客占买家的{new_share:pct}；老客贡献{returning_sales_share:pct}的销售额",
    ),
    "customers.new_returning.title.no_amount": _e("{new_share:pct} of buyers were new", "新客占买家的{new_share:pct}"),
    "customers.new_returning.takeaway": _e(
        "{new:count} buyers were new and {returning:count} returning. Returning buyers spent {returning_aov:money2} "
        "each, new buyers {new_aov:money2}, and returning buyers brought {returning_sales_share:pct} of the month's "
        "sales. A buyer is new when the month holds their first paid order on these platforms in the data.",
        "本月新客{new:count}人、老客{returning:count}人。老客客单价{returning_aov:money2}，新客{new_aov:money2}；"
        "老客贡献本月{returning_sales_share:pct}的销售额。新客指本月支付的订单是其在所选平台上数据中的首单。",
    ),
    "customers.new_returning.takeaway.no_amount": _e(
        "{new:count} buyers were new and {returning:count} returning. A buyer is new when the month holds their "
        "first paid order on these platforms in the data. What each group spent is not in this store's data: its "
        "exports carry no amounts.",
        "本月新客{new:count}人、老客{returning:count}人。新客指本月支付的订单是其在所选平台上数据中的首单。"
        "新老客各自的消费金额不在本店数据中：导出数据没有金额。",
    ),
    "customers.new_returning.takeaway.no_returning": _e(
        "{new:count} buyers were new and none returning: no buyer of the month had paid an order before it on these "
        "platforms in the data. New buyers spent {new_aov:money2} each. A buyer is new when the month holds their "
        "first paid order on these platforms in the data.",
        "本月新客{new:count}人，没有老客：本月的买家此前在所选平台的数据中都没有支付过订单。新客客单价{new_aov:money2}。"
        "新客指本月支付的订单是其在所选平台上数据中的首单。",
    ),
    "customers.repeat": _e("How many new customers buy again within 30 and 90 days?", "新客在30天、90天内复购的比例是多少？"),
    "customers.repeat.takeaway": _e(
        "Of the customers won in {cohort_30}, {rate_30:pct} bought again within 30 days (95% interval {low_30:pct}–"
        "{high_30:pct}); the cohorts before averaged {earlier_30:pct}. Of those won in {cohort_90}, {rate_90:pct} "
        "bought again within 90 days ({low_90:pct}–{high_90:pct}; before: {earlier_90:pct}). Only cohorts whose "
        "window closed by the month's end count, so these rates do not move when later data arrives.",
        "{cohort_30}获取的新客中，{rate_30:pct}在30天内再次购买（95%置信区间{low_30:pct}–{high_30:pct}），此前各批平均"
        "{earlier_30:pct}。{cohort_90}获取的新客中，{rate_90:pct}在90天内再次购买（{low_90:pct}–{high_90:pct}；此前"
        "{earlier_90:pct}）。只计入复购窗口在本月底前已结束的批次，因此后续数据到来时这些比率不会变化。",
    ),
    # What the data do not hold yet (customers.repeat_facts): no earlier cohort, no 90-day cohort.
    "customers.repeat.takeaway.first": _e(
        "Of the customers won in {cohort_30}, {rate_30:pct} bought again within 30 days (95% interval {low_30:pct}–"
        "{high_30:pct}); of those won in {cohort_90}, {rate_90:pct} within 90 days ({low_90:pct}–{high_90:pct}). "
        "The data hold no earlier cohort to compare them with. Only cohorts whose window closed by the month's end "
        "count, so these rates do not move when later data arrives.",
        "{cohort_30}获取的新客中，{rate_30:pct}在30天内再次购买（95%置信区间{low_30:pct}–{high_30:pct}）；{cohort_90}"
        "获取的新客中，{rate_90:pct}在90天内再次购买（{low_90:pct}–{high_90:pct}）。数据中没有更早的批次可供比较。"
        "只计入复购窗口在本月底前已结束的批次，因此后续数据到来时这些比率不会变化。",
    ),
    "customers.repeat.takeaway.first_90": _e(
        "Of the customers won in {cohort_30}, {rate_30:pct} bought again within 30 days (95% interval {low_30:pct}–"
        "{high_30:pct}); the cohorts before averaged {earlier_30:pct}. Of those won in {cohort_90}, {rate_90:pct} "
        "bought again within 90 days ({low_90:pct}–{high_90:pct}), the first such cohort in the data. Only cohorts "
        "whose window closed by the month's end count, so these rates do not move when later data arrives.",
        "{cohort_30}获取的新客中，{rate_30:pct}在30天内再次购买（95%置信区间{low_30:pct}–{high_30:pct}），此前各批平均"
        "{earlier_30:pct}。{cohort_90}获取的新客中，{rate_90:pct}在90天内再次购买（{low_90:pct}–{high_90:pct}），"
        "是数据中第一批可计算90天复购的新客。只计入复购窗口在本月底前已结束的批次，因此后续数据到来时这些比率不会变化。",
    ),
    "customers.repeat.takeaway.no_90": _e(
        "Of the customers won in {cohort_30}, {rate_30:pct} bought again within 30 days (95% interval {low_30:pct}–"
        "{high_30:pct}); the cohorts before averaged {earlier_30:pct}. No cohort in the data has closed its 90 days "
        "yet: the 90-day rate shows in a later month's report. Only cohorts whose window closed by the month's end "
        "count, so these rates do not move when later data arrives.",
        "{cohort_30}获取的新客中，{rate_30:pct}在30天内再次购买（95%置信区间{low_30:pct}–{high_30:pct}），此前各批平均"
        "{earlier_30:pct}。数据中尚无90天窗口已结束的批次：90天复购率将在之后月份的报告中出现。"
        "只计入复购窗口在本月底前已结束的批次，因此后续数据到来时这些比率不会变化。",
    ),
    "customers.repeat.takeaway.no_90.first": _e(
        "Of the customers won in {cohort_30}, {rate_30:pct} bought again within 30 days (95% interval {low_30:pct}–"
        "{high_30:pct}), the first cohort in the data. No cohort has closed its 90 days yet: the 90-day rate shows "
        "in a later month's report. Only cohorts whose window closed by the month's end count, so these rates do "
        "not move when later data arrives.",
        "{cohort_30}获取的新客中，{rate_30:pct}在30天内再次购买（95%置信区间{low_30:pct}–{high_30:pct}），是数据中的"
        "第一批新客。尚无90天窗口已结束的批次：90天复购率将在之后月份的报告中出现。"
        "只计入复购窗口在本月底前已结束的批次，因此后续数据到来时这些比率不会变化。",
    ),
    "customers.repeat.no_cohorts": _e(
        "No new customers in the cohort month(s) {cohorts}: a repeat rate needs orders from before {month}; choose "
        "a later month or ingest the earlier exports.",
        "批次月份{cohorts}没有新客：复购率需要{month}之前的订单。请选择更晚的月份，或导入更早的导出数据。",
    ),
    "customers.repeat.before_data": _e(
        "The data begin on {first}, after the month(s) whose new customers a repeat rate follows ({cohorts}): "
        "it shows in a later month's report, or once the earlier exports are ingested.",
        "数据自{first}才开始，晚于复购率跟踪的新客批次月份（{cohorts}）：在之后月份的报告中即可看到，或导入更早的导出数据。",
    ),
    "customers.rfm": _e("Which customer segments do we have?", "客户可分为哪些价值群体？"),
    "customers.rfm.title": _e(
        "{value_customers:count} important-value customers ({value_share:pct}) bring {value_sales_share:pct} of 12-month sales",
        "重要价值客户{value_customers:count}人（{value_share:pct}），贡献近12个月{value_sales_share:pct}的销售额",
    ),
    "customers.rfm.takeaway": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count} ({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} "
        "of the 12 months' sales; {grower:segment} grew most ({grower_change:+d}). Recency, frequency and spend are "
        "each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segment}（{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
        "贡献近12个月{value_sales_share:pct}的销售额；增长最多的是{grower:segment}（{grower_change:+d}）。"
        "最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.value_grew": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count}, the segment that grew most ({value_change:+d} since the prior month's end), and "
        "brought {value_sales_share:pct} of the 12 months' sales. Recency, frequency and spend are each scored high "
        "or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segment}（{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人，是增长最多的群体（较上月末"
        "{value_change:+d}），贡献近12个月{value_sales_share:pct}的销售额。最近一次消费、消费频率和消费金额均与全体客户的"
        "平均值比较，分为高、低两档。",
    ),
    # Several segments tie for the most customers, or for the largest growth (customers.rfm_facts): all are
    # named, where a small store's page singled out one of three segments of one customer each.
    "customers.rfm.takeaway.largest_tied": _e(
        "{customers:count} customers bought in the last 12 months. {largest:segment} tie as the largest segments "
        "({largest_share:pct} each). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count} ({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} "
        "of the 12 months' sales; {grower:segment} grew most ({grower_change:+d}). Recency, frequency and spend are "
        "each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。{largest:segment}并列为最大的群体（各占{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
        "贡献近12个月{value_sales_share:pct}的销售额；增长最多的是{grower:segment}（{grower_change:+d}）。"
        "最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.largest_tied.value_grew": _e(
        "{customers:count} customers bought in the last 12 months. {largest:segment} tie as the largest segments "
        "({largest_share:pct} each). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count}, the segment that grew most ({value_change:+d} since the prior month's end), and "
        "brought {value_sales_share:pct} of the 12 months' sales. Recency, frequency and spend are each scored high "
        "or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。{largest:segment}并列为最大的群体（各占{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人，是增长最多的群体（较上月末"
        "{value_change:+d}），贡献近12个月{value_sales_share:pct}的销售额。最近一次消费、消费频率和消费金额均与全体客户的"
        "平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.grower_tied": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count} ({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} "
        "of the 12 months' sales; {grower:segment} tie as the segments that grew most ({grower_change:+d} each). "
        "Recency, frequency and spend are each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segment}（{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
        "贡献近12个月{value_sales_share:pct}的销售额；{grower:segment}并列增长最多（各{grower_change:+d}）。"
        "最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.largest_tied.grower_tied": _e(
        "{customers:count} customers bought in the last 12 months. {largest:segment} tie as the largest segments "
        "({largest_share:pct} each). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count} ({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} "
        "of the 12 months' sales; {grower:segment} tie as the segments that grew most ({grower_change:+d} each). "
        "Recency, frequency and spend are each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。{largest:segment}并列为最大的群体（各占{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
        "贡献近12个月{value_sales_share:pct}的销售额；{grower:segment}并列增长最多（各{grower_change:+d}）。"
        "最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    # No segment has more customers than at the prior month's end (customers.rfm_facts): the page said
    # "… grew most (+0)" of a month in which none grew.
    "customers.rfm.takeaway.none_grew": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count} ({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} "
        "of the 12 months' sales; no segment grew since the prior month's end. Recency, frequency and spend are "
        "each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segment}（{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
        "贡献近12个月{value_sales_share:pct}的销售额；与上月末相比没有群体增长。"
        "最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.largest_tied.none_grew": _e(
        "{customers:count} customers bought in the last 12 months. {largest:segment} tie as the largest segments "
        "({largest_share:pct} each). Important-value customers — recent, frequent and high-spending — number "
        "{value_customers:count} ({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} "
        "of the 12 months' sales; no segment grew since the prior month's end. Recency, frequency and spend are "
        "each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。{largest:segment}并列为最大的群体（各占{largest_share:pct}）。"
        "重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
        "贡献近12个月{value_sales_share:pct}的销售额；与上月末相比没有群体增长。"
        "最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    # A store none of whose customers is important value at the month's end (customers.rfm_facts, variant
    # ``no_value``): the page read "Important-value customers … number 0 (+0 since the prior month's end) and
    # brought 0.0% of the 12 months' sales" and its chart "0 important-value customers (0.0%) bring 0.0% …".
    # Each sentence says instead that there are none this month (tests/areas/test_customers.py checks
    # these are the sentences above but for that clause).
    "customers.rfm.takeaway.no_value": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). No customer is important value (recent, frequent and high-spending) this "
        "month; {grower:segment} grew most ({grower_change:+d}). Recency, frequency and spend are each "
        "scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segme"
        "nt}（{largest_share:pct}）。本月没有重要价值客户（近期购买、频次高、消费高）；"
        "增长最多的是{grower:segment}（{grower_change:+d}）。最近一次消费、"
        "消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.largest_tied.no_value": _e(
        "{customers:count} customers bought in the last 12 months. {largest:segment} tie as the largest "
        "segments ({largest_share:pct} each). No customer is important value (recent, frequent and "
        "high-spending) this month; {grower:segment} grew most ({grower_change:+d}). Recency, frequency and "
        "spend are each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。{largest:segment}并列为"
        "最大的群体（各占{largest_share:pct}）。本月没有重要价值客户（近期购买、频次高、消"
        "费高）；增长最多的是{grower:segment}（{grower_change:+d}）。最近一"
        "次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.no_value.grower_tied": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). No customer is important value (recent, frequent and high-spending) this "
        "month; {grower:segment} tie as the segments that grew most ({grower_change:+d} each). Recency, "
        "frequency and spend are each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segme"
        "nt}（{largest_share:pct}）。本月没有重要价值客户（近期购买、频次高、消费高）；"
        "{grower:segment}并列增长最多（各{grower_change:+d}）。最近一次消费"
        "、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.largest_tied.no_value.grower_tied": _e(
        "{customers:count} customers bought in the last 12 months. {largest:segment} tie as the largest "
        "segments ({largest_share:pct} each). No customer is important value (recent, frequent and "
        "high-spending) this month; {grower:segment} tie as the segments that grew most ({grower_change:+d} "
        "each). Recency, frequency and spend are each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。{largest:segment}并列为"
        "最大的群体（各占{largest_share:pct}）。本月没有重要价值客户（近期购买、频次高、消"
        "费高）；{grower:segment}并列增长最多（各{grower_change:+d}）。最近"
        "一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.no_value.none_grew": _e(
        "{customers:count} customers bought in the last 12 months. The largest segment is {largest:segment} "
        "({largest_share:pct}). No customer is important value (recent, frequent and high-spending) this "
        "month; no segment grew since the prior month's end. Recency, frequency and spend are each scored "
        "high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。最大的群体是{largest:segme"
        "nt}（{largest_share:pct}）。本月没有重要价值客户（近期购买、频次高、消费高）；"
        "与上月末相比没有群体增长。最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、低两档。",
    ),
    "customers.rfm.takeaway.largest_tied.no_value.none_grew": _e(
        "{customers:count} customers bought in the last 12 months. {largest:segment} tie as the largest "
        "segments ({largest_share:pct} each). No customer is important value (recent, frequent and "
        "high-spending) this month; no segment grew since the prior month's end. Recency, frequency and "
        "spend are each scored high or low against the mean of all customers.",
        "近12个月共有{customers:count}位客户购买。{largest:segment}并列为"
        "最大的群体（各占{largest_share:pct}）。本月没有重要价值客户（近期购买、频次高、消"
        "费高）；与上月末相比没有群体增长。最近一次消费、消费频率和消费金额均与全体客户的平均值比较，分为高、"
        "低两档。",
    ),
    "customers.rfm.title.no_value": _e("No important-value customers this month", "本月没有重要价值客户"),
    "customers.rfm.title.largest_tied.no_value": _e("No important-value customers this month", "本月没有重要价值客户"),
    "customers.rfm.title.no_value.grower_tied": _e("No important-value customers this month", "本月没有重要价值客户"),
    "customers.rfm.title.largest_tied.no_value.grower_tied": _e("No important-value customers this month", "本月没有重要价值客户"),
    "customers.rfm.title.no_value.none_grew": _e("No important-value customers this month", "本月没有重要价值客户"),
    "customers.rfm.title.largest_tied.no_value.none_grew": _e("No important-value customers this month", "本月没有重要价值客户"),
    "customers.movement": _e("How did customers move between segments since last month?", "与上月相比，客户在各群体间如何流动？"),
    "customers.movement.title": _e(
        "{value_stayed:pct} of important-value customers stayed important value",
        "{value_stayed:pct}的重要价值客户保持在该群体",
    ),
    "customers.movement.title.no_value_before": _e(
        "Where customers moved since the prior month's end (none was important value then)",
        "上月末以来客户的流动（当时没有重要价值客户）",
    ),
    "customers.movement.takeaway": _e(
        "{entered:count} customers entered the 12-month window with their first purchase and {lapsed:count} dropped "
        "out of it. {value_stayed:pct} of last month's important-value customers are still important value; the "
        "largest group that left moved to {value_left_to:segment} ({value_left:count}).",
        "{entered:count}位客户以首购进入近12个月窗口，{lapsed:count}位客户移出窗口。上月的重要价值客户中"
        "{value_stayed:pct}仍为重要价值客户；离开的客户中最多转为{value_left_to:segment}（{value_left:count}人）。",
    ),
    "customers.movement.takeaway.no_value_before": _e(
        "{entered:count} customers entered the 12-month window with their first purchase and {lapsed:count} dropped "
        "out of it. No customer was important value at the prior month's end, so none could stay or leave that "
        "segment.",
        "{entered:count}位客户以首购进入近12个月窗口，{lapsed:count}位客户移出窗口。上月末没有重要价值客户，"
        "因此无所谓留存或流失。",
    ),
    "customers.cohorts": _e("Do the customers we win each month keep buying?", "每月获取的新客是否持续购买？"),
    "customers.cohorts.title": _e(
        "On average {month1_retention:pct} of a month's new customers buy again the next month",
        "平均{month1_retention:pct}的新客在首购次月再次购买",
    ),
    "customers.cohorts.title.young": _e(
        "No cohort is a month old yet: who buys again shows from next month",
        "尚无满一个月的批次：次月复购情况下月起可见",
    ),
    "customers.cohorts.title.no_amount.young": _e(
        "No cohort is a month old yet: who buys again shows from next month",
        "尚无满一个月的批次：次月复购情况下月起可见",
    ),
    "customers.cohorts.revenue": _e("Cumulative revenue per customer by months after the first purchase",
                                    "首购后各月人均累计消费"),
    "customers.cohorts.revenue.no_amount": _e(
        "Customers who bought, by months after the first purchase (month 0: the cohort's new customers)",
        "首购后各月仍在购买的客户数（第0月：该批新客数）",
    ),
    "customers.cohorts.takeaway": _e(
        "Of the last {cohorts} cohorts, {month1_cohorts} have reached the month after their first purchase, and "
        "{month1_retention:pct} of their new customers bought again in it ({latest_cohort}: {latest_month1:pct}). A customer spends {revenue_m0:money2} in the "
        "month of the first purchase and {revenue_m3:money2} in all by the third month after it, on average.",
        "最近{cohorts}批新客中，{month1_cohorts}批已到首购次月，其新客有{month1_retention:pct}在次月再次购买"
        "（{latest_cohort}批次：{latest_month1:pct}）。"
        "平均每位客户首购当月消费{revenue_m0:money2}，到首购后第3个月累计消费{revenue_m3:money2}。",
    ),
    "customers.cohorts.takeaway.no_amount": _e(
        "Of the last {cohorts} cohorts, {month1_cohorts} have reached the month after their first purchase, and "
        "{month1_retention:pct} of their new customers bought again in it ({latest_cohort}: {latest_month1:pct}). What they spend is not in this store's data: "
        "its exports carry no amounts.",
        "最近{cohorts}批新客中，{month1_cohorts}批已到首购次月，其新客有{month1_retention:pct}在次月再次购买"
        "（{latest_cohort}批次：{latest_month1:pct}）。"
        "客户的消费金额不在本店数据中：导出数据没有金额。",
    ),
    "customers.cohorts.takeaway.short": _e(
        "Of the last {cohorts} cohorts, {month1_cohorts} have reached the month after their first purchase, and "
        "{month1_retention:pct} of their new customers bought again in it ({latest_cohort}: {latest_month1:pct}). A customer spends {revenue_first:money2} in "
        "the month of the first purchase, on average; no cohort in the data is three months old yet, so the spend "
        "by the third month is not known.",
        "最近{cohorts}批新客中，{month1_cohorts}批已到首购次月，其新客有{month1_retention:pct}在次月再次购买"
        "（{latest_cohort}批次：{latest_month1:pct}）。"
        "平均每位客户首购当月消费{revenue_first:money2}；数据中尚无满三个月的批次，首购后第3个月的累计消费未知。",
    ),
    "customers.cohorts.takeaway.young": _e(
        "The data hold {cohorts} cohort(s), none a month old yet: whether new customers buy again in the month after "
        "their first purchase shows from next month's report. The {first_customers:count} new customers spent "
        "{revenue_first:money2} each in the month of their first purchase, on average.",
        "数据中共{cohorts}批新客，尚无满一个月的批次：首购次月是否再次购买，下月报告起可见。"
        "这{first_customers:count}位新客首购当月平均每人消费{revenue_first:money2}。",
    ),
    "customers.cohorts.takeaway.no_amount.young": _e(
        "The data hold {cohorts} cohort(s) ({first_customers:count} new customers), none a month old yet: whether "
        "they buy again in the month after their first purchase shows from next month's report. What they spend is "
        "not in this store's data: its exports carry no amounts.",
        "数据中共{cohorts}批新客（{first_customers:count}位），尚无满一个月的批次：首购次月是否再次购买，下月报告起可见。"
        "客户的消费金额不在本店数据中：导出数据没有金额。",
    ),
    "customers.provinces": _e("Where do our buyers live?", "买家分布在哪些省份？"),
    "customers.provinces.title": _e("{top} brings {top_share:pct} of sales; the top three {top3_share:pct}",
                                    "{top}贡献{top_share:pct}的销售额；前三省合计{top3_share:pct}"),
    "customers.provinces.title.no_amount": _e("Most buyers live in {top_buyers} ({top_buyers_count:count})",
                                              "{top_buyers}的买家最多（{top_buyers_count:count}位）"),
    "customers.provinces.takeaway.no_amount": _e(
        "Buyers came from {provinces} provinces; most lived in {top_buyers} ({top_buyers_count:count} buyers). What "
        "they spent is not in this store's data: its exports carry no amounts.",
        "买家来自{provinces}个省份，其中{top_buyers}的买家最多（{top_buyers_count:count}位）。买家的消费金额不在本店数据中："
        "导出数据没有金额。",
    ),
    "customers.provinces.takeaway": _e(
        "Buyers came from {provinces} provinces. {top} leads with {top_share:pct} of sales; the top three bring "
        "{top3_share:pct} and the top ten {top10_share:pct}. Among the top ten, {grower} grew fastest on the prior "
        "month ({grower_change:change}).",
        "买家来自{provinces}个省份。{top}以{top_share:pct}的销售额居首；前三省合计{top3_share:pct}，前十省合计"
        "{top10_share:pct}。前十省中，{grower}环比增长最快（{grower_change:change}）。",
    ),
    # Few provinces (customers.province_facts): no ranking of one, no "top three" of three.
    "customers.provinces.title.one": _e("All sales with a known province came from {top}",
                                        "已知省份的销售额全部来自{top}"),
    "customers.provinces.title.one.no_prior": _e("All sales with a known province came from {top}",
                                                 "已知省份的销售额全部来自{top}"),
    "customers.provinces.title.few": _e("{top} brings {top_share:pct} of sales", "{top}贡献{top_share:pct}的销售额"),
    "customers.provinces.title.few.no_prior": _e("{top} brings {top_share:pct} of sales",
                                                 "{top}贡献{top_share:pct}的销售额"),
    "customers.provinces.takeaway.one": _e(
        "Every buyer whose province is known lived in {top}; its sales were {grower_change:change} on the prior "
        "month.",
        "已知省份的买家全部来自{top}；其销售额环比{grower_change:change}。"),
    "customers.provinces.takeaway.one.no_prior": _e(
        "Every buyer whose province is known lived in {top}; the data hold no sales there in the prior month to "
        "compare with.",
        "已知省份的买家全部来自{top}。该省在数据中上月无销售，无法计算环比。"),
    "customers.provinces.takeaway.few": _e(
        "Buyers came from {provinces} provinces. {top} leads with {top_share:pct} of sales. {grower} grew fastest on "
        "the prior month ({grower_change:change}).",
        "买家来自{provinces}个省份。{top}以{top_share:pct}的销售额居首。{grower}环比增长最快（{grower_change:change}）。"),
    "customers.provinces.takeaway.few.no_prior": _e(
        "Buyers came from {provinces} provinces. {top} leads with {top_share:pct} of sales. The data hold no sales "
        "in any of them in the prior month to compare with.",
        "买家来自{provinces}个省份。{top}以{top_share:pct}的销售额居首。这些省份在数据中上月均无销售，无法计算环比。"),
    "customers.provinces.takeaway.some": _e(
        "Buyers came from {provinces} provinces. {top} leads with {top_share:pct} of sales; the top three bring "
        "{top3_share:pct}. {grower} grew fastest on the prior month ({grower_change:change}).",
        "买家来自{provinces}个省份。{top}以{top_share:pct}的销售额居首；前三省合计{top3_share:pct}。"
        "{grower}环比增长最快（{grower_change:change}）。"),
    "customers.provinces.takeaway.some.no_prior": _e(
        "Buyers came from {provinces} provinces. {top} leads with {top_share:pct} of sales; the top three bring "
        "{top3_share:pct}. The data hold no sales in any of them in the prior month to compare with.",
        "买家来自{provinces}个省份。{top}以{top_share:pct}的销售额居首；前三省合计{top3_share:pct}。"
        "这些省份在数据中上月均无销售，无法计算环比。"),
    "customers.provinces.takeaway.no_prior": _e(
        "Buyers came from {provinces} provinces. {top} leads with {top_share:pct} of sales; the top three bring "
        "{top3_share:pct} and the top ten {top10_share:pct}. The data hold no sales in any of the top ten in the "
        "prior month to compare with.",
        "买家来自{provinces}个省份。{top}以{top_share:pct}的销售额居首；前三省合计{top3_share:pct}，前十省合计"
        "{top10_share:pct}。前十省在数据中上月均无销售，无法计算环比。",
    ),
}

