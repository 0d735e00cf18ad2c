"""Store operations: the operations behind the ratings (compare_operations) on a tiny store, by
hand, and the questions they take."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import storebook
from storebook.areas import store_ops
from storebook.engine import periods
from storebook.measures import deliveries
from storebook.measures.deliveries import summarise_delivery_times
from storebook.report.text import Text
from support.stores import write_tables

MARCH = periods.month("2026-03")


def _order(order_id: str, platform: str, paid_at: str) -> dict:
    paid = pd.Timestamp(paid_at)
    return {"order_id": order_id, "platform": platform, "ordered_at": paid - pd.Timedelta(minutes=1),
            "paid_at": paid, "status": "completed", "items_amount": 100.0, "paid_amount": 100.0}


def _ship(sid: str, order_id: str, shipped: str, delivered: str | None) -> dict:
    return {"shipment_id": sid, "order_id": order_id, "carrier": "A", "warehouse": "WH1", "province": "Zhejiang",
            "shipped_at": shipped, "delivered_at": delivered, "shipping_cost_amount": 1.0}


@pytest.fixture
def store(root: Path) -> storebook.Workbook:
    """Delivery days, by hand: March tmall S1 2 d, S2 0.5 d (mean 1.25); jd S4 4 d; February
    tmall S3 3 d, jd none. S5 left in April; S6 (March) is still in transit."""
    orders = [_order("O1", "tmall", "2026-03-01 10:00"), _order("O2", "tmall", "2026-03-04 10:00"),
              _order("O3", "jd", "2026-03-05 10:00"), _order("O0", "tmall", "2026-02-19 10:00"),
              _order("O5", "tmall", "2026-03-31 10:00"), _order("O6", "tmall", "2026-03-20 10:00")]
    parcels = [_ship("S1", "O1", "2026-03-02 12:00", "2026-03-04 12:00"),
               _ship("S2", "O2", "2026-03-05 12:00", "2026-03-06 00:00"),
               _ship("S4", "O3", "2026-03-06 12:00", "2026-03-10 12:00"),
               _ship("S3", "O0", "2026-02-20 12:00", "2026-02-23 12:00"),
               _ship("S5", "O5", "2026-04-01 12:00", "2026-04-02 12:00"),
               _ship("S6", "O6", "2026-03-21 12:00", None)]
    return write_tables(root, orders=orders, shipments=parcels)


def test_delivery_days_this_month_and_the_one_before_by_hand(store, monkeypatch) -> None:
    asked = []

    def counted(*args, **kwargs):  # noqa: ANN202
        asked.append(args[1])
        return summarise_delivery_times(*args, **kwargs)

    monkeypatch.setattr(store_ops, "summarise_delivery_times", counted)
    out = store_ops.compare_operations(store, MARCH, ["tmall", "jd"])
    # One question of delivery days for the two months (each month's its own before).
    assert [(p.start, p.end) for p in asked] == [(MARCH.prior().start, MARCH.end)]
    assert out["driver"].tolist() == ["delivery_days", "delivery_days"]
    assert out["platform"].tolist() == ["tmall", "jd"]
    tmall, jd = out.iloc[0], out.iloc[1]
    assert (tmall.value, tmall.prior, tmall.change) == (pytest.approx(1.25), pytest.approx(3.0), pytest.approx(-1.75))
    assert jd.value == pytest.approx(4.0) and np.isnan(jd.prior) and np.isnan(jd.change)
    assert out["dimension"].unique().tolist() == ["logistics"]


def test_delivery_days_are_each_months_own(store) -> None:
    """The two months' question gives each month what its own question gives."""
    out = store_ops.compare_operations(store, MARCH).set_index("platform")
    for month, column in ((MARCH, "value"), (MARCH.prior(), "prior")):
        own = summarise_delivery_times(storebook.open(store.data_dir), month, by="platform").set_index("platform")
        for platform in ("tmall", "jd"):
            expected = own["mean_days"].get(platform, np.nan)
            assert out.loc[platform, column] == pytest.approx(expected, nan_ok=True), (month, platform)


