"""Promotion: the counterfactual baseline, uplift, pull-forward, cannibalisation, money.

Hand-computed cases run on tiny stores written as canonical raw CSV files and ingested;
the planted truths are read from the shared sample store's ``_truth.json``.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
from storebook.areas import promotion
from storebook.engine.periods import Period, month
from storebook.errors import NoDataError
from storebook.measures.stats import z_value
from storebook.report.text import Text
from support.stores import build_store, days, isolated_root, product, sales_rows

# --------------------------------------------------------------------------- tiny stores

# The hand-computed promotion: 7 days from Monday 8 September 2025 on tmall.
PROMO_START = date(2025, 9, 8)
PROMO_END = date(2025, 9, 14)
PRE_START = PROMO_START - timedelta(days=promotion.PRE_DAYS)      # 14 July, no festival after
POST_END = PROMO_END + timedelta(days=promotion.POST_DAYS)        # 28 September


def _promo_store(root: Path, spend: float = 0.0, with_other_promo: bool = True) -> storebook.Workbook:
    """T1 (promoted) sells 2 a day, 3 during the promotion, 1 a day in the week after it;
    its sister S1 sells 2 a day, 1 during the promotion; M1 (another category) 10 a day.
    Another promotion lifts T1 to 10 a day on 1–3 August: the baseline must ignore it."""
    sales = []
    other = set(days(date(2025, 8, 1), 3)) if with_other_promo else set()
    for day in days(PRE_START, (POST_END - PRE_START).days + 1):
        during = PROMO_START <= day <= PROMO_END
        after = PROMO_END < day <= PROMO_END + timedelta(days=7)
        t1 = 3 if during else (1 if after else (10 if day in other else 2))
        discount = 2.0 * t1 if during else (5.0 * t1 if day in other else 0.0)
        sales.append((day, "tmall", "T1", t1, 10.0, discount,
                      "P1" if during else ("P0" if day in other else None)))
        sales.append((day, "tmall", "S1", 1 if during else 2, 10.0, 0.0, None))
        sales.append((day, "tmall", "M1", 10, 20.0, 0.0, None))
    orders, lines = sales_rows(sales)
    promos = [
        {"promo_id": "P1", "promo_name": "Towel week", "promo_type": "discount", "platform": "tmall",
         "starts_on": PROMO_START.isoformat(), "ends_on": PROMO_END.isoformat(), "discount_pct": "0.20",
         "scope": "sku:T1", "budget_amount": "500.00"},
        {"promo_id": "P0", "promo_name": "Flash", "promo_type": "flash_sale", "platform": "tmall",
         "starts_on": "2025-08-01", "ends_on": "2025-08-03", "discount_pct": "0.50",
         "scope": "sku:T1", "budget_amount": "100.00"},
    ]
    spend_rows = []
    if spend:
        spend_rows = [{"spent_on": PROMO_START.isoformat(), "platform": "tmall", "channel": "paid_search",
                       "campaign_id": "P1", "campaign_name": "Towel week ads", "spend_amount": f"{spend:.2f}",
                       "impressions": "1000", "clicks": "50", "attributed_orders": "3",
                       "attributed_amount": "80.00"}]
    return build_store(root, {
        "products": [product("T1", "bath"), product("S1", "bath"), product("M1", "decor", price=20.0, cost=8.0)],
        "promotions": promos, "orders": orders, "order_lines": lines, "marketing_spend": spend_rows,
    })


@pytest.fixture(scope="module")
def promo_wb(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as mp:
        yield _promo_store(isolated_root(tmp_path_factory, mp))


# --------------------------------------------------------------------------- formulas

def test_count_effect_by_hand() -> None:
    # k = 40 / 20 = 2; baseline = 2 × 10 = 20; effect = 30 − 20; no dispersion beyond Poisson.
    r = promotion.estimate_count_effect(30.0, 10.0, 40.0, np.full(20, 1.0), np.full(20, 2.0))
    assert r["baseline"] == pytest.approx(20.0)
    assert r["effect"] == pytest.approx(10.0)
    assert r["lift"] == pytest.approx(0.5)
    assert r["dispersion"] == 1.0
    se = np.sqrt(20.0 + 20.0**2 / 40.0)  # φ·B + B²·φ / Σ pre
    assert r["effect_low"] == pytest.approx(10.0 - z_value() * se)
    assert r["lift_high"] == pytest.approx((10.0 + z_value() * se) / 20.0)


def test_count_effect_widens_with_overdispersion() -> None:
    calm = promotion.estimate_count_effect(30.0, 10.0, 40.0, np.ones(20), np.full(20, 2.0))
    noisy = promotion.estimate_count_effect(30.0, 10.0, 40.0, np.ones(20), np.tile([0.0, 4.0], 10))
    # Same totals, so the same estimate; but days swinging 0/4 around 2 give φ = 8·20/19/… > 1.
    assert noisy["effect"] == calm["effect"]
    assert noisy["dispersion"] == pytest.approx(2.0 * 20 / 19)
    assert noisy["se"] > calm["se"]


def test_count_effect_without_pre_period_is_nan() -> None:
    r = promotion.estimate_count_effect(5.0, 3.0, 0.0, np.ones(10), np.zeros(10))
    assert np.isnan(r["baseline"]) and np.isnan(r["lift"])


def test_expand_scope_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError, match="scope"):
        promotion.expand_scope("brand:Loom", pd.DataFrame({"sku": ["A"], "category": ["x"]}))


# --------------------------------------------------------------------------- the estimator

def test_promotion_effect_on_a_series_with_a_known_answer(promo_wb) -> None:
    effects = promotion.estimate_promotions(promo_wb, month("2025-09"))
    row = effects.set_index("promo_id").loc["P1"]
    # Baseline 2 a day × 7 days; sold 3 a day: +7 units, +50 %.
    assert row["baseline_units"] == pytest.approx(14.0)
    assert row["actual_units"] == 21.0
    assert row["incremental_units"] == pytest.approx(7.0)
    assert row["uplift"] == pytest.approx(0.5)
    assert row["uplift_low"] < 0.5 < row["uplift_high"]
    # The 14 days after: 1 a day for a week, then 2 again → 7 units pulled forward (dip 25 %).
    assert row["post_days"] == 14
    assert row["pull_forward_units"] == pytest.approx(7.0)
    assert row["dip"] == pytest.approx(0.25)
    # The sister SKU lost 1 a day.
    assert row["cannibalised_units"] == pytest.approx(7.0)
    assert row["net_incremental_units"] == pytest.approx(-7.0)
    # Money: price 10, cost 4 (unit margin 6), 2 off per unit during the promotion.
    assert row["discount_cost"] == pytest.approx(42.0)
    assert row["actual_revenue"] == pytest.approx(168.0)
    # 168 − 84 cost − 84 baseline margin − 42 pulled forward − 42 cannibalised.
    assert row["incremental_margin"] == pytest.approx(-84.0)
    assert row["incremental_revenue"] == pytest.approx(168.0 - 140.0 - 70.0 - 70.0)
    assert row["roi"] == pytest.approx(-84.0 / 42.0)


def test_other_promotions_are_left_out_of_the_baseline(promo_wb) -> None:
    row = promotion.estimate_promotions(promo_wb, month("2025-09")).set_index("promo_id").loc["P1"]
    # 56 pre-period days minus the 3 days of the flash sale on the same SKU.
    assert row["pre_days"] == promotion.PRE_DAYS - 3
    assert row["baseline_units"] == pytest.approx(14.0)  # 10 a day on those days would inflate it


def test_promotion_spend_comes_off_the_margin(root: Path) -> None:
    wb = _promo_store(root, spend=100.0, with_other_promo=False)
    row = promotion.estimate_promotions(wb, month("2025-09")).set_index("promo_id").loc["P1"]
    assert row["promotion_spend"] == pytest.approx(100.0)
    assert row["incremental_margin"] == pytest.approx(-184.0)
    assert row["roi"] == pytest.approx(-184.0 / 142.0)


def test_platform_filter_keeps_other_platforms_out(promo_wb) -> None:
    with pytest.raises(NoDataError, match="no promotion runs in 2025-09 on jd"):
        promotion.estimate_promotions(promo_wb, month("2025-09"), ["jd"])


def test_list_promotions_and_the_calendar(promo_wb) -> None:
    listed = promotion.list_promotions(promo_wb, month("2025-08"))
    assert listed[["promo_id", "platform", "days", "scope_kind", "n_skus"]].values.tolist() == [
        ["P0", "tmall", 3, "sku", 1]
    ]


def test_month_without_promotions_says_so(promo_wb) -> None:
    with pytest.raises(NoDataError) as err:
        promotion.list_promotions(promo_wb, month("2025-07"))
    assert "no promotion runs in 2025-07" in str(err.value)
    assert "choose another month" in str(err.value)


def test_sum_daily_sales_counts_paid_orders_only(promo_wb) -> None:
    one_day = Period(date(2025, 9, 8), date(2025, 9, 9), "d")
    sales = promotion.sum_daily_sales(promo_wb, one_day, by=("sku",)).set_index("sku")
    assert sales.loc["T1", "units"] == 3.0
    assert sales.loc["T1", "revenue"] == pytest.approx(24.0)
    assert sales.loc["T1", "discount_amount"] == pytest.approx(6.0)
    assert sales.loc["M1", "cost_amount"] == pytest.approx(80.0)


def test_compare_promotions_lists_the_history(promo_wb) -> None:
    history = promotion.compare_promotions(promo_wb, month("2025-09"))
    assert history["promo_id"].tolist() == ["P0", "P1"]
    p1 = history.set_index("promo_id").loc["P1"]
    assert p1["margin_per_discount"] == pytest.approx(-84.0 / 42.0)


def test_coupon_redemption_by_hand(root: Path) -> None:
    day = date(2025, 9, 10)
    orders, lines = sales_rows([
        (day, "jd", "T1", 1, 10.0, 1.0, "C1"),
        (day, "jd", "T1", 2, 10.0, 2.0, "C1"),
        (day, "jd", "T1", 1, 10.0, 0.0, None),   # eligible, did not redeem
        (day, "jd", "M1", 1, 20.0, 0.0, None),   # not eligible (another category)
        (day, "tmall", "T1", 1, 10.0, 0.0, None),  # another platform
    ])
    wb = build_store(root, {
        "products": [product("T1", "bath"), product("M1", "decor")],
        "promotions": [{"promo_id": "C1", "promo_name": "Bath coupon", "promo_type": "coupon",
                        "platform": "jd", "starts_on": "2025-09-08", "ends_on": "2025-09-14",
                        "discount_pct": "0.10", "scope": "category:bath", "budget_amount": "30.00"}],
        "orders": orders, "order_lines": lines,
    })
    row = promotion.measure_coupon_redemption(wb, month("2025-09")).iloc[0]
    assert (row["eligible_orders"], row["redeemed_orders"]) == (3, 2)
    assert pd.isna(row["coupon_code"])  # the tiny orders carry no code: only redeeming orders name it
    # The twelve months to October still hold September's coupon.
    assert promotion.measure_coupon_redemption(wb, month("2025-10"), months=12)["promo_id"].tolist() == ["C1"]
    assert row["redemption_rate"] == pytest.approx(2 / 3)
    assert row["coupon_discount_amount"] == pytest.approx(3.0)
    assert row["budget_used"] == pytest.approx(0.1)


# --------------------------------------------------------------------------- report helpers

def test_trace_of_a_promotion_by_hand(promo_wb) -> None:
    trace = promotion.trace_promotion(promo_wb, month("2025-09"))
    assert trace["promo_id"].unique().tolist() == ["P1"]
    assert trace["phase"].value_counts().to_dict() == {"pre": promotion.PRE_DAYS, "promotion": 7,
                                                       "post": promotion.POST_DAYS}
    assert trace["expected"].round(9).eq(2.0).all()  # k = 2 a day on a flat market
    facts = promotion.trace_facts(trace)
    assert (facts["units"], facts["expected"], facts["post_units"], facts["post_expected"]) == (21, 14, 21, 28)
    assert facts["uplift"] == pytest.approx(0.5) and facts["dip"] == pytest.approx(0.25)
    assert facts["variant"] is None
    with pytest.raises(NoDataError, match="P0 does not run in 2025-09"):
        promotion.trace_promotion(promo_wb, month("2025-09"), promo_id="P0")


def test_effects_facts_and_headline(promo_wb) -> None:
    effects = promotion.estimate_promotions(promo_wb, month("2025-09"))
    facts = promotion.effects_facts(effects)
    assert (facts["promotions"], facts["paid"]) == (1, 0)
    assert facts["incremental_margin"] == pytest.approx(-84.0)
    assert facts["worst_name"] == "Towel week"
    record = {r["key"]: r for r in promotion.headline_record(effects, Text("zh"))}
    assert record["roi"]["value"] == pytest.approx(-2.0) and record["roi"]["label"] == "活动投资回报率"
    assert record["discount_cost"]["unit"] == "CNY"


def test_promotion_types_summary() -> None:
    history = pd.DataFrame({
        "promo_id": ["a", "b", "c"], "promo_type": ["coupon", "coupon", "bundle"],
        "discount_pct": [0.1, 0.2, 0.15], "discount_cost": [100.0, 100.0, 50.0],
        "incremental_margin": [50.0, -150.0, 25.0], "roi": [0.5, -1.5, 0.5],
    })
    types = promotion.summarise_promotion_types(history).set_index("promo_type")
    assert types.index.tolist() == ["bundle", "coupon"]  # most incremental margin first
    assert types.loc["coupon", "paid_share"] == 0.5
    assert types.loc["coupon", "margin_per_discount"] == pytest.approx(-100.0 / 200.0)
    facts = promotion.history_facts(history)
    assert facts["best_type"] == "promotion.type.bundle" and facts["worst_type"] == "promotion.type.coupon"


def test_losses_are_worded_as_least_negative_not_best() -> None:
    # Every type lost margin: "did best (−¥4,127)" misleads; the least negative is the word.
    history = pd.DataFrame({
        "promo_id": ["a", "b", "c"], "promo_type": ["flash_sale", "festival", "festival"],
        "discount_pct": [0.1, 0.2, 0.3], "discount_cost": [100.0, 100.0, 50.0],
        "incremental_margin": [-4127.0, -150000.0, -166955.0], "roi": [-0.5, -1.5, -0.5],
    })
    facts = promotion.history_facts(history)
    assert facts["variant"] == "losses"
    en = Text("en")("promotion.history.takeaway.losses", **facts)
    assert "Flash sale promotions were the least negative (−¥4,127)" in en and "did best" not in en
    assert "Festival the most negative (−¥316,955)" in en
    assert "秒杀类亏损最少（−¥4,127）" in Text("zh")("promotion.history.takeaway.losses", **facts)
    effects = history.assign(promo_name=["A", "B", "C"], uplift=0.1, uplift_low=-0.1, net_incremental_units=1.0)
    facts = promotion.effects_facts(effects)
    assert facts["variant"] == "losses" and facts["best_name"] == "A"
    assert "Least negative: A (−¥4,127" in Text("en")("promotion.effects.takeaway.losses", **facts)
    # One type that paid: the ordinary sentence.
    assert promotion.history_facts(history.assign(incremental_margin=[10.0, -1.0, -2.0]))["variant"] is None


def test_net_units_never_read_minus_zero() -> None:
    en = Text("en")
    assert en.number(-0.3, "count") == "0" and en.number(-0.6, "count") == "−1"
    assert en.number(-0.001, "ratio") == "0.00" and en.number(-1e-12, "pct") == "0%"
    assert en.number(-0.00001, "pct") == "\u2212<0.01%"  # a share just below zero is not zero, nor −0
    from storebook.report.tables import format_table
    html = format_table(pd.DataFrame({"net_incremental_units": [-0.3], "lead_time_excess_days": [-0.04]}), en).to_html()
    assert ">0<" in html and ">0.0<" in html and "-0" not in html


def test_promotions_ranked_by_impact_and_named_without_codes() -> None:
    effects = pd.DataFrame({"promo_id": ["P1", "P2", "P3", "P4"],
                            "promo_name": ["双112026 天猫 home_textiles会场", "官网 skincare 限时折扣 1104",
                                           "Spring towels", "unknown sale"],
                            "incremental_margin": [-50.0, 900.0, np.nan, -1200.0]})
    ranked = promotion.rank_by_impact(effects)
    assert ranked["promo_id"].tolist() == ["P4", "P2", "P1", "P3"]   # |−1,200| > 900 > |−50|, unknown last
    zh = promotion.name_promotions(effects, Text("zh"))["promo_name"].tolist()
    assert zh[:3] == ["双112026 天猫 家纺会场", "官网 护肤 限时折扣 1104", "Spring towels"]
    assert zh[3] == "unknown sale"   # a word that is no category code of the data stays as written
    en = promotion.name_promotions(effects, Text("en"))["promo_name"].tolist()
    assert en[0] == "双112026 天猫 Home textiles会场" and "home_textiles" not in " ".join(en)
    assert effects["promo_name"].iloc[0].endswith("home_textiles会场")   # the frame given is not changed


def test_a_month_without_coupons_is_empty_not_an_error(promo_wb) -> None:
    coupons = promotion.measure_coupon_redemption(promo_wb, month("2025-09"))
    assert coupons.empty and promotion.coupon_facts(coupons)["variant"] == "none"


def test_interval_never_goes_below_no_sales() -> None:
    r = promotion.estimate_count_effect(0.0, 2.0, 4.0, np.ones(4), np.ones(4))
    assert r["effect"] == pytest.approx(-2.0) and r["effect_low"] == pytest.approx(-2.0)
    assert r["lift_low"] == pytest.approx(-1.0)


# --------------------------------------------------------------------------- planted truths (sample store)

def _estimate_planted(wb, planted: dict) -> pd.Series:
    effects = promotion.estimate_promotions(wb, month(planted["starts_on"][:7]), [planted["platform"]])
    return effects.set_index("promo_id").loc[planted["promo_id"]]


def _assert_finds_planted_uplift(wb, u: dict) -> pd.Series:
    row = _estimate_planted(wb, u)
    assert row["pre_days"] == promotion.PRE_DAYS  # its clean window: every pre-period day usable
    # What the data holds: the units sold over the generator's own counterfactual baseline.
    realised = u["realised_units"] - u["baseline_units"]
    assert row["incremental_units_low"] <= realised <= row["incremental_units_high"]
    assert row["uplift_low"] > 0  # a clear uplift
    return row


@pytest.mark.slow
def test_planted_uplift_promotion_interval_on_the_shared_store(wb, truth) -> None:
    _assert_finds_planted_uplift(wb, truth["truths"]["promo_uplift"])


@pytest.fixture(scope="module")
def full_volume(full_volume_root):
    truth = json.loads((full_volume_root / "data" / "raw" / "_truth.json").read_text(encoding="utf-8"))
    return storebook.open(full_volume_root / "data" / "processed", root=full_volume_root), truth


@pytest.mark.slow
def test_planted_uplift_promotion_within_20_percent(full_volume) -> None:
    """The issue's bar, on a store whose volume lets an estimate be held to it (see full_volume_root)."""
    wb, truth = full_volume
    u = truth["truths"]["promo_uplift"]
    row = _assert_finds_planted_uplift(wb, u)
    assert row["incremental_units"] == pytest.approx(u["incremental_units"], rel=0.2)
    assert row["uplift"] == pytest.approx(u["true_uplift_pct"], rel=0.2)


