"""The sample-store generator (storebook.sample) and the calendar it draws from.

One small store (14 months to 2026-10, scale 0.2) is generated into a temporary folder
per module and read back as the raw files: every check here looks at the files an
analyst would get, not at the generator's internals.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import REPO
from storebook.engine import calendar as cal
from storebook.sample import PII_COLUMNS, TABLE_FOLDERS, generate_sample

# The generator is checked on its canonical layout (the default); the platform formats it can
# write on request (Shopify, 生意参谋) are checked by tests/ingest/sources/test_sources_roundtrip.py.
PARAMS = {"seed": 20261, "end_month": "2026-10", "months": 14, "scale": 0.2, "platform_formats": False}
FIRST_DAY, LAST_DAY = "2025-09-01", "2026-10-31"
N_DAYS = (date(2026, 10, 31) - date(2025, 9, 1)).days + 1
TRUTHS = ("promo_uplift", "promo_pull_forward", "tracking_outage", "competitor_price_cut", "late_supplier",
          "mobile_conversion_drop", "complaint_spike", "slow_carrier",
          # the department's remaining duties (lib/storebook/sample/duties.py)
          "dsr_logistics_dip", "listing_low_conversion", "listing_change", "listing_ad_sink", "campaign_holdouts",
          "forecast_season")


def contract() -> dict[str, dict[str, list[str]]]:
    """Key and columns of each table, parsed from docs/contract.md (the data contract)."""
    out = {}
    for line in (REPO / "docs" / "contract.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in TABLE_FOLDERS:
            out[cells[0]] = {"key": [c.strip() for c in cells[1].split(",")],
                             "columns": [c.strip() for c in cells[2].split(",")],
                             "required": [c.strip() for c in cells[3].split(",")]}
    return out


def cents(series: pd.Series) -> np.ndarray:
    return np.rint(series.astype(float).to_numpy() * 100).astype(np.int64)


def read(raw: Path, table: str) -> pd.DataFrame:
    """A table's raw files as text, concatenated (encodings as the generator writes them)."""
    files = sorted((raw / table).iterdir())
    frames = []
    for f in files:
        if f.suffix == ".xlsx":
            frames.append(pd.read_excel(f, dtype=str, keep_default_na=False))
        else:
            enc = {"competitor_prices": "gbk", "service_tickets": "utf-8-sig"}.get(table, "utf-8")
            frames.append(pd.read_csv(f, dtype=str, keep_default_na=False, encoding=enc))
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    raw = tmp_path_factory.mktemp("sample") / "raw"
    summary = generate_sample(raw, **PARAMS)
    return raw, summary


@pytest.fixture(scope="module")
def raw(store) -> Path:
    return store[0]


@pytest.fixture(scope="module")
def t(raw: Path) -> dict[str, pd.DataFrame]:
    return {table: read(raw, table) for table in TABLE_FOLDERS}


