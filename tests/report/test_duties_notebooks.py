"""The store-operations, marketing and planning notebooks recover the sample store's planted
truths (docs/sample_store.md, truths 9–13) in what they record, in English and in Chinese.

The notebooks run in this process (:mod:`support.notebooks`, as the sparse-store matrix runs
them) on the shared sample store's default month (2026-10); the truths come from its
``_truth.json``. Each run is made once per module and language.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from support.notebooks import run_notebook_in_process
from support.packs import FullPack, same_value

NOTEBOOKS = ("store_ops", "marketing", "plan")


@pytest.fixture(scope="module")
def runs(sample_root: Path, full_pack: FullPack) -> dict[tuple[str, str], dict]:
    """Each notebook's recorded results in each language (errors fail the test that reads them).

    The English runs are the sparse-store matrix's full-store baseline (run once per code
    version and shared: the ``full_pack`` fixture); the Chinese ones run here."""
    out = {}
    for name in NOTEBOOKS:
        out[(name, "en")] = full_pack[name]
        run = run_notebook_in_process(name, {"language": "zh"}, sample_root)
        out[(name, "zh")] = {"error": run.error, "stderr": run.stderr, "results": run.results,
                             "markdown": run.markdown}
    return out


@pytest.fixture(scope="module")
def truths(truth: dict) -> dict:
    return truth["truths"]


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_clean_full_and_the_same_numbers_in_both_languages(runs, name) -> None:
    en, zh = runs[(name, "en")], runs[(name, "zh")]
    for run in (en, zh):
        assert run["error"] is None and run["stderr"] == ""
        assert [s["status"] for s in run["results"][f"{name}.sections"]] == ["full"] * len(
            run["results"][f"{name}.sections"])
        assert run["results"][f"{name}.notices"] == []
    numbers = [k for k in en["results"] if k not in (f"{name}.headline", f"{name}.sections", f"{name}.notices")]
    assert len(numbers) >= 3
    for key in numbers:  # labels differ by language, numbers do not
        assert same_value(en["results"][key], zh["results"][key]), key
    assert [e["value"] for e in en["results"][f"{name}.headline"]] == [e["value"] for e in zh["results"][f"{name}.headline"]]
    assert any("→" in m and any("\u4e00" <= ch <= "\u9fff" for ch in m.replace("暖织", "")) for m in zh["markdown"])


@pytest.mark.notebooks
def test_store_ops_names_the_dsr_dip_after_the_slow_carrier(runs, truths) -> None:
    planted = truths["dsr_logistics_dip"]
    dip = runs[("store_ops", "en")]["results"]["store_ops.rating_dip"]
    assert (dip["platform"], dip["dimension"], dip["driver"]) == (planted["platform"], planted["dimension"], "slow_carrier")
    # the run of days found lies within two days of the planted one at each end
    assert abs((pd.Timestamp(dip["first_day"]) - pd.Timestamp(planted["dip_from"])).days) <= 2
    assert abs((pd.Timestamp(dip["last_day"]) - pd.Timestamp(planted["dip_to"])).days) <= 2
    # the day score in the dip: the planted drop of 0.6 within ±0.15 (51 ratings, sd 0.55)
    assert dip["day_score_drop"] == pytest.approx(planted["planted_day_score_drop"], abs=0.15)
    assert dip["carrier"] == planted["follows"]["carrier"]
    assert set(dip["provinces"].split("、")) <= set(planted["follows"]["provinces"])


@pytest.mark.notebooks
def test_store_ops_puts_the_low_converting_listing_first(runs, truths) -> None:
    planted = truths["listing_low_conversion"]
    first = runs[("store_ops", "en")]["results"]["store_ops.to_fix"][0]
    assert (first["platform"], first["item_id"], first["sku"]) == (planted["platform"], planted["item_id"], planted["sku"])
    assert first["visitors"] == planted["visitors_in_month"] and first["buyers"] == planted["buyers_in_month"]
    assert first["conversion_rate"] == pytest.approx(planted["conversion_in_month"], abs=5e-5)
    # a third of its category's conversion, as planted (0.30), within what 10 buyers allow
    assert first["conversion_index"] == pytest.approx(planted["planted_conversion_factor"], abs=0.12)


@pytest.mark.notebooks
def test_store_ops_measures_the_listing_change_within_its_interval(runs, truths) -> None:
    planted = truths["listing_change"]
    changes = runs[("store_ops", "en")]["results"]["store_ops.changes"]
    row = next(c for c in changes if c["item_id"] == planted["item_id"])
    assert pd.Timestamp(row["changed_on"]) == pd.Timestamp(planted["changed_on"])
    assert row["verdict"] == "up"
    assert row["lift_low"] <= planted["planted_conversion_lift"] <= row["lift_high"]
    assert row["lift_low"] <= planted["realised_lift"] <= row["lift_high"]
    assert row["conversion_before"] == pytest.approx(planted["conversion_8w_before"], abs=5e-5)
    # the other changes are too small to judge: none is called up or down by chance
    assert [c["verdict"] for c in changes if c["item_id"] != planted["item_id"]] == ["too_small"] * (len(changes) - 1)


@pytest.mark.notebooks
def test_marketing_cuts_the_campaign_that_added_nothing_and_scales_the_one_that_paid(runs, truths) -> None:
    planted = {k: v for k, v in truths["campaign_holdouts"].items() if k != "how_to_find"}
    results = runs[("marketing", "en")]["results"]
    tests = {t["campaign_id"]: t for t in results["marketing.holdouts"]}
    assert set(tests) == set(planted)
    for campaign, truth in planted.items():
        t = tests[campaign]
        real = truth["realised"]
        assert (t["treatment_orders"], t["holdout_orders"]) == (real["treatment"]["orders"], real["holdout"]["orders"])
        # incremental = treatment − holdout × audience ratio, by hand from the planted groups
        ratio = truth["treatment_audience"] / truth["holdout_audience"]
        assert t["incremental_orders"] == pytest.approx(real["treatment"]["orders"] - real["holdout"]["orders"] * ratio)
        assert t["incremental_roas_low"] <= truth["expected_incremental_roas"] <= t["incremental_roas_high"]
        assert t["roas"] == pytest.approx(truth["attributed_roas"], rel=0.01)
        assert t["verdict"] == truth["verdict"]
    decisions = {d["campaign_id"]: d for d in results["marketing.decisions"]}
    for campaign, truth in planted.items():
        assert decisions[campaign]["verdict"] == truth["verdict"] and decisions[campaign]["evidence"] == "holdout"


@pytest.mark.notebooks
def test_plan_reproduces_the_seasonal_pattern_within_its_stated_error(runs, truths) -> None:
    planted = truths["forecast_season"]["months"]
    results = runs[("plan", "en")]["results"]
    mape = next(r["mape"] for r in results["plan.backtest"] if (r["platform"], r["metric"]) == ("total", "orders"))
    assert 0 < mape < 0.2
    forecast = {r["month"]: r for r in results["plan.forecast"] if (r["platform"], r["metric"]) == ("total", "orders")}
    assert sorted(forecast) == sorted(planted)
    expected = {month: sum(p["orders"] for p in by_platform.values()) for month, by_platform in planted.items()}
    for month, value in expected.items():
        f = forecast[month]
        assert f["low"] <= value <= f["high"], month
        assert abs(f["forecast"] / value - 1) <= mape, month  # within the error the page states
    # the shape: 双11's month above the month after it, as planted
    months = sorted(expected)
    assert (forecast[months[0]]["forecast"] > forecast[months[1]]["forecast"]) == (expected[months[0]] > expected[months[1]])
    assert results["plan.headline"][0]["key"] == "forecast_paid_amount"
