"""The ratio metrics of the department, each defined once, and the relative change.

Every module and notebook computes these here (guarded: a zero or missing denominator gives
a missing value, never an error or an infinity):

* 支付转化率 conversion_rate = 支付买家数 / 访客数 (buyers / visitors)
* 客单价 aov = 支付金额 / 支付买家数 (paid amount / buyers)
* UV价值 uv_value = 支付金额 / 访客数 (paid amount / visitors)
* 点击率 ctr, 平均点击花费 cpc, 访客成本 cost_per_visitor, 投入产出比 roas (paid traffic)
* 支付率 payment_rate = 支付订单数 / 下单订单数 (orders placed that were paid)
* relative_change = value / base − 1 (vs prior month, vs last year)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division


def conversion_rate(buyers: Any, visitors: Any) -> Any:
    """支付转化率 = 支付买家数 / 访客数 — the share of visitors who paid.

    Example:
        >>> conversion_rate(30, 1000)
        0.03
    """
    return _ratio(buyers, visitors)


def aov(paid_amount: Any, buyers: Any) -> Any:
    """客单价 = 支付金额 / 支付买家数 — what a paying buyer spent.

    Example:
        >>> aov(4500.0, 30)
        150.0
    """
    return _ratio(paid_amount, buyers)


def uv_value(paid_amount: Any, visitors: Any) -> Any:
    """UV价值 = 支付金额 / 访客数 — what a visitor was worth (= 支付转化率 × 客单价).

    Example:
        >>> uv_value(4500.0, 1000)
        4.5
    """
    return _ratio(paid_amount, visitors)


def ctr(clicks: Any, impressions: Any) -> Any:
    """点击率 = 点击量 / 展现量.

    Example:
        >>> ctr(25, 1000)
        0.025
    """
    return _ratio(clicks, impressions)


def cpc(spend_amount: Any, clicks: Any) -> Any:
    """平均点击花费 = 花费 / 点击量.

    Example:
        >>> cpc(50.0, 25)
        2.0
    """
    return _ratio(spend_amount, clicks)


def cost_per_visitor(spend_amount: Any, visitors: Any) -> Any:
    """访客成本 = 花费 / 渠道访客数 (the channel's visitors as the traffic table reports them).

    Example:
        >>> cost_per_visitor(50.0, 40)
        1.25
    """
    return _ratio(spend_amount, visitors)


def roas(attributed_amount: Any, spend_amount: Any) -> Any:
    """投入产出比 (ROAS) = 成交金额 / 花费, with the platform's own attribution.

    Example:
        >>> roas(300.0, 100.0)
        3.0
    """
    return _ratio(attributed_amount, spend_amount)


def relative_change(value: Any, base: Any) -> Any:
    """value / base − 1 (0.034 = +3.4 %); missing where the base is 0 or missing.

    Example:
        >>> round(relative_change(103.4, 100.0), 3)
        0.034
    """
    ratio = _ratio(value, base)
    return ratio - 1


def payment_rate(paid: Any, placed: Any) -> Any:
    """支付率 (payment rate) = 支付订单数 / 下单订单数: orders placed in the month that were paid.

    >>> payment_rate(45, 50)
    0.9
    """
    return _ratio(paid, placed)


def ratio_columns(buyers: Any, visitors: Any, paid_amount: Any) -> dict[str, np.ndarray]:
    """conversion_rate, aov and uv_value of summed buyers, visitors and paid amounts (arrays
    or Series of one length), by the formulas above, as float64 arrays.

    >>> {k: v.round(2).tolist() for k, v in ratio_columns([3, 0], [100, 0], [300.0, 0.0]).items()}
    {'conversion_rate': [0.03, nan], 'aov': [100.0, nan], 'uv_value': [3.0, nan]}
    """
    # The guarded division on Series of one index: its path for two columns of a frame.
    index = pd.RangeIndex(len(buyers))
    buyers, visitors, paid_amount = (pd.Series(np.asarray(v), index=index, copy=False)
                                     for v in (buyers, visitors, paid_amount))
    return {"conversion_rate": conversion_rate(buyers, visitors).to_numpy(),
            "aov": aov(paid_amount, buyers).to_numpy(),
            "uv_value": uv_value(paid_amount, visitors).to_numpy()}


def frame_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """``frame``'s columns as arrays (an extension column keeps its array), to build a new frame
    of them and more columns in one go: a frame built from Series aligns each on its index,
    and inserting columns one by one rebuilds the column labels each time (pandas' text index:
    ~0.3 ms an insert, about the cost of the traffic summary's whole post-processing, issue #17)."""
    return {name: column.array if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) else column.to_numpy()
            for name, column in frame.items()}


def with_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (summed buyers, visitors, paid_amount) with conversion_rate, aov and uv_value
    added, by the formulas above (a new frame).

    >>> with_ratios(pd.DataFrame({"buyers": [3], "visitors": [100], "paid_amount": [300.0]})).round(2).values.tolist()
    [[3.0, 100.0, 300.0, 0.03, 100.0, 3.0]]
    """
    ratios = ratio_columns(frame["buyers"], frame["visitors"], frame["paid_amount"])
    return pd.DataFrame({**frame_columns(frame), **ratios}, index=frame.index)
