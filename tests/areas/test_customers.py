"""Customer metrics on a store small enough to compute by hand, then on the sample store.

The hand-made store (platform tmall unless noted; times 10:00 unless noted):

| customer | paid orders (amount)                                        |
|----------|-------------------------------------------------------------|
| alice    | 2026-01-10 (100), 2026-03-05 (50)                           |
| bob      | 2026-03-02 (80), 2026-03-20 (20)                            |
| carol    | 2026-03-31 23:30 (200), 2026-04-30 23:45 (10)               |
| gina     | 2026-03-15 (40), 2026-04-14 (30) — exactly 30 days later    |
| hank     | 2025-12-20 (300), 2026-03-19 (10) — 89 days later           |
| dave     | an order never paid                                         |
| erin     | 2026-04-01 00:10 (70) — after March                         |
| frank    | jd: 2026-03-10 (60), 2026-03-11 (15)                        |
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import storebook
from storebook.areas import customers
from storebook.engine import periods
from storebook.errors import NoDataError
from support.stores import write_tables


def _orders(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["order_id", "platform", "customer_id", "paid_at", "paid_amount", "province"])
    paid_at = pd.to_datetime(frame["paid_at"]).astype("datetime64[us]")
    return frame.assign(
        paid_at=paid_at,
        ordered_at=paid_at.fillna(pd.Timestamp("2026-03-03 10:00")),
        status="completed",
        refund_amount=0.0,
    )


ROWS = [
    ("O01", "tmall", "alice", "2026-01-10 10:00", 100.0, "浙江"),
    ("O02", "tmall", "alice", "2026-03-05 10:00", 50.0, "浙江"),
    ("O03", "tmall", "bob", "2026-03-02 10:00", 80.0, "广东"),
    ("O04", "tmall", "bob", "2026-03-20 10:00", 20.0, "广东"),
    ("O05", "tmall", "carol", "2026-03-31 23:30", 200.0, "上海"),
    ("O06", "tmall", "carol", "2026-04-30 23:45", 10.0, "上海"),
    ("O07", "tmall", "gina", "2026-03-15 10:00", 40.0, "广东"),
    ("O08", "tmall", "gina", "2026-04-14 10:00", 30.0, "广东"),
    ("O09", "tmall", "hank", "2025-12-20 10:00", 300.0, "北京"),
    ("O10", "tmall", "hank", "2026-03-19 10:00", 10.0, "北京"),
    ("O11", "tmall", "dave", None, 0.0, "北京"),
    ("O12", "tmall", "erin", "2026-04-01 00:10", 70.0, "浙江"),
    ("O13", "jd", "frank", "2026-03-10 10:00", 60.0, "广东"),
    ("O14", "jd", "frank", "2026-03-11 10:00", 15.0, "广东"),
]
MARCH, APRIL = periods.month("2026-03"), periods.month("2026-04")


@pytest.fixture
def hand(root: Path) -> storebook.Workbook:
    return write_tables(root, orders=_orders(ROWS))


def test_new_versus_returning_by_hand(hand) -> None:
    out = customers.split_new_returning(hand, MARCH, ["tmall"]).set_index("buyer_type")
    # new: bob, carol, gina (first purchase in March); returning: alice, hank
    assert out.loc["new", ["buyers", "orders"]].tolist() == [3, 4]
    assert out.loc["new", "paid_amount"] == pytest.approx(80 + 20 + 200 + 40)
    assert out.loc["returning", ["buyers", "orders"]].tolist() == [2, 2]
    assert out.loc["returning", "paid_amount"] == pytest.approx(60)
    assert out.loc["new", "share_of_sales"] == pytest.approx(340 / 400)
    assert out.loc["returning", "aov"] == pytest.approx(30)
    # frank (jd) is new when every platform is included
    every = customers.split_new_returning(hand, MARCH).set_index("buyer_type")
    assert every.loc["new", "buyers"] == 4


def test_repeat_rates_count_exactly_the_window(hand) -> None:
    out = customers.compute_repeat_rates(hand, APRIL, ["tmall"]).set_index("window_days")
    # 30 days in April: March's cohort (bob 18 d ✓, gina exactly 30 d ✓, carol 30 d 15 min ✗)
    assert out.loc[30, "cohort"] == "2026-03"
    assert out.loc[30, ["customers", "repeat_customers"]].tolist() == [3, 2]
    assert out.loc[30, "repeat_rate"] == pytest.approx(2 / 3)
    assert out.loc[30, "repeat_rate_low"] < 2 / 3 < out.loc[30, "repeat_rate_high"]
    # 90 days in April: January's windows end after May 1, so December's cohort (hank, 89 d ✓)
    assert out.loc[90, "cohort"] == "2025-12"
    assert out.loc[90, ["customers", "repeat_customers"]].tolist() == [1, 1]
    every = customers.compute_repeat_rates(hand, APRIL, windows=[30]).iloc[0]
    assert (every.customers, every.repeat_customers) == (4, 3)  # frank came back the next day


def test_repeat_rate_ignores_orders_after_the_report_month(hand) -> None:
    # In March, gina's April order is not yet known: February's cohort is empty, …
    out = customers.compute_repeat_rates(hand, MARCH, ["tmall"], windows=[30], cohorts=3)
    assert out["cohort"].tolist() == ["2025-12", "2026-01", "2026-02"]
    assert out["customers"].tolist() == [1, 1, 0]
    assert out["repeat_rate"].isna().tolist() == [False, False, True]
    # … and hank's repeat (89 days) is outside 30 days
    assert out["repeat_customers"].tolist() == [0, 0, 0]


def test_cohort_retention_and_cumulative_revenue(hand) -> None:
    out = customers.build_cohorts(hand, MARCH, ["tmall"], months=3)
    jan = out[out["cohort"] == "2026-01"]
    assert jan["months_since"].tolist() == [0, 1, 2]
    assert jan["active_customers"].tolist() == [1, 0, 1]
    assert jan["retention"].tolist() == [1.0, 0.0, 1.0]
    assert jan["cumulative_revenue_per_customer"].tolist() == pytest.approx([100, 100, 150])
    mar = out[out["cohort"] == "2026-03"].iloc[0]
    assert (mar.cohort_customers, mar.active_customers) == (3, 3)
    assert mar.cumulative_revenue_per_customer == pytest.approx(340 / 3)
    assert "2026-02" not in set(out["cohort"])  # no one acquired: no row
    assert "2025-12" not in set(out["cohort"])  # before the window


def test_rfm_scores_against_the_means(hand) -> None:
    out = customers.score_rfm(hand, MARCH, ["tmall"]).set_index("customer_id")
    # recency in whole days to 1 April 00:00; means: R 13.0, F 1.6, M 160
    assert out["recency_days"].to_dict() == {"alice": 26, "bob": 11, "carol": 0, "gina": 16, "hank": 12}
    assert out["frequency"].to_dict() == {"alice": 2, "bob": 2, "carol": 1, "gina": 1, "hank": 2}
    assert out["monetary"].to_dict() == pytest.approx({"alice": 150, "bob": 100, "carol": 200, "gina": 40, "hank": 310})
    assert out["segment"].to_dict() == {
        "alice": "general_retain",     # R low, F high, M low
        "bob": "general_value",        # R high, F high, M low
        "carol": "important_develop",  # R high, F low, M high
        "gina": "general_winback",     # all low
        "hank": "important_value",     # all high
    }


def test_rfm_segments_and_movement_since_the_prior_month(hand) -> None:
    seg = customers.summarise_rfm_segments(hand, MARCH, ["tmall"]).set_index("segment")
    assert seg["customers"].sum() == 5
    assert seg.loc["important_value", ["customers", "customers_prior", "customers_change"]].tolist() == [1, 0, 1]
    # at the end of February: alice (R 49 < 59.5) general_develop, hank important_winback
    assert seg.loc["important_winback", ["customers", "customers_prior", "customers_change"]].tolist() == [0, 1, -1]
    assert seg.loc["important_develop", "month_paid_amount"] == pytest.approx(200)
    moves = customers.move_rfm_segments(hand, MARCH, ["tmall"])
    assert len(moves) == 9 * 9  # entered and the eight segments × the eight segments and lapsed
    got = {(r.from_segment, r.to_segment): r.customers for r in moves.itertuples() if r.customers}
    assert got == {
        ("entered", "important_develop"): 1,
        ("entered", "general_value"): 1,
        ("entered", "general_winback"): 1,
        ("important_winback", "important_value"): 1,
        ("general_develop", "general_retain"): 1,
    }


def test_provinces(hand) -> None:
    out = customers.summarise_provinces(hand, MARCH, ["tmall"]).set_index("province")
    assert out.index[0] == "上海"  # carol's 200 is the largest
    assert out.loc["广东", ["buyers", "orders"]].tolist() == [2, 3]
    assert out.loc["广东", "paid_amount"] == pytest.approx(140)
    assert pd.isna(out.loc["浙江", "paid_amount_prior"])  # no order in February: no change to state
    assert pd.isna(out.loc["浙江", "sales_vs_prior"])
    assert out["share_of_sales"].sum() == pytest.approx(1)


def test_month_without_orders_says_so(hand) -> None:
    with pytest.raises(NoDataError, match=r"no paid orders in 2026-02 on tmall"):
        customers.split_new_returning(hand, periods.month("2026-02"), ["tmall"])
    with pytest.raises(NoDataError, match="2026-02"):
        customers.summarise_provinces(hand, periods.month("2026-02"), "tmall")


def test_frames_are_not_changed_and_dtypes_are_plain(hand) -> None:
    out = customers.build_cohorts(hand, MARCH, ["tmall"], months=3)
    assert str(out["retention"].dtype) == "float64"
    assert str(out["cohort_customers"].dtype) == "int64"


# -- on the sample store ------------------------------------------------------------------
@pytest.mark.slow
def test_sample_new_plus_returning_is_every_buyer(wb) -> None:
    month = wb.period("2026-10")
    split = customers.split_new_returning(wb, month)
    total = wb.sql(
        "select count(distinct customer_id) buyers, sum(paid_amount) paid from orders "
        "where paid_at >= '2026-10-01' and paid_at < '2026-11-01'"
    ).iloc[0]
    assert split["buyers"].sum() == total["buyers"]
    assert split["paid_amount"].sum() == pytest.approx(total["paid"], abs=0.005)
    cohorts = customers.build_cohorts(wb, month)
    latest = cohorts[(cohorts["cohort"] == "2026-10")].iloc[0]
    assert latest.cohort_customers == split.set_index("buyer_type").loc["new", "buyers"]



@pytest.mark.slow
def test_sample_rfm_segments_count_the_customers_score_rfm_names(wb) -> None:
    """The segments' summary (both snapshots in one pass) counts per segment the customers
    score_rfm scores one snapshot at a time: the two agree on every segment, all eight of
    which the sample store has, at the month's end and the prior month's."""
    month = wb.period("2026-10")
    segments = customers.summarise_rfm_segments(wb, month).set_index("segment")
    for period, column in ((month, "customers"), (month.prior(), "customers_prior")):
        scored = customers.score_rfm(wb, period)
        assert set(scored["segment"]) == set(customers.SEGMENT_ORDER)
        assert segments[column].to_dict() == scored["segment"].value_counts().to_dict()
    by_segment = customers.score_rfm(wb, month).groupby("segment")
    assert segments.loc[by_segment.size().index, "mean_recency_days"].tolist() == pytest.approx(
        by_segment["recency_days"].mean().tolist())
    assert segments.loc[by_segment.size().index, "window_paid_amount"].tolist() == pytest.approx(
        by_segment["monetary"].sum().tolist())

# -- the notebook ---------------------------------------------------------------------------------
@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-customers")
@pytest.mark.parametrize("parameters", [{}, {"month": "2026-08", "platforms": ["douyin"], "language": "zh"}],
                         ids=["defaults", "2026-08-douyin-zh"])
def test_customers_notebook_records_what_the_library_computes(parameters, sample_root, wb, tmp_path) -> None:
    from storebook.report.results import read_results
    from support.notebooks import errors, run_notebook

    nb = run_notebook("customers", parameters, sample_root, tmp_path)
    assert errors(nb) == []
    results = read_results(nb)
    assert results["customers.notices"] == []
    month = periods.month(parameters["month"]) if "month" in parameters else wb.last_complete_month()
    plats = parameters.get("platforms")
    headline = customers.customers_headline(wb, month, plats).set_index("metric")
    for entry in results["customers.headline"]:
        assert entry["value"] == pytest.approx(headline.at[entry["key"], "value"])
        assert entry["unit"] in {"count", "ratio"}
    segments = pd.DataFrame(results["customers.rfm"]).set_index("segment")
    own = customers.summarise_rfm_segments(wb, month, plats).set_index("segment")
    assert segments["customers"].to_dict() == own["customers"].to_dict()
    provinces = pd.DataFrame(results["customers.provinces"])
    assert provinces["paid_amount"].sum() == pytest.approx(
        customers.split_new_returning(wb, month, plats)["paid_amount"].sum(), abs=0.01)


def test_first_purchase_edges_of_new_returning_and_repeat(root: Path) -> None:
    """The month's customers are looked up in the history (not the history grouped): two
    orders paid in the same second make a repeat after 0 days, several earlier orders
    count one returning buyer, and an earlier order on a platform left out does not count."""
    wb = write_tables(root, orders=_orders([
        ("T1", "tmall", "tia", "2026-03-05 10:00", 10.0, "浙江"),   # tia: two orders at once
        ("T2", "tmall", "tia", "2026-03-05 10:00", 20.0, "浙江"),
        ("R1", "tmall", "rex", "2025-11-01 10:00", 5.0, "广东"),    # rex: three earlier orders
        ("R2", "tmall", "rex", "2025-12-01 10:00", 5.0, "广东"),
        ("R3", "tmall", "rex", "2026-02-01 10:00", 5.0, "广东"),
        ("R4", "tmall", "rex", "2026-03-09 10:00", 30.0, "广东"),
        ("J1", "jd", "jo", "2026-02-10 10:00", 15.0, "北京"),       # jo: bought on jd first
        ("J2", "tmall", "jo", "2026-03-10 10:00", 25.0, "北京"),
    ]))
    tmall = customers.split_new_returning(wb, MARCH, ["tmall"]).set_index("buyer_type")
    assert tmall.loc["new", "buyers"] == 2 and tmall.loc["returning", "buyers"] == 1   # tia, jo | rex
    every = customers.split_new_returning(wb, MARCH).set_index("buyer_type")
    assert every.loc["new", "buyers"] == 1 and every.loc["returning", "buyers"] == 2   # tia | rex, jo
    rates = customers.compute_repeat_rates(wb, APRIL, ["tmall"], windows=[30]).iloc[0]
    assert (rates.cohort, rates.customers, rates.repeat_customers) == ("2026-03", 2, 1)   # tia, 0 days


def test_cohorts_count_a_customer_once_a_month_and_only_their_own_cohort(root: Path) -> None:
    """Month 0 is the cohort counted on first_purchases; later months count each customer
    once however many orders they paid in it; a customer acquired before the window is in
    no cohort, whatever they buy in it."""
    wb = write_tables(root, orders=_orders([
        ("A1", "tmall", "ann", "2026-01-05 10:00", 10.0, "浙江"),   # ann: two orders in her first month
        ("A2", "tmall", "ann", "2026-01-20 10:00", 20.0, "浙江"),
        ("A3", "tmall", "ann", "2026-03-01 10:00", 5.0, "浙江"),    # … and two in her third
        ("A4", "tmall", "ann", "2026-03-02 10:00", 7.0, "浙江"),
        ("B1", "tmall", "ben", "2026-02-10 10:00", 40.0, "广东"),
        ("B2", "tmall", "ben", "2026-03-15 10:00", 1.0, "广东"),
        ("C1", "tmall", "cat", "2025-12-01 10:00", 100.0, "北京"),  # cat: acquired before the window
        ("C2", "tmall", "cat", "2026-02-01 10:00", 50.0, "北京"),
        ("C3", "tmall", "cat", "2026-03-01 10:00", 60.0, "北京"),
        ("D1", "tmall", "dan", "2026-03-31 23:59", 8.0, "上海"),
    ]))
    out = customers.build_cohorts(wb, MARCH, ["tmall"], months=3).set_index(["cohort", "months_since"])
    assert out.index.tolist() == [("2026-01", 0), ("2026-01", 1), ("2026-01", 2), ("2026-02", 0), ("2026-02", 1),
                                  ("2026-03", 0)]
    assert out["cohort_customers"].tolist() == [1, 1, 1, 1, 1, 1]
    assert out["active_customers"].tolist() == [1, 0, 1, 1, 1, 1]
    assert out["paid_amount"].tolist() == pytest.approx([30, 0, 12, 40, 1, 8])
    assert out["cumulative_revenue_per_customer"].tolist() == pytest.approx([30, 30, 42, 40, 41, 8])


def test_repeat_rates_with_and_without_a_tie_at_the_first_purchase(root: Path, monkeypatch) -> None:
    """Without ties only the customers who came back are counted one by one; two orders in
    the second of a first purchase are a repeat after 0 days, counted on every customer's
    orders (the counts per cohort say so: None)."""
    rows = [
        ("B1", "tmall", "bo", "2026-03-02 10:00", 10.0, "广东"),   # bo: back after 18 and 19 days
        ("B2", "tmall", "bo", "2026-03-20 10:00", 10.0, "广东"),
        ("B3", "tmall", "bo", "2026-03-21 10:00", 10.0, "广东"),
        ("C1", "tmall", "cy", "2026-03-03 10:00", 10.0, "北京"),   # cy: back after 104 days
        ("C2", "tmall", "cy", "2026-06-15 10:00", 10.0, "北京"),
        ("A1", "tmall", "amy", "2026-03-01 10:00", 10.0, "浙江"),
    ]
    fast = []
    counts = customers._repeat_counts
    monkeypatch.setattr(customers, "_repeat_counts", lambda *a: fast.append(counts(*a) is not None) or counts(*a))
    without = customers.compute_repeat_rates(write_tables(root / "a", orders=_orders(rows)), APRIL, ["tmall"],
                                             windows=[30]).iloc[0]
    assert (without.cohort, without.customers, without.repeat_customers) == ("2026-03", 3, 1)   # bo
    tie = rows + [("A2", "tmall", "amy", "2026-03-01 10:00", 20.0, "浙江")]
    with_tie = customers.compute_repeat_rates(write_tables(root / "b", orders=_orders(tie)), APRIL, ["tmall"],
                                              windows=[30]).iloc[0]
    assert (with_tie.cohort, with_tie.customers, with_tie.repeat_customers) == ("2026-03", 3, 2)  # bo, amy
    assert fast == [True, False]


def test_headline_repeat_rates_are_the_latest_cohorts_of_the_sections_question(hand, root: Path) -> None:
    """The headline asks the repeat section's six cohorts and keeps each window's latest:
    the rates of the latest cohorts asked alone, and their error where those are empty."""
    for month in (MARCH, APRIL):
        alone = customers.compute_repeat_rates(hand, month, ["tmall"])
        pd.testing.assert_frame_equal(customers._latest_repeat_rates(hand, month, ["tmall"], 6), alone)
    head = customers.customers_headline(hand, APRIL, ["tmall"]).set_index("metric")
    assert head.loc["repeat_rate_30", "value"] == pytest.approx(2 / 3)   # March's cohort, as above
    assert head.loc["repeat_rate_90", "value"] == pytest.approx(1.0)     # December's: hank
    # In May the latest cohorts (April; February) are empty, December's is not.
    early = write_tables(root / "early", orders=_orders([r for r in ROWS if r[2] == "hank"]))
    may = periods.month("2026-05")
    with pytest.raises(NoDataError) as alone_error:
        customers.compute_repeat_rates(early, may, ["tmall"])
    with pytest.raises(NoDataError) as latest_error:
        customers._latest_repeat_rates(early, may, ["tmall"], 6)
    assert str(latest_error.value) == str(alone_error.value)


def _provinces(shares: list[float], prior: list[float | None]) -> pd.DataFrame:
    """A summarise_provinces frame by hand: one province per share, sorted by sales (100 in all)."""
    names = [f"P{i}" for i in range(len(shares))]
    return pd.DataFrame({"province": names, "buyers": [1] * len(shares), "orders": [1] * len(shares),
                         "paid_amount": [100.0 * s for s in shares], "share_of_sales": shares,
                         "aov": [100.0 * s for s in shares], "sales_vs_prior": prior})


def test_the_province_sentence_says_no_top_ten_of_fewer_than_eleven() -> None:
    """The Shopify store's buyers lived in one province, and the page read "Ontario leads with
    100.0% of sales; the top three bring 100.0% and the top ten 100.0%": a ranking of one. The
    sentence names a top three only past three provinces, and a top ten only past ten."""
    from storebook.report.text import Text
    from support.amounts import chosen_sentence

    five = customers.province_facts(_provinces([0.4, 0.3, 0.1, 0.1, 0.1], [0.5, -0.2, None, None, None]))
    assert five["variant"] == "some" and five["grower"] == "P0"
    en = chosen_sentence("customers.provinces.takeaway", five)
    assert en == ("Buyers came from 5 provinces. P0 leads with 40.0% of sales; the top three bring 80.0%. P0 grew "
                  "fastest on the prior month (up 50.0%).")
    assert "前十" not in chosen_sentence("customers.provinces.takeaway", five, "zh")
    eleven = customers.province_facts(_provinces([0.5] + [0.05] * 10, [None] * 11))
    assert eleven["variant"] == "no_prior"
    assert "the top three bring 60.0% and the top ten 95.0%" in chosen_sentence("customers.provinces.takeaway", eleven)
    one = customers.province_facts(_provinces([1.0], [-0.25]))
    assert one["variant"] == "one" and one["grower_change"] == -0.25
    assert chosen_sentence("customers.provinces.takeaway", one) == (
        "Every buyer whose province is known lived in P0; its sales were down 25.0% on the prior month.")
    # The chart's title has no "top three" either.
    assert Text("en")("customers.provinces.title.one", **one) == "All sales with a known province came from P0"


def test_repeat_rates_of_young_data_say_what_is_not_known_yet(root: Path) -> None:
    """Orders from February 2026 only, reported for March: the 30-day cohort is February's
    (ann and ben, ann again on 10 Feb: 1 of 2), no earlier cohort is in the data, and the
    90-day cohort (December) lies before the data. The Olist page (orders from July 2018)
    listed the months before the data as cohorts of 0 customers and said "the cohorts before
    averaged n/a. Of those won in n/a, n/a bought again within 90 days (n/a–n/a; before: n/a)"."""
    from storebook.report.text import Text

    wb = write_tables(root, orders=_orders([
        ("P1", "tmall", "ann", "2026-02-03 10:00", 10.0, "浙江"),
        ("P2", "tmall", "ann", "2026-02-10 10:00", 10.0, "浙江"),
        ("P3", "tmall", "ben", "2026-02-05 10:00", 10.0, "广东"),
        ("P4", "tmall", "cat", "2026-03-05 10:00", 10.0, "广东"),
    ]))
    rates = customers.compute_repeat_rates(wb, MARCH, cohorts=6)
    shown = customers.cohorts_in_data(rates)
    assert shown[["window_days", "cohort", "customers", "repeat_customers"]].values.tolist() == [[30, "2026-02", 2, 1]]
    facts = customers.repeat_facts(rates)
    assert facts["variant"] == "no_90.first" and facts["rate_30"] == pytest.approx(0.5)
    for language in ("en", "zh"):
        text = Text(language)
        assert text.na not in text(f"customers.repeat.takeaway.{facts['variant']}", **facts)
    assert Text("en")("customers.repeat.takeaway.no_90.first", **facts).startswith(
        "Of the customers won in 2026-02, 50.0% bought again within 30 days (95% interval")
    head = customers.headline_facts(customers.customers_headline(wb, MARCH), MARCH)
    assert head["variant"] == "no_90"
    assert "90-day rate" in Text("en")("customers.headline.takeaway.no_90", **head)
    assert "n/a" not in Text("en")("customers.headline.takeaway.no_90", **head)


