"""Marketing: monthly budgets per platform × channel, and the daily ``marketing_spend`` rows
per campaign.

Budgets are a share of each platform's expected revenue split over its paid channels (the
targets file repeats them as ``marketing_spend_amount``). Spend follows the expected
revenue of each day; clicks follow the channel's visitors, impressions the clicks, and
attributed orders and amounts a share of the channel's orders; during a festival part of
the spend runs in the festival's own campaign.
"""

from __future__ import annotations

import numpy as np

from storebook.sample.run import SampleRun
from storebook.sample.store import (
    CHANNEL_ZH,
    CHANNELS,
    PLATFORM_ORDER_PREFIX,
    PLATFORM_ZH,
    PLATFORMS,
)
from storebook.sample.writing import Columns, format_dates, format_money, write_csv


def build_budgets(g: SampleRun) -> None:
    """Set ``expected_rev`` (cents per day × platform), ``spend_split`` (each platform's
    paid channels and their shares) and ``budgets`` (yuan per month × platform × channel,
    a share of the month's expected revenue, in hundreds)."""
    rng = g.rng("budgets")
    rev = (g.lam[: g.n_days] * g.price[None, None, :] * (1.0 - g.depth[: g.n_days])).sum(axis=2)
    g.expected_rev = rev  # cents per day × platform
    ratio = np.array([0.10, 0.09, 0.16, 0.12])
    split = {
        "tmall": {"paid_search": 0.40, "recommendation": 0.30, "live_stream": 0.15, "social": 0.15},
        "jd": {"paid_search": 0.50, "recommendation": 0.35, "social": 0.15},
        "douyin": {"live_stream": 0.50, "recommendation": 0.30, "paid_search": 0.08, "social": 0.12},
        "web": {"paid_search": 0.45, "social": 0.30, "email": 0.05, "referral": 0.20},
    }
    g.spend_split = split
    budgets = {}
    for k in range(g.months):
        a = g.month_start_idx[k]
        b = g.month_start_idx[k + 1] if k + 1 < g.months else g.n_days
        for p, pname in enumerate(PLATFORMS):
            month_rev = rev[a:b, p].sum() / 100.0
            for ch, sh in split[pname].items():
                yuan = month_rev * ratio[p] * sh * rng.uniform(0.9, 1.1)
                budgets[(k, p, ch)] = max(100, int(round(yuan / 100.0)) * 100)
    g.budgets = budgets


