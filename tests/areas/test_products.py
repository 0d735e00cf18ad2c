"""Products: ABC thresholds, stock cover flags, new products against their category, price
realisation and high returns, each on a hand-computed tiny store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from storebook.areas import products
from storebook.engine.periods import month
from storebook.errors import NoDataError
from storebook.report.text import Text
from support.stores import write_tables

MARCH = month("2026-03")


def _product(sku, category="beauty", list_price=100.0, unit_cost=40.0, launched="2024-01-01", active=True):
    return {"sku": sku, "product_name": f"name {sku}", "category": category, "list_price": list_price,
            "unit_cost": unit_cost, "supplier_id": "S1", "launched_on": launched, "is_active": active}


def _sale(oid, sku, qty, paid_at, unit_price=100.0, discount=0.0, platform="tmall"):
    """One paid order with one line (and its order row)."""
    items = qty * unit_price
    order = {"order_id": oid, "platform": platform, "ordered_at": pd.Timestamp(paid_at) - pd.Timedelta(minutes=1),
             "paid_at": paid_at, "status": "completed", "items_amount": items, "discount_amount": discount,
             "paid_amount": items - discount}
    line = {"order_id": oid, "line_no": 1, "sku": sku, "quantity": qty, "unit_price": unit_price,
            "discount_amount": discount, "line_amount": items - discount}
    return order, line


def _store(root: Path, product_rows, sales, **more) -> object:
    orders, lines = zip(*sales, strict=True) if sales else ((), ())
    return write_tables(root, products=product_rows, orders=list(orders), order_lines=list(lines), **more)


# ----------------------------------------------------------------------------- ABC


def test_abc_thresholds_by_hand():
    values = pd.Series([5.0, 50.0, 2.0, 30.0, 10.0, 3.0], index=list("abcdef"))
    # Largest first: 50 (0 % before), 30 (50 %), 10 (80 % — not below 80 %: B), 5 (90 %),
    # 3 (95 % — not below 95 %: C), 2.
    assert products.classify_abc(values).to_dict() == {"a": "B", "b": "A", "c": "C", "d": "A", "e": "B", "f": "C"}


def test_abc_losses_and_zeros_are_tail():
    values = pd.Series([100.0, 0.0, -20.0])
    assert products.classify_abc(values).tolist() == ["A", "C", "C"]
    # Shares are of the positive total: a loss maker does not inflate the others' shares.
    assert products.classify_abc(pd.Series([70.0, 30.0, -50.0]), (0.7, 0.9)).tolist() == ["A", "B", "C"]


def test_classify_skus_by_revenue_and_by_margin(root):
    rows = [_product("A", unit_cost=90.0), _product("B", unit_cost=10.0), _product("C", unit_cost=10.0),
            _product("D"), _product("E", active=False)]
    sales = [_sale("O1", "A", 8, "2026-03-02 10:00"), _sale("O2", "B", 1, "2026-03-03 10:00", unit_price=150.0),
             _sale("O3", "C", 1, "2026-03-04 10:00", unit_price=50.0)]
    wb = _store(root, rows, sales)
    abc = products.classify_skus(wb, MARCH, months=1).set_index("sku")
    assert set(abc.index) == {"A", "B", "C", "D"}            # E: inactive and unsold
    # revenue 800 / 150 / 50 / 0 of 1,000: A reaches 80 % alone; B starts at 80 % → B.
    assert abc["abc_revenue"].to_dict() == {"A": "A", "B": "B", "C": "C", "D": "C"}
    assert abc.loc["A", "revenue_cum_share"] == pytest.approx(0.8)
    # margin 80 / 140 / 40 / 0 of 260: B (54 %) then A (before 54 % → A), C (before 85 % → B).
    assert abc["abc_margin"].to_dict() == {"A": "A", "B": "A", "C": "B", "D": "C"}
    summary = products.summarise_abc(abc.reset_index(), "revenue").set_index("abc")
    assert summary.loc["C", "skus"] == 2 and summary.loc["C", "zero_skus"] == 1
    assert summary.loc["C", "amount_share"] == pytest.approx(0.05)


# ----------------------------------------------------------------------------- stock


def test_stock_health_flags(root):
    rows = [_product("A", unit_cost=10.0), _product("B"), _product("C", unit_cost=5.0)]
    sales = [_sale("O1", "A", 31, "2026-03-05 10:00"), _sale("O2", "B", 62, "2026-03-06 10:00")]
    days = pd.date_range("2026-03-01", "2026-03-31")
    inventory = [{"snapshot_on": d, "sku": s, "warehouse": "W1", "on_hand": q, "on_order": 0}
                 for d in days for s, q in (("A", 100), ("B", 10), ("C", 50))]
    wb = _store(root, rows, sales, inventory=inventory)
    h = products.flag_stock_health(wb, MARCH, overstock_days=90, slow_sell_through=0.2).set_index("sku")
    # A: 1 a day → 100 days of cover (overstock); sell-through 31 / 131 (not slow).
    assert h.loc["A", "days_of_cover"] == pytest.approx(100.0)
    assert h.loc["A", "is_overstock"] and not h.loc["A", "is_slow_mover"]
    assert h.loc["A", "excess_units"] == pytest.approx(10.0) and h.loc["A", "excess_value"] == pytest.approx(100.0)
    # B: 2 a day → 5 days of cover; sell-through 62 / 72.
    assert h.loc["B", "days_of_cover"] == pytest.approx(5.0)
    assert not h.loc["B", "is_overstock"] and not h.loc["B", "is_slow_mover"]
    # C: stock, no sales: overstock and a slow mover; all 50 units are excess.
    assert h.loc["C", "is_overstock"] and h.loc["C", "is_slow_mover"]
    assert h.loc["C", "stock_value"] == pytest.approx(250.0)
    assert list(h.index)[:2] == ["C", "A"]                  # flagged, most excess value first


def test_stock_health_without_inventory_says_so(root):
    wb = _store(root, [_product("A")], [_sale("O1", "A", 1, "2026-03-05 10:00")],
                inventory=[{"snapshot_on": "2026-01-31", "sku": "A", "warehouse": "W1", "on_hand": 1, "on_order": 0}])
    with pytest.raises(NoDataError) as e:
        products.flag_stock_health(wb, MARCH)
    assert "inventory" in str(e.value) and "2026-03" in str(e.value)


# ----------------------------------------------------------------------------- new products


def test_new_product_against_its_category(root):
    rows = [_product("N1", launched="2026-02-01"), _product("E1", launched="2025-01-01"),
            _product("E2", launched="2025-01-01"), _product("H1", category="home", launched="2025-01-01")]
    sales = [
        _sale("O1", "N1", 1, "2026-02-10 10:00"),                  # N1 first 30 days: 100
        _sale("O2", "N1", 1, "2026-03-20 10:00", unit_price=50.0),  # … first 60 days: 150
        _sale("O3", "E1", 2, "2026-02-15 10:00"),                  # E1: 200 in both windows
        _sale("O4", "E2", 1, "2026-03-10 10:00"),                  # E2: only in the 60-day window
        _sale("O5", "H1", 9, "2026-02-11 10:00"),                  # another category: no benchmark
    ]
    wb = _store(root, rows, sales)
    n = products.track_new_products(wb, month("2026-04")).set_index("sku")
    assert list(n.index) == ["N1"]
    assert n.loc["N1", "revenue_30"] == 100.0 and n.loc["N1", "benchmark_30"] == 200.0   # E2 did not sell
    assert n.loc["N1", "index_30"] == pytest.approx(0.5)
    assert n.loc["N1", "benchmark_60"] == pytest.approx(150.0)                           # (200 + 100) / 2
    assert n.loc["N1", "index_60"] == pytest.approx(1.0)
    assert np.isnan(n.loc["N1", "index_90"])     # 1 Feb + 90 days ends after April: not judged yet
    with pytest.raises(NoDataError) as e:
        products.track_new_products(wb, month("2026-04"), launched_within_days=30)
    assert "launched" in str(e.value)


# ----------------------------------------------------------------------------- price, returns


def test_price_realisation_split(root):
    rows = [_product("A", list_price=60.0), _product("B", category="home", list_price=100.0)]
    sales = [_sale("O1", "A", 2, "2026-03-02 10:00", unit_price=50.0, discount=10.0),
             _sale("O2", "B", 1, "2026-03-03 10:00", unit_price=100.0)]
    wb = _store(root, rows, sales)
    p = products.measure_price_realisation(wb, MARCH).set_index("category")
    a = p.loc["beauty"]
    assert (a.units, a.list_amount, a.sales_amount) == (2, 120.0, 90.0)
    assert a.realisation == pytest.approx(0.75) and a.discount_depth == pytest.approx(0.25)
    assert a.price_cut == pytest.approx(1 / 6) and a.discount_share == pytest.approx(1 / 12)
    assert a.avg_price == 45.0 and a.avg_list_price == 60.0
    assert p.loc["home", "discount_depth"] == 0.0
    assert p.loc["total", "realisation"] == pytest.approx(190 / 220)
    assert list(p.index) == ["beauty", "home", "total"]


def test_high_returns_need_volume_and_evidence(root):
    rows = [_product(s) for s in ("A", "A2", "A3", "A4")]
    sales = [_sale("O1", "A", 100, "2026-03-02 10:00"), _sale("O2", "A2", 100, "2026-03-02 11:00"),
             _sale("O3", "A3", 100, "2026-03-02 12:00"), _sale("O4", "A4", 5, "2026-03-02 13:00")]
    returns = [
        {"return_id": "R1", "order_id": "O1", "sku": "A", "quantity": 30, "returned_on": "2026-03-10",
         "reason": "quality", "refund_amount": 3000.0},
        {"return_id": "R2", "order_id": "O3", "sku": "A3", "quantity": 2, "returned_on": "2026-03-10",
         "reason": "changed_mind", "refund_amount": 200.0},
        {"return_id": "R3", "order_id": "O4", "sku": "A4", "quantity": 2, "returned_on": "2026-03-10",
         "reason": "quality", "refund_amount": 200.0},
    ]
    wb = _store(root, rows, sales, returns=returns)
    r = products.flag_high_returns(wb, MARCH, min_units=20, factor=2.0).set_index("sku")
    assert r.loc["A", "return_rate"] == pytest.approx(0.30)
    assert r.loc["A", "category_return_rate"] == pytest.approx(34 / 305)
    assert r.loc["A", "is_high"]                 # 2.7 × the category, interval clear of it
    assert not r.loc["A4", "is_high"]            # 40 % but only 5 sold
    assert not r.loc["A3", "is_high"] and not r.loc["A2", "is_high"]


def test_cross_abc_counts_every_pair():
    abc = pd.DataFrame({"abc_revenue": ["A", "A", "B", "C"], "abc_margin": ["A", "B", "B", "C"]})
    cross = products.cross_abc(abc).set_index(["abc_revenue", "abc_margin"])["skus"]
    assert len(cross) == 9 and cross.sum() == 4
    assert cross[("A", "B")] == 1 and cross[("B", "A")] == 0


@pytest.mark.notebooks
def test_notebook_on_another_platform_in_chinese(sample_root, tmp_path):
    """products.ipynb for Douyin alone, in Chinese: the recorded headline is the library's."""
    import storebook
    from storebook.report.results import read_results
    from support.notebooks import report_text, run_notebook

    nb = run_notebook("products", {"month": "2026-09", "platforms": ["douyin"], "language": "zh"},
                      sample_root, tmp_path)
    results = read_results(nb)
    assert results["products.notices"] == []
    wb = storebook.open(sample_root / "data" / "processed", root=sample_root)
    expected = products.summarise_products(wb, month("2026-09"), ["douyin"])
    recorded = {r["key"]: r["value"] for r in results["products.headline"]}
    assert recorded == pytest.approx(expected)
    assert "商品与品类" in report_text(nb) and "抖音" in report_text(nb)