def _segments(customers_now: list[int], change: list[int]) -> pd.DataFrame:
    """A summarise_rfm_segments frame by hand: the eight segments in order, 10.0 of sales each customer."""
    total = sum(customers_now)
    return pd.DataFrame({
        "segment": customers.SEGMENT_ORDER, "customers": customers_now,
        "share": [c / total for c in customers_now], "window_paid_amount": [10.0 * c for c in customers_now],
        "customers_change": change,
    })


def test_rfm_sentence_names_every_segment_that_ties() -> None:
    """A small store of three customers, one each in important value, general value and general
    develop, each new since the prior month: the page read "The largest segment is Important value
    (33.3%)" and "the segment that grew most (+1)", singling out one of three equals."""
    from support.amounts import chosen_sentence

    # important_value, important_develop, important_retain, important_winback, general_value, general_develop, …
    three = customers.rfm_facts(_segments([1, 0, 0, 0, 1, 1, 0, 0], [1, 0, 0, 0, 1, 1, 0, 0]))
    assert three["largest"] == ["important_value", "general_value", "general_develop"]
    assert three["grower"] == ["important_value", "general_value", "general_develop"]
    assert three["variant"] == "largest_tied.grower_tied"
    en = chosen_sentence("customers.rfm.takeaway", three)
    assert "Important value, General value and General to develop tie as the largest segments (33.3% each)" in en
    assert "General to develop tie as the segments that grew most (+1 each)" in en
    assert "the segment that grew most" not in en and "The largest segment is" not in en
    zh = chosen_sentence("customers.rfm.takeaway", three, "zh")
    assert "重要价值客户、一般价值客户、一般发展客户并列为最大的群体（各占33.3%）" in zh
    # Important value alone grew most, two segments tie for the largest.
    grew = customers.rfm_facts(_segments([2, 0, 0, 0, 2, 1, 0, 0], [2, 0, 0, 0, 1, 1, 0, 0]))
    assert grew["variant"] == "largest_tied.value_grew" and grew["grower"] == "important_value"
    assert "the segment that grew most (+2" in chosen_sentence("customers.rfm.takeaway", grew)
    # One largest, one grower: the sentence as before.
    one = customers.rfm_facts(_segments([3, 0, 0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0]))
    assert one["variant"] is None and one["largest"] == "important_value" and one["grower"] == "general_value"
    assert "The largest segment is Important value (60.0%)" in chosen_sentence("customers.rfm.takeaway", one)


