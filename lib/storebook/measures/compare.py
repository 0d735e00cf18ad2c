"""Month vs prior month vs the same month last year: the one comparison every report makes."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from storebook.measures.ratios import relative_change


def compare_months(current: pd.DataFrame, prior: pd.DataFrame, last_year: pd.DataFrame,
                   metrics: Iterable[str]) -> pd.DataFrame:
    """The month's metrics beside the prior month's and last year's, per platform.

    Args:
        current, prior, last_year: one row per platform with a column per metric (a
            comparison month without data is an empty frame).
        metrics: the metric columns to compare.
    Returns:
        One row per platform × metric of ``current``: platform, metric, value, prior,
        last_year, vs_prior, vs_last_year (:func:`relative_change`; missing where the
        comparison month has no value).
    """
    metrics = list(metrics)

    def long(frame: pd.DataFrame, name: str) -> pd.DataFrame:
        return frame.melt(id_vars="platform", value_vars=metrics, var_name="metric", value_name=name)

    return compare_long(long(current, "value"), long(prior, "value"), long(last_year, "value"))


def compare_long(current: pd.DataFrame, prior: pd.DataFrame, last_year: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_months` for frames already in long form.

    Args:
        current, prior, last_year: one row per platform × metric: platform, metric, value
            (a comparison month without data is an empty frame).
    Returns:
        ``current``'s rows, in its order, with prior, last_year, vs_prior, vs_last_year.

    Example:
        >>> now = pd.DataFrame({"platform": ["jd"], "metric": ["tickets"], "value": [110.0]})
        >>> before = now.assign(value=100.0)
        >>> compare_long(now, before, before.iloc[:0])[["vs_prior", "vs_last_year"]].round(3).to_dict("records")
        [{'vs_prior': 0.1, 'vs_last_year': nan}]
    """
    def renamed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
        return frame[["platform", "metric", "value"]].rename(columns={"value": name})

    return (
        current
        .merge(renamed(prior, "prior"), on=["platform", "metric"], how="left")
        .merge(renamed(last_year, "last_year"), on=["platform", "metric"], how="left")
        .astype({"value": "float64", "prior": "float64", "last_year": "float64"})
        .assign(vs_prior=lambda d: relative_change(d["value"], d["prior"]),
                vs_last_year=lambda d: relative_change(d["value"], d["last_year"]))
    )