# ----------------------------------------------------------------------------- without a catalogue or costs


def _line_sale(oid, sku, qty, paid_at, item_name=None, unit_price=100.0, **kw):
    """One paid order with one line that names its item (as an orders export does)."""
    order, line = _sale(oid, sku, qty, paid_at, unit_price=unit_price, **kw)
    return order, {**line, "item_name": item_name}


def _lines_store(root: Path, sales, **more) -> object:
    orders, lines = zip(*sales, strict=True)
    return write_tables(root, orders=list(orders), order_lines=list(lines), **more)


#: An orders export alone: S-1 50 (a SKU, no name), the mug 30 (named twice: the latest name
#: wins), the pen 5; an unpaid order of cups (500) does not count.
_EXPORT = [_line_sale("O1", "name:mug", 2, "2026-03-02 10:00", "Mug (old)", 10.0),
           _line_sale("O2", "name:mug", 1, "2026-03-05 10:00", "Mug", 10.0),
           _line_sale("O3", "S-1", 1, "2026-03-03 10:00", None, 50.0),
           _line_sale("O4", "name:pen", 1, "2026-03-04 10:00", "Pen", 5.0)]


def _unpaid(oid="O5"):
    order, line = _line_sale(oid, "name:cup", 5, "2026-03-06 10:00", "Cup", 100.0)
    return {**order, "paid_at": None, "status": "pending"}, line


