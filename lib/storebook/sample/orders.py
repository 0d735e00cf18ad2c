"""Orders and order lines: the day-by-day simulation of sales and the month's ``orders`` and
``order_lines`` files, from which shipments, returns, tickets and traffic follow.

Each day, order lines are drawn from the demand ``lam`` (Poisson), packed into orders
(≈1.5 lines per order), given a customer from the month's queue, and served from the
warehouse nearest to the customer's province, else the next one; a line no warehouse can
serve is lost demand. Each month then gets its devices, channels, times, prices, discounts
(promotions, the web shop's welcome coupon), shipping fees and statuses, its cancelled
orders (copies of some baskets, never paid), and the totals the targets are set from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from storebook.sample.customers import (
    fake_personal_data,
    init_customers,
    queue_customers,
    resolve_customers,
    take_from_queue,
)
from storebook.sample.draws import draw_categorical, draw_categorical_rows, first_of_runs
from storebook.sample.fulfilment import build_shipments, flush_shipments
from storebook.sample.purchasing import (
    find_batches,
    init_inventory,
    place_defective_po,
    receive_po_line,
    review_suppliers,
    write_inventory,
)
from storebook.sample.run import SampleRun
from storebook.sample.service import build_returns, build_tickets, write_returns, write_tickets
from storebook.sample.store import (
    CANCEL_RATE,
    CHANNEL_CONVERSION,
    CHANNEL_VISITOR_SHARE,
    CHANNELS,
    DEVICES,
    EXTRA_LINES_MEAN,
    HOUR_WEIGHTS,
    MEAN_LINES,
    MEAN_QTY,
    MOBILE_DROP,
    MOBILE_SHARE,
    P_DY,
    P_JD,
    P_WEB,
    PLATFORM_ORDER_PREFIX,
    PLATFORMS,
    QTY_PROBS,
    QTY_VALUES,
    REGIONS,
    WAREHOUSES,
)
from storebook.sample.targets import MonthTotals
from storebook.sample.traffic import build_traffic
from storebook.sample.writing import (
    CHUNK_ROWS,
    Columns,
    format_money,
    format_timestamps,
    write_csv_chunks,
)


def simulate_sales(g: SampleRun) -> None:
    """Simulate the period month by month, writing each month's files as it goes, then the
    shipments still buffered; sets the logs the truths read (``sold``, ``lost`` …)."""
    init_customers(g)
    init_inventory(g)
    g.ship_buffer: list[Columns] = []
    g.month_aggs: list[MonthTotals] = [MonthTotals() for _ in range(g.months)]
    g.ticket_seq = 0
    g.return_seq = 0
    g.shipment_seq = 0
    g.lost = np.zeros((g.n_days, g.n_sku), dtype=np.int64)
    g.sold = np.zeros((g.n_days, 4, g.n_sku), dtype=np.int64)
    g.complaint_log: list[np.ndarray] = []  # opened day of quality complaints on the spike SKU
    g.complaint_return_log: list[np.ndarray] = []
    g.defect_sales: list[tuple[int, int]] = []  # (day, units) sold from the defective batch
    g.slow_log = []
    g.traffic_log = []  # small per-day aggregates for the truths
    for k in range(g.months):
        simulate_month(g, k)
    flush_shipments(g, final=True)


def simulate_month(g: SampleRun, k: int) -> None:
    """Simulate month ``k`` day by day: receipts, order lines drawn from demand and packed
    into orders, each line served from the nearest warehouse with stock, the suppliers'
    review; then write the month's inventory and build its orders (:func:`build_month`).
    """
    y, m = g.month_list[k]
    first = g.month_start_idx[k]
    last = g.month_start_idx[k + 1] - 1 if k + 1 < g.months else g.n_days - 1
    rng = g.rng("days", k)
    queues = [queue_customers(g, k, p, first, last) for p in range(4)]
    day_lines: dict[str, list] = {x: [] for x in ("day", "p", "s", "q", "wh", "pos", "ord")}
    day_orders_: dict[str, list] = {x: [] for x in ("day", "p", "qpos", "prov")}
    inv_hand, inv_order = [], []
    n_orders = 0
    review_rng = g.rng("review", k)
    W = 3
    for t in range(first, last + 1):
        if t == max(g.defect_order_day, 0) and g.defect_line < 0:
            place_defective_po(g)
        for j in g.receipts.pop(t, []):
            receive_po_line(g, j)
        lam = g.lam[t]
        nl = rng.poisson(lam / MEAN_QTY)
        p_idx, s_idx = np.nonzero(nl)
        cnt = nl[p_idx, s_idx]
        lp = np.repeat(p_idx, cnt)
        ls = np.repeat(s_idx, cnt)
        n_l = len(lp)
        lq = QTY_VALUES[draw_categorical(rng, QTY_PROBS, n_l)]
        perm = rng.permutation(n_l)
        perm = perm[np.argsort(lp[perm], kind="stable")]
        lp, ls, lq = lp[perm], ls[perm], lq[perm]
        lord = np.empty(n_l, dtype=np.int64)
        o_p, o_qpos, o_prov = [], [], []
        start = 0
        day_orders = 0
        for p in range(4):
            n_p = int(np.searchsorted(lp, p, side="right")) - start
            if n_p == 0:
                continue
            sizes = 1 + rng.poisson(EXTRA_LINES_MEAN, size=int(n_p / MEAN_LINES * 1.2) + 10)
            cs = np.cumsum(sizes)
            while cs[-1] < n_p:
                sizes = np.concatenate([sizes, 1 + rng.poisson(EXTRA_LINES_MEAN, size=n_p)])
                cs = np.cumsum(sizes)
            n_o = int(np.searchsorted(cs, n_p)) + 1
            sizes = sizes[:n_o].copy()
            sizes[-1] = n_p - (cs[n_o - 2] if n_o > 1 else 0)
            lord[start:start + n_p] = n_orders + day_orders + np.repeat(np.arange(n_o), sizes)
            day_orders += n_o
            qpos = take_from_queue(g, queues[p], n_o)
            o_p.append(np.full(n_o, p))
            o_qpos.append(qpos)
            o_prov.append(queues[p]["prov"][qpos])
            start += n_p
        o_p = np.concatenate(o_p) if o_p else np.zeros(0, int)
        o_qpos = np.concatenate(o_qpos) if o_qpos else np.zeros(0, int)
        o_prov = np.concatenate(o_prov) if o_prov else np.zeros(0, int)
        # Serve each line from the nearest warehouse with stock, else the next.
        pref = g.prov_pref[o_prov[lord - n_orders]] if n_l else np.zeros((0, 3), int)
        wh = np.full(n_l, -1)
        pos = np.zeros(n_l, dtype=np.int64)
        hand = g.on_hand.reshape(-1)
        for r in range(3):
            todo = np.flatnonzero(wh < 0)
            if not len(todo):
                break
            keys = ls[todo] * W + pref[todo, r]
            order = np.argsort(keys, kind="stable")
            ks = keys[order]
            qs = lq[todo][order]
            cs = np.cumsum(qs)
            grp = np.flatnonzero(first_of_runs(ks))
            base = (cs - qs)[grp]
            gid = np.repeat(np.arange(len(grp)), np.diff(np.r_[grp, len(ks)]))
            within = cs - base[gid]
            ok = within <= hand[ks]
            sel = todo[order[ok]]
            wh[sel] = pref[sel, r]
            pos[sel] = g.consumed[ks[ok]] + within[ok] - qs[ok]
            used = np.bincount(ks[ok], weights=qs[ok], minlength=hand.size).astype(np.int64)
            hand -= used
            g.consumed += used
        served = wh >= 0
        if (~served).any():
            np.add.at(g.lost[t], ls[~served], lq[~served])
        np.add.at(g.sold[t], (lp[served], ls[served]), lq[served])
        keep_orders = np.zeros(len(o_p), bool)
        keep_orders[lord[served] - n_orders] = True
        remap = np.cumsum(keep_orders) - 1 + n_orders
        day_lines["day"].append(np.full(served.sum(), t))
        day_lines["p"].append(lp[served])
        day_lines["s"].append(ls[served])
        day_lines["q"].append(lq[served])
        day_lines["wh"].append(wh[served])
        day_lines["pos"].append(pos[served])
        day_lines["ord"].append(remap[lord[served] - n_orders])
        day_orders_["day"].append(np.full(keep_orders.sum(), t))
        day_orders_["p"].append(o_p[keep_orders])
        day_orders_["qpos"].append(o_qpos[keep_orders])
        day_orders_["prov"].append(o_prov[keep_orders])
        n_orders += int(keep_orders.sum())
        review_suppliers(g, t, review_rng)
        inv_hand.append(g.on_hand.copy())
        inv_order.append(g.on_order.copy())
    lines = {x: np.concatenate(v) for x, v in day_lines.items()}
    orders = {x: np.concatenate(v) for x, v in day_orders_.items()}
    write_inventory(g, k, first, np.stack(inv_hand), np.stack(inv_order))
    build_month(g, k, first, last, lines, orders, queues)
    g.progress(f"{y:04d}-{m:02d}: {n_orders} orders")


def build_month(g: SampleRun, k: int, first: int, last: int, lines: dict, orders: dict, queues: list) -> None:
    """Turn month ``k``'s served lines into orders and write everything that follows.

    Gives the orders their customers, devices, channels, times, prices, discounts and
    statuses, adds the cancelled orders, builds shipments, returns and tickets, writes
    ``orders`` and ``order_lines`` (one file a month), appends returns, tickets, traffic and
    marketing, and adds the month's totals for the targets.

    Args:
        g: the run.
        k: the month's index; first, last: its day indexes.
        lines: the served lines (``day``, ``p``, ``s``, ``q``, ``wh``, ``pos`` in the
            stock's FIFO, ``ord``).
        orders: the orders kept (``day``, ``p``, ``qpos`` in the customer queue, ``prov``).
        queues: the month's customer queue of each platform.
    """
    rng = g.rng("month", k)
    y, m = g.month_list[k]
    W = 3
    n_o = len(orders["day"])
    # Customers.
    cust = np.zeros(n_o, dtype=np.int64)
    first_order = np.zeros(n_o, bool)
    for p in range(4):
        sel = np.flatnonzero(orders["p"] == p)
        c, f = resolve_customers(g, p, queues[p], orders["qpos"][sel], orders["day"][sel])
        cust[sel], first_order[sel] = c, f
    o_p, o_day = orders["p"], orders["day"]
    # Merge repeated SKUs of an order served from the same warehouse; sort lines.
    key = (lines["ord"] * g.n_sku + lines["s"]) * W + lines["wh"]
    uk, idx, inv = np.unique(key, return_index=True, return_inverse=True)
    l_q = np.bincount(inv, weights=lines["q"]).astype(np.int64)
    l_ord = lines["ord"][idx]
    l_s = lines["s"][idx]
    l_wh = lines["wh"][idx]
    l_pos = lines["pos"][idx]
    l_day = lines["day"][idx]
    l_p = lines["p"][idx]
    n_l = len(uk)
    # Device (tmall mobile loses orders during the checkout bug) and channel.
    mob = MOBILE_SHARE[o_p].copy()
    a, b = g.mobile_drop
    hit = (o_p == MOBILE_DROP["platform"]) & (o_day >= a) & (o_day <= b)
    ms = MOBILE_SHARE[MOBILE_DROP["platform"]]
    mob[hit] = ms * (1 - MOBILE_DROP["drop"]) / g.mobile_factor
    o_dev = (rng.random(n_o) >= mob).astype(np.int64)
    o_ch = np.zeros(n_o, dtype=np.int64)
    for p, pname in enumerate(PLATFORMS):
        sel = np.flatnonzero(o_p == p)
        chans = list(CHANNEL_VISITOR_SHARE[pname])
        w = np.array([CHANNEL_VISITOR_SHARE[pname][c] * CHANNEL_CONVERSION[c] for c in chans])
        o_ch[sel] = np.array([CHANNELS.index(c) for c in chans])[draw_categorical(rng, w, len(sel))]
    # Time of day.
    # Four kinds of day × platform: Douyin's evenings, the festivals' peak nights.
    hw = np.tile(HOUR_WEIGHTS, (4, 1))
    hw[[1, 3], 19:24] *= 1.6
    hw[[2, 3], 0:2] *= 8.0
    hw[[2, 3], 20:22] *= 2.0
    peak = np.isin(o_day, [g.day_index(e.peak_on) for e in g.events
                           if e.kind in ("618", "double11") and e.peak_on])
    hour = draw_categorical_rows(rng, hw, rows=(o_p == P_DY) + 2 * peak)
    sec = hour * 3600 + rng.integers(0, 3600, size=n_o)
    ordered_s = (g.day0 + o_day).astype("datetime64[s]") + sec.astype("timedelta64[s]")
    pay_delay = np.minimum(np.rint(rng.lognormal(4.0, 1.1, size=n_o)).astype(np.int64), 86399 - sec)
    paid_s = ordered_s + pay_delay.astype("timedelta64[s]")
    # Prices and discounts (cents).
    price = g.price[l_s]
    gross = l_q * price
    depth = g.depth[l_day, l_p, l_s].astype(np.float64)
    promo = g.pidx[l_day, l_p, l_s]
    l_disc = np.rint(gross * depth).astype(np.int64)
    # Order-level: items, promo of the line with the largest discount, welcome coupon.
    items = np.bincount(l_ord, weights=gross, minlength=n_o).astype(np.int64)
    order_by_disc = np.lexsort((-l_disc, l_ord))
    firsts = order_by_disc[first_of_runs(l_ord[order_by_disc])]
    o_promo = np.full(n_o, -1)
    top = firsts[l_disc[firsts] > 0]
    o_promo[l_ord[top]] = promo[top]
    net_pre = items - np.bincount(l_ord, weights=l_disc, minlength=n_o).astype(np.int64)
    welcome = (o_p == P_WEB) & first_order & (o_promo < 0) & (net_pre >= 9900)
    if welcome.any():
        # 10 yuan allocated to the lines pro rata, the remainder on the order's first line.
        line_net = gross - l_disc
        share = (1000 * line_net) // np.maximum(net_pre[l_ord], 1)
        share = np.where(welcome[l_ord], share, 0)
        rem = np.where(welcome, 1000, 0) - np.bincount(l_ord, weights=share, minlength=n_o).astype(np.int64)
        first_line = np.flatnonzero(first_of_runs(l_ord))
        share[first_line] += rem[l_ord[first_line]]
        l_disc = l_disc + share
    l_amount = gross - l_disc
    disc = np.bincount(l_ord, weights=l_disc, minlength=n_o).astype(np.int64)
    net = items - disc
    ship_amt = np.where((o_p == P_WEB) & (net < 9900), 1000, np.where((o_p == P_JD) & (net < 5900), 600, 0))
    paid = net + ship_amt
    coupon = np.full(n_o, "", dtype=object)
    promo_ids = np.array([pr.promo_id for pr in g.promos] + [""], dtype=object)
    promo_coupon = np.array([pr.coupon for pr in g.promos] + [""], dtype=object)
    o_promo_id = promo_ids[o_promo]
    coupon = np.where(o_promo >= 0, promo_coupon[o_promo], coupon)
    coupon = np.where(welcome, "WELCOME10", coupon)
    # Batches (FIFO) and the defective batch.
    l_batch = find_batches(g, l_s * W + l_wh, l_pos)
    defect = l_batch == g.defect_line if g.defect_line >= 0 else np.zeros(n_l, bool)
    if defect.any():
        for d_, q_ in zip(l_day[defect].tolist(), l_q[defect].tolist(), strict=True):
            g.defect_sales.append((d_, q_))
    # Shipments.
    ships = build_shipments(g, rng, o_p, o_day, paid_s, orders["prov"], l_ord, l_wh, l_q)
    l_ship = ships["line_ship"]
    sh_deliv = ships["delivered"]
    sh_shipped = ships["shipped"]
    l_deliv = sh_deliv[l_ship]
    # Returns (written) and refunds.
    rets = build_returns(g, rng, o_p, l_ord, l_s, l_q, l_amount, l_deliv, sh_shipped[l_ship], defect)
    refund = np.bincount(rets["ord"], weights=rets["refund"], minlength=n_o).astype(np.int64)
    ret_units = np.bincount(rets["ord"], weights=rets["q"], minlength=n_o).astype(np.int64)
    units = np.bincount(l_ord, weights=l_q, minlength=n_o).astype(np.int64)
    # Status.
    n_sh = np.bincount(ships["ord"], minlength=n_o)
    n_shipped = np.bincount(ships["ord"], weights=ships["written"], minlength=n_o)
    n_deliv = np.bincount(ships["ord"], weights=ships["written"] & ~np.isnat(sh_deliv), minlength=n_o)
    status = np.where(n_shipped == 0, "paid", np.where(n_deliv == n_sh, "completed", "shipped")).astype(object)
    status = np.where((ret_units >= units) & (units > 0), "refunded", status)
    # Cancelled orders (never paid): copies of some orders' baskets, placed the same day.
    canc = np.flatnonzero(rng.random(n_o) < CANCEL_RATE)
    c_n = len(canc)
    c_sec = rng.integers(0, 86400, size=c_n)
    c_ordered = (g.day0 + o_day[canc]).astype("datetime64[s]") + c_sec.astype("timedelta64[s]")
    c_line_sel = np.flatnonzero(np.isin(l_ord, canc))
    # Tickets.
    build_tickets(g, rng, k, o_p, cust, l_ord, l_s, l_batch, l_deliv, defect, ships, rets)
    # Assemble orders (paid + cancelled), sort by time, give ids.
    all_p = np.concatenate([o_p, o_p[canc]])
    all_ordered = np.concatenate([ordered_s, c_ordered])
    src = np.concatenate([np.arange(n_o), canc])  # source order of each row
    srt = np.lexsort((np.arange(len(src)), all_ordered))
    seq = np.zeros(len(src), dtype=np.int64)
    for p in range(4):
        sel = srt[all_p[srt] == p]
        seq[sel] = np.arange(1, len(sel) + 1)
    prefix = np.array(PLATFORM_ORDER_PREFIX, dtype=object)[all_p]
    ids = np.array([f"{a}{y:04d}{m:02d}{s:08d}" for a, s in zip(prefix.tolist(), seq.tolist(), strict=True)],
                   dtype=object)
    oid_paid = ids[:n_o]
    oid_canc = ids[n_o:]
    # The orders file: each part of its rows (in time order) is formatted only when written.
    c_nat = np.full(c_n, np.datetime64("NaT"), dtype="datetime64[s]")
    z = np.zeros(c_n, dtype=np.int64)
    all_cust = np.concatenate([cust, cust[canc]])
    all_paid = np.concatenate([paid_s, c_nat])
    all_status = np.concatenate([status, np.full(c_n, "cancelled", dtype=object)])
    all_ch = np.concatenate([o_ch, o_ch[canc]])
    all_dev = np.concatenate([o_dev, o_dev[canc]])
    all_prov = np.concatenate([orders["prov"], orders["prov"][canc]])
    all_items = np.concatenate([items, items[canc]])
    all_disc = np.concatenate([disc, disc[canc]])
    all_ship = np.concatenate([ship_amt, ship_amt[canc]])
    all_paid_amt = np.concatenate([paid, z])
    all_refund = np.concatenate([refund, z])
    all_promo_id = np.concatenate([o_promo_id, o_promo_id[canc]])
    all_coupon = np.concatenate([coupon, coupon[canc]])
    platform_names = np.array(PLATFORMS, dtype=object)
    channel_names = np.array(CHANNELS, dtype=object)
    device_names = np.array(DEVICES, dtype=object)

    def orders_part(r: np.ndarray) -> Columns:
        pii = fake_personal_data(all_p[r], all_cust[r])  # fake, from the customer index
        return Columns({
            "order_id": ids[r],
            "platform": platform_names[all_p[r]],
            "ordered_at": format_timestamps(all_ordered[r]),
            "paid_at": format_timestamps(all_paid[r]),
            "status": all_status[r],
            "customer_id": pii["customer_id"],
            "channel": channel_names[all_ch[r]],
            "device": device_names[all_dev[r]],
            "province": g.prov_name[all_prov[r]],
            "items_amount": format_money(all_items[r]),
            "discount_amount": format_money(all_disc[r]),
            "shipping_amount": format_money(all_ship[r]),
            "paid_amount": format_money(all_paid_amt[r]),
            "refund_amount": format_money(all_refund[r]),
            "promo_id": all_promo_id[r],
            "coupon_code": all_coupon[r],
            "buyer_name": pii["name"],
            "buyer_phone": pii["phone"],
            "buyer_email": pii["email"],
            "shipping_address": pii["address_base"],
            "ip_address": pii["ip"],
        })

    name = f"orders_{y:04d}-{m:02d}.csv"
    g.record_file("orders", name, write_csv_chunks(_parts(srt, orders_part), g.path("orders", name)))
    # Order lines (paid orders' lines, then the cancelled copies).
    lines_all_ord = np.concatenate([oid_paid[l_ord], oid_canc[np.searchsorted(canc, l_ord[c_line_sel])]])
    lsel = np.concatenate([np.arange(n_l), c_line_sel])
    grp = np.concatenate([l_ord, n_o + np.searchsorted(canc, l_ord[c_line_sel])])
    order_rows = np.lexsort((np.arange(len(lsel)), grp))
    line_no = np.zeros(len(lsel), dtype=np.int64)
    g_sorted = grp[order_rows]
    starts = np.flatnonzero(first_of_runs(g_sorted))
    rank = np.arange(len(lsel)) - np.repeat(starts, np.diff(np.r_[starts, len(lsel)]))
    line_no[order_rows] = rank + 1
    # Rows in the order of the orders file.
    pos_in_file = np.empty(len(srt), dtype=np.int64)
    pos_in_file[srt] = np.arange(len(srt))
    row_order = np.lexsort((line_no, pos_in_file[grp]))

    def lines_part(r: np.ndarray) -> Columns:
        src_l = lsel[r]
        return Columns({
            "order_id": lines_all_ord[r],
            "line_no": line_no[r],
            "sku": g.sku[l_s[src_l]],
            "quantity": l_q[src_l],
            "unit_price": format_money(price[src_l]),
            "discount_amount": format_money(l_disc[src_l]),
            "line_amount": format_money(l_amount[src_l]),
        })

    name = f"order_lines_{y:04d}-{m:02d}.csv"
    g.record_file("order_lines", name, write_csv_chunks(_parts(row_order, lines_part), g.path("order_lines", name)))
    # Shipments go to the file of the month they were shipped.
    sw = ships["written"]
    g.ship_buffer.append(Columns({
        "order_id": oid_paid[ships["ord"][sw]],
        "carrier_i": ships["carrier"][sw],
        "warehouse": np.array(WAREHOUSES, dtype=object)[ships["wh"][sw]],
        "province": g.prov_name[orders["prov"][ships["ord"][sw]]],
        "shipped_at": sh_shipped[sw],
        "delivered_at": sh_deliv[sw],
        "cost": ships["cost"][sw],
    }))
    flush_shipments(g, final=False, upto=k)
    # Returns and tickets files (appended).
    write_returns(g, rets, oid_paid)
    write_tickets(g, oid_paid)
    # Traffic and marketing for this month.
    build_traffic(g, rng, k, first, last, o_p, o_day, o_dev, o_ch, cust, paid)
    # Aggregates for the targets.
    agg = g.month_aggs[k]
    agg.paid_cents += np.bincount(o_p, weights=paid, minlength=4).astype(np.int64)
    agg.orders += np.bincount(o_p, minlength=4)
    agg.refund_cents += np.bincount(o_p, weights=refund, minlength=4).astype(np.int64)
    margin = l_amount - l_q * g.cost[l_s]
    agg.margin_cents += np.bincount(l_p, weights=margin, minlength=4).astype(np.int64)
    period = (l_day >= g.fee_change).astype(np.int64)
    rate = g.commission[period, l_p, g.sku_cat[l_s]]
    agg.commission_cents += np.bincount(l_p, weights=l_amount * rate, minlength=4)
    agg.logistics_cents += np.bincount(o_p[ships["ord"][sw]], weights=ships["cost"][sw], minlength=4).astype(np.int64)
    due = (g.day0 + o_day).astype("datetime64[s]") + np.where(
        np.isin(g.prov_region[orders["prov"]], [REGIONS.index("R"), REGIONS.index("NW")]), 6, 4
    ).astype("timedelta64[D]") + np.timedelta64(86399, "s")
    late_any = np.zeros(n_o, bool)
    bad = np.isnat(sh_deliv) | (sh_deliv > due[ships["ord"]])
    late_any[ships["ord"][bad]] = True
    agg.otif += np.bincount(o_p[~late_any], minlength=4)


def _parts(rows: np.ndarray, make: Callable[[np.ndarray], Columns]) -> Iterator[Columns]:
    """``make`` of each run of :data:`~storebook.sample.writing.CHUNK_ROWS` of ``rows`` in
    turn (one empty part if there are none): a file's rows, formatted as they are written."""
    for a in range(0, max(len(rows), 1), CHUNK_ROWS):
        yield make(rows[a:a + CHUNK_ROWS])
