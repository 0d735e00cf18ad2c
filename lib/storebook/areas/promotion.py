"""Promotions: did they pay?

For each promotion we estimate what the promoted SKUs would have sold without it (the
counterfactual baseline), and from it the incremental units, revenue and gross margin,
net of the dip after the promotion (pull-forward) and of the sales taken from sister
SKUs of the same category (cannibalisation).

The method, in the words the report uses: *we take the promoted products' normal share of
the sales of comparable products that were not on promotion, measured over the eight weeks
before, and apply it to what those comparable products sold on the promotion days — the
difference from what the promoted products actually sold is the promotion's effect. We
then take off the dip in the two weeks after and the sales lost by sister products of the
same category.*

In detail, for a promotion on platforms ``P`` with promoted SKUs ``T``:

- **market index** of a day ``idx_d = Σ y_{d,s} / Σ w_s`` over the SKUs of *other*
  categories on ``P`` that are not on any promotion that day, ``w_s`` being a SKU's
  average daily units on its unpromoted days of the window. It moves with the weekday,
  festivals, holidays and the platform's trend, and never with this promotion.
- **pre-period**: the ``PRE_DAYS`` (8 whole weeks, so weekdays are balanced) before the
  start, without festival days (618, 双11, 双12, 年货节, 38节, Spring Festival — China's, so
  only where the store sells in China: :func:`storebook.engine.calendar.used_for`; a store
  elsewhere leaves out its own country's public holidays instead:
  :func:`storebook.engine.calendar.own_country`) and without days when a promoted SKU was on
  another promotion.
- **baseline** ``B = k · Σ_promo-days idx_d`` with ``k = Σ_pre y_T / Σ_pre idx``;
  incremental units = actual − B; uplift (提升率) = actual / B − 1.
- **interval**: with ``φ`` the over-dispersion of the pre-period days around
  ``k · idx_d`` (Pearson χ² / (n − 1), at least 1 as for Poisson counts),
  ``Var(actual − B) ≈ φ·B + B²·φ / Σ_pre y_T`` (the day-to-day noise of the promotion days
  plus the uncertainty of ``k``); the 95 % interval is ± 1.96 standard errors.
- **pull-forward** (透支): the same baseline over the ``POST_DAYS`` after the end, minus
  what was sold; **cannibalisation** (蚕食): the same for the category's other SKUs (their
  own ``k``) over the promotion days, leaving out any SKU that was on a promotion of its
  own from the pre-period on. A negative cannibalisation is a halo (sister SKUs sold more).
- **money**: baseline revenue and margin use the pre-period's price and unit margin of the
  promoted SKUs; actual revenue is after discounts; discount cost (折扣成本) is the line
  discounts granted on the promoted SKUs during the promotion; promotion spend is the
  marketing spend booked to a campaign whose id is the promotion's id (0 when none).
  Incremental gross margin (增量毛利) = actual margin − baseline margin − margin of the
  pull-forward and cannibalised units − promotion spend; ROI = incremental gross margin
  / (discount cost + promotion spend).

Example:
    wb = storebook.open()
    effects = estimate_promotions(wb, wb.period("2026-08"))
    effects[["promo_id", "uplift", "uplift_low", "uplift_high"]]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

import ibis
import numpy as np
import pandas as pd

from storebook.engine import dimensions
from storebook.engine.lines import lines_of_orders
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures.effects import estimate_count_effect  # noqa: F401 (storebook.promotion.estimate_count_effect)
from storebook.measures.metrics import headline_entry
from storebook.measures.promotion_effects import (  # noqa: F401 (storebook.promotion.PRE_DAYS …)
    FESTIVAL_KINDS,
    POST_DAYS,
    PRE_DAYS,
    expand_scope,
)
from storebook.measures.promotion_effects import SalesCube as _Cube
from storebook.measures.promotion_effects import estimate_effects as _estimate
from storebook.measures.promotion_effects import promotion_windows as _windows
from storebook.measures.promotion_effects import read_promotions as _promotions
from storebook.measures.sales import sum_daily_sales
from storebook.measures.stats import spearman

__all__ = [
    "PRE_DAYS",
    "POST_DAYS",
    "FESTIVAL_KINDS",
    "sum_daily_sales",
    "list_promotions",
    "expand_scope",
    "estimate_count_effect",
    "estimate_promotions",
    "compare_promotions",
    "measure_coupon_redemption",
]

#: Months of past promotions compared by :func:`compare_promotions`.
HISTORY_MONTHS = 12


# ----------------------------------------------------------------------------- promotions

def list_promotions(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The promotions running in ``period`` on ``platforms``, for the calendar chart.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms (default all); an all-platform promotion always shows.

    Returns:
        One row per promotion, by start date: promo_id, promo_name, promo_type, platform
        (``all`` for every platform), starts_on, ends_on, days, discount_pct (折扣力度),
        scope_kind (``sku`` / ``category``), n_skus, budget_amount.

    Raises:
        NoDataError: no promotion runs in ``period``.

    Example:
        list_promotions(wb, wb.period("2026-08"))[["promo_id", "starts_on"]]
    """
    plats = wb.platforms(platforms)
    frame = _promotions(wb, period.start, period.end, plats)
    if frame.empty:
        raise NoDataError(
            f"no promotion runs in {period.label} on {', '.join(plats)}: the promotions export "
            "(data/raw/promotions/) has none overlapping that month — choose another month or platform",
            key="no_data.promotion_runs", values={"month": period.label, "platforms": plats},
        )
    products = wb.execute(dimensions.products(wb).select("sku", "category"))
    return (
        frame.assign(
            platform=frame["platform"].fillna("all").astype("str"),
            days=(frame["ends_on"] - frame["starts_on"]).dt.days + 1,
            scope_kind=frame["scope"].str.partition(":")[0],
            n_skus=[len(expand_scope(s, products)) for s in frame["scope"]],
        )
        .loc[:, ["promo_id", "promo_name", "promo_type", "platform", "starts_on", "ends_on", "days",
                 "discount_pct", "scope_kind", "n_skus", "budget_amount"]]
        .sort_values(["starts_on", "promo_id"], ignore_index=True)
    )


