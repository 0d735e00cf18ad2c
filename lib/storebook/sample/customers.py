"""Customers: a pool per platform of returning and new buyers, and their fake personal data.

Each platform starts with the customers of the years before the period; each month, the
candidates for its orders are drawn from the pool by propensity × recency (returning) or
made up (new), shuffled, and taken in order as the days' orders need them. A customer's id
is a scramble of their index; the personal data the raw exports carry beyond the contract
(names, phones, e-mails, addresses, IPs: ``store.PII_COLUMNS``) are obviously fake and
derived from the same index, so that ingest must drop them.
"""

from __future__ import annotations

import numpy as np

from storebook.sample.draws import draw_categorical, first_of_runs, scramble_ids
from storebook.sample.run import SampleRun
from storebook.sample.store import CUSTOMER_PREFIX, GIVEN, MEAN_LINES, MEAN_QTY, SURNAMES


def init_customers(g: SampleRun) -> None:
    """Start each platform's pool with the customers of the years before the period (about
    five months of orders), each with a province, a propensity to buy and a last order day.
    """
    rng = g.rng("customers")
    g.cust_prov: list[np.ndarray] = []
    g.cust_prop: list[np.ndarray] = []
    g.cust_last: list[np.ndarray] = []
    g.cust_n = np.zeros(4, dtype=np.int64)
    g.returning_share = np.array([0.34, 0.36, 0.22, 0.42])
    for p in range(4):
        exp_orders_month = g.lam[:30, p].sum() / (MEAN_QTY * MEAN_LINES)
        n0 = int(exp_orders_month * 5) + 10  # customers from before the period
        g.cust_prov.append(draw_categorical(rng, g.prov_weight, n0).astype(np.int16))
        g.cust_prop.append(rng.gamma(0.6, 1.0 / 0.6, size=n0))
        g.cust_last.append(-rng.integers(1, 365, size=n0).astype(np.int64))
        g.cust_n[p] = n0
    g.cust_seen_before = g.cust_n.copy()  # customers who bought before the period


def queue_customers(g: SampleRun, k: int, p: int, first: int, last: int) -> dict:
    """Candidates for this month's orders of platform p: returning customers drawn by
    propensity × recency, and new ones, shuffled.

    Args:
        g: the run.
        k: the month's index; p: the platform's; first, last: the month's day indexes.
    Returns:
        The queue: ``is_new``, ``ref`` (a returning customer's index, or a new one's number),
        ``prov`` per candidate, the new candidates' propensities, the read position ``ptr``
        and the queue's own random stream.
    """
    rng = g.rng("queue", k, p)
    exp_orders = g.lam[first:last + 1, p].sum() / (MEAN_QTY * MEAN_LINES)
    size = int(exp_orders * 1.3) + 40
    n_ret = int(rng.binomial(size, g.returning_share[p]))
    n_pool = int(g.cust_n[p])
    rec = first - g.cust_last[p][:n_pool]
    w = g.cust_prop[p][:n_pool] * (np.exp(-rec / 150.0) + 0.15)
    cdf = np.cumsum(w)
    ret = np.searchsorted(cdf, rng.random(n_ret) * cdf[-1], side="right")
    ret = np.minimum(ret, n_pool - 1)
    n_new = size - n_ret
    is_new = np.concatenate([np.zeros(n_ret, bool), np.ones(n_new, bool)])
    ref = np.concatenate([ret, np.arange(n_new)])
    prov = np.concatenate([g.cust_prov[p][ret], draw_categorical(rng, g.prov_weight, n_new).astype(np.int16)])
    perm = rng.permutation(size)
    return {"is_new": is_new[perm], "ref": ref[perm], "prov": prov[perm], "ptr": 0,
            "new_prop": rng.gamma(0.6, 1.0 / 0.6, size=n_new), "rng": rng}