@pytest.mark.slow
def test_planted_pull_forward_promotion_at_full_volume(full_volume) -> None:
    """No uplift, even where the interval is narrow; the dip sized within ±20%."""
    wb, truth = full_volume
    p = truth["truths"]["promo_pull_forward"]
    row = _estimate_planted(wb, p)
    assert row["uplift_low"] <= 0 <= row["uplift_high"]
    assert row["uplift_high"] - row["uplift_low"] < 0.2  # narrow: "no uplift" is a finding, not a shrug
    assert row["pull_forward_units"] == pytest.approx(p["dip_lost_units"], rel=0.2)


@pytest.mark.slow
def test_planted_pull_forward_promotion(wb, truth) -> None:
    p = truth["truths"]["promo_pull_forward"]
    row = _estimate_planted(wb, p)
    assert p["true_uplift_pct"] == 0
    assert row["uplift_low"] <= 0 <= row["uplift_high"]  # indistinguishable from no uplift
    assert row["post_days"] == promotion.POST_DAYS
    assert row["pull_forward_units"] > 0  # the dip after it is found …
    assert row["pull_forward_low"] <= p["dip_lost_units"] <= row["pull_forward_high"]  # … and sized


# --------------------------------------------------------------------------- charts

def test_promotion_charts_render_with_catalogue_labels(promo_wb) -> None:
    from storebook.report import plots

    plots.use_house_style()
    zh = Text("zh")
    promos = promotion.list_promotions(promo_wb, month("2025-09"))
    fig = plots.timeline(promos.assign(platform="all"), zh, start="starts_on", end="ends_on", label="promo_name",
                         china=True, first=date(2025, 9, 1), last=date(2025, 9, 30), title="t")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["全平台"]
    effects = promotion.estimate_promotions(promo_wb, month("2025-09"))
    fig = plots.interval_dots(effects, zh, category="promo_name", value="uplift", colour_by="platform", title="t")
    assert fig.axes[0].get_xlabel() == zh("metric.uplift")
    history = promotion.compare_promotions(promo_wb, month("2025-09"))
    fig = plots.scatter_by_kind(history, zh, x="discount_pct", y="incremental_margin", kind="promo_type", title="t")
    assert {t.get_text() for t in fig.legends[0].get_texts()} == {"限时折扣", "秒杀"}
    trace = promotion.trace_promotion(promo_wb, month("2025-09"))
    fig = plots.actual_vs_expected(trace, zh, value="units", expected="expected", since=PROMO_START,
                                   until=PROMO_END, window="legend.promotion", smooth=7, title="t")
    assert zh("legend.promotion") in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert all(len(plots.to_png(f)) > 1000 for f in [fig])


