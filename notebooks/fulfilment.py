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
# # Fulfilment and logistics — analyst notes
#
# What this notebook answers for the month: were paid orders shipped within 24 and 48 hours (the platforms'
# 发货时效), by platform, warehouse and day, and what was still waiting at the month's end; how long parcels
# took by carrier and province and how many arrived later than promised; whether a carrier was slow to a group
# of provinces for part of the month; what the Spring Festival does to delivery; what logistics cost per order
# and per unit; and how many logistics complaints and refunds came per 1,000 orders.
#
# How to use it: set the parameters below (or leave them: the last complete month, every platform) and run all. Every number comes from `storebook.fulfilment`; every heading and sentence of the
# report from the text catalogue `storebook.report.text` (English and 中文). Cells tagged `analyst`, like this one, are
# left out of the HTML report.
#
# Definitions (the module docstring has them in full): an order counts in the month it was **paid**; it is
# "shipped" when its first parcel leaves; a 24-hour window that has not closed by the data's last moment is not
# judged, and orders paid during the Spring Festival logistics shutdown carry no dispatch or delivery promise. A
# store China's calendar does not apply to has no shutdown; its own country's public holidays
# (`storebook.engine.calendar.own_country`) do not count in the hours it has to ship nor in the days a parcel has
# to arrive.
# The delivery promise (days from hand-over) is a store setting: `delivery_promise_days` under `[fulfilment]` in
# storebook.toml or storebook.local.toml — a number, or a table of province = days with a `default`. Without it
# the house promise applies (`storebook.fulfilment.DELIVERY_PROMISE_DAYS`: 4 days, remote provinces 5–7).

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("fulfilment", month=month, platforms=platforms, data_path=data_path, language=language)

# %% [markdown] tags=["analyst"]
# The headline compares the month with the prior month and the same month last year (relative changes).
# Cost per order is the carriers' bill for the parcels handed over in the month; complaints are logistics
# complaint tickets on the orders first shipped in the month. Without the carriers' bill the cost cards show
# what the data hold about the same parcels instead (`storebook.fulfilment.COST_STAND_INS`): what their orders'
# buyers paid for shipping per order, and the parcels per order the carriers bill by — neither is a cost.

# %%
with page.section("fulfilment.headline"):
    headline = storebook.fulfilment.fulfilment_headline(page.wb, page.period, page.platforms)
    for part in storebook.fulfilment.split_headline(headline):
        page.show(storebook.tables.metric_cards(part, page.text))
    page.takeaway("fulfilment.headline.takeaway", **storebook.fulfilment.headline_facts(headline))
    storebook.results.record("fulfilment.headline", storebook.fulfilment.headline_record(headline, page.text, page.wb))

# %% [markdown] tags=["analyst"]
# Ship rate within N hours = orders shipped within N hours of payment / orders due (the N-hour window closed
# before the data's last moment, not paid during the Spring Festival shutdown). Hours are measured from payment
# to the first parcel's hand-over.

# %%
with page.section("fulfilment.dispatch"):
    ship = storebook.fulfilment.summarise_ship_times(page.wb, page.period, page.platforms, by="platform")
    dispatch_facts = storebook.fulfilment.dispatch_facts(ship)
    page.show(storebook.plots.rate_bars(ship, page.text, category="platform", values=["within_24h_rate", "within_48h_rate"],
                                        title=page.t("fulfilment.dispatch.title", **dispatch_facts)))
    page.show(storebook.tables.format_table(ship, page.text, columns=["platform", "orders", "shipped", "median_hours", "p90_hours",
                                                                      "within_24h_rate", "within_48h_rate"]))
    page.takeaway("fulfilment.dispatch.takeaway", **dispatch_facts)
    storebook.results.record("fulfilment.ship_rates", ship)

# %%
with page.section("fulfilment.warehouses"):
    by_warehouse = storebook.fulfilment.summarise_ship_times(page.wb, page.period, page.platforms, by="warehouse")
    page.show(storebook.tables.format_table(by_warehouse, page.text, columns=["warehouse", "orders", "shipped", "median_hours",
                                                                              "p90_hours", "within_24h_rate", "within_48h_rate"]))
    page.takeaway("fulfilment.warehouses.takeaway", **storebook.fulfilment.dispatch_facts(by_warehouse, key="warehouse"))

