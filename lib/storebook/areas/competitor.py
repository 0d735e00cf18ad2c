"""Competitors: where do we stand on price, and what happens when they move?

The **price index** (价格指数) has one direction, everywhere in the workbook:

    price index = our price ÷ competitor price

so 1.10 means we are 10 % dearer than the competitor, 0.95 that we are 5 % cheaper.
*Our price* of a SKU is what buyers actually paid per unit in the period (revenue after
discounts ÷ units, on the chosen platforms; the list price when it did not sell); *their
price* is the average of the prices observed in the period for the competitor products
matched to it. An index over several SKUs (a category, a competitor) is the mean of the
SKU indexes weighted by our revenue of each SKU over the last ``WEIGHT_MONTHS`` months on
the chosen platforms (equal weights when none sold).

A **price-change event** (调价) is a lasting change of a competitor product's regular
(non-promotion) price: the median regular price of the ``WINDOW_DAYS`` observations after
a day differs from that of the ``WINDOW_DAYS`` before by at least ``MIN_CHANGE``. The
changes of one competitor's products in one category within ``CLUSTER_DAYS`` days make
one event, dated by its earliest change, sized by the median change.

Our **sales response** to an event is measured like a promotion's effect
(:func:`storebook.measures.effects.estimate_count_effect`): our units in the event's category on
the competitor's platform against a market index of our other categories there, before
and after the event date.

Example:
    wb = storebook.open()
    compute_price_index(wb, wb.period("2026-10"), by="category")
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import numpy as np
import pandas as pd

from storebook.engine import dimensions
from storebook.engine.periods import Period, month_of
from storebook.engine.workbook import Workbook
from storebook.errors import NoDataError
from storebook.measures import extremes
from storebook.measures.effects import estimate_count_effect
from storebook.measures.sales import sum_daily_sales, sum_monthly_sales
from storebook.measures.stats import safe_ratio as _ratio  # the one guarded division

__all__ = [
    "GAP_THRESHOLD",
    "MIN_CHANGE",
    "summarise_price_levels",
    "trace_price_levels",
    "compute_price_index",
    "trend_price_index",
    "find_price_gaps",
    "rank_cheapest",
    "list_competitor_promo_days",
    "detect_price_changes",
    "compare_ratings",
    "estimate_unit_share",
    "measure_sales_response",
    "trace_sales_response",
]

#: A SKU's index is flagged when it is off parity by at least this much (|index − 1|).
GAP_THRESHOLD = 0.10
#: Smallest lasting change of a regular price that counts as a price change.
MIN_CHANGE = 0.05
#: Observations on each side of a day that a price change is judged on.
WINDOW_DAYS = 7
#: Changes of one competitor × category this close together are one event.
CLUSTER_DAYS = 3
#: Months a price-change search looks back (the month included): a move needs weeks
#: after it before our response can be read.
LOOKBACK_MONTHS = 3
#: Days before and after a price move our sales are compared on.
RESPONSE_DAYS = 28
#: Months of our revenue that weigh each SKU in an index (the month included): a month
#: alone is too few sales of a SKU on one platform for a steady weight.
WEIGHT_MONTHS = 3


def _no_competitor_data(period: Period, plats: list[str]) -> NoDataError:
    return NoDataError(
        f"no competitor prices observed in {period.label} on {', '.join(plats)}: the competitor "
        "monitoring export (data/raw/competitor_prices/) has no rows for that month and those "
        "platforms — choose another month or platform, or add the export and run `storebook ingest`",
        key="competitor.no_rows", values={"month": period.label, "platforms": list(plats)},
    )


def summarise_price_levels(wb: Workbook, period: Period,
                           platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """The prices the competitors charged in ``period``, by competitor and platform (竞品价格带).

    What every competitor price export holds, matched to our SKUs or not: the price index
    (:func:`compute_price_index`) needs each competitor product matched to one of ours
    (``sku``); a crawl of search results carries none, and its prices still say where the
    competitors price and how many products they list.

    Formula, over the month's observations (a product observed on n days counts n times):
    ``median_price``, ``p25_price`` and ``p75_price`` (the price band, 价格带) of ``price``;
    ``competitor_median_price_vs_prior`` = median_price ÷ the same competitor's median on the platform in the
    month before − 1 (missing where it was not observed then); ``matched_share`` =
    observations matched to our SKU ÷ observations; ``promo_share`` = observations on
    promotion ÷ those whose promotion flag is known (missing where none is).

    Returns:
        One row per competitor × platform, the most products first: competitor, platform,
        observed_products (distinct competitor products), observations, days (observed),
        first_day, last_day, median_price, p25_price, p75_price, prior_median_price,
        competitor_median_price_vs_prior, matched_share, promo_share. ``attrs``: ``days`` (days observed over all), ``median_price``
        (over every observation), ``products`` (over all).

    Raises:
        NoDataError: no competitor price observed in ``period`` on ``platforms``.

    Example:
        summarise_price_levels(wb, wb.period("2021-05"))[["competitor", "observed_products", "median_price"]]
    """
    plats = wb.platforms(platforms)
    cp = wb.table("competitor_prices")

    def observed(p: Period):
        return cp.filter(cp.observed_on >= p.start, cp.observed_on < p.end, cp.platform.isin(plats),
                         cp.price.notnull())

    obs = observed(period)
    matched = (obs.sku.notnull() & (obs.sku != "")).cast("int64")
    frame = wb.execute(obs.group_by(["competitor", "platform"]).aggregate(
        observed_products=obs.competitor_sku.nunique(), observations=obs.count(), days=obs.observed_on.nunique(),
        first_day=obs.observed_on.min(), last_day=obs.observed_on.max(),
        median_price=obs.price.median(), p25_price=obs.price.quantile(0.25), p75_price=obs.price.quantile(0.75),
        matched=matched.sum(), on_promo=obs.is_on_promo.cast("int64").sum(), promo_known=obs.is_on_promo.count()))
    if frame.empty:
        raise _no_competitor_data(period, plats)
    before = observed(period.prior())
    prior = wb.execute(before.group_by(["competitor", "platform"]).aggregate(prior_median_price=before.price.median()))
    overall = wb.execute(obs.aggregate(days=obs.observed_on.nunique(), median_price=obs.price.median()))
    out = frame.merge(prior, on=["competitor", "platform"], how="left")
    out = out.assign(
        competitor_median_price_vs_prior=_ratio(out["median_price"], out["prior_median_price"]) - 1,
        matched_share=_ratio(out["matched"], out["observations"]),
        promo_share=_ratio(out["on_promo"], out["promo_known"]),
    ).sort_values(["observed_products", "competitor", "platform"], ascending=[False, True, True], ignore_index=True)
    out = out[["competitor", "platform", "observed_products", "observations", "days", "first_day", "last_day",
               "median_price", "p25_price", "p75_price", "prior_median_price", "competitor_median_price_vs_prior", "matched_share",
               "promo_share"]]
    out.attrs.update(days=int(overall["days"].iloc[0]), median_price=float(overall["median_price"].iloc[0]),
                     products=int(out["observed_products"].sum()))
    return out


#: The competitors the price levels by day follow (the most products first): more lines are not read.
LEVEL_LINES = 6


def trace_price_levels(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
                       levels: pd.DataFrame | None = None, top: int = LEVEL_LINES) -> pd.DataFrame:
    """The competitors' median price day by day in ``period`` (竞品每日价格中位数), for the
    ``top`` competitor × platform rows of :func:`summarise_price_levels` (the most products).

    Formula, per day, competitor and platform: ``median_price`` = median of the prices
    observed that day (of the products observed that day: a crawl's assortment may change
    from day to day, ``observed_products`` says how many).

    Args:
        levels: :func:`summarise_price_levels` of the same month, if already asked.
        top: how many competitor × platform rows to follow.
    Returns:
        One row per day × competitor × platform observed: day, competitor, platform, series (the
        competitor, with its platform where it is followed on several), observed_products,
        median_price. ``attrs``: ``days`` (days observed over all), ``followed`` (rows
        followed), ``competitors`` (rows of the levels). Empty of rows, with those attrs, where
        the month holds one day of prices: no line can be drawn from one day.
    Raises:
        NoDataError: no competitor price observed in ``period`` on ``platforms``.

    Example:
        trace_price_levels(wb, wb.period("2026-10"))[["day", "series", "median_price"]]
    """
    levels = summarise_price_levels(wb, period, platforms) if levels is None else levels
    plats = wb.platforms(platforms)
    followed = levels.head(top)[["competitor", "platform"]]
    columns = ["day", "competitor", "platform", "series", "observed_products", "median_price"]
    out = pd.DataFrame(columns=columns)
    days = int(levels.attrs.get("days", levels["days"].max()))
    if days >= 2:
        cp = wb.table("competitor_prices")
        obs = cp.filter(cp.observed_on >= period.start, cp.observed_on < period.end, cp.platform.isin(plats),
                        cp.price.notnull(), cp.competitor.isin(list(followed["competitor"])))
        daily = wb.execute(obs.group_by(["observed_on", "competitor", "platform"]).aggregate(
            observed_products=obs.competitor_sku.nunique(), median_price=obs.price.median()))
        daily = daily.merge(followed, on=["competitor", "platform"]).rename(columns={"observed_on": "day"})
        several = followed["competitor"].duplicated(keep=False)
        named = set(followed.loc[several, "competitor"])
        daily["series"] = [f"{c} · {p}" if c in named else c for c, p in zip(daily["competitor"], daily["platform"],
                                                                             strict=True)]
        order = {tuple(r): i for i, r in enumerate(followed.itertuples(index=False))}
        out = (daily.assign(_rank=[order[(c, p)] for c, p in zip(daily["competitor"], daily["platform"], strict=True)])
               .sort_values(["_rank", "day"], ignore_index=True)[columns])
    out.attrs.update(days=days, followed=len(followed), competitors=len(levels))
    return out


def _matched(obs: pd.DataFrame, period: Period, plats: list[str]) -> pd.DataFrame:
    """The observations matched to one of our SKUs; NoDataError when there is none."""
    matched = obs.loc[obs["sku"].notna() & (obs["sku"] != "")]
    if matched.empty:
        raise NoDataError(
            f"no competitor product observed in {period.label} on {', '.join(plats)} is matched to one of ours: "
            "fill in competitor_prices.sku (our SKU the product competes with) and run `storebook ingest` again",
            key="no_data.competitor_unmatched", values={"month": period.label, "platforms": plats},
        )
    return matched


def _observations(wb: Workbook, period: Period, plats: list[str]) -> pd.DataFrame:
    cp = wb.table("competitor_prices")
    expr = cp.filter(
        (cp.observed_on >= period.start) & (cp.observed_on < period.end) & cp.platform.isin(plats)
    )
    # A product observed without a category still belongs to a competitor's range (unknown).
    return wb.execute(expr.mutate(category=expr.category.fill_null(dimensions.UNKNOWN)))


def _weight_window(period: Period) -> Period:
    """The days whose revenue weighs the SKUs: the WEIGHT_MONTHS months ending with ``period``."""
    last = month_of(period.last_day).trailing(WEIGHT_MONTHS)
    return Period(min(period.start, last.start), period.end, f"weights {period.label}")


def _monthly_sales(wb: Workbook, window: Period, plats: list[str]) -> pd.DataFrame:
    """Our units and revenue per month (first day) × SKU over ``window`` (one query, summed by month in the engine)."""
    sales = sum_monthly_sales(wb, window, plats, by=("sku",))
    return sales.loc[sales["sku"].notna(), ["month", "sku", "units", "revenue"]].reset_index(drop=True)


def _prices_for(monthly: pd.DataFrame, period: Period, products: pd.DataFrame) -> pd.DataFrame:
    """Our realised price per SKU in ``period`` (list price where it did not sell), its units
    and revenue, and the revenue that weighs it (the WEIGHT_MONTHS months to ``period``)."""
    weights_from = _weight_window(period).start_ts
    month = monthly.loc[(monthly["month"] >= period.start_ts) & (monthly["month"] < period.end_ts)]
    month = month.groupby("sku", as_index=False)[["units", "revenue"]].sum()
    weights = monthly.loc[(monthly["month"] >= weights_from) & (monthly["month"] < period.end_ts)]
    weights = weights.groupby("sku", as_index=False).agg(weight_revenue=("revenue", "sum"))
    out = (
        products.merge(month, on="sku", how="left")
        .merge(weights, on="sku", how="left")
        .fillna({"units": 0.0, "revenue": 0.0, "weight_revenue": 0.0})
    )
    sold = out["units"] > 0
    return out.assign(
        our_price=np.where(sold, out["revenue"] / out["units"].where(sold, 1), out["list_price"])
    )


def _products(wb: Workbook) -> pd.DataFrame:
    return wb.execute(dimensions.products(wb).select("sku", "product_name", "category", "list_price"))


def _our_prices(wb: Workbook, period: Period, plats: list[str]) -> pd.DataFrame:
    """:func:`_prices_for` of one period, from its own queries."""
    return _prices_for(_monthly_sales(wb, _weight_window(period), plats), period, _products(wb))


def _sku_indexes(obs: pd.DataFrame, ours: pd.DataFrame) -> pd.DataFrame:
    """Per competitor × matched SKU: our price, their mean price, the index, our revenue."""
    matched = obs.loc[obs["sku"].notna() & (obs["sku"] != "")]
    theirs = matched.groupby(["competitor", "platform", "sku"], as_index=False).agg(
        competitor_price=("price", "mean"), days_on_promo=("is_on_promo", "sum"), observations=("price", "size"),
    )
    cols = ["sku", "product_name", "category", "our_price", "units", "revenue", "weight_revenue"]
    out = theirs.merge(ours[cols], on="sku", how="left")
    return out.assign(
        price_index=out["our_price"] / out["competitor_price"].where(out["competitor_price"] > 0)
    ).rename(columns={"revenue": "our_revenue", "units": "our_units"})


def _weighted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Revenue-weighted mean of the SKU indexes per ``by`` (equal weights when none sold)."""
    def one(group: pd.DataFrame) -> pd.Series:
        ok = group["price_index"].notna()
        w = group.loc[ok, "weight_revenue"].to_numpy(dtype="float64")
        x = group.loc[ok, "price_index"].to_numpy(dtype="float64")
        if len(x) == 0:
            value = np.nan
        elif w.sum() > 0:
            value = float((w * x).sum() / w.sum())
        else:
            value = float(x.mean())
        return pd.Series({"price_index": value, "skus": int(ok.sum()),
                          "our_revenue": float(group.loc[ok, "our_revenue"].sum()), "weight_revenue": float(w.sum())})

    rows = [dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True)) | one(g).to_dict()
            for key, g in frame.groupby(by, sort=True)]
    out = pd.DataFrame(rows, columns=[*by, "price_index", "skus", "our_revenue", "weight_revenue"]).astype(
        {"skus": "int64"})
    return out.assign(gap=out["price_index"] - 1.0)