def estimate_promotions(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, level: float = 0.95,
) -> pd.DataFrame:
    """Per promotion running in ``period``: baseline, incremental sales and margin, ROI.

    See the module docstring for the method. Promotions covering every platform are
    estimated on the requested platforms only.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms (default all).
        level: confidence level of the intervals.

    Returns:
        One row per promotion: promo_id, promo_name, promo_type, platform, starts_on,
        ends_on, discount_pct, n_skus, pre_days, post_days (usable days), actual_units,
        baseline_units (基线销量), incremental_units (增量销量) with _low/_high, uplift (提升率)
        with uplift_low/uplift_high, pull_forward_units (透支销量) with _low/_high, dip
        (post-period shortfall as a share of its baseline), cannibalised_units (蚕食销量),
        net_incremental_units, actual_revenue, baseline_revenue, incremental_revenue
        (actual − baseline − pull-forward, at the pre-period price), discount_cost
        (折扣成本), promotion_spend, incremental_margin (增量毛利, after discount,
        pull-forward, cannibalisation and spend), roi (= incremental margin / (discount
        cost + spend)), budget_amount.

    Raises:
        NoDataError: no promotion runs in ``period``.

    Example:
        estimate_promotions(wb, wb.period("2026-08"), ["jd"])[["promo_id", "uplift"]]
    """
    plats = wb.platforms(platforms)
    promos = list_promotions(wb, period, plats)
    raw = _promotions(wb, period.start, period.end, plats)
    raw = raw.loc[raw["promo_id"].isin(promos["promo_id"])]
    return _estimate(wb, raw, plats, level).sort_values(["starts_on", "promo_id"], ignore_index=True)


