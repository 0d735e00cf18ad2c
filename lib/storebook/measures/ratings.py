"""The store rating (店铺评分), defined once: each platform's published score by dimension at
a month's end, on a scale of 5, and the platforms' rating weighted by the ratings they
received. The store-operations report builds on it; the overview's scorecard shows it.

Source: ``store_ratings`` (the score each platform publishes per day and dimension —
Tmall/Taobao DSR, JD 店铺评分, Douyin 体验分).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from storebook.engine.periods import Period
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import TOTAL
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

#: The scale every rating is shown on (a platform's own scale is converted to it).
RATING_SCALE = 5.0


def rating_rows(wb: Workbook, start, end, platforms: list[str]) -> pd.DataFrame:
    r = wb.table("store_ratings")
    r = r.filter(r.rated_on >= pd.Timestamp(start), r.rated_on < pd.Timestamp(end), r.platform.isin(platforms))
    out = wb.execute(r)
    top = out["score_max"].astype("float64").fillna(RATING_SCALE)
    return out.assign(scale=RATING_SCALE / top, day_ratings=out["day_ratings"].fillna(0).astype("int64"))


def no_ratings(period: Period, platforms: list[str]) -> NoDataError:
    return NoDataError(
        f"no store ratings for {period.label} on {', '.join(platforms)}: export the platforms' store scores "
        "(生意参谋 店铺DSR, 京东商智 店铺评分, 抖店 体验分) into data/raw/store_ratings/ and run `storebook ingest`",
        key="no_data.ratings", values={"month": period.label, "platforms": list(platforms)},
    )


def month_end(rows: pd.DataFrame) -> pd.DataFrame:
    """The last published row of each platform × dimension."""
    return rows.sort_values("rated_on").groupby(["platform", "dimension"], as_index=False).tail(1)


def summarise_ratings(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Each platform's rating by dimension at the month's end, against the prior month and its industry.

    Formula: score = the published score on the last day of the month with one;
    score_change = score − the prior month's last; industry_gap = score − industry_score;
    day_score = the month's ratings-weighted mean of the day scores. ``*_5`` columns are on
    a scale of 5.

    Returns:
        One row per platform × dimension: platform, dimension, score, score_max, score_prior,
        score_change, industry_score, industry_gap, day_score, day_score_prior, ratings,
        score_5, score_change_5.
    Raises:
        NoDataError: no rating in the month on these platforms.
    """
    plats = wb.platforms(platforms)
    prior = period.prior()
    rows = rating_rows(wb, prior.start, period.end, plats)
    now, before = rows[rows["rated_on"] >= period.start_ts], rows[rows["rated_on"] < period.start_ts]
    if now.empty:
        raise no_ratings(period, plats)

    def month(part: pd.DataFrame, suffix: str) -> pd.DataFrame:
        end = month_end(part)[["platform", "dimension", "score", "industry_score", "score_max", "scale"]]
        weighted = part.dropna(subset=["day_score"]).assign(w=lambda d: d["day_score"] * d["day_ratings"])
        days = weighted.groupby(["platform", "dimension"], as_index=False).agg(w=("w", "sum"), ratings=("day_ratings", "sum"))
        days = days.assign(day_score=_ratio(days["w"], days["ratings"])).drop(columns="w")
        out = end.merge(days, on=["platform", "dimension"], how="left")
        return out.rename(columns={c: f"{c}{suffix}" for c in out.columns if c not in ("platform", "dimension")})

    out = month(now, "").merge(month(before, "_prior")[["platform", "dimension", "score_prior", "day_score_prior"]],
                               on=["platform", "dimension"], how="left")
    order = {p: i for i, p in enumerate(plats)}
    dims = {d: i for i, d in enumerate(("overall", "product", "service", "logistics", "after_sales"))}
    out = out.assign(
        score_change=lambda d: d["score"] - d["score_prior"],
        industry_gap=lambda d: d["score"] - d["industry_score"],
        ratings=lambda d: d["ratings"].fillna(0).astype("int64"),
        score_5=lambda d: d["score"] * d["scale"], score_change_5=lambda d: (d["score"] - d["score_prior"]) * d["scale"],
        _p=lambda d: d["platform"].map(order), _d=lambda d: d["dimension"].map(dims),
    ).sort_values(["_p", "_d"]).reset_index(drop=True)
    return out[["platform", "dimension", "score", "score_max", "score_prior", "score_change", "industry_score",
                "industry_gap", "day_score", "day_score_prior", "ratings", "score_5", "score_change_5"]]


def rate_stores(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """店铺评分 per platform and over all platforms (on a scale of 5), as the overview's scorecard shows it.

    Formula: a platform's rating = its ``overall`` score at the month's end (the mean of its
    dimensions where it publishes no overall) × 5 / score_max; the total = the platforms'
    ratings weighted by the ratings they received in the month (``ratings``).

    Returns:
        One row per platform with a rating, then ``total``: platform, store_rating, ratings.
    Raises:
        NoDataError: no rating in the month on these platforms.
    """
    s = summarise_ratings(wb, period, platforms)
    has_overall = s.groupby("platform")["dimension"].transform(lambda d: (d == "overall").any())
    chosen = s[(s["dimension"] == "overall") | ~has_overall]
    per = chosen.groupby("platform", sort=False, as_index=False).agg(store_rating=("score_5", "mean"))
    counts = s.groupby("platform", sort=False, as_index=False).agg(ratings=("ratings", "max"))
    per = per.merge(counts, on="platform")
    weights = per["ratings"].astype("float64")
    total = (per["store_rating"] * weights).sum() / weights.sum() if weights.sum() > 0 else per["store_rating"].mean()
    return pd.concat([per, pd.DataFrame([{"platform": TOTAL, "store_rating": total, "ratings": int(weights.sum())}])],
                     ignore_index=True).astype({"store_rating": "float64", "ratings": "int64"})
