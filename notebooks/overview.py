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
# # Overview — analyst notes
#
# The month on one page for management: the scorecard (paid amount, net sales, orders, buyers, 客单价,
# 支付转化率, UV价值, gross margin, marketing spend and ROAS, refund rate, CSAT, complaints per 1,000
# orders, supplier OTIF) against target, the prior month and the same month last year, per platform and
# in total; the largest movements of the month with their drivers; marketing spend against budget by
# channel; the products that earned the most and the least margin.
#
# Nothing is computed here or in `storebook.overview` that an area report does not compute: every metric is
# the area module's own function (traffic, service, profit, supplier, conversion, promotion), so the
# overview agrees with the area reports to the cent. `storebook.overview` adds only the comparison: the
# targets (a ratio's all-platform target weights the platforms' targets by this month's denominators),
# the status colour (green: target met; amber: missed by at most 5%; red: beyond) and the ranking of
# movements. Cells tagged `analyst`, like this one, are left out of the HTML report.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("overview", month=month, platforms=platforms, data_path=data_path, language=language)

# %% [markdown] tags=["analyst"]
# Rows: the all-platform values. The grid below gives each platform's value coloured by its
# status against that platform's own target. Supplier OTIF is store-wide (purchase orders are not per
# platform) and has no target: the targets table's `otif_rate` is set per platform. Notes under the
# heading say what could not be compared (a month without targets, a source without data).

# %%
with page.section("overview.scorecard"):
    card = storebook.overview.build_scorecard(page.wb, page.period, page.platforms)
    for notice in storebook.overview_facts.scorecard_notices(card, page.text):
        page.notice(notice)
    page.show(storebook.tables.scorecard(card, page.text))
    page.show(storebook.tables.status_grid(card, page.text, caption=page.t("overview.scorecard.platforms")))
    page.takeaway("overview.scorecard.takeaway", **storebook.overview_facts.scorecard_facts(card))
    storebook.results.record("overview.headline", storebook.overview_facts.scorecard_record(card, page.text))
    storebook.results.record("overview.scorecard", card)

# %% [markdown] tags=["analyst"]
# Movements are the all-platform metrics ranked by the size of their change on the prior month.
# Each driver comes from the metric's own report: the platform × device segment of the conversion
# decomposition, the promotion with the most incremental margin, the SKU/supplier/batch of a complaint
# spike, the supplier with the most late lines; otherwise the platform that moved most (for an amount,
# with its share of the change).

# %%
with page.section("overview.changes"):
    changes = storebook.overview.explain_changes(page.wb, page.period, page.platforms)
    page.show(storebook.plots.change_bars(changes, page.text,
                                          title=page.t("overview.changes.title", **storebook.overview_facts.changes_facts(changes))))
    for variant, values in storebook.overview.change_sentences(changes, page.text):
        page.takeaway("overview.change", variant=variant, **values)
    storebook.results.record("overview.changes", storebook.overview_facts.changes_record(changes))

# %% [markdown] tags=["analyst"]
# Spend from `marketing_spend`, budgets from the targets table (`marketing_spend_amount`, per
# platform × channel), added up by channel over the platforms — the profit report's budget lines.
# ROAS is the platforms' attributed sales over spend.

# %%
with page.section("overview.budget"):
    budget = storebook.overview.compare_budget_by_channel(page.wb, page.period, page.platforms)
    budget_facts = storebook.overview_facts.budget_facts(budget)
    page.show(storebook.plots.hbars(storebook.overview.without_total(budget), page.text, category="channel",
                                    values=["spend", "budget"], kind="money",
                                    title=page.t("overview.budget.title", **budget_facts)))
    page.show(storebook.tables.format_table(budget, page.text, columns=["channel", "spend", "budget", "over_budget",
                                                                         "over_budget_rate", "attributed_amount", "roas"]))
    page.takeaway("overview.budget.takeaway", **budget_facts)
    storebook.results.record("overview.budget", budget)

# %% [markdown] tags=["analyst"]
# Gross margin per SKU as the profit report computes it: line sales less refunds on the SKU's
# returns, less the standard cost of the units kept.

# %%
with page.section("overview.products"):
    products = storebook.overview.rank_product_margins(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(products, page.text, columns=[
        "group", "sku", "product_name", "units", "revenue", "gross_margin", "gross_margin_rate"]))
    page.takeaway("overview.products.takeaway", **storebook.overview_facts.product_facts(products))
    storebook.results.record("overview.top_products", products)

# %%
page.finish()
