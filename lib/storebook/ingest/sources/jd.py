"""JD: 京东商家后台 order export and 京东商智 traffic-source report (Chinese headers).

The order export has one row per order × item, the order's columns repeated on each row
(京东 repeats them, unlike Shopify; a blank is read as "same as the row above" all the
same). It gives ``orders`` and ``order_lines`` (platform ``jd``):

- status from 订单状态: 完成 → completed, 等待确认收货 → shipped, 等待出库/等待发货 → paid,
  (已)取消/锁定 → cancelled, 退款成功 → refunded; 等待付款 → pending (kept: not paid yet);
- amounts per order: items = Σ 京东价 × 订购数量; shipping = 运费金额; paid = 应付金额;
  discount = items + shipping − paid; refund = 退款金额;
- 客户地址 is reduced to the province, read in China (base.CHINESE_PLATFORM_COUNTRY, whatever
  ``[store] country`` says); 客户姓名, 联系电话 are dropped; 下单帐号 is the customer;
- lines: sku = 商家SKU (else 商品编号), unit_price = 京东价, discount_amount = 优惠金额 of the
  line when the export has it, else 0;
- channel: the export has none: left empty (unknown), recorded as a note; device from 终端
  (PC → pc, APP/微信/手Q/M端 → mobile, unknown when empty).

京东商智 流量来源 report → ``traffic``: 一级来源/二级来源 mapped to channels; 终端 APP, 微信,
手Q and M端 are the mobile device (summed), PC is pc; the 全部/汇总 row becomes ``all``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from storebook.ingest.sources.base import (
    CHINESE_PLATFORM_COUNTRY,
    PlatformSource,
    SourceFrame,
    canonical,
    code,
    int_text,
    money_text,
    number,
    province,
)
from storebook.ingest.sources.readers import RawFrame
from storebook.ingest.sources.reports import SourceReport

PLATFORM = "jd"

JD_CHANNELS = {
    "搜索": "organic_search", "京东搜索": "organic_search", "关键词搜索": "organic_search",
    "京东快车": "paid_search", "京准通": "paid_search", "京东展位": "paid_search", "购物触点": "paid_search",
    "京速推": "paid_search", "京东直投": "paid_search", "付费流量": "paid_search",
    "推荐": "recommendation", "为你推荐": "recommendation", "首页推荐": "recommendation", "猜你喜欢": "recommendation",
    "京东直播": "live_stream", "直播": "live_stream",
    "购物车": "direct", "我的京东": "direct", "直接访问": "direct", "关注店铺": "direct", "我的订单": "direct",
    "京东站外": "referral", "站外": "referral", "京挑客": "referral", "京东联盟": "referral", "其他": "referral",
    "其它": "referral", "社交": "social", "京东拼购": "social", "微信好友": "social", "东小店": "social",
    "短信": "email", "消息推送": "email",
}
ORDER_STATUS = [
    ("退款成功", "refunded"), ("完成", "completed"), ("等待确认收货", "shipped"), ("已发货", "shipped"),
    ("等待出库", "paid"), ("等待发货", "paid"), ("已取消", "cancelled"), ("取消", "cancelled"),
    ("锁定", "cancelled"), ("等待付款", "pending"),
]
ORDER_LEVEL = ["下单时间", "付款确认时间", "订单状态", "下单帐号", "客户地址", "应付金额", "运费金额", "退款金额",
               "订单来源", "终端"]


class JdOrders(PlatformSource):
    """京东 order export (one row per order × item) → orders + order_lines."""

    name = "jd_orders"
    description = "京东 order export (订单号, 商品编号, 订购数量, 京东价, 应付金额, 下单时间…)"
    tables = ("orders", "order_lines")
    signature = ("订单号", "订购数量", "京东价", "应付金额", "下单时间")
    aliases = {"下单帐号": ("下单账号", "用户账号", "客户账号"), "付款确认时间": ("付款时间", "支付时间"),
               "商家SKU": ("商家SKUID", "商家编码"), "商品编号": ("商品ID", "SKU编号")}

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        oid = code(self.col(f, "订单号"))
        # Order-level cells: a blank is "same as the row above" within the order.
        filled = {}
        for c in ORDER_LEVEL:
            if c in f.columns:
                s = f[c].astype(str).str.strip()
                filled[c] = s.where(s != "").groupby(oid).transform("first").fillna("")
        get = lambda c: filled.get(c, pd.Series("", index=f.index, dtype="str"))  # noqa: E731
        qty = pd.to_numeric(number(self.col(f, "订购数量")), errors="coerce")
        price = pd.to_numeric(number(self.col(f, "京东价")), errors="coerce")
        line_disc_text = number(self.col(f, "优惠金额"), missing="0") if self.has(f, "优惠金额") else \
            pd.Series("0", index=f.index, dtype="str")
        line_disc = pd.to_numeric(line_disc_text, errors="coerce")
        sku = code(self.col(f, "商家SKU"))
        sku = sku.where(sku != "", code(self.col(f, "商品编号")))
        lines = canonical("order_lines", {
            "order_id": oid, "line_no": (oid.groupby(oid).cumcount() + 1).astype(str), "sku": sku,
            "quantity": number(self.col(f, "订购数量")), "unit_price": number(self.col(f, "京东价")),
            "discount_amount": line_disc_text, "line_amount": money_text(qty * price - line_disc),
        }, f.index)

        first = ~oid.duplicated()
        o = f.loc[first].index
        items = (qty * price).groupby(oid).sum(min_count=1).reindex(oid[first]).set_axis(o)
        paid_at = get("付款确认时间").loc[o]
        paid_at = paid_at.where(~paid_at.isin(["-", "null", "--"]), "")
        shipping = pd.to_numeric(number(get("运费金额").loc[o], missing="0"), errors="coerce")
        paid = pd.to_numeric(number(get("应付金额").loc[o], missing="0"), errors="coerce").where(paid_at != "", 0.0)
        refund = pd.to_numeric(number(get("退款金额").loc[o], missing="0"), errors="coerce")
        text = get("订单状态").loc[o]
        status = pd.Series("", index=o, dtype="str")
        for word, value in ORDER_STATUS:
            status = status.where(status != "", pd.Series(np.where(text.str.contains(word, regex=False), value, ""),
                                                          index=o))
        status = status.where(status != "", text)
        terminal = get("终端").loc[o].str.lower()
        device = np.where(terminal.isin(["pc", "pc端", "电脑"]), "pc", np.where(terminal == "", "", "mobile"))
        orders = canonical("orders", {
            "order_id": oid[first], "platform": PLATFORM, "ordered_at": get("下单时间").loc[o], "paid_at": paid_at,
            "status": status, "customer_id": code(get("下单帐号").loc[o]),
            "device": pd.Series(device, index=o), "province": province(get("客户地址").loc[o], CHINESE_PLATFORM_COUNTRY),
            "items_amount": money_text(items), "discount_amount": money_text((items + shipping - paid).where(
                paid_at != "", 0.0).round(2)),
            "shipping_amount": money_text(shipping), "paid_amount": money_text(paid), "refund_amount": money_text(refund),
        }, o)
        used = {"订单号", "订购数量", "京东价", "优惠金额", "商家SKU", "商品编号", *ORDER_LEVEL}
        notes = ["JD: the order export has no traffic source: channel left empty (unknown).",
                 "JD: 等待付款 = pending (kept: the payment rate needs unpaid orders).",
                 "JD: items = Σ 京东价 × 订购数量; paid = 应付金额; discount = items + 运费 − paid.",
                 "JD: 客户地址 reduced to the province, read in China, where the platform delivers (a bare code such "
                 "as ZJ is 浙江); names and phones dropped; device PC when 终端 says so, mobile "
                 "for APP/微信/手Q/M端, unknown when empty."]
        dropped = self.dropped(f, used)
        yield SourceFrame("orders", orders, raw.rows[first.to_numpy()].reset_index(drop=True), raw.encoding, dropped,
                          notes=notes, column_notes={"status": "订单状态: 完成, 等待确认收货, 等待出库, 等待付款, (已)取消, 退款成功"})
        yield SourceFrame("order_lines", lines, raw.rows, raw.encoding, dropped)


class JdTraffic(SourceReport):
    """京东商智 流量来源 report → traffic (platform ``jd``)."""

    name = "jd_traffic"
    description = "京东商智 流量来源 report (一级来源, 二级来源, 访客数, 成交客户数…)"
    tables = ("traffic",)
    signature = ("一级来源", "二级来源", "访客数")
    platform = PLATFORM
    level1, level2 = "一级来源", "二级来源"
    device_cols = ("终端", "渠道", "设备")
    metric_cols = {
        "visitors": ("访客数",), "page_views": ("浏览量",), "product_views": ("商品访客数",),
        "cart_adds": ("加购客户数", "加购人数"), "checkouts": ("下单客户数",), "buyers": ("成交客户数",),
        "orders": ("成交单量",), "paid_amount": ("成交金额",),
    }
    rate_col = ("成交转化率",)
    aov_col = ("客单价",)
    channels = JD_CHANNELS
    meaning = [
        "京东商智: a visitor is counted in each source; the 全部/汇总 row is the shop's de-duplicated total "
        "(channel 'all'). APP, 微信, 手Q and M端 rows are summed into mobile.",
        "京东商智: 成交金额 is as reported, later refunds not deducted.",
    ]


__all__ = ["JdOrders", "JdTraffic", "int_text"]