def compare_promotions(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, months: int = HISTORY_MONTHS,
) -> pd.DataFrame:
    """Past promotions side by side: discount depth against incremental margin, by type.

    Estimates (as :func:`estimate_promotions`) every promotion that started in the
    ``months`` months ending with ``period``.

    Args:
        wb: the workbook.
        period: the last month of the history.
        platforms: the platforms (default all).
        months: months of history.

    Returns:
        The rows of :func:`estimate_promotions` for each of those promotions, plus
        margin_per_discount (增量毛利 ÷ 折扣成本).

    Raises:
        NoDataError: no promotion started in the window.
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months)
    first, _ = wb.data_range()
    raw = _promotions(wb, window.start, window.end, plats)
    raw = raw.loc[(raw["starts_on"] >= window.start_ts) & (raw["starts_on"] >= pd.Timestamp(first))]
    if raw.empty:
        raise NoDataError(
            f"no promotion started in {window.label} on {', '.join(plats)}: nothing to compare — "
            "check the promotions export (data/raw/promotions/)",
            key="no_data.promotion_started", values={"months": window.label, "platforms": plats},
        )
    out = _estimate(wb, raw, plats, 0.95)
    return out.assign(
        margin_per_discount=np.where(out["discount_cost"] > 0,
                                     out["incremental_margin"] / out["discount_cost"].where(out["discount_cost"] > 0, 1),
                                     np.nan)
    ).sort_values(["starts_on", "promo_id"], ignore_index=True)


def measure_coupon_redemption(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, months: int = 1,
) -> pd.DataFrame:
    """Coupon promotions of the last ``months`` months: how many eligible orders used the coupon.

    Redemption rate (核销率) = paid orders carrying the promotion's coupon / paid orders on
    its platforms and days that contain one of its SKUs; budget used = coupon discounts
    (Σ order discount of the redeeming orders) / budget.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms (default all).
        months: months covered, the month included (12: the coupons of the past year).

    Returns:
        One row per coupon promotion, by start date: promo_id, promo_name, platform,
        starts_on, coupon_code, eligible_orders, redeemed_orders, redemption_rate,
        coupon_discount_amount, budget_amount, budget_used. Empty when the promotions of
        those months include no coupon.

    Raises:
        NoDataError: no promotion at all runs in those months.

    Example:
        measure_coupon_redemption(wb, wb.period("2026-10"), months=12).head()
    """
    plats = wb.platforms(platforms)
    window = period if months <= 1 else period.trailing(months)
    promos = list_promotions(wb, window, plats)
    raw = _promotions(wb, window.start, window.end, plats).set_index("promo_id")
    coupons = promos.loc[promos["promo_type"] == "coupon"]
    cols = ["promo_id", "promo_name", "platform", "starts_on", "coupon_code", "eligible_orders",
            "redeemed_orders", "redemption_rate", "coupon_discount_amount", "budget_amount", "budget_used"]
    if coupons.empty:
        empty = {c: pd.Series(dtype="str" if c in cols[:5] else "float64") for c in cols}
        return pd.DataFrame({**empty, "starts_on": pd.Series(dtype="datetime64[us]")})
    products = wb.execute(dimensions.products(wb).select("sku", "category"))
    values = _coupon_counts(wb, coupons, raw, products, plats)
    rows = []
    for promo in coupons.itertuples(index=False):
        got = values.loc[promo.promo_id] if promo.promo_id in values.index else None   # None: no eligible order
        v = {} if got is None else {k: x for k, x in got.items() if not pd.isna(x)}
        rows.append({
            "promo_id": promo.promo_id, "promo_name": promo.promo_name, "platform": promo.platform,
            "starts_on": promo.starts_on, "coupon_code": v.get("coupon_code", np.nan),
            "eligible_orders": int(v.get("eligible_orders", 0)),
            "redeemed_orders": int(v.get("redeemed_orders", 0)),
            # Without eligible orders there is no discount to sum (missing, not zero).
            "coupon_discount_amount": np.nan if got is None else float(v.get("coupon_discount_amount", 0.0)),
            "budget_amount": float(promo.budget_amount),
        })
    frame = pd.DataFrame(rows)
    return frame.assign(
        redemption_rate=np.where(frame["eligible_orders"] > 0,
                                 frame["redeemed_orders"] / frame["eligible_orders"].where(frame["eligible_orders"] > 0, 1),
                                 np.nan),
        budget_used=np.where(frame["budget_amount"] > 0,
                             frame["coupon_discount_amount"] / frame["budget_amount"].where(frame["budget_amount"] > 0, 1),
                             np.nan),
    ).loc[:, cols]


def _coupon_counts(wb: Workbook, coupons: pd.DataFrame, raw: pd.DataFrame, products: pd.DataFrame,
                   platforms: list[str]) -> pd.DataFrame:
    """Eligible and redeeming orders of every coupon promotion, in one query.

    An order is eligible for a coupon when it was paid on one of the coupon's platforms
    (``all``: ``platforms``) during its days and holds one of its SKUs; it redeemed the
    coupon when the order carries the coupon's promotion id.

    Args:
        wb: the workbook.
        coupons: the coupon rows of :func:`list_promotions`.
        raw: the promotions as read (:func:`_promotions`), indexed by promo_id, for the scope.
        products: sku and category, to expand a category scope.
        platforms: the platforms of an all-platform coupon.
    Returns:
        One row per coupon with an eligible order, indexed by promo_id: eligible_orders,
        redeemed_orders, coupon_discount_amount, coupon_code.
    """
    # The coupons' platforms, days and SKUs as small tables, so that order lines are read
    # once for all coupons rather than once per coupon.
    windows, scopes = [], []
    for promo in coupons.itertuples(index=False):
        on = [promo.platform] if promo.platform != "all" else platforms
        windows += [(promo.promo_id, p, pd.Timestamp(promo.starts_on), pd.Timestamp(promo.ends_on) + timedelta(days=1))
                    for p in on]
        scopes += [(promo.promo_id, sku) for sku in expand_scope(raw.loc[promo.promo_id, "scope"], products)]
    w = ibis.memtable(pd.DataFrame(windows, columns=["c_promo", "c_platform", "c_start", "c_end"]),
                      schema={"c_promo": "string", "c_platform": "string", "c_start": "timestamp", "c_end": "timestamp"})
    s = ibis.memtable(pd.DataFrame(scopes, columns=["s_promo", "s_sku"]), schema={"s_promo": "string", "s_sku": "string"})
    orders = wb.table("orders")
    # The coupons' days as a filter of their own (an OR of day ranges, which the join below
    # cannot be): the orders are read from the row groups of those days, not the history.
    days = sorted({(start, end) for _, _, start, end in windows})
    on_days = ibis.or_(*[(orders.paid_at >= start) & (orders.paid_at < end) for start, end in days])
    paid = orders.filter(orders.paid_at.notnull(), on_days)
    window = paid.join(w, [paid.platform == w.c_platform, paid.paid_at >= w.c_start, paid.paid_at < w.c_end])
    window = window.select("c_promo", "order_id", "ordered_at", "promo_id", "discount_amount", "coupon_code")
    # The lines of each coupon's orders' days only (one question for all coupons' days).
    lines = lines_of_orders(wb, window, by="c_promo").select("order_id", "sku")
    # The coupons' (coupon, order) pairs as a set of their own, which DuckDB does not reorder
    # past: it joins the lines to those pairs (3M at 50M order lines), where it joined them
    # first to every order paid on the coupons' days and only then to the windows (11M joined
    # rows, spilled: 10 -> 5 CPU-s, issue #17). The same pairs: ``held`` is a set below anyway.
    held = lines.join(window.select("c_promo", "order_id").distinct(), "order_id")
    held = held.join(s, [held.c_promo == s.s_promo, held.sku == s.s_sku]).select("c_promo", "order_id").distinct()
    eligible = window.join(held, ["c_promo", "order_id"])
    redeemed = eligible.promo_id == eligible.c_promo
    summary = eligible.group_by("c_promo").aggregate(
        eligible_orders=eligible.count(),
        redeemed_orders=redeemed.cast("int64").sum(),
        coupon_discount_amount=ibis.cases((redeemed, eligible.discount_amount), else_=0.0).sum().cast("float64"),
        coupon_code=ibis.cases((redeemed, eligible.coupon_code)).max(),
    )
    return wb.execute(summary).set_index("c_promo")


# ----------------------------------------------------------------------------- report helpers

def trace_promotion(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, promo_id: str | None = None,
) -> pd.DataFrame:
    """Day by day around one promotion: the promoted SKUs' units against their baseline.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms (default all).
        promo_id: the promotion; default the month's promotion with the largest discount
            cost (the one that cost the most).

    Returns:
        One row per day from ``PRE_DAYS`` before the start to ``POST_DAYS`` after the end
        (within the data): promo_id, promo_name, starts_on, ends_on, day, units (sold),
        expected (the baseline ``k · idx_d``; NaN where the market index is missing),
        phase (``pre``, ``promotion``, ``post``).

    Raises:
        NoDataError: no promotion runs in ``period``.
    """
    plats = wb.platforms(platforms)
    promos = list_promotions(wb, period, plats)
    raw = _promotions(wb, period.start, period.end, plats).set_index("promo_id", drop=False)
    if promo_id is None:
        effects = estimate_promotions(wb, period, plats)
        promo_id = effects.sort_values(["discount_cost", "promo_id"], ascending=[False, True])["promo_id"].iloc[0]
    elif promo_id not in set(promos["promo_id"]):
        raise NoDataError(f"promotion {promo_id} does not run in {period.label} on {', '.join(plats)}",
                          key="no_data.promotion_absent",
                          values={"promo": promo_id, "month": period.label, "platforms": plats})
    promo = raw.loc[promo_id]
    first, last = wb.data_range()
    start = max(pd.Timestamp(promo["starts_on"]) - timedelta(days=PRE_DAYS), pd.Timestamp(first))
    end = min(pd.Timestamp(promo["ends_on"]) + timedelta(days=POST_DAYS + 1), pd.Timestamp(last) + timedelta(days=1))
    cube = _Cube(wb, start.date(), end.date(), plats)
    w = _windows(cube, promo)
    pre = w["pre"]
    k = w["t_units"][pre].sum() / w["index"][pre].sum() if len(pre) and w["index"][pre].sum() > 0 else np.nan
    days = cube.days
    phase = np.where(days < pd.Timestamp(promo["starts_on"]), "pre",
                     np.where(days > pd.Timestamp(promo["ends_on"]), "post", "promotion"))
    return pd.DataFrame({
        "promo_id": promo_id, "promo_name": promo["promo_name"], "starts_on": promo["starts_on"],
        "ends_on": promo["ends_on"], "day": days, "units": w["t_units"], "expected": w["index"] * k,
        "phase": pd.array(phase, dtype="str"),
    })


def calendar_facts(promos: pd.DataFrame) -> dict:
    """The numbers the calendar's takeaway is written from (:func:`list_promotions`)."""
    types = promos["promo_type"].value_counts()
    return {
        "promotions": len(promos), "types": int(types.size),
        "top_type": f"promotion.type.{types.index[0]}", "top_type_count": int(types.iloc[0]),
        "all_platform": int((promos["platform"] == "all").sum()),
        "budget": float(promos["budget_amount"].sum()),
        "mean_discount": float(promos["discount_pct"].mean()),
    }


