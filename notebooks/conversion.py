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
# # Conversion — analyst notes
#
# What this notebook answers for the month: where in the funnel (visitors → product views → cart adds →
# checkouts → buyers) we lose buyers, how 支付转化率 (buyers / visitors), 客单价 (paid amount / buyers) and
# UV价值 (paid amount / visitors) moved over thirteen months with their 95 % intervals, which
# month-on-month changes go beyond chance, which platform × device × channel segments explain the change
# (mix shift versus rate change), and whether buyers were new or returning.
#
# Formulas live once in `storebook.measures.ratios` (re-exported by `storebook.traffic` and `storebook.conversion`); statistics in
# `storebook.measures.stats`. Cells tagged `analyst` are left out of the HTML report.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("conversion", month=month, platforms=platforms, data_path=data_path, language=language)

# %% [markdown] tags=["analyst"]
# Step rate = people reaching a stage / people at the previous stage (black ticks: prior month).
# "Buyers lost" = the buyers a platform × device would have had this month had that step converted at its
# prior-month rate, minus the buyers it had.

# %%
with page.section("conversion.funnel"):
    funnel = storebook.conversion.conversion_funnel(page.wb, page.period, page.platforms)
    funnel_facts = storebook.conversion.funnel_facts(funnel)
    page.show(storebook.plots.step_rates(funnel, page.text, title=page.t("conversion.funnel.title", **funnel_facts)))
    page.show(storebook.tables.format_table(storebook.conversion.funnel_leaks(funnel), page.text,
                                            columns=["platform", "device", "step", "step_rate_prior", "step_rate",
                                                     "buyers_lost"]))
    page.takeaway("conversion.funnel.takeaway", **funnel_facts)
    storebook.results.record("conversion.funnel_leak", storebook.conversion.funnel_leaks(funnel, top=1))

# %% [markdown] tags=["analyst"]
# Intervals: Wilson for 支付转化率; for 客单价 the spread of what each buyer paid (orders table);
# for UV价值 a per-visitor mean where a share 支付转化率 of visitors spend.

# %%
with page.section("conversion.rates"):
    rates = storebook.conversion.conversion_rates(page.wb, page.period, page.platforms)
    rates_facts = storebook.conversion.rates_facts(rates, page.period)
    page.show(storebook.plots.rate_trends(rates, page.text, title=page.t("conversion.rates.title", **rates_facts)))
    page.show(storebook.tables.with_intervals(storebook.traffic.latest_month(rates), page.text,
                                              ["conversion_rate", "aov", "uv_value"], counts=["visitors", "buyers"]))
    page.takeaway("conversion.rates.takeaway", **rates_facts)
    storebook.results.record("conversion.headline", storebook.conversion.rates_record(rates, page.period, page.text))

# %% [markdown] tags=["analyst"]
# A two-proportion z-test per platform × device on the prior month. Where buyers or non-buyers
# number fewer than ten in either month the verdict is "sample too small" — a warning, not a verdict.

# %%
with page.section("conversion.tests"):
    tests = storebook.conversion.compare_conversion(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(tests, page.text,
                                            columns=["platform", "device", "visitors", "buyers", "rate_prior", "rate",
                                                     "change", "p_value", "verdict"], metric="conversion_rate"))
    page.takeaway("conversion.tests.takeaway", **storebook.conversion.tests_facts(tests))
    storebook.results.record("conversion.tests", tests)

# %% [markdown] tags=["analyst"]
# The change of the overall 支付转化率 on the prior month, split exactly over platform × device ×
# channel segments (`storebook.measures.stats.decompose_ratio_change`): mix effect = a segment's share of visitors
# moving, rate effect = its own conversion moving. Channel rows are first scaled to their platform's
# de-duplicated totals, so the segments add up to the real visitors and buyers. The chart adds the
# channels up to platform × device; the table shows the largest single segments.

# %%
with page.section("conversion.drivers"):
    drivers = storebook.conversion.decompose_conversion(page.wb, page.period, page.platforms)
    driver_facts = storebook.conversion.drivers_facts(drivers)
    page.show(storebook.plots.effect_bars(drivers, page.text, title=page.t("conversion.drivers.title", **driver_facts)))
    page.show(storebook.tables.format_table(drivers.head(10), page.text,
                                            columns=["platform", "device", "channel", "share_after", "rate_after",
                                                     "mix_effect", "rate_effect", "total_effect"],
                                            metric="conversion_rate"))
    page.takeaway("conversion.drivers.takeaway", **driver_facts)
    storebook.results.record("conversion.drivers", storebook.conversion.drivers_record(drivers))

# %% [markdown] tags=["analyst"]
# New buyer: the month holds the account's first paid order on that platform
# (`storebook.customers.split_new_returning`); history starts with the orders table, so early months
# overstate "new".

# %%
with page.section("conversion.buyers"):
    buyers = storebook.conversion.new_vs_returning(page.wb, page.period, page.platforms)
    buyer_facts = storebook.conversion.buyers_facts(buyers, page.period)
    page.show(storebook.plots.group_bars(buyers, page.text, title=page.t("conversion.buyers.title", **buyer_facts)))
    page.show(storebook.tables.format_table(buyers, page.text,
                                            columns=["platform", "buyer_type", "buyers", "share", "buyers_vs_prior",
                                                     "aov", "paid_amount"]))
    page.takeaway("conversion.buyers.takeaway", **buyer_facts)
    storebook.results.record("conversion.new_buyer_share", buyer_facts["new_share"])

# %% [markdown] tags=["analyst"]
# Placed → paid (下单 → 支付): orders placed in the month and how many were paid, from the orders
# table; unpaid orders (pending, closed or cancelled without payment) are kept by ingest for this.
# 支付率 = paid ÷ placed (`storebook.conversion.payment_rate`); the change is in points.

# %%
with page.section("conversion.payment"):
    payments = storebook.conversion.summarise_payments(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(payments, page.text,
                                            columns=["platform", "placed", "paid", "pending", "closed", "payment_rate",
                                                     "payment_rate_prior", "change"], metric="payment_rate"))
    page.takeaway("conversion.payment.takeaway", **storebook.conversion.payments_facts(payments))
    storebook.results.record("conversion.payment_rates", payments)

# %%
page.finish()