def take_from_queue(g: SampleRun, q: dict, n: int) -> np.ndarray:
    """Positions of the next n candidates (extends the queue with new customers if short).

    Args:
        g: the run.
        q: a queue of :func:`queue_customers`; its read position moves on by ``n``.
        n: the number of orders to give a customer.
    Returns:
        ``n`` positions in the queue.
    """
    if q["ptr"] + n > len(q["prov"]):
        rng = q["rng"]
        extra = q["ptr"] + n - len(q["prov"]) + 20
        n_new0 = len(q["new_prop"])
        q["is_new"] = np.concatenate([q["is_new"], np.ones(extra, bool)])
        q["ref"] = np.concatenate([q["ref"], n_new0 + np.arange(extra)])
        q["prov"] = np.concatenate([q["prov"], draw_categorical(rng, g.prov_weight, extra).astype(np.int16)])
        q["new_prop"] = np.concatenate([q["new_prop"], rng.gamma(0.6, 1.0 / 0.6, size=extra)])
    pos = np.arange(q["ptr"], q["ptr"] + n)
    q["ptr"] += n
    return pos


def resolve_customers(g: SampleRun, p: int, q: dict, pos: np.ndarray,
                      day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Customer indexes for the orders that used queue positions ``pos``; creates the
    new customers (in queue order) and updates recency.

    Args:
        g: the run; platform ``p``'s pool grows by the new customers.
        p: the platform's index.
        q: the month's queue of platform ``p``.
        pos: the queue position each order took.
        day: each order's day index.
    Returns:
        (customer index per order, whether it is a new customer's first order).
    """
    cust = np.empty(len(pos), dtype=np.int64)
    is_new = q["is_new"][pos]
    cust[~is_new] = q["ref"][pos[~is_new]]
    new_pos = np.unique(pos[is_new])
    new_ids = g.cust_n[p] + np.arange(len(new_pos))
    lookup = dict(zip(new_pos.tolist(), new_ids.tolist(), strict=True))
    cust[is_new] = np.array([lookup[x] for x in pos[is_new].tolist()], dtype=np.int64)
    if len(new_pos):
        g.cust_prov[p] = np.concatenate([g.cust_prov[p], q["prov"][new_pos]])
        g.cust_prop[p] = np.concatenate([g.cust_prop[p], q["new_prop"][q["ref"][new_pos]]])
        g.cust_last[p] = np.concatenate([g.cust_last[p], np.full(len(new_pos), -10**6, np.int64)])
        g.cust_n[p] += len(new_pos)
    # First order of a customer = new customer's first order in time.
    order = np.lexsort((np.arange(len(cust)), day, cust))
    first_mask = np.zeros(len(cust), bool)
    c_sorted = cust[order]
    first_mask[order[first_of_runs(c_sorted)]] = True
    is_first = first_mask & is_new
    np.maximum.at(g.cust_last[p], cust, day)
    return cust, is_first


def fake_personal_data(plat: np.ndarray, cust: np.ndarray) -> dict:
    """The customer id and the obviously fake personal data of each row's customer.

    Args:
        plat: each row's platform index.
        cust: each row's customer index on that platform.
    Returns:
        ``customer_id`` (platform prefix + 8 hex digits), ``name``, ``phone`` (1380000xxxx),
        ``email`` (@example.com), ``ip`` (203.0.113.x, a documentation range) and
        ``address_base`` (示例市样例路…号), each an array of the rows' values.
    """
    salt = np.array([0x1F3A, 0x2B4C, 0x3D5E, 0x4F60], dtype=np.uint64)[plat]
    h = scramble_ids(cust, 0) ^ salt
    hx = [f"{v:08x}" for v in h.tolist()]
    cid = np.array([CUSTOMER_PREFIX[p] + x for p, x in zip(plat.tolist(), hx, strict=True)], dtype=object)
    hv = h.astype(np.int64)
    names = np.array([a + b for a in SURNAMES for b in GIVEN], dtype=object)
    phone = np.array([f"1380000{v % 10000:04d}" for v in hv.tolist()], dtype=object)
    email = np.array([f"{c}@example.com" for c in cid.tolist()], dtype=object)
    ip = np.array([f"203.0.113.{v % 254 + 1}" for v in hv.tolist()], dtype=object)
    return {"customer_id": cid, "name": names[hv % len(names)], "phone": phone, "email": email, "ip": ip,
            "address_base": np.array([f"示例市样例路{v % 999 + 1}号" for v in hv.tolist()], dtype=object)}
