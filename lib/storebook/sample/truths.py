"""The planted truths: where and when each one happens, and what it came to be.

:func:`place_truths` runs before the promotions and the demand effects and chooses, with a
stream of its own, each truth's window and SKUs (clean of festivals, among the category's
best sellers so that the effect is measurable, never two truths on one SKU).
:func:`compute_truths` runs after every table is written and returns, for ``_truth.json``,
each truth with the numbers a report must find (planted size, expected and realised units,
the counterfactual, how to find it). docs/sample_store.md describes each one; the duties'
plants (ratings, listings, holdouts, the forecast season) are in
:mod:`storebook.sample.duties`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from storebook.sample.run import SampleRun
from storebook.sample.store import (
    CARRIERS,
    CATEGORIES,
    COMPETITOR_CUT,
    COMPETITORS,
    COMPLAINT,
    DEVICES,
    LATE,
    MEAN_LINES,
    MEAN_QTY,
    MOBILE_DROP,
    OUTAGE,
    P_DY,
    PLATFORMS,
    PULL_FORWARD,
    SLOW_CARRIER,
    UPLIFT,
    WAREHOUSES,
)


def place_truths(g: SampleRun) -> None:
    """Choose where and when each planted truth happens (docs/sample_store.md, 1–8): the
    uplift and pull-forward promotions' windows and SKUs, the outage day, the competitor's
    cut day, the late supplier's first day, the mobile drop's month, the defective batch's
    SKU and receipt, and the slow carrier's days."""
    rng = g.rng("truths")
    big = {"618", "double11", "double12", "nianhuo", "women38", "spring_festival"}
    busy = np.array([k in big for k in g.event_kind])
    # Festival after-dips are not calendar events but are not clean baselines either.
    clean_day = ~busy & (g.lift.min(axis=1) >= 0.93) & (g.beauty_lift.max(axis=1) <= 1.0)

    def pick_window(first: int, last: int, length: int, tail: int = 0) -> int:
        """Start of a `length`-day window inside [first, last] whose days (and `tail`
        days after) avoid festivals; the cleanest window if none is fully clean."""
        cands = list(range(first + 4, last - length + 2))
        if not cands:
            cands = [first]
        scores = [int((~clean_day[s:s + length + tail]).sum()) for s in cands]
        best = min(scores)
        good = [s for s, sc in zip(cands, scores, strict=True) if sc == best]
        return int(good[int(rng.integers(len(good)))])

    established = (g.launch < -90) & (g.discontinued > g.horizon)
    mean_share = g.sku_share.mean(axis=0)
    used: set[int] = set()

    def pick_skus(category: str, k: int, platform: int) -> np.ndarray:
        """``k`` established, unused SKUs of ``category`` among its best sellers on ``platform``."""
        c = CATEGORIES.index(category)
        cand = np.flatnonzero((g.sku_cat == c) & established)
        cand = np.array([s for s in cand if s not in used])
        # Among the best sellers of the category on that platform, so the effect is measurable.
        order = cand[np.argsort(-g.sku_share[platform, cand], kind="stable")]
        pool = order[: k + 4]
        chosen = np.sort(rng.choice(pool, size=min(k, len(pool)), replace=False))
        used.update(int(s) for s in chosen)
        return chosen

    # 1. promo_uplift in end_month − 2.
    lo, hi = g.month_bounds(2)
    u_start = pick_window(lo, hi, UPLIFT["days"])
    g.uplift = dict(start=u_start, end=u_start + UPLIFT["days"] - 1,
                       skus=pick_skus(UPLIFT["category"], UPLIFT["n_skus"], UPLIFT["platform"]))
    # 2. promo_pull_forward in end_month − 4 (its dip may run into end_month − 3).
    lo, hi = g.month_bounds(4)
    pf_start = pick_window(lo, hi, PULL_FORWARD["days"], PULL_FORWARD["dip_days"])
    pf_end = pf_start + PULL_FORWARD["days"] - 1
    g.pull = dict(start=pf_start, end=pf_end, dip_start=pf_end + 1,
                     dip_end=pf_end + PULL_FORWARD["dip_days"],
                     skus=pick_skus(PULL_FORWARD["category"], PULL_FORWARD["n_skus"], PULL_FORWARD["platform"]))
    # 3. tracking outage: a clean working weekday (Tue–Thu) of end_month − 1.
    lo, hi = g.month_bounds(1)
    cands = [t for t in range(lo + 3, hi - 2)
             if clean_day[t] and g.working[t] and not g.holiday[t] and 1 <= g.weekday[t] <= 3
             and t != lo + 14]  # not the day of the competitor's price cut
    cands = cands or [t for t in range(lo, hi + 1) if g.weekday[t] < 5] or [lo + 10]
    g.outage_day = int(cands[int(rng.integers(len(cands)))])
    # 4. competitor price cut: mid end_month − 1 onwards.
    g.cut_day = lo + 14
    # 5. late supplier: POs promised from the first day of end_month − 6.
    g.late_from = g.month_bounds(LATE["months_before"])[0]
    g.late_sup = g.supplier_ids.index(LATE["supplier"])
    # 6. mobile conversion drop: the whole of end_month − 1.
    g.mobile_drop = (lo, hi)
    # 7. complaint spike: a defective batch of the complaint supplier's best SKU,
    #    received on day 8 of end_month − 2 at the east warehouse.
    sup = g.supplier_ids.index(COMPLAINT["supplier"])
    cand = np.flatnonzero((g.sku_sup == sup) & established)
    cand = np.array([s for s in cand if s not in used])
    g.complaint_sku = int(cand[np.argmax(g.sku_share.sum(axis=0)[cand])])
    used.add(g.complaint_sku)
    g.complaint_receive = g.month_bounds(2)[0] + 7
    g.defect_order_day = g.complaint_receive - int(g.supplier_lt[sup])
    # 8. slow carrier: 10 days from day 8 of end_month − 1.
    g.slow = (lo + 7, lo + 7 + SLOW_CARRIER["days"] - 1)
    g.slow_prov = np.isin(g.prov_name, SLOW_CARRIER["provinces"])
    g.truth_skus = used
    del mean_share


