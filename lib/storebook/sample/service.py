"""After the sale: returns (with their refunds) and service tickets, and the ``returns`` and
``service_tickets`` files.

Returns follow the category's and the platform's return rate (more after a slow delivery);
tickets come from slow parcels (logistics), delivered lines (quality, wrong item, size and
fit), returns (refunds) and shoppers' pre-sale questions. The planted defective batch
raises quality tickets and returns on the complaint SKU. Marketplace chats are answered in
about a minute and a half, the web shop's e-mails in about two hours, night tickets the next
morning; complaints take longer to resolve, and complaints and slow resolutions get lower
satisfaction scores.
"""

from __future__ import annotations

import numpy as np

from storebook.sample.customers import fake_personal_data
from storebook.sample.draws import draw_categorical, draw_categorical_rows, first_of_runs
from storebook.sample.run import SampleRun
from storebook.sample.store import (
    CATEGORIES,
    COMPLAINT,
    HOUR_WEIGHTS,
    MEAN_LINES,
    MEAN_QTY,
    P_WEB,
    PLATFORMS,
    RETURN_PLATFORM,
    RETURN_RATE,
)
from storebook.sample.writing import (
    Columns,
    format_bools,
    format_dates,
    format_money,
    format_timestamps,
    write_csv,
)


def build_returns(g: SampleRun, rng: np.random.Generator, o_p: np.ndarray, l_ord: np.ndarray, l_s: np.ndarray,
                  l_q: np.ndarray, l_amount: np.ndarray, l_deliv: np.ndarray, l_shipped: np.ndarray,
                  defect: np.ndarray) -> dict:
    """The returns of a month's delivered lines, returned within the period.

    Args:
        g: the run (quality returns of the complaint SKU are logged for its truth).
        rng: the month's stream.
        o_p: each order's platform.
        l_ord, l_s, l_q, l_amount: per line, its order, SKU, quantity and amount (cents).
        l_deliv, l_shipped: per line, its parcel's delivery (NaT if none) and ship time.
        defect: per line, whether its units came from the defective batch.
    Returns:
        Per return: ``line``, ``ord``, ``sku``, ``q``, ``day``, ``reason`` (an index into
        ``reasons``) and ``refund`` (cents, pro rata for a partial return).
    """
    n_l = len(l_s)
    cat = g.sku_cat[l_s]
    p_line = RETURN_RATE[cat] * RETURN_PLATFORM[o_p[l_ord]]
    delivered = ~np.isnat(l_deliv)
    transit_days = np.where(delivered, (l_deliv - l_shipped).astype("timedelta64[s]").astype(np.int64) / 86400.0, 0)
    slow = transit_days >= 5
    hit = delivered & (rng.random(n_l) < p_line * np.where(slow, 1.6, 1.0))
    reasons = ["quality", "damaged", "wrong_item", "not_as_described", "changed_mind", "late_delivery"]
    base_w = np.array([0.14, 0.10, 0.08, 0.16, 0.44, 0.08])
    w = np.tile(base_w, (n_l, 1))
    w[slow, 5] = 0.45
    reason = draw_categorical_rows(rng, w)
    # Defective batch: many more quality returns.
    extra = delivered & defect & ~hit & (rng.random(n_l) < COMPLAINT["return_rate"])
    hit = hit | extra
    reason = np.where(extra, 0, reason)
    idx = np.flatnonzero(hit)
    q = np.where((l_q[idx] > 1) & (rng.random(len(idx)) < 0.3), 1, l_q[idx])
    offset = np.where(reason[idx] == 4, rng.integers(1, 8, size=len(idx)), rng.integers(1, 15, size=len(idx)))
    ret_day = l_deliv[idx].astype("datetime64[D]") + offset.astype("timedelta64[D]")
    ok = ret_day <= np.datetime64(g.end, "D")
    idx, q, ret_day = idx[ok], q[ok], ret_day[ok]
    refund = np.where(q == l_q[idx], l_amount[idx], (l_amount[idx] * q) // l_q[idx])
    r = reason[idx]
    if g.defect_line >= 0:
        spike = (l_s[idx] == g.complaint_sku) & (r == 0)
        if spike.any():
            g.complaint_return_log.append(((ret_day[spike] - g.day0).astype(np.int64), defect[idx][spike]))
    return {"line": idx, "ord": l_ord[idx], "sku": l_s[idx], "q": q, "day": ret_day, "reason": r,
            "refund": refund.astype(np.int64), "reasons": reasons}


def write_returns(g: SampleRun, rets: dict, oid: np.ndarray) -> None:
    """Append a month's returns to ``returns/returns.csv`` (ids continue across months).

    Args:
        g: the run.
        rets: the returns of :func:`build_returns`.
        oid: the month's paid orders' ids.
    """
    n = len(rets["line"])
    if n == 0 and g.rows["returns"] > 0:
        return
    oids = oid[rets["ord"]]
    srt = np.lexsort((rets["sku"], oids.astype(str), rets["day"]))
    seq = g.return_seq + np.arange(1, n + 1)
    g.return_seq += n
    frame = Columns({
        "return_id": np.array([f"RT{s:09d}" for s in seq.tolist()], dtype=object),
        "order_id": oids[srt],
        "sku": g.sku[rets["sku"][srt]],
        "returned_on": format_dates(rets["day"][srt]),
        "quantity": rets["q"][srt],
        "reason": np.array(rets["reasons"], dtype=object)[rets["reason"][srt]],
        "refund_amount": format_money(rets["refund"][srt]),
    })
    first = g.rows["returns"] == 0 and "returns/returns.csv" not in g.files
    write_csv(frame, g.path("returns", "returns.csv"), mode="w" if first else "a", header=first)
    g.record_file("returns", "returns.csv", n)


def build_tickets(g: SampleRun, rng: np.random.Generator, k: int, o_p: np.ndarray, cust: np.ndarray,
                  l_ord: np.ndarray, l_s: np.ndarray, l_batch: np.ndarray, l_deliv: np.ndarray,
                  defect: np.ndarray, ships: dict, rets: dict) -> None:
    """Build a month's service tickets, kept as ``g.pending_ticket_frame`` until the orders
    have ids (:func:`write_tickets`); add complaints and satisfaction to the month's totals.

    Args:
        g: the run (quality complaints on the complaint SKU are logged for its truth).
        rng: the month's stream.
        k: the month's index.
        o_p, cust: each order's platform and customer.
        l_ord, l_s, l_batch, l_deliv: per line, its order, SKU, batch (PO line) and delivery.
        defect: per line, whether its units came from the defective batch.
        ships: the month's shipments (:func:`storebook.sample.fulfilment.build_shipments`).
        rets: the month's returns (:func:`build_returns`).
    """
    H_SEC = 3600
    T: dict[str, list] = {x: [] for x in ("p", "ord", "line", "sku", "batch", "opened", "cat", "complaint")}

    def add(p, ordi, line, sku, batch, opened, catg, complaint):
        """Add a group of tickets, one value (or array) per column."""
        for name, value in (("p", p), ("ord", ordi), ("line", line), ("sku", sku), ("batch", batch),
                            ("opened", opened), ("cat", catg), ("complaint", complaint)):
            T[name].append(value)

    cats = ["logistics", "quality", "wrong_item", "size_fit", "pre_sale", "refund", "other"]
    n_l = len(l_s)
    # Logistics: per shipment, far more when it is slow.
    sw = ships["written"]
    tr = ships["transit"]
    p_log = 0.012 + 0.08 * (tr >= 5) + 0.10 * ships["slow"]
    s_idx = np.flatnonzero(sw & (rng.random(len(sw)) < p_log))
    opened = ships["shipped"][s_idx] + (rng.uniform(1.5, 4.5, size=len(s_idx)) * 86400).astype("timedelta64[s]")
    add(o_p[ships["ord"][s_idx]], ships["ord"][s_idx], np.full(len(s_idx), -1), np.full(len(s_idx), -1),
        np.full(len(s_idx), -1), opened, np.zeros(len(s_idx), int),
        rng.random(len(s_idx)) < np.where(ships["slow"][s_idx] | (tr[s_idx] >= 5), 0.5, 0.25))
    # Quality: per delivered line; the defective batch raises it many times.
    delivered = ~np.isnat(l_deliv)
    p_q = np.where(defect, COMPLAINT["ticket_rate"], COMPLAINT["base_ticket_rate"])
    q_idx = np.flatnonzero(delivered & (rng.random(n_l) < p_q))
    opened = l_deliv[q_idx] + (rng.uniform(1, 20, size=len(q_idx)) * 86400).astype("timedelta64[s]")
    complaint = rng.random(len(q_idx)) < np.where(defect[q_idx], 0.9, 0.7)
    reported = complaint | (rng.random(len(q_idx)) < 0.6)
    add(o_p[l_ord[q_idx]], l_ord[q_idx], q_idx, l_s[q_idx], np.where(reported, l_batch[q_idx], -1), opened,
        np.ones(len(q_idx), int), complaint)
    # Wrong item and other: per delivered order; size/fit for home textiles.
    first_line = np.flatnonzero(first_of_runs(l_ord))
    fd = first_line[delivered[first_line]]
    w_idx = fd[rng.random(len(fd)) < 0.003]
    add(o_p[l_ord[w_idx]], l_ord[w_idx], w_idx, l_s[w_idx], np.full(len(w_idx), -1),
        l_deliv[w_idx] + (rng.uniform(0.2, 3, size=len(w_idx)) * 86400).astype("timedelta64[s]"),
        np.full(len(w_idx), 2), rng.random(len(w_idx)) < 0.5)
    tex = np.flatnonzero(delivered & (g.sku_cat[l_s] == CATEGORIES.index("home_textiles")) & (rng.random(n_l) < 0.015))
    add(o_p[l_ord[tex]], l_ord[tex], tex, l_s[tex], np.full(len(tex), -1),
        l_deliv[tex] + (rng.uniform(0.5, 7, size=len(tex)) * 86400).astype("timedelta64[s]"),
        np.full(len(tex), 3), rng.random(len(tex)) < 0.05)
    o_idx = fd[rng.random(len(fd)) < 0.004]
    add(o_p[l_ord[o_idx]], l_ord[o_idx], np.full(len(o_idx), -1), np.full(len(o_idx), -1), np.full(len(o_idx), -1),
        l_deliv[o_idx] + (rng.uniform(0.5, 10, size=len(o_idx)) * 86400).astype("timedelta64[s]"),
        np.full(len(o_idx), 6), rng.random(len(o_idx)) < 0.05)
    # Refund: about a third of returns.
    r_sel = np.flatnonzero(rng.random(len(rets["line"])) < 0.3)
    r_open = rets["day"][r_sel].astype("datetime64[s]") + rng.integers(8 * H_SEC, 22 * H_SEC, size=len(r_sel)).astype("timedelta64[s]")
    add(o_p[rets["ord"][r_sel]], rets["ord"][r_sel], rets["line"][r_sel], rets["sku"][r_sel], np.full(len(r_sel), -1),
        r_open, np.full(len(r_sel), 5), rng.random(len(r_sel)) < 0.15)
    # Pre-sale questions: no order; about 2 per 100 orders a day, per platform.
    first, last = g.month_start_idx[k], (g.month_start_idx[k + 1] - 1 if k + 1 < g.months else g.n_days - 1)
    exp = g.lam[first:last + 1].sum(axis=2) / (MEAN_QTY * MEAN_LINES) * 0.02
    cnt = rng.poisson(exp)
    d_i, p_i = np.nonzero(cnt)
    c = cnt[d_i, p_i]
    pd_day = np.repeat(d_i + first, c)
    pd_p = np.repeat(p_i, c)
    n_pre = len(pd_p)
    hours = draw_categorical(rng, HOUR_WEIGHTS, n_pre)
    pre_open = (g.day0 + pd_day).astype("datetime64[s]") + (hours * 3600 + rng.integers(0, 3600, size=n_pre)).astype("timedelta64[s]")
    pre_sku = np.where(rng.random(n_pre) < 0.7, draw_categorical(rng, g.sku_share.mean(axis=0), n_pre), -1)
    add(pd_p, np.full(n_pre, -1), np.full(n_pre, -1), pre_sku, np.full(n_pre, -1), pre_open,
        np.full(n_pre, 4), np.zeros(n_pre, bool))
    tk = {x: np.concatenate([np.asarray(a) for a in v]) for x, v in T.items()}
    opened = tk["opened"].astype("datetime64[s]")
    ok = opened <= g.end_ts
    tk = {x: v[ok] for x, v in tk.items()}
    opened = opened[ok]
    n = len(opened)
    # Response and resolution.
    osec = ((opened - opened.astype("datetime64[D]")).astype(np.int64))
    night = osec < 8 * 3600
    is_web = tk["p"] == P_WEB
    resp = np.where(is_web, rng.lognormal(np.log(7200), 0.8, size=n), rng.lognormal(np.log(90), 1.0, size=n))
    resp = np.where(night, (9 * 3600 - osec) + rng.uniform(60, 1800, size=n), resp)
    first_resp = opened + np.rint(resp).astype("timedelta64[s]")
    comp = tk["complaint"].astype(bool)
    pre = tk["cat"] == 4
    res_sec = np.where(pre, resp + rng.lognormal(np.log(600), 0.8, size=n),
                       rng.lognormal(np.where(comp, np.log(50 * 3600), np.log(18 * 3600)), 0.9, size=n))
    res_sec = np.maximum(res_sec, resp)
    resolved = opened + np.rint(res_sec).astype("timedelta64[s]")
    unresolved = (rng.random(n) < 0.02) | (resolved > g.end_ts)
    resolved = np.where(unresolved, np.datetime64("NaT"), resolved)
    first_resp = np.where(first_resp > g.end_ts, np.datetime64("NaT"), first_resp)
    rated = ~unresolved & (rng.random(n) < 0.8)
    cs_w = np.where(comp[:, None], np.array([0.22, 0.22, 0.24, 0.18, 0.14]), np.array([0.02, 0.03, 0.10, 0.30, 0.55]))
    slow_res = res_sec > 72 * 3600
    cs_w = np.where(slow_res[:, None], cs_w * np.array([2.0, 1.6, 1.2, 0.8, 0.6]), cs_w)
    csat = draw_categorical_rows(rng, cs_w) + 1
    # Sort by time; ids continue across months.
    srt = np.lexsort((tk["cat"], tk["ord"], tk["p"], opened))
    seq = g.ticket_seq + np.arange(1, n + 1)
    g.ticket_seq += n
    oid_tmp = tk["ord"][srt]
    sku_i = tk["sku"][srt]
    batch_i = tk["batch"][srt]
    batch_ids = np.array([ln.batch_id for ln in g.po_lines] + [""], dtype=object)
    cust_t = np.where(tk["ord"] >= 0, cust[np.maximum(tk["ord"], 0)], 10**9 + np.arange(n))[srt]
    pii = fake_personal_data(tk["p"][srt], cust_t)
    g.pending_ticket_frame = Columns({
        "ticket_id": np.array([f"TK{s:09d}" for s in seq.tolist()], dtype=object),
        "platform": np.array(PLATFORMS, dtype=object)[tk["p"][srt]],
        "order_ref": oid_tmp,
        "sku": np.where(sku_i >= 0, g.sku[np.maximum(sku_i, 0)], ""),
        "batch_id": batch_ids[batch_i],
        "opened_at": format_timestamps(opened[srt]),
        "first_response_at": format_timestamps(first_resp[srt]),
        "resolved_at": format_timestamps(resolved[srt]),
        "category": np.array(cats, dtype=object)[tk["cat"][srt]],
        "is_complaint": format_bools(comp[srt]),
        "csat": np.where(rated[srt], csat[srt].astype(str), ""),
        "customer_name": pii["name"],
        "customer_phone": pii["phone"],
    })
    # Log for the complaint truth: quality complaints about the spike SKU.
    spike = (tk["sku"] == g.complaint_sku) & (tk["cat"] == 1) & comp
    if spike.any():
        g.complaint_log.append(((opened[spike].astype("datetime64[D]") - g.day0).astype(np.int64),
                                   tk["batch"][spike] == g.defect_line))
    # Targets: complaints and csat by the month the ticket was opened (approximately: this month's orders).
    mo = (opened.astype("datetime64[M]") - np.datetime64(g.start, "M")).astype(np.int64)
    for mi in np.unique(mo):
        if 0 <= mi < g.months:
            sel = mo == mi
            agg = g.month_aggs[int(mi)]
            agg.complaints += np.bincount(tk["p"][sel & comp], minlength=4)
            agg.csat_sum += np.bincount(tk["p"][sel & rated], weights=csat[sel & rated], minlength=4).astype(np.int64)
            agg.csat_n += np.bincount(tk["p"][sel & rated], minlength=4)


def write_tickets(g: SampleRun, oid_paid: np.ndarray) -> None:
    """Append the pending tickets to ``service_tickets/service_tickets.csv`` (UTF-8 with a
    byte-order mark, as a helpdesk exports it), with their orders' ids from ``oid_paid``."""
    f = g.pending_ticket_frame
    ref = f["order_ref"].astype(np.int64)
    f["order_id"] = np.where(ref >= 0, oid_paid[np.maximum(ref, 0)], "")
    cols = ["ticket_id", "platform", "order_id", "sku", "batch_id", "opened_at", "first_response_at",
            "resolved_at", "category", "is_complaint", "csat", "customer_name", "customer_phone"]
    out = Columns({c: f[c] for c in cols})
    first = "service_tickets/service_tickets.csv" not in g.files
    n = write_csv(out, g.path("service_tickets", "service_tickets.csv"), mode="w" if first else "a",
                   header=first, bom=True)
    g.record_file("service_tickets", "service_tickets.csv", n)