# --------------------------------------------------------------------------- the notebook

@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-promotion")
def test_promotion_notebook_records_the_library_and_the_planted_promotions(sample_root, wb, truth, tmp_path) -> None:
    from storebook.report.results import read_results
    from support.notebooks import run_notebook

    results = read_results(run_notebook("promotion", {}, sample_root, tmp_path))
    assert results["promotion.notices"] == []
    effects = promotion.estimate_promotions(wb, wb.last_complete_month())
    recorded = pd.DataFrame(results["promotion.effects"])
    assert recorded["promo_id"].tolist() == effects["promo_id"].tolist()
    assert np.allclose(recorded["incremental_margin"], effects["incremental_margin"])
    # The year's history holds both planted promotions, as the tests above read them.
    history = pd.DataFrame(results["promotion.history"]).set_index("promo_id")
    uplift, pull = truth["truths"]["promo_uplift"], truth["truths"]["promo_pull_forward"]
    assert history.loc[uplift["promo_id"], "uplift_low"] > 0
    assert history.loc[pull["promo_id"], "uplift_low"] <= 0 <= history.loc[pull["promo_id"], "uplift_high"]
    assert history.loc[pull["promo_id"], "pull_forward_units"] > 0
    headline = {r["key"]: r["value"] for r in results["promotion.headline"]}
    assert headline["promotions"] == len(effects)
    assert headline["incremental_margin"] == pytest.approx(effects["incremental_margin"].sum())