def compute_price_index(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, by: str = "sku",
) -> pd.DataFrame:
    """The price index (our price ÷ competitor price) per SKU, category or competitor.

    Args:
        wb: the workbook.
        period: the month.
        platforms: the platforms (default all): competitors observed there, our sales there.
        by: ``sku`` (one row per competitor × matched SKU), ``category`` (per competitor ×
            category), ``competitor`` or ``total``.

    Returns:
        For ``sku``: competitor, platform, sku, product_name, category, our_price,
        competitor_price, price_index (价格指数), our_units, our_revenue (the month),
        weight_revenue (the WEIGHT_MONTHS months), days_on_promo, observations. Otherwise
        the ``by`` columns (``category`` also has competitor), price_index (weighted by
        weight_revenue), skus, our_revenue, weight_revenue, gap (= index − 1: +0.12
        = we are 12 % dearer).

    Raises:
        NoDataError: no competitor price observed in ``period`` on ``platforms``.

    Example:
        compute_price_index(wb, wb.period("2026-10"), by="competitor")
    """
    plats = wb.platforms(platforms)
    obs = _observations(wb, period, plats)
    if obs.empty:
        raise _no_competitor_data(period, plats)
    skus = _sku_indexes(_matched(obs, period, plats), _our_prices(wb, period, plats))
    if by == "sku":
        return skus.sort_values(["competitor", "category", "sku"], ignore_index=True)
    keys = {"category": ["competitor", "category"], "competitor": ["competitor"], "total": []}
    if by not in keys:
        raise ValueError(f"by='{by}': choose sku, category, competitor or total")
    if by == "total":
        return _weighted(skus.assign(total="all"), ["total"])
    return _weighted(skus, keys[by])


