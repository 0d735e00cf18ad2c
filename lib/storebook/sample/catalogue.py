"""The catalogue and its fixed tables: suppliers, SKUs, provinces, commission rates, and the
``suppliers``, ``products`` (an Excel workbook, as an ERP exports it) and ``platform_fees``
files.

SKUs are drawn per category from the store's nouns and variants, with a price in the
category's range (ending in 9) and a cost share; about 10% launch during the period and 5%
are discontinued. Popularity within a category is heavy-tailed, and the complaint
supplier's best body-care SKU is made a hero product (the complaint truth needs its sales).
"""

from __future__ import annotations

import io
import math
from datetime import timedelta

import numpy as np
import pandas as pd

from storebook.sample.run import SampleRun
from storebook.sample.store import (
    BEAUTY,
    CATEGORIES,
    CATEGORY_AFFINITY,
    CATEGORY_CODE,
    CATEGORY_SKUS,
    CATEGORY_UNIT_SHARE,
    COMMISSION,
    COMPLAINT,
    COST_SHARE,
    DOUYIN_NEW_COMMISSION,
    P_DY,
    PLATFORMS,
    PRICE_RANGE,
    PRODUCT_NOUNS,
    PRODUCT_VARIANTS,
    PROVINCES,
    REGIONS,
    SUPPLIERS,
    WAREHOUSE_PREF,
)
from storebook.sample.writing import fix_xlsx_stamps, write_csv


