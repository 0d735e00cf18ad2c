"""Profit: a hand-computed contribution P&L that sums to the penny, budgets and ratios,
clear messages when fees or costs are missing, and the P&L of the sample store reconciled
with its orders, refunds, spend and shipments to the cent."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
import storebook.report.text
from conftest import tables_dir
from storebook.areas import profit, service
from storebook.engine.periods import month
from storebook.errors import NoDataError
from storebook.measures.returns import sum_paid_orders
from support.stores import write_tables

MARCH = month("2026-03")

PRODUCTS = [
    {"sku": "A", "category": "beauty", "list_price": 60.0, "unit_cost": 20.0, "supplier_id": "S1"},
    {"sku": "B", "category": "home", "list_price": 120.0, "unit_cost": 50.0, "supplier_id": "S1"},
]
FEES = [
    {"platform": "tmall", "category": "beauty", "commission_rate": 0.05, "valid_from": "2020-01-01"},
    {"platform": "tmall", "category": "home", "commission_rate": 0.04, "valid_from": "2020-01-01"},
    {"platform": "jd", "category": "beauty", "commission_rate": 0.06, "valid_from": "2020-01-01",
     "valid_to": "2026-03-14"},
    {"platform": "jd", "category": "beauty", "commission_rate": 0.03, "valid_from": "2026-03-15"},
    {"platform": "jd", "category": "home", "commission_rate": 0.05, "valid_from": "2020-01-01"},
]


def _order(oid, platform, paid_at, items, discount, shipping, refund=0.0, status="completed"):
    paid = pd.Timestamp(paid_at) if paid_at else None
    return {"order_id": oid, "platform": platform, "ordered_at": (paid or pd.Timestamp("2026-03-05")) - pd.Timedelta(minutes=5),
            "paid_at": paid, "status": status, "items_amount": items, "discount_amount": discount,
            "shipping_amount": shipping, "paid_amount": items - discount + shipping if paid else 0.0,
            "refund_amount": refund}


def _line(oid, no, sku, qty, price, discount):
    return {"order_id": oid, "line_no": no, "sku": sku, "quantity": qty, "unit_price": price,
            "discount_amount": discount, "line_amount": qty * price - discount}


def _ship(sid, oid, shipped, cost):
    return {"shipment_id": sid, "order_id": oid, "carrier": "SF", "warehouse": "W1", "province": "浙江",
            "shipped_at": shipped, "delivered_at": pd.Timestamp(shipped) + pd.Timedelta(days=2),
            "shipping_cost_amount": cost}


def _spend(day, platform, channel, amount, attributed=0.0):
    return {"spent_on": day, "platform": platform, "channel": channel, "campaign_id": f"{platform}-{channel}",
            "spend_amount": amount, "attributed_amount": attributed}


def _target(platform, metric, value, channel="all", month_on="2026-03-01"):
    return {"month_on": month_on, "platform": platform, "channel": channel, "metric": metric, "target_value": value}


def _tables() -> dict[str, list[dict]]:
    return {
        "products": PRODUCTS,
        "platform_fees": FEES,
        "orders": [
            _order("T1", "tmall", "2026-03-02 10:00", 240.0, 10.0, 0.0),
            _order("T2", "tmall", "2026-03-20 10:00", 60.0, 0.0, 8.0, refund=60.0),
            _order("J1", "jd", "2026-03-10 10:00", 180.0, 30.0, 0.0),
            _order("J2", "jd", "2026-03-20 10:00", 180.0, 20.0, 0.0),
            _order("C1", "tmall", None, 300.0, 0.0, 0.0, status="cancelled"),
            _order("F1", "tmall", "2026-02-28 10:00", 60.0, 0.0, 0.0),
            _order("F2", "tmall", "2026-02-28 22:00", 120.0, 0.0, 0.0),
        ],
        "order_lines": [
            _line("T1", 1, "A", 2, 60.0, 10.0), _line("T1", 2, "B", 1, 120.0, 0.0),
            _line("T2", 1, "A", 1, 60.0, 0.0),
            _line("J1", 1, "A", 3, 60.0, 30.0),
            _line("J2", 1, "A", 1, 60.0, 0.0), _line("J2", 2, "B", 1, 120.0, 20.0),
            _line("C1", 1, "A", 5, 60.0, 0.0),
            _line("F1", 1, "A", 1, 60.0, 0.0), _line("F2", 1, "B", 1, 120.0, 0.0),
        ],
        "returns": [{"return_id": "R1", "order_id": "T2", "sku": "A", "quantity": 1, "reason": "changed_mind",
                     "refund_amount": 60.0, "returned_on": "2026-03-25"}],
        "shipments": [
            _ship("S1", "T1", "2026-03-02 18:00", 12.34), _ship("S2", "T2", "2026-03-21 09:00", 8.0),
            _ship("S3", "J1", "2026-03-10 18:00", 9.99), _ship("S4", "J2", "2026-03-21 09:00", 5.0),
            _ship("S5", "J2", "2026-03-22 09:00", 5.0), _ship("S6", "F1", "2026-02-28 15:00", 7.0),
            _ship("S7", "F2", "2026-03-01 09:00", 7.0),
        ],
        "marketing_spend": [
            _spend("2026-03-03", "tmall", "paid_search", 50.0, attributed=400.0),
            _spend("2026-03-04", "tmall", "social", 25.5, attributed=30.0),
            _spend("2026-03-05", "jd", "paid_search", 40.0, attributed=200.0),
            _spend("2026-02-10", "tmall", "paid_search", 99.0),
            _spend("2026-04-01", "jd", "paid_search", 1000.0),
        ],
        "targets": [
            _target("tmall", "paid_amount", 300.0), _target("tmall", "gross_margin_amount", 150.0),
            _target("tmall", "contribution_margin_amount", 40.0), _target("tmall", "logistics_cost_amount", 25.0),
            _target("tmall", "marketing_spend_amount", 60.0, channel="paid_search"),
            _target("tmall", "marketing_spend_amount", 10.0, channel="social"),
            _target("jd", "marketing_spend_amount", 50.0, channel="paid_search"),
            _target("jd", "paid_amount", 320.0),
        ],
    }


@pytest.fixture
def store(root: Path) -> storebook.Workbook:
    return write_tables(root, **_tables())


# ----------------------------------------------------------------------------- the P&L by hand


def test_pnl_hand_computed_per_platform(store):
    pnl = profit.contribution_pnl(store, MARCH).set_index("platform")
    assert list(pnl.index) == ["tmall", "jd", "douyin", "web", "total"]
    t = pnl.loc["tmall"]
    assert t.orders == 2                                     # C1 never paid, F1/F2 paid in February
    assert (t.gross_sales, t.discounts, t.paid_amount) == (308.0, 10.0, 298.0)
    assert (t.refunds, t.net_sales) == (60.0, 238.0)
    assert t.cogs == 90.0                                   # 2×20 + 50 + 20, less T2's returned unit (20)
    assert t.gross_margin == 148.0
    assert t.commission == pytest.approx(13.30)             # 110×5% + 120×4% + 60×5%
    assert t.marketing == 75.5                              # February's 99 is not March's cost
    assert t.logistics == pytest.approx(27.34)              # incl. F2's parcel handed over on 1 March
    assert t.contribution_margin == pytest.approx(31.86)
    j = pnl.loc["jd"]
    assert j.commission == pytest.approx(15.80)             # 150×6% + 60×3% (new rate from 15 March) + 100×5%
    assert j.logistics == pytest.approx(19.99)              # two parcels of J2
    assert j.contribution_margin == pytest.approx(104.21)
    assert pnl.loc["douyin", "orders"] == 0 and pnl.loc["douyin", "contribution_margin"] == 0.0
    assert t.gross_margin_rate == pytest.approx(148 / 238)


def test_pnl_sums_to_the_penny(store):
    pnl = profit.contribution_pnl(store, MARCH)
    cents = (pnl[list(profit.PNL_LINES)] * 100).round().astype("int64")
    assert (cents["gross_sales"] - cents["discounts"] == cents["paid_amount"]).all()
    assert (cents["paid_amount"] - cents["refunds"] == cents["net_sales"]).all()
    assert (cents["net_sales"] - cents["cogs"] == cents["gross_margin"]).all()
    assert (cents["gross_margin"] - cents["commission"] - cents["marketing"] - cents["logistics"]
            == cents["contribution_margin"]).all()
    parts, total = cents.iloc[:-1].sum(), cents.iloc[-1]
    assert (parts == total).all()
    assert total["contribution_margin"] == 13607            # ¥136.07 = tmall 31.86 + jd 104.21
    assert np.allclose(pnl[list(profit.PNL_LINES)] * 100, cents)  # every line is a whole number of cents


def test_pnl_of_selected_platforms(store):
    pnl = profit.contribution_pnl(store, MARCH, ["jd"]).set_index("platform")
    assert list(pnl.index) == ["jd", "total"]
    assert pnl.loc["total", "contribution_margin"] == pytest.approx(104.21)


def test_budget_lines_and_comparison(store):
    b = profit.read_budget_lines(store, MARCH).set_index("platform")
    assert b.loc["tmall", "marketing"] == 70.0              # per-channel budgets summed
    assert np.isnan(b.loc["total", "paid_amount"])          # douyin and web have no budget
    jd_tm = profit.read_budget_lines(store, MARCH, ["tmall", "jd"]).set_index("platform")
    assert jd_tm.loc["total", "paid_amount"] == 620.0
    assert np.isnan(jd_tm.loc["total", "gross_margin"])     # jd has no margin budget
    c = profit.compare_pnl(store, MARCH, platforms=["tmall"], platform="tmall").set_index("line")
    assert c.loc["contribution_margin", "amount"] == pytest.approx(31.86)
    assert c.loc["contribution_margin", "budget_amount"] == 40.0
    assert c.loc["contribution_margin", "diff_budget_amount"] == pytest.approx(-8.14)
    assert c.loc["marketing", "vs_budget"] == pytest.approx(75.5 / 70 - 1)
    # February: F1, F2 paid; F1's parcel shipped in February; spend 99 → CM = 110 − 7.80 − 99 − 7.
    assert c.loc["contribution_margin", "prior_amount"] == pytest.approx(-3.80)
    assert np.isnan(c.loc["contribution_margin", "last_year_amount"])   # no March 2025
    assert c.loc["net_sales", "share"] == 1.0 and c.loc["cogs", "share"] == pytest.approx(90 / 238)
    facts = profit.pnl_facts(c.reset_index())
    assert facts["biggest_cost"] == "pnl.cogs" and facts["contribution_margin_rate"] == pytest.approx(31.86 / 238)


def test_cost_ratios_and_overspend(store):
    r = profit.compute_cost_ratios(store, MARCH, ["tmall", "jd"]).set_index("platform")
    assert r.loc["tmall", "marketing_ratio"] == pytest.approx(75.5 / 298)
    assert r.loc["tmall", "budget_marketing_ratio"] == pytest.approx(70 / 300)
    assert r.loc["tmall", "marketing_over"] == pytest.approx(5.5)
    assert r.loc["tmall", "logistics_over"] == pytest.approx(2.34)
    assert r.loc["jd", "marketing_over"] == pytest.approx(-10.0)
    m = profit.compare_marketing_budget(store, MARCH, ["tmall", "jd"])
    tm = m[m.platform == "tmall"].set_index("channel")
    assert list(tm.index) == ["social", "paid_search", "total"]   # largest overspend first
    assert tm.loc["social", "over_budget"] == pytest.approx(15.5) and tm.loc["social", "is_over"]
    assert not tm.loc["paid_search", "is_over"]
    assert tm.loc["paid_search", "roas"] == pytest.approx(8.0)
    assert tm.loc["paid_search", "margin_roas"] == pytest.approx(8.0 * 148 / 238)
    assert tm.loc["total", "spend"] == 75.5 and tm.loc["total", "budget"] == 70.0


def test_sku_margins_tie_to_the_pnl(store):
    s = profit.compute_sku_margins(store, MARCH).set_index("sku")
    assert s.loc["A", "units"] == 7 and s.loc["A", "units_returned"] == 1
    assert s.loc["A", "revenue"] == pytest.approx(110 + 60 + 150 + 60 - 60)
    assert s.loc["A", "cogs"] == pytest.approx(6 * 20)
    pnl = profit.contribution_pnl(store, MARCH).set_index("platform").loc["total"]
    shipping_charged = 8.0
    assert s["gross_margin"].sum() == pytest.approx(pnl.gross_margin - shipping_charged)


# ----------------------------------------------------------------------------- missing inputs


def test_missing_fee_names_platform_and_category(root):
    tables = _tables()
    tables["platform_fees"] = [f for f in FEES if not (f["platform"] == "jd" and f["category"] == "home")]
    wb = write_tables(root, **tables)
    with pytest.raises(NoDataError) as e:
        profit.contribution_pnl(wb, MARCH)
    assert "jd × home" in str(e.value) and "platform_fees" in str(e.value) and "2026-03-20" in str(e.value)
    # The 中文 pack says it in Chinese (it showed the English message on a real-like sparse store).
    from storebook.report.page import said_in
    from storebook.report.text import Text

    zh = said_in(Text("zh"), e.value)
    assert zh.startswith("平台佣金表（platform_fees）中没有jd × home在2026-03中") and "2026-03-20" in zh


def test_overlapping_fees_are_refused(root):
    tables = _tables()
    tables["platform_fees"] = [*FEES, {"platform": "tmall", "category": "home", "commission_rate": 0.1,
                                       "valid_from": "2026-03-01"}]
    wb = write_tables(root, **tables)
    with pytest.raises(NoDataError) as e:
        profit.contribution_pnl(wb, MARCH)
    assert "two rates" in str(e.value) and "tmall × home" in str(e.value)
    from storebook.report.page import said_in
    from storebook.report.text import Text

    assert "tmall × home在" in said_in(Text("zh"), e.value) and "两个有效的佣金率" in said_in(Text("zh"), e.value)


@pytest.mark.parametrize("table, words", [
    ("platform_fees", ["platform_fees", "commission"]),
    ("marketing_spend", ["marketing_spend"]),
    ("shipments", ["shipments", "storebook ingest"]),
])
def test_missing_cost_table_is_named(root, table, words):
    tables = _tables()
    del tables[table]
    wb = write_tables(root, **tables)
    with pytest.raises(NoDataError) as e:
        profit.contribution_pnl(wb, MARCH)
    for word in words:
        assert word in str(e.value)


def test_month_without_orders(store):
    with pytest.raises(NoDataError) as e:
        profit.contribution_pnl(store, month("2026-05"))
    assert "2026-05" in str(e.value)


# ----------------------------------------------------------------------------- the sample store


@pytest.mark.slow
def test_sample_pnl_reconciles_to_the_cent(wb, sample_root):
    """Recompute every P&L line with plain pandas from the processed Parquet files."""
    period = wb.last_complete_month()
    read = lambda t: pd.read_parquet(tables_dir(sample_root) / t)  # noqa: E731
    orders, lines, products = read("orders"), read("order_lines"), read("products")
    returns, spend, ships, fees = read("returns"), read("marketing_spend"), read("shipments"), read("platform_fees")
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    paid = orders[(orders.paid_at >= start) & (orders.paid_at < end)]
    ln = lines.merge(paid[["order_id", "platform", "paid_at"]], on="order_id").merge(products, on="sku")
    rt = returns.merge(paid[["order_id", "platform"]], on="order_id").merge(products, on="sku")
    ln["day"] = ln.paid_at.dt.normalize()
    fees = fees.assign(valid_from=pd.to_datetime(fees.valid_from), valid_to=pd.to_datetime(fees.valid_to))
    fx = ln.merge(fees, on=["platform", "category"])
    fx = fx[(fx.valid_from <= fx.day) & (fx.valid_to.isna() | (fx.valid_to >= fx.day))]
    assert len(fx) == len(ln)
    sp = spend[(pd.to_datetime(spend.spent_on) >= start) & (pd.to_datetime(spend.spent_on) < end)]
    sh = ships[(ships.shipped_at >= start) & (ships.shipped_at < end)].merge(orders[["order_id", "platform"]], on="order_id")
    expected = pd.DataFrame({
        "paid_amount": paid.groupby("platform").paid_amount.sum(),
        "discounts": paid.groupby("platform").discount_amount.sum(),
        "refunds": paid.groupby("platform").refund_amount.sum(),
        "cogs": (ln.quantity * ln.unit_cost).groupby(ln.platform).sum() - (rt.quantity * rt.unit_cost).groupby(rt.platform).sum(),
        "commission": (fx.line_amount * fx.commission_rate).groupby(fx.platform).sum(),
        "marketing": sp.groupby("platform").spend_amount.sum(),
        "logistics": sh.groupby("platform").shipping_cost_amount.sum(),
    }).fillna(0.0)
    pnl = profit.contribution_pnl(wb, period).set_index("platform")
    for platform in expected.index:
        for line in expected.columns:
            assert abs(pnl.loc[platform, line] - expected.loc[platform, line]) < 0.0051, (platform, line)
    e = expected.sum()
    cm = e.paid_amount - e.refunds - e.cogs - e.commission - e.marketing - e.logistics
    assert abs(pnl.loc["total", "contribution_margin"] - cm) < 0.01 * len(profit.PNL_LINES)
    # The P&L's refunds are the returns' refunds: the sample refunds only what comes back.
    assert abs(pnl.loc["total", "refunds"] - rt.refund_amount.sum()) < 0.0051


def test_headline_record_and_facts(store):
    headline = profit.profit_headline(store, MARCH, ["tmall", "jd"])
    record = profit.headline_record(headline, storebook.report.text.Text("en"))
    assert [r["key"] for r in record] == list(profit.HEADLINE_METRICS)
    cm = next(r for r in record if r["key"] == "contribution_margin")
    assert cm["value"] == pytest.approx(136.07) and cm["unit"] == "CNY" and cm["good"] == "up"
    assert cm["vs_prior"] == pytest.approx(136.07 / -3.80 - 1)      # February's tmall-only margin
    pnl = profit.contribution_pnl(store, MARCH, ["tmall", "jd"])
    facts = profit.platform_facts(pnl)
    assert facts["best"] == "jd" and facts["thin"] == "tmall"      # 104.21 of 310 vs 31.86 of 238
    assert facts["biggest_cost"] == "pnl.marketing"
    m = profit.marketing_facts(profit.compare_marketing_budget(store, MARCH, ["tmall", "jd"]))
    assert (m["over"], m["top_platform"], m["top_channel"]) == (1, "tmall", "social")


@pytest.mark.notebooks
def test_notebook_for_two_platforms_and_another_month(sample_root, tmp_path):
    """profit.ipynb for JD and the web shop in 2026-09: the recorded P&L is the library's, to the cent."""
    from storebook.report.results import read_results
    from support.notebooks import run_notebook

    nb = run_notebook("profit", {"month": "2026-09", "platforms": ["jd", "web"]}, sample_root, tmp_path)
    results = read_results(nb)
    assert results["profit.notices"] == []
    wb = storebook.open(sample_root / "data" / "processed", root=sample_root)
    pnl = profit.contribution_pnl(wb, month("2026-09"), ["jd", "web"]).set_index("platform").loc["total"]
    recorded = {r["line"]: r["amount"] for r in results["profit.pnl"]}
    for line in profit.PNL_LINES:
        assert recorded[line] == pytest.approx(pnl[line], abs=0.001)
    assert results["profit.contribution_margin"] == pytest.approx(pnl["contribution_margin"], abs=0.001)
    platforms = {r["platform"] for r in results["profit.by_platform"]}
    assert platforms == {"jd", "web", "total"}


