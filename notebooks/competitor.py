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
# # Competitors — analyst notes
#
# What this notebook answers for the month: our price index against each competitor and category and its
# trend over the year, the SKUs off parity by 10% or more, who is cheapest in each category, when the
# competitors were on promotion, which lasting price changes they made in the last three months (date,
# competitor, category, size) and how our sales responded, their ratings and review counts, and our estimated
# share of units where the monitoring data has an estimate.
#
# How to use it: set the parameters below and run all. Every number comes from `storebook.competitor`; every
# heading and sentence from the text catalogue. Cells tagged `analyst` are left out of the HTML report.
#
# **The index has one direction: our price ÷ the competitor's price**, per matched SKU (our realised price:
# revenue after discounts ÷ units on the chosen platforms, the list price when it did not sell; theirs: the
# mean observed price of the month), aggregated with our revenue as weights. Above 1 we are dearer.
# A price change is a lasting move of a competitor product's regular (non-promotion) price: the median of the
# 7 observations after a day differs from the 7 before by 5% or more; changes of one competitor × category
# within 3 days are one event.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("competitor", month=month, platforms=platforms, data_path=data_path, language=language)

# %% [markdown] tags=["analyst"]
# The competitors' own price levels, from the price export alone: matched to our SKUs or not (a crawl of search
# results carries no match). The price band is the middle half of the month's observed prices. The chart follows
# the median price of the competitors with the most products day by day (`storebook.competitor.trace_price_levels`);
# a month holding one day of prices (a single crawl) has no chart, and the page says so.

# %%
with page.section("competitor.levels"):
    levels = storebook.competitor.summarise_price_levels(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(levels.head(15), page.text, columns=storebook.tables.known_columns(levels, [
        "competitor", "platform", "observed_products", "median_price", "p25_price", "p75_price",
        "competitor_median_price_vs_prior", "promo_share"])))
    page.takeaway("competitor.levels.takeaway", **storebook.competitor_facts.levels_facts(levels, page.text))
    daily_levels = storebook.competitor.trace_price_levels(page.wb, page.period, page.platforms, levels=levels)
    daily_facts = storebook.competitor_facts.daily_levels_facts(daily_levels)
    if len(daily_levels):  # two days or more: a line can be drawn
        page.show(storebook.plots.day_lines(daily_levels, page.text, value="median_price", by="series", china=page.china,
                                            country=page.country, title=page.t("competitor.levels.daily.title",
                                                                               **daily_facts)))
    page.takeaway("competitor.levels.daily.takeaway", **daily_facts)

# %%
with page.section("competitor.index"):
    categories = storebook.competitor.compute_price_index(page.wb, page.period, page.platforms, by="category")
    index_facts = storebook.competitor_facts.index_facts(categories)
    page.takeaway("competitor.direction")
    page.show(storebook.plots.heatmap(categories, page.text, index="competitor", columns="category", values="gap",
                                      kind="pct", title=page.t("competitor.index.title", **index_facts)))
    page.takeaway("competitor.index.takeaway", **index_facts)
    storebook.results.record("competitor.headline", storebook.competitor_facts.headline_record(
        storebook.competitor_facts.summarise_competitors(page.wb, page.period, page.platforms), page.text))
    storebook.results.record("competitor.price_index", index_facts["index"])
    storebook.results.record("competitor.index_by_category", categories)

# %% [markdown] tags=["analyst"]
# Each month's index is that month's (its own revenue weights); the dotted line is parity.

# %%
with page.section("competitor.trend"):
    trend = storebook.competitor.trend_price_index(page.wb, page.period, page.platforms)
    trend_facts = storebook.competitor_facts.trend_facts(trend)
    page.show(storebook.plots.month_lines(trend, page.text, value="price_index", by="competitor", reference=1.0,
                                          title=page.t("competitor.trend.title", **trend_facts)))
    page.takeaway("competitor.trend.takeaway", **trend_facts)
    storebook.results.record("competitor.trend", trend)