def test_delivery_days_of_a_period_not_a_month_by_hand(store) -> None:
    """Not months: each period asked by itself (grouping by month would not separate them)."""
    first_half = periods.Period(MARCH.start, MARCH.start + pd.Timedelta(days=14), "first half")
    out = store_ops.compare_operations(store, first_half, ["tmall", "jd"]).set_index("platform")
    # 1–14 March: tmall S1, S2 (1.25 d), jd S4 (4 d); 15–28 February: tmall S3 (3 d).
    assert out.loc["tmall", ["value", "prior"]].tolist() == [pytest.approx(1.25), pytest.approx(3.0)]
    assert out.loc["jd", "value"] == pytest.approx(4.0) and np.isnan(out.loc["jd", "prior"])


def test_no_shipments_table_no_delivery_rows(root: Path) -> None:
    wb = write_tables(root, orders=[_order("O1", "tmall", "2026-03-01 10:00")])
    assert store_ops.compare_operations(wb, MARCH).empty


def test_data_horizon_is_the_latest_of_orders_and_parcels_in_one_question(store) -> None:
    asked = store.questions
    # Latest: O5 placed 03-31 09:59, S5 shipped 04-01 12:00 and delivered 04-02 12:00.
    assert deliveries.data_horizon(store) == pd.Timestamp("2026-04-02 12:00")
    assert store.questions - asked == 1
    assert deliveries.data_horizon(store) == pd.Timestamp("2026-04-02 12:00")  # kept with the workbook
    assert store.questions - asked == 1


@pytest.mark.parametrize("by", ["platform", ["month", "platform"], ["carrier", "platform"]])
def test_delivery_times_without_the_total_rows_are_the_rows_with_them_less_those(store, by) -> None:
    span = periods.Period(MARCH.prior().start, MARCH.end, "February–March")
    both = summarise_delivery_times(store, span, by=by)
    apart = summarise_delivery_times(storebook.open(store.data_dir), span, by=by, total=False)
    assert "total" in set(both["platform"]) and "total" not in set(apart["platform"])
    pd.testing.assert_frame_equal(apart, both[both["platform"] != "total"].reset_index(drop=True), check_exact=True)


def test_operations_without_a_prior_month_do_not_say_none_worsened() -> None:
    """The Shopify export's first month: no operation has a prior month, so "no operation behind
    the ratings worsened against the prior month" claimed a comparison that was never made."""
    from storebook.areas import store_ops_facts

    first = pd.DataFrame({"platform": ["web"], "driver": ["return_rate"], "dimension": ["product"],
                          "value": [0.02], "prior": [np.nan], "change": [np.nan]})
    assert store_ops_facts.operations_facts(first) == {"variant": "no_prior"}
    assert store_ops_facts.operations_facts(first.iloc[:0]) == {"variant": "no_operations"}  # none measured
    assert "worsened" not in Text("en")("store_ops.operations.takeaway.no_operations")
    said = Text("en")("store_ops.operations.takeaway.no_prior")
    assert "cannot be compared with the prior month" in said and "worsened" not in said
    better = first.assign(prior=[0.03], change=[-0.01])
    assert store_ops_facts.operations_facts(better) == {"variant": "none"}


def _listings(lost: list[float]) -> pd.DataFrame:
    """summarise_listings rows by hand: each listing 1,000 visitors converting 1% against a
    category's 5% (clearly below it), losing the given buyers at ¥10 a buyer."""
    k = len(lost)
    return pd.DataFrame({"platform": ["tmall"] * k, "item_id": [f"i{j}" for j in range(k)], "sku": [None] * k,
                         "product_name": [f"L{j}" for j in range(k)], "visitors": [1000] * k,
                         "conversion_rate": [0.01] * k, "conversion_rate_high": [0.02] * k,
                         "category_conversion": [0.05] * k, "lost_buyers": lost,
                         "lost_amount": [10.0 * b for b in lost]})


