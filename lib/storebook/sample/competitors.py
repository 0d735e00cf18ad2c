"""Competitors: the daily ``competitor_prices`` a price-monitoring tool exports (GBK).

Four competitor shops, eight products per category they sell (four matched to one of our
SKUs), each with its list price, own short promotions, festival discounts, estimated sales,
rating and review count. The planted competitor price cut lowers one shop's haircare prices
by 20% from ``cut_day``.
"""

from __future__ import annotations

import math

import numpy as np

from storebook.sample.run import SampleRun
from storebook.sample.store import (
    CATEGORIES,
    COMPETITOR_CUT,
    COMPETITORS,
    PLATFORMS,
    PRICE_RANGE,
    PRODUCT_NOUNS,
    PRODUCT_VARIANTS,
)
from storebook.sample.writing import Columns, format_bools, format_dates, format_money, write_csv


def write_competitor_prices(g: SampleRun) -> None:
    """Write ``competitor_prices/competitor_prices.csv`` (GBK): one row per day × competitor
    product over the period, and keep on ``g`` what the competitor truth reports
    (``comp_products``, ``comp_cut_products``, ``comp_cut_prices``: the cut products' mean
    price over the 14 days before the cut and after it).
    """
    rng = g.rng("competitors")
    n = g.n_days
    prods = []  # (competitor, platform, cat, comp_sku, name, our sku or -1, list price cents)
    for ci, (cname, plat, cats) in enumerate(COMPETITORS):
        j = 0
        for cat in cats:
            c = CATEGORIES.index(cat)
            ours = np.flatnonzero((g.sku_cat == c) & (g.launch < 0))
            matched = rng.choice(ours, size=4, replace=False)
            for i in range(8):
                j += 1
                noun = PRODUCT_NOUNS[cat][int(rng.integers(len(PRODUCT_NOUNS[cat])))]
                variant = PRODUCT_VARIANTS[cat][int(rng.integers(len(PRODUCT_VARIANTS[cat])))]
                if i < 4:
                    sku = int(matched[i])
                    lp = g.price[sku] / 100.0 * rng.uniform(0.8, 1.2)
                else:
                    sku = -1
                    lo, hi = PRICE_RANGE[c]
                    lp = math.exp(rng.uniform(math.log(lo), math.log(hi)))
                lp = max(int(round(lp / 10.0)) * 10 - 1, 9) * 100
                # The monitoring tool keys a product by its code and Chinese title.
                prods.append((ci, PLATFORMS.index(plat), c, f"{'ABCD'[ci]}{j:03d}-{noun}{variant}",
                              f"{cname[:3]} {noun} {variant}", sku, lp))
    P = len(prods)
    comp = np.array([x[0] for x in prods])
    plat = np.array([x[1] for x in prods])
    catg = np.array([x[2] for x in prods])
    lp = np.array([x[6] for x in prods], dtype=np.int64)
    base_disc = rng.uniform(0.0, 0.08, size=P)
    # Promotions: own short promos, plus festival days.
    promo_depth = np.zeros((n, P))
    for q in range(P):
        t = int(rng.integers(0, 20))
        while t < n:
            length = int(rng.integers(2, 6))
            promo_depth[t:t + length, q] = rng.uniform(0.10, 0.30)
            t += length + int(rng.integers(15, 45))
    fest = np.array([k in ("618", "double11", "double12", "nianhuo", "women38") for k in g.event_kind[:n]])
    joins = rng.random(P) < 0.8
    fest_depth = rng.uniform(0.15, 0.30, size=P)
    promo_depth = np.where(fest[:, None] & joins[None, :], np.maximum(promo_depth, fest_depth[None, :]), promo_depth)
    cut = np.zeros((n, P), bool)
    cut_products = (comp == COMPETITOR_CUT["competitor"]) & (catg == CATEGORIES.index(COMPETITOR_CUT["category"]))
    cut[g.cut_day:, cut_products] = True
    base = lp[None, :] * (1.0 - base_disc[None, :]) * np.where(cut, 1.0 - COMPETITOR_CUT["price_cut"], 1.0)
    price = np.rint(base * (1.0 - promo_depth) / 10.0).astype(np.int64) * 10  # whole dimes
    price = np.maximum(price, 100)
    on_promo = promo_depth > 0
    rate = rng.lognormal(np.log(30), 0.8, size=P) * g.scale
    lift = g.lift[:n][:, plat]
    est = rate[None, :] * lift * (1.0 + 2.0 * promo_depth) * np.where(cut, 1.4, 1.0) * rng.lognormal(0, 0.15, size=(n, P))
    est_r = np.rint(est)
    missing = rng.random((n, P)) < 0.03
    reviews = rng.integers(200, 50000, size=P)[None, :] + np.cumsum(np.rint(est * 0.05).astype(np.int64), axis=0)
    rating = np.clip(np.round(rng.uniform(4.3, 4.9, size=P)[None, :] + np.cumsum(rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 0.1, -0.1], size=(n, P)) * (rng.random((n, P)) < 0.02), axis=0), 1), 3.5, 5.0)
    days = np.repeat(format_dates(g.day0 + np.arange(n)), P)
    frame = Columns({
        "observed_on": days,
        "competitor": np.tile(np.array([COMPETITORS[c][0] for c in comp], dtype=object), n),
        "platform": np.tile(np.array(PLATFORMS, dtype=object)[plat], n),
        "competitor_sku": np.tile(np.array([x[3] for x in prods], dtype=object), n),
        "category": np.tile(np.array(CATEGORIES, dtype=object)[catg], n),
        "sku": np.tile(np.array([g.sku[x[5]] if x[5] >= 0 else "" for x in prods], dtype=object), n),
        "price": format_money(price.reshape(-1)),
        "list_price": format_money(np.tile(lp, n)),
        "is_on_promo": format_bools(on_promo.reshape(-1)),
        "rating": np.array([f"{r:.1f}" for r in np.arange(35, 51) / 10.0])[np.rint(rating.reshape(-1) * 10).astype(np.int64) - 35],
        "review_count": reviews.reshape(-1),
        "est_units_sold": np.where(missing.reshape(-1), "", est_r.reshape(-1).astype(np.int64).astype("U")),
    })
    # GBK, as the competitor-monitoring tool exports it.
    n_rows = write_csv(frame, g.path("competitor_prices", "competitor_prices.csv"), encoding="gbk")
    g.record_file("competitor_prices", "competitor_prices.csv", n_rows)
    g.comp_products = prods
    g.comp_cut_products = [prods[i][3] for i in np.flatnonzero(cut_products)]
    pre = price[max(g.cut_day - 14, 0):g.cut_day][:, cut_products]
    post = price[g.cut_day:][:, cut_products]
    g.comp_cut_prices = (float(pre.mean() / 100.0) if pre.size else None, float(post.mean() / 100.0) if post.size else None)
