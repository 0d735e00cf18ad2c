"""The overview's facts: the numbers the scorecard, changes, budget and product sections
state, and the records the report index reads, from the frames of
:mod:`storebook.areas.overview` (no metric is computed here).

A notebook calls them as ``storebook.overview_facts.<fn>``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from storebook.areas.overview import TOTAL
from storebook.measures import extremes
from storebook.measures.metrics import headline_entry


def scorecard_record(card: pd.DataFrame, text) -> list[dict[str, Any]]:
    """The ``overview.headline`` record: the all-platform paid amount, net sales, gross margin,
    conversion and refund rate (the units of docs/notebooks.md: CNY, ratio); where the paid
    amount is unknown (an export of units without amounts), also the paid orders, so that the
    index's first sentence is the month's sales in orders rather than whichever page's figure
    comes first (the Tianchi mum-baby store: its 30-day repeat rate).

    Args:
        card: :func:`build_scorecard`'s frame.
        text: the notebook's :class:`storebook.report.text.Text` (labels in its language).
    """
    wanted = {"paid_amount", "net_sales", "gross_margin", "conversion_rate", "refund_rate"}
    total = card[(card["platform"] == TOTAL) & card["value"].notna()]
    if "paid_amount" not in set(total["metric"]):
        wanted.add("orders")
    total = total[total["metric"].isin(wanted)]
    return [headline_entry(r.metric, text(f"metric.{r.metric}"), r.value, r.vs_prior, r.vs_last_year)
            for r in total.itertuples()]


def scorecard_notices(card: pd.DataFrame, text) -> list[str]:
    """What the scorecard could not compare, in the report's language (the card's
    ``attrs["notices"]``: a source without data for the month, a month without targets), each
    naming the metrics left out. A source whose table the store lacks has none: the section's
    note names the tables the store lacks.

    Args:
        card: :func:`build_scorecard`'s frame.
        text: the notebook's :class:`storebook.report.text.Text`.
    """
    out = []
    for key, values in card.attrs.get("notices", []):
        metrics = text.join([text(f"metric.{m}") for m in values.get("metrics", ())])
        out.append(text(key, **{**values, "metrics": metrics}))
    return out


def scorecard_facts(card: pd.DataFrame) -> dict[str, Any]:
    """The numbers the scorecard title and takeaway state.

    ``variant``: ``no_targets`` when no metric has a target, ``no_red`` when none missed it;
    prefixed ``no_amount`` when the month's paid amount is unknown (the orders carry none,
    optional in the contract): the sentence then states the orders instead of the money; with
    the amount known but not the gross margin, prefixed ``no_cost`` (the store's data carry no
    product cost: the sentence says so and how to add it) or ``no_margin`` (the costs are there
    but the P&L lacks something else, which the section's notes name) — from the card's
    ``attrs["margin_unknown"]`` (:func:`storebook.areas.overview.build_scorecard`).
    """
    total = card[card["platform"] == TOTAL].set_index("metric")
    counted = total[total["status"].isin(["green", "amber", "red"])]
    red = counted[counted["status"] == "red"]
    worst = red.assign(_gap=red["vs_target"].abs()).sort_values("_gap", ascending=False)
    return {
        "paid_amount": total.at["paid_amount", "value"],
        "paid_vs_prior": total.at["paid_amount", "vs_prior"],
        "paid_vs_last_year": total.at["paid_amount", "vs_last_year"],
        "gross_margin": total.at["gross_margin", "value"],
        "met": int((counted["status"] == "green").sum()),
        "with_target": int(len(counted)),
        "red": int(len(red)),
        "worst": worst.index[0] if len(worst) else None,
        "worst_vs_target": worst["vs_target"].iloc[0] if len(worst) else None,
        "has_targets": bool(len(counted)),
        "orders": total.at["orders", "value"] if "orders" in total.index else None,
        "orders_vs_prior": total.at["orders", "vs_prior"] if "orders" in total.index else None,
        "orders_vs_last_year": total.at["orders", "vs_last_year"] if "orders" in total.index else None,
        "variant": ".".join(filter(None, ["no_amount" if pd.isna(total.at["paid_amount", "value"])
                                          else card.attrs.get("margin_unknown"),
                                          "no_targets" if not len(counted) else ("no_red" if red.empty else None)]))
                   or None,
    }


def changes_facts(changes: pd.DataFrame) -> dict[str, Any]:
    """The largest movement (for the chart's title)."""
    if changes.empty:
        return {"metric": None, "vs_prior": None}
    return {"metric": changes["metric"].iloc[0], "vs_prior": changes["vs_prior"].iloc[0]}


def budget_facts(budget: pd.DataFrame) -> dict[str, Any]:
    """The numbers the budget title and takeaway state (from :func:`compare_budget_by_channel`)."""
    total = budget[budget["channel"] == TOTAL].iloc[0]
    channels = budget[budget["channel"] != TOTAL]
    over = channels[channels["is_over"]].sort_values("over_budget", ascending=False)
    best = channels.dropna(subset=["roas"])
    best = extremes.row_of_max(best, "roas")
    return {
        "spend": total["spend"], "budget": total["budget"], "over_budget": total["over_budget"],
        "over_budget_rate": total["over_budget_rate"], "roas": total["roas"],
        "over_channels": int(len(over)),
        "worst": over["channel"].iloc[0] if len(over) else None,
        "worst_over": over["over_budget"].iloc[0] if len(over) else None,
        "worst_over_rate": over["over_budget_rate"].iloc[0] if len(over) else None,
        "best": None if best is None else best["channel"], "best_roas": None if best is None else best["roas"],
        "variant": "none" if pd.isna(total["budget"]) else ("within" if over.empty else None),
    }


def _least(products: pd.DataFrame, top: pd.DataFrame, group: str) -> pd.DataFrame:
    """The least group, least first; where every SKU sold is in the top group (none is left
    for the least), the top group's last, least first: the least of the SKUs sold."""
    bottom = products[products["group"] == group]
    return bottom if len(bottom) else top.iloc[::-1]


def product_facts(products: pd.DataFrame) -> dict[str, Any]:
    """The numbers the product-margin title and takeaway state (from :func:`rank_product_margins`).

    ``variant``: ``margin_unknown`` where the products are ranked by revenue (no cost known);
    then, where every product sold is in the top group (none left for the least), ``all`` —
    "the top 5 together brought 100.0%" of a store that sold five says nothing, so the sentence
    names the most and the least of the products sold — or ``one`` where a single product sold
    (no ranking of one), e.g. ``margin_unknown.all``.
    """
    by_revenue = products.attrs.get("ranked_by") == "revenue"
    top = products[products["group"] == ("top_sales" if by_revenue else "top")]
    least = "bottom_sales" if by_revenue else "bottom"
    reach = None if (products["group"] == least).any() else "one" if len(top) == 1 else "all"
    if by_revenue:  # no cost known: the best and least sellers
        bottom = _least(products, top, "bottom_sales")
        revenue = products.attrs.get("revenue") or float("nan")
        return {
            "n": int(len(top)), "variant": ".".join(filter(None, ["margin_unknown", reach])),
            "top_sku": top["sku"].iloc[0], "top_name": top["product_name"].iloc[0],
            "top_revenue": top["revenue"].iloc[0], "top_revenue_share": top["revenue"].sum() / revenue,
            "bottom_sku": bottom["sku"].iloc[0], "bottom_name": bottom["product_name"].iloc[0],
            "bottom_revenue": bottom["revenue"].iloc[0],
        }
    bottom = _least(products, top, "bottom")
    return {
        "n": int(len(top)), "variant": reach,
        "top_sku": top["sku"].iloc[0], "top_name": top["product_name"].iloc[0],
        "top_margin": top["gross_margin"].iloc[0], "top_rate": top["gross_margin_rate"].iloc[0],
        "top_share": top["share_of_margin"].sum(),
        "bottom_sku": bottom["sku"].iloc[0], "bottom_name": bottom["product_name"].iloc[0],
        "bottom_margin": bottom["gross_margin"].iloc[0],
        "negative": int((bottom["gross_margin"] < 0).sum()), "bottom_n": int(len(bottom)),
    }


def changes_record(changes: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``overview.changes`` record: each movement with its driver's facts."""
    return [{"metric": r.metric, "vs_prior": r.vs_prior, "driver_kind": r.driver_kind, **dict(r.facts)}
            for r in changes.itertuples()]
