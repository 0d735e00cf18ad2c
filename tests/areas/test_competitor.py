"""Competitor: the price index by hand and its direction, gaps, price-change events, our
response, ratings and unit share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import storebook
from storebook.areas import competitor, competitor_facts
from storebook.engine.periods import month
from storebook.errors import NoDataError
from storebook.report.text import Text
from support.stores import build_store, days, isolated_root, product, sales_rows

MARCH = month("2025-03")
CUT_ON = date(2025, 3, 16)


def seen(day: date, who: str, platform: str, code: str, category: str, sku: str, price: float,
         promo: bool = False, list_price: float = 100.0, rating: float = 4.5, reviews: int = 100,
         units: float | None = 10.0) -> dict:
    return {"observed_on": day.isoformat(), "competitor": who, "platform": platform,
            "competitor_sku": code, "category": category, "sku": sku, "price": f"{price:.2f}",
            "list_price": f"{list_price:.2f}", "is_on_promo": "true" if promo else "false",
            "rating": f"{rating:.1f}", "review_count": str(reviews),
            "est_units_sold": "" if units is None else f"{units:.0f}"}


@pytest.fixture(scope="module")
def comp_wb(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as mp:
        yield _comp_store(isolated_root(tmp_path_factory, mp))


def _comp_store(root: Path) -> storebook.Workbook:
    """March 2025 on tmall. Ours: A sells 2 a day at ¥100 (1–15 March) then 1 a day, B 1 a
    day at ¥50, M (another category) 10 a day at ¥20. X matches A at ¥80 and B at ¥50 and
    cuts X1 to ¥64 on 16 March, with a ¥60 promotion on 5–6 March; Y matches A at ¥125."""
    sales = []
    for day in days(date(2025, 2, 1), 59):  # February (for the response baseline) and March
        a = 1 if day >= CUT_ON else 2
        sales += [(day, "tmall", "A", a, 100.0, 0.0, None), (day, "tmall", "B", 1, 50.0, 0.0, None),
                  (day, "tmall", "M", 10, 20.0, 0.0, None)]
    orders, lines = sales_rows(sales)
    prices = []
    for i, day in enumerate(days(date(2025, 3, 1), 31)):
        promo = day.day in (5, 6)
        x1 = 60.0 if promo else (64.0 if day >= CUT_ON else 80.0)
        prices += [
            seen(day, "X", "tmall", "X1", "bath", "A", x1, promo=promo, reviews=1000 + 10 * i),
            seen(day, "X", "tmall", "X2", "bath", "B", 50.0, rating=4.0, reviews=500 + 2 * i,
                 units=None if day.day <= 3 else 10.0),
            seen(day, "X", "tmall", "X3", "bath", "", 30.0),     # unmatched: not in the index
            seen(day, "Y", "tmall", "Y1", "bath", "A", 125.0, rating=4.9, reviews=50),
            seen(day, "Z", "jd", "Z1", "bath", "A", 90.0),        # another platform
        ]
    return build_store(root, {
        "products": [product("A", "bath", price=100.0), product("B", "bath", price=50.0),
                     product("M", "decor", price=20.0)],
        "orders": orders, "order_lines": lines, "competitor_prices": prices,
    })


def test_price_index_by_hand_and_its_direction(comp_wb) -> None:
    skus = competitor.compute_price_index(comp_wb, MARCH, ["tmall"]).set_index(["competitor", "sku"])
    # X1 over March: 60 on 2 days, 80 on 13 days, 64 on 16 days.
    x1 = (2 * 60 + 13 * 80 + 16 * 64) / 31
    assert skus.loc[("X", "A"), "competitor_price"] == pytest.approx(x1)
    assert skus.loc[("X", "A"), "price_index"] == pytest.approx(100 / x1)  # ours ÷ theirs: > 1, dearer
    assert skus.loc[("X", "B"), "price_index"] == pytest.approx(1.0)
    assert skus.loc[("Y", "A"), "price_index"] == pytest.approx(0.8)      # we are cheaper than Y
    assert ("X", "") not in skus.index                                     # X3 is not matched
    assert skus.loc[("X", "A"), "our_revenue"] == 15 * 2 * 100 + 16 * 100  # March
    # Category index of X: weighted by our revenue of January–March (A: February 28 × 2 ×
    # ¥100 + March ¥4,600; B: 59 days × ¥50).
    rev_a, rev_b = 5600.0 + 4600.0, 59 * 50.0
    cats = competitor.compute_price_index(comp_wb, MARCH, ["tmall"], by="category").set_index("competitor")
    expected = (rev_a * 100 / x1 + rev_b * 1.0) / (rev_a + rev_b)
    assert cats.loc["X", "price_index"] == pytest.approx(expected)
    assert cats.loc["X", "weight_revenue"] == pytest.approx(rev_a + rev_b)
    assert cats.loc["X", "skus"] == 2


def test_gaps_and_who_is_cheapest(comp_wb) -> None:
    gaps = competitor.find_price_gaps(comp_wb, MARCH, ["tmall"])
    assert gaps[["competitor", "sku", "position"]].values.tolist() == [["X", "A", "dearer"], ["Y", "A", "cheaper"]]
    cheapest = competitor.rank_cheapest(comp_wb, MARCH, ["tmall"]).set_index("category")
    assert cheapest.loc["bath", "cheapest"] == "X"
    assert cheapest.loc["bath", "cheaper_competitors"] == 1


def test_price_cut_is_detected_and_promotions_are_not(comp_wb) -> None:
    events = competitor.detect_price_changes(comp_wb, MARCH, ["tmall"], months=1)
    assert len(events) == 1  # the ¥60 promotion days are not a price change
    event = events.iloc[0]
    assert (event["competitor"], event["category"]) == ("X", "bath")
    assert event["changed_on"] == pd.Timestamp(CUT_ON)
    assert event["price_change"] == pytest.approx(-0.20)
    assert (event["products"], event["category_products"]) == (1, 3)


def test_our_response_to_the_cut_by_hand(comp_wb) -> None:
    response = competitor.measure_sales_response(comp_wb, MARCH, ["tmall"], months=1, days=14).iloc[0]
    # Category bath: A 2 + B 1 = 3 a day before, 1 + 1 = 2 a day after; M flat.
    assert response["baseline_units"] == pytest.approx(3 * 14)
    assert response["units_after"] == 2 * 14
    assert response["response"] == pytest.approx(-1 / 3)
    assert response["response_low"] < -1 / 3 < response["response_high"]
    trace = competitor.trace_sales_response(comp_wb, MARCH, ["tmall"], months=1, days=14)
    assert len(trace) == 28 and trace["expected"].round(9).eq(3.0).all()


def test_promo_days_ratings_and_unit_share(comp_wb) -> None:
    promo = competitor.list_competitor_promo_days(comp_wb, MARCH, ["tmall"]).set_index(["competitor", "day"])
    fifth = promo.loc[("X", "2025-03-05")]
    assert (fifth["products"], fifth["on_promo"]) == (3, 1)
    assert fifth["mean_depth"] == pytest.approx(0.4)  # 1 − 60 / 100
    ratings = competitor.compare_ratings(comp_wb, MARCH, ["tmall"]).set_index("competitor")
    assert ratings.loc["X", "rating"] == pytest.approx((4.5 + 4.0 + 4.5) / 3)
    assert ratings.loc["X", "new_reviews"] == 300 + 60
    share = competitor.estimate_unit_share(comp_wb, MARCH, ["tmall"]).set_index("category").loc["bath"]
    # Ours in bath on tmall: 15×3 + 16×2 = 77. Theirs: 10 a product-day where estimated.
    theirs = 10.0 * (31 * 3 + 28)
    assert share["our_units"] == 77 and share["competitor_units"] == theirs
    assert share["our_share"] == pytest.approx(77 / (77 + theirs))
    assert share["coverage"] == pytest.approx((31 * 3 + 28) / (31 * 4))


def test_platform_filter(comp_wb) -> None:
    jd = competitor.compute_price_index(comp_wb, MARCH, ["jd"])
    assert jd["competitor"].tolist() == ["Z"]
    # Nothing of ours sold on jd: our price falls back to the list price.
    assert jd["price_index"].iloc[0] == pytest.approx(100 / 90)


def test_month_without_competitor_data_says_so(comp_wb) -> None:
    with pytest.raises(NoDataError) as err:
        competitor.compute_price_index(comp_wb, month("2025-02"))
    assert "no competitor prices observed in 2025-02" in str(err.value)
    with pytest.raises(NoDataError, match="competitor_prices"):
        competitor.compare_ratings(comp_wb, MARCH, ["douyin"])
    assert competitor.detect_price_changes(comp_wb, MARCH, ["jd"], months=1).empty


def test_trend_has_one_row_per_month_with_data(comp_wb) -> None:
    trend = competitor.trend_price_index(comp_wb, MARCH, ["tmall"], months=3)
    assert trend["month"].dt.strftime("%Y-%m").unique().tolist() == ["2025-03"]


def test_report_facts_by_hand(comp_wb) -> None:
    cats = competitor.compute_price_index(comp_wb, MARCH, ["tmall"], by="category")
    facts = competitor_facts.index_facts(cats)
    assert (facts["pairs"], facts["dearer_pairs"]) == (2, 1)
    assert facts["dear_competitor"] == "X" and facts["cheap_competitor"] == "Y"
    x = cats.set_index("competitor")
    assert x.loc["X", "gap"] == pytest.approx(x.loc["X", "price_index"] - 1)
    summary = competitor_facts.summarise_competitors(comp_wb, MARCH, ["tmall"])
    assert (summary["dearer_pairs"], summary["price_gaps"], summary["price_changes"]) == (1, 2, 1)
    record = {r["key"]: r for r in competitor_facts.headline_record(summary, Text("en"))}
    assert record["price_index"]["unit"] == "ratio" and record["price_changes"]["value"] == 1.0
    response = competitor_facts.response_facts(competitor.measure_sales_response(comp_wb, MARCH, ["tmall"], months=1, days=14))
    assert response["variant"] == "unclear"  # −33 % on 14 days of 3 units: the interval still crosses 0
    assert competitor_facts.change_facts(competitor.detect_price_changes(comp_wb, MARCH, ["jd"]))["variant"] == "none"


# --------------------------------------------------------------------------- planted truths (sample store)

@pytest.mark.slow
def test_planted_price_cut_is_detected(wb, truth) -> None:
    cut = truth["truths"]["competitor_price_cut"]
    cut_on = pd.Timestamp(cut["cut_from"])
    events = competitor.detect_price_changes(wb, month(cut["cut_from"][:7]))
    hit = events.loc[(events["competitor"] == cut["competitor"]) & (events["category"] == cut["category"])]
    assert len(hit) == 1
    event = hit.iloc[0]
    assert abs((event["changed_on"] - cut_on).days) <= 2
    assert event["platform"] == cut["platform"]
    assert event["price_change"] == pytest.approx(cut["price_cut_pct"], abs=0.03)
    assert event["products"] == len(cut["competitor_skus"]) == event["category_products"]
    # The index of that pair moves by 1 / (1 − cut): compare the months either side.
    # On its platform, where our own festival promotions did not touch the category.
    before = competitor.compute_price_index(wb, month(cut["cut_from"][:7]).shift_months(-1), [cut["platform"]],
                                            by="category")
    after = competitor.compute_price_index(wb, month(cut["cut_from"][:7]).shift_months(1), [cut["platform"]],
                                           by="category")
    pick = (before["competitor"] == cut["competitor"]) & (before["category"] == cut["category"])
    ratio = after.loc[pick.to_numpy(), "price_index"].iloc[0] / before.loc[pick, "price_index"].iloc[0]
    assert ratio == pytest.approx(1 / (1 + cut["price_cut_pct"]), rel=0.1)


@pytest.mark.slow
def test_our_response_to_the_planted_cut(wb, truth) -> None:
    cut = truth["truths"]["competitor_price_cut"]
    last = wb.last_complete_month()
    response = competitor.measure_sales_response(wb, last)  # the default report month still shows it
    row = response.loc[(response["competitor"] == cut["competitor"]) & (response["category"] == cut["category"])]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["platform"] == cut["platform"] and row["days_after"] >= 14
    assert row["response_low"] <= cut["our_units_effect_pct"] <= row["response_high"]


def test_the_competitors_promotions_are_said_as_shares_of_list_taken_off(comp_wb) -> None:
    """X's one product on promotion, 5–6 March, at ¥60 against ¥100: 40% off list, the only depth of
    the month; X's 3 products and Y's 1 over 31 days, X a third on promotion on 2 days: an average day
    (2 / 3) / 62 = 1.08% (a share, two decimals below 10%). In Chinese 平均折扣40.0% read as 4折."""
    facts = competitor_facts.promo_days_facts(competitor.list_competitor_promo_days(comp_wb, MARCH, ["tmall"]))
    assert facts["depth"] == pytest.approx(0.4) and facts["mean_share"] == pytest.approx(2 / 3 / 62)
    assert Text("en")("competitor.promotions.takeaway", **facts).endswith(
        "on an average day 1.08% of the competitors' products were on promotion, at 40.0% off list.")
    assert Text("zh")("competitor.promotions.takeaway", **facts).endswith(
        "平均每天竞品有1.08%的商品在促销，促销价平均低于吊牌价40.0%。")


def test_competitor_charts_render(comp_wb) -> None:
    from storebook.report import plots

    plots.use_house_style()
    zh = Text("zh")
    days = competitor.list_competitor_promo_days(comp_wb, MARCH, ["tmall"])
    fig = plots.calendar_grid(days, zh, row="competitor", value="promo_share", china=True, title="t")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Y", "X"]  # first row on top
    assert ax.get_xticklabels()[0].get_text() == "1" and len(ax.get_xticklabels()) == 31
    assert ax.get_xticklabels()[0].get_color() == plots.BAD  # 1 March 2025 was a Saturday
    trend = competitor.trend_price_index(comp_wb, MARCH, ["tmall"], months=3)
    fig = plots.month_lines(trend, zh, value="price_index", by="competitor", reference=1.0, title="t")
    assert fig.axes[0].get_ylabel() == zh("metric.price_index")
    assert len(plots.to_png(fig)) > 1000


# --------------------------------------------------------------------------- the notebook

@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-competitor")
def test_competitor_notebook_records_the_planted_cut(sample_root, wb, truth, tmp_path) -> None:
    from storebook.report.results import read_results
    from support.notebooks import run_notebook

    cut = truth["truths"]["competitor_price_cut"]
    results = read_results(run_notebook("competitor", {}, sample_root, tmp_path))
    assert results["competitor.notices"] == []
    changes = pd.DataFrame(results["competitor.price_changes"])
    hit = changes.loc[(changes["competitor"] == cut["competitor"]) & (changes["category"] == cut["category"])]
    assert len(hit) == 1
    assert abs((pd.Timestamp(hit["changed_on"].iloc[0]) - pd.Timestamp(cut["cut_from"])).days) <= 2
    response = pd.DataFrame(results["competitor.response"])
    row = response.loc[response["competitor"] == cut["competitor"]].iloc[0]
    assert row["platform"] == cut["platform"]
    assert row["response_low"] <= cut["our_units_effect_pct"] <= row["response_high"]
    headline = {r["key"]: r["value"] for r in results["competitor.headline"]}
    cats = competitor.compute_price_index(wb, wb.last_complete_month(), by="category")
    assert headline["price_index"] == pytest.approx(competitor_facts.index_facts(cats)["index"])
    assert headline["price_changes"] >= 1


@pytest.mark.notebooks
@pytest.mark.xdist_group("notebook-competitor")
def test_competitor_notebook_on_the_cut_platform_in_chinese(sample_root, wb, truth, tmp_path) -> None:
    from storebook.report.results import read_results
    from support.notebooks import outputs, run_notebook

    cut = truth["truths"]["competitor_price_cut"]
    nb = run_notebook("competitor", {"month": cut["cut_from"][:7], "platforms": [cut["platform"]], "language": "zh"},
                      sample_root, tmp_path)
    results = read_results(nb)
    assert results["competitor.notices"] == [] and outputs(nb, "error") == []
    changes = pd.DataFrame(results["competitor.price_changes"])
    assert set(changes["platform"]) == {cut["platform"]} and cut["competitor"] in set(changes["competitor"])
    index = competitor.compute_price_index(wb, month(cut["cut_from"][:7]), [cut["platform"]], by="category")
    assert results["competitor.price_index"] == pytest.approx(competitor_facts.index_facts(index)["index"])
    assert "抖音" in outputs(nb, "display_data")[0]["data"]["text/markdown"]


def test_a_crawl_of_one_day_cannot_tell_a_price_change(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A search crawl of one day (the real Taobao and JD listings of 20 May 2021) sees each
    product once: a lasting change is judged on seven observations before it, so the section
    says none can be told — not "no competitor changed a regular price in the last three
    months" over an empty table; in the pack's language."""
    prices = [seen(date(2025, 3, 20), "X", "tmall", f"X{k}", "bath", "", 50.0 + k) for k in range(5)]
    prices += [seen(date(2025, 3, d), "Y", "tmall", "Y1", "bath", "", 80.0) for d in range(14, 21)]  # 7 days: too few
    with pytest.MonkeyPatch.context() as mp:
        wb = build_store(isolated_root(tmp_path_factory, mp), {"competitor_prices": prices})
    with pytest.raises(NoDataError, match="judged on 7 observations") as err:
        competitor.detect_price_changes(wb, MARCH, ["tmall"])
    assert err.value.key == "competitor.changes.too_few"
    assert (err.value.values["days"], err.value.values["most"]) == (7, 7)
    assert Text("zh")(err.value.key, **err.value.values).startswith("数据中的竞品价格只观测了7天")