def compute_truths(g: SampleRun) -> dict:
    """Each planted truth as ``_truth.json`` states it, from the run's logs and counterfactuals.

    Returns:
        ``{truth name: {planted size, expected and realised figures, how_to_find …}}``,
        with the duties' truths (``g.duties_truths``) among them.
    """
    iso = lambda t: g.day_date(int(t)).isoformat()  # noqa: E731
    out: dict = {}
    # 1. promo_uplift
    u, pr = g.uplift, g.uplift_promo
    price = g.price[u["skus"]] / 100.0
    base_units = float(g.uplift_cf.sum())
    exp_units = float(g.uplift_actual.sum())
    rev_actual = float((g.uplift_actual * price[None, :] * (1 - UPLIFT["discount"])).sum())
    rev_cf = float((g.uplift_cf * price[None, :]).sum())
    sold = g.sold[u["start"]:u["end"] + 1, UPLIFT["platform"]][:, u["skus"]].sum()
    out["promo_uplift"] = {
        "promo_id": pr.promo_id, "platform": PLATFORMS[UPLIFT["platform"]], "category": UPLIFT["category"],
        "skus": [g.sku[s] for s in u["skus"]], "starts_on": iso(u["start"]), "ends_on": iso(u["end"]),
        "days": UPLIFT["days"], "discount_pct": UPLIFT["discount"], "true_uplift_pct": UPLIFT["uplift"],
        "baseline_units": round(base_units, 2), "expected_units": round(exp_units, 2),
        "incremental_units": round(exp_units - base_units, 2),
        "baseline_paid_revenue": round(rev_cf, 2), "expected_paid_revenue": round(rev_actual, 2),
        "incremental_paid_revenue": round(rev_actual - rev_cf, 2),
        "realised_units": int(sold),
        "clean_window": {"from": iso(u["start"] - 56), "to": iso(u["end"] + 21),
                         "rule": "no other promotion covers these SKUs on this platform (or on every platform)"},
        "how_to_find": "units of the promoted SKUs on jd vs. their own pre-period and vs. other skincare SKUs "
                       "(difference in differences); the estimate should be near incremental_units",
    }
    # 2. promo_pull_forward
    pf, pp = g.pull, g.pull_promo
    dip_base = float(g.pull_cf.sum())
    dip_exp = float(g.pull_actual.sum())
    out["promo_pull_forward"] = {
        "promo_id": pp.promo_id, "platform": PLATFORMS[PULL_FORWARD["platform"]], "category": PULL_FORWARD["category"],
        "skus": [g.sku[s] for s in pf["skus"]], "starts_on": iso(pf["start"]), "ends_on": iso(pf["end"]),
        "discount_pct": PULL_FORWARD["discount"], "true_uplift_pct": 0.0,
        "expected_units_during_promo": round(float(g.pull_promo_units), 2),
        "dip_starts_on": iso(pf["dip_start"]), "dip_ends_on": iso(pf["dip_end"]), "dip_days": PULL_FORWARD["dip_days"],
        "dip_pct": -PULL_FORWARD["dip"], "dip_baseline_units": round(dip_base, 2),
        "dip_expected_units": round(dip_exp, 2), "dip_lost_units": round(dip_base - dip_exp, 2),
        "how_to_find": "units during the promotion are at baseline (no uplift, the discount is pure cost); "
                       "the 10 days after it fall by about 35%",
    }
    # 3. tracking_outage
    rec = getattr(g, "outage_record", {"normal_visitors": None, "recorded_visitors": None})
    out["tracking_outage"] = {
        "platform": PLATFORMS[OUTAGE["platform"]], "date": iso(g.outage_day), "factor": OUTAGE["factor"],
        "metrics_affected": ["visitors", "page_views", "product_views"],
        "metrics_unaffected": ["cart_adds", "checkouts", "buyers", "orders", "paid_amount"],
        "normal_visitors_all_rows": rec["normal_visitors"], "recorded_visitors_all_rows": rec["recorded_visitors"],
        "how_to_find": "visitors on that day far below the same weekday's median while orders are normal; "
                       "conversion that day looks impossibly high",
    }
    # 4. competitor_price_cut
    hc = np.flatnonzero(g.sku_cat == CATEGORIES.index(COMPETITOR_CUT["category"]))
    before = g.sold[max(g.cut_day - 28, 0):g.cut_day, P_DY][:, hc].sum()
    after = g.sold[g.cut_day:g.n_days, P_DY][:, hc].sum()
    out["competitor_price_cut"] = {
        "competitor": COMPETITORS[COMPETITOR_CUT["competitor"]][0],
        "platform": COMPETITORS[COMPETITOR_CUT["competitor"]][1], "category": COMPETITOR_CUT["category"],
        "competitor_skus": g.comp_cut_products, "cut_from": iso(g.cut_day),
        "price_cut_pct": -COMPETITOR_CUT["price_cut"],
        "mean_price_before_14d": None if g.comp_cut_prices[0] is None else round(g.comp_cut_prices[0], 2),
        "mean_price_after": None if g.comp_cut_prices[1] is None else round(g.comp_cut_prices[1], 2),
        "our_units_effect_pct": -COMPETITOR_CUT["our_units"],
        "our_expected_units_after": round(float(g.cut_actual), 2),
        "our_counterfactual_units_after": round(float(g.cut_cf), 2),
        "our_lost_units_expected": round(float(g.cut_cf - g.cut_actual), 2),
        "our_realised_units_28d_before": int(before), "our_realised_units_after": int(after),
        "days_after": int(g.n_days - g.cut_day),
        "how_to_find": "competitor price index for the category drops ~20% on that date; our douyin haircare "
                       "units drop ~15% from the same date, other platforms and categories do not",
    }
    # 5. late_supplier
    out["late_supplier"] = _late_supplier_truth(g, iso)
    # 6. mobile_conversion_drop
    out["mobile_conversion_drop"] = _mobile_truth(g)
    # 7. complaint_spike
    out["complaint_spike"] = _complaint_truth(g, iso)
    # 8. slow_carrier
    slow_t = np.concatenate([a for a, _ in g.slow_log]) if g.slow_log else np.zeros(0)
    lane = np.concatenate(g.slow_lane_log) if g.slow_lane_log else np.zeros(0)
    out.update(getattr(g, "duties_truths", {}))
    out["slow_carrier"] = {
        "carrier": CARRIERS[SLOW_CARRIER["carrier"]], "provinces": list(SLOW_CARRIER["provinces"]),
        "shipped_from": iso(g.slow[0]), "shipped_to": iso(g.slow[1]), "days": SLOW_CARRIER["days"],
        "extra_days": SLOW_CARRIER["extra_days"], "affected_shipments": int(len(slow_t)),
        "mean_transit_days_affected": round(float(slow_t.mean()), 2) if len(slow_t) else None,
        "mean_transit_days_same_lane_otherwise": round(float(lane.mean()), 2) if len(lane) else None,
        "how_to_find": "delivery time (delivered_at − shipped_at) by carrier × province × week: one carrier, "
                       "these provinces, these shipping dates are ~3 days slower; logistics tickets rise",
    }
    return out