def test_skus_are_ranked_by_revenue_from_the_lines_alone_without_a_catalogue(root):
    from storebook.areas import overview, overview_facts

    wb = _lines_store(root, [*_EXPORT, _unpaid()])
    abc = products.classify_skus(wb, MARCH, months=1).set_index("sku")
    assert list(abc.index) == ["S-1", "name:mug", "name:pen"]                 # the unpaid cups: not sold
    assert abc["revenue"].tolist() == [50.0, 30.0, 5.0] and abc["units"].tolist() == [1.0, 3.0, 1.0]
    assert abc["product_name"].to_dict() == {"S-1": "S-1", "name:mug": "Mug", "name:pen": "Pen"}
    assert set(abc["category"]) == {"unknown"}
    # 50 of 85 (0 before: A), 30 (50/85 = 59 % before: A), 5 (80/85 = 94 % before: B).
    assert abc["abc_revenue"].tolist() == ["A", "A", "B"]
    # No cost anywhere: the margin is unknown, never 0, and no SKU has a margin class.
    assert abc["gross_margin"].isna().all() and abc["abc_margin"].isna().all() and not abc["is_loss"].any()
    assert abc.attrs["catalogue"] is False
    facts = products.abc_facts(abc.reset_index())
    assert facts["variant"] == "no_catalogue" and facts["a_skus"] == 2 and facts["a_share"] == pytest.approx(80 / 85)
    assert facts["zero_skus"] is None and products.summarise_abc(abc)["zero_skus"].isna().all()  # unknown, not 0
    with pytest.raises(NoDataError, match="products.unit_cost"):
        products.summarise_abc(abc.reset_index(), "gross_margin")
    headline = products.summarise_products(wb, MARCH)
    assert headline["skus_sold"] == 3 and headline["a_sku_share"] == pytest.approx(2 / 3)
    assert headline["tail_revenue_share"] == 0.0
    assert np.isnan(headline["overstock_value"]) and np.isnan(headline["price_realisation"])
    assert products.headline_facts(products.products_headline(wb, MARCH))["variant"] == "sales_only"
    # The overview's products: no cost known, so ranked by revenue, the margin unknown.
    ranked = overview.rank_product_margins(wb, MARCH, n=2)
    assert ranked.attrs["ranked_by"] == "revenue"
    # Three SKUs sold, two a group: the least are those not among the most (the mug once, not in both).
    assert ranked[["group", "sku"]].values.tolist() == [["top_sales", "S-1"], ["top_sales", "name:mug"],
                                                        ["bottom_sales", "name:pen"]]
    assert ranked["gross_margin"].isna().all() and set(ranked["category"]) == {"unknown"}
    facts = overview_facts.product_facts(ranked)
    assert facts["variant"] == "margin_unknown" and facts["top_name"] == "S-1" and facts["bottom_name"] == "Pen"
    assert facts["top_revenue_share"] == pytest.approx(80 / 85)
    # Every SKU among the most: no least group; the takeaway's least is still the pen, 5 of revenue.
    ranked = overview.rank_product_margins(wb, MARCH, n=3)
    assert ranked["group"].tolist() == ["top_sales"] * 3
    facts = overview_facts.product_facts(ranked)
    assert (facts["bottom_name"], facts["bottom_revenue"]) == ("Pen", 5.0)


