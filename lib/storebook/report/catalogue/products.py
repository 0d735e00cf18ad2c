"""The products report's words, in English and 中文 (``products.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "products.title": _e("Products and assortment — {month}", "商品与品类 — {month}"),
    "products.question": _e(
        "Which products earn the money and which sit in the warehouse, how are new products starting, "
        "what prices do we realise and what comes back?",
        "哪些商品在赚钱、哪些在积压？新品起步如何？价格实现了多少？哪些商品退货多？",
    ),
    "products.headline": _e("How did the assortment do this month?", "本月商品结构表现如何？"),
    "products.headline.takeaway": _e(
        "{skus_sold:count} SKUs sold this month. {a_sku_share:pct2} of the assortment makes 80% of revenue, while "
        "the long tail (class C) brings {tail_revenue_share:pct}. Overstock ties up {overstock_value:money} at cost, "
        "and we realised {price_realisation:percent} of list price.",
        "本月有{skus_sold:count}个SKU产生销售。{a_sku_share:pct2}的商品贡献了80%的销售额，长尾（C类）贡献"
        "{tail_revenue_share:pct}。积压库存按成本占用{overstock_value:money}，价格实现率为{price_realisation:percent}。",
    ),
    "products.headline.takeaway.sales_only": _e(
        "{skus_sold:count} SKUs sold this month. {a_sku_share:pct2} of the assortment makes 80% of revenue, while "
        "the long tail (class C) brings {tail_revenue_share:pct}. Stock at cost and the price against list price "
        "are unknown: the data give the SKUs sold no unit cost, stock or list price.",
        "本月有{skus_sold:count}个SKU产生销售。{a_sku_share:pct2}的商品贡献了80%的销售额，长尾（C类）贡献"
        "{tail_revenue_share:pct}。数据中售出SKU没有单位成本、库存或标价，积压库存金额和价格实现率未知。",
    ),
    # One of stock at cost and the price realised unknown (products.headline_facts): no "ties up n/a at cost".
    "products.headline.takeaway.no_stock": _e(
        "{skus_sold:count} SKUs sold this month. {a_sku_share:pct2} of the assortment makes 80% of revenue, while "
        "the long tail (class C) brings {tail_revenue_share:pct}. We realised {price_realisation:percent} of list price; "
        "stock at cost is unknown: the data give the SKUs sold no stock or no unit cost.",
        "本月有{skus_sold:count}个SKU产生销售。{a_sku_share:pct2}的商品贡献了80%的销售额，长尾（C类）贡献"
        "{tail_revenue_share:pct}。价格实现率为{price_realisation:percent}；数据中售出SKU没有库存或单位成本，积压库存金额未知。",
    ),
    "products.headline.takeaway.no_realisation": _e(
        "{skus_sold:count} SKUs sold this month. {a_sku_share:pct2} of the assortment makes 80% of revenue, while "
        "the long tail (class C) brings {tail_revenue_share:pct}. Overstock ties up {overstock_value:money} at cost; "
        "the price against list price is unknown: the data give the SKUs sold no list price.",
        "本月有{skus_sold:count}个SKU产生销售。{a_sku_share:pct2}的商品贡献了80%的销售额，长尾（C类）贡献"
        "{tail_revenue_share:pct}。积压库存按成本占用{overstock_value:money}；数据中售出SKU没有标价，价格实现率未知。",
    ),
    "products.headline.takeaway.revenue_unknown": _e(
        "{skus_sold:count} SKUs sold this month. Their line amounts are unknown, so revenue cannot rank them: "
        "the ABC classes, stock at cost and the price realised are not shown.",
        "本月有{skus_sold:count}个SKU产生销售。订单明细没有金额，无法按销售额排名：ABC分类、积压库存金额和价格实现率均不显示。",
    ),
    "products.abc": _e("Which products make the money (ABC by revenue)?", "哪些商品贡献了销售额（按销售额ABC分类）？"),
    "products.abc.title": _e(
        "{a_sku_share:pct} of SKUs make {a_share:pct} of revenue; the last {c_sku_share:pct} make {c_share:pct}",
        "{a_sku_share:pct}的SKU贡献{a_share:pct}的销售额；最后{c_sku_share:pct}只贡献{c_share:pct}",
    ),
    # The span the ABC classes cover ({window} of the takeaways below): three months, or the days
    # since the orders began where they begin inside them.
    "products.abc.window": _e("Over the {months:count} months to this one", "近{months:count}个月"),
    "products.abc.window.since": _e("Since the orders begin on {since:date}", "自订单数据起始日{since:date}以来"),
    "products.abc.takeaway": _e(
        "{window}, {a_skus:count} of {skus:count} SKUs (class A) made "
        "{a_share:pct} of revenue after returns. The long tail — {c_skus:count} SKUs in class C — made "
        "{c_share:pct}, and {zero_skus:count} active SKUs sold nothing at all: candidates to delist or bundle.",
        "{window}，{skus:count}个SKU中有{a_skus:count}个（A类）贡献了{a_share:pct}的退货后销售额。"
        "长尾C类共{c_skus:count}个SKU，仅贡献{c_share:pct}，另有{zero_skus:count}个在售SKU完全没有销售，可考虑下架或组合销售。",
    ),
    # Some SKUs that sold nothing have no active flag: unknown, not counted as active.
    "products.abc.takeaway.status_unknown": _e(
        "{window}, {a_skus:count} of {skus:count} SKUs (class A) made "
        "{a_share:pct} of revenue after returns. The long tail — {c_skus:count} SKUs in class C — made "
        "{c_share:pct}. {zero_skus:count} SKUs sold nothing at all: {zero_active:count} active and "
        "{zero_unknown:count} whose catalogue row does not say whether they are on sale. Those on sale are "
        "candidates to delist or bundle.",
        "{window}，{skus:count}个SKU中有{a_skus:count}个（A类）贡献了{a_share:pct}的退货后销售额。"
        "长尾C类共{c_skus:count}个SKU，仅贡献{c_share:pct}。另有{zero_skus:count}个SKU完全没有销售：其中"
        "{zero_active:count}个在售，{zero_unknown:count}个在商品目录中未注明是否在售。在售的可考虑下架或组合销售。",
    ),
    # None of the SKUs that sold nothing has an active flag (Olist's catalogue).
    "products.abc.takeaway.no_status": _e(
        "{window}, {a_skus:count} of {skus:count} SKUs (class A) made "
        "{a_share:pct} of revenue after returns. The long tail — {c_skus:count} SKUs in class C — made "
        "{c_share:pct}. {zero_skus:count} SKUs sold nothing at all; the catalogue does not say whether they are on "
        "sale.",
        "{window}，{skus:count}个SKU中有{a_skus:count}个（A类）贡献了{a_share:pct}的退货后销售额。"
        "长尾C类共{c_skus:count}个SKU，仅贡献{c_share:pct}。另有{zero_skus:count}个SKU完全没有销售，商品目录未注明它们是否在售。",
    ),
    "products.abc.takeaway.no_catalogue": _e(
        "{window}, {a_skus:count} of the {skus:count} SKUs sold (class A) made "
        "{a_share:pct} of revenue after returns; the long tail — {c_skus:count} SKUs in class C — made {c_share:pct}. "
        "Without a product catalogue, the SKUs that sold nothing are not known.",
        "{window}售出的{skus:count}个SKU中，有{a_skus:count}个（A类）贡献了{a_share:pct}的退货后销售额；"
        "长尾C类共{c_skus:count}个SKU，仅贡献{c_share:pct}。没有商品目录，无法得知哪些SKU完全没有销售。",
    ),
    "products.abc.takeaway.unmatched": _e(
        "{window}, {a_skus:count} of the {skus:count} SKUs sold (class A) made "
        "{a_share:pct} of revenue after returns; the long tail — {c_skus:count} SKUs in class C — made {c_share:pct}. "
        "The product catalogue lists none of the SKUs sold (the orders and the catalogue share no SKU, nor an item "
        "name where a line has no SKU), so it is left out: which of its products sold nothing is not known.",
        "{window}售出的{skus:count}个SKU中，有{a_skus:count}个（A类）贡献了{a_share:pct}的退货后销售额；"
        "长尾C类共{c_skus:count}个SKU，仅贡献{c_share:pct}。商品表中没有任何一个售出的SKU（订单与商品表的SKU不一致，"
        "无SKU的订单行按商品名称也对不上），因此未使用商品表：无法得知其中哪些商品完全没有销售。",
    ),
    "products.margin": _e("Do the same products earn the margin (ABC by gross margin)?", "毛利是否来自同一批商品（按毛利ABC分类）？"),
    "products.margin.takeaway": _e(
        "{a_margin_skus:count} SKUs make 80% of gross margin. {big_thin:count} SKUs are class A by revenue but not by "
        "margin ({big_thin_revenue:money} of revenue at a thin margin); {loss_skus:count} SKUs lost money after "
        "returns ({loss_amount:money}).",
        "{a_margin_skus:count}个SKU贡献了80%的毛利。有{big_thin:count}个SKU按销售额属A类、按毛利却不是"
        "（销售额{big_thin_revenue:money}，毛利偏薄）；{loss_skus:count}个SKU扣除退货后亏损（{loss_amount:money}）。",
    ),
    "products.margin.takeaway.no_loss": _e(
        "{a_margin_skus:count} SKUs make 80% of gross margin. {big_thin:count} SKUs are class A by revenue but not by "
        "margin ({big_thin_revenue:money} of revenue at a thin margin); no SKU lost money after returns.",
        "{a_margin_skus:count}个SKU贡献了80%的毛利。有{big_thin:count}个SKU按销售额属A类、按毛利却不是"
        "（销售额{big_thin_revenue:money}，毛利偏薄）；没有SKU在扣除退货后亏损。",
    ),
    "products.stock": _e("What is slow-moving or overstocked?", "哪些商品滞销或积压？"),
    "products.stock.takeaway": _e(
        "{overstock:count} SKUs hold more than 90 days of cover (or stock that does not sell): {overstock_value:money} "
        "at cost, of which {excess_value:money} is beyond 90 days. {slow:count} SKUs sold less than a fifth of what "
        "they had. The largest excess: {top_name} ({top_excess:money}).",
        "{overstock:count}个SKU库存可售天数超过90天（或有库存无销售），按成本合计{overstock_value:money}，其中超出90天的部分"
        "{excess_value:money}。{slow:count}个SKU的售罄率低于20%。超额最多的是{top_name}（{top_excess:money}）。",
    ),
    "products.stock.takeaway.none": _e(
        "No SKU holds more than 90 days of cover; {slow:count} SKUs sold less than a fifth of what they had.",
        "没有SKU的库存可售天数超过90天；{slow:count}个SKU的售罄率低于20%。",
    ),
    "products.new": _e("How are new products doing in their first 30, 60 and 90 days?", "新品上市30/60/90天表现如何？"),
    "products.new.title": _e(
        "New products' sales against an established product of their category (1 = the same)",
        "新品销售额相对同类目成熟商品的指数（1 = 持平）",
    ),
    "products.new.takeaway": _e(
        "{judged:count} of {new:count} products launched in the last six months have completed their first "
        "{window:count} days; {above:count} of them sold at least as much as an established product of their "
        "category. Best start: {best_name} (index {best_index:ratio}); weakest: {worst_name} ({worst_index:ratio}).",
        "近半年上市的{new:count}个新品中，{judged:count}个已满{window:count}天，其中{above:count}个的销售额不低于同类目成熟商品。"
        "起步最好的是{best_name}（指数{best_index:ratio}），最弱的是{worst_name}（{worst_index:ratio}）。",
    ),
    "products.new.takeaway.none": _e(
        "{new:count} products launched in the last six months; none has completed its first {window:count} days yet.",
        "近半年上市{new:count}个新品，尚无新品满{window:count}天。",
    ),
    "products.price": _e("What share of list price did we realise, category by category?", "各类目实现了吊牌价的多少？"),
    # A discount's depth is a share of the list price given away (:func:`storebook.report.number_style.format_share`):
    # one short of all is not written as all (99.99%, not 100.0%: the units were not given away), as in the table
    # (price_cut, discount_share) and on the chart; realisation and list_uplift are no share of a whole (percent).
    "products.price.title": _e(
        "We realised {realisation:percent} of list price; {deepest} was discounted deepest ({deepest_depth:pct})",
        "整体价格实现率{realisation:percent}；{deepest}折扣最深（{deepest_depth:pct}）",
    ),
    "products.price.takeaway": _e(
        "Sold at list price, the month's units would have brought {list_uplift:percent} more: discounts took "
        "{discount_amount:money}. {deepest} gave away the most ({deepest_depth:pct} of list).",
        "若按吊牌价销售，本月销量可多带来{list_uplift:percent}的收入：各类优惠共{discount_amount:money}。"
        "折扣最深的类目是{deepest}（吊牌价的{deepest_depth:pct}）。",
    ),
    "products.price.no_list_price": _e(
        "None of the {skus:count} SKUs sold in {month} has a list price in the product catalogue ({missing:count} of "
        "them are not in it): realisation compares the price paid with the list price. To add it: a product "
        "catalogue that lists the SKUs sold with their list price (`list_price`), then "
        "`storebook ingest` again.",
        "{month}售出的{skus:count}个SKU在商品表中都没有吊牌价（其中{missing:count}个不在商品表中）：价格实现率要把成交价"
        "与吊牌价对比。补充方法：导入列有所售SKU及其吊牌价的商品表（`list_price`），然后重新运行 "
        "`storebook ingest`。",
    ),
    "products.price.no_list_price.none_listed": _e(
        "None of the {skus:count} SKUs sold in {month} is in the product catalogue, so none has a list price: "
        "realisation compares the price paid with the list price. To add it: a product catalogue that lists the "
        "SKUs sold with their list price (`list_price`), then `storebook ingest` again.",
        "{month}售出的{skus:count}个SKU都不在商品表中，因此都没有吊牌价：价格实现率要把成交价与吊牌价对比。补充方法："
        "导入列有所售SKU及其吊牌价的商品表（`list_price`），然后重新运行 `storebook ingest`。",
    ),
    # A store with Shopify data (storebook.engine.identity.holds_shopify_data): its columns' names.
    "products.price.no_list_price.shopify": _e(
        "None of the {skus:count} SKUs sold in {month} has a list price in the product catalogue ({missing:count} of "
        "them are not in it): realisation compares the price paid with the list price. To add it: a product "
        "catalogue that lists the SKUs sold with their list price (Shopify: Price, Compare-at price), then "
        "`storebook ingest` again.",
        "{month}售出的{skus:count}个SKU在商品表中都没有吊牌价（其中{missing:count}个不在商品表中）：价格实现率要把成交价"
        "与吊牌价对比。补充方法：导入列有所售SKU及其吊牌价的商品表（Shopify：Price、Compare-at price），然后重新运行 "
        "`storebook ingest`。",
    ),
    "products.price.no_list_price.none_listed.shopify": _e(
        "None of the {skus:count} SKUs sold in {month} is in the product catalogue, so none has a list price: "
        "realisation compares the price paid with the list price. To add it: a product catalogue that lists the "
        "SKUs sold with their list price (Shopify: Price, Compare-at price), then `storebook ingest` again.",
        "{month}售出的{skus:count}个SKU都不在商品表中，因此都没有吊牌价：价格实现率要把成交价与吊牌价对比。补充方法："
        "导入列有所售SKU及其吊牌价的商品表（Shopify：Price、Compare-at price），然后重新运行 `storebook ingest`。",
    ),
    "products.returns": _e("Which products come back far more often than their category?", "哪些商品的退货率远高于同类目？"),
    "products.returns.takeaway": _e(
        "{return_rate:pct} of the units sold this month came back. {high:count} SKUs returned at least twice their "
        "category's rate with enough sales to be sure; the worst is {top_name} ({top_rate:pct} against "
        "{top_category_rate:pct}).",
        "本月售出商品的退货率为{return_rate:pct}。有{high:count}个SKU的退货率至少是所在类目的两倍且销量足以判断；"
        "最高的是{top_name}（{top_rate:pct}，类目为{top_category_rate:pct}）。",
    ),
    "products.returns.takeaway.none": _e(
        "{return_rate:pct} of the units sold this month came back; no SKU returned at twice its category's rate "
        "with enough sales to be sure.",
        "本月售出商品的退货率为{return_rate:pct}；没有SKU的退货率在销量足以判断的情况下达到类目的两倍。",
    ),
    "metric.revenue": _e("Revenue after returns", "退货后销售额"),
    "metric.index_30": _e("First 30 days", "上市30天"),
    "metric.index_60": _e("First 60 days", "上市60天"),
    "metric.index_90": _e("First 90 days", "上市90天"),
    "metric.price_cut": _e("Price set below list", "低于吊牌价定价"),
    "metric.discount_share": _e("Discounts", "优惠"),
    "col.sku": _e("SKU", "商品编码"),
    "col.product_name": _e("Product", "商品名称"),
    "col.category": _e("Category", "类目"),
    "col.skus": _e("SKUs", "SKU数"),
    "col.sku_share": _e("Share of SKUs", "SKU占比"),
    "col.amount": _e("Amount", "金额"),
    "col.amount_share": _e("Share of amount", "金额占比"),
    "col.zero_skus": _e("Sold nothing", "零销售"),
    "col.abc": _e("Class", "分类"),
    "col.abc_revenue": _e("Class by revenue", "销售额分类"),
    "col.abc_margin": _e("Class by margin", "毛利分类"),
    "col.units": _e("Units", "销量"),
    "col.units_sold": _e("Units sold", "销量"),
    "col.units_returned": _e("Units returned", "退货件数"),
    "col.return_rate": _e("Return rate", "退货率"),
    "col.category_return_rate": _e("Category return rate", "类目退货率"),
    "col.category_multiple": _e("× category", "为类目的倍数"),
    "col.closing_on_hand": _e("On hand", "库存"),
    "col.daily_rate": _e("Units a day", "日均销量"),
    "col.days_of_cover": _e("Days of cover", "库存可售天数"),
    "col.sell_through": _e("Sell-through", "售罄率"),
    "col.stock_value": _e("Stock at cost", "库存成本"),
    "col.excess_value": _e("Beyond 90 days", "超额库存成本"),
    "col.launched_on": _e("Launched", "上市日期"),
    "col.days_on_sale": _e("Days on sale", "在售天数"),
    "col.revenue_30": _e("Sales, 30 days", "30天销售额"),
    "col.index_30": _e("Index 30 d", "30天指数"),
    "col.index_60": _e("Index 60 d", "60天指数"),
    "col.index_90": _e("Index 90 d", "90天指数"),
    "col.avg_list_price": _e("Average list price", "平均吊牌价"),
    "col.avg_price": _e("Average price realised", "平均成交价"),
    "col.realisation": _e("Realisation", "价格实现率"),
    "col.discount_depth": _e("Discount depth", "折扣深度"),
    "col.price_cut": _e("Priced below list", "低于吊牌价定价"),
    "col.discount_share": _e("Discounts", "优惠"),
    "col.sales_amount": _e("Sales", "销售额"),
    "col.list_amount": _e("At list price", "吊牌价金额"),
    "col.discount_amount": _e("Discounts", "优惠金额"),
    "col.gross_margin_rate": _e("Gross margin rate", "毛利率"),
    "col.revenue": _e("Revenue after returns", "退货后销售额"),
    "category.total": _e("All categories", "全部类目"),
    "category.unknown": _e("Category unknown", "未知类目"),
    "axis.sku_share": _e("Share of SKUs, largest first", "SKU占比（从大到小）"),
    "axis.cumulative_share": _e("Cumulative share", "累计占比"),
    "axis.index": _e("Index (1 = category)", "指数（1 = 类目平均）"),
}