def trend_price_index(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None, months: int = 12,
    by: str = "competitor",
) -> pd.DataFrame:
    """The price index per month over the ``months`` months ending with ``period``.

    Each month's index is :func:`compute_price_index` of that month (weights: our revenue
    of the WEIGHT_MONTHS months to it); months without competitor data are left out.

    Returns:
        month (first day), the ``by`` columns (``category``, ``competitor`` or ``total``),
        price_index, skus, our_revenue, weight_revenue, gap.

    Raises:
        NoDataError: no competitor data in any of those months.
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months)
    obs = _observations(wb, window, plats)
    if obs.empty:
        raise _no_competitor_data(window, plats)
    obs = _matched(obs, window, plats)
    monthly = _monthly_sales(wb, _weight_window(window), plats)
    products = _products(wb)
    keys = {"category": ["competitor", "category"], "competitor": ["competitor"], "total": ["total"]}
    if by not in keys:
        raise ValueError(f"by='{by}': choose category, competitor or total")
    observed_month = obs["observed_on"].dt.to_period("M").dt.to_timestamp()
    frames = []
    for k in range(months - 1, -1, -1):
        month = period.shift_months(-k)
        seen = obs.loc[observed_month == month.start_ts]
        if seen.empty:
            continue
        skus = _sku_indexes(seen, _prices_for(monthly, month, products)).assign(total="all")
        frames.append(_weighted(skus, keys[by]).assign(month=month.start_ts))
    if not frames:
        raise _no_competitor_data(window, plats)
    out = pd.concat(frames, ignore_index=True)
    return out.loc[:, ["month", *[c for c in out.columns if c != "month"]]]


def find_price_gaps(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
    threshold: float = GAP_THRESHOLD,
) -> pd.DataFrame:
    """Matched SKUs whose price index is off parity by at least ``threshold``.

    Returns:
        The rows of :func:`compute_price_index` (by SKU) with |index − 1| ≥ threshold, plus
        gap (= index − 1; positive: we are dearer) and position (``dearer`` / ``cheaper``),
        largest revenue at stake first.
    """
    skus = compute_price_index(wb, period, platforms, by="sku")
    gaps = skus.assign(gap=skus["price_index"] - 1.0)
    gaps = gaps.loc[gaps["gap"].abs() >= threshold]
    return gaps.assign(position=np.where(gaps["gap"] > 0, "dearer", "cheaper")).sort_values(
        ["our_revenue", "gap"], ascending=[False, False], ignore_index=True
    )


def rank_cheapest(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Who is cheapest in each category: us or a competitor.

    In a category, a competitor with an index above 1 sells our matched SKUs cheaper than
    we do; the cheapest seller is the competitor with the highest index when that is above
    1, else us.

    Returns:
        One row per category: category, cheapest (a competitor's name, or ``us``),
        price_index of the cheapest competitor against us, competitors (how many are
        observed), cheaper_competitors (how many undercut us), highest_index, lowest_index.
    """
    cats = compute_price_index(wb, period, platforms, by="category")
    rows = []
    for category, group in cats.groupby("category", sort=True):
        ok = group.dropna(subset=["price_index"])
        if ok.empty:
            continue
        top = ok.loc[ok["price_index"].idxmax()]
        rows.append({
            "category": category,
            "cheapest": top["competitor"] if top["price_index"] > 1 else "us",
            "price_index": float(top["price_index"]),
            "competitors": len(ok),
            "cheaper_competitors": int((ok["price_index"] > 1).sum()),
            "highest_index": float(ok["price_index"].max()),
            "lowest_index": float(ok["price_index"].min()),
        })
    return pd.DataFrame(rows)