def test_pnl_is_computed_once_per_workbook_and_never_shared(store):
    first = profit.contribution_pnl(store, MARCH)
    first.loc[:, "contribution_margin"] = 0.0                     # a caller's change stays the caller's
    again = profit.contribution_pnl(store, MARCH).set_index("platform")
    assert again.loc["total", "contribution_margin"] == pytest.approx(136.07)
    with pytest.raises(NoDataError):
        profit.contribution_pnl(store, month("2026-05"))
    with pytest.raises(NoDataError) as e:                         # the same clear message the second time
        profit.contribution_pnl(store, month("2026-05"))
    assert "2026-05" in str(e.value)



def test_refund_rate_and_pnl_share_the_paid_orders_question(root, store):
    """The P&L's orders, paid amount, refunds and discounts are the refund rate's question:
    asked by the one, answered to the other from the workbook's first answer."""
    sums = sum_paid_orders(store, MARCH, by="platform").set_index("platform")
    assert sums.loc["tmall", ["orders", "paid_amount", "refund_amount", "discounts"]].tolist() == [2, 298.0, 60.0, 10.0]
    asked = store.questions
    rates = service.compute_refund_rate(store, MARCH, by="platform").set_index("platform")
    assert store.questions == asked
    assert rates.loc["tmall", ["paid_amount", "refund_amount", "net_amount"]].tolist() == [298.0, 60.0, 238.0]
    pnl = profit.contribution_pnl(store, MARCH).set_index("platform")
    assert (pnl.loc["tmall", "discounts"], pnl.loc["tmall", "refunds"]) == (10.0, 60.0)
    after_sums = store.questions - asked
    fresh = storebook.open(root / "data" / "processed")  # the P&L alone asks exactly one question more
    profit.contribution_pnl(fresh, MARCH)
    assert fresh.questions == after_sums + 1