def test_the_listings_to_fix_sum_says_it_is_of_those_shown_when_more_qualify() -> None:
    """The real Tmall report: 16 listings to fix (section 1), 10 shown, and the sentence said
    "the 10 listings to fix lost ¥50,802 together" — as though there were 10."""
    from storebook.areas import store_ops_facts

    twelve = store_ops.find_listings_to_fix(_listings([float(40 - j) for j in range(12)]), n=10)
    assert len(twelve) == 10 and twelve.attrs["qualifying"] == 12
    facts = store_ops_facts.to_fix_facts(twelve)
    assert facts["variant"] == "top" and facts["total_lost_amount"] == pytest.approx(10 * sum(range(31, 41)))
    en = Text("en")("store_ops.to_fix.takeaway.top", **facts)
    assert en.endswith("the 10 listings shown, of the 12 to fix, lost ¥3,550 together.")
    assert "12" in Text("zh")("store_ops.to_fix.takeaway.top", **facts)
    three = store_ops_facts.to_fix_facts(store_ops.find_listings_to_fix(_listings([5.0, 4.0, 3.0]), n=10))
    assert three["variant"] is None
    assert Text("en")("store_ops.to_fix.takeaway", **three).endswith("the 3 listings to fix lost ¥120 together.")


def _ticket(tid: str, opened: str, category: str | None, complaint: bool) -> dict:
    at = pd.Timestamp(opened)
    return {"ticket_id": tid, "platform": "tmall", "opened_at": at, "first_response_at": at + pd.Timedelta(hours=1),
            "resolved_at": at + pd.Timedelta(hours=5), "category": category, "is_complaint": complaint, "csat": 4,
            "sku": None, "batch_id": None, "order_id": None}


def test_complaints_by_topic_are_not_measured_where_no_ticket_has_a_topic(root: Path) -> None:
    """Olist's reviews come in as tickets without a topic: the store_ops page listed "Logistics
    complaints per 1,000 orders 0.0 | 0.0" and "Quality complaints … 0.0" beside a month with a
    complaint, whose topic is not known. With topics, a month without such complaints is 0."""
    orders = [_order("O1", "tmall", "2026-03-01 10:00"), _order("O2", "tmall", "2026-03-04 10:00"),
              _order("O0", "tmall", "2026-02-19 10:00")]
    no_topic = [_ticket("T1", "2026-03-02 10:00", None, True), _ticket("T0", "2026-02-20 10:00", None, False)]
    wb = write_tables(root, orders=orders, service_tickets=no_topic)
    drivers = set(store_ops.compare_operations(wb, MARCH)["driver"])
    assert "first_response_median_min" in drivers
    assert not drivers & {"logistics_complaints_per_1000", "quality_complaints_per_1000"}
    topics = [_ticket("T1", "2026-03-02 10:00", "logistics", True), _ticket("T0", "2026-02-20 10:00", "pre_sale", False)]
    wb = write_tables(root / "topics", orders=orders, service_tickets=topics)
    ops = store_ops.compare_operations(wb, MARCH).set_index("driver")
    assert ops.at["logistics_complaints_per_1000", "value"] == pytest.approx(1000 / 2)   # 1 of March's 2 orders
    assert ops.at["quality_complaints_per_1000", "value"] == 0.0


def _said(facts: dict) -> dict[str, str]:
    variant = facts.pop("variant")
    key = "store_ops.operations.takeaway" + (f".{variant}" if variant else "")
    return {language: Text(language)(key, **facts) for language in ("en", "zh")}