def _paid(effects: pd.DataFrame) -> pd.Series:
    return effects["incremental_margin"] > 0


def effects_facts(effects: pd.DataFrame) -> dict:
    """The numbers of the effects' takeaway (:func:`estimate_promotions`)."""
    known = effects.dropna(subset=["incremental_margin"])
    best = known.sort_values("incremental_margin", ascending=False).iloc[0] if len(known) else None
    worst = known.sort_values("incremental_margin").iloc[0] if len(known) else None
    significant = (effects["uplift_low"] > 0).sum()
    return {
        # Every promotion lost margin: the best one is only the least negative.
        "variant": "losses" if best is not None and best["incremental_margin"] < 0 else None,
        "promotions": len(effects), "paid": int(_paid(known).sum()), "significant": int(significant),
        "incremental_units": float(effects["net_incremental_units"].sum(skipna=True)),
        "incremental_margin": float(known["incremental_margin"].sum()),
        "discount_cost": float(effects["discount_cost"].sum()),
        "best_name": None if best is None else best["promo_name"],
        "best_margin": None if best is None else float(best["incremental_margin"]),
        "best_uplift": None if best is None else float(best["uplift"]),
        "worst_name": None if worst is None else worst["promo_name"],
        "worst_margin": None if worst is None else float(worst["incremental_margin"]),
    }


