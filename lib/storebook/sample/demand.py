"""The demand model: expected units per day × platform × SKU, from which every sale follows.

``lam`` = volume × platform share × trend × weekday × yearly season × festival lift (from
:mod:`storebook.engine.calendar`) × SKU share × launch/discontinuation × promotion lift ×
planted effects, normalised to ``UNITS_PER_DAY × scale`` units a day over the period. The
planners (purchase orders) forecast from the same ``lam``; traffic follows
``lam_no_mobile``, the demand before the planted mobile checkout bug lost any orders.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np

from storebook.engine import calendar as cal
from storebook.sample.run import SampleRun
from storebook.sample.store import (
    BEAUTY,
    CATEGORIES,
    COMPETITOR_CUT,
    MOBILE_DROP,
    MOBILE_SHARE,
    P_DY,
    PLATFORM_GROWTH,
    PLATFORM_SHARE,
    PULL_FORWARD,
    SEASON,
    UNITS_PER_DAY,
    UPLIFT,
    WEEKDAY,
)


def build_calendar(g: SampleRun) -> None:
    """Read the day kinds and events of the horizon from :mod:`storebook.engine.calendar`
    and set the festival lift per day × platform (618, 双11, 双12, 年货节; the Spring Festival
    and long public holidays lower it) and the beauty-only lift of 38节.
    """
    H = g.horizon
    kinds = cal.day_kinds(g.start, g.start + timedelta(days=H - 1))
    g.weekday = kinds["weekday"].to_numpy()
    g.working = kinds["is_working_day"].to_numpy()
    g.holiday = kinds["is_holiday"].to_numpy()
    g.event_kind = kinds["event"].to_numpy().astype(object)
    g.shutdown = kinds["is_logistics_shutdown"].to_numpy()
    g.events = cal.events(g.start, g.start + timedelta(days=H - 1))
    # Festival lift per day × platform, and a beauty-only part (38节).
    lift = np.ones((H, 4))
    beauty_lift = np.ones((H, 4))

    def put(d0: date, d1: date, values, target=lift) -> None:
        """Multiply the days d0 … d1 (inside the horizon) by the platforms' ``values``."""
        a, b = max(g.day_index(d0), 0), min(g.day_index(d1), H - 1)
        if a <= b:
            target[a:b + 1] *= np.asarray(values)

    for e in g.events:
        if e.kind == "618":
            y = e.peak_on.year
            put(e.starts_on, date(y, 6, 15), (1.30, 1.45, 1.25, 1.15))
            put(date(y, 6, 16), date(y, 6, 17), (1.9, 2.3, 1.6, 1.3))
            put(e.peak_on, e.peak_on, (3.2, 4.2, 2.4, 1.8))
            put(date(y, 6, 19), date(y, 6, 21), (0.80, 0.78, 0.85, 0.90))
        elif e.kind == "double11":
            y = e.peak_on.year
            put(e.starts_on, date(y, 10, 30), (1.20, 1.15, 1.15, 1.05))
            put(date(y, 10, 31), date(y, 11, 3), (2.3, 1.8, 1.7, 1.3))
            put(date(y, 11, 4), date(y, 11, 10), (1.35, 1.30, 1.30, 1.10))
            put(e.peak_on, e.peak_on, (5.0, 3.6, 3.0, 2.0))
            put(date(y, 11, 12), date(y, 11, 14), (0.72, 0.78, 0.82, 0.88))
        elif e.kind == "double12":
            put(e.starts_on, e.peak_on - timedelta(days=1), (1.25, 1.15, 1.20, 1.10))
            put(e.peak_on, e.peak_on, (2.2, 1.5, 1.6, 1.3))
        elif e.kind == "nianhuo":
            put(e.starts_on, e.ends_on, (1.30, 1.45, 1.35, 1.15))
        elif e.kind == "women38":
            put(e.starts_on, e.peak_on - timedelta(days=1), (1.20, 1.10, 1.25, 1.10), beauty_lift)
            put(e.peak_on, e.peak_on, (2.0, 1.4, 1.8, 1.4), beauty_lift)
        elif e.kind == "spring_festival":
            put(e.starts_on, e.ends_on, (0.45, 0.55, 0.50, 0.50))
            put(e.peak_on - timedelta(days=1), e.peak_on + timedelta(days=2), (0.65, 0.65, 0.70, 0.70))
        elif e.kind == "public_holiday":
            covered = [g.day_index(e.starts_on) + i for i in range(e.days)]
            covered = [t for t in covered if 0 <= t < H and g.event_kind[t] == "public_holiday"]
            factor = 0.86 if e.days >= 7 else 0.94
            for t in covered:
                lift[t] *= factor
    g.lift = lift
    g.beauty_lift = beauty_lift