def test_price_levels_by_hand_without_a_match_to_our_skus(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Competitor prices without our matched SKU (a crawl of search results) showed only notes on
    the page: their own levels still say where they price. By hand, March: A on tmall lists A1 at
    10 and 12 (two days) and A2 at 20 and 30, A3 at 40; B on jd lists B1 at 5. In February A's
    one observation was 20."""
    prices = [seen(date(2025, 3, 3), "A", "tmall", "A1", "", "", 10.0), seen(date(2025, 3, 4), "A", "tmall", "A1", "", "", 12.0),
              seen(date(2025, 3, 3), "A", "tmall", "A2", "", "", 20.0), seen(date(2025, 3, 4), "A", "tmall", "A2", "", "", 30.0),
              seen(date(2025, 3, 4), "A", "tmall", "A3", "", "", 40.0),
              seen(date(2025, 3, 9), "B", "jd", "B1", "", "", 5.0, promo=True),
              seen(date(2025, 2, 20), "A", "tmall", "A1", "", "", 20.0)]
    with pytest.MonkeyPatch.context() as mp:
        wb = build_store(isolated_root(tmp_path_factory, mp), {"competitor_prices": prices})
        levels = competitor.summarise_price_levels(wb, MARCH)
    a, b = levels.iloc[0], levels.iloc[1]  # the most products first
    assert (a.competitor, a.platform, a.observed_products, a.observations, a.days) == ("A", "tmall", 3, 5, 2)
    # A's prices 10, 12, 20, 30, 40: median 20, quartiles (linear) 12 and 30; February's median 20.
    assert (a.median_price, a.p25_price, a.p75_price, a.prior_median_price) == (20.0, 12.0, 30.0, 20.0)
    assert a.competitor_median_price_vs_prior == pytest.approx(0.0) and a.matched_share == 0.0 and a.promo_share == 0.0
    assert (b.observed_products, b.median_price, b.promo_share) == (1, 5.0, 1.0) and pd.isna(b.competitor_median_price_vs_prior)
    assert levels.attrs == {"days": 3, "median_price": 16.0, "products": 4}  # 5, 10, 12, 20, 30, 40
    facts = competitor_facts.levels_facts(levels, Text("en"))
    # B lists one product: no lowest and highest among competitors of 3 products or more.
    assert facts["variant"] == "one_unmatched" and facts["platforms"] == "Tmall and JD"
    said = Text("en")("competitor.levels.takeaway.one_unmatched", **facts)
    assert said.startswith("2 competitors listed 4 products on Tmall and JD (prices observed on 3 days this month), "
                           "at a median price of ¥16.00. A listed the most (3): a median of ¥20.00, half of its "
                           "prices between ¥12.00 and ¥30.00."), said
    assert "none of their products is matched to one of our SKUs" in said and "`sku`" in said
    zh = Text("zh")("competitor.levels.takeaway.one_unmatched", **competitor_facts.levels_facts(levels, Text("zh")))
    assert zh.startswith("本月2家竞品店铺在天猫、京东共有4个商品（观察了3天的价格），价格中位数¥16.00。"), zh
    assert "竞品商品均未匹配到我们的SKU" in zh


def test_price_levels_name_the_lowest_and_highest_where_the_skus_are_matched(comp_wb) -> None:
    levels = competitor.summarise_price_levels(comp_wb, MARCH)
    assert (levels["matched_share"] > 0).all()
    facts = competitor_facts.levels_facts(levels)
    compared = levels[levels["observed_products"] >= competitor_facts.MIN_LEVEL_PRODUCTS]
    if len(compared) >= 2:
        assert facts["variant"] is None
        assert facts["low_median"] == compared["median_price"].min() and facts["high_median"] == compared["median_price"].max()
    else:
        assert facts["variant"] == "one"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_daily_levels_title_counts_the_competitors_only_where_some_are_left_out(comp_wb, language: str) -> None:
    """X, Y and Z each priced every day of March (3 competitor × platform rows): all three are
    followed, and the title read "(3 of 3)" as if some were left out. Following the 2 with the most
    products (X's 3, then one of Y's and Z's 1) it says "2 of 3"."""
    t = Text(language)
    every = competitor_facts.daily_levels_facts(competitor.trace_price_levels(comp_wb, MARCH))
    assert (every["followed"], every["competitors"]) == (3, 3)
    title = t("competitor.levels.daily.title", **every)
    assert title == {"en": "Median price by day, every competitor", "zh": "每日价格中位数：全部竞品店铺"}[language]
    assert "3" not in title
    two = competitor_facts.daily_levels_facts(competitor.trace_price_levels(comp_wb, MARCH, top=2))
    assert (two["followed"], two["competitors"]) == (2, 3)
    assert t("competitor.levels.daily.title", **two) == {
        "en": "Median price by day, the competitors with the most products (2 of 3)",
        "zh": "每日价格中位数：商品最多的竞品店铺（3家中的2家）"}[language]
