"""What the marketing report states: the numbers of its sentences and the records it keeps,
from the frames of :mod:`storebook.marketing` (no metric is computed here)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from storebook import extremes, marketing, results


def headline_record(headline: pd.DataFrame, text: Any) -> list[dict[str, Any]]:
    """The ``marketing.headline`` record the report index shows."""
    return results.headline_entries(headline, text, marketing.HEADLINE_UNITS, marketing.HEADLINE_GOOD)


def cards(headline: pd.DataFrame) -> pd.DataFrame:
    """The headline as the metric cards show it (one ``total`` row per metric)."""
    return headline.assign(platform="total")


def headline_facts(headline: pd.DataFrame, month: str) -> dict[str, Any]:
    """The numbers of the headline takeaway."""
    by = headline.set_index("metric")

    def get(metric: str, column: str = "value"):
        return by.at[metric, column] if metric in by.index else None

    return {"variant": None if "cac" in by.index else "no_customers", "month": month,
            "spend": get("marketing_spend"), "spend_vs_prior": get("marketing_spend", "vs_prior"), "roas": get("roas"),
            "new_buyers": get("new_buyers"), "cac": get("cac"), "cac_vs_prior": get("cac", "vs_prior")}


def budget_facts(pace: pd.DataFrame) -> dict[str, Any]:
    """The month's spend against budget and the channel furthest over it."""
    totals = pace[pace["channel"] == marketing.TOTAL]
    lines = pace[pace["channel"] != marketing.TOTAL]
    spend, budget = totals["spend"].sum(), totals["budget"].sum(min_count=1)
    over = lines[lines["is_over"]]
    worst = extremes.row_of_max(over, "over_budget_rate")
    unbudgeted = lines[lines["budget"].isna() & (lines["spend"] > 0)]
    return {"variant": "no_budget" if pd.isna(budget) else None, "spend": spend, "budget": budget,
            "rate": marketing.over_budget_rate(spend, budget) if pd.notna(budget) else None,
            "elapsed": float(pace["elapsed"].iloc[0]), "over": int(len(over)), "lines": int(len(lines)),
            "worst_platform": None if worst is None else worst["platform"],
            "worst_channel": None if worst is None else worst["channel"],
            "worst_rate": None if worst is None else worst["over_budget_rate"],
            "unbudgeted": int(len(unbudgeted)), "unbudgeted_spend": float(unbudgeted["spend"].sum())}


def campaign_facts(campaigns: pd.DataFrame) -> dict[str, Any]:
    """The largest campaign and the spend below break-even on margin."""
    top = campaigns.iloc[0]
    below = campaigns[campaigns["margin_roas"] < 1]
    return {"campaigns": int(len(campaigns)), "name": top["campaign_name"], "platform": top["platform"],
            "spend": top["spend_amount"], "share": top["share_of_spend"], "roas": top["roas"],
            "below": int(len(below)), "below_spend": float(below["spend_amount"].sum()),
            "below_share": float(below["spend_amount"].sum() / campaigns["spend_amount"].sum())
            if campaigns["spend_amount"].sum() else None}


def cac_facts(cac: pd.DataFrame) -> dict[str, Any]:
    """The store's CAC and the platforms with the highest and lowest."""
    total = cac[cac["platform"] == marketing.TOTAL].iloc[0]
    rows = cac[(cac["platform"] != marketing.TOTAL)].dropna(subset=["cac"])
    high, low = extremes.row_of_max(rows, "cac"), extremes.row_of_min(rows, "cac")
    return {"variant": "no_customers" if pd.isna(total["cac"]) else None, "cac": total["cac"],
            "new_buyers": total["new_buyers"], "vs_prior": total["vs_prior"],
            "high": None if high is None else high["platform"], "high_cac": None if high is None else high["cac"],
            "low": None if low is None else low["platform"], "low_cac": None if low is None else low["cac"]}


def holdout_facts(tests: pd.DataFrame) -> dict[str, Any]:
    """The tested campaigns: the one that paid back most and the one that added least."""
    best = extremes.row_of_max(tests, "incremental_roas")
    worst = extremes.row_of_min(tests, "incremental_roas")
    return {"tests": int(len(tests)),
            "best": best["campaign_name"], "best_platform": best["platform"], "best_iroas": best["incremental_roas"],
            "best_low": best["incremental_roas_low"], "best_high": best["incremental_roas_high"],
            "best_orders": best["incremental_orders"], "best_verdict": best["verdict"],
            "worst": worst["campaign_name"], "worst_platform": worst["platform"],
            "worst_iroas": worst["incremental_roas"], "worst_low": worst["incremental_roas_low"],
            "worst_high": worst["incremental_roas_high"], "worst_roas": worst["roas"],
            "worst_verdict": worst["verdict"], "variant": None if len(tests) > 1 else "one"}


def holdout_record(tests: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``marketing.holdouts`` record: each tested campaign's increment and verdict."""
    cols = ["platform", "campaign_id", "treatment_orders", "holdout_orders", "incremental_orders",
            "incremental_orders_low", "incremental_orders_high", "incremental_amount", "spend_amount",
            "incremental_roas", "incremental_roas_low", "incremental_roas_high", "roas", "order_lift", "visit_lift",
            "verdict"]
    return [dict(zip(cols, row, strict=True)) for row in tests[cols].itertuples(index=False)]


def shown_test(tests: pd.DataFrame) -> str:
    """The campaign the effect sentence is about: the one whose visit lift and order lift
    differ most (visits without orders is the finding a holdout exists for)."""
    known = tests.dropna(subset=["visit_lift"])
    row = extremes.row_of_max(known, (known["visit_lift"] - known["order_lift"]).abs()) if len(known) else tests.iloc[0]
    return row["campaign_id"]


def effect_facts(tests: pd.DataFrame, campaign_id: str) -> dict[str, Any]:
    """What the shown campaign did to visits and orders."""
    t = tests[tests["campaign_id"] == campaign_id].iloc[0]
    return {"name": t["campaign_name"], "platform": t["platform"], "channel": t["channel"],
            "visit_lift": t["visit_lift"], "order_lift": t["order_lift"],
            "variant": "visits_only" if t["visit_lift"] > 0.1 and abs(t["order_lift"]) < 0.1 else None}


def decision_facts(ranked: pd.DataFrame) -> dict[str, Any]:
    """How much spend each verdict holds and the first campaign to cut and to scale."""
    spend = ranked.groupby("verdict")["spend_amount"].sum()
    cut = ranked[ranked["verdict"] == "cut"]
    scale = ranked[ranked["verdict"] == "scale"]
    return {"cut": int(len(cut)), "cut_spend": float(spend.get("cut", 0.0)), "scale": int(len(scale)),
            "test": int((ranked["verdict"] == "test").sum()), "test_spend": float(spend.get("test", 0.0)),
            "first_cut": None if cut.empty else cut.iloc[0]["campaign_name"],
            "first_scale": None if scale.empty else scale.iloc[0]["campaign_name"],
            "variant": None if len(cut) and len(scale) else ("no_scale" if len(cut) else "no_cut")}


def decision_record(ranked: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``marketing.decisions`` record: each campaign's verdict and its evidence."""
    cols = ["platform", "campaign_id", "spend_amount", "roas", "margin_roas", "incremental_roas", "evidence", "verdict"]
    return [dict(zip(cols, row, strict=True)) for row in ranked[cols].itertuples(index=False)]