# %% [markdown] tags=["analyst"]
# The 24-hour ship rate by payment day, with its 7-day average; the calendar's events are shaded. A weak day
# after a festival peak is the backlog of the peak.

# %%
with page.section("fulfilment.daily"):
    daily = storebook.fulfilment.summarise_ship_times(page.wb, page.period, page.platforms, by="day")
    daily_facts = storebook.fulfilment.daily_dispatch_facts(daily)
    page.show(storebook.plots.daily_line(daily, page.text, value="within_24h_rate", kind="pct", china=page.china,
                                         country=page.country, title=page.t("fulfilment.daily.title", **daily_facts)))
    page.takeaway("fulfilment.daily.takeaway", **daily_facts)

# %%
with page.section("fulfilment.backlog"):
    backlog = storebook.fulfilment.count_unshipped_orders(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(backlog, page.text, columns=["platform", "unshipped", "unshipped_amount", "over_48h",
                                                                         "oldest_paid_at"]))
    backlog_facts = storebook.fulfilment.backlog_facts(backlog)
    page.takeaway("fulfilment.backlog.takeaway", **backlog_facts)
    storebook.results.record("fulfilment.unshipped", backlog_facts["unshipped"])

# %% [markdown] tags=["analyst"]
# Delivery time = signed for − handed over, for the parcels handed over in the month. Late = delivered after the
# promise for the destination province, or still on the road past it when the data ends.

# %%
with page.section("fulfilment.carriers"):
    carriers = storebook.fulfilment.summarise_delivery_times(page.wb, page.period, page.platforms, by="carrier")
    carrier_facts = storebook.fulfilment.carrier_facts(carriers)
    page.show(storebook.plots.rate_bars(carriers, page.text, category="carrier", values=["median_days", "p90_days"], kind="number",
                                        title=page.t("fulfilment.carriers.title", **carrier_facts)))
    page.show(storebook.tables.format_table(carriers, page.text, columns=["carrier", "shipments", "delivered", "median_days",
                                                                          "p90_days", "late", "late_rate"]))
    page.takeaway("fulfilment.carriers.takeaway", **carrier_facts)
    storebook.results.record("fulfilment.late_rate", carrier_facts["late_rate"])

# %%
with page.section("fulfilment.provinces"):
    lanes = storebook.fulfilment.summarise_delivery_times(page.wb, page.period, page.platforms, by=["carrier", "province"])
    page.show(storebook.plots.heatmap(storebook.fulfilment.province_grid(lanes), page.text, index="carrier", columns="province",
                                      values="mean_days", title=page.t("fulfilment.provinces.title", top=20)))
    provinces = storebook.fulfilment.summarise_delivery_times(page.wb, page.period, page.platforms, by="province")
    page.show(storebook.tables.format_table(storebook.fulfilment.busiest(provinces, "province"), page.text,
                                            columns=["province", "shipments", "median_days", "p90_days", "late", "late_rate"]))
    page.takeaway("fulfilment.provinces.takeaway", **storebook.fulfilment.carrier_facts(provinces, key="province"))

# %% [markdown] tags=["analyst"]
# Each parcel is compared with the other carriers' parcels to the same province from the same warehouse in the
# same week, less the carrier's own usual pace; the scan looks for a run of days in which one carrier was clearly
# slower to the provinces of one region (`storebook.fulfilment.find_slow_carriers` explains the test). The Spring
# Festival shutdown and the week before it are left out: that slowdown is the calendar's (next section).

# %%
with page.section("fulfilment.slow_carrier"):
    slow = storebook.fulfilment.find_slow_carriers(page.wb, page.period, page.platforms)
    slow_facts = storebook.fulfilment.slow_carrier_facts(slow, page.text)
    if len(slow):
        page.show(storebook.tables.format_table(slow, page.text, columns=["carrier", "province", "first_day", "last_day",
                                                                          "shipments", "carrier_days", "others_days",
                                                                          "mean_excess_days"]))
    page.takeaway("fulfilment.slow_carrier.takeaway", **slow_facts)
    storebook.results.record("fulfilment.slow_carrier", storebook.fulfilment.summarise_slow_carrier(slow))

