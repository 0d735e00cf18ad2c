"""Store-rating exports → ``store_ratings``: 生意参谋 店铺DSR (Tmall/Taobao) and 京东商智 店铺评分 (JD).

Both write one row per day with one column per dimension (and, where the platform shows
it, the industry's mean beside it); each row becomes one canonical row per dimension.

- 生意参谋 店铺DSR: 描述相符 → ``product``, 服务态度 → ``service``, 物流服务 → ``logistics``,
  out of 5, the published score being the mean of the last 180 days' ratings; ``同行均值`` /
  ``行业均值`` columns beside a dimension give ``industry_score``; 当日评价数 / 当日均分 columns,
  where the export has them, give ``day_ratings`` / ``day_score`` of one dimension each.
- 京东商智 店铺评分: 店铺综合评分 → ``overall``, 商品评价 → ``product``, 服务态度 → ``service``,
  物流速度 → ``logistics``, 售后服务 → ``after_sales``, out of 10 (``score_max = 10``), over 90 days.

A day column reads ``2026-09-01``, ``2026/9/1`` or ``20260901``; ``-`` (no score that day)
leaves that dimension's row out — a missing score is not a score of 0 — and the note counts
them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from storebook.ingest.sources.base import PlatformSource, SourceFrame, blank, canonical, number
from storebook.ingest.sources.readers import RawFrame
from storebook.ingest.sources.reports import day_text


class _WideRatings(PlatformSource):
    """One row per day, a column per dimension → one row per day × dimension."""

    tables = ("store_ratings",)
    platform = ""
    score_max = 5.0
    window_days = 0
    #: column → dimension.
    dimensions: dict[str, str] = {}
    #: suffixes of the column beside a dimension that holds its industry mean.
    industry = ("同行均值", "行业均值", "行业平均")

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        f = raw.frame
        day = day_text(self.col(f, "日期", "统计日期"))
        parts, rows, skipped = [], [], 0
        for column, dimension in self.dimensions.items():
            if column not in f.columns:
                continue
            score = self.col(f, column)
            known = ~blank(score)
            skipped += int((~known).sum())
            industry = next((self.col(f, f"{column}{s}") for s in self.industry if f"{column}{s}" in f.columns), "")
            part = canonical("store_ratings", {
                "rated_on": day, "platform": self.platform, "dimension": dimension, "score": number(score),
                "score_max": f"{self.score_max:g}", "window_days": str(self.window_days),
                "industry_score": number(industry) if isinstance(industry, pd.Series) else "",
                "day_score": number(self.col(f, f"{column}当日均分")) if f"{column}当日均分" in f.columns else "",
                "day_ratings": number(self.col(f, f"{column}当日评价数")) if f"{column}当日评价数" in f.columns else "",
            }, f.index)[known]
            parts.append(part)
            rows.append(raw.rows[known])
        frame = pd.concat(parts, ignore_index=True)
        notes = [f"{self.description}: one row per day × dimension ({', '.join(sorted(set(self.dimensions.values())))}), "
                 f"out of {self.score_max:g}, the score over the last {self.window_days} days as published."]
        if skipped:
            notes.append(f"{skipped} day × dimension cell(s) hold no score ('-'): no row, not a score of 0.")
        used = {"日期", "统计日期", *(c for c in f.columns if any(c.startswith(d) for d in self.dimensions))}
        yield SourceFrame("store_ratings", frame, pd.concat(rows, ignore_index=True), raw.encoding,
                          self.dropped(f, used), notes=notes,
                          column_notes={"score": f"a score from 0 to {self.score_max:g}"})


class SycmDsr(_WideRatings):
    """生意参谋 店铺DSR (描述相符, 服务态度, 物流服务) → store_ratings (platform ``tmall``)."""

    name = "tmall_dsr"
    description = "生意参谋 店铺DSR export (日期, 描述相符, 服务态度, 物流服务)"
    signature = ("描述相符", "服务态度", "物流服务")
    signature_any = (("日期", "统计日期"),)
    platform = "tmall"
    window_days = 180
    dimensions = {"描述相符": "product", "服务态度": "service", "物流服务": "logistics"}


class JdShopScore(_WideRatings):
    """京东商智 店铺评分 → store_ratings (platform ``jd``, out of 10)."""

    name = "jd_shop_score"
    description = "京东商智 店铺评分 export (日期, 店铺综合评分, 商品评价, 服务态度, 物流速度, 售后服务)"
    signature = ("店铺综合评分", "商品评价", "物流速度")
    signature_any = (("日期", "统计日期"),)
    platform = "jd"
    score_max = 10.0
    window_days = 90
    dimensions = {"店铺综合评分": "overall", "商品评价": "product", "服务态度": "service", "物流速度": "logistics",
                  "售后服务": "after_sales"}
