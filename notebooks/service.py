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
# # Customer service — analyst notes
#
# Tickets by topic and platform; how fast we answered (first response) and resolved (median and 90th
# percentile, in hours); CSAT month by month with 95% intervals; complaints per 1,000 orders by supplier
# and product; refunds and returns (rate, amount, reasons by category); and the trace of a complaint spike
# to its product, supplier and production batch. Every number comes from `storebook.service`.
#
# Tickets count in the month they were opened, orders in the month they were paid, returns in the month
# they were accepted. CSAT is the mean 1–5 score of the rated tickets.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("service", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.section("service.headline"):
    headline = storebook.service.service_headline(page.wb, page.period, page.platforms)
    for part in storebook.tables.card_rows(headline, 4):
        page.show(storebook.tables.metric_cards(part, page.text))
    page.takeaway("service.headline.takeaway", **storebook.service.headline_facts(headline, page.period))
    storebook.results.record("service.headline", storebook.service.headline_record(headline, page.text))
    storebook.results.record("service.by_platform", headline)

# %%
with page.section("service.tickets"):
    tickets = storebook.service.count_tickets(page.wb, page.period, page.platforms)
    ticket_facts = storebook.service.ticket_facts(tickets)
    page.show(storebook.plots.group_bars(tickets, page.text, group="category", category="platform", value="tickets",
                                         title=page.t("service.tickets.title", **ticket_facts)))
    page.show(storebook.tables.pivot_table(tickets, page.text, index="category", columns="platform", values="tickets"))
    page.takeaway("service.tickets.takeaway", **ticket_facts)
    storebook.results.record("service.tickets", tickets)

# %% [markdown] tags=["analyst"]
# Percentiles interpolate linearly between order statistics (as `numpy.quantile`). Tickets without a
# reply or not resolved yet are left out of that measure and counted apart.

# %%
with page.section("service.response"):
    times = storebook.service.summarise_response_times(page.wb, page.period, page.platforms, by="platform")
    page.show(storebook.tables.format_table(times, page.text, columns=[
        "platform", "tickets", "first_response_median_min", "first_response_p90_min", "resolution_median_h",
        "resolution_p90_h", "unresolved"]))
    page.takeaway("service.response.takeaway", **storebook.service.response_facts(times))
    storebook.results.record("service.response_times", times)

# %% [markdown] tags=["analyst"]
# CSAT per month over thirteen months (a year and its comparison month), the band its 95% interval
# (mean ± 1.96 · sd / √rated).

# %%
with page.section("service.csat"):
    csat = storebook.service.trend_csat(page.wb, page.period, page.platforms)
    csat_facts = storebook.service.csat_facts(csat)
    page.show(storebook.plots.interval_trend(csat, page.text, value="csat", kind="number",
                                             title=page.t("service.csat.title", **csat_facts)))
    page.takeaway("service.csat.takeaway", **csat_facts)
    storebook.results.record("service.csat", csat)

# %% [markdown] tags=["analyst"]
# Complaints per 1,000 orders: complaints about the supplier's products ÷ paid orders containing one
# of them × 1000. Complaints that name no product count only in the totals.

# %%
with page.section("service.suppliers"):
    by_supplier = storebook.service.compute_complaint_rate(page.wb, page.period, page.platforms, by="supplier")
    supplier_facts = storebook.service.complaint_facts(by_supplier, "supplier_id")
    page.show(storebook.plots.hbars(by_supplier, page.text, category="supplier_name",
                                    values=["complaints_per_1000_orders"], kind="number",
                                    title=page.t("service.suppliers.title", **supplier_facts)))
    page.show(storebook.tables.format_table(by_supplier, page.text, columns=[
        "supplier_id", "supplier_name", "complaints", "orders", "complaints_per_1000_orders"]))
    page.takeaway("service.suppliers.takeaway", **supplier_facts)
    storebook.results.record("service.by_supplier", by_supplier)