def test_a_catalogue_without_costs_names_and_groups_but_leaves_the_margin_unknown(root):
    rows = [_product("A", unit_cost=None), {**_product("B", unit_cost=None), "product_name": None, "category": None},
            _product("D", unit_cost=None)]
    sales = [_line_sale("O1", "A", 2, "2026-03-02 10:00", "alpha as listed"),
             _line_sale("O2", "B", 1, "2026-03-03 10:00", "Bee"),
             _line_sale("O3", "C", 1, "2026-03-04 10:00", unit_price=50.0)]
    wb = _lines_store(root, sales, products=rows)
    abc = products.classify_skus(wb, MARCH, months=1).set_index("sku")
    # The catalogue's name first, else the lines', else the SKU; its category, else unknown.
    assert abc["product_name"].to_dict() == {"A": "name A", "B": "Bee", "C": "C", "D": "name D"}
    assert abc["category"].to_dict() == {"A": "beauty", "B": "unknown", "C": "unknown", "D": "beauty"}
    assert abc["revenue"].to_dict() == {"A": 200.0, "B": 100.0, "C": 50.0, "D": 0.0}
    # Sold at an unknown cost: margin unknown (not 0, not 100 %); D sold nothing: 0, the tail.
    assert abc.loc[["A", "B", "C"], "gross_margin"].isna().all()
    assert abc.loc[["A", "B", "C"], "gross_margin_rate"].isna().all()
    assert abc.loc["D", "gross_margin"] == 0.0 and abc.loc["D", "abc_revenue"] == "C"
    # 200 of 350 (A), 100 (57 % before: A), 50 (86 % before: B), D's 0 (C).
    assert abc["abc_revenue"].to_dict() == {"A": "A", "B": "A", "C": "B", "D": "C"}
    assert products.abc_facts(abc.reset_index())["variant"] is None          # unsold SKUs known: D


def test_units_without_line_amounts_are_not_ranked_by_zeros(root):
    from storebook.areas import overview

    sales = [_line_sale("O1", "A", 3, "2026-03-02 10:00"), _line_sale("O2", "B", 1, "2026-03-03 10:00")]
    sales = [(o, {**line, "unit_price": None, "line_amount": None}) for o, line in sales]
    wb = _lines_store(root, sales, products=[_product("A", unit_cost=None), _product("B", unit_cost=None)])
    abc = products.classify_skus(wb, MARCH, months=1).set_index("sku")
    assert abc["units"].to_dict() == {"A": 3.0, "B": 1.0}
    assert abc["revenue"].isna().all() and abc["abc_revenue"].isna().all()   # unknown, not 0 and class C
    with pytest.raises(NoDataError, match="line_amount"):
        products.summarise_abc(abc.reset_index(), "revenue")
    headline = products.summarise_products(wb, MARCH)
    assert headline["skus_sold"] == 2
    assert np.isnan(headline["a_sku_share"]) and np.isnan(headline["tail_revenue_share"])
    assert products.headline_facts(products.products_headline(wb, MARCH))["variant"] == "revenue_unknown"
    with pytest.raises(NoDataError, match="line_amount"):
        overview.rank_product_margins(wb, MARCH)


def test_high_returns_without_a_catalogue_compare_with_the_whole_store(root):
    sales = [_sale("O1", "A", 100, "2026-03-02 10:00"), _sale("O2", "B", 100, "2026-03-02 11:00"),
             _sale("O3", "C", 100, "2026-03-02 12:00")]
    returns = [{"return_id": "R1", "order_id": "O1", "sku": "A", "quantity": 30, "returned_on": "2026-03-10",
                "reason": "quality", "refund_amount": 3000.0},
               {"return_id": "R2", "order_id": "O2", "sku": "B", "quantity": 3, "returned_on": "2026-03-10",
                "reason": "quality", "refund_amount": 300.0}]
    wb = _lines_store(root, sales, returns=returns)
    r = products.flag_high_returns(wb, MARCH).set_index("sku")
    assert set(r["category"]) == {"unknown"} and r["product_name"].to_dict() == {"A": "A", "B": "B", "C": "C"}
    assert r.loc["A", "category_return_rate"] == pytest.approx(33 / 300)     # the store's rate: one unknown category
    assert r.loc["A", "is_high"] and not r.loc["B", "is_high"]


#: The real Shopify orders export (no catalogue, no SKUs but one: lines keyed by item name).
SHOPIFY = "shopify_orders_forezia-mock-data"


def test_real_shopify_orders_rank_products_as_the_export_adds_up(root):
    """The ABC ranking of a real orders export alone equals its line items added up by hand."""
    import storebook
    from storebook.engine.config import Config
    from storebook.engine.schema import PAID_STATUSES
    from storebook.ingest import ingest
    from support.mapping import realdata_folder

    export = realdata_folder(SHOPIFY) / "orders_export.csv"
    (root / "data" / "raw" / "shopify").mkdir(parents=True)
    (root / "data" / "raw" / "shopify" / export.name).write_bytes(export.read_bytes())
    ingest(Config.load(root))
    wb = storebook.open(root / "data" / "processed", root=root)
    may = month("2025-05")
    # Which orders count is the ingest's (paid, in May); what each line sold is the raw file's.
    orders = wb.execute(wb.table("orders").select("order_id", "status", "paid_at"))
    counted = orders[orders["status"].isin(PAID_STATUSES) & (orders["paid_at"] >= pd.Timestamp(may.start))
                     & (orders["paid_at"] < pd.Timestamp(may.end))]["order_id"]
    raw = pd.read_csv(export)  # one row per line item; order-level fields on an order's first line only
    raw = raw[raw["Name"].isin(set(counted))]
    folded = raw["Lineitem name"].str.casefold().str.split().str.join(" ")
    by_hand = (raw.assign(sku=raw["Lineitem sku"].fillna("name:" + folded),
                          revenue=raw["Lineitem quantity"] * raw["Lineitem price"] - raw["Lineitem discount"].fillna(0))
               .groupby("sku").agg(revenue=("revenue", "sum"), units=("Lineitem quantity", "sum"),
                                   name=("Lineitem name", "last"))
               .sort_values("revenue", ascending=False))
    assert len(counted) == 18 and len(by_hand) == 14                        # #1013 is pending: not sold
    abc = products.classify_skus(wb, may, months=1)
    assert abc["sku"].tolist() == by_hand.index.tolist()
    assert abc["revenue"].tolist() == pytest.approx(by_hand["revenue"].tolist())
    assert abc["units"].tolist() == by_hand["units"].tolist()
    assert abc["product_name"].tolist() == by_hand["name"].tolist()
    assert abc.loc[0, ["product_name", "revenue"]].tolist() == ["The Collection Snowboard: Oxygen", 3075.0]
    assert abc["gross_margin"].isna().all() and set(abc["category"]) == {"unknown"}
    share = by_hand["revenue"].cumsum().shift(fill_value=0) / by_hand["revenue"].sum()
    expected = np.where(share < 0.8, "A", np.where(share < 0.95, "B", "C")).tolist()
    assert abc["abc_revenue"].tolist() == expected == ["A"] * 5 + ["B"] * 3 + ["C"] * 6