# %%
with page.section("competitor.gaps"):
    gaps = storebook.competitor.find_price_gaps(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(gaps.head(20), page.text,
                                            columns=["competitor", "product_name", "our_price", "competitor_price", "gap",
                                                     "position", "our_revenue"]))
    page.takeaway("competitor.gaps.takeaway", **storebook.competitor_facts.gaps_facts(gaps))
    storebook.results.record("competitor.gaps", gaps)

# %%
with page.section("competitor.cheapest"):
    cheapest = storebook.competitor.rank_cheapest(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(cheapest, page.text,
                                            columns=["category", "cheapest", "price_index", "competitors",
                                                     "cheaper_competitors", "highest_index", "lowest_index"]))
    page.takeaway("competitor.cheapest.takeaway", **storebook.competitor_facts.cheapest_facts(cheapest))
    storebook.results.record("competitor.cheapest", cheapest)

# %% [markdown] tags=["analyst"]
# Darker = a larger share of the competitor's monitored products on promotion that day (their own promotions
# and festival discounts); weekend day numbers are red.

# %%
with page.section("competitor.promotions"):
    promo_days = storebook.competitor.list_competitor_promo_days(page.wb, page.period, page.platforms)
    promo_facts = storebook.competitor_facts.promo_days_facts(promo_days)
    page.show(storebook.plots.calendar_grid(promo_days, page.text, row="competitor", value="promo_share",
                                            china=page.china, country=page.country,
                                            title=page.t("competitor.promotions.title", **promo_facts)))
    page.takeaway("competitor.promotions.takeaway", **promo_facts)

# %% [markdown] tags=["analyst"]
# The search covers the month and the two before it: a move needs a few weeks after it before our response
# can be read.

# %%
with page.section("competitor.changes"):
    changes = storebook.competitor.detect_price_changes(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(changes, page.text,
                                            columns=["changed_on", "competitor", "platform", "category", "products",
                                                     "price_change", "price_before", "price_after"]))
    page.takeaway("competitor.changes.takeaway", **storebook.competitor_facts.change_facts(changes))
    storebook.results.record("competitor.price_changes", changes)

# %% [markdown] tags=["analyst"]
# Our units in the event's category on the competitor's platform, against a baseline: their share of our other
# categories on that platform over the 28 days before, applied to the days after (the same estimator as a
# promotion's). The chart follows the largest change; 7-day averages.

# %%
with page.section("competitor.response"):
    response = storebook.competitor.measure_sales_response(page.wb, page.period, page.platforms)
    response_facts = storebook.competitor_facts.response_facts(response)
    if len(response):
        around = storebook.competitor.trace_sales_response(page.wb, page.period, page.platforms)
        page.show(storebook.plots.actual_vs_expected(around, page.text, value="units", expected="expected",
                                                     since=response_facts["day"], window="legend.after_move", smooth=7,
                                                     title=page.t("competitor.response.title", **response_facts)))
        page.show(storebook.tables.with_intervals(response, page.text, ["response"],
                                                  index=["competitor", "platform", "category"],
                                                  counts=["changed_on", "price_change", "units_after", "baseline_units"]))
    page.takeaway("competitor.response.takeaway", **response_facts)
    storebook.results.record("competitor.response", response)

# %%
with page.section("competitor.ratings"):
    ratings = storebook.competitor.compare_ratings(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(ratings, page.text,
                                            columns=["category", "competitor", "platform", "rating", "rating_change",
                                                     "review_count", "new_reviews"]))
    page.takeaway("competitor.ratings.takeaway", **storebook.competitor_facts.ratings_facts(ratings))

# %%
with page.section("competitor.share"):
    share = storebook.competitor.estimate_unit_share(page.wb, page.period, page.platforms)
    share_facts = storebook.competitor_facts.share_facts(share)
    page.show(storebook.tables.format_table(share, page.text,
                                            columns=["category", "platform", "our_units", "competitor_units",
                                                     "coverage", "our_share"]))
    page.takeaway("competitor.share.takeaway", **share_facts)
    storebook.results.record("competitor.our_share", share_facts["share"])

# %%
page.finish()