def test_the_operation_that_worsened_most_is_said_as_the_table_shows_it() -> None:
    """The Olist page's table showed 3,002.2 and 2,747.0 minutes, its sentence 3,002.18 against
    2,746.98; the table now says a first reply in the unit it reads in (2.1 days against 45.8
    hours, as the service page does), a return rate as a share, and the sentence says them so."""
    from storebook.areas import store_ops_facts

    ops = pd.DataFrame({"platform": ["web"], "driver": ["first_response_median_min"], "dimension": ["service"],
                        "value": [3002.18], "prior": [2746.98], "change": [255.2]})
    said = _said(store_ops_facts.operations_facts(ops))
    assert "2.1\u00a0days against 45.8\u00a0hours the month before (+9.3%)" in said["en"]
    assert "2.1天，上月 45.8小时（+9.3%）" in said["zh"]
    assert not any("3,002" in s or "min" in s for s in said.values())
    rate = ops.assign(driver="return_rate", dimension="product", value=0.0321, prior=0.0275, change=0.0046)
    said = _said(store_ops_facts.operations_facts(rate))
    # (a share in a sentence as on a card: two decimals below 10%; the table keeps one)
    assert "Return rate: 3.21% against 2.75% the month before (+0.46\u00a0pp)" in said["en"]
    assert "3.21%，上月 2.75%（+0.46个百分点）" in said["zh"]
    days = ops.assign(driver="delivery_days", dimension="logistics", value=1.84, prior=1.6, change=0.24)
    assert "1.8 against 1.6 the month before (+15.0%)" in _said(store_ops_facts.operations_facts(days))["en"]


def test_a_week_of_listings_is_said_of_its_days_not_of_the_month() -> None:
    """A week's 生意参谋 listing report beside a month of orders: the headline said "In 2026-04
    the listings drew 1,650 visitors" under the note that the listing report covers 20–26 Apr
    only. The running section's check gives the days (page.days_covered), and the listings'
    clause names them."""
    from datetime import date

    from storebook.areas import store_ops_facts
    from storebook.measures.partial import running
    from storebook.report import needs
    from storebook.report.page import Page

    week = (date(2026, 4, 20), date(2026, 4, 26))
    check = needs.SectionCheck("store_ops.headline", partial=[
        needs.Shortfall("coverage", "product_traffic", "sku", share=0.5),
        needs.Shortfall("days", "product_traffic", values={"first": week[0], "last": week[1]})])
    assert check.days_covered("product_traffic") == week and check.days_covered("traffic") is None
    page = Page.__new__(Page)  # days_covered reads only the running section's check
    assert page.days_covered("product_traffic") is None  # outside a section
    with running(check):
        assert page.days_covered("product_traffic") == week
    headline = pd.DataFrame({"metric": ["store_rating", "listing_visitors", "listing_conversion_rate", "listings_to_fix"],
                             "value": [4.8, 1650.0, 0.023, 16.0], "vs_prior": [0.01, np.nan, np.nan, np.nan]})
    en, zh = Text("en"), Text("zh")

    def said_in(text: Text, facts: dict) -> str:  # as page.takeaway picks the facts' variant
        variant = facts.pop("variant")
        return text("store_ops.headline.takeaway" + (f".{variant}" if variant else ""), **facts)

    facts = store_ops_facts.headline_facts(headline, "2026-04", listing_days=week)
    assert facts["variant"] == "part"
    said = said_in(en, dict(facts))
    assert said.startswith("In 2026-04 the store rated 4.80 of 5 (up 1.0% on the prior month); from 20 Apr")
    assert "from 20 Apr to 26 Apr, the days the listing report covers, its listings drew 1,650 visitors" in said
    assert "商品报表覆盖的4月20日至4月26日，商品访客 1,650" in said_in(zh, dict(facts))
    # Without ratings the sentence opens with the days; a whole month of listings keeps "In 2026-04".
    no_ratings = store_ops_facts.headline_facts(headline[headline["metric"] != "store_rating"], "2026-04",
                                                listing_days=week)
    assert said_in(en, no_ratings).startswith(
        "From 20 Apr to 26 Apr, the days the listing report covers, the listings drew 1,650 visitors")
    whole = store_ops_facts.headline_facts(headline[headline["metric"] != "store_rating"], "2026-04")
    assert said_in(en, whole).startswith("In 2026-04 the listings drew 1,650 visitors")


