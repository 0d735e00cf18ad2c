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
# # Profit — analyst notes
#
# What this notebook answers for the month: the contribution P&L of each platform and in total — paid amount,
# refunds, cost of goods, platform commission, marketing and logistics down to the contribution margin — against
# the prior month, the same month last year and the budget; the marketing and logistics cost ratios against
# budget; and where marketing overspent its budget and whether the spend paid.
#
# How to use it: set the parameters below (or leave them: the last complete month, every platform) and run all.
# Every number comes from `storebook.profit`, which defines gross margin and contribution margin once; the
# overview (KPI) report takes its margin figures from the same functions. Cells tagged `analyst` are left out of
# the HTML report.
#
# The lines: gross sales (items at their selling price + shipping charged) − discounts (all funded by us: the data
# hold no platform subsidy) = paid amount − refunds = net sales − cost of goods (units kept × standard cost) =
# gross margin − commission (line amount × the platform_fees rate valid that day) − marketing (spend booked in the
# month) − logistics (carriers' bill for the parcels handed over in the month) = contribution margin. Sales,
# refunds, cost of goods and commission belong to the orders paid in the month; refunds keep arriving for a few
# weeks, so the latest month's refunds are still growing. Every line is rounded to the cent and the subtotals
# add up exactly.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("profit", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.section("profit.headline"):
    headline = storebook.profit.profit_headline(page.wb, page.period, page.platforms)
    page.show(storebook.tables.metric_cards(headline, page.text))
    page.takeaway("profit.headline.takeaway", **storebook.profit.headline_facts(headline))
    storebook.results.record("profit.headline", storebook.profit.headline_record(headline, page.text))

# %% [markdown] tags=["analyst"]
# The waterfall runs from gross sales to the contribution margin; dark bars are subtotals, red bars what each
# cost took away, grey ticks the budget where the targets hold one. The table compares every line with the prior
# month, the same month last year and the budget (share = the line as a share of net sales).

# %%
with page.section("profit.pnl"):
    pnl = storebook.profit.compare_pnl(page.wb, page.period, page.platforms)
    pnl_facts = storebook.profit.pnl_facts(pnl)
    page.show(storebook.plots.waterfall(pnl, page.text, title=page.t("profit.pnl.title", **pnl_facts)))
    page.show(storebook.tables.format_table(pnl, page.text, columns=["line", "amount", "share", "prior_amount", "vs_prior",
                                                                     "vs_last_year", "budget_amount", "vs_budget"]))
    page.takeaway("profit.pnl.takeaway", **pnl_facts)
    storebook.results.record("profit.pnl", pnl[["line", "amount", "prior_amount", "last_year_amount", "budget_amount"]])
    storebook.results.record("profit.contribution_margin", pnl_facts["contribution_margin"])

# %%
with page.section("profit.platforms"):
    by_platform = storebook.profit.contribution_pnl(page.wb, page.period, page.platforms)
    platform_facts = storebook.profit.platform_facts(by_platform)
    page.show(storebook.plots.rate_bars(by_platform, page.text, category="platform", values=["gross_margin_rate",
                                                                                           "contribution_margin_rate"],
                                        title=page.t("profit.platforms.title", **platform_facts)))
    page.show(storebook.tables.format_table(by_platform, page.text,
                                            columns=["platform", "net_sales", "cogs", "commission", "marketing", "logistics",
                                                     "contribution_margin"]))
    page.takeaway("profit.platforms.takeaway", **platform_facts)
    storebook.results.record("profit.by_platform", by_platform)

# %% [markdown] tags=["analyst"]
# Cost ratios (费比) divide a cost by the paid amount; the budget ratios divide the budgeted cost by the budgeted
# paid amount (targets). "Beyond budget" is the cost minus its budget in yuan.

# %%
with page.section("profit.ratios"):
    ratios = storebook.profit.compute_cost_ratios(page.wb, page.period, page.platforms)
    ratio_facts = storebook.profit.ratio_facts(ratios)
    page.show(storebook.plots.rate_bars(ratios, page.text, category="platform",
                                        values=["marketing_ratio", "budget_marketing_ratio", "logistics_ratio",
                                                "budget_logistics_ratio"],
                                        title=page.t("profit.ratios.title", **ratio_facts)))
    page.show(storebook.tables.format_table(ratios, page.text,
                                            columns=["platform", "marketing_ratio", "budget_marketing_ratio", "marketing_over",
                                                     "logistics_ratio", "budget_logistics_ratio", "logistics_over"]))
    page.takeaway("profit.ratios.takeaway", **ratio_facts)
    storebook.results.record("profit.marketing_ratio", ratio_facts["marketing_ratio"])

# %% [markdown] tags=["analyst"]
# Each channel's spend against its monthly budget (targets, per channel). ROAS (投入产出比) = the platforms'
# attributed sales / spend; margin ROAS (毛利投产比) = ROAS × the platform's gross-margin rate, the gross margin a
# yuan of spend brought back — below 1 the channel does not pay for itself on the platform's own attribution.

# %%
with page.section("profit.marketing"):
    marketing = storebook.profit.compare_marketing_budget(page.wb, page.period, page.platforms)
    marketing_facts = storebook.profit.marketing_facts(marketing)
    page.show(storebook.tables.format_table(marketing, page.text,
                                            columns=["platform", "channel", "spend", "budget", "over_budget",
                                                     "over_budget_rate", "roas", "margin_roas"],
                                            caption=page.t("profit.marketing.title", **marketing_facts)))
    page.takeaway("profit.marketing.takeaway", **marketing_facts)
    storebook.results.record("profit.overspent_channels", marketing[marketing["is_over"] & (marketing["channel"] != "total")]
                             [["platform", "channel", "spend", "budget", "over_budget"]])

# %%
page.finish()