def test_a_tiny_share_of_the_assortment_is_not_said_as_nothing() -> None:
    # Olist's real catalogue (32,957 SKUs) with three of them making 80% of revenue: the
    # sentence read "0.0% of the assortment makes 80% of revenue", the card above it 0.01%.
    from storebook.report.text import Text

    facts = {"skus_sold": 5, "a_sku_share": 3 / 32957, "tail_revenue_share": 0.015}
    for language, said in (("en", "0.01% of the assortment makes 80%"), ("zh", "0.01%的商品贡献了80%")):
        assert said in Text(language)("products.headline.takeaway.sales_only", **facts)


def test_the_margin_takeaway_counts_the_least_it_lists():
    from storebook.areas import overview_facts

    # Four SKUs with a known margin, three a group: the least group holds the one SKU left, and
    # "k of the bottom n lost money" counts that group, not the top's size.
    ranked = pd.DataFrame({
        "group": ["top", "top", "top", "bottom"], "sku": ["A", "B", "C", "D"],
        "product_name": ["A", "B", "C", "D"], "gross_margin": [90.0, 40.0, -5.0, -20.0],
        "gross_margin_rate": [0.5, 0.4, -0.1, -0.2], "share_of_margin": [90 / 105, 40 / 105, -5 / 105, -20 / 105]})
    facts = overview_facts.product_facts(ranked)
    assert (facts["n"], facts["bottom_n"], facts["negative"], facts["bottom_sku"]) == (3, 1, 1, "D")
    # No least group (every SKU among the most): the least is the top's last, its losses counted.
    facts = overview_facts.product_facts(ranked[ranked["group"] == "top"])
    assert (facts["bottom_n"], facts["negative"], facts["bottom_sku"]) == (3, 1, "C")


def test_the_margin_takeaway_of_a_store_that_sold_no_more_than_the_top_names_no_top_share():
    """A store that sold five products read "the top 5 together brought 100.0% of the month's
    product margin": every product sold is in the top, so the sentence names the most and the
    least of the products sold, and a single product is not ranked."""
    from storebook.areas import overview_facts
    from support.amounts import chosen_sentence

    margins = [50.0, 30.0, 10.0, 5.0, -5.0]
    five = pd.DataFrame({
        "group": ["top"] * 5, "sku": list("ABCDE"), "product_name": ["Aa", "Bb", "Cc", "Dd", "Ee"],
        "revenue": [100.0, 80.0, 40.0, 20.0, 10.0], "gross_margin": margins,
        "gross_margin_rate": [m / r for m, r in zip(margins, [100.0, 80.0, 40.0, 20.0, 10.0], strict=True)],
        "share_of_margin": [m / 90 for m in margins]})
    facts = overview_facts.product_facts(five)
    assert facts["variant"] == "all" and facts["top_share"] == pytest.approx(1.0)
    en = chosen_sentence("overview.products.takeaway", facts)
    assert "top 5" not in en and "100.0%" not in en and "bottom" not in en
    assert "of the 5 products sold" in en and "Ee (E) the least, −¥5" in en and "1 of the 5 lost money" in en
    assert "前5名" not in chosen_sentence("overview.products.takeaway", facts, "zh")
    one = overview_facts.product_facts(five.head(1))
    assert one["variant"] == "one"
    assert chosen_sentence("overview.products.takeaway", one) == (
        "Aa (A) was the only product sold: it earned ¥50 of gross margin at a 50.0% margin rate.")
    # Ranked by revenue (no cost known): the same.
    by_revenue = five.assign(group="top_sales", gross_margin=np.nan, gross_margin_rate=np.nan,
                             share_of_margin=np.nan)
    by_revenue.attrs.update(ranked_by="revenue", revenue=250.0)
    facts = overview_facts.product_facts(by_revenue)
    assert facts["variant"] == "margin_unknown.all"
    en = chosen_sentence("overview.products.takeaway", facts)
    assert "top 5" not in en and "100.0%" not in en and "Ee (E) the least, ¥10" in en
    one = by_revenue.head(1).copy()
    one.attrs.update(ranked_by="revenue", revenue=100.0)
    assert overview_facts.product_facts(one)["variant"] == "margin_unknown.one"
    # With a least group beside the top, the top's share says something: the sentence keeps it.
    six = pd.concat([five, five.tail(1).assign(group="bottom", sku="F")], ignore_index=True)
    assert overview_facts.product_facts(six)["variant"] is None


