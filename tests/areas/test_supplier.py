"""Supplier and inventory: the scorecard by hand, the ranking, stockouts and lost sales."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import storebook
from storebook.areas import supplier
from storebook.engine.periods import Period, month
from storebook.errors import NoDataError
from storebook.report.text import Text
from support.stores import (
    build_store,
    days,
    isolated_root,
    make_root,
    product,
    sales_rows,
    use_root,
)

MARCH = month("2025-03")


def po(po_id: str, line: int, sup: str, sku: str, ordered: str, promised: str, received: str,
       qty: int, got: int, rejected: int, cost: float) -> dict:
    return {"po_id": po_id, "line_no": str(line), "supplier_id": sup, "sku": sku, "batch_id": "",
            "ordered_on": ordered, "promised_on": promised, "received_on": received,
            "qty_ordered": str(qty), "qty_received": str(got), "qty_rejected": str(rejected),
            "unit_cost": f"{cost:.2f}"}


def stock(sku: str, on_hand: dict[int, int], split: bool = False) -> list[dict]:
    """Snapshots of March for one SKU: ``on_hand`` maps a day of the month to units."""
    rows = []
    for d in range(1, 32):
        units = on_hand[d]
        parts = [units - units // 2, units // 2] if split else [units]
        for w, part in enumerate(parts):
            rows.append({"snapshot_on": f"2025-03-{d:02d}", "sku": sku, "warehouse": f"W{w + 1}",
                         "on_hand": str(part), "on_order": "0"})
    return rows


@pytest.fixture(scope="module")
def supply_wb(tmp_path_factory: pytest.TempPathFactory):
    """Two suppliers, four SKUs, March 2025 (see each test for the hand computation)."""
    with pytest.MonkeyPatch.context() as mp:
        yield _supply_store(isolated_root(tmp_path_factory, mp))


def _supply_store(root: Path) -> storebook.Workbook:
    suppliers = [
        {"supplier_id": "S1", "supplier_name": "青岛织造", "region": "Shandong", "contract_lead_time_days": "10"},
        {"supplier_id": "S2", "supplier_name": "Hangzhou Home Co", "region": "Zhejiang", "contract_lead_time_days": "5"},
    ]
    products = [product("A", "bath", "S1", price=50.0, cost=10.0), product("B", "decor", "S2", cost=20.0),
                product("C", "decor", "S2", price=30.0, cost=20.0), product("D", "bath", "S1"),
                product("Z", "bath", "S1", active=False)]
    lines = [
        po("P1", 1, "S1", "A", "2025-03-01", "2025-03-11", "2025-03-11", 100, 100, 2, 10.5),
        po("P1", 2, "S1", "A", "2025-03-01", "2025-03-11", "2025-03-14", 100, 90, 0, 10.5),
        po("P2", 1, "S1", "A", "2025-03-05", "2025-03-15", "2025-03-15", 50, 50, 0, 10.0),
        po("P3", 1, "S2", "B", "2025-03-10", "2025-03-15", "", 40, 0, 0, 20.0),
        po("P4", 1, "S2", "B", "2025-03-01", "2025-03-06", "2025-03-06", 60, 60, 3, 22.0),
        po("P5", 1, "S2", "C", "2025-02-20", "2025-02-25", "2025-02-25", 10, 6, 0, 20.0),
        # Due on the last day with data and still open: not judged yet.
        po("P6", 1, "S1", "D", "2025-03-21", "2025-03-31", "", 30, 0, 0, 4.0),
    ]
    on_hand = {
        # A is kept in two warehouses; on 14–16 March only W1 has one left.
        "A": {d: 0 if 11 <= d <= 13 else (20 if d < 11 else (1 if d <= 16 else 10)) for d in range(1, 32)},
        "B": {d: 0 if 20 <= d <= 25 else 5 for d in range(1, 32)},
        "C": {d: 0 if 20 <= d <= 23 else 8 for d in range(1, 32)},
        "D": {d: 0 if d == 28 else 12 for d in range(1, 32)},
        "Z": dict.fromkeys(range(1, 32), 0),  # discontinued: never a stockout
    }
    inventory = [row for sku, hand in on_hand.items() for row in stock(sku, hand, split=sku == "A")]
    # Sales: A 1 a day, C 2 a day, D 1 a day, on the days they are in stock; B never sells.
    sales = []
    for day in days(date(2025, 3, 1), 31):
        for sku, per_day, price in (("A", 1, 50.0), ("C", 2, 30.0), ("D", 1, 10.0)):
            if on_hand[sku][day.day] > 0:
                sales.append((day, "tmall", sku, per_day, price, 0.0, None))
    orders, order_lines = sales_rows(sales)
    return build_store(root, {"suppliers": suppliers, "products": products, "purchase_orders": lines,
                              "inventory": inventory, "orders": orders, "order_lines": order_lines})


# --------------------------------------------------------------------------- the scorecard

def test_scorecard_by_hand(supply_wb) -> None:
    card = supplier.score_suppliers(supply_wb, MARCH).set_index("supplier_id")
    s1 = card.loc["S1"]
    # P1/1 on time and in full, P1/2 three days late and 10 short, P2/1 on time and in full;
    # P6/1 is due on the last day with data and still open: not judged.
    assert (s1["n_pos"], s1["n_lines"]) == (2, 3)
    assert s1["otif_rate"] == pytest.approx(2 / 3)
    assert s1["fill_rate"] == pytest.approx(240 / 250)
    assert s1["rejection_rate"] == pytest.approx(2 / 240)
    assert s1["mean_lead_time_days"] == pytest.approx(11.0)          # 10, 13, 10
    assert s1["lead_time_cv"] == pytest.approx(math.sqrt(3) / 11)    # sd √3 (n − 1)
    assert s1["lead_time_excess_days"] == pytest.approx(1.0)         # contract 10
    assert s1["cost_variance"] == pytest.approx((0.5 * 100 + 0.5 * 100) / (10 * 250))
    s2 = card.loc["S2"]
    # P4/1 on time, 3 rejected; P3/1 promised 15 March and never came (late, nothing received).
    assert (s2["n_lines"], s2["otif_rate"], s2["on_time_rate"]) == (2, 0.5, 0.5)
    assert s2["fill_rate"] == pytest.approx(60 / 100)
    assert s2["rejection_rate"] == pytest.approx(3 / 60)
    assert s2["mean_lead_time_days"] == pytest.approx(5.0)
    assert math.isnan(s2["lead_time_cv"])  # one received line: no spread to measure
    assert s2["cost_variance"] == pytest.approx(2 * 60 / (20 * 100))


def test_ranking_applies_the_thresholds(supply_wb) -> None:
    ranked = supplier.rank_suppliers(supply_wb, MARCH).set_index("supplier_id")
    # Trailing six months add P5/1 (February, S2, 6 of 10): S2's OTIF 1/3, fill 66/110.
    assert ranked.loc["S2", "otif_rate"] == pytest.approx(1 / 3)
    assert ranked.loc["S2", "fill_rate"] == pytest.approx(66 / 110)
    assert ranked.loc["S2", "month_otif_rate"] == pytest.approx(0.5)
    statuses = ranked.loc["S1", [f"{t.metric}_status" for t in supplier.THRESHOLDS]].tolist()
    # Days late: P1/2 three days late, P1/1 and P2/1 on time → 1.0 on average, green (≤ 2);
    # fill 0.96 amber; rejection 0.8 % green; CV 0.16 green; cost +4 % amber.
    assert ranked.loc["S1", "mean_days_late"] == pytest.approx(1.0)
    assert statuses == ["green", "amber", "green", "green", "amber"]
    assert ranked.loc["S1", "penalty"] == 1 + 1
    assert ranked.loc["S1", "grade"] == "amber"
    # S2: P3/1 still open 16 days after its promise, P4/1 and P5/1 on time → 16 / 3 days late.
    assert ranked.loc["S2", "mean_days_late"] == pytest.approx(16 / 3)
    assert ranked.loc["S2", "mean_days_late_status"] == "red"
    assert ranked.loc["S1", "rank"] == 1 and ranked.loc["S2", "rank"] == 2
    assert ranked.loc["S2", "grade"] == "red"
    assert ranked.loc["S1", "supplier"] == "S1 青岛织造" and ranked.loc["S2", "supplier"] == "S2 Hangzhou Home Co"


def test_threshold_directions() -> None:
    late = next(t for t in supplier.THRESHOLDS if t.metric == "mean_days_late")
    fill = next(t for t in supplier.THRESHOLDS if t.metric == "fill_rate")
    rejection = next(t for t in supplier.THRESHOLDS if t.metric == "rejection_rate")
    assert [late.status(v) for v in (0.8, 2.0, 3.5, 5.01, 12.0)] == ["green", "green", "amber", "red", "red"]
    assert [fill.status(v) for v in (0.99, 0.97, 0.95, 0.66)] == ["green", "green", "amber", "red"]
    assert [rejection.status(v) for v in (0.0, 0.02, 0.2)] == ["green", "amber", "red"]
    assert late.status(float("nan")) == "na"


def test_otif_ranks_but_does_not_grade() -> None:
    # A supplier whose lines all slip a day has an OTIF of 0 but is not late in any way
    # that empties a shelf: OTIF is no graded metric, so it cannot make the grade red.
    assert "otif_rate" not in {t.metric for t in supplier.THRESHOLDS}
    rule = Text("en")("supplier.thresholds", months=6)
    assert "OTIF is shown and breaks ties but is not graded" in rule and "Days late on average" in rule
    assert "准时足量率列出并用于同分排序，但不参与评级" in Text("zh")("supplier.thresholds", months=6)


def test_late_and_short_lines(supply_wb) -> None:
    bad = supplier.list_late_short_lines(supply_wb, MARCH)
    assert bad[["po_id", "line_no"]].values.tolist() == [["P3", 1], ["P1", 2]]
    open_line = bad.iloc[0]
    assert open_line["is_open"] and open_line["is_late"] and not open_line["is_short"]
    assert open_line["days_late"] == 16  # promised 15 March, still open on the 31st
    late_short = bad.iloc[1]
    assert (late_short["days_late"], late_short["qty_short"]) == (3, 10)
    assert late_short["is_late"] and late_short["is_short"]


def test_late_and_short_lines_carry_their_suppliers_name(supply_wb, tmp_path: Path) -> None:
    """Each late or short line with its supplier's name; a supplier not in the suppliers
    table (kept by ingest, flagged) leaves its lines without a name, not without the line."""
    from support.stores import write_tables

    bad = supplier.list_late_short_lines(supply_wb, MARCH)
    assert bad[["supplier_id", "supplier_name"]].values.tolist() == [["S2", "Hangzhou Home Co"], ["S1", "青岛织造"]]
    assert list(bad.columns[:5]) == ["po_id", "line_no", "supplier_id", "supplier_name", "sku"]

    def line(po_id: str, sup: str) -> dict:
        return {"po_id": po_id, "line_no": 1, "supplier_id": sup, "sku": "A", "ordered_on": date(2025, 3, 1),
                "promised_on": date(2025, 3, 10), "received_on": date(2025, 3, 12), "qty_ordered": 10,
                "qty_received": 10, "qty_rejected": 0, "unit_cost": 1.0}

    wb = write_tables(tmp_path, purchase_orders=[line("Q1", "S1"), line("Q2", "S9")],
                      suppliers=[{"supplier_id": "S1", "supplier_name": "青岛织造"}],
                      products=[{"sku": "A", "supplier_id": "S1", "unit_cost": 1.0}])
    out = supplier.list_late_short_lines(wb, MARCH).set_index("po_id")
    assert out.loc["Q1", "supplier_name"] == "青岛织造" and pd.isna(out.loc["Q2", "supplier_name"])
    assert (out["days_late"] == 2).all() and len(out) == 2


def test_month_without_purchase_orders_says_so(supply_wb) -> None:
    with pytest.raises(NoDataError) as err:
        supplier.score_suppliers(supply_wb, month("2025-01"))
    assert "no purchase-order lines are due in 2025-01" in str(err.value)
    with pytest.raises(NoDataError, match="purchase_orders"):
        supplier.list_late_short_lines(supply_wb, month("2025-01"))


def _order_book(root: Path, received: bool) -> storebook.Workbook:
    """Purchase orders and suppliers only (no catalogue), as a maker's order book gives them:
    two lines due in March, received (one 2 days late) or, as an order book, never."""
    got = ("2025-03-10", "2025-03-22") if received else ("", "")
    return build_store(root, {"purchase_orders": [
        po("P1", 1, "S1", "A", "2025-03-01", "2025-03-10", got[0], 10, 10 if received else 0, 0, 2.0),
        po("P2", 1, "S1", "B", "2025-03-05", "2025-03-20", got[1], 10, 8 if received else 0, 0, 3.0),
        po("P3", 1, "S1", "B", "2025-03-25", "2025-03-31", got[1] and "2025-03-31", 5, 5 if received else 0, 0, 3.0),
    ]})


def test_scorecard_runs_without_a_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The catalogue only gives the standard cost: without one the delivery figures are whole
    # and the cost variance unknown. The section needed the products table and said so.
    from storebook.engine import availability
    from storebook.report import needs

    wb = _order_book(use_root(make_root(tmp_path / "wb"), monkeypatch), received=True)
    card = supplier.score_suppliers(wb, MARCH).set_index("supplier_id")
    s1 = card.loc["S1"]
    # P1 and P3 on time and in full; P2 two days late and 2 short.
    assert (s1["n_lines"], s1["otif_rate"], s1["fill_rate"]) == (3, pytest.approx(2 / 3), pytest.approx(23 / 25))
    assert s1["mean_days_late"] == pytest.approx(2 / 3) and math.isnan(s1["cost_variance"])
    assert supplier.list_late_short_lines(wb, MARCH)["po_id"].tolist() == ["P2"]
    march = availability.resolve_month(wb, "2025-03")
    for key in ("supplier.headline", "supplier.scorecard", "supplier.lines"):
        check = needs.check_section(wb, march, ["tmall"], key)
        assert check.status != needs.NONE, (key, [m.describe(Text("en")) for m in check.missing])
        assert "products" not in {s.table for s in check.missing}


def test_an_order_book_without_receipts_is_not_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No line records its arrival: on time cannot be told from late (every open line past its
    # due date would count late). The sections say that the receipt date is what they need.
    from storebook.engine import availability
    from storebook.report import needs

    wb = _order_book(use_root(make_root(tmp_path / "wb"), monkeypatch), received=False)
    march = availability.resolve_month(wb, "2025-03")
    for key in ("supplier.headline", "supplier.scorecard", "supplier.lines"):
        check = needs.check_section(wb, march, ["tmall"], key)
        assert [(s.table, s.column) for s in check.missing] == [("purchase_orders", "received_on")], key
    how = check.missing[0].how(Text("zh"))
    assert "到货日期" in how and check.missing[0].how(Text("en")).startswith("To add it: use a purchase-order export")


def test_real_order_book_asks_for_receipts_not_a_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real supply-chain workbook (9,215 lines ordered on 26 May 2013 from 7 plants, no
    delivery dates): its supplier sections asked for a products table, which would not have
    let them judge anything."""
    from storebook.engine import availability
    from storebook.report import needs
    from support.mapping import install, realdata_folder
    from support.sources import run

    folder = realdata_folder("logistics_supply_chain_SCM")
    root = use_root(make_root(tmp_path / "wb"), monkeypatch)
    install(root, "supply_chain", sorted(folder.glob("*.xlsx")))
    run(root)
    wb = storebook.open()
    po_lines = wb.execute(wb.table("purchase_orders"))
    assert (len(po_lines), po_lines["supplier_id"].nunique(), po_lines["received_on"].notna().sum()) == (9215, 7, 0)
    assert po_lines.groupby("supplier_id").size()[["PLANT03", "PLANT12", "PLANT16"]].tolist() == [8541, 300, 173]
    may = availability.resolve_month(wb, "2013-05")
    for key in ("supplier.scorecard", "supplier.lines"):
        check = needs.check_section(wb, may, ["web"], key)
        assert [(s.table, s.column) for s in check.missing] == [("purchase_orders", "received_on")], key


