"""The competitor report's facts: the numbers each section's takeaway states, and the month
in four numbers for the report index, from the frames of :mod:`storebook.areas.competitor`.

A notebook calls them as ``storebook.competitor_facts.<fn>``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from storebook.areas.competitor import (
    GAP_THRESHOLD,
    compute_price_index,
    detect_price_changes,
    find_price_gaps,
)
from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.measures import extremes
from storebook.measures.metrics import headline_entry


def _overall(frame: pd.DataFrame) -> float:
    """The revenue-weighted index over rows of index × weight_revenue (equal weights if none)."""
    ok = frame.dropna(subset=["price_index"])
    w = ok["weight_revenue"].to_numpy(dtype="float64")
    x = ok["price_index"].to_numpy(dtype="float64")
    if not len(x):
        return float("nan")
    return float((w * x).sum() / w.sum()) if w.sum() > 0 else float(x.mean())


def index_facts(categories: pd.DataFrame) -> dict:
    """The numbers of the price-index takeaway (:func:`compute_price_index` by category)."""
    ok = categories.dropna(subset=["price_index"])
    dear = ok.loc[ok["price_index"].idxmax()] if len(ok) else None
    cheap = ok.loc[ok["price_index"].idxmin()] if len(ok) else None
    overall = _overall(categories)
    return {
        "index": overall, "gap": overall - 1.0, "pairs": len(ok),
        "dearer_pairs": int((ok["price_index"] > 1).sum()),
        "dear_competitor": None if dear is None else dear["competitor"],
        "dear_category": None if dear is None else dear["category"], "dear_index": None if dear is None else float(dear["price_index"]),
        "cheap_competitor": None if cheap is None else cheap["competitor"],
        "cheap_category": None if cheap is None else cheap["category"], "cheap_index": None if cheap is None else float(cheap["price_index"]),
    }


def trend_facts(trend: pd.DataFrame) -> dict:
    """The numbers of the trend's takeaway (:func:`trend_price_index` by competitor)."""
    months = sorted(trend["month"].unique())
    per_month = pd.Series({m: _overall(trend.loc[trend["month"] == m]) for m in months})
    last = per_month.iloc[-1]
    first = per_month.iloc[0]
    moves = trend.pivot_table(index="month", columns="competitor", values="price_index").sort_index()
    change = (moves.iloc[-1] - moves.iloc[-2]) if len(moves) > 1 else pd.Series(dtype="float64")
    mover = change.abs().idxmax() if change.notna().any() else None
    return {
        "months": len(months), "index": float(last), "first_index": float(first),
        "change": float(last - first),
        "mover": mover, "mover_change": None if mover is None else float(change[mover]),
    }


def gaps_facts(gaps: pd.DataFrame, threshold: float = GAP_THRESHOLD) -> dict:
    """The numbers of the price-gaps takeaway (:func:`find_price_gaps`)."""
    dearer = gaps.loc[gaps["position"] == "dearer"]
    top = gaps.iloc[0] if len(gaps) else None
    return {
        "variant": None if len(gaps) else "none",
        "threshold": threshold, "gaps": len(gaps), "dearer": len(dearer), "cheaper": len(gaps) - len(dearer),
        "skus": int(gaps["sku"].nunique()), "revenue": float(gaps.drop_duplicates("sku")["our_revenue"].sum()),
        "top_name": None if top is None else top["product_name"],
        "top_competitor": None if top is None else top["competitor"],
        "top_gap": None if top is None else float(top["gap"]),
    }


def cheapest_facts(cheapest: pd.DataFrame) -> dict:
    """The numbers of the who-is-cheapest takeaway (:func:`rank_cheapest`)."""
    undercut = cheapest.loc[cheapest["cheapest"] != "us"]
    counts = undercut["cheapest"].value_counts()
    return {
        "categories": len(cheapest), "undercut": len(undercut), "ours": len(cheapest) - len(undercut),
        "leader": None if counts.empty else counts.index[0], "leader_categories": int(counts.iloc[0]) if len(counts) else 0,
    }