def trace_facts(trace: pd.DataFrame) -> dict:
    """The numbers of one promotion's day-by-day takeaway (:func:`trace_promotion`)."""
    during = trace.loc[trace["phase"] == "promotion"]
    post = trace.loc[trace["phase"] == "post"]
    expected = during["expected"].sum(min_count=1)
    post_expected = post["expected"].sum(min_count=1)
    dip = float(1 - post["units"].sum() / post_expected) if post_expected and post_expected > 0 else None
    return {
        "variant": None if dip is not None and dip > 0 else "no_dip",
        "name": trace["promo_name"].iloc[0], "start": trace["starts_on"].iloc[0], "end": trace["ends_on"].iloc[0],
        "units": float(during["units"].sum()), "expected": float(expected),
        "uplift": float(during["units"].sum() / expected - 1) if expected and expected > 0 else None,
        "post_units": float(post["units"].sum()), "post_expected": float(post_expected),
        "dip": dip, "post_days": len(post),
    }


def summarise_promotion_types(history: pd.DataFrame) -> pd.DataFrame:
    """Past promotions by type: how many, how deep, what they earned (:func:`compare_promotions`).

    Returns:
        One row per promo_type, most incremental margin first: promo_type, n_promotions,
        discount_pct (mean depth), discount_cost, incremental_margin (Σ), paid_share
        (share of promotions with a positive incremental margin), median_roi,
        margin_per_discount (Σ incremental margin ÷ Σ discount cost).
    """
    g = history.assign(paid=_paid(history).astype(float)).groupby("promo_type")
    out = g.agg(n_promotions=("promo_id", "size"), discount_pct=("discount_pct", "mean"),
                discount_cost=("discount_cost", "sum"), incremental_margin=("incremental_margin", "sum"),
                paid_share=("paid", "mean"), median_roi=("roi", "median")).reset_index()
    cost = out["discount_cost"]
    return out.assign(
        margin_per_discount=np.where(cost > 0, out["incremental_margin"] / cost.where(cost > 0, 1), np.nan)
    ).sort_values("incremental_margin", ascending=False, ignore_index=True)


