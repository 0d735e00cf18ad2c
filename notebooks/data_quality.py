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
# # Data quality — analyst notes
#
# How far the month's numbers can be trusted, in one page that follows the overview: what ingest kept and
# rejected of each export (per table and reason), how complete the optional columns are that the reports
# lean on (province, channel, customer, unit cost, funnel counts …), which orders and lines need a caveat
# (unpaid orders, guest checkouts, booked adjustments, SKUs not in the product catalogue, revenue without a
# known cost), and the files behind every table.
#
# Everything comes from `storebook.quality` over the processed tables, `_ingest.json` and `_rejected/`.
# Coverage is over the month's rows for dated tables and over all rows for catalogues (products,
# suppliers). Cells tagged `analyst` are left out of the HTML report.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("data_quality", month=month, platforms=platforms, data_path=data_path,
                                language=language)

# %%
with page.guard("data_quality.headline"):
    storebook.results.record("data_quality.headline", storebook.quality.headline_record(page.wb, page.period, page.text))

# %%
with page.section("data_quality.ingest"):
    ingest = storebook.quality.summarise_ingest(page.wb)
    page.show(storebook.tables.format_table(storebook.quality.label_ingest(ingest, page.text), page.text,
                                            columns=["table", "files", "rows_read", "rows_written", "rows_rejected",
                                                     "kept_share", "unknown_references"]))
    page.takeaway("data_quality.ingest.takeaway", **storebook.quality.quality_facts(ingest))
    folded = storebook.quality.folded_facts(page.wb, page.text)
    if folded:
        page.takeaway("data_quality.ingest.folded", **folded)
    currencies = storebook.quality.currency_facts(page.wb, page.text)
    if currencies:
        page.takeaway("data_quality.ingest.currency", **currencies)
    mixed_currency = storebook.quality.mixed_currency_facts(page.wb, page.text)
    if mixed_currency:
        page.takeaway("data_quality.ingest.mixed_currency", **mixed_currency)
    unread_currency = storebook.quality.unread_currency_facts(page.wb, page.text)
    if unread_currency:
        page.takeaway("data_quality.ingest.currency.not_code.rejected", **unread_currency)
    inferred_currency = storebook.quality.inferred_currency_facts(page.wb, page.text)
    if inferred_currency:
        page.takeaway("data_quality.ingest.currency.inferred", **inferred_currency)
    inferred_country = storebook.quality.inferred_country_facts(page.wb, page.text)
    if inferred_country:
        page.takeaway("data_quality.ingest.country.inferred", **inferred_country)
    storebook.results.record("data_quality.ingest", ingest)

# %%
with page.section("data_quality.rejections"):
    rejections = storebook.quality.rank_rejections(page.wb)
    if len(rejections):
        page.show(storebook.tables.format_table(storebook.quality.label_rejections(rejections, page.text), page.text,
                                                columns=["table", "column", "problem", "rows", "share", "example",
                                                         "example_row"]))
        page.takeaway("data_quality.rejections.takeaway")
    else:
        page.takeaway("data_quality.rejections.none")
    storebook.results.record("data_quality.rejections", rejections)

# %%
with page.section("data_quality.coverage"):
    coverage = storebook.quality.measure_coverage(page.wb, page.period)
    page.show(storebook.plots.hbars(storebook.quality.label_coverage(coverage, page.text), page.text, category="field",
                                    values=["known_share"], kind="pct", title=page.t("data_quality.coverage.title")))
    page.takeaway("data_quality.coverage.takeaway",
                  **storebook.quality.quality_facts(coverage=storebook.quality.label_coverage(coverage, page.text)))
    storebook.results.record("data_quality.coverage", coverage)

# %%
with page.section("data_quality.orders"):
    order_quality = storebook.quality.measure_order_quality(page.wb, page.period)
    page.show(storebook.tables.format_table(order_quality, page.text, columns=["metric", "number", "share", "of"]))
    page.takeaway("data_quality.orders.takeaway", **storebook.quality.quality_facts(orders=order_quality))
    storebook.results.record("data_quality.orders", order_quality)

# %%
with page.section("data_quality.files"):
    files = storebook.quality.list_files(page.wb)
    page.show(storebook.tables.format_table(storebook.quality.label_files(files, page.text), page.text,
                                            columns=["path", "table", "rows_read", "rows_written", "rows_rejected"]))
    lookups = storebook.quality.list_lookups(page.wb)
    if len(lookups):
        page.show(storebook.tables.format_table(storebook.quality.label_lookups(lookups, page.text), page.text,
                                                columns=["path", "joined_into"]))
    not_read = storebook.quality.list_not_read(page.wb)
    if len(not_read):
        page.show(storebook.tables.format_table(not_read, page.text, columns=["path", "why"]))
    page.takeaway("data_quality.files.takeaway", **storebook.quality.files_facts(files, not_read, lookups))

# %%
page.finish()
