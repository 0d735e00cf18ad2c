"""京东商智 商品明细 (JD per-item report) → ``product_traffic`` (platform ``jd``).

One row per SKU (JD's listing is its SKU id) and day where the export has a 日期 column, else
one row per SKU over the period its title rows or file name give (``visited_on`` = the first
day, ``period_end_on`` = the last, as 生意参谋 商品效果 is read). 成交客户数 are the buyers,
成交商品件数 the units, 成交金额 the paid amount as JD reports it; rates (成交转化率 …) are
recomputed from the counts, not stored. 商家编码, where the export has it, is our SKU.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storebook.errors import InputError
from storebook.ingest.sources.base import PlatformSource, SourceFrame, canonical, code, number
from storebook.ingest.sources.readers import RawFrame
from storebook.ingest.sources.reports import day_text, period_of_name, period_of_title

COLUMNS = {"visitors": "访客数", "page_views": "浏览量", "cart_adds": "加购人数", "favourites": "关注人数",
           "buyers": "成交客户数", "units": "成交商品件数", "paid_amount": "成交金额"}


class JdItems(PlatformSource):
    """京东商智 商品明细 → product_traffic."""

    name = "jd_items"
    description = "京东商智 商品明细 per-item report (SKU, 商品名称, 访客数, 成交客户数, 成交金额…)"
    tables = ("product_traffic",)
    signature = ("SKU", "访客数", "成交客户数", "成交金额")
    aliases = {"SKU": ("商品SKU", "SKU编号", "sku"), "商品名称": ("商品标题",)}

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        notes = ["京东商智 商品明细: 成交客户数 = buyers, 成交商品件数 = units, 成交金额 = paid amount as reported; "
                 "rates are recomputed from the counts."]
        if self.has(f, "日期"):
            first, last = day_text(self.col(f, "日期")), ""
            notes.append("京东商智 商品明细: one row per SKU and day (日期).")
        else:
            title = " ".join(c for row in preamble for c in row if c)
            period = (period_of_title(title) if title.strip() else None) or period_of_name(path.name)
            if period is None:
                raise InputError(path, "the per-item report has no 日期 column and names no period", expected=
                                 "a 日期 column, a 统计日期 title row, or the period in the file name",
                                 todo="re-export it by day, or name the file with its first and last day",
                                 key="error.input.jd_items_period")
            first, last = period[0], "" if period[0] == period[1] else period[1]
            notes.append(f"京东商智 商品明细: one row per SKU over {period[0]} … {period[1]} (from the "
                         f"{'title rows' if title.strip() and period_of_title(title) else 'file name'}).")
        frame = canonical("product_traffic", {
            "visited_on": first, "period_end_on": last, "platform": "jd", "item_id": code(self.col(f, "SKU")),
            "sku": code(self.col(f, "商家编码")), "item_name": self.col(f, "商品名称"),
            **{name: number(self.col(f, source)) for name, source in COLUMNS.items()},
        }, f.index)
        used = {"日期", "SKU", "商家编码", "商品名称", *COLUMNS.values()}
        yield SourceFrame("product_traffic", frame, raw.rows, raw.encoding, self.dropped(f, used), notes=notes)
