"""The Chinese e-commerce calendar, as data.

One source for the whole project: the sample-store generator draws its demand peaks
from it, and the analysis modules use it to mark charts and to exclude event days
from baselines.

What it holds, for 2022–2027 (2023–2027 is the committed range; 2022 is there so a
24-month window ending in 2024 still has its calendar):

- shopping festivals: 618 (presale from May 31, peak Jun 18), 双11 (presale from
  Oct 20, peak Nov 11), 双12 (Dec 10–12, peak Dec 12), 年货节 (the ~3 weeks before
  the Spring Festival logistics shutdown), 38节 / 女王节 (Mar 1–8, peak Mar 8);
- the Spring Festival (real lunar dates) with the logistics shutdown around it
  (7 days before to 8 days after New Year's Day), kind ``spring_festival``;
- the official public holidays (放假) and the swapped working days (调休上班) as
  published by the State Council's General Office for 2022–2026. 2027 is not
  published yet: its holidays are APPROXIMATED from the 2025 rules (Spring Festival
  8 days from New Year's Eve, a Wednesday festival is a single day off) and carry
  NO swapped working days. Replace them when the notice is out (usually November).

Kinds: ``618``, ``double11``, ``double12``, ``nianhuo``, ``women38``,
``spring_festival``, ``public_holiday``.

Example:
    >>> from datetime import date
    >>> from storebook.engine import calendar
    >>> [e.kind for e in calendar.events(date(2025, 11, 1), date(2025, 11, 30))]
    ['double11']
    >>> calendar.spring_festival(2026)
    datetime.date(2026, 2, 17)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

__all__ = [
    "Event",
    "KINDS",
    "COVERED_YEARS",
    "SPRING_FESTIVAL",
    "events",
    "events_frame",
    "day_kinds",
    "spring_festival",
    "is_covered",
]

KINDS: tuple[str, ...] = (
    "618",
    "double11",
    "double12",
    "nianhuo",
    "women38",
    "spring_festival",
    "public_holiday",
)

# When two events cover a day, `day_kinds().event` names the first kind in this order.
_PRIORITY: dict[str, int] = {
    "spring_festival": 0,
    "double11": 1,
    "618": 2,
    "double12": 3,
    "nianhuo": 4,
    "women38": 5,
    "public_holiday": 6,
}

COVERED_YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025, 2026, 2027)

# 春节 (lunar New Year's Day).
SPRING_FESTIVAL: dict[int, date] = {
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
}

# Logistics shutdown around the Spring Festival: couriers stop taking parcels about a
# week before and resume about a week after (days relative to New Year's Day).
SHUTDOWN_BEFORE_DAYS = 7
SHUTDOWN_AFTER_DAYS = 8
# 年货节 runs for about three weeks and ends when the shutdown starts.
NIANHUO_LENGTH_DAYS = 17


def _d(s: str) -> date:
    return date.fromisoformat(s)


# (name, name_zh, first day off, last day off) — official notices of the State
# Council's General Office (国务院办公厅关于YYYY年部分节假日安排的通知).
_HOLIDAYS: tuple[tuple[str, str, str, str], ...] = (
    # 2022 (国办发明电〔2021〕11号)
    ("New Year's Day", "元旦", "2022-01-01", "2022-01-03"),
    ("Spring Festival holiday", "春节假期", "2022-01-31", "2022-02-06"),
    ("Qingming Festival", "清明节", "2022-04-03", "2022-04-05"),
    ("Labour Day", "劳动节", "2022-04-30", "2022-05-04"),
    ("Dragon Boat Festival", "端午节", "2022-06-03", "2022-06-05"),
    ("Mid-Autumn Festival", "中秋节", "2022-09-10", "2022-09-12"),
    ("National Day", "国庆节", "2022-10-01", "2022-10-07"),
    # 2023 (国办发明电〔2022〕16号)
    ("New Year's Day", "元旦", "2022-12-31", "2023-01-02"),
    ("Spring Festival holiday", "春节假期", "2023-01-21", "2023-01-27"),
    ("Qingming Festival", "清明节", "2023-04-05", "2023-04-05"),
    ("Labour Day", "劳动节", "2023-04-29", "2023-05-03"),
    ("Dragon Boat Festival", "端午节", "2023-06-22", "2023-06-24"),
    ("Mid-Autumn Festival and National Day", "中秋节、国庆节", "2023-09-29", "2023-10-06"),
    # 2024 (国办发明电〔2023〕7号)
    ("New Year's Day", "元旦", "2024-01-01", "2024-01-01"),
    ("Spring Festival holiday", "春节假期", "2024-02-10", "2024-02-17"),
    ("Qingming Festival", "清明节", "2024-04-04", "2024-04-06"),
    ("Labour Day", "劳动节", "2024-05-01", "2024-05-05"),
    ("Dragon Boat Festival", "端午节", "2024-06-10", "2024-06-10"),
    ("Mid-Autumn Festival", "中秋节", "2024-09-15", "2024-09-17"),
    ("National Day", "国庆节", "2024-10-01", "2024-10-07"),
    # 2025 (国办发明电〔2024〕12号)
    ("New Year's Day", "元旦", "2025-01-01", "2025-01-01"),
    ("Spring Festival holiday", "春节假期", "2025-01-28", "2025-02-04"),
    ("Qingming Festival", "清明节", "2025-04-04", "2025-04-06"),
    ("Labour Day", "劳动节", "2025-05-01", "2025-05-05"),
    ("Dragon Boat Festival", "端午节", "2025-05-31", "2025-06-02"),
    ("National Day and Mid-Autumn Festival", "国庆节、中秋节", "2025-10-01", "2025-10-08"),
    # 2026 (published 2025-11-04)
    ("New Year's Day", "元旦", "2026-01-01", "2026-01-03"),
    ("Spring Festival holiday", "春节假期", "2026-02-15", "2026-02-23"),
    ("Qingming Festival", "清明节", "2026-04-04", "2026-04-06"),
    ("Labour Day", "劳动节", "2026-05-01", "2026-05-05"),
    ("Dragon Boat Festival", "端午节", "2026-06-19", "2026-06-21"),
    ("Mid-Autumn Festival", "中秋节", "2026-09-25", "2026-09-27"),
    ("National Day", "国庆节", "2026-10-01", "2026-10-07"),
    # 2027: NOT PUBLISHED YET — approximated from the 2025 rules (see module docstring).
    ("New Year's Day (approx.)", "元旦（估）", "2027-01-01", "2027-01-03"),
    ("Spring Festival holiday (approx.)", "春节假期（估）", "2027-02-05", "2027-02-12"),
    ("Qingming Festival (approx.)", "清明节（估）", "2027-04-03", "2027-04-05"),
    ("Labour Day (approx.)", "劳动节（估）", "2027-05-01", "2027-05-05"),
    ("Dragon Boat Festival (approx.)", "端午节（估）", "2027-06-09", "2027-06-09"),
    ("Mid-Autumn Festival (approx.)", "中秋节（估）", "2027-09-15", "2027-09-15"),
    ("National Day (approx.)", "国庆节（估）", "2027-10-01", "2027-10-07"),
)

# Weekend days that are working days (调休上班), from the same notices.
# 2027: unknown, none listed.
SWAPPED_WORKDAYS: frozenset[date] = frozenset(
    _d(s)
    for s in (
        # 2022
        "2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07",
        "2022-10-08", "2022-10-09",
        # 2023
        "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
        "2023-10-07", "2023-10-08",
        # 2024
        "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
        "2024-09-14", "2024-09-29", "2024-10-12",
        # 2025
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        # 2026
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
        "2026-10-10",
    )
)


@dataclass(frozen=True)
class Event:
    """One calendar event: a shopping festival, the Spring Festival shutdown or a
    public holiday block.

    Attributes:
        name: English name, e.g. ``"Double 11 2025"``.
        kind: one of :data:`KINDS`.
        starts_on: first day (inclusive).
        ends_on: last day (inclusive).
        peak_on: the peak sales day, or None (年货节, public holidays).
        name_zh: Chinese name, e.g. ``"双11"``.

    Example:
        >>> e = events(date(2025, 6, 1), date(2025, 6, 30))[0]
        >>> e.kind, e.peak_on
        ('618', datetime.date(2025, 6, 18))
    """

    name: str
    kind: str
    starts_on: date
    ends_on: date
    peak_on: date | None
    name_zh: str

    def covers(self, day: date) -> bool:
        """True when ``day`` falls within the event (both ends included)."""
        return self.starts_on <= day <= self.ends_on

    @property
    def days(self) -> int:
        """Length of the event in days."""
        return (self.ends_on - self.starts_on).days + 1


def spring_festival(year: int) -> date:
    """Lunar New Year's Day of ``year``.

    Example:
        >>> spring_festival(2025)
        datetime.date(2025, 1, 29)
    """
    try:
        return SPRING_FESTIVAL[year]
    except KeyError:
        raise ValueError(
            f"the calendar has no Spring Festival date for {year}; it covers "
            f"{COVERED_YEARS[0]}–{COVERED_YEARS[-1]} (add the year to storebook.engine.calendar)"
        ) from None


def is_covered(start: date, end: date) -> bool:
    """True when every day of ``start..end`` lies in a year the calendar covers.

    Example:
        >>> is_covered(date(2024, 11, 1), date(2026, 10, 31))
        True
    """
    return start.year >= COVERED_YEARS[0] and end.year <= COVERED_YEARS[-1]


def _all_events() -> list[Event]:
    out: list[Event] = []
    for y in COVERED_YEARS:
        sf = SPRING_FESTIVAL[y]
        shutdown_start = sf - timedelta(days=SHUTDOWN_BEFORE_DAYS)
        out.append(
            Event(
                f"Spring Festival {y} (logistics shutdown)",
                "spring_festival",
                shutdown_start,
                sf + timedelta(days=SHUTDOWN_AFTER_DAYS),
                sf,
                "春节",
            )
        )
        out.append(
            Event(
                f"Nianhuo Festival {y}",
                "nianhuo",
                shutdown_start - timedelta(days=NIANHUO_LENGTH_DAYS),
                shutdown_start - timedelta(days=1),
                None,
                "年货节",
            )
        )
        out.append(Event(f"Women's Day {y}", "women38", date(y, 3, 1), date(y, 3, 8), date(y, 3, 8), "38节"))
        out.append(Event(f"618 {y}", "618", date(y, 5, 31), date(y, 6, 18), date(y, 6, 18), "618"))
        out.append(
            Event(f"Double 11 {y}", "double11", date(y, 10, 20), date(y, 11, 11), date(y, 11, 11), "双11")
        )
        out.append(
            Event(f"Double 12 {y}", "double12", date(y, 12, 10), date(y, 12, 12), date(y, 12, 12), "双12")
        )
    for name, name_zh, first, last in _HOLIDAYS:
        first_d = _d(first)
        out.append(Event(f"{name} {_d(last).year}", "public_holiday", first_d, _d(last), None, name_zh))
    out.sort(key=lambda e: (e.starts_on, _PRIORITY[e.kind], e.ends_on, e.name))
    return out


_EVENTS: tuple[Event, ...] = tuple(_all_events())
_HOLIDAY_DAYS: frozenset[date] = frozenset(
    _d(first) + timedelta(days=i)
    for _, _, first, last in _HOLIDAYS
    for i in range((_d(last) - _d(first)).days + 1)
)


def events(start: date, end: date) -> list[Event]:
    """Events that overlap ``start..end`` (both included), ordered by start date.

    Args:
        start: first day of the window.
        end: last day of the window.

    Returns:
        The events, each whole (an event that starts before ``start`` keeps its
        real ``starts_on``).

    Example:
        >>> [(e.kind, e.name_zh) for e in events(date(2026, 2, 1), date(2026, 2, 28))]
        [('nianhuo', '年货节'), ('spring_festival', '春节'), ('public_holiday', '春节假期')]
    """
    start, end = _as_date(start), _as_date(end)
    return [e for e in _EVENTS if e.starts_on <= end and e.ends_on >= start]


def events_frame(start: date, end: date) -> pd.DataFrame:
    """The events overlapping ``start..end`` as a DataFrame, one row per event.

    Columns: name, kind, starts_on, ends_on, peak_on, name_zh, days (dates as
    ``datetime64[s]``, ``peak_on`` NaT when the event has no peak).

    Example:
        >>> events_frame(date(2025, 11, 1), date(2025, 12, 31))[["kind", "peak_on"]]
               kind    peak_on
        0  double11 2025-11-11
        1  double12 2025-12-12
    """
    evs = events(start, end)
    frame = pd.DataFrame(
        {
            "name": pd.Series([e.name for e in evs], dtype="str"),
            "kind": pd.Series([e.kind for e in evs], dtype="str"),
            "starts_on": pd.to_datetime([e.starts_on for e in evs]).astype("datetime64[s]"),
            "ends_on": pd.to_datetime([e.ends_on for e in evs]).astype("datetime64[s]"),
            "peak_on": pd.to_datetime([e.peak_on for e in evs]).astype("datetime64[s]"),
            "name_zh": pd.Series([e.name_zh for e in evs], dtype="str"),
            "days": pd.Series([e.days for e in evs], dtype="int64"),
        }
    )
    return frame


def day_kinds(start: date, end: date) -> pd.DataFrame:
    """One row per date of ``start..end`` describing what kind of day it is.

    Columns:
        date (datetime64[s]), weekday (0 = Monday … 6 = Sunday),
        is_holiday (official day off), is_swapped_workday (weekend day worked, 调休),
        is_working_day (weekday that is not a holiday, or a swapped workday),
        event (kind of the highest-priority event covering the day, "" if none;
        priority spring_festival > double11 > 618 > double12 > nianhuo > women38 >
        public_holiday), is_event_peak (the peak day of a covering event),
        is_logistics_shutdown (inside the Spring Festival shutdown).

    Example:
        >>> d = day_kinds(date(2025, 1, 26), date(2025, 1, 26)).iloc[0]
        >>> bool(d.is_swapped_workday), bool(d.is_working_day), d.event
        (True, True, 'spring_festival')
    """
    start, end = _as_date(start), _as_date(end)
    if end < start:
        raise ValueError(f"day_kinds: end {end} is before start {start}")
    n = (end - start).days + 1
    days = [start + timedelta(days=i) for i in range(n)]
    evs = events(start, end)
    kind_of: list[str] = []
    peak: list[bool] = []
    shutdown: list[bool] = []
    for day in days:
        covering = [e for e in evs if e.covers(day)]
        covering.sort(key=lambda e: _PRIORITY[e.kind])
        kind_of.append(covering[0].kind if covering else "")
        peak.append(any(e.peak_on == day for e in covering))
        shutdown.append(any(e.kind == "spring_festival" for e in covering))
    weekday = [d.weekday() for d in days]
    is_holiday = [d in _HOLIDAY_DAYS for d in days]
    swapped = [d in SWAPPED_WORKDAYS for d in days]
    working = [(w < 5 and not h) or s for w, h, s in zip(weekday, is_holiday, swapped, strict=True)]
    return pd.DataFrame(
        {
            "date": pd.to_datetime(days).astype("datetime64[s]"),
            "weekday": pd.Series(weekday, dtype="int64"),
            "is_holiday": pd.Series(is_holiday, dtype="bool"),
            "is_swapped_workday": pd.Series(swapped, dtype="bool"),
            "is_working_day": pd.Series(working, dtype="bool"),
            "event": pd.Series(kind_of, dtype="str"),
            "is_event_peak": pd.Series(peak, dtype="bool"),
            "is_logistics_shutdown": pd.Series(shutdown, dtype="bool"),
        }
    )


def _as_date(value) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return date.fromisoformat(str(value))
