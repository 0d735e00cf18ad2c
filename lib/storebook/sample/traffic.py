"""Traffic: the ``traffic`` rows of a month, per day × platform × device, as the platforms
report them.

The ``all`` rows take their visitors (and the funnel down to checkouts) from the expected
orders and their buyers, orders and paid amount from the orders table. Channel rows split
them; the marketplaces count a visitor in every source it came through, so their channel
rows sum above the ``all`` row, while the web shop's analytics partition exactly. The
planted tracking outage cuts one day's visitors and views on JD.
"""

from __future__ import annotations

import numpy as np

from storebook.sample.marketing import build_marketing
from storebook.sample.run import SampleRun
from storebook.sample.store import (
    CHANNEL_CONVERSION,
    CHANNEL_OVERLAP,
    CHANNEL_VISITOR_SHARE,
    CHANNELS,
    CONVERSION,
    DEVICES,
    MEAN_LINES,
    MEAN_QTY,
    MOBILE_SHARE,
    OUTAGE,
    PLATFORMS,
)
from storebook.sample.writing import Columns, format_dates, format_money, write_csv


def build_traffic(g: SampleRun, rng: np.random.Generator, k: int, first: int, last: int, o_p: np.ndarray,
                  o_day: np.ndarray, o_dev: np.ndarray, o_ch: np.ndarray, cust: np.ndarray, paid: np.ndarray) -> None:
    """Traffic rows of the month: `all` rows from expected orders (visitors) and from the
    orders table (buyers, orders, paid amount); channel rows split them, with overlap.

    Appends to ``traffic/traffic.csv``, logs the month's visitors and buyers per platform ×
    device for the mobile truth, then writes the month's marketing (which follows the
    channels' visitors and orders).

    Args:
        g: the run.
        rng: the month's stream.
        k: the month's index; first, last: its day indexes.
        o_p, o_day, o_dev, o_ch, cust, paid: per paid order, its platform, day, device,
            channel, customer and paid amount (cents).
    """
    D, C = last - first + 1, len(CHANNELS)
    n_cell = D * 8
    cell = ((o_day - first) * 4 + o_p) * 2 + o_dev
    orders_all = np.bincount(cell, minlength=n_cell).reshape(D, 4, 2)
    paid_all = np.bincount(cell, weights=paid, minlength=n_cell).astype(np.int64).reshape(D, 4, 2)
    cmax = int(cust.max()) + 1 if len(cust) else 1
    ukey, ufirst = np.unique(cell.astype(np.int64) * cmax + cust, return_index=True)
    buyers_all = np.bincount(ukey // cmax, minlength=n_cell).reshape(D, 4, 2)
    cellc = cell * C + o_ch
    orders_c = np.bincount(cellc, minlength=n_cell * C).reshape(D, 4, 2, C)
    paid_c = np.bincount(cellc, weights=paid, minlength=n_cell * C).astype(np.int64).reshape(D, 4, 2, C)
    uc = np.unique(cellc.astype(np.int64) * cmax + cust)
    buyers_c = np.bincount(uc // cmax, minlength=n_cell * C).reshape(D, 4, 2, C)
    # A buyer counts once, in the channel of their first order of the day (exact partition).
    buyers_first = np.bincount(cellc[ufirst], minlength=n_cell * C).reshape(D, 4, 2, C)
    # `all` rows.
    exp_orders = g.lam_no_mobile[first:last + 1].sum(axis=2) / (MEAN_QTY * MEAN_LINES)  # (D, 4)
    dev_share = np.stack([MOBILE_SHARE, 1 - MOBILE_SHARE], axis=1)  # (4, 2)
    e_dev = exp_orders[:, :, None] * dev_share[None]
    visitors = np.rint(e_dev / CONVERSION[None] * rng.lognormal(0, 0.04, size=(D, 4, 2))).astype(np.int64)
    checkouts = np.maximum(np.rint(e_dev * 1.22 * rng.lognormal(0, 0.03, size=(D, 4, 2))).astype(np.int64), buyers_all)
    cart = np.rint(checkouts * rng.uniform(2.3, 2.8, size=(D, 4, 2))).astype(np.int64)
    prodv = np.maximum(np.rint(visitors * rng.uniform(0.40, 0.48, size=(D, 4, 2))).astype(np.int64), cart)
    visitors = np.maximum(visitors, prodv)
    ppv = np.where(np.arange(2)[None, None, :] == 0, rng.uniform(3.0, 3.6, size=(D, 4, 2)), rng.uniform(4.5, 5.5, size=(D, 4, 2)))
    pages = np.rint(visitors * ppv).astype(np.int64)
    frames = []
    ch_visitors = np.zeros((D, 4, C), dtype=np.int64)  # unbroken, devices summed (for clicks)
    out_rel = g.outage_day - first
    outage_here = 0 <= out_rel < D
    for p, pname in enumerate(PLATFORMS):
        chans = list(CHANNEL_VISITOR_SHARE[pname])
        ci = np.array([CHANNELS.index(c) for c in chans])
        v = np.array([CHANNEL_VISITOR_SHARE[pname][c] for c in chans])
        v = v / v.sum()
        vc = v * np.array([CHANNEL_CONVERSION[c] for c in chans])
        vc = vc / vc.sum()
        R = D * 2
        ov = CHANNEL_OVERLAP[p]

        def flat(a, p=p, R=R):
            """Platform p's cells of a (day, platform, device) array, as rows."""
            return a[:, p, :].reshape(R)

        if ov == 0:
            # The web shop's analytics attribute each visit to one source: an exact partition.
            b_ch = buyers_first[:, p][..., ci].reshape(R, len(ci))
            o_ch_ = orders_c[:, p][..., ci].reshape(R, len(ci))
            pa_ch = paid_c[:, p][..., ci].reshape(R, len(ci))

            def alloc(n, w):
                return rng.multinomial(n, w)
        else:
            # Platforms count a visitor (buyer, order) in every source it came through:
            # a partition plus the overlap, so channel rows sum above the `all` row.
            def extra(base, ov=ov):
                return rng.binomial(base, ov * rng.uniform(0.5, 1.5, size=base.shape))

            b0 = buyers_c[:, p][..., ci].reshape(R, len(ci))
            o0 = orders_c[:, p][..., ci].reshape(R, len(ci))
            b_ch = b0 + extra(b0)
            o_ch_ = o0 + extra(o0)
            pa0 = paid_c[:, p][..., ci].reshape(R, len(ci))
            pa_ch = pa0 + np.rint(pa0 * (o_ch_ - o0) / np.maximum(o0, 1)).astype(np.int64)

            def alloc(n, w):
                base = rng.multinomial(n, w)
                return base + extra(base)

        chk_ch = b_ch + alloc(flat(checkouts) - flat(buyers_all), vc)
        cart_ch = chk_ch + alloc(flat(cart) - flat(checkouts), vc)
        pv_ch = cart_ch + alloc(flat(prodv) - flat(cart), v)
        vis_ch = pv_ch + alloc(flat(visitors) - flat(prodv), v)
        pg_ch = vis_ch + alloc(flat(pages) - flat(visitors), v)
        ch_visitors[:, p, ci] = vis_ch.reshape(D, 2, len(ci)).sum(axis=1)
        all_rows = {
            "visitors": flat(visitors), "page_views": flat(pages), "product_views": flat(prodv),
            "cart_adds": flat(cart), "checkouts": flat(checkouts), "buyers": flat(buyers_all),
            "orders": flat(orders_all), "paid": flat(paid_all),
        }
        ch_rows = {
            "visitors": vis_ch, "page_views": pg_ch, "product_views": pv_ch, "cart_adds": cart_ch,
            "checkouts": chk_ch, "buyers": b_ch, "orders": o_ch_, "paid": pa_ch,
        }
        if outage_here and p == OUTAGE["platform"]:
            rows = np.arange(out_rel * 2, out_rel * 2 + 2)
            normal = all_rows["visitors"][rows].copy()
            for col in ("visitors", "page_views", "product_views"):
                fac = OUTAGE["factor"] * rng.lognormal(0, 0.05, size=2)
                all_rows[col] = all_rows[col].copy()
                all_rows[col][rows] = np.rint(all_rows[col][rows] * fac).astype(np.int64)
                ch_rows[col] = ch_rows[col].copy()
                ch_rows[col][rows] = np.rint(ch_rows[col][rows] * fac[:, None]).astype(np.int64)
            ch_rows["visitors"][rows] = np.maximum(ch_rows["visitors"][rows], ch_rows["buyers"][rows])
            if ov > 0:  # rounding must not lift the de-duplicated total above its sources
                for col in ("visitors", "page_views", "product_views"):
                    all_rows[col][rows] = np.minimum(all_rows[col][rows], ch_rows[col][rows].sum(axis=1))
            all_rows["visitors"][rows] = np.maximum(all_rows["visitors"][rows], all_rows["buyers"][rows])
            g.outage_record = {"normal_visitors": int(normal.sum()),
                                  "recorded_visitors": int(all_rows["visitors"][rows].sum())}
        day_of_row = np.repeat(np.arange(D), 2)
        dev_of_row = np.tile(np.arange(2), D)
        nc = len(ci)
        frames.append(Columns({
            "_d": np.concatenate([day_of_row, np.repeat(day_of_row, nc)]),
            "_p": np.full(R + R * nc, p),
            "_c": np.concatenate([np.full(R, -1), np.tile(ci, R)]),
            "_v": np.concatenate([dev_of_row, np.repeat(dev_of_row, nc)]),
            **{col: np.concatenate([all_rows[col], ch_rows[col].reshape(-1)]) for col in all_rows},
        }))
        agg = g.month_aggs[k]
        agg.visitors[p] += int(all_rows["visitors"].sum())
        agg.buyers[p] += int(all_rows["buyers"].sum())
    tf = Columns.concat(frames)
    tf = tf.take(np.lexsort((tf["_v"], tf["_c"], tf["_p"], tf["_d"])))
    out = Columns({
        "visited_on": format_dates(g.day0 + first + tf["_d"]),
        "platform": np.array(PLATFORMS, dtype=object)[tf["_p"]],
        "channel": np.array(list(CHANNELS) + ["all"], dtype=object)[tf["_c"]],
        "device": np.array(DEVICES, dtype=object)[tf["_v"]],
        **{c: tf[c] for c in ("visitors", "page_views", "product_views", "cart_adds", "checkouts", "buyers", "orders")},
        "paid_amount": format_money(tf["paid"]),
    })
    first_write = "traffic/traffic.csv" not in g.files
    n = write_csv(out, g.path("traffic", "traffic.csv"), mode="w" if first_write else "a", header=first_write)
    g.record_file("traffic", "traffic.csv", n)
    # For the truths: the month's all-row visitors (as recorded) and buyers per platform × device.
    is_all = tf["_c"] < 0
    vis = np.zeros((4, 2), dtype=np.int64)
    np.add.at(vis, (tf["_p"][is_all], tf["_v"][is_all]), tf["visitors"][is_all])
    g.traffic_log.append({"vis": vis, "buy": buyers_all.sum(axis=0)})
    build_marketing(g, rng, k, first, last, ch_visitors, orders_c.sum(axis=2), paid_c.sum(axis=2))