@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-promotion")
def test_promotion_notebook_for_the_planted_month_in_chinese(sample_root, wb, truth, tmp_path) -> None:
    from storebook.report.results import read_results
    from support.notebooks import outputs, run_notebook

    uplift = truth["truths"]["promo_uplift"]
    nb = run_notebook("promotion", {"month": uplift["starts_on"][:7], "platforms": [uplift["platform"]],
                                    "language": "zh"}, sample_root, tmp_path)
    results = read_results(nb)
    assert results["promotion.notices"] == [] and outputs(nb, "error") == []
    effects = pd.DataFrame(results["promotion.effects"]).set_index("promo_id")
    assert set(effects["platform"]) <= {uplift["platform"], "all"}
    assert effects.loc[uplift["promo_id"], "uplift_low"] > 0
    title = outputs(nb, "display_data")[0]["data"]["text/markdown"]
    assert title.startswith("# 营销活动") and Text("zh")(f"platform.{uplift['platform']}") in title


def test_coupon_facts_name_the_weakest_coupon() -> None:
    coupons = pd.DataFrame({"promo_name": ["a", "b"], "eligible_orders": [10, 10], "redeemed_orders": [5, 2],
                            "redemption_rate": [0.5, 0.2], "coupon_discount_amount": [50.0, 10.0],
                            "budget_amount": [100.0, 100.0]})
    facts = promotion.coupon_facts(coupons)
    assert (facts["lowest_name"], facts["lowest_rate"], facts["rate"]) == ("b", 0.2, 7 / 20)
    assert facts["budget_used"] == pytest.approx(60 / 200)


