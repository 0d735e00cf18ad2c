"""The promotion estimator: what the promoted SKUs would have sold without a promotion, and
from it the incremental units, revenue and gross margin, net of the dip after it
(pull-forward) and of the sales taken from sister SKUs (cannibalisation).

The method is documented where the report uses it (:mod:`storebook.areas.promotion`): a
market index of unpromoted SKUs of other categories, the promoted SKUs' share of it over
the ``PRE_DAYS`` before (no festival days — China's, for a store that sells in China:
:func:`storebook.engine.calendar.used_for`; elsewhere no public holiday of the store's own country —
no days on another promotion), and
:func:`storebook.measures.effects.estimate_count_effect` for each estimate and its interval.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from storebook.engine import calendar, dimensions
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.measures.effects import estimate_count_effect
from storebook.measures.sales import sum_daily_sales

__all__ = ["PRE_DAYS", "POST_DAYS", "FESTIVAL_KINDS", "expand_scope", "read_promotions", "SalesCube",
           "promotion_windows", "estimate_effects"]

#: Days of the pre-period (whole weeks, so every weekday counts alike).
PRE_DAYS = 56
#: Days after a promotion in which a dip (pull-forward) is looked for.
POST_DAYS = 14
#: Calendar kinds whose days are left out of a pre-period (they are not ordinary days).
FESTIVAL_KINDS = ("618", "double11", "double12", "nianhuo", "women38", "spring_festival")
#: The same for a store outside China: its own country's public holidays
#: (:func:`storebook.engine.calendar.own_country`).
HOLIDAY_KINDS = ("public_holiday",)


def expand_scope(scope: str, products: pd.DataFrame) -> list[str]:
    """The SKUs a promotion's ``scope`` covers.

    Args:
        scope: ``sku:A|B|…`` or ``category:<name>``.
        products: a frame with ``sku`` and ``category``.

    Returns:
        The SKUs, sorted.

    Example:
        >>> expand_scope("sku:B1|A1", pd.DataFrame({"sku": ["A1"], "category": ["bath"]}))
        ['A1', 'B1']
        >>> expand_scope("category:bath", pd.DataFrame({"sku": ["A1", "B2"], "category": ["bath", "decor"]}))
        ['A1']
    """
    kind, _, value = str(scope).partition(":")
    if kind == "sku":
        return sorted({s for s in value.split("|") if s})
    if kind == "category":
        return sorted(products.loc[products["category"] == value, "sku"].astype(str))
    raise ValueError(f"promotion scope '{scope}' is neither 'sku:A|B' nor 'category:<name>'")


def read_promotions(wb: Workbook, start, end, platforms: list[str]) -> pd.DataFrame:
    """Promotions overlapping ``[start, end)`` on ``platforms`` (an empty platform = all), as read."""
    promos = wb.table("promotions")
    expr = promos.filter(
        (promos.starts_on < end)
        & (promos.ends_on >= start)
        & (promos.platform.isnull() | promos.platform.isin(platforms))
    )
    return wb.execute(expr)


class SalesCube:
    """Daily units, revenue and cost per day × platform × SKU, and the promoted mask."""

    def __init__(self, wb: Workbook, start, end, platforms: list[str]) -> None:
        self.days = pd.date_range(start, end - timedelta(days=1), freq="D")
        self.platforms = list(platforms)
        products = wb.execute(dimensions.products(wb).select("sku", "category", "unit_cost"))
        self.products = products.sort_values("sku", ignore_index=True)
        self.skus = self.products["sku"].tolist()
        self.category = self.products["category"].to_numpy()
        self.unit_cost = self.products["unit_cost"].to_numpy(dtype="float64")
        window = Period(start, end, "window")
        sales = sum_daily_sales(wb, window, self.platforms, by=("platform", "sku"))
        shape = (len(self.days), len(self.platforms), len(self.skus))
        self.units = np.zeros(shape)
        self.revenue = np.zeros(shape)
        self.discount = np.zeros(shape)
        if len(sales):
            d = self.days.get_indexer(sales["day"])
            p = pd.Index(self.platforms).get_indexer(sales["platform"])
            s = pd.Index(self.skus).get_indexer(sales["sku"])
            ok = (d >= 0) & (p >= 0) & (s >= 0)
            for arr, col in ((self.units, "units"), (self.revenue, "revenue"), (self.discount, "discount_amount")):
                np.add.at(arr, (d[ok], p[ok], s[ok]), sales[col].to_numpy()[ok])
        self.promos = read_promotions(wb, start, end, self.platforms).sort_values("promo_id", ignore_index=True)
        self.promoted = np.zeros(shape, dtype=bool)
        self.scope = {}
        for row in self.promos.itertuples(index=False):
            s_idx = self.sku_index(expand_scope(row.scope, self.products))
            self.scope[row.promo_id] = s_idx
            days = self.day_slice(row.starts_on, row.ends_on)
            for p in self.plat_index(row.platform):
                self.promoted[days, p, s_idx] = True
        # China's festival days are no ordinary days for a pre-period, where the store sells in China;
        # elsewhere its own country's public holidays are not (as traffic judges them apart).
        china = calendar.used_for(wb) is not None
        kinds = calendar.day_kinds(self.days[0].date(), self.days[-1].date(), china=china,
                                   country=calendar.own_country(wb))
        self.festival = kinds["event"].isin(FESTIVAL_KINDS if china else HOLIDAY_KINDS).to_numpy()

    def sku_index(self, skus: list[str]) -> np.ndarray:
        idx = pd.Index(self.skus).get_indexer(skus)
        return idx[idx >= 0]

    def plat_index(self, platform) -> list[int]:
        if platform is None or (isinstance(platform, float) and np.isnan(platform)) or platform == "all":
            return list(range(len(self.platforms)))
        return [self.platforms.index(platform)] if platform in self.platforms else []

    def day_slice(self, first, last) -> slice:
        a = int(self.days.searchsorted(pd.Timestamp(first)))
        b = int(self.days.searchsorted(pd.Timestamp(last), side="right"))
        return slice(a, b)

    def market_index(self, plats: list[int], exclude_categories: set[str]) -> np.ndarray:
        """The market index per day from unpromoted SKUs of other categories on ``plats``."""
        others = ~np.isin(self.category, list(exclude_categories))
        y = self.units[:, plats][:, :, others]
        clean = ~self.promoted[:, plats][:, :, others]
        days_clean = clean.sum(axis=0)
        weight = np.where(days_clean > 0, (y * clean).sum(axis=0) / np.maximum(days_clean, 1), 0.0)
        num = (y * clean).sum(axis=(1, 2))
        den = (weight[None] * clean).sum(axis=(1, 2))
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def promotion_windows(cube: SalesCube, promo) -> dict:
    """The SKU groups, market index and usable pre / promotion / post days of a promotion."""
    plats = cube.plat_index(promo["platform"])
    t_idx = cube.scope[promo["promo_id"]]
    cats = set(cube.category[t_idx])
    s_idx = np.setdiff1d(np.flatnonzero(np.isin(cube.category, list(cats))), t_idx)
    promo_days = cube.day_slice(promo["starts_on"], promo["ends_on"])
    pre_days = cube.day_slice(pd.Timestamp(promo["starts_on"]) - timedelta(days=PRE_DAYS),
                              pd.Timestamp(promo["starts_on"]) - timedelta(days=1))
    post_days = cube.day_slice(pd.Timestamp(promo["ends_on"]) + timedelta(days=1),
                               pd.Timestamp(promo["ends_on"]) + timedelta(days=POST_DAYS))
    index = cube.market_index(plats, cats)
    t_units = cube.units[:, plats][:, :, t_idx].sum(axis=(1, 2))
    # Days when a promoted SKU is on a promotion (any, this one included).
    t_busy = cube.promoted[:, plats][:, :, t_idx].any(axis=(1, 2))
    all_days = np.arange(len(cube.days))
    usable = np.isfinite(index)
    return {
        "plats": plats, "t_idx": t_idx, "s_idx": s_idx, "index": index, "t_units": t_units,
        "promo_days": promo_days, "pre_days": pre_days, "post_days": post_days, "usable": usable,
        "pre": all_days[pre_days][~t_busy[pre_days] & ~cube.festival[pre_days] & usable[pre_days]],
        "post": all_days[post_days][~t_busy[post_days] & usable[post_days]],
        "during": all_days[promo_days][usable[promo_days]],
    }


def _effect_rows(cube: SalesCube, promo: pd.Series, spend: float, level: float) -> dict:
    """Every estimate of one promotion (see the module docstring)."""
    w = promotion_windows(cube, promo)
    plats, t_idx, s_idx, index = w["plats"], w["t_idx"], w["s_idx"], w["index"]
    promo_days, pre_days, usable = w["promo_days"], w["pre_days"], w["usable"]
    pre, post, during, t_units = w["pre"], w["post"], w["during"], w["t_units"]
    all_days = np.arange(len(cube.days))

    def series(arr: np.ndarray, skus: np.ndarray) -> np.ndarray:
        return arr[:, plats][:, :, skus].sum(axis=(1, 2))

    t_rev = series(cube.revenue, t_idx)
    t_cost = (cube.units[:, plats][:, :, t_idx] * cube.unit_cost[t_idx]).sum(axis=(1, 2))
    t_disc = series(cube.discount, t_idx)

    main = estimate_count_effect(t_units[during].sum(), index[during].sum(), t_units[pre].sum(),
                                 index[pre], t_units[pre], level)
    dip = estimate_count_effect(t_units[post].sum(), index[post].sum(), t_units[pre].sum(),
                                index[pre], t_units[pre], level)
    pre_units = t_units[pre].sum()
    price = t_rev[pre].sum() / pre_units if pre_units > 0 else np.nan
    unit_margin = (t_rev[pre].sum() - t_cost[pre].sum()) / pre_units if pre_units > 0 else np.nan

    sibs = sibs_low = sibs_high = np.nan
    sib_margin = sib_revenue = 0.0
    # Sister SKUs: the category's other SKUs, without those on a promotion of their own
    # at any time from the pre-period to the end of this one (a fixed set of products).
    window = slice(pre_days.start, promo_days.stop)
    s_idx = np.array([s for s in s_idx if not cube.promoted[window, plats, s].any()], dtype=int)
    if len(s_idx):
        s_units = series(cube.units, s_idx)
        s_rev = series(cube.revenue, s_idx)
        s_cost = (cube.units[:, plats][:, :, s_idx] * cube.unit_cost[s_idx]).sum(axis=(1, 2))
        s_pre = all_days[pre_days][~cube.festival[pre_days] & usable[pre_days]]
        s_dur = all_days[promo_days][usable[promo_days]]
        cann = estimate_count_effect(s_units[s_dur].sum(), index[s_dur].sum(), s_units[s_pre].sum(),
                                     index[s_pre], s_units[s_pre], level)
        sibs = -cann["effect"] if np.isfinite(cann["effect"]) else np.nan
        sibs_low, sibs_high = -cann["effect_high"], -cann["effect_low"]
        s_pre_units = s_units[s_pre].sum()
        sib_unit_margin = ((s_rev[s_pre].sum() - s_cost[s_pre].sum()) / s_pre_units) if s_pre_units > 0 else 0.0
        sib_price = (s_rev[s_pre].sum() / s_pre_units) if s_pre_units > 0 else 0.0
        sib_margin = (sibs if np.isfinite(sibs) else 0.0) * sib_unit_margin
        sib_revenue = (sibs if np.isfinite(sibs) else 0.0) * sib_price
    elif not len(w["s_idx"]):
        sibs = sibs_low = sibs_high = 0.0  # the whole category is promoted: no sister SKU

    actual_units = float(t_units[promo_days].sum())
    actual_revenue = float(t_rev[promo_days].sum())
    actual_margin = actual_revenue - float(t_cost[promo_days].sum())
    baseline_units = main["baseline"]
    pull_forward = -dip["effect"] if np.isfinite(dip["effect"]) else np.nan
    pf_units = pull_forward if np.isfinite(pull_forward) else 0.0
    incremental_units = main["effect"]
    net_units = incremental_units - pf_units - (sibs if np.isfinite(sibs) else 0.0)
    baseline_revenue = baseline_units * price
    baseline_margin = baseline_units * unit_margin
    discount_cost = float(t_disc[promo_days].sum())
    incremental_margin = (actual_margin - baseline_margin - pf_units * unit_margin - sib_margin - spend)
    cost = discount_cost + spend
    return {
        "promo_id": promo["promo_id"], "promo_name": promo["promo_name"], "promo_type": promo["promo_type"],
        "platform": "all" if pd.isna(promo["platform"]) else promo["platform"],
        "starts_on": promo["starts_on"], "ends_on": promo["ends_on"],
        "discount_pct": float(promo["discount_pct"]), "n_skus": len(t_idx),
        "pre_days": len(pre), "post_days": len(post),
        "actual_units": actual_units, "baseline_units": baseline_units,
        "incremental_units": incremental_units,
        "incremental_units_low": main["effect_low"], "incremental_units_high": main["effect_high"],
        "uplift": main["lift"], "uplift_low": main["lift_low"], "uplift_high": main["lift_high"],
        "pull_forward_units": pull_forward,
        "pull_forward_low": -dip["effect_high"], "pull_forward_high": -dip["effect_low"],
        "dip": -dip["lift"], "cannibalised_units": sibs,
        "cannibalised_low": sibs_low, "cannibalised_high": sibs_high,
        "net_incremental_units": net_units,
        "actual_revenue": actual_revenue, "baseline_revenue": baseline_revenue,
        "incremental_revenue": actual_revenue - baseline_revenue - pf_units * price - sib_revenue,
        "discount_cost": discount_cost, "promotion_spend": spend,
        "incremental_margin": incremental_margin,
        "roi": incremental_margin / cost if cost > 0 else np.nan,
        "budget_amount": float(promo["budget_amount"]),
    }


def _spend_by_campaign(wb: Workbook, promo_ids: list[str]) -> dict[str, float]:
    """Marketing spend booked to campaigns whose id is a promotion's id."""
    if not promo_ids or not wb.has("marketing_spend"):
        return {}
    ms = wb.table("marketing_spend")
    expr = ms.filter(ms.campaign_id.isin(promo_ids)).group_by("campaign_id").aggregate(
        spend=ms.spend_amount.sum().cast("float64")
    )
    frame = wb.execute(expr)
    return dict(zip(frame["campaign_id"], frame["spend"], strict=True))


def estimate_effects(wb: Workbook, promos: pd.DataFrame, platforms: list[str], level: float) -> pd.DataFrame:
    """Every estimate of each promotion of ``promos`` (rows of :func:`read_promotions`) on
    ``platforms``, one row each (``storebook.promotion.estimate_promotions`` documents the
    columns); a promotion whose scope holds no known SKU is left out."""
    first = promos["starts_on"].min() - timedelta(days=PRE_DAYS)
    last = promos["ends_on"].max() + timedelta(days=POST_DAYS + 1)
    data_first, data_last = wb.data_range()
    end = min(pd.Timestamp(last), pd.Timestamp(data_last) + timedelta(days=1))
    cube = SalesCube(wb, max(pd.Timestamp(first), pd.Timestamp(data_first)).date(), end.date(), platforms)
    spend = _spend_by_campaign(wb, promos["promo_id"].tolist())
    rows = [_effect_rows(cube, promo, float(spend.get(promo["promo_id"], 0.0)), level)
            for _, promo in promos.iterrows() if promo["promo_id"] in cube.scope]
    return pd.DataFrame(rows)