def test_price_realisation_counts_only_skus_with_a_list_price(root):
    """A SKU sold without a list price (not in the catalogue, or listed unpriced) adds sales but
    no list value: before, it counted in units and sales (realisation 160 / 60 = 267 %); a priced
    SKU of no category was dropped from every row, the total included."""
    rows = [_product("A", list_price=60.0), _product("B", list_price=None), _product("C", category=None)]
    sales = [_sale("O1", "A", 1, "2026-03-02 10:00", unit_price=60.0),
             _sale("O2", "B", 1, "2026-03-03 10:00", unit_price=100.0),
             _sale("O3", "C", 1, "2026-03-04 10:00", unit_price=80.0),
             _sale("O4", "Z", 1, "2026-03-05 10:00", unit_price=30.0)]          # Z: not in the catalogue
    wb = _store(root, rows, sales)
    p = products.measure_price_realisation(wb, MARCH).set_index("category")
    assert list(p.index) == ["unknown", "beauty", "total"]
    assert (p.loc["total", "units"], p.loc["total", "list_amount"], p.loc["total", "sales_amount"]) == (2, 160.0, 140.0)
    assert p.loc["total", "realisation"] == pytest.approx(140 / 160)
    assert p.loc["unknown", "realisation"] == pytest.approx(80 / 100)


def test_price_realisation_without_a_priced_sku_sold_is_no_data(root):
    """A catalogue that lists none of the SKUs sold (a real Shopify orders export without SKUs
    beside another shop's products) has no realisation: before, the page showed 'All categories |
    0 units' and said 'discounts took 0'."""
    wb = _store(root, [_product("A")], [_sale("O1", "Z", 2, "2026-03-02 10:00")])
    with pytest.raises(NoDataError) as caught:
        products.measure_price_realisation(wb, MARCH)
    # The one SKU sold is not in the catalogue: said so, not "(1 of them is not in it)" of all of them.
    assert caught.value.key == "products.price.no_list_price.none_listed"
    assert caught.value.values == {"skus": 1, "month": "2026-03", "missing": 1}
    assert Text("en")(caught.value.key, **caught.value.values).startswith(
        "None of the 1 SKU sold in 2026-03 is in the product catalogue, so none has a list price:")
    assert np.isnan(products.summarise_products(wb, MARCH)["price_realisation"])


def test_price_realisation_of_skus_listed_without_a_price_says_how_many_are_not_listed(root):
    wb = _store(root, [_product("A", list_price=None)], [_sale("O1", "A", 2, "2026-03-02 10:00"),
                                                         _sale("O2", "Z", 1, "2026-03-03 10:00")])
    with pytest.raises(NoDataError) as caught:
        products.measure_price_realisation(wb, MARCH)
    assert caught.value.key == "products.price.no_list_price"
    assert caught.value.values == {"skus": 2, "month": "2026-03", "missing": 1}
    # No Shopify data here (hand-written tables): the how-to names the contract's column, not
    # Shopify's ("(Shopify: Price, Compare-at price)" on a Taobao store's page).
    for language in ("en", "zh"):
        said = Text(language)(caught.value.key, **caught.value.values)
        assert "Shopify" not in said and "`list_price`" in said
    # A store whose catalogue came from a Shopify export is told Shopify's columns.
    manifest = {"files": [{"path": "data/raw/shopify/products_export_1.csv", "source": "shopify_products"}]}
    wb.ingest_manifest = lambda: manifest
    with pytest.raises(NoDataError) as caught:
        products.measure_price_realisation(wb, MARCH)
    assert caught.value.key == "products.price.no_list_price.shopify"
    assert "(Shopify: Price, Compare-at price)" in Text("en")(caught.value.key, **caught.value.values)


def test_a_catalogue_that_lists_none_of_the_skus_sold_is_left_out_of_the_classes(root):
    """Products that no sale can meet (orders without SKUs beside a catalogue keyed by SKU, or
    another shop's catalogue) are not 'active SKUs that sold nothing': before, they joined class
    C as zeros and the sentence offered them for delisting."""
    from storebook.report.text import Text

    rows = [_product("A"), _product("B"), _product("C")]
    sales = [_sale("O1", "Z", 2, "2026-03-02 10:00"), _sale("O2", "Y", 1, "2026-03-03 10:00")]
    wb = _store(root, rows, sales)
    abc = products.classify_skus(wb, MARCH, months=1)
    assert abc["sku"].tolist() == ["Z", "Y"] and abc.attrs["unmatched"] and not abc.attrs["catalogue"]
    assert products.summarise_abc(abc)["zero_skus"].isna().all()                 # unknown, not 0
    facts = products.abc_facts(abc)
    assert facts["variant"] == "unmatched" and facts["skus"] == 2 and facts["zero_skus"] is None
    for language, said in (("en", "lists none of the SKUs sold"), ("zh", "商品表中没有任何一个售出的SKU")):
        assert said in Text(language)("products.abc.takeaway.unmatched", **facts)
    assert products.summarise_products(wb, MARCH)["a_sku_share"] == 1.0      # both sold are A (not 2 of 5)
    # One SKU sold in the catalogue: the catalogue counts, its unsold products with it.
    wb = _store(root, rows, [*sales, _sale("O3", "A", 1, "2026-03-04 10:00", unit_price=10.0)])
    abc = products.classify_skus(wb, MARCH, months=1)
    assert set(abc["sku"]) == {"Z", "Y", "A", "B", "C"} and not abc.attrs["unmatched"]
    assert products.abc_facts(abc)["zero_skus"] == 2


