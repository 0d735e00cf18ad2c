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
# # Customers — analyst notes
#
# Who bought this month (new versus returning), whether new customers come back (30- and 90-day
# repeat-purchase rates of the latest cohorts whose window has closed), the RFM segments and how customers
# moved between them, monthly acquisition cohorts (retention and cumulative revenue per customer) and the
# provinces buyers live in. Every number comes from `storebook.customers` over paid orders, dated by
# payment, as of the end of the month: a report re-run later says the same thing.
#
# A customer is a pseudonymous platform account; their first purchase is the first paid order on the
# selected platforms in the data, so the data's first months count every buyer as new.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("customers", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.section("customers.headline"):
    headline = storebook.customers.customers_headline(page.wb, page.period, page.platforms)
    for part in storebook.tables.card_rows(headline, 3):
        page.show(storebook.tables.metric_cards(part, page.text))
    page.takeaway("customers.headline.takeaway", **storebook.customers.headline_facts(headline, page.period))
    storebook.results.record("customers.headline", storebook.customers.headline_record(headline, page.text))

# %%
with page.section("customers.new_returning"):
    split = storebook.customers.split_new_returning(page.wb, page.period, page.platforms)
    split_facts = storebook.customers.new_returning_facts(split, page.period)
    page.show(storebook.plots.rate_bars(split, page.text, category="buyer_type", values=split_facts["bars"],
                                        title=page.t("customers.new_returning.title", **split_facts)))
    page.show(storebook.tables.format_table(split, page.text, columns=["buyer_type", "buyers", "orders", "paid_amount",
                                                                        "aov", "share_of_buyers", "share_of_sales"]))
    page.takeaway("customers.new_returning.takeaway", **split_facts)
    storebook.results.record("customers.new_returning", split)

# %% [markdown] tags=["analyst"]
# N-day repeat rate = customers acquired in the cohort month who paid another order within N days
# of their first one ÷ customers acquired. For each window, only cohorts whose every window has closed
# by the end of the month count (for October: September's cohort for 30 days, July's for 90). Intervals
# are Wilson 95% intervals.

# %%
with page.section("customers.repeat"):
    repeat = storebook.customers.compute_repeat_rates(page.wb, page.period, page.platforms, cohorts=6)
    page.show(storebook.tables.with_intervals(storebook.customers.cohorts_in_data(repeat), page.text, ["repeat_rate"],
                                              index=("window_days", "cohort"), counts=("customers", "repeat_customers")))
    repeat_facts = storebook.customers.repeat_facts(repeat)
    page.takeaway("customers.repeat.takeaway", **repeat_facts)
    storebook.results.record("customers.repeat", repeat)

# %% [markdown] tags=["analyst"]
# RFM over the trailing 12 months at the month's end: R = days since the last paid order, F = paid
# orders, M = paid amount. Each is high or low against the mean of all customers in the window (R high =
# more recent than the mean), which names one of the department's eight segments (重要价值客户 …
# 一般挽留客户).

# %%
with page.section("customers.rfm"):
    segments = storebook.customers.summarise_rfm_segments(page.wb, page.period, page.platforms)
    rfm_facts = storebook.customers.rfm_facts(segments)
    page.show(storebook.plots.hbars(segments, page.text, category="segment", values=["customers"], kind="count",
                                    title=page.t("customers.rfm.title", **rfm_facts)))
    page.show(storebook.tables.format_table(segments, page.text, columns=[
        "segment", "customers", "share", "customers_change", "window_paid_amount", "month_paid_amount",
        "mean_recency_days"]))
    page.takeaway("customers.rfm.takeaway", **rfm_facts)
    storebook.results.record("customers.rfm", segments)

# %% [markdown] tags=["analyst"]
# Rows: the segment at the end of the prior month (or a first purchase in the window); columns:
# the segment now (or lapsed: no purchase left in the 12-month window). Cells: share of the row.

# %%
with page.section("customers.movement"):
    moves = storebook.customers.move_rfm_segments(page.wb, page.period, page.platforms)
    movement_facts = storebook.customers.movement_facts(moves)
    page.show(storebook.plots.heatmap(moves, page.text, index="from_segment", columns="to_segment",
                                      values="share_of_from", kind="pct",
                                      title=page.t("customers.movement.title", **movement_facts)))
    page.takeaway("customers.movement.takeaway", **movement_facts)
    storebook.results.record("customers.movement", moves)

# %%
with page.section("customers.cohorts"):
    cohorts = storebook.customers.build_cohorts(page.wb, page.period, page.platforms)
    cohort_facts = storebook.customers.cohort_facts(cohorts)
    page.show(storebook.plots.heatmap(storebook.customers.after_first_month(cohorts), page.text, index="cohort",
                                      columns="months_since", values="retention",
                                      kind="pct", title=page.t("customers.cohorts.title", **cohort_facts)))
    page.show(storebook.tables.pivot_table(storebook.customers.first_months(cohorts), page.text, index="cohort",
                                           columns="months_since", values=cohort_facts["table_values"],
                                           kind=cohort_facts["table_kind"],
                                           caption=page.t("customers.cohorts.revenue", **cohort_facts)))
    page.takeaway("customers.cohorts.takeaway", **cohort_facts)
    storebook.results.record("customers.month1_retention", cohort_facts["month1_retention"])

# %%
with page.section("customers.provinces"):
    provinces = storebook.customers.summarise_provinces(page.wb, page.period, page.platforms)
    province_facts = storebook.customers.province_facts(provinces)
    page.show(storebook.plots.hbars(provinces.head(15), page.text, category="province", values=province_facts["bars"],
                                    kind=province_facts["bars_kind"],
                                    title=page.t("customers.provinces.title", **province_facts)))
    page.show(storebook.tables.format_table(provinces, page.text, columns=[
        "province", "buyers", "orders", "paid_amount", "share_of_sales", "aov", "sales_vs_prior"]))
    page.takeaway("customers.provinces.takeaway", **province_facts)
    storebook.results.record("customers.provinces", provinces)

# %%
page.finish()
