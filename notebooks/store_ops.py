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
# # Store operations — analyst notes
#
# The store rating (店铺评分) per platform and dimension — Tmall/Taobao DSR 描述相符/服务态度/物流服务, JD 店铺评分,
# Douyin 体验分 — shown on a scale of 5, its trend, the runs of days when a dimension's ratings fell below their usual
# level and what they followed (slow carriers, delivery times, quality complaints); then the listings (商品效果):
# visitors, add-to-cart, conversion and UV value against their category's, the listings to fix first, and what each
# listing change did. Every number comes from `storebook.store_ops`.
#
# A platform publishes a window average (Tmall: 180 days), which moves slowly: the day's ratings show *when* it moved.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("store_ops", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.section("store_ops.headline"):
    headline = storebook.store_ops.store_ops_headline(page.wb, page.period, page.platforms)
    page.show(storebook.tables.metric_cards(storebook.store_ops_facts.cards(headline), page.text))
    page.takeaway("store_ops.headline.takeaway", **storebook.store_ops_facts.headline_facts(
        headline, page.period.label, listing_days=page.days_covered("product_traffic")))
    storebook.results.record("store_ops.headline", storebook.store_ops_facts.headline_record(headline, page.text))

# %%
with page.section("store_ops.ratings"):
    ratings = storebook.store_ops.summarise_ratings(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(ratings, page.text, columns=[
        "platform", "dimension", "score", "score_max", "score_change", "industry_score", "industry_gap", "day_score",
        "ratings"]))
    page.takeaway("store_ops.ratings.takeaway", **storebook.store_ops_facts.ratings_facts(ratings))
    storebook.results.record("store_ops.store_rating", storebook.store_ops.rate_stores(page.wb, page.period, page.platforms))
    storebook.results.record("store_ops.ratings", ratings)

# %% [markdown] tags=["analyst"]
# The score at each month's end, converted to a scale of 5 (JD publishes out of 10); the chart shows the logistics
# dimension, which the delivery of each parcel moves.

# %%
with page.section("store_ops.trend"):
    trend = storebook.store_ops.trend_ratings(page.wb, page.period, page.platforms)
    page.show(storebook.plots.month_lines(storebook.store_ops_facts.one_dimension(trend, "logistics"), page.text,
                                          value="score_5", by="platform",
                                          title=page.t("store_ops.trend.title", dimension="logistics")))
    page.takeaway("store_ops.trend.takeaway", **storebook.store_ops_facts.trend_facts(trend))

# %% [markdown] tags=["analyst"]
# A dip: the run of days (over the last two months) whose ratings of one dimension fall furthest below the
# dimension's 8-week baseline — at least 0.2 below it on a scale of 5, with 10 ratings or more and z ≤ −5. A logistics dip
# is then set against the fulfilment report's slow carriers of the two weeks before it (a parcel is rated after it
# arrives) and the platform's delivery days.

# %%
with page.section("store_ops.dips"):
    dips = storebook.store_ops.find_rating_dips(page.wb, page.period, page.platforms)
    explained = storebook.store_ops.explain_rating_dips(page.wb, page.period, dips, page.platforms)
    shown_platform, shown_dimension = storebook.store_ops_facts.dip_platform(
        dips, storebook.store_ops.summarise_ratings(page.wb, page.period, page.platforms))
    days = storebook.store_ops.daily_ratings(page.wb, page.period, shown_platform, shown_dimension)
    page.show(storebook.plots.daily_line(days, page.text, value="day_score", reference=float(days["baseline"].iloc[0]),
                                         china=page.china, country=page.country,
                                         title=page.t("store_ops.dips.title", platform=shown_platform,
                                                      dimension=shown_dimension)))
    page.show(storebook.tables.format_table(explained, page.text, columns=[
        "platform", "first_day", "last_day", "driver", "carrier", "provinces", "delivery_days_before",
        "delivery_days"]))
    page.takeaway("store_ops.dips.takeaway", **storebook.store_ops_facts.dip_facts(dips, explained))
    storebook.results.record("store_ops.rating_dip", storebook.store_ops_facts.dip_record(dips, explained))

# %%
with page.section("store_ops.operations"):
    operations = storebook.store_ops.compare_operations(page.wb, page.period, page.platforms)
    if len(operations):
        page.show(storebook.tables.format_table(operations, page.text, columns=[
            "platform", "driver", "dimension", "value", "prior", "change"], kinds={"value": "by_row", "prior": "by_row",
                                                                                  "change": "by_row_change"},
            by_row="driver"))
    page.takeaway("store_ops.operations.takeaway", **storebook.store_ops_facts.operations_facts(operations))
    storebook.results.record("store_ops.operations", operations)

