"""Fulfilment: the shipments of a month's orders and the ``shipments`` files (one per month
shipped).

One parcel per order × warehouse (5% of multi-line parcels split in two). Most orders paid
before 16:00 ship the same day, the others the next; busy festival days add a backlog, and
couriers stop over the Spring Festival. Transit depends on the warehouse, the region and the carrier; the planted
slow carrier adds days to one carrier's parcels to the south-west for ten days. Shipments
are buffered and written once no later order can add to their month.
"""

from __future__ import annotations

import numpy as np

from storebook.sample.draws import draw_categorical_rows, first_of_runs
from storebook.sample.run import SampleRun
from storebook.sample.store import (
    CARRIER_BASE_COST,
    CARRIER_CODE,
    CARRIER_SHARE,
    CARRIER_SPEED,
    CARRIER_UNIT_COST,
    CARRIERS,
    REGIONS,
    SLOW_CARRIER,
    TRANSIT,
)
from storebook.sample.writing import (
    CHUNK_ROWS,
    Columns,
    format_money,
    format_timestamps,
    write_csv_chunks,
)


def build_shipments(g: SampleRun, rng: np.random.Generator, o_p: np.ndarray, o_day: np.ndarray,
                    paid_s: np.ndarray, o_prov: np.ndarray, l_ord: np.ndarray, l_wh: np.ndarray,
                    l_q: np.ndarray) -> dict:
    """The parcels of a month's paid orders: carrier, ship and delivery times, cost.

    Args:
        g: the run (the slow carrier's parcels are logged for its truth).
        rng: the month's stream.
        o_p, o_day, paid_s, o_prov: per order, its platform, day, paid time and province.
        l_ord, l_wh, l_q: per line, its order, warehouse and quantity.
    Returns:
        Per shipment: ``ord``, ``wh``, ``carrier``, ``shipped``, ``delivered`` (NaT if not
        by the period's end), ``written`` (shipped within the period), ``cost`` (cents),
        ``transit`` (days), ``slow`` (a planted slow parcel); and ``line_ship``, the
        shipment of each line.
    """
    W = 3
    # One shipment per order × warehouse; some orders ship in two parts from one warehouse.
    key = l_ord * W + l_wh
    order = np.lexsort((np.arange(len(key)), key))
    ks = key[order]
    first = first_of_runs(ks)
    grp_size = np.bincount(np.cumsum(first) - 1)
    split_grp = (grp_size >= 2) & (rng.random(len(grp_size)) < 0.05)
    gid = np.cumsum(first) - 1
    # In a split group, the group's last line ships later as its own parcel.
    last = np.r_[first[1:], True]
    extra = split_grp[gid] & last
    ship_key = gid * 2 + extra
    uniq, inv = np.unique(ship_key, return_inverse=True)
    line_ship = np.empty(len(key), dtype=np.int64)
    line_ship[order] = inv
    n_s = len(uniq)
    s_first_line = order[np.r_[0, np.flatnonzero(np.diff(ship_key)) + 1]] if len(order) else np.zeros(0, int)
    s_ord = l_ord[s_first_line]
    s_wh = l_wh[s_first_line]
    s_units = np.bincount(inv, weights=l_q[order], minlength=n_s).astype(np.int64)
    s_late = (uniq % 2).astype(bool)
    p = o_p[s_ord]
    # Handling: same day if paid before 16:00 (60%), else next day; busy days add a backlog.
    paid = paid_s[s_ord]
    pday = o_day[s_ord]
    paid_sec = (paid - (g.day0 + pday).astype("datetime64[s]")).astype(np.int64)
    same = (paid_sec < 16 * 3600) & (rng.random(n_s) < 0.6)
    busy = g.lift[np.minimum(pday, g.horizon - 1)].max(axis=1)
    backlog = np.where(busy > 2.5, rng.integers(1, 4, size=n_s), np.where(busy > 1.6, rng.integers(0, 2, size=n_s), 0))
    ship_day = pday + np.where(same, 0, 1) + backlog + s_late * rng.integers(1, 4, size=n_s)
    ship_day += (s_wh != g.prov_pref[o_prov[s_ord], 0]) * rng.integers(0, 2, size=n_s)
    # Spring Festival: couriers stop; parcels wait until the shutdown ends (some SF/JD go on).
    carrier = draw_categorical_rows(rng, CARRIER_SHARE[p])
    sd = np.minimum(ship_day, g.horizon - 1)
    in_shut = g.shutdown[sd]
    keeps_going = np.isin(carrier, [0, 1]) & (rng.random(n_s) < 0.3)
    if in_shut.any():
        shut_end = np.array([_shutdown_end(g, int(d)) for d in sd[in_shut]])
        ship_day = ship_day.copy()
        moved = np.where(keeps_going[in_shut], ship_day[in_shut] + 1, shut_end + 1 + rng.integers(0, 3, size=in_shut.sum()))
        ship_day[in_shut] = moved
    ship_sec = np.where(ship_day == pday, np.maximum(paid_sec + 1800, 17 * 3600) + rng.integers(0, 3 * 3600, size=n_s),
                        9 * 3600 + rng.integers(0, 10 * 3600, size=n_s))
    ship_sec = np.minimum(ship_sec, 86399)
    shipped = (g.day0 + ship_day).astype("datetime64[s]") + ship_sec.astype("timedelta64[s]")
    # Transit.
    region = g.prov_region[o_prov[s_ord]]
    base = TRANSIT[s_wh, region] + CARRIER_SPEED[carrier]
    transit = np.maximum(1, np.rint(base + rng.choice([0, 0, 0, 1, 1, 2], size=n_s) - 0.2 + rng.random(n_s) * 0.4))
    transit = transit.astype(np.int64)
    a, b = g.slow
    slow = (carrier == SLOW_CARRIER["carrier"]) & g.slow_prov[o_prov[s_ord]] & (ship_day >= a) & (ship_day <= b)
    transit = transit + slow * SLOW_CARRIER["extra_days"]
    deliver_day = ship_day + transit
    dd = np.minimum(deliver_day, g.horizon - 1)
    stuck = g.shutdown[dd] & ~g.shutdown[np.minimum(ship_day, g.horizon - 1)]
    deliver_day = deliver_day + stuck * 4
    deliver_sec = 9 * 3600 + rng.integers(0, 11 * 3600, size=n_s)
    delivered = (g.day0 + deliver_day).astype("datetime64[s]") + deliver_sec.astype("timedelta64[s]")
    written = shipped <= g.end_ts
    delivered = np.where(written & (delivered <= g.end_ts), delivered, np.datetime64("NaT"))
    remote = np.isin(region, [REGIONS.index("R"), REGIONS.index("NW")])
    cost = (CARRIER_BASE_COST[carrier] + CARRIER_UNIT_COST[carrier] * (s_units - 1) + remote * 800
            + (TRANSIT[s_wh, region] - 1) * 90 + rng.integers(-40, 41, size=n_s)).astype(np.int64)
    if slow.any():
        g.slow_log.append((transit[slow & written], (transit - slow * SLOW_CARRIER["extra_days"])[slow & written]))
    # Normal transit of the same carrier × provinces outside the window, for the truth.
    same_lane = (carrier == SLOW_CARRIER["carrier"]) & g.slow_prov[o_prov[s_ord]] & ~slow & written
    g.slow_lane_log = getattr(g, "slow_lane_log", [])
    g.slow_lane_log.append(transit[same_lane])
    return {"ord": s_ord, "wh": s_wh, "carrier": carrier, "shipped": shipped, "delivered": delivered,
            "written": written, "cost": cost, "line_ship": line_ship, "transit": transit, "slow": slow}