def test_rfm_sentence_says_no_segment_grew_where_none_did() -> None:
    """A month in which every segment held or lost customers (a store whose buyers lapse): the
    page read "Important value, General value … tie as the segments that grew most (+0 each)" or
    "General value grew most (+0)" of a month in which none grew."""
    from support.amounts import chosen_sentence

    held = customers.rfm_facts(_segments([3, 0, 0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]))
    assert held["variant"] == "none_grew" and held["grower"] is None and held["grower_change"] is None
    for language in ("en", "zh"):
        said = chosen_sentence("customers.rfm.takeaway", held, language)
        assert "+0" not in said and "n/a" not in said
    assert "no segment grew since the prior month's end" in chosen_sentence("customers.rfm.takeaway", held)
    assert "没有群体增长" in chosen_sentence("customers.rfm.takeaway", held, "zh")
    # Every segment lost customers, two tie for the largest: the largest may shrink least (-1).
    shrank = customers.rfm_facts(_segments([2, 0, 0, 0, 2, 1, 0, 0], [-1, 0, 0, 0, -3, -2, 0, 0]))
    assert shrank["variant"] == "largest_tied.none_grew"
    said = chosen_sentence("customers.rfm.takeaway", shrank)
    assert "grew most" not in said and "no segment grew" in said and "(−1 since the prior month's end)" in said


