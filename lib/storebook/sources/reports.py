"""Traffic-by-source reports (生意参谋 流量来源, 京东商智 流量来源, GA4 acquisition): one row
per day × device × source, mapped to the channel vocabulary.

How the platforms' numbers are turned into the contract's (recorded per file in
``_ingest.json``):

- A visitor is counted in each source it came through. Several sources of one channel
  are summed into the channel row, which keeps that meaning (a visitor counts once per
  source); channel rows are never summed into a platform total.
- The platform's own de-duplicated total (the report's 汇总/合计/Grand total row) becomes
  the ``channel = 'all'`` row. A report without such a row gives no ``all`` row, and the
  note says so: the platform total of those days is unknown.
- First-level subtotal rows (a 流量来源 with its 来源明细 listed below) are not used: their
  detail rows are.
- ``paid_amount`` is the amount as the platform reports it (生意参谋 支付金额 does not deduct
  later refunds).
- A metric the report leaves out is derived where the report allows (buyers = visitors ×
  支付转化率, paid_amount = buyers × 客单价, orders = buyers) and otherwise written as 0,
  with a note naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from storebook.errors import InputError
from storebook.sources.base import (
    PlatformSource,
    SourceFrame,
    blank,
    canonical,
    int_text,
    money_text,
    number,
    percent,
)
from storebook.sources.readers import RawFrame

COUNTS = ["visitors", "page_views", "product_views", "cart_adds", "checkouts", "buyers", "orders"]
TOTAL_WORDS = {"汇总", "合计", "总计", "全部", "全店", "店铺汇总", "全部来源", "Grand total", "Total", "Totals"}
DEVICE_WORDS = {
    "无线": "mobile", "无线端": "mobile", "移动端": "mobile", "手机": "mobile", "app": "mobile", "mobile": "mobile",
    "微信": "mobile", "手q": "mobile", "m端": "mobile", "h5": "mobile", "小程序": "mobile", "tablet": "mobile",
    "pc": "pc", "pc端": "pc", "电脑": "pc", "电脑端": "pc", "desktop": "pc",
}
_DATE_RANGE = re.compile(r"(\d{4}[-/]\d{1,2}[-/]\d{1,2})\s*(?:[~～至到]|-\s)\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2})")
_ONE_DATE = re.compile(r"(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{8})")


def day_text(text: pd.Series) -> pd.Series:
    """Dates as 2026-10-01 from ``20261001``, ``2026/10/1`` or ``2026-10-01``."""
    s = text.astype(str).str.strip()
    eight = s.str.fullmatch(r"\d{8}")
    s = s.where(~eight, s.str.slice(0, 4) + "-" + s.str.slice(4, 6) + "-" + s.str.slice(6, 8))
    parsed = pd.to_datetime(s.str.replace("/", "-", regex=False).str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    return parsed.dt.strftime("%Y-%m-%d").where(parsed.notna(), s).astype("str")


class SourceReport(PlatformSource):
    """A traffic-by-source report. Subclasses name the columns and the channel maps."""

    platform = ""
    level1 = ""           # first-level source column (流量来源)
    level2 = ""           # detail column (来源明细); "" when the report has one level
    date_cols: tuple[str, ...] = ("日期", "统计日期")
    device_cols: tuple[str, ...] = ("终端", "设备", "访问终端", "终端类型")
    #: canonical metric → report columns, first found wins.
    metric_cols: dict[str, tuple[str, ...]] = {}
    rate_col: tuple[str, ...] = ()        # paid conversion rate (支付转化率), for deriving buyers
    aov_col: tuple[str, ...] = ()         # 客单价, for deriving paid_amount
    channels: dict[str, str] = {}         # source name → channel (detail names first, then level 1)
    meaning: list[str] = []               # notes on what the platform's numbers mean

    def map_channel(self, level1: pd.Series, level2: pd.Series) -> pd.Series:
        detail = level2.map(self.channels)
        return detail.fillna(level1.map(self.channels)).fillna(level2.where(level2 != "", level1)).astype("str")

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        notes = list(self.meaning)
        pre = " ".join(" ".join(r) for r in preamble)
        lvl1 = self.col(f, self.level1)
        lvl2 = self.col(f, self.level2) if self.level2 else pd.Series("", index=f.index, dtype="str")
        is_total = lvl1.isin(TOTAL_WORDS) | (lvl1.eq("") & lvl2.isin(TOTAL_WORDS))
        # A first-level row whose details are listed too is a subtotal: the details are used.
        has_detail = (lvl2 != "") & ~lvl2.isin(TOTAL_WORDS) & (lvl2 != lvl1)
        detailed = set(lvl1[has_detail])
        subtotal = ~is_total & ~has_detail & lvl1.isin(detailed)
        if subtotal.any():
            notes.append(f"{int(subtotal.sum())} first-level subtotal rows not used (their detail rows are).")
        day = self._days(path, f, pre)
        device = self._devices(path, f, pre)
        channel = pd.Series(np.where(is_total, "all", self.map_channel(lvl1, lvl2)), index=f.index)

        metrics, derived = self._metrics(f)
        notes += derived
        keep = ~subtotal
        cells = pd.DataFrame({"visited_on": day, "device": device, "channel": channel, **metrics}).loc[keep]
        rows = raw.rows[keep.to_numpy()].reset_index(drop=True)
        cells = cells.reset_index(drop=True)
        merged, merged_rows, n_merged = _sum_cells(cells, rows, ["visited_on", "device", "channel"], list(metrics))
        if n_merged:
            notes.append(f"{n_merged} source rows summed into their channel's row (a visitor counts once per source).")
        if not (channel == "all").any():
            notes.append("no total (汇总) row in this report: no 'all' row was written, so the platform's "
                         "de-duplicated total for these days is unknown (channel rows must not be summed).")
        frame = canonical("traffic", {"platform": self.platform, **{c: merged[c] for c in merged.columns}},
                          merged.index)
        used = {self.level1, self.level2, *self.date_cols, *self.device_cols, *self.rate_col, *self.aov_col,
                *[c for cols in self.metric_cols.values() for c in cols]}
        yield SourceFrame("traffic", frame, merged_rows, raw.encoding, self.dropped(f, used), notes=notes,
                          column_notes={"channel": f"add the source to storebook.sources.{self.__module__.split('.')[-1]}"
                                                   " channel map, or describe the report as a custom source",
                                        "visited_on": "the report's day (a 日期 column or the title's 统计日期)",
                                        "device": "终端: 无线端/移动端 = mobile, PC端 = pc"})

    # -- pieces
    def _days(self, path: Path, f: pd.DataFrame, pre: str) -> pd.Series:
        if self.has(f, *self.date_cols):
            return day_text(self.col(f, *self.date_cols))
        rng = _DATE_RANGE.search(pre)
        if rng:
            a, b = (day_text(pd.Series([x])).iloc[0] for x in rng.groups())
            if a != b:
                raise InputError(path, f"the report covers {a} ~ {b} as one total", expected="one row per day",
                                 todo="export the report by day (按日, a 日期 column), or one file per day")
            return pd.Series(a, index=f.index, dtype="str")
        one = _ONE_DATE.search(pre)
        if one:
            return pd.Series(day_text(pd.Series([one.group(1)])).iloc[0], index=f.index, dtype="str")
        raise InputError(path, "the report names no day", expected="a 日期 column, or 统计日期 in the title rows",
                         todo="export the report by day (按日)")

    def _devices(self, path: Path, f: pd.DataFrame, pre: str) -> pd.Series:
        if self.has(f, *self.device_cols):
            text = self.col(f, *self.device_cols)
        else:
            m = re.search(r"(?:终端|设备)\s*[:：]\s*(\S+)", pre)
            if not m:
                raise InputError(path, f"the report names no device ({self.device_cols[0]})",
                                 expected=f"a {self.device_cols[0]} column, or 终端：无线端 / PC端 in the title rows",
                                 todo=f"add the dimension {self.device_cols[0]} to the report (devices are kept apart)")
            text = pd.Series(m.group(1), index=f.index, dtype="str")
        mapped = text.str.lower().map(DEVICE_WORDS)
        if text.isin(["所有终端", "全部", "全部终端", "all"]).any():
            raise InputError(path, "the report adds up all devices (所有终端)", expected="one device per row or file",
                             todo="export per device (终端: 无线端 and PC端): devices are kept apart in the traffic table")
        return mapped.fillna(text).astype("str")

    def _metrics(self, f: pd.DataFrame) -> tuple[dict[str, pd.Series], list[str]]:
        out: dict[str, pd.Series] = {}
        notes: list[str] = []
        for metric in [*COUNTS, "paid_amount"]:
            names = self.metric_cols.get(metric, ())
            if self.has(f, *names):
                out[metric] = number(self.col(f, *names), missing="0")
        visitors = pd.to_numeric(out.get("visitors", pd.Series(np.nan, index=f.index)), errors="coerce")
        if "buyers" not in out and self.has(f, *self.rate_col):
            out["buyers"] = int_text(visitors * percent(self.col(f, *self.rate_col)).fillna(0))
            notes.append("buyers derived as visitors × 支付转化率 (the report has no 支付买家数).")
        if "paid_amount" not in out and "buyers" in out and self.has(f, *self.aov_col):
            buyers = pd.to_numeric(out["buyers"], errors="coerce")
            out["paid_amount"] = money_text(buyers * pd.to_numeric(number(self.col(f, *self.aov_col), missing="0"),
                                                                   errors="coerce"))
            notes.append("paid_amount derived as buyers × 客单价 (the report has no 支付金额).")
        if "orders" not in out and "buyers" in out:
            out["orders"] = out["buyers"]
            notes.append("orders = buyers (the report has no order count).")
        for metric in [*COUNTS, "paid_amount"]:
            if metric not in out:
                out[metric] = pd.Series("0", index=f.index, dtype="str")
                notes.append(f"{metric}: not in this report, written as 0.")
        return out, notes


def _sum_cells(cells: pd.DataFrame, rows: pd.Series, keys: list[str], metrics: list[str]
               ) -> tuple[pd.DataFrame, pd.Series, int]:
    """Sum the metric text columns of rows sharing ``keys``.

    A cell that is not a number keeps its text (the first such in the group), so that
    ingest rejects the summed row naming the value; the row number is the group's first.
    """
    if not cells[keys].duplicated().any():
        return cells, rows, 0
    group = cells.groupby(keys, sort=False).ngroup()
    firsts = ~group.duplicated()
    out = cells.loc[firsts, keys].reset_index(drop=True)
    for m in metrics:
        text = cells[m].astype(str)
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna() & (text != "")
        summed = values.groupby(group).sum(min_count=1)
        first_bad = text.where(bad).groupby(group).first()
        as_text = money_text(summed) if m == "paid_amount" else summed.map(
            lambda v: "" if pd.isna(v) else (str(int(v)) if float(v).is_integer() else str(v)))
        out[m] = first_bad.reindex(as_text.index).fillna(as_text).to_numpy()
    merged_rows = rows[firsts.to_numpy()].reset_index(drop=True)
    return out, merged_rows, int(len(cells) - len(out))


__all__ = ["SourceReport", "blank", "day_text"]
