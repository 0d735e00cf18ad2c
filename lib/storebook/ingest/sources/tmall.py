"""Taobao/Tmall: the seller centre's order report (订单报表) and 生意参谋's traffic-source
report (流量 → 店铺来源), in GBK or UTF-8, as CSV, XLS or XLSX.

Quirks handled: header names with trailing spaces; a title block above the header
(生意参谋); order numbers protected from Excel (``="2231…"``, a leading apostrophe or tab);
numbers with thousands separators or trailing spaces; ``-`` or ``null`` for nothing;
rates as ``9.98%``.

Order report → ``orders`` (platform ``tmall``), with or without an 订单状态 column:

- status from 订单状态 where the report has it: 交易成功 → completed, 卖家已发货 → shipped,
  买家已付款/等待卖家发货 → paid, 等待买家付款 → pending, 交易关闭 → closed when it was never
  paid, refunded when the payment was refunded in full, else cancelled;
- without 订单状态 (the layout 订单编号, 总金额, 买家实际支付金额, 收货地址, 订单创建时间,
  订单付款时间, 退款金额) the status follows from the pay time and the refund
  (:func:`status_without_column`);
- amounts: shipping = 买家应付邮费 (0 when absent); items = 总金额 − shipping;
  paid = 买家实际支付金额, what the buyer paid; discount = items + shipping − paid (coupons,
  红包, points the platform deducted). Some reports give 买家实际支付金额 net of the refund
  (实付 + 退款 = 总金额): recognised per file (:func:`net_of_refund`) and stored gross
  (实付 + 退款), as the contract's paid_amount is;
- 收货地址 is reduced to the province (the address itself is never kept), read in China
  (base.CHINESE_PLATFORM_COUNTRY, whatever ``[store] country`` says); names, phones,
  Alipay accounts and messages are dropped; 买家会员名 is the customer, pseudonymised at
  ingest (a report without it leaves the customer unknown);
- device from 是否手机订单 (unknown when the report has no such column); the report has no
  traffic channel: it is left empty (unknown), which the file's note records.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from storebook.ingest.sources.base import (
    CHINESE_PLATFORM_COUNTRY,
    PlatformSource,
    SourceFrame,
    blank,
    canonical,
    code,
    money_text,
    number,
    province,
)
from storebook.ingest.sources.readers import RawFrame
from storebook.ingest.sources.reports import SourceReport

PLATFORM = "tmall"

#: 生意参谋 来源明细 (and 流量来源 first levels) → channel.
SYCM_CHANNELS = {
    # search
    "手淘搜索": "organic_search", "淘宝搜索": "organic_search", "天猫搜索": "organic_search",
    "手淘搜索(含天猫)": "organic_search", "搜索": "organic_search", "淘内免费": "organic_search",
    # paid
    "直通车": "paid_search", "淘宝直通车": "paid_search", "万相台": "paid_search", "万相台无界版": "paid_search",
    "引力魔方": "paid_search", "超级推荐": "paid_search", "钻石展位": "paid_search", "品销宝": "paid_search",
    "付费流量": "paid_search",
    # recommendation
    "手淘推荐": "recommendation", "猜你喜欢": "recommendation", "手淘首页": "recommendation",
    "手淘微详情": "recommendation", "逛逛": "social",
    # live
    "淘宝直播": "live_stream", "直播": "live_stream", "点淘": "live_stream",
    # direct
    "购物车": "direct", "我的淘宝": "direct", "直接访问": "direct", "自主访问": "direct", "已买到": "direct",
    "收藏夹": "direct", "手淘旺信": "direct", "店铺首页": "direct",
    # social / outside
    "微博": "social", "微信": "social", "抖音": "social", "小红书": "social", "淘外媒体": "social",
    "淘宝客": "referral", "淘外网站": "referral", "淘外APP": "referral", "淘外流量": "referral",
    "其它来源": "referral", "其他来源": "referral", "其它": "referral", "其他": "referral",
    "短信": "email", "消息推送": "email",
}
#: 订单状态 words → status (first match wins; 交易关闭 is decided from payment and refund).
ORDER_STATUS = [
    ("交易成功", "completed"), ("卖家已发货", "shipped"), ("部分发货", "shipped"), ("买家已付款", "paid"),
    ("等待卖家发货", "paid"), ("等待买家付款", "pending"),
]
#: Taobao closes an order left unpaid after at most 3 days (72 h; Tmall and promotions sooner).
UNPAID_TIMEOUT = pd.Timedelta(days=3)
#: Taobao confirms receipt itself 10 days after shipping, and a seller ships within 72 h:
#: an order paid longer ago than this, not refunded, has been completed.
COMPLETED_AFTER = pd.Timedelta(days=15)
#: Share of a report's refunded orders whose 实付 + 退款 equals 总金额 for the report to
#: be read as giving 实付 net of the refund (see :func:`net_of_refund`).
NET_SHARE = 0.9


def net_of_refund(total: pd.Series, paid: pd.Series, refund: pd.Series, was_paid: pd.Series) -> tuple[bool, str]:
    """Whether a report gives 买家实际支付金额 net of the refund, from its paid orders with a refund.

    Net: 实付 + 退款 = 总金额 for (almost) every one of them (a full refund leaves 实付 0).
    Gross: 实付 stays what was paid, and 实付 + 退款 exceeds 总金额 whenever the refund is large.

    Returns:
        (net or not, how it was decided, for the file's note).

    >>> t, p, r = pd.Series([100.0, 50.0, 80.0]), pd.Series([0.0, 30.0, 80.0]), pd.Series([100.0, 20.0, 0.0])
    >>> net_of_refund(t, p, r, pd.Series([True, True, True]))[0]
    True
    >>> net_of_refund(t, pd.Series([100.0, 50.0, 80.0]), r, pd.Series([True, True, True]))[0]
    False
    """
    refunded = was_paid & (refund > 0) & total.notna() & paid.notna()
    n = int(refunded.sum())
    if not n:
        return False, "no paid order with a refund to tell"
    equal = int(((paid + refund - total).abs() <= 0.01)[refunded].sum())
    return equal >= NET_SHARE * n, f"实付 + 退款 = 总金额 for {equal} of the {n} paid orders with a refund"


def status_without_column(ordered_at: pd.Series, paid_at: pd.Series, gross: pd.Series,
                          refund: pd.Series) -> tuple[pd.Series, str]:
    """The status of orders from a report without 订单状态, from the pay time and the refund.

    The report's own latest timestamp (the last order placed or paid) stands for the moment
    it was exported: an order unpaid for longer than Taobao keeps one open (3 days) was
    closed, a more recent one is still pending; a paid order refunded in full is refunded;
    one paid more than 15 days before was completed (Taobao confirms receipt 10 days after
    shipping), a more recent one is counted as paid (not known to be shipped).

    Returns:
        (status per order, the note saying how the reference time was taken).
    """
    created = pd.to_datetime(ordered_at, errors="coerce")
    paid = pd.to_datetime(paid_at.where(paid_at != ""), errors="coerce")
    latest = pd.concat([created, paid]).max()
    unpaid = paid_at == ""
    full_refund = (refund > 0) & (refund >= gross - 0.005)
    old_unpaid = created < latest - UNPAID_TIMEOUT
    old_paid = paid < latest - COMPLETED_AFTER
    status = np.select(
        [unpaid & old_unpaid, unpaid, full_refund, old_paid],
        ["closed", "pending", "refunded", "completed"], default="paid")
    note = (f"Tmall: the report has no 订单状态: status from the pay time and the refund, as of the report's latest "
            f"timestamp ({latest:%Y-%m-%d %H:%M}): no pay time and placed more than 3 days before → closed (Taobao "
            "closes unpaid orders within 72 h), else pending; paid and refunded in full → refunded; paid more than "
            "15 days before → completed (receipt is confirmed 10 days after shipping), else paid.")
    if pd.isna(latest):
        note = "Tmall: the report has no 订单状态 and no readable timestamp: unpaid orders are pending."
    return pd.Series(status, index=ordered_at.index, dtype="str"), note


class TmallOrders(PlatformSource):
    """Taobao/Tmall 订单报表 → orders."""

    name = "tmall_orders"
    description = "Taobao/Tmall 订单报表 (订单编号, 总金额, 买家实际支付金额, 订单创建时间…)"
    tables = ("orders",)
    signature = ("订单编号", "总金额", "买家实际支付金额", "订单创建时间")
    aliases = {"买家会员名": ("买家昵称", "买家会员", "买家账号"), "订单付款时间": ("付款时间", "订单支付时间")}

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        col = lambda *n: self.col(f, *n)  # noqa: E731
        num = lambda *n: pd.to_numeric(number(col(*n), missing="0"), errors="coerce")  # noqa: E731
        zero = pd.Series(0.0, index=f.index)
        paid_at = col("订单付款时间")
        paid_at = paid_at.where(~blank(paid_at), "")
        was_paid = paid_at != ""
        total = num("总金额")
        shipping = num("买家应付邮费") if self.has(f, "买家应付邮费") else zero
        reported = num("买家实际支付金额")
        refund = num("退款金额") if self.has(f, "退款金额") else zero
        net, how = net_of_refund(total, reported, refund, was_paid)
        # Only a paid order's refund is added back: a refund of an order never paid stays as
        # the file gives it, and ingest rejects it (refund_amount ≤ paid_amount).
        gross = (reported + refund).where(was_paid & (refund > 0), reported) if net else reported
        notes = [
            "Tmall: the order report has no traffic source: channel left empty (unknown).",
            "Tmall: items = 总金额 − 买家应付邮费; paid = 买家实际支付金额; discount = the difference "
            "(platform coupons, 红包, points).",
            "Tmall: 收货地址 reduced to the province (the address is never kept), read in China, where the platform "
            "delivers (a bare code such as ZJ is 浙江); names, phones, accounts and messages dropped.",
        ]
        if net:
            notes.append(f"Tmall: 买家实际支付金额 is given net of the refund ({how}): paid_amount is stored gross, "
                         "实付 + 退款 (what the buyer paid), and the refund in refund_amount.")
        if self.has(f, "订单状态"):
            text = col("订单状态").str.replace(",", "，", regex=False)
            status = pd.Series("", index=f.index, dtype="str")
            for word, value in ORDER_STATUS:
                status = status.where(status != "", pd.Series(
                    np.where(text.str.contains(word, regex=False), value, ""), index=f.index))
            closed = text.str.contains("交易关闭", regex=False)
            fully_refunded = was_paid & (gross > 0) & (refund >= gross - 0.005)
            status = status.where(~closed, np.where(~was_paid, "closed",
                                                    np.where(fully_refunded, "refunded", "cancelled")))
            status = status.where(status != "", text)
            # The status says unpaid: whatever 买家实际支付金额 shows is an amount due, not paid.
            unpaid_status = status.isin(["pending", "closed"])
            paid = gross.where(~unpaid_status, 0.0)
            notes.append("Tmall: 交易关闭 before payment = closed, after a full refund = refunded, else cancelled; "
                         "等待买家付款 = pending (kept: the payment rate needs unpaid orders).")
        else:
            status, note = status_without_column(col("订单创建时间"), paid_at, gross, refund)
            # No pay time: the order was not paid. An amount or refund shown anyway is passed
            # on, so that ingest rejects the row with the rule it breaks.
            paid = gross
            notes.append(note)
        items = total - shipping
        discount = (items + shipping - paid).where(was_paid, 0.0).round(2)
        if self.has(f, "是否手机订单"):
            mobile = col("是否手机订单").str.lower()
            device = pd.Series(np.where(mobile.isin(["手机订单", "是", "手机", "yes", "true", "1", "无线"]), "mobile",
                                        "pc"), index=f.index)
        else:
            device = ""
            notes.append("Tmall: the report has no 是否手机订单: device unknown.")
        if not self.has(f, "买家会员名"):
            notes.append("Tmall: the report names no buyer (买家会员名): customer unknown for every order.")
        orders = canonical("orders", {
            "order_id": code(col("订单编号")),
            "platform": PLATFORM,
            "ordered_at": col("订单创建时间"),
            "paid_at": paid_at,
            "status": status,
            "customer_id": code(col("买家会员名")),
            "device": device,
            "province": province(col("收货地址"), CHINESE_PLATFORM_COUNTRY),
            "items_amount": money_text(items),
            "discount_amount": money_text(discount.clip(lower=0)),
            "shipping_amount": money_text(shipping),
            "paid_amount": money_text(paid),
            "refund_amount": money_text(refund),
        }, f.index)
        used = {"订单编号", "订单付款时间", "总金额", "买家应付邮费", "买家实际支付金额", "退款金额", "订单状态",
                "是否手机订单", "订单创建时间", "买家会员名", "收货地址"}
        yield SourceFrame("orders", orders, raw.rows, raw.encoding, self.dropped(f, used), notes=notes,
                          column_notes={"customer_id": "买家会员名 is empty",
                                        "province": "收货地址 names no province",
                                        "ordered_at": "订单创建时间, as 2020-02-21 00:00:00",
                                        "paid_at": "订单付款时间, as 2020-02-21 00:02:00, empty when not paid"})


class SycmTraffic(SourceReport):
    """生意参谋 流量来源 (店铺来源) report → traffic (platform ``tmall``)."""

    name = "tmall_traffic"
    description = "生意参谋 流量来源 report (流量来源, 来源明细, 访客数…)"
    tables = ("traffic",)
    signature = ("流量来源", "来源明细", "访客数")
    platform = PLATFORM
    level1, level2 = "流量来源", "来源明细"
    metric_cols = {
        "visitors": ("访客数",), "page_views": ("浏览量",), "product_views": ("商品访客数",),
        "cart_adds": ("加购人数",), "checkouts": ("下单买家数",), "buyers": ("支付买家数",),
        "orders": ("支付子订单数", "支付订单数", "支付父订单数"), "paid_amount": ("支付金额",),
    }
    rate_col = ("支付转化率",)
    aov_col = ("客单价",)
    channels = SYCM_CHANNELS
    meaning = [
        "生意参谋: a visitor is counted in each source it came through; the 汇总 row is the shop's "
        "de-duplicated total and becomes channel 'all'. Never sum channel rows.",
        "生意参谋: 支付金额 is as reported, later refunds not deducted.",
    ]


# ----------------------------------------------------------------------------- writing the format

SYCM_COLUMNS = ["日期", "终端", "流量来源", "来源明细", "访客数", "浏览量", "商品访客数", "加购人数", "下单买家数",
                "支付买家数", "支付子订单数", "支付金额", "支付转化率", "客单价", "UV价值"]
#: channel → (流量来源, 来源明细) for writing.
CHANNEL_SOURCES = {
    "organic_search": ("淘内免费", "手淘搜索"), "paid_search": ("付费流量", "直通车"),
    "recommendation": ("淘内免费", "手淘推荐"), "live_stream": ("淘内免费", "淘宝直播"),
    "direct": ("自主访问", "购物车"), "social": ("淘外媒体", "微博"), "referral": ("付费流量", "淘宝客"),
    "email": ("淘内免费", "消息推送"),
}


def _thousands(v: str) -> str:
    return f"{int(v):,}" if v not in {"", "0"} else "-"


def write_sycm_traffic(traffic: pd.DataFrame, path: Path, encoding: str = "gbk") -> int:
    """Write canonical Tmall traffic rows in 生意参谋's 流量来源 layout (title block, 汇总 rows,
    thousands separators, ``-`` for nothing, rates as ``9.98%``), in GBK by default.

    Returns:
        The number of data rows written.
    """
    t = traffic.astype(str)
    days = sorted(t["visited_on"].unique())
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["店铺来源"])
    w.writerow([f"统计时间：{days[0] if days else ''} ~ {days[-1] if days else ''}", "", "按日"])
    w.writerow(["说明：同一访客可能来自多个来源，汇总为去重后的店铺访客数"])
    w.writerow([])
    w.writerow(SYCM_COLUMNS)
    order = {c: i for i, c in enumerate(["all", *CHANNEL_SOURCES])}
    t = t.assign(_o=t["channel"].map(order)).sort_values(["visited_on", "device", "_o"], kind="stable")
    n = 0
    for r in t.itertuples(index=False):
        lvl1, lvl2 = ("汇总", "") if r.channel == "all" else CHANNEL_SOURCES[r.channel]
        visitors, buyers, paid = int(r.visitors), int(r.buyers), float(r.paid_amount)
        rate = f"{buyers / visitors:.2%}" if visitors else "-"
        aov = f"{paid / buyers:,.2f}" if buyers else "-"
        uv = f"{paid / visitors:.2f}" if visitors else "-"
        w.writerow([r.visited_on, "无线端" if r.device == "mobile" else "PC端", lvl1, lvl2,
                    _thousands(r.visitors), _thousands(r.page_views), _thousands(r.product_views),
                    _thousands(r.cart_adds), _thousands(r.checkouts), _thousands(r.buyers), _thousands(r.orders),
                    f"{paid:,.2f} " if paid else "-", rate, aov, uv])
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))
    return n
