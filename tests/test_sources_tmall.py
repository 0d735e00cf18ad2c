"""Taobao/Tmall order reports and 生意参谋 traffic reports (GBK/UTF-8, CSV/XLS/XLSX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources_fixtures import (
    FIXTURES,
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
def tm(root: Path) -> Path:
    return with_exports(root, "tmall")


def test_order_report_gbk_csv(tm: Path) -> None:
    run(tm)
    orders = table(tm, "orders").set_index("order_id")
    # ="…", a tab and an apostrophe protected the order numbers from Excel; headers had trailing spaces.
    assert {"2231000000000000001", "2231000000000000002", "2231000000000000003"} <= set(orders.index)
    first = orders.loc["2231000000000000001"]
    # Thousands separators and trailing spaces; discount = 总金额 − 买家实际支付金额.
    assert (first["items_amount"], first["discount_amount"], first["paid_amount"]) == (1118.0, 23.6, 1094.4)
    assert (first["status"], first["device"], first["province"], first["platform"]) == (
        "completed", "mobile", "浙江", "tmall")
    assert orders.loc["2231000000000000002", ["status", "shipping_amount", "paid_amount", "province"]].tolist() == [
        "shipped", 10.0, 99.0, "广东"]
    assert orders.loc["2231000000000000003", ["status", "paid_amount"]].tolist() == ["cancelled", 0.0]
    assert orders.loc["2231000000000000004", ["status", "refund_amount", "province"]].tolist() == [
        "refunded", 129.0, "内蒙古"]
    assert orders.loc["2231000000000000005", "status"] == "paid"
    # The same buyer on the same platform is one pseudonymous customer.
    assert orders.loc["2231000000000000001", "customer_id"] == orders.loc["2231000000000000003", "customer_id"]
    rej = rejected(tm, "orders")
    assert rej["value"].tolist() == ["unpaid (等待买家付款)"] and "not paid yet" in rej["reason"].iloc[0]
    report = file_report(tm, "订单报表_2025-03.csv", "orders")
    assert report["encoding"] == "gb18030" and "<personal data>" in report["dropped_columns"]
    assert any("channel 'direct'" in n for n in report["notes"])
    assert_reconciles(tm)


def test_address_and_names_never_reach_processed(tm: Path) -> None:
    run(tm)
    blob = processed_bytes(tm)
    for secret in ("示例路", "张三", "13800000001", "tb_buyer_a", "西湖区", "快点发货", "example.com"):
        assert secret.encode() not in blob, secret


def test_order_report_as_xlsx_and_xls(tm: Path) -> None:
    run(tm)
    orders = table(tm, "orders").set_index("order_id")
    assert orders.loc["2231000000000000011", ["paid_amount", "discount_amount", "province"]].tolist() == [
        2490.0, 100.0, "四川"]
    assert orders.loc["2231000000000000021", ["shipping_amount", "items_amount", "paid_amount"]].tolist() == [
        8.0, 59.0, 62.0]
    assert file_report(tm, "订单报表_2025-03_c.xls", "orders")["encoding"] == "xls"


def test_sycm_traffic_report_gbk(tm: Path) -> None:
    run(tm)
    traffic = table(tm, "traffic")
    day = traffic[traffic["visited_on"].astype(str).str.startswith("2025-03-01")].set_index("channel")
    assert (day["device"] == "mobile").all() and (day["platform"] == "tmall").all()  # 终端 from the title block
    # 汇总 is the shop's de-duplicated total: the 'all' row, not a sum of the sources.
    assert day.loc["all", ["visitors", "buyers", "paid_amount"]].tolist() == [1503, 50, 5210.5]
    assert day.drop("all")["visitors"].sum() > day.loc["all", "visitors"]
    # 购物车 + 我的淘宝 are both 'direct': summed into one row; '-' is nothing.
    assert day.loc["direct", ["visitors", "cart_adds", "checkouts"]].tolist() == [150, 0, 11]
    assert day.loc["organic_search", "visitors"] == 801  # the 淘内免费 subtotal row is not used
    assert day.loc["social", ["visitors", "paid_amount"]].tolist() == [20, 0.0]
    notes = file_report(tm, "生意参谋_店铺来源_2025-03-01_无线端.csv", "traffic")["notes"]
    assert any("refunds not deducted" in n for n in notes) and any("subtotal" in n for n in notes)
    assert any("Never sum channel rows" in n for n in notes)
    assert_reconciles(tm)


def test_sycm_xlsx_by_day_with_device_column(tm: Path) -> None:
    run(tm)
    traffic = table(tm, "traffic")
    day = traffic[traffic["visited_on"].astype(str).str.startswith("2025-03-02")]
    pc = day[day["device"] == "pc"].set_index("channel")
    # 手淘搜索 + 天猫搜索 are organic search: summed.
    assert pc.loc["organic_search", "visitors"] == 220 and pc.loc["all", "visitors"] == 210
    assert set(day["device"]) == {"mobile", "pc"}


def test_sycm_report_over_a_range_is_refused(tm: Path) -> None:
    path = tm / "data/raw/tmall/生意参谋_店铺来源_2025-03-01_无线端.csv"
    data = path.read_bytes().replace("2025-03-01 ~ 2025-03-01".encode("gbk"), "2025-03-01 ~ 2025-03-31".encode("gbk"))
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        run(tm)
    assert "covers 2025-03-01 ~ 2025-03-31 as one total" in str(err.value) and "按日" in str(err.value)


def test_fixture_encodings() -> None:
    raw = (FIXTURES / "tmall/生意参谋_店铺来源_2025-03-01_无线端.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "汇总" in raw.decode("gbk")
