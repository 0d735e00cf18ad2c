"""Reporting periods: a month, the prior month, the same month last year.

A :class:`Period` is a half-open date range ``[start, end)`` so that a timestamp filter
``start <= ts < end`` includes the whole last day.

>>> p = month("2026-03")
>>> p.label, p.start.isoformat(), p.end.isoformat(), p.days
('2026-03', '2026-03-01', '2026-04-01', 31)
>>> p.prior().label, p.last_year().label
('2026-02', '2025-03')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from storebook.errors import StorebookError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(StorebookError, ValueError):
    """A period was asked for in a form that cannot be read."""


@dataclass(frozen=True, order=True)
class Period:
    """Dates ``start <= d < end``; ``label`` names it in reports (``2026-10``)."""

    start: date
    end: date
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def prior(self) -> Period:
        """The month before (for a month), else the same length just before."""
        if _is_month(self):
            return month_of(self.start - timedelta(days=1))
        return Period(self.start - (self.end - self.start), self.start, f"before {self.label}")

    def last_year(self) -> Period:
        """The same calendar period one year earlier."""
        if _is_month(self):
            return month(f"{self.start.year - 1}-{self.start.month:02d}")
        return Period(_minus_year(self.start), _minus_year(self.end), f"{self.label} −1y")

    def shift_months(self, n: int) -> Period:
        """The month ``n`` months later (negative: earlier)."""
        index = self.start.year * 12 + self.start.month - 1 + n
        return month(f"{index // 12}-{index % 12 + 1:02d}")

    def trailing(self, months: int) -> Period:
        """The ``months`` months ending with this one (13 → a year and its comparison month)."""
        first = self.shift_months(-(months - 1))
        return Period(first.start, self.end, f"{first.label}…{self.label}")

    def dates(self) -> pd.DatetimeIndex:
        return pd.date_range(self.start, self.last_day, freq="D")

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    @property
    def start_ts(self) -> pd.Timestamp:
        return pd.Timestamp(self.start)

    @property
    def end_ts(self) -> pd.Timestamp:
        return pd.Timestamp(self.end)


def _is_month(p: Period) -> bool:
    return p.start.day == 1 and p.end == _next_month(p.start) and _MONTH.match(p.label) is not None


def _next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _minus_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def month(text: str) -> Period:
    """The month ``YYYY-MM``.

    Raises:
        PeriodError: when ``text`` is not a month such as ``2026-10``.
    """
    m = _MONTH.match(str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise PeriodError(f"'{text}' is not a month; write it as YYYY-MM, for example 2026-10",
                          key="error.period.not_month", values={"text": str(text)})
    start = date(int(m.group(1)), int(m.group(2)), 1)
    return Period(start, _next_month(start), f"{start.year}-{start.month:02d}")


def month_of(day: date) -> Period:
    """The month that contains ``day``."""
    return month(f"{day.year}-{day.month:02d}")


def months_between(first: Period, last: Period) -> list[Period]:
    """Every month from ``first`` to ``last`` inclusive."""
    out, p = [], first
    while p.start <= last.start:
        out.append(p)
        p = p.shift_months(1)
    return out
