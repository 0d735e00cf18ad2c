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
  支付转化率, paid_amount = buyers × 客单价, orders = buyers) and otherwise left empty
  (unknown, not 0), with a note naming it.
- The day of a row comes from a 日期 (or GA4 ``Date``/``Nth day``) column. A report without
  one is a summary over a period: the period is declared for the file (a pin with
  ``period:`` in storebook.sources.yaml), or named in the title rows (统计日期/统计时间, GA4's
  ``Start date``/``End date``), or in the file name (``…_2019-07-29.csv`` is that day,
  ``…_2019-07-01_2019-07-31.xls`` or ``…2019-07-01~2019-07-31…`` a period). Totals over
  several days are one row per channel × device with ``visited_on`` = the first day and
  ``period_end_on`` = the last: never spread as fake daily numbers.
- A report that does not split by device (no 终端 column or title, or 所有终端) is written
  with device ``all``.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from storebook.errors import InputError
from storebook.ingest.sources.base import (
    PlatformSource,
    SourceFrame,
    blank,
    canonical,
    int_text,
    money_text,
    number,
    percent,
)
from storebook.ingest.sources.readers import RawFrame

COUNTS = ["visitors", "page_views", "product_views", "cart_adds", "checkouts", "buyers", "orders"]
TOTAL_WORDS = {"汇总", "合计", "总计", "全部", "全店", "店铺汇总", "全部来源", "Grand total", "Total", "Totals"}
DEVICE_WORDS = {
    "无线": "mobile", "无线端": "mobile", "移动端": "mobile", "手机": "mobile", "app": "mobile", "mobile": "mobile",
    "微信": "mobile", "手q": "mobile", "m端": "mobile", "h5": "mobile", "小程序": "mobile", "tablet": "mobile",
    "pc": "pc", "pc端": "pc", "电脑": "pc", "电脑端": "pc", "desktop": "pc",
}
_DATE_RANGE = re.compile(r"(\d{4}[-/]\d{1,2}[-/]\d{1,2})\s*(?:[~～至到]|-\s)\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2})")
_ONE_DATE = re.compile(r"(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{8})")
#: GA4's comment lines: ``# Start date: 20250301`` and ``# End date: 20250302``.
_GA4_START = re.compile(r"Start date:\s*(\d{8})")
_GA4_END = re.compile(r"End date:\s*(\d{8})")
#: A date in a file name: 2019-07-29, 2019_07_29, 2019.07.29 or 20190729 (not part of a longer number).
_NAME_DATE = re.compile(r"(?<![0-9])(\d{4})([-_.]?)(\d{2})\2(\d{2})(?![0-9])")
ALL_DEVICE_WORDS = {"所有终端", "全部", "全部终端", "所有", "all", "all devices", "全部设备"}


def period_of_name(name: str) -> tuple[str, str] | None:
    """The period a file name gives: one date (that day) or two (first and last day).

    >>> period_of_name("生意参谋_流量来源_2019-07-01_2019-07-31.xls")
    ('2019-07-01', '2019-07-31')
    >>> period_of_name("店铺来源_2019-07-01~2019-07-31.csv"), period_of_name("流量来源_20190729.csv")
    (('2019-07-01', '2019-07-31'), ('2019-07-29', '2019-07-29'))
    >>> period_of_name("流量来源.csv") is None
    True
    """
    days = []
    for m in _NAME_DATE.finditer(name):
        try:
            days.append(dt.date(int(m[1]), int(m[3]), int(m[4])))
        except ValueError:  # not a date (a number that happens to have 8 digits)
            continue
    if not days:
        return None
    first, last = min(days[0], days[-1]), max(days[0], days[-1])
    return first.isoformat(), last.isoformat()