def promo_days_facts(days: pd.DataFrame, threshold: float = 0.25) -> dict:
    """The numbers of the competitor-promotions takeaway (:func:`list_competitor_promo_days`):
    a *promotion day* of a competitor is a day with at least ``threshold`` of its products
    on promotion."""
    busy = days.assign(busy=days["promo_share"] >= threshold)
    per = busy.groupby("competitor")["busy"].sum().sort_values(ascending=False)
    top = per.index[0] if len(per) else None
    return {
        "threshold": threshold, "competitors": int(days["competitor"].nunique()),
        "top": top, "top_days": int(per.iloc[0]) if len(per) else 0,
        "mean_share": float(days["promo_share"].mean()),
        "depth": float(days["mean_depth"].mean(skipna=True)) if days["mean_depth"].notna().any() else None,
    }


def change_facts(events: pd.DataFrame) -> dict:
    """The numbers of the price-changes takeaway (:func:`detect_price_changes`)."""
    if events.empty:
        return {"events": 0, "cuts": 0, "competitor": None, "category": None, "day": None, "change": None,
                "products": 0, "category_products": 0, "variant": "none"}
    top = extremes.row_of_max(events, events["price_change"].abs() * events["products"])
    if top is None:
        return change_facts(events.iloc[0:0])
    return {
        "events": len(events), "cuts": int((events["price_change"] < 0).sum()),
        "competitor": top["competitor"], "category": top["category"], "platform": top["platform"],
        "day": top["changed_on"], "change": float(top["price_change"]),
        "products": int(top["products"]), "category_products": int(top["category_products"]), "variant": None,
    }


def response_facts(response: pd.DataFrame) -> dict:
    """The numbers of our-response takeaway (:func:`measure_sales_response`), for the
    largest event."""
    top = extremes.row_of_max(response, response["price_change"].abs() * response["products"])
    if top is None:
        return {"events": 0, "variant": "none"}
    low, high = top["response_low"], top["response_high"]
    return {
        "events": len(response), "competitor": top["competitor"], "category": top["category"],
        "platform": top["platform"], "day": top["changed_on"], "change": float(top["price_change"]),
        "days": int(top["days_after"]), "units": float(top["units_after"]), "baseline": float(top["baseline_units"]),
        "response": float(top["response"]), "low": float(low), "high": float(high),
        "clear": bool(high < 0 or low > 0), "variant": None if (high < 0 or low > 0) else "unclear",
    }


def ratings_facts(ratings: pd.DataFrame) -> dict:
    """The numbers of the ratings takeaway (:func:`compare_ratings`)."""
    per = ratings.groupby("competitor").agg(rating=("rating", "mean"), reviews=("review_count", "sum"),
                                            new_reviews=("new_reviews", "sum"))
    best, worst = extremes.label_of_max(per["rating"]), extremes.label_of_min(per["rating"])
    busiest = extremes.label_of_max(per["new_reviews"])
    return {
        "competitors": len(per), "best": best, "best_rating": None if best is None else float(per.loc[best, "rating"]),
        "worst": worst, "worst_rating": None if worst is None else float(per.loc[worst, "rating"]),
        "busiest": busiest, "busiest_reviews": None if busiest is None else float(per.loc[busiest, "new_reviews"]),
    }


def share_facts(share: pd.DataFrame) -> dict:
    """The numbers of the unit-share takeaway (:func:`estimate_unit_share`)."""
    ours, theirs = share["our_units"].sum(), share["competitor_units"].sum()
    top = extremes.row_of_max(share, "our_share")
    return {
        "share": float(ours / (ours + theirs)) if ours + theirs > 0 else None,
        "best_category": None if top is None else top["category"],
        "best_platform": None if top is None else top["platform"],
        "best_share": None if top is None else float(top["our_share"]),
        "coverage": float(share["coverage"].min()) if len(share) else None,
    }