def test_the_listings_ad_spend_by_hand(root: Path) -> None:
    """The listings' own ad spend (生意参谋 总推广花费), ingested into product_traffic and shown
    nowhere before. By hand, April: L1 spends 60 + 40 = ¥100 over two days and sells ¥300 (3.0
    per unit of spend, 50% of the spend); L2 spends ¥80 and sells ¥40 (0.5); L3 spends ¥20 and
    sells nothing; L4 spends nothing and is no row. A March row of L1 (¥500) is another month."""
    from storebook.areas import store_ops_facts

    def row(day: str, item: str, spend: float | None, paid: float, buyers: int) -> dict:
        return {"visited_on": day, "platform": "tmall", "item_id": item, "visitors": 100, "buyers": buyers,
                "paid_amount": paid, "ad_spend_amount": spend}

    wb = write_tables(root, product_traffic=[
        row("2026-04-01", "L1", 60.0, 100.0, 1), row("2026-04-02", "L1", 40.0, 200.0, 2),
        row("2026-04-03", "L2", 80.0, 40.0, 1), row("2026-04-03", "L3", 20.0, 0.0, 0),
        row("2026-04-03", "L4", None, 50.0, 1), row("2026-03-31", "L1", 500.0, 10.0, 1)])
    ads = store_ops.listing_ad_spend(wb, periods.month("2026-04"))
    assert ads["item_id"].tolist() == ["L1", "L2", "L3"]
    assert ads["ad_spend_amount"].tolist() == [100.0, 80.0, 20.0]
    assert ads["share_of_ad_spend"].tolist() == pytest.approx([0.5, 0.4, 0.1])
    assert ads["sales_per_ad"].tolist() == pytest.approx([3.0, 0.5, 0.0])
    facts = store_ops_facts.ad_facts(ads)
    assert facts["variant"] == "idle" and facts["listings"] == 3 and facts["listings_all"] == 4
    assert facts["spend"] == 200.0 and facts["sales"] == 340.0 and facts["per_ad"] == pytest.approx(1.7)
    assert (facts["idle"], facts["idle_spend"]) == (1, 20.0)
    said = Text("en")("store_ops.ads.takeaway.idle", **{k: v for k, v in facts.items() if k != "variant"})
    assert said.startswith("3 of the 4 listings spent ¥200 on ads; together they sold ¥340, 1.70 per unit of ad spend")
    assert said.endswith("1 of them spent ¥20 and sold nothing: review their ads first.")
    assert "其中1个商品花费¥20却没有成交" in Text("zh")("store_ops.ads.takeaway.idle",
                                                   **{k: v for k, v in facts.items() if k != "variant"})
    # No spend in the month: said so, not an empty table.
    with pytest.raises(storebook.NoDataError) as raised:
        store_ops.listing_ad_spend(wb, periods.month("2026-02"))
    assert raised.value.key in ("no_data.listing_traffic", "no_data.listing_ads")
    wb2 = write_tables(root / "nospend", product_traffic=[row("2026-04-03", "L4", None, 50.0, 1)])
    with pytest.raises(storebook.NoDataError) as raised:
        store_ops.listing_ad_spend(wb2, periods.month("2026-04"))
    assert raised.value.key == "no_data.listing_ads"


def test_the_planted_ad_sink_is_the_months_biggest_spender(wb, truth) -> None:
    """The sample store's ad sink (lib/storebook/sample/duties.py AD_SINK) pays five times the
    platform's cost for each visitor: the ad-spend section ranks it first, with the spend the
    generator wrote, and its sales per unit of spend below the advertised listings' together."""
    from storebook.areas import store_ops_facts

    planted = truth["truths"]["listing_ad_sink"]
    assert planted["spend_rank_in_month"] == 1
    ads = store_ops.listing_ad_spend(wb, periods.month(planted["month"]))
    top = ads.iloc[0]
    assert (top["platform"], top["item_id"]) == (planted["platform"], planted["item_id"])
    assert top["ad_spend_amount"] == pytest.approx(planted["ad_spend_in_month"], abs=0.01)
    facts = store_ops_facts.ad_facts(ads)
    assert facts["top_per_ad"] < facts["per_ad"]


