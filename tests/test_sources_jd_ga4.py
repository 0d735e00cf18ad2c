"""JD (京东) order and 京东商智 traffic exports; GA4 report downloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources_fixtures import (
    assert_reconciles,
    file_report,
    processed_bytes,
    rejected,
    run,
    table,
    with_exports,
)
from storebook.errors import IngestError


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
    assert rejected(jd, "orders")["value"].tolist() == ["unpaid (等待付款)"]
    assert rejected(jd, "order_lines")["value"].tolist() == ["300000000004"]
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
    assert any("product_views: not in this report, written as 0" in n for n in notes)
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


def test_ga4_without_device_is_refused(ga4: Path) -> None:
    path = ga4 / "data/raw/ga4/traffic_acquisition_20250301-20250302.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != 2) if not line.startswith("#") and
           line.count(",") > 3 else line for line in lines]
    path.write_text("\n".join(cut) + "\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        run(ga4)
    assert "names no device (Device category)" in str(err.value)
    assert "add the dimension Device category" in str(err.value)