def summarise_competitors(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> dict:
    """The month in four numbers: overall price index, pairs where we are dearer, SKUs off
    parity, price changes of the last three months (for the report index).

    Raises:
        NoDataError: no competitor price observed in ``period`` on ``platforms``.
    """
    facts = index_facts(compute_price_index(wb, period, platforms, by="category"))
    return {"price_index": facts["index"], "dearer_pairs": facts["dearer_pairs"],
            "price_gaps": len(find_price_gaps(wb, period, platforms)),
            "price_changes": len(detect_price_changes(wb, period, platforms))}


def headline_record(summary: dict, text) -> list[dict]:
    """The ``competitor.headline`` record the report index shows (:func:`summarise_competitors`)."""
    return [headline_entry(key, text(f"metric.{key}"), value) for key, value in summary.items()]


#: A competitor's median price is compared with the others' only over this many products of its own.
MIN_LEVEL_PRODUCTS = 3


def levels_facts(levels: pd.DataFrame, text=None) -> dict:
    """The numbers of the price-level takeaway (:func:`storebook.areas.competitor.summarise_price_levels`).

    ``variant``: ``one`` where fewer than two competitors list :data:`MIN_LEVEL_PRODUCTS`
    products (no lowest and highest to name), ``unmatched`` where no observation is matched to
    one of our SKUs (the sentence says the prices cannot be set against ours and what adds it),
    ``one_unmatched`` both.

    Args:
        text: the notebook's :class:`storebook.report.text.Text`, to name the platforms in its
            language (``、`` in Chinese).
    """
    top = levels.iloc[0]
    compared = levels[levels["observed_products"] >= MIN_LEVEL_PRODUCTS]
    low = compared.loc[compared["median_price"].idxmin()] if len(compared) >= 2 else None
    high = compared.loc[compared["median_price"].idxmax()] if len(compared) >= 2 else None
    unmatched = not (levels["matched_share"] > 0).any()
    parts = (["one"] if low is None else []) + (["unmatched"] if unmatched else [])
    platforms = list(dict.fromkeys(levels["platform"]))
    named = text.join(text.labels("platform", platforms)) if text is not None else ", ".join(platforms)
    return {"variant": "_".join(parts) or None, "competitors": len(levels), "platforms": named,
            "products": levels.attrs.get("products", int(levels["observed_products"].sum())),
            "days": levels.attrs.get("days", int(levels["days"].max())),
            "median": levels.attrs.get("median_price", float("nan")),
            "top": top["competitor"], "top_products": int(top["observed_products"]), "top_median": top["median_price"],
            "top_p25": top["p25_price"], "top_p75": top["p75_price"],
            "low": None if low is None else low["competitor"], "low_median": float("nan") if low is None else low["median_price"],
            "high": None if high is None else high["competitor"],
            "high_median": float("nan") if high is None else high["median_price"]}


def daily_levels_facts(daily: pd.DataFrame) -> dict:
    """The numbers of the price levels by day (:func:`storebook.areas.competitor.trace_price_levels`):
    the competitor whose median price moved most between its first and last day observed.

    ``shown``: which competitors the chart follows, for its title (``{shown:key}``): every one, or
    the ``followed`` with the most products of ``competitors``.
    ``variant``: ``one_day`` where the month holds prices of one day (a single crawl): no chart by
    day, and the sentence says why; ``steady`` where no followed competitor's median differs
    between its first and last day (no mover to name).

    Example:
        >>> d = pd.DataFrame({"day": pd.to_datetime(["2026-10-01", "2026-10-31"] * 2),
        ...                   "series": ["A", "A", "B", "B"], "median_price": [10.0, 12.0, 5.0, 5.0]})
        >>> d.attrs.update(days=31, followed=2, competitors=2)
        >>> f = daily_levels_facts(d); (f["variant"], f["mover"], round(f["mover_change"], 2))
        (None, 'A', 0.2)
    """
    followed, competitors = int(daily.attrs.get("followed", 0)), int(daily.attrs.get("competitors", 0))
    # The chart's title names the competitors followed: "(N of M)" only where some are left out.
    shown = ("competitor.levels.daily.all", {}) if followed >= competitors else (
        "competitor.levels.daily.some", {"followed": followed, "competitors": competitors})
    facts = {"days": int(daily.attrs.get("days", 0)), "followed": followed, "competitors": competitors, "shown": shown,
             "mover": None, "mover_first": float("nan"), "mover_last": float("nan"), "mover_change": float("nan")}
    if daily.empty:
        return {**facts, "variant": "one_day"}
    ends = (daily.sort_values("day").groupby("series", sort=False)["median_price"].agg(["first", "last"])
            .assign(change=lambda x: x["last"] / x["first"] - 1))
    mover = ends["change"].abs().idxmax()
    if not abs(ends.at[mover, "change"]) > 0:  # nobody moved (or no first price to move from)
        return {**facts, "variant": "steady"}
    return {**facts, "variant": None, "mover": mover, "mover_first": float(ends.at[mover, "first"]), "mover_last": float(ends.at[mover, "last"]),
            "mover_change": float(ends.at[mover, "change"])}
