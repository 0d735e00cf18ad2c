"""The marketing metrics (营销), each defined once: the marketing report builds on them, and
the traffic, profit and overview reports call them.

* 点击率 ctr, 平均点击花费 cpc, 访客成本 cost_per_visitor, 投入产出比 roas: the paid-traffic
  ratios of :mod:`storebook.measures.ratios`, named here too;
* 超预算 over_budget, over_budget_rate, is_over_budget: :mod:`storebook.measures.budget`;
* 毛利投产比 margin_roas = roas × gross-margin rate (break-even at 1);
* 营销费比 marketing_ratio = marketing spend ÷ paid amount;
* 新客获客成本 cac = marketing spend ÷ new buyers;
* 增量 incremental = treatment − holdout × treatment audience ÷ holdout audience (a holdout test).
"""

from __future__ import annotations

from typing import Any

from storebook.measures.budget import is_over_budget, over_budget, over_budget_rate
from storebook.measures.ratios import cost_per_visitor, cpc, ctr, roas
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

__all__ = ["cac", "cost_per_visitor", "cpc", "ctr", "incremental", "is_over_budget", "margin_roas",
           "marketing_ratio", "over_budget", "over_budget_rate", "roas"]


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