def test_real_shopify_orders_beside_another_shops_products(root):
    """The commonest real pair, a Shopify orders export and a products export, here of two
    shops (the orders' lines have no SKU but one, keyed by item name; the products are keyed by
    Variant SKU): none joins, so the 66 products are not 'sold nothing', and realisation has no
    list price to compare with."""
    import storebook
    from storebook.engine.config import Config
    from storebook.ingest import ingest
    from support.mapping import realdata_folder

    shop = root / "data" / "raw" / "shopify"
    shop.mkdir(parents=True)
    orders = realdata_folder(SHOPIFY) / "orders_export.csv"
    catalogue = realdata_folder("shopify_products_shopifypartners-product-csvs")
    for path in (orders, *sorted(catalogue.glob("*.csv"))):
        (shop / path.name).write_bytes(path.read_bytes())
    report = ingest(Config.load(root))
    assert report.rows_rejected == 0
    wb = storebook.open(root / "data" / "processed", root=root)
    may = month("2025-05")
    abc = products.classify_skus(wb, may, months=1)
    assert abc.attrs["unmatched"] and len(abc) == 14                       # the 14 items sold, no catalogue rows
    facts = products.abc_facts(abc)
    assert facts["variant"] == "unmatched" and facts["zero_skus"] is None
    with pytest.raises(NoDataError) as caught:
        products.measure_price_realisation(wb, may)
    assert caught.value.values == {"skus": 14, "month": "2025-05", "missing": 14}


def test_a_sku_without_an_active_flag_is_neither_active_nor_inactive(root):
    """A sold; D active and U without a flag (the export does not give it) sold nothing; E is
    inactive and unsold. U stays in the assortment as unknown: 2 SKUs sold nothing, 1 of them
    active and 1 unknown (before: U was filled in as active, "2 active SKUs sold nothing")."""
    from storebook.report.text import Text

    rows = [_product("A"), _product("D"), _product("U", active=None), _product("E", active=False)]
    wb = _store(root, rows, [_sale("O1", "A", 2, "2026-03-02 10:00")])
    abc = products.classify_skus(wb, MARCH, months=1).set_index("sku")
    assert set(abc.index) == {"A", "D", "U"}                                  # E: inactive and unsold
    assert abc.loc[["A", "D"], "is_active"].tolist() == [True, True] and pd.isna(abc.loc["U", "is_active"])
    facts = products.abc_facts(abc.reset_index())
    assert (facts["variant"], facts["zero_skus"], facts["zero_active"], facts["zero_unknown"]) == ("status_unknown", 2, 1, 1)
    en = Text("en")("products.abc.takeaway.status_unknown", **facts)
    assert "2 SKUs sold nothing at all: 1 active and 1 whose catalogue row does not say whether they are on sale" in en
    assert "其中1个在售，1个在商品目录中未注明是否在售" in Text("zh")("products.abc.takeaway.status_unknown", **facts)
    # The headline's "of the assortment" counts the SKUs on sale: A sold and D active (not U, of
    # unknown status): 1 of 2 (before: 1 of 3, U counted as on sale).
    assert products.summarise_products(wb, MARCH)["a_sku_share"] == pytest.approx(1 / 2)
    # Every flag known: the sentence of active SKUs, as before.
    known = products.abc_facts(abc.drop(index="U").reset_index())
    assert (known["variant"], known["zero_skus"], known["zero_active"], known["zero_unknown"]) == (None, 1, 1, 0)
    # No flag on any of them: said so, without "0 active".
    unknown = products.abc_facts(abc.drop(index="D").reset_index())
    assert (unknown["variant"], unknown["zero_skus"], unknown["zero_unknown"]) == ("no_status", 1, 1)
    assert Text("en")("products.abc.takeaway.no_status", **unknown).endswith(
        "sold nothing at all; the catalogue does not say whether they are on sale.")