def test_quality_table_names_its_groups_and_metrics_in_words():
    """A real store's quality table (section 6) showed the keys ``category`` and ``return_rate``
    in its By and Metric columns: the reader sees the catalogue's labels, in English and 中文,
    and each row's value still in its metric's format (a rate as a percentage)."""
    from storebook.areas import store_ops_facts
    from storebook.report.tables import format_table

    quality = pd.DataFrame({
        "by": ["category", "supplier"], "category": ["toys", None], "supplier_id": [None, "S1"],
        "metric": ["return_rate", "complaints_per_1000_orders"], "value": [0.125, 4.0],
        "prior": [0.1, 2.5], "change": [0.025, 1.5]})
    seen = {}
    for language in ("en", "zh"):
        text = Text(language)
        html = format_table(store_ops_facts.with_quality_labels(quality, text), text, columns=[
            "by", "category", "supplier_id", "metric", "value", "prior", "change"], kinds={
            "value": "by_row", "prior": "by_row", "change": "by_row_change", "by": "text"},
            by_row="metric").to_html()
        for key in (">category<", ">supplier<", ">return_rate<", ">complaints_per_1000_orders<"):
            assert key not in html, (language, key)
        seen[language] = html
        assert "12.5%" in seen[language]  # the return rate still reads as a rate
    assert "Return rate" in seen["en"] and "Category" in seen["en"] and "Supplier" in seen["en"]
    assert "Complaints per 1,000 orders" in seen["en"]
    assert "退货率" in seen["zh"] and "类目" in seen["zh"] and "供应商" in seen["zh"] and "每千单投诉" in seen["zh"]
    # the facts are read from the keys, not from the labels
    assert store_ops_facts.quality_facts(quality)["category"] == "toys"


def test_a_listing_changes_lift_reads_in_its_sentence_as_in_its_tables():
    """A lift is a relative change of conversion (no share of a whole): the tables write it
    −12.3% and its interval −20.0% to −4.1%; the sentence said "lowered its conversion by −12.3%
    (95% interval −20.0% to −4.10%…)" — the fall twice, and the interval's end in another style."""
    from storebook.areas import store_ops_facts
    from storebook.report.tables import format_table

    changes = pd.DataFrame({
        "platform": ["tmall", "tmall"], "product_name": ["Mug", "Cup"], "changed_on": pd.to_datetime(["2026-10-14"] * 2),
        "verdict": ["down", "unclear"], "lift": [-0.123, 0.02], "lift_low": [-0.2, -0.1], "lift_high": [-0.041, 0.15],
        "category_lift": [0.01, 0.0], "conversion_before": [0.021, 0.03], "conversion_after": [0.0184, 0.031]})
    facts = store_ops_facts.change_facts(changes)
    assert facts["variant"] == "down"
    for language, said in (("en", "moved its conversion down 12.3% (95% interval −20.0% to −4.1%; 2.10% → 1.84%)"),
                           ("zh", "使转化率下降12.3%（95%区间 −20.0% 至 −4.1%；2.10% → 1.84%）")):
        text = Text(language)
        assert said in text("store_ops.changes.takeaway.down", **facts)
        shown = format_table(changes, text, columns=["product_name", "lift"], metric="listing_conversion_rate").to_html() + format_table(
            changes, text, columns=["product_name", "conversion_before", "conversion_after", "lift_low", "lift_high"],
            metric="listing_conversion_rate").to_html()
        assert all(cell in shown for cell in ("−12.3%", "−20.0%", "−4.1%", "2.10%", "1.84%")), shown
