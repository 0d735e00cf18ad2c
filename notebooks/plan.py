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
# # Planning — analyst notes
#
# A forecast of the next three months per platform (paid amount, paid orders, visitors) from a quasi-Poisson GLM
# (statsmodels) of the daily history on a trend, the weekday with 调休 working weekends, public holidays and the
# festivals of `storebook.engine.calendar` (618, 双11, 双12, 年货节, the Spring Festival shutdown) in their phases; 95% intervals
# from draws of the fitted model. The calendar places the fixed-date festivals from the year each began, the Spring
# Festival and 年货节 in 2004–2027 and the public holidays in the years published: history days where it cannot place a
# festival are left out of the fit, and the forecast's months where it cannot are said, not shown as holding none.
# China's calendar is used only where the store sells in China (a Chinese platform, or amounts in CNY); elsewhere the
# model has the weekday, the season and the store's own country's public holidays (`storebook.engine.calendar.own_country`:
# `[store] country`, or a currency or time zone naming one country; none where neither says), and the page says which. A platform's history ends where its own orders do. The backtest refits the
# model before each of the last six months and forecasts that month (MAPE, 平均绝对百分比误差). The proposed target is
# the quarter's 75th percentile: reached about one quarter in four without doing anything new. A platform whose orders do not all carry a paid amount (a units-only export) has
# its orders and visitors forecast, not its amount. Every number comes from `storebook.plan`.

# %% tags=["parameters"]
month = None        # "YYYY-MM", or None for the last complete month in the data
platforms = None    # e.g. ["tmall"], or None for every platform of the workbook
data_path = None    # folder of processed tables, or None for the one in storebook.toml
language = "en"     # "en" or "zh": the language of every report-facing string

# %%
import storebook

page = storebook.notebook.start("plan", month=month, platforms=platforms, data_path=data_path, language=language)

# %%
with page.section("plan.headline"):
    forecast = storebook.plan.forecast_months(page.wb, page.period, page.platforms)
    checked = storebook.plan.backtest(page.wb, page.period, page.platforms)
    headline = storebook.plan.plan_headline(forecast, checked, storebook.plan.daily_history(
        page.wb, page.period.end, page.platforms))
    for part in storebook.tables.card_rows(storebook.plan.cards(headline), 2):
        page.show(storebook.tables.metric_cards(part, page.text))
    page.takeaway("plan.headline.takeaway", **storebook.plan.headline_facts(forecast, checked))
    storebook.results.record("plan.headline", storebook.plan.headline_record(headline, page.text))

# %%
with page.section("plan.forecast"):
    forecast = storebook.plan.forecast_months(page.wb, page.period, page.platforms)
    amount = storebook.plan.forecast_of(forecast, "paid_amount")
    if len(amount):
        page.show(storebook.tables.pivot_table(amount, page.text, index="platform", columns="month", values="forecast"))
    page.show(storebook.tables.format_table(storebook.plan.forecast_of(forecast, "orders"), page.text, columns=[
        "platform", "month", "forecast", "low", "high"], kinds={"month": "text", "forecast": "count", "low": "count",
                                                               "high": "count"}))
    page.takeaway("plan.forecast.takeaway", **storebook.plan.forecast_facts(forecast, page.text))
    page.takeaway("plan.forecast.basis", **storebook.plan.basis_facts(forecast, page.text))
    storebook.results.record("plan.forecast", storebook.plan.forecast_record(forecast))

# %% [markdown] tags=["analyst"]
# Each of the last six months forecast by a model fitted on the history before it (one month ahead): error =
# forecast ÷ actual − 1; MAPE = the mean of its absolute value.

# %%
with page.section("plan.backtest"):
    summary = storebook.plan.summarise_backtest(storebook.plan.backtest(page.wb, page.period, page.platforms))
    page.show(storebook.tables.format_table(summary, page.text, columns=[
        "platform", "metric", "months", "mape", "worst_month", "worst_error", "inside_share"],
        kinds={"worst_month": "text", "months": "count"}))
    page.takeaway("plan.backtest.takeaway", **storebook.plan.backtest_facts(summary))
    storebook.results.record("plan.backtest", storebook.plan.backtest_record(summary))

# %%
with page.section("plan.month"):
    month_rows = storebook.plan.check_month(storebook.plan.backtest(page.wb, page.period, page.platforms), page.period)
    page.show(storebook.tables.format_table(month_rows, page.text, columns=[
        "platform", "metric", "actual", "forecast", "low", "high", "error", "inside"]))
    page.takeaway("plan.month.takeaway", **storebook.plan.month_facts(month_rows, page.text))
    storebook.results.record("plan.month_check", month_rows)

# %%
with page.section("plan.targets"):
    targets = storebook.plan.propose_targets(page.wb, page.period, page.platforms)
    page.show(storebook.tables.format_table(storebook.plan.targets_table(targets), page.text, columns=[
        "platform", "metric", "forecast", "target", "last_year_quarter", "target_vs_last_year", "trend", "mape"],
        kinds={"last_year_quarter": "count"}))
    page.takeaway("plan.targets.takeaway", **storebook.plan.targets_facts(targets))
    storebook.results.record("plan.targets", storebook.plan.targets_record(targets))

# %%
page.finish()
