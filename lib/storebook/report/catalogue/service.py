"""The service report's words, in English and 中文 (``service.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # service
    "service.title": _e("Customer service — {month}", "客户服务 — {month}"),
    "service.question": _e(
        "What did customers contact us about, how fast and how well did we answer, what came back and why, and which "
        "supplier is behind the complaints?",
        "客户因为什么联系我们？我们响应和解决得多快、多好？哪些商品被退回、为什么？投诉背后是哪家供应商？",
    ),
    "service.headline": _e("How did customer service do this month?", "本月客户服务表现如何？"),
    "service.headline.takeaway": _e(
        "{tickets:count} tickets were opened in {month} ({tickets_vs_prior:change} on the prior month). Customers rated "
        "us {csat:ratio} out of 5 ({csat_vs_prior:change}) and the first reply came within a median of "
        "{first_response_median_min:duration}. Complaints ran at {complaints_per_1000_orders:ratio} per 1,000 orders "
        "and {refund_rate:pct} of the paid amount was refunded. {worst_csat_platform:platform} had the lowest CSAT "
        "({worst_csat:ratio}).",
        "{month}共新建工单{tickets:count}张（环比{tickets_vs_prior:change}）。客户评分{csat:ratio}分（满分5分，环比"
        "{csat_vs_prior:change}），首次响应时长中位数{first_response_median_min:duration}。每千单投诉"
        "{complaints_per_1000_orders:ratio}件，退款率{refund_rate:pct}。满意度最低的平台是{worst_csat_platform:platform}"
        "（{worst_csat:ratio}分）。",
    ),
    "service.headline.takeaway.no_refund_rate": _e(
        "{tickets:count} tickets were opened in {month} ({tickets_vs_prior:change} on the prior month). Customers rated "
        "us {csat:ratio} out of 5 ({csat_vs_prior:change}) and the first reply came within a median of "
        "{first_response_median_min:duration}. Complaints ran at {complaints_per_1000_orders:ratio} per 1,000 orders; "
        "the refund rate is not in this store's data (its exports carry no refund or paid amounts to measure it). "
        "{worst_csat_platform:platform} had the lowest CSAT ({worst_csat:ratio}).",
        "{month}共新建工单{tickets:count}张（环比{tickets_vs_prior:change}）。客户评分{csat:ratio}分（满分5分，环比"
        "{csat_vs_prior:change}），首次响应时长中位数{first_response_median_min:duration}。每千单投诉"
        "{complaints_per_1000_orders:ratio}件；退款率不在本店数据中（导出数据没有计算它所需的退款或支付金额）。"
        "满意度最低的平台是{worst_csat_platform:platform}（{worst_csat:ratio}分）。",
    ),
    "service.tickets": _e("What did customers contact us about, and on which platform?", "客户因为什么联系我们，来自哪个平台？"),
    "service.headline.takeaway.single": _e(
        "{tickets:count} tickets were opened in {month} ({tickets_vs_prior:change} on the prior month). Customers "
        "rated us {csat:ratio} out of 5 ({csat_vs_prior:change}) and the first reply came within a median of "
        "{first_response_median_min:duration}. Complaints ran at {complaints_per_1000_orders:ratio} per 1,000 "
        "orders and {refund_rate:pct} of the paid amount was refunded.",
        "{month}共新建工单{tickets:count}张（环比{tickets_vs_prior:change}）。客户评分{csat:ratio}分（满分5分，环比"
        "{csat_vs_prior:change}），首次响应时长中位数{first_response_median_min:duration}。每千单投诉"
        "{complaints_per_1000_orders:ratio}件，退款率{refund_rate:pct}。",
    ),
    "service.headline.takeaway.single.no_refund_rate": _e(
        "{tickets:count} tickets were opened in {month} ({tickets_vs_prior:change} on the prior month). Customers "
        "rated us {csat:ratio} out of 5 ({csat_vs_prior:change}) and the first reply came within a median of "
        "{first_response_median_min:duration}. Complaints ran at {complaints_per_1000_orders:ratio} per 1,000 "
        "orders; the refund rate is not in this store's data (its exports carry no refund or paid amounts to measure "
        "it).",
        "{month}共新建工单{tickets:count}张（环比{tickets_vs_prior:change}）。客户评分{csat:ratio}分（满分5分，环比"
        "{csat_vs_prior:change}），首次响应时长中位数{first_response_median_min:duration}。每千单投诉"
        "{complaints_per_1000_orders:ratio}件；退款率不在本店数据中（导出数据没有计算它所需的退款或支付金额）。",
    ),
    "service.tickets.takeaway.single": _e(
        "{tickets:count} tickets were opened, {complaints:count} of them complaints ({complaint_share:pct}). "
        "{top_category:category} was the most common topic ({top_share:pct}); {top_complaint_category:category} drew "
        "the most complaints ({top_complaints:count}).",
        "本月新建工单{tickets:count}张，其中投诉{complaints:count}件（{complaint_share:pct}）。最常见的问题是"
        "{top_category:category}（{top_share:pct}）；投诉最多的是{top_complaint_category:category}（{top_complaints:count}件）。",
    ),
    # No ticket carries a topic (Olist's reviews as tickets): no topic to name.
    "service.tickets.takeaway.no_topic": _e(
        "{tickets:count} tickets were opened, {complaints:count} of them complaints ({complaint_share:pct}). The "
        "tickets carry no topic, so what customers contacted us about is not in this store's data.",
        "本月新建工单{tickets:count}张，其中投诉{complaints:count}件（{complaint_share:pct}）。工单没有问题分类，"
        "客户因何联系我们不在本店数据中。"),
    "service.tickets.title.no_topic": _e("Tickets by platform (their topic is not in the data)",
                                         "各平台工单数（数据中没有问题分类）"),
    "service.response.takeaway.single": _e(
        "The first reply came within a median of {slowest_median:duration}; one ticket in ten waited more than "
        "{slowest_p90:duration}. Resolution took a median of {resolution_median_max:duration_h}; "
        "of the month's tickets, {unresolved:count} are not resolved yet.",
        "首次响应时长中位数为{slowest_median:duration}，有一成工单等待超过{slowest_p90:duration}。解决时长中位数"
        "{resolution_median_max:duration_h}；本月工单中仍有{unresolved:count}张未解决。",
    ),
    "service.tickets.title": _e("{top_category:category} is the most common topic ({top_share:pct} of tickets)",
                                "最常见的问题是{top_category:category}（占工单{top_share:pct}）"),
    "service.tickets.takeaway": _e(
        "{tickets:count} tickets were opened, {complaints:count} of them complaints ({complaint_share:pct}). "
        "{top_category:category} was the most common topic ({top_share:pct}); {top_complaint_category:category} drew "
        "the most complaints ({top_complaints:count}). {top_platform:platform} had the most tickets.",
        "本月新建工单{tickets:count}张，其中投诉{complaints:count}件（{complaint_share:pct}）。最常见的问题是"
        "{top_category:category}（{top_share:pct}）；投诉最多的是{top_complaint_category:category}（{top_complaints:count}件）。"
        "工单最多的平台是{top_platform:platform}。",
    ),
    "service.response": _e("How fast did we answer and resolve?", "我们响应和解决得有多快？"),
    "service.response.takeaway": _e(
        "The first reply came within a median of {fastest_median:duration} on the fastest platform and "
        "{slowest_median:duration} on {slowest:platform}, where one ticket in ten waited more than "
        "{slowest_p90:duration}. Resolution took a median of up to {resolution_median_max:duration_h}; "
        "of the month's tickets, {unresolved:count} are not resolved yet.",
        "最快的平台首次响应时长中位数为{fastest_median:duration}，{slowest:platform}为{slowest_median:duration}，"
        "且有一成工单等待超过{slowest_p90:duration}。各平台解决时长中位数最长为{resolution_median_max:duration_h}；"
        "本月工单中仍有{unresolved:count}张未解决。",
    ),
    "service.csat": _e("How satisfied were customers, month by month?", "客户满意度逐月如何变化？"),
    "service.csat.title": _e("CSAT {csat:ratio} in {month} (95% interval {low:ratio}–{high:ratio})",
                             "{month}满意度{csat:ratio}分（95%置信区间{low:ratio}–{high:ratio}）"),
    "service.csat.takeaway": _e(
        "{rated:count} customers rated their ticket: {csat:ratio} out of 5 on average ({low:ratio}–{high:ratio}), "
        "{satisfied_share:pct} gave 4 or 5. The {months_before} months before averaged {mean_before:ratio}, inside "
        "this month's interval: no change beyond chance.",
        "{rated:count}位客户对工单作出评价：平均{csat:ratio}分（{low:ratio}–{high:ratio}），{satisfied_share:pct}给出4或5分。"
        "此前{months_before}个月平均{mean_before:ratio}分，落在本月置信区间内：变化未超出随机波动。",
    ),
    "service.csat.takeaway.outside": _e(
        "{rated:count} customers rated their ticket: {csat:ratio} out of 5 on average ({low:ratio}–{high:ratio}), "
        "{satisfied_share:pct} gave 4 or 5. The {months_before} months before averaged {mean_before:ratio}, outside "
        "this month's interval: a change beyond chance, worth a look.",
        "{rated:count}位客户对工单作出评价：平均{csat:ratio}分（{low:ratio}–{high:ratio}），{satisfied_share:pct}给出4或5分。"
        "此前{months_before}个月平均{mean_before:ratio}分，落在本月置信区间之外：变化超出随机波动，值得关注。",
    ),
    "service.suppliers": _e("Which suppliers' products draw complaints?", "哪些供应商的商品投诉较多？"),
    "service.suppliers.title": _e(
        "{top_name} drew the most complaints: {top_complaints:count}, {top_rate:ratio} per 1,000 orders",
        "{top_name}的投诉最多：{top_complaints:count}件，每千单{top_rate:ratio}件",
    ),
    "service.suppliers.takeaway": _e(
        "Products of {with_complaints} suppliers drew {complaints:count} complaints. {top_name} had the most: "
        "{top_complaints:count}, {top_rate:ratio} per 1,000 of the {top_orders:count} orders with its products.",
        "{with_complaints}家供应商的商品共收到{complaints:count}件投诉。最多的是{top_name}：{top_complaints:count}件，"
        "在含其商品的{top_orders:count}单中为每千单{top_rate:ratio}件。",
    ),
    "service.suppliers.takeaway.none": _e("No complaint named a product this month.", "本月没有指明商品的投诉。"),
    "service.products": _e("Which products draw complaints?", "哪些商品投诉较多？"),
    "service.products.takeaway": _e(
        "{with_complaints} products drew {complaints:count} complaints; {top_name} ({top}) the most: "
        "{top_complaints:count} in {top_orders:count} orders ({top_rate:ratio} per 1,000).",
        "{with_complaints}个商品共收到{complaints:count}件投诉；最多的是{top_name}（{top}）：{top_orders:count}单中"
        "{top_complaints:count}件（每千单{top_rate:ratio}件）。",
    ),
    "service.products.takeaway.none": _e("No complaint named a product this month.", "本月没有指明商品的投诉。"),
    "service.refunds": _e("How much was refunded, on which platform?", "退款金额多少，来自哪些平台？"),
    "service.refunds.takeaway": _e(
        "{refund_amount:money} of the month's paid orders was refunded, {refund_rate:pct} of the paid amount, leaving "
        "net sales of {net_amount:money}. {top:platform} refunded the largest share ({top_rate:pct}). Refunds keep "
        "arriving for weeks after an order, so the latest month's rate still rises.",
        "本月支付订单中退款{refund_amount:money}，占支付金额的{refund_rate:pct}，退款后销售额{net_amount:money}。"
        "退款率最高的平台是{top:platform}（{top_rate:pct}）。退款会在下单后数周内陆续发生，最近一个月的退款率仍会上升。",
    ),
    "service.refunds.takeaway.single": _e(
        "{refund_amount:money} of the month's paid orders was refunded, {refund_rate:pct} of the paid amount, leaving "
        "net sales of {net_amount:money}. Refunds keep arriving for weeks after an order, so the latest month's rate "
        "still rises.",
        "本月支付订单中退款{refund_amount:money}，占支付金额的{refund_rate:pct}，退款后销售额{net_amount:money}。"
        "退款会在下单后数周内陆续发生，最近一个月的退款率仍会上升。",
    ),
    "service.refunds.takeaway.none_refunded": _e(
        "None of the month's {orders:count} paid orders ({paid_amount:money}) has been refunded so far. Refunds keep "
        "arriving for weeks after an order, so the latest month's rate can still rise.",
        "本月{orders:count}笔支付订单（{paid_amount:money}）目前都没有退款。退款会在下单后数周内陆续发生，"
        "最近一个月的退款率仍可能上升。",
    ),
    "service.refunds.takeaway.no_amount": _e(
        "{orders:count} orders were paid this month. Their amounts are not in this store's data (its exports carry "
        "no amounts), so there is no refund rate or net sales to measure.",
        "本月共有{orders:count}笔支付订单。订单金额不在本店数据中（导出数据没有金额），因此无法计算退款率和退款后销售额。",
    ),
    "service.refunds.takeaway.no_refunds": _e(
        "The month's {orders:count} paid orders came to {paid_amount:money}. Refunds are not in this store's data "
        "(its exports carry no refund amounts), so there is no refund rate or net sales after refunds to measure.",
        "本月{orders:count}笔支付订单共计{paid_amount:money}。退款不在本店数据中（导出数据没有退款金额），"
        "因此无法计算退款率和退款后销售额。",
    ),
    "service.returns": _e("What was returned, and why?", "哪些商品被退回，原因是什么？"),
    "service.returns.takeaway": _e(
        "{returns:count} returns ({units_returned:count} units, {refund_amount:money} refunded) were accepted this "
        "month, {return_rate:pct} of the units sold. {top_category:category} had the highest return rate "
        "({top_rate:pct}); the most common reason was {top_reason:reason} ({top_reason_share:pct} of returns).",
        "本月受理退货{returns:count}单（{units_returned:count}件，退款{refund_amount:money}），占销售件数的"
        "{return_rate:pct}。退货率最高的类目是{top_category:category}（{top_rate:pct}）；最常见的原因是"
        "{top_reason:reason}（占退货{top_reason_share:pct}）。",
    ),
    "service.returned_products": _e("Which products come back most?", "哪些商品退货最多？"),
    "service.returned_products.takeaway": _e(
        "{skus} products were returned this month. {most_name} ({most_sku:sku_beside_name}) came back most: {most_units:count} units, "
        "{most_rate:pct} of the units sold. Among products that sold at least {min_units} units, {worst_name} "
        "({worst_sku:sku_beside_name}) has the highest return rate ({worst_rate:pct} of {worst_sold:count}).",
        "本月有{skus}个商品发生退货。退货最多的是{most_name}（{most_sku:sku_beside_name}）：{most_units:count}件，占其销售件数的"
        "{most_rate:pct}。销量不少于{min_units}件的商品中，{worst_name}（{worst_sku:sku_beside_name}）退货率最高（{worst_sold:count}件中"
        "{worst_rate:pct}）。",
    ),
    "service.returned_products.takeaway.none": _e("No product was returned this month.", "本月没有商品退货。"),
    "service.reasons": _e("Which reasons dominate in each category?", "各类目的主要退货原因是什么？"),
    "service.reasons.title": _e(
        "{top_reason:reason} is the most common reason ({top_reason_share:pct} of returns)",
        "最常见的退货原因是{top_reason:reason}（占退货{top_reason_share:pct}）",
    ),
    "service.reasons.takeaway": _e(
        "{top_reason:reason} is the most common reason overall ({top_reason_share:pct} of returns). The largest single "
        "share is {peak_reason:reason} in {peak_category:category} ({peak_share:pct} of that category's returns). "
        "Reasons that point at the product — quality, damage, not as described — make {product_share:pct} of returns.",
        "整体最常见的退货原因是{top_reason:reason}（占退货{top_reason_share:pct}）。单项占比最高的是{peak_category:category}"
        "的{peak_reason:reason}（占该类目退货的{peak_share:pct}）。指向商品本身的原因——质量、破损、与描述不符——合计占退货的"
        "{product_share:pct}。",
    ),
    "service.reasons.takeaway.none": _e("No return was accepted this month.", "本月没有受理退货。"),
    "service.trace": _e("Can a complaint spike be traced to a supplier and a batch?", "投诉激增能否追溯到供应商和批次？"),
    "service.trace.takeaway": _e(
        "{product_name} ({sku:sku_beside_name}) drew {complaints:count} complaints where its category peers predict {expected:ratio} "
        "({ratio:ratio}×). {batch_complaints:count} of them name batch {batch_id} — {batch_share:pct} of its "
        "complaints that name a batch, from a batch that made {units_share:pct} of the units received. The batch came "
        "from {supplier_name} ({supplier_id}) on purchase order {po_id}, received {received_on:date}: hold its stock "
        "and raise it with the supplier.",
        "{product_name}（{sku:sku_beside_name}）收到{complaints:count}件投诉，而同类商品的水平预期仅{expected:ratio}件（{ratio:ratio}倍）。"
        "其中{batch_complaints:count}件指明批次{batch_id}——占指明批次投诉的{batch_share:pct}，而该批次仅占到货数量的"
        "{units_share:pct}。该批次来自{supplier_name}（{supplier_id}），采购单{po_id}，{received_on:date}到货：建议冻结该批次库存并与供应商交涉。",
    ),
    "service.trace.takeaway.none": _e(
        "No product's complaints in the last {months} months stand out from its category peers: each product is "
        "tested against its peers' complaint rate, with a bound that allows for testing hundreds of products.",
        "最近{months}个月没有任何商品的投诉明显高于同类商品：每个商品都与同类商品的投诉率比较，并按同时检验数百个商品的情况校正。",
    ),
}
