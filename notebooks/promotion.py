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
# # Promotions — analyst notes
#
# What this notebook answers for the month: which promotions ran (a calendar by platform and type), whether
# each one paid — actual units against a counterfactual baseline, the uplift with its 95% interval, the dip
# after the promotion (pull-forward), the sales taken from sister SKUs (cannibalisation), the discount cost,
# the incremental gross margin after all of it and the ROI — then, over the last twelve months, which promotion
# types pay and whether a deeper discount buys more margin, and how coupons were redeemed.
#
# How to use it: set the parameters below (or leave them: the last complete month, every platform) and run all.
# Every number comes from `storebook.promotion`; every heading and sentence from the text catalogue
# `storebook.report.text` (English and 中文). Cells tagged `analyst`, like this one, are left out of the HTML report.
#
# The method (module docstring of `storebook.promotion`): the baseline of a promotion is the promoted SKUs'
# share of a market index (our unpromoted SKUs of other categories on the same platforms, which moves with
# the weekday, festivals and the platform's trend), measured over the 8 weeks before without festival days (China's,
# where the store sells in China; elsewhere without the public holidays of the store's own country,
# `storebook.engine.calendar.own_country`) and without days the SKUs were on another promotion. Pull-forward is the shortfall against the same baseline
# in the 14 days after; cannibalisation the shortfall of the category's other SKUs (those on no promotion of
# their own). Promotion spend is marketing spend booked to a campaign whose id is the promotion's id.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("promotion", month=month, platforms=platforms, data_path=data_path, language=language)

# %% [markdown] tags=["analyst"]
# The calendar shows every promotion that overlaps the month, clipped to it; colour = platform (dark grey:
# every platform). Festival promotions are the category venues (会场) of 618, 双11, 双12, 年货节 and 38节.

# %%
with page.section("promotion.calendar"):
    promos = storebook.promotion.name_promotions(storebook.promotion.list_promotions(page.wb, page.period,
                                                                                     page.platforms), page.text)
    calendar_facts = storebook.promotion.calendar_facts(promos)
    page.show(storebook.plots.timeline(promos, page.text, start="starts_on", end="ends_on", label="promo_name",
                                       china=page.china, country=page.country, colour_by="platform",
                                       first=page.period.start, last=page.period.last_day,
                                       title=page.t("promotion.calendar.title", **calendar_facts)))
    page.show(storebook.tables.format_table(promos, page.text,
                                            columns=["promo_name", "promo_type", "platform", "starts_on", "ends_on",
                                                     "discount_pct", "n_skus", "budget_amount"]))
    page.takeaway("promotion.calendar.takeaway", **calendar_facts)
    storebook.results.record("promotion.calendar", promos)

# %% [markdown] tags=["analyst"]
# One row per promotion, largest impact (incremental margin, gain or loss) first; a second table shows where
# the units came from. `uplift` = actual ÷ baseline − 1 with its 95% interval (dots and lines in the chart:
# an interval crossing the dotted zero line cannot be told from no effect). Pulled forward = the shortfall in
# the 14 days after; cannibalised = the shortfall of sister SKUs (negative: they sold more, a halo).
# Incremental margin = actual gross margin − baseline margin − margin of the pulled-forward and cannibalised
# units − promotion spend; ROI = incremental margin ÷ (discount cost + spend).

# %%
with page.section("promotion.effects"):
    effects = storebook.promotion.estimate_promotions(page.wb, page.period, page.platforms)
    named = storebook.promotion.name_promotions(storebook.promotion.rank_by_impact(effects), page.text)
    effects_facts = storebook.promotion.effects_facts(named)
    page.takeaway("promotion.method")
    page.show(storebook.plots.interval_dots(named, page.text, category="promo_name", value="uplift",
                                            colour_by="platform", title=page.t("promotion.effects.title", **effects_facts)))
    page.show(storebook.tables.format_table(named, page.text,
                                            columns=["promo_name", "uplift", "net_incremental_units", "discount_cost",
                                                     "incremental_margin", "roi"]))
    page.takeaway("promotion.effects.takeaway", **effects_facts)
    page.show(storebook.tables.format_table(named, page.text, caption=page.t("promotion.effects.details"),
                                            columns=["promo_name", "actual_units", "baseline_units",
                                                     "pull_forward_units", "cannibalised_units", "promotion_spend"]))
    storebook.results.record("promotion.headline", storebook.promotion.headline_record(effects, page.text))
    storebook.results.record("promotion.effects", effects)

# %% [markdown] tags=["analyst"]
# The costliest promotion of the month (largest discount cost) day by day: bars are units sold of its SKUs on
# its platforms, the dashed line the baseline (its pre-period share of the market index), 7-day averages;
# shaded: the promotion.

# %%
with page.section("promotion.trace"):
    trace = storebook.promotion.name_promotions(storebook.promotion.trace_promotion(page.wb, page.period,
                                                                                    page.platforms), page.text)
    trace_facts = storebook.promotion.trace_facts(trace)
    page.show(storebook.plots.actual_vs_expected(trace, page.text, value="units", expected="expected",
                                                 since=trace_facts["start"], until=trace_facts["end"],
                                                 window="legend.promotion", smooth=7,
                                                 title=page.t("promotion.trace.title", **trace_facts)))
    page.takeaway("promotion.trace.takeaway", **trace_facts)
    storebook.results.record("promotion.trace", trace_facts)

# %% [markdown] tags=["analyst"]
# Every promotion that started in the twelve months to this one, estimated the same way. The dots are
# promotions (x: discount depth, y: incremental gross margin, colour: type); the table sums them by type.

# %%
with page.section("promotion.history"):
    history = storebook.promotion.name_promotions(storebook.promotion.compare_promotions(page.wb, page.period,
                                                                                         page.platforms), page.text)
    history_facts = storebook.promotion.history_facts(history)
    page.show(storebook.plots.scatter_by_kind(history, page.text, x="discount_pct", y="incremental_margin",
                                              kind="promo_type",
                                              title=page.t("promotion.history.title", **history_facts)))
    page.show(storebook.tables.format_table(storebook.promotion.summarise_promotion_types(history), page.text,
                                            columns=["promo_type", "n_promotions", "discount_pct", "discount_cost",
                                                     "incremental_margin", "paid_share", "median_roi"]))
    page.takeaway("promotion.history.takeaway", **history_facts)
    storebook.results.record("promotion.history", history)

# %% [markdown] tags=["analyst"]
# The coupon promotions of the last twelve months. Redemption rate = paid orders carrying the promotion's
# coupon ÷ paid orders on its platforms and days that contain one of its SKUs; budget used = coupon
# discounts ÷ budget.

# %%
with page.section("promotion.coupons"):
    coupons = storebook.promotion.name_promotions(
        storebook.promotion.measure_coupon_redemption(page.wb, page.period, page.platforms, months=12), page.text)
    page.show(storebook.tables.format_table(coupons, page.text,
                                            columns=["promo_name", "platform", "starts_on", "eligible_orders",
                                                     "redemption_rate", "coupon_discount_amount", "budget_used"]))
    page.takeaway("promotion.coupons.takeaway", **storebook.promotion.coupon_facts(coupons))
    storebook.results.record("promotion.coupons", coupons)

# %%
page.finish()
