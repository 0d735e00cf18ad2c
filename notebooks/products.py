# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["analyst"]
# # Products and assortment — analyst notes
#
# What this notebook answers for the month: which SKUs make the revenue and the gross margin (ABC / Pareto) and
# how long the tail is; what is slow-moving or overstocked (days of cover, sell-through); how products launched
# in the last six months did in their first 30, 60 and 90 days against their category; what share of list price
# we realised, category by category; and which SKUs come back far more often than their category.
#
# How to use it: set the parameters below (or leave them: the last complete month, every platform) and run all.
# Every number comes from `storebook.products`, which takes its measures from the modules that define them once:
# revenue and gross margin per SKU from `storebook.profit` (the P&L's cost of goods), days of cover and
# sell-through from `storebook.supplier`, daily sales from `storebook.promotion`, return rates from
# `storebook.service`. Headings and sentences come from the text catalogue (English and 中文). Cells tagged
# `analyst` are left out of the HTML report.
#
# The ABC classes are taken over the three months to the report month (`storebook.products.ABC_MONTHS`): a month
# alone is short for an assortment decision. Stock is shared by every platform, so cover and sell-through use
# the sales of the chosen platforms against all the stock.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("products", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.section("products.headline"):
    headline = storebook.products.products_headline(page.wb, page.period, page.platforms)
    for part in storebook.tables.card_rows(headline, 3):
        page.show(storebook.tables.metric_cards(part, page.text))
    page.takeaway("products.headline.takeaway", **storebook.products.headline_facts(headline))
    storebook.results.record("products.headline", storebook.products.headline_record(headline, page.text))

# %% [markdown] tags=["analyst"]
# SKUs ranked by revenue after returns (largest first): class A is the smallest set that makes 80 % of revenue,
# B the next ones up to 95 %, C the rest — the long tail, with the active SKUs that sold nothing at its end. The
# curve's flat end is the tail. Gross margin is drawn too (next section). Revenue comes from the order lines
# alone: an orders export without a catalogue still ranks its SKUs (named by the lines' item names, in the
# unknown category), and where the unit cost is unknown the margin is n/a, never 0.

# %%
with page.section("products.abc"):
    abc = storebook.products.classify_skus(page.wb, page.period, page.platforms)
    abc_facts = storebook.products.abc_facts(abc, text=page.text)
    page.show(storebook.plots.pareto_curve(abc, page.text, title=page.t("products.abc.title", **abc_facts)))
    page.show(storebook.tables.format_table(storebook.products.summarise_abc(abc, "revenue"), page.text,
                                            columns=["abc", "skus", "sku_share", "amount", "amount_share", "zero_skus"]))
    page.show(storebook.tables.format_table(abc.head(10), page.text,
                                            columns=["product_name", "category", "units", "revenue", "gross_margin",
                                                     "abc_revenue", "abc_margin"]))
    page.takeaway("products.abc.takeaway", **abc_facts)
    storebook.results.record("products.abc", storebook.products.summarise_abc(abc, "revenue"))

# %% [markdown] tags=["analyst"]
# The same SKUs ranked by gross margin after returns (revenue − units kept × standard cost). The cross table
# counts SKUs by their revenue class (rows) and margin class (columns): an A by revenue that is B or C by margin
# sells a lot at a thin margin.

# %%
with page.section("products.margin"):
    abc = storebook.products.classify_skus(page.wb, page.period, page.platforms)
    margin_facts = storebook.products.margin_facts(abc)
    page.show(storebook.tables.format_table(storebook.products.summarise_abc(abc, "gross_margin"), page.text,
                                            columns=["abc", "skus", "sku_share", "amount", "amount_share"]))
    page.show(storebook.tables.pivot_table(storebook.products.cross_abc(abc), page.text, index="abc_revenue",
                                           columns="abc_margin", values="skus"))
    page.takeaway("products.margin.takeaway", **margin_facts)
    storebook.results.record("products.loss_skus", margin_facts["loss_skus"])

# %% [markdown] tags=["analyst"]
# Days of cover (库存可售天数) = stock on hand at the month's end / in-stock daily sales over the last three
# months; sell-through (售罄率) = units sold / (units sold + stock on hand). Overstock: more than 90 days of cover,
# or stock that does not sell; slow mover: sell-through below 20 %. The excess is the stock beyond 90 days of
# cover, at cost. The table lists the flagged SKUs with the most excess first.

# %%
with page.section("products.stock"):
    stock = storebook.products.flag_stock_health(page.wb, page.period, page.platforms)
    stock_facts = storebook.products.stock_facts(stock)
    page.show(storebook.tables.format_table(stock.head(15), page.text,
                                            columns=["sku", "product_name", "closing_on_hand", "units_sold", "days_of_cover",
                                                     "sell_through", "stock_value", "excess_value"]))
    page.takeaway("products.stock.takeaway", **stock_facts)
    storebook.results.record("products.overstock_value", stock_facts["overstock_value"])

# %% [markdown] tags=["analyst"]
# Index = a new SKU's line sales in its first N days / the average line sales, in the same days, of an
# established SKU of its category (launched at least 180 days before) that sold then. 1 = it sells like an
# average established product. Windows that have not ended by the month's end are left empty.

# %%
with page.section("products.new"):
    new = storebook.products.track_new_products(page.wb, page.period, page.platforms)
    new_facts = storebook.products.new_product_facts(new)
    page.show(storebook.plots.hbars(new, page.text, category="product_name", values=["index_30", "index_60", "index_90"],
                                    reference=1.0, title=page.t("products.new.title")))
    page.show(storebook.tables.format_table(new, page.text, columns=["sku", "product_name", "launched_on", "days_on_sale",
                                                                     "revenue_30", "index_30", "index_60", "index_90"]))
    page.takeaway("products.new.takeaway", **new_facts)
    storebook.results.record("products.new_products", new[["sku", "launched_on", "index_30", "index_60", "index_90"]])

# %% [markdown] tags=["analyst"]
# Realisation (价格实现率) = line sales / (units × list price). The gap to list splits into the price set below
# list on the platform and the discounts granted on the lines (promotions, coupons).

# %%
with page.section("products.price"):
    price = storebook.products.measure_price_realisation(page.wb, page.period, page.platforms)
    price_facts = storebook.products.price_facts(price)
    page.show(storebook.plots.hbars(price, page.text, category="category", values=["price_cut", "discount_share"], kind="pct",
                                    stacked=True, title=page.t("products.price.title", **price_facts)))
    page.show(storebook.tables.format_table(price, page.text, columns=["category", "units", "avg_list_price", "avg_price",
                                                                       "realisation", "price_cut", "discount_share"]))
    page.takeaway("products.price.takeaway", **price_facts)
    storebook.results.record("products.price_realisation", price_facts["realisation"])

# %% [markdown] tags=["analyst"]
# Return rate (退货率) = units returned in the month / units sold in the month, as the service report defines it.
# A SKU is flagged when it sold at least 20 units, returned at twice its category's rate or more, and the low end
# of its 95 % interval is still above the category's rate.

# %%
with page.section("products.returns"):
    returns = storebook.products.flag_high_returns(page.wb, page.period, page.platforms)
    return_facts = storebook.products.return_facts(returns)
    page.show(storebook.tables.format_table(returns.head(10), page.text,
                                            columns=["sku", "product_name", "units_sold", "units_returned", "return_rate",
                                                     "category_return_rate", "category_multiple", "refund_amount"]))
    page.takeaway("products.returns.takeaway", **return_facts)
    storebook.results.record("products.high_returns", returns[returns["is_high"]][["sku", "return_rate", "category_return_rate"]])

# %%
page.finish()
