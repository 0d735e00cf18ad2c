"""The store-operations report's facts: the numbers each section's sentences and records
name, and the frames its page shows, from the frames of :mod:`storebook.areas.store_ops` (no
metric is computed here).

A notebook calls them as ``storebook.store_ops_facts.<fn>``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from storebook.areas.store_ops import MIN_LISTING_VISITORS
from storebook.measures import extremes
from storebook.measures.metrics import headline_entries


def headline_record(headline: pd.DataFrame, text: Any) -> list[dict[str, Any]]:
    """The ``store_ops.headline`` record the report index shows."""
    return headline_entries(headline, text)


def headline_facts(headline: pd.DataFrame, month: str, listing_days: tuple[Any, Any] | None = None) -> dict[str, Any]:
    """The numbers of the headline takeaway (``variant`` names what is missing).

    ``listing_days``: the first and last day the listing report covers when it covers part of
    the month only (``page.days_covered("product_traffic")``): the listings' clause then names
    those days (variant ``…part``), not the month.
    """
    by = headline.set_index("metric")

    def get(metric: str, column: str = "value"):
        return by.at[metric, column] if metric in by.index else None

    variant = None if {"store_rating", "listing_conversion_rate"} <= set(by.index) else (
        "no_listings" if "store_rating" in by.index else "no_ratings")
    if listing_days is not None and variant != "no_listings":
        variant = "part" if variant is None else f"{variant}.part"
    first, last = listing_days or (None, None)
    return {"variant": variant, "month": month, "store_rating": get("store_rating"),
            "store_rating_vs_prior": get("store_rating", "vs_prior"), "visitors": get("listing_visitors"),
            "conversion": get("listing_conversion_rate"), "conversion_vs_prior": get("listing_conversion_rate", "vs_prior"),
            "to_fix": get("listings_to_fix"), "listings_from": first, "listings_to": last}


def cards(headline: pd.DataFrame) -> pd.DataFrame:
    """The headline as the metric cards show it (one ``total`` row per metric)."""
    return headline.assign(platform="total")


def ratings_facts(ratings: pd.DataFrame) -> dict[str, Any]:
    """The weakest dimension against its industry and the largest move of the month."""
    gap = extremes.row_of_min(ratings.dropna(subset=["industry_gap"]), "industry_gap")
    moved = ratings.dropna(subset=["score_change_5"])
    moved = moved.loc[moved["score_change_5"].abs().idxmax()] if len(moved) else None
    return {
        "platforms": int(ratings["platform"].nunique()),
        "weakest_platform": None if gap is None else gap["platform"],
        "weakest_dimension": None if gap is None else gap["dimension"],
        "weakest_score": None if gap is None else gap["score"],
        "weakest_gap": None if gap is None else gap["industry_gap"],
        "moved_platform": None if moved is None else moved["platform"],
        "moved_dimension": None if moved is None else moved["dimension"],
        "moved_change": None if moved is None else moved["score_change"],
        "moved_score": None if moved is None else moved["score"],
    }


def trend_facts(trend: pd.DataFrame) -> dict[str, Any]:
    """The lowest rating of the last month and how it compares with a year before."""
    last = trend[trend["month"] == trend["month"].max()]
    low = extremes.row_of_min(last, "score_5")
    first = trend[trend["month"] == trend["month"].min()].set_index(["platform", "dimension"])["score_5"]
    before = first.get((low["platform"], low["dimension"])) if low is not None else None
    return {"first_month": trend["month"].min(), "month": trend["month"].max(),
            "platform": None if low is None else low["platform"], "dimension": None if low is None else low["dimension"],
            "score": None if low is None else low["score_5"], "score_first": before}


def dip_facts(dips: pd.DataFrame, explained: pd.DataFrame) -> dict[str, Any]:
    """The deepest dip and what it followed (``variant``: ``none``, or the driver's kind)."""
    if dips.empty:
        return {"variant": "none"}
    d = dips.iloc[0]
    e = explained.iloc[0] if len(explained) else None
    driver = "none" if e is None else e["driver"]
    return {
        "variant": None if driver == "slow_carrier" else driver if driver in ("slower_delivery", "quality")
        else "unexplained",
        "platform": d["platform"], "dimension": d["dimension"], "first_day": d["first_day"], "last_day": d["last_day"],
        "baseline": d["baseline"], "day_score": d["day_score"], "ratings": int(d["ratings"]),
        "score_change": d["score_change"], "dips": int(len(dips)),
        "carrier": None if e is None else e["carrier"], "provinces": None if e is None else e["provinces"],
        "shipped_from": None if e is None else e["shipped_from"], "shipped_to": None if e is None else e["shipped_to"],
        "excess_days": None if e is None else e["excess_days"],
        "delivery_days": None if e is None else e["delivery_days"],
        "delivery_days_before": None if e is None else e["delivery_days_before"],
    }


def dip_record(dips: pd.DataFrame, explained: pd.DataFrame) -> dict[str, Any] | None:
    """The ``store_ops.rating_dip`` record: the deepest dip with what it followed, or None."""
    if dips.empty:
        return None
    d, e = dips.iloc[0], explained.iloc[0]
    return {"platform": d["platform"], "dimension": d["dimension"], "first_day": d["first_day"],
            "last_day": d["last_day"], "baseline": d["baseline"], "day_score": d["day_score"],
            "day_score_drop": d["day_score_drop"], "day_score_drop_5": d["day_score_drop_5"], "z": d["z"],
            "ratings": int(d["ratings"]), "score_change": d["score_change"], "driver": e["driver"],
            "carrier": e["carrier"], "provinces": e["provinces"], "shipped_from": e["shipped_from"],
            "shipped_to": e["shipped_to"]}


def dip_platform(dips: pd.DataFrame, ratings: pd.DataFrame) -> tuple[str, str]:
    """The platform and dimension the day chart shows: the deepest dip's, else the lowest score's."""
    if len(dips):
        return dips["platform"].iloc[0], dips["dimension"].iloc[0]
    low = extremes.row_of_min(ratings, "score_5")
    return low["platform"], low["dimension"]


#: The sentence's variant for a driver whose values are no plain number, so that it says them as
#: the table does (storebook.report.tables.row_kind): a rate as a share, its change in points; a
#: first reply in the unit it reads in (2.1 days, not 3,002.2 minutes). The others (delivery days,
#: complaints per 1,000 orders) are said to one decimal.
_SAID_AS = {"return_rate": "rate", "first_response_median_min": "duration"}


def operations_facts(ops: pd.DataFrame) -> dict[str, Any]:
    """The operation that worsened most against the prior month (a rise is worse for each);
    ``no_operations`` when the store's data measure none of them, ``no_prior`` when none has a
    prior month to compare with (the data's first month): "none worsened" would claim a
    comparison that was not made; ``rate`` / ``duration`` for a driver said as a share / a
    length of time (:data:`_SAID_AS`)."""
    if ops.empty:
        return {"variant": "no_operations"}
    if ops["prior"].isna().all():
        return {"variant": "no_prior"}
    moved = ops.dropna(subset=["change"]).assign(rel=lambda d: d["change"] / d["prior"].where(d["prior"] > 0))
    worse = moved[moved["change"] > 0]
    top = extremes.row_of_max(worse.dropna(subset=["rel"]), "rel")
    if top is None:
        return {"variant": "none"}
    return {"variant": _SAID_AS.get(top["driver"]), "platform": top["platform"], "driver": top["driver"],
            "dimension": top["dimension"], "value": top["value"], "prior": top["prior"], "relative": top["rel"],
            "points": top["change"]}


def quality_facts(quality: pd.DataFrame) -> dict[str, Any]:
    """The category whose return rate and the supplier whose complaint rate rose most."""
    cats = quality[(quality["by"] == "category") & (quality["change"] > 0)]
    sups = quality[(quality["by"] == "supplier") & (quality["change"] > 0)]
    cat = cats.iloc[0] if len(cats) else None
    sup = sups.iloc[0] if len(sups) else None
    return {"variant": None if cat is not None or sup is not None else "none",
            "category": None if cat is None else cat["category"], "category_value": None if cat is None else cat["value"],
            "category_prior": None if cat is None else cat["prior"],
            "supplier": None if sup is None else sup["supplier_id"], "supplier_value": None if sup is None else sup["value"],
            "supplier_prior": None if sup is None else sup["prior"]}


def with_quality_labels(quality: pd.DataFrame, text: Any) -> pd.DataFrame:
    """The quality table as the reader reads it: its ``by`` column in words ("Category"/"类目",
    "Supplier"/"供应商", the headers of the columns it names), not the keys ``category``/``supplier``.

    The ``metric`` column keeps its keys: the table reads each row's format from them
    (``by_row="metric"``) and labels them itself (``metric.<key>``).
    """
    return quality.assign(by=[text.label("col", b) for b in quality["by"]])


def listing_facts(listings: pd.DataFrame) -> dict[str, Any]:
    """Visitors, conversion and the most visited listing of the month."""
    top = listings.iloc[0]
    buyers, visitors = listings["buyers"].sum(), listings["visitors"].sum()
    below = listings[(listings["visitors"] >= MIN_LISTING_VISITORS)
                     & (listings["conversion_rate_high"] < listings["category_conversion"])]
    return {"listings": int(len(listings)), "visitors": int(visitors), "buyers": int(buyers),
            "conversion": buyers / visitors if visitors else None, "top_name": top["product_name"],
            "top_platform": top["platform"], "top_visitors": int(top["visitors"]),
            "top_conversion": top["conversion_rate"], "below": int(len(below))}


def top_listings(listings: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most visited listings (the table the section shows)."""
    return listings.head(n)


def ad_facts(ads: pd.DataFrame) -> dict[str, Any]:
    """The listings' ad spend: how much, on how many, what they sold for it, the biggest
    spender, and the listings that spent and sold nothing (variant ``idle``)."""
    top = ads.iloc[0]
    spend, sales = ads["ad_spend_amount"].sum(), ads["paid_amount"].fillna(0).sum()
    idle = ads[ads["paid_amount"].fillna(0) <= 0]
    return {"variant": "idle" if len(idle) else None, "listings": int(len(ads)),
            "listings_all": int(ads.attrs.get("listings_all", len(ads))), "spend": spend, "sales": sales,
            "per_ad": sales / spend if spend else None, "top_name": top["product_name"], "top_sku": top["sku"],
            "top_platform": top["platform"], "top_spend": top["ad_spend_amount"],
            "top_share": top["share_of_ad_spend"], "top_per_ad": top["sales_per_ad"],
            "idle": int(len(idle)), "idle_spend": idle["ad_spend_amount"].sum()}


def top_ads(ads: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` listings that spent most on ads (the table the section shows)."""
    return ads.head(n)


def to_fix_facts(to_fix: pd.DataFrame) -> dict[str, Any]:
    """The listing to fix first and what its low conversion costs.

    ``variant`` ``top`` when the table shows the first of more listings to fix
    (``attrs["qualifying"]`` of :func:`storebook.areas.store_ops.find_listings_to_fix`): the
    sum is then of the ones shown, not of "the listings to fix", whose number the page's
    first section states (16 to fix, 10 shown, on the real Tmall report).
    """
    if to_fix.empty:
        return {"variant": "none"}
    t = to_fix.iloc[0]
    qualifying = int(to_fix.attrs.get("qualifying", len(to_fix)))
    return {"variant": "top" if qualifying > len(to_fix) else None, "n": int(len(to_fix)), "qualifying": qualifying, "name": t["product_name"], "sku": t["sku"], "platform": t["platform"],
            "visitors": int(t["visitors"]), "conversion": t["conversion_rate"],
            "category_conversion": t["category_conversion"], "lost_buyers": t["lost_buyers"],
            "lost_amount": t["lost_amount"], "total_lost_amount": to_fix["lost_amount"].sum()}


def to_fix_record(to_fix: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``store_ops.to_fix`` record: each listing to fix with its numbers."""
    return [{"platform": r.platform, "item_id": r.item_id, "sku": r.sku, "visitors": int(r.visitors),
             "buyers": None if pd.isna(r.buyers) else int(r.buyers), "conversion_rate": r.conversion_rate,
             "category_conversion": r.category_conversion, "conversion_index": r.conversion_index,
             "lost_buyers": r.lost_buyers} for r in to_fix.itertuples()]


def with_change_labels(changes: pd.DataFrame, text: Any) -> pd.DataFrame:
    """The listing changes with what was changed in the report's language (``change_label``)."""
    return changes.assign(change_label=[text.join([text.label("change", c) for c in joined.split("|")])
                                        for joined in changes["changes"]])


def change_facts(changes: pd.DataFrame) -> dict[str, Any]:
    """The change with the clearest effect (the narrowest interval that excludes no effect first)."""
    clear = changes[changes["verdict"].isin(["up", "down"])]
    if clear.empty:
        return {"variant": "none", "changes": int(len(changes))}
    c = clear.iloc[(clear["lift_high"] - clear["lift_low"]).argmin()]
    return {"variant": None if c["verdict"] == "up" else c["verdict"], "changes": int(len(changes)),
            "clear": int(len(clear)),
            "name": c["product_name"], "platform": c["platform"], "changed_on": c["changed_on"],
            "lift": c["lift"], "low": c["lift_low"], "high": c["lift_high"],
            "before": c["conversion_before"], "after": c["conversion_after"]}


def change_record(changes: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``store_ops.changes`` record."""
    cols = ["platform", "item_id", "sku", "changed_on", "changes", "buyers_before", "buyers_after",
            "conversion_before", "conversion_after", "category_lift", "lift", "lift_low", "lift_high", "verdict"]
    return [dict(zip(cols, row, strict=True)) for row in changes[cols].itertuples(index=False)]


def one_dimension(trend: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The rows of one rating dimension of :func:`trend_ratings` (one line per platform)."""
    return trend[trend["dimension"] == dimension].reset_index(drop=True)