def list_competitor_promo_days(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
) -> pd.DataFrame:
    """The competitors' promotion days, for a calendar chart.

    Returns:
        One row per competitor × day: competitor, platform, day, products (observed),
        on_promo (products on promotion), promo_share (on_promo / products), mean_depth
        (mean of 1 − price ÷ list price over the products on promotion).

    Raises:
        NoDataError: no competitor price observed in ``period`` on ``platforms``.
    """
    plats = wb.platforms(platforms)
    cp = wb.table("competitor_prices")
    obs = cp.filter((cp.observed_on >= period.start) & (cp.observed_on < period.end) & cp.platform.isin(plats))
    depth = 1 - obs.price / obs.list_price.nullif(0)  # list_price > 0 by contract; guarded all the same
    expr = obs.group_by(["competitor", "platform", "observed_on"]).aggregate(
        products=obs.count(),
        on_promo=obs.is_on_promo.cast("int64").sum(),
        depth_sum=(depth * obs.is_on_promo.cast("float64")).sum(),
    )
    frame = wb.execute(expr)
    if frame.empty:
        raise _no_competitor_data(period, plats)
    return frame.assign(
        promo_share=frame["on_promo"] / frame["products"].where(frame["products"] > 0),
        mean_depth=frame["depth_sum"] / frame["on_promo"].where(frame["on_promo"] > 0),
    ).rename(columns={"observed_on": "day"}).drop(columns="depth_sum").sort_values(
        ["competitor", "day"], ignore_index=True
    )