def history_facts(history: pd.DataFrame) -> dict:
    """The numbers of the history's takeaway: which type pays, does depth pay."""
    types = summarise_promotion_types(history)
    known = history.dropna(subset=["incremental_margin"])
    deep = known["discount_pct"] >= known["discount_pct"].median()
    corr = spearman(known["discount_pct"], known["incremental_margin"]) if len(known) > 2 else np.nan
    best, worst = types.iloc[0], types.iloc[-1]
    return {
        # Every type lost margin: the best one is only the least negative.
        "variant": "losses" if best["incremental_margin"] < 0 else None,
        "promotions": len(history), "types": len(types),
        "best_type": f"promotion.type.{best['promo_type']}", "best_type_margin": float(best["incremental_margin"]),
        "worst_type": f"promotion.type.{worst['promo_type']}", "worst_type_margin": float(worst["incremental_margin"]),
        "paid_share": float(_paid(known).mean()) if len(known) else None,
        "deep_margin": float(known.loc[deep, "incremental_margin"].median()) if deep.any() else None,
        "shallow_margin": float(known.loc[~deep, "incremental_margin"].median()) if (~deep).any() else None,
        "depth_correlation": None if pd.isna(corr) else float(corr),
    }


def rank_by_impact(effects: pd.DataFrame) -> pd.DataFrame:
    """The promotions of :func:`estimate_promotions` largest impact first: by the size of
    their incremental gross margin, gain or loss (unknown last)."""
    size = effects["incremental_margin"].abs()
    return effects.assign(_size=size.fillna(-1.0)).sort_values(
        ["_size", "promo_id"], ascending=[False, True], ignore_index=True).drop(columns="_size")


