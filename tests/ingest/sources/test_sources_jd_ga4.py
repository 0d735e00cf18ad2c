"""JD (京东) order and 京东商智 traffic exports; GA4 report downloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from storebook.errors import IngestError
from support.sources import (
    assert_reconciles,
    file_report,
    processed_bytes,
    rejected,
    run,
    table,
    with_exports,
)


@pytest.fixture
def jd(root: Path) -> Path:
    return with_exports(root, "jd")


@pytest.fixture
def ga4(root: Path) -> Path:
    return with_exports(root, "ga4")


def test_jd_orders_one_row_per_item(jd: Path) -> None:
    run(jd)
    orders = table(jd, "orders").set_index("order_id")
    first = orders.loc["300000000001"]
    # The second item row left the order's cells blank; the order is read from its rows together.
    assert (first["items_amount"], first["shipping_amount"], first["paid_amount"], first["discount_amount"]) == (
        207.0, 10.0, 197.0, 20.0)
    assert (first["status"], first["device"], first["province"], first["platform"]) == (
        "completed", "mobile", "浙江", "jd")
    assert orders.loc["300000000002", ["status", "device", "province"]].tolist() == ["paid", "pc", "上海"]
    assert orders.loc["300000000003", ["status", "paid_amount"]].tolist() == ["cancelled", 0.0]
    lines = table(jd, "order_lines")
    assert lines[lines["order_id"] == "300000000001"]["sku"].tolist() == ["4001", "C-S"]
    # 等待付款 is an order not paid yet: kept as pending, with its line; the export names no channel.
    assert orders.loc["300000000004", ["status", "paid_amount"]].tolist() == ["pending", 0.0]
    assert orders["channel"].isna().all()
    assert "300000000004" in set(lines["order_id"])
    assert len(rejected(jd)) == 0
    for secret in ("张三", "示例路", "13800000001", "jd_user_a"):
        assert secret.encode() not in processed_bytes(jd)
    assert_reconciles(jd)


def test_jd_traffic_sums_mobile_terminals(jd: Path) -> None:
    run(jd)
    traffic = table(jd, "traffic").set_index(["device", "channel"])
    # APP and 微信 are both mobile: their rows are summed (all rows included).
    assert traffic.loc[("mobile", "all"), "visitors"] == 900
    assert traffic.loc[("mobile", "organic_search"), "visitors"] == 600
    assert traffic.loc[("pc", "paid_search"), ["visitors", "buyers", "orders", "paid_amount"]].tolist() == [
        200, 5, 5, 600.0]
    notes = file_report(jd, "京东商智_流量来源_2025-03-01.csv", "traffic")["notes"]
    # Not in the report: unknown (empty), never a made-up 0.
    assert any("product_views: not in this report, left empty (unknown)" in n for n in notes)
    assert traffic["product_views"].isna().all()
    assert_reconciles(jd)


def test_ga4_channel_report(ga4: Path) -> None:
    run(ga4)
    traffic = table(ga4, "traffic").assign(visited_on=lambda d: d["visited_on"].astype(str).str[:10])
    assert set(traffic["platform"]) == {"web"}
    ch = traffic[traffic["channel"] != "all"].set_index(["visited_on", "device", "channel"])
    # '#' comment lines skipped, YYYYMMDD dates, tablet counted as mobile, desktop as pc.
    assert ch.loc[("2025-03-01", "mobile", "organic_search"), "visitors"] == 130
    assert ch.loc[("2025-03-01", "pc", "organic_search"), ["visitors", "paid_amount"]].tolist() == [60, 310.0]
    # Organic Social + Paid Social are 'social'; Direct + Unassigned are 'direct'.
    assert ch.loc[("2025-03-01", "mobile", "social"), "visitors"] == 70
    assert ch.loc[("2025-03-02", "pc", "direct"), "visitors"] == 30
    # The summary section after the blank line is not read.
    report = file_report(ga4, "traffic_acquisition_20250301-20250302.csv", "traffic")
    assert report["rows_read"] == 5
    assert any("event counts" in n for n in report["notes"])
    assert_reconciles(ga4)


def test_ga4_totals_are_the_all_rows(ga4: Path) -> None:
    run(ga4)
    traffic = table(ga4, "traffic").assign(visited_on=lambda d: d["visited_on"].astype(str).str[:10])
    totals = traffic[traffic["channel"] == "all"].set_index(["visited_on", "device"])
    assert totals.loc[("2025-03-01", "mobile"), "visitors"] == 250
    assert len(totals) == 3


def test_ga4_without_device_is_all_devices(ga4: Path) -> None:
    path = ga4 / "data/raw/ga4/traffic_acquisition_20250301-20250302.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != 2) if not line.startswith("#") and
           line.count(",") > 3 else line for line in lines]
    path.write_text("\n".join(cut) + "\n", encoding="utf-8")
    run(ga4)
    traffic = table(ga4, "traffic").assign(visited_on=lambda d: d["visited_on"].astype(str).str[:10])
    ch = traffic[traffic["channel"] != "all"].set_index(["visited_on", "device", "channel"])
    # Without Device category every row is all devices together: mobile + desktop + tablet summed.
    assert ch.loc[("2025-03-01", "all", "organic_search"), "visitors"] == 190
    notes = file_report(ga4, "traffic_acquisition_20250301-20250302.csv", "traffic")["notes"]
    assert any("does not split by device" in n for n in notes)


@pytest.fixture
def ga4_shapes(root: Path) -> Path:
    return with_exports(root, "ga4_shapes", products=False)


def test_ga4_nth_day_and_a_period_total(ga4_shapes: Path) -> None:
    (ga4_shapes / "data/raw/ga4_shapes/reports_snapshot.csv").unlink()
    run(ga4_shapes)
    traffic = table(ga4_shapes, "traffic")
    one_day = traffic["period_end_on"].isna()
    traffic = traffic.assign(visited_on=lambda d: d["visited_on"].astype(str).str[:10],
                             period_end_on=lambda d: d["period_end_on"].astype(str).str[:10])
    # 'Nth day' 0000 is the Start date (2025-03-01): 0002 is 2025-03-03.
    days = traffic[one_day].set_index(["visited_on", "device", "channel"])
    assert days["visitors"].to_dict() == {("2025-03-01", "mobile", "organic_search"): 120,
                                          ("2025-03-02", "pc", "direct"): 25,
                                          ("2025-03-03", "mobile", "organic_search"): 90}
    # No day dimension: totals over Start date … End date, one row per channel; the Grand total
    # row written first (its label beyond the header) is the de-duplicated 'all' row.
    april = traffic[traffic["period_end_on"] == "2025-04-30"].set_index("channel")
    assert set(april["visited_on"]) == {"2025-04-01"} and set(april["device"]) == {"all"}
    assert april["visitors"].to_dict() == {"all": 1400, "organic_search": 900, "paid_search": 400, "direct": 150}
    assert april.loc["all", "paid_amount"] == 9800.0
    assert april["buyers"].isna().all()  # not in the report: unknown, not 0
    notes = file_report(ga4_shapes, "traffic_acquisition_april.csv", "traffic")["notes"]
    assert any("'Grand total' row is the period's de-duplicated total" in n for n in notes)
    assert_reconciles(ga4_shapes)


def test_ga4_snapshot_reads_its_days_users_and_names_what_it_leaves(ga4_shapes: Path) -> None:
    """A Reports snapshot's 'Nth day, Users' table is each day's Users (GA4's reports' name for
    Active users): the web platform's de-duplicated days, channel and device 'all'; its other
    tables are named as not read (before: ingest stopped, 'no Total users or Active users')."""
    run(ga4_shapes)
    traffic = table(ga4_shapes, "traffic")
    days = traffic[traffic["period_end_on"].isna() & (traffic["channel"] == "all")]
    assert days.assign(day=days["visited_on"].astype(str).str[:10]).set_index("day")["visitors"].to_dict() == \
        {"2025-04-01": 3, "2025-04-02": 5, "2025-04-03": 4}
    assert set(days["device"]) == {"all"}
    notes = file_report(ga4_shapes, "reports_snapshot.csv", "traffic")["notes"]
    assert any("'Users', GA4's name in its reports for Active users" in n for n in notes)
    assert any("2 more table(s) after this one, not read (not traffic by day): 'Session default channel group, "
               "Sessions' (line 15); 'Country, Users' (line 21)." in n for n in notes)
    assert_reconciles(ga4_shapes)


def test_ga4_snapshot_without_a_days_table_stops_naming_its_tables(ga4_shapes: Path) -> None:
    snapshot = ga4_shapes / "data/raw/ga4_shapes/reports_snapshot.csv"
    lines = snapshot.read_text(encoding="utf-8").splitlines()
    snapshot.write_text("\n".join(lines[:7] + lines[12:]) + "\n", encoding="utf-8")  # the Nth day table taken out
    with pytest.raises(IngestError) as err:
        run(ga4_shapes)
    message = str(err.value)
    assert "reports_snapshot.csv: this GA4 download holds 2 table(s) and none is traffic by day" in message
    assert ("'Session default channel group, Sessions' (line 10, 2 rows: no Total users, Active users or Users "
            "column); 'Country, Users' (line 16, 1 row)") in message
    assert "Reports → Acquisition → Traffic acquisition" in message and "Traceback" not in message