def build_master_data(g: SampleRun) -> None:
    """Draw the suppliers' SKUs, their prices, costs, launch and discontinuation days and
    popularity per platform; the provinces and their nearest warehouses; the commission rates
    (Douyin's change halfway through the period).

    Args:
        g: the run, after :func:`storebook.sample.demand.build_calendar`.
    """
    rng = g.rng("master")
    # Suppliers and the SKUs they make.
    g.supplier_ids = [s[0] for s in SUPPLIERS]
    g.supplier_lt = np.array([s[3] for s in SUPPLIERS])
    cat_suppliers = {c: [i for i, s in enumerate(SUPPLIERS) if c in s[4]] for c in CATEGORIES}
    skus, names, cats, sup, price, cost = [], [], [], [], [], []
    start_t = 0
    for c_i, (cat, code, n) in enumerate(zip(CATEGORIES, CATEGORY_CODE, CATEGORY_SKUS, strict=True)):
        nouns, variants = PRODUCT_NOUNS[cat], PRODUCT_VARIANTS[cat]
        combos = [(a, b) for a in nouns for b in variants]
        pick = rng.choice(len(combos), size=n, replace=False)
        lo, hi = PRICE_RANGE[c_i]
        for j in range(n):
            noun, variant = combos[pick[j]]
            skus.append(f"{code}{j + 1:03d}")
            names.append(f"暖织 {noun} {variant}")
            cats.append(c_i)
            sups = cat_suppliers[cat]
            sup.append(sups[j % len(sups)] if len(sups) > 1 else sups[0])
            p = math.exp(rng.uniform(math.log(lo), math.log(hi)))
            p = max(int(round(p / 10.0)) * 10 - 1, 9)  # 89, 129, 259 …
            price.append(p * 100)
            cost.append(int(round(p * 100 * rng.uniform(*COST_SHARE[c_i]))))
    n_sku = len(skus)
    launch = rng.integers(-5 * 365, -60, size=n_sku)  # days before the period
    new = rng.random(n_sku) < 0.10
    launch[new] = rng.integers(start_t + 20, int(g.n_days * 0.8), size=new.sum())
    discontinued = np.full(n_sku, 10**6)
    gone = (~new) & (rng.random(n_sku) < 0.05)
    discontinued[gone] = rng.integers(int(g.n_days * 0.2), int(g.n_days * 0.9), size=gone.sum())
    g.sku = np.array(skus, dtype=object)
    g.sku_name = np.array(names, dtype=object)
    g.sku_cat = np.array(cats)
    g.sku_sup = np.array(sup)
    g.price = np.array(price, dtype=np.int64)
    g.cost = np.array(cost, dtype=np.int64)
    g.launch = launch
    g.discontinued = discontinued
    g.n_sku = n_sku
    # Popularity within category (heavy-tailed), per platform through the affinity.
    pop = rng.lognormal(0.0, 0.9, size=n_sku)
    # The complaint supplier's best body-care SKU is a hero product (the complaint truth).
    sup6 = g.supplier_ids.index(COMPLAINT["supplier"])
    body = np.flatnonzero(np.array(cats) == CATEGORIES.index("body_care"))
    mine = body[np.array(sup)[body] == sup6]
    mine = mine[(g.launch[mine] < -90) & (g.discontinued[mine] > g.horizon)]
    hero = mine[np.argmax(pop[mine])]
    pop[hero] = pop[body].max() * 2.0
    share = np.zeros((4, n_sku))
    for c_i in range(len(CATEGORIES)):
        m = g.sku_cat == c_i
        within = pop[m] / pop[m].sum()
        for p in range(4):
            share[p, m] = CATEGORY_UNIT_SHARE[c_i] * CATEGORY_AFFINITY[p, c_i] * within
    g.sku_share = share / share.sum(axis=1, keepdims=True)
    # Provinces, regions, warehouse preference.
    g.prov_name = np.array([p[0] for p in PROVINCES], dtype=object)
    w = np.array([p[1] for p in PROVINCES])
    g.prov_weight = w / w.sum()
    g.prov_region = np.array([REGIONS.index(p[2]) for p in PROVINCES])
    g.prov_pref = np.array([WAREHOUSE_PREF[p[2]] for p in PROVINCES])
    wh_share = np.zeros(3)
    np.add.at(wh_share, g.prov_pref[:, 0], g.prov_weight)
    g.wh_share = wh_share
    # Commission rates: before / after douyin's change.
    g.fee_change = g.month_start_idx[g.months // 2]
    rates = np.zeros((2, 4, len(CATEGORIES)))
    for p, name in enumerate(PLATFORMS):
        b, h = COMMISSION[name]
        rates[:, p] = np.where(BEAUTY, b, h)
    rates[1, P_DY] = np.where(BEAUTY, DOUYIN_NEW_COMMISSION[0], DOUYIN_NEW_COMMISSION[1])
    g.commission = rates


def write_suppliers(g: SampleRun) -> None:
    """Write ``suppliers/suppliers.csv`` (id, name, region, contract lead time)."""
    frame = pd.DataFrame({
        "supplier_id": np.array([s[0] for s in SUPPLIERS], dtype=object),
        "supplier_name": np.array([s[1] for s in SUPPLIERS], dtype=object),
        "region": np.array([s[2] for s in SUPPLIERS], dtype=object),
        "contract_lead_time_days": np.array([s[3] for s in SUPPLIERS], dtype=np.int64),
    })
    write_csv(frame, g.path("suppliers", "suppliers.csv"))
    g.record_file("suppliers", "suppliers.csv", len(frame))


def write_products(g: SampleRun) -> None:
    """Write ``products/products.xlsx``, one row per SKU, as an ERP's Excel export (prices
    as numbers with two decimals, dates as text), with fixed stamps so the bytes repeat."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "products"
    ws.append(["sku", "product_name", "category", "brand", "list_price", "unit_cost", "supplier_id",
               "launched_on", "is_active"])
    end_t = g.n_days - 1
    for s in range(g.n_sku):
        launched = g.day_date(int(g.launch[s]))
        active = bool(g.discontinued[s] > end_t)
        brand = "Lumen Lab" if BEAUTY[g.sku_cat[s]] else "Lumen & Loom"
        ws.append([g.sku[s], g.sku_name[s], CATEGORIES[g.sku_cat[s]], brand,
                   round(g.price[s] / 100.0, 2), round(g.cost[s] / 100.0, 2),
                   g.supplier_ids[g.sku_sup[s]], launched.isoformat(), "true" if active else "false"])
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in row:
            cell.number_format = "0.00"
    buf = io.BytesIO()
    wb.save(buf)
    path = g.path("products", "products.xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(fix_xlsx_stamps(buf.getvalue(), g.end))
    g.record_file("products", "products.xlsx", g.n_sku)


def write_platform_fees(g: SampleRun) -> None:
    """Write ``platform_fees/platform_fees.csv``: the commission rate per platform ×
    category, Douyin's in two validity periods (before and from ``fee_change``)."""
    change = g.day_date(g.fee_change)
    rows = []
    for p, pname in enumerate(PLATFORMS):
        for c, cat in enumerate(CATEGORIES):
            if p == P_DY:
                rows.append((pname, cat, g.commission[0, p, c], "2020-01-01", (change - timedelta(days=1)).isoformat()))
                rows.append((pname, cat, g.commission[1, p, c], change.isoformat(), ""))
            else:
                rows.append((pname, cat, g.commission[0, p, c], "2020-01-01", ""))
    frame = pd.DataFrame(rows, columns=["platform", "category", "commission_rate", "valid_from", "valid_to"])
    frame["commission_rate"] = [f"{r:.4f}" for r in frame["commission_rate"]]
    frame = frame.astype(object)
    write_csv(frame, g.path("platform_fees", "platform_fees.csv"))
    g.record_file("platform_fees", "platform_fees.csv", len(frame))