# --------------------------------------------------------------------------- inventory

def test_inventory_health_by_hand(supply_wb) -> None:
    inv = supplier.measure_inventory(supply_wb, MARCH).set_index("sku")
    a = inv.loc["A"]
    # Out on 11–13 March (both warehouses empty); 28 in-stock days selling 1 a day.
    assert (a["stockout_days"], a["units_sold"], a["closing_on_hand"]) == (3, 28.0, 10.0)
    # Warehouse stockouts: both on 11–13, W2 alone on 14–16.
    assert a["warehouse_stockout_days"] == 2 * 3 + 3
    assert a["daily_rate"] == pytest.approx(1.0)
    assert a["days_of_cover"] == pytest.approx(10.0)
    assert a["sell_through"] == pytest.approx(28 / 38)
    assert inv.loc["B", "daily_rate"] == 0.0 and math.isnan(inv.loc["B", "days_of_cover"])
    assert "Z" not in inv.index  # discontinued SKUs are not stocked items


def test_stockouts_are_attributed_to_late_and_short_deliveries(supply_wb) -> None:
    both = supplier.attribute_stockouts(supply_wb, MARCH)
    out = both.loc[both["level"] == "sku"]
    causes = out.assign(d=out["day"].dt.day).groupby(["sku", "cause", "supplier_id"])["d"].apply(list)
    # A: P1/2 was due on the 11th and came on the 14th → 11, 12, 13 are S1's (late).
    assert causes[("A", "late", "S1")] == [11, 12, 13]
    assert set(out.loc[out["sku"] == "A", "po_id"]) == {"P1"}
    # B: P3/1 was due on the 15th and never came → every stockout day is S2's (late).
    assert causes[("B", "late", "S2")] == [20, 21, 22, 23, 24, 25]
    # C: the last receipt (P5/1) came 4 short; at 2 a day that covers 2 days → short;
    # the rest is nobody's delivery.
    assert causes[("C", "short", "S2")] == [20, 21]
    assert causes[("C", "other", "S2")] == [22, 23]
    assert causes[("D", "other", "S1")] == [28]
    # Lost sales = in-stock daily rate × 1 day × price.
    a = out.loc[out["sku"] == "A"]
    assert a["lost_units"].sum() == pytest.approx(3.0)
    assert a["lost_sales_amount"].sum() == pytest.approx(150.0)
    # W2 alone was empty on 14–16: on the 14th P1/2 had just come in 10 short (short);
    # P2/1 came in full on the 15th, so the 15th and 16th are nobody's delivery.
    wh = both.loc[(both["level"] == "warehouse") & (both["sku"] == "A") & (both["warehouse"] == "W2")]
    assert wh.loc[wh["cause"] == "late", "day"].dt.day.tolist() == [11, 12, 13]
    assert wh.loc[wh["cause"] == "short", "day"].dt.day.tolist() == [14]
    assert wh.loc[wh["cause"] == "other", "day"].dt.day.tolist() == [15, 16]
    assert (wh["lost_units"] == 0).all()  # another warehouse served the orders