def period_of_title(preamble: str) -> tuple[str, str] | None:
    """The period the title rows name (统计日期：A ~ B, 统计日期：A, GA4's Start/End date)."""
    start, end = _GA4_START.search(preamble), _GA4_END.search(preamble)
    if start and end:
        a, b = start.group(1), end.group(1)
        return f"{a[:4]}-{a[4:6]}-{a[6:]}", f"{b[:4]}-{b[4:6]}-{b[6:]}"
    rng = _DATE_RANGE.search(preamble)
    if rng:
        a, b = (day_text(pd.Series([x])).iloc[0] for x in rng.groups())
        return a, b
    one = _ONE_DATE.search(preamble)
    if one:
        day = day_text(pd.Series([one.group(1)])).iloc[0]
        return day, day
    return None


def parse_period(value: object) -> tuple[str, str]:
    """A declared period: ``2019-07-29`` (that day) or ``{start: 2019-07-01, end: 2019-07-31}``.

    Raises:
        ValueError: saying what is wrong with the value.
    """
    if isinstance(value, dict):
        if set(value) != {"start", "end"}:
            raise ValueError(f"{value!r} must have exactly `start` and `end`")
        start, end = value["start"], value["end"]
    else:
        start = end = value
    try:
        a, b = (v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v).strip()) for v in (start, end))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or {{start: …, end: …}}") from None
    if b < a:
        raise ValueError(f"the period ends ({b}) before it starts ({a})")
    return a.isoformat(), b.isoformat()


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
    #: Periods declared for files (pins with ``period:`` in storebook.sources.yaml):
    #: (pattern relative to data/raw, (first day, last day)); set by the registry.
    periods: list[tuple[str, tuple[str, str]]] = []

    def definition(self) -> str:
        """What, beside a file's bytes, decides how this adapter reads it: the declared periods
        (a changed ``period:`` must re-read the file, not reuse its cached parse)."""
        return repr(sorted(self.periods))

    def declared_period(self, path: Path, raw_root: Path) -> tuple[str, str] | None:
        """The period declared for ``path`` (the first pin whose pattern matches it), if any."""
        try:
            rel = path.relative_to(raw_root).as_posix()
        except ValueError:
            rel = path.name
        return next((period for pattern, period in self.periods if fnmatch.fnmatch(rel, pattern)), None)

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]:
        raw, grid, index = self.load(path)
        yield from self.convert(path, raw, grid[:index], declared=self.declared_period(path, raw_root))

    def map_channel(self, level1: pd.Series, level2: pd.Series) -> pd.Series:
        detail = level2.map(self.channels)
        return detail.fillna(level1.map(self.channels)).fillna(level2.where(level2 != "", level1)).astype("str")

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]],
                declared: tuple[str, str] | None = None) -> Iterator[SourceFrame]:
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
        day, period_end, how = self._days(path, f, pre, declared)
        if how:
            notes.append(how)
        device, device_note = self._devices(path, f, pre)
        if device_note:
            notes.append(device_note)
        channel = pd.Series(np.where(is_total, "all", self.map_channel(lvl1, lvl2)), index=f.index)

        metrics, derived = self._metrics(f)
        notes += derived
        keep = ~subtotal
        cells = pd.DataFrame({"visited_on": day, "period_end_on": period_end, "device": device, "channel": channel,
                              **metrics}).loc[keep]
        rows = raw.rows[keep.to_numpy()].reset_index(drop=True)
        cells = cells.reset_index(drop=True)
        merged, merged_rows, n_merged = _sum_cells(cells, rows, ["visited_on", "period_end_on", "device", "channel"],
                                                   list(metrics))
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
                          column_notes={"channel": f"add the source to storebook.ingest.sources.{self.__module__.split('.')[-1]}"
                                                   " channel map, or describe the report as a custom source",
                                        "visited_on": "the report's day (a 日期 column or the title's 统计日期)",
                                        "device": "终端: 无线端/移动端 = mobile, PC端 = pc"})

    # -- pieces
    def _days(self, path: Path, f: pd.DataFrame, pre: str, declared: tuple[str, str] | None
              ) -> tuple[pd.Series, pd.Series, str]:
        """(first day per row, last day per row ('' = one day), a note on where the period came from)."""
        none = pd.Series("", index=f.index, dtype="str")
        if self.has(f, *self.date_cols):
            return day_text(self.col(f, *self.date_cols)), none, ""
        if self.has(f, "Nth day") and _GA4_START.search(pre):
            start = pd.Timestamp(_GA4_START.search(pre).group(1))
            offset = pd.to_numeric(self.col(f, "Nth day"), errors="coerce")
            days = (start + pd.to_timedelta(offset, unit="D")).dt.strftime("%Y-%m-%d")
            return days.where(offset.notna(), self.col(f, "Nth day")).astype("str"), none, (
                f"days from 'Nth day' counted from the report's Start date {start:%Y-%m-%d} (day 0000).")
        title, named = period_of_title(pre), period_of_name(path.name)
        if declared:
            period, how = declared, "declared for the file (pins: period: in storebook.sources.yaml)"
        elif title and named and title != named:
            raise InputError(path, f"the title rows name the period {title[0]} ~ {title[1]} but the file name "
                                   f"{named[0]} ~ {named[1]}", expected="one period for the whole report",
                             todo="rename the file with the period the title states, or declare the period for the "
                                  "file: `pins: [{files: \"<file>\", use: " + self.name + ", period: {start: …, end: …}}]` "
                                  "in storebook.sources.yaml", key="error.input.report_periods_differ",
                             values={"title_first": title[0], "title_last": title[1], "name_first": named[0],
                                     "name_last": named[1], "source": self.name})
        elif title:
            period, how = title, "named in the report's title rows"
        elif named:
            period, how = named, "taken from the file name"
        else:
            stem, suffix = path.stem, path.suffix
            raise InputError(
                path, "the report names no day: it has no 日期 column, no 统计日期 in its title rows and no date in "
                      "its file name, so the period its totals cover is unknown",
                expected="a 日期 column, 统计日期 in the title, a file name with the report's dates, or a declared "
                         "period",
                todo=f"rename the file with the period it covers, e.g. '{stem}_2019-07-01_2019-07-31{suffix}' (one "
                     f"day: '{stem}_2019-07-29{suffix}'), or declare it in storebook.sources.yaml: `pins: [{{files: "
                     f"\"<folder>/{path.name}\", use: {self.name}, period: {{start: 2019-07-01, end: 2019-07-31}}}}]`",
                key="error.input.report_no_day",
                values={"stem": stem, "suffix": suffix, "name": path.name, "source": self.name})
        first, last = period
        if first == last:
            return pd.Series(first, index=f.index, dtype="str"), none, f"one day, {first}, {how}."
        return (pd.Series(first, index=f.index, dtype="str"), pd.Series(last, index=f.index, dtype="str"),
                f"the report's rows are totals over {first} ~ {last} ({how}): one row per channel and device for the "
                "whole period (visited_on = first day, period_end_on = last day), not daily figures.")

    def _devices(self, path: Path, f: pd.DataFrame, pre: str) -> tuple[pd.Series, str]:
        """(device per row, a note when the report does not split by device)."""
        if self.has(f, *self.device_cols):
            text = self.col(f, *self.device_cols)
        else:
            m = re.search(r"(?:终端|设备)\s*[:：]\s*(\S+)", pre)
            if not m:
                return pd.Series("all", index=f.index, dtype="str"), (
                    f"the report does not split by device (no {self.device_cols[0]} column or title): device 'all'.")
            text = pd.Series(m.group(1), index=f.index, dtype="str")
        lower = text.str.lower()
        everything = lower.isin(ALL_DEVICE_WORDS)
        mapped = lower.map(DEVICE_WORDS).where(~everything, "all")
        note = "rows for all devices together (所有终端): device 'all'." if everything.any() else ""
        return mapped.fillna(text).astype("str"), note

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
            if metric not in out:  # unknown, not zero: the contract keeps it empty
                out[metric] = pd.Series("", index=f.index, dtype="str")
                notes.append(f"{metric}: not in this report, left empty (unknown).")
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


__all__ = ["SourceReport", "blank", "day_text", "parse_period", "period_of_name", "period_of_title"]
