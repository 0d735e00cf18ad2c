"""Taobao/Tmall order reports and 生意参谋 traffic reports (GBK/UTF-8, CSV/XLS/XLSX)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from storebook.errors import IngestError
from support.sources import (
    FIXTURES,
    assert_reconciles,
    file_report,
    processed_bytes,
    rejected,
    run,
    table,
    with_exports,
)


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
    # 交易关闭 without a pay time: closed without payment (not a cancellation of a paid order).
    assert orders.loc["2231000000000000003", ["status", "paid_amount"]].tolist() == ["closed", 0.0]
    assert orders.loc["2231000000000000004", ["status", "refund_amount", "province"]].tolist() == [
        "refunded", 129.0, "内蒙古"]
    assert orders.loc["2231000000000000005", "status"] == "paid"
    # 等待买家付款 is an order not paid yet: kept as pending (the payment rate needs it).
    assert orders.loc["2231000000000000006", ["status", "paid_amount"]].tolist() == ["pending", 0.0]
    assert pd.isna(orders.loc["2231000000000000006", "paid_at"])
    # The same buyer on the same platform is one pseudonymous customer.
    assert orders.loc["2231000000000000001", "customer_id"] == orders.loc["2231000000000000003", "customer_id"]
    # The report names no traffic source: the channel is unknown, not 'direct'.
    assert orders["channel"].isna().all()
    assert len(rejected(tm, "orders")) == 0
    report = file_report(tm, "订单报表_2025-03.csv", "orders")
    assert report["encoding"] == "gb18030" and "<personal data>" in report["dropped_columns"]
    assert any("channel left empty (unknown)" in n for n in report["notes"])
    # 实付 here is what was paid (129 paid, 129 refunded, 总金额 129): not read as net of the refund.
    assert not any("net of the refund" in n for n in report["notes"])
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


def test_sycm_title_and_file_name_that_disagree_stop(tm: Path) -> None:
    path = tm / "data/raw/tmall/生意参谋_店铺来源_2025-03-01_无线端.csv"
    data = path.read_bytes().replace("2025-03-01 ~ 2025-03-01".encode("gbk"), "2025-03-01 ~ 2025-03-31".encode("gbk"))
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        run(tm)
    message = str(err.value)
    assert "the title rows name the period 2025-03-01 ~ 2025-03-31 but the file name 2025-03-01 ~ 2025-03-01" in message
    assert "rename the file" in message and "period: {start: …, end: …}" in message


def test_sycm_report_over_a_range_in_its_title_is_one_row_per_channel(tm: Path) -> None:
    path = tm / "data/raw/tmall/生意参谋_店铺来源_2025-03-01_无线端.csv"
    data = path.read_bytes().replace("2025-03-01 ~ 2025-03-01".encode("gbk"), "2025-03-01 ~ 2025-03-31".encode("gbk"))
    path.unlink()
    (path.parent / "生意参谋_店铺来源_无线端.csv").write_bytes(data)  # the title alone names the period
    run(tm)
    traffic = table(tm, "traffic")
    month = traffic[traffic["period_end_on"].notna()].set_index("channel")
    assert set(month["visited_on"].astype(str)) == {"2025-03-01"}
    assert set(month["period_end_on"].astype(str)) == {"2025-03-31"}
    # The same numbers as the one-day report: totals over the period, not spread over days.
    assert month.loc["all", ["visitors", "buyers", "paid_amount"]].tolist() == [1503, 50, 5210.5]
    assert month.loc["direct", "visitors"] == 150 and (month["device"] == "mobile").all()
    notes = file_report(tm, "生意参谋_店铺来源_无线端.csv", "traffic")["notes"]
    assert any("totals over 2025-03-01 ~ 2025-03-31 (named in the report's title rows)" in n for n in notes)


def test_fixture_encodings() -> None:
    raw = (FIXTURES / "tmall/生意参谋_店铺来源_2025-03-01_无线端.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "汇总" in raw.decode("gbk")


# ----------------------------------------------------------------------------- 订单报表 without 订单状态

@pytest.fixture
def report(root: Path) -> Path:
    return with_exports(root, "tmall_report", products=False)


def test_order_report_without_status_keeps_97_percent(report: Path) -> None:
    run(report)
    for name, read, written in (("tmall_order_report.csv", 301, 296), ("订单报表_2020-03.csv", 201, 196)):
        f = file_report(report, name, "orders")
        assert (f["rows_read"], f["rows_written"], f["rows_rejected"]) == (read, written, read - written)
        assert written / read >= 0.97
    assert file_report(report, "tmall_order_report.csv", "orders")["encoding"] == "utf-8"
    assert file_report(report, "订单报表_2020-03.csv", "orders")["encoding"] == "gb18030"
    # The five rows of each file a user would not keep, each with its true reason (see make_fixtures).
    rej = rejected(report, "orders").sort_values(["source_file", "source_row"])
    feb = rej[rej["source_file"].str.endswith("tmall_order_report.csv")]
    assert feb["source_row"].tolist() == [12, 22, 32, 42, 302]
    expected = ["breaks the rule paid_at >= ordered_at",
                "breaks the rule paid_amount = 0 when the order was never paid",
                "'ordered_at' is not a date (YYYY-MM-DD HH:MM:SS) (订单创建时间, as 2020-02-21 00:00:00)",
                "breaks the rule refund_amount <= paid_amount",
                "duplicate key (order_id=51); first seen in data/raw/tmall_report/tmall_order_report.csv row 52"]
    assert [r.startswith(e) for r, e in zip(feb["reason"], expected, strict=True)] == [True] * 5, feb["reason"].tolist()
    assert not rej["reason"].str.contains("订单状态").any()  # the file has no such column: never named
    assert_reconciles(report)


def test_order_report_without_status_derives_status_and_gross_paid(report: Path) -> None:
    run(report)
    orders = table(report, "orders").set_index("order_id")
    # Paid, no refund: completed (paid more than 15 days before the report's last timestamp).
    assert orders.loc["1", ["status", "paid_amount", "refund_amount", "province"]].tolist() == [
        "completed", 59.9, 0.0, "广西"]
    # 实付 89 of 总金额 99, no refund: a coupon, booked as the discount.
    assert orders.loc["2", ["paid_amount", "items_amount", "discount_amount"]].tolist() == [89.0, 99.0, 10.0]
    # 实付 0 + 退款 399 = 总金额 399: refunded in full; paid_amount is what the buyer paid (gross).
    assert orders.loc["6", ["status", "paid_amount", "refund_amount", "province"]].tolist() == [
        "refunded", 399.0, 399.0, "山东"]
    # No pay time, placed on 02-01, four weeks before the last order: closed without payment.
    assert orders.loc["8", ["status", "paid_amount", "province"]].tolist() == ["closed", 0.0, "内蒙古"]
    assert pd.isna(orders.loc["8", "paid_at"])
    feb = orders[orders.index.astype(int) <= 300]
    assert feb["status"].value_counts().to_dict() == {
        "paid": 107, "completed": 106, "refunded": 48, "closed": 33, "pending": 2}
    # Pending = unpaid and placed within the last 3 days of the report (its last timestamp 2020-02-29 21:06).
    assert (feb.loc[feb["status"] == "pending", "ordered_at"] > pd.Timestamp("2020-02-26 21:06")).all()
    assert (feb.loc[feb["status"] == "closed", "ordered_at"] < pd.Timestamp("2020-02-26 21:06")).all()
    partial = orders[(orders["refund_amount"] > 0) & (orders["refund_amount"] < orders["paid_amount"])]
    assert len(partial) > 0 and (partial["status"] != "refunded").all()
    assert (partial["paid_amount"] == partial["items_amount"]).all()  # 实付 + 退款 = 总金额
    assert orders["customer_id"].isna().all() and orders["device"].isna().all() and orders["channel"].isna().all()
    assert set(orders["province"]) >= {"上海", "内蒙古", "新疆", "广西", "宁夏", "西藏"}
    notes = file_report(report, "tmall_order_report.csv", "orders")["notes"]
    assert any("net of the refund (实付 + 退款 = 总金额 for 60 of the 60 paid orders with a refund)" in n
               for n in notes)
    assert any("as of the report's latest timestamp (2020-02-29 21:06)" in n for n in notes)


# ----------------------------------------------------------------------------- 生意参谋 summaries over a period

@pytest.fixture
def period(root: Path) -> Path:
    return with_exports(root, "tmall_period", products=False)


def _rows(root: Path, first: str) -> pd.DataFrame:
    traffic = table(root, "traffic")
    rows = traffic[traffic["visited_on"].astype(str).str.startswith(first)]
    ends = rows["period_end_on"].map(lambda v: "" if pd.isna(v) else str(v)[:10])
    return rows.assign(period_end_on=ends).set_index("channel")


def test_sycm_period_from_the_file_name(period: Path) -> None:
    run(period)
    # …_2019-07-01_2019-07-31.xls: one row per channel for the month, never spread over days.
    july = _rows(period, "2019-07-01")
    assert set(july["period_end_on"]) == {"2019-07-31"} and set(july["device"]) == {"all"}
    assert set(july.index) == {"organic_search", "recommendation", "paid_search", "referral", "direct", "social"}
    # buyers = 访客数 × 支付转化率 (8,012 × 4.25% = 340.5 → 341); paid = buyers × 客单价 (341 × 1,050).
    assert july.loc["organic_search", ["visitors", "checkouts", "buyers", "paid_amount"]].tolist() == [
        8012, 402, 341, 358050.0]
    # 购物车 (900 × 8% = 72) + 我的淘宝 (600 × 5.5% = 33) are both direct: summed.
    assert july.loc["direct", ["visitors", "buyers", "paid_amount"]].tolist() == [1500, 105, 115500.0]
    # '-' is nothing: 0; metrics the report does not have are unknown (empty), not 0.
    assert july.loc["social", ["visitors", "buyers", "checkouts"]].tolist() == [250, 0, 0]
    assert july["page_views"].isna().all() and july["cart_adds"].isna().all()
    # 店铺来源_2019-08-01~2019-08-31.csv: the period as Tmall writes it, with a tilde.
    august = _rows(period, "2019-08-01")
    assert set(august["period_end_on"]) == {"2019-08-31"}
    assert august["visitors"].to_dict() == july["visitors"].to_dict()
    # …_2019-07-29.csv (GBK): that one day; period_end_on empty.
    day = _rows(period, "2019-07-29")
    assert set(day["period_end_on"]) == {""}
    assert day.loc["organic_search", ["visitors", "buyers", "paid_amount"]].tolist() == [267, 11, 11550.0]
    report = file_report(period, "无线店铺流量来源_2019-07-01_2019-07-31.xls", "traffic")
    assert report["encoding"] == "xls" and report["rows_read"] == 6
    assert any("totals over 2019-07-01 ~ 2019-07-31 (taken from the file name)" in n for n in report["notes"])
    assert any("does not split by device" in n for n in report["notes"])
    assert file_report(period, "生意参谋_流量来源_2019-07-29.csv", "traffic")["encoding"] == "gb18030"
    assert_reconciles(period)


def test_sycm_without_a_period_stops_with_the_fix(period: Path) -> None:
    folder = period / "data/raw/tmall_period"
    (folder / "【生意参谋平台】无线店铺流量来源_2019-07-01_2019-07-31.xls").rename(folder / "无线店铺流量来源.xls")
    with pytest.raises(IngestError) as err:
        run(period)
    message = str(err.value)
    assert "无线店铺流量来源.xls: the report names no day" in message
    assert "rename the file with the period it covers, e.g. '无线店铺流量来源_2019-07-01_2019-07-31.xls'" in message
    assert "period: {start: 2019-07-01, end: 2019-07-31}" in message


def test_sycm_period_declared_for_the_file(period: Path) -> None:
    folder = period / "data/raw/tmall_period"
    (folder / "【生意参谋平台】无线店铺流量来源_2019-07-01_2019-07-31.xls").rename(folder / "无线店铺流量来源.xls")
    (period / "storebook.sources.yaml").write_text(
        'pins:\n  - files: "tmall_period/无线店铺流量来源.xls"\n    use: tmall_traffic\n'
        "    period: {start: 2019-06-01, end: 2019-06-30}\n", encoding="utf-8")
    run(period)
    june = _rows(period, "2019-06-01")
    assert set(june["period_end_on"]) == {"2019-06-30"} and june.loc["organic_search", "visitors"] == 8012
    notes = file_report(period, "无线店铺流量来源.xls", "traffic")["notes"]
    assert any("declared for the file" in n for n in notes)


def test_a_changed_declared_period_reads_the_file_again(period: Path) -> None:
    folder = period / "data/raw/tmall_period"
    (folder / "【生意参谋平台】无线店铺流量来源_2019-07-01_2019-07-31.xls").rename(folder / "无线店铺流量来源.xls")
    pin = 'pins:\n  - files: "tmall_period/无线店铺流量来源.xls"\n    use: tmall_traffic\n    period: {}\n'
    (period / "storebook.sources.yaml").write_text(pin.format("{start: 2019-06-01, end: 2019-06-30}"), encoding="utf-8")
    run(period)
    (period / "storebook.sources.yaml").write_text(pin.format("2019-05-31"), encoding="utf-8")
    run(period)  # no --force: the declaration changed, so the file is read again
    days = set(table(period, "traffic")["visited_on"].astype(str).str[:10])
    assert "2019-05-31" in days and "2019-06-01" not in days


def test_a_declared_period_that_is_not_a_date_names_the_pin(period: Path) -> None:
    (period / "storebook.sources.yaml").write_text(
        'pins:\n  - files: "tmall_period/*.xls"\n    use: tmall_traffic\n    period: July\n', encoding="utf-8")
    with pytest.raises(IngestError) as err:
        run(period)
    assert "pin #1: period 'July' is not a date (YYYY-MM-DD)" in str(err.value)