# %%
with page.section("store_ops.quality"):
    quality = storebook.store_ops.compare_quality(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(
        storebook.store_ops_facts.with_quality_labels(quality, page.text), page.text, columns=[
            "by", "category", "supplier_id", "metric", "value", "prior", "change"], kinds={
            "value": "by_row", "prior": "by_row", "change": "by_row_change", "by": "text"},
        by_row="metric"))
    page.takeaway("store_ops.quality.takeaway", **storebook.store_ops_facts.quality_facts(quality))

# %% [markdown] tags=["analyst"]
# Conversion (商品支付转化率) = buyers ÷ visitors of the listing, with its 95% Wilson interval; UV value = paid
# amount ÷ visitors; the category's = the same over the category's *other* listings on the platform. Buyers lost =
# visitors × the category's conversion − buyers.

# %%
with page.section("store_ops.listings"):
    listings = storebook.store_ops.summarise_listings(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(storebook.store_ops_facts.top_listings(listings), page.text, columns=[
        "platform", "product_name", "visitors", "buyers", "conversion_rate", "category_conversion", "uv_value",
        "category_uv_value"]))
    page.takeaway("store_ops.listings.takeaway", **storebook.store_ops_facts.listing_facts(listings))

# %% [markdown] tags=["analyst"]
# The listings' own ad spend (生意参谋 总推广花费), most first, against what each listing sold.
# Sales per unit of ad spend divides all the listing's sales by its spend: the item report does not
# split the sales its ads brought, so read it as where the money goes, not as a return on the ads.

# %%
with page.section("store_ops.ads"):
    ads = storebook.store_ops.listing_ad_spend(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(storebook.store_ops_facts.top_ads(ads), page.text, columns=[
        "platform", "product_name", "ad_spend_amount", "share_of_ad_spend", "visitors", "buyers", "paid_amount",
        "sales_per_ad"]))
    ad_facts = storebook.store_ops_facts.ad_facts(ads)
    page.takeaway("store_ops.ads.takeaway", **ad_facts)
    storebook.results.record("store_ops.ads", ad_facts)

# %%
with page.section("store_ops.to_fix"):
    to_fix = storebook.store_ops.find_listings_to_fix(
        storebook.store_ops.summarise_listings(page.wb, page.period, page.platforms))
    page.show(storebook.plots.hbars(to_fix, page.text, category="product_name", values=["lost_buyers"], kind="number",
                                    title=page.t("store_ops.to_fix.title")))
    page.show(storebook.tables.format_table(to_fix, page.text, columns=[
        "platform", "product_name", "visitors", "conversion_rate", "conversion_rate_high", "category_conversion",
        "lost_buyers", "lost_amount"]))
    page.takeaway("store_ops.to_fix.takeaway", **storebook.store_ops_facts.to_fix_facts(to_fix))
    storebook.results.record("store_ops.to_fix", storebook.store_ops_facts.to_fix_record(to_fix))

# %% [markdown] tags=["analyst"]
# A change's lift = (the listing's conversion in the 8 weeks after ÷ the 8 weeks before) ÷ (the same ratio of the
# other listings of its category on the platform) − 1, with a 95% interval on the log scale. Changes of the last six
# months; a change needs two weeks of traffic after it.

# %%
with page.section("store_ops.changes"):
    changes = storebook.store_ops_facts.with_change_labels(
        storebook.store_ops.measure_listing_changes(page.wb, page.period, page.platforms), page.text)
    page.show(storebook.plots.interval_dots(changes, page.text, category="product_name", value="lift",
                                            colour_by="platform", title=page.t("store_ops.changes.title")))
    page.show(storebook.tables.format_table(changes, page.text, columns=[
        "platform", "product_name", "changed_on", "change_label", "lift", "verdict"],
        kinds={"change_label": "text"}, metric="listing_conversion_rate"))
    page.show(storebook.tables.format_table(changes, page.text, columns=[
        "platform", "product_name", "conversion_before", "conversion_after", "category_lift", "lift_low",
        "lift_high"], metric="listing_conversion_rate"))
    page.takeaway("store_ops.changes.takeaway", **storebook.store_ops_facts.change_facts(changes))
    storebook.results.record("store_ops.changes", storebook.store_ops_facts.change_record(changes))

# %%
page.finish()
