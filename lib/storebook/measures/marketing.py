"""The marketing metrics (营销), each defined once: the marketing report builds on them, and
the traffic, profit and overview reports call them.

* 点击率 ctr, 平均点击花费 cpc, 访客成本 cost_per_visitor, 投入产出比 roas: the paid-traffic
  ratios of :mod:`storebook.measures.ratios`, named here too;
* 超预算 over_budget, over_budget_rate, is_over_budget: :mod:`storebook.measures.budget`;
* 毛利投产比 margin_roas = roas × gross-margin rate (break-even at 1);
* 营销费比 marketing_ratio = marketing spend ÷ paid amount;
* 新客获客成本 cac = marketing spend ÷ new buyers;
* paid traffic (:func:`paid_traffic`): spend, clicks and attributed sales by channel or
  campaign, with the ratios above (the traffic and marketing reports and the overview show it);
* 增量 incremental = treatment − holdout × treatment audience ÷ holdout audience (a holdout test).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures.budget import is_over_budget, over_budget, over_budget_rate
from storebook.measures.ratios import (  # the paid-traffic formulas, named here too
    cost_per_visitor,
    cpc,
    ctr,
    relative_change,
    roas,
)
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division
from storebook.measures.traffic_table import TOTAL
from storebook.measures.traffic_table import sum_counts as _sums
from storebook.measures.traffic_table import traffic_rows as _rows

__all__ = ["cac", "cost_per_visitor", "cpc", "ctr", "incremental", "is_over_budget", "margin_roas",
           "marketing_ratio", "over_budget", "over_budget_rate", "paid_traffic", "roas"]


def margin_roas(roas_value: Any, gross_margin_rate: Any) -> Any:
    """毛利投产比 = ROAS × 毛利率: the gross margin a yuan of spend brought back (break-even at 1).

    Example:
        >>> margin_roas(3.0, 0.5)
        1.5
    """
    return roas_value * gross_margin_rate


def marketing_ratio(spend: Any, paid_amount: Any) -> Any:
    """营销费比 = 推广花费 / 支付金额.

    Example:
        >>> marketing_ratio(10.0, 200.0)
        0.05
    """
    return _ratio(spend, paid_amount)


def cac(spend: Any, new_buyers: Any) -> Any:
    """新客获客成本 = 推广花费 / 新买家数.

    Example:
        >>> cac(5000.0, 125)
        40.0
    """
    return _ratio(spend, new_buyers)


def incremental(treated: Any, held_out: Any, treated_audience: Any, holdout_audience: Any) -> Any:
    """增量 = treatment − holdout × treatment audience / holdout audience (what the campaign added).

    Example:
        >>> incremental(150, 30, 5000, 2000)
        75.0
    """
    return treated - held_out * _ratio(treated_audience, holdout_audience)


# ----------------------------------------------------------------------------- paid traffic

#: The marketing_spend columns paid traffic adds up.
_SPEND = ("spend_amount", "impressions", "clicks", "attributed_orders", "attributed_amount")


def paid_traffic(wb: Workbook, period: Period, platforms: list[str] | str | None = None,
                 by: str = "channel") -> pd.DataFrame:
    """Paid traffic efficiency from marketing_spend: what we paid and what it returned.

    Args:
        wb, period, platforms: the workbook, the month, the platforms (default: every one).
        by: ``channel`` (over the platforms, with the channel's visitors from the traffic
            table and a ``total`` row) or ``campaign`` (one row per campaign).
    Returns:
        by channel: channel, spend_amount, impressions, clicks, attributed_orders,
        attributed_amount, ctr (点击率), cpc (平均点击花费), visitors (the channel's
        source visits), cost_per_visitor (访客成本), roas (投入产出比), spend_prior,
        spend_vs_prior. By campaign: platform, channel, campaign_id, campaign_name and
        the same spend metrics (no visitors: traffic is not reported per campaign),
        largest spend first.
    Raises:
        NoDataError: when the period has no marketing spend for the platforms.

    Example:
        paid_traffic(wb, wb.period("2026-09"))[["channel", "spend_amount", "roas"]]
    """
    if by not in ("channel", "campaign"):
        raise ValueError(f"paid_traffic: by must be 'channel' or 'campaign', not {by!r}")
    chosen = wb.platforms(platforms)
    prior = period.prior()
    s = wb.table("marketing_spend")
    rows = s.filter(s.platform.isin(chosen), s.spent_on >= prior.start, s.spent_on < period.end)
    rows = rows.mutate(is_current=rows.spent_on >= period.start)
    keys = ["channel"] if by == "channel" else ["platform", "channel", "campaign_id", "campaign_name"]
    sums = wb.execute(rows.group_by(["is_current", *keys]).aggregate(**_sums(rows, _SPEND)))
    now = sums[sums.is_current].drop(columns="is_current")
    if now.empty:
        raise NoDataError(
            f"no marketing spend for {period.label} on {', '.join(chosen)}: put the ad platforms' spend "
            "exports into data/raw/marketing_spend/ and run `storebook ingest`, or choose another month.",
            key="no_data.marketing_spend", values={"month": period.label, "platforms": chosen},
        )
    before = sums[~sums.is_current][[*keys, "spend_amount"]].rename(columns={"spend_amount": "spend_prior"})
    if by == "channel":
        channel_rows = _rows(wb, period.start, period.end, chosen, totals=False)
        visits = wb.execute(channel_rows.group_by("channel").aggregate(**_sums(channel_rows, ["visitors"])))
        now = now.merge(visits, on="channel", how="left")
        totals = now.drop(columns="channel").sum(numeric_only=True).to_frame().T.assign(channel=TOTAL)
        now = pd.concat([now, totals[now.columns]], ignore_index=True)
        before = pd.concat([before, pd.DataFrame({"channel": [TOTAL], "spend_prior": [before.spend_prior.sum()]})])
    result = (
        now.merge(before, on=keys, how="left")
        .assign(ctr=lambda d: ctr(d.clicks, d.impressions),
                cpc=lambda d: cpc(d.spend_amount, d.clicks),
                roas=lambda d: roas(d.attributed_amount, d.spend_amount),
                spend_vs_prior=lambda d: relative_change(d.spend_amount, d.spend_prior))
    )
    if by == "channel":
        channel_order = {c: i for i, c in enumerate([*wb.config.channels, TOTAL])}
        result = (result.assign(cost_per_visitor=lambda d: cost_per_visitor(d.spend_amount, d.visitors),
                                _c=lambda d: d.channel.map(channel_order))
                  .sort_values("_c").drop(columns="_c"))
        columns = ["channel", *_SPEND, "ctr", "cpc", "visitors", "cost_per_visitor", "roas",
                   "spend_prior", "spend_vs_prior"]
    else:
        result = result.sort_values(["spend_amount", "campaign_id"], ascending=[False, True])
        columns = [*keys, *_SPEND, "ctr", "cpc", "roas", "spend_prior", "spend_vs_prior"]
    return result[columns].reset_index(drop=True)
