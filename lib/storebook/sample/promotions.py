"""Promotions: the store's own (discounts, coupons, flash sales, bundles each month, and the
festival 会场 of 618, 双11, 双12, 年货节 and 38节), the two planted ones, and the
``promotions`` file.

A promotion lifts its SKUs' demand by ``1 + elasticity × depth`` (festival 会场 by nothing:
the festival itself lifts demand). None may cover a planted truth's SKUs near its window,
so that the truths are measured against clean baselines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from storebook.sample.draws import draw_categorical
from storebook.sample.run import SampleRun
from storebook.sample.store import (
    BEAUTY,
    CATEGORIES,
    CATEGORY_UNIT_SHARE,
    COMPETITOR_CUT,
    P_DY,
    P_TM,
    P_WEB,
    PLATFORM_ZH,
    PLATFORMS,
    PULL_FORWARD,
    UPLIFT,
)
from storebook.sample.writing import format_money, write_csv


@dataclass
class Promo:
    """One promotion: where (a platform, or None for every one), when (day indexes, both
    inclusive), how deep, on which SKUs, and how much it lifts their demand."""

    promo_id: str
    name: str
    ptype: str
    platform: int | None  # None = every platform
    start: int  # day index
    end: int  # inclusive
    depth: float
    skus: np.ndarray  # sku indexes
    scope: str
    lift: float  # units multiplier while it runs
    budget_cents: int = 0
    coupon: str = ""


def build_promotions(g: SampleRun) -> None:
    """Set ``promos``: each month's promotions per platform and across platforms, the
    festival 会场, and the two planted promotions (``uplift_promo``, ``pull_promo``); a
    candidate that would touch a protected truth window is dropped."""
    rng = g.rng("promotions")
    n = g.n_days
    promos: list[Promo] = []
    cat_skus = {c: np.flatnonzero(g.sku_cat == i) for i, c in enumerate(CATEGORIES)}

    def sku_scope(skus: np.ndarray) -> str:
        """The contract's scope text for a list of SKUs: ``sku:A|B|C``."""
        return "sku:" + "|".join(g.sku[s] for s in skus)

    # Protected windows: (platform or None, set of SKUs, first day, last day).
    protected = [
        (UPLIFT["platform"], set(map(int, g.uplift["skus"])), g.uplift["start"] - 56, g.uplift["end"] + 21),
        (PULL_FORWARD["platform"], set(map(int, g.pull["skus"])), g.pull["start"] - 56, g.pull["dip_end"] + 21),
        (P_DY, set(map(int, cat_skus[COMPETITOR_CUT["category"]])), g.cut_day - 28, n - 1),
    ]

    def conflicts(platform: int | None, skus: np.ndarray, a: int, b: int) -> bool:
        """Whether a promotion would cover a protected SKU during its protected window."""
        s = set(map(int, skus))
        for pp, ps, pa, pb in protected:
            if (platform is None or platform == pp) and a <= pb and b >= pa and s & ps:
                return True
        return False

    elasticity = {"discount": 2.5, "coupon": 1.5, "flash_sale": 3.5, "bundle": 2.0, "festival": 0.0}
    type_zh = {"discount": "限时折扣", "coupon": "满减券", "flash_sale": "秒杀", "bundle": "组合优惠", "festival": "大促"}
    cand: list[tuple] = []
    for k in range(g.months):
        first = g.month_start_idx[k]
        last = g.month_start_idx[k + 1] - 1 if k + 1 < g.months else n - 1
        plats: list[int | None] = [0, 1, 2, 3, None]
        for platform in plats:
            kinds = []
            if platform is None:
                if rng.random() < 0.35:
                    kinds.append("discount")
            else:
                kinds.append("discount")
                if rng.random() < 0.5:
                    kinds.append("coupon")
                if platform in (P_TM, P_DY) and rng.random() < 0.7:
                    kinds.append("flash_sale")
                if rng.random() < 0.25:
                    kinds.append("bundle")
            for ptype in kinds:
                c = int(draw_categorical(rng, CATEGORY_UNIT_SHARE, 1)[0])
                length = {"discount": rng.integers(5, 11), "coupon": rng.integers(7, 15),
                          "flash_sale": rng.integers(1, 4), "bundle": rng.integers(10, 22)}[ptype]
                a = int(rng.integers(first, max(first + 1, last - length + 2)))
                b = min(a + int(length) - 1, n - 1)
                depth = {"discount": rng.uniform(0.10, 0.30), "coupon": rng.uniform(0.05, 0.15),
                         "flash_sale": rng.uniform(0.30, 0.45), "bundle": rng.uniform(0.10, 0.20)}[ptype]
                depth = round(float(depth), 2)
                if ptype == "coupon" or (ptype == "discount" and rng.random() < 0.3):
                    skus = cat_skus[CATEGORIES[c]]
                    scope = f"category:{CATEGORIES[c]}"
                else:
                    k_sku = {"discount": rng.integers(3, 11), "flash_sale": rng.integers(2, 6),
                             "bundle": rng.integers(2, 5)}[ptype]
                    pool = cat_skus[CATEGORIES[c]]
                    w = g.sku_share[platform if platform is not None else 0, pool] + 1e-9
                    skus = np.sort(rng.choice(pool, size=min(int(k_sku), len(pool)), replace=False, p=w / w.sum()))
                    scope = sku_scope(skus)
                cand.append((a, b, platform, ptype, depth, skus, scope, 1.0 + elasticity[ptype] * depth, c))
    # Festival promotions: per event × platform, two or three categories.
    for e in g.events:
        if e.kind not in ("618", "double11", "double12", "nianhuo", "women38"):
            continue
        a, b = g.day_index(e.starts_on), g.day_index(e.ends_on)
        if b < 0 or a >= n:
            continue
        a, b = max(a, 0), min(b, n - 1)
        for platform in range(4):
            if platform == P_WEB and e.kind not in ("618", "double11"):
                continue
            pool = [i for i, c in enumerate(CATEGORIES) if (BEAUTY[i] or e.kind != "women38")]
            k_cat = 2 if e.kind in ("double12", "women38") else 3
            chosen = sorted(rng.choice(pool, size=k_cat, replace=False))
            for c in chosen:
                depth = round(float(rng.uniform(0.10, 0.25)), 2)
                cand.append((a, b, platform, "festival", depth, cat_skus[CATEGORIES[c]],
                             f"category:{CATEGORIES[c]}", 1.0, c, e))
    cand.sort(key=lambda x: (x[0], x[1], -1 if x[2] is None else x[2], x[3], x[6]))
    seq = 0
    for item in cand:
        a, b, platform, ptype, depth, skus, scope, lift, c = item[:9]
        if conflicts(platform, skus, a, b):
            continue
        seq += 1
        pid = f"PR{seq:05d}"
        where = "全平台" if platform is None else PLATFORM_ZH[platform]
        if ptype == "festival":
            e = item[9]
            name = f"{e.name_zh}{e.peak_on.year if e.peak_on else e.starts_on.year} {where} {CATEGORIES[c]}会场"
        else:
            name = f"{where} {CATEGORIES[c]} {type_zh[ptype]} {g.day_date(a):%m%d}"
        promos.append(Promo(pid, name, ptype, platform, a, b, depth, np.asarray(skus), scope, lift,
                             coupon=f"CPN{seq:05d}" if ptype == "coupon" else ""))
    # The planted promotions.
    seq += 1
    u = g.uplift
    promos.append(Promo(f"PR{seq:05d}", f"京东 skincare 精选限时折扣 {g.day_date(u['start']):%m%d}", "discount",
                         UPLIFT["platform"], u["start"], u["end"], UPLIFT["discount"], u["skus"],
                         sku_scope(u["skus"]), 1.0 + UPLIFT["uplift"]))
    g.uplift_promo = promos[-1]
    seq += 1
    pf = g.pull
    promos.append(Promo(f"PR{seq:05d}", f"天猫 makeup 会员专享折扣 {g.day_date(pf['start']):%m%d}", "discount",
                         PULL_FORWARD["platform"], pf["start"], pf["end"], PULL_FORWARD["discount"], pf["skus"],
                         sku_scope(pf["skus"]), 1.0))
    g.pull_promo = promos[-1]
    g.promos = promos


def write_promotions(g: SampleRun) -> None:
    """Write ``promotions/promotions.csv``, one row per promotion in id order."""
    prs = sorted(g.promos, key=lambda pr: pr.promo_id)
    frame = pd.DataFrame({
        "promo_id": np.array([pr.promo_id for pr in prs], dtype=object),
        "promo_name": np.array([pr.name for pr in prs], dtype=object),
        "promo_type": np.array([pr.ptype for pr in prs], dtype=object),
        "platform": np.array(["" if pr.platform is None else PLATFORMS[pr.platform] for pr in prs], dtype=object),
        "starts_on": np.array([g.day_date(pr.start).isoformat() for pr in prs], dtype=object),
        "ends_on": np.array([g.day_date(pr.end).isoformat() for pr in prs], dtype=object),
        "discount_pct": np.array([f"{pr.depth:.2f}" for pr in prs], dtype=object),
        "scope": np.array([pr.scope for pr in prs], dtype=object),
        "budget_amount": format_money(np.array([pr.budget_cents for pr in prs])),
    })
    write_csv(frame, g.path("promotions", "promotions.csv"))
    g.record_file("promotions", "promotions.csv", len(frame))