def _product_changes(obs: pd.DataFrame, min_change: float, window: int) -> pd.DataFrame:
    """Lasting regular-price changes of every competitor product in ``obs``.

    On each product's regular (non-promotion) observations, in date order: the change at
    an observation is median(this and the next ``window − 1``) ÷ median(the ``window``
    before) − 1; it counts when it is at least ``min_change`` and the price differs from
    the observation before. After a change, the next ``window`` observations are judged on
    the new level (no second change is read into the same step).
    """
    keys = ["competitor", "platform", "category", "competitor_sku"]
    # An observation whose promotion is not known counts as regular, as when the export has
    # no promotion column at all.
    regular = obs.loc[~obs["is_on_promo"].fillna(False).astype(bool), [*keys, "observed_on", "price"]].sort_values(
        [*keys, "observed_on"], ignore_index=True)
    if regular.empty:  # every observation on promotion: no regular price to follow
        return regular.assign(price_change=np.nan, price_before=np.nan, price_after=np.nan).rename(
            columns={"observed_on": "changed_on"}).drop(columns="price")
    product = regular.groupby(keys, sort=False).ngroup()
    price = regular["price"]
    by_product = price.groupby(product)
    before = by_product.rolling(window, min_periods=window).median().reset_index(level=0, drop=True)
    before = before.groupby(product).shift(1)
    backwards = price.iloc[::-1]
    after = (backwards.groupby(product.iloc[::-1]).rolling(window, min_periods=1).median()
             .reset_index(level=0, drop=True).reindex(price.index))
    moved = price != by_product.shift(1)
    change = after / before.where(before > 0) - 1
    candidates = regular.assign(price_change=change, price_before=before, price_after=after,
                                position=by_product.cumcount())
    candidates = candidates.loc[moved & (change.abs() >= min_change)]
    kept, last = [], {}
    for row in candidates.itertuples():
        key = tuple(getattr(row, k) for k in keys)
        if key in last and row.position < last[key] + window:
            continue
        last[key] = row.position
        kept.append(row.Index)
    return candidates.loc[kept, [*keys, "observed_on", "price_change", "price_before", "price_after"]].rename(
        columns={"observed_on": "changed_on"})


