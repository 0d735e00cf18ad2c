"""The sample store's plants for the department's remaining duties: store ratings, listing
traffic and listing changes, two campaigns with holdout tests, and the seasonal truth the
forecast must reproduce.

:func:`plant` is called once by :mod:`storebook.sample`'s generator after it has written
the canonical tables. It reads what the generator wrote (orders, order lines, shipments)
and the demand model it holds, draws from random streams of its own (keyed by seed and
purpose), and writes new files only: no file the generator wrote changes and none of its
random streams is consumed, so every truth planted before stays exactly as it was.

What is planted (docs/sample_store.md, "Planted truths" 9–13):

- ``dsr_logistics_dip``: Tmall's DSR 物流服务 ratings fall for the days the slow carrier's
  parcels arrive (the slow carrier truth of the generator: ZTO to the south-west).
- ``listing_low_conversion``: a Tmall listing with a category's traffic and a third of its
  conversion (a search term that draws the wrong visitors).
- ``listing_change``: a new main image and detail page on a Tmall best seller lift its
  conversion by half from a Monday of ``end_month − 3``.
- ``campaign_holdouts``: a Tmall CRM message campaign whose holdout shows it paid back, and a
  Douyin creator (达人种草) campaign whose holdout shows no incremental order.
- ``forecast_season``: the expected paid orders, paid amount and visitors of the three
  months after ``end_month`` (双11, 双12, 年货节) from the demand model.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from storebook.sample.store import (
    CARRIERS,
    CATEGORIES,
    CONVERSION,
    MEAN_LINES,
    MEAN_QTY,
    MOBILE_SHARE,
    PLATFORM_ORDER_PREFIX,
    PLATFORMS,
    SLOW_CARRIER,
)
from storebook.sample.writing import format_money, write_csv

#: Store ratings per platform: dimensions, the days the published score averages over, the
#: top of the scale, and the mean rating of each dimension (on a scale of 5).
RATINGS: dict[str, dict[str, Any]] = {
    "tmall": {"dimensions": ("product", "service", "logistics"), "window": 180, "max": 5.0,
              "base": (4.80, 4.84, 4.79)},
    "jd": {"dimensions": ("overall", "product", "service", "logistics", "after_sales"), "window": 90, "max": 10.0,
           "base": (None, 4.78, 4.82, 4.86, 4.74)},
    "douyin": {"dimensions": ("overall", "product", "logistics", "service"), "window": 90, "max": 5.0,
               "base": (None, 4.70, 4.66, 4.75)},
}
#: Share of delivered parcels whose buyer rates the store; spread of one rating (scale of 5).
RATING_RATE, RATING_SD = 0.30, 0.55
#: Logistics ratings fall by this much per day of delivery above the platform's usual.
RATING_PER_DAY_LATE = 0.12
#: The planted dip: Tmall logistics ratings −0.6 from 5 days after the slow carrier's first
#: slow parcel was shipped to 8 days after its last (delivery, then the rating).
DIP = {"platform": "tmall", "dimension": "logistics", "drop": 0.60, "lag_first": 5, "lag_last": 8}
#: Listing traffic: platforms, the conversion of a listing's visitors, and the two plants.
LISTING_PLATFORMS = ("tmall", "jd", "douyin")
LISTING_CONVERSION = {"tmall": 0.045, "jd": 0.050, "douyin": 0.025}
LOW_CONVERSION = {"platform": "tmall", "category": "home_textiles", "factor": 0.30}
#: The listings' own ad spend (生意参谋 总推广花费): a third of the SKUs advertise on each platform,
#: paying for about a quarter of their visitors at the platform's cost per click. One listing, the
#: ad sink, pays five times as much for each of its visitors: the month's biggest spender, it sells
#: no more than it would without (the store-operations page's ad-spend section ranks it first).
LISTING_ADS = {"share_advertised": 1 / 3, "paid_share": 0.25, "cpc": {"tmall": 0.90, "jd": 0.80, "douyin": 0.60}}
AD_SINK = {"platform": "tmall", "category": "kitchen", "factor": 5.0}
LISTING_CHANGE = {"platform": "tmall", "category": "skincare", "months_before": 3, "lift": 0.50,
                  "changes": ("main_image", "detail_page")}
#: The two campaigns with a holdout test, both in end_month − 1, days 1–28.
HOLDOUTS = (
    {"platform": "tmall", "channel": "email", "campaign_id": "TM-CRM-SMS09", "name": "天猫会员短信-老客唤醒",
     "audience": 35_000, "holdout_share": 0.30, "order_rate": 0.0006, "visit_rate": 0.004, "order_lift": 0.80,
     "visit_lift": 1.20, "spend_per_message": 0.12, "send_every": 7, "attributed_share": 0.90},
    {"platform": "douyin", "channel": "social", "campaign_id": "DY-SOC-KOL09", "name": "抖音达人种草-九月",
     "audience": 100_000, "holdout_share": 0.50, "order_rate": 0.0000357, "visit_rate": 0.0015, "order_lift": 0.0,
     "visit_lift": 0.40, "spend_per_day": 900.0, "attributed_roas": 1.8},
)
HOLDOUT_DAYS = 28


def plant(g: Any) -> dict[str, Any]:
    """Write the plants' files into the generator's raw folder and return their truths.

    Args:
        g: the running :class:`storebook.sample.run.SampleRun` (after its tables are written).
    Returns:
        ``{truth name: truth}`` for ``_truth.json``.
    """
    orders, sold, ships = _read_written(g)
    truths = {"dsr_logistics_dip": _write_store_ratings(g, ships)}
    truths.update(_write_product_traffic(g, sold))
    truths["campaign_holdouts"] = _write_holdouts(g, orders)
    truths["forecast_season"] = _forecast_truth(g, orders)
    return truths


# ----------------------------------------------------------------------------- reading back

#: Delivered parcels per rated platform: (day since 1970, seconds in transit), int32 each.
Deliveries = dict[str, tuple[np.ndarray, np.ndarray]]


def _read_written(g: Any) -> tuple[pd.DataFrame, pd.DataFrame, Deliveries]:
    """What the plants need of the orders, order lines and shipments the generator wrote
    (canonical CSV), read one month's file at a time so that memory does not grow with the
    store: the paid orders of the last three months (``platform``, ``paid_day``,
    ``paid_amount``), the lines of paid orders summed per platform × listing period × SKU
    (:func:`_sold_by_period`), and each delivered parcel's day and transit
    on the rated platforms (:data:`Deliveries`).

    Every value, and the order of the rows each sum or mean adds, is as if all the files
    had been read into one frame: a listing period lies inside one month, as do an order
    and its lines, and a parcel is the shipment of a paid order whose id starts with its
    platform's prefix.
    """
    def read(path: Path, columns: list[str]) -> pd.DataFrame:
        return pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False)

    recent_from = pd.Timestamp(g.day_date(g.month_bounds(2)[0]))
    starts = _period_starts(g)
    recent, sold = [], []
    for orders_path in sorted((g.raw / "orders").glob("orders*.csv")):
        orders = read(orders_path, ["order_id", "platform", "paid_at", "customer_id", "paid_amount"])
        orders = orders[orders["paid_at"] != ""].assign(
            paid_day=lambda d: pd.to_datetime(d["paid_at"].str.slice(0, 10)),
            paid_amount=lambda d: d["paid_amount"].astype(float))
        recent.append(orders.loc[orders["paid_day"] >= recent_from, ["platform", "paid_day", "paid_amount"]])
        lines_path = g.raw / "order_lines" / orders_path.name.replace("orders", "order_lines", 1)
        if lines_path.is_file():
            lines = read(lines_path, ["order_id", "sku", "quantity", "line_amount"]).merge(
                orders[["order_id", "platform", "customer_id", "paid_day"]], on="order_id")
            lines = lines.assign(quantity=lines["quantity"].astype(int), line_amount=lines["line_amount"].astype(float))
            sold.append(_sold_by_period(g, lines, starts))
    ships: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {p: [] for p in RATINGS}
    prefix = dict(zip(PLATFORM_ORDER_PREFIX, PLATFORMS, strict=True))
    for path in sorted((g.raw / "shipments").glob("shipments*.csv")):
        part = read(path, ["order_id", "shipped_at", "delivered_at"])
        part = part[part["delivered_at"] != ""]
        platform = part["order_id"].str.slice(0, 2).map(prefix).to_numpy()
        shipped = pd.to_datetime(part["shipped_at"]).to_numpy().astype("datetime64[s]").astype(np.int64)
        delivered = pd.to_datetime(part["delivered_at"]).to_numpy().astype("datetime64[s]").astype(np.int64)
        for p in RATINGS:
            sel = platform == p
            ships[p].append(((delivered[sel] // 86400).astype(np.int32), (delivered[sel] - shipped[sel]).astype(np.int32)))
    deliveries = {p: (np.concatenate([d for d, _ in parts]), np.concatenate([s for _, s in parts]))
                  for p, parts in ships.items() if parts}
    return pd.concat(recent, ignore_index=True), pd.concat(sold, ignore_index=True), deliveries


def _days(g: Any) -> pd.DatetimeIndex:
    return pd.date_range(g.start, g.end, freq="D")


def _write(g: Any, table: str, name: str, frame: pd.DataFrame) -> int:
    """Write a frame of text columns as the generator writes its CSVs, and list the file."""
    path = g.path(table, name)
    n = write_csv(frame.astype(str), path)
    g.record_file(table, name, n)
    return n


# ----------------------------------------------------------------------------- store ratings

def _write_store_ratings(g: Any, ships: Deliveries) -> dict[str, Any]:
    """Daily published scores per platform × dimension; the Tmall logistics dip. Returns its truth."""
    rng = g.rng("duties-ratings")
    days = _days(g)
    n = len(days)
    dip_first = g.slow[0] + DIP["lag_first"]
    dip_last = g.slow[1] + DIP["lag_last"]
    rows, truth = [], {}
    for platform, spec in RATINGS.items():
        day, seconds = ships.get(platform, (np.zeros(0, np.int32), np.zeros(0, np.int32)))
        transit = pd.Series(seconds.astype(np.float64) / 86400)
        delivered = transit.groupby(day.astype("datetime64[D]").astype("datetime64[ns]")).agg(["count", "mean"])
        delivered = delivered.reindex(days)
        parcels = delivered["count"].fillna(0).to_numpy()
        late = (delivered["mean"] - transit.mean()).fillna(0).to_numpy()
        ratings = rng.poisson(parcels * RATING_RATE)
        dims = spec["dimensions"]
        scale = spec["max"] / 5.0
        day_scores = {}
        for dim, base in zip(dims, spec["base"], strict=True):
            if base is None:
                continue
            mean = np.full(n, base)
            if dim == "logistics":
                mean = mean - RATING_PER_DAY_LATE * late
                if platform == DIP["platform"]:
                    mean[dip_first:dip_last + 1] -= DIP["drop"]
            noise = rng.normal(0.0, RATING_SD / np.sqrt(np.maximum(ratings, 1)))
            day_scores[dim] = np.clip(mean + noise, 1.0, 5.0)
        if "overall" in dims:
            day_scores["overall"] = np.mean([day_scores[d] for d in dims if d != "overall"], axis=0)
        for dim, base in zip(dims, spec["base"], strict=True):
            score = day_scores[dim]
            prior = float(np.mean([b for b in spec["base"] if b is not None])) if base is None else base
            published = _rolling_score(score, ratings, spec["window"], prior)
            industry = prior - 0.05 + np.cumsum(rng.normal(0, 0.002, n))
            rated = ratings > 0
            rows.append(pd.DataFrame({
                "rated_on": days.strftime("%Y-%m-%d"), "platform": platform, "dimension": dim,
                "score": [f"{v * scale:.4f}" for v in published], "score_max": f"{spec['max']:g}",
                "industry_score": [f"{v * scale:.4f}" for v in industry], "window_days": spec["window"],
                "day_score": [f"{v * scale:.2f}" if r else "" for v, r in zip(score, rated, strict=True)],
                "day_ratings": ratings,
            }))
            if platform == DIP["platform"] and dim == DIP["dimension"]:
                truth = _dip_truth(g, days, score, published, ratings, dip_first, dip_last)
    frame = pd.concat(rows, ignore_index=True).sort_values(["rated_on", "platform", "dimension"], kind="stable")
    _write(g, "store_ratings", "store_ratings.csv", frame)
    return truth


def _rolling_score(day_score: np.ndarray, ratings: np.ndarray, window: int, prior: float) -> np.ndarray:
    """The published score: the mean of the ratings of the last ``window`` days, with the
    days before the data taken at ``prior`` (at the first month's rating volume)."""
    volume = max(float(ratings[:30].mean()), 1.0)
    weights = np.concatenate([np.full(window, volume), ratings.astype(float)])
    sums = np.concatenate([np.full(window, volume * prior), day_score * ratings])
    cw, cs = np.cumsum(weights), np.cumsum(sums)
    end = np.arange(window, window + len(ratings))
    return (cs[end] - cs[end - window]) / (cw[end] - cw[end - window])


def _dip_truth(g: Any, days: pd.DatetimeIndex, score: np.ndarray, published: np.ndarray, ratings: np.ndarray,
               first: int, last: int) -> dict[str, Any]:
    before = slice(max(first - 56, 0), first)
    base = float(np.average(score[before], weights=np.maximum(ratings[before], 1e-9)))
    inside = slice(first, last + 1)
    return {
        "platform": DIP["platform"], "dimension": DIP["dimension"], "month": days[first].strftime("%Y-%m"),
        "dip_from": days[first].date().isoformat(), "dip_to": days[last].date().isoformat(),
        "planted_day_score_drop": -DIP["drop"],
        "day_score_before_8w": round(base, 4),
        "day_score_in_dip": round(float(np.average(score[inside], weights=np.maximum(ratings[inside], 1e-9))), 4),
        "ratings_in_dip": int(ratings[inside].sum()),
        "published_before": round(float(published[first - 1]), 4), "published_after": round(float(published[last]), 4),
        "published_change": round(float(published[last] - published[first - 1]), 4),
        "follows": {"truth": "slow_carrier", "carrier": CARRIERS[SLOW_CARRIER["carrier"]],
                    "provinces": list(SLOW_CARRIER["provinces"]),
                    "shipped_from": g.day_date(g.slow[0]).isoformat(), "shipped_to": g.day_date(g.slow[1]).isoformat()},
        "how_to_find": "daily DSR 物流服务 ratings on Tmall below their 8-week baseline from 5 days after the slow "
                       "carrier's first slow parcel to 8 days after its last; the published 180-day score falls "
                       "with it; delivery times by carrier name ZTO on the south-western lanes",
    }


# ----------------------------------------------------------------------------- listing traffic

def _periods(g: Any) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Monday-to-Sunday weeks, split at month ends (each row lies inside one month)."""
    out = []
    for day in _days(g):
        if not out or day.weekday() == 0 or day.day == 1:
            out.append([day, day])
        else:
            out[-1][1] = day
    return [(a, b) for a, b in out]


def _item_ids(g: Any) -> dict[str, np.ndarray]:
    """Each platform's listing ids for our SKUs: Tmall 12 digits, JD 13, Douyin 19."""
    idx = np.arange(g.n_sku, dtype=np.int64)
    return {"tmall": (600_000_000_000 + idx * 7_919_113 + 104_729).astype(str),
            "jd": (10_000_000_000_000 + idx * 1_234_567 + 4_099).astype(str),
            "douyin": np.array([f"{3_600_000_000_000_000_000 + int(i) * 97_654_321_011:d}" for i in idx])}


def _pick_sku(g: Any, category: str, platform: int, used: set[int], rank: int = 0) -> int:
    """An established SKU of ``category`` among the best sellers on ``platform``, unused by any truth."""
    c = CATEGORIES.index(category)
    ok = (g.sku_cat == c) & (g.launch < -90) & (g.discontinued > g.horizon)
    cand = [int(s) for s in np.flatnonzero(ok) if int(s) not in used and int(s) not in g.truth_skus]
    cand.sort(key=lambda s: -g.sku_share[platform, s])
    return cand[rank]


def _period_starts(g: Any) -> np.ndarray:
    """The day index of each listing period's first day (:func:`_periods`)."""
    day0 = pd.Timestamp(g.start)
    return np.array([(a - day0).days for a, _ in _periods(g)])


def _sold_by_period(g: Any, lines: pd.DataFrame, starts: np.ndarray) -> pd.DataFrame:
    """Paid order lines (with their order's ``platform``, ``customer_id`` and ``paid_day``)
    per platform × listing period × SKU index: ``buyers``, ``units``, ``paid``."""
    day0 = pd.Timestamp(g.start)
    sold = lines.assign(sku_i=lines["sku"].map({s: i for i, s in enumerate(g.sku)}),
                        t=(lines["paid_day"] - day0).dt.days)
    sold = sold.assign(period=np.searchsorted(starts, sold["t"].to_numpy(), side="right") - 1)
    return sold.groupby(["platform", "period", "sku_i"]).agg(
        buyers=("customer_id", "nunique"), units=("quantity", "sum"), paid=("line_amount", "sum")).reset_index()


def _write_product_traffic(g: Any, agg: pd.DataFrame) -> dict[str, Any]:
    """Weekly listing traffic per platform × SKU, and the listing changes. Returns the two truths."""
    rng = g.rng("duties-listings")
    periods = _periods(g)
    ids = _item_ids(g)
    used: set[int] = set()
    p_low = PLATFORMS.index(LOW_CONVERSION["platform"])
    low = _pick_sku(g, LOW_CONVERSION["category"], p_low, used, rank=2)
    used.add(low)
    p_chg = PLATFORMS.index(LISTING_CHANGE["platform"])
    changed = _pick_sku(g, LISTING_CHANGE["category"], p_chg, used)
    used.add(changed)
    # Its own stream: the listings' other draws (and every truth above) stay as they were.
    ads_rng = g.rng("duties-listing-ads")
    p_sink = PLATFORMS.index(AD_SINK["platform"])
    # Not marked used: the ordinary listing changes are drawn from the SKUs as before.
    sink = _pick_sku(g, AD_SINK["category"], p_sink, used, rank=1)
    change_day = g.month_bounds(LISTING_CHANGE["months_before"])[0]
    while g.day_date(change_day).weekday() != 0:
        change_day += 1
    sku_factor = np.exp(rng.normal(0.0, 0.25, size=(4, g.n_sku)))
    day0 = pd.Timestamp(g.start)
    starts = np.array([(a - day0).days for a, _ in periods])
    ends = np.array([(b - day0).days for _, b in periods])
    n_p, n_s = len(periods), g.n_sku
    rows = []
    for platform in LISTING_PLATFORMS:
        p = PLATFORMS.index(platform)
        conv = LISTING_CONVERSION[platform] * sku_factor[p][None, :] * np.ones((len(g.lam), 1))
        if p == p_low:
            conv[:, low] *= LOW_CONVERSION["factor"]
        if p == p_chg:
            conv[change_day:, changed] *= 1.0 + LISTING_CHANGE["lift"]
        lam = g.lam[:, p, :]
        cum = np.vstack([np.zeros((1, n_s)), np.cumsum(lam / MEAN_QTY / conv, axis=0)])
        on_sale = (np.vstack([np.zeros((1, n_s)), np.cumsum(lam, axis=0)])[ends + 1] -
                   np.vstack([np.zeros((1, n_s)), np.cumsum(lam, axis=0)])[starts]) > 0
        expected = (cum[ends + 1] - cum[starts]) * np.exp(rng.normal(0, 0.05, (n_p, n_s)))
        mine = agg[agg["platform"] == platform]
        buyers, units, paid = (np.zeros((n_p, n_s)) for _ in range(3))
        at = (mine["period"].to_numpy(), mine["sku_i"].to_numpy())
        buyers[at], units[at], paid[at] = mine["buyers"], mine["units"], mine["paid"]
        buyers = buyers.astype(np.int64)
        visitors = np.maximum(rng.poisson(expected), buyers)
        cart = np.maximum(rng.binomial(visitors, 0.085), buyers)
        keep = (on_sale | (buyers > 0)).reshape(-1)
        advertised = ads_rng.random(n_s) < LISTING_ADS["share_advertised"]
        per_visitor = LISTING_ADS["paid_share"] * LISTING_ADS["cpc"][platform] * np.exp(ads_rng.normal(0, 0.3, n_s))
        if p == p_sink:
            advertised[sink] = True
            per_visitor[sink] = LISTING_ADS["paid_share"] * LISTING_ADS["cpc"][platform] * AD_SINK["factor"]
        spend_cents = np.rint(visitors * per_visitor[None, :] * 100).astype(np.int64) * advertised[None, :]
        ad_spend = np.where(spend_cents.reshape(-1) > 0, format_money(spend_cents.reshape(-1)), "")
        first = np.array([a.strftime("%Y-%m-%d") for a, _ in periods])
        last = np.array(["" if a == b else b.strftime("%Y-%m-%d") for a, b in periods])
        rows.append(pd.DataFrame({
            "visited_on": np.repeat(first, n_s), "period_end_on": np.repeat(last, n_s), "platform": platform,
            "item_id": np.tile(ids[platform], n_p), "sku": np.tile(g.sku, n_p), "item_name": np.tile(g.sku_name, n_p),
            "platform_category": "", "visitors": visitors.reshape(-1),
            "page_views": np.rint(visitors * rng.uniform(1.6, 2.4, (n_p, n_s))).astype(np.int64).reshape(-1),
            "cart_adds": cart.reshape(-1), "favourites": rng.binomial(visitors, 0.03).reshape(-1),
            "buyers": buyers.reshape(-1), "units": units.astype(np.int64).reshape(-1),
            "paid_amount": format_money(np.rint(paid * 100).astype(np.int64).reshape(-1)),
            "refund_amount": "", "ad_spend_amount": ad_spend,
        })[keep])
    frame = pd.concat(rows, ignore_index=True)
    _write(g, "product_traffic", "product_traffic.csv", frame)
    _write_listing_changes(g, rng, ids, used, change_day, changed)
    low_truth = _low_truth(g, frame, low, ids)
    change_truth = _change_truth(g, frame, changed, ids, change_day)
    return {"listing_low_conversion": low_truth, "listing_change": change_truth,
            "listing_ad_sink": _ad_sink_truth(g, frame, sink, ids)}


def _write_listing_changes(g: Any, rng: np.random.Generator, ids: dict[str, np.ndarray], used: set[int],
                           change_day: int, changed: int) -> None:
    """The planted change, and a dozen ordinary changes that moved nothing."""
    from storebook.engine.schema import LISTING_CHANGES

    plain = [c for c in LISTING_CHANGES if c not in ("price", "other")]
    rows = [{"changed_on": g.day_date(change_day).isoformat(), "platform": LISTING_CHANGE["platform"],
             "item_id": ids[LISTING_CHANGE["platform"]][changed], "sku": g.sku[changed], "change": kind,
             "note": {"main_image": "新主图：使用场景图", "detail_page": "详情页改版：成分与功效前置"}[kind]}
            for kind in LISTING_CHANGE["changes"]]
    candidates = [s for s in range(g.n_sku) if s not in used and s not in g.truth_skus
                  and g.launch[s] < 0 and g.discontinued[s] > g.horizon]
    picks = rng.choice(candidates, size=12, replace=False)
    for i, s in enumerate(sorted(int(x) for x in picks)):
        platform = LISTING_PLATFORMS[i % len(LISTING_PLATFORMS)]
        day = int(rng.integers(60, g.n_days - 28))
        rows.append({"changed_on": g.day_date(day).isoformat(), "platform": platform, "item_id": ids[platform][s],
                     "sku": g.sku[s], "change": plain[int(rng.integers(len(plain)))], "note": ""})
    frame = pd.DataFrame(rows).sort_values(["changed_on", "platform", "sku", "change"], kind="stable")
    _write(g, "listing_changes", "listing_changes.csv", frame)


def _conversion(rows: pd.DataFrame) -> float:
    return float(rows["buyers"].sum() / max(rows["visitors"].sum(), 1))


def _low_truth(g: Any, frame: pd.DataFrame, sku: int, ids: dict[str, np.ndarray]) -> dict[str, Any]:
    platform = LOW_CONVERSION["platform"]
    last_month = g.day_date(g.month_bounds(0)[0]).strftime("%Y-%m")
    month = frame[(frame["platform"] == platform) & frame["visited_on"].str.startswith(last_month)]
    cat = {s: CATEGORIES[c] for s, c in zip(g.sku, g.sku_cat, strict=True)}
    month = month.assign(category=month["sku"].map(cat))
    mine = month[month["sku"] == g.sku[sku]]
    peers = month[(month["category"] == LOW_CONVERSION["category"]) & (month["sku"] != g.sku[sku])]
    by_sku = month[month["category"] == LOW_CONVERSION["category"]].groupby("sku")["visitors"].sum()
    return {
        "platform": platform, "sku": g.sku[sku], "item_id": ids[platform][sku], "category": LOW_CONVERSION["category"],
        "planted_conversion_factor": LOW_CONVERSION["factor"], "month": last_month,
        "visitors_in_month": int(mine["visitors"].sum()), "buyers_in_month": int(mine["buyers"].sum()),
        "conversion_in_month": round(_conversion(mine), 5),
        "category_conversion_without_it": round(_conversion(peers), 5),
        "visitors_rank_in_category": int((by_sku > by_sku.get(g.sku[sku], 0)).sum() + 1),
        "how_to_find": "listings by visitors against their category's conversion: this one draws the traffic of "
                       "a best seller and converts about a third as well (the buyers lost are the most of any)",
    }


def _ad_sink_truth(g: Any, frame: pd.DataFrame, sku: int, ids: dict[str, np.ndarray]) -> dict[str, Any]:
    platform = AD_SINK["platform"]
    last_month = g.day_date(g.month_bounds(0)[0]).strftime("%Y-%m")
    month = frame[frame["visited_on"].str.startswith(last_month)]
    spend = pd.to_numeric(month["ad_spend_amount"].replace("", None), errors="coerce").fillna(0.0)
    mine = month["sku"].eq(g.sku[sku]) & month["platform"].eq(platform)
    by_listing = spend.groupby([month["platform"], month["sku"]]).sum()
    return {
        "platform": platform, "sku": g.sku[sku], "item_id": ids[platform][sku], "month": last_month,
        "planted_cost_per_visitor_factor": AD_SINK["factor"],
        "ad_spend_in_month": round(float(spend[mine].sum()), 2),
        "paid_in_month": round(float(pd.to_numeric(month.loc[mine, "paid_amount"], errors="coerce").sum()), 2),
        "spend_rank_in_month": int((by_listing > by_listing.get((platform, g.sku[sku]), 0)).sum() + 1),
        "how_to_find": "the listings' ad spend, most first: this listing pays five times the platform's cost for "
                       "each of its visitors and is the month's biggest spender",
    }


def _change_truth(g: Any, frame: pd.DataFrame, sku: int, ids: dict[str, np.ndarray], day: int) -> dict[str, Any]:
    platform = LISTING_CHANGE["platform"]
    rows = frame[(frame["platform"] == platform) & (frame["sku"] == g.sku[sku])]
    on = g.day_date(day).isoformat()
    before_from = (g.day_date(day) - timedelta(weeks=8)).isoformat()
    before = rows[(rows["visited_on"] >= before_from) & (rows["visited_on"] < on)]
    after = rows[rows["visited_on"] >= on]
    return {
        "platform": platform, "sku": g.sku[sku], "item_id": ids[platform][sku], "changed_on": on,
        "changes": list(LISTING_CHANGE["changes"]), "planted_conversion_lift": LISTING_CHANGE["lift"],
        "conversion_8w_before": round(_conversion(before), 5), "conversion_after": round(_conversion(after), 5),
        "realised_lift": round(_conversion(after) / max(_conversion(before), 1e-9) - 1, 4),
        "buyers_8w_before": int(before["buyers"].sum()), "buyers_after": int(after["buyers"].sum()),
        "how_to_find": "the listing's conversion (buyers ÷ visitors) in the weeks after its change against the weeks "
                       "before, against the other listings of its category on the platform; the buyers do not move "
                       "(the new page draws fewer, better-matched visitors)",
    }


# ----------------------------------------------------------------------------- holdout tests

def _write_holdouts(g: Any, orders: pd.DataFrame) -> dict[str, Any]:
    """Two campaigns with a holdout test in end_month − 1: the rows of the test, and the
    campaigns' spend in a file of their own beside the generator's. Returns their truths."""
    rng = g.rng("duties-holdouts")
    first = g.month_bounds(1)[0]
    days = pd.date_range(g.day_date(first), periods=HOLDOUT_DAYS, freq="D")
    rows, spend, truths = [], [], {}
    for spec in HOLDOUTS:
        paid = orders[(orders["platform"] == spec["platform"]) & orders["paid_day"].between(days[0], days[-1])]
        aov = float(paid["paid_amount"].mean())
        total = max(1, int(round(spec["audience"] * g.scale)))
        held = int(round(total * spec["holdout_share"]))
        treated = total - held
        groups = {"treatment": (treated, 1.0 + spec["order_lift"], 1.0 + spec["visit_lift"]), "holdout": (held, 1.0, 1.0)}
        counts = {}
        for group, (people, order_mult, visit_mult) in groups.items():
            n_orders = rng.poisson(people * spec["order_rate"] * order_mult, HOLDOUT_DAYS)
            visits = rng.poisson(people * spec["visit_rate"] * visit_mult, HOLDOUT_DAYS)
            amount = np.array([rng.lognormal(np.log(aov) - 0.08, 0.4, k).sum() for k in n_orders])
            reached = np.full(HOLDOUT_DAYS, 0 if group == "holdout" else int(people * 0.92))
            counts[group] = (people, int(n_orders.sum()), float(amount.sum()))
            rows.append(pd.DataFrame({
                "reported_on": days.strftime("%Y-%m-%d"), "period_end_on": "", "platform": spec["platform"],
                "channel": spec["channel"], "campaign_id": spec["campaign_id"], "test_group": group,
                "audience": people, "reached": reached, "visits": visits, "orders": n_orders,
                "paid_amount": [f"{v:.2f}" for v in amount]}))
        daily_spend = _campaign_spend(spec, treated, HOLDOUT_DAYS, g.scale)
        cost = float(daily_spend.sum())
        t_orders, t_amount = counts["treatment"][1:]
        attributed = (t_amount * spec["attributed_share"] if "attributed_share" in spec
                      else cost * spec["attributed_roas"])
        spend.append(_spend_rows(spec, days, daily_spend, treated, t_orders, attributed))
        expected_orders = treated * spec["order_rate"] * spec["order_lift"] * HOLDOUT_DAYS
        truths[spec["campaign_id"]] = {
            "platform": spec["platform"], "channel": spec["channel"], "campaign_name": spec["name"],
            "starts_on": days[0].date().isoformat(), "ends_on": days[-1].date().isoformat(),
            "treatment_audience": treated, "holdout_audience": held,
            "planted_order_lift": spec["order_lift"], "planted_visit_lift": spec["visit_lift"],
            "expected_incremental_orders": round(expected_orders, 2),
            "expected_incremental_amount": round(expected_orders * aov, 2),
            "spend_amount": round(cost, 2),
            "expected_incremental_roas": round(expected_orders * aov / cost, 4),
            "attributed_roas": round(attributed / cost, 4),
            "realised": {g_: {"audience": c[0], "orders": c[1], "paid_amount": round(c[2], 2)} for g_, c in counts.items()},
            "verdict": "scale" if spec["order_lift"] > 0 else "cut",
        }
    _write(g, "campaign_holdouts", "campaign_holdouts.csv", pd.concat(rows, ignore_index=True))
    frame = pd.concat(spend, ignore_index=True).sort_values(["spent_on", "platform", "channel", "campaign_id"])
    _write(g, "marketing_spend", "marketing_spend_tests.csv", frame)
    truths["how_to_find"] = ("treatment orders − holdout orders × treatment audience ÷ holdout audience = the "
                             "incremental orders; their paid amount ÷ the campaign's spend = incremental ROAS. "
                             "The CRM messages pay back; the creator campaign's attributed ROAS looks fine but "
                             "its holdout bought as much as its treatment")
    return truths


def _campaign_spend(spec: dict[str, Any], treated: int, n_days: int, scale: float) -> np.ndarray:
    """Spend per day: messages on every ``send_every``-th day, or an even daily budget (× scale)."""
    if "spend_per_message" in spec:
        out = np.zeros(n_days)
        out[::spec["send_every"]] = treated * 0.92 * spec["spend_per_message"]
        return np.round(out, 2)
    return np.full(n_days, round(spec["spend_per_day"] * scale, 2))


def _spend_rows(spec: dict[str, Any], days: pd.DatetimeIndex, daily: np.ndarray, treated: int, orders: int,
                attributed: float) -> pd.DataFrame:
    active = daily > 0
    share = daily[active] / daily[active].sum()
    impressions = np.rint(share * treated * 0.92 * (4 if "spend_per_day" in spec else 1)).astype(np.int64)
    att_orders = np.rint(share * orders * (spec.get("attributed_share") or 0.6)).astype(np.int64)
    cents = np.rint(daily[active] * 100).astype(np.int64)
    att_cents = np.rint(share * attributed * 100).astype(np.int64)
    return pd.DataFrame({
        "spent_on": days[active].strftime("%Y-%m-%d"), "platform": spec["platform"], "channel": spec["channel"],
        "campaign_id": spec["campaign_id"], "campaign_name": spec["name"],
        "spend_amount": [f"{c // 100}.{c % 100:02d}" for c in cents], "impressions": impressions,
        "clicks": np.rint(impressions * 0.03).astype(np.int64), "attributed_orders": att_orders,
        "attributed_amount": [f"{c // 100}.{c % 100:02d}" for c in att_cents]})


# ----------------------------------------------------------------------------- the forecast's truth

def _forecast_truth(g: Any, orders: pd.DataFrame) -> dict[str, Any]:
    """Expected paid orders, paid amount and visitors per platform of the months after the data.

    Expected units come from the demand model (which knows the calendar ahead), times the
    average lift promotions and planted effects gave the data period (the model has no
    promotions beyond it, a store does); orders = units ÷ units per order; paid amount =
    orders × the platform's paid amount per order of the last three months; visitors =
    orders ÷ the platform's conversion per device, weighted by its device mix.
    """
    n = g.n_days
    units = g.lam.sum(axis=2)  # (H, 4)
    lift = g.lam[:n].sum(axis=(0, 2)) / (g.lam0[:n].sum(axis=(0, 2)) * g.norm)
    per_visitor = MOBILE_SHARE / CONVERSION[:, 0] + (1 - MOBILE_SHARE) / CONVERSION[:, 1]
    recent = orders[orders["paid_day"] >= pd.Timestamp(g.day_date(g.month_bounds(2)[0]))]
    per_order = recent.groupby("platform")["paid_amount"].mean()
    months = {}
    for k in range(1, 4):
        y, m = g.month_list[-1]
        idx = y * 12 + m - 1 + k
        first = date(idx // 12, idx % 12 + 1, 1)
        nxt = date((idx + 1) // 12, (idx + 1) % 12 + 1, 1)
        a, b = (first - g.start).days, (nxt - g.start).days
        exp_units = units[a:b] * lift
        exp_orders = exp_units.sum(axis=0) / (MEAN_QTY * MEAN_LINES)
        months[first.strftime("%Y-%m")] = {
            p: {"orders": round(float(exp_orders[i]), 1),
                "paid_amount": round(float(exp_orders[i] * per_order.get(p, np.nan)), 0),
                "visitors": round(float(exp_orders[i] * per_visitor[i]), 0)}
            for i, p in enumerate(PLATFORMS)}
    last = g.month_bounds(0)
    realised = orders[orders["paid_day"] >= pd.Timestamp(g.day_date(last[0]))].groupby("platform").size()
    first_month = next(iter(months))
    return {
        "months": months,
        "promotion_lift_in_data": {p: round(float(lift[i]), 4) for i, p in enumerate(PLATFORMS)},
        "pattern": {p: round(months[first_month][p]["orders"] / max(float(realised.get(p, 0)), 1.0), 3)
                    for p in PLATFORMS},
        "pattern_means": f"expected paid orders of {first_month} ÷ the paid orders of {g.end_month} (双11 month "
                         "over the month before)",
        "how_to_find": "a forecast from the daily history that knows the festivals of the calendar; its orders "
                       "for each month should be within its stated backtest error of these expectations",
    }