# ----------------------------------------------------------------------------- no line sales to cost

def _free_lines_store(root: Path, unit_cost: float | None) -> storebook.Workbook:
    """One tmall order in March whose two units of G were given away (line amount 0, paid only
    the 8.00 shipping): the month has no line sales, so no share of them can be costed."""
    return write_tables(root, products=[{"sku": "G", "category": "beauty", "list_price": 60.0,
                                         "unit_cost": unit_cost, "supplier_id": "S1"}],
                        platform_fees=FEES, orders=[_order("G1", "tmall", "2026-03-02 10:00", 0.0, 0.0, 8.0)],
                        order_lines=[_line("G1", 1, "G", 2, 0.0, 0.0)],
                        shipments=[_ship("S1", "G1", "2026-03-02 18:00", 6.0)],
                        marketing_spend=[_spend("2026-03-03", "tmall", "paid_search", 5.0)])


def _pnl_and_flags(wb: storebook.Workbook) -> tuple[pd.DataFrame, list]:
    from storebook.measures import partial
    from storebook.report.needs import SectionCheck

    check = SectionCheck("profit.pnl")
    with partial.running(check):
        pnl = profit.contribution_pnl(wb, MARCH).set_index("platform")
    return pnl, [(s.key, s.values) for s in check.partial if s.kind == "flag"]