def _late_supplier_truth(g: SampleRun, iso: Callable[[int], str]) -> dict:
    """The late supplier's delays, fill rate, stock-outs and lost units, against the others'."""
    last = g.n_days - 1
    pl = g.po_lines
    sup = np.array([ln.supplier for ln in pl])
    promised = np.array([ln.promised for ln in pl])
    received = np.array([ln.received for ln in pl])
    qo = np.array([ln.qty_ordered for ln in pl])
    qr = np.array([ln.qty_received for ln in pl])
    done = (received <= last) & (promised >= g.late_from)
    me = done & (sup == g.late_sup)
    others = done & (sup != g.late_sup)
    skus = np.flatnonzero(g.sku_sup == g.late_sup)
    hand = np.concatenate(g.inv_hand_log, axis=0)  # (days, S, W)
    alive = (np.arange(g.n_days)[:, None] >= g.launch[None, :]) & (np.arange(g.n_days)[:, None] < g.discontinued[None, :])
    win = slice(g.late_from, g.n_days)
    zero_wh = (hand[win] == 0) & alive[win][:, :, None]
    zero_all = (hand[win].sum(axis=2) == 0) & alive[win]
    oth_skus = np.flatnonzero(g.sku_sup != g.late_sup)
    n_days_win = g.n_days - g.late_from
    return {
        "supplier_id": g.supplier_ids[g.late_sup], "skus": [g.sku[s] for s in skus],
        "late_from": iso(g.late_from), "rule": "purchase-order lines promised on or after late_from",
        "planted_mean_delay_days": LATE["delay_mean"], "planted_fill_rate": LATE["fill_mean"],
        "mean_delay_days": round(float((received[me] - promised[me]).mean()), 2) if me.any() else None,
        "fill_rate": round(float(qr[me].sum() / qo[me].sum()), 4) if me.any() else None,
        "po_lines": int(me.sum()),
        "others_mean_delay_days": round(float((received[others] - promised[others]).mean()), 2),
        "others_fill_rate": round(float(qr[others].sum() / qo[others].sum()), 4),
        "stockout_sku_warehouse_days": int(zero_wh[:, skus].sum()),
        "stockout_sku_days_all_warehouses": int(zero_all[:, skus].sum()),
        "stockout_sku_days_rate": round(float(zero_all[:, skus].sum() / max(alive[win][:, skus].sum(), 1)), 4),
        "others_stockout_sku_days_rate": round(float(zero_all[:, oth_skus].sum() / max(alive[win][:, oth_skus].sum(), 1)), 4),
        "lost_units": int(g.lost[win][:, skus].sum()),
        "others_lost_units_per_sku": round(float(g.lost[win][:, oth_skus].sum() / len(oth_skus)), 2),
        "lost_units_per_sku": round(float(g.lost[win][:, skus].sum() / len(skus)), 2),
        "window_days": int(n_days_win),
        "how_to_find": "purchase_orders: received_on − promised_on and qty_received / qty_ordered by supplier; "
                       "inventory on_hand = 0 days for its SKUs; lost_units is demand no warehouse could serve",
    }


