"""What the planning report states: the numbers of its sentences and the records it keeps,
from the frames of :mod:`storebook.plan` (no metric is computed here)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from storebook import plan, results

TOTAL = plan.TOTAL


def headline_record(headline: pd.DataFrame, text: Any) -> list[dict[str, Any]]:
    """The ``plan.headline`` record the report index shows."""
    return results.headline_entries(headline, text, plan.HEADLINE_UNITS, plan.HEADLINE_GOOD)


def cards(headline: pd.DataFrame) -> pd.DataFrame:
    """The headline as the metric cards show it (one ``total`` row per metric)."""
    return headline.assign(platform="total")


def _total(frame: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The all-platforms rows of one metric (the only platform's where the report has one)."""
    rows = frame[(frame["platform"] == TOTAL) & (frame["metric"] == metric)]
    return rows if len(rows) else frame[frame["metric"] == metric]


def headline_facts(forecast: pd.DataFrame, backtest_rows: pd.DataFrame) -> dict[str, Any]:
    """Next month's forecast (all platforms) and the backtest's mean error."""
    amount, orders = _total(forecast, "paid_amount"), _total(forecast, "orders")
    first = amount[amount["month"] == amount["month"].min()].iloc[0]
    n_orders = orders.loc[orders["month"] == first["month"], "forecast"]
    errors = _total(backtest_rows, "paid_amount")["ape"]
    return {"month": first["month"], "paid_amount": first["forecast"], "paid_low": first["low"],
            "paid_high": first["high"], "orders": float(n_orders.iloc[0]) if len(n_orders) else None,
            "mape": float(errors.mean()) if len(errors) else None, "months": int(len(errors))}


def _festival(phase: str) -> str:
    """The festival a ``<festival>_<phase>`` column belongs to."""
    return next((kind for kind in plan.FESTIVAL_PHASES if phase.startswith(f"{kind}_")), phase)


def forecast_facts(forecast: pd.DataFrame, text: Any) -> dict[str, Any]:
    """The three months' paid amount (all platforms), the calendar's events and what was borrowed."""
    amount = _total(forecast, "paid_amount").sort_values("month")
    months = list(dict.fromkeys(amount["month"]))[:3]
    values = amount.groupby("month")["forecast"].sum()
    events = forecast.attrs.get("events", [])
    borrowed = sorted({_festival(b) for b in forecast.attrs.get("borrowed", [])})
    facts: dict[str, Any] = {
        "variant": "borrowed" if borrowed else None,
        "events": text.join(text.labels("event", events)) if events else text("word.none_listed"),
        "borrowed": text.join(text.labels("event", borrowed)),
    }
    for i, name in enumerate(("first", "second", "third")):
        facts[f"{name}_month"] = months[i] if i < len(months) else None
        facts[name] = float(values[months[i]]) if i < len(months) else None
    return facts


def forecast_of(forecast: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The forecast rows of one metric (the table a section shows)."""
    return forecast[forecast["metric"] == metric].reset_index(drop=True)


def forecast_record(forecast: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``plan.forecast`` record: every platform × metric × month with its interval."""
    cols = ["platform", "metric", "month", "forecast", "low", "high"]
    return [dict(zip(cols, row, strict=True)) for row in forecast[cols].itertuples(index=False)]


def backtest_facts(summary: pd.DataFrame) -> dict[str, Any]:
    """The backtest's mean errors (all platforms) and its worst month."""
    amount, orders = _total(summary, "paid_amount"), _total(summary, "orders")
    a = amount.iloc[0]
    return {"months": int(a["months"]), "mape_amount": a["mape"],
            "mape_orders": orders["mape"].iloc[0] if len(orders) else None,
            "worst_month": a["worst_month"], "worst_error": a["worst_error"], "inside": a["inside_share"]}


def backtest_record(summary: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``plan.backtest`` record: MAPE per platform × metric."""
    cols = ["platform", "metric", "months", "mape", "worst_month", "worst_error", "inside_share"]
    return [dict(zip(cols, row, strict=True)) for row in summary[cols].itertuples(index=False)]


def month_facts(month_rows: pd.DataFrame, text: Any) -> dict[str, Any]:
    """The report month's paid amount (all platforms) against the forecast made before it."""
    r = _total(month_rows, "paid_amount").iloc[0]
    return {"month": r["month"], "actual": r["actual"], "forecast": r["forecast"], "error": r["error"],
            "inside_text": text("plan.month.inside" if r["inside"] else "plan.month.outside")}


def targets_facts(targets: pd.DataFrame) -> dict[str, Any]:
    """The proposed paid-amount target of the next quarter (all platforms)."""
    r = _total(targets, "paid_amount").iloc[0]
    return {"quarter": r["quarter"], "target": r["target"], "forecast": r["forecast"],
            "target_vs_forecast": r["target_vs_forecast"], "target_vs_last_year": r["target_vs_last_year"],
            "mape": r["mape"]}


def targets_record(targets: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``plan.targets`` record: the proposed target per platform × metric with its assumptions."""
    cols = ["platform", "metric", "quarter", "forecast", "low", "high", "target", "last_year", "trend", "mape"]
    return [dict(zip(cols, row, strict=True)) for row in targets[cols].itertuples(index=False)]