def detect_price_changes(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
    months: int = LOOKBACK_MONTHS, min_change: float = MIN_CHANGE,
) -> pd.DataFrame:
    """Competitors' lasting price changes in the ``months`` months ending with ``period``.

    Args:
        wb: the workbook.
        period: the month (the search covers it and the months before it).
        platforms: the platforms (default all).
        months: months searched, the month included.
        min_change: smallest relative change of a regular price that counts.

    Returns:
        One row per event, latest first: competitor, platform, category, changed_on (the
        earliest change of the cluster), products (products that changed), category_products
        (products of the competitor in the category), price_change (median relative change;
        −0.20 = a 20 % cut), price_before, price_after (means over the products that
        changed). Empty when nothing changed.

    Raises:
        NoDataError: no competitor price observed in the search window on ``platforms``.

    Example:
        detect_price_changes(wb, wb.period("2026-10")).head(1)
    """
    plats = wb.platforms(platforms)
    window = period.trailing(months)
    # The days before the window give the first days a "before" level.
    search = Period(window.start - timedelta(days=2 * WINDOW_DAYS), window.end, window.label)
    obs = _observations(wb, search, plats)
    if obs.empty:
        raise _no_competitor_data(window, plats)
    # A change is judged on WINDOW_DAYS regular observations before it: a product seen fewer
    # times (a crawl of one day) cannot show one, and "no competitor changed a price" would
    # be a claim the data cannot make.
    regular = obs.loc[~obs["is_on_promo"].fillna(False).astype(bool)]
    most = int(regular.groupby(["competitor", "platform", "category", "competitor_sku"]).size().max()) if len(regular) else 0
    if most <= WINDOW_DAYS:
        days = int(obs["observed_on"].nunique())
        raise NoDataError(
            f"the competitor prices of {window.label} and the months before hold {days} day(s) of observations, a "
            f"product's regular price at most {most} time(s): a lasting change is judged on {WINDOW_DAYS} observations "
            f"before it, so none can be told. Observe the prices daily (one export a day) to see changes.",
            key="competitor.changes.too_few", values={"days": days, "most": most, "window": WINDOW_DAYS},
        )
    found = _product_changes(obs, min_change, WINDOW_DAYS)
    cols = ["competitor", "platform", "category", "changed_on", "products", "category_products",
            "price_change", "price_before", "price_after"]
    found = found.loc[(found["changed_on"] >= window.start_ts) & (found["changed_on"] < window.end_ts)]
    sizes = obs.groupby(["competitor", "category"])["competitor_sku"].nunique().rename("category_products")
    events = []
    for (competitor, platform, category), group in found.groupby(["competitor", "platform", "category"]):
        group = group.sort_values("changed_on")
        cluster = (group["changed_on"].diff().dt.days.fillna(CLUSTER_DAYS + 1) > CLUSTER_DAYS).cumsum()
        for _, part in group.groupby(cluster):
            events.append({
                "competitor": competitor, "platform": platform, "category": category,
                "changed_on": part["changed_on"].min(), "products": int(part["competitor_sku"].nunique()),
                "category_products": int(sizes.get((competitor, category), 0)),
                "price_change": float(part["price_change"].median()),
                "price_before": float(part["price_before"].mean()),
                "price_after": float(part["price_after"].mean()),
            })
    if not events:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    return pd.DataFrame(events, columns=cols).sort_values(
        ["changed_on", "competitor", "category"], ascending=[False, True, True], ignore_index=True
    )


