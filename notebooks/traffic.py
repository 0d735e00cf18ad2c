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
# # Traffic — analyst notes
#
# What this notebook answers for the month: how many people visited each platform and what a visitor
# was worth (UV价值 = 支付金额 / 访客数), how visitors moved day by day against last year, where they came
# from (channel mix), on which device, what paid traffic cost and returned, and which days fell outside
# what the calendar leads us to expect.
#
# How to use it: set the parameters below (or leave them: the last complete month, every platform) and
# run all. Every number comes from `storebook.traffic`; every heading and sentence of the report from the
# text catalogue `storebook.report.text` (English and 中文). Cells tagged `analyst`, like this one, are left out
# of the HTML report.
#
# Platform visitor totals come from the platforms' de-duplicated `channel = 'all'` rows; channel rows
# count a visitor once per source, so they are only used for the channel mix (as shares of source visits).

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("traffic", month=month, platforms=platforms, data_path=data_path, language=language)

# %% [markdown] tags=["analyst"]
# The headline compares each metric with the prior month and the same month last year (relative
# changes). The all-platform row sums the platforms: they share no visitor id.

# %%
with page.section("traffic.headline"):
    headline = storebook.traffic.traffic_headline(page.wb, page.period, page.platforms)
    for part in storebook.traffic.split_headline(headline):
        page.show(storebook.tables.metric_cards(part, page.text))
    page.takeaway("traffic.headline.takeaway", **storebook.traffic.headline_facts(headline, page.period))
    storebook.results.record("traffic.headline", storebook.traffic.headline_record(headline, page.text))
    storebook.results.record("traffic.by_platform", headline)

# %% [markdown] tags=["analyst"]
# Daily visitors of the selected platforms (bars), their trailing 7-day average, and the 7-day
# average of the same calendar dates last year (dashed). Shaded: the calendar's events (`storebook.engine.calendar`).

# %%
with page.section("traffic.daily"):
    daily = storebook.traffic.daily_traffic(page.wb, page.period, page.platforms)
    daily_facts = storebook.traffic.daily_facts(daily)
    page.show(storebook.plots.daily_trend(daily, page.text, china=page.china, country=page.country,
                                          title=page.t("traffic.daily.title", **daily_facts)))
    page.takeaway("traffic.daily.takeaway", **daily_facts)
    storebook.results.record("traffic.peak_day", daily_facts["peak_day"])

# %% [markdown] tags=["analyst"]
# Channel shares are shares of *source visits*: a visitor who came through two sources counts in
# both, so channel visits add up to more than the visitors of the headline. The table is the channel ×
# platform view of source visits; the second one the change of each channel's share on the prior month.

# %%
with page.section("traffic.channels"):
    mix = storebook.traffic.channel_mix(page.wb, page.period, page.platforms)
    channel_facts = storebook.traffic.channel_facts(mix)
    page.show(storebook.plots.share_bars(mix, page.text, title=page.t("traffic.channels.title", **channel_facts)))
    page.show(storebook.tables.pivot_table(mix, page.text, index="channel", columns="platform", values="visitors"))
    page.show(storebook.tables.format_table(storebook.traffic.all_platforms(mix), page.text,
                                            columns=["channel", "share", "share_change", "visitors_vs_prior",
                                                     "conversion_rate"]))
    page.takeaway("traffic.channels.takeaway", **channel_facts)
    storebook.results.record("traffic.channels", storebook.traffic.all_platforms(mix))

# %% [markdown] tags=["analyst"]
# Devices are disjoint, so their visitors add up to the platform total. The chart follows the
# mobile share over thirteen months (a year and its comparison month).

# %%
with page.section("traffic.devices"):
    devices = storebook.traffic.device_split(page.wb, page.period, page.platforms)
    device_facts = storebook.traffic.device_facts(devices, page.period)
    page.show(storebook.plots.share_trend(devices, page.text, title=page.t("traffic.devices.title", **device_facts)))
    page.show(storebook.tables.format_table(storebook.traffic.latest_month(devices), page.text,
                                            columns=["platform", "device", "visitors", "share", "conversion_rate"]))
    page.takeaway("traffic.devices.takeaway", **device_facts)
    storebook.results.record("traffic.mobile_share", device_facts["mobile_share"])

