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
# # Marketing — analyst notes
#
# Spend against budget and its pace per platform and channel (SEO/organic has no spend; paid search, social, live
# stream, e-mail/CRM, content); the campaigns with their attributed and margin ROAS; the cost of a new buyer (CAC); what
# the campaigns with a holdout test really added (incremental orders and ROAS, with intervals), what they did to visits
# and orders; and which campaigns to cut or scale. Every number comes from `storebook.marketing`, where each marketing
# metric is defined once (the traffic, profit and overview reports call it).

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("marketing", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.section("marketing.headline"):
    headline = storebook.marketing.marketing_headline(page.wb, page.period, page.platforms)
    page.show(storebook.tables.metric_cards(storebook.marketing.cards(headline), page.text))
    page.takeaway("marketing.headline.takeaway", **storebook.marketing.headline_facts(headline, page.period.label))
    storebook.results.record("marketing.headline", storebook.marketing.headline_record(headline, page.text))

# %% [markdown] tags=["analyst"]
# Pace = (spend ÷ budget) ÷ (the share of the month elapsed up to the last day with spend): 1 is on pace; the
# budget is the month's `targets.marketing_spend_amount` per platform and channel.

# %%
with page.section("marketing.budget"):
    pace = storebook.marketing.pace_budget(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(pace, page.text, columns=[
        "platform", "channel", "spend", "budget", "over_budget", "over_budget_rate", "pace", "projected_spend",
        "campaigns"]))
    page.takeaway("marketing.budget.takeaway", **storebook.marketing.budget_facts(pace))
    storebook.results.record("marketing.budget", pace)

# %%
with page.section("marketing.campaigns"):
    campaigns = storebook.marketing.summarise_campaigns(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(campaigns.head(15), page.text, columns=[
        "platform", "campaign_name", "spend_amount", "share_of_spend", "attributed_amount", "roas", "margin_roas"]))
    page.takeaway("marketing.campaigns.takeaway", **storebook.marketing.campaign_facts(campaigns))

# %% [markdown] tags=["analyst"]
# CAC (新客获客成本) = the month's marketing spend ÷ its new buyers (first paid order on the platform in the
# month).

# %%
with page.section("marketing.cac"):
    cac = storebook.marketing.compute_cac(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(cac, page.text, columns=[
        "platform", "spend", "new_buyers", "cac", "cac_prior", "cac_last_year", "vs_prior", "vs_last_year"],
        metric="cac"))
    page.takeaway("marketing.cac.takeaway", **storebook.marketing.cac_facts(cac))
    storebook.results.record("marketing.cac", cac)

# %% [markdown] tags=["analyst"]
# Incremental = treatment − holdout × treatment audience ÷ holdout audience; the orders' interval from their
# Poisson variances; incremental ROAS = incremental paid amount ÷ the campaign's spend on the test's days. A campaign
# pays back when incremental ROAS × gross-margin rate ≥ 1: `scale` when even the low end does, `cut` when even the high
# end does not. Tests of the last three months.

# %%
with page.section("marketing.holdouts"):
    tests = storebook.marketing.measure_holdouts(page.wb, page.period, page.platforms)
    page.show(storebook.plots.interval_dots(tests, page.text, category="campaign_name", value="incremental_roas",
                                            kind="number", reference=1.0, colour_by="platform",
                                            title=page.t("marketing.holdouts.title")))
    page.show(storebook.tables.format_table(tests, page.text, columns=[
        "platform", "campaign_name", "spend_amount", "incremental_orders", "roas", "incremental_roas",
        "incremental_roas_low", "incremental_roas_high", "verdict"]))
    page.takeaway("marketing.holdouts.takeaway", **storebook.marketing.holdout_facts(tests))
    storebook.results.record("marketing.holdouts", storebook.marketing.holdout_record(tests))

# %%
with page.section("marketing.effect"):
    tests = storebook.marketing.measure_holdouts(page.wb, page.period, page.platforms)
    page.show(storebook.plots.hbars(tests, page.text, category="campaign_name", values=["visit_lift", "order_lift"],
                                    kind="pct", reference=0.0, title=page.t("marketing.effect.title")))
    page.takeaway("marketing.effect.takeaway", **storebook.marketing.effect_facts(
        tests, storebook.marketing.shown_test(tests)))

# %%
with page.section("marketing.decisions"):
    ranked = storebook.marketing.rank_campaigns(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(ranked, page.text, columns=[
        "platform", "campaign_name", "spend_amount", "margin_roas", "incremental_roas", "evidence", "verdict"]))
    page.takeaway("marketing.decisions.takeaway", **storebook.marketing.decision_facts(ranked))
    storebook.results.record("marketing.decisions", storebook.marketing.decision_record(ranked))

# %%
page.finish()