def test_units_of_unknown_cost_without_line_sales_leave_the_cost_unknown_not_covered(root):
    pnl, flags = _pnl_and_flags(_free_lines_store(root, unit_cost=None))
    # Paid 8.00 (shipping), no refund: net sales 8.00. Two units of G, cost unknown: cost of goods
    # and the margins are unknown, not 0 and 8.00 − 6.00 − 5.00 = −3.00.
    assert pnl.loc["tmall", "net_sales"] == pytest.approx(8.0)
    assert pnl.loc[["tmall", "total"], ["cogs", "gross_margin", "contribution_margin"]].isna().all().all()
    # The share of the line sales with a cost is unknown (n/a), not 100%: said as such.
    assert flags == [("page.partial.cost_pnl.unknown", {})]
    said = storebook.report.text.Text("en")("page.partial.cost_pnl.unknown")
    assert "unknown (n/a)" in said and "100" not in said


def test_units_of_known_cost_without_line_sales_are_costed(root):
    pnl, flags = _pnl_and_flags(_free_lines_store(root, unit_cost=20.0))
    # Two units at 20.00: cost of goods 40.00; gross margin 8.00 − 40.00 = −32.00; contribution
    # −32.00 − commission 0 (no line sales) − marketing 5.00 − logistics 6.00 = −43.00.
    assert pnl.loc["total", ["cogs", "gross_margin", "contribution_margin"]].tolist() == pytest.approx(
        [40.0, -32.0, -43.0])
    # The costed share of no line sales is still unknown, and said so (never "100%").
    assert flags == [("page.partial.cost_pnl.unknown", {})]