_CODE = re.compile(r"(?<![A-Za-z0-9_])[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?![A-Za-z0-9_])")


def name_promotions(frame: pd.DataFrame, text) -> pd.DataFrame:
    """``frame`` with each promo_name as a reader reads it: a category code written into the
    name (``双112026 天猫 home_textiles会场``) replaced by the category's name in the
    report's language (``双112026 天猫 家纺会场``).

    Args:
        frame: rows with a ``promo_name`` column (not modified).
        text: the report's :class:`storebook.report.text.Text`.
    """
    return frame.assign(promo_name=frame["promo_name"].map(lambda name: name_promotion(name, text)))


def name_promotion(name, text):
    """One promotion name as :func:`name_promotions` writes it (a value that is no text as it is).

    >>> from storebook.report.text import Text
    >>> name_promotion("天猫 body_care 限时折扣 1107", Text("zh"))
    '天猫 身体护理 限时折扣 1107'
    """
    if not isinstance(name, str):
        return name
    return _CODE.sub(lambda m: text(f"category.{m[0]}") if m[0] != dimensions.UNKNOWN
                     and text.has(f"category.{m[0]}") else m[0], name)


def coupon_facts(coupons: pd.DataFrame) -> dict:
    """The numbers of the coupons' takeaway (:func:`measure_coupon_redemption`)."""
    eligible, redeemed = coupons["eligible_orders"].sum(), coupons["redeemed_orders"].sum()
    lowest = coupons.loc[coupons["redemption_rate"].idxmin()] if coupons["redemption_rate"].notna().any() else None
    return {
        "variant": None if len(coupons) else "none",
        "lowest_name": None if lowest is None else lowest["promo_name"],
        "lowest_rate": None if lowest is None else float(lowest["redemption_rate"]),
        "coupons": len(coupons), "eligible": int(eligible), "redeemed": int(redeemed),
        "rate": float(redeemed / eligible) if eligible > 0 else None,
        "discount": float(coupons["coupon_discount_amount"].sum()),
        "budget_used": float(coupons["coupon_discount_amount"].sum() / coupons["budget_amount"].sum())
        if coupons["budget_amount"].sum() > 0 else None,
    }


def headline_record(effects: pd.DataFrame, text) -> list[dict]:
    """The ``promotion.headline`` record the report index shows (month totals).

    Args:
        effects: :func:`estimate_promotions` of the month.
        text: the notebook's :class:`storebook.report.text.Text`.
    """
    facts = effects_facts(effects)
    cost = facts["discount_cost"] + float(effects["promotion_spend"].sum())
    rows = [
        ("promotions", facts["promotions"]),
        ("net_incremental_units", facts["incremental_units"]),
        ("discount_cost", facts["discount_cost"]),
        ("incremental_margin", facts["incremental_margin"]),
        ("roi", facts["incremental_margin"] / cost if cost > 0 else None),
    ]
    return [headline_entry(key, text(f"metric.{key}"), value) for key, value in rows]