def compare_ratings(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Competitors' ratings and review counts side by side, per category.

    Returns:
        One row per competitor × category: competitor, platform, category, products,
        rating (mean over products of their last rating in the month), review_count (Σ of
        the products' last cumulative review counts), new_reviews (reviews added in the
        month), rating_change (against the first observation of the month).

    Raises:
        NoDataError: no competitor price observed in ``period`` on ``platforms``.
    """
    plats = wb.platforms(platforms)
    obs = _observations(wb, period, plats)
    if obs.empty:
        raise _no_competitor_data(period, plats)
    obs = obs.sort_values(["competitor", "competitor_sku", "observed_on"])
    per_product = obs.groupby(["competitor", "platform", "category", "competitor_sku"], as_index=False).agg(
        rating_first=("rating", "first"), rating=("rating", "last"),
        reviews_first=("review_count", "first"), review_count=("review_count", "last"),
    )
    out = per_product.groupby(["competitor", "platform", "category"], as_index=False).agg(
        products=("competitor_sku", "size"), rating=("rating", "mean"), rating_first=("rating_first", "mean"),
        review_count=("review_count", "sum"), reviews_first=("reviews_first", "sum"),
    )
    return out.assign(
        new_reviews=out["review_count"] - out["reviews_first"],
        rating_change=out["rating"] - out["rating_first"],
    ).drop(columns=["rating_first", "reviews_first"]).sort_values(["category", "competitor"], ignore_index=True)


def estimate_unit_share(wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None) -> pd.DataFrame:
    """Our estimated share of units per category × platform, where the data has it.

    Share = our units ÷ (our units + the competitors' estimated units) on the platform, in
    the category. The competitors' units are the third-party estimates (``est_units_sold``)
    summed over the days they exist; ``coverage`` says on what share of product-days the
    estimate exists (days without one are not filled in).

    Returns:
        One row per category × platform with a competitor estimate: category, platform,
        our_units, competitor_units, competitors, coverage, our_share.

    Raises:
        NoDataError: no competitor price observed in ``period`` on ``platforms``.
    """
    plats = wb.platforms(platforms)
    obs = _observations(wb, period, plats)
    if obs.empty:
        raise _no_competitor_data(period, plats)
    theirs = obs.groupby(["category", "platform"], as_index=False).agg(
        competitor_units=("est_units_sold", "sum"), estimated=("est_units_sold", "count"),
        product_days=("est_units_sold", "size"), competitors=("competitor", "nunique"),
    )
    theirs = theirs.loc[theirs["estimated"] > 0]
    ours = sum_daily_sales(wb, period, plats, by=("platform", "category")).groupby(
        ["category", "platform"], as_index=False
    ).agg(our_units=("units", "sum"))
    out = theirs.merge(ours, on=["category", "platform"], how="left").fillna({"our_units": 0.0})
    total = out["our_units"] + out["competitor_units"]
    return out.assign(
        coverage=out["estimated"] / out["product_days"],
        our_share=out["our_units"] / total.where(total > 0),
    ).loc[:, ["category", "platform", "our_units", "competitor_units", "competitors", "coverage", "our_share"]]


# ----------------------------------------------------------------------------- our response

def _response_series(wb: Workbook, event: pd.Series, days: int) -> pd.DataFrame:
    """Daily units of the event's category and the market index on its platform."""
    changed = pd.Timestamp(event["changed_on"])
    first, last = wb.data_range()
    start = max(changed - timedelta(days=days), pd.Timestamp(first))
    end = min(changed + timedelta(days=days), pd.Timestamp(last) + timedelta(days=1))
    window = Period(start.date(), end.date(), "response")
    sales = sum_daily_sales(wb, window, [event["platform"]], by=("category",))
    day_index = pd.date_range(start, end - timedelta(days=1), freq="D")
    pivot = sales.pivot_table(index="day", columns="category", values="units", aggfunc="sum").reindex(
        day_index, fill_value=0.0
    ).fillna(0.0)
    category = event["category"]
    units = pivot[category] if category in pivot else pd.Series(0.0, index=day_index)
    others = pivot.drop(columns=[category], errors="ignore")
    # The market index: other categories' units relative to their own mean level.
    level = others.mean()
    level = level[level > 0]
    index = others[level.index].sum(axis=1) / level.sum() if len(level) else pd.Series(np.nan, index=day_index)
    return pd.DataFrame({"day": day_index, "units": units.to_numpy(), "index": index.to_numpy(),
                         "is_after": day_index >= changed})


def measure_sales_response(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
    months: int = LOOKBACK_MONTHS, days: int = RESPONSE_DAYS, level: float = 0.95,
) -> pd.DataFrame:
    """Our units in the category after each competitor price change, against a baseline.

    For each event of :func:`detect_price_changes`, our units in its category on its
    platform over the (up to) ``days`` days from the change are compared with a baseline:
    their share of a market index of our other categories on that platform over the
    ``days`` days before (see :func:`storebook.measures.effects.estimate_count_effect`).

    Returns:
        One row per event: the event's columns, days_after (days measured), units_after,
        baseline_units, effect_units, response (our units ÷ baseline − 1; −0.15 = we sold
        15 % less), response_low, response_high. Empty when nothing changed.
    """
    events = detect_price_changes(wb, period, platforms, months=months)
    rows = []
    for _, event in events.iterrows():
        series = _response_series(wb, event, days)
        pre = series.loc[~series["is_after"] & series["index"].notna()]
        post = series.loc[series["is_after"] & series["index"].notna()]
        effect = estimate_count_effect(post["units"].sum(), post["index"].sum(), pre["units"].sum(),
                                       pre["index"].to_numpy(), pre["units"].to_numpy(), level)
        rows.append({**event.to_dict(), "days_after": len(post), "units_after": float(post["units"].sum()),
                     "baseline_units": effect["baseline"], "effect_units": effect["effect"],
                     "response": effect["lift"], "response_low": effect["lift_low"],
                     "response_high": effect["lift_high"]})
    cols = [*events.columns, "days_after", "units_after", "baseline_units", "effect_units", "response",
            "response_low", "response_high"]
    return pd.DataFrame(rows, columns=cols)


def trace_sales_response(
    wb: Workbook, period: Period, platforms: Sequence[str] | str | None = None,
    months: int = LOOKBACK_MONTHS, days: int = RESPONSE_DAYS,
) -> pd.DataFrame:
    """Daily units around the largest competitor price change, with the baseline, for a chart.

    The event is the one of :func:`detect_price_changes` with the largest |price_change| ×
    products.

    Returns:
        One row per day: competitor, platform, category, changed_on, day, units (ours, in
        the category, on the platform), expected (the baseline: the pre-period share of the
        market index × the index), is_after. Empty when nothing changed.
    """
    events = detect_price_changes(wb, period, platforms, months=months)
    cols = ["competitor", "platform", "category", "changed_on", "day", "units", "expected", "is_after"]
    if events.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    event = extremes.row_of_max(events, events["price_change"].abs() * events["products"])
    if event is None:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    series = _response_series(wb, event, days)
    pre = series.loc[~series["is_after"] & series["index"].notna()]
    k = pre["units"].sum() / pre["index"].sum() if pre["index"].sum() > 0 else np.nan
    return series.assign(
        expected=series["index"] * k, competitor=event["competitor"], platform=event["platform"],
        category=event["category"], changed_on=event["changed_on"],
    ).loc[:, cols]