def build_demand(g: SampleRun) -> None:
    """Set ``lam0``: expected units per day × platform × SKU before promotions and plants
    (platform share × trend × weekday × season × festival lift × SKU share × availability).
    """
    H = g.horizon
    t = np.arange(H)
    doy = np.array([(g.start + timedelta(days=int(i))).timetuple().tm_yday for i in t])
    week = WEEKDAY[:, g.weekday].T  # (H, 4)
    # Swapped working days (weekends worked) behave like a midweek day.
    swapped = g.working & (g.weekday >= 5)
    week[swapped] = WEEKDAY[:, 2]
    mid = g.n_days / 2.0
    trend = np.exp(np.outer((t - mid) / 365.0, PLATFORM_GROWTH))
    season_c = np.stack([1.0 + a * np.cos(2 * np.pi * (doy - ph) / 365.25) for a, ph in SEASON], axis=1)
    base = PLATFORM_SHARE[None, :] * trend * week * g.lift  # (H, 4)
    # women38 lifts beauty categories fully and home categories a little.
    cat_of = g.sku_cat
    season = season_c[:, cat_of]  # (H, S)
    beauty = BEAUTY[cat_of]
    lam = base[:, :, None] * g.sku_share[None, :, :] * season[:, None, :]
    bl = g.beauty_lift[:, :, None]
    lam *= np.where(beauty[None, None, :], bl, bl ** 0.25)
    # Launch ramp (first 30 days at half to full) and discontinuation.
    age = t[:, None] - g.launch[None, :]
    avail = np.clip(0.5 + age / 60.0, 0.0, 1.0) * (age >= 0) * (t[:, None] < g.discontinued[None, :])
    lam *= avail[:, None, :]
    g.lam0 = lam  # before promotions and planted effects; normalised below


def apply_effects(g: SampleRun) -> None:
    """Promotion depth per day × platform × SKU, and all multipliers on demand.

    Sets ``depth`` and ``pidx`` (the deepest promotion of each day × platform × SKU), the
    final demand ``lam`` and ``lam_no_mobile``, the truths' expected and counterfactual
    units, the planners' ``demand_day`` and ``demand_cum``, and each promotion's budget.
    """
    H, S = g.horizon, g.n_sku
    depth = np.zeros((H, 4, S), dtype=np.float32)
    pidx = np.full((H, 4, S), -1, dtype=np.int32)
    mult = np.ones((H, 4, S))
    for i, pr in enumerate(g.promos):
        plats = range(4) if pr.platform is None else [pr.platform]
        for p in plats:
            sl = (slice(pr.start, pr.end + 1), p)
            cur = depth[sl][:, pr.skus]
            better = pr.depth > cur
            cur_idx = pidx[sl][:, pr.skus]
            depth[pr.start:pr.end + 1, p, pr.skus] = np.where(better, pr.depth, cur)
            pidx[pr.start:pr.end + 1, p, pr.skus] = np.where(better, i, cur_idx)
            m = mult[pr.start:pr.end + 1, p, pr.skus]
            mult[pr.start:pr.end + 1, p, pr.skus] = np.maximum(m, pr.lift)
    g.depth, g.pidx = depth, pidx
    lam = g.lam0 * mult
    # Planted effects on demand.
    pf = g.pull
    dip = np.ones_like(lam)
    dip[pf["dip_start"]:pf["dip_end"] + 1, PULL_FORWARD["platform"], pf["skus"]] = 1.0 - PULL_FORWARD["dip"]
    comp = np.ones_like(lam)
    haircare = np.flatnonzero(g.sku_cat == CATEGORIES.index(COMPETITOR_CUT["category"]))
    comp[g.cut_day:, P_DY, haircare[:, None]] = 1.0 - COMPETITOR_CUT["our_units"]
    mob = np.ones((H, 4, 1))
    a, b = g.mobile_drop
    ms = MOBILE_SHARE[MOBILE_DROP["platform"]]
    g.mobile_factor = 1.0 - MOBILE_DROP["drop"] * ms
    mob[a:b + 1, MOBILE_DROP["platform"]] = g.mobile_factor
    full = lam * dip * comp * mob
    # Normalise: UNITS_PER_DAY × scale expected units a day over the period.
    norm = UNITS_PER_DAY * g.scale * g.n_days / full[: g.n_days].sum()
    g.norm = norm
    g.lam = full * norm
    g.lam_no_mobile = lam * dip * comp * norm  # what traffic (visitors) follows
    # Counterfactuals for the truths (expected units without the planted effect).
    u = g.uplift
    sl = (slice(u["start"], u["end"] + 1), UPLIFT["platform"])
    g.uplift_actual = g.lam[sl][:, u["skus"]].copy()
    g.uplift_cf = g.uplift_actual / (1.0 + UPLIFT["uplift"])
    sl = (slice(pf["dip_start"], pf["dip_end"] + 1), PULL_FORWARD["platform"])
    g.pull_actual = g.lam[sl][:, pf["skus"]].copy()
    g.pull_cf = g.pull_actual / (1.0 - PULL_FORWARD["dip"])
    g.pull_promo_units = g.lam[pf["start"]:pf["end"] + 1, PULL_FORWARD["platform"]][:, pf["skus"]].sum()
    cut_sl = g.lam[g.cut_day:g.n_days, P_DY][:, haircare]
    g.cut_actual = cut_sl.sum()
    g.cut_cf = g.cut_actual / (1.0 - COMPETITOR_CUT["our_units"])
    mo = g.lam[a:b + 1, MOBILE_DROP["platform"]].sum()
    g.mobile_units_actual = mo
    g.mobile_units_cf = mo / g.mobile_factor
    # Planner's forecast: expected units per day × SKU, cumulative.
    g.demand_day = g.lam.sum(axis=1)  # (H, S)
    g.demand_cum = np.vstack([np.zeros((1, g.n_sku)), np.cumsum(g.demand_day, axis=0)])
    # Promotion budgets: expected discount × 1.2, rounded to 1000 yuan.
    for i, pr in enumerate(g.promos):
        mask = g.pidx[pr.start:pr.end + 1] == i
        exp_disc = (g.lam[pr.start:pr.end + 1] * mask * g.price[None, None, :] * pr.depth).sum()
        pr.budget_cents = int(max(5, math.ceil(exp_disc * 1.2 / 10000.0))) * 10000
