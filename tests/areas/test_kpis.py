"""The overview: status and target composition by hand; on the sample store, every scorecard
number equals the number of the area report that owns it (one definition per metric)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import storebook
from storebook.areas import conversion, profit, service, supplier, traffic
from storebook.areas import overview as kpis
from storebook.engine import periods
from storebook.errors import NoDataError
from support.notebooks import errors, run_notebook

# -- by hand --------------------------------------------------------------------------------


@pytest.mark.parametrize("value, target, higher, expected", [
    (1.00, 1.00, True, "green"), (0.96, 1.00, True, "amber"), (0.949, 1.00, True, "red"),
    (0.50, 0.60, False, "green"), (0.62, 0.60, False, "amber"), (0.64, 0.60, False, "red"),
    (3.0, 0.0, False, "red"), (0.0, 0.0, False, "green"), (None, 1.0, True, "no_data"), (1.0, None, True, "no_target"),
])
def test_status(value, target, higher, expected) -> None:
    assert kpis.status(value, target, higher) == expected


def _targets(rows: list[tuple]) -> pd.DataFrame:
    f = pd.DataFrame(rows, columns=["month_on", "platform", "channel", "metric", "target_value"])
    return f.assign(month_on=pd.to_datetime(f["month_on"]).astype("datetime64[us]"))


@pytest.fixture
def targets_wb(root: Path) -> storebook.Workbook:
    frame = _targets([
        ("2026-03-01", "tmall", "all", "paid_amount", 1000.0),
        ("2026-03-01", "jd", "all", "paid_amount", 500.0),
        ("2026-03-01", "tmall", "all", "conversion_rate", 0.04),
        ("2026-03-01", "jd", "all", "conversion_rate", 0.01),
        ("2026-03-01", "tmall", "paid_search", "marketing_spend_amount", 100.0),
        ("2026-03-01", "tmall", "social", "marketing_spend_amount", 50.0),
        ("2026-03-01", "jd", "paid_search", "marketing_spend_amount", 30.0),
        ("2026-03-01", "tmall", "all", "csat", 4.5),  # jd has no csat target: no total
    ])
    folder = root / "data" / "processed" / "targets"
    folder.mkdir(parents=True)
    frame.to_parquet(folder / "part-0.parquet", index=False)
    return storebook.open()


def test_targets_compose_into_a_total(targets_wb) -> None:
    actuals = pd.DataFrame({"platform": ["tmall", "jd"], "metric": ["visitors", "visitors"], "value": [3000.0, 1000.0]})
    out = kpis.read_targets(targets_wb, periods.month("2026-03"), ["tmall", "jd"], actuals=actuals)
    got = {(r.platform, r.metric): r.target for r in out.itertuples()}
    assert got[("total", "paid_amount")] == 1500
    assert got[("tmall", "marketing_spend")] == 150  # the channels' budgets add up
    assert got[("total", "marketing_spend")] == 180
    # conversion: the platforms' targets weighted by their visitors: (0.04·3000 + 0.01·1000) / 4000
    assert got[("total", "conversion_rate")] == pytest.approx(0.0325)
    assert ("total", "csat") not in got  # a platform without a target leaves the total open
    # without the month's actuals, no ratio total
    bare = kpis.read_targets(targets_wb, periods.month("2026-03"), ["tmall", "jd"])
    assert not ((bare.platform == "total") & (bare.metric == "conversion_rate")).any()


def test_month_without_targets_says_so(targets_wb) -> None:
    with pytest.raises(NoDataError, match=r"no targets for 2026-04 on tmall, jd: the targets table covers 2026-03 to 2026-03"):
        kpis.read_targets(targets_wb, periods.month("2026-04"), ["tmall", "jd"])


# -- the sample store: one definition per metric ------------------------------------------------
MONTH = "2026-10"


@pytest.fixture(scope="module")
def card(sample_root: Path) -> pd.DataFrame:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("STOREBOOK_ROOT", str(sample_root))
        wb = storebook.open()
        return kpis.build_scorecard(wb, periods.month(MONTH))


def _value(card: pd.DataFrame, metric: str, platform: str) -> float:
    row = card[(card.metric == metric) & (card.platform == platform)]
    assert len(row) == 1, (metric, platform)
    return float(row.value.iloc[0])


@pytest.mark.slow
def test_overview_equals_the_area_reports_to_the_cent(wb, card) -> None:
    month = periods.month(MONTH)
    plats = wb.platforms()
    checked = 0

    def same(metric: str, platform: str, expected: float, tol: float = 1e-9) -> None:
        nonlocal checked
        assert _value(card, metric, platform) == pytest.approx(float(expected), abs=tol, rel=0), (metric, platform)
        checked += 1

    tr = traffic.summarise_traffic(wb, month).set_index("platform")
    refunds = service.compute_refund_rate(wb, month, by="platform").set_index("platform")
    refunds.loc["total"] = service.compute_refund_rate(wb, month).iloc[0]
    pnl = profit.contribution_pnl(wb, month).set_index("platform")
    csat = service.compute_csat(wb, month, by="platform").set_index("platform")
    csat.loc["total"] = service.compute_csat(wb, month).iloc[0]
    comp = service.compute_complaint_rate(wb, month, by="platform").set_index("platform")
    comp.loc["total"] = service.compute_complaint_rate(wb, month).iloc[0]
    for p in [*plats, "total"]:
        for m in ("paid_amount", "orders", "buyers"):
            same(m, p, tr.at[p, m], 0.005)
        for m in ("aov", "conversion_rate", "uv_value"):
            same(m, p, tr.at[p, m])
        same("net_sales", p, refunds.at[p, "net_amount"], 0.005)
        same("net_sales", p, pnl.at[p, "net_sales"], 0.005)  # the P&L's net sales are the same
        same("refund_rate", p, refunds.at[p, "refund_rate"])
        same("gross_margin", p, pnl.at[p, "gross_margin"], 0.005)
        paid = traffic.paid_traffic(wb, month, plats if p == "total" else [p]).set_index("channel").loc["total"]
        same("marketing_spend", p, paid["spend_amount"], 0.005)
        same("roas", p, paid["roas"])
        same("csat", p, csat.at[p, "csat"])
        same("complaints_per_1000_orders", p, comp.at[p, "complaints_per_1000_orders"])
    scored = supplier.score_suppliers(wb, month)
    otif_lines = (scored["otif_rate"] * scored["n_lines"]).round().sum()
    same("otif_rate", "total", otif_lines / scored["n_lines"].sum())
    assert checked == 5 * 14 + 1  # 13 metrics per platform (net sales checked twice), OTIF once
    # and the comparison months are the same functions on those months
    prior = traffic.summarise_traffic(wb, month.prior()).set_index("platform")
    row = card[(card.metric == "paid_amount") & (card.platform == "total")].iloc[0]
    assert row.prior == pytest.approx(prior.at["total", "paid_amount"], abs=0.005)
    assert row.vs_prior == pytest.approx(row.value / row.prior - 1)


@pytest.mark.slow
def test_scorecard_against_the_targets_table(wb, card) -> None:
    t = wb.sql("select platform, metric, target_value from targets where month_on = '2026-10-01'")
    jd_csat = t[(t.platform == "jd") & (t.metric == "csat")].target_value.iloc[0]
    row = card[(card.metric == "csat") & (card.platform == "jd")].iloc[0]
    assert row.target == pytest.approx(jd_csat)
    assert row.status == kpis.status(row.value, jd_csat, True)
    paid = t[t.metric == "paid_amount"].target_value.sum()
    assert card[(card.metric == "paid_amount") & (card.platform == "total")].target.iloc[0] == pytest.approx(paid)
    spend = t[t.metric == "marketing_spend_amount"].target_value.sum()
    assert card[(card.metric == "marketing_spend") & (card.platform == "total")].target.iloc[0] == pytest.approx(spend)
    # every platform × metric of the grid is there; OTIF only for the store
    assert len(card) == 14 * 5 + 1
    conv = card[(card.metric == "conversion_rate") & (card.platform == "jd")].iloc[0]
    visitors = traffic.summarise_traffic(wb, periods.month(MONTH)).set_index("platform").at["jd", "visitors"]
    assert conv.weight == visitors  # a ratio carries its denominator
    assert set(card.status) <= {"green", "amber", "red", "no_target", "no_data"}
    assert (card[card.metric.isin(["net_sales", "uv_value", "otif_rate"])].status == "no_target").all()


@pytest.mark.slow
def test_month_with_budgets_only_is_compared_without_targets(wb) -> None:
    # the sample store budgets marketing every month but sets the other targets for its last two
    card = kpis.build_scorecard(wb, periods.month("2026-06"))
    spend = card[card.metric == "marketing_spend"]
    assert spend.target.notna().all() and set(spend.status) <= {"green", "amber", "red"}
    others = card[card.metric != "marketing_spend"]
    assert others.target.isna().all() and set(others[others.metric != "store_rating"].status) == {"no_target"}
    # the store rating: no target, and none at all for the web shop (no platform rates it)
    rating = others[others.metric == "store_rating"].set_index("platform").status
    assert rating.drop("web").eq("no_target").all() and rating["web"] == "no_data"
    note = next(n for n in card.attrs["notes"] if n.startswith("no targets for 2026-06"))
    assert "paid_amount" in note and "csat" in note and "marketing_spend" not in note
    assert card[(card.metric == "paid_amount") & (card.platform == "total")].value.notna().all()
    # a month before the data has nothing to compare with, and says so instead of failing
    assert card[card.metric == "paid_amount"].last_year.isna().all()


@pytest.mark.slow
def test_what_changed_names_the_planted_conversion_drop(wb, truth) -> None:
    drop = truth["truths"]["mobile_conversion_drop"]
    month = periods.month(drop["month"])
    changes = kpis.explain_changes(wb, month, top=len(kpis.SCORECARD)).set_index("metric")
    facts = changes.at["conversion_rate", "facts"]
    assert changes.at["conversion_rate", "driver_kind"] == "segment"
    assert (facts["platform"], facts["device"]) == (drop["platform"], drop["device"])
    # the same driver as the conversion report's own decomposition
    own = conversion.drivers_facts(conversion.decompose_conversion(wb, month))
    assert facts["effect"] == pytest.approx(own["top_effect"])
    # one line per story: paid amount speaks for sales (orders, buyers, net sales), conversion for UV value
    assert "paid_amount" in changes.index and not {"orders", "buyers", "net_sales", "uv_value"} & set(changes.index)
    card = kpis.build_scorecard(wb, month)
    total = card[card.platform == "total"].set_index("metric")
    families = {m: max(abs(total.at[k.key, "vs_prior"]) for k in kpis.SCORECARD if k.family == kpis.KPIS[m].family
                       and pd.notna(total.at[k.key, "vs_prior"])) for m in changes.index}
    sizes = [families[m] for m in changes.index]
    assert sizes == sorted(sizes, reverse=True)  # ranked by the family's largest move
    additive = changes.loc["paid_amount", "facts"]
    by_platform = card[(card.metric == "paid_amount") & (card.platform != "total")]
    biggest = by_platform.loc[(by_platform.value - by_platform.prior).abs().idxmax(), "platform"]
    assert additive["platform"] == biggest


@pytest.mark.slow
def test_sentences_for_every_movement_in_both_languages(wb) -> None:
    from storebook.report.text import Text

    changes = kpis.explain_changes(wb, periods.month(MONTH), top=len(kpis.SCORECARD))
    for language in ("en", "zh"):
        lines = kpis.describe_changes(changes, Text(language))
        assert len(lines) == len(changes) and all(lines)
        assert not any("{" in line or "nan" in line.lower() for line in lines)


@pytest.mark.slow
def test_budget_by_channel_adds_up_the_profit_report(wb) -> None:
    month = periods.month(MONTH)
    out = kpis.compare_budget_by_channel(wb, month).set_index("channel")
    lines = profit.compare_marketing_budget(wb, month)
    per_platform = lines[lines.channel == "total"]
    assert out.at["total", "spend"] == pytest.approx(per_platform.spend.sum(), abs=0.005)
    assert out.at["total", "budget"] == pytest.approx(per_platform.budget.sum(), abs=0.005)
    paid = lines[lines.channel == "paid_search"]
    assert out.at["paid_search", "spend"] == pytest.approx(paid.spend.sum(), abs=0.005)
    assert out.at["paid_search", "over_budget"] == pytest.approx(paid.spend.sum() - paid.budget.sum(), abs=0.005)
    assert out.at["total", "roas"] == pytest.approx(_value(kpis.build_scorecard(wb, month), "roas", "total"))


@pytest.mark.slow
def test_product_margins_are_the_profit_reports(wb) -> None:
    month = periods.month(MONTH)
    out = kpis.rank_product_margins(wb, month, n=5)
    margins = profit.compute_sku_margins(wb, month)
    assert out[out.group == "top"].sku.tolist() == margins.nlargest(5, "gross_margin").sku.tolist()
    assert out[out.group == "top"].gross_margin.tolist() == pytest.approx(margins.nlargest(5, "gross_margin").gross_margin.tolist())
    assert out[out.group == "bottom"].gross_margin.max() <= margins.gross_margin.nsmallest(5).max()
    assert out.share_of_margin.iloc[0] == pytest.approx(out.gross_margin.iloc[0] / margins.gross_margin.sum())


# -- the notebook ---------------------------------------------------------------------------------
@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-overview")
def test_overview_notebook_records_what_the_library_computes(sample_root, wb, tmp_path) -> None:
    from storebook.report.results import read_results

    nb = run_notebook("overview", {}, sample_root, tmp_path)
    assert errors(nb) == []
    results = read_results(nb)
    assert results["overview.notices"] == []
    headline = {e["key"]: e for e in results["overview.headline"]}
    assert set(headline) == {"paid_amount", "net_sales", "gross_margin", "conversion_rate", "refund_rate"}
    assert {e["unit"] for e in headline.values()} <= {"CNY", "ratio"}
    card = kpis.build_scorecard(wb, wb.last_complete_month())
    recorded = pd.DataFrame(results["overview.scorecard"])
    merged = card.merge(recorded, on=["metric", "platform"], suffixes=("", "_nb"))
    assert len(merged) == len(card) == 71
    assert ((merged.value - merged.value_nb).abs().fillna(0) <= 0.005).all()
    assert (merged.status == merged.status_nb).all()
    paid = traffic.summarise_traffic(wb, wb.last_complete_month()).set_index("platform").at["total", "paid_amount"]
    assert headline["paid_amount"]["value"] == pytest.approx(paid, abs=0.005)  # the traffic report's number
    assert len(results["overview.changes"]) == 5
    assert results["overview.budget"][-1]["channel"] == "total"


@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-overview")
def test_overview_notebook_for_another_month_platform_and_language(sample_root, wb, tmp_path) -> None:
    from storebook.report.results import read_results

    nb = run_notebook("overview", {"month": "2026-09", "platforms": ["jd"], "language": "zh"}, sample_root, tmp_path)
    assert errors(nb) == []
    results = read_results(nb)
    recorded = pd.DataFrame(results["overview.scorecard"])
    assert set(recorded.platform) == {"jd", "total"}
    jd = recorded[recorded.platform == "jd"].set_index("metric")
    own = traffic.summarise_traffic(wb, periods.month("2026-09"), ["jd"]).set_index("platform")
    assert jd.at["paid_amount", "value"] == pytest.approx(own.at["jd", "paid_amount"], abs=0.005)
    assert jd.at["csat", "value"] == pytest.approx(service.compute_csat(wb, periods.month("2026-09"), ["jd"]).csat.iloc[0])
    shown = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))
    assert "经营概览 — 2026-09" in shown and "京东" in shown