def test_coupons_counted_together_as_one_by_one(root: Path) -> None:
    """Every coupon is counted in one query: overlapping coupons each count an order that
    holds their SKUs, an all-platform coupon counts every platform, an order with two
    eligible lines counts once, and a coupon without eligible orders reads zero."""
    orders, lines = sales_rows([
        (date(2025, 9, 10), "jd", "T1", 1, 10.0, 1.0, "C1"),
        (date(2025, 9, 10), "jd", "T1", 1, 10.0, 2.0, "C2"),     # also holds T2 (below)
        (date(2025, 9, 12), "tmall", "M1", 1, 20.0, 0.0, None),
        (date(2025, 9, 21), "tmall", "M1", 1, 20.0, 0.0, None),  # the day after C2
        (date(2025, 9, 14), "jd", "T1", 1, 10.0, 0.0, None),     # C1's last day
    ])
    lines.append({"order_id": "O000001", "line_no": "2", "sku": "T2", "quantity": "1", "unit_price": "10.00",
                  "discount_amount": "0.00", "line_amount": "10.00"})
    lines.append({"order_id": "O000000", "line_no": "2", "sku": "T2", "quantity": "1", "unit_price": "10.00",
                  "discount_amount": "0.00", "line_amount": "10.00"})

    def coupon(promo_id, platform, starts_on, ends_on, scope):
        return {"promo_id": promo_id, "promo_name": promo_id, "promo_type": "coupon", "platform": platform,
                "starts_on": starts_on, "ends_on": ends_on, "discount_pct": "0.10", "scope": scope,
                "budget_amount": "10.00"}

    wb = build_store(root, {
        "products": [product("T1", "bath"), product("T2", "bath"), product("M1", "decor")],
        "promotions": [coupon("C1", "jd", "2025-09-08", "2025-09-14", "category:bath"),
                       coupon("C2", "", "2025-09-10", "2025-09-20", "sku:M1|T2"),
                       coupon("C3", "tmall", "2025-09-25", "2025-09-26", "category:bath")],
        "orders": orders, "order_lines": lines,
    })
    out = promotion.measure_coupon_redemption(wb, month("2025-09")).set_index("promo_id")
    assert out.loc["C1", ["eligible_orders", "redeemed_orders"]].tolist() == [3, 1]   # O0 (T1 and T2 once), O1, O4
    assert out.loc["C1", "coupon_discount_amount"] == pytest.approx(1.0)
    assert out.loc["C2", ["eligible_orders", "redeemed_orders"]].tolist() == [3, 1]   # O0, O1 on jd, O2 on tmall
    assert out.loc["C2", "coupon_discount_amount"] == pytest.approx(2.0)
    assert out.loc["C3", ["eligible_orders", "redeemed_orders"]].tolist() == [0, 0]
    assert pd.isna(out.loc["C3", "redemption_rate"])
    assert out.index.tolist() == ["C1", "C2", "C3"]                                   # by start date