# %% [markdown] tags=["analyst"]
# Paid traffic from `marketing_spend`: CTR = clicks / impressions, CPC = spend / clicks, cost per
# visitor = spend / the channel's visitors (traffic table), ROAS = the platforms' attributed sales / spend.
# The dotted line marks ROAS 1 (sales equal to spend), the dashed one the all-channel ROAS.

# %%
with page.section("traffic.paid"):
    paid = storebook.traffic.paid_traffic(page.wb, page.period, page.platforms)
    paid_facts = storebook.traffic.paid_facts(paid)
    page.show(storebook.plots.efficiency_bars(paid, page.text, title=page.t("traffic.paid.title", **paid_facts)))
    page.show(storebook.tables.format_table(paid, page.text,
                                            columns=["channel", "spend_amount", "clicks", "ctr", "cpc",
                                                     "cost_per_visitor", "roas"]))
    page.takeaway("traffic.paid.takeaway", **paid_facts)
    storebook.results.record("traffic.roas", paid_facts["roas"])

# %%
with page.section("traffic.campaigns"):
    campaigns = storebook.traffic.paid_traffic(page.wb, page.period, page.platforms, by="campaign")
    page.show(storebook.tables.format_table(campaigns, page.text,
                                            columns=["platform", "campaign_name", "spend_amount", "ctr", "cpc",
                                                     "roas", "spend_vs_prior"]))
    page.takeaway("traffic.campaigns.takeaway", **storebook.traffic.campaign_facts(campaigns))

# %% [markdown] tags=["analyst"]
# Each platform-day is compared with the band expected for it (`storebook.measures.stats.expected_band`):
# the same weekday over recent ordinary weeks; festival and holiday days against the same day of the same
# event last year (or, for an event new to the data, against its other days); 调休 weekends against other
# 调休 days. China's festivals, holidays and 调休 count only where China's calendar applies to the store
# (`storebook.engine.calendar.used_for`: `[store] country = "CN"`, or, with no country set, a Chinese platform or
# yuan; the takeaway says which kept them out); elsewhere the store's own country's public holidays
# (`storebook.engine.calendar.own_country`: `[store] country`, or a currency or time zone naming one country) are judged
# against the same holiday last year, and every other day against its ordinary weekday. A day is flagged when visitors or the paid amount leave the band (paid amount only where a
# day expects at least ten buyers). The driver is the most surprising of visitors × conversion × order
# value; `likely_cause` names a tracking/data problem where visitors collapsed while the paid amount held (buyers
# paid, their visits were not recorded). The second table counts the promotions running that day — the usual
# reason for a flagged ordinary day. A day with no comparable day (a festival new to the data) is not judged.

# %%
with page.section("traffic.anomalies"):
    anomalies = storebook.traffic.detect_anomalies(page.wb, page.period, page.platforms)
    anomaly_facts = storebook.traffic.anomaly_facts(anomalies)
    page.show(storebook.plots.anomaly_bands(anomalies, page.text, china=page.china, country=page.country,
                                            title=page.t("traffic.anomalies.title", **anomaly_facts)))
    page.show(storebook.tables.format_table(storebook.traffic.flagged_days(anomalies), page.text,
                                            columns=["platform", "visited_on", "event", "visitors_effect", "paid_effect",
                                                     "driver", "likely_cause"]))
    page.takeaway("traffic.anomalies.takeaway", **anomaly_facts)
    if anomaly_facts["other_tracking"]:
        page.takeaway("traffic.anomalies.tracking", **anomaly_facts["tracking_note"])
    if anomaly_facts["n_not_judged"]:
        page.takeaway("traffic.anomalies.not_judged", **anomaly_facts["not_judged_note"])
    if anomaly_facts["n_flagged"]:
        page.show(storebook.tables.format_table(storebook.traffic.flagged_days(anomalies), page.text,
                                                caption=page.t("traffic.anomalies.details"),
                                                columns=["platform", "visited_on", "visitors", "visitors_expected",
                                                         "conversion_effect", "aov_effect", "n_promotions"]))
    storebook.results.record("traffic.flagged_days", storebook.traffic.anomaly_record(anomalies))

# %%
page.finish()
