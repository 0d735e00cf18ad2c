"""生意参谋 商品效果 (Tmall/Taobao per-item report, with the 推广 columns of the dashboards
that export it) → ``product_traffic`` (platform ``tmall``).

How the report is read (recorded per file in ``_ingest.json``):

- One row per listing over the report's period. The period is not a column: it is named in
  the file name (``…_2026-04-20~2026-04-26.xlsx`` a week, ``…_2026-04-20~2026-04-20.xlsx``
  one day) or in the title rows (统计日期). A period of several days is one row per listing
  with ``visited_on`` = its first day and ``period_end_on`` = its last, never spread over
  the days; a one-day report leaves ``period_end_on`` empty.
- 商品ID is kept as text (12–13 digits: read as a number it would lose its last digits in
  a spreadsheet); 商品类目 ``-`` (what a daily report writes) is unknown, not a category.
- 加购件数 (units added to carts) stands for add-to-cart where the report has no 加购人数.
- 总推广花费 is the listing's ad spend. Some exports write the column twice (``总推广花费``
  and ``总推广花费 `` with a trailing space, the second from the 推广 block): the first is
  used; rows where the two differ are named in a note.
- Every other column (图片链接, 上架时间, rates the contract derives itself, the 推广 blocks'
  detail) is not carried forward; the rates are recomputed from the counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from storebook.errors import InputError
from storebook.ingest.sources.base import (
    PlatformSource,
    SourceFrame,
    blank,
    canonical,
    code,
    number,
)
from storebook.ingest.sources.readers import RawFrame, read_table
from storebook.ingest.sources.reports import period_of_name, period_of_title

PLATFORM = "tmall"
#: The report's columns → the contract's (counts and amounts as the report gives them).
COLUMNS = {
    "visitors": "访客数", "page_views": "浏览量", "favourites": "收藏人数", "buyers": "支付人数",
    "units": "支付件数", "paid_amount": "支付金额", "refund_amount": "退款金额", "ad_spend_amount": "总推广花费",
}
#: The second copy of a duplicated header gets this suffix (it is compared, not used).
SECOND = "#2"


class SycmItems(PlatformSource):
    """生意参谋 商品效果 per-item report → product_traffic."""

    name = "tmall_items"
    description = "生意参谋 商品效果 per-item report (商品ID, 商品标题, 访客数, 支付人数…)"
    tables = ("product_traffic",)
    signature = ("商品ID", "访客数", "支付金额")
    signature_any = (("支付人数", "支付买家数"),)
    aliases = {"支付人数": ("支付买家数",), "商品标题": ("商品名称",), "加购人数": ("商品加购人数",)}

    def load(self, path: Path) -> tuple[RawFrame, list[list[str]], int]:
        """The report's table; a header written twice (``总推广花费``/``总推广花费 ``) keeps
        both columns, the second named with :data:`SECOND`."""
        seen: set[str] = set()

        def rename(cell: str) -> str:
            name = self._canon(cell)
            if name in seen and name:
                return f"{name}{SECOND}"
            seen.add(name)
            return name

        found = read_table(path, self.header_index, rename)
        if found is None:
            raise InputError(path, f"the header of the {self.description} was not found",
                             expected=", ".join(self.signature), todo="re-export the file",
                             key="error.input.header_lost",
                             values={"description": self.description, "signature": ", ".join(self.signature)})
        return found

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        col = lambda *n: self.col(f, *n)  # noqa: E731
        title = " ".join(c for row in preamble for c in row if c)
        period = period_of_title(title) if title.strip() else None
        period = period or period_of_name(path.name)
        if period is None:
            raise InputError(path, "the per-item report names no period (no 统计日期 in its title rows, no date in "
                             "the file name)", expected="a file name such as 商品效果_2026-04-20~2026-04-26.xlsx",
                             todo="rename the file with the report's first and last day, as 生意参谋 names it",
                             key="error.input.sycm_items_period")
        first, last = period
        notes = [
            f"生意参谋 商品效果: one row per listing over {first} … {last}"
            + ("" if first == last else " (visited_on = the first day, period_end_on = the last: a week's figures are "
                                        "never spread over its days)") + "; the period is taken from the "
            + ("title rows." if title.strip() and period_of_title(title) else "file name."),
            "生意参谋 商品效果: 支付金额 as reported (refunds not deducted; 退款金额 is kept beside it); rates "
            "(支付转化率, UV价值, 加购率 …) are not stored: the reports recompute them from the counts.",
        ]
        category = col("商品类目")
        cart = "加购人数" if self.has(f, "加购人数") else "加购件数"
        if cart == "加购件数" and self.has(f, "加购件数"):
            notes.append("生意参谋 商品效果: no 加购人数 in this export: cart_adds = 加购件数 (units added to carts).")
        values = {name: number(col(source)) for name, source in COLUMNS.items()}
        values["cart_adds"] = number(col(cart))
        if self.has(f, f"总推广花费{SECOND}"):
            a = pd.to_numeric(number(col("总推广花费")), errors="coerce")
            b = pd.to_numeric(number(col(f"总推广花费{SECOND}")), errors="coerce")
            differ = int(((a - b).abs() > 0.005).sum())
            notes.append("生意参谋 商品效果: the header names 总推广花费 twice (the second with a trailing space); the "
                         "first is ad_spend_amount" + (f"; the two differ on {differ} row(s)." if differ
                                                       else "; the two agree on every row."))
        frame = canonical("product_traffic", {
            "visited_on": first, "period_end_on": "" if first == last else last, "platform": PLATFORM,
            "item_id": code(col("商品ID")), "item_name": col("商品标题"),
            "platform_category": category.where(~blank(category), ""),
            **values,
        }, f.index)
        used = {"商品ID", "商品标题", "商品类目", cart, *COLUMNS.values()}
        yield SourceFrame("product_traffic", frame, raw.rows, raw.encoding, self.dropped(f, used), notes=notes,
                          column_notes={"item_id": "商品ID, 12–13 digits", "visitors": "访客数, a whole number"})