def test_rfm_sentence_and_title_say_there_are_no_important_value_customers_when_there_are_none() -> None:
    """A real store's page read "Important-value customers … number 0 (0 since the prior month's
    end) and brought 0.0% of the 12 months' sales" (and its chart "0 important-value customers
    (0.0%) bring 0.0% …"): with none, the sentence and the title say there are none this month."""
    from storebook.report.text import Text
    from support.amounts import chosen_sentence

    # important_value, important_develop, important_retain, important_winback, general_value, general_develop, …
    cases = {
        "no_value.none_grew": _segments([0, 0, 0, 0, 3, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]),
        "no_value": _segments([0, 0, 0, 0, 3, 1, 0, 0], [0, 0, 0, 0, 2, 1, 0, 0]),
        "largest_tied.no_value.grower_tied": _segments([0, 0, 0, 0, 2, 2, 0, 0], [-1, 0, 0, 0, 1, 1, 0, 0]),
    }
    for variant, segments in cases.items():
        facts = customers.rfm_facts(segments)
        assert facts["variant"] == variant
        en, zh = (chosen_sentence("customers.rfm.takeaway", facts, language) for language in ("en", "zh"))
        assert "No customer is important value (recent, frequent and high-spending) this month" in en, en
        assert "number 0" not in en and " 0.0%" not in en and "brought" not in en, en
        assert "本月没有重要价值客户" in zh and "共0人" not in zh and "0.0%的销售额" not in zh, zh
        # the chart's title, as page.t picks it (the variant's title where the catalogue has one)
        assert Text("en")(f"customers.rfm.title.{variant}", **facts) == "No important-value customers this month"
        assert Text("zh")(f"customers.rfm.title.{variant}", **facts) == "本月没有重要价值客户"
    assert "General value grew most (+2)" in chosen_sentence("customers.rfm.takeaway",
                                                             customers.rfm_facts(cases["no_value"]))
    # With some, the title is the one with the numbers.
    some = customers.rfm_facts(_segments([1, 0, 0, 0, 3, 1, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0]))
    assert "no_value" not in (some["variant"] or "")
    # Each no_value sentence is its sentence with important-value customers, but for that clause.
    clause = {"en": ("Important-value customers — recent, frequent and high-spending — number {value_customers:count} "
                     "({value_change:+d} since the prior month's end) and brought {value_sales_share:pct} of the 12 "
                     "months' sales", "No customer is important value (recent, frequent and high-spending) this month"),
              "zh": ("重要价值客户——近期购买、频次高、消费高——共{value_customers:count}人（较上月末{value_change:+d}），"
                     "贡献近12个月{value_sales_share:pct}的销售额", "本月没有重要价值客户（近期购买、频次高、消费高）")}
    from storebook.report.text import CATALOGUE
    for key in [k for k in CATALOGUE if k.startswith("customers.rfm.takeaway.") and "no_value" in k]:
        base = key.replace(".no_value", "").removesuffix(".")
        for language, (said, instead) in clause.items():
            assert CATALOGUE[key][language] == CATALOGUE[base][language].replace(said, instead), (key, language)