def _shutdown_end(g: SampleRun, t: int) -> int:
    """The last day of the couriers' shutdown that day ``t`` falls in."""
    while t < g.horizon - 1 and g.shutdown[t]:
        t += 1
    return t - 1


def flush_shipments(g: SampleRun, final: bool, upto: int | None = None) -> None:
    """Write the shipments of every month whose orders can no longer add any: one file
    per month shipped (``shipments/shipments_YYYY-MM.csv``)."""
    if not g.ship_buffer:
        return
    buf = Columns.concat(g.ship_buffer)
    month = buf["shipped_at"].astype("datetime64[M]")
    if final:
        ready = np.unique(month)
    else:
        y, m = g.month_list[upto]
        ready = np.unique(month[month < np.datetime64(f"{y:04d}-{m:02d}", "M")])
    keep = np.ones(buf.n, bool)
    for mo in ready:
        sel = np.flatnonzero(month == mo)
        part = buf.take(sel)
        part = part.take(np.lexsort((part["order_id"].astype(str), part["shipped_at"])))
        n = part.n
        seq0 = g.shipment_seq
        g.shipment_seq += n

        def rows(r: np.ndarray, part: Columns = part, seq0: int = seq0) -> Columns:
            codes = np.array(CARRIER_CODE, dtype=object)[part["carrier_i"][r]]
            seq = seq0 + 1 + r
            return Columns({
                "shipment_id": np.array([f"{c}{s:010d}" for c, s in zip(codes.tolist(), seq.tolist(), strict=True)],
                                        dtype=object),
                "order_id": part["order_id"][r],
                "carrier": np.array(CARRIERS, dtype=object)[part["carrier_i"][r]],
                "warehouse": part["warehouse"][r],
                "province": part["province"][r],
                "shipped_at": format_timestamps(part["shipped_at"][r]),
                "delivered_at": format_timestamps(part["delivered_at"][r]),
                "shipping_cost_amount": format_money(part["cost"][r]),
            })

        parts = (rows(np.arange(a, min(a + CHUNK_ROWS, n))) for a in range(0, max(n, 1), CHUNK_ROWS))
        name = f"shipments_{str(mo)[:7]}.csv"
        g.record_file("shipments", name, write_csv_chunks(parts, g.path("shipments", name)))
        keep[sel] = False
    g.ship_buffer = [buf.take(np.flatnonzero(keep))] if keep.any() else []