def test_lost_sales_per_supplier(supply_wb) -> None:
    lost = supplier.sum_lost_sales(supply_wb, MARCH).set_index("supplier_id")
    s1, s2 = lost.loc["S1"], lost.loc["S2"]
    assert (s1["stockout_days"], s1["late_days"], s1["short_days"], s1["other_days"]) == (4, 3, 0, 1)
    assert (s2["stockout_days"], s2["late_days"], s2["short_days"], s2["other_days"]) == (10, 6, 2, 2)
    assert (s1["warehouse_stockout_days"], s1["warehouse_attributed_days"]) == (10, 7)
    assert (s2["warehouse_stockout_days"], s2["warehouse_attributed_days"]) == (10, 8)
    # S1: A's 3 days at 1 × ¥50 are attributed; D's day (1 × ¥10) is not.
    assert s1["attributed_lost_sales_amount"] == pytest.approx(150.0)
    assert s1["lost_sales_amount"] == pytest.approx(160.0)
    # S2: B never sells (nothing lost); C's 2 short days at 2 a day × ¥30.
    assert s2["attributed_lost_sales_amount"] == pytest.approx(120.0)
    assert lost.index.tolist() == ["S1", "S2"]


def test_lost_sales_over_a_trailing_window(supply_wb) -> None:
    # February has no snapshots: six months hold March's stockouts only.
    six = supplier.sum_lost_sales(supply_wb, MARCH, months=6).set_index("supplier_id")
    one = supplier.sum_lost_sales(supply_wb, MARCH).set_index("supplier_id")
    pd.testing.assert_frame_equal(six, one)


