"""Marketing (营销): spend against budget and its pace, what a new customer costs, which
campaigns earned their money — by the platforms' attribution and, where a holdout test
allows it, by what they added — and which to cut or scale.

Every marketing metric is defined once, in :mod:`storebook.measures.marketing` (the traffic,
profit and overview reports call the same formulas); this module builds the report on them:

* 点击率 ctr = clicks ÷ impressions; 平均点击花费 cpc = spend ÷ clicks; 访客成本
  cost_per_visitor = spend ÷ the channel's visitors;
* 投入产出比 roas = attributed amount ÷ spend (the platform's own attribution);
  毛利投产比 margin_roas = roas × gross-margin rate (break-even at 1);
* 超预算 over_budget = spend − budget; over_budget_rate = spend ÷ budget − 1;
  预算进度 pace = (spend ÷ budget) ÷ (days elapsed ÷ days of the month);
* 营销费比 marketing_ratio = marketing spend ÷ paid amount;
* 新客获客成本 cac = marketing spend ÷ new buyers (buyers whose first paid order on the
  platform falls in the month, :func:`storebook.measures.buyers.split_new_returning`);
* 增量 incremental = treatment − holdout × treatment audience ÷ holdout audience (a holdout
  test, ``campaign_holdouts``); 增量投产比 incremental_roas = incremental paid amount ÷ spend.

A campaign pays back when its incremental gross margin covers its spend
(incremental_roas × gross-margin rate ≥ 1). Verdicts: ``scale`` when even the low end of
its interval pays back, ``cut`` when even the high end does not, ``keep`` between; an
untested campaign is ``test`` (its attributed return pays back, so a holdout should show
whether it is real) or ``cut`` (not even the platform's generous attribution pays back).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL, extremes, stats
from storebook.measures.buyers import split_new_returning
from storebook.measures.marketing import (  # noqa: F401 (the report's formulas: storebook.marketing.<name>)
    cac,
    cost_per_visitor,
    cpc,
    ctr,
    incremental,
    is_over_budget,
    margin_roas,
    marketing_ratio,
    over_budget,
    over_budget_rate,
    paid_traffic,
    roas,
)
from storebook.measures.metrics import headline_entries
from storebook.measures.platform_rows import lone_platform
from storebook.measures.pnl import contribution_pnl
from storebook.measures.ratios import relative_change
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

#: Months before the report month whose holdout tests still speak for a campaign.
TEST_MONTHS = 3


# ----------------------------------------------------------------------------- spend and budget

def _spend_rows(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    s = wb.table("marketing_spend")
    s = s.filter(s.spent_on >= period.start_ts, s.spent_on < period.end_ts, s.platform.isin(platforms))
    return wb.execute(s)


def _no_spend(period: Period, platforms: list[str]) -> NoDataError:
    return NoDataError(
        f"no marketing spend for {period.label} on {', '.join(platforms)}: put the ad platforms' spend exports into "
        "data/raw/marketing_spend/ and run `storebook ingest`, or choose another month",
        key="no_data.marketing_spend", values={"month": period.label, "platforms": platforms},
    )


def _budgets(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    """Per platform × channel budget of the month (targets.marketing_spend_amount)."""
    empty = pd.DataFrame({"platform": pd.Series(dtype="str"), "channel": pd.Series(dtype="str"),
                          "budget": pd.Series(dtype="float64")})
    if not wb.has("targets"):
        return empty
    t = wb.table("targets")
    t = t.filter(t.month_on == period.start_ts, t.platform.isin(platforms), t.metric == "marketing_spend_amount")
    out = wb.execute(t.group_by(["platform", "channel"]).aggregate(budget=t.target_value.sum()))
    return out if len(out) else empty


def pace_budget(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Spend against budget per platform × channel, and the pace it is spent at (预算执行进度).

    Formula: :func:`over_budget`, :func:`over_budget_rate`; elapsed = the share of the month's
    days up to the last day with spend; pace = (spend ÷ budget) ÷ elapsed (1: on pace);
    projected_spend = spend ÷ elapsed (the month's end at this pace); the platform's
    ``total`` channel adds its channels up.

    Returns:
        One row per platform × channel with spend or budget, then a ``total`` per platform:
        platform, channel, spend, budget, over_budget, over_budget_rate, is_over, elapsed,
        pace, projected_spend, campaigns.
    Raises:
        NoDataError: no marketing spend in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    rows = _spend_rows(wb, period, plats)
    if rows.empty:
        raise _no_spend(period, plats)
    last = pd.Timestamp(rows["spent_on"].max())
    elapsed = ((last.date() - period.start).days + 1) / period.days
    spend = rows.groupby(["platform", "channel"], as_index=False).agg(
        spend=("spend_amount", "sum"), campaigns=("campaign_id", "nunique"))
    m = spend.merge(_budgets(wb, period, plats), on=["platform", "channel"], how="outer")
    m = m.assign(spend=m["spend"].fillna(0.0), campaigns=m["campaigns"].fillna(0).astype("int64"))
    totals = m.groupby("platform", as_index=False).agg(spend=("spend", "sum"), campaigns=("campaigns", "sum"),
                                                       budget=("budget", lambda s: s.sum(min_count=1)))
    m = pd.concat([m, totals.assign(channel=TOTAL)[m.columns]], ignore_index=True)
    order = {p: i for i, p in enumerate(plats)}
    channels = {c: i for i, c in enumerate([*wb.config.channels, TOTAL])}
    m = m.assign(
        over_budget=over_budget(m["spend"], m["budget"]), over_budget_rate=over_budget_rate(m["spend"], m["budget"]),
        is_over=is_over_budget(m["spend"], m["budget"]), elapsed=elapsed,
        pace=_ratio(_ratio(m["spend"], m["budget"]), pd.Series(elapsed, index=m.index)),
        projected_spend=m["spend"] / elapsed,
        _p=m["platform"].map(order), _c=m["channel"].map(channels).fillna(len(channels)),
    ).sort_values(["_p", "_c", "channel"]).reset_index(drop=True)
    return m[["platform", "channel", "spend", "budget", "over_budget", "over_budget_rate", "is_over", "elapsed",
              "pace", "projected_spend", "campaigns"]]


def daily_spend(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Cumulative spend day by day per channel (all platforms) against its budget spread evenly.

    Returns:
        One row per channel × day of the month: channel, day, spend, cum_spend, cum_budget
        (NaN where the channel has no budget).
    Raises:
        NoDataError: no marketing spend in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    rows = _spend_rows(wb, period, plats)
    if rows.empty:
        raise _no_spend(period, plats)
    budget = _budgets(wb, period, plats).groupby("channel")["budget"].sum()
    days = pd.DataFrame({"day": period.dates()})
    out = []
    for channel, g in rows.groupby("channel"):
        daily = g.groupby("spent_on")["spend_amount"].sum().rename("spend")
        f = days.merge(daily, left_on="day", right_index=True, how="left").fillna({"spend": 0.0})
        share = np.arange(1, len(f) + 1) / len(f)
        out.append(f.assign(channel=channel, cum_spend=f["spend"].cumsum(), cum_budget=budget.get(channel, np.nan) * share))
    return pd.concat(out, ignore_index=True)[["channel", "day", "spend", "cum_spend", "cum_budget"]]


def _gross_margin_rates(wb: Workbook, period: Period, platforms: list[str]) -> pd.Series:
    """The month's gross-margin rate per platform (and total) from the contribution P&L, where known."""
    try:
        pnl = contribution_pnl(wb, period, platforms)
    except NoDataError:
        return pd.Series(dtype="float64")
    return pnl.set_index("platform")["gross_margin_rate"].astype("float64")