def test_cohort_sentence_counts_only_the_cohorts_a_month_old(root: Path) -> None:
    """Reported for March, February's cohort (ann, who came back on 5 March, and ben) has had its
    month after and March's (cat) has not: the page said "Across the last 2 cohorts, 50.0% …
    bought again in the month after" of a rate only February's could have."""
    from support.amounts import chosen_sentence

    wb = write_tables(root, orders=_orders([
        ("C1", "tmall", "ann", "2026-02-03 10:00", 10.0, "浙江"),
        ("C2", "tmall", "ann", "2026-03-05 10:00", 10.0, "浙江"),
        ("C3", "tmall", "ben", "2026-02-05 10:00", 10.0, "广东"),
        ("C4", "tmall", "cat", "2026-03-07 10:00", 10.0, "广东"),
    ]))
    facts = customers.cohort_facts(customers.build_cohorts(wb, MARCH))
    assert (facts["cohorts"], facts["month1_cohorts"]) == (2, 1)
    assert facts["month1_retention"] == pytest.approx(0.5) and facts["variant"] == "short"
    assert chosen_sentence("customers.cohorts.takeaway", facts).startswith(
        "Of the last 2 cohorts, 1 has reached the month after their first purchase, and 50.0% of their new "
        "customers bought again in it (2026-02: 50.0%).")
    assert chosen_sentence("customers.cohorts.takeaway", facts, "zh").startswith(
        "最近2批新客中，1批已到首购次月，其新客有50.0%在次月再次购买")


def test_days_since_last_purchase_are_shown_as_whole_days() -> None:
    """The RFM table's "Days since last purchase" read 14.0: whole days are shown without a
    decimal (a segment's mean to the day), in both languages."""
    from storebook.report import tables
    from storebook.report.text import Text

    frame = _segments([1, 0, 0, 0, 2, 0, 0, 0], [0] * 8).assign(mean_recency_days=[14.0, None, None, None, 20.4] + [None] * 3)
    for language in ("en", "zh"):
        shown = tables.format_table(frame.head(1), Text(language), columns=["segment", "mean_recency_days"]).data
        assert shown.iloc[0, 1] == "14"
    assert tables.format_table(frame.iloc[[4]], Text("en"), columns=["mean_recency_days"]).data.iloc[0, 0] == "20"