def _mobile_truth(g: SampleRun) -> dict:
    """Conversion per platform × device in end_month − 1 against the month before, and the
    share of the total's change that the Tmall mobile segment explains."""
    k1 = g.months - 2  # end_month − 1
    k2 = g.months - 3
    log1, log2 = g.traffic_log[k1], g.traffic_log[k2]
    seg = {}
    for p in range(4):
        for d in range(2):
            name = f"{PLATFORMS[p]}/{DEVICES[d]}"
            c1 = log1["buy"][p, d] / log1["vis"][p, d]
            c2 = log2["buy"][p, d] / log2["vis"][p, d]
            seg[name] = {"conversion_prev": round(float(c2), 5), "conversion": round(float(c1), 5),
                         "change_pct": round(float(c1 / c2 - 1), 4)}
    tot1 = log1["buy"].sum() / log1["vis"].sum()
    tot2 = log2["buy"].sum() / log2["vis"].sum()
    # Contribution of the segment: its buyers at last month's conversion, other segments unchanged.
    p, d = MOBILE_DROP["platform"], 0
    buy_cf = log1["buy"].sum() - log1["buy"][p, d] + log1["vis"][p, d] * (log2["buy"][p, d] / log2["vis"][p, d])
    tot_cf = buy_cf / log1["vis"].sum()
    a, b = g.mobile_drop
    return {
        "platform": PLATFORMS[p], "device": "mobile", "month": g.day_date(a).strftime("%Y-%m"),
        "starts_on": g.day_date(a).isoformat(), "ends_on": g.day_date(b).isoformat(),
        "conversion_drop_pct": -MOBILE_DROP["drop"],
        "expected_orders_lost": round(float((g.mobile_units_cf - g.mobile_units_actual) / (MEAN_QTY * MEAN_LINES)), 1),
        "total_conversion_prev_month": round(float(tot2), 5), "total_conversion": round(float(tot1), 5),
        "total_change_pct": round(float(tot1 / tot2 - 1), 4),
        "total_change_without_this_segment_pct": round(float(tot_cf / tot2 - 1), 4),
        "segments": seg,
        "how_to_find": "month-over-month conversion (buyers / visitors from traffic `all` rows) by platform × "
                       "device: tmall mobile falls ~30% with visitors normal; checkouts normal, buyers down",
    }