def summarise_campaigns(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The month's campaigns with their spend, attributed return and margin return.

    From the traffic report's paid efficiency by campaign
    (:func:`storebook.measures.marketing.paid_traffic`); margin_roas = roas × the platform's
    gross-margin rate of the month (profit report); share_of_spend = the campaign's spend
    ÷ all spend.

    Returns:
        One row per campaign, largest spend first: platform, channel, campaign_id,
        campaign_name, spend_amount, share_of_spend, impressions, clicks, ctr, cpc,
        attributed_orders, attributed_amount, roas, gross_margin_rate, margin_roas.
    Raises:
        NoDataError: no marketing spend in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    paid = paid_traffic(wb, period, plats, by="campaign")
    rates = _gross_margin_rates(wb, period, plats)
    out = paid.assign(share_of_spend=_ratio(paid["spend_amount"], paid["spend_amount"].sum()),
                      gross_margin_rate=paid["platform"].map(rates).astype("float64"))
    out = out.assign(margin_roas=margin_roas(out["roas"], out["gross_margin_rate"]))
    return out[["platform", "channel", "campaign_id", "campaign_name", "spend_amount", "share_of_spend", "impressions",
                "clicks", "ctr", "cpc", "attributed_orders", "attributed_amount", "roas", "gross_margin_rate",
                "margin_roas"]]


# ----------------------------------------------------------------------------- new customers

def _cac_rows(wb: Workbook, period: Period, platforms: list[str]) -> pd.DataFrame:
    spend = _spend_rows(wb, period, platforms).groupby("platform")["spend_amount"].sum()
    rows = []
    for platform in [*platforms, TOTAL]:
        plats = platforms if platform == TOTAL else [platform]
        try:
            split = split_new_returning(wb, period, plats).set_index("buyer_type")
            new = float(split.at["new", "buyers"])
        except NoDataError:
            new = np.nan
        cost = float(spend.sum()) if platform == TOTAL else float(spend.get(platform, 0.0))
        rows.append({"platform": platform, "spend": cost, "new_buyers": new})
    out = pd.DataFrame(rows)
    return out.assign(cac=cac(out["spend"], out["new_buyers"]))


def compute_cac(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """新客获客成本 (CAC) per platform and in total, against the prior month and last year.

    Formula: :func:`cac` = the month's marketing spend ÷ its new buyers (first paid order on
    the platform in the month; the total counts a buyer new on any of the platforms once
    per platform account, as :func:`storebook.measures.buyers.split_new_returning` does).

    Returns:
        One row per platform, then ``total``: platform, spend, new_buyers, cac, cac_prior,
        cac_last_year, vs_prior, vs_last_year.
    Raises:
        NoDataError: no marketing spend in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    if _spend_rows(wb, period, plats).empty:
        raise _no_spend(period, plats)
    now = _cac_rows(wb, period, plats)
    for other, name in ((period.prior(), "cac_prior"), (period.last_year(), "cac_last_year")):
        before = _cac_rows(wb, other, plats)[["platform", "cac"]].rename(columns={"cac": name})
        now = now.merge(before, on="platform", how="left")
    return now.assign(vs_prior=relative_change(now["cac"], now["cac_prior"]),
                      vs_last_year=relative_change(now["cac"], now["cac_last_year"]))


# ----------------------------------------------------------------------------- holdout tests

def _holdout_rows(wb: Workbook, window: Period, platforms: list[str]) -> pd.DataFrame:
    h = wb.table("campaign_holdouts")
    h = h.filter(h.reported_on >= window.start_ts, h.reported_on < window.end_ts, h.platform.isin(platforms))
    return wb.execute(h)


def measure_holdouts(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                     months: int = TEST_MONTHS, level: float = 0.95) -> pd.DataFrame:
    """What each campaign with a holdout test added (增量), over the ``months`` months ending with ``period``.

    Method: per campaign, the treatment and holdout groups' orders, paid amount and visits
    over the test's days; :func:`incremental` orders, amount and visits; the orders'
    interval from their Poisson variances (var = treatment + holdout × ratio², ratio =
    treatment audience ÷ holdout audience), the amount's as the orders' interval × the
    treatment's paid amount per order; incremental_roas = incremental amount ÷ the
    campaign's spend on the test's days, with that interval; attributed ROAS from the
    platform's attribution on the same days; order_lift and visit_lift = the treated
    group's rate per person ÷ the holdout's − 1.

    Returns:
        One row per tested campaign: platform, channel, campaign_id, campaign_name,
        first_day, last_day, treatment_audience, holdout_audience, treatment_orders,
        holdout_orders, incremental_orders, incremental_orders_low, incremental_orders_high,
        incremental_amount, incremental_amount_low, incremental_amount_high, spend_amount,
        incremental_roas, incremental_roas_low, incremental_roas_high, roas, order_lift,
        visit_lift, gross_margin_rate, verdict.
    Raises:
        NoDataError: no holdout test in the window on these platforms.
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months) if months > 1 else period
    rows = _holdout_rows(wb, window, plats)
    if rows.empty:
        raise NoDataError(f"no holdout test between {window.start} and {period.last_day} on {', '.join(plats)}: "
                          "a campaign's incremental return needs a group kept out of it (data/raw/campaign_holdouts/)",
                          key="marketing.holdout.none", values={"start": window.start, "end": period.last_day,
                                                                "platforms": plats})
    z = stats.z_value(level)
    spend = wb.table("marketing_spend")
    rates = _gross_margin_rates(wb, period, plats)
    out = []
    for (platform, campaign), g in rows.groupby(["platform", "campaign_id"]):
        first, last = g["reported_on"].min(), g["period_end_on"].fillna(g["reported_on"]).max()
        sums = g.groupby("test_group").agg(audience=("audience", "max"), orders=("orders", "sum"),
                                           paid=("paid_amount", "sum"), visits=("visits", lambda s: s.sum(min_count=1)))
        if not {"treatment", "holdout"} <= set(sums.index):
            continue
        t, h = sums.loc["treatment"], sums.loc["holdout"]
        ratio = t["audience"] / h["audience"]
        inc_orders = incremental(t["orders"], h["orders"], t["audience"], h["audience"])
        half = z * np.sqrt(t["orders"] + h["orders"] * ratio ** 2)
        per_order = _ratio(t["paid"], t["orders"])
        inc_amount = incremental(t["paid"], h["paid"], t["audience"], h["audience"])
        s = spend.filter(spend.platform == platform, spend.campaign_id == campaign, spend.spent_on >= first,
                         spend.spent_on <= last)
        cost = wb.execute(s.aggregate(spend=s.spend_amount.sum(), attributed=s.attributed_amount.sum(),
                                      name=s.campaign_name.max(), channel=s.channel.max())).iloc[0]
        cost_amount = float(cost["spend"]) if pd.notna(cost["spend"]) else np.nan
        out.append({
            "platform": platform, "channel": g["channel"].dropna().iloc[0] if g["channel"].notna().any() else cost["channel"],
            "campaign_id": campaign, "campaign_name": cost["name"] if pd.notna(cost["name"]) else campaign,
            "first_day": first, "last_day": last, "treatment_audience": int(t["audience"]),
            "holdout_audience": int(h["audience"]), "treatment_orders": int(t["orders"]), "holdout_orders": int(h["orders"]),
            "incremental_orders": inc_orders, "incremental_orders_low": inc_orders - half,
            "incremental_orders_high": inc_orders + half, "incremental_amount": inc_amount,
            "incremental_amount_low": inc_amount - half * per_order, "incremental_amount_high": inc_amount + half * per_order,
            "spend_amount": cost_amount, "incremental_roas": _ratio(inc_amount, cost_amount),
            "incremental_roas_low": _ratio(inc_amount - half * per_order, cost_amount),
            "incremental_roas_high": _ratio(inc_amount + half * per_order, cost_amount),
            "roas": roas(float(cost["attributed"]) if pd.notna(cost["attributed"]) else np.nan, cost_amount),
            "order_lift": _ratio(t["orders"] / t["audience"], h["orders"] / h["audience"]) - 1,
            "visit_lift": (_ratio(t["visits"] / t["audience"], h["visits"] / h["audience"]) - 1
                           if pd.notna(t["visits"]) and pd.notna(h["visits"]) else np.nan),
            "gross_margin_rate": float(rates.get(platform, np.nan)),
        })
    if not out:
        raise NoDataError(f"no holdout test with both a treatment and a holdout group between {window.start} and "
                          f"{period.last_day}", key="marketing.holdout.no_pair",
                          values={"start": window.start, "end": period.last_day})
    frame = pd.DataFrame(out)
    if frame["spend_amount"].isna().all():
        campaigns = ", ".join(frame["campaign_id"])
        raise NoDataError(f"the tested campaigns ({campaigns}) have no spend recorded on their "
                          "test days in marketing_spend: their return on spend cannot be told",
                          key="marketing.holdout.no_spend", values={"campaigns": campaigns})
    return frame.assign(verdict=[_verdict(r.incremental_roas_low, r.incremental_roas_high, r.gross_margin_rate)
                                 for r in frame.itertuples()]).sort_values("spend_amount", ascending=False,
                                                                           ignore_index=True)


def _verdict(low: float, high: float, margin_rate: float) -> str:
    """scale / keep / cut from an incremental ROAS interval, at the break-even of 1 ÷ gross-margin rate."""
    break_even = 1.0 / margin_rate if margin_rate and margin_rate == margin_rate and margin_rate > 0 else 1.0
    if low == low and low >= break_even:
        return "scale"
    if high == high and high < break_even:
        return "cut"
    return "keep"


def daily_holdout(wb: Workbook, period: Period, campaign_id: str, platforms: Sequence[str] | str | None = None,
                  months: int = TEST_MONTHS) -> pd.DataFrame:
    """One test's visits and orders per 10,000 people of each group, day by day.

    Returns:
        One row per day × group: day, test_group, visits_per_10k, orders_per_10k.
    Raises:
        NoDataError: no holdout row of that campaign in the window.
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months) if months > 1 else period
    rows = _holdout_rows(wb, window, plats)
    rows = rows[rows["campaign_id"] == campaign_id]
    if rows.empty:
        raise NoDataError(f"no holdout rows of campaign {campaign_id} between {window.start} and {period.last_day}",
                          key="no_data.holdout_campaign",
                          values={"campaign": campaign_id, "start": window.start, "end": period.last_day})
    return pd.DataFrame({"day": rows["reported_on"], "test_group": rows["test_group"],
                         "visits_per_10k": _ratio(rows["visits"] * 10_000.0, rows["audience"]),
                         "orders_per_10k": _ratio(rows["orders"] * 10_000.0, rows["audience"])}
                        ).sort_values(["test_group", "day"]).reset_index(drop=True)


def rank_campaigns(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The month's campaigns to cut or scale, with the evidence each verdict rests on.

    A campaign with a holdout test in the last :data:`TEST_MONTHS` months is judged on its
    incremental ROAS (:func:`measure_holdouts`; a tested campaign that does not run this
    month is listed with its test's spend); an untested one on the platform's attribution
    only: ``cut`` when its margin ROAS is below 1, else ``test``.

    Returns:
        One row per campaign of the month, cut first, then scale, keep and test, largest
        spend first within each: platform, channel, campaign_id, campaign_name,
        spend_amount, roas, margin_roas, incremental_roas, incremental_roas_low,
        incremental_roas_high, evidence (``holdout`` or ``attribution``), verdict.
    Raises:
        NoDataError: no marketing spend in the month on these platforms.
    """
    camp = summarise_campaigns(wb, period, platforms)
    try:
        tests = measure_holdouts(wb, period, platforms)[["platform", "campaign_id", "incremental_roas",
                                                        "incremental_roas_low", "incremental_roas_high", "verdict"]]
    except NoDataError:
        tests = pd.DataFrame(columns=["platform", "campaign_id", "incremental_roas", "incremental_roas_low",
                                      "incremental_roas_high", "verdict"])
    out = camp.merge(tests, on=["platform", "campaign_id"], how="left")
    # A campaign tested in the window but not running this month is still a decision to make.
    if len(tests):
        gone = measure_holdouts(wb, period, platforms)
        gone = gone[~gone["campaign_id"].isin(out["campaign_id"])]
        out = pd.concat([out, gone[["platform", "channel", "campaign_id", "campaign_name", "spend_amount", "roas",
                                    "incremental_roas", "incremental_roas_low", "incremental_roas_high", "verdict"]]
                         .assign(margin_roas=margin_roas(gone["roas"], gone["gross_margin_rate"]))], ignore_index=True)
    tested = out["verdict"].notna()
    untested = np.where(out["margin_roas"] < 1, "cut", "test")
    out = out.assign(evidence=np.where(tested, "holdout", "attribution"),
                     verdict=out["verdict"].where(tested, pd.Series(untested, index=out.index)))
    order = {"cut": 0, "scale": 1, "keep": 2, "test": 3}
    out = out.assign(_v=out["verdict"].map(order)).sort_values(["_v", "spend_amount"], ascending=[True, False])
    return out.drop(columns="_v").reset_index(drop=True)[
        ["platform", "channel", "campaign_id", "campaign_name", "spend_amount", "roas", "margin_roas",
         "incremental_roas", "incremental_roas_low", "incremental_roas_high", "evidence", "verdict"]]


# ----------------------------------------------------------------------------- the report's numbers

#: The marketing headline, in the order the index shows it.
HEADLINE_METRICS: tuple[str, ...] = ("marketing_spend", "roas", "new_buyers", "cac")


def _headline_values(wb: Workbook, period: Period, platforms: list[str]) -> dict[str, float]:
    rows = _spend_rows(wb, period, platforms)
    if rows.empty:
        return {}
    spend = float(rows["spend_amount"].sum())
    values = {"marketing_spend": spend, "roas": float(roas(rows["attributed_amount"].sum(), spend))}
    c = _cac_rows(wb, period, platforms).set_index("platform")
    if pd.notna(c.at[TOTAL, "new_buyers"]):
        values.update(new_buyers=float(c.at[TOTAL, "new_buyers"]), cac=float(c.at[TOTAL, "cac"]))
    return values


def marketing_headline(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The marketing headline (all platforms) against the prior month and last year.

    Metrics: spend, ROAS (:func:`roas`), new buyers and CAC (:func:`cac`).
    vs_prior / vs_last_year = value ÷ comparison − 1.

    Returns:
        One row per metric with a value: metric, value, prior, last_year, vs_prior, vs_last_year.
    Raises:
        NoDataError: no marketing spend in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    now = _headline_values(wb, period, plats)
    if not now:
        raise _no_spend(period, plats)
    prior, last_year = _headline_values(wb, period.prior(), plats), _headline_values(wb, period.last_year(), plats)
    out = pd.DataFrame([{"metric": m, "value": now[m], "prior": prior.get(m, np.nan),
                         "last_year": last_year.get(m, np.nan)} for m in HEADLINE_METRICS if m in now])
    out = out.astype({"prior": "float64", "last_year": "float64"})
    return out.assign(vs_prior=relative_change(out["value"], out["prior"]),
                      vs_last_year=relative_change(out["value"], out["last_year"]))


# ----------------------------------------------------------------------------- the report's facts
# The numbers each section's sentences and records name, from the frames above (no metric
# is computed here).

def headline_record(headline: pd.DataFrame, text: Any) -> list[dict[str, Any]]:
    """The ``marketing.headline`` record the report index shows."""
    return headline_entries(headline, text)


def cards(headline: pd.DataFrame) -> pd.DataFrame:
    """The headline as the metric cards show it (one ``total`` row per metric)."""
    return headline.assign(platform="total")


def headline_facts(headline: pd.DataFrame, month: str) -> dict[str, Any]:
    """The numbers of the headline takeaway."""
    by = headline.set_index("metric")

    def get(metric: str, column: str = "value"):
        return by.at[metric, column] if metric in by.index else None

    return {"variant": None if "cac" in by.index else "no_customers", "month": month,
            "spend": get("marketing_spend"), "spend_vs_prior": get("marketing_spend", "vs_prior"), "roas": get("roas"),
            "new_buyers": get("new_buyers"), "cac": get("cac"), "cac_vs_prior": get("cac", "vs_prior")}


def budget_facts(pace: pd.DataFrame) -> dict[str, Any]:
    """The month's spend against budget and the channel furthest over it."""
    totals = pace[pace["channel"] == TOTAL]
    lines = pace[pace["channel"] != TOTAL]
    spend, budget = totals["spend"].sum(), totals["budget"].sum(min_count=1)
    over = lines[lines["is_over"]]
    worst = extremes.row_of_max(over, "over_budget_rate")
    unbudgeted = lines[lines["budget"].isna() & (lines["spend"] > 0)]
    return {"variant": "no_budget" if pd.isna(budget) else None, "spend": spend, "budget": budget,
            "rate": over_budget_rate(spend, budget) if pd.notna(budget) else None,
            "elapsed": float(pace["elapsed"].iloc[0]), "over": int(len(over)), "lines": int(len(lines)),
            "worst_platform": None if worst is None else worst["platform"],
            "worst_channel": None if worst is None else worst["channel"],
            "worst_rate": None if worst is None else worst["over_budget_rate"],
            "unbudgeted": int(len(unbudgeted)), "unbudgeted_spend": float(unbudgeted["spend"].sum())}


def campaign_facts(campaigns: pd.DataFrame) -> dict[str, Any]:
    """The largest campaign and the spend below break-even on margin."""
    top = campaigns.iloc[0]
    below = campaigns[campaigns["margin_roas"] < 1]
    return {"campaigns": int(len(campaigns)), "name": top["campaign_name"], "platform": top["platform"],
            "spend": top["spend_amount"], "share": top["share_of_spend"], "roas": top["roas"],
            "below": int(len(below)), "below_spend": float(below["spend_amount"].sum()),
            "below_share": float(below["spend_amount"].sum() / campaigns["spend_amount"].sum())
            if campaigns["spend_amount"].sum() else None}


def cac_facts(cac: pd.DataFrame) -> dict[str, Any]:
    """The store's CAC and the platforms with the highest and lowest."""
    total = cac[cac["platform"] == TOTAL].iloc[0]
    rows = cac[(cac["platform"] != TOTAL)].dropna(subset=["cac"])
    high, low = extremes.row_of_max(rows, "cac"), extremes.row_of_min(rows, "cac")
    variant = "no_customers" if pd.isna(total["cac"]) else ("single" if lone_platform(cac) else None)
    return {"variant": variant, "cac": total["cac"],
            "new_buyers": total["new_buyers"], "vs_prior": total["vs_prior"],
            "high": None if high is None else high["platform"], "high_cac": None if high is None else high["cac"],
            "low": None if low is None else low["platform"], "low_cac": None if low is None else low["cac"]}


def holdout_facts(tests: pd.DataFrame) -> dict[str, Any]:
    """The tested campaigns: the one that paid back most and the one that added least."""
    best = extremes.row_of_max(tests, "incremental_roas")
    worst = extremes.row_of_min(tests, "incremental_roas")
    return {"tests": int(len(tests)),
            "best": best["campaign_name"], "best_platform": best["platform"], "best_iroas": best["incremental_roas"],
            "best_low": best["incremental_roas_low"], "best_high": best["incremental_roas_high"],
            "best_orders": best["incremental_orders"], "best_verdict": best["verdict"],
            "worst": worst["campaign_name"], "worst_platform": worst["platform"],
            "worst_iroas": worst["incremental_roas"], "worst_low": worst["incremental_roas_low"],
            "worst_high": worst["incremental_roas_high"], "worst_roas": worst["roas"],
            "worst_verdict": worst["verdict"], "variant": None if len(tests) > 1 else "one"}


def holdout_record(tests: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``marketing.holdouts`` record: each tested campaign's increment and verdict."""
    cols = ["platform", "campaign_id", "treatment_orders", "holdout_orders", "incremental_orders",
            "incremental_orders_low", "incremental_orders_high", "incremental_amount", "spend_amount",
            "incremental_roas", "incremental_roas_low", "incremental_roas_high", "roas", "order_lift", "visit_lift",
            "verdict"]
    return [dict(zip(cols, row, strict=True)) for row in tests[cols].itertuples(index=False)]


def shown_test(tests: pd.DataFrame) -> str:
    """The campaign the effect sentence is about: the one whose visit lift and order lift
    differ most (visits without orders is the finding a holdout exists for)."""
    known = tests.dropna(subset=["visit_lift"])
    row = extremes.row_of_max(known, (known["visit_lift"] - known["order_lift"]).abs()) if len(known) else tests.iloc[0]
    return row["campaign_id"]


def effect_facts(tests: pd.DataFrame, campaign_id: str) -> dict[str, Any]:
    """What the shown campaign did to visits and orders."""
    t = tests[tests["campaign_id"] == campaign_id].iloc[0]
    return {"name": t["campaign_name"], "platform": t["platform"], "channel": t["channel"],
            "visit_lift": t["visit_lift"], "order_lift": t["order_lift"],
            "variant": "visits_only" if t["visit_lift"] > 0.1 and abs(t["order_lift"]) < 0.1 else None}


def decision_facts(ranked: pd.DataFrame) -> dict[str, Any]:
    """How much spend each verdict holds and the first campaign to cut and to scale."""
    spend = ranked.groupby("verdict")["spend_amount"].sum()
    cut = ranked[ranked["verdict"] == "cut"]
    scale = ranked[ranked["verdict"] == "scale"]
    return {"cut": int(len(cut)), "cut_spend": float(spend.get("cut", 0.0)), "scale": int(len(scale)),
            "test": int((ranked["verdict"] == "test").sum()), "test_spend": float(spend.get("test", 0.0)),
            "first_cut": None if cut.empty else cut.iloc[0]["campaign_name"],
            "first_scale": None if scale.empty else scale.iloc[0]["campaign_name"],
            "variant": None if len(cut) and len(scale) else ("no_scale" if len(cut) else "no_cut")}


def decision_record(ranked: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``marketing.decisions`` record: each campaign's verdict and its evidence."""
    cols = ["platform", "campaign_id", "spend_amount", "roas", "margin_roas", "incremental_roas", "evidence", "verdict"]
    return [dict(zip(cols, row, strict=True)) for row in ranked[cols].itertuples(index=False)]