def test_real_olist_catalogue_has_no_active_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Olist's real products (32,951, no active flag in the file) beside the orders and items
    fixtures, the items selling the catalogue's first products (the fixture's own product ids
    are none of the real catalogue's, which is then left out: a catalogue that lists none of the
    SKUs sold): the SKUs that sold nothing over the three months to August 2018 are all of
    unknown status (before: "32,951 active SKUs sold nothing")."""
    import storebook
    from support.mapping import install, realdata_folder
    from support.sources import run
    from support.stores import make_root, use_root

    folder = realdata_folder("olist_partial_products_sellers")
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "olist"
    items = pd.read_csv(fixtures / "olist_order_items_dataset.csv", dtype=str)
    catalogue_ids = pd.read_csv(folder / "olist_products_dataset.csv", usecols=["product_id"], nrows=len(items))
    items = items.assign(product_id=catalogue_ids["product_id"].to_numpy())
    (tmp_path / "items").mkdir()
    items.to_csv(tmp_path / "items" / "olist_order_items_dataset.csv", index=False)
    root = use_root(make_root(tmp_path / "wb"), monkeypatch)
    install(root, "olist", [*sorted(p for p in folder.iterdir() if p.is_file()),
                            fixtures / "olist_orders_dataset.csv", tmp_path / "items" / "olist_order_items_dataset.csv"])
    run(root)
    wb = storebook.open()
    abc = products.classify_skus(wb, month("2018-08"))
    facts = products.abc_facts(abc)
    listed = pd.read_csv(folder / "olist_products_dataset.csv", usecols=["product_id"])
    sold = abc.loc[abc["units"] > 0, "sku"]
    assert facts["variant"] == "no_status" and facts["zero_active"] == 0
    assert facts["zero_unknown"] == facts["zero_skus"] == len(set(listed["product_id"]) - set(sold))
    assert abc["is_active"].isna().all()
    # "… of the assortment makes 80% of revenue" counts the SKUs on sale, here the SKUs sold over
    # the classes' three months (none of the catalogue is known to be active): before, the
    # 32,951 products of unknown status were the assortment ("0.01% of the assortment").
    a_skus = int((abc["abc_revenue"] == "A").sum())
    assert a_skus > 0
    share = products.summarise_products(wb, month("2018-08"))["a_sku_share"]
    assert share == pytest.approx(a_skus / len(sold))
    assert share > 0.05


def test_abc_over_three_months_says_since_when_the_orders_begin_inside_them(root: Path) -> None:
    """The real Shopify export holds one week of May: its products page said "Over the 3 months
    to this one, 5 of the 14 SKUs …" of seven days. Orders that begin after the window's first
    month are said from their first day; orders from its first month on, over the 3 months."""
    from storebook.report.text import Text

    rows = [_product("A"), _product("B")]
    late = _store(root, rows, [_sale("O1", "A", 2, "2026-03-11 10:00"), _sale("O2", "B", 1, "2026-03-12 10:00")])
    abc = products.classify_skus(late, MARCH)
    assert abc.attrs["since"] == pd.Timestamp("2026-03-11").date()
    en = Text("en")("products.abc.takeaway", **products.abc_facts(abc, text=Text("en")))
    assert en.startswith("Since the orders begin on ") and "11" in en.split(",")[0] and "months" not in en
    zh = Text("zh")("products.abc.takeaway", **products.abc_facts(abc, text=Text("zh")))
    assert zh.startswith("自订单数据起始日") and "近3个月" not in zh
    early = _store(root, rows, [_sale("O1", "A", 2, "2026-01-20 10:00"), _sale("O2", "B", 1, "2026-03-12 10:00")])
    abc = products.classify_skus(early, MARCH)
    assert abc.attrs["since"] is None
    assert Text("en")("products.abc.takeaway", **products.abc_facts(abc, text=Text("en"))).startswith(
        "Over the 3 months to this one, 2 of 2 SKUs (class A)")


def test_the_headline_leaves_out_the_one_of_stock_and_realisation_it_cannot_know() -> None:
    """UCI Online Retail (list prices from the invoices' catalogue, no stock, no unit cost): the page
    read "Overstock ties up n/a at cost, and we realised … of list price"."""
    from support.amounts import chosen_sentence

    def headline(overstock, realisation) -> pd.DataFrame:
        values = [9.0, 5 / 9, 0.028, overstock, realisation]
        return pd.DataFrame({"metric": list(products.HEADLINE_METRICS), "value": values,
                             "vs_prior": [np.nan] * 5, "vs_last_year": [np.nan] * 5})

    no_stock = products.headline_facts(headline(np.nan, 0.93))
    assert no_stock["variant"] == "no_stock"
    en = chosen_sentence("products.headline.takeaway", no_stock)
    assert "We realised 93.0% of list price; stock at cost is unknown" in en and "n/a" not in en
    assert "未知" in chosen_sentence("products.headline.takeaway", no_stock, "zh")
    assert "价格实现率为93.0%" in chosen_sentence("products.headline.takeaway", no_stock, "zh")
    no_list = products.headline_facts(headline(1200.0, np.nan))
    assert no_list["variant"] == "no_realisation"
    en = chosen_sentence("products.headline.takeaway", no_list)
    assert "Overstock ties up ¥1,200 at cost; the price against list price is unknown" in en and "n/a" not in en
    assert products.headline_facts(headline(1200.0, 0.93)).get("variant") is None


def test_the_takeaway_says_what_list_price_would_have_added_to_the_sales_not_the_depth_of_list() -> None:
    """Units of list value ¥1,000 sold for ¥800: a depth of 20% of list, and at list price they
    would have brought ¥200 more, 25% more than the sales (the sentence said 20%)."""
    price = pd.DataFrame({"category": ["toys", products.TOTAL], "units": [10, 10], "discount_amount": [50.0, 50.0],
                          "realisation": [0.8, 0.8], "discount_depth": [0.2, 0.2], "price_cut": [0.15, 0.15]})
    facts = products.price_facts(price)
    assert facts["list_uplift"] == pytest.approx(1000 / 800 - 1)
    said = Text("en")("products.price.takeaway", **facts)
    assert "would have brought 25.0% more" in said and "(20.0% of list)" in said, said
    assert "本月销量可多带来25.0%的收入" in Text("zh")("products.price.takeaway", **facts)


def test_a_discount_short_of_all_reads_the_same_short_of_all_in_title_sentence_table_and_chart(root):
    """A discount's depth is a share of the list price given away. A gift sold at ¥0.01 against a
    list price of ¥99 is 1 − 0.01 / 99 = 99.9899% off: the title and the sentence said 100.0% (as if
    given away) and so did the table's "Priced below list", while the chart beside it said 99.99%."""
    from storebook.report import plots
    from storebook.report.tables import format_table

    rows = [_product("A", list_price=60.0), _product("G", category="gifts", list_price=99.0)]
    sales = [_sale("O1", "A", 2, "2026-03-02 10:00", unit_price=50.0, discount=10.0),   # 25% off: 1/6 + 1/12
             _sale("O2", "G", 1, "2026-03-03 10:00", unit_price=0.01)]
    price = products.measure_price_realisation(_store(root, rows, sales), MARCH)
    gifts = price.set_index("category").loc["gifts"]
    assert gifts.discount_depth == pytest.approx(1 - 0.01 / 99) and gifts.price_cut == pytest.approx(1 - 0.01 / 99)
    facts = products.price_facts(price)
    assert (facts["deepest"], facts["deepest_depth"]) == ("gifts", pytest.approx(1 - 0.01 / 99))
    for language in ("en", "zh"):
        text = Text(language)
        said = text("products.price.title", **facts) + text("products.price.takeaway", **facts)
        assert said.count("99.99%") == 2 and "100.0%" not in said, said
        table = format_table(price, text, columns=["category", "realisation", "price_cut", "discount_share"]).to_html()
        assert "99.99%" in table and "100.0%" not in table
        chart = plots.hbars(price, text, category="category", values=["price_cut", "discount_share"], kind="pct",
                            stacked=True, title="")
        labels = [t.get_text() for ax in chart.axes for t in ax.texts]
        assert "99.99%" in labels and "100.0%" not in labels  # the gifts' bar: price set below list, no discounts
    assert "(99.99% of list)" in Text("en")("products.price.takeaway", **facts)
