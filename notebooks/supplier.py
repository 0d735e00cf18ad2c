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
# # Suppliers and stock — analyst notes
#
# What this notebook answers for the month: the scorecard of every supplier for the month and the trailing six
# months — OTIF (on time against the promised date and in full), mean lead time and its coefficient of
# variation against the contract lead time, fill rate, days late on average, rejection rate, unit cost
# against the standard cost, POs — with a grade and a ranking on stated thresholds (how late and how short are
# graded; OTIF, which counts a line one day late as a miss, only breaks ties); the PO lines of the month that came late or short; stock health
# per SKU (stockout days, days of cover, sell-through); and which stockouts late or short deliveries explain,
# with the sales they lost, per supplier.
#
# How to use it: set the parameters below and run all. Every number comes from `storebook.supplier`; every
# heading and sentence from the text catalogue. Cells tagged `analyst` are left out of the HTML report.
#
# A PO line counts in the month it is **due** (promised). A SKU is *out of stock* on a day it ended with
# nothing on hand in any warehouse (sales were lost); a *warehouse stockout* is one warehouse empty (orders
# ship from a farther one). A stockout day is blamed on a **late** delivery when a PO line of the SKU was due
# and had not arrived, on a **short** one when the last receipt came in short and the missing units would have
# covered the day, else on **other** causes. Lost sales = in-stock daily sales (3 months) × stockout days ×
# average selling price. Purchase orders and stock are shared by the platforms; `platforms` only chooses whose
# sales count.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("supplier", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.guard("supplier.headline"):
    storebook.results.record("supplier.headline", storebook.supplier.headline_record(
        storebook.supplier.supplier_headline(page.wb, page.period, page.platforms), page.text))

# %% [markdown] tags=["analyst"]
# The order book of the month's due lines: what every purchase-order export holds. The scorecard below needs the
# receipts (`received_on`); without them this section still says what was due, and how long each supplier
# promised to take against its contract.

# %%
with page.section("supplier.orders"):
    orders = storebook.supplier.summarise_purchase_orders(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(orders, page.text,
                                            columns=storebook.tables.known_columns(orders, [
                                                "supplier", "n_pos", "n_lines", "qty_ordered", "promised_lead_days",
                                                "contract_lead_time_days", "within_contract_rate", "open_lines"])))
    page.takeaway("supplier.orders.takeaway", **storebook.supplier.purchase_order_facts(orders))

# %%
with page.section("supplier.scorecard"):
    ranked = storebook.supplier.rank_suppliers(page.wb, page.period, page.platforms)
    ranking_facts = storebook.supplier.ranking_facts(ranked)
    page.show(storebook.plots.hbars(ranked, page.text, category="supplier", values=["otif_rate", "month_otif_rate"],
                                    kind="pct", title=page.t("supplier.scorecard.title", **ranking_facts)))
    page.show(storebook.tables.format_table(ranked, page.text,
                                            columns=["rank", "supplier", "grade", "mean_days_late", "fill_rate",
                                                     "otif_rate", "month_otif_rate", "penalty"]))
    page.takeaway("supplier.scorecard.takeaway", **ranking_facts)
    page.takeaway("supplier.thresholds", months=ranking_facts["months"])
    page.show(storebook.tables.format_table(ranked, page.text, caption=page.t("supplier.scorecard.details"),
                                            columns=["supplier_id", "n_pos", "n_lines", "rejection_rate",
                                                     "mean_lead_time_days", "contract_lead_time_days",
                                                     "lead_time_cv", "cost_variance"]))
    storebook.results.record("supplier.ranking", ranked)
    storebook.results.record("supplier.worst", ranking_facts["worst"])

# %%
with page.section("supplier.lines"):
    lines = storebook.supplier.list_late_short_lines(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(lines.head(20), page.text,
                                            columns=["supplier_id", "po_id", "line_no", "sku", "ordered_on",
                                                     "promised_on", "received_on", "days_late", "qty_ordered",
                                                     "qty_received", "qty_short"]))
    page.takeaway("supplier.lines.takeaway", **storebook.supplier.lines_facts(lines))
    storebook.results.record("supplier.late_short_lines", len(lines))

# %%
with page.section("supplier.inventory"):
    inventory = storebook.supplier.measure_inventory(page.wb, page.period, page.platforms)
    problems = storebook.supplier.stock_problems(inventory)
    page.show(storebook.tables.format_table(
        problems, page.text, caption=page.t("supplier.inventory.table", **storebook.supplier.stock_problem_facts(inventory)),
        columns=storebook.tables.known_columns(problems, ["sku", "product_name", "supplier_id", "stockout_days",
                                                          "warehouse_stockout_days", "closing_on_hand",
                                                          "days_of_cover"])))
    page.takeaway("supplier.inventory.takeaway", **storebook.supplier.inventory_facts(inventory))

# %%
with page.section("supplier.stockouts"):
    lost = storebook.supplier.sum_lost_sales(page.wb, page.period, page.platforms)
    lost_facts = storebook.supplier.lost_facts(lost)
    if len(lost):
        page.show(storebook.plots.hbars(lost, page.text, category="supplier",
                                        values=["warehouse_late_days", "warehouse_short_days", "warehouse_other_days"],
                                        kind="count", stacked=True, title=page.t("supplier.stockouts.title")))
        page.show(storebook.tables.format_table(lost, page.text,
                                                columns=["supplier", "stockout_days", "warehouse_stockout_days",
                                                         "warehouse_attributed_days", "attributed_lost_sales_amount"]))
    page.takeaway("supplier.stockouts.takeaway", **lost_facts)
    storebook.results.record("supplier.lost_sales", lost)

# %%
with page.section("supplier.stockouts_trailing"):
    lost_trailing = storebook.supplier.sum_lost_sales(page.wb, page.period, page.platforms, months=6)
    trailing_facts = storebook.supplier.lost_facts(lost_trailing)
    if len(lost_trailing):
        page.show(storebook.plots.hbars(lost_trailing, page.text, category="supplier",
                                        values=["attributed_lost_sales_amount"], kind="money",
                                        title=page.t("supplier.stockouts_trailing.title", **trailing_facts)))
        page.show(storebook.tables.format_table(lost_trailing, page.text,
                                                columns=["supplier", "stockout_days", "attributed_days",
                                                         "warehouse_attributed_days", "attributed_lost_sales_amount"]))
    page.takeaway("supplier.stockouts_trailing.takeaway", **trailing_facts)
    storebook.results.record("supplier.lost_sales_6m", lost_trailing)

# %%
page.finish()