# %% [markdown] tags=["analyst"]
# Days from payment to delivery (the last parcel signed for) by payment day over thirteen months. The shaded
# spans are the calendar's events; the Spring Festival logistics shutdown shows as the one tall peak. A store China's
# calendar does not apply to (`storebook.engine.calendar.used_for`: its `[store] country` set elsewhere, or none set
# and no Chinese platform nor yuan; the takeaway says which) has no shutdown: the section follows its delivery
# times over the months, its own country's public holidays shaded.

# %%
with page.section("fulfilment.spring_festival"):
    trend = storebook.fulfilment.trend_delivery_times(page.wb, page.period, page.platforms)
    festival = storebook.fulfilment.shutdown_facts(trend)
    page.show(storebook.plots.daily_line(trend, page.text, value="total_days", china=page.china, country=page.country,
                                         title=page.t("fulfilment.spring_festival.title", **festival)))
    page.takeaway("fulfilment.spring_festival.takeaway", **festival)
    storebook.results.record("fulfilment.spring_festival_extra_days", festival["extra_days"])

# %% [markdown] tags=["analyst"]
# An order shipped in n parcels counts 1/n order (and 1/n of its units) for each parcel's carrier and province,
# so the rows add up to the total. Without the carriers' bill (no `shipping_cost_amount` in the shipments) the
# section shows what the carriers bill by — parcels per order, units per parcel — and, where the orders carry it,
# the shipping buyers paid; the note names the export that adds the cost. Every figure of the section is over one
# group: the parcels handed over in the month and their orders (the shipping buyers paid too, at the same shares).

# %%
with page.section("fulfilment.cost"):
    costs = storebook.fulfilment.compute_logistics_costs(page.wb, page.period, page.platforms, by="carrier")
    charged = storebook.fulfilment.summarise_shipping_charged(page.wb, page.period, page.platforms)
    cost_facts = storebook.fulfilment.cost_facts(costs, charged)
    if cost_facts["variant"] is None:  # the carriers' bill is known
        page.show(storebook.plots.hbars(costs, page.text, category="carrier", values=["cost_per_order", "cost_per_unit"],
                                        kind="money2", title=page.t("fulfilment.cost.title", **cost_facts)))
        page.show(storebook.tables.format_table(costs, page.text, columns=["carrier", "shipments", "orders", "units", "cost",
                                                                           "cost_per_order", "cost_per_unit"]))
        province_costs = storebook.fulfilment.compute_logistics_costs(page.wb, page.period, page.platforms, by="province")
        page.show(storebook.tables.format_table(storebook.fulfilment.busiest(province_costs, "province"), page.text,
                                                columns=["province", "shipments", "orders", "cost", "cost_per_order",
                                                         "cost_per_unit"]))
    else:
        page.show(storebook.tables.format_table(costs, page.text, columns=["carrier", "shipments", "orders", "units",
                                                                           "parcels_per_order", "units_per_parcel"]))
    if cost_facts["shipping_known"]:
        page.show(storebook.tables.format_table(charged, page.text, columns=["platform", "orders_known", "shipping_charged",
                                                                             "shipping_per_order", "free_shipping_rate"]))
    page.takeaway("fulfilment.cost.takeaway", **cost_facts)
    storebook.results.record("fulfilment.cost_per_order", cost_facts["cost_per_order"])

# %%
with page.section("fulfilment.issues"):
    issues = storebook.fulfilment.count_logistics_issues(page.wb, page.period, page.platforms, by="carrier")
    issue_facts = storebook.fulfilment.issue_facts(issues)
    if issue_facts["bars"]:  # the rates that are known (complaints without a topic are not)
        page.show(storebook.plots.rate_bars(issues, page.text, category="carrier", values=issue_facts["bars"],
                                            kind="number", title=page.t("fulfilment.issues.title", **issue_facts)))
    page.show(storebook.tables.format_table(issues, page.text, columns=["carrier", "orders", "complaints", "complaints_per_1000",
                                                                        "refunds_per_1000", "refund_amount"]))
    page.takeaway("fulfilment.issues.takeaway", **issue_facts)
    storebook.results.record("fulfilment.complaints_per_1000", issue_facts["complaints_per_1000"])

# %%
page.finish()