@pytest.fixture(scope="module")
def truth(raw: Path) -> dict:
    return json.loads((raw / "_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def paid_lines(t) -> pd.DataFrame:
    o = t["orders"]
    paid = o[o.paid_at != ""][["order_id", "platform", "ordered_at", "device"]]
    return t["order_lines"].merge(paid, on="order_id")


# ----------------------------------------------------------------------------- files & layout


def test_same_arguments_give_identical_files(store, tmp_path: Path) -> None:
    raw, _ = store
    again = tmp_path / "raw"
    generate_sample(again, **PARAMS)

    def digests(root: Path) -> dict[str, str]:
        return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    first, second = digests(raw), digests(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_another_seed_gives_other_data(tmp_path: Path, raw: Path) -> None:
    other = tmp_path / "raw"
    generate_sample(other, **{**PARAMS, "seed": 7, "months": 9})
    a = (raw / "orders" / "orders_2026-10.csv").read_bytes()
    b = (other / "orders" / "orders_2026-10.csv").read_bytes()
    assert a != b


def test_every_table_has_the_contract_columns(raw: Path) -> None:
    spec = contract()
    assert set(spec) == set(TABLE_FOLDERS)
    for table in TABLE_FOLDERS:
        files = sorted((raw / table).iterdir())
        assert files, table
        for f in files:
            if f.suffix == ".xlsx":
                header = list(pd.read_excel(f, nrows=0).columns)
            else:
                enc = {"competitor_prices": "gbk", "service_tickets": "utf-8-sig"}.get(table, "utf-8")
                header = f.read_bytes().decode(enc).split("\n", 1)[0].split(",")
            # Every required column, in contract order; optional columns the sample has no use for
            # (an order's adjustment, a line's item name) may be left out, as real exports do.
            required = spec[table]["required"]
            assert [c for c in header if c in required] == required, f
            assert header == [c for c in spec[table]["columns"] if c in header] + PII_COLUMNS.get(table, []), f


def test_file_layout_and_encodings(raw: Path, store) -> None:
    names = {str(p.relative_to(raw)) for p in raw.rglob("*") if p.is_file()}
    months = [f"2025-{m:02d}" for m in range(9, 13)] + [f"2026-{m:02d}" for m in range(1, 11)]
    for table in ("orders", "order_lines", "shipments"):
        assert {f"{table}/{table}_{m}.csv" for m in months} <= names
    assert "products/products.xlsx" in names and "_truth.json" in names
    assert sorted(store[1]["files"]) == sorted(names)
    for path in raw.rglob("*.csv"):
        data = path.read_bytes()
        assert b"\r" not in data, path
        assert data.startswith(b"\xef\xbb\xbf") == (path.parent.name == "service_tickets"), path
    competitor = (raw / "competitor_prices" / "competitor_prices.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        competitor.decode("utf-8")
    assert "竞品A旗舰店" in competitor.decode("gbk")


def test_products_workbook_is_readable(t) -> None:
    p = t["products"]
    assert len(p) == 300 and p.sku.is_unique
    assert set(p.is_active) == {"true", "false"}
    assert (p.list_price.astype(float) > 0).all() and (p.unit_cost.astype(float) >= 0).all()
    assert (p.unit_cost.astype(float) < p.list_price.astype(float)).all()
    assert p.category.nunique() == 8
    assert (p.launched_on > FIRST_DAY).sum() >= 10  # some SKUs launch during the period


def test_row_counts(t, store) -> None:
    rows = store[1]["rows"]
    assert {k: len(v) for k, v in t.items()} == rows
    # ≈150k orders a year-pair at scale 1 → 14 months at 0.2 ≈ 17.5k.
    assert 14_000 <= rows["orders"] <= 22_000
    assert 1.3 <= rows["order_lines"] / rows["orders"] <= 1.7
    assert rows["inventory"] == N_DAYS * 300 * 3
    assert rows["suppliers"] == 12 and rows["products"] == 300
    assert rows["traffic"] == N_DAYS * 2 * (9 + 8 + 7 + 7)
    assert rows["competitor_prices"] % N_DAYS == 0 and 80 <= rows["competitor_prices"] // N_DAYS <= 160
    assert rows["platform_fees"] == 40
    for table in ("shipments", "returns", "service_tickets", "marketing_spend", "promotions", "purchase_orders", "targets"):
        assert rows[table] > 0, table


def test_keys_are_unique(t) -> None:
    for table, spec in contract().items():
        assert not t[table].duplicated(spec["key"]).any(), table


def test_foreign_keys(t) -> None:
    orders = set(t["orders"].order_id)
    skus = set(t["products"].sku)
    assert set(t["order_lines"].order_id) <= orders
    assert set(t["order_lines"].sku) <= skus
    assert set(t["shipments"].order_id) <= orders
    assert set(t["returns"].order_id) <= orders and set(t["returns"].sku) <= skus
    tk = t["service_tickets"]
    assert set(tk.order_id) - {""} <= orders and set(tk.sku) - {""} <= skus
    assert set(t["orders"].promo_id) - {""} <= set(t["promotions"].promo_id)
    assert set(t["products"].supplier_id) <= set(t["suppliers"].supplier_id)
    assert set(t["competitor_prices"].sku) - {""} <= skus
    assert set(t["purchase_orders"].sku) <= skus
    assert set(t["inventory"].sku) == skus
    # Every ticket batch is a batch we received.
    assert set(tk.batch_id) - {""} <= set(t["purchase_orders"].batch_id)


# ----------------------------------------------------------------------------- contract rules


def test_order_amounts(t) -> None:
    o = t["orders"]
    paid = o.paid_at != ""
    items, disc, ship, pay, ref = (cents(o[c]) for c in ("items_amount", "discount_amount", "shipping_amount",
                                                          "paid_amount", "refund_amount"))
    assert (pay[paid] == items[paid] - disc[paid] + ship[paid]).all()
    assert (pay[~paid] == 0).all() and (o.status[~paid] == "cancelled").all()
    assert ((ref >= 0) & (ref <= pay)).all()
    assert (o.paid_at[paid] >= o.ordered_at[paid]).all()
    assert set(o.status) == {"paid", "shipped", "completed", "cancelled", "refunded"}
    # Orders sum their lines.
    lines = t["order_lines"]
    q, up, ld, la = (lines.quantity.astype(int).to_numpy(), cents(lines.unit_price), cents(lines.discount_amount),
                     cents(lines.line_amount))
    assert (q > 0).all()
    assert (la == q * up - ld).all()
    by_order = pd.DataFrame({"order_id": lines.order_id, "gross": q * up, "disc": ld}).groupby("order_id").sum()
    o2 = pd.DataFrame({"items": items, "disc": disc}, index=o.order_id)
    assert (by_order.gross == o2.loc[by_order.index, "items"]).all()
    assert (by_order.disc == o2.loc[by_order.index, "disc"]).all()
    assert set(lines.order_id) == set(o.order_id)


def test_refunds_equal_the_returns(t) -> None:
    o = t["orders"].set_index("order_id")
    r = t["returns"]
    assert (r.quantity.astype(int) > 0).all() and (cents(r.refund_amount) >= 0).all()
    by_order = pd.Series(cents(r.refund_amount), index=r.order_id).groupby(level=0).sum()
    refunds = pd.Series(cents(o.refund_amount), index=o.index)
    assert (refunds[by_order.index] == by_order).all()
    assert refunds.drop(by_order.index).eq(0).all()
    assert set(r.reason) <= {"quality", "damaged", "wrong_item", "not_as_described", "changed_mind", "late_delivery"}
    assert (r.returned_on <= LAST_DAY).all()


def test_shipments(t) -> None:
    s = t["shipments"]
    done = s.delivered_at != ""
    assert (s.delivered_at[done] > s.shipped_at[done]).all()
    assert (s.shipped_at <= LAST_DAY + " 23:59:59").all()
    assert set(s.carrier) == {"SF Express", "JD Logistics", "ZTO Express", "YTO Express", "EMS"}
    assert s.warehouse.nunique() == 3 and (cents(s.shipping_cost_amount) > 0).all()
    split = s.groupby("order_id").size()
    assert 0.005 < (split > 1).mean() < 0.2  # some orders ship in two parts
    o = t["orders"].set_index("order_id")
    assert (o.loc[s.order_id, "status"] != "cancelled").all()
    assert (o.loc[s.order_id[s.shipped_at.str[:10] > LAST_DAY], "status"] == "paid").all()


def test_other_tables_follow_the_rules(t) -> None:
    tr = t["traffic"]
    assert (tr.visitors.astype(int) >= tr.buyers.astype(int)).all()
    m = t["marketing_spend"]
    assert (m.clicks.astype(int) <= m.impressions.astype(int)).all() and (cents(m.spend_amount) >= 0).all()
    pr = t["promotions"]
    assert (pr.ends_on >= pr.starts_on).all()
    assert pr.discount_pct.astype(float).between(0, 0.99).all()
    assert pr.scope.str.match(r"^(sku:[^|]+(\|[^|]+)*|category:.+)$").all()
    assert set(pr.promo_type) == {"discount", "coupon", "flash_sale", "bundle", "festival"}
    assert (pr.platform == "").any() and (pr.platform != "").any()
    cp = t["competitor_prices"]
    assert (cents(cp.price) > 0).all() and cp.rating.astype(float).between(0, 5).all()
    assert 0.3 < (cp.sku != "").mean() < 0.7  # about half matched to our SKUs
    assert cp.competitor.nunique() == 4
    po = t["purchase_orders"]
    rec = po.received_on != ""
    assert (po.received_on[rec] >= po.ordered_on[rec]).all() and (po.promised_on >= po.ordered_on).all()
    q = po[["qty_ordered", "qty_received", "qty_rejected"]].astype(int)
    assert (q.qty_received <= q.qty_ordered).all() and (q.qty_rejected <= q.qty_received).all()
    tk = t["service_tickets"]
    assert (tk.first_response_at[tk.first_response_at != ""] >= tk.opened_at[tk.first_response_at != ""]).all()
    assert (tk.resolved_at[tk.resolved_at != ""] >= tk.opened_at[tk.resolved_at != ""]).all()
    assert set(tk.csat) <= {"", "1", "2", "3", "4", "5"} and (tk.csat != "").mean() > 0.6
    assert set(tk.is_complaint) == {"true", "false"}
    tg = t["targets"]
    metrics = {"paid_amount", "visitors", "orders", "buyers", "conversion_rate", "aov", "gross_margin_amount",
               "marketing_spend_amount", "roas", "refund_rate", "csat", "complaints_per_1000_orders", "otif_rate",
               "logistics_cost_amount", "contribution_margin_amount"}
    assert set(tg.metric) == metrics
    assert (tg.month_on.str.endswith("-01")).all()
    assert ((tg.channel == "all") == (tg.metric != "marketing_spend_amount")).all()
    fees = t["platform_fees"]
    assert fees.groupby(["platform", "category"]).size().max() == 2  # one rate change


def test_personal_data_is_obviously_fake(t) -> None:
    o = t["orders"]
    assert o.buyer_phone.str.fullmatch(r"1380000\d{4}").all()
    assert o.buyer_email.str.endswith("@example.com").all()
    assert o.ip_address.str.startswith("203.0.113.").all()
    assert o.shipping_address.str.contains("示例市").all()
    assert o.customer_id.str.fullmatch(r"(tb|jd|dy|web)_[0-9a-f]{8}").all()
    prefix = {"tmall": "tb_", "jd": "jd_", "douyin": "dy_", "web": "web_"}
    assert (o.customer_id.str.split("_").str[0] + "_" == o.platform.map(prefix)).all()
    assert t["service_tickets"].customer_phone.str.fullmatch(r"1380000\d{4}").all()


def test_customers_come_back(t) -> None:
    o = t["orders"][t["orders"].paid_at != ""]
    per = o.groupby("customer_id").size()
    assert 0.10 < (per > 1).mean() < 0.5
    firsts = o.groupby("customer_id").ordered_at.min().str[:7]
    assert firsts.nunique() == 14  # new customers every month


# ----------------------------------------------------------------------------- consistency


def test_traffic_all_rows_report_the_orders(t, paid_lines) -> None:
    o = t["orders"][t["orders"].paid_at != ""].assign(day=lambda d: d.paid_at.str[:10])
    want = o.groupby(["day", "platform", "device"]).agg(
        orders=("order_id", "size"), buyers=("customer_id", "nunique"),
        paid=("paid_amount", lambda s: int(cents(s).sum())))
    tr = t["traffic"][t["traffic"].channel == "all"].set_index(["visited_on", "platform", "device"])
    got = tr.loc[want.index]
    assert (got.orders.astype(int).to_numpy() == want.orders.to_numpy()).all()
    assert (got.buyers.astype(int).to_numpy() == want.buyers.to_numpy()).all()
    assert (cents(got.paid_amount) == want.paid.to_numpy()).all()


def test_channel_rows_overlap_except_on_the_web_shop(t) -> None:
    tr = t["traffic"]
    counts = ["visitors", "page_views", "product_views", "cart_adds", "checkouts", "buyers", "orders"]
    tr = tr.assign(**{c: tr[c].astype(int) for c in counts})
    all_rows = tr[tr.channel == "all"].set_index(["visited_on", "platform", "device"])[counts]
    sums = tr[tr.channel != "all"].groupby(["visited_on", "platform", "device"])[counts].sum()
    for platform in ("tmall", "jd", "douyin"):
        ch, al = sums.xs(platform, level=1), all_rows.xs(platform, level=1).loc[sums.xs(platform, level=1).index]
        assert (ch >= al).all().all(), platform
        assert (ch.visitors > al.visitors).mean() > 0.95, platform
        assert 1.10 < ch.visitors.sum() / al.visitors.sum() < 1.20, platform
    web = sums.xs("web", level=1)
    assert (web == all_rows.xs("web", level=1).loc[web.index]).all().all()


def test_inventory_follows_sales_and_receipts(t, paid_lines) -> None:
    inv = t["inventory"].assign(on_hand=lambda d: d.on_hand.astype(int))
    assert (inv.on_hand >= 0).all() and (inv.on_order.astype(int) >= 0).all()
    stock = inv.groupby(["snapshot_on", "sku"]).on_hand.sum().unstack().fillna(0)
    po = t["purchase_orders"]
    po = po[po.received_on != ""]
    net = po.qty_received.astype(int) - po.qty_rejected.astype(int)
    received = net.groupby([po.received_on, po.sku]).sum().unstack().reindex_like(stock).fillna(0)
    sold = (paid_lines.quantity.astype(int).groupby([paid_lines.ordered_at.str[:10], paid_lines.sku]).sum()
            .unstack().reindex_like(stock).fillna(0))
    change = stock.diff().iloc[1:]
    assert (change == (received - sold).iloc[1:]).all().all()


def test_promotions_drive_the_order_discounts(t, paid_lines) -> None:
    o = t["orders"]
    with_promo = o[o.promo_id != ""]
    assert 0.05 < len(with_promo) / len(o) < 0.5
    assert (cents(with_promo.discount_amount) > 0).all()
    assert (with_promo.coupon_code.str.startswith("CPN") | (with_promo.coupon_code == "")).all()
    no_discount = o[(o.promo_id == "") & (o.coupon_code == "")]
    assert (cents(no_discount.discount_amount) == 0).all()


# ----------------------------------------------------------------------------- planted truths


def test_truth_file_records_run_and_truths(truth) -> None:
    for k, v in PARAMS.items():
        assert truth[k] == v
    assert truth["generator_version"] and truth["period"] == {"first_day": FIRST_DAY, "last_day": LAST_DAY}
    assert set(truth["truths"]) == set(TRUTHS)
    dates = []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", x):
            dates.append(x)

    walk(truth["truths"])
    assert dates and all(FIRST_DAY <= d <= LAST_DAY for d in dates)


def test_uplift_promotion_is_alone_on_its_skus(t, truth) -> None:
    u = truth["truths"]["promo_uplift"]
    pr = t["promotions"]
    assert pr.set_index("promo_id").loc[u["promo_id"], "scope"] == "sku:" + "|".join(u["skus"])
    assert u["starts_on"][:7] == "2026-08" and 7 <= u["days"] <= 10
    others = pr[(pr.promo_id != u["promo_id"]) & pr.platform.isin(["", u["platform"]])
                & (pr.starts_on <= u["clean_window"]["to"]) & (pr.ends_on >= u["clean_window"]["from"])]
    cats = t["products"].set_index("sku").category
    for scope in others.scope:
        kind, _, what = scope.partition(":")
        covered = set(what.split("|")) if kind == "sku" else set(cats[cats == what].index)
        assert not covered & set(u["skus"]), scope
    assert u["incremental_units"] == pytest.approx(u["baseline_units"] * u["true_uplift_pct"], rel=1e-3)
    assert u["incremental_paid_revenue"] > 0


def test_pull_forward_promotion(truth) -> None:
    p = truth["truths"]["promo_pull_forward"]
    assert p["starts_on"][:7] == "2026-06" and p["true_uplift_pct"] == 0
    assert p["dip_lost_units"] == pytest.approx(p["dip_baseline_units"] * 0.35, rel=1e-3)


def test_tracking_outage_day_has_almost_no_visitors(t, truth) -> None:
    o = truth["truths"]["tracking_outage"]
    tr = t["traffic"]
    tr = tr[(tr.platform == o["platform"]) & (tr.channel == "all")]
    daily = tr.assign(v=tr.visitors.astype(int), n=tr.orders.astype(int)).groupby("visited_on")[["v", "n"]].sum()
    weekday = pd.to_datetime(daily.index).day_of_week
    same = daily[weekday == date.fromisoformat(o["date"]).weekday()]
    assert daily.loc[o["date"], "v"] < 0.2 * same.v.median()
    assert daily.loc[o["date"], "n"] > 0.4 * same.n.median()  # orders are normal


def test_late_supplier_delivers_late_and_short(t, truth) -> None:
    ls = truth["truths"]["late_supplier"]
    po = t["purchase_orders"]
    po = po[(po.received_on != "") & (po.promised_on >= ls["late_from"])]
    delay = (pd.to_datetime(po.received_on) - pd.to_datetime(po.promised_on)).dt.days
    fill = po.qty_received.astype(int) / po.qty_ordered.astype(int)
    me = po.supplier_id == ls["supplier_id"]
    assert delay[me].mean() == pytest.approx(ls["mean_delay_days"], abs=0.01)
    assert delay[~me].mean() == pytest.approx(ls["others_mean_delay_days"], abs=0.01)
    mine_fill = po.qty_received[me].astype(int).sum() / po.qty_ordered[me].astype(int).sum()
    assert mine_fill == pytest.approx(ls["fill_rate"], abs=1e-4)
    assert delay[me].mean() > delay[~me].mean() + 6 and mine_fill < 0.8 < fill[~me].mean()
    inv = t["inventory"]
    late = inv[inv.sku.isin(ls["skus"]) & (inv.snapshot_on >= ls["late_from"])]
    assert (late.on_hand.astype(int) == 0).sum() == ls["stockout_sku_warehouse_days"] > 0


def test_mobile_conversion_drop_drives_the_month(t, truth) -> None:
    m = truth["truths"]["mobile_conversion_drop"]
    tr = t["traffic"][t["traffic"].channel == "all"]
    tr = tr.assign(month=tr.visited_on.str[:7], v=tr.visitors.astype(int), b=tr.buyers.astype(int))
    seg = tr.groupby(["month", "platform", "device"])[["v", "b"]].sum()
    conv = seg.b / seg.v
    cur, prev = m["month"], "2026-08"
    assert conv[cur, "tmall", "mobile"] / conv[prev, "tmall", "mobile"] - 1 < -0.2
    visitors_change = seg.v[cur, "tmall", "mobile"] / seg.v[prev, "tmall", "mobile"] - 1
    assert abs(visitors_change) < 0.15  # visitors stay normal
    total = seg.groupby("month")[["v", "b"]].sum()
    change = (total.b / total.v)[cur] / (total.b / total.v)[prev] - 1
    assert change == pytest.approx(m["total_change_pct"], abs=1e-3)
    assert abs(m["total_change_without_this_segment_pct"]) < abs(m["total_change_pct"]) / 2


def test_complaint_spike_on_one_batch(t, truth) -> None:
    c = truth["truths"]["complaint_spike"]
    po = t["purchase_orders"].set_index("batch_id")
    assert po.loc[c["batch_id"], "sku"] == c["sku"] and po.loc[c["batch_id"], "received_on"][:7] == "2026-08"
    tk = t["service_tickets"]
    q = tk[(tk.sku == c["sku"]) & (tk.category == "quality") & (tk.is_complaint == "true")]
    day = q.opened_at.str[:10]
    normal = ((day >= c["normal_period"]["from"]) & (day <= c["normal_period"]["to"])).sum()
    spike = ((day >= c["spike_period"]["from"]) & (day <= c["spike_period"]["to"])).sum()
    assert (normal, spike) == (c["complaints_normal"], c["complaints_spike"])
    assert c["complaints_per_week_spike"] >= 3 * max(c["complaints_per_week_normal"], 0.1)
    assert (q[day >= c["spike_period"]["from"]].batch_id == c["batch_id"]).mean() > 0.5


def test_slow_carrier(t, truth) -> None:
    s = truth["truths"]["slow_carrier"]
    sh = t["shipments"]
    sh = sh[sh.delivered_at != ""]
    days = (pd.to_datetime(sh.delivered_at).dt.normalize() - pd.to_datetime(sh.shipped_at).dt.normalize()).dt.days
    lane = (sh.carrier == s["carrier"]) & sh.province.isin(s["provinces"])
    window = (sh.shipped_at.str[:10] >= s["shipped_from"]) & (sh.shipped_at.str[:10] <= s["shipped_to"])
    assert (lane & window).sum() == s["affected_shipments"] > 0
    assert days[lane & window].mean() > days[lane & ~window].mean() + 2
    others = ~lane & window
    assert days[others].mean() < days[lane & window].mean() - 2


def test_competitor_price_cut(t, truth) -> None:
    c = truth["truths"]["competitor_price_cut"]
    cp = t["competitor_prices"]
    mine = cp[(cp.competitor == c["competitor"]) & (cp.category == c["category"])]
    assert set(mine.competitor_sku) == set(c["competitor_skus"]) and (mine.platform == c["platform"]).all()
    before = mine[mine.observed_on < c["cut_from"]].price.astype(float).mean()
    after = mine[mine.observed_on >= c["cut_from"]].price.astype(float).mean()
    assert after < 0.85 * before
    assert c["our_lost_units_expected"] == pytest.approx(c["our_counterfactual_units_after"] * 0.15, rel=1e-3)


# ----------------------------------------------------------------------------- arguments


def test_refuses_to_mix_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "orders").mkdir()
    (tmp_path / "orders" / "my_export.csv").write_text("order_id\n1\n")
    with pytest.raises(FileExistsError, match="my_export.csv"):
        generate_sample(tmp_path, **PARAMS)


def test_rejects_too_few_months_and_bad_month(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        generate_sample(tmp_path, months=6)
    with pytest.raises(ValueError, match="YYYY-MM"):
        generate_sample(tmp_path, end_month="2026/10")


# ----------------------------------------------------------------------------- calendar


def test_calendar_marks_festivals_and_swapped_days() -> None:
    days = cal.day_kinds(date(2025, 1, 20), date(2026, 2, 28)).set_index("date")
    d11 = days.loc["2025-11-11"]
    assert d11.event == "double11" and d11.is_event_peak
    sf = days.loc["2026-02-17"]
    assert sf.event == "spring_festival" and sf.is_logistics_shutdown and sf.is_holiday
    swapped = days.loc["2025-01-26"]
    assert swapped.weekday == 6 and swapped.is_swapped_workday and swapped.is_working_day
    assert not days.loc["2025-01-25"].is_working_day  # an ordinary Saturday
    assert days.loc["2025-10-08"].is_holiday and not days.loc["2025-10-08"].is_working_day
    assert days.loc["2025-06-18"].event == "618" and days.loc["2025-06-18"].is_event_peak
    assert days.loc["2025-12-12"].event == "double12"
    assert days.loc["2025-03-08"].event == "women38"
    assert days.loc["2026-02-01"].event == "nianhuo" and days.loc["2026-02-10"].event == "spring_festival"


def test_calendar_events() -> None:
    evs = cal.events(date(2023, 1, 1), date(2027, 12, 31))
    for kind in cal.KINDS:
        assert any(e.kind == kind for e in evs), kind
    assert {cal.spring_festival(y) for y in range(2023, 2028)} == {
        date(2023, 1, 22), date(2024, 2, 10), date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6)}
    frame = cal.events_frame(date(2025, 1, 1), date(2025, 12, 31))
    assert len(frame) == len(cal.events(date(2025, 1, 1), date(2025, 12, 31)))
    assert list(frame.columns[:6]) == ["name", "kind", "starts_on", "ends_on", "peak_on", "name_zh"]
    sf = [e for e in evs if e.kind == "spring_festival" and e.peak_on.year == 2025][0]
    assert (sf.peak_on - sf.starts_on).days == 7 and (sf.ends_on - sf.peak_on).days == 8
    with pytest.raises(ValueError, match="2030"):
        cal.spring_festival(2030)