# %%
with page.section("service.products"):
    by_product = storebook.service.compute_complaint_rate(page.wb, page.period, page.platforms, by="sku")
    page.show(storebook.tables.format_table(storebook.service.with_complaints(by_product), page.text, columns=[
        "sku", "product_name", "category", "supplier_id", "complaints", "orders", "complaints_per_1000_orders"]))
    page.takeaway("service.products.takeaway", **storebook.service.complaint_facts(by_product, "sku"))

# %% [markdown] tags=["analyst"]
# Refund rate (退款率) = refunds ÷ paid amount of the orders paid in the month; net sales = paid −
# refunds (the profit report's net sales are the same numbers).

# %%
with page.section("service.refunds"):
    refunds = storebook.service.compute_refund_rate(page.wb, page.period, page.platforms, by="platform")
    page.show(storebook.tables.format_table(refunds, page.text, columns=[
        "platform", "orders", "paid_amount", "refund_amount", "net_amount", "refund_rate"]))
    page.takeaway("service.refunds.takeaway", **storebook.service.refund_facts(refunds))
    storebook.results.record("service.refunds", refunds)

# %% [markdown] tags=["analyst"]
# Return rate (退货率) = units returned in the month ÷ units sold in the month.

# %%
with page.section("service.returns"):
    returns = storebook.service.summarise_returns(page.wb, page.period, page.platforms, by="category")
    reasons = storebook.service.summarise_returns(page.wb, page.period, page.platforms, by="reason")
    page.show(storebook.tables.format_table(returns, page.text, columns=[
        "category", "returns", "units_returned", "units_sold", "return_rate", "refund_amount", "refund_share"]))
    page.takeaway("service.returns.takeaway", **storebook.service.returns_facts(returns, reasons))
    storebook.results.record("service.returns", returns)

# %%
with page.section("service.returned_products"):
    by_sku = storebook.service.summarise_returns(page.wb, page.period, page.platforms, by="sku")
    page.show(storebook.tables.format_table(by_sku.head(12), page.text, columns=[
        "sku", "product_name", "category", "returns", "units_returned", "units_sold", "return_rate", "refund_amount"]))
    page.takeaway("service.returned_products.takeaway", **storebook.service.returned_sku_facts(by_sku))
    storebook.results.record("service.returned_products", by_sku.head(12))

# %%
with page.section("service.reasons"):
    by_reason = storebook.service.summarise_returns(page.wb, page.period, page.platforms, by=["category", "reason"])
    reason_facts = storebook.service.reason_facts(by_reason)
    page.show(storebook.plots.heatmap(by_reason, page.text, index="category", columns="reason",
                                      values="share_of_returns", kind="pct",
                                      title=page.t("service.reasons.title", **reason_facts)))
    page.takeaway("service.reasons.takeaway", **reason_facts)
    storebook.results.record("service.reasons", by_reason)

# %% [markdown] tags=["analyst"]
# The trace: each SKU's complaints over the last two months against its paid orders × the complaint
# rate of the other SKUs of its category (its peers; the rest of the store when the peers have fewer than
# five complaints). A SKU stands out at ≥ 5 complaints, ≥ 2× its expectation, and a one-sided Poisson
# p-value below 0.05 ÷ the number of SKUs tested. Its complaints that name a batch are then compared with
# each batch's share of the units received; the batch's purchase order names the supplier.

# %%
with page.section("service.trace"):
    trace = storebook.service.trace_complaint_spike(page.wb, page.period, page.platforms, months=2)
    page.show(storebook.tables.format_table(trace, page.text, columns=[
        "supplier_name", "sku", "batch_id", "po_id", "received_on", "batch_complaints", "batch_share_of_complaints",
        "batch_share_of_units"]))
    page.takeaway("service.trace.takeaway", **storebook.service.trace_facts(trace, months=2))
    storebook.results.record("service.spike", storebook.service.trace_record(trace))

# %%
page.finish()