def build_marketing(g: SampleRun, rng: np.random.Generator, k: int, first: int, last: int,
                    ch_vis: np.ndarray, ch_orders: np.ndarray, ch_paid: np.ndarray) -> None:
    """Append the month's ``marketing_spend`` rows (per day × platform × paid channel ×
    campaign) and add its spend and attributed amount to the month's totals.

    Args:
        g: the run.
        rng: the month's stream.
        k: the month's index; first, last: its day indexes.
        ch_vis, ch_orders, ch_paid: visitors, orders and paid cents per day × platform ×
            channel, from the traffic of the month.
    """
    D = last - first + 1
    click_ratio = {"paid_search": 1.15, "recommendation": 0.55, "live_stream": 0.35, "social": 0.30,
                   "email": 1.10, "referral": 0.60}
    ctr = {"paid_search": 0.035, "recommendation": 0.012, "live_stream": 0.020, "social": 0.015,
           "email": 0.080, "referral": 0.020}
    attr = {"paid_search": 0.85, "recommendation": 0.60, "live_stream": 0.75, "social": 0.35,
            "email": 0.80, "referral": 0.70}
    code = {"paid_search": "PS", "recommendation": "REC", "live_stream": "LIVE", "social": "SOC",
            "email": "EDM", "referral": "AFF"}
    ev_code = {"618": "618", "double11": "D11", "double12": "D12", "nianhuo": "NH", "women38": "W38"}
    ev_of_day: list[tuple[str, str, int] | None] = []
    for t in range(first, last + 1):
        found = None
        for e in g.events:
            if e.kind in ev_code and e.covers(g.day_date(t)):
                found = (ev_code[e.kind], e.name_zh, (e.peak_on or e.starts_on).year)
                break
        ev_of_day.append(found)
    rows = []
    for p, pname in enumerate(PLATFORMS):
        rev = g.expected_rev[first:last + 1, p]
        wday = rev / max(rev.sum(), 1.0)
        for ch in g.spend_split[pname]:
            c = CHANNELS.index(ch)
            budget = g.budgets[(k, p, ch)] * 100  # cents
            spend = np.rint(budget * wday * rng.lognormal(0, 0.08, size=D)).astype(np.int64)
            clicks = np.rint(ch_vis[:, p, c] * click_ratio[ch] * rng.uniform(0.9, 1.1, size=D)).astype(np.int64)
            impr = np.rint(clicks / (ctr[ch] * rng.uniform(0.8, 1.2, size=D))).astype(np.int64)
            impr = np.maximum(impr, clicks)
            a_orders = np.rint(ch_orders[:, p, c] * attr[ch] * rng.uniform(0.85, 1.05, size=D)).astype(np.int64)
            a_amount = np.rint(ch_paid[:, p, c] * attr[ch] * rng.uniform(0.85, 1.05, size=D)).astype(np.int64)
            base_id = f"{PLATFORM_ORDER_PREFIX[p]}-{code[ch]}"
            base_name = f"{PLATFORM_ZH[p]}{CHANNEL_ZH[ch]}"
            for d in range(D):
                ev = ev_of_day[d] if ch in ("paid_search", "recommendation", "live_stream") else None
                parts = [(f"{base_id}-AO", f"{base_name}-日常投放", 1.0)]
                if ev:
                    parts = [(f"{base_id}-AO", f"{base_name}-日常投放", 0.45),
                             (f"{base_id}-{ev[0]}{ev[2]}", f"{base_name}-{ev[1]}{ev[2]}", 0.55)]
                left = [int(spend[d]), int(impr[d]), int(clicks[d]), int(a_orders[d]), int(a_amount[d])]
                for j, (cid, cname, share) in enumerate(parts):
                    if j == len(parts) - 1:
                        vals = left
                    else:
                        vals = [int(x * share) for x in (spend[d], impr[d], clicks[d], a_orders[d], a_amount[d])]
                        vals[1] = max(vals[1], vals[2])
                        left = [a - b for a, b in zip(left, vals, strict=True)]
                    rows.append((first + d, p, c, cid, cname, *vals))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    arr = list(zip(*rows, strict=True))
    out = Columns({
        "spent_on": format_dates(g.day0 + np.array(arr[0])),
        "platform": np.array(PLATFORMS, dtype=object)[np.array(arr[1])],
        "channel": np.array(CHANNELS, dtype=object)[np.array(arr[2])],
        "campaign_id": np.array(arr[3], dtype=object),
        "campaign_name": np.array(arr[4], dtype=object),
        "spend_amount": format_money(np.array(arr[5])),
        "impressions": np.array(arr[6], dtype=np.int64),
        "clicks": np.array(arr[7], dtype=np.int64),
        "attributed_orders": np.array(arr[8], dtype=np.int64),
        "attributed_amount": format_money(np.array(arr[9])),
    })
    first_write = "marketing_spend/marketing_spend.csv" not in g.files
    n = write_csv(out, g.path("marketing_spend", "marketing_spend.csv"), mode="w" if first_write else "a",
                   header=first_write)
    g.record_file("marketing_spend", "marketing_spend.csv", n)
    agg = g.month_aggs[k]
    plat = np.array(arr[1])
    agg.spend_cents += np.bincount(plat, weights=np.array(arr[5]), minlength=4).astype(np.int64)
    agg.attributed_cents += np.bincount(plat, weights=np.array(arr[9]), minlength=4).astype(np.int64)