def test_a_stock_report_alone_gives_the_stock_and_says_the_cover_is_unknown(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # One snapshot of three SKUs on 31 March, a catalogue without launch dates, no orders: the
    # stock was left out whole (a null launch day), and the section asked for orders to say it.
    from storebook.engine import availability
    from storebook.report import needs

    root = use_root(make_root(tmp_path / "wb"), monkeypatch)
    products = [dict(product(sku, "bath"), launched_on="") for sku in ("A", "B", "C")]
    stock_rows = [{"snapshot_on": "2025-03-31", "sku": sku, "warehouse": "all", "on_hand": str(n), "on_order": ""}
                  for sku, n in (("A", 5), ("B", 0), ("C", 12))]
    wb = build_store(root, {"products": products, "inventory": stock_rows})
    inv = supplier.measure_inventory(wb, MARCH).set_index("sku")
    assert inv["closing_on_hand"].to_dict() == {"A": 5.0, "B": 0.0, "C": 12.0}
    assert inv.loc["B", "stockout_days"] == 1 and inv["units_sold"].isna().all() and inv["days_of_cover"].isna().all()
    facts = supplier.inventory_facts(inv.reset_index())
    # One snapshot day: the one_day sentence (no SKU-days), one SKU out in the singular.
    assert (facts["variant"], facts["skus"], facts["units"], facts["out_skus"]) == ("no_sales.one_day", 3, 17.0, 1)
    assert facts["sell_through"] is None and facts["median_cover"] is None
    en = Text("en")("supplier.inventory.takeaway.no_sales.one_day", **facts)
    assert en.startswith("3 SKUs held 17 units at the month's one snapshot; of them, 1 was out of stock") \
        and "need the sales" in en
    check = needs.check_section(wb, availability.resolve_month(wb, "2025-03"), ["tmall"], "supplier.inventory")
    assert check.status == needs.PARTIAL and check.missing == []


def test_real_stock_report_by_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Amazon India's Sale Report (stock per SKU, taken as of 31 May 2022): by hand with pandas,
    9,169 SKUs once the empty and #REF! codes are left out (of a code listed twice, the row
    with stock kept, as ingest does), 242,369 units, 533 SKUs at 0 (keeping the first row of
    each code, the rows at 0, ingest gave 242,037 units and 537 SKUs at 0)."""
    from support.mapping import install, realdata_folder
    from support.sources import run

    folder = realdata_folder("amazon_india_seller_reports_E-Commerce-Sales")
    root = use_root(make_root(tmp_path / "wb"), monkeypatch)
    install(root, "amazon_india", sorted(p for p in folder.iterdir() if p.is_file()))
    run(root)
    raw = pd.read_csv(folder / "Sale Report.csv")
    raw = raw[raw["SKU Code"].notna() & (raw["SKU Code"] != "#REF!")]
    raw = raw.sort_values("Stock", ascending=False, kind="stable").drop_duplicates("SKU Code")
    inventory = supplier.measure_inventory(storebook.open(), month("2022-05"))
    facts = supplier.inventory_facts(inventory)
    assert (facts["skus"], facts["units"], facts["out_skus"]) == (len(raw), raw["Stock"].sum(), (raw["Stock"] <= 0).sum())
    assert (facts["skus"], facts["units"], facts["out_skus"], facts["variant"]) == (9169, 242369.0, 533,
                                                                                 "no_sales.one_day")
    # The page: "533 of them were out of stock ... on 533 SKU-days" said once; the table of the
    # first 20 says so, without the Supplier column the catalogue leaves empty.
    assert "SKU-days" not in Text("en")("supplier.inventory.takeaway.no_sales.one_day", **facts)
    assert supplier.stock_problem_facts(inventory) == {"variant": "first", "ran_out": 533, "shown": 20}
    from storebook.report.tables import known_columns
    assert "supplier_id" not in known_columns(supplier.stock_problems(inventory), ["sku", "supplier_id", "stockout_days"])


def test_month_without_inventory_says_so(supply_wb) -> None:
    with pytest.raises(NoDataError, match="no inventory snapshots in 2025-02"):
        supplier.measure_inventory(supply_wb, month("2025-02"))
    assert isinstance(supplier.THRESHOLDS, tuple)
    assert pd.api.types.is_float_dtype(supplier.score_suppliers(supply_wb, MARCH)["otif_rate"])


# --------------------------------------------------------------------------- report helpers

def test_report_facts_by_hand(supply_wb) -> None:
    facts = supplier.ranking_facts(supplier.rank_suppliers(supply_wb, MARCH))
    assert (facts["worst"], facts["best"]) == ("S2", "S1")
    assert facts["otif"] == pytest.approx(3 / 6)  # S1 2 of 3, S2 1 of 3 over six months
    lines = supplier.lines_facts(supplier.list_late_short_lines(supply_wb, MARCH))
    assert (lines["lines"], lines["late"], lines["short"], lines["open"], lines["units_short"]) == (2, 2, 1, 1, 10)
    lost = supplier.sum_lost_sales(supply_wb, MARCH).set_index("supplier_id")
    assert lost.loc["S1", ["warehouse_late_days", "warehouse_short_days", "warehouse_other_days"]].tolist() == [6, 1, 3]
    assert lost.loc["S2", ["warehouse_late_days", "warehouse_short_days", "warehouse_other_days"]].tolist() == [6, 2, 2]
    summary = supplier.summarise_suppliers(supply_wb, MARCH)
    assert summary["otif_rate"] == pytest.approx(3 / 5)  # S1 2 of 3, S2 1 of 2 due in March
    # Stockouts as shares, not day counts: 14 of 4 SKUs × 31 days were out everywhere; 20 of
    # 155 SKU × warehouse days (A in two warehouses, B, C and D in one) ended empty.
    assert summary["stockout_rate"] == pytest.approx(14 / 124)
    assert summary["warehouse_stockout_rate"] == pytest.approx(20 / 155)
    assert summary["attributed_lost_sales_amount"] == pytest.approx(270.0)
    headline = supplier.supplier_headline(supply_wb, MARCH)
    record = {r["key"]: r for r in supplier.headline_record(headline, Text("en"))}
    assert list(record) == ["otif_rate", "stockout_rate", "warehouse_stockout_rate", "attributed_lost_sales_amount"]
    assert record["otif_rate"]["value"] == pytest.approx(0.6)
    assert record["stockout_rate"]["unit"] == "ratio" and record["stockout_rate"]["good"] == "down"
    assert record["stockout_rate"]["label"] == "Out of stock (share of SKU-days)"
    # February: P5/1 was due and came in short (OTIF 0); no snapshots, so no stockout rate.
    assert headline.set_index("metric").loc["otif_rate", "prior"] == 0.0
    assert math.isnan(headline.set_index("metric").loc["stockout_rate", "prior"])
    inv = supplier.inventory_facts(supplier.measure_inventory(supply_wb, MARCH))
    assert (inv["out_skus"], inv["stockout_days"], inv["warehouse_stockout_days"]) == (4, 14, 20)
    assert inv["stockout_rate"] == pytest.approx(14 / 124)


# --------------------------------------------------------------------------- planted truths (sample store)

@pytest.mark.slow
def test_planted_late_supplier_ranks_worst(wb, truth) -> None:
    late = truth["truths"]["late_supplier"]
    ranked = supplier.rank_suppliers(wb, wb.last_complete_month())
    worst = ranked.iloc[-1]
    assert worst["supplier_id"] == late["supplier_id"] and worst["grade"] == "red"
    # The grade singles it out: it is the only red one, and most of the others are green.
    others = ranked.iloc[:-1]
    assert (others["grade"] != "red").all()
    assert (others["grade"] == "green").sum() >= len(others) - 2
    assert worst["otif_rate"] < ranked.iloc[:-1]["otif_rate"].min()
    assert worst["fill_rate"] < ranked.iloc[:-1]["fill_rate"].min()
    # Its delay over the contract lead time is the planted delay (promised = ordered + contract).
    window = Period(pd.Timestamp(late["late_from"]).date(), wb.last_complete_month().end, "late")
    card = supplier.score_suppliers(wb, window).set_index("supplier_id").loc[late["supplier_id"]]
    assert card["lead_time_excess_days"] == pytest.approx(late["mean_delay_days"], abs=0.5)


@pytest.mark.slow
def test_planted_stockouts_and_lost_sales_are_attributed(wb, truth) -> None:
    late = truth["truths"]["late_supplier"]
    window = Period(pd.Timestamp(late["late_from"]).date(), wb.last_complete_month().end, "late")
    days = supplier.attribute_stockouts(wb, window)
    mine = days.loc[days["sku"].isin(late["skus"])]
    sku, wh = mine.loc[mine["level"] == "sku"], mine.loc[mine["level"] == "warehouse"]
    # Every stockout of its SKUs is found, at both levels …
    assert len(sku) == late["stockout_sku_days_all_warehouses"]
    assert len(wh) == late["stockout_sku_warehouse_days"]
    # … and nearly all of them are blamed on its late or short deliveries.
    blamed = lambda d: (d["cause"].isin(["late", "short"]) & (d["supplier_id"] == late["supplier_id"])).mean()  # noqa: E731
    assert blamed(wh) > 0.8
    if len(sku):
        assert blamed(sku) > 0.8
    lost = supplier.sum_lost_sales(wb, window)
    assert lost.iloc[0]["supplier_id"] == late["supplier_id"]
    if late["lost_units"] >= 1:
        assert sku["lost_units"].sum() == pytest.approx(late["lost_units"], rel=0.5)


# --------------------------------------------------------------------------- the notebook

@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-supplier")
def test_supplier_notebook_ranks_the_planted_supplier_last(sample_root, wb, truth, tmp_path) -> None:
    from storebook.report.results import read_results
    from support.notebooks import run_notebook

    late = truth["truths"]["late_supplier"]
    results = read_results(run_notebook("supplier", {}, sample_root, tmp_path))
    assert results["supplier.notices"] == []
    assert results["supplier.worst"] == late["supplier_id"]
    ranking = pd.DataFrame(results["supplier.ranking"])
    assert ranking["supplier_id"].tolist() == supplier.rank_suppliers(wb, wb.last_complete_month())["supplier_id"].tolist()
    lost = pd.DataFrame(results["supplier.lost_sales_6m"])
    assert lost.iloc[0]["supplier_id"] == late["supplier_id"]
    summary = supplier.summarise_suppliers(wb, wb.last_complete_month())
    headline = {r["key"]: r["value"] for r in results["supplier.headline"]}
    assert headline["otif_rate"] == pytest.approx(summary["otif_rate"])


@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-supplier")
def test_supplier_notebook_for_another_month_and_platform_in_chinese(sample_root, truth, tmp_path) -> None:
    from storebook.report.results import read_results
    from support.notebooks import outputs, run_notebook

    late = truth["truths"]["late_supplier"]
    nb = run_notebook("supplier", {"month": "2026-07", "platforms": ["jd"], "language": "zh"}, sample_root, tmp_path)
    results = read_results(nb)
    assert results["supplier.notices"] == [] and outputs(nb, "error") == []
    assert results["supplier.worst"] == late["supplier_id"]
    assert outputs(nb, "display_data")[0]["data"]["text/markdown"].startswith("# 供应商与库存 — 2026-07")


def test_no_stockout_per_supplier_is_said_for_the_trailing_window_too() -> None:
    # A catalogue without suppliers (the sparse matrix's blank columns): no stockout is tied to a
    # supplier; the trailing section's sentence for it was missing from the catalogue.
    empty = supplier.lost_facts(pd.DataFrame(columns=["supplier_id", "supplier_name", "stockout_days", "late_days",
                                                      "short_days", "warehouse_stockout_days",
                                                      "warehouse_attributed_days", "lost_sales_amount",
                                                      "attributed_lost_sales_amount"]))
    assert empty["variant"] == "none"
    for language in ("en", "zh"):
        for key in ("supplier.stockouts.takeaway.none", "supplier.stockouts_trailing.takeaway.none"):
            assert Text(language)(key, **empty)


def _no_supplier_store(root: Path, out: dict[str, range]) -> storebook.Workbook:
    """K (supplier S1, 1 a day at ¥40) and N (no supplier, 2 a day at ¥25) in one warehouse in
    March 2025, each out on the days ``out`` gives; no late or short delivery."""
    inventory = [{"snapshot_on": f"2025-03-{d:02d}", "sku": sku, "warehouse": "W1",
                  "on_hand": "0" if d in out[sku] else "9", "on_order": "0"} for sku in out for d in range(1, 32)]
    sales = [(day, "tmall", sku, per_day, price, 0.0, None) for day in days(date(2025, 3, 1), 31)
             for sku, per_day, price in (("K", 1, 40.0), ("N", 2, 25.0)) if day.day not in out[sku]]
    orders, order_lines = sales_rows(sales)
    return build_store(root, {
        "products": [product("K", "bath", "S1"), product("N", "bath", "")],
        "purchase_orders": [po("P1", 1, "S1", "K", "2025-02-01", "2025-02-10", "2025-02-10", 100, 100, 0, 4.0)],
        "inventory": inventory, "orders": orders, "order_lines": order_lines})


def test_stockouts_of_a_sku_without_a_supplier_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """March 2025, one warehouse, no late or short delivery: K (supplier S1) sells 1 a day at
    ¥40 and is out on the 20th and 21st; N (no supplier in the catalogue) sells 2 a day at ¥25
    and is out on the 10th–13th. By hand: S1 2 SKU-days, 2 units, ¥80; N 4 SKU-days, 8 units,
    4 × 2 × ¥25 = ¥200, under an unknown supplier. The month lost ¥280 (before: ¥80, N's row
    dropped by the grouping)."""
    wb = _no_supplier_store(use_root(make_root(tmp_path / "wb"), monkeypatch), {"K": range(20, 22), "N": range(10, 14)})
    lost = supplier.sum_lost_sales(wb, MARCH)
    assert lost["supplier_id"].isna().tolist() == [False, True]  # S1 first, the unknown supplier last
    cols = ["stockout_days", "other_days", "warehouse_stockout_days", "skus", "lost_units", "lost_sales_amount",
            "attributed_lost_sales_amount"]
    assert lost.loc[0, cols].tolist() == [2, 2, 2, 1, 2.0, pytest.approx(80.0), 0.0]
    assert lost.loc[1, cols].tolist() == [4, 4, 4, 1, 8.0, pytest.approx(200.0), 0.0]
    assert lost.loc[0, "supplier"] == "S1 青岛织造" and pd.isna(lost.loc[1, "supplier"])
    facts = supplier.lost_facts(lost)
    assert (facts["variant"], facts["top"], facts["stockout_days"], facts["warehouse_days"]) == (None, "S1", 6, 6)
    assert facts["lost"] == pytest.approx(280.0) and facts["attributed_lost"] == 0.0

    # Only the SKU without a supplier ran out (K never): its row alone, the totals said, nobody
    # named (a catalogue without suppliers, the sparse matrix's blank columns).
    only = supplier.sum_lost_sales(_no_supplier_store(use_root(make_root(tmp_path / "wb2"), monkeypatch),
                                                      {"K": range(0), "N": range(10, 14)}), MARCH)
    assert len(only) == 1 and only["supplier_id"].isna().all() and only.loc[0, "lost_sales_amount"] == pytest.approx(200.0)
    alone = supplier.lost_facts(only)
    assert (alone["variant"], alone["top"], alone["stockout_days"]) == ("no_supplier", None, 4)
    en = Text("en")("supplier.stockouts.takeaway.no_supplier", **alone)
    assert en.startswith("This month SKUs were out of stock everywhere on 4 SKU-days, losing an estimated ¥200")
    zh = Text("zh")("supplier.stockouts_trailing.takeaway.no_supplier", **alone)
    assert "4个SKU天" in zh and "未注明" in zh

    # Shown as unknown in the table and the chart, never "nan".
    from storebook.report import plots, tables

    shown = tables.format_table(lost, Text("zh"), columns=["supplier", "stockout_days"]).to_html()
    assert "未知" in shown and "nan" not in shown
    fig = plots.hbars(lost, Text("en"), category="supplier", values=["warehouse_other_days"], kind="count")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["S1 青岛织造", "n/a"]


def _inventory(out: int, fine: int, days: int, sold: bool) -> pd.DataFrame:
    """A measure_inventory frame by hand: ``out`` SKUs out everywhere on every one of ``days``
    snapshot days, ``fine`` SKUs never out; no SKU has a supplier (a catalogue without them)."""
    n = out + fine
    return pd.DataFrame({
        "sku": [f"S{i:03d}" for i in range(n)], "product_name": [f"Kurta {i}" for i in range(n)],
        "category": "Kurta", "supplier_id": pd.Series([None] * n, dtype="object"),
        "stockout_days": [days] * out + [0] * fine, "warehouse_stockout_days": [days] * out + [0] * fine,
        "days": days, "closing_on_hand": [0] * out + [5] * fine,
        "units_sold": [2.0] * n if sold else [float("nan")] * n,
        "daily_rate": [0.1] * n if sold else [float("nan")] * n,
        "days_of_cover": [0.0] * out + [50.0] * fine if sold else [float("nan")] * n,
        "sell_through": [0.5] * n if sold else [float("nan")] * n,
    })


def test_stock_problems_of_a_one_day_stock_report_without_suppliers() -> None:
    """The Amazon India stock report (one snapshot, no supplier in its catalogue) showed a
    Supplier column of n/a in every row, listed 20 of 533 SKUs out of stock without saying they
    were the first 20, and said "533 of them were out of stock … on 533 SKU-days"."""
    from storebook.report import tables
    from support.amounts import chosen_sentence

    inventory = _inventory(out=25, fine=15, days=1, sold=False)
    problems = supplier.stock_problems(inventory)
    assert len(problems) == 20
    wanted = ["sku", "product_name", "supplier_id", "stockout_days", "warehouse_stockout_days", "closing_on_hand",
              "days_of_cover"]
    # No supplier, and no cover without sales: both columns left out.
    assert tables.known_columns(problems, wanted) == ["sku", "product_name", "stockout_days",
                                                      "warehouse_stockout_days", "closing_on_hand"]
    caption = supplier.stock_problem_facts(inventory)
    assert caption == {"variant": "first", "ran_out": 25, "shown": 20}
    assert chosen_sentence("supplier.inventory.table", caption) == (
        "The first 20 of the 25 SKUs that ran out of stock, the longest out first")
    assert chosen_sentence("supplier.inventory.table", caption, "zh") == "缺货的25个SKU中缺货最久的前20个"
    facts = supplier.inventory_facts(inventory)
    assert facts["variant"] == "no_sales.one_day"
    en = chosen_sentence("supplier.inventory.takeaway", facts)
    assert en == ("40 SKUs held 75 units at the month's one snapshot; of them, 25 were out of stock in every "
                  "warehouse (62.5% of the SKUs). How many days the stock will last, and how much of it sold, need "
                  "the sales, which this store's data do not hold.")
    assert "SKU天" not in chosen_sentence("supplier.inventory.takeaway", facts, "zh")
    # With sales and one day: the SKU-days are not counted either.
    sold = supplier.inventory_facts(_inventory(out=2, fine=2, days=1, sold=True))
    assert sold["variant"] == "one_day"
    assert "SKU-days" not in chosen_sentence("supplier.inventory.takeaway", sold)
    # A month of snapshots keeps its SKU-days, and a short list says it is all of them.
    month_long = _inventory(out=3, fine=1, days=30, sold=True)
    assert supplier.inventory_facts(month_long)["variant"] is None
    assert "on 90 SKU-days" in chosen_sentence("supplier.inventory.takeaway", supplier.inventory_facts(month_long))
    few = supplier.stock_problem_facts(month_long)
    assert chosen_sentence("supplier.inventory.table", few) == "The 3 SKUs that ran out of stock, the longest out first"


# --------------------------------------------------------------------------- the order book

def test_order_book_by_hand(supply_wb) -> None:
    """The lines due in March (P5/1 was due in February): S1 P1/1, P1/2, P2/1 (each promised 10
    days after the order, its contract) and P6/1, still open at the month's end; S2 P3/1 (open)
    and P4/1, promised 5 days out, its contract."""
    book = supplier.summarise_purchase_orders(supply_wb, MARCH).set_index("supplier_id")
    assert book.loc["S1", ["n_pos", "n_lines", "qty_ordered", "promised_lead_days", "within_contract_rate",
                           "open_lines"]].tolist() == [3, 4, 280.0, 10.0, 1.0, 1.0]
    assert book.loc["S2", ["n_pos", "n_lines", "qty_ordered", "promised_lead_days", "open_lines"]].tolist() == [
        2, 2, 100.0, 5.0, 1.0]
    assert book.loc["total", ["n_pos", "n_lines", "qty_ordered", "open_lines"]].tolist() == [5, 6, 380.0, 2.0]
    assert book.loc["total", "promised_lead_days"] == pytest.approx(50 / 6)
    assert book.loc["S1", "supplier"] == "S1 青岛织造" and book.loc["total", "supplier"] == "total"
    facts = supplier.purchase_order_facts(book.reset_index())
    assert facts["variant"] is None and (facts["lines"], facts["open"], facts["top"]) == (6, 2, "S1 青岛织造")


def test_order_book_without_receipts_says_what_is_known_and_what_adds_the_scorecard(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """An order book that records no receipt (the SCM workbook's orders as placed) had a page of
    notes only. By hand: S1 (contract 10 days) promised P1/1 in 10 days and P2/1 in 14; S2 (no
    contract known) P3/1 in 3. Whether any arrived is unknown: no line is said open or late."""
    suppliers = [{"supplier_id": "S1", "supplier_name": "青岛织造", "region": "", "contract_lead_time_days": "10"},
                 {"supplier_id": "S2", "supplier_name": "", "region": "", "contract_lead_time_days": ""}]
    lines = [po("P1", 1, "S1", "A", "2025-03-01", "2025-03-11", "", 10, 0, 0, 1.0),
             po("P2", 1, "S1", "A", "2025-03-02", "2025-03-16", "", 20, 0, 0, 1.0),
             po("P3", 1, "S2", "B", "2025-03-05", "2025-03-08", "", 5, 0, 0, 1.0)]
    for line in lines:
        line.update(qty_received="", qty_rejected="", unit_cost="")
    with pytest.MonkeyPatch.context() as mp:
        wb = build_store(isolated_root(tmp_path_factory, mp), {"suppliers": suppliers, "purchase_orders": lines})
        book = supplier.summarise_purchase_orders(wb, MARCH)
    b = book.set_index("supplier_id")
    assert b.loc["S1", ["n_lines", "promised_lead_days", "within_contract_rate"]].tolist() == [2, 12.0, 0.5]
    assert b.loc["S2", "promised_lead_days"] == 3.0 and pd.isna(b.loc["S2", "within_contract_rate"])
    assert b.loc["total", "within_contract_rate"] == 0.5  # one of the two lines whose contract is known
    # The total row's contract: S1's 10 days over its two lines; S2's line has none (not "n/a", not 10 ÷ 3).
    assert b.loc["total", "contract_lead_time_days"] == 10.0 and pd.isna(b.loc["S2", "contract_lead_time_days"])
    assert book["open_lines"].isna().all()  # unknown, not 3 open
    facts = supplier.purchase_order_facts(book)
    assert facts["variant"] == "no_receipts" and facts["open"] is None
    en = Text("en")("supplier.orders.takeaway.no_receipts", **facts)
    assert en.startswith("3 purchase-order lines (3 POs, 35 units) from 2 suppliers were due this month, the most "
                         "from S1 青岛织造 (2). Suppliers promised delivery 9.0 days after the order on average, "
                         "against a contract lead time of 10.0 days on average over the lines that have one; 50.0% "
                         "of the lines were promised within their contract lead time."), en
    assert "the purchase orders record no receipt" in en and "`received_on`" in en
    zh = Text("zh")("supplier.orders.takeaway.no_receipts", **facts)
    assert zh.startswith("本月到期的采购行共3行（3张采购单，35件），来自2家供应商，最多的是S1 青岛织造（2行）。") and "`received_on`" in zh
    assert "有合同交期的采购行合同交期平均10.0天；50.0%的采购行承诺交期在合同交期之内。" in zh, zh
