"""The supplier report's words, in English and 中文 (``supplier.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "supplier.grade.green": _e("Green", "良好"),
    "col.supplier": _e("Supplier", "供应商"),
    "col.mean_days_late": _e("Days late (average)", "平均延迟天数"),
    "supplier.grade.amber": _e("Amber", "关注"),
    "supplier.grade.red": _e("Red", "不合格"),
    "supplier.grade.na": _e("n/a", "未知"),
    "supplier.cause.late": _e("Late delivery", "延迟到货"),
    "supplier.cause.short": _e("Short delivery", "到货不足"),
    "supplier.cause.other": _e("Other", "其他原因"),
    # -- supplier report
    "supplier.title": _e("Suppliers and stock — {month}", "供应商与库存 — {month}"),
    "supplier.question": _e(
        "Which suppliers deliver on time and in full, and what do late or short deliveries cost us in "
        "stockouts and lost sales?",
        "哪些供应商准时足量交货？延迟或不足到货给我们造成了多少缺货和销售损失？",
    ),
    # The order book (storebook.supplier.summarise_purchase_orders): what is known without receipts.
    "supplier.orders": _e("What was due from each supplier this month?", "本月各供应商应交付多少？"),
    "supplier.orders.takeaway": _e(
        "{lines:count} purchase-order lines ({pos:count} POs, {qty:count} units) from {suppliers:count} suppliers were "
        "due this month, the most from {top} ({top_lines:count}); {open:count} had not arrived by its end. Suppliers "
        "promised delivery {promised_lead_days:.1f} days after the order on average, against a contract lead time of "
        "{contract_lead_days:.1f} days on average over the lines that have one; {within_contract_rate:pct} of the "
        "lines were promised within their contract lead time.",
        "本月到期的采购行共{lines:count}行（{pos:count}张采购单，{qty:count}件），来自{suppliers:count}家供应商，"
        "最多的是{top}（{top_lines:count}行）；月末仍有{open:count}行未到货。供应商承诺的交期平均为下单后"
        "{promised_lead_days:.1f}天，有合同交期的采购行合同交期平均{contract_lead_days:.1f}天；"
        "{within_contract_rate:pct}的采购行承诺交期在合同交期之内。",
    ),
    "supplier.orders.takeaway.no_contract": _e(
        "{lines:count} purchase-order lines ({pos:count} POs, {qty:count} units) from {suppliers:count} suppliers were "
        "due this month, the most from {top} ({top_lines:count}); {open:count} had not arrived by its end. Suppliers "
        "promised delivery {promised_lead_days:.1f} days after the order on average; their contract lead times are "
        "not in this store's data (`contract_lead_time_days` in the suppliers table adds them).",
        "本月到期的采购行共{lines:count}行（{pos:count}张采购单，{qty:count}件），来自{suppliers:count}家供应商，"
        "最多的是{top}（{top_lines:count}行）；月末仍有{open:count}行未到货。供应商承诺的交期平均为下单后"
        "{promised_lead_days:.1f}天；本店数据中没有合同交期（在供应商表中加入`contract_lead_time_days`即可对比）。",
    ),
    "supplier.orders.takeaway.no_receipts": _e(
        "{lines:count} purchase-order lines ({pos:count} POs, {qty:count} units) from {suppliers:count} suppliers were "
        "due this month, the most from {top} ({top_lines:count}). Suppliers promised delivery "
        "{promised_lead_days:.1f} days after the order on average, against a contract lead time of "
        "{contract_lead_days:.1f} days on average over the lines that have one; {within_contract_rate:pct} of the "
        "lines were promised within their contract lead time. Whether the goods arrived, and on time, cannot be "
        "told: the purchase orders record no receipt. A purchase-order export with each line's goods-receipt date "
        "(`received_on`) adds the on-time and in-full scorecard.",
        "本月到期的采购行共{lines:count}行（{pos:count}张采购单，{qty:count}件），来自{suppliers:count}家供应商，"
        "最多的是{top}（{top_lines:count}行）。供应商承诺的交期平均为下单后{promised_lead_days:.1f}天，"
        "有合同交期的采购行合同交期平均{contract_lead_days:.1f}天；{within_contract_rate:pct}的采购行承诺交期在合同交期之内。"
        "采购单没有到货记录，无法判断是否到货、是否准时；"
        "导入带每行收货日期（`received_on`）的采购单即可得到准时足量评分。",
    ),
    "supplier.orders.takeaway.no_receipts_no_contract": _e(
        "{lines:count} purchase-order lines ({pos:count} POs, {qty:count} units) from {suppliers:count} suppliers were "
        "due this month, the most from {top} ({top_lines:count}). Suppliers promised delivery "
        "{promised_lead_days:.1f} days after the order on average; their contract lead times are not in this store's "
        "data. Whether the goods arrived, and on time, cannot be told: the purchase orders record no receipt. A "
        "purchase-order export with each line's goods-receipt date (`received_on`) adds the on-time and in-full "
        "scorecard.",
        "本月到期的采购行共{lines:count}行（{pos:count}张采购单，{qty:count}件），来自{suppliers:count}家供应商，"
        "最多的是{top}（{top_lines:count}行）。供应商承诺的交期平均为下单后{promised_lead_days:.1f}天；本店数据中没有合同交期。"
        "采购单没有到货记录，无法判断是否到货、是否准时；导入带每行收货日期（`received_on`）的采购单即可得到准时足量评分。",
    ),
    "supplier.row.total": _e("All suppliers", "全部供应商"),
    "col.promised_lead_days": _e("Promised (days)", "承诺交期（天）"),
    "col.within_contract_rate": _e("Within contract", "合同交期内占比"),
    "col.open_lines": _e("Open at month end", "月末未到货行"),
    "supplier.scorecard": _e("Who delivers? The scorecard and ranking", "谁交货可靠？供应商评分与排名"),
    "supplier.scorecard.title": _e(
        "OTIF over the last {months:count} months and this month, by supplier",
        "各供应商近{months:count}个月及本月的准时足量交付率",
    ),
    "supplier.scorecard.takeaway": _e(
        "Over the last {months:count} months {otif:pct} of purchase-order lines arrived on time and in full; "
        "{green:count} of {suppliers:count} suppliers are graded green, {amber:count} amber and {red:count} red. "
        "{worst} {worst_name} ranks last: {worst_late:.1f} days late on average, {worst_fill:pct} of units "
        "delivered, {worst_otif:pct} OTIF. {best} {best_name} ranks first ({best_otif:pct} OTIF).",
        "近{months:count}个月采购行的准时足量交付率为{otif:pct}；{suppliers:count}家供应商中{green:count}家评为良好、"
        "{amber:count}家关注、{red:count}家不合格。{worst} {worst_name}排名最后：平均延迟{worst_late:.1f}天，到货满足率"
        "{worst_fill:pct}，准时足量率{worst_otif:pct}。{best} {best_name}排名第一（准时足量率{best_otif:pct}）。",
    ),
    "supplier.thresholds": _e(
        "How the grade is set (last {months:count} months): green when every measure below is green, red when any "
        "is red, amber otherwise. Days late on average (open lines counted to the last day of data) green ≤ 2, "
        "red > 5; fill rate green ≥ 97%, red < 90%; rejected green ≤ 1%, red > 3%; lead-time CV green ≤ 0.25, "
        "red > 0.5; cost over standard green ≤ 2%, red > 5%. OTIF is shown and breaks ties but is not graded: "
        "it counts a line one day late as a miss, however long the lead time. Red counts 3 penalty points, "
        "amber 1; the ranking orders by points, then OTIF.",
        "评级规则（近{months:count}个月）：以下各项全部良好为良好，任一项不合格为不合格，其余为关注。平均延迟天数（未到货的"
        "采购行计到数据最后一天）≤2天良好、>5天不合格；满足率≥97%良好、<90%不合格；拒收率≤1%良好、>3%不合格；交期变异系数"
        "≤0.25良好、>0.5不合格；采购价高于标准成本≤2%良好、>5%不合格。准时足量率列出并用于同分排序，但不参与评级：晚到一天"
        "即算未达成，与交期长短无关。不合格扣3分、关注扣1分，按扣分和准时足量率排名。",
    ),
    "supplier.scorecard.details": _e(
        "The scorecard's other measures, in the ranking's order:", "评分卡的其他指标（按排名顺序）：",
    ),
    "supplier.lines": _e("Which purchase-order lines of the month came late or short?", "本月哪些采购行延迟或不足到货？"),
    "supplier.lines.takeaway": _e(
        "{lines:count} lines due this month came late or short: {late:count} late ({open:count} still open, up "
        "to {max_days_late:count} days), {short:count} short by {units_short:count} units in all. {top} has the "
        "most ({top_lines:count}).",
        "本月到期的采购行中有{lines:count}行延迟或不足：延迟{late:count}行（其中{open:count}行仍未到货，最长延迟"
        "{max_days_late:count}天），不足{short:count}行、共短缺{units_short:count}件。最多的是{top}（{top_lines:count}行）。",
    ),
    "supplier.lines.takeaway.none": _e(
        "Every purchase-order line due this month arrived on time and in full.",
        "本月到期的采购行全部准时足量到货。",
    ),
    "supplier.inventory": _e("Where did we run out, and how much stock do we hold?", "哪些商品缺货？库存水平如何？"),
    "supplier.inventory.takeaway": _e(
        "{out_skus:count} SKUs were out of stock in every warehouse on {stockout_days:count} SKU-days — "
        "{stockout_rate:pct} of the month's SKU-days (buyers could not get them); {wh_skus:count} SKUs ran out in one warehouse or more on {warehouse_stockout_days:count} "
        "warehouse-days (orders shipped from farther away). Median days of cover: {median_cover:.0f}; "
        "sell-through {sell_through:pct}; {low_cover:count} SKUs have less than a week of stock.",
        "有{out_skus:count}个SKU在所有仓库同时缺货，共{stockout_days:count}个SKU天，占本月SKU天的{stockout_rate:pct}"
        "（买家无法购买）；{wh_skus:count}个SKU"
        "在至少一个仓库缺货，共{warehouse_stockout_days:count}个分仓天（订单改由更远的仓库发货）。库存可售天数中位数"
        "{median_cover:.0f}天，售罄率{sell_through:pct}；{low_cover:count}个SKU库存不足一周。",
    ),
    "supplier.inventory.takeaway.no_sales": _e(
        "{skus:count} SKUs held {units:count} units at the last snapshot; of them, {out_skus:count} were out of stock in "
        "every warehouse on {stockout_days:count} SKU-days ({stockout_rate:pct} of the SKU-days with a snapshot). "
        "How many days the stock will last, and how much of it sold, need the sales, which this store's data do not "
        "hold.",
        "最近一次库存快照中{skus:count}个SKU共有库存{units:count}件；其中{out_skus:count}个SKU在所有仓库同时缺货，共"
        "{stockout_days:count}个SKU天（占有快照的SKU天的{stockout_rate:pct}）。库存可售天数和售罄率需要销售数据，本店数据中没有。",
    ),
    # A stock report of one snapshot day (supplier.inventory_facts): a SKU-day is a SKU, so the days are not
    # counted again.
    "supplier.inventory.takeaway.one_day": _e(
        "{out_skus:count} SKUs were out of stock in every warehouse on the month's one snapshot day — "
        "{stockout_rate:pct} of the SKUs (buyers could not get them); {wh_skus:count} SKUs had run out in one "
        "warehouse or more (orders shipped from farther away). Median days of cover: {median_cover:.0f}; "
        "sell-through {sell_through:pct}; {low_cover:count} SKUs have less than a week of stock.",
        "本月唯一的库存快照日，有{out_skus:count}个SKU在所有仓库同时缺货，占SKU的{stockout_rate:pct}（买家无法购买）；"
        "{wh_skus:count}个SKU在至少一个仓库缺货（订单改由更远的仓库发货）。库存可售天数中位数{median_cover:.0f}天，"
        "售罄率{sell_through:pct}；{low_cover:count}个SKU库存不足一周。",
    ),
    "supplier.inventory.takeaway.no_sales.one_day": _e(
        "{skus:count} SKUs held {units:count} units at the month's one snapshot; of them, {out_skus:count} were out of "
        "stock in every warehouse ({stockout_rate:pct} of the SKUs). How many days the stock will last, and how much "
        "of it sold, need the sales, which this store's data do not hold.",
        "本月唯一的库存快照中{skus:count}个SKU共有库存{units:count}件；其中{out_skus:count}个SKU在所有仓库同时缺货"
        "（占SKU的{stockout_rate:pct}）。库存可售天数和售罄率需要销售数据，本店数据中没有。",
    ),
    # The table of SKUs that ran out (supplier.stock_problem_facts): all of them, or the first of many.
    "supplier.inventory.table": _e(
        "The {shown:count} SKUs that ran out of stock, the longest out first",
        "缺货的{shown:count}个SKU（缺货最久的在前）",
    ),
    "supplier.inventory.table.first": _e(
        "The first {shown:count} of the {ran_out:count} SKUs that ran out of stock, the longest out first",
        "缺货的{ran_out:count}个SKU中缺货最久的前{shown:count}个",
    ),
    "supplier.stockouts": _e(
        "Which stockouts this month do late or short deliveries explain, and what did they cost?",
        "本月哪些缺货由延迟或不足到货造成？损失多少？",
    ),
    "supplier.stockouts.title": _e(
        "Warehouse-days out of stock this month (SKU × warehouse × day), by supplier and cause",
        "本月各供应商分仓缺货（SKU×仓库×天）及原因",
    ),
    "supplier.stockouts.takeaway": _e(
        "This month {warehouse_attributed:count} of {warehouse_days:count} warehouse-days out of stock (SKU × "
        "warehouse × day) followed a late or short delivery, {top_share:pct} of them {top}'s ({top_name}). SKUs "
        "were out everywhere on {stockout_days:count} SKU-days, {attributed_days:count} of them from late or short deliveries, losing an "
        "estimated {attributed_lost:money} of sales (all causes: {lost:money}).",
        "本月{warehouse_days:count}个分仓缺货（SKU×仓库×天）中有{warehouse_attributed:count}个发生在延迟或不足到货之后，其中"
        "{top_share:pct}归因于{top}（{top_name}）。全仓缺货共{stockout_days:count}个SKU天，其中{attributed_days:count}天"
        "由延迟或不足到货造成，估计损失销售额{attributed_lost:money}（所有原因合计{lost:money}）。",
    ),
    # "none": no SKU ran out (those without a supplier count too, under an unknown supplier).
    "supplier.stockouts.takeaway.none": _e(
        "No SKU ran out of stock in any warehouse this month.",
        "本月没有任何SKU在任何仓库缺货。",
    ),
    "supplier.stockouts_trailing.takeaway.none": _e(
        "Over the last {months} months no SKU ran out of stock in any warehouse.",
        "近{months}个月没有任何SKU在任何仓库缺货。",
    ),
    # "no_supplier": every SKU that ran out lacks a supplier in the catalogue, and no late or
    # short delivery explains a stockout: nobody to name.
    "supplier.stockouts.takeaway.no_supplier": _e(
        "This month SKUs were out of stock everywhere on {stockout_days:count} SKU-days, losing an estimated "
        "{lost:money} of sales, and a warehouse was out of a SKU on {warehouse_days:count} warehouse-days (SKU × "
        "warehouse × day). None followed a late or short delivery, and the catalogue names no supplier for these "
        "SKUs.",
        "本月全仓缺货共{stockout_days:count}个SKU天，估计损失销售额{lost:money}；分仓缺货{warehouse_days:count}个"
        "（SKU×仓库×天）。这些缺货都不是延迟或不足到货造成的，商品目录也未注明这些SKU的供应商。",
    ),
    "supplier.stockouts_trailing.takeaway.no_supplier": _e(
        "Over the last six months SKUs were out of stock everywhere on {stockout_days:count} SKU-days, losing an "
        "estimated {lost:money} of sales. None followed a late or short delivery, and the catalogue names no "
        "supplier for these SKUs.",
        "近六个月全仓缺货共{stockout_days:count}个SKU天，估计损失销售额{lost:money}。这些缺货都不是延迟或不足到货"
        "造成的，商品目录也未注明这些SKU的供应商。",
    ),
    "supplier.stockouts_trailing": _e(
        "Over the last six months: whose deliveries caused the stockouts?",
        "近六个月：缺货由哪些供应商的交货造成？",
    ),
    "supplier.stockouts_trailing.title": _e(
        "Lost sales from late or short deliveries over {months:count} months, by supplier",
        "近{months:count}个月各供应商延迟/不足到货造成的缺货损失",
    ),
    "supplier.stockouts_trailing.takeaway": _e(
        "Over the last six months {top} ({top_name}) caused {top_days:count} SKU-days out of stock everywhere and "
        "{top_warehouse_days:count} warehouse-days out of stock through late or short deliveries — {top_share:pct} of "
        "all such warehouse days — and an estimated {top_lost:money} of lost sales (lost sales from late or short "
        "deliveries in all: {attributed_lost:money}). Lost sales = in-stock daily sales × stockout days × price.",
        "近六个月{top}（{top_name}）因延迟或不足到货造成全仓缺货{top_days:count}个SKU天、分仓缺货{top_warehouse_days:count}个仓·天"
        "（占此类分仓缺货的{top_share:pct}），估计缺货损失{top_lost:money}（所有供应商延迟/不足到货造成的损失合计"
        "{attributed_lost:money}）。缺货损失 = 有货时的日均销量 × 缺货天数 × 售价。",
    ),
}