@pytest.mark.slow
def test_coupons_apart_read_their_own_days_and_count_as_the_whole_table(root: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Coupons of July and September: the orders and lines of their days only are read
    (row groups of two lines), an order placed in June and paid in the July coupon's days
    still counts, and the counts are those of the whole tables."""
    import storebook.ingest.writing as writing
    from storebook.engine import lines as lines_module

    monkeypatch.setattr(writing, "ROW_GROUP", 2)
    monkeypatch.setattr(lines_module, "MIN_ROW_GROUPS", 1)
    sales = [(d, "jd", "T1", 1, 10.0, 0.0, None) for d in days(date(2025, 6, 1), 120)]   # one order a day
    sales += [(date(2025, 7, 10), "jd", "T1", 1, 10.0, 1.0, "C1"),
              (date(2025, 7, 11), "jd", "M1", 1, 20.0, 0.0, None),                      # not C1's SKUs
              (date(2025, 9, 16), "jd", "T1", 2, 10.0, 3.0, "C2")]
    orders, lines = sales_rows(sales)
    orders[0]["paid_at"] = "2025-07-12 09:00:00"  # placed 1 June, paid in C1's days
    coupon = {"promo_type": "coupon", "platform": "jd", "discount_pct": "0.10", "scope": "category:bath",
              "budget_amount": "10.00"}
    wb = build_store(root, {
        "products": [product("T1", "bath"), product("M1", "decor")],
        "promotions": [{**coupon, "promo_id": "C1", "promo_name": "C1", "starts_on": "2025-07-08",
                        "ends_on": "2025-07-14"},
                       {**coupon, "promo_id": "C2", "promo_name": "C2", "starts_on": "2025-09-15",
                        "ends_on": "2025-09-17"}],
        "orders": orders, "order_lines": lines,
    })
    out = promotion.measure_coupon_redemption(wb, month("2025-09"), months=3).set_index("promo_id")
    # C1: the seven daily T1 orders of 8–14 July, the one placed 1 June and paid 12 July, the
    # coupon order (not the M1 order); C2: the three of 15–17 September and the coupon order.
    assert out.loc["C1", ["eligible_orders", "redeemed_orders"]].tolist() == [7 + 1 + 1, 1]
    assert out.loc["C2", ["eligible_orders", "redeemed_orders"]].tolist() == [3 + 1, 1]
    assert out.loc["C2", "coupon_discount_amount"] == pytest.approx(3.0)
    assert lines_module._row_groups(wb) is not None
    monkeypatch.setattr(lines_module, "_row_groups", lambda wb: None)  # the whole tables
    pd.testing.assert_frame_equal(out.reset_index(),
                                  promotion.measure_coupon_redemption(storebook.open(), month("2025-09"), months=3))


def test_the_calendars_average_depth_reads_as_its_table_does() -> None:
    """A promotion's discount_pct is a share of the list price (the contract: 0 ≤ x < 1), written by
    the share rule in the calendar's table and in its sentence alike: coupons at 5% and 7% off average
    6% (two decimals below 10%: 6.00%, as the table's 5.00% and 7.00%); one with no depth (optional)
    is left out of the average, not counted as 0."""
    from storebook.report.tables import format_table

    promos = pd.DataFrame({"promo_name": ["A", "B", "C"], "promo_type": ["coupon"] * 3, "platform": ["web"] * 3,
                           "budget_amount": [100.0, 200.0, 0.0], "discount_pct": [0.05, 0.07, np.nan]})
    facts = promotion.calendar_facts(promos)
    assert facts["mean_discount"] == pytest.approx(0.06)
    for language, said in (("en", "at an average depth of 6.00%."), ("zh", "平均折扣力度6.00%。")):
        text = Text(language)
        assert text("promotion.calendar.takeaway", **facts).endswith(said)
        table = format_table(promos, text, columns=["promo_name", "discount_pct"]).to_html()
        assert ">5.00%<" in table and ">7.00%<" in table