def _complaint_truth(g: SampleRun, iso: Callable[[int], str]) -> dict:
    """The defective batch and the quality complaints and returns of its SKU per week,
    before its first sale and after it."""
    j = g.defect_line
    ln = g.po_lines[j]
    days = np.concatenate([d for d, _ in g.complaint_log]) if g.complaint_log else np.zeros(0, int)
    from_batch = np.concatenate([b for _, b in g.complaint_log]) if g.complaint_log else np.zeros(0, bool)
    sales = np.array(g.defect_sales) if g.defect_sales else np.zeros((0, 2), int)
    first_sale = int(sales[:, 0].min()) if len(sales) else None
    last_sale = int(sales[:, 0].max()) if len(sales) else None
    spike_from = first_sale if first_sale is not None else ln.received
    spike_to = g.n_days - 1
    before_from = max(spike_from - 56, 0)
    n_before = int(((days >= before_from) & (days < spike_from)).sum())
    n_spike = int(((days >= spike_from) & (days <= spike_to)).sum())
    w_before = max((spike_from - before_from) / 7.0, 1e-9)
    w_spike = max((spike_to - spike_from + 1) / 7.0, 1e-9)
    rdays = np.concatenate([d for d, _ in g.complaint_return_log]) if g.complaint_return_log else np.zeros(0, int)
    r_before = int(((rdays >= before_from) & (rdays < spike_from)).sum())
    r_spike = int(((rdays >= spike_from) & (rdays <= spike_to)).sum())
    return {
        "supplier_id": g.supplier_ids[ln.supplier], "sku": g.sku[ln.sku], "batch_id": ln.batch_id,
        "po_id": ln.po_id, "warehouse": WAREHOUSES[ln.wh], "received_on": iso(ln.received),
        "batch_units": ln.qty_received - ln.qty_rejected,
        "units_sold_from_batch": int(sales[:, 1].sum()) if len(sales) else 0,
        "first_sale_on": None if first_sale is None else iso(first_sale),
        "last_sale_on": None if last_sale is None else iso(last_sale),
        "planted_quality_ticket_rate_per_line": COMPLAINT["ticket_rate"],
        "normal_quality_ticket_rate_per_line": COMPLAINT["base_ticket_rate"],
        "planted_extra_quality_return_rate_per_line": COMPLAINT["return_rate"],
        "normal_period": {"from": iso(before_from), "to": iso(spike_from - 1)},
        "spike_period": {"from": iso(spike_from), "to": iso(spike_to)},
        "complaints_normal": n_before, "complaints_spike": n_spike,
        "complaints_per_week_normal": round(n_before / w_before, 2),
        "complaints_per_week_spike": round(n_spike / w_spike, 2),
        "complaints_spike_with_batch_id": int(((days >= spike_from) & from_batch).sum()),
        "quality_returns_normal": r_before, "quality_returns_spike": r_spike,
        "quality_returns_per_week_normal": round(r_before / w_before, 2),
        "quality_returns_per_week_spike": round(r_spike / w_spike, 2),
        "how_to_find": "service_tickets with category quality and is_complaint true for this SKU, by week and "
                       "batch_id; returns with reason quality for this SKU rise after the batch starts selling",
    }
